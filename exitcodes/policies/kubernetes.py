"""Kubernetes: a Job's ``podFailurePolicy`` and a container's restart policy and rules.

The Job controller's semantics are those of ``matchPodFailurePolicy`` in
kubernetes ``pkg/controller/job/pod_failure_policy.go``: rules are checked in
order; an ``onExitCodes`` rule matches the first terminated container (regular
containers first, then init containers) with a non-zero exit code that the
operator accepts, restricted to ``containerName`` when it is set; an
``onPodConditions`` rule matches a pod condition with the same type and status.
A rule with an unknown action or operator is skipped, as is a ``FailIndex`` rule
when the ``JobBackoffLimitPerIndex`` feature is off. No match counts the failure
towards ``backoffLimit``.

The kubelet's container restart decision is ``ContainerShouldRestart``
(container-level ``restartPolicyRules`` first, KEP-5307; then the container's
``restartPolicy``; then the pod's, whose default is ``Always``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from exitcodes.errors import InvalidArgumentError, MalformedEvidenceError, describe
from exitcodes.policies._base import Decisions, PolicyDecision, System, Verdict, verdict_codes
from exitcodes.policies._reading import code_int, exit_evidence, mapping, sequence

__all__ = [
    "JOB_VERDICTS",
    "evaluate_container_restart",
    "evaluate_pod_failure_policy",
    "write_pod_failure_policy",
]

_JOB_SOURCE = "kubernetes pkg/controller/job/pod_failure_policy.go: matchPodFailurePolicy"
_RESTART_SOURCE = "kubernetes ContainerShouldRestart (container restartPolicyRules, KEP-5307)"
_ACTIONS = {
    "Ignore": Verdict.IGNORE,
    "Count": Verdict.COUNT,
    "FailJob": Verdict.FAIL,
    "FailIndex": Verdict.FAIL,
}
_WRITE_ORDER = ((Verdict.IGNORE, "Ignore"), (Verdict.COUNT, "Count"), (Verdict.FAIL, "FailJob"))
JOB_VERDICTS = (Verdict.IGNORE, Verdict.COUNT, Verdict.FAIL)
"""The verdicts a ``podFailurePolicy`` can express (``Ignore``, ``Count``, ``FailJob``)."""


def _policy_rules(policy: object) -> Sequence[Any] | None:
    if policy is None:
        return None
    checked = mapping(policy, "policy")
    if checked.get("kind") == "Job" or "spec" in checked:
        spec = mapping(checked.get("spec"), "policy['spec']")
        inner = spec.get("podFailurePolicy")
        return None if inner is None else _policy_rules(inner)
    if "podFailurePolicy" in checked:
        return _policy_rules(checked["podFailurePolicy"])
    return sequence(checked.get("rules", ()), "policy['rules']")


def _pod_status(pod: object, container_name: str) -> tuple[Mapping[str, Any], Mapping[str, Any]]:
    if not isinstance(pod, Mapping):
        code, _ = exit_evidence(pod)
        state = {"terminated": {"exitCode": code}} if code is not None else {}
        return {}, {
            "phase": "Failed",
            "containerStatuses": [{"name": container_name, "state": state}],
        }
    if "status" in pod or "metadata" in pod:
        meta = pod.get("metadata")
        status = pod.get("status")
        meta = {} if meta is None else meta
        status = {} if status is None else status
        if not isinstance(meta, Mapping) or not isinstance(status, Mapping):
            raise MalformedEvidenceError("pod['metadata'] and pod['status'] must be mappings")
        return meta, status
    return {}, pod


def _terminated(status: Mapping[str, Any], field: str) -> list[tuple[str, int]]:
    found: list[tuple[str, int]] = []
    statuses = status.get(field) or ()
    if isinstance(statuses, (str, bytes)) or not isinstance(statuses, Sequence):
        raise MalformedEvidenceError(f"status[{field!r}] must be a list, got {describe(statuses)}")
    for index, entry in enumerate(statuses):
        if not isinstance(entry, Mapping):
            raise MalformedEvidenceError(f"status[{field!r}][{index}] must be a mapping")
        state = entry.get("state") or {}
        terminated = state.get("terminated") if isinstance(state, Mapping) else None
        if terminated is None:
            continue  # "This container is still be terminating. There is no exit code to match."
        code = terminated.get("exitCode", 0) if isinstance(terminated, Mapping) else None
        if isinstance(code, bool) or not isinstance(code, int):
            raise MalformedEvidenceError(
                f"status[{field!r}][{index}]['state']['terminated']['exitCode'] must be an int,"
                f" got {describe(code)}"
            )
        found.append((str(entry.get("name", "")), code))
    return found


def _on_exit_codes(rule: Mapping[str, Any], index: int) -> tuple[str, frozenset[int], str | None]:
    where = f"rules[{index}]['onExitCodes']"
    requirement = mapping(rule["onExitCodes"], where)
    values = sequence(requirement.get("values", ()), f"{where}['values']")
    codes = frozenset(code_int(value, f"{where}['values']") for value in values)
    name = requirement.get("containerName")
    if name is not None and not isinstance(name, str):
        raise InvalidArgumentError(f"{where}['containerName'] must be a string")
    return str(requirement.get("operator", "")), codes, name


def _operator_matches(operator: str, codes: frozenset[int], code: int) -> bool | None:
    if operator == "In":
        return code in codes
    if operator == "NotIn":
        return code not in codes
    return None


def _conditions(rule: Mapping[str, Any], index: int) -> list[tuple[str, str]]:
    where = f"rules[{index}]['onPodConditions']"
    patterns = []
    for pattern in sequence(rule["onPodConditions"], where):
        checked = mapping(pattern, where + "[]")
        patterns.append((str(checked.get("type", "")), str(checked.get("status", "True"))))
    return patterns


def _pod_conditions(status: Mapping[str, Any]) -> list[tuple[object, object]]:
    conditions = status.get("conditions") or ()
    if isinstance(conditions, (str, bytes)) or not isinstance(conditions, Sequence):
        raise MalformedEvidenceError(
            f"status['conditions'] must be a list, got {describe(conditions)}"
        )
    pairs = []
    for condition in conditions:
        if not isinstance(condition, Mapping):
            raise MalformedEvidenceError(
                f"a pod condition must be a mapping, got {describe(condition)}"
            )
        pairs.append((condition.get("type"), condition.get("status")))
    return pairs


def _match_pod_failure_policy(
    policy: object, pod: object, job_backoff_limit_per_index: bool, container_name: str
) -> PolicyDecision:
    rules = _policy_rules(policy)
    meta, status = _pod_status(pod, container_name)
    namespace = meta.get("namespace", "")
    name = meta.get("name", "")
    phase = status.get("phase", "Failed")
    first = _terminated(status, "containerStatuses")
    init = _terminated(status, "initContainerStatuses")
    failed = [entry for entry in [*first, *init] if entry[1] != 0]
    shown = failed[0] if failed else None
    decide = Decisions(
        System.KUBERNETES_JOB,
        _JOB_SOURCE,
        exit_code=None if shown is None else shown[1],
        container=None if shown is None else (shown[0] or None),
        pod=str(name) or None,
        namespace=str(namespace) or None,
    )
    if phase == "Succeeded":
        return decide(
            Verdict.SUCCESS,
            "Succeeded",
            "The pod succeeded; a podFailurePolicy applies to failed pods only.",
        )
    if phase != "Failed":
        raise InvalidArgumentError(
            f"the Job controller matches podFailurePolicy against failed pods only; the pod's"
            f" phase is {describe(phase)}"
        )
    if rules is None:
        return decide(
            Verdict.COUNT, "Count", "No podFailurePolicy: the failure counts towards backoffLimit."
        )
    notes: list[str] = []
    for index, raw in enumerate(rules):
        rule = mapping(raw, f"rules[{index}]")
        action = rule.get("action")
        verdict = _ACTIONS.get(action) if isinstance(action, str) else None
        if "onExitCodes" in rule and rule["onExitCodes"] is not None:
            operator, codes, wanted = _on_exit_codes(rule, index)
            matched = None
            for container, code in [*first, *init]:
                if wanted is not None and wanted != container:
                    continue
                if code != 0 and _operator_matches(operator, codes, code):
                    matched = (container, code)
                    break
            if _operator_matches(operator, codes, 1) is None:
                notes.append(f"rule {index} has unknown operator {operator!r}: never matches")
            if matched is None:
                continue
            what = f"container {matched[0] or '(unnamed)'} exited {matched[1]}"
            message: str | None
            decide = decide.about(container=matched[0] or None, exit_code=matched[1])
            message = (
                f"Container {matched[0]} for pod {namespace}/{name} failed with exit code"
                f" {matched[1]} matching FailJob rule at index {index}"
            )
        elif "onPodConditions" in rule and rule["onPodConditions"] is not None:
            patterns = _conditions(rule, index)
            condition = None
            for pair in _pod_conditions(status):
                if pair in patterns:
                    condition = pair
                    break
            if condition is None:
                continue
            what = f"the pod has condition {condition[0]}={condition[1]}"
            message = (
                f"Pod {namespace}/{name} has condition {condition[0]} matching FailJob rule at"
                f" index {index}"
            )
        else:
            continue
        if verdict is None or (action == "FailIndex" and not job_backoff_limit_per_index):
            why = "JobBackoffLimitPerIndex is off" if action == "FailIndex" else "unknown action"
            notes.append(f"rule {index} matched but is skipped ({why}: {action!r})")
            continue
        if action == "FailJob":
            reason = f"Rule {index} (FailJob) matched: {what}; the Job fails."
        elif action == "FailIndex":
            reason = f"Rule {index} (FailIndex) matched: {what}; the pod's index fails."
            message = None
        elif action == "Ignore":
            reason = f"Rule {index} (Ignore) matched: {what}; not counted towards backoffLimit."
            message = None
        else:
            reason = f"Rule {index} (Count) matched: {what}; counted towards backoffLimit."
            message = None
        return decide(verdict, str(action), reason, rule=index, message=message, notes=notes)
    return decide(
        Verdict.COUNT,
        "Count",
        "No rule matched: the failure counts towards backoffLimit.",
        notes=notes,
    )


def evaluate_pod_failure_policy(
    policy: object,
    pod: object,
    *,
    job_backoff_limit_per_index: bool = True,
    container_name: str = "main",
    failed: int | None = None,
    backoff_limit: int = 6,
) -> PolicyDecision:
    """What the Job controller does with a failed pod under a ``podFailurePolicy``.

    Args:
        policy: the ``podFailurePolicy`` mapping (``{"rules": [...]}``), a Job manifest
            holding one, or ``None`` (no policy: every failure counts).
        pod: the failed pod (a mapping with ``metadata`` and ``status``, or the status
            alone), or an exit code / :class:`~exitcodes.Classification` of one
            container named *container_name*.
        job_backoff_limit_per_index: whether the ``JobBackoffLimitPerIndex`` feature is
            on (GA since 1.33); when off, ``FailIndex`` rules are skipped.
        container_name: the container name for an exit-code or Classification *pod*.
        failed: the Job's ``status.failed`` before this pod; with it, a counted failure
            that takes the count past *backoff_limit* fails the Job (``BackoffLimitExceeded``).
        backoff_limit: the Job's ``spec.backoffLimit`` (default 6).

    Returns:
        The decision; ``message`` is the controller's own job failure message for
        ``FailJob``.

    Raises:
        InvalidArgumentError: the policy is not shaped like a ``podFailurePolicy``, or
            the pod has not failed yet (the controller only matches failed pods).
        MalformedEvidenceError: a container status holds an impossible value.

    >>> policy = {"rules": [{"action": "FailJob",
    ...                      "onExitCodes": {"operator": "In", "values": [42]}}]}
    >>> pod = {"metadata": {"namespace": "default", "name": "mypod"},
    ...        "status": {"phase": "Failed", "containerStatuses": [
    ...            {"name": "main", "state": {"terminated": {"exitCode": 42}}}]}}
    >>> print(evaluate_pod_failure_policy(policy, pod).message)
    Container main for pod default/mypod failed with exit code 42 matching FailJob rule at index 0
    """
    for name, value in (("failed", failed), ("backoff_limit", backoff_limit)):
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or value < 0
        ):
            raise InvalidArgumentError(f"{name} must be an int >= 0, got {describe(value)}")
    decision = _match_pod_failure_policy(policy, pod, job_backoff_limit_per_index, container_name)
    if failed is None or decision.verdict is not Verdict.COUNT or failed + 1 <= backoff_limit:
        return decision
    # job_controller.go: "failed > *job.Spec.BackoffLimit" -> BackoffLimitExceeded
    return attrs.evolve(
        decision,
        verdict=Verdict.FAIL,
        reason=(
            f"{decision.reason} It is failure {failed + 1} and backoffLimit is {backoff_limit}:"
            " the Job fails (BackoffLimitExceeded)."
        ),
        message="Job has reached the specified backoff limit",
        source=_JOB_SOURCE + "; job_controller.go (BackoffLimitExceeded)",
    )


def write_pod_failure_policy(verdicts: Mapping[Verdict, Iterable[int]]) -> dict[str, Any]:
    """A ``podFailurePolicy`` giving each exit code its verdict (``IGNORE``, ``COUNT``, ``FAIL``).

    Exit code 0 cannot be matched (the controller skips successful containers), so
    it is refused. Codes not listed are counted, the controller's default.

    Raises:
        InvalidArgumentError: a verdict the Job API cannot express, 0, a negative code,
            or a code given two verdicts.

    >>> policy = write_pod_failure_policy({Verdict.FAIL: [42], Verdict.IGNORE: [137]})
    >>> [(rule["action"], rule["onExitCodes"]["values"]) for rule in policy["rules"]]
    [('Ignore', [137]), ('FailJob', [42])]
    """
    checked = verdict_codes(verdicts, JOB_VERDICTS, "a podFailurePolicy")
    rules: list[dict[str, Any]] = []
    for verdict, action in (
        (Verdict.IGNORE, "Ignore"),
        (Verdict.COUNT, "Count"),
        (Verdict.FAIL, "FailJob"),
    ):
        codes = checked.get(verdict, ())
        if any(code <= 0 for code in codes):
            raise InvalidArgumentError(
                "a podFailurePolicy matches non-zero exit codes only (the API server rejects 0"
                " with operator In; the controller skips successful containers)"
            )
        if codes:
            rules.append(
                {"action": action, "onExitCodes": {"operator": "In", "values": list(codes)}}
            )
    return {"rules": rules}


def evaluate_container_restart(
    container: object, evidence: object, *, pod_restart_policy: str | None = None
) -> PolicyDecision:
    """Whether the kubelet restarts a container that exited, per ``ContainerShouldRestart``.

    Args:
        container: the container spec (``restartPolicy``, ``restartPolicyRules``; other
            keys are ignored), or ``None`` for a container with neither.
        evidence: the exit code, or a :class:`~exitcodes.Classification`.
        pod_restart_policy: the pod's ``restartPolicy`` (default ``Always``).

    >>> evaluate_container_restart({"restartPolicy": "Never", "restartPolicyRules": [
    ...     {"action": "Restart", "exitCodes": {"operator": "In", "values": [42]}}]}, 42).action
    'Restart'
    """
    spec = {} if container is None else mapping(container, "container")
    code, signal = exit_evidence(evidence)
    if code is None:
        raise MalformedEvidenceError("the evidence carries no exit code: nothing to restart on")
    name = spec.get("name")
    decide = Decisions(
        System.KUBERNETES_CONTAINER,
        _RESTART_SOURCE,
        exit_code=code,
        signal=signal,
        container=name if isinstance(name, str) else None,
    )
    own = spec.get("restartPolicy")
    notes: list[str] = []
    if own is not None:
        for index, raw in enumerate(
            sequence(spec.get("restartPolicyRules") or (), "restartPolicyRules")
        ):
            rule = mapping(raw, f"restartPolicyRules[{index}]")
            exit_codes = rule.get("exitCodes")
            if exit_codes is None:
                continue
            requirement = mapping(exit_codes, f"restartPolicyRules[{index}]['exitCodes']")
            values = sequence(requirement.get("values", ()), "exitCodes['values']")
            codes = frozenset(code_int(v, "exitCodes['values']") for v in values)
            if not _operator_matches(str(requirement.get("operator", "")), codes, code):
                continue
            # findMatchingContainerRestartRule: the first matching rule decides; an action
            # other than Restart falls back to the container's restartPolicy.
            if rule.get("action") == "Restart":
                return decide(
                    Verdict.RETRY,
                    "Restart",
                    f"restartPolicyRules[{index}] (Restart) matched exit code {code}.",
                    rule=index,
                )
            notes.append(
                f"restartPolicyRules[{index}] matched with action {describe(rule.get('action'))}:"
                " the kubelet falls back to the container's restartPolicy"
            )
            break
        level, policy = "container", own
    else:
        level, policy = "pod", pod_restart_policy or "Always"
    if policy not in ("Always", "OnFailure", "Never"):
        if level == "pod":
            raise InvalidArgumentError(f"unknown pod restartPolicy {describe(policy)}")
        level, policy = "pod", pod_restart_policy or "Always"
    restart = policy == "Always" or (policy == "OnFailure" and code != 0)
    verdict = Verdict.RETRY if restart else Verdict.SUCCESS if code == 0 else Verdict.FAIL
    return decide(
        verdict,
        "Restart" if restart else "DoNotRestart",
        f"The {level} restartPolicy is {policy}; exit code {code}"
        f" {'restarts' if restart else 'does not restart'} the container.",
        notes=notes,
    )
