"""What every subcommand shares: where to connect, how to talk, and the options that say so.

The options can be given before the subcommand or after it (`mews-vouchers --sandbox list ...` or
`mews-vouchers list ... --sandbox`); the later one wins. Anything not given comes from the environment variables that
`MewsClient` reads (`MEWS_CLIENT_TOKEN`, `MEWS_ACCESS_TOKEN`, `MEWS_PLATFORM_URL`, `MEWS_PORTFOLIO`,
`MEWS_ENTERPRISE_ID`, `MEWS_CLIENT`, `MEWS_RATE_LIMIT_STORAGE`).
"""

from __future__ import annotations

import os
import uuid
import zoneinfo
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

import click

from mews_vouchers._files.datetimes import zone_named
from mews_wrapper import __version__

_F = TypeVar("_F", bound=Callable[..., Any])


@dataclass
class Settings:
    """The shared options, as given (None: not given, so the environment or the default decides)."""

    platform_url: str | None = None
    portfolio: bool | None = None
    enterprise_id: str | None = None
    enterprise: str | None = None
    """`--enterprise NAME|ID`: resolved by name through enterprises/getAll when it is not an id."""
    sandbox: bool = False
    sandbox_reset: bool = False
    quiet: bool = False
    json: bool = False
    verbose: bool = False
    timezone: str | None = None
    rate_limit_storage: str | None = None

    @property
    def zone(self) -> zoneinfo.ZoneInfo | None:
        """The `--timezone` (None: UTC); a usage error for a name that is not an IANA timezone."""
        if self.timezone is None:
            return None
        try:
            return zone_named(self.timezone)
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="--timezone") from None

    def client_options(self, sandbox_url: str | None) -> dict[str, Any]:
        """The keyword arguments of `MewsClient` / `AsyncMewsClient` for these settings."""
        options: dict[str, Any] = {"portfolio": self.portfolio, "enterprise_id": self.enterprise_id}
        if self.rate_limit_storage is not None:
            from mews_wrapper import RateLimit  # noqa: PLC0415 - the client's modules load when a command connects

            options["rate_limit"] = RateLimit(200, 30, storage=self.rate_limit_storage)
        if not os.environ.get("MEWS_CLIENT"):
            options["client"] = f"mews-vouchers {__version__}"
        if sandbox_url is None:
            options["platform_url"] = self.platform_url
            return options
        options["platform_url"] = sandbox_url
        from mews_vouchers._shared.local_sandbox import tokens  # noqa: PLC0415 - only with --sandbox

        options["client_token"], options["access_token"] = tokens(bool(self.portfolio))
        return options

    def _with_enterprise(self, options: dict[str, Any]) -> dict[str, Any]:
        """The options with `--enterprise` resolved to `enterprise_id` (by id, or by name: one enterprises/getAll)."""
        if self.enterprise is None:
            return options
        if self.enterprise_id is not None:
            raise click.UsageError("give --enterprise or --enterprise-id, not both")
        try:
            options["enterprise_id"] = str(uuid.UUID(self.enterprise))
        except ValueError:
            from mews_wrapper import MewsClient  # noqa: PLC0415 - only to resolve a name

            with MewsClient(**options) as client:
                options["enterprise_id"] = str(client.enterprises.find(self.enterprise).id)
        return options

    @contextmanager
    def connection(self) -> Iterator[dict[str, Any]]:
        """The client options, with a local sandbox running for the block when `--sandbox` asks for one."""
        if not self.sandbox:
            missing = [name for name in _TOKEN_VARIABLES if not os.environ.get(name)]
            if missing:
                raise click.UsageError(
                    f"no tokens: set {' and '.join(missing)} (a Mews integration's ClientToken and AccessToken; "
                    "the README gives Mews' demo tokens), or run against a local sandbox with --sandbox"
                )
            yield self._with_enterprise(self.client_options(None))
            return

        def say(text: str) -> None:
            if not self.quiet:
                click.echo(f"mews-vouchers: {text}", err=True)

        from mews_vouchers._shared.local_sandbox import local_sandbox  # noqa: PLC0415 - only with --sandbox

        with local_sandbox(reset=self.sandbox_reset, on_wait=say) as url:
            yield self._with_enterprise(self.client_options(url))


_TOKEN_VARIABLES = ("MEWS_CLIENT_TOKEN", "MEWS_ACCESS_TOKEN")


def settings_of(context: click.Context) -> Settings:
    """The settings of this invocation (one object shared by the group and its subcommand)."""
    return context.ensure_object(Settings)


def _store(name: str) -> Callable[[click.Context, click.Parameter, Any], None]:
    def store(context: click.Context, _parameter: click.Parameter, value: Any) -> None:
        if value is None or (value is False and name != "portfolio"):  # --no-portfolio is said, not absent
            return  # not given here: keep what the group level (or the default) said
        setattr(settings_of(context), name, value)
        if name == "sandbox_reset":
            settings_of(context).sandbox = True

    return store


# (attribute of Settings, the option's declarations, its other attributes)
_SHARED: list[tuple[str, tuple[str, ...], dict[str, Any]]] = [
    (
        "platform_url",
        ("--platform-url",),
        {"metavar": "URL", "help": "Mews platform address (default: $MEWS_PLATFORM_URL, else the Mews demo)."},
    ),
    (
        "portfolio",
        ("--portfolio/--no-portfolio",),
        {"default": None, "help": "The access token is a Portfolio Access Token (default: $MEWS_PORTFOLIO)."},
    ),
    (
        "enterprise_id",
        ("--enterprise-id",),
        {
            "metavar": "UUID",
            "help": "The enterprise to work in; needed with a portfolio token (default: $MEWS_ENTERPRISE_ID).",
        },
    ),
    (
        "enterprise",
        ("--enterprise",),
        {
            "metavar": "NAME|ID",
            "help": "The same, by the property's name as `enterprises` shows it (a portfolio token), or its id.",
        },
    ),
    (
        "sandbox",
        ("--sandbox",),
        {"is_flag": True, "help": "Run against a local sandbox started for this command; it keeps its codes."},
    ),
    (
        "sandbox_reset",
        ("--sandbox-reset",),
        {"is_flag": True, "help": "Empty the local sandbox first (implies --sandbox)."},
    ),
    (
        "timezone",
        ("--timezone",),
        {
            "metavar": "ZONE",
            "help": "Read datetimes without an offset, and show datetimes, in this IANA timezone (Europe/Prague); "
            "default UTC.",
        },
    ),
    (
        "rate_limit_storage",
        ("--rate-limit-storage",),
        {
            "metavar": "URL",
            "help": "Share the rate-limit window through Redis (redis://host:6379/0) with every process on the token "
            "(default: $MEWS_RATE_LIMIT_STORAGE).",
        },
    ),
    ("quiet", ("-q", "--quiet"), {"is_flag": True, "help": "No progress and no summary; errors still show."}),
    ("json", ("--json",), {"is_flag": True, "help": "Print the summary (for list: the codes) as JSON."}),
    ("verbose", ("-v", "--verbose"), {"is_flag": True, "help": "Add tracebacks to errors, and the client's log."}),
]


def shared_options(*, enterprise: bool = True) -> Callable[[_F], _F]:
    """The shared options, for the group and for each subcommand.

    `enterprise=False` leaves `--enterprise-id` and `--enterprise` out: list and export have their own, a filter that
    can be repeated.
    """

    def decorate(function: _F) -> _F:
        for name, declarations, attributes in reversed(_SHARED):
            if name in ("enterprise_id", "enterprise") and not enterprise:
                continue
            option = click.option(*declarations, expose_value=False, callback=_store(name), **attributes)
            function = option(function)
        return function

    return decorate
