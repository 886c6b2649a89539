"""Differential test for services and vouchers: the fast reader and the generated parser agree on generated bodies.

Bodies follow `ServiceResult` and `VoucherResult` of openapi.yaml, or stray from them (odd values, unknown fields,
an unknown `Data.Discriminator`). Whenever the fast reader takes a body it must give what the reference gives, `extra`
and `data` included; a body it declines is the reference's to read or refuse.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
from hypothesis import given, settings
from hypothesis import strategies as st

from mews_wrapper import MewsClient, MewsResponseError
from mews_wrapper._resources import services, vouchers
from mews_wrapper._responses import read_answer, reference_answer
from tests.unit.test_fast_reader import ABSENT, datetime_texts, field, odd_datetimes, odd_uuids, texts, uuid_texts

SESSION = MewsClient("ct-differential", "at-differential", platform_url="https://api.mews.com")._session


@st.composite
def service_bodies(draw: st.DrawFn) -> dict[str, Any]:
    valid = draw(st.booleans())

    def odd(values: st.SearchStrategy[Any]) -> st.SearchStrategy[Any] | None:
        return None if valid else values

    def one() -> dict[str, Any]:
        kind = draw(st.sampled_from(["Bookable", "Additional", "Spa"]))  # Spa: a kind Mews may add later
        fields = {
            "Id": draw(uuid_texts if valid else st.one_of(uuid_texts, odd_uuids)),
            "EnterpriseId": draw(uuid_texts),
            "IsActive": draw(st.booleans() if valid else st.one_of(st.booleans(), st.just("yes"))),
            "Name": draw(field(texts, odd=odd(st.integers()))),
            "Names": draw(field(st.dictionaries(st.sampled_from(["en-US", "cs-CZ", "de-DE"]), texts, max_size=3))),
            "Ordering": draw(field(st.integers(-5, 50), odd=odd(st.just("first")))),
            "Data": draw(field(st.fixed_dictionaries({"Discriminator": st.just(kind), "Value": st.just({"A": 1})}))),
            "CreatedUtc": draw(field(datetime_texts(), odd=odd(odd_datetimes))),
            "UpdatedUtc": draw(field(datetime_texts())),
            "ExternalIdentifier": draw(field(texts)),
        }
        if not valid and draw(st.integers(0, 3)) == 0:
            fields["Future"] = draw(texts)
        return {name: value for name, value in fields.items() if value is not ABSENT}

    return {
        "Services": [one() for _ in range(draw(st.integers(0, 3)))],
        "Cursor": draw(st.one_of(uuid_texts, st.none())),
    }


@st.composite
def voucher_bodies(draw: st.DrawFn) -> dict[str, Any]:
    valid = draw(st.booleans())

    def odd(values: st.SearchStrategy[Any]) -> st.SearchStrategy[Any] | None:
        return None if valid else values

    ids = [draw(uuid_texts) for _ in range(draw(st.integers(0, 3)))]
    listed = [
        {
            name: value
            for name, value in {
                "Id": voucher_id,
                "ServiceId": draw(uuid_texts),
                "EnterpriseId": draw(field(uuid_texts, odd=odd(odd_uuids))),
                "Name": draw(texts.filter(bool) if valid else st.one_of(texts, st.integers())),
                "Type": draw(field(st.sampled_from(["Public", "PartnerCompany", "TravelAgency"]))),
                "IsActive": draw(field(st.booleans(), nullable=False)),
                "ActivityState": draw(field(st.sampled_from(["Active", "Deleted"]))),
                "OccupiableIntervalStartUtc": draw(field(datetime_texts(), odd=odd(odd_datetimes))),
                "CreatedUtc": draw(field(datetime_texts())),
            }.items()
            if value is not ABSENT
        }
        for voucher_id in ids
    ]
    body: dict[str, Any] = {"Vouchers": listed, "Cursor": ids[-1] if ids else None}
    if draw(st.booleans()):
        body["VoucherAssignments"] = [{"VoucherId": voucher_id, "RateId": draw(uuid_texts)} for voucher_id in ids]
    return body


def read_both(endpoint: Any, body: dict[str, Any]) -> tuple[Any, Any] | None:
    response = httpx.Response(
        200, content=json.dumps(body).encode(), request=httpx.Request("POST", "https://api.mews.com/x")
    )
    if endpoint.reader.fast(response.content) is None:
        return None
    fast = read_answer(endpoint, response, SESSION.parser, SESSION.config)
    try:
        reference = reference_answer(endpoint, response, SESSION.parser, SESSION.config)
    except MewsResponseError as refused:
        raise AssertionError(f"the fast reader took a body the reference refuses: {refused}") from None
    return fast, reference


@settings(max_examples=50, deadline=None)
@given(body=service_bodies())
def test_services_read_alike_by_both_readers(body: dict[str, Any]) -> None:
    both = read_both(services.GET_ALL, body)
    if both is None:
        return
    fast, reference = both
    assert fast.items == reference.items
    assert [(s.data, s.extra, s.names) for s in fast.items] == [(s.data, s.extra, s.names) for s in reference.items]
    assert fast.cursor == reference.cursor


@settings(max_examples=50, deadline=None)
@given(body=voucher_bodies())
def test_vouchers_read_alike_by_both_readers(body: dict[str, Any]) -> None:
    both = read_both(vouchers.GET_ALL, body)
    if both is None:
        return
    fast, reference = both
    assert fast.items == reference.items
    assert [voucher.rate_ids for voucher in fast.items] == [voucher.rate_ids for voucher in reference.items]
    assert fast.cursor == reference.cursor


def test_an_unknown_kind_of_service_is_kept_not_fatal() -> None:
    body = {
        "Services": [
            {
                "Id": "bd26d8db-86da-4f96-9efc-e5a4654a4a94",
                "EnterpriseId": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
                "IsActive": True,
                "Data": {"Discriminator": "Spa", "Value": {"Rooms": 3}},
            }
        ]
    }
    both = read_both(services.GET_ALL, body)
    assert both is not None
    (service,) = both[0].items
    assert (service.type, service.data, service.name) == ("Spa", {"Rooms": 3}, None)


def test_a_service_without_data_or_unknown_fields_shares_the_one_empty_mapping_by_both_readers() -> None:
    body = {
        "Services": [
            {"Id": "bd26d8db-86da-4f96-9efc-e5a4654a4a94", "EnterpriseId": "3fa85f64-5717-4562-b3fc-2c963f66afa6"}
            | {"IsActive": True, **data}
            for data in ({}, {"Data": {"Discriminator": "Bookable", "Value": None}})
        ]
    }
    both = read_both(services.GET_ALL, body)
    assert both is not None
    read = [service for answer in both for service in answer.items]
    assert len(read) == 4
    assert all(service.data is read[0].data and service.extra is read[0].data for service in read)
    assert read[0].data == {}
