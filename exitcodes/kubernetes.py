"""Kubernetes container states: terminated and waiting reasons, and podFailurePolicy.

The kubelet reports what happened in ``reason`` as much as in ``exitCode``:
containerd reports a missing entrypoint as ``StartError`` with 128 (Docker
said 127), the kubelet invents 137 for ``ContainerStatusUnknown``, and a 137
with reason ``Error`` is not an OOM kill. The reasons are rows of
:data:`REASONS`, each citing where it is set.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from exitcodes._evidence import plain
from exitcodes.errors import InvalidArgumentError, MalformedEvidenceError, describe
from exitcodes.outcome import ExitOutcome

__all__ = ["REASONS", "ReasonRule", "pod_failure_policy_rule"]


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

_BY_REASON = {(rule.state, rule.reason.lower()): rule for rule in REASONS}


def reason_rule(state: str, reason: str) -> ReasonRule | None:
    """The row for *reason* in *state* (``"terminated"``/``"waiting"``), if known."""
    return _BY_REASON.get((state, reason.lower()))


def _values(rule: Mapping[str, Any], index: int) -> tuple[str, frozenset[int]]:
    where = f"rules[{index}]['onExitCodes']"
    on_codes = rule.get("onExitCodes", rule.get("on_exit_codes"))
    if not isinstance(on_codes, Mapping):
        raise InvalidArgumentError(f"{where} must be a mapping, got {describe(on_codes)}")
    operator = plain(on_codes.get("operator"))
    values = on_codes.get("values")
    if operator not in ("In", "NotIn"):
        raise InvalidArgumentError(
            f"{where}['operator'] must be 'In' or 'NotIn', got {describe(operator)}"
        )
    if not isinstance(values, Sequence) or isinstance(values, (str, bytes)) or not values:
        raise InvalidArgumentError(f"{where}['values'] must be a non-empty list of ints")
    checked = set()
    for value in values:
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidArgumentError(f"{where}['values'] holds {describe(value)}, not an int")
        checked.add(plain(value))
    if operator == "In" and 0 in checked:
        raise InvalidArgumentError(f"{where}: 0 is not allowed with operator In")
    return str(operator), frozenset(checked)


def pod_failure_policy_rule(
    exit_code: int, rules: Sequence[Mapping[str, Any]], *, container_name: str | None = None
) -> int | None:
    """The index of the Job ``podFailurePolicy`` rule that a container exit would match.

    Follows ``batch/v1`` semantics: rules are checked in order, only
    ``onExitCodes`` rules are considered here (``onPodConditions`` rules are
    skipped), a rule's ``containerName`` restricts it to that container, and a
    container that exited 0 matches no rule.

    Raises:
        InvalidArgumentError: a rule is malformed (unknown operator, empty
            values, 0 with ``In``), or *rules* cannot be iterated.
        MalformedEvidenceError: *exit_code* is not an int.

    >>> rules = [{"action": "Ignore", "onExitCodes": {"operator": "In", "values": [137]}},
    ...          {"action": "FailJob", "onExitCodes": {"operator": "NotIn", "values": [0]}}]
    >>> pod_failure_policy_rule(137, rules), pod_failure_policy_rule(3, rules)
    (0, 1)
    """
    exit_code, container_name = plain(exit_code), plain(container_name)  # read once
    if isinstance(exit_code, bool) or not isinstance(exit_code, int):
        raise MalformedEvidenceError(f"exit_code must be an int, got {describe(exit_code)}")
    if isinstance(rules, (str, bytes)) or not isinstance(rules, Sequence):
        raise InvalidArgumentError(f"rules must be a list of mappings, got {describe(rules)}")
    try:  # read once: a hostile __iter__, a released memoryview
        items = [rule for rule in rules]  # noqa: C416 - no length hint: __len__ may lie
    except Exception as exc:
        raise InvalidArgumentError(
            f"cannot read rules ({type(rules).__name__}): {type(exc).__name__}"
        ) from None
    if exit_code == 0:
        return None
    for index, rule in enumerate(items):
        if not isinstance(rule, Mapping):
            raise InvalidArgumentError(f"rules[{index}] must be a mapping, got {describe(rule)}")
        if "onExitCodes" not in rule and "on_exit_codes" not in rule:
            continue
        operator, values = _values(rule, index)
        on_codes = rule.get("onExitCodes", rule.get("on_exit_codes"))
        wanted = plain(on_codes.get("containerName")) if isinstance(on_codes, Mapping) else None
        if wanted is not None and container_name is not None and wanted != container_name:
            continue
        if (exit_code in values) == (operator == "In"):
            return index
    return None
