"""Stage: PLOVER events with actors, recipients, date, location and size.

Triggers come from the lexicon in ``data/plover/`` (verbs and nominal events); arguments, flags and
reported speech come from the dependency parse. The parts live in ``eventwire.extract.plover``.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools

from spacy.tokens import Doc

from ..document import EVENT_FLAGS, Actor, Event, Place, Quantity, Quote, Span, Speaker, Time
from .context import Context, table_of
from .plover import attributes, lexicon
from .plover.arguments import noun_arguments_at, verb_arguments_at
from .plover.completion import Draft, completed, in_org, org_spans, relate, with_changes
from .plover.flags import Embedding, embedding
from .plover.resolution import Resolver
from .plover.triggers import Candidate, find_candidates, table_lemmas
from .tokens import TokenTable

INTENT_VERBS = frozenset({"vow", "pledge", "promise", "offer", "commit", "swear"})
OFFER_TYPES = frozenset({"AID", "SUPPORT", "CONSULT", "COOPERATE"})  # help promised on a condition is an offer
COOPERATIVE = frozenset({"SUPPORT", "CONSULT", "COOPERATE", "AID", "RETREAT", "CONCEDE"})
SENTENCE_MODE_TYPES = frozenset({"ASSAULT", "MOBILIZE", "CONSULT", "COERCE", "PROTEST"})
PSEUDO_FLAGS = frozenset({"intent", "obligation", "refusal", "conditional"})
SELF_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "its", "their", "his", "her", "our"})
CONFLICT_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "SANCTION", "THREATEN"})
HISTORICAL_DAYS = 365
LEADER_NOUNS = frozenset({"leader", "chief", "governor", "minister", "president", "mayor", "commander", "premier"})
IF_WORDS = frozenset({"if", "unless"})
UNSURE_FLAGS = frozenset({"negated", "hypothetical"})


def event_type(cand: Candidate, lem: list[str], inner: list[str]) -> str:
    """Return the PLOVER type: the lexicon's, except intent to do harm, which is a threat ("vowed to strike")."""
    type_ = cand.entry.type
    if type_ == "AGREE" and lem[cand.i] in INTENT_VERBS and CONFLICT_TYPES.intersection(inner):
        return "THREATEN"
    return type_


def confidence(cand: Candidate, emb: Embedding, args: tuple[list[int], ...], t: TokenTable) -> float:
    """Return 0..1: how surely this is a stated event, highest for a main-clause verb with its arguments
    (``args``: the actor and recipient heads, as ``verb_arguments_at`` gives them)."""
    conf = 0.55 if cand.entry.pos == "V" or cand.support is not None else 0.45
    if emb.governor is None:
        conf += 0.2
    conf -= 0.07 * min(emb.depth, 3)
    conf += 0.1 * bool(args[0]) + 0.05 * bool(args[1]) + 0.05 * bool(cand.entry.requires)
    if not UNSURE_FLAGS.isdisjoint(emb.flags):
        conf -= 0.05
    if cand.entry.pos == "V" and t.deps[cand.i] == "conj" and t.pos[t.heads[cand.i]] in ("VERB", "AUX"):
        conf -= 0.06  # "refused to deploy and urged ...": the first of coordinated clauses leads
    return rounded(min(0.99, max(0.05, conf)))


@functools.lru_cache(maxsize=4096)
def rounded(conf: float) -> float:
    """Return ``round(conf, 3)`` (slow on floats; confidences take few values)."""
    return round(conf, 3)


def speaker_of(actor: Actor) -> Speaker:
    """Return a Speaker for the (resolved) subject of a reporting verb."""
    return Speaker(actor.text, actor.start, actor.end, name=actor.name, title=actor.title, country=actor.country,
                   sector=actor.sector)


def quote_speaker(quotes: list[Quote], char: int) -> Speaker | None:
    """Return the speaker of the quote holding character ``char``, or None."""
    for quote in quotes:
        if quote.start <= char < quote.end and quote.speaker is not None:
            return quote.speaker
    return None


NO_FLAGS, HISTORICAL, FUTURE = frozenset(), frozenset({"historical"}), frozenset({"future"})


def time_flags(date, published: dt.date | None, tag: str) -> frozenset[str]:
    """Return historical (dated over a year before publication) or future (dated after it, verb not past)."""
    if date is None or published is None or date.granularity == "reported":
        return NO_FLAGS
    bounds = attributes.date_bounds(date.value)
    if bounds is None:
        return NO_FLAGS
    if (published - bounds[1]).days > HISTORICAL_DAYS:
        return HISTORICAL
    if bounds[0] > published and tag not in ("VBD", "VBN"):
        return FUTURE
    return NO_FLAGS


def derived_type(type_: str, mode: str | None, flags: set[str]) -> str | None:
    """Return the stance a sentence codes beside a not-yet-real event (of ``type_`` and ``mode``), as CAMEO
    does, or None.

    Intent to cooperate is AGREE ("will release"), intent to harm THREATEN ("will strike"),
    refusal REJECT ("will not accept", "failed to reach", "declined to resign").
    """
    if "refusal" in flags or ("intent" in flags and "negated" in flags):
        return "REJECT" if type_ != "REJECT" else None
    if "intent" in flags:
        if "conditional" in flags and type_ in OFFER_TYPES:
            return "AGREE"  # "ready to send aid if it is attacked": a conditional offer
        if "conditional" in flags and type_ != "AGREE":
            return "THREATEN"  # "will withdraw its force unless ...": an ultimatum
        if type_ in COOPERATIVE:
            return "AGREE"
        if type_ in CONFLICT_TYPES - {"THREATEN"} or mode == "boycott":
            return "THREATEN"  # "will strike", "would boycott the talks" (CAMEO 1312)
    return None


def stance_event(event: Draft, type_: str, confidence_: float, lemma: str | None = None) -> Draft:
    """Return the stance event (AGREE/THREATEN/REJECT/REQUEST) stated about ``event``, on the same trigger,
    whose own ``lemma`` may set the mode ("would boycott": a threat to restrict)."""
    same = event.mode in lexicon.mode_keywords().get(type_, {}).values()  # "will extend the curfew": a curfew threat
    mode = event.mode if same else attributes.mode_for(type_, None, [lemma] if lemma is not None else [], [event.type])
    code, quad, intensity = attributes.cameo_for(type_, mode, None)
    return with_changes(event, type=type_, mode=mode, flags=tuple(f for f in event.flags if f == "historical"),
                        cameo=code, quad_class=quad, intensity=intensity, confidence=confidence_)


def statement_subject(t: TokenTable, i: int) -> int | None:
    """Return who issued the statement a clause is the content of ("X issued a warning that Y must ..."):
    the subject of the verb whose object noun the clause (at token ``i``) hangs on; else None."""
    deps, heads = t.deps, t.heads
    clause = i
    while deps[clause] in ("conj", "xcomp") and heads[clause] != clause:
        clause = heads[clause]
    noun = heads[clause]
    if deps[clause] not in ("acl", "ccomp") or t.pos[noun] != "NOUN" or deps[noun] != "dobj":
        return None
    return next((c for c in t.children[heads[noun]] if deps[c] == "nsubj"), None)


def condition_clause(t: TokenTable, i: int) -> bool:
    """Return whether a trigger heads (or is the object in) a clause opened by "if"/"unless"."""
    for head in (i, t.heads[i]):
        if any(t.deps[c] == "mark" and t.lowers[c] in ("if", "unless") for c in t.children[head]):
            return True
        if t.deps[i] not in ("dobj", "pobj", "nsubj", "nsubjpass"):
            break
    return False


def in_attribution(t: TokenTable, i: int) -> bool:
    """Return whether token ``i`` lies in an "according to ..." source phrase ("according to a press
    release"), which names where a report comes from, not an event."""
    heads, lowers = t.heads, t.lowers
    cur = i
    for _ in range(len(heads)):  # the ancestors, as Token.ancestors walks them
        if heads[cur] == cur:
            break
        cur = heads[cur]
        if lowers[cur] == "according" or lowers[cur] == "to" and lowers[heads[cur]] == "according":
            return True
    return False


def obligation_heads(t: TokenTable, taken: set[int], lem: list[str]) -> list[int]:
    """Return verbs with "must"/"should" that are no trigger themselves ("said Velia must drop its claims")."""
    if "must" not in lem and "should" not in lem:
        return []
    out = []
    for i, tag in enumerate(t.tags):
        if tag != "VB" or i in taken:
            continue
        if any(t.deps[c] == "aux" and t.lowers[c] in ("must", "should") for c in t.children[i]):
            out.append(i)
    return out


def extract_events(
    doc: Doc,
    ctx: Context,
    *,
    times: list[Time],
    places: list[Place],
    quantities: list[Quantity],
    actors: list[Actor],
    quotes: list[Quote],
) -> list[Event]:
    """Return the PLOVER events stated in ``doc``, several per sentence, in text order."""
    t = table_of(doc, ctx)
    lem = table_lemmas(t)
    toks, deps, children = t.toks, t.deps, t.children
    candidates = find_candidates(doc, lem, t)
    if "according" in t.lowers:  # else no trigger is in an "according to" phrase
        candidates = [c for c in candidates if not in_attribution(t, c.i)]
    types = {c.i: c.entry.type for c in candidates}
    by_sentence: dict[int, tuple[str, ...]] = {}
    memo: dict[tuple, object] = {}
    sent_chars = [t.idx[k] for k in t.sent_start]
    sent_ends = [t.ends[k - 1] for k in t.sent_end]
    # the times, places and quantities starting inside each sentence
    times_in, places_in, quantities_in = (by_sentence_of(items, sent_chars, sent_ends)
                                          for items in (times, places, quantities))

    sentence_spans: dict[int, Span] = {}
    text = t.text

    def sentence_span(sent: int) -> Span:
        if sent not in sentence_spans:
            start, end = t.idx[t.sent_start[sent]], t.ends[t.sent_end[sent] - 1]
            sentence_spans[sent] = Span(text[start:end], start, end)
        return sentence_spans[sent]

    iffy_sentences = set()  # the sentences with "if"/"unless": only they can hold a condition
    if not IF_WORDS.isdisjoint(lem):
        iffy_sentences = {t.sent[k] for k, lemma in enumerate(lem) if lemma in IF_WORDS}

    def contexts(sent: int) -> tuple[str, ...]:
        if sent not in by_sentence:
            by_sentence[sent] = attributes.contexts_of(lem[t.sent_start[sent]:t.sent_end[sent]])
        return by_sentence[sent]

    embeddings = {c.i: embedding(t, lem, c.i, types, c.support) for c in candidates}
    inner: dict[int, list[str]] = {}
    for c in candidates:
        emb = embeddings[c.i]
        if emb.governor is not None and emb.relation in ("xcomp", "ccomp", "dobj", "pcomp", "pobj"):
            inner.setdefault(emb.governor, []).append(c.entry.type)
    resolve = Resolver(doc, actors, places, ctx, t)
    starts = frozenset(t.idx[i] for i in resolve.cover)
    finders = attributes.Finders.load(t)  # one Doc's: the date and place look-ups walk the table
    built: dict[int, Draft] = {}  # each Event's fields until relate and completed finish them
    standins: dict[int, Actor] = {}
    place_actors: dict[int, Actor] = {}  # a stand-in per place (by id: the places outlive the call)
    extra: list[Draft] = []
    orgs = org_spans(actors)
    for cand in candidates:
        i = cand.i
        tok = toks[i]
        sent = t.sent[i]
        emb = embeddings[i]
        inner_types = inner.get(i, [])
        type_ = event_type(cand, lem, inner_types)
        if cand.entry.pos == "N":
            args = noun_arguments_at(t, i, type_, cand.support, starts)
        else:
            args = verb_arguments_at(t, i, type_, starts)
        arg_actors, arg_recipients, arg_objects = args
        speaker = speech_subject_at(t, emb)
        actor_objs = tuple(a for x in arg_actors for a in resolve_actor_at(resolve, t, x, speaker))
        recipient_objs = tuple(a for x in arg_recipients for a in resolve.all_at(x))
        taken = {(a.start, a.end) for a in actor_objs + recipient_objs}
        size_heads = arg_objects + (arg_actors if type_ in ("MOBILIZE", "PROTEST") else [])
        if type_ in ("MOBILIZE", "PROTEST") and deps[i] == "xcomp":  # "ordered 300 soldiers to deploy": the doers
            size_heads += [c for c in children[t.heads[i]] if deps[c] == "dobj"]
        if cand.support is not None:
            size_heads += [c for c in children[cand.support] if deps[c] in ("dobj", "nsubjpass") and c != i]
        keywords = cand.entry.mode is None and type_ in lexicon.mode_keywords()  # else no keyword can count
        near = [lem[k] for k in attributes.nearby(t, i, arg_objects)] if keywords else []
        mode = attributes.mode_for(type_, cand.entry.mode, near, inner_types)
        if mode is None and type_ == "ASSAULT" and any(lem[o] in LEADER_NOUNS for o in arg_objects):
            mode = "assassinate"  # "killed the deputy chief": an attack aimed at a leader
        if mode is None and type_ in SENTENCE_MODE_TYPES:  # "killed by a roadside bomb": the instrument elsewhere
            key = ("modes", sent, type_)
            if key not in memo:
                memo[key] = attributes.mode_positions(type_, lem, t.sent_start[sent], t.sent_end[sent])
            mode = attributes.nearest_of(memo[key], i)
        code, quad, intensity = attributes.cameo_for(type_, mode, cand.entry.cameo if type_ == cand.entry.type else None)
        sent_times = times_in.get(sent, [])  # the stage's event_date reads only the trigger's sentence
        if sent_times or ("date", sent) not in memo:  # a sentence with no date: one article-level fallback
            date = attributes.event_date(doc, tok, sent_times, ctx, finders)
            if not sent_times:
                memo[("date", sent)] = date
        else:
            date = memo[("date", sent)]
        iffy = sent in iffy_sentences
        flags = emb.flags | time_flags(date, ctx.published, t.tags[i])  # a new set
        if iffy:
            flags |= conditional(t, i)
        reported = quote_speaker(quotes, t.idx[i])
        if reported is None and speaker is not None:
            reported = speaker_of(resolve.at(speaker))
        trigger_start, trigger_end = t.idx[cand.start], t.ends[cand.end - 1]
        conf = confidence(cand, emb, args, t)
        stance, asker, final = None, None, conf
        if iffy and condition_clause(t, i):  # "if it is attacked": a condition is neither asserted nor intended
            final = rounded(max(0.05, conf - 0.2))
        elif emb.governor is None:
            stance = derived_type(type_, mode, flags)
            asker = speaker
            if asker is None:
                asker = statement_subject(t, i)
            if "obligation" in flags and asker is not None and stance != "REJECT":
                stance = "REQUEST"  # "X said Y must do Z", "X issued a warning that Y must do Z": X asks Y
            if stance is not None:
                final = rounded(max(0.05, conf - 0.15))
        sentence = sentence_span(sent)
        location = attributes.event_location(doc, tok, places_in.get(sent, []), taken, finders)
        if location is None:
            if ("place", -1) not in memo:
                memo[("place", -1)] = finders.dominant_place(places)
            location = memo[("place", -1)]
        event = Draft._make((  # Event's fields in order (positional: keywords cost more than the tuple)
            type_,  # type
            Span(text[trigger_start:trigger_end], trigger_start, trigger_end),  # trigger
            sentence,
            mode,
            tuple(filter(flags.__contains__, EVENT_FLAGS)),  # flags, in the schema's order
            contexts(sent),
            code,  # cameo
            quad,  # quad_class
            intensity,
            actor_objs,  # actors
            recipient_objs,  # recipients
            date,
            location,
            attributes.event_size(t, lem, i, size_heads, quantities_in.get(sent, [])),  # size
            reported,  # reported_by
            final,  # confidence
        ))
        if not recipient_objs and location is not None and location.country:
            # no one named as acted on: the place where it happens stands for the target (as event coders do)
            loc = location
            if in_org(orgs, loc.start):
                pass  # the "place" is an organisation's name ("UN"): no stand-in target
            elif sentence.start <= loc.start and loc.end <= sentence.end and (loc.start, loc.end) not in taken:
                # applied after ``relate``: a target from the events it governs comes first
                standin = place_actors.get(id(loc))
                if standin is None:
                    standin = place_actors[id(loc)] = Actor(loc.text, loc.start, loc.end, name=loc.name,
                                                            country=loc.country, kind="place")
                standins[trigger_start] = standin
        if stance is not None:
            derived = stance_event(event, stance, min(0.99, conf + 0.05), lem[i])
            if stance == "REQUEST":
                derived = with_changes(derived, actors=(resolve.at(asker),), recipients=event.actors)
            extra.append(derived)
        built[i] = event
    extra += obligation_requests(doc, ctx, set(types), resolve, times, finders, t, lem)
    governed: dict[int, dict[int, Embedding]] = {}
    for j, emb in embeddings.items():
        if emb.governor is not None:
            governed.setdefault(emb.governor, {})[j] = emb
    # relate reads event i's own embedding and those of the events it governs
    related = [(built[i], relate(built, {i: embeddings[i], **governed.get(i, {})}, i, standins)) for i in sorted(built)]
    events = [completed(e, changes, standins, orgs) for e, changes in related + [(e, {}) for e in extra]]
    return sorted(events, key=lambda e: (e.trigger.start, e.type))


def by_sentence_of(items: list, sent_chars: list[int], sent_ends: list[int]) -> dict[int, list]:
    """Return ``items`` (with a ``start`` offset) by the sentence they start in (``sent_chars``/``sent_ends``:
    each sentence's character bounds)."""
    out: dict[int, list] = {}
    for x in items:
        k = bisect.bisect_right(sent_chars, x.start) - 1
        if k >= 0 and x.start < sent_ends[k]:
            out.setdefault(k, []).append(x)
    return out


def obligation_requests(doc: Doc, ctx: Context, taken: set[int], resolve: Resolver, times: list[Time],
                        finders: attributes.Finders, t: TokenTable, lem: list[str]) -> list[Draft]:
    """Return (the Drafts of) REQUEST events for "X said Y must do Z" where Z is no trigger: X asks Y.

    ``t`` is ``token_table(doc)``, ``lem`` ``table_lemmas(t)``.
    """
    out = []
    text = t.text
    for i in obligation_heads(t, taken, lem):
        emb = embedding(t, lem, i, {})
        speaker = speech_subject_at(t, emb)
        kids = t.children[i]
        subj = [c for c in kids if t.deps[c] in ("nsubj", "nsubjpass") and t.lowers[c] not in ("we", "i", "you")]
        if speaker is None or not subj:
            continue
        modal = next(c for c in kids if t.deps[c] == "aux" and t.lowers[c] in ("must", "should"))
        start, end = t.char_range(min(modal, i), max(modal, i) + 1)
        code, quad, intensity = attributes.cameo_for("REQUEST", None, None)
        sent = t.sent[i]
        s_start, s_end = t.char_range(t.sent_start[sent], t.sent_end[sent])
        out.append(Draft(
            type="REQUEST",
            trigger=Span(text[start:end], start, end),
            sentence=Span(text[s_start:s_end], s_start, s_end),
            contexts=attributes.contexts_of(lem[t.sent_start[sent]:t.sent_end[sent]]),
            cameo=code, quad_class=quad, intensity=intensity,
            actors=(resolve.at(speaker),),
            recipients=tuple(resolve.at(x) for x in subj),
            date=attributes.event_date(doc, t.toks[i], times, ctx, finders),
            reported_by=speaker_of(resolve.at(speaker)),
            confidence=0.85,
        ))
    return out


def conditional(t: TokenTable, i: int) -> set[str]:
    """Return {"conditional"} when the trigger's clause has an "unless"/"if" clause attached to it."""
    deps, lowers, children = t.deps, t.lowers, t.children
    for head in (i, t.heads[i]):
        for child in children[head]:
            if deps[child] == "advcl" and any(deps[m] == "mark" and lowers[m] in ("unless", "if") for m in children[child]):
                return {"conditional"}
        if deps[head] != "xcomp":
            break
    return set()


def speech_subject_at(t: TokenTable, emb: Embedding) -> int | None:
    """Return the subject of the reporting verb an event is stated under (a token index), or None."""
    if emb.speech is None:
        return None
    deps = t.deps
    return next((c for c in t.children[emb.speech] if deps[c] in ("nsubj", "nsubjpass")), None)


def resolve_actor_at(resolve: Resolver, t: TokenTable, i: int, speaker: int | None) -> list[Actor]:
    """Return the Actors of argument head ``i``; a bare pronoun in reported speech is the ``speaker``
    ("Kandor said it will")."""
    if speaker is not None and t.lowers[i] in SELF_PRONOUNS:
        actor = resolve.at(i)
        if actor.country is None and actor.igo is None:
            return [resolve.at(speaker)]
    return resolve.all_at(i)
