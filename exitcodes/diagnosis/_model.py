"""The value classes a diagnosis is made of: retry verdicts, causes, anomalies, findings."""

from __future__ import annotations

import attrs

from exitcodes._enums import NamedEnum
from exitcodes.outcome import ExitOutcome


class Retry(NamedEnum):
    """Whether running the same thing again may succeed.

    ``TRANSIENT``: the failure came from outside the command (a kill, a stop, a lost
    node, an unreachable registry), so a retry may succeed. ``PERMANENT``: the same
    command, image and limits fail the same way again (or it succeeded: nothing to
    retry). ``UNKNOWN``: the evidence does not tell.
    """

    _value_: str

    TRANSIENT = "transient"
    PERMANENT = "permanent"
    UNKNOWN = "unknown"


@attrs.frozen
class RetryVerdict:
    """A retry verdict, why, and where the reasoning comes from.

    >>> from exitcodes.diagnosis import retry_verdict
    >>> retry_verdict("image-not-found").retry
    Retry.PERMANENT
    """

    retry: Retry
    why: str
    source: str

    def to_dict(self) -> dict[str, str]:
        """A JSON-ready dict.

        >>> from exitcodes.diagnosis import retry_verdict
        >>> retry_verdict("oom-killed").to_dict()["retry"]
        'permanent'
        """
        return {"retry": self.retry.value, "why": self.why, "source": self.source}


@attrs.frozen
class DiagnosisCause:
    """A cause only several pieces of evidence can establish (beyond the catalog's).

    Attributes:
        id: stable id (never one of the catalog's).
        title: one sentence naming the cause.
        hint: what to check or do.
        outcome: the :class:`~exitcodes.ExitOutcome` it goes with.
        source: where the evidence form was observed (a real run or a public issue).
    """

    id: str
    title: str
    hint: str
    outcome: ExitOutcome
    source: str


@attrs.frozen
class Anomaly:
    """A known way one piece of evidence lies, recognised in the evidence given.

    Attributes:
        id: stable id.
        title: what the anomaly is.
        source: the public issue (``owner/repo#N``) or the real runs that show it.
        quote: the evidence as its source quotes it.
    """

    id: str
    title: str
    source: str
    quote: str

    def to_dict(self) -> dict[str, str]:
        """A JSON-ready dict."""
        return {"id": self.id, "title": self.title, "source": self.source, "quote": self.quote}


@attrs.frozen
class Finding:
    """One likely cause, with the evidence for and against it.

    Attributes:
        id: a catalog id (:data:`exitcodes.catalog.CATALOG`) or one of :data:`CAUSES`.
        title: the cause's title.
        score: support minus contradiction; only the order of scores is meaningful.
        supporting: which piece of evidence said what for it (``evidence[1] (docker
            events): kill signal=9, then die exitCode=137``).
        contradicting: what speaks against it.
        retry: the cause's :class:`RetryVerdict`.
    """

    id: str
    title: str
    score: int
    supporting: tuple[str, ...]
    contradicting: tuple[str, ...]
    retry: RetryVerdict

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict."""
        return {
            "id": self.id,
            "title": self.title,
            "score": self.score,
            "supporting": list(self.supporting),
            "contradicting": list(self.contradicting),
            "retry": self.retry.to_dict(),
        }
