"""Hypothesis' entry point: type strategies for the public value classes.

Hypothesis calls :func:`_hypothesis_setup_hook` when it is imported, through the
``hypothesis`` entry point, so that ``st.from_type(exitcodes.Classification)``
(and ``Resolution``, ``Profile``, ``Version``, ``ExitOutcome``) draws real values;
:class:`exitcodes.strategies.Scenario` is registered by its own module. The
strategies themselves are built on first use, so importing Hypothesis stays cheap.

The hook runs inside ``import hypothesis`` of every project that has this package
installed, including projects that never use it, so it never raises: if exitcodes
cannot be loaded, it warns with :class:`StrategyRegistrationWarning` and registers
nothing, and ``import hypothesis`` goes on as if exitcodes were not installed.
"""

from __future__ import annotations

import contextlib
import sys
import warnings
from collections.abc import Callable
from typing import Any

__all__ = ["StrategyRegistrationWarning"]


class StrategyRegistrationWarning(RuntimeWarning):
    """exitcodes could not register its type strategies when Hypothesis was imported.

    The message names the exception. ``import hypothesis`` still succeeds, but
    ``st.from_type()`` does not know exitcodes' value classes in that process.
    """


def _lazy(build: Callable[[], Any]) -> Any:
    from hypothesis import strategies as st  # noqa: PLC0415

    return st.deferred(build)


def _strategies() -> Any:
    from exitcodes import strategies  # noqa: PLC0415 - imported on first draw

    return strategies


def _register() -> None:
    """Register the strategies; any failure propagates to the hook."""
    from hypothesis import strategies as st  # noqa: PLC0415

    import exitcodes  # noqa: PLC0415

    # Every class is loaded before anything is registered: all of them, or none.
    outcome, version, profile = exitcodes.ExitOutcome, exitcodes.Version, exitcodes.Profile
    classification, resolution = exitcodes.Classification, exitcodes.Resolution

    def any_profile(name: str) -> Any:
        def build() -> Any:
            module = _strategies()
            factory = getattr(module, name)
            return module.profiles().flatmap(lambda profile: factory(profile=profile))

        return _lazy(build)

    st.register_type_strategy(outcome, st.sampled_from(outcome))
    st.register_type_strategy(version, _lazy(lambda: _strategies().versions()))
    st.register_type_strategy(profile, _lazy(lambda: _strategies().profiles()))
    st.register_type_strategy(classification, any_profile("classifications"))
    st.register_type_strategy(resolution, any_profile("resolutions"))
    # Scenario registers itself in exitcodes.strategies: importing that module here could
    # run while it is half-imported (it imports Hypothesis, which runs this hook).


def _describe(exc: BaseException) -> str:
    """``TypeName: message`` of *exc*, even when its ``__str__`` raises."""
    name = type(exc).__name__
    try:
        text = str(exc)
    except Exception:  # a hostile __str__ must not escape either
        return name
    return f"{name}: {text}" if text else name


def _hypothesis_setup_hook() -> None:
    """Register type strategies for exitcodes' value classes with Hypothesis.

    Never raises (it runs inside ``import hypothesis``): a failure is reported as a
    :class:`StrategyRegistrationWarning`, or, where warnings are errors, as one line
    on standard error.
    """
    try:
        _register()
    except Exception as exc:  # whatever broke, import hypothesis must not
        message = (
            f"exitcodes could not register its Hypothesis type strategies ({_describe(exc)});"
            " st.from_type() will not draw exitcodes' value classes in this process"
        )
        try:
            warnings.warn(message, StrategyRegistrationWarning, stacklevel=1)
        except Exception:  # warnings are errors here (-W error): say it without raising
            with contextlib.suppress(Exception):  # no stderr either: nothing else to try
                sys.stderr.write(f"{StrategyRegistrationWarning.__name__}: {message}\n")
