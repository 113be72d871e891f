"""The JSON writer streams items through one reused C encoder: its output must be exactly
the documented layout of `report_to_dict`, whatever the number of items."""

from __future__ import annotations

import io
import json

import pytest

from newslint.config import Config
from newslint.engine import Linter
from newslint.formatters.json import report_to_dict, write_json

from .helpers import SEEDS


def _plain_layout(report) -> str:
    """The layout written the slow, obvious way: one item per line."""
    data = report_to_dict(report)
    dump = lambda value: json.dumps(value, ensure_ascii=False, separators=(", ", ": "))  # noqa: E731
    parts = []
    for key, value in data.items():
        if isinstance(value, list) and value:
            text = "[\n" + ",\n".join("    " + dump(item) for item in value) + "\n  ]"
        else:
            text = dump(value)
        parts.append(f"  {dump(key)}: {text}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


def _written(report) -> str:
    out = io.StringIO()
    write_json(report, out)
    return out.getvalue()


@pytest.mark.parametrize("copies", [0, 1, 7, 13])
def test_streamed_output_is_the_plain_layout(tmp_path, monkeypatch, copies):
    """0 files (empty lists), a few, and more diagnostics than one write holds."""
    monkeypatch.setattr("newslint.formatters.json._WRITE_EVERY", 16)
    seed = sorted(SEEDS.glob("*.txt"))[0].read_text(encoding="utf-8")
    for index in range(copies):
        (tmp_path / f"{index:03}.txt").write_text(seed + "\n“Ünïcode” kept.\n", encoding="utf-8")
    report = Linter(Config()).run([str(tmp_path)])
    if copies == 13:
        assert len(report.diagnostics) > 16 * 5
    text = _written(report)
    assert text == _plain_layout(report)
    assert json.loads(text) == report_to_dict(report)


def test_a_missing_path_is_listed_as_a_file_and_a_diagnostic(tmp_path):
    report = Linter(Config()).run([str(tmp_path / "gone.txt")])
    data = json.loads(_written(report))
    assert data["files"][0]["status"] == "error"
    assert [d["code"] for d in data["diagnostics"]] == ["NL001"]
    assert data["summary"]["diagnostics"] == 1
