"""Podman (containers/podman): its own usage, connection, start-error and status rules.

Each row cites the podman source that decides it; :data:`ENGINE` adds podman's own
answers to a failed wait (127) and to ``podman attach`` (the status is discarded).
"""

from __future__ import annotations

from exitcodes import profiles
from exitcodes.engines._schema import (
    ALL_COMMANDS,
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
    Rows,
    names,
    since,
    until,
)
from exitcodes.outcome import ExitOutcome
from exitcodes.profiles import Engine

_P = Engine.PODMAN
_row = Rows(_P)
_PODMAN_ABI = "containers/podman pkg/domain/infra/abi/containers.go"


MESSAGE_RULES: tuple[MessageRule, ...] = (
    # --- Podman: its own usage, connection and start-error rules ---
    _row.message(
        "podman-usage/flag-error",
        Layer.USAGE,
        FLAG_ERRORS,
        Match.PREFIX,
        ExitOutcome.USAGE_ERROR,
        125,
        source="containers/podman cmd/podman/root.go: Execute (any error without a code -> 125)",
        summary="Podman rejected a flag; like every podman error without its own code it exits"
        " 125.",
    ),
    _row.message(
        "podman-usage/argument-error",
        Layer.USAGE,
        (
            "unrecognized command `",
            "requires at least ",
            "requires exactly ",
            "accepts at most ",
            "accepts no arguments",
            "must provide a non-empty command",
        ),
        Match.SUBSTRING,
        ExitOutcome.USAGE_ERROR,
        125,
        source="containers/podman cmd/podman/root.go: Execute; cmd/podman/validate/args.go",
        summary="Podman rejected the arguments or the command name: exit 125.",
    ),
    _row.message(
        "podman-connection/service-unreachable",
        Layer.CONNECTION,
        ("Cannot connect to Podman", "unable to connect to Podman"),
        Match.SUBSTRING,
        ExitOutcome.ENGINE_ERROR,
        125,
        source="containers/podman pkg/bindings/connection.go (podman-remote)",
        summary="podman-remote could not reach the Podman service: exit 125.",
    ),
    _row.message(
        "podman-cli/not-found",
        Layer.CLI,
        ("not found", "executable path is empty", "no such file"),
        Match.SUBSTRING_IGNORE_CASE,
        ExitOutcome.NOT_FOUND,
        127,
        source="containers/podman libpod/define/exec_codes.go: ExitCode (lower-cased substrings)",
        summary="The start error says not found or no such file, which podman reports as 127.",
    ),
    _row.message(
        "podman-cli/permission-denied",
        Layer.CLI,
        (
            "permission denied",
            "operation not permitted",
            "is a directory",
            "is not a regular file",
            "exists but it is not executable",
        ),
        Match.SUBSTRING_IGNORE_CASE,
        ExitOutcome.CANNOT_INVOKE,
        126,
        source="containers/podman libpod/define/exec_codes.go: ExitCode (everything else -> 126);"
        " libpod/oci_util.go: getOCIRuntimeError",
        summary="The start error says the command could not be executed, which podman reports as"
        " 126.",
    ),
    _row.message(
        "podman-cli/start-failed",
        Layer.CLI,
        (),
        Match.ALWAYS,
        ExitOutcome.ENGINE_ERROR,
        126,
        source="containers/podman libpod/define/exec_codes.go: ExitCode (catch-all 126)",
        summary="Podman reports every other start failure as 126 (docker would say 125): port"
        " conflicts, runtime flags, SELinux labels, a missing workdir.",
    ),
    _row.message(
        "podman-exec/permission-denied",
        Layer.ENGINE_EXEC,
        ("permission denied", "operation not permitted"),
        Match.SUBSTRING_IGNORE_CASE,
        ExitOutcome.CANNOT_INVOKE,
        126,
        source="containers/podman libpod/define/exec_codes.go: TranslateExecErrorToExitCode;"
        " libpod/oci_util.go: getOCIRuntimeError (checked first)",
        summary="The exec'd command could not be executed (OCI permission denied): podman exits"
        " 126.",
    ),
    _row.message(
        "podman-exec/not-found",
        Layer.ENGINE_EXEC,
        (
            "executable file not found in",
            "no such file or directory",
            "open executable",
            "attempted to invoke a command that was not found",
        ),
        Match.SUBSTRING_IGNORE_CASE,
        ExitOutcome.NOT_FOUND,
        127,
        source="containers/podman libpod/define/exec_codes.go: TranslateExecErrorToExitCode;"
        " libpod/oci_util.go: getOCIRuntimeError",
        summary="The exec'd command was not found (OCI runtime not found): podman exits 127.",
    ),
    _row.message(
        "podman-exec/invalid-argument",
        Layer.ENGINE_EXEC,
        ("invalid argument",),
        Match.SUBSTRING_IGNORE_CASE,
        ExitOutcome.USAGE_ERROR,
        125,
        versions=since("5.1.0", Component.ENGINE),
        source="containers/podman libpod/define/exec_codes.go: TranslateExecErrorToExitCode"
        " (ErrInvalidArg, containers/podman#22329)",
        summary="The exec request was invalid: podman exits 125.",
    ),
    _row.message(
        "podman-exec/unknown",
        Layer.ENGINE_EXEC,
        (),
        Match.ALWAYS,
        ExitOutcome.ENGINE_ERROR,
        -1,
        source="containers/podman libpod/container_exec.go (-1); cmd/podman/root.go: os.Exit(-1)",
        summary="Any other exec failure leaves podman's exit code at -1, which the kernel reports"
        " as 255.",
    ),
)
"""The engine's message rows, in checking order (within a layer the first match wins)."""


PHASE_RULES: tuple[PhaseRule, ...] = (
    # --- Podman ---
    _row.phase(
        "podman-cli/detach-keys",
        names("run", "start -a", "attach"),
        names("attach"),
        ErrorPolicy.EXIT_CODE,
        ExitOutcome.SUCCESS,
        0,
        source="containers/podman pkg/domain/infra/abi/containers.go: ContainerRun/ContainerAttach"
        " (define.ErrDetach is not an error)",
        summary="The user detached with the key sequence: podman exits 0, attach included.",
        patterns=("read escape sequence", "detached from container"),
    ),
    _row.phase(
        "podman-cli/flag-error",
        ALL_COMMANDS,
        names("flags"),
        ErrorPolicy.EXIT_CODE,
        ExitOutcome.USAGE_ERROR,
        125,
        source="containers/podman cmd/podman/root.go: Execute (test/e2e/run_exit_test.go: 125)",
        summary="A bad flag makes podman exit 125, like every podman error without its own code.",
    ),
    _row.phase(
        "podman-cli/exec-without-command",
        names("exec"),
        names("args"),
        ErrorPolicy.EXIT_CODE,
        ExitOutcome.USAGE_ERROR,
        -1,
        versions=until("5.1.0"),
        source="containers/podman libpod/container_exec.go (-1 before ErrInvalidArg,"
        " containers/podman#22329); observed on podman 4.3.1",
        summary="Before podman 5.1, exec without a command failed inside libpod with -1: exit 255.",
        patterns=("must provide a non-empty command",),
    ),
    _row.phase(
        "podman-cli/argument-error",
        ALL_COMMANDS,
        names("args"),
        ErrorPolicy.EXIT_CODE,
        ExitOutcome.USAGE_ERROR,
        125,
        source="containers/podman cmd/podman/root.go: Execute (observed on podman 4.3.1)",
        summary="A wrong argument count or an unknown command makes podman exit 125.",
    ),
    _row.phase(
        "podman-cli/run-start-error",
        names("run"),
        names("start"),
        ErrorPolicy.CLI_MESSAGE_RULES,
        ExitOutcome.ENGINE_ERROR,
        None,
        source="containers/podman pkg/domain/infra/abi/containers.go: ContainerRun ->"
        " define.ExitCode",
        summary="podman run maps a start error to 127 (not found) or 126 (anything else) by its"
        " text.",
    ),
    _row.phase(
        "podman-cli/run-detached-wait-ignored",
        names("run"),
        names("wait"),
        ErrorPolicy.EXIT_CODE,
        ExitOutcome.SUCCESS,
        0,
        source="containers/podman pkg/domain/infra/abi/containers.go: ContainerRun (detached)",
        summary="podman run -d exits 0 once the container started.",
        detach=True,
    ),
    _row.phase(
        "podman-cli/wait-failed-127",
        names("run", "start -a"),
        names("wait"),
        ErrorPolicy.EXIT_CODE,
        ExitOutcome.STATUS_UNKNOWN,
        127,
        source="containers/podman pkg/domain/infra/abi/containers.go: ContainerWaitForExitCode"
        " (returns 127 when Wait fails)",
        summary="Waiting for the container failed; podman's ContainerWaitForExitCode returns 127"
        " for"
        " that (sic).",
    ),
    _row.phase(
        "podman-cli/exec-process-start-failed",
        names("exec"),
        names("start"),
        ErrorPolicy.EXEC_START_RULES,
        ExitOutcome.ENGINE_ERROR,
        None,
        source="containers/podman pkg/domain/infra/abi/containers.go: ContainerExec ->"
        " TranslateExecErrorToExitCode",
        summary="The exec'd process failed to start: podman exits 126, 127, or 255 for -1.",
        detach=False,
    ),
    _row.phase(
        "podman-cli/exec-session-refused",
        names("exec"),
        names("create", "attach"),
        ErrorPolicy.EXIT_CODE,
        ExitOutcome.ENGINE_ERROR,
        -1,
        source="containers/podman libpod/container_exec.go: ExecCreate (-1); observed on podman"
        " 4.3.1",
        summary="Podman refused to create the exec session (the container is not running): libpod"
        " returns"
        " -1, so podman exits 255.",
        patterns=("can only create exec sessions", "container state improper"),
    ),
    _row.phase(
        "podman-cli/exec-attach-failed",
        names("exec"),
        names("attach"),
        ErrorPolicy.EXIT_CODE,
        ExitOutcome.ENGINE_ERROR,
        -1,
        source="containers/podman libpod/container_exec.go: execStartAndAttach (-1)",
        summary="The exec session could not be started or attached: libpod returns -1, exit 255.",
        detach=False,
    ),
    _row.phase(
        "podman-cli/error",
        ALL_COMMANDS,
        frozenset(PHASES),
        ErrorPolicy.EXIT_CODE,
        ExitOutcome.ENGINE_ERROR,
        125,
        source="containers/podman cmd/podman/root.go: Execute (error without a code -> 125)",
        summary="Podman exits 125 for its own errors (create, pull, mounts, names, missing"
        " containers, start -a start failures).",
    ),
)
"""What each command does with an error in each phase; the first matching row wins."""


OUTCOME_RULES: tuple[OutcomeRule, ...] = (
    _row.outcome(
        "podman-cli/attach-discards-status",
        ExitOutcome.SUCCESS,
        0,
        source="containers/podman pkg/domain/infra/abi/containers.go: ContainerAttach (returns only"
        " an error); observed on podman 4.3.1",
        summary="podman attach exits 0 when the container exits, whatever its status.",
    ),
    # The status decisions podman and nerdctl share with docker, citing their own code.
    _row.outcome(
        "podman-cli/container-status",
        ExitOutcome.COMMAND_FAILED,
        None,
        source=f"{_PODMAN_ABI}: ContainerWaitForExitCode (the conmon exit file's code)",
        summary="podman exits with the container's status, truncated by the platform.",
    ),
    _row.outcome(
        "podman-cli/detached",
        ExitOutcome.SUCCESS,
        0,
        source=f"{_PODMAN_ABI}: ContainerRun (detached)",
        summary="Detached: podman exits 0 once the container started, whatever it does later.",
    ),
    _row.outcome(
        "podman-cli/completed",
        ExitOutcome.SUCCESS,
        0,
        source="containers/podman cmd/podman/root.go: Execute (nil error -> 0)",
        summary="The command succeeded and does not report a container status: exit 0.",
    ),
    _row.outcome(
        "podman-cli/exec-exit-code",
        ExitOutcome.COMMAND_FAILED,
        None,
        source=f"{_PODMAN_ABI}: ContainerExec",
        summary="podman exec exits with the exec session's exit code (null counts as 0).",
    ),
    _row.outcome(
        "podman-cli/wait-command",
        ExitOutcome.SUCCESS,
        None,
        source="containers/podman cmd/podman/containers/wait.go (errors -> 125)",
        summary="podman wait prints every status and exits 0, or 125 if any wait failed.",
    ),
    _row.outcome(
        "podman-cli/exit-code",
        ExitOutcome.COMMAND_FAILED,
        None,
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
