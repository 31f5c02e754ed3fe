"""Build the viewer's HTML pages. Every value from the store or the URL goes through ``escape``.

Data for the scripts travels as JSON inside ``<script type="application/json">`` with ``<``, ``>`` and ``&``
escaped, so no stored text can close the element.
"""

from __future__ import annotations

import json
from html import escape
from typing import Any
from urllib.parse import quote

from ..document import EVENT_FLAGS, PLOVER_TYPES
from .highlight import KINDS, LEGEND, Mark, render
from .params import FILTER_PARAMS, INTERVALS, MAP_BY, PAGE_PARAMS, Filters

STATIC_VERSION = "1"


def h(value: Any) -> str:
    """Return ``value`` as text safe inside HTML elements and quoted attributes."""
    return escape("" if value is None else str(value), quote=True)


def json_script(element_id: str, data: Any) -> str:
    """Return ``data`` as a non-executable JSON script element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" id="{h(element_id)}">{text}</script>'


def layout(title: str, body: str, *, scripts: tuple[str, ...] = (), page: str = "", preload: str = "") -> str:
    """Return a full page around ``body``; ``preload`` is a static file the page's scripts will fetch."""
    preload = f'<link rel="preload" href="/static/{h(preload)}" as="fetch" crossorigin>' if preload else ""
    tags = "".join(f'<script src="/static/{h(s)}?v={STATIC_VERSION}" defer></script>' for s in scripts)
    here = ' class="here"'
    nav = "".join(f'<a href="{href}"{here if page == name else ""}>{label}</a>'
                  for name, href, label in (("events", "/events", "Events"), ("docs", "/docs", "API")))  # fmt: skip
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{h(title)} · eventwire</title>"
        f'<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">'
        f"{preload}"
        f'<link rel="stylesheet" href="/static/app.css?v={STATIC_VERSION}">{tags}</head>'
        f'<body class="page-{h(page)}"><header class="top"><a class="brand" href="/events">eventwire</a>'
        f'<nav>{nav}</nav></header>{body}</body></html>'
    )  # fmt: skip


def _options(items: list[tuple[str, str]], selected: str | None, blank: str) -> str:
    out = [f'<option value="">{h(blank)}</option>']
    for value, label in items:
        sel = " selected" if value == selected else ""
        out.append(f'<option value="{h(value)}"{sel}>{h(label)}</option>')
    return "".join(out)


def _help(name: str) -> str:
    return next((p.help for p in FILTER_PARAMS if p.name == name), "")


def sidebar(filters: Filters, facets: dict[str, Any], view: dict[str, Any]) -> str:
    """Return the filter form; its field names are the API's parameter names."""
    counts = {t["type"]: t["n"] for t in facets["types"]}
    types = "".join(
        f'<label class="check"><input type="checkbox" name="type" value="{t}"'
        f'{" checked" if t in filters.type else ""}><span class="swatch t-{t.lower()}"></span>{t.title()}'
        f'<span class="n">{counts.get(t, 0):,}</span></label>'
        for t in PLOVER_TYPES
    )
    countries = [(c["country"], f"{c['name']} ({c['country']})") for c in facets["countries"]]
    country_selects = "".join(
        f'<label>{h(label)}<select name="{name}" title="{h(_help(name))}">'
        f"{_options(countries, getattr(filters, name), 'Any')}</select></label>"
        for name, label in (("country", "Actor or recipient country"), ("actor_country", "Actor country"),
                            ("recipient_country", "Recipient country"), ("location_country", "Location country"))
    )  # fmt: skip
    modes = [(m["mode"], f"{m['mode']} ({m['n']:,})") for m in facets["modes"]]
    excludes = "".join(
        f'<label class="check"><input type="checkbox" name="exclude" value="{f}"'
        f"{' checked' if f in filters.exclude else ''}>{f}</label>"
        for f in EVENT_FLAGS
    )
    texts = "".join(
        f'<label>{h(label)}<input type="search" name="{name}" value="{h(getattr(filters, name))}" '
        f'placeholder="{h(ph)}" title="{h(_help(name))}" maxlength="200"></label>'
        for name, label, ph in (("actor", "Actor text", "e.g. police"), ("place", "Place", "e.g. a city"),
                                ("q", "Text in sentence", "words in the sentence"))
    )  # fmt: skip
    hidden = "".join(
        f'<input type="hidden" name="{k}" value="{h(v)}">' for k, v in view.items() if v is not None
    )
    conf = "" if filters.min_confidence is None else filters.min_confidence
    return (
        '<aside class="sidebar"><form id="filters" method="get" action="/events">'
        '<h2>Filters</h2>'
        '<fieldset><legend>Event date</legend><div class="row">'
        f'<label>From<input type="date" name="since" value="{h(filters.since)}"></label>'
        f'<label>To<input type="date" name="until" value="{h(filters.until)}"></label></div></fieldset>'
        '<fieldset><legend>Event type <span class="links"><button type="button" data-types="all">all</button>'
        f'<button type="button" data-types="none">none</button></span></legend><div class="types">{types}</div>'
        '</fieldset>'
        f'<fieldset><legend>Who and where</legend>{country_selects}{texts}</fieldset>'
        '<fieldset><legend>Mode and reliability</legend>'
        f'<label>Mode<select name="mode">{_options(modes, filters.mode, "Any")}</select></label>'
        f'<label>Minimum confidence<input type="number" name="min_confidence" min="0" max="1" step="0.05" '
        f'value="{h(conf)}"></label><div class="excl"><span>Leave out</span>{excludes}</div></fieldset>'
        f'{hidden}<input type="hidden" name="article" value="{h(filters.article)}">'
        '<div class="actions"><button type="submit" class="primary">Apply</button>'
        '<a class="button" href="/events">Reset</a></div></form></aside>'
    )  # fmt: skip


def explore_page(data: dict[str, Any], filters: Filters, view: dict[str, Any]) -> str:
    """Return the events page: sidebar, timeline, map and table; ``data`` is drawn by explore.js."""
    intervals = "".join(
        f"<option{' selected' if i == view.get('interval') else ''}>{i}</option>" for i in INTERVALS
    )
    map_by = "".join(f"<option{' selected' if b == view.get('map_by') else ''}>{b}</option>" for b in MAP_BY)
    total = data["events"]["total"]
    sorts = ", ".join(next(p for p in PAGE_PARAMS if p.name == "sort").choices)
    body = (
        '<div class="explore">' + sidebar(filters, data["facets"], {k: view.get(k) for k in ("sort", "order", "interval", "map_by")})
        + '<main class="content">'
        f'<div class="summary"><span id="summary">{total:,} events</span><span class="spacer"></span>'
        '<a id="csv" class="button" href="/events.csv" download>Download CSV</a>'
        '<a id="json" class="button" href="/events.json">JSON</a></div>'
        '<section class="card" id="timeline-card"><div class="card-head"><h3>Timeline</h3>'
        f'<label>Interval <select id="interval">{intervals}</select></label></div>'
        '<div id="timeline" class="chart" aria-label="Events over time"></div><div id="timeline-legend" class="legend"></div></section>'
        '<section class="card" id="map-card"><div class="card-head"><h3>Map</h3>'
        f'<label>Count by <select id="map-by">{map_by}</select></label></div>'
        '<div id="map" class="map" aria-label="Events by country and location"></div>'
        '<div id="map-legend" class="legend"></div></section>'
        '<section class="card" id="table-card"><div class="card-head"><h3>Events</h3>'
        f'<span class="hint" title="Sort keys: {h(sorts)}">Click a column to sort; a row opens its article.</span></div>'
        '<div class="table-wrap"><table id="events"><thead></thead><tbody></tbody></table></div>'
        '<div class="pager" id="pager"></div></section>'
        '<noscript><p class="note">The charts and the table need JavaScript; the JSON and CSV links work without it.</p></noscript>'
        '</main></div>' + json_script("bootstrap", data)
    )  # fmt: skip
    return layout(
        "Events",
        body,
        scripts=("topojson-client.min.js", "map.js", "timeline.js", "explore.js"),
        page="events",
    )


def _event_item(i: int, e: dict[str, Any]) -> str:
    actors = ", ".join(a.get("name") or a.get("text") for a in e.get("actors") or ())
    recips = ", ".join(a.get("name") or a.get("text") for a in e.get("recipients") or ())
    where = (e.get("location") or {}).get("name") or (e.get("location") or {}).get("text")
    when = (e.get("date") or {}).get("value")
    flags = "".join(f'<span class="flag">{h(f)}</span>' for f in e.get("flags") or ())
    return (
        f'<li data-ev="{i}"><a href="?event={i}#focus"><span class="swatch t-{h(str(e.get("type", "")).lower())}"></span>'
        f'<b>{h(e.get("type"))}</b>{" · " + h(e.get("mode")) if e.get("mode") else ""} {flags}'
        f'<div class="who">{h(actors or "?")} → {h(recips or "?")}</div>'
        f'<div class="meta">{h(when or "no date")}{" · " + h(where) if where else ""}'
        f' · conf. {h(e.get("confidence"))}</div></a></li>'
    )  # fmt: skip


def article_page(row: dict[str, Any], spans: list[Mark], focus: int | None) -> str:
    """Return the article view: the text with every span highlighted, a legend and the event list."""
    doc = row["document"]
    legend = "".join(
        f'<label class="check"><input type="checkbox" data-kind="{k}" checked><span class="hl k-{k}">{h(LEGEND[k])}</span>'
        f'<span class="n">{sum(1 for m in spans if m.kind == k)}</span></label>'
        for k in KINDS
    )  # fmt: skip
    events = "".join(_event_item(i, e) for i, e in enumerate(doc.get("events") or ()))
    url = row.get("url")
    link = (
        f'<a href="{h(url)}" rel="noopener noreferrer nofollow">{h(url)}</a>'
        if url and url.startswith(("http://", "https://"))
        else h(url)
    )
    warnings = "".join(f"<li>{h(w)}</li>" for w in row.get("warnings") or ())
    body = (
        '<div class="article-view"><main class="content">'
        f'<p class="back"><a href="/events" id="back">← Events</a></p>'
        f'<h1>{h(row.get("title") or row["id"])}</h1>'
        f'<p class="meta">Published {h(row.get("published") or "unknown")} · id <code>{h(row["id"])}</code>'
        f'{" · " + link if url else ""} · <a href="/article/{h(row["id"])}.json">JSON</a></p>'
        f'{"<ul class=warnings>" + warnings + "</ul>" if warnings else ""}'
        f'<div class="legend article-legend" id="legend">{legend}</div>'
        f'<article class="text" id="text">{render(row.get("text") or "", spans, focus=focus)}</article></main>'
        f'<aside class="events-side"><h2>Events ({len(doc.get("events") or ())})</h2>'
        f'<ol class="event-list">{events}</ol></aside></div>'
    )  # fmt: skip
    return layout(row.get("title") or "Article", body, scripts=("article.js",), page="article")


def _param_rows(params: list[dict[str, Any]]) -> str:
    rows = []
    for p in params:
        schema = p["schema"].get("items", p["schema"])
        kind = (
            "one of " + ", ".join(schema["enum"])
            if "enum" in schema
            else schema.get("format") or schema["type"]
        )
        many = " (repeatable)" if p["schema"].get("type") == "array" else ""
        rows.append(f"<tr><td><code>{h(p['name'])}</code></td><td>{h(p['in'])}</td><td>{h(kind)}{many}</td>"
                    f"<td>{h(p.get('description'))}</td></tr>")  # fmt: skip
    return "".join(rows)


def docs_page(spec: dict[str, Any], example_id: str = "ID") -> str:
    """Return a readable page of the OpenAPI document (no external viewer); links use ``example_id``."""
    parts = [f'<main class="content docs"><h1>{h(spec["info"]["title"])}</h1><p>{h(spec["info"]["description"])}</p>'
             '<p>The machine-readable description is at <a href="/openapi.json">/openapi.json</a>. Each HTML page '
             'has a JSON twin: <code>/events</code> ↔ <code>/events.json</code>, <code>/article/ID</code> ↔ '
             '<code>/article/ID.json</code>, with the same parameters.</p>']  # fmt: skip
    for path, item in spec["paths"].items():
        op = item["get"]
        example = path.replace("{id}", quote(example_id, safe=""))
        codes = ", ".join(f"{c} {r['description'].split(';')[0]}" for c, r in op["responses"].items())
        parts.append(f'<section class="card endpoint"><h2><span class="verb">GET</span> <code>{h(path)}</code></h2>'
                     f'<p>{h(op["summary"])}. Try <a href="{h(example)}">{h(example)}</a>.</p>'
                     f'<p class="codes">Responses: {h(codes)}</p>'
                     '<table class="params"><thead><tr><th>Parameter</th><th>In</th><th>Type</th><th>Meaning</th>'
                     f'</tr></thead><tbody>{_param_rows(op["parameters"])}</tbody></table></section>')  # fmt: skip
    parts.append("</main>")
    return layout("API", "".join(parts), page="docs")


def error_page(status: int, message: str) -> str:
    """Return a page that explains an error."""
    body = (f'<main class="content error"><h1>{status}</h1><p class="message">{h(message)}</p>'
            '<p><a href="/events">Back to the events</a> · <a href="/docs">API reference</a></p></main>')  # fmt: skip
    return layout(f"Error {status}", body, page="error")
