"""Podman (containers/podman): its own usage, connection, start-error and status rules.

The rows cite where each behaviour is decided; :data:`ENGINE` says what the rows alone
do not (which rows answer a status, a detached run, a wait error).
"""

from __future__ import annotations

from exitcodes import profiles
from exitcodes.engines._schema import (
    ALL_COMMANDS,
    ALL_VERSIONS,
    FLAG_ERRORS,
    PHASES,
    Component,
    EngineSpec,
    ErrorPolicy,
    Layer,
    Match,
    MessageRule,
    OutcomeRule,
    PhaseRule,
    names,
    since,
    until,
)
from exitcodes.outcome import ExitOutcome
from exitcodes.profiles import Engine

_P = Engine.PODMAN
_PODMAN_ABI = "containers/podman pkg/domain/infra/abi/containers.go"


MESSAGE_RULES: tuple[MessageRule, ...] = (
    # --- Podman: its own usage, connection and start-error rules ---
    MessageRule(
        id="podman-usage/flag-error",
        engine=_P,
        layer=Layer.USAGE,
        patterns=FLAG_ERRORS,
        match=Match.PREFIX,
        outcome=ExitOutcome.USAGE_ERROR,
        exit_code=125,
        versions=ALL_VERSIONS,
        source="containers/podman cmd/podman/root.go: Execute (any error without a code -> 125)",
        summary="Podman rejected a flag; like every podman error without its own code it exits"
        " 125.",
    ),
    MessageRule(
        id="podman-usage/argument-error",
        engine=_P,
        layer=Layer.USAGE,
        patterns=(
            "unrecognized command `",
            "requires at least ",
            "requires exactly ",
            "accepts at most ",
            "accepts no arguments",
            "must provide a non-empty command",
        ),
        match=Match.SUBSTRING,
        outcome=ExitOutcome.USAGE_ERROR,
        exit_code=125,
        versions=ALL_VERSIONS,
        source="containers/podman cmd/podman/root.go: Execute; cmd/podman/validate/args.go",
        summary="Podman rejected the arguments or the command name: exit 125.",
    ),
    MessageRule(
        id="podman-connection/service-unreachable",
        engine=_P,
        layer=Layer.CONNECTION,
        patterns=("Cannot connect to Podman", "unable to connect to Podman"),
        match=Match.SUBSTRING,
        outcome=ExitOutcome.ENGINE_ERROR,
        exit_code=125,
        versions=ALL_VERSIONS,
        source="containers/podman pkg/bindings/connection.go (podman-remote)",
        summary="podman-remote could not reach the Podman service: exit 125.",
    ),
    MessageRule(
        id="podman-cli/not-found",
        engine=_P,
        layer=Layer.CLI,
        patterns=("not found", "executable path is empty", "no such file"),
        match=Match.SUBSTRING_IGNORE_CASE,
        outcome=ExitOutcome.NOT_FOUND,
        exit_code=127,
        versions=ALL_VERSIONS,
        source="containers/podman libpod/define/exec_codes.go: ExitCode (lower-cased substrings)",
        summary="The start error says not found or no such file, which podman reports as 127.",
    ),
    MessageRule(
        id="podman-cli/permission-denied",
        engine=_P,
        layer=Layer.CLI,
        patterns=(
            "permission denied",
            "operation not permitted",
            "is a directory",
            "is not a regular file",
            "exists but it is not executable",
        ),
        match=Match.SUBSTRING_IGNORE_CASE,
        outcome=ExitOutcome.CANNOT_INVOKE,
        exit_code=126,
        versions=ALL_VERSIONS,
        source="containers/podman libpod/define/exec_codes.go: ExitCode (everything else -> 126);"
        " libpod/oci_util.go: getOCIRuntimeError",
        summary="The start error says the command could not be executed, which podman reports as"
        " 126.",
    ),
    MessageRule(
        id="podman-cli/start-failed",
        engine=_P,
        layer=Layer.CLI,
        patterns=(),
        match=Match.ALWAYS,
        outcome=ExitOutcome.ENGINE_ERROR,
        exit_code=126,
        versions=ALL_VERSIONS,
        source="containers/podman libpod/define/exec_codes.go: ExitCode (catch-all 126)",
        summary="Podman reports every other start failure as 126 (docker would say 125): port"
        " conflicts, runtime flags, SELinux labels, a missing workdir.",
    ),
    MessageRule(
        id="podman-exec/permission-denied",
        engine=_P,
        layer=Layer.ENGINE_EXEC,
        patterns=("permission denied", "operation not permitted"),
        match=Match.SUBSTRING_IGNORE_CASE,
        outcome=ExitOutcome.CANNOT_INVOKE,
        exit_code=126,
        versions=ALL_VERSIONS,
        source="containers/podman libpod/define/exec_codes.go: TranslateExecErrorToExitCode;"
        " libpod/oci_util.go: getOCIRuntimeError (checked first)",
        summary="The exec'd command could not be executed (OCI permission denied): podman exits"
        " 126.",
    ),
    MessageRule(
        id="podman-exec/not-found",
        engine=_P,
        layer=Layer.ENGINE_EXEC,
        patterns=(
            "executable file not found in",
            "no such file or directory",
            "open executable",
            "attempted to invoke a command that was not found",
        ),
        match=Match.SUBSTRING_IGNORE_CASE,
        outcome=ExitOutcome.NOT_FOUND,
        exit_code=127,
        versions=ALL_VERSIONS,
        source="containers/podman libpod/define/exec_codes.go: TranslateExecErrorToExitCode;"
        " libpod/oci_util.go: getOCIRuntimeError",
        summary="The exec'd command was not found (OCI runtime not found): podman exits 127.",
    ),
    MessageRule(
        id="podman-exec/invalid-argument",
        engine=_P,
        layer=Layer.ENGINE_EXEC,
        patterns=("invalid argument",),
        match=Match.SUBSTRING_IGNORE_CASE,
        outcome=ExitOutcome.USAGE_ERROR,
        exit_code=125,
        versions=since("5.1.0", Component.ENGINE),
        source="containers/podman libpod/define/exec_codes.go: TranslateExecErrorToExitCode"
        " (ErrInvalidArg, containers/podman#22329)",
        summary="The exec request was invalid: podman exits 125.",
    ),
    MessageRule(
        id="podman-exec/unknown",
        engine=_P,
        layer=Layer.ENGINE_EXEC,
        patterns=(),
        match=Match.ALWAYS,
        outcome=ExitOutcome.ENGINE_ERROR,
        exit_code=-1,
        versions=ALL_VERSIONS,
        source="containers/podman libpod/container_exec.go (-1); cmd/podman/root.go: os.Exit(-1)",
        summary="Any other exec failure leaves podman's exit code at -1, which the kernel reports"
        " as 255.",
    ),
)
"""The engine's message rows, in checking order (within a layer the first match wins)."""


PHASE_RULES: tuple[PhaseRule, ...] = (
    # --- Podman ---
    PhaseRule(
        id="podman-cli/detach-keys",
        engine=_P,
        commands=names("run", "start -a", "attach"),
        phases=names("attach"),
        policy=ErrorPolicy.EXIT_CODE,
        outcome=ExitOutcome.SUCCESS,
        exit_code=0,
        versions=ALL_VERSIONS,
        source="containers/podman pkg/domain/infra/abi/containers.go: ContainerRun/ContainerAttach"
        " (define.ErrDetach is not an error)",
        summary="The user detached with the key sequence: podman exits 0, attach included.",
        patterns=("read escape sequence", "detached from container"),
    ),
    PhaseRule(
        id="podman-cli/flag-error",
        engine=_P,
        commands=ALL_COMMANDS,
        phases=names("flags"),
        policy=ErrorPolicy.EXIT_CODE,
        outcome=ExitOutcome.USAGE_ERROR,
        exit_code=125,
        versions=ALL_VERSIONS,
        source="containers/podman cmd/podman/root.go: Execute (test/e2e/run_exit_test.go: 125)",
        summary="A bad flag makes podman exit 125, like every podman error without its own code.",
    ),
    PhaseRule(
        id="podman-cli/exec-without-command",
        engine=_P,
        commands=names("exec"),
        phases=names("args"),
        policy=ErrorPolicy.EXIT_CODE,
        outcome=ExitOutcome.USAGE_ERROR,
        exit_code=-1,
        versions=until("5.1.0"),
        source="containers/podman libpod/container_exec.go (-1 before ErrInvalidArg,"
        " containers/podman#22329); observed on podman 4.3.1",
        summary="Before podman 5.1, exec without a command failed inside libpod with -1: exit 255.",
        patterns=("must provide a non-empty command",),
    ),
    PhaseRule(
        id="podman-cli/argument-error",
        engine=_P,
        commands=ALL_COMMANDS,
        phases=names("args"),
        policy=ErrorPolicy.EXIT_CODE,
        outcome=ExitOutcome.USAGE_ERROR,
        exit_code=125,
        versions=ALL_VERSIONS,
        source="containers/podman cmd/podman/root.go: Execute (observed on podman 4.3.1)",
        summary="A wrong argument count or an unknown command makes podman exit 125.",
    ),
    PhaseRule(
        id="podman-cli/run-start-error",
        engine=_P,
        commands=names("run"),
        phases=names("start"),
        policy=ErrorPolicy.CLI_MESSAGE_RULES,
        outcome=ExitOutcome.ENGINE_ERROR,
        exit_code=None,
        versions=ALL_VERSIONS,
        source="containers/podman pkg/domain/infra/abi/containers.go: ContainerRun ->"
        " define.ExitCode",
        summary="podman run maps a start error to 127 (not found) or 126 (anything else) by its"
        " text.",
    ),
    PhaseRule(
        id="podman-cli/run-detached-wait-ignored",
        engine=_P,
        commands=names("run"),
        phases=names("wait"),
        policy=ErrorPolicy.EXIT_CODE,
        outcome=ExitOutcome.SUCCESS,
        exit_code=0,
        versions=ALL_VERSIONS,
        source="containers/podman pkg/domain/infra/abi/containers.go: ContainerRun (detached)",
        summary="podman run -d exits 0 once the container started.",
        detach=True,
    ),
    PhaseRule(
        id="podman-cli/wait-failed-127",
        engine=_P,
        commands=names("run", "start -a"),
        phases=names("wait"),
        policy=ErrorPolicy.EXIT_CODE,
        outcome=ExitOutcome.STATUS_UNKNOWN,
        exit_code=127,
        versions=ALL_VERSIONS,
        source="containers/podman pkg/domain/infra/abi/containers.go: ContainerWaitForExitCode"
        " (returns 127 when Wait fails)",
        summary="Waiting for the container failed; podman's ContainerWaitForExitCode returns 127"
        " for"
        " that (sic).",
    ),
    PhaseRule(
        id="podman-cli/exec-process-start-failed",
        engine=_P,
        commands=names("exec"),
        phases=names("start"),
        policy=ErrorPolicy.EXEC_START_RULES,
        outcome=ExitOutcome.ENGINE_ERROR,
        exit_code=None,
        versions=ALL_VERSIONS,
        source="containers/podman pkg/domain/infra/abi/containers.go: ContainerExec ->"
        " TranslateExecErrorToExitCode",
        summary="The exec'd process failed to start: podman exits 126, 127, or 255 for -1.",
        detach=False,
    ),
    PhaseRule(
        id="podman-cli/exec-session-refused",
        engine=_P,
        commands=names("exec"),
        phases=names("create", "attach"),
        policy=ErrorPolicy.EXIT_CODE,
        outcome=ExitOutcome.ENGINE_ERROR,
        exit_code=-1,
        versions=ALL_VERSIONS,
        source="containers/podman libpod/container_exec.go: ExecCreate (-1); observed on podman"
        " 4.3.1",
        summary="Podman refused to create the exec session (the container is not running): libpod"
        " returns"
        " -1, so podman exits 255.",
        patterns=("can only create exec sessions", "container state improper"),
    ),
    PhaseRule(
        id="podman-cli/exec-attach-failed",
        engine=_P,
        commands=names("exec"),
        phases=names("attach"),
        policy=ErrorPolicy.EXIT_CODE,
        outcome=ExitOutcome.ENGINE_ERROR,
        exit_code=-1,
        versions=ALL_VERSIONS,
        source="containers/podman libpod/container_exec.go: execStartAndAttach (-1)",
        summary="The exec session could not be started or attached: libpod returns -1, exit 255.",
        detach=False,
    ),
    PhaseRule(
        id="podman-cli/error",
        engine=_P,
        commands=ALL_COMMANDS,
        phases=frozenset(PHASES),
        policy=ErrorPolicy.EXIT_CODE,
        outcome=ExitOutcome.ENGINE_ERROR,
        exit_code=125,
        versions=ALL_VERSIONS,
        source="containers/podman cmd/podman/root.go: Execute (error without a code -> 125)",
        summary="Podman exits 125 for its own errors (create, pull, mounts, names, missing"
        " containers, start -a start failures).",
    ),
)
"""What each command does with an error in each phase; the first matching row wins."""


OUTCOME_RULES: tuple[OutcomeRule, ...] = (
    OutcomeRule(
        id="podman-cli/attach-discards-status",
        engine=_P,
        outcome=ExitOutcome.SUCCESS,
        exit_code=0,
        versions=ALL_VERSIONS,
        source="containers/podman pkg/domain/infra/abi/containers.go: ContainerAttach (returns only"
        " an error); observed on podman 4.3.1",
        summary="podman attach exits 0 when the container exits, whatever its status.",
    ),
    # The status decisions podman and nerdctl share with docker, citing their own code.
    OutcomeRule(
        id="podman-cli/container-status",
        engine=_P,
        outcome=ExitOutcome.COMMAND_FAILED,
        exit_code=None,
        versions=ALL_VERSIONS,
        source=f"{_PODMAN_ABI}: ContainerWaitForExitCode (the conmon exit file's code)",
        summary="podman exits with the container's status, truncated by the platform.",
    ),
    OutcomeRule(
        id="podman-cli/detached",
        engine=_P,
        outcome=ExitOutcome.SUCCESS,
        exit_code=0,
        versions=ALL_VERSIONS,
        source=f"{_PODMAN_ABI}: ContainerRun (detached)",
        summary="Detached: podman exits 0 once the container started, whatever it does later.",
    ),
    OutcomeRule(
        id="podman-cli/completed",
        engine=_P,
        outcome=ExitOutcome.SUCCESS,
        exit_code=0,
        versions=ALL_VERSIONS,
        source="containers/podman cmd/podman/root.go: Execute (nil error -> 0)",
        summary="The command succeeded and does not report a container status: exit 0.",
    ),
    OutcomeRule(
        id="podman-cli/exec-exit-code",
        engine=_P,
        outcome=ExitOutcome.COMMAND_FAILED,
        exit_code=None,
        versions=ALL_VERSIONS,
        source=f"{_PODMAN_ABI}: ContainerExec",
        summary="podman exec exits with the exec session's exit code (null counts as 0).",
    ),
    OutcomeRule(
        id="podman-cli/wait-command",
        engine=_P,
        outcome=ExitOutcome.SUCCESS,
        exit_code=None,
        versions=ALL_VERSIONS,
        source="containers/podman cmd/podman/containers/wait.go (errors -> 125)",
        summary="podman wait prints every status and exits 0, or 125 if any wait failed.",
    ),
    OutcomeRule(
        id="podman-cli/exit-code",
        engine=_P,
        outcome=ExitOutcome.COMMAND_FAILED,
        exit_code=None,
        versions=ALL_VERSIONS,
        source="containers/podman libpod/define/exec_codes.go (125, 126, 127)",
        summary="A podman exit status read by its conventions (125 engine, 126, 127, 128+n).",
    ),
)
"""Decisions made from statuses and states, so every rule id in a result is documented."""


_outcomes = {row.id: row for row in OUTCOME_RULES}

ENGINE = EngineSpec(
    engine=_P,
    oldest=profiles.OLDEST_PODMAN_VERSION,
    newest=profiles.NEWEST_PODMAN_VERSION,
    profile=profiles.podman,
    message_rules=MESSAGE_RULES,
    phase_rules=PHASE_RULES,
    outcome_rules=OUTCOME_RULES,
    container_status=_outcomes["podman-cli/container-status"],
    exit_code=_outcomes["podman-cli/exit-code"],
    detached=_outcomes["podman-cli/detached"],
    completed=_outcomes["podman-cli/completed"],
    exec_exit_code=_outcomes["podman-cli/exec-exit-code"],
    wait_command=_outcomes["podman-cli/wait-command"],
    wait_error=next(row for row in PHASE_RULES if row.id == "podman-cli/wait-failed-127"),
    wait_error_code=127,
    attach_discards_status=_outcomes["podman-cli/attach-discards-status"],
)
"""podman, for :mod:`exitcodes.engines`."""
