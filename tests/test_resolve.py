"""Example tests for :func:`exitcodes.resolve`, one per row of the reference tables.

Each case names the row it defends: ``observed: ...`` rows come from the table of
what the real docker CLI 28.2.2 returned for scripted daemon replies
(shared/reference/docker-cli-observed.md), ``summary #N`` rows from the summary
table of shared/reference/docker-cli.md (docker/cli and moby sources).
"""

from __future__ import annotations

from typing import Any

import pytest

from exitcodes import ExitOutcome, InvalidArgumentError, profiles, resolve

CLI_28 = profiles.docker("28.2.2")
CLI_20 = profiles.docker("20.10.24")

OCI = (
    "failed to create task for container: failed to create shim task: OCI runtime create failed:"
    " runc create failed: unable to start container process: "
)
NOT_FOUND = OCI + 'exec: "foo": executable file not found in $PATH: unknown'
IS_DIR = OCI + 'exec: "/etc": is a directory: unknown'
EACCES = OCI + 'exec: "/etc": permission denied: unknown'
STAT_MISSING = OCI + 'exec: "/foo": stat /foo: no such file or directory: unknown'
GENERIC = "driver failed programming external connectivity: Bind for 0.0.0.0:80 failed: port is already allocated"
NO_DAEMON = (
    "Cannot connect to the Docker daemon at tcp://127.0.0.1:1. Is the docker daemon running?"
)


def wait(code: int, error: str | None = None) -> dict[str, Any]:
    return {"StatusCode": code, "Error": None if error is None else {"Message": error}}


# (row, resolve kwargs, expected exit code) under CLI 28.2.2
OBSERVED: list[tuple[str, dict[str, Any], int]] = [
    (
        "observed: documented run --foo",
        {"command": "run", "error": "unknown flag: --foo", "phase": "flags"},
        125,
    ),
    ("observed: documented start error is a directory", {"command": "run", "error": IS_DIR}, 126),
    (
        "observed: documented start error permission denied",
        {"command": "run", "error": EACCES},
        126,
    ),
    ("observed: documented executable file not found", {"command": "run", "error": NOT_FOUND}, 127),
    ("observed: documented exit 3", {"command": "run", "wait": wait(3)}, 3),
    ("observed: documented attach exits 13", {"command": "attach", "wait": wait(13)}, 13),
    (
        "observed: no such file or directory anywhere (stat)",
        {"command": "run", "error": STAT_MISSING},
        127,
    ),
    (
        "observed: no such file or directory anywhere (bind mount)",
        {
            "command": "run",
            "error": 'invalid mount config for type "bind": bind source path does not exist: /nope: no such file or directory',
        },
        127,
    ),
    (
        "observed: no such file or directory anywhere (cgroup)",
        {
            "command": "run",
            "error": OCI
            + "error during container init: open /sys/fs/cgroup/x/cpu.max: no such file or directory: unknown",
        },
        127,
    ),
    (
        "observed: no such file or directory anywhere (hostconfig.json)",
        {
            "command": "run",
            "error": "open /var/lib/docker/containers/abc/hostconfig.json: no such file or directory",
        },
        127,
    ),
    (
        "observed: permission denied then no such file",
        {"command": "run", "error": "permission denied: no such file or directory"},
        127,
    ),
    (
        "observed: no such file then permission denied",
        {"command": "run", "error": "no such file or directory; permission denied"},
        127,
    ),
    (
        "observed: permission denied in a mount error",
        {
            "command": "run",
            "error": OCI + 'error mounting "/src" to rootfs at "/dst": permission denied: unknown',
        },
        126,
    ),
    ("observed: runc 1.1 message for /etc", {"command": "run", "error": EACCES}, 126),
    (
        "observed: old docs Container command not found",
        {"command": "run", "error": "Container command '/etc' not found or does not exist."},
        125,
    ),
    (
        "observed: capital E Executable file not found",
        {"command": "run", "error": "Executable file not found"},
        125,
    ),
    (
        "observed: exec format error",
        {"command": "run", "error": OCI + "exec format error: unknown"},
        125,
    ),
    ("observed: port already allocated", {"command": "run", "error": GENERIC}, 125),
    ("observed: start HTTP 500 generic", {"command": "run", "error": "something went wrong"}, 125),
    (
        "observed: start 404 no such container",
        {"command": "run", "error": "No such container: abc"},
        125,
    ),
    ("observed: start non-JSON body", {"command": "run", "error": "<html>bad gateway</html>"}, 125),
    (
        "observed: start connection dropped",
        {
            "command": "run",
            "error": 'error during connect: Post "http://127.0.0.1:1/v1.50/containers/abc/start": EOF',
        },
        125,
    ),
    (
        "observed: start HTTP 500 with no such file or directory",
        {"command": "run", "error": "stat /x: no such file or directory"},
        127,
    ),
    (
        "observed: create 404 + pull 404 access denied",
        {
            "command": "run",
            "phase": "create",
            "error": "pull access denied for nosuch, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
        },
        125,
    ),
    (
        "observed: pull stream error",
        {
            "command": "run",
            "phase": "create",
            "error": "manifest for busybox:nope not found: manifest unknown",
        },
        125,
    ),
    (
        "observed: --pull=never",
        {"command": "run", "phase": "create", "error": "No such image: busybox:latest"},
        125,
    ),
    (
        "observed: create 409 name conflict",
        {
            "command": "run",
            "phase": "create",
            "error": 'Conflict. The container name "/x" is already in use by container "abc".',
        },
        125,
    ),
    (
        "observed: create 500 no such file or directory",
        {"command": "run", "phase": "create", "error": "mkdir /x: no such file or directory"},
        127,
    ),
    (
        "observed: pull stream error no such file or directory",
        {
            "command": "run",
            "phase": "create",
            "error": "open /var/lib/docker/tmp/x: no such file or directory",
        },
        127,
    ),
    (
        "observed: create 500 mkdir permission denied",
        {"command": "run", "phase": "create", "error": "mkdir /var/lib/x: permission denied"},
        126,
    ),
    ("observed: image pulled, container exits 4", {"command": "run", "wait": wait(4)}, 4),
    *[
        (f"observed: wait StatusCode {n}", {"command": "run", "wait": wait(n)}, n)
        for n in (0, 1, 2, 3, 126, 127, 128, 130, 137, 139, 143, 255)
    ],
    *[
        (f"observed: wait StatusCode {n}", {"command": "run", "wait": wait(n)}, code)
        for n, code in [
            (256, 0),
            (257, 1),
            (300, 44),
            (511, 255),
            (512, 0),
            (-1, 255),
            (-2, 254),
            (-255, 1),
            (-256, 0),
            (65536, 0),
            (2**31 - 1, 255),
            (2**31, 0),
            (3221225477, 5),
            (2**32 - 1, 255),
            (2**32, 0),
            (-(2**63), 0),
            (2**63 - 1, 255),
        ]
    ],
    (
        "observed: wait 137 with OOMKilled (not read)",
        {
            "command": "run",
            "wait": wait(137),
            "state": {"Status": "exited", "ExitCode": 137, "OOMKilled": True},
        },
        137,
    ),
    (
        "observed: wait Error.Message with StatusCode 0",
        {"command": "run", "wait": wait(0, "removal failed")},
        125,
    ),
    (
        "observed: wait Error.Message with StatusCode 3",
        {"command": "run", "wait": wait(3, "x")},
        125,
    ),
    ("observed: wait Error.Message empty", {"command": "run", "wait": wait(0, "")}, 125),
    (
        "observed: wait body 3.0 (decode error)",
        {
            "command": "run",
            "phase": "wait",
            "error": "json: cannot unmarshal number 3.0 into Go struct field",
        },
        125,
    ),
    (
        "observed: wait body non-JSON text",
        {"command": "run", "phase": "wait", "error": "proxy says no"},
        125,
    ),
    (
        "observed: wait HTTP 404",
        {"command": "run", "phase": "wait", "error": "No such container: abc"},
        125,
    ),
    ("observed: wait body {}", {"command": "run", "wait": {}}, 0),
    (
        "observed: connection drops mid-wait",
        {"command": "run", "phase": "wait", "error": "unexpected EOF"},
        125,
    ),
    (
        "observed: connection drops mid-wait, --rm",
        {"command": "run", "phase": "wait", "error": "unexpected EOF"},
        125,
    ),
    (
        "observed: attach HTTP 500 during run",
        {"command": "run", "phase": "attach", "error": "unable to upgrade to tcp, received 500"},
        1,
    ),
    (
        "observed: attach HTTP 500 saying executable file not found",
        {"command": "run", "phase": "attach", "error": "executable file not found"},
        1,
    ),
    (
        "observed: run -i / -t / -a stderr exit 3",
        {"command": "run", "wait": wait(3), "attached_streams": ("stdin", "stdout", "stderr")},
        3,
    ),
    (
        "observed: run -it with stdin not a TTY",
        {"command": "run", "phase": "args", "error": "the input device is not a TTY"},
        1,
    ),
    (
        "observed: SIGTERM forwarded, container exits 143",
        {"command": "run", "wait": wait(143)},
        143,
    ),
    ("observed: SIGTERM forwarded, container traps it", {"command": "run", "wait": wait(0)}, 0),
    ("observed: --sig-proxy=false, container exits 7", {"command": "run", "wait": wait(7)}, 7),
    (
        "observed: run -d success, container later exits 3",
        {"command": "run", "detach": True, "wait": wait(3)},
        0,
    ),
    (
        "observed: run -d executable file not found",
        {"command": "run", "detach": True, "error": NOT_FOUND},
        127,
    ),
    ("observed: run -d is a directory", {"command": "run", "detach": True, "error": IS_DIR}, 126),
    ("observed: run -d generic", {"command": "run", "detach": True, "error": "boom"}, 125),
    (
        "observed: run -d create 500",
        {"command": "run", "detach": True, "phase": "create", "error": "boom"},
        125,
    ),
    (
        "observed: run -d pull fails",
        {"command": "run", "detach": True, "phase": "create", "error": "manifest unknown"},
        125,
    ),
    (
        "observed: run -d wait HTTP 500",
        {"command": "run", "detach": True, "phase": "wait", "error": "boom"},
        0,
    ),
    *[
        (f"observed: run --rm exit {n}", {"command": "run", "wait": wait(n)}, n)
        for n in (0, 3, 137)
    ],
    ("observed: run --rm executable file not found", {"command": "run", "error": NOT_FOUND}, 127),
    ("observed: run --rm is a directory", {"command": "run", "error": IS_DIR}, 126),
    ("observed: run --rm 500", {"command": "run", "error": "boom"}, 125),
    (
        "observed: run --rm wait Error (removal failed)",
        {"command": "run", "wait": wait(0, "unable to remove filesystem")},
        125,
    ),
    (
        "observed: run --rm wait dropped",
        {"command": "run", "phase": "wait", "error": "unexpected EOF"},
        125,
    ),
    ("observed: run --rm -d success", {"command": "run", "detach": True}, 0),
    (
        "observed: run --rm -d executable file not found",
        {"command": "run", "detach": True, "error": NOT_FOUND},
        127,
    ),
    *[
        (f"observed: start -a exit {n}", {"command": "start -a", "wait": wait(n)}, code)
        for n, code in [(0, 0), (3, 3), (137, 137), (256, 0), (-1, 255)]
    ],
    ("observed: start -a AutoRemove exit 3", {"command": "start -a", "wait": wait(3)}, 3),
    (
        "observed: start -a executable file not found",
        {"command": "start -a", "error": NOT_FOUND},
        1,
    ),
    ("observed: start -a is a directory", {"command": "start -a", "error": IS_DIR}, 1),
    ("observed: start -a 500", {"command": "start -a", "error": "boom"}, 1),
    (
        "observed: start -a no such container",
        {"command": "start -a", "phase": "create", "error": "No such container: nosuch"},
        1,
    ),
    (
        "observed: start -a two containers",
        {
            "command": "start -a",
            "phase": "args",
            "error": "you cannot start and attach multiple containers at once",
        },
        1,
    ),
    ("observed: start -a wait Error.Message", {"command": "start -a", "wait": wait(0, "x")}, 125),
    (
        "observed: start -a wait dropped",
        {"command": "start -a", "phase": "wait", "error": "unexpected EOF"},
        125,
    ),
    ("observed: start 404", {"command": "start", "error": "No such container: nosuch"}, 1),
    ("observed: start start error", {"command": "start", "error": NOT_FOUND}, 1),
    (
        "observed: start c1 c2, second fails",
        {"command": "start", "error": "failed to start containers: c2"},
        1,
    ),
    *[
        (f"observed: attach exit {n}", {"command": "attach", "wait": wait(n)}, code)
        for n, code in [(0, 0), (3, 3), (137, 137), (256, 0), (-1, 255), (5, 5)]
    ],
    ("observed: attach wait Error.Message", {"command": "attach", "wait": wait(0, "x")}, 1),
    (
        "observed: attach wait 404",
        {"command": "attach", "phase": "wait", "error": "No such container: c"},
        1,
    ),
    (
        "observed: attach wait dropped",
        {"command": "attach", "phase": "wait", "error": "unexpected EOF"},
        1,
    ),
    (
        "observed: attach daemon dies mid-wait",
        {"command": "attach", "phase": "wait", "error": "error during connect: EOF"},
        1,
    ),
    (
        "observed: attach stopped",
        {
            "command": "attach",
            "phase": "attach",
            "error": "You cannot attach to a stopped container, start it first",
        },
        1,
    ),
    (
        "observed: attach paused",
        {
            "command": "attach",
            "phase": "attach",
            "error": "You cannot attach to a paused container, unpause it first",
        },
        1,
    ),
    (
        "observed: attach restarting",
        {
            "command": "attach",
            "phase": "attach",
            "error": "You cannot attach to a restarting container, wait until it is running",
        },
        1,
    ),
    (
        "observed: attach no such container",
        {"command": "attach", "phase": "create", "error": "No such container: nosuch"},
        1,
    ),
    (
        "observed: attach 500",
        {"command": "attach", "phase": "attach", "error": "unable to upgrade to tcp, received 500"},
        1,
    ),
    *[
        (
            f"observed: exec inspect ExitCode {n}",
            {"command": "exec", "exec_inspect": {"ExitCode": n}},
            code,
        )
        for n, code in [(0, 0), (5, 5), (126, 126), (127, 127), (256, 0), (-1, 255), (None, 0)]
    ],
    (
        "observed: exec container says exited (not checked)",
        {"command": "exec", "exec_inspect": {"ExitCode": 5}},
        5,
    ),
    (
        "observed: exec no such container",
        {"command": "exec", "phase": "create", "error": "No such container: nosuch"},
        1,
    ),
    (
        "observed: exec create 409 not running",
        {"command": "exec", "phase": "create", "error": "Container abc is not running"},
        1,
    ),
    (
        "observed: exec create 500 executable file not found",
        {"command": "exec", "phase": "create", "error": NOT_FOUND},
        1,
    ),
    ("observed: exec start 500", {"command": "exec", "phase": "attach", "error": "boom"}, 1),
    ("observed: exec inspect 500", {"command": "exec", "phase": "wait", "error": "boom"}, 1),
    (
        "observed: exec inspect 404",
        {"command": "exec", "phase": "wait", "error": "No such exec instance: abc"},
        1,
    ),
    (
        "observed: exec daemon dies after the stream",
        {
            "command": "exec",
            "phase": "wait",
            "error": 'error during connect: Get "http://127.0.0.1:1/v1.50/exec/e/json": EOF',
        },
        255,
    ),
    (
        "observed: exec inspect connection dropped",
        {
            "command": "exec",
            "phase": "wait",
            "error": 'error during connect: Get "http://127.0.0.1:1/v1.50/exec/e/json": EOF',
        },
        255,
    ),
    ("observed: exec -d success", {"command": "exec", "detach": True}, 0),
    (
        "observed: exec -d exec start 500",
        {"command": "exec", "detach": True, "phase": "start", "error": "boom"},
        1,
    ),
    (
        "observed: exec -it with stdin not a TTY",
        {"command": "exec", "phase": "args", "error": "the input device is not a TTY"},
        1,
    ),
    (
        "observed: exec c1 without a command",
        {
            "command": "exec",
            "phase": "args",
            "error": '"docker exec" requires at least 2 arguments.',
        },
        1,
    ),
    ("observed: wait c1 (3)", {"command": "wait", "wait": [wait(3)]}, 0),
    ("observed: wait c1 (137)", {"command": "wait", "wait": [wait(137)]}, 0),
    (
        "observed: wait c1 c2 c3 (0,3,137)",
        {"command": "wait", "wait": [wait(0), wait(3), wait(137)]},
        0,
    ),
    ("observed: wait Error.Message", {"command": "wait", "wait": [wait(0, "x")]}, 0),
    (
        "observed: wait c1 nosuch c3",
        {"command": "wait", "wait": [wait(0), "No such container: nosuch", wait(3)]},
        1,
    ),
    (
        "observed: wait both missing",
        {"command": "wait", "wait": ["No such container: a", "No such container: b"]},
        1,
    ),
    ("observed: wait dropped", {"command": "wait", "wait": ["unexpected EOF"]}, 1),
    (
        "observed: wait daemon dies mid-wait",
        {"command": "wait", "phase": "wait", "error": "error during connect: EOF"},
        1,
    ),
    (
        "observed: wait with no args",
        {
            "command": "wait",
            "phase": "args",
            "error": '"docker wait" requires at least 1 argument.',
        },
        1,
    ),
    (
        "observed: frobnicate",
        {"command": "other", "phase": "args", "error": "unknown command: docker frobnicate"},
        1,
    ),
    (
        "observed: container frobnicate",
        {
            "command": "other",
            "phase": "args",
            "error": "unknown command: docker container frobnicate",
        },
        1,
    ),
    (
        "observed: run with no image",
        {"command": "run", "phase": "args", "error": '"docker run" requires at least 1 argument.'},
        1,
    ),
    *[
        (
            f"observed: unknown flag for {cmd}",
            {"command": cmd, "phase": "flags", "error": "unknown flag: --foo"},
            125,
        )
        for cmd in ("other", "exec", "start", "start -a", "attach", "wait", "run", "create")
    ],
    (
        "observed: bad flag value",
        {
            "command": "run",
            "phase": "flags",
            "error": 'invalid argument "x" for "-m, --memory" flag',
        },
        125,
    ),
    (
        "observed: --rm --restart=always",
        {
            "command": "run",
            "phase": "flags",
            "error": "conflicting options: cannot specify both --restart and --rm",
        },
        125,
    ),
    (
        "observed: invalid reference",
        {"command": "run", "phase": "flags", "error": "invalid reference format"},
        125,
    ),
    ("observed: no daemon run", {"command": "run", "phase": "connect", "error": NO_DAEMON}, 125),
    (
        "observed: no daemon run -d",
        {"command": "run", "detach": True, "phase": "connect", "error": NO_DAEMON},
        125,
    ),
    *[
        (f"observed: no daemon {cmd}", {"command": cmd, "phase": "connect", "error": NO_DAEMON}, 1)
        for cmd in ("start -a", "exec", "attach", "wait", "other")
    ],
    ("observed: API 1.41 negotiated down, exit 3", {"command": "run", "wait": wait(3)}, 3),
]


@pytest.mark.parametrize(
    ("row", "kwargs", "expected"), OBSERVED, ids=[row for row, _, _ in OBSERVED]
)
def test_observed_cli_28(row: str, kwargs: dict[str, Any], expected: int) -> None:
    assert resolve(**kwargs, profile=CLI_28).exit_code == expected, row


SUMMARY: list[tuple[str, str, dict[str, Any], int]] = [
    (
        "summary #1 plain error -> 1",
        "29.7.2",
        {"command": "create", "phase": "create", "error": "boom"},
        1,
    ),
    ("summary #2 StatusError N -> N", "29.7.2", {"command": "run", "wait": wait(42)}, 42),
    (
        "summary #4 unknown flag, global",
        "29.7.2",
        {"command": "other", "phase": "flags", "error": "unknown flag: --foo"},
        125,
    ),
    (
        "summary #5 wrong number of args",
        "29.7.2",
        {"command": "other", "phase": "args", "error": '"docker rm" requires at least 1 argument.'},
        1,
    ),
    (
        "summary #6 unknown top-level command (v28+)",
        "29.7.2",
        {"command": "other", "phase": "args", "error": "docker: unknown command: docker foo"},
        1,
    ),
    (
        "summary #6 unknown top-level command (<= v27)",
        "20.10.24",
        {"command": "other", "phase": "args", "error": "docker: 'foo' is not a docker command."},
        1,
    ),
    (
        "summary #7 unknown sub-command",
        "29.7.2",
        {"command": "other", "phase": "args", "error": "unknown command"},
        1,
    ),
    ("summary #8 docker with no args", "29.7.2", {"command": "other"}, 0),
    (
        "summary #10 invalid --pull",
        "29.7.2",
        {"command": "run", "phase": "flags", "error": 'invalid pull option: "sometimes"'},
        125,
    ),
    (
        "summary #10 create parse error",
        "29.7.2",
        {"command": "create", "phase": "flags", "error": "invalid mount config"},
        125,
    ),
    (
        "summary #11 run daemon down (<= 29.1.2)",
        "29.1.2",
        {
            "command": "run",
            "phase": "connect",
            "error": "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?",
        },
        125,
    ),
    (
        "summary #11 run socket permission denied (<= 29.1.2)",
        "28.2.2",
        {
            "command": "run",
            "phase": "connect",
            "error": 'permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: Get "http://%2Fvar%2Frun%2Fdocker.sock/_ping": dial unix /var/run/docker.sock: connect: permission denied',
        },
        126,
    ),
    (
        "summary #11 run missing socket (29.0.0-29.1.2)",
        "29.1.2",
        {
            "command": "run",
            "phase": "connect",
            "error": "failed to connect to the docker API at unix:///var/run/docker.sock; check if the path is correct and if the daemon is running: dial unix /var/run/docker.sock: connect: no such file or directory",
        },
        127,
    ),
    (
        "summary #11 run pings first (>= 29.1.3)",
        "29.1.3",
        {
            "command": "run",
            "phase": "connect",
            "error": "failed to connect to the docker API at unix:///var/run/docker.sock; check if the path is correct and if the daemon is running: dial unix /var/run/docker.sock: connect: no such file or directory",
        },
        1,
    ),
    (
        "summary #11 create daemon down -> 1",
        "28.2.2",
        {"command": "create", "phase": "connect", "error": NO_DAEMON},
        1,
    ),
    (
        "summary #12 run create fails",
        "29.7.2",
        {"command": "run", "phase": "create", "error": "manifest unknown"},
        125,
    ),
    (
        "summary #12 run create fails with not-found text",
        "29.7.2",
        {"command": "run", "phase": "create", "error": "stat /x: no such file or directory"},
        127,
    ),
    (
        "summary #13 create: create fails",
        "29.7.2",
        {"command": "create", "phase": "create", "error": "stat /x: no such file or directory"},
        1,
    ),
    (
        "summary #14 executable file not found",
        "29.7.2",
        {"command": "run", "error": NOT_FOUND},
        127,
    ),
    (
        "summary #14 system cannot find the file specified",
        "29.7.2",
        {
            "command": "run",
            "error": "container abc encountered an error during hcsshim::System::CreateProcess: failure in a Windows system call: The system cannot find the file specified. (0x2)",
        },
        127,
    ),
    ("summary #15 permission denied", "29.7.2", {"command": "run", "error": EACCES}, 126),
    ("summary #15 is a directory (>= 23.0.1)", "23.0.1", {"command": "run", "error": IS_DIR}, 126),
    ("summary #15 is a directory (< 23.0.1)", "23.0.0", {"command": "run", "error": IS_DIR}, 125),
    ("summary #15 is a directory 20.10.24", "20.10.24", {"command": "run", "error": IS_DIR}, 125),
    ("summary #16 other start failure", "29.7.2", {"command": "run", "error": GENERIC}, 125),
    (
        "summary #16 Windows path not found",
        "29.7.2",
        {"command": "run", "error": "The system cannot find the path specified. (0x3)"},
        125,
    ),
    ("summary #17 --rm start failure", "29.7.2", {"command": "run", "error": NOT_FOUND}, 127),
    ("summary #18 run -d", "29.7.2", {"command": "run", "detach": True}, 0),
    (
        "summary #19 run attached, container exits N",
        "29.7.2",
        {"command": "run", "wait": wait(9)},
        9,
    ),
    ("summary #20 killed by SIGKILL", "29.7.2", {"command": "run", "wait": wait(137)}, 137),
    ("summary #20 killed by SIGTERM", "29.7.2", {"command": "run", "wait": wait(143)}, 143),
    (
        "summary #21 wait Error.Message",
        "29.7.2",
        {"command": "run", "wait": wait(0, "removal failed")},
        125,
    ),
    (
        "summary #22 wait call fails",
        "29.7.2",
        {"command": "run", "phase": "wait", "error": "unexpected EOF"},
        125,
    ),
    (
        "summary #22 wait cancelled (CLI >= 26.1.1, docker/cli #5043)",
        "26.1.2",
        {"command": "run", "phase": "wait", "error": "context canceled"},
        0,
    ),
    (
        "summary #22 wait cancelled (CLI < 26.1.1: logged, 125)",
        "26.1.0",
        {"command": "run", "phase": "wait", "error": "context canceled"},
        125,
    ),
    (
        "summary #23 attached stream fails",
        "29.7.2",
        {"command": "run", "phase": "attach", "error": "unexpected EOF"},
        1,
    ),
    (
        "summary #24 detach keys in run",
        "29.7.2",
        {"command": "run", "phase": "attach", "error": "read escape sequence"},
        0,
    ),
    (
        "summary #24 detach keys in start -a",
        "29.7.2",
        {"command": "start -a", "phase": "attach", "error": "read escape sequence"},
        0,
    ),
    (
        "summary #25 detach keys in attach",
        "29.7.2",
        {"command": "attach", "phase": "attach", "error": "read escape sequence"},
        1,
    ),
    (
        "summary #25 detach keys in exec",
        "29.7.2",
        {"command": "exec", "phase": "attach", "error": "read escape sequence"},
        1,
    ),
    (
        "summary #26 run -a stdin (<= 27)",
        "27.5.1",
        {"command": "run", "attached_streams": ("stdin",), "wait": wait(3)},
        0,
    ),
    (
        "summary #26 run -a stdin (>= 28)",
        "28.0.0",
        {"command": "run", "attached_streams": ("stdin",), "wait": wait(3)},
        3,
    ),
    (
        "summary #27 -it without a TTY",
        "29.7.2",
        {"command": "run", "phase": "args", "error": "the input device is not a TTY"},
        1,
    ),
    ("summary #28 start fails", "29.7.2", {"command": "start", "error": NOT_FOUND}, 1),
    ("summary #29 start -a start fails", "29.7.2", {"command": "start -a", "error": NOT_FOUND}, 1),
    ("summary #30 start -a exits N", "29.7.2", {"command": "start -a", "wait": wait(4)}, 4),
    ("summary #31 attach exits N", "29.7.2", {"command": "attach", "wait": wait(21)}, 21),
    ("summary #32 attach wait error", "29.7.2", {"command": "attach", "wait": wait(0, "x")}, 1),
    (
        "summary #33 attach to stopped",
        "29.7.2",
        {
            "command": "attach",
            "phase": "attach",
            "error": "cannot attach to a stopped container, start it first",
        },
        1,
    ),
    ("summary #34 exec exits N", "29.7.2", {"command": "exec", "exec_inspect": {"ExitCode": 7}}, 7),
    (
        "summary #35 exec binary not found, Engine 27",
        "27.5.1",
        {
            "command": "exec",
            "error": 'OCI runtime exec failed: exec failed: unable to start container process: exec: "foo": executable file not found in $PATH: unknown',
        },
        126,
    ),
    (
        "summary #35 exec binary not found, Engine 28",
        "28.0.0",
        {
            "command": "exec",
            "error": 'OCI runtime exec failed: exec failed: unable to start container process: exec: "foo": executable file not found in $PATH: unknown',
        },
        127,
    ),
    (
        "summary #36 exec EACCES, Engine 27",
        "27.5.1",
        {"command": "exec", "error": 'exec: "/etc": permission denied'},
        126,
    ),
    (
        "summary #36 exec EISDIR, Engine 29",
        "29.7.2",
        {"command": "exec", "error": 'exec: "/etc": is a directory'},
        126,
    ),
    (
        "summary #37 exec other failure, Engine 27",
        "27.5.1",
        {"command": "exec", "error": "OCI runtime exec failed: boom"},
        126,
    ),
    (
        "summary #37 exec other failure, Engine 28",
        "28.0.0",
        {"command": "exec", "error": "OCI runtime exec failed: boom"},
        128,
    ),
    (
        "summary #38 exec inspect connection error",
        "29.7.2",
        {"command": "exec", "phase": "wait", "error": NO_DAEMON},
        255,
    ),
    (
        "summary #38 exec inspect dropped, CLI 20.10 (plain error)",
        "20.10.24",
        {
            "command": "exec",
            "phase": "wait",
            "error": 'error during connect: Get "http://127.0.0.1:1/v1.41/exec/e/json": EOF',
        },
        1,
    ),
    (
        "summary #38 exec inspect dropped, CLI 25.0.4 (errConnectionFailed)",
        "25.0.4",
        {
            "command": "exec",
            "phase": "wait",
            "error": 'error during connect: Get "http://127.0.0.1:1/v1.44/exec/e/json": EOF',
        },
        255,
    ),
    (
        "summary #38 exec inspect API error mentioning connection refused",
        "28.2.2",
        {
            "command": "exec",
            "phase": "wait",
            "error": 'Error response from daemon: connection error: desc = "transport: Error while dialing: dial unix /run/containerd/containerd.sock: connect: connection refused": unavailable',
        },
        1,
    ),
    ("summary #39 exec -d", "29.7.2", {"command": "exec", "detach": True}, 0),
    (
        "summary #39 exec -d API error",
        "29.7.2",
        {"command": "exec", "detach": True, "phase": "attach", "error": "boom"},
        1,
    ),
    (
        "summary #40 exec on a stopped container",
        "29.7.2",
        {"command": "exec", "phase": "create", "error": "container abc is not running"},
        1,
    ),
    (
        "summary #41 wait prints codes, exits 0",
        "29.7.2",
        {"command": "wait", "wait": [wait(3), wait(1, "x")]},
        0,
    ),
    (
        "summary #41 wait request failed",
        "29.7.2",
        {"command": "wait", "wait": [wait(3), ValueError("No such container: b")]},
        1,
    ),
    (
        "summary #42 SIGINT forwarded, container exits 130",
        "29.7.2",
        {"command": "run", "wait": wait(130)},
        130,
    ),
    (
        "summary POSIX: Windows container code on Linux CLI",
        "29.7.2",
        {"command": "run", "wait": wait(3221225786)},
        58,
    ),
]


@pytest.mark.parametrize(
    ("row", "version", "kwargs", "expected"), SUMMARY, ids=[row for row, *_ in SUMMARY]
)
def test_summary_rows(row: str, version: str, kwargs: dict[str, Any], expected: int) -> None:
    assert resolve(**kwargs, profile=profiles.docker(version)).exit_code == expected, row


def test_issue_acceptance_calls() -> None:
    """The five calls the core issue fixes verbatim."""
    assert (
        resolve(
            "run", error='...exec: "foo": executable file not found in $PATH: unknown'
        ).exit_code
        == 127
    )
    assert resolve("run", wait={"StatusCode": 300, "Error": None}).exit_code == 44
    assert resolve("start -a", error="...executable file not found...").exit_code == 1
    assert resolve("run", error="unknown flag: --foo", phase="flags").exit_code == 125
    assert (
        resolve(
            "run", error='exec: "/etc": is a directory', profile=profiles.docker("20.10.24")
        ).exit_code
        == 125
    )


def test_windows_cli_keeps_32_bits() -> None:
    """summary POSIX note: a Windows CLI keeps the full value."""
    windows = profiles.docker("29.7.2", platform="windows")
    assert resolve("run", wait=wait(3221225786), profile=windows).exit_code == 3221225786
    assert resolve("run", wait=wait(-1), profile=windows).exit_code == 0xFFFFFFFF
    assert resolve("exec", phase="wait", error=NO_DAEMON, profile=windows).exit_code == 0xFFFFFFFF


def test_oom_refines_outcome_not_code() -> None:
    """run never inspects: OOMKilled changes the outcome, never the code."""
    state = {"State": {"Status": "exited", "ExitCode": 137, "OOMKilled": True}}
    result = resolve("run", wait=wait(137), state=state)
    assert (result.exit_code, result.outcome, result.signal.name if result.signal else None) == (
        137,
        ExitOutcome.OOM_KILLED,
        "SIGKILL",
    )
    plain = resolve("run", wait=wait(137))
    assert (plain.outcome, plain.rule) == (ExitOutcome.SIGNALED, "docker-cli/container-status")


def test_state_alone_gives_the_status() -> None:
    assert resolve("run", state={"Status": "exited", "ExitCode": 3}).exit_code == 3


def test_connection_error_outcome_is_engine_error_even_when_code_is_127() -> None:
    """summary #11: the missing-socket wording maps to 127 yet the engine failed."""
    msg = "failed to connect to the docker API at unix:///x.sock; check if the path is correct and if the daemon is running: dial unix /x.sock: connect: no such file or directory"
    result = resolve("run", phase="connect", error=msg, profile=profiles.docker("29.1.0"))
    assert (result.exit_code, result.outcome) == (127, ExitOutcome.ENGINE_ERROR)


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"command": "rn"}, "command must be one of"),
        ({"command": "run", "phase": "boot", "error": "x"}, "phase must be one of"),
        ({"command": "run"}, "needs the container's status"),
        ({"command": "exec"}, "needs exec_inspect"),
        ({"command": "wait"}, r"needs wait=\[\.\.\.\]"),
        ({"command": "wait", "wait": []}, "at least one"),
        ({"command": "run", "detach": 1}, "detach must be a bool"),
        ({"command": "run", "attached_streams": ("stdio",), "wait": 0}, "attached_streams"),
    ],
)
def test_invalid_arguments(kwargs: dict[str, Any], fragment: str) -> None:
    with pytest.raises(InvalidArgumentError, match=fragment):
        resolve(**kwargs)


def test_unknown_message_is_not_an_error() -> None:
    """An unknown daemon message resolves to 125 for run, exactly like docker."""
    result = resolve("run", error="the flux capacitor overheated")
    assert (result.exit_code, result.outcome, result.rule) == (
        125,
        ExitOutcome.ENGINE_ERROR,
        "docker-cli/engine-error",
    )


def test_wait_error_field_is_ignored_before_cli_18_02() -> None:
    """Version history: CLI 18.02.0 (8471742a8a) made a wait Error exit 125."""
    response = {"StatusCode": 3, "Error": {"Message": "x"}}
    assert resolve("run", wait=response, profile=profiles.docker("17.12.1")).exit_code == 3
    assert resolve("run", wait=response, profile=profiles.docker("18.2.0")).exit_code == 125
