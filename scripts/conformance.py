"""`make conformance`: referees nobody here wrote judge the client, the sandbox and the spec; figures in one report.

1. Prism as a mock (`prism mock openapi.yaml`): the wrapper reads every documented status of every operation, the
   documented examples included (`__code=NNN` picks the status; the client's `Prefer` is left out there, since any
   `Prefer` makes Prism ignore `__code`).
2. Prism as a proxy (`prism proxy openapi.yaml <sandbox> --errors`) between the wrapper and the sandbox while a
   scenario runs: every operation and filter, several pages and an empty one, more than 1000 ids, a window longer
   than 3 months, a portfolio token across two enterprises, delete twice, and the sandbox's faults on every
   operation; then an async pass and the command line's documented session (`official_referees.judged`). A request
   or response that breaks the spec, or a status the spec does not declare, is a violation (Prism's `sl-violations`
   header, or its own problem answer). The same runs again judged by Mews' own document (`official_referees`).
3. Schemathesis against the sandbox with `openapi.yaml`: a fixed seed, at most 100 examples per operation, every
   check, and hooks (`scripts/schemathesis_hooks.py`) that put the demo tokens and known ids where that keeps a case
   valid. Excluded, by name: the examples phase, whose documented bodies name Mews' own vouchers and codes, unknown
   to any sandbox (the documented 400 for unknown ids); the documented examples are read through Prism's mock above.
4. The test modules that hold the other referees and matrices (openapi-core over the cassettes, the fault matrix,
   the bad-input matrix, the 5,000-code bulk runs), counted from their JUnit report.

Writes `reports/conformance.json` and prints one summary line; exits 1 when anything is not as specified.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import uuid
import xml.etree.ElementTree as ElementTree
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import yaml

from mews_sandbox import (
    DEMO_ACCESS_TOKEN,
    DEMO_CLIENT_TOKEN,
    DEMO_RATE,
    ENTERPRISE_A,
    ENTERPRISE_B,
    PORTFOLIO_ACCESS_TOKEN,
    SERVICE_A,
    SERVICE_B,
    VOUCHER_A,
    VOUCHER_B,
    VOUCHER_EARLY_BIRD,
    AccessGrant,
    RunningSandbox,
    SandboxConfig,
    run_sandbox,
)
from mews_wrapper import MewsAPIError, MewsClient, MewsError, NewVoucher, NewVoucherCode, VoucherUpdate

ROOT = Path(__file__).resolve().parents[1]
PRISM = ROOT / "node_modules" / ".bin" / "prism"
PATH = "/api/connector/v1/"
OPERATIONS = (
    "voucherCodes/getAll",
    "voucherCodes/add",
    "voucherCodes/delete",
    "services/getAll",
    "vouchers/getAll",
    "vouchers/add",
    "vouchers/update",
    "vouchers/delete",
    "rates/getAll",
    "enterprises/getAll",
)
READS = ("voucherCodes/getAll", "services/getAll", "vouchers/getAll", "rates/getAll", "enterprises/getAll")
EXTRA_VOUCHERS = [str(uuid.UUID(int=5000 + number, version=4)) for number in range(1100)]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def prism(*args: str) -> Iterator[str]:
    """Run Prism until the block ends; yields its URL once it listens."""
    port = free_port()
    log = tempfile.TemporaryFile()  # noqa: SIM115 - closed below, after the process
    process = subprocess.Popen(
        [str(PRISM), *args, "--port", str(port), "--host", "127.0.0.1"], stdout=log, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                raise SystemExit(f"prism did not start: {log.read()[-2000:].decode(errors='replace')}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


class Referee:
    """Counts what Prism said about every exchange that passed through it."""

    def __init__(self) -> None:
        self.checked = 0
        self.violations: list[str] = []

    def on_response(self, response: httpx.Response) -> None:
        self.checked += 1
        if response.headers.get("content-type", "").startswith("application/problem+json"):
            response.read()
            self.violations.append(f"{response.request.url.path}: prism refused: {response.text[:300]}")
        found = response.headers.get("sl-violations")
        if found:
            self.violations.append(f"{response.request.url.path} {response.status_code}: {found[:300]}")


def client(url: str, referee: Referee, **options: Any) -> MewsClient:
    http = httpx.Client(event_hooks={"response": [referee.on_response]}, timeout=options.pop("timeout", 10))
    options.setdefault("client_token", DEMO_CLIENT_TOKEN)
    options.setdefault("access_token", DEMO_ACCESS_TOKEN)
    return MewsClient(platform_url=url, http_client=http, sleep=lambda seconds: None, **options)


def proxy_scenario(sandbox: RunningSandbox, url: str, referee: Referee | None = None) -> dict[str, Any]:
    """The wrapper against the sandbox through Prism's proxy: every operation, filter and fault."""
    referee = referee or Referee()
    mews = client(url, referee)
    added = mews.voucher_codes.add([NewVoucherCode(VOUCHER_A, f"PRISM-{n}") for n in range(2500)])  # 3 chunks
    ids = [code.id for code in added]
    assert len(list(mews.voucher_codes.get_all([VOUCHER_A]))) == 2500  # several full pages, then a short one
    list(mews.voucher_codes.get_all([VOUCHER_A], voucher_code_ids=ids[:7], page_size=3))  # full pages of 3
    assert list(mews.voucher_codes.get_all(EXTRA_VOUCHERS[:1])) == []  # an empty page: 204
    updated = added[0].updated_utc
    assert updated is not None
    window = (updated.replace(year=updated.year - 1), updated.replace(year=updated.year + 1))  # 2 years: 9 windows
    list(mews.voucher_codes.get_all([VOUCHER_A], updated_utc=window, page_size=1000))
    list(mews.voucher_codes.get_all([VOUCHER_A, *EXTRA_VOUCHERS], page_size=1000))  # more than 1000 ids
    portfolio = client(url, referee, access_token=PORTFOLIO_ACCESS_TOKEN, portfolio=True)
    portfolio.voucher_codes.add([NewVoucherCode(VOUCHER_B, "PRISM-B")], enterprise_id=ENTERPRISE_B)
    both = list(portfolio.voucher_codes.get_all([VOUCHER_A, VOUCHER_B], enterprise_ids=[ENTERPRISE_A, ENTERPRISE_B]))
    assert len(both) == 2501
    mews.voucher_codes.delete(ids[:10])
    mews.voucher_codes.delete(ids[:10])  # twice: still fine
    services = list(mews.services.get_all(page_size=1))  # the walk: full pages of one, then a short one
    assert {str(service.id) for service in services} >= {SERVICE_A}
    assert list(mews.services.get_all(service_type="Additional"))
    vouchers = list(mews.vouchers.get_all(page_size=500, with_rates=True))  # services/getAll first; 3 pages
    assert VOUCHER_A in {str(voucher.id) for voucher in vouchers}
    assert list(mews.vouchers.get_all([SERVICE_A], active=False, code_values=["PRISM-1"])) == []  # 204
    assert str(mews.vouchers.find("Summer sale").id) == VOUCHER_A
    portfolio_services = list(portfolio.services.get_all(enterprise_ids=[ENTERPRISE_A, ENTERPRISE_B]))
    assert {str(service.enterprise_id) for service in portfolio_services} == {ENTERPRISE_A, ENTERPRISE_B}
    assert len(list(mews.rates.get_all(page_size=1))) >= 3  # services/getAll first, then full pages of one
    assert list(mews.rates.get_all([SERVICE_A], active=True, rate_ids=[DEMO_RATE]))
    assert str(mews.rates.find("Best available", service_id=SERVICE_A).id) == DEMO_RATE
    assert {enterprise.name for enterprise in portfolio.enterprises.get_all(page_size=1)} >= {"Sandbox Hotel Prague"}
    assert str(portfolio.enterprises.find("Sandbox Hotel Budapest").id) == ENTERPRISE_B
    campaign = mews.vouchers.add(
        [NewVoucher(SERVICE_A, f"PRISM campaign {n}", rate_ids=[DEMO_RATE]) for n in range(1001)]  # 2 chunks
        + [NewVoucher(SERVICE_A, "PRISM partner", type="PartnerCompany", company_id=uuid.UUID(int=3, version=4),
                      stay_start_utc=dt.datetime(2026, 6, 1, tzinfo=dt.UTC), external_identifier="PRISM-7")]
    )  # fmt: skip
    mews.vouchers.update(
        [VoucherUpdate(campaign[0].id, name="PRISM renamed", rate_ids=(), stay_end_utc=None, external_identifier=None),
         VoucherUpdate(campaign[-1].id, type="Public", company_id=None, stay_start_utc=None)]
    )  # fmt: skip
    mews.vouchers.delete([voucher.id for voucher in campaign])
    portfolio.vouchers.add([NewVoucher(SERVICE_B, "PRISM Budapest")], enterprise_id=ENTERPRISE_B)
    # Every fault whose answer Prism can relay. Not "drop" and "corrupt": a proxy cannot pass on a cut connection or
    # a body it cannot decode (Prism answers its own FetchError); the fault matrix of make test covers both.
    faults = ["400", "401", "403", "404", "408", "409", "413", "429", "500", "502", "503", "504"]
    faults += ["drop-after", "408-after", "500-after", "502-after", "503-after", "504-after", "repeat-cursor"]
    injected = 0
    for fault in faults:
        for operation in OPERATIONS:
            if fault == "repeat-cursor" and operation not in READS:
                continue
            injected += 1
            inject(sandbox, fault)
            with contextlib.suppress(MewsError):
                run_operation(mews, operation, ids, injected)
            sandbox.faults.clear()
    return {"requests_checked": referee.checked, "violations": referee.violations, "faults_injected": injected}


def load_spec() -> dict[str, Any]:
    spec: dict[str, Any] = yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))
    return spec


def negative_control(sandbox: RunningSandbox) -> int:
    """Violations Prism finds with a spec nothing can satisfy (every code must carry a field none has): a zero
    from the real run is a real zero only if this is not."""
    spec = load_spec()
    spec["components"]["schemas"]["VoucherCode"]["required"].append("NoSuchField")
    with tempfile.TemporaryDirectory() as folder:
        broken = Path(folder) / "unsatisfiable.yaml"
        broken.write_text(yaml.safe_dump(spec), encoding="utf-8")
        with prism("proxy", str(broken), sandbox.url, "--errors") as url:
            referee = Referee()
            with contextlib.suppress(MewsError):
                list(client(url, referee).voucher_codes.get_all([VOUCHER_A], page_size=5))
    return len(referee.violations)


def inject(sandbox: RunningSandbox, fault: str) -> None:
    if fault == "repeat-cursor":
        sandbox.faults.repeat_cursor = True
    else:
        sandbox.faults.add(fault)


def run_operation(mews: MewsClient, operation: str, ids: list[uuid.UUID], number: int) -> None:
    if operation == "voucherCodes/getAll":
        list(mews.voucher_codes.get_all([VOUCHER_A], page_size=1000))
    elif operation == "voucherCodes/add":
        mews.voucher_codes.add([NewVoucherCode(VOUCHER_A, f"FAULT-{number}")])
    elif operation == "voucherCodes/delete":
        mews.voucher_codes.delete(ids[number : number + 1])
    elif operation == "services/getAll":
        list(mews.services.get_all(page_size=1))  # two pages and an empty one: the repeated cursor shows
    elif operation == "rates/getAll":
        list(mews.rates.get_all([SERVICE_A], page_size=1))
    elif operation == "enterprises/getAll":
        list(mews.enterprises.get_all(page_size=1))
    elif operation == "vouchers/add":
        mews.vouchers.add([NewVoucher(SERVICE_A, f"FAULT {number}", rate_ids=[DEMO_RATE])])
    elif operation == "vouchers/update":
        mews.vouchers.update([VoucherUpdate(VOUCHER_A, name=f"Summer sale {number}")])
    elif operation == "vouchers/delete":
        mews.vouchers.delete([VOUCHER_EARLY_BIRD])  # again and again: a deleted voucher may be deleted again
    else:
        list(mews.vouchers.get_all([SERVICE_A], voucher_ids=[VOUCHER_A, EXTRA_VOUCHERS[0]], page_size=1))


def mock_examples(url: str) -> dict[str, Any]:
    """The wrapper reads every documented status of every operation as Prism's mock serves it from the spec."""
    spec = load_spec()
    read, misread = 0, []
    for operation in OPERATIONS:
        for status in sorted(spec["paths"][PATH + operation]["post"]["responses"]):
            referee = Referee()
            http = httpx.Client(transport=_PickStatus(int(status)), event_hooks={"response": [referee.on_response]})
            mews = MewsClient(DEMO_CLIENT_TOKEN, DEMO_ACCESS_TOKEN, platform_url=url, http_client=http, max_retries=0)
            problem = read_one(mews, operation, int(status))
            read += 1
            if problem or referee.violations:
                misread.append(f"{operation} {status}: {problem or referee.violations}")
    return {"documented_statuses_read": read, "misread": misread}


class _PickStatus(httpx.HTTPTransport):
    """Asks Prism's mock for one documented status (and drops `Prefer`, which would make it ignore the ask)."""

    def __init__(self, status: int) -> None:
        super().__init__()
        self._status = status

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.headers.pop("Prefer", None)
        request.url = request.url.copy_merge_params({"__code": str(self._status)})
        return super().handle_request(request)


def read_one(mews: MewsClient, operation: str, status: int) -> str | None:
    """None when the wrapper read the mocked answer as the policy says, else what went wrong."""
    calls: dict[str, Callable[[], object]] = {
        "voucherCodes/getAll": lambda: list(mews.voucher_codes.get_all([VOUCHER_A], page_size=10)),
        "voucherCodes/add": lambda: mews.voucher_codes.add(
            [NewVoucherCode(VOUCHER_A, f"MOCKED-{n}") for n in range(2)]
        ),  # as the example
        "voucherCodes/delete": lambda: mews.voucher_codes.delete([uuid.UUID(int=1, version=4)]),
        "services/getAll": lambda: list(mews.services.get_all(page_size=10)),
        "vouchers/getAll": lambda: list(mews.vouchers.get_all([SERVICE_A], page_size=10)),
        "rates/getAll": lambda: list(mews.rates.get_all([SERVICE_A], page_size=10)),
        "enterprises/getAll": lambda: list(mews.enterprises.get_all(page_size=10)),
        "vouchers/add": lambda: mews.vouchers.add(
            [NewVoucher(SERVICE_A, "Weekend Voucher", rate_ids=[uuid.UUID(int=2, version=4)])]
        ),  # one voucher: the example answers with one
        "vouchers/update": lambda: mews.vouchers.update([VoucherUpdate(VOUCHER_A, name="Weekend Voucher")]),
        "vouchers/delete": lambda: mews.vouchers.delete([VOUCHER_A]),
    }
    try:
        result = calls[operation]()
    except MewsAPIError as error:
        return None if error.status_code == status else f"{error!r}"
    except MewsError as error:
        return f"{error!r}"
    if status >= 300:
        return f"no error for {status}: {result!r}"
    if operation in READS and status == 200 and not result:
        return "the documented example page read as empty"
    return None


SCHEMATHESIS_EXCLUDED = {
    "phase examples": "its documented bodies name Mews' own vouchers and codes: the documented 400 for unknown ids",
}


SCHEMATHESIS_SUMMARY = re.compile(r"(\d+) generated, (?:(\d+) found (\d+) unique failures?|(\d+) passed)")
"""Schemathesis's closing count: cases generated, and failures found (one "failure", several "failures")."""


def run_schemathesis(document: str, url: str, *extra: str, timeout: int = 900) -> subprocess.CompletedProcess[str]:
    """Schemathesis by `document` against the sandbox at `url`: seed 1, at most 100 examples per operation, every
    check, the coverage and fuzzing phases, and the hooks that put known tokens and ids into valid cases."""
    command = [str(Path(sys.executable).parent / "schemathesis"), "run", document, "--url", url]
    command += ["--checks", "all", "-n", "100", "--seed", "1", "--generation-deterministic", "--continue-on-failure"]
    command += ["--phases", "coverage,fuzzing", *extra]
    env = {
        **os.environ,
        "MEWS_SANDBOX_URL": url,
        "SCHEMATHESIS_HOOKS": "scripts.schemathesis_hooks",
        "PYTHONPATH": str(ROOT),
        "NO_COLOR": "1",
    }
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=timeout)


def schemathesis_run(url: str) -> dict[str, Any]:
    """Schemathesis against a fresh sandbox: cases generated and failures found, with every check on."""
    result = run_schemathesis("openapi.yaml", url, timeout=600)
    found = SCHEMATHESIS_SUMMARY.search(result.stdout)
    cases = int(found.group(1)) if found else 0
    failures = int(found.group(3)) if found and found.group(3) else 0
    problems = [] if result.returncode == 0 else [result.stdout[-3000:]]  # a failure, or an error in the run
    return {"cases": cases, "failures": failures, "excluded": SCHEMATHESIS_EXCLUDED, "problems": problems}


def junit_counts(modules: list[str]) -> dict[str, int]:
    """Run test modules and count their cases from the JUnit report."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "junit.xml"
        subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={report}", *modules],
            cwd=ROOT,
            check=False,
            capture_output=True,
        )
        suite = ElementTree.parse(report).getroot().find("testsuite")
        assert suite is not None
        return {key: int(suite.get(key, "0")) for key in ("tests", "failures", "errors", "skipped")}


def official_failures(official: dict[str, Any]) -> list[str]:
    """What fails the run in the judgement by Mews' document: a request finding, an unmatched finding, a command
    that failed, a negative control that caught nothing."""
    problems = [f"by Mews' document, new: {line}" for line in official["unmatched"]]
    problems += [f"by Mews' document, new: {line}" for line in official["schemathesis"]["unmatched"]]
    problems += official["schemathesis"]["problems"] + official["cli_failed"]
    for operation, figures in official["per_operation"].items():
        if figures["request_findings"]:
            problems.append(f"by Mews' document: {figures['request_findings']} request findings on {operation}")
    from spec_drift import known_differences, matching  # noqa: PLC0415 - a sibling script, as official_referees

    blind = known_differences("blind")  # what a referee cannot see in Mews' document, each with its reason
    for document, operations in official["negative_control"].items():
        for operation, caught in operations.items():
            for kind, count in caught.items():
                line = f"negative control: {document} caught no {kind.replace('_', ' ')} of {operation}"
                if not count and matching(line, blind) is None:
                    problems.append(line)
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default="reports/conformance.json")
    args = parser.parse_args()
    if not PRISM.exists():
        raise SystemExit("prism is missing: run make conformance (it installs node_modules from package-lock.json)")
    vouchers = {VOUCHER_A: ENTERPRISE_A, VOUCHER_B: ENTERPRISE_B} | dict.fromkeys(EXTRA_VOUCHERS, ENTERPRISE_A)
    config = SandboxConfig(
        vouchers=vouchers,
        grants=(
            AccessGrant(DEMO_ACCESS_TOKEN, (ENTERPRISE_A,)),
            AccessGrant(PORTFOLIO_ACCESS_TOKEN, (ENTERPRISE_A, ENTERPRISE_B), portfolio=True),
        ),
        rate_limit=0,
        seed=3,
    )
    import official_referees  # noqa: PLC0415 - it imports this module: the referees by Mews' document

    with run_sandbox(config) as sandbox:
        with prism("proxy", "openapi.yaml", sandbox.url, "--errors") as proxy_url:
            ours = official_referees.judged(sandbox, proxy_url, known_kind=None)  # openapi.yaml: no known differences
        proxy = {
            "requests_checked": ours["requests_checked"],
            "violations": ours["unmatched"] + ours["cli_failed"],
            "faults_injected": ours["faults_injected"],
            "per_operation": ours["per_operation"],
            "cli_commands": ours["cli_commands"],
        }
        proxy["negative_control_violations"] = negative_control(sandbox)
    with prism("mock", "openapi.yaml") as mock_url:
        mock = mock_examples(mock_url)
    with run_sandbox(SandboxConfig(rate_limit=0, seed=5)) as fresh:
        fuzzed = schemathesis_run(fresh.url)
    with run_sandbox(config) as sandbox:  # a sandbox of its own: the scenario adds the same codes again
        official = official_referees.official_proxy(sandbox)
        official["negative_control"] = official_referees.negative_controls(sandbox)
    with run_sandbox(SandboxConfig(rate_limit=0, seed=5)) as fresh:
        official["schemathesis"] = official_referees.official_schemathesis(fresh.url)
    matrices = {
        "cassettes_validated_by_openapi_core": junit_counts(["tests/cassettes/test_cassette_contract.py"]),
        "fault_matrix_and_bulk_runs": junit_counts(["tests/integration/test_fault_matrix.py"]),
        "bad_inputs": junit_counts(["tests/unit/test_bad_input.py"]),
    }
    bulk = matrices["fault_matrix_and_bulk_runs"]
    # The bulk runs assert that every one of 5,000 codes is there exactly once, added and then deleted under faults.
    lost_or_duplicated = 0 if bulk["failures"] + bulk["errors"] == 0 else "see the failed cases"
    report = {
        "prism_proxy": proxy,
        "prism_mock": mock,
        "schemathesis": fuzzed,
        "matrices": matrices,
        "items_lost_or_duplicated": lost_or_duplicated,
        "mews_document": official,
    }
    out = ROOT / args.out
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    failures = sum(counts["failures"] + counts["errors"] for counts in matrices.values())
    print(
        f"conformance: prism proxy {proxy['requests_checked']} requests, {len(proxy['violations'])} violations "
        f"(negative control: {proxy['negative_control_violations']}); "
        f"prism mock {mock['documented_statuses_read']} documented statuses, {len(mock['misread'])} misread; "
        f"schemathesis {fuzzed['cases']} cases, {fuzzed['failures']} failures; "
        f"cassettes {matrices['cassettes_validated_by_openapi_core']['tests']} checks by openapi-core; "
        f"fault matrix {matrices['fault_matrix_and_bulk_runs']['tests']} cases; "
        f"bad inputs {matrices['bad_inputs']['tests']} cases; {failures} failed; "
        f"items lost or duplicated {lost_or_duplicated}; report {args.out}"
    )
    official_problems = official_failures(official)
    figures = official["per_operation"]
    print(
        f"conformance by Mews' document: prism proxy {official['requests_checked']} requests, "
        f"{sum(op['request_findings'] for op in figures.values())} request findings, "
        f"{sum(op['response_findings'] for op in figures.values())} response findings "
        f"({sum(op['response_findings_known'] for op in figures.values())} known differences); "
        f"command line {official['cli_commands']} commands; schemathesis {official['schemathesis']['cases']} cases, "
        f"{official['schemathesis']['failures']} failures, {len(official['schemathesis']['unmatched'])} unmatched"
    )
    for problem in proxy["violations"] + mock["misread"] + fuzzed["problems"] + official_problems:
        print(f"  {problem}")
    if not proxy["negative_control_violations"]:
        print("  the negative control found nothing: Prism's zero cannot be trusted")
    failed = proxy["violations"] or mock["misread"] or fuzzed["problems"] or failures or official_problems
    return 1 if failed or not proxy["negative_control_violations"] else 0


if __name__ == "__main__":
    sys.exit(main())
