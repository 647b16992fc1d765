"""Tables looked up by id: each index is built once, and a repeated id is a bug."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol, TypeVar


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


_Row = TypeVar("_Row", bound=_Identified)


def by_id(rows: Iterable[_Row], what: str) -> Mapping[str, _Row]:
    """Map each row's ``id`` to the row; *what* names the table in the error.

    Raises:
        AssertionError: two rows share an id (the tables' tests guard against it).
    """
    table: dict[str, _Row] = {}
    for row in rows:
        if row.id in table:  # pragma: no cover - guarded by tests
            raise AssertionError(f"duplicate {what} id {row.id}")
        table[row.id] = row
    return table
