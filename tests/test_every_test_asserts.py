"""The suite checks itself: every test states what it expects, so that none passes by doing nothing.

A test passes this check when its body (nested functions included) holds an `assert`, `pytest.raises`,
`pytest.fail` or `pytest.warns`, or calls a helper of the suite that does (found by name across every file in
`tests/`, through helpers that call helpers), or a library call that exists to raise on a failed check
(`validate_spec`, openapi-core's `validate_request`/`validate_response`). Hypothesis tests are held to the same rule.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

TESTS = Path(__file__).resolve().parent
_CHECKING_CALLS = frozenset({"raises", "fail", "warns"})
# Library calls whose whole job is to raise when what they check is wrong (openapi-spec-validator, openapi-core);
# the suite's negative controls show that they do.
_LIBRARY_CHECKS = frozenset({"validate_spec", "validate_request", "validate_response"})


def _functions(tree: ast.AST) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node


def _called_names(function: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Call):
            if isinstance(node.func, ast.Name):
                names.add(node.func.id)
            elif isinstance(node.func, ast.Attribute):
                names.add(node.func.attr)
    return names


def _checks_directly(function: ast.AST) -> bool:
    for node in ast.walk(function):
        if isinstance(node, ast.Assert):
            return True
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Name)
            and node.func.value.id == "pytest"
            and node.func.attr in _CHECKING_CALLS
        ):
            return True
    return False


def _trees() -> dict[Path, ast.Module]:  # every file of the suite, this one included
    return {path: ast.parse(path.read_text(encoding="utf-8")) for path in sorted(TESTS.rglob("*.py"))}


def checking_helpers(trees: dict[Path, ast.Module]) -> set[str]:
    """The names of the suite's functions that assert, directly or through another such function."""
    calls: dict[str, set[str]] = {}
    checking: set[str] = set(_LIBRARY_CHECKS)
    for tree in trees.values():
        for function in _functions(tree):
            calls.setdefault(function.name, set()).update(_called_names(function))
            if _checks_directly(function):
                checking.add(function.name)
    grew = True
    while grew:
        grew = False
        for name, called in calls.items():
            if name not in checking and called & checking:
                checking.add(name)
                grew = True
    return checking


def silent_tests(trees: dict[Path, ast.Module]) -> list[str]:
    """`path::name` of every test function that neither asserts nor calls a helper that does."""
    helpers = checking_helpers(trees)
    silent = []
    for path, tree in trees.items():
        if not path.name.startswith("test_"):
            continue
        for function in _functions(tree):
            if not function.name.startswith("test_"):
                continue
            if not (_checks_directly(function) or _called_names(function) & helpers):
                silent.append(f"{path.relative_to(TESTS)}::{function.name}")
    return silent


def test_every_test_function_asserts_something() -> None:
    assert silent_tests(_trees()) == []


def test_the_check_catches_a_test_that_only_runs_code() -> None:
    sample = ast.parse(
        "import pytest\n"
        "def helper(x):\n    assert x\n"
        "def indirect(x):\n    helper(x)\n"
        "def test_silent():\n    print(1)\n"
        "def test_asserts():\n    assert 1\n"
        "def test_raises():\n    with pytest.raises(ValueError):\n        int('x')\n"
        "def test_through_helpers():\n    indirect(1)\n"
    )
    assert silent_tests({TESTS / "test_sample.py": sample}) == ["test_sample.py::test_silent"]
