"""What `list` and `export` read: the vouchers (by id, by name, or all) and the filters, as codes page by page."""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from mews_vouchers._shared.vouchers import voucher_ids_named
from mews_wrapper import MewsClient, VoucherCode


@dataclass(frozen=True)
class Query:
    """What to read: vouchers (by id, by name, or every one the token reaches) and the filters of list and export."""

    voucher_ids: tuple[uuid.UUID, ...]
    voucher_names: tuple[str, ...] = ()
    every_voucher: bool = False
    code_ids: tuple[uuid.UUID, ...] = ()
    enterprise_ids: tuple[uuid.UUID, ...] = ()
    enterprise_names: tuple[str, ...] = ()
    """`--enterprise NAME|ID` filters, resolved (`with_enterprises`) to `enterprise_ids` once a client is at hand."""
    updated_since: dt.datetime | None = None
    updated_until: dt.datetime | None = None
    active_only: bool = False
    zone: zoneinfo.ZoneInfo | None = None
    """The timezone datetimes are shown in (None: UTC)."""

    def get_all_arguments(self) -> dict[str, Any]:
        """The keyword arguments of `get_all` (an open `--updated-since` ends now)."""
        arguments: dict[str, Any] = {
            "voucher_code_ids": list(self.code_ids) or None,
            "enterprise_ids": list(self.enterprise_ids) or None,
        }
        if self.updated_since is not None:
            until = self.updated_until or dt.datetime.now(dt.UTC)
            arguments["updated_utc"] = (self.updated_since, until)
        return arguments


def with_enterprises(client: MewsClient, query: Query) -> Query:
    """The query with its `--enterprise` names turned into ids (one enterprises/getAll; an id stays as it is)."""
    if not query.enterprise_names:
        return query
    found = []
    for text in query.enterprise_names:
        try:
            found.append(uuid.UUID(text))
        except ValueError:
            found.append(client.enterprises.find(text).id)
    ids = tuple(dict.fromkeys((*query.enterprise_ids, *found)))
    return dataclasses.replace(query, enterprise_ids=ids, enterprise_names=())


def voucher_names(client: MewsClient, query: Query) -> dict[uuid.UUID, str]:
    """The vouchers to read, by id, with their names when the query needs them (`--all`: every voucher)."""
    if query.every_voucher:
        return {voucher.id: voucher.name for voucher in client.vouchers.get_all()}
    named = voucher_ids_named(client, query.voucher_names)
    return dict.fromkeys(query.voucher_ids, "") | dict(zip(named, query.voucher_names, strict=True))


def codes(client: MewsClient, query: Query, voucher_ids: list[uuid.UUID] | None = None) -> Iterator[VoucherCode]:
    """The codes that match, page by page (of `voucher_ids`, once they are known, else of the query's)."""
    ids = list(voucher_names(client, query)) if voucher_ids is None else voucher_ids
    if not ids:
        return
    query = with_enterprises(client, query)
    for code in client.voucher_codes.get_all(ids, **query.get_all_arguments()):
        if code.is_active or not query.active_only:
            yield code
