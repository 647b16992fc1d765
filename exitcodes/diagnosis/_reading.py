"""Reading each piece of evidence into one record, before the cross-piece rules weigh it."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

import attrs

from exitcodes._evidence import get_field
from exitcodes.catalog import entry_by_id
from exitcodes.diagnosis._causes import K8S_104107
from exitcodes.diagnosis._model import Anomaly
from exitcodes.errors import (
    MalformedEvidenceError,
    describe,
)
from exitcodes.explanation import explain

# --- weights: only their order matters (see docs/diagnosis.md) ---
DECISIVE = 300  # a record of the act itself: a kernel OOM-kill line, the engine's kill events
SEQUENCE = 250  # an event sequence or platform reason that names the cause
PLATFORM = 200  # a platform's own reason text (ECS, Batch, Kubernetes events)
ANOMALY = 160  # a known anomaly's rule restores a cause a lying flag dropped
STRONG_AGAINST = 200
AGAINST = 100
HINT = 40
SIGKILL = 9
SIGTERM = 15
SIGKILL_STATUS = 137
MAX_PIECES = 10_000
_MAX_TEXT = 8 << 20


@attrs.define
class _Event:
    action: str
    signal: int | None
    exit_code: int | None
    time: int | None
    where: str


@attrs.define
class Reading:
    """Everything the pieces said, before the cross-piece rules weigh it."""

    support: dict[str, list[tuple[int, str]]] = attrs.Factory(dict)
    against: dict[str, list[tuple[int, str]]] = attrs.Factory(dict)
    anomalies: list[Anomaly] = attrs.Factory(list)
    pieces: list[str] = attrs.Factory(list)
    events: list[_Event] = attrs.Factory(list)
    kernel_oom: list[str] = attrs.Factory(list)
    cgroup_oom_kill: list[tuple[int, str]] = attrs.Factory(list)
    oom_flag: list[tuple[bool, str]] = attrs.Factory(list)
    running: list[str] = attrs.Factory(list)
    statuses: list[tuple[int, str]] = attrs.Factory(list)
    synthetic: list[tuple[int, str]] = attrs.Factory(list)
    memory_limit: list[tuple[int, str]] = attrs.Factory(list)
    oom_kill_disable: list[str] = attrs.Factory(list)
    podman: bool = False
    kubernetes: bool = False
    shim: list[str] = attrs.Factory(list)
    platform_oom: list[tuple[int | None, str]] = attrs.Factory(list)
    restarts: list[tuple[int, str]] = attrs.Factory(list)

    def add(self, cause: str, weight: int, text: str) -> None:
        self.support.setdefault(cause, []).append((weight, text))

    def deny(self, cause: str, weight: int, text: str) -> None:
        self.against.setdefault(cause, []).append((weight, text))

    def flag(self, anomaly: Anomaly) -> None:
        if anomaly not in self.anomalies:
            self.anomalies.append(anomaly)


def _as_int(value: object, where: str) -> int | None:
    """An int, or the decimal text docker events use (``"137"``); ``None`` if absent."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise MalformedEvidenceError(f"{where} must be an integer, got {describe(value)}")
    if isinstance(value, int):
        number = int.__int__(value)
    elif isinstance(value, str) and re.fullmatch(r"-?\d{1,20}", value.strip()):
        number = int(value.strip())
    else:
        raise MalformedEvidenceError(f"{where} must be an integer, got {describe(value)}")
    if not -(1 << 63) <= number < 1 << 63:
        raise MalformedEvidenceError(f"{where} must fit in int64, got {describe(value)}")
    return number


def _text(value: object, where: str) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise MalformedEvidenceError(f"{where} must be a string, got {describe(value)}")
    return str.__str__(value)


def _mapping(value: object) -> Mapping[Any, Any] | None:
    return value if isinstance(value, Mapping) else None


def _keys(document: Mapping[Any, Any], where: str) -> frozenset[str]:
    try:
        return frozenset(key for key in document if isinstance(key, str))
    except Exception as exc:
        raise MalformedEvidenceError(f"cannot iterate over {where}: {type(exc).__name__}") from None


_SIGNAL_NAMES = {"SIGKILL": SIGKILL, "KILL": SIGKILL, "SIGTERM": SIGTERM, "TERM": SIGTERM}


def _signal(value: object, where: str) -> int | None:
    if isinstance(value, str) and value.upper() in _SIGNAL_NAMES:
        return _SIGNAL_NAMES[value.upper()]
    return _as_int(value, where)


def _read_event(document: Mapping[Any, Any], where: str, reading: Reading) -> None:
    """A docker event (``Action``/``status``, ``Actor.Attributes``) or a podman event."""
    if "ContainerExitCode" in document or ("Status" in document and "Action" not in document):
        reading.podman = True
        action = _text(get_field(document, "Status", where, ""), f"{where}['Status']").lower()
        action = {"died": "die", "stopped": "stop"}.get(action, action)
        code = _as_int(document.get("ContainerExitCode"), f"{where}['ContainerExitCode']")
        attributes: Mapping[Any, Any] = _mapping(document.get("Attributes")) or {}
    else:
        action = _text(
            get_field(document, "Action", where, None) or document.get("status"),
            f"{where}['Action']",
        )
        actor = _mapping(document.get("Actor")) or {}
        attributes = _mapping(actor.get("Attributes")) or {}
        code = _as_int(attributes.get("exitCode"), f"{where}['Actor']['Attributes']['exitCode']")
    signal = _signal(attributes.get("signal"), f"{where} signal")
    stamp = _as_int(document.get("timeNano"), f"{where}['timeNano']")
    reading.events.append(_Event(action.split(":")[0].strip(), signal, code, stamp, where))


def _read_host_config(host: Mapping[Any, Any], where: str, reading: Reading) -> None:
    memory = _as_int(host.get("Memory"), f"{where}['Memory']")
    if memory:
        reading.memory_limit.append((memory, where))
    if host.get("OomKillDisable") is True:
        reading.oom_kill_disable.append(where)


def _explained(piece: object, where: str, label: str, reading: Reading) -> None:
    """The catalog's causes for one piece, as :func:`exitcodes.explain` ranks them."""
    explanation = explain(piece)
    status = explanation.classification.status
    for cause in explanation.causes:
        if status is None and cause.entry.generic:
            continue  # what a code means in general, for a text that names no code: no cause
        reading.add(cause.id, cause.score, f"{where} ({label}): {'; '.join(cause.matched)}")
    if status is not None and label not in {"Kubernetes status"}:
        reading.statuses.append((status, where))


def _read_state(state: Mapping[Any, Any], where: str, reading: Reading) -> None:
    if "ConmonPid" in state or "OciVersion" in state:
        reading.podman = True
    flag = state.get("OOMKilled")
    if isinstance(flag, bool):
        reading.oom_flag.append((flag, where))
    if state.get("Running") is True or state.get("Status") == "running":
        reading.running.append(where)


def _read_inspect(document: Mapping[Any, Any], where: str, reading: Reading) -> None:
    keys = _keys(document, where)
    if keys & {"OCIRuntime", "ConmonPidFile"}:
        reading.podman = True
    restarts = _as_int(document.get("RestartCount"), f"{where}['RestartCount']")
    if restarts:
        reading.restarts.append((restarts, where))
    host = _mapping(document.get("HostConfig"))
    if host is not None:
        _read_host_config(host, f"{where}['HostConfig']", reading)
    state = _mapping(document.get("State"))
    if state is None:
        reading.pieces.append("HostConfig")
        return
    _read_state(state, f"{where}['State']", reading)
    reading.pieces.append("inspect")
    _explained({"State": state}, where, "inspect", reading)


_OOM_REASON = "outofmemoryerror: container killed due to memory usage"
_HOST_GONE = re.compile(r"host ec2 \(instance [^)]*\) terminated", re.IGNORECASE)


def _platform_reason(text: str, code: int | None, where: str, reading: Reading) -> None:
    lowered = text.lower()
    if _OOM_REASON in lowered:
        reading.platform_oom.append((code, where))
        reading.add("oom-killed", PLATFORM, f"{where}: {text!r}")
    elif _HOST_GONE.search(text):
        reading.add("host-terminated", SEQUENCE, f"{where}: {text!r}")
    elif text:
        explanation = explain(text)
        for cause in explanation.causes:
            if not entry_by_id(cause.id).generic:
                reading.add(cause.id, cause.score, f"{where}: {'; '.join(cause.matched)}")


def _read_ecs_task(task: Mapping[Any, Any], where: str, reading: Reading) -> None:
    reading.pieces.append("ECS task")
    stop_code = _text(task.get("stopCode"), f"{where}['stopCode']")
    if stop_code in {"SpotInterruption", "TerminationNotice"}:
        reading.add("host-terminated", SEQUENCE, f"{where}: stopCode {stop_code}")
    elif stop_code == "UserInitiated":
        reading.add("docker-stop", PLATFORM, f"{where}: stopCode UserInitiated")
    _platform_reason(
        _text(task.get("stoppedReason"), f"{where}['stoppedReason']"), None, where, reading
    )
    containers = task.get("containers") or ()
    if not isinstance(containers, (list, tuple)):
        raise MalformedEvidenceError(f"{where}['containers'] must be a list")
    for index, container in enumerate(containers):
        inner = f"{where}['containers'][{index}]"
        if not isinstance(container, Mapping):
            raise MalformedEvidenceError(f"{inner} must be an object, got {describe(container)}")
        code = _as_int(container.get("exitCode"), f"{inner}['exitCode']")
        if code is not None:
            reading.statuses.append((code, inner))
        if _text(container.get("lastStatus"), f"{inner}['lastStatus']") == "RUNNING":
            reading.running.append(inner)
        _platform_reason(_text(container.get("reason"), f"{inner}['reason']"), code, inner, reading)


def _read_batch_job(job: Mapping[Any, Any], where: str, reading: Reading) -> None:
    reading.pieces.append("AWS Batch job")
    _platform_reason(
        _text(job.get("statusReason"), f"{where}['statusReason']"), None, where, reading
    )
    attempts = job.get("attempts") or ()
    if not isinstance(attempts, (list, tuple)):
        raise MalformedEvidenceError(f"{where}['attempts'] must be a list")
    if attempts:  # the last attempt is the one that ended the job
        index = len(attempts) - 1
        inner = f"{where}['attempts'][{index}]"
        attempt = _mapping(attempts[index])
        if attempt is None:
            raise MalformedEvidenceError(f"{inner} must be an object")
        container = _mapping(attempt.get("container")) or {}
        code = _as_int(container.get("exitCode"), f"{inner}['container']['exitCode']")
        if code is not None:
            reading.statuses.append((code, inner))
        _platform_reason(
            _text(container.get("reason"), f"{inner}['container']['reason']"),
            code,
            inner,
            reading,
        )
        _platform_reason(
            _text(attempt.get("statusReason"), f"{inner}['statusReason']"), code, inner, reading
        )


def _k8s_terminated(status: Mapping[Any, Any]) -> Mapping[Any, Any] | None:
    for key in ("state", "lastState", "last_state"):
        part = _mapping(status.get(key))
        terminated = None if part is None else _mapping(part.get("terminated"))
        if terminated is not None:
            return terminated
    return None


def _read_k8s_status(status: Mapping[Any, Any], where: str, reading: Reading) -> None:
    reading.kubernetes = True
    reading.pieces.append("Kubernetes status")
    terminated = _k8s_terminated(status) or status
    reason = terminated.get("reason")
    code = _as_int(terminated.get("exitCode", terminated.get("exit_code")), f"{where} exitCode")
    if reason == "ContainerStatusUnknown":
        # kubernetes#104107: the 137 is the kubelet's placeholder, not an exit status
        reading.flag(K8S_104107)
        if code is not None:
            reading.synthetic.append((code, where))
        reading.add(
            "k8s-container-status-unknown",
            PLATFORM,
            f"{where}: reason ContainerStatusUnknown (the kubelet lost the container)",
        )
        return
    if code is not None:
        reading.statuses.append((code, where))
    _explained(status, where, "Kubernetes status", reading)


def _read_k8s_pod(pod: Mapping[Any, Any], where: str, reading: Reading) -> None:
    status = _mapping(pod.get("status")) or {}
    reason = _text(status.get("reason"), f"{where}['status']['reason']")
    if reason == "Evicted":
        message = _text(status.get("message"), f"{where}['status']['message']")
        reading.add("k8s-evicted", SEQUENCE, f"{where}: pod reason Evicted: {message!r}")
    for key in ("initContainerStatuses", "containerStatuses"):
        items = status.get(key) or ()
        if not isinstance(items, (list, tuple)):
            raise MalformedEvidenceError(f"{where}['status'][{key!r}] must be a list")
        for index, item in enumerate(items):
            item_map = _mapping(item)
            if item_map is None:
                raise MalformedEvidenceError(f"{where}['status'][{key!r}][{index}] is no object")
            _read_k8s_status(item_map, f"{where}['status'][{key!r}][{index}]", reading)
    if reason and not status.get("containerStatuses"):
        reading.kubernetes = True
        reading.pieces.append("Kubernetes pod")


def _read_k8s_event(event: Mapping[Any, Any], where: str, reading: Reading) -> None:
    reading.kubernetes = True
    reading.pieces.append("Kubernetes event")
    reason = _text(event.get("reason"), f"{where}['reason']")
    message = _text(event.get("message"), f"{where}['message']")
    if reason == "Evicted":
        reading.add("k8s-evicted", SEQUENCE, f"{where}: event Evicted: {message!r}")
    elif reason in {"OOMKilling", "OOMKilled"}:
        reading.add("oom-killed", PLATFORM, f"{where}: event {reason}: {message!r}")


def _is_event(keys: frozenset[str]) -> bool:
    """A docker event (``Action``, ``Actor``/``Type``) or a podman one (``Status``, ``Type``)."""
    if "Action" in keys and keys & {"Actor", "Type"}:
        return True
    return "ContainerExitCode" in keys or ({"Status", "Type"} <= keys and "ExitCode" not in keys)


def _read_document(document: Mapping[Any, Any], where: str, reading: Reading) -> None:
    keys = _keys(document, where)
    if _is_event(keys):
        reading.pieces.append("docker event" if "Action" in keys else "podman event")
        _read_event(document, where, reading)
    elif keys & {"tasks", "jobs", "items"} and not keys & {"State", "status"}:
        for key in ("tasks", "jobs", "items"):
            items = document.get(key)
            if isinstance(items, (list, tuple)):
                for index, item in enumerate(items):
                    read_piece(item, f"{where}[{key!r}][{index}]", reading)
    elif keys & {"taskArn", "stopCode", "stoppedReason"} or (
        "containers" in keys and ("lastStatus" in keys)
    ):
        _read_ecs_task(document, where, reading)
    elif "jobId" in keys or "attempts" in keys or "statusReason" in keys:
        _read_batch_job(document, where, reading)
    elif "involvedObject" in keys or (keys >= {"reason", "message"} and "type" in keys):
        _read_k8s_event(document, where, reading)
    elif ("status" in keys and isinstance(document.get("status"), Mapping)) or (
        document.get("kind") == "Pod"
    ):
        _read_k8s_pod(document, where, reading)
    elif keys & {"lastState", "last_state", "state", "exitCode", "terminated"}:
        _read_k8s_status(document, where, reading)
    elif "State" in keys or "HostConfig" in keys:
        _read_inspect(document, where, reading)
    elif keys & {"Memory", "OomKillDisable", "RestartPolicy"} and "ExitCode" not in keys:
        reading.pieces.append("HostConfig")
        _read_host_config(document, where, reading)
    else:
        if keys & {"OOMKilled", "Status", "ExitCode"}:
            _read_state(document, where, reading)
        reading.pieces.append("document")
        _explained(document, where, "document", reading)


# --- texts

_KERNEL = re.compile(
    r"oom-kill:|memory cgroup out of memory|out of memory: kill|invoked oom-killer|"
    r"killed process \d+",
    re.IGNORECASE,
)
_MEMORY_EVENTS = re.compile(r"(low|high|max|oom|oom_kill|oom_group_kill|sock_throttled) (\d+)")
_SHIM = ("cleaning up dead shim", "shim disconnected", "cleaning up after shim disconnected")


def _json_documents(text: str) -> list[object] | None:
    stripped = text.strip()
    if not stripped or stripped[0] not in "[{":
        return None
    try:
        return [json.loads(stripped)]
    except (ValueError, RecursionError):
        pass
    documents: list[object] = []
    for line in stripped.splitlines():
        if not line.strip():
            continue
        try:
            documents.append(json.loads(line))
        except (ValueError, RecursionError):
            return None
    return documents


def _read_text(text: str, where: str, reading: Reading) -> None:
    if len(text) > _MAX_TEXT:
        text = text[-_MAX_TEXT:]
    documents = _json_documents(text)
    if documents is not None:
        for index, document in enumerate(documents):
            read_piece(document, where if len(documents) == 1 else f"{where}[{index}]", reading)
        return
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    kernel = [line for line in lines if _KERNEL.search(line)]
    if kernel:
        reading.pieces.append("kernel log")
        kills = [line for line in kernel if "killed process" in line.lower()]
        reading.kernel_oom.extend(f"{where} (kernel log): {line[:240]}" for line in kills)
        return
    if lines and all(_MEMORY_EVENTS.fullmatch(line) for line in lines):
        reading.pieces.append("memory.events")
        counts = dict(line.split() for line in lines)
        reading.cgroup_oom_kill.append((int(counts.get("oom_kill", "0")), where))
        return
    shim = [line for line in lines if any(mark in line.lower() for mark in _SHIM)]
    if shim:
        reading.pieces.append("daemon log")
        reading.shim.extend(f"{where} (daemon log): {line[:240]}" for line in shim)
        return
    reading.pieces.append("message")
    _explained(text, where, "message", reading)


def read_piece(piece: object, where: str, reading: Reading) -> None:
    if isinstance(piece, (bytes, bytearray, memoryview)):
        piece = bytes(piece[-_MAX_TEXT:]).decode("utf-8", errors="replace")
    if isinstance(piece, str):
        _read_text(piece, where, reading)
    elif isinstance(piece, Mapping):
        _read_document(piece, where, reading)
    elif isinstance(piece, (list, tuple)):
        if len(piece) > MAX_PIECES:
            raise MalformedEvidenceError(f"{where} holds more than {MAX_PIECES} items")
        for index, item in enumerate(piece):
            read_piece(item, f"{where}[{index}]", reading)
    else:  # an int status, an SDK object, an exception: what explain reads
        reading.pieces.append("status" if isinstance(piece, int) else type(piece).__name__)
        _explained(piece, where, "status" if isinstance(piece, int) else "object", reading)


# ----------------------------------------------------------------------- weighing it all
