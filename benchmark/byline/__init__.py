"""Byline: a benchmark for reading news the way a fact-checker does.

Four label layers over news articles: entities, claims, attributions and boilerplate.
All offsets in Byline are half-open ``[start, end)`` ranges of Python code points.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
