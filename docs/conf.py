"""Sphinx configuration of the mews-wrapper documentation: furo, MyST Markdown, the API reference from docstrings."""

from __future__ import annotations

import sys
from pathlib import Path

import mews_wrapper

sys.path.insert(0, str(Path(__file__).parent / "_ext"))
import report_figures

report_figures.write_figures()  # the figures the pages quote, from reports/*.json, at every build

project = "mews-wrapper"
author = "mews-wrapper developers"
copyright = "2026, mews-wrapper developers"
release = mews_wrapper.__version__

extensions = ["myst_parser", "sphinx.ext.autodoc"]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
exclude_patterns = ["_build", "_generated", "_ext"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# The docstrings write names and code between single backticks, as Markdown does: shown as code.
default_role = "code"
autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_default_options = {"members": True, "show-inheritance": True}

html_theme = "furo"
html_title = f"mews-wrapper {release}"
html_static_path: list[str] = []
