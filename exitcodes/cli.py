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
:data:`OUTPUT_SCHEMAS`; ``why`` writes it to stderr, as stdout belongs to the
command) and ``--profile ENGINE[@VERSION][:PLATFORM]`` (or the older
``--docker-version``/``--engine-version``/``--platform``). Colour is used only
when the output is a terminal and ``NO_COLOR`` is not set.

Exit statuses of ``exitcodes`` itself:

* 0: success;
* 2: usage error: an unknown option, a bad option value, an unknown profile;
* 65 (EX_DATAERR): the input cannot be read as evidence: not JSON, the wrong
  shape, an impossible value, not UTF-8, or larger than 16 MiB;
* 66 (EX_NOINPUT): the input file does not exist or cannot be read;
* 70 (EX_SOFTWARE): an internal error (a bug; the one-line message names it);
* 74 (EX_IOERR): the output could not be written (a closed pipe);
* 130: interrupted;
* ``resolve --exit``: the resolved exit code; ``why``: the command's own exit
  status (128 + n when a signal n killed it), or 127 / 126 when it could not be
  found / executed, as a shell does.

Every error is reported as one line on stderr, never as a traceback.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import json
import os
import shlex
import signal
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable, Mapping, Sequence
from typing import IO, Any, NoReturn, TextIO

from exitcodes._evidence import EvidenceKind
from exitcodes.classify import classify
from exitcodes.errors import ExitCodesError, InvalidArgumentError, InvalidVersionError
from exitcodes.explanation import Explanation, explain, explain_exit
from exitcodes.outcome import ExitOutcome
from exitcodes.profiles import Platform, Profile, docker, from_spec
from exitcodes.resolve import resolve
from exitcodes.rules import COMMANDS, PHASES

__all__ = [
    "EX_DATAERR",
    "EX_IOERR",
    "EX_NOINPUT",
    "EX_OK",
    "EX_SOFTWARE",
    "EX_USAGE",
    "OUTPUT_SCHEMAS",
    "build_parser",
    "main",
    "run",
]

EX_OK = 0
"""Success."""
EX_USAGE = 2
"""A usage error: unknown option, bad option value, unknown profile (argparse's code)."""
EX_DATAERR = 65
"""The input cannot be read as evidence (sysexits ``EX_DATAERR``)."""
EX_NOINPUT = 66
"""The input file does not exist or cannot be read (sysexits ``EX_NOINPUT``)."""
EX_SOFTWARE = 70
"""An internal error (sysexits ``EX_SOFTWARE``)."""
EX_IOERR = 74
"""The output could not be written (sysexits ``EX_IOERR``)."""
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
exit statuses of exitcodes itself:
  0    success
  2    usage error: unknown option, bad option value, unknown profile
  65   the input cannot be read as evidence: not JSON, wrong shape, too large
  66   the input file does not exist or cannot be read
  70   internal error (a bug)
  74   the output could not be written
  130  interrupted
  resolve --exit exits with the resolved code; why exits with the command's own
  status, or 127/126 when the command cannot be found/executed.

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
        "required": ["name", "id", "source", "note", "explanation"],
        "additionalProperties": False,
        "properties": {
            "name": _NULLABLE_STR,
            "id": _NULLABLE_STR,
            "source": {"enum": ["docker", "kubernetes"]},
            "note": _NULLABLE_STR,
            "explanation": {"$ref": "#/$defs/explanation"},
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
        """Report a usage error on one line and exit 2."""
        self.exit(EX_USAGE, f"{self.prog}: error: {message}\n")


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


class _Io:
    """The three streams a run of the command uses."""

    def __init__(self, stdin: TextIO, stdout: TextIO, stderr: TextIO) -> None:
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr


class _Style:
    """ANSI colour, on only for a terminal without ``NO_COLOR``."""

    def __init__(self, stream: IO[str]) -> None:
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


def _use_colour(stream: IO[str]) -> bool:
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return bool(stream.isatty())
    except Exception:
        return False


def _one_line(text: str) -> str:
    line = " ".join(text.split())
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
    ['classify', 'explain', 'inspect', 'resolve', 'why']
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
            " explanation of a non-zero exit to stderr and exit with the same code. A command"
            " that cannot be found exits 127, one that cannot be executed 126, like a shell."
        ),
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    why_parser.add_argument(
        "--no-capture",
        action="store_true",
        help="leave the command's stderr untouched (explain from the status alone)",
    )
    _add_common(why_parser)
    why_parser.add_argument(
        "argv", metavar="-- CMD ARGS", nargs=argparse.REMAINDER, help="the command to run"
    )
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


def _read_limited(stream: IO[str], what: str) -> str:
    try:
        text = stream.read(_MAX_INPUT + 1)
    except UnicodeDecodeError:
        raise _Failure(f"{what} is not UTF-8 text", EX_DATAERR) from None
    except OSError as exc:
        raise _Failure(f"cannot read {what}: {exc.strerror or exc}", EX_NOINPUT) from None
    if len(text) > _MAX_INPUT:
        raise _Failure(
            f"{what} holds more than {_MAX_INPUT // (1024 * 1024)} MiB; give one container's"
            " evidence",
            EX_DATAERR,
        )
    return text


def _read_source(name: str, io: _Io) -> str:
    if name == "-":
        return _read_limited(io.stdin, "stdin")
    try:
        with open(name, encoding="utf-8") as handle:
            return _read_limited(handle, name)
    except OSError as exc:
        raise _Failure(f"cannot open {name}: {exc.strerror or exc}", EX_NOINPUT) from None


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


def _parse_evidence(text: str, what: str) -> object:
    stripped = text.strip()
    number = _integer(stripped)
    if number is not None:
        return number
    if stripped.startswith(("{", "[")):
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


def _write_json(document: object, stream: IO[str]) -> None:
    stream.write(json.dumps(document, sort_keys=True) + "\n")


def _write_pairs(result: Mapping[str, object], stream: IO[str]) -> None:
    for key, value in result.items():
        if value is not None:
            stream.write(f"{key.replace('_', ' ')}: {value}\n")


# ----------------------------------------------------------------------- text output


def _headline(explanation: Explanation, style: _Style) -> str:
    found = explanation.classification
    code = "no exit status" if found.exit_code is None else f"exit code {found.exit_code}"
    parts = [code, found.outcome.value]
    if found.signal is not None:
        parts.append(found.signal.name)
    return style.outcome(found.outcome, ", ".join(parts))


def _render(
    explanation: Explanation, stream: IO[str], style: _Style, *, limit: int | None, indent: str = ""
) -> None:
    found = explanation.classification
    pad = indent + "    "
    stream.write(f"{indent}{_headline(explanation, style)}\n")
    stream.write(f"{indent}{found.reason}\n")
    stream.write(f"{indent}{style.dim('rule: ' + found.rule)}\n")
    causes = explanation.causes
    if not causes:
        stream.write(f"{indent}No catalogued cause matches this evidence.\n")
        return
    shown = causes if limit is None else causes[:limit]
    stream.write(f"{indent}Likely causes, most likely first:\n")
    for number, cause in enumerate(shown, 1):
        stream.write(f"{indent}{number}. {style.bold(cause.title)} [{cause.id}]\n")
        wrapped = textwrap.fill(cause.hint, width=_WIDTH, initial_indent=pad, subsequent_indent=pad)
        stream.write(f"{wrapped}\n")
        stream.write(f"{pad}{style.dim('matched: ' + '; '.join(cause.matched))}\n")
    hidden = len(causes) - len(shown)
    if hidden:
        stream.write(f"{indent}({hidden} more; --all shows them)\n")


# ------------------------------------------------------------------------ subcommands


def _cmd_explain(args: argparse.Namespace, io: _Io) -> int:
    profile = _profile(args)
    what = "stdin" if args.evidence == "-" else "EVIDENCE"
    text = _read_source("-", io) if args.evidence == "-" else args.evidence
    explanation = explain(_parse_evidence(text, what), profile=profile)
    if args.json:
        _write_json(explanation.to_dict(), io.stdout)
    else:
        limit = None if args.all else _DEFAULT_CAUSES
        _render(explanation, io.stdout, _Style(io.stdout), limit=limit)
    return EX_OK


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
    results: list[tuple[_Target, Explanation]] = []
    for target in _inspect_targets(document):
        try:
            explanation = explain(target.evidence, profile=profile)
        except ExitCodesError as exc:
            label = target.name or target.ident or target.source
            raise _Failure(f"container {label}: {exc}", EX_DATAERR) from None
        results.append((target, explanation))
    if args.json:
        _write_json(
            {
                "containers": [
                    {
                        "name": target.name,
                        "id": target.ident,
                        "source": target.source,
                        "note": target.note,
                        "explanation": explanation.to_dict(),
                    }
                    for target, explanation in results
                ]
            },
            io.stdout,
        )
        return EX_OK
    style = _Style(io.stdout)
    limit = None if args.all else _DEFAULT_CAUSES
    for number, (target, explanation) in enumerate(results):
        if number:
            io.stdout.write("\n")
        ident = target.ident
        label = target.name or (ident[:12] if ident else f"container {number + 1}")
        io.stdout.write(f"{style.bold(label)}:\n")
        if target.note:
            io.stdout.write(f"  {target.note}\n")
        _render(explanation, io.stdout, style, limit=limit, indent="  ")
    return EX_OK


def _cmd_classify(args: argparse.Namespace, io: _Io) -> int:
    profile = _profile(args)
    what = "stdin" if args.evidence == "-" else "EVIDENCE"
    text = _read_source("-", io) if args.evidence == "-" else args.evidence
    result = classify(_parse_evidence(text, what), profile=profile).to_dict()
    if args.json:
        _write_json(result, io.stdout)
    else:
        _write_pairs(result, io.stdout)
    return EX_OK


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


def _fileno(stream: object) -> int | None:
    try:
        fileno = stream.fileno()  # type: ignore[attr-defined]
    except Exception:
        return None
    return fileno if isinstance(fileno, int) and fileno >= 0 else None


class _Pump(threading.Thread):
    """Copies a child's pipe to a stream as it arrives, keeping the tail."""

    def __init__(self, source: IO[bytes], target: IO[str], keep: bool) -> None:
        super().__init__(daemon=True)
        self.source = source
        self.target = target
        self.target_fd = _fileno(target)
        self.keep = keep
        self.tail = bytearray()

    def run(self) -> None:
        decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        read = getattr(self.source, "read1", self.source.read)
        while True:
            try:
                chunk = read(_CHUNK)
            except (OSError, ValueError):
                break
            if not chunk:
                break
            if self.keep:
                self.tail += chunk
                del self.tail[:-_TAIL]
            self._write(chunk, decoder.decode(chunk))
        rest = decoder.decode(b"", final=True)
        if rest:
            self._write(b"", rest)

    def _write(self, chunk: bytes, text: str) -> None:
        try:
            if self.target_fd is not None and chunk:
                view = memoryview(chunk)
                while view:
                    written = os.write(self.target_fd, view)
                    view = view[written:]
            elif text:
                self.target.write(text)
                self.target.flush()
        except (OSError, ValueError):
            pass  # the reader went away; keep draining the child


def _start_failure(command: Sequence[str], exc: OSError) -> tuple[int, str]:
    name = command[0]
    if isinstance(exc, FileNotFoundError):
        return _NOT_FOUND, f"{name}: command not found"
    if isinstance(exc, (PermissionError, IsADirectoryError)):
        return _CANNOT_INVOKE, f"{name}: {exc.strerror or 'cannot execute'}"
    return _CANNOT_INVOKE, f"{name}: cannot execute: {exc.strerror or exc}"


def _forwarding(process: subprocess.Popen[bytes]) -> list[tuple[int, Any]]:
    """Ignore SIGINT (the terminal sends it to the child too) and forward SIGTERM/SIGHUP."""
    if threading.current_thread() is not threading.main_thread():
        return []

    def forward(signum: int, frame: object) -> None:
        with contextlib.suppress(OSError):
            process.send_signal(signum)

    saved: list[tuple[int, Any]] = []
    handlers: list[tuple[str, Callable[[int, Any], None] | signal.Handlers]] = [
        ("SIGINT", signal.SIG_IGN),
        ("SIGTERM", forward),
        ("SIGHUP", forward),
    ]
    for name, handler in handlers:
        signum = getattr(signal, name, None)
        if signum is None:
            continue
        with contextlib.suppress(OSError, ValueError):
            saved.append((signum, signal.signal(signum, handler)))
    return saved


def _restore(saved: list[tuple[int, Any]]) -> None:
    for signum, handler in saved:
        with contextlib.suppress(OSError, ValueError, TypeError):
            signal.signal(signum, handler)


def _run_command(
    command: Sequence[str], io: _Io, capture: bool
) -> tuple[int, int | None, str, str | None]:
    """Run *command*; return (status, signal number, captured stderr tail, start error)."""
    for stream in (io.stdout, io.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    stdin_fd = _fileno(io.stdin)
    stdout_fd = _fileno(io.stdout)
    stderr_fd = _fileno(io.stderr)
    stderr_pipe = capture or stderr_fd is None
    try:
        process = subprocess.Popen(
            list(command),
            stdin=subprocess.DEVNULL if stdin_fd is None else stdin_fd,
            stdout=subprocess.PIPE if stdout_fd is None else stdout_fd,
            stderr=subprocess.PIPE if stderr_pipe else stderr_fd,
        )
    except OSError as exc:
        status, message = _start_failure(command, exc)
        return status, None, "", message
    pumps = []
    if process.stdout is not None:
        pumps.append(_Pump(process.stdout, io.stdout, keep=False))
    if process.stderr is not None:
        pumps.append(_Pump(process.stderr, io.stderr, keep=True))
    saved = _forwarding(process)
    try:
        for pump in pumps:
            pump.start()
        returncode = process.wait()
        for pump in pumps:
            pump.join()
    finally:
        _restore(saved)
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


def _cmd_why(args: argparse.Namespace, io: _Io) -> int:
    command = list(args.argv)
    if command[:1] == ["--"]:
        command = command[1:]
    if not command:
        raise _Failure("why needs a command to run: exitcodes why -- CMD ARGS...", EX_USAGE)
    profile = _profile(args)
    status, signum, output, error = _run_command(command, io, capture=not args.no_capture)
    shown = shlex.join(command)
    explanation: Explanation | None = None
    if status != 0:
        explanation = explain_exit(status, output=error or output, profile=profile)
    if args.json:
        _write_json(
            {
                "command": command,
                "exit_code": status,
                "started": error is None,
                "signal": _signal_name(signum),
                "error": error,
                "explanation": None if explanation is None else explanation.to_dict(),
            },
            io.stderr,
        )
        return status
    if explanation is None:
        return status
    style = _Style(io.stderr)
    found = explanation.classification
    prefix = style.bold("exitcodes:")
    outcome = style.outcome(found.outcome, found.outcome.value)
    if error is not None:
        io.stderr.write(
            f"{prefix} `{shown}` could not be started: {error}; exit {status} ({outcome}),"
            " as a shell does\n"
        )
    else:
        how = f"was killed by {_signal_name(signum)}, exit" if signum is not None else "exited"
        io.stderr.write(f"{prefix} `{shown}` {how} {status} ({outcome}): {found.reason}\n")
    cause = explanation.cause
    if cause is not None:
        io.stderr.write(f"{prefix} likely cause: {style.bold(cause.title)} [{cause.id}]\n")
        io.stderr.write(
            textwrap.fill(cause.hint, width=_WIDTH, initial_indent="    ", subsequent_indent="    ")
            + "\n"
        )
        if len(explanation.causes) > 1:
            io.stderr.write(
                f"{prefix} {len(explanation.causes) - 1} more possible cause(s):"
                f" exitcodes explain {status}\n"
            )
    return status


_COMMANDS: Mapping[str, Callable[[argparse.Namespace, _Io], int]] = {
    "explain": _cmd_explain,
    "inspect": _cmd_inspect,
    "classify": _cmd_classify,
    "resolve": _cmd_resolve,
    "why": _cmd_why,
}


# --------------------------------------------------------------------------- entry


def _error_status(error: ExitCodesError) -> int:
    """Bad arguments are usage errors (2); anything wrong with the evidence is 65."""
    if isinstance(error, (InvalidArgumentError, InvalidVersionError)):
        return EX_USAGE
    return EX_DATAERR


def _dispatch(argv: Sequence[str] | None, io: _Io) -> int:
    parser = build_parser()
    try:
        with contextlib.redirect_stdout(io.stdout), contextlib.redirect_stderr(io.stderr):
            args = parser.parse_args(argv)
    except SystemExit as exc:
        code = exc.code
        if code is None:
            return EX_OK
        return code if isinstance(code, int) else EX_USAGE
    try:
        return _COMMANDS[args.action](args, io)
    except _Failure as failure:
        io.stderr.write(f"exitcodes: error: {_one_line(str(failure))}\n")
        return failure.status
    except ExitCodesError as exc:
        io.stderr.write(f"exitcodes: error: {_one_line(str(exc))}\n")
        return _error_status(exc)


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


def run() -> None:  # pragma: no cover - the console script's wrapper
    """Console-script entry point: exit with :func:`main`'s status."""
    status = main()
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away: point stdout at devnull so the interpreter's final flush
        # does not print a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        status = status or EX_IOERR
    sys.exit(status)
