"""Wire the read-only viewer: one route table, static files, security headers, a Host allowlist.

``create_app`` opens the store with ``duckdb.connect(path, read_only=True)``; nothing here writes.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import BadInputError
from ..settings import DEFAULT_SETTINGS, Settings
from . import views
from .queries import Store

STATIC = Path(__file__).resolve().parent / "static"
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]", "::1")
REQUIRED_TABLES = ("articles", "events")
SECURITY_HEADERS = (
    (b"content-security-policy", b"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                 b"connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
)  # fmt: skip
STATIC_CACHE = (b"cache-control", b"public, max-age=86400")  # asset URLs carry ?v=, so a day is safe
ROUTES = (
    Route("/", views.home),
    Route("/events", views.events_page),
    Route("/events.json", views.events_json),
    Route("/events.csv", views.events_csv),
    Route("/timeline.json", views.timeline_json),
    Route("/map.json", views.map_json),
    Route("/facets.json", views.facets_json),
    Route("/article/{id:path}.json", views.article_json),
    Route("/article/{id:path}", views.article_page),
    Route("/openapi.json", views.openapi_json),
    Route("/docs", views.docs),
    Mount("/static", StaticFiles(directory=STATIC), name="static"),
)


class SecurityHeaders:
    """Add the security headers to every response, and a cache lifetime to static assets."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        static = scope["type"] == "http" and scope["path"].startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = [*SECURITY_HEADERS, *((STATIC_CACHE,) if static else ())]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers if scope["type"] == "http" else send)


def open_store(db_path: str | Path, settings: Settings) -> Store:
    """Open the store read-only, checking that it is an eventwire database."""
    path = Path(db_path)
    if not path.is_file():
        raise BadInputError(f"no database at {path}")
    store = Store(path, timeout_ms=settings.web_query_timeout_ms, max_rows=settings.web_max_rows)
    _, rows = store.rows("SELECT table_name FROM information_schema.tables")
    missing = set(REQUIRED_TABLES) - {r[0] for r in rows}
    if missing:
        store.close()
        raise BadInputError(f"{path} is not an eventwire store (no {', '.join(sorted(missing))} table)")
    return store


def create_app(
    db_path: str | Path, settings: Settings | None = None, *, hosts: Sequence[str] = LOOPBACK_HOSTS
) -> Starlette:
    """Return the viewer over the store at ``db_path``; only requests naming one of ``hosts`` are served.

    (Starlette's TestClient calls itself ``testserver``: give it ``base_url="http://127.0.0.1"``.)
    """
    settings = settings or DEFAULT_SETTINGS
    store = open_store(db_path, settings)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):
        yield
        store.close()

    app = Starlette(
        routes=list(ROUTES),
        middleware=[
            Middleware(SecurityHeaders),
            Middleware(TrustedHostMiddleware, allowed_hosts=list(hosts)),
        ],
        exception_handlers={404: views.not_found},
        lifespan=lifespan,
    )
    app.state.store = store
    app.state.settings = settings
    return app


def serve(
    db_path: str | Path, *, host: str = "127.0.0.1", port: int = 8000, settings: Settings | None = None
) -> None:
    """Run the viewer with uvicorn until interrupted."""
    import uvicorn

    hosts = (
        LOOPBACK_HOSTS
        if host in LOOPBACK_HOSTS
        else ("*",)
        if host in ("0.0.0.0", "::")
        else (*LOOPBACK_HOSTS, host)
    )
    app = create_app(db_path, settings, hosts=hosts)
    uvicorn.run(app, host=host, port=port, log_level="warning")
