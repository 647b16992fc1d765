r"""What killed it, and should it be retried: a diagnosis from several pieces of evidence at once.

A single piece of evidence about a stopped container can lie: podman 4.3 says
``OOMKilled: false`` after a real OOM kill (containers/podman#13102), dockerd says
``OOMKilled: true`` for a container that ``--oom-kill-disable`` kept alive until
``docker kill`` ended it (all four real daemons of ``tests/engines_live``), the kubelet
reports a synthetic 137 (kubernetes/kubernetes#104107), ECS an OOM with exit code 0
(aws/amazon-ecs-agent#2467). :func:`diagnose` reads everything at hand about one
container or task at once and weighs it:

* ``docker inspect`` / ``podman inspect`` documents (State, HostConfig: memory limit,
  ``OomKillDisable``), or a bare State, exit status or daemon message (read by
  :func:`exitcodes.explain`, whose catalog causes are the starting point);
* ``docker events`` / ``podman events`` (``oom``, ``kill`` with its ``signal``,
  ``stop``, ``die`` with its ``exitCode``), as dicts or as the JSON lines of
  ``--format '{{json .}}'``;
* kernel log lines (``oom-kill:``, ``Memory cgroup out of memory: Killed process``),
  a cgroup v2 ``memory.events`` file, containerd/dockerd log lines about a dead shim;
* Kubernetes container or pod statuses and events, ECS ``describe-tasks`` tasks and
  AWS Batch ``describe-jobs`` jobs.

The result, a :class:`Diagnosis`, ranks the likely causes (:class:`Finding`), each with
the evidence that supports it and the evidence that contradicts it, lists the known
anomalies it recognised (:data:`ANOMALIES`, each citing its issue), and carries a retry
verdict (:class:`RetryVerdict`). Verdicts are defined for every catalog cause
(:data:`RETRY_BY_CAUSE`), every cause of this module, and every
:class:`~exitcodes.ExitOutcome` (:data:`RETRY_BY_OUTCOME`).

>>> from exitcodes.diagnosis import diagnose
>>> state = {"State": {"Status": "exited", "ExitCode": 137, "OOMKilled": True}}
>>> events = ['{"Action": "kill", "Actor": {"Attributes": {"signal": "9"}}}',
...           '{"Action": "die", "Actor": {"Attributes": {"exitCode": "137"}}}']
>>> result = diagnose(state, "\n".join(events))
>>> result.cause.id, result.retry.retry.value
('engine-kill', 'transient')
"""

from __future__ import annotations

from collections.abc import Mapping

from exitcodes.diagnosis import _causes
from exitcodes.diagnosis._causes import (
    retry_verdict,
)
from exitcodes.diagnosis._model import Anomaly, DiagnosisCause, Finding, Retry, RetryVerdict
from exitcodes.diagnosis._result import Diagnosis
from exitcodes.diagnosis._weighing import diagnose
from exitcodes.outcome import ExitOutcome

__all__ = [
    "ANOMALIES",
    "CAUSES",
    "RETRY_BY_CAUSE",
    "RETRY_BY_OUTCOME",
    "Anomaly",
    "Diagnosis",
    "DiagnosisCause",
    "Finding",
    "Retry",
    "RetryVerdict",
    "diagnose",
    "retry_verdict",
]

ANOMALIES: tuple[Anomaly, ...] = _causes.ANOMALIES
"""The known anomalies :func:`diagnose` recognises, each citing its issue or real runs."""

CAUSES: tuple[DiagnosisCause, ...] = _causes.CAUSES
"""The causes only a diagnosis establishes, each citing where its evidence form was seen."""

RETRY_BY_CAUSE: Mapping[str, RetryVerdict] = _causes.RETRY_BY_CAUSE
"""The retry verdict of every catalog cause and every cause of :data:`CAUSES`, by id."""

RETRY_BY_OUTCOME: Mapping[ExitOutcome, RetryVerdict] = _causes.RETRY_BY_OUTCOME
"""The retry verdict of every :class:`~exitcodes.ExitOutcome`."""
