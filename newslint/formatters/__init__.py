"""Output formats. Each is ``write(report, stream)``; the built-in plugin registers them."""

from __future__ import annotations

from typing import Any, Callable

from .github import write_github
from .json import write_json
from .sarif import write_sarif
from .text import write_text

FORMATTERS: dict[str, Callable[[Any, Any], None]] = {
    "text": write_text,
    "json": write_json,
    "sarif": write_sarif,
    "github": write_github,
}
