"""The shared parts of exitcodes.policies: documents, decisions, OpenTelemetry attributes."""

from __future__ import annotations

import sys

import pytest

from exitcodes.errors import InvalidArgumentError
from exitcodes.policies import PolicyDecision, System, Verdict, evaluate_systemd, load_document


def test_load_document_json_and_yaml() -> None:
    assert load_document('{"attempts": 2}') == {"attempts": 2}
    pytest.importorskip("yaml")
    text = "rules:\n- action: FailJob\n  onExitCodes: {operator: In, values: [42]}\n"
    assert load_document(text) == {
        "rules": [{"action": "FailJob", "onExitCodes": {"operator": "In", "values": [42]}}]
    }
    with pytest.raises(InvalidArgumentError, match="neither JSON nor YAML"):
        load_document("a: [1\n")


def test_load_document_without_pyyaml(monkeypatch: pytest.MonkeyPatch) -> None:
    # PyYAML is not a runtime dependency: without it, YAML text is refused with a reason.
    monkeypatch.setitem(sys.modules, "yaml", None)
    assert load_document("[1]") == [1]
    with pytest.raises(InvalidArgumentError, match="YAML needs PyYAML"):
        load_document("rules: []")
    with pytest.raises(InvalidArgumentError):
        load_document(b"{}")  # type: ignore[arg-type]


def test_decision_dict_and_otel() -> None:
    decision = evaluate_systemd({"Restart": "on-failure"}, "SIGKILL")
    assert decision.to_dict()["signal"] == "SIGKILL"
    attributes = decision.to_otel_attributes()
    assert attributes["error.type"] == "SIGKILL"
    assert "process.exit.code" not in attributes
    timeout = evaluate_systemd({"Restart": "on-failure"}, None, cause="timeout")
    assert timeout.to_otel_attributes()["error.type"] == "_OTHER"
    success = PolicyDecision(
        System.GITLAB_CI, Verdict.SUCCESS, "success", "ok", "src", exit_code=0, rule=1, delay=0.5
    )
    attributes = success.to_otel_attributes()
    assert "error.type" not in attributes
    assert (attributes["exitcodes.policy.rule"], attributes["exitcodes.policy.delay"]) == (1, 0.5)
