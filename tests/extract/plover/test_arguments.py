"""Argument finding: actors, recipients and objects of verb triggers read from the dependency parse."""

from __future__ import annotations

import pytest

from eventwire.extract.plover.arguments import intransitive_verbs, noun_arguments, owner, verb_arguments


def _args(parse, text, trigger, type_):
    doc = parse(text)
    tok = next(t for t in doc if t.text == trigger)
    args = verb_arguments(tok, type_)
    return [t.text for t in args.actors], [t.text for t in args.recipients], [t.text for t in args.objects]


def test_arguments_intransitive_verbs_load():
    assert {"resort", "protest", "resign"} <= intransitive_verbs()


@pytest.mark.parametrize(
    ("text", "trigger", "type_", "actors", "recipients"),
    [
        # a participle of an intransitive verb hung on its subject as a reduced relative: still its doer
        ("Kandorese youths resorted to throwing stones during the march against the Velian police, officials said "
         "on Thursday.", "resorted", "PROTEST", ["youths"], []),
        # the reporting clause after its content: the complained-about party is the content's subject
        ("The Kandorese army is abusing the rights of Velian prisoners, a human rights group protested here on "
         "Monday.", "protested", "PROTEST", ["group"], ["army"]),
        # coordinated verbs share the surface subject of a passive, not its agent
        ("The Velian minister was accused by the opposition of fraud and will resign next week.", "resign",
         "RETREAT", ["minister"], []),
        # a purpose clause parsed as the complement of a verb that does not pass its object down
        ("Velia summoned Kandor's envoy to protest against the arrests.", "protest", "ACCUSE", ["Velia"], ["envoy"]),
        # the one allowed, parsed as the subject of the infinitive after an object-control verb
        ("The Kandorese court allowed opposition leader Pavel Novak to hold a rally in the capital.", "allowed",
         "CONCEDE", ["court"], ["Novak"]),
        # a passive of taking part: its subject does it
        ("Kandorese militias were engaged in fighting against Velian border guards.", "engaged", "ASSAULT",
         ["militias"], []),
        # troops one contributes are one's own, not the party acted on
        ("Norway is ready to contribute 300 troops to a peacekeeping force in Chad.", "contribute", "AGREE",
         ["Norway"], []),
    ],
)
def test_arguments_misparsed_and_coordinated_doers(parse, text, trigger, type_, actors, recipients):
    found_actors, found_recipients, _ = _args(parse, text, trigger, type_)
    assert found_actors == actors
    assert found_recipients == recipients


def test_arguments_sentence_parsed_as_one_noun_phrase_keeps_its_doer(parse):
    actors, _, objects = _args(
        parse, "Nurses from three Kandorese charities donated and delivered $9,000 worth of medicine to a Velian "
        "clinic.", "donated", "AID")
    assert actors == ["Nurses"]
    assert objects == ["worth"]  # shared with the last conjunct



@pytest.mark.parametrize(
    ("text", "trigger", "type_", "recipients"),
    [
        # what an assault or coercion is done to, after "to" when nothing else names it
        ("Kandorese police set fire to the offices of the Velian opposition party.", "set", "COERCE", ["party"]),
        # "up to N": the object the parser hung on the particle
        ("Kandorese rebels kidnapped up to 12 Velian engineers from a market.", "kidnapped", "ASSAULT", ["engineers"]),
        # a result participle is aimed at its clause's target
        ("The Velian army shelled the camps of Kandorese rebels near the river, killing 30.", "killing", "ASSAULT",
         ["rebels"]),
        ("Velian gunboats fired rockets at Kandorese positions, wounding four.", "wounding", "ASSAULT", ["positions"]),
        # the parties among whom a mediation runs
        ("The Velian League may halt mediation efforts among Kandor's rival clans.", "halt", "SANCTION", ["clans"]),
    ],
)
def test_arguments_recipient_after_preposition_or_result_clause(parse, text, trigger, type_, recipients):
    assert _args(parse, text, trigger, type_)[1] == recipients


@pytest.mark.parametrize(
    ("text", "trigger", "support", "type_", "actors", "recipients"),
    [
        # the one put, placed or coming "under" a nominal event undergoes it
        ("A Kandorese diplomat was put under investigation in Velia.", "investigation", None, "ACCUSE", [],
         ["diplomat"]),
        ("Velian police placed the Kandorese envoy under arrest.", "arrest", None, "COERCE", ["police"], ["envoy"]),
        ("The Kandorese convoy came under attack near the border.", "attack", None, "ASSAULT", [], ["convoy"]),
        # the light verb's "to" names whom the nominal event is for
        ("Prime Minister Anna Velk gave a warm welcome to Kandorese leader Ivo Dran.", "welcome", "gave", "CONSULT",
         ["Velk"], ["Dran"]),
    ],
)
def test_arguments_nominal_event_under_or_with_light_verb(parse, text, trigger, support, type_, actors, recipients):
    doc = parse(text)
    tok = next(t for t in doc if t.text == trigger)
    sup = next(t for t in doc if t.text == support) if support else None
    args = noun_arguments(tok, type_, sup)
    assert ([t.text for t in args.actors], [t.text for t in args.recipients]) == (actors, recipients)


def test_arguments_nominal_assault_adjunct_is_aimed_at_its_verb_object(parse):
    doc = parse("Velian troops captured the Kandorese rebels' camp after five days of fighting.")
    tok = next(t for t in doc if t.text == "fighting")
    args = noun_arguments(tok, "ASSAULT", None)
    assert ([t.text for t in args.actors], [t.text for t in args.recipients]) == (["troops"], ["rebels"])


@pytest.mark.parametrize(
    ("text", "trigger", "recipients"),
    [
        ("Two Kandorese soldiers died in an attack near the border.", "attack", ["soldiers"]),
        ("A Velian prisoner died as a result of torture in custody.", "torture", ["prisoner"]),
    ],
)
def test_arguments_who_died_of_an_attack_suffered_it(parse, text, trigger, recipients):
    doc = parse(text)
    args = noun_arguments(next(t for t in doc if t.text == trigger), "ASSAULT", None)
    assert ([t.text for t in args.actors], [t.text for t in args.recipients]) == ([], recipients)


def test_arguments_settlement_after_talks_is_with_the_other_side(parse):
    text = "The Kandorese teachers' union called off its strike after talks with the Velian government."
    assert _args(parse, text, "called", "CONCEDE")[1] == ["government"]


def test_arguments_owner_of_a_subject_clause_is_its_subject(nlp):
    from spacy.tokens import Doc

    # "The Velian Cross operating in Kandor said ...", parsed with the gerund as the subject of "said"
    words = ["The", "Velian", "Cross", "operating", "in", "Kandor", "said", "."]
    heads = [2, 2, 3, 6, 3, 4, 6, 6]
    deps = ["det", "compound", "nsubj", "nsubj", "prep", "pobj", "ROOT", "punct"]
    tags = ["DT", "NNP", "NNP", "VBG", "IN", "NNP", "VBD", "."]
    pos = ["DET", "PROPN", "PROPN", "VERB", "ADP", "PROPN", "VERB", "PUNCT"]
    ents = ["B-ORG", "I-ORG", "I-ORG", "O", "O", "B-GPE", "O", "O"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos, ents=ents)
    assert owner(doc[3]).text == "Cross"


@pytest.mark.parametrize(
    ("text", "trigger", "support", "type_"),
    [
        ("Velian troops and Kandorese police attacked the rebel camps of the Dran Front near Osk.", "attacked", None,
         "ASSAULT"),
        ("The talks between Velia and Kandor were held in Osk, the ministry of Pell said.", "talks", "held",
         "CONSULT"),
        ("Amir bin Tarik was arrested by Velian police after the raid on his office.", "arrested", None, "COERCE"),
        ("The Kandorese invasion of Velia drew protests against the Kandorese embassy.", "invasion", None,
         "ASSAULT"),
    ],
)
def test_arguments_table_walk_same_as_one_off(parse, text, trigger, support, type_):
    from eventwire.extract.tokens import token_table

    doc = parse(text)
    t = token_table(doc)
    tok = next(x for x in doc if x.text == trigger)
    sup = next(x for x in doc if x.text == support) if support else None

    def heads(args):
        return [[x.i for x in part] for part in (args.actors, args.recipients, args.objects)]

    if tok.pos_ == "VERB":
        assert heads(verb_arguments(tok, type_, table=t)) == heads(verb_arguments(tok, type_))
    else:
        assert heads(noun_arguments(tok, type_, sup, table=t)) == heads(noun_arguments(tok, type_, sup))


def test_arguments_split_name_is_one_party(make_doc):
    from eventwire.extract.plover.phrases import with_conjuncts_at
    from eventwire.extract.tokens import token_table

    # "Amir Tarik" parsed as two conjoined subjects inside one PERSON name; "Lima" is a second party
    doc = make_doc(["Amir", "Tarik", "and", "Lima", "met"], heads=[4, 0, 0, 0, 4],
                   deps=["nsubj", "conj", "cc", "conj", "ROOT"], pos=["PROPN", "PROPN", "CCONJ", "PROPN", "VERB"],
                   ents=[(0, 2, "PERSON"), (3, 4, "GPE")])
    assert with_conjuncts_at(token_table(doc), [0]) == [0, 3]
