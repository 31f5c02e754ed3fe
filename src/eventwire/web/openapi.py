"""The OpenAPI 3.1 description of the viewer's JSON API, built from the same parameter tables that validate."""

from __future__ import annotations

from typing import Any

from .params import FILTER_PARAMS, MAP_PARAMS, PAGE_PARAMS, TIMELINE_PARAMS, Param

_TYPES = {"date": {"type": "string", "format": "date"}, "int": {"type": "integer"}, "float": {"type": "number"},
          "country": {"type": "string", "pattern": "^[A-Za-z]{3}$"}, "mode": {"type": "string"},
          "text": {"type": "string", "maxLength": 200}}  # fmt: skip
_ERROR = {"description": "A parameter is bad or unknown; ``error`` says which and why.",
          "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}  # fmt: skip
_TIMEOUT = {"description": "The query ran past the time limit and was stopped.",
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}  # fmt: skip


def _param(p: Param, max_rows: int) -> dict[str, Any]:
    schema: dict[str, Any] = (
        {"type": "string", "enum": list(p.choices)} if p.kind == "enum" else dict(_TYPES[p.kind])
    )
    if p.minimum is not None:
        schema["minimum"] = p.minimum
    maximum = max_rows if p.name == "per_page" else p.maximum
    if maximum is not None:
        schema["maximum"] = maximum
    if p.default is not None:
        schema["default"] = p.default
    if p.multi:
        schema = {"type": "array", "items": schema}
    return {"name": p.name, "in": "query", "required": False, "description": p.help, "schema": schema,
            **({"style": "form", "explode": True} if p.multi else {})}  # fmt: skip


def _op(summary: str, params: tuple[Param, ...], schema: str, max_rows: int, *, media: str = "application/json",
        path_id: bool = False) -> dict[str, Any]:  # fmt: skip
    parameters = [_param(p, max_rows) for p in params]
    if path_id:
        parameters.insert(0, {"name": "id", "in": "path", "required": True, "schema": {"type": "string"},
                              "description": "The article id (see ``article_id`` of an event)."})  # fmt: skip
    responses: dict[str, Any] = {
        "200": {"description": "OK", "content": {media: {"schema": {"$ref": f"#/components/schemas/{schema}"}}}},
        "400": _ERROR, "503": _TIMEOUT,
    }  # fmt: skip
    if path_id:
        responses["404"] = {"description": "No article has this id.",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}  # fmt: skip
    return {"get": {"summary": summary, "parameters": parameters, "responses": responses}}


def _obj(**props: Any) -> dict[str, Any]:
    return {"type": "object", "properties": props}


def spec(max_rows: int) -> dict[str, Any]:
    """Return the OpenAPI document; ``max_rows`` is the server's row cap."""
    s, i, n, a = {"type": "string"}, {"type": "integer"}, {"type": "number"}, {"type": "array"}
    event = _obj(event_id=s, article_id=s, idx=i, event_date={"type": ["string", "null"], "format": "date"}, type=s,
                 mode=s, flags={**a, "items": s}, actor_text=s, actor_name=s, actor_country=s, recipient_text=s,
                 recipient_name=s, recipient_country=s, location_name=s, location_country=s, lat=n, lon=n,
                 size_min=n, size_max=n, trigger_text=s, sentence=s, confidence=n, published=s, title=s, url=s)  # fmt: skip
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "eventwire viewer API",
            "version": "1",
            "description": "Read-only JSON over an eventwire DuckDB store. Every list is capped at "
            f"{max_rows} rows; every filter below is validated and a bad value gives 400.",
        },  # fmt: skip
        "paths": {
            "/events.json": _op(
                "Events matching the filters, one page, sorted",
                FILTER_PARAMS + PAGE_PARAMS,
                "EventPage",
                max_rows,
            ),  # fmt: skip
            "/events.csv": _op(
                f"Every event matching the filters as CSV (at most {max_rows * 100} rows)",
                FILTER_PARAMS + PAGE_PARAMS[:2],
                "CsvText",
                max_rows,
                media="text/csv",
            ),  # fmt: skip
            "/timeline.json": _op(
                "Event counts per day, week or month and type",
                FILTER_PARAMS + TIMELINE_PARAMS,
                "Timeline",
                max_rows,
            ),  # fmt: skip
            "/map.json": _op(
                "Event counts per country and per located point",
                FILTER_PARAMS + MAP_PARAMS,
                "MapCounts",
                max_rows,
            ),  # fmt: skip
            "/facets.json": _op(
                "Types, countries and modes with counts; the date range", (), "Facets", max_rows
            ),
            "/article/{id}.json": _op(
                "One article: its text, full Document and every highlighted span",
                (),
                "Article",
                max_rows,
                path_id=True,
            ),  # fmt: skip
        },
        "components": {
            "schemas": {
                "Error": _obj(error=s, status=i),
                "Event": event,
                "EventPage": _obj(
                    total=i,
                    page=i,
                    per_page=i,
                    pages=i,
                    sort=s,
                    order=s,
                    filters={"type": "object"},
                    rows={**a, "items": {"$ref": "#/components/schemas/Event"}},
                ),  # fmt: skip
                "CsvText": s,
                "Timeline": _obj(
                    interval=s,
                    first=s,
                    last=s,
                    buckets={**a, "items": s},
                    undated=i,
                    series={"type": "object", "additionalProperties": {**a, "items": i}},
                ),  # fmt: skip
                "MapCounts": _obj(
                    by=s,
                    located=i,
                    countries={**a, "items": _obj(country=s, n=i)},
                    points={**a, "items": _obj(lat=n, lon=n, name=s, country=s, n=i)},
                ),  # fmt: skip
                "Facets": _obj(events=i, articles=i, first=s, last=s, types=a, countries=a, modes=a),
                "Span": _obj(
                    kind={
                        "type": "string",
                        "enum": [
                            "trigger",
                            "actor",
                            "recipient",
                            "place",
                            "date",
                            "quantity",
                            "quote",
                            "speaker",
                            "sentence",
                        ],
                    },
                    start=i,
                    end=i,
                    text=s,
                    label=s,
                    events={**a, "items": i},
                ),  # fmt: skip
                "Article": _obj(
                    id=s,
                    title=s,
                    url=s,
                    published=s,
                    language=s,
                    text=s,
                    warnings=a,
                    document={"type": "object", "description": "The Document as eventwire extract prints it"},
                    spans={**a, "items": {"$ref": "#/components/schemas/Span"}},
                ),  # fmt: skip
            }
        },
    }
