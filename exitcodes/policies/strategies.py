"""Hypothesis strategies for exit-code policies and the evidence they read.

Other tools can property-test their own policies with these: the policies are in each
system's own syntax (as :mod:`exitcodes.policies` reads them), the evidence is what the
evaluators take, and :func:`verdict_maps` draws the writers' input, a verdict per exit
code that the system can express.

Importing this module imports Hypothesis (the ``hypothesis`` extra); ``import exitcodes.policies``
does not.

>>> from exitcodes.policies import System
>>> from exitcodes.policies.strategies import verdict_maps
>>> strategy = verdict_maps(System.GITLAB_CI)
"""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from exitcodes.policies._base import System, Verdict
from exitcodes.policies.batch import BATCH_VERDICTS
from exitcodes.policies.docker import DOCKER_VERDICTS
from exitcodes.policies.gitlab import GITLAB_VERDICTS
from exitcodes.policies.kubernetes import JOB_VERDICTS
from exitcodes.policies.systemd import RESTART_SETTINGS, SYSTEMD_VERDICTS

__all__ = [
    "batch_retry_strategies",
    "docker_restart_policies",
    "exit_codes",
    "failed_pods",
    "gitlab_jobs",
    "pod_failure_policies",
    "systemd_units",
    "verdict_maps",
]

_VERDICTS = {
    System.KUBERNETES_JOB: JOB_VERDICTS,
    System.DOCKER: DOCKER_VERDICTS,
    System.SYSTEMD: SYSTEMD_VERDICTS,
    System.AWS_BATCH: BATCH_VERDICTS,
    System.GITLAB_CI: GITLAB_VERDICTS,
}


def exit_codes(*, nonzero: bool = False) -> st.SearchStrategy[int]:
    """Exit statuses 0-255 (1-255 with *nonzero*), the conventional ones drawn more often."""
    low = 1 if nonzero else 0
    common = [
        code for code in (0, 1, 2, 125, 126, 127, 128, 130, 137, 139, 143, 255) if code >= low
    ]
    return st.one_of(st.sampled_from(common), st.integers(low, 255))


def verdict_maps(system: System) -> st.SearchStrategy[dict[Verdict, list[int]]]:
    """Writer input for *system*: disjoint exit-code sets, one per verdict it can express.

    The sets respect each system's limits: codes 1-255 (systemd also 0 for ``RETRY``
    and ``SUCCESS``), Docker one verdict for all codes, Batch at most 4 codes besides
    the default.

    Raises:
        hypothesis.errors.InvalidArgument: *system* has no writer
            (``KUBERNETES_CONTAINER``).
    """
    if system not in _VERDICTS:
        raise InvalidArgument(f"verdict_maps(system={system!r}): no writer for this system")
    allowed = _VERDICTS[system]
    if system is System.DOCKER:
        return st.builds(
            lambda verdict, codes: {verdict: codes},
            st.sampled_from(allowed),
            st.lists(exit_codes(nonzero=True), min_size=1, max_size=5, unique=True),
        )
    size = 4 if system is System.AWS_BATCH else 12
    codes = exit_codes(nonzero=system is not System.SYSTEMD)

    def split(pairs: list[tuple[int, Verdict]]) -> dict[Verdict, list[int]]:
        result: dict[Verdict, list[int]] = {}
        for code, drawn in pairs:
            # systemd: exit 0 is always clean, it cannot fail a unit
            zero_fails = system is System.SYSTEMD and code == 0 and drawn is Verdict.FAIL
            result.setdefault(Verdict.SUCCESS if zero_fails else drawn, []).append(code)
        return result

    return st.lists(
        st.tuples(codes, st.sampled_from(allowed)),
        min_size=1,
        max_size=size,
        unique_by=lambda pair: pair[0],
    ).map(split)


def pod_failure_policies() -> st.SearchStrategy[dict[str, Any]]:
    """``podFailurePolicy`` mappings: ``onExitCodes`` and ``onPodConditions`` rules."""
    on_codes = st.builds(
        lambda action, operator, values, name: {
            "action": action,
            "onExitCodes": {
                "operator": operator,
                "values": values,
                **({} if name is None else {"containerName": name}),
            },
        },
        st.sampled_from(["FailJob", "FailIndex", "Ignore", "Count"]),
        st.sampled_from(["In", "NotIn"]),
        st.lists(exit_codes(nonzero=True), min_size=1, max_size=5, unique=True),
        st.none() | st.sampled_from(["main", "sidecar", "init"]),
    )
    on_conditions = st.builds(
        lambda action, status: {
            "action": action,
            "onPodConditions": [{"type": "DisruptionTarget", "status": status}],
        },
        st.sampled_from(["FailJob", "Ignore", "Count"]),
        st.sampled_from(["True", "False", "Unknown"]),
    )
    return st.builds(lambda rules: {"rules": rules}, st.lists(on_codes | on_conditions, max_size=6))


def failed_pods() -> st.SearchStrategy[dict[str, Any]]:
    """Failed pods: metadata, terminated or running containers, init containers, conditions."""
    state: st.SearchStrategy[dict[str, Any]] = st.one_of(
        exit_codes().map(lambda code: {"terminated": {"exitCode": code}}),
        st.just({"running": {}}),
    )
    statuses = st.lists(
        st.builds(
            lambda name, value: {"name": name, "state": value},
            st.sampled_from(["main", "sidecar", "init"]),
            state,
        ),
        max_size=3,
    )
    conditions = st.lists(
        st.builds(
            lambda status: {"type": "DisruptionTarget", "status": status},
            st.sampled_from(["True", "False", "Unknown"]),
        ),
        max_size=1,
    )
    return st.builds(
        lambda containers, init, found: {
            "metadata": {"namespace": "default", "name": "mypod"},
            "status": {
                "phase": "Failed",
                "containerStatuses": containers,
                "initContainerStatuses": init,
                "conditions": found,
            },
        },
        statuses,
        statuses,
        conditions,
    )


def docker_restart_policies() -> st.SearchStrategy[str]:
    """Valid ``--restart`` values."""
    return st.one_of(
        st.sampled_from(["", "no", "always", "unless-stopped", "on-failure"]),
        st.integers(0, 10).map(lambda count: f"on-failure:{count}"),
    )


def systemd_units() -> st.SearchStrategy[dict[str, list[str]]]:
    """``[Service]`` settings: ``Restart=``, ``Type=`` and the three exit-status lists."""
    statuses = st.lists(
        exit_codes().map(str) | st.sampled_from(["SIGKILL", "SIGTERM", "SIGABRT", "TEMPFAIL"]),
        max_size=4,
    ).map(" ".join)

    def unit(restart: str, oneshot: bool, lists: list[str]) -> dict[str, list[str]]:
        settings = {"Restart": [restart]}
        if oneshot and restart not in ("always", "on-success"):
            settings["Type"] = ["oneshot"]
        for key, value in zip(
            ("SuccessExitStatus", "RestartPreventExitStatus", "RestartForceExitStatus"),
            lists,
            strict=True,
        ):
            if value:
                settings[key] = [value]
        return settings

    return st.builds(
        unit,
        st.sampled_from(RESTART_SETTINGS),
        st.booleans(),
        st.lists(statuses, min_size=3, max_size=3),
    )


def batch_retry_strategies() -> st.SearchStrategy[dict[str, Any]]:
    """``retryStrategy`` mappings: 1-10 attempts, up to 5 ``evaluateOnExit`` entries."""
    reasons = st.sampled_from(["AGENT", "Task failed to start", "Host EC2*", "*", "OutOfMemory*"])
    entry = st.builds(
        lambda action, code, reason, status: {
            "action": action,
            **({} if code is None else {"onExitCode": code}),
            **({} if reason is None else {"onReason": reason}),
            **({"onStatusReason": status} if status or (code is None and reason is None) else {}),
        },
        st.sampled_from(["RETRY", "EXIT", "retry", "exit"]),
        st.none() | exit_codes().map(str) | st.sampled_from(["1*", "13*", "*"]),
        st.none() | reasons,
        st.none() | reasons,
    )
    return st.builds(
        lambda attempts, entries: {"attempts": attempts, "evaluateOnExit": entries},
        st.integers(1, 10),
        st.lists(entry, max_size=5),
    )


def gitlab_jobs() -> st.SearchStrategy[dict[str, Any]]:
    """Job configurations with ``retry`` (an int or a mapping) and ``allow_failure``."""
    codes = exit_codes(nonzero=True)
    retry = st.one_of(
        st.none(),
        st.integers(0, 2),
        st.builds(
            lambda maximum, when, listed: {
                "max": maximum,
                **({} if when is None else {"when": when}),
                **({} if listed is None else {"exit_codes": listed}),
            },
            st.integers(0, 2),
            st.none() | st.sampled_from(["always", "script_failure", ["api_failure"]]),
            st.none() | codes | st.lists(codes, min_size=1, max_size=4),
        ),
    )
    allow = st.one_of(
        st.none(),
        st.booleans(),
        st.builds(lambda listed: {"exit_codes": listed}, codes | st.lists(codes, min_size=1)),
    )
    return st.builds(
        lambda r, a: {
            **({} if r is None else {"retry": r}),
            **({} if a is None else {"allow_failure": a}),
        },
        retry,
        allow,
    )
