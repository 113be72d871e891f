"""The Dask runner: the same diagnostics as a local run, on a real LocalCluster.

The cluster tests start two worker processes on loopback; they are marked `integration`.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from newslint.config import Config
from newslint.engine import Linter
from newslint.errors import NewslintError

from .corpus_plugin import install_plugin, make_corpus

distributed = pytest.importorskip("distributed")

N_ARTICLES = 100


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return install_plugin(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    make_corpus(folder, N_ARTICLES)
    (folder / "batch0000" / "empty.txt").write_text("")
    return folder


@pytest.fixture(scope="module")
def cluster(site):
    """Two worker processes on loopback that load the installed-style test plugin."""
    saved = {k: os.environ.get(k) for k in ("PYTHONPATH", "NEWSLINT_DISABLE_PLUGIN_AUTOLOAD")}
    os.environ["PYTHONPATH"] = str(site)
    os.environ.pop("NEWSLINT_DISABLE_PLUGIN_AUTOLOAD", None)
    sys.path.insert(0, str(site))  # spawned workers take this process's sys.path
    try:
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                      host="127.0.0.1", dashboard_address=None,
                                      worker_dashboard_address=None) as local:
            yield local
    finally:
        sys.path.remove(str(site))
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _plugin_env(site):
    env = {**os.environ, "PYTHONPATH": str(site), "NEWSLINT_NO_CACHE": "1"}
    env.pop("NEWSLINT_DISABLE_PLUGIN_AUTOLOAD", None)
    return env


def _newslint(env, *args):
    done = subprocess.run([sys.executable, "-m", "newslint", "--no-config", "--format", "json",
                           *args], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode in (0, 1), done.stderr
    return done.stdout


@pytest.mark.integration
def test_jobs_1_jobs_2_and_dask_give_identical_json(corpus, site, cluster):
    env = _plugin_env(site)
    one = _newslint(env, "--jobs", "1", str(corpus), str(corpus / "no-such-file.txt"))
    two = _newslint(env, "--jobs", "2", str(corpus), str(corpus / "no-such-file.txt"))
    dask = _newslint(env, "--scheduler", cluster.scheduler_address, str(corpus),
                     str(corpus / "no-such-file.txt"))
    assert one == two
    assert one == dask
    report = json.loads(one)
    cross = [d for d in report["diagnostics"] if d["code"] == "XNL401"]
    assert cross and any(r["path"] != d["path"] for d in cross for r in d["related"])
    assert any(d["code"] == "NL001" for d in report["diagnostics"])
    assert report["summary"]["files"] == N_ARTICLES + 2


@pytest.mark.integration
def test_python_api_matches_a_local_run(corpus, site, cluster, monkeypatch):
    from newslint.distributed import lint_on_cluster

    monkeypatch.syspath_prepend(str(site))
    monkeypatch.delenv("NEWSLINT_DISABLE_PLUGIN_AUTOLOAD", raising=False)
    # a relative path: the workers run in another folder, yet read the same files
    monkeypatch.chdir(corpus.parent)
    linter = Linter(Config())
    assert "XNL401" in linter.registry.rules
    local = linter.run([corpus.name])
    def linters_built():
        import newslint.distributed

        return len(newslint.distributed._LINTERS)

    with distributed.Client(cluster.scheduler_address) as client:
        before = client.run(linters_built)
        remote = lint_on_cluster([corpus.name], linter=linter, client=client, batch_size=7)
        # one Linter per worker process and configuration, however many batches it runs
        after = client.run(linters_built)
    assert remote.diagnostics == local.diagnostics
    assert [(f.path, f.status) for f in remote.files] == [(f.path, f.status) for f in local.files]
    assert all(f.facts == {} for f in remote.files), "facts stay on the cluster"
    assert all(after[w] - before.get(w, 0) <= 1 for w in after)
    assert sum(after.values()) > sum(before.values())


@pytest.mark.integration
def test_workers_with_other_rules_are_refused(corpus, cluster, monkeypatch):
    """This process lacks the plugin the workers load: the run says so instead of mixing."""
    from newslint.distributed import lint_on_cluster

    monkeypatch.setenv("NEWSLINT_DISABLE_PLUGIN_AUTOLOAD", "1")
    with distributed.Client(cluster.scheduler_address) as client:
        with pytest.raises(NewslintError, match="different newslint"):
            lint_on_cluster([str(corpus)], config=Config(), client=client)


def test_stdin_cannot_go_to_a_cluster():
    from newslint.distributed import lint_on_cluster

    with pytest.raises(NewslintError, match="standard input"):
        lint_on_cluster(["-"], config=Config(), client=object())


def test_unreachable_scheduler_is_one_line_exit_2(capsys, tmp_path, monkeypatch):
    from newslint import distributed as runner
    from newslint.cli import main

    monkeypatch.setattr(runner, "CONNECT_TIMEOUT", "1s")
    (tmp_path / "a.txt").write_text("Title\n\nText.\n")
    code = main([str(tmp_path), "--no-config", "--scheduler", "tcp://127.0.0.1:9"])
    err = capsys.readouterr().err
    assert code == 2
    assert "Dask scheduler" in err and "Traceback" not in err
