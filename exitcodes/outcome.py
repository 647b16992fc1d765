"""What happened to a command: the closed set of outcomes."""

from __future__ import annotations

import enum

__all__ = ["ExitOutcome"]


class ExitOutcome(enum.Enum):
    """What happened to a containerised command, independent of the number it produced.

    Two runs with the same exit code can have different outcomes (137 is
    ``SIGNALED`` or ``OOM_KILLED``; 127 from ``docker run`` can come from a
    missing bind-mount source), and the same outcome maps to different codes
    on different engines. The member's value is a stable lower-case string,
    suitable for JSON.
    """

    _value_: str
    description: str

    def __new__(cls, value: str, description: str) -> ExitOutcome:  # noqa: D102
        member = object.__new__(cls)
        member._value_ = value
        member.description = description
        member.__doc__ = description
        return member

    SUCCESS = ("success", "The command ran and exited 0.")
    COMMAND_FAILED = ("command_failed", "The command ran and exited non-zero on its own.")
    SIGNALED = ("signaled", "The command was killed by a signal (status 128+n).")
    OOM_KILLED = ("oom_killed", "The command was killed by the kernel's out-of-memory killer.")
    CANNOT_INVOKE = (
        "cannot_invoke",
        "The command was found but could not be executed (no exec bit, a directory).",
    )
    NOT_FOUND = ("not_found", "The command does not exist (not in $PATH, no such file).")
    ENGINE_ERROR = (
        "engine_error",
        "The engine, daemon or runtime failed around the command (create, pull, mount, start).",
    )
    USAGE_ERROR = (
        "usage_error",
        "The CLI was misused: bad flag, bad argument count, unknown command.",
    )
    STATUS_UNKNOWN = (
        "status_unknown",
        "The command's exit status was lost or does not exist yet (wait failed, daemon died).",
    )

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"
