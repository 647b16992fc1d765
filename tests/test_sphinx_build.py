"""The documentation builds offline with ``sphinx-build -n -W``, and the build documents it all.

The build needs the ``docs`` extra (Sphinx, MyST, furo, and Hypothesis and pytest for the
API pages of the testing kit). Without it these tests skip, except under ``CI=true``,
where a missing Sphinx is a failure: CI must build the docs.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import subprocess
import sys
import textwrap
import zlib
from pathlib import Path

import pytest

import exitcodes
from exitcodes.rules import ALL_RULES

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
# The modules whose every public name (``__all__``) the API reference documents.
PUBLIC_MODULES = (
    "exitcodes.profiles",
    "exitcodes.rules",
    "exitcodes.kubernetes",
    "exitcodes.adapters",
    "exitcodes.explanation",
    "exitcodes.catalog",
    "exitcodes.conversions",
    "exitcodes.wrappers",
    "exitcodes.strategies",
    "exitcodes.testing",
    "exitcodes.pytest_plugin",
)


def _require_sphinx() -> None:
    missing = [
        name
        for name in ("sphinx", "myst_parser", "furo", "hypothesis")
        if importlib.util.find_spec(name) is None
    ]
    if missing:
        reason = (
            f"the docs extra is not installed ({', '.join(missing)} missing):"
            " python -m pip install -e '.[docs]'"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must build the documentation, but {reason}")
        pytest.skip(reason)


def _sphinx_build(source: Path, out: Path) -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable,
        "-m",
        "sphinx",
        "-n",  # nitpicky: every cross-reference must resolve
        "-W",  # warnings are errors
        "--keep-going",  # but report all of them
        "-q",
        "-E",
        "-b",
        "html",
        str(source),
        str(out),
    ]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        command, capture_output=True, text=True, check=False, env=env, timeout=600
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The HTML of the docs, built once for this module."""
    _require_sphinx()
    out = tmp_path_factory.mktemp("html")
    result = _sphinx_build(DOCS, out)
    assert result.returncode == 0, f"sphinx-build -n -W failed:\n{result.stderr}{result.stdout}"
    assert result.stderr.strip() == "", result.stderr
    return out


def _inventory(built: Path) -> set[str]:
    """The names in ``objects.inv`` (its zlib body: ``name domain:role prio uri dispname``)."""
    raw = (built / "objects.inv").read_bytes()
    header_end = 0
    for _ in range(4):  # four header lines, then the compressed body
        header_end = raw.index(b"\n", header_end) + 1
    body = zlib.decompress(raw[header_end:]).decode("utf-8")
    return {line.split(" ", 1)[0] for line in body.splitlines() if " py:" in line}


def test_docs_build_offline_nitpicky(built: Path) -> None:
    for page in ("index", "tutorial", "cookbook", "changelog"):
        assert (built / f"{page}.html").is_file(), page
    for page in ("semantics", "api", "cli"):
        assert (built / "reference" / f"{page}.html").is_file(), page


def test_semantics_page_has_every_rule(built: Path) -> None:
    html = (built / "reference" / "semantics.html").read_text(encoding="utf-8")
    missing = [rule.id for rule in ALL_RULES if rule.id not in html]
    assert missing == []


def test_every_public_name_is_in_the_api_reference(built: Path) -> None:
    documented = _inventory(built)
    missing = [
        f"exitcodes.{name}" for name in exitcodes.__all__ if f"exitcodes.{name}" not in documented
    ]
    for module_name in PUBLIC_MODULES:
        module = importlib.import_module(module_name)
        assert module_name in documented
        missing.extend(
            f"{module_name}.{name}"
            for name in module.__all__
            if f"{module_name}.{name}" not in documented
            and f"exitcodes.{name}" not in documented  # documented where the package exports it
        )
    assert missing == [], "public names without a documented entry (a docstring) on the API page"


def test_cli_reference_is_built_from_the_parser(built: Path) -> None:
    from exitcodes.cli import build_parser

    html = (built / "reference" / "cli.html").read_text(encoding="utf-8")
    assert "usage: exitcodes" in html
    parser = build_parser()
    for action in parser._actions:
        for option in action.option_strings:
            assert option in html


def test_a_changed_rule_changes_the_built_page(tmp_path: Path) -> None:
    """End to end: alter a row in memory, build a page with the directive, see the row."""
    _require_sphinx()
    source = tmp_path / "src"
    source.mkdir()
    (source / "conf.py").write_text(
        textwrap.dedent(
            f"""
            import sys
            sys.path[:0] = [{str(ROOT)!r}, {str(DOCS / "_ext")!r}]
            import attrs
            import exitcodes.rules

            exitcodes.rules.MESSAGE_RULES = tuple(
                attrs.evolve(rule, summary="Changed in conf.py, nowhere else.", exit_code=99)
                if rule.id == "docker-cli/permission-denied"
                else rule
                for rule in exitcodes.rules.MESSAGE_RULES
            )
            extensions = ["myst_parser", "exitcodes_tables"]
            exclude_patterns = ["_build"]
            """
        ),
        encoding="utf-8",
    )
    (source / "index.md").write_text(
        "# Rules\n\n```{exitcodes-table} docker\n```\n", encoding="utf-8"
    )
    result = _sphinx_build(source, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    row = html[html.index("Changed in conf.py") :]
    row = row[: row.index("</tr>")]
    assert "docker-cli/permission-denied" in row
    assert ">99<" in row
    assert "The error says permission denied, which docker run reports" not in html
