"""The sandbox over real HTTP: pagination, time filter, rate limit, faults, persistence, determinism."""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mews_sandbox import (
    ENTERPRISE_A,
    VOUCHER_A,
    FaultPlan,
    RunningSandbox,
    SandboxConfig,
    run_sandbox,
    state_file_holder,
)
from mews_sandbox._ratelimit import SlidingWindowLimiter
from mews_sandbox._store import NewCode, Store
from tests.conftest import SandboxFactory
from tests.sandbox._http import add_codes, body, get_all, post

PAGING_VOUCHERS = [str(uuid.UUID(int=1000 + number, version=4)) for number in range(300)]


@pytest.fixture(scope="module")
def paging_sandbox() -> Iterator[RunningSandbox]:
    config = SandboxConfig(vouchers=dict.fromkeys(PAGING_VOUCHERS, ENTERPRISE_A), rate_limit=0)
    with run_sandbox(config) as sandbox:
        yield sandbox


_fresh_vouchers = itertools.count()


@settings(max_examples=40, deadline=None)
@given(total=st.integers(min_value=0, max_value=60), page_size=st.integers(min_value=1, max_value=25))
def test_pagination_loses_and_repeats_nothing(paging_sandbox: RunningSandbox, total: int, page_size: int) -> None:
    voucher = PAGING_VOUCHERS[next(_fresh_vouchers)]
    added = add_codes(paging_sandbox.url, [f"V{n}" for n in range(total)], voucher=voucher) if total else []
    seen: list[str] = []
    cursor = None
    requests = 0
    while True:
        page = get_all(paging_sandbox.url, page_size, cursor, VoucherIds=[voucher]).json()
        requests += 1
        ids = [code["Id"] for code in page["VoucherCodes"]]
        seen.extend(ids)
        if not ids:
            assert page["Cursor"] is None
            break
        assert page["Cursor"] == ids[-1]
        if len(ids) < page_size:
            break
        cursor = page["Cursor"]
    assert seen == [code["Id"] for code in reversed(added)]
    assert requests == total // page_size + 1


def test_updated_filter_is_half_open(sandbox: RunningSandbox) -> None:
    codes = [add_codes(sandbox.url, [f"T{n}"])[0] for n in range(3)]
    window = {"StartUtc": codes[0]["UpdatedUtc"], "EndUtc": codes[2]["UpdatedUtc"]}
    found = get_all(sandbox.url, UpdatedUtc=window).json()["VoucherCodes"]
    assert [code["Value"] for code in found] == ["T1", "T0"]
    instant = {"StartUtc": codes[1]["UpdatedUtc"], "EndUtc": codes[1]["UpdatedUtc"]}  # start == end: that instant
    assert [code["Value"] for code in get_all(sandbox.url, UpdatedUtc=instant).json()["VoucherCodes"]] == ["T1"]


def test_voucher_code_ids_filter(sandbox: RunningSandbox) -> None:
    codes = add_codes(sandbox.url, ["F0", "F1", "F2"])
    found = get_all(sandbox.url, VoucherCodeIds=[codes[0]["Id"], codes[2]["Id"]]).json()["VoucherCodes"]
    assert [code["Value"] for code in found] == ["F2", "F0"]


def test_rate_limit_answers_429_with_retry_after(sandbox_factory: SandboxFactory) -> None:
    sandbox = sandbox_factory(rate_limit=3, rate_window_seconds=30)
    assert [get_all(sandbox.url).status_code for _ in range(3)] == [200, 200, 200]
    limited = get_all(sandbox.url)
    assert limited.status_code == 429
    assert 1 <= int(limited.headers["Retry-After"]) <= 30
    assert limited.json()["RequestId"] == limited.headers["Request-Id"]
    other_token = post(sandbox.url, "getAll", body(portfolio=True, VoucherIds=[VOUCHER_A], Limitation={"Count": 1}))
    assert other_token.status_code == 200


def test_rate_limit_window_slides() -> None:
    now = [0.0]
    limiter = SlidingWindowLimiter(2, 30.0, monotonic=lambda: now[0])
    assert limiter.retry_after("t") is None
    now[0] = 10.0
    assert limiter.retry_after("t") is None
    assert limiter.retry_after("t") == 20
    now[0] = 30.0  # the first request has left the window
    assert limiter.retry_after("t") is None
    assert limiter.retry_after("t") == 10
    assert limiter.retry_after("other") is None


@pytest.mark.parametrize("status", ["400", "401", "403", "404", "408", "409", "413", "429", "500", "503"])
def test_scripted_faults_answer_in_mews_shape(sandbox: RunningSandbox, status: str) -> None:
    sandbox.faults.add(status)
    response = get_all(sandbox.url)
    assert response.status_code == int(status)
    assert response.json()["RequestId"] == response.headers["Request-Id"]
    if status == "429":
        assert response.headers["Retry-After"] == "1"
    assert get_all(sandbox.url).status_code == 200


def test_502_fault_sends_a_proxy_html_page(sandbox: RunningSandbox) -> None:
    sandbox.faults.add("502")
    response = get_all(sandbox.url)
    assert response.status_code == 502
    assert response.headers["Content-Type"].startswith("text/html")
    assert b"Bad Gateway" in response.content


def test_dropped_connection_fault(sandbox: RunningSandbox) -> None:
    sandbox.faults.add("drop")
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        get_all(sandbox.url)
    assert get_all(sandbox.url).status_code == 200


def test_faulted_add_does_not_act(sandbox: RunningSandbox) -> None:
    sandbox.faults.add("500", "drop")
    params = [{"VoucherId": VOUCHER_A, "Value": "NOPE"}]
    assert post(sandbox.url, "add", body(VoucherCodeParameters=params)).status_code == 500
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        post(sandbox.url, "add", body(VoucherCodeParameters=params))
    assert sandbox.state.store.count() == 0


def test_drop_after_acting_fault(sandbox: RunningSandbox) -> None:
    sandbox.faults.add("drop-after")
    params = [{"VoucherId": VOUCHER_A, "Value": "WENT-IN"}]
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        post(sandbox.url, "add", body(VoucherCodeParameters=params))
    assert sandbox.state.store.count() == 1  # the add happened; only the answer was lost


def test_error_rate_and_latency(sandbox_factory: SandboxFactory) -> None:

    sandbox = sandbox_factory(faults=FaultPlan(error_rate=1.0, latency_seconds=0.2, seed=3))
    started = time.monotonic()
    statuses = {get_all(sandbox.url).status_code for _ in range(10)}
    assert time.monotonic() - started >= 2.0
    assert statuses <= {408, 429, 500, 502, 503}
    assert len(statuses) > 1


def test_repeated_cursor_fault(sandbox: RunningSandbox) -> None:
    add_codes(sandbox.url, ["R0", "R1", "R2"])
    sandbox.faults.repeat_cursor = True
    first = get_all(sandbox.url, 2).json()
    second = get_all(sandbox.url, 2, first["Cursor"]).json()
    assert second["Cursor"] == first["Cursor"]


def test_unknown_fault_is_refused() -> None:

    with pytest.raises(ValueError, match="unknown fault"):
        FaultPlan().add("418")


@pytest.mark.parametrize("seed", [None, 9])
def test_db_keeps_state_across_restarts(tmp_path: Path, seed: int | None) -> None:
    database = str(tmp_path / "sandbox.sqlite")
    with run_sandbox(SandboxConfig(db_path=database, seed=seed)) as sandbox:
        added = add_codes(sandbox.url, ["KEEP-1", "KEEP-2"])
    with run_sandbox(SandboxConfig(db_path=database, seed=seed)) as sandbox:
        found = get_all(sandbox.url).json()["VoucherCodes"]
        assert [code["Id"] for code in found] == [code["Id"] for code in reversed(added)]
        (third,) = add_codes(sandbox.url, ["KEEP-3"])  # a seeded restart neither repeats ids nor goes back in time
        assert third["Id"] not in {code["Id"] for code in added}
        assert third["CreatedUtc"] > added[-1]["CreatedUtc"]
        assert sandbox.state.store.count() == 3


def _session(url: str) -> list[Any]:
    add_codes(url, ["D1", "D2"])
    answers = [get_all(url, 1), get_all(url, 5, headers={"Prefer": "return=minimal"}), post(url, "getAll", {})]
    return [(response.status_code, response.headers["Request-Id"], response.content) for response in answers]


def test_seeded_sandboxes_answer_identically(sandbox_factory: SandboxFactory) -> None:
    first = _session(sandbox_factory(seed=11).url)
    second = _session(sandbox_factory(seed=11).url)
    other = _session(sandbox_factory(seed=12).url)
    assert first == second
    assert first != other


def test_seed_codes_preloads_codes(sandbox_factory: SandboxFactory) -> None:
    sandbox = sandbox_factory(seed=1, seed_codes=2500)
    assert sandbox.state.store.count() == 2500
    page = get_all(sandbox.url, 1000).json()
    assert len(page["VoucherCodes"]) == 1000
    assert page["VoucherCodes"][0]["Value"] == "SEED-0002499"


def test_command_line_serves_until_stopped(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "mews_sandbox", "--host", "127.0.0.1", "--port", "0", "--seed", "5"],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline().strip()
        assert line.startswith("listening on http://127.0.0.1:")
        url = line.removeprefix("listening on ")
        assert get_all(url).status_code == 200
    finally:
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=10) == 0


def test_one_sandbox_per_state_file_and_one_that_stops_with_its_input(tmp_path: Path) -> None:
    db = str(tmp_path / "state.sqlite3")
    first = subprocess.Popen(
        [sys.executable, "-m", "mews_sandbox", "--port", "0", "--db", db, "--stop-with-stdin"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert first.stdout is not None
    assert first.stdout.readline().startswith("listening on ")
    holder = state_file_holder(db)
    assert holder is not None
    assert (holder["pid"], holder["owned"]) == (first.pid, True)

    second = subprocess.run(
        [sys.executable, "-m", "mews_sandbox", "--port", "0", "--db", db],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert second.returncode == 3
    assert f"in use by another sandbox (pid {first.pid} at http://127.0.0.1:" in second.stderr

    assert first.stdin is not None
    first.stdin.close()  # its parent went away
    assert first.wait(timeout=10) == 0
    assert state_file_holder(db) is None


def test_command_line_refuses_a_state_file_in_a_missing_folder_in_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "state.sqlite3"
    result = subprocess.run(
        [sys.executable, "-m", "mews_sandbox", "--port", "0", "--db", str(missing)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 2
    assert result.stderr.strip() == f"mews_sandbox: cannot use the state file {missing}: No such file or directory"


def test_command_line_rejects_an_unknown_fault() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mews_sandbox", "--port", "0", "--fault-script", "500,boom"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 2
    assert "unknown fault" in result.stderr


def test_config_file_replaces_tokens_enterprises_and_vouchers(tmp_path: Path) -> None:
    enterprise, voucher = str(uuid.UUID(int=77, version=4)), str(uuid.UUID(int=78, version=4))
    path = tmp_path / "sandbox.json"
    settings = {
        "client_tokens": ["my-client"],
        "grants": [{"access_token": "my-access", "enterprise_ids": [enterprise]}],
        "vouchers": {voucher: enterprise},
        "rate_limit": 5,
    }
    path.write_text(json.dumps(settings), encoding="utf-8")
    config = SandboxConfig.from_file(path, seed=1)
    assert config.rate_limit == 5
    with run_sandbox(config) as sandbox:
        mine = {
            "ClientToken": "my-client",
            "AccessToken": "my-access",
            "Client": "t",
            "VoucherIds": [voucher],
            "Limitation": {"Count": 1},
        }
        assert post(sandbox.url, "getAll", mine).status_code == 200
        assert get_all(sandbox.url).status_code == 401  # the documented demo tokens are not configured here


def test_corrupt_fault_acts_then_mangles_the_answer(sandbox: RunningSandbox) -> None:
    sandbox.faults.add("corrupt")
    params = [{"VoucherId": VOUCHER_A, "Value": "MANGLED"}]
    with pytest.raises(httpx.DecodingError):
        post(sandbox.url, "add", body(VoucherCodeParameters=params))
    assert sandbox.state.store.count() == 1  # it went in: only the answer was spoiled
    assert get_all(sandbox.url).status_code == 200


def _run_command_line(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mews_sandbox", *args], capture_output=True, text=True, timeout=30, check=False
    )


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (None, "No such file or directory"),
        ('{"grants": [{"enterprise_ids": []}]}', "missing key 'access_token'"),
        ("{not json", "not JSON"),
        ('{"vouchers": 5}', "wrong type"),
    ],
)
def test_command_line_refuses_a_bad_config_in_one_line(tmp_path: Path, content: str | None, expected: str) -> None:
    path = tmp_path / "sandbox.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = _run_command_line("--port", "0", "--config", str(path))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1, result.stderr  # one line, no traceback
    assert result.stderr.startswith(f"mews_sandbox: --config {path}: ")
    assert expected in result.stderr


def test_command_line_refuses_a_port_in_use_in_one_line(sandbox: RunningSandbox) -> None:
    port = sandbox.url.rsplit(":", 1)[1]
    result = _run_command_line("--host", "127.0.0.1", "--port", port)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1, result.stderr
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr


@pytest.mark.parametrize("status", ["408", "500", "502", "503", "504"])
def test_after_faults_act_then_fail(sandbox: RunningSandbox, status: str) -> None:
    sandbox.faults.add(f"{status}-after")
    params = [{"VoucherId": VOUCHER_A, "Value": f"DONE-{status}"}]
    assert post(sandbox.url, "add", body(VoucherCodeParameters=params)).status_code == int(status)
    assert sandbox.state.store.count() == 1  # Mews did the work; only the answer says otherwise


def test_latency_after_acting_lets_a_client_time_out_on_a_done_write(sandbox: RunningSandbox) -> None:
    sandbox.faults.latency_after_seconds = 0.5
    params = [{"VoucherId": VOUCHER_A, "Value": "SLOW"}]
    with pytest.raises(httpx.ReadTimeout):
        post(sandbox.url, "add", body(VoucherCodeParameters=params), timeout=0.2)
    time.sleep(0.4)
    assert sandbox.state.store.count() == 1


def test_error_after_rate_acts_then_fails(sandbox_factory: SandboxFactory) -> None:
    sandbox = sandbox_factory(faults=FaultPlan(error_after_rate=1.0, seed=4))
    statuses = {
        post(sandbox.url, "add", body(VoucherCodeParameters=[{"VoucherId": VOUCHER_A, "Value": f"E{n}"}])).status_code
        for n in range(8)
    }
    assert statuses <= {408, 500, 502, 503}
    assert sandbox.state.store.count() == 8


def test_a_new_value_is_checked_with_an_index_not_a_scan_of_the_voucher() -> None:
    store = Store()
    store.insert([NewCode(f"id-{n}", VOUCHER_A, ENTERPRISE_A, f"TAKEN-{n}", None, None, 1) for n in range(3)])
    assert store.active_values([(VOUCHER_A, "TAKEN-1"), (VOUCHER_A, "FREE"), (VOUCHER_A, "TAKEN-2")]) == {
        (VOUCHER_A, "TAKEN-1"),
        (VOUCHER_A, "TAKEN-2"),
    }
    store.deactivate(["id-1"], 2)
    statements: list[str] = []
    store._db.set_trace_callback(statements.append)
    assert store.active_values([(VOUCHER_A, "TAKEN-1")]) == set()  # a deleted code frees its value
    store._db.set_trace_callback(None)
    (statement,) = statements
    plan = str(store._db.execute(f"EXPLAIN QUERY PLAN {statement}").fetchall())
    assert "USING INDEX voucher_codes_active_value" in plan  # the cost per code does not grow with the voucher
    assert "SCAN" not in plan


def test_a_config_file_describes_services_and_vouchers_in_full_or_short(tmp_path: Path) -> None:
    service, full, short = (str(uuid.UUID(int=n, version=4)) for n in (1, 2, 3))
    file = tmp_path / "config.json"
    file.write_text(
        json.dumps(
            {
                "services": {service: {"enterprise_id": ENTERPRISE_A, "names": {"en-US": "Spa"}, "type": "Additional"}},
                "vouchers": {
                    full: {"enterprise_id": ENTERPRISE_A, "service_id": service, "name": "Spa day", "is_active": False},
                    short: ENTERPRISE_A,
                },
            }
        ),
        encoding="utf-8",
    )
    config = SandboxConfig.from_file(file)
    assert (config.services[service].type, config.services[service].names) == ("Additional", {"en-US": "Spa"})
    assert (config.voucher_specs[full].name, config.voucher_specs[full].is_active) == ("Spa day", False)
    joined = config.services[config.voucher_specs[short].service_id]
    assert (joined.enterprise_id, joined.type) == (ENTERPRISE_A, "Bookable")
    assert config.vouchers == {full: ENTERPRISE_A, short: ENTERPRISE_A}
