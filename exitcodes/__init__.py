"""exitcodes: what exit code should this container process return, and why.

Docker's CLI folds several worlds into one number: 125 when the engine failed,
126 when the command could not be invoked, 127 when it was not found, and
otherwise the container's own status. exitcodes reproduces those rules exactly,
version by version, from the evidence a tool holds (daemon error messages, SDK
exceptions, wait responses, ``docker inspect`` states), and says which rule
decided.

>>> import exitcodes
>>> exitcodes.resolve("run", error='exec: "foo": executable file not found in $PATH').exit_code
127
>>> exitcodes.classify({"State": {"Status": "exited", "ExitCode": 137, "OOMKilled": True}}).outcome
ExitOutcome.OOM_KILLED
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from exitcodes import profiles, rules
from exitcodes._evidence import EvidenceKind
from exitcodes.classify import Classification, classify
from exitcodes.errors import (
    ExitCodesError,
    InvalidArgumentError,
    InvalidVersionError,
    MalformedEvidenceError,
    UnsupportedEvidenceError,
)
from exitcodes.outcome import ExitOutcome
from exitcodes.profiles import Engine, Platform, Profile, Version
from exitcodes.resolve import Resolution, resolve

if TYPE_CHECKING:
    __version__: str

__all__ = [
    "Classification",
    "Engine",
    "EvidenceKind",
    "ExitCodesError",
    "ExitOutcome",
    "InvalidArgumentError",
    "InvalidVersionError",
    "MalformedEvidenceError",
    "Platform",
    "Profile",
    "Resolution",
    "UnsupportedEvidenceError",
    "Version",
    "__version__",
    "classify",
    "profiles",
    "resolve",
    "rules",
]


def __getattr__(name: str) -> str:
    """Read ``__version__`` lazily from the installed metadata (keeps import cheap)."""
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

        try:
            return version("container-exitcodes")
        except PackageNotFoundError:  # running from a source tree that is not installed
            from exitcodes._version import VERSION  # noqa: PLC0415

            return f"{VERSION}+unknown"
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
