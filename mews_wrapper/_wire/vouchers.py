"""Reading a `VoucherResult`: strictly and fast with msgspec, or by the generated parser, to `Voucher`s.

The `VoucherAssignments` extent comes beside the vouchers of the same page; each voucher gets its rate ids from it
(`rate_ids`), or None when the page carries no assignments (the extent was not asked for).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from typing import Any, Literal

import msgspec
from mews_connector_client.models import Voucher as GeneratedVoucher
from mews_connector_client.models import VoucherResult, VoucherWriteResult
from mews_connector_client.types import Unset

from mews_wrapper import _convert as convert
from mews_wrapper._endpoint import Reader
from mews_wrapper._fast_reader import AwareDatetime, as_utc, decode_strictly
from mews_wrapper._types.vouchers import Voucher
from mews_wrapper._wire.voucher_codes import WireVoucherCode


class WireVoucher(msgspec.Struct, rename="pascal", forbid_unknown_fields=True, frozen=True, gc=False):
    """`Voucher` of openapi.yaml, strictly."""

    id: uuid.UUID
    service_id: uuid.UUID
    name: str
    enterprise_id: uuid.UUID | None = None
    type: Literal["Public", "PartnerCompany", "TravelAgency"] | None = None
    company_id: uuid.UUID | None = None
    travel_agency_id: uuid.UUID | None = None
    occupiable_interval_start_utc: AwareDatetime | None = None
    occupiable_interval_end_utc: AwareDatetime | None = None
    external_identifier: str | None = None
    is_active: bool | msgspec.UnsetType = msgspec.UNSET
    activity_state: Literal["Active", "Deleted"] | None = None
    created_utc: AwareDatetime | None = None
    updated_utc: AwareDatetime | None = None


class WireVoucherAssignment(msgspec.Struct, rename="pascal", forbid_unknown_fields=True, frozen=True, gc=False):
    """`VoucherAssignment` of openapi.yaml, strictly."""

    voucher_id: uuid.UUID | msgspec.UnsetType = msgspec.UNSET
    rate_id: uuid.UUID | msgspec.UnsetType = msgspec.UNSET


class WireVoucherResult(msgspec.Struct, rename="pascal", forbid_unknown_fields=True, frozen=True, gc=False):
    """`VoucherResult` of openapi.yaml, strictly (the deprecated extents are read and dropped)."""

    vouchers: list[WireVoucher] | None = None
    voucher_assignments: list[WireVoucherAssignment] | None = None
    rates: list[dict[str, Any]] | None = None
    voucher_codes: list[WireVoucherCode] | None = None
    companies: list[dict[str, Any]] | None = None
    cursor: uuid.UUID | None = None


_DECODER = msgspec.json.Decoder(WireVoucherResult)


def _rates_by_voucher(pairs: Iterable[tuple[uuid.UUID, uuid.UUID]] | None) -> dict[uuid.UUID, list[uuid.UUID]] | None:
    if pairs is None:
        return None
    rates: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    for voucher_id, rate_id in pairs:
        rates[voucher_id].append(rate_id)
    return rates


def read_vouchers(body: bytes) -> tuple[tuple[Voucher, ...], uuid.UUID | None] | None:
    """The vouchers and the cursor of a `VoucherResult` body, or None when the strict reading does not take it."""
    page = decode_strictly(_DECODER, body)
    if page is None:
        return None
    assignments = page.voucher_assignments
    rates = _rates_by_voucher(
        None
        if assignments is None
        else (
            (a.voucher_id, a.rate_id)
            for a in assignments
            if not isinstance(a.voucher_id, msgspec.UnsetType) and not isinstance(a.rate_id, msgspec.UnsetType)
        )
    )
    vouchers = []
    for wire in page.vouchers or ():
        is_active = wire.is_active
        if not isinstance(is_active, bool):
            if wire.activity_state is None:
                return None  # neither: the reference reader says what is wrong
            is_active = wire.activity_state == "Active"
        vouchers.append(
            Voucher(
                id=wire.id,
                service_id=wire.service_id,
                enterprise_id=wire.enterprise_id,
                name=wire.name,
                type=wire.type,
                company_id=wire.company_id,
                travel_agency_id=wire.travel_agency_id,
                occupiable_interval_start_utc=as_utc(wire.occupiable_interval_start_utc),
                occupiable_interval_end_utc=as_utc(wire.occupiable_interval_end_utc),
                external_identifier=wire.external_identifier,
                is_active=is_active,
                created_utc=as_utc(wire.created_utc),
                updated_utc=as_utc(wire.updated_utc),
                rate_ids=None if rates is None else tuple(rates.get(wire.id, ())),
            )
        )
    return tuple(vouchers), page.cursor


def public_voucher(voucher: GeneratedVoucher, rates: dict[uuid.UUID, list[uuid.UUID]] | None) -> Voucher:
    """A public Voucher from the generated one, with its rate ids when the page carried assignments."""
    voucher_id = convert.required_uuid(voucher.id, "Id")
    name = convert.optional_str(voucher.name, "Name")
    if name is None:
        raise TypeError("Name is missing")
    return Voucher(
        id=voucher_id,
        service_id=convert.required_uuid(voucher.service_id, "ServiceId"),
        enterprise_id=convert.optional_uuid(voucher.enterprise_id, "EnterpriseId"),
        name=name,
        type=convert.enum_value(voucher.type_),
        company_id=convert.optional_uuid(voucher.company_id, "CompanyId"),
        travel_agency_id=convert.optional_uuid(voucher.travel_agency_id, "TravelAgencyId"),
        occupiable_interval_start_utc=convert.utc(voucher.occupiable_interval_start_utc, "OccupiableIntervalStartUtc"),
        occupiable_interval_end_utc=convert.utc(voucher.occupiable_interval_end_utc, "OccupiableIntervalEndUtc"),
        external_identifier=convert.optional_str(voucher.external_identifier, "ExternalIdentifier"),
        is_active=convert.is_active(voucher.is_active, voucher.activity_state),
        created_utc=convert.utc(voucher.created_utc, "CreatedUtc"),
        updated_utc=convert.utc(voucher.updated_utc, "UpdatedUtc"),
        rate_ids=None if rates is None else tuple(rates.get(voucher_id, ())),
        extra=convert.unknown_fields(voucher),
    )


def _vouchers_of(parsed: Any) -> tuple[Voucher, ...]:
    assignments = parsed.voucher_assignments
    pairs = None
    if assignments is not None and not isinstance(assignments, Unset):
        pairs = []
        for number, assignment in enumerate(assignments):
            voucher_id, rate_id = (_field(assignment, name) for name in ("VoucherId", "RateId"))
            if voucher_id is None or rate_id is None:  # Mews' schema makes both optional: a pair without one
                continue  # assigns nothing
            where = f"VoucherAssignments[{number}]."
            pairs.append(
                (
                    convert.required_uuid(voucher_id, where + "VoucherId"),
                    convert.required_uuid(rate_id, where + "RateId"),
                )
            )
    rates = _rates_by_voucher(pairs)
    vouchers = parsed.vouchers
    if vouchers is None or isinstance(vouchers, Unset):
        return ()
    return tuple(_public_or_refused(number, voucher, rates) for number, voucher in enumerate(vouchers))


_ATTRIBUTES = {"VoucherId": "voucher_id", "RateId": "rate_id"}
_REQUIRED = ("Id", "ServiceId", "Name", "IsActive")


def _field(item: Any, name: str) -> Any:
    """A field of an item the generated parser made a model of, or passed through as a plain object."""
    value = item.get(name) if isinstance(item, dict) else getattr(item, _ATTRIBUTES[name], None)
    return None if isinstance(value, Unset) else value


def _public_or_refused(number: int, voucher: Any, rates: dict[uuid.UUID, list[uuid.UUID]] | None) -> Voucher:
    if not isinstance(voucher, dict):
        return public_voucher(voucher, rates)
    missing = next((name for name in _REQUIRED if voucher.get(name) is None), None)  # why the parser passed it
    reason = f"{missing} is missing or null" if missing else "it is not the documented shape"
    raise TypeError(f"Vouchers[{number}]: {reason}")


VOUCHERS: Reader[Voucher] = Reader(VoucherResult, _vouchers_of, "Vouchers", read_vouchers)
"""How a page of vouchers is read."""


def _written_vouchers(parsed: Any) -> tuple[Voucher, ...]:
    vouchers = parsed.vouchers
    if vouchers is None or isinstance(vouchers, Unset):
        return ()
    return tuple(_public_or_refused(number, voucher, None) for number, voucher in enumerate(vouchers))


WRITTEN_VOUCHERS: Reader[Voucher] = Reader(VoucherWriteResult, _written_vouchers, "Vouchers")
"""How the answer of `vouchers/add` and `vouchers/update` is read (no assignments come with it: `rate_ids` None)."""
