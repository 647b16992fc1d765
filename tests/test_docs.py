"""Every example in the README, the docs and the docstrings runs here."""

from __future__ import annotations

import doctest
import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import pytest

import exitcodes

ROOT = Path(__file__).resolve().parent.parent
# Every Markdown page of the docs, reference pages included (MyST directive blocks hold
# no ``>>>`` lines, except the API page's examples, which run here like the others).
PAGES = [
    ROOT / "README.md",
    *sorted(path for path in (ROOT / "docs").rglob("*.md") if "_build" not in path.parts),
]
MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(exitcodes.__path__, "exitcodes.")
    if not info.name.endswith("__main__")
)
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_markdown_examples(page: Path) -> None:
    result = doctest.testfile(str(page), module_relative=False, optionflags=FLAGS, verbose=False)
    assert result.failed == 0


@pytest.mark.parametrize("name", ["exitcodes", *MODULES])
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=FLAGS, verbose=False)
    assert result.failed == 0


API_PAGE = ROOT / "docs" / "reference" / "api.md"
_DIRECTIVE = re.compile(r"^(?P<indent> *)\.\. (?:auto\w+|py:\w+):: (?P<target>\S+)\s*$")


def _api_entries() -> dict[str, str]:
    """Each object the API page documents, with the content of its directive."""
    entries: dict[str, str] = {}
    lines = API_PAGE.read_text(encoding="utf-8").splitlines()
    module = "exitcodes"
    for index, line in enumerate(lines):
        current = re.match(r"^ *\.\. (?:py:currentmodule|automodule):: (\S+)", line)
        if current:
            module = current.group(1)
        found = _DIRECTIVE.match(line)
        if not found:
            continue
        target = found.group("target")
        if not target.startswith("exitcodes"):
            target = f"{module}.{target}"
        indent = len(found.group("indent"))
        body = []
        for following in lines[index + 1 :]:
            if following.strip() and (len(following) - len(following.lstrip())) <= indent:
                break
            body.append(following)
        entries[target] = "\n".join(body)
    return entries


@pytest.mark.parametrize("name", exitcodes.__all__)
def test_public_name_is_on_the_api_page_with_an_example(name: str) -> None:
    entries = _api_entries()
    target = f"exitcodes.{name}"
    assert target in entries, f"{target} is not documented in {API_PAGE.name}"
    obj = getattr(exitcodes, name)
    docstring = "" if isinstance(obj, str) else (inspect.getdoc(obj) or "")
    assert docstring or entries[target].strip(), f"{target} has no docstring"
    assert ">>>" in docstring or ">>>" in entries[target], f"{target} has no >>> example"
