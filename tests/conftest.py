"""Shared fixtures: hermetic runs (no third-party plugins unless a test asks)."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("NEWSLINT_DISABLE_PLUGIN_AUTOLOAD", "1")
# No test writes to the user's cache folder unless it asks for a cache (tests/test_cache.py).
os.environ.setdefault("NEWSLINT_NO_CACHE", "1")


@pytest.fixture
def lint_text():
    from .helpers import lint

    return lint
