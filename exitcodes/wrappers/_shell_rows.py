"""The rows of the shells (bash, dash): 127, 126, 128+n, 2 and the exit builtin."""

from __future__ import annotations

from exitcodes.outcome import ExitOutcome
from exitcodes.wrappers._model import CodeFrom, ExitRule, Shell, ShellSituation
from exitcodes.wrappers._wrapper_rows import LIVE

_S = ShellSituation
_O = ExitOutcome
_BASH_MANUAL = "GNU bash manual, 'Exit Status'"
_POSIX_282 = "POSIX XCU 2.8.2 Exit Status for Commands"
_BASH_LIVE = f"local runs of bash 5.2.15, {LIVE}"
_DASH_LIVE = f"local runs of dash 0.5.12, {LIVE}"


_BASH = Shell.BASH
_DASH = Shell.DASH
_FIXED = CodeFrom.FIXED
_BASH_EXIT = f"bash builtins/common.c: get_exitstat() (legal_number, & 0xFF); {_BASH_LIVE}"
_DASH_EXIT = f"dash src/mystring.c: number() (0..INT_MAX, else 'Illegal number'); {_DASH_LIVE}"

SHELL_RULES: tuple[ExitRule, ...] = (
    # --- bash ---
    ExitRule(
        "bash/usage-error",
        _BASH,
        _S.USAGE_ERROR,
        _FIXED,
        2,
        _O.USAGE_ERROR,
        f"{_BASH_MANUAL} (builtins return 2 for incorrect usage); {_BASH_LIVE}",
        "bash exits 2 for an invalid option to itself or to a builtin.",
    ),
    ExitRule(
        "bash/syntax-error",
        _BASH,
        _S.SYNTAX_ERROR,
        _FIXED,
        2,
        _O.USAGE_ERROR,
        f"{_BASH_MANUAL}; {_BASH_LIVE}",
        "A non-interactive bash exits 2 on a syntax error or a bad substitution.",
    ),
    ExitRule(
        "bash/not-invocable",
        _BASH,
        _S.NOT_INVOCABLE,
        _FIXED,
        126,
        _O.CANNOT_INVOKE,
        f"{_BASH_MANUAL}; {_POSIX_282}; {_BASH_LIVE}",
        "A command that is found but cannot be executed gives 126.",
    ),
    ExitRule(
        "bash/not-found",
        _BASH,
        _S.NOT_FOUND,
        _FIXED,
        127,
        _O.NOT_FOUND,
        f"{_BASH_MANUAL}; {_POSIX_282}; {_BASH_LIVE}",
        "A command that is not found gives 127.",
    ),
    ExitRule(
        "bash/script-not-found",
        _BASH,
        _S.SCRIPT_NOT_FOUND,
        _FIXED,
        127,
        _O.NOT_FOUND,
        _BASH_LIVE,
        "bash exits 127 when its script operand does not exist.",
    ),
    ExitRule(
        "bash/script-is-directory",
        _BASH,
        _S.SCRIPT_IS_DIRECTORY,
        _FIXED,
        126,
        _O.CANNOT_INVOKE,
        _BASH_LIVE,
        "bash exits 126 when its script operand is a directory.",
    ),
    ExitRule(
        "bash/unset-variable",
        _BASH,
        _S.UNSET_VARIABLE,
        _FIXED,
        127,
        _O.COMMAND_FAILED,
        _BASH_LIVE,
        "Under set -u, expanding an unset variable makes bash exit 127.",
    ),
    ExitRule(
        "bash/redirection-error",
        _BASH,
        _S.REDIRECTION_ERROR,
        _FIXED,
        1,
        _O.COMMAND_FAILED,
        _BASH_LIVE,
        "A failed redirection of a regular command gives 1.",
        distinctive=False,
    ),
    ExitRule(
        "bash/command-exited",
        _BASH,
        _S.COMMAND_EXITED,
        CodeFrom.COMMAND,
        None,
        _O.COMMAND_FAILED,
        f"{_BASH_MANUAL}; {_BASH_LIVE}",
        "The status of the last command is the shell's status.",
    ),
    ExitRule(
        "bash/command-signaled",
        _BASH,
        _S.COMMAND_SIGNALED,
        CodeFrom.COMMAND,
        None,
        _O.SIGNALED,
        f"{_BASH_MANUAL} (128+N); {_POSIX_282} (>128); {_BASH_LIVE}",
        "A command killed by signal n gives $? = 128+n; bash -c execs a last simple"
        " command, so the process waited for may itself die of n (Python: -n).",
    ),
    ExitRule(
        "bash/exit-builtin",
        _BASH,
        _S.EXIT_BUILTIN,
        CodeFrom.EXIT_ARGUMENT,
        None,
        _O.COMMAND_FAILED,
        _BASH_EXIT,
        "exit N exits with N & 0xFF for any N in int64: exit -1 is 255, exit 300 is 44.",
    ),
    ExitRule(
        "bash/bad-exit-argument",
        _BASH,
        _S.BAD_EXIT_ARGUMENT,
        _FIXED,
        2,
        _O.USAGE_ERROR,
        _BASH_EXIT,
        "exit with an argument that is not a decimal int64 exits 2 ('numeric argument"
        " required'; bash 4.1 gave 255).",
    ),
    # --- dash ---
    ExitRule(
        "dash/usage-error",
        _DASH,
        _S.USAGE_ERROR,
        _FIXED,
        2,
        _O.USAGE_ERROR,
        _DASH_LIVE,
        "dash exits 2 for an invalid option to itself or to a builtin.",
    ),
    ExitRule(
        "dash/syntax-error",
        _DASH,
        _S.SYNTAX_ERROR,
        _FIXED,
        2,
        _O.USAGE_ERROR,
        f"POSIX XCU sh EXIT STATUS (1-125); {_DASH_LIVE}",
        "A non-interactive dash exits 2 on a syntax error or a bad substitution.",
    ),
    ExitRule(
        "dash/not-invocable",
        _DASH,
        _S.NOT_INVOCABLE,
        _FIXED,
        126,
        _O.CANNOT_INVOKE,
        f"{_POSIX_282}; {_DASH_LIVE}",
        "A command that is found but cannot be executed gives 126.",
    ),
    ExitRule(
        "dash/not-found",
        _DASH,
        _S.NOT_FOUND,
        _FIXED,
        127,
        _O.NOT_FOUND,
        f"{_POSIX_282}; {_DASH_LIVE}",
        "A command that is not found gives 127.",
    ),
    ExitRule(
        "dash/script-not-found",
        _DASH,
        _S.SCRIPT_NOT_FOUND,
        _FIXED,
        2,
        _O.NOT_FOUND,
        _DASH_LIVE,
        "dash exits 2 ('cannot open') when its script operand does not exist, not 127.",
    ),
    ExitRule(
        "dash/script-is-directory",
        _DASH,
        _S.SCRIPT_IS_DIRECTORY,
        _FIXED,
        0,
        _O.SUCCESS,
        _DASH_LIVE,
        "dash reads a directory script operand as an empty script and exits 0.",
        distinctive=False,
    ),
    ExitRule(
        "dash/unset-variable",
        _DASH,
        _S.UNSET_VARIABLE,
        _FIXED,
        2,
        _O.COMMAND_FAILED,
        _DASH_LIVE,
        "Under set -u, expanding an unset variable makes dash exit 2.",
    ),
    ExitRule(
        "dash/redirection-error",
        _DASH,
        _S.REDIRECTION_ERROR,
        _FIXED,
        2,
        _O.COMMAND_FAILED,
        _DASH_LIVE,
        "A failed redirection, even of a regular command, gives 2.",
    ),
    ExitRule(
        "dash/command-exited",
        _DASH,
        _S.COMMAND_EXITED,
        CodeFrom.COMMAND,
        None,
        _O.COMMAND_FAILED,
        _DASH_LIVE,
        "The status of the last command is the shell's status.",
    ),
    ExitRule(
        "dash/command-signaled",
        _DASH,
        _S.COMMAND_SIGNALED,
        CodeFrom.COMMAND,
        None,
        _O.SIGNALED,
        f"{_POSIX_282} (>128); {_DASH_LIVE}",
        "A command killed by signal n gives $? = 128+n; dash -c does not exec its last"
        " command, so dash itself exits 128+n.",
    ),
    ExitRule(
        "dash/exit-builtin",
        _DASH,
        _S.EXIT_BUILTIN,
        CodeFrom.EXIT_ARGUMENT,
        None,
        _O.COMMAND_FAILED,
        _DASH_EXIT,
        "exit N exits with N & 0xFF for N in 0..2147483647: exit 300 is 44.",
    ),
    ExitRule(
        "dash/bad-exit-argument",
        _DASH,
        _S.BAD_EXIT_ARGUMENT,
        _FIXED,
        2,
        _O.USAGE_ERROR,
        _DASH_EXIT,
        "exit with an argument that is not a decimal in 0..2147483647 exits 2"
        " ('Illegal number'): dash's exit -1 is 2.",
    ),
)
