"""Quote finding for the quotes stage: quote marks, speech cues and speakers."""
