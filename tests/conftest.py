"""Shared fixtures: hermetic runs (no third-party plugins unless a test asks)."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("NEWSLINT_DISABLE_PLUGIN_AUTOLOAD", "1")


@pytest.fixture
def lint_text():
    from .helpers import lint

    return lint
