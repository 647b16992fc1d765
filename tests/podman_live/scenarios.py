"""The podman scenario table: what to run, and which ``exitcodes.resolve`` call predicts it.

Each :class:`Scenario` has a :class:`~live_plan.Plan` (real podman invocations; ``{c}`` is
the scenario's unique container name) and ``resolve``: the keyword arguments of
``exitcodes.resolve`` that should give the same exit code as the real podman, with
:data:`STDERR` standing for the real stderr (stripped) of the invocation under test.
``expect`` is the exit code a real podman 4.3.1 (runc 1.1.5, rootful, ``--rootfs`` with a static
busybox) gave in that situation; ``changes`` say where a later podman gives another code, each
citing the podman commit. The live suite checks :meth:`Scenario.expected` when the podman under
test is one of :data:`OBSERVED_VERSIONS` (4.3.1, and 5.4.2 and 5.8.6 from
``scripts/provision_podman5.sh``).

Phases follow ``exitcodes.resolve``: ``flags`` (bad flag), ``args`` (argument count, unknown
subcommand, exec without a command), ``create`` (container create: mount, name; for ``exec``
the exec session create, which needs an existing, running container), ``attach``, ``start``
(the container's process, or the exec'd process, failed to start), ``wait``.
"""

from __future__ import annotations

import functools
import json
import re
import signal
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from live_plan import Capture, Plan, Step

from podman_live.live import RUN_FLAGS, PodmanEnv, normalize

OBSERVED_VERSION = "4.3.1"
"""The podman version whose exit codes ``Scenario.expect`` records."""

OBSERVED_VERSIONS = (OBSERVED_VERSION, "5.4.2", "5.8.6")
"""Every podman version run here whose codes the table states (``expect`` with ``changes``);
each has its recorded ``vectors/podman-<version>.jsonl``."""

VECTOR_DIR = Path(__file__).resolve().parent / "vectors"

STDERR = "<stderr>"
"""In a ``resolve`` template: the real stderr of the invocation under test, stripped."""

VECTOR_KEYS = ("name", "podman", "argv", "resolve", "exit_code", "stderr", "stdout", "state")


def box(*command: str, name: str = "{c}", flags: tuple[str, ...] = ()) -> tuple[str, ...]:
    """``--name NAME [flags] <RUN_FLAGS> --rootfs {rootfs} COMMAND...`` for run/create."""
    return ("--name", name, *flags, *RUN_FLAGS, "--rootfs", "{rootfs}", *command)


def exited(code: int) -> dict[str, Any]:
    """A wait response for a container that ran and exited *code*."""
    return {"StatusCode": code, "Error": None}


SLEEPER = Step(("run", "--detach", *box("sleep", "600")))
"""A running container ``{c}`` to exec into."""

STOPPED = Step(("run", "--detach", *box("true")))
"""A container ``{c}`` that ran ``true``; ``podman wait`` in a following step makes it exited."""

WAIT_STOPPED = Step(("wait", "{c}"))


def version_key(version: str) -> tuple[int, ...]:
    """``"5.4.2"`` -> ``(5, 4, 2)`` (a suffix such as ``-dev`` is ignored), for comparisons."""
    return tuple(int(part) for part in re.findall(r"[0-9]+", version.partition("-")[0])[:3])


@dataclass(frozen=True)
class Change:
    """From podman ``since`` on, the scenario exits ``exit_code``; ``source`` is the commit."""

    since: str
    exit_code: int
    source: str


@dataclass(frozen=True)
class Scenario:
    """One real podman situation and the library call that should predict its exit code."""

    name: str
    plan: Plan
    resolve: Mapping[str, Any]
    expect: int
    note: str = ""
    changes: tuple[Change, ...] = ()

    def expected(self, version: str) -> int:
        """The exit code podman *version* gives: ``expect``, or the latest change since."""
        code = self.expect
        for change in sorted(self.changes, key=lambda one: version_key(one.since)):
            if version_key(version) >= version_key(change.since):
                code = change.exit_code
        return code

    def call(self, stderr: str) -> dict[str, Any]:
        """``resolve``'s keyword arguments, with :data:`STDERR` replaced by *stderr* stripped."""
        return {key: _fill(value, stderr.strip()) for key, value in self.resolve.items()}


def _fill(value: Any, stderr: str) -> Any:
    if value == STDERR:
        return stderr
    if isinstance(value, dict):
        return {key: _fill(item, stderr) for key, item in value.items()}
    if isinstance(value, list):
        return [_fill(item, stderr) for item in value]
    return value


def _run(*command: str, flags: tuple[str, ...] = (), **kw: Any) -> Plan:
    """A plan that runs ``podman run [flags] ... COMMAND`` and inspects ``{c}``."""
    kw.setdefault("inspect", "{c}")
    return Plan(setup=(), argv=("run", *box(*command, flags=flags)), **kw)


def _run_error(phase: str = "start", **extra: Any) -> dict[str, Any]:
    return {"command": "run", "phase": phase, "error": STDERR, **extra}


_EXEC_ERROR = {"command": "exec", "phase": "start", "error": STDERR}
_TICKER = "while [ ! -e /tmp/{c}.go ]; do echo tick; sleep 0.2; done; rm -f /tmp/{c}.go; exit 13"

SCENARIOS: tuple[Scenario, ...] = (
    # --- podman run ------------------------------------------------------------------------
    Scenario(
        "run-unknown-flag",
        Plan((), ("run", "--foo", *box("true")), containers=("{c}",)),
        {"command": "run", "phase": "flags", "error": STDERR},
        125,
    ),
    Scenario("run-etc", _run("/etc"), _run_error(), 126, "runc: exec /etc: permission denied"),
    Scenario("run-noexec", _run("/bin/noexec.sh"), _run_error(), 126, "mode 0644 script"),
    Scenario("run-missing-by-name", _run("foo"), _run_error(), 127),
    Scenario("run-missing-by-path", _run("/foo"), _run_error(), 127),
    Scenario("run-exit-3", _run("sh", "-c", "exit 3"), {"command": "run", "wait": exited(3)}, 3),
    Scenario(
        "run-exit-255", _run("sh", "-c", "exit 255"), {"command": "run", "wait": exited(255)}, 255
    ),
    Scenario(
        "run-killed",
        _run(
            "sh",
            "-c",
            "echo ready; sleep 600",
            ready="ready",
            trigger=(Step(("kill", "{c}")),),
        ),
        {"command": "run", "wait": exited(137)},
        137,
        "podman kill (SIGKILL) while podman run waits",
    ),
    Scenario(
        "run-missing-workdir",
        _run("true", flags=("--workdir", "/nonexistent")),
        _run_error(),
        126,
        "podman's catch-all for start errors is 126 (docker: 125)",
    ),
    Scenario(
        "run-missing-bind-source",
        _run("true", flags=("--volume", "/nonexistent:/data"), inspect=None),
        _run_error("create"),
        125,
        "statfs ... no such file or directory, yet 125: it fails before the runtime",
    ),
    Scenario(
        "run-name-conflict",
        Plan((STOPPED, WAIT_STOPPED), ("run", *box("true")), inspect="{c}"),
        _run_error("create"),
        125,
    ),
    # --- podman run --rm -------------------------------------------------------------------
    Scenario(
        "run-rm-exit-3",
        _run("sh", "-c", "exit 3", flags=("--rm",), inspect=None),
        {"command": "run", "wait": exited(3)},
        3,
    ),
    Scenario("run-rm-missing", _run("foo", flags=("--rm",), inspect=None), _run_error(), 127),
    Scenario("run-rm-etc", _run("/etc", flags=("--rm",), inspect=None), _run_error(), 126),
    # --- podman run -d ---------------------------------------------------------------------
    Scenario(
        "run-detach-exit-3",
        Plan((), ("run", "--detach", *box("sh", "-c", "exit 3")), containers=("{c}",)),
        {"command": "run", "detach": True},
        0,
    ),
    Scenario(
        "run-detach-missing",
        _run("foo", flags=("--detach",)),
        _run_error(detach=True),
        127,
    ),
    Scenario("run-detach-etc", _run("/etc", flags=("--detach",)), _run_error(detach=True), 126),
    # --- podman start -a -------------------------------------------------------------------
    Scenario(
        "start-attach-exit-3",
        Plan(
            (Step(("create", *box("sh", "-c", "exit 3"))),), ("start", "-a", "{c}"), inspect="{c}"
        ),
        {"command": "start -a", "wait": exited(3)},
        3,
    ),
    Scenario(
        "start-attach-missing-command",
        Plan((Step(("create", *box("foo"))),), ("start", "-a", "{c}"), inspect="{c}"),
        {"command": "start -a", "phase": "start", "error": STDERR},
        125,
        "start failures are podman errors: 125 (docker: 1)",
    ),
    # --- podman exec -----------------------------------------------------------------------
    Scenario(
        "exec-0",
        Plan((SLEEPER,), ("exec", "{c}", "true"), inspect="{c}"),
        {"command": "exec", "exec_inspect": {"ExitCode": 0}},
        0,
    ),
    Scenario(
        "exec-5",
        Plan((SLEEPER,), ("exec", "{c}", "sh", "-c", "exit 5"), inspect="{c}"),
        {"command": "exec", "exec_inspect": {"ExitCode": 5}},
        5,
    ),
    Scenario(
        "exec-missing",
        Plan((SLEEPER,), ("exec", "{c}", "foo"), inspect="{c}"),
        _EXEC_ERROR,
        127,
    ),
    Scenario(
        "exec-etc",
        Plan((SLEEPER,), ("exec", "{c}", "/etc"), inspect="{c}"),
        _EXEC_ERROR,
        126,
        "runc 1.1.5 says permission denied here (not 'is a directory', which gives 255)",
    ),
    Scenario(
        "exec-noexec",
        Plan((SLEEPER,), ("exec", "{c}", "/bin/noexec.sh"), inspect="{c}"),
        _EXEC_ERROR,
        126,
    ),
    Scenario(
        "exec-without-command",
        Plan((SLEEPER,), ("exec", "{c}"), inspect="{c}"),
        {"command": "exec", "phase": "args", "error": STDERR},
        255,
        "ErrInvalidArg is not translated before podman 5.1: -1 -> 255",
        (
            Change(
                "5.1.0",
                125,
                "containers/podman 5e68fbd132 (v5.1.0) 'podman exec CID without command should"
                " exit 125': libpod/define/exec_codes.go TranslateExecErrorToExitCode maps"
                " ErrInvalidArg to ExecErrorCodeGeneric",
            ),
        ),
    ),
    Scenario(
        "exec-detach-5",
        Plan((SLEEPER,), ("exec", "--detach", "{c}", "sh", "-c", "exit 5"), inspect="{c}"),
        {"command": "exec", "detach": True},
        0,
    ),
    Scenario(
        "exec-detach-missing",
        Plan((SLEEPER,), ("exec", "--detach", "{c}", "foo"), inspect="{c}"),
        {**_EXEC_ERROR, "detach": True},
        125,
        "exec -d start errors are not translated: 125",
    ),
    Scenario(
        "exec-missing-container",
        Plan((), ("exec", "{c}-nosuch", "true"), containers=()),
        {"command": "exec", "phase": "create", "error": STDERR},
        125,
    ),
    Scenario(
        "exec-stopped-container",
        Plan((STOPPED, WAIT_STOPPED), ("exec", "{c}", "true"), inspect="{c}"),
        {"command": "exec", "phase": "create", "error": STDERR},
        255,
        "'can only create exec sessions on running containers' is not translated: -1 -> 255",
    ),
    # --- podman attach ---------------------------------------------------------------------
    Scenario(
        "attach-exit-13",
        Plan(
            (Step(("run", "--detach", *box("sh", "-c", _TICKER))),),
            ("attach", "{c}"),
            ready="tick",
            trigger=(Step(("exec", "{c}", "touch", "/tmp/{c}.go")),),
            inspect="{c}",
        ),
        {"command": "attach", "wait": exited(13)},
        0,
        "podman 4.3 attach does not pass the container's code on",
    ),
    Scenario(
        "attach-stopped-container",
        Plan((STOPPED, WAIT_STOPPED), ("attach", "{c}"), inspect="{c}"),
        {"command": "attach", "phase": "attach", "error": STDERR},
        125,
    ),
    # --- podman wait -----------------------------------------------------------------------
    Scenario(
        "wait-exited",
        Plan(
            (
                Step(("run", "--detach", *box("true", name="{c}-0"))),
                Step(("run", "--detach", *box("sh", "-c", "exit 3", name="{c}-3"))),
            ),
            ("wait", "{c}-0", "{c}-3"),
            containers=("{c}-0", "{c}-3"),
        ),
        {"command": "wait", "wait": [exited(0), exited(3)]},
        0,
        "prints 0 and 3, exits 0",
    ),
    Scenario(
        "wait-missing-container",
        Plan((), ("wait", "{c}-nosuch"), containers=()),
        {"command": "wait", "wait": [STDERR]},
        125,
    ),
    Scenario(
        "wait-one-missing",
        Plan(
            (
                Step(("run", "--detach", *box("true", name="{c}-0"))),
                Step(("run", "--detach", *box("sh", "-c", "exit 3", name="{c}-3"))),
                Step(("wait", "{c}-0", "{c}-3")),
            ),
            ("wait", "{c}-0", "{c}-nosuch", "{c}-3"),
            containers=("{c}-0", "{c}-3"),
        ),
        {"command": "wait", "wait": [exited(0), STDERR, exited(3)]},
        125,
        "podman 4.3.1 looks every container up first: it prints nothing and exits 125",
    ),
    Scenario(
        "wait-without-arguments",
        Plan((), ("wait",), containers=()),
        {"command": "wait", "phase": "args", "error": STDERR},
        125,
    ),
    # --- other -----------------------------------------------------------------------------
    Scenario(
        "unknown-subcommand",
        Plan((), ("frobnicate",), containers=()),
        {"command": "other", "phase": "args", "error": STDERR},
        125,
    ),
)

BY_NAME = {scenario.name: scenario for scenario in SCENARIOS}
assert len(BY_NAME) == len(SCENARIOS), "scenario names must be unique"

# --- vectors -------------------------------------------------------------------------------


def vector(scenario: Scenario, capture: Capture, env: PodmanEnv) -> dict[str, Any]:
    """The JSONL record of one real run: what ran, the resolve call, what podman did.

    The run's random container-name part becomes ``RUN`` and the rootfs path ``<rootfs>``;
    everything else is exactly what podman printed and recorded.
    """

    def norm(value: Any) -> Any:
        if isinstance(value, str):
            return normalize(value, env)
        if isinstance(value, dict):
            return {key: norm(item) for key, item in value.items()}
        if isinstance(value, list):
            return [norm(item) for item in value]
        return value

    return {
        "name": scenario.name,
        "podman": env.version,
        "argv": ["podman", *norm(capture.argv[1:])],
        "resolve": norm(scenario.call(capture.stderr)),
        "exit_code": capture.exit_code,
        "stderr": norm(capture.stderr),
        "stdout": norm(capture.stdout),
        "state": norm(capture.state),
    }


def vector_line(vec: Mapping[str, Any]) -> str:
    """One JSONL line (keys in :data:`VECTOR_KEYS` order), ready to paste into a vectors file."""
    ordered = {key: vec[key] for key in VECTOR_KEYS if key in vec}
    return json.dumps(ordered, ensure_ascii=False)


def vector_path(version: str) -> Path:
    """``vectors/podman-<version>.jsonl``."""
    return VECTOR_DIR / f"podman-{version}.jsonl"


def load_vectors(path: Path) -> list[dict[str, Any]]:
    """Every vector in one JSONL file.

    Raises:
        ValueError: a line is not JSON (the message names the file and line).
    """
    out = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if line.strip():
                try:
                    out.append(json.loads(line))
                except ValueError as exc:
                    raise ValueError(f"{path}:{number}: {exc}") from exc
    return out


@functools.cache
def recorded_vectors(version: str) -> dict[str, dict[str, Any]]:
    """The recorded vectors of podman *version* by scenario name (empty if none recorded)."""
    path = vector_path(version)
    if not path.exists():
        return {}
    return {vec["name"]: vec for vec in load_vectors(path)}


# --- predictions ---------------------------------------------------------------------------


def profile_missing() -> str | None:
    """``"podman profile not implemented"`` until ``exitcodes.profiles.podman`` exists."""
    import exitcodes

    if not hasattr(exitcodes.profiles, "podman"):
        return "podman profile not implemented"
    return None


def predict(kwargs: Mapping[str, Any], version: str) -> int | str:
    """``exitcodes.resolve(**kwargs, profile=podman(version)).exit_code``, or the exception."""
    import exitcodes

    try:
        profile = exitcodes.profiles.podman(version)
        return exitcodes.resolve(**kwargs, profile=profile).exit_code
    except Exception as exc:  # the library raising is a disagreement too
        return f"{type(exc).__name__}: {exc}"


def run_exit_code(call: Mapping[str, Any], exit_code: int | None) -> int | None:
    """*exit_code* when the invocation under test was ``podman run`` (else ``None``).

    A ``created`` container's State.Error (podman 4.4 and later) says why ``podman run``
    failed: :func:`state_problems` checks that ``classify`` reads it as that run's exit code.
    """
    return exit_code if call.get("command") == "run" else None


def state_problems(
    state: Mapping[str, Any], version: str, run_code: int | None = None
) -> list[str]:
    """Where ``exitcodes.classify({"State": state})`` disagrees with the recorded State.

    * ``exited``, or ``stopped`` (podman: the container ran and exited, its cleanup has not
      finished; libpod/define/containerstate.go ``ContainerStateStopped``, seen when inspect
      comes right after the exit): the classification's exit code is the State's ExitCode; 0
      is SUCCESS, 137 is SIGNALED by SIGKILL (OOM_KILLED when OOMKilled is set).
    * ``created`` with a State.Error: podman 4.4 and later record the start failure there as
      docker does (containers/podman df02cb51ee "Add container error message to
      ContainerState", libpod/container_api.go ``saveContainerError``), and classify reads it:
      an exit code, the one ``podman run`` exited with (*run_code*) when that was the command.
    * anything else (podman 4.3 records a container that failed to start as ``created`` with
      ExitCode 0 and no Error; exec targets are ``running``): no exit code, STATUS_UNKNOWN.
    """
    import exitcodes
    from exitcodes import ExitOutcome

    try:
        found = exitcodes.classify(
            {"State": dict(state)}, profile=exitcodes.profiles.podman(version)
        )
    except Exception as exc:
        return [f"classify raised {type(exc).__name__}: {exc}"]
    problems = []
    status = str(state.get("Status", "")).lower()
    code = state.get("ExitCode")
    got = f"classify gave {found.outcome.name}/{found.exit_code}/{found.signal}"
    if status in ("exited", "stopped") and not state.get("Error"):
        if found.exit_code != code:
            problems.append(f"{got}, but State.ExitCode is {code}")
        if code == 0 and found.outcome is not ExitOutcome.SUCCESS:
            problems.append(f"{got}, expected SUCCESS for ExitCode 0")
        if code == 137:
            wanted = ExitOutcome.OOM_KILLED if state.get("OOMKilled") else ExitOutcome.SIGNALED
            if found.outcome is not wanted or found.signal is not signal.SIGKILL:
                problems.append(f"{got}, expected {wanted.name} by SIGKILL for ExitCode 137")
    elif status == "created" and state.get("Error"):
        if found.exit_code is None:
            problems.append(f"{got}, expected the code of the start failure in State.Error")
        elif run_code is not None and found.exit_code != run_code:
            problems.append(f"{got}, but `podman run` exited {run_code} for that failure")
    elif status in ("created", "running", "paused", "configured", "initialized") and (
        found.exit_code is not None or found.outcome is not ExitOutcome.STATUS_UNKNOWN
    ):
        problems.append(f"{got}, expected STATUS_UNKNOWN with no code for a {status} container")
    return problems
