"""The golden seed test: every `must` row of the editors' expectations is reported, and the
installed command reads the bundled rule packs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .helpers import ROOT, SEEDS, expected_rows, seed_diagnostics


def test_every_must_row_of_every_category_is_reported():
    found = {(Path(d.path).name, d.line, d.category) for d in seed_diagnostics()}
    rows = expected_rows()
    assert len(rows) >= 40
    missed = [f"{r['file']}:{r['line']} {r['category']}" for r in rows
              if (r["file"], int(r["line"]), r["category"]) not in found]
    assert not missed, missed


def test_no_engine_errors_on_the_seeds():
    assert not [d for d in seed_diagnostics() if d.category == "input_error"]


def test_console_script_on_the_seed_folder_exits_1_with_json_findings():
    """What a newsroom's pre-commit hook runs: the installed entry point, packs included."""
    out = subprocess.run([sys.executable, "-m", "newslint", str(SEEDS), "--format", "json",
                          "--no-config"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 1, out.stderr
    data = json.loads(out.stdout)
    categories = {d["category"] for d in data["diagnostics"]}
    assert {"boilerplate", "transliteration", "ai_note", "uncited_number", "spelling"} <= categories


def test_rules_reference_is_current():
    """docs/rules.md is generated from the rules: regenerate it with
    `newslint rules --format markdown > docs/rules.md`."""
    from newslint.cli import rules_markdown
    from newslint.config import Config
    from newslint.engine import Linter

    rules = list(Linter(Config()).registry.rules.values())
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == rules_markdown(rules)
