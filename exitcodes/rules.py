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

import attrs

from exitcodes._evidence import plain
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


@attrs.frozen
class VersionRange:
    """Versions ``since <= v < until`` of one component; ``None`` is unbounded."""

    since: Version | None = None
    until: Version | None = None
    component: Component = Component.CLI

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


@attrs.frozen(kw_only=True)
class MessageRule:
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
    anchors: tuple[str, ...] = ()

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
        id="docker-usage/flag-error",
        engine=_D,
        layer=Layer.USAGE,
        patterns=(
            "unknown flag:",
            "unknown shorthand flag:",
            "flag needs an argument:",
            "invalid argument ",
            "bad flag syntax:",
            "if any flags in the group",
        ),
        match=Match.PREFIX,
        outcome=ExitOutcome.USAGE_ERROR,
        exit_code=125,
        versions=ALL_VERSIONS,
        source="docker/cli cli/cobra.go: FlagErrorFunc (StatusError 125)",
        summary="The CLI rejected a flag or a flag value; docker exits 125 for flag errors.",
    ),
    MessageRule(
        id="docker-usage/argument-error",
        engine=_D,
        layer=Layer.USAGE,
        patterns=(
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
        match=Match.SUBSTRING,
        outcome=ExitOutcome.USAGE_ERROR,
        exit_code=1,
        versions=ALL_VERSIONS,
        source="docker/cli cli/required.go: RequiresMinArgs/ExactArgs/NoArgs;"
        " cmd/docker/docker.go: unknown command (plain errors, exit 1)",
        summary="The CLI rejected the number of arguments or the command name; that is a plain"
        " error,"
        " exit 1.",
        anchors=('"', "'", "unknown command: "),
    ),
    MessageRule(
        id="docker-usage/client-check",
        engine=_D,
        layer=Layer.USAGE,
        patterns=(
            "the input device is not a TTY",
            "cannot attach stdin to a TTY-enabled container",
            "you cannot start and attach multiple containers at once",
            "conflicting options: cannot specify both --attach and --detach",
            "Conflicting options: -a and -d",
            "Usage:  docker ",
            # CLI 19.03's usage template puts a tab after "Usage:" (observed on 19.03.15)
            "Usage:\tdocker ",
        ),
        match=Match.PREFIX,
        outcome=ExitOutcome.USAGE_ERROR,
        exit_code=1,
        versions=ALL_VERSIONS,
        source="docker/cli cli/streams/in.go: CheckTty; run.go, start.go (plain errors); cobra's"
        " usage"
        " for an unknown sub-command of CLI 19.03 and 20.10 (all observed through the stub"
        " Engine API)",
        summary="The CLI refused the invocation before asking the daemon (no TTY, -a with -d, an"
        " unknown sub-command): a plain error, exit 1.",
    ),
    MessageRule(
        id="docker-usage/not-a-docker-command",
        engine=_D,
        layer=Layer.USAGE,
        patterns=("is not a docker command",),
        match=Match.SUBSTRING,
        outcome=ExitOutcome.USAGE_ERROR,
        exit_code=1,
        versions=ALL_VERSIONS,
        source="docker/cli cmd/docker/docker.go (<= v27: \"'foo' is not a docker command.\")",
        summary="An unknown top-level command is a plain error: exit 1.",
        anchors=("'",),
    ),
    # --- connection: client-side wordings of an unreachable daemon ---
    MessageRule(
        id="docker-connection/daemon-unreachable",
        engine=_D,
        layer=Layer.CONNECTION,
        patterns=(
            "Cannot connect to the Docker daemon",
            "failed to connect to the docker API",
            "Cannot connect to Docker Engine via",
        ),
        match=Match.SUBSTRING,
        outcome=ExitOutcome.ENGINE_ERROR,
        exit_code=125,
        versions=ALL_VERSIONS,
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
    MessageRule(
        id="docker-connection/transport-error",
        engine=_D,
        layer=Layer.CONNECTION,
        patterns=(
            "error during connect",
            "while trying to connect to the Docker daemon socket",
            "Connection aborted",
            "Failed to establish a new connection",
        ),
        match=Match.SUBSTRING,
        outcome=ExitOutcome.ENGINE_ERROR,
        exit_code=125,
        versions=ALL_VERSIONS,
        source="moby client/request.go: doRequest (wraps transport errors: error during connect;"
        " errConnectionFailed since the client vendored in docker/cli a8379092af, v25.0.4);"
        " requests' ConnectionError wording for docker-py",
        summary="The request to the daemon failed in transport (refused, reset, EOF, socket"
        " permissions).",
    ),
    # --- the Docker CLI's run/create mapping, checked in this order ---
    MessageRule(
        id="docker-cli/not-found",
        engine=_D,
        layer=Layer.CLI,
        patterns=_NOT_FOUND,
        match=Match.SUBSTRING,
        outcome=ExitOutcome.NOT_FOUND,
        exit_code=127,
        versions=ALL_VERSIONS,
        source=_CLI_TO_STATUS,
        summary="The error says a file was not found, which docker run reports as 127 (command not"
        " found), whichever file it was.",
    ),
    MessageRule(
        id="docker-cli/permission-denied",
        engine=_D,
        layer=Layer.CLI,
        patterns=("permission denied",),
        match=Match.SUBSTRING,
        outcome=ExitOutcome.CANNOT_INVOKE,
        exit_code=126,
        versions=ALL_VERSIONS,
        source=_CLI_TO_STATUS,
        summary="The error says permission denied, which docker run reports as 126 (command"
        " cannot be"
        " invoked).",
    ),
    MessageRule(
        id="docker-cli/is-a-directory",
        engine=_D,
        layer=Layer.CLI,
        patterns=("is a directory",),
        match=Match.SUBSTRING,
        outcome=ExitOutcome.CANNOT_INVOKE,
        exit_code=126,
        versions=_since("23.0.1"),
        source=_CLI_TO_STATUS + "; EISDIR added in docker/cli 9b5ceb52b0 (v23.0.1)",
        summary="The error says is a directory, which docker run reports as 126 (command cannot be"
        " invoked) since CLI 23.0.1.",
    ),
    MessageRule(
        id="docker-cli/engine-error",
        engine=_D,
        layer=Layer.CLI,
        patterns=(),
        match=Match.ALWAYS,
        outcome=ExitOutcome.ENGINE_ERROR,
        exit_code=125,
        versions=ALL_VERSIONS,
        source=_CLI_TO_STATUS,
        summary="The error matches none of docker's not-found or permission phrases, so docker run"
        " reports it as 125 (the engine failed).",
    ),
    # --- the daemon's recorded code on a failed container start, Engine >= 24 ---
    MessageRule(
        id="docker-engine/permission-denied",
        engine=_D,
        layer=Layer.ENGINE,
        patterns=("permission denied",),
        match=Match.SUBSTRING_IGNORE_CASE,
        outcome=ExitOutcome.CANNOT_INVOKE,
        exit_code=126,
        versions=_since(_ENGINE_24, Component.ENGINE),
        source=_MOBY_ERRORS,
        summary="The daemon records 126 for a start error that says permission denied.",
    ),
    MessageRule(
        id="docker-engine/is-a-directory",
        engine=_D,
        layer=Layer.ENGINE,
        patterns=("is a directory",),
        match=Match.SUBSTRING_IGNORE_CASE,
        outcome=ExitOutcome.CANNOT_INVOKE,
        exit_code=126,
        versions=_since(_ENGINE_24, Component.ENGINE),
        source=_MOBY_ERRORS + "; EISDIR from moby 713e02e03e (Engine 23.0.2)",
        summary="The daemon records 126 for a start error that says is a directory.",
    ),
    MessageRule(
        id="docker-engine/not-a-directory",
        engine=_D,
        layer=Layer.ENGINE,
        patterns=("not a directory",),
        match=Match.SUBSTRING_IGNORE_CASE,
        outcome=ExitOutcome.ENGINE_ERROR,
        exit_code=127,
        versions=_since(_ENGINE_24, Component.ENGINE),
        source=_MOBY_ERRORS + "; ENOTDIR since moby PR #24754 (1.13)",
        summary="The daemon records 127 for a start error that says not a directory (a file mounted"
        " onto a directory or the reverse).",
    ),
    MessageRule(
        id="docker-engine/not-found",
        engine=_D,
        layer=Layer.ENGINE,
        patterns=(*_NOT_FOUND, "failed to run runc create/exec call"),
        match=Match.SUBSTRING_IGNORE_CASE,
        outcome=ExitOutcome.NOT_FOUND,
        exit_code=127,
        versions=_since(_ENGINE_24, Component.ENGINE),
        source=_MOBY_ERRORS,
        summary="The daemon records 127 for a start error that says a file was not found.",
    ),
    MessageRule(
        id="docker-engine/unknown",
        engine=_D,
        layer=Layer.ENGINE,
        patterns=(),
        match=Match.ALWAYS,
        outcome=ExitOutcome.ENGINE_ERROR,
        exit_code=128,
        versions=_since(_ENGINE_24, Component.ENGINE),
        source=_MOBY_ERRORS + " (exitUnknown)",
        summary="The daemon records 128 for any other start error.",
    ),
    # --- the same, Engine < 24: sequential overrides, ENOTDIR last ---
    MessageRule(
        id="docker-engine-legacy/not-a-directory",
        engine=_D,
        layer=Layer.ENGINE,
        patterns=("not a directory",),
        match=Match.SUBSTRING_IGNORE_CASE,
        outcome=ExitOutcome.ENGINE_ERROR,
        exit_code=127,
        versions=_until(_ENGINE_24, Component.ENGINE),
        source=_MOBY_TRANSLATE,
        summary="The daemon records 127 for a start error that says not a directory (its last"
        " override).",
    ),
    MessageRule(
        id="docker-engine-legacy/permission-denied",
        engine=_D,
        layer=Layer.ENGINE,
        patterns=("permission denied",),
        match=Match.SUBSTRING_IGNORE_CASE,
        outcome=ExitOutcome.CANNOT_INVOKE,
        exit_code=126,
        versions=_until(_ENGINE_24, Component.ENGINE),
        source=_MOBY_TRANSLATE,
        summary="The daemon records 126 for a start error that says permission denied.",
    ),
    MessageRule(
        id="docker-engine-legacy/is-a-directory",
        engine=_D,
        layer=Layer.ENGINE,
        patterns=("is a directory",),
        match=Match.SUBSTRING_IGNORE_CASE,
        outcome=ExitOutcome.CANNOT_INVOKE,
        exit_code=126,
        versions=_between("23.0.2", _ENGINE_24, Component.ENGINE),
        source=_MOBY_TRANSLATE + "; moby 713e02e03e (Engine 23.0.2)",
        summary="The daemon records 126 for a start error that says is a directory (Engine"
        " 23.0.2+).",
    ),
    MessageRule(
        id="docker-engine-legacy/not-found",
        engine=_D,
        layer=Layer.ENGINE,
        patterns=_NOT_FOUND,
        match=Match.SUBSTRING_IGNORE_CASE,
        outcome=ExitOutcome.NOT_FOUND,
        exit_code=127,
        versions=_until(_ENGINE_24, Component.ENGINE),
        source=_MOBY_TRANSLATE
        + "; command path no longer required since moby 225e046d9d (20.10.7)",
        summary="The daemon records 127 for a start error that says a file was not found.",
    ),
    MessageRule(
        id="docker-engine-legacy/unknown",
        engine=_D,
        layer=Layer.ENGINE,
        patterns=(),
        match=Match.ALWAYS,
        outcome=ExitOutcome.ENGINE_ERROR,
        exit_code=128,
        versions=_until(_ENGINE_24, Component.ENGINE),
        source="moby daemon/start.go: containerStart defer (ExitCode 128 when left 0)",
        summary="The daemon records 128 for any other start error.",
    ),
    # --- exec: the code the daemon records when the exec'd process fails to start ---
    MessageRule(
        id="docker-engine-exec/start-failed-126",
        engine=_D,
        layer=Layer.ENGINE_EXEC,
        patterns=(),
        match=Match.ALWAYS,
        outcome=ExitOutcome.CANNOT_INVOKE,
        exit_code=126,
        versions=_until("28.0.0", Component.ENGINE),
        source="moby daemon/exec.go: ContainerExecStart defer (ExitCode 126, v1.12 to v27)",
        summary="Before Engine 28 the daemon records 126 for every exec that fails to start, a"
        " missing"
        " binary included.",
    ),
    MessageRule(
        id="docker-engine-exec/permission-denied",
        engine=_D,
        layer=Layer.ENGINE_EXEC,
        patterns=("permission denied", "is a directory"),
        match=Match.SUBSTRING_IGNORE_CASE,
        outcome=ExitOutcome.CANNOT_INVOKE,
        exit_code=126,
        versions=_since("28.0.0", Component.ENGINE),
        source="moby daemon/exec.go + " + _MOBY_ERRORS + "; c866a7e5f8 (Engine 28)",
        summary="The daemon records 126 for an exec that says permission denied or is a directory.",
    ),
    MessageRule(
        id="docker-engine-exec/not-found",
        engine=_D,
        layer=Layer.ENGINE_EXEC,
        patterns=("not a directory", *_NOT_FOUND, "failed to run runc create/exec call"),
        match=Match.SUBSTRING_IGNORE_CASE,
        outcome=ExitOutcome.NOT_FOUND,
        exit_code=127,
        versions=_since("28.0.0", Component.ENGINE),
        source="moby daemon/exec.go + " + _MOBY_ERRORS + "; c866a7e5f8 (Engine 28)",
        summary="Since Engine 28 the daemon records 127 for an exec whose binary was not found.",
    ),
    MessageRule(
        id="docker-engine-exec/unknown",
        engine=_D,
        layer=Layer.ENGINE_EXEC,
        patterns=(),
        match=Match.ALWAYS,
        outcome=ExitOutcome.ENGINE_ERROR,
        exit_code=128,
        versions=_since("28.0.0", Component.ENGINE),
        source="moby daemon/exec.go + " + _MOBY_ERRORS + "; c866a7e5f8 (Engine 28)",
        summary="Since Engine 28 the daemon records 128 for an exec that the runtime failed to"
        " start"
        " for another reason.",
    ),
    # --- Podman: its own usage, connection and start-error rules ---
    MessageRule(
        id="podman-usage/flag-error",
        engine=_P,
        layer=Layer.USAGE,
        patterns=_FLAG_ERRORS,
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
        versions=_since("5.1.0"),
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
    # --- nerdctl: exit 1 for every engine error; the outcome still says what happened ---
    MessageRule(
        id="nerdctl-usage/flag-error",
        engine=_N,
        layer=Layer.USAGE,
        patterns=_FLAG_ERRORS,
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
        patterns=_NOT_FOUND,
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


@attrs.frozen(kw_only=True)
class PhaseRule:
    """One row of the phase table: what *commands* do with an error in *phase*.

    ``commands`` and ``phases`` are sets of names from :data:`COMMANDS` and
    :data:`PHASES`; ``detach`` restricts the row to detached (``True``) or
    attached (``False``) runs, ``None`` to either. The first matching row wins.
    """

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
    detach: bool | None = None
    patterns: tuple[str, ...] = ()

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
        id="docker-cli/flag-error",
        engine=_D,
        commands=_ALL_COMMANDS,
        phases=_names("flags"),
        policy=ErrorPolicy.EXIT_CODE,
        outcome=ExitOutcome.USAGE_ERROR,
        exit_code=125,
        versions=ALL_VERSIONS,
        source="docker/cli cli/cobra.go: FlagErrorFunc; run.go/create.go: parse errors"
        " (StatusError 125)",
        summary="A bad flag or flag value makes every docker command exit 125.",
    ),
    PhaseRule(
        id="docker-cli/argument-error",
        engine=_D,
        commands=_ALL_COMMANDS,
        phases=_names("args"),
        policy=ErrorPolicy.EXIT_CODE,
        outcome=ExitOutcome.USAGE_ERROR,
        exit_code=1,
        versions=ALL_VERSIONS,
        source="docker/cli cli/required.go; cmd/docker/docker.go (plain errors, exit 1)",
        summary="A wrong argument count or an unknown command is a plain error: exit 1.",
    ),
    PhaseRule(
        id="docker-cli/run-ping-failed",
        engine=_D,
        commands=_names("run"),
        phases=_names("connect"),
        policy=ErrorPolicy.EXIT_CODE,
        outcome=ExitOutcome.ENGINE_ERROR,
        exit_code=1,
        versions=_since("29.1.3"),
        source="docker/cli a6335c4226 (v29.1.3, #6700): run pings the daemon first and returns"
        " its raw"
        " error (observed on 29.1.3 and 29.7.2: an unreachable daemon, a missing socket and a"
        " ping answered with HTTP 500 all exit 1; 29.1.2 and older exit 125/127, or ignore the"
        " failed ping)",
        summary="Since CLI 29.1.3 docker run pings the daemon first, so an unreachable daemon (or a"
        " failed ping) is a plain error: exit 1.",
    ),
    PhaseRule(
        id="docker-cli/run-error",
        engine=_D,
        commands=_names("run"),
        phases=_names("connect", "create", "start"),
        policy=ErrorPolicy.CLI_MESSAGE_RULES,
        outcome=ExitOutcome.ENGINE_ERROR,
        exit_code=None,
        versions=ALL_VERSIONS,
        source=_RUN_CODE + " -> toStatusError",
        summary="docker run maps a create, pull, start or connection error to 125/126/127 by its"
        " text.",
    ),
    PhaseRule(
        id="docker-cli/run-detached-wait-ignored",
        engine=_D,
        commands=_names("run"),
        phases=_names("wait"),
        policy=ErrorPolicy.EXIT_CODE,
        outcome=ExitOutcome.SUCCESS,
        exit_code=0,
        versions=ALL_VERSIONS,
        source=_RUN_CODE + " (Detached mode: the wait result is never read)",
        summary="docker run -d exits 0 once the container started; a failed wait is only logged.",
        detach=True,
    ),
    PhaseRule(
        id="docker-cli/detach-keys",
        engine=_D,
        commands=_names("run", "start -a"),
        phases=_names("attach"),
        policy=ErrorPolicy.EXIT_CODE,
        outcome=ExitOutcome.SUCCESS,
        exit_code=0,
        versions=ALL_VERSIONS,
        source="docker/cli run.go, start.go (term.EscapeError -> nil)",
        summary="The user detached with the key sequence (read escape sequence): docker run and"
        " start -a exit 0; attach and exec exit 1.",
        patterns=("read escape sequence",),
    ),
    PhaseRule(
        id="docker-cli/wait-cancelled",
        engine=_D,
        commands=_names("run", "start -a"),
        phases=_names("wait"),
        policy=ErrorPolicy.EXIT_CODE,
        outcome=ExitOutcome.STATUS_UNKNOWN,
        exit_code=0,
        versions=_since("26.1.1"),
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
    PhaseRule(
        id="docker-cli/wait-failed",
        engine=_D,
        commands=_names("run", "start -a"),
        phases=_names("wait"),
        policy=ErrorPolicy.EXIT_CODE,
        outcome=ExitOutcome.STATUS_UNKNOWN,
        exit_code=125,
        versions=ALL_VERSIONS,
        source="docker/cli cli/command/container/utils.go: waitExitOrRemoved (error -> 125)",
        summary="The wait request failed, so the container's status is unknown: docker exits 125.",
    ),
    PhaseRule(
        id="docker-cli/exec-process-start-failed",
        engine=_D,
        commands=_names("exec"),
        phases=_names("start"),
        policy=ErrorPolicy.EXEC_START_RULES,
        outcome=ExitOutcome.ENGINE_ERROR,
        exit_code=None,
        versions=ALL_VERSIONS,
        source="moby daemon/exec.go: ContainerExecStart; docker/cli exec.go: getExecExitStatus",
        summary="The exec'd process failed to start; the daemon records its exit code and docker"
        " exec"
        " exits with it.",
        detach=False,
    ),
    PhaseRule(
        id="docker-cli/exec-inspect-failed",
        engine=_D,
        commands=_names("exec"),
        phases=_names("wait"),
        policy=ErrorPolicy.CONNECTION_255_ELSE_1,
        outcome=ExitOutcome.STATUS_UNKNOWN,
        exit_code=None,
        versions=ALL_VERSIONS,
        source="docker/cli cli/command/container/exec.go: getExecExitStatus (StatusError{-1} when"
        " client.IsErrConnectionFailed)",
        summary="The exec inspect failed: 255 (-1) if the client could not reach the daemon, 1"
        " for an"
        " API error (Error response from daemon).",
    ),
    PhaseRule(
        id="docker-cli/plain-error",
        engine=_D,
        commands=_ALL_COMMANDS,
        phases=frozenset(PHASES),
        policy=ErrorPolicy.EXIT_CODE,
        outcome=ExitOutcome.ENGINE_ERROR,
        exit_code=1,
        versions=ALL_VERSIONS,
        source="docker/cli cmd/docker/docker.go: getExitCode (non-StatusError -> 1)",
        summary="This command returns the daemon's error as a plain error, without docker run's"
        " mapping: exit 1.",
    ),
    # --- Podman ---
    PhaseRule(
        id="podman-cli/detach-keys",
        engine=_P,
        commands=_names("run", "start -a", "attach"),
        phases=_names("attach"),
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
        commands=_ALL_COMMANDS,
        phases=_names("flags"),
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
        commands=_names("exec"),
        phases=_names("args"),
        policy=ErrorPolicy.EXIT_CODE,
        outcome=ExitOutcome.USAGE_ERROR,
        exit_code=-1,
        versions=_until("5.1.0"),
        source="containers/podman libpod/container_exec.go (-1 before ErrInvalidArg,"
        " containers/podman#22329); observed on podman 4.3.1",
        summary="Before podman 5.1, exec without a command failed inside libpod with -1: exit 255.",
        patterns=("must provide a non-empty command",),
    ),
    PhaseRule(
        id="podman-cli/argument-error",
        engine=_P,
        commands=_ALL_COMMANDS,
        phases=_names("args"),
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
        commands=_names("run"),
        phases=_names("start"),
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
        commands=_names("run"),
        phases=_names("wait"),
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
        commands=_names("run", "start -a"),
        phases=_names("wait"),
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
        commands=_names("exec"),
        phases=_names("start"),
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
        commands=_names("exec"),
        phases=_names("create", "attach"),
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
        commands=_names("exec"),
        phases=_names("attach"),
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
        commands=_ALL_COMMANDS,
        phases=frozenset(PHASES),
        policy=ErrorPolicy.EXIT_CODE,
        outcome=ExitOutcome.ENGINE_ERROR,
        exit_code=125,
        versions=ALL_VERSIONS,
        source="containers/podman cmd/podman/root.go: Execute (error without a code -> 125)",
        summary="Podman exits 125 for its own errors (create, pull, mounts, names, missing"
        " containers, start -a start failures).",
    ),
    # --- nerdctl ---
    PhaseRule(
        id="nerdctl-cli/detach-keys",
        engine=_N,
        commands=_names("run", "start -a", "attach"),
        phases=_names("attach"),
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
        commands=_ALL_COMMANDS,
        phases=_names("flags", "args"),
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
        commands=_names("run"),
        phases=_names("wait"),
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
        commands=_ALL_COMMANDS,
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


@attrs.frozen(kw_only=True)
class OutcomeRule:
    """A decision made from a status rather than a message; documented like the others."""

    id: str
    engine: Engine
    outcome: ExitOutcome
    exit_code: int | None
    versions: VersionRange
    source: str
    summary: str


_WAIT_UTILS = "docker/cli cli/command/container/utils.go: waitExitOrRemoved"
_STATUS_SOURCE = (
    "containerd pkg/sys/reaper: exitStatus (128+signal); docker/cli os.Exit(int(StatusCode))"
)

OUTCOME_RULES: tuple[OutcomeRule, ...] = (
    OutcomeRule(
        id="docker-cli/container-status",
        engine=_D,
        outcome=ExitOutcome.COMMAND_FAILED,
        exit_code=None,
        versions=ALL_VERSIONS,
        source=_STATUS_SOURCE,
        summary="The CLI exits with the container's status, truncated by the platform.",
    ),
    OutcomeRule(
        id="docker-cli/wait-error",
        engine=_D,
        outcome=ExitOutcome.STATUS_UNKNOWN,
        exit_code=125,
        versions=_since("18.2.0"),
        source=_WAIT_UTILS + " (Error.Message -> 125; docker/cli 8471742a8a)",
        summary="The wait response carried an Error, so docker run and start -a exit 125.",
    ),
    OutcomeRule(
        id="docker-cli/attach-wait-error",
        engine=_D,
        outcome=ExitOutcome.STATUS_UNKNOWN,
        exit_code=1,
        versions=ALL_VERSIONS,
        source="docker/cli cli/command/container/attach.go: getExitStatus",
        summary="The wait response carried an Error; docker attach turns it into a plain error:"
        " exit 1.",
    ),
    OutcomeRule(
        id="docker-cli/detached",
        engine=_D,
        outcome=ExitOutcome.SUCCESS,
        exit_code=0,
        versions=ALL_VERSIONS,
        source=_RUN_CODE + " (Detached mode)",
        summary="Detached: the CLI exits 0 once the container started, whatever it does later.",
    ),
    OutcomeRule(
        id="docker-cli/stdin-only-attach-detached",
        engine=_D,
        outcome=ExitOutcome.SUCCESS,
        exit_code=0,
        versions=_until("28.0.0"),
        source=_RUN_CODE + "; changed in docker/cli aee9eebf34 (v28.0.0)",
        summary="Before CLI 28, docker run -a stdin (no output stream) counts as detached: exit 0.",
    ),
    OutcomeRule(
        id="docker-cli/run-rm-start-hangs",
        engine=_D,
        outcome=ExitOutcome.STATUS_UNKNOWN,
        exit_code=None,
        versions=_between("26.1.1", "26.1.2", Component.CLI),
        source="docker/cli #5043 (v26.1.1: waitExitOrRemoved returns on a cancelled context without"
        " closing its channel), fixed by #5062 (v26.1.2); observed through the stub Engine API:"
        " 26.1.1 never exits, 26.1.0 and 26.1.2 exit at once",
        summary="CLI 26.1.1 never exits when an attached docker run --rm fails to start: it waits"
        " for"
        " a status that never comes.",
    ),
    OutcomeRule(
        id="docker-cli/completed",
        engine=_D,
        outcome=ExitOutcome.SUCCESS,
        exit_code=0,
        versions=ALL_VERSIONS,
        source="docker/cli cmd/docker/docker.go: main (nil error -> 0)",
        summary="The command succeeded and does not report a container status: exit 0.",
    ),
    OutcomeRule(
        id="docker-cli/exec-exit-code",
        engine=_D,
        outcome=ExitOutcome.COMMAND_FAILED,
        exit_code=None,
        versions=ALL_VERSIONS,
        source="docker/cli cli/command/container/exec.go: getExecExitStatus",
        summary="docker exec exits with the exec inspect's ExitCode (null counts as 0).",
    ),
    OutcomeRule(
        id="docker-cli/wait-command",
        engine=_D,
        outcome=ExitOutcome.SUCCESS,
        exit_code=None,
        versions=ALL_VERSIONS,
        source="docker/cli cli/command/container/wait.go: runWait",
        summary="docker wait prints every status and exits 0, or 1 if any wait request failed.",
    ),
    OutcomeRule(
        id="docker-state/oom-killed",
        engine=_D,
        outcome=ExitOutcome.OOM_KILLED,
        exit_code=None,
        versions=ALL_VERSIONS,
        source="moby daemon/monitor.go: OOM event sets State.OOMKilled",
        summary="State.OOMKilled is true: the kernel's OOM killer ended the container (SIGKILL).",
    ),
    OutcomeRule(
        id="docker-state/not-exited",
        engine=_D,
        outcome=ExitOutcome.STATUS_UNKNOWN,
        exit_code=None,
        versions=ALL_VERSIONS,
        source="moby container/state.go: State.State()",
        summary="The container has not exited (created, running, paused or restarting): no status"
        " yet.",
    ),
    OutcomeRule(
        id="docker-state/start-failed",
        engine=_D,
        outcome=ExitOutcome.ENGINE_ERROR,
        exit_code=None,
        versions=ALL_VERSIONS,
        source="moby daemon/start.go: containerStart (State.Error, ExitCode 126/127/128)",
        summary="The container never started; its State.Error holds the start error.",
    ),
    OutcomeRule(
        id="docker-cli/exit-code",
        engine=_D,
        outcome=ExitOutcome.COMMAND_FAILED,
        exit_code=None,
        versions=ALL_VERSIONS,
        source="docker/cli docs/reference/run.md: Exit status",
        summary="A docker exit status read by docker's conventions (125 engine, 126, 127, 128+n).",
    ),
    OutcomeRule(
        id="cli-result/passed-through",
        engine=_D,
        outcome=ExitOutcome.COMMAND_FAILED,
        exit_code=None,
        versions=ALL_VERSIONS,
        source="python-on-whales DockerException.return_code; subprocess returncode"
        " (python-ecosystem"
        " notes 1.5: a code already resolved by a CLI is passed through)",
        summary="The code was already decided by the real CLI process; it is passed through, and"
        " its"
        " stderr says what happened.",
    ),
    OutcomeRule(
        id="cli-result/killed-by-signal",
        engine=_D,
        outcome=ExitOutcome.SIGNALED,
        exit_code=None,
        versions=ALL_VERSIONS,
        source="CPython subprocess docs: returncode -N means killed by signal N (POSIX)",
        summary="The process was killed by a signal (negative returncode); a shell reports 128+N.",
    ),
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
    OutcomeRule(
        id="nerdctl-cli/exec-nonzero-1",
        engine=_N,
        outcome=ExitOutcome.COMMAND_FAILED,
        exit_code=1,
        versions=ALL_VERSIONS,
        source="containerd/nerdctl pkg/cmd/container/exec.go (exec failed with exit code N)",
        summary="nerdctl exec turns any non-zero status into an error: exit 1.",
    ),
)
"""Decisions made from statuses and states, so every rule id in a result is documented."""


_PODMAN_ABI = "containers/podman pkg/domain/infra/abi/containers.go"
_NERDCTL_RUN = "containerd/nerdctl cmd/nerdctl/container/container_run.go"


OUTCOME_RULES += (
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


@attrs.frozen(kw_only=True)
class Behaviour:
    """A version-dependent behaviour: present in ``versions`` of the engine."""

    id: str
    engine: Engine
    versions: VersionRange
    source: str
    summary: str


BEHAVIOURS: tuple[Behaviour, ...] = (
    Behaviour(
        id="docker-cli/is-a-directory-126",
        engine=_D,
        versions=_since("23.0.1"),
        source="docker/cli 9b5ceb52b0 (2023-02-03)",
        summary="docker run maps `is a directory` to 126 (125 before).",
    ),
    Behaviour(
        id="docker-cli/wait-error-125",
        engine=_D,
        versions=_since("18.2.0"),
        source="docker/cli 8471742a8a (2017-10-19)",
        summary="A wait response Error makes docker run exit 125.",
    ),
    Behaviour(
        id="docker-cli/stdin-only-attach-waits",
        engine=_D,
        versions=_since("28.0.0"),
        source="docker/cli aee9eebf34",
        summary="docker run -a stdin waits for the container and exits with its status (0 before).",
    ),
    Behaviour(
        id="docker-cli/run-pings-first",
        engine=_D,
        versions=_since("29.1.3"),
        source="docker/cli a6335c4226 (2025-12-11)",
        summary="docker run pings first: an unreachable daemon exits 1 (125/126/127 before).",
    ),
    Behaviour(
        id="docker-cli/transport-errors-are-connection-failures",
        engine=_D,
        versions=_since("25.0.4"),
        source="docker/cli a8379092af (vendored moby client: errConnectionFailed{error during"
        " connect})",
        summary="A transport error (error during connect) counts as a connection failure, so docker"
        " exec exits 255 when its exec inspect breaks (1 before).",
    ),
    Behaviour(
        id="docker-engine/exec-not-found-127",
        engine=_D,
        versions=_since("28.0.0", Component.ENGINE),
        source="moby c866a7e5f8 (2024-09-26)",
        summary="The daemon records 127 for an exec of a missing binary (126 before).",
    ),
    Behaviour(
        id="docker-engine/set-exit-code-from-error",
        engine=_D,
        versions=_since(_ENGINE_24, Component.ENGINE),
        source="moby 83dd99177f, 4bafaa00aa",
        summary="The daemon's start-error codes: permission denied before not a directory.",
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


@attrs.frozen(kw_only=True)
class CliSignalRule:
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
        id="docker-cli-signal/run-context-canceled",
        engine=_D,
        commands=_names("run"),
        phases=_RUNNING,
        signals=_INT_TERM,
        sig_proxy=None,
        min_count=1,
        policy=SignalPolicy.EXIT_CODE,
        exit_code=1,
        versions=_between("27.0.1", "27.1.0", Component.CLI),
        source=f"docker/cli #4993 (v27.0.1, {_DOCKER_MAIN}: notifyContext cancels the command's"
        " context on SIGINT/SIGTERM); run.go keeps it while attached since #5250 (v27.1.0,"
        f" backport of #5247); {_SEEN} 27.0.1 (`context canceled`, 1) and 27.5.1",
        summary="CLI 27.0 cancels docker run's context on SIGINT or SIGTERM: it prints `context"
        " canceled` and exits 1, whatever the container does.",
    ),
    CliSignalRule(
        id="docker-cli-signal/forced-exit",
        engine=_D,
        commands=_names("run"),
        phases=_RUNNING,
        signals=_INT_TERM,
        sig_proxy=None,
        min_count=3,
        policy=SignalPolicy.EXIT_CODE,
        exit_code=1,
        versions=_since("27.1.0"),
        source=f"docker/cli #5171 (v27.0.1, {_DOCKER_MAIN}: forceExitAfter3TerminationSignals),"
        " which decides docker run's code once run outlives the first signal: #5250"
        f" (v27.1.0; 27.0.1 exits at the first, `context canceled`); {_SEEN} 27.5.1 to"
        " 29.7.2 (`got 3 SIGTERM/SIGINTs, forcefully exiting`, 1)",
        summary="Three SIGINT/SIGTERM make the CLI print `got 3 SIGTERM/SIGINTs, forcefully"
        " exiting`"
        " and exit 1 at once.",
    ),
    CliSignalRule(
        id="docker-cli-signal/run-forwarded",
        engine=_D,
        commands=_names("run"),
        phases=_RUNNING,
        signals=_INT_TERM | _HUP,
        sig_proxy=True,
        min_count=1,
        policy=SignalPolicy.CONTAINER_STATUS,
        exit_code=None,
        versions=ALL_VERSIONS,
        source="docker/cli cli/command/container/signals.go: ForwardAllSignals (--sig-proxy, on by"
        " default, with -t too: #1841, v20.10.0 and #2177, v19.03.5); run keeps its context"
        f" while attached since #5250 (v27.1.0); {_SEEN} every CLI 19.03.15 to 29.7.2"
        " (`kill?signal=INT`, then the container's 130/143)",
        summary="docker run forwards the signal to the container (--sig-proxy), waits on, and exits"
        " with the container's status.",
    ),
    CliSignalRule(
        id="docker-cli-signal/run-no-proxy-waits",
        engine=_D,
        commands=_names("run"),
        phases=_RUNNING,
        signals=_INT_TERM,
        sig_proxy=False,
        min_count=1,
        policy=SignalPolicy.CONTAINER_STATUS,
        exit_code=None,
        versions=_since("27.1.0"),
        source=f"docker/cli #5250 (v27.1.0, backport of #5247: run.go keeps its context while"
        f" attached; {_DOCKER_MAIN} catches SIGINT/SIGTERM since #4993); {_SEEN} 27.5.1 to"
        " 29.7.2",
        summary="With --sig-proxy=false the CLI catches SIGINT/SIGTERM, does not pass them on, and"
        " exits with the container's status when it exits.",
    ),
    CliSignalRule(
        id="docker-cli-signal/run-no-proxy-killed",
        engine=_D,
        commands=_names("run"),
        phases=_RUNNING,
        signals=_INT_TERM,
        sig_proxy=False,
        min_count=1,
        policy=SignalPolicy.KILLED,
        exit_code=None,
        versions=_until("27.0.1"),
        source=f"{_DOCKER_MAIN} before docker/cli #4993 (v27.0.1) installs no SIGINT/SIGTERM"
        f" handler; {_SEEN} 19.03.15 to 26.1.2 (killed by the signal)",
        summary="With --sig-proxy=false a CLI before 27 has no handler: it dies of the signal"
        " (a shell reports 128+n).",
    ),
    CliSignalRule(
        id="docker-cli-signal/hangup-kills",
        engine=_D,
        commands=_names("run"),
        phases=_RUNNING,
        signals=_HUP,
        sig_proxy=False,
        min_count=1,
        policy=SignalPolicy.KILLED,
        exit_code=None,
        versions=ALL_VERSIONS,
        source="docker/cli cmd/docker/internal/signals: TerminationSignals is SIGTERM and SIGINT"
        f" only; {_SEEN} every CLI 19.03.15 to 29.7.2 (killed by SIGHUP)",
        summary="Without --sig-proxy nothing catches SIGHUP: the CLI dies of it (a shell reports"
        " 129).",
    ),
    # --- docker run, pulling the image (before the signal proxy exists) ---
    CliSignalRule(
        id="docker-cli-signal/pull-killed",
        engine=_D,
        commands=_names("run"),
        phases=_PULLING,
        signals=_INT_TERM,
        sig_proxy=None,
        min_count=1,
        policy=SignalPolicy.KILLED,
        exit_code=None,
        versions=_until("27.0.1"),
        source=f"{_DOCKER_MAIN} before docker/cli #4993 (v27.0.1): no handler while docker run"
        f" pulls; {_SEEN} 19.03.15 to 26.1.2 (killed by the signal)",
        summary="A CLI before 27 has no handler while it pulls: it dies of the signal (a shell"
        " reports 128+n).",
    ),
    CliSignalRule(
        id="docker-cli-signal/pull-cancelled-125",
        engine=_D,
        commands=_names("run"),
        phases=_PULLING,
        signals=_INT_TERM,
        sig_proxy=None,
        min_count=1,
        policy=SignalPolicy.EXIT_CODE,
        exit_code=125,
        versions=_between("27.0.1", "28.0.0", Component.CLI),
        source=f"docker/cli #4993 (v27.0.1: the signal cancels the context, the pull fails with"
        f" `context canceled`, which run maps to 125); {_SEEN} 27.0.1 and 27.5.1",
        summary="CLI 27 cancels the pull on SIGINT/SIGTERM; the failed create is docker run's 125.",
    ),
    CliSignalRule(
        id="docker-cli-signal/pull-terminated",
        engine=_D,
        commands=_names("run"),
        phases=_PULLING,
        signals=_INT_TERM,
        sig_proxy=None,
        min_count=1,
        policy=SignalPolicy.SIGNAL_STATUS,
        exit_code=None,
        versions=_since("28.0.0"),
        source=f"docker/cli #5760, #5778 (v28.0.0, {_DOCKER_MAIN}: errCtxSignalTerminated,"
        f" getExitCode 128+signal) and #5645 (fix-run-ctx: the cancelled pull ends run);"
        f" {_SEEN} 28.0.0 to 29.7.2 (130, 143)",
        summary="From CLI 28 a signal that cancels the pull makes the CLI exit 128+n (130 for"
        " SIGINT, 143 for SIGTERM).",
    ),
    CliSignalRule(
        id="docker-cli-signal/pull-hangup-kills",
        engine=_D,
        commands=_names("run"),
        phases=_PULLING,
        signals=_HUP,
        sig_proxy=None,
        min_count=1,
        policy=SignalPolicy.KILLED,
        exit_code=None,
        versions=ALL_VERSIONS,
        source="docker/cli cmd/docker/internal/signals: TerminationSignals is SIGTERM and SIGINT"
        f" only, and the signal proxy starts after the create; {_SEEN} every CLI 19.03.15"
        " to 29.7.2",
        summary="Nothing catches SIGHUP while docker run pulls: the CLI dies of it (a shell"
        " reports 129).",
    ),
    # --- docker start -a ---
    CliSignalRule(
        id="docker-cli-signal/start-attach-context-canceled",
        engine=_D,
        commands=_names("start -a"),
        phases=_RUNNING,
        signals=_INT_TERM,
        sig_proxy=None,
        min_count=1,
        policy=SignalPolicy.EXIT_CODE,
        exit_code=1,
        versions=_between("27.0.1", "28.2.0", Component.CLI),
        source="docker/cli #4993 (v27.0.1: the signal cancels start's context; start.go does not"
        f" keep it); {_SEEN} 27.0.1, 27.5.1 and 28.0.0 (`context canceled`, 1)",
        summary="docker start -a forwards the signal, but the cancelled context ends it first: it"
        " prints `context canceled` and exits 1.",
    ),
    CliSignalRule(
        id="docker-cli-signal/start-attach-cancelled-0",
        engine=_D,
        commands=_names("start -a"),
        phases=_RUNNING,
        signals=_INT_TERM,
        sig_proxy=None,
        min_count=1,
        policy=SignalPolicy.EXIT_CODE,
        exit_code=0,
        versions=_since("28.2.0"),
        source=f"docker/cli #6074 (v28.2.0: containerd errdefs.IsCanceled, and {_DOCKER_MAIN}: main"
        f" prints no cancellation and exits 0); {_SEEN} 28.2.2 to 29.7.2 (0)",
        summary="docker start -a forwards the signal, and its cancelled context ends it silently:"
        " exit 0 although the container was stopped.",
    ),
    CliSignalRule(
        id="docker-cli-signal/start-attach-forwarded",
        engine=_D,
        commands=_names("start -a"),
        phases=_RUNNING,
        signals=_INT_TERM | _HUP,
        sig_proxy=True,
        min_count=1,
        policy=SignalPolicy.CONTAINER_STATUS,
        exit_code=None,
        versions=ALL_VERSIONS,
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
