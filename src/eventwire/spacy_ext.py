"""spaCy integration for spaCy users: a pipeline component and ``Doc._`` views onto the Document.

``Doc._`` is a view, not the store: the component runs the stages and keeps the resulting Document under
``doc._.eventwire``; ``doc._.events`` and ``doc._.quotes`` are getters onto it.

>>> nlp = eventwire.nlp.load_nlp(); register(); nlp.add_pipe("eventwire")  # doctest: +SKIP
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .settings import DEFAULT_SETTINGS, Settings

EXTENSIONS = ("eventwire", "events", "quotes")


def register() -> None:
    """Declare the ``Doc._`` extensions (once; re-registering is a no-op)."""
    if not Doc.has_extension("eventwire"):
        Doc.set_extension("eventwire", default=None)
    if not Doc.has_extension("events"):
        Doc.set_extension("events", getter=lambda doc: doc._.eventwire.events if doc._.eventwire else ())
    if not Doc.has_extension("quotes"):
        Doc.set_extension("quotes", getter=lambda doc: doc._.eventwire.quotes if doc._.eventwire else ())


def unregister() -> None:
    """Remove the extensions (tests)."""
    for name in EXTENSIONS:
        if Doc.has_extension(name):
            Doc.remove_extension(name)


class EventwireComponent:
    """Run every eventwire stage on a Doc and attach the Document as ``doc._.eventwire``."""

    def __init__(self, settings: Settings = DEFAULT_SETTINGS) -> None:
        register()
        self.settings = settings

    def __call__(self, doc: Doc) -> Doc:
        from .api import run_stages
        from .document import Article

        published = doc.user_data.get("published") if isinstance(doc.user_data, dict) else None
        doc._.eventwire = run_stages(doc, Article(text=doc.text, published=published), self.settings)
        return doc


@Language.factory("eventwire")
def make_component(nlp: Language, name: str) -> EventwireComponent:
    """Create the ``eventwire`` pipeline component (add it last: it needs the parse and entities)."""
    return EventwireComponent()
