"""The classifier: one piece of evidence in, an outcome and the deciding rule out."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import attrs

from exitcodes._evidence import (
    DAEMON_ANSWERS,
    INT64_MAX,
    INT64_MIN,
    MESSAGE_PREFIXES,
    EvidenceKind,
    bool_field,
    get_field,
    int_field,
    number_text,
    status_line,
    str_field,
    wait_error,
)
from exitcodes._matcher import (
    MAX_REMEMBERED,
    Tables,
    check_profile,
    cli_row,
    connection,
    tables,
    usage_row,
)
from exitcodes._read import Evidence, read
from exitcodes._statuses import (
    HIGHEST_SIGNAL,
    INT32_MIN,
    SIGNAL_BASE,
    normalize,
    sigkill,
    signal_of,
    signal_platform,
    signals_by_name,
    status_outcome,
    status_reason,
)
from exitcodes.engines import spec as engine_spec
from exitcodes.errors import (
    MalformedEvidenceError,
    UnsupportedEvidenceError,
    describe,
)
from exitcodes.kubernetes import ReasonRule, reason_rule
from exitcodes.outcome import ExitOutcome
from exitcodes.profiles import DEFAULT, Profile
from exitcodes.rules import (
    OUTCOME_RULES,
    MessageRule,
    OutcomeRule,
    behaviour,
)

if TYPE_CHECKING:
    import signal as _signal

    from exitcodes.conversions import LinuxSignal

    SignalMember = _signal.Signals | LinuxSignal

__all__ = ["Classification", "EvidenceKind", "classify"]


@attrs.frozen
class Classification:
    """What one piece of evidence says happened, and which rule decided.

    Attributes:
        outcome: what happened.
        exit_code: the code this means for the CLI process: the status the
            evidence carries, truncated as the profile's platform does, or the
            engine's conventional code for an error message (what ``docker
            run`` exits with for it). ``None`` when no status exists yet (a
            running or never-started container).
        signal: the signal that ended the command (``128+n`` statuses, OOM
            kills, negative returncodes), or ``None``. Numbers are read with
            Linux's signal table (containers run Linux), never the host's: the
            member is the host's :class:`signal.Signals` member where the host
            numbers that signal as Linux does (always on Linux), otherwise an
            :class:`exitcodes.conversions.LinuxSignal` member. Both compare
            equal to the Linux number and have the name (``SIGKILL``).
        rule: the stable id of the rule that decided (see
            :func:`exitcodes.rules.rule_by_id`).
        reason: one plain sentence saying why.
        kind: what kind of evidence was read.
        status: the raw status the evidence carried (``State.ExitCode``,
            ``StatusCode``, the int itself), before truncation; ``None`` for
            messages.
    """

    outcome: ExitOutcome
    exit_code: int | None
    signal: _signal.Signals | LinuxSignal | None
    rule: str
    reason: str
    kind: EvidenceKind
    status: int | None = None

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict: enums as their values, the signal as its name."""
        return {
            "outcome": self.outcome.value,
            "exit_code": self.exit_code,
            "signal": None if self.signal is None else self.signal.name,
            "rule": self.rule,
            "reason": self.reason,
            "kind": self.kind.value,
            "status": self.status,
        }


def _message_answer(rows: Tables, rule: MessageRule) -> Classification:
    """What a usage or CLI row answers: one Classification per row, remembered."""
    found = rows.message_answers.get(rule.id)
    if found is None:
        found = rows.message_answers[rule.id] = Classification(
            rule.outcome, rule.exit_code, None, rule.id, rule.summary, EvidenceKind.MESSAGE
        )
    return found


def _connection_answer(
    rows: Tables, connection: MessageRule, code_rule: MessageRule
) -> Classification:
    """What a connection failure answers, with the code the CLI gives it; remembered."""
    key = (connection.id, code_rule.id)
    found = rows.connection_answers.get(key)
    if found is None:
        profile = rows.profile
        if behaviour("docker-cli/run-pings-first", profile):
            code, how = 1, "docker run pings first and exits 1"
        else:
            code = code_rule.exit_code
            how = f"{profile.engine.value} run maps its text to {code_rule.exit_code}"
        found = rows.connection_answers[key] = Classification(
            connection.outcome,
            code,
            None,
            connection.id,
            f"{connection.summary} {how} ({profile}).",
            EvidenceKind.MESSAGE,
        )
    return found


def killed_by_signal(
    returncode: int, profile: Profile, where: str, kind: EvidenceKind
) -> Classification | None:
    """A negative *returncode* read as Python's "killed by signal ``-returncode``".

    The number is the signal on the profile's platform (Linux, or macOS: where the
    CLI process ran); ``None`` on Windows, where a negative code is a signed 32-bit
    exit code, not a signal.

    Raises:
        MalformedEvidenceError: no signal of the platform has that number.
    """
    from exitcodes.conversions import signal_name  # noqa: PLC0415

    platform = signal_platform(profile)
    if platform is None:
        if returncode < INT32_MIN:
            raise MalformedEvidenceError(
                f"{where} {returncode} is below -2**31: no Windows exit code (signed 32 bits)"
            )
        return None
    number = -returncode
    highest = HIGHEST_SIGNAL[platform.value]
    if not 1 <= number <= highest:
        shown = str(returncode) if returncode >= INT64_MIN else "below int64"
        raise MalformedEvidenceError(
            f"{where} {shown} is negative, so it reads as Python's returncode of a process"
            f" killed by signal {-returncode if returncode >= INT64_MIN else 'n'}, but"
            f" {platform.value} has signals 1..{highest} only"
        )
    name = signal_name(number, platform)
    rule = outcome_rule("cli-result/killed-by-signal")
    shown_name = name or f"signal {number}"
    on = "" if platform.value == "linux" else f" (numbered as on {platform.value})"
    return Classification(
        ExitOutcome.SIGNALED,
        SIGNAL_BASE + number,
        None if name is None else signals_by_name().get(name),
        rule.id,
        f"The process was killed by {shown_name}{on} (returncode {returncode}); a shell"
        f" reports {SIGNAL_BASE + number}.",
        kind,
        returncode,
    )


_OUTCOME_RULES = {rule.id: rule for rule in OUTCOME_RULES}


def outcome_rule(rule_id: str) -> OutcomeRule:
    """The :data:`~exitcodes.rules.OUTCOME_RULES` row with id *rule_id*."""
    return _OUTCOME_RULES[rule_id]


def classify_message(message: str, profile: Profile) -> Classification:
    """Classify a daemon or client error text (what docker run would exit with for it).

    An error the daemon answered with (``Error response from daemon: ...``) proves the
    client parsed its arguments and reached the daemon: it is neither a usage error nor
    a connection failure, whatever it quotes, and only the CLI's own checks apply.
    """
    rows = tables(profile)
    if message.startswith(DAEMON_ANSWERS):
        return _message_answer(rows, cli_row(rows, message))
    usage = usage_row(rows, message)
    if usage is not None:
        return _message_answer(rows, usage)
    code_rule = cli_row(rows, message)
    found = connection(rows, message)
    if found is not None:
        return _connection_answer(rows, found, code_rule)
    if code_rule is rows.cli_fallback:  # no phrase matched: is it a status, or nothing?
        return _text_status(profile, message) or _message_answer(rows, code_rule)
    return _message_answer(rows, code_rule)


def _text_status(profile: Profile, message: str) -> Classification | None:
    """What a text that matched no engine phrase says when it is a status or nothing.

    A text that is only a number reads as that ``int`` does; a short status line
    (``Exited (137) 5 seconds ago``, Go's ``exit status 137``) as the container status
    it names. An empty or blank text says nothing: MalformedEvidenceError.
    """
    if not message or message.isspace():
        raise MalformedEvidenceError(
            f"the error text is {'empty' if not message else 'blank'}: it names no error"
            " and no status"
        )
    number = number_text(message)
    if number is not None:
        found = classify_int(number, profile)
        return attrs.evolve(
            found,
            reason=f"The text is only the number {number}, read as a bare status. {found.reason}",
            kind=EvidenceKind.MESSAGE,
        )
    status = status_line(message)
    if status is not None:
        return classify_status(status, profile, what="The command", kind=EvidenceKind.MESSAGE)
    return None


def classify_status(
    status: int, profile: Profile, *, what: str, kind: EvidenceKind
) -> Classification:
    """Classify a container's own status (wait StatusCode, State.ExitCode, exec ExitCode)."""
    # Fleets see the same few statuses again and again, and the answer is immutable, so
    # it is remembered per profile (up to MAX_REMEMBERED of them). id(kind) keys the enum
    # member, which lives forever, without running Enum.__hash__'s Python code.
    if type(status) is not int:  # an int subclass or an IntEnum: its own methods never run
        status = int.__int__(status)
    remembered = tables(profile).statuses
    key = (status, what, id(kind))
    found = remembered.get(key)
    if found is not None:
        return found
    code = normalize(status, profile)
    rule = engine_spec(profile.engine).container_status
    found = Classification(
        status_outcome(code),
        code,
        signal_of(code),
        rule.id,
        status_reason(code, status, what),
        kind,
        status,
    )
    if len(remembered) < MAX_REMEMBERED:
        remembered[key] = found
    return found


def classify_exit_code(status: int, profile: Profile) -> Classification:
    """Classify a bare exit status of the docker CLI process itself (not negative)."""
    if type(status) is not int:
        status = int.__int__(status)
    code = normalize(status, profile)
    engine = engine_spec(profile.engine)
    rule = engine.exit_code
    if code == engine.engine_failure_status:
        return Classification(
            ExitOutcome.ENGINE_ERROR,
            code,
            None,
            rule.id,
            f"{engine.name} exits {code} when the engine itself failed (daemon error, bad flag).",
            EvidenceKind.STATUS,
            status,
        )
    base = classify_status(status, profile, what="The command", kind=EvidenceKind.STATUS)
    return attrs.evolve(base, rule=rule.id)


def classify_int(status: int, profile: Profile) -> Classification:
    """Classify a bare ``int``: the CLI process's exit status, or a negative returncode.

    A negative int is Python's ``returncode`` convention, "killed by signal ``-n``",
    on Linux and macOS (see :func:`killed_by_signal`); on Windows it is a signed
    32-bit exit code, kept as the platform keeps it.
    """
    if type(status) is not int:
        status = int.__int__(status)
    if status >= 0:
        return classify_exit_code(status, profile)
    platform = signal_platform(profile)
    if platform is not None and -status <= HIGHEST_SIGNAL[platform.value]:
        found = killed_by_signal(status, profile, "the status", EvidenceKind.STATUS)
        assert found is not None
        return found
    if status < INT32_MIN:
        raise MalformedEvidenceError(
            f"the status {status} is negative and no signal number, and below -2**31: it is"
            " neither Python's returncode of a killed process nor a signed 32-bit exit code"
        )
    found = classify_exit_code(status, profile)
    return attrs.evolve(
        found,
        reason=f"{status} is no signal number, so it reads as a signed 32-bit exit code (as"
        f" Windows tools print {status & 0xFFFFFFFF:#010x}). {found.reason}",
    )


def _oom_contradicted(
    status: int, profile: Profile, what: str, kind: EvidenceKind, rule: str
) -> Classification:
    """An OOM flag with a status that is not SIGKILL's: said so, read from the status."""
    found = classify_status(status, profile, what="The main process", kind=kind)
    return attrs.evolve(
        found,
        reason=f"{what} says the OOM killer struck, but the status is {status}, not"
        f" {SIGNAL_BASE + 9} (SIGKILL): it killed another process in the container, and"
        f" the main process then ended on its own. {found.reason}",
        rule=rule,
    )


def _oom(code: int | None, status: int | None) -> Classification:
    rule = outcome_rule("docker-state/oom-killed")
    shown = f", status {status}" if status is not None else ""
    return Classification(
        ExitOutcome.OOM_KILLED,
        code,
        sigkill(),
        rule.id,
        f"{rule.summary[:-1]}{shown}.",
        EvidenceKind.STATE,
        status,
    )


def _not_exited(
    reason: str, status: int | None, kind: EvidenceKind = EvidenceKind.STATE
) -> Classification:
    """A container (or exec'd process) that has no exit status yet."""
    rule = outcome_rule("docker-state/not-exited")
    return Classification(ExitOutcome.STATUS_UNKNOWN, None, None, rule.id, reason, kind, status)


_NOT_EXITED = frozenset(
    {"created", "running", "paused", "restarting", "configured", "initialized", "stopping"}
)


def classify_state(state: Mapping[Any, Any], profile: Profile, where: str) -> Classification:
    """Classify ``docker inspect``'s State (see moby ``container/state.go``)."""
    status_name = str_field(get_field(state, "Status", where, None), f"{where}['Status']")
    status_name = status_name.strip().lower()
    running = bool_field(get_field(state, "Running", where, None), f"{where}['Running']")
    paused = bool_field(get_field(state, "Paused", where, None), f"{where}['Paused']")
    restarting = bool_field(get_field(state, "Restarting", where, None), f"{where}['Restarting']")
    oom = bool_field(get_field(state, "OOMKilled", where, None), f"{where}['OOMKilled']")
    exit_status = int_field(
        get_field(state, "ExitCode", where, None), f"{where}['ExitCode']", allow_none=True
    )
    error = str_field(get_field(state, "Error", where, None), f"{where}['Error']")

    if not status_name:
        if restarting:
            status_name = "restarting"
        elif paused:
            status_name = "paused"
        elif running:
            status_name = "running"
    if status_name in ("running", "paused", "restarting"):
        return _not_exited(
            f"The container is {status_name}: it has no exit status yet.", exit_status
        )
    code = None if exit_status is None else normalize(exit_status, profile)
    if oom:
        if exit_status is not None and code != SIGNAL_BASE + 9:
            return _oom_contradicted(
                exit_status,
                profile,
                f"{where}['OOMKilled']",
                EvidenceKind.STATE,
                outcome_rule("docker-state/oom-killed").id,
            )
        return _oom(code, exit_status)
    if error and status_name in ("created", "exited", ""):
        message = classify_message(error, profile)
        rule = outcome_rule("docker-state/start-failed")
        recorded = "" if exit_status is None else f" (the daemon recorded {exit_status})"
        return Classification(
            message.outcome,
            message.exit_code,
            None,
            message.rule,
            f"{rule.summary[:-1]}{recorded}; {message.reason[0].lower()}{message.reason[1:]}",
            EvidenceKind.STATE,
            exit_status,
        )
    if status_name in _NOT_EXITED:
        return _not_exited(
            f"The container is {status_name}: it has no exit status yet.", exit_status
        )
    if exit_status is None:
        raise MalformedEvidenceError(
            f"{where} has no ExitCode, so an exited container's status cannot be read"
        )
    return classify_status(exit_status, profile, what="The container", kind=EvidenceKind.STATE)


def classify_wait(response: Mapping[Any, Any], profile: Profile, where: str) -> Classification:
    """Classify a wait response ``{"StatusCode": n, "Error": {"Message": m} | None}``."""
    error = wait_error(response, where)
    status = int_field(get_field(response, "StatusCode", where, 0), f"{where}['StatusCode']")
    assert status is not None
    engine = engine_spec(profile.engine)
    gate = engine.wait_error_behaviour
    if error is not None and (gate is None or gate.versions.contains(profile)):
        shown = repr(error) if error else "an empty message"
        code = engine.wait_error_code
        return Classification(
            ExitOutcome.STATUS_UNKNOWN,
            code,
            None,
            engine.wait_error.id,
            f"The wait response carried Error {shown}; {engine.name} run exits {code} for it.",
            EvidenceKind.WAIT,
            status,
        )
    return classify_status(status, profile, what="The container", kind=EvidenceKind.WAIT)


def classify_exec(inspect: Mapping[Any, Any], profile: Profile, where: str) -> Classification:
    """Classify an exec inspect ``{"ExitCode": n | None, "Running": bool}``."""
    running = bool_field(get_field(inspect, "Running", where, None), f"{where}['Running']")
    status = int_field(
        get_field(inspect, "ExitCode", where, None), f"{where}['ExitCode']", allow_none=True
    )
    if running or status is None:
        reason = "The exec'd process has not exited: ExitCode is null."
        return _not_exited(reason, status, EvidenceKind.EXEC)
    return classify_status(status, profile, what="The exec'd process", kind=EvidenceKind.EXEC)


def classify_cli_result(code: int, stderr: str, profile: Profile, source: str) -> Classification:
    """Classify a code a real CLI already decided, explained by its stderr when it can be."""
    if type(code) is not int:
        code = int.__int__(code)
    if not INT64_MIN <= code <= INT64_MAX:
        raise MalformedEvidenceError(
            f"{source} code must fit in int64, got an int of {code.bit_length()} bits"
        )
    if code < 0 and source in ("CalledProcessError", "CompletedProcess"):
        found = killed_by_signal(code, profile, f"{source}.returncode", EvidenceKind.PROCESS)
        if found is not None:
            return found
    exit_code = normalize(code, profile)
    if stderr:
        message = classify_message(stderr, profile)
        if message.exit_code == exit_code and exit_code != 0:
            return attrs.evolve(message, kind=EvidenceKind.PROCESS, status=code)
    found = classify_exit_code(code, profile)
    rule = outcome_rule("cli-result/passed-through")
    return attrs.evolve(
        found,
        rule=rule.id,
        reason=f"{source}: the real CLI exited {code}. {found.reason}",
        kind=EvidenceKind.PROCESS,
    )


def _k8s_text(value: object, where: str) -> str:
    return str_field(value, where)


def classify_kubernetes(
    document: Mapping[Any, Any], profile: Profile, where: str
) -> Classification:
    """Classify a Kubernetes container status, state, or terminated/waiting state."""
    inner = get_field(document, "state", where, None)
    if isinstance(inner, Mapping) and get_field(document, "exitCode", where, None) is None:
        document, where = inner, f"{where}['state']"
    for key in ("terminated", "waiting", "running"):
        part = get_field(document, key, where, None)
        if part is not None:
            if not isinstance(part, Mapping):
                raise MalformedEvidenceError(
                    f"{where}[{key!r}] must be a mapping, got {describe(part)}"
                )
            return _classify_k8s_part(key, part, profile, f"{where}[{key!r}]")
    if get_field(document, "exitCode", where, None) is not None or (
        get_field(document, "exit_code", where, None) is not None
    ):
        return _classify_k8s_part("terminated", document, profile, where)
    raise MalformedEvidenceError(
        f"{where} holds no Kubernetes state: expected terminated, waiting or running"
    )


def _classify_k8s_part(
    key: str, part: Mapping[Any, Any], profile: Profile, where: str
) -> Classification:
    reason = _k8s_text(get_field(part, "reason", where, None), f"{where}['reason']")
    message = _k8s_text(get_field(part, "message", where, None), f"{where}['message']")
    kind = EvidenceKind.KUBERNETES
    if key == "running":
        rule = _k8s_rule("running", "")
        return Classification(
            rule.outcome or ExitOutcome.STATUS_UNKNOWN, None, None, rule.id, rule.summary, kind
        )
    if key == "waiting":
        waiting_rule = (reason_rule("waiting", reason) if reason else None) or _k8s_rule(
            "waiting", ""
        )
        return _k8s_with_message(waiting_rule, message, None, None, profile)
    raw = get_field(part, "exitCode", where, None)
    if raw is None:
        raw = get_field(part, "exit_code", where, None)
    status = int_field(raw, f"{where}['exitCode']")
    assert status is not None
    code = normalize(status, profile)
    rule = (reason_rule("terminated", reason) if reason else None) or _k8s_rule("terminated", "")
    if (rule.id == "kubernetes/completed") != (status == 0) and rule.id in _EXIT_REASONS:
        raise MalformedEvidenceError(
            f"{where} contradicts itself: reason {reason!r} is what the runtime records for"
            f" {'exit code 0' if rule.id == 'kubernetes/completed' else 'a non-zero exit code'},"
            f" but exitCode is {status}"
        )
    if rule.outcome is ExitOutcome.OOM_KILLED and code != SIGNAL_BASE + 9:
        return _oom_contradicted(status, profile, f"{where}['reason'] OOMKilled", kind, rule.id)
    if rule.outcome is None:
        found = classify_status(status, profile, what="The container", kind=kind)
        return attrs.evolve(
            found, rule=rule.id, reason=f"{found.reason} (reason {reason or 'unset'})."
        )
    if rule.outcome is ExitOutcome.OOM_KILLED:
        return Classification(rule.outcome, code, sigkill(), rule.id, rule.summary, kind, status)
    if rule.outcome is ExitOutcome.SIGNALED:
        return Classification(
            rule.outcome, code, signal_of(code), rule.id, rule.summary, kind, status
        )
    return _k8s_with_message(rule, message, code, status, profile)


# The reasons a runtime derives from the exit code alone (containerd and CRI-O: Completed
# for 0, Error otherwise): with the other code, the document contradicts itself.
_EXIT_REASONS = frozenset({"kubernetes/completed", "kubernetes/error"})


def _k8s_rule(state: str, reason: str) -> ReasonRule:
    rule = reason_rule(state, reason)
    assert rule is not None
    return rule


def _k8s_with_message(
    rule: ReasonRule, message: str, code: int | None, status: int | None, profile: Profile
) -> Classification:
    outcome = rule.outcome or ExitOutcome.STATUS_UNKNOWN
    reason = rule.summary
    if rule.from_message and message:
        found = classify_message(message, profile)
        if found.outcome in (ExitOutcome.NOT_FOUND, ExitOutcome.CANNOT_INVOKE):
            outcome = found.outcome
        reason = f"{reason} Its message: {found.reason[0].lower()}{found.reason[1:]}"
    return Classification(outcome, code, None, rule.id, reason, EvidenceKind.KUBERNETES, status)


def classify_read(evidence: Evidence, profile: Profile) -> Classification:
    """Classify evidence that :func:`exitcodes._read.read` has read."""
    kind, value, where = evidence.kind, evidence.value, evidence.where
    if kind is EvidenceKind.MESSAGE:
        assert isinstance(value, str)
        if evidence.exception is not None:
            return _classify_exception(evidence.exception, value, profile)
        return classify_message(value, profile)
    if kind is EvidenceKind.STATUS:
        assert isinstance(value, int)
        if evidence.signal is not None:
            return _signal_evidence(evidence.signal, profile)
        return classify_int(value, profile)
    if kind is EvidenceKind.PROCESS:
        assert isinstance(value, int)
        return classify_cli_result(value, evidence.text, profile, evidence.source)
    assert isinstance(value, Mapping)
    if kind is EvidenceKind.WAIT:
        return classify_wait(value, profile, where)
    if kind is EvidenceKind.EXEC:
        return classify_exec(value, profile, where)
    if kind is EvidenceKind.KUBERNETES:
        return classify_kubernetes(value, profile, where)
    return classify_state(value, profile, where)


def classify(evidence: object, *, profile: Profile | None = None) -> Classification:
    """Classify one piece of evidence: what happened, with which exit code, and why.

    Args:
        evidence: one of

            * an ``int``: an exit status of the docker CLI process. A negative
              int is Python's ``returncode``: ``-n`` means killed by signal ``n``
              (numbered as on the profile's platform; SIGNALED, exit code
              ``128+n``), and a negative int that is no signal number raises
              MalformedEvidenceError; on Windows a negative int is a signed
              32-bit exit code. Wait responses and ``State.ExitCode`` are not
              bare ints: their statuses keep Docker's arithmetic (``status &
              0xFF`` on POSIX);
            * a :class:`signal.Signals` member: the ``128+n`` status it ends a
              process with (Linux numbering);
            * a daemon or client error: ``str`` (prefixes such as ``Error
              response from daemon:`` do not matter), ``bytes``, an exception
              (docker-py's ``explanation`` is preferred to ``str()``), or an
              Engine API error body ``{"message": ...}``. A text that matches no
              engine phrase and is only a number reads as that int; a short
              status line (``Exited (137) 5 seconds ago``, ``exit status 137``)
              as the status it names; an empty or blank text raises
              MalformedEvidenceError. An exception of no SDK's shape whose text
              matches no engine phrase (a ``KeyboardInterrupt``, a
              ``ValueError``) raises UnsupportedEvidenceError;
            * a wait response ``{"StatusCode": ..., "Error": ...}``;
            * ``docker inspect``'s ``State``, or the whole inspect document;
            * an exec inspect ``{"ExitCode": ...}``.
        profile: the engine and version to be faithful to; the newest Docker
            CLI on Linux by default.

    Returns:
        The :class:`Classification`.

    Raises:
        UnsupportedEvidenceError: *evidence* is of another type, or an
            exception that is no engine's error.
        MalformedEvidenceError: a field holds an impossible value, or the
            evidence contradicts itself (a Kubernetes reason ``Completed``
            with a non-zero ``exitCode``).
        InvalidArgumentError: *profile* is not a Profile.

    >>> classify(-9).signal.name, classify(-9).exit_code
    ('SIGKILL', 137)
    >>> classify('exec: "foo": executable file not found in $PATH').outcome
    ExitOutcome.NOT_FOUND
    >>> classify({"StatusCode": 137, "Error": None}).signal.name
    'SIGKILL'
    """
    if type(evidence) is str:  # the hot path: every failed container, every log line
        return classify_message(evidence, DEFAULT if profile is None else check_profile(profile))
    active = DEFAULT if profile is None else check_profile(profile)
    return classify_read(read(evidence), active)


def _classify_exception(error: BaseException, text: str, profile: Profile) -> Classification:
    """An exception of no SDK shape: its text, if it is an engine's or a status.

    Any exception's ``str()`` is not a daemon's answer: a ``KeyboardInterrupt`` or a
    ``ValueError`` that matches no engine phrase is not evidence of a container's exit,
    and is refused rather than answered as the engine error a CLI would make of it.
    """
    kind = type(error).__name__
    if not text or text.isspace():
        raise UnsupportedEvidenceError(
            f"evidence is a {kind} with no message: it says nothing about a container"
        )
    found = classify_message(text, profile)
    if (
        found.rule == tables(profile).cli_fallback.id
        and not text.startswith(MESSAGE_PREFIXES)
        and not _api_error_shaped(error)
    ):
        raise UnsupportedEvidenceError(
            f"evidence is a {kind} whose message matches no engine error and names no"
            f" status: {describe(text)}; classify an SDK's error, a daemon's text or a status"
        )
    return found


def _api_error_shaped(error: BaseException) -> bool:
    """Whether *error* has docker-py's APIError shape (an ``explanation``, maybe empty).

    Its ``str()`` is then the HTTP error the daemon answered with (``500 Server Error
    for ...``): an engine's error, which ``docker run`` reports as such.
    """
    try:
        return hasattr(error, "explanation")
    except Exception:  # a hostile __getattr__: no shape
        return False


def _signal_evidence(member: enum.Enum, profile: Profile) -> Classification:
    """A :class:`signal.Signals` or LinuxSignal member: the ``128 + n`` status it causes."""
    linux = signals_by_name().get(member.name)
    if linux is None:
        raise MalformedEvidenceError(
            f"evidence is the host's {member.name}, which Linux does not have: no container"
            " process can be killed by it"
        )
    status = SIGNAL_BASE + int(linux)
    found = classify_exit_code(status, profile)
    return attrs.evolve(
        found,
        reason=f"{member.name} (signal {int(linux)} on Linux) ends a process with status"
        f" 128 + {int(linux)} = {status}. {found.reason}",
    )
