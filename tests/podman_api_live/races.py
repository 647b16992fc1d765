"""Races of podman's Docker API, kept as the vectors they were seen in, each with its source.

podman < 5.3.0 answers a docker-compat wait for ``next-exit`` (what ``docker run`` without
``--rm`` registers before it starts the container) by tailing its events file; a line read
while podman is still writing it fails to parse, and the wait ends with that error: podman
v4.3.1 ``pkg/api/handlers/utils/containers.go`` ``waitNextExit`` returns ``-1`` and the error
of ``libpod/events/logfile.go``'s ``json.Unmarshal``, and ``WaitContainerDocker`` writes
``{"StatusCode": -1, "Error": {"Message": "unexpected end of JSON input"}}`` (the body is
modelled from that source; the CLI's exit and stderr below are the binary's). podman 5.3.0
(containers/podman#24406) passes such errors on the event channel and the wait skips them.
The docker CLI then prints ``Error waiting for container: ...`` and exits 125, as for any wait
response that carries an Error (``docker-cli/wait-error``).
"""

from __future__ import annotations

from typing import Any

from exitcodes.profiles import parse_version
from podman_api_live.checks import cli_call, profile

EVENTS_FILE_FIXED = "5.3.0"
"""containers/podman#24406: a line of the events file that does not parse no longer ends a wait."""

EVENTS_FILE_STDERR = "Error waiting for container: unexpected end of JSON input"
EVENTS_FILE_WAIT: dict[str, Any] = {
    "StatusCode": -1,
    "Error": {"Message": "unexpected end of JSON input"},
}
"""What podman < 5.3.0 writes for that wait (v4.3.1 ``WaitContainerDocker``)."""


def waits_for_next_exit(argv: list[str]) -> bool:
    """``docker run`` attached and without ``--rm`` waits for ``next-exit`` (docker/cli
    ``waitExitOrRemoved``: ``removed`` with ``--rm``; no wait when detached)."""
    return argv[1] == "run" and not {"--rm", "-d", "--detach"} & set(argv)


def is_events_file_race(vec: dict[str, Any]) -> bool:
    """The vector is the CLI's answer to podman's events-file race (see the module docstring)."""
    return (
        parse_version(vec["podman"]) < parse_version(EVENTS_FILE_FIXED)
        and waits_for_next_exit(vec["argv"])
        and vec["exit_code"] == 125
        and EVENTS_FILE_STDERR in vec["stderr"]
    )


def check_race(vec: dict[str, Any]) -> list[str]:
    """``resolve`` given the wait podman wrote in the race gives the CLI's real exit code."""
    import exitcodes

    call = {**cli_call(vec, {vec["name"]: vec}), "wait": EVENTS_FILE_WAIT}
    got = exitcodes.resolve(**call, profile=profile(vec["podman"], vec["cli"])).exit_code
    if got != vec["exit_code"]:
        return [f"the docker CLI {vec['cli']} exited {vec['exit_code']}; resolve said {got}"]
    return []


SEEN: list[dict[str, Any]] = [
    # CI, podman 4.3.1 service: the recorded answer of this scenario is exit 0.
    {
        "name": "run-kill-9-pid1",
        "podman": "4.3.1",
        "runc": "1.1.5+ds1",
        "cli": "20.10.24",
        "argv": [
            *("docker", "run", "--name", "exitcodes-RUN-run-kill-9-pid1", "--network", "none"),
            *("bb:latest", "sh", "-c", "kill -9 $$"),
        ],
        "resolve": {
            "command": "run",
            "wait": {"StatusCode": 0, "Error": None},
            "state": {
                "Status": "exited",
                "Running": False,
                "Paused": False,
                "Restarting": False,
                "OOMKilled": False,
                "Dead": False,
                "Pid": 0,
                "ExitCode": 0,
                "Error": "",
                "StartedAt": "2026-12-04T19:32:27.727370317Z",
                "FinishedAt": "2026-12-04T19:32:27.953372927Z",
            },
        },
        "exit_code": 125,
        "stderr": 'time="2026-12-04T19:32:29Z" level=error msg="Error waiting for container:'
        ' unexpected end of JSON input"\n',
        "stdout": "",
        "state": {
            "Status": "exited",
            "Running": False,
            "Paused": False,
            "Restarting": False,
            "OOMKilled": False,
            "Dead": False,
            "Pid": 0,
            "ExitCode": 0,
            "Error": "",
            "StartedAt": "2026-12-04T19:32:27.727370317Z",
            "FinishedAt": "2026-12-04T19:32:27.953372927Z",
        },
    },
]
