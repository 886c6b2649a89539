"""The figures the documentation quotes, written at build time from `reports/bench.json` and `reports/conformance.json`.

`conf.py` calls `write_figures()`; the pages include `docs/_generated/*.md`, so no figure is typed by hand and a
new `make bench` or `make conformance` shows in the next `make docs`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "_generated"

_CONTENDERS = {
    "plain_httpx": "plain httpx (the floor)",
    "plain_httpx_async": "plain httpx, async",
    "generated_client": "the generated client alone (its models, every field read)",
    "get_all": "`MewsClient.get_all`",
    "get_all_async": "`AsyncMewsClient.get_all`",
}


def _bench(figures: dict[str, Any]) -> str:
    reading = figures["reading"]
    when = figures["environment"]["when"][:10]
    lines = [
        f"From `reports/bench.json` ({when}, {figures['environment']['cpus']} CPUs, Python "
        f"{figures['environment']['python']}).",
        "",
        f"| getAll, {reading['codes']:,} codes | CPU ms per 1000 codes | x plain httpx |",
        "|---|---|---|",
    ]
    for name, label in _CONTENDERS.items():
        cpu = reading["cpu_ms_per_1000_codes_median"][name]
        ratio = reading["ratio_to_plain_httpx_median"][name]
        lines.append(f"| {label} | {cpu:.2f} | {ratio:.2f} |")
    memory, imports = figures["memory"], figures["import_seconds"]
    short, long = memory["streamed_codes"]
    lines += [
        "",
        f"Memory: streaming {short:,} codes peaks at {memory['peak_bytes'][0] / 1e6:.1f} MB, {long:,} at "
        f"{memory['peak_bytes'][1] / 1e6:.1f} MB. `import mews_wrapper` takes {imports['mews_wrapper'] * 1000:.0f} ms "
        f"against {imports['httpx'] * 1000:.0f} ms for `import httpx` "
        f"({imports['mews_wrapper'] / imports['httpx']:.2f}x)"
        + (
            f"; `mews-vouchers --help` takes {imports['mews_vouchers_help'] * 1000:.0f} ms against "
            f'{imports["python_c_import_httpx"] * 1000:.0f} ms for `python -c "import httpx"` '
            f"({imports['mews_vouchers_help'] / imports['python_c_import_httpx']:.2f}x)."
            if "mews_vouchers_help" in imports
            else "."
        ),
        "",
        "| figure | result |",
        "|---|---|",
    ]
    bulk, shared = figures["bulk_add"], figures["bulk_add_four_processes_redis"]
    on, off = bulk["x_floor_median"]["limiter_on"], bulk["x_floor_median"]["limiter_off"]
    lines.append(f"| add {bulk['codes']:,} codes, server limit {bulk['server_limit']}, limiter on / off | "
                 f"{on:.2f} / {off:.2f} x the floor |")  # fmt: skip
    lines.append(f"| the same by {shared['processes']} processes sharing the window in Redis | "
                 f"{shared['x_floor']:.2f} x the floor, {shared['429s']} 429s, {shared['lost']} lost, "
                 f"{shared['duplicated']} duplicated |")  # fmt: skip
    streams = figures["get_all_streams"]
    lines.append(f"| `get_all` over {streams['voucher_ids']:,} voucher ids ({streams['streams']} streams) | "
                 f"{streams['x_plain_httpx_median']:.2f} x plain concurrent httpx |")  # fmt: skip
    counted = figures.get("reading_instructions", {})
    if "ratio_to_plain_httpx" in counted:
        ratios = counted["ratio_to_plain_httpx"]
        lines.append(f"| `get_all` reading {counted['codes']:,} codes, instructions (callgrind, steady state) | "
                     f"{ratios['get_all']:.2f} x plain httpx; async {ratios['get_all_async']:.2f} x (plain async "
                     f"httpx {ratios['plain_httpx_async']:.2f} x) |")  # fmt: skip
    stricter = figures["stricter_server"]
    adaptive, fixed = stricter["eight_threads"]["adaptive"], stricter["eight_threads"]["not_adaptive"]
    told = f"{adaptive['429s']} 429s of {adaptive['requests']} requests"
    lines.append(f"| a stricter server ({stricter['server_limit']}), 8 threads | {told} "
                 f"(without adaptation: {fixed['429s']} of {fixed['requests']}) |")  # fmt: skip
    if "three_processes_redis_429s_per_run" in stricter:
        runs = stricter["three_processes_redis_429s_per_run"]
        lines.append(f"| the same, three processes sharing the window in Redis, {len(runs)} runs in a row | "
                     f"429s per run: {', '.join(map(str, runs))} |")  # fmt: skip
    walk = figures["walk"]
    lines.append(f"| the walk: {walk['services']} services, {walk['vouchers']} vouchers, {walk['codes']:,} codes | "
                 f"{walk['x_plain_httpx_median']:.2f} x plain concurrent httpx |")  # fmt: skip
    if "voucher_writes" in figures:
        writes, found = figures["voucher_writes"], figures["find_codes"]
        lines.append(f"| `vouchers.add` of {writes['vouchers']:,} vouchers, then read back with their rates | "
                     f"{writes['x_plain_httpx_median']:.2f} x plain httpx |")  # fmt: skip
        lines.append(f"| `voucher_codes.find` of {found['values']:,} values over {found['vouchers']} vouchers and "
                     f"{found['codes']:,} codes | {found['x_plain_httpx_median']:.2f} x plain httpx |")  # fmt: skip
    if "warehouse" in figures:
        wh = figures["warehouse"]
        first, limited, later = wh["first_load"], wh["first_load_rate_limited"], wh["after_one_percent_changed"]
        floor = f"{limited['x_floor']:.2f} x the floor" if limited["x_floor"] else "within a window's burst"
        lines.append(f"| `mews-vouchers warehouse`, first load of {wh['codes']:,} codes into DuckDB | "
                     f"{first['x_export_all_csv']:.2f} x `export --all` to CSV; under {limited['server_limit']}, "
                     f"{floor} |")  # fmt: skip
        lines.append(f"| the next run after 1 % of the codes changed | {later['fraction_of_first_requests']:.1%} of "
                     f"the requests, {later['fraction_of_first_seconds']:.1%} of the time |")  # fmt: skip
    rows = figures["import_memory"]["runs"][-1]
    lines.append(f"| `mews-vouchers import` of {rows['rows']:,} rows, peak RSS | "
                 f"{rows['peak_rss_bytes'] / 1e6:.0f} MB |")  # fmt: skip
    if "workbooks" in figures:
        for name, what in (("export", "`export -o codes.xlsx` of {:,} codes"), ("import_dry_run", "`import codes.xlsx "
                           "--dry-run` of {:,} rows")):  # fmt: skip
            figure = figures["workbooks"][name]
            csv, xlsx = figure["runs"]["csv"], figure["runs"]["xlsx"]
            peaks = f"peak RSS {xlsx['peak_rss_bytes'] / 1e6:.0f} MB, CSV {csv['peak_rss_bytes'] / 1e6:.0f} MB"
            lines.append(f"| {what.format(figure.get('codes') or figure.get('rows'))} | "
                         f"{figure['xlsx_x_csv_seconds']:.2f} x the same with CSV ({xlsx['elapsed_seconds']:.1f} s); "
                         f"{peaks} |")  # fmt: skip
    return "\n".join(lines) + "\n"


def _conformance(report: dict[str, Any]) -> str:
    matrices = report["matrices"]
    by_mews = _by_mews_document(report.get("mews_document"), report["prism_proxy"].get("per_operation"))
    return (
        f"From `reports/conformance.json`: Prism as a proxy checked {report['prism_proxy']['requests_checked']} "
        f"requests, {len(report['prism_proxy']['violations'])} violations (its negative control: "
        f"{report['prism_proxy']['negative_control_violations']}); Prism's mock, "
        f"{report['prism_mock']['documented_statuses_read']} documented statuses, "
        f"{len(report['prism_mock']['misread'])} misread; Schemathesis, {report['schemathesis']['cases']} cases, "
        f"{report['schemathesis']['failures']} failures; openapi-core, "
        f"{matrices['cassettes_validated_by_openapi_core']['tests']} cassette checks; the fault matrix, "
        f"{matrices['fault_matrix_and_bulk_runs']['tests']} cases; items lost or duplicated: "
        f"{report['items_lost_or_duplicated']}.\n" + by_mews
    )


def _by_mews_document(official: dict[str, Any] | None, ours_figures: dict[str, Any] | None = None) -> str:
    """The table of what the referees found judging by Mews' own document, per operation."""
    if not official:
        return ""
    rows = [
        "",
        "Judged by Mews' own document (`contracts/mews-connector-openapi.yaml`), with Prism as a proxy while the "
        f"client (sync and async) and {official['cli_commands']} commands of the command line ran; every response "
        "finding is one of the known differences (`contracts/known-differences.yaml`):",
        "",
        "| operation | requests | findings by openapi.yaml (request / response) | by Mews' document: request findings |"
        " response findings | of them known differences | negative control: wrong request caught (ours / Mews') |"
        " wrong answer caught by Prism (ours / Mews') | by Schemathesis (ours / Mews') |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    controls = official.get("negative_control", {})
    ours, mews = controls.get("openapi.yaml", {}), controls.get("contracts/mews-connector-openapi.yaml", {})
    for operation, figures in official["per_operation"].items():
        ours_caught, mews_caught = ours.get(operation, {}), mews.get(operation, {})
        by_ours = (ours_figures or {}).get(operation)
        judged_ours = "-" if by_ours is None else f"{by_ours['request_findings']} / {by_ours['response_findings']}"
        rows.append(
            f"| `{operation}` | {figures['requests']} | {judged_ours} | {figures['request_findings']} | "
            f"{figures['response_findings']}"
            f" | {figures['response_findings_known']} | {ours_caught.get('wrong_request', '-')} / "
            f"{_blind(mews_caught.get('wrong_request', '-'))} | {ours_caught.get('wrong_answer', '-')} / "
            f"{mews_caught.get('wrong_answer', '-')} | {ours_caught.get('wrong_answer_schemathesis', '-')} / "
            f"{mews_caught.get('wrong_answer_schemathesis', '-')} |"
        )
    fuzzed = official["schemathesis"]
    rows += [
        "",
        "*blind*: Prism cannot compile Mews' own `VoucherUpdateParameters` (limits and `format` beside an `allOf` "
        "object), so it lets every vouchers/update request through by that document; those requests are judged by "
        "`openapi.yaml` (its negative control is caught) and by Schemathesis with Mews' document "
        "(`contracts/known-differences.yaml`, kind `blind`).",
        "",
        f"Schemathesis with Mews' document: {fuzzed['cases']} cases, {fuzzed['failures']} failures, "
        f"{len(fuzzed['unmatched'])} not among the known differences.",
        "",
    ]
    return "\n".join(rows)


def _blind(caught: object) -> str:
    """A negative control that caught nothing is a referee's blind spot (the report fails on any other)."""
    return "0 (*blind*)" if caught == 0 else str(caught)


def write_figures() -> None:
    """Write `docs/_generated/bench.md` and `conformance.md` from the reports."""
    OUT.mkdir(exist_ok=True)
    bench = json.loads((ROOT / "reports" / "bench.json").read_text(encoding="utf-8"))
    conformance = json.loads((ROOT / "reports" / "conformance.json").read_text(encoding="utf-8"))
    (OUT / "bench.md").write_text(_bench(bench), encoding="utf-8")
    (OUT / "conformance.md").write_text(_conformance(conformance), encoding="utf-8")
