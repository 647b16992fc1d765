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
:data:`OUTPUT_SCHEMAS`) and ``--profile ENGINE[@VERSION][:PLATFORM]`` (or the older
``--docker-version``/``--engine-version``/``--platform``). ``why --json`` writes its
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

from __future__ import annotations

import argparse
import codecs
import contextlib
import json
import os
import re
import select
import shlex
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from typing import IO, Any, NoReturn, TextIO

from exitcodes import _cli_compose, _cli_diagnose, _cli_policy
from exitcodes._evidence import EvidenceKind, prefix_end
from exitcodes.classify import Classification, classify
from exitcodes.errors import ExitCodesError, InvalidArgumentError, InvalidVersionError
from exitcodes.explanation import Explanation, explain, explain_exit
from exitcodes.outcome import ExitOutcome
from exitcodes.profiles import Platform, Profile, docker, from_spec
from exitcodes.resolve import resolve
from exitcodes.rules import COMMANDS, PHASES, Match, MessageRule, rule_by_id

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
_INTERRUPTED = 130
_CANNOT_INVOKE = 126
_NOT_FOUND = 127
_SIGNAL_BASE = 128

_MAX_INPUT = 16 * 1024 * 1024
_MAX_MESSAGE = 400
_TAIL = 64 * 1024
_CHUNK = 64 * 1024
_DEFAULT_CAUSES = 5
_MAX_INT_DIGITS = 40
_WIDTH = 88

_EPILOG = """\
exit statuses of exitcodes itself (the first that applies):
  0    answered: the evidence decides an exit code, whatever it is
  1    no answer: the evidence was read but decides no exit code
  2    usage error: unknown option, bad option value, unknown profile
  65   the input cannot be read as evidence: not JSON, wrong shape,
       contradictory, not UTF-8, too large
  66   the input file does not exist or cannot be read, or stdin is closed
  70   internal error (a bug)
  74   the output could not be written
  130  interrupted
  resolve --exit exits with the resolved code; why exits with the command's own
  status (128+n for a signal n), or 127/126 when the command cannot be
  found/executed.

Colour is used only on a terminal, and never when NO_COLOR is set."""

# --------------------------------------------------------------------------- schemas

_NULLABLE_INT = {"type": ["integer", "null"]}
_NULLABLE_STR = {"type": ["string", "null"]}
_STRINGS = {"type": "array", "items": {"type": "string"}}

_DEFS: dict[str, Any] = {
    "classification": {
        "type": "object",
        "required": ["outcome", "exit_code", "signal", "rule", "reason", "kind", "status"],
        "additionalProperties": False,
        "properties": {
            "outcome": {"enum": [outcome.value for outcome in ExitOutcome]},
            "exit_code": _NULLABLE_INT,
            "signal": _NULLABLE_STR,
            "rule": {"type": "string"},
            "reason": {"type": "string"},
            "kind": {"enum": [kind.value for kind in EvidenceKind]},
            "status": _NULLABLE_INT,
        },
    },
    "cause": {
        "type": "object",
        "required": ["id", "title", "hint", "source", "outcomes", "matched", "score"],
        "additionalProperties": False,
        "properties": {
            "id": {"type": "string"},
            "title": {"type": "string"},
            "hint": {"type": "string"},
            "source": {"type": "string"},
            "outcomes": {
                "type": "array",
                "items": {"enum": [outcome.value for outcome in ExitOutcome]},
            },
            "matched": _STRINGS,
            "score": {"type": "integer"},
        },
    },
    "explanation": {
        "type": "object",
        "required": ["classification", "causes"],
        "additionalProperties": False,
        "properties": {
            "classification": {"$ref": "#/$defs/classification"},
            "causes": {"type": "array", "items": {"$ref": "#/$defs/cause"}},
        },
    },
    "resolution": {
        "type": "object",
        "required": ["exit_code", "outcome", "rule", "reason", "signal"],
        "additionalProperties": False,
        "properties": {
            "exit_code": {"type": "integer"},
            "outcome": {"enum": [outcome.value for outcome in ExitOutcome]},
            "rule": {"type": "string"},
            "reason": {"type": "string"},
            "signal": _NULLABLE_STR,
        },
    },
    "container": {
        "type": "object",
        "required": ["name", "id", "source", "note", "error", "explanation"],
        "additionalProperties": False,
        "properties": {
            "name": _NULLABLE_STR,
            "id": _NULLABLE_STR,
            "source": {"enum": ["docker", "kubernetes"]},
            "note": _NULLABLE_STR,
            "error": _NULLABLE_STR,
            "explanation": {"anyOf": [{"$ref": "#/$defs/explanation"}, {"type": "null"}]},
        },
    },
}


def _schema(name: str, root: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:exitcodes:cli:{name}",
        "title": f"exitcodes {name} --json",
        **root,
        "$defs": _DEFS,
    }


OUTPUT_SCHEMAS: Mapping[str, Mapping[str, Any]] = {
    "explain": _schema("explain", {"$ref": "#/$defs/explanation"}),
    "classify": _schema("classify", {"$ref": "#/$defs/classification"}),
    "resolve": _schema("resolve", {"$ref": "#/$defs/resolution"}),
    "inspect": _schema(
        "inspect",
        {
            "type": "object",
            "required": ["containers"],
            "additionalProperties": False,
            "properties": {"containers": {"type": "array", "items": {"$ref": "#/$defs/container"}}},
        },
    ),
    "diagnose": _schema("diagnose", _cli_diagnose.SCHEMA),
    "policy": _schema("policy", _cli_policy.SCHEMA),
    "compose": _schema("compose", _cli_compose.SCHEMA),
    "why": _schema(
        "why",
        {
            "type": "object",
            "required": ["command", "exit_code", "started", "signal", "error", "explanation"],
            "additionalProperties": False,
            "properties": {
                "command": _STRINGS,
                "exit_code": {"type": "integer"},
                "started": {"type": "boolean"},
                "signal": _NULLABLE_STR,
                "error": _NULLABLE_STR,
                "explanation": {"anyOf": [{"$ref": "#/$defs/explanation"}, {"type": "null"}]},
            },
        },
    ),
}
"""The JSON Schema (draft 2020-12) of each subcommand's ``--json`` output, by name."""


# --------------------------------------------------------------------------- plumbing


class _Failure(Exception):
    """A one-line error with the exit status it maps to."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line (no usage dump)."""

    def error(self, message: str) -> NoReturn:
        """Report a usage error on one line and exit 2 (even if stderr is closed)."""
        with contextlib.suppress(_Failure):
            self._print_message(f"{self.prog}: error: {_clean(message)}\n", sys.stderr)
        sys.exit(EX_USAGE)


class _VersionAction(argparse.Action):
    """``--version``, read lazily from the installed metadata."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, help="print the version and exit")

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        import exitcodes  # noqa: PLC0415 - reads the metadata only when asked

        sys.stdout.write(f"exitcodes {exitcodes.__version__}\n")
        parser.exit(EX_OK)


class _Stream:
    """An output stream whose failures are :data:`EX_IOERR`, never a traceback.

    ``None`` stands for a closed stream (Python sets ``sys.stdout`` to ``None`` when
    descriptor 1 is closed at start-up). Text the stream's encoding cannot hold is
    written with backslash escapes instead of failing.
    """

    def __init__(self, stream: IO[str] | None, name: str) -> None:
        self.stream = stream
        self.name = name

    def _failed(self, exc: BaseException | None) -> _Failure:
        if self.stream is None:
            return _Failure(f"cannot write to {self.name}: it is closed", EX_IOERR)
        if isinstance(exc, BrokenPipeError):
            return _Failure("", EX_IOERR)  # the reader stopped reading (`| head`): no message
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        return _Failure(f"cannot write to {self.name}: {reason}", EX_IOERR)

    def write(self, text: str) -> int:
        """Write *text*; raise a :data:`EX_IOERR` failure if it cannot be written."""
        if self.stream is None:
            raise self._failed(None)
        try:
            try:
                return self.stream.write(text)
            except UnicodeEncodeError:
                encoding = getattr(self.stream, "encoding", None) or "utf-8"
                safe = text.encode(encoding, "backslashreplace").decode(encoding)
                return self.stream.write(safe)
        except (OSError, ValueError) as exc:
            raise self._failed(exc) from None

    def flush(self) -> None:
        """Flush; raise a :data:`EX_IOERR` failure if the data cannot be written."""
        if self.stream is None:
            return
        try:
            self.stream.flush()
        except (OSError, ValueError) as exc:
            raise self._failed(exc) from None

    def isatty(self) -> bool:
        """Whether the stream is a terminal (``False`` when closed or unknown)."""
        try:
            return self.stream is not None and bool(self.stream.isatty())
        except Exception:
            return False

    def fileno(self) -> int:
        """The stream's descriptor (``OSError`` when it has none)."""
        if self.stream is None:
            raise OSError(f"{self.name} is closed")
        return self.stream.fileno()


class _Io:
    """The three streams a run of the command uses."""

    def __init__(self, stdin: Any, stdout: Any, stderr: Any) -> None:
        self.stdin = stdin
        self.stdout = _Stream(stdout, "stdout")
        self.stderr = _Stream(stderr, "stderr")


class _Style:
    """ANSI colour, on only for a terminal without ``NO_COLOR``."""

    def __init__(self, stream: _Stream) -> None:
        self.enabled = _use_colour(stream)

    def _wrap(self, code: str, text: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.enabled else text

    def bold(self, text: str) -> str:
        return self._wrap("1", text)

    def dim(self, text: str) -> str:
        return self._wrap("2", text)

    def outcome(self, outcome: ExitOutcome, text: str) -> str:
        if outcome is ExitOutcome.SUCCESS:
            return self._wrap("1;32", text)
        if outcome is ExitOutcome.STATUS_UNKNOWN:
            return self._wrap("1;33", text)
        return self._wrap("1;31", text)


def _use_colour(stream: _Stream) -> bool:
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return bool(stream.isatty())
    except Exception:
        return False


def _escape(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _clean(text: object) -> str:
    r"""*text* safe to show on a terminal: every non-printable character escaped.

    Control characters (an ESC that starts a terminal sequence, a carriage return),
    format characters (bidirectional overrides) and lone surrogates come from the
    input, never from ``exitcodes``; they are shown as ``\x1b``, ``\u202e``, ``\ud800``.

    >>> print(_clean("web\x1b[2J\r\u202e"))
    web\x1b[2J\x0d\u202e
    """
    value = str(text)
    if value.isprintable():
        return value
    return "".join(char if char.isprintable() else _escape(char) for char in value)


def _one_line(text: str) -> str:
    line = _clean(" ".join(text.split()))
    return line if len(line) <= _MAX_MESSAGE else f"{line[: _MAX_MESSAGE - 3]}..."


def _add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--json",
        action="store_true",
        help="print one JSON object (schema: exitcodes.cli.OUTPUT_SCHEMAS)",
    )
    group = parser.add_argument_group("profile")
    group.add_argument(
        "--profile",
        metavar="SPEC",
        help="engine, version and platform as ENGINE[@VERSION][:PLATFORM], e.g. docker@28.2.2",
    )
    group.add_argument(
        "--docker-version",
        metavar="VERSION",
        help="the Docker CLI version to be bug-compatible with (default: the newest modelled)",
    )
    group.add_argument(
        "--engine-version", metavar="VERSION", help="the daemon's version (default: the CLI's)"
    )
    group.add_argument(
        "--platform",
        choices=[platform.value for platform in Platform],
        help="where the CLI runs (default: linux)",
    )


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser (also used to generate the CLI reference).

    >>> sorted(build_parser()._subparsers._group_actions[0].choices)
    ['classify', 'compose', 'diagnose', 'explain', 'inspect', 'policy', 'resolve', 'why']
    """
    parser = _Parser(
        prog="exitcodes",
        description="What exit code should this container process return, and why.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=_VersionAction)
    commands = parser.add_subparsers(dest="action", required=True, metavar="SUBCOMMAND")

    explain_parser = commands.add_parser(
        "explain",
        help="explain an exit code, a daemon message or a JSON document",
        description=(
            "Classify one piece of evidence and list its likely causes, most likely first:"
            " an exit status (137, -1, 0xC0000005), a daemon or runtime error message, a"
            ' status line ("Exited (137) 5 seconds ago"), or a JSON document (docker or'
            " podman inspect output for one container, its State, a wait response, an exec"
            " inspect, a Kubernetes container status). Use - to read it from stdin."
        ),
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    explain_parser.add_argument("evidence", metavar="EVIDENCE", help="the evidence, or -")
    explain_parser.add_argument(
        "--all",
        action="store_true",
        help=f"show every cause (default: the first {_DEFAULT_CAUSES})",
    )
    _add_common(explain_parser)

    inspect_parser = commands.add_parser(
        "inspect",
        help="explain each container of docker/podman inspect or kubectl get pod output",
        description=(
            "Read the JSON output of `docker inspect`, `podman inspect` (an object or a"
            " list), or `kubectl get pod -o json` (a pod or a list of pods) and explain"
            " each container."
        ),
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    inspect_parser.add_argument(
        "file", metavar="FILE", nargs="?", default="-", help="a JSON file, or - for stdin"
    )
    inspect_parser.add_argument(
        "--all",
        action="store_true",
        help=f"show every cause (default: the first {_DEFAULT_CAUSES})",
    )
    _add_common(inspect_parser)

    classify_parser = commands.add_parser(
        "classify",
        help="classify an exit status, a daemon message or a JSON document",
        description=(
            "Classify one piece of evidence: an integer exit status, a daemon error message,"
            " or a JSON document (wait response, docker inspect output, exec inspect, API"
            " error body). Use - to read it from stdin."
        ),
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    classify_parser.add_argument("evidence", metavar="EVIDENCE", help="the evidence, or -")
    _add_common(classify_parser)

    resolve_parser = commands.add_parser(
        "resolve",
        help="the exit code a docker command ends with",
        description=(
            "Resolve the final exit code of a docker CLI command from what happened: give the"
            " command (positionally or with --command) and the error, or the container's"
            " status."
        ),
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    resolve_parser.add_argument(
        "command",
        metavar="COMMAND",
        nargs="?",
        choices=COMMANDS,
        help="the docker command: " + ", ".join(COMMANDS),
    )
    resolve_parser.add_argument(
        "--command", dest="command_option", choices=COMMANDS, help="the docker command"
    )
    resolve_parser.add_argument("--error", metavar="MSG", help="the error message, if it failed")
    resolve_parser.add_argument(
        "--phase", choices=PHASES, default="start", help="where the error happened"
    )
    resolve_parser.add_argument(
        "--status", type=int, metavar="N", help="the container's exit status (a wait StatusCode)"
    )
    resolve_parser.add_argument(
        "--wait-json", metavar="JSON", help="the wait response as JSON, e.g. '{\"StatusCode\": 3}'"
    )
    resolve_parser.add_argument(
        "--wait",
        action="append",
        metavar="JSON",
        help="a wait response as JSON, or a status; repeat for 'wait'",
    )
    resolve_parser.add_argument(
        "--exec-inspect", metavar="JSON", help="the exec inspect document as JSON"
    )
    resolve_parser.add_argument(
        "--state", metavar="JSON", help="docker inspect's State (or document) as JSON"
    )
    resolve_parser.add_argument("--detach", action="store_true", help="run -d / exec -d")
    resolve_parser.add_argument(
        "--exit",
        action="store_true",
        help="exit with the resolved code instead of 0 (for shell scripts)",
    )
    _add_common(resolve_parser)

    why_parser = commands.add_parser(
        "why",
        help="run a command, then explain its non-zero exit",
        description=(
            "Run CMD ARGS... as is (stdin and stdout are the command's own; its stderr passes"
            " through live and is also read, to find the daemon's message), then print a short"
            " explanation of a non-zero exit to stderr and exit with the same code: 128+n when"
            " signal n killed it, 127 when it cannot be found and 126 when it cannot be"
            " executed, like a shell. SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2,"
            " SIGWINCH and SIGALRM sent to exitcodes are passed on to the command (once: a"
            " terminal's Ctrl-C already reaches it). exitcodes returns when the command"
            " exits, even if a process it started in the background still holds its output."
            " With --json the report is written alone to stdout and the command's stdout goes"
            " to stderr, so that the report can be piped; --json-file keeps the command's"
            " streams as they are."
        ),
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    why_parser.add_argument(
        "--no-capture",
        action="store_true",
        help="leave the command's stderr untouched (explain from the status alone)",
    )
    why_parser.add_argument(
        "--json-file",
        metavar="FILE",
        help="write the JSON report to FILE (e.g. /dev/fd/3), not stdout; the command's"
        " stdout stays its own",
    )
    _add_common(why_parser)
    why_parser.add_argument(
        "argv", metavar="-- CMD ARGS", nargs=argparse.REMAINDER, help="the command to run"
    )
    _cli_diagnose.add_parser(commands)
    _cli_policy.add_parser(commands)
    _cli_compose.add_parser(commands)
    return parser


def _profile(args: argparse.Namespace) -> Profile:
    legacy = (args.docker_version, args.engine_version, args.platform)
    if args.profile is not None:
        if any(value is not None for value in legacy):
            raise _Failure(
                "--profile cannot be combined with --docker-version, --engine-version or"
                " --platform",
                EX_USAGE,
            )
        return from_spec(args.profile)
    platform = args.platform or Platform.LINUX.value
    if args.docker_version is None:
        return docker(engine_version=args.engine_version, platform=platform)
    return docker(args.docker_version, engine_version=args.engine_version, platform=platform)


def _too_large(what: str) -> _Failure:
    return _Failure(
        f"{what} holds more than {_MAX_INPUT // (1024 * 1024)} MiB; give one container's evidence",
        EX_DATAERR,
    )


def _decode(data: bytes, what: str) -> str:
    """Strict UTF-8 (a BOM is dropped): binary input is a data error, never a message."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _Failure(f"{what} is not UTF-8 text", EX_DATAERR) from None


def _read_limited(stream: IO[Any], what: str) -> str:
    """Read at most the size limit from *stream*, bytes if it has a binary buffer.

    The binary buffer is read and decoded strictly, since ``sys.stdin`` decodes with
    ``surrogateescape`` under a C.UTF-8 locale and would hand binary input over as text.
    """
    source = getattr(stream, "buffer", stream)
    try:
        data = source.read(_MAX_INPUT + 1)
    except UnicodeDecodeError:
        raise _Failure(f"{what} is not UTF-8 text", EX_DATAERR) from None
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise _Failure(f"cannot read {what}: {reason}", EX_NOINPUT) from None
    if len(data) > _MAX_INPUT:
        raise _too_large(what)
    text = _decode(data, what) if isinstance(data, bytes) else str(data)
    _require_text(text, what)
    return text


def _require_text(text: str, what: str) -> None:
    """Lone surrogates are undecodable bytes smuggled in (``surrogateescape``): not text."""
    if not text.isprintable():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise _Failure(f"{what} is not UTF-8 text", EX_DATAERR) from None


def _read_source(name: str, io: _Io) -> str:
    if name == "-":
        if io.stdin is None:
            raise _Failure("cannot read stdin: it is closed", EX_NOINPUT)
        return _read_limited(io.stdin, "stdin")
    try:
        with open(name, "rb") as handle:
            return _read_limited(handle, name)
    except OSError as exc:
        raise _Failure(f"cannot open {name}: {exc.strerror or exc}", EX_NOINPUT) from None


def _evidence_text(evidence: str, io: _Io) -> tuple[str, str]:
    """The text of an ``EVIDENCE|-`` argument and how to name it in errors."""
    if evidence == "-":
        return _read_source("-", io), "stdin"
    _require_text(evidence, "EVIDENCE")
    return evidence, "EVIDENCE"


def _load_json(text: str, what: str) -> object:
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise _Failure(f"{what} is not valid JSON: {exc}", EX_DATAERR) from None


def _integer(text: str) -> int | None:
    """``137``, ``-1``, ``+3`` or ``0xC0000005`` as an int; ``None`` for anything else."""
    body = text[1:] if text[:1] in "+-" else text
    negative = text[:1] == "-"
    if body.isascii() and body.isdigit() and len(body) <= _MAX_INT_DIGITS:
        value = int(body)
    elif (
        body[:2].lower() == "0x"
        and 2 < len(body) <= _MAX_INT_DIGITS
        and all(ch in "0123456789abcdefABCDEF" for ch in body[2:])
    ):
        value = int(body[2:], 16)
    else:
        return None
    return -value if negative else value


#: How a JSON object or array opens: ``{"``, ``[{``, ``[[``, ``["`` or ``[3,``. Text that
#: starts with a bracket but not like this (``[ERROR] ...``, ``[1]+ Killed``) is a message.
_JSON_OPENING = re.compile(r'\{\s*"|\[\s*[\[{"]|\[\s*-?\d[\d.eE+-]*\s*,')


def _parse_evidence(text: str, what: str) -> object:
    """An integer, a JSON document, or the text itself (a message).

    Text that opens like a JSON object or array is a document, and a syntax error in
    it is a data error; any other text, even one starting with ``[`` or ``{``, is a
    message.

    >>> _parse_evidence("[ERROR] daemon: no space left on device", "EVIDENCE")
    '[ERROR] daemon: no space left on device'
    >>> _parse_evidence('[{"StatusCode": 3}]', "EVIDENCE")
    {'StatusCode': 3}
    """
    stripped = text.strip()
    number = _integer(stripped)
    if number is not None:
        return number
    if stripped.startswith(("{", "[")):
        try:
            document = json.loads(stripped)
        except (ValueError, RecursionError):
            if not _JSON_OPENING.match(stripped):
                return text  # "[ERROR] ...", "{foo} failed": a message that starts with a bracket
            document = _load_json(stripped, what)
        if isinstance(document, list):
            if len(document) == 1:
                return document[0]
            raise _Failure(
                f"{what} is a list of {len(document)} documents; use `exitcodes inspect` for"
                " several containers",
                EX_DATAERR,
            )
        return document
    return text


def _parse_json_option(text: str | None, option: str) -> object:
    if text is None:
        return None
    stripped = text.strip()
    number = _integer(stripped)
    if number is not None:
        return number
    return _load_json(stripped, option)


def _write_json(document: object, stream: _Stream) -> None:
    stream.write(json.dumps(document, sort_keys=True) + "\n")


def _write_pairs(result: Mapping[str, object], stream: _Stream) -> None:
    for key, value in result.items():
        if value is not None:
            stream.write(f"{key.replace('_', ' ')}: {_clean(value)}\n")


def _answer_status(exit_code: int | None) -> int:
    """0 when the evidence decides an exit code, :data:`EX_NO_ANSWER` when it does not."""
    return EX_NO_ANSWER if exit_code is None else EX_OK


def _unrecognised(evidence: object, found: Classification) -> bool:
    """Whether *evidence* is a text with no engine prefix that only the fallback row took.

    Such a text (``hello``) may be no engine's error at all, so it decides no exit code:
    an engine's CLI would exit with the fallback's code only if it printed it as its error.
    """
    if not isinstance(evidence, str) or prefix_end(evidence.lstrip()) != 0:
        return False
    rule = rule_by_id(found.rule)
    return isinstance(rule, MessageRule) and rule.match is Match.ALWAYS


def _text_status(evidence: object, found: Classification, stream: _Stream | None) -> int:
    """:func:`_answer_status`, and :data:`EX_NO_ANSWER` for an :func:`_unrecognised` text."""
    if not _unrecognised(evidence, found):
        return _answer_status(found.exit_code)
    if stream is not None:
        stream.write(
            f"No rule recognises this text and it carries no engine prefix: it decides no exit"
            f" code (the CLI would exit {found.exit_code} only if it printed it as its error).\n"
        )
    return EX_NO_ANSWER


# ----------------------------------------------------------------------- text output


def _headline(explanation: Explanation, style: _Style) -> str:
    found = explanation.classification
    code = "no exit status" if found.exit_code is None else f"exit code {found.exit_code}"
    parts = [code, found.outcome.value]
    if found.signal is not None:
        parts.append(found.signal.name)
    return style.outcome(found.outcome, ", ".join(parts))


def _render(
    explanation: Explanation, stream: _Stream, style: _Style, *, limit: int | None, indent: str = ""
) -> None:
    found = explanation.classification
    pad = indent + "    "
    stream.write(f"{indent}{_headline(explanation, style)}\n")
    stream.write(f"{indent}{_clean(found.reason)}\n")
    stream.write(f"{indent}{style.dim('rule: ' + _clean(found.rule))}\n")
    causes = explanation.causes
    if not causes:
        stream.write(f"{indent}No catalogued cause matches this evidence.\n")
        return
    shown = causes if limit is None else causes[:limit]
    stream.write(f"{indent}Likely causes, most likely first:\n")
    for number, cause in enumerate(shown, 1):
        stream.write(f"{indent}{number}. {style.bold(_clean(cause.title))} [{_clean(cause.id)}]\n")
        if number > 1 and cause.score == shown[number - 2].score:
            stream.write(f"{pad}as likely as the one above: the evidence cannot tell them apart\n")
        hint = _clean(cause.hint)
        wrapped = textwrap.fill(hint, width=_WIDTH, initial_indent=pad, subsequent_indent=pad)
        stream.write(f"{wrapped}\n")
        matched = "; ".join(_clean(item) for item in cause.matched)
        stream.write(f"{pad}{style.dim('matched: ' + matched)}\n")
    hidden = len(causes) - len(shown)
    if hidden:
        stream.write(f"{indent}({hidden} more; --all shows them)\n")


# ------------------------------------------------------------------------ subcommands


def _cmd_explain(args: argparse.Namespace, io: _Io) -> int:
    profile = _profile(args)
    text, what = _evidence_text(args.evidence, io)
    evidence = _parse_evidence(text, what)
    explanation = explain(evidence, profile=profile)
    if args.json:
        _write_json(explanation.to_dict(), io.stdout)
        return _text_status(evidence, explanation.classification, None)
    limit = None if args.all else _DEFAULT_CAUSES
    _render(explanation, io.stdout, _Style(io.stdout), limit=limit)
    return _text_status(evidence, explanation.classification, io.stdout)


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _get(document: Mapping[Any, Any], key: str) -> object:
    try:
        return document.get(key)
    except Exception:
        return None


class _Target:
    """One container of ``inspect``'s input."""

    def __init__(
        self,
        name: str | None,
        ident: str | None,
        source: str,
        note: str | None,
        evidence: Mapping[Any, Any],
    ) -> None:
        self.name = name
        self.ident = ident
        self.source = source
        self.note = note
        self.evidence = evidence


def _pod_targets(pod: Mapping[Any, Any], index: int) -> list[_Target]:
    metadata = _get(pod, "metadata")
    name = _str_or_none(_get(metadata, "name")) if isinstance(metadata, Mapping) else None
    uid = _str_or_none(_get(metadata, "uid")) if isinstance(metadata, Mapping) else None
    status = _get(pod, "status")
    if not isinstance(status, Mapping):
        raise _Failure(f"item {index} is a pod without a status object", EX_DATAERR)
    reason = _str_or_none(_get(status, "reason"))
    message = _str_or_none(_get(status, "message"))
    note = f"pod {reason}: {message}" if reason and message else reason or message
    targets: list[_Target] = []
    for key in ("initContainerStatuses", "containerStatuses", "ephemeralContainerStatuses"):
        statuses = _get(status, key)
        if statuses is None:
            continue
        if not isinstance(statuses, list):
            raise _Failure(f"item {index}: status.{key} must be a list", EX_DATAERR)
        for number, container in enumerate(statuses):
            if not isinstance(container, Mapping):
                raise _Failure(f"item {index}: status.{key}[{number}] is not an object", EX_DATAERR)
            container_name = _str_or_none(_get(container, "name")) or f"#{number}"
            shown = f"{name}/{container_name}" if name else container_name
            targets.append(_Target(shown, uid, "kubernetes", note, container))
    return targets


def _inspect_targets(document: object) -> list[_Target]:
    items: object = document
    if isinstance(document, Mapping) and isinstance(_get(document, "items"), list):
        items = _get(document, "items")
    if not isinstance(items, list):
        items = [items]
    targets: list[_Target] = []
    for index, item in enumerate(items):
        if not isinstance(item, Mapping):
            raise _Failure(f"item {index} is not a JSON object", EX_DATAERR)
        if _get(item, "State") is not None:
            name = _str_or_none(_get(item, "Name"))
            ident = _str_or_none(_get(item, "Id")) or _str_or_none(_get(item, "ID"))
            targets.append(_Target(name.lstrip("/") if name else None, ident, "docker", None, item))
        elif isinstance(_get(item, "status"), Mapping) or _get(item, "kind") == "Pod":
            targets.extend(_pod_targets(item, index))
        else:
            raise _Failure(
                f"item {index} is neither docker/podman inspect output (no State) nor a"
                " Kubernetes pod (no status)",
                EX_DATAERR,
            )
    if not targets:
        raise _Failure("the input holds no container", EX_DATAERR)
    return targets


def _cmd_inspect(args: argparse.Namespace, io: _Io) -> int:
    profile = _profile(args)
    what = "stdin" if args.file == "-" else args.file
    document = _load_json(_read_source(args.file, io), what)
    results: list[tuple[_Target, Explanation | None, str | None]] = []
    status = EX_OK
    for target in _inspect_targets(document):
        try:
            found = explain(target.evidence, profile=profile)
        except ExitCodesError as exc:
            results.append((target, None, str(exc)))
            status = EX_DATAERR
            continue
        results.append((target, found, None))
        if status == EX_OK:
            status = _answer_status(found.classification.exit_code)
    if args.json:
        _write_json(
            {
                "containers": [
                    {
                        "name": target.name,
                        "id": target.ident,
                        "source": target.source,
                        "note": target.note,
                        "error": error,
                        "explanation": None if explanation is None else explanation.to_dict(),
                    }
                    for target, explanation, error in results
                ]
            },
            io.stdout,
        )
        return status
    style = _Style(io.stdout)
    limit = None if args.all else _DEFAULT_CAUSES
    for number, (target, explanation, error) in enumerate(results):
        if number:
            io.stdout.write("\n")
        ident = target.ident
        label = target.name or (ident[:12] if ident else f"container {number + 1}")
        io.stdout.write(f"{style.bold(_clean(label))}:\n")
        if target.note:
            io.stdout.write(f"  {_clean(target.note)}\n")
        if explanation is None:
            io.stdout.write(f"  cannot be read as evidence: {_one_line(error or '')}\n")
        else:
            _render(explanation, io.stdout, style, limit=limit, indent="  ")
    for target, _, error in results:
        if error is not None:
            label = target.name or target.ident or target.source
            io.stderr.write(f"exitcodes: error: container {_one_line(f'{label}: {error}')}\n")
    return status


def _cmd_classify(args: argparse.Namespace, io: _Io) -> int:
    profile = _profile(args)
    text, what = _evidence_text(args.evidence, io)
    evidence = _parse_evidence(text, what)
    classification = classify(evidence, profile=profile)
    result = classification.to_dict()
    if args.json:
        _write_json(result, io.stdout)
        return _text_status(evidence, classification, None)
    _write_pairs(result, io.stdout)
    return _text_status(evidence, classification, io.stdout)


def _cmd_resolve(args: argparse.Namespace, io: _Io) -> int:
    profile = _profile(args)
    command = args.command_option or args.command
    if args.command and args.command_option and args.command != args.command_option:
        raise _Failure(
            f"resolve got two commands, {args.command!r} and --command {args.command_option!r}",
            EX_USAGE,
        )
    if command is None:
        raise _Failure(
            "resolve needs the docker command: `resolve run ...` or `resolve --command run ...`",
            EX_USAGE,
        )
    waits: list[object] = [_parse_json_option(item, "--wait") for item in args.wait or []]
    if args.wait_json is not None:
        waits.append(_parse_json_option(args.wait_json, "--wait-json"))
    if args.status is not None:
        waits.append({"StatusCode": args.status, "Error": None})
    wait: object = None
    if waits:
        wait = waits if command == "wait" else waits[-1]
    resolution = resolve(
        command,
        error=args.error,
        phase=args.phase,
        wait=wait,
        exec_inspect=_parse_json_option(args.exec_inspect, "--exec-inspect"),
        state=_parse_json_option(args.state, "--state"),
        detach=args.detach,
        profile=profile,
    )
    if args.json:
        _write_json(resolution.to_dict(), io.stdout)
    else:
        _write_pairs(resolution.to_dict(), io.stdout)
    return resolution.exit_code if args.exit else EX_OK


# --------------------------------------------------------------------------------- why

#: The signals ``why`` passes on to the command. Job control (SIGTSTP, SIGTTIN, SIGTTOU),
#: SIGCONT and the synchronous faults are left to the kernel and the terminal.
_FORWARDED = ("SIGHUP", "SIGINT", "SIGQUIT", "SIGTERM", "SIGUSR1", "SIGUSR2", "SIGWINCH", "SIGALRM")
#: Linux's ``si_code`` for a signal the kernel generated: a terminal's Ctrl-C, Ctrl-\,
#: window change or hang-up, sent to the whole foreground process group at once.
_SI_KERNEL = 0x80
#: How long the pumps keep draining a pipe after the command exited, when a process
#: it left behind keeps writing to it.
_DRAIN = 1.0
_POLL = 0.05


def _fileno(stream: object) -> int | None:
    try:
        fileno = stream.fileno()  # type: ignore[attr-defined]
    except Exception:
        return None
    return fileno if isinstance(fileno, int) and fileno >= 0 else None


def _readable(fd: int, timeout: float) -> bool:
    """Whether *fd* has data (or EOF) within *timeout* seconds; ``True`` where unknown."""
    if not hasattr(select, "poll"):
        return True  # no poll() (Windows): a blocking read, as before
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    try:
        return bool(poller.poll(int(timeout * 1000)))
    except InterruptedError:
        return False


class _Pump(threading.Thread):
    """Copies a child's pipe to a stream as it arrives, keeping the tail.

    It never dies before the pipe is drained: a stream that cannot be written (closed,
    a full disk, a reader gone) is dropped and the pipe still read, so the command never
    blocks on a full pipe. Once :attr:`done` is set (the command exited) it stops at the
    first moment the pipe is empty, or after :data:`_DRAIN` seconds, instead of waiting
    for an end-of-file that a background process holding the pipe would delay forever.
    """

    def __init__(self, source: IO[bytes], target: _Stream, keep: bool) -> None:
        super().__init__(daemon=True)
        self.source = source
        self.target: _Stream | None = target
        self.target_fd = _fileno(target)
        self.keep = keep
        self.tail = bytearray()
        self.done = threading.Event()

    def run(self) -> None:
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        fd = self.source.fileno()
        deadline: float | None = None
        while True:
            if self.done.is_set() and deadline is None:
                deadline = time.monotonic() + _DRAIN
            if not _readable(fd, 0 if deadline is not None else _POLL):
                if deadline is not None:
                    break
                continue
            try:
                chunk = os.read(fd, _CHUNK)
            except InterruptedError:
                continue
            except OSError:
                break
            if not chunk:
                break
            if self.keep:
                self.tail += chunk
                del self.tail[:-_TAIL]
            self._write(chunk, decoder.decode(chunk))
            if deadline is not None and time.monotonic() > deadline:
                break
        rest = decoder.decode(b"", final=True)
        if rest:
            self._write(b"", rest)

    def _write(self, chunk: bytes, text: str) -> None:
        if self.target is None:
            return
        try:
            if self.target_fd is not None and chunk:
                view = memoryview(chunk)
                while view:
                    written = os.write(self.target_fd, view)
                    view = view[written:]
            elif text:
                self.target.write(text)
                self.target.flush()
        except Exception:
            self.target = None  # the reader went away: keep draining the child, silently


def _start_failure(command: Sequence[str], exc: OSError) -> tuple[int, str]:
    name = command[0]
    if isinstance(exc, FileNotFoundError):
        return _NOT_FOUND, f"{name}: command not found"
    if isinstance(exc, (PermissionError, IsADirectoryError)):
        return _CANNOT_INVOKE, f"{name}: {exc.strerror or 'cannot execute'}"
    return _CANNOT_INVOKE, f"{name}: cannot execute: {exc.strerror or exc}"


class _Forwarder:
    """Passes the signals of :data:`_FORWARDED` sent to ``exitcodes`` on to the command.

    Python handlers are installed before the command starts (a signal in the gap is
    remembered and passed on). On Linux the signals are then blocked and taken with
    ``sigtimedwait``, which says who sent each one: a signal the kernel sent to the
    terminal's foreground process group (Ctrl-C) already reached the command when it
    shares the group, so it is not sent twice. Where ``sigtimedwait`` is missing (macOS)
    the handlers pass every signal on. A signal ignored when ``exitcodes`` started
    (``nohup``, a background job) stays ignored, and the command inherits that. Off
    the main thread, or on Windows, nothing is installed and nothing passed on.
    """

    def __init__(self) -> None:
        # Windows has no such signals to pass on (a console's Ctrl-C reaches every process
        # attached to it), and only the main thread may set handlers.
        self.active = os.name == "posix" and threading.current_thread() is threading.main_thread()
        self.process: subprocess.Popen[bytes] | None = None
        self.pending: list[int] = []
        self.saved: list[tuple[int, Any]] = []
        self.signals: set[int] = set()
        self.blocked = False

    def __enter__(self) -> _Forwarder:
        if not self.active:
            return self
        for name in _FORWARDED:
            signum = getattr(signal, name, None)
            if signum is None:
                continue
            try:
                if signal.getsignal(signum) == signal.SIG_IGN:
                    continue
                self.saved.append((signum, signal.signal(signum, self._handle)))
            except (OSError, ValueError):
                continue
            self.signals.add(signum)
        return self

    def _handle(self, signum: int, frame: object) -> None:
        if self.process is None:
            self.pending.append(signum)
        else:
            self._send(signum)

    def _send(self, signum: int) -> None:
        if self.process is not None and self.process.returncode is None:
            with contextlib.suppress(OSError):
                os.kill(self.process.pid, signum)

    def _shares_group(self) -> bool:
        try:
            return self.process is not None and os.getpgid(self.process.pid) == os.getpgrp()
        except OSError:
            return False

    def started(self, process: subprocess.Popen[bytes]) -> None:
        """The command runs: block the signals (Linux) and pass on those that came early."""
        if self.active and hasattr(signal, "sigtimedwait") and hasattr(signal, "SIGCHLD"):
            signal.pthread_sigmask(signal.SIG_BLOCK, self.signals | {signal.SIGCHLD})
            self.blocked = True
        self.process = process
        for signum in self.pending:
            self._send(signum)
        self.pending.clear()

    def wait(self) -> int:
        """Wait for the command, passing signals on; return its ``returncode``."""
        process = self.process
        assert process is not None
        if not self.blocked:
            return process.wait()
        wanted = self.signals | {signal.SIGCHLD}
        while process.poll() is None:
            info = signal.sigtimedwait(wanted, 1.0)
            if info is None or info.si_signo == signal.SIGCHLD:
                continue
            if info.si_code == _SI_KERNEL and self._shares_group():
                continue  # the terminal sent it to the command's process group too
            self._send(info.si_signo)
        while signal.sigtimedwait(wanted, 0) is not None:
            pass  # a signal that came as the command ended has no one to reach
        return process.returncode

    def __exit__(self, *exc: object) -> None:
        if self.blocked:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, self.signals | {signal.SIGCHLD})
        for signum, handler in self.saved:
            with contextlib.suppress(OSError, ValueError, TypeError):
                signal.signal(signum, handler)
        # A signal that came while a command that could not start was being started had
        # no one to reach: it is for exitcodes itself, as if it had not been caught.
        pending, self.pending = self.pending, []
        for signum in pending:
            signal.raise_signal(signum)


def _child_stream(stream: object, direct: bool) -> int:
    """What the command gets for one stream: the descriptor itself, a pipe, or /dev/null.

    A closed stream is never handed on closed (a pipe ``exitcodes`` opens could take its
    number): the command gets /dev/null, or a pipe whose content is read (to explain
    it) and dropped. A stream without a descriptor (in-process use) is pumped through a
    pipe.
    """
    if stream is None or (isinstance(stream, _Stream) and stream.stream is None):
        return subprocess.DEVNULL if direct else subprocess.PIPE
    fd = _fileno(stream)
    if fd is not None and direct:
        return fd
    return subprocess.PIPE


def _run_command(
    command: Sequence[str], io: _Io, *, capture: bool, stdout: _Stream
) -> tuple[int, int | None, str, str | None]:
    """Run *command*; return (status, signal number, captured stderr tail, start error).

    *stdout* is where the command's stdout goes (``io.stdout``, or ``io.stderr`` when the
    JSON report takes stdout).
    """
    for stream in (io.stdout, io.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    stdin_fd = _fileno(io.stdin)
    with _Forwarder() as forwarder:
        try:
            process = subprocess.Popen(
                list(command),
                stdin=subprocess.DEVNULL if stdin_fd is None else stdin_fd,
                stdout=_child_stream(stdout, direct=True),
                stderr=_child_stream(io.stderr, direct=not capture),
            )
        except OSError as exc:
            status, message = _start_failure(command, exc)
            return status, None, "", message
        pumps = []
        if process.stdout is not None:
            pumps.append(_Pump(process.stdout, stdout, keep=False))
        if process.stderr is not None:
            pumps.append(_Pump(process.stderr, io.stderr, keep=True))
        try:
            forwarder.started(process)
            for pump in pumps:
                pump.start()
            returncode = forwarder.wait()
            for pump in pumps:
                pump.done.set()
            for pump in pumps:
                pump.join()
        finally:
            for pipe in (process.stdout, process.stderr):
                if pipe is not None:
                    pipe.close()
    tail = b"".join(bytes(pump.tail) for pump in pumps if pump.keep)
    text = tail.decode("utf-8", errors="replace")
    if returncode < 0:
        return _SIGNAL_BASE - returncode, -returncode, text, None
    return returncode, None, text, None


def _signal_name(number: int | None) -> str | None:
    if number is None:
        return None
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def _open_report(path: str) -> IO[str]:
    try:
        return open(path, "w", encoding="utf-8")
    except OSError as exc:
        raise _Failure(f"cannot write {path}: {exc.strerror or exc}", EX_IOERR) from None


def _cmd_why(args: argparse.Namespace, io: _Io) -> int:
    command = list(args.argv)
    if command[:1] == ["--"]:
        command = command[1:]
    if not command:
        raise _Failure("why needs a command to run: exitcodes why -- CMD ARGS...", EX_USAGE)
    profile = _profile(args)
    report: _Stream | None = None
    handle: IO[str] | None = None
    if args.json_file is not None:
        handle = _open_report(args.json_file)
        report = _Stream(handle, args.json_file)
    elif args.json:
        report = io.stdout
    try:
        child_stdout = io.stderr if report is io.stdout else io.stdout
        status, signum, output, error = _run_command(
            command, io, capture=not args.no_capture, stdout=child_stdout
        )
        explanation: Explanation | None = None
        if status != 0:
            # The command's status is the answer: a library that cannot explain it (the
            # output holds something it rejects) leaves the explanation out, no more.
            with contextlib.suppress(ExitCodesError):
                explanation = explain_exit(status, output=error or output, profile=profile)
        if report is not None:
            _write_json(
                {
                    "command": command,
                    "exit_code": status,
                    "started": error is None,
                    "signal": _signal_name(signum),
                    "error": error,
                    "explanation": None if explanation is None else explanation.to_dict(),
                },
                report,
            )
            report.flush()
        elif explanation is not None:
            # The explanation is a courtesy: a stderr that cannot take it never hides
            # the command's own status.
            with contextlib.suppress(_Failure):
                _explain_run(
                    command=command,
                    status=status,
                    signum=signum,
                    error=error,
                    explanation=explanation,
                    stream=io.stderr,
                )
    finally:
        if handle is not None:
            with contextlib.suppress(OSError):
                handle.close()
    return status


def _explain_run(
    *,
    command: Sequence[str],
    status: int,
    signum: int | None,
    error: str | None,
    explanation: Explanation,
    stream: _Stream,
) -> None:
    style = _Style(stream)
    found = explanation.classification
    shown = _clean(shlex.join(command))
    prefix = style.bold("exitcodes:")
    outcome = style.outcome(found.outcome, found.outcome.value)
    if error is not None:
        stream.write(
            f"{prefix} `{shown}` could not be started: {_clean(error)}; exit {status}"
            f" ({outcome}), as a shell does\n"
        )
    else:
        how = f"was killed by {_signal_name(signum)}, exit" if signum is not None else "exited"
        stream.write(f"{prefix} `{shown}` {how} {status} ({outcome}): {_clean(found.reason)}\n")
    cause = explanation.cause
    if cause is not None:
        stream.write(
            f"{prefix} likely cause: {style.bold(_clean(cause.title))} [{_clean(cause.id)}]\n"
        )
        hint = _clean(cause.hint)
        stream.write(
            textwrap.fill(hint, width=_WIDTH, initial_indent="    ", subsequent_indent="    ")
            + "\n"
        )
        if len(explanation.causes) > 1:
            stream.write(
                f"{prefix} {len(explanation.causes) - 1} more possible cause(s):"
                f" exitcodes explain {status}\n"
            )
    stream.flush()


_COMMANDS: Mapping[str, Callable[[argparse.Namespace, _Io], int]] = {
    "explain": _cmd_explain,
    "inspect": _cmd_inspect,
    "classify": _cmd_classify,
    "resolve": _cmd_resolve,
    "why": _cmd_why,
    "diagnose": _cli_diagnose.run,
    "policy": _cli_policy.run,
    "compose": _cli_compose.run,
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


def _settle(stream: IO[str] | None) -> bool:
    """Flush *stream*; if it cannot be written, point it at /dev/null and say so.

    Otherwise the interpreter's own final flush fails again, prints "Exception ignored"
    and changes the exit status to 120.
    """
    if stream is None:
        return True
    try:
        stream.flush()
    except (OSError, ValueError):
        with contextlib.suppress(OSError, ValueError):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, stream.fileno())
            os.close(devnull)
            stream.flush()
        return False
    return True


def run() -> None:
    """Console-script entry point: exit with :func:`main`'s status."""
    status = main()
    if not _settle(sys.stdout):
        status = status or EX_IOERR
    _settle(sys.stderr)
    sys.exit(status)
