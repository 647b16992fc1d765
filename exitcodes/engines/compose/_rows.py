"""The rows: how compose chooses its code, its own error messages, and the version profile."""

from __future__ import annotations

import attrs

from exitcodes.engines.compose._model import (
    NEWEST_COMPOSE_VERSION,
    OLDEST_COMPOSE_VERSION,
    Category,
    MessageKind,
    MessageRule,
    Rule,
)
from exitcodes.errors import (
    InvalidArgumentError,
    InvalidVersionError,
    describe,
)
from exitcodes.profiles import Version, parse_version

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
        """The rule *rule_id*.

        Raises:
            InvalidArgumentError: no such rule, or it does not apply to this version.
        """
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
