"""What a sandbox knows at start: its tokens, enterprises, services, vouchers, limits and faults."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mews_sandbox._faults import FaultPlan

DEMO_CLIENT_TOKEN = "E0D439EE522F44368DC78E1BFB03710C-D24FB11DBE31D4621C4817E028D9E1D"
DEMO_ACCESS_TOKEN = "C66EF7B239D24632943D115EDE9CB810-EA00F8FD8294692C940F6B5A8F9453D"
PORTFOLIO_ACCESS_TOKEN = "PortfolioDemoAccessToken"
ENTERPRISE_A = "3fa85f64-5717-4562-b3fc-2c963f66afa6"
ENTERPRISE_B = "4d0201db-36f5-428b-8d11-4f0a65e960cc"
VOUCHER_A = "fe568bbd-1ecb-4bb2-bf77-96c3698de20d"
VOUCHER_B = "dc9d3488-7fc4-4fc9-a524-14e6504d8734"
VOUCHER_CORPORATE = "2b7e3c1a-5d4f-4e8b-9a6c-0f1e2d3c4b5a"
VOUCHER_EARLY_BIRD = "8c9d0e1f-2a3b-4c5d-8e6f-7a8b9c0d1e2f"
VOUCHER_INACTIVE = "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9"
VOUCHER_SPRING_2026 = "6a7b8c9d-0e1f-4a2b-8c3d-4e5f6a7b8c9d"
SERVICE_A = "bd26d8db-86da-4f96-9efc-e5a4654a4a94"
SERVICE_A_BREAKFAST = "a1f0c7e2-3b4d-4c5e-9f60-718293a4b5c6"
SERVICE_B = "c7d8e9f0-1a2b-4c3d-8e4f-5a6b7c8d9e0f"
DEMO_RATE = "f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b"
RATE_BREAKFAST_INCLUDED = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
RATE_NON_REFUNDABLE = "1b2c3d4e-5f6a-4b7c-9d8e-0f1a2b3c4d5e"
RATE_B = "2c3d4e5f-6a7b-4c8d-ae9f-1a2b3c4d5e6f"
CHAIN = "2f6be44e-9881-4b12-aefe-afce011a9d67"


@dataclass(frozen=True)
class EnterpriseSpec:
    """An enterprise (property) of the sandbox: its name, timezone, chain and identifiers."""

    name: str
    time_zone: str = "Europe/Prague"
    short_name: str | None = None
    external_identifier: str | None = None
    default_language: str = "en-US"
    chain_id: str = CHAIN
    chain_name: str = "Sandbox Hotels"


@dataclass(frozen=True)
class RateSpec:
    """A rate of the sandbox: its service, names by language, kind, base rate and activity."""

    service_id: str
    names: dict[str, str]
    type: str = "Public"
    short_name: str | None = None
    base_rate_id: str | None = None
    is_active: bool = True
    is_enabled: bool = True


@dataclass(frozen=True)
class ServiceSpec:
    """A service of the sandbox: its enterprise, names by language, kind, and whether it is active."""

    enterprise_id: str
    names: dict[str, str]
    type: str = "Bookable"
    is_active: bool = True
    ordering: int = 0


@dataclass(frozen=True)
class VoucherSpec:
    """A voucher of the sandbox: its enterprise and service, name, type, activity and assigned rates."""

    enterprise_id: str
    service_id: str
    name: str
    type: str = "Public"
    is_active: bool = True
    rate_ids: tuple[str, ...] = ()


def default_services() -> dict[str, ServiceSpec]:
    """The demo enterprise's accommodation and breakfast, and the portfolio's second enterprise's accommodation."""
    return {
        SERVICE_A: ServiceSpec(ENTERPRISE_A, {"en-US": "Accommodation", "cs-CZ": "Ubytování"}),
        SERVICE_A_BREAKFAST: ServiceSpec(ENTERPRISE_A, {"en-US": "Breakfast"}, type="Additional", ordering=1),
        SERVICE_B: ServiceSpec(ENTERPRISE_B, {"en-US": "Accommodation"}),
    }


def default_enterprises() -> dict[str, EnterpriseSpec]:
    """The demo enterprise in Prague and the portfolio's second one in Budapest, in one chain."""
    return {
        ENTERPRISE_A: EnterpriseSpec("Sandbox Hotel Prague", "Europe/Prague", "SBX-PRG", "sandbox-prague"),
        ENTERPRISE_B: EnterpriseSpec("Sandbox Hotel Budapest", "Europe/Budapest", "SBX-BUD", "sandbox-budapest"),
    }


def default_rates() -> dict[str, RateSpec]:
    """The accommodation rates of both enterprises: a base rate each, and two rates derived from the demo one."""
    return {
        DEMO_RATE: RateSpec(SERVICE_A, {"en-US": "Best available", "cs-CZ": "Nejlepší cena"}, short_name="BAR"),
        RATE_BREAKFAST_INCLUDED: RateSpec(
            SERVICE_A, {"en-US": "Breakfast included"}, type="Private", short_name="BB", base_rate_id=DEMO_RATE
        ),
        RATE_NON_REFUNDABLE: RateSpec(
            SERVICE_A, {"en-US": "Non-refundable"}, type="Private", short_name="NR", base_rate_id=DEMO_RATE
        ),
        RATE_B: RateSpec(SERVICE_B, {"en-US": "Best available"}, short_name="BAR"),
    }


def default_vouchers() -> dict[str, str | VoucherSpec]:
    """The demo voucher and three empty ones (one for a campaign), an inactive one, and the second enterprise's."""
    return {
        VOUCHER_A: VoucherSpec(ENTERPRISE_A, SERVICE_A, "Summer sale", rate_ids=(DEMO_RATE,)),
        VOUCHER_CORPORATE: VoucherSpec(ENTERPRISE_A, SERVICE_A, "Corporate rate", type="PartnerCompany"),
        VOUCHER_EARLY_BIRD: VoucherSpec(ENTERPRISE_A, SERVICE_A, "Early bird"),
        VOUCHER_INACTIVE: VoucherSpec(ENTERPRISE_A, SERVICE_A, "Winter 2025", is_active=False),
        VOUCHER_SPRING_2026: VoucherSpec(ENTERPRISE_A, SERVICE_A, "Spring 2026"),
        VOUCHER_B: VoucherSpec(ENTERPRISE_B, SERVICE_B, "Partner offer"),
    }


@dataclass(frozen=True)
class AccessGrant:
    """One access token: the enterprises it reaches and whether it is a portfolio token."""

    access_token: str
    enterprise_ids: tuple[str, ...]
    portfolio: bool = False


@dataclass
class SandboxConfig:
    """Everything that shapes a sandbox's behaviour; the defaults are the documented demo values."""

    client_tokens: tuple[str, ...] = (DEMO_CLIENT_TOKEN,)
    grants: tuple[AccessGrant, ...] = (
        AccessGrant(DEMO_ACCESS_TOKEN, (ENTERPRISE_A,)),
        AccessGrant(PORTFOLIO_ACCESS_TOKEN, (ENTERPRISE_A, ENTERPRISE_B), portfolio=True),
    )
    vouchers: dict[str, Any] = field(default_factory=default_vouchers)
    services: dict[str, ServiceSpec] = field(default_factory=default_services)
    enterprises: dict[str, EnterpriseSpec] = field(default_factory=default_enterprises)
    rates: dict[str, RateSpec] = field(default_factory=default_rates)
    rate_limit: int = 200
    rate_window_seconds: float = 30.0
    seed: int | None = None
    clock_start: str = "2026-01-01T00:00:00Z"
    clock_step_seconds: float = 1.0
    seed_codes: int = 0
    db_path: str | None = None
    faults: FaultPlan = field(default_factory=FaultPlan)

    voucher_specs: dict[str, VoucherSpec] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        """Give every voucher its full description, and every enterprise of a voucher a service.

        `vouchers` maps a voucher id to its enterprise id (the short form: a default voucher keeps its description;
        another joins that enterprise's first bookable service, made if there is none, with a name from its id) or
        to a `VoucherSpec`; afterwards it maps each voucher id to its enterprise id, and `voucher_specs` holds the
        descriptions.
        """
        self.services = dict(self.services)
        known = default_vouchers()
        specs: dict[str, VoucherSpec] = {}
        for voucher_id, stated in self.vouchers.items():
            default = known.get(voucher_id)
            # A default voucher named by its enterprise keeps its name and service.
            given = default if isinstance(default, VoucherSpec) and default.enterprise_id == stated else stated
            if isinstance(given, VoucherSpec):
                specs[voucher_id] = given
                if given.service_id not in self.services:
                    self.services[given.service_id] = ServiceSpec(given.enterprise_id, {"en-US": "Accommodation"})
                continue
            specs[voucher_id] = VoucherSpec(str(given), self._bookable_service(str(given)), f"Voucher {voucher_id[:8]}")
        self.voucher_specs = specs
        self.vouchers = {voucher_id: spec.enterprise_id for voucher_id, spec in specs.items()}
        self.enterprises = dict(self.enterprises)
        named = [*self.vouchers.values(), *(enterprise for grant in self.grants for enterprise in grant.enterprise_ids)]
        for enterprise_id in named:  # every enterprise a token reaches has a name and a timezone
            self.enterprises.setdefault(enterprise_id, EnterpriseSpec(f"Enterprise {enterprise_id[:8]}", "UTC"))
        self.rates = {rate_id: rate for rate_id, rate in self.rates.items() if rate.service_id in self.services}

    def _bookable_service(self, enterprise_id: str) -> str:
        for service_id, service in self.services.items():
            if service.enterprise_id == enterprise_id and service.type == "Bookable":
                return service_id
        service_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"mews-sandbox service {enterprise_id}"))
        self.services[service_id] = ServiceSpec(enterprise_id, {"en-US": "Accommodation"})
        return service_id

    def grant_for(self, access_token: str) -> AccessGrant | None:
        """The grant of an access token, or None when the token is unknown."""
        return next((grant for grant in self.grants if grant.access_token == access_token), None)

    @classmethod
    def from_file(cls, path: str | Path, **overrides: Any) -> SandboxConfig:
        """Read tokens, enterprises and vouchers from a JSON file (see the README's sandbox section)."""
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise TypeError("the configuration must be a JSON object")
        for key in ("services", "vouchers"):
            if key in data and not isinstance(data[key], dict):
                raise TypeError(f"{key} must be an object of ids, got {type(data[key]).__name__}")
        values: dict[str, Any] = {}
        if "client_tokens" in data:
            values["client_tokens"] = tuple(data["client_tokens"])
        if "grants" in data:
            values["grants"] = tuple(
                AccessGrant(g["access_token"], tuple(g["enterprise_ids"]), bool(g.get("portfolio", False)))
                for g in data["grants"]
            )
        if "services" in data:
            values["services"] = {
                service_id: ServiceSpec(
                    given["enterprise_id"],
                    dict(given.get("names") or {"en-US": given.get("name", "Accommodation")}),
                    given.get("type", "Bookable"),
                    bool(given.get("is_active", True)),
                    int(given.get("ordering", 0)),
                )
                for service_id, given in data["services"].items()
            }
        if "vouchers" in data:
            values["vouchers"] = {
                voucher_id: given if isinstance(given, str) else _voucher_spec(given)
                for voucher_id, given in data["vouchers"].items()
            }
        for key in ("rate_limit", "rate_window_seconds"):
            if key in data:
                values[key] = data[key]
        values.update(overrides)
        return cls(**values)


def _voucher_spec(given: dict[str, Any]) -> VoucherSpec:
    """A `VoucherSpec` from its JSON form in a `--config` file."""
    return VoucherSpec(
        given["enterprise_id"],
        given["service_id"],
        given["name"],
        given.get("type", "Public"),
        bool(given.get("is_active", True)),
        tuple(given.get("rate_ids", ())),
    )
