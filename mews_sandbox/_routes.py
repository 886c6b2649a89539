"""One operation of the sandbox: its name (the path after `/api/connector/v1/`), its handler, its empty answer."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mews_sandbox._config import AccessGrant
    from mews_sandbox._state import SandboxState

API_PREFIX = "/api/connector/v1/"

Handler = Callable[["SandboxState", Mapping[str, Any], "AccessGrant"], "dict[str, Any] | None"]
"""Checks a request body as Mews does and acts: the answer, or None for an empty page or a done delete."""


@dataclass(frozen=True)
class Route:
    """One operation: its name, its handler, and its empty answer.

    `name` is Mews' (`vouchers/getAll`); `empty` is what a None answer becomes without `Prefer: return=minimal`
    (None: the handler never answers None).
    """

    name: str
    handler: Handler
    empty: dict[str, Any] | None

    @property
    def path(self) -> str:
        """The full path the route is served at."""
        return API_PREFIX + self.name
