"""``python -m helpers.course --write [FILE ...]`` rewrites the generated blocks (all pages:
the map's notebooks and README.md, or the FILEs named, relative to the kit's root);
``--check`` exits 1 listing the stale pages."""

import argparse
import sys
from pathlib import Path

from helpers.course.blocks import stale_blocks, write_blocks

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.course", description=__doc__)
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true", help="rewrite the stale blocks")
    mode.add_argument("--check", action="store_true", help="list stale pages, exit 1 if any")
    parser.add_argument("files", nargs="*", help="pages relative to the kit's root (default: all)")
    args = parser.parse_args(argv)
    files = args.files or None
    if args.write:
        for page in write_blocks(ROOT, files):
            print("wrote", page)
        return 0
    stale = stale_blocks(ROOT, files)
    for page in stale:
        print("stale:", page, "(run: python -m helpers.course --write)")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
