"""The `lagebild` command line: parses arguments and calls the library, nothing more."""

from __future__ import annotations

import argparse
import importlib
import logging
import sqlite3
import sys
from collections.abc import Sequence

from lagebild import __version__
from lagebild.evaluate import TASKS
from lagebild.read import DEFAULT_MAX_BYTES, FORMATS, ReadError

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """A command-line argument is wrong: printed without a traceback, exit status 2."""


def _add_read_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or directories; - is stdin")
    parser.add_argument("--format", choices=FORMATS, help="input format (default: detected)")
    parser.add_argument(
        "--max-bytes",
        type=int,
        default=DEFAULT_MAX_BYTES,
        help="reject inputs larger than this many bytes (default: %(default)s)",
    )
    parser.add_argument("--published", help="publication date for articles whose input has none")
    parser.add_argument("--workers", type=int, default=1, help="analysis processes (default: 1)")
    parser.add_argument(
        "--stages", help="comma-separated analysis stages (default: the full pipeline)"
    )


def build_parser(argv: Sequence[str] = ()) -> argparse.ArgumentParser:
    """The argument parser; ``argv`` tells which eval task's module to load (only that one)."""
    parser = argparse.ArgumentParser(
        prog="lagebild", description="German news articles in, a situation picture out."
    )
    parser.add_argument("--version", action="version", version=f"lagebild {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    analyze = commands.add_parser("analyze", help="print one JSON record per article")
    _add_read_options(analyze)
    analyze.add_argument("--pretty", action="store_true", help="indent the JSON")
    analyze.set_defaults(handler=run_analyze)

    schema = commands.add_parser("schema", help="print the JSON Schema of the Article record")
    schema.add_argument("--markdown", action="store_true", help="as Markdown tables")
    schema.set_defaults(handler=run_schema)

    _add_store_commands(commands)

    serve = commands.add_parser("serve", help="web UI and JSON API over a store")
    serve.add_argument("--db", required=True, help="the store file (opened read-only)")
    serve.add_argument("--host", default="127.0.0.1", help="address (default: %(default)s)")
    serve.add_argument("--port", type=int, default=8000, help="port (default: %(default)s)")
    serve.add_argument("--workers", type=int, default=1, help="processes (default: 1)")
    serve.set_defaults(handler=run_serve)

    evaluate = commands.add_parser("eval", help="score an extractor against gold data")
    tasks = evaluate.add_subparsers(dest="task", metavar="TASK")
    chosen = _eval_task(argv)
    for task, (module_name, help_text) in TASKS.items():
        task_parser = tasks.add_parser(task, help=help_text)
        task_parser.set_defaults(handler=_run_eval, eval_module=module_name)
        if task == chosen:  # scorers import heavy libraries: load only the one asked for
            importlib.import_module(module_name).add_arguments(task_parser)
    return parser


def _eval_task(argv: Sequence[str]) -> str | None:
    words = [word for word in argv if not word.startswith("-")]
    if len(words) >= 2 and words[0] == "eval":
        return words[1]
    return None


def _validate_date(value: str | None) -> str | None:
    if value is None:
        return None
    from lagebild.read.common import normalise_date

    normalised = normalise_date(value)
    if normalised is None:
        raise UsageError(f"--published: not a date: {value!r}")
    return normalised


def run_analyze(args: argparse.Namespace) -> int:
    from lagebild.analyze import AnalyzeConfig
    from lagebild.analyze.runner import analyze_paths

    config = AnalyzeConfig(published=_validate_date(args.published))
    if args.stages:
        config.stages = tuple(s.strip() for s in args.stages.split(",") if s.strip())
    rejected = 0
    out = sys.stdout
    for item in analyze_paths(
        args.paths, config, fmt=args.format, max_bytes=args.max_bytes, workers=args.workers
    ):
        if isinstance(item, ReadError):
            rejected += 1
            print(item, file=sys.stderr, flush=True)
        else:
            out.write(item.to_json(pretty=args.pretty))
            out.write("\n")
    out.flush()
    return EXIT_REJECTED if rejected else EXIT_OK


def run_schema(args: argparse.Namespace) -> int:
    if args.markdown:
        from lagebild.schema_doc import schema_markdown

        sys.stdout.write(schema_markdown())
    else:
        import json

        from lagebild.article import json_schema

        print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
    return EXIT_OK


def _add_store_commands(commands: argparse._SubParsersAction) -> None:
    ingest = commands.add_parser("ingest", help="analyse articles into a store (SQLite)")
    _add_read_options(ingest)
    ingest.add_argument("--db", required=True, help="the store file (created if missing)")
    ingest.add_argument("--batch-size", type=int, default=200, help="articles per transaction")
    ingest.add_argument("--no-stories", action="store_true", help="do not group into stories")
    ingest.add_argument("--json", action="store_true", help="print the summary as JSON")
    ingest.set_defaults(handler=run_ingest)

    search = commands.add_parser("search", help="full-text search in a store")
    search.add_argument("query", nargs="?", default="", help='words, "a phrase", OR, -word')
    search.add_argument("--db", required=True)
    search.add_argument("--entity", help="only articles naming this entity")
    search.add_argument("--place", help="only articles naming this place")
    search.add_argument("--speaker", help="only articles quoting this speaker")
    search.add_argument("--from", dest="date_from", help="published on or after (YYYY[-MM[-DD]])")
    search.add_argument("--to", dest="date_to", help="published on or before (YYYY[-MM[-DD]])")
    search.add_argument("--source", help="only articles from this site")
    search.add_argument("--no-duplicates", action="store_true", help="hide near-duplicates")
    search.add_argument("--limit", type=int, default=20)
    search.add_argument("--offset", type=int, default=0)
    search.add_argument("--json", action="store_true", help="JSON Lines, one article per line")
    search.set_defaults(handler=run_search)

    stats = commands.add_parser("stats", help="counts of what a store holds")
    stats.add_argument("--db", required=True)
    stats.add_argument("--json", action="store_true")
    stats.set_defaults(handler=run_stats)

    entity = commands.add_parser("entity", help="an entity: mentions over time, quotes, …")
    entity.add_argument("name", help="canonical name (or a word of it), or entity id")
    entity.add_argument("--db", required=True)
    entity.add_argument("--limit", type=int, default=20)
    entity.add_argument("--json", action="store_true")
    entity.set_defaults(handler=run_entity)

    export = commands.add_parser("export", help="write a store as JSONL, Parquet or GKG TSV")
    export.add_argument("--db", required=True)
    export.add_argument("--format", required=True, choices=("jsonl", "parquet", "gkg"))
    export.add_argument("--out", required=True, help="file ('-': stdout); a directory for parquet")
    export.set_defaults(handler=run_export)


def _open_store(path: str, readonly: bool = True) -> sqlite3.Connection:
    from lagebild.store import StoreError, connect

    try:
        return connect(path, readonly=readonly)
    except StoreError as exc:
        raise UsageError(str(exc)) from None


def run_ingest(args: argparse.Namespace) -> int:
    import json

    from lagebild.analyze import AnalyzeConfig
    from lagebild.store import IngestOptions, StoreError, ingest
    from lagebild.store.ingest import default_progress

    config = AnalyzeConfig(published=_validate_date(args.published))
    if args.stages:
        config.stages = tuple(s.strip() for s in args.stages.split(",") if s.strip())
    options = IngestOptions(
        workers=args.workers, fmt=args.format, max_bytes=args.max_bytes, batch_size=args.batch_size
    )
    if args.no_stories:
        options.stories = None
    try:
        summary = ingest(args.paths, args.db, config, options, progress=default_progress())
    except StoreError as exc:
        raise UsageError(str(exc)) from None
    if args.json:
        print(json.dumps(summary.as_dict(), ensure_ascii=False))
    else:
        print(summary.text(), file=sys.stderr)
    return EXIT_REJECTED if summary.failed else EXIT_OK


def run_search(args: argparse.Namespace) -> int:
    import json

    from lagebild.store import SearchFilters, search_articles
    from lagebild.store.render import search_text

    filters = SearchFilters(
        q=args.query or None,
        entity=args.entity,
        place=args.place,
        speaker=args.speaker,
        date_from=args.date_from,
        date_to=args.date_to,
        source=args.source,
        include_duplicates=not args.no_duplicates,
    )
    conn = _open_store(args.db)
    try:
        page = search_articles(conn, filters, limit=args.limit, offset=args.offset)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if args.json:
        for item in page.items:
            print(json.dumps(item, ensure_ascii=False))
    else:
        for line in search_text(page):
            print(line)
    return EXIT_OK


def run_stats(args: argparse.Namespace) -> int:
    import json

    from lagebild.store import stats
    from lagebild.store.render import stats_text

    data = stats(_open_store(args.db))
    if args.json:
        print(json.dumps(data, ensure_ascii=False))
    else:
        for line in stats_text(data):
            print(line)
    return EXIT_OK


def run_entity(args: argparse.Namespace) -> int:
    import json

    from lagebild.store import entity_detail, get_entity
    from lagebild.store.render import entity_text

    conn = _open_store(args.db)
    entity = get_entity(conn, args.name)
    if entity is None:
        print(f"lagebild: no entity called {args.name!r}", file=sys.stderr)
        return EXIT_REJECTED
    detail = entity_detail(conn, entity["id"], limit=args.limit)
    if args.json:
        print(json.dumps(detail, ensure_ascii=False))
    else:
        for line in entity_text(detail or {}):
            print(line)
    return EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    from lagebild.export import export

    count = export(_open_store(args.db), args.format, args.out)
    if args.out != "-":
        unit = "rows" if args.format == "parquet" else "articles"
        print(f"exported {count} {unit} to {args.out}", file=sys.stderr)
    return EXIT_OK


def run_serve(args: argparse.Namespace) -> int:
    from lagebild.store import StoreError
    from lagebild.web import serve

    try:
        serve(args.db, host=args.host, port=args.port, workers=args.workers)
    except StoreError as exc:
        raise UsageError(str(exc)) from None
    return EXIT_OK


def _run_eval(args: argparse.Namespace) -> int:
    return int(importlib.import_module(args.eval_module).run(args))


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(argv)
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return handler(args)
    except UsageError as exc:
        print(f"lagebild: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        return EXIT_OK
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
