"""One module per engine or tool: its rules as data rows, each citing where it comes from.

``exitcodes.engines.docker``, ``podman`` and
``nerdctl`` each define their rows and one ``ENGINE``
(an :class:`EngineSpec`); :func:`spec` maps an :class:`~exitcodes.profiles.Engine` to
it, loading the module on first use. An engine from outside the package (a toy one in a
test) is keyed by an :class:`~exitcodes.profiles.EngineName`: :func:`register` adds its
spec and :func:`unregister` removes it, and no other module changes.
``exitcodes.engines.kubernetes`` holds the Kubernetes reasons, and
:mod:`exitcodes.engines.compose` models ``docker compose`` v2 (``up``, ``run``, ``exec``,
``wait``) over the evidence of several services.
"""

from __future__ import annotations

import importlib

from exitcodes.engines._schema import EngineSpec
from exitcodes.errors import InvalidArgumentError, describe
from exitcodes.profiles import Engine, EngineName

__all__ = ["BUILTIN", "EngineSpec", "register", "spec", "unregister"]

# One line per engine: the module whose ENGINE it is.
_MODULES: dict[Engine, str] = {
    Engine.DOCKER: "exitcodes.engines.docker",
    Engine.PODMAN: "exitcodes.engines.podman",
    Engine.NERDCTL: "exitcodes.engines.nerdctl",
}

BUILTIN: tuple[Engine, ...] = tuple(_MODULES)
"""The engines of the package, in table order (docker, podman, nerdctl)."""


# Keyed by id(): an Engine member's hash runs Enum.__hash__'s Python code on every lookup,
# and an EngineName is equal only to itself. Each key lives in its spec, so ids stay unique.
_LOADED: dict[int, EngineSpec] = {}


def spec(engine: Engine | EngineName) -> EngineSpec:
    """The :class:`EngineSpec` of *engine*.

    The classifier asks it on every answer, so a loaded spec is one dict lookup.

    Raises:
        InvalidArgumentError: *engine* is an :class:`~exitcodes.profiles.EngineName`
            that is not registered.

    >>> spec(Engine.NERDCTL).wait_error_code
    1
    """
    found = _LOADED.get(id(engine))
    if found is None:
        if not isinstance(engine, Engine):
            raise InvalidArgumentError(f"engine {describe(engine)} is not registered")
        found = _LOADED[id(engine)] = importlib.import_module(_MODULES[engine]).ENGINE
    return found


def register(engine_spec: EngineSpec) -> None:
    """Add an engine from outside the package, keyed by its spec's ``engine``.

    Its profiles (``engine_spec.profile()``) then work with :func:`exitcodes.classify`,
    :func:`exitcodes.resolve` and :func:`exitcodes.explain`; :func:`unregister` undoes it.

    Raises:
        InvalidArgumentError: the key is not an :class:`~exitcodes.profiles.EngineName`
            (the :class:`~exitcodes.profiles.Engine` members are the package's own), or
            it is registered already.
    """
    key = engine_spec.engine
    if not isinstance(key, EngineName):
        raise InvalidArgumentError(
            f"a registered engine is keyed by an EngineName, got {describe(key)}"
        )
    if id(key) in _LOADED:
        raise InvalidArgumentError(f"engine {key.value!r} is registered already")
    _LOADED[id(key)] = engine_spec
    _forget_answers()


def unregister(engine_spec: EngineSpec) -> None:
    """Remove an engine that :func:`register` added (a test's cleanup).

    Raises:
        InvalidArgumentError: it is not registered.
    """
    key = engine_spec.engine
    if not isinstance(key, EngineName) or _LOADED.get(id(key)) is not engine_spec:
        raise InvalidArgumentError(f"engine {describe(key)} is not registered")
    del _LOADED[id(key)]
    _forget_answers()


def _forget_answers() -> None:
    """Drop the classifier's compiled tables, so no answer outlives its engine's rows."""
    from exitcodes._matcher import forget  # noqa: PLC0415 - the matcher imports this module

    forget()
