"""suasion: news in any language to evidence-linked PLOVER events and influence indicators."""

__version__ = "0.1.0"
