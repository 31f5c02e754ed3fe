"""Turn a stored Document's spans into marks and render the article text with them as escaped HTML.

Offsets are character offsets into the article text (``text[start:end]``); marks that fall outside the
text or are empty are dropped. The text is cut at every mark boundary and each piece is escaped on its
own, so no span content ever reaches the page unescaped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape
from typing import Any

KINDS = ("trigger", "actor", "recipient", "place", "date", "quantity", "quote", "speaker")
ALL_KINDS = (*KINDS, "sentence")  # an event's sentence is marked too, shown only when the event is in focus
LEGEND = {
    "trigger": "Event trigger", "actor": "Actor (source)", "recipient": "Recipient (target)", "place": "Place",
    "date": "Date or time", "quantity": "Quantity", "quote": "Quote", "speaker": "Speaker",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Mark:
    """One highlighted stretch: ``kind`` from KINDS, ``events`` the indices of the events it belongs to."""

    kind: str
    start: int
    end: int
    label: str
    events: tuple[int, ...] = ()

    def to_dict(self, text: str) -> dict[str, Any]:
        return {"kind": self.kind, "start": self.start, "end": self.end, "text": text[self.start:self.end],
                "label": self.label, "events": list(self.events)}  # fmt: skip


def _join(*parts: Any) -> str:
    return " · ".join(str(p) for p in parts if p not in (None, "", [], ()))


def _actor_label(role: str, a: dict[str, Any]) -> str:
    return _join(
        f"{role}: {a.get('name') or a.get('text')}", a.get("country"), a.get("sector"), a.get("title")
    )


def _place_label(p: dict[str, Any]) -> str:
    where = (
        f"{p.get('lat'):.2f}, {p.get('lon'):.2f}"
        if p.get("lat") is not None and p.get("lon") is not None
        else None
    )
    return _join(
        f"place: {p.get('name') or p.get('text')}", p.get("admin1"), p.get("country"), p.get("feature"), where
    )


def _quantity_label(q: dict[str, Any]) -> str:
    low, high = q.get("min"), q.get("max")
    amount = (
        f"{low:g}"
        if low is not None and low == high
        else f"{low:g}-{high:g}"
        if low is not None and high is not None
        else None
    )
    return _join("quantity", ("~" if q.get("approx") else "") + (amount or "?"), q.get("unit"))


def _candidates(doc: dict[str, Any]) -> Iterable[tuple[str, dict[str, Any] | None, str, int | None]]:
    """Yield (kind, span dict, label, event index) for every span in a Document dict."""
    for i, e in enumerate(doc.get("events") or ()):
        flags = ", ".join(e.get("flags") or ())
        yield "sentence", e.get("sentence"), f"sentence of event {i + 1} ({e.get('type')})", i
        yield "trigger", e.get("trigger"), _join(f"{e.get('type')} event", e.get("mode"), flags), i
        for a in e.get("actors") or ():
            yield "actor", a, _actor_label("actor", a), i
        for r in e.get("recipients") or ():
            yield "recipient", r, _actor_label("recipient", r), i
        date = e.get("date") or {}
        yield "date", date, _join("event date", date.get("value"), date.get("granularity")), i
        if e.get("location"):
            yield "place", e["location"], _place_label(e["location"]), i
        if e.get("size"):
            yield "quantity", e["size"], _quantity_label(e["size"]), i
    for a in doc.get("actors") or ():
        yield "actor", a, _actor_label("actor", a), None
    for p in doc.get("places") or ():
        yield "place", p, _place_label(p), None
    for t in doc.get("times") or ():
        yield "date", t, _join(t.get("type", "time").lower(), t.get("value"), t.get("mod")), None
    for q in doc.get("quantities") or ():
        yield "quantity", q, _quantity_label(q), None
    for q in doc.get("quotes") or ():
        speaker = q.get("speaker") or {}
        yield "quote", q, _join(f"{q.get('kind')} quote", speaker.get("name") or speaker.get("text")), None
        if speaker:
            yield "speaker", speaker, _join(f"speaker: {speaker.get('name') or speaker.get('text')}",
                                            speaker.get("title"), speaker.get("country")), None  # fmt: skip


def marks(doc: dict[str, Any], length: int) -> list[Mark]:
    """Return the marks of a Document dict whose offsets lie inside a text of ``length`` characters.

    The same kind over the same stretch is one mark, carrying every event it belongs to; an actor
    mention that some event already marks as its recipient is not marked as an actor again.
    """
    merged: dict[tuple[str, int, int], tuple[str, list[int]]] = {}
    for kind, span, label, event in _candidates(doc):
        start, end = (span or {}).get("start"), (span or {}).get("end")
        if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= length:
            continue
        if kind == "actor" and event is None and ("recipient", start, end) in merged:
            continue  # a mention already marked as an event's recipient
        key = (kind, start, end)
        first_label, events = merged.setdefault(key, (label, []))
        if event is not None and event not in events:
            events.append(event)
    return sorted((Mark(k, s, e, label, tuple(ev)) for (k, s, e), (label, ev) in merged.items()),
                  key=lambda m: (m.start, -m.end, ALL_KINDS.index(m.kind)))  # fmt: skip


def render(text: str, spans: list[Mark], *, focus: int | None = None) -> str:
    """Return ``text`` as escaped HTML with each stretch wrapped in a ``<mark>`` naming its kinds.

    ``focus`` is an event index whose stretches get the class ``focus`` (the first also ``id="focus"``).
    """
    cuts = sorted({0, len(text), *(m.start for m in spans), *(m.end for m in spans)})
    out: list[str] = []
    focused = False
    for a, b in zip(cuts, cuts[1:], strict=False):
        active = [m for m in spans if m.start <= a and m.end >= b]
        piece = escape(text[a:b], quote=False)
        if not active:
            out.append(piece)
            continue
        kinds = sorted({m.kind for m in active}, key=ALL_KINDS.index)
        events = sorted({e for m in active for e in m.events})
        classes = ["hl", *(f"k-{k}" for k in kinds)]
        anchor = ""
        if focus is not None and focus in events:
            classes.append("focus")
            if not focused:
                anchor, focused = ' id="focus"', True
        shown = [m for m in active if m.kind != "sentence"] or active
        title = "\n".join(dict.fromkeys(m.label for m in shown))
        out.append(f'<mark class="{" ".join(classes)}"{anchor} data-k="{" ".join(kinds)}" '
                   f'data-ev="{" ".join(map(str, events))}" title="{escape(title)}">{piece}</mark>')  # fmt: skip
    return "".join(out)
