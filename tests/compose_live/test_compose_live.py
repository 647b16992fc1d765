"""Live: every scenario on the real compose 2.26.1 and 2.40.3, against real dockerd 26.1.5 and
28.5.2, and :func:`resolve_compose` on the fresh evidence must give the fresh exit code.

Both versions run at once (each its own daemon, ``EXITCODES_COMPOSE_WORKERS`` scenarios at a
time). A version whose binary or daemon is unavailable fails, with the reason: CI provisions
both. The recorded vectors are not rewritten; a scenario whose real code differs from its
recording (a race of compose itself, e.g. ``ecf-three-b`` on 2.26.1) is listed in the summary,
as a known race when ``vectors/<version>/races.jsonl`` holds that other answer already, else
as a new one (to be kept there, with its reason).
"""

from __future__ import annotations

import concurrent.futures
import time
from typing import Any

import pytest

from compose_live.conftest import SUMMARY
from compose_live.record import WORKERS, record
from compose_live.replay import VECTOR_DIR, evidence_of, load_vectors
from compose_live.scenarios import COMPOSE_VERSIONS, DAEMON_OF
from exitcodes.engines.compose import profile, resolve_compose
from exitcodes.errors import ExitCodesError

pytestmark = pytest.mark.compose


@pytest.fixture(scope="module")
def live_runs() -> dict[str, tuple[list[dict[str, Any]], str, float]]:
    """Run both versions once per module: {version: (vectors, skip reason, seconds)}."""

    def one(version: str) -> tuple[list[dict[str, Any]], str, float]:
        begin = time.monotonic()
        vectors, why = record(version, check=True)
        return vectors, why, time.monotonic() - begin

    with concurrent.futures.ThreadPoolExecutor(len(COMPOSE_VERSIONS)) as pool:
        return dict(zip(COMPOSE_VERSIONS, pool.map(one, COMPOSE_VERSIONS), strict=True))


@pytest.mark.parametrize("version", COMPOSE_VERSIONS)
def test_real_compose_agrees(
    version: str, live_runs: dict[str, tuple[list[dict[str, Any]], str, float]]
) -> None:
    """Zero disagreements between the library and the real compose binary."""
    vectors, why, seconds = live_runs[version]
    if why:
        SUMMARY.append(f"compose {version}: COULD NOT RUN: {why}")
        pytest.fail(f"compose {version} could not run: {why}")
    recorded = {
        v["name"]: v["exit_code"] for v in load_vectors(VECTOR_DIR / version / "scenarios.jsonl")
    }
    races_file = VECTOR_DIR / version / "races.jsonl"
    races = load_vectors(races_file) if races_file.exists() else []
    known = {(v["name"], v["exit_code"]) for v in races}
    disagreements = []
    changed = []
    for vec in vectors:
        try:
            answer: object = resolve_compose(evidence_of(vec), profile(version)).exit_code
        except ExitCodesError as error:
            answer = f"{type(error).__name__}: {error}"
        if answer != vec["exit_code"]:
            disagreements.append(
                f"{vec['name']}: real {vec['exit_code']}, library {answer};"
                f" stderr ends {vec['stderr'][-600:]!r}"
            )
        if recorded.get(vec["name"]) != vec["exit_code"]:
            seen = "known" if (vec["name"], vec["exit_code"]) in known else "NEW"
            changed.append(
                f"{vec['name']} {recorded.get(vec['name'])}->{vec['exit_code']} ({seen})"
            )
    SUMMARY.append(
        f"compose {version} on dockerd {DAEMON_OF[version]}: {len(vectors)} scenarios,"
        f" {len(disagreements)} disagreements, {seconds:.1f} s ({WORKERS} at a time)"
        + (f"; differing from the recording (races): {', '.join(changed)}" if changed else "")
    )
    assert len(vectors) >= 40
    assert not disagreements, disagreements
