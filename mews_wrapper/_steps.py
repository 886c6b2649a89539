"""The step vocabulary: what a program asks its shell to do, and what the shell hands back.

A program (see `_program`) is a generator that does no I/O. It yields `Pace` (wait for the rate limiter), `Send`
(make this HTTP request and send me its `Outcome`), `HoldBack` (Mews said 429: hold every client of the token
back), `Sleep` (wait, then go on) and `Emit` (hand this value to the caller); the shells in `_shells` perform them.
"""

from __future__ import annotations

from collections.abc import Generator, Mapping
from typing import Any, Generic, TypeAlias, TypeVar

import attrs
import httpx

_EndpointT = TypeVar("_EndpointT")


@attrs.frozen
class Send(Generic[_EndpointT]):
    """A request ready for httpx: `client.request(**kwargs)`. The kwargs hold the tokens: never shown.

    `endpoint` is the operation it is for (an `_endpoint.Endpoint`); the step vocabulary sits at the bottom of the
    core and imports none of it.
    """

    endpoint: _EndpointT
    kwargs: Mapping[str, Any] = attrs.field(repr=False)


@attrs.frozen
class Pace:
    """Wait for the rate limiter's leave to send (nothing has gone out yet)."""


PACE = Pace()


@attrs.frozen
class HoldBack:
    """Mews answered 429: every client sharing the token's window holds back, and an adaptive window slows down.

    `seconds` is the hold Mews asked for, 0 when it gave no `Retry-After`.
    """

    seconds: float


@attrs.frozen
class Sleep:
    """Wait this many seconds before going on."""

    seconds: float


@attrs.frozen
class Emit:
    """Hand a value to the caller (a page, or the result of a write)."""

    value: Any


@attrs.frozen
class Outcome:
    """What one HTTP request gave: a response or an httpx error, and how long it took."""

    response: httpx.Response | None
    error: httpx.RequestError | None
    elapsed_ms: float


Step: TypeAlias = Send[Any] | Pace | HoldBack | Sleep | Emit
Program: TypeAlias = Generator[Step, Outcome | None, None]
