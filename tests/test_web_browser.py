"""The web UI in a real browser: Debian's chromium driven by playwright (no browser download).

The app runs under uvicorn on 127.0.0.1 on a free port over a small store built here.
Screenshots of every page land in ``test-artifacts/`` (git-ignored).

``LAGEBILD_DOCS_DB=lagebild.db pytest tests/test_web_browser.py -k docs`` also refreshes
``docs/screenshots/*.png`` from a real store (the demo's, built from ``examples/``).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest_web import XSS_TITLE, build_store

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ROOT / "docs" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")


def _install_chromium() -> str | None:
    """Install Debian's chromium when it is missing; the reason it cannot be, or None."""
    if CHROMIUM.exists():
        return None
    apt = shutil.which("apt-get")
    if apt is None or os.geteuid() != 0:
        return "chromium is missing and cannot be installed (needs apt-get as root)"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    try:  # a fresh machine has no package lists yet: without an update, install finds nothing
        subprocess.run([apt, "update"], check=True, capture_output=True, timeout=300, env=env)
        subprocess.run(
            [apt, "install", "-y", "--no-install-recommends", "chromium"],
            check=True,
            capture_output=True,
            timeout=600,
            env=env,
        )
    except (subprocess.SubprocessError, OSError) as exc:
        return f"installing chromium failed: {exc}"
    return None if CHROMIUM.exists() else "chromium is still missing after apt-get install"


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    reason = _install_chromium()
    if reason:
        pytest.skip(reason)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveServer:
    """The real app under uvicorn in a thread, bound to loopback."""

    def __init__(self, db_path: Path) -> None:
        import uvicorn

        from lagebild.web import create_app

        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            create_app(db_path), host="127.0.0.1", port=self.port, log_level="warning"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the web server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with LiveServer(build_store(tmp_path_factory.mktemp("browser") / "store.db")) as server:
        yield server


@pytest.fixture
def page(browser: object, live: LiveServer) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    page.dialogs = []  # type: ignore[attr-defined]
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    outside: list[str] = []
    page.on(
        "request",
        lambda request: None if request.url.startswith(live.url) else outside.append(request.url),
    )
    yield page
    context.close()
    assert outside == [], f"the page loaded something from elsewhere: {outside}"


def _shot(page: object, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
    assert path.stat().st_size > 5_000
    return path


def test_search(page: object, live: LiveServer) -> None:
    page.goto(live.url + "/")
    page.fill("input[name=q]", "Waffenruhe")
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/?q=Waffenruhe*")
    hits = page.locator("li.hit")
    assert hits.count() == 2
    assert page.locator("#total").inner_text() == "2"
    assert page.locator("mark", has_text="Waffenruhe").count() >= 1
    assert page.locator("rect.bar").count() >= 1
    _shot(page, "search")


def test_open_article(page: object, live: LiveServer) -> None:
    page.goto(live.url + "/?q=Genf")
    page.locator("a.hit-title", has_text="Gespräche über eine Waffenruhe").click()
    page.wait_for_url("**/articles/*")
    assert "Gespräche über eine Waffenruhe" in page.locator("h1.title").inner_text()
    assert page.locator("a.ent-PER", has_text="Anna Weber").first.is_visible()
    assert page.locator("span.quote[data-quote]").count() == 1
    assert page.locator("a.timex").count() == 2
    _shot(page, "article")


def test_xss_article_shows_text_and_runs_nothing(page: object, live: LiveServer) -> None:
    page.goto(live.url + "/?q=Markup")
    page.locator("a.hit-title").first.click()
    page.wait_for_url("**/articles/*")
    assert page.locator("h1.title").inner_text() == XSS_TITLE
    assert "<img src=x onerror=alert(1)>" in page.locator("p.paragraph").first.inner_text()
    assert page.locator("article img").count() == 0
    page.wait_for_timeout(300)
    assert page.dialogs == []  # type: ignore[attr-defined]
    _shot(page, "article-xss")


def test_entity_page(page: object, live: LiveServer) -> None:
    page.goto(live.url + "/?q=Genf")
    page.locator("a.hit-title").first.click()
    page.locator("a.ent-PER", has_text="Anna Weber").first.click()
    page.wait_for_url("**/entities/per-weber")
    assert page.locator("h1").inner_text() == "Anna Weber"
    assert page.locator("svg.network g.node").count() == 6
    assert page.locator("ul.quotes li").count() == 2
    _shot(page, "entity")


def test_map_renders_points(page: object, live: LiveServer) -> None:
    page.goto(live.url + "/map")
    dots = page.locator("circle.place")
    assert dots.count() == 4
    for i in range(dots.count()):
        box = dots.nth(i).bounding_box()
        assert box is not None and box["width"] > 2
    assert page.locator(".countries path").count() in (0, 177)  # 177 with lagebild[map]
    _shot(page, "map")
    world_box = page.locator("svg#map").get_attribute("viewBox")
    radius = float(dots.first.get_attribute("r") or 0)
    page.locator("button[data-viewbox]", has_text="Europa").click()
    assert page.locator("svg#map").get_attribute("viewBox") != world_box
    assert 0 < float(dots.first.get_attribute("r") or 0) < radius  # same size on screen
    _shot(page, "map-europe")


DOCS_DB = os.environ.get("LAGEBILD_DOCS_DB")


@pytest.mark.skipif(not DOCS_DB, reason="set LAGEBILD_DOCS_DB to a store to refresh docs/")
def test_docs_screenshots(browser: object) -> None:
    """Screenshots for docs/screenshots from a real store (run on demand)."""
    db = Path(DOCS_DB or "")
    with LiveServer(db) as server:
        context = browser.new_context(viewport={"width": 1280, "height": 1000})  # type: ignore[attr-defined]
        page = context.new_page()
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.goto(server.url + "/?q=Waffenruhe")
        assert page.locator("li.hit").count() > 0
        page.screenshot(path=str(SCREENSHOTS / "search.png"))
        page.locator("a.hit-title").first.click()
        page.wait_for_url("**/articles/*")
        page.screenshot(path=str(SCREENSHOTS / "article.png"))
        page.goto(server.url + "/entities?type=PER")  # the most frequent person
        if page.locator("table a").count() == 0:
            page.goto(server.url + "/entities")
        page.locator("table a").first.click()
        page.wait_for_url("**/entities/*")
        page.screenshot(path=str(SCREENSHOTS / "entity.png"))
        page.goto(server.url + "/map")
        assert page.locator("circle.place").count() > 0
        page.screenshot(path=str(SCREENSHOTS / "map.png"))
        context.close()


def test_api_explorer_renders_offline(page: object, live: LiveServer) -> None:
    page.goto(live.url + "/docs")
    page.wait_for_selector(".opblock", timeout=15_000)
    assert page.locator(".opblock").count() >= 7
