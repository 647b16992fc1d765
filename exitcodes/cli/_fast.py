"""The fast path of ``exitcodes explain STATUS``: an answer read from a derived table.

A command line pays its imports on every run: the whole command line (argparse, attrs,
the rule tables) costs several times the interpreter's own start-up, for an answer that,
for an exit status of the default profile, never changes. :data:`exitcodes.cli._table.ANSWERS`
holds those answers exactly as :func:`exitcodes.cli.main` prints them, derived from the
library by ``python -m exitcodes.cli._derive``; a test fails when the table differs from
what the library answers now. This module imports nothing but the table, and answers
only what the table holds, without colour; anything else goes to :func:`main`.
"""

import os
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at start-up
if TYPE_CHECKING:
    from typing import IO

EX_IOERR = 74  # exitcodes.cli.EX_IOERR, without a circular import


def key(argv: list[str]) -> str:
    """The table's key for the arguments *argv* (without the program name)."""
    return "\x00".join(argv)


def _colour_wanted() -> bool:
    """Whether :func:`main` would colour its output (a terminal, no ``NO_COLOR``)."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return bool(sys.stdout.isatty())
    except Exception:
        return False


def answer(argv: list[str]) -> int | None:
    """Print the tabled answer to *argv* and return the exit status; ``None``: not tabled.

    The arguments are looked up as given (``explain 137``, ``explain 137 --json``), so
    any other spelling (``0x89``, ``--profile``, an option before the subcommand) goes
    to the whole command line.
    """
    if not argv or argv[0] != "explain" or len(argv) > 3 or sys.stdout is None:
        return None
    from exitcodes.cli._table import ANSWERS  # noqa: PLC0415 - only for explain

    found = ANSWERS.get(key(argv))
    if found is None or _colour_wanted():
        return None
    status, text = found
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except (OSError, ValueError) as exc:
        return _write_failed(exc)
    return status


def _write_failed(exc: BaseException) -> int:
    """Report a failed write as :func:`main` does (one line on stderr), and return 74."""
    from exitcodes.cli._common import _Io  # noqa: PLC0415 - only when the write failed
    from exitcodes.cli._main import _report  # noqa: PLC0415

    io = _Io(sys.stdin, sys.stdout, sys.stderr)
    _report(io, str(io.stdout._failed(exc)))
    return EX_IOERR


def settle(stream: "IO[str] | None") -> bool:
    """Flush *stream*; if it cannot be written, point it at /dev/null and say so.

    Otherwise the interpreter's own final flush fails again, prints "Exception ignored"
    and changes the exit status to 120.
    """
    if stream is None:
        return True
    try:
        stream.flush()
    except (OSError, ValueError):
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stream.fileno())
            os.close(devnull)
            stream.flush()
        except (OSError, ValueError):
            pass
        return False
    return True
