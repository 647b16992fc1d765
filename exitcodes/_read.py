"""Evidence, read once: what one piece of evidence is, as one typed value.

:func:`exitcodes.classify`, :func:`exitcodes.explain` and :func:`exitcodes.resolve` read
what they are given through :func:`read`: texts, ints and signals, Engine API documents,
and SDK objects (through :func:`exitcodes.adapters.adapt`, the one place that reads
them). Everything after works on the :class:`Evidence`, never on the object again.

This module is internal; nothing in it is part of the public API.
"""

from __future__ import annotations

import enum
import sys
from collections.abc import Mapping

import attrs

from exitcodes._evidence import EvidenceKind, document_kind, get_field, int_field, message_text
from exitcodes.errors import MalformedEvidenceError, UnsupportedEvidenceError, describe

__all__ = ["Evidence", "read"]


@attrs.frozen(hash=False)  # value is often a dict
class Evidence:
    """One piece of evidence, read: its kind and its plain form.

    Attributes:
        kind: what it is.
        value: the plain form: an ``int`` for a status or a CLI-decided code, a ``str``
            for a message, the mapping for a document (for a state, the State mapping).
        where: how errors name it (``"evidence"``, ``"evidence['State']"``, the SDK shape).
        text: the stderr or message text that came with an SDK object ("" if none).
        source: the SDK shape it was read as (``"ContainerError"``), "" for plain forms.
        phase: the step whose request failed, for an SDK exception that carries its
            request (:func:`exitcodes.adapters.request_phase`).
        signal: the :class:`signal.Signals` (or LinuxSignal) member given as evidence.
        exception: an exception of no SDK shape, whose text is *value*: only an engine's
            phrase or a status in it makes it evidence.
    """

    kind: EvidenceKind
    value: object
    where: str = "evidence"
    text: str = ""
    source: str = ""
    phase: str | None = None
    signal: enum.Enum | None = None
    exception: BaseException | None = None


_TEXTS = (str, bytes, bytearray, memoryview)


def _is_signal(member: enum.Enum) -> bool:
    """Whether *member* is a signal (the host's ``signal.Signals`` or a LinuxSignal)."""
    from exitcodes.conversions import LinuxSignal  # noqa: PLC0415 - on first use

    host = sys.modules.get("signal")
    return isinstance(member, LinuxSignal) or (
        host is not None and isinstance(member, host.Signals)
    )


def _document(
    document: Mapping[object, object],
    where: str,
    kind: EvidenceKind | None = None,
    sdk: Evidence | None = None,
) -> Evidence:
    """A wait response, state, exec inspect, Kubernetes status or API error body.

    *kind* is what an SDK object was read as (a plain document says it by its keys), and
    *sdk* carries that object's text, shape and phase.
    """
    if kind is None:
        kind = document_kind(document, where)
    value: object = document
    if kind is EvidenceKind.STATE:
        value = get_field(document, "State", where, document)
        if not isinstance(value, Mapping):
            raise MalformedEvidenceError(
                f"{where}['State'] must be a mapping, got {describe(value)}"
            )
        where = where if value is document else f"{where}['State']"
    elif kind is EvidenceKind.MESSAGE:  # an Engine API error body {"message": ...}
        value = message_text(document, where)
    if sdk is None:
        return Evidence(kind, value, where)
    return attrs.evolve(sdk, kind=kind, value=value, where=where)


def read(evidence: object, where: str = "evidence") -> Evidence:
    """Read *evidence* once into an :class:`Evidence`.

    Raises:
        UnsupportedEvidenceError: a bool, or an object that is no evidence.
        MalformedEvidenceError: a field holds an impossible value.
    """
    if type(evidence) is str:
        return Evidence(EvidenceKind.MESSAGE, evidence, where)
    if isinstance(evidence, bool):
        raise UnsupportedEvidenceError(
            f"{where} must not be a bool (True/False are not exit statuses), got {evidence!r}"
        )
    if isinstance(evidence, int):
        signal = evidence if isinstance(evidence, enum.Enum) and _is_signal(evidence) else None
        status = int_field(evidence, where)  # a plain int, whatever the subclass
        return Evidence(EvidenceKind.STATUS, status, where, signal=signal)
    if isinstance(evidence, Mapping):
        return _document(evidence, where)
    if not isinstance(evidence, _TEXTS):
        from exitcodes.adapters import AdaptedKind, adapt  # noqa: PLC0415 - SDK objects only

        adapted = adapt(evidence)
        if adapted is not None:
            sdk = Evidence(
                EvidenceKind.MESSAGE,
                adapted.value,
                adapted.source or where,
                adapted.text,
                adapted.source,
                adapted.phase,
            )
            if adapted.kind is AdaptedKind.MESSAGE:
                return sdk
            if adapted.kind is AdaptedKind.CLI_RESULT:
                return attrs.evolve(sdk, kind=EvidenceKind.PROCESS)
            assert isinstance(adapted.value, Mapping)
            kind = EvidenceKind(adapted.kind.value)  # wait, state, exec, kubernetes
            return _document(adapted.value, sdk.where, kind, sdk)
        if isinstance(evidence, BaseException):
            text = message_text(evidence, where)
            return Evidence(EvidenceKind.MESSAGE, text, where, exception=evidence)
    return Evidence(EvidenceKind.MESSAGE, message_text(evidence, where), where)
