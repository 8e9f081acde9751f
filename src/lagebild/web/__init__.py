"""The web UI and JSON API over a lagebild store (``lagebild serve``)."""

from lagebild.web.app import create_app, serve

__all__ = ["create_app", "serve"]
