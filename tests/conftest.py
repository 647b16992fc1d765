"""Shared test configuration.

CI sets ``CI=true``, which makes Hypothesis load its built-in ``ci`` profile
(derandomized, no deadline); no other profile is loaded here on purpose.
"""

from __future__ import annotations

import signal
from collections.abc import Callable, Iterator
from types import FrameType
from typing import Any

import pytest

_Handler = Callable[[int, FrameType | None], Any] | int

#: The signals the live suites send to real processes (CLIs, `exitcodes why`, sh), with the
#: disposition a terminal's session gives them.
_DELIVERED: dict[signal.Signals, _Handler] = {
    signal.SIGINT: signal.default_int_handler,
    signal.SIGTERM: signal.SIG_DFL,
    signal.SIGHUP: signal.SIG_DFL,
    signal.SIGQUIT: signal.SIG_DFL,
    signal.SIGUSR1: signal.SIG_DFL,
    signal.SIGUSR2: signal.SIG_DFL,
}


@pytest.fixture(autouse=True, scope="session")
def signals_not_ignored() -> Iterator[None]:
    """Undo an ignored disposition inherited from `nohup` or a background shell.

    An ignored signal stays ignored across exec, so every process the tests start would
    survive the signals they send it, and the answers would depend on how the suite was
    started.
    """
    ignored = [number for number in _DELIVERED if signal.getsignal(number) is signal.SIG_IGN]
    for number in ignored:
        signal.signal(number, _DELIVERED[number])
    yield
    for number in ignored:
        signal.signal(number, signal.SIG_IGN)
