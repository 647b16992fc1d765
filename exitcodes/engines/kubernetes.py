"""Kubernetes: what each container ``reason`` the kubelet or the runtime sets means.

The kubelet reports what happened in ``reason`` as much as in ``exitCode``; every row
cites where its reason is set. :mod:`exitcodes.kubernetes` reads them.
"""

from __future__ import annotations

from exitcodes.engines._schema import ReasonRule
from exitcodes.outcome import ExitOutcome

_CRI = "containerd internal/cri/server/helpers.go, container_status.go"
_KUBELET = "kubernetes pkg/kubelet/kubelet_pods.go: convertToAPIContainerStatuses"
_WAITING = "kubernetes pkg/kubelet/container (error reasons)"

REASONS: tuple[ReasonRule, ...] = (
    ReasonRule(
        id="kubernetes/completed",
        reason="Completed",
        state="terminated",
        outcome=ExitOutcome.SUCCESS,
        from_message=False,
        source=_CRI,
        summary="The container exited 0 (Completed).",
    ),
    ReasonRule(
        id="kubernetes/error",
        reason="Error",
        state="terminated",
        outcome=None,
        from_message=False,
        source=_CRI,
        summary="The container exited non-zero (Error); the code says how.",
    ),
    ReasonRule(
        id="kubernetes/oom-killed",
        reason="OOMKilled",
        state="terminated",
        outcome=ExitOutcome.OOM_KILLED,
        from_message=False,
        source=_CRI + " (TaskOOM event or exit 137 with cgroup OOM counters)",
        summary="The kernel's OOM killer ended the container (OOMKilled).",
    ),
    ReasonRule(
        id="kubernetes/start-error",
        reason="StartError",
        state="terminated",
        outcome=ExitOutcome.ENGINE_ERROR,
        from_message=True,
        source=_CRI + " (errorStartExitCode 128; containerd/containerd#9080)",
        summary="The runtime could not start the container (StartError, exit code 128); the"
        " message says why.",
    ),
    ReasonRule(
        id="kubernetes/container-cannot-run",
        reason="ContainerCannotRun",
        state="terminated",
        outcome=ExitOutcome.ENGINE_ERROR,
        from_message=True,
        source="Mirantis/cri-dockerd container status (dockershim ContainerCannotRun)",
        summary="Docker could not run the container (ContainerCannotRun); the message holds"
        " Docker's State.Error.",
    ),
    ReasonRule(
        id="kubernetes/unknown",
        reason="Unknown",
        state="terminated",
        outcome=ExitOutcome.STATUS_UNKNOWN,
        from_message=False,
        source=_CRI + " (unknownExitCode 255)",
        summary="The runtime could not recover the exit status (Unknown, 255).",
    ),
    ReasonRule(
        id="kubernetes/container-status-unknown",
        reason="ContainerStatusUnknown",
        state="terminated",
        outcome=ExitOutcome.STATUS_UNKNOWN,
        from_message=False,
        source=_KUBELET + " (kubernetes/kubernetes#95364)",
        summary="The kubelet could not locate the container and invented 137"
        " (ContainerStatusUnknown): not a SIGKILL.",
    ),
    ReasonRule(
        id="kubernetes/deadline-exceeded",
        reason="DeadlineExceeded",
        state="terminated",
        outcome=ExitOutcome.SIGNALED,
        from_message=False,
        source="kubernetes batch/v1 types; activeDeadlineSeconds",
        summary="The pod outlived activeDeadlineSeconds and was stopped (DeadlineExceeded).",
    ),
    ReasonRule(
        id="kubernetes/seccomp-killed",
        reason="seccomp killed",
        state="terminated",
        outcome=ExitOutcome.SIGNALED,
        from_message=False,
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
    ReasonRule(
        id="kubernetes/exit-code",
        reason="",
        state="terminated",
        outcome=None,
        from_message=False,
        source=_CRI,
        summary="The container terminated with a reason this library does not know; the code says"
        " how.",
    ),
    ReasonRule(
        id="kubernetes/waiting",
        reason="",
        state="waiting",
        outcome=ExitOutcome.STATUS_UNKNOWN,
        from_message=True,
        source=_WAITING,
        summary="The container is waiting for a reason this library does not know: no exit status"
        " yet.",
    ),
    ReasonRule(
        id="kubernetes/evicted",
        reason="Evicted",
        state="terminated",
        outcome=ExitOutcome.ENGINE_ERROR,
        from_message=False,
        source=_KUBELET,
        summary="The kubelet evicted the pod (node pressure).",
    ),
    *(
        ReasonRule(
            id=f"kubernetes/{slug}",
            reason=reason,
            state="waiting",
            outcome=outcome,
            from_message=from_message,
            source=_WAITING,
            summary=summary,
        )
        for slug, reason, outcome, from_message, summary in (
            (
                "err-image-pull",
                "ErrImagePull",
                ExitOutcome.ENGINE_ERROR,
                True,
                "The image could not be pulled (ErrImagePull).",
            ),
            (
                "image-pull-back-off",
                "ImagePullBackOff",
                ExitOutcome.ENGINE_ERROR,
                True,
                "Pulling the image keeps failing (ImagePullBackOff).",
            ),
            (
                "invalid-image-name",
                "InvalidImageName",
                ExitOutcome.ENGINE_ERROR,
                True,
                "The image reference is invalid (InvalidImageName).",
            ),
            (
                "create-container-error",
                "CreateContainerError",
                ExitOutcome.ENGINE_ERROR,
                True,
                "The runtime could not create the container (CreateContainerError).",
            ),
            (
                "create-container-config-error",
                "CreateContainerConfigError",
                ExitOutcome.ENGINE_ERROR,
                True,
                "The container's configuration is invalid (CreateContainerConfigError), e.g. a"
                " missing ConfigMap or Secret.",
            ),
            (
                "run-container-error",
                "RunContainerError",
                ExitOutcome.ENGINE_ERROR,
                True,
                "The runtime could not start the container (RunContainerError).",
            ),
            (
                "crash-loop-back-off",
                "CrashLoopBackOff",
                ExitOutcome.STATUS_UNKNOWN,
                False,
                "The container keeps exiting and waits to be restarted (CrashLoopBackOff); its"
                " lastState holds the last exit.",
            ),
            (
                "container-creating",
                "ContainerCreating",
                ExitOutcome.STATUS_UNKNOWN,
                False,
                "The container is being created: no exit status yet.",
            ),
            (
                "pod-initializing",
                "PodInitializing",
                ExitOutcome.STATUS_UNKNOWN,
                False,
                "Init containers are still running: no exit status yet.",
            ),
        )
    ),
)
"""Every Kubernetes reason the classifier knows, terminated and waiting."""
