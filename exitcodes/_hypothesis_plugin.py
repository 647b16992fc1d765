"""Hypothesis' entry point: type strategies for the public value classes.

Hypothesis calls :func:`_hypothesis_setup_hook` when it is imported, through the
``hypothesis`` entry point, so that ``st.from_type(exitcodes.Classification)``
(and ``Resolution``, ``Profile``, ``Version``, ``ExitOutcome``) draws real values;
:class:`exitcodes.strategies.Scenario` is registered by its own module. The
strategies themselves are built on first use, so importing Hypothesis stays cheap.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__: list[str] = []


def _lazy(build: Callable[[], Any]) -> Any:
    from hypothesis import strategies as st  # noqa: PLC0415

    return st.deferred(build)


def _strategies() -> Any:
    from exitcodes import strategies  # noqa: PLC0415 - imported on first draw

    return strategies


def _hypothesis_setup_hook() -> None:
    """Register type strategies for exitcodes' value classes with Hypothesis."""
    from hypothesis import strategies as st  # noqa: PLC0415

    import exitcodes  # noqa: PLC0415

    def any_profile(name: str) -> Any:
        def build() -> Any:
            module = _strategies()
            factory = getattr(module, name)
            return module.profiles().flatmap(lambda profile: factory(profile=profile))

        return _lazy(build)

    st.register_type_strategy(exitcodes.ExitOutcome, st.sampled_from(exitcodes.ExitOutcome))
    st.register_type_strategy(exitcodes.Version, _lazy(lambda: _strategies().versions()))
    st.register_type_strategy(exitcodes.Profile, _lazy(lambda: _strategies().profiles()))
    st.register_type_strategy(exitcodes.Classification, any_profile("classifications"))
    st.register_type_strategy(exitcodes.Resolution, any_profile("resolutions"))
    # Scenario registers itself in exitcodes.strategies: importing that module here could
    # run while it is half-imported (it imports Hypothesis, which runs this hook).
