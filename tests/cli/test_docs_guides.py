"""Every code block of the guides in `docs/guides/` runs against a sandbox, so the documentation cannot drift.

A guide's ```python blocks run in order in one namespace, with the environment a reader sets (the sandbox's address
and Mews' demo tokens); its ```sh lines that run `mews-vouchers` run as the command line, in a folder holding the
repository's `examples/`, and a `curl` block is sent to the sandbox. A block that fails, or a command that exits
non-zero, fails its guide. Lines a reader's shell runs first (`make venv`, `export ...`) are not commands to test.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from mews_sandbox import RunningSandbox
from tests.cli.conftest import Cli, sandbox_env
from tests.conftest import SandboxFactory

ROOT = Path(__file__).parents[2]
GUIDES = sorted([*(ROOT / "docs" / "guides").glob("*.md"), *(ROOT / "docs" / "contributing").glob("*.md")])
_BLOCK = re.compile(r"^```(\w+)\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def blocks(guide: Path, language: str) -> list[str]:
    """The code blocks of `guide` in `language`, in order."""
    return [body for kind, body in _BLOCK.findall(guide.read_text(encoding="utf-8")) if kind == language]


def test_the_guides_the_site_promises_are_there() -> None:
    assert {guide.stem for guide in GUIDES} >= {
        "getting-started", "finding-vouchers", "reading", "writing", "rate-limits", "errors", "secrets",
        "command-line", "spreadsheets", "campaigns", "warehouse", "sandbox", "architecture", "testing", "benchmarks",
    }  # fmt: skip
    command_line = (ROOT / "docs" / "guides" / "command-line.md").read_text(encoding="utf-8")
    shown = [shlex.split(line)[2] for line, _ in _SHOWN.findall(command_line)]
    assert shown == ["services", "vouchers", "import", "list", "export", "delete", "sync", "generate"]


@pytest.mark.parametrize("guide", GUIDES, ids=[guide.stem for guide in GUIDES])
def test_every_code_block_of_the_guide_runs_against_the_sandbox(
    guide: Path, cli: Cli, cli_sandbox: RunningSandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    for name, value in sandbox_env(cli_sandbox.url).items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("DLT_DATA_DIR", str(tmp_path / "dlt"))  # the warehouse guide's pipeline state, not in $HOME
    monkeypatch.setenv("RUNTIME__DLTHUB_TELEMETRY", "false")
    namespace: dict[str, object] = {"__name__": f"guide_{guide.stem}"}
    printed = io.StringIO()
    ran = 0
    for source in blocks(guide, "python"):
        with contextlib.redirect_stdout(printed):
            exec(compile(source, f"{guide.name} (python block)", "exec"), namespace)
        ran += 1
    for source in blocks(guide, "sh"):
        if source.startswith("curl "):  # a request to the sandbox, as a reader would send it to theirs
            request = source.replace("http://127.0.0.1:8787", cli_sandbox.url)
            sent = subprocess.run(["bash", "-c", request], capture_output=True, text=True, timeout=30, check=False)
            assert sent.returncode == 0, (guide.name, sent.stderr)
            assert json.loads(sent.stdout), (guide.name, sent.stdout)
            ran += 1
            continue
        for line in source.splitlines():
            if not line.startswith(".venv/bin/mews-vouchers"):
                continue  # `export ...`, `make venv`: what a reader's shell does, which the fixtures have done
            words = shlex.split(line.split("  #")[0])[1:]
            result = cli(*[word for word in words if word != "--sandbox"])
            assert result.returncode == 0, (guide.name, line, result.stderr)
            ran += 1
    assert ran == len(blocks(guide, "python")) + _commands_in(guide)


_SHOWN = re.compile(r"^```sh\n(\.venv/bin/mews-vouchers [^\n]*)\n```\n\n```text\n(.*?)^```$", re.MULTILINE | re.DOTALL)


_ELAPSED = re.compile(r" in \d+\.\d s(?: \([\d,]+ codes/s\))?")
# Which of the example's codes have an ended validity depends on the day the guide is replayed, not on the code.
_ENDED = re.compile(
    r"^warning: the validity of [\d,]+ rows? has ended \(lines [\d, -]+\): those codes can never be used\n", re.M
)


def _timeless(text: str) -> str:
    return _ENDED.sub("", _ELAPSED.sub(" in ... s", text))


@pytest.fixture
def cli_sandbox(sandbox_factory: SandboxFactory, request: pytest.FixtureRequest) -> RunningSandbox:
    """The sandbox of `--sandbox`, seeded: its ids and its clock are the same at every run, as in the guides.

    Not for the warehouse guide, whose queries ask about the last days of real time (`now()` in DuckDB).
    """
    guide = getattr(request.node, "callspec", None)
    if guide is not None and getattr(guide.params.get("guide"), "stem", "") == "warehouse":
        return sandbox_factory()
    return sandbox_factory(seed=7)


@pytest.mark.parametrize("guide", GUIDES, ids=[guide.stem for guide in GUIDES])
def test_a_session_shown_with_its_output_prints_that_output(guide: Path, cli: Cli, tmp_path: Path) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    for line, shown in _SHOWN.findall(guide.read_text(encoding="utf-8")):  # in order: one session
        words = [word for word in shlex.split(line)[1:] if word != "--sandbox"]
        result = cli(*words)
        assert result.returncode == 0, (guide.name, line, result.stderr)
        assert _timeless(result.stdout + result.stderr) == _timeless(shown), (guide.name, line)


def _commands_in(guide: Path) -> int:
    """How many blocks and command lines of `guide` the test runs: every python block, curl block, and command."""
    count = 0
    for source in blocks(guide, "sh"):
        if source.startswith("curl "):
            count += 1
        else:
            count += sum(line.startswith(".venv/bin/mews-vouchers") for line in source.splitlines())
    return count
