"""Turn a recorded compose vector into the evidence a wrapper of compose would have.

A vector (``record.py``) holds the command line, compose's stderr, the project's ``docker
events`` during the command (``die`` events order the exits and survive ``--rm``), the
containers' inspect states afterwards, ``docker compose ps --format json`` and the exec
inspect results. :func:`evidence_of` builds a :class:`ComposeEvidence` from the events (plus
the containers still running at the end); :func:`evidence_from_inspect` and
:func:`evidence_from_ps` build it from the other two sources.
"""

from __future__ import annotations

import json
import signal
from pathlib import Path
from typing import Any

from exitcodes.engines.compose import (
    ComposeEvidence,
    ContainerExit,
    exits_from_events,
    exits_from_inspect,
    exits_from_ps,
)

VECTOR_DIR = Path(__file__).resolve().parent / "vectors"


def load_vectors(path: Path) -> list[dict[str, Any]]:
    """Every vector of a ``scenarios.jsonl`` file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def all_vectors() -> list[dict[str, Any]]:
    """Every recorded vector of every compose version, with the other answers of its races.

    ``races.jsonl`` keeps the real runs of a scenario that came out otherwise than its
    recording because compose itself races; each says why in ``race``.
    """
    paths = sorted(VECTOR_DIR.glob("*/scenarios.jsonl")) + sorted(VECTOR_DIR.glob("*/races.jsonl"))
    return [v for path in paths for v in load_vectors(path)]


def _exec_code(vector: dict[str, Any]) -> int | None:
    done = [e for e in vector.get("execs", []) if e.get("Running") is False]
    code = done[-1].get("ExitCode") if done else None
    return code if isinstance(code, int) else None


def _common(vector: dict[str, Any]) -> dict[str, Any]:
    return {
        "argv": vector["argv"],
        "exec_exit_code": _exec_code(vector),
        "signal": int(signal.SIGINT) if vector["sigint"] else None,
        "stderr": vector["stderr"],
    }


def evidence_of(vector: dict[str, Any]) -> ComposeEvidence:
    """The evidence from the events, plus the containers still running at the end."""
    exits, exec_code = exits_from_events(vector["events"])
    running = tuple(c for c in exits_from_inspect(vector["containers"]) if c.exit_code is None)
    common = _common(vector)
    if common["exec_exit_code"] is None:
        common["exec_exit_code"] = exec_code
    return ComposeEvidence(containers=exits + running, **common)


def evidence_from_inspect(vector: dict[str, Any]) -> ComposeEvidence:
    """The evidence from the containers' inspect states (removed containers are missing)."""
    return ComposeEvidence(containers=exits_from_inspect(vector["containers"]), **_common(vector))


def evidence_from_ps(vector: dict[str, Any]) -> ComposeEvidence:
    """The evidence from ``compose ps -a --format json`` (no order of the exits)."""
    text = "\n".join(json.dumps(row) for row in vector["ps"])
    exits: tuple[ContainerExit, ...] = exits_from_ps(text)
    return ComposeEvidence(containers=exits, **_common(vector))
