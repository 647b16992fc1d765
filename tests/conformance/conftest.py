"""pytest wiring for the conformance suite: import path, the ``conformance`` marker, the summary."""

from __future__ import annotations

import os
import sys

# The helpers are imported as ``conformance.<module>``: make ``tests/`` importable whatever
# pytest's import mode is.
_TESTS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if _TESTS_DIR not in sys.path:
    sys.path.insert(0, _TESTS_DIR)

import pytest  # noqa: E402

from conformance.runner import STATS  # noqa: E402


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``conformance`` marker (live runs of real docker CLI binaries)."""
    config.addinivalue_line(
        "markers",
        "conformance: runs real docker CLI binaries against a stub Engine API on 127.0.0.1 "
        "(deselect with -m 'not conformance')",
    )


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, exitstatus: int, config: pytest.Config
) -> None:
    """Print how many table rows, generated cases and CLIs the conformance suite checked."""
    lines = STATS.lines()
    if not lines:
        return
    terminalreporter.section("exitcodes conformance")
    for line in lines:
        terminalreporter.write_line(line)
