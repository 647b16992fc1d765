"""The command line's plumbing: exit statuses, streams, input reading, evidence parsing."""

from __future__ import annotations

import argparse
import json
import os
import re
from collections.abc import Mapping
from typing import IO, Any

from exitcodes._evidence import prefix_end
from exitcodes.classify import Classification
from exitcodes.cli import (
    EX_DATAERR,
    EX_IOERR,
    EX_NO_ANSWER,
    EX_NOINPUT,
    EX_OK,
    EX_USAGE,
)
from exitcodes.outcome import ExitOutcome
from exitcodes.profiles import Platform, Profile, docker, from_spec
from exitcodes.rules import Match, MessageRule, rule_by_id

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


# --------------------------------------------------------------------------- plumbing


class _Failure(Exception):
    """A one-line error with the exit status it maps to."""

    def __init__(self, message: str, status: int) -> None:
        super().__init__(message)
        self.status = status


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


def _add_subcommand(
    subcommands: Any,
    name: str,
    summary: str,
    description: str,
    *,
    as_written: bool = False,
    epilog: str | None = None,
) -> argparse.ArgumentParser:
    """Add the subcommand *name* to *subcommands* (an argparse subparsers action).

    *summary* is its line in ``exitcodes --help``; *description* opens its own ``--help``,
    rewrapped to the terminal unless *as_written*; *epilog* closes it.
    """
    parser: argparse.ArgumentParser = subcommands.add_parser(
        name,
        help=summary,
        description=description,
        epilog=epilog,
        formatter_class=(
            argparse.RawDescriptionHelpFormatter if as_written else argparse.HelpFormatter
        ),
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
