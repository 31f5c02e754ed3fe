"""Actors and recipients of a trigger, read from the dependency parse.

Candidate finding (``verb_arguments``, ``noun_arguments``: token heads) is separate from resolution
(``plover.resolution``: a token to an ``Actor`` through the actors stage, or a plain fallback). What a noun
phrase head stands for (actor-likeness, owners, conjuncts, prepositional objects) is in ``plover.phrases``.
The walks run on token indices of the events stage's ``TokenTable``; Tokens are built only for the results.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from ...resources import cached, iter_tsv
from ..tokens import TokenTable, token_table
from . import lexicon
from .phrases import (  # noqa: F401 - ACTOR_ENTS, owner, subjects: read from here
    ACTOR_ENTS,
    actor_like_at,
    agents_at,
    children_with,
    lemma_at,
    named_side_at,
    object_owners_at,
    one_per_name_at,
    orphan_object_at,
    owner,
    owner_at,
    partitive_at,
    pobjs_at,
    prep_objects_at,
    root_at,
    subjects,
    subjects_at,
    with_conjuncts_at,
)
from .triggers import conjuncts

RELATIVES = frozenset({"who", "which", "that", "whom"})
SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE", "ASSAULT"})
OBJECT_NOT_RECIPIENT = frozenset({"MOBILIZE"})
UNIT_LEMMAS = frozenset({"troop", "soldier", "force", "unit", "personnel", "battalion", "brigade", "marine",
                         "reinforcement", "warship", "jet", "plane", "tank", "weapon", "missile"})
# prepositions whose object is the recipient, per type ("*" for every type not listed)
RECIPIENT_PREPS = {
    "*": frozenset({"against", "on", "upon", "at", "toward", "towards", "to"}),
    "CONSULT": frozenset({"with"}),
    "AGREE": frozenset({"with", "to"}),
    "COOPERATE": frozenset({"with"}),
    "ASSAULT": frozenset({"against", "on", "upon", "at", "into", "with", "toward", "towards"}),
    "SANCTION": frozenset({"against", "on", "upon", "with", "from", "to"}),
    "RETREAT": frozenset({"from", "to"}),
    "COERCE": frozenset({"against", "on", "upon", "from", "into"}),
    "ACCUSE": frozenset({"against", "over", "about", "on", "upon", "at"}),  # "complained to X over Y": Y's side
    "MOBILIZE": frozenset({"against", "toward", "towards", "to", "on", "near"}),
    "THREATEN": frozenset({"against", "with", "on", "to"}),
    "PROTEST": frozenset({"against", "outside", "at"}),
    "AID": frozenset({"to", "for"}),
    "REQUEST": frozenset({"on", "upon", "to", "from"}),
}
# types whose troops in the object are the actor's own, given or moved, never acted on ("contribute troops")
OWN_UNIT_TYPES = frozenset({"RETREAT", "AID", "AGREE", "SUPPORT", "COOPERATE", "CONCEDE"})
SHARED_OBJECT_DEPS = frozenset({"cc", "conj", "advmod", "punct", "npadvmod"})
STATE_PASSIVE = frozenset({"AGREE", "REJECT", "SUPPORT"})  # agentless passives that state the subject's stance
# a fallback preposition when no object or usual preposition names the recipient: the one complained to, when
# no one is complained about; what an assault or coercion is done to ("set fire to X", "laid siege to X")
RECIPIENT_FALLBACK = {"ACCUSE": frozenset({"to"}), "COERCE": frozenset({"to"}), "ASSAULT": frozenset({"to"})}
CLAUSE_RECIPIENT = frozenset({"REQUEST", "ACCUSE", "THREATEN"})
OWNER_ACTOR = frozenset({"MOBILIZE", "RETREAT"})  # "NATO troops were deployed": the troops' owner acts
NOUN_RECIPIENT_PREPS = frozenset({"of", "against", "on", "upon", "with", "to", "into", "toward", "towards"})
BETWEEN_PREPS = frozenset({"between", "among"})
AFTER_PREPS = frozenset({"after", "following"})
WITH_PREPS = frozenset({"with"})
PLAN_PREPS = frozenset({"to", "with", "against", "on"})
BY_PREPS = frozenset({"by"})
OF_PREPS = frozenset({"of"})
TO_PREPS = frozenset({"to"})
MOVE_TARGET_PREPS = frozenset({"against", "toward", "towards", "on"})
NO_PREPS: frozenset[str] = frozenset()


@dataclass(slots=True)
class Arguments:
    """Token heads of an event's actors, recipients and objects (the things acted on)."""

    actors: list[Token] = field(default_factory=list)
    recipients: list[Token] = field(default_factory=list)
    objects: list[Token] = field(default_factory=list)


@cached
def intransitive_verbs() -> frozenset[str]:
    """Return the lemmas of verbs that take no direct object (``data/actors/intransitive.tsv``)."""
    return frozenset(row[0].strip() for row in iter_tsv("actors/intransitive.tsv"))


def misparsed_doer_at(t: TokenTable, i: int) -> int | None:
    """Return the doer of a past participle the parser hung on a noun as a reduced relative when it is
    the noun's own verb, else None: an intransitive verb ("youths resorted to stones", "a rights group
    protested"), or a verb with an object in a sentence parsed as one noun phrase ("Doctors from two aid
    groups donated and delivered $5,000 of goods": the phrase's head does it)."""
    deps = t.deps
    if deps[i] != "acl" or t.tags[i] != "VBN" or any(deps[c] == "agent" for c in t.children[i]):
        return None
    if lemma_at(t, i) in intransitive_verbs():
        return t.heads[i]
    root = root_at(t, t.heads[i])
    if t.pos[root] not in ("NOUN", "PROPN"):
        return None
    verbs = [i, *conjuncts(t, i)]
    if any(deps[c] in ("dobj", "obj") for v in verbs for c in t.children[v]) or any(
        t.tags[v] in ("VBD", "VBZ", "VBP") for v in verbs[1:]
    ):
        return root
    return None


def inherited_subject_at(t: TokenTable, i: int, depth: int = 0) -> list[int]:
    """Return the doer of a verb with no subject of its own: from the verb it is the complement or conjunct of."""
    deps, tags, pos, children = t.deps, t.tags, t.pos, t.children
    dep = deps[i]
    if depth > 6 or dep == "ROOT":
        return []
    head = t.heads[i]
    doer = misparsed_doer_at(t, i) if dep == "acl" and tags[i] == "VBN" else None
    if doer is not None:
        return [doer]
    if dep == "acomp":  # "Velia is opposed to": the copula's subject
        return children_with(t, head, ("nsubj", "nsubjpass"))
    if dep == "relcl":
        return [head] if any(deps[c] == "nsubj" and t.lowers[c] in RELATIVES for c in children[i]) else []
    if dep == "acl" and tags[i] == "VBG":
        if deps[head] == "dobj" and not actor_like_at(t, head) and owner_at(t, head) == head:  # "issued a statement demanding"
            subj, passive = subjects_at(t, t.heads[head])
            if subj and not passive:
                return subj
        return [head]
    if dep == "pcomp" and deps[head] == "prep" and pos[t.heads[head]] in ("VERB", "AUX"):
        subj, passive = subjects_at(t, t.heads[head])
        return subj if subj and not passive else inherited_subject_at(t, t.heads[head], depth + 1)
    if dep not in ("xcomp", "conj", "advcl", "ccomp") or pos[head] not in ("VERB", "AUX", "ADJ"):
        return []
    if dep == "ccomp":
        return []
    if dep == "advcl" and any(deps[c] == "mark" for c in children[i]):
        return []
    if dep == "xcomp" and "objctl" in lexicon.verb_classes().get(lemma_at(t, head), {}):
        objs = children_with(t, head, ("dobj", "obj"))
        if objs and actor_like_at(t, objs[0]) and t.ent_types[objs[0]] != "LOC":
            return objs
    subj, passive = subjects_at(t, head)
    if subj and not passive:
        return subj
    if passive and subj and dep == "conj" and tags[i] != "VBN":
        return subj  # "X was indicted by Y and will resign": coordinated verbs share the surface subject
    if passive:
        agent = agents_at(t, head)
        if agent:
            return agent
    if pos[head] == "ADJ":  # "ready to respond": the subject of the copula
        return inherited_subject_at(t, head, depth + 1) or children_with(t, t.heads[head], ("nsubj",))
    return inherited_subject_at(t, head, depth + 1)


def verb_arguments(tok: Token, type_: str, actor_starts: frozenset[int] = frozenset(),
                   table: TokenTable | None = None) -> Arguments:
    """Return the actor, recipient and object heads of a verb trigger (``table``: ``token_table(tok.doc)``
    when the caller has it)."""
    t = table if table is not None else token_table(tok.doc)
    return _tokens(t, *verb_arguments_at(t, tok.i, type_, actor_starts))


def _tokens(t: TokenTable, actors: list[int], recipients: list[int], objects: list[int]) -> Arguments:
    toks = t.toks
    return Arguments([toks[k] for k in actors], [toks[k] for k in recipients], [toks[k] for k in objects])


def verb_arguments_at(t: TokenTable, i: int, type_: str,
                      actor_starts: frozenset[int] = frozenset()) -> tuple[list[int], list[int], list[int]]:
    """Return the actor, recipient and object heads of verb trigger ``i`` as token indices."""
    deps, lowers, pos, children, heads = t.deps, t.lowers, t.pos, t.children, t.heads
    kids = [(c, deps[c]) for c in children[i]]
    dep_i, head_i = deps[i], heads[i]
    actors: list[int]
    recipients: list[int] = []

    def own_pobjs(preps: frozenset[str]) -> list[int]:
        out = []
        for c, dep in kids:
            if dep in ("prep", "dative") and lowers[c] in preps:
                out += pobjs_at(t, c) or orphan_object_at(t, c)
        return out

    subj, passive = subjects_at(t, i)
    if passive:
        actors = [g for c, dep in kids if dep == "agent" for g in pobjs_at(t, c)]
        objects = subj
        if not actors and (type_ in STATE_PASSIVE or lemma_at(t, i) in TAKING_PART_VERBS):
            # "Velia is opposed to", "is committed to": a stance held; "were engaged in": taking part
            actors, objects = subj, []
    else:
        actors = subj
        objects = [c for c, dep in kids if dep in ("dobj", "obj", "dative")]
        if not objects:  # "kidnapped up to 16 advisers": the parser hangs the object on "up to"
            objects = [g for c, dep in kids if dep in ("prt", "advmod") and lowers[c] == "up"
                       for p in children[c] if deps[p] == "prep" and lowers[p] == "to"
                       for g in pobjs_at(t, p)]
    actors = [head_i if lowers[k] in RELATIVES and dep_i == "relcl" else k for k in actors]
    if not actors:
        actors = inherited_subject_at(t, i)
    doer = misparsed_doer_at(t, i) if dep_i == "acl" and t.tags[i] == "VBN" else None
    if not objects and dep_i == "acl" and t.tags[i] == "VBN" and doer is None:
        objects = [head_i]
    if not objects and not passive and all(deps[c] in SHARED_OBJECT_DEPS for c, _ in kids if c > i):
        # "donated and delivered goods to X": a verb with nothing after it but its conjunct shares its object
        objects = [c for v, dep in kids if dep == "conj" and pos[v] == "VERB"
                   for c in children[v] if deps[c] in ("dobj", "obj")][:1]
    if not objects and not passive and "objctl" in lexicon.verb_classes().get(lemma_at(t, i), {}):
        # "allowed X to take part" parsed with X as the infinitive's subject: X is the one allowed
        objects = [c for v, dep in kids if dep == "ccomp" and any(deps[a] == "aux" and lowers[a] == "to"
                                                                  for a in children[v])
                   for c in children[v] if deps[c] == "nsubj"]
    between = own_pobjs(BETWEEN_PREPS)
    objects = with_conjuncts_at(t, objects)
    if type_ not in OBJECT_NOT_RECIPIENT:
        recipients = [o for o in objects if actor_like_at(t, o, actor_starts) and not partitive_at(t, o)
                      and not (type_ in OWN_UNIT_TYPES and lemma_at(t, o) in UNIT_LEMMAS)]
    if not recipients:
        preps = RECIPIENT_PREPS.get(type_, RECIPIENT_PREPS["*"])
        pobjs = with_conjuncts_at(t, own_pobjs(preps) or own_pobjs(RECIPIENT_FALLBACK.get(type_, NO_PREPS)))
        found = [o for o in pobjs if actor_like_at(t, o, actor_starts) and lemma_at(t, o) not in UNIT_LEMMAS]
        found = found or object_owners_at(t, pobjs, actor_starts)  # "protested against Velia's decision"
        for obj in objects:  # "demanded autonomy from Velia", "sent aid to Kandor"
            found = found or [o for o in with_conjuncts_at(t, prep_objects_at(t, obj, preps))
                              if actor_like_at(t, o, actor_starts)]
        recipients = found
    if not recipients and type_ == "PROTEST":
        recipients = protest_target_at(t, i, actor_starts)
    if not recipients and type_ in STANCE_VERB_TYPES:
        recipients = complement_target_at(t, i, type_, actor_starts)
    if (not recipients and any(dep == "aux" and lowers[c] == "to" for c, dep in kids)
            and (dep_i == "advcl" or (dep_i == "xcomp" and pos[head_i] == "VERB"
                                      and "objctl" not in lexicon.verb_classes().get(lemma_at(t, head_i), {})))):
        # "summoned Velia's envoy to complain": a purpose clause is aimed at the main verb's object
        recipients = [o for o in children_with(t, head_i, ("dobj", "obj")) if actor_like_at(t, o, actor_starts)]
    if not recipients and doer is not None and doer == head_i and (type_ in CLAUSE_RECIPIENT or type_ == "PROTEST"):
        root = root_at(t, head_i)
        if root < i and pos[root] in ("VERB", "AUX"):  # "X is failing ..., a rights group protested"
            recipients = children_with(t, root, ("nsubj", "nsubjpass"))
    if not recipients and type_ in CLAUSE_RECIPIENT:
        # "demanded that Velia withdraw": the one asked is the subject of the complement clause
        for child, dep in kids:
            if dep in ("ccomp", "xcomp"):
                recipients = [c for c in children_with(t, child, ("nsubj", "nsubjpass")) if lowers[c] not in ("we", "i")]
                break
    if not actors and type_ in OWNER_ACTOR:
        actors = [owner_at(t, o) for o in objects if owner_at(t, o) != o]
    if not recipients:  # "rejected Velia's plan", "demanded the withdrawal of Kandor's forces"
        recipients = object_owners_at(t, objects, actor_starts)
    if not recipients and type_ in RESULT_TYPES:
        recipients = result_target_at(t, i, actor_starts)
    if not recipients and type_ in SETTLE_TYPES:  # "called off the strike after talks with the government"
        recipients = [g for n in own_pobjs(AFTER_PREPS) if pos[n] == "NOUN"
                      for g in with_conjuncts_at(t, prep_objects_at(t, n, WITH_PREPS))
                      if actor_like_at(t, g, actor_starts)]
    if between:
        both = with_conjuncts_at(t, between)
        actors = actors or both
        recipients = recipients or [k for k in both if k not in actors]
    actors = with_conjuncts_at(t, actors)
    recipients = [k for k in with_conjuncts_at(t, recipients) if k not in actors
                  and not (type_ in OWNER_ACTOR and lemma_at(t, k) in UNIT_LEMMAS)]
    return actors, recipients, objects


STANCE_VERB_TYPES = frozenset({"THREATEN", "AGREE", "REJECT", "REQUEST"})
RESULT_TYPES = frozenset({"ASSAULT", "COERCE"})
SETTLE_TYPES = frozenset({"CONCEDE", "AGREE", "RETREAT"})  # what talks with someone end in
# verbs whose object is the doer's weapon or unit, not the target ("launched artillery fire, killing 50")
LAUNCH_VERBS = frozenset({"launch", "fire", "use", "drop", "deploy", "send", "lob", "detonate", "explode", "plant",
                          "unleash", "mobilize", "mobilise", "dispatch"})


def result_target_at(t: TokenTable, i: int, actor_starts: frozenset[int] = frozenset()) -> list[int]:
    """Return the target of the clause a result participle hangs on ("shelled the camps of Velian rebels,
    killing 50", "fired rockets at Kandorese positions, wounding two"), or []."""
    deps, heads, pos = t.deps, t.heads, t.pos
    verb = i
    while deps[verb] == "conj" and pos[heads[verb]] == "VERB":
        verb = heads[verb]
    if deps[verb] != "advcl" or t.tags[verb] != "VBG" or pos[heads[verb]] != "VERB":
        return []
    main, preps = heads[verb], RECIPIENT_PREPS["ASSAULT"]
    objs = with_conjuncts_at(t, children_with(t, main, ("dobj", "obj")))
    found = [o for o in prep_objects_at(t, main, preps) if actor_like_at(t, o, actor_starts)]
    for obj in objs:  # "fired rockets at X": the weapons are the doer's, the target is after the preposition
        found = found or [o for o in prep_objects_at(t, obj, preps) if actor_like_at(t, o, actor_starts)]
    if found or lemma_at(t, main) in LAUNCH_VERBS:
        return found
    return [o for o in objs if actor_like_at(t, o, actor_starts)] or object_owners_at(t, objs, actor_starts)


def complement_target_at(t: TokenTable, i: int, type_: str, actor_starts: frozenset[int] = frozenset()) -> list[int]:
    """Return the target of a stance verb named in its complement: who must comply with a threat's condition
    ("threatened to strike unless Velia withdraws"), else the object of the plan ("agreed to open its
    borders to Kandorese monitors")."""
    deps, lowers, children = t.deps, t.lowers, t.children
    comps = children_with(t, i, ("xcomp",))
    if type_ == "THREATEN":
        for head in (i, *comps):
            for clause in children[head]:
                if deps[clause] == "advcl" and any(deps[m] == "mark" and lowers[m] in ("if", "unless")
                                                   for m in children[clause]):
                    subj = [c for c in children_with(t, clause, ("nsubj", "nsubjpass"))
                            if actor_like_at(t, c, actor_starts) and t.pos[c] != "PRON"]
                    if subj:
                        return subj
    for comp in comps:
        objs = [c for c in children_with(t, comp, ("dobj", "dative")) if actor_like_at(t, c, actor_starts)]
        pobjs = prep_objects_at(t, comp, PLAN_PREPS)
        found = (objs or [o for o in pobjs if actor_like_at(t, o, actor_starts)]
                 or object_owners_at(t, pobjs, actor_starts))
        if found:
            return found
    return []


TARGET_PREPS = frozenset({"of", "for", "against", "at", "over", "with", "toward", "towards"})


def protest_target_at(t: TokenTable, i: int, actor_starts: frozenset[int] = frozenset()) -> list[int]:
    """Return whom a protest is aimed at, named in its purpose or manner: "blocked roads to show their anger at
    Velia's policy", "marched in defiance of the Kandorese authorities"."""
    deps, lowers, children = t.deps, t.lowers, t.children
    for child in children[i]:
        dep = deps[child]
        if dep in ("advcl", "xcomp") and any(deps[c] == "aux" and lowers[c] == "to" for c in children[child]):
            heads = children_with(t, child, ("dobj", "obj")) + prep_objects_at(t, child, TARGET_PREPS)
        elif dep == "prep" and lowers[child] == "in":
            heads = pobjs_at(t, child)
        else:
            continue
        for head in heads:
            if actor_like_at(t, head, actor_starts) and dep != "prep":
                return [head]
            found = (object_owners_at(t, [head], actor_starts)
                     or object_owners_at(t, prep_objects_at(t, head, TARGET_PREPS), actor_starts))
            found = found or [k for k in prep_objects_at(t, head, TARGET_PREPS) if actor_like_at(t, k, actor_starts)]
            if found:
                return found
    return []


def noun_arguments(tok: Token, type_: str, support: Token | None, actor_starts: frozenset[int] = frozenset(),
                   table: TokenTable | None = None) -> Arguments:
    """Return the actor, recipient and object heads of a nominal trigger ("Kandor's invasion of Velia")
    (``table``: ``token_table(tok.doc)`` when the caller has it)."""
    t = table if table is not None else token_table(tok.doc)
    return _tokens(t, *noun_arguments_at(t, tok.i, type_, None if support is None else support.i, actor_starts))


def noun_arguments_at(t: TokenTable, i: int, type_: str, support: int | None,
                      actor_starts: frozenset[int] = frozenset()) -> tuple[list[int], list[int], list[int]]:
    """Return the actor, recipient and object heads of nominal trigger ``i`` as token indices."""
    deps, lowers, pos, children, heads, ents = t.deps, t.lowers, t.pos, t.children, t.heads, t.ent_types
    kids = [(c, deps[c]) for c in children[i]]
    recipients: list[int] = []

    def own_pobjs(preps: frozenset[str]) -> list[int]:
        return [g for c, dep in kids if dep in ("prep", "dative") and lowers[c] in preps for g in pobjs_at(t, c)]

    actors = [c for c, dep in kids if dep == "poss" or (dep in ("compound", "amod", "nmod") and ents[c] in ACTOR_ENTS)]
    if support is not None and all(pos[a] == "PRON" for a in actors):
        actors = []  # "held their first meeting": the light verb's subject says who
    actors += own_pobjs(BY_PREPS)
    objects = with_conjuncts_at(t, own_pobjs(OF_PREPS))
    between = with_conjuncts_at(t, own_pobjs(BETWEEN_PREPS))
    if not actors and type_ in OWNER_ACTOR:  # "demanded the withdrawal of Kandorese troops": they move
        actors = [o for o in objects if named_side_at(t, o)]
        objects = [o for o in objects if o not in actors]
    if support is not None:
        verb_actors, verb_recipients, _ = verb_arguments_at(t, support, type_, actor_starts)
        actors = actors or verb_actors
        recipients = [r for r in verb_recipients if r != i]
        if not recipients:  # "gave a warm welcome to Velia", "paid a visit to Kandor"
            recipients = [o for o in prep_objects_at(t, support, TO_PREPS) if actor_like_at(t, o, actor_starts)]
    elif deps[i] == "pobj" and lowers[heads[i]] == "under" and pos[heads[heads[i]]] in ("VERB", "AUX"):
        actors, recipients = undergoer_at(t, heads[heads[i]], actors, recipients, actor_starts)
    preps = NOUN_RECIPIENT_PREPS if type_ not in OBJECT_NOT_RECIPIENT else MOVE_TARGET_PREPS
    if type_ in ("CONSULT", "COOPERATE", "AGREE"):
        preps = WITH_PREPS
    if not recipients:
        pobjs = own_pobjs(preps)
        recipients = [o for o in pobjs if actor_like_at(t, o, actor_starts)] or object_owners_at(t, pobjs, actor_starts)
    if not recipients and type_ in CLAUSE_RECIPIENT:
        for child, dep in kids:
            if dep in ("ccomp", "acl", "relcl") and any(lowers[m] == "that" for m in children[child]):
                recipients = children_with(t, child, ("nsubj", "nsubjpass"))
                break
    if between:  # "talks between Kandor and Velia": each side acts towards the other
        if actors:
            recipients = recipients or between
        else:  # both sides act and receive; the recipients start with the other side, so A -> B reads first
            actors, recipients = between, recipients or between[1:] + between[:1]
    if not actors and type_ in OWNER_ACTOR:
        actors = [owner_at(t, o) for o in objects if owner_at(t, o) != o]
    victim = victim_verb_at(t, i) if support is None and type_ in RESULT_TYPES else None
    if victim is not None:  # "a prisoner died as a result of torture": the one who died suffered it
        recipients = recipients or [k for k in subjects_at(t, victim)[0] if pos[k] != "PRON" or lowers[k] != "it"]
    elif not actors and support is None:  # "arrived on a visit", "clashed during protests"
        actors = clause_subject_at(t, i)
        verb = adjunct_verb_at(t, i) if actors and not recipients and type_ in RESULT_TYPES else None
        if verb is not None:  # "captured part of the rebels' stronghold after days of fighting": aimed at them
            objs = with_conjuncts_at(t, children_with(t, verb, ("dobj", "obj")))
            recipients = [o for o in objs if actor_like_at(t, o, actor_starts)] or object_owners_at(t, objs, actor_starts)
    actors = with_conjuncts_at(t, actors)
    recipients = with_conjuncts_at(t, recipients)
    if type_ not in SYMMETRIC or not between:
        recipients = [k for k in recipients if k not in actors]
    return actors, recipients, objects


def undergoer_at(t: TokenTable, verb: int, actors: list[int], recipients: list[int],
                 actor_starts: frozenset[int] = frozenset()) -> tuple[list[int], list[int]]:
    """Return ``(actors, recipients)`` of a nominal event after "under", filled from its verb where empty: the
    one put, placed or coming under it is the recipient ("Velia was put under investigation", "police placed
    him under arrest", "the town came under attack"); an agent or the subject of a verb with an object acts."""
    subj, passive = subjects_at(t, verb)
    objs = [c for c in children_with(t, verb, ("dobj", "obj")) if actor_like_at(t, c, actor_starts)]
    if passive:
        return actors or agents_at(t, verb), recipients or subj
    if objs:
        return actors or subj, recipients or objs
    return actors, recipients or subj


# verbs whose subject undergoes or reacts to the event named by their object ("faced an attack")
UNDERGO_VERBS = frozenset({"face", "suffer", "survive", "receive", "fear", "escape", "witness", "see", "endure",
                           "resist", "repel", "report", "condemn", "deny", "protest", "investigate", "welcome",
                           "criticize", "criticise", "support", "oppose", "reject", "accept", "expect", "predict",
                           "blame", "mourn", "avoid", "prevent", "block", "stop", "thwart", "foil", "allow"})
TAKING_PART_VERBS = frozenset({"engage", "involve", "embroil", "entangle"})  # "were engaged in fighting"
ADJUNCT_PREPS = frozenset({"on", "during", "in", "after", "amid", "at", "following", "with"})


VICTIM_VERBS = frozenset({"die", "perish", "succumb", "drown"})


def victim_verb_at(t: TokenTable, i: int) -> int | None:
    """Return the verb of dying a nominal event is the cause of ("died in the attack", "died as a result of
    torture", "succumbed to injuries from the blast"), or None."""
    deps, pos = t.deps, t.pos
    node = i
    for _ in range(6):
        if deps[node] not in ("pobj", "prep", "pcomp") and not (pos[node] == "NOUN" and deps[node] in ("pobj", "dobj")):
            return None
        node = t.heads[node]
        if pos[node] in ("VERB", "AUX"):
            return node if lemma_at(t, node) in VICTIM_VERBS else None
    return None


def _adjunct_head(t: TokenTable, i: int) -> int:
    """Return the noun a nominal event hangs under through "of" ("after five days of fighting": "days")."""
    deps, heads = t.deps, t.heads
    node = i
    for _ in range(3):
        if deps[node] == "pobj" and t.lowers[heads[node]] == "of" and t.pos[heads[heads[node]]] == "NOUN":
            node = heads[heads[node]]
    return node


def adjunct_verb_at(t: TokenTable, i: int) -> int | None:
    """Return the verb a nominal event is a prepositional adjunct of ("retook the town after days of
    fighting"), or None."""
    node = _adjunct_head(t, i)
    prep = t.heads[node]
    if t.deps[node] != "pobj" or t.lowers[prep] not in ADJUNCT_PREPS or t.pos[t.heads[prep]] not in ("VERB", "AUX"):
        return None
    return t.heads[prep]


def clause_subject_at(t: TokenTable, i: int) -> list[int]:
    """Return the subject of the verb a nominal event is an adjunct of ("arrived on a visit",
    "retook the town after days of fighting"), or [] when the noun is no such adjunct."""
    node = _adjunct_head(t, i)
    head = t.heads[node]
    if t.deps[node] == "dobj" and t.pos[head] == "VERB" and lemma_at(t, head) not in UNDERGO_VERBS:
        verb = head  # "tightened the blockade", "halted mediation": who does it runs it
    elif t.deps[node] != "pobj" or t.lowers[head] not in ADJUNCT_PREPS or t.pos[t.heads[head]] not in ("VERB", "AUX"):
        return []
    else:
        verb = t.heads[head]
    subj, passive = subjects_at(t, verb)
    if passive and lemma_at(t, verb) in TAKING_PART_VERBS:
        return subj  # "forces were engaged in ethnic cleansing": the subject takes part in it
    if passive:
        return agents_at(t, verb)
    return [k for k in subj if actor_like_at(t, k) or owner_at(t, k) != k] or ([] if subj else inherited_subject_at(t, verb))
