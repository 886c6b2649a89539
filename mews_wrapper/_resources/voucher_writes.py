"""The voucher writes: `vouchers/add`, `vouchers/update`, `vouchers/delete`, checked first, in chunks of 1000.

Each is a `ChunkedWrite`, so a write of any size accounts for every voucher as voucher codes do (`BatchError`:
what went in, what certainly did not, what may have). None is retried after its outcome became unknown: Mews has no
idempotency key, and a second add would make a second voucher of the same name.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from mews_connector_client.api.vouchers import vouchers_add, vouchers_delete, vouchers_update
from mews_connector_client.models import (
    AssignedRateIdsUpdateValue,
    DateTimeNullableUpdateValue,
    ExternalIdentifierUpdateValue,
    GuidNullableUpdateValue,
    MultipleVoucherAddParameters,
    MultipleVoucherDeleteParameters,
    MultipleVoucherUpdateParameters,
    Unit,
    VoucherAddParameters,
    VoucherNameUpdateValue,
    VoucherTypeEnum,
    VoucherTypeUpdateValue,
    VoucherUpdateParameters,
)

from mews_wrapper._config import ClientConfig
from mews_wrapper._endpoint import Endpoint, Reader, credentials, list_or_unset, unset_if_none
from mews_wrapper._exceptions import MewsResponseError, MewsValidationError
from mews_wrapper._program import ChunkedWrite
from mews_wrapper._resource import ResourceCalls, target_enterprise
from mews_wrapper._responses import Answer
from mews_wrapper._types.voucher_writes import UNCHANGED, NewVoucher, VoucherUpdate
from mews_wrapper._types.vouchers import Voucher
from mews_wrapper._validation import as_list, to_uuid_list
from mews_wrapper._wire.vouchers import WRITTEN_VOUCHERS

__all__ = ["ADD", "DELETE", "UPDATE", "VoucherWriteCalls"]

ADD: Endpoint[Voucher] = Endpoint(
    "vouchers/add",
    vouchers_add,
    idempotent=False,
    reader=WRITTEN_VOUCHERS,
    minimal=False,
    no_content_error="204 without the created vouchers",
)
UPDATE: Endpoint[Voucher] = Endpoint(
    "vouchers/update",
    vouchers_update,
    idempotent=False,
    reader=WRITTEN_VOUCHERS,
    minimal=False,
    no_content_error="204 without the updated vouchers",
)
DELETE: Endpoint[Any] = Endpoint(
    "vouchers/delete", vouchers_delete, idempotent=False, reader=Reader(Unit, lambda _: (), "the empty object")
)


def _add_body(
    config: ClientConfig, vouchers: Sequence[NewVoucher], enterprise_id: uuid.UUID | None
) -> MultipleVoucherAddParameters:
    return MultipleVoucherAddParameters(
        **credentials(config),
        enterprise_id=unset_if_none(enterprise_id),
        voucher_parameters=[
            VoucherAddParameters(
                service_id=voucher.service_id,
                name=voucher.name,
                type_=VoucherTypeEnum(voucher.type),
                company_id=unset_if_none(voucher.company_id),
                assigned_rate_ids=list_or_unset(voucher.rate_ids or None),
                occupiable_interval_start_utc=unset_if_none(voucher.stay_start_utc),
                occupiable_interval_end_utc=unset_if_none(voucher.stay_end_utc),
                external_identifier=unset_if_none(voucher.external_identifier),
            )
            for voucher in vouchers
        ],
    )


def update_parameters(update: VoucherUpdate) -> VoucherUpdateParameters:
    """Mews' form of one update: a `{"Value": ...}` wrapper for each field that changes, none for the others."""

    def wrapped(value: Any, wrapper: Any) -> Any:
        return unset_if_none(None) if value is UNCHANGED else wrapper(value=value)

    return VoucherUpdateParameters(
        voucher_id=update.voucher_id,
        name=wrapped(update.name, VoucherNameUpdateValue),
        type_=wrapped(update.type, lambda value: VoucherTypeUpdateValue(value=VoucherTypeEnum(value))),
        company_id=wrapped(update.company_id, GuidNullableUpdateValue),
        occupiable_interval_start_utc=wrapped(update.stay_start_utc, DateTimeNullableUpdateValue),
        occupiable_interval_end_utc=wrapped(update.stay_end_utc, DateTimeNullableUpdateValue),
        external_identifier=wrapped(update.external_identifier, ExternalIdentifierUpdateValue),
        assigned_rate_ids=wrapped(update.rate_ids, lambda value: AssignedRateIdsUpdateValue(value=list(value))),
    )


def _update_body(
    config: ClientConfig, updates: Sequence[VoucherUpdate], enterprise_id: uuid.UUID | None
) -> MultipleVoucherUpdateParameters:
    return MultipleVoucherUpdateParameters(
        **credentials(config),
        enterprise_id=unset_if_none(enterprise_id),
        voucher_updates=[update_parameters(update) for update in updates],
    )


def _delete_body(
    config: ClientConfig, ids: Sequence[uuid.UUID], enterprise_id: uuid.UUID | None
) -> MultipleVoucherDeleteParameters:
    return MultipleVoucherDeleteParameters(
        **credentials(config), enterprise_id=unset_if_none(enterprise_id), voucher_ids=list(ids)
    )


def _one_per_item(endpoint: Endpoint[Voucher], what: str) -> Any:
    """The results of a chunk: exactly one voucher per item sent, in the order sent."""

    def results(part: Sequence[Any], answer: Answer[Voucher]) -> Sequence[Voucher]:
        if len(answer.items) != len(part):
            raise MewsResponseError(
                f"{endpoint.name}: sent {len(part)} {what}, Mews returned {len(answer.items)} vouchers",
                request_id=answer.request_id,
            )
        return answer.items

    return results


def _checked(items: Iterable[Any], name: str, what: str, coerce: Any) -> list[Any]:
    listed = as_list(items, name, what)
    checked = []
    for index, item in enumerate(listed):
        try:
            checked.append(coerce(item))
        except MewsValidationError as error:
            raise MewsValidationError(f"{name}[{index}]: {error}") from None
    return checked


def _no_repeats(ids: Sequence[uuid.UUID], name: str) -> None:
    seen: set[uuid.UUID] = set()
    for index, voucher_id in enumerate(ids):
        if voucher_id in seen:
            raise MewsValidationError(
                f"{name}[{index}]: voucher {voucher_id} is updated twice in one call (merge the changes into one)"
            )
        seen.add(voucher_id)


class VoucherWriteCalls(ResourceCalls):
    """The checked arguments of the voucher writes, turned into `ChunkedWrite`s (no I/O): `Vouchers` runs them."""

    def add(
        self, vouchers: Iterable[NewVoucher | Mapping[str, Any]], *, enterprise_id: str | uuid.UUID | None = None
    ) -> ChunkedWrite[NewVoucher, Voucher] | None:
        """The arguments of `add`.

        - `vouchers`: `NewVoucher` values, or mappings with its keys; any number, sent in chunks of 1000 (up to the
          client's `max_concurrency` at once), the results in input order. Empty input sends nothing.
        - `enterprise_id`: the enterprise to add to; required with a portfolio token (else the client's default).

        The vouchers come back as Mews created them (their `rate_ids` None: the answer does not carry the
        assignments; `get_all(voucher_ids=..., with_rates=True)` reads them). Failures are accounted for as in
        `voucher_codes.add` (`BatchError`: `succeeded` the created vouchers, `failed` and `unknown` the inputs).
        """
        checked = _checked(vouchers, "vouchers", "NewVoucher (or mappings with its keys)", NewVoucher.coerce)
        return self._write(ADD, checked, enterprise_id, _add_body, _one_per_item(ADD, "vouchers"))

    def update(
        self, updates: Iterable[VoucherUpdate | Mapping[str, Any]], *, enterprise_id: str | uuid.UUID | None = None
    ) -> ChunkedWrite[VoucherUpdate, Voucher] | None:
        """The arguments of `update`.

        - `updates`: `VoucherUpdate` values (or mappings with its keys), one per voucher (a voucher named twice is
          refused: merge the changes); in chunks of 1000, the results in input order. Empty input sends nothing.
        - `enterprise_id`: as in `add`.

        A field left `UNCHANGED` is not sent; None clears it; `rate_ids` replaces the whole set of rates.
        Failures are accounted for as in `add`, `failed` and `unknown` then holding `VoucherUpdate` values.
        """
        checked = _checked(updates, "updates", "VoucherUpdate (or mappings with its keys)", VoucherUpdate.coerce)
        _no_repeats([update.voucher_id for update in checked], "updates")
        return self._write(UPDATE, checked, enterprise_id, _update_body, _one_per_item(UPDATE, "updates"))

    def delete(
        self, voucher_ids: Iterable[str | uuid.UUID], *, enterprise_id: str | uuid.UUID | None = None
    ) -> ChunkedWrite[uuid.UUID, uuid.UUID] | None:
        """The arguments of `delete`.

        - `voucher_ids`: the vouchers' ids (`str` or `uuid.UUID`), any number, in chunks of 1000. Empty input
          sends nothing.
        - `enterprise_id`: as in `add`.

        Mews keeps a deleted voucher, inactive (`get_all(active=False)` reads it); its codes are not deleted with it
        (`voucher_codes.delete` them first when they must go). Failures are accounted for as in `add`, `succeeded`
        then holding ids.
        """
        ids = as_list(voucher_ids, "voucher_ids", "ids")
        checked = to_uuid_list(ids, "voucher_ids") if ids else []
        return self._write(DELETE, checked or [], enterprise_id, _delete_body, lambda part, _: part)

    def _write(
        self,
        endpoint: Endpoint[Any],
        items: Sequence[Any],
        enterprise_id: str | uuid.UUID | None,
        body: Callable[[ClientConfig, Sequence[Any], uuid.UUID | None], Any],
        results: Callable[[Sequence[Any], Answer[Any]], Sequence[Any]],
    ) -> ChunkedWrite[Any, Any] | None:
        """The write of `items` to the target enterprise (checked first), or None when there is nothing to send."""
        target = target_enterprise(self._session.config, enterprise_id)
        self._shell.check_open()
        if not items:
            return None
        config = self._session.config
        return ChunkedWrite(
            self._session, endpoint, items, lambda part: endpoint.send(config, body(config, part, target)), results
        )
