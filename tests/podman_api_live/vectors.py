"""The recorded vectors of the podman API suite: their shape, where they live, how to load them.

``vectors/podman-<version>/cli-<cli>.jsonl``: one line per scenario of
``engines_live.scenarios``, as that suite records them against dockerd, with ``podman`` (the
service's version) in place of ``dockerd``. ``vectors/podman-<version>/docker-py.jsonl``: one
line per :data:`podman_api_live.dockerpy.SCENARIOS` entry: what ``containers.run`` raised (or
returned) and the container's State.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from engines_live.daemons import Daemon
from engines_live.harness import normalize
from engines_live.scenarios import Scenario, load_vectors, vector
from live_plan import Capture

VECTOR_DIR = Path(__file__).resolve().parent / "vectors"
CLI_KEYS: tuple[str, ...] = (
    *("name", "podman", "runc", "cli", "argv", "resolve"),
    *("exit_code", "stderr", "stdout", "state"),
)
PY_KEYS = ("name", "podman", "docker_py", "call", "evidence", "state")


def cli_vector(
    scenario: Scenario, captures: Mapping[str, Capture], daemon: Daemon, cli: str
) -> dict[str, Any]:
    """engines_live's vector of one CLI run, keyed by the podman version."""
    vec = vector(scenario, captures, daemon, cli)
    vec["podman"] = vec.pop("dockerd")
    vec.pop("containerd")
    return vec


def py_vector(
    scenario: Scenario, call: Any, done: Mapping[str, Any], daemon: Daemon, py_version: str
) -> dict[str, Any]:
    """The record of one ``containers.run``."""
    image, command, kwargs = call

    def norm(value: Any) -> Any:
        if isinstance(value, str):
            return normalize(value, daemon)
        if isinstance(value, dict):
            return {key: norm(item) for key, item in value.items()}
        if isinstance(value, list):
            return [norm(item) for item in value]
        return value

    return {
        "name": scenario.name,
        "podman": daemon.version,
        "docker_py": py_version,
        "call": {"image": image, "command": command, "kwargs": kwargs},
        "evidence": norm(done["evidence"]),
        "state": norm(done["state"]),
    }


def line(vec: Mapping[str, Any], keys: tuple[str, ...]) -> str:
    """One JSONL line, keys in *keys* order."""
    return json.dumps({key: vec[key] for key in keys if key in vec}, ensure_ascii=False)


def cli_path(podman: str, cli: str) -> Path:
    """``vectors/podman-<podman>/cli-<cli>.jsonl``."""
    return VECTOR_DIR / f"podman-{podman}" / f"cli-{cli}.jsonl"


def py_path(podman: str) -> Path:
    """``vectors/podman-<podman>/docker-py.jsonl``."""
    return VECTOR_DIR / f"podman-{podman}" / "docker-py.jsonl"


@functools.cache
def recorded_cli(podman: str, cli: str) -> dict[str, dict[str, Any]]:
    """The recorded CLI vectors of one service and CLI, by scenario name (empty if none)."""
    path = cli_path(podman, cli)
    return {vec["name"]: vec for vec in load_vectors(path)} if path.exists() else {}


def all_cli_files() -> list[Path]:
    """Every recorded CLI vector file."""
    return sorted(VECTOR_DIR.glob("podman-*/cli-*.jsonl"))


def all_py_files() -> list[Path]:
    """Every recorded docker-py vector file."""
    return sorted(VECTOR_DIR.glob("podman-*/docker-py.jsonl"))
