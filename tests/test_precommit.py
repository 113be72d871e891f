"""The real pre-commit runs the hook from this repository against a newsroom repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import ROOT

pytestmark = pytest.mark.integration

PRE_COMMIT = shutil.which("pre-commit") or str(Path(sys.executable).parent / "pre-commit")


def _git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"})


@pytest.mark.skipif(not Path(PRE_COMMIT).exists() or shutil.which("git") is None,
                    reason="pre-commit or git is not installed (pip install -e '.[test]')")
def test_pre_commit_try_repo_fails_on_a_bad_article_then_passes(tmp_path):
    newsroom = tmp_path / "newsroom"
    newsroom.mkdir()
    _git(newsroom, "init", "-q")
    article = newsroom / "story.txt"
    article.write_text("Council approves budget\n\nSkip to content\n\n"
                       "The council approved the budget on Monday, the mayor said.\n")
    _git(newsroom, "add", "story.txt")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1"}
    env.pop("NEWSLINT_DISABLE_PLUGIN_AUTOLOAD", None)
    cmd = [PRE_COMMIT, "try-repo", str(ROOT), "newslint", "--all-files", "--color", "never"]
    first = subprocess.run(cmd, cwd=newsroom, capture_output=True, text=True, env=env,
                           timeout=900)
    assert first.returncode == 1, first.stdout + first.stderr
    assert "story.txt:3:1: NL301 [error] site chrome" in first.stdout, first.stdout

    article.write_text("Council approves budget\n\n"
                       "The council approved the budget on Monday, the mayor said.\n")
    _git(newsroom, "add", "story.txt")
    second = subprocess.run(cmd, cwd=newsroom, capture_output=True, text=True, env=env,
                            timeout=900)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Passed" in second.stdout
