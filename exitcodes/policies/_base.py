"""What every policy evaluator returns: a verdict, the system's own action, and why."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from exitcodes.errors import InvalidArgumentError, describe
from exitcodes.policies._reading import code_int

__all__ = ["PolicyDecision", "System", "Verdict"]


class System(enum.Enum):
    """The systems whose exit-code policies are evaluated."""

    KUBERNETES_JOB = "kubernetes-job"
    KUBERNETES_CONTAINER = "kubernetes-container"
    DOCKER = "docker"
    SYSTEMD = "systemd"
    AWS_BATCH = "aws-batch"
    GITLAB_CI = "gitlab-ci"


class Verdict(enum.Enum):
    """What a policy does with one outcome, independent of the system's words.

    * ``RETRY``: run it again (a restart, a new attempt, a retried job).
    * ``IGNORE``: the failure does not count (Kubernetes ``Ignore``, GitLab's allowed failure).
    * ``COUNT``: the failure counts towards a limit (Kubernetes ``Count``, the default).
    * ``FAIL``: give up now (``FailJob``, Batch ``EXIT``, no restart after a failure).
    * ``SUCCESS``: treated as a success (systemd ``SuccessExitStatus=``, exit 0).
    """

    RETRY = "retry"
    IGNORE = "ignore"
    COUNT = "count"
    FAIL = "fail"
    SUCCESS = "success"


@attrs.frozen
class PolicyDecision:
    """What a system will do with one piece of evidence under one policy, and why.

    Attributes:
        system: the system whose semantics decided.
        verdict: the system-independent verdict.
        action: the system's own word for what it does (``FailJob``, ``restart``, ``EXIT``).
        reason: one plain sentence saying why.
        rule: the index of the rule that matched, or ``None`` (a default decided).
        message: the text the system itself writes for this decision, if it writes one
            (the Job controller's failure message), else ``None``.
        delay: seconds the system waits before the restart, where it is known.
        exit_code: the exit code that was read, if any.
        signal: the name of the signal that ended the process, if one did.
        container: the container the decision is about, where known.
        pod: the pod name, where known.
        namespace: the pod's namespace, where known.
        source: where the semantics come from (upstream file and tag, or documentation).
        notes: remarks on the policy itself (rules the system skips, and why).
    """

    system: System
    verdict: Verdict
    action: str
    reason: str
    source: str
    rule: int | None = None
    message: str | None = None
    delay: float | None = None
    exit_code: int | None = None
    signal: str | None = None
    container: str | None = None
    pod: str | None = None
    namespace: str | None = None
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict: enums as their values."""
        return {
            "system": self.system.value,
            "verdict": self.verdict.value,
            "action": self.action,
            "reason": self.reason,
            "rule": self.rule,
            "message": self.message,
            "delay": self.delay,
            "exit_code": self.exit_code,
            "signal": self.signal,
            "container": self.container,
            "pod": self.pod,
            "namespace": self.namespace,
            "source": self.source,
            "notes": list(self.notes),
        }

    def to_otel_attributes(self) -> dict[str, str | int | float]:
        """Attributes for a span or log record, named by the OpenTelemetry semantic conventions.

        ``process.exit.code``, ``error.type`` (the exit code as a string, or the
        signal name, when the verdict is not a success; ``_OTHER`` when neither is
        known), ``container.name``, ``k8s.pod.name``, ``k8s.namespace.name``; the
        decision itself under ``exitcodes.policy.*``. Absent values are left out.

        >>> decision = PolicyDecision(System.DOCKER, Verdict.RETRY, "restart", "why", "src",
        ...                           exit_code=1)
        >>> decision.to_otel_attributes()["error.type"]
        '1'
        """
        attributes: dict[str, str | int | float] = {
            "exitcodes.policy.system": self.system.value,
            "exitcodes.policy.verdict": self.verdict.value,
            "exitcodes.policy.action": self.action,
        }
        if self.rule is not None:
            attributes["exitcodes.policy.rule"] = self.rule
        if self.delay is not None:
            attributes["exitcodes.policy.delay"] = self.delay
        if self.exit_code is not None:
            attributes["process.exit.code"] = self.exit_code
        if self.verdict is not Verdict.SUCCESS:
            if self.signal is not None:
                attributes["error.type"] = self.signal
            elif self.exit_code is not None:
                attributes["error.type"] = str(self.exit_code)
            else:
                attributes["error.type"] = "_OTHER"
        for key, value in (
            ("container.name", self.container),
            ("k8s.pod.name", self.pod),
            ("k8s.namespace.name", self.namespace),
        ):
            if value is not None:
                attributes[key] = value
        return attributes


class Decisions:
    """Builds the decisions of one evaluation, whose system, source and evidence stay the same.

    An evaluator makes one from what it read of the evidence (``exit_code``, ``signal``,
    ``container``, ``pod``, ``namespace``); each of its answers then names only what differs:
    the verdict, the system's action, the reason, and where they apply ``rule``,
    ``message``, ``delay``, ``notes`` or another ``source``.
    """

    def __init__(self, system: System, source: str, **evidence: Any) -> None:
        self.system = system
        self.source = source
        self.evidence = evidence

    def __call__(
        self,
        verdict: Verdict,
        action: str,
        reason: str,
        *,
        notes: Iterable[str] = (),
        **details: Any,
    ) -> PolicyDecision:
        """The decision that *verdict* is reached by the system's *action*, for *reason*."""
        fields: dict[str, Any] = {"source": self.source, **self.evidence, **details}
        return PolicyDecision(self.system, verdict, action, reason, notes=tuple(notes), **fields)

    def about(self, **evidence: Any) -> Decisions:
        """The same decisions with some of the evidence replaced (a rule read one container)."""
        return Decisions(self.system, self.source, **{**self.evidence, **evidence})


def verdict_codes(
    verdicts: Mapping[Verdict, Iterable[int]], allowed: Iterable[Verdict], system: str
) -> dict[Verdict, tuple[int, ...]]:
    """Check a writer's input: known verdicts, int codes, each code in one set only."""
    allowed = tuple(allowed)
    checked: dict[Verdict, tuple[int, ...]] = {}
    seen: dict[int, Verdict] = {}
    if not isinstance(verdicts, Mapping):
        raise InvalidArgumentError(f"verdicts must be a mapping, got {describe(verdicts)}")
    for verdict, codes in verdicts.items():
        if not isinstance(verdict, Verdict) or verdict not in allowed:
            names = ", ".join(v.value for v in allowed)
            raise InvalidArgumentError(
                f"{system} cannot express verdict {describe(verdict)}; it can express: {names}"
            )
        if isinstance(codes, (str, bytes)) or not isinstance(codes, Iterable):
            raise InvalidArgumentError(f"verdicts[{verdict.value}] must be a list of exit codes")
        values = []
        for value in codes:
            code = code_int(value, f"verdicts[{verdict.value}]")
            if code in seen and seen[code] is not verdict:
                raise InvalidArgumentError(
                    f"exit code {code} is given two verdicts: {seen[code].value} and "
                    f"{verdict.value}"
                )
            seen[code] = verdict
            values.append(code)
        if values:
            checked[verdict] = tuple(sorted(set(values)))
    return checked
