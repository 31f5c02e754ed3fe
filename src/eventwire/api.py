"""The library API: ``extract`` one text, ``pipe`` a stream of articles. Everything else calls these."""

from __future__ import annotations

import collections
import datetime as dt
import logging
from collections.abc import Callable, Iterable, Iterator
from typing import Any, NamedTuple

from spacy.tokens import Doc

from .document import Article, Document, Skipped
from .errors import BadDateError, BadInputError, SkipError, SkipReason
from .extract.actors import extract_actors
from .extract.context import Context
from .extract.events import extract_events
from .extract.places import extract_places
from .extract.quantities import extract_quantities
from .extract.quotes import extract_quotes
from .extract.summary import summarize
from .extract.times import extract_times
from .extract.tokens import token_table
from .nlp import load_nlp
from .settings import DEFAULT_SETTINGS, Settings

LOG = logging.getLogger(__name__)


class Stage(NamedTuple):
    """One extractor: its result name, the function, and the earlier results it takes as keywords."""

    name: str
    func: Callable[..., Any]
    needs: tuple[str, ...] = ()


STAGES: tuple[Stage, ...] = (
    Stage("times", extract_times),
    Stage("places", extract_places),
    Stage("quantities", extract_quantities),
    Stage("actors", extract_actors, ("places",)),
    Stage("quotes", extract_quotes, ("actors",)),
    Stage("events", extract_events, ("times", "places", "quantities", "actors", "quotes")),
    Stage("summary", summarize, ("events", "times", "places", "actors")),
)
LIST_STAGES = ("times", "places", "quantities", "actors", "quotes", "events")


def parse_published(value: dt.date | dt.datetime | str | None, settings: Settings = DEFAULT_SETTINGS) -> dt.date | None:
    """Return ``value`` as a date; raise ``BadDateError`` for text that is no date or a year out of range."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        date = value.date()
    elif isinstance(value, dt.date):
        date = value
    elif isinstance(value, str):
        text = value.strip()
        try:
            date = dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
        except ValueError:
            try:
                date = dt.date.fromisoformat(text[:10])
            except ValueError:
                raise BadDateError(f"not an ISO date (YYYY-MM-DD): {value!r}") from None
    else:
        raise BadDateError(f"not a date: {value!r}")
    if not settings.min_year <= date.year <= settings.max_year:
        raise BadDateError(f"date {date.isoformat()} is outside {settings.min_year}-{settings.max_year}")
    return date


def check_article(article: Article, settings: Settings) -> Article:
    """Return ``article`` if it can be processed; raise ``SkipError`` with the reason otherwise."""
    if not isinstance(article.text, str):
        raise SkipError(SkipReason.MISSING_TEXT, "text is not a string")
    if not article.text.strip():
        raise SkipError(SkipReason.EMPTY_TEXT, "text is empty or whitespace")
    if len(article.text) > settings.max_chars:
        raise SkipError(SkipReason.TOO_LONG, f"{len(article.text)} characters > max_chars {settings.max_chars}")
    return article


def _as_article(item: Article | str | dict | Skipped) -> Article | Skipped:
    if isinstance(item, (Article, Skipped)):
        return item
    if isinstance(item, str):
        return Article(text=item)
    if isinstance(item, dict):
        return Article.from_dict(item)
    raise BadInputError(f"pipe() takes Article, str or dict items, not {type(item).__name__}")


def run_stages(doc: Doc, article: Article, settings: Settings = DEFAULT_SETTINGS) -> Document:
    """Run every stage over a parsed ``doc``; a stage that raises becomes a warning, the rest still run."""
    table = token_table(doc)  # one reading of the Doc for every stage
    ctx = Context(published=article.published, title=article.title, settings=settings, text=table.text, table=table)
    results: dict[str, Any] = {}
    warnings: list[str] = []
    for stage in STAGES:
        kwargs = {name: results[name] for name in stage.needs}
        try:
            results[stage.name] = stage.func(doc, ctx, **kwargs)
        except Exception as exc:  # the stage boundary: one failing extractor must not lose the others
            LOG.warning("article %s: stage %s failed: %r", article.id, stage.name, exc, exc_info=LOG.isEnabledFor(logging.DEBUG))
            warnings.append(f"{stage.name}: {type(exc).__name__}: {exc}")
            results[stage.name] = None if stage.name == "summary" else []
    events = results["events"]
    if settings.min_confidence > 0:
        events = [e for e in events if e.confidence >= settings.min_confidence]
    return Document(
        id=article.id,
        text=article.text,
        title=article.title,
        url=article.url,
        published=article.published.isoformat() if article.published else None,
        language=doc.lang_ or "en",
        events=tuple(events),
        quotes=tuple(results["quotes"]),
        places=tuple(results["places"]),
        times=tuple(results["times"]),
        quantities=tuple(results["quantities"]),
        actors=tuple(results["actors"]),
        summary=results["summary"],
        source=dict(article.source),
        warnings=tuple(warnings),
    )


def extract(
    text: str,
    *,
    published: dt.date | dt.datetime | str | None = None,
    title: str | None = None,
    url: str | None = None,
    settings: Settings | None = None,
) -> Document:
    """Return everything eventwire finds in one article text.

    ``published`` anchors relative dates ("on Monday"); without it they stay unresolved (XXXX-...).
    Raise ``BadInputError`` for empty or over-long text and ``BadDateError`` for a bad date.
    """
    settings = settings or DEFAULT_SETTINGS
    article = Article(text=text, title=title, url=url, published=parse_published(published, settings))
    try:
        check_article(article, settings)
    except SkipError as exc:
        raise BadInputError(str(exc)) from None
    doc = load_nlp(settings.model)(article.text)
    return run_stages(doc, article, settings)


def pipe(
    articles: Iterable[Article | str | dict | Skipped],
    *,
    batch_size: int | None = None,
    n_process: int | None = None,
    settings: Settings | None = None,
) -> Iterator[Document | Skipped]:
    """Yield a Document (or a ``Skipped``) for each article, in input order.

    Items may be ``Article``, plain text, dicts in the JSONL layout, or ``Skipped`` records from a
    reader, which pass through in place. One bad article never stops the stream.
    """
    settings = settings or DEFAULT_SETTINGS
    batch_size = batch_size or settings.batch_size
    n_process = n_process or settings.n_process
    pending: collections.deque[Article | Skipped] = collections.deque()

    def parseable() -> Iterator[tuple[str, Article]]:
        for item in articles:
            try:
                article = _as_article(item)
                if isinstance(article, Article):
                    check_article(article, settings)
            except SkipError as exc:
                article = Skipped(getattr(item, "id", None), exc.reason, exc.detail, dict(getattr(item, "source", {}) or {}))
            except (KeyError, TypeError, ValueError) as exc:
                article = Skipped(None, SkipReason.MISSING_TEXT if isinstance(exc, KeyError) else SkipReason.BAD_RECORD, repr(exc))
            pending.append(article)
            if isinstance(article, Article):
                yield article.text, article

    nlp = load_nlp(settings.model)
    for doc, article in nlp.pipe(parseable(), as_tuples=True, batch_size=batch_size, n_process=n_process):
        # pending holds every item pulled so far, in input order; the parsed ones come back in order too
        while isinstance(pending[0], Skipped):
            yield pending.popleft()
        pending.popleft()
        yield run_stages(doc, article, settings)
    while pending:
        yield pending.popleft()
