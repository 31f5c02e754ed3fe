"""Quote marks: find the stretches of text between them, tolerant of missing, stray and nested marks.

Works on the raw text, paragraph by paragraph, without the parse. A mark is an opener or a closer by
what stands beside it (a space before and a letter after opens), and only by its glyph when the
context does not tell. A quote that never closes ends where the next one opens or at the paragraph
end; one that reopens at the next paragraph continues there (``continues``).
"""

from __future__ import annotations

import re
from typing import NamedTuple

DOUBLE_OPEN = frozenset("“„«")
DOUBLE_CLOSE = frozenset("”»")
DOUBLE_ANY = frozenset('"')
SINGLE_OPEN = frozenset("‘‚")
SINGLE_CLOSE = frozenset("’")
SINGLE_ANY = frozenset("'")
MARK_RE = re.compile(r"``|''|[\"“”„«»‘’‚']")
PARAGRAPH_RE = re.compile(r"\n\s*\n|\n")
OPEN_BEFORE = frozenset("([{—–-/:")
CLOSE_AFTER = frozenset(".,;:!?)]}—–-…/")
EDGE_STRIP = " \t\r\n,;:—–-"


class Stretch(NamedTuple):  # a tuple: a frozen dataclass costs several times as much to make
    """Text between quote marks: ``start``/``end`` include the marks, ``inner_*`` exclude them.

    ``opened``/``closed`` say whether a mark was really found at each end; ``paragraph`` counts
    paragraphs from 0; ``continues`` is set when the quote goes on into the next paragraph, and
    ``single`` when single marks delimit it.
    """

    start: int
    end: int
    inner_start: int
    inner_end: int
    paragraph: int
    opened: bool = True
    closed: bool = True
    continues: bool = False
    single: bool = False


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) offsets of each non-blank paragraph (line) of ``text``."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for match in PARAGRAPH_RE.finditer(text):
        if text[pos : match.start()].strip():
            spans.append((pos, match.start()))
        pos = match.end()
    if text[pos:].strip():
        spans.append((pos, len(text)))
    return spans


def _role(text: str, i: int, j: int, lo: int, hi: int) -> str:
    """Return ``open``, ``close`` or ``either`` for the mark ``text[i:j]`` by its neighbours in [lo, hi)."""
    before = text[i - 1] if i > lo else " "
    after = text[j] if j < hi else " "
    spaced_before = before.isspace() or before in OPEN_BEFORE or before in DOUBLE_OPEN or before in SINGLE_OPEN
    spaced_after = after.isspace() or after in CLOSE_AFTER or after in DOUBLE_CLOSE or after in SINGLE_CLOSE or after in "\"'"
    if j >= hi or text[j:hi].strip() == "":
        return "close"
    if spaced_before and not spaced_after:
        return "open"
    if spaced_after and not spaced_before:
        return "close"
    return "either"


def _kind(mark: str) -> str:
    if mark in ("``", "''") or mark in DOUBLE_OPEN or mark in DOUBLE_CLOSE or mark in DOUBLE_ANY:
        return "d"
    return "s"


def _scan_paragraph(text: str, lo: int, hi: int, index: int) -> list[Stretch]:
    """Return the top-level quoted stretches of one paragraph ``text[lo:hi]``."""
    found: list[Stretch] = []
    stack: list[tuple[str, int, int]] = []  # (kind, mark start, mark end)
    last_end = lo

    def emit(start: int, inner_start: int, inner_end: int, end: int, *, opened=True, closed=True, single=False):
        nonlocal last_end
        a, b = inner_start, inner_end
        while a < b and text[a] in EDGE_STRIP:
            a += 1
        while b > a and text[b - 1] in EDGE_STRIP:
            b -= 1
        if b > a:
            found.append(Stretch(start, end, a, b, index, opened, closed, single=single))
        last_end = end

    for match in MARK_RE.finditer(text, lo, hi):
        i, j = match.span()
        mark = match.group()
        kind = _kind(mark)
        role = _role(text, i, j, lo, hi)
        if kind == "s":
            before = text[i - 1] if i > lo else " "
            after = text[j] if j < hi else " "
            if before.isalnum() and (after.isalnum() or role == "either"):
                continue  # an apostrophe inside a word
            if role == "open" and not after.isalpha():
                continue  # '90s
            if role == "either":
                role = "open" if mark in SINGLE_OPEN else "close"
            if role == "open" and mark in SINGLE_CLOSE and not any(k == "s" for k, _, _ in stack):
                role = "open"  # ’ used as an opener by sloppy typography
            if role == "open":
                stack.append(("s", i, j))
            elif any(k == "s" for k, _, _ in stack):
                while stack and stack[-1][0] != "s":
                    stack.pop()
                _, si, sj = stack.pop()
                if not stack:
                    emit(si, sj, i, j, single=True)
            continue
        if role == "either":
            if mark in DOUBLE_OPEN or mark == "``":
                role = "open"
            elif mark in DOUBLE_CLOSE or mark == "''":
                role = "close"
            else:
                role = "close" if any(k == "d" for k, _, _ in stack) else "open"
        if role == "open":
            if stack and stack[0][0] == "d":
                # a new quote opens while one is still open: the first one lost its closing mark
                _, si, sj = stack[0]
                stack.clear()
                emit(si, sj, i, i, opened=sj > si, closed=False)
            stack.append(("d", i, j))
        elif any(k == "d" for k, _, _ in stack):
            while stack[-1][0] != "d":
                stack.pop()
            _, si, sj = stack.pop()
            if all(k == "s" for k, _, _ in stack):
                stack.clear()  # a single opener left below was an apostrophe ('90s, 'em)
                emit(si, sj, i, j, opened=sj > si)
        elif not stack:
            # a closing mark with no opener: the quote began at the paragraph or after the last quote
            emit(last_end, last_end, i, j, opened=False)
    if stack and stack[0][0] == "d":
        _, si, sj = stack[0]
        emit(si, sj, hi, hi, opened=sj > si, closed=False)
    return found


def find_stretches(text: str) -> list[Stretch]:
    """Return every top-level quoted stretch of ``text`` in order, never raising on odd marks."""
    result: list[Stretch] = []
    spans = paragraphs(text)
    for index, (lo, hi) in enumerate(spans):
        found = _scan_paragraph(text, lo, hi, index)
        if found and not found[-1].closed and found[-1].end == hi and index + 1 < len(spans):
            nxt_lo = spans[index + 1][0]
            first = text[nxt_lo : nxt_lo + 2]
            if first[:1] in DOUBLE_OPEN or first[:1] in DOUBLE_ANY or first == "``":
                last = found[-1]
                found[-1] = Stretch(last.start, last.end, last.inner_start, last.inner_end, index,
                                    last.opened, False, True, last.single)  # fmt: skip
        result.extend(found)
    return result
