"""The `lagebild` command line: parses arguments and calls the library, nothing more."""

from __future__ import annotations

import argparse
import importlib
import logging
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


def build_parser() -> argparse.ArgumentParser:
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

    evaluate = commands.add_parser("eval", help="score an extractor against gold data")
    tasks = evaluate.add_subparsers(dest="task", metavar="TASK")
    for task, (module_name, help_text) in TASKS.items():
        task_parser = tasks.add_parser(task, help=help_text)
        task_parser.set_defaults(handler=_run_eval, eval_module=module_name)
        importlib.import_module(module_name).add_arguments(task_parser)
    return parser


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


def _run_eval(args: argparse.Namespace) -> int:
    return int(importlib.import_module(args.eval_module).run(args))


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
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
