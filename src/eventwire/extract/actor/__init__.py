"""Actor resolution internals: the lexicon index (``lexicon``) and noun-phrase units (``units``).

The stage's public functions are in ``eventwire.extract.actors``.
"""
