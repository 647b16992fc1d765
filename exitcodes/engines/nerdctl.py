"""nerdctl (containerd/nerdctl): exit 1 for every engine error.

Each row cites the nerdctl source that decides it; :data:`ENGINE` says that exit 1
stands for any error, so 125 means nothing special and a failed exec is 1 too.
"""

from __future__ import annotations

from exitcodes import profiles
from exitcodes.engines._schema import (
    ALL_COMMANDS,
    FLAG_ERRORS,
    NOT_FOUND,
    PHASES,
    EngineSpec,
    ErrorPolicy,
    Layer,
    Match,
    MessageRule,
    OutcomeRule,
    PhaseRule,
    Rows,
    names,
)
from exitcodes.outcome import ExitOutcome
from exitcodes.profiles import Engine

_N = Engine.NERDCTL
_row = Rows(_N)
_NERDCTL_RUN = "containerd/nerdctl cmd/nerdctl/container/container_run.go"


MESSAGE_RULES: tuple[MessageRule, ...] = (
    # --- nerdctl: exit 1 for every engine error; the outcome still says what happened ---
    _row.message(
        "nerdctl-usage/flag-error",
        Layer.USAGE,
        FLAG_ERRORS,
        Match.PREFIX,
        ExitOutcome.USAGE_ERROR,
        1,
        source="containerd/nerdctl cmd/nerdctl/main.go (log.Fatal -> exit 1)",
        summary="nerdctl rejected a flag; it exits 1 for every error.",
    ),
    _row.message(
        "nerdctl-cli/not-found",
        Layer.CLI,
        NOT_FOUND,
        Match.SUBSTRING,
        ExitOutcome.NOT_FOUND,
        1,
        source="containerd/nerdctl cmd/nerdctl/main.go + pkg/errutil/exit_coder.go (no"
        " 125/126/127)",
        summary="The command was not found, but nerdctl exits 1 for every engine error.",
    ),
    _row.message(
        "nerdctl-cli/permission-denied",
        Layer.CLI,
        ("permission denied", "is a directory"),
        Match.SUBSTRING,
        ExitOutcome.CANNOT_INVOKE,
        1,
        source="containerd/nerdctl cmd/nerdctl/main.go + pkg/errutil/exit_coder.go (no"
        " 125/126/127)",
        summary="The command could not be invoked, but nerdctl exits 1 for every engine error.",
    ),
    _row.message(
        "nerdctl-cli/error",
        Layer.CLI,
        (),
        Match.ALWAYS,
        ExitOutcome.ENGINE_ERROR,
        1,
        source="containerd/nerdctl cmd/nerdctl/main.go (log.Fatal -> exit 1)",
        summary="nerdctl exits 1 for every engine error.",
    ),
)
"""The engine's message rows, in checking order (within a layer the first match wins)."""


PHASE_RULES: tuple[PhaseRule, ...] = (
    # --- nerdctl ---
    _row.phase(
        "nerdctl-cli/detach-keys",
        names("run", "start -a", "attach"),
        names("attach"),
        ErrorPolicy.EXIT_CODE,
        ExitOutcome.SUCCESS,
        0,
        source="containerd/nerdctl pkg/cmd/container/attach.go (detaching exits 0;"
        " containerd/nerdctl#3571)",
        summary="The user detached with the key sequence: nerdctl exits 0, attach included.",
        patterns=("read escape sequence", "detached from container"),
    ),
    _row.phase(
        "nerdctl-cli/usage-error",
        ALL_COMMANDS,
        names("flags", "args"),
        ErrorPolicy.EXIT_CODE,
        ExitOutcome.USAGE_ERROR,
        1,
        source="containerd/nerdctl cmd/nerdctl/main.go (log.Fatal -> exit 1)",
        summary="nerdctl exits 1 for usage errors too.",
    ),
    _row.phase(
        "nerdctl-cli/run-detached-wait-ignored",
        names("run"),
        names("wait"),
        ErrorPolicy.EXIT_CODE,
        ExitOutcome.SUCCESS,
        0,
        source="containerd/nerdctl cmd/nerdctl/container/container_run.go (detached)",
        summary="nerdctl run -d exits 0 once the container started.",
        detach=True,
    ),
    _row.phase(
        "nerdctl-cli/engine-error",
        ALL_COMMANDS,
        frozenset(PHASES),
        ErrorPolicy.CLI_MESSAGE_RULES,
        ExitOutcome.ENGINE_ERROR,
        None,
        source="containerd/nerdctl cmd/nerdctl/main.go (log.Fatal -> exit 1)",
        summary="nerdctl exits 1 for every engine error; the outcome still says what happened.",
    ),
)
"""What each command does with an error in each phase; the first matching row wins."""


OUTCOME_RULES: tuple[OutcomeRule, ...] = (
    _row.outcome(
        "nerdctl-cli/exec-nonzero-1",
        ExitOutcome.COMMAND_FAILED,
        1,
        source="containerd/nerdctl pkg/cmd/container/exec.go (exec failed with exit code N)",
        summary="nerdctl exec turns any non-zero status into an error: exit 1.",
    ),
    _row.outcome(
        "nerdctl-cli/container-status",
        ExitOutcome.COMMAND_FAILED,
        None,
        source=f"{_NERDCTL_RUN} (NewExitCoderErr(status))",
        summary="nerdctl exits with the container's status, truncated by the platform.",
    ),
    _row.outcome(
        "nerdctl-cli/detached",
        ExitOutcome.SUCCESS,
        0,
        source=f"{_NERDCTL_RUN} (detached)",
        summary="Detached: nerdctl exits 0 once the container started, whatever it does later.",
    ),
    _row.outcome(
        "nerdctl-cli/completed",
        ExitOutcome.SUCCESS,
        0,
        source="containerd/nerdctl cmd/nerdctl/main.go (nil error -> 0)",
        summary="The command succeeded and does not report a container status: exit 0.",
    ),
    _row.outcome(
        "nerdctl-cli/exec-exit-code",
        ExitOutcome.COMMAND_FAILED,
        None,
        source="containerd/nerdctl pkg/cmd/container/exec.go",
        summary="nerdctl exec exits with the exec inspect's ExitCode (null counts as 0).",
    ),
    _row.outcome(
        "nerdctl-cli/wait-command",
        ExitOutcome.SUCCESS,
        None,
        source="containerd/nerdctl cmd/nerdctl/container/container_wait.go",
        summary="nerdctl wait prints every status and exits 0, or 1 if any wait failed.",
    ),
    _row.outcome(
        "nerdctl-cli/exit-code",
        ExitOutcome.COMMAND_FAILED,
        None,
        source="containerd/nerdctl cmd/nerdctl/main.go (errors -> 1)",
        summary="A nerdctl exit status read by its conventions (1 for any error, 128+n).",
    ),
)
"""Decisions made from statuses and states, so every rule id in a result is documented."""


_outcomes = {row.id: row for row in OUTCOME_RULES}

ENGINE = EngineSpec(
    engine=_N,
    oldest=profiles.OLDEST_NERDCTL_VERSION,
    newest=profiles.NEWEST_NERDCTL_VERSION,
    profile=profiles.nerdctl,
    message_rules=MESSAGE_RULES,
    phase_rules=PHASE_RULES,
    outcome_rules=OUTCOME_RULES,
    container_status=_outcomes["nerdctl-cli/container-status"],
    exit_code=_outcomes["nerdctl-cli/exit-code"],
    detached=_outcomes["nerdctl-cli/detached"],
    completed=_outcomes["nerdctl-cli/completed"],
    exec_exit_code=_outcomes["nerdctl-cli/exec-exit-code"],
    wait_command=_outcomes["nerdctl-cli/wait-command"],
    wait_error=next(row for row in PHASE_RULES if row.id == "nerdctl-cli/engine-error"),
    wait_error_code=1,
    engine_failure_status=None,
    exec_nonzero=_outcomes["nerdctl-cli/exec-nonzero-1"],
)
"""nerdctl, for :mod:`exitcodes.engines`."""
