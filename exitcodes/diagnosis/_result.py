"""The result of :func:`~exitcodes.diagnosis.diagnose`: the ranked findings of one end."""

from __future__ import annotations

import attrs

from exitcodes.diagnosis._causes import NO_CAUSE, cause_outcome
from exitcodes.diagnosis._model import Anomaly, Finding, RetryVerdict
from exitcodes.outcome import ExitOutcome


@attrs.frozen
class Diagnosis:
    """The causes of one container's or task's end, most likely first.

    Attributes:
        findings: the likely causes, ranked (empty when nothing points at one).
        anomalies: the known anomalies recognised in the evidence.
        pieces: what each piece of evidence was read as (``docker events``,
            ``inspect``, ``kernel log`` ...), in the order given.
        exit_code: the container's exit status as the trustworthy evidence gives it,
            or ``None`` (no status, or only a synthetic one).
    """

    findings: tuple[Finding, ...]
    anomalies: tuple[Anomaly, ...]
    pieces: tuple[str, ...]
    exit_code: int | None

    @property
    def cause(self) -> Finding | None:
        """The most likely cause, or ``None``."""
        return self.findings[0] if self.findings else None

    @property
    def outcome(self) -> ExitOutcome | None:
        """The outcome the most likely cause goes with, or ``None``.

        >>> from exitcodes.diagnosis import diagnose
        >>> diagnose(0).outcome
        ExitOutcome.SUCCESS
        """
        cause = self.cause
        return None if cause is None else cause_outcome(cause.id)

    @property
    def retry(self) -> RetryVerdict:
        """The retry verdict of the most likely cause (``UNKNOWN`` when there is none).

        >>> from exitcodes.diagnosis import diagnose
        >>> diagnose("some message nobody knows").retry.retry
        Retry.UNKNOWN
        """
        cause = self.cause
        if cause is None:
            return NO_CAUSE
        return cause.retry

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict (what ``exitcodes diagnose --json`` prints).

        >>> from exitcodes.diagnosis import diagnose
        >>> sorted(diagnose(137).to_dict())
        ['anomalies', 'cause', 'exit_code', 'findings', 'outcome', 'pieces', 'retry']
        """
        outcome = self.outcome
        return {
            "cause": None if self.cause is None else self.cause.id,
            "outcome": None if outcome is None else outcome.value,
            "exit_code": self.exit_code,
            "retry": self.retry.to_dict(),
            "findings": [finding.to_dict() for finding in self.findings],
            "anomalies": [anomaly.to_dict() for anomaly in self.anomalies],
            "pieces": list(self.pieces),
        }
