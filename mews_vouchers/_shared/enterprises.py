"""Enterprises by name for what a portfolio token shows: the names behind `EnterpriseId`s."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from mews_wrapper import MewsAPIError, MewsClient


def enterprise_names(client: MewsClient) -> dict[uuid.UUID, str | None]:
    """The names of the enterprises the token reaches; none when it may not read them (a name is a courtesy)."""
    try:
        return {enterprise.id: enterprise.name for enterprise in client.enterprises.get_all()}
    except MewsAPIError:
        return {}


def enterprise_of_vouchers(client: MewsClient, voucher_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, str | None]:
    """Voucher id -> the name of its enterprise (vouchers/getAll, then enterprises/getAll)."""
    ids = list(voucher_ids)
    if not ids:
        return {}
    names = enterprise_names(client)
    return {
        voucher.id: None if voucher.enterprise_id is None else names.get(voucher.enterprise_id)
        for voucher in client.vouchers.get_all(voucher_ids=ids)
    }
