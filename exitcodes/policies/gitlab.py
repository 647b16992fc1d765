"""GitLab CI: a job's ``retry`` (``max``, ``when``, ``exit_codes``) and ``allow_failure``.

Retry follows GitLab's ``Gitlab::Ci::Build::AutoRetry`` (lib/gitlab/ci/build/auto_retry.rb):
``retry: N`` is ``{max: N}``; without ``when`` or ``exit_codes`` every failure is retried
(``when`` defaults to ``always``); with ``exit_codes`` and no ``when``, only those codes
are; with both, either one matching retries; a retry needs ``max`` above the retries so
far, and some failure reasons are never retried (``RETRY_OVERRIDES``). A failure that is
not retried is allowed (the pipeline goes on, "passed with warnings") when
``allow_failure`` is ``true`` or lists the exit code in ``exit_codes``
(``Ci::Build#allowed_to_fail_with_code?``); otherwise the job fails.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from exitcodes.errors import InvalidArgumentError, MalformedEvidenceError, describe
from exitcodes.policies._base import Decisions, PolicyDecision, System, Verdict, verdict_codes
from exitcodes.policies._reading import code_int, exit_evidence, mapping

__all__ = ["GITLAB_VERDICTS", "evaluate_gitlab", "write_gitlab"]

_SOURCE = "GitLab lib/gitlab/ci/build/auto_retry.rb; app/models/ci/build.rb (allow_failure)"
GITLAB_VERDICTS = (Verdict.RETRY, Verdict.IGNORE, Verdict.FAIL)
"""The verdicts a GitLab job can give an exit code (retry, allowed failure, failure)."""
_NEVER_RETRIED = frozenset(
    {
        "ci_quota_exceeded",
        "no_matching_runner",
        "missing_dependency_failure",
        "forward_deployment_failure",
        "environment_creation_failure",
    }
)
_DEFAULT_RETRIES = {"scheduler_failure": 2}


def _codes(value: object, where: str) -> frozenset[int]:
    """``exit_codes``: an int or a list of ints, as the CI config accepts it."""
    if isinstance(value, (list, tuple)):
        return frozenset(code_int(item, where) for item in value)
    return frozenset({code_int(value, where)})


def _retry_max(value: object) -> int | None:
    """``Integer(options_retry[:max], exception: false)``: an int, a decimal string, or nil."""
    if isinstance(value, str) and value.isascii() and value.isdigit():
        value = int(value) if len(value) <= 3 else 3  # above 2 either way: refused below
    if value is None or isinstance(value, str):
        return None
    maximum = code_int(value, "retry:max")
    if not 0 <= maximum <= 2:
        raise InvalidArgumentError(f"retry:max must be 0, 1 or 2, got {maximum}")
    return maximum


def evaluate_gitlab(
    job: object,
    evidence: object,
    *,
    retries_count: int = 0,
    failure_reason: str = "script_failure",
) -> PolicyDecision:
    """What GitLab does when a job ends with *evidence*.

    Args:
        job: the job's configuration (a mapping with ``retry`` and ``allow_failure``;
            other keys are ignored).
        evidence: the job's exit code, or a :class:`~exitcodes.Classification`.
        retries_count: how many times the job was retried already.
        failure_reason: GitLab's failure reason (``script_failure`` for a non-zero
            exit of the script, ``runner_system_failure``, ...).

    >>> job = {"retry": {"max": 2, "exit_codes": [137]}, "allow_failure": {"exit_codes": 3}}
    >>> [evaluate_gitlab(job, code).verdict.value for code in (0, 137, 3, 1)]
    ['success', 'retry', 'ignore', 'fail']
    """
    config = mapping(job, "job")
    code, signal = exit_evidence(evidence)
    if isinstance(retries_count, bool) or not isinstance(retries_count, int) or retries_count < 0:
        raise InvalidArgumentError(
            f"retries_count must be an int >= 0, got {describe(retries_count)}"
        )
    if not isinstance(failure_reason, str):
        raise MalformedEvidenceError(
            f"failure_reason must be a string, got {describe(failure_reason)}"
        )
    decide = Decisions(System.GITLAB_CI, _SOURCE, exit_code=code, signal=signal)
    if code == 0:
        return decide(Verdict.SUCCESS, "success", "The job exited 0.")
    retry = config.get("retry")
    if retry is None:
        options: Mapping[str, Any] = {}
    elif isinstance(retry, int) and not isinstance(retry, bool):
        options = {"max": retry}
    else:
        options = mapping(retry, "job['retry']")
    exit_codes = (
        None
        if options.get("exit_codes") is None
        else _codes(options["exit_codes"], "retry:exit_codes")
    )
    when = options.get("when", [] if exit_codes is not None else ["always"])
    when = [when] if isinstance(when, str) else (when or [])
    if not all(isinstance(item, str) for item in when):
        raise InvalidArgumentError("retry:when must be a string or a list of strings")
    on_reason = failure_reason in when or "always" in when
    on_code = code is not None and exit_codes is not None and code in exit_codes
    maximum = None
    if failure_reason in _NEVER_RETRIED:
        maximum = 0
    elif on_reason or on_code:
        maximum = _retry_max(options.get("max"))
    if maximum is None:
        maximum = _DEFAULT_RETRIES.get(failure_reason, 0)
    if maximum > retries_count:
        why = (
            f"retry:exit_codes lists {code}" if on_code else f"retry:when matches {failure_reason}"
        )
        return decide(
            Verdict.RETRY,
            "retry",
            f"{why}; {retries_count} of {maximum} retries used: the job is retried.",
        )
    allow = config.get("allow_failure", False)
    if isinstance(allow, Mapping):
        if "exit_codes" not in allow:
            raise InvalidArgumentError("allow_failure as a mapping needs exit_codes")
        allowed = code is not None and code in _codes(
            allow["exit_codes"], "allow_failure:exit_codes"
        )
        which = f"allow_failure:exit_codes {'lists' if allowed else 'does not list'} {code}"
    elif isinstance(allow, bool):
        allowed = allow
        which = f"allow_failure is {str(allow).lower()}"
    else:
        raise InvalidArgumentError(
            f"allow_failure must be a boolean or a mapping, got {describe(allow)}"
        )
    not_retried = "not retried" if maximum == 0 else f"all {maximum} retries used"
    if allowed:
        return decide(
            Verdict.IGNORE,
            "allow_failure",
            f"The job failed ({not_retried}) and {which}: the pipeline goes on with a warning.",
        )
    return decide(
        Verdict.FAIL, "failed", f"The job failed ({not_retried}) and {which}: the job fails."
    )


def write_gitlab(
    verdicts: Mapping[Verdict, Iterable[int]], *, max_retries: int = 2
) -> dict[str, Any]:
    """The job keys giving each exit code its verdict (``RETRY``, ``IGNORE``, ``FAIL``).

    ``RETRY`` codes go to ``retry:exit_codes`` (with ``retry:max``), ``IGNORE`` codes to
    ``allow_failure:exit_codes``; other failures fail the job.

    >>> write_gitlab({Verdict.RETRY: [137], Verdict.IGNORE: [3]})
    {'retry': {'max': 2, 'exit_codes': [137]}, 'allow_failure': {'exit_codes': [3]}}
    """
    checked = verdict_codes(verdicts, GITLAB_VERDICTS, "a GitLab job")
    if (
        isinstance(max_retries, bool)
        or not isinstance(max_retries, int)
        or not 1 <= max_retries <= 2
    ):
        raise InvalidArgumentError("max_retries must be 1 or 2 (GitLab's retry:max)")
    if any(code == 0 for codes in checked.values() for code in codes):
        raise InvalidArgumentError("exit code 0 is a success: GitLab neither retries nor fails it")
    job: dict[str, Any] = {}
    if checked.get(Verdict.RETRY):
        job["retry"] = {"max": max_retries, "exit_codes": list(checked[Verdict.RETRY])}
    if checked.get(Verdict.IGNORE):
        job["allow_failure"] = {"exit_codes": list(checked[Verdict.IGNORE])}
    return job
