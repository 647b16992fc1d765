"""``exitcodes compose [OPTIONS] -- ARGS...``: the code a docker compose command exits with.

The evidence comes from files (``-`` for stdin): ``--events`` the project's ``docker events
--format '{{json .}}'`` lines (they order the exits and show compose's stops),
``--inspect`` a ``docker inspect`` JSON array, ``--ps`` ``docker compose ps -a --format
json``, ``--stderr`` compose's standard error; ``--signal`` the signal compose got,
``--exec-exit-code`` the exec process's code. Exit statuses follow the command line's
contract (docs/reference/md): 0 answered, 1 no answer (a command not modelled, or
evidence that cannot decide), 2 usage, 65 bad data, 66 no input.

Kept in its own module so that ``exitcodes.cli`` registers it with a few lines.
"""

from __future__ import annotations

import argparse
from typing import Any

from exitcodes.cli import EX_NO_ANSWER, EX_OK, EX_USAGE
from exitcodes.cli._common import (
    _add_subcommand,
    _clean,
    _Failure,
    _load_json,
    _read_source,
    _write_json,
)

__all__ = ["SCHEMA", "add_parser", "run"]

# The subcommand's line in `exitcodes --help`, and what its own --help opens with.
_SUMMARY = "the exit code of a docker compose command over its services' evidence"
_DESCRIPTION = (
    "What `docker compose ARGS` exits with (up, run, exec, wait), which service decided"
    " it and why, from the project's events, inspect states or ps output, compose's"
    " stderr and the signal it got. Put the compose arguments after --."
)

_NULLABLE_STR = {"type": ["string", "null"]}
SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["compose_version", "exit_code", "service", "rule", "reason", "message"],
    "additionalProperties": False,
    "properties": {
        "compose_version": {"type": "string"},
        "exit_code": {"type": "integer"},
        "service": _NULLABLE_STR,
        "rule": {"type": "string"},
        "reason": {"type": "string"},
        "message": _NULLABLE_STR,
    },
}
"""The root of the JSON Schema of ``exitcodes compose --json``."""


def add_parser(subcommands: Any) -> argparse.ArgumentParser:
    """Add the ``compose`` subcommand to *subcommands*."""
    parser = _add_subcommand(subcommands, "compose", _SUMMARY, _DESCRIPTION)
    parser.add_argument("compose_args", nargs="*", metavar="ARGS", help="compose's arguments")
    parser.add_argument(
        "--compose-version", default=None, help="the compose release (default: the newest)"
    )
    parser.add_argument("--events", metavar="FILE", help="docker events JSON lines, or -")
    parser.add_argument("--inspect", metavar="FILE", help="a docker inspect JSON array, or -")
    parser.add_argument("--ps", metavar="FILE", help="docker compose ps --format json, or -")
    parser.add_argument("--stderr", metavar="FILE", help="compose's standard error, or -")
    parser.add_argument("--signal", type=int, default=None, help="the signal compose got")
    parser.add_argument("--exec-exit-code", type=int, default=None, help="the exec's code")
    parser.add_argument("--json", action="store_true", help="print the answer as JSON")
    return parser


def _events(text: str) -> list[Any]:

    out = []
    for line in text.splitlines():
        if line.strip():
            out.append(_load_json(line, "--events"))
    return out


def run(args: argparse.Namespace, io: Any) -> int:
    """Run ``exitcodes compose`` with parsed *args* on the command line's streams *io*."""
    from exitcodes.engines import compose  # noqa: PLC0415
    from exitcodes.errors import InvalidArgumentError, MalformedEvidenceError  # noqa: PLC0415

    if not args.compose_args:
        raise _Failure("give the compose arguments after --, e.g. -- up -d", EX_USAGE)
    prof = compose.profile(args.compose_version or compose.NEWEST_COMPOSE_VERSION)
    exits: tuple[compose.ContainerExit, ...] = ()
    exec_code = args.exec_exit_code
    if args.events:
        found, from_events = compose.exits_from_events(_events(_read_source(args.events, io)))
        exits += found
        exec_code = exec_code if exec_code is not None else from_events
    if args.inspect:
        data = _load_json(_read_source(args.inspect, io), "--inspect")
        items: list[Any] = data if isinstance(data, list) else [data]
        found = compose.exits_from_inspect(items)
        # The events order the exits; inspect adds the containers still running.
        exits += tuple(c for c in found if c.exit_code is None or not args.events)
    if args.ps:
        found = compose.exits_from_ps(_read_source(args.ps, io))
        exits += tuple(c for c in found if c.exit_code is None or not (args.events or args.inspect))
    stderr = _read_source(args.stderr, io) if args.stderr else ""
    evidence = compose.ComposeEvidence(
        tuple(args.compose_args), exits, exec_exit_code=exec_code, signal=args.signal,
        stderr=stderr,
    )  # fmt: skip
    try:
        result = compose.resolve_compose(evidence, prof)
    except (InvalidArgumentError, MalformedEvidenceError) as exc:
        io.stderr.write(f"exitcodes compose: no answer: {_clean(str(exc))}\n")
        return EX_NO_ANSWER
    if args.json:
        _write_json(
            {
                "compose_version": str(prof.version),
                "exit_code": result.exit_code,
                "service": result.service,
                "rule": result.rule.id,
                "reason": result.reason,
                "message": result.message.id if result.message else None,
            },
            io.stdout,
        )
        return EX_OK
    shown = " ".join(args.compose_args)
    io.stdout.write(
        f"docker compose {_clean(shown)} exits {result.exit_code}"
        f" (compose {prof.version}, rule {result.rule.id}): {_clean(result.reason)}\n"
    )
    return EX_OK
