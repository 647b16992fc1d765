"""daemon_errors: error texts built from the rows of the rule tables."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from hypothesis import strategies as st

from exitcodes._evidence import strip_prefixes
from exitcodes._matcher import remembered
from exitcodes.engines import spec as engine_spec
from exitcodes.errors import describe
from exitcodes.outcome import ExitOutcome
from exitcodes.profiles import Engine, EngineName, Profile
from exitcodes.rules import (
    Layer,
    Match,
    MessageRule,
)
from exitcodes.strategies._checks import (
    MESSAGE_OUTCOMES,
    _check_engine,
    _check_profile,
    _default_profile,
    _fail,
    _pick,
)
from exitcodes.strategies._messages import (
    _TEMPLATES,
    _Template,
)
from exitcodes.strategies._templates import (
    _decision_text,
    _of_engine,
    _render,
)

# --------------------------------------------------------------------------------------
# daemon_errors: built from the rule tables
# --------------------------------------------------------------------------------------

_DECISION_LAYERS = (Layer.USAGE, Layer.CONNECTION, Layer.CLI)


def _rows(profile: Profile, layer: Layer) -> list[MessageRule]:
    """The rows of *layer* in *profile*'s release, from its engine's own spec."""
    return [
        rule
        for rule in engine_spec(profile.engine).message_rules
        if rule.layer is layer and rule.versions.contains(profile)
    ]


def _deciding_row(message: str, profile: Profile) -> MessageRule:
    """The row that decides how *message* classifies, read straight from the tables.

    Usage rows first, then connection rows, then the CLI's mapping (which ends
    with a fallback row), as :func:`exitcodes.classify` documents.
    """
    lowered = message.lower()
    stripped = strip_prefixes(message)
    for layer in _DECISION_LAYERS:
        for rule in _rows(profile, layer):
            if rule.matches(message, lowered, stripped):
                return rule
    raise AssertionError(f"no CLI fallback row for {profile}")  # pragma: no cover


def _generic(rule: MessageRule, pattern: str, engine: Engine | EngineName) -> _Template:
    """A plain carrier for a pattern no realistic template holds (a future row)."""
    engines = frozenset({engine})
    if rule.layer is Layer.USAGE:
        text = pattern + "{word}" if rule.match is Match.PREFIX else "{word}" + pattern
        return _Template(text, frozenset({"generic"}), "usage-flag", engines)
    if rule.layer is Layer.CONNECTION:
        return _Template(pattern + ": {host}", frozenset({"generic"}), "client", engines)
    return _Template("open {path}: " + pattern, frozenset({"generic"}), "runtime", engines)


def _two_or_more(items: Sequence[Any]) -> tuple[Any, ...]:
    """*items*, repeated if alone: a choice among one item costs the shrinker nothing.

    Hypothesis shrinks towards shorter choice sequences first, so without this the
    row with a single template would win over the first row.
    """
    return tuple(items) * 2 if len(items) == 1 else tuple(items)


# Templates classified once per profile: draws cost 22 % less.
@remembered(maxsize=128)
def _message_plan(
    profile: Profile, outcomes: tuple[ExitOutcome, ...]
) -> tuple[tuple[MessageRule, tuple[_Template, ...]], ...]:
    """For each row of a wanted outcome, the templates that classify by it."""
    deciding: dict[str, list[_Template]] = {}
    for template in _of_engine(_TEMPLATES, profile):
        row = _deciding_row(_decision_text(template, profile), profile)
        deciding.setdefault(row.id, []).append(template)
    ordered = [*_rows(profile, Layer.CLI), *_rows(profile, Layer.CONNECTION)]
    ordered += _rows(profile, Layer.USAGE)
    plan = []
    for rule in ordered:
        if rule.outcome not in outcomes:
            continue
        templates = list(deciding.get(rule.id, ()))
        for pattern in rule.patterns:
            carried = any(
                pattern.lower() in _decision_text(template, profile).lower()
                for template in templates
            )
            if not carried:
                generic = _generic(rule, pattern, profile.engine)
                if _deciding_row(_decision_text(generic, profile), profile).id == rule.id:
                    templates.append(generic)
        if templates:  # the shortest first: failures shrink to the most readable
            templates.sort(key=lambda template: len(_decision_text(template, profile)))
            plan.append((rule, _two_or_more(templates)))
    return tuple(plan)


@st.composite
def _daemon_errors(draw: st.DrawFn, profile: Profile, outcomes: tuple[ExitOutcome, ...]) -> str:
    plan = _message_plan(profile, outcomes)
    _rule, templates = _pick(draw, plan)
    template = _pick(draw, templates)
    return _render(draw, template, profile)


def daemon_errors(
    outcome: ExitOutcome | None = None,
    *,
    engine: Engine | EngineName | str = "docker",
    profile: Profile | None = None,
) -> st.SearchStrategy[str]:
    """Error texts as users paste them, that classify to *outcome* under *profile*.

    Built from the rule tables of :mod:`exitcodes.rules`: a row of the wanted
    outcome is picked, then a real wording that carries one of its phrases and
    none of an earlier row's (runc's ``exec: "foo": executable file not found in
    $PATH``, crun's ``executable file `foo` not found in $PATH: No such file or
    directory``, hcsshim's ``The system cannot find the file specified.``, a pull
    or port error, a client's ``Cannot connect to the Docker daemon``...), wrapped
    in the shim and daemon prefixes of the profile's engine release
    (``failed to create task for container: failed to create shim task: OCI
    runtime create failed: runc create failed: unable to start container process:
    ...: unknown``, containerd 1.5's ``failed to create shim:``, old runc's
    ``container_linux.go:370: starting container process caused:``; podman's
    ``crun: ...: OCI runtime attempted to invoke a command that was not found``)
    and in a client or CLI wording (``Error response from daemon:``,
    ``docker:``, ``Error:``...). Rows without a real wording get a plain carrier
    of their phrase. Shrinks to the shortest wording of the first row.

    ``classify(message, profile=profile).outcome`` is always *outcome*. Note that
    a phrase can mean other things than it says: ``not a directory`` and crun's
    capitalised ``No such file or directory`` are engine errors (125) to the
    docker CLI.

    Args:
        outcome: one of :data:`MESSAGE_OUTCOMES` (``NOT_FOUND``,
            ``CANNOT_INVOKE``, ``ENGINE_ERROR``, ``USAGE_ERROR``: the CLI's own
            argument errors), or ``None`` for any of them.
        engine: the engine whose wordings and rules to use (``"docker"``,
            ``"podman"``, ``"nerdctl"``); ignored when *profile* is given.
        profile: the engine and versions (default: the engine's newest release).

    Raises:
        InvalidArgument: an outcome no text classifies to, an unknown engine,
            a profile that is not a Profile.

    >>> from exitcodes import ExitOutcome
    >>> strategy = daemon_errors(ExitOutcome.CANNOT_INVOKE)
    >>> strategy = daemon_errors(engine="podman")
    """
    call = f"daemon_errors(outcome={describe(outcome)})"  # never a hostile repr's error
    chosen = _check_engine(engine, call)
    active = _check_profile(profile, call) if profile is not None else _default_profile(chosen)
    if outcome is None:
        outcomes = MESSAGE_OUTCOMES
    elif isinstance(outcome, ExitOutcome) and outcome in MESSAGE_OUTCOMES:
        outcomes = (outcome,)
    else:
        shown = ", ".join(repr(item) for item in MESSAGE_OUTCOMES)
        raise _fail(
            call,
            f"outcome must be one of {shown} or None (no error text classifies to"
            f" {describe(outcome)})",
        )
    if not _message_plan(active, outcomes):  # pragma: no cover - every outcome has a row
        raise _fail(call, f"no rule of {active} gives that outcome")
    return _daemon_errors(active, outcomes).filter(
        lambda message: _deciding_row(message, active).outcome in outcomes
    )
