"""The rules as the Markdown table of the documentation."""

from __future__ import annotations

from collections.abc import Sequence

from exitcodes.engines.compose._model import VERIFIED_VERSIONS, Rule
from exitcodes.engines.compose._rows import RULES


def render_rules_table(rules: Sequence[Rule] = RULES) -> str:
    """The rows of *rules* as a Markdown table (the docs' version table)."""

    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    def versions(rule: Rule) -> str:
        if rule.until is None:
            return "all v2" if rule.since is None else f"since {rule.since}"
        if rule.since is None:
            return f"before {rule.until}"
        return f"{rule.since} to before {rule.until}"

    def on_binaries(rule: Rule) -> str:
        return ", ".join(str(v) for v in VERIFIED_VERSIONS if rule.applies_to(v))

    lines = [
        "| rule | command | situation | exit code | versions | shown on | source |",
        "|---|---|---|---|---|---|---|",
    ]
    for rule in rules:
        lines.append(
            "| "
            + " | ".join(
                cell(x)
                for x in (
                    f"`{rule.id}`",
                    rule.command,
                    rule.situation,
                    rule.outcome,
                    versions(rule),
                    on_binaries(rule) if rule.verified else "(source)",
                    rule.source,
                )
            )
            + " |"
        )
    return "\n".join(lines) + "\n"
