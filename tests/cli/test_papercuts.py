"""What a new user of `mews-vouchers` tripped over, each reproduced: help that resets, pipes, addresses, questions."""

from __future__ import annotations

import subprocess
from pathlib import Path

import redis

from mews_sandbox import VOUCHER_A, RunningSandbox
from mews_vouchers._commands.delete import run_delete
from mews_vouchers._shared.console import Output
from mews_wrapper import MewsClient, NewVoucherCode
from tests.cli.conftest import COMMAND, Cli, sandbox_env, seed_local_sandbox


def _add(sandbox: RunningSandbox, values: list[str]) -> None:
    env = sandbox_env(sandbox.url)
    options = {"platform_url": env["MEWS_PLATFORM_URL"], "client_token": env["MEWS_CLIENT_TOKEN"]}
    with MewsClient(**options, access_token=env["MEWS_ACCESS_TOKEN"]) as client:
        client.voucher_codes.add([NewVoucherCode(VOUCHER_A, value) for value in values])


def test_sandbox_help_shows_reset_and_the_servers_options_and_resets_nothing(
    command: Cli, cli_env: dict[str, str]
) -> None:
    state = seed_local_sandbox(cli_env, 5)
    before = state.read_bytes()
    result = command("sandbox", "--reset", "--help")
    assert result.returncode == 0
    assert "--reset  Empty it first." in result.stdout
    assert "--latency" in result.stdout  # the server's own options follow
    assert state.read_bytes() == before  # --help came first: nothing was emptied


def test_list_into_a_pipe_closed_early_exits_0_quietly(
    cli_env: dict[str, str], cli_sandbox: RunningSandbox, tmp_path: Path
) -> None:
    _add(cli_sandbox, [f"PIPE-{n:05d}" for n in range(3000)])  # more than a pipe holds
    process = subprocess.Popen(
        [str(COMMAND), "list", VOUCHER_A],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        env={**cli_env, **sandbox_env(cli_sandbox.url)},
        cwd=tmp_path,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    first = [process.stdout.readline(), process.stdout.readline()]  # `| head -2`
    process.stdout.close()
    errors = process.stderr.read()
    assert (process.wait(timeout=60), errors) == (0, b"")
    assert all(line.count(b"\t") == 7 for line in first)


def test_a_connection_error_names_the_address_tried(cli: Cli) -> None:
    result = cli("services", "--platform-url", "http://127.0.0.1:9")
    assert result.returncode == 1
    assert "could not connect (http://127.0.0.1:9; httpx.ConnectError" in result.stderr


def test_the_question_before_deleting_names_a_sample_of_what_goes(cli_sandbox: RunningSandbox) -> None:
    _add(cli_sandbox, [f"ASKED-{n}" for n in range(7)])
    env = sandbox_env(cli_sandbox.url)
    options = {
        "platform_url": env["MEWS_PLATFORM_URL"],
        "client_token": env["MEWS_CLIENT_TOKEN"],
        "access_token": env["MEWS_ACCESS_TOKEN"],
    }
    questions: list[str] = []
    output = Output(quiet=True, as_json=False, verbose=False)
    values = [f"ASKED-{n}" for n in range(7)]
    summary = run_delete(
        options,
        output,
        code_ids=[],
        voucher_id=VOUCHER_A,  # type: ignore[arg-type]
        values=values,
        confirm=lambda question: questions.append(question) is not None,  # answers no
        dry_run=False,
    )
    assert questions == ["Delete 7 voucher codes ('ASKED-0', 'ASKED-1', 'ASKED-2', 'ASKED-3', 'ASKED-4' and 2 more)?"]
    assert summary.counts["deleted"] == 0
    one: list[str] = []
    run_delete(options, output, code_ids=[], voucher_id=VOUCHER_A, values=["ASKED-0"],  # type: ignore[arg-type]
               confirm=lambda question: one.append(question) is not None, dry_run=False)  # fmt: skip
    assert one == ["Delete 1 voucher code ('ASKED-0')?"]


def test_several_runs_share_one_window_through_redis(command: Cli, cli_sandbox: RunningSandbox, redis_url: str) -> None:
    env = sandbox_env(cli_sandbox.url)
    by_option = command("list", VOUCHER_A, "--rate-limit-storage", redis_url, env=env)
    with redis.Redis.from_url(redis_url) as server:
        after_option = {key.decode() for key in server.scan_iter()}
        server.flushall()
        by_variable = command("list", VOUCHER_A, env={**env, "MEWS_RATE_LIMIT_STORAGE": redis_url})
        after_variable = {key.decode() for key in server.scan_iter()}
    assert (by_option.returncode, by_variable.returncode) == (0, 0)
    assert after_option  # the window lives in Redis, where every process on the token counts
    assert after_option == after_variable
    refused = command("list", VOUCHER_A, "--rate-limit-storage", "memcached://x", env=env)
    assert refused.returncode == 2
    assert "RateLimit storage must be None (this process) or a Redis URL" in refused.stderr
