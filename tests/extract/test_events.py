"""Tests of the events stage (extract/events.py and extract/plover/): invented sentences, one capability each."""

from __future__ import annotations

import pytest

from eventwire.extract.plover import attributes, lexicon
from eventwire.extract.plover.lexicon import parse_requires
from eventwire.extract.plover.triggers import find_candidates


def events_of(extract_text, text):
    return extract_text(text).events


def top(events):
    return max(events, key=lambda e: e.confidence)


def by_trigger(events, word):
    return [e for e in events if word in e.trigger.text]


# --- typing: verbs and nominal events -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chilean troops attacked a rebel camp near the border on Tuesday.", "ASSAULT"),
        ("Peru and Ecuador agreed to reopen their shared border.", "AGREE"),
        ("The Kenyan foreign minister met his Ugandan counterpart in Nairobi.", "CONSULT"),
        ("Norway praised the mediators for their patience.", "SUPPORT"),
        ("The junta conceded defeat after the vote.", "CONCEDE"),
        ("Japan will share intelligence with Australia on maritime threats.", "AGREE"),
        ("Canada donated medicine to flood victims in Malawi.", "AID"),
        ("The rebels released twelve hostages on Sunday.", "RETREAT"),
        ("The opposition demanded new elections.", "REQUEST"),
        ("The ministry accused Bolivia of harbouring smugglers.", "ACCUSE"),
        ("Paraguay rejected the proposal outright.", "REJECT"),
        ("The army threatened to shell the town.", "THREATEN"),
        ("Thousands of teachers marched through the capital.", "PROTEST"),
        ("The union imposed sanctions on the company.", "SANCTION"),
        ("Mongolia deployed 300 soldiers to the frontier.", "MOBILIZE"),
        ("Police arrested forty protesters in the square.", "COERCE"),
        ("Chile has refused to sign the treaty and has urged Bolivia to resume talks.", "REJECT"),
        ("Peru lifted a state of emergency in the south.", "CONCEDE"),
        ("Red Cross helicopters evacuated the wounded from the valley.", "AID"),
        ("The union reiterated its demand today that Peru ease restrictions on workers.", "REQUEST"),
    ],
)
def test_events_top_type(extract_text, text, expected):
    assert top(events_of(extract_text, text)).type == expected


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("The deployment of 800 Danish troops began in April.", "deployment", "MOBILIZE"),
        ("Peru condemned the invasion of its territory.", "invasion", "ASSAULT"),
        ("Negotiations between Chile and Bolivia resumed in Lima.", "Negotiations", "CONSULT"),
        ("New sanctions against the regime took effect.", "sanctions", "SANCTION"),
        ("The arrest of the mayor shocked the town.", "arrest", "COERCE"),
        ("The protest drew thousands of farmers.", "protest", "PROTEST"),
        ("Talks with the rebels stalled.", "Talks", "CONSULT"),
    ],
)
def test_events_nominal_triggers(extract_text, text, trigger, expected):
    assert [e.type for e in by_trigger(events_of(extract_text, text), trigger)] == [expected]


def test_events_several_per_sentence(extract_text):
    events = events_of(extract_text, "Kenyan police arrested two men and later raided a warehouse, then met local leaders.")
    assert {"COERCE", "CONSULT"} <= {e.type for e in events}


# --- arguments ---------------------------------------------------------------------------------------


def countries(actors):
    return sorted(a.country for a in actors if a.country)


def test_events_passive_agent_is_actor(extract_text):
    event = by_trigger(events_of(extract_text, "A Chilean border post was attacked by Bolivian forces."), "attacked")[0]
    assert countries(event.actors) == ["BOL"]
    assert countries(event.recipients) == ["CHL"]


def test_events_coordination_gives_two_recipients(extract_text):
    event = by_trigger(events_of(extract_text, "Norway sent aid to Kenya and Uganda."), "sent")[0]
    assert countries(event.recipients) == ["KEN", "UGA"]


def test_events_possessive_nominal(extract_text):
    event = by_trigger(events_of(extract_text, "Peru's invasion of Ecuador was condemned."), "invasion")[0]
    assert countries(event.actors) == ["PER"]
    assert countries(event.recipients) == ["ECU"]


@pytest.mark.parametrize(
    ("text", "trigger", "recipient"),
    [
        ("Chile rejected a Bolivian peace plan.", "rejected", "BOL"),
        ("Peru denounced Ecuador's seizure of the fishing boats.", "denounced", "ECU"),
        ("Chilean students protested against Bolivia's decision.", "protested", "BOL"),
        ("Peru opened an investigation into crimes committed by Bolivian soldiers.", "investigation", "BOL"),
        ("Peru summoned Chile's ambassador to complain about the raids.", "complain", "CHL"),
        ("Peru complained to the United Nations over two Chilean air raids.", "complained", "CHL"),
        ("Demonstrators in Lima blocked a road to show their anger at Chile's policies.", "blocked", "CHL"),
        ("Thousands of people marched in Quito in defiance of Peruvian authorities.", "marched", "PER"),
        ("Chilean miners threatened to strike unless Bolivia withdraws its claim.", "threatened", "BOL"),
        ("Peru agreed to open its borders to Chilean monitors.", "agreed", "CHL"),
    ],
)
def test_events_owner_of_object_is_recipient(extract_text, text, trigger, recipient):
    event = by_trigger(events_of(extract_text, text), trigger)[0]
    assert recipient in countries(event.recipients)


def test_events_adjunct_nominal_takes_clause_subject(extract_text):
    event = by_trigger(events_of(extract_text, "The Chilean president arrived in Lima on a state visit."), "visit")[0]
    assert countries(event.actors) == ["CHL"]


def test_events_agentless_stance_passive_subject_acts(extract_text):
    event = by_trigger(events_of(extract_text, "Bolivia is opposed to Chilean mediation."), "opposed")[0]
    assert countries(event.actors) == ["BOL"]


def test_events_place_stands_in_for_unnamed_actor(extract_text):
    event = by_trigger(events_of(extract_text, "A Chilean journalist was killed in a bomb blast in Lima."), "killed")[0]
    assert countries(event.actors) == ["PER"]


def test_events_protest_with_no_target_is_aimed_at_home(extract_text):
    event = by_trigger(events_of(extract_text, "Chilean teachers went on strike on Monday."), "strike")[0]
    assert countries(event.recipients) == ["CHL"]


def test_events_statement_speaks_for_its_issuer(extract_text):
    text = "The Chilean government issued a statement demanding that Bolivia withdraw its troops."
    event = by_trigger(events_of(extract_text, text), "demanding")[0]
    assert countries(event.actors) == ["CHL"]
    assert countries(event.recipients) == ["BOL"]


def test_events_coordinated_modifiers_give_one_actor_each(extract_text):
    event = by_trigger(events_of(extract_text, "Chilean and Peruvian negotiators met in Quito."), "met")[0]
    assert {"CHL", "PER"} <= set(countries(event.actors))


def test_events_attribution_phrase_states_no_event(extract_text):
    events = events_of(extract_text, "Peru closed the border with Chile, according to a group that monitored the attacks.")
    assert [e.type for e in events] == ["COERCE"]


def test_events_request_for_a_withdrawal_asks_the_troops_side(extract_text):
    events = events_of(extract_text, "Bolivia demanded the withdrawal of Chilean troops from the border.")
    request = by_trigger(events, "demanded")[0]
    assert countries(request.recipients) == ["CHL"]
    assert countries(by_trigger(events, "withdrawal")[0].actors) == ["CHL"]


@pytest.mark.parametrize(
    ("text", "trigger", "actor"),
    [
        ("Chile tightened the naval blockade of Bolivia.", "blockade", ["CHL"]),
        ("Peru faced an attack by Bolivian rebels.", "attack", ["BOL"]),
    ],
)
def test_events_object_nominal_takes_the_doer(extract_text, text, trigger, actor):
    event = by_trigger(events_of(extract_text, text), trigger)[0]
    assert countries(event.actors) == actor


def test_events_stated_demand_asks_the_clause_subject(extract_text):
    text = "The union reiterated its demand today that Peru ease restrictions on workers."
    event = [e for e in events_of(extract_text, text) if e.type == "REQUEST"][0]
    assert "PER" in countries(event.recipients)


def test_events_apposition_names_the_party(extract_text):
    event = by_trigger(events_of(extract_text, "Members of the Norvik Union, a Danish group, protested."), "protested")[0]
    assert countries(event.actors) == ["DNK"]


def test_events_instrument_subject_leaves_the_place_as_actor(extract_text):
    text = "Two Chilean soldiers were killed by a roadside bomb outside the Peruvian city of Tacna."
    event = by_trigger(events_of(extract_text, text), "killed")[0]
    assert "PER" in countries(event.actors)
    assert countries(event.recipients) == ["CHL"]


def test_events_obligation_in_an_issued_statement_is_a_request(extract_text):
    text = "The Peruvian president issued a stern reminder to Chile that it must cooperate with the inspectors."
    event = top(events_of(extract_text, text))
    assert event.type == "REQUEST"
    assert countries(event.actors) == ["PER"]
    assert countries(event.recipients) == ["CHL"]


def test_events_meeting_place_is_no_party(extract_text):
    event = by_trigger(events_of(extract_text, "Envoys from the two sides negotiated in Geneva on Monday."), "negotiated")[0]
    assert "CHE" not in countries(event.actors)


def test_events_negotiations_between_both_sides(extract_text):
    event = by_trigger(events_of(extract_text, "Negotiations between Chile and Bolivia ended on Friday."), "Negotiations")[0]
    assert countries(event.actors) == ["BOL", "CHL"]
    assert countries(event.recipients) == ["BOL", "CHL"]


def test_events_light_verb_subject_is_actor(extract_text):
    event = by_trigger(events_of(extract_text, "Japan imposed sanctions on North Korea."), "sanctions")[0]
    assert event.type == "SANCTION"
    assert countries(event.actors) == ["JPN"]
    assert countries(event.recipients) == ["PRK"]


def test_events_reported_speech_is_attributed(extract_text):
    events = events_of(extract_text, "The Peruvian minister said Ecuador attacked a border village.")
    assert not any(e.trigger.text == "said" for e in events)
    attack = by_trigger(events, "attacked")[0]
    assert attack.type == "ASSAULT"
    assert countries(attack.actors) == ["ECU"]
    assert attack.reported_by is not None and "minister" in attack.reported_by.text


def test_events_size_from_object(extract_text):
    event = by_trigger(events_of(extract_text, "Mongolia deployed 300 soldiers to the frontier."), "deployed")[0]
    assert event.size is not None and event.size.min == 300
    assert event.mode == "troops"


# --- flags and stances -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "trigger", "flag"),
    [
        ("Norway did not send troops to the region.", "send", "negated"),
        ("We are not going to deploy soldiers there.", "deploy", "negated"),
        ("Chile would respond if Peru invaded its territory.", "invaded", "hypothetical"),
        ("The army could shell the city.", "shell", "hypothetical"),
        ("Kenya will deploy 200 police officers next week.", "deploy", "future"),
        ("Ghana is going to send troops to Mali.", "send", "future"),
    ],
)
def test_events_flags(extract_text, text, trigger, flag):
    assert flag in by_trigger(events_of(extract_text, text), trigger)[0].flags


def test_events_asserted_event_has_no_flags(extract_text):
    assert by_trigger(events_of(extract_text, "Norway sent troops to the region."), "sent")[0].flags == ()


def test_events_historical_flag(extract_text):
    events = events_of(extract_text, "Peru invaded Ecuador in 1995.")
    assert "historical" in by_trigger(events, "invaded")[0].flags


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("Chile said it will release the prisoners.", "AGREE"),
        ("The rebels vowed to attack the capital.", "THREATEN"),
        ("Kenya said it would not accept more refugees.", "REJECT"),
        ("The rebels will withdraw unless the government resigns.", "THREATEN"),
        ("The minister said Peru must withdraw its troops.", "REQUEST"),
        ("Chile is ready to send aid to Peru if it is attacked.", "AGREE"),
    ],
)
def test_events_stance_of_intent(extract_text, text, stance):
    assert top(events_of(extract_text, text)).type == stance


# --- extras: CAMEO, mode, contexts --------------------------------------------------------------------


def test_events_cameo_quad_and_intensity(extract_text):
    event = by_trigger(events_of(extract_text, "Chilean jets bombed a rebel base."), "bombed")[0]
    assert event.cameo.startswith("18") or event.cameo.startswith("19")
    assert event.quad_class == 4
    assert event.intensity <= -9


def test_events_mode_from_object(extract_text):
    event = by_trigger(events_of(extract_text, "Rebels fired rockets at the airport."), "fired")[0]
    assert (event.type, event.mode) == ("ASSAULT", "heavy-weapons")


@pytest.mark.parametrize(
    ("text", "mode"),
    [("Rebels killed the deputy chief of the militia.", "assassinate"),
     ("Rebels attacked the village on Monday, President Lopez said.", None)],
)
def test_events_attack_on_a_leader_is_an_assassination(extract_text, text, mode):
    assert top(events_of(extract_text, text)).mode == mode


@pytest.mark.parametrize(
    "text",
    ["The Bolivian president said he will extend the night curfew in La Paz.",
     "The Bolivian president threatened to impose a curfew in La Paz."],
)
def test_events_stance_keeps_the_mode_of_what_it_is_about(extract_text, text):
    event = [e for e in events_of(extract_text, text) if e.type == "THREATEN"][0]
    assert event.mode == "curfew"


def test_events_contexts(extract_text):
    event = by_trigger(events_of(extract_text, "The court charged the minister with fraud."), "charged")[0]
    assert "legal" in event.contexts


def test_events_empty_text_has_no_events(extract_text):
    assert events_of(extract_text, "The weather was mild and sunny all afternoon.") == ()


# --- parts, without the model -------------------------------------------------------------------------


def test_events_find_candidates_on_hand_built_doc(make_doc):
    doc = make_doc(["Rebels", "attacked", "the", "town"], heads=[1, 1, 3, 1], deps=["nsubj", "ROOT", "det", "dobj"],
                   pos=["NOUN", "VERB", "DET", "NOUN"], lemmas=["rebel", "attack", "the", "town"])
    cands = find_candidates(doc)
    assert [(c.i, c.entry.type) for c in cands] == [(1, "ASSAULT")]


def test_events_light_verb_carries_nominal(make_doc):
    doc = make_doc(["Kenya", "imposed", "sanctions"], heads=[1, 1, 1], deps=["nsubj", "ROOT", "dobj"],
                   pos=["PROPN", "VERB", "NOUN"], lemmas=["Kenya", "impose", "sanction"])
    cands = find_candidates(doc)
    assert [(c.i, c.entry.type, c.support) for c in cands] == [(2, "SANCTION", 1)]


def test_events_split_name_is_one_subject(make_doc):
    from eventwire.extract.plover.arguments import subjects

    doc = make_doc(["Amir", "bin", "Tarik", "visited", "Lima"], heads=[3, 2, 3, 3, 3],
                   deps=["nsubj", "compound", "nsubj", "ROOT", "dobj"], pos=["PROPN", "PROPN", "PROPN", "VERB", "PROPN"],
                   ents=[(0, 3, "PERSON"), (4, 5, "GPE")])
    subj, passive = subjects(doc[3])
    assert [t.text for t in subj] == ["Amir"] and not passive


@pytest.mark.parametrize(
    ("text", "expected"),
    [("obj:talk|meeting", [("obj", {"talk", "meeting"})]), ("", []), ("prep:for;subj:worker", [("prep", {"for"}), ("subj", {"worker"})])],
)
def test_events_parse_requires(text, expected):
    assert [(r.kind, set(r.lemmas)) for r in parse_requires(text)] == expected


@pytest.mark.parametrize(
    ("type_", "mode", "code", "expected"),
    [("MOBILIZE", "troops", None, ("154", 4)), ("CONSULT", None, None, ("040", 1)), ("ASSAULT", "aerial", "195", ("195", 4))],
)
def test_events_cameo_for(type_, mode, code, expected):
    got_code, quad, intensity = attributes.cameo_for(type_, mode, code)
    assert (got_code, quad) == expected
    assert -10 <= intensity <= 10


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2023-04-02", "day"), ("2023-04", "month"), ("2023", "year"), ("2023-W14", "week"), (None, "reported")],
)
def test_events_date_granularity(value, expected):
    assert attributes.granularity(value) == expected


def test_events_every_type_has_triggers_and_a_cameo_default():
    from eventwire.document import PLOVER_TYPES

    types = {e.type for entries in lexicon.triggers().values() for e in entries}
    assert set(PLOVER_TYPES) <= types
    defaults = lexicon.cameo_defaults()
    assert all((t, None) in defaults for t in PLOVER_TYPES)


def test_events_cameo2plover_loader(tmp_path):
    path = tmp_path / "table.txt"
    path.write_text("# header\n04: CONSULT\n042: CONSULT, visit,   # Make a visit\n1723: COERCE, curfew, pro_autocracy # x\n")
    table = lexicon.load_cameo2plover(path)
    assert table["042"] == ("CONSULT", "visit", ())
    assert table["1723"] == ("COERCE", "curfew", ("pro_autocracy",))
    assert table["04"] == ("CONSULT", None, ())


def test_events_readiness_to_respond(extract_text):
    events = by_trigger(events_of(extract_text, "The president said he was ready to respond if the rebels attacked."), "respond")
    assert {e.type for e in events} == {"ASSAULT", "THREATEN"}
    assert "hypothetical" in next(e for e in events if e.type == "ASSAULT").flags


def test_events_talks_between_two_sides_list_the_other_side_first(extract_text):
    doc = extract_text("The second round of talks between Kandor and Velia ended on Monday without a deal.")
    talks = [e for e in doc.events if e.type == "CONSULT"]
    assert talks, doc.events
    first = talks[0]
    assert first.actors[0].text == "Kandor" and first.recipients[0].text == "Velia"
    assert {a.text for a in first.actors} == {a.text for a in first.recipients} == {"Kandor", "Velia"}


def test_events_size_of_object_controlled_mobilisation(extract_text):
    doc = extract_text("The ministry said Kandor had ordered an additional 300 soldiers to deploy to Velia.")
    deploy = [e for e in doc.events if e.type == "MOBILIZE" and e.trigger.text == "deploy"]
    assert deploy and deploy[0].size is not None and deploy[0].size.min == 300


def test_events_destination_that_is_also_recipient_is_the_location(extract_text):
    doc = extract_text("Kandor sent 40 soldiers to Estonia on Friday.")
    sent = [e for e in doc.events if e.type == "MOBILIZE"]
    assert sent and sent[0].location is not None and sent[0].location.country == "EST"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Ostrian rebels dismissed an appeal from the governor to lay down their arms.", "REJECT"),
        ("Velmoran unions said they would boycott all goods from Kandor.", "THREATEN"),
        ("The agency dispatched inspectors to the enrichment plant.", "ACCUSE"),
        ("Velmoran officers ended mediation efforts between the rival clans.", "SANCTION"),
        ("Both militias violated the ceasefire agreement on Monday.", "ASSAULT"),
        ("Kandor will withdraw its observers from Velmora.", "THREATEN"),
        ("Hackers launched a cyber attack on the Velmoran tax office.", "COERCE"),
        ("Ostria will give Kandor a grant of 5 million dollars.", "AGREE"),
        ("Volunteer doctors handed over 500 kg of medicine to the clinic.", "AID"),
        ("The council will evacuate all twelve outposts by June.", "AGREE"),
        ("The rebels swore to fight on.", "THREATEN"),
        ("A Velmoran weekly has violated a ban imposed by the governor.", "REJECT"),
        ("The alliance said it would tighten the naval blockade of Kandor.", "THREATEN"),
        ("Army bulldozers demolished twelve homes in the village.", "COERCE"),
        ("Guards sexually abused detainees at the camp, the report said.", "ASSAULT"),
        ("The president gave a warm welcome to the Ostrian premier.", "CONSULT"),
        ("Ostria is ready to contribute 400 troops to the mission.", "AGREE"),
        ("The court decided to allow the candidate to run.", "CONCEDE"),
        ("Guerrillas blew up two power lines outside the town.", "COERCE"),
        ("Humanitarian access to the valley has improved since May.", "RETREAT"),
        ("Police took the two Ostrian activists into custody.", "COERCE"),
        ("The two sides swapped prisoners at the border crossing.", "RETREAT"),
        ("Kandor summoned the Velmoran ambassador on Friday.", "ACCUSE"),
    ],
)
def test_events_top_type_general_lexicon(extract_text, text, expected):
    assert top(events_of(extract_text, text)).type == expected


def test_events_object_requirement_reads_a_compound_modifier(make_doc):
    doc = make_doc(["They", "ended", "mediation", "efforts"], heads=[1, 1, 3, 1],
                   deps=["nsubj", "ROOT", "compound", "dobj"], pos=["PRON", "VERB", "NOUN", "NOUN"],
                   lemmas=["they", "end", "mediation", "effort"])
    types = {c.entry.lemma: c.entry.type for c in find_candidates(doc)}
    assert types["end"] == "SANCTION"


def test_events_nearest_mode_prefers_the_left_keyword_on_a_tie():
    lemmas = ["bomb", "x", "kill", "y", "gunman"]
    assert attributes.nearest_mode("ASSAULT", lemmas, 0, 5, 2) == "explosives"
    assert attributes.nearest_mode("ASSAULT", lemmas, 0, 5, 3) == "firearms"
    assert attributes.nearest_mode("ASSAULT", lemmas, 1, 5, 2) == "firearms"
    assert attributes.nearest_mode("ASSAULT", ["say", "so"], 0, 2, 0) is None


@pytest.mark.parametrize(
    ("text", "type_", "mode"),
    [
        ("Velmoran unions said they would boycott all goods from Kandor.", "THREATEN", "restrict"),
        ("Four shoppers were killed in a suicide car bombing in the market.", "ASSAULT", "suicide-attack"),
    ],
)
def test_events_mode_cues(extract_text, text, type_, mode):
    event = top(events_of(extract_text, text))
    assert (event.type, event.mode) == (type_, mode)


# --- index-based helpers of the events stage (speed-ups that must not change a result) -------------


def test_events_mode_positions_nearest_of_equal_a_scan_by_distance():
    lemmas = ["bomb", "gunman", "kill", "x", "bomb", "y", "gunman"]
    positions = attributes.mode_positions("ASSAULT", lemmas, 0, len(lemmas))
    table = lexicon.mode_keywords()["ASSAULT"]
    for i in range(len(lemmas)):
        ranked = sorted((k for k in range(len(lemmas)) if lemmas[k] in table), key=lambda k: (abs(k - i), k > i))
        assert attributes.nearest_of(positions, i) == table[lemmas[ranked[0]]]
    assert attributes.nearest_of([], 3) is None


def test_events_by_sentence_of_buckets_by_start_character():
    from types import SimpleNamespace

    from eventwire.extract.events import by_sentence_of

    items = [SimpleNamespace(start=s) for s in (0, 9, 10, 25, 31)]
    found = by_sentence_of(items, [0, 10, 20], [9, 19, 30])  # sentences 0-9, 10-19, 20-30
    assert {k: [x.start for x in v] for k, v in found.items()} == {0: [0], 1: [10], 2: [25]}


def test_events_org_spans_hold_a_place_named_inside_an_organisation():
    from eventwire.document import Actor
    from eventwire.extract.plover.completion import in_org, org_spans

    actors = [Actor("UN", 0, 2, igo="UN"), Actor("Velia", 10, 15, country="VEL"), Actor("EU mission", 20, 30,
                                                                                           igo="EU", country="VEL")]
    orgs = org_spans(actors)
    assert orgs == [(0, 2)]
    assert in_org(orgs, 1) and not in_org(orgs, 2) and not in_org(orgs, 12) and not in_org([], 0)


def test_events_location_fallback_by_table_equals_token_api(nlp):
    from eventwire.document import Place
    from eventwire.extract.tokens import token_table

    doc = nlp("Kandorese soldiers shelled villages near Orlen and Vasby on Monday, officials in Tarvik said.")
    t = token_table(doc)
    places = [Place(w.text, w.idx, w.idx + len(w.text), name=w.text, country="KAN", role="place")
              for w in doc if w.text in ("Orlen", "Vasby", "Tarvik")]
    finders = attributes.Finders(None, None, None, t)  # no places helper: the fallback chooses
    for tok in doc:
        for taken in (set(), {(places[0].start, places[0].end + 10)}):
            got = attributes.event_location(doc, tok, places, taken, finders)
            assert got == attributes._location_by_tokens(doc, tok, places, taken)


def test_events_draft_has_event_fields_and_completes_to_one_event():
    import dataclasses

    from eventwire.document import Actor, Event, Span
    from eventwire.extract.plover.completion import Draft, completed, with_changes

    assert Draft._fields == tuple(f.name for f in dataclasses.fields(Event))
    span = Span("Velia shelled Orlen.", 0, 20)
    draft = Draft(type="ASSAULT", trigger=Span("shelled", 6, 13), sentence=span, confidence=0.7)
    assert completed(draft, {}, {}, []) == Event("ASSAULT", Span("shelled", 6, 13), span, confidence=0.7)
    target = Actor("Orlen", 14, 19, country="KAN", kind="place")
    done = completed(with_changes(draft, mode="shell"), {"flags": ("negated",)}, {6: target}, [])
    assert type(done) is Event and (done.mode, done.flags, done.recipients) == ("shell", ("negated",), (target,))


def test_events_lemma_at_equals_lemma_of_on_every_token(nlp):
    from eventwire.extract.plover.phrases import lemma_at
    from eventwire.extract.plover.triggers import lemma_of, table_lemmas
    from eventwire.extract.tokens import token_table

    doc = nlp("Kandorese troops staged raids, shelled Orlen and were wounded; Velia's envoy protests and is leaving.")
    t = token_table(doc)
    assert [lemma_at(t, i) for i in range(len(doc))] == [lemma_of(tok) for tok in doc] == table_lemmas(t)
