"""One live session: start every provisioned daemon, run every scenario with each CLI, stop.

The daemons start and run concurrently (one thread each, :data:`WORKERS` scenarios at a time
per daemon); each is stopped by its recorded PIDs as soon as its scenarios are done, and in any
case at the end of the session (:func:`stop_started`).
"""

from __future__ import annotations

import os
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from live_plan import Capture

from engines_live.daemons import DAEMONS, HOST_CLI, Daemon, cli_run, start, stop
from engines_live.harness import run_plans
from engines_live.scenarios import SCENARIOS

WORKERS = int(os.environ.get("EXITCODES_ENGINES_WORKERS", "3"))
"""Scenarios run at once against one daemon."""

SELECTED = tuple(
    v for v in os.environ.get("EXITCODES_ENGINES", " ".join(DAEMONS)).split() if v in DAEMONS
)
"""The daemons to run (``$EXITCODES_ENGINES``, space-separated; all by default)."""


def cli_version(cli: str, daemon: Daemon) -> str:
    """The client version *cli* reports, without Debian's suffix (``20.10.24+dfsg1``)."""
    done = cli_run(cli, daemon, ["version", "--format", "{{.Client.Version}}"], timeout=30)
    found = re.match(r"\d+\.\d+\.\d+", done.stdout.strip())
    if found is None:
        raise RuntimeError(f"`{cli} version` printed no client version: {done.stderr.strip()}")
    return found.group(0)


@dataclass
class DaemonRun:
    """What one daemon did in this session, or why it did not start."""

    version: str
    daemon: Daemon | None = None
    reason: str = ""
    start_seconds: float = 0.0
    clis: dict[str, str] = field(default_factory=dict)
    """CLI version -> binary, in the order they ran (the host CLI first)."""
    captures: dict[str, dict[str, Capture]] = field(default_factory=dict)
    """CLI version -> scenario name -> capture."""
    wall: float = 0.0


_STARTED: list[Daemon] = []
_LOCK = threading.Lock()


def stop_started() -> None:
    """Stop every daemon this process started and has not stopped yet (session teardown)."""
    with _LOCK:
        left = list(_STARTED)
        _STARTED.clear()
    for daemon in left:
        stop(daemon)


def run_daemon(version: str) -> DaemonRun:
    """Start *version*, run every scenario with the host CLI and its own CLI, stop it."""
    result = DaemonRun(version)
    started = start(version)
    result.start_seconds = started.seconds
    if started.daemon is None:
        result.reason = started.reason
        return result
    daemon = started.daemon
    result.daemon = daemon
    with _LOCK:
        _STARTED.append(daemon)
    begin = time.monotonic()
    try:
        for cli in (HOST_CLI, daemon.own_cli):
            if cli is None:
                continue
            version_text = cli_version(cli, daemon)
            if version_text in result.clis:
                continue
            result.clis[version_text] = cli
            plans = [(scenario.name, scenario.plan) for scenario in SCENARIOS]
            result.captures[version_text], _ = run_plans(daemon, cli, plans, WORKERS)
    except Exception as exc:  # report, do not hide the other daemons
        result.reason = f"dockerd {version}: the session failed: {type(exc).__name__}: {exc}"
    finally:
        result.wall = time.monotonic() - begin
        with _LOCK:
            if daemon in _STARTED:
                _STARTED.remove(daemon)
        stop(daemon)
    return result


def run_all(versions: tuple[str, ...] = SELECTED) -> dict[str, DaemonRun]:
    """:func:`run_daemon` for every version, concurrently."""
    with ThreadPoolExecutor(max_workers=max(1, len(versions))) as pool:
        futures = {version: pool.submit(run_daemon, version) for version in versions}
        return {version: future.result() for version, future in futures.items()}
