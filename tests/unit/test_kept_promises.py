"""Pieces of #27 that need no server: a cursor that never ends, Ctrl-C at start, the sync plan's edges, retries'
jitter, --max-delete's rounding, a workbook that declares a wrong size (each kills a mutation the suite missed)."""

from __future__ import annotations

import datetime as dt
import json
import logging
import uuid
import zipfile
from pathlib import Path

import httpx
import openpyxl
import pytest

import mews_vouchers._cli as cli_module
from mews_vouchers import main
from mews_vouchers._commands.sync import MaxDelete, differences, make_plan
from mews_vouchers._files.import_file import read_import_file
from mews_vouchers._files.workbook_file import read_sheet
from mews_wrapper import MewsAPIError, MewsClient, MewsResponseError, VoucherCode, _pagination
from mews_wrapper._retry import RetryPolicy

VOUCHER = "fe568bbd-1ecb-4bb2-bf77-96c3698de20d"
UTC = dt.UTC


def _endless() -> httpx.MockTransport:
    """A server that answers every page full, with a cursor it never gave before."""

    def handle(request: httpx.Request) -> httpx.Response:
        count = json.loads(request.content)["Limitation"]["Count"]
        codes = [{"Id": str(uuid.uuid4()), "VoucherId": VOUCHER, "IsActive": True} for _ in range(count)]
        return httpx.Response(200, json={"VoucherCodes": codes, "Cursor": codes[-1]["Id"]})

    return httpx.MockTransport(handle)


def _client(**options: object) -> MewsClient:
    http = httpx.Client(transport=_endless())
    return MewsClient("c", "a", platform_url="https://api.mews.com", rate_limit=None, http_client=http, **options)


def test_max_pages_stops_a_cursor_that_never_ends() -> None:
    with _client(max_pages=5) as client, pytest.raises(MewsResponseError, match="stopped at max_pages=5"):
        for _ in client.voucher_codes.get_all([VOUCHER], page_size=10):
            pass


def test_a_cursor_followed_past_the_bound_is_warned_of(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(_pagination, "PAGES_WARNED", (3,))
    with caplog.at_level(logging.WARNING, logger="mews_wrapper"), _client(max_pages=4) as client:
        with pytest.raises(MewsResponseError):
            list(client.voucher_codes.get_all([VOUCHER], page_size=10))
    assert [record.getMessage() for record in caplog.records if "full pages" in record.getMessage()] == [
        "voucherCodes/getAll: 3 full pages of 10 items and the cursor goes on (a server that never ends a query is "
        "followed until max_pages stops it)"
    ]


def test_ctrl_c_while_the_command_starts_exits_130_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def interrupted(argv: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_module, "run", interrupted)
    assert main(["--help"]) == 130
    assert capsys.readouterr().err == "mews-vouchers: interrupted\n"


def _code(value: str | None, end: dt.datetime | None = None) -> VoucherCode:
    return VoucherCode(
        id=uuid.uuid4(),
        voucher_id=uuid.UUID(VOUCHER),
        value=value,
        validity_start_utc=dt.datetime(2026, 6, 1, tzinfo=UTC),
        validity_end_utc=end,
        created_utc=None,
        updated_utc=None,
        is_active=True,
    )


def _file(tmp_path: Path, rows: str) -> object:
    path = tmp_path / "f.csv"
    path.write_text("Value,ValidityStartUtc,ValidityEndUtc\n" + rows)
    return read_import_file(str(path), uuid.UUID(VOUCHER))


def test_a_change_of_the_validity_end_alone_is_a_replace(tmp_path: Path) -> None:
    file = _file(tmp_path, "A,2026-06-01T00:00:00Z,2026-09-01T00:00:00Z\n")
    plan = make_plan(file, [_code("A", dt.datetime(2026, 8, 1, tzinfo=UTC))])  # type: ignore[arg-type]
    assert (len(plan.replace), plan.keep, plan.deletions) == (1, 0, 1)


def test_duplicated_and_valueless_codes_are_deleted_and_the_matching_one_kept(tmp_path: Path) -> None:
    file = _file(tmp_path, "A,2026-06-01T00:00:00Z,\n")
    wrong, right, valueless = _code("A", dt.datetime(2027, 1, 1, tzinfo=UTC)), _code("A"), _code(None)
    plan = make_plan(file, [wrong, right, valueless])  # type: ignore[arg-type]
    assert (plan.keep, plan.replace, plan.delete) == (1, [], [valueless, wrong])
    assert (plan.repeated, plan.valueless) == (1, 1)
    assert differences(file, [right]) == []  # type: ignore[arg-type]
    assert differences(file, [right, wrong, valueless, _code("B")]) == [  # type: ignore[arg-type]
        "active 2 times\tA",
        "without a value\t1 active code",
        "not in the file\tB",
    ]


@pytest.mark.parametrize(("text", "active", "limit"), [("10%", 15, 1), ("25%", 7, 1), ("50%", 3, 1)])
def test_a_percentage_of_max_delete_rounds_down(text: str, active: int, limit: int) -> None:
    assert MaxDelete.parse(text).limit(active) == limit


def test_backoff_is_jittered_between_half_and_all_of_it() -> None:
    error = MewsAPIError("down", status_code=503)
    low = RetryPolicy(random=lambda: 0.0).delay(error, retries_done=1, idempotent=True)
    high = RetryPolicy(random=lambda: 1.0).delay(error, retries_done=1, idempotent=True)
    assert (low, high) == (0.5, 1.0)


def test_a_workbook_that_declares_a_smaller_size_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "w.xlsx"
    workbook = openpyxl.Workbook()
    for row in (["Value"], ["A"], ["B"], ["C"], ["D"]):
        workbook.active.append(row)
    workbook.save(path)
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    parts[sheet] = parts[sheet].replace(b'<dimension ref="A1:A5"', b'<dimension ref="A1:A2"')
    assert b'<dimension ref="A1:A2"' in parts[sheet]
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    assert [record.fields[0] for record in read_sheet(str(path))] == ["Value", "A", "B", "C", "D"]
