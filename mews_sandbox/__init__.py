"""mews_sandbox: a Mews-compatible local server for the voucher-code operations and the reads that lead to them.

It stands in for the Connector API offline (demo, integration tests, benchmarks, cassette recordings) and shares no
code with the client, so that the two sides check each other. `python -m mews_sandbox --port 0` serves it;
`with run_sandbox() as sandbox:` runs it inside a test.
"""

try:
    import starlette  # noqa: F401
    import uvicorn  # noqa: F401
except ImportError as missing:  # pragma: no cover - depends on how the package was installed
    raise ImportError(
        "mews_sandbox needs the 'sandbox' extra (Starlette and uvicorn): from a checkout, pip install '.[sandbox]'; "
        "from a built wheel, pip install 'mews_wrapper-<version>-py3-none-any.whl[sandbox]' (see the README)"
    ) from missing

from mews_sandbox._app import create_app
from mews_sandbox._config import (
    CHAIN,
    DEMO_ACCESS_TOKEN,
    DEMO_CLIENT_TOKEN,
    DEMO_RATE,
    ENTERPRISE_A,
    ENTERPRISE_B,
    PORTFOLIO_ACCESS_TOKEN,
    RATE_B,
    RATE_BREAKFAST_INCLUDED,
    RATE_NON_REFUNDABLE,
    SERVICE_A,
    SERVICE_A_BREAKFAST,
    SERVICE_B,
    VOUCHER_A,
    VOUCHER_B,
    VOUCHER_CORPORATE,
    VOUCHER_EARLY_BIRD,
    VOUCHER_INACTIVE,
    VOUCHER_SPRING_2026,
    AccessGrant,
    EnterpriseSpec,
    RateSpec,
    SandboxConfig,
    ServiceSpec,
    VoucherSpec,
)
from mews_sandbox._faults import FaultPlan
from mews_sandbox._server import RunningSandbox, run_sandbox, start_sandbox
from mews_sandbox._state_lock import read_holder as state_file_holder

__all__ = [
    "CHAIN",
    "DEMO_ACCESS_TOKEN",
    "DEMO_CLIENT_TOKEN",
    "DEMO_RATE",
    "ENTERPRISE_A",
    "ENTERPRISE_B",
    "PORTFOLIO_ACCESS_TOKEN",
    "RATE_B",
    "RATE_BREAKFAST_INCLUDED",
    "RATE_NON_REFUNDABLE",
    "SERVICE_A",
    "SERVICE_A_BREAKFAST",
    "SERVICE_B",
    "VOUCHER_A",
    "VOUCHER_B",
    "VOUCHER_CORPORATE",
    "VOUCHER_EARLY_BIRD",
    "VOUCHER_INACTIVE",
    "VOUCHER_SPRING_2026",
    "AccessGrant",
    "EnterpriseSpec",
    "FaultPlan",
    "RateSpec",
    "RunningSandbox",
    "SandboxConfig",
    "ServiceSpec",
    "VoucherSpec",
    "create_app",
    "run_sandbox",
    "start_sandbox",
    "state_file_holder",
]
