"""exitcodes.testing: the check catches wrong exit codes and explains them."""

from __future__ import annotations

import doctest
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from hypothesis.errors import InvalidArgument

from exitcodes import Engine, profiles, resolve
from exitcodes.strategies import Scenario
from exitcodes.testing import (
    ExitSemanticsCheck,
    ExitSemanticsError,
    check_exit_semantics,
)

DOCS = Path(__file__).resolve().parent.parent / "docs"
CLI_28 = profiles.docker("28.2.2")


def reference(scenario: Scenario) -> int:
    """A tool that asks the library: always right."""
    return resolve(scenario.command, **scenario.resolve_kwargs()).exit_code


NOT_FOUND = ("executable file not found", "no such file or directory")


def buggy(scenario: Scenario) -> int:
    """A wrapper that maps "is a directory" to 127 (docker says 126)."""
    if scenario.error is not None and "is a directory" in scenario.error:
        return 127
    return reference(scenario)


@pytest.mark.parametrize(
    "profile",
    [
        profiles.docker(),
        profiles.docker("20.10.24"),
        profiles.docker(platform="windows"),
        profiles.podman(),
        profiles.nerdctl(),
    ],
    ids=str,
)
def test_the_library_itself_passes(profile: Any) -> None:
    check_exit_semantics(reference, profile=profile, max_examples=60)


def test_a_wrong_mapping_is_caught_with_a_readable_counterexample() -> None:
    with pytest.raises(ExitSemanticsError) as caught:
        check_exit_semantics(buggy, profile=CLI_28, commands=["run"], max_examples=300)
    error = caught.value
    assert isinstance(error, AssertionError)
    assert error.got == 127
    assert error.expected == 126
    assert error.profile == CLI_28
    assert error.rule in ("docker-cli/is-a-directory", "docker-cli/permission-denied")
    assert "is a directory" in (error.scenario.error or "")
    text = str(error)
    first = text.splitlines()[0]
    assert first.startswith("docker run") and "exits 126 under docker 28.2.2 on linux" in first
    assert "but the function returned 127." in first
    for label in ("situation:", "error:", "expected:  126", "got:       127", "rule:", "source:"):
        assert label in text
    assert "reproduce: exitcodes.resolve('run'" in text
    assert not getattr(error, "__notes__", None)


def test_the_shrunk_counterexample_is_the_plain_runc_line() -> None:
    with pytest.raises(ExitSemanticsError) as caught:
        check_exit_semantics(buggy, profile=CLI_28, commands=["run"], phases=["start"])
    assert caught.value.scenario.error == 'exec: "/etc": is a directory'
    assert caught.value.rule == "docker-cli/is-a-directory"


def test_an_exception_in_the_function_is_reported() -> None:
    def broken(scenario: Scenario) -> int:
        # Raises for every scenario, so the failure reported can only be the exception
        # (reading wait["StatusCode"] also answers wrongly for some, which Hypothesis
        # may report instead).
        raise KeyError(f"no StatusCode for {scenario.command}")

    with pytest.raises(ExitSemanticsError) as caught:
        check_exit_semantics(broken, max_examples=100)
    error = caught.value
    assert isinstance(error.got, Exception)
    assert error.__cause__ is error.got
    assert "the function raised" in str(error).splitlines()[0]


@pytest.mark.parametrize("result", [None, "0", True, 0.0])
def test_a_non_int_is_a_failure(result: object) -> None:
    with pytest.raises(ExitSemanticsError, match="but the function returned"):
        check_exit_semantics(lambda s: result, max_examples=20)


def test_a_status_left_for_the_kernel_to_truncate_gets_a_hint() -> None:
    def untruncated(scenario: Scenario) -> int:
        wait = scenario.wait
        plain_run = scenario.command == "run" and not scenario.error and not scenario.detach
        if plain_run and isinstance(wait, dict) and not wait.get("Error"):
            status = int(wait["StatusCode"])
            if not 0 <= status <= 255:
                return status
        return reference(scenario)

    with pytest.raises(ExitSemanticsError, match="a POSIX kernel would truncate it"):
        check_exit_semantics(untruncated, commands=["run"], phases=(), max_examples=300)


def test_the_function_gets_its_own_copy() -> None:
    def vandal(scenario: Scenario) -> int:
        code = reference(scenario)
        if isinstance(scenario.wait, dict):
            scenario.wait.clear()
        return code

    check_exit_semantics(vandal, max_examples=50)


def test_the_error_pickles() -> None:
    with pytest.raises(ExitSemanticsError) as caught:
        check_exit_semantics(buggy, profile=CLI_28, commands=["run"], max_examples=300)
    again = pickle.loads(pickle.dumps(caught.value))
    assert str(again) == str(caught.value)


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"func": 3}, "func must be callable"),
        ({"max_examples": 0}, "max_examples must be a positive int"),
        ({"max_examples": True}, "max_examples must be a positive int"),
        ({"commands": ["rn"]}, "unknown"),
        ({"phases": "start"}, "collection of names"),
        ({"profile": "docker@28.2.2"}, "profile must be"),
    ],
)
def test_bad_arguments(kwargs: dict[str, Any], fragment: str) -> None:
    func = kwargs.pop("func", reference)
    with pytest.raises(InvalidArgument, match=fragment):
        check_exit_semantics(func, **kwargs)


def test_the_bound_check() -> None:
    check = ExitSemanticsCheck(profiles.podman("4.3.1"))
    assert check.profile.engine is Engine.PODMAN
    check(reference, commands=["run", "exec"], max_examples=30)
    with pytest.raises(ExitSemanticsError, match=r"under podman 4\.3\.1"):
        check(lambda s: 0, max_examples=50)


def test_plain_python_without_pytest(tmp_path: Path) -> None:
    script = tmp_path / "wrapper_check.py"
    script.write_text(
        textwrap.dedent(
            """
            import sys
            from exitcodes.testing import ExitSemanticsError, check_exit_semantics

            def exit_code(scenario):
                if scenario.error is not None and "is a directory" in scenario.error:
                    return 127
                return 0

            try:
                check_exit_semantics(exit_code, commands=["run"], max_examples=200)
            except ExitSemanticsError as error:
                print(str(error).splitlines()[0])
            assert "pytest" not in sys.modules
            """
        )
    )
    out = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert out.stdout.startswith("docker run")
    assert "but the function returned" in out.stdout
    assert not (tmp_path / ".hypothesis" / "examples").exists()  # no example database


def test_the_docs_example_runs_and_catches_the_bug() -> None:
    page = DOCS / "testing.md"
    text = page.read_text()
    assert "ExitSemanticsError: docker run exits 126" in text
    result = doctest.testfile(
        str(page),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        verbose=False,
    )
    assert result.attempted >= 5
    assert result.failed == 0
