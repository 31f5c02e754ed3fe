"""Check actor resolution alone on the PLOVER gold records: does ``actors_for`` on each gold actor phrase's
head map it to the gold country (or, for IGO/NGO/IMG codes, to an actor with an IGO code)?

    python scripts/check_actors_gold.py [PATH] [-v] [--actors=FILE]

A developer check, not a test: it reads gold data from ../shared and prints source/target accuracy. The
end-to-end figure (argument choice included) is ``eventwire eval plover PATH``.
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


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    path = Path(args[0]) if args else DEFAULT
    verbose = "-v" in sys.argv
    records = [r for r in json.loads(path.read_text(encoding="utf-8"))[1:] if r.get("text")]
    user = next((a.split("=", 1)[1] for a in sys.argv if a.startswith("--actors=")), None)
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
