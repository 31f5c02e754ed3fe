"""Argument finding: actors, recipients and objects of verb triggers read from the dependency parse."""

from __future__ import annotations

import pytest

from eventwire.extract.plover.arguments import intransitive_verbs, verb_arguments


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

