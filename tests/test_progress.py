"""The progress bar: on stderr, only on a terminal, only for people-readable output."""

from __future__ import annotations

import io
import json
import sys

from newslint.cli import main
from newslint.progress import MIN_FILES, progress_enabled


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_when_a_bar_is_drawn(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("NEWSLINT_NO_PROGRESS", raising=False)
    tty = _Terminal()
    assert progress_enabled(MIN_FILES, "text", stream=tty)
    assert not progress_enabled(MIN_FILES - 1, "text", stream=tty)
    for machine in ("json", "sarif", "github"):
        assert not progress_enabled(500, machine, stream=tty)
    assert not progress_enabled(500, "text", quiet=True, stream=tty)
    assert not progress_enabled(500, "text", stream=io.StringIO())
    monkeypatch.setenv("NEWSLINT_NO_PROGRESS", "1")
    assert not progress_enabled(500, "text", stream=tty)


def _articles(folder, count):
    for index in range(count):
        (folder / f"a{index:03d}.txt").write_text("He said the the plan.\n", encoding="utf-8")


def test_bar_on_terminal_stderr_never_in_json(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("NEWSLINT_NO_PROGRESS", raising=False)
    _articles(tmp_path, MIN_FILES + 2)
    common = ["--no-config", "--no-cache", "--jobs", "1", "--select", "NL503", str(tmp_path)]
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main([*common, "-q"]) == 1
    assert "linting" not in terminal.getvalue()
    main(common)
    assert "linting" in terminal.getvalue() and "file" in terminal.getvalue()
    assert "linting" not in capsys.readouterr().out
    terminal.seek(0)
    terminal.truncate()
    main([*common, "--format", "json"])
    assert "linting" not in terminal.getvalue()
    assert len(json.loads(capsys.readouterr().out)["diagnostics"]) == MIN_FILES + 2


def test_bar_advances_over_a_pool_of_processes(tmp_path, monkeypatch, capsys):
    """Runs spread over worker processes draw the bar too (it wraps the result stream)."""
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("NEWSLINT_NO_PROGRESS", raising=False)
    _articles(tmp_path, 70)
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    code = main(["--no-config", "--no-cache", "--jobs", "2", "--select", "NL503", str(tmp_path)])
    assert code == 1 and "linting" in terminal.getvalue() and "0/70" in terminal.getvalue()
    assert "linting" not in capsys.readouterr().out
