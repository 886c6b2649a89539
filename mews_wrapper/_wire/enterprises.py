"""Reading an `EnterpriseResult` to `Enterprise`s, by the generated parser (a few hundred at most per token)."""

from __future__ import annotations

from typing import Any

from mews_connector_client.models import Enterprise as GeneratedEnterprise
from mews_connector_client.models import EnterpriseResult

from mews_wrapper import _convert as convert
from mews_wrapper._endpoint import Reader
from mews_wrapper._types.enterprises import Enterprise


def public_enterprise(enterprise: GeneratedEnterprise) -> Enterprise:
    """A public Enterprise from the generated one."""
    return Enterprise(
        id=convert.required_uuid(enterprise.id, "Id"),
        name=convert.optional_str(enterprise.name, "Name"),
        chain_id=convert.optional_uuid(enterprise.chain_id, "ChainId"),
        chain_name=convert.optional_str(enterprise.chain_name, "ChainName"),
        time_zone=convert.optional_str(enterprise.time_zone_identifier, "TimeZoneIdentifier"),
        external_identifier=convert.optional_str(enterprise.external_identifier, "ExternalIdentifier"),
        short_name=convert.optional_str(enterprise.short_name, "ShortName"),
        default_language=convert.optional_str(enterprise.default_language_code, "DefaultLanguageCode"),
        linked_utc=convert.utc(enterprise.linked_utc, "LinkedUtc"),
        created_utc=convert.utc(enterprise.created_utc, "CreatedUtc"),
        updated_utc=convert.utc(enterprise.updated_utc, "UpdatedUtc"),
        extra=convert.unknown_fields(enterprise),
    )


def _enterprises_of(parsed: Any) -> tuple[Enterprise, ...]:
    enterprises = []
    for number, enterprise in enumerate(parsed.enterprises):
        if not isinstance(enterprise, GeneratedEnterprise):  # the generated parser passed it through as a dict
            raise TypeError(f"Enterprises[{number}]: Id is missing or not a UUID")
        enterprises.append(public_enterprise(enterprise))
    return tuple(enterprises)


ENTERPRISES: Reader[Enterprise] = Reader(EnterpriseResult, _enterprises_of, "Enterprises")
"""How a page of enterprises is read."""
