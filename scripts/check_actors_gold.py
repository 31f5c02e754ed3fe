"""Check actor resolution alone on the PLOVER gold records: does ``actors_for`` on each gold actor phrase's
head map it to the gold country (or, for IGO/NGO/IMG codes, to an actor with an IGO code)?

    python scripts/check_actors_gold.py [PATH] [-v] [--actors=FILE]
    python scripts/check_actors_gold.py [PATH] --events [-v] [--actors=FILE] [--cache=DOCBIN]

A developer check, not a test: it reads gold data from ../shared and prints source/target accuracy. The
end-to-end figure (argument choice included) is ``eventwire eval plover PATH``; ``--events`` computes it
the same way (``eval.plover.score`` on the aligned event) for the whole set and for halves (odd/even record
id numbers, first/second half), and with ``-v`` lists each miss as noevent (no event aligned), noarg (the
event has no actor/recipient), nocode (arguments without a country/IGO code) or wrong (other codes).
``--cache`` keeps the spaCy parses in a DocBin file (e.g. /tmp/plover.spacy) so reruns skip parsing.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from eventwire.extract.actors import actors_for, extract_actors
from eventwire.extract.context import Context
from eventwire.extract.places import extract_places
from eventwire.nlp import load_nlp
from eventwire.settings import Settings

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "plover" / "PLOVER_GSR_CAMEO.json"
LEGACY = {"JAP": "JPN", "ITL": "ITA"}  # CAMEO-era codes in the gold file
NON_STATE = ("IGO", "NGO", "IMG")


def head_token(doc, text: str):
    """Return the head token of the gold phrase in ``doc`` (a noun, not a verb), or None."""
    m = re.search(r"(?<!\w)" + re.escape(text.strip()) + r"(?!\w)", doc.text, re.I) or re.search(
        r"(?<!\w)" + re.escape(text.split()[0]) + r"(?!\w)", doc.text, re.I
    )
    if not m:
        return None
    span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
    head = span.root
    if head.pos_ not in ("NOUN", "PROPN", "PRON", "NUM", "ADJ"):
        head = next((t for t in span if t.pos_ in ("NOUN", "PROPN")), head)
    return head


def parsed(nlp, texts: list[str], cache: str | None) -> list:
    """Return the parses of ``texts``, read from (or written to) the DocBin file ``cache`` when given."""
    from spacy.tokens import DocBin

    if cache and Path(cache).exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if len(docs) == len(texts) and all(d.text == t for d, t in zip(docs, texts, strict=True)):
            return docs
    docs = list(nlp.pipe(texts))
    if cache:
        DocBin(docs=docs, store_user_data=True).to_disk(cache)
    return docs


def miss_kind(event, codes: set[str], attr: str) -> str | None:
    """Return why an aligned event misses the gold codes (None when it matches)."""
    from eventwire.eval.plover import actor_codes

    if event is None:
        return "noevent"
    found = actor_codes(getattr(event, attr))
    if found & codes:
        return None
    return "wrong" if found else "nocode" if getattr(event, attr) else "noarg"


def end_to_end(path: Path, verbose: bool, settings: Settings, cache: str | None) -> None:
    """Print actor/recipient country accuracy of the aligned events, whole and by halves; list misses."""
    import datetime as dt

    from eventwire.api import run_stages
    from eventwire.document import Article
    from eventwire.eval.plover import aligned_event, gold_codes, gold_spans, read_records, score

    records = read_records(path)
    docs = parsed(load_nlp(settings.model), [r["text"] for r in records], cache)
    out = []
    for n, (record, doc) in enumerate(zip(records, docs, strict=True)):
        try:
            published = dt.date.fromisoformat(str(record.get("date", ""))[:10])
        except ValueError:
            published = None
        out.append(run_stages(doc, Article(text=record["text"], id=f"plover-{n}", published=published), settings))
    number = [int(m.group(1)) if (m := re.search(r"(\d+)$", str(r.get("id", "")))) else n
              for n, r in enumerate(records)]
    halves = {"all": range(len(records)),
              "odd ids": [n for n in range(len(records)) if number[n] % 2],
              "even ids": [n for n in range(len(records)) if not number[n] % 2],
              "first half": range(len(records) // 2), "second half": range(len(records) // 2, len(records))}
    for name, idx in halves.items():
        report = score([records[n] for n in idx], [out[n] for n in idx])
        print(f"{name:12} type {report['type_accuracy_top']}  actor {report['actor_country_accuracy']} "
              f"({report['actor_records']})  recipient {report['recipient_country_accuracy']} "
              f"({report['recipient_records']})")
    kinds: Counter = Counter()
    for record, doc in zip(records, out, strict=True):
        event = aligned_event(doc.events, gold_spans(record))
        for role, attr in (("source", "actors"), ("target", "recipients")):
            codes = gold_codes(record.get(role))
            kind = miss_kind(event, codes, attr) if codes else None
            if kind is None:
                continue
            kinds[role, kind] += 1
            if verbose:
                got = [(a.text, a.country, a.igo) for a in getattr(event, attr)] if event else []
                print(f"{record.get('id')}\t{role}\t{kind}\tgold={sorted(codes)}\tgot={got}\t"
                      f"event={event.type + ':' + event.trigger.text if event else None}\t| {record['text'][:160]}")
    print("misses:", dict(sorted(kinds.items())))


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    path = Path(args[0]) if args else DEFAULT
    verbose = "-v" in sys.argv
    user = next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--actors=")), None)
    if "--events" in sys.argv:
        cache = next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--cache=")), None)
        end_to_end(path, verbose, Settings(actors_file=Path(user) if user else None), cache)
        return
    records = [r for r in json.loads(path.read_text(encoding="utf-8"))[1:] if r.get("text")]
    nlp, ctx = load_nlp(), Context(settings=Settings(actors_file=Path(user) if user else None))
    stats: Counter = Counter()
    for record, doc in zip(records, nlp.pipe(r["text"] for r in records), strict=True):
        places = extract_places(doc, ctx)
        actors = extract_actors(doc, ctx, places=places)
        for role in ("source", "target"):
            gold = record.get(role)
            for g in gold if isinstance(gold, list) else ():
                if not isinstance(g, dict) or not g.get("code") or not g.get("actorText"):
                    continue
                code = LEGACY.get(g["code"], g["code"])
                head = head_token(doc, g["actorText"])
                if head is None:
                    stats[role, "not found"] += 1
                    continue
                found = actors_for(doc, head.i, actors, ctx, conjuncts=False, places=places)
                if code in NON_STATE:
                    ok = any(a.igo or (code == "NGO" and a.sector == "NGO") for a in found)
                else:
                    ok = any(a.country == code for a in found)
                stats[role, "n"] += 1
                stats[role, "ok"] += ok
                if verbose and not ok:
                    print(
                        role,
                        g["actorText"],
                        code,
                        [(a.text, a.country, a.igo) for a in found],
                        "|",
                        record["text"][:100],
                    )
    for role in ("source", "target"):
        n, ok = stats[role, "n"], stats[role, "ok"]
        print(f"{role}: {ok}/{n} = {ok / max(n, 1):.3f} (phrase not found: {stats[role, 'not found']})")


if __name__ == "__main__":
    main()
