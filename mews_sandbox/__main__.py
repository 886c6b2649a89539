"""`python -m mews_sandbox`: serve the sandbox until stopped."""

from __future__ import annotations

import argparse
import contextlib
import json
import signal
import sqlite3
import sys
import threading
from collections import deque
from collections.abc import Sequence

from mews_sandbox._config import SandboxConfig
from mews_sandbox._faults import FAULTS, FaultPlan
from mews_sandbox._server import start_sandbox
from mews_sandbox._state_lock import StateInUse, StateLock, hold_state

EXIT_STATE_IN_USE = 3
"""The exit status when another sandbox serves the same `--db` (a caller may wait and try again)."""


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(prog="python -m mews_sandbox", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8787, help="0 picks a free port")
    parser.add_argument("--config", help="JSON file with client_tokens, grants and vouchers")
    parser.add_argument("--db", help="keep the state in this SQLite file (kept across restarts)")
    parser.add_argument("--seed", type=int, help="reproducible ids, request ids and a fixed, ticking clock")
    parser.add_argument("--clock-start", default="2026-01-01T00:00:00Z", help="the seeded clock's first instant")
    parser.add_argument("--seed-codes", type=int, default=0, help="preload N codes into the first voucher")
    parser.add_argument("--rate-limit", type=int, default=200, help="requests per window per AccessToken (0: off)")
    parser.add_argument("--rate-window", type=float, default=30.0, help="the rate limit's window in seconds")
    parser.add_argument("--latency", type=float, default=0.0, help="seconds added to every response, before acting")
    parser.add_argument("--latency-after", type=float, default=0.0, help="seconds added after acting, before answering")
    parser.add_argument("--error-rate", type=float, default=0.0, help="share of requests answered by a random fault")
    parser.add_argument(
        "--error-after-rate", type=float, default=0.0, help="share of requests that act, then fail (408/500/502/503)"
    )
    parser.add_argument("--fault-script", default="", help=f"comma-separated faults for the first requests: {FAULTS}")
    parser.add_argument("--retry-after", default="1", help="the Retry-After of injected 429s")
    parser.add_argument("--repeat-cursor", action="store_true", help="getAll ignores the cursor (Mews' known bug)")
    parser.add_argument(
        "--stop-with-stdin",
        action="store_true",
        help="stop when standard input closes: a parent that runs the sandbox for its own lifetime takes it along "
        "however it ends, killed included (mews-vouchers --sandbox does)",
    )
    return parser.parse_args(argv)


def config_from_args(args: argparse.Namespace) -> SandboxConfig:
    """A SandboxConfig from the parsed command line."""
    faults = FaultPlan(
        latency_seconds=args.latency,
        latency_after_seconds=args.latency_after,
        error_rate=args.error_rate,
        error_after_rate=args.error_after_rate,
        script=deque(fault for fault in args.fault_script.split(",") if fault),
        repeat_cursor=args.repeat_cursor,
        retry_after=args.retry_after,
        seed=args.seed,
    )
    values = {
        "rate_limit": args.rate_limit,
        "rate_window_seconds": args.rate_window,
        "seed": args.seed,
        "clock_start": args.clock_start,
        "seed_codes": args.seed_codes,
        "db_path": args.db,
        "faults": faults,
    }
    return SandboxConfig.from_file(args.config, **values) if args.config else SandboxConfig(**values)


def main(argv: Sequence[str] | None = None) -> int:
    """Start, print `listening on URL`, serve until SIGINT or SIGTERM."""
    args = parse_args(argv)
    try:
        config = config_from_args(args)
    except (OSError, ValueError, KeyError, TypeError) as error:  # unreadable or incomplete --config, bad options
        print(f"mews_sandbox: {_describe(error, args.config)}", file=sys.stderr)
        return 2
    with contextlib.ExitStack() as held:
        try:
            state = held.enter_context(hold_state(args.db))
        except StateInUse as in_use:
            print(f"mews_sandbox: {in_use}", file=sys.stderr)
            return EXIT_STATE_IN_USE
        except OSError as error:  # the state file's folder is missing, or not ours
            print(f"mews_sandbox: cannot use the state file {args.db}: {error.strerror or error}", file=sys.stderr)
            return 2
        return _serve(args, config, state)


def _serve(args: argparse.Namespace, config: SandboxConfig, state: StateLock) -> int:
    try:
        sandbox = start_sandbox(config, host=args.host, port=args.port)
    except OSError as error:  # the port is taken, or the host is not ours
        print(f"mews_sandbox: cannot listen on {args.host}:{args.port}: {error.strerror or error}", file=sys.stderr)
        return 2
    except sqlite3.Error as error:  # a read-only or broken state file
        print(f"mews_sandbox: cannot write the state file {args.db}: {error}", file=sys.stderr)
        return 2
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    if hasattr(signal, "SIGHUP"):
        signal.signal(signal.SIGHUP, lambda *_: stop.set())
    if args.stop_with_stdin:
        threading.Thread(target=_stop_at_end_of_input, args=(stop,), name="stdin-watch", daemon=True).start()
    state.announce(sandbox.url, owned=args.stop_with_stdin)
    try:
        print(f"listening on {sandbox.url}", flush=True)
    except OSError:  # whoever started us is gone (a closed pipe): nobody will use this server
        sandbox.stop()
        return 1
    stop.wait()
    sandbox.stop()
    return 0


def _stop_at_end_of_input(stop: threading.Event) -> None:
    """Read standard input to its end (the parent closed it, or died), then stop."""
    with contextlib.suppress(OSError, ValueError):
        while sys.stdin.buffer.read(65536):
            pass
    stop.set()


def _describe(error: Exception, config_path: str | None) -> str:
    """One line for a configuration that cannot be used."""
    if isinstance(error, KeyError):
        return f"--config {config_path}: missing key {error.args[0]!r}"
    if isinstance(error, OSError):
        return f"--config {config_path}: {error.strerror or error}"
    if isinstance(error, json.JSONDecodeError):
        return f"--config {config_path}: not JSON ({error.msg} at line {error.lineno})"
    if isinstance(error, TypeError) and config_path:
        return f"--config {config_path}: a value has the wrong type ({error})"
    return str(error)


if __name__ == "__main__":
    sys.exit(main())
