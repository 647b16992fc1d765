"""pytest wiring for the podman API suite: import path, the ``podman_api`` marker, the session.

The live tests (``test_podman_api_live.py``) are marked ``podman_api`` and run only when asked
for: ``EXITCODES_PODMAN_API_LIVE=1`` or ``-m podman_api``. The offline replay of the recorded
vectors (``test_podman_api_vectors.py``) runs always.
"""

from __future__ import annotations

import os
import sys
import time

_TESTS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if _TESTS_DIR not in sys.path:
    sys.path.insert(0, _TESTS_DIR)

import pytest  # noqa: E402

from podman_api_live.live import SELECTED, WORKERS, ServiceRun, run_all, stop_started  # noqa: E402

_SUMMARY: list[str] = []


def live_requested(config: pytest.Config) -> bool:
    """True when the live suite should run (``EXITCODES_PODMAN_API_LIVE=1`` or ``-m podman_api``)."""
    if os.environ.get("EXITCODES_PODMAN_API_LIVE", "").strip().lower() in ("1", "true", "yes"):
        return True
    return "podman_api" in str(config.getoption("-m", default="") or "")


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``podman_api`` marker."""
    config.addinivalue_line(
        "markers",
        "podman_api: starts `podman system service` as root and drives it with docker CLIs and"
        " docker-py (run with EXITCODES_PODMAN_API_LIVE=1 or -m podman_api)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip the live tests unless they were asked for, saying how to ask."""
    if live_requested(config):
        return
    skip = pytest.mark.skip(
        reason="live podman API tests run with EXITCODES_PODMAN_API_LIVE=1 (or -m podman_api),"
        " after `sudo scripts/provision_podman.sh` (and provision_podman5.sh for 5.x)"
    )
    for item in items:
        if "podman_api" in item.keywords:
            item.add_marker(skip)


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, exitstatus: int, config: pytest.Config
) -> None:
    """Say which services ran (versions, scenarios, seconds) and which could not start, and why."""
    if _SUMMARY:
        terminalreporter.section("exitcodes podman API")
        for line in _SUMMARY:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def podman_api_live() -> dict[str, ServiceRun]:
    """Run every scenario against every selected service once per session; stop them after."""
    begin = time.monotonic()
    try:
        runs = run_all(SELECTED)
    finally:
        stop_started()
    for version, run in runs.items():
        if run.daemon is None:
            _SUMMARY.append(f"podman {version}: COULD NOT START: {run.reason}")
            continue
        counts = ", ".join(f"CLI {cli}: {len(caps)}" for cli, caps in run.captures.items())
        line = (
            f"podman {version} service: started in {run.start_seconds:.1f} s; {counts};"
            f" docker-py {run.dockerpy_version}: {len(run.dockerpy)}; {run.wall:.1f} s"
            f" ({WORKERS} at a time)"
        )
        if run.reason:
            line += f"; FAILED: {run.reason}"
        _SUMMARY.append(line)
    _SUMMARY.append(f"live session: {time.monotonic() - begin:.1f} s wall")
    return runs
