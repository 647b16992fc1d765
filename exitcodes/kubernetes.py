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

from exitcodes._evidence import plain
from exitcodes._record import Record
from exitcodes.errors import InvalidArgumentError, MalformedEvidenceError, describe
from exitcodes.outcome import ExitOutcome

__all__ = ["REASONS", "ReasonRule", "pod_failure_policy_rule"]


class ReasonRule(Record):
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

    __slots__ = ("id", "reason", "state", "outcome", "from_message", "source", "summary")  # noqa: RUF023 - the fields, in order
    id: str
    reason: str
    state: str
    outcome: ExitOutcome | None
    from_message: bool
    source: str
    summary: str

    def __init__(  # noqa: PLR0917 - the rows are built positionally
        self,
        id: str,
        reason: str,
        state: str,
        outcome: ExitOutcome | None,
        from_message: bool,
        source: str,
        summary: str,
    ) -> None:
        setattr_ = object.__setattr__
        setattr_(self, "id", id)
        setattr_(self, "reason", reason)
        setattr_(self, "state", state)
        setattr_(self, "outcome", outcome)
        setattr_(self, "from_message", from_message)
        setattr_(self, "source", source)
        setattr_(self, "summary", summary)


_CRI = "containerd internal/cri/server/helpers.go, container_status.go"
_KUBELET = "kubernetes pkg/kubelet/kubelet_pods.go: convertToAPIContainerStatuses"
_WAITING = "kubernetes pkg/kubelet/container (error reasons)"

REASONS: tuple[ReasonRule, ...] = (
    ReasonRule(
        "kubernetes/completed",
        "Completed",
        "terminated",
        ExitOutcome.SUCCESS,
        False,
        _CRI,
        "The container exited 0 (Completed).",
    ),
    ReasonRule(
        "kubernetes/error",
        "Error",
        "terminated",
        None,
        False,
        _CRI,
        "The container exited non-zero (Error); the code says how.",
    ),
    ReasonRule(
        "kubernetes/oom-killed",
        "OOMKilled",
        "terminated",
        ExitOutcome.OOM_KILLED,
        False,
        _CRI + " (TaskOOM event or exit 137 with cgroup OOM counters)",
        "The kernel's OOM killer ended the container (OOMKilled).",
    ),
    ReasonRule(
        "kubernetes/start-error",
        "StartError",
        "terminated",
        ExitOutcome.ENGINE_ERROR,
        True,
        _CRI + " (errorStartExitCode 128; containerd/containerd#9080)",
        "The runtime could not start the container (StartError, exit code 128); the"
        " message says why.",
    ),
    ReasonRule(
        "kubernetes/container-cannot-run",
        "ContainerCannotRun",
        "terminated",
        ExitOutcome.ENGINE_ERROR,
        True,
        "Mirantis/cri-dockerd container status (dockershim ContainerCannotRun)",
        "Docker could not run the container (ContainerCannotRun); the message holds"
        " Docker's State.Error.",
    ),
    ReasonRule(
        "kubernetes/unknown",
        "Unknown",
        "terminated",
        ExitOutcome.STATUS_UNKNOWN,
        False,
        _CRI + " (unknownExitCode 255)",
        "The runtime could not recover the exit status (Unknown, 255).",
    ),
    ReasonRule(
        "kubernetes/container-status-unknown",
        "ContainerStatusUnknown",
        "terminated",
        ExitOutcome.STATUS_UNKNOWN,
        False,
        _KUBELET + " (kubernetes/kubernetes#95364)",
        "The kubelet could not locate the container and invented 137"
        " (ContainerStatusUnknown): not a SIGKILL.",
    ),
    ReasonRule(
        "kubernetes/deadline-exceeded",
        "DeadlineExceeded",
        "terminated",
        ExitOutcome.SIGNALED,
        False,
        "kubernetes batch/v1 types; activeDeadlineSeconds",
        "The pod outlived activeDeadlineSeconds and was stopped (DeadlineExceeded).",
    ),
    ReasonRule(
        "kubernetes/seccomp-killed",
        "seccomp killed",
        "terminated",
        ExitOutcome.SIGNALED,
        False,
        "cri-o/cri-o server/container_status.go",
        "A seccomp filter killed the container (CRI-O: seccomp killed).",
    ),
    ReasonRule(
        "kubernetes/running",
        "",
        "running",
        ExitOutcome.STATUS_UNKNOWN,
        False,
        _KUBELET,
        "The container is running: no exit status yet.",
    ),
    ReasonRule(
        "kubernetes/exit-code",
        "",
        "terminated",
        None,
        False,
        _CRI,
        "The container terminated with a reason this library does not know; the code says how.",
    ),
    ReasonRule(
        "kubernetes/waiting",
        "",
        "waiting",
        ExitOutcome.STATUS_UNKNOWN,
        True,
        _WAITING,
        "The container is waiting for a reason this library does not know: no exit status yet.",
    ),
    ReasonRule(
        "kubernetes/evicted",
        "Evicted",
        "terminated",
        ExitOutcome.ENGINE_ERROR,
        False,
        _KUBELET,
        "The kubelet evicted the pod (node pressure).",
    ),
    *(
        ReasonRule(
            f"kubernetes/{slug}", reason, "waiting", outcome, from_message, _WAITING, summary
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
