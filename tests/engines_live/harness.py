"""Run one scenario against a real docker daemon with one docker CLI, and capture what it did.

A :class:`Plan` is a list of docker invocations (argv after ``docker``; ``{c}`` is the
scenario's unique container name, ``{image}`` the imported busybox image): setup steps, the
invocation under test (optionally in the background until a line of its stdout shows
``ready``, then ``trigger`` steps run), and the container whose ``docker inspect`` State is
captured afterwards. Every scenario removes its containers (``docker rm -f``) when done.
"""

from __future__ import annotations

import json
import re
import secrets
import subprocess
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from live_plan import Capture, Plan, Step

from engines_live.daemons import COMMAND_TIMEOUT, IMAGE, Daemon

NAME_PREFIX = "exitcodes-"
_NAME_RE = re.compile(rf"{re.escape(NAME_PREFIX)}[0-9a-f]{{6}}-")


@dataclass(frozen=True)
class Context:
    """One CLI against one daemon in one session: fills ``{c}`` and ``{image}``."""

    daemon: Daemon
    cli: str
    run_id: str

    def name(self, scenario: str) -> str:
        """The container name ``{c}`` for *scenario* in this run."""
        return f"{NAME_PREFIX}{self.run_id}-{scenario}"

    def expand(self, scenario: str, args: Iterable[str]) -> list[str]:
        """``cli`` + *args* with the placeholders filled in."""
        name = self.name(scenario)
        return [self.cli, *(a.replace("{c}", name).replace("{image}", IMAGE) for a in args)]

    def run(self, argv: list[str]) -> subprocess.CompletedProcess[str]:
        """Run *argv* against the daemon (its ``DOCKER_HOST``), capturing text output."""
        return subprocess.run(
            argv,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT,
            check=False,
            env=self.daemon.env(),
        )


def _background(
    ctx: Context, argv: list[str], ready: str, trigger: Callable[[], None]
) -> tuple[int | None, str, str]:
    """Run *argv* until its stdout shows *ready*, call *trigger*, then wait for it."""
    with subprocess.Popen(
        argv,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=ctx.daemon.env(),
    ) as proc:
        watchdog = threading.Timer(COMMAND_TIMEOUT, proc.kill)
        watchdog.start()
        err_chunks: list[str] = []
        stderr = proc.stderr
        assert stderr is not None
        reader = threading.Thread(target=lambda: err_chunks.append(stderr.read()))
        reader.start()
        out_lines: list[str] = []
        try:
            assert proc.stdout is not None
            for line in proc.stdout:
                out_lines.append(line)
                if ready in line:
                    trigger()
                    break
            out_lines.append(proc.stdout.read())
            code = proc.wait()
        finally:
            watchdog.cancel()
            reader.join()
    if code < 0:
        return None, "".join(out_lines), "".join(err_chunks) + "\n[killed after timeout]"
    return code, "".join(out_lines), "".join(err_chunks)


def inspect_state(ctx: Context, scenario: str, container: str) -> dict[str, Any] | None:
    """``docker inspect <container>``'s State, or ``None`` if it is gone."""
    done = ctx.run(ctx.expand(scenario, ("inspect", "--type", "container", container)))
    if done.returncode != 0:
        return None
    documents = json.loads(done.stdout)
    state = documents[0].get("State") if documents else None
    return state if isinstance(state, dict) else None


def run_plan(ctx: Context, scenario: str, plan: Plan) -> Capture:
    """Run one scenario's plan; always removes its containers."""
    begin = time.monotonic()
    problems: list[str] = []
    argv = ctx.expand(scenario, plan.argv)
    code: int | None = None
    out = err = ""
    state = None

    def step(one: Step, what: str) -> bool:
        if one.delay:
            time.sleep(one.delay)
        done = ctx.run(ctx.expand(scenario, one.argv))
        if one.expect is not None and done.returncode != one.expect:
            problems.append(
                f"{what} `{' '.join(one.argv)}` exited {done.returncode}, expected {one.expect}:"
                f" {done.stderr.strip()[:300]}"
            )
            return False
        return True

    try:
        if all(step(one, "setup step") for one in plan.setup):
            if plan.ready is None:
                done = ctx.run(argv)
                code, out, err = done.returncode, done.stdout, done.stderr
            else:
                fired: list[bool] = []

                def fire() -> None:
                    fired.append(all(step(one, "trigger") for one in plan.trigger))

                code, out, err = _background(ctx, argv, plan.ready, fire)
                if not fired:
                    problems.append(f"never saw {plan.ready!r} on stdout, so nothing was triggered")
            if code is None:
                problems.append(f"timed out after {COMMAND_TIMEOUT:.0f} s")
            if plan.inspect is not None:
                state = inspect_state(ctx, scenario, plan.inspect)
    except subprocess.TimeoutExpired as exc:
        problems.append(f"timed out: {exc}")
    except Exception as exc:  # a harness bug must not hide the other scenarios' results
        problems.append(f"harness error: {type(exc).__name__}: {exc}")
    finally:
        try:
            if plan.containers:
                ctx.run(ctx.expand(scenario, ("rm", "--force", *plan.containers)))
        except (OSError, subprocess.SubprocessError) as exc:
            problems.append(f"cleanup failed: {exc}")
    return Capture(argv, code, out, err, state, time.monotonic() - begin, problems)


def run_plans(
    daemon: Daemon, cli: str, plans: Sequence[tuple[str, Plan]], workers: int
) -> tuple[dict[str, Capture], float]:
    """Run every ``(scenario name, plan)`` with *cli* against *daemon* in a thread pool."""
    ctx = Context(daemon, cli, secrets.token_hex(3))
    begin = time.monotonic()
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = {name: pool.submit(run_plan, ctx, name, plan) for name, plan in plans}
        results = {name: future.result() for name, future in futures.items()}
    return results, time.monotonic() - begin


_HEX_ID = re.compile(r"\b[0-9a-f]{64}\b")
_TIMESTAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z")


def normalize(text: str, daemon: Daemon) -> str:
    """Stable placeholders for what differs from run to run: the name part, the run dir.

    Container ids (64 hex digits) and timestamps are kept: they are part of what the daemon
    said; :func:`stable` masks them for comparisons.
    """
    text = _NAME_RE.sub(f"{NAME_PREFIX}RUN-", text)
    return text.replace(str(daemon.run_dir), "<run>")


_CLI_LOG_LINE = re.compile(r'^time="[^"]*" level=\w+ msg=.*\n?', re.MULTILINE)


def stable(value: Any) -> Any:
    """*value* for comparing two runs: ids and timestamps masked, CLI log lines dropped.

    The CLI's own log lines (CLI 20.10: ``time="..." level=error msg="error waiting for
    container: context canceled"``) come and go with a race between its wait and the start.
    """
    if isinstance(value, str):
        value = _CLI_LOG_LINE.sub("", value)
        return _TIMESTAMP.sub("<time>", _HEX_ID.sub("<id>", value))
    if isinstance(value, dict):
        return {key: stable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [stable(item) for item in value]
    return value
