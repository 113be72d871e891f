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


@pytest.fixture(autouse=True)
def _no_start_up_store_left_behind():
    """A test that runs the command line in-process with a cache switches on the start-up
    store for the process (as a real run does); switch it off again after each test."""
    yield
    from newslint import warmstart

    warmstart.disable()
