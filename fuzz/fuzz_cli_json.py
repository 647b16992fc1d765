"""Fuzz the command line's JSON readers: ``exitcodes classify -`` and ``resolve``'s options.

``exitcodes.cli.main`` must return an exit status for any input, never raise, and
never report an internal error (status 70, EX_SOFTWARE: a bug by its own definition).

Run ``python fuzz/fuzz_cli_json.py -max_total_time=60`` (atheris) or
``python fuzz/fuzz_cli_json.py --plain --seconds 60``; see ``fuzz/_common.py``.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import INSTRUMENT, Provider, as_json, atheris, document, junk, main, text

if INSTRUMENT:
    with atheris.instrument_imports(include=["exitcodes"]):
        from exitcodes.cli import main as cli_main
else:
    from exitcodes.cli import main as cli_main

INTERNAL_ERROR = 70  # EX_SOFTWARE: exitcodes.cli reports its own bugs with it


def payload(data: Provider) -> str:
    """JSON text (valid or broken), a number, or any text."""
    choice = data.ConsumeIntInRange(0, 4)
    if choice == 0:
        return as_json(document(data))
    if choice == 1:
        return as_json({"State": document(data)})
    if choice == 2:
        raw = as_json(junk(data))
        cut = data.ConsumeIntInRange(0, len(raw))
        return raw[:cut] if data.ConsumeBool() else raw
    if choice == 3:
        return str(data.ConsumeInt(data.ConsumeIntInRange(1, 24)))
    return text(data)


def arguments(data: Provider, value: str) -> list[str]:
    """The command line that reads *value*: from stdin, or as a resolve option."""
    json_flag = ["--json"] if data.ConsumeBool() else []
    choice = data.ConsumeIntInRange(0, 5)
    if choice <= 1:
        return ["classify", *json_flag, "-"]
    if choice == 2:
        return ["resolve", "run", *json_flag, "--wait", value]
    if choice == 3:
        return ["resolve", "run", *json_flag, "--state", value, "--wait", "0"]
    if choice == 4:
        return ["resolve", "exec", *json_flag, "--exec-inspect", value]
    return ["resolve", "wait", *json_flag, "--wait", value, "--wait", payload(data)]


def test_one_input(data: Provider) -> None:
    """Run the CLI on one input; raise on an exception or an internal error."""
    value = payload(data)
    argv = arguments(data, value)
    stdout, stderr = io.StringIO(), io.StringIO()
    status = cli_main(argv, stdin=io.StringIO(value), stdout=stdout, stderr=stderr)
    if not isinstance(status, int) or status == INTERNAL_ERROR:
        raise AssertionError(f"status {status!r} for {argv!r}: {stderr.getvalue()}")


if __name__ == "__main__":
    main(test_one_input)
