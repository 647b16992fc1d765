"""pytest wiring for the live compose suite: import path, the ``compose`` marker, the summary.

The live test (``test_compose_live.py``) is marked ``compose`` and runs only when asked for:
``EXITCODES_COMPOSE_LIVE=1`` (CI sets it after ``scripts/provision_compose.sh``) or
``-m compose``. The offline replay of the vectors (``tests/test_compose_vectors.py``) runs
always.
"""

from __future__ import annotations

import os
import sys

_TESTS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if _TESTS_DIR not in sys.path:
    sys.path.insert(0, _TESTS_DIR)

import pytest  # noqa: E402

SUMMARY: list[str] = []
"""Lines for the terminal summary (versions, scenario counts, disagreements, seconds)."""


def live_requested(config: pytest.Config) -> bool:
    """True when the live suite should run (``EXITCODES_COMPOSE_LIVE=1`` or ``-m compose``)."""
    if os.environ.get("EXITCODES_COMPOSE_LIVE", "").strip().lower() in ("1", "true", "yes"):
        return True
    return "compose" in str(config.getoption("-m", default="") or "")


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``compose`` marker."""
    config.addinivalue_line(
        "markers",
        "compose: runs the real compose binaries against real docker daemons as root (provision"
        " with scripts/provision_compose.sh; run with EXITCODES_COMPOSE_LIVE=1 or -m compose)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Skip the live tests unless they were asked for, saying how to ask."""
    if live_requested(config):
        return
    skip = pytest.mark.skip(
        reason="live compose tests run with EXITCODES_COMPOSE_LIVE=1 (or -m compose), after"
        " `sudo scripts/provision_compose.sh`"
    )
    for item in items:
        if "compose" in item.keywords:
            item.add_marker(skip)


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, exitstatus: int, config: pytest.Config
) -> None:
    """Print what ran on which compose binary."""
    if SUMMARY:
        terminalreporter.section("exitcodes real compose")
        for line in SUMMARY:
            terminalreporter.write_line(line)
