"""Differential test: the fast reader and the generated parser (the reference) give equal public values.

Bodies are generated from the spec's `VoucherCodeResult` schema and around it: nulls, absent fields, a missing
`IsActive`, offsets other than Z, fractions, naive datetimes, unknown fields, wrong types and malformed values. For
each, either the fast reader declines (and the client reads it with the reference, errors included), or both give
the same codes and cursor, field by field.
"""

from __future__ import annotations

import datetime as dt
import json
import pickle
import uuid
from typing import Any

import httpx
import msgspec
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from mews_wrapper import MewsClient, MewsResponseError, VoucherCode
from mews_wrapper._resources.voucher_codes import ADD, GET_ALL
from mews_wrapper._responses import read_answer, reference_answer
from mews_wrapper._wire.voucher_codes import read_voucher_codes
from tests.spec._docs import documented_examples

CLIENT = MewsClient("ct-differential", "at-differential", platform_url="https://api.mews.com", rate_limit=None)
SESSION = CLIENT._session
ABSENT = object()

OFFSETS = [dt.UTC, dt.timezone(dt.timedelta(hours=1)), dt.timezone(dt.timedelta(hours=-5, minutes=-30)), None]


@st.composite
def datetime_texts(draw: st.DrawFn) -> str:
    moment = draw(st.datetimes(min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9999, 12, 30)))
    moment = moment.replace(tzinfo=draw(st.sampled_from(OFFSETS)))
    text = moment.isoformat(timespec=draw(st.sampled_from(["seconds", "milliseconds", "microseconds"])))
    if draw(st.booleans()):
        text = text.replace("+00:00", "Z")
    return text


odd_datetimes = st.sampled_from(
    [
        "2026-01-01",
        "2026-01-01 00:00:00Z",
        "2026-01-01T00:00Z",
        "2026-13-01T00:00:00Z",
        "2026-01-01T23:59:60Z",
        "2026-01-01T00:00:00,5Z",
        "2026-01-01T00:00:00+0100",
        "2026-01-01T00:00:00-00:00",
        "2026-01-01T00:00:00+24:00",
        "2026-01-01t00:00:00z",
        "2026-01-01T00:00:00.1234567Z",
        "2026-01-01T00:00:00.9999999Z",
        "2026-01-01T00:00:00.123456789+01:00",
        "0000-01-01T00:00:00Z",
        "garbage",
        "",
    ]
)
uuid_texts = st.uuids().map(str) | st.uuids().map(lambda value: str(value).upper())
odd_uuids = st.sampled_from(
    [
        "not-a-uuid",
        "",
        "{fe568bbd-1ecb-4bb2-bf77-96c3698de20d}",
        "fe568bbd1ecb4bb2bf7796c3698de20d",
        "fe568bbd1ecb4bb2bf7796c3698de20d----",  # 36 characters that uuid.UUID takes, not canonical
        "fe568bbd-1ecb-4bb2-bf77-96c3698de20g",
    ]
)
texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20)


def field(values: st.SearchStrategy[Any], *, nullable: bool = True, odd: st.SearchStrategy[Any] | None = None) -> Any:
    choices = [values, st.just(ABSENT)]
    if nullable:
        choices.append(st.none())
    if odd is not None:
        choices.append(odd)
    return st.one_of(*choices)


@st.composite
def codes(draw: st.DrawFn, *, valid: bool) -> dict[str, Any]:
    """A code as the spec's schema describes it (`valid`), or around it: odd values, wrong types, unknown fields."""

    def odd(values: st.SearchStrategy[Any]) -> st.SearchStrategy[Any] | None:
        return None if valid else values

    fields = {
        "Id": draw(uuid_texts if valid else st.one_of(uuid_texts, odd_uuids, st.just(ABSENT))),
        "VoucherId": draw(uuid_texts if valid else st.one_of(uuid_texts, odd_uuids)),
        "Value": draw(field(texts, odd=odd(st.integers()))),
        "ValidityStartUtc": draw(field(datetime_texts(), odd=odd(odd_datetimes))),
        "ValidityEndUtc": draw(field(datetime_texts(), odd=odd(odd_datetimes))),
        "CreatedUtc": draw(field(datetime_texts(), odd=odd(odd_datetimes))),
        "UpdatedUtc": draw(field(datetime_texts(), odd=odd(odd_datetimes))),
        "IsActive": draw(field(st.booleans(), nullable=False, odd=odd(st.sampled_from([None, "true", 1])))),
        "ActivityState": draw(field(st.sampled_from(["Active", "Deleted"]), odd=odd(st.sampled_from(["Other", 3])))),
    }
    if not valid and draw(st.integers(0, 4)) == 0:
        fields["LoyaltyTier"] = draw(st.one_of(texts, st.integers(), st.lists(st.integers(), max_size=2)))
    return {name: value for name, value in fields.items() if value is not ABSENT}


@st.composite
def pages(draw: st.DrawFn) -> dict[str, Any]:
    valid = draw(st.booleans())
    page: dict[str, Any] = {"VoucherCodes": draw(st.lists(codes(valid=valid), max_size=4))}
    cursor = draw(st.one_of(uuid_texts, st.none(), st.just(ABSENT)) if valid else st.one_of(uuid_texts, odd_uuids))
    if cursor is not ABSENT:
        page["Cursor"] = cursor
    if not valid and draw(st.integers(0, 9)) == 0:
        page["Total"] = 5
    return page


Read = tuple[tuple[VoucherCode, ...], uuid.UUID | None] | str


def reference(body: bytes) -> Read:
    """What the generated parser makes of a 200 body: the codes and cursor, or the error's message."""
    return outcome(reference_answer, body)


def outcome(reader: Any, body: bytes) -> Read:
    try:
        answer = reader(GET_ALL, response(body), SESSION.parser, SESSION.config)
    except MewsResponseError as error:
        return str(error)
    return answer.items, answer.cursor


def response(body: bytes) -> httpx.Response:
    return httpx.Response(200, content=body, request=httpx.Request("POST", "https://api.mews.com/x"))


def assert_same_codes(fast: tuple[VoucherCode, ...], expected: tuple[VoucherCode, ...]) -> None:
    """Equal, field by field: the datetimes in UTC alike, `is_active` a bool, and `extra` (not part of ==) too."""
    assert fast == expected
    for mine, theirs in zip(fast, expected, strict=True):
        assert mine.extra == theirs.extra
        for name in ("validity_start_utc", "validity_end_utc", "created_utc", "updated_utc"):
            ours, reference_value = getattr(mine, name), getattr(theirs, name)
            assert (ours is None) == (reference_value is None)
            if ours is not None:
                assert ours.tzinfo is dt.UTC
                assert ours.replace(tzinfo=None) == reference_value.replace(tzinfo=None)
        assert type(mine.is_active) is bool


DOCUMENTED = documented_examples()


@settings(max_examples=400)
@given(page=pages())
@example(page=DOCUMENTED["getAll.response"])
@example(page=DOCUMENTED["add.response"])
def test_the_fast_reader_and_the_reference_agree(page: dict[str, Any]) -> None:
    body = json.dumps(page).encode()
    expected = reference(body)
    fast = read_voucher_codes(body)
    if fast is not None:
        assert not isinstance(expected, str), f"the fast reader took what the reference refuses: {expected}"
        assert_same_codes(fast[0], expected[0])
        assert all(code.extra == {} for code in fast[0])  # unknown fields always go to the reference
        assert fast[1] == expected[1]
    whole = outcome(read_answer, body)  # and the client as a whole gives the reference's answer, or its error
    if isinstance(expected, str):
        assert whole == expected
    else:
        assert not isinstance(whole, str)
        assert_same_codes(whole[0], expected[0])
        assert whole[1] == expected[1]


@pytest.mark.parametrize("name", ["getAll.response", "add.response"])
def test_the_documented_examples_take_the_fast_path(name: str) -> None:
    body = json.dumps(DOCUMENTED[name]).encode()
    fast = read_voucher_codes(body)
    assert fast is not None
    expected = reference(body)
    assert not isinstance(expected, str)
    assert_same_codes(fast[0], expected[0])


def test_a_page_makes_each_voucher_id_once_and_shares_one_empty_extra() -> None:
    """Per code, only its own Id is a new object for the garbage collector: the VoucherId repeated down the page is
    one UUID, and `extra` is one shared, read-only empty mapping that pickles as itself."""
    voucher_id = "FE568BBD-1ECB-4BB2-BF77-96C3698DE20D"
    page = {"VoucherCodes": [{"Id": str(uuid.uuid4()), "VoucherId": voucher_id, "IsActive": True} for _ in range(3)]}
    fast = read_voucher_codes(json.dumps(page).encode())
    assert fast is not None
    first, second, third = fast[0]
    assert first.voucher_id == uuid.UUID(voucher_id)
    assert first.voucher_id is second.voucher_id is third.voucher_id
    assert first.extra is second.extra
    read_by_reference = reference(json.dumps(page).encode())
    assert not isinstance(read_by_reference, str)
    assert read_by_reference[0][0].extra is first.extra  # the reference reader shares it too
    assert first.extra == {}
    assert repr(first.extra) == "{}"
    with pytest.raises(TypeError, match="read-only"):
        first.extra["New"] = 1  # type: ignore[index]
    with pytest.raises(TypeError, match="read-only"):
        first.extra.update(New=1)  # type: ignore[attr-defined]
    assert first.extra == {}
    assert pickle.loads(pickle.dumps(first)).extra is first.extra
    assert json.loads(msgspec.json.encode(first))["extra"] == {}  # still a dict to the encoders


@pytest.mark.parametrize("voucher_id", ["fe568bbd1ecb4bb2bf7796c3698de20d----", "fe568bbd-1ecb-4bb2-bf77-96c3698de20g"])
def test_a_voucher_id_the_fast_reader_does_not_take_goes_to_the_reference(voucher_id: str) -> None:
    page = {"VoucherCodes": [{"Id": str(uuid.uuid4()), "VoucherId": voucher_id, "IsActive": True}]}
    assert read_voucher_codes(json.dumps(page).encode()) is None


def test_unknown_fields_are_read_by_the_reference_and_kept() -> None:
    page = {"VoucherCodes": [{"Id": str(uuid.uuid4()), "VoucherId": str(uuid.uuid4()), "IsActive": True, "New": 1}]}
    body = json.dumps(page).encode()
    assert read_voucher_codes(body) is None
    answer = read_answer(ADD, response(body), SESSION.parser, SESSION.config)
    assert answer.items[0].extra == {"New": 1}
