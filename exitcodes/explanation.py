"""Explain an exit: the classification, plus the likely causes from the catalog, ranked.

:func:`explain` reads the same evidence as :func:`exitcodes.classify` (an exit
status, a daemon message or exception, a wait response, ``docker inspect`` /
``podman inspect`` output, an exec inspect, a Kubernetes container status or
state, an SDK object) and returns an :class:`Explanation`: the
:class:`~exitcodes.Classification` (exactly what :func:`~exitcodes.classify`
says, except that a bare status line is classified as its status) and the
:class:`Cause` entries of :data:`exitcodes.catalog.CATALOG` that match, most
likely first, each with the evidence that matched.

How causes are ranked: a state condition (``State.OOMKilled``) weighs most, then a
message pattern (longer patterns are more specific), a Kubernetes reason, and an
exit status; an entry matched by several independent facts ranks higher. Generic
entries (what a code means in general) rank below specific causes when a message
names the cause, and above them for a bare code. Equal scores keep catalog order.

>>> from exitcodes.explanation import explain
>>> result = explain(137)
>>> result.classification.signal.name
'SIGKILL'
>>> [cause.id for cause in result.causes][:3]
['exit-137', 'oom-killed', 'stop-timeout']
>>> explain("Bind for 0.0.0.0:80 failed: port is already allocated").cause.id
'port-already-allocated'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from exitcodes._evidence import (
    EvidenceKind,
    bool_field,
    codes_in_text,
    get_field,
    int_field,
    plain,
    str_field,
    wait_error,
)
from exitcodes._matcher import check_profile
from exitcodes._read import Evidence, read
from exitcodes.catalog import CATALOG, PATTERN_SEPARATOR, CatalogEntry, Condition, pattern_length
from exitcodes.classify import Classification, classify, classify_read
from exitcodes.errors import InvalidArgumentError, describe
from exitcodes.profiles import Profile

__all__ = ["Cause", "Explanation", "explain", "explain_exit"]

# --- ranking weights (see the module docstring) ---
_CONDITION = 150
_MESSAGE = 100
_MESSAGE_GENERIC = 60
_SPECIFICITY_CAP = 90
_REASON = 90
_CODE_GENERIC = 40
_CODE = 35
_DERIVED = 20
_BONUS = 10

_MAX_TEXT = 1 << 20  # characters of one text that are matched (head and tail kept)
_MAX_OUTPUT = 64 * 1024  # characters of a command's output that explain_exit reads (its tail)
_SIGKILL_STATUS = 137
_BYTE = 0xFF
_WORD = 0xFFFFFFFF
_K8S_STATE_KEYS = ("terminated", "waiting", "running")


@attrs.frozen
class Cause:
    """One likely cause of an exit: a catalog entry and the evidence that matched it.

    Attributes:
        entry: the :class:`~exitcodes.catalog.CatalogEntry`.
        matched: what in the evidence pointed at it, in words (``'message
            contains "port is already allocated"'``, ``'exit status 137'``).
        score: the ranking score; only the order of the scores is meaningful.
    """

    entry: CatalogEntry
    matched: tuple[str, ...]
    score: int

    @property
    def id(self) -> str:
        """The catalog entry's stable id."""
        return self.entry.id

    @property
    def title(self) -> str:
        """The catalog entry's title."""
        return self.entry.title

    @property
    def hint(self) -> str:
        """What to check or do."""
        return self.entry.hint

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict (the ``cause`` object of the command line's JSON schema).

        >>> explain(139).causes[0].to_dict()["id"]
        'exit-139'
        """
        return {
            "id": self.entry.id,
            "title": self.entry.title,
            "hint": self.entry.hint,
            "source": self.entry.source,
            "outcomes": [outcome.value for outcome in self.entry.outcomes],
            "matched": list(self.matched),
            "score": self.score,
        }


@attrs.frozen
class Explanation:
    """What happened (the classification) and why (the likely causes, most likely first).

    Attributes:
        classification: the :class:`~exitcodes.Classification` of the evidence.
        causes: the matching catalog entries, ranked; empty when nothing in the
            evidence points at a catalogued cause (a clean exit 0 of a running
            container, an unknown message).
    """

    classification: Classification
    causes: tuple[Cause, ...]

    @property
    def cause(self) -> Cause | None:
        """The most likely cause, or ``None``.

        >>> explain({"State": {"Status": "exited", "ExitCode": 137, "OOMKilled": True}}).cause.id
        'oom-killed'
        """
        return self.causes[0] if self.causes else None

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict: ``{"classification": {...}, "causes": [...]}``.

        >>> sorted(explain(0).to_dict())
        ['causes', 'classification']
        """
        return {
            "classification": self.classification.to_dict(),
            "causes": [cause.to_dict() for cause in self.causes],
        }


@attrs.frozen
class _Facts:
    """What the evidence says, in the terms the catalog matches on."""

    texts: tuple[str, ...] = ()
    codes: frozenset[int] = frozenset()
    derived: frozenset[int] = frozenset()
    reasons: frozenset[str] = frozenset()
    conditions: frozenset[Condition] = frozenset()


# ------------------------------------------------------------------ reading the evidence


def _clip(text: str) -> str:
    if len(text) <= _MAX_TEXT:
        return text
    half = _MAX_TEXT // 2
    return f"{text[:half]}\n{text[-half:]}"


def _expand(status: int | None, profile: Profile) -> frozenset[int]:
    """A status as the catalog may list it: raw, as the platform keeps it, and 32-bit."""
    if status is None:
        return frozenset()
    return frozenset({status, status & profile.platform.status_mask, status & _WORD})


def _message_facts(text: str, classification: Classification, profile: Profile) -> _Facts:
    lowered = _clip(text).lower()
    codes: set[int] = set()
    for code in codes_in_text(lowered):
        codes |= _expand(code, profile)
    derived = frozenset() if classification.exit_code is None else {classification.exit_code}
    return _Facts(texts=(text,), codes=frozenset(codes), derived=frozenset(derived))


def _state_facts(
    state: Mapping[Any, Any], where: str, classification: Classification, profile: Profile
) -> _Facts:
    status = int_field(
        get_field(state, "ExitCode", where, None), f"{where}['ExitCode']", allow_none=True
    )
    error = str_field(get_field(state, "Error", where, None), f"{where}['Error']")
    oom_value = get_field(state, "OOMKilled", where, None)
    oom = bool_field(oom_value, f"{where}['OOMKilled']")
    conditions: set[Condition] = set()
    if oom:
        conditions.add(Condition.OOM_KILLED)
    elif (
        oom_value is False
        and status is not None
        and status & profile.platform.status_mask == _SIGKILL_STATUS
    ):
        conditions.add(Condition.SIGKILL_NOT_OOM)
    derived: frozenset[int] = frozenset()
    if classification.exit_code is not None and error:
        derived = frozenset({classification.exit_code})  # what docker run made of State.Error
    if classification.exit_code is None and status == 0:
        status = None  # running or never started: the 0 is no exit status
    return _Facts(
        texts=(error,) if error else (),
        codes=_expand(status, profile),
        derived=derived,
        conditions=frozenset(conditions),
    )


def _k8s_field(part: Mapping[Any, Any], camel: str, snake: str, where: str) -> object:
    value = get_field(part, camel, where, None)
    return get_field(part, snake, where, None) if value is None else value


class _KubernetesReader:
    """Collects what a Kubernetes container status or state says, for the catalog."""

    def __init__(self, profile: Profile) -> None:
        self.profile = profile
        self.texts: list[str] = []
        self.codes: set[int] = set()
        self.reasons: set[str] = set()
        self.conditions: set[Condition] = set()

    def leaf(self, part: Mapping[Any, Any], where: str) -> None:
        reason = str_field(get_field(part, "reason", where, None), f"{where}['reason']")
        message = str_field(get_field(part, "message", where, None), f"{where}['message']")
        status = int_field(
            _k8s_field(part, "exitCode", "exit_code", where),
            f"{where}['exitCode']",
            allow_none=True,
        )
        if reason:
            self.reasons.add(reason)
        if message:
            self.texts.append(message)
        if status is None:
            return
        self.codes |= _expand(status, self.profile)
        if reason == "OOMKilled":
            self.conditions.add(Condition.OOM_KILLED)
        elif reason == "Error" and status & self.profile.platform.status_mask == _SIGKILL_STATUS:
            self.conditions.add(Condition.SIGKILL_NOT_OOM)

    def state(self, state: Mapping[Any, Any], where: str) -> bool:
        """Read a ``ContainerState``; return whether it is a termination."""
        for key in _K8S_STATE_KEYS:
            part = get_field(state, key, where, None)
            if isinstance(part, Mapping):
                self.leaf(part, f"{where}[{key!r}]")
                return key == "terminated"
        return False

    def document(self, document: Mapping[Any, Any], where: str) -> _Facts:
        inner = get_field(document, "state", where, None)
        status = _k8s_field(document, "exitCode", "exit_code", where)
        if isinstance(inner, Mapping) and status is None:
            terminated = self.state(inner, f"{where}['state']")
            last = _k8s_field(document, "lastState", "last_state", where)
            if not terminated and isinstance(last, Mapping):
                # waiting to restart: the last termination says why it keeps exiting
                self.state(last, f"{where}['lastState']")
        elif not self.state(document, where) and not any(
            get_field(document, key, where, None) is not None for key in _K8S_STATE_KEYS
        ):
            self.leaf(document, where)
        return _Facts(
            texts=tuple(self.texts),
            codes=frozenset(self.codes),
            reasons=frozenset(self.reasons),
            conditions=frozenset(self.conditions),
        )


def _document_facts(evidence: Evidence, classification: Classification, profile: Profile) -> _Facts:
    document, where, kind = evidence.value, evidence.where, evidence.kind
    assert isinstance(document, Mapping)
    if kind is EvidenceKind.WAIT:
        error = wait_error(document, where)
        status = int_field(get_field(document, "StatusCode", where, 0), f"{where}['StatusCode']")
        return _Facts(
            texts=(error,) if error else (),
            codes=_expand(status, profile),
            conditions=frozenset({Condition.WAIT_ERROR}) if error is not None else frozenset(),
        )
    if kind is EvidenceKind.EXEC:
        status = int_field(
            get_field(document, "ExitCode", where, None), f"{where}['ExitCode']", allow_none=True
        )
        return _Facts(codes=_expand(status, profile))
    if kind is EvidenceKind.STATE:
        return _state_facts(document, where, classification, profile)
    return _KubernetesReader(profile).document(document, where)


def _facts(evidence: Evidence, classification: Classification, profile: Profile) -> _Facts:
    """What *evidence* (read once, and classified) says, in the catalog's terms."""
    if evidence.kind is EvidenceKind.STATUS:
        assert isinstance(evidence.value, int)
        return _Facts(codes=_expand(evidence.value, profile))
    if evidence.kind is EvidenceKind.MESSAGE:
        assert isinstance(evidence.value, str)
        return _message_facts(evidence.value, classification, profile)
    if evidence.kind is EvidenceKind.PROCESS:
        code = classification.exit_code
        return _Facts(
            texts=(evidence.text,) if evidence.text else (),
            codes=frozenset() if code is None else _expand(code, profile),
        )
    facts = _document_facts(evidence, classification, profile)
    if evidence.text:  # the stderr an SDK object carried
        facts = attrs.evolve(facts, texts=(*facts.texts, evidence.text))
    return facts


# ------------------------------------------------------------------------------ ranking


def _shown_pattern(pattern: str) -> str:
    return (
        f'message contains "{pattern}"'
        if PATTERN_SEPARATOR not in pattern
        else (
            "message contains "
            + PATTERN_SEPARATOR.join(f'"{part}"' for part in pattern.split(PATTERN_SEPARATOR))
        )
    )


def _shown_code(code: int) -> str:
    return (
        f"exit status {code} (0x{code & _WORD:08X})"
        if not 0 <= code <= _BYTE
        else (f"exit status {code}")
    )


def _score(entry: CatalogEntry, facts: _Facts, lowered: tuple[str, ...]) -> Cause | None:
    if facts.conditions.intersection(entry.excluded_by):
        return None
    components: list[tuple[int, str, bool]] = []
    best: str | None = None
    for text in lowered:
        found = entry.message_match(text)
        if found is not None and (best is None or pattern_length(found) > pattern_length(best)):
            best = found
    if best is not None:
        weight = _MESSAGE_GENERIC if entry.generic else _MESSAGE
        components.append(
            (weight + min(pattern_length(best), _SPECIFICITY_CAP), _shown_pattern(best), True)
        )
    for reason in entry.reasons:
        if reason in facts.reasons:
            components.append((_REASON, f"Kubernetes reason {reason}", True))
            break
    for condition in entry.conditions:
        if condition in facts.conditions:
            components.append((_CONDITION, condition.description, True))
    observed = [code for code in entry.codes if code in facts.codes]
    if observed:
        # A pure code entry (generic, no message of its own) says what the code means in
        # general: it comes first for a bare code.
        weight = _CODE_GENERIC if entry.generic and not entry.messages else _CODE
        components.append((weight, _shown_code(observed[0]), True))
    elif entry.generic and best is None:
        derived = [code for code in entry.codes if code in facts.derived]
        if derived:
            components.append((_DERIVED, f"docker run exits {derived[0]} for this error", False))
    if not components:
        return None
    independent = sum(1 for _, _, counts in components if counts)
    score = max(points for points, _, _ in components) + _BONUS * max(0, independent - 1)
    return Cause(entry, tuple(text for _, text, _ in components), score)


def _rank(facts: _Facts) -> tuple[Cause, ...]:
    lowered = tuple(_clip(text).lower() for text in facts.texts if text)
    scored: list[tuple[int, int, Cause]] = []
    for index, entry in enumerate(CATALOG):
        cause = _score(entry, facts, lowered)
        if cause is not None:
            scored.append((-cause.score, index, cause))
    scored.sort(key=lambda item: (item[0], item[1]))
    return tuple(cause for _, _, cause in scored)


# --------------------------------------------------------------------------- public API


def explain(evidence: object, *, profile: Profile | None = None) -> Explanation:
    """Classify *evidence* and rank the catalog's likely causes for it.

    Args:
        evidence: anything :func:`exitcodes.classify` reads: an ``int``
            status; a daemon message as ``str``/``bytes``, an exception or an
            API error body; a wait response; ``docker inspect`` or ``podman
            inspect`` output for one container, or its ``State``; an exec
            inspect; a Kubernetes container status or state (for a container
            waiting to restart, the causes also read its ``lastState``); an SDK
            object (docker-py, podman-py, python-on-whales, aiodocker,
            kubernetes, :mod:`subprocess` results, with their stderr). Texts
            that are a number or a short status line (``"Exited (137) 5 seconds
            ago"``, ``"exit status 137"``) are read as :func:`exitcodes.classify`
            reads them: as the status they name.
        profile: the engine and version to be faithful to (default: the newest
            Docker CLI on Linux).

    Returns:
        The :class:`Explanation`.

    Raises:
        UnsupportedEvidenceError: *evidence* is of another type.
        MalformedEvidenceError: a field holds an impossible value.
        InvalidArgumentError: *profile* is not a Profile.

    >>> explain(0xC0000005).cause.id
    'windows-access-violation'
    >>> explain({"exitCode": 128, "reason": "StartError",
    ...          "message": 'exec: "app": executable file not found in $PATH'}).cause.id
    'command-not-in-path'
    >>> explain({"State": {"Status": "exited", "ExitCode": 137, "OOMKilled": False}}).cause.id
    'sigkill-not-oom'
    """
    active = check_profile(profile)
    read_once = read(plain(evidence))  # a subclass's own __eq__/__len__ are never called
    classification = classify_read(read_once, active)
    facts = _facts(read_once, classification, active)
    if classification.kind is EvidenceKind.MESSAGE and classification.status is not None:
        # classify read the text as the status it names (a number, a status line):
        # the status is the fact, and no code is derived from an error phrase.
        facts = attrs.evolve(facts, derived=frozenset())
    return Explanation(classification, _rank(facts))


def explain_exit(
    status: int, *, output: str | bytes | None = None, profile: Profile | None = None
) -> Explanation:
    """Explain a finished command from its exit *status* and what it printed.

    This is what ``exitcodes why`` uses: *status* is read as the exit status of
    the docker (or other) CLI process, as :func:`exitcodes.classify` reads an
    ``int``, and the tail of *output* (usually its stderr) is matched against the
    catalog's message patterns.

    Args:
        status: the process's exit status.
        output: what the process printed (its last 64 KiB are read), or ``None``.
        profile: the engine and version to be faithful to.

    Raises:
        UnsupportedEvidenceError: *status* is not an ``int``.
        MalformedEvidenceError: *status* does not fit in int64.
        InvalidArgumentError: *output* is not ``str``/``bytes``/``None``, or
            *profile* is not a Profile.

    >>> explain_exit(125, output="docker: Error response from daemon: Conflict."
    ...              ' The container name "/web" is already in use by container "0a1b".').cause.id
    'name-conflict'
    """
    active = check_profile(profile)
    status, output = plain(status), plain(output)  # read once, as plain int and str
    if output is not None and not isinstance(output, (str, bytes, bytearray)):
        raise InvalidArgumentError(f"output must be a str, bytes or None, got {describe(output)}")
    classification = classify(status, profile=active)
    if isinstance(output, (bytes, bytearray)):
        # Through the buffer: a subclass's own __getitem__ or __len__ is never called.
        tail = memoryview(output)[-4 * _MAX_OUTPUT :].tobytes()
        output = tail.decode("utf-8", errors="replace")
    text = "" if output is None else output[-_MAX_OUTPUT:]
    facts = _Facts(texts=(text,) if text else (), codes=_expand(classification.status, active))
    return Explanation(classification, _rank(facts))
