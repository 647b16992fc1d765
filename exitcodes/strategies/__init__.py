"""Hypothesis strategies for container exit semantics: realistic evidence and whole scenarios.

Tools built on containers (wrappers, CI runners, orchestrators) can property-test their
own exit codes with these: exit statuses, signals, the daemon and client error texts
users paste in issues (runc, crun, containerd and Windows hcsshim wordings inside the
shim and daemon prefixes of each engine release), ``docker inspect`` states, wait
responses, exec inspects, Kubernetes container states, profiles, and whole command
:class:`Scenario` objects that carry the exit code the CLI ends with.

Each scenario is built from the situation it stands for ("docker run, the runtime said
the command is a directory"), and its expected result is :func:`exitcodes.resolve`'s own
answer for that evidence. The library's test suite checks ``resolve`` against an
independent model of the docker, podman and nerdctl sources over the same scenarios.
Version boundaries come from the rule tables' own ranges, never from a copy here.

Importing this module imports Hypothesis; ``import exitcodes`` does not import it.
Every strategy validates its arguments when called and raises
:class:`hypothesis.errors.InvalidArgument` for bad ones.

>>> from exitcodes import ExitOutcome, profiles
>>> from exitcodes.strategies import daemon_errors, scenarios
>>> strategy = daemon_errors(ExitOutcome.NOT_FOUND, profile=profiles.docker("28.2.2"))
>>> strategy = scenarios(commands=["run", "exec"])
>>> daemon_errors(ExitOutcome.SUCCESS)
Traceback (most recent call last):
  ...
hypothesis.errors.InvalidArgument: daemon_errors(outcome=ExitOutcome.SUCCESS): ...
"""

from __future__ import annotations

try:
    import hypothesis as _hypothesis  # noqa: F401 - a clear error when Hypothesis is absent
except ImportError as _error:  # pragma: no cover - depends on the environment
    raise ImportError(
        "exitcodes.strategies needs Hypothesis: python -m pip install hypothesis"
    ) from _error

from exitcodes.outcome import ExitOutcome
from exitcodes.strategies import _checks
from exitcodes.strategies._checks import INT64_MAX as INT64_MAX
from exitcodes.strategies._checks import INT64_MIN as INT64_MIN
from exitcodes.strategies._codes import exit_codes, signals
from exitcodes.strategies._daemon_errors import daemon_errors
from exitcodes.strategies._evidence import (
    classifications,
    container_states,
    evidence,
    exec_inspects,
    kubernetes_states,
    wait_responses,
)
from exitcodes.strategies._scenarios import Scenario, resolutions, scenarios
from exitcodes.strategies._versions import profiles, versions

MESSAGE_OUTCOMES: tuple[ExitOutcome, ...] = _checks.MESSAGE_OUTCOMES
"""The outcomes an error text can classify to, so the ones :func:`daemon_errors` takes."""

__all__ = [
    "MESSAGE_OUTCOMES",
    "Scenario",
    "classifications",
    "container_states",
    "daemon_errors",
    "evidence",
    "exec_inspects",
    "exit_codes",
    "kubernetes_states",
    "profiles",
    "resolutions",
    "scenarios",
    "signals",
    "versions",
    "wait_responses",
]

for _name in __all__:  # documented where users import them from
    _public = globals()[_name]
    if hasattr(_public, "__module__") and not isinstance(_public, tuple):
        _public.__module__ = __name__
