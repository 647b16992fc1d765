"""Weighing the pieces together: the cross-piece rules, the ranking, and :func:`diagnose`."""

from __future__ import annotations

from exitcodes.diagnosis._causes import (
    ECS_2467,
    ECS_5135,
    OOM_KILL_DISABLE,
    PODMAN_13102,
    RETRY_BY_CAUSE,
    SHIM_38768,
    cause_title,
)
from exitcodes.diagnosis._model import Finding
from exitcodes.diagnosis._reading import (
    AGAINST,
    ANOMALY,
    DECISIVE,
    HINT,
    MAX_PIECES,
    PLATFORM,
    SEQUENCE,
    SIGKILL,
    SIGKILL_STATUS,
    SIGTERM,
    STRONG_AGAINST,
    Reading,
    read_piece,
)
from exitcodes.diagnosis._result import Diagnosis
from exitcodes.errors import (
    ExitCodesError,
    InvalidArgumentError,
    MalformedEvidenceError,
)


def _events_rule(reading: Reading) -> None:
    events = reading.events
    if any(event.time is not None for event in events):
        events = sorted(events, key=lambda e: (e.time is None, e.time or 0))
    dies = [event for event in events if event.action == "die"]
    if not dies:
        return
    die = dies[-1]
    before = events[: events.index(die)]
    kills = [event for event in before if event.action == "kill"]
    stop = any(event.action == "stop" for event in events)
    oom = [event for event in before if event.action == "oom"]
    code = die.exit_code
    if code is not None:
        reading.statuses.append((code, die.where))
    shown = ", then ".join(
        event.action if event.signal is None else f"{event.action} signal={event.signal}"
        for event in sorted((*oom, *kills), key=before.index)
    )
    died = f"die exitCode={code}"
    sequence = f"{shown}, then {died}" if shown else died
    where = f"{die.where} (events)"
    signals = [event.signal for event in kills]
    if kills and signals[0] == SIGTERM and SIGKILL in signals:
        reading.add("stop-timeout", DECISIVE, f"{where}: {sequence}")
        reading.deny("oom-killed", STRONG_AGAINST, f"{where}: the engine stopped it: {sequence}")
    elif kills and (stop or signals[0] == SIGTERM) and code != SIGKILL_STATUS:
        reading.add("docker-stop", DECISIVE, f"{where}: {sequence}")
    elif kills:
        reading.add("engine-kill", DECISIVE, f"{where}: {sequence}")
        reading.deny("oom-killed", STRONG_AGAINST, f"{where}: the engine killed it: {sequence}")
        reading.deny("exit-from-inside", STRONG_AGAINST, f"{where}: {sequence}")
    elif oom and code == SIGKILL_STATUS:
        reading.add("oom-killed", SEQUENCE, f"{where}: {sequence}, and no kill by the engine")
    elif code == 0:
        reading.add("exit-0", SEQUENCE, f"{where}: {sequence}")
    elif code is not None and any(event.action == "start" for event in before):
        reading.add(
            "exit-from-inside",
            SEQUENCE,
            f"{where}: start, then {died}, with no kill and no oom event in between",
        )
        reading.deny("sigkill-not-oom", AGAINST, f"{where}: no kill event before {died}")


def _memory_rules(reading: Reading, status: int | None) -> None:
    for line in reading.kernel_oom:
        reading.add("oom-killed", DECISIVE, line)
    for count, where in reading.cgroup_oom_kill:
        if count > 0:
            reading.add("oom-killed", DECISIVE, f"{where} (memory.events): oom_kill {count}")
        else:
            reading.deny("oom-killed", AGAINST, f"{where} (memory.events): oom_kill 0")
    flagged = [where for flag, where in reading.oom_flag if flag]
    cleared = [where for flag, where in reading.oom_flag if not flag]
    for where in reading.oom_kill_disable:
        if not reading.kernel_oom:
            text = f"{where}: OomKillDisable true (the kernel OOM-kills nothing in this cgroup)"
            reading.deny("oom-killed", STRONG_AGAINST, text)
            if flagged:
                reading.flag(OOM_KILL_DISABLE)
    if status != SIGKILL_STATUS or not reading.memory_limit or flagged:
        return
    limit, where = reading.memory_limit[0]
    text = f"{where}: a memory limit of {limit} bytes and exit status 137 (SIGKILL)"
    killed = any(event.action == "kill" for event in reading.events)
    if cleared and reading.podman and not killed:
        # containers/podman#13102: the flag stays false after a real OOM kill, so neither
        # it nor the absence of an oom event rules the OOM kill out
        reading.flag(PODMAN_13102)
        reading.add("oom-killed", ANOMALY, text + "; podman's OOMKilled false is unreliable")
        against = f"{cleared[0]}: OOMKilled false from podman (containers/podman#13102)"
        reading.deny("sigkill-not-oom", AGAINST, against)
        reading.deny("exit-from-inside", AGAINST, against)
    else:
        reading.add("oom-killed", HINT, text)


def _platform_rules(reading: Reading) -> None:
    for code, where in reading.platform_oom:
        if code == 0:
            reading.flag(ECS_2467)
            reading.deny(
                "oom-killed",
                PLATFORM + HINT,
                f"{where}: exit code 0 with the OOM reason (aws/amazon-ecs-agent#2467)",
            )
            reading.add("exit-0", HINT, f"{where}: exit code 0")
    stale = [where for flag, where in reading.oom_flag if flag] + [
        where for _, where in reading.platform_oom
    ]
    if stale and reading.running:
        if reading.platform_oom:
            reading.flag(ECS_5135)
        text = f"{reading.running[0]}: still running, while {stale[0]} reports an OOM kill"
        reading.add("still-running", DECISIVE, text)
        reading.deny("oom-killed", DECISIVE, text)
    if reading.shim:
        reading.flag(SHIM_38768)
        for line in reading.shim:
            reading.add("shim-crash", SEQUENCE, line)
        reading.deny("oom-killed", AGAINST, f"{reading.shim[0]}: the shim died")
        reading.deny("sigkill-not-oom", AGAINST, f"{reading.shim[0]}: the shim died")
        reading.deny("exit-from-inside", STRONG_AGAINST, f"{reading.shim[0]}: the shim died")


def _trusted_status(reading: Reading) -> int | None:
    """The exit status, unless the pieces disagree (then ``None``) or it is only synthetic."""
    found = {status for status, _ in reading.statuses}
    if len(found) == 1:
        return found.pop()
    if len(found) > 1:
        shown = ", ".join(f"{status} ({where})" for status, where in reading.statuses)
        for cause in list(reading.support):
            reading.deny(cause, 0, f"the pieces disagree on the exit status: {shown}")
    return None


def _synthetic_rule(reading: Reading, status: int | None) -> None:
    for code, where in reading.synthetic:
        if status is not None and status != code:
            reading.deny(
                "k8s-container-status-unknown",
                STRONG_AGAINST,
                f"{where}: its {code} is synthetic; the real exit status {status} is known",
            )


def _restart_rule(reading: Reading) -> None:
    """A restarted container's State is of its last run; the other records may not be."""
    records = reading.events or reading.kernel_oom or reading.cgroup_oom_kill or reading.shim
    for count, where in reading.restarts:
        if records:
            note = (
                f"{where}: RestartCount {count}: the State is the last run's; events, kernel"
                " and cgroup records may be of an earlier run"
            )
            for cause in list(reading.support):
                reading.deny(cause, 0, note)


def _findings(reading: Reading) -> tuple[Finding, ...]:
    order = list(reading.support)
    results: list[tuple[int, int, Finding]] = []
    for position, cause in enumerate(order):
        if cause.startswith("k8s-") and not reading.kubernetes:
            continue  # no Kubernetes causes without Kubernetes evidence
        support = reading.support[cause]
        against = reading.against.get(cause, [])
        score = sum(weight for weight, _ in support) - sum(weight for weight, _ in against)
        finding = Finding(
            cause,
            cause_title(cause),
            score,
            tuple(dict.fromkeys(text for _, text in support)),
            tuple(dict.fromkeys(text for _, text in against)),
            RETRY_BY_CAUSE[cause],
        )
        results.append((-score, position, finding))
    results.sort(key=lambda item: (item[0], item[1]))
    return tuple(finding for _, _, finding in results)


def diagnose(*evidence: object) -> Diagnosis:
    """Weigh every piece of *evidence* about one container or task, and rank the causes.

    Args:
        evidence: one or more pieces, in any order: what :func:`exitcodes.explain`
            reads (an exit status, a daemon message, an exception, a State or
            ``docker inspect`` document, a Kubernetes container status, an SDK
            object); ``docker inspect`` output (a list) with its ``HostConfig``;
            ``docker events``/``podman events`` as dicts or JSON lines; kernel log
            text; a cgroup ``memory.events`` text; daemon log lines; a Kubernetes pod
            or event; an ECS task (or ``describe-tasks`` output); an AWS Batch job (or
            ``describe-jobs`` output). Texts holding JSON are parsed.

    Returns:
        The :class:`~exitcodes.diagnosis.Diagnosis`.

    Raises:
        InvalidArgumentError: no evidence was given.
        UnsupportedEvidenceError: a piece is of a type nothing here reads.
        MalformedEvidenceError: a field holds an impossible value.

    >>> state = {"State": {"Status": "exited", "ExitCode": 137, "OOMKilled": False}}
    >>> diagnose(state).cause.id
    'sigkill-not-oom'
    >>> diagnose(state, "Memory cgroup out of memory: Killed process 3335 (hog.sh)").cause.id
    'oom-killed'
    """
    if not evidence:
        raise InvalidArgumentError("diagnose() needs at least one piece of evidence")
    if len(evidence) > MAX_PIECES:
        raise InvalidArgumentError(f"diagnose() reads at most {MAX_PIECES} pieces")
    reading = Reading()
    for index, piece in enumerate(evidence):
        try:
            read_piece(piece, f"evidence[{index}]", reading)
        except ExitCodesError:
            raise
        except RecursionError:
            raise MalformedEvidenceError(f"evidence[{index}] is nested too deeply") from None
        except Exception as exc:  # a hostile mapping or sequence: never a foreign exception
            raise MalformedEvidenceError(
                f"cannot read evidence[{index}]: {type(exc).__name__}"
            ) from None
    _events_rule(reading)
    status = _trusted_status(reading)
    _memory_rules(reading, status)
    _platform_rules(reading)
    _synthetic_rule(reading, status)
    _restart_rule(reading)
    return Diagnosis(_findings(reading), tuple(reading.anomalies), tuple(reading.pieces), status)
