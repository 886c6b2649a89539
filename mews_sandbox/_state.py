"""What a running sandbox holds: configuration, the store of codes, the clock, the ids, the limiter."""

from __future__ import annotations

import collections
import datetime as dt
from dataclasses import dataclass

from mews_sandbox._clock import EPOCH, Clock, IdSource, parse_utc
from mews_sandbox._config import EnterpriseSpec, RateSpec, SandboxConfig, ServiceSpec, VoucherSpec
from mews_sandbox._listing import CREATED_BASE, Listing
from mews_sandbox._ratelimit import SlidingWindowLimiter
from mews_sandbox._store import NewCode, Store
from mews_sandbox._voucher_table import StoredVoucher


@dataclass(frozen=True)
class Served:
    """One request the sandbox answered: operation, status, whether it asked for a window, and its Request-Id.

    `windowed`: the body had an `UpdatedUtc` filter; `request_id` is None for a dropped connection or a proxy's page.
    """

    operation: str
    status: int
    windowed: bool
    request_id: str | None = None


SERVED_KEPT = 100_000
"""How many answered requests `served` remembers (the oldest go first)."""


class SandboxState:
    """Everything a running sandbox holds: configuration, store (codes, vouchers), clock, ids, limiter, listings."""

    def __init__(self, config: SandboxConfig) -> None:
        """Open the store and seed it as configured."""
        self.config = config
        self.faults = config.faults
        self.store = Store(config.db_path)
        step = dt.timedelta(seconds=config.clock_step_seconds)
        self._seed_vouchers(config.voucher_specs)
        kept = self.store.count() + self.store.vouchers.count() - len(config.voucher_specs)  # what calls made
        # A seeded sandbox restarted on a kept database goes on from where it was: a fresh id sequence (the old one
        # would repeat ids already stored) and a clock that starts after the last update it holds.
        self.ids = IdSource(None if config.seed is None else config.seed + kept)
        fixed = None
        if config.seed is not None:
            fixed = parse_utc(config.clock_start)
            if kept:
                fixed = max(fixed, EPOCH + dt.timedelta(microseconds=self.store.last_update()) + step)
        self.clock = Clock(fixed_start=fixed, step=step)
        self.limiter = SlidingWindowLimiter(config.rate_limit, config.rate_window_seconds)
        self.served: collections.deque[Served] = collections.deque(maxlen=SERVED_KEPT)
        self.services: Listing[ServiceSpec] = Listing(list(config.services.items()))
        self.enterprises: Listing[EnterpriseSpec] = Listing(list(config.enterprises.items()))
        self.rates: Listing[RateSpec] = Listing(list(config.rates.items()))
        if config.seed_codes and self.store.count() == 0:
            self._seed_codes(config.seed_codes)

    def _seed_vouchers(self, specs: dict[str, VoucherSpec]) -> None:
        """Write the configured vouchers into the store, each a minute after the one before (kept ones stay)."""
        seeded = []
        for index, (voucher_id, spec) in enumerate(specs.items()):
            created = CREATED_BASE + index * 60_000_000
            seeded.append(
                StoredVoucher(
                    id=voucher_id,
                    enterprise_id=spec.enterprise_id,
                    service_id=spec.service_id,
                    name=spec.name,
                    type=spec.type,
                    company_id=None,
                    stay_start=None,
                    stay_end=None,
                    external_identifier=None,
                    rate_ids=spec.rate_ids,
                    created=created,
                    updated=created,
                    is_active=spec.is_active,
                )
            )
        self.store.vouchers.insert(seeded, or_ignore=True)

    def _seed_codes(self, count: int) -> None:
        voucher, enterprise = next(iter(self.config.vouchers.items()))
        for start in range(0, count, 1000):
            batch = [
                NewCode(self.ids.new(), voucher, enterprise, f"SEED-{number:07d}", None, None, self.clock.now_micros())
                for number in range(start, min(count, start + 1000))
            ]
            self.store.insert(batch)
