"""The dlt source against the sandbox, DuckDB the destination: a full load, an incremental one, a resumed one."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest

from mews_sandbox import (
    DEMO_ACCESS_TOKEN,
    DEMO_CLIENT_TOKEN,
    DEMO_RATE,
    ENTERPRISE_A,
    ENTERPRISE_B,
    PORTFOLIO_ACCESS_TOKEN,
    SERVICE_A,
    VOUCHER_A,
    VOUCHER_B,
    AccessGrant,
    RunningSandbox,
)
from mews_sandbox._clock import to_micros
from mews_warehouse import TABLES, mews_source, token_key
from mews_wrapper import MewsClient, NewVoucher, NewVoucherCode, RateLimit, VoucherUpdate
from tests.conftest import SandboxFactory
from tests.warehouse.conftest import Loader, portfolio_options, table, utc

Warehouse = Callable[..., Loader]
A, B = str(ENTERPRISE_A), str(ENTERPRISE_B)


def client(sandbox: RunningSandbox) -> MewsClient:
    return MewsClient(access_token=PORTFOLIO_ACCESS_TOKEN, **portfolio_options(sandbox))


def seed_codes(sandbox: RunningSandbox, prefix: str, count: int = 30) -> None:
    with client(sandbox) as mews:
        mews.voucher_codes.add([NewVoucherCode(VOUCHER_A, f"{prefix}-A{n}") for n in range(count)], enterprise_id=A)
        mews.voucher_codes.add(
            [NewVoucherCode(VOUCHER_B, f"{prefix}-B{n}") for n in range(count // 3)], enterprise_id=B
        )


def as_read(sandbox: RunningSandbox) -> dict[str, set[tuple[Any, ...]]]:
    """What the client reads, table by table, in the columns the test compares."""
    with client(sandbox) as mews:
        names = {enterprise.id: enterprise.name for enterprise in mews.enterprises.get_all()}
        services = list(mews.services.get_all())
        vouchers = list(mews.vouchers.get_all(with_rates=True))
        codes = list(mews.voucher_codes.get_all([voucher.id for voucher in vouchers]))
        rates = list(mews.rates.get_all([service.id for service in services]))
    owner = {voucher.id: voucher.enterprise_id for voucher in vouchers}
    return {
        "enterprises": {(str(key), name) for key, name in names.items()},
        "services": {(str(s.id), s.name, s.is_active, names[s.enterprise_id]) for s in services},
        "rates": {(str(r.id), r.name, str(r.service_id)) for r in rates},
        "vouchers": {(str(v.id), v.name, v.is_active, names[v.enterprise_id], utc(v.updated_utc)) for v in vouchers},
        "vouchers__rate_ids": {(str(v.id), str(rate)) for v in vouchers for rate in v.rate_ids or ()},
        "voucher_codes": {
            (str(c.id), c.value, c.is_active, str(c.voucher_id), names[owner[c.voucher_id]], utc(c.updated_utc))
            for c in codes
        },
    }


def as_loaded(path: Path) -> dict[str, set[tuple[Any, ...]]]:
    """The same columns, from DuckDB."""

    def utc_rows(rows: set[tuple[Any, ...]]) -> set[tuple[Any, ...]]:
        return {(*row[:-1], utc(row[-1])) for row in rows}

    return {
        "enterprises": table(path, "enterprises", "id, name"),
        "services": table(path, "services", "id, name, is_active, enterprise_name"),
        "rates": table(path, "rates", "id, name, service_id"),
        "vouchers": utc_rows(table(path, "vouchers", "id, name, is_active, enterprise_name, updated_utc")),
        "vouchers__rate_ids": table(
            path, "vouchers__rate_ids AS r JOIN mews.vouchers AS v ON r._dlt_parent_id = v._dlt_id", "v.id, r.value"
        ),
        "voucher_codes": utc_rows(
            table(path, "voucher_codes", "id, value, is_active, voucher_id, enterprise_name, updated_utc")
        ),
    }


def test_a_first_run_loads_two_enterprises_exactly_as_the_client_reads_them(
    sandbox_factory: SandboxFactory, warehouse: Warehouse, tmp_path: Path
) -> None:
    sandbox = sandbox_factory()
    seed_codes(sandbox, "FIRST")
    sandbox.state.served.clear()
    report = warehouse(sandbox)()
    assert report.total_requests == len(sandbox.state.served)  # the report counts what the sandbox answered
    assert as_loaded(tmp_path / "warehouse.duckdb") == as_read(sandbox)
    assert report.rows["voucher_codes"] == 40
    assert report.rows["enterprises"] == 2
    assert {row[4] for row in as_loaded(tmp_path / "warehouse.duckdb")["voucher_codes"]} == {
        "Sandbox Hotel Prague",
        "Sandbox Hotel Budapest",
    }
    with duckdb.connect(str(tmp_path / "warehouse.duckdb"), read_only=True) as connection:
        typed = dict(connection.sql("DESCRIBE mews.voucher_codes").fetchall()[index][:2] for index in range(11))
    assert (typed["id"], typed["updated_utc"], typed["is_active"]) == ("VARCHAR", "TIMESTAMP WITH TIME ZONE", "BOOLEAN")
    assert typed["validity_start_utc"] == "TIMESTAMP WITH TIME ZONE"  # typed even when every value is null


def test_a_second_run_reads_only_what_changed_and_ends_where_a_fresh_full_load_does(
    sandbox_factory: SandboxFactory, warehouse: Warehouse, tmp_path: Path
) -> None:
    sandbox = sandbox_factory()
    seed_codes(sandbox, "BEFORE", 1200)  # more than a page: reading them all again would cost two
    time.sleep(1.1)  # the next window starts at the whole second of the first run's end: the seed is before it
    first = warehouse(sandbox)(overlap=dt.timedelta(0))
    mark = _utc_text(read_until(tmp_path, "voucher_codes"))  # where the next run starts reading codes
    with client(sandbox) as mews:
        codes = list(mews.voucher_codes.get_all([VOUCHER_A]))
        mews.voucher_codes.delete([codes[0].id, codes[1].id], enterprise_id=A)  # deleted codes
        mews.voucher_codes.add([NewVoucherCode(VOUCHER_A, "AFTER-1")], enterprise_id=A)  # a new code
        mews.vouchers.update([VoucherUpdate(VOUCHER_A, name="Summer sale 2026")], enterprise_id=A)  # renamed
        [made] = mews.vouchers.add([NewVoucher(SERVICE_A, "Autumn", rate_ids=[DEMO_RATE])], enterprise_id=A)
        mews.voucher_codes.add([NewVoucherCode(made.id, f"AUTUMN-{n}") for n in range(3)], enterprise_id=A)
    at_the_mark = codes[-1]  # a change Mews records at the very instant the last run's window ended
    sandbox.state.store.deactivate([str(at_the_mark.id)], to_micros(mark))
    sandbox.state.served.clear()

    second = warehouse(sandbox)(overlap=dt.timedelta(0))
    served = list(sandbox.state.served)

    loaded = as_loaded(tmp_path / "warehouse.duckdb")
    assert loaded == as_read(sandbox)
    warehouse(sandbox, "fresh")()
    assert as_loaded(tmp_path / "fresh.duckdb") == loaded
    assert ("Summer sale 2026", True) in {(row[1], row[2]) for row in loaded["vouchers"]}
    assert str(at_the_mark.id) in {row[0] for row in loaded["voucher_codes"] if row[2] is False}
    code_reads = [answered for answered in served if answered.operation == "voucherCodes/getAll"]
    assert len(code_reads) == second.requests["voucherCodes/getAll"]
    assert all(answered.windowed for answered in code_reads)  # only the changed window, never every code again
    assert (first.requests["voucherCodes/getAll"], second.requests["voucherCodes/getAll"]) == (2, 1)
    assert second.rows["voucher_codes"] == 7  # 2 deleted, 1 added, 3 on the new voucher, 1 at the mark
    assert second.total_requests < first.total_requests + 2  # the incremental run is the cheap one


def test_a_change_stamped_with_the_high_water_mark_itself_is_loaded_on_the_next_run(
    sandbox_factory: SandboxFactory, warehouse: Warehouse, tmp_path: Path
) -> None:
    sandbox = sandbox_factory()
    seed_codes(sandbox, "MARK", 30)
    warehouse(sandbox)()  # the default overlap: the next run reads the last 10 minutes again
    loaded = as_loaded(tmp_path / "warehouse.duckdb")["voucher_codes"]
    high_water = max(row[-1] for row in loaded)
    [late] = [row[0] for row in loaded if row[-1] == high_water][:1]
    sandbox.state.store.deactivate([late], to_micros(high_water))  # Mews' second: changed, same UpdatedUtc
    warehouse(sandbox)()
    assert (late, False) in {(row[0], row[2]) for row in as_loaded(tmp_path / "warehouse.duckdb")["voucher_codes"]}


def read_until(folder: Path, table: str) -> str:
    """Where the next run of the portfolio token's `table` starts reading, from the pipeline's state."""
    import dlt  # noqa: PLC0415 - with the rest of the extra

    pipeline = dlt.attach("warehouse", pipelines_dir=str(folder / "pipelines"))
    resources = pipeline.state["sources"]["mews"]["resources"]
    mark: str = resources[f"{table}_{token_key(PORTFOLIO_ACCESS_TOKEN)}"]["read_until"]
    return mark


def _utc_text(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).astimezone(dt.UTC)


def test_a_run_that_fails_part_way_is_finished_by_the_next_one(
    sandbox_factory: SandboxFactory, warehouse: Warehouse, tmp_path: Path
) -> None:
    sandbox = sandbox_factory()
    seed_codes(sandbox, "RESUME", 300)
    run = warehouse(sandbox)
    options = portfolio_options(sandbox, max_retries=0)
    sandbox.faults.add(*["ok"] * 6, *["500"] * 40)  # the first requests go through, then Mews fails for a while
    with pytest.raises(Exception, match=r"500|Internal"):
        run(client_options=options, parallel=False)
    sandbox.faults.clear()
    with client(sandbox) as mews:
        mews.voucher_codes.add([NewVoucherCode(VOUCHER_A, "MEANWHILE")], enterprise_id=A)
    run(client_options=options)
    assert as_loaded(tmp_path / "warehouse.duckdb") == as_read(sandbox)


def test_two_tokens_in_parallel_share_each_window_and_never_draw_a_429(
    sandbox_factory: SandboxFactory, warehouse: Warehouse, redis_url: str, tmp_path: Path
) -> None:
    grants = (
        AccessGrant(DEMO_ACCESS_TOKEN, (A,)),
        AccessGrant("BudapestAccessToken", (B,)),
        AccessGrant(PORTFOLIO_ACCESS_TOKEN, (A, B), portfolio=True),
    )
    sandbox = sandbox_factory(grants=grants, rate_limit=6, rate_window_seconds=1.0)
    seed_codes(sandbox, "TWO", 1500)
    sandbox.state.served.clear()
    limit = RateLimit(6, 1.0, redis_url)  # the sandbox's limit, shared by every resource thread of a token
    options = {"client_token": DEMO_CLIENT_TOKEN, "platform_url": sandbox.url, "rate_limit": limit}
    report = warehouse(sandbox)(access_tokens=[DEMO_ACCESS_TOKEN, "BudapestAccessToken"], client_options=options)
    statuses = [served.status for served in sandbox.state.served]
    assert 429 not in statuses
    assert report.total_requests == len(statuses) > 12  # more than two windows' worth: the limiter paced them
    loaded = as_loaded(tmp_path / "warehouse.duckdb")
    assert {row[4] for row in loaded["voucher_codes"]} == {
        "Sandbox Hotel Prague",
        "Sandbox Hotel Budapest",
    }
    assert len(loaded["voucher_codes"]) == 2000


def test_tokens_are_named_by_a_hash_and_unknown_tables_are_refused() -> None:
    source = mews_source(["secret-token-1", "secret-token-2"], tables=["vouchers"], client_options={})
    names = sorted(source.resources)
    assert names == sorted(f"vouchers_{token_key(token)}" for token in ("secret-token-1", "secret-token-2"))
    assert all("secret" not in name for name in names)
    assert set(TABLES) == {"enterprises", "services", "rates", "vouchers", "voucher_codes"}
    with pytest.raises(ValueError, match="unknown tables codes"):
        mews_source(tables=["codes"])


def test_the_source_splits_into_resources_as_airflow_and_dagster_run_it(
    sandbox_factory: SandboxFactory, tmp_path: Path
) -> None:
    import dlt  # noqa: PLC0415 - with the rest of the extra

    sandbox = sandbox_factory()
    seed_codes(sandbox, "SPLIT", 9)
    source = mews_source([PORTFOLIO_ACCESS_TOKEN], client_options=portfolio_options(sandbox))
    one = source.with_resources(f"voucher_codes_{token_key(PORTFOLIO_ACCESS_TOKEN)}")  # a task of its own
    pipeline = dlt.pipeline("split", destination=dlt.destinations.duckdb(str(tmp_path / "split.duckdb")),
                            dataset_name="mews", pipelines_dir=str(tmp_path / "pipelines"))  # fmt: skip
    pipeline.run(one)
    with duckdb.connect(str(tmp_path / "split.duckdb"), read_only=True) as connection:
        tables = {row[0] for row in connection.sql("SELECT table_name FROM information_schema.tables").fetchall()}
    assert "voucher_codes" in tables
    assert not tables & {"vouchers", "services", "rates", "enterprises"}
    assert len(table(tmp_path / "split.duckdb", "voucher_codes", "id")) == 12


def test_no_token_reaches_the_pipeline_state_or_the_warehouse(
    sandbox_factory: SandboxFactory, warehouse: Warehouse, tmp_path: Path
) -> None:
    sandbox = sandbox_factory()
    seed_codes(sandbox, "SECRET", 3)
    warehouse(sandbox)()
    written = [path for path in tmp_path.rglob("*") if path.is_file()]
    assert any(path.suffix == ".duckdb" for path in written)
    assert any("pipelines" in path.parts for path in written)
    for path in written:
        content = path.read_bytes()
        for token in (PORTFOLIO_ACCESS_TOKEN, DEMO_CLIENT_TOKEN):
            assert token.encode() not in content, path
