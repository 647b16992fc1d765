"""Example tests for :func:`exitcodes.resolve`, each naming the behaviour it defends.

``OBSERVED`` holds what the real docker CLI 28.2.2 (API 1.50, Linux) exited with when pointed
at a scripted stub Engine API (``DOCKER_HOST=tcp://127.0.0.1:PORT``), one case per situation;
the conformance suite (``tests/conformance``) replays those situations against the real CLI
binaries. ``SOURCE`` holds behaviours read from the docker/cli and moby sources, each preceded
by the lines that decide it, quoted at the tag the case's CLI version names.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from exitcodes import (
    ExitOutcome,
    InvalidArgumentError,
    MalformedEvidenceError,
    NeverExitsError,
    profiles,
    resolve,
)

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


#: (situation, resolve kwargs, expected exit code): observed on docker CLI 28.2.2 against the
#: stub Engine API.
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


#: (case, CLI version, resolve kwargs, expected exit code), each read from the docker/cli (or moby)
#: source at the tag that decides it; the comment above each group quotes the deciding lines.
SOURCE: list[tuple[str, str, dict[str, Any], int]] = [
    # docker/cli v29.7.2 cmd/docker/docker.go getExitCode:
    #     // No status-code provided; all errors should have a non-zero exit code.
    #     return 1
    # and cli/command/container/create.go runCreate returns the create error as it is:
    #     id, err := createContainer(ctx, dockerCLI, containerCfg, options)
    #     if err != nil {
    #         return err
    (
        "plain error from create exits 1",
        "29.7.2",
        {"command": "create", "phase": "create", "error": "boom"},
        1,
    ),
    # docker/cli v29.7.2 cli/command/container/run.go runContainer:
    #     if status != 0 {
    #         return cli.StatusError{StatusCode: status}
    # cmd/docker/docker.go getExitCode:
    #     if errors.As(err, &stErr) && stErr.StatusCode != 0 { ... return stErr.StatusCode
    ("StatusError N exits N", "29.7.2", {"command": "run", "wait": wait(42)}, 42),
    # docker/cli v29.7.2 cli/cobra.go FlagErrorFunc:
    #     return StatusError{
    #         Status:     fmt.Sprintf("%s\n\nUsage:  %s\n\nRun '%s --help' for more information", ...),
    #         StatusCode: 125,
    (
        "unknown global flag exits 125",
        "29.7.2",
        {"command": "other", "phase": "flags", "error": "unknown flag: --foo"},
        125,
    ),
    # docker/cli v29.7.2 cli/required.go RequiresMinArgs returns a plain error (exit 1):
    #     return fmt.Errorf(
    #         "%[1]s: '%[2]s' requires at least %[3]d %[4]s\n\nUsage:  %[5]s\n\nSee '%[2]s --help' ...",
    (
        "wrong number of arguments exits 1",
        "29.7.2",
        {"command": "other", "phase": "args", "error": '"docker rm" requires at least 1 argument.'},
        1,
    ),
    # docker/cli v28.0.0 (and v29.7.2) cmd/docker/docker.go newDockerCommand RunE:
    #     return fmt.Errorf("docker: unknown command: docker %s\n\nRun 'docker --help' ...", args[0])
    (
        "unknown top-level command exits 1 (CLI 28+ wording)",
        "29.7.2",
        {"command": "other", "phase": "args", "error": "docker: unknown command: docker foo"},
        1,
    ),
    # docker/cli v20.10.24 (to v27.5.1) cmd/docker/docker.go newDockerCommand RunE:
    #     return fmt.Errorf("docker: '%s' is not a docker command.\nSee 'docker --help'", args[0])
    (
        "unknown top-level command exits 1 (CLI 27 and older wording)",
        "20.10.24",
        {"command": "other", "phase": "args", "error": "docker: 'foo' is not a docker command."},
        1,
    ),
    # docker/cli v29.7.2 cli/required.go NoArgs, for a command with sub-commands:
    #     return fmt.Errorf(
    #         "%[1]s: unknown command: %[2]s %[3]s\n\nUsage:  %[4]s\n\nRun '%[2]s --help' ...",
    (
        "unknown sub-command exits 1",
        "29.7.2",
        {"command": "other", "phase": "args", "error": "unknown command"},
        1,
    ),
    # docker/cli v29.7.2 cmd/docker/docker.go newDockerCommand RunE:
    #     if len(args) == 0 {
    #         return command.ShowHelp(dockerCli.Err())(cmd, args)
    # and cli/command/cli.go ShowHelp prints the help and returns nil.
    ("docker with no arguments prints help, exits 0", "29.7.2", {"command": "other"}, 0),
    # docker/cli v29.7.2 cli/command/container/run.go runRun (create.go runCreate likewise):
    #     if err := validatePullOpt(ropts.pull); err != nil {
    #         return cli.StatusError{ ... StatusCode: 125,
    #     containerCfg, err := parse(flags, copts, serverInfo.OSType)
    #     ...
    #         return cli.StatusError{ ... StatusCode: 125,
    (
        "run: invalid --pull value exits 125",
        "29.7.2",
        {"command": "run", "phase": "flags", "error": 'invalid pull option: "sometimes"'},
        125,
    ),
    (
        "create: option parse error exits 125",
        "29.7.2",
        {"command": "create", "phase": "flags", "error": "invalid mount config"},
        125,
    ),
    # docker/cli v29.1.2 cli/command/container/run.go runRun does not ping first:
    #     containerCfg, err := parse(flags, copts, dockerCli.ServerInfo().OSType)
    # so a connection error comes from createContainer and goes through toStatusError
    # (quoted below). The client's words, vendor/github.com/docker/docker/client/errors.go:
    #     err = fmt.Errorf("Cannot connect to the Docker daemon at %s. Is the docker daemon running?", host)
    (
        "run: daemon down exits 125 (CLI 29.1.2 and older)",
        "29.1.2",
        {
            "command": "run",
            "phase": "connect",
            "error": "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?",
        },
        125,
    ),
    # docker/cli v28.2.2 vendor/github.com/docker/docker/client/request.go doRequest:
    #     return nil, errConnectionFailed{errors.Wrapf(err, "permission denied while trying to
    #         connect to the Docker daemon socket at %v", cli.host)}
    # so toStatusError finds syscall.EACCES.Error() ("permission denied").
    (
        "run: socket permission denied exits 126 (CLI 29.1.2 and older)",
        "28.2.2",
        {
            "command": "run",
            "phase": "connect",
            "error": 'permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: Get "http://%2Fvar%2Frun%2Fdocker.sock/_ping": dial unix /var/run/docker.sock: connect: permission denied',
        },
        126,
    ),
    # docker/cli v29.1.2 vendor/github.com/moby/moby/client/request.go doRequest:
    #     return nil, errConnectionFailed{fmt.Errorf("failed to connect to the docker API at %v;
    #         check if the path is correct and if the daemon is running: %w", cli.host, err)}
    # wraps the dial error "no such file or directory", which toStatusError maps to 127.
    (
        "run: missing socket exits 127 (CLI 29.0.0 to 29.1.2)",
        "29.1.2",
        {
            "command": "run",
            "phase": "connect",
            "error": "failed to connect to the docker API at unix:///var/run/docker.sock; check if the path is correct and if the daemon is running: dial unix /var/run/docker.sock: connect: no such file or directory",
        },
        127,
    ),
    # docker/cli v29.1.3 cli/command/container/run.go runRun pings first and returns the error raw:
    #     serverInfo, err := dockerCli.Client().Ping(ctx, client.PingOptions{})
    #     if err != nil {
    #         return err
    (
        "run: connection error exits 1 once the CLI pings first (CLI 29.1.3+)",
        "29.1.3",
        {
            "command": "run",
            "phase": "connect",
            "error": "failed to connect to the docker API at unix:///var/run/docker.sock; check if the path is correct and if the daemon is running: dial unix /var/run/docker.sock: connect: no such file or directory",
        },
        1,
    ),
    # docker/cli v28.2.2 cli/command/container/create.go runCreate has no mapping:
    #     id, err := createContainer(ctx, dockerCli, containerCfg, options)
    #     if err != nil {
    #         return err
    (
        "create: daemon down exits 1",
        "28.2.2",
        {"command": "create", "phase": "connect", "error": NO_DAEMON},
        1,
    ),
    # docker/cli v29.7.2 cli/command/container/run.go runContainer:
    #     containerID, err := createContainer(ctx, dockerCli, containerCfg, &runOpts.createOptions)
    #     if err != nil {
    #         return toStatusError(err)
    (
        "run: create failure exits 125",
        "29.7.2",
        {"command": "run", "phase": "create", "error": "manifest unknown"},
        125,
    ),
    (
        "run: create failure saying no such file or directory exits 127",
        "29.7.2",
        {"command": "run", "phase": "create", "error": "stat /x: no such file or directory"},
        127,
    ),
    # docker/cli v29.7.2 cli/command/container/create.go runCreate (quoted above): `return err`.
    (
        "create: create failure exits 1 whatever the text",
        "29.7.2",
        {"command": "create", "phase": "create", "error": "stat /x: no such file or directory"},
        1,
    ),
    # docker/cli v29.7.2 cli/command/container/run.go toStatusError:
    #     if strings.Contains(errMsg, "executable file not found") ||
    #         strings.Contains(errMsg, "no such file or directory") ||
    #         strings.Contains(errMsg, "system cannot find the file specified") {
    #         return cli.StatusError{ ... StatusCode: 127,
    (
        "run: executable file not found exits 127",
        "29.7.2",
        {"command": "run", "error": NOT_FOUND},
        127,
    ),
    (
        "run: Windows system cannot find the file specified exits 127",
        "29.7.2",
        {
            "command": "run",
            "error": "container abc encountered an error during hcsshim::System::CreateProcess: failure in a Windows system call: The system cannot find the file specified. (0x2)",
        },
        127,
    ),
    # docker/cli v29.7.2 cli/command/container/run.go toStatusError:
    #     if strings.Contains(errMsg, syscall.EACCES.Error()) ||
    #         strings.Contains(errMsg, syscall.EISDIR.Error()) {
    #         return cli.StatusError{ ... StatusCode: 126,
    # The EISDIR check arrived in v23.0.1 (runStartContainerErr); v23.0.0 and v20.10.24 have only
    #     } else if strings.Contains(trimmedErr, syscall.EACCES.Error()) {
    ("run: permission denied exits 126", "29.7.2", {"command": "run", "error": EACCES}, 126),
    (
        "run: is a directory exits 126 (CLI 23.0.1+)",
        "23.0.1",
        {"command": "run", "error": IS_DIR},
        126,
    ),
    (
        "run: is a directory exits 125 (CLI 23.0.0)",
        "23.0.0",
        {"command": "run", "error": IS_DIR},
        125,
    ),
    (
        "run: is a directory exits 125 (CLI 20.10.24)",
        "20.10.24",
        {"command": "run", "error": IS_DIR},
        125,
    ),
    # docker/cli v29.7.2 cli/command/container/run.go toStatusError, last branch:
    #     return cli.StatusError{ ... StatusCode: 125,
    # ("The system cannot find the path specified" contains none of the 127/126 substrings.)
    ("run: other start failure exits 125", "29.7.2", {"command": "run", "error": GENERIC}, 125),
    (
        "run: Windows path not found exits 125",
        "29.7.2",
        {"command": "run", "error": "The system cannot find the path specified. (0x3)"},
        125,
    ),
    # docker/cli v29.7.2 cli/command/container/run.go runContainer, start failure:
    #     if copts.autoRemove {
    #         // wait container to be removed
    #         <-statusChan
    #     }
    #     return toStatusError(err)
    (
        "run --rm: start failure maps like run",
        "29.7.2",
        {"command": "run", "error": NOT_FOUND},
        127,
    ),
    # docker/cli v29.7.2 cli/command/container/run.go runContainer:
    #     // Detached mode: wait for the id to be displayed and return.
    #     if !attach {
    #         // Detached mode
    #         <-waitDisplayID
    #         return nil
    ("run -d exits 0", "29.7.2", {"command": "run", "detach": True}, 0),
    # docker/cli v29.7.2 cli/command/container/run.go runContainer:
    #     status := <-statusChan
    #     if status != 0 {
    #         return cli.StatusError{StatusCode: status}
    (
        "run attached: the container's exit code",
        "29.7.2",
        {"command": "run", "wait": wait(9)},
        9,
    ),
    # containerd pkg/sys/reaper/reaper_unix.go, which the daemon's wait StatusCode comes from:
    #     const exitSignalOffset = 128
    #     ...
    #     if status.Signaled() {
    #         return exitSignalOffset + int(status.Signal())
    (
        "run: container killed by SIGKILL exits 137",
        "29.7.2",
        {"command": "run", "wait": wait(137)},
        137,
    ),
    (
        "run: container killed by SIGTERM exits 143",
        "29.7.2",
        {"command": "run", "wait": wait(143)},
        143,
    ),
    # docker/cli v29.7.2 cli/command/container/utils.go waitExitOrRemoved:
    #     if result.Error != nil {
    #         logrus.Errorf("Error waiting for container: %v", result.Error.Message)
    #         statusC <- 125
    (
        "run: wait Error.Message exits 125",
        "29.7.2",
        {"command": "run", "wait": wait(0, "removal failed")},
        125,
    ),
    # docker/cli v29.7.2 cli/command/container/utils.go waitExitOrRemoved:
    #     case err := <-waitRes.Error:
    #         if errors.Is(err, context.Canceled) {
    #             return
    #         }
    #         logrus.Errorf("error waiting for container: %v", err)
    #         statusC <- 125
    (
        "run: wait request fails, exits 125",
        "29.7.2",
        {"command": "run", "phase": "wait", "error": "unexpected EOF"},
        125,
    ),
    # docker/cli v26.1.2 cli/command/container/utils.go waitExitOrRemoved (docker/cli#5043 added
    # the Canceled check in v26.1.1; v26.1.2 added the close, so the reader gets 0):
    #     go func() {
    #         defer close(statusC)
    #         ...
    #             if errors.Is(err, context.Canceled) {
    #                 return
    (
        "run: cancelled wait reads the closed channel, exits 0 (CLI 26.1.2)",
        "26.1.2",
        {"command": "run", "phase": "wait", "error": "context canceled"},
        0,
    ),
    # docker/cli v26.1.0 cli/command/container/utils.go waitExitOrRemoved has no Canceled check:
    #     case err := <-errC:
    #         logrus.Errorf("error waiting for container: %v", err)
    #         statusC <- 125
    (
        "run: cancelled wait is logged and exits 125 (CLI 26.1.0)",
        "26.1.0",
        {"command": "run", "phase": "wait", "error": "context canceled"},
        125,
    ),
    # docker/cli v29.7.2 cli/command/container/run.go runContainer:
    #     case err := <-errCh:
    #         if err != nil {
    #             if _, ok := err.(term.EscapeError); ok {
    #                 // The user entered the detach escape sequence.
    #                 return nil
    #             }
    #             logrus.Debugf("Error hijack: %s", err)
    #             return err
    (
        "run: attached stream fails, exits 1",
        "29.7.2",
        {"command": "run", "phase": "attach", "error": "unexpected EOF"},
        1,
    ),
    (
        "run: detach keys exit 0",
        "29.7.2",
        {"command": "run", "phase": "attach", "error": "read escape sequence"},
        0,
    ),
    # docker/cli v29.7.2 cli/command/container/start.go RunStart:
    #     var escapeError term.EscapeError
    #     if errors.As(attachErr, &escapeError) {
    #         // The user entered the detach escape sequence.
    #         return nil
    (
        "start -a: detach keys exit 0",
        "29.7.2",
        {"command": "start -a", "phase": "attach", "error": "read escape sequence"},
        0,
    ),
    # docker/cli v29.7.2 cli/command/container/attach.go RunAttach returns the EscapeError
    # (vendor/github.com/moby/term/proxy.go: `return "read escape sequence"`):
    #     if err := streamer.stream(ctx); err != nil && !errors.Is(err, context.Canceled) {
    #         return err
    (
        "attach: detach keys exit 1",
        "29.7.2",
        {"command": "attach", "phase": "attach", "error": "read escape sequence"},
        1,
    ),
    # docker/cli v29.7.2 cli/command/container/exec.go interactiveExec:
    #     if err := <-errCh; err != nil {
    #         logrus.Debugf("Error hijack: %s", err)
    #         return err
    (
        "exec: detach keys exit 1",
        "29.7.2",
        {"command": "exec", "phase": "attach", "error": "read escape sequence"},
        1,
    ),
    # docker/cli v27.5.1 cli/command/container/run.go runContainer, stdin alone counts as detached:
    #     // Detached mode: wait for the id to be displayed and return.
    #     if !config.AttachStdout && !config.AttachStderr {
    #         // Detached mode
    #         <-waitDisplayID
    #         return nil
    (
        "run -a stdin: exits 0 (CLI 27 and older)",
        "27.5.1",
        {"command": "run", "attached_streams": ("stdin",), "wait": wait(3)},
        0,
    ),
    # docker/cli v28.0.0 cli/command/container/run.go runContainer:
    #     attach := config.AttachStdin || config.AttachStdout || config.AttachStderr
    #     ...
    #     if !attach {
    (
        "run -a stdin: the container's exit code (CLI 28+)",
        "28.0.0",
        {"command": "run", "attached_streams": ("stdin",), "wait": wait(3)},
        3,
    ),
    # docker/cli v28.2.2 cli/streams/in.go CheckTty, returned raw by runContainer (exit 1):
    #     const eText = "the input device is not a TTY"
    #     ...
    #     return errors.New(eText)
    # (v29.7.2 words it "cannot attach stdin to a TTY-enabled container because stdin is not a
    # terminal"; the error is returned raw all the same.)
    (
        "run -it without a TTY exits 1",
        "29.7.2",
        {"command": "run", "phase": "args", "error": "the input device is not a TTY"},
        1,
    ),
    # docker/cli v29.7.2 cli/command/container/start.go startContainersWithoutAttachments:
    #     return fmt.Errorf("failed to start containers: %s", strings.Join(failedContainers, ", "))
    ("start: start failure exits 1", "29.7.2", {"command": "start", "error": NOT_FOUND}, 1),
    # docker/cli v29.7.2 cli/command/container/start.go RunStart, no toStatusError:
    #     _, err = dockerCli.Client().ContainerStart(ctx, c.Container.ID, client.ContainerStartOptions{
    #     ...
    #     if err != nil {
    #         ...
    #         return err
    (
        "start -a: start failure exits 1 whatever the text",
        "29.7.2",
        {"command": "start -a", "error": NOT_FOUND},
        1,
    ),
    # docker/cli v29.7.2 cli/command/container/start.go RunStart:
    #     if status := <-statusChan; status != 0 {
    #         return cli.StatusError{StatusCode: status}
    (
        "start -a: the container's exit code",
        "29.7.2",
        {"command": "start -a", "wait": wait(4)},
        4,
    ),
    # docker/cli v29.7.2 cli/command/container/attach.go getExitStatus:
    #     if result.Error != nil {
    #         return errors.New(result.Error.Message)
    #     }
    #     if result.StatusCode != 0 {
    #         return cli.StatusError{StatusCode: int(result.StatusCode)}
    ("attach: the container's exit code", "29.7.2", {"command": "attach", "wait": wait(21)}, 21),
    (
        "attach: wait Error.Message exits 1",
        "29.7.2",
        {"command": "attach", "wait": wait(0, "x")},
        1,
    ),
    # docker/cli v29.7.2 cli/command/container/attach.go inspectContainerAndCheckState:
    #     return nil, errors.New("cannot attach to a stopped container, start it first")
    (
        "attach to a stopped container exits 1",
        "29.7.2",
        {
            "command": "attach",
            "phase": "attach",
            "error": "cannot attach to a stopped container, start it first",
        },
        1,
    ),
    # docker/cli v29.7.2 cli/command/container/exec.go getExecExitStatus:
    #     status := resp.ExitCode
    #     if status != 0 {
    #         return cli.StatusError{StatusCode: status}
    (
        "exec: the process's exit code",
        "29.7.2",
        {"command": "exec", "exec_inspect": {"ExitCode": 7}},
        7,
    ),
    # The exec code is the daemon's. moby v27.5.1 daemon/exec.go ContainerExecStart, on any start
    # error:
    #     exitCode := 126
    #     ec.ExitCode = &exitCode
    (
        "exec: binary not found exits 126 (Engine 27)",
        "27.5.1",
        {
            "command": "exec",
            "error": 'OCI runtime exec failed: exec failed: unable to start container process: exec: "foo": executable file not found in $PATH: unknown',
        },
        126,
    ),
    # moby v28.0.0 daemon/exec.go ContainerExecStart keeps the code setExitCodeFromError set:
    #     if ec.ExitCode == nil {
    #         // default to `126` (`EACCES`) if we fail to start
    # and daemon/errors.go setExitCodeFromError:
    #     // set to 127 for container cmd not found/does not exist.
    #     if isInvalidCommand(errDesc) {
    #         setExitCode(exitCmdNotFound)
    (
        "exec: binary not found exits 127 (Engine 28)",
        "28.0.0",
        {
            "command": "exec",
            "error": 'OCI runtime exec failed: exec failed: unable to start container process: exec: "foo": executable file not found in $PATH: unknown',
        },
        127,
    ),
    # moby v28.0.0 daemon/errors.go setExitCodeFromError:
    #     // set to 126 for container cmd can't be invoked errors
    #     if contains(errDesc, syscall.EACCES.Error()) {
    #         setExitCode(exitEaccess)
    #     ...
    #     if contains(errDesc, syscall.EISDIR.Error()) {
    #         errDesc += ": " + syscall.EACCES.Error()
    #         setExitCode(exitEaccess)
    # (moby v27.5.1: the unconditional `exitCode := 126` quoted above.)
    (
        "exec: permission denied exits 126 (Engine 27)",
        "27.5.1",
        {"command": "exec", "error": 'exec: "/etc": permission denied'},
        126,
    ),
    (
        "exec: is a directory exits 126 (Engine 29)",
        "29.7.2",
        {"command": "exec", "error": 'exec: "/etc": is a directory'},
        126,
    ),
    # moby v27.5.1: `exitCode := 126` (quoted above). moby v28.0.0 daemon/errors.go
    # setExitCodeFromError, last branch:
    #     setExitCode(exitUnknown)
    #     return errdefs.Unknown(errors.New(errDesc))
    (
        "exec: other start failure exits 126 (Engine 27)",
        "27.5.1",
        {"command": "exec", "error": "OCI runtime exec failed: boom"},
        126,
    ),
    (
        "exec: other start failure exits 128 (Engine 28)",
        "28.0.0",
        {"command": "exec", "error": "OCI runtime exec failed: boom"},
        128,
    ),
    # docker/cli v29.7.2 cli/command/container/exec.go getExecExitStatus:
    #     // If we can't connect, then the daemon probably died.
    #     if !client.IsErrConnectionFailed(err) {
    #         return err
    #     }
    #     return cli.StatusError{StatusCode: -1}
    (
        "exec: inspect cannot connect, exits 255",
        "29.7.2",
        {"command": "exec", "phase": "wait", "error": NO_DAEMON},
        255,
    ),
    # docker/cli v20.10.24 vendor/github.com/docker/docker/client/request.go doRequest, a plain
    # error that IsErrConnectionFailed does not match:
    #     return serverResp, errors.Wrap(err, "error during connect")
    (
        "exec: inspect connection dropped exits 1 (CLI 20.10, plain error)",
        "20.10.24",
        {
            "command": "exec",
            "phase": "wait",
            "error": 'error during connect: Get "http://127.0.0.1:1/v1.41/exec/e/json": EOF',
        },
        1,
    ),
    # docker/cli v25.0.4 vendor/github.com/docker/docker/client/request.go doRequest:
    #     return serverResp, errConnectionFailed{errors.Wrap(err, "error during connect")}
    (
        "exec: inspect connection dropped exits 255 (CLI 25.0.4, errConnectionFailed)",
        "25.0.4",
        {
            "command": "exec",
            "phase": "wait",
            "error": 'error during connect: Get "http://127.0.0.1:1/v1.44/exec/e/json": EOF',
        },
        255,
    ),
    # An "Error response from daemon" is an API error, not errConnectionFailed: `return err`.
    (
        "exec: inspect API error mentioning connection refused exits 1",
        "28.2.2",
        {
            "command": "exec",
            "phase": "wait",
            "error": 'Error response from daemon: connection error: desc = "transport: Error while dialing: dial unix /run/containerd/containerd.sock: connect: connection refused": unavailable',
        },
        1,
    ),
    # docker/cli v29.7.2 cli/command/container/exec.go RunExec:
    #     if options.Detach {
    #         _, err := apiClient.ExecStart(ctx, execID, client.ExecStartOptions{
    #         ...
    #         return err
    ("exec -d exits 0", "29.7.2", {"command": "exec", "detach": True}, 0),
    (
        "exec -d: API error exits 1",
        "29.7.2",
        {"command": "exec", "detach": True, "phase": "attach", "error": "boom"},
        1,
    ),
    # docker/cli v29.7.2 cli/command/container/exec.go RunExec:
    #     response, err := apiClient.ExecCreate(ctx, containerIDorName, *execOptions)
    #     if err != nil {
    #         return err
    (
        "exec on a stopped container exits 1",
        "29.7.2",
        {"command": "exec", "phase": "create", "error": "container abc is not running"},
        1,
    ),
    # docker/cli v29.7.2 cli/command/container/wait.go runWait:
    #     case result := <-res.Result:
    #         _, _ = fmt.Fprintln(dockerCLI.Out(), strconv.FormatInt(result.StatusCode, 10))
    #     case err := <-res.Error:
    #         errs = append(errs, err)
    #     ...
    #     return errors.Join(errs...)
    (
        "wait prints the codes and exits 0",
        "29.7.2",
        {"command": "wait", "wait": [wait(3), wait(1, "x")]},
        0,
    ),
    (
        "wait: a failed request exits 1",
        "29.7.2",
        {"command": "wait", "wait": [wait(3), ValueError("No such container: b")]},
        1,
    ),
    # docker/cli v29.7.2 cli/command/container/run.go runContainer forwards the CLI's signals:
    #     go ForwardAllSignals(bgCtx, apiClient, containerID, sigc)
    # and then exits with the container's status (StatusError, quoted above).
    (
        "run: SIGINT forwarded, the container exits 130",
        "29.7.2",
        {"command": "run", "wait": wait(130)},
        130,
    ),
    # docker/cli v29.7.2 cmd/docker/docker.go main: `os.Exit(getExitCode(err))`; Linux keeps the
    # low 8 bits (kernel/exit.c exit_group: `do_group_exit((error_code & 0xff) << 8);`).
    (
        "run on a POSIX CLI: a Windows container code keeps its low 8 bits",
        "29.7.2",
        {"command": "run", "wait": wait(3221225786)},
        58,
    ),
]


@pytest.mark.parametrize(
    ("case", "version", "kwargs", "expected"), SOURCE, ids=[case for case, *_ in SOURCE]
)
def test_source_cases(case: str, version: str, kwargs: dict[str, Any], expected: int) -> None:
    assert resolve(**kwargs, profile=profiles.docker(version)).exit_code == expected, case


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
    """A Windows CLI keeps all 32 bits of the status it exits with.

    docker/cli cmd/docker/docker.go main: ``os.Exit(getExitCode(err))``; Go's
    syscall/syscall_windows.go: ``func Exit(code int) { ExitProcess(uint32(code)) }``.
    """
    windows = profiles.docker("29.7.2", platform="windows")
    assert resolve("run", wait=wait(3221225786), profile=windows).exit_code == 3221225786
    assert resolve("run", wait=wait(-1), profile=windows).exit_code == 0xFFFFFFFF
    assert resolve("exec", phase="wait", error=NO_DAEMON, profile=windows).exit_code == 0xFFFFFFFF


def test_oom_refines_outcome_not_code() -> None:
    """run never inspects: OOMKilled changes the outcome, never the code.

    Observed on docker CLI 28.2.2: ``run`` sends ping, create, attach, wait and start, and no
    ``GET /containers/ID/json``, so only the wait StatusCode decides the exit code.
    """
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
    """CLI 29.0.0-29.1.2: the missing-socket wording maps to 127, yet the engine failed.

    docker/cli v29.1.2 vendor/github.com/moby/moby/client/request.go: ``failed to connect to
    the docker API at %v; check if the path is correct and if the daemon is running: %w``
    wraps ``no such file or directory``, which ``toStatusError`` maps to 127.
    """
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
    """CLI 18.02.0 made a wait Error exit 125; 17.12.1 read only the StatusCode.

    docker/cli v18.02.0-ce components/cli/cli/command/container/utils.go waitExitOrRemoved:
    ``if result.Error != nil { logrus.Errorf("Error waiting for container: %v",
    result.Error.Message); statusC <- 125``; v17.12.1-ce: ``statusC <- int(result.StatusCode)``.
    """
    response = {"StatusCode": 3, "Error": {"Message": "x"}}
    assert resolve("run", wait=response, profile=profiles.docker("17.12.1")).exit_code == 3
    assert resolve("run", wait=response, profile=profiles.docker("18.2.0")).exit_code == 125


# --- docker attach before CLI 18.03: an inspect after the stream, not a wait ---

_ATTACH_BEFORE_18_03 = [
    json.loads(line)
    for line in (Path(__file__).parent / "vectors" / "attach-before-18.03.jsonl")
    .read_text(encoding="utf-8")
    .splitlines()
]


@pytest.mark.parametrize("vector", _ATTACH_BEFORE_18_03, ids=lambda v: f"{v['cli']}-{v['name']}")
def test_attach_before_18_03_exits_with_the_inspected_exit_code(vector: dict[str, Any]) -> None:
    """docker/cli v18.02.0-ce cli/command/container/attach.go, getExitStatus:

    ``container, err := apiclient.ContainerInspect(ctx, containerID)`` ...
    ``status := container.State.ExitCode``; ``if status != 0 { return
    cli.StatusError{StatusCode: status} }``.

    Recorded on docker CLIs 17.06.0, 18.01.0 and 18.02.0 built from their tags
    (scripts/build_docker_cli.sh) against the conformance stub, whose container is running
    with ``State.ExitCode`` 0 whatever the wait response says: each exited 0.
    """
    profile = profiles.docker(vector["cli"])
    result = resolve("attach", wait=vector["wait"], state=vector["state"], profile=profile)
    assert result.exit_code == vector["exit_code"]
    assert result.rule == "docker-cli/attach-inspects-exit-code"


def test_attach_before_18_03_reads_an_exited_state() -> None:
    state = {"Status": "exited", "Running": False, "ExitCode": 13}
    result = resolve("attach", state=state, profile=profiles.docker("18.02.0"))
    assert (result.exit_code, result.outcome) == (13, ExitOutcome.COMMAND_FAILED)
    oom = {"Status": "exited", "Running": False, "ExitCode": 137, "OOMKilled": True}
    assert resolve("attach", state=oom, profile=profiles.docker("17.06.0")).outcome is (
        ExitOutcome.OOM_KILLED
    )


def test_attach_before_18_03_needs_the_inspected_state() -> None:
    """The wait response is not what the CLI read: answering from it would be a guess."""
    old = profiles.docker("18.02.0")
    with pytest.raises(InvalidArgumentError, match=r"State\.ExitCode"):
        resolve("attach", wait={"StatusCode": 13}, profile=old)
    with pytest.raises(InvalidArgumentError, match="no wait request"):
        resolve("attach", phase="wait", error="No such container: c1", profile=old)


def test_attach_waits_from_18_03() -> None:
    """docker/cli 66661761d5 (v18.03.0), "attach: Use ContainerWait instead of Inspect".

    Observed on CLI 18.03.1 built from its tag: exit 13 for a wait StatusCode 13 while the
    stub's inspect said ExitCode 0 (tests/conformance/vectors, 18.03.1).
    """
    result = resolve("attach", wait={"StatusCode": 13}, profile=profiles.docker("18.03.0"))
    assert (result.exit_code, result.rule) == (13, "docker-cli/container-status")
    wait_error = {"StatusCode": 0, "Error": {"Message": "boom"}}
    new = resolve("attach", wait=wait_error, profile=profiles.docker("18.03.0"))
    assert (new.exit_code, new.rule) == (1, "docker-cli/attach-wait-error")


# --- the docker CLI against podman's Docker API ----------------------------------------------

ON_PODMAN_4 = profiles.docker("20.10.24", daemon="podman", engine_version="4.3.1")
ON_PODMAN_5 = profiles.docker("29.7.2", daemon="podman", engine_version="5.4.2")


@pytest.mark.parametrize("profile", [ON_PODMAN_4, ON_PODMAN_5])
@pytest.mark.parametrize("command", ["run", "start -a"])
def test_podman_api_start_failure_fails_the_attach(command: str, profile: Any) -> None:
    """containers/podman compat/containers_attach.go@v4.3.1: ``if err := ctr.Init(...); err !=
    nil { utils.Error(w, http.StatusConflict, fmt.Errorf("preparing container %s for attach:
    %w", ...)) }``: the CLI, attached before it starts, exits 1 on the refused upgrade."""
    error = 'Error response from daemon: runc: exec: "nosuch": executable file not found in $PATH'
    got = resolve(command, error=error, profile=profile)
    assert (got.exit_code, got.rule) == (1, "docker-cli/podman-attach-initialises")
    # against dockerd the start error is read: 127 for run, 1 for start -a
    against_dockerd = resolve(command, error=error, profile=profiles.docker("20.10.24"))
    assert against_dockerd.exit_code == (127 if command == "run" else 1)
    # detached, the CLI never attaches: the start error decides as against dockerd
    assert resolve("run", error=error, detach=True, profile=profile).exit_code == 127


def test_podman_api_run_rm_start_failure_never_hangs() -> None:
    """CLI 26.1.1 hangs on an attached run --rm whose start fails (#5043); against podman the
    attach fails first, so the CLI never waits."""
    error = "exec: nosuch: executable file not found in $PATH"
    on_podman = profiles.docker("26.1.1", daemon="podman", engine_version="5.4.2")
    assert resolve("run", error=error, auto_remove=True, profile=on_podman).exit_code == 1
    with pytest.raises(NeverExitsError):
        resolve("run", error=error, auto_remove=True, profile=profiles.docker("26.1.1"))


@pytest.mark.parametrize(("status", "outcome"), [(3, ExitOutcome.COMMAND_FAILED), (137, None)])
def test_podman_before_4_6_answers_the_removed_wait_with_0(
    status: int, outcome: ExitOutcome | None
) -> None:
    """containers/podman#18889: the compat wait with condition=removed returns 0; fixed in
    4.6.0 by #18912 ("remote wait: fix 'removed' condition")."""
    got = resolve("run", wait=status, auto_remove=True, profile=ON_PODMAN_4)
    assert (got.exit_code, got.rule) == (0, "docker-cli/podman-rm-wait-answers-0")
    assert got.outcome is (outcome or resolve("run", wait=status).outcome)
    assert f"status was {status}" in got.reason
    # the row needs --rm, an attached run, and podman before 4.6
    assert resolve("run", wait=status, profile=ON_PODMAN_4).exit_code == status
    assert resolve("run", wait=status, auto_remove=True, profile=ON_PODMAN_5).exit_code == status
    at_gate = profiles.docker("20.10.24", daemon="podman", engine_version="4.6.0")
    assert resolve("run", wait=status, auto_remove=True, profile=at_gate).exit_code == status
    assert (
        resolve("run", wait=status, auto_remove=True, detach=True, profile=ON_PODMAN_4).exit_code
        == 0
    )
    # a failed read while waiting: the status is unknown, the CLI's answer is still 0
    lost = resolve(
        "run", error="no such container", phase="wait", auto_remove=True, profile=ON_PODMAN_4
    )
    assert (lost.exit_code, lost.outcome) == (0, ExitOutcome.STATUS_UNKNOWN)


def test_podman_api_exec_codes_are_podmans() -> None:
    """libpod/define/exec_codes.go: TranslateExecErrorToExitCode: a command that was not found
    is 127 whatever the CLI; dockerd before 28 records 126."""
    error = "OCI runtime attempted to invoke a command that was not found"
    assert resolve("exec", phase="start", error=error, profile=ON_PODMAN_4).exit_code == 127
    assert (
        resolve("exec", phase="start", error=error, profile=profiles.docker("20.10.24")).exit_code
        == 126
    )


def test_engine_component_rows_are_daemon_rows_only() -> None:
    """Daemon-version rows are read only where the profile's daemon is their engine: the
    daemon layers (from the daemon's module) and behaviours; anywhere else such a row would
    compare a podman version with a dockerd gate."""
    from exitcodes import rules

    for row in rules.ALL_RULES:
        versions = getattr(row, "versions", None)
        if versions is not None and versions.component is rules.Component.ENGINE:
            assert getattr(row, "layer", None) in (rules.Layer.ENGINE, rules.Layer.ENGINE_EXEC), (
                row.id
            )
    assert rules.behaviour("docker-engine/exec-not-found-127", profiles.docker("28.0.0"))
    assert not rules.behaviour("docker-engine/exec-not-found-127", ON_PODMAN_5)


def test_a_container_error_is_the_containers_status_as_wait() -> None:
    """docker-py: "ContainerError: ... exit_status: the exit status of the container": the
    container's status, given as wait= (its own parameter) or, as before, as error=."""

    class ContainerError(Exception):
        exit_status = 3
        stderr = b"boom\n"

    as_wait = resolve("run", wait=ContainerError("x"))
    as_error = resolve("run", error=ContainerError("x"))
    assert as_wait == as_error == resolve("run", wait={"StatusCode": 3, "Error": None})
    with pytest.raises(MalformedEvidenceError, match="ContainerError"):
        resolve("run", wait=ValueError("no status"))
