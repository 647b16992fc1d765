"""Derive the fast path's table from the library: ``python -m exitcodes.cli._derive``.

Every tabled answer is what :func:`exitcodes.cli.main` prints, and exits with, for
``explain STATUS`` (text, ``--json`` after or before the status) for every status 0-255
of the default profile, without colour. Run it after changing a rule, the catalog or the
command line's output; ``--check`` exits 1 instead of writing when the table is stale
(the tests run the same comparison).
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Sequence
from pathlib import Path

from exitcodes.cli._fast import key
from exitcodes.cli._main import main

TABLE = Path(__file__).with_name("_table.py")
"""The module the derived table is written to."""

STATUSES = range(256)
"""The exit statuses a POSIX shell can see, each tabled."""


def tabled_arguments() -> list[list[str]]:
    """Every argument list the table answers, without the program name."""
    out: list[list[str]] = []
    for status in STATUSES:
        out += [["explain", str(status)], ["explain", str(status), "--json"]]
        out.append(["explain", "--json", str(status)])
    return out


def derive() -> dict[str, tuple[int, str]]:
    """The table: key of the arguments -> (exit status, what stdout receives)."""
    answers: dict[str, tuple[int, str]] = {}
    for argv in tabled_arguments():
        stdout, stderr = io.StringIO(), io.StringIO()
        status = main(argv, stdin=io.StringIO(), stdout=stdout, stderr=stderr)
        if stderr.getvalue():
            raise SystemExit(f"{argv} wrote to stderr: {stderr.getvalue()!r}")
        answers[key(argv)] = (status, stdout.getvalue())
    return answers


def render(answers: dict[str, tuple[int, str]]) -> str:
    """The source text of the table module (excluded from ruff: one entry a line)."""
    lines = [
        '"""Derived by ``python -m exitcodes.cli._derive`` from the library; do not edit.',
        "",
        "The key is the arguments joined by NUL; the value the exit status and the output",
        "of :func:`exitcodes.cli.main` for them, without colour.",
        '"""',
        "",
        "ANSWERS: dict[str, tuple[int, str]] = {",
        *(f"    {key!r}: ({status}, {text!r})," for key, (status, text) in answers.items()),
        "}",
    ]
    return "\n".join(lines) + "\n"


def main_derive(argv: Sequence[str] | None = None) -> int:
    """Write the table, or with ``--check`` say whether it is up to date."""
    parser = argparse.ArgumentParser(prog="python -m exitcodes.cli._derive")
    parser.add_argument("--check", action="store_true", help="exit 1 if the table is stale")
    args = parser.parse_args(argv)
    text = render(derive())
    current = TABLE.read_text(encoding="utf-8") if TABLE.exists() else ""
    if args.check:
        if current != text:
            print(f"{TABLE} is stale: run python -m exitcodes.cli._derive", file=sys.stderr)
            return 1
        return 0
    if current != text:
        TABLE.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main_derive())
