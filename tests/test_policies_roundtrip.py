"""Write -> evaluate gives back the verdict, for every system (issue 20's closing property).

Each system: for drawn verdicts (:func:`exitcodes.policies.strategies.verdict_maps`), the
policy the writer emits, evaluated for every listed code, gives that code's verdict, and
for a code not listed, the system's default. 1,000 examples each under CI (``CI=true``).
The generated policies and evidence are also evaluated for totality: a decision or one of
the library's errors, never a foreign exception.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exitcodes.errors import ExitCodesError
from exitcodes.policies import (
    PolicyDecision,
    System,
    Verdict,
    evaluate_batch,
    evaluate_docker_restart,
    evaluate_gitlab,
    evaluate_pod_failure_policy,
    evaluate_systemd,
    write_batch,
    write_docker_restart,
    write_gitlab,
    write_pod_failure_policy,
    write_systemd,
)
from exitcodes.policies.strategies import (
    batch_retry_strategies,
    docker_restart_policies,
    exit_codes,
    failed_pods,
    gitlab_jobs,
    pod_failure_policies,
    systemd_units,
    verdict_maps,
)

ROUND_TRIP = settings(
    max_examples=1000 if os.environ.get("CI") else 100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def _check(
    verdicts: dict[Verdict, list[int]],
    other: int,
    default: Verdict,
    evaluate: Callable[[int], PolicyDecision],
) -> None:
    listed = {code: verdict for verdict, codes in verdicts.items() for code in codes}
    for code, verdict in listed.items():
        assert evaluate(code).verdict is verdict, (code, verdict)
    if other not in listed:
        assert evaluate(other).verdict is (Verdict.SUCCESS if other == 0 else default)


@ROUND_TRIP
@given(verdict_maps(System.KUBERNETES_JOB), exit_codes())
def test_kubernetes_round_trip(verdicts: dict[Verdict, list[int]], other: int) -> None:
    policy = write_pod_failure_policy(verdicts)

    def evaluate(code: int) -> PolicyDecision:
        status = "Succeeded" if code == 0 else "Failed"
        pod = {
            "status": {
                "phase": status,
                "containerStatuses": [
                    {"name": "main", "state": {"terminated": {"exitCode": code}}}
                ],
            }
        }
        return evaluate_pod_failure_policy(policy, pod)

    _check(verdicts, other, Verdict.COUNT, evaluate)


@ROUND_TRIP
@given(verdict_maps(System.DOCKER), st.integers(0, 10))
def test_docker_round_trip(verdicts: dict[Verdict, list[int]], retries: int) -> None:
    policy = write_docker_restart(verdicts, max_retries=retries)
    (verdict,) = verdicts
    for code in verdicts[verdict]:
        assert evaluate_docker_restart(policy, code).verdict is verdict
    assert evaluate_docker_restart(policy, 0).verdict is Verdict.SUCCESS


@ROUND_TRIP
@given(
    verdict_maps(System.SYSTEMD),
    exit_codes(),
    st.sampled_from(["no", "on-failure", "on-abnormal", "on-watchdog", "on-abort"]),
)
def test_systemd_round_trip(verdicts: dict[Verdict, list[int]], other: int, restart: str) -> None:
    unit = "[Service]\n" + write_systemd(verdicts, restart=restart) + "\n"
    default = Verdict.RETRY if restart == "on-failure" else Verdict.FAIL
    _check(verdicts, other, default, lambda code: evaluate_systemd(unit, code))


@ROUND_TRIP
@given(
    verdict_maps(System.AWS_BATCH),
    exit_codes(),
    st.sampled_from([Verdict.RETRY, Verdict.FAIL]),
    st.integers(2, 10),
)
def test_batch_round_trip(
    verdicts: dict[Verdict, list[int]], other: int, default: Verdict, attempts: int
) -> None:
    strategy = write_batch(verdicts, attempts=attempts, default=default)
    _check(verdicts, other, default, lambda code: evaluate_batch(strategy, code))


@ROUND_TRIP
@given(verdict_maps(System.GITLAB_CI), exit_codes(), st.integers(1, 2))
def test_gitlab_round_trip(verdicts: dict[Verdict, list[int]], other: int, retries: int) -> None:
    job = write_gitlab(verdicts, max_retries=retries)
    _check(verdicts, other, Verdict.FAIL, lambda code: evaluate_gitlab(job, code))


TOTAL = settings(max_examples=300 if os.environ.get("CI") else 50, deadline=None)


def _total(call: Callable[[], PolicyDecision]) -> None:
    try:
        decision = call()
    except ExitCodesError:
        return
    assert isinstance(decision.verdict, Verdict)
    assert decision.to_dict()["verdict"] == decision.verdict.value
    assert decision.to_otel_attributes()["exitcodes.policy.verdict"] == decision.verdict.value


@TOTAL
@given(pod_failure_policies(), failed_pods(), st.booleans())
def test_generated_pod_failure_policies(
    policy: dict[str, Any], pod: dict[str, Any], per_index: bool
) -> None:
    decision = evaluate_pod_failure_policy(policy, pod, job_backoff_limit_per_index=per_index)
    assert (decision.message is not None) == (decision.action == "FailJob")
    if decision.rule is None:  # no rule decided: the controller's default
        assert (decision.verdict, decision.action) == (Verdict.COUNT, "Count")
    else:
        assert decision.action == policy["rules"][decision.rule]["action"]


@TOTAL
@given(docker_restart_policies(), exit_codes(), st.integers(0, 20), st.booleans())
def test_generated_docker_policies(policy: str, code: int, count: int, stopped: bool) -> None:
    _total(
        lambda: evaluate_docker_restart(policy, code, restart_count=count, manually_stopped=stopped)
    )


@TOTAL
@given(systemd_units(), exit_codes() | st.sampled_from(["SIGKILL", "SIGTERM", "SIGSEGV"]))
def test_generated_systemd_units(unit: dict[str, list[str]], evidence: Any) -> None:
    _total(lambda: evaluate_systemd(unit, evidence))


@TOTAL
@given(
    batch_retry_strategies(),
    st.none() | exit_codes(),
    st.none() | st.sampled_from(["AGENT", "Host EC2 terminated"]),
)
def test_generated_batch_strategies(
    strategy: dict[str, Any], code: int | None, reason: str | None
) -> None:
    _total(lambda: evaluate_batch(strategy, code, status_reason=reason))


@TOTAL
@given(gitlab_jobs(), exit_codes(), st.integers(0, 3))
def test_generated_gitlab_jobs(job: dict[str, Any], code: int, count: int) -> None:
    _total(lambda: evaluate_gitlab(job, code, retries_count=count))


def test_verdict_maps_refuses_a_system_without_writer() -> None:
    import pytest
    from hypothesis.errors import InvalidArgument

    with pytest.raises(InvalidArgument):
        verdict_maps(System.KUBERNETES_CONTAINER)


def test_systemd_writer_refuses_success_that_restarts() -> None:
    # systemd.service(5) Table 2: always and on-success restart a clean exit
    import pytest

    for restart in ("always", "on-success"):
        with pytest.raises(ExitCodesError):
            write_systemd({Verdict.SUCCESS: [143]}, restart=restart)
