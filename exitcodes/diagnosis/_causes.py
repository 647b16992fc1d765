"""The rows: the causes only a diagnosis establishes, the known anomalies, the retry verdicts."""

from __future__ import annotations

from collections.abc import Mapping

from exitcodes.catalog import entry_by_id
from exitcodes.diagnosis._model import Anomaly, DiagnosisCause, Retry, RetryVerdict
from exitcodes.errors import (
    InvalidArgumentError,
    describe,
)
from exitcodes.outcome import ExitOutcome

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

_OWN = {cause.id: cause for cause in CAUSES}

OOM_KILL_DISABLE = Anomaly(
    "oom-kill-disable-flag",
    "With --oom-kill-disable, State.OOMKilled is true although nothing was OOM-killed",
    f"{_REAL_RUNS}, run-oom-kill-disable; moby/moby docker-v29.7.2: daemon/monitor.go sets"
    " OOMKilled on the cgroup's oom event, not on a kill",
    "the hog hangs at its 8 MiB limit until `docker kill`; State: OOMKilled true, ExitCode 137;"
    " events: oom, kill signal=9, die exitCode=137; no oom-kill line in the kernel log",
)
PODMAN_13102 = Anomaly(
    "podman-oomkilled-false",
    "podman reports OOMKilled false after a real OOM kill",
    "containers/podman#13102",
    "podman 4.3.1: `OOMKilled: false` after a kernel OOM kill of a container with a 16 MiB"
    " limit (dmesg shows the kill)",
)
K8S_104107 = Anomaly(
    "kubelet-synthetic-137",
    "The kubelet reports a synthetic 137 with reason ContainerStatusUnknown",
    "kubernetes/kubernetes#104107",
    "Kubelet reporting 137 exit code for a container whose exit code 0 was previously known",
)
ECS_2467 = Anomaly(
    "ecs-oom-exit-0",
    "ECS reports OutOfMemoryError for a container that exited 0",
    "aws/amazon-ecs-agent#2467",
    'A container exits with zero exit code but with the "OutOfMemoryError: Container killed'
    ' due to memory usage" status reason',
)
ECS_5135 = Anomaly(
    "ecs-stale-oom",
    "ECS reports STOPPED/OutOfMemoryError from a stale OOMKilled flag",
    "aws/amazon-ecs-agent#5135",
    "Agent reports task STOPPED/OutOfMemoryError from a stale OOMKilled flag while the"
    " container keeps running (`OOMKilled=true Running=true`)",
)
SHIM_38768 = Anomaly(
    "shim-crash-137",
    "A containerd shim crash shows as exit 137",
    "moby/moby#38768",
    'Random task failures with non-zero exit (137) since 18.09.1; containerd logs "shim'
    ' disconnected", "cleaning up dead shim"',
)

ANOMALIES: tuple[Anomaly, ...] = (
    OOM_KILL_DISABLE,
    PODMAN_13102,
    K8S_104107,
    ECS_2467,
    ECS_5135,
    SHIM_38768,
)


# ------------------------------------------------------------------------ retry verdicts

_OWN_REASONING = "this library (docs/diagnosis.md)"
"""The source of a verdict that cites none: this library's own reasoning."""


def _transient(why: str, source: str = _OWN_REASONING) -> RetryVerdict:
    """A retry may succeed: the failure came from outside the command."""
    return RetryVerdict(Retry.TRANSIENT, why, source)


def _permanent(why: str, source: str = _OWN_REASONING) -> RetryVerdict:
    """The same command, image and limits fail the same way again (or nothing failed)."""
    return RetryVerdict(Retry.PERMANENT, why, source)


def _unknown(why: str, source: str = _OWN_REASONING) -> RetryVerdict:
    """The evidence does not tell whether a retry may succeed."""
    return RetryVerdict(Retry.UNKNOWN, why, source)


_KUBEFLOW = "kubeflow/training-operator pkg/util/train/train_util.go IsRetryableExitCode"
_GITLAB_PULL = "gitlab-runner ClassifyImagePullFailure"
_RUNC = "the command cannot be started: the same image and command fail the same way"
_CONFIG = "a configuration error: the same invocation fails the same way"

RETRY_BY_CAUSE: Mapping[str, RetryVerdict] = {
    # 127 / 126 / exec failures: the file or its interpreter is missing or not executable
    "exit-127": _permanent("nothing to execute: " + _RUNC, f"{_KUBEFLOW} (127 permanent)"),
    "command-not-in-path": _permanent(_RUNC, f"{_KUBEFLOW} (127 permanent)"),
    "command-path-missing": _permanent(_RUNC, f"{_KUBEFLOW} (127 permanent)"),
    "exit-126": _permanent("cannot execute: " + _RUNC, f"{_KUBEFLOW} (126 permanent)"),
    "no-exec-bit": _permanent(_RUNC, f"{_KUBEFLOW} (126 permanent)"),
    "path-is-a-directory": _permanent(_RUNC, f"{_KUBEFLOW} (126 permanent)"),
    "noexec-mount": _permanent(_RUNC, f"{_KUBEFLOW} (126 permanent)"),
    "crlf-line-endings": _permanent(
        "the script's interpreter line is wrong in the image", _KUBEFLOW
    ),
    "missing-interpreter": _permanent("the interpreter is not in the image", _KUBEFLOW),
    "glibc-binary-on-musl": _permanent("the binary's loader is not in the image", _KUBEFLOW),
    "missing-shared-library": _permanent("a library is not in the image", _KUBEFLOW),
    "exec-format-error": _permanent("the binary is for another platform", _KUBEFLOW),
    "platform-mismatch": _permanent("the image is for another platform", _KUBEFLOW),
    "init-exec-failed": _permanent(_RUNC, f"{_KUBEFLOW} (126, 127 permanent)"),
    "oci-exec-failed": _permanent(_RUNC, f"{_KUBEFLOW} (126, 127 permanent)"),
    "file-not-found-elsewhere": _permanent("a file the container needs is missing", _KUBEFLOW),
    "start-error-128": _permanent(_RUNC, f"{_KUBEFLOW} (128 permanent)"),
    # signals
    "exit-132": _permanent(
        "illegal instruction: the same binary on the same CPU fails again", "SIGILL"
    ),
    "exit-137": _unknown(
        "SIGKILL: an OOM kill (permanent at the same limit) or a kill from outside (transient);"
        " more evidence decides",
        f"{_KUBEFLOW} (137 retryable); nf-core 130..145 retry",
    ),
    "oom-killed": _permanent(
        "the kernel killed it at its memory limit: the same input under the same limit runs out"
        " again; retry only with a larger limit",
        "nf-core resource-escalating retries; marin-community/marin PR #4339 (OOM is an"
        " application failure)",
    ),
    "sigkill-not-oom": _transient(
        "killed from outside (stop timeout, kill, eviction, preemption): the command did not fail",
        f"{_KUBEFLOW} (137 retryable)",
    ),
    "stop-timeout": _transient(
        "stopped from outside; the run was interrupted, not wrong",
        f"{_KUBEFLOW} (137, 143 retryable)",
    ),
    "exit-143": _transient(
        "SIGTERM from outside (stop, scale-down, preemption)", f"{_KUBEFLOW} (143)"
    ),
    "exit-139": _permanent(
        "a segmentation fault in the program's own code repeats with the same input",
        f"{_KUBEFLOW} (139 permanent); nf-core retries 139 (see docs/diagnosis.md)",
    ),
    "exit-134": _permanent("abort(): a failed assertion repeats with the same input", "SIGABRT"),
    "exit-130": _transient("interrupted from outside (SIGINT)", f"{_KUBEFLOW} (130 retryable)"),
    "exit-124": _unknown(
        "timed out: a slow run or a hang; the status does not say which", "timeout(1)"
    ),
    "exit-255": _unknown("-1 or 255: a lost status or the program's own 255", "moby/moby#41349"),
    "exit-1": _unknown("the program's own verdict: only its output says whether it is transient"),
    "exit-0": _permanent("it succeeded: there is nothing to retry"),
    # the engine
    "exit-125": _unknown(
        "the engine failed: some causes are transient (daemon, registry), some not (flags, names)",
        "dagster-io/dagster PR #29869 retries 125; Kubeflow does not",
    ),
    "usage-flag-error": _permanent(_CONFIG, "docker CLI flag errors"),
    "port-already-allocated": _unknown("another container holds the port; it may free it"),
    "address-in-use": _unknown("another process holds the address; it may free it"),
    "image-not-found": _permanent(
        "the image does not exist", f"{_GITLAB_PULL} (ConfigurationError)"
    ),
    "manifest-unknown": _permanent(
        "the tag does not exist", f"{_GITLAB_PULL} (ConfigurationError)"
    ),
    "no-matching-manifest": _permanent("no image for this platform", f"{_GITLAB_PULL}"),
    "registry-rate-limit": _transient("the registry's rate limit resets", f"{_GITLAB_PULL}"),
    "name-conflict": _permanent("the name stays taken until the old container is removed"),
    "bind-source-missing": _permanent(_CONFIG),
    "mount-type-mismatch": _permanent(_CONFIG),
    "workdir-not-a-directory": _permanent(_CONFIG),
    "no-space-left": _unknown("the disk may be cleaned, or not; another host may have room"),
    "device-missing": _permanent(_CONFIG),
    "gpu-driver-missing": _permanent("the host lacks the driver"),
    "runtime-not-installed": _permanent("the host lacks the runtime"),
    "cgroup-error": _unknown("a host cgroup problem: it may be a race or the host's setup"),
    "selinux-label": _permanent(_CONFIG),
    "apparmor-profile": _permanent(_CONFIG),
    "daemon-not-running": _transient(
        "the daemon was unreachable; it may be back",
        f"{_GITLAB_PULL} (connection refused: RunnerExternalDependencyFailure)",
    ),
    "docker-socket-permission": _permanent("the user cannot reach the socket"),
    "wait-error": _unknown("the status was lost while waiting: the run itself is unknown"),
    "wait-canceled-after-error": _unknown("a harmless line: the other error says why"),
    "podman-events-file-race": _unknown(
        "podman lost the status, not the command: inspect holds the container's own code, and"
        " a retry may meet the race again",
        "containers/podman#24406",
    ),
    "no-command-specified": _permanent(_CONFIG),
    "exec-container-not-running": _unknown("the container stopped; it may be restarted"),
    "kill-container-not-running": _permanent("there is nothing to kill: it is not running"),
    "no-such-container": _permanent("the container does not exist"),
    "docker-start-failed": _unknown("docker start failed: its message says why"),
    "detach-keys": _permanent("the user detached: nothing failed"),
    # Kubernetes
    "k8s-container-status-unknown": _transient(
        "the kubelet lost the container (node pressure, deletion): the run did not fail on its own",
        "kubernetes/kubernetes#104107, #122160",
    ),
    "k8s-deadline-exceeded": _permanent("the same deadline is exceeded again", "batch/v1 Job"),
    "k8s-crash-loop": _permanent("it keeps crashing: its last termination says why"),
    # Windows
    "windows-access-violation": _permanent("a crash in the program's own code", "moby/moby#40328"),
    "windows-ctrl-c-exit": _transient("interrupted from outside (Ctrl-C)"),
    "windows-stack-buffer-overrun": _permanent(
        "a crash in the program's own code", "moby/moby#40328"
    ),
    "windows-path-not-found": _permanent(_CONFIG, "moby/moby#31469"),
    # docker compose
    "compose-dependency-failed": _unknown(
        "a dependency turned unhealthy or exited: its own failure decides",
        "docker/compose: pkg/compose/convergence.go",
    ),
    "compose-service-not-found": _permanent(_CONFIG, "docker/compose: pkg/compose/compose.go"),
    "compose-service-unhealthy": _unknown(
        "a failing healthcheck may be a slow start or a broken service",
        "docker/compose: pkg/compose/convergence.go",
    ),
    "compose-wait-timeout": _unknown(
        "a slow start passes with more time; a check that never succeeds does not",
        "docker/compose: pkg/compose/start.go",
    ),
    # this module's causes
    "engine-kill": _transient(
        "killed from outside: the command did not fail on its own", _KUBEFLOW
    ),
    "docker-stop": _transient("stopped on request: the command did not fail on its own", _KUBEFLOW),
    "exit-from-inside": _unknown(
        "the program's own status: only its output says whether it is transient"
    ),
    "shim-crash": _transient("the runtime failed, not the program", "moby/moby#38768"),
    "host-terminated": _transient("the host went away, not the task", "AWS Batch retry examples"),
    "still-running": _unknown("the report is stale: check before retrying a running task"),
    "k8s-evicted": _transient("node pressure: another node may have room", "kubernetes#122160"),
}

RETRY_BY_OUTCOME: Mapping[ExitOutcome, RetryVerdict] = {
    ExitOutcome.SUCCESS: _permanent("it succeeded: there is nothing to retry", "exit 0"),
    ExitOutcome.COMMAND_FAILED: _unknown(
        "the program's own verdict: only its output says whether it is transient"
    ),
    ExitOutcome.SIGNALED: _transient(
        "stopped from outside before its verdict", f"{_KUBEFLOW} (130, 137, 143)"
    ),
    ExitOutcome.OOM_KILLED: _permanent(
        "the same input under the same memory limit runs out again", "docs/diagnosis.md"
    ),
    ExitOutcome.CANNOT_INVOKE: _permanent(_RUNC, f"{_KUBEFLOW} (126 permanent)"),
    ExitOutcome.NOT_FOUND: _permanent(_RUNC, f"{_KUBEFLOW} (127 permanent)"),
    ExitOutcome.ENGINE_ERROR: _unknown(
        "some engine errors are transient (daemon, registry), some not", "docs/diagnosis.md"
    ),
    ExitOutcome.USAGE_ERROR: _permanent(_CONFIG, "docker CLI flag errors"),
    ExitOutcome.STATUS_UNKNOWN: _unknown(
        "nothing reliable is known about the run", "docs/diagnosis.md"
    ),
}

NO_CAUSE = RetryVerdict(Retry.UNKNOWN, "no cause was found in the evidence", "this library")


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


def cause_title(cause: str) -> str:
    own = _OWN.get(cause)
    return own.title if own is not None else entry_by_id(cause).title


def cause_outcome(cause: str) -> ExitOutcome:
    own = _OWN.get(cause)
    return own.outcome if own is not None else entry_by_id(cause).outcomes[0]


# ---------------------------------------------------------------------- reading evidence
