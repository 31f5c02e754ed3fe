"""A table pass for spaCy's rule ``Lemmatizer``: the same lemmas, without a Python call per token.

The stock rule lemmatizer walks the Doc token by token in Python, builds a ``Token`` for each and calls
``rule_lemmatize``, which caches only the tokens that reach the suffix rules (about 4% of a parse).
A rule lemma depends on nothing but the token's text, POS and morphology (the cache key spaCy uses itself),
so ``index_lemmatizer`` gives the pipeline's lemmatizer a ``__call__`` that reads ORTH/POS/MORPH/LEMMA
with one ``Doc.to_array``, looks every token's lemma up in a dictionary keyed by that triple, computes the
misses with the lemmatizer's own ``lemmatize`` (so each lemma is spaCy's by construction) and writes the
column back with one ``Doc.from_array``. Like spaCy, it keeps a lemma already set (by the attribute ruler)
unless the lemmatizer's ``overwrite`` is on.
"""

from __future__ import annotations

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.errors import Errors
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc

COLUMNS = [ORTH, POS, MORPH, LEMMA]
KEY = numpy.dtype((numpy.void, 3 * 8))  # the first three columns of a row as one value


class TableLemmas:
    """The table ``__call__`` for a rule lemmatizer; mixed in before its class by ``index_lemmatizer``."""

    def __call__(self, doc: Doc) -> Doc:
        if not self._validated:
            self._validate_tables(Errors.E1004)
        error_handler = self.get_error_handler()
        try:
            return self.set_lemmas(doc)
        except Exception as e:  # as spaCy's Lemmatizer: the pipeline's error handler decides
            error_handler(self.name, self, [doc], e)

    def set_lemmas(self, doc: Doc) -> Doc:
        """Set every token's lemma that spaCy's ``Lemmatizer.__call__`` would set, as it would."""
        if not len(doc):
            return doc
        memo = self.lemma_memo()
        array = doc.to_array(COLUMNS)
        # one 24-byte key per token: its (orth, pos, morph) hashes, cheaper to build than a tuple of ints
        keys = numpy.ascontiguousarray(array[:, :3]).view(KEY).ravel().tolist()
        found = list(map(memo.get, keys))
        preset = array[:, 3] if not self.overwrite else None
        if None in found:
            add = self.vocab.strings.add
            for i in [i for i, lemma in enumerate(found) if lemma is None]:
                if preset is not None and preset[i]:
                    found[i] = 0  # kept below, as spaCy keeps it
                    continue
                found[i] = lemma = add(self.lemmatize(doc[i])[0])
                # no POS: spaCy warns for each such token, so compute it every time as it does
                if array[i, 1]:
                    memo[keys[i]] = lemma
        lemmas = numpy.array(found, dtype=numpy.uint64)
        if preset is not None:
            lemmas = numpy.where(preset != 0, preset, lemmas)
        doc.from_array([LEMMA], lemmas)
        return doc

    def lemma_memo(self) -> dict[bytes, int]:
        """Return the (orth, pos, morph) key -> lemma hash memo, emptied whenever the lookup tables change."""
        if getattr(self, "_memo_lookups", None) is not self.lookups:
            self._memo_lookups = self.lookups
            self._lemma_memo = {}
        return self._lemma_memo


class IndexedLemmatizer(TableLemmas, Lemmatizer):
    """spaCy's ``Lemmatizer`` with the table ``__call__``."""


class IndexedEnglishLemmatizer(TableLemmas, EnglishLemmatizer):
    """spaCy's ``EnglishLemmatizer`` with the table ``__call__``."""


INDEXED = {Lemmatizer: IndexedLemmatizer, EnglishLemmatizer: IndexedEnglishLemmatizer}


def index_lemmatizer(nlp) -> Lemmatizer | None:
    """Give the pipeline's rule ``lemmatizer`` the table ``__call__``; return it (None when not applicable).

    Only spaCy's own rule lemmatizers qualify (their lemma is a function of text, POS and morphology); a
    lookup-mode or custom lemmatizer is left as it is.
    """
    if "lemmatizer" not in nlp.pipe_names:
        return None
    lemmatizer = nlp.get_pipe("lemmatizer")
    if isinstance(lemmatizer, TableLemmas):
        return lemmatizer
    indexed = INDEXED.get(type(lemmatizer))
    if indexed is None or lemmatizer.mode != "rule":
        return None
    lemmatizer.__class__ = indexed  # same layout and state: only __call__ changes
    return lemmatizer
