"""diagnose(): several pieces of evidence at once, the known anomalies, the retry verdicts."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exitcodes import ExitOutcome
from exitcodes.catalog import CATALOG
from exitcodes.diagnosis import (
    ANOMALIES,
    CAUSES,
    RETRY_BY_CAUSE,
    RETRY_BY_OUTCOME,
    Diagnosis,
    Retry,
    diagnose,
    retry_verdict,
)
from exitcodes.errors import (
    ExitCodesError,
    InvalidArgumentError,
    MalformedEvidenceError,
    UnsupportedEvidenceError,
)


def _event(action: str, **attributes: str) -> dict[str, Any]:
    """A docker event as ``docker events --format '{{json .}}'`` prints it (the recorded form)."""
    return {
        "Type": "container",
        "Action": action,
        "status": action,
        "Actor": {"ID": "c0ffee", "Attributes": {"name": "app", **attributes}},
    }


def _lines(*events: Mapping[str, Any]) -> str:
    return "\n".join(json.dumps(event) for event in events)


def _ids(result: Diagnosis) -> list[str]:
    return [finding.id for finding in result.findings]


# ------------------------------------------------------------------ the retry verdicts


def test_every_catalog_cause_and_diagnosis_cause_has_a_retry_verdict() -> None:
    missing = [entry.id for entry in CATALOG if entry.id not in RETRY_BY_CAUSE]
    missing += [cause.id for cause in CAUSES if cause.id not in RETRY_BY_CAUSE]
    assert missing == []
    known = {entry.id for entry in CATALOG} | {cause.id for cause in CAUSES}
    assert set(RETRY_BY_CAUSE) == known  # no verdict for a cause that does not exist


def test_every_outcome_has_a_retry_verdict_with_why_and_source() -> None:
    assert set(RETRY_BY_OUTCOME) == set(ExitOutcome)
    for verdict in (*RETRY_BY_OUTCOME.values(), *RETRY_BY_CAUSE.values()):
        assert verdict.why and verdict.source


def test_diagnosis_causes_never_shadow_catalog_ids() -> None:
    assert not {cause.id for cause in CAUSES} & {entry.id for entry in CATALOG}


def test_retry_verdict_lookups() -> None:
    # Kubeflow's IsRetryableExitCode: "permanent 1, 2, 126, 127, 128, 139; retryable 130, 137, 143"
    assert retry_verdict("exit-127").retry is Retry.PERMANENT
    assert retry_verdict("exit-143").retry is Retry.TRANSIENT
    # where Kubeflow (permanent) and nf-core (retry 130..145) disagree, 139 is permanent here
    assert retry_verdict("exit-139").retry is Retry.PERMANENT
    assert retry_verdict(ExitOutcome.SIGNALED).retry is Retry.TRANSIENT
    assert retry_verdict("registry-rate-limit").to_dict()["retry"] == "transient"
    with pytest.raises(InvalidArgumentError):
        retry_verdict("no-such-cause")
    with pytest.raises(InvalidArgumentError):
        retry_verdict(137)  # type: ignore[arg-type]


def test_anomaly_rows_cite_their_sources() -> None:
    for anomaly in ANOMALIES:
        assert anomaly.source and anomaly.quote
        assert anomaly.to_dict()["id"] == anomaly.id


# ---------------------------------------------------------------------------- events


def test_docker_kill_events_outweigh_a_true_oom_flag() -> None:
    # dockerd (all four versions) with --oom-kill-disable: the hog hangs at its limit until
    # `docker kill`; State says OOMKilled true; events: oom, kill signal=9, die exitCode=137
    inspect = {
        "State": {"Status": "exited", "ExitCode": 137, "OOMKilled": True},
        "HostConfig": {"Memory": 8388608, "OomKillDisable": True},
    }
    events = _lines(_event("oom"), _event("kill", signal="9"), _event("die", exitCode="137"))
    result = diagnose([inspect], events)
    assert result.cause is not None and result.cause.id == "engine-kill"
    assert [a.id for a in result.anomalies] == ["oom-kill-disable-flag"]
    oom = next(f for f in result.findings if f.id == "oom-killed")
    assert any("OomKillDisable" in text for text in oom.contradicting)
    assert result.exit_code == 137 and result.outcome is ExitOutcome.SIGNALED
    assert result.pieces == ("inspect", "docker event", "docker event", "docker event")


def test_stop_timeout_sequence() -> None:
    events = [
        _event("start"),
        _event("kill", signal="15"),
        _event("kill", signal="9"),
        _event("stop"),
        _event("die", exitCode="137"),
    ]
    result = diagnose(*events)
    assert result.cause is not None and result.cause.id == "stop-timeout"
    assert (
        "kill signal=15, then kill signal=9, then die exitCode=137" in (result.cause.supporting[0])
    )
    assert result.retry.retry is Retry.TRANSIENT


def test_graceful_stop_and_exit_from_inside() -> None:
    stop = diagnose(_event("kill", signal="SIGTERM"), _event("die", exitCode="143"))
    assert stop.cause is not None and stop.cause.id == "docker-stop"
    inside = diagnose(_event("start"), _event("die", exitCode="3"))
    assert inside.cause is not None and inside.cause.id == "exit-from-inside"
    assert inside.retry.retry is Retry.UNKNOWN


def test_oom_event_then_die_is_an_oom_kill_and_timestamps_order_events() -> None:
    die = {**_event("die", exitCode="137"), "timeNano": 20}
    oom = {**_event("oom"), "timeNano": 10}
    result = diagnose(die, oom)  # given out of order: timeNano decides
    assert result.cause is not None and result.cause.id == "oom-killed"
    assert "oom, then die exitCode=137" in result.cause.supporting[0]


def test_events_without_a_die_say_nothing_of_their_own() -> None:
    result = diagnose(_event("create"), _event("start"))
    assert result.findings == () and result.exit_code is None
    assert result.retry.retry is Retry.UNKNOWN and result.outcome is None


def test_podman_events() -> None:
    died = {"Type": "container", "Status": "died", "ContainerExitCode": 137, "Name": "app"}
    killed = {"Type": "container", "Status": "kill", "Name": "app", "Attributes": {"signal": "9"}}
    result = diagnose(json.dumps(killed), json.dumps(died))
    assert result.cause is not None and result.cause.id == "engine-kill"
    assert result.pieces == ("podman event", "podman event")


# ----------------------------------------------------------------- memory evidence


def test_kernel_log_names_the_oom_kill() -> None:
    # the kernel lines recorded from dockerd 29.7.2's run-oom (tests/engines_live/vectors)
    kernel = (
        "[ 2941.461794] oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),task=hog.sh,pid=3335\n"
        "[ 2941.461821] Memory cgroup out of memory: Killed process 3335 (hog.sh)"
        " total-vm:14564kB, anon-rss:7840kB"
    )
    result = diagnose({"State": {"Status": "exited", "ExitCode": 137, "OOMKilled": True}}, kernel)
    assert result.cause is not None and result.cause.id == "oom-killed"
    assert result.retry.retry is Retry.PERMANENT
    assert "kernel log" in result.pieces


def test_memory_events_file() -> None:
    killed = diagnose(137, "low 0\nhigh 0\nmax 12\noom 1\noom_kill 1\n")
    assert killed.cause is not None and killed.cause.id == "oom-killed"
    spared = diagnose(137, b"low 0\nhigh 0\nmax 12\noom 1\noom_kill 0\n")
    assert spared.cause is not None and spared.cause.id != "oom-killed"
    assert "memory.events" in spared.pieces


def test_memory_limit_and_sigkill_keep_the_oom_cause_on_docker_too() -> None:
    # a 137 with OOMKilled false from dockerd: the flag is mostly reliable there (but see the
    # next test), so a kill from outside stays first, but the OOM cause is kept (a limit and a SIGKILL point to it)
    inspect = {
        "State": {"Status": "exited", "ExitCode": 137, "OOMKilled": False},
        "HostConfig": {"Memory": 16777216},
    }
    result = diagnose(inspect)
    assert result.cause is not None and result.cause.id == "sigkill-not-oom"
    assert "oom-killed" in _ids(result)


def test_old_dockerd_that_lost_the_oom_flag_is_overruled_by_the_kernel_log() -> None:
    # moby v20.10.24 libcontainerd/remote/client.go: "ei.OOMKilled = c.oom[ei.ContainerID]",
    # true only when TaskOOM came before TaskExit (moby#43564 sets it on the event from 24.0).
    # This State is the one dockerd 20.10.24 gave in CI after the kernel killed hog.sh at 8 MiB.
    state = {
        "Status": "exited",
        "Running": False,
        "OOMKilled": False,
        "Dead": False,
        "Pid": 0,
        "ExitCode": 137,
        "Error": "",
        "StartedAt": "2026-12-03T21:12:35.687789201Z",
        "FinishedAt": "2026-12-03T21:12:35.964841632Z",
    }
    kernel = (
        "[ 2941.461794] oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),task=hog.sh,pid=3335\n"
        "[ 2941.461821] Memory cgroup out of memory: Killed process 3335 (hog.sh)"
        " total-vm:14564kB, anon-rss:7840kB"
    )
    alone = diagnose({"State": state, "HostConfig": {"Memory": 8388608}})
    assert alone.cause is not None and alone.cause.id == "sigkill-not-oom"
    assert "oom-killed" in _ids(alone)
    result = diagnose({"State": state, "HostConfig": {"Memory": 8388608}}, kernel)
    assert result.cause is not None and result.cause.id == "oom-killed"


def test_restarted_container_says_its_records_may_be_of_another_run() -> None:
    inspect = {
        "RestartCount": 3,
        "State": {"Status": "running", "Running": True, "OOMKilled": False, "ExitCode": 0},
        "HostConfig": {"RestartPolicy": {"Name": "on-failure", "MaximumRetryCount": 5}},
    }
    kernel = "Memory cgroup out of memory: Killed process 77 (java)"
    result = diagnose(inspect, kernel)
    assert result.cause is not None and result.cause.id == "oom-killed"
    assert any("RestartCount 3" in text for text in result.cause.contradicting)
    assert not any("RestartCount" in t for f in diagnose(inspect).findings for t in f.contradicting)


def test_host_config_alone() -> None:
    result = diagnose({"Memory": 16777216, "RestartPolicy": {"Name": "no"}}, 137)
    assert "oom-killed" in _ids(result) and "HostConfig" in result.pieces


# --------------------------------------------------------------- the issue's anomalies


def test_podman_13102_oomkilled_false_after_a_real_oom_kill() -> None:
    # containers/podman#13102, reproduced with a real podman 4.3.1 (runc): after a kernel OOM
    # kill of a container with a 16 MiB limit (dmesg shows the kill), its State says
    # `OOMKilled: false`.
    inspect = {
        "OCIRuntime": "runc",
        "State": {
            "OciVersion": "1.0.2-dev",
            "Status": "exited",
            "Running": False,
            "OOMKilled": False,
            "ExitCode": 137,
            "ConmonPid": 4242,
        },
        "HostConfig": {"Memory": 16777216},
    }
    alone = diagnose([inspect])
    assert alone.cause is not None and alone.cause.id == "oom-killed"
    assert [a.id for a in alone.anomalies] == ["podman-oomkilled-false"]
    died = {"Type": "container", "Status": "died", "ContainerExitCode": 137, "Name": "hog"}
    events = diagnose(inspect, {"Type": "container", "Status": "start", "Name": "hog"}, died)
    assert events.cause is not None and events.cause.id == "oom-killed"
    kernel = "Memory cgroup out of memory: Killed process 5120 (hog.sh) total-vm:14564kB"
    both = diagnose(inspect, kernel)
    assert both.cause is not None and both.cause.id == "oom-killed"
    assert any("kernel log" in text for text in both.cause.supporting)


def test_kubernetes_104107_synthetic_137() -> None:
    # kubernetes/kubernetes#104107: "Kubelet reporting 137 exit code for a container whose
    # exit code 0 was previously known"; the kubelet's placeholder (kubelet_pods.go): reason
    # ContainerStatusUnknown, exit code 137, "The container could not be located when the
    # pod was deleted.  The container used to be Running"
    unknown = {
        "name": "incorrect-exit-code",
        "state": {
            "terminated": {
                "exitCode": 137,
                "reason": "ContainerStatusUnknown",
                "message": "The container could not be located when the pod was deleted."
                "  The container used to be Running",
            }
        },
    }
    known = {
        "name": "incorrect-exit-code",
        "state": {"terminated": {"exitCode": 0, "reason": "Completed"}},
    }
    result = diagnose(known, unknown)
    assert result.exit_code == 0  # the synthetic 137 is not an exit status
    assert result.cause is not None and result.cause.id == "exit-0"
    assert [a.id for a in result.anomalies] == ["kubelet-synthetic-137"]
    lost = diagnose(unknown)
    assert lost.cause is not None and lost.cause.id == "k8s-container-status-unknown"
    assert lost.exit_code is None and lost.retry.retry is Retry.TRANSIENT


@pytest.mark.parametrize(
    "reason",
    [
        # aws/amazon-ecs-agent#2467 (2020) quotes the capitalised form; 2026 repositories
        # quote the lower-case one; a classifier must take both
        "OutOfMemoryError: Container killed due to memory usage",
        "OutOfMemoryError: container killed due to memory usage",
    ],
)
def test_ecs_2467_oom_reason_with_exit_code_0(reason: str) -> None:
    # "A container exits with zero exit code but with the "OutOfMemoryError: Container
    # killed due to memory usage" status reason"
    task = {
        "taskArn": "arn:aws:ecs:eu-west-1:123456789012:task/abc",
        "lastStatus": "STOPPED",
        "stopCode": "EssentialContainerExited",
        "stoppedReason": "Essential container in task exited",
        "containers": [{"name": "main", "exitCode": 0, "reason": reason, "lastStatus": "STOPPED"}],
    }
    result = diagnose({"tasks": [task]})
    assert result.cause is not None and result.cause.id == "exit-0"
    assert [a.id for a in result.anomalies] == ["ecs-oom-exit-0"]
    oom = next(f for f in result.findings if f.id == "oom-killed")
    assert oom.contradicting and oom.score < result.cause.score


def test_ecs_oom_reason_with_137_is_an_oom_kill() -> None:
    # aws/amazon-ecs-agent#1187: "Status reason OutOfMemoryError: Container killed due to
    # memory usage Exit Code 137"
    task = {
        "containers": [
            {
                "name": "web",
                "exitCode": 137,
                "lastStatus": "STOPPED",
                "reason": "OutOfMemoryError: Container killed due to memory usage",
            }
        ],
        "lastStatus": "STOPPED",
    }
    result = diagnose(task)
    assert result.cause is not None and result.cause.id == "oom-killed"
    assert result.anomalies == ()


def test_ecs_5135_stale_oom_flag_while_running() -> None:
    # aws/amazon-ecs-agent#5135: the agent reported the container STOPPED with reason
    # "OutOfMemoryError: Container killed due to memory usage" while on the host
    # `docker inspect` said "OOMKilled=true Running=true Pid=<original init pid>"
    task = {
        "taskArn": "arn:aws:ecs:us-east-1:123456789012:task/def",
        "lastStatus": "STOPPED",
        "containers": [
            {
                "name": "app",
                "lastStatus": "STOPPED",
                "reason": "OutOfMemoryError: Container killed due to memory usage",
            }
        ],
    }
    state = {"State": {"Status": "running", "Running": True, "OOMKilled": True, "Pid": 4242}}
    result = diagnose(task, state)
    assert result.cause is not None and result.cause.id == "still-running"
    assert [a.id for a in result.anomalies] == ["ecs-stale-oom"]
    # docker alone: a child OOM-killed in a container that runs on (no ECS report)
    alone = diagnose(state)
    assert alone.cause is not None and alone.cause.id == "still-running"
    assert alone.anomalies == ()


def test_moby_38768_shim_crash_shows_as_137() -> None:
    # moby/moby#38768 "Random task failures with non-zero exit (137) since 18.09.1": a
    # containerd shim crash; containerd's log when a shim dies (containerd PR #3206):
    log = (
        "INFO[2019-04-11T10:39:37.413880563-07:00] shim disconnected    id=753143c31aa8\n"
        "WARN[2019-04-11T10:39:37.414006366-07:00] cleaning up after shim disconnected"
        "  id=753143c31aa8 namespace=moby\n"
        "INFO[2019-04-11T10:39:37.414034377-07:00] cleaning up dead shim\n"
    )
    result = diagnose(_event("start"), _event("die", exitCode="137"), log)
    assert result.cause is not None and result.cause.id == "shim-crash"
    assert [a.id for a in result.anomalies] == ["shim-crash-137"]
    assert result.retry.retry is Retry.TRANSIENT


# ----------------------------------------------------------- other platforms' evidence


def test_batch_host_terminated_and_oom_attempt() -> None:
    # AWS Batch's statusReason when the job's instance went away (a Spot reclaim, a scale-in):
    # "Host EC2 (instance i-…) terminated." -- an infrastructure failure, not the job's
    job = {
        "jobId": "1",
        "status": "FAILED",
        "statusReason": "Host EC2 (instance i-0123456789abcdef0) terminated.",
        "attempts": [{"container": {"reason": ""}, "statusReason": ""}],
    }
    result = diagnose({"jobs": [job]})
    assert result.cause is not None and result.cause.id == "host-terminated"
    oom = {
        "jobId": "2",
        "attempts": [
            {"container": {"exitCode": 1}},
            {
                "container": {
                    "exitCode": 137,
                    "reason": "OutOfMemoryError: Container killed due to memory usage",
                }
            },
        ],
    }
    killed = diagnose(oom)
    assert killed.cause is not None and killed.cause.id == "oom-killed"
    assert killed.exit_code == 137


def test_ecs_stop_codes_and_pull_errors() -> None:
    spot = diagnose({"stopCode": "SpotInterruption", "containers": []})
    assert spot.cause is not None and spot.cause.id == "host-terminated"
    user = diagnose({"stopCode": "UserInitiated", "stoppedReason": "Task stopped by user"})
    assert user.cause is not None and user.cause.id == "docker-stop"
    pull = diagnose(
        {
            "stopCode": "TaskFailedToStart",
            "stoppedReason": "CannotPullContainerError: pull access denied for nosuch,"
            " repository does not exist or may require 'docker login'",
        }
    )
    assert pull.cause is not None and pull.cause.id == "image-not-found"


def test_kubernetes_pod_eviction_and_events() -> None:
    pod = {
        "kind": "Pod",
        "status": {
            "phase": "Failed",
            "reason": "Evicted",
            "message": "The node was low on resource: ephemeral-storage.",
        },
    }
    evicted = diagnose(pod)
    assert evicted.cause is not None and evicted.cause.id == "k8s-evicted"
    assert "Kubernetes pod" in evicted.pieces
    event = {
        "type": "Warning",
        "reason": "OOMKilling",
        "message": "Memory cgroup out of memory: Killed process 42 (java)",
        "involvedObject": {"kind": "Node", "name": "n1"},
    }
    status = {
        "name": "app",
        "lastState": {"terminated": {"exitCode": 137, "reason": "Error"}},
        "state": {"waiting": {"reason": "CrashLoopBackOff"}},
    }
    result = diagnose({"status": {"containerStatuses": [status]}}, {"items": [event]})
    assert result.cause is not None and result.cause.id == "oom-killed"
    assert diagnose({"items": [{**event, "reason": "Evicted"}]}).cause is not None


def test_no_kubernetes_causes_without_kubernetes_evidence() -> None:
    # the catalog's k8s-container-status-unknown lists 137 too: not for a docker container
    assert not [i for i in _ids(diagnose(137)) if i.startswith("k8s-")]
    k8s = {"exitCode": 137, "reason": "Error"}
    assert diagnose(k8s).findings  # read as a Kubernetes status


def test_messages_ints_objects_and_disagreeing_statuses() -> None:
    result = diagnose('exec: "nosuch": executable file not found in $PATH')
    assert result.cause is not None and result.cause.id == "command-not-in-path"
    assert result.outcome is ExitOutcome.NOT_FOUND
    both = diagnose(137, 1)
    assert both.exit_code is None
    assert any("disagree" in text for f in both.findings for text in f.contradicting)
    run = subprocess.CompletedProcess(
        ["docker", "run", "-p", "80:80", "nginx"],
        125,
        stdout="",
        stderr="docker: Error response from daemon: driver failed programming external"
        " connectivity on endpoint web: Bind for 0.0.0.0:80 failed: port is already allocated.",
    )
    bound = diagnose(run)
    assert bound.pieces == ("CompletedProcess",)
    assert bound.cause is not None and bound.cause.id == "port-already-allocated"
    assert diagnose({"ExitCode": 0, "Status": "exited"}).exit_code == 0


def test_json_texts_lists_and_to_dict() -> None:
    inspect = [{"State": {"Status": "exited", "ExitCode": 0, "OOMKilled": False}}]
    result = diagnose(json.dumps(inspect))
    payload = result.to_dict()
    assert payload["cause"] == "exit-0" and payload["exit_code"] == 0
    assert json.loads(json.dumps(payload)) == payload
    assert payload["retry"] == {
        "retry": "permanent",
        "why": "it succeeded: there is nothing to retry",
        "source": "this library (docs/diagnosis.md)",
    }
    assert diagnose("{not json").pieces == ("message",)
    assert diagnose("[1, oops\n").pieces == ("message",)


# ------------------------------------------------------------------------ hostile input


class _Hostile(Mapping[str, Any]):
    def __getitem__(self, key: str) -> Any:
        raise RuntimeError("boom")

    def __iter__(self) -> Iterator[str]:
        raise RuntimeError("boom")

    def __len__(self) -> int:
        return 1


class _HalfHostile(dict[str, Any]):
    def get(self, key: str, default: Any = None) -> Any:
        raise RuntimeError("boom")


@pytest.mark.parametrize(
    ("pieces", "error"),
    [
        ((), InvalidArgumentError),
        ((None,), UnsupportedEvidenceError),
        ((1.5,), UnsupportedEvidenceError),
        ((_Hostile(),), MalformedEvidenceError),
        ((_HalfHostile(Action="die", Actor={}),), MalformedEvidenceError),
        ((_event("die", exitCode="abc"),), MalformedEvidenceError),
        ((_event("die", exitCode=True),), MalformedEvidenceError),  # type: ignore[arg-type]
        ((_event("die", exitCode="99999999999999999999"),), MalformedEvidenceError),
        (({"Action": 5, "Type": "container"},), MalformedEvidenceError),
        (({"containers": "x", "lastStatus": "STOPPED"},), MalformedEvidenceError),
        (({"containers": [1], "lastStatus": "STOPPED"},), MalformedEvidenceError),
        (({"jobId": "1", "attempts": "x"},), MalformedEvidenceError),
        (({"jobId": "1", "attempts": [1]},), MalformedEvidenceError),
        (({"status": {"containerStatuses": "x"}},), MalformedEvidenceError),
        (({"status": {"containerStatuses": [1]}},), MalformedEvidenceError),
        (({"stoppedReason": 5},), MalformedEvidenceError),
        (({"unknown": 1},), MalformedEvidenceError),
        (([[[[]]]] * 2 + [list(range(10_001))],), MalformedEvidenceError),
    ],
)
def test_hostile_and_malformed_evidence_raises_our_errors(
    pieces: tuple[object, ...], error: type[Exception]
) -> None:
    with pytest.raises(error):
        diagnose(*pieces)


def test_deep_nesting_and_too_many_pieces() -> None:
    deep: list[Any] = []
    for _ in range(5000):
        deep = [deep]
    with pytest.raises(MalformedEvidenceError):
        diagnose(deep)
    with pytest.raises(InvalidArgumentError):
        diagnose(*([0] * 10_001))


def test_the_docs_page_lists_every_anomaly_and_diagnosis_cause() -> None:
    page = (Path(__file__).parent.parent / "docs" / "diagnosis.md").read_text(encoding="utf-8")
    for anomaly in ANOMALIES:
        assert f"`{anomaly.id}`" in page
        for issue in re.findall(r"[\w-]+/[\w-]+#\d+", anomaly.source):
            assert issue in page
    for cause in CAUSES:
        assert f"`{cause.id}`" in page


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "Action",
                    "Actor",
                    "Attributes",
                    "signal",
                    "exitCode",
                    "Type",
                    "Status",
                    "State",
                    "HostConfig",
                    "Memory",
                    "OomKillDisable",
                    "OOMKilled",
                    "ExitCode",
                    "Running",
                    "containers",
                    "reason",
                    "lastStatus",
                    "stopCode",
                    "attempts",
                    "container",
                    "statusReason",
                    "jobId",
                    "status",
                    "containerStatuses",
                    "state",
                    "terminated",
                    "lastState",
                    "items",
                    "involvedObject",
                    "message",
                    "timeNano",
                    "ContainerExitCode",
                    "tasks",
                    "kind",
                ]
            ),
            children,
            max_size=5,
        )
    ),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_JSON | st.text(max_size=60), min_size=1, max_size=3))
def test_any_json_shaped_evidence_gives_a_diagnosis_or_our_error(pieces: list[object]) -> None:
    try:
        result = diagnose(*pieces)
    except ExitCodesError:
        return
    assert json.loads(json.dumps(result.to_dict())) == result.to_dict()
    scores = [finding.score for finding in result.findings]
    assert scores == sorted(scores, reverse=True)
