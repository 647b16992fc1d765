"""Docker: the docker CLI (docker/cli) and the daemon it talks to (moby).

Every row cites the docker/cli or moby code that decides it; :data:`ENGINE` names the
rows that answer a status, a detached run and a wait error, which no single row says.
"""

from __future__ import annotations

import attrs

from exitcodes import profiles
from exitcodes.engines._schema import (
    ALL_COMMANDS,
    NOT_FOUND,
    PHASES,
    Behaviour,
    CliSignalRule,
    Component,
    EngineSpec,
    ErrorPolicy,
    Layer,
    Match,
    MessageRule,
    OutcomeRule,
    PhaseRule,
    Rows,
    SignalPhase,
    SignalPolicy,
    VersionRange,
    between,
    names,
    since,
    until,
)
from exitcodes.outcome import ExitOutcome
from exitcodes.profiles import Engine

_D = Engine.DOCKER
_row = Rows(_D)
_CLI_TO_STATUS = (
    "docker/cli cli/command/container/run.go: toStatusError (v28+, 90058df305);"
    " runStartContainerErr before"
)
_MOBY_ERRORS = "moby daemon/errors.go: setExitCodeFromError (Engine 24+, 83dd99177f)"
_MOBY_TRANSLATE = "moby daemon/start.go: translateContainerdStartErr (Engine < 24)"
_ENGINE_24 = "24.0.0"
_SINCE_ENGINE_24 = since(_ENGINE_24, Component.ENGINE)
_BEFORE_ENGINE_24 = until(_ENGINE_24, Component.ENGINE)
_ENGINE_28 = "28.0.0"
_SINCE_ENGINE_28 = since(_ENGINE_28, Component.ENGINE)
_MOBY_EXEC = "moby daemon/exec.go + " + _MOBY_ERRORS + "; c866a7e5f8 (Engine 28)"
_RUNC_FAILED = "failed to run runc create/exec call"
_RUN_CODE = "docker/cli cli/command/container/run.go: runRun/runContainer"
_WAIT_UTILS = "docker/cli cli/command/container/utils.go: waitExitOrRemoved"
_STATUS_SOURCE = (
    "containerd pkg/sys/reaper: exitStatus (128+signal); docker/cli os.Exit(int(StatusCode))"
)


@attrs.frozen
class _StartError:
    """What the daemon records for a failed start whose error holds one of ``patterns``.

    Both eras (``setExitCodeFromError`` since Engine 24, ``translateContainerdStartErr``
    before) record the same code for the same phrase; their order and sources differ.
    """

    patterns: tuple[str, ...]
    outcome: ExitOutcome
    exit_code: int

    def row(
        self,
        id: str,
        versions: VersionRange,
        *,
        source: str,
        summary: str,
        also: tuple[str, ...] = (),
    ) -> MessageRule:
        """The era's row; *also* are phrases only its check has. No pattern: any other error."""
        patterns = (*self.patterns, *also)
        match = Match.SUBSTRING_IGNORE_CASE if patterns else Match.ALWAYS
        return _row.message(
            id,
            Layer.ENGINE,
            patterns,
            match,
            self.outcome,
            self.exit_code,
            versions=versions,
            source=source,
            summary=summary,
        )


_PERMISSION_DENIED = _StartError(("permission denied",), ExitOutcome.CANNOT_INVOKE, 126)
_IS_A_DIRECTORY = _StartError(("is a directory",), ExitOutcome.CANNOT_INVOKE, 126)
_NOT_A_DIRECTORY = _StartError(("not a directory",), ExitOutcome.ENGINE_ERROR, 127)
_FILE_NOT_FOUND = _StartError(NOT_FOUND, ExitOutcome.NOT_FOUND, 127)
_ANY_OTHER = _StartError((), ExitOutcome.ENGINE_ERROR, 128)


MESSAGE_RULES: tuple[MessageRule, ...] = (
    # --- usage: the CLI's own argument checks (prefix of the printed error) ---
    _row.message(
        "docker-usage/flag-error",
        Layer.USAGE,
        (
            "unknown flag:",
            "unknown shorthand flag:",
            "flag needs an argument:",
            "invalid argument ",
            "bad flag syntax:",
            "if any flags in the group",
        ),
        Match.PREFIX,
        ExitOutcome.USAGE_ERROR,
        125,
        source="docker/cli cli/cobra.go: FlagErrorFunc (StatusError 125)",
        summary="The CLI rejected a flag or a flag value; docker exits 125 for flag errors.",
    ),
    _row.message(
        "docker-usage/argument-error",
        Layer.USAGE,
        (
            "unknown command: ",
            '" requires at least ',
            '" requires exactly ',
            '" requires at most ',
            '" accepts no arguments',
            '" accepts at most ',
            '" accepts between ',
            # CLI 28+ quotes the command with single quotes (observed on 28.2.2)
            "' requires at least ",
            "' requires exactly ",
            "' requires at most ",
            "' accepts no arguments",
            "' accepts at most ",
            "' accepts between ",
        ),
        Match.SUBSTRING,
        ExitOutcome.USAGE_ERROR,
        1,
        source="docker/cli cli/required.go: RequiresMinArgs/ExactArgs/NoArgs;"
        " cmd/docker/docker.go: unknown command (plain errors, exit 1)",
        summary="The CLI rejected the number of arguments or the command name; that is a plain"
        " error,"
        " exit 1.",
        anchors=('"', "'", "unknown command: "),
    ),
    _row.message(
        "docker-usage/client-check",
        Layer.USAGE,
        (
            "the input device is not a TTY",
            "cannot attach stdin to a TTY-enabled container",
            "you cannot start and attach multiple containers at once",
            "conflicting options: cannot specify both --attach and --detach",
            "Conflicting options: -a and -d",
            "Usage:  docker ",
            # CLI 19.03's usage template puts a tab after "Usage:" (observed on 19.03.15)
            "Usage:\tdocker ",
        ),
        Match.PREFIX,
        ExitOutcome.USAGE_ERROR,
        1,
        source="docker/cli cli/streams/in.go: CheckTty; run.go, start.go (plain errors); cobra's"
        " usage"
        " for an unknown sub-command of CLI 19.03 and 20.10 (all observed through the stub"
        " Engine API)",
        summary="The CLI refused the invocation before asking the daemon (no TTY, -a with -d, an"
        " unknown sub-command): a plain error, exit 1.",
    ),
    _row.message(
        "docker-usage/not-a-docker-command",
        Layer.USAGE,
        ("is not a docker command",),
        Match.SUBSTRING,
        ExitOutcome.USAGE_ERROR,
        1,
        source="docker/cli cmd/docker/docker.go (<= v27: \"'foo' is not a docker command.\")",
        summary="An unknown top-level command is a plain error: exit 1.",
        anchors=("'",),
    ),
    # --- connection: client-side wordings of an unreachable daemon ---
    _row.message(
        "docker-connection/daemon-unreachable",
        Layer.CONNECTION,
        (
            "Cannot connect to the Docker daemon",
            "failed to connect to the docker API",
            "Cannot connect to Docker Engine via",
        ),
        Match.SUBSTRING,
        ExitOutcome.ENGINE_ERROR,
        125,
        source="aiodocker docker.py: _do_query (`Cannot connect to Docker Engine via"
        " {connection_info}"
        " [{exc}]`, DockerError 900, read in aiodocker 0.27.0);"
        " moby client/errors.go: ErrorConnectionFailed; client/request.go: doRequest (moby"
        " client 67596f01e2 for CLI 29: `failed to connect to the docker API at unix:///...;"
        " check if the path is correct and if the daemon is running: dial unix ...: connect:"
        " no such file or directory` for a missing socket, which docker run 29.0.0 to 29.1.2"
        " maps to 127 as its not-found text; observed on 29.0.0 and 29.1.2, and 1 from 29.1.3)",
        summary="The client could not reach the daemon.",
    ),
    _row.message(
        "docker-connection/transport-error",
        Layer.CONNECTION,
        (
            "error during connect",
            "while trying to connect to the Docker daemon socket",
            "Connection aborted",
            "Failed to establish a new connection",
        ),
        Match.SUBSTRING,
        ExitOutcome.ENGINE_ERROR,
        125,
        source="moby client/request.go: doRequest (wraps transport errors: error during connect;"
        " errConnectionFailed since the client vendored in docker/cli a8379092af, v25.0.4);"
        " requests' ConnectionError wording for docker-py",
        summary="The request to the daemon failed in transport (refused, reset, EOF, socket"
        " permissions).",
    ),
    # --- the Docker CLI's run/create mapping, checked in this order ---
    _row.message(
        "docker-cli/not-found",
        Layer.CLI,
        NOT_FOUND,
        Match.SUBSTRING,
        ExitOutcome.NOT_FOUND,
        127,
        source=_CLI_TO_STATUS,
        summary="The error says a file was not found, which docker run reports as 127 (command not"
        " found), whichever file it was.",
    ),
    _row.message(
        "docker-cli/permission-denied",
        Layer.CLI,
        ("permission denied",),
        Match.SUBSTRING,
        ExitOutcome.CANNOT_INVOKE,
        126,
        source=_CLI_TO_STATUS,
        summary="The error says permission denied, which docker run reports as 126 (command"
        " cannot be"
        " invoked).",
    ),
    _row.message(
        "docker-cli/is-a-directory",
        Layer.CLI,
        ("is a directory",),
        Match.SUBSTRING,
        ExitOutcome.CANNOT_INVOKE,
        126,
        versions=since("23.0.1"),
        source=_CLI_TO_STATUS + "; EISDIR added in docker/cli 9b5ceb52b0 (v23.0.1)",
        summary="The error says is a directory, which docker run reports as 126 (command cannot be"
        " invoked) since CLI 23.0.1.",
    ),
    _row.message(
        "docker-cli/engine-error",
        Layer.CLI,
        (),
        Match.ALWAYS,
        ExitOutcome.ENGINE_ERROR,
        125,
        source=_CLI_TO_STATUS,
        summary="The error matches none of docker's not-found or permission phrases, so docker run"
        " reports it as 125 (the engine failed).",
    ),
    # --- the daemon's recorded code on a failed container start, Engine >= 24 ---
    _PERMISSION_DENIED.row(
        "docker-engine/permission-denied",
        _SINCE_ENGINE_24,
        source=_MOBY_ERRORS,
        summary="The daemon records 126 for a start error that says permission denied.",
    ),
    _IS_A_DIRECTORY.row(
        "docker-engine/is-a-directory",
        _SINCE_ENGINE_24,
        source=_MOBY_ERRORS + "; EISDIR from moby 713e02e03e (Engine 23.0.2)",
        summary="The daemon records 126 for a start error that says is a directory.",
    ),
    _NOT_A_DIRECTORY.row(
        "docker-engine/not-a-directory",
        _SINCE_ENGINE_24,
        source=_MOBY_ERRORS + "; ENOTDIR since moby PR #24754 (1.13)",
        summary="The daemon records 127 for a start error that says not a directory (a file mounted"
        " onto a directory or the reverse).",
    ),
    _FILE_NOT_FOUND.row(
        "docker-engine/not-found",
        _SINCE_ENGINE_24,
        also=(_RUNC_FAILED,),
        source=_MOBY_ERRORS,
        summary="The daemon records 127 for a start error that says a file was not found.",
    ),
    _ANY_OTHER.row(
        "docker-engine/unknown",
        _SINCE_ENGINE_24,
        source=_MOBY_ERRORS + " (exitUnknown)",
        summary="The daemon records 128 for any other start error.",
    ),
    # --- the same, Engine < 24: sequential overrides, ENOTDIR last ---
    _NOT_A_DIRECTORY.row(
        "docker-engine-legacy/not-a-directory",
        _BEFORE_ENGINE_24,
        source=_MOBY_TRANSLATE,
        summary="The daemon records 127 for a start error that says not a directory (its last"
        " override).",
    ),
    _PERMISSION_DENIED.row(
        "docker-engine-legacy/permission-denied",
        _BEFORE_ENGINE_24,
        source=_MOBY_TRANSLATE,
        summary="The daemon records 126 for a start error that says permission denied.",
    ),
    _IS_A_DIRECTORY.row(
        "docker-engine-legacy/is-a-directory",
        between("23.0.2", _ENGINE_24, Component.ENGINE),
        source=_MOBY_TRANSLATE + "; moby 713e02e03e (Engine 23.0.2)",
        summary="The daemon records 126 for a start error that says is a directory (Engine"
        " 23.0.2+).",
    ),
    _FILE_NOT_FOUND.row(
        "docker-engine-legacy/not-found",
        _BEFORE_ENGINE_24,
        source=_MOBY_TRANSLATE
        + "; command path no longer required since moby 225e046d9d (20.10.7)",
        summary="The daemon records 127 for a start error that says a file was not found.",
    ),
    _ANY_OTHER.row(
        "docker-engine-legacy/unknown",
        _BEFORE_ENGINE_24,
        source="moby daemon/start.go: containerStart defer (ExitCode 128 when left 0)",
        summary="The daemon records 128 for any other start error.",
    ),
    # --- exec: the code the daemon records when the exec'd process fails to start ---
    _row.message(
        "docker-engine-exec/start-failed-126",
        Layer.ENGINE_EXEC,
        (),
        Match.ALWAYS,
        ExitOutcome.CANNOT_INVOKE,
        126,
        versions=until(_ENGINE_28, Component.ENGINE),
        source="moby daemon/exec.go: ContainerExecStart defer (ExitCode 126, v1.12 to v27)",
        summary="Before Engine 28 the daemon records 126 for every exec that fails to start, a"
        " missing"
        " binary included.",
    ),
    _row.message(
        "docker-engine-exec/permission-denied",
        Layer.ENGINE_EXEC,
        ("permission denied", "is a directory"),
        Match.SUBSTRING_IGNORE_CASE,
        ExitOutcome.CANNOT_INVOKE,
        126,
        versions=_SINCE_ENGINE_28,
        source=_MOBY_EXEC,
        summary="The daemon records 126 for an exec that says permission denied or is a directory.",
    ),
    _row.message(
        "docker-engine-exec/not-found",
        Layer.ENGINE_EXEC,
        ("not a directory", *NOT_FOUND, _RUNC_FAILED),
        Match.SUBSTRING_IGNORE_CASE,
        ExitOutcome.NOT_FOUND,
        127,
        versions=_SINCE_ENGINE_28,
        source=_MOBY_EXEC,
        summary="Since Engine 28 the daemon records 127 for an exec whose binary was not found.",
    ),
    _row.message(
        "docker-engine-exec/unknown",
        Layer.ENGINE_EXEC,
        (),
        Match.ALWAYS,
        ExitOutcome.ENGINE_ERROR,
        128,
        versions=_SINCE_ENGINE_28,
        source=_MOBY_EXEC,
        summary="Since Engine 28 the daemon records 128 for an exec that the runtime failed to"
        " start"
        " for another reason.",
    ),
)
"""The engine's message rows, in checking order (within a layer the first match wins)."""


PHASE_RULES: tuple[PhaseRule, ...] = (
    _row.phase(
        "docker-cli/flag-error",
        ALL_COMMANDS,
        names("flags"),
        ErrorPolicy.EXIT_CODE,
        ExitOutcome.USAGE_ERROR,
        125,
        source="docker/cli cli/cobra.go: FlagErrorFunc; run.go/create.go: parse errors"
        " (StatusError 125)",
        summary="A bad flag or flag value makes every docker command exit 125.",
    ),
    _row.phase(
        "docker-cli/argument-error",
        ALL_COMMANDS,
        names("args"),
        ErrorPolicy.EXIT_CODE,
        ExitOutcome.USAGE_ERROR,
        1,
        source="docker/cli cli/required.go; cmd/docker/docker.go (plain errors, exit 1)",
        summary="A wrong argument count or an unknown command is a plain error: exit 1.",
    ),
    _row.phase(
        "docker-cli/run-ping-failed",
        names("run"),
        names("connect"),
        ErrorPolicy.EXIT_CODE,
        ExitOutcome.ENGINE_ERROR,
        1,
        versions=since("29.1.3"),
        source="docker/cli a6335c4226 (v29.1.3, #6700): run pings the daemon first and returns"
        " its raw"
        " error (observed on 29.1.3 and 29.7.2: an unreachable daemon, a missing socket and a"
        " ping answered with HTTP 500 all exit 1; 29.1.2 and older exit 125/127, or ignore the"
        " failed ping)",
        summary="Since CLI 29.1.3 docker run pings the daemon first, so an unreachable daemon (or a"
        " failed ping) is a plain error: exit 1.",
    ),
    _row.phase(
        "docker-cli/podman-attach-initialises",
        names("run", "start -a"),
        names("start"),
        ErrorPolicy.EXIT_CODE,
        ExitOutcome.ENGINE_ERROR,
        1,
        detach=False,
        versions=VersionRange(component=Component.PODMAN_API),
        source="docker/cli cli/command/container/run.go: an attached run attaches before"
        " ContainerStart and returns the attach's error unwrapped; containers/podman"
        " pkg/api/handlers/compat/containers_attach.go@v4.3.1 (ctr.Init, 409 'preparing container"
        " for attach') and libpod HTTPAttach@v5.4.2 (500): podman initialises the container"
        " (runc create) when the CLI attaches, so a start error fails the attach; observed with"
        " CLIs 20.10.24 and 29.7.2 on podman 4.3.1, 5.4.2 and 5.8.6 ('unable to upgrade to tcp,"
        " received 409/500', exit 1; start -a likewise)",
        summary="Against podman's Docker API an attached docker run (or start -a) whose container"
        " cannot start fails in the attach (podman creates the container's process there): the"
        " CLI exits 1, never reading the start error that dockerd maps to 125/126/127.",
    ),
    _row.phase(
        "docker-cli/run-error",
        names("run"),
        names("connect", "create", "start"),
        ErrorPolicy.CLI_MESSAGE_RULES,
        ExitOutcome.ENGINE_ERROR,
        None,
        source=_RUN_CODE + " -> toStatusError",
        summary="docker run maps a create, pull, start or connection error to 125/126/127 by its"
        " text.",
    ),
    _row.phase(
        "docker-cli/run-detached-wait-ignored",
        names("run"),
        names("wait"),
        ErrorPolicy.EXIT_CODE,
        ExitOutcome.SUCCESS,
        0,
        source=_RUN_CODE + " (Detached mode: the wait result is never read)",
        summary="docker run -d exits 0 once the container started; a failed wait is only logged.",
        detach=True,
    ),
    _row.phase(
        "docker-cli/detach-keys",
        names("run", "start -a"),
        names("attach"),
        ErrorPolicy.EXIT_CODE,
        ExitOutcome.SUCCESS,
        0,
        source="docker/cli run.go, start.go (term.EscapeError -> nil)",
        summary="The user detached with the key sequence (read escape sequence): docker run and"
        " start -a exit 0; attach and exec exit 1.",
        patterns=("read escape sequence",),
    ),
    _row.phase(
        "docker-cli/wait-cancelled",
        names("run", "start -a"),
        names("wait"),
        ErrorPolicy.EXIT_CODE,
        ExitOutcome.STATUS_UNKNOWN,
        0,
        versions=since("26.1.1"),
        source="docker/cli utils.go: waitExitOrRemoved (context.Canceled is not an error since"
        " docker/cli #5043, v26.1.1; the channel is closed since #5062, v26.1.2, and 840016ea05,"
        " 31644d5ea7 on main). Observed: 26.1.0 logs `error waiting for container: context"
        " canceled` after a failed start, 26.1.1 and later do not",
        summary="The wait was cancelled (context canceled): the status channel closes and the CLI"
        " reads"
        " 0; CLI 26.1.1 alone never closes it, so a docker run --rm whose start fails waits"
        " forever.",
        patterns=("context canceled",),
    ),
    _row.phase(
        "docker-cli/wait-failed",
        names("run", "start -a"),
        names("wait"),
        ErrorPolicy.EXIT_CODE,
        ExitOutcome.STATUS_UNKNOWN,
        125,
        source="docker/cli cli/command/container/utils.go: waitExitOrRemoved (error -> 125)",
        summary="The wait request failed, so the container's status is unknown: docker exits 125.",
    ),
    _row.phase(
        "docker-cli/exec-process-start-failed",
        names("exec"),
        names("start"),
        ErrorPolicy.EXEC_START_RULES,
        ExitOutcome.ENGINE_ERROR,
        None,
        source="moby daemon/exec.go: ContainerExecStart; docker/cli exec.go: getExecExitStatus",
        summary="The exec'd process failed to start; the daemon records its exit code and docker"
        " exec"
        " exits with it.",
        detach=False,
    ),
    _row.phase(
        "docker-cli/exec-inspect-failed",
        names("exec"),
        names("wait"),
        ErrorPolicy.CONNECTION_255_ELSE_1,
        ExitOutcome.STATUS_UNKNOWN,
        None,
        source="docker/cli cli/command/container/exec.go: getExecExitStatus (StatusError{-1} when"
        " client.IsErrConnectionFailed)",
        summary="The exec inspect failed: 255 (-1) if the client could not reach the daemon, 1"
        " for an"
        " API error (Error response from daemon).",
    ),
    _row.phase(
        "docker-cli/plain-error",
        ALL_COMMANDS,
        frozenset(PHASES),
        ErrorPolicy.EXIT_CODE,
        ExitOutcome.ENGINE_ERROR,
        1,
        source="docker/cli cmd/docker/docker.go: getExitCode (non-StatusError -> 1)",
        summary="This command returns the daemon's error as a plain error, without docker run's"
        " mapping: exit 1.",
    ),
)
"""What each command does with an error in each phase; the first matching row wins."""


OUTCOME_RULES: tuple[OutcomeRule, ...] = (
    _row.outcome(
        "docker-cli/container-status",
        ExitOutcome.COMMAND_FAILED,
        None,
        source=_STATUS_SOURCE,
        summary="The CLI exits with the container's status, truncated by the platform.",
    ),
    _row.outcome(
        "docker-cli/wait-error",
        ExitOutcome.STATUS_UNKNOWN,
        125,
        versions=since("18.2.0"),
        source=_WAIT_UTILS + " (Error.Message -> 125; docker/cli 8471742a8a)",
        summary="The wait response carried an Error, so docker run and start -a exit 125.",
    ),
    _row.outcome(
        "docker-cli/attach-wait-error",
        ExitOutcome.STATUS_UNKNOWN,
        1,
        versions=since("18.03.0"),
        source="docker/cli cli/command/container/attach.go: getExitStatus (ContainerWait since"
        " 66661761d5, v18.03.0)",
        summary="The wait response carried an Error; docker attach turns it into a plain error:"
        " exit 1.",
    ),
    _row.outcome(
        "docker-cli/attach-inspects-exit-code",
        ExitOutcome.STATUS_UNKNOWN,
        None,
        versions=until("18.03.0"),
        source="docker/cli v18.02.0-ce cli/command/container/attach.go: getExitStatus"
        " (ContainerInspect after the stream, `status := container.State.ExitCode`); replaced by"
        " ContainerWait in 66661761d5 (v18.03.0); observed on CLIs 17.06.0, 18.01.0 and 18.02.0"
        " built from their tags",
        summary="Before CLI 18.03, docker attach inspects the container once the stream ends and"
        " exits with State.ExitCode (0 while the daemon has not recorded the exit); the wait"
        " response is not read.",
    ),
    _row.outcome(
        "docker-cli/detached",
        ExitOutcome.SUCCESS,
        0,
        source=_RUN_CODE + " (Detached mode)",
        summary="Detached: the CLI exits 0 once the container started, whatever it does later.",
    ),
    _row.outcome(
        "docker-cli/stdin-only-attach-detached",
        ExitOutcome.SUCCESS,
        0,
        versions=until("28.0.0"),
        source=_RUN_CODE + "; changed in docker/cli aee9eebf34 (v28.0.0)",
        summary="Before CLI 28, docker run -a stdin (no output stream) counts as detached: exit 0.",
    ),
    _row.outcome(
        "docker-cli/run-rm-start-hangs",
        ExitOutcome.STATUS_UNKNOWN,
        None,
        versions=between("26.1.1", "26.1.2", Component.CLI),
        source="docker/cli #5043 (v26.1.1: waitExitOrRemoved returns on a cancelled context without"
        " closing its channel), fixed by #5062 (v26.1.2); observed through the stub Engine API:"
        " 26.1.1 never exits, 26.1.0 and 26.1.2 exit at once",
        summary="CLI 26.1.1 never exits when an attached docker run --rm fails to start: it waits"
        " for"
        " a status that never comes.",
    ),
    _row.outcome(
        "docker-cli/podman-rm-wait-answers-0",
        ExitOutcome.SUCCESS,
        0,
        versions=until("4.6.0", Component.PODMAN_API),
        source="docker/cli cli/command/container/run.go: waitExitOrRemoved waits with condition"
        " 'removed' for --rm; containers/podman#18889 (the compat wait answers 0 for that"
        " condition), fixed in 4.6.0 by #18912; observed: CLIs 20.10.24 and 29.7.2 exit 0 for"
        " nine --rm scenarios on podman 4.3.1 (exit 3, SIGKILL, OOM kills...), the status on"
        " 5.4.2 and 5.8.6",
        summary="Before podman 4.6 its Docker API answers the wait of an attached docker run --rm"
        " with status 0, so the CLI exits 0 whatever the container's status.",
    ),
    _row.outcome(
        "docker-cli/completed",
        ExitOutcome.SUCCESS,
        0,
        source="docker/cli cmd/docker/docker.go: main (nil error -> 0)",
        summary="The command succeeded and does not report a container status: exit 0.",
    ),
    _row.outcome(
        "docker-cli/exec-exit-code",
        ExitOutcome.COMMAND_FAILED,
        None,
        source="docker/cli cli/command/container/exec.go: getExecExitStatus",
        summary="docker exec exits with the exec inspect's ExitCode (null counts as 0).",
    ),
    _row.outcome(
        "docker-cli/wait-command",
        ExitOutcome.SUCCESS,
        None,
        source="docker/cli cli/command/container/wait.go: runWait",
        summary="docker wait prints every status and exits 0, or 1 if any wait request failed.",
    ),
    _row.outcome(
        "docker-state/oom-killed",
        ExitOutcome.OOM_KILLED,
        None,
        source="moby daemon/monitor.go: OOM event sets State.OOMKilled",
        summary="State.OOMKilled is true: the kernel's OOM killer ended the container (SIGKILL).",
    ),
    _row.outcome(
        "docker-state/not-exited",
        ExitOutcome.STATUS_UNKNOWN,
        None,
        source="moby container/state.go: State.State()",
        summary="The container has not exited (created, running, paused or restarting): no status"
        " yet.",
    ),
    _row.outcome(
        "docker-state/start-failed",
        ExitOutcome.ENGINE_ERROR,
        None,
        source="moby daemon/start.go: containerStart (State.Error, ExitCode 126/127/128)",
        summary="The container never started; its State.Error holds the start error.",
    ),
    _row.outcome(
        "docker-cli/exit-code",
        ExitOutcome.COMMAND_FAILED,
        None,
        source="docker/cli docs/reference/run.md: Exit status",
        summary="A docker exit status read by docker's conventions (125 engine, 126, 127, 128+n).",
    ),
    _row.outcome(
        "cli-result/passed-through",
        ExitOutcome.COMMAND_FAILED,
        None,
        source="python-on-whales DockerException.return_code; subprocess returncode"
        " (python-ecosystem"
        " notes 1.5: a code already resolved by a CLI is passed through)",
        summary="The code was already decided by the real CLI process; it is passed through, and"
        " its"
        " stderr says what happened.",
    ),
    _row.outcome(
        "cli-result/killed-by-signal",
        ExitOutcome.SIGNALED,
        None,
        source="CPython subprocess docs: returncode -N means killed by signal N (POSIX)",
        summary="The process was killed by a signal (negative returncode); a shell reports 128+N.",
    ),
)
"""Decisions made from statuses and states, so every rule id in a result is documented."""


# A behaviour that a row brings (or ends) names the row's range, not a copy of it.
_rows: tuple[MessageRule | PhaseRule | OutcomeRule, ...] = (
    *MESSAGE_RULES,
    *PHASE_RULES,
    *OUTCOME_RULES,
)
_ranges = {row.id: row.versions for row in _rows}

BEHAVIOURS: tuple[Behaviour, ...] = (
    _row.behaviour(
        "docker-cli/is-a-directory-126",
        _ranges["docker-cli/is-a-directory"],
        source="docker/cli 9b5ceb52b0 (2023-02-03)",
        summary="docker run maps `is a directory` to 126 (125 before).",
    ),
    _row.behaviour(
        "docker-cli/wait-error-125",
        _ranges["docker-cli/wait-error"],
        source="docker/cli 8471742a8a (2017-10-19)",
        summary="A wait response Error makes docker run exit 125.",
    ),
    _row.behaviour(
        "docker-cli/stdin-only-attach-waits",
        VersionRange(since=_ranges["docker-cli/stdin-only-attach-detached"].until),
        source="docker/cli aee9eebf34",
        summary="docker run -a stdin waits for the container and exits with its status (0 before).",
    ),
    _row.behaviour(
        "docker-cli/attach-waits",
        _ranges["docker-cli/attach-wait-error"],
        source="docker/cli 66661761d5 (2017-11-15)",
        summary="docker attach exits with the wait response's status (State.ExitCode from an"
        " inspect after the stream before).",
    ),
    _row.behaviour(
        "docker-cli/run-pings-first",
        _ranges["docker-cli/run-ping-failed"],
        source="docker/cli a6335c4226 (2025-12-11)",
        summary="docker run pings first: an unreachable daemon exits 1 (125/126/127 before).",
    ),
    _row.behaviour(
        "docker-cli/transport-errors-are-connection-failures",
        since("25.0.4"),
        source="docker/cli a8379092af (vendored moby client: errConnectionFailed{error during"
        " connect})",
        summary="A transport error (error during connect) counts as a connection failure, so docker"
        " exec exits 255 when its exec inspect breaks (1 before).",
    ),
    _row.behaviour(
        "docker-engine/exec-not-found-127",
        _ranges["docker-engine-exec/not-found"],
        source="moby c866a7e5f8 (2024-09-26)",
        summary="The daemon records 127 for an exec of a missing binary (126 before).",
    ),
    _row.behaviour(
        "docker-engine/set-exit-code-from-error",
        _ranges["docker-engine/not-found"],
        source="moby 83dd99177f, 4bafaa00aa",
        summary="The daemon's start-error codes: permission denied before not a directory.",
    ),
)
"""Version-dependent behaviours, for the docs' version table."""


_SIGINT, _SIGHUP, _SIGTERM = 2, 1, 15
_INT_TERM = frozenset({_SIGINT, _SIGTERM})
_HUP = frozenset({_SIGHUP})
_RUNNING = frozenset({SignalPhase.RUNNING})
_PULLING = frozenset({SignalPhase.PULL})
_DOCKER_MAIN = "docker/cli cmd/docker/docker.go"
_SEEN = "observed through the stub Engine API on"

CLI_SIGNAL_RULES: tuple[CliSignalRule, ...] = (
    # --- docker run, the container running (attached or waiting for its status) ---
    _row.signal(
        "docker-cli-signal/run-context-canceled",
        names("run"),
        _RUNNING,
        _INT_TERM,
        SignalPolicy.EXIT_CODE,
        1,
        versions=between("27.0.1", "27.1.0", Component.CLI),
        source=f"docker/cli #4993 (v27.0.1, {_DOCKER_MAIN}: notifyContext cancels the command's"
        " context on SIGINT/SIGTERM); run.go keeps it while attached since #5250 (v27.1.0,"
        f" backport of #5247); {_SEEN} 27.0.1 (`context canceled`, 1) and 27.5.1",
        summary="CLI 27.0 cancels docker run's context on SIGINT or SIGTERM: it prints `context"
        " canceled` and exits 1, whatever the container does.",
    ),
    _row.signal(
        "docker-cli-signal/forced-exit",
        names("run"),
        _RUNNING,
        _INT_TERM,
        SignalPolicy.EXIT_CODE,
        1,
        min_count=3,
        versions=since("27.1.0"),
        source=f"docker/cli #5171 (v27.0.1, {_DOCKER_MAIN}: forceExitAfter3TerminationSignals),"
        " which decides docker run's code once run outlives the first signal: #5250"
        f" (v27.1.0; 27.0.1 exits at the first, `context canceled`); {_SEEN} 27.5.1 to"
        " 29.7.2 (`got 3 SIGTERM/SIGINTs, forcefully exiting`, 1)",
        summary="Three SIGINT/SIGTERM make the CLI print `got 3 SIGTERM/SIGINTs, forcefully"
        " exiting`"
        " and exit 1 at once.",
    ),
    _row.signal(
        "docker-cli-signal/run-forwarded",
        names("run"),
        _RUNNING,
        _INT_TERM | _HUP,
        SignalPolicy.CONTAINER_STATUS,
        None,
        sig_proxy=True,
        source="docker/cli cli/command/container/signals.go: ForwardAllSignals (--sig-proxy, on by"
        " default, with -t too: #1841, v20.10.0 and #2177, v19.03.5); run keeps its context"
        f" while attached since #5250 (v27.1.0); {_SEEN} every CLI 19.03.15 to 29.7.2"
        " (`kill?signal=INT`, then the container's 130/143)",
        summary="docker run forwards the signal to the container (--sig-proxy), waits on, and exits"
        " with the container's status.",
    ),
    _row.signal(
        "docker-cli-signal/run-no-proxy-waits",
        names("run"),
        _RUNNING,
        _INT_TERM,
        SignalPolicy.CONTAINER_STATUS,
        None,
        sig_proxy=False,
        versions=since("27.1.0"),
        source=f"docker/cli #5250 (v27.1.0, backport of #5247: run.go keeps its context while"
        f" attached; {_DOCKER_MAIN} catches SIGINT/SIGTERM since #4993); {_SEEN} 27.5.1 to"
        " 29.7.2",
        summary="With --sig-proxy=false the CLI catches SIGINT/SIGTERM, does not pass them on, and"
        " exits with the container's status when it exits.",
    ),
    _row.signal(
        "docker-cli-signal/run-no-proxy-killed",
        names("run"),
        _RUNNING,
        _INT_TERM,
        SignalPolicy.KILLED,
        None,
        sig_proxy=False,
        versions=until("27.0.1"),
        source=f"{_DOCKER_MAIN} before docker/cli #4993 (v27.0.1) installs no SIGINT/SIGTERM"
        f" handler; {_SEEN} 19.03.15 to 26.1.2 (killed by the signal)",
        summary="With --sig-proxy=false a CLI before 27 has no handler: it dies of the signal"
        " (a shell reports 128+n).",
    ),
    _row.signal(
        "docker-cli-signal/hangup-kills",
        names("run"),
        _RUNNING,
        _HUP,
        SignalPolicy.KILLED,
        None,
        sig_proxy=False,
        source="docker/cli cmd/docker/internal/signals: TerminationSignals is SIGTERM and SIGINT"
        f" only; {_SEEN} every CLI 19.03.15 to 29.7.2 (killed by SIGHUP)",
        summary="Without --sig-proxy nothing catches SIGHUP: the CLI dies of it (a shell reports"
        " 129).",
    ),
    # --- docker run, pulling the image (before the signal proxy exists) ---
    _row.signal(
        "docker-cli-signal/pull-killed",
        names("run"),
        _PULLING,
        _INT_TERM,
        SignalPolicy.KILLED,
        None,
        versions=until("27.0.1"),
        source=f"{_DOCKER_MAIN} before docker/cli #4993 (v27.0.1): no handler while docker run"
        f" pulls; {_SEEN} 19.03.15 to 26.1.2 (killed by the signal)",
        summary="A CLI before 27 has no handler while it pulls: it dies of the signal (a shell"
        " reports 128+n).",
    ),
    _row.signal(
        "docker-cli-signal/pull-cancelled-125",
        names("run"),
        _PULLING,
        _INT_TERM,
        SignalPolicy.EXIT_CODE,
        125,
        versions=between("27.0.1", "28.0.0", Component.CLI),
        source=f"docker/cli #4993 (v27.0.1: the signal cancels the context, the pull fails with"
        f" `context canceled`, which run maps to 125); {_SEEN} 27.0.1 and 27.5.1",
        summary="CLI 27 cancels the pull on SIGINT/SIGTERM; the failed create is docker run's 125.",
    ),
    _row.signal(
        "docker-cli-signal/pull-terminated",
        names("run"),
        _PULLING,
        _INT_TERM,
        SignalPolicy.SIGNAL_STATUS,
        None,
        versions=since("28.0.0"),
        source=f"docker/cli #5760, #5778 (v28.0.0, {_DOCKER_MAIN}: errCtxSignalTerminated,"
        f" getExitCode 128+signal) and #5645 (fix-run-ctx: the cancelled pull ends run);"
        f" {_SEEN} 28.0.0 to 29.7.2 (130, 143)",
        summary="From CLI 28 a signal that cancels the pull makes the CLI exit 128+n (130 for"
        " SIGINT, 143 for SIGTERM).",
    ),
    _row.signal(
        "docker-cli-signal/pull-hangup-kills",
        names("run"),
        _PULLING,
        _HUP,
        SignalPolicy.KILLED,
        None,
        source="docker/cli cmd/docker/internal/signals: TerminationSignals is SIGTERM and SIGINT"
        f" only, and the signal proxy starts after the create; {_SEEN} every CLI 19.03.15"
        " to 29.7.2",
        summary="Nothing catches SIGHUP while docker run pulls: the CLI dies of it (a shell"
        " reports 129).",
    ),
    # --- docker start -a ---
    _row.signal(
        "docker-cli-signal/start-attach-context-canceled",
        names("start -a"),
        _RUNNING,
        _INT_TERM,
        SignalPolicy.EXIT_CODE,
        1,
        versions=between("27.0.1", "28.2.0", Component.CLI),
        source="docker/cli #4993 (v27.0.1: the signal cancels start's context; start.go does not"
        f" keep it); {_SEEN} 27.0.1, 27.5.1 and 28.0.0 (`context canceled`, 1)",
        summary="docker start -a forwards the signal, but the cancelled context ends it first: it"
        " prints `context canceled` and exits 1.",
    ),
    _row.signal(
        "docker-cli-signal/start-attach-cancelled-0",
        names("start -a"),
        _RUNNING,
        _INT_TERM,
        SignalPolicy.EXIT_CODE,
        0,
        versions=since("28.2.0"),
        source=f"docker/cli #6074 (v28.2.0: containerd errdefs.IsCanceled, and {_DOCKER_MAIN}: main"
        f" prints no cancellation and exits 0); {_SEEN} 28.2.2 to 29.7.2 (0)",
        summary="docker start -a forwards the signal, and its cancelled context ends it silently:"
        " exit 0 although the container was stopped.",
    ),
    _row.signal(
        "docker-cli-signal/start-attach-forwarded",
        names("start -a"),
        _RUNNING,
        _INT_TERM | _HUP,
        SignalPolicy.CONTAINER_STATUS,
        None,
        sig_proxy=True,
        source="docker/cli cli/command/container/start.go: ForwardAllSignals (--sig-proxy, on by"
        f" default); {_SEEN} 19.03.15 to 26.1.2 for SIGINT/SIGTERM and every CLI for SIGHUP",
        summary="docker start -a forwards the signal to the container, waits on, and exits with the"
        " container's status.",
    ),
)
"""What the docker CLI does when its own process gets a signal; the first matching row wins.

Rows for SIGINT and SIGTERM in a phase shadow the later all-version rows for the releases
they cover (a CLI 28.2 ``start -a`` forwards the signal, but exits 0 first).
"""


_outcomes = {row.id: row for row in OUTCOME_RULES}
_behaviours = {row.id: row for row in BEHAVIOURS}

ENGINE = EngineSpec(
    engine=_D,
    oldest=profiles.OLDEST_DOCKER_VERSION,
    newest=profiles.NEWEST_DOCKER_VERSION,
    profile=profiles.docker,
    message_rules=MESSAGE_RULES,
    phase_rules=PHASE_RULES,
    outcome_rules=OUTCOME_RULES,
    behaviours=BEHAVIOURS,
    signal_rules=CLI_SIGNAL_RULES,
    container_status=_outcomes["docker-cli/container-status"],
    exit_code=_outcomes["docker-cli/exit-code"],
    detached=_outcomes["docker-cli/detached"],
    completed=_outcomes["docker-cli/completed"],
    exec_exit_code=_outcomes["docker-cli/exec-exit-code"],
    wait_command=_outcomes["docker-cli/wait-command"],
    wait_error=_outcomes["docker-cli/wait-error"],
    wait_error_code=125,
    wait_error_behaviour=_behaviours["docker-cli/wait-error-125"],
    attach_wait_error=_outcomes["docker-cli/attach-wait-error"],
    stdin_only_attach=_outcomes["docker-cli/stdin-only-attach-detached"],
    stdin_only_attach_waits=_behaviours["docker-cli/stdin-only-attach-waits"],
    attach_inspects=_outcomes["docker-cli/attach-inspects-exit-code"],
    run_rm_start_hangs=_outcomes["docker-cli/run-rm-start-hangs"],
    run_rm_status_lost=_outcomes["docker-cli/podman-rm-wait-answers-0"],
)
"""The Docker CLI and daemon, for :mod:`exitcodes.engines`."""
