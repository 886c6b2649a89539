"""Mews' own OpenAPI document as a referee (`make conformance`): Prism, Schemathesis and the negative controls.

1. Prism as a proxy with Mews' document (`contracts/mews-connector-openapi.yaml`) in front of the sandbox, without
   `--errors` so that answers reach the client and every finding is read from `sl-violations`: while the client runs
   the scenario of `conformance.proxy_scenario` (every operation, filter, portfolio and fault), an async pass, and
   while the command line runs its documented session (services, vouchers, list, export, import, delete, generate,
   sync) in this process (`judged`, which judges by openapi.yaml the same way). Each finding is counted per
   operation and side (request, response) and must match a known difference of `contracts/known-differences.yaml`
   (kind `prism`).
2. Schemathesis with Mews' document against a fresh sandbox, positive and negative data, the operations the client
   covers; each failure must match a known difference (kind `schemathesis`).
3. The negative control, per operation and per document (ours and Mews'): a deliberately wrong request (a field no
   schema has) and a deliberately wrong answer (the sandbox's `misshapen` fault) must each be caught by Prism, and
   the wrong answer by Schemathesis too (openapi-core's negative control is in the cassette test).
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import conformance
import httpx
from spec_drift import known_differences, matching

from mews_sandbox import (
    DEMO_ACCESS_TOKEN,
    DEMO_CLIENT_TOKEN,
    DEMO_RATE,
    SERVICE_A,
    VOUCHER_A,
    VOUCHER_EARLY_BIRD,
    RunningSandbox,
)
from mews_wrapper import AsyncMewsClient, NewVoucher, NewVoucherCode, VoucherUpdate

ROOT = Path(__file__).resolve().parents[1]
MEWS_DOCUMENT = "contracts/mews-connector-openapi.yaml"
OPERATIONS = conformance.OPERATIONS


def _operation_of(path: str) -> str:
    return path.removeprefix(conformance.PATH)


class OfficialReferee(conformance.Referee):
    """Every finding Prism reports, with its operation, status and side, and the requests per operation."""

    def __init__(self) -> None:
        super().__init__()
        self.requests: collections.Counter[str] = collections.Counter()
        self.findings: list[tuple[str, str, str, str]] = []  # (operation, status, location, message)
        self.relay_failures: collections.Counter[str] = collections.Counter()

    def on_response(self, response: httpx.Response) -> None:
        self.see(response.request.url.path, response.status_code, response.headers)

    def see(self, path: str, status: int, headers: httpx.Headers) -> None:
        operation = _operation_of(path)
        self.checked += 1
        self.requests[operation] += 1
        if headers.get("content-type", "").startswith("application/problem+json"):
            if status >= 500:
                # Prism's own 5xx: it could not relay the sandbox's answer. The fault scenario cuts connections after
                # acting ("drop-after"); Prism mostly waits for the client's timeout, now and then answers this
                # (seen once, on vouchers/update, in a fresh-clone CI run). Counted, not a finding on the request.
                self.relay_failures[operation] += 1
            else:
                self.findings.append((operation, str(status), "request", "prism refused the request"))
        for violation in json.loads(headers.get("sl-violations") or "[]"):
            location = violation.get("location", ["?"])[0]
            self.findings.append((operation, str(status), location, violation.get("message", "")))


@contextlib.contextmanager
def watching(referee: OfficialReferee) -> Iterator[None]:
    """Every httpx exchange of this process (the command line's clients too) seen by `referee`."""
    sync_send, async_send = httpx.HTTPTransport.handle_request, httpx.AsyncHTTPTransport.handle_async_request

    def handle(self: httpx.HTTPTransport, request: httpx.Request) -> httpx.Response:
        response = sync_send(self, request)
        referee.see(request.url.path, response.status_code, response.headers)
        return response

    async def handle_async(self: httpx.AsyncHTTPTransport, request: httpx.Request) -> httpx.Response:
        response = await async_send(self, request)
        referee.see(request.url.path, response.status_code, response.headers)
        return response

    httpx.HTTPTransport.handle_request = handle  # type: ignore[method-assign]
    httpx.AsyncHTTPTransport.handle_async_request = handle_async  # type: ignore[method-assign]
    try:
        yield
    finally:
        httpx.HTTPTransport.handle_request = sync_send  # type: ignore[method-assign]
        httpx.AsyncHTTPTransport.handle_async_request = async_send  # type: ignore[method-assign]


async def _async_pass(url: str) -> None:
    """The async client's every operation, once."""
    async with AsyncMewsClient(
        DEMO_CLIENT_TOKEN, DEMO_ACCESS_TOKEN, platform_url=url, rate_limit=None, sleep=lambda seconds: asyncio.sleep(0)
    ) as mews:
        added = await mews.voucher_codes.add([NewVoucherCode(VOUCHER_A, f"ASYNC-{n}") for n in range(3)])
        assert len([code async for code in mews.voucher_codes.get_all([VOUCHER_A], page_size=2)]) >= 3
        assert [service async for service in mews.services.get_all()]
        assert [voucher async for voucher in mews.vouchers.get_all([SERVICE_A], with_rates=True)]
        assert (await mews.rates.find("Best available", service_id=SERVICE_A)).short_name == "BAR"
        assert [enterprise async for enterprise in mews.enterprises.get_all()]
        await mews.voucher_codes.delete([code.id for code in added])
        [made] = await mews.vouchers.add([NewVoucher(SERVICE_A, "Async campaign", rate_ids=[DEMO_RATE])])
        await mews.vouchers.update([VoucherUpdate(made.id, name="Async campaign 2", rate_ids=None)])
        await mews.vouchers.delete([made.id])


CLI_SESSION = [
    ["services"],
    ["vouchers", "--codes"],
    ["list", VOUCHER_A, "--active-only"],
    ["export", VOUCHER_A, "-o", "codes.csv"],
    ["import", "new.csv"],
    ["delete", "--voucher-id", VOUCHER_A, "--value", "CLI-1", "--yes"],
    ["generate", "--count", "20", "--voucher-id", VOUCHER_A, "--import"],
    ["sync", "new.csv", "--voucher-id", VOUCHER_A, "--dry-run", "--max-delete", "100%"],
    ["vouchers", "add", "CLI campaign", "--service", SERVICE_A, "--rate", "Best available", "--external-id", "CLI-7"],
    ["vouchers", "update", "CLI campaign", "--rename", "CLI campaign 2", "--no-rates", "--clear-external-id"],
    ["vouchers", "delete", "CLI campaign 2", "--yes"],
]


def cli_session(url: str) -> list[str]:
    """The command line's documented session against `url`, in this process; the commands that did not exit 0."""
    from mews_vouchers import main  # noqa: PLC0415 - the cli extra, needed here only

    failed = []
    variables = {
        "MEWS_PLATFORM_URL": url,
        "MEWS_CLIENT_TOKEN": DEMO_CLIENT_TOKEN,
        "MEWS_ACCESS_TOKEN": DEMO_ACCESS_TOKEN,
    }
    before = {name: os.environ.get(name) for name in [*variables, "MEWS_VOUCHERS_CACHE"]}
    folder = tempfile.TemporaryDirectory()
    here = Path.cwd()
    try:
        os.environ.update(variables, MEWS_VOUCHERS_CACHE=folder.name)
        os.chdir(folder.name)
        Path("new.csv").write_text("VoucherId,Value\n" + "".join(f"{VOUCHER_A},CLI-{n}\n" for n in range(5)))
        for command in CLI_SESSION:
            with contextlib.redirect_stdout(open(os.devnull, "w")), contextlib.redirect_stderr(open(os.devnull, "w")):
                code = main(["--quiet", *command])
            if code != 0:
                failed.append(f"mews-vouchers {' '.join(command)}: exit {code}")
    finally:
        os.chdir(here)
        folder.cleanup()
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return failed


def judged(sandbox: RunningSandbox, url: str, known_kind: str | None) -> dict[str, Any]:
    """The client (sync and async) and the command line through the Prism proxy at `url`; findings per operation.

    `known_kind`: the kind of known differences a finding may match (None: every finding is new).
    """
    referee = OfficialReferee()
    scenario = conformance.proxy_scenario(sandbox, url, referee)
    with watching(referee):
        asyncio.run(_async_pass(url))
        cli_failed = cli_session(url)
    entries = known_differences(known_kind) if known_kind else []
    per_operation: dict[str, dict[str, Any]] = {}
    new: list[str] = []
    for operation in OPERATIONS:
        per_operation[operation] = {
            "requests": referee.requests[operation],
            "request_findings": 0,
            "response_findings": 0,
            "response_findings_known": 0,
            "prism_relay_failures": referee.relay_failures[operation],
        }
    for operation, status, location, message in referee.findings:
        figures = per_operation.setdefault(
            operation, {"requests": 0, "request_findings": 0, "response_findings": 0, "response_findings_known": 0}
        )
        line = f"prism {operation} {status} {location}: {message}"
        known = matching(line, entries) is not None
        if location == "request":
            figures["request_findings"] += 1
        else:
            figures["response_findings"] += 1
            figures["response_findings_known"] += known
        if not known:
            new.append(line)
    return {
        "requests_checked": referee.checked,
        "per_operation": per_operation,
        "unmatched": sorted(set(new)),
        "faults_injected": scenario["faults_injected"],
        "cli_commands": len(CLI_SESSION),
        "cli_failed": cli_failed,
    }


def official_proxy(sandbox: RunningSandbox) -> dict[str, Any]:
    """`judged` through Prism with Mews' document (no `--errors`: answers reach the client as they are)."""
    with conformance.prism("proxy", MEWS_DOCUMENT, sandbox.url) as url:
        return judged(sandbox, url, "prism")


_FAILURE = re.compile(r"^_+ POST /api/connector/v1/(?P<operation>\S+) _+$")
_CHECK = re.compile(r"^- (?P<code>ST\d+) (?P<title>.+)$")
_MESSAGE = re.compile(r'"Message":"(?P<message>[^"]*)"')


def official_schemathesis(url: str) -> dict[str, Any]:
    """Schemathesis with Mews' document against the sandbox: cases, and failures each matched or new."""
    result = conformance.run_schemathesis(MEWS_DOCUMENT, url, "--include-path-regex", "|".join(OPERATIONS))
    found = conformance.SCHEMATHESIS_SUMMARY.search(result.stdout)
    cases = int(found.group(1)) if found else 0
    failures, operation, check = [], "", ""
    for line in result.stdout.splitlines():
        if heading := _FAILURE.match(line):
            operation = heading["operation"]
        elif checked := _CHECK.match(line.strip()):
            check = f"{checked['code']} {checked['title']}"
        elif check and (said := _MESSAGE.search(line)):
            failures.append(f"schemathesis {operation} {check}: {said['message']}")
            check = ""
        elif check and line.startswith("Reproduce with"):
            failures.append(f"schemathesis {operation} {check}")
            check = ""
    entries = known_differences("schemathesis")
    unmatched = sorted({failure for failure in failures if matching(failure, entries) is None})
    problems = [] if found else [result.stdout[-3000:] + result.stderr[-2000:]]
    return {"cases": cases, "failures": len(failures), "unmatched": unmatched, "problems": problems}


def schemathesis_negative_control(sandbox: RunningSandbox, document: str) -> dict[str, int]:
    """Per operation: the failures Schemathesis reports, judging by `document`, while the sandbox answers misshapen.

    Each must be at least 1: Schemathesis's zero by that document cannot be trusted for an operation it is not.
    """
    caught = {}
    for operation in OPERATIONS:
        sandbox.faults.clear()
        sandbox.faults.add(*["misshapen"] * 20)
        command = [str(Path(sys.executable).parent / "schemathesis"), "run", document, "--url", sandbox.url]
        command += ["--checks", "response_schema_conformance", "-n", "3", "--seed", "1", "--phases", "fuzzing"]
        command += ["--include-path", conformance.PATH + operation, "--generation-deterministic"]
        env = {**os.environ, "NO_COLOR": "1"}  # no hooks: the misshapen answer comes whatever the tokens
        result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=300)
        found = re.search(r"found (\d+) unique failures?", result.stdout)
        caught[operation] = int(found.group(1)) if found else 0
    sandbox.faults.clear()
    return caught


def negative_controls(sandbox: RunningSandbox) -> dict[str, dict[str, dict[str, int]]]:
    """Per document and operation: findings for a request with a field no schema has, and for a misshapen answer.

    Each must be at least 1, or that referee's zero cannot be trusted for that operation.
    """
    bodies = {
        "voucherCodes/getAll": {"VoucherIds": [VOUCHER_A], "Limitation": {"Count": 10}},
        "voucherCodes/add": {"VoucherCodeParameters": [{"VoucherId": VOUCHER_A, "Value": "NEGATIVE-1"}]},
        "voucherCodes/delete": {"VoucherCodeIds": [VOUCHER_A]},
        "services/getAll": {"Limitation": {"Count": 10}},
        "vouchers/getAll": {"ServiceIds": [SERVICE_A], "Extent": {"Vouchers": True}, "Limitation": {"Count": 10}},
        "rates/getAll": {"ServiceIds": [SERVICE_A], "Extent": {"Rates": True}, "Limitation": {"Count": 10}},
        "enterprises/getAll": {"Limitation": {"Count": 10}},
        "vouchers/add": {"VoucherParameters": [{"ServiceId": SERVICE_A, "Name": "Negative", "Type": "Public"}]},
        "vouchers/update": {"VoucherUpdates": [{"VoucherId": VOUCHER_A, "Name": {"Value": "Summer sale"}}]},
        "vouchers/delete": {"VoucherIds": [VOUCHER_EARLY_BIRD]},
    }
    credentials = {"ClientToken": DEMO_CLIENT_TOKEN, "AccessToken": DEMO_ACCESS_TOKEN, "Client": "negative 1.0"}
    caught: dict[str, dict[str, dict[str, int]]] = {}
    for document in ("openapi.yaml", MEWS_DOCUMENT):
        caught[document] = {}
        with conformance.prism("proxy", document, sandbox.url) as url, httpx.Client(timeout=30) as http:
            for operation, body in bodies.items():
                referee = OfficialReferee()
                wrong = http.post(f"{url}{conformance.PATH}{operation}", json={**credentials, **body, "NoSuchField": 1})
                referee.see(wrong.request.url.path, wrong.status_code, wrong.headers)
                wrong_request = len(referee.findings)
                referee = OfficialReferee()
                sandbox.faults.add("misshapen")
                answer = http.post(f"{url}{conformance.PATH}{operation}", json={**credentials, **body})
                sandbox.faults.clear()
                referee.see(answer.request.url.path, answer.status_code, answer.headers)
                caught[document][operation] = {"wrong_request": wrong_request, "wrong_answer": len(referee.findings)}
        for operation, count in schemathesis_negative_control(sandbox, document).items():
            caught[document][operation]["wrong_answer_schemathesis"] = count
    return caught
