"""Reading what a user gives an evaluator: policy documents, evidence, the values inside them.

Each reader returns the value in the form the evaluators use, or raises the library's own
error naming where the value was (``rules[0].onExitCodes``), never a foreign exception.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from exitcodes.classify import Classification
from exitcodes.errors import InvalidArgumentError, MalformedEvidenceError, describe

__all__ = ["load_document"]


def load_document(text: str) -> object:
    """A policy or evidence document from its text: JSON, or YAML when PyYAML is importable.

    PyYAML is not a dependency of exitcodes: without it, only JSON is read (JSON is
    YAML too, so a ``kubectl get -o json`` or ``aws batch describe-job-definitions``
    output always works).

    Raises:
        InvalidArgumentError: the text is not JSON, and YAML cannot be read (no PyYAML)
            or is not valid either.

    >>> load_document('{"rules": []}')
    {'rules': []}
    """
    if not isinstance(text, str):
        raise InvalidArgumentError(f"a document must be text, got {describe(text)}")
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as json_error:
        try:
            import yaml  # type: ignore[import-untyped,unused-ignore]  # noqa: PLC0415
        except ImportError:
            raise InvalidArgumentError(
                f"not valid JSON ({json_error}); YAML needs PyYAML, which is not installed"
            ) from None
        try:
            return yaml.safe_load(text)  # type: ignore[no-any-return,unused-ignore]
        except (yaml.YAMLError, RecursionError, ValueError) as yaml_error:
            raise InvalidArgumentError(f"neither JSON nor YAML: {yaml_error}") from None


def exit_evidence(evidence: object) -> tuple[int | None, str | None]:
    """Read an exit code and a signal name from an int or a :class:`Classification`."""
    if isinstance(evidence, Classification):
        signal = None if evidence.signal is None else evidence.signal.name
        return evidence.exit_code, signal
    if isinstance(evidence, bool) or not isinstance(evidence, int):
        raise MalformedEvidenceError(
            f"evidence must be an exit code (int) or a Classification, got {describe(evidence)}"
        )
    return evidence, None


def mapping(value: object, where: str) -> Mapping[str, Any]:
    """*value* as a mapping, or :class:`InvalidArgumentError` naming *where*."""
    if not isinstance(value, Mapping):
        raise InvalidArgumentError(f"{where} must be a mapping, got {describe(value)}")
    return value


def sequence(value: object, where: str) -> Sequence[Any]:
    """*value* as a list (not a string), or :class:`InvalidArgumentError` naming *where*."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise InvalidArgumentError(f"{where} must be a list, got {describe(value)}")
    return value


def code_int(value: object, where: str) -> int:
    """*value* as an exit code, or :class:`InvalidArgumentError` naming *where*."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidArgumentError(f"{where} must be an int, got {describe(value)}")
    return value
