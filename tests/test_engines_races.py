"""Races of real daemons, kept as the vectors they were seen in.

dockerd 28.5.2 with containerd 2.1.9, in CI: ``docker run --memory 8m --memory-swap 8m`` of a
memory hog exited 137, and the inspect right after said ``OOMKilled: false`` (moby v28.5.2
``daemon/monitor.go`` sets the flag on the OOM event alone, which it handles apart from the
exit). The State alone then says a SIGKILL that was no OOM kill; the OOM event or the kernel
log says what happened.
"""

from __future__ import annotations

from typing import Any

from engines_live.scenarios import BY_NAME, check_state_cause

from exitcodes import diagnose, explain

SEEN_28_5_2: dict[str, Any] = {
    "name": "run-oom",
    "dockerd": "28.5.2",
    "containerd": "2.1.9",
    "runc": "1.1.5",
    "cli": "28.5.2",
    "exit_code": 137,
    "state": {
        "Status": "exited",
        "Running": False,
        "Paused": False,
        "Restarting": False,
        "OOMKilled": False,
        "Dead": False,
        "Pid": 0,
        "ExitCode": 137,
        "Error": "",
        "StartedAt": "2026-12-04T17:53:50.079308609Z",
        "FinishedAt": "2026-12-04T17:53:50.75977562Z",
    },
}


def test_a_state_read_before_the_oom_event_says_sigkill_not_oom() -> None:
    """The live check accepts what the State says, and explain reads it as it stands."""
    assert check_state_cause(SEEN_28_5_2, BY_NAME["run-oom"]) == []
    cause = explain({"State": SEEN_28_5_2["state"]}).cause
    assert cause is not None and cause.id == "sigkill-not-oom"


def test_the_kernel_log_beside_that_state_says_oom() -> None:
    """With the kernel's own record of the kill as evidence too, the OOM kill comes first."""
    kernel = (
        "Memory cgroup out of memory: Killed process 4242 (hog.sh) total-vm:14564kB,"
        " anon-rss:7840kB"
    )
    alone = diagnose({"State": SEEN_28_5_2["state"], "HostConfig": {"Memory": 8388608}})
    assert alone.cause is not None and alone.cause.id == "sigkill-not-oom"
    assert "oom-killed" in [finding.id for finding in alone.findings]
    found = diagnose({"State": SEEN_28_5_2["state"], "HostConfig": {"Memory": 8388608}}, kernel)
    assert found.cause is not None and found.cause.id == "oom-killed"
