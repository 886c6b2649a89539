"""Client configuration: constructor arguments first, environment variables second, documented defaults last."""

from __future__ import annotations

import os
import uuid
from collections.abc import Mapping

import attrs
import httpx

from mews_wrapper._constants import DEMO_PLATFORM_URL
from mews_wrapper._exceptions import MewsValidationError
from mews_wrapper._validation import check_credential, check_platform_url, to_uuid
from mews_wrapper._version import __version__

_TRUE = frozenset({"1", "true", "yes", "on"})


@attrs.frozen(repr=False)
class Secret:
    """A token that never shows itself in a repr, a str or a log line; `reveal()` gives the value."""

    _value: str

    def reveal(self) -> str:
        """The token itself: only for the request body."""
        return self._value

    def __repr__(self) -> str:
        """Always masked."""
        return "Secret('********')"

    __str__ = __repr__


@attrs.frozen
class ClientConfig:
    """Everything a client needs to build requests, resolved and checked once."""

    client_token: Secret
    access_token: Secret
    client_name: str
    platform_url: str
    portfolio: bool
    enterprise_id: uuid.UUID | None
    timeout: httpx.Timeout
    max_retries: int

    def secrets(self) -> tuple[str, str]:
        """The raw token values, to scrub them from anything Mews echoes back."""
        return self.client_token.reveal(), self.access_token.reveal()


def resolve_config(
    client_token: str | None,
    access_token: str | None,
    client: str | None,
    *,
    platform_url: str | None,
    portfolio: bool | None,
    enterprise_id: str | uuid.UUID | None,
    timeout: float | httpx.Timeout,
    max_retries: int,
    environ: Mapping[str, str] | None = None,
) -> ClientConfig:
    """Resolve arguments and MEWS_* environment variables into a checked `ClientConfig`."""
    env = os.environ if environ is None else environ
    client_token = check_credential(client_token or env.get("MEWS_CLIENT_TOKEN"), "client_token", "MEWS_CLIENT_TOKEN")
    access_token = check_credential(access_token or env.get("MEWS_ACCESS_TOKEN"), "access_token", "MEWS_ACCESS_TOKEN")
    client_name = client or env.get("MEWS_CLIENT") or f"mews-wrapper {__version__}"
    if portfolio is None:
        portfolio = env.get("MEWS_PORTFOLIO", "").strip().lower() in _TRUE
    raw_enterprise = enterprise_id if enterprise_id is not None else env.get("MEWS_ENTERPRISE_ID") or None
    if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
        raise MewsValidationError(f"max_retries must be a whole number >= 0, got {max_retries!r}")
    return ClientConfig(
        client_token=Secret(client_token),
        access_token=Secret(access_token),
        client_name=client_name,
        platform_url=check_platform_url(platform_url or env.get("MEWS_PLATFORM_URL") or DEMO_PLATFORM_URL),
        portfolio=portfolio,
        enterprise_id=None if raw_enterprise is None else to_uuid(raw_enterprise, "enterprise_id"),
        timeout=_timeout(timeout),
        max_retries=max_retries,
    )


def _timeout(timeout: float | httpx.Timeout) -> httpx.Timeout:
    if isinstance(timeout, httpx.Timeout):
        return timeout
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0:
        raise MewsValidationError(f"timeout must be a positive number of seconds or an httpx.Timeout, got {timeout!r}")
    return httpx.Timeout(float(timeout))
