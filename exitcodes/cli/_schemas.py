"""The JSON Schemas of every subcommand's ``--json`` output."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from exitcodes._evidence import EvidenceKind
from exitcodes.cli import _compose, _diagnose, _policy
from exitcodes.outcome import ExitOutcome

# --------------------------------------------------------------------------- schemas

_NULLABLE_INT = {"type": ["integer", "null"]}
_NULLABLE_STR = {"type": ["string", "null"]}
_STRINGS = {"type": "array", "items": {"type": "string"}}

_DEFS: dict[str, Any] = {
    "classification": {
        "type": "object",
        "required": ["outcome", "exit_code", "signal", "rule", "reason", "kind", "status"],
        "additionalProperties": False,
        "properties": {
            "outcome": {"enum": [outcome.value for outcome in ExitOutcome]},
            "exit_code": _NULLABLE_INT,
            "signal": _NULLABLE_STR,
            "rule": {"type": "string"},
            "reason": {"type": "string"},
            "kind": {"enum": [kind.value for kind in EvidenceKind]},
            "status": _NULLABLE_INT,
        },
    },
    "cause": {
        "type": "object",
        "required": ["id", "title", "hint", "source", "outcomes", "matched", "score"],
        "additionalProperties": False,
        "properties": {
            "id": {"type": "string"},
            "title": {"type": "string"},
            "hint": {"type": "string"},
            "source": {"type": "string"},
            "outcomes": {
                "type": "array",
                "items": {"enum": [outcome.value for outcome in ExitOutcome]},
            },
            "matched": _STRINGS,
            "score": {"type": "integer"},
        },
    },
    "explanation": {
        "type": "object",
        "required": ["classification", "causes"],
        "additionalProperties": False,
        "properties": {
            "classification": {"$ref": "#/$defs/classification"},
            "causes": {"type": "array", "items": {"$ref": "#/$defs/cause"}},
        },
    },
    "resolution": {
        "type": "object",
        "required": ["exit_code", "outcome", "rule", "reason", "signal"],
        "additionalProperties": False,
        "properties": {
            "exit_code": {"type": "integer"},
            "outcome": {"enum": [outcome.value for outcome in ExitOutcome]},
            "rule": {"type": "string"},
            "reason": {"type": "string"},
            "signal": _NULLABLE_STR,
        },
    },
    "container": {
        "type": "object",
        "required": ["name", "id", "source", "note", "error", "explanation"],
        "additionalProperties": False,
        "properties": {
            "name": _NULLABLE_STR,
            "id": _NULLABLE_STR,
            "source": {"enum": ["docker", "kubernetes"]},
            "note": _NULLABLE_STR,
            "error": _NULLABLE_STR,
            "explanation": {"anyOf": [{"$ref": "#/$defs/explanation"}, {"type": "null"}]},
        },
    },
}


def _schema(name: str, root: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:exitcodes:cli:{name}",
        "title": f"exitcodes {name} --json",
        **root,
        "$defs": _DEFS,
    }


OUTPUT_SCHEMAS: Mapping[str, Mapping[str, Any]] = {
    "explain": _schema("explain", {"$ref": "#/$defs/explanation"}),
    "classify": _schema("classify", {"$ref": "#/$defs/classification"}),
    "resolve": _schema("resolve", {"$ref": "#/$defs/resolution"}),
    "inspect": _schema(
        "inspect",
        {
            "type": "object",
            "required": ["containers"],
            "additionalProperties": False,
            "properties": {"containers": {"type": "array", "items": {"$ref": "#/$defs/container"}}},
        },
    ),
    "diagnose": _schema("diagnose", _diagnose.SCHEMA),
    "policy": _schema("policy", _policy.SCHEMA),
    "compose": _schema("compose", _compose.SCHEMA),
    "why": _schema(
        "why",
        {
            "type": "object",
            "required": ["command", "exit_code", "started", "signal", "error", "explanation"],
            "additionalProperties": False,
            "properties": {
                "command": _STRINGS,
                "exit_code": {"type": "integer"},
                "started": {"type": "boolean"},
                "signal": _NULLABLE_STR,
                "error": _NULLABLE_STR,
                "explanation": {"anyOf": [{"$ref": "#/$defs/explanation"}, {"type": "null"}]},
            },
        },
    ),
}
"""The JSON Schema (draft 2020-12) of each subcommand's ``--json`` output, by name."""
