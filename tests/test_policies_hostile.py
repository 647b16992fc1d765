"""Hostile input never escapes the policy evaluators as a foreign exception, nor hangs.

Every evaluator and writer, given arbitrary JSON-like values (and ints, strings, None) for its
policy and its evidence, returns a decision or raises one of the library's own errors
(the developer guide: "Hostile input never escapes as a foreign exception").
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exitcodes.errors import ExitCodesError
from exitcodes.policies import (
    evaluate_batch,
    evaluate_container_restart,
    evaluate_docker_restart,
    evaluate_gitlab,
    evaluate_pod_failure_policy,
    evaluate_systemd,
    load_document,
    write_batch,
    write_docker_restart,
    write_gitlab,
    write_pod_failure_policy,
    write_systemd,
)
from exitcodes.policies.strategies import (
    batch_retry_strategies,
    exit_codes,
    failed_pods,
    gitlab_jobs,
    pod_failure_policies,
    systemd_units,
)

KEYS = st.sampled_from([
    "rules", "action", "onExitCodes", "onPodConditions", "operator", "values", "containerName",
    "type", "status", "phase", "containerStatuses", "initContainerStatuses", "conditions",
    "state", "terminated", "exitCode", "name", "metadata", "namespace", "spec", "podFailurePolicy",
    "kind", "restartPolicy", "restartPolicyRules", "exitCodes", "Name", "MaximumRetryCount",
    "Restart", "Type", "SuccessExitStatus", "RestartPreventExitStatus", "RestartForceExitStatus",
    "attempts", "evaluateOnExit", "onExitCode", "onReason", "onStatusReason", "retry", "max",
    "when", "exit_codes", "allow_failure",
])  # fmt: skip
SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.floats(allow_nan=True),
    st.text(max_size=20), st.sampled_from(["In", "NotIn", "FailJob", "Ignore", "Failed", "RETRY", "EXIT",
                                           "on-failure:2", "always", "SIGKILL", "*", "1*", "True"]),
)  # fmt: skip
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(KEYS | st.text(max_size=5), inner, max_size=5)
    ),
    max_leaves=25,
)
HOSTILE = settings(
    max_examples=200 if os.environ.get("CI") else 60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)

CALLS: list[Callable[[Any, Any], object]] = [
    evaluate_pod_failure_policy,
    evaluate_container_restart,
    evaluate_docker_restart,
    evaluate_systemd,
    evaluate_batch,
    evaluate_gitlab,
    lambda policy, _: write_pod_failure_policy(policy),
    lambda policy, _: write_docker_restart(policy),
    lambda policy, _: write_systemd(policy),
    lambda policy, _: write_batch(policy),
    lambda policy, _: write_gitlab(policy),
    lambda policy, _: load_document(policy),
]


def _poison(value: Any, data: st.DataObject) -> Any:
    """*value* (a valid policy or evidence) with one nested value replaced by a hostile one."""
    if isinstance(value, dict) and value and data.draw(st.booleans()):
        key = data.draw(st.sampled_from(sorted(value)))
        return {**value, key: _poison(value[key], data)}
    if isinstance(value, list) and value and data.draw(st.booleans()):
        index = data.draw(st.integers(0, len(value) - 1))
        return [*value[:index], _poison(value[index], data), *value[index + 1 :]]
    return data.draw(VALUES)


@pytest.mark.parametrize("index", range(len(CALLS)))
@HOSTILE
@given(policy=VALUES, evidence=VALUES)
def test_only_library_errors_escape(index: int, policy: Any, evidence: Any) -> None:
    with contextlib.suppress(ExitCodesError):
        CALLS[index](policy, evidence)


VALID = [
    (evaluate_pod_failure_policy, pod_failure_policies(), failed_pods()),
    (evaluate_systemd, systemd_units(), exit_codes()),
    (evaluate_batch, batch_retry_strategies(), exit_codes()),
    (evaluate_gitlab, gitlab_jobs(), exit_codes()),
]


@pytest.mark.parametrize(
    ("call", "policies", "evidence"), VALID, ids=["k8s", "systemd", "batch", "gitlab"]
)
@HOSTILE
@given(data=st.data())
def test_one_poisoned_field(
    call: Callable[[Any, Any], object], policies: Any, evidence: Any, data: st.DataObject
) -> None:
    policy, shown = data.draw(policies), data.draw(evidence)
    if data.draw(st.booleans()):
        policy = _poison(policy, data)
    else:
        shown = _poison(shown, data)
    with contextlib.suppress(ExitCodesError):
        call(policy, shown)


def test_numbers_past_the_int_digit_limit() -> None:
    # int() refuses strings of more than 4,300 digits with ValueError, a foreign exception
    long = "1" * 5000
    calls: list[tuple[Callable[[Any, Any], object], Any]] = [
        (evaluate_docker_restart, "on-failure:" + long),
        (evaluate_systemd, {"SuccessExitStatus": long}),
        (evaluate_gitlab, {"retry": {"max": long}}),
    ]
    for call, policy in calls:
        with pytest.raises(ExitCodesError):
            call(policy, 1)
