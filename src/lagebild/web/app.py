"""The web app: a FastAPI application over one store file, read-only.

``create_app(db_path)`` builds the app; :func:`serve` runs it with uvicorn. Each kind of page
lives in its own module under :mod:`lagebild.web.views`, with its JSON API beside it.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from lagebild import __version__
from lagebild.store.db import connect
from lagebild.web import workers as reuse_port
from lagebild.web.cache import ResponseCache
from lagebild.web.deps import build_templates, render
from lagebild.web.pool import ConnectionPool
from lagebild.web.views import articles, entities, places, quotes, stories

# no inline script, no foreign origin: article text cannot run code even if escaping failed
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# the API explorer (swagger-ui-bundle, served locally) needs its own inline start-up script
DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)


class SecurityHeaders:
    """Adds the Content-Security-Policy and friends to every response (plain ASGI, cheap)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = DOCS_CSP if scope.get("path") == "/docs" else CSP

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers["Content-Security-Policy"] = policy
                headers["X-Content-Type-Options"] = "nosniff"
                headers["Referrer-Policy"] = "no-referrer"
                headers["X-Frame-Options"] = "DENY"
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _swagger_dir() -> Path | None:
    try:
        import swagger_ui_bundle
    except ImportError:
        return None
    return Path(swagger_ui_bundle.swagger_ui_path)


def create_app(db_path: str | Path) -> FastAPI:
    """The lagebild web app over the store at ``db_path`` (read-only pooled connections)."""
    db_path = Path(db_path)
    pool = ConnectionPool(db_path)  # fails now, not on the first request, if unusable
    app = FastAPI(
        title="lagebild",
        version=__version__,
        description="Search and explore a lagebild store: articles, entities, quotes, places.",
        docs_url=None,
        redoc_url=None,
    )
    # the bundled Swagger UI (4.x) reads OpenAPI 3.0 documents; ours use nothing newer
    app.openapi_version = "3.0.3"
    app.state.db_path = db_path
    app.state.pool = pool
    app.state.templates = build_templates()
    static = resources.files("lagebild.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    swagger = _swagger_dir()
    if swagger is not None:
        app.mount("/docs-assets", StaticFiles(directory=str(swagger)), name="docs-assets")

        @app.get("/docs", include_in_schema=False)
        def docs() -> HTMLResponse:
            return get_swagger_ui_html(
                openapi_url="/openapi.json",
                title="lagebild API",
                swagger_js_url="/docs-assets/swagger-ui-bundle.js",
                swagger_css_url="/docs-assets/swagger-ui.css",
                swagger_favicon_url="/static/favicon.svg",
            )

    for view in (articles, entities, quotes, places, stories):
        app.include_router(view.router)

    app.add_middleware(articles.SearchFastPath, pool=pool)  # inside the cache and the headers
    app.add_middleware(SecurityHeaders)
    app.add_middleware(ResponseCache, db_path=db_path)  # outermost: caches the final headers

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        if request.url.path.startswith("/api/"):
            errors = [
                {"loc": list(e.get("loc", ())), "msg": e.get("msg", ""), "type": e.get("type")}
                for e in exc.errors()
            ]
            return JSONResponse({"detail": errors}, status_code=422)
        message = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ())[1:])}: {e.get('msg', '')}"
            for e in exc.errors()
        )
        return render(request, "error.html", {"status": 400, "message": message}, 400)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith(("/api/", "/static/", "/docs-assets/")):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)
        return render(
            request,
            "error.html",
            {"status": exc.status_code, "message": exc.detail},
            exc.status_code,
        )

    return app


DB_ENV = "LAGEBILD_DB"


def app_from_environment() -> FastAPI:
    """The app over the store named by ``$LAGEBILD_DB`` (for uvicorn worker processes)."""
    return create_app(os.environ[DB_ENV])


def serve(
    db_path: str | Path, *, host: str = "127.0.0.1", port: int = 8000, workers: int = 1
) -> None:
    """Serve the store at ``db_path`` until interrupted, in ``workers`` processes."""
    import uvicorn

    if workers <= 1:
        uvicorn.run(create_app(db_path), host=host, port=port, access_log=False)
        return
    connect(db_path, readonly=True).close()  # fail here, not in every worker
    if reuse_port.supported():  # one listening socket per process: connections spread evenly
        reuse_port.serve_processes(Path(db_path).resolve(), host=host, port=port, workers=workers)
        return
    os.environ[DB_ENV] = str(Path(db_path).resolve())
    uvicorn.run(
        "lagebild.web.app:app_from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        access_log=False,
    )
