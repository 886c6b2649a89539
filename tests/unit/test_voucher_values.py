"""`NewVoucher` and `VoucherUpdate`: checked on construction, UNCHANGED and None never confused."""

from __future__ import annotations

import datetime as dt
import pickle
import uuid

import pytest

from mews_wrapper import UNCHANGED, MewsValidationError, NewVoucher, Voucher, VoucherUpdate

SERVICE = uuid.UUID(int=1)
RATES = [uuid.UUID(int=100 + number) for number in range(11)]
WHEN = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"name": ""}, "empty"),
        ({"name": "   "}, "empty"),
        ({"name": "x" * 129}, "at most 128"),
        ({"name": " Summer"}, "whitespace"),
        ({"name": "Sum\nmer"}, "control character"),
        ({"type": "Secret"}, "Public, PartnerCompany, TravelAgency"),
        ({"type": "PartnerCompany"}, "needs company_id"),
        ({"type": "TravelAgency"}, "needs company_id"),
        ({"rate_ids": RATES}, "at most 10 rates"),
        ({"rate_ids": [RATES[0], str(RATES[0])]}, "twice"),
        ({"rate_ids": "f1e2d3c4-b5a6-4978-8a9b-0c1d2e3f4a5b"}, "collection"),
        ({"rate_ids": ["nope"]}, r"rate_ids\[0\]"),
        ({"stay_start_utc": dt.datetime(2026, 6, 1)}, "timezone"),
        ({"stay_start_utc": WHEN, "stay_end_utc": WHEN - dt.timedelta(days=1)}, "not be after"),
        ({"external_identifier": "x" * 256}, "at most 255"),
        ({"external_identifier": ""}, "non-empty"),
        ({"service_id": "nope"}, "service_id"),
    ],
)
def test_a_new_voucher_refuses_what_mews_would(arguments: dict[str, object], message: str) -> None:
    given: dict[str, object] = {"service_id": SERVICE, "name": "Summer 2026", **arguments}
    with pytest.raises(MewsValidationError, match=message):
        NewVoucher(**given)  # type: ignore[arg-type]


def test_a_new_voucher_keeps_what_it_was_given_in_mews_terms() -> None:
    company = uuid.UUID(int=9)
    voucher = NewVoucher(
        str(SERVICE),  # type: ignore[arg-type]
        "Partner deal",
        type="PartnerCompany",
        company_id=str(company),  # type: ignore[arg-type]
        rate_ids=[str(RATES[1]), RATES[0]],  # type: ignore[list-item]
        stay_start_utc=dt.datetime(2026, 6, 1, 2, 0, 0, 1, tzinfo=dt.timezone(dt.timedelta(hours=2))),
        stay_end_utc=dt.datetime(2026, 7, 1, 0, 0, 0, 1, tzinfo=dt.UTC),
    )
    assert (voucher.service_id, voucher.company_id, voucher.rate_ids) == (SERVICE, company, (RATES[1], RATES[0]))
    assert voucher.stay_start_utc == dt.datetime(2026, 6, 1, tzinfo=dt.UTC)  # in UTC, the start rounded down
    assert voucher.stay_end_utc == dt.datetime(2026, 7, 1, 0, 0, 1, tzinfo=dt.UTC)  # the end rounded up
    assert NewVoucher.coerce({"service_id": SERVICE, "name": "Partner deal"}) == NewVoucher(SERVICE, "Partner deal")
    with pytest.raises(MewsValidationError, match="unknown keys for a voucher: colour"):
        NewVoucher.coerce({"service_id": SERVICE, "name": "X", "colour": "red"})


def test_an_update_leaves_unchanged_what_it_does_not_name_and_clears_what_is_none() -> None:
    update = VoucherUpdate(SERVICE, name="New name", external_identifier=None, rate_ids=None)
    assert update.changes == {"name": "New name", "external_identifier": None, "rate_ids": ()}
    assert update.type is UNCHANGED
    assert update.company_id is UNCHANGED
    assert repr(update) == (
        f"VoucherUpdate(voucher_id={SERVICE!r}, name='New name', external_identifier=None, rate_ids=())"
    )
    assert repr(UNCHANGED) == "UNCHANGED"
    assert pickle.loads(pickle.dumps(update)) == update


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({}, "changes nothing"),
        ({"name": None}, "name cannot be cleared"),
        ({"type": None}, "type cannot be cleared"),
        ({"type": "TravelAgency", "company_id": None}, "needs a company"),
        ({"rate_ids": RATES}, "at most 10"),
        ({"stay_start_utc": WHEN, "stay_end_utc": WHEN - dt.timedelta(seconds=1)}, "not be after"),
        ({"name": ""}, "empty"),
    ],
)
def test_an_update_refuses_what_cannot_be_meant(arguments: dict[str, object], message: str) -> None:
    with pytest.raises(MewsValidationError, match=message):
        VoucherUpdate(SERVICE, **arguments)  # type: ignore[arg-type]


def _voucher(rate_ids: tuple[uuid.UUID, ...] | None) -> Voucher:
    return Voucher(
        id=uuid.UUID(int=5),
        service_id=SERVICE,
        enterprise_id=None,
        name="Summer",
        type="Public",
        company_id=None,
        travel_agency_id=None,
        occupiable_interval_start_utc=WHEN,
        occupiable_interval_end_utc=None,
        external_identifier=None,
        is_active=True,
        created_utc=None,
        updated_utc=None,
        rate_ids=rate_ids,
    )


def test_one_rate_is_added_or_removed_on_the_set_as_read() -> None:
    voucher = _voucher((RATES[0], RATES[1]))
    assert VoucherUpdate.adding_rates(voucher, [RATES[1], RATES[2]]).rate_ids == (RATES[0], RATES[1], RATES[2])
    assert VoucherUpdate.removing_rates(voucher, [RATES[0], RATES[5]]).rate_ids == (RATES[1],)
    assert voucher.stay_start_utc == WHEN  # the name NewVoucher uses, on what is read
    with pytest.raises(MewsValidationError, match="at most 10"):
        VoucherUpdate.adding_rates(_voucher(tuple(RATES[:10])), [RATES[10]])
    with pytest.raises(MewsValidationError, match="with_rates=True"):
        VoucherUpdate.removing_rates(_voucher(None), [RATES[0]])
