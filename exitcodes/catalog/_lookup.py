"""Finding a catalog entry by its id."""

from __future__ import annotations

from collections.abc import Mapping

from exitcodes._index import by_id
from exitcodes.catalog._model import CatalogEntry
from exitcodes.catalog._rows import CATALOG
from exitcodes.errors import InvalidArgumentError, UnknownRuleError, describe

_BY_ID: Mapping[str, CatalogEntry] = by_id(CATALOG, "catalog")


def entry_by_id(entry_id: str) -> CatalogEntry:
    """Return the catalog entry with id *entry_id*.

    Raises:
        UnknownRuleError: no entry has that id (a :class:`KeyError`).
        InvalidArgumentError: *entry_id* is not a str.

    >>> entry_by_id("exit-137").title
    '137: killed by SIGKILL'
    """
    if not isinstance(entry_id, str):
        raise InvalidArgumentError(f"a catalog id must be a str, got {describe(entry_id)}")
    found = _BY_ID.get(str.__str__(entry_id))  # an exact str: a subclass's __hash__ never runs
    if found is None:
        raise UnknownRuleError(
            f"no catalog entry has the id {describe(entry_id)} (see exitcodes.catalog.CATALOG)"
        )
    return found
