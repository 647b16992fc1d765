"""Write every rule row of the package, field by field, to ``tests/rows_snapshot.txt``.

Run it (``python tests/rows_snapshot.py``) only when a change to the rows is meant; then
``tests/test_rows_unchanged.py`` shows in its diff exactly which rows changed. A refactor
of how the rows are written (row factories, shared constants) must leave the file as it is.
"""

from __future__ import annotations

import enum
import sys
from collections.abc import Iterator
from pathlib import Path

import attrs

from exitcodes import catalog, engines, rules, wrappers
from exitcodes.engines import compose
from exitcodes.strategies import _messages

SNAPSHOT = Path(__file__).with_name("rows_snapshot.txt")


def canonical(value: object) -> str:
    """A repr that does not depend on hash order or memory addresses.

    Sets are sorted, attrs instances are spelled field by field, functions by name.
    """
    cls = type(value)
    if attrs.has(cls):
        fields = ", ".join(
            f"{field.name}={canonical(getattr(value, field.name))}" for field in attrs.fields(cls)
        )
        return f"{cls.__qualname__}({fields})"
    if isinstance(value, enum.Enum):
        return f"{type(value).__qualname__}.{value.name}"
    if isinstance(value, (frozenset, set)):
        return "{" + ", ".join(sorted(canonical(item) for item in value)) + "}"
    if isinstance(value, tuple):
        return "(" + ", ".join(canonical(item) for item in value) + ")"
    if isinstance(value, list):
        return "[" + ", ".join(canonical(item) for item in value) + "]"
    if isinstance(value, dict):
        items = sorted(f"{canonical(k)}: {canonical(v)}" for k, v in value.items())
        return "{" + ", ".join(items) + "}"
    if callable(value) and hasattr(value, "__qualname__"):
        return f"<{value.__module__}.{value.__qualname__}>"
    return repr(value)


def snapshot_lines() -> Iterator[str]:
    """One line per row of every table, and per field of every engine spec, in order."""
    tables = {
        "rules.ALL_RULES": rules.ALL_RULES,
        "rules.BEHAVIOURS": rules.BEHAVIOURS,
        "rules.CLI_SIGNAL_RULES": rules.CLI_SIGNAL_RULES,
        "compose.RULES": compose.RULES,
        "compose.MESSAGES": compose.MESSAGES,
        "catalog.CATALOG": catalog.CATALOG,
        "catalog.EXIT_CODES": catalog.EXIT_CODES,
        "wrappers.EXIT_RULES": wrappers.EXIT_RULES,
        "strategies' message corpus": _messages._TEMPLATES,
    }
    for name, rows in tables.items():
        for index, row in enumerate(rows):
            yield f"{name}[{index}] {canonical(row)}"
    for engine in engines.BUILTIN:
        spec = engines.spec(engine)
        for field in attrs.fields(type(spec)):
            yield f"spec({engine.name}).{field.name} {canonical(getattr(spec, field.name))}"


def main() -> int:
    """Write the snapshot."""
    SNAPSHOT.write_text("".join(f"{line}\n" for line in snapshot_lines()), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
