"""What a sandbox knows at start: its tokens, enterprises, vouchers, limits and faults."""

from __future__ import annotations

import json
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
    vouchers: dict[str, str] = field(default_factory=lambda: {VOUCHER_A: ENTERPRISE_A, VOUCHER_B: ENTERPRISE_B})
    rate_limit: int = 200
    rate_window_seconds: float = 30.0
    seed: int | None = None
    clock_start: str = "2026-01-01T00:00:00Z"
    clock_step_seconds: float = 1.0
    seed_codes: int = 0
    db_path: str | None = None
    faults: FaultPlan = field(default_factory=FaultPlan)

    def grant_for(self, access_token: str) -> AccessGrant | None:
        """The grant of an access token, or None when the token is unknown."""
        return next((grant for grant in self.grants if grant.access_token == access_token), None)

    @classmethod
    def from_file(cls, path: str | Path, **overrides: Any) -> SandboxConfig:
        """Read tokens, enterprises and vouchers from a JSON file (see the README's sandbox section)."""
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        values: dict[str, Any] = {}
        if "client_tokens" in data:
            values["client_tokens"] = tuple(data["client_tokens"])
        if "grants" in data:
            values["grants"] = tuple(
                AccessGrant(g["access_token"], tuple(g["enterprise_ids"]), bool(g.get("portfolio", False)))
                for g in data["grants"]
            )
        if "vouchers" in data:
            values["vouchers"] = dict(data["vouchers"])
        for key in ("rate_limit", "rate_window_seconds"):
            if key in data:
                values[key] = data[key]
        values.update(overrides)
        return cls(**values)
