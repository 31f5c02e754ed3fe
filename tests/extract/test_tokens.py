"""Token helpers shared by the extractors."""

from __future__ import annotations

import pytest

from eventwire.extract.tokens import entity_bounds


@pytest.mark.parametrize(("i", "expected"), [(0, (0, 1)), (1, (1, 4)), (2, (1, 4)), (3, (1, 4)), (4, (4, 5)), (5, (5, 6))])
def test_tokens_entity_bounds_walks_iob_tags(make_doc, i, expected):
    doc = make_doc(["Minister", "Ana", "Lopez", "Vidal", "met", "Peru"], ents=[(1, 4, "PERSON"), (5, 6, "GPE")])
    assert entity_bounds(doc, i) == expected
