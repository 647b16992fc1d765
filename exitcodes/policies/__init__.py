"""Exit-code policies, evaluated offline and written in each system's own syntax.

One module per system: :mod:`exitcodes.policies.kubernetes` (Job
``podFailurePolicy``, container ``restartPolicy``/``restartPolicyRules``),
:mod:`exitcodes.policies.docker` (``--restart``), :mod:`exitcodes.policies.systemd`
(``Restart=`` and the exit-status lists), :mod:`exitcodes.policies.batch` (AWS Batch
``evaluateOnExit``), :mod:`exitcodes.policies.gitlab` (``allow_failure`` and
``retry``). Each evaluator returns a :class:`PolicyDecision`; each writer takes
``{Verdict: exit codes}`` and returns the system's syntax. Hypothesis strategies are
in :mod:`exitcodes.policies.strategies`.

>>> from exitcodes.policies import evaluate_docker_restart, parse_restart_policy
>>> decision = evaluate_docker_restart(parse_restart_policy("on-failure:3"), 137)
>>> decision.verdict, decision.action
(<Verdict.RETRY: 'retry'>, 'restart')
>>> evaluate_docker_restart(parse_restart_policy("on-failure:3"), 0).verdict
<Verdict.SUCCESS: 'success'>
"""

from __future__ import annotations

from exitcodes.policies._base import PolicyDecision, System, Verdict
from exitcodes.policies._reading import load_document
from exitcodes.policies.batch import evaluate_batch, write_batch
from exitcodes.policies.docker import (
    RestartPolicy,
    evaluate_docker_restart,
    parse_restart_policy,
    write_docker_restart,
)
from exitcodes.policies.gitlab import evaluate_gitlab, write_gitlab
from exitcodes.policies.kubernetes import (
    evaluate_container_restart,
    evaluate_pod_failure_policy,
    write_pod_failure_policy,
)
from exitcodes.policies.systemd import evaluate_systemd, parse_unit, write_systemd

__all__ = [
    "PolicyDecision",
    "RestartPolicy",
    "System",
    "Verdict",
    "evaluate_batch",
    "evaluate_container_restart",
    "evaluate_docker_restart",
    "evaluate_gitlab",
    "evaluate_pod_failure_policy",
    "evaluate_systemd",
    "load_document",
    "parse_restart_policy",
    "parse_unit",
    "write_batch",
    "write_docker_restart",
    "write_gitlab",
    "write_pod_failure_policy",
    "write_systemd",
]
