"""Things by name, as hotel staff know them: the rule `vouchers.find`, `rates.find` and `enterprises.find` share.

An exact match wins; else a match that differs only in letter case and surrounding spaces. None is `NoMatchError`
naming the closest names; several are `AmbiguousMatchError` listing them (its `matches`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from mews_wrapper._exceptions import AmbiguousMatchError, NoMatchError

_T = TypeVar("_T")
SHOWN_CANDIDATES = 10


def match_named(
    name: str, items: Sequence[_T], *, kind: str, name_of: Callable[[_T], str | None], about: Callable[[_T], str]
) -> _T:
    """The one item of `items` called `name` (`kind`: `voucher`, `rate`...; `about`: how a match is listed)."""
    matches = [item for item in items if name_of(item) == name]
    if not matches:
        folded = name.strip().casefold()
        matches = [item for item in items if (name_of(item) or "").strip().casefold() == folded]
    if len(matches) == 1:
        return matches[0]
    if matches:
        listed = "; ".join(about(item) for item in matches)
        raise AmbiguousMatchError(f"{len(matches)} {kind}s are called {name!r}: {listed}; pass its id", matches)
    import difflib  # noqa: PLC0415 - only for this error: not a cost of every import

    names = sorted({text for item in items if (text := name_of(item))})
    close = difflib.get_close_matches(name, names, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(map(repr, close))}?" if close else ""
    shown = ", ".join(map(repr, names[:SHOWN_CANDIDATES])) + (", ..." if len(names) > SHOWN_CANDIDATES else "")
    known = f" (the token reaches {len(names)}: {shown})" if names else f" (the token reaches no {kind})"
    raise NoMatchError(f"no {kind} is called {name!r}{hint}{known}")
