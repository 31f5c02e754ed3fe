"""Linking stage: near-duplicate (syndicated) articles through MinHash signatures and LSH bands.

An article's signature is a datasketch MinHash over its word 5-gram shingles. Its LSH band hashes
are stored as rows, so candidate copies are found with an SQL join however large the store grows;
a candidate is a copy when the estimated Jaccard similarity reaches ``THRESHOLD``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
BANDS = 32  # 32 bands x 4 rows: a pair at Jaccard 0.7 shares some band with probability > 0.99
ROWS = NUM_PERM // BANDS
SHINGLE = 5
THRESHOLD = 0.7
SEED = 1

_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE) -> list[bytes]:
    """Return the lower-cased word ``size``-grams of ``text`` (the whole text when shorter)."""
    words = _WORD.findall(text.lower())
    if len(words) <= size:
        return [" ".join(words).encode("utf-8")] if words else []
    return [" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)]


def signature(text: str) -> np.ndarray:
    """Return the MinHash signature (``NUM_PERM`` uint64 values) of an article text."""
    mh = MinHash(num_perm=NUM_PERM, seed=SEED)
    grams = shingles(text)
    if grams:
        mh.update_batch(grams)
    return mh.hashvalues.astype(np.uint64)


def band_hashes(sig: np.ndarray) -> list[int]:
    """Return one 63-bit hash per LSH band of a signature (equal bands give equal hashes)."""
    out = []
    for b in range(BANDS):
        chunk = sig[b * ROWS : (b + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, person=b"ewband%02d" % b).digest()
        out.append(int.from_bytes(digest, "big") >> 1)
    return out


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Return the Jaccard similarity estimated from two signatures."""
    return float(np.mean(a == b))


def to_blob(sig: np.ndarray) -> bytes:
    """Return a signature as bytes for the store."""
    return sig.astype("<u8").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    """Return a signature read back from the store."""
    return np.frombuffer(blob, dtype="<u8").astype(np.uint64)


class UnionFind:
    """Disjoint sets whose representative is the smallest member by a given key."""

    def __init__(self, key) -> None:
        self.parent: dict[str, str] = {}
        self.key = key

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = sorted((ra, rb), key=self.key)
            self.parent[hi] = lo

    def groups(self, items: Iterable[str]) -> dict[str, str]:
        """Return each item's representative."""
        return {x: self.find(x) for x in items}
