"""Command line: a thin wrapper over the public API.

    futurepolicy convert PATH... -o OUTDIR [--rules PACK]... [--format json|jsonl|csv|parquet|html]
                         [--workers N] [--scheduler ADDRESS|local] [--skip-existing] [--max-bytes N] [--encoding ENC]
    futurepolicy report PATH... -o FILE.html [--rules PACK]... [--title TITLE] [--workers N]
    futurepolicy extract FILE|-
    futurepolicy schema
    futurepolicy rules list | check PACK
    futurepolicy --version
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Sequence

from . import __version__
from .errors import FuturePolicyError

__all__ = ["main"]


def _byte_count(value: str) -> int:
    """``--max-bytes``: a whole number >= 0; anything else is an argument error (exit code 2)."""
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of bytes, got {value!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"expected a number of bytes >= 0 (0: no limit), got {value}")
    return n


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="futurepolicy", description="Extract typed objects from Chinese policy plans.")
    p.add_argument("--version", action="version", version=f"futurepolicy {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    c = sub.add_parser("convert", help="convert files or folders of plans to JSON/JSONL/CSV/Parquet/HTML")
    c.add_argument("paths", nargs="+", metavar="PATH", help="files, or folders searched for .txt .htm .html .docx .pdf")
    c.add_argument("-o", "--out", required=True, metavar="OUTDIR", help="output folder (created if missing)")
    c.add_argument("--rules", action="append", metavar="PACK", help="rule pack name or path (repeatable: stacked)")
    c.add_argument("--format", default="json", choices=["json", "jsonl", "csv", "parquet", "html"])
    c.add_argument("--workers", type=int, default=None, metavar="N", help="processes (default: number of cores)")
    c.add_argument("--scheduler", default=None, metavar="ADDRESS|local", help="run on a Dask cluster")
    c.add_argument("--skip-existing", action="store_true", help="skip inputs whose output exists (resume a run)")
    c.add_argument("--max-bytes", type=_byte_count, default=None, metavar="N",
                   help="fail inputs larger than N bytes (0: no limit)")
    c.add_argument("--encoding", default=None, metavar="ENC", help="decode text files with ENC (default: detect)")
    c.add_argument("--no-progress", action="store_true", help="no progress bar")

    rp = sub.add_parser("report", help="one HTML file comparing the plans, every figure linked to its evidence")
    rp.add_argument("paths", nargs="+", metavar="PATH",
                    help="plans, folders of plans, or .json/.jsonl files written by convert")
    rp.add_argument("-o", "--out", required=True, metavar="FILE.html", help="the report file to write")
    rp.add_argument("--rules", action="append", metavar="PACK", help="rule pack name or path (repeatable: stacked)")
    rp.add_argument("--title", default=None, help="the report's title")
    rp.add_argument("--workers", type=int, default=None, metavar="N", help="processes (default: number of cores)")
    rp.add_argument("--max-bytes", type=int, default=None, metavar="N", help="fail inputs larger than N bytes")
    rp.add_argument("--encoding", default=None, metavar="ENC", help="decode text files with ENC (default: detect)")
    rp.add_argument("--no-progress", action="store_true", help="no progress bar")

    e = sub.add_parser("extract", help="print one document's JSON")
    e.add_argument("file", metavar="FILE|-")
    e.add_argument("--rules", action="append", metavar="PACK")
    e.add_argument("--encoding", default=None)

    sub.add_parser("schema", help="print the JSON Schema of the output")

    r = sub.add_parser("rules", help="list installed rule packs or check one")
    rsub = r.add_subparsers(dest="rules_command", metavar="list|check")
    rsub.add_parser("list", help="installed packs with their versions")
    ck = rsub.add_parser("check", help="validate a pack (name or path) and run its examples")
    ck.add_argument("pack")
    return p


def _rules_arg(values: list[str] | None):
    if not values:
        return None
    return values[0] if len(values) == 1 else list(values)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``futurepolicy`` command; returns the exit code."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "convert":
            from .batch import convert

            return convert(
                args.paths,
                args.out,
                rules=_rules_arg(args.rules),
                fmt=args.format,
                workers=args.workers,
                scheduler=args.scheduler,
                skip_existing=args.skip_existing,
                max_bytes=args.max_bytes,
                encoding=args.encoding,
                progress=None if not args.no_progress else False,
            )
        if args.command == "report":
            from .reporting import report_files

            return report_files(args.paths, args.out, rules=_rules_arg(args.rules), workers=args.workers,
                                max_bytes=args.max_bytes, encoding=args.encoding, title=args.title,
                                progress=None if not args.no_progress else False)
        if args.command == "extract":
            from .io.readers import extract_file

            rules = _rules_arg(args.rules)
            if args.file == "-":
                data = sys.stdin.buffer.read()
                from .io.readers import decode_bytes
                from .pipeline import shared_extractor

                text, enc = decode_bytes(data, source="<stdin>", encoding=args.encoding)
                doc = shared_extractor(rules).extract(text, None, encoding=enc)
            else:
                doc = extract_file(args.file, rules=rules, encoding=args.encoding)
            sys.stdout.write(doc.to_json() + "\n")
            return 0
        if args.command == "schema":
            from .model import json_schema

            sys.stdout.write(json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n")
            return 0
        if args.command == "rules":
            from .rules import available_rules, check_pack

            if args.rules_command == "check":
                pack = check_pack(args.pack)
                n = len(pack.tables.get("examples", []))
                print(f"ok: {pack.name} {pack.version} ({pack.path}); {n} example{'s' * (n != 1)} found as stated")
                return 0
            for name, version in available_rules().items():
                print(f"{name}\t{version}")
            return 0
        _parser().print_help(sys.stderr)
        return 2
    except FuturePolicyError as e:
        print(f"futurepolicy: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("futurepolicy: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
