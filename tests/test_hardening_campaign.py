"""Hardening, part two: issue 14's hostile-input campaign, against every public function.

Issue 14 asks that "every public function returns a valid result or raises the
library's own documented exception" whatever it is handed, and that no hostile call
changes a later plain answer. This file holds the campaign's shapes as Hypothesis
strategies (:func:`hostile`) and as named examples (:data:`NAMED`):

* JSON-like values, recursive, with NaN, infinities, ints far beyond int64 and past
  the 4,300-digit limit of ``int``/``str`` conversion;
* int, str, bytes, float, dict and list subclasses (and plain objects) whose dunders
  raise or lie: ``__eq__``, ``__hash__``, ``__len__``, ``__iter__``, ``__getitem__``,
  ``__str__``, ``__index__``, ``__int__``, ``__and__``, ``keys()``... (:func:`liar`);
* ``unittest.mock.Mock``/``MagicMock``, bare and with the spec of the library's and the
  SDKs' classes;
* bytes, bytearray, memoryview (also non-byte formats and released views);
* cyclic lists and dicts, and 10,000-deep nesting.

Each public function is a :class:`Target` per argument: the hostile value goes into that
argument, plain valid values into the others. A call must return a value of the
documented type, with plain field types (``classify(15).status`` is an ``int``, not a
``Signals`` member), or raise an :class:`~exitcodes.ExitCodesError` (``InvalidArgument``
where the Hypothesis-facing modules document it), within :data:`BUDGET` seconds. After
it, the probes of :data:`PROBES` must answer, ``==`` and field type for field type, what
they answer in a fresh interpreter that never saw a hostile value.

The property tests are derandomized, so that a failure is the same on every run; a
failure known today is marked ``xfail(strict=True)`` with the issue's words, so that its
fix turns the mark into a failure to remove.
"""

from __future__ import annotations

import array
import base64
import contextlib
import copy
import enum
import functools
import importlib
import math
import pickle
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any
from unittest import mock

import attrs
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import exitcodes
from exitcodes import (
    Classification,
    ExitCodesError,
    Explanation,
    Profile,
    Resolution,
    Version,
    adapters,
    catalog,
    classify,
    conversions,
    explain,
    explain_exit,
    kubernetes,
    profiles,
    recipes,
    resolve,
    rules,
    strategies,
    testing,
    wrappers,
)

#: Seconds one call may take, under coverage on a shared 2-core host: generous, so
#: that only a hang (or a quadratic blow-up) passes it.
BUDGET = 10.0

CAMPAIGN = settings(
    max_examples=10,
    deadline=None,
    derandomize=True,
    database=None,
    # No shrinking: the named shapes below are the minimal reproductions, and a known
    # failure (xfail) would spend seconds shrinking on every run.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
)


class Boom(Exception):
    """What the hostile objects raise: not an ExitCodesError, so it must not escape."""


# --- the shapes ---------------------------------------------------------------------------

NOT_FOUND = 'exec: "foo": executable file not found in $PATH'


def _raise(name: str) -> Callable[..., Any]:
    def method(self: object, *args: object, **kwargs: object) -> Any:
        raise Boom(name)

    return method


def _returning(value: object) -> Callable[..., Any]:
    def method(self: object, *args: object, **kwargs: object) -> Any:
        return value

    return method


#: For each dunder (or method) a hostile class may override: what it may do instead.
#: "raise" raises Boom; the others lie, each in a way a library could believe.
LIES: dict[str, dict[str, Callable[..., Any]]] = {
    "__eq__": {
        "raise": _raise("__eq__"),
        "true": _returning(True),
        "false": _returning(False),
    },
    "__hash__": {
        "raise": _raise("__hash__"),
        "zero": _returning(0),
        # Collide with the plain values the probes use: a memo keyed by value would
        # hand the hostile answer to the plain call (with __eq__ lying "true").
        "seven": _returning(hash(7)),
        "not-found": _returning(hash(NOT_FOUND)),
    },
    "__len__": {
        "raise": _raise("__len__"),
        "huge": _returning(sys.maxsize),
        "negative": _returning(-1),
    },
    "__iter__": {
        "raise": _raise("__iter__"),
        "junk": lambda self: iter(["StatusCode", 999, None]),
    },
    "__getitem__": {"raise": _raise("__getitem__"), "junk": _returning(999)},
    "__contains__": {"raise": _raise("__contains__"), "true": _returning(True)},
    "keys": {"raise": _raise("keys"), "junk": _returning(["StatusCode", "Error", "nope"])},
    "get": {"raise": _raise("get"), "junk": _returning(999)},
    "__str__": {
        "raise": _raise("__str__"),
        "other": _returning("permission denied"),
        "not-a-str": _returning(42),
    },
    "__repr__": {"raise": _raise("__repr__")},
    "__format__": {"raise": _raise("__format__")},
    "__index__": {"raise": _raise("__index__"), "other": _returning(999)},
    "__int__": {"raise": _raise("__int__"), "other": _returning(999)},
    "__and__": {"raise": _raise("__and__"), "other": _returning(999)},
    "__rand__": {"raise": _raise("__rand__"), "other": _returning(999)},
    "__lt__": {"raise": _raise("__lt__"), "true": _returning(True)},
    "__ge__": {"raise": _raise("__ge__"), "true": _returning(True)},
    "__bool__": {"raise": _raise("__bool__")},
    "lower": {"raise": _raise("lower"), "other": _returning("executable file not found")},
    "startswith": {"raise": _raise("startswith"), "true": _returning(True)},
    "__getattr__": {"raise": _raise("__getattr__")},
}

#: The values a hostile subclass of each base wraps: the ones the library reads.
SEEDS: dict[type, list[Any]] = {
    object: [None],
    int: [0, 7, 15, 125, 137, 255, 256, -1, 2**63, 10**5000],
    float: [7.0, math.nan, math.inf],
    str: [
        *(NOT_FOUND, "permission denied", "28.2.2", "run", "stdin", "timeout", "bash", "TERM"),
        *("command_exited", "docker@28.2.2", "exit-127", "docker-cli/is-a-directory-126"),
    ],
    bytes: [b"permission denied", b"\xff\xfe"],
    dict: [
        {"StatusCode": 7, "Error": None},
        {"State": {"Status": "exited", "ExitCode": 137, "OOMKilled": True}},
        {"message": "permission denied"},
        {"ExitCode": 3, "Running": False},
        {"action": "FailJob", "onExitCodes": {"operator": "In", "values": [137]}},
    ],
    list: [[0], ["stdin"], [{"StatusCode": 1, "Error": None}], ["run"]],
}


@functools.cache
def _liar_class(base: type, lies: tuple[tuple[str, str], ...]) -> type:
    namespace: dict[str, Any] = {name: LIES[name][how] for name, how in lies}

    def _repr_pretty_(self: object, printer: Any, cycle: bool) -> None:  # Hypothesis' reports
        printer.text(f"liar({base.__name__}, {dict(lies)})")

    namespace["_repr_pretty_"] = _repr_pretty_
    return type(f"Liar{base.__name__.title()}", (base,), namespace)


def liar(base: type, seed: object, lies: dict[str, str]) -> Any:
    """An instance of *base* (holding *seed*) whose chosen dunders raise or lie."""
    cls = _liar_class(base, tuple(sorted(lies.items())))
    return cls() if base is object else cls(seed)


def _liars(base: type) -> st.SearchStrategy[Any]:
    lies = st.dictionaries(
        st.sampled_from(sorted(LIES)), st.just(""), min_size=1, max_size=4
    ).flatmap(
        lambda chosen: st.fixed_dictionaries(
            {name: st.sampled_from(sorted(LIES[name])) for name in chosen}
        )
    )
    # The seed by index: a strategy's repr lists its values, and str(10**5000) raises.
    return st.builds(liar_of_seed, st.just(base), st.integers(0, len(SEEDS[base]) - 1), lies)


def liar_of_seed(base: type, index: int, lies: dict[str, str]) -> Any:
    """:func:`liar` of the *index*-th seed of *base* in :data:`SEEDS`."""
    return liar(base, SEEDS[base][index], lies)


def huge_int(digits: int) -> int:
    """A positive int of about *digits* digits (past 4,300 breaks str() and int(str))."""
    power: int = 10**digits
    return power + 7


def deep(kind: str, depth: int = 10_000) -> object:
    """*depth* levels of nesting, built without recursion."""
    value: object = {"StatusCode": 7, "Error": None}
    for _ in range(depth):
        if kind == "list":
            value = [value]
        elif kind == "state":
            value = {"State": value}
        elif kind == "message":
            value = {"message": value}
        else:
            value = {"StatusCode": value, "Error": value}
    return value


def cyclic(kind: str) -> object:
    """A list or dict that holds itself where the library looks."""
    if kind == "list":
        items: list[object] = [0]
        items.append(items)
        return items
    document: dict[str, object] = {"Error": None}
    key = {"state": "State", "message": "message", "wait": "StatusCode"}[kind]
    document[key] = document
    return document


def _view(data: bytes) -> memoryview:
    return memoryview(data)


def released_view() -> memoryview:
    """A memoryview whose every read raises ValueError."""
    view = memoryview(b"permission denied")
    view.release()
    return view


#: The SDK classes whose spec the Mocks take: (module, class), each an installed test extra.
_SDK_NAMES = [
    ("docker", "DockerClient"),
    ("docker.errors", "APIError"),
    ("docker.errors", "ContainerError"),
    ("docker.errors", "NotFound"),
    ("docker.models.containers", "Container"),
    ("kubernetes.client", "V1ContainerState"),
    ("kubernetes.client", "V1ContainerStateTerminated"),
    ("kubernetes.client", "V1ContainerStatus"),
    ("aiodocker.exceptions", "DockerError"),
]


def _sdk_classes() -> list[type]:
    found: list[type] = [Profile, Version, subprocess.CompletedProcess, subprocess.Popen]
    for module, name in _SDK_NAMES:
        with contextlib.suppress(ImportError):  # the SDKs are test extras
            found.append(getattr(importlib.import_module(module), name))
    return found


SDK_CLASSES = _sdk_classes()


def a_mock(kind: str, spec: type | None = None) -> mock.Mock:
    """A Mock or MagicMock, bare or with *spec*; "raising" ones raise Boom when called."""
    if kind == "raising":
        return mock.MagicMock(spec=spec, side_effect=Boom("call"))
    factory = mock.MagicMock if kind == "magic" else mock.Mock
    return factory(spec=spec)


MOCKS = st.builds(
    a_mock,
    st.sampled_from(["plain", "magic", "raising"]),
    st.none() | st.sampled_from(SDK_CLASSES),
)
BYTES_LIKE = st.one_of(
    st.binary(max_size=20),
    st.builds(bytearray, st.binary(max_size=10)),
    st.binary(max_size=10).map(_view),
    st.builds(lambda: memoryview(array.array("I", [7, 137]))),
    st.builds(released_view),
)
NUMBERS = st.one_of(
    st.integers(-(2**70), 2**70),
    st.sampled_from([2**63, -(2**63) - 1, 2**64 + 1, True, False]),
    st.builds(huge_int, st.sampled_from([40, 4_299, 4_301, 5_000])),
    st.builds(lambda digits: -huge_int(digits), st.sampled_from([4_301, 5_000])),
    st.floats(),
    st.sampled_from([math.nan, -math.nan, math.inf, -math.inf, -0.0]),
    st.sampled_from(list(signal.Signals)),
)
WORDS = st.sampled_from(
    [
        *(NOT_FOUND, "permission denied", "", "\x00", "\ud800", "28.2.2", "run", "stdin"),
        *("bash", "timeout", "TERM", "SIGKILL", "docker@28.2.2", "exit-127", "command_exited"),
    ]
)
STRUCTURES = st.one_of(
    st.builds(deep, st.sampled_from(["list", "state", "message", "wait"])),
    st.builds(cyclic, st.sampled_from(["list", "state", "message", "wait"])),
)
KEYS = st.sampled_from(
    [
        *("StatusCode", "Error", "State", "Status", "ExitCode", "Running", "OOMKilled"),
        *("message", "Message", "explanation", "terminated", "exitCode", "reason", "action"),
        "onExitCodes",
    ]
) | st.text(max_size=5)


def hostile() -> st.SearchStrategy[Any]:
    """Every shape of issue 14's campaign, alone and nested in JSON-like values."""
    leaves = st.one_of(
        st.none(),
        NUMBERS,
        WORDS,
        st.text(max_size=10),
        BYTES_LIKE,
        MOCKS,
        *(_liars(base) for base in SEEDS),
    )
    nested = st.recursive(
        leaves,
        lambda children: st.one_of(
            st.lists(children, max_size=3),
            st.dictionaries(KEYS, children, max_size=4),
            st.fixed_dictionaries({"StatusCode": children}, optional={"Error": children}),
            st.fixed_dictionaries({"State": children}),
        ),
        max_leaves=6,
    )
    return st.one_of(leaves, nested, STRUCTURES)


class _Evil(int):
    """Issue 14: "after classify(Evil(7)) whose __and__ returns 999, every later
    classify(7) returns 999"."""

    def __and__(self, other: object) -> int:
        return 999


#: The named shapes, each an example for every target (built afresh for each call).
NAMED: dict[str, Callable[[], object]] = {
    "evil-and-999": lambda: _Evil(7),
    "sigterm": lambda: signal.SIGTERM,
    "bool": lambda: True,
    "int-4301-digits": lambda: huge_int(4_301),
    "negative-int-5000-digits": lambda: -huge_int(5_000),
    "int64-overflow": lambda: 2**63,
    "nan": lambda: math.nan,
    "inf": lambda: math.inf,
    "int-eq-raises": lambda: liar(int, 7, {"__eq__": "raise", "__hash__": "raise"}),
    "int-index-raises": lambda: liar(int, 7, {"__index__": "raise", "__int__": "raise"}),
    "int-str-raises": lambda: liar(int, 7, {"__str__": "raise", "__repr__": "raise"}),
    "int-hash-collides": lambda: liar(int, 137, {"__hash__": "seven", "__eq__": "true"}),
    "str-hash-collides": lambda: liar(
        str, "permission denied", {"__hash__": "not-found", "__eq__": "true"}
    ),
    "str-dunders-raise": lambda: liar(
        str, NOT_FOUND, {"__eq__": "raise", "__hash__": "raise", "__len__": "raise"}
    ),
    "str-methods-lie": lambda: liar(
        str, "permission denied", {"lower": "other", "__str__": "other", "startswith": "true"}
    ),
    "dict-keys-lie": lambda: liar(
        dict, {"StatusCode": 7, "Error": None}, {"keys": "junk", "__iter__": "junk"}
    ),
    "dict-getitem-raises": lambda: liar(
        dict, {"StatusCode": 7, "Error": None}, {"__getitem__": "raise", "get": "raise"}
    ),
    "dict-len-negative": lambda: liar(dict, {"StatusCode": 7}, {"__len__": "negative"}),
    "list-iter-raises": lambda: liar(list, ["stdin"], {"__iter__": "raise"}),
    "list-len-huge": lambda: liar(list, [0], {"__len__": "huge", "__getitem__": "junk"}),
    "object-everything-raises": lambda: liar(
        object, None, {"__getattr__": "raise", "__str__": "raise", "__repr__": "raise"}
    ),
    "mock": mock.Mock,
    "magic-mock": mock.MagicMock,
    "mock-spec-profile": lambda: mock.Mock(spec=Profile),
    "magic-mock-spec-profile": lambda: mock.MagicMock(spec=Profile),
    **{
        f"mock-spec-{cls.__name__}": functools.partial(mock.MagicMock, spec=cls)
        for cls in SDK_CLASSES[4:]
    },
    "bytes-invalid-utf8": lambda: b"\xff\xfe permission denied",
    "bytearray": lambda: bytearray(b"permission denied"),
    "memoryview": lambda: memoryview(b"permission denied"),
    "memoryview-of-ints": lambda: memoryview(array.array("I", [7, 137])),
    "memoryview-released": released_view,
    "cyclic-list": lambda: cyclic("list"),
    "cyclic-state": lambda: cyclic("state"),
    "cyclic-wait": lambda: cyclic("wait"),
    "deep-list": lambda: deep("list"),
    "deep-state": lambda: deep("state"),
    "deep-message": lambda: deep("message"),
}


# --- the targets --------------------------------------------------------------------------


def _plain_types(value: object, where: str = "result") -> None:
    """Every int and str inside a result is a plain one (or an enum member of a field
    typed as that enum), never a subclass smuggled in from the input."""
    if value is None or isinstance(value, (bool, float, enum.Enum)):
        return
    if isinstance(value, int):
        assert type(value) is int, f"{where} is a {type(value).__name__}, not an int"
    elif isinstance(value, str):
        assert type(value) is str, f"{where} is a {type(value).__name__}, not a str"
    elif isinstance(value, (tuple, frozenset)):
        for index, item in enumerate(value):
            _plain_types(item, f"{where}[{index}]")
    elif attrs.has(cls := type(value)):
        for field in attrs.fields(cls):
            if isinstance(value, adapters.Adapted) and field.name == "value":
                continue  # the evidence itself, as documented
            _plain_types(getattr(value, field.name), f"{where}.{field.name}")


def _enum_fields_are_typed(value: object) -> None:
    """An enum member only where the field's annotation names an enum: a Signals member
    passed in is not the ``status: int`` of a Classification."""
    cls = type(value)
    if not attrs.has(cls):
        return
    for field in attrs.fields(cls):
        item = getattr(value, field.name)
        if isinstance(item, enum.Enum):
            annotation = str(field.type)
            assert type(item).__name__ in annotation, (
                f"{type(value).__name__}.{field.name} is {item!r}, typed {annotation}"
            )


def of_type(*types: type | None) -> Callable[[object], None]:
    """The check of a documented return type: the type (exact for int), plain fields."""
    allowed = tuple(kind for kind in types if kind is not None)

    def check(result: object) -> None:
        if result is None and None in types:
            return
        if int in allowed:
            assert type(result) is int or isinstance(result, allowed[1:]), repr(result)
        else:
            assert isinstance(result, allowed), f"{type(result).__name__} is not {allowed}"
        _plain_types(result)
        _enum_fields_are_typed(result)
        if attrs.has(type(result)):
            hash(result)  # values are frozen attrs classes: usable as keys
        if isinstance(result, Explanation):
            _plain_types(result.classification)
            _enum_fields_are_typed(result.classification)
        if isinstance(result, (Classification, Resolution)):
            assert result.rule and result.reason
            code = result.exit_code
            assert code is None or 0 <= code <= 0xFFFFFFFF, code

    return check


def _check_exit(result: object) -> None:
    raise AssertionError(f"exit_like_docker returned {result!r} instead of exiting")


OURS: tuple[type[BaseException], ...] = (ExitCodesError,)
#: The Hypothesis-facing modules document Hypothesis' InvalidArgument for bad arguments.
HYPOTHESIS_FACING: tuple[type[BaseException], ...] = (ExitCodesError, InvalidArgument)


@attrs.frozen
class Target:
    """One argument of one public function: the hostile value goes there."""

    name: str
    call: Callable[[object], object]
    check: Callable[[object], None]
    plain: object
    raises: tuple[type[BaseException], ...] = OURS


def _slot(
    function: Callable[..., object], args: tuple[Any, ...], kwargs: dict[str, Any], at: int | str
) -> Callable[[object], object]:
    def call(value: object) -> object:
        positional = list(args)
        keywords = dict(kwargs)
        if isinstance(at, int):
            positional[at] = value
        else:
            keywords[at] = value
        return function(*positional, **keywords)

    return call


def targets_of(
    name: str,
    function: Callable[..., object],
    check: Callable[[object], None],
    *args: Any,
    raises: tuple[type[BaseException], ...] = OURS,
    **kwargs: Any,
) -> list[Target]:
    """A target per argument of ``function(*args, **kwargs)`` (plain valid values)."""
    found = [
        Target(f"{name}[{index}]", _slot(function, args, kwargs, index), check, arg, raises)
        for index, arg in enumerate(args)
    ]
    found += [
        Target(f"{name}[{key}]", _slot(function, args, kwargs, key), check, arg, raises)
        for key, arg in kwargs.items()
    ]
    return found


class _Container:
    def __init__(self) -> None:
        self.attrs = {"State": {"Status": "exited", "ExitCode": 3, "OOMKilled": False}}

    def start(self) -> None:
        pass

    def wait(self) -> dict[str, object]:
        return {"StatusCode": 3, "Error": None}

    def reload(self) -> None:
        pass

    def remove(self, v: bool = False) -> None:
        pass


class _Containers:
    def create(self, image: str, command: object = None, **kwargs: object) -> _Container:
        return _Container()


class _Client:
    """A docker-py client that runs every container to exit 3."""

    containers = _Containers()
    images = None


def _exit_code(client: Any, *args: Any, **kwargs: Any) -> object:
    try:
        recipes.exit_like_docker(client, *args, output=None, on_error=None, **kwargs)
    except SystemExit as done:
        code = done.code
        assert type(code) is int and 0 <= code <= 255, f"SystemExit({code!r})"
        return code
    raise AssertionError("exit_like_docker returned")  # pragma: no cover


def _draw_one(strategy: object) -> object:
    """Build what a strategies function returns far enough to raise its argument errors."""
    assert isinstance(strategy, st.SearchStrategy), type(strategy)
    strategy.validate()
    return strategy


def _build_targets() -> list[Target]:
    classification = of_type(Classification)
    resolution = of_type(Resolution)
    explanation = of_type(Explanation)
    an_int = of_type(int)
    found: list[Target] = []
    found += targets_of("classify", classify, classification, 7, profile=profiles.DEFAULT)
    found += targets_of(
        "resolve",
        resolve,
        resolution,
        "run",
        error=NOT_FOUND,
        phase="start",
        wait={"StatusCode": 3, "Error": None},
        exec_inspect=None,
        state={"State": {"Status": "exited", "ExitCode": 3, "OOMKilled": False}},
        detach=False,
        attached_streams=("stdout",),
        profile=profiles.DEFAULT,
    )
    found += targets_of("resolve-exec", resolve, resolution, "exec", exec_inspect={"ExitCode": 3})
    found += targets_of("explain", explain, explanation, 137, profile=profiles.DEFAULT)
    found += targets_of(
        "explain_exit", explain_exit, explanation, 137, output=b"Killed", profile=profiles.DEFAULT
    )
    # conversions
    found += targets_of(
        "decode_wait_status",
        conversions.decode_wait_status,
        of_type(conversions.WaitStatus),
        0x0F00,
    )
    found += targets_of("exited_wait_status", conversions.exited_wait_status, an_int, 3)
    for signal_function in (conversions.ksh_code_from_signal, conversions.shell_code_from_signal):
        found += targets_of(
            signal_function.__name__,
            signal_function,
            an_int,
            "TERM",
            conversions.SignalPlatform.LINUX,
        )
    for status_function, plain in (
        (conversions.ksh_code_to_shell_code, 271),
        (conversions.returncode_to_shell_code, -15),
        (conversions.truncate_status, 271),
        (conversions.wait_status_to_exit_code, 0x0F00),
        (conversions.windows_signed, 0xC0000005),
        (conversions.windows_unsigned, -1073741819),
    ):
        found += targets_of(status_function.__name__, status_function, an_int, plain)
    found += targets_of(
        "ntstatus", conversions.ntstatus, of_type(conversions.NtStatus, None), 0xC0000005
    )
    found += targets_of(
        "signal_from_ksh_code", conversions.signal_from_ksh_code, of_type(int, None), 271
    )
    found += targets_of(
        "signal_from_shell_code",
        conversions.signal_from_shell_code,
        of_type(int, None),
        143,
        conversions.SignalPlatform.LINUX,
    )
    found += targets_of(
        "signal_info",
        conversions.signal_info,
        of_type(conversions.SignalInfo, None),
        "TERM",
        conversions.SignalPlatform.DARWIN,
    )
    found += targets_of(
        "signal_name",
        conversions.signal_name,
        of_type(str, None),
        15,
        conversions.SignalPlatform.LINUX,
    )
    found += targets_of(
        "signal_number",
        conversions.signal_number,
        of_type(int, None),
        "SIGTERM",
        conversions.SignalPlatform.LINUX,
    )
    found += targets_of(
        "signaled_wait_status",
        conversions.signaled_wait_status,
        an_int,
        15,
        core_dumped=True,
        platform=conversions.SignalPlatform.LINUX,
    )
    # wrappers
    reading = of_type(wrappers.StatusReading)
    exit_rule = of_type(wrappers.ExitRule)
    found += targets_of("classify_shell_status", wrappers.classify_shell_status, reading, "bash", 3)
    found += targets_of(
        "classify_wrapper_status",
        wrappers.classify_wrapper_status,
        reading,
        "timeout",
        124,
        preserve_status=False,
        posixly_correct=False,
    )
    found += targets_of("exit_builtin_status", wrappers.exit_builtin_status, an_int, "bash", "300")
    found += targets_of(
        "shell_exit_code",
        wrappers.shell_exit_code,
        an_int,
        "bash",
        "command_exited",
        command_status=3,
    )
    found += targets_of(
        "shell_exit_code-signal",
        wrappers.shell_exit_code,
        an_int,
        "dash",
        "command_signaled",
        signal="TERM",
    )
    found += targets_of(
        "shell_exit_code-exit",
        wrappers.shell_exit_code,
        an_int,
        "bash",
        "exit_builtin",
        argument="300",
    )
    found += targets_of(
        "shell_rule", wrappers.shell_rule, exit_rule, "bash", "exit_builtin", argument="3"
    )
    for wrapper_function in (wrappers.wrapper_exit_code, wrappers.wrapper_returncode):
        found += targets_of(
            wrapper_function.__name__,
            wrapper_function,
            an_int,
            "timeout",
            "command_exited",
            command_status=3,
            preserve_status=False,
            posixly_correct=False,
            foreground=False,
        )
        found += targets_of(
            f"{wrapper_function.__name__}-signal",
            wrapper_function,
            an_int,
            "timeout",
            "command_signaled",
            signal="TERM",
        )
    found += targets_of(
        "wrapper_rule",
        wrappers.wrapper_rule,
        exit_rule,
        "timeout",
        "timed_out",
        signal=None,
        preserve_status=False,
        posixly_correct=False,
        foreground=False,
    )
    # catalog
    found += targets_of(
        "entry_by_id", catalog.entry_by_id, of_type(catalog.CatalogEntry), catalog.CATALOG[0].id
    )
    found += targets_of(
        "pattern_found",
        catalog.pattern_found,
        of_type(bool),
        "permission denied",
        "x: permission denied",
    )
    found += targets_of("pattern_length", catalog.pattern_length, an_int, "no such file|not found")
    # rules
    found += targets_of(
        "rule_by_id",
        rules.rule_by_id,
        of_type(rules.MessageRule, rules.OutcomeRule, rules.PhaseRule, kubernetes.ReasonRule),
        rules.ALL_RULES[0].id,
    )
    found += targets_of(
        "behaviour", rules.behaviour, of_type(bool), rules.BEHAVIOURS[0].id, profiles.DEFAULT
    )
    # profiles
    a_profile = of_type(Profile)
    found += targets_of(
        "docker", profiles.docker, a_profile, "28.2.2", engine_version="27.5.1", platform="linux"
    )
    found += targets_of("podman", profiles.podman, a_profile, "5.8.0", platform="linux")
    found += targets_of("nerdctl", profiles.nerdctl, a_profile, "2.1.0", platform="linux")
    found += targets_of("from_spec", profiles.from_spec, a_profile, "docker@28.2.2:windows")
    found += targets_of("parse_version", profiles.parse_version, of_type(Version), "28.2.2")
    # adapters, kubernetes
    found += targets_of(
        "adapt", adapters.adapt, of_type(adapters.Adapted, None), {"StatusCode": 1, "Error": None}
    )
    found += targets_of(
        "pod_failure_policy_rule",
        kubernetes.pod_failure_policy_rule,
        of_type(int, None),
        137,
        [{"action": "FailJob", "onExitCodes": {"operator": "In", "values": [137]}}],
        container_name="main",
    )
    # recipes: a client's own exceptions propagate, as documented ("Anything else ...
    # propagates: a programming error is not an exit code"): Boom is allowed there.
    found += targets_of(
        "run_like_docker",
        recipes.run_like_docker,
        resolution,
        _Client(),
        "busybox",
        ["true"],
        detach=False,
        remove=True,
        profile=profiles.DEFAULT,
        raises=(*OURS, Boom),
    )
    found += targets_of(
        "exit_like_docker",
        _exit_code,
        of_type(int),
        _Client(),
        "busybox",
        ["true"],
        raises=(*OURS, Boom),
    )
    # strategies: argument errors are Hypothesis' InvalidArgument, as documented.
    a_strategy = of_type(st.SearchStrategy)

    def built(function: Callable[..., object]) -> Callable[..., object]:
        return lambda *args, **kwargs: _draw_one(function(*args, **kwargs))

    strategy_calls: list[tuple[Callable[..., object], dict[str, Any]]] = [
        (strategies.classifications, {"profile": profiles.DEFAULT}),
        (strategies.resolutions, {"profile": profiles.DEFAULT}),
        (strategies.evidence, {"profile": profiles.DEFAULT}),
        (strategies.container_states, {"statuses": ["exited"], "profile": profiles.DEFAULT}),
        (
            strategies.daemon_errors,
            {
                "outcome": exitcodes.ExitOutcome.NOT_FOUND,
                "engine": "docker",
                "profile": profiles.DEFAULT,
            },
        ),
        (strategies.exec_inspects, {"status_codes": st.just(3)}),
        (strategies.wait_responses, {"status_codes": st.just(3), "allow_error": True}),
        (
            strategies.exit_codes,
            {"min_value": 0, "max_value": 255, "allow_signals": True, "windows": False},
        ),
        (strategies.kubernetes_states, {"kinds": ("terminated",)}),
        (
            strategies.profiles,
            {
                "engine": "docker",
                "platforms": ["linux"],
                "min_version": "20.10.0",
                "max_version": "28.2.2",
            },
        ),
        (
            strategies.versions,
            {"engine": "docker", "min_version": "20.10.0", "max_version": "28.2.2"},
        ),
        (
            strategies.scenarios,
            {"profile": profiles.DEFAULT, "commands": ["run"], "phases": ["start"]},
        ),
    ]
    for strategy_function, kwargs in strategy_calls:
        found += targets_of(
            f"strategies.{strategy_function.__name__}",
            built(strategy_function),
            a_strategy,
            raises=HYPOTHESIS_FACING,
            **kwargs,
        )
    # testing: func's disagreements are ExitSemanticsError, argument errors InvalidArgument.
    # Each runs Hypothesis itself, so they are tried with the named shapes only (NESTED).
    semantics = (*HYPOTHESIS_FACING, testing.ExitSemanticsError)
    # max_examples is called with the default 500 nowhere: a huge int there is a request
    # for a long run, not hostile evidence; its checks are test_testing.py's.
    found += targets_of(
        "check_exit_semantics",
        functools.partial(testing.check_exit_semantics, max_examples=3),
        of_type(None),
        _right,
        profile=profiles.DEFAULT,
        commands=["run"],
        phases=["start"],
        raises=semantics,
    )
    found.append(
        Target(
            "check_exit_semantics[returns]",
            lambda value: testing.check_exit_semantics(
                lambda scenario: value, commands=["run"], phases=["start"], max_examples=3
            ),
            of_type(None),
            _NEVER_RIGHT,
            semantics,
        )
    )
    found += targets_of(
        "ExitSemanticsCheck", _bound_check, of_type(None), profiles.DEFAULT, raises=semantics
    )
    return found


class _RightAnswer:
    """What a correct tool returns: the scenario's expected exit code."""

    def __call__(self, scenario: strategies.Scenario) -> int:
        return scenario.expected.exit_code


_right = _RightAnswer()
_NEVER_RIGHT = 300  # no POSIX exit code: check_exit_semantics[returns] fails on its first scenario


def _bound_check(profile: object) -> None:
    testing.ExitSemanticsCheck(profile)(_right, commands=["run"], phases=["start"], max_examples=3)  # type: ignore[arg-type]


#: The targets that run Hypothesis themselves: not inside a property test.
NESTED = ("check_exit_semantics", "ExitSemanticsCheck")


TARGETS = _build_targets()
TARGET_IDS = [target.name for target in TARGETS]


# --- the run of one hostile call ------------------------------------------------------------


def run_hostile(target: Target, value: object) -> object:
    """Call *target* with *value*: a valid result, or an allowed error with a message,
    within BUDGET seconds. Anything else escapes and fails the test."""
    start = time.monotonic()
    try:
        result = target.call(value)
    except target.raises as error:
        message = str(error)  # the message itself must not raise
        assert message.strip(), f"{type(error).__name__} without a message"
        result = error
    else:
        target.check(result)
    elapsed = time.monotonic() - start
    assert elapsed < BUDGET, f"{target.name} took {elapsed:.1f} s"
    return result


# --- the cache-poisoning check ----------------------------------------------------------------

#: Plain calls whose answers no hostile call may change: each evaluated here and in a
#: fresh interpreter (the pristine answers), and compared value and field types.
PROBES = [
    "classify(7)",
    "classify(137)",
    "classify(15)",
    "classify(0)",
    "classify(255)",
    "classify(-1)",
    "classify(999)",
    f"classify({NOT_FOUND!r})",
    "classify('permission denied')",
    "classify(b'permission denied')",
    "classify({'StatusCode': 7, 'Error': None})",
    "classify({'State': {'Status': 'exited', 'ExitCode': 137, 'OOMKilled': True}})",
    "classify({'ExitCode': 3, 'Running': False})",
    "classify({'message': 'permission denied'})",
    "classify(7, profile=profiles.docker('20.10.24'))",
    "classify(137, profile=profiles.docker('28.2.2', platform='windows'))",
    f"classify({NOT_FOUND!r}, profile=profiles.podman())",
    "resolve('run', wait={'StatusCode': 3, 'Error': None})",
    "resolve('run', wait=7)",
    f"resolve('run', error={NOT_FOUND!r})",
    "resolve('run', error='permission denied', phase='create')",
    "resolve('exec', exec_inspect={'ExitCode': 3, 'Running': False})",
    "resolve('run', wait=0, attached_streams=['stdin'], profile=profiles.docker('27.5.1'))",
    "explain(137)",
    "explain_exit(139, output='Segmentation fault')",
    "wrappers.wrapper_exit_code('timeout', 'command_exited', command_status=7)",
    "wrappers.wrapper_returncode('timeout', 'command_signaled', signal='TERM')",
    "wrappers.classify_wrapper_status('timeout', 124)",
    "wrappers.classify_shell_status('bash', 137)",
    "wrappers.exit_builtin_status('bash', '300')",
    "wrappers.shell_exit_code('bash', 'command_exited', command_status=7)",
    "conversions.truncate_status(271)",
    "conversions.returncode_to_shell_code(-15)",
    "conversions.decode_wait_status(0x0F00)",
    "conversions.signal_info('TERM')",
    "conversions.signal_number('SIGTERM')",
    "conversions.ntstatus(0xC0000005)",
    "catalog.entry_by_id('exit-127')",
    "adapters.adapt({'StatusCode': 1, 'Error': None})",
    "profiles.docker('28.2.2')",
    "profiles.parse_version('28.2.2')",
    "rules.rule_by_id('docker-cli/exit-code')",
    "rules.behaviour('docker-cli/is-a-directory-126', profiles.docker('20.10.24'))",
    "kubernetes.pod_failure_policy_rule(137, "
    "[{'action': 'FailJob', 'onExitCodes': {'operator': 'In', 'values': [137]}}])",
]
_PROBE_IMPORTS = (
    "from exitcodes import adapters, catalog, classify, conversions, explain, explain_exit,"
    " kubernetes, profiles, resolve, rules, wrappers"
)
_NAMESPACE: dict[str, Any] = {}
exec(_PROBE_IMPORTS, _NAMESPACE)


def _answer(expression: str) -> object:
    try:
        return eval(expression, _NAMESPACE)
    except Exception as error:
        return (type(error).__name__, str(error))


def _shape(value: object) -> object:
    """The types inside *value*: type(), field by field, item by item."""
    cls = type(value)
    if attrs.has(cls):
        fields = attrs.fields(cls)
        return type(value), tuple(_shape(getattr(value, field.name)) for field in fields)
    if isinstance(value, (tuple, list, frozenset)):
        return type(value), tuple(_shape(item) for item in value)
    return type(value)


_PRISTINE_SCRIPT = f"""
import base64, pickle, sys
{_PROBE_IMPORTS}
answers = []
for expression in {PROBES!r}:
    try:
        answers.append(eval(expression))
    except Exception as error:
        answers.append((type(error).__name__, str(error)))
sys.stdout.write(base64.b64encode(pickle.dumps(answers)).decode())
"""


@functools.cache
def pristine() -> list[object]:
    """The probes' answers in a fresh interpreter that never met a hostile value."""
    done = subprocess.run(
        [sys.executable, "-c", _PRISTINE_SCRIPT],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    answers: list[object] = pickle.loads(base64.b64decode(done.stdout))
    return answers


def check_not_poisoned(after: str) -> None:
    """Every probe answers what it answers in a pristine interpreter, type for type."""
    for expression, expected in zip(PROBES, pristine(), strict=True):
        got = _answer(expression)
        assert got == expected, f"after {after}: {expression} is {got!r}, was {expected!r}"
        assert _shape(got) == _shape(expected), (
            f"after {after}: {expression} has the types {_shape(got)}, was {_shape(expected)}"
        )


# --- the tests ----------------------------------------------------------------------------------


def test_the_probes_answer_as_in_a_fresh_interpreter() -> None:
    # Before any hostile call of this file: the comparison itself is sound.
    check_not_poisoned("nothing")
    assert all(not isinstance(answer, tuple) for answer in pristine()), pristine()


@pytest.mark.parametrize(
    "change",
    [{"exit_code": 999}, {"status": signal.SIGTERM}],
    ids=["answer", "field-type"],
)
def test_the_probes_catch_a_changed_answer(
    monkeypatch: pytest.MonkeyPatch, change: dict[str, Any]
) -> None:
    # The check can fail: a classify whose answer to 15 changed (the value, or only
    # the type of a field, as after classify(signal.SIGTERM) in issue 14) is caught.
    def changed(evidence: object, **kwargs: Any) -> Classification:
        found = classify(evidence, **kwargs)
        return attrs.evolve(found, **change) if evidence == 15 else found

    monkeypatch.setitem(_NAMESPACE, "classify", changed)
    with pytest.raises(AssertionError, match=r"classify\(15\)"):
        check_not_poisoned("the change")


@pytest.mark.parametrize("target", TARGETS, ids=TARGET_IDS)
def test_each_target_takes_its_plain_value(target: Target) -> None:
    # Each target's slot is live: its plain value gives a valid result, so a hostile
    # value there is read where the function reads it.
    if target.name == "check_exit_semantics[returns]":
        with pytest.raises(testing.ExitSemanticsError):
            target.call(target.plain)
        return
    result = target.call(target.plain)
    target.check(result)


#: Failures known today, by test id: each an issue 14 defect in a module another
#: engineer is fixing. Strict: the fix turns the mark into a failure, to be removed.
KNOWN: dict[str, str] = {}


PROPERTY_TARGETS = [target for target in TARGETS if not target.name.startswith(NESTED)]


#: The property's derandomized failures known today, by target.
KNOWN_PROPERTY: dict[str, str] = {}


@pytest.mark.parametrize(
    "target",
    [
        pytest.param(
            target,
            id=target.name,
            marks=[
                pytest.mark.xfail(strict=True, reason=f"issue 14: {KNOWN_PROPERTY[target.name]}")
            ]
            if target.name in KNOWN_PROPERTY
            else [],
        )
        for target in PROPERTY_TARGETS
    ],
)
@CAMPAIGN
@given(value=hostile())
def test_every_public_function_is_total_on_hostile_input(target: Target, value: object) -> None:
    run_hostile(target, value)
    check_not_poisoned(f"{target.name} with a hostile value")


def _failure(target: Target, shape: str) -> str | None:
    """Why *target* fails on the named *shape* (None when it does not)."""
    try:
        run_hostile(target, NAMED[shape]())
        check_not_poisoned(f"{target.name} with {shape}")
    except Exception as error:  # collected, then reported together
        return f"{shape}: {type(error).__name__}: {str(error)[:300]}"
    return None


@pytest.mark.parametrize("target", TARGETS, ids=TARGET_IDS)
def test_every_public_function_is_total_on_the_named_shapes(target: Target) -> None:
    # Every named shape but the known failures (tested one by one below).
    failures = [
        failure
        for shape in NAMED
        if f"{target.name}-{shape}" not in KNOWN
        for failure in [_failure(target, shape)]
        if failure is not None
    ]
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize(
    ("target", "shape"),
    [
        pytest.param(
            target,
            shape,
            id=f"{target.name}-{shape}",
            marks=pytest.mark.xfail(
                strict=True, reason=f"issue 14: {KNOWN[f'{target.name}-{shape}']}"
            ),
        )
        for target in TARGETS
        for shape in NAMED
        if f"{target.name}-{shape}" in KNOWN
    ]
    or [pytest.param(None, None, marks=pytest.mark.skip(reason="no known failure left"))],
)
def test_known_failures_on_named_shapes(target: Target, shape: str) -> None:
    run_hostile(target, NAMED[shape]())
    check_not_poisoned(f"{target.name} with {shape}")


# --- issue 14's reproductions, as quoted ------------------------------------------------------


def _ours_or(call: Callable[[], object]) -> object:
    """The call's result, or None when it raised an ExitCodesError (with a message)."""
    try:
        return call()
    except ExitCodesError as error:
        assert str(error).strip()
        return None


def test_a_lying_and_neither_answers_nor_poisons() -> None:
    """Issue 14: "after `classify(Evil(7))` whose `__and__` returns 999, every later
    `classify(7)` returns 999"."""
    found = _ours_or(lambda: classify(_Evil(7)))
    assert found is None or (isinstance(found, Classification) and found.exit_code == 7)
    assert classify(7).exit_code == 7
    check_not_poisoned("classify(Evil(7))")


def test_a_signal_member_leaves_later_statuses_plain() -> None:
    """Issue 14: "after `classify(signal.SIGTERM)`, `classify(15).status` is an enum
    member"."""
    found = _ours_or(lambda: classify(signal.SIGTERM))
    assert found is None or type(found.status) is int  # type: ignore[attr-defined]
    assert type(classify(15).status) is int
    check_not_poisoned("classify(signal.SIGTERM)")


HUGE_CALLS: dict[str, Callable[[], object]] = {
    "exit_builtin_status": lambda: wrappers.exit_builtin_status("bash", "9" * 5_000),
    "shell_exit_code": lambda: wrappers.shell_exit_code(
        "bash", "exit_builtin", argument="9" * 5_000
    ),
    "wrapper_exit_code": lambda: wrappers.wrapper_exit_code(
        "timeout", "command_exited", command_status=huge_int(5_000)
    ),
    "classify_wrapper_status": lambda: wrappers.classify_wrapper_status("timeout", huge_int(5_000)),
    "completed-process": lambda: classify(
        subprocess.CompletedProcess(["docker", "run", "x"], huge_int(5_000))
    ),
    "popen-like": lambda: classify(
        mock.Mock(spec=subprocess.Popen, returncode=huge_int(5_000), args=["docker"])
    ),
    "exec-result": lambda: classify(
        mock.Mock(exit_code=huge_int(5_000), output=b"", spec=["exit_code", "output"])
    ),
}


@pytest.mark.parametrize("call", HUGE_CALLS.values(), ids=list(HUGE_CALLS))
def test_ints_past_the_digit_limit_are_our_errors(call: Callable[[], object]) -> None:
    """Issue 14: "Integers over 4,300 digits raise a plain `ValueError` in wrappers and SDK
    returncodes"."""
    found = _ours_or(call)
    assert found is None or not isinstance(found, BaseException)
    check_not_poisoned("an int of 5,000 digits")


HAND_BUILT_PROFILES: dict[str, Callable[[], object]] = {
    "mock-spec-profile": lambda: mock.Mock(spec=Profile),
    "magic-mock-spec-profile": lambda: mock.MagicMock(spec=Profile),
    "str-version-fields": lambda: Profile(
        exitcodes.Engine.DOCKER,
        Version("a", None),  # type: ignore[arg-type]
        Version(28, 2, 2),
    ),
    "str-engine-version": lambda: Profile(
        exitcodes.Engine.DOCKER,
        Version(28, 2, 2),
        "28.2.2",  # type: ignore[arg-type]
    ),
}


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(
            make,
            id=name,
        )
        for name, make in HAND_BUILT_PROFILES.items()
    ],
)
@pytest.mark.parametrize(
    "call",
    [
        lambda profile: classify(7, profile=profile),
        lambda profile: classify("permission denied", profile=profile),
        lambda profile: resolve("run", wait=3, profile=profile),
        lambda profile: explain(137, profile=profile),
    ],
    ids=["classify-status", "classify-message", "resolve", "explain"],
)
def test_hand_built_profiles_are_our_errors(
    call: Callable[[object], object], make: Callable[[], object]
) -> None:
    """Issue 14: "a hand-built `Profile` or `Mock(spec=Profile)` raises
    IndexError/AttributeError"."""
    found = _ours_or(lambda: call(make()))
    assert found is None or isinstance(found, (Classification, Resolution, Explanation))
    check_not_poisoned("a hand-built profile")


@pytest.mark.parametrize("entry_id", ["nope", [], {}, None], ids=repr)
def test_entry_by_id_raises_our_error(entry_id: Any) -> None:
    """Issue 14: "`catalog.entry_by_id` raises plain `KeyError`/`TypeError`"."""
    with pytest.raises(ExitCodesError, match=r"\S"):
        catalog.entry_by_id(entry_id)


def test_adapted_values_are_hashable() -> None:
    """Issue 14: "`adapters.Adapted` is frozen but unhashable"."""
    found = adapters.adapt(_Container())  # docker-py's Container: .attrs is a dict
    assert isinstance(found, adapters.Adapted)
    assert hash(found) == hash(copy.deepcopy(found))
    assert {found: 1}[copy.deepcopy(found)] == 1


class _Marker:
    def __init__(self, spec: object) -> None:
        self.args = (spec,)
        self.kwargs: dict[str, object] = {}


class _Request:
    """What the exitcodes_profile fixture reads of pytest's request: the closest marker."""

    def __init__(self, spec: object) -> None:
        self.node = mock.Mock(get_closest_marker=lambda name: _Marker(spec))


@pytest.mark.parametrize(
    "spec",
    [
        liar(str, "docker@nope", {"__repr__": "raise"}),
        liar(object, None, {"__repr__": "raise", "__str__": "raise"}),
        huge_int(5_000),
    ],
    ids=["str-repr-raises", "object-repr-raises", "int-5000-digits"],
)
def test_the_profile_marker_reports_a_hostile_spec(spec: object) -> None:
    # A hostile marker spec fails the test with pytest's own failure, naming the marker;
    # the spec's __repr__ (or str() of a huge int) never replaces it.
    from exitcodes import pytest_plugin

    fixture = pytest_plugin.exitcodes_profile.__wrapped__  # type: ignore[attr-defined]
    with pytest.raises(pytest.fail.Exception, match="exitcodes_profile"):
        fixture(_Request(spec))
