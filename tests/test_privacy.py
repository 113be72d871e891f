"""Privacy: a run makes no network connection unless a remote service is configured.

Sockets are disabled (pytest-socket) and name lookups, connections and child processes are
refused and recorded; the whole default rule set, and then every registered rule, must lint
the seeds and generated text without trying any of them and without an internal error.
"""

from __future__ import annotations

import json
import socket
import subprocess

import pytest
from pytest_socket import disable_socket, enable_socket

from newslint.cli import main
from newslint.config import Config
from newslint.engine import Linter

from .helpers import SEEDS

GENERATED = (
    "Headline: Council Approves Budget\n\n"
    "By 11:22 AM World\n\n"
    "The council approved a $4.5 million budget on Monday, officials said. Skip to content\n\n"
    "“We are pleased,” the mayor said. According to experts, it is a game-changer.\n\n"
    "For tips, write to [email protected] or visit https://example.com/tips.\n\n"
    "In conclusion, the the plan will be reviewed on the 18th. Zelensky and Zelenskiy met.\n"
)


@pytest.fixture
def no_network(monkeypatch):
    """Block and record every attempt to reach the network or start a helper program."""
    attempts: list[str] = []

    def refuse(kind):
        def blocked(*args, **kwargs):
            attempts.append(f"{kind}{args[:2]!r}")
            raise OSError(f"network access blocked by the privacy test: {kind}")
        return blocked

    disable_socket(allow_unix_socket=False)
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(subprocess, "Popen", refuse("subprocess"))
    try:
        yield attempts
    finally:
        enable_socket()


def _run(capsys, *argv):
    code = main([*argv, "--no-config", "--format", "json"])
    out = capsys.readouterr()
    assert "Traceback" not in out.err and "internal error" not in out.err, out.err
    return code, json.loads(out.out)


@pytest.mark.filterwarnings("ignore:A test tried to use socket")
def test_sockets_are_really_disabled(no_network):
    with pytest.raises(Exception):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)


def test_default_rules_lint_seeds_and_generated_text_offline(capsys, tmp_path, no_network):
    (tmp_path / "generated.txt").write_text(GENERATED)
    (tmp_path / "generated.md").write_text("# Title\n\n" + GENERATED + "\n```\ncode\n```\n")
    code, data = _run(capsys, str(SEEDS), str(tmp_path))
    assert code in (0, 1) and data["summary"]["files"] == len(list(SEEDS.glob("*.txt"))) + 2
    crashed = [d["message"] for d in data["diagnostics"] if d["code"] == "NL002"]
    assert not crashed and not no_network
    assert len({d["code"] for d in data["diagnostics"]}) > 3  # the rules really ran


def test_every_registered_rule_stays_offline_without_a_configured_service(capsys, tmp_path,
                                                                          no_network):
    """Rules that are off by default (grammar backends included) open no connection either."""
    (tmp_path / "generated.txt").write_text(GENERATED)
    rules = Linter(Config()).registry.rules
    off_by_default = [code for code, rule in rules.items() if not rule.enabled]
    assert off_by_default  # e.g. the grammar rule: exact codes below switch them on
    code, data = _run(capsys, str(tmp_path), str(SEEDS), "--select", ",".join(rules))
    assert code in (0, 1) and not no_network, no_network
    crashed = [d["message"] for d in data["diagnostics"] if d["code"] == "NL002"]
    assert not any("blocked" in m or "Socket" in m for m in crashed), crashed
