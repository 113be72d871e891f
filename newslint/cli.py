"""The command line: ``newslint [PATH ...]``, ``newslint rules``, ``newslint explain CODE``.

Exit status: 0 when no report reaches ``--fail-on`` (default: warning), 1 when one does,
2 for a usage, configuration, rule-pack or plugin error, or an internal error.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Sequence

from . import __version__
from .errors import ConfigError, NewslintError

EXIT_CLEAN, EXIT_FOUND, EXIT_ERROR = 0, 1, 2
SUBCOMMANDS = ("rules", "explain", "server", "lsp")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse exits 2 already; keep its one-line message
        self.print_usage(sys.stderr)
        raise SystemExit(f"{self.prog}: error: {message}")


def _lint_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="newslint",
        description="Lint news articles for provenance, machine-writing residue, scrape "
        "residue, consistency and mechanics. Subcommands: `newslint rules`, "
        "`newslint explain CODE`.",
        epilog="Exit status: 0 clean, 1 problems at or above --fail-on, 2 usage/config error.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="files or folders to lint (folders are walked; '-' reads stdin); "
                   "default: the current folder")
    p.add_argument("--format", default="text", help="text (default), json, sarif or github")
    p.add_argument("--select", help="comma-separated codes, prefixes or names to run "
                   "(replaces the default set)")
    p.add_argument("--extend-select", help="codes, prefixes or names to add to the selection")
    p.add_argument("--ignore", help="codes, prefixes or names to switch off")
    p.add_argument("--per-file-ignores", action="append", default=[], metavar="GLOB:CODES",
                   help="switch codes off for matching files, e.g. 'archive/*.txt:NL5,NL6'")
    p.add_argument("--severity", choices=["info", "warning", "error"],
                   help="report only at or above this severity (default: info)")
    p.add_argument("--fail-on", choices=["info", "warning", "error"],
                   help="exit 1 when a report reaches this severity (default: warning)")
    p.add_argument("--config", type=Path, help="use this configuration file")
    p.add_argument("--no-config", action="store_true", help="ignore configuration files")
    p.add_argument("--stdin-filename", help="the name to report for text read from '-'")
    p.add_argument("--fix", action="store_true",
                   help="apply safe fixes in place, then report what remains")
    p.add_argument("--unsafe-fixes", action="store_true",
                   help="also apply fixes that need a human check (implies --fix)")
    p.add_argument("--diff", action="store_true",
                   help="print the fixes as a unified diff instead of writing them "
                   "(exit 1 when there is one)")
    p.add_argument("--baseline", type=Path, metavar="FILE",
                   help="report only findings not recorded in this baseline file")
    p.add_argument("--write-baseline", type=Path, metavar="FILE",
                   help="record every finding of this run in FILE and exit 0")
    p.add_argument("--statistics", action="store_true", help="count reports per rule")
    p.add_argument("--show-source", action="store_true",
                   help="print the offending line and a caret under each report")
    p.add_argument("--color", choices=["auto", "always", "never"], default="auto",
                   help="colour and group text output (auto: only on a terminal)")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when problems are found")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing; use the exit status")
    p.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    p.add_argument("--verbose", action="store_true",
                   help="say on stderr which grammar and spelling backends the run uses")
    p.add_argument("--jobs", "-j", type=_jobs, default=None, metavar="N",
                   help="lint on N processes (default: the number of cores; 1: this process)")
    p.add_argument("--no-cache", action="store_true",
                   help="lint every file again instead of reusing results of unchanged files")
    p.add_argument("--cache-dir", type=Path, metavar="DIR",
                   help="keep the cache here (default: $NEWSLINT_CACHE_DIR, "
                   "$XDG_CACHE_HOME/newslint or ~/.cache/newslint)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="lint on a Dask cluster (tcp://host:8786, or 'local' for one on this "
                   "machine); needs newslint[dask] and the files on storage every worker sees")
    p.add_argument("--version", action="version", version=f"newslint {__version__}")
    return p


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split(",") if v.strip()]


def build_config(args: argparse.Namespace):
    """The file configuration overlaid with command-line settings."""
    from .config import load_config
    from .model import Severity

    start = Path(args.paths[0]) if args.paths and args.paths[0] != "-" else Path.cwd()
    config = load_config(start, explicit=args.config, use_files=not args.no_config)
    if args.select is not None:
        config.select = _split(args.select)
    if args.extend_select:
        config.extend_select = [*config.extend_select, *_split(args.extend_select)]
    if args.ignore:
        config.ignore = [*config.ignore, *_split(args.ignore)]
    for entry in args.per_file_ignores:
        glob, sep, codes = entry.rpartition(":")
        if not sep or not glob:
            raise ConfigError(f"--per-file-ignores {entry!r}: expected GLOB:CODES")
        config.per_file_ignores = {**config.per_file_ignores,
                                   glob: [*config.per_file_ignores.get(glob, []), *_split(codes)]}
    if args.severity:
        config.min_severity = Severity.parse(args.severity)
    if args.fail_on:
        config.fail_on = Severity.parse(args.fail_on)
    return config


def run_lint(argv: Sequence[str]) -> int:
    args = _lint_parser().parse_args(list(argv))
    try:
        return _lint(args)
    except NewslintError as exc:
        sys.stderr.write(f"newslint: error: {exc}\n")
        return exc.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("newslint: interrupted\n")
        return EXIT_ERROR
    except BrokenPipeError:  # `newslint ... | head`: handled quietly by main()
        raise
    except Exception as exc:  # noqa: BLE001 - last resort: one line, not a traceback
        if args.debug:
            raise
        sys.stderr.write(f"newslint: internal error: {exc!r} (run with --debug for details)\n")
        return EXIT_ERROR


def _lint(args: argparse.Namespace) -> int:
    from .engine import Linter

    config = build_config(args)
    if not args.no_cache:
        from .warmstart import enable

        enable(args.cache_dir)  # compiled patterns from earlier runs: before rules load
    linter = Linter(config)
    from .backends import announce

    announce(config.grammar, [r.name for r in linter.selection.selected], verbose=args.verbose)
    formatter = linter.registry.formatters.get(args.format)
    if formatter is None:
        raise ConfigError(f"unknown format {args.format!r} (known: "
                          f"{', '.join(sorted(linter.registry.formatters))})")
    paths = args.paths or ["."]
    if args.fix or args.unsafe_fixes or args.diff:
        from .fixes import fix_from_cli

        status = fix_from_cli(linter, paths, args)
        if status is not None:
            return status
    report = _run(linter, paths, args)
    if args.baseline or args.write_baseline:
        from .baseline import baseline_from_cli

        status = baseline_from_cli(linter, report, args)
        if status is not None:
            return status
    report.show_source = args.show_source
    report.statistics = args.statistics
    report.color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty()
                                               and not os.environ.get("NO_COLOR"))
    if not args.quiet:
        if getattr(sys.stdout, "errors", None) == "strict" and hasattr(sys.stdout, "reconfigure"):
            # a file name that is not valid UTF-8 prints as caf\udce9.txt (valid in JSON too)
            sys.stdout.reconfigure(errors="backslashreplace")
        import gc

        gc.freeze()  # the report lives until exit: no collection need traverse it again
        formatter(report, sys.stdout)
        sys.stdout.flush()
    if args.exit_zero:
        return EXIT_CLEAN
    failing = any(d.severity >= config.fail_on for d in report.diagnostics)
    return EXIT_FOUND if failing else EXIT_CLEAN


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of processes") from None
    if jobs < 0:
        raise argparse.ArgumentTypeError("must be 0 (every core) or more")
    return jobs


def _run(linter, paths: Sequence[str], args: argparse.Namespace):
    """The map step on --jobs processes or a --scheduler cluster, through the cache."""
    from .cache import Cache, cache_disabled_by_env

    cache = None
    if not args.no_cache and (args.cache_dir is not None or not cache_disabled_by_env()):
        cache = Cache.for_linter(linter, args.cache_dir)
    if args.scheduler:
        from .distributed import lint_on_cluster

        return lint_on_cluster(paths, linter=linter, scheduler=args.scheduler, cache=cache)
    from .parallel import run
    from .progress import progress_for

    return run(linter, paths, jobs=args.jobs, cache=cache, stdin_filename=args.stdin_filename,
               progress=progress_for(args))


# -- subcommands ------------------------------------------------------------------------------
def run_rules(argv: Sequence[str]) -> int:
    p = _Parser(prog="newslint rules", description="List every rule.")
    p.add_argument("--format", choices=["text", "json", "markdown"], default="text")
    p.add_argument("--config", type=Path)
    p.add_argument("--no-config", action="store_true")
    args = p.parse_args(list(argv))
    try:
        registry, selection = _registry(args)
    except NewslintError as exc:
        return _fail(exc)
    rules = list(registry.rules.values())
    if args.format == "json":
        import json

        json.dump([{
            "code": r.code, "name": r.name, "category": r.category,
            "severity": str(r.severity), "summary": r.summary, "enabled": r.enabled,
            "selected": selection.is_selected(r.code), "fixable": r.fixable,
            "corpus": r.is_corpus, "source": r.source,
        } for r in rules], sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    elif args.format == "markdown":
        sys.stdout.write(rules_markdown(rules))
    else:
        width = max((len(r.name) for r in rules), default=10)
        for r in rules:
            flag = "" if r.enabled else " (off by default)"
            sys.stdout.write(f"{r.code}  {r.name:{width}s} {r.category:22s} {str(r.severity):8s} "
                             f"{r.summary}{flag}\n")
    return EXIT_CLEAN


def rules_markdown(rules) -> str:
    """The rules reference (docs/rules.md), generated from the rules themselves."""
    out = ["# Rules reference\n",
           "Generated by `newslint rules --format markdown`; do not edit by hand.\n"]
    for r in rules:
        out.append(f"\n## {r.code} {r.name}\n")
        out.append(f"\n- category: `{r.category}`\n- default severity: {r.severity}\n"
                   f"- on by default: {'yes' if r.enabled else 'no'}\n"
                   f"- fixable: {'yes' if r.fixable else 'no'}\n")
        if r.options:
            opts = ", ".join(f"`{k.replace('_', '-')}` = {v!r}" for k, v in r.options.items())
            out.append(f"- options: {opts}\n")
        out.append(f"\n{r.explanation}\n\nBad:\n\n> {r.bad}\n\nGood:\n\n> {r.good}\n")
    return "".join(out)


def run_explain(argv: Sequence[str]) -> int:
    p = _Parser(prog="newslint explain", description="Explain one rule.")
    p.add_argument("code", help="a rule code (NL301) or name (boilerplate)")
    p.add_argument("--config", type=Path)
    p.add_argument("--no-config", action="store_true")
    args = p.parse_args(list(argv))
    try:
        registry, _ = _registry(args)
    except NewslintError as exc:
        return _fail(exc)
    rule = registry.lookup(args.code)
    if rule is None:
        sys.stderr.write(f"newslint: error: no rule {args.code!r} (see `newslint rules`)\n")
        return EXIT_ERROR
    sys.stdout.write(
        f"{rule.code} {rule.name}  [{rule.category}, {rule.severity}"
        f"{', fixable' if rule.fixable else ''}{'' if rule.enabled else ', off by default'}]\n\n"
        f"{rule.summary}\n\n{rule.explanation}\n\nBad:\n    {rule.bad}\n\nGood:\n    {rule.good}\n"
    )
    if rule.options:
        sys.stdout.write("\nOptions (set under [tool.newslint.rules." + rule.name + "]):\n")
        for key, value in rule.options.items():
            sys.stdout.write(f"    {key.replace('_', '-')} = {value!r}\n")
    return EXIT_CLEAN


def _fail(exc: NewslintError) -> int:
    sys.stderr.write(f"newslint: error: {exc}\n")
    return exc.exit_code


def _registry(args):
    from .config import load_config
    from .plugins import Registry, get_plugin_manager
    from .selection import Selection

    config = load_config(Path.cwd(), explicit=args.config, use_files=not args.no_config)
    registry = Registry.build(get_plugin_manager(), config)
    return registry, Selection(registry.rules, config)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] == "rules":
            return run_rules(argv[1:])
        if argv and argv[0] in ("server", "lsp"):
            try:
                from .server import run_server
            except ImportError as exc:
                sys.stderr.write(f"newslint: error: the language server needs the lsp extra "
                                 f"(pip install 'newslint[lsp]'): {exc}\n")
                return EXIT_ERROR
            return run_server(argv[1:])
        if argv and argv[0] == "explain":
            return run_explain(argv[1:])
        return run_lint(argv)
    except SystemExit as exc:  # argparse usage errors and --help/--version
        if isinstance(exc.code, str):
            sys.stderr.write(exc.code + "\n")
            return EXIT_ERROR
        return exc.code if isinstance(exc.code, int) else EXIT_CLEAN
    except BrokenPipeError:  # `newslint ... | head`
        try:
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        except OSError:
            pass
        return EXIT_FOUND
