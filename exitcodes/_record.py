"""A tiny base for the frozen value classes that ``import exitcodes`` builds.

``attrs`` writes the source of the methods of every class it decorates, and
compiles it, when the class is defined: a good part of the cost of importing the
package. :class:`Record` holds its methods once, written out by hand, and finds a
subclass's fields in its ``__slots__``: defining a subclass generates no code. The
behaviour is that of ``@attrs.frozen``: equality with instances of the same class
only, a hash of the field values, attrs' repr, frozen instances
(:class:`attrs.exceptions.FrozenInstanceError`), pickling and copying,
``__match_args__``, and :meth:`Record.evolve` (also ``copy.replace`` on Python
3.13).

A subclass lists its fields in ``__slots__``, in order, annotates them at class
level (for type checkers; no values there), and writes its own ``__init__``, which
assigns each field with ``object.__setattr__``. Slots whose names start with ``_``
are private caches, not fields: they take no part in equality, hashing, the repr,
pickling or :meth:`~Record.evolve`.

This module is internal; nothing in it is part of the public API.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, TypeVar

# The package, not ``from attrs.exceptions import ...``: that locks the submodule before
# its package, the reverse of ``import attrs``, and a thread importing each way at once
# deadlocks (``_DeadlockError``, or the other one gets a half-imported attrs).
import attrs

__all__ = ["Record"]

_R = TypeVar("_R", bound="Record")


def _values_getter(fields: tuple[str, ...]) -> Callable[[object], tuple[object, ...]]:
    """A callable that returns the values of *fields* of an instance, as a tuple.

    :func:`operator.attrgetter` returns a tuple only for two names or more; one name
    gives the bare value and none is an error, so those two cases get a function.
    """
    if len(fields) > 1:
        return operator.attrgetter(*fields)
    if fields:
        (name,) = fields

        def one(record: object) -> tuple[object, ...]:
            """The single field's value, as a one-tuple."""
            return (getattr(record, name),)

        return one

    def none(record: object) -> tuple[object, ...]:
        """A class without fields has no values."""
        return ()

    return none


class Record:
    """Base of frozen, slotted value classes whose methods are written once, here.

    Subclasses declare ``__slots__`` (the fields, in order, plus any private
    ``_``-prefixed caches), class-level annotations, and an ``__init__``. Instances
    compare equal when they are of the same class and their field values are
    equal, hash by their field values, and cannot be changed after ``__init__``.
    """

    # Instances can be weakly referenced, as those of slotted attrs classes can.
    __slots__ = ("__weakref__",)

    _fields: ClassVar[tuple[str, ...]] = ()
    """The names of the fields, in ``__slots__`` order (private slots excluded)."""

    __match_args__: ClassVar[tuple[str, ...]] = ()
    """The fields, for positional class patterns in ``match`` statements."""

    _values: ClassVar[staticmethod[[object], tuple[object, ...]]] = staticmethod(_values_getter(()))
    """Return an instance's field values as a tuple, in field order."""

    def __init_subclass__(cls, **kwargs: object) -> None:
        """Find the new class's fields in its ``__slots__`` (and its bases')."""
        super().__init_subclass__(**kwargs)
        if "__slots__" not in cls.__dict__:
            raise TypeError(f"{cls.__qualname__} must declare __slots__ (its fields, in order)")
        names: list[str] = []
        for klass in reversed(cls.__mro__):
            slots = klass.__dict__.get("__slots__", ())
            for name in (slots,) if isinstance(slots, str) else slots:
                if not name.startswith("_"):
                    names.append(name)
        fields = tuple(names)
        cls._fields = fields
        cls.__match_args__ = fields  # type: ignore[misc]  # mypy takes it for a constant
        cls._values = staticmethod(_values_getter(fields))

    def __eq__(self, other: object) -> bool:
        """Equal to an instance of exactly the same class with equal field values."""
        if other.__class__ is not self.__class__:
            return NotImplemented
        values = self._values
        return values(self) == values(other)

    def __hash__(self) -> int:
        """The hash of the field values (equal instances hash equal)."""
        return hash(self._values(self))

    def __repr__(self) -> str:
        """``ClassName(field=value, ...)``, with each value's repr, as attrs prints it."""
        name = self.__class__.__qualname__.rsplit(">.", 1)[-1]
        fields = ", ".join(
            f"{field}={value!r}"
            for field, value in zip(self._fields, self._values(self), strict=True)
        )
        return f"{name}({fields})"

    if not TYPE_CHECKING:
        # Hidden from type checkers: a visible __setattr__ would make them accept an
        # assignment to any attribute name, which is an error for them now.

        def __setattr__(self, name: str, value: object) -> None:
            """Refuse: instances are frozen."""
            raise attrs.exceptions.FrozenInstanceError()

        def __delattr__(self, name: str) -> None:
            """Refuse: instances are frozen."""
            raise attrs.exceptions.FrozenInstanceError()

    def __reduce__(self) -> tuple[type[Record], tuple[object, ...]]:
        """Pickle (and copy) as a call of the class with the field values.

        The frozen ``__setattr__`` rules out the default restoring of slot state;
        calling the class also recomputes any private cache.
        """
        return self.__class__, self._values(self)

    def evolve(self: _R, /, **changes: object) -> _R:
        """Return a copy with the fields named in *changes* replaced, as ``attrs.evolve``.

        Raises:
            TypeError: a name in *changes* is not a field of the class.
        """
        cls = self.__class__
        fields = cls._fields
        unknown = [name for name in changes if name not in fields]
        if unknown:
            raise TypeError(
                f"{cls.__qualname__}.evolve() got an unexpected keyword argument {unknown[0]!r}"
                f" (the fields are {', '.join(fields)})"
            )
        arguments = dict(zip(fields, cls._values(self), strict=True))
        arguments.update(changes)
        build: Callable[..., _R] = cls
        return build(**arguments)

    __replace__ = evolve
    """``copy.replace(record, **changes)`` (Python 3.13): the same as :meth:`evolve`."""
