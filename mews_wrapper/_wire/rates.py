"""Reading a `RateResult` to `Rate`s, by the generated parser (rates are read once per job, a few hundred)."""

from __future__ import annotations

from typing import Any

from mews_connector_client.models import Rate as GeneratedRate
from mews_connector_client.models import RateResult
from mews_connector_client.types import Unset

from mews_wrapper import _convert as convert
from mews_wrapper._endpoint import Reader
from mews_wrapper._types.rates import Rate
from mews_wrapper._types.services import name_of


def public_rate(rate: GeneratedRate) -> Rate:
    """A public Rate from the generated one."""
    names: dict[str, str] = {}
    if not isinstance(rate.names, Unset) and rate.names is not None:
        names = {language: text for language, text in convert.unknown_fields(rate.names).items() if text is not None}
        if not all(isinstance(text, str) for text in names.values()):
            raise TypeError(f"Names {names!r} are not all strings")
    return Rate(
        id=convert.required_uuid(rate.id, "Id"),
        service_id=convert.required_uuid(rate.service_id, "ServiceId"),
        name=name_of(names, convert.optional_str(rate.name, "Name")),
        names=names,
        type=convert.optional_str(rate.type_, "Type"),
        is_active=convert.optional_bool(rate.is_active, "IsActive"),
        is_enabled=convert.optional_bool(rate.is_enabled, "IsEnabled"),
        is_public=convert.optional_bool(rate.is_public, "IsPublic"),
        is_base_rate=convert.optional_bool(rate.is_base_rate, "IsBaseRate"),
        base_rate_id=convert.optional_uuid(rate.base_rate_id, "BaseRateId"),
        group_id=convert.optional_uuid(rate.group_id, "GroupId"),
        short_name=convert.optional_str(rate.short_name, "ShortName"),
        external_identifier=convert.optional_str(rate.external_identifier, "ExternalIdentifier"),
        updated_utc=convert.utc(rate.updated_utc, "UpdatedUtc"),
        extra=convert.unknown_fields(rate),
    )


def _rates_of(parsed: Any) -> tuple[Rate, ...]:
    rates = []
    for number, rate in enumerate(parsed.rates):
        if not isinstance(rate, GeneratedRate):
            raise TypeError(f"Rates[{number}]: Id or ServiceId is missing or not a UUID")
        rates.append(public_rate(rate))
    return tuple(rates)


RATES: Reader[Rate] = Reader(RateResult, _rates_of, "Rates")
"""How a page of rates is read."""
