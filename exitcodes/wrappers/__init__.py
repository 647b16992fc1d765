"""Exit statuses of the GNU wrapper commands and of POSIX shells, as data.

``chroot``, ``env``, ``nice``, ``nohup``, ``stdbuf`` and ``timeout`` run a
COMMAND and use the same convention as ``docker run``: 125 when the wrapper
itself failed, 126 when COMMAND was found but could not be invoked, 127 when it
was not found, and otherwise COMMAND's own status. ``timeout`` adds 124 for a
time-out and 137 for a KILL. Shells report 127/126 too, ``128+n`` for a signal,
and 2 for usage and syntax errors, with differences between bash and dash.

Every convention is a row of :data:`EXIT_RULES` (tool, situation, code, source),
and ``tests/test_wrappers.py`` checks each row against the real binaries
(coreutils 9.1, bash 5.2, dash 0.5.12).

>>> from exitcodes.wrappers import Wrapper, WrapperSituation as W, wrapper_exit_code
>>> wrapper_exit_code(Wrapper.TIMEOUT, W.TIMED_OUT)
124
>>> wrapper_exit_code("timeout", W.TIMED_OUT, preserve_status=True)
143
>>> wrapper_exit_code("nohup", W.USAGE_ERROR, posixly_correct=True)
127
>>> from exitcodes.wrappers import Shell, exit_builtin_status
>>> exit_builtin_status(Shell.BASH, "-1"), exit_builtin_status(Shell.DASH, "-1")
(255, 2)
>>> from exitcodes.wrappers import classify_wrapper_status
>>> reading = classify_wrapper_status("timeout", 124)
>>> reading.outcome, reading.situations
(ExitOutcome.SIGNALED, (WrapperSituation.TIMED_OUT, WrapperSituation.COMMAND_EXITED))
"""

from __future__ import annotations

from exitcodes.wrappers import _lookup
from exitcodes.wrappers._lookup import (
    exit_builtin_status,
    shell_exit_code,
    shell_rule,
    wrapper_exit_code,
    wrapper_returncode,
    wrapper_rule,
)
from exitcodes.wrappers._model import (
    CodeFrom,
    ExitRule,
    Shell,
    ShellSituation,
    Wrapper,
    WrapperSituation,
)
from exitcodes.wrappers._reading import (
    StatusReading,
    classify_shell_status,
    classify_wrapper_status,
)

__all__ = [
    "EXIT_RULES",
    "CodeFrom",
    "ExitRule",
    "Shell",
    "ShellSituation",
    "StatusReading",
    "Wrapper",
    "WrapperSituation",
    "classify_shell_status",
    "classify_wrapper_status",
    "exit_builtin_status",
    "shell_exit_code",
    "shell_rule",
    "wrapper_exit_code",
    "wrapper_returncode",
    "wrapper_rule",
]

EXIT_RULES: tuple[ExitRule, ...] = _lookup.EXIT_RULES
"""Every modelled convention, one row each, in matching order (the first row whose
tool, situation and conditions match wins)."""
