"""The language server, driven end to end by a real LSP client over the real server process."""

from __future__ import annotations

import asyncio
import os
import sys

import pytest

pytest.importorskip("pygls")
pytest_lsp = pytest.importorskip("pytest_lsp")

from lsprotocol import types  # noqa: E402
from pytest_lsp import ClientServerConfig, LanguageClient  # noqa: E402

pytestmark = pytest.mark.integration

_ENV = {**os.environ, "NEWSLINT_DISABLE_PLUGIN_AUTOLOAD": "1"}


@pytest_lsp.fixture(config=ClientServerConfig(
    server_command=[sys.executable, "-m", "newslint", "server"], server_env=_ENV))
async def client(lsp_client: LanguageClient, tmp_path):
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=types.ClientCapabilities(
            general=types.GeneralClientCapabilities(
                position_encodings=[types.PositionEncodingKind.Utf16]),
            text_document=types.TextDocumentClientCapabilities(
                code_action=types.CodeActionClientCapabilities(
                    code_action_literal_support=types.ClientCodeActionLiteralOptions(
                        code_action_kind=types.ClientCodeActionKindOptions(
                            value_set=[types.CodeActionKind.QuickFix,
                                       types.CodeActionKind.SourceFixAll])))),
        ),
        root_uri=tmp_path.as_uri(),
    ))
    yield
    await lsp_client.shutdown_session()


async def _open(client: LanguageClient, uri: str, text: str, language: str = "plaintext"):
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id=language, version=1,
                                             text=text)))
    await asyncio.wait_for(
        client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 30)
    return client.diagnostics[uri]


def _apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP text edits (UTF-16 positions) to a text, as an editor does."""
    lines = text.split("\n")

    def offset(pos: types.Position) -> int:
        before = sum(len(line) + 1 for line in lines[:pos.line])
        line = lines[pos.line] if pos.line < len(lines) else ""
        units = 0
        for index, char in enumerate(line):
            if units >= pos.character:
                return before + index
            units += 2 if ord(char) > 0xFFFF else 1
        return before + len(line)

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character),
                       reverse=True):
        start, end = offset(edit.range.start), offset(edit.range.end)
        text = text[:start] + edit.new_text + text[end:]
    return text


@pytest.mark.asyncio
async def test_diagnostics_positions_in_utf16_and_quick_fix(client: LanguageClient, tmp_path):
    # an astral emoji (two UTF-16 code units) before the finding on the same line
    text = "Intro line.\n😀 The minister said the the plan was ready.\n"
    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    diagnostics = await _open(client, uri, text)
    repeated = [d for d in diagnostics if d.code == "NL503"]
    assert len(repeated) == 1
    diag = repeated[0]
    line = text.split("\n")[1]
    code_points = line.index("the the")
    assert diag.range.start.line == 1
    assert diag.range.start.character == code_points + 1  # the emoji counts twice in UTF-16
    assert diag.range.end.character == code_points + 1 + len("the the")
    assert diag.severity == types.DiagnosticSeverity.Warning
    assert diag.source == "newslint"
    assert diag.code_description is not None and "nl503" in diag.code_description.href
    assert diag.data["category"] == "repeated_word"
    assert diag.data["fixable"] is True

    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=diag.range,
        context=types.CodeActionContext(diagnostics=[diag])))
    quick = [a for a in actions if a.kind == types.CodeActionKind.QuickFix]
    assert len(quick) == 1 and quick[0].is_preferred
    fixed = _apply(text, quick[0].edit.changes[uri])
    assert fixed == "Intro line.\n😀 The minister said the plan was ready.\n"

    # the edited text is clean: the editor sends it back and the finding is gone
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=fixed)]))
    await asyncio.wait_for(
        client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 30)
    assert not [d for d in client.diagnostics[uri] if d.code == "NL503"]


@pytest.mark.asyncio
async def test_fix_all_action_matches_cli_fix(client: LanguageClient, tmp_path):
    text = "Skip to content\r\nThe the vote was was close.\r\n"
    path = tmp_path / "story.txt"
    path.write_bytes(text.encode("utf-8"))
    uri = path.as_uri()
    diagnostics = await _open(client, uri, text)
    assert {"NL301", "NL503"} <= {d.code for d in diagnostics}
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        range=types.Range(start=types.Position(line=0, character=0),
                          end=types.Position(line=2, character=0)),
        context=types.CodeActionContext(diagnostics=diagnostics,
                                        only=[types.CodeActionKind.SourceFixAll])))
    assert [a.kind for a in actions] == ["source.fixAll.newslint"]
    edits = actions[0].edit.changes[uri]
    assert len(edits) == 1
    assert edits[0].new_text == "The vote was close.\r\n"


@pytest.mark.asyncio
async def test_html_positions_point_into_the_source(client: LanguageClient, tmp_path):
    text = ("<html><head><title>the the</title></head>\n<body>\n"
            "<p>AT&amp;T said the the deal was off.</p>\n</body></html>\n")
    path = tmp_path / "page.html"
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    diagnostics = await _open(client, uri, text, language="html")
    repeated = [d for d in diagnostics if d.code == "NL503"]
    assert len(repeated) == 1  # the title is not visible text
    line = text.split("\n")[2]
    assert repeated[0].range.start.line == 2
    assert repeated[0].range.start.character == line.index("the the")


@pytest.mark.asyncio
async def test_configuration_is_reread_when_saved(client: LanguageClient, tmp_path):
    text = "The minister said the the plan was ready.\n"
    article = tmp_path / "story.txt"
    article.write_text(text, encoding="utf-8")
    uri = article.as_uri()
    assert any(d.code == "NL503" for d in await _open(client, uri, text))
    config = tmp_path / "newslint.toml"
    config.write_text('ignore = ["NL503"]\n', encoding="utf-8")
    client.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=config.as_uri())))
    await asyncio.wait_for(
        client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 30)
    assert not any(d.code == "NL503" for d in client.diagnostics[uri])
    # and the editor's own settings are honoured when they change
    config.unlink()
    client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
        settings={"newslint": {"select": ["NL503"]}}))
    await asyncio.wait_for(
        client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 30)
    assert [d.code for d in client.diagnostics[uri]] == ["NL503"]


@pytest.mark.asyncio
async def test_broken_configuration_is_shown_not_crashed(client: LanguageClient, tmp_path):
    (tmp_path / "newslint.toml").write_text('no-such-key = 1\n', encoding="utf-8")
    text = "The minister said the the plan was ready.\n"
    article = tmp_path / "story.txt"
    article.write_text(text, encoding="utf-8")
    uri = article.as_uri()
    assert list(await _open(client, uri, text)) == []
    assert any("no-such-key" in m.message for m in client.messages)
    # fixing the file brings the findings back, without restarting the server
    (tmp_path / "newslint.toml").write_text('select = ["NL503"]\n', encoding="utf-8")
    client.text_document_did_save(types.DidSaveTextDocumentParams(
        text_document=types.TextDocumentIdentifier(uri=(tmp_path / "newslint.toml").as_uri())))
    await asyncio.wait_for(
        client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 30)
    assert [d.code for d in client.diagnostics[uri]] == ["NL503"]
