"""The ``exitcodes`` command line: explain, inspect, classify, resolve and wrap exit codes.

Subcommands (``exitcodes SUBCOMMAND --help`` for each):

* ``explain EVIDENCE|-``: the classification and the likely causes of an exit
  status (``137``, ``0xC0000005``), a daemon message, or a JSON document.
* ``inspect [FILE|-]``: explains every container of ``docker inspect``,
  ``podman inspect`` or ``kubectl get pod -o json`` output.
* ``classify EVIDENCE|-``: the classification alone.
* ``resolve``: the exit code a docker command ends with, from what happened
  (``resolve run --error MSG`` or ``resolve --command run --status 3``).
* ``why -- CMD ARGS...``: runs a command as is (its output passes through live),
  then explains a non-zero exit on stderr and exits with the same code.

Every subcommand takes ``--json`` (one JSON object, following the schemas in
:data:`OUTPUT_SCHEMAS`) and ``--profile ENGINE[@VERSION][/DAEMON[@VERSION]][:PLATFORM]``
(or the older ``--docker-version``/``--engine-version``/``--platform``). ``why --json`` writes its
report alone on stdout and sends the command's stdout to stderr, so that the report
can be piped; ``why --json-file FILE`` leaves the command's streams alone. Colour is
used only when the output is a terminal and ``NO_COLOR`` is not set, and text taken
from the input (names, messages) is shown with its control characters escaped.

Exit statuses of ``exitcodes`` itself (sysexits-style; the first that applies):

* 0 (:data:`EX_OK`): answered: the evidence was read and decides an exit code,
  whatever that code is (a 137 is an answer, not an error of ``exitcodes``);
* 1 (:data:`EX_NO_ANSWER`): the evidence was read but decides no exit code: the
  answer's ``exit_code`` is null (a container still running or being created, a
  text the library matches to no rule); for ``inspect``, any such container;
* 2 (:data:`EX_USAGE`): usage error: an unknown option, a bad option value, an
  unknown profile (argparse's status, kept for compatibility);
* 65 (:data:`EX_DATAERR`): the input cannot be read as evidence: not JSON, the
  wrong shape, an impossible or contradictory value, not UTF-8, or larger than
  16 MiB (for ``inspect``: any container, the others are still shown);
* 66 (:data:`EX_NOINPUT`): the input file does not exist or cannot be read, or
  stdin is closed;
* 70 (:data:`EX_SOFTWARE`): an internal error (a bug; the one-line message names it);
* 74 (:data:`EX_IOERR`): the output could not be written (stdout closed, a closed
  pipe, a full disk);
* 130: interrupted;
* ``resolve --exit``: the resolved exit code; ``why``: the command's own exit
  status (128 + n when a signal n killed it), or 127 / 126 when it could not be
  found / executed, as a shell does (74 only when the ``--json``/``--json-file``
  report cannot be written).

Every error is reported as one line on stderr, never as a traceback.
"""

import sys

__all__ = [
    "EX_DATAERR",
    "EX_IOERR",
    "EX_NOINPUT",
    "EX_NO_ANSWER",
    "EX_OK",
    "EX_SOFTWARE",
    "EX_USAGE",
    "OUTPUT_SCHEMAS",
    "build_parser",
    "main",
    "run",
]

EX_OK = 0
"""Answered: the evidence was read and decides an exit code (or the command succeeded)."""
EX_NO_ANSWER = 1
"""The evidence was read but decides no exit code (the answer's ``exit_code`` is null)."""
EX_USAGE = 2
"""A usage error: unknown option, bad option value, unknown profile (argparse's code)."""
EX_DATAERR = 65
"""The input cannot be read as evidence (sysexits ``EX_DATAERR``)."""
EX_NOINPUT = 66
"""The input file does not exist or cannot be read (sysexits ``EX_NOINPUT``)."""
EX_SOFTWARE = 70
"""An internal error (sysexits ``EX_SOFTWARE``)."""
EX_IOERR = 74
"""The output could not be written: stdout closed, a closed pipe, a full disk (``EX_IOERR``)."""

# The package itself stays small and imports nothing heavy: the console script and
# ``python -m exitcodes`` import it before every answer, and ``exitcodes explain STATUS``
# is answered from a derived table (exitcodes.cli._fast) without loading argparse, attrs
# or the library. Everything else is loaded on first use (PEP 562).
TYPE_CHECKING = False  # typing.TYPE_CHECKING, without importing typing at start-up
if TYPE_CHECKING:
    from exitcodes.cli._main import main
    from exitcodes.cli._parser import build_parser
    from exitcodes.cli._schemas import OUTPUT_SCHEMAS

_LAZY = {
    "OUTPUT_SCHEMAS": "exitcodes.cli._schemas",
    "build_parser": "exitcodes.cli._parser",
    "main": "exitcodes.cli._main",
}


# Hidden from type checkers, so that a misspelt name is an error there too.
if not TYPE_CHECKING:

    def __getattr__(name: str) -> object:
        """Load :func:`main`, :func:`build_parser` and :data:`OUTPUT_SCHEMAS` on first use."""
        module_name = _LAZY.get(name)
        if module_name is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        __import__(module_name)
        value = getattr(sys.modules[module_name], name)
        globals()[name] = value
        return value


def __dir__() -> list[str]:
    """The module's own names and every public name, loaded or not."""
    return sorted({*globals(), *__all__})


def run() -> None:
    """Console-script entry point: exit with :func:`main`'s status.

    ``exitcodes explain STATUS`` (a status 0-255, text or ``--json``, no colour) is
    answered from a table derived from the library (``python -m exitcodes.cli._derive``
    regenerates it; a test fails when it differs from what :func:`main` prints), byte for
    byte what :func:`main` would print, at a fraction of the start-up cost.
    """
    from exitcodes.cli import _fast  # noqa: PLC0415 - small, and needed by every run

    status = _fast.answer(sys.argv[1:])
    if status is None:
        from exitcodes.cli._main import main  # noqa: PLC0415 - the whole command line

        status = main()
    if not _fast.settle(sys.stdout):
        status = status or EX_IOERR
    _fast.settle(sys.stderr)
    sys.exit(status)
