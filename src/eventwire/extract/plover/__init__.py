"""PLOVER event coding: trigger lexicon, argument finding, flags, modes, contexts and CAMEO codes.

``eventwire.extract.events.extract_events`` is the stage; this package holds its parts:
``lexicon`` (data-file loaders), ``triggers`` (candidate events), ``arguments`` (actors and
recipients from the dependency parse), ``flags`` (negated/hypothetical/future/historical, reported
speech) and ``attributes`` (mode, contexts, CAMEO, date, location and size).
"""
