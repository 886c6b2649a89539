"""enterprises/getAll: the enterprises a token reaches (every property of a portfolio), paged like Mews."""

from __future__ import annotations

import uuid
from typing import Any

from mews_sandbox import _rules as rules
from mews_sandbox._clock import format_micros
from mews_sandbox._config import AccessGrant, EnterpriseSpec
from mews_sandbox._listing import Listed
from mews_sandbox._routes import Route
from mews_sandbox._state import SandboxState

FIELDS = (*rules.COMMON_FIELDS, "Limitation", "EnterpriseIds", "ExternalIdentifiers", "UpdatedUtc", "LinkedUtc")


def enterprise_json(row: Listed[EnterpriseSpec]) -> dict[str, Any]:
    """An enterprise as Mews writes it: `EnterprisePortfolio`, with every field its document requires.

    The deprecated `EditableHistoryInterval` too; the environment codes are the Czech Republic's or Hungary's, by the
    timezone.
    """
    enterprise = row.item
    created = format_micros(row.created)
    country = {"Europe/Prague": "CZ", "Europe/Budapest": "HU"}.get(enterprise.time_zone, "GB")
    address_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"mews-sandbox address {row.id}"))
    return {
        "Id": row.id,
        "ExternalIdentifier": enterprise.external_identifier,
        "HoldingKey": None,
        "ChainId": enterprise.chain_id,
        "ChainName": enterprise.chain_name,
        "CreatedUtc": created,
        "UpdatedUtc": created,
        "LinkedUtc": created,
        "Name": enterprise.name,
        "ShortName": enterprise.short_name,
        "TimeZoneIdentifier": enterprise.time_zone,
        "DefaultLanguageCode": enterprise.default_language,
        "LegalEnvironmentCode": f"{country}-2020-1",
        "AccommodationEnvironmentCode": country,
        "AccountingEnvironmentCode": country,
        "TaxEnvironmentCode": f"{country}-2020-1",
        "EditableHistoryInterval": "P0M2DT0H0M0S",
        "AccountingEditableHistoryInterval": "P0M7DT0H0M0S",
        "OperationalEditableHistoryInterval": "P0M5DT0H0M0S",
        "GroupNames": [enterprise.chain_name],
        "AddressId": address_id,
        "Address": {"Id": address_id, "Line1": None, "Line2": None, "City": None, "PostalCode": None,
                    "CountryCode": country, "CountrySubdivisionCode": None, "Latitude": None, "Longitude": None},
        "Subscription": {"TaxIdentifier": None},
        "Pricing": "Gross",
    }  # fmt: skip


def get_all(state: SandboxState, body: rules.Body, grant: AccessGrant) -> dict[str, Any] | None:
    """enterprises/getAll: one page of the enterprises in the token's scope, newest first."""
    rules.only_fields(body, FIELDS)
    count, cursor = rules.limitation(body)
    named = rules.id_list(body, "EnterpriseIds", required=False)
    scope = set(grant.enterprise_ids)  # a portfolio token reaches every property; another token its own
    wanted = None if named is None else set(named)
    external = rules.text_list(body, "ExternalIdentifiers")
    interval = rules.updated_interval(body)
    linked = rules.updated_interval(body, "LinkedUtc")

    def keep(row: Listed[EnterpriseSpec]) -> bool:
        return (
            row.id in scope
            and (wanted is None or row.id in wanted)
            and (external is None or row.item.external_identifier in external)
            and rules.in_interval(row.created, interval)
            and rules.in_interval(row.created, linked)
        )

    found = state.enterprises.page(keep, count, cursor, repeat_cursor=state.faults.repeat_cursor)
    if not found:
        return None
    return {"Enterprises": [enterprise_json(row) for row in found], "Cursor": found[-1].id}


ROUTES = (Route("enterprises/getAll", get_all, {"Enterprises": [], "Cursor": None}),)
