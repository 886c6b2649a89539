"""The rows the warehouse gets: each public value of `mews_wrapper` under Mews' field names, with its property's name.

Ids are text (a UUID's canonical form), datetimes aware UTC, flags booleans; every row carries `EnterpriseId` and
`EnterpriseName`, so that a chain's tables can be read per property without a join.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from mews_wrapper import Enterprise, Rate, Service, Voucher, VoucherCode

Names = Mapping[uuid.UUID, str | None]
"""Enterprise id -> its name."""


def _text(value: uuid.UUID | None) -> str | None:
    return None if value is None else str(value)


def _enterprise(enterprise_id: uuid.UUID | None, names: Names) -> dict[str, Any]:
    return {
        "EnterpriseId": _text(enterprise_id),
        "EnterpriseName": None if enterprise_id is None else names.get(enterprise_id),
    }


def enterprise_row(enterprise: Enterprise) -> dict[str, Any]:
    """An enterprise (property): its name, chain, time zone and identifiers."""
    return {
        "Id": str(enterprise.id),
        "EnterpriseId": str(enterprise.id),
        "EnterpriseName": enterprise.name,
        "Name": enterprise.name,
        "ChainId": _text(enterprise.chain_id),
        "ChainName": enterprise.chain_name,
        "TimeZoneIdentifier": enterprise.time_zone,
        "ExternalIdentifier": enterprise.external_identifier,
        "ShortName": enterprise.short_name,
        "DefaultLanguageCode": enterprise.default_language,
        "LinkedUtc": enterprise.linked_utc,
        "CreatedUtc": enterprise.created_utc,
        "UpdatedUtc": enterprise.updated_utc,
    }


def service_row(service: Service, names: Names) -> dict[str, Any]:
    """A service (Accommodation, Breakfast...) of a property."""
    return {
        "Id": str(service.id),
        **_enterprise(service.enterprise_id, names),
        "Name": service.name,
        "Type": service.type,
        "IsActive": service.is_active,
        "ExternalIdentifier": service.external_identifier,
        "CreatedUtc": service.created_utc,
        "UpdatedUtc": service.updated_utc,
    }


def rate_row(rate: Rate, enterprise_id: uuid.UUID | None, names: Names) -> dict[str, Any]:
    """A rate, with the property of its service."""
    return {
        "Id": str(rate.id),
        **_enterprise(enterprise_id, names),
        "ServiceId": str(rate.service_id),
        "Name": rate.name,
        "ShortName": rate.short_name,
        "Type": rate.type,
        "IsActive": rate.is_active,
        "IsEnabled": rate.is_enabled,
        "IsPublic": rate.is_public,
        "IsBaseRate": rate.is_base_rate,
        "BaseRateId": _text(rate.base_rate_id),
        "ExternalIdentifier": rate.external_identifier,
        "UpdatedUtc": rate.updated_utc,
    }


def voucher_row(voucher: Voucher, names: Names) -> dict[str, Any]:
    """A voucher, with the ids of the rates it unlocks (`RateIds`: dlt's child table `vouchers__rate_ids`)."""
    return {
        "Id": str(voucher.id),
        **_enterprise(voucher.enterprise_id, names),
        "ServiceId": str(voucher.service_id),
        "Name": voucher.name,
        "Type": voucher.type,
        "CompanyId": _text(voucher.company_id),
        "TravelAgencyId": _text(voucher.travel_agency_id),
        "OccupiableIntervalStartUtc": voucher.occupiable_interval_start_utc,
        "OccupiableIntervalEndUtc": voucher.occupiable_interval_end_utc,
        "ExternalIdentifier": voucher.external_identifier,
        "IsActive": voucher.is_active,
        "CreatedUtc": voucher.created_utc,
        "UpdatedUtc": voucher.updated_utc,
        "RateIds": [str(rate) for rate in voucher.rate_ids or ()],
    }


def code_row(code: VoucherCode, enterprise_id: uuid.UUID | None, names: Names) -> dict[str, Any]:
    """A voucher code, with the property of its voucher."""
    return {
        "Id": str(code.id),
        **_enterprise(enterprise_id, names),
        "VoucherId": str(code.voucher_id),
        "Value": code.value,
        "ValidityStartUtc": code.validity_start_utc,
        "ValidityEndUtc": code.validity_end_utc,
        "IsActive": code.is_active,
        "CreatedUtc": code.created_utc,
        "UpdatedUtc": code.updated_utc,
    }


def _column(data_type: str, **hints: Any) -> dict[str, Any]:
    return {"data_type": data_type, "nullable": True, **hints}


_ID = {"Id": _column("text", nullable=False, primary_key=True)}
_COMMON = {
    "EnterpriseId": _column("text"),
    "EnterpriseName": _column("text"),
    "UpdatedUtc": _column("timestamp", timezone=True),
}
COLUMNS: dict[str, dict[str, dict[str, Any]]] = {
    "enterprises": {
        **_ID,
        **_COMMON,
        "Name": _column("text"),
        "ChainId": _column("text"),
        "ChainName": _column("text"),
        "TimeZoneIdentifier": _column("text"),
        "ExternalIdentifier": _column("text"),
        "ShortName": _column("text"),
        "DefaultLanguageCode": _column("text"),
        "LinkedUtc": _column("timestamp", timezone=True),
        "CreatedUtc": _column("timestamp", timezone=True),
    },
    "services": {
        **_ID,
        **_COMMON,
        "Name": _column("text"),
        "Type": _column("text"),
        "IsActive": _column("bool"),
        "ExternalIdentifier": _column("text"),
        "CreatedUtc": _column("timestamp", timezone=True),
    },
    "rates": {
        **_ID,
        **_COMMON,
        "ServiceId": _column("text"),
        "Name": _column("text"),
        "ShortName": _column("text"),
        "Type": _column("text"),
        "IsActive": _column("bool"),
        "IsEnabled": _column("bool"),
        "IsPublic": _column("bool"),
        "IsBaseRate": _column("bool"),
        "BaseRateId": _column("text"),
        "ExternalIdentifier": _column("text"),
    },
    "vouchers": {
        **_ID,
        **_COMMON,
        "ServiceId": _column("text"),
        "Name": _column("text"),
        "Type": _column("text"),
        "CompanyId": _column("text"),
        "TravelAgencyId": _column("text"),
        "OccupiableIntervalStartUtc": _column("timestamp", timezone=True),
        "OccupiableIntervalEndUtc": _column("timestamp", timezone=True),
        "ExternalIdentifier": _column("text"),
        "IsActive": _column("bool"),
        "CreatedUtc": _column("timestamp", timezone=True),
    },
    "voucher_codes": {
        **_ID,
        **_COMMON,
        "VoucherId": _column("text"),
        "Value": _column("text"),
        "ValidityStartUtc": _column("timestamp", timezone=True),
        "ValidityEndUtc": _column("timestamp", timezone=True),
        "IsActive": _column("bool"),
        "CreatedUtc": _column("timestamp", timezone=True),
    },
}
"""The typed columns of each table (dlt names them in snake_case: `UpdatedUtc` is `updated_utc`)."""

TABLES = tuple(COLUMNS)
"""The tables the source loads, in the order a chain reads them."""
