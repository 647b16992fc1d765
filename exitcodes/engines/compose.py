"""docker compose v2: the exit code of ``up``, ``run``, ``exec`` and ``wait``, and why.

Several containers end, flags decide whose code wins, an interrupt and compose's own errors
add their codes, and the answers changed across compose releases. :func:`resolve_compose`
takes what a tool that wraps compose can see -- the compose command line, each service's
container exits (from ``docker inspect``, ``docker compose ps --format json`` or
``docker events``), the signal compose got, compose's stderr -- and gives the compose
process's exit code, the service that decided it and the rule that applied.

The rules are data: :data:`RULES` (how the code is chosen) and :data:`MESSAGES` (compose's
own error messages), each row citing the docker/compose source at a tag or pull request, and
the scenarios of ``tests/compose_live`` that showed it on the real compose 2.26.1 and 2.40.3
binaries.

>>> from exitcodes.engines import compose
>>> exits = (  # app exited 3 by itself; compose then stopped db (killed: 137)
...     compose.ContainerExit("app", 3, finished=2, stopped=False),
...     compose.ContainerExit("db", 137, finished=5, stopped=True, stopped_at=4),
... )
>>> result = compose.resolve_compose(
...     compose.ComposeEvidence(("up", "--exit-code-from", "db"), exits),
...     compose.profile("2.40.3"),
... )
>>> (result.exit_code, result.service, result.rule.id)
(137, 'db', 'up-exit-code-from')
>>> compose.resolve_compose(
...     compose.ComposeEvidence(("up", "--exit-code-from", "db"), exits),
...     compose.profile("2.26.1"),
... ).exit_code
0
"""

from __future__ import annotations

import enum
import json
import re
import signal as _signal
from collections.abc import Iterable, Mapping, Sequence

import attrs

from exitcodes.errors import (
    InvalidArgumentError,
    InvalidVersionError,
    MalformedEvidenceError,
    UnsupportedEvidenceError,
    describe,
)
from exitcodes.profiles import Version, parse_version

__all__ = [
    "MESSAGES",
    "NEWEST_COMPOSE_VERSION",
    "OLDEST_COMPOSE_VERSION",
    "RULES",
    "VERIFIED_VERSIONS",
    "Category",
    "Command",
    "ComposeEvidence",
    "ComposeProfile",
    "ComposeResult",
    "ContainerExit",
    "Invocation",
    "MessageKind",
    "MessageRule",
    "Rule",
    "classify_message",
    "exits_from_events",
    "exits_from_inspect",
    "exits_from_ps",
    "parse_invocation",
    "profile",
    "render_rules_table",
    "resolve_compose",
    "rule_by_id",
]

OLDEST_COMPOSE_VERSION = Version(2, 0, 0)
"""The oldest compose modelled: v2, the Go rewrite (v1 was a different program)."""

NEWEST_COMPOSE_VERSION = Version(2, 40, 3)
"""The newest compose release whose behaviour was checked on its binary."""

VERIFIED_VERSIONS = (Version(2, 26, 1), Version(2, 40, 3))
"""The compose binaries every row was checked against (Debian trixie's and sid's packages)."""

_LEGACY_CODES_UNTIL = Version(2, 33, 0)
_MAX_TEXT = 1_000_000


class Command(enum.Enum):
    """The compose sub-commands whose exit codes are modelled."""

    UP = "up"
    RUN = "run"
    EXEC = "exec"
    WAIT = "wait"
    OTHER = "other"
    """Any other sub-command: only compose's own errors and interrupts are modelled."""


class Category(enum.Enum):
    """The exit-code family of a compose error message.

    Until 2.33.0 compose mapped some errors to codes of its legacy metrics (``14`` file not
    found, ``15`` compose file invalid, ``16`` command syntax, ``17`` build, ``18`` pull;
    removed by docker/compose commit 23351ece8, "remove exit code per error type used by
    legacy metrics system"); since then they all exit 1.
    """

    GENERIC = 1
    FILE_NOT_FOUND = 14
    PARSE = 15
    SYNTAX = 16
    BUILD = 17
    PULL = 18
    CANCELED = 130

    def exit_code(self, version: Version) -> int:
        """The exit code of an error of this category from compose *version*."""
        if self in (Category.GENERIC, Category.CANCELED) or version >= _LEGACY_CODES_UNTIL:
            return 1 if self is not Category.CANCELED else 130
        return int(self.value)


class MessageKind(enum.Enum):
    """What a compose error message says went wrong."""

    DEPENDENCY_FAILED = "dependency failed"
    SERVICE_NOT_FOUND = "service not found"
    SERVICE_NOT_RUNNING = "service not running"
    UNHEALTHY = "unhealthy"
    CONTAINER_EXITED = "container exited while waited for"
    WAIT_TIMEOUT = "wait timeout"
    START_FAILED = "container failed to start"
    USAGE = "usage"
    FILE_NOT_FOUND = "compose file not found"
    INVALID_FILE = "compose file invalid"
    PULL_FAILED = "pull failed"
    DAEMON_ERROR = "daemon error"
    DAEMON_UNREACHABLE = "daemon unreachable"
    CANCELED = "canceled"


def _pattern(value: str | re.Pattern[str]) -> re.Pattern[str]:
    return re.compile(value)


def _version_or_none(text: str | None) -> Version | None:
    return None if text is None else parse_version(text)


@attrs.frozen
class MessageRule:
    """One of compose's own error messages: its pattern, what it means, where it comes from."""

    id: str
    kind: MessageKind
    pattern: re.Pattern[str] = attrs.field(converter=_pattern)
    category: Category
    summary: str
    source: str
    """The docker/compose file and tag (or pull request) that prints it."""
    since: Version | None = attrs.field(default=None, converter=_version_or_none)
    verified: tuple[str, ...] = ()
    """Scenarios of ``tests/compose_live`` whose real runs printed it."""

    def exit_code(self, version: Version) -> int:
        """The code compose *version* exits with after printing this message."""
        return self.category.exit_code(version)


@attrs.frozen
class Rule:
    """How compose chooses its exit code in one situation, with its version range."""

    id: str
    command: str
    situation: str
    outcome: str
    source: str
    since: Version | None = attrs.field(default=None, converter=_version_or_none)
    until: Version | None = attrs.field(default=None, converter=_version_or_none)
    """The first version where the rule no longer holds (exclusive)."""
    verified: tuple[str, ...] = ()

    def applies_to(self, version: Version) -> bool:
        """True when compose *version* follows this rule."""
        return (self.since is None or version >= self.since) and (
            self.until is None or version < self.until
        )


_DC = "docker/compose"

RULES: tuple[Rule, ...] = (
    Rule(
        "up-attached",
        "up",
        "attached, without --abort-on-container-exit, --abort-on-container-failure or"
        " --exit-code-from",
        "0 whatever the containers exited with",
        f"{_DC} pkg/compose/up.go@v2.40.3 (exitCode is set only by the abort and exit-code-from"
        " listeners); pkg/compose/printer.go@v2.26.1",
        verified=("up-one-3", "up-two-3-0", "up-one-127", "up-one-137"),
    ),
    Rule(
        "up-detached",
        "up",
        "-d/--detach",
        "0 once every container started",
        f"{_DC} pkg/compose/up.go@v2.40.3",
        verified=("up-detached-3",),
    ),
    Rule(
        "up-wait",
        "up",
        "--wait: every container running (healthy where it has a healthcheck); a one-shot"
        " dependency with service_completed_successfully may have exited 0",
        "0; a container that exits (even with 0) or turns unhealthy, or --wait-timeout, exits 1",
        f"{_DC} pkg/compose/convergence.go@v2.40.3 (isServiceHealthy: 'container %s exited"
        " (%d)'), #9572 (2.7.0)",
        verified=("wait-running", "wait-healthy", "wait-oneshot-dep-ok", "wait-exits-0"),
    ),
    Rule(
        "up-abort-on-exit",
        "up",
        "--abort-on-container-exit: the first container to exit stops the others",
        "the first exited container's code",
        f"{_DC} pkg/compose/printer.go@v2.26.1, pkg/compose/up.go@v2.40.3",
        verified=("abort-first-3", "abort-first-0-then-3", "abort-three-127-first"),
    ),
    Rule(
        "up-abort-on-failure",
        "up",
        "--abort-on-container-failure: the first container to exit non-zero stops the others",
        "that container's code; 0 when every container exited 0",
        f"{_DC} #11680 (2.27.0), pkg/compose/up.go@v2.40.3",
        since="2.27.0",
        verified=("failure-0-then-3", "failure-all-0", "failure-137"),
    ),
    Rule(
        "up-abort-on-failure-unknown",
        "up",
        "--abort-on-container-failure before it existed",
        "a command-syntax error: 'unknown flag' (16 before 2.33.0)",
        f"{_DC} #11680 (2.27.0); cmd/main.go@v2.26.1 (SetFlagErrorFunc: CommandSyntaxFailure)",
        until="2.27.0",
        verified=("failure-0-then-3", "failure-all-0"),
    ),
    Rule(
        "up-exit-code-from-stopped",
        "up",
        "--exit-code-from SVC (implies --abort-on-container-exit) where compose stopped SVC"
        " (the daemon's stop event came before its die)",
        "0: the Stopped event carries no code -- unless SVC's die reaches compose while another"
        " container is still tracked, then SVC's code (137): a race, seen both ways on 2.26.1",
        f"{_DC} pkg/compose/printer.go@v2.26.1, pkg/compose/start.go@v2.26.1"
        " (watchContainers); fixed by #11715 (2.27.0)",
        until="2.27.0",
        verified=("ecf-other-stopped", "ecf-other-first-0", "ecf-three-b"),
    ),
    Rule(
        "up-exit-code-from",
        "up",
        "--exit-code-from SVC (implies --abort-on-container-exit)",
        "SVC's code, also when compose stopped it (137 after the grace period, 143 on SIGTERM)",
        f"{_DC} #11715 (2.27.0), pkg/compose/up.go@v2.40.3",
        since="2.27.0",
        verified=("ecf-other-stopped", "ecf-three-b", "ecf-self-3", "dep-completed-ok-ecf"),
    ),
    Rule(
        "up-exit-code-from-exited",
        "up",
        "--exit-code-from SVC where SVC's container exited by itself (first, or before compose"
        " stopped it)",
        "SVC's code",
        f"{_DC} pkg/compose/printer.go@v2.26.1",
        until="2.27.0",
        verified=("ecf-self-3", "ecf-self-127", "ecf-self-0-other-3-later", "dep-completed-ok-ecf"),
    ),
    Rule(
        "interrupted",
        "up, wait, exec, other",
        "compose got SIGINT (Ctrl-C) or SIGTERM",
        "130, whatever the flags (--exit-code-from too)",
        f"{_DC} cmd/compose/compose.go@v2.40.3 (AdaptCmd: StatusCode 130)",
        verified=("sigint-up", "sigint-up-abort", "sigint-up-ecf", "sigint-wait"),
    ),
    Rule(
        "run",
        "run",
        "compose run SVC [COMMAND]",
        "the one-off container's code; a signal compose gets is passed on to the container",
        f"{_DC} cmd/compose/run.go@v2.40.3, pkg/compose/run.go@v2.40.3",
        verified=("run-3", "run-137", "run-rm-3", "run-127", "sigint-run-forwarded"),
    ),
    Rule(
        "run-detached",
        "run",
        "compose run -d",
        "0 once the container started",
        f"{_DC} pkg/compose/run.go@v2.40.3",
        verified=("run-detached",),
    ),
    Rule(
        "exec",
        "exec",
        "compose exec SVC COMMAND",
        "the exec process's code (a missing command: 126 or 127, as the daemon says)",
        f"{_DC} pkg/compose/exec.go@v2.40.3",
        verified=("exec-3", "exec-0", "exec-not-found"),
    ),
    Rule(
        "wait",
        "wait",
        "compose wait SVC... (2.20.0)",
        "the code of the last container to exit. The 42 of 'return 42, err' is never the exit"
        " code: the command's os.Exit runs in cobra's PostRun, which an error skips (1, or 130"
        " when interrupted)",
        f"{_DC} pkg/compose/wait.go@v2.40.3, cmd/compose/wait.go@v2.40.3, #10700 (2.20.0)",
        since="2.20.0",
        verified=("wait-one-3", "wait-two", "wait-down-project"),
    ),
    Rule(
        "wait-unknown",
        "wait",
        "compose wait before 2.20.0",
        "a command-syntax error: unknown command",
        f"{_DC} #10700 (2.20.0)",
        until="2.20.0",
    ),
    Rule(
        "error",
        "any",
        "compose printed one of its own errors (MESSAGES)",
        "1; before 2.33.0 a file not found 14, an invalid file 15, a syntax error 16, a build"
        " 17, a pull 18",
        f"{_DC} pkg/compose/errors.go@v2.26.1, removed by 23351ece8 (2.33.0)",
        verified=("unknown-flag", "file-not-found", "parse-error", "pull-refused"),
    ),
)
"""How compose chooses its exit code, one row per situation and version range."""

MESSAGES: tuple[MessageRule, ...] = (
    MessageRule(
        "canceled",
        MessageKind.CANCELED,
        r"^canceled$",
        Category.CANCELED,
        "the command was interrupted (compose < 2.33 prints the status)",
        f"{_DC} cmd/compose/compose.go@v2.26.1 (compose.CanceledStatus)",
        verified=("sigint-up",),
    ),
    MessageRule(
        "dependency-not-completed",
        MessageKind.DEPENDENCY_FAILED,
        r"service \"(?P<service>[^\"]+)\" didn't complete successfully: exit (?P<code>\d+)",
        Category.GENERIC,
        "a service_completed_successfully dependency exited non-zero",
        f"{_DC} pkg/compose/convergence.go@v2.16.0",
        since="2.16.0",
        verified=("dep-completed-fails", "run-dep-fails"),
    ),
    MessageRule(
        "dependency-failed",
        MessageKind.DEPENDENCY_FAILED,
        r"dependency failed to start: container (?P<service>\S+) (?:is unhealthy|exited"
        r" \((?P<code>\d+)\))",
        Category.GENERIC,
        "a service_healthy dependency turned unhealthy or exited",
        f"{_DC} #10034 pkg/compose/convergence.go@v2.14.2",
        since="2.14.2",
        verified=("dep-healthy-fails", "dep-healthy-exits"),
    ),
    MessageRule(
        "dependency-timeout",
        MessageKind.WAIT_TIMEOUT,
        r"timeout waiting for dependencies",
        Category.GENERIC,
        "dependencies were not ready within --wait-timeout",
        f"{_DC} pkg/compose/convergence.go@v2.30.0",
        since="2.30.0",
    ),
    MessageRule(
        "wait-timeout",
        MessageKind.WAIT_TIMEOUT,
        r"application not healthy after \S+",
        Category.GENERIC,
        "up --wait --wait-timeout ran out",
        f"{_DC} pkg/compose/start.go@v2.26.1",
        verified=("wait-timeout",),
    ),
    MessageRule(
        "wait-unhealthy",
        MessageKind.UNHEALTHY,
        r"^container (?P<service>\S+) is unhealthy",
        Category.GENERIC,
        "up --wait: a container's healthcheck failed",
        f"{_DC} pkg/compose/convergence.go@v2.26.1 (isServiceHealthy)",
        verified=("wait-unhealthy",),
    ),
    MessageRule(
        "wait-exited",
        MessageKind.CONTAINER_EXITED,
        r"^container (?P<service>\S+) exited \((?P<code>\d+)\)",
        Category.GENERIC,
        "up --wait: a container exited (with 0 too) instead of running",
        f"{_DC} pkg/compose/convergence.go@v2.26.1 (isServiceHealthy)",
        verified=("wait-exits-3", "wait-exits-0"),
    ),
    MessageRule(
        "no-such-service",
        MessageKind.SERVICE_NOT_FOUND,
        r"no such service: (?P<service>\S+)",
        Category.GENERIC,
        "a service named on the command line is not in the compose file",
        f"{_DC} pkg/compose/compose.go@v2.26.1",
        verified=("run-no-such-service", "up-no-such-service", "ecf-no-such-service"),
    ),
    MessageRule(
        "service-not-running",
        MessageKind.SERVICE_NOT_RUNNING,
        r"service \"(?P<service>[^\"]+)\" is not running",
        Category.GENERIC,
        "exec: the service has no running container (or is not in the file)",
        f"{_DC} pkg/compose/containers.go@v2.26.1",
        verified=("exec-not-running", "exec-no-such-service"),
    ),
    MessageRule(
        "no-containers",
        MessageKind.SERVICE_NOT_FOUND,
        r"no containers for project \"[^\"]*\"",
        Category.GENERIC,
        "wait: no container of the named services exists",
        f"{_DC} pkg/compose/wait.go@v2.20.0",
        since="2.20.0",
        verified=("wait-no-such-service",),
    ),
    MessageRule(
        "unknown-flag",
        MessageKind.USAGE,
        r"^unknown (?:shorthand )?flag: ",
        Category.SYNTAX,
        "a flag this compose does not know",
        f"{_DC} cmd/main.go@v2.26.1 (SetFlagErrorFunc: CommandSyntaxFailure)",
        verified=("unknown-flag", "failure-all-0"),
    ),
    MessageRule(
        "unknown-command",
        MessageKind.USAGE,
        r"^unknown docker command: \"compose ",
        Category.SYNTAX,
        "a sub-command this compose does not know",
        f"{_DC} cmd/compose/compose.go@v2.26.1 (RootCommand RunE)",
        verified=("unknown-command",),
    ),
    MessageRule(
        "incompatible-flags",
        MessageKind.USAGE,
        r"cannot be combined with",
        Category.GENERIC,
        "flags that exclude each other (-d with --abort-on-container-exit...): exits 1, not 16",
        f"{_DC} cmd/compose/up.go@v2.26.1 (upOptions.validateNavigationMenu/OnExit)",
        verified=("abort-with-detach", "ecf-detached", "failure-and-exit-both"),
    ),
    MessageRule(
        "file-not-found",
        MessageKind.FILE_NOT_FOUND,
        r"^(?:open \S+: no such file or directory|no configuration file provided: not found)",
        Category.FILE_NOT_FOUND,
        "the compose file (-f) does not exist",
        f"{_DC} pkg/compose/errors.go@v2.26.1 (FileNotFoundFailure)",
        verified=("file-not-found",),
    ),
    MessageRule(
        "invalid-file",
        MessageKind.INVALID_FILE,
        r"^(?:validating \S+: |yaml: )",
        Category.PARSE,
        "the compose file does not validate",
        f"{_DC} pkg/compose/errors.go@v2.26.1 (ComposeParseFailure)",
        verified=("parse-error",),
    ),
    MessageRule(
        "pull-failed",
        MessageKind.PULL_FAILED,
        r"Error response from daemon: (?:Get \"[^\"]*/v2/|pull access denied|manifest unknown"
        r"|manifest for \S+ not found)",
        Category.PULL,
        "the image could not be pulled (registry refused or unreachable)",
        f"{_DC} pkg/compose/pull.go@v2.26.1 (PullFailure)",
        verified=("pull-refused",),
    ),
    MessageRule(
        "start-failed",
        MessageKind.START_FAILED,
        r"Error response from daemon: .*(?:failed to create (?:shim )?task|OCI runtime"
        r" (?:create|exec) failed)",
        Category.GENERIC,
        "a container could not start (missing command, a directory...): compose exits 1 where"
        " docker run exits 127/126",
        f"{_DC} pkg/compose/start.go@v2.40.3 (the daemon's error is returned)",
        verified=("up-missing-command", "run-not-found", "run-directory"),
    ),
    MessageRule(
        "daemon-unreachable",
        MessageKind.DAEMON_UNREACHABLE,
        r"Cannot connect to the Docker daemon at ",
        Category.GENERIC,
        "no daemon answers at DOCKER_HOST",
        f"{_DC} cmd/main.go@v2.40.3 (the client's error is returned)",
    ),
    MessageRule(
        "daemon-error",
        MessageKind.DAEMON_ERROR,
        r"Error response from daemon: ",
        Category.GENERIC,
        "any other error of the Engine API",
        f"{_DC} cmd/main.go@v2.40.3",
    ),
)
"""Compose's own error messages, most specific first."""

_RULES_BY_ID = {rule.id: rule for rule in RULES}


def rule_by_id(rule_id: str) -> Rule:
    """The row of :data:`RULES` with this id.

    Raises:
        InvalidArgumentError: no such rule.
    """
    try:
        return _RULES_BY_ID[rule_id]
    except (KeyError, TypeError):
        raise InvalidArgumentError(f"no compose rule {describe(rule_id)}") from None


@attrs.frozen
class ComposeProfile:
    """Which compose release the answer is for."""

    version: Version

    def rule(self, rule_id: str) -> Rule:
        """The rule *rule_id*; raises :class:`InvalidArgumentError` when it does not apply."""
        rule = rule_by_id(rule_id)
        if not rule.applies_to(self.version):
            raise InvalidArgumentError(f"rule {rule_id} does not apply to compose {self.version}")
        return rule


def profile(version: str | Version = NEWEST_COMPOSE_VERSION) -> ComposeProfile:
    """A profile for compose *version* (``"2.40.3"``, ``"v2.26.1"``).

    Raises:
        InvalidVersionError: not a version, or older than compose v2.

    >>> profile("v2.26.1").version
    Version('2.26.1')
    """
    parsed = parse_version(version)
    if parsed < OLDEST_COMPOSE_VERSION:
        raise InvalidVersionError(
            f"compose {parsed} is compose v1 (docker-compose, Python); only v2 is modelled"
        )
    return ComposeProfile(parsed)


def _exit_code(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise MalformedEvidenceError(f"{what} must be an int, got {describe(value)}")
    if not 0 <= value <= 255:
        raise MalformedEvidenceError(f"{what} must be 0..255, got {value}")
    return value


def _optional_code(value: object) -> int | None:
    return None if value is None else _exit_code(value, "exit_code")


def _optional_int(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise MalformedEvidenceError(f"finished must be an int or None, got {describe(value)}")
    return value


def _service_name(value: object) -> str:
    if not isinstance(value, str) or not value:
        raise MalformedEvidenceError(f"service must be a non-empty str, got {describe(value)}")
    return value


@attrs.frozen
class ContainerExit:
    """One container of a compose project: its service and, once it ended, its exit code.

    ``exit_code`` is ``None`` while the container runs (or never started); ``finished``
    orders the exits (any increasing number: ``timeNano`` of the ``die`` event, or
    ``FinishedAt`` as nanoseconds), ``None`` when unknown.
    """

    service: str = attrs.field(converter=_service_name)
    exit_code: int | None = attrs.field(converter=_optional_code)
    finished: int | None = attrs.field(default=None, converter=_optional_int)
    oneoff: bool = False
    """A container of ``compose run``."""
    health: str | None = None
    stopped: bool | None = None
    """True when the container was stopped through the API (the daemon's ``stop`` event came
    before its ``die``), False when it exited by itself, None when unknown."""
    stopped_at: int | None = attrs.field(default=None, converter=_optional_int)
    """When the ``stop`` event came (same clock as ``finished``)."""


def _items(value: Iterable[object]) -> tuple[object, ...]:
    """``tuple(value)``; an iterable that raises while iterated is malformed evidence."""
    try:
        return tuple(value)
    except Exception as exc:  # a hostile or broken iterable must not escape
        raise MalformedEvidenceError(
            f"iterating {type(value).__name__} raised {type(exc).__name__}"
        ) from None


def _argv(value: object) -> tuple[str, ...]:
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise UnsupportedEvidenceError(
            f"argv must be a sequence of str such as ('up', '-d'), got {describe(value)}"
        )
    out: list[str] = []
    for item in _items(value):
        if not isinstance(item, str):
            raise UnsupportedEvidenceError(f"argv items must be str, got {describe(item)}")
        out.append(item)
    return tuple(out)


def _exits(value: object) -> tuple[ContainerExit, ...]:
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise UnsupportedEvidenceError(
            f"containers must be a sequence of ContainerExit, got {describe(value)}"
        )
    out: list[ContainerExit] = []
    for item in _items(value):
        if not isinstance(item, ContainerExit):
            raise UnsupportedEvidenceError(
                f"containers items must be ContainerExit, got {describe(item)}"
            )
        out.append(item)
    return tuple(out)


def _signal_number(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value < 128:
        raise MalformedEvidenceError(f"signal must be a signal number, got {describe(value)}")
    return value


def _text(value: object) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if not isinstance(value, str):
        raise UnsupportedEvidenceError(f"stderr must be str or bytes, got {describe(value)}")
    return value[-_MAX_TEXT:]


@attrs.frozen
class ComposeEvidence:
    """What a wrapper of compose saw.

    ``argv`` is compose's command line after ``docker compose`` (global flags such as
    ``-p NAME`` may come first); ``containers`` the project's containers;
    ``exec_exit_code`` the exec process's code (``exec_die`` event, exec inspect);
    ``signal`` the signal compose itself got (``signal.SIGINT`` for Ctrl-C); ``stderr``
    compose's standard error (its last line carries compose's own error).
    """

    argv: tuple[str, ...] = attrs.field(converter=_argv)
    containers: tuple[ContainerExit, ...] = attrs.field(default=(), converter=_exits)
    exec_exit_code: int | None = attrs.field(default=None, converter=_optional_code)
    signal: int | None = attrs.field(default=None, converter=_signal_number)
    stderr: str = attrs.field(default="", converter=_text)


@attrs.frozen
class ComposeResult:
    """The compose process's exit code, the service that decided it, and why."""

    exit_code: int
    service: str | None
    rule: Rule
    reason: str
    message: MessageRule | None = None
    """Compose's own error message that decided the code, when one did."""


# --- the command line ----------------------------------------------------------------------

_GLOBAL_VALUE = frozenset(
    {
        "-p",
        "--project-name",
        "-f",
        "--file",
        "--profile",
        "--env-file",
        "--project-directory",
        "--ansi",
        "--progress",
        "--parallel",
        "--workdir",
    }
)
_UP_VALUE = frozenset(
    {
        "--exit-code-from",
        "--wait-timeout",
        "-t",
        "--timeout",
        "--attach",
        "--no-attach",
        "--scale",
        "--pull",
        "--menu",
    }
)
_RUN_VALUE = frozenset(
    {
        "-e",
        "--env",
        "--env-from-file",
        "-l",
        "--label",
        "--name",
        "-p",
        "--publish",
        "-u",
        "--user",
        "-v",
        "--volume",
        "-w",
        "--workdir",
        "--entrypoint",
        "--cap-add",
        "--cap-drop",
        "--pull",
        "--index",
    }
)


@attrs.frozen
class Invocation:
    """A compose command line, read: the sub-command, the flags that matter, the services."""

    command: Command
    name: str
    flags: frozenset[str]
    exit_code_from: str | None
    services: tuple[str, ...]


def parse_invocation(argv: Sequence[str]) -> Invocation:
    """Read a compose command line: what follows ``docker compose`` (or ``docker-compose``).

    A leading ``docker compose`` or ``docker-compose`` is skipped.

    Raises:
        UnsupportedEvidenceError: *argv* is not a sequence of str.

    >>> parse_invocation(["-p", "x", "up", "--exit-code-from=db", "db", "app"]).services
    ('db', 'app')
    """
    args = _argv(argv)
    if args[:2] == ("docker", "compose"):
        args = args[2:]
    elif args[:1] == ("docker-compose",):
        args = args[1:]
    index = 0
    while index < len(args) and args[index].startswith("-"):
        flag = args[index].split("=", 1)[0]
        index += 2 if flag in _GLOBAL_VALUE and "=" not in args[index] else 1
    name = args[index] if index < len(args) else ""
    command = next((c for c in Command if c.value == name), Command.OTHER)
    valued = _UP_VALUE if command is Command.UP else _RUN_VALUE
    if command is Command.WAIT:
        valued = frozenset()
    flags: set[str] = set()
    exit_code_from = None
    positional: list[str] = []
    rest = args[index + 1 :]
    i = 0
    while i < len(rest):
        arg = rest[i]
        if positional and command in (Command.RUN, Command.EXEC):
            break  # the command run in the container follows the service
        if arg == "--":
            i += 1
            continue
        if arg.startswith("-") and arg != "-":
            flag, eq, value = arg.partition("=")
            if flag in valued and not eq:
                value = rest[i + 1] if i + 1 < len(rest) else ""
                i += 1
            if flag == "--exit-code-from":
                exit_code_from = value
            flags.add(_SHORT.get(flag, flag))
        else:
            positional.append(arg)
        i += 1
    return Invocation(command, name, frozenset(flags), exit_code_from, tuple(positional))


_SHORT = {"-d": "--detach", "-T": "--no-TTY", "-t": "--timeout"}


# --- evidence readers ------------------------------------------------------------------------


def _rfc3339_ns(text: object) -> int | None:
    """``2026-12-03T18:08:16.397219031Z`` as nanoseconds since the epoch (None for zero/empty)."""
    if not isinstance(text, str) or not text or text.startswith("0001-"):
        return None
    match = re.fullmatch(
        r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?(Z|[+-]\d\d:\d\d)", text
    )
    if match is None:
        raise MalformedEvidenceError(f"FinishedAt is not an RFC 3339 time: {describe(text)}")
    import calendar  # noqa: PLC0415 - only for inspect evidence

    year, month, day, hour, minute, sec = (int(match[i]) for i in range(1, 7))
    seconds = calendar.timegm((year, month, day, hour, minute, sec, 0, 0, 0))
    if match[8] != "Z":
        sign = 1 if match[8][0] == "+" else -1
        seconds -= sign * (int(match[8][1:3]) * 3600 + int(match[8][4:6]) * 60)
    return seconds * 1_000_000_000 + int((match[7] or "0").ljust(9, "0"))


def exits_from_inspect(containers: Iterable[Mapping[str, object]]) -> tuple[ContainerExit, ...]:
    """Read ``docker inspect`` results of a project's containers.

    Each item is a container's inspect object (``Config.Labels`` names the service) or the
    short form ``{"service": ..., "oneoff": ..., "state": State, "health": ...}``.

    Raises:
        MalformedEvidenceError: a field holds an impossible value.
        UnsupportedEvidenceError: not a sequence of mappings.
    """
    out = []
    for item in _mappings(containers, "inspect results"):
        if "state" in item:
            service, oneoff, state = item.get("service"), item.get("oneoff", False), item["state"]
            health = item.get("health")
        else:
            config = item.get("Config")
            labels = config.get("Labels") if isinstance(config, Mapping) else None
            labels = labels if isinstance(labels, Mapping) else {}
            service = labels.get("com.docker.compose.service")
            oneoff = labels.get("com.docker.compose.oneoff") == "True"
            state = item.get("State")
            health_obj = state.get("Health") if isinstance(state, Mapping) else None
            health = health_obj.get("Status") if isinstance(health_obj, Mapping) else None
        if not isinstance(state, Mapping):
            raise MalformedEvidenceError(f"State must be a mapping, got {describe(state)}")
        status = state.get("Status")
        ended = status in ("exited", "dead")
        out.append(
            ContainerExit(
                _service_name(service),
                _exit_code(state.get("ExitCode"), "ExitCode") if ended else None,
                _rfc3339_ns(state.get("FinishedAt")) if ended else None,
                oneoff=bool(oneoff),
                health=health if isinstance(health, str) else None,
            )
        )
    return tuple(out)


def _mappings(items: object, what: str) -> list[Mapping[str, object]]:
    if isinstance(items, (str, bytes, Mapping)) or not isinstance(items, Iterable):
        raise UnsupportedEvidenceError(
            f"{what} must be a sequence of mappings, got {describe(items)}"
        )
    out: list[Mapping[str, object]] = []
    for item in _items(items):
        if not isinstance(item, Mapping):
            raise UnsupportedEvidenceError(f"{what} items must be mappings, got {describe(item)}")
        out.append(item)
    return out


def exits_from_ps(text: str) -> tuple[ContainerExit, ...]:
    """Read ``docker compose ps -a --format json`` (one object a line, or one JSON array).

    ps gives no times: the exits are unordered (``finished`` is ``None``).

    Raises:
        MalformedEvidenceError: not JSON, or a row without Service/State.
        UnsupportedEvidenceError: *text* is not a str.
    """
    if not isinstance(text, str):
        raise UnsupportedEvidenceError(f"ps output must be a str, got {describe(text)}")
    rows: list[object] = []
    for raw in text[:_MAX_TEXT].splitlines():
        line = raw.strip()
        if not line:
            continue
        try:
            value = json.loads(line)
        except (ValueError, RecursionError):
            raise MalformedEvidenceError(f"ps line is not JSON: {describe(line)}") from None
        rows.extend(value if isinstance(value, list) else [value])
    out = []
    for row in _mappings(rows, "ps rows"):
        state = row.get("State")
        if not isinstance(state, str):
            raise MalformedEvidenceError(f"ps row without a State: {describe(row)}")
        ended = state in ("exited", "dead")
        health = row.get("Health")
        out.append(
            ContainerExit(
                _service_name(row.get("Service")),
                _exit_code(row.get("ExitCode"), "ExitCode") if ended else None,
                health=health if isinstance(health, str) and health else None,
            )
        )
    return tuple(out)


def exits_from_events(
    events: Iterable[Mapping[str, object]],
) -> tuple[tuple[ContainerExit, ...], int | None]:
    """Read ``docker events --format '{{json .}}'`` of a project (decoded objects).

    Gives the containers' exits from their ``die`` events (``timeNano`` orders them) and the
    code of the last ``exec_die`` event (``None`` without one). The short form of the vectors
    (``{"action", "timeNano", "attributes"}``) is read too.

    Raises:
        MalformedEvidenceError: a die event without a service label or exit code.
        UnsupportedEvidenceError: not a sequence of mappings.
    """
    exits: list[ContainerExit] = []
    exec_code = None
    stops: dict[object, int | None] = {}
    for event in _mappings(events, "events"):
        action = event.get("action", event.get("Action"))
        container_id = event.get("id", event.get("ID"))
        container_id = container_id if isinstance(container_id, str) else None
        when = event.get("timeNano")
        when = when if isinstance(when, int) and not isinstance(when, bool) else None
        attributes = event.get("attributes")
        if attributes is None:
            actor = event.get("Actor")
            attributes = actor.get("Attributes") if isinstance(actor, Mapping) else None
        if not isinstance(attributes, Mapping):
            attributes = {}
        if action == "stop":
            stops.setdefault(container_id, when)
        if action not in ("die", "exec_die"):
            continue
        code = attributes.get("exitCode")
        if not isinstance(code, str) or not code.isdigit():
            raise MalformedEvidenceError(f"{action} event without an exitCode: {describe(event)}")
        if action == "exec_die":
            exec_code = _exit_code(int(code), "exitCode")
            continue
        exits.append(
            ContainerExit(
                _service_name(attributes.get("com.docker.compose.service")),
                _exit_code(int(code), "exitCode"),
                when,
                oneoff=attributes.get("com.docker.compose.oneoff") == "True",
                stopped=container_id in stops,
                stopped_at=stops.get(container_id),
            )
        )
    return tuple(exits), exec_code


# --- messages --------------------------------------------------------------------------------


def classify_message(text: str, version: str | Version | None = None) -> MessageRule | None:
    """The compose error message in *text* (compose's stderr), or ``None``.

    Only the last non-empty line is read: compose prints its error last, and the lines
    before may be a container's own output (``run``, ``exec``). Rows newer than *version*
    are skipped.

    Raises:
        UnsupportedEvidenceError: *text* is not str or bytes.
        InvalidVersionError: *version* is not a version.

    >>> classify_message("dependency failed to start: container p-db-1 is unhealthy").kind
    <MessageKind.DEPENDENCY_FAILED: 'dependency failed'>
    """
    body = _text(text)
    wanted = None if version is None else parse_version(version)
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    if not lines:
        return None
    last = lines[-1][:4096]
    for rule in MESSAGES:
        if wanted is not None and rule.since is not None and wanted < rule.since:
            continue
        if rule.pattern.search(last):
            return rule
    return None


# --- the resolver ----------------------------------------------------------------------------

_INTERRUPTS = frozenset({int(_signal.SIGINT), int(_signal.SIGTERM)})


def _first(exits: Sequence[ContainerExit], what: str) -> ContainerExit:
    """The container that exited first; raises when the order is unknown and matters."""
    ordered = [c for c in exits if c.finished is not None]
    if len(ordered) == len(exits):
        earliest = min(c.finished for c in ordered if c.finished is not None)
        firsts = [c for c in ordered if c.finished == earliest]
    else:
        firsts = list(exits)
    if len({(c.service, c.exit_code) for c in firsts}) > 1:
        raise MalformedEvidenceError(
            f"cannot tell which container exited first ({what}): "
            + ", ".join(f"{c.service} {c.exit_code}" for c in firsts)
            + " have no distinct exit times"
        )
    return firsts[0]


def _last(exits: Sequence[ContainerExit], what: str) -> ContainerExit:
    ordered = [c for c in exits if c.finished is not None]
    if len(ordered) == len(exits):
        latest = max(c.finished for c in ordered if c.finished is not None)
        lasts = [c for c in ordered if c.finished == latest]
    else:
        lasts = list(exits)
    if len({c.exit_code for c in lasts}) > 1:
        raise MalformedEvidenceError(
            f"cannot tell which container exited last ({what}): "
            + ", ".join(f"{c.service} {c.exit_code}" for c in lasts)
            + " have no distinct exit times"
        )
    return lasts[0]


def _result(
    prof: ComposeProfile, rule_id: str, code: int, service: str | None, reason: str
) -> ComposeResult:
    return ComposeResult(code, service, prof.rule(rule_id), reason)


def resolve_compose(
    evidence: ComposeEvidence, compose_profile: ComposeProfile | None = None
) -> ComposeResult:
    """The exit code of the compose command in *evidence*, which service decided it, and why.

    In order: an unknown flag or sub-command of this version; an interrupt (130, except
    ``run``, which passes it on); compose's own error message (:data:`MESSAGES`); then the
    command's rule (:data:`RULES`).

    Raises:
        UnsupportedEvidenceError: *evidence* is not a :class:`ComposeEvidence`.
        MalformedEvidenceError: the evidence cannot decide (a container still running where
            compose would still wait, exits whose order matters but is unknown).
        InvalidArgumentError: *compose_profile* is not a :class:`ComposeProfile`.
    """
    if not isinstance(evidence, ComposeEvidence):
        raise UnsupportedEvidenceError(
            f"resolve_compose takes a ComposeEvidence, got {describe(evidence)}"
        )
    prof = profile() if compose_profile is None else compose_profile
    if not isinstance(prof, ComposeProfile):
        raise InvalidArgumentError(
            f"compose_profile must be a ComposeProfile, got {describe(prof)}"
        )
    version = prof.version
    inv = parse_invocation(evidence.argv)

    if (
        inv.command is Command.UP
        and "--abort-on-container-failure" in inv.flags
        and version < Version(2, 27, 0)
    ):
        return _result(
            prof,
            "up-abort-on-failure-unknown",
            Category.SYNTAX.exit_code(version),
            None,
            f"compose {version} has no --abort-on-container-failure (2.27.0): unknown flag",
        )
    if inv.command is Command.WAIT and version < Version(2, 20, 0):
        return _result(
            prof,
            "wait-unknown",
            Category.SYNTAX.exit_code(version),
            None,
            f"compose {version} has no wait command (2.20.0)",
        )

    detached = "--detach" in inv.flags
    if evidence.signal in _INTERRUPTS and inv.command is not Command.RUN and not detached:
        name = _signal.Signals(evidence.signal).name
        return _result(prof, "interrupted", 130, None, f"compose got {name}: 130")

    one_off_ran = None
    if inv.command is Command.RUN and inv.services:
        ran = [
            c
            for c in evidence.containers
            if c.oneoff and c.service == inv.services[0] and c.exit_code is not None
        ]
        one_off_ran = _last(ran, "run") if ran else None
    message = classify_message(evidence.stderr, version)
    decided_by_process = (inv.command is Command.RUN and one_off_ran is not None) or (
        inv.command is Command.EXEC and evidence.exec_exit_code is not None
    )
    if message is not None and not decided_by_process:
        found = message.pattern.search(evidence.stderr.strip().splitlines()[-1][:4096])
        service = found.groupdict().get("service") if found else None
        return ComposeResult(
            message.exit_code(version),
            service,
            prof.rule("error"),
            f"compose failed: {message.summary} ({message.kind.value})",
            message,
        )

    if inv.command is Command.RUN:
        return _resolve_run(prof, inv, one_off_ran, detached)
    if inv.command is Command.EXEC:
        if evidence.exec_exit_code is None:
            raise MalformedEvidenceError(
                "compose exec without an error message needs the exec process's exit code"
            )
        service = inv.services[0] if inv.services else None
        return _result(
            prof,
            "exec",
            evidence.exec_exit_code,
            service,
            f"the exec process in {service} exited {evidence.exec_exit_code}",
        )
    if inv.command is Command.WAIT:
        return _resolve_wait(prof, inv, evidence.containers)
    if inv.command is Command.UP:
        return _resolve_up(prof, inv, evidence.containers)
    raise InvalidArgumentError(
        f"compose {inv.name or '(no sub-command)'} is not modelled beyond its errors and"
        " interrupts; give its stderr"
    )


def _resolve_run(
    prof: ComposeProfile, inv: Invocation, ran: ContainerExit | None, detached: bool
) -> ComposeResult:
    service = inv.services[0] if inv.services else None
    if detached:
        return _result(prof, "run-detached", 0, service, "run -d: 0 once the container started")
    if ran is None:
        raise MalformedEvidenceError(
            f"compose run {service}: no one-off container exit and no compose error message"
        )
    return _result(
        prof,
        "run",
        ran.exit_code or 0,
        service,
        f"the one-off container of {service} exited {ran.exit_code}",
    )


def _resolve_wait(
    prof: ComposeProfile, inv: Invocation, containers: Sequence[ContainerExit]
) -> ComposeResult:
    mine = [c for c in containers if not inv.services or c.service in inv.services]
    if any(c.exit_code is None for c in mine):
        running = sorted({c.service for c in mine if c.exit_code is None})
        raise MalformedEvidenceError(f"compose wait is still waiting for {', '.join(running)}")
    if not mine:
        raise MalformedEvidenceError("compose wait: no container exit and no error message")
    last = _last(mine, "wait")
    return _result(
        prof,
        "wait",
        last.exit_code or 0,
        last.service,
        f"{last.service} was the last container to exit, with {last.exit_code}",
    )


def _left_at(container: ContainerExit) -> float:
    """When compose stopped tracking *container*: its stop or die event (never: infinity)."""
    times = [t for t in (container.stopped_at, container.finished) if t is not None]
    return min(times) if times else float("inf")


def _exit_code_from_before_2_27(
    prof: ComposeProfile,
    ecf: str,
    first: ContainerExit,
    own: Sequence[ContainerExit],
    services: Sequence[ContainerExit],
) -> ComposeResult:
    """``--exit-code-from`` before #11715: only an exit event of SVC sets the code.

    pkg/compose/printer.go@v2.26.1: a container stopped through the API first sends a
    Stopped event (no code); its die still sets the code when it reaches the printer before
    the last tracked container is gone.
    """
    if not own:
        raise MalformedEvidenceError(f"up --exit-code-from {ecf}: {ecf} never exited")
    mine = min(own, key=lambda c: c.finished if c.finished is not None else 0)
    if mine is first or mine.stopped is False:
        return _result(
            prof,
            "up-exit-code-from-exited",
            mine.exit_code or 0,
            ecf,
            f"{ecf} exited by itself, with {mine.exit_code}",
        )
    others = [c for c in services if c is not mine]
    if (
        mine.stopped is None
        or mine.finished is None
        or any(c.exit_code is not None and c.finished is None for c in others)
    ):
        raise MalformedEvidenceError(
            f"up --exit-code-from {ecf} before 2.27.0: whether {ecf} was stopped by compose,"
            " and when, decides the code; give the project's events"
        )
    pending = [c.service for c in others if _left_at(c) > mine.finished]
    if pending:
        return _result(
            prof,
            "up-exit-code-from-stopped",
            mine.exit_code or 0,
            ecf,
            f"compose stopped {ecf}; its exit ({mine.exit_code}) came while"
            f" {', '.join(sorted(set(pending)))} was still tracked, so it counted",
        )
    return _result(
        prof,
        "up-exit-code-from-stopped",
        0,
        ecf,
        f"{first.service} exited first ({first.exit_code}); compose stopped {ecf} last, and"
        " before 2.27.0 the stop event carries no code",
    )


def _resolve_up(
    prof: ComposeProfile, inv: Invocation, containers: Sequence[ContainerExit]
) -> ComposeResult:
    version = prof.version
    services = [c for c in containers if not c.oneoff]
    exited = [c for c in services if c.exit_code is not None]
    if "--detach" in inv.flags:
        return _result(prof, "up-detached", 0, None, "up -d: 0 once the containers started")
    if "--wait" in inv.flags:
        unready = sorted({c.service for c in services if c.health in ("starting", "unhealthy")})
        if unready:
            return _result(
                prof,
                "up-wait",
                0,
                None,
                f"up --wait exited 0 although {', '.join(unready)} had not turned healthy: the"
                " --wait-timeout struck between two polls, which returns no error"
                " (pkg/compose/convergence.go: case <-ctx.Done(): return nil)",
            )
        return _result(prof, "up-wait", 0, None, "up --wait: every container ran or was healthy")
    ecf = inv.exit_code_from
    if ecf is not None:
        first = _first(exited, "--exit-code-from") if exited else None
        if first is None:
            raise MalformedEvidenceError("up --exit-code-from: no container has exited yet")
        own = [c for c in exited if c.service == ecf]
        if version < Version(2, 27, 0):
            return _exit_code_from_before_2_27(prof, ecf, first, own, services)
        if not own:
            raise MalformedEvidenceError(f"up --exit-code-from {ecf}: {ecf} never exited")
        chosen = _first(own, ecf)
        return _result(
            prof,
            "up-exit-code-from",
            chosen.exit_code or 0,
            ecf,
            f"--exit-code-from {ecf}: {ecf} exited {chosen.exit_code}"
            + ("" if chosen is first else f" (after {first.service} exited first)"),
        )
    if "--abort-on-container-failure" in inv.flags:
        failed = [c for c in exited if c.exit_code]
        if not failed:
            if len(exited) < len(services):
                raise MalformedEvidenceError(
                    "up --abort-on-container-failure: no container failed and some still run"
                )
            return _result(
                prof, "up-abort-on-failure", 0, None, "every container exited 0: nothing to abort"
            )
        first = _first(failed, "--abort-on-container-failure")
        return _result(
            prof,
            "up-abort-on-failure",
            first.exit_code or 0,
            first.service,
            f"{first.service} was the first to fail, with {first.exit_code}",
        )
    if "--abort-on-container-exit" in inv.flags:
        if not exited:
            raise MalformedEvidenceError("up --abort-on-container-exit: no container has exited")
        first = _first(exited, "--abort-on-container-exit")
        return _result(
            prof,
            "up-abort-on-exit",
            first.exit_code or 0,
            first.service,
            f"{first.service} exited first, with {first.exit_code}",
        )
    return _result(
        prof,
        "up-attached",
        0,
        None,
        "attached up without abort flags exits 0 whatever the containers exited with",
    )


def render_rules_table(rules: Sequence[Rule] = RULES) -> str:
    """The rows of *rules* as a Markdown table (the docs' version table)."""

    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    def versions(rule: Rule) -> str:
        if rule.since and rule.until:
            return f"{rule.since} to before {rule.until}"
        if rule.since:
            return f"since {rule.since}"
        if rule.until:
            return f"before {rule.until}"
        return "all v2"

    def on_binaries(rule: Rule) -> str:
        return ", ".join(str(v) for v in VERIFIED_VERSIONS if rule.applies_to(v))

    lines = [
        "| rule | command | situation | exit code | versions | shown on | source |",
        "|---|---|---|---|---|---|---|",
    ]
    for rule in rules:
        lines.append(
            "| "
            + " | ".join(
                cell(x)
                for x in (
                    f"`{rule.id}`",
                    rule.command,
                    rule.situation,
                    rule.outcome,
                    versions(rule),
                    on_binaries(rule) if rule.verified else "(source)",
                    rule.source,
                )
            )
            + " |"
        )
    return "\n".join(lines) + "\n"
