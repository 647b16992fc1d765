"""The cause catalog: why a container command ends with the code it does, as data.

Every :class:`CatalogEntry` is one likely cause of an exit code: a stable id, a
title, a one-paragraph hint on what to check or do, how the entry is recognised
(message substrings, exit statuses, Kubernetes reasons, container-state
conditions), the outcomes it goes with, and a real message form with the public
issue or upstream source file where that form appears. :func:`exitcodes.explain`
ranks the entries that match a piece of evidence; the troubleshooting page of the
documentation is generated from :data:`CATALOG` by
:func:`render_troubleshooting_markdown`.

Matching is cheap and linear in the length of the text: a message pattern is a
lower-case substring, or several substrings joined by :data:`PATTERN_SEPARATOR`
that must occur in that order (a chain of ``str.find`` calls, no regular
expressions).

>>> entry_by_id("port-already-allocated").codes
(125,)
>>> entry = entry_by_id("port-already-allocated")
>>> entry.message_match("bind for 0.0.0.0:80 failed: port is already allocated")
'port is already allocated'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from exitcodes.catalog import _model, _rows
from exitcodes.catalog._lookup import entry_by_id
from exitcodes.catalog._model import (
    CatalogEntry,
    CodeMeaning,
    Condition,
    pattern_found,
    pattern_length,
)

if TYPE_CHECKING:
    from exitcodes.catalog._markdown import render_troubleshooting_markdown

__all__ = [
    "CATALOG",
    "EXIT_CODES",
    "PATTERN_SEPARATOR",
    "CatalogEntry",
    "CodeMeaning",
    "Condition",
    "entry_by_id",
    "pattern_found",
    "pattern_length",
    "render_troubleshooting_markdown",
]

PATTERN_SEPARATOR: str = _model.PATTERN_SEPARATOR
"""Joins the parts of a message pattern that must all occur, in this order."""

CATALOG: tuple[CatalogEntry, ...] = _rows.CATALOG
"""Every cause, in tie-breaking order: equally likely causes are listed in this order."""

EXIT_CODES: tuple[CodeMeaning, ...] = _rows.EXIT_CODES
"""The exit codes the troubleshooting page covers, with their usual meaning."""


# The Markdown rendering of the troubleshooting page lives in exitcodes.catalog._markdown:
# the catalog is data. Its public name stays here, loaded on first use (PEP 562).
_RENDERERS = frozenset({"render_troubleshooting_markdown"})


# Hidden from type checkers, so that a misspelt name is an error there too.
if not TYPE_CHECKING:

    def __getattr__(name: str) -> object:
        """Load :func:`render_troubleshooting_markdown` from its module on first use."""
        if name in _RENDERERS:
            from exitcodes.catalog import _markdown  # noqa: PLC0415 - only the docs need it

            return getattr(_markdown, name)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    """The module's own names and the renderer, loaded or not."""
    return sorted({*globals(), *_RENDERERS})
