"""The Sphinx side of :mod:`exitcodes_tables`: directives that put generated text in a page.

* ``{exitcodes-table} NAME``: a table of :data:`exitcodes_tables.TABLES`
  (``docker``, ``podman``, ``nerdctl``, ``kubernetes``, ``behaviours``,
  ``docker-versions``, ``engines``), rendered from the rule tables at build time.
* ``{exitcodes-cli}``: the command-line reference, from the argparse parser.
* ``{toctree-if-present}``: a ``toctree`` whose entries written ``?name`` are kept
  only if the document exists, for pages that other work may add later.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import exitcodes_tables
from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.directives.other import TocTree
from sphinx.util.docutils import SphinxDirective
from sphinx.util.typing import OptionSpec

import exitcodes

_LIBRARY = sorted(str(path) for path in Path(exitcodes.__file__).parent.glob("*.py"))

__all__ = ["CliReference", "OptionalTocTree", "RuleTable", "register"]


def _note_sources(directive: SphinxDirective) -> None:
    """Rebuild the page when the library or the generator changes (incremental builds)."""
    for path in (*_LIBRARY, exitcodes_tables.__file__):
        directive.env.note_dependency(path)


class RuleTable(SphinxDirective):
    """``{exitcodes-table} NAME``: one generated table, parsed as Markdown."""

    required_arguments = 1
    has_content = False

    def run(self) -> list[nodes.Node]:
        """Render the table and parse it into the page."""
        name = self.arguments[0]
        if name not in exitcodes_tables.TABLES:
            raise self.error(
                f"unknown table {name!r}; expected one of {', '.join(exitcodes_tables.TABLES)}"
            )
        _note_sources(self)
        parsed = self.parse_text_to_nodes(exitcodes_tables.render_table(name))
        classes = ["exitcodes-table", f"exitcodes-{name}"]
        if name in ("docker", "podman", "nerdctl"):
            classes.append("exitcodes-engine")
        for node in parsed:
            for table in node.findall(nodes.table):
                table["classes"].extend(classes)
        return parsed


class CliReference(SphinxDirective):
    """``{exitcodes-cli}``: ``exitcodes --help`` and every subcommand's, one section each."""

    has_content = False
    option_spec: ClassVar[OptionSpec] = {"heading": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        """Build the parser now and parse its help into the page."""
        _note_sources(self)
        heading = str(self.options.get("heading", "##"))
        text = exitcodes_tables.render_cli_reference(heading=heading)
        return self.parse_text_to_nodes(text, allow_section_headings=True)


class OptionalTocTree(TocTree):
    """A ``toctree`` whose ``?name`` entries are dropped when the document does not exist."""

    def run(self) -> list[nodes.Node]:
        """Filter the optional entries, then build the toctree as usual."""
        kept = StringList()
        for index, line in enumerate(self.content):
            entry = line.strip()
            if entry.startswith("?"):
                entry = entry[1:].strip()
                if self._docname(entry) not in self.env.found_docs:
                    continue
            source, offset = self.content.info(index)
            kept.append(entry, source, offset or 0)
        self.content = kept
        return super().run()

    def _docname(self, entry: str) -> str | None:
        """The document an entry names, relative to the page with the toctree."""
        here = self.env.doc2path(self.env.docname).parent
        for suffix in self.config.source_suffix:
            docname = self.env.path2doc(str(here / f"{entry}{suffix}"))
            if docname is not None:
                return docname
        return None


def register(app: Sphinx) -> None:
    """Add the directives to *app*."""
    app.add_directive("exitcodes-table", RuleTable)
    app.add_directive("exitcodes-cli", CliReference)
    app.add_directive("toctree-if-present", OptionalTocTree)
    app.connect("builder-inited", _add_static)


def _add_static(app: Sphinx) -> None:
    """Ship the tables' stylesheet with the extension."""
    if app.builder.format == "html":
        app.config.html_static_path.append(str(Path(__file__).parent / "static"))
        app.add_css_file("exitcodes-tables.css")
