"""One module per engine or tool: its rules as data rows, each citing where it comes from.

:mod:`exitcodes.engines.docker`, :mod:`~exitcodes.engines.podman` and
:mod:`~exitcodes.engines.nerdctl` each define their rows and one ``ENGINE``
(an :class:`~exitcodes.engines._schema.EngineSpec`); :func:`spec` maps an
:class:`~exitcodes.profiles.Engine` to it, loading the module on first use.
:mod:`exitcodes.engines.kubernetes` holds the Kubernetes reasons, and
:mod:`exitcodes.engines.compose` models ``docker compose`` v2 (``up``, ``run``, ``exec``,
``wait``) over the evidence of several services.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from exitcodes.profiles import Engine

if TYPE_CHECKING:
    from exitcodes.engines._schema import EngineSpec

__all__ = ["BUILTIN", "spec"]

# One line per engine: the module whose ENGINE it is.
_MODULES: dict[Engine, str] = {
    Engine.DOCKER: "exitcodes.engines.docker",
    Engine.PODMAN: "exitcodes.engines.podman",
    Engine.NERDCTL: "exitcodes.engines.nerdctl",
}

BUILTIN: tuple[Engine, ...] = tuple(_MODULES)
"""The engines of the package, in table order (docker, podman, nerdctl)."""


_LOADED: dict[Engine, EngineSpec] = {}


def spec(engine: Engine) -> EngineSpec:
    """The :class:`~exitcodes.engines._schema.EngineSpec` of *engine*.

    The classifier asks it on every answer, so a loaded spec is one dict lookup.

    >>> spec(Engine.NERDCTL).wait_error_code
    1
    """
    found = _LOADED.get(engine)
    if found is None:
        found = _LOADED[engine] = importlib.import_module(_MODULES[engine]).ENGINE
    return found
