"""The base of the library's enums: shown as they are written in code."""

from __future__ import annotations

import enum

__all__ = ["NamedEnum"]


class NamedEnum(enum.Enum):
    """An enum whose repr is ``Type.NAME``, as code names it, not ``<Type.NAME: 'value'>``.

    Results that hold members (readings, rules, verdicts) then show them in a form
    that can be pasted back into code and doctests.
    """

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"
