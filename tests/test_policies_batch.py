"""AWS Batch retryStrategy/evaluateOnExit, ported from the AWS Batch documentation.

Each test quotes the sentence it defends (API reference ``EvaluateOnExit`` and
``RetryStrategy``, user guide "Automated job retries", CloudFormation
``AWS::Batch::JobDefinition RetryStrategy`` example "Retrying jobs").
"""

from __future__ import annotations

from typing import Any

import pytest

from exitcodes.classify import classify
from exitcodes.errors import InvalidArgumentError, MalformedEvidenceError
from exitcodes.policies import Verdict
from exitcodes.policies.batch import evaluate_batch, write_batch

# User guide: "this evaluateOnExit object has two entries that with actions of RETRY and a
# final entry with an action of EXIT."
GUIDE = {
    "attempts": 3,
    "evaluateOnExit": [
        {"action": "RETRY", "onReason": "AGENT"},
        {"action": "RETRY", "onStatusReason": "Task failed to start"},
        {"action": "EXIT", "onReason": "*"},
    ],
}
# CloudFormation "Retrying jobs": "This example will retry the job attempt up to 3 times if the
# job status reason is either AGENT or Task failed to start. The final rule matches all other
# job failures and exits."
CFN = {
    "Attempts": 3,
    "EvaluateOnExit": [
        {"Action": "RETRY", "OnReason": "AGENT"},
        {"Action": "RETRY", "OnReason": "Task failed to start"},
        {"Action": "EXIT", "OnReason": "*"},
    ],
}


def test_user_guide_example() -> None:
    assert evaluate_batch(GUIDE, 1, reason="AGENT").action == "RETRY"
    assert evaluate_batch(GUIDE, None, status_reason="Task failed to start").rule == 1
    decision = evaluate_batch(GUIDE, 1, reason="Essential container in task exited")
    assert (decision.verdict, decision.rule) == (Verdict.FAIL, 2)


def test_cloudformation_example() -> None:
    for attempt in (1, 2):
        assert (
            evaluate_batch(CFN, 1, reason="Task failed to start", attempt=attempt).verdict
            is Verdict.RETRY
        )
    # "retry the job attempt up to 3 times": the third attempt has none left
    last = evaluate_batch(CFN, 1, reason="AGENT", attempt=3)
    assert (last.verdict, last.action) == (Verdict.FAIL, "FAILED")
    assert evaluate_batch(CFN, 1, reason="OutOfMemoryError: Container killed").action == "EXIT"


def test_unmatched_failures_are_retried() -> None:
    # "If none of the EvaluateOnExit conditions in a RetryStrategy match, then the job is retried."
    strategy = {"attempts": 2, "evaluateOnExit": [{"onExitCode": "2", "action": "EXIT"}]}
    decision = evaluate_batch(strategy, 1)
    assert (decision.verdict, decision.rule) == (Verdict.RETRY, None)
    assert "1 attempt left" in decision.reason


def test_all_conditions_must_match() -> None:
    # "Specifies the action to take if all of the specified conditions (onStatusReason,
    # onReason, and onExitCode) are met."
    strategy = {
        "attempts": 2,
        "evaluateOnExit": [{"onExitCode": "137", "onReason": "OutOfMemory*", "action": "EXIT"}],
    }
    assert (
        evaluate_batch(strategy, 137, reason="OutOfMemoryError: Container killed").action == "EXIT"
    )
    assert (
        evaluate_batch(strategy, 137, reason="Essential container in task exited").action == "RETRY"
    )
    assert evaluate_batch(strategy, 1, reason="OutOfMemoryError").action == "RETRY"


def test_prefix_patterns_and_first_match() -> None:
    # onExitCode "can end with an asterisk (*) so that only the start of the string needs to be
    # an exact match"; the first entry that matches decides.
    strategy = {
        "attempts": 5,
        "evaluateOnExit": [
            {"onExitCode": "13*", "action": "exit"},
            {"onExitCode": "137", "action": "RETRY"},
        ],
    }
    assert evaluate_batch(strategy, 137).action == "EXIT"  # "The values aren't case sensitive."
    assert evaluate_batch(strategy, 13).action == "EXIT"
    assert evaluate_batch(strategy, 31).action == "RETRY"


def test_default_is_one_attempt() -> None:
    # "By default, each job is given one attempt to move to either the SUCCEEDED or FAILED job state."
    assert evaluate_batch(None, 1).verdict is Verdict.FAIL
    assert evaluate_batch(None, 0).verdict is Verdict.SUCCESS
    assert evaluate_batch({"attempts": 2}, classify(137)).verdict is Verdict.RETRY


def test_missing_fields_are_noted() -> None:
    strategy = {"attempts": 2, "evaluateOnExit": [{"onExitCode": "*", "action": "EXIT"}]}
    decision = evaluate_batch(strategy, None, status_reason="Host EC2 (instance i-0) terminated.")
    assert decision.action == "EXIT"
    assert decision.notes and "missing value" in decision.notes[0]
    exact = {"attempts": 2, "evaluateOnExit": [{"onExitCode": "1", "action": "EXIT"}]}
    assert evaluate_batch(exact, None).action == "RETRY"


@pytest.mark.parametrize(
    ("strategy", "kwargs", "error"),
    [
        ("x", {}, InvalidArgumentError),
        ({"attempts": 0}, {}, InvalidArgumentError),
        ({"attempts": 11}, {}, InvalidArgumentError),
        ({"attempts": True}, {}, InvalidArgumentError),
        (
            {"attempts": 2, "evaluateOnExit": [{"onReason": "x", "action": "RETRY"}] * 6},
            {},
            InvalidArgumentError,
        ),
        (
            {"attempts": 2, "evaluateOnExit": [{"onReason": "x", "action": "LATER"}]},
            {},
            InvalidArgumentError,
        ),
        ({"attempts": 2, "evaluateOnExit": [{"action": "EXIT"}]}, {}, InvalidArgumentError),
        (
            {"attempts": 2, "evaluateOnExit": [{"onExitCode": "1*3", "action": "EXIT"}]},
            {},
            InvalidArgumentError,
        ),
        (
            {"attempts": 2, "evaluateOnExit": [{"onReason": "a|b", "action": "EXIT"}]},
            {},
            InvalidArgumentError,
        ),
        (
            {"attempts": 2, "evaluateOnExit": [{"onReason": 3, "action": "EXIT"}]},
            {},
            InvalidArgumentError,
        ),
        ({"attempts": 2}, {"attempt": 3}, InvalidArgumentError),
        ({"attempts": 2}, {"reason": 3}, MalformedEvidenceError),
    ],
)
def test_hostile_input(strategy: Any, kwargs: dict[str, Any], error: type[Exception]) -> None:
    with pytest.raises(error):
        evaluate_batch(strategy, 1, **kwargs)


def test_writer() -> None:
    strategy = write_batch({Verdict.RETRY: [137, 143]}, attempts=4, default=Verdict.FAIL)
    assert strategy == {
        "attempts": 4,
        "evaluateOnExit": [
            {"onExitCode": "137", "action": "RETRY"},
            {"onExitCode": "143", "action": "RETRY"},
            {"onExitCode": "*", "action": "EXIT"},
        ],
    }
    for bad, kwargs in (
        ({Verdict.IGNORE: [1]}, {}),
        ({Verdict.FAIL: [1]}, {"attempts": 1}),
        ({Verdict.FAIL: [-1]}, {}),
        ({Verdict.FAIL: [1, 2, 3, 4, 5, 6]}, {}),
        ({}, {"default": Verdict.SUCCESS}),
    ):
        with pytest.raises(InvalidArgumentError):
            write_batch(bad, **kwargs)


def test_a_describe_jobs_answer_is_evidence() -> None:
    # API reference, DescribeJobs: a job's container.exitCode and container.reason, its
    # statusReason, and its attempts (AttemptDetail) feed onExitCode/onReason/onStatusReason.
    job = {
        "jobName": "nightly",
        "statusReason": "Essential container in task exited",
        "container": {
            "exitCode": 137,
            "reason": "OutOfMemoryError: Container killed due to memory usage",
        },
        "attempts": [{"container": {"exitCode": 137}}],
    }
    strategy = {
        "attempts": 3,
        "evaluateOnExit": [
            {"onReason": "OutOfMemoryError*", "action": "RETRY"},
            {"onReason": "*", "action": "EXIT"},
        ],
    }
    decision = evaluate_batch(strategy, {"jobs": [job]})
    assert (decision.action, decision.exit_code, decision.rule) == ("RETRY", 137, 0)
    assert "2 attempts left" in decision.reason
    third = evaluate_batch(strategy, {**job, "attempts": [{}, {}, {}]})
    assert third.verdict is Verdict.FAIL  # no attempt left
    assert evaluate_batch(strategy, job, reason="Other").action == "EXIT"
    host = evaluate_batch(strategy, {"statusReason": "Host EC2 (instance i-0) terminated."})
    assert host.exit_code is None


@pytest.mark.parametrize(
    "job",
    [
        {"jobs": []},
        {"jobs": "x"},
        {"jobs": [1]},
        {"container": []},
        {"container": {"exitCode": "1"}},
        {"attempts": "x"},
        {"container": {"reason": 3}},
        {"statusReason": ["x"]},
    ],
)
def test_malformed_jobs(job: dict[str, Any]) -> None:
    with pytest.raises(MalformedEvidenceError):
        evaluate_batch({"attempts": 2}, job)
