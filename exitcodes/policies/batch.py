"""AWS Batch: ``retryStrategy`` with ``attempts`` and ``evaluateOnExit``.

The semantics are the documented ones (AWS Batch API reference, ``EvaluateOnExit``
and ``RetryStrategy``; user guide "Automated job retries"): up to 5 entries, each with
an ``action`` (``RETRY`` or ``EXIT``, "The values aren't case sensitive") taken "if all
of the specified conditions (onStatusReason, onReason, and onExitCode) are met"; the
first entry that matches decides; "If none of the EvaluateOnExit conditions in a
RetryStrategy match, then the job is retried"; ``attempts`` is 1 to 10 and a retry
needs an attempt left. A pattern is matched exactly, or, ending with ``*``, as a
prefix ("so that only the start of the string needs to be an exact match").

Patterns are matched case-sensitively: the documentation calls only the ``action``
values case-insensitive. What else it leaves open is said so in the decision's notes: a pattern
tested against a field the job does not have (no exit code after a host failure)
is tested against the empty string, so only ``*`` matches it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from exitcodes.errors import InvalidArgumentError, MalformedEvidenceError, describe
from exitcodes.policies._base import Decisions, PolicyDecision, System, Verdict, verdict_codes
from exitcodes.policies._reading import exit_evidence, mapping, sequence

__all__ = ["BATCH_VERDICTS", "evaluate_batch", "write_batch"]

_SOURCE = "AWS Batch API reference: EvaluateOnExit, RetryStrategy; user guide: job retries"
BATCH_VERDICTS = (Verdict.RETRY, Verdict.FAIL)
"""The verdicts ``evaluateOnExit`` can express (``RETRY``, ``EXIT``)."""

_FIELDS = (("onStatusReason", "status_reason"), ("onReason", "reason"), ("onExitCode", "exit_code"))
_EXIT_CODE_PATTERN = re.compile(r"[0-9]*\*?")
_REASON_PATTERN = re.compile(r"[A-Za-z0-9.: \t]*\*?")
_MAX_ENTRIES = 5


def _get(policy: Mapping[str, Any], key: str) -> Any:
    """A key in the API's camelCase or CloudFormation's PascalCase."""
    if key in policy:
        return policy[key]
    return policy.get(key[0].upper() + key[1:])


def _pattern(entry: Mapping[str, Any], key: str, index: int) -> str | None:
    value = _get(entry, key)
    if value is None:
        return None
    where = f"evaluateOnExit[{index}][{key!r}]"
    if not isinstance(value, str) or len(value) > 512:
        raise InvalidArgumentError(f"{where} must be a string of up to 512 characters")
    allowed = _EXIT_CODE_PATTERN if key == "onExitCode" else _REASON_PATTERN
    if allowed.fullmatch(value) is None:
        raise InvalidArgumentError(
            f"{where} = {value!r}: only "
            + (
                "numbers"
                if key == "onExitCode"
                else "letters, numbers, periods, colons, white space"
            )
            + ", optionally ending with '*'"
        )
    return value


def _matches(pattern: str, value: str) -> bool:
    if pattern.endswith("*"):
        return value.startswith(pattern[:-1])
    return value == pattern


def evaluate_batch(
    retry_strategy: object,
    evidence: object = None,
    *,
    attempt: int | None = None,
    reason: str | None = None,
    status_reason: str | None = None,
) -> PolicyDecision:
    """What AWS Batch does after a job attempt ends, under a ``retryStrategy``.

    Args:
        retry_strategy: the ``retryStrategy`` mapping (``attempts``, ``evaluateOnExit``;
            CloudFormation's ``Attempts``/``EvaluateOnExit`` spelling too), or ``None``.
        evidence: the container's exit code, a :class:`~exitcodes.Classification`,
            ``None`` when the attempt ended without one (a host failure), or the job
            as ``aws batch describe-jobs`` returns it (its ``container.exitCode`` and
            ``reason``, its ``statusReason``, the number of its ``attempts``).
        attempt: which attempt this was (``AWS_BATCH_JOB_ATTEMPT``, from 1; default 1,
            or the job's number of attempts).
        reason: the container's ``reason`` (overrides the job's).
        status_reason: the job's ``statusReason`` (overrides the job's).

    >>> strategy = {"attempts": 3, "evaluateOnExit": [
    ...     {"onStatusReason": "Host EC2*", "action": "RETRY"},
    ...     {"onReason": "*", "action": "EXIT"}]}
    >>> evaluate_batch(strategy, None, status_reason="Host EC2 (instance i-1) terminated.").action
    'RETRY'
    >>> evaluate_batch(strategy, 1).action
    'EXIT'
    """
    strategy = {} if retry_strategy is None else mapping(retry_strategy, "retryStrategy")
    attempts = _get(strategy, "attempts")
    attempts = 1 if attempts is None else attempts
    if isinstance(attempts, bool) or not isinstance(attempts, int) or not 1 <= attempts <= 10:
        raise InvalidArgumentError(
            f"attempts must be an int from 1 to 10, got {describe(attempts)}"
        )
    entries = sequence(_get(strategy, "evaluateOnExit") or (), "evaluateOnExit")
    if len(entries) > _MAX_ENTRIES:
        raise InvalidArgumentError(f"evaluateOnExit holds up to 5 entries, got {len(entries)}")
    if isinstance(evidence, Mapping):
        evidence, job_reason, job_status_reason, job_attempt = _job(evidence)
        reason = job_reason if reason is None else reason
        status_reason = job_status_reason if status_reason is None else status_reason
        attempt = job_attempt if attempt is None else attempt
    attempt = 1 if attempt is None else attempt
    if isinstance(attempt, bool) or not isinstance(attempt, int) or not 1 <= attempt <= attempts:
        raise InvalidArgumentError(
            f"attempt must be an int from 1 to {attempts}, got {describe(attempt)}"
        )
    for name, value in (("reason", reason), ("status_reason", status_reason)):
        if value is not None and not isinstance(value, str):
            raise MalformedEvidenceError(f"{name} must be a string, got {describe(value)}")
    code = None if evidence is None else exit_evidence(evidence)[0]
    decide = Decisions(System.AWS_BATCH, _SOURCE, exit_code=code)
    if code == 0 and reason is None and status_reason is None:
        return decide(Verdict.SUCCESS, "SUCCEEDED", "The attempt exited 0.")
    values = {
        "status_reason": status_reason,
        "reason": reason,
        "exit_code": None if code is None else str(code),
    }
    left = attempts - attempt
    notes: list[str] = []
    for index, raw in enumerate(entries):
        entry = mapping(raw, f"evaluateOnExit[{index}]")
        action = _get(entry, "action")
        if not isinstance(action, str) or action.upper() not in ("RETRY", "EXIT"):
            raise InvalidArgumentError(
                f"evaluateOnExit[{index}]['action'] must be RETRY or EXIT, got {describe(action)}"
            )
        patterns = [(key, field, _pattern(entry, key, index)) for key, field in _FIELDS]
        given = [(key, field, pattern) for key, field, pattern in patterns if pattern is not None]
        if not given:
            raise InvalidArgumentError(
                f"evaluateOnExit[{index}] has no condition (onStatusReason, onReason, onExitCode)"
            )
        absent = [key for key, field, _ in given if values[field] is None]
        if not all(_matches(pattern, values[field] or "") for _, field, pattern in given):
            continue
        if absent:
            notes.append(
                f"evaluateOnExit[{index}] matched {', '.join(absent)} against a missing value"
                " (read as empty; the documentation does not say)"
            )
        if action.upper() == "EXIT":
            return decide(
                Verdict.FAIL,
                "EXIT",
                f"evaluateOnExit[{index}] matched with action EXIT: the job fails, no retry.",
                rule=index,
                notes=notes,
            )
        return _retry(
            decide, left, f"evaluateOnExit[{index}] matched with action RETRY", index, notes
        )
    why = "no evaluateOnExit entry matched" if entries else "no evaluateOnExit"
    return _retry(decide, left, why, None, notes)


def _job(job: Mapping[str, Any]) -> tuple[int | None, str | None, str | None, int | None]:
    """A ``describe-jobs`` job (or the whole answer, one job): code, reasons, attempt."""
    jobs = job.get("jobs")
    if jobs is not None:
        if isinstance(jobs, (str, bytes)) or not isinstance(jobs, Sequence) or len(jobs) != 1:
            raise MalformedEvidenceError("a describe-jobs answer must hold exactly one job")
        job = jobs[0]
        if not isinstance(job, Mapping):
            raise MalformedEvidenceError(f"a job must be a mapping, got {describe(job)}")
    container = job.get("container")
    container = {} if container is None else container
    if not isinstance(container, Mapping):
        raise MalformedEvidenceError(
            f"job['container'] must be a mapping, got {describe(container)}"
        )
    code = container.get("exitCode")
    if code is not None and (isinstance(code, bool) or not isinstance(code, int)):
        raise MalformedEvidenceError(f"container['exitCode'] must be an int, got {describe(code)}")
    attempts = job.get("attempts")
    count = None
    if attempts is not None:
        if isinstance(attempts, (str, bytes)) or not isinstance(attempts, Sequence):
            raise MalformedEvidenceError(
                f"job['attempts'] must be a list, got {describe(attempts)}"
            )
        count = len(attempts) or None
    reason, status_reason = container.get("reason"), job.get("statusReason")
    for name, value in (("container['reason']", reason), ("statusReason", status_reason)):
        if value is not None and not isinstance(value, str):
            raise MalformedEvidenceError(f"{name} must be a string, got {describe(value)}")
    return code, reason, status_reason, count


def _retry(
    decide: Decisions, left: int, why: str, index: int | None, notes: list[str]
) -> PolicyDecision:
    if left > 0:
        plural = "s" if left != 1 else ""
        reason = f"{why}: the job is retried ({left} attempt{plural} left)."
        return decide(Verdict.RETRY, "RETRY", reason, rule=index, notes=notes)
    reason = f"{why}, but no attempt is left: the job fails."
    return decide(Verdict.FAIL, "FAILED", reason, rule=index, notes=notes)


def write_batch(
    verdicts: Mapping[Verdict, Iterable[int]],
    *,
    attempts: int = 3,
    default: Verdict = Verdict.RETRY,
) -> dict[str, Any]:
    """A ``retryStrategy`` giving each exit code its verdict (``RETRY`` or ``FAIL``).

    Codes with the *default* verdict need no entry (Batch retries unmatched failures;
    a ``FAIL`` default adds a final ``onExitCode: "*"`` ``EXIT`` entry). Batch allows 5
    entries, so at most 5 codes (4 with a ``FAIL`` default) can differ from it.

    >>> write_batch({Verdict.FAIL: [2]})
    {'attempts': 3, 'evaluateOnExit': [{'onExitCode': '2', 'action': 'EXIT'}]}
    """
    checked = verdict_codes(verdicts, BATCH_VERDICTS, "an evaluateOnExit")
    if default not in BATCH_VERDICTS:
        raise InvalidArgumentError(f"default must be RETRY or FAIL, got {describe(default)}")
    if isinstance(attempts, bool) or not isinstance(attempts, int) or not 2 <= attempts <= 10:
        raise InvalidArgumentError("attempts must be an int from 2 to 10 for a retry to happen")
    if any(code < 0 for codes in checked.values() for code in codes):
        raise InvalidArgumentError("onExitCode patterns hold numbers only: no negative codes")
    entries: list[dict[str, str]] = []
    for verdict, action in ((Verdict.RETRY, "RETRY"), (Verdict.FAIL, "EXIT")):
        if verdict is not default:
            entries.extend(
                {"onExitCode": str(code), "action": action} for code in checked.get(verdict, ())
            )
    if default is Verdict.FAIL:
        entries.append({"onExitCode": "*", "action": "EXIT"})
    if len(entries) > _MAX_ENTRIES:
        raise InvalidArgumentError(
            f"this needs {len(entries)} evaluateOnExit entries; Batch allows 5"
        )
    return {"attempts": attempts, "evaluateOnExit": entries}
