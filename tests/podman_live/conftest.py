"""pytest wiring for the podman suite: import path, the ``podman`` marker, fixtures, summary."""

from __future__ import annotations

import os
import sys

# The helpers are imported as ``podman_live.<module>``: make ``tests/`` importable whatever
# pytest's import mode is.
_TESTS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if _TESTS_DIR not in sys.path:
    sys.path.insert(0, _TESTS_DIR)

import pytest  # noqa: E402

from podman_live.live import WORKERS, LiveRun, availability, run_plans  # noqa: E402
from podman_live.scenarios import SCENARIOS  # noqa: E402

_SUMMARY: list[str] = []


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``podman`` marker (live runs of the real podman as root)."""
    config.addinivalue_line(
        "markers",
        "podman: runs the real podman as root against a busybox rootfs "
        "(provision with scripts/provision_podman.sh; deselect with -m 'not podman')",
    )


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, exitstatus: int, config: pytest.Config
) -> None:
    """Print which podman ran how many scenarios, and how long they took."""
    if _SUMMARY:
        terminalreporter.section("exitcodes podman")
        for line in _SUMMARY:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def podman_live() -> LiveRun:
    """Run every scenario against the real podman once per session, in a thread pool."""
    found = availability()
    if found.env is None:
        return LiveRun(None, found.reason, {}, 0.0)
    plans = [(scenario.name, scenario.plan) for scenario in SCENARIOS]
    captures, wall = run_plans(found.env, plans)
    busy = sum(capture.seconds for capture in captures.values())
    _SUMMARY.append(
        f"podman {found.env.version} ({found.env.podman}): {len(captures)} scenarios"
        f" in {wall:.1f} s wall"
        f" ({busy:.1f} s of podman time, {WORKERS} workers), rootfs {found.env.rootfs}"
    )
    return LiveRun(found.env, "", captures, wall)
