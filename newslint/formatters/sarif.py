"""SARIF 2.1.0 output, for code-scanning dashboards (columns in Unicode code points)."""

from __future__ import annotations

import json
from typing import Any

from .. import __version__
from ._common import fix_range, relative_uri

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def report_to_sarif(report) -> dict[str, Any]:
    rules = list(report.registry.rules.values())
    index = {rule.code: i for i, rule in enumerate(rules)}
    results = []
    for d in report.diagnostics:
        uri = relative_uri(d.path)
        result: dict[str, Any] = {
            "ruleId": d.code,
            "ruleIndex": index.get(d.code, 0),
            "level": _LEVEL[str(d.severity)],
            "message": {"text": d.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": uri},
                "region": {"startLine": d.line, "startColumn": d.column,
                           "endLine": d.end_line, "endColumn": max(d.end_column, 1)},
            }}],
            "properties": {"category": d.category},
        }
        if d.related:
            result["relatedLocations"] = [
                {"id": i, "message": {"text": r.message or "related"},
                 "physicalLocation": {"artifactLocation": {"uri": relative_uri(r.path)},
                                      "region": {"startLine": r.line,
                                                 "startColumn": r.column}}}
                for i, r in enumerate(d.related)
            ]
        span = fix_range(report, d)
        if d.fix is not None and span is not None:
            result["fixes"] = [{
                "description": {"text": "newslint fix"},
                "artifactChanges": [{
                    "artifactLocation": {"uri": uri},
                    "replacements": [{
                        "deletedRegion": {"startLine": span[0], "startColumn": span[1],
                                          "endLine": span[2], "endColumn": span[3]},
                        "insertedContent": {"text": d.fix.replacement},
                    }],
                }],
            }]
        results.append(result)
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "newslint",
                "version": __version__,
                "informationUri": "https://github.com/newslint/newslint",
                "rules": [{
                    "id": rule.code,
                    "name": rule.name,
                    "shortDescription": {"text": rule.summary},
                    "fullDescription": {"text": rule.explanation},
                    "helpUri": rule.url(),
                    "help": {"text": f"{rule.explanation}\nBad: {rule.bad}\nGood: {rule.good}"},
                    "defaultConfiguration": {"level": _LEVEL[str(rule.severity)],
                                             "enabled": rule.enabled},
                    "properties": {"category": rule.category},
                } for rule in rules],
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def write_sarif(report, stream) -> None:
    json.dump(report_to_sarif(report), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
