"""nerdctl (containerd/nerdctl): exit 1 for every engine error.

The rows cite where each behaviour is decided; :data:`ENGINE` says what the rows alone
do not (which rows answer a status, a detached run, a wait error).
"""

from __future__ import annotations

from exitcodes import profiles
from exitcodes.engines._schema import (
    ALL_COMMANDS,
    ALL_VERSIONS,
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
    names,
)
from exitcodes.outcome import ExitOutcome
from exitcodes.profiles import Engine

_N = Engine.NERDCTL
_NERDCTL_RUN = "containerd/nerdctl cmd/nerdctl/container/container_run.go"


MESSAGE_RULES: tuple[MessageRule, ...] = (
    # --- nerdctl: exit 1 for every engine error; the outcome still says what happened ---
    MessageRule(
        id="nerdctl-usage/flag-error",
        engine=_N,
        layer=Layer.USAGE,
        patterns=FLAG_ERRORS,
        match=Match.PREFIX,
        outcome=ExitOutcome.USAGE_ERROR,
        exit_code=1,
        versions=ALL_VERSIONS,
        source="containerd/nerdctl cmd/nerdctl/main.go (log.Fatal -> exit 1)",
        summary="nerdctl rejected a flag; it exits 1 for every error.",
    ),
    MessageRule(
        id="nerdctl-cli/not-found",
        engine=_N,
        layer=Layer.CLI,
        patterns=NOT_FOUND,
        match=Match.SUBSTRING,
        outcome=ExitOutcome.NOT_FOUND,
        exit_code=1,
        versions=ALL_VERSIONS,
        source="containerd/nerdctl cmd/nerdctl/main.go + pkg/errutil/exit_coder.go (no"
        " 125/126/127)",
        summary="The command was not found, but nerdctl exits 1 for every engine error.",
    ),
    MessageRule(
        id="nerdctl-cli/permission-denied",
        engine=_N,
        layer=Layer.CLI,
        patterns=("permission denied", "is a directory"),
        match=Match.SUBSTRING,
        outcome=ExitOutcome.CANNOT_INVOKE,
        exit_code=1,
        versions=ALL_VERSIONS,
        source="containerd/nerdctl cmd/nerdctl/main.go + pkg/errutil/exit_coder.go (no"
        " 125/126/127)",
        summary="The command could not be invoked, but nerdctl exits 1 for every engine error.",
    ),
    MessageRule(
        id="nerdctl-cli/error",
        engine=_N,
        layer=Layer.CLI,
        patterns=(),
        match=Match.ALWAYS,
        outcome=ExitOutcome.ENGINE_ERROR,
        exit_code=1,
        versions=ALL_VERSIONS,
        source="containerd/nerdctl cmd/nerdctl/main.go (log.Fatal -> exit 1)",
        summary="nerdctl exits 1 for every engine error.",
    ),
)
"""The engine's message rows, in checking order (within a layer the first match wins)."""


PHASE_RULES: tuple[PhaseRule, ...] = (
    # --- nerdctl ---
    PhaseRule(
        id="nerdctl-cli/detach-keys",
        engine=_N,
        commands=names("run", "start -a", "attach"),
        phases=names("attach"),
        policy=ErrorPolicy.EXIT_CODE,
        outcome=ExitOutcome.SUCCESS,
        exit_code=0,
        versions=ALL_VERSIONS,
        source="containerd/nerdctl pkg/cmd/container/attach.go (detaching exits 0;"
        " containerd/nerdctl#3571)",
        summary="The user detached with the key sequence: nerdctl exits 0, attach included.",
        patterns=("read escape sequence", "detached from container"),
    ),
    PhaseRule(
        id="nerdctl-cli/usage-error",
        engine=_N,
        commands=ALL_COMMANDS,
        phases=names("flags", "args"),
        policy=ErrorPolicy.EXIT_CODE,
        outcome=ExitOutcome.USAGE_ERROR,
        exit_code=1,
        versions=ALL_VERSIONS,
        source="containerd/nerdctl cmd/nerdctl/main.go (log.Fatal -> exit 1)",
        summary="nerdctl exits 1 for usage errors too.",
    ),
    PhaseRule(
        id="nerdctl-cli/run-detached-wait-ignored",
        engine=_N,
        commands=names("run"),
        phases=names("wait"),
        policy=ErrorPolicy.EXIT_CODE,
        outcome=ExitOutcome.SUCCESS,
        exit_code=0,
        versions=ALL_VERSIONS,
        source="containerd/nerdctl cmd/nerdctl/container/container_run.go (detached)",
        summary="nerdctl run -d exits 0 once the container started.",
        detach=True,
    ),
    PhaseRule(
        id="nerdctl-cli/engine-error",
        engine=_N,
        commands=ALL_COMMANDS,
        phases=frozenset(PHASES),
        policy=ErrorPolicy.CLI_MESSAGE_RULES,
        outcome=ExitOutcome.ENGINE_ERROR,
        exit_code=None,
        versions=ALL_VERSIONS,
        source="containerd/nerdctl cmd/nerdctl/main.go (log.Fatal -> exit 1)",
        summary="nerdctl exits 1 for every engine error; the outcome still says what happened.",
    ),
)
"""What each command does with an error in each phase; the first matching row wins."""


OUTCOME_RULES: tuple[OutcomeRule, ...] = (
    OutcomeRule(
        id="nerdctl-cli/exec-nonzero-1",
        engine=_N,
        outcome=ExitOutcome.COMMAND_FAILED,
        exit_code=1,
        versions=ALL_VERSIONS,
        source="containerd/nerdctl pkg/cmd/container/exec.go (exec failed with exit code N)",
        summary="nerdctl exec turns any non-zero status into an error: exit 1.",
    ),
    OutcomeRule(
        id="nerdctl-cli/container-status",
        engine=_N,
        outcome=ExitOutcome.COMMAND_FAILED,
        exit_code=None,
        versions=ALL_VERSIONS,
        source=f"{_NERDCTL_RUN} (NewExitCoderErr(status))",
        summary="nerdctl exits with the container's status, truncated by the platform.",
    ),
    OutcomeRule(
        id="nerdctl-cli/detached",
        engine=_N,
        outcome=ExitOutcome.SUCCESS,
        exit_code=0,
        versions=ALL_VERSIONS,
        source=f"{_NERDCTL_RUN} (detached)",
        summary="Detached: nerdctl exits 0 once the container started, whatever it does later.",
    ),
    OutcomeRule(
        id="nerdctl-cli/completed",
        engine=_N,
        outcome=ExitOutcome.SUCCESS,
        exit_code=0,
        versions=ALL_VERSIONS,
        source="containerd/nerdctl cmd/nerdctl/main.go (nil error -> 0)",
        summary="The command succeeded and does not report a container status: exit 0.",
    ),
    OutcomeRule(
        id="nerdctl-cli/exec-exit-code",
        engine=_N,
        outcome=ExitOutcome.COMMAND_FAILED,
        exit_code=None,
        versions=ALL_VERSIONS,
        source="containerd/nerdctl pkg/cmd/container/exec.go",
        summary="nerdctl exec exits with the exec inspect's ExitCode (null counts as 0).",
    ),
    OutcomeRule(
        id="nerdctl-cli/wait-command",
        engine=_N,
        outcome=ExitOutcome.SUCCESS,
        exit_code=None,
        versions=ALL_VERSIONS,
        source="containerd/nerdctl cmd/nerdctl/container/container_wait.go",
        summary="nerdctl wait prints every status and exits 0, or 1 if any wait failed.",
    ),
    OutcomeRule(
        id="nerdctl-cli/exit-code",
        engine=_N,
        outcome=ExitOutcome.COMMAND_FAILED,
        exit_code=None,
        versions=ALL_VERSIONS,
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
