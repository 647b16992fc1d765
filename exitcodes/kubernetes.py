"""Kubernetes container states: terminated and waiting reasons, and podFailurePolicy.

The kubelet reports what happened in ``reason`` as much as in ``exitCode``:
containerd reports a missing entrypoint as ``StartError`` with 128 (Docker
said 127), the kubelet invents 137 for ``ContainerStatusUnknown``, and a 137
with reason ``Error`` is not an OOM kill. The reasons are rows of
:data:`REASONS`, each citing where it is set.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from exitcodes._evidence import plain
from exitcodes.engines import kubernetes as _rows
from exitcodes.engines._schema import ReasonRule
from exitcodes.errors import InvalidArgumentError, MalformedEvidenceError, describe

__all__ = ["REASONS", "ReasonRule", "pod_failure_policy_rule"]

REASONS: tuple[ReasonRule, ...] = _rows.REASONS
"""Every Kubernetes container reason modelled (rows in ``exitcodes.engines.kubernetes``)."""


_BY_REASON = {(rule.state, rule.reason.lower()): rule for rule in REASONS}


def reason_rule(state: str, reason: str) -> ReasonRule | None:
    """The row for *reason* in *state* (``"terminated"``/``"waiting"``), if known."""
    return _BY_REASON.get((state, reason.lower()))


def _values(rule: Mapping[str, Any], index: int) -> tuple[str, frozenset[int]]:
    where = f"rules[{index}]['onExitCodes']"
    on_codes = rule.get("onExitCodes", rule.get("on_exit_codes"))
    if not isinstance(on_codes, Mapping):
        raise InvalidArgumentError(f"{where} must be a mapping, got {describe(on_codes)}")
    operator = plain(on_codes.get("operator"))
    values = on_codes.get("values")
    if operator not in ("In", "NotIn"):
        raise InvalidArgumentError(
            f"{where}['operator'] must be 'In' or 'NotIn', got {describe(operator)}"
        )
    if not isinstance(values, Sequence) or isinstance(values, (str, bytes)) or not values:
        raise InvalidArgumentError(f"{where}['values'] must be a non-empty list of ints")
    checked = set()
    for value in values:
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidArgumentError(f"{where}['values'] holds {describe(value)}, not an int")
        checked.add(plain(value))
    if operator == "In" and 0 in checked:
        raise InvalidArgumentError(f"{where}: 0 is not allowed with operator In")
    return str(operator), frozenset(checked)


def pod_failure_policy_rule(
    exit_code: int, rules: Sequence[Mapping[str, Any]], *, container_name: str | None = None
) -> int | None:
    """The index of the Job ``podFailurePolicy`` rule that a container exit would match.

    Follows ``batch/v1`` semantics: rules are checked in order, only
    ``onExitCodes`` rules are considered here (``onPodConditions`` rules are
    skipped), a rule's ``containerName`` restricts it to that container, and a
    container that exited 0 matches no rule.

    Raises:
        InvalidArgumentError: a rule is malformed (unknown operator, empty
            values, 0 with ``In``), or *rules* cannot be iterated.
        MalformedEvidenceError: *exit_code* is not an int.

    >>> rules = [{"action": "Ignore", "onExitCodes": {"operator": "In", "values": [137]}},
    ...          {"action": "FailJob", "onExitCodes": {"operator": "NotIn", "values": [0]}}]
    >>> pod_failure_policy_rule(137, rules), pod_failure_policy_rule(3, rules)
    (0, 1)
    """
    exit_code, container_name = plain(exit_code), plain(container_name)  # read once
    if isinstance(exit_code, bool) or not isinstance(exit_code, int):
        raise MalformedEvidenceError(f"exit_code must be an int, got {describe(exit_code)}")
    if isinstance(rules, (str, bytes)) or not isinstance(rules, Sequence):
        raise InvalidArgumentError(f"rules must be a list of mappings, got {describe(rules)}")
    try:  # read once: a hostile __iter__, a released memoryview
        items = [rule for rule in rules]  # noqa: C416 - no length hint: __len__ may lie
    except Exception as exc:
        raise InvalidArgumentError(
            f"cannot read rules ({type(rules).__name__}): {type(exc).__name__}"
        ) from None
    if exit_code == 0:
        return None
    for index, rule in enumerate(items):
        if not isinstance(rule, Mapping):
            raise InvalidArgumentError(f"rules[{index}] must be a mapping, got {describe(rule)}")
        if "onExitCodes" not in rule and "on_exit_codes" not in rule:
            continue
        operator, values = _values(rule, index)
        on_codes = rule.get("onExitCodes", rule.get("on_exit_codes"))
        wanted = plain(on_codes.get("containerName")) if isinstance(on_codes, Mapping) else None
        if wanted is not None and container_name is not None and wanted != container_name:
            continue
        if (exit_code in values) == (operator == "In"):
            return index
    return None
