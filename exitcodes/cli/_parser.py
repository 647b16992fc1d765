"""The argument parser of every subcommand."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Sequence
from typing import Any, NoReturn

from exitcodes.cli import EX_OK, EX_USAGE, _compose, _diagnose, _policy
from exitcodes.cli._common import _DEFAULT_CAUSES, _add_subcommand, _clean, _Failure
from exitcodes.profiles import Platform
from exitcodes.rules import COMMANDS, PHASES

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


def _subcommand(
    commands: Any, name: str, summary: str, description: str
) -> argparse.ArgumentParser:
    """Add a core subcommand: its description kept as written, the exit statuses below it."""
    return _add_subcommand(commands, name, summary, description, as_written=True, epilog=_EPILOG)


def _add_common(parser: argparse.ArgumentParser, *, show_all: bool = False) -> None:
    """Add ``--json`` and the profile options (``--all`` first when causes are listed)."""
    if show_all:
        parser.add_argument(
            "--all",
            action="store_true",
            help=f"show every cause (default: the first {_DEFAULT_CAUSES})",
        )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print one JSON object (schema: exitcodes.cli.OUTPUT_SCHEMAS)",
    )
    group = parser.add_argument_group("profile")
    group.add_argument(
        "--profile",
        metavar="SPEC",
        help="engine, version and platform as ENGINE[@VERSION][/DAEMON[@VERSION]][:PLATFORM],"
        " e.g. docker@28.2.2 or docker@20.10.24/podman@4.3.1",
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

    explain_parser = _subcommand(
        commands,
        "explain",
        "explain an exit code, a daemon message or a JSON document",
        "Classify one piece of evidence and list its likely causes, most likely first:"
        " an exit status (137, -1, 0xC0000005), a daemon or runtime error message, a"
        ' status line ("Exited (137) 5 seconds ago"), or a JSON document (docker or'
        " podman inspect output for one container, its State, a wait response, an exec"
        " inspect, a Kubernetes container status). Use - to read it from stdin.",
    )
    explain_parser.add_argument("evidence", metavar="EVIDENCE", help="the evidence, or -")
    _add_common(explain_parser, show_all=True)

    inspect_parser = _subcommand(
        commands,
        "inspect",
        "explain each container of docker/podman inspect or kubectl get pod output",
        "Read the JSON output of `docker inspect`, `podman inspect` (an object or a"
        " list), or `kubectl get pod -o json` (a pod or a list of pods) and explain"
        " each container.",
    )
    inspect_parser.add_argument(
        "file", metavar="FILE", nargs="?", default="-", help="a JSON file, or - for stdin"
    )
    _add_common(inspect_parser, show_all=True)

    classify_parser = _subcommand(
        commands,
        "classify",
        "classify an exit status, a daemon message or a JSON document",
        "Classify one piece of evidence: an integer exit status, a daemon error message,"
        " or a JSON document (wait response, docker inspect output, exec inspect, API"
        " error body). Use - to read it from stdin.",
    )
    classify_parser.add_argument("evidence", metavar="EVIDENCE", help="the evidence, or -")
    _add_common(classify_parser)

    resolve_parser = _subcommand(
        commands,
        "resolve",
        "the exit code a docker command ends with",
        "Resolve the final exit code of a docker CLI command from what happened: give the"
        " command (positionally or with --command) and the error, or the container's"
        " status.",
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

    why_parser = _subcommand(
        commands,
        "why",
        "run a command, then explain its non-zero exit",
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
        " streams as they are.",
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
    _diagnose.add_parser(commands)
    _policy.add_parser(commands)
    _compose.add_parser(commands)
    return parser
