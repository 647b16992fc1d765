"""Run the real ``podman`` for one scenario and capture what it did.

Every container runs with ``--runtime runc`` (crun cannot run on these machines: hybrid
cgroups, rlimits), ``--ulimit nofile=1024:1024 --ulimit nproc=1024:1024`` (podman asks for a
nofile limit above the hard limit otherwise), ``--network none`` (no bridge, no iptables) and
``--rootfs <dir>`` (a static busybox built by ``scripts/provision_podman.sh``; no image pull).

Container names are ``exitcodes-<run id>-<scenario>[-suffix]``, unique per run, and every
scenario removes its containers (``podman rm -f``) when it is done.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from live_plan import Capture, Plan, Step

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_ROOTFS = REPO_ROOT / ".cache" / "podman-rootfs"
PROVISION_HINT = (
    "provision this machine with `sudo scripts/provision_podman.sh` (Debian 12: installs podman,"
    " runc and busybox-static, builds .cache/podman-rootfs); podman 5.4.2 and 5.8.6 come from"
    " `sudo scripts/provision_podman5.sh` (EXITCODES_PODMAN=.cache/podman5/<version>/podman)"
)
NAME_PREFIX = "exitcodes-"
"""Every container this suite creates is named ``exitcodes-<run id>-...``."""

GLOBAL_FLAGS: tuple[str, ...] = ("--runtime", "runc")
"""Global podman flags, given to every invocation (``podman --runtime runc <command>``)."""

RUN_FLAGS: tuple[str, ...] = (
    "--network",
    "none",
    "--ulimit",
    "nofile=1024:1024",
    "--ulimit",
    "nproc=1024:1024",
)
"""Flags for ``podman run``/``create`` that make runc work on these machines."""

COMMAND_TIMEOUT = 60.0
"""Seconds any single podman invocation may take before it is killed."""

WORKERS = int(os.environ.get("EXITCODES_PODMAN_WORKERS", "8"))
"""Scenarios run concurrently in a thread pool of this size (podman locks per container)."""

_VERSION_RE = re.compile(r"version\s+v?([0-9]+\.[0-9]+(?:\.[0-9]+)?\S*)")


def in_ci() -> bool:
    """True when ``CI`` says so: then podman being unavailable fails instead of skipping."""
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def podman_binary() -> str | None:
    """``$EXITCODES_PODMAN`` or ``podman`` on ``PATH``; ``None`` if neither exists."""
    explicit = os.environ.get("EXITCODES_PODMAN")
    if explicit:
        return explicit if os.access(explicit, os.X_OK) else None
    return shutil.which("podman")


def provisioning_failure(wrapper: str) -> str | None:
    """Why ``scripts/provision_podman5.sh`` could not provision the podman of *wrapper*.

    It writes ``<version>/unavailable`` instead of the wrapper ``<version>/podman``.
    """
    if not wrapper:
        return None
    reason = Path(wrapper).parent / "unavailable"
    if not reason.is_file():
        return None
    return f"{wrapper} was not provisioned: {reason.read_text(encoding='utf-8').strip()}"


def rootfs_dir() -> Path:
    """The busybox rootfs: ``$EXITCODES_PODMAN_ROOTFS`` or ``<repo>/.cache/podman-rootfs``.

    Resolved: runc refuses a rootfs path through a symlink (a worktree's ``.cache`` link).
    """
    explicit = os.environ.get("EXITCODES_PODMAN_ROOTFS")
    return Path(explicit).resolve() if explicit else DEFAULT_ROOTFS.resolve()


def parse_version(text: str) -> str:
    """``"podman version 4.3.1"`` -> ``"4.3.1"``.

    Raises:
        ValueError: *text* holds no version.
    """
    found = _VERSION_RE.search(text)
    if found is None:
        raise ValueError(f"no version in {text!r}")
    return found.group(1)


@dataclass(frozen=True)
class PodmanEnv:
    """A podman that can run containers here: its path, version and the rootfs to use."""

    podman: str
    version: str
    rootfs: Path


@dataclass
class Availability:
    """Whether real podman can run here; ``reason`` says why not."""

    env: PodmanEnv | None
    reason: str


def _run(argv: Sequence[str], timeout: float = COMMAND_TIMEOUT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        list(argv),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        env=_env(),
    )


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["LC_ALL"] = "C"
    return env


def probe() -> Availability:
    """Check podman, root, runc, the rootfs, then one real ``run`` that must exit 3."""

    def no(why: str) -> Availability:
        return Availability(None, f"podman cannot run here: {why}; {PROVISION_HINT}")

    if not sys.platform.startswith("linux"):
        return no(f"not Linux ({sys.platform})")
    podman = podman_binary()
    if podman is None:
        return no(
            provisioning_failure(os.environ.get("EXITCODES_PODMAN", ""))
            or "no `podman` on PATH (or $EXITCODES_PODMAN)"
        )
    if os.geteuid() != 0:
        return no("not running as root (the suite runs rootful podman)")
    if shutil.which("runc") is None:
        return no("no `runc` on PATH")
    rootfs = rootfs_dir()
    for needed in ("bin/busybox", "bin/sh", "bin/noexec.sh", "etc/passwd"):
        if not (rootfs / needed).exists():
            return no(f"the rootfs {rootfs} has no {needed}")
    try:
        shown = _run([podman, "--version"], timeout=30)
        version = parse_version(shown.stdout)
    except (OSError, subprocess.SubprocessError, ValueError) as exc:
        return no(f"`podman --version` failed: {exc}")
    env = PodmanEnv(podman, version, rootfs)
    argv = [
        podman,
        *GLOBAL_FLAGS,
        "run",
        "--rm",
        *RUN_FLAGS,
        "--rootfs",
        str(rootfs),
        "sh",
        "-c",
        "exit 3",
    ]
    try:
        smoke = _run(argv)
    except (OSError, subprocess.SubprocessError) as exc:
        return no(f"a smoke run failed: {exc}")
    if smoke.returncode != 3:
        return no(
            f"`{' '.join(argv)}` exited {smoke.returncode}, not 3: {smoke.stderr.strip()[:500]}"
        )
    return Availability(env, "")


_PROBED: list[Availability] = []
_PROBE_LOCK = threading.Lock()


def availability() -> Availability:
    """:func:`probe`, once per process."""
    with _PROBE_LOCK:
        if not _PROBED:
            _PROBED.append(probe())
        return _PROBED[0]


def unavailable(reason: str) -> NoReturn:
    """Skip (locally) or fail (``CI=true``) the current test because podman cannot run."""
    import pytest

    if in_ci():
        pytest.fail(f"{reason} (CI=true: podman being unavailable is a failure)", pytrace=False)
    pytest.skip(reason)


# --- one scenario --------------------------------------------------------------------------


@dataclass(frozen=True)
class Context:
    """Values substituted into a plan: the podman binary, rootfs and this run's name prefix."""

    env: PodmanEnv
    run_id: str

    def prefix(self, scenario: str) -> str:
        """The container name ``{c}`` for *scenario* in this run."""
        return f"{NAME_PREFIX}{self.run_id}-{scenario}"

    def expand(self, scenario: str, args: Iterable[str]) -> list[str]:
        """``podman --runtime runc`` + *args*, with ``{c}`` and ``{rootfs}`` filled in."""
        name = self.prefix(scenario)
        return [
            self.env.podman,
            *GLOBAL_FLAGS,
            *(a.replace("{c}", name).replace("{rootfs}", str(self.env.rootfs)) for a in args),
        ]


def new_run_id() -> str:
    """A short random id that makes this run's container names unique."""
    return secrets.token_hex(3)


def _background(
    argv: list[str], ready: str, trigger: Callable[[], None]
) -> tuple[int | None, str, str]:
    """Run *argv* until its stdout shows *ready*, call *trigger*, then wait for it."""
    with subprocess.Popen(
        argv,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    ) as proc:
        watchdog = threading.Timer(COMMAND_TIMEOUT, proc.kill)
        watchdog.start()
        err_chunks: list[str] = []
        stderr = proc.stderr
        assert stderr is not None
        reader = threading.Thread(target=lambda: err_chunks.append(stderr.read()))
        reader.start()
        out_lines: list[str] = []
        try:
            assert proc.stdout is not None
            for line in proc.stdout:
                out_lines.append(line)
                if ready in line:
                    trigger()
                    break
            out_lines.append(proc.stdout.read())
            code = proc.wait()
        finally:
            watchdog.cancel()
            reader.join()
    if proc.returncode is not None and proc.returncode < 0:
        return None, "".join(out_lines), "".join(err_chunks) + "\n[killed after timeout]"
    return code, "".join(out_lines), "".join(err_chunks)


def inspect_state(ctx: Context, scenario: str, container: str) -> dict[str, Any] | None:
    """``podman inspect --format json <container>``'s State, or ``None`` if it is gone."""
    argv = ctx.expand(scenario, ("inspect", "--format", "json", container))
    done = _run(argv)
    if done.returncode != 0:
        return None
    documents = json.loads(done.stdout)
    if not documents:
        return None
    state = documents[0].get("State")
    return state if isinstance(state, dict) else None


def cleanup(ctx: Context, scenario: str, containers: Sequence[str]) -> None:
    """``podman rm --force --ignore --time 0`` every container the scenario may have created.

    ``--ignore`` matters: podman 4.3.1's ``rm --force a missing`` exits 0 but removes nothing
    when one of the names does not exist.
    """
    if containers:
        _run(ctx.expand(scenario, ("rm", "--force", "--ignore", "--time", "0", *containers)))


def run_plan(ctx: Context, scenario: str, plan: Plan) -> Capture:
    """Run one scenario's plan against real podman; always cleans up its containers."""
    begin = time.monotonic()
    problems: list[str] = []
    argv = ctx.expand(scenario, plan.argv)
    code: int | None = None
    out = err = ""
    state = None

    def step(one: Step, what: str) -> bool:
        done = _run(ctx.expand(scenario, one.argv))
        if done.returncode != one.expect:
            problems.append(
                f"{what} `{' '.join(one.argv)}` exited {done.returncode}, expected {one.expect}:"
                f" {done.stderr.strip()[:300]}"
            )
            return False
        return True

    try:
        if all(step(one, "setup step") for one in plan.setup):
            if plan.ready is None:
                done = _run(argv)
                code, out, err = done.returncode, done.stdout, done.stderr
            else:
                triggered: list[bool] = []

                def fire() -> None:
                    triggered.append(all(step(one, "trigger") for one in plan.trigger))

                code, out, err = _background(argv, plan.ready, fire)
                if not triggered:
                    problems.append(f"never saw {plan.ready!r} on stdout, so nothing was triggered")
            if code is None:
                problems.append(f"timed out after {COMMAND_TIMEOUT:.0f} s")
            if plan.inspect is not None:
                state = inspect_state(ctx, scenario, plan.inspect)
    except subprocess.TimeoutExpired as exc:
        problems.append(f"timed out: {exc}")
    except Exception as exc:  # a harness bug must not hide the other scenarios' results
        problems.append(f"harness error: {type(exc).__name__}: {exc}")
    finally:
        try:
            cleanup(ctx, scenario, plan.containers)
        except (OSError, subprocess.SubprocessError) as exc:
            problems.append(f"cleanup failed: {exc}")
    return Capture(argv, code, out, err, state, time.monotonic() - begin, problems)


def sweep(env: PodmanEnv, run_id: str | None = None) -> None:
    """Remove leftover containers named ``exitcodes-<run_id>-*`` (any run id if ``None``)."""
    pattern = f"^{NAME_PREFIX}{run_id}-" if run_id else f"^{NAME_PREFIX}[0-9a-f]+-"
    listed = _run(
        [
            env.podman,
            *GLOBAL_FLAGS,
            "ps",
            "--all",
            "--filter",
            f"name={pattern}",
            "--format",
            "{{.Names}}",
        ]
    )
    names = [n for n in listed.stdout.split() if n.startswith(NAME_PREFIX)]
    if names:
        _run([env.podman, *GLOBAL_FLAGS, "rm", "--force", "--ignore", "--time", "0", *names])


def run_plans(
    env: PodmanEnv, plans: Sequence[tuple[str, Plan]], workers: int = WORKERS
) -> tuple[dict[str, Capture], float]:
    """Run every ``(scenario name, plan)`` in a thread pool; returns captures and wall time."""
    ctx = Context(env, new_run_id())
    begin = time.monotonic()
    try:
        with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
            futures = {name: pool.submit(run_plan, ctx, name, plan) for name, plan in plans}
            results = {name: future.result() for name, future in futures.items()}
    finally:
        sweep(env, ctx.run_id)
    return results, time.monotonic() - begin


def normalize(text: str, env: PodmanEnv) -> str:
    """Replace this run's random name part and the rootfs path with stable placeholders."""
    text = re.sub(rf"{re.escape(NAME_PREFIX)}[0-9a-f]{{6}}-", f"{NAME_PREFIX}RUN-", text)
    return text.replace(str(env.rootfs), "<rootfs>")


@dataclass
class LiveRun:
    """Every scenario's capture from one session, or why podman could not run."""

    env: PodmanEnv | None
    reason: str
    captures: dict[str, Capture]
    wall: float

    def need(self) -> tuple[PodmanEnv, dict[str, Capture]]:
        """The environment and captures; skips or fails (``CI=true``) without podman."""
        if self.env is None:
            unavailable(self.reason)
        return self.env, self.captures
