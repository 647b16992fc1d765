"""pytest wiring for the live engine suite: import path, the ``engines`` marker, the session.

The live tests (``test_engines_live.py``) are marked ``engines`` and run only when asked for:
``EXITCODES_ENGINES_LIVE=1`` (CI sets it after ``scripts/provision_engines.sh``) or
``-m engines``. The offline replay of the recorded vectors (``test_engines_vectors.py``) runs
always.
"""

from __future__ import annotations

import os
import sys
import time

# The helpers are imported as ``engines_live.<module>``: make ``tests/`` importable whatever
# pytest's import mode is.
_TESTS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if _TESTS_DIR not in sys.path:
    sys.path.insert(0, _TESTS_DIR)

import pytest  # noqa: E402

from engines_live.live import SELECTED, WORKERS, DaemonRun, run_all, stop_started  # noqa: E402

_SUMMARY: list[str] = []


def live_requested(config: pytest.Config) -> bool:
    """True when the live suite should run (``EXITCODES_ENGINES_LIVE=1`` or ``-m engines``)."""
    if os.environ.get("EXITCODES_ENGINES_LIVE", "").strip().lower() in ("1", "true", "yes"):
        return True
    return "engines" in str(config.getoption("-m", default="") or "")


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``engines`` marker."""
    config.addinivalue_line(
        "markers",
        "engines: starts real docker daemons as root (provision with "
        "scripts/provision_engines.sh; run with EXITCODES_ENGINES_LIVE=1 or -m engines)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip the live tests unless they were asked for, saying how to ask."""
    if live_requested(config):
        return
    skip = pytest.mark.skip(
        reason="live engine tests run with EXITCODES_ENGINES_LIVE=1 (or -m engines), after"
        " `sudo scripts/provision_engines.sh`"
    )
    # The marker, not item.keywords: those hold the names of the directories above too.
    for item in items:
        if item.get_closest_marker("engines") is not None:
            item.add_marker(skip)


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, exitstatus: int, config: pytest.Config
) -> None:
    """Say which daemons ran (versions, scenarios, seconds) and which could not start, and why."""
    if _SUMMARY:
        terminalreporter.section("exitcodes real engines")
        for line in _SUMMARY:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def engines_live() -> object:
    """Run every scenario against every selected daemon once per session; stop them after."""
    begin = time.monotonic()
    try:
        runs: dict[str, DaemonRun] = run_all(SELECTED)
    finally:
        stop_started()
    for version, run in runs.items():
        if run.daemon is None:
            _SUMMARY.append(f"dockerd {version}: COULD NOT START: {run.reason}")
            continue
        daemon = run.daemon
        counts = ", ".join(
            f"CLI {cli}: {len(captures)} scenarios" for cli, captures in run.captures.items()
        )
        line = (
            f"dockerd {version} (containerd {daemon.containerd_version}, runc"
            f" {daemon.runc_version}): started in {run.start_seconds:.1f} s; {counts};"
            f" {run.wall:.1f} s ({WORKERS} at a time)"
        )
        if run.reason:
            line += f"; FAILED: {run.reason}"
        _SUMMARY.append(line)
    _SUMMARY.append(f"live session: {time.monotonic() - begin:.1f} s wall")
    return runs
