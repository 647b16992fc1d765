"""``exitcodes diagnose FILE... | -``: what killed it, and should it be retried.

Each FILE (or ``-`` for stdin, once) is one piece of evidence about the same container or
task: ``docker inspect``/``podman inspect`` JSON, a ``docker events --format '{{json .}}'``
stream, kernel log lines, a cgroup ``memory.events`` file, daemon log lines, a Kubernetes
pod or container status, an ECS task or an AWS Batch job. They are weighed together by
:func:`exitcodes.diagnosis.diagnose`. Exit statuses follow the command line's contract
(docs/reference/md): 0 when a cause was found, 1 when none was, 2 usage, 65 bad data,
66 no input, 74 output errors.

Kept in its own module so that ``exitcodes.cli`` registers it with two lines; the
diagnosis itself is imported only when the subcommand runs.
"""

from __future__ import annotations

import argparse
import json
import textwrap
from typing import Any

from exitcodes.cli import EX_DATAERR, EX_NO_ANSWER, EX_OK, EX_USAGE
from exitcodes.cli._common import (
    _JSON_OPENING,
    _add_subcommand,
    _clean,
    _Failure,
    _read_source,
    _write_json,
)

__all__ = ["SCHEMA", "add_parser", "run"]

# The subcommand's line in `exitcodes --help`, and what its own --help opens with.
_SUMMARY = "weigh several pieces of evidence: what killed it, and should it be retried"
_DESCRIPTION = (
    "Read every FILE as one piece of evidence about the same container or task"
    " (docker/podman inspect JSON, a docker events JSON stream, kernel log lines, a"
    " cgroup memory.events file, daemon log lines, a Kubernetes pod or container"
    " status, an ECS task, an AWS Batch job) and rank the likely causes, with the"
    " evidence for and against each, the known anomalies recognised, and a retry"
    " verdict. Use - to read one of them from stdin."
)

_SHOWN = 3  # other causes listed after the first one, unless --all
_STR = {"type": "string"}
_STRS = {"type": "array", "items": _STR}
_NULLABLE = {"type": ["string", "null"]}
_RETRY = {
    "type": "object",
    "required": ["retry", "why", "source"],
    "additionalProperties": False,
    "properties": {
        "retry": {"enum": ["transient", "permanent", "unknown"]},
        "why": _STR,
        "source": _STR,
    },
}
SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["cause", "outcome", "exit_code", "retry", "findings", "anomalies", "pieces"],
    "additionalProperties": False,
    "properties": {
        "cause": _NULLABLE,
        "outcome": _NULLABLE,
        "exit_code": {"type": ["integer", "null"]},
        "retry": _RETRY,
        "findings": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "title", "score", "supporting", "contradicting", "retry"],
                "additionalProperties": False,
                "properties": {
                    "id": _STR,
                    "title": _STR,
                    "score": {"type": "integer"},
                    "supporting": _STRS,
                    "contradicting": _STRS,
                    "retry": _RETRY,
                },
            },
        },
        "anomalies": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "title", "source", "quote"],
                "additionalProperties": False,
                "properties": {"id": _STR, "title": _STR, "source": _STR, "quote": _STR},
            },
        },
        "pieces": _STRS,
    },
}
"""The root of the JSON Schema of ``exitcodes diagnose --json`` (``Diagnosis.to_dict()``)."""


def add_parser(subcommands: Any) -> argparse.ArgumentParser:
    """Add the ``diagnose`` subcommand to *subcommands* (an argparse subparsers action)."""
    parser = _add_subcommand(subcommands, "diagnose", _SUMMARY, _DESCRIPTION, as_written=True)
    parser.add_argument("files", metavar="FILE", nargs="+", help="a file, or - for stdin")
    parser.add_argument(
        "--json",
        action="store_true",
        help="print one JSON object (Diagnosis.to_dict(): cause, retry, findings, anomalies)",
    )
    parser.add_argument(
        "--all", action="store_true", help=f"show every cause (default: the first {_SHOWN + 1})"
    )
    return parser


def _piece(text: str, what: str) -> object:
    """A JSON document, the documents of a JSON-lines stream, or the text itself."""
    stripped = text.strip()
    if not stripped.startswith(("{", "[")):
        return text
    try:
        return json.loads(stripped)
    except (ValueError, RecursionError):
        pass
    documents: list[object] = []
    for number, line in enumerate(stripped.splitlines(), 1):
        if not line.strip():
            continue
        try:
            documents.append(json.loads(line))
        except (ValueError, RecursionError) as exc:
            if not _JSON_OPENING.match(stripped):
                return text  # "[ERROR] ...": a log line that starts with a bracket
            raise _Failure(f"{what} is not valid JSON (line {number}): {exc}", EX_DATAERR) from None
    return documents


def run(args: argparse.Namespace, io: Any) -> int:
    """Run ``exitcodes diagnose`` with parsed *args* on the command line's streams *io*."""
    from exitcodes.diagnosis import diagnose  # noqa: PLC0415 - loaded only when it runs

    if args.files.count("-") > 1:
        raise _Failure("- (stdin) can be given only once", EX_USAGE)
    pieces = [
        _piece(_read_source(name, io), "stdin" if name == "-" else name) for name in args.files
    ]
    result = diagnose(*pieces)
    out = io.stdout
    if args.json:
        _write_json(result.to_dict(), out)
        return EX_OK if result.cause is not None else EX_NO_ANSWER
    clean = _clean
    if result.cause is None:
        out.write("no likely cause in this evidence\n")
    findings = result.findings if args.all else result.findings[: _SHOWN + 1]
    for rank, finding in enumerate(findings):
        label = "likely cause" if rank == 0 else "or"
        out.write(f"{label}: {clean(finding.title)} [{clean(finding.id)}]\n")
        for text in finding.supporting:
            out.write(f"    + {clean(text)}\n")
        for text in finding.contradicting:
            out.write(f"    - {clean(text)}\n")
    left = len(result.findings) - len(findings)
    if left > 0:
        out.write(f"{left} more possible cause(s): --all\n")
    for anomaly in result.anomalies:
        out.write(f"anomaly: {clean(anomaly.title)} ({clean(anomaly.source)})\n")
    verdict = result.retry
    out.write(
        textwrap.fill(
            f"retry: {verdict.retry.value}: {verdict.why} ({verdict.source})",
            width=88,
            subsequent_indent="    ",
        )
        + "\n"
    )
    if result.exit_code is not None:
        out.write(f"exit code: {result.exit_code}\n")
    return EX_OK if result.cause is not None else EX_NO_ANSWER
