"""The ``exitcodes`` command line: classify evidence or resolve a command's exit code.

Run ``exitcodes --help``. Results go to stdout as text or, with ``--json``, as
one JSON object. Errors in the input exit 2 with a message on stderr, like
argparse's own usage errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TextIO

from exitcodes.classify import classify
from exitcodes.errors import ExitCodesError
from exitcodes.profiles import Profile, docker
from exitcodes.resolve import resolve
from exitcodes.rules import COMMANDS, PHASES

__all__ = ["build_parser", "main"]

_MAX_STDIN = 64 * 1024 * 1024


def _add_profile_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("profile")
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
        choices=("linux", "darwin", "windows"),
        default="linux",
        help="where the CLI runs (default: linux)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser (also used to generate the CLI reference)."""
    parser = argparse.ArgumentParser(
        prog="exitcodes",
        description="What exit code should this container process return, and why.",
    )
    commands = parser.add_subparsers(dest="action", required=True, metavar="ACTION")

    classify_parser = commands.add_parser(
        "classify",
        help="classify an exit status, a daemon message or a JSON document",
        description=(
            "Classify one piece of evidence: an integer exit status, a daemon error message,"
            " or a JSON document (wait response, docker inspect output, exec inspect, API"
            " error body). Use '-' to read it from stdin."
        ),
    )
    classify_parser.add_argument("evidence", help="an int, a message, JSON, or - for stdin")
    _add_profile_options(classify_parser)

    resolve_parser = commands.add_parser(
        "resolve",
        help="the exit code a docker command ends with",
        description="Resolve the final exit code of a docker CLI command from what happened.",
    )
    resolve_parser.add_argument("command", choices=COMMANDS, help="the docker command")
    resolve_parser.add_argument("--error", help="the error message, if the command failed")
    resolve_parser.add_argument(
        "--phase", choices=PHASES, default="start", help="where the error happened"
    )
    resolve_parser.add_argument(
        "--wait", help="the wait response as JSON, or a status; repeat for 'wait'", action="append"
    )
    resolve_parser.add_argument("--exec-inspect", help="the exec inspect document as JSON")
    resolve_parser.add_argument("--state", help="docker inspect's State (or document) as JSON")
    resolve_parser.add_argument("--detach", action="store_true", help="run -d / exec -d")
    resolve_parser.add_argument(
        "--exit",
        action="store_true",
        help="exit with the resolved code instead of 0 (for shell scripts)",
    )
    _add_profile_options(resolve_parser)
    return parser


def _profile(args: argparse.Namespace) -> Profile:
    version = args.docker_version
    if version is None:
        return docker(engine_version=args.engine_version, platform=args.platform)
    return docker(version, engine_version=args.engine_version, platform=args.platform)


def _read_stdin(stdin: TextIO) -> str:
    text = stdin.read(_MAX_STDIN + 1)
    if len(text) > _MAX_STDIN:
        raise ExitCodesError(f"stdin holds more than {_MAX_STDIN} characters")
    return text


def _parse_evidence(text: str) -> object:
    stripped = text.strip()
    if stripped.lstrip("+-").isdigit() and len(stripped) < 40:
        return int(stripped)
    if stripped.startswith(("{", "[")):
        try:
            return json.loads(stripped)
        except (json.JSONDecodeError, RecursionError) as exc:
            raise ExitCodesError(f"evidence looks like JSON but does not parse: {exc}") from None
    return text


def _parse_json(text: str | None, option: str) -> object:
    if text is None:
        return None
    stripped = text.strip()
    if stripped.lstrip("+-").isdigit() and len(stripped) < 40:
        return int(stripped)
    try:
        return json.loads(stripped)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise ExitCodesError(f"{option} must be JSON or an integer: {exc}") from None


def _print(result: dict[str, object], as_json: bool, stdout: TextIO) -> None:
    if as_json:
        stdout.write(json.dumps(result, sort_keys=True) + "\n")
        return
    for key, value in result.items():
        if value is not None:
            stdout.write(f"{key.replace('_', ' ')}: {value}\n")


def main(
    argv: Sequence[str] | None = None,
    *,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run the command line; returns the process exit status.

    >>> main(["resolve", "run", "--error", "exec: foo: executable file not found"])
    exit code: 127
    outcome: not_found
    rule: docker-cli/not-found
    reason: The error says a file was not found, which docker run reports as 127 (command...
    0
    """
    stdin = sys.stdin if stdin is None else stdin
    stdout = sys.stdout if stdout is None else stdout
    stderr = sys.stderr if stderr is None else stderr
    args = build_parser().parse_args(argv)
    try:
        profile = _profile(args)
        if args.action == "classify":
            text = _read_stdin(stdin) if args.evidence == "-" else args.evidence
            result = classify(_parse_evidence(text), profile=profile).to_dict()
            _print(result, args.json, stdout)
            return 0
        waits = None
        if args.wait is not None:
            parsed = [_parse_json(item, "--wait") for item in args.wait]
            waits = parsed if args.command == "wait" else parsed[-1]
        resolution = resolve(
            args.command,
            error=args.error,
            phase=args.phase,
            wait=waits,
            exec_inspect=_parse_json(args.exec_inspect, "--exec-inspect"),
            state=_parse_json(args.state, "--state"),
            detach=args.detach,
            profile=profile,
        )
        _print(resolution.to_dict(), args.json, stdout)
        return resolution.exit_code if args.exit else 0
    except ExitCodesError as exc:
        stderr.write(f"exitcodes: error: {exc}\n")
        return 2


def run() -> None:  # pragma: no cover - the console script's wrapper
    """Console-script entry point: exit with :func:`main`'s status."""
    sys.exit(main())
