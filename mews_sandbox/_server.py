"""Run a sandbox as a real uvicorn server in a background thread (tests, demo, recordings, benchmarks)."""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import uvicorn
from starlette.applications import Starlette

from mews_sandbox._app import create_app
from mews_sandbox._config import SandboxConfig
from mews_sandbox._faults import FaultPlan
from mews_sandbox._state import SandboxState


@dataclass
class RunningSandbox:
    """A sandbox that accepts connections at `url` until `stop()`; `reset()` starts it over on the same port."""

    url: str
    _app: Starlette
    _server: uvicorn.Server
    _thread: threading.Thread

    @property
    def state(self) -> SandboxState:
        """What the sandbox holds now: configuration, store, faults, clock, ids and limiter."""
        state: SandboxState = self._app.state.sandbox
        return state

    @property
    def faults(self) -> FaultPlan:
        """The live fault plan: change it to break the next requests."""
        return self.state.faults

    def reset(self, config: SandboxConfig | None = None) -> None:
        """Start over with `config` (default: the documented demo values), keeping the server, its port and its URL.

        Everything a test could see of an earlier one is replaced: a fresh store, fault plan, rate limiter, id
        sequence and clock. A request that arrived before the reset finishes against the old state (and fails if
        it still needs the old store, which is closed), so it cannot leak into the new one. Resetting takes about a
        millisecond, against a few hundred for stopping a server and starting another (`make test` relies on it).
        """
        old = self.state
        self._app.state.sandbox = SandboxState(config or SandboxConfig())
        old.store.close()

    def stop(self) -> None:
        """Stop accepting connections, finish, and close the store."""
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self.state.store.close()


def start_sandbox(config: SandboxConfig | None = None, *, host: str = "127.0.0.1", port: int = 0) -> RunningSandbox:
    """Start a sandbox on host:port (0 picks a free port) and return once it accepts connections."""
    app = create_app(config)
    # proto=IPPROTO_TCP matters: asyncio sets TCP_NODELAY on accepted sockets only when the listener says TCP, and
    # without it every keep-alive response waits ~40 ms for a delayed ACK (Nagle).
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    server = uvicorn.Server(
        uvicorn.Config(app, log_level=logging.CRITICAL, access_log=False, lifespan="off", timeout_graceful_shutdown=2)
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="mews-sandbox", daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            sock.close()
            raise RuntimeError("the sandbox did not start")
        time.sleep(0.005)
    bound_host, bound_port = sock.getsockname()[:2]
    shown = f"[{bound_host}]" if ":" in bound_host else bound_host
    return RunningSandbox(f"http://{shown}:{bound_port}", app, server, thread)


@contextlib.contextmanager
def run_sandbox(
    config: SandboxConfig | None = None, *, host: str = "127.0.0.1", port: int = 0
) -> Iterator[RunningSandbox]:
    """Serve a sandbox for the length of a `with` block, at `sandbox.url`."""
    sandbox = start_sandbox(config, host=host, port=port)
    try:
        yield sandbox
    finally:
        sandbox.stop()
