"""The wheel and the sdist as users get them, and the docs built with only the docs extra.

Issue 14, item 12: "No LICENSE file in the repository, wheel or sdist, though the metadata
says MIT. The sdist ships tests without `benchmarks/`, so its suite fails."
Item 13: "The `[docs]` extra lacks Hypothesis and pytest, so the API pages for strategies,
testing and the plugin build empty (10 warnings, exit 0: `-W` should have failed it)."

The distributions are built offline, ``python -m build --no-isolation`` (the sdist, then the
wheel from the sdist), with ``build`` and ``hatchling`` from the ``tests`` extra. Without
them, or without the docs extra for the docs test, these tests skip, except under
``CI=true``, where that is a failure.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from email.message import Message
from email.parser import HeaderParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"

# The MIT License as SPDX publishes it (https://spdx.org/licenses/MIT.html), after its
# "Copyright (c) <year> <copyright holders>" line.
MIT_BODY = """
Permission is hereby granted, free of charge, to any person obtaining a copy of this
software and associated documentation files (the "Software"), to deal in the Software
without restriction, including without limitation the rights to use, copy, modify, merge,
publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons
to whom the Software is furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED,
INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR
PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE
FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR
OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER
DEALINGS IN THE SOFTWARE.
"""

# Tracked files that are the repository's, not the package's: the CI entry point.
REPOSITORY_ONLY = (".ci/",)


def _require(*modules: str, extra: str) -> None:
    missing = [name for name in modules if importlib.util.find_spec(name) is None]
    if missing:
        reason = (
            f"the {extra} extra is not installed ({', '.join(missing)} missing):"
            f" python -m pip install -e '.[{extra}]'"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must run this test, but {reason}")
        pytest.skip(reason)


class Dists:
    """The wheel and the sdist of this checkout, built once for the module."""

    def __init__(self, out: Path) -> None:
        (self.wheel,) = out.glob("*.whl")
        (self.sdist,) = out.glob("*.tar.gz")
        self.sdist_root = self.sdist.name[: -len(".tar.gz")]

    def wheel_file(self, suffix: str) -> bytes:
        with zipfile.ZipFile(self.wheel) as wheel:
            (name,) = [name for name in wheel.namelist() if name.endswith(suffix)]
            return wheel.read(name)

    def sdist_names(self) -> set[str]:
        with tarfile.open(self.sdist) as sdist:
            prefix = self.sdist_root + "/"
            return {m.name.removeprefix(prefix) for m in sdist.getmembers() if m.isfile()}

    def sdist_file(self, name: str) -> bytes:
        with tarfile.open(self.sdist) as sdist:
            member = sdist.extractfile(f"{self.sdist_root}/{name}")
            assert member is not None, name
            return member.read()

    def metadata(self) -> Message:
        text = self.wheel_file(".dist-info/METADATA").decode("utf-8")
        return HeaderParser().parsestr(text)


@pytest.fixture(scope="module")
def dists(tmp_path_factory: pytest.TempPathFactory) -> Dists:
    _require("build", "hatchling", extra="tests")
    out = tmp_path_factory.mktemp("dist")
    # No --sdist/--wheel: build makes the sdist, then the wheel from the unpacked sdist.
    command = [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)]
    done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return Dists(out)


# --- LICENSE -------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


def test_the_license_is_mit_with_the_projects_copyright_holder(dists: Dists) -> None:
    metadata = dists.metadata()
    assert metadata["License-Expression"] == "MIT"
    assert metadata.get_all("License-File") == ["LICENSE"]
    assert "License :: OSI Approved :: MIT License" in metadata.get_all("Classifier", [])
    holder = metadata["Author"]  # pyproject: authors = [{ name = "The exitcodes developers" }]
    assert holder == "The exitcodes developers"

    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    title, blank, copyright_line, *body = text.splitlines()
    assert (title, blank) == ("MIT License", "")
    assert re.fullmatch(rf"Copyright \(c\) 20\d\d(-20\d\d)? {re.escape(holder)}", copyright_line)
    assert _words("\n".join(body)) == _words(MIT_BODY)


def test_the_wheel_and_the_sdist_ship_the_license(dists: Dists) -> None:
    license_text = (ROOT / "LICENSE").read_bytes()
    assert dists.wheel_file(".dist-info/licenses/LICENSE") == license_text
    assert dists.sdist_file("LICENSE") == license_text
    pkg_info = HeaderParser().parsestr(dists.sdist_file("PKG-INFO").decode("utf-8"))
    assert pkg_info.get_all("License-File") == ["LICENSE"]


# --- the sdist is a complete source tree ---------------------------------------------


def test_the_sdist_ships_every_tracked_file(dists: Dists) -> None:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: no list of tracked files to compare with")
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    tracked = {
        name
        for name in listed.split("\0")
        if name and not name.startswith(REPOSITORY_ONLY) and (ROOT / name).is_file()
    }
    missing = sorted(tracked - dists.sdist_names())
    assert missing == [], "tracked files the sdist leaves out (add them to its include)"


def test_the_sdists_own_test_suite_collects_and_runs(
    dists: Dists, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Unpacked, the sdist collects its whole suite and runs the benchmark's test.

    That test reads ``benchmarks/bench.py``, which the sdist of the issue lacked.
    """
    unpacked = tmp_path_factory.mktemp("sdist")
    with tarfile.open(dists.sdist) as sdist:
        if hasattr(tarfile, "data_filter"):  # Python 3.10.12+, 3.11.4+
            sdist.extractall(unpacked, filter="data")
        else:  # pragma: no cover - older patch releases
            sdist.extractall(unpacked)
    tree = unpacked / dists.sdist_root
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    env["PYTHONDONTWRITEBYTECODE"] = "1"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, *args],
            cwd=tree,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )

    where = run("-c", "import exitcodes; print(exitcodes.__file__)")
    assert Path(where.stdout.strip()).parent == tree / "exitcodes", where.stderr
    # -k keeps one test but collects them all: a collection error fails the run.
    done = run("-m", "pytest", "-q", "-p", "no:cacheprovider", "-k", "test_benchmarks_quick")
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert re.search(r"\b1 passed, \d+ deselected\b", output), output


# --- the docs extra is enough to build the docs --------------------------------------


def _docs_closure(dists: Dists) -> tuple[set[str], set[str]]:
    """The distributions ``.[docs]`` installs (normalized names), and those not installed."""
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    project = canonicalize_name(dists.metadata()["Name"])
    wanted: set[str] = {project}
    missing: set[str] = set()
    seen: set[tuple[str, frozenset[str]]] = set()
    requires = dists.metadata().get_all("Requires-Dist") or []
    queue = [(text, frozenset({"docs"})) for text in requires]
    while queue:
        text, extras = queue.pop()
        requirement = Requirement(text)
        marker = requirement.marker
        if marker is not None and not any(marker.evaluate({"extra": e}) for e in {"", *extras}):
            continue
        name = canonicalize_name(requirement.name)
        key = (name, frozenset(requirement.extras))
        if key in seen:
            continue
        seen.add(key)
        wanted.add(name)
        try:
            requires = importlib.metadata.distribution(name).requires or []
        except importlib.metadata.PackageNotFoundError:
            missing.add(name)
            continue
        queue.extend((child, frozenset(requirement.extras)) for child in requires)
    return wanted, missing


def _modules_outside(allowed: set[str]) -> set[str]:
    """The top-level modules of installed distributions that *allowed* does not name."""
    from packaging.utils import canonicalize_name

    allowed = {*allowed, "pip"}  # what a new venv holds
    return {
        module
        for module, names in importlib.metadata.packages_distributions().items()
        if not any(canonicalize_name(name) in allowed for name in names)
    }


# Runs sphinx-build as in a venv holding only the given distributions: the modules of the
# others are not found, as if they were not installed.
ONLY_RUNNER = """
import importlib.abc
import sys

BLOCKED = frozenset(sys.argv[1].split(","))


class NotInstalled(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


sys.meta_path.insert(0, NotInstalled())
from sphinx.cmd.build import main

sys.exit(main(sys.argv[2:]))
"""


def _sphinx_without(blocked: set[str], out: Path) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-c", ONLY_RUNNER, ",".join(sorted(blocked))]
    command += ["-n", "-W", "--keep-going", "-q", "-E", "-b", "html", str(DOCS), str(out)]
    # On an error Sphinx saves its traceback in a sphinx-err-*.log of the temp directory:
    # this test's own, not the machine's.
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "TMPDIR": str(out.parent)}
    return subprocess.run(
        command, capture_output=True, text=True, check=False, env=env, timeout=600
    )


def test_the_docs_build_with_only_the_docs_extra(dists: Dists, tmp_path: Path) -> None:
    _require("sphinx", "myst_parser", "furo", "hypothesis", extra="docs")
    wanted, missing = _docs_closure(dists)
    if missing:
        _require(*sorted(missing), extra="docs")  # names a missing distribution and stops
    assert {"sphinx", "myst-parser", "furo", "hypothesis", "pytest"} <= wanted
    blocked = _modules_outside(wanted)

    # Without Hypothesis (the docs extra of the issue), the build stops and says why...
    without = _sphinx_without({*blocked, "hypothesis"}, tmp_path / "without")
    assert without.returncode != 0
    assert "cannot be imported" in without.stderr
    assert "install the docs extra: python -m pip install -e '.[docs]'" in without.stderr

    # ... and with the docs extra, the whole site builds, nitpicky, without a warning.
    done = _sphinx_without(blocked, tmp_path / "html")
    assert done.returncode == 0, done.stderr + done.stdout
    assert done.stderr.strip() == "", done.stderr
    api = (tmp_path / "html" / "reference" / "api.html").read_text(encoding="utf-8")
    for name in (  # one entry of each page the issue found empty
        "exitcodes.strategies.scenarios",
        "exitcodes.testing.check_exit_semantics",
        "exitcodes.pytest_plugin.exit_semantics",
    ):
        assert f'id="{name}"' in api, name
