"""The row types of the rule tables, and :class:`EngineSpec`, what an engine module defines.

Every engine module under :mod:`exitcodes.engines` builds its rows from these classes;
:mod:`exitcodes.rules` is the public façade that concatenates them. Internal: import the
names from :mod:`exitcodes.rules`.
"""

from __future__ import annotations

import enum
from collections.abc import Callable

import attrs

from exitcodes.outcome import ExitOutcome
from exitcodes.profiles import Engine, EngineName, Profile, Version

COMMANDS = ("run", "create", "start", "start -a", "attach", "exec", "wait", "other")
"""The commands :func:`exitcodes.resolve` models; ``"other"`` is any other docker command."""

PHASES = ("flags", "args", "connect", "create", "attach", "start", "wait")
"""Where an error can happen, in the order a command meets them."""


class Component(enum.Enum):
    """Which program's version a row depends on."""

    CLI = "cli"
    """The command-line client (docker/cli)."""
    ENGINE = "engine"
    """The daemon that answers the API (moby; libpod for podman): only the rows of the
    daemon layers (:attr:`Layer.ENGINE`, :attr:`Layer.ENGINE_EXEC`) use it, and those are
    read from the profile's daemon's own module."""
    PODMAN_API = "podman-api"
    """podman's Docker-compatible API (``podman system service``) answering a docker CLI:
    a CLI row that holds only against it, for these podman versions."""


@attrs.frozen
class VersionRange:
    """Versions ``since <= v < until`` of one component; ``None`` is unbounded."""

    since: Version | None = None
    until: Version | None = None
    component: Component = Component.CLI

    def contains(self, profile: Profile) -> bool:
        """Whether *profile*'s version of the range's ``component`` is in the range."""
        if self.component is Component.CLI:
            version = profile.version
        elif self.component is Component.ENGINE or profile.daemon is Engine.PODMAN:
            version = profile.engine_version
        else:  # a podman-api row, and the daemon is not podman
            return False
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
    engine: Engine | EngineName
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


NOT_FOUND = (
    "executable file not found",
    "no such file or directory",
    "system cannot find the file specified",
)
"""The wordings of a missing executable (docker/cli's ``toStatusError`` and its peers)."""

FLAG_ERRORS = (
    "unknown flag:",
    "unknown shorthand flag:",
    "flag needs an argument:",
    "invalid argument ",
)
"""How cobra (podman's and nerdctl's command line too) starts a flag error."""


def release(version: str) -> Version:
    """A table's literal ``MAJOR.MINOR.PATCH``, without parse_version's pattern.

    The tables are built at import, where compiling that pattern would cost more than
    reading all their versions.
    """
    major, minor, patch = version.split(".")
    return Version(int(major), int(minor), int(patch))


def since(version: str, component: Component = Component.CLI) -> VersionRange:
    return VersionRange(since=release(version), component=component)


def until(version: str, component: Component = Component.CLI) -> VersionRange:
    return VersionRange(until=release(version), component=component)


def between(since: str, until: str, component: Component) -> VersionRange:
    return VersionRange(release(since), release(until), component)


def names(*names: str) -> frozenset[str]:
    return frozenset(names)


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
    engine: Engine | EngineName
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


ALL_COMMANDS = frozenset(COMMANDS)
"""Every command of :data:`COMMANDS`, for rows about all of them."""


@attrs.frozen(kw_only=True)
class OutcomeRule:
    """A decision made from a status rather than a message; documented like the others."""

    id: str
    engine: Engine | EngineName
    outcome: ExitOutcome
    exit_code: int | None
    versions: VersionRange
    source: str
    summary: str


@attrs.frozen(kw_only=True)
class Behaviour:
    """A version-dependent behaviour: present in ``versions`` of the engine."""

    id: str
    engine: Engine | EngineName
    versions: VersionRange
    source: str
    summary: str


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
    engine: Engine | EngineName
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


@attrs.frozen(kw_only=True)
class ReasonRule:
    """What a Kubernetes container ``reason`` means.

    Attributes:
        id: stable rule id, ``kubernetes/<reason>``.
        reason: the ``reason`` string as the kubelet or runtime sets it.
        state: ``"terminated"`` or ``"waiting"``.
        outcome: what happened; ``None`` means "read the exit code" (``Error``).
        from_message: the ``message`` holds a runtime error to classify.
        source: where the reason is set.
        summary: one plain sentence.
    """

    id: str
    reason: str
    state: str
    outcome: ExitOutcome | None
    from_message: bool
    source: str
    summary: str


@attrs.frozen
class Rows:
    """One engine's row factories: the engine is named once, each row holds what differs.

    An engine module binds it once (``_row = Rows(Engine.PODMAN)``) and writes its tables
    as ``_row.message(...)``, ``_row.phase(...)`` and so on; the rows are the same values
    the row classes build, with ``versions`` :data:`ALL_VERSIONS` unless a row says.
    """

    engine: Engine | EngineName

    def message(  # noqa: PLR0917 - a message row's essentials, in field order
        self,
        id: str,
        layer: Layer,
        patterns: tuple[str, ...],
        match: Match,
        outcome: ExitOutcome,
        exit_code: int,
        *,
        versions: VersionRange = ALL_VERSIONS,
        source: str,
        summary: str,
        anchors: tuple[str, ...] = (),
    ) -> MessageRule:
        """A :class:`MessageRule` of the engine."""
        return MessageRule(
            id=id,
            engine=self.engine,
            layer=layer,
            patterns=patterns,
            match=match,
            outcome=outcome,
            exit_code=exit_code,
            versions=versions,
            source=source,
            summary=summary,
            anchors=anchors,
        )

    def phase(  # noqa: PLR0917 - a phase row's essentials, in field order
        self,
        id: str,
        commands: frozenset[str],
        phases: frozenset[str],
        policy: ErrorPolicy,
        outcome: ExitOutcome,
        exit_code: int | None,
        *,
        versions: VersionRange = ALL_VERSIONS,
        source: str,
        summary: str,
        detach: bool | None = None,
        patterns: tuple[str, ...] = (),
    ) -> PhaseRule:
        """A :class:`PhaseRule` of the engine."""
        return PhaseRule(
            id=id,
            engine=self.engine,
            commands=commands,
            phases=phases,
            policy=policy,
            outcome=outcome,
            exit_code=exit_code,
            versions=versions,
            source=source,
            summary=summary,
            detach=detach,
            patterns=patterns,
        )

    def outcome(
        self,
        id: str,
        outcome: ExitOutcome,
        exit_code: int | None,
        *,
        versions: VersionRange = ALL_VERSIONS,
        source: str,
        summary: str,
    ) -> OutcomeRule:
        """An :class:`OutcomeRule` of the engine."""
        return OutcomeRule(
            id=id,
            engine=self.engine,
            outcome=outcome,
            exit_code=exit_code,
            versions=versions,
            source=source,
            summary=summary,
        )

    def behaviour(self, id: str, versions: VersionRange, *, source: str, summary: str) -> Behaviour:
        """A :class:`Behaviour` of the engine."""
        return Behaviour(
            id=id, engine=self.engine, versions=versions, source=source, summary=summary
        )

    def signal(  # noqa: PLR0917 - a signal row's essentials, in field order
        self,
        id: str,
        commands: frozenset[str],
        phases: frozenset[SignalPhase],
        signals: frozenset[int],
        policy: SignalPolicy,
        exit_code: int | None,
        *,
        sig_proxy: bool | None = None,
        min_count: int = 1,
        versions: VersionRange = ALL_VERSIONS,
        source: str,
        summary: str,
    ) -> CliSignalRule:
        """A :class:`CliSignalRule` of the engine (any ``--sig-proxy``, one signal, unless said)."""
        return CliSignalRule(
            id=id,
            engine=self.engine,
            commands=commands,
            phases=phases,
            signals=signals,
            sig_proxy=sig_proxy,
            min_count=min_count,
            policy=policy,
            exit_code=exit_code,
            versions=versions,
            source=source,
            summary=summary,
        )


Rule = MessageRule | PhaseRule | OutcomeRule | ReasonRule | CliSignalRule
"""Any row of the decision tables (:func:`rule_by_id` finds the CLI signal rows too)."""


@attrs.frozen(kw_only=True)
class EngineSpec:
    """One engine: its rows, and what its CLI decides that no single row says.

    Each engine module defines one as ``ENGINE``; :mod:`exitcodes.engines` maps every
    :class:`~exitcodes.profiles.Engine` to its spec. What differs between engines is here
    as data (the rows that answer a status, a detached run or a failed wait; nerdctl's
    exit 1 for a non-zero exec), so the classifier asks the spec instead of naming engines.

    Attributes:
        engine: the engine the rows are for (their ``engine`` field).
        oldest: the oldest release modelled.
        newest: the newest release the rows were checked against.
        profile: builds a :class:`~exitcodes.profiles.Profile` of a version of the engine.
        message_rules: the engine's rows of :data:`~exitcodes.rules.MESSAGE_RULES`.
        phase_rules: its rows of :data:`~exitcodes.rules.PHASE_RULES`.
        outcome_rules: its rows of :data:`~exitcodes.rules.OUTCOME_RULES`.
        behaviours: its rows of :data:`~exitcodes.rules.BEHAVIOURS`.
        signal_rules: its rows of :data:`~exitcodes.rules.CLI_SIGNAL_RULES`.
        container_status: the row that reads a container's own status.
        exit_code: the row that reads a bare exit status of the CLI process.
        detached: the row of ``run -d`` and ``exec -d``: 0 once started.
        completed: the row of any other command that completed.
        exec_exit_code: the row that reads an exec's status.
        wait_command: the row of the ``wait`` command.
        wait_error: the row behind the code a wait response's ``Error`` gives.
        wait_error_code: that code.
        wait_error_behaviour: the behaviour that gates it (``None``: every version has it).
        engine_failure_status: the status that says the engine itself failed (125), or
            ``None`` where that status means any error too (nerdctl exits 1 for all).
        exec_nonzero: the row that turns a non-zero exec status into its own code
            (nerdctl: 1), or ``None``: the status passes through.
        attach_discards_status: the row of an ``attach`` that exits 0 whatever the
            container's status (podman), or ``None``.
        attach_wait_error: the row of an ``attach`` whose wait response carried an
            ``Error`` (docker: 1), or ``None``.
        stdin_only_attach: the row of ``run -a stdin`` that does not wait, or ``None``.
        stdin_only_attach_waits: the behaviour since which ``run -a stdin`` waits.
        attach_inspects: the row of an ``attach`` that exits with the State.ExitCode an
            inspect reads once the stream ends instead of waiting (docker before 18.03), or
            ``None``.
        run_rm_start_hangs: the row of an attached ``run --rm`` that never exits after a
            failed start, or ``None``.
        run_rm_status_lost: the row of an attached ``run --rm`` whose wait answers 0
            whatever the container's status (podman < 4.6's API), or ``None``.
    """

    engine: Engine | EngineName
    oldest: Version
    newest: Version
    profile: Callable[..., Profile]
    message_rules: tuple[MessageRule, ...]
    phase_rules: tuple[PhaseRule, ...]
    outcome_rules: tuple[OutcomeRule, ...]
    behaviours: tuple[Behaviour, ...] = ()
    signal_rules: tuple[CliSignalRule, ...] = ()
    container_status: OutcomeRule
    exit_code: OutcomeRule
    detached: OutcomeRule
    completed: OutcomeRule
    exec_exit_code: OutcomeRule
    wait_command: OutcomeRule
    wait_error: OutcomeRule | PhaseRule
    wait_error_code: int
    wait_error_behaviour: Behaviour | None = None
    engine_failure_status: int | None = 125
    exec_nonzero: OutcomeRule | None = None
    attach_discards_status: OutcomeRule | None = None
    attach_wait_error: OutcomeRule | None = None
    stdin_only_attach: OutcomeRule | None = None
    stdin_only_attach_waits: Behaviour | None = None
    attach_inspects: OutcomeRule | None = None
    run_rm_start_hangs: OutcomeRule | None = None
    run_rm_status_lost: OutcomeRule | None = None

    @property
    def name(self) -> str:
        """The engine's name, as profiles and messages spell it (``"docker"``)."""
        return self.engine.value

    def rows(self) -> tuple[MessageRule | PhaseRule | OutcomeRule | CliSignalRule, ...]:
        """Every row of the engine's tables, in table order."""
        return (*self.message_rules, *self.phase_rules, *self.outcome_rules, *self.signal_rules)
