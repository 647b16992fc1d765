"""Sphinx configuration: MyST Markdown, furo, autodoc + napoleon; builds offline.

Build with ``sphinx-build -n -W -b html docs OUTDIR`` (nitpicky, warnings are
errors). Nothing is fetched: there is no intersphinx, and references to the
standard library and to third-party packages are listed in ``nitpick_ignore_regex``.
"""

from __future__ import annotations

import importlib
import inspect
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.domains.python import PythonDomain
    from sphinx.environment import BuildEnvironment

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# The source tree comes first, so the docs describe this checkout even when an older
# release is installed; _ext holds this project's own Sphinx extension.
sys.path[:0] = [str(ROOT), str(HERE / "_ext")]

import exitcodes  # noqa: E402

# The API reference documents these modules, which import Hypothesis and pytest. Without
# them autodoc would only warn and leave their sections empty: stop here and say why.
for _module in ("exitcodes.strategies", "exitcodes.testing", "exitcodes.pytest_plugin"):
    try:
        importlib.import_module(_module)
    except ImportError as _error:
        from sphinx.errors import ConfigError

        raise ConfigError(
            f"the API reference documents {_module}, which cannot be imported ({_error});"
            " install the docs extra: python -m pip install -e '.[docs]'"
        ) from _error

project = "exitcodes"
author = "The exitcodes developers"
copyright = "the exitcodes developers"
release = exitcodes.__version__
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
    "exitcodes_tables",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "_ext", "Thumbs.db", ".DS_Store"]
language = "en"

# --- MyST ---
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# --- autodoc + napoleon (Google style) ---
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_class_signature = "separated"
autodoc_preserve_defaults = True
# The rule tables are long tuples of rows: show their docstrings and types, not their reprs.
autodoc_default_options = {"no-value": True}
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_rtype = False
napoleon_attr_annotations = True

# Show ``ExitOutcome``, not ``exitcodes.outcome.ExitOutcome``, in signatures and types.
python_use_unqualified_type_names = True

# --- nitpicky without intersphinx: what lives outside this project is not linked ---
nitpicky = True
nitpick_ignore_regex = [
    # The standard library (no intersphinx: the build must not need the network).
    (
        r"py:.*",
        r"(_?signal|enum|collections\.abc|collections|typing|typing_extensions|argparse|"
        r"subprocess|re|os|io|pathlib|types|abc|builtins|_io|datetime|decimal)\..*",
    ),
    (r"py:mod", r"(?!exitcodes\b).*"),
    # Third-party packages in signatures and docstrings (pytest, Hypothesis, attrs).
    (r"py:.*", r"(hypothesis|pytest|_pytest|attrs|attr)\..*"),
    # Napoleon turns "Raises: InvalidArgument: ..." (Hypothesis's) into a reference.
    (r"py:exc", r"InvalidArgument"),
]

# --- HTML ---
html_theme = "furo"
html_title = f"exitcodes {release}"
html_static_path: list[str] = []
html_show_sourcelink = False


# --- two adjustments for docstrings written next to the code, as prose ---


def _no_inline_attribute_type(  # noqa: PLR0917 - the signature of the Sphinx event
    app: Sphinx, what: str, name: str, obj: object, options: Any, lines: list[str]
) -> None:
    """Keep napoleon from reading ``"Linux: statuses are ..."`` as the type ``Linux``.

    Google style lets an attribute's docstring start with ``TYPE: description``; this
    project's attribute and data docstrings are prose (their types come from the
    annotations). Napoleon reads the first non-blank line as ``TYPE: description``, so
    an empty reST comment is put first: it is that line, and it shows nothing.
    """
    if what in ("attribute", "data", "property") and any(line.strip() for line in lines):
        lines[:0] = ["..", ""]


def _import_dotted(name: str) -> object | None:
    """The object a dotted name refers to, importing what it needs, or ``None``."""
    parts = name.split(".")
    for split in range(len(parts), 0, -1):
        try:
            obj: object = importlib.import_module(".".join(parts[:split]))
        except ImportError:
            continue
        try:
            for attribute in parts[split:]:
                obj = getattr(obj, attribute)
        except AttributeError:
            return None
        return obj
    return None


_DOCUMENTED: dict[int, str] = {}


def _documented_name(domain: PythonDomain, obj: object) -> str | None:
    """Where *obj* (a function, class or module) is documented, by identity."""
    if not _DOCUMENTED:
        for name, entry in domain.objects.items():
            if entry.aliased or entry.objtype not in {"function", "class", "exception", "module"}:
                continue
            found = _import_dotted(name)
            if found is not None:
                _DOCUMENTED.setdefault(id(found), name)
    return _DOCUMENTED.get(id(obj))


def _documented_elsewhere(domain: PythonDomain, target: str) -> str | None:
    """The name *target* is documented under, when that is another name, else ``None``.

    *target* names a function or class (``exitcodes.explanation.explain``, documented as
    ``exitcodes.explain``), or a member of one (``exitcodes.profiles.Platform.DARWIN``,
    documented as ``exitcodes.Platform.DARWIN``).
    """
    found = _import_dotted(target)
    if found is not None and (inspect.isroutine(found) or inspect.isclass(found)):
        name = _documented_name(domain, found)
        return name if name is not None and name != target else None
    owner_name, _, member = target.rpartition(".")
    owner = _import_dotted(owner_name) if owner_name else None
    if found is None or not inspect.isclass(owner):
        return None
    documented_owner = _documented_name(domain, owner)
    if documented_owner is None or documented_owner == owner_name:
        return None
    name = f"{documented_owner}.{member}"
    return name if name in domain.objects else None


def _fallback_reference(
    app: Sphinx, env: BuildEnvironment, node: pending_xref, contnode: nodes.TextElement
) -> nodes.reference | None:
    """Resolve a Python reference to an object documented under another name.

    Two cases, both common in docstrings written next to the code: a re-exported
    function, or a member of a re-exported class, named where it is defined
    (``exitcodes.explanation.explain``, documented as ``exitcodes.explain``; Sphinx
    aliases classes this way, not functions or members), and a
    name relative to another module (``:attr:`ExitOutcome.SIGNALED``` in
    ``exitcodes.wrappers``), looked up by its dotted suffix as
    ``:attr:`.ExitOutcome.SIGNALED``` would be. Anything else, or anything ambiguous,
    keeps its nitpicky warning.
    """
    if node.get("refdomain") != "py" or node.hasattr("refspecific"):
        return None
    target = str(node["reftarget"])
    if not target[:1].isalpha():
        return None
    domain = cast("PythonDomain", env.get_domain("py"))
    assert app.builder is not None
    module = node.get("py:module")
    for candidate in (target, f"{module}.{target}" if module else None):
        name = _documented_elsewhere(domain, candidate) if candidate else None
        if name is not None:
            return domain.resolve_xref(
                env, node["refdoc"], app.builder, node["reftype"], name, node, contnode
            )
    if target.startswith("exitcodes."):
        return None
    matches = [name for name in domain.objects if name.endswith("." + target)]
    if len(matches) != 1:
        return None
    retry = node.deepcopy()
    retry["refspecific"] = True
    return domain.resolve_xref(
        env, node["refdoc"], app.builder, node["reftype"], target, retry, contnode
    )


def setup(app: Sphinx) -> None:
    """Connect the adjustments (before napoleon, which runs at the default priority)."""
    app.connect("autodoc-process-docstring", _no_inline_attribute_type, priority=100)
    app.connect("missing-reference", _fallback_reference)
