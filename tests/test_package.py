"""The package as users meet it: public names, import cost, version."""

from __future__ import annotations

import subprocess
import sys

import exitcodes


def test_all_is_sorted_and_exported() -> None:
    assert list(exitcodes.__all__) == sorted(exitcodes.__all__)
    for name in exitcodes.__all__:
        assert getattr(exitcodes, name) is not None


def test_every_public_name_has_a_docstring() -> None:
    for name in exitcodes.__all__:
        if name == "__version__":
            continue
        assert (getattr(exitcodes, name).__doc__ or "").strip(), name
    for member in exitcodes.ExitOutcome:
        assert member.__doc__ and member.__doc__ != exitcodes.ExitOutcome.__doc__


def test_version_from_metadata() -> None:
    from importlib.metadata import version

    assert exitcodes.__version__ == version("container-exitcodes")


def test_import_is_light() -> None:
    code = (
        "import sys, exitcodes\n"
        "heavy = {'hypothesis', 'pytest', 'docker', 'podman', 'kubernetes', 'aiodocker',"
        " 'python_on_whales', 'importlib.metadata'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_outcome_values_are_stable() -> None:
    assert [o.value for o in exitcodes.ExitOutcome] == [
        "success",
        "command_failed",
        "signaled",
        "oom_killed",
        "cannot_invoke",
        "not_found",
        "engine_error",
        "usage_error",
        "status_unknown",
    ]
