"""Kubernetes: what each container ``reason`` the kubelet or the runtime sets means.

The kubelet reports what happened in ``reason`` as much as in ``exitCode``; every row
cites where its reason is set. :mod:`exitcodes.kubernetes` reads them.
"""

from __future__ import annotations

import functools

from exitcodes.engines._schema import ReasonRule
from exitcodes.outcome import ExitOutcome

_CRI = "containerd internal/cri/server/helpers.go, container_status.go"
_KUBELET = "kubernetes pkg/kubelet/kubelet_pods.go: convertToAPIContainerStatuses"
_WAITING = "kubernetes pkg/kubelet/container (error reasons)"


# A row holds what differs: the state, and the kubelet's source of the waiting reasons, once.
_terminated = functools.partial(ReasonRule, state="terminated", from_message=False)
_waiting = functools.partial(ReasonRule, state="waiting", source=_WAITING)


# (id, reason, summary) of the waiting reasons that say the runtime failed; the message says why.
_RUNTIME_FAILED = (
    ("kubernetes/err-image-pull", "ErrImagePull", "The image could not be pulled (ErrImagePull)."),
    (
        "kubernetes/image-pull-back-off",
        "ImagePullBackOff",
        "Pulling the image keeps failing (ImagePullBackOff).",
    ),
    (
        "kubernetes/invalid-image-name",
        "InvalidImageName",
        "The image reference is invalid (InvalidImageName).",
    ),
    (
        "kubernetes/create-container-error",
        "CreateContainerError",
        "The runtime could not create the container (CreateContainerError).",
    ),
    (
        "kubernetes/create-container-config-error",
        "CreateContainerConfigError",
        "The container's configuration is invalid (CreateContainerConfigError), e.g. a"
        " missing ConfigMap or Secret.",
    ),
    (
        "kubernetes/run-container-error",
        "RunContainerError",
        "The runtime could not start the container (RunContainerError).",
    ),
)

# (id, reason, summary) of the waiting reasons that carry no exit status to read.
_NO_STATUS_YET = (
    (
        "kubernetes/crash-loop-back-off",
        "CrashLoopBackOff",
        "The container keeps exiting and waits to be restarted (CrashLoopBackOff); its"
        " lastState holds the last exit.",
    ),
    (
        "kubernetes/container-creating",
        "ContainerCreating",
        "The container is being created: no exit status yet.",
    ),
    (
        "kubernetes/pod-initializing",
        "PodInitializing",
        "Init containers are still running: no exit status yet.",
    ),
)


def _waiting_rows(
    table: tuple[tuple[str, str, str], ...], outcome: ExitOutcome, *, from_message: bool
) -> tuple[ReasonRule, ...]:
    """One waiting row per ``(id, reason, summary)`` of *table*, all with *outcome*."""
    return tuple(
        _waiting(
            id=row_id, reason=reason, outcome=outcome, from_message=from_message, summary=summary
        )
        for row_id, reason, summary in table
    )


REASONS: tuple[ReasonRule, ...] = (
    _terminated(
        id="kubernetes/completed",
        reason="Completed",
        outcome=ExitOutcome.SUCCESS,
        source=_CRI,
        summary="The container exited 0 (Completed).",
    ),
    _terminated(
        id="kubernetes/error",
        reason="Error",
        outcome=None,
        source=_CRI,
        summary="The container exited non-zero (Error); the code says how.",
    ),
    _terminated(
        id="kubernetes/oom-killed",
        reason="OOMKilled",
        outcome=ExitOutcome.OOM_KILLED,
        source=_CRI + " (TaskOOM event or exit 137 with cgroup OOM counters)",
        summary="The kernel's OOM killer ended the container (OOMKilled).",
    ),
    _terminated(
        id="kubernetes/start-error",
        reason="StartError",
        outcome=ExitOutcome.ENGINE_ERROR,
        from_message=True,
        source=_CRI + " (errorStartExitCode 128; containerd/containerd#9080)",
        summary="The runtime could not start the container (StartError, exit code 128); the"
        " message says why.",
    ),
    _terminated(
        id="kubernetes/container-cannot-run",
        reason="ContainerCannotRun",
        outcome=ExitOutcome.ENGINE_ERROR,
        from_message=True,
        source="Mirantis/cri-dockerd container status (dockershim ContainerCannotRun)",
        summary="Docker could not run the container (ContainerCannotRun); the message holds"
        " Docker's State.Error.",
    ),
    _terminated(
        id="kubernetes/unknown",
        reason="Unknown",
        outcome=ExitOutcome.STATUS_UNKNOWN,
        source=_CRI + " (unknownExitCode 255)",
        summary="The runtime could not recover the exit status (Unknown, 255).",
    ),
    _terminated(
        id="kubernetes/container-status-unknown",
        reason="ContainerStatusUnknown",
        outcome=ExitOutcome.STATUS_UNKNOWN,
        source=_KUBELET + " (kubernetes/kubernetes#95364)",
        summary="The kubelet could not locate the container and invented 137"
        " (ContainerStatusUnknown): not a SIGKILL.",
    ),
    _terminated(
        id="kubernetes/deadline-exceeded",
        reason="DeadlineExceeded",
        outcome=ExitOutcome.SIGNALED,
        source="kubernetes batch/v1 types; activeDeadlineSeconds",
        summary="The pod outlived activeDeadlineSeconds and was stopped (DeadlineExceeded).",
    ),
    _terminated(
        id="kubernetes/seccomp-killed",
        reason="seccomp killed",
        outcome=ExitOutcome.SIGNALED,
        source="cri-o/cri-o server/container_status.go",
        summary="A seccomp filter killed the container (CRI-O: seccomp killed).",
    ),
    ReasonRule(
        id="kubernetes/running",
        reason="",
        state="running",
        outcome=ExitOutcome.STATUS_UNKNOWN,
        from_message=False,
        source=_KUBELET,
        summary="The container is running: no exit status yet.",
    ),
    _terminated(
        id="kubernetes/exit-code",
        reason="",
        outcome=None,
        source=_CRI,
        summary="The container terminated with a reason this library does not know; the code says"
        " how.",
    ),
    _waiting(
        id="kubernetes/waiting",
        reason="",
        outcome=ExitOutcome.STATUS_UNKNOWN,
        from_message=True,
        summary="The container is waiting for a reason this library does not know: no exit status"
        " yet.",
    ),
    _terminated(
        id="kubernetes/evicted",
        reason="Evicted",
        outcome=ExitOutcome.ENGINE_ERROR,
        source=_KUBELET,
        summary="The kubelet evicted the pod (node pressure).",
    ),
    *_waiting_rows(_RUNTIME_FAILED, ExitOutcome.ENGINE_ERROR, from_message=True),
    *_waiting_rows(_NO_STATUS_YET, ExitOutcome.STATUS_UNKNOWN, from_message=False),
)
"""Every Kubernetes reason the classifier knows, terminated and waiting."""
