"""GitHub Actions workflow commands: one annotation per diagnostic."""

from __future__ import annotations

from ._common import relative_uri

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def write_github(report, stream) -> None:
    for d in report.diagnostics:
        props = ",".join([
            f"file={_escape_property(relative_uri(d.path))}", f"line={d.line}",
            f"col={d.column}", f"endLine={d.end_line}", f"endColumn={d.end_column}",
            f"title={_escape_property(f'{d.code} {d.name}')}",
        ])
        stream.write(f"::{_LEVEL[str(d.severity)]} {props}::{_escape_data(d.message)}\n")
