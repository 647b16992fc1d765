"""One live session: start each podman service, run the scenarios with each CLI and docker-py.

The services start and run concurrently (one thread each, :data:`WORKERS` scenarios at a time
per service); each is stopped as soon as its scenarios are done, and in any case at the end
of the session (:func:`stop_started`).
"""

from __future__ import annotations

import importlib
import os
import secrets
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from engines_live.daemons import Daemon
from engines_live.harness import NAME_PREFIX, run_plans
from engines_live.live import cli_version
from engines_live.scenarios import SCENARIOS
from live_plan import Capture

from podman_api_live import dockerpy
from podman_api_live.service import CACHE, VERSIONS, start, stop

WORKERS = int(os.environ.get("EXITCODES_PODMAN_API_WORKERS", "4"))
"""Scenarios run at once against one service."""

SELECTED = tuple(
    v for v in os.environ.get("EXITCODES_PODMAN_API", " ".join(VERSIONS)).split() if v in VERSIONS
)
"""The podman versions to serve (``$EXITCODES_PODMAN_API``, space-separated; all by default)."""


RUN_CLIS = True
"""False: docker-py only (``record_vectors.py --docker-py-only``)."""


def clis() -> list[str]:
    """The docker CLIs: Debian's 20.10.24 and the newest provisioned (``.cache/docker-clis``)."""
    root = CACHE / "docker-clis"
    found = [root / "docker.io-20.10.24" / "usr" / "bin" / "docker"]

    def key(path: Path) -> tuple[int, ...]:
        return tuple(int(part) for part in path.name.removeprefix("docker-").split("."))

    newest = sorted(
        (p for p in root.glob("docker-[0-9]*") if (p / "usr/bin/docker").exists()), key=key
    )
    if newest:
        found.append(newest[-1] / "usr" / "bin" / "docker")
    if not newest and os.access("/usr/local/bin/docker", os.X_OK):
        found.append(Path("/usr/local/bin/docker"))
    return [str(path) for path in found if os.access(path, os.X_OK)]


@dataclass
class ServiceRun:
    """What one podman service did in this session, or why it did not start."""

    version: str
    daemon: Daemon | None = None
    reason: str = ""
    start_seconds: float = 0.0
    clis: dict[str, str] = field(default_factory=dict)
    """CLI version -> binary."""
    captures: dict[str, dict[str, Capture]] = field(default_factory=dict)
    """CLI version -> scenario name -> capture."""
    dockerpy: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Scenario name -> docker-py's evidence and the State."""
    dockerpy_version: str = ""
    wall: float = 0.0


_STARTED: list[Daemon] = []
_LOCK = threading.Lock()


def stop_started() -> None:
    """Stop every service this process started and has not stopped yet."""
    with _LOCK:
        left = list(_STARTED)
        _STARTED.clear()
    for daemon in left:
        stop(daemon)


def _dockerpy(daemon: Daemon, result: ServiceRun) -> None:
    docker: Any = importlib.import_module("docker")
    result.dockerpy_version = docker.__version__
    client = docker.DockerClient(base_url=daemon.host, timeout=60)
    run_id = secrets.token_hex(3)
    try:
        with ThreadPoolExecutor(max_workers=max(1, WORKERS)) as pool:
            futures = {
                scenario.name: pool.submit(
                    dockerpy.run_one, client, f"{NAME_PREFIX}{run_id}-py-{scenario.name}", call
                )
                for scenario, call in dockerpy.SCENARIOS
            }
            result.dockerpy = {name: future.result() for name, future in futures.items()}
    finally:
        client.close()


def run_service(version: str) -> ServiceRun:
    """Start podman *version*'s service, run every scenario with each CLI and docker-py."""
    result = ServiceRun(version)
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
        plans = [(scenario.name, scenario.plan) for scenario in SCENARIOS]
        for cli in clis() if RUN_CLIS else ():
            version_text = cli_version(cli, daemon)
            result.clis[version_text] = cli
            result.captures[version_text], _ = run_plans(daemon, cli, plans, WORKERS)
        _dockerpy(daemon, result)
    except Exception as exc:  # report, do not hide the other services
        result.reason = f"podman {version}: the session failed: {type(exc).__name__}: {exc}"
    finally:
        result.wall = time.monotonic() - begin
        with _LOCK:
            if daemon in _STARTED:
                _STARTED.remove(daemon)
        stop(daemon)
    return result


def run_all(versions: tuple[str, ...] = SELECTED) -> dict[str, ServiceRun]:
    """:func:`run_service` for every version, concurrently."""
    with ThreadPoolExecutor(max_workers=max(1, len(versions))) as pool:
        futures = {version: pool.submit(run_service, version) for version in versions}
        return {version: future.result() for version, future in futures.items()}
