"""The sandbox over real HTTP: authentication, validation, paths, Request-Id, portfolio rules, add and delete."""

from __future__ import annotations

import uuid

import httpx
import pytest

from mews_sandbox import (
    DEMO_CLIENT_TOKEN,
    ENTERPRISE_A,
    ENTERPRISE_B,
    VOUCHER_A,
    VOUCHER_B,
    RunningSandbox,
)
from tests.sandbox._http import PATH, add_codes, body, get_all, post


def assert_error(response: httpx.Response, status: int, field: str | None = None) -> None:
    assert response.status_code == status, response.text
    payload = response.json()
    assert payload["Message"]
    assert payload["RequestId"] == response.headers["Request-Id"]
    if field is not None:
        assert payload["Details"]["Field"] == field


def test_seed_page_getall_example_gets_a_documented_answer(sandbox: RunningSandbox) -> None:
    example = body(
        EnterpriseIds=[ENTERPRISE_A, ENTERPRISE_B],
        VoucherCodeIds=["8c364829-c7ae-4972-b67f-93ea704d7228", "dc9d3488-7fc4-4fc9-a524-14e6504d8734"],
        VoucherIds=[VOUCHER_A],
        UpdatedUtc={"StartUtc": "2023-10-10T00:00:00Z", "EndUtc": "2023-10-17T00:00:00Z"},
        Limitation={"Count": 10},
    )
    response = post(sandbox.url, "getAll", example)
    assert response.status_code == 200
    assert response.json() == {"VoucherCodes": [], "Cursor": None}
    assert response.headers["Request-Id"]


@pytest.mark.parametrize(
    "change",
    [
        {"AccessToken": "unknown"},
        {"ClientToken": "unknown"},
        {"AccessToken": ""},
        {"AccessToken": None},
        {"ClientToken": None},
    ],
)
def test_unknown_or_missing_tokens_are_refused_with_401(sandbox: RunningSandbox, change: dict[str, object]) -> None:
    payload = {**body(VoucherIds=[VOUCHER_A], Limitation={"Count": 1}), **change}
    assert_error(post(sandbox.url, "getAll", payload), 401)


def test_missing_client_is_a_bad_request(sandbox: RunningSandbox) -> None:
    payload = body(VoucherIds=[VOUCHER_A], Limitation={"Count": 1})
    del payload["Client"]
    assert_error(post(sandbox.url, "getAll", payload), 400, "Client")


def ids(count: int) -> list[str]:
    return [str(uuid.UUID(int=number + 1, version=4)) for number in range(count)]


GETALL_INVALID = [
    ({"Limitation": None}, "Limitation"),
    ({"Limitation": {"Count": 0}}, "Limitation.Count"),
    ({"Limitation": {"Count": 1001}}, "Limitation.Count"),
    ({"Limitation": {"Count": "10"}}, "Limitation.Count"),
    ({"Limitation": {"Count": 5, "Cursor": "nope"}}, "Limitation.Cursor"),
    ({"VoucherIds": None}, "VoucherIds"),
    ({"VoucherIds": []}, "VoucherIds"),
    ({"VoucherIds": ids(1001)}, "VoucherIds"),
    ({"VoucherIds": ["not-a-uuid"]}, "VoucherIds[0]"),
    ({"VoucherCodeIds": []}, "VoucherCodeIds"),
    ({"VoucherCodeIds": ids(1001)}, "VoucherCodeIds"),
    ({"UpdatedUtc": {"StartUtc": "2026-01-02T00:00:00Z", "EndUtc": "2026-01-01T00:00:00Z"}}, "UpdatedUtc"),
    ({"UpdatedUtc": {"StartUtc": "2026-01-01T00:00:00Z", "EndUtc": "2026-04-01T00:00:01Z"}}, "UpdatedUtc"),
    ({"UpdatedUtc": {"StartUtc": "yesterday", "EndUtc": "2026-01-01T00:00:00Z"}}, "UpdatedUtc.StartUtc"),
    ({"UpdatedUtc": {"StartUtc": "0001-01-01T00:00:00+05:00", "EndUtc": None}}, "UpdatedUtc.StartUtc"),
    ({"UpdatedUtc": {"StartUtc": "2026-01-01T00:00:00Z", "EndUtc": "9999-12-31T23:00:00-05:00"}}, "UpdatedUtc.EndUtc"),
    ({"VoucherIds": [str(uuid.UUID(int=99, version=4))]}, "VoucherIds"),
    ({"EnterpriseIds": []}, "EnterpriseIds"),  # the documented limits hold for a single-enterprise token too
    ({"EnterpriseIds": [None]}, "EnterpriseIds[0]"),
    ({"EnterpriseIds": [""]}, "EnterpriseIds[0]"),
    ({"EnterpriseIds": ids(1001)}, "EnterpriseIds"),
    ({"LanguageCode": 5}, "LanguageCode"),
    ({"CultureCode": ["en-US"]}, "CultureCode"),
    ({"VoucherCodeId": ids(1)}, "VoucherCodeId"),  # misspelled: refused, not ignored (which would return all)
    ({"Extent": {"VoucherCodes": True}}, "Extent"),
    ({"Limitation": {"Count": 5, "Cursr": None}}, "Limitation.Cursr"),
    ({"UpdatedUtc": {"StartUtc": "2026-01-01T00:00:00Z", "End": "2026-01-02T00:00:00Z"}}, "UpdatedUtc.End"),
]


@pytest.mark.parametrize(("change", "field"), GETALL_INVALID)
def test_getall_validation_names_the_field(sandbox: RunningSandbox, change: dict[str, object], field: str) -> None:
    payload = {**body(VoucherIds=[VOUCHER_A], Limitation={"Count": 10}), **change}
    assert_error(post(sandbox.url, "getAll", payload), 400, field)


def test_three_calendar_months_is_the_longest_window(sandbox: RunningSandbox) -> None:
    window = {"StartUtc": "2026-01-31T00:00:00Z", "EndUtc": "2026-04-30T00:00:00Z"}
    assert get_all(sandbox.url, UpdatedUtc=window).status_code == 200
    window = {"StartUtc": "2026-01-31T00:00:00Z", "EndUtc": "2026-04-30T00:00:01Z"}
    assert_error(get_all(sandbox.url, UpdatedUtc=window), 400, "UpdatedUtc")


ADD_INVALID = [
    ({"VoucherCodeParameters": None}, "VoucherCodeParameters"),
    ({"VoucherCodeParameters": []}, "VoucherCodeParameters"),
    ({"VoucherCodeParameters": [{"VoucherId": VOUCHER_A, "Value": "x"}] * 1001}, "VoucherCodeParameters"),
    ({"VoucherCodeParameters": [{"VoucherId": VOUCHER_A, "Value": ""}]}, "VoucherCodeParameters[0].Value"),
    ({"VoucherCodeParameters": [{"VoucherId": VOUCHER_A, "Value": "x" * 129}]}, "VoucherCodeParameters[0].Value"),
    ({"VoucherCodeParameters": [{"VoucherId": VOUCHER_A}]}, "VoucherCodeParameters[0].Value"),
    ({"VoucherCodeParameters": [{"Value": "x"}]}, "VoucherCodeParameters[0].VoucherId"),
    ({"VoucherCodeParameters": [{"VoucherId": VOUCHER_B, "Value": "x"}]}, "VoucherCodeParameters[0].VoucherId"),
    (
        {
            "VoucherCodeParameters": [
                {
                    "VoucherId": VOUCHER_A,
                    "Value": "x",
                    "ValidityStartUtc": "2026-02-01T00:00:00Z",
                    "ValidityEndUtc": "2026-01-01T00:00:00Z",
                }
            ]
        },
        "VoucherCodeParameters[0]",
    ),
    (  # misspelled: refused, not a code valid forever
        {"VoucherCodeParameters": [{"VoucherId": VOUCHER_A, "Value": "x", "ValidFrom": "2026-01-01T00:00:00Z"}]},
        "VoucherCodeParameters[0].ValidFrom",
    ),
    ({"EnterpriseIds": [VOUCHER_A]}, "EnterpriseIds"),
]


@pytest.mark.parametrize(("change", "field"), ADD_INVALID)
def test_add_validation_names_the_field(sandbox: RunningSandbox, change: dict[str, object], field: str) -> None:
    assert_error(post(sandbox.url, "add", body(**change)), 400, field)
    assert sandbox.state.store.count() == 0


def test_value_of_128_characters_is_accepted(sandbox: RunningSandbox) -> None:
    (code,) = add_codes(sandbox.url, ["x" * 128])
    assert code["Value"] == "x" * 128


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"VoucherCodeIds": None}, "VoucherCodeIds"),
        ({"VoucherCodeIds": []}, "VoucherCodeIds"),
        ({"VoucherCodeIds": ids(1001)}, "VoucherCodeIds"),
        ({"VoucherCodeIds": ids(1)}, "VoucherCodeIds"),
        ({"VoucherIds": ids(1)}, "VoucherIds"),
    ],
)
def test_delete_validation(sandbox: RunningSandbox, change: dict[str, object], field: str) -> None:
    assert_error(post(sandbox.url, "delete", body(**change)), 400, field)


def test_add_returns_codes_in_input_order_and_getall_newest_first(sandbox: RunningSandbox) -> None:
    added = add_codes(sandbox.url, ["A", "B", "C"])
    assert [code["Value"] for code in added] == ["A", "B", "C"]
    assert all(code["IsActive"] and code["ActivityState"] == "Active" for code in added)
    page = get_all(sandbox.url).json()
    assert [code["Value"] for code in page["VoucherCodes"]] == ["C", "B", "A"]
    assert page["Cursor"] == added[0]["Id"]


def test_a_value_cannot_repeat_among_a_vouchers_active_codes(sandbox: RunningSandbox) -> None:
    (first,) = add_codes(sandbox.url, ["SAME"])
    assert_error(post(sandbox.url, "add", body(VoucherCodeParameters=[{"VoucherId": VOUCHER_A, "Value": "SAME"}])), 403)
    duplicate_in_batch = [{"VoucherId": VOUCHER_A, "Value": "TWICE"}] * 2
    assert_error(post(sandbox.url, "add", body(VoucherCodeParameters=duplicate_in_batch)), 403)
    assert sandbox.state.store.count() == 1
    assert post(sandbox.url, "delete", body(VoucherCodeIds=[first["Id"]])).status_code == 200
    assert add_codes(sandbox.url, ["SAME"])[0]["Value"] == "SAME"


def test_delete_marks_codes_deleted_and_getall_still_returns_them(sandbox: RunningSandbox) -> None:
    (code,) = add_codes(sandbox.url, ["GONE"])
    response = post(sandbox.url, "delete", body(VoucherCodeIds=[code["Id"]]))
    assert response.status_code == 200
    assert response.json() == {}
    (after,) = get_all(sandbox.url).json()["VoucherCodes"]
    assert after["Id"] == code["Id"]
    assert after["IsActive"] is False
    assert after["ActivityState"] == "Deleted"
    assert after["UpdatedUtc"] > code["UpdatedUtc"]
    assert after["CreatedUtc"] == code["CreatedUtc"]


def test_prefer_return_minimal_gives_204_for_an_empty_page_and_for_delete(sandbox: RunningSandbox) -> None:
    minimal = {"Prefer": "return=minimal"}
    empty = get_all(sandbox.url, headers=minimal)
    assert empty.status_code == 204
    assert empty.content == b""
    assert empty.headers["Request-Id"]
    (code,) = add_codes(sandbox.url, ["X"])
    assert get_all(sandbox.url, headers=minimal).status_code == 200
    deleted = post(sandbox.url, "delete", body(VoucherCodeIds=[code["Id"]]), headers=minimal)
    assert deleted.status_code == 204
    assert deleted.content == b""


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("POST", PATH + "getall", 404),
        ("POST", PATH + "getAll/", 404),
        ("POST", "/api/connector/v1/reservations/getAll", 404),
        ("GET", PATH + "getAll", 405),
        ("PUT", PATH + "add", 405),
    ],
)
def test_wrong_path_or_method(sandbox: RunningSandbox, method: str, path: str, status: int) -> None:
    assert_error(httpx.request(method, sandbox.url + path, json={}), status)


@pytest.mark.parametrize("content", [b"{not json", b"[1, 2]", b"\xff\xfe"])
def test_invalid_json_is_a_bad_request(sandbox: RunningSandbox, content: bytes) -> None:
    response = httpx.post(sandbox.url + PATH + "getAll", content=content, headers={"Content-Type": "application/json"})
    assert_error(response, 400)


def test_portfolio_getall_covers_every_enterprise_in_scope(sandbox: RunningSandbox) -> None:
    (in_a,) = add_codes(sandbox.url, ["IN-A"], portfolio=True, EnterpriseId=ENTERPRISE_A)
    (in_b,) = add_codes(sandbox.url, ["IN-B"], voucher=VOUCHER_B, portfolio=True, EnterpriseId=ENTERPRISE_B)
    both = post(
        sandbox.url, "getAll", body(portfolio=True, VoucherIds=[VOUCHER_A, VOUCHER_B], Limitation={"Count": 10})
    )
    assert [code["Id"] for code in both.json()["VoucherCodes"]] == [in_b["Id"], in_a["Id"]]
    only_b = body(
        portfolio=True, VoucherIds=[VOUCHER_A, VOUCHER_B], EnterpriseIds=[ENTERPRISE_B], Limitation={"Count": 10}
    )
    assert [code["Id"] for code in post(sandbox.url, "getAll", only_b).json()["VoucherCodes"]] == [in_b["Id"]]


def test_portfolio_rules_for_enterprise_ids(sandbox: RunningSandbox) -> None:
    outside = str(uuid.UUID(int=5, version=4))
    query = body(portfolio=True, VoucherIds=[VOUCHER_A], EnterpriseIds=[outside], Limitation={"Count": 1})
    assert_error(post(sandbox.url, "getAll", query), 403)
    add = {"VoucherCodeParameters": [{"VoucherId": VOUCHER_A, "Value": "P"}]}
    assert_error(post(sandbox.url, "add", body(portfolio=True, **add)), 400, "EnterpriseId")
    assert_error(post(sandbox.url, "add", body(portfolio=True, EnterpriseId=outside, **add)), 403)
    assert_error(post(sandbox.url, "delete", body(portfolio=True, VoucherCodeIds=ids(1))), 400, "EnterpriseId")
    # a voucher of enterprise A cannot get a code through enterprise B
    wrong = body(portfolio=True, EnterpriseId=ENTERPRISE_B, **add)
    assert_error(post(sandbox.url, "add", wrong), 400, "VoucherCodeParameters[0].VoucherId")


def test_single_enterprise_token_ignores_enterprise_ids(sandbox: RunningSandbox) -> None:
    (code,) = add_codes(sandbox.url, ["S"], EnterpriseId=ENTERPRISE_B)
    response = get_all(sandbox.url, EnterpriseIds=[ENTERPRISE_B])
    assert [c["Id"] for c in response.json()["VoucherCodes"]] == [code["Id"]]
    # the single-enterprise token does not reach enterprise B's voucher at all
    assert_error(get_all(sandbox.url, VoucherIds=[VOUCHER_B]), 400, "VoucherIds")


def test_unknown_cursor_is_refused(sandbox: RunningSandbox) -> None:
    assert_error(get_all(sandbox.url, cursor=str(uuid.UUID(int=3, version=4))), 400, "Limitation.Cursor")


def test_every_response_has_a_request_id(sandbox: RunningSandbox) -> None:
    responses = [get_all(sandbox.url), post(sandbox.url, "getAll", {"ClientToken": DEMO_CLIENT_TOKEN})]
    request_ids = {response.headers["Request-Id"] for response in responses}
    assert len(request_ids) == 2


@pytest.mark.parametrize("operation", ["add", "delete"])
def test_enterprise_id_is_a_uuid_for_every_token(sandbox: RunningSandbox, operation: str) -> None:
    if operation == "add":
        fields: dict[str, object] = {"VoucherCodeParameters": [{"VoucherId": VOUCHER_A, "Value": "E"}]}
    else:
        fields = {"VoucherCodeIds": [add_codes(sandbox.url, ["TO-DELETE"])[0]["Id"]]}
    assert_error(post(sandbox.url, operation, body(EnterpriseId="AAA", **fields)), 400, "EnterpriseId")


def test_windows_at_the_ends_of_the_calendar_are_answered(sandbox: RunningSandbox) -> None:
    late = {"StartUtc": "9999-11-01T00:00:00Z", "EndUtc": "9999-12-31T23:59:59Z"}  # 3 months later is past 9999
    assert get_all(sandbox.url, UpdatedUtc=late).json()["VoucherCodes"] == []
    early = {"StartUtc": "0001-01-01T00:00:00Z", "EndUtc": "0001-03-01T00:00:00Z"}
    assert get_all(sandbox.url, UpdatedUtc=early).json()["VoucherCodes"] == []


def test_an_open_end_of_the_window_is_unbounded(sandbox: RunningSandbox) -> None:
    codes = [add_codes(sandbox.url, [f"O{n}"])[0] for n in range(3)]  # one call each: three update times
    until = {"StartUtc": None, "EndUtc": codes[1]["UpdatedUtc"]}
    assert [code["Value"] for code in get_all(sandbox.url, UpdatedUtc=until).json()["VoucherCodes"]] == ["O0"]
    since = {"StartUtc": codes[1]["UpdatedUtc"]}
    assert [code["Value"] for code in get_all(sandbox.url, UpdatedUtc=since).json()["VoucherCodes"]] == ["O2", "O1"]


def test_json_nested_deeper_than_the_parser_goes_is_a_bad_request(sandbox: RunningSandbox) -> None:
    deep = b"[" * 100_000 + b"]" * 100_000
    response = post(sandbox.url, "getAll", None, content=deep, headers={"Content-Type": "application/json"})
    assert_error(response, 400)


def test_a_body_over_the_limit_is_413_in_mews_shape(sandbox: RunningSandbox) -> None:
    payload = body(VoucherIds=[VOUCHER_A], Limitation={"Count": 10}, Padding="x" * 1_048_576)
    assert_error(post(sandbox.url, "getAll", payload), 413)


def test_years_before_1000_are_written_with_four_digits(sandbox: RunningSandbox) -> None:
    params = [{"VoucherId": VOUCHER_A, "Value": "OLD", "ValidityStartUtc": "0191-09-10T00:00:00Z"}]
    added = post(sandbox.url, "add", body(VoucherCodeParameters=params)).json()["VoucherCodes"]
    assert added[0]["ValidityStartUtc"] == "0191-09-10T00:00:00Z"
    assert get_all(sandbox.url).json()["VoucherCodes"][0]["ValidityStartUtc"] == "0191-09-10T00:00:00Z"


def test_a_wrong_method_names_the_allowed_one(sandbox: RunningSandbox) -> None:
    response = httpx.get(sandbox.url + PATH + "getAll")
    assert_error(response, 405)
    assert response.headers["Allow"] == "POST"


def test_an_unknown_field_is_named_with_the_field_it_probably_meant(sandbox: RunningSandbox) -> None:
    response = get_all(sandbox.url, VoucherCodeId=[VOUCHER_A])
    assert_error(response, 400, "VoucherCodeId")
    assert "did you mean VoucherCodeIds?" in response.json()["Message"]
    language = get_all(sandbox.url, LanguageCode="en-US", CultureCode="en-US")  # allowed on every operation
    assert language.status_code == 200
