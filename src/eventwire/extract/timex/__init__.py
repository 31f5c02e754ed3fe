"""Stage helpers (times): the TIMEX3 tagger's lexicon, candidate finder, calendar and normalizer."""
