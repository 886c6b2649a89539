"""`PublicValue`, what every value read from Mews is (equality, hash and repr without `extra`), and `NO_FIELDS`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, NoReturn

import msgspec


class _NoFields(dict[str, Any]):
    """An empty dict that cannot be filled: one object shared by every value without unknown fields.

    A fresh dict per value would be one more object for the garbage collector per code read (a third of all it
    counted while paging), and a dict shared by all would let one caller's write show in every value. A dict still,
    so that `json` and `msgspec` encode it as they did.
    """

    __slots__ = ()

    def _refuse(self, *args: object, **kwargs: object) -> NoReturn:
        raise TypeError("a value's fields are read-only: copy them first (dict(value.extra))")

    __setitem__ = __delitem__ = __ior__ = _refuse
    clear = pop = popitem = setdefault = update = _refuse

    def __reduce__(self) -> str:
        return "NO_FIELDS"  # pickles as the one shared object


NO_FIELDS: Mapping[str, Any] = _NoFields()
"""The `extra` (and a service's `data`) of a value that has none: an empty dict, read-only, shared."""


class PublicValue(msgspec.Struct, frozen=True, gc=False, eq=False):
    """A value read from Mews: frozen, typed, made in C and never tracked by the garbage collector.

    Equal and hashed by every field but those in `_left_out` (`extra`: what this version does not know; for a
    service also `data`), a mapping field compared by its items; the repr shows `_shown` (None: every compared
    field). A `msgspec.Struct`, not an attrs class: attrs' per-field `eq=False` is what this does, at the speed
    reading pages needs (`msgspec.structs.replace` and `asdict` work on it).
    """

    _left_out: ClassVar[frozenset[str]] = frozenset({"extra"})
    _shown: ClassVar[tuple[str, ...] | None] = None

    def _identity(self) -> tuple[object, ...]:
        return tuple(
            frozenset(value.items()) if isinstance(value, Mapping) else value
            for value in (getattr(self, name) for name in self.__struct_fields__ if name not in self._left_out)
        )

    def __eq__(self, other: object) -> bool:
        """Equal when every compared field is (and the class is the same)."""
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._identity() == other._identity()

    def __hash__(self) -> int:
        """The hash of every compared field."""
        return hash(self._identity())

    def __repr__(self) -> str:
        """The fields that tell values apart."""
        shown = self._shown or tuple(name for name in self.__struct_fields__ if name not in self._left_out)
        return f"{type(self).__name__}({', '.join(f'{name}={getattr(self, name)!r}' for name in shown)})"
