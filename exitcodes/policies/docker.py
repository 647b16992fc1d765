"""Docker restart policies: ``--restart`` parsed as the CLI does, decided as moby's daemon does.

Parsing follows docker/cli ``opts/parse.go: ParseRestartPolicy`` (v29.7.2):
syntactic only, ``name[:count]``. Validation follows moby
``api/types/container/hostconfig.go: ValidateRestartPolicy``. The decision follows
moby ``daemon/internal/restartmanager/restartmanager.go: ShouldRestart``
(docker-v29.7.2): ``no`` never restarts; ``always`` always does; ``unless-stopped``
does unless the container was stopped by hand; ``on-failure[:N]`` restarts on a
non-zero code while fewer than N restarts happened (0 = no limit). The delay starts at
100 ms, doubles each restart, is capped at one minute, and is reset when the
container ran for 10 seconds or more. A ``docker stop``/``docker kill`` (or the daemon's
shutdown) cancels the restart manager (``ExitOnNext``), so no policy restarts that exit;
the difference between ``always`` and ``unless-stopped`` shows when the daemon starts
again (``daemon/daemon.go`` restore), as the real dockerd 29.7.2 showed.

A container whose start failed never enters the loop: moby returns the start
error (``startInvalidConfigError`` for 126/127 errors, ``daemon/errors.go:
setExitCodeFromError``; any error of a restart's ``containerStart`` in
``daemon/monitor.go``) and leaves the container stopped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

import attrs

from exitcodes.classify import Classification, EvidenceKind
from exitcodes.errors import InvalidArgumentError, describe
from exitcodes.outcome import ExitOutcome
from exitcodes.policies._base import Decisions, PolicyDecision, System, Verdict, verdict_codes
from exitcodes.policies._reading import exit_evidence

__all__ = [
    "DOCKER_VERDICTS",
    "RestartPolicy",
    "evaluate_docker_restart",
    "parse_restart_policy",
    "write_docker_restart",
]

_ATOI = re.compile(r"[+-]?[0-9]+")
_SOURCE = "moby daemon/internal/restartmanager/restartmanager.go: ShouldRestart (docker-v29.7.2)"
# A start failure and a stop by hand are decided before the restart manager is asked.
_START_ERROR_SOURCE = (
    "moby daemon/errors.go: setExitCodeFromError; daemon/monitor.go (docker-v29.7.2)"
)
_STOPPED_SOURCE = "moby daemon/container/container.go: ExitOnNext; daemon/kill.go (docker-v29.7.2)"
_DEFAULT_TIMEOUT = 0.1
_MAX_TIMEOUT = 60.0
_NAMES = ("no", "always", "on-failure", "unless-stopped")
DOCKER_VERDICTS = (Verdict.RETRY, Verdict.FAIL)
"""The verdicts a Docker restart policy can give a non-zero exit code."""


@attrs.frozen
class RestartPolicy:
    """A Docker restart policy, as ``HostConfig.RestartPolicy`` holds it.

    Attributes:
        name: ``no``, ``always``, ``on-failure``, ``unless-stopped``, or ``""`` (none).
        maximum_retry_count: the ``on-failure`` limit; 0 means no limit.
    """

    name: str = ""
    maximum_retry_count: int = 0

    def __str__(self) -> str:
        """The ``--restart`` value."""
        if self.maximum_retry_count:
            return f"{self.name}:{self.maximum_retry_count}"
        return self.name or "no"


def parse_restart_policy(policy: object, *, validate: bool = True) -> RestartPolicy:
    """Parse and validate a ``--restart`` value or a ``HostConfig.RestartPolicy`` mapping.

    Parsing is docker/cli's ``ParseRestartPolicy``; validation (skipped with
    ``validate=False``, as the CLI leaves it to the daemon) is the daemon's
    ``ValidateRestartPolicy``, whose message the error carries.

    Raises:
        InvalidArgumentError: with the CLI's or the daemon's message.

    >>> parse_restart_policy("on-failure:3")
    RestartPolicy(name='on-failure', maximum_retry_count=3)
    """
    if isinstance(policy, RestartPolicy):
        parsed = policy
    elif isinstance(policy, Mapping):
        name = policy.get("Name", "") or ""
        count = policy.get("MaximumRetryCount", 0) or 0
        unknown = set(policy) - {"Name", "MaximumRetryCount"}
        if (
            unknown
            or not isinstance(name, str)
            or isinstance(count, bool)
            or not isinstance(count, int)
        ):
            raise InvalidArgumentError(f"not a RestartPolicy: {describe(policy)}")
        parsed = RestartPolicy(name, count)
    elif isinstance(policy, str):
        if policy == "":
            return RestartPolicy()
        name, colon, count_text = policy.partition(":")
        if colon and name == "":
            raise InvalidArgumentError(
                "invalid restart policy format: no policy provided before colon"
            )
        count = 0
        if count_text != "":
            # strconv.Atoi: an optional sign and ASCII digits, within int64
            digits = count_text.lstrip("+-")
            if _ATOI.fullmatch(count_text) is None or len(digits) > 19 or int(digits) > 2**63 - 1:
                raise InvalidArgumentError(
                    "invalid restart policy format: maximum retry count must be an integer"
                )
            count = int(count_text)
        parsed = RestartPolicy(name, count)
    else:
        raise InvalidArgumentError(f"a restart policy must be a string, got {describe(policy)}")
    return _validate(parsed) if validate else parsed


def _validate(policy: RestartPolicy) -> RestartPolicy:
    if policy.name in ("always", "unless-stopped", "no"):
        if policy.maximum_retry_count != 0:
            message = (
                "invalid restart policy: maximum retry count can only be used with 'on-failure'"
            )
            if policy.maximum_retry_count < 0:
                message += " and cannot be negative"
            raise InvalidArgumentError(message)
    elif policy.name == "on-failure":
        if policy.maximum_retry_count < 0:
            raise InvalidArgumentError(
                "invalid restart policy: maximum retry count cannot be negative"
            )
    elif policy.name != "":
        raise InvalidArgumentError(
            f"invalid restart policy: unknown policy '{policy.name}'; use one of 'no',"
            " 'always', 'on-failure', or 'unless-stopped'"
        )
    return policy


def next_delay(previous: float | None, execution_seconds: float | None) -> float:
    """The restart manager's next delay in seconds (``rm.timeout``) after *previous*.

    >>> next_delay(None, 1.0), next_delay(0.1, 1.0), next_delay(5.0, 10.0), next_delay(40.0, 1.0)
    (0.1, 0.2, 0.1, 60.0)
    """
    timeout = previous or 0.0
    if execution_seconds is not None and execution_seconds >= 10:
        timeout = 0.0
    if timeout == 0:
        timeout = _DEFAULT_TIMEOUT
    elif timeout < _MAX_TIMEOUT:
        timeout *= 2
    return min(timeout, _MAX_TIMEOUT)


_START_ERRORS = (ExitOutcome.ENGINE_ERROR, ExitOutcome.NOT_FOUND, ExitOutcome.CANNOT_INVOKE)
# A bare status (``sh`` exiting 127) says nothing about a start failure: the process ran.
_CODE_ONLY = (EvidenceKind.STATUS, EvidenceKind.PROCESS, EvidenceKind.EXEC)


def evaluate_docker_restart(
    policy: object,
    evidence: object,
    *,
    restart_count: int = 0,
    manually_stopped: bool = False,
    daemon_shutdown: bool = False,
    daemon_start: bool = False,
    execution_seconds: float | None = None,
    previous_delay: float | None = None,
) -> PolicyDecision:
    """What dockerd does when a container with *policy* exits with *evidence*.

    Args:
        policy: a ``--restart`` value, a ``HostConfig.RestartPolicy`` mapping, or a
            :class:`RestartPolicy`.
        evidence: the exit code, or a :class:`~exitcodes.Classification`. A
            classification of a start failure (the engine's error, a command not
            found or not executable: ``startInvalidConfigError``) never restarts.
        restart_count: restarts so far (``RestartCount``).
        manually_stopped: ``docker stop`` or ``docker kill`` (with the stop signal) ended
            it: the daemon cancels the restart manager (``ExitOnNext``), so no policy
            restarts it, ``always`` included (``HasBeenManuallyStopped``).
        daemon_shutdown: the daemon's shutdown stopped it (the restart is cancelled too,
            but it is not a manual stop: the next daemon start may restart it).
        daemon_start: decide what the daemon does with this exited container when it
            starts (``daemon/daemon.go`` restore): ``always`` restarts it even after a
            manual stop, ``unless-stopped`` does not, ``on-failure`` on a failure.
        execution_seconds: how long the container ran; 10 s or more resets the delay.
        previous_delay: the restart manager's delay before this exit, in seconds.

    >>> d = evaluate_docker_restart("on-failure:2", 1, restart_count=2)
    >>> d.verdict.value, d.reason
    ('fail', 'on-failure:2 allows 2 restarts and 2 happened; the container stays stopped.')
    """
    parsed = parse_restart_policy(policy)
    code, signal = exit_evidence(evidence)
    if isinstance(restart_count, bool) or not isinstance(restart_count, int) or restart_count < 0:
        raise InvalidArgumentError(
            f"restart_count must be an int >= 0, got {describe(restart_count)}"
        )
    decide = Decisions(System.DOCKER, _SOURCE, exit_code=code, signal=signal)
    if (
        isinstance(evidence, Classification)
        and evidence.outcome in _START_ERRORS
        and evidence.kind not in _CODE_ONLY
    ):
        return decide(
            Verdict.FAIL,
            "stop",
            "The container failed to start; the daemon returns the start error"
            " (startInvalidConfigError) and does not enter the restart loop.",
            source=_START_ERROR_SOURCE,
        )
    if code is None:
        raise InvalidArgumentError(
            "the evidence carries no exit code: the container has not exited"
        )
    status = code & 0xFFFFFFFF  # ShouldRestart takes uint32(exitCode)
    name = parsed.name or "no"
    if not daemon_start and (manually_stopped or daemon_shutdown) and name != "no":
        verdict = Verdict.SUCCESS if status == 0 else Verdict.FAIL
        by = "docker stop/kill" if manually_stopped else "the daemon's shutdown"
        return decide(
            verdict,
            "stop",
            f"The container was stopped by {by}: the daemon cancels its restart manager"
            " (ExitOnNext, ErrRestartCanceled), whatever the policy.",
            source=_STOPPED_SOURCE,
        )
    stopped = manually_stopped
    if name == "no":
        restart, why = False, "The restart policy is no: the container is never restarted."
    elif name == "always":
        restart, why = True, "The restart policy is always: the container is restarted."
    elif name == "unless-stopped":
        restart = not stopped
        why = (
            "unless-stopped: the container was stopped by hand, so the daemon leaves it stopped."
            if stopped
            else "unless-stopped: it was not stopped by hand, so it is restarted."
        )
    else:
        limit = parsed.maximum_retry_count
        if limit and restart_count >= limit:
            restart = False
            why = (
                f"{parsed} allows {limit} restarts and {restart_count} happened; the"
                " container stays stopped."
            )
        else:
            restart = status != 0
            why = (
                f"{parsed}: exit code {code} is a failure, so it is restarted."
                if restart
                else f"{parsed}: exit code 0 is not a failure, so it stays stopped."
            )
    if not restart:
        verdict = Verdict.SUCCESS if status == 0 else Verdict.FAIL
        return decide(verdict, "stop", why)
    return decide(
        Verdict.RETRY, "restart", why, delay=next_delay(previous_delay, execution_seconds)
    )


def write_docker_restart(verdicts: Mapping[Verdict, Iterable[int]], *, max_retries: int = 0) -> str:
    """The ``--restart`` value for exit-code verdicts, where Docker can express them.

    Docker cannot tell one non-zero code from another: ``on-failure`` retries every
    failure, ``no`` none. So all listed codes must share one verdict (``RETRY`` or
    ``FAIL``), and 0 cannot be listed.

    >>> write_docker_restart({Verdict.RETRY: [1, 2]}, max_retries=3)
    'on-failure:3'
    """
    checked = verdict_codes(verdicts, DOCKER_VERDICTS, "a Docker restart policy")
    if any(code == 0 for codes in checked.values() for code in codes):
        raise InvalidArgumentError("Docker restart policies cannot single out exit code 0")
    if len(checked) > 1:
        raise InvalidArgumentError(
            "Docker restart policies treat every non-zero exit code alike; these verdicts"
            " differ by code"
        )
    if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
        raise InvalidArgumentError(f"max_retries must be an int >= 0, got {describe(max_retries)}")
    if Verdict.RETRY in checked:
        return f"on-failure:{max_retries}" if max_retries else "on-failure"
    return "no"
