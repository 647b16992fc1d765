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

import sys
from _thread import RLock

# ``typing`` (with ``re`` on Python 3.10 and 3.11) and ``types`` are not imported at run
# time: every command-line run imports this package first.
TYPE_CHECKING = False  # typing.TYPE_CHECKING

if TYPE_CHECKING:
    from types import ModuleType
    from typing import Any

    from exitcodes import conversions, kubernetes, policies, profiles, rules, wrappers
    from exitcodes._evidence import EvidenceKind
    from exitcodes.catalog import CatalogEntry
    from exitcodes.classify import Classification, classify
    from exitcodes.diagnosis import diagnose
    from exitcodes.errors import (
        ExitCodesError,
        InvalidArgumentError,
        InvalidVersionError,
        MalformedEvidenceError,
        NeverExitsError,
        UnknownRuleError,
        UnsupportedEvidenceError,
    )
    from exitcodes.explanation import Cause, Explanation, explain, explain_exit
    from exitcodes.outcome import ExitOutcome
    from exitcodes.profiles import Engine, Platform, Profile, Version
    from exitcodes.recipes import exit_like_docker, run_like_docker
    from exitcodes.resolve import Resolution, resolve

    __version__: str
else:
    ModuleType = type(sys)  # types.ModuleType

# Every public name is loaded on first use (PEP 562), so that ``import exitcodes`` costs
# next to nothing in the start-up of a tool that may never need it: the first
# ``exitcodes.classify(...)`` loads the modules classifying needs, and no others.
# Each entry: public name -> (module, attribute of it, or None for the module itself).
_EXPORTS: dict[str, tuple[str, str | None]] = {
    "CatalogEntry": ("exitcodes.catalog", "CatalogEntry"),
    "Cause": ("exitcodes.explanation", "Cause"),
    "Classification": ("exitcodes.classify", "Classification"),
    "Engine": ("exitcodes.profiles", "Engine"),
    "EvidenceKind": ("exitcodes._evidence", "EvidenceKind"),
    "ExitCodesError": ("exitcodes.errors", "ExitCodesError"),
    "ExitOutcome": ("exitcodes.outcome", "ExitOutcome"),
    "Explanation": ("exitcodes.explanation", "Explanation"),
    "InvalidArgumentError": ("exitcodes.errors", "InvalidArgumentError"),
    "InvalidVersionError": ("exitcodes.errors", "InvalidVersionError"),
    "MalformedEvidenceError": ("exitcodes.errors", "MalformedEvidenceError"),
    "NeverExitsError": ("exitcodes.errors", "NeverExitsError"),
    "Platform": ("exitcodes.profiles", "Platform"),
    "Profile": ("exitcodes.profiles", "Profile"),
    "Resolution": ("exitcodes.resolve", "Resolution"),
    "UnknownRuleError": ("exitcodes.errors", "UnknownRuleError"),
    "UnsupportedEvidenceError": ("exitcodes.errors", "UnsupportedEvidenceError"),
    "Version": ("exitcodes.profiles", "Version"),
    "classify": ("exitcodes.classify", "classify"),
    "conversions": ("exitcodes.conversions", None),
    "diagnose": ("exitcodes.diagnosis", "diagnose"),
    "exit_like_docker": ("exitcodes.recipes", "exit_like_docker"),
    "explain": ("exitcodes.explanation", "explain"),
    "explain_exit": ("exitcodes.explanation", "explain_exit"),
    "kubernetes": ("exitcodes.kubernetes", None),
    "policies": ("exitcodes.policies", None),
    "profiles": ("exitcodes.profiles", None),
    "resolve": ("exitcodes.resolve", "resolve"),
    "rules": ("exitcodes.rules", None),
    "run_like_docker": ("exitcodes.recipes", "run_like_docker"),
    "wrappers": ("exitcodes.wrappers", None),
}

# The modules named like the function they hold: on the package, the name is the function.
_FUNCTION_MODULES = frozenset({"classify", "resolve"})

# Every lazy load holds this lock: one thread at a time imports the package's modules
# (and attrs) through a public name. Python's per-module import locks do not make
# concurrent first imports safe on their own: ``from attrs.exceptions import ...``
# (in any module) locks the submodule before its package, ``import attrs`` the
# package before the submodule, and two threads doing one each deadlock. CPython then
# raises ``_DeadlockError`` in one of them, or hands the other a half-imported module
# (``module 'attrs' has no attribute 'frozen'``); the failed import leaves others
# with ``cannot import name`` or no module at all. Re-entrant: a load may read a public
# name (``from exitcodes import profiles`` in a submodule, the Hypothesis entry point).
# No lazy load imports Hypothesis or exitcodes.strategies, the two that read public names
# while they are imported: a thread importing one of those waits for the lock, never the
# other way round.
# ``_thread`` is built in and already loaded, so ``import exitcodes`` stays cheap.
_load_lock = RLock()


class _Package(ModuleType):
    """The ``exitcodes`` module object, keeping ``exitcodes.classify`` the function.

    Python binds a submodule on its package once it is first imported, from wherever
    (``exitcodes.cli`` importing ``exitcodes.classify``, say); for the two modules
    named like their function, the function is bound instead.
    """

    def __setattr__(self, name: str, value: object) -> None:
        if name in _FUNCTION_MODULES and isinstance(value, ModuleType):
            value = getattr(value, name)
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

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
    "NeverExitsError",
    "Platform",
    "Profile",
    "Resolution",
    "UnknownRuleError",
    "UnsupportedEvidenceError",
    "Version",
    "__version__",
    "classify",
    "conversions",
    "diagnose",
    "exit_like_docker",
    "explain",
    "explain_exit",
    "kubernetes",
    "policies",
    "profiles",
    "resolve",
    "rules",
    "run_like_docker",
    "wrappers",
]


# Hidden from type checkers, so that a misspelt name is an error there too.
if not TYPE_CHECKING:

    def __getattr__(name: str) -> Any:
        """Load a public name on first use; read ``__version__`` from the installed metadata."""
        target = _EXPORTS.get(name)
        if target is not None:
            module_name, attribute = target
            with _load_lock:
                # The import statement's own machinery (importlib.import_module is
                # slower, and invisible to -X importtime for the module it is asked for).
                __import__(module_name)
                module = sys.modules[module_name]
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


def __dir__() -> list[str]:
    """The module's own names and every public name, loaded or not."""
    return sorted({*globals(), *__all__})
