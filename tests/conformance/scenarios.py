"""The conformance table: named scenarios, each tied to a row of :data:`ROWS`.

:data:`ROWS` states each behaviour in full: the ``O`` rows (``O1``…) are what the real docker
CLI 28.2.2 (API 1.50, Linux) exited with against a scripted stub Engine API, for about 200
scripted daemon behaviours; the ``S`` rows (``S1``…) are situations read from the docker/cli
and moby sources (``tests/test_resolve.py`` quotes the deciding lines). Every row that a stub
daemon can express becomes one or more :class:`Scenario`\\ s. A scenario carries

(a) the CLI argv (without the leading ``docker``),
(b) the stub :class:`~stub.Behaviour` (or a "no daemon" kind), and
(c) the library call that should predict the CLI's exit code: keyword arguments for
    ``exitcodes.resolve`` (``command`` included), see :func:`predict`.

Rows that no stub can express are listed in :data:`NOT_EXPRESSIBLE` with the reason.
"""

from __future__ import annotations

import json
import os
import re
import signal
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Final

from conformance.runner import DEFAULT_TIMEOUT, CliBinary, DaemonKind, RunResult, run_cli
from conformance.stub import (
    CREATED_ID,
    Behaviour,
    api_error,
    die,
    drop,
    exec_inspect,
    hang,
    headers_then_drop,
    json_reply,
    partial_then_drop,
    pull_stream_error,
    raw_reply,
    wait_reply,
)

__all__ = [
    "ALSO_COVERS",
    "HANG_TIMEOUT",
    "NEVER_EXITS",
    "NOT_EXPRESSIBLE",
    "ROWS",
    "RUN_RM_START_HANGS",
    "SCENARIOS",
    "Scenario",
    "covered_rows",
    "default_workers",
    "failure_report",
    "normalize_stderr",
    "predict",
    "run_many",
    "run_scenario",
    "vector",
    "vector_line",
    "version_tuple",
]

#: The behaviours the scenarios cover, by id. ``O<n>``: observed on docker CLI 28.2.2 against
#: the stub Engine API; ``S<n>``: read from the docker/cli and moby sources (``#n`` numbers
#: them in the order of the CLI's code paths).
ROWS: Final[dict[str, str]] = {
    "O1": "documented: `run --foo busybox` -> 125",
    "O2": 'documented: start error `exec: "/etc": is a directory` / `permission denied` -> 126',
    "O3": "documented: start error `executable file not found in $PATH` -> 127",
    "O4": "documented: `run ... sh -c 'exit 3'` (wait StatusCode 3) -> 3",
    "O5": "documented: `attach` to a container that exits 13 -> 13",
    "O6": "start error with `no such file or directory` anywhere (stat of the command, bind mount, cgroup file, hostconfig.json) -> 127",
    "O7": "start error with both `permission denied` and `no such file or directory`, in either order -> 127",
    "O8": "start error `permission denied` in a mount error -> 126",
    "O9": 'runc 1.1\'s real message for `/etc` (`exec: "/etc": permission denied`) -> 126',
    "O10": "old docs message `Container command '/etc' not found or does not exist.` -> 125",
    "O11": "`Executable file not found` (capital E) -> 125",
    "O12": "`exec format error`, port already allocated, generic messages -> 125",
    "O13": "start HTTP 500 generic / 404 No such container / 409 / non-JSON body / 502 empty / connection dropped / daemon dies at start -> 125",
    "O14": "start HTTP 500 with `no such file or directory` (the HTTP status is ignored) -> 127",
    "O15": "create 404 + pull HTTP 404 (access denied) / pull stream error / `--pull=never` / create 409 name conflict / create 400 / create 500 -> 125",
    "O16": "create 500 `...: no such file or directory` / pull stream error `...: no such file or directory` -> 127",
    "O17": "create 500 `mkdir ...: permission denied` -> 126",
    "O18": "image missing, pull succeeds, container exits 4 -> 4",
    "O19": "wait StatusCode 0,1,2,3,126,127,128,130,137,139,143,255 -> the same value",
    "O20": "wait StatusCode 256 / 257 / 300 / 511 / 512 -> 0 / 1 / 44 / 255 / 0",
    "O21": "wait StatusCode -1 / -2 / -255 / -256 -> 255 / 254 / 1 / 0",
    "O22": "wait StatusCode 65536 / 2^31-1 / 2^31 / 3221225477 / 2^32-1 / 2^32 / int64 min / int64 max -> 0 / 255 / 0 / 5 / 255 / 0 / 0 / 255",
    "O23": "wait StatusCode 137 with inspect OOMKilled=true (not read) -> 137",
    "O24": "wait `Error.Message` set (with StatusCode 0 or 3, even an empty Message) -> 125",
    "O25": 'wait body `3.0`, 2^64, `"3"` (JSON decode error), non-JSON text, HTTP 404/500 -> 125',
    "O26": "wait body `{}` -> 0",
    "O27": "connection drops mid-wait (after headers or after partial JSON) / daemon dies mid-wait (`run`, `run --rm`) -> 125",
    "O28": "attach HTTP 404/500 during `run` (even if the message says `executable file not found`) -> 1",
    "O29": "`run -i` / `-t` / `-a stderr` / `--sig-proxy=false` / `container run`, exit 3 -> 3",
    "O30": "`run -it` with stdin not a TTY -> 1",
    "O31": "CLI gets SIGTERM during `run`: forwarded as `kill?signal=TERM`, exit code is the container's (143 or 0)",
    "O32": "same with `--sig-proxy=false`: SIGTERM is ignored and the CLI waits for the container (7)",
    "O33": "CLI gets SIGKILL -> killed (shell 137)",
    "O34": "`run -d` success, and the container later exits 3 -> 0",
    "O35": "`run -d` start error `executable file not found` / `is a directory` / generic -> 127 / 126 / 125",
    "O36": "`run -d` create 500 / pull fails -> 125",
    "O37": "`run -d` wait HTTP 500 -> 0 (the error is still logged)",
    "O38": "`run --rm`: exit 0 / 3 / 137 -> 0 / 3 / 137",
    "O39": "`run --rm`: start `executable file not found` / `is a directory` / 500 -> 127 / 126 / 125",
    "O40": "`run --rm`: wait Error (removal failed) / wait dropped -> 125",
    "O41": "`run --rm`: start error and `wait?condition=removed` never answered -> the CLI hangs",
    "O42": "`run --rm -d`: success / `executable file not found` -> 0 / 127",
    "O43": "`start -a`: exit 0 / 3 / 137 / 256 / -1; AutoRemove exit 3 -> 0 / 3 / 137 / 0 / 255; 3",
    "O44": "`start -a`: start error `executable file not found` / `is a directory` / 500 (no 125/126/127 mapping) -> 1",
    "O45": "`start -a`: no such container / two containers -> 1",
    "O46": "`start -a`: wait Error.Message / wait dropped -> 125",
    "O47": "`start` (no -a): 404 / start error / `c1 c2` where the second fails -> 1",
    "O48": "`attach`: exit 0 / 3 / 137 / 256 / -1 / 5 (`--no-stdin`) -> 0 / 3 / 137 / 0 / 255 / 5",
    "O49": "`attach`: wait Error.Message / wait 404 / wait dropped / daemon dies mid-wait -> 1 (not 125)",
    "O50": "`attach`: stopped / paused / restarting / no such container / attach 500 -> 1",
    "O51": "`exec`: inspect ExitCode 0 / 5 / 126 / 127 / 256 / -1 / null -> 0 / 5 / 126 / 127 / 0 / 255 / 0",
    "O52": "`exec`: the container inspect says exited (not checked), ExitCode 5 -> 5",
    "O53": "`exec`: no such container / exec create 409 not running / exec create 500 `executable file not found` / exec start 500 / exec inspect 500 or 404 -> 1",
    "O54": "`exec`: daemon dies after the stream / exec inspect connection dropped (connection failure, so -1) -> 255",
    "O55": "`exec -d` success / exec start 500 -> 0 / 1",
    "O56": "`exec -it` with stdin not a TTY / `exec c1` without a command -> 1",
    "O57": "`wait c1` (3 or 137) / `wait c1 c2 c3` (0,3,137) / wait Error.Message -> 0 (codes printed on stdout)",
    "O58": "`wait c1 nosuch c3` / both missing / dropped / daemon dies mid-wait / `wait` with no args -> 1",
    "O59": "`frobnicate`, `container frobnicate`, `run` with no image -> 1",
    "O60": "unknown flag for any command (`ps --foo`, `exec --foo`, `start --foo`, `attach --foo`, `wait --foo`, global `--foo`) / bad flag value / `--rm --restart=always` / invalid reference -> 125",
    "O61": "no daemon (connection refused): `run` / `run -d` -> 125",
    "O62": "no daemon: `start -a` / `exec` / `attach` / `wait` / `ps` -> 1",
    "O63": "daemon API 1.41 (the CLI negotiates down) or `/_ping` returning 500, then run exit 3 -> 3",
    "S1": "#1 any command returns a plain (non-StatusError) error -> 1",
    "S2": "#2 StatusError with StatusCode N != 0 -> N (low 8 bits on POSIX)",
    "S3": "#3 StatusError with StatusCode 0 -> 1",
    "S4": "#4 unknown / invalid flag, any command incl. global flags -> 125",
    "S5": "#5 wrong number of positional args (`docker run` with no image, `docker rm`) -> 1",
    "S6": "#6 unknown top-level command `docker foo` -> 1",
    "S7": "#7 unknown sub-command `docker container foo` -> 1",
    "S8": "#8 `docker` with no args -> 0 (help printed)",
    "S9": "#9 CLI plugin exits with code N -> N",
    "S10": "#10 `docker run/create`: invalid `--pull` value, or option parse/validation error (`--env-file` unreadable, ...) -> 125",
    "S11": "#11 `docker run`: daemon unreachable -> substring mapping (125 for `Cannot connect ...`); `docker create/pull/ps/...`: always 1",
    "S12": "#12 `docker run`: container create fails -> 125 unless the message contains a 127/126 substring",
    "S13": "#13 `docker create`: create fails -> 1 (no mapping)",
    "S14": "#14 `docker run`: start error contains `executable file not found` / `no such file or directory` / `system cannot find the file specified` -> 127",
    "S15": "#15 `docker run`: start error contains `permission denied` / `is a directory` (CLI >= 23.0.1) -> 126",
    "S16": "#16 `docker run`: start fails otherwise -> 125",
    "S17": "#17 `docker run --rm` start failure -> same as #14-16",
    "S18": "#18 `docker run -d` and start succeeds -> 0",
    "S19": "#19 `docker run` attached; container exits with N -> N",
    "S20": "#20 container killed by signal S -> 128+S (137, 143, ...)",
    "S21": "#21 wait API returns `Error.Message` -> 125",
    "S22": "#22 wait API call itself fails (connection dropped, proxy garbage) -> 125",
    "S23": "#23 attached stream (hijack) fails -> 1",
    "S24": "#24 detach key sequence in `docker run -it` / `docker start -ai` -> 0",
    "S25": "#25 detach key sequence in `docker attach` / `docker exec -it` -> 1",
    "S26": "#26 `docker run -a stdin` only -> CLI <= 27: 0; CLI >= 28.0.0: the container's code",
    "S27": "#27 `-it` when stdin is not a TTY; `--attach` with `--detach`; bad `--detach-keys` -> 1",
    "S28": "#28 `docker start` (no -a) and a container fails to start -> 1",
    "S29": "#29 `docker start -a` start fails -> 1 (no 126/127 mapping)",
    "S30": "#30 `docker start -a` container exits N -> N",
    "S31": "#31 `docker attach`: container exits N -> N",
    "S32": "#32 `docker attach`: wait returns `Error.Message` / wait request error -> 1",
    "S33": "#33 `docker attach` to stopped / paused / restarting container -> 1",
    "S34": "#34 `docker exec` (attached): process exits N -> N (from ExecInspect.ExitCode)",
    "S35": "#35 `docker exec` binary not found -> 126 (Engine <= 27) / 127 (Engine >= 28), relayed from ExecInspect",
    "S36": "#36 `docker exec` EACCES / EISDIR -> 126, relayed from ExecInspect",
    "S37": "#37 `docker exec` other start failure -> 126 / 128, relayed from ExecInspect",
    "S38": "#38 `docker exec` and ExecInspect fails with a connection error -> 255",
    "S39": "#39 `docker exec -d` -> 0 if exec start accepted; API errors -> 1",
    "S40": "#40 `docker exec` on a stopped/paused container, exec create errors -> 1",
    "S41": "#41 `docker wait c1 c2...` -> 0 after printing every StatusCode; 1 if any wait request failed",
    "S42": "#42 SIGINT/SIGTERM to the CLI with sig-proxy -> forwarded; exit = the container's code",
    "S43": "#43 SIGINT/SIGTERM otherwise (CLI >= 27): command context cancelled",
    "S44": "#44 SIGINT/SIGTERM, CLI <= v26 without a handler -> killed by the signal",
    "S45": "#45 interactive prompt interrupted by SIGINT -> 0",
}

#: Rows no stub scenario can express, and why (printed in the summary and the docs).
NOT_EXPRESSIBLE: Final[dict[str, str]] = {
    "O33": "the CLI is killed by SIGKILL: there is no exit code to predict",
    "O41": "the CLI hangs forever: there is no exit code to predict",
    "S3": "no daemon reply makes the CLI return a StatusError with code 0",
    "S9": "needs a CLI plugin; exitcodes.resolve has no parameter for a plugin's exit status",
    "S24": "detach keys need a TTY on stdin; the runner's stdin is /dev/null",
    "S25": "detach keys need a TTY on stdin; the runner's stdin is /dev/null",
    "S44": "the CLI dies by the signal: no exit code here (test_cancellation_live.py counts it"
    " as 128+n, as a shell reports it)",
    "S45": "needs an interactive prompt on a TTY",
}

#: S rows whose cases are the same as O rows (no scenario of their own).
ALSO_COVERS: Final[dict[str, tuple[str, ...]]] = {
    "S4": ("O1", "O60"),
    "S12": ("O15", "O16", "O17"),
    "S14": ("O3", "O6", "O14"),
    "S15": ("O2", "O8", "O9"),
    "S16": ("O10", "O11", "O12", "O13"),
    "S17": ("O39",),
    "S18": ("O34",),
    "S19": ("O4", "O19"),
    "S21": ("O24",),
    "S22": ("O25", "O27"),
    "S23": ("O28",),
    "S27": ("O30", "O56"),
    "S29": ("O44",),
    "S30": ("O43",),
    "S31": ("O5", "O48"),
    "S32": ("O49",),
    "S33": ("O50",),
    "S34": ("O51",),
    "S39": ("O55",),
    "S41": ("O57", "O58"),
    "S42": ("O31",),
    "S43": ("S42",),
}

#: The runc error prefix of Engine 24+ with containerd 1.6+: moby docker-v29.7.2
#: daemon/internal/libcontainerd/remote/client.go "failed to create task for container: ",
#: containerd core/runtime/v2/task_manager.go "failed to create shim task: ",
#: cmd/containerd-shim-runc-v2/process/init.go "OCI runtime create failed: ", then runc's
#: "runc create failed: unable to start container process: ".
RUNC: Final = (
    "failed to create task for container: failed to create shim task: OCI runtime create failed: "
    "runc create failed: unable to start container process: "
)
#: What the Go client says when nothing listens (client text, not a daemon message).
CANNOT_CONNECT: Final = (
    "Cannot connect to the Docker daemon at tcp://127.0.0.1:2375. Is the docker daemon running?"
)
START_EOF: Final = (
    f'error during connect: Post "http://127.0.0.1:2375/v1.50/containers/{CREATED_ID}/start": EOF'
)
EXEC_JSON_EOF: Final = 'error during connect: Get "http://127.0.0.1:2375/v1.50/exec/e7ec/json": EOF'
NO_SUCH_IMAGE: Final = "No such image: busybox:latest"
PULL_DENIED: Final = (
    "pull access denied for busybox, repository does not exist or may require 'docker login': "
    "denied: requested access to the resource is denied"
)


@dataclass(frozen=True)
class Scenario:
    """One conformance case: argv, daemon behaviour, and the library call predicting it."""

    #: Unique, starts with the row id it comes from (``o13-start-500-generic``).
    name: str
    #: The row id in :data:`ROWS`.
    row: str
    #: The CLI arguments, without ``docker``.
    argv: tuple[str, ...]
    #: Keyword arguments for ``exitcodes.resolve`` (``command`` included).
    call: Mapping[str, Any]
    #: The stub daemon's behaviour (ignored unless ``daemon == "stub"``).
    behaviour: Behaviour = field(default_factory=Behaviour)
    daemon: DaemonKind = "stub"
    #: Send this signal to the CLI after the container started (``run`` signal proxying).
    signal_after_start: int | None = None
    #: ``((version, call), ...)``: for CLIs older than ``version``, use that call instead.
    call_before: tuple[tuple[str, Mapping[str, Any]], ...] = ()
    #: Only run on CLIs at least this new (with the reason in ``note``).
    min_cli: str | None = None
    #: Only run on CLIs older than this (with the reason in ``note``).
    max_cli: str | None = None
    #: ``((since, until), ...)``: CLI versions ``since <= v < until`` that never exit in this
    #: scenario (a bug of that CLI); the live test then expects the run to time out.
    hangs: tuple[tuple[str, str], ...] = ()
    note: str = ""

    def call_for(self, cli_version: str) -> Mapping[str, Any]:
        """The ``resolve`` keyword arguments that apply to ``cli_version``."""
        for threshold, call in sorted(self.call_before, key=lambda item: version_tuple(item[0])):
            if version_tuple(cli_version) < version_tuple(threshold):
                return call
        return self.call

    def hangs_on(self, cli_version: str) -> bool:
        """Whether a CLI of that version never exits in this scenario (see :attr:`hangs`)."""
        version = version_tuple(cli_version)
        return any(
            version_tuple(since) <= version < version_tuple(until) for since, until in self.hangs
        )

    def applies_to(self, cli_version: str) -> bool:
        """Whether this scenario is run against a CLI of that version."""
        version = version_tuple(cli_version)
        if self.min_cli is not None and version < version_tuple(self.min_cli):
            return False
        return self.max_cli is None or version < version_tuple(self.max_cli)


def covered_rows(scenarios: list[Scenario] | None = None) -> set[str]:
    """The row ids with at least one scenario (directly, or through :data:`ALSO_COVERS`)."""
    direct = {s.row for s in (SCENARIOS if scenarios is None else scenarios)}
    return direct | {row for row, others in ALSO_COVERS.items() if direct.intersection(others)}


def version_tuple(version: str) -> tuple[int, ...]:
    """``"20.10.24"`` -> ``(20, 10, 24)`` (ignores a leading ``v`` and ``+``/``-`` suffixes)."""
    core = version.lstrip("v").split("+")[0].split("-")[0]
    return tuple(int(part) for part in core.split(".") if part.isdigit())


def predict(call: Mapping[str, Any], cli_version: str) -> int:
    """What ``exitcodes.resolve`` says for ``call`` with the profile of that CLI version."""
    import exitcodes  # imported late: the live suite can still report without the library

    kwargs = dict(call)
    command = kwargs.pop("command")
    if isinstance(kwargs.get("attached_streams"), list):
        kwargs["attached_streams"] = tuple(kwargs["attached_streams"])
    result = exitcodes.resolve(command, **kwargs, profile=exitcodes.profiles.docker(cli_version))
    return int(result.exit_code)


_STDERR_NOISE: Final = (
    # CLI <= 26 logs this for the cancelled wait of a failed start, or not, depending on timing.
    (
        re.compile(
            r'time="[^"]*" level=error msg="error waiting for container: context canceled"\n?'
        ),
        "",
    ),
    (re.compile(r'time="[^"]*"'), 'time="T"'),
    (re.compile(r"127\.0\.0\.1:\d+"), "127.0.0.1:PORT"),
    (re.compile(r"/[\w/.-]*/exitcodes-cli-[\w]+"), "$HOME"),
)


def normalize_stderr(text: str) -> str:
    """Strip what changes from run to run (log timestamps, stub ports, temp dirs)."""
    for pattern, replacement in _STDERR_NOISE:
        text = pattern.sub(replacement, text)
    return text.strip()


def vector(scenario: Scenario, cli: CliBinary, result: RunResult) -> dict[str, Any]:
    """The recorded-vector form of one live run (one JSONL line in ``vectors/``)."""
    stderr = normalize_stderr(result.stderr)
    return {
        "name": scenario.name,
        "row": scenario.row,
        "cli": cli.version,
        "argv": ["docker", *scenario.argv],
        "daemon": scenario.daemon,
        "behaviour": scenario.behaviour.summary() if scenario.daemon == "stub" else None,
        "resolve": dict(scenario.call_for(cli.version)),
        "exit_code": result.exit_code,
        "stderr": stderr if len(stderr) <= 600 else stderr[:600] + "...",
    }


def vector_line(record: Mapping[str, Any]) -> str:
    """One JSONL line (ASCII, so control characters and unicode stay visible and pasteable)."""
    return json.dumps(record, ensure_ascii=True, sort_keys=False)


#: The CLIs that never exit when an attached ``docker run --rm`` fails to start
#: (docker/cli v26.1.1 cli/command/container/utils.go waitExitOrRemoved returns on
#: ``if errors.Is(err, context.Canceled) { return }`` without closing ``statusC``, and run.go
#: then blocks on ``if copts.autoRemove { <-statusChan }``; docker/cli #5043, fixed by #5062
#: in 26.1.2 with ``defer close(statusC)``). Observed: 26.1.1 hangs, 26.1.0 and 26.1.2 exit
#: at once.
RUN_RM_START_HANGS: Final = (("26.1.1", "26.1.2"),)

#: What the live test calls the answer of a CLI that never exits (resolve raises
#: :class:`exitcodes.NeverExitsError`; the binary is still running at the timeout).
NEVER_EXITS: Final = "never exits"

#: How long a CLI that is expected to hang (:attr:`Scenario.hangs`) is given, in seconds; the
#: fixed releases exit within a second in the same scenario.
HANG_TIMEOUT: Final = 6.0


def run_scenario(cli: CliBinary, scenario: Scenario) -> RunResult:
    """Run one scenario against one CLI (its own stub server)."""
    return run_cli(
        cli,
        scenario.argv,
        scenario.behaviour,
        daemon=scenario.daemon,
        signal_after_start=scenario.signal_after_start,
        timeout=HANG_TIMEOUT if scenario.hangs_on(cli.version) else DEFAULT_TIMEOUT,
    )


def default_workers() -> int:
    """Parallel CLI runs: ``$EXITCODES_CONFORMANCE_WORKERS`` or 4 per core (the runs mostly wait)."""
    configured = os.environ.get("EXITCODES_CONFORMANCE_WORKERS")
    if configured:
        return max(1, int(configured))
    return max(2, 4 * (os.cpu_count() or 1))


def run_many(
    pairs: list[tuple[CliBinary, Scenario]], workers: int | None = None
) -> list[RunResult]:
    """Run every (cli, scenario) pair in a thread pool; results in the same order."""
    with ThreadPoolExecutor(max_workers=workers or default_workers()) as pool:
        return list(pool.map(lambda pair: run_scenario(*pair), pairs))


def failure_report(
    scenario: Scenario, cli: CliBinary, result: RunResult, predicted: int | str
) -> str:
    """A failure message: the ready-to-paste JSONL vector, then what the library said and why."""
    lines = [
        vector_line(vector(scenario, cli, result)),
        f"  real docker {cli.version} ({cli.path}) exited {result.exit_code}"
        + (" (TIMED OUT)" if result.timed_out else "")
        + f"; exitcodes.resolve said {predicted}",
        f"  row {scenario.row}: {ROWS.get(scenario.row, 'generated by tests/conformance/differential.py')}",
    ]
    if scenario.note:
        lines.append(f"  note: {scenario.note}")
    lines.extend(f"  note: {n}" for n in result.notes)
    lines.append("  requests: " + ("; ".join(result.request_lines()) or "(none)"))
    lines.append("  stderr: " + json.dumps(result.stderr[:1500]))
    return "\n".join(lines)


# -- building blocks ------------------------------------------------------------------------

_scenarios: list[Scenario] = []


def _add(
    name: str,
    argv: tuple[str, ...] | list[str],
    call: Mapping[str, Any],
    behaviour: Behaviour | None = None,
    **extra: Any,
) -> None:
    row = name.split("-", 1)[0].upper()
    assert row in ROWS, name
    _scenarios.append(
        Scenario(
            name=name,
            row=row,
            argv=tuple(argv),
            call=call,
            behaviour=behaviour or Behaviour(),
            **extra,
        )
    )


def _run(**kw: Any) -> dict[str, Any]:
    return {"command": "run", **kw}


def _start_error(message: str, status: int = 400) -> Behaviour:
    return Behaviour(start=api_error(status, message))


RUN: Final = ("run", "busybox")
START_A: Final = ("start", "-a", "c1")
PREEXISTING: Final = Behaviour(state="created")


def _build() -> list[Scenario]:
    # ---- docker run: flags, documented cases ------------------------------------------------
    _add(
        "o1-run-unknown-flag",
        ["run", "--foo", "busybox"],
        _run(error="unknown flag: --foo", phase="flags"),
    )
    _add(
        "o2-run-start-is-a-directory",
        [*RUN, "/etc"],
        _run(error=RUNC + 'exec: "/etc": is a directory: unknown', phase="start"),
        _start_error(RUNC + 'exec: "/etc": is a directory: unknown'),
        note="CLI < 23.0.1 does not know `is a directory`: 125",
    )
    _add(
        "o2-run-start-permission-denied",
        [*RUN, "/etc"],
        _run(error=RUNC + 'exec: "/etc": permission denied: unknown', phase="start"),
        _start_error(RUNC + 'exec: "/etc": permission denied: unknown'),
    )
    _add(
        "o3-run-start-executable-not-found",
        [*RUN, "foo"],
        _run(
            error=RUNC + 'exec: "foo": executable file not found in $PATH: unknown', phase="start"
        ),
        _start_error(RUNC + 'exec: "foo": executable file not found in $PATH: unknown'),
    )
    _add(
        "o4-run-exit-3",
        [*RUN, "sh", "-c", "exit 3"],
        _run(wait={"StatusCode": 3}),
        Behaviour(wait=wait_reply(3)),
    )
    _add(
        "o4-run-exit-3-int",
        [*RUN, "sh", "-c", "exit 3"],
        _run(wait=3),
        Behaviour(wait=wait_reply(3)),
    )
    _add(
        "o5-attach-exit-13",
        ["attach", "c1"],
        {"command": "attach", "wait": {"StatusCode": 13}},
        Behaviour(wait=wait_reply(13)),
    )

    # ---- docker run: start error texts ------------------------------------------------------
    for slug, msg in [
        ("stat-command", RUNC + 'exec: "/bin/x": stat /bin/x: no such file or directory: unknown'),
        (
            "bind-mount",
            RUNC + 'error during container init: error mounting "/src" to rootfs at "/dst": '
            "mount /src:/dst (via /proc/self/fd/6), flags: 0x5000: no such file or directory: unknown",
        ),
        (
            "cgroup-file",
            RUNC
            + "error during container init: open /sys/fs/cgroup/cpu.max: no such file or directory: unknown",
        ),
        (
            "hostconfig",
            "open /var/lib/docker/containers/abc/hostconfig.json: no such file or directory",
        ),
    ]:
        _add(f"o6-run-start-enoent-{slug}", RUN, _run(error=msg, phase="start"), _start_error(msg))
    both = [
        (
            "denied-then-enoent",
            RUNC + "open /proc/self/fd: permission denied: stat /x: no such file or directory",
        ),
        (
            "enoent-then-denied",
            RUNC + "stat /x: no such file or directory: open /y: permission denied",
        ),
    ]
    for slug, msg in both:
        _add(f"o7-run-start-{slug}", RUN, _run(error=msg, phase="start"), _start_error(msg))
    mount_denied = (
        RUNC + 'error during container init: error mounting "/data" to rootfs at "/data": '
        "mount /data:/data (via /proc/self/fd/6), flags: 0x5000: permission denied: unknown"
    )
    _add(
        "o8-run-start-mount-permission-denied",
        RUN,
        _run(error=mount_denied, phase="start"),
        _start_error(mount_denied),
    )
    runc11 = RUNC + 'exec: "/etc": permission denied: unknown'
    _add(
        "o9-run-start-runc11-etc",
        [*RUN, "/etc"],
        _run(error=runc11, phase="start"),
        _start_error(runc11),
    )
    old = "Container command '/etc' not found or does not exist."
    _add(
        "o10-run-start-old-docs-message",
        [*RUN, "/etc"],
        _run(error=old, phase="start"),
        _start_error(old, 500),
    )
    cap = RUNC + 'exec: "foo": Executable file not found in $PATH: unknown'
    _add(
        "o11-run-start-capital-executable",
        [*RUN, "foo"],
        _run(error=cap, phase="start"),
        _start_error(cap),
    )
    for slug, msg, status in [
        ("exec-format-error", RUNC + "exec /entrypoint.sh: exec format error: unknown", 500),
        (
            "port-allocated",
            "driver failed programming external connectivity on endpoint web (abc): "
            "Bind for 0.0.0.0:80 failed: port is already allocated",
            500,
        ),
        ("generic", "something went wrong", 500),
        # The daemon's answer quoting a client-side wording: the CLI maps it like any
        # other (and classify reads it as the daemon's, not as a usage or connection error).
        (
            "quotes-unreachable",
            "Cannot connect to the Docker daemon at unix:///var/run/docker.sock."
            " Is the docker daemon running?",
            500,
        ),
        ("quotes-unknown-flag", "unknown flag: --foo", 400),
    ]:
        _add(
            f"o12-run-start-{slug}", RUN, _run(error=msg, phase="start"), _start_error(msg, status)
        )

    # ---- docker run: start HTTP failures ----------------------------------------------------
    _add(
        "o13-run-start-500-generic",
        RUN,
        _run(error="Error response from daemon: boom", phase="start"),
        _start_error("boom", 500),
    )
    _add(
        "o13-run-start-404",
        RUN,
        _run(error=f"Error response from daemon: No such container: {CREATED_ID}", phase="start"),
        _start_error(f"No such container: {CREATED_ID}", 404),
    )
    _add(
        "o13-run-start-409",
        RUN,
        _run(
            error="Error response from daemon: container is marked for removal and cannot be started",
            phase="start",
        ),
        _start_error("container is marked for removal and cannot be started", 409),
    )
    html = "<html><body><h1>500 Internal Server Error</h1></body></html>"
    _add(
        "o13-run-start-non-json",
        RUN,
        _run(error="Error response from daemon: " + html, phase="start"),
        Behaviour(start=raw_reply(500, html, "text/html")),
    )
    _add(
        "o13-run-start-502-empty",
        RUN,
        _run(
            error="request returned 502 Bad Gateway for API route and version http://127.0.0.1:2375/v1.50/containers/ID/start, "
            "check if the server supports the requested API version",
            phase="start",
        ),
        Behaviour(start=raw_reply(502, "")),
    )
    _add(
        "o13-run-start-dropped", RUN, _run(error=START_EOF, phase="start"), Behaviour(start=drop())
    )
    _add(
        "o13-run-start-daemon-dies",
        RUN,
        _run(error=START_EOF, phase="start"),
        Behaviour(start=die()),
    )
    enoent500 = 'error gathering device information while adding custom device "/dev/dri": no such file or directory'
    _add(
        "o14-run-start-500-enoent",
        RUN,
        _run(error=enoent500, phase="start"),
        _start_error(enoent500, 500),
    )

    # ---- docker run: create and pull --------------------------------------------------------
    _add(
        "o15-run-pull-404-denied",
        RUN,
        _run(error="Error response from daemon: " + PULL_DENIED, phase="create"),
        Behaviour(image_missing=True, pull=api_error(404, PULL_DENIED)),
    )
    manifest = "manifest for busybox:latest not found: manifest unknown: manifest unknown"
    _add(
        "o15-run-pull-stream-error",
        RUN,
        _run(error=manifest, phase="create"),
        Behaviour(image_missing=True, pull=pull_stream_error(manifest)),
    )
    _add(
        "o15-run-pull-never",
        ["run", "--pull=never", "busybox"],
        _run(error="Error response from daemon: " + NO_SUCH_IMAGE, phase="create"),
        Behaviour(image_missing=True),
    )
    conflict = (
        'Conflict. The container name "/web" is already in use by container "abc". '
        "You have to remove (or rename) that container to be able to reuse that name."
    )
    _add(
        "o15-run-create-409-name-conflict",
        ["run", "--name", "web", "busybox"],
        _run(error="Error response from daemon: " + conflict, phase="create"),
        Behaviour(create=api_error(409, conflict)),
    )
    bad400 = 'invalid mount config for type "bind": bind source path does not exist: /nonexistent'
    _add(
        "o15-run-create-400",
        RUN,
        _run(error=bad400, phase="create"),
        Behaviour(create=api_error(400, bad400)),
    )
    _add(
        "o15-run-create-500",
        RUN,
        _run(error="boom", phase="create"),
        Behaviour(create=api_error(500, "boom")),
    )
    c500 = "error creating overlay mount to /var/lib/docker/overlay2/abc/merged: no such file or directory"
    _add(
        "o16-run-create-500-enoent",
        RUN,
        _run(error=c500, phase="create"),
        Behaviour(create=api_error(500, c500)),
    )
    pse = "failed to register layer: open /var/lib/docker/tmp/layer: no such file or directory"
    _add(
        "o16-run-pull-stream-enoent",
        RUN,
        _run(error=pse, phase="create"),
        Behaviour(image_missing=True, pull=pull_stream_error(pse)),
    )
    mk = "mkdir /var/lib/docker/containers/abc: permission denied"
    _add(
        "o17-run-create-500-mkdir-denied",
        RUN,
        _run(error=mk, phase="create"),
        Behaviour(create=api_error(500, mk)),
    )
    _add(
        "o18-run-pull-then-exit-4",
        RUN,
        _run(wait={"StatusCode": 4}),
        Behaviour(image_missing=True, wait=wait_reply(4)),
    )

    # ---- docker run: wait status codes ------------------------------------------------------
    for code in (0, 1, 2, 3, 126, 127, 128, 130, 137, 139, 143, 255):
        _add(
            f"o19-run-wait-{code}",
            RUN,
            _run(wait={"StatusCode": code}),
            Behaviour(wait=wait_reply(code)),
        )
    for code in (256, 257, 300, 511, 512):
        _add(
            f"o20-run-wait-{code}",
            RUN,
            _run(wait={"StatusCode": code}),
            Behaviour(wait=wait_reply(code)),
        )
    for code in (-1, -2, -255, -256):
        _add(
            f"o21-run-wait-minus{-code}",
            RUN,
            _run(wait={"StatusCode": code}),
            Behaviour(wait=wait_reply(code)),
        )
    for slug, code in [
        ("65536", 65536),
        ("2p31m1", 2**31 - 1),
        ("2p31", 2**31),
        ("0xc0000005", 3221225477),
        ("2p32m1", 2**32 - 1),
        ("2p32", 2**32),
        ("int64-min", -(2**63)),
        ("int64-max", 2**63 - 1),
    ]:
        _add(
            f"o22-run-wait-{slug}",
            RUN,
            _run(wait={"StatusCode": code}),
            Behaviour(wait=wait_reply(code)),
        )
    _add(
        "o23-run-wait-137-oomkilled",
        RUN,
        _run(
            wait={"StatusCode": 137}, state={"Status": "exited", "OOMKilled": True, "ExitCode": 137}
        ),
        Behaviour(wait=wait_reply(137)),
    )
    for slug, code, msg in [
        ("code0", 0, "removal failed"),
        ("code3", 3, "removal failed"),
        ("empty-message", 0, ""),
    ]:
        _add(
            f"o24-run-wait-error-{slug}",
            RUN,
            _run(wait={"StatusCode": code, "Error": {"Message": msg}}),
            Behaviour(wait=wait_reply(code, msg)),
        )
    decode = "json: cannot unmarshal number into Go value of type container.WaitResponse"
    for slug, body, err in [
        ("float", "3.0", decode),
        ("2p64", str(2**64), decode),
        (
            "string",
            '"3"',
            "json: cannot unmarshal string into Go value of type container.WaitResponse",
        ),
        ("text", "not json at all", "invalid character 'o' in literal null (expecting 'u')"),
    ]:
        _add(
            f"o25-run-wait-body-{slug}",
            RUN,
            _run(error=err, phase="wait"),
            Behaviour(wait=raw_reply(200, body, "application/json")),
        )
    for status in (404, 500):
        _add(
            f"o25-run-wait-http-{status}",
            RUN,
            _run(error="Error response from daemon: wait failed", phase="wait"),
            Behaviour(wait=api_error(status, "wait failed")),
        )
    _add("o26-run-wait-body-empty-object", RUN, _run(wait={}), Behaviour(wait=json_reply({})))
    for flag in ((), ("--rm",)):
        suffix = "-rm" if flag else ""
        argv = ["run", *flag, "busybox"]
        _add(
            f"o27-run{suffix}-wait-drop-after-headers",
            argv,
            _run(error="unexpected EOF", phase="wait"),
            Behaviour(wait=headers_then_drop()),
        )
        _add(
            f"o27-run{suffix}-wait-drop-partial-json",
            argv,
            _run(error="unexpected EOF", phase="wait"),
            Behaviour(wait=partial_then_drop()),
        )
        _add(
            f"o27-run{suffix}-wait-daemon-dies",
            argv,
            _run(error="unexpected EOF", phase="wait"),
            Behaviour(wait=die()),
        )

    # ---- docker run: attach, flags, signals -------------------------------------------------
    for status, msg in [
        (404, "No such container: x"),
        (500, "boom"),
        (500, 'exec: "foo": executable file not found in $PATH'),
    ]:
        slug = f"{status}" + ("-executable-not-found" if "executable" in msg else "")
        _add(
            f"o28-run-attach-{slug}",
            RUN,
            _run(error=f"unable to upgrade to tcp, received {status}", phase="attach"),
            Behaviour(attach=api_error(status, msg)),
        )
    for slug, argv, streams in [
        ("i", ["run", "-i", "busybox"], None),
        ("t", ["run", "-t", "busybox"], None),
        ("a-stderr", ["run", "-a", "stderr", "busybox"], ("stderr",)),
        ("sig-proxy-false", ["run", "--sig-proxy=false", "busybox"], None),
        ("container-run", ["container", "run", "busybox"], None),
    ]:
        call = _run(wait={"StatusCode": 3})
        if streams:
            call["attached_streams"] = streams
        _add(f"o29-run-{slug}-exit-3", argv, call, Behaviour(wait=wait_reply(3)))
    _add(
        "o30-run-it-not-a-tty",
        ["run", "-it", "busybox"],
        _run(error="the input device is not a TTY", phase="args"),
        note="client-side check before any request; mapped to phase='args' (plain error, 1)",
    )
    # The signal the CLI itself gets: resolve(cli_signal=...) reads the rows of
    # exitcodes.rules.CLI_SIGNAL_RULES (CLI 27.0.1 cancels the context and exits 1,
    # docker/cli #4993; 27.1.0 keeps it while attached, #5250). More signal cases, on every
    # binary and with a death by the signal counted as 128+n: test_cancellation_live.py.
    _add(
        "o31-run-sigterm-forwarded-143",
        RUN,
        _run(cli_signal="SIGTERM", phase="wait", wait={"StatusCode": 143}),
        Behaviour(run_for=10.0, kill_exit=143),
        signal_after_start=signal.SIGTERM,
    )
    _add(
        "o31-run-sigterm-forwarded-trapped-0",
        RUN,
        _run(cli_signal="SIGTERM", phase="wait", wait={"StatusCode": 0}),
        Behaviour(run_for=10.0, kill_exit=0),
        signal_after_start=signal.SIGTERM,
    )
    _add(
        "o32-run-sig-proxy-false-sigterm-ignored",
        ["run", "--sig-proxy=false", "busybox"],
        _run(cli_signal="SIGTERM", phase="wait", sig_proxy=False, wait={"StatusCode": 7}),
        Behaviour(run_for=1.0, kill_exit=143, wait=wait_reply(7)),
        signal_after_start=signal.SIGTERM,
        min_cli="27.0.0",
        note="CLI <= 26 installs no SIGTERM handler with --sig-proxy=false and dies by the signal"
        " (no exit code here: test_cancellation_live.py counts it as 143); CLI 27.0.1 prints"
        " `context canceled` and exits 1",
    )

    # ---- docker run -d ----------------------------------------------------------------------
    _add(
        "o34-run-d-exit-3",
        ["run", "-d", "busybox"],
        _run(detach=True, wait={"StatusCode": 3}),
        Behaviour(wait=wait_reply(3)),
    )
    for slug, msg, status in [
        (
            "executable-not-found",
            RUNC + 'exec: "foo": executable file not found in $PATH: unknown',
            400,
        ),
        ("is-a-directory", RUNC + 'exec: "/etc": is a directory: unknown', 400),
        ("generic", "boom", 500),
    ]:
        _add(
            f"o35-run-d-start-{slug}",
            ["run", "-d", "busybox"],
            _run(detach=True, error=msg, phase="start"),
            _start_error(msg, status),
        )
    _add(
        "o36-run-d-create-500",
        ["run", "-d", "busybox"],
        _run(detach=True, error="boom", phase="create"),
        Behaviour(create=api_error(500, "boom")),
    )
    _add(
        "o36-run-d-pull-fails",
        ["run", "-d", "busybox"],
        _run(detach=True, error=PULL_DENIED, phase="create"),
        Behaviour(image_missing=True, pull=api_error(404, PULL_DENIED)),
    )
    _add(
        "o37-run-d-wait-500",
        ["run", "-d", "busybox"],
        _run(detach=True, error="Error response from daemon: wait failed", phase="wait"),
        Behaviour(wait=api_error(500, "wait failed")),
    )
    _add(
        "s18-run-d-wait-never-answered",
        ["run", "-d", "busybox"],
        _run(detach=True),
        Behaviour(wait=hang()),
    )

    # ---- docker run --rm --------------------------------------------------------------------
    for code in (0, 3, 137):
        _add(
            f"o38-run-rm-exit-{code}",
            ["run", "--rm", "busybox"],
            _run(wait={"StatusCode": code}),
            Behaviour(wait=wait_reply(code)),
        )
    for slug, msg, status, removed_code in [
        (
            "executable-not-found",
            RUNC + 'exec: "foo": executable file not found in $PATH: unknown',
            400,
            127,
        ),
        ("is-a-directory", RUNC + 'exec: "/etc": is a directory: unknown', 400, 126),
        ("500", "boom", 500, 128),
    ]:
        _add(
            f"o39-run-rm-start-{slug}",
            ["run", "--rm", "busybox"],
            _run(error=msg, phase="start", auto_remove=True),
            # The stub answers the removed wait after 0.3 s, the removal; CLI 26.1.1 has
            # cancelled its wait by then and never exits.
            Behaviour(
                start=api_error(status, msg), wait=wait_reply(removed_code), removal_delay=0.3
            ),
            hangs=RUN_RM_START_HANGS,
            note="CLI 26.1.1 never exits here (docker/cli #5043, fixed by #5062 in 26.1.2):"
            " resolve raises NeverExitsError (docker-cli/run-rm-start-hangs)",
        )
    _add(
        "o40-run-rm-wait-error-removal-failed",
        ["run", "--rm", "busybox"],
        _run(
            wait={
                "StatusCode": 0,
                "Error": {"Message": "unable to remove filesystem: device or resource busy"},
            }
        ),
        Behaviour(wait=wait_reply(0, "unable to remove filesystem: device or resource busy")),
    )
    _add(
        "o40-run-rm-wait-dropped",
        ["run", "--rm", "busybox"],
        _run(error="unexpected EOF", phase="wait"),
        Behaviour(wait=headers_then_drop()),
    )
    _add("o42-run-rm-d-success", ["run", "--rm", "-d", "busybox"], _run(detach=True), Behaviour())
    nf = RUNC + 'exec: "foo": executable file not found in $PATH: unknown'
    _add(
        "o42-run-rm-d-executable-not-found",
        ["run", "--rm", "-d", "busybox", "foo"],
        _run(detach=True, error=nf, phase="start"),
        Behaviour(start=api_error(400, nf), wait=wait_reply(127)),
    )

    # ---- docker start -a ---------------------------------------------------------------------
    for slug, code in [("0", 0), ("3", 3), ("137", 137), ("256", 256), ("minus1", -1)]:
        _add(
            f"o43-start-a-exit-{slug}",
            START_A,
            {"command": "start -a", "wait": {"StatusCode": code}},
            Behaviour(state="created", wait=wait_reply(code)),
        )
    _add(
        "o43-start-a-autoremove-exit-3",
        START_A,
        {"command": "start -a", "wait": {"StatusCode": 3}},
        Behaviour(state="created", auto_remove=True, wait=wait_reply(3)),
    )
    for slug, msg, status in [
        (
            "executable-not-found",
            RUNC + 'exec: "foo": executable file not found in $PATH: unknown',
            400,
        ),
        ("is-a-directory", RUNC + 'exec: "/etc": is a directory: unknown', 400),
        ("500", "boom", 500),
    ]:
        _add(
            f"o44-start-a-start-{slug}",
            START_A,
            {"command": "start -a", "error": msg, "phase": "start"},
            Behaviour(state="created", start=api_error(status, msg)),
        )
    _add(
        "o45-start-a-no-such-container",
        ["start", "-a", "nosuch"],
        {
            "command": "start -a",
            "error": "Error response from daemon: No such container: nosuch",
            "phase": "start",
        },
        Behaviour(missing=frozenset({"nosuch"})),
    )
    _add(
        "o45-start-a-two-containers",
        ["start", "-a", "c1", "c2"],
        {
            "command": "start -a",
            "error": "you cannot start and attach multiple containers at once",
            "phase": "args",
        },
        PREEXISTING,
    )
    _add(
        "o46-start-a-wait-error-message",
        START_A,
        {"command": "start -a", "wait": {"StatusCode": 0, "Error": {"Message": "boom"}}},
        Behaviour(state="created", wait=wait_reply(0, "boom")),
    )
    _add(
        "o46-start-a-wait-dropped",
        START_A,
        {"command": "start -a", "error": "unexpected EOF", "phase": "wait"},
        Behaviour(state="created", wait=headers_then_drop()),
    )

    # ---- docker start (no -a) ----------------------------------------------------------------
    _add(
        "o47-start-404",
        ["start", "nosuch"],
        {
            "command": "start",
            "error": "Error response from daemon: No such container: nosuch",
            "phase": "start",
        },
        Behaviour(missing=frozenset({"nosuch"})),
    )
    _add(
        "o47-start-start-error",
        ["start", "c1"],
        {"command": "start", "error": nf, "phase": "start"},
        Behaviour(state="created", start=api_error(400, nf)),
    )
    _add(
        "o47-start-second-of-two-fails",
        ["start", "c1", "c2"],
        {
            "command": "start",
            "error": "Error response from daemon: No such container: c2",
            "phase": "start",
        },
        Behaviour(state="created", missing=frozenset({"c2"})),
    )
    _add("s28-start-success", ["start", "c1"], {"command": "start"}, Behaviour(state="created"))

    # ---- docker attach -----------------------------------------------------------------------
    for slug, code, argv in [
        ("0", 0, ["attach", "c1"]),
        ("3", 3, ["attach", "c1"]),
        ("137", 137, ["attach", "c1"]),
        ("256", 256, ["attach", "c1"]),
        ("minus1", -1, ["attach", "c1"]),
        ("5-no-stdin", 5, ["attach", "--no-stdin", "c1"]),
    ]:
        _add(
            f"o48-attach-exit-{slug}",
            argv,
            {"command": "attach", "wait": {"StatusCode": code}},
            Behaviour(wait=wait_reply(code)),
        )
    _add(
        "o49-attach-wait-error-message",
        ["attach", "c1"],
        {"command": "attach", "wait": {"StatusCode": 0, "Error": {"Message": "boom"}}},
        Behaviour(wait=wait_reply(0, "boom")),
    )
    _add(
        "o49-attach-wait-404",
        ["attach", "c1"],
        {
            "command": "attach",
            "error": "Error response from daemon: No such container: c1",
            "phase": "wait",
        },
        Behaviour(wait=api_error(404, "No such container: c1")),
    )
    _add(
        "o49-attach-wait-dropped",
        ["attach", "c1"],
        {"command": "attach", "error": "unexpected EOF", "phase": "wait"},
        Behaviour(wait=headers_then_drop()),
    )
    _add(
        "o49-attach-daemon-dies-mid-wait",
        ["attach", "c1"],
        {"command": "attach", "error": "unexpected EOF", "phase": "wait"},
        Behaviour(wait=die(), run_for=0.3),
    )
    for state in ("exited", "paused", "restarting"):
        verb = {
            "exited": "stopped container, start it first",
            "paused": "paused container, unpause it first",
            "restarting": "restarting container, wait until it is running",
        }[state]
        _add(
            f"o50-attach-{'stopped' if state == 'exited' else state}",
            ["attach", "c1"],
            {"command": "attach", "error": f"You cannot attach to a {verb}", "phase": "attach"},
            Behaviour(state=state),
        )
    _add(
        "o50-attach-no-such-container",
        ["attach", "nosuch"],
        {
            "command": "attach",
            "error": "Error response from daemon: No such container: nosuch",
            "phase": "attach",
        },
        Behaviour(missing=frozenset({"nosuch"})),
    )
    _add(
        "o50-attach-500",
        ["attach", "c1"],
        {"command": "attach", "error": "unable to upgrade to tcp, received 500", "phase": "attach"},
        Behaviour(attach=api_error(500, "boom")),
    )

    # ---- docker exec -------------------------------------------------------------------------
    exec_argv = ["exec", "c1", "sh", "-c", "true"]
    exec_codes: list[tuple[str, int | None]] = [
        ("0", 0),
        ("5", 5),
        ("126", 126),
        ("127", 127),
        ("128", 128),
        ("256", 256),
        ("minus1", -1),
        ("null", None),
    ]
    for slug, exit_code in exec_codes:
        row = "o51" if slug != "128" else "s37"
        _add(
            f"{row}-exec-exitcode-{slug}",
            exec_argv,
            {"command": "exec", "exec_inspect": {"ExitCode": exit_code, "Running": False}},
            Behaviour(exec_inspect=exec_inspect(exit_code)),
        )
    _add(
        "o52-exec-container-exited-exitcode-5",
        exec_argv,
        {"command": "exec", "exec_inspect": {"ExitCode": 5, "Running": False}},
        Behaviour(state="exited", exec_inspect=exec_inspect(5)),
    )
    _add(
        "o53-exec-no-such-container",
        ["exec", "nosuch", "sh"],
        {
            "command": "exec",
            "error": "Error response from daemon: No such container: nosuch",
            "phase": "create",
        },
        Behaviour(missing=frozenset({"nosuch"})),
    )
    _add(
        "o53-exec-create-409-not-running",
        exec_argv,
        {
            "command": "exec",
            "error": "Error response from daemon: container c1 is not running",
            "phase": "create",
        },
        Behaviour(exec_create=api_error(409, "container c1 is not running")),
    )
    exnf = (
        RUNC.replace("create failed", "exec failed")
        + 'exec: "foo": executable file not found in $PATH: unknown'
    )
    _add(
        "o53-exec-create-500-executable-not-found",
        ["exec", "c1", "foo"],
        {"command": "exec", "error": exnf, "phase": "create"},
        Behaviour(exec_create=api_error(500, exnf)),
    )
    _add(
        "o53-exec-start-500",
        exec_argv,
        {"command": "exec", "error": "unable to upgrade to tcp, received 500", "phase": "attach"},
        Behaviour(exec_start=api_error(500, "boom")),
    )
    for status in (500, 404):
        _add(
            f"o53-exec-inspect-{status}",
            exec_argv,
            {"command": "exec", "error": "Error response from daemon: boom", "phase": "wait"},
            Behaviour(exec_inspect=api_error(status, "boom")),
        )
    containerd_down = (
        'connection error: desc = "transport: Error while dialing: dial unix '
        '/run/containerd/containerd.sock: connect: connection refused": unavailable'
    )
    _add(
        "o53-exec-inspect-500-containerd-connection-refused",
        exec_argv,
        {
            "command": "exec",
            "error": "Error response from daemon: " + containerd_down,
            "phase": "wait",
        },
        Behaviour(exec_inspect=api_error(500, containerd_down)),
        note="an API error whose text mentions a refused connection is still an API error: 1",
    )
    _add(
        "o54-exec-daemon-dies-after-stream",
        exec_argv,
        {"command": "exec", "error": CANNOT_CONNECT, "phase": "wait"},
        Behaviour(exec_inspect=die()),
    )
    _add(
        "o54-exec-inspect-dropped",
        exec_argv,
        {"command": "exec", "error": EXEC_JSON_EOF, "phase": "wait"},
        Behaviour(exec_inspect=drop()),
        note="the Go client retries the GET once; CLI 20.10 does not count `error during connect: ... EOF` as a connection failure (exit 1)",
    )
    _add(
        "o55-exec-d-success",
        ["exec", "-d", "c1", "sh"],
        {"command": "exec", "detach": True},
        Behaviour(),
    )
    _add(
        "o55-exec-d-start-500",
        ["exec", "-d", "c1", "sh"],
        {
            "command": "exec",
            "detach": True,
            "error": "Error response from daemon: boom",
            "phase": "attach",
        },
        Behaviour(exec_start=api_error(500, "boom")),
    )
    _add(
        "o56-exec-it-not-a-tty",
        ["exec", "-it", "c1", "sh"],
        {"command": "exec", "error": "the input device is not a TTY", "phase": "args"},
    )
    _add(
        "o56-exec-without-command",
        ["exec", "c1"],
        {
            "command": "exec",
            "error": "'docker exec' requires at least 2 arguments",
            "phase": "args",
        },
    )

    # ---- docker wait -------------------------------------------------------------------------
    imm: Final = "immediate"
    for code in (3, 137):
        _add(
            f"o57-wait-one-{code}",
            ["wait", "c1"],
            {"command": "wait", "wait": [{"StatusCode": code}]},
            Behaviour(wait_release=imm, wait=wait_reply(code)),
        )
    _add(
        "o57-wait-three",
        ["wait", "c1", "c2", "c3"],
        {"command": "wait", "wait": [{"StatusCode": 0}, {"StatusCode": 3}, {"StatusCode": 137}]},
        Behaviour(
            wait_release=imm,
            waits=(("c1", wait_reply(0)), ("c2", wait_reply(3)), ("c3", wait_reply(137))),
        ),
    )
    _add(
        "o57-wait-error-message",
        ["wait", "c1"],
        {"command": "wait", "wait": [{"StatusCode": 3, "Error": {"Message": "boom"}}]},
        Behaviour(wait_release=imm, wait=wait_reply(3, "boom")),
    )
    _add(
        "o58-wait-middle-missing",
        ["wait", "c1", "nosuch", "c3"],
        {
            "command": "wait",
            "wait": [
                {"StatusCode": 3},
                "Error response from daemon: No such container: nosuch",
                {"StatusCode": 0},
            ],
        },
        Behaviour(wait_release=imm, missing=frozenset({"nosuch"}), waits=(("c1", wait_reply(3)),)),
    )
    _add(
        "o58-wait-both-missing",
        ["wait", "n1", "n2"],
        {
            "command": "wait",
            "wait": [
                "Error response from daemon: No such container: n1",
                "Error response from daemon: No such container: n2",
            ],
        },
        Behaviour(wait_release=imm, missing=frozenset({"n1", "n2"})),
    )
    _add(
        "o58-wait-dropped",
        ["wait", "c1"],
        {"command": "wait", "wait": ["unexpected EOF"]},
        Behaviour(wait_release=imm, wait=headers_then_drop()),
    )
    _add(
        "o58-wait-daemon-dies",
        ["wait", "c1", "c2"],
        {
            "command": "wait",
            "wait": [
                {"StatusCode": 0},
                'error during connect: Post "http://127.0.0.1:2375/v1.50/containers/c2/wait": EOF',
            ],
        },
        Behaviour(wait_release=imm, waits=(("c2", die()),)),
    )
    _add(
        "o58-wait-no-args",
        ["wait"],
        {"command": "wait", "error": "'docker wait' requires at least 1 argument", "phase": "args"},
    )

    # ---- arguments, flags, no daemon -----------------------------------------------------------
    _add(
        "o59-frobnicate",
        ["frobnicate"],
        {"command": "other", "error": "unknown command: docker frobnicate", "phase": "args"},
    )
    _add(
        "o59-container-frobnicate",
        ["container", "frobnicate"],
        {
            "command": "other",
            "error": "unknown command: docker container frobnicate",
            "phase": "args",
        },
    )
    _add(
        "o59-run-no-image",
        ["run"],
        _run(error="'docker run' requires at least 1 argument", phase="args"),
    )
    for slug, argv, command in [
        ("ps", ["ps", "--foo"], "other"),
        ("exec", ["exec", "--foo", "c1", "sh"], "exec"),
        ("start", ["start", "--foo", "c1"], "start"),
        ("attach", ["attach", "--foo", "c1"], "attach"),
        ("wait", ["wait", "--foo", "c1"], "wait"),
        ("global", ["--foo", "ps"], "other"),
        ("create", ["create", "--foo", "busybox"], "create"),
        ("start-a", ["start", "-a", "--foo", "c1"], "start -a"),
    ]:
        _add(
            f"o60-unknown-flag-{slug}",
            argv,
            {"command": command, "error": "unknown flag: --foo", "phase": "flags"},
        )
    _add(
        "o60-bad-flag-value",
        ["run", "--memory=abc", "busybox"],
        _run(
            error='invalid argument "abc" for "-m, --memory" flag: invalid size: \'abc\'',
            phase="flags",
        ),
    )
    _add(
        "o60-rm-restart-always",
        ["run", "--rm", "--restart=always", "busybox"],
        _run(error="conflicting options: cannot specify both --restart and --rm", phase="flags"),
    )
    _add(
        "o60-invalid-reference",
        ["run", "BusyBox"],
        _run(
            error="invalid reference format: repository name (library/BusyBox) must be lowercase",
            phase="flags",
        ),
    )
    _add(
        "o61-no-daemon-run", RUN, _run(error=CANNOT_CONNECT, phase="connect"), daemon="closed-port"
    )
    _add(
        "o61-no-daemon-run-d",
        ["run", "-d", "busybox"],
        _run(detach=True, error=CANNOT_CONNECT, phase="connect"),
        daemon="closed-port",
    )
    for slug, argv, command in [
        ("start-a", ["start", "-a", "c1"], "start -a"),
        ("exec", ["exec", "c1", "sh"], "exec"),
        ("attach", ["attach", "c1"], "attach"),
        ("wait", ["wait", "c1"], "wait"),
        ("ps", ["ps"], "other"),
    ]:
        _add(
            f"o62-no-daemon-{slug}",
            argv,
            {"command": command, "error": CANNOT_CONNECT, "phase": "connect"},
            daemon="closed-port",
        )
    _add(
        "o63-api-1-41-exit-3",
        RUN,
        _run(wait={"StatusCode": 3}),
        Behaviour(api_version="1.41", wait=wait_reply(3)),
    )
    # docker/cli v29.1.3 cli/command/container/run.go runRun: `serverInfo, err :=
    # dockerCli.Client().Ping(ctx, client.PingOptions{})` / `if err != nil { return err }`
    # (exit 1). Observed: 29.1.3 and 29.7.2 print `Error response from daemon: boom` and exit 1;
    # older CLIs ignore the failed ping and run the container.
    ping_500 = "Error response from daemon: boom"
    _add(
        "o63-ping-500-exit-3",
        RUN,
        _run(error=ping_500, phase="connect"),
        Behaviour(ping=api_error(500, "boom"), wait=wait_reply(3)),
        call_before=(("29.1.3", _run(wait={"StatusCode": 3})),),
        note="CLI >= 29.1.3 pings first and fails with the ping's error (exit 1)",
    )
    _add(
        "o63-create-ping-500",
        ["create", "busybox"],
        {"command": "create", "error": ping_500, "phase": "connect"},
        Behaviour(ping=api_error(500, "boom")),
        call_before=(("29.1.3", {"command": "create"}),),
        note="docker create pings first too since CLI 29.1.3 (docker/cli #6700)",
    )

    # ---- S rows (read from the sources) not covered above ---------------------------------------
    _add(
        "s1-ps-api-error",
        ["ps"],
        {"command": "other", "error": "Error response from daemon: boom"},
        Behaviour(routes=(("GET", "/containers/json", api_error(500, "boom")),)),
    )
    _add("s1-ps-success", ["ps"], {"command": "other"})
    _add("s2-run-exit-42", RUN, _run(wait={"StatusCode": 42}), Behaviour(wait=wait_reply(42)))
    _add(
        "s5-rm-no-args",
        ["rm"],
        {"command": "other", "error": "'docker rm' requires at least 1 argument", "phase": "args"},
    )
    _add(
        "s6-unknown-command",
        ["foo"],
        {"command": "other", "error": "unknown command: docker foo", "phase": "args"},
    )
    _add(
        "s7-unknown-subcommand",
        ["image", "frobnicate"],
        {"command": "other", "error": "unknown command: docker image frobnicate", "phase": "args"},
    )
    _add("s8-no-args-help", [], {"command": "other"})
    _add(
        "s10-run-invalid-pull-value",
        ["run", "--pull=sometimes", "busybox"],
        _run(
            error='invalid pull option: \'sometimes\': must be one of "always", "missing" or "never"',
            phase="flags",
        ),
        call_before=(
            ("20.10.0", _run(error="unknown flag: --pull", phase="flags")),
            ("23.0.0", _run(wait={"StatusCode": 0})),
        ),
        note="CLI 19.03 has no --pull flag (125); 20.10 does not validate it, the run goes ahead"
        " (exit 0)",
    )
    _add(
        "s10-run-env-file-missing",
        ["run", "--env-file", "/nonexistent/env", "busybox"],
        _run(error="open /nonexistent/env: no such file or directory", phase="flags"),
        note="option parse error: 125 although the text says `no such file or directory`",
    )
    _add(
        "s10-create-env-file-missing",
        ["create", "--env-file", "/nonexistent/env", "busybox"],
        {
            "command": "create",
            "error": "open /nonexistent/env: no such file or directory",
            "phase": "flags",
        },
    )
    # docker/cli v29.1.2 vendor/github.com/moby/moby/client/request.go: `failed to connect to
    # the docker API at %v; check if the path is correct and if the daemon is running: %w`
    # wraps the dial error `no such file or directory`, which run.go toStatusError maps to 127;
    # v29.1.3 pings first and returns the raw error (exit 1). Observed:
    # 29.0.0 and 29.1.2 exit 127, 29.1.3 and 29.7.2 exit 1, 28.5.2 and older 125.
    missing = "unix:///nonexistent/docker.sock"
    _add(
        "s11-no-daemon-run-missing-socket",
        RUN,
        _run(
            error=f"failed to connect to the docker API at {missing}; check if the path is correct"
            " and if the daemon is running: dial unix /nonexistent/docker.sock: connect: no such"
            " file or directory",
            phase="connect",
        ),
        call_before=(
            (
                "29.0.0",
                _run(
                    error=f"Cannot connect to the Docker daemon at {missing}. Is the docker daemon"
                    " running?",
                    phase="connect",
                ),
            ),
        ),
        daemon="missing-socket",
    )
    for slug, argv, command in [
        ("create", ["create", "busybox"], "create"),
        ("pull", ["pull", "busybox"], "other"),
    ]:
        _add(
            f"s11-no-daemon-{slug}",
            argv,
            {"command": command, "error": CANNOT_CONNECT, "phase": "connect"},
            daemon="closed-port",
        )
    _add(
        "s12-run-create-500-not-a-directory",
        RUN,
        _run(error="mount /a: not a directory", phase="create"),
        Behaviour(create=api_error(400, "mount /a: not a directory")),
    )
    for slug, msg in [
        ("generic", "boom"),
        ("enoent", "mkdir /var/lib/docker/x: no such file or directory"),
        ("denied", "mkdir /var/lib/docker/x: permission denied"),
    ]:
        _add(
            f"s13-create-error-{slug}",
            ["create", "busybox"],
            {"command": "create", "error": "Error response from daemon: " + msg, "phase": "create"},
            Behaviour(create=api_error(500, msg)),
        )
    _add("s13-create-success", ["create", "busybox"], {"command": "create"})
    win = (
        "container abc encountered an error during hcsshim::System::CreateProcess: failure in a Windows system call: "
        "The system cannot find the file specified. (0x2)"
    )
    _add(
        "s14-run-start-windows-file-not-found",
        RUN,
        _run(error=win, phase="start"),
        _start_error(win, 500),
    )
    win3 = win.replace("file specified. (0x2)", "path specified. (0x3)")
    _add(
        "s16-run-start-windows-path-not-found",
        RUN,
        _run(error=win3, phase="start"),
        _start_error(win3, 500),
    )
    crun = "executable file `foo` not found in $PATH: No such file or directory"
    _add(
        "s16-run-start-crun-not-found",
        RUN,
        _run(error=crun, phase="start"),
        _start_error(crun, 400),
    )
    runcall = (
        RUNC.replace("runc create failed: unable to start container process: ", "")
        + "failed to run runc create/exec call"
    )
    _add(
        "s16-run-start-failed-to-run-runc",
        RUN,
        _run(error=runcall, phase="start"),
        _start_error(runcall, 500),
    )
    _add(
        "s20-run-killed-sigkill-137",
        RUN,
        _run(wait={"StatusCode": 137}),
        Behaviour(wait=wait_reply(137)),
    )
    _add(
        "s23-start-a-attach-500",
        START_A,
        {
            "command": "start -a",
            "error": "unable to upgrade to tcp, received 500",
            "phase": "attach",
        },
        Behaviour(state="created", attach=api_error(500, "boom")),
    )
    _add(
        "s26-run-a-stdin-exit-3",
        ["run", "-a", "stdin", "busybox"],
        _run(wait={"StatusCode": 3}, attached_streams=("stdin",)),
        Behaviour(wait=wait_reply(3)),
        note="CLI <= 27 treats stdin-only as detached: 0",
    )
    _add(
        "s27-run-d-and-attach",
        ["run", "-d", "-a", "stdout", "busybox"],
        _run(
            detach=True,
            attached_streams=("stdout",),
            error="conflicting options: cannot specify both --attach and --detach",
            phase="args",
        ),
    )
    _add(
        "s30-start-a-tty-exit-3",
        START_A,
        {"command": "start -a", "wait": {"StatusCode": 3}},
        Behaviour(state="created", tty=True, wait=wait_reply(3)),
    )
    _add(
        "s30-start-ai-open-stdin-exit-3",
        ["start", "-a", "-i", "c1"],
        {"command": "start -a", "wait": {"StatusCode": 3}},
        Behaviour(state="created", open_stdin=True, wait=wait_reply(3)),
    )
    _add(
        "s31-attach-tty-exit-3",
        ["attach", "--no-stdin", "c1"],
        {"command": "attach", "wait": {"StatusCode": 3}},
        Behaviour(tty=True, wait=wait_reply(3)),
    )
    _add(
        "s35-exec-not-found-engine27-126",
        ["exec", "c1", "foo"],
        {"command": "exec", "exec_inspect": {"ExitCode": 126}},
        Behaviour(exec_inspect=exec_inspect(126)),
    )
    _add(
        "s36-exec-eacces-126",
        ["exec", "c1", "/etc"],
        {"command": "exec", "exec_inspect": {"ExitCode": 126}},
        Behaviour(exec_inspect=exec_inspect(126)),
    )
    _add(
        "s38-exec-inspect-connection-refused",
        exec_argv,
        {"command": "exec", "error": CANNOT_CONNECT, "phase": "wait"},
        Behaviour(exec_inspect=die()),
    )
    _add(
        "s40-exec-create-409-paused",
        exec_argv,
        {
            "command": "exec",
            "error": "Error response from daemon: container c1 is paused, unpause the container before exec",
            "phase": "create",
        },
        Behaviour(
            exec_create=api_error(409, "container c1 is paused, unpause the container before exec")
        ),
    )
    _add(
        "s42-start-a-sigterm-forwarded",
        START_A,
        {
            "command": "start -a",
            "cli_signal": "SIGTERM",
            "phase": "wait",
            "wait": {"StatusCode": 143},
        },
        Behaviour(state="created", run_for=10.0, kill_exit=143),
        signal_after_start=signal.SIGTERM,
        note="CLI >= 27 also cancels its command context on SIGTERM: 27.0.1 to 28.0.0 print "
        "`context canceled` and exit 1; from 28.2 (containerd/errdefs IsCanceled, docker/cli "
        "#6074) the cancellation exits 0 (28.2.2 observed) although the container's 143 arrives",
    )
    return list(_scenarios)


SCENARIOS: Final[list[Scenario]] = _build()

_names = [s.name for s in SCENARIOS]
assert len(_names) == len(set(_names)), "duplicate scenario names"
