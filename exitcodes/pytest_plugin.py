"""The pytest plugin: an ``exit_semantics`` fixture and an ``exitcodes_profile`` marker.

Installed with the package and loaded by pytest through the ``pytest11`` entry point
named ``exitcodes``; disable it with ``-p no:exitcodes``. It is thin on purpose:
importing it imports neither Hypothesis nor :mod:`exitcodes.strategies`; the
fixtures import them when a test asks for them.

.. code-block:: python

    import pytest

    @pytest.mark.exitcodes_profile("docker@28.2.2")
    def test_wrapper_follows_docker(exit_semantics):
        exit_semantics(my_wrapper.exit_code, commands=["run"])
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from exitcodes.profiles import Profile
    from exitcodes.testing import ExitSemanticsCheck

__all__ = ["exit_semantics", "exitcodes_profile", "pytest_configure"]

MARKER = "exitcodes_profile"


def pytest_configure(config: pytest.Config) -> None:
    """Register the ``exitcodes_profile`` marker (so ``--strict-markers`` accepts it)."""
    config.addinivalue_line(
        "markers",
        f"{MARKER}(spec): the profile the exit_semantics fixture checks against, as"
        " ENGINE[@VERSION][/DAEMON[@VERSION]][:PLATFORM] ('docker@28.2.2') or an exitcodes"
        " Profile.",
    )


@pytest.fixture
def exitcodes_profile(request: pytest.FixtureRequest) -> Profile:
    """The profile of the closest ``exitcodes_profile`` marker, else the newest Docker."""
    from exitcodes import profiles  # noqa: PLC0415 - imported when used
    from exitcodes.errors import describe  # noqa: PLC0415

    marker = request.node.get_closest_marker(MARKER)
    if marker is None:
        return profiles.docker()
    if marker.kwargs or len(marker.args) != 1:
        pytest.fail(
            f"@pytest.mark.{MARKER} takes one profile spec such as 'docker@28.2.2',"
            f" got args={describe(marker.args)} kwargs={describe(marker.kwargs)}",
            pytrace=False,
        )
    spec = marker.args[0]
    if isinstance(spec, profiles.Profile):
        return spec
    try:
        return profiles.from_spec(spec)
    except (TypeError, ValueError) as exc:
        # describe(): a hostile spec's own __repr__ must not hide the error.
        pytest.fail(f"@pytest.mark.{MARKER}({describe(spec)}): {exc}", pytrace=False)


@pytest.fixture
def exit_semantics(exitcodes_profile: Profile) -> ExitSemanticsCheck:
    """:func:`exitcodes.testing.check_exit_semantics`, bound to the marker's profile.

    Call it with the function under test: ``exit_semantics(func, commands=["run"])``.
    """
    from exitcodes.testing import ExitSemanticsCheck  # noqa: PLC0415 - imports Hypothesis

    return ExitSemanticsCheck(exitcodes_profile)
