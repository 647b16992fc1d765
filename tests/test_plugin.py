"""The pytest plugin: fixture, marker, laziness and ``-p no:exitcodes``, run with pytester."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import hypothesis
import pytest

import exitcodes.testing

pytest_plugins = ["pytester"]

# Imported once here: pytester's in-process runs restore sys.modules afterwards, so
# whatever they import first is imported again, and Hypothesis takes seconds to import.
assert hypothesis.__version__ and exitcodes.testing.__name__

DOCS = Path(__file__).resolve().parent.parent / "docs"

REFERENCE = """
from exitcodes import resolve


def reference(scenario):
    return resolve(scenario.command, **scenario.resolve_kwargs()).exit_code


def buggy(scenario):
    if scenario.error is not None and "is a directory" in scenario.error:
        return 127
    return reference(scenario)
"""


@pytest.fixture
def site(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A directory whose dist-info declares the plugin's ``pytest11`` entry point.

    The test runs therefore load the plugin exactly as an installed package does, whether
    or not the package in this environment was installed with its entry points.
    """
    monkeypatch.delenv("PYTEST_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    root = tmp_path_factory.mktemp("site")
    info = root / "exitcodes_plugin_under_test-0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: exitcodes-plugin-under-test\nVersion: 0\n"
    )
    (info / "entry_points.txt").write_text("[pytest11]\nexitcodes = exitcodes.pytest_plugin\n")
    return root


@pytest.fixture
def tester(pytester: pytest.Pytester, site: Path) -> pytest.Pytester:
    pytester.syspathinsert(site)
    pytester.makepyfile(reference_tool=REFERENCE)
    return pytester


def test_the_fixture_checks_a_correct_function(tester: pytest.Pytester) -> None:
    tester.makepyfile(
        """
        from reference_tool import reference

        def test_follows_docker(exit_semantics):
            exit_semantics(reference, max_examples=30)
        """
    )
    tester.runpytest("--strict-markers").assert_outcomes(passed=1)


def test_the_marker_chooses_the_profile(tester: pytest.Pytester) -> None:
    tester.makepyfile(
        """
        import pytest
        from exitcodes import profiles
        from reference_tool import reference

        @pytest.mark.exitcodes_profile("docker@20.10.24:windows")
        def test_spec(exit_semantics, exitcodes_profile):
            assert exitcodes_profile == profiles.docker("20.10.24", platform="windows")
            assert exit_semantics.profile == exitcodes_profile
            exit_semantics(reference, commands=["run"], max_examples=20)

        @pytest.mark.exitcodes_profile(profiles.podman("4.3.1"))
        def test_profile_object(exit_semantics):
            assert exit_semantics.profile == profiles.podman("4.3.1")

        def test_default(exitcodes_profile):
            assert exitcodes_profile == profiles.docker()

        @pytest.mark.exitcodes_profile("docker@28.2.2")
        class TestOnAClass:
            def test_inherited(self, exitcodes_profile):
                assert str(exitcodes_profile) == "docker 28.2.2 on linux"
        """
    )
    tester.runpytest("--strict-markers").assert_outcomes(passed=4)


def test_a_wrong_exit_code_fails_with_the_counterexample(tester: pytest.Pytester) -> None:
    tester.makepyfile(
        """
        import pytest
        from reference_tool import buggy

        @pytest.mark.exitcodes_profile("docker@28.2.2")
        def test_follows_docker(exit_semantics):
            exit_semantics(buggy, commands=["run"], phases=["start"])
        """
    )
    result = tester.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "*ExitSemanticsError: docker run exits 126 under docker 28.2.2 on linux,"
            " but the function returned 127.",
            "*error:*is a directory*",
            "*rule:*docker-cli/is-a-directory*",
        ]
    )


@pytest.mark.parametrize(
    ("marker", "message"),
    [
        ('"rkt@1.0"', "unknown engine"),
        ('"docker@banana"', "cannot parse version"),
        ("", "takes one profile spec"),
        ('"docker", "podman"', "takes one profile spec"),
        ('spec="docker"', "takes one profile spec"),
    ],
)
def test_a_bad_marker_is_an_error(tester: pytest.Pytester, marker: str, message: str) -> None:
    tester.makepyfile(
        f"""
        import pytest

        @pytest.mark.exitcodes_profile({marker})
        def test_bad(exit_semantics):
            pass
        """
    )
    result = tester.runpytest()
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines([f"*{message}*"])


def test_the_marker_is_registered(tester: pytest.Pytester) -> None:
    result = tester.runpytest("--markers")
    result.stdout.fnmatch_lines(["@pytest.mark.exitcodes_profile(spec)*"])


def test_the_plugin_can_be_disabled(tester: pytest.Pytester) -> None:
    tester.makepyfile(
        """
        def test_needs_the_fixture(exit_semantics):
            pass
        """
    )
    result = tester.runpytest("-p", "no:exitcodes")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(["*fixture 'exit_semantics' not found*"])


def test_the_plugin_imports_nothing_heavy_until_used(
    pytester: pytest.Pytester, site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package_root = Path(exitcodes.testing.__file__).resolve().parent.parent
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(site), str(package_root)]))
    pytester.makepyfile(
        """
        import sys

        def test_unused():
            assert "exitcodes.pytest_plugin" in sys.modules
            assert "exitcodes.strategies" not in sys.modules
            assert "exitcodes.testing" not in sys.modules

        def test_used(exit_semantics):
            assert "exitcodes.strategies" in sys.modules
        """
    )
    result = pytester.runpytest_subprocess("-p", "no:randomly", "-p", "no:hypothesispytest")
    result.assert_outcomes(passed=2)


def test_importing_the_plugin_imports_no_hypothesis() -> None:
    code = (
        "import sys, exitcodes.pytest_plugin\n"
        "assert 'hypothesis' not in sys.modules\n"
        "assert 'exitcodes.strategies' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_the_pytest_example_of_the_docs(tester: pytest.Pytester) -> None:
    text = (DOCS / "testing.md").read_text()
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.DOTALL)
    (example,) = [block for block in blocks if "exitcodes_profile(" in block]
    tester.makepyfile(
        my_ci=textwrap.dedent(
            """
            NOT_FOUND = (
                "executable file not found",
                "no such file or directory",
                "system cannot find the file specified",
            )
            CANNOT_INVOKE = ("permission denied", "is a directory")

            def ci_exit_code(scenario):
                if scenario.error is not None:
                    if any(text in scenario.error for text in NOT_FOUND):
                        return 127
                    if any(text in scenario.error for text in CANNOT_INVOKE):
                        return 126
                    return 125
                if scenario.detach:
                    return 0
                if scenario.wait.get("Error"):
                    return 125
                return scenario.wait["StatusCode"] & 0xFF
            """
        ),
        test_ci_exit_codes=example,
    )
    tester.runpytest("--strict-markers").assert_outcomes(passed=1)


# --- the Hypothesis entry point never breaks ``import hypothesis`` ----------------------

# Issue 14, item 13: "An import failure in the Hypothesis entry point would break
# `import hypothesis` for unrelated projects: make the hook unable to raise."
# Reproduction: a copy of the package whose exitcodes.outcome fails to import, first on
# sys.path, then `import hypothesis` (which runs every `hypothesis` entry point).
POISONS = {
    "ImportError": 'raise ImportError("exitcodes.outcome poisoned by the test")\n',
    "RuntimeError": 'raise RuntimeError("exitcodes.outcome poisoned by the test")\n',
    "hostile __str__": (
        "class Hostile(Exception):\n"
        "    def __str__(self):\n"
        '        raise ValueError("no text either")\n'
        "raise Hostile()\n"
    ),
}

AFTER_POISON = """
import hypothesis  # runs the entry points: exitcodes' hook, then another plugin's
from hypothesis import given, settings, strategies as st

import other_plugin

assert other_plugin.CALLS == 1, "the next entry point did not run"


@settings(max_examples=5, database=None)
@given(st.integers())
def check(number):
    assert isinstance(number, int)


check()
print("ok")
"""


def _poisoned_site(root: Path, poison: str) -> Path:
    """A copy of the package with a failing ``exitcodes.outcome``, and two entry points."""
    import shutil

    package = Path(exitcodes.testing.__file__).resolve().parent
    shutil.copytree(package, root / "exitcodes", ignore=shutil.ignore_patterns("__pycache__"))
    (root / "exitcodes" / "outcome.py").write_text(poison)
    (root / "other_plugin.py").write_text(
        "CALLS = 0\ndef hook():\n    global CALLS\n    CALLS += 1\n"
    )
    info = root / "exitcodes_hook_under_test-0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: exitcodes-hook-under-test\nVersion: 0\n"
    )
    (info / "entry_points.txt").write_text(
        "[hypothesis]\n"
        "exitcodes = exitcodes._hypothesis_plugin:_hypothesis_setup_hook\n"
        "other = other_plugin:hook\n"
    )
    return root


def _import_hypothesis(site: Path, *python_options: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(site), "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("HYPOTHESIS_NO_PLUGINS", None)
    return subprocess.run(  # in *site*: ``-c`` puts the working directory first on sys.path
        [sys.executable, *python_options, "-c", AFTER_POISON],
        capture_output=True,
        text=True,
        env=env,
        cwd=site,
        check=False,
        timeout=120,
    )


@pytest.mark.parametrize("poison", sorted(POISONS))
def test_a_broken_exitcodes_does_not_break_import_hypothesis(tmp_path: Path, poison: str) -> None:
    site = _poisoned_site(tmp_path, POISONS[poison])
    result = _import_hypothesis(site)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
    assert "Traceback" not in result.stderr
    assert "StrategyRegistrationWarning: exitcodes could not register its Hypothesis" in (
        result.stderr
    )
    expected = {"hostile __str__": "(Hostile);"}.get(poison, f"({poison}: exitcodes.outcome")
    assert expected in result.stderr


def test_where_warnings_are_errors_the_hook_says_it_on_one_line(tmp_path: Path) -> None:
    site = _poisoned_site(tmp_path, POISONS["RuntimeError"])
    result = _import_hypothesis(
        site, "-W", "error::exitcodes._hypothesis_plugin.StrategyRegistrationWarning"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(
        "StrategyRegistrationWarning: exitcodes could not register its Hypothesis type"
        " strategies (RuntimeError: exitcodes.outcome poisoned by the test);"
    )


def test_the_warning_category_can_be_filtered(tmp_path: Path) -> None:
    site = _poisoned_site(tmp_path, POISONS["ImportError"])
    result = _import_hypothesis(
        site, "-W", "ignore::exitcodes._hypothesis_plugin.StrategyRegistrationWarning"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
    assert result.stderr == ""


def _broken_register() -> None:
    raise RuntimeError("exitcodes.outcome poisoned by the test")


def test_the_hook_warns_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    from exitcodes import _hypothesis_plugin as plugin

    monkeypatch.setattr(plugin, "_register", _broken_register)
    with pytest.warns(plugin.StrategyRegistrationWarning, match=r"\(RuntimeError: exitcodes"):
        plugin._hypothesis_setup_hook()


def test_the_hook_writes_one_line_where_warnings_are_errors(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import warnings

    from exitcodes import _hypothesis_plugin as plugin

    monkeypatch.setattr(plugin, "_register", _broken_register)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        plugin._hypothesis_setup_hook()
    err = capsys.readouterr().err
    assert err.startswith("StrategyRegistrationWarning: exitcodes could not register")
    assert err.count("\n") == 1


def test_the_hook_names_an_exception_whose_str_raises(monkeypatch: pytest.MonkeyPatch) -> None:
    from exitcodes import _hypothesis_plugin as plugin

    class Hostile(Exception):
        def __str__(self) -> str:
            raise ValueError("no text either")

    def register() -> None:
        raise Hostile

    monkeypatch.setattr(plugin, "_register", register)
    with pytest.warns(plugin.StrategyRegistrationWarning, match=r"strategies \(Hostile\);"):
        plugin._hypothesis_setup_hook()
