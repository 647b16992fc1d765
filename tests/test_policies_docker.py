"""Docker restart policies, ported from the upstream tests that define them.

* docker/cli v29.7.2 ``cli/command/container/opts_test.go: TestParseRestartPolicy`` (11 cases).
* moby docker-v29.7.2 ``api/types/container/hostconfig_test.go: TestValidateRestartPolicy``
  (16 cases).
* moby docker-v29.7.2 ``daemon/internal/restartmanager/restartmanager_test.go``:
  ``TestRestartManagerTimeout``, ``TestRestartManagerTimeoutReset`` (2 cases).
"""

from __future__ import annotations

from typing import Any

import pytest

from exitcodes.classify import classify
from exitcodes.errors import InvalidArgumentError, MalformedEvidenceError
from exitcodes.policies import RestartPolicy, Verdict, evaluate_docker_restart, parse_restart_policy
from exitcodes.policies.docker import next_delay, write_docker_restart

_INT = "invalid restart policy format: maximum retry count must be an integer"
PARSE = [
    ("", RestartPolicy(), None),
    ("no", RestartPolicy("no"), None),
    (":1", None, "invalid restart policy format: no policy provided before colon"),
    ("always", RestartPolicy("always"), None),
    ("always:2:3", None, _INT),
    ("on-failure:1", RestartPolicy("on-failure", 1), None),
    ("on-failure:invalid", None, _INT),
    ("unless-stopped", RestartPolicy("unless-stopped"), None),
    ("unless-stopped:invalid", None, _INT),
    # "Unknown / invalid combinations: validation is handled by the daemon"
    ("anything:123", RestartPolicy("anything", 123), None),
    ("negative:-123", RestartPolicy("negative", -123), None),
]


@pytest.mark.parametrize(("text", "expected", "error"), PARSE, ids=[c[0] or "empty" for c in PARSE])
def test_parse_restart_policy(text: str, expected: RestartPolicy | None, error: str | None) -> None:
    if error is None:
        assert parse_restart_policy(text, validate=False) == expected
    else:
        with pytest.raises(InvalidArgumentError) as info:
            parse_restart_policy(text, validate=False)
        assert str(info.value) == error


_ONLY = "invalid restart policy: maximum retry count can only be used with 'on-failure'"
_NEG = _ONLY + " and cannot be negative"
VALIDATE = [
    ("empty", RestartPolicy(), None),
    (
        "empty with invalid MaxRestartCount (for backward compatibility)",
        RestartPolicy("", 123),
        None,
    ),
    ("empty with negative MaxRestartCount)", RestartPolicy("", -123), None),
    ("always", RestartPolicy("always"), None),
    ("always with MaxRestartCount", RestartPolicy("always", 123), _ONLY),
    ("always with negative MaxRestartCount", RestartPolicy("always", -123), _NEG),
    ("unless-stopped", RestartPolicy("unless-stopped"), None),
    ("unless-stopped with MaxRestartCount", RestartPolicy("unless-stopped", 123), _ONLY),
    ("unless-stopped with negative MaxRestartCount", RestartPolicy("unless-stopped", -123), _NEG),
    ("disabled", RestartPolicy("no"), None),
    ("disabled with MaxRestartCount", RestartPolicy("no", 123), _ONLY),
    ("disabled with negative MaxRestartCount", RestartPolicy("no", -123), _NEG),
    ("on-failure", RestartPolicy("on-failure"), None),
    ("on-failure with MaxRestartCount", RestartPolicy("on-failure", 123), None),
    (
        "on-failure with negative MaxRestartCount",
        RestartPolicy("on-failure", -123),
        "invalid restart policy: maximum retry count cannot be negative",
    ),
    (
        "unknown policy",
        RestartPolicy("unknown"),
        "invalid restart policy: unknown policy 'unknown'; use one of 'no', 'always', 'on-failure',"
        " or 'unless-stopped'",
    ),
]


@pytest.mark.parametrize(("name", "policy", "error"), VALIDATE, ids=[c[0] for c in VALIDATE])
def test_validate_restart_policy(name: str, policy: RestartPolicy, error: str | None) -> None:
    as_mapping = {"Name": policy.name, "MaximumRetryCount": policy.maximum_retry_count}
    for given in (policy, as_mapping):
        if error is None:
            assert parse_restart_policy(given) == policy
        else:
            with pytest.raises(InvalidArgumentError) as info:
                parse_restart_policy(given)
            assert str(info.value) == error


def test_counted_upstream_cases() -> None:
    assert (len(PARSE), len(VALIDATE)) == (11, 16)


def test_restart_manager_timeout() -> None:
    # TestRestartManagerTimeout: New({Name: "always"}, 0).ShouldRestart(0, false, 1s) restarts,
    # "restart manager should have a timeout of 100 ms"
    decision = evaluate_docker_restart("always", 0, execution_seconds=1.0)
    assert decision.verdict is Verdict.RETRY
    assert decision.delay == 0.1


def test_restart_manager_timeout_reset() -> None:
    # TestRestartManagerTimeoutReset: rm.timeout = 5s; ShouldRestart(0, false, 10s) -> 100 ms
    decision = evaluate_docker_restart("always", 0, execution_seconds=10.0, previous_delay=5.0)
    assert decision.delay == 0.1


def test_backoff_doubles_to_one_minute() -> None:
    # restartmanager.go: "case rm.timeout < maxRestartTimeout: rm.timeout *= backoffMultiplier"
    delay = None
    seen = []
    for _ in range(12):
        delay = next_delay(delay, 1.0)
        seen.append(delay)
    assert seen[:4] == [0.1, 0.2, 0.4, 0.8]
    assert seen[-1] == 60.0
    assert max(seen) == 60.0


@pytest.mark.parametrize(
    ("policy", "code", "kwargs", "verdict"),
    [
        ("no", 1, {}, Verdict.FAIL),
        ("", 0, {}, Verdict.SUCCESS),
        # ExitOnNext: "signals to the monitor that it should not restart the container"
        ("always", 0, {"manually_stopped": True}, Verdict.SUCCESS),
        ("always", 137, {"daemon_shutdown": True}, Verdict.FAIL),
        # the daemon's start (restore): IsAlways restarts, IsUnlessStopped && !manually stopped
        ("always", 137, {"manually_stopped": True, "daemon_start": True}, Verdict.RETRY),
        ("unless-stopped", 137, {"manually_stopped": True, "daemon_start": True}, Verdict.FAIL),
        ("unless-stopped", 137, {"daemon_start": True}, Verdict.RETRY),
        ("no", 1, {"manually_stopped": True}, Verdict.FAIL),
        ("unless-stopped", 1, {}, Verdict.RETRY),
        ("unless-stopped", 1, {"manually_stopped": True}, Verdict.FAIL),
        ("unless-stopped", 0, {"daemon_shutdown": True}, Verdict.SUCCESS),
        ("on-failure", 0, {}, Verdict.SUCCESS),
        ("on-failure", 1, {"restart_count": 1000}, Verdict.RETRY),  # 0: no maximum
        ("on-failure:2", 1, {"restart_count": 1}, Verdict.RETRY),
        ("on-failure:2", 1, {"restart_count": 2}, Verdict.FAIL),
        ("on-failure", -1, {}, Verdict.RETRY),  # uint32(-1) != 0
        ({"Name": "on-failure", "MaximumRetryCount": 1}, 137, {}, Verdict.RETRY),
    ],
)
def test_should_restart(policy: Any, code: int, kwargs: dict[str, Any], verdict: Verdict) -> None:
    decision = evaluate_docker_restart(policy, code, **kwargs)
    assert decision.verdict is verdict
    assert (decision.action == "restart") == (verdict is Verdict.RETRY)
    assert (decision.delay is not None) == (verdict is Verdict.RETRY)


# Recorded from the real dockerd 29.7.2 (containerd and runc of its provisioning, driven by
# the docker CLI 28.2.2, busybox) on 2026-12-03 with tests/engines_live/daemons.py: the
# container's command and policy, how it ended, and the State and RestartCount it settled at.
RECORDED = [
    ("on-failure:2", "sh -c 'exit 3'", {}, ("exited", 3, 2)),
    ("on-failure", "true", {}, ("exited", 0, 0)),
    ("no", "false", {}, ("exited", 1, 0)),
    ("always", "sleep 300; docker stop -t 1", {"manually_stopped": True}, ("exited", 137, 0)),
    ("unless-stopped", "sleep 300; docker kill", {"manually_stopped": True}, ("exited", 137, 0)),
]


@pytest.mark.parametrize(
    ("policy", "command", "kwargs", "settled"), RECORDED, ids=[r[0] + " " + r[1] for r in RECORDED]
)
def test_the_real_daemon_agrees(
    policy: str, command: str, kwargs: dict[str, Any], settled: tuple[str, int, int]
) -> None:
    _, code, restarts = settled
    count = 0
    while (
        evaluate_docker_restart(policy, code, restart_count=count, **kwargs).verdict
        is Verdict.RETRY
    ):
        count += 1
        assert count <= 10, "the real daemon settled; the model keeps restarting"
    assert count == restarts


def test_the_real_daemon_backs_off() -> None:
    # dockerd 29.7.2: "--restart always" on "false" had restarted 4 times 3 s after the run
    # (RestartCount 4, Status restarting): four delays fit in 3 s, a fifth would not.
    delays = []
    delay = None
    for _ in range(5):
        delay = next_delay(delay, 0.0)
        delays.append(delay)
    assert sum(delays[:4]) < 3.0 < sum(delays)


def test_a_start_failure_never_enters_the_loop() -> None:
    # errors.go: "if we receive an internal error from the initial start of a container then
    # lets return it instead of entering the restart loop"
    state = {
        "State": {"ExitCode": 127, "Error": 'exec: "nope": executable file not found in $PATH'}
    }
    decision = evaluate_docker_restart("always", classify(state))
    assert (decision.verdict, decision.action) == (Verdict.FAIL, "stop")
    assert "startInvalidConfigError" in decision.reason
    # a shell's 127 is the process's own code: it ran, so it restarts
    assert evaluate_docker_restart("always", classify(127)).verdict is Verdict.RETRY


@pytest.mark.parametrize(
    ("policy", "evidence", "kwargs", "error"),
    [
        (1, 0, {}, InvalidArgumentError),
        ({"Name": 1}, 0, {}, InvalidArgumentError),
        (
            {"rules": []},
            0,
            {},
            InvalidArgumentError,
        ),  # not a RestartPolicy: never read as "no policy"
        ("on-failure:1_0", 0, {}, InvalidArgumentError),
        ("on-failure: 1", 0, {}, InvalidArgumentError),
        ("on-failure:99999999999999999999", 0, {}, InvalidArgumentError),
        ("always", 0, {"restart_count": -1}, InvalidArgumentError),
        ("always", 0, {"restart_count": True}, InvalidArgumentError),
        ("always", "0", {}, MalformedEvidenceError),
        ("always", 1.5, {}, MalformedEvidenceError),
    ],
)
def test_hostile_input(
    policy: Any, evidence: Any, kwargs: dict[str, Any], error: type[Exception]
) -> None:
    with pytest.raises(error):
        evaluate_docker_restart(policy, evidence, **kwargs)


def test_no_exit_code_yet() -> None:
    running = classify({"State": {"Status": "running", "Running": True}})
    with pytest.raises(InvalidArgumentError, match="has not exited"):
        evaluate_docker_restart("always", running)


def test_writer() -> None:
    assert write_docker_restart({Verdict.RETRY: [1]}) == "on-failure"
    assert write_docker_restart({Verdict.FAIL: [1]}) == "no"
    assert (
        str(parse_restart_policy(write_docker_restart({Verdict.RETRY: [3]}, max_retries=2)))
        == "on-failure:2"
    )
    assert str(RestartPolicy()) == "no"
    for bad, kwargs in (
        ({Verdict.RETRY: [1], Verdict.FAIL: [2]}, {}),
        ({Verdict.RETRY: [0]}, {}),
        ({Verdict.IGNORE: [1]}, {}),
        ({Verdict.RETRY: [1]}, {"max_retries": -1}),
    ):
        with pytest.raises(InvalidArgumentError):
            write_docker_restart(bad, **kwargs)
