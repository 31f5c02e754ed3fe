"""Completion of coded events: arguments taken from the events they govern or are governed by
(``relate``), and the parties event coders take when none is named (``completed``)."""

from __future__ import annotations

import collections
import dataclasses

from ...document import Actor, Event
from . import attributes, lexicon
from .flags import GOVERNOR_FLAGS, Embedding

COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp", "dobj", "advcl"})  # an event's own content or purpose
STANCE_TYPES = frozenset({"ACCUSE", "SUPPORT", "REJECT"})
MEETING_TYPES = frozenset({"CONSULT", "COOPERATE"})  # their place never stands in for a party
DOMESTIC_TYPES = frozenset({"PROTEST", "COERCE"})  # with no target named, aimed at the actor's own country
EVENT_FIELDS = tuple(f.name for f in dataclasses.fields(Event))
# An Event being built: its fields in Event's order, as a tuple (cheap to make, read and change), so that
# each Event record is constructed once, by ``completed``, when its arguments are complete.
Draft = collections.namedtuple("Draft", EVENT_FIELDS,
                               defaults=[f.default for f in dataclasses.fields(Event)
                                         if f.default is not dataclasses.MISSING])
_FIELD_INDEX = {name: k for k, name in enumerate(EVENT_FIELDS)}
_ACTORS, _RECIPIENTS = _FIELD_INDEX["actors"], _FIELD_INDEX["recipients"]


def with_changes(draft: Draft, **changes) -> Draft:
    """Return a copy of ``draft`` with ``changes`` (``Draft._replace``, without its checks)."""
    values = list(draft)
    for name, value in changes.items():
        values[_FIELD_INDEX[name]] = value
    return Draft._make(values)


def org_spans(actors: list[Actor]) -> list[tuple[int, int]]:
    """Return the character spans of the actors that are organisations of no country ("UN"): a place
    named inside one is the organisation's name, not where something happens."""
    return [(a.start, a.end) for a in actors if a.igo and not a.country]


def in_org(orgs: list[tuple[int, int]], char: int) -> bool:
    """Return whether character ``char`` starts inside one of the ``org_spans``."""
    for s, e in orgs:
        if s <= char < e:
            return True
    return False


def unnamed(actor: Actor) -> bool:
    """Return whether an actor says nothing of who acts: no country, IGO or sector, no name or person
    ("a roadside bomb", "the explosion")."""
    return not (actor.country or actor.igo or actor.sector) and actor.kind in (None, "description")


def completed(event: Draft, changes: dict, standins: dict[int, Actor], orgs: list[tuple[int, int]]) -> Event:
    """Return the Event of ``event`` with ``changes`` (from ``relate``) and the parties event coders take
    when none is named.

    The place where it happens is the recipient when none is named or inherited (``standins``, by trigger
    offset); the country where it happens is an actor when no one is named as acting; dissent or
    repression that names no target is aimed at the actor's own country. ``orgs`` are the ``org_spans`` of
    the actors stage's result.
    """
    acting, target = changes.get("actors", event.actors), changes.get("recipients", event.recipients)
    if not target and event.trigger.start in standins:
        target = (standins[event.trigger.start],)
    place = place_actor(event, acting, orgs)
    if place is not None:
        acting = (*acting, place)
    if not target and event.type in DOMESTIC_TYPES:
        home = domestic_target(acting)
        if home is not None:
            target = (home,)
    if not changes and acting is event.actors and target is event.recipients:
        return Event(*event)
    values = list(event)
    for name, value in changes.items():
        values[_FIELD_INDEX[name]] = value
    values[_ACTORS], values[_RECIPIENTS] = acting, target
    return Event(*values)


def place_actor(event: Draft, acting: tuple[Actor, ...], orgs: list[tuple[int, int]]) -> Actor | None:
    """Return the country where ``event`` happens as an actor when none of its ``acting`` parties is named
    ("a journalist was killed in Beirut", "a roadside bomb near Samarra killed ..."), as event coders do;
    else None. ``orgs`` are the ``org_spans`` of the actors stage's result."""
    loc = event.location
    if loc is None or not loc.country:
        return None
    if event.type in MEETING_TYPES:
        return None  # where talks are held is no party to them
    if not (event.sentence.start <= loc.start and loc.end <= event.sentence.end):
        return None
    for a in acting:
        if not unnamed(a):
            return None
    if in_org(orgs, loc.start):
        return None  # the "place" is an organisation's name
    return Actor(loc.text, loc.start, loc.end, name=loc.name, country=loc.country, kind="place")


def domestic_target(acting: tuple[Actor, ...]) -> Actor | None:
    """Return the first actor's own country as the recipient of dissent or repression that names no target
    ("workers went on strike", "police arrested 12"): it is aimed at home; None when no actor has one."""
    actor = next((a for a in acting if a.country), None)
    if actor is None:
        return None
    return Actor(actor.text, actor.start, actor.end, name=actor.country, country=actor.country, kind="country")


def relate(built: dict[int, Draft], embeddings: dict[int, Embedding], i: int,
           standins: dict[int, Actor]) -> dict:
    """Return the changes to event ``i`` that complete its arguments from the events it governs or is governed by.

    A threat or demand with no recipient takes its inner event's ("threatened to cut ties with X");
    an inner event with no actor takes its governor's; a stance on an event ("condemned the attack")
    takes that event's actors as recipients. An event with a stand-in place as target (``standins``, by
    trigger offset) takes a recipient only from its complement or purpose, not from adjuncts.
    """
    event = built[i]
    changes: dict = {}
    table = lexicon.mode_keywords().get(event.type, {})
    if event.mode is None or event.mode in lexicon.embedded_modes(event.type):
        for j, emb in embeddings.items():  # "threatened to impose a curfew": the threat's mode is the curfew
            inner = built[j] if emb.governor == i and j in built and emb.relation in COMPLEMENT_DEPS else None
            if inner is not None and inner.mode in table.values() and inner.mode != event.mode:
                code, quad, intensity = attributes.cameo_for(event.type, inner.mode, None)
                changes.update(mode=inner.mode, cameo=code, quad_class=quad, intensity=intensity)
                break
    gov = embeddings[i].governor
    if gov is not None and gov in built:
        outer = built[gov]
        if not event.actors:
            changes["actors"] = outer.actors
        if outer.type not in GOVERNOR_FLAGS:  # "not going to send troops to fight": the purpose is not asserted either
            inherited = set(event.flags) | (set(outer.flags) & {"negated", "hypothetical", "future"})
            changes["flags"] = tuple(f for f in ("negated", "hypothetical", "future", "historical") if f in inherited)
    if event.type == "REQUEST":  # "demanded the withdrawal of Kandor's forces": the one asked is who would act
        for j, emb in embeddings.items():
            content = emb.relation in ("dobj", None) or emb.relation == "ccomp" and not event.recipients
            if emb.governor == i and j in built and content and built[j].actors:
                asked = tuple(a for a in built[j].actors if a not in event.actors)
                if asked:
                    changes["recipients"] = asked
                    return changes
    if not event.recipients:
        for j, emb in embeddings.items():
            if emb.governor == i and j in built and (emb.relation in COMPLEMENT_DEPS or event.trigger.start not in standins):
                inner = built[j]
                source = inner.actors if event.type in STANCE_TYPES else inner.recipients
                if source:
                    changes["recipients"] = tuple(a for a in source if a not in event.actors)
                    break
    return changes
