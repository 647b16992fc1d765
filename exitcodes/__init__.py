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

from typing import TYPE_CHECKING, Any

from exitcodes import profiles, rules
from exitcodes._evidence import EvidenceKind
from exitcodes.classify import Classification, classify
from exitcodes.errors import (
    ExitCodesError,
    InvalidArgumentError,
    InvalidVersionError,
    MalformedEvidenceError,
    UnknownRuleError,
    UnsupportedEvidenceError,
)
from exitcodes.outcome import ExitOutcome
from exitcodes.profiles import Engine, Platform, Profile, Version
from exitcodes.resolve import Resolution, resolve

if TYPE_CHECKING:
    from exitcodes import conversions, kubernetes, wrappers
    from exitcodes.catalog import CatalogEntry
    from exitcodes.explanation import Cause, Explanation, explain, explain_exit
    from exitcodes.recipes import exit_like_docker, run_like_docker

    __version__: str

# Loaded on first use so that ``import exitcodes`` stays cheap (the catalog, the
# conversion and wrapper tables are only needed by some callers).
_LAZY = {
    "CatalogEntry": ("exitcodes.catalog", "CatalogEntry"),
    "Cause": ("exitcodes.explanation", "Cause"),
    "Explanation": ("exitcodes.explanation", "Explanation"),
    "explain": ("exitcodes.explanation", "explain"),
    "explain_exit": ("exitcodes.explanation", "explain_exit"),
    "exit_like_docker": ("exitcodes.recipes", "exit_like_docker"),
    "run_like_docker": ("exitcodes.recipes", "run_like_docker"),
    "conversions": ("exitcodes.conversions", None),
    "kubernetes": ("exitcodes.kubernetes", None),
    "wrappers": ("exitcodes.wrappers", None),
}

__all__ = [
    "CatalogEntry",
    "Cause",
    "Classification",
    "Engine",
    "EvidenceKind",
    "ExitCodesError",
    "ExitOutcome",
    "Explanation",
    "InvalidArgumentError",
    "InvalidVersionError",
    "MalformedEvidenceError",
    "Platform",
    "Profile",
    "Resolution",
    "UnknownRuleError",
    "UnsupportedEvidenceError",
    "Version",
    "__version__",
    "classify",
    "conversions",
    "exit_like_docker",
    "explain",
    "explain_exit",
    "kubernetes",
    "profiles",
    "resolve",
    "rules",
    "run_like_docker",
    "wrappers",
]


def __getattr__(name: str) -> Any:
    """Load the lazy names on first use; read ``__version__`` from the installed metadata."""
    if name in _LAZY:
        import importlib  # noqa: PLC0415

        module_name, attribute = _LAZY[name]
        module = importlib.import_module(module_name)
        value = module if attribute is None else getattr(module, attribute)
        globals()[name] = value
        return value
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version  # noqa: PLC0415

        try:
            return version("container-exitcodes")
        except PackageNotFoundError:  # running from a source tree that is not installed
            from exitcodes._version import VERSION  # noqa: PLC0415

            return f"{VERSION}+unknown"
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
