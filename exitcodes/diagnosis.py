r"""What killed it, and should it be retried: a diagnosis from several pieces of evidence at once.

A single piece of evidence about a stopped container can lie: podman 4.3 says
``OOMKilled: false`` after a real OOM kill (containers/podman#13102), dockerd says
``OOMKilled: true`` for a container that ``--oom-kill-disable`` kept alive until
``docker kill`` ended it (all four real daemons of ``tests/engines_live``), the kubelet
reports a synthetic 137 (kubernetes/kubernetes#104107), ECS an OOM with exit code 0
(aws/amazon-ecs-agent#2467). :func:`diagnose` reads everything at hand about one
container or task at once and weighs it:

* ``docker inspect`` / ``podman inspect`` documents (State, HostConfig: memory limit,
  ``OomKillDisable``), or a bare State, exit status or daemon message (read by
  :func:`exitcodes.explain`, whose catalog causes are the starting point);
* ``docker events`` / ``podman events`` (``oom``, ``kill`` with its ``signal``,
  ``stop``, ``die`` with its ``exitCode``), as dicts or as the JSON lines of
  ``--format '{{json .}}'``;
* kernel log lines (``oom-kill:``, ``Memory cgroup out of memory: Killed process``),
  a cgroup v2 ``memory.events`` file, containerd/dockerd log lines about a dead shim;
* Kubernetes container or pod statuses and events, ECS ``describe-tasks`` tasks and
  AWS Batch ``describe-jobs`` jobs.

The result, a :class:`Diagnosis`, ranks the likely causes (:class:`Finding`), each with
the evidence that supports it and the evidence that contradicts it, lists the known
anomalies it recognised (:data:`ANOMALIES`, each citing its issue), and carries a retry
verdict (:class:`RetryVerdict`). Verdicts are defined for every catalog cause
(:data:`RETRY_BY_CAUSE`), every cause of this module, and every
:class:`~exitcodes.ExitOutcome` (:data:`RETRY_BY_OUTCOME`).

>>> from exitcodes.diagnosis import diagnose
>>> state = {"State": {"Status": "exited", "ExitCode": 137, "OOMKilled": True}}
>>> events = ['{"Action": "kill", "Actor": {"Attributes": {"signal": "9"}}}',
...           '{"Action": "die", "Actor": {"Attributes": {"exitCode": "137"}}}']
>>> result = diagnose(state, "\n".join(events))
>>> result.cause.id, result.retry.retry.value
('engine-kill', 'transient')
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Mapping
from typing import Any

import attrs

from exitcodes._evidence import get_field
from exitcodes.catalog import entry_by_id
from exitcodes.errors import (
    ExitCodesError,
    InvalidArgumentError,
    MalformedEvidenceError,
    describe,
)
from exitcodes.explanation import explain
from exitcodes.outcome import ExitOutcome

__all__ = [
    "ANOMALIES",
    "CAUSES",
    "RETRY_BY_CAUSE",
    "RETRY_BY_OUTCOME",
    "Anomaly",
    "Diagnosis",
    "DiagnosisCause",
    "Finding",
    "Retry",
    "RetryVerdict",
    "diagnose",
    "retry_verdict",
]

# --- weights: only their order matters (see docs/diagnosis.md) ---
_DECISIVE = 300  # a record of the act itself: a kernel OOM-kill line, the engine's kill events
_SEQUENCE = 250  # an event sequence or platform reason that names the cause
_PLATFORM = 200  # a platform's own reason text (ECS, Batch, Kubernetes events)
_ANOMALY = 160  # a known anomaly's rule restores a cause a lying flag dropped
_STRONG_AGAINST = 200
_AGAINST = 100
_HINT = 40
_SIGKILL = 9
_SIGTERM = 15
_SIGKILL_STATUS = 137
_MAX_PIECES = 10_000
_MAX_TEXT = 8 << 20


class Retry(enum.Enum):
    """Whether running the same thing again may succeed.

    ``TRANSIENT``: the failure came from outside the command (a kill, a stop, a lost
    node, an unreachable registry), so a retry may succeed. ``PERMANENT``: the same
    command, image and limits fail the same way again (or it succeeded: nothing to
    retry). ``UNKNOWN``: the evidence does not tell.
    """

    _value_: str

    TRANSIENT = "transient"
    PERMANENT = "permanent"
    UNKNOWN = "unknown"

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"


@attrs.frozen
class RetryVerdict:
    """A retry verdict, why, and where the reasoning comes from.

    >>> retry_verdict("image-not-found").retry
    Retry.PERMANENT
    """

    retry: Retry
    why: str
    source: str

    def to_dict(self) -> dict[str, str]:
        """A JSON-ready dict.

        >>> retry_verdict("oom-killed").to_dict()["retry"]
        'permanent'
        """
        return {"retry": self.retry.value, "why": self.why, "source": self.source}


@attrs.frozen
class DiagnosisCause:
    """A cause only several pieces of evidence can establish (beyond the catalog's).

    Attributes:
        id: stable id (never one of the catalog's).
        title: one sentence naming the cause.
        hint: what to check or do.
        outcome: the :class:`~exitcodes.ExitOutcome` it goes with.
        source: where the evidence form was observed (a real run or a public issue).
    """

    id: str
    title: str
    hint: str
    outcome: ExitOutcome
    source: str


@attrs.frozen
class Anomaly:
    """A known way one piece of evidence lies, recognised in the evidence given.

    Attributes:
        id: stable id.
        title: what the anomaly is.
        source: the public issue (``owner/repo#N``) or the real runs that show it.
        quote: the evidence as its source quotes it.
    """

    id: str
    title: str
    source: str
    quote: str

    def to_dict(self) -> dict[str, str]:
        """A JSON-ready dict."""
        return {"id": self.id, "title": self.title, "source": self.source, "quote": self.quote}


@attrs.frozen
class Finding:
    """One likely cause, with the evidence for and against it.

    Attributes:
        id: a catalog id (:data:`exitcodes.catalog.CATALOG`) or one of :data:`CAUSES`.
        title: the cause's title.
        score: support minus contradiction; only the order of scores is meaningful.
        supporting: which piece of evidence said what for it (``evidence[1] (docker
            events): kill signal=9, then die exitCode=137``).
        contradicting: what speaks against it.
        retry: the cause's :class:`RetryVerdict`.
    """

    id: str
    title: str
    score: int
    supporting: tuple[str, ...]
    contradicting: tuple[str, ...]
    retry: RetryVerdict

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict."""
        return {
            "id": self.id,
            "title": self.title,
            "score": self.score,
            "supporting": list(self.supporting),
            "contradicting": list(self.contradicting),
            "retry": self.retry.to_dict(),
        }


@attrs.frozen
class Diagnosis:
    """The causes of one container's or task's end, most likely first.

    Attributes:
        findings: the likely causes, ranked (empty when nothing points at one).
        anomalies: the known anomalies recognised in the evidence.
        pieces: what each piece of evidence was read as (``docker events``,
            ``inspect``, ``kernel log`` ...), in the order given.
        exit_code: the container's exit status as the trustworthy evidence gives it,
            or ``None`` (no status, or only a synthetic one).
    """

    findings: tuple[Finding, ...]
    anomalies: tuple[Anomaly, ...]
    pieces: tuple[str, ...]
    exit_code: int | None

    @property
    def cause(self) -> Finding | None:
        """The most likely cause, or ``None``."""
        return self.findings[0] if self.findings else None

    @property
    def outcome(self) -> ExitOutcome | None:
        """The outcome the most likely cause goes with, or ``None``.

        >>> diagnose(0).outcome
        ExitOutcome.SUCCESS
        """
        cause = self.cause
        return None if cause is None else _cause_outcome(cause.id)

    @property
    def retry(self) -> RetryVerdict:
        """The retry verdict of the most likely cause (``UNKNOWN`` when there is none).

        >>> diagnose("some message nobody knows").retry.retry
        Retry.UNKNOWN
        """
        cause = self.cause
        if cause is None:
            return _NO_CAUSE
        return cause.retry

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict (what ``exitcodes diagnose --json`` prints).

        >>> sorted(diagnose(137).to_dict())
        ['anomalies', 'cause', 'exit_code', 'findings', 'outcome', 'pieces', 'retry']
        """
        outcome = self.outcome
        return {
            "cause": None if self.cause is None else self.cause.id,
            "outcome": None if outcome is None else outcome.value,
            "exit_code": self.exit_code,
            "retry": self.retry.to_dict(),
            "findings": [finding.to_dict() for finding in self.findings],
            "anomalies": [anomaly.to_dict() for anomaly in self.anomalies],
            "pieces": list(self.pieces),
        }


# ----------------------------------------------------------------------------- the rows

_REAL_RUNS = (
    "dockerd 20.10.24, 26.1.5, 28.5.2 and 29.7.2 (tests/engines_live/vectors/*/diagnosis.jsonl)"
)

CAUSES: tuple[DiagnosisCause, ...] = (
    DiagnosisCause(
        "engine-kill",
        "Killed from outside through the engine (docker kill, podman kill, an orchestrator)",
        "The engine sent the signal (its kill event names it) and the container died of it:"
        " not an OOM kill and not the program's own doing. Find who called kill.",
        ExitOutcome.SIGNALED,
        f"{_REAL_RUNS}, run-docker-kill: kill signal=9, die exitCode=137;"
        " moby/moby docker-v29.7.2: daemon/kill.go logs the kill event with its signal",
    ),
    DiagnosisCause(
        "docker-stop",
        "Stopped: the engine sent the stop signal (SIGTERM) and the program exited on it",
        "A docker stop (or a restart, a compose down) asked it to end, and it did within the"
        " stop timeout. Nothing failed unless the stop was not intended.",
        ExitOutcome.SIGNALED,
        f"{_REAL_RUNS}, run-stop-init-sleep: kill signal=15, stop, die exitCode=143",
    ),
    DiagnosisCause(
        "exit-from-inside",
        "The status came from inside the container: no kill by the engine, no OOM kill",
        "The events cover the whole run and show no kill and no oom: the program (or a signal"
        " sent inside the container) produced this status. Read its own output.",
        ExitOutcome.COMMAND_FAILED,
        f"{_REAL_RUNS}, run-kill-9-child and run-exit-3: start, die exitCode=137 / 3 and no"
        " kill or oom event",
    ),
    DiagnosisCause(
        "shim-crash",
        "The containerd shim died: the 137 is containerd's cleanup status, not the program's",
        "containerd cleans up a dead shim with a made-up exit status 137. Check the containerd"
        " and kernel logs of the host (the shim's crash or kill) and retry the task.",
        ExitOutcome.STATUS_UNKNOWN,
        "moby/moby#38768; containerd/containerd#8381; containerd/containerd#3206",
    ),
    DiagnosisCause(
        "host-terminated",
        "The host went away (spot interruption, instance termination, node shutdown)",
        "The platform terminated the machine the task ran on; the task itself did not fail.",
        ExitOutcome.STATUS_UNKNOWN,
        "AWS Batch statusReason 'Host EC2 (instance i-...) terminated.'; ECS stopCode"
        " SpotInterruption / TerminationNotice (users-and-versions.md, N3)",
    ),
    DiagnosisCause(
        "still-running",
        "The container is still running: the stop report is stale",
        "A report says it stopped (an OOM reason, a stale OOMKilled flag) while the container"
        " runs on. Check the host's docker ps before acting on the report.",
        ExitOutcome.STATUS_UNKNOWN,
        "aws/amazon-ecs-agent#5135",
    ),
    DiagnosisCause(
        "k8s-evicted",
        "The kubelet evicted the pod (node pressure: memory, disk, ephemeral storage)",
        "Evictions end containers with 137 or a lost status; the pod's own status reason says"
        " Evicted with the resource that ran short. Lower the usage or raise the limit.",
        ExitOutcome.SIGNALED,
        "kubernetes/kubernetes#122160; kubernetes/kubernetes#104107",
    ),
)
"""The causes only a diagnosis establishes, each citing where its evidence form was seen."""

_OWN = {cause.id: cause for cause in CAUSES}

_OOM_KILL_DISABLE = Anomaly(
    "oom-kill-disable-flag",
    "With --oom-kill-disable, State.OOMKilled is true although nothing was OOM-killed",
    f"{_REAL_RUNS}, run-oom-kill-disable; moby/moby docker-v29.7.2: daemon/monitor.go sets"
    " OOMKilled on the cgroup's oom event, not on a kill",
    "the hog hangs at its 8 MiB limit until `docker kill`; State: OOMKilled true, ExitCode 137;"
    " events: oom, kill signal=9, die exitCode=137; no oom-kill line in the kernel log",
)
_PODMAN_13102 = Anomaly(
    "podman-oomkilled-false",
    "podman reports OOMKilled false after a real OOM kill",
    "containers/podman#13102",
    "podman 4.3.1: `OOMKilled: false` after a kernel OOM kill of a container with a 16 MiB"
    " limit (dmesg shows the kill)",
)
_K8S_104107 = Anomaly(
    "kubelet-synthetic-137",
    "The kubelet reports a synthetic 137 with reason ContainerStatusUnknown",
    "kubernetes/kubernetes#104107",
    "Kubelet reporting 137 exit code for a container whose exit code 0 was previously known",
)
_ECS_2467 = Anomaly(
    "ecs-oom-exit-0",
    "ECS reports OutOfMemoryError for a container that exited 0",
    "aws/amazon-ecs-agent#2467",
    'A container exits with zero exit code but with the "OutOfMemoryError: Container killed'
    ' due to memory usage" status reason',
)
_ECS_5135 = Anomaly(
    "ecs-stale-oom",
    "ECS reports STOPPED/OutOfMemoryError from a stale OOMKilled flag",
    "aws/amazon-ecs-agent#5135",
    "Agent reports task STOPPED/OutOfMemoryError from a stale OOMKilled flag while the"
    " container keeps running (`OOMKilled=true Running=true`)",
)
_SHIM_38768 = Anomaly(
    "shim-crash-137",
    "A containerd shim crash shows as exit 137",
    "moby/moby#38768",
    'Random task failures with non-zero exit (137) since 18.09.1; containerd logs "shim'
    ' disconnected", "cleaning up dead shim"',
)

ANOMALIES: tuple[Anomaly, ...] = (
    _OOM_KILL_DISABLE,
    _PODMAN_13102,
    _K8S_104107,
    _ECS_2467,
    _ECS_5135,
    _SHIM_38768,
)
"""The known anomalies :func:`diagnose` recognises, each citing its issue or real runs."""


# ------------------------------------------------------------------------ retry verdicts

_T, _P, _U = Retry.TRANSIENT, Retry.PERMANENT, Retry.UNKNOWN
_KUBEFLOW = "kubeflow/training-operator pkg/util/train/train_util.go IsRetryableExitCode"
_GITLAB_PULL = "gitlab-runner ClassifyImagePullFailure"
_RUNC = "the command cannot be started: the same image and command fail the same way"
_CONFIG = "a configuration error: the same invocation fails the same way"

_VERDICTS: dict[str, tuple[Retry, str, str]] = {
    # 127 / 126 / exec failures: the file or its interpreter is missing or not executable
    "exit-127": (_P, "nothing to execute: " + _RUNC, f"{_KUBEFLOW} (127 permanent)"),
    "command-not-in-path": (_P, _RUNC, f"{_KUBEFLOW} (127 permanent)"),
    "command-path-missing": (_P, _RUNC, f"{_KUBEFLOW} (127 permanent)"),
    "exit-126": (_P, "cannot execute: " + _RUNC, f"{_KUBEFLOW} (126 permanent)"),
    "no-exec-bit": (_P, _RUNC, f"{_KUBEFLOW} (126 permanent)"),
    "path-is-a-directory": (_P, _RUNC, f"{_KUBEFLOW} (126 permanent)"),
    "noexec-mount": (_P, _RUNC, f"{_KUBEFLOW} (126 permanent)"),
    "crlf-line-endings": (_P, "the script's interpreter line is wrong in the image", _KUBEFLOW),
    "missing-interpreter": (_P, "the interpreter is not in the image", _KUBEFLOW),
    "glibc-binary-on-musl": (_P, "the binary's loader is not in the image", _KUBEFLOW),
    "missing-shared-library": (_P, "a library is not in the image", _KUBEFLOW),
    "exec-format-error": (_P, "the binary is for another platform", _KUBEFLOW),
    "platform-mismatch": (_P, "the image is for another platform", _KUBEFLOW),
    "init-exec-failed": (_P, _RUNC, f"{_KUBEFLOW} (126, 127 permanent)"),
    "oci-exec-failed": (_P, _RUNC, f"{_KUBEFLOW} (126, 127 permanent)"),
    "file-not-found-elsewhere": (_P, "a file the container needs is missing", _KUBEFLOW),
    "start-error-128": (_P, _RUNC, f"{_KUBEFLOW} (128 permanent)"),
    # signals
    "exit-132": (_P, "illegal instruction: the same binary on the same CPU fails again", "SIGILL"),
    "exit-137": (
        _U,
        "SIGKILL: an OOM kill (permanent at the same limit) or a kill from outside (transient);"
        " more evidence decides",
        f"{_KUBEFLOW} (137 retryable); nf-core 130..145 retry",
    ),
    "oom-killed": (
        _P,
        "the kernel killed it at its memory limit: the same input under the same limit runs out"
        " again; retry only with a larger limit",
        "nf-core resource-escalating retries; marin-community/marin PR #4339 (OOM is an"
        " application failure)",
    ),
    "sigkill-not-oom": (
        _T,
        "killed from outside (stop timeout, kill, eviction, preemption): the command did not fail",
        f"{_KUBEFLOW} (137 retryable)",
    ),
    "stop-timeout": (
        _T,
        "stopped from outside; the run was interrupted, not wrong",
        f"{_KUBEFLOW} (137, 143 retryable)",
    ),
    "exit-143": (_T, "SIGTERM from outside (stop, scale-down, preemption)", f"{_KUBEFLOW} (143)"),
    "exit-139": (
        _P,
        "a segmentation fault in the program's own code repeats with the same input",
        f"{_KUBEFLOW} (139 permanent); nf-core retries 139 (see docs/diagnosis.md)",
    ),
    "exit-134": (_P, "abort(): a failed assertion repeats with the same input", "SIGABRT"),
    "exit-130": (_T, "interrupted from outside (SIGINT)", f"{_KUBEFLOW} (130 retryable)"),
    "exit-124": (
        _U,
        "timed out: a slow run or a hang; the status does not say which",
        "timeout(1)",
    ),
    "exit-255": (_U, "-1 or 255: a lost status or the program's own 255", "moby/moby#41349"),
    "exit-1": (_U, "the program's own verdict: only its output says whether it is transient", ""),
    "exit-0": (_P, "it succeeded: there is nothing to retry", ""),
    # the engine
    "exit-125": (
        _U,
        "the engine failed: some causes are transient (daemon, registry), some not (flags, names)",
        "dagster-io/dagster PR #29869 retries 125; Kubeflow does not",
    ),
    "usage-flag-error": (_P, _CONFIG, "docker CLI flag errors"),
    "port-already-allocated": (_U, "another container holds the port; it may free it", ""),
    "address-in-use": (_U, "another process holds the address; it may free it", ""),
    "image-not-found": (_P, "the image does not exist", f"{_GITLAB_PULL} (ConfigurationError)"),
    "manifest-unknown": (_P, "the tag does not exist", f"{_GITLAB_PULL} (ConfigurationError)"),
    "no-matching-manifest": (_P, "no image for this platform", f"{_GITLAB_PULL}"),
    "registry-rate-limit": (_T, "the registry's rate limit resets", f"{_GITLAB_PULL}"),
    "name-conflict": (_P, "the name stays taken until the old container is removed", ""),
    "bind-source-missing": (_P, _CONFIG, ""),
    "mount-type-mismatch": (_P, _CONFIG, ""),
    "workdir-not-a-directory": (_P, _CONFIG, ""),
    "no-space-left": (_U, "the disk may be cleaned, or not; another host may have room", ""),
    "device-missing": (_P, _CONFIG, ""),
    "gpu-driver-missing": (_P, "the host lacks the driver", ""),
    "runtime-not-installed": (_P, "the host lacks the runtime", ""),
    "cgroup-error": (_U, "a host cgroup problem: it may be a race or the host's setup", ""),
    "selinux-label": (_P, _CONFIG, ""),
    "apparmor-profile": (_P, _CONFIG, ""),
    "daemon-not-running": (
        _T,
        "the daemon was unreachable; it may be back",
        f"{_GITLAB_PULL} (connection refused: RunnerExternalDependencyFailure)",
    ),
    "docker-socket-permission": (_P, "the user cannot reach the socket", ""),
    "wait-error": (_U, "the status was lost while waiting: the run itself is unknown", ""),
    "wait-canceled-after-error": (_U, "a harmless line: the other error says why", ""),
    "no-command-specified": (_P, _CONFIG, ""),
    "exec-container-not-running": (_U, "the container stopped; it may be restarted", ""),
    "kill-container-not-running": (_P, "there is nothing to kill: it is not running", ""),
    "no-such-container": (_P, "the container does not exist", ""),
    "docker-start-failed": (_U, "docker start failed: its message says why", ""),
    "detach-keys": (_P, "the user detached: nothing failed", ""),
    # Kubernetes
    "k8s-container-status-unknown": (
        _T,
        "the kubelet lost the container (node pressure, deletion): the run did not fail on its own",
        "kubernetes/kubernetes#104107, #122160",
    ),
    "k8s-deadline-exceeded": (_P, "the same deadline is exceeded again", "batch/v1 Job"),
    "k8s-crash-loop": (_P, "it keeps crashing: its last termination says why", ""),
    # Windows
    "windows-access-violation": (_P, "a crash in the program's own code", "moby/moby#40328"),
    "windows-ctrl-c-exit": (_T, "interrupted from outside (Ctrl-C)", ""),
    "windows-stack-buffer-overrun": (_P, "a crash in the program's own code", "moby/moby#40328"),
    "windows-path-not-found": (_P, _CONFIG, "moby/moby#31469"),
    # docker compose
    "compose-dependency-failed": (
        _U,
        "a dependency turned unhealthy or exited: its own failure decides",
        "docker/compose: pkg/compose/convergence.go",
    ),
    "compose-service-not-found": (_P, _CONFIG, "docker/compose: pkg/compose/compose.go"),
    "compose-service-unhealthy": (
        _U,
        "a failing healthcheck may be a slow start or a broken service",
        "docker/compose: pkg/compose/convergence.go",
    ),
    "compose-wait-timeout": (
        _U,
        "a slow start passes with more time; a check that never succeeds does not",
        "docker/compose: pkg/compose/start.go",
    ),
    # this module's causes
    "engine-kill": (_T, "killed from outside: the command did not fail on its own", _KUBEFLOW),
    "docker-stop": (_T, "stopped on request: the command did not fail on its own", _KUBEFLOW),
    "exit-from-inside": (
        _U,
        "the program's own status: only its output says whether it is transient",
        "",
    ),
    "shim-crash": (_T, "the runtime failed, not the program", "moby/moby#38768"),
    "host-terminated": (_T, "the host went away, not the task", "AWS Batch retry examples"),
    "still-running": (_U, "the report is stale: check before retrying a running task", ""),
    "k8s-evicted": (_T, "node pressure: another node may have room", "kubernetes#122160"),
}

RETRY_BY_CAUSE: Mapping[str, RetryVerdict] = {
    cause: RetryVerdict(retry, why, source or "this library (docs/diagnosis.md)")
    for cause, (retry, why, source) in _VERDICTS.items()
}
"""The retry verdict of every catalog cause and every cause of :data:`CAUSES`, by id."""

RETRY_BY_OUTCOME: Mapping[ExitOutcome, RetryVerdict] = {
    ExitOutcome.SUCCESS: RetryVerdict(_P, "it succeeded: there is nothing to retry", "exit 0"),
    ExitOutcome.COMMAND_FAILED: RetryVerdict(
        _U,
        "the program's own verdict: only its output says whether it is transient",
        "this library (docs/diagnosis.md)",
    ),
    ExitOutcome.SIGNALED: RetryVerdict(
        _T, "stopped from outside before its verdict", f"{_KUBEFLOW} (130, 137, 143)"
    ),
    ExitOutcome.OOM_KILLED: RetryVerdict(
        _P, "the same input under the same memory limit runs out again", "docs/diagnosis.md"
    ),
    ExitOutcome.CANNOT_INVOKE: RetryVerdict(_P, _RUNC, f"{_KUBEFLOW} (126 permanent)"),
    ExitOutcome.NOT_FOUND: RetryVerdict(_P, _RUNC, f"{_KUBEFLOW} (127 permanent)"),
    ExitOutcome.ENGINE_ERROR: RetryVerdict(
        _U, "some engine errors are transient (daemon, registry), some not", "docs/diagnosis.md"
    ),
    ExitOutcome.USAGE_ERROR: RetryVerdict(_P, _CONFIG, "docker CLI flag errors"),
    ExitOutcome.STATUS_UNKNOWN: RetryVerdict(
        _U, "nothing reliable is known about the run", "docs/diagnosis.md"
    ),
}
"""The retry verdict of every :class:`~exitcodes.ExitOutcome`."""

_NO_CAUSE = RetryVerdict(_U, "no cause was found in the evidence", "this library")


def retry_verdict(cause: str | ExitOutcome) -> RetryVerdict:
    """The retry verdict of a catalog or diagnosis cause id, or of an outcome.

    Raises:
        InvalidArgumentError: *cause* is not a known cause id or an ExitOutcome.

    >>> retry_verdict("registry-rate-limit").retry
    Retry.TRANSIENT
    >>> retry_verdict(ExitOutcome.NOT_FOUND).retry
    Retry.PERMANENT
    """
    if type(cause) is ExitOutcome:
        return RETRY_BY_OUTCOME[cause]
    if isinstance(cause, str) and cause in RETRY_BY_CAUSE:
        return RETRY_BY_CAUSE[cause]
    raise InvalidArgumentError(f"not a known cause id or ExitOutcome: {describe(cause)}")


def _cause_title(cause: str) -> str:
    own = _OWN.get(cause)
    return own.title if own is not None else entry_by_id(cause).title


def _cause_outcome(cause: str) -> ExitOutcome:
    own = _OWN.get(cause)
    return own.outcome if own is not None else entry_by_id(cause).outcomes[0]


# ---------------------------------------------------------------------- reading evidence


@attrs.define
class _Event:
    action: str
    signal: int | None
    exit_code: int | None
    time: int | None
    where: str


@attrs.define
class _Reading:
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


_SIGNAL_NAMES = {"SIGKILL": _SIGKILL, "KILL": _SIGKILL, "SIGTERM": _SIGTERM, "TERM": _SIGTERM}


def _signal(value: object, where: str) -> int | None:
    if isinstance(value, str) and value.upper() in _SIGNAL_NAMES:
        return _SIGNAL_NAMES[value.upper()]
    return _as_int(value, where)


def _read_event(document: Mapping[Any, Any], where: str, reading: _Reading) -> None:
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


def _read_host_config(host: Mapping[Any, Any], where: str, reading: _Reading) -> None:
    memory = _as_int(host.get("Memory"), f"{where}['Memory']")
    if memory:
        reading.memory_limit.append((memory, where))
    if host.get("OomKillDisable") is True:
        reading.oom_kill_disable.append(where)


def _explained(piece: object, where: str, label: str, reading: _Reading) -> None:
    """The catalog's causes for one piece, as :func:`exitcodes.explain` ranks them."""
    explanation = explain(piece)
    status = explanation.classification.status
    for cause in explanation.causes:
        if status is None and cause.entry.generic:
            continue  # what a code means in general, for a text that names no code: no cause
        reading.add(cause.id, cause.score, f"{where} ({label}): {'; '.join(cause.matched)}")
    if status is not None and label not in {"Kubernetes status"}:
        reading.statuses.append((status, where))


def _read_state(state: Mapping[Any, Any], where: str, reading: _Reading) -> None:
    if "ConmonPid" in state or "OciVersion" in state:
        reading.podman = True
    flag = state.get("OOMKilled")
    if isinstance(flag, bool):
        reading.oom_flag.append((flag, where))
    if state.get("Running") is True or state.get("Status") == "running":
        reading.running.append(where)


def _read_inspect(document: Mapping[Any, Any], where: str, reading: _Reading) -> None:
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


def _platform_reason(text: str, code: int | None, where: str, reading: _Reading) -> None:
    lowered = text.lower()
    if _OOM_REASON in lowered:
        reading.platform_oom.append((code, where))
        reading.add("oom-killed", _PLATFORM, f"{where}: {text!r}")
    elif _HOST_GONE.search(text):
        reading.add("host-terminated", _SEQUENCE, f"{where}: {text!r}")
    elif text:
        explanation = explain(text)
        for cause in explanation.causes:
            if not entry_by_id(cause.id).generic:
                reading.add(cause.id, cause.score, f"{where}: {'; '.join(cause.matched)}")


def _read_ecs_task(task: Mapping[Any, Any], where: str, reading: _Reading) -> None:
    reading.pieces.append("ECS task")
    stop_code = _text(task.get("stopCode"), f"{where}['stopCode']")
    if stop_code in {"SpotInterruption", "TerminationNotice"}:
        reading.add("host-terminated", _SEQUENCE, f"{where}: stopCode {stop_code}")
    elif stop_code == "UserInitiated":
        reading.add("docker-stop", _PLATFORM, f"{where}: stopCode UserInitiated")
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


def _read_batch_job(job: Mapping[Any, Any], where: str, reading: _Reading) -> None:
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


def _read_k8s_status(status: Mapping[Any, Any], where: str, reading: _Reading) -> None:
    reading.kubernetes = True
    reading.pieces.append("Kubernetes status")
    terminated = _k8s_terminated(status) or status
    reason = terminated.get("reason")
    code = _as_int(terminated.get("exitCode", terminated.get("exit_code")), f"{where} exitCode")
    if reason == "ContainerStatusUnknown":
        # kubernetes#104107: the 137 is the kubelet's placeholder, not an exit status
        reading.flag(_K8S_104107)
        if code is not None:
            reading.synthetic.append((code, where))
        reading.add(
            "k8s-container-status-unknown",
            _PLATFORM,
            f"{where}: reason ContainerStatusUnknown (the kubelet lost the container)",
        )
        return
    if code is not None:
        reading.statuses.append((code, where))
    _explained(status, where, "Kubernetes status", reading)


def _read_k8s_pod(pod: Mapping[Any, Any], where: str, reading: _Reading) -> None:
    status = _mapping(pod.get("status")) or {}
    reason = _text(status.get("reason"), f"{where}['status']['reason']")
    if reason == "Evicted":
        message = _text(status.get("message"), f"{where}['status']['message']")
        reading.add("k8s-evicted", _SEQUENCE, f"{where}: pod reason Evicted: {message!r}")
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


def _read_k8s_event(event: Mapping[Any, Any], where: str, reading: _Reading) -> None:
    reading.kubernetes = True
    reading.pieces.append("Kubernetes event")
    reason = _text(event.get("reason"), f"{where}['reason']")
    message = _text(event.get("message"), f"{where}['message']")
    if reason == "Evicted":
        reading.add("k8s-evicted", _SEQUENCE, f"{where}: event Evicted: {message!r}")
    elif reason in {"OOMKilling", "OOMKilled"}:
        reading.add("oom-killed", _PLATFORM, f"{where}: event {reason}: {message!r}")


def _is_event(keys: frozenset[str]) -> bool:
    """A docker event (``Action``, ``Actor``/``Type``) or a podman one (``Status``, ``Type``)."""
    if "Action" in keys and keys & {"Actor", "Type"}:
        return True
    return "ContainerExitCode" in keys or ({"Status", "Type"} <= keys and "ExitCode" not in keys)


def _read_document(document: Mapping[Any, Any], where: str, reading: _Reading) -> None:
    keys = _keys(document, where)
    if _is_event(keys):
        reading.pieces.append("docker event" if "Action" in keys else "podman event")
        _read_event(document, where, reading)
    elif keys & {"tasks", "jobs", "items"} and not keys & {"State", "status"}:
        for key in ("tasks", "jobs", "items"):
            items = document.get(key)
            if isinstance(items, (list, tuple)):
                for index, item in enumerate(items):
                    _piece(item, f"{where}[{key!r}][{index}]", reading)
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


def _read_text(text: str, where: str, reading: _Reading) -> None:
    if len(text) > _MAX_TEXT:
        text = text[-_MAX_TEXT:]
    documents = _json_documents(text)
    if documents is not None:
        for index, document in enumerate(documents):
            _piece(document, where if len(documents) == 1 else f"{where}[{index}]", reading)
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


def _piece(piece: object, where: str, reading: _Reading) -> None:
    if isinstance(piece, (bytes, bytearray, memoryview)):
        piece = bytes(piece[-_MAX_TEXT:]).decode("utf-8", errors="replace")
    if isinstance(piece, str):
        _read_text(piece, where, reading)
    elif isinstance(piece, Mapping):
        _read_document(piece, where, reading)
    elif isinstance(piece, (list, tuple)):
        if len(piece) > _MAX_PIECES:
            raise MalformedEvidenceError(f"{where} holds more than {_MAX_PIECES} items")
        for index, item in enumerate(piece):
            _piece(item, f"{where}[{index}]", reading)
    else:  # an int status, an SDK object, an exception: what explain reads
        reading.pieces.append("status" if isinstance(piece, int) else type(piece).__name__)
        _explained(piece, where, "status" if isinstance(piece, int) else "object", reading)


# ----------------------------------------------------------------------- weighing it all


def _events_rule(reading: _Reading) -> None:
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
    if kills and signals[0] == _SIGTERM and _SIGKILL in signals:
        reading.add("stop-timeout", _DECISIVE, f"{where}: {sequence}")
        reading.deny("oom-killed", _STRONG_AGAINST, f"{where}: the engine stopped it: {sequence}")
    elif kills and (stop or signals[0] == _SIGTERM) and code != _SIGKILL_STATUS:
        reading.add("docker-stop", _DECISIVE, f"{where}: {sequence}")
    elif kills:
        reading.add("engine-kill", _DECISIVE, f"{where}: {sequence}")
        reading.deny("oom-killed", _STRONG_AGAINST, f"{where}: the engine killed it: {sequence}")
        reading.deny("exit-from-inside", _STRONG_AGAINST, f"{where}: {sequence}")
    elif oom and code == _SIGKILL_STATUS:
        reading.add("oom-killed", _SEQUENCE, f"{where}: {sequence}, and no kill by the engine")
    elif code == 0:
        reading.add("exit-0", _SEQUENCE, f"{where}: {sequence}")
    elif code is not None and any(event.action == "start" for event in before):
        reading.add(
            "exit-from-inside",
            _SEQUENCE,
            f"{where}: start, then {died}, with no kill and no oom event in between",
        )
        reading.deny("sigkill-not-oom", _AGAINST, f"{where}: no kill event before {died}")


def _memory_rules(reading: _Reading, status: int | None) -> None:
    for line in reading.kernel_oom:
        reading.add("oom-killed", _DECISIVE, line)
    for count, where in reading.cgroup_oom_kill:
        if count > 0:
            reading.add("oom-killed", _DECISIVE, f"{where} (memory.events): oom_kill {count}")
        else:
            reading.deny("oom-killed", _AGAINST, f"{where} (memory.events): oom_kill 0")
    flagged = [where for flag, where in reading.oom_flag if flag]
    cleared = [where for flag, where in reading.oom_flag if not flag]
    for where in reading.oom_kill_disable:
        if not reading.kernel_oom:
            text = f"{where}: OomKillDisable true (the kernel OOM-kills nothing in this cgroup)"
            reading.deny("oom-killed", _STRONG_AGAINST, text)
            if flagged:
                reading.flag(_OOM_KILL_DISABLE)
    if status != _SIGKILL_STATUS or not reading.memory_limit or flagged:
        return
    limit, where = reading.memory_limit[0]
    text = f"{where}: a memory limit of {limit} bytes and exit status 137 (SIGKILL)"
    killed = any(event.action == "kill" for event in reading.events)
    if cleared and reading.podman and not killed:
        # containers/podman#13102: the flag stays false after a real OOM kill, so neither
        # it nor the absence of an oom event rules the OOM kill out
        reading.flag(_PODMAN_13102)
        reading.add("oom-killed", _ANOMALY, text + "; podman's OOMKilled false is unreliable")
        against = f"{cleared[0]}: OOMKilled false from podman (containers/podman#13102)"
        reading.deny("sigkill-not-oom", _AGAINST, against)
        reading.deny("exit-from-inside", _AGAINST, against)
    else:
        reading.add("oom-killed", _HINT, text)


def _platform_rules(reading: _Reading) -> None:
    for code, where in reading.platform_oom:
        if code == 0:
            reading.flag(_ECS_2467)
            reading.deny(
                "oom-killed",
                _PLATFORM + _HINT,
                f"{where}: exit code 0 with the OOM reason (aws/amazon-ecs-agent#2467)",
            )
            reading.add("exit-0", _HINT, f"{where}: exit code 0")
    stale = [where for flag, where in reading.oom_flag if flag] + [
        where for _, where in reading.platform_oom
    ]
    if stale and reading.running:
        if reading.platform_oom:
            reading.flag(_ECS_5135)
        text = f"{reading.running[0]}: still running, while {stale[0]} reports an OOM kill"
        reading.add("still-running", _DECISIVE, text)
        reading.deny("oom-killed", _DECISIVE, text)
    if reading.shim:
        reading.flag(_SHIM_38768)
        for line in reading.shim:
            reading.add("shim-crash", _SEQUENCE, line)
        reading.deny("oom-killed", _AGAINST, f"{reading.shim[0]}: the shim died")
        reading.deny("sigkill-not-oom", _AGAINST, f"{reading.shim[0]}: the shim died")
        reading.deny("exit-from-inside", _STRONG_AGAINST, f"{reading.shim[0]}: the shim died")


def _trusted_status(reading: _Reading) -> int | None:
    """The exit status, unless the pieces disagree (then ``None``) or it is only synthetic."""
    found = {status for status, _ in reading.statuses}
    if len(found) == 1:
        return found.pop()
    if len(found) > 1:
        shown = ", ".join(f"{status} ({where})" for status, where in reading.statuses)
        for cause in list(reading.support):
            reading.deny(cause, 0, f"the pieces disagree on the exit status: {shown}")
    return None


def _synthetic_rule(reading: _Reading, status: int | None) -> None:
    for code, where in reading.synthetic:
        if status is not None and status != code:
            reading.deny(
                "k8s-container-status-unknown",
                _STRONG_AGAINST,
                f"{where}: its {code} is synthetic; the real exit status {status} is known",
            )


def _restart_rule(reading: _Reading) -> None:
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


def _findings(reading: _Reading) -> tuple[Finding, ...]:
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
            _cause_title(cause),
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
    if len(evidence) > _MAX_PIECES:
        raise InvalidArgumentError(f"diagnose() reads at most {_MAX_PIECES} pieces")
    reading = _Reading()
    for index, piece in enumerate(evidence):
        try:
            _piece(piece, f"evidence[{index}]", reading)
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
