"""The dlt source: enterprises, services, rates, vouchers and voucher codes, incremental on `UpdatedUtc`.

One resource per table and token (`voucher_codes_<key>`, all loading the table `voucher_codes`), so that each token
keeps its own high-water mark in dlt's state and its own rate window, and tokens read in parallel. A run reads, per
table, what changed from the later of the last high-water mark (`UpdatedUtc`, dlt's incremental) and the end of the
last run's window, less `overlap`, until now (the client splits a window by Mews' 3-month rule); the first run
reads everything. The end of the last window counts too, so that a table that rarely changes (services, rates) is
read for the time since the last run, not for the years since its last change. Rows equal at the boundary are
read again on purpose (dlt's own boundary de-duplication is off): a row changed at the very instant of the mark is
not lost, and merging on `Id` makes the repeat harmless. Deleted codes and vouchers come as rows with `IsActive`
false (Mews keeps them).

Imports the public `mews_wrapper` API only.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import threading
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import dlt
import httpx

from mews_warehouse import _rows as rows
from mews_wrapper import MewsAPIError, MewsClient, RateLimit, Service, Voucher

DEFAULT_OVERLAP = dt.timedelta(minutes=10)
"""How far before the last high-water mark a run starts reading again: clock skew and writes still landing."""


class RequestTally:
    """The requests a source sent to Mews, by operation (`voucherCodes/getAll`...), across its threads."""

    def __init__(self) -> None:
        """An empty tally."""
        self._lock = threading.Lock()
        self.by_operation: Counter[str] = Counter()

    def count(self, request: httpx.Request) -> None:
        """An httpx request hook: count one request."""
        operation = request.url.path.split("/api/connector/v1/", 1)[-1]
        with self._lock:
            self.by_operation[operation] += 1


class _Token:
    """What a run knows of one token: its client options, and what several tables need read once (names, ids)."""

    def __init__(self, options: Mapping[str, Any], tally: RequestTally) -> None:
        self.options = dict(options)
        self.tally = tally
        self._lock = threading.Lock()
        self._names: dict[uuid.UUID, str | None] | None = None
        self._services: list[Service] | None = None
        self._vouchers: list[Voucher] | None = None

    @contextlib.contextmanager
    def client(self) -> Iterator[MewsClient]:
        """A client of this token whose requests are counted, closed with its connections afterwards."""
        with (
            httpx.Client(timeout=60, event_hooks={"request": [self.tally.count]}) as http,
            MewsClient(**self.options, http_client=http) as client,
        ):
            yield client

    def names(self, client: MewsClient) -> dict[uuid.UUID, str | None]:
        """The token's enterprises by id (none when it may not read them: a name is a courtesy)."""
        with self._lock:
            if self._names is None:
                try:
                    self._names = {enterprise.id: enterprise.name for enterprise in client.enterprises.get_all()}
                except MewsAPIError:
                    self._names = {}
            return self._names

    def services(self, client: MewsClient) -> list[Service]:
        """Every service the token reaches (the rates and vouchers hang off them)."""
        with self._lock:
            if self._services is None:
                self._services = list(client.services.get_all())
            return self._services

    def vouchers(self, client: MewsClient) -> list[Voucher]:
        """Every voucher the token reaches, deleted ones too (a code may change on any of them)."""
        services = self.services(client)
        with self._lock:
            if self._vouchers is None:
                ids = [service.id for service in services]
                self._vouchers = list(client.vouchers.get_all(ids)) if ids else []
            return self._vouchers


Window = tuple[dt.datetime, dt.datetime] | None
Reader = Callable[[_Token, MewsClient, Window], Iterable[list[dict[str, Any]]]]
"""A table's reader: its rows a page at a time (dlt takes a list at once far faster than row by row)."""


def _enterprises(token: _Token, client: MewsClient, window: Window) -> Iterator[list[dict[str, Any]]]:
    for page in client.enterprises.get_all_pages(updated_utc=window):
        yield [rows.enterprise_row(enterprise) for enterprise in page.items]


def _services(token: _Token, client: MewsClient, window: Window) -> Iterator[list[dict[str, Any]]]:
    names = token.names(client)
    for page in client.services.get_all_pages(updated_utc=window):
        yield [rows.service_row(service, names) for service in page.items]


def _rates(token: _Token, client: MewsClient, window: Window) -> Iterator[list[dict[str, Any]]]:
    names = token.names(client)
    services = {service.id: service.enterprise_id for service in token.services(client)}
    if services:
        for page in client.rates.get_all_pages(list(services), updated_utc=window):
            yield [rows.rate_row(rate, services.get(rate.service_id), names) for rate in page.items]


def _vouchers(token: _Token, client: MewsClient, window: Window) -> Iterator[list[dict[str, Any]]]:
    names = token.names(client)
    services = [service.id for service in token.services(client)]
    if services:
        for page in client.vouchers.get_all_pages(services, updated_utc=window, with_rates=True):
            yield [rows.voucher_row(voucher, names) for voucher in page.items]


def _codes(token: _Token, client: MewsClient, window: Window) -> Iterator[list[dict[str, Any]]]:
    names = token.names(client)
    owners = {voucher.id: voucher.enterprise_id for voucher in token.vouchers(client)}
    if owners:
        for page in client.voucher_codes.get_all_pages(list(owners), updated_utc=window):
            yield [rows.code_row(code, owners.get(code.voucher_id), names) for code in page.items]


READERS: dict[str, Reader] = {
    "enterprises": _enterprises,
    "services": _services,
    "rates": _rates,
    "vouchers": _vouchers,
    "voucher_codes": _codes,
}


def token_key(access_token: str | None) -> str:
    """A token's name in resource names and dlt's state: a short hash, never the token."""
    if access_token is None:
        return "default"
    return hashlib.sha256(access_token.encode()).hexdigest()[:12]


def _utc(value: Any) -> dt.datetime:
    """Dlt's cursor value (a pendulum DateTime, or an ISO text after a round trip) as an aware UTC datetime."""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return dt.datetime.fromtimestamp(value.timestamp(), dt.UTC)


def _resource(table: str, token: _Token, key: str, overlap: dt.timedelta, parallel: bool) -> Any:
    read = READERS[table]

    def load(
        updated: Any = dlt.sources.incremental(  # noqa: B008 - dlt's own idiom: the default carries the state
            "UpdatedUtc",
            initial_value=None,
            lag=overlap.total_seconds(),  # noqa: B008
            primary_key=(),  # no de-duplication at the boundary: a row changed at the mark must come again
            on_cursor_value_missing="include",
        ),
    ) -> Iterator[list[dict[str, Any]]]:
        state = dlt.current.resource_state()
        marks = [_utc(mark) for mark in (updated.last_value, state.get("read_until")) if mark is not None]
        now = dt.datetime.now(dt.UTC)
        window = (min(max(marks) - overlap, now), now) if marks else None
        with token.client() as client:
            yield from read(token, client, window)
        state["read_until"] = now.isoformat()  # a table that did not change starts here next time, not at its mark

    make: Any = dlt.resource  # its overloads want dlt's own TypedDicts for the column hints, which are plain here
    return make(
        load,
        name=f"{table}_{key}",
        table_name=table,
        write_disposition="merge",
        primary_key="Id",
        columns=rows.COLUMNS[table],
        parallelized=parallel,
    )


def mews_source(
    access_tokens: Sequence[str] | None = None,
    *,
    client_options: Mapping[str, Any] | None = None,
    rate_limit_storage: str | None = None,
    overlap: dt.timedelta = DEFAULT_OVERLAP,
    tables: Sequence[str] = rows.TABLES,
    parallel: bool = True,
    tally: RequestTally | None = None,
) -> Any:
    """The dlt source of every table for these tokens (None: the one `MewsClient` finds in the environment).

    - `access_tokens`: one per property, or one Portfolio Access Token; each reads with its own client, rate window
      and high-water marks.
    - `client_options`: what `MewsClient` takes besides the access token (`client_token`, `platform_url`,
      `portfolio`, `max_retries`...).
    - `rate_limit_storage`: `redis://...` to share each token's 200-per-30-s window with every process and machine
      that runs the pipeline (else a window per process).
    - `overlap`: how far before the last high-water mark a run reads again (default 10 minutes).
    - `tables`: some of `enterprises`, `services`, `rates`, `vouchers`, `voucher_codes` (default all).
    - `parallel`: read the resources in dlt's thread pool (default) or one after another.
    - `tally`: a `RequestTally` that counts the requests sent to Mews.
    """
    unknown = [table for table in tables if table not in READERS]
    if unknown:
        raise ValueError(f"unknown tables {', '.join(unknown)}; the source has {', '.join(READERS)}")
    base = dict(client_options or {})
    if rate_limit_storage is not None:
        base["rate_limit"] = RateLimit(200, 30.0, rate_limit_storage)  # Mews' limit per AccessToken
    counted = tally or RequestTally()
    resources: list[Any] = []
    for access_token in list(access_tokens) if access_tokens is not None else [None]:
        options = dict(base)
        if access_token is not None:
            options["access_token"] = access_token
        token = _Token(options, counted)
        key = token_key(access_token)
        resources.extend(_resource(table, token, key, overlap, parallel) for table in tables)

    @dlt.source(name="mews", max_table_nesting=1)
    def mews() -> Any:
        return resources

    return mews()
