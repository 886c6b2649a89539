"""Client configuration: constructor arguments first, environment variables second, documented defaults last."""

from __future__ import annotations

import math
import os
import uuid
from collections.abc import Mapping

import attrs
import httpx

from mews_wrapper._constants import DEFAULT_TIMEOUT, DEMO_PLATFORM_URL
from mews_wrapper._exceptions import MewsValidationError
from mews_wrapper._secrets import Scrubber, Secret
from mews_wrapper._validation import check_credential, check_platform_url, check_text, check_timeout, to_uuid
from mews_wrapper._version import __version__

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"", "0", "false", "no", "off"})


@attrs.frozen
class ClientConfig:
    """Everything a client needs to build requests, resolved and checked once.

    `timeout` is None when the caller gave none: the client's own httpx client then uses `DEFAULT_TIMEOUT`, and an
    injected one keeps its own.
    """

    client_token: Secret
    access_token: Secret
    client_name: str
    platform_url: str
    portfolio: bool
    enterprise_id: uuid.UUID | None
    timeout: httpx.Timeout | None
    max_retries: int
    scrubber: Scrubber = attrs.field(eq=False, repr=False)
    max_pages: int | None = None
    """The most pages one paged query may follow (None: no cap; a warning at `PAGES_WARNED`)."""

    def own_timeout(self) -> httpx.Timeout:
        """The timeout of an httpx client the wrapper makes itself."""
        return self.timeout or httpx.Timeout(DEFAULT_TIMEOUT)


def resolve_config(
    client_token: object,
    access_token: object,
    client: object,
    *,
    platform_url: object,
    portfolio: object,
    enterprise_id: object,
    timeout: object,
    max_retries: object,
    max_pages: object = None,
    environ: Mapping[str, str] | None = None,
) -> ClientConfig:
    """Resolve arguments and MEWS_* environment variables into a checked `ClientConfig`.

    An argument that is None is not given: the environment, then the default, stand in. Anything else is checked,
    and a bad value raises `MewsValidationError` naming the argument (or the variable).
    """
    env = os.environ if environ is None else environ
    client_secret = check_credential(client_token, env.get("MEWS_CLIENT_TOKEN"), "client_token", "MEWS_CLIENT_TOKEN")
    access_secret = check_credential(access_token, env.get("MEWS_ACCESS_TOKEN"), "access_token", "MEWS_ACCESS_TOKEN")
    if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
        raise MewsValidationError(f"max_retries must be a whole number >= 0, got {max_retries!r}")
    if max_pages is not None and (isinstance(max_pages, bool) or not isinstance(max_pages, int) or max_pages < 1):
        raise MewsValidationError(f"max_pages must be a whole number >= 1 or None, got {max_pages!r}")
    return ClientConfig(
        client_token=Secret(client_secret),
        access_token=Secret(access_secret),
        client_name=_client_name(client, env),
        platform_url=_platform_url(platform_url, env),
        portfolio=_portfolio(portfolio, env),
        enterprise_id=_enterprise_id(enterprise_id, env),
        timeout=_timeout(timeout),
        max_retries=max_retries,
        scrubber=Scrubber((client_secret, access_secret)),
        max_pages=max_pages,
    )


def with_options(config: ClientConfig, *, timeout: object = None, max_retries: object = None) -> ClientConfig:
    """The configuration with another timeout or number of retries (None keeps the one it has), checked."""
    if max_retries is not None and (
        isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0
    ):
        raise MewsValidationError(f"max_retries must be a whole number >= 0, got {max_retries!r}")
    return attrs.evolve(
        config,
        timeout=config.timeout if timeout is None else _timeout(timeout),
        max_retries=config.max_retries if max_retries is None else max_retries,
    )


def _client_name(client: object, env: Mapping[str, str]) -> str:
    if client is not None:
        return check_text(client, "client")
    if env.get("MEWS_CLIENT"):
        return check_text(env["MEWS_CLIENT"], "MEWS_CLIENT")
    return f"mews-wrapper {__version__}"


def _platform_url(platform_url: object, env: Mapping[str, str]) -> str:
    if platform_url is not None:
        return check_platform_url(platform_url)
    if env.get("MEWS_PLATFORM_URL"):
        try:
            return check_platform_url(env["MEWS_PLATFORM_URL"])
        except MewsValidationError as error:
            raise MewsValidationError(f"MEWS_PLATFORM_URL: {error}") from None
    return DEMO_PLATFORM_URL


def _portfolio(portfolio: object, env: Mapping[str, str]) -> bool:
    if portfolio is not None:
        if not isinstance(portfolio, bool):
            raise MewsValidationError(f"portfolio must be True or False, got {portfolio!r}")
        return portfolio
    flag = env.get("MEWS_PORTFOLIO", "").strip().lower()
    if flag not in _TRUE | _FALSE:
        raise MewsValidationError(f"MEWS_PORTFOLIO must be 1/true/yes/on or 0/false/no/off, got {flag!r}")
    return flag in _TRUE


def _enterprise_id(enterprise_id: object, env: Mapping[str, str]) -> uuid.UUID | None:
    if enterprise_id is not None:
        return to_uuid(enterprise_id, "enterprise_id")
    if env.get("MEWS_ENTERPRISE_ID"):
        return to_uuid(env["MEWS_ENTERPRISE_ID"], "MEWS_ENTERPRISE_ID")
    return None


def _timeout(timeout: object) -> httpx.Timeout | None:
    """None (not given), a number of seconds, or an httpx.Timeout whose parts are finite and positive, or None."""
    if not isinstance(timeout, httpx.Timeout):
        seconds = check_timeout(timeout)
        return None if seconds is None else httpx.Timeout(seconds)
    for part in (timeout.connect, timeout.read, timeout.write, timeout.pool):
        if part is not None and (not math.isfinite(part) or part <= 0):
            raise MewsValidationError(
                f"timeout: every part of an httpx.Timeout must be above 0 and finite, got {timeout}"
            )
    return timeout
