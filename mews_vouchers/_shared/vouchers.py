"""Vouchers by name: `--voucher NAME` and a file's `Voucher` column turned into ids, by the rule of `vouchers.find`."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from mews_wrapper import AmbiguousMatchError, MewsClient, NoMatchError, Voucher, match_voucher


def voucher_ids_named(client: MewsClient, names: Sequence[str]) -> list[uuid.UUID]:
    """The id of each named voucher, by `vouchers.find` (`NoMatchError`/`AmbiguousMatchError` say why not)."""
    return [client.vouchers.find(name).id for name in names]


class VoucherNames:
    """Voucher names resolved to ids through one read of every voucher the token reaches (made at the first name).

    One instance serves a command's `--voucher NAME` (`id_of`: `NoMatchError` or `AmbiguousMatchError` when there is
    not one) and the names in its file's `Voucher` column (calling it: `ValueError` with the same reason, which
    makes the row a bad one), so the vouchers are read once however many names there are.
    """

    def __init__(self, client_options: dict[str, Any]) -> None:
        """Resolve through a client made with `client_options`."""
        self._options = client_options
        self._vouchers: list[Voucher] | None = None

    def id_of(self, name: str) -> uuid.UUID:
        """The id of the voucher called `name`, by the rule of `vouchers.find`."""
        if self._vouchers is None:
            with MewsClient(**self._options) as client:
                self._vouchers = list(client.vouchers.get_all())
        return match_voucher(name, self._vouchers).id

    def __call__(self, name: str) -> uuid.UUID:
        """The id of the voucher called `name`; `ValueError` saying why there is not one."""
        try:
            return self.id_of(name)
        except (NoMatchError, AmbiguousMatchError) as error:
            raise ValueError(str(error)) from None
