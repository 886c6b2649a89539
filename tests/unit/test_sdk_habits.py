"""Habits users bring from the best Python SDKs: exceptions that print as public, a switch for the package's log, no
import circles, and an import that loads only what is used."""

from __future__ import annotations

import pickle
import subprocess
import sys

import pytest

import mews_wrapper
from mews_wrapper import RateLimitError

TOKEN = "AccessToken-abcdef0123456789-SECRET"


def test_every_public_exception_reports_mews_wrapper_as_its_module() -> None:
    public = [getattr(mews_wrapper, name) for name in mews_wrapper.__all__]
    errors = [item for item in public if isinstance(item, type) and issubclass(item, Exception)]
    assert len(errors) > 15
    assert {item.__module__ for item in errors} == {"mews_wrapper"}
    error = RateLimitError("slow down", status_code=429, retry_after=1.5)
    assert repr(type(error)) == "<class 'mews_wrapper.RateLimitError'>"
    again = pickle.loads(pickle.dumps(error))  # pickle finds the class where it now says it lives
    assert (type(again), again.retry_after) == (RateLimitError, 1.5)


def _run(code: str, value: str) -> subprocess.CompletedProcess[str]:
    env = {"MEWS_LOG": value, "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False, timeout=60
    )


LOGS_A_CALL = f"""
import httpx
from mews_wrapper import MewsClient
def answer(request):
    return httpx.Response(200, json={{"VoucherCodes": [], "Cursor": None}}, headers={{"Request-Id": "rid-1"}})
http = httpx.Client(transport=httpx.MockTransport(answer))
with MewsClient("ClientToken-0123456789abcdef", "{TOKEN}", platform_url="https://api.mews.com", http_client=http,
                rate_limit=None) as client:
    list(client.voucher_codes.get_all(["fe568bbd-1ecb-4bb2-bf77-96c3698de20d"]))
"""


def test_mews_log_turns_on_the_package_log_on_stderr_without_tokens() -> None:
    logged = _run(LOGS_A_CALL, "debug")
    assert logged.returncode == 0, logged.stderr
    assert "mews_wrapper: voucherCodes/getAll" in logged.stderr
    assert TOKEN not in logged.stderr
    assert _run(LOGS_A_CALL, "").stderr == ""  # off by default: a library stays quiet
    typo = _run(LOGS_A_CALL, "verbose")
    assert typo.returncode == 0
    assert typo.stderr == "mews_wrapper: MEWS_LOG='verbose' is not info or debug; the log stays off\n"


def test_no_module_of_the_package_imports_one_that_imports_it_back() -> None:
    import ast  # noqa: PLC0415
    from pathlib import Path  # noqa: PLC0415

    root = Path(__file__).parents[2] / "mews_wrapper"
    graph: dict[str, set[str]] = {}
    for path in root.rglob("*.py"):
        name = ".".join(("mews_wrapper", *path.relative_to(root).with_suffix("").parts)).removesuffix(".__init__")
        found = {node.module for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                 if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module}  # fmt: skip
        graph[name] = {module for module in found if module.startswith("mews_wrapper.")}  # type-only ones too

    def reaches(start: str, target: str, seen: set[str]) -> bool:
        for module in graph.get(start, ()):
            if module == target or (module not in seen and reaches(module, target, seen | {module})):
                return True
        return False

    circles = sorted(name for name in graph if reaches(name, name, {name}))
    assert circles == []
    assert "mews_wrapper._endpoint" not in graph["mews_wrapper._steps"]  # the step vocabulary is the bottom


def test_import_loads_nothing_and_a_call_only_what_it_needs() -> None:
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    probe = """
import sys
import mews_wrapper
print(sorted(name for name in sys.modules if name.split('.')[0] in ('httpx', 'mews_connector_client', 'attrs')))
from mews_wrapper import MewsClient
client = MewsClient("client-token", "access-token")
client.services
print(sorted(name.rsplit('.', 1)[-1] for name in sys.modules if name.startswith('mews_connector_client.models.')))
print(sorted(name for name in sys.modules if name.startswith('mews_wrapper._resources.')))
"""
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False, timeout=60)
    imported, models, resources = result.stdout.strip().splitlines()
    assert imported == "[]", result.stderr
    assert "service_result" in models
    assert "voucher_code_add_parameters" not in models  # an operation not called: its models never load
    assert resources == "['mews_wrapper._resources.services']"


def test_every_public_name_is_listed_once_and_resolves_to_its_module_object() -> None:
    import importlib  # noqa: PLC0415

    assert sorted(mews_wrapper.__all__) == sorted(mews_wrapper._PUBLIC)
    for name, module in mews_wrapper._PUBLIC.items():
        assert getattr(mews_wrapper, name) is getattr(importlib.import_module(module), name)
    assert sorted(dir(mews_wrapper)) == sorted(mews_wrapper.__all__)
    with pytest.raises(AttributeError, match="no attribute 'NoSuchName'"):
        _ = mews_wrapper.NoSuchName
