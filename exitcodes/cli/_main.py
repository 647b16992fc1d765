"""The command line's entry: parse, dispatch, map every failure to one exit status."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import TextIO

from exitcodes.cli import (
    EX_DATAERR,
    EX_IOERR,
    EX_OK,
    EX_SOFTWARE,
    EX_USAGE,
    _compose,
    _diagnose,
    _policy,
)
from exitcodes.cli._commands import _cmd_classify, _cmd_explain, _cmd_inspect, _cmd_resolve
from exitcodes.cli._common import _INTERRUPTED, _Failure, _Io, _one_line
from exitcodes.cli._parser import build_parser
from exitcodes.cli._why import _cmd_why
from exitcodes.errors import ExitCodesError, InvalidArgumentError, InvalidVersionError

_COMMANDS: Mapping[str, Callable[[argparse.Namespace, _Io], int]] = {
    "explain": _cmd_explain,
    "inspect": _cmd_inspect,
    "classify": _cmd_classify,
    "resolve": _cmd_resolve,
    "why": _cmd_why,
    "diagnose": _diagnose.run,
    "policy": _policy.run,
    "compose": _compose.run,
}


# --------------------------------------------------------------------------- entry


def _error_status(error: ExitCodesError) -> int:
    """Bad arguments are usage errors (2); anything wrong with the evidence is 65."""
    if isinstance(error, (InvalidArgumentError, InvalidVersionError)):
        return EX_USAGE
    return EX_DATAERR


def _report(io: _Io, message: str) -> None:
    """One error line on stderr; a stderr that cannot take it changes nothing."""
    if not message:
        return
    with contextlib.suppress(_Failure):
        io.stderr.write(f"exitcodes: error: {_one_line(message)}\n")
        io.stderr.flush()


def _dispatch(argv: Sequence[str] | None, io: _Io) -> int:
    parser = build_parser()
    try:
        try:
            with contextlib.redirect_stdout(io.stdout), contextlib.redirect_stderr(io.stderr):
                args = parser.parse_args(argv)
        except SystemExit as exc:
            code = exc.code
            io.stdout.flush()
            if code is None:
                return EX_OK
            return code if isinstance(code, int) else EX_USAGE
        status = _COMMANDS[args.action](args, io)
        io.stdout.flush()
    except _Failure as failure:
        _report(io, str(failure))
        return failure.status
    except ExitCodesError as exc:
        _report(io, str(exc))
        return _error_status(exc)
    return status


def main(
    argv: Sequence[str] | None = None,
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run the command line; return the process exit status (see the module docstring).

    Args:
        argv: the arguments, without the program name (default: ``sys.argv[1:]``).
        stdin: where ``-`` is read from, and the stdin ``why`` gives the command.
        stdout: where results go.
        stderr: where errors and ``why``'s explanation go.

    >>> main(["resolve", "run", "--error", "exec: foo: executable file not found"])
    exit code: 127
    outcome: not_found
    rule: docker-cli/not-found
    reason: The error says a file was not found, which docker run reports as 127 (command...
    0
    >>> main(["resolve", "--command", "run", "--status", "3", "--exit"])
    exit code: 3
    outcome: command_failed
    rule: docker-cli/container-status
    reason: The container exited 3 on its own.
    3
    """
    io = _Io(
        sys.stdin if stdin is None else stdin,
        sys.stdout if stdout is None else stdout,
        sys.stderr if stderr is None else stderr,
    )
    try:
        return _dispatch(argv, io)
    except KeyboardInterrupt:
        return _INTERRUPTED
    except BrokenPipeError:
        return EX_IOERR
    except Exception as exc:  # a bug: one line, not a traceback
        with contextlib.suppress(Exception):
            io.stderr.write(
                f"exitcodes: internal error: {type(exc).__name__}: {_one_line(str(exc))}\n"
            )
        return EX_SOFTWARE
