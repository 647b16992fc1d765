"""GitLab CI retry and allow_failure, ported from GitLab's spec and documentation.

* ``spec/lib/gitlab/ci/build/auto_retry_spec.rb`` (``#allowed?`` table, 11 cases).
* The ``.gitlab-ci.yml`` of merge request 49145 "Implement allow_failure syntax with exit
  codes" (9 jobs, each in the stage that says whether it may fail).
* The ``retry:exit_codes`` example of the CI reference: "Use retry:exit_codes with retry:max
  to retry jobs for only specific failure cases."
"""

from __future__ import annotations

from typing import Any

import pytest

from exitcodes.classify import classify
from exitcodes.errors import InvalidArgumentError, MalformedEvidenceError
from exitcodes.policies import Verdict
from exitcodes.policies.gitlab import evaluate_gitlab, write_gitlab

# description | retry_count | options | failure_reason | result. The spec's nil failure reason
# is read as GitLab's default enum value, unknown_failure.
AUTO_RETRY: list[tuple[str, int, Any, str, bool]] = [
    ("retries are disabled", 0, {"max": 0}, "unknown_failure", False),
    ("max equals count", 2, {"max": 2}, "unknown_failure", False),
    ("max is higher than count", 1, {"max": 2}, "unknown_failure", True),
    ("max is a string", 1, {"max": "2"}, "unknown_failure", True),
    ("matching failure reason", 0, {"when": ["api_failure"], "max": 2}, "api_failure", True),
    ("not matching with always", 0, {"when": ["always"], "max": 2}, "api_failure", True),
    ("not matching reason", 0, {"when": ["script_error"], "max": 2}, "api_failure", False),
    (
        "scheduler failure override",
        1,
        {"when": ["scheduler_failure"], "max": 1},
        "scheduler_failure",
        False,
    ),
    ("default for scheduler failure", 1, {}, "scheduler_failure", True),
    ("quota is exceeded", 0, {"max": 2}, "ci_quota_exceeded", False),
    ("no matching runner", 0, {"max": 2}, "no_matching_runner", False),
]


@pytest.mark.parametrize("case", AUTO_RETRY, ids=[case[0] for case in AUTO_RETRY])
def test_auto_retry_allowed(case: tuple[str, int, Any, str, bool]) -> None:
    _, count, options, reason, result = case
    decision = evaluate_gitlab({"retry": options}, 1, retries_count=count, failure_reason=reason)
    assert (decision.verdict is Verdict.RETRY) == result


# MR 49145's sample: job name -> (script's exit code, allow_failure, allowed to fail?)
MR_49145: dict[str, tuple[int, Any, bool]] = {
    "job_allow_failure_array_1": (137, {"exit_codes": [137, 255]}, True),
    "job_allow_failure_array_2": (137, {"exit_codes": [137, 255]}, True),
    "job_allow_failure_int": (137, {"exit_codes": 137}, True),
    "job_allow_failure_true": (137, True, True),
    "job_default": (137, None, False),
    "job_allow_failure_false": (137, False, False),
    "job_other_exit_code_array_1": (42, {"exit_codes": [137, 255]}, False),
    "job_other_exit_code_array_2": (42, {"exit_codes": [137, 255]}, False),
    "job_other_exit_code_int": (42, {"exit_codes": 137}, False),
}


@pytest.mark.parametrize("job", sorted(MR_49145))
def test_allow_failure_exit_codes(job: str) -> None:
    code, allow, allowed = MR_49145[job]
    config = {} if allow is None else {"allow_failure": allow}
    decision = evaluate_gitlab(config, code)
    assert decision.verdict is (Verdict.IGNORE if allowed else Verdict.FAIL)


def test_retry_exit_codes_reference_example() -> None:
    # test_job_1: "Run a script that results in exit code 1. This job isn't retried."
    assert evaluate_gitlab({"retry": {"max": 2, "exit_codes": 137}}, 1).verdict is Verdict.FAIL
    # test_job_2: "Run a script that results in exit code 137. This job will be retried."
    job = {"retry": {"max": 1, "exit_codes": [255, 137]}}
    assert evaluate_gitlab(job, 137).verdict is Verdict.RETRY
    assert evaluate_gitlab(job, 137, retries_count=1).verdict is Verdict.FAIL


def test_when_and_exit_codes_either_retries() -> None:
    # auto_retry.rb: options_retry_max "if retry_on_reason_or_always? || retry_on_exit_code?"
    job = {"retry": {"max": 2, "when": "runner_system_failure", "exit_codes": [3]}}
    assert evaluate_gitlab(job, 3).verdict is Verdict.RETRY
    assert evaluate_gitlab(job, 1, failure_reason="runner_system_failure").verdict is Verdict.RETRY
    assert evaluate_gitlab(job, 1).verdict is Verdict.FAIL
    # "retry: 2" is {max: 2} with when: always
    assert evaluate_gitlab({"retry": 2}, classify(1)).verdict is Verdict.RETRY
    # a retried job is retried even when it may fail; once retries are used up, it is allowed
    both = {"retry": 1, "allow_failure": True}
    assert evaluate_gitlab(both, 1).verdict is Verdict.RETRY
    assert evaluate_gitlab(both, 1, retries_count=1).verdict is Verdict.IGNORE
    assert evaluate_gitlab({}, 0).verdict is Verdict.SUCCESS
    assert evaluate_gitlab({"retry": {"max": None}}, 1).verdict is Verdict.FAIL


@pytest.mark.parametrize(
    ("job", "kwargs", "error"),
    [
        ("x", {}, InvalidArgumentError),
        ({"retry": "x"}, {}, InvalidArgumentError),
        ({"retry": {"max": 3}}, {}, InvalidArgumentError),
        ({"retry": {"max": 1.5}}, {}, InvalidArgumentError),
        ({"retry": {"when": [1]}}, {}, InvalidArgumentError),
        ({"retry": {"exit_codes": ["1"]}}, {}, InvalidArgumentError),
        ({"allow_failure": {"codes": 1}}, {}, InvalidArgumentError),
        ({"allow_failure": "yes"}, {}, InvalidArgumentError),
        ({}, {"retries_count": -1}, InvalidArgumentError),
        ({}, {"failure_reason": 1}, MalformedEvidenceError),
    ],
)
def test_hostile_input(job: Any, kwargs: dict[str, Any], error: type[Exception]) -> None:
    with pytest.raises(error):
        evaluate_gitlab(job, 1, **kwargs)


def test_writer() -> None:
    assert write_gitlab({Verdict.FAIL: [1]}) == {}
    for bad, kwargs in (
        ({Verdict.SUCCESS: [1]}, {}),
        ({Verdict.RETRY: [0]}, {}),
        ({Verdict.RETRY: [1]}, {"max_retries": 3}),
    ):
        with pytest.raises(InvalidArgumentError):
            write_gitlab(bad, **kwargs)
