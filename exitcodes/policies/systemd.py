"""systemd: ``Restart=`` and the three exit-status lists of a service.

The lists are ``SuccessExitStatus=``, ``RestartPreventExitStatus=`` and
``RestartForceExitStatus=``.

The semantics are those documented in systemd.service(5) (systemd 252, the
"Table 2. Exit causes and the effect of the Restart= settings" and the three
exit-status settings) and implemented by ``service_shall_restart()`` in
``src/core/service.c``: a manual stop never restarts; an exit status listed in
``RestartPreventExitStatus=`` never restarts (it wins over the force list); one
listed in ``RestartForceExitStatus=`` always restarts; otherwise ``Restart=``
decides by the exit cause. A clean exit is code 0, for types other than
``Type=oneshot`` one of SIGHUP, SIGINT, SIGTERM or SIGPIPE, or a status listed in
``SuccessExitStatus=``.

A container run by ``podman run`` (or ``docker run``) under systemd is the unit's
main process: a stopped container makes it *exit* 143 (128+SIGTERM), which is an
unclean exit code, not a clean SIGTERM (containers/podman#16726); list 143 in
``SuccessExitStatus=`` to make it clean.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from exitcodes.classify import Classification
from exitcodes.conversions import LinuxSignal
from exitcodes.errors import InvalidArgumentError, MalformedEvidenceError, describe
from exitcodes.policies._base import PolicyDecision, System, Verdict, verdict_codes

__all__ = [
    "EXIT_STATUS_NAMES",
    "RESTART_SETTINGS",
    "SYSTEMD_VERDICTS",
    "evaluate_systemd",
    "parse_unit",
    "write_systemd",
]

_SOURCE = "systemd.service(5) Restart=, Table 2 (systemd 252); src/core/service.c"
RESTART_SETTINGS = (
    "no",
    "on-success",
    "on-failure",
    "on-abnormal",
    "on-watchdog",
    "on-abort",
    "always",
)
"""The values ``Restart=`` takes (systemd.service(5))."""

SYSTEMD_VERDICTS = (Verdict.RETRY, Verdict.FAIL, Verdict.SUCCESS)
"""The verdicts systemd units can give an exit code."""

# systemd.exec(5) "PROCESS EXIT CODES", as the real systemd-analyze exit-status of systemd 252
# lists them (the man page's tables say APPARMOR_PROFILE and BPF 245; the binary accepts
# APPARMOR, numbers BPF 244 and adds EXCEPTION 255). SuccessExitStatus= takes these names.
EXIT_STATUS_NAMES: dict[str, int] = {
    "SUCCESS": 0, "FAILURE": 1, "INVALIDARGUMENT": 2, "NOTIMPLEMENTED": 3, "NOPERMISSION": 4,
    "NOTINSTALLED": 5, "NOTCONFIGURED": 6, "NOTRUNNING": 7,
    "USAGE": 64, "DATAERR": 65, "NOINPUT": 66, "NOUSER": 67, "NOHOST": 68, "UNAVAILABLE": 69,
    "SOFTWARE": 70, "OSERR": 71, "OSFILE": 72, "CANTCREAT": 73, "IOERR": 74, "TEMPFAIL": 75,
    "PROTOCOL": 76, "NOPERM": 77, "CONFIG": 78,
    "CHDIR": 200, "NICE": 201, "FDS": 202, "EXEC": 203, "MEMORY": 204, "LIMITS": 205,
    "OOM_ADJUST": 206, "SIGNAL_MASK": 207, "STDIN": 208, "STDOUT": 209, "CHROOT": 210,
    "IOPRIO": 211, "TIMERSLACK": 212, "SECUREBITS": 213, "SETSCHEDULER": 214,
    "CPUAFFINITY": 215, "GROUP": 216, "USER": 217, "CAPABILITIES": 218, "CGROUP": 219,
    "SETSID": 220, "CONFIRM": 221, "STDERR": 222, "PAM": 224, "NETWORK": 225,
    "NAMESPACE": 226, "NO_NEW_PRIVILEGES": 227, "SECCOMP": 228, "SELINUX_CONTEXT": 229,
    "PERSONALITY": 230, "APPARMOR": 231, "ADDRESS_FAMILIES": 232,
    "RUNTIME_DIRECTORY": 233, "CHOWN": 235, "SMACK_PROCESS_LABEL": 236, "KEYRING": 237,
    "STATE_DIRECTORY": 238, "CACHE_DIRECTORY": 239, "LOGS_DIRECTORY": 240,
    "CONFIGURATION_DIRECTORY": 241, "NUMA_POLICY": 242, "CREDENTIALS": 243, "BPF": 244,
    "EXCEPTION": 255,
}  # fmt: skip
"""Exit-status names as ``SuccessExitStatus=`` takes them, and their numbers."""

_NAME_OF = {number: name for name, number in EXIT_STATUS_NAMES.items()}
_CLEAN_SIGNALS = frozenset({1, 2, 15, 13})  # SIGHUP, SIGINT, SIGTERM, SIGPIPE
_LISTS = ("SuccessExitStatus", "RestartPreventExitStatus", "RestartForceExitStatus")
_CAUSES = ("exit", "timeout", "watchdog")


def _signal_number(name: str) -> int | None:
    upper = name.upper()
    upper = upper if upper.startswith("SIG") else "SIG" + upper
    try:
        return int(LinuxSignal[upper])
    except KeyError:
        return None


def _status_set(values: Iterable[str], key: str) -> tuple[frozenset[int], frozenset[int]]:
    codes: set[int] = set()
    signals: set[int] = set()
    for value in values:
        if value == "":  # "If the empty string is assigned to this option, the list is reset"
            codes.clear()
            signals.clear()
            continue
        for word in value.split():
            if word.isdigit() and word.isascii():
                if len(word) > 3 or int(word) > 255:
                    raise InvalidArgumentError(f"{key}=: {word} is not an exit status (0-255)")
                codes.add(int(word))
            elif word.upper() in EXIT_STATUS_NAMES:
                codes.add(EXIT_STATUS_NAMES[word.upper()])
            elif word.upper().startswith("SIG") and _signal_number(word) is not None:
                signals.add(_signal_number(word) or 0)
            else:
                raise InvalidArgumentError(f"{key}=: unknown exit status or signal {word!r}")
    return frozenset(codes), frozenset(signals)


def parse_unit(unit: object) -> dict[str, list[str]]:
    r"""The ``[Service]`` settings of a unit file (or a quadlet file), each key's assignments.

    *unit* is the file's text, or a mapping of key to a value or list of values. Lines
    ending in a backslash continue; ``#`` and ``;`` start comments; assignments to
    the same key are kept in order (the lists merge, an empty one resets).

    >>> parse_unit("[Service]\nRestart=on-failure\nSuccessExitStatus=143\n")["Restart"]
    ['on-failure']
    """
    if isinstance(unit, Mapping):
        settings: dict[str, list[str]] = {}
        for key, value in unit.items():
            values = value if isinstance(value, (list, tuple)) else [value]
            if not isinstance(key, str):
                raise InvalidArgumentError(f"unit keys must be strings, got {describe(key)}")
            settings[key] = [str(item) if isinstance(item, int) else item for item in values]
            if not all(isinstance(item, str) for item in settings[key]):
                raise InvalidArgumentError(f"unit[{key!r}] must be strings or ints")
        return settings
    if not isinstance(unit, str):
        raise InvalidArgumentError(f"a unit must be its text or a mapping, got {describe(unit)}")
    settings = {}
    section = None
    pending = ""
    for raw in unit.splitlines():
        line = pending + raw.strip()
        pending = ""
        if line.endswith("\\"):
            pending = line[:-1].rstrip() + " "
            continue
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1]
            continue
        if section == "Service" and "=" in line:
            key, _, value = line.partition("=")
            settings.setdefault(key.strip(), []).append(value.strip())
    return settings


def _restart_setting(settings: Mapping[str, list[str]]) -> tuple[str, bool]:
    restart = (settings.get("Restart") or ["no"])[-1] or "no"
    if restart not in RESTART_SETTINGS:
        raise InvalidArgumentError(f"Restart={restart} is not one of {', '.join(RESTART_SETTINGS)}")
    oneshot = (settings.get("Type") or ["simple"])[-1] == "oneshot"
    if oneshot and restart in ("always", "on-success"):
        raise InvalidArgumentError(
            "Service has Restart= set to either always or on-success, which isn't allowed for"
            " Type=oneshot services. Refusing."
        )
    return restart, oneshot


def _evidence(evidence: object) -> tuple[int | None, int | None]:
    """(exit code, None) for an exit, (None, signal number) for a death by signal."""
    if isinstance(evidence, Classification):
        if evidence.status is not None and evidence.status < 0 and evidence.signal is not None:
            return None, int(evidence.signal)
        if evidence.exit_code is None:
            raise MalformedEvidenceError("the classification carries no exit status")
        return evidence.exit_code, None
    if isinstance(evidence, str):
        number = _signal_number(evidence)
        if number is None or not evidence.upper().startswith("SIG"):
            raise MalformedEvidenceError(f"not a signal name: {describe(evidence)}")
        return None, number
    if isinstance(evidence, bool) or not isinstance(evidence, int):
        raise MalformedEvidenceError(
            "evidence must be an exit code, a signal name or a Classification, got"
            f" {describe(evidence)}"
        )
    if not 0 <= evidence <= 255:
        raise MalformedEvidenceError(f"an exit status is 0-255, got {evidence}")
    return evidence, None


def evaluate_systemd(
    unit: object,
    evidence: object = None,
    *,
    cause: str = "exit",
    manually_stopped: bool = False,
) -> PolicyDecision:
    r"""Whether systemd restarts a service whose main process ended with *evidence*.

    Args:
        unit: the unit file's text or its ``[Service]`` settings as a mapping.
        evidence: the exit status (0-255), a signal name (``"SIGKILL"``: the main
            process was killed), or a :class:`~exitcodes.Classification` (a negative
            returncode means killed by that signal); ``None`` with a *cause* of
            ``timeout`` or ``watchdog``.
        cause: ``exit`` (the process ended), ``timeout`` or ``watchdog``.
        manually_stopped: ``systemctl stop`` or an equivalent operation ended it.

    Returns:
        ``RETRY`` if it restarts, else ``SUCCESS`` for a clean exit and ``FAIL`` for
        an unclean one; ``message`` is the journal's "Main process exited" line
        without the unit's name (``unit_log_process_exit``: "%s exited, code=%s,
        status=%i/%s%s", the last part " (success)" for a clean exit).

    >>> unit = "[Service]\nRestart=on-failure\nSuccessExitStatus=143\n"
    >>> evaluate_systemd(unit, 143).verdict.value, evaluate_systemd(unit, 1).verdict.value
    ('success', 'retry')
    """
    settings = parse_unit(unit)
    restart, oneshot = _restart_setting(settings)
    success, prevent, force = (_status_set(settings.get(key, ()), key) for key in _LISTS)
    if cause not in _CAUSES:
        raise InvalidArgumentError(
            f"cause must be one of {', '.join(_CAUSES)}, got {describe(cause)}"
        )
    code, signal = (None, None) if cause != "exit" and evidence is None else _evidence(evidence)
    signal_name = None if signal is None else LinuxSignal(signal).name
    message = None
    if cause == "timeout":
        result, clean = "timeout", False
    elif cause == "watchdog":
        result, clean = "watchdog", False
    elif code is not None:
        clean = code == 0 or code in success[0]
        result = "success" if clean else "exit-code"
        message = f"Main process exited, code=exited, status={code}/{_NAME_OF.get(code, 'n/a')}"
        message += " (success)" if clean else ""
    else:
        assert signal is not None
        assert signal_name is not None
        clean = (not oneshot and signal in _CLEAN_SIGNALS) or signal in success[1]
        result = "success" if clean else "signal"
        message = f"Main process exited, code=killed, status={signal}/{signal_name[3:]}"
        message += " (success)" if clean else ""

    def listed(pair: tuple[frozenset[int], frozenset[int]]) -> bool:
        return (code is not None and code in pair[0]) or (signal is not None and signal in pair[1])

    what = "clean" if clean else f"unclean (result '{result}')"
    if manually_stopped:
        restart_it, why = False, "The service was stopped by hand: systemd does not restart it."
    elif listed(prevent):
        restart_it, why = False, f"The status is in RestartPreventExitStatus=: no restart ({what})."
    elif listed(force):
        restart_it, why = True, f"The status is in RestartForceExitStatus=: restart ({what})."
    else:
        restart_it = {
            "no": False,
            "always": True,
            "on-success": clean,
            "on-failure": not clean,
            "on-abnormal": result in ("signal", "timeout", "watchdog"),
            "on-watchdog": result == "watchdog",
            "on-abort": result == "signal",
        }[restart]
        done = "restart" if restart_it else "no restart"
        why = f"Restart={restart} and the exit is {what}: {done}."
    verdict = Verdict.RETRY if restart_it else Verdict.SUCCESS if clean else Verdict.FAIL
    return PolicyDecision(
        System.SYSTEMD,
        verdict,
        "restart" if restart_it else ("stop" if clean else "failed"),
        why,
        _SOURCE,
        message=message,
        exit_code=code,
        signal=signal_name,
    )


def write_systemd(verdicts: Mapping[Verdict, Iterable[int]], *, restart: str = "on-failure") -> str:
    """``[Service]`` lines giving each exit status its verdict (``RETRY``, ``FAIL``, ``SUCCESS``).

    ``SUCCESS`` codes go to ``SuccessExitStatus=``, ``FAIL`` codes to
    ``RestartPreventExitStatus=``, ``RETRY`` codes to ``RestartForceExitStatus=``;
    other codes follow *restart*.

    >>> print(write_systemd({Verdict.SUCCESS: [143], Verdict.FAIL: [2]}))
    Restart=on-failure
    SuccessExitStatus=143
    RestartPreventExitStatus=2
    """
    checked = verdict_codes(verdicts, SYSTEMD_VERDICTS, "a systemd unit")
    if restart not in RESTART_SETTINGS:
        raise InvalidArgumentError(f"restart must be one of {', '.join(RESTART_SETTINGS)}")
    for verdict, codes in checked.items():
        if any(not 0 <= code <= 255 for code in codes):
            raise InvalidArgumentError("systemd exit statuses are 0-255")
        if verdict is Verdict.FAIL and 0 in codes:
            raise InvalidArgumentError("exit status 0 is always clean: it cannot fail a unit")
    if checked.get(Verdict.SUCCESS) and restart in ("always", "on-success"):
        raise InvalidArgumentError(
            f"Restart={restart} restarts a clean exit: SuccessExitStatus= cannot make a code a"
            " success that stays stopped"
        )
    lines = [f"Restart={restart}"]
    for verdict, key in (
        (Verdict.SUCCESS, "SuccessExitStatus"),
        (Verdict.FAIL, "RestartPreventExitStatus"),
        (Verdict.RETRY, "RestartForceExitStatus"),
    ):
        if checked.get(verdict):
            lines.append(f"{key}={' '.join(str(code) for code in checked[verdict])}")
    return "\n".join(lines)
