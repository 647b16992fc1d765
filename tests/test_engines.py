"""Podman and nerdctl profiles: each case names the row of the reference notes it defends.

``podman observed`` rows: docker-cli-observed.md, "Second real engine: podman" (real podman
4.3.1 with runc 1.1.5). ``peers #N``: the comparison table of peers.md. ``podman 2.x``: the
sections of peers.md on podman's own code.
"""

from __future__ import annotations

from typing import Any

import pytest

from exitcodes import ExitOutcome, classify, profiles, resolve

PODMAN = profiles.podman("4.3.1")
NERDCTL = profiles.nerdctl("2.1.0")

RUNC_EACCES = (
    'Error: runc: runc create failed: unable to start container process: exec: "/etc":'
    " permission denied: OCI permission denied"
)
RUNC_NOT_FOUND = (
    'Error: runc: runc create failed: unable to start container process: exec: "foo":'
    " executable file not found in $PATH: OCI runtime attempted to invoke a command that was"
    " not found"
)
CRUN_NOT_FOUND = "Error: crun: executable file `foo` not found in $PATH: No such file or directory: OCI runtime attempted to invoke a command that was not found"
CRUN_DIRECTORY = "Error: crun: open executable: Operation not permitted: OCI permission denied"


def wait(code: int) -> dict[str, Any]:
    return {"StatusCode": code, "Error": None}


PODMAN_CASES: list[tuple[str, dict[str, Any], int]] = [
    (
        "podman observed: run --foo",
        {"command": "run", "phase": "flags", "error": "Error: unknown flag: --foo"},
        125,
    ),
    (
        "podman observed: run /etc (runc permission denied)",
        {"command": "run", "error": RUNC_EACCES},
        126,
    ),
    (
        "podman observed: run /bin/noexec.sh",
        {"command": "run", "error": RUNC_EACCES.replace('"/etc"', '"/bin/noexec.sh"')},
        126,
    ),
    ("podman observed: run foo", {"command": "run", "error": RUNC_NOT_FOUND}, 127),
    (
        "podman observed: run /foo (stat)",
        {
            "command": "run",
            "error": 'Error: runc: runc create failed: unable to start container process: exec: "/foo": stat /foo: no such file or directory: OCI runtime attempted to invoke a command that was not found',
        },
        127,
    ),
    ("podman observed: exit 3", {"command": "run", "wait": wait(3)}, 3),
    ("podman observed: exit 255", {"command": "run", "wait": wait(255)}, 255),
    ("podman observed: killed by podman kill", {"command": "run", "wait": wait(137)}, 137),
    ("podman observed: run --rm exit 3", {"command": "run", "wait": wait(3)}, 3),
    ("podman observed: run --rm foo", {"command": "run", "error": RUNC_NOT_FOUND}, 127),
    ("podman observed: run -d exit 3", {"command": "run", "detach": True, "wait": wait(3)}, 0),
    (
        "podman observed: run -d foo",
        {"command": "run", "detach": True, "error": RUNC_NOT_FOUND},
        127,
    ),
    ("podman observed: run -d /etc", {"command": "run", "detach": True, "error": RUNC_EACCES}, 126),
    (
        "podman observed: -v /nonexistent:/data (create)",
        {
            "command": "run",
            "phase": "create",
            "error": "Error: statfs /nonexistent: no such file or directory",
        },
        125,
    ),
    (
        "podman observed: -w /nonexistent",
        {
            "command": "run",
            "error": 'Error: workdir "/nonexistent" does not exist on container abc',
        },
        126,
    ),
    (
        "podman observed: name in use",
        {
            "command": "run",
            "phase": "create",
            "error": 'Error: creating container storage: the container name "x" is already in use',
        },
        125,
    ),
    (
        "podman observed: run -it without a TTY (warning only)",
        {"command": "run", "wait": wait(0)},
        0,
    ),
    (
        "podman observed: unknown command",
        {
            "command": "other",
            "phase": "args",
            "error": "Error: unrecognized command `podman frobnicate`",
        },
        125,
    ),
    (
        "podman observed: run with no args",
        {
            "command": "run",
            "phase": "args",
            "error": "Error: requires at least 1 arg(s), only received 0",
        },
        125,
    ),
    (
        "podman observed: wait with no args",
        {
            "command": "wait",
            "phase": "args",
            "error": "Error: requires at least 1 arg(s), only received 0",
        },
        125,
    ),
    ("podman observed: start -a exit 3", {"command": "start -a", "wait": wait(3)}, 3),
    ("podman observed: start -a foo", {"command": "start -a", "error": RUNC_NOT_FOUND}, 125),
    ("podman observed: start foo", {"command": "start", "error": RUNC_NOT_FOUND}, 125),
    (
        "podman observed: start on a missing container",
        {
            "command": "start",
            "phase": "create",
            "error": 'Error: no container with name or ID "nosuch" found: no such container',
        },
        125,
    ),
    ("podman observed: exec exit 0", {"command": "exec", "exec_inspect": {"ExitCode": 0}}, 0),
    ("podman observed: exec exit 5", {"command": "exec", "exec_inspect": {"ExitCode": 5}}, 5),
    ("podman observed: exec /etc", {"command": "exec", "error": RUNC_EACCES}, 126),
    ("podman observed: exec foo", {"command": "exec", "error": RUNC_NOT_FOUND}, 127),
    (
        "podman observed: exec /etc/passwd",
        {"command": "exec", "error": RUNC_EACCES.replace('"/etc"', '"/etc/passwd"')},
        126,
    ),
    (
        "podman observed: exec on a missing container",
        {
            "command": "exec",
            "phase": "create",
            "error": 'Error: no container with name or ID "nosuch" found: no such container',
        },
        125,
    ),
    ("podman observed: exec -d exit 5", {"command": "exec", "detach": True}, 0),
    (
        "podman observed: exec -d foo",
        {"command": "exec", "detach": True, "error": RUNC_NOT_FOUND},
        125,
    ),
    (
        "podman observed: exec without a command (4.3.1)",
        {
            "command": "exec",
            "phase": "args",
            "error": "Error: must provide a non-empty command to start an exec session: invalid argument",
        },
        255,
    ),
    (
        "podman observed: attach to a container exiting 13",
        {"command": "attach", "wait": wait(13)},
        0,
    ),
    (
        "podman observed: attach to a stopped container",
        {
            "command": "attach",
            "phase": "attach",
            "error": "Error: you can only attach to running containers",
        },
        125,
    ),
    (
        "podman observed: wait w0 w3 w137",
        {"command": "wait", "wait": [wait(0), wait(3), wait(137)]},
        0,
    ),
    (
        "podman observed: wait w0 nosuch w3",
        {"command": "wait", "wait": [wait(0), "no such container", wait(3)]},
        125,
    ),
    (
        "podman 2.2: a failed wait gives 127",
        {"command": "run", "phase": "wait", "error": "timed out"},
        127,
    ),
    (
        "peers #6: port already in use is 126",
        {
            "command": "run",
            "error": "Error: rootlessport listen tcp 0.0.0.0:8080: bind: address already in use",
        },
        126,
    ),
    ("peers #5: crun directory wording", {"command": "run", "error": CRUN_DIRECTORY}, 126),
    ("peers #4: crun not-found wording", {"command": "run", "error": CRUN_NOT_FOUND}, 127),
    (
        "peers #15: runc exec is a directory leaks -1",
        {
            "command": "exec",
            "error": 'Error: runc: exec failed: unable to start container process: exec: "/etc": is a directory: OCI runtime error',
        },
        255,
    ),
    (
        "peers #17: exec into a stopped container",
        {
            "command": "exec",
            "phase": "attach",
            "error": "Error: can only create exec sessions on running containers: container state improper",
        },
        255,
    ),
    (
        "peers #2: podman-remote cannot connect",
        {
            "command": "run",
            "phase": "connect",
            "error": "Cannot connect to Podman. Please verify your connection to the Linux system",
        },
        125,
    ),
]


@pytest.mark.parametrize(
    ("row", "kwargs", "expected"), PODMAN_CASES, ids=[r for r, _, _ in PODMAN_CASES]
)
def test_podman(row: str, kwargs: dict[str, Any], expected: int) -> None:
    assert resolve(**kwargs, profile=PODMAN).exit_code == expected, row


def test_podman_exec_without_command_is_125_from_5_1() -> None:
    """podman 2.2: ErrInvalidArg -> 125 (containers/podman#22329)."""
    message = "Error: must provide a non-empty command to start an exec session: invalid argument"
    assert (
        resolve("exec", phase="args", error=message, profile=profiles.podman("5.1.0")).exit_code
        == 125
    )


def test_podman_outcomes_say_what_happened() -> None:
    port = resolve("run", error="address already in use", profile=PODMAN)
    assert (port.exit_code, port.outcome) == (126, ExitOutcome.ENGINE_ERROR)
    assert classify(RUNC_EACCES, profile=PODMAN).outcome is ExitOutcome.CANNOT_INVOKE
    assert classify("Error: unknown flag: --foo", profile=PODMAN).exit_code == 125
    assert classify(125, profile=PODMAN).outcome is ExitOutcome.ENGINE_ERROR
    assert classify({"StatusCode": 0, "Error": {"Message": "x"}}, profile=PODMAN).exit_code == 127


NERDCTL_CASES: list[tuple[str, dict[str, Any], int]] = [
    ("peers #1: bad flag", {"command": "run", "phase": "flags", "error": "unknown flag: --foo"}, 1),
    (
        "peers #3: pull fails",
        {"command": "run", "phase": "create", "error": "failed to resolve reference"},
        1,
    ),
    (
        "peers #4: command not found",
        {"command": "run", "error": 'exec: "foo": executable file not found in $PATH'},
        1,
    ),
    ("peers #5: not invocable", {"command": "run", "error": 'exec: "/etc": permission denied'}, 1),
    ("peers #7: command exits N", {"command": "run", "wait": wait(42)}, 42),
    ("peers #8: killed by a signal", {"command": "run", "wait": wait(137)}, 137),
    ("peers #14: exec not found", {"command": "exec", "exec_inspect": {"ExitCode": 127}}, 1),
    ("peers #16: exec exits N", {"command": "exec", "exec_inspect": {"ExitCode": 5}}, 1),
    ("peers #16: exec exits 0", {"command": "exec", "exec_inspect": {"ExitCode": 0}}, 0),
    ("peers #18: attach passes N", {"command": "attach", "wait": wait(42)}, 42),
    ("peers #20: start -a exits N", {"command": "start -a", "wait": wait(3)}, 3),
    ("peers #20: start -a start fails", {"command": "start -a", "error": "boom"}, 1),
    ("peers #21: wait prints the code", {"command": "wait", "wait": [wait(3)]}, 0),
    ("nerdctl 3: run -d", {"command": "run", "detach": True}, 0),
    (
        "nerdctl 3: -d with --rm rejected",
        {
            "command": "run",
            "phase": "args",
            "error": "flag -d and --rm cannot be specified together",
        },
        1,
    ),
]


@pytest.mark.parametrize(
    ("row", "kwargs", "expected"), NERDCTL_CASES, ids=[r for r, _, _ in NERDCTL_CASES]
)
def test_nerdctl(row: str, kwargs: dict[str, Any], expected: int) -> None:
    assert resolve(**kwargs, profile=NERDCTL).exit_code == expected, row


def test_nerdctl_outcome_keeps_the_diagnosis() -> None:
    result = resolve(
        "run", error='exec: "foo": executable file not found in $PATH', profile=NERDCTL
    )
    assert (result.exit_code, result.outcome, result.rule) == (
        1,
        ExitOutcome.NOT_FOUND,
        "nerdctl-cli/not-found",
    )
    assert classify(1, profile=NERDCTL).outcome is ExitOutcome.COMMAND_FAILED
    assert classify(125, profile=NERDCTL).outcome is ExitOutcome.COMMAND_FAILED


def test_podman_matching_ignores_case() -> None:
    """podman 2.1: define.ExitCode lower-cases the message before matching."""
    for message in ("Error: image Not Found", "NO SUCH FILE"):
        assert classify(message, profile=PODMAN).exit_code == 127
        assert resolve("run", error=message, profile=PODMAN).exit_code == 127
    assert resolve("exec", error="OPERATION NOT PERMITTED", profile=PODMAN).exit_code == 126


@pytest.mark.parametrize("profile", [PODMAN, NERDCTL], ids=["podman", "nerdctl"])
@pytest.mark.parametrize("command", ["run", "start -a", "attach"])
def test_detach_keys_exit_0(profile: profiles.Profile, command: str) -> None:
    """peers #19: detaching exits 0 in podman and nerdctl, attach included."""
    result = resolve(command, phase="attach", error="read escape sequence", profile=profile)
    assert (result.exit_code, result.outcome) == (0, ExitOutcome.SUCCESS)
