"""Render the reference tables of the docs from the rule tables the library runs.

Nothing here is typed by hand: every table is computed, at build time, from
:mod:`exitcodes.rules`, :mod:`exitcodes.kubernetes` and :func:`exitcodes.resolve`,
and the command-line reference from :func:`exitcodes.cli.build_parser`. The
``render_*`` functions return Markdown (MyST) text; each takes the table it
renders as an argument, defaulting to the library's own, so that a test can hand
it an altered copy and see the page change.

This module imports no Sphinx: it is the generator. :func:`setup` registers
the directives of :mod:`exitcodes_directives`, which parse this Markdown into
the page being built::

    ```{exitcodes-table} docker
    ```

The table names are the keys of :data:`TABLES`.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import attrs

import exitcodes.engines.compose
import exitcodes.kubernetes
import exitcodes.rules
from exitcodes import profiles, resolve
from exitcodes.kubernetes import ReasonRule
from exitcodes.profiles import Engine, Profile, Version
from exitcodes.rules import (
    Behaviour,
    CliSignalRule,
    ErrorPolicy,
    Layer,
    Match,
    MessageRule,
    OutcomeRule,
    PhaseRule,
    SignalPhase,
    SignalPolicy,
    VersionRange,
)

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__all__ = [
    "CLI_SIGNAL_SITUATIONS",
    "CLI_SIGNAL_VERSIONS",
    "DOCKER_VERSION_SITUATIONS",
    "ENGINE_SITUATIONS",
    "TABLES",
    "Situation",
    "docker_boundaries",
    "md_code",
    "md_prose",
    "md_text",
    "render_behaviours_table",
    "render_cli_reference",
    "render_cli_signal_versions_table",
    "render_cli_signals_table",
    "render_docker_versions_table",
    "render_engine_table",
    "render_engines_table",
    "render_kubernetes_table",
    "render_table",
    "setup",
    "subcommands",
]

# ---------------------------------------------------------------------------
# Markdown helpers
# ---------------------------------------------------------------------------

# ASCII punctuation that CommonMark (or MyST's roles and tables) may read as markup;
# a backslash before any ASCII punctuation character is always a literal.
_SPECIAL = frozenset("\\`*_{}[]<>()#+-!|~$&")


def md_text(text: str) -> str:
    r"""Escape *text* so that Markdown shows it as is, inside a table cell too.

    >>> print(md_text("128+n <engine> | *x*"))
    128\+n \<engine\> \| \*x\*
    """
    return "".join(f"\\{char}" if char in _SPECIAL else char for char in text)


def md_code(text: str) -> str:
    """*text* as an inline code span, whatever backticks or pipes it holds.

    >>> md_code("unrecognized command `")
    '`` unrecognized command ` ``'
    """
    longest = run = 0
    for char in text:
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    fence = "`" * (longest + 1)
    # CommonMark strips one space from each end when both ends have one: pad so that
    # a leading or trailing backtick or space survives.
    if text.startswith(("`", " ")) or text.endswith(("`", " ")):
        text = f" {text} "
    escaped = text.replace("|", "\\|")  # a table cell ends at an unescaped pipe
    return f"{fence}{escaped}{fence}"


def md_prose(text: str) -> str:
    r"""Escape *text* like :func:`md_text`, but keep its backquoted spans as code.

    >>> print(md_prose("docker run maps `is a directory` to 126 (125 before)."))
    docker run maps `is a directory` to 126 \(125 before\).
    """
    parts = text.split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: no code spans
        return md_text(text)
    return "".join(
        md_code(part) if index % 2 else md_text(part) for index, part in enumerate(parts)
    )


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    lines = [
        "| " + " | ".join(header) + " |",
        "|" + "|".join(" --- " for _ in header) + "|",
    ]
    lines.extend("| " + " | ".join(cell or " " for cell in row) + " |" for row in rows)
    return "\n".join(lines) + "\n"


def _versions(versions: VersionRange) -> str:
    return md_text(str(versions))


def _outcome(outcome: object) -> str:
    name = getattr(outcome, "name", None)
    return md_code(name) if isinstance(name, str) else "read the code"


def _names(values: Iterable[str], order: Sequence[str]) -> str:
    chosen = set(values)
    return ", ".join(md_code(name) for name in order if name in chosen)


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text.endswith((".", ")", ":")) else text + "."


# ---------------------------------------------------------------------------
# One table per engine: every message, phase and outcome row of that engine
# ---------------------------------------------------------------------------

_MATCH_WORDS = {
    Match.SUBSTRING: "the error contains",
    Match.SUBSTRING_IGNORE_CASE: "the error contains, ignoring case,",
    Match.PREFIX: "the error starts with",
}
# Which phase-rule policy consults which layer of message rules.
_POLICY_LAYER = {
    ErrorPolicy.CLI_MESSAGE_RULES: Layer.CLI,
    ErrorPolicy.EXEC_START_RULES: Layer.ENGINE_EXEC,
}


def _patterns(rule: MessageRule) -> str:
    if rule.match is Match.ALWAYS or not rule.patterns:
        return f"Any other error ({md_text(rule.layer.value)} layer's fallback)."
    shown = [md_code(repr(pattern)) for pattern in rule.patterns]
    listed = shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " or " + shown[-1]
    return f"When {_MATCH_WORDS.get(rule.match, rule.match.value)} {listed}."


def _used_by(rule: MessageRule, phase_rules: Sequence[PhaseRule]) -> tuple[list[str], list[str]]:
    """The commands and phases whose phase rows consult *rule*'s layer."""
    commands: set[str] = set()
    phases: set[str] = set()
    for row in phase_rules:
        if row.engine is rule.engine and _POLICY_LAYER.get(row.policy) is rule.layer:
            commands |= row.commands
            phases |= row.phases
    return sorted(commands), sorted(phases)


def _message_row(rule: MessageRule, phase_rules: Sequence[PhaseRule]) -> list[str]:
    commands, phases = _used_by(rule, phase_rules)
    if commands:
        used = _names(commands, exitcodes.rules.COMMANDS)
        where = _names(phases, exitcodes.rules.PHASES)
    else:
        used = md_code("classify()")
        where = f"{md_text(rule.layer.value)} layer"
    return [
        f"{md_prose(_sentence(rule.summary))} {_patterns(rule)}",
        used,
        where,
        md_code(str(rule.exit_code)),
        _outcome(rule.outcome),
        md_code(rule.id),
        _versions(rule.versions),
        md_text(rule.source),
    ]


def _phase_row(rule: PhaseRule) -> list[str]:
    situation = md_prose(_sentence(rule.summary))
    if rule.patterns:
        shown = " or ".join(md_code(repr(pattern)) for pattern in rule.patterns)
        situation += f" When the error contains {shown}."
    commands = _names(rule.commands, exitcodes.rules.COMMANDS)
    if len(rule.commands) == len(exitcodes.rules.COMMANDS):
        commands = "every command"
    if rule.detach is not None:
        commands += " (detached)" if rule.detach else " (attached)"
    phases = _names(rule.phases, exitcodes.rules.PHASES)
    if len(rule.phases) == len(exitcodes.rules.PHASES):
        phases = "any"
    if rule.policy is ErrorPolicy.EXIT_CODE and rule.exit_code is not None:
        code = md_code(str(rule.exit_code))
    else:
        code = md_text(rule.policy.value)
    return [
        situation,
        commands,
        phases,
        code,
        _outcome(rule.outcome),
        md_code(rule.id),
        _versions(rule.versions),
        md_text(rule.source),
    ]


def _outcome_row(rule: OutcomeRule) -> list[str]:
    code = "the status" if rule.exit_code is None else md_code(str(rule.exit_code))
    return [
        md_prose(_sentence(rule.summary)),
        "",
        "no error",
        code,
        _outcome(rule.outcome),
        md_code(rule.id),
        _versions(rule.versions),
        md_text(rule.source),
    ]


ENGINE_HEADER = (
    "Situation",
    "Commands",
    "Phase",
    "Code",
    "Outcome",
    "Rule",
    "Versions",
    "Source",
)


def render_engine_table(
    engine: Engine | str,
    *,
    message_rules: Sequence[MessageRule] | None = None,
    phase_rules: Sequence[PhaseRule] | None = None,
    outcome_rules: Sequence[OutcomeRule] | None = None,
) -> str:
    """Every rule of *engine*, one row each: message rules, phase rules, status rules.

    The tables default to :data:`exitcodes.rules.MESSAGE_RULES`,
    :data:`~exitcodes.rules.PHASE_RULES` and :data:`~exitcodes.rules.OUTCOME_RULES`,
    read when called.

    >>> "`docker-cli/not-found`" in render_engine_table("docker")
    True
    """
    engine = Engine(engine)
    messages = exitcodes.rules.MESSAGE_RULES if message_rules is None else message_rules
    phases = exitcodes.rules.PHASE_RULES if phase_rules is None else phase_rules
    outcomes = exitcodes.rules.OUTCOME_RULES if outcome_rules is None else outcome_rules
    rows = [
        *(_message_row(rule, phases) for rule in messages if rule.engine is engine),
        *(_phase_row(rule) for rule in phases if rule.engine is engine),
        *(_outcome_row(rule) for rule in outcomes if rule.engine is engine),
    ]
    return _table(ENGINE_HEADER, rows)


# ---------------------------------------------------------------------------
# Kubernetes reasons and the version-dependent behaviours
# ---------------------------------------------------------------------------


def render_kubernetes_table(reasons: Sequence[ReasonRule] | None = None) -> str:
    """Every Kubernetes reason of :data:`exitcodes.kubernetes.REASONS`.

    >>> "`StartError`" in render_kubernetes_table()
    True
    """
    table = exitcodes.kubernetes.REASONS if reasons is None else reasons
    rows = [
        [
            md_code(rule.reason) if rule.reason else f"any other ({md_text(rule.state)})",
            md_text(rule.state),
            md_prose(_sentence(rule.summary)),
            _outcome(rule.outcome),
            "yes" if rule.from_message else "no",
            md_code(rule.id),
            md_text(rule.source),
        ]
        for rule in table
    ]
    header = ("Reason", "State", "Situation", "Outcome", "Reads message", "Rule", "Source")
    return _table(header, rows)


def render_behaviours_table(behaviours: Sequence[Behaviour] | None = None) -> str:
    """Every version-dependent behaviour of :data:`exitcodes.rules.BEHAVIOURS`.

    >>> "docker-cli/run-pings-first" in render_behaviours_table()
    True
    """
    table = exitcodes.rules.BEHAVIOURS if behaviours is None else behaviours
    rows = [
        [
            md_code(row.id),
            md_text(row.engine.value),
            _versions(row.versions),
            md_prose(_sentence(row.summary)),
            md_text(row.source),
        ]
        for row in table
    ]
    return _table(("Behaviour", "Engine", "Versions", "Change", "Source"), rows)


# ---------------------------------------------------------------------------
# Situations resolved under several profiles: engines vs Docker, Docker versions
# ---------------------------------------------------------------------------

_NOT_FOUND = (
    "failed to create task for container: failed to create shim task: OCI runtime create"
    ' failed: runc create failed: unable to start container process: exec: "foo":'
    " executable file not found in $PATH: unknown"
)
_PERMISSION_DENIED = (
    "failed to create task for container: failed to create shim task: OCI runtime create"
    ' failed: runc create failed: unable to start container process: exec: "/etc/passwd":'
    " permission denied: unknown"
)
_IS_A_DIRECTORY = (
    "failed to create task for container: failed to create shim task: OCI runtime create"
    ' failed: runc create failed: unable to start container process: exec: "/etc":'
    " is a directory: unknown"
)
_PORT_IN_USE = (
    "driver failed programming external connectivity on endpoint web (3f1c): Bind for"
    " 0.0.0.0:80 failed: port is already allocated"
)
_NAME_IN_USE = (
    'Conflict. The container name "/web" is already in use by container "3f1c". You have'
    " to remove (or rename) that container to be able to reuse that name."
)
_EXEC_NOT_FOUND = (
    'OCI runtime exec failed: exec failed: unable to start container process: exec: "foo":'
    " executable file not found in $PATH: unknown"
)
_EXEC_DENIED = (
    "OCI runtime exec failed: exec failed: unable to start container process: exec:"
    ' "/etc/passwd": permission denied: unknown'
)
_UNREACHABLE = (
    "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker"
    " daemon running?"
)


@attrs.frozen
class Situation:
    """A call of :func:`exitcodes.resolve`, without its profile, and a label for it."""

    label: str
    command: str
    arguments: Mapping[str, Any] = attrs.field(factory=dict)


_EXITED_3 = {"Status": "exited", "Running": False, "ExitCode": 3}  # docker attach < 18.03 reads it

ENGINE_SITUATIONS: tuple[Situation, ...] = (
    Situation("run: the command is not found", "run", {"error": _NOT_FOUND}),
    Situation("run: permission denied", "run", {"error": _PERMISSION_DENIED}),
    Situation("run: any other start error", "run", {"error": _PORT_IN_USE}),
    Situation("run: create error", "run", {"error": _NAME_IN_USE, "phase": "create"}),
    Situation("create: create error", "create", {"error": _NAME_IN_USE, "phase": "create"}),
    Situation("run: daemon unreachable", "run", {"error": _UNREACHABLE, "phase": "connect"}),
    Situation(
        "run: the wait request fails",
        "run",
        {"error": "No such container: 3f1c", "phase": "wait"},
    ),
    Situation(
        "run: the wait response has an Error",
        "run",
        {"wait": {"StatusCode": 0, "Error": {"Message": "container not found"}}},
    ),
    Situation("run: the container exits 3", "run", {"wait": {"StatusCode": 3, "Error": None}}),
    Situation("run -d: started", "run", {"detach": True}),
    Situation("start -a: the command is not found", "start -a", {"error": _NOT_FOUND}),
    Situation(
        "attach: the container exits 3",
        "attach",
        {"wait": {"StatusCode": 3, "Error": None}, "state": _EXITED_3},
    ),
    Situation("exec: the process exits 3", "exec", {"exec_inspect": {"ExitCode": 3}}),
    Situation("exec: not found", "exec", {"error": _EXEC_NOT_FOUND, "phase": "start"}),
    Situation("exec: permission denied", "exec", {"error": _EXEC_DENIED, "phase": "start"}),
    Situation("run: flag error", "run", {"error": "unknown flag: --nope", "phase": "flags"}),
    Situation(
        "unknown command", "other", {"error": "unknown command: docker nope", "phase": "args"}
    ),
    Situation("wait: a wait request fails", "wait", {"wait": ["No such container: 3f1c"]}),
)
"""The situations of the engines-vs-Docker table."""

DOCKER_VERSION_SITUATIONS: tuple[Situation, ...] = (
    Situation("run: is a directory", "run", {"error": _IS_A_DIRECTORY}),
    Situation("run: daemon unreachable", "run", {"error": _UNREACHABLE, "phase": "connect"}),
    Situation(
        "run -a stdin: the container exits 3",
        "run",
        {"attached_streams": ("stdin",), "wait": {"StatusCode": 3, "Error": None}},
    ),
    Situation(
        "run: the wait is cancelled",
        "run",
        {"error": "context canceled", "phase": "wait"},
    ),
    Situation(
        "run: the wait response has an Error",
        "run",
        {"wait": {"StatusCode": 0, "Error": {"Message": "container not found"}}},
    ),
    Situation(
        "attach: the wait response has an Error (exited 0)",
        "attach",
        {
            "wait": {"StatusCode": 0, "Error": {"Message": "container not found"}},
            "state": {"Status": "exited", "Running": False, "ExitCode": 0},
        },
    ),
    Situation(
        "exec: the exec inspect's connection breaks",
        "exec",
        {
            "error": 'error during connect: Get "http://%2Fvar%2Frun%2Fdocker.sock/v1.47/exec/'
            '3f1c/json": EOF',
            "phase": "wait",
        },
    ),
    *(
        situation
        for situation in ENGINE_SITUATIONS
        if situation.label not in {"run: daemon unreachable", "run: the wait response has an Error"}
    ),
)
"""The situations tried at every Docker version boundary; only rows that change are shown."""


def _resolved(situation: Situation, profile: Profile) -> tuple[int, str]:
    result = resolve(situation.command, profile=profile, **situation.arguments)
    return result.exit_code, result.rule


def render_engines_table(
    situations: Sequence[Situation] = ENGINE_SITUATIONS,
    engines: Sequence[Profile] | None = None,
) -> str:
    """Each situation resolved under each engine's newest profile, Docker first.

    A code that differs from Docker's is bold; every cell names the deciding rule.

    >>> for cell in render_engines_table(ENGINE_SITUATIONS[:1]).splitlines()[2].split(" | "):
    ...     print(cell)
    | run: the command is not found
    `127` `docker-cli/not-found`
    `127` `podman-cli/not-found`
    **`1`** `nerdctl-cli/not-found` |
    """
    chosen = (
        (profiles.docker(), profiles.podman(), profiles.nerdctl()) if engines is None else engines
    )
    rows = []
    for situation in situations:
        results = [_resolved(situation, profile) for profile in chosen]
        reference = results[0][0]
        cells = [md_text(situation.label)]
        for code, rule in results:
            shown = md_code(str(code))
            cells.append(f"{shown if code == reference else f'**{shown}**'} {md_code(rule)}")
        rows.append(cells)
    header = ["Situation", *(md_text(str(profile).removesuffix(" on linux")) for profile in chosen)]
    return _table(header, rows)


def docker_boundaries(
    message_rules: Sequence[MessageRule],
    phase_rules: Sequence[PhaseRule],
    outcome_rules: Sequence[OutcomeRule],
    behaviours: Sequence[Behaviour],
) -> list[Version]:
    """Every Docker version at which a row starts or stops applying."""
    found = {profiles.OLDEST_DOCKER_VERSION, profiles.NEWEST_DOCKER_VERSION}
    rows: list[MessageRule | PhaseRule | OutcomeRule | Behaviour] = [
        *message_rules,
        *phase_rules,
        *outcome_rules,
        *behaviours,
    ]
    for row in rows:
        if row.engine is Engine.DOCKER:
            found.update(v for v in (row.versions.since, row.versions.until) if v is not None)
    return sorted(
        v for v in found if profiles.OLDEST_DOCKER_VERSION <= v <= profiles.NEWEST_DOCKER_VERSION
    )


def render_docker_versions_table(
    situations: Sequence[Situation] = DOCKER_VERSION_SITUATIONS,
    versions: Sequence[Version | str] | None = None,
    *,
    message_rules: Sequence[MessageRule] | None = None,
    phase_rules: Sequence[PhaseRule] | None = None,
    outcome_rules: Sequence[OutcomeRule] | None = None,
    behaviours: Sequence[Behaviour] | None = None,
) -> str:
    """The situations whose code changes between Docker releases, at every boundary.

    The columns are *versions*, by default the oldest and newest modelled releases and
    every release at which a Docker row of the rule tables (the library's, or those
    given) starts or stops applying; each is resolved with ``profiles.docker(VERSION)``
    (CLI and Engine of that release). A code that differs from the previous column is
    bold. Situations that never change are left out.

    >>> print(render_docker_versions_table(DOCKER_VERSION_SITUATIONS[:1], ["20.10.24", "23.0.1"]))
    | Situation | 20.10.24 | 23.0.1 |
    | --- | --- | --- |
    | run: is a directory | `125` | **`126`** |
    <BLANKLINE>
    """
    if versions is None:
        chosen = docker_boundaries(
            exitcodes.rules.MESSAGE_RULES if message_rules is None else message_rules,
            exitcodes.rules.PHASE_RULES if phase_rules is None else phase_rules,
            exitcodes.rules.OUTCOME_RULES if outcome_rules is None else outcome_rules,
            exitcodes.rules.BEHAVIOURS if behaviours is None else behaviours,
        )
    else:
        chosen = [profiles.parse_version(v) for v in versions]
    changing = [
        (situation, row)
        for situation in situations
        if len(set(row := [_resolved(situation, profiles.docker(v))[0] for v in chosen])) > 1
    ]
    # Keep the first and last columns and every column where a shown code changes.
    keep = [
        index
        for index in range(len(chosen))
        if index in (0, len(chosen) - 1) or any(row[index] != row[index - 1] for _, row in changing)
    ]
    rows = []
    for situation, row in changing:
        cells = [md_text(situation.label)]
        for position, index in enumerate(keep):
            shown = md_code(str(row[index]))
            previous = row[keep[position - 1]] if position else row[index]
            cells.append(shown if row[index] == previous else f"**{shown}**")
        rows.append(cells)
    return _table(["Situation", *(str(chosen[index]) for index in keep)], rows)


# ---------------------------------------------------------------------------
# The command-line reference, from the argparse parser
# ---------------------------------------------------------------------------


@contextmanager
def _columns(width: int) -> Iterator[None]:
    """Pin ``$COLUMNS``, to which argparse wraps help, so that the page does not vary."""
    saved = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(width)
    try:
        yield
    finally:
        if saved is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = saved


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """The subcommand parsers of *parser*, by name, in the order they were added."""
    found: dict[str, argparse.ArgumentParser] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            found.update(action.choices)
    return found


def _help_of(parser: argparse.ArgumentParser, name: str) -> str:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                if choice.dest == name and choice.help:
                    return str(choice.help)
    return ""


def _fence(text: str) -> str:
    longest = max((len(line) - len(line.lstrip("`")) for line in text.splitlines()), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text.rstrip()}\n{fence}\n"


def render_cli_reference(
    parser: argparse.ArgumentParser | None = None, *, heading: str = "##", width: int = 88
) -> str:
    """The ``--help`` of the command and of each subcommand, one section each.

    Everything is under a heading, the command's own help first: text before the first
    heading of a directive's output would not keep its place among the sections.

    *parser* defaults to :func:`exitcodes.cli.build_parser`'s, built when called.

    >>> import argparse
    >>> demo = argparse.ArgumentParser(prog="demo", description="A demo.")
    >>> _ = demo.add_subparsers().add_parser("go", help="go somewhere")
    >>> print(render_cli_reference(demo))  # doctest: +ELLIPSIS
    ## `demo`
    <BLANKLINE>
    ```text
    usage: demo [-h] {go} ...
    ...
    ## `demo go`
    <BLANKLINE>
    Go somewhere.
    <BLANKLINE>
    ```text
    usage: demo go [-h]
    ...
    """
    if parser is None:
        from exitcodes.cli import build_parser  # noqa: PLC0415 - the CLI may be mid-rewrite

        parser = build_parser()
    with _columns(width):
        parts = [f"{heading} {md_code(parser.prog)}\n", _fence(parser.format_help())]
        for name, sub in subcommands(parser).items():
            parts.append(f"{heading} {md_code(sub.prog)}\n")
            summary = _help_of(parser, name)
            if summary:
                parts.append(md_prose(_sentence(summary[0].upper() + summary[1:])) + "\n")
            parts.append(_fence(sub.format_help()))
    return "\n".join(parts)


# ---------------------------------------------------------------------------
# The directive's table names
# ---------------------------------------------------------------------------

# ---------------------------------------------------------------------------
# The docker CLI's answer to a signal sent to its own process (issue 17)
# ---------------------------------------------------------------------------


def _signal_answer(row: CliSignalRule) -> str:
    if row.policy is SignalPolicy.EXIT_CODE:
        return f"exits {row.exit_code}"
    if row.policy is SignalPolicy.SIGNAL_STATUS:
        return "exits 128+n"
    if row.policy is SignalPolicy.KILLED:
        return "dies of the signal (a shell reports 128+n)"
    return "the container's status"


def _signal_names(numbers: Iterable[int]) -> str:
    from exitcodes.conversions import signal_name  # noqa: PLC0415

    return ", ".join(md_code(str(signal_name(number))) for number in sorted(numbers))


def render_cli_signals_table(rows: Sequence[CliSignalRule] | None = None) -> str:
    """Every row of :data:`exitcodes.rules.CLI_SIGNAL_RULES`, in order (the first match wins).

    >>> "docker-cli-signal/forced-exit" in render_cli_signals_table()
    True
    """
    table = exitcodes.rules.CLI_SIGNAL_RULES if rows is None else rows
    body = [
        [
            md_code(row.id),
            _names(row.commands, exitcodes.rules.COMMANDS),
            ", ".join(md_text(phase.value) for phase in SignalPhase if phase in row.phases),
            _signal_names(row.signals),
            "either" if row.sig_proxy is None else ("on" if row.sig_proxy else "off"),
            f"{row.min_count}+" if row.min_count > 1 else "any",
            md_text(_signal_answer(row)),
            _versions(row.versions),
            md_prose(_sentence(row.summary)),
            md_text(row.source),
        ]
        for row in table
    ]
    header = (
        "Rule",
        "Command",
        "Phase",
        "Signals",
        "--sig-proxy",
        "Signals in a row",
        "The CLI",
        "Versions",
        "Why",
        "Source",
    )
    return _table(header, body)


#: The situations of the version table: (title, command, phase, signal, count, sig_proxy).
CLI_SIGNAL_SITUATIONS: tuple[tuple[str, str, str, str, int, bool], ...] = (
    ("run, pulling: SIGINT", "run", "create", "SIGINT", 1, True),
    ("run, pulling: SIGTERM", "run", "create", "SIGTERM", 1, True),
    ("run: SIGTERM", "run", "wait", "SIGTERM", 1, True),
    ("run --sig-proxy=false: SIGTERM", "run", "wait", "SIGTERM", 1, False),
    ("run: 3 x SIGINT", "run", "wait", "SIGINT", 3, True),
    ("run --sig-proxy=false: SIGHUP", "run", "wait", "SIGHUP", 1, False),
    ("start -a: SIGTERM", "start -a", "wait", "SIGTERM", 1, True),
)

#: The CLI releases the version table shows: each side of every gate of the signal rows.
CLI_SIGNAL_VERSIONS = ("26.1.2", "27.0.1", "27.5.1", "28.0.0", "28.2.2", "29.7.2")


def render_cli_signal_versions_table(
    versions: Sequence[str] = CLI_SIGNAL_VERSIONS,
) -> str:
    """What each CLI release exits with, per situation, computed by ``resolve_cli_signal``.

    The container exits ``128+n`` when a forwarded signal reaches it, and 7 when none does.

    >>> "1 (`forced-exit`)" in render_cli_signal_versions_table()
    True
    """
    from exitcodes.cancellation import cli_signal_number, resolve_cli_signal  # noqa: PLC0415

    body = []
    for title, command, phase, name, count, proxy in CLI_SIGNAL_SITUATIONS:
        cells = [md_text(title)]
        for version in versions:
            status = 128 + cli_signal_number(name) if proxy else 7
            found = resolve_cli_signal(
                command,
                phase,
                name,
                cli_signal_count=count,
                sig_proxy=proxy,
                wait=status,
                profile=profiles.docker(version),
            )
            cells.append(f"{found.exit_code} ({md_code(found.rule.split('/', 1)[1])})")
        body.append(cells)
    return _table(("Situation", *(f"CLI {version}" for version in versions)), body)


TABLES: dict[str, Callable[[], str]] = {
    "docker": lambda: render_engine_table(Engine.DOCKER),
    "podman": lambda: render_engine_table(Engine.PODMAN),
    "nerdctl": lambda: render_engine_table(Engine.NERDCTL),
    "kubernetes": render_kubernetes_table,
    "behaviours": render_behaviours_table,
    "docker-versions": render_docker_versions_table,
    "engines": render_engines_table,
    "cli-signals": render_cli_signals_table,
    "cli-signal-versions": render_cli_signal_versions_table,
    "compose": exitcodes.engines.compose.render_rules_table,
}
"""What ``{exitcodes-table} NAME`` renders."""


def render_table(name: str) -> str:
    """The Markdown of the table *name* (a key of :data:`TABLES`).

    Raises:
        KeyError: no table has that name.
    """
    try:
        render = TABLES[name]
    except KeyError:
        raise KeyError(f"unknown table {name!r}; expected one of {', '.join(TABLES)}") from None
    return render()


def setup(app: Sphinx) -> dict[str, object]:
    """Register the directives (a Sphinx extension entry point)."""
    from exitcodes_directives import register  # noqa: PLC0415 - Sphinx only at build time

    register(app)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
