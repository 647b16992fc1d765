"""Kubernetes podFailurePolicy and container restart rules.

The table ports every case of kubernetes ``pkg/controller/job/pod_failure_policy_test.go``
(``TestMatchPodFailurePolicy``, 23 cases, at commit 1892e4deb967): the test's name is the
case's id; the policy, the pod, the wanted message, count flag and action are the test's.
"""

from __future__ import annotations

from typing import Any

import pytest

from exitcodes.classify import classify
from exitcodes.errors import InvalidArgumentError, MalformedEvidenceError
from exitcodes.policies import Verdict
from exitcodes.policies.kubernetes import (
    evaluate_container_restart,
    evaluate_pod_failure_policy,
    write_pod_failure_policy,
)


def _codes(
    action: str, operator: str, *values: int, container: str | None = None
) -> dict[str, Any]:
    requirement: dict[str, Any] = {"operator": operator, "values": list(values)}
    if container is not None:
        requirement["containerName"] = container
    return {"action": action, "onExitCodes": requirement}


def _cond(action: str, status: str, type_: str = "DisruptionTarget") -> dict[str, Any]:
    return {"action": action, "onPodConditions": [{"type": type_, "status": status}]}


def _term(name: str | None, code: int) -> dict[str, Any]:
    entry: dict[str, Any] = {"state": {"terminated": {"exitCode": code}}}
    if name is not None:
        entry["name"] = name
    return entry


def _pod(
    containers: list[dict[str, Any]] | None = None,
    *,
    init: list[dict[str, Any]] | None = None,
    conditions: list[tuple[str, str]] | None = None,
) -> dict[str, Any]:
    status: dict[str, Any] = {"phase": "Failed"}
    if containers is not None:
        status["containerStatuses"] = containers
    if init is not None:
        status["initContainerStatuses"] = init
    if conditions is not None:
        status["conditions"] = [{"type": t, "status": s} for t, s in conditions]
    return {"metadata": {"namespace": "default", "name": "mypod"}, "status": status}


def _msg(container: str, code: int, index: int) -> str:
    return (
        f"Container {container} for pod default/mypod failed with exit code {code} matching"
        f" FailJob rule at index {index}"
    )


DT_TRUE = [("DisruptionTarget", "True")]
# (name, enable JobBackoffLimitPerIndex, policy, pod, message, count failed, action)
UPSTREAM: list[tuple[str, bool, Any, dict[str, Any], str | None, bool, str | None]] = [
    (
        "unknown action for rule matching by exit codes - skip rule with unknown action",
        False,
        {"rules": [_codes("UnknownAction", "In", 1, 2), _codes("FailJob", "In", 2, 3)]},
        _pod([_term("main-container", 2)]),
        _msg("main-container", 2, 1),
        True,
        "FailJob",
    ),
    (
        "unknown action for rule matching by pod conditions - skip rule with unknown action",
        False,
        {"rules": [_cond("UnkonwnAction", "True"), _cond("Ignore", "True")]},
        _pod(conditions=DT_TRUE),
        None,
        False,
        "Ignore",
    ),
    (
        "unknown operator - rule with unknown action is skipped for onExitCodes",
        False,
        {
            "rules": [
                {
                    "action": "Ignore",
                    "onExitCodes": {"operator": "UnknownOperator", "values": [1, 2]},
                },
                _codes("FailJob", "In", 2, 3),
            ]
        },
        _pod([_term("main-container", 2)]),
        _msg("main-container", 2, 1),
        True,
        "FailJob",
    ),
    ("no policy rules", False, None, _pod([_term(None, 2)]), None, True, None),
    (
        "ignore rule matched for exit codes",
        False,
        {"rules": [_codes("Ignore", "In", 1, 2, 3)]},
        _pod([_term(None, 2)]),
        None,
        False,
        "Ignore",
    ),
    (
        "FailJob rule matched for exit codes",
        False,
        {"rules": [_codes("FailJob", "In", 1, 2, 3)]},
        _pod([_term("main-container", 2)]),
        _msg("main-container", 2, 0),
        True,
        "FailJob",
    ),
    (
        "successful containers are skipped by the rules",
        False,
        {"rules": [_codes("FailJob", "NotIn", 111)]},
        _pod(
            [_term("main-container", 111), _term("suppport-container", 0)],
            init=[_term("init-container", 0)],
        ),
        None,
        True,
        None,
    ),
    (
        "FailIndex rule matched for exit codes; JobBackoffLimitPerIndex enabled",
        True,
        {"rules": [_codes("FailIndex", "In", 1, 2, 3)]},
        _pod([_term(None, 2)]),
        None,
        True,
        "FailIndex",
    ),
    (
        "FailIndex rule matched for exit codes; JobBackoffLimitPerIndex disabled",
        False,
        {"rules": [_codes("FailIndex", "In", 1, 2, 3)]},
        _pod([_term(None, 2)]),
        None,
        True,
        None,
    ),
    (
        "pod failure policy with NotIn operator and value 0",
        False,
        {"rules": [_codes("FailJob", "NotIn", 0)]},
        _pod([_term("main-container", 1), _term("suppport-container", 0)]),
        _msg("main-container", 1, 0),
        True,
        "FailJob",
    ),
    (
        "second jobfail rule matched for exit codes",
        False,
        {"rules": [_codes("Count", "In", 1, 2, 3), _codes("FailJob", "In", 4, 5, 6)]},
        _pod([_term("main-container", 6)]),
        _msg("main-container", 6, 1),
        True,
        "FailJob",
    ),
    (
        "count rule matched for exit codes",
        False,
        {"rules": [_codes("Count", "In", 1, 2, 3)]},
        _pod([{"name": "foo"}, _term("bar", 2)]),
        None,
        True,
        "Count",
    ),
    (
        "FailIndex rule matched for pod conditions; JobBackoffLimitPerIndex enabled",
        True,
        {"rules": [_cond("FailIndex", "True")]},
        _pod(conditions=DT_TRUE),
        None,
        True,
        "FailIndex",
    ),
    (
        "FailIndex rule matched for pod conditions; JobBackoffLimitPerIndex disabled",
        False,
        {"rules": [_cond("FailIndex", "True")]},
        _pod(conditions=DT_TRUE),
        None,
        True,
        None,
    ),
    (
        "ignore rule matched for pod conditions",
        False,
        {"rules": [_cond("Ignore", "True")]},
        _pod(conditions=DT_TRUE),
        None,
        False,
        "Ignore",
    ),
    (
        "ignore rule matches by the status=False",
        False,
        {"rules": [_cond("Ignore", "False")]},
        _pod(conditions=[("DisruptionTarget", "False")]),
        None,
        False,
        "Ignore",
    ),
    (
        "ignore rule matches by the status=Unknown",
        False,
        {"rules": [_cond("Ignore", "Unknown")]},
        _pod(conditions=[("DisruptionTarget", "Unknown")]),
        None,
        False,
        "Ignore",
    ),
    (
        "ignore rule does not match when status for pattern is False, but actual True",
        False,
        {"rules": [_cond("Ignore", "False")]},
        _pod(conditions=DT_TRUE),
        None,
        True,
        None,
    ),
    (
        "ignore rule does not match when status for pattern is True, but actual False",
        False,
        {"rules": [_cond("Ignore", "True")]},
        _pod(conditions=[("DisruptionTarget", "False")]),
        None,
        True,
        None,
    ),
    (
        "default - do not match condition with status=False",
        False,
        {"rules": [_cond("Ignore", "True")]},
        _pod(conditions=[("DisruptionTarget", "False")]),
        None,
        True,
        None,
    ),
    (
        "job fail rule matched for pod conditions",
        False,
        {"rules": [_cond("FailJob", "True")]},
        _pod(conditions=DT_TRUE),
        "Pod default/mypod has condition DisruptionTarget matching FailJob rule at index 0",
        True,
        "FailJob",
    ),
    (
        "count rule matched for pod conditions",
        False,
        {"rules": [_cond("Count", "True")]},
        _pod(conditions=DT_TRUE),
        None,
        True,
        "Count",
    ),
    (
        "no rule matched",
        False,
        {
            "rules": [
                _codes("Count", "NotIn", 8),
                _codes("Ignore", "In", 1, 2, 3),
                _codes("FailJob", "NotIn", 5, 6, 7),
                _cond("Count", "True", "ResourceLimitExceeded"),
                _cond("Ignore", "True"),
            ]
        },
        _pod([_term(None, 32)]),
        None,
        True,
        "Count",
    ),
]


def test_every_upstream_case_is_ported() -> None:
    assert len(UPSTREAM) == 23
    assert len({case[0] for case in UPSTREAM}) == 23


@pytest.mark.parametrize("case", UPSTREAM, ids=[case[0] for case in UPSTREAM])
def test_match_pod_failure_policy(
    case: tuple[str, bool, Any, dict[str, Any], str | None, bool, str | None],
) -> None:
    _, per_index, policy, pod, message, count_failed, action = case
    decision = evaluate_pod_failure_policy(policy, pod, job_backoff_limit_per_index=per_index)
    assert decision.message == message
    # wantCountFailed is false exactly for Ignore
    assert (decision.verdict is not Verdict.IGNORE) == count_failed
    if action is None:  # no rule matched: the controller's default (count)
        assert decision.rule is None
        assert decision.verdict is Verdict.COUNT
    else:
        assert decision.action == action
        assert decision.rule is not None


def test_skipped_rules_are_noted() -> None:
    # "unknown action for rule matching by exit codes - skip rule with unknown action"
    decision = evaluate_pod_failure_policy(UPSTREAM[0][2], UPSTREAM[0][3])
    assert decision.notes == ("rule 0 matched but is skipped (unknown action: 'UnknownAction')",)
    decision = evaluate_pod_failure_policy(UPSTREAM[2][2], UPSTREAM[2][3])
    assert decision.notes == ("rule 0 has unknown operator 'UnknownOperator': never matches",)


def test_container_name_restricts_the_rule() -> None:
    # PodFailurePolicyOnExitCodesRequirement.containerName: "restricts the check for exit codes
    # to the container with the specified name"
    policy = {
        "rules": [_codes("FailJob", "In", 42, container="sidecar"), _codes("Ignore", "In", 42)]
    }
    pod = _pod([_term("main", 42)])
    assert evaluate_pod_failure_policy(policy, pod).action == "Ignore"
    pod = _pod([_term("main", 42)], init=[_term("sidecar", 42)])
    decision = evaluate_pod_failure_policy(policy, pod)
    assert decision.action == "FailJob"
    assert decision.container == "sidecar"
    assert decision.message == _msg("sidecar", 42, 0)


def test_job_manifest_int_and_classification_evidence() -> None:
    job = {"kind": "Job", "spec": {"podFailurePolicy": {"rules": [_codes("Ignore", "In", 137)]}}}
    assert evaluate_pod_failure_policy(job, 137).verdict is Verdict.IGNORE
    assert evaluate_pod_failure_policy({"spec": {}}, 137).verdict is Verdict.COUNT
    assert (
        evaluate_pod_failure_policy({"podFailurePolicy": {"rules": []}}, 3).verdict is Verdict.COUNT
    )
    decision = evaluate_pod_failure_policy(job, classify(137), container_name="app")
    assert (decision.verdict, decision.container, decision.exit_code) == (
        Verdict.IGNORE,
        "app",
        137,
    )
    assert decision.to_otel_attributes()["container.name"] == "app"


def test_phases() -> None:
    ok = {"status": {"phase": "Succeeded", "containerStatuses": [_term("a", 0)]}}
    assert evaluate_pod_failure_policy(None, ok).verdict is Verdict.SUCCESS
    with pytest.raises(InvalidArgumentError, match="failed pods only"):
        evaluate_pod_failure_policy(None, {"phase": "Running"})
    # a status alone, running containers skipped
    status = {
        "phase": "Failed",
        "containerStatuses": [{"name": "a", "state": {"running": {}}}, _term("b", 3)],
    }
    decision = evaluate_pod_failure_policy({"rules": [_codes("FailJob", "In", 3)]}, status)
    assert (
        decision.message
        == "Container b for pod / failed with exit code 3 matching FailJob rule at index 0"
    )
    assert decision.to_otel_attributes()["error.type"] == "3"


@pytest.mark.parametrize(
    ("policy", "pod", "error"),
    [
        ("rules", 1, InvalidArgumentError),
        ({"rules": "x"}, 1, InvalidArgumentError),
        ({"rules": [1]}, 1, InvalidArgumentError),
        (
            {"rules": [{"action": "Ignore", "onExitCodes": {"operator": "In", "values": ["1"]}}]},
            1,
            InvalidArgumentError,
        ),
        (
            {
                "rules": [
                    {
                        "action": "Ignore",
                        "onExitCodes": {"operator": "In", "values": [1], "containerName": 3},
                    }
                ]
            },
            1,
            InvalidArgumentError,
        ),
        ({"rules": [{"action": "Ignore", "onPodConditions": "x"}]}, 1, InvalidArgumentError),
        (
            {"rules": [{"action": "Ignore", "onPodConditions": [{"type": "A"}]}]},
            {"phase": "Failed", "conditions": "x"},
            MalformedEvidenceError,
        ),
        (
            {"rules": [{"action": "Ignore", "onPodConditions": [{"type": "A"}]}]},
            {"phase": "Failed", "conditions": [1]},
            MalformedEvidenceError,
        ),
        (None, "1", MalformedEvidenceError),
        (None, {"status": []}, MalformedEvidenceError),
        (None, {"phase": "Failed", "containerStatuses": "x"}, MalformedEvidenceError),
        (None, {"phase": "Failed", "containerStatuses": [1]}, MalformedEvidenceError),
        (
            None,
            {
                "phase": "Failed",
                "containerStatuses": [{"state": {"terminated": {"exitCode": "1"}}}],
            },
            MalformedEvidenceError,
        ),
    ],
)
def test_hostile_input_raises_the_library_errors(
    policy: Any, pod: Any, error: type[Exception]
) -> None:
    with pytest.raises(error):
        evaluate_pod_failure_policy(policy, pod)


def test_rules_without_a_requirement_never_match() -> None:
    policy = {"rules": [{"action": "FailJob"}, {"action": "FailJob", "onExitCodes": None}]}
    assert evaluate_pod_failure_policy(policy, 1).verdict is Verdict.COUNT


def test_writer() -> None:
    policy = write_pod_failure_policy({Verdict.COUNT: [2], Verdict.FAIL: [42], Verdict.IGNORE: []})
    assert [rule["action"] for rule in policy["rules"]] == ["Count", "FailJob"]
    for bad in (
        {Verdict.RETRY: [1]},
        {Verdict.FAIL: [0]},
        {Verdict.FAIL: [1], Verdict.IGNORE: [1]},
        {Verdict.FAIL: "1"},
        {Verdict.FAIL: [True]},
        {"fail": [1]},
        [1],
    ):
        with pytest.raises(InvalidArgumentError):
            write_pod_failure_policy(bad)  # type: ignore[arg-type]


# ContainerShouldRestart: "First, the container-level restartPolicyRules are evaluated in order.
# An action is taken if any rules are matched. Second, the container-level restart policy is
# used. Lastly, if no container level policy are specified, pod-level restart policy is used."
@pytest.mark.parametrize(
    ("container", "pod_policy", "code", "verdict"),
    [
        (
            {
                "restartPolicy": "Never",
                "restartPolicyRules": [
                    {"action": "Restart", "exitCodes": {"operator": "In", "values": [42]}}
                ],
            },
            None,
            42,
            Verdict.RETRY,
        ),
        (
            {
                "restartPolicy": "Never",
                "restartPolicyRules": [
                    {"action": "Restart", "exitCodes": {"operator": "In", "values": [42]}}
                ],
            },
            None,
            1,
            Verdict.FAIL,
        ),
        (
            {
                "restartPolicy": "Never",
                "restartPolicyRules": [
                    {"action": "Restart", "exitCodes": {"operator": "NotIn", "values": [0]}}
                ],
            },
            None,
            0,
            Verdict.SUCCESS,
        ),
        (
            {"restartPolicy": "OnFailure", "restartPolicyRules": [{"action": "Restart"}]},
            None,
            3,
            Verdict.RETRY,
        ),
        ({"restartPolicy": "OnFailure"}, "Never", 0, Verdict.SUCCESS),
        (
            {
                "restartPolicyRules": [
                    {"action": "Restart", "exitCodes": {"operator": "In", "values": [1]}}
                ]
            },
            "Never",
            1,
            Verdict.FAIL,
        ),
        (None, None, 0, Verdict.RETRY),  # "Default policy is Always"
        (None, "OnFailure", 2, Verdict.RETRY),
        ({"restartPolicy": "Sometimes"}, "Never", 2, Verdict.FAIL),  # unknown: the pod's decides
        ({"restartPolicy": "Always", "name": "app"}, None, 0, Verdict.RETRY),
    ],
)
def test_container_should_restart(
    container: Any, pod_policy: str | None, code: int, verdict: Verdict
) -> None:
    assert (
        evaluate_container_restart(container, code, pod_restart_policy=pod_policy).verdict
        is verdict
    )


# kubernetes pkg/api/v1/pod/util_test.go: TestContainerHasRestartablePolicy (12 cases, run on
# ContainerShouldRestart) and TestFindMatchingContainerRestartRule (5 cases).
def _rule(operator: str, *values: int) -> dict[str, Any]:
    return {"action": "Restart", "exitCodes": {"operator": operator, "values": list(values)}}


HAS_RESTARTABLE_POLICY: list[tuple[str, dict[str, Any], str | None, int, bool]] = [
    (
        "Rule: 'In' operator matches with 'Restart' action",
        {"restartPolicy": "Never", "restartPolicyRules": [_rule("In", 42, 50, 60)]},
        None,
        42,
        True,
    ),
    (
        "Rule: 'NotIn' operator matches with 'Restart' action",
        {"restartPolicy": "Never", "restartPolicyRules": [_rule("NotIn", 0, 1, 2)]},
        None,
        99,
        True,
    ),
    (
        "Rule: 'In' operator does not match, should fall back to container policy",
        {"restartPolicy": "Never", "restartPolicyRules": [_rule("In", 10, 20)]},
        None,
        30,
        False,
    ),
    (
        "Rule: 'NotIn' operator does not match, should fall back to container policy",
        {"restartPolicy": "Never", "restartPolicyRules": [_rule("NotIn", 10, 20)]},
        None,
        10,
        False,
    ),
    ("Container Policy: 'Always'", {"restartPolicy": "Always"}, "Never", 0, True),
    (
        "Container Policy: 'OnFailure' with exit code 0",
        {"restartPolicy": "OnFailure"},
        "Never",
        0,
        False,
    ),
    (
        "Container Policy: 'OnFailure' with non-zero exit code",
        {"restartPolicy": "OnFailure"},
        "Never",
        1,
        True,
    ),
    (
        "Container Policy: 'Never' should return false",
        {"restartPolicy": "Never"},
        "Always",
        1,
        False,
    ),
    ("Pod Policy: Fallback to pod 'Always'", {}, "Always", 0, True),
    ("Pod Policy: Fallback to pod 'OnFailure' with non-zero exit code", {}, "OnFailure", 1, True),
    ("Pod Policy: Fallback to pod 'Never'", {}, "Never", 1, False),
    ("Pod Policy: Fallback with no policies specified should return true", {}, None, 0, True),
]


@pytest.mark.parametrize("case", HAS_RESTARTABLE_POLICY, ids=[c[0] for c in HAS_RESTARTABLE_POLICY])
def test_container_has_restartable_policy(
    case: tuple[str, dict[str, Any], str | None, int, bool],
) -> None:
    _, container, pod_policy, code, expected = case
    decision = evaluate_container_restart(container, code, pod_restart_policy=pod_policy)
    assert (decision.verdict is Verdict.RETRY) == expected


RULE_IN, RULE_NOT_IN, RULE_IN_42 = _rule("In", 42, 50, 60), _rule("NotIn", 0, 1, 2), _rule("In", 42)
FIND_MATCHING: list[tuple[str, list[dict[str, Any]], int, int | None]] = [
    ("a rule with op In matches", [RULE_IN], 42, 0),
    ("a rule with op NotIn matches", [RULE_NOT_IN], 99, 0),
    ("matches the first rule if two rules both matched", [RULE_IN, RULE_IN_42], 42, 0),
    ("no rules matched", [RULE_IN], 100, None),
    ("no rules defined", [], 0, None),
]


@pytest.mark.parametrize("case", FIND_MATCHING, ids=[c[0] for c in FIND_MATCHING])
def test_find_matching_container_restart_rule(
    case: tuple[str, list[dict[str, Any]], int, int | None],
) -> None:
    # The rules only count with a container-level restartPolicy; Never makes a match visible.
    _, rules, code, index = case
    decision = evaluate_container_restart(
        {"restartPolicy": "Never", "restartPolicyRules": rules}, code
    )
    assert decision.rule == index


def test_first_matching_rule_with_another_action_falls_back() -> None:
    # ContainerShouldRestart: "default: // Do nothing, fallback to container-level restart policy."
    rules = [
        {"action": "RestartAllContainers", "exitCodes": {"operator": "In", "values": [42]}},
        _rule("In", 42),
    ]
    decision = evaluate_container_restart(
        {"restartPolicy": "Never", "restartPolicyRules": rules}, 42
    )
    assert decision.verdict is Verdict.FAIL
    assert decision.notes and "falls back" in decision.notes[0]


def test_container_restart_errors() -> None:
    with pytest.raises(InvalidArgumentError):
        evaluate_container_restart(None, 1, pod_restart_policy="Sometimes")
    with pytest.raises(MalformedEvidenceError):
        evaluate_container_restart(
            None, classify({"State": {"Status": "running", "Running": True}})
        )
    with pytest.raises(InvalidArgumentError):
        evaluate_container_restart("x", 1)


def test_backoff_limit_exceeded() -> None:
    # job_controller.go: a Job fails with reason BackoffLimitExceeded and the message "Job has
    # reached the specified backoff limit" once "failed > *job.Spec.BackoffLimit".
    policy = {"rules": [_codes("Count", "In", 1), _codes("Ignore", "In", 137)]}
    assert evaluate_pod_failure_policy(policy, 1, failed=5).verdict is Verdict.COUNT  # 6th of 6
    decision = evaluate_pod_failure_policy(policy, 1, failed=6)  # the 7th: past the default 6
    assert (decision.verdict, decision.action, decision.rule) == (Verdict.FAIL, "Count", 0)
    assert decision.message == "Job has reached the specified backoff limit"
    assert evaluate_pod_failure_policy(None, 2, failed=0, backoff_limit=0).verdict is Verdict.FAIL
    # Ignore never counts, whatever the count
    assert evaluate_pod_failure_policy(policy, 137, failed=100).verdict is Verdict.IGNORE
    for bad in ({"failed": -1}, {"failed": True}, {"failed": 1, "backoff_limit": "6"}):
        with pytest.raises(InvalidArgumentError):
            evaluate_pod_failure_policy(policy, 1, **bad)
