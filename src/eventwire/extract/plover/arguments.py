"""Actors and recipients of a trigger, read from the dependency parse.

Candidate finding (``verb_arguments``, ``noun_arguments``: token heads) is separate from resolution
(``plover.resolution``: a token to an ``Actor`` through the actors stage, or a plain fallback). What a noun
phrase head stands for (actor-likeness, owners, conjuncts, prepositional objects) is in ``plover.phrases``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from ...resources import cached, iter_tsv
from . import lexicon
from .phrases import (  # noqa: F401 - ACTOR_ENTS, member_of, named_side: read from here by resolution
    ACTOR_ENTS,
    actor_like,
    member_of,
    named_side,
    object_owners,
    one_per_name,
    orphan_object,
    owner,
    partitive,
    prep_objects,
    with_conjuncts,
)
from .triggers import lemma_of

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


@dataclass(slots=True)
class Arguments:
    """Token heads of an event's actors, recipients and objects (the things acted on)."""

    actors: list[Token] = field(default_factory=list)
    recipients: list[Token] = field(default_factory=list)
    objects: list[Token] = field(default_factory=list)


def subjects(tok: Token) -> tuple[list[Token], bool]:
    """Return the subject heads of a verb and whether it is passive (its subject then is acted on)."""
    kids = [(c, c.dep_) for c in tok.children]
    has_auxpass = any(dep == "auxpass" for _, dep in kids)
    kids += [(g, g.dep_) for c, dep in kids if dep in ("aux", "auxpass") for g in c.children]  # subject hung on the auxiliary
    subj = one_per_name([c for c, dep in kids if dep in ("nsubj", "csubj")])
    passive = one_per_name([c for c, dep in kids if dep in ("nsubjpass", "csubjpass")])
    if passive or has_auxpass:
        return passive or subj, True  # "Velia is opposed": the parser may call a passive's subject nsubj
    return subj, False


@cached
def intransitive_verbs() -> frozenset[str]:
    """Return the lemmas of verbs that take no direct object (``data/actors/intransitive.tsv``)."""
    return frozenset(row[0].strip() for row in iter_tsv("actors/intransitive.tsv"))


def misparsed_doer(tok: Token) -> Token | None:
    """Return the doer of a past participle the parser hung on a noun as a reduced relative when it is
    the noun's own verb, else None: an intransitive verb ("youths resorted to stones", "a rights group
    protested"), or a verb with an object in a sentence parsed as one noun phrase ("Doctors from two aid
    groups donated and delivered $5,000 of goods": the phrase's head does it)."""
    if tok.dep_ != "acl" or tok.tag_ != "VBN" or any(c.dep_ == "agent" for c in tok.children):
        return None
    if lemma_of(tok) in intransitive_verbs():
        return tok.head
    root = tok.head
    while root.head.i != root.i:
        root = root.head
    if root.pos_ not in ("NOUN", "PROPN"):
        return None
    verbs = [tok, *tok.conjuncts]
    if any(c.dep_ in ("dobj", "obj") for v in verbs for c in v.children) or any(
        v.tag_ in ("VBD", "VBZ", "VBP") for v in verbs[1:]
    ):
        return root
    return None


def inherited_subject(tok: Token, depth: int = 0) -> list[Token]:
    """Return the doer of a verb with no subject of its own: from the verb it is the complement or conjunct of."""
    if depth > 6 or tok.dep_ == "ROOT":
        return []
    head = tok.head
    doer = misparsed_doer(tok) if tok.dep_ == "acl" and tok.tag_ == "VBN" else None
    if doer is not None:
        return [doer]
    if tok.dep_ == "acomp":  # "Velia is opposed to": the copula's subject
        return [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
    if tok.dep_ == "relcl":
        return [head] if any(c.dep_ in ("nsubj",) and c.lower_ in RELATIVES for c in tok.children) else []
    if tok.dep_ == "acl" and tok.tag_ == "VBG":
        if head.dep_ == "dobj" and not actor_like(head) and owner(head) is head:  # "issued a statement demanding"
            subj, passive = subjects(head.head)
            if subj and not passive:
                return subj
        return [head]
    if tok.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
        subj, passive = subjects(head.head)
        return subj if subj and not passive else inherited_subject(head.head, depth + 1)
    if tok.dep_ not in ("xcomp", "conj", "advcl", "ccomp") or head.pos_ not in ("VERB", "AUX", "ADJ"):
        return []
    if tok.dep_ == "ccomp":
        return []
    if tok.dep_ == "advcl" and any(c.dep_ == "mark" for c in tok.children):
        return []
    if tok.dep_ == "xcomp" and "objctl" in lexicon.verb_classes().get(lemma_of(head), {}):
        objs = [c for c in head.children if c.dep_ in ("dobj", "obj")]
        if objs and actor_like(objs[0]) and objs[0].ent_type_ != "LOC":
            return objs
    subj, passive = subjects(head)
    if subj and not passive:
        return subj
    if passive and subj and tok.dep_ == "conj" and tok.tag_ != "VBN":
        return subj  # "X was indicted by Y and will resign": coordinated verbs share the surface subject
    if passive:
        agent = [g for c in head.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if agent:
            return agent
    if head.pos_ == "ADJ":  # "ready to respond": the subject of the copula
        return inherited_subject(head, depth + 1) or [c for c in head.head.children if c.dep_ == "nsubj"]
    return inherited_subject(head, depth + 1)


def verb_arguments(tok: Token, type_: str, actor_starts: frozenset[int] = frozenset()) -> Arguments:
    """Return the actor, recipient and object heads of a verb trigger."""
    args = Arguments()
    kids = [(c, c.dep_) for c in tok.children]  # read once: every ``children`` pass builds new Tokens

    def own_pobjs(preps: frozenset[str]) -> list[Token]:  # ``prep_objects(tok, preps)`` over ``kids``
        out = []
        for c, dep in kids:
            if dep in ("prep", "dative") and c.lower_ in preps:
                out += [g for g in c.children if g.dep_ == "pobj"] or orphan_object(c)
        return out

    subj, passive = subjects(tok)
    if passive:
        args.actors = [g for c, dep in kids if dep == "agent" for g in c.children if g.dep_ == "pobj"]
        args.objects = subj
        if not args.actors and (type_ in STATE_PASSIVE or lemma_of(tok) in TAKING_PART_VERBS):
            # "Velia is opposed to", "is committed to": a stance held; "were engaged in": taking part
            args.actors, args.objects = subj, []
    else:
        args.actors = subj
        args.objects = [c for c, dep in kids if dep in ("dobj", "obj", "dative")]
        if not args.objects:  # "kidnapped up to 16 advisers": the parser hangs the object on "up to"
            args.objects = [g for c, dep in kids if dep in ("prt", "advmod") and c.lower_ == "up"
                            for p in c.children if p.dep_ == "prep" and p.lower_ == "to"
                            for g in p.children if g.dep_ == "pobj"]
    args.actors = [tok.head if t.lower_ in RELATIVES and tok.dep_ == "relcl" else t for t in args.actors]
    if not args.actors:
        args.actors = inherited_subject(tok)
    doer = misparsed_doer(tok) if tok.dep_ == "acl" and tok.tag_ == "VBN" else None
    if not args.objects and tok.dep_ == "acl" and tok.tag_ == "VBN" and doer is None:
        args.objects = [tok.head]
    if not args.objects and not passive and all(c.dep_ in SHARED_OBJECT_DEPS for c in tok.rights):
        # "donated and delivered goods to X": a verb with nothing after it but its conjunct shares its object
        args.objects = [c for v, dep in kids if dep == "conj" and v.pos_ == "VERB"
                        for c in v.children if c.dep_ in ("dobj", "obj")][:1]
    if not args.objects and not passive and "objctl" in lexicon.verb_classes().get(lemma_of(tok), {}):
        # "allowed X to take part" parsed with X as the infinitive's subject: X is the one allowed
        args.objects = [c for v, dep in kids if dep == "ccomp" and any(a.dep_ == "aux" and a.lower_ == "to"
                                                                       for a in v.children)
                        for c in v.children if c.dep_ == "nsubj"]
    between = own_pobjs(frozenset({"between", "among"}))
    args.objects = with_conjuncts(args.objects)
    if type_ not in OBJECT_NOT_RECIPIENT:
        args.recipients = [o for o in args.objects if actor_like(o, actor_starts) and not partitive(o)
                           and not (type_ in OWN_UNIT_TYPES and lemma_of(o) in UNIT_LEMMAS)]
    if not args.recipients:
        preps = RECIPIENT_PREPS.get(type_, RECIPIENT_PREPS["*"])
        pobjs = with_conjuncts(own_pobjs(preps) or own_pobjs(RECIPIENT_FALLBACK.get(type_, frozenset())))
        found = [o for o in pobjs if actor_like(o, actor_starts) and lemma_of(o) not in UNIT_LEMMAS]
        found = found or object_owners(pobjs, actor_starts)  # "protested against Velia's decision"
        for obj in args.objects:  # "demanded autonomy from Velia", "sent aid to Kandor"
            found = found or [o for o in with_conjuncts(prep_objects(obj, preps)) if actor_like(o, actor_starts)]
        args.recipients = found
    if not args.recipients and type_ == "PROTEST":
        args.recipients = protest_target(tok, actor_starts)
    if not args.recipients and type_ in STANCE_VERB_TYPES:
        args.recipients = complement_target(tok, type_, actor_starts)
    if (not args.recipients and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
            and (tok.dep_ == "advcl" or (tok.dep_ == "xcomp" and tok.head.pos_ == "VERB"
                                         and "objctl" not in lexicon.verb_classes().get(lemma_of(tok.head), {})))):
        # "summoned Velia's envoy to complain": a purpose clause is aimed at the main verb's object
        args.recipients = [o for o in tok.head.children if o.dep_ in ("dobj", "obj") and actor_like(o, actor_starts)]
    if not args.recipients and doer is not None and doer.i == tok.head.i and type_ in CLAUSE_RECIPIENT | {"PROTEST"}:
        root = tok.head
        while root.head.i != root.i:
            root = root.head
        if root.i < tok.i and root.pos_ in ("VERB", "AUX"):  # "X is failing ..., a rights group protested"
            args.recipients = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not args.recipients and type_ in CLAUSE_RECIPIENT:
        # "demanded that Velia withdraw": the one asked is the subject of the complement clause
        for child in tok.children:
            if child.dep_ in ("ccomp", "xcomp"):
                args.recipients = [c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")
                                   and c.lower_ not in ("we", "i")]
                break
    if not args.actors and type_ in OWNER_ACTOR:
        args.actors = [owner(o) for o in args.objects if owner(o) is not o]
    if not args.recipients:  # "rejected Velia's plan", "demanded the withdrawal of Kandor's forces"
        args.recipients = object_owners(args.objects, actor_starts)
    if not args.recipients and type_ in RESULT_TYPES:
        args.recipients = result_target(tok, actor_starts)
    if not args.recipients and type_ in SETTLE_TYPES:  # "called off the strike after talks with the government"
        args.recipients = [g for n in own_pobjs(frozenset({"after", "following"})) if n.pos_ == "NOUN"
                           for g in with_conjuncts(prep_objects(n, frozenset({"with"}))) if actor_like(g, actor_starts)]
    if between:
        both = with_conjuncts(between)
        args.actors = args.actors or both
        args.recipients = args.recipients or [t for t in both if t not in args.actors]
    args.actors = with_conjuncts(args.actors)
    args.recipients = [t for t in with_conjuncts(args.recipients) if t not in args.actors
                       and not (type_ in OWNER_ACTOR and lemma_of(t) in UNIT_LEMMAS)]
    return args


STANCE_VERB_TYPES = frozenset({"THREATEN", "AGREE", "REJECT", "REQUEST"})
RESULT_TYPES = frozenset({"ASSAULT", "COERCE"})
SETTLE_TYPES = frozenset({"CONCEDE", "AGREE", "RETREAT"})  # what talks with someone end in
# verbs whose object is the doer's weapon or unit, not the target ("launched artillery fire, killing 50")
LAUNCH_VERBS = frozenset({"launch", "fire", "use", "drop", "deploy", "send", "lob", "detonate", "explode", "plant",
                          "unleash", "mobilize", "mobilise", "dispatch"})
def result_target(tok: Token, actor_starts: frozenset[int] = frozenset()) -> list[Token]:
    """Return the target of the clause a result participle hangs on ("shelled the camps of Velian rebels,
    killing 50", "fired rockets at Kandorese positions, wounding two"), or []."""
    verb = tok
    while verb.dep_ == "conj" and verb.head.pos_ == "VERB":
        verb = verb.head
    if verb.dep_ != "advcl" or verb.tag_ != "VBG" or verb.head.pos_ != "VERB":
        return []
    main, preps = verb.head, RECIPIENT_PREPS["ASSAULT"]
    objs = with_conjuncts([c for c in main.children if c.dep_ in ("dobj", "obj")])
    found = [o for o in prep_objects(main, preps) if actor_like(o, actor_starts)]
    for obj in objs:  # "fired rockets at X": the weapons are the doer's, the target is after the preposition
        found = found or [o for o in prep_objects(obj, preps) if actor_like(o, actor_starts)]
    if found or lemma_of(main) in LAUNCH_VERBS:
        return found
    return [o for o in objs if actor_like(o, actor_starts)] or object_owners(objs, actor_starts)


def complement_target(tok: Token, type_: str, actor_starts: frozenset[int] = frozenset()) -> list[Token]:
    """Return the target of a stance verb named in its complement: who must comply with a threat's condition
    ("threatened to strike unless Velia withdraws"), else the object of the plan ("agreed to open its
    borders to Kandorese monitors")."""
    comps = [c for c in tok.children if c.dep_ == "xcomp"]
    if type_ == "THREATEN":
        for head in (tok, *comps):
            for clause in head.children:
                if clause.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in clause.children):
                    subj = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and actor_like(c, actor_starts)
                            and c.pos_ != "PRON"]
                    if subj:
                        return subj
    for comp in comps:
        objs = [c for c in comp.children if c.dep_ in ("dobj", "dative") and actor_like(c, actor_starts)]
        pobjs = prep_objects(comp, frozenset({"to", "with", "against", "on"}))
        found = objs or [o for o in pobjs if actor_like(o, actor_starts)] or object_owners(pobjs, actor_starts)
        if found:
            return found
    return []


TARGET_PREPS = frozenset({"of", "for", "against", "at", "over", "with", "toward", "towards"})


def protest_target(tok: Token, actor_starts: frozenset[int] = frozenset()) -> list[Token]:
    """Return whom a protest is aimed at, named in its purpose or manner: "blocked roads to show their anger at
    Velia's policy", "marched in defiance of the Kandorese authorities"."""
    for child in tok.children:
        if child.dep_ in ("advcl", "xcomp") and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
            heads = [c for c in child.children if c.dep_ in ("dobj", "obj")] + prep_objects(child, TARGET_PREPS)
        elif child.dep_ == "prep" and child.lower_ == "in":
            heads = [g for g in child.children if g.dep_ == "pobj"]
        else:
            continue
        for head in heads:
            if actor_like(head, actor_starts) and child.dep_ != "prep":
                return [head]
            found = object_owners([head], actor_starts) or object_owners(prep_objects(head, TARGET_PREPS), actor_starts)
            found = found or [t for t in prep_objects(head, TARGET_PREPS) if actor_like(t, actor_starts)]
            if found:
                return found
    return []


def noun_arguments(tok: Token, type_: str, support: Token | None,
                   actor_starts: frozenset[int] = frozenset()) -> Arguments:
    """Return the actor, recipient and object heads of a nominal trigger ("Kandor's invasion of Velia")."""
    args = Arguments()
    kids = [(c, c.dep_) for c in tok.children]  # read once: every ``children`` pass builds new Tokens

    def own_pobjs(preps: frozenset[str]) -> list[Token]:  # ``own_pobjs(preps)`` over ``kids``
        return [g for c, dep in kids if dep in ("prep", "dative") and c.lower_ in preps
                for g in c.children if g.dep_ == "pobj"]

    for child, dep in kids:
        if dep == "poss" or (dep in ("compound", "amod", "nmod") and child.ent_type_ in ACTOR_ENTS):
            args.actors.append(child)
    if support is not None and all(a.pos_ == "PRON" for a in args.actors):
        args.actors = []  # "held their first meeting": the light verb's subject says who
    args.actors += own_pobjs(frozenset({"by"}))
    of_objs = own_pobjs(frozenset({"of"}))
    args.objects = with_conjuncts(of_objs)
    between = with_conjuncts(own_pobjs(frozenset({"between", "among"})))
    if not args.actors and type_ in OWNER_ACTOR:  # "demanded the withdrawal of Kandorese troops": they move
        args.actors = [o for o in args.objects if named_side(o)]
        args.objects = [o for o in args.objects if o not in args.actors]
    if support is not None:
        verb_args = verb_arguments(support, type_, actor_starts)
        args.actors = args.actors or verb_args.actors
        args.recipients = [r for r in verb_args.recipients if r.i != tok.i]
        if not args.recipients:  # "gave a warm welcome to Velia", "paid a visit to Kandor"
            args.recipients = [o for o in prep_objects(support, frozenset({"to"})) if actor_like(o, actor_starts)]
    elif tok.dep_ == "pobj" and tok.head.lower_ == "under" and tok.head.head.pos_ in ("VERB", "AUX"):
        undergoer(tok.head.head, args, actor_starts)
    preps = NOUN_RECIPIENT_PREPS if type_ not in OBJECT_NOT_RECIPIENT else frozenset({"against", "toward", "towards", "on"})
    if type_ in ("CONSULT", "COOPERATE", "AGREE"):
        preps = frozenset({"with"})
    if not args.recipients:
        pobjs = own_pobjs(preps)
        args.recipients = [o for o in pobjs if actor_like(o, actor_starts)] or object_owners(pobjs, actor_starts)
    if not args.recipients and type_ in CLAUSE_RECIPIENT:
        for child, dep in kids:
            if dep in ("ccomp", "acl", "relcl") and any(m.lower_ == "that" for m in child.children):
                args.recipients = [c for c in child.children if c.dep_ in ("nsubj", "nsubjpass")]
                break
    if between:  # "talks between Kandor and Velia": each side acts towards the other
        if args.actors:
            args.recipients = args.recipients or between
        else:  # both sides act and receive; the recipients start with the other side, so A -> B reads first
            args.actors, args.recipients = between, args.recipients or between[1:] + between[:1]
    if not args.actors and type_ in OWNER_ACTOR:
        args.actors = [owner(o) for o in args.objects if owner(o) is not o]
    victim = victim_verb(tok) if support is None and type_ in RESULT_TYPES else None
    if victim is not None:  # "a prisoner died as a result of torture": the one who died suffered it
        args.recipients = args.recipients or [t for t in subjects(victim)[0] if t.pos_ != "PRON" or t.lower_ != "it"]
    elif not args.actors and support is None:  # "arrived on a visit", "clashed during protests"
        args.actors = clause_subject(tok)
        verb = adjunct_verb(tok) if args.actors and not args.recipients and type_ in RESULT_TYPES else None
        if verb is not None:  # "captured part of the rebels' stronghold after days of fighting": aimed at them
            objs = with_conjuncts([c for c in verb.children if c.dep_ in ("dobj", "obj")])
            args.recipients = [o for o in objs if actor_like(o, actor_starts)] or object_owners(objs, actor_starts)
    args.actors = with_conjuncts(args.actors)
    args.recipients = with_conjuncts(args.recipients)
    if type_ not in SYMMETRIC or not between:
        args.recipients = [t for t in args.recipients if t not in args.actors]
    return args


def undergoer(verb: Token, args: Arguments, actor_starts: frozenset[int] = frozenset()) -> None:
    """Fill the arguments of a nominal event after "under" from its verb: the one put, placed or coming under
    it is the recipient ("Velia was put under investigation", "police placed him under arrest", "the town
    came under attack"); an agent or the subject of a verb with an object acts."""
    subj, passive = subjects(verb)
    objs = [c for c in verb.children if c.dep_ in ("dobj", "obj") and actor_like(c, actor_starts)]
    if passive:
        args.recipients = args.recipients or subj
        args.actors = args.actors or [g for c in verb.children if c.dep_ == "agent" for g in c.children
                                      if g.dep_ == "pobj"]
    elif objs:
        args.recipients = args.recipients or objs
        args.actors = args.actors or subj
    else:
        args.recipients = args.recipients or subj


# verbs whose subject undergoes or reacts to the event named by their object ("faced an attack")
UNDERGO_VERBS = frozenset({"face", "suffer", "survive", "receive", "fear", "escape", "witness", "see", "endure",
                           "resist", "repel", "report", "condemn", "deny", "protest", "investigate", "welcome",
                           "criticize", "criticise", "support", "oppose", "reject", "accept", "expect", "predict",
                           "blame", "mourn", "avoid", "prevent", "block", "stop", "thwart", "foil", "allow"})
TAKING_PART_VERBS = frozenset({"engage", "involve", "embroil", "entangle"})  # "were engaged in fighting"
ADJUNCT_PREPS = frozenset({"on", "during", "in", "after", "amid", "at", "following", "with"})


VICTIM_VERBS = frozenset({"die", "perish", "succumb", "drown"})


def victim_verb(tok: Token) -> Token | None:
    """Return the verb of dying a nominal event is the cause of ("died in the attack", "died as a result of
    torture", "succumbed to injuries from the blast"), or None."""
    node = tok
    for _ in range(6):
        if node.dep_ not in ("pobj", "prep", "pcomp") and not (node.pos_ == "NOUN" and node.dep_ in ("pobj", "dobj")):
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node if lemma_of(node) in VICTIM_VERBS else None
    return None


def adjunct_verb(tok: Token) -> Token | None:
    """Return the verb a nominal event is a prepositional adjunct of ("retook the town after days of
    fighting"), or None."""
    node = tok
    for _ in range(3):  # "after five days of fighting": climb through "of" to the adjunct's head
        if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.pos_ == "NOUN":
            node = node.head.head
    if node.dep_ != "pobj" or node.head.lower_ not in ADJUNCT_PREPS or node.head.head.pos_ not in ("VERB", "AUX"):
        return None
    return node.head.head


def clause_subject(tok: Token) -> list[Token]:
    """Return the subject of the verb a nominal event is an adjunct of ("arrived on a visit",
    "retook the town after days of fighting"), or [] when the noun is no such adjunct."""
    node = tok
    for _ in range(3):  # "after five days of fighting": climb through "of" to the adjunct's head
        if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.pos_ == "NOUN":
            node = node.head.head
    if node.dep_ == "dobj" and node.head.pos_ == "VERB" and lemma_of(node.head) not in UNDERGO_VERBS:
        verb = node.head  # "tightened the blockade", "halted mediation": who does it runs it
    elif node.dep_ != "pobj" or node.head.lower_ not in ADJUNCT_PREPS or node.head.head.pos_ not in ("VERB", "AUX"):
        return []
    else:
        verb = node.head.head
    subj, passive = subjects(verb)
    if passive and lemma_of(verb) in TAKING_PART_VERBS:
        return subj  # "forces were engaged in ethnic cleansing": the subject takes part in it
    if passive:
        return [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    return [t for t in subj if actor_like(t) or owner(t) is not t] or ([] if subj else inherited_subject(verb))
