"""Request handlers: parse and validate, call one query function, answer HTML or its JSON twin.

Handlers are plain functions (Starlette runs them in its thread pool, so DuckDB work never blocks the
event loop). A bad parameter answers 400, a missing article 404, a query past the time limit 503.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from typing import Any

from starlette.requests import Request
from starlette.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
    StreamingResponse,
)

from . import queries, render
from .highlight import marks
from .openapi import spec
from .params import (
    FILTER_PARAMS,
    MAP_PARAMS,
    PAGE_PARAMS,
    PAGE_VIEW_PARAMS,
    TIMELINE_PARAMS,
    BadParam,
    Param,
    page_of,
    parse,
    split,
)  # fmt: skip

ARTICLE_ID_RE = re.compile(r"^[^\x00-\x1f\x7f/]{1,200}$")
EVENT_PARAM = (Param("event", "int", "Index of the event to bring into focus.", minimum=0, maximum=100_000),)
Handler = Callable[[Request], Response]


def _json(data: Any, status: int = 200) -> JSONResponse:
    return JSONResponse(data, status_code=status)


def _error(status: int, message: str, as_json: bool) -> Response:
    if as_json:
        return _json({"error": message, "status": status}, status)
    if status >= 500 or as_json is None:
        return PlainTextResponse(message, status_code=status)
    return HTMLResponse(render.error_page(status, message), status_code=status)


def guarded(as_json: bool) -> Callable[[Handler], Handler]:
    """Turn BadParam, TooManyBuckets and QueryTimeout raised by a handler into 400/503 answers."""

    def wrap(handler: Handler) -> Handler:
        def run(request: Request) -> Response:
            try:
                return handler(request)
            except (BadParam, queries.TooManyBuckets) as exc:
                return _error(400, str(exc), as_json)
            except queries.QueryTimeout as exc:
                return _error(503, str(exc), as_json)

        run.__name__ = handler.__name__
        run.__doc__ = handler.__doc__
        return run

    return wrap


def _query(request: Request, params: tuple[Param, ...]) -> dict[str, Any]:
    query = {k: request.query_params.getlist(k) for k in request.query_params}
    return parse(query, params, max_rows=request.app.state.store.max_rows)


def _store(request: Request) -> queries.Store:
    return request.app.state.store


def home(request: Request) -> Response:
    """Send the visitor to the events page, keeping the query string."""
    query = request.url.query
    return RedirectResponse("/events" + (f"?{query}" if query else ""), status_code=307)


def _explore(request: Request) -> tuple[dict[str, Any], Any, dict[str, Any]]:
    store = _store(request)
    filters, rest = split(_query(request, FILTER_PARAMS + PAGE_PARAMS + PAGE_VIEW_PARAMS))
    page = page_of(rest, store.max_rows)
    view = {"sort": page.sort, "order": page.order, "interval": rest.get("interval", "auto"),
            "map_by": rest.get("map_by", "location")}  # fmt: skip
    data = {
        "events": queries.search_events(store, filters, page),
        "timeline": queries.timeline(store, filters, view["interval"]),
        "map": queries.map_counts(store, filters, view["map_by"]),
        "facets": queries.facets(store),
        "view": {**view, "page": page.page, "per_page": page.per_page},
        "max_rows": store.max_rows,
    }
    return data, filters, view


@guarded(as_json=False)
def events_page(request: Request) -> Response:
    """The events page: filters, timeline, map, table."""
    data, filters, view = _explore(request)
    return HTMLResponse(render.explore_page(data, filters, view))


@guarded(as_json=True)
def events_json(request: Request) -> Response:
    """One page of events matching the filters (the events page's twin)."""
    store = _store(request)
    filters, rest = split(_query(request, FILTER_PARAMS + PAGE_PARAMS))
    return _json(queries.search_events(store, filters, page_of(rest, store.max_rows)))


def _csv_lines(columns: list[str], rows: Iterator[tuple]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for n, row in enumerate(rows, 1):
        writer.writerow([";".join(v) if isinstance(v, list) else v for v in row])
        if n % 2000 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


@guarded(as_json=True)
def events_csv(request: Request) -> Response:
    """Every event matching the filters as CSV, sorted like the table, up to the CSV cap."""
    store = _store(request)
    filters, rest = split(_query(request, FILTER_PARAMS + PAGE_PARAMS[:2]))
    columns, rows, truncated = queries.csv_events(store, filters, page_of(rest, store.max_rows))
    headers = {"Content-Disposition": 'attachment; filename="eventwire-events.csv"',
               "X-Eventwire-Truncated": "true" if truncated else "false"}  # fmt: skip
    return StreamingResponse(_csv_lines(columns, rows), media_type="text/csv; charset=utf-8", headers=headers)


@guarded(as_json=True)
def timeline_json(request: Request) -> Response:
    """Event counts per time bucket and type."""
    filters, rest = split(_query(request, FILTER_PARAMS + TIMELINE_PARAMS))
    return _json(queries.timeline(_store(request), filters, rest.get("interval", "auto")))


@guarded(as_json=True)
def map_json(request: Request) -> Response:
    """Event counts per country and per located point."""
    filters, rest = split(_query(request, FILTER_PARAMS + MAP_PARAMS))
    return _json(queries.map_counts(_store(request), filters, rest.get("by", "location")))


@guarded(as_json=True)
def facets_json(request: Request) -> Response:
    """What the sidebar offers."""
    _query(request, ())
    return _json(queries.facets(_store(request)))


def _article(request: Request) -> tuple[dict[str, Any] | None, list, int | None]:
    article_id = request.path_params["id"]
    if not ARTICLE_ID_RE.match(article_id):
        raise BadParam("id: not an article id")
    focus = _query(request, EVENT_PARAM).get("event")
    row = queries.article(_store(request), article_id)
    if row is None:
        return None, [], focus
    return row, marks(row["document"], len(row.get("text") or "")), focus


@guarded(as_json=False)
def article_page(request: Request) -> Response:
    """The article with every span highlighted."""
    row, spans, focus = _article(request)
    if row is None:
        return _error(404, f"no article has the id {request.path_params['id']!r}", False)
    return HTMLResponse(render.article_page(row, spans, focus))


@guarded(as_json=True)
def article_json(request: Request) -> Response:
    """The article's text, Document and spans (the article page's twin)."""
    row, spans, _ = _article(request)
    if row is None:
        return _error(404, f"no article has the id {request.path_params['id']!r}", True)
    return _json({**row, "spans": [m.to_dict(row.get("text") or "") for m in spans]})


def openapi_json(request: Request) -> Response:
    """The OpenAPI document."""
    return _json(spec(_store(request).max_rows))


def docs(request: Request) -> Response:
    """The API reference page."""
    store = _store(request)
    first = store.rows("SELECT min(id) FROM articles")[1][0][0]
    return HTMLResponse(render.docs_page(spec(store.max_rows), example_id=first or "ID"))


def not_found(request: Request, exc: Exception) -> Response:
    """Answer 404 as JSON for ``.json`` paths and as a page otherwise."""
    path = request.url.path
    return _error(404, f"nothing at {path}", path.endswith((".json", ".csv")))
