"""The rule tables: every exit-code decision as a row of data with its source.

Three tables drive the library, and the tests and docs are generated from them:

* :data:`MESSAGE_RULES` match daemon and client error texts. Rows of layer
  :attr:`Layer.CLI` are the Docker CLI's own substring checks (``toStatusError``
  in docker/cli), which decide ``docker run``'s 125/126/127. Rows of layer
  :attr:`Layer.ENGINE` are the daemon's checks (``setExitCodeFromError`` in
  moby), which decide the code the daemon records (``State.ExitCode``, the
  exec ``ExitCode``). Rows of the other layers recognise usage errors and
  connection failures. Within a layer the first matching row wins. Both of
  those are the client's own errors: a text the daemon answered with
  (``Error response from daemon: ...``) is neither, and connection wordings are
  looked for in the first and last 1,024 characters of a longer text, where
  clients and their wrappers put them.
* :data:`PHASE_RULES` say what a command does with an error, by the phase in
  which it happened.
* :data:`BEHAVIOURS` list the version-dependent changes, each with the release
  that introduced it.

A new engine or version is a new row; every row cites where its behaviour
comes from.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping

from exitcodes._evidence import plain
from exitcodes._record import Record
from exitcodes.errors import InvalidArgumentError, UnknownRuleError, describe
from exitcodes.kubernetes import REASONS, ReasonRule
from exitcodes.outcome import ExitOutcome
from exitcodes.profiles import Engine, Profile, Version

__all__ = [
    "ALL_RULES",
    "BEHAVIOURS",
    "CLI_SIGNAL_RULES",
    "COMMANDS",
    "MESSAGE_RULES",
    "OUTCOME_RULES",
    "PHASES",
    "PHASE_RULES",
    "Behaviour",
    "CliSignalRule",
    "Component",
    "ErrorPolicy",
    "Layer",
    "Match",
    "MessageRule",
    "OutcomeRule",
    "PhaseRule",
    "Rule",
    "SignalPhase",
    "SignalPolicy",
    "VersionRange",
    "behaviour",
    "cli_signal_rule",
    "rule_by_id",
]

COMMANDS = ("run", "create", "start", "start -a", "attach", "exec", "wait", "other")
"""The commands :func:`exitcodes.resolve` models; ``"other"`` is any other docker command."""

PHASES = ("flags", "args", "connect", "create", "attach", "start", "wait")
"""Where an error can happen, in the order a command meets them."""


class Component(enum.Enum):
    """Which program's version a row depends on."""

    CLI = "cli"
    """The command-line client (docker/cli)."""
    ENGINE = "engine"
    """The daemon (moby)."""


class VersionRange(Record):
    """Versions ``since <= v < until`` of one component; ``None`` is unbounded."""

    __slots__ = ("since", "until", "component")  # noqa: RUF023 - the fields, in order
    since: Version | None
    until: Version | None
    component: Component

    def __init__(
        self,
        since: Version | None = None,
        until: Version | None = None,
        component: Component = Component.CLI,
    ) -> None:
        setattr_ = object.__setattr__
        setattr_(self, "since", since)
        setattr_(self, "until", until)
        setattr_(self, "component", component)

    def contains(self, profile: Profile) -> bool:
        """Whether *profile*'s version of the range's ``component`` is in the range."""
        version = profile.version if self.component is Component.CLI else profile.engine_version
        if self.since is not None and version < self.since:
            return False
        return self.until is None or version < self.until

    def __str__(self) -> str:
        name = self.component.value
        if self.since and self.until:
            return f"{name} {self.since} to before {self.until}"
        if self.since:
            return f"{name} >= {self.since}"
        if self.until:
            return f"{name} < {self.until}"
        return "all versions"


ALL_VERSIONS = VersionRange()


class Layer(enum.Enum):
    """Which program's check a message rule reproduces."""

    USAGE = "usage"
    """The CLI rejected its own arguments before talking to the daemon."""
    CONNECTION = "connection"
    """The client could not reach the daemon (a client-side error text)."""
    CLI = "cli"
    """docker/cli ``toStatusError``: ``docker run``'s 125/126/127."""
    ENGINE = "engine"
    """moby ``setExitCodeFromError``: the code the daemon records on a failed start."""
    ENGINE_EXEC = "engine-exec"
    """The code the daemon records for an exec whose process failed to start."""


class Match(enum.Enum):
    """How a rule's patterns are compared with a message."""

    SUBSTRING = "substring"
    """Case-sensitive substring anywhere (Go ``strings.Contains``)."""
    SUBSTRING_IGNORE_CASE = "substring, ignoring case"
    """Substring of the lower-cased message (moby lower-cases before matching)."""
    PREFIX = "prefix"
    """The message, after any ``"docker: "``/``"Error: "`` prefix, starts with it."""
    ALWAYS = "always"
    """No pattern: the fallback row of its layer."""


class MessageRule(Record):
    """One row of a message table: if the text matches, this is the answer.

    Attributes:
        id: stable identifier, ``<engine>-<layer>/<name>``; appears in results.
        engine: the engine whose behaviour the row reproduces.
        layer: which check it reproduces (see :class:`Layer`).
        patterns: any one of these matching is enough.
        match: how patterns are compared.
        outcome: what the match means happened.
        exit_code: the code that program produces for it.
        versions: the releases that have this row.
        source: where the behaviour is decided (repo: file: function, commit).
        summary: one plain sentence, used as the result's reason.
        anchors: if set, the message (after any ``docker:`` or ``Error:`` prefix)
            must also start with one of these: where the CLI's own error begins.
    """

    __slots__ = (  # noqa: RUF023 - the fields, in order
        "id",
        "engine",
        "layer",
        "patterns",
        "match",
        "outcome",
        "exit_code",
        "versions",
        "source",
        "summary",
        "anchors",
    )
    id: str
    engine: Engine
    layer: Layer
    patterns: tuple[str, ...]
    match: Match
    outcome: ExitOutcome
    exit_code: int
    versions: VersionRange
    source: str
    summary: str
    anchors: tuple[str, ...]

    def __init__(  # noqa: PLR0917 - the rows are built positionally
        self,
        id: str,
        engine: Engine,
        layer: Layer,
        patterns: tuple[str, ...],
        match: Match,
        outcome: ExitOutcome,
        exit_code: int,
        versions: VersionRange,
        source: str,
        summary: str,
        anchors: tuple[str, ...] = (),
    ) -> None:
        setattr_ = object.__setattr__
        setattr_(self, "id", id)
        setattr_(self, "engine", engine)
        setattr_(self, "layer", layer)
        setattr_(self, "patterns", patterns)
        setattr_(self, "match", match)
        setattr_(self, "outcome", outcome)
        setattr_(self, "exit_code", exit_code)
        setattr_(self, "versions", versions)
        setattr_(self, "source", source)
        setattr_(self, "summary", summary)
        setattr_(self, "anchors", anchors)

    def matches(self, message: str, lowered: str, stripped: str) -> bool:
        """Whether the rule matches; *lowered* and *stripped* are precomputed forms."""
        if self.anchors and not stripped.startswith(self.anchors):
            return False
        if self.match is Match.SUBSTRING:
            return any(pattern in message for pattern in self.patterns)
        if self.match is Match.SUBSTRING_IGNORE_CASE:
            return any(pattern in lowered for pattern in self.patterns)
        if self.match is Match.PREFIX:
            return stripped.startswith(self.patterns)
        return True


_NOT_FOUND = (
    "executable file not found",
    "no such file or directory",
    "system cannot find the file specified",
)
_CLI_TO_STATUS = (
    "docker/cli cli/command/container/run.go: toStatusError (v28+, 90058df305);"
    " runStartContainerErr before"
)
_MOBY_ERRORS = "moby daemon/errors.go: setExitCodeFromError (Engine 24+, 83dd99177f)"
_MOBY_TRANSLATE = "moby daemon/start.go: translateContainerdStartErr (Engine < 24)"
_D = Engine.DOCKER
_FLAG_ERRORS = (
    "unknown flag:",
    "unknown shorthand flag:",
    "flag needs an argument:",
    "invalid argument ",
)
_P = Engine.PODMAN
_N = Engine.NERDCTL


def _release(version: str) -> Version:
    """A table's literal ``MAJOR.MINOR.PATCH``, without parse_version's pattern.

    The tables are built at import, where compiling that pattern would cost more than
    reading all their versions.
    """
    major, minor, patch = version.split(".")
    return Version(int(major), int(minor), int(patch))


def _since(version: str, component: Component = Component.CLI) -> VersionRange:
    return VersionRange(since=_release(version), component=component)


def _until(version: str, component: Component = Component.CLI) -> VersionRange:
    return VersionRange(until=_release(version), component=component)


def _between(since: str, until: str, component: Component) -> VersionRange:
    return VersionRange(_release(since), _release(until), component)


_ENGINE_24 = "24.0.0"

MESSAGE_RULES: tuple[MessageRule, ...] = (
    # --- usage: the CLI's own argument checks (prefix of the printed error) ---
    MessageRule(
        "docker-usage/flag-error",
        _D,
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
        ALL_VERSIONS,
        "docker/cli cli/cobra.go: FlagErrorFunc (StatusError 125)",
        "The CLI rejected a flag or a flag value; docker exits 125 for flag errors.",
    ),
    MessageRule(
        "docker-usage/argument-error",
        _D,
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
        ALL_VERSIONS,
        "docker/cli cli/required.go: RequiresMinArgs/ExactArgs/NoArgs;"
        " cmd/docker/docker.go: unknown command (plain errors, exit 1)",
        "The CLI rejected the number of arguments or the command name; that is a plain error,"
        " exit 1.",
        anchors=('"', "'", "unknown command: "),
    ),
    MessageRule(
        "docker-usage/client-check",
        _D,
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
        ALL_VERSIONS,
        "docker/cli cli/streams/in.go: CheckTty; run.go, start.go (plain errors); cobra's usage"
        " for an unknown sub-command of CLI 19.03 and 20.10 (all observed through the stub"
        " Engine API)",
        "The CLI refused the invocation before asking the daemon (no TTY, -a with -d, an"
        " unknown sub-command): a plain error, exit 1.",
    ),
    MessageRule(
        "docker-usage/not-a-docker-command",
        _D,
        Layer.USAGE,
        ("is not a docker command",),
        Match.SUBSTRING,
        ExitOutcome.USAGE_ERROR,
        1,
        ALL_VERSIONS,
        "docker/cli cmd/docker/docker.go (<= v27: \"'foo' is not a docker command.\")",
        "An unknown top-level command is a plain error: exit 1.",
        anchors=("'",),
    ),
    # --- connection: client-side wordings of an unreachable daemon ---
    MessageRule(
        "docker-connection/daemon-unreachable",
        _D,
        Layer.CONNECTION,
        (
            "Cannot connect to the Docker daemon",
            "failed to connect to the docker API",
            "Cannot connect to Docker Engine via",
        ),
        Match.SUBSTRING,
        ExitOutcome.ENGINE_ERROR,
        125,
        ALL_VERSIONS,
        "aiodocker docker.py: _do_query (`Cannot connect to Docker Engine via {connection_info}"
        " [{exc}]`, DockerError 900, read in aiodocker 0.27.0);"
        " moby client/errors.go: ErrorConnectionFailed; client/request.go: doRequest (moby"
        " client 67596f01e2 for CLI 29: `failed to connect to the docker API at unix:///...;"
        " check if the path is correct and if the daemon is running: dial unix ...: connect:"
        " no such file or directory` for a missing socket, which docker run 29.0.0 to 29.1.2"
        " maps to 127 as its not-found text; observed on 29.0.0 and 29.1.2, and 1 from 29.1.3)",
        "The client could not reach the daemon.",
    ),
    MessageRule(
        "docker-connection/transport-error",
        _D,
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
        ALL_VERSIONS,
        "moby client/request.go: doRequest (wraps transport errors: error during connect;"
        " errConnectionFailed since the client vendored in docker/cli a8379092af, v25.0.4);"
        " requests' ConnectionError wording for docker-py",
        "The request to the daemon failed in transport (refused, reset, EOF, socket permissions).",
    ),
    # --- the Docker CLI's run/create mapping, checked in this order ---
    MessageRule(
        "docker-cli/not-found",
        _D,
        Layer.CLI,
        _NOT_FOUND,
        Match.SUBSTRING,
        ExitOutcome.NOT_FOUND,
        127,
        ALL_VERSIONS,
        _CLI_TO_STATUS,
        "The error says a file was not found, which docker run reports as 127 (command not"
        " found), whichever file it was.",
    ),
    MessageRule(
        "docker-cli/permission-denied",
        _D,
        Layer.CLI,
        ("permission denied",),
        Match.SUBSTRING,
        ExitOutcome.CANNOT_INVOKE,
        126,
        ALL_VERSIONS,
        _CLI_TO_STATUS,
        "The error says permission denied, which docker run reports as 126 (command cannot be"
        " invoked).",
    ),
    MessageRule(
        "docker-cli/is-a-directory",
        _D,
        Layer.CLI,
        ("is a directory",),
        Match.SUBSTRING,
        ExitOutcome.CANNOT_INVOKE,
        126,
        _since("23.0.1"),
        _CLI_TO_STATUS + "; EISDIR added in docker/cli 9b5ceb52b0 (v23.0.1)",
        "The error says is a directory, which docker run reports as 126 (command cannot be"
        " invoked) since CLI 23.0.1.",
    ),
    MessageRule(
        "docker-cli/engine-error",
        _D,
        Layer.CLI,
        (),
        Match.ALWAYS,
        ExitOutcome.ENGINE_ERROR,
        125,
        ALL_VERSIONS,
        _CLI_TO_STATUS,
        "The error matches none of docker's not-found or permission phrases, so docker run"
        " reports it as 125 (the engine failed).",
    ),
    # --- the daemon's recorded code on a failed container start, Engine >= 24 ---
    MessageRule(
        "docker-engine/permission-denied",
        _D,
        Layer.ENGINE,
        ("permission denied",),
        Match.SUBSTRING_IGNORE_CASE,
        ExitOutcome.CANNOT_INVOKE,
        126,
        _since(_ENGINE_24, Component.ENGINE),
        _MOBY_ERRORS,
        "The daemon records 126 for a start error that says permission denied.",
    ),
    MessageRule(
        "docker-engine/is-a-directory",
        _D,
        Layer.ENGINE,
        ("is a directory",),
        Match.SUBSTRING_IGNORE_CASE,
        ExitOutcome.CANNOT_INVOKE,
        126,
        _since(_ENGINE_24, Component.ENGINE),
        _MOBY_ERRORS + "; EISDIR from moby 713e02e03e (Engine 23.0.2)",
        "The daemon records 126 for a start error that says is a directory.",
    ),
    MessageRule(
        "docker-engine/not-a-directory",
        _D,
        Layer.ENGINE,
        ("not a directory",),
        Match.SUBSTRING_IGNORE_CASE,
        ExitOutcome.ENGINE_ERROR,
        127,
        _since(_ENGINE_24, Component.ENGINE),
        _MOBY_ERRORS + "; ENOTDIR since moby PR #24754 (1.13)",
        "The daemon records 127 for a start error that says not a directory (a file mounted"
        " onto a directory or the reverse).",
    ),
    MessageRule(
        "docker-engine/not-found",
        _D,
        Layer.ENGINE,
        (*_NOT_FOUND, "failed to run runc create/exec call"),
        Match.SUBSTRING_IGNORE_CASE,
        ExitOutcome.NOT_FOUND,
        127,
        _since(_ENGINE_24, Component.ENGINE),
        _MOBY_ERRORS,
        "The daemon records 127 for a start error that says a file was not found.",
    ),
    MessageRule(
        "docker-engine/unknown",
        _D,
        Layer.ENGINE,
        (),
        Match.ALWAYS,
        ExitOutcome.ENGINE_ERROR,
        128,
        _since(_ENGINE_24, Component.ENGINE),
        _MOBY_ERRORS + " (exitUnknown)",
        "The daemon records 128 for any other start error.",
    ),
    # --- the same, Engine < 24: sequential overrides, ENOTDIR last ---
    MessageRule(
        "docker-engine-legacy/not-a-directory",
        _D,
        Layer.ENGINE,
        ("not a directory",),
        Match.SUBSTRING_IGNORE_CASE,
        ExitOutcome.ENGINE_ERROR,
        127,
        _until(_ENGINE_24, Component.ENGINE),
        _MOBY_TRANSLATE,
        "The daemon records 127 for a start error that says not a directory (its last override).",
    ),
    MessageRule(
        "docker-engine-legacy/permission-denied",
        _D,
        Layer.ENGINE,
        ("permission denied",),
        Match.SUBSTRING_IGNORE_CASE,
        ExitOutcome.CANNOT_INVOKE,
        126,
        _until(_ENGINE_24, Component.ENGINE),
        _MOBY_TRANSLATE,
        "The daemon records 126 for a start error that says permission denied.",
    ),
    MessageRule(
        "docker-engine-legacy/is-a-directory",
        _D,
        Layer.ENGINE,
        ("is a directory",),
        Match.SUBSTRING_IGNORE_CASE,
        ExitOutcome.CANNOT_INVOKE,
        126,
        _between("23.0.2", _ENGINE_24, Component.ENGINE),
        _MOBY_TRANSLATE + "; moby 713e02e03e (Engine 23.0.2)",
        "The daemon records 126 for a start error that says is a directory (Engine 23.0.2+).",
    ),
    MessageRule(
        "docker-engine-legacy/not-found",
        _D,
        Layer.ENGINE,
        _NOT_FOUND,
        Match.SUBSTRING_IGNORE_CASE,
        ExitOutcome.NOT_FOUND,
        127,
        _until(_ENGINE_24, Component.ENGINE),
        _MOBY_TRANSLATE + "; command path no longer required since moby 225e046d9d (20.10.7)",
        "The daemon records 127 for a start error that says a file was not found.",
    ),
    MessageRule(
        "docker-engine-legacy/unknown",
        _D,
        Layer.ENGINE,
        (),
        Match.ALWAYS,
        ExitOutcome.ENGINE_ERROR,
        128,
        _until(_ENGINE_24, Component.ENGINE),
        "moby daemon/start.go: containerStart defer (ExitCode 128 when left 0)",
        "The daemon records 128 for any other start error.",
    ),
    # --- exec: the code the daemon records when the exec'd process fails to start ---
    MessageRule(
        "docker-engine-exec/start-failed-126",
        _D,
        Layer.ENGINE_EXEC,
        (),
        Match.ALWAYS,
        ExitOutcome.CANNOT_INVOKE,
        126,
        _until("28.0.0", Component.ENGINE),
        "moby daemon/exec.go: ContainerExecStart defer (ExitCode 126, v1.12 to v27)",
        "Before Engine 28 the daemon records 126 for every exec that fails to start, a missing"
        " binary included.",
    ),
    MessageRule(
        "docker-engine-exec/permission-denied",
        _D,
        Layer.ENGINE_EXEC,
        ("permission denied", "is a directory"),
        Match.SUBSTRING_IGNORE_CASE,
        ExitOutcome.CANNOT_INVOKE,
        126,
        _since("28.0.0", Component.ENGINE),
        "moby daemon/exec.go + " + _MOBY_ERRORS + "; c866a7e5f8 (Engine 28)",
        "The daemon records 126 for an exec that says permission denied or is a directory.",
    ),
    MessageRule(
        "docker-engine-exec/not-found",
        _D,
        Layer.ENGINE_EXEC,
        ("not a directory", *_NOT_FOUND, "failed to run runc create/exec call"),
        Match.SUBSTRING_IGNORE_CASE,
        ExitOutcome.NOT_FOUND,
        127,
        _since("28.0.0", Component.ENGINE),
        "moby daemon/exec.go + " + _MOBY_ERRORS + "; c866a7e5f8 (Engine 28)",
        "Since Engine 28 the daemon records 127 for an exec whose binary was not found.",
    ),
    MessageRule(
        "docker-engine-exec/unknown",
        _D,
        Layer.ENGINE_EXEC,
        (),
        Match.ALWAYS,
        ExitOutcome.ENGINE_ERROR,
        128,
        _since("28.0.0", Component.ENGINE),
        "moby daemon/exec.go + " + _MOBY_ERRORS + "; c866a7e5f8 (Engine 28)",
        "Since Engine 28 the daemon records 128 for an exec that the runtime failed to start"
        " for another reason.",
    ),
    # --- Podman: its own usage, connection and start-error rules ---
    MessageRule(
        "podman-usage/flag-error",
        _P,
        Layer.USAGE,
        _FLAG_ERRORS,
        Match.PREFIX,
        ExitOutcome.USAGE_ERROR,
        125,
        ALL_VERSIONS,
        "containers/podman cmd/podman/root.go: Execute (any error without a code -> 125)",
        "Podman rejected a flag; like every podman error without its own code it exits 125.",
    ),
    MessageRule(
        "podman-usage/argument-error",
        _P,
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
        ALL_VERSIONS,
        "containers/podman cmd/podman/root.go: Execute; cmd/podman/validate/args.go",
        "Podman rejected the arguments or the command name: exit 125.",
    ),
    MessageRule(
        "podman-connection/service-unreachable",
        _P,
        Layer.CONNECTION,
        ("Cannot connect to Podman", "unable to connect to Podman"),
        Match.SUBSTRING,
        ExitOutcome.ENGINE_ERROR,
        125,
        ALL_VERSIONS,
        "containers/podman pkg/bindings/connection.go (podman-remote)",
        "podman-remote could not reach the Podman service: exit 125.",
    ),
    MessageRule(
        "podman-cli/not-found",
        _P,
        Layer.CLI,
        ("not found", "executable path is empty", "no such file"),
        Match.SUBSTRING_IGNORE_CASE,
        ExitOutcome.NOT_FOUND,
        127,
        ALL_VERSIONS,
        "containers/podman libpod/define/exec_codes.go: ExitCode (lower-cased substrings)",
        "The start error says not found or no such file, which podman reports as 127.",
    ),
    MessageRule(
        "podman-cli/permission-denied",
        _P,
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
        ALL_VERSIONS,
        "containers/podman libpod/define/exec_codes.go: ExitCode (everything else -> 126);"
        " libpod/oci_util.go: getOCIRuntimeError",
        "The start error says the command could not be executed, which podman reports as 126.",
    ),
    MessageRule(
        "podman-cli/start-failed",
        _P,
        Layer.CLI,
        (),
        Match.ALWAYS,
        ExitOutcome.ENGINE_ERROR,
        126,
        ALL_VERSIONS,
        "containers/podman libpod/define/exec_codes.go: ExitCode (catch-all 126)",
        "Podman reports every other start failure as 126 (docker would say 125): port"
        " conflicts, runtime flags, SELinux labels, a missing workdir.",
    ),
    MessageRule(
        "podman-exec/permission-denied",
        _P,
        Layer.ENGINE_EXEC,
        ("permission denied", "operation not permitted"),
        Match.SUBSTRING_IGNORE_CASE,
        ExitOutcome.CANNOT_INVOKE,
        126,
        ALL_VERSIONS,
        "containers/podman libpod/define/exec_codes.go: TranslateExecErrorToExitCode;"
        " libpod/oci_util.go: getOCIRuntimeError (checked first)",
        "The exec'd command could not be executed (OCI permission denied): podman exits 126.",
    ),
    MessageRule(
        "podman-exec/not-found",
        _P,
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
        ALL_VERSIONS,
        "containers/podman libpod/define/exec_codes.go: TranslateExecErrorToExitCode;"
        " libpod/oci_util.go: getOCIRuntimeError",
        "The exec'd command was not found (OCI runtime not found): podman exits 127.",
    ),
    MessageRule(
        "podman-exec/invalid-argument",
        _P,
        Layer.ENGINE_EXEC,
        ("invalid argument",),
        Match.SUBSTRING_IGNORE_CASE,
        ExitOutcome.USAGE_ERROR,
        125,
        _since("5.1.0"),
        "containers/podman libpod/define/exec_codes.go: TranslateExecErrorToExitCode"
        " (ErrInvalidArg, containers/podman#22329)",
        "The exec request was invalid: podman exits 125.",
    ),
    MessageRule(
        "podman-exec/unknown",
        _P,
        Layer.ENGINE_EXEC,
        (),
        Match.ALWAYS,
        ExitOutcome.ENGINE_ERROR,
        -1,
        ALL_VERSIONS,
        "containers/podman libpod/container_exec.go (-1); cmd/podman/root.go: os.Exit(-1)",
        "Any other exec failure leaves podman's exit code at -1, which the kernel reports as 255.",
    ),
    # --- nerdctl: exit 1 for every engine error; the outcome still says what happened ---
    MessageRule(
        "nerdctl-usage/flag-error",
        _N,
        Layer.USAGE,
        _FLAG_ERRORS,
        Match.PREFIX,
        ExitOutcome.USAGE_ERROR,
        1,
        ALL_VERSIONS,
        "containerd/nerdctl cmd/nerdctl/main.go (log.Fatal -> exit 1)",
        "nerdctl rejected a flag; it exits 1 for every error.",
    ),
    MessageRule(
        "nerdctl-cli/not-found",
        _N,
        Layer.CLI,
        _NOT_FOUND,
        Match.SUBSTRING,
        ExitOutcome.NOT_FOUND,
        1,
        ALL_VERSIONS,
        "containerd/nerdctl cmd/nerdctl/main.go + pkg/errutil/exit_coder.go (no 125/126/127)",
        "The command was not found, but nerdctl exits 1 for every engine error.",
    ),
    MessageRule(
        "nerdctl-cli/permission-denied",
        _N,
        Layer.CLI,
        ("permission denied", "is a directory"),
        Match.SUBSTRING,
        ExitOutcome.CANNOT_INVOKE,
        1,
        ALL_VERSIONS,
        "containerd/nerdctl cmd/nerdctl/main.go + pkg/errutil/exit_coder.go (no 125/126/127)",
        "The command could not be invoked, but nerdctl exits 1 for every engine error.",
    ),
    MessageRule(
        "nerdctl-cli/error",
        _N,
        Layer.CLI,
        (),
        Match.ALWAYS,
        ExitOutcome.ENGINE_ERROR,
        1,
        ALL_VERSIONS,
        "containerd/nerdctl cmd/nerdctl/main.go (log.Fatal -> exit 1)",
        "nerdctl exits 1 for every engine error.",
    ),
)
"""Every message rule, grouped by layer, in matching order within a layer."""


class ErrorPolicy(enum.Enum):
    """What a command does with an error met in a phase."""

    EXIT_CODE = "fixed exit code"
    """Exit with the row's code, whatever the message says."""
    CLI_MESSAGE_RULES = "docker run's message rules"
    """Match the message against the :attr:`Layer.CLI` rules (125/126/127)."""
    EXEC_START_RULES = "the daemon's exec rules"
    """The daemon records an exec exit code from the :attr:`Layer.ENGINE_EXEC` rules."""
    CONNECTION_255_ELSE_1 = "255 if the connection failed, else 1"
    """The CLI exits -1 (255) when the request failed to connect, 1 otherwise."""


class PhaseRule(Record):
    """One row of the phase table: what *commands* do with an error in *phase*.

    ``commands`` and ``phases`` are sets of names from :data:`COMMANDS` and
    :data:`PHASES`; ``detach`` restricts the row to detached (``True``) or
    attached (``False``) runs, ``None`` to either. The first matching row wins.
    """

    __slots__ = (  # noqa: RUF023 - the fields, in order
        "id",
        "engine",
        "commands",
        "phases",
        "policy",
        "outcome",
        "exit_code",
        "versions",
        "source",
        "summary",
        "detach",
        "patterns",
    )
    id: str
    engine: Engine
    commands: frozenset[str]
    phases: frozenset[str]
    policy: ErrorPolicy
    outcome: ExitOutcome
    exit_code: int | None
    versions: VersionRange
    source: str
    summary: str
    detach: bool | None
    patterns: tuple[str, ...]

    def __init__(  # noqa: PLR0917 - the rows are built positionally
        self,
        id: str,
        engine: Engine,
        commands: frozenset[str],
        phases: frozenset[str],
        policy: ErrorPolicy,
        outcome: ExitOutcome,
        exit_code: int | None,
        versions: VersionRange,
        source: str,
        summary: str,
        detach: bool | None = None,
        patterns: tuple[str, ...] = (),
    ) -> None:
        setattr_ = object.__setattr__
        setattr_(self, "id", id)
        setattr_(self, "engine", engine)
        setattr_(self, "commands", commands)
        setattr_(self, "phases", phases)
        setattr_(self, "policy", policy)
        setattr_(self, "outcome", outcome)
        setattr_(self, "exit_code", exit_code)
        setattr_(self, "versions", versions)
        setattr_(self, "source", source)
        setattr_(self, "summary", summary)
        setattr_(self, "detach", detach)
        setattr_(self, "patterns", patterns)

    def matches(self, command: str, phase: str, detach: bool, message: str) -> bool:
        """Whether the row applies (versions are checked by the caller)."""
        return self.applies(command, phase, detach) and self.reads(message)

    def applies(self, command: str, phase: str, detach: bool) -> bool:
        """Whether the row is about this command, phase and detach, whatever the message."""
        return (
            command in self.commands
            and phase in self.phases
            and (self.detach is None or self.detach is detach)
        )

    def reads(self, message: str) -> bool:
        """Whether *message* contains one of the row's patterns (any message without any)."""
        return not self.patterns or any(pattern in message for pattern in self.patterns)


def _names(*names: str) -> frozenset[str]:
    return frozenset(names)


_ALL_COMMANDS = frozenset(COMMANDS)
_RUN_CODE = "docker/cli cli/command/container/run.go: runRun/runContainer"

PHASE_RULES: tuple[PhaseRule, ...] = (
    PhaseRule(
        "docker-cli/flag-error",
        _D,
        _ALL_COMMANDS,
        _names("flags"),
        ErrorPolicy.EXIT_CODE,
        ExitOutcome.USAGE_ERROR,
        125,
        ALL_VERSIONS,
        "docker/cli cli/cobra.go: FlagErrorFunc; run.go/create.go: parse errors (StatusError 125)",
        "A bad flag or flag value makes every docker command exit 125.",
    ),
    PhaseRule(
        "docker-cli/argument-error",
        _D,
        _ALL_COMMANDS,
        _names("args"),
        ErrorPolicy.EXIT_CODE,
        ExitOutcome.USAGE_ERROR,
        1,
        ALL_VERSIONS,
        "docker/cli cli/required.go; cmd/docker/docker.go (plain errors, exit 1)",
        "A wrong argument count or an unknown command is a plain error: exit 1.",
    ),
    PhaseRule(
        "docker-cli/run-ping-failed",
        _D,
        _names("run"),
        _names("connect"),
        ErrorPolicy.EXIT_CODE,
        ExitOutcome.ENGINE_ERROR,
        1,
        _since("29.1.3"),
        "docker/cli a6335c4226 (v29.1.3, #6700): run pings the daemon first and returns its raw"
        " error (observed on 29.1.3 and 29.7.2: an unreachable daemon, a missing socket and a"
        " ping answered with HTTP 500 all exit 1; 29.1.2 and older exit 125/127, or ignore the"
        " failed ping)",
        "Since CLI 29.1.3 docker run pings the daemon first, so an unreachable daemon (or a"
        " failed ping) is a plain error: exit 1.",
    ),
    PhaseRule(
        "docker-cli/run-error",
        _D,
        _names("run"),
        _names("connect", "create", "start"),
        ErrorPolicy.CLI_MESSAGE_RULES,
        ExitOutcome.ENGINE_ERROR,
        None,
        ALL_VERSIONS,
        _RUN_CODE + " -> toStatusError",
        "docker run maps a create, pull, start or connection error to 125/126/127 by its text.",
    ),
    PhaseRule(
        "docker-cli/run-detached-wait-ignored",
        _D,
        _names("run"),
        _names("wait"),
        ErrorPolicy.EXIT_CODE,
        ExitOutcome.SUCCESS,
        0,
        ALL_VERSIONS,
        _RUN_CODE + " (Detached mode: the wait result is never read)",
        "docker run -d exits 0 once the container started; a failed wait is only logged.",
        detach=True,
    ),
    PhaseRule(
        "docker-cli/detach-keys",
        _D,
        _names("run", "start -a"),
        _names("attach"),
        ErrorPolicy.EXIT_CODE,
        ExitOutcome.SUCCESS,
        0,
        ALL_VERSIONS,
        "docker/cli run.go, start.go (term.EscapeError -> nil)",
        "The user detached with the key sequence (read escape sequence): docker run and"
        " start -a exit 0; attach and exec exit 1.",
        patterns=("read escape sequence",),
    ),
    PhaseRule(
        "docker-cli/wait-cancelled",
        _D,
        _names("run", "start -a"),
        _names("wait"),
        ErrorPolicy.EXIT_CODE,
        ExitOutcome.STATUS_UNKNOWN,
        0,
        _since("26.1.1"),
        "docker/cli utils.go: waitExitOrRemoved (context.Canceled is not an error since"
        " docker/cli #5043, v26.1.1; the channel is closed since #5062, v26.1.2, and 840016ea05,"
        " 31644d5ea7 on main). Observed: 26.1.0 logs `error waiting for container: context"
        " canceled` after a failed start, 26.1.1 and later do not",
        "The wait was cancelled (context canceled): the status channel closes and the CLI reads"
        " 0; CLI 26.1.1 alone never closes it, so a docker run --rm whose start fails waits"
        " forever.",
        patterns=("context canceled",),
    ),
    PhaseRule(
        "docker-cli/wait-failed",
        _D,
        _names("run", "start -a"),
        _names("wait"),
        ErrorPolicy.EXIT_CODE,
        ExitOutcome.STATUS_UNKNOWN,
        125,
        ALL_VERSIONS,
        "docker/cli cli/command/container/utils.go: waitExitOrRemoved (error -> 125)",
        "The wait request failed, so the container's status is unknown: docker exits 125.",
    ),
    PhaseRule(
        "docker-cli/exec-process-start-failed",
        _D,
        _names("exec"),
        _names("start"),
        ErrorPolicy.EXEC_START_RULES,
        ExitOutcome.ENGINE_ERROR,
        None,
        ALL_VERSIONS,
        "moby daemon/exec.go: ContainerExecStart; docker/cli exec.go: getExecExitStatus",
        "The exec'd process failed to start; the daemon records its exit code and docker exec"
        " exits with it.",
        detach=False,
    ),
    PhaseRule(
        "docker-cli/exec-inspect-failed",
        _D,
        _names("exec"),
        _names("wait"),
        ErrorPolicy.CONNECTION_255_ELSE_1,
        ExitOutcome.STATUS_UNKNOWN,
        None,
        ALL_VERSIONS,
        "docker/cli cli/command/container/exec.go: getExecExitStatus (StatusError{-1} when"
        " client.IsErrConnectionFailed)",
        "The exec inspect failed: 255 (-1) if the client could not reach the daemon, 1 for an"
        " API error (Error response from daemon).",
    ),
    PhaseRule(
        "docker-cli/plain-error",
        _D,
        _ALL_COMMANDS,
        frozenset(PHASES),
        ErrorPolicy.EXIT_CODE,
        ExitOutcome.ENGINE_ERROR,
        1,
        ALL_VERSIONS,
        "docker/cli cmd/docker/docker.go: getExitCode (non-StatusError -> 1)",
        "This command returns the daemon's error as a plain error, without docker run's"
        " mapping: exit 1.",
    ),
    # --- Podman ---
    PhaseRule(
        "podman-cli/detach-keys",
        _P,
        _names("run", "start -a", "attach"),
        _names("attach"),
        ErrorPolicy.EXIT_CODE,
        ExitOutcome.SUCCESS,
        0,
        ALL_VERSIONS,
        "containers/podman pkg/domain/infra/abi/containers.go: ContainerRun/ContainerAttach"
        " (define.ErrDetach is not an error)",
        "The user detached with the key sequence: podman exits 0, attach included.",
        patterns=("read escape sequence", "detached from container"),
    ),
    PhaseRule(
        "podman-cli/flag-error",
        _P,
        _ALL_COMMANDS,
        _names("flags"),
        ErrorPolicy.EXIT_CODE,
        ExitOutcome.USAGE_ERROR,
        125,
        ALL_VERSIONS,
        "containers/podman cmd/podman/root.go: Execute (test/e2e/run_exit_test.go: 125)",
        "A bad flag makes podman exit 125, like every podman error without its own code.",
    ),
    PhaseRule(
        "podman-cli/exec-without-command",
        _P,
        _names("exec"),
        _names("args"),
        ErrorPolicy.EXIT_CODE,
        ExitOutcome.USAGE_ERROR,
        -1,
        _until("5.1.0"),
        "containers/podman libpod/container_exec.go (-1 before ErrInvalidArg,"
        " containers/podman#22329); observed on podman 4.3.1",
        "Before podman 5.1, exec without a command failed inside libpod with -1: exit 255.",
        patterns=("must provide a non-empty command",),
    ),
    PhaseRule(
        "podman-cli/argument-error",
        _P,
        _ALL_COMMANDS,
        _names("args"),
        ErrorPolicy.EXIT_CODE,
        ExitOutcome.USAGE_ERROR,
        125,
        ALL_VERSIONS,
        "containers/podman cmd/podman/root.go: Execute (observed on podman 4.3.1)",
        "A wrong argument count or an unknown command makes podman exit 125.",
    ),
    PhaseRule(
        "podman-cli/run-start-error",
        _P,
        _names("run"),
        _names("start"),
        ErrorPolicy.CLI_MESSAGE_RULES,
        ExitOutcome.ENGINE_ERROR,
        None,
        ALL_VERSIONS,
        "containers/podman pkg/domain/infra/abi/containers.go: ContainerRun -> define.ExitCode",
        "podman run maps a start error to 127 (not found) or 126 (anything else) by its text.",
    ),
    PhaseRule(
        "podman-cli/run-detached-wait-ignored",
        _P,
        _names("run"),
        _names("wait"),
        ErrorPolicy.EXIT_CODE,
        ExitOutcome.SUCCESS,
        0,
        ALL_VERSIONS,
        "containers/podman pkg/domain/infra/abi/containers.go: ContainerRun (detached)",
        "podman run -d exits 0 once the container started.",
        detach=True,
    ),
    PhaseRule(
        "podman-cli/wait-failed-127",
        _P,
        _names("run", "start -a"),
        _names("wait"),
        ErrorPolicy.EXIT_CODE,
        ExitOutcome.STATUS_UNKNOWN,
        127,
        ALL_VERSIONS,
        "containers/podman pkg/domain/infra/abi/containers.go: ContainerWaitForExitCode"
        " (returns 127 when Wait fails)",
        "Waiting for the container failed; podman's ContainerWaitForExitCode returns 127 for"
        " that (sic).",
    ),
    PhaseRule(
        "podman-cli/exec-process-start-failed",
        _P,
        _names("exec"),
        _names("start"),
        ErrorPolicy.EXEC_START_RULES,
        ExitOutcome.ENGINE_ERROR,
        None,
        ALL_VERSIONS,
        "containers/podman pkg/domain/infra/abi/containers.go: ContainerExec ->"
        " TranslateExecErrorToExitCode",
        "The exec'd process failed to start: podman exits 126, 127, or 255 for -1.",
        detach=False,
    ),
    PhaseRule(
        "podman-cli/exec-session-refused",
        _P,
        _names("exec"),
        _names("create", "attach"),
        ErrorPolicy.EXIT_CODE,
        ExitOutcome.ENGINE_ERROR,
        -1,
        ALL_VERSIONS,
        "containers/podman libpod/container_exec.go: ExecCreate (-1); observed on podman 4.3.1",
        "Podman refused to create the exec session (the container is not running): libpod returns"
        " -1, so podman exits 255.",
        patterns=("can only create exec sessions", "container state improper"),
    ),
    PhaseRule(
        "podman-cli/exec-attach-failed",
        _P,
        _names("exec"),
        _names("attach"),
        ErrorPolicy.EXIT_CODE,
        ExitOutcome.ENGINE_ERROR,
        -1,
        ALL_VERSIONS,
        "containers/podman libpod/container_exec.go: execStartAndAttach (-1)",
        "The exec session could not be started or attached: libpod returns -1, exit 255.",
        detach=False,
    ),
    PhaseRule(
        "podman-cli/error",
        _P,
        _ALL_COMMANDS,
        frozenset(PHASES),
        ErrorPolicy.EXIT_CODE,
        ExitOutcome.ENGINE_ERROR,
        125,
        ALL_VERSIONS,
        "containers/podman cmd/podman/root.go: Execute (error without a code -> 125)",
        "Podman exits 125 for its own errors (create, pull, mounts, names, missing"
        " containers, start -a start failures).",
    ),
    # --- nerdctl ---
    PhaseRule(
        "nerdctl-cli/detach-keys",
        _N,
        _names("run", "start -a", "attach"),
        _names("attach"),
        ErrorPolicy.EXIT_CODE,
        ExitOutcome.SUCCESS,
        0,
        ALL_VERSIONS,
        "containerd/nerdctl pkg/cmd/container/attach.go (detaching exits 0;"
        " containerd/nerdctl#3571)",
        "The user detached with the key sequence: nerdctl exits 0, attach included.",
        patterns=("read escape sequence", "detached from container"),
    ),
    PhaseRule(
        "nerdctl-cli/usage-error",
        _N,
        _ALL_COMMANDS,
        _names("flags", "args"),
        ErrorPolicy.EXIT_CODE,
        ExitOutcome.USAGE_ERROR,
        1,
        ALL_VERSIONS,
        "containerd/nerdctl cmd/nerdctl/main.go (log.Fatal -> exit 1)",
        "nerdctl exits 1 for usage errors too.",
    ),
    PhaseRule(
        "nerdctl-cli/run-detached-wait-ignored",
        _N,
        _names("run"),
        _names("wait"),
        ErrorPolicy.EXIT_CODE,
        ExitOutcome.SUCCESS,
        0,
        ALL_VERSIONS,
        "containerd/nerdctl cmd/nerdctl/container/container_run.go (detached)",
        "nerdctl run -d exits 0 once the container started.",
        detach=True,
    ),
    PhaseRule(
        "nerdctl-cli/engine-error",
        _N,
        _ALL_COMMANDS,
        frozenset(PHASES),
        ErrorPolicy.CLI_MESSAGE_RULES,
        ExitOutcome.ENGINE_ERROR,
        None,
        ALL_VERSIONS,
        "containerd/nerdctl cmd/nerdctl/main.go (log.Fatal -> exit 1)",
        "nerdctl exits 1 for every engine error; the outcome still says what happened.",
    ),
)
"""What each command does with an error in each phase; the first matching row wins."""


class OutcomeRule(Record):
    """A decision made from a status rather than a message; documented like the others."""

    __slots__ = ("id", "engine", "outcome", "exit_code", "versions", "source", "summary")  # noqa: RUF023 - the fields, in order
    id: str
    engine: Engine
    outcome: ExitOutcome
    exit_code: int | None
    versions: VersionRange
    source: str
    summary: str

    def __init__(  # noqa: PLR0917 - the rows are built positionally
        self,
        id: str,
        engine: Engine,
        outcome: ExitOutcome,
        exit_code: int | None,
        versions: VersionRange,
        source: str,
        summary: str,
    ) -> None:
        setattr_ = object.__setattr__
        setattr_(self, "id", id)
        setattr_(self, "engine", engine)
        setattr_(self, "outcome", outcome)
        setattr_(self, "exit_code", exit_code)
        setattr_(self, "versions", versions)
        setattr_(self, "source", source)
        setattr_(self, "summary", summary)


_WAIT_UTILS = "docker/cli cli/command/container/utils.go: waitExitOrRemoved"
_STATUS_SOURCE = (
    "containerd pkg/sys/reaper: exitStatus (128+signal); docker/cli os.Exit(int(StatusCode))"
)

OUTCOME_RULES: tuple[OutcomeRule, ...] = (
    OutcomeRule(
        "docker-cli/container-status",
        _D,
        ExitOutcome.COMMAND_FAILED,
        None,
        ALL_VERSIONS,
        _STATUS_SOURCE,
        "The CLI exits with the container's status, truncated by the platform.",
    ),
    OutcomeRule(
        "docker-cli/wait-error",
        _D,
        ExitOutcome.STATUS_UNKNOWN,
        125,
        _since("18.2.0"),
        _WAIT_UTILS + " (Error.Message -> 125; docker/cli 8471742a8a)",
        "The wait response carried an Error, so docker run and start -a exit 125.",
    ),
    OutcomeRule(
        "docker-cli/attach-wait-error",
        _D,
        ExitOutcome.STATUS_UNKNOWN,
        1,
        ALL_VERSIONS,
        "docker/cli cli/command/container/attach.go: getExitStatus",
        "The wait response carried an Error; docker attach turns it into a plain error: exit 1.",
    ),
    OutcomeRule(
        "docker-cli/detached",
        _D,
        ExitOutcome.SUCCESS,
        0,
        ALL_VERSIONS,
        _RUN_CODE + " (Detached mode)",
        "Detached: the CLI exits 0 once the container started, whatever it does later.",
    ),
    OutcomeRule(
        "docker-cli/stdin-only-attach-detached",
        _D,
        ExitOutcome.SUCCESS,
        0,
        _until("28.0.0"),
        _RUN_CODE + "; changed in docker/cli aee9eebf34 (v28.0.0)",
        "Before CLI 28, docker run -a stdin (no output stream) counts as detached: exit 0.",
    ),
    OutcomeRule(
        "docker-cli/run-rm-start-hangs",
        _D,
        ExitOutcome.STATUS_UNKNOWN,
        None,
        _between("26.1.1", "26.1.2", Component.CLI),
        "docker/cli #5043 (v26.1.1: waitExitOrRemoved returns on a cancelled context without"
        " closing its channel), fixed by #5062 (v26.1.2); observed through the stub Engine API:"
        " 26.1.1 never exits, 26.1.0 and 26.1.2 exit at once",
        "CLI 26.1.1 never exits when an attached docker run --rm fails to start: it waits for"
        " a status that never comes.",
    ),
    OutcomeRule(
        "docker-cli/completed",
        _D,
        ExitOutcome.SUCCESS,
        0,
        ALL_VERSIONS,
        "docker/cli cmd/docker/docker.go: main (nil error -> 0)",
        "The command succeeded and does not report a container status: exit 0.",
    ),
    OutcomeRule(
        "docker-cli/exec-exit-code",
        _D,
        ExitOutcome.COMMAND_FAILED,
        None,
        ALL_VERSIONS,
        "docker/cli cli/command/container/exec.go: getExecExitStatus",
        "docker exec exits with the exec inspect's ExitCode (null counts as 0).",
    ),
    OutcomeRule(
        "docker-cli/wait-command",
        _D,
        ExitOutcome.SUCCESS,
        None,
        ALL_VERSIONS,
        "docker/cli cli/command/container/wait.go: runWait",
        "docker wait prints every status and exits 0, or 1 if any wait request failed.",
    ),
    OutcomeRule(
        "docker-state/oom-killed",
        _D,
        ExitOutcome.OOM_KILLED,
        None,
        ALL_VERSIONS,
        "moby daemon/monitor.go: OOM event sets State.OOMKilled",
        "State.OOMKilled is true: the kernel's OOM killer ended the container (SIGKILL).",
    ),
    OutcomeRule(
        "docker-state/not-exited",
        _D,
        ExitOutcome.STATUS_UNKNOWN,
        None,
        ALL_VERSIONS,
        "moby container/state.go: State.State()",
        "The container has not exited (created, running, paused or restarting): no status yet.",
    ),
    OutcomeRule(
        "docker-state/start-failed",
        _D,
        ExitOutcome.ENGINE_ERROR,
        None,
        ALL_VERSIONS,
        "moby daemon/start.go: containerStart (State.Error, ExitCode 126/127/128)",
        "The container never started; its State.Error holds the start error.",
    ),
    OutcomeRule(
        "docker-cli/exit-code",
        _D,
        ExitOutcome.COMMAND_FAILED,
        None,
        ALL_VERSIONS,
        "docker/cli docs/reference/run.md: Exit status",
        "A docker exit status read by docker's conventions (125 engine, 126, 127, 128+n).",
    ),
    OutcomeRule(
        "cli-result/passed-through",
        _D,
        ExitOutcome.COMMAND_FAILED,
        None,
        ALL_VERSIONS,
        "python-on-whales DockerException.return_code; subprocess returncode (python-ecosystem"
        " notes 1.5: a code already resolved by a CLI is passed through)",
        "The code was already decided by the real CLI process; it is passed through, and its"
        " stderr says what happened.",
    ),
    OutcomeRule(
        "cli-result/killed-by-signal",
        _D,
        ExitOutcome.SIGNALED,
        None,
        ALL_VERSIONS,
        "CPython subprocess docs: returncode -N means killed by signal N (POSIX)",
        "The process was killed by a signal (negative returncode); a shell reports 128+N.",
    ),
    OutcomeRule(
        "podman-cli/attach-discards-status",
        _P,
        ExitOutcome.SUCCESS,
        0,
        ALL_VERSIONS,
        "containers/podman pkg/domain/infra/abi/containers.go: ContainerAttach (returns only"
        " an error); observed on podman 4.3.1",
        "podman attach exits 0 when the container exits, whatever its status.",
    ),
    OutcomeRule(
        "nerdctl-cli/exec-nonzero-1",
        _N,
        ExitOutcome.COMMAND_FAILED,
        1,
        ALL_VERSIONS,
        "containerd/nerdctl pkg/cmd/container/exec.go (exec failed with exit code N)",
        "nerdctl exec turns any non-zero status into an error: exit 1.",
    ),
)
"""Decisions made from statuses and states, so every rule id in a result is documented."""


_PODMAN_ABI = "containers/podman pkg/domain/infra/abi/containers.go"
_NERDCTL_RUN = "containerd/nerdctl cmd/nerdctl/container/container_run.go"


OUTCOME_RULES += (
    # The status decisions podman and nerdctl share with docker, citing their own code.
    OutcomeRule(
        "podman-cli/container-status",
        _P,
        ExitOutcome.COMMAND_FAILED,
        None,
        ALL_VERSIONS,
        f"{_PODMAN_ABI}: ContainerWaitForExitCode (the conmon exit file's code)",
        "podman exits with the container's status, truncated by the platform.",
    ),
    OutcomeRule(
        "podman-cli/detached",
        _P,
        ExitOutcome.SUCCESS,
        0,
        ALL_VERSIONS,
        f"{_PODMAN_ABI}: ContainerRun (detached)",
        "Detached: podman exits 0 once the container started, whatever it does later.",
    ),
    OutcomeRule(
        "podman-cli/completed",
        _P,
        ExitOutcome.SUCCESS,
        0,
        ALL_VERSIONS,
        "containers/podman cmd/podman/root.go: Execute (nil error -> 0)",
        "The command succeeded and does not report a container status: exit 0.",
    ),
    OutcomeRule(
        "podman-cli/exec-exit-code",
        _P,
        ExitOutcome.COMMAND_FAILED,
        None,
        ALL_VERSIONS,
        f"{_PODMAN_ABI}: ContainerExec",
        "podman exec exits with the exec session's exit code (null counts as 0).",
    ),
    OutcomeRule(
        "podman-cli/wait-command",
        _P,
        ExitOutcome.SUCCESS,
        None,
        ALL_VERSIONS,
        "containers/podman cmd/podman/containers/wait.go (errors -> 125)",
        "podman wait prints every status and exits 0, or 125 if any wait failed.",
    ),
    OutcomeRule(
        "podman-cli/exit-code",
        _P,
        ExitOutcome.COMMAND_FAILED,
        None,
        ALL_VERSIONS,
        "containers/podman libpod/define/exec_codes.go (125, 126, 127)",
        "A podman exit status read by its conventions (125 engine, 126, 127, 128+n).",
    ),
    OutcomeRule(
        "nerdctl-cli/container-status",
        _N,
        ExitOutcome.COMMAND_FAILED,
        None,
        ALL_VERSIONS,
        f"{_NERDCTL_RUN} (NewExitCoderErr(status))",
        "nerdctl exits with the container's status, truncated by the platform.",
    ),
    OutcomeRule(
        "nerdctl-cli/detached",
        _N,
        ExitOutcome.SUCCESS,
        0,
        ALL_VERSIONS,
        f"{_NERDCTL_RUN} (detached)",
        "Detached: nerdctl exits 0 once the container started, whatever it does later.",
    ),
    OutcomeRule(
        "nerdctl-cli/completed",
        _N,
        ExitOutcome.SUCCESS,
        0,
        ALL_VERSIONS,
        "containerd/nerdctl cmd/nerdctl/main.go (nil error -> 0)",
        "The command succeeded and does not report a container status: exit 0.",
    ),
    OutcomeRule(
        "nerdctl-cli/exec-exit-code",
        _N,
        ExitOutcome.COMMAND_FAILED,
        None,
        ALL_VERSIONS,
        "containerd/nerdctl pkg/cmd/container/exec.go",
        "nerdctl exec exits with the exec inspect's ExitCode (null counts as 0).",
    ),
    OutcomeRule(
        "nerdctl-cli/wait-command",
        _N,
        ExitOutcome.SUCCESS,
        None,
        ALL_VERSIONS,
        "containerd/nerdctl cmd/nerdctl/container/container_wait.go",
        "nerdctl wait prints every status and exits 0, or 1 if any wait failed.",
    ),
    OutcomeRule(
        "nerdctl-cli/exit-code",
        _N,
        ExitOutcome.COMMAND_FAILED,
        None,
        ALL_VERSIONS,
        "containerd/nerdctl cmd/nerdctl/main.go (errors -> 1)",
        "A nerdctl exit status read by its conventions (1 for any error, 128+n).",
    ),
)


class Behaviour(Record):
    """A version-dependent behaviour: present in ``versions`` of the engine."""

    __slots__ = ("id", "engine", "versions", "source", "summary")  # noqa: RUF023 - the fields, in order
    id: str
    engine: Engine
    versions: VersionRange
    source: str
    summary: str

    def __init__(
        self, id: str, engine: Engine, versions: VersionRange, source: str, summary: str
    ) -> None:
        setattr_ = object.__setattr__
        setattr_(self, "id", id)
        setattr_(self, "engine", engine)
        setattr_(self, "versions", versions)
        setattr_(self, "source", source)
        setattr_(self, "summary", summary)


BEHAVIOURS: tuple[Behaviour, ...] = (
    Behaviour(
        "docker-cli/is-a-directory-126",
        _D,
        _since("23.0.1"),
        "docker/cli 9b5ceb52b0 (2023-02-03)",
        "docker run maps `is a directory` to 126 (125 before).",
    ),
    Behaviour(
        "docker-cli/wait-error-125",
        _D,
        _since("18.2.0"),
        "docker/cli 8471742a8a (2017-10-19)",
        "A wait response Error makes docker run exit 125.",
    ),
    Behaviour(
        "docker-cli/stdin-only-attach-waits",
        _D,
        _since("28.0.0"),
        "docker/cli aee9eebf34",
        "docker run -a stdin waits for the container and exits with its status (0 before).",
    ),
    Behaviour(
        "docker-cli/run-pings-first",
        _D,
        _since("29.1.3"),
        "docker/cli a6335c4226 (2025-12-11)",
        "docker run pings first: an unreachable daemon exits 1 (125/126/127 before).",
    ),
    Behaviour(
        "docker-cli/transport-errors-are-connection-failures",
        _D,
        _since("25.0.4"),
        "docker/cli a8379092af (vendored moby client: errConnectionFailed{error during connect})",
        "A transport error (error during connect) counts as a connection failure, so docker"
        " exec exits 255 when its exec inspect breaks (1 before).",
    ),
    Behaviour(
        "docker-engine/exec-not-found-127",
        _D,
        _since("28.0.0", Component.ENGINE),
        "moby c866a7e5f8 (2024-09-26)",
        "The daemon records 127 for an exec of a missing binary (126 before).",
    ),
    Behaviour(
        "docker-engine/set-exit-code-from-error",
        _D,
        _since(_ENGINE_24, Component.ENGINE),
        "moby 83dd99177f, 4bafaa00aa",
        "The daemon's start-error codes: permission denied before not a directory.",
    ),
)
"""Version-dependent behaviours, for the docs' version table."""


class SignalPhase(enum.Enum):
    """Where a docker CLI command was when the CLI process itself got a signal."""

    PULL = "pull"
    """Pulling the image or creating the container: nothing runs yet."""
    RUNNING = "running"
    """The container started; the CLI is attached to it or waits for its status."""


class SignalPolicy(enum.Enum):
    """What the docker CLI does with a signal sent to its own process."""

    CONTAINER_STATUS = "the container's status"
    """It forwards the signal to the container (``--sig-proxy``) or ignores it, waits on,
    and exits with the container's status when the container exits."""
    EXIT_CODE = "fixed exit code"
    """It exits with the row's code."""
    SIGNAL_STATUS = "128+n"
    """It exits ``128+n`` for signal *n* on its own (docker/cli ``getExitCode``)."""
    KILLED = "killed by the signal"
    """It has no handler and dies of the signal: no exit code; a shell reports ``128+n``."""


class CliSignalRule(Record):
    """One row of :data:`CLI_SIGNAL_RULES`: the CLI's answer to a signal sent to it.

    Attributes:
        id: stable identifier, ``docker-cli-signal/<name>``; appears in results.
        engine: the CLI whose behaviour the row reproduces.
        commands: names from :data:`COMMANDS` the row is about.
        phases: the :class:`SignalPhase` members it is about.
        signals: the Linux signal numbers it is about.
        sig_proxy: the row needs ``--sig-proxy`` on (``True``) or off (``False``);
            ``None``: either.
        min_count: the row needs at least this many signals in a row.
        policy: what the CLI does (see :class:`SignalPolicy`).
        exit_code: the code of an :attr:`SignalPolicy.EXIT_CODE` row.
        versions: the releases that have this row.
        source: the docker/cli pull request and code, and the binaries that showed it.
        summary: one plain sentence, used as the result's reason.
    """

    __slots__ = (  # noqa: RUF023 - the fields, in order
        "id",
        "engine",
        "commands",
        "phases",
        "signals",
        "sig_proxy",
        "min_count",
        "policy",
        "exit_code",
        "versions",
        "source",
        "summary",
    )
    id: str
    engine: Engine
    commands: frozenset[str]
    phases: frozenset[SignalPhase]
    signals: frozenset[int]
    sig_proxy: bool | None
    min_count: int
    policy: SignalPolicy
    exit_code: int | None
    versions: VersionRange
    source: str
    summary: str

    def __init__(  # noqa: PLR0917 - the rows are built positionally
        self,
        id: str,
        engine: Engine,
        commands: frozenset[str],
        phases: frozenset[SignalPhase],
        signals: frozenset[int],
        sig_proxy: bool | None,
        min_count: int,
        policy: SignalPolicy,
        exit_code: int | None,
        versions: VersionRange,
        source: str,
        summary: str,
    ) -> None:
        setattr_ = object.__setattr__
        setattr_(self, "id", id)
        setattr_(self, "engine", engine)
        setattr_(self, "commands", commands)
        setattr_(self, "phases", phases)
        setattr_(self, "signals", signals)
        setattr_(self, "sig_proxy", sig_proxy)
        setattr_(self, "min_count", min_count)
        setattr_(self, "policy", policy)
        setattr_(self, "exit_code", exit_code)
        setattr_(self, "versions", versions)
        setattr_(self, "source", source)
        setattr_(self, "summary", summary)

    @property
    def outcome(self) -> ExitOutcome:
        """``SIGNALED``: the command was stopped from outside.

        For a :attr:`SignalPolicy.CONTAINER_STATUS` row the container's status decides.
        """
        return ExitOutcome.SIGNALED

    def applies(  # noqa: PLR0917 - the parts of one signal scenario
        self,
        command: str,
        phase: SignalPhase,
        signal: int,
        count: int,
        sig_proxy: bool,
        profile: Profile,
    ) -> bool:
        """Whether the row decides for this command, phase, signal, count and profile."""
        return (
            self.engine is profile.engine
            and command in self.commands
            and phase in self.phases
            and signal in self.signals
            and count >= self.min_count
            and (self.sig_proxy is None or self.sig_proxy is sig_proxy)
            and self.versions.contains(profile)
        )


_SIGINT, _SIGHUP, _SIGTERM = 2, 1, 15
_INT_TERM = frozenset({_SIGINT, _SIGTERM})
_HUP = frozenset({_SIGHUP})
_RUNNING = frozenset({SignalPhase.RUNNING})
_PULLING = frozenset({SignalPhase.PULL})
_DOCKER_MAIN = "docker/cli cmd/docker/docker.go"
_SEEN = "observed through the stub Engine API on"

CLI_SIGNAL_RULES: tuple[CliSignalRule, ...] = (
    # --- docker run, the container running (attached or waiting for its status) ---
    CliSignalRule(
        "docker-cli-signal/run-context-canceled",
        _D,
        _names("run"),
        _RUNNING,
        _INT_TERM,
        None,
        1,
        SignalPolicy.EXIT_CODE,
        1,
        _between("27.0.1", "27.1.0", Component.CLI),
        f"docker/cli #4993 (v27.0.1, {_DOCKER_MAIN}: notifyContext cancels the command's"
        " context on SIGINT/SIGTERM); run.go keeps it while attached since #5250 (v27.1.0,"
        f" backport of #5247); {_SEEN} 27.0.1 (`context canceled`, 1) and 27.5.1",
        "CLI 27.0 cancels docker run's context on SIGINT or SIGTERM: it prints `context"
        " canceled` and exits 1, whatever the container does.",
    ),
    CliSignalRule(
        "docker-cli-signal/forced-exit",
        _D,
        _names("run"),
        _RUNNING,
        _INT_TERM,
        None,
        3,
        SignalPolicy.EXIT_CODE,
        1,
        _since("27.1.0"),
        f"docker/cli #5171 (v27.0.1, {_DOCKER_MAIN}: forceExitAfter3TerminationSignals),"
        " which decides docker run's code once run outlives the first signal: #5250"
        f" (v27.1.0; 27.0.1 exits at the first, `context canceled`); {_SEEN} 27.5.1 to"
        " 29.7.2 (`got 3 SIGTERM/SIGINTs, forcefully exiting`, 1)",
        "Three SIGINT/SIGTERM make the CLI print `got 3 SIGTERM/SIGINTs, forcefully exiting`"
        " and exit 1 at once.",
    ),
    CliSignalRule(
        "docker-cli-signal/run-forwarded",
        _D,
        _names("run"),
        _RUNNING,
        _INT_TERM | _HUP,
        True,
        1,
        SignalPolicy.CONTAINER_STATUS,
        None,
        ALL_VERSIONS,
        "docker/cli cli/command/container/signals.go: ForwardAllSignals (--sig-proxy, on by"
        " default, with -t too: #1841, v20.10.0 and #2177, v19.03.5); run keeps its context"
        f" while attached since #5250 (v27.1.0); {_SEEN} every CLI 19.03.15 to 29.7.2"
        " (`kill?signal=INT`, then the container's 130/143)",
        "docker run forwards the signal to the container (--sig-proxy), waits on, and exits"
        " with the container's status.",
    ),
    CliSignalRule(
        "docker-cli-signal/run-no-proxy-waits",
        _D,
        _names("run"),
        _RUNNING,
        _INT_TERM,
        False,
        1,
        SignalPolicy.CONTAINER_STATUS,
        None,
        _since("27.1.0"),
        f"docker/cli #5250 (v27.1.0, backport of #5247: run.go keeps its context while"
        f" attached; {_DOCKER_MAIN} catches SIGINT/SIGTERM since #4993); {_SEEN} 27.5.1 to"
        " 29.7.2",
        "With --sig-proxy=false the CLI catches SIGINT/SIGTERM, does not pass them on, and"
        " exits with the container's status when it exits.",
    ),
    CliSignalRule(
        "docker-cli-signal/run-no-proxy-killed",
        _D,
        _names("run"),
        _RUNNING,
        _INT_TERM,
        False,
        1,
        SignalPolicy.KILLED,
        None,
        _until("27.0.1"),
        f"{_DOCKER_MAIN} before docker/cli #4993 (v27.0.1) installs no SIGINT/SIGTERM"
        f" handler; {_SEEN} 19.03.15 to 26.1.2 (killed by the signal)",
        "With --sig-proxy=false a CLI before 27 has no handler: it dies of the signal"
        " (a shell reports 128+n).",
    ),
    CliSignalRule(
        "docker-cli-signal/hangup-kills",
        _D,
        _names("run"),
        _RUNNING,
        _HUP,
        False,
        1,
        SignalPolicy.KILLED,
        None,
        ALL_VERSIONS,
        "docker/cli cmd/docker/internal/signals: TerminationSignals is SIGTERM and SIGINT"
        f" only; {_SEEN} every CLI 19.03.15 to 29.7.2 (killed by SIGHUP)",
        "Without --sig-proxy nothing catches SIGHUP: the CLI dies of it (a shell reports 129).",
    ),
    # --- docker run, pulling the image (before the signal proxy exists) ---
    CliSignalRule(
        "docker-cli-signal/pull-killed",
        _D,
        _names("run"),
        _PULLING,
        _INT_TERM,
        None,
        1,
        SignalPolicy.KILLED,
        None,
        _until("27.0.1"),
        f"{_DOCKER_MAIN} before docker/cli #4993 (v27.0.1): no handler while docker run"
        f" pulls; {_SEEN} 19.03.15 to 26.1.2 (killed by the signal)",
        "A CLI before 27 has no handler while it pulls: it dies of the signal (a shell"
        " reports 128+n).",
    ),
    CliSignalRule(
        "docker-cli-signal/pull-cancelled-125",
        _D,
        _names("run"),
        _PULLING,
        _INT_TERM,
        None,
        1,
        SignalPolicy.EXIT_CODE,
        125,
        _between("27.0.1", "28.0.0", Component.CLI),
        f"docker/cli #4993 (v27.0.1: the signal cancels the context, the pull fails with"
        f" `context canceled`, which run maps to 125); {_SEEN} 27.0.1 and 27.5.1",
        "CLI 27 cancels the pull on SIGINT/SIGTERM; the failed create is docker run's 125.",
    ),
    CliSignalRule(
        "docker-cli-signal/pull-terminated",
        _D,
        _names("run"),
        _PULLING,
        _INT_TERM,
        None,
        1,
        SignalPolicy.SIGNAL_STATUS,
        None,
        _since("28.0.0"),
        f"docker/cli #5760, #5778 (v28.0.0, {_DOCKER_MAIN}: errCtxSignalTerminated,"
        f" getExitCode 128+signal) and #5645 (fix-run-ctx: the cancelled pull ends run);"
        f" {_SEEN} 28.0.0 to 29.7.2 (130, 143)",
        "From CLI 28 a signal that cancels the pull makes the CLI exit 128+n (130 for"
        " SIGINT, 143 for SIGTERM).",
    ),
    CliSignalRule(
        "docker-cli-signal/pull-hangup-kills",
        _D,
        _names("run"),
        _PULLING,
        _HUP,
        None,
        1,
        SignalPolicy.KILLED,
        None,
        ALL_VERSIONS,
        "docker/cli cmd/docker/internal/signals: TerminationSignals is SIGTERM and SIGINT"
        f" only, and the signal proxy starts after the create; {_SEEN} every CLI 19.03.15"
        " to 29.7.2",
        "Nothing catches SIGHUP while docker run pulls: the CLI dies of it (a shell reports 129).",
    ),
    # --- docker start -a ---
    CliSignalRule(
        "docker-cli-signal/start-attach-context-canceled",
        _D,
        _names("start -a"),
        _RUNNING,
        _INT_TERM,
        None,
        1,
        SignalPolicy.EXIT_CODE,
        1,
        _between("27.0.1", "28.2.0", Component.CLI),
        "docker/cli #4993 (v27.0.1: the signal cancels start's context; start.go does not"
        f" keep it); {_SEEN} 27.0.1, 27.5.1 and 28.0.0 (`context canceled`, 1)",
        "docker start -a forwards the signal, but the cancelled context ends it first: it"
        " prints `context canceled` and exits 1.",
    ),
    CliSignalRule(
        "docker-cli-signal/start-attach-cancelled-0",
        _D,
        _names("start -a"),
        _RUNNING,
        _INT_TERM,
        None,
        1,
        SignalPolicy.EXIT_CODE,
        0,
        _since("28.2.0"),
        f"docker/cli #6074 (v28.2.0: containerd errdefs.IsCanceled, and {_DOCKER_MAIN}: main"
        f" prints no cancellation and exits 0); {_SEEN} 28.2.2 to 29.7.2 (0)",
        "docker start -a forwards the signal, and its cancelled context ends it silently:"
        " exit 0 although the container was stopped.",
    ),
    CliSignalRule(
        "docker-cli-signal/start-attach-forwarded",
        _D,
        _names("start -a"),
        _RUNNING,
        _INT_TERM | _HUP,
        True,
        1,
        SignalPolicy.CONTAINER_STATUS,
        None,
        ALL_VERSIONS,
        "docker/cli cli/command/container/start.go: ForwardAllSignals (--sig-proxy, on by"
        f" default); {_SEEN} 19.03.15 to 26.1.2 for SIGINT/SIGTERM and every CLI for SIGHUP",
        "docker start -a forwards the signal to the container, waits on, and exits with the"
        " container's status.",
    ),
)
"""What the docker CLI does when its own process gets a signal; the first matching row wins.

Rows for SIGINT and SIGTERM in a phase shadow the later all-version rows for the releases
they cover (a CLI 28.2 ``start -a`` forwards the signal, but exits 0 first).
"""


def cli_signal_rule(  # noqa: PLR0917 - the parts of one signal scenario
    command: str,
    phase: SignalPhase,
    signal: int,
    count: int,
    sig_proxy: bool,
    profile: Profile,
) -> CliSignalRule | None:
    """The first row of :data:`CLI_SIGNAL_RULES` that decides, or ``None`` (not modelled).

    >>> from exitcodes import profiles
    >>> cli_signal_rule("run", SignalPhase.PULL, 2, 1, True, profiles.docker("28.2.2")).id
    'docker-cli-signal/pull-terminated'
    """
    for row in CLI_SIGNAL_RULES:
        if row.applies(command, phase, signal, count, sig_proxy, profile):
            return row
    return None


def behaviour(behaviour_id: str, profile: Profile) -> bool:
    """Whether *profile* has the behaviour *behaviour_id* of :data:`BEHAVIOURS`.

    >>> from exitcodes import profiles
    >>> behaviour("docker-cli/is-a-directory-126", profiles.docker("20.10.24"))
    False
    """
    if not isinstance(profile, Profile):
        raise InvalidArgumentError(f"profile must be an exitcodes Profile, got {describe(profile)}")
    behaviour_id = plain(behaviour_id)  # read once: a str subclass's __eq__ is never called
    if isinstance(behaviour_id, str):
        for row in BEHAVIOURS:
            if row.id == behaviour_id:
                return row.engine is profile.engine and row.versions.contains(profile)
    raise UnknownRuleError(f"no behaviour has the id {describe(behaviour_id)}")


Rule = MessageRule | PhaseRule | OutcomeRule | ReasonRule | CliSignalRule
"""Any row of the decision tables (:func:`rule_by_id` finds the CLI signal rows too)."""

ALL_RULES: tuple[Rule, ...] = (*MESSAGE_RULES, *PHASE_RULES, *OUTCOME_RULES, *REASONS)
"""Every row of the message, phase, outcome and reason tables, in table order.

:data:`CLI_SIGNAL_RULES` is a table of its own, with its own generated table and its own
real-binary gate tests (tests/conformance/test_cancellation_live.py).
"""


def _index() -> Mapping[str, Rule]:
    table: dict[str, Rule] = {}
    for row in (*ALL_RULES, *CLI_SIGNAL_RULES):
        if row.id in table:  # pragma: no cover - guarded by tests
            raise AssertionError(f"duplicate rule id {row.id}")
        table[row.id] = row
    return table


_BY_ID = _index()


def rule_by_id(rule_id: str) -> Rule:
    """Return the row whose id appears in a result's ``rule``.

    Raises:
        UnknownRuleError: no rule has that id (a :class:`KeyError` too).

    >>> rule_by_id("docker-cli/not-found").exit_code
    127
    """
    if type(rule_id) is not str:  # a plain str costs no call (a third of the lookup)
        rule_id = plain(rule_id)  # read once: a str subclass's __hash__/__eq__ are never called
    row = _BY_ID.get(rule_id) if isinstance(rule_id, str) else None
    if row is None:
        raise UnknownRuleError(f"no rule has the id {describe(rule_id)}")
    return row
