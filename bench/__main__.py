"""python -m bench [--sizes 1000,10000,100000] [--large] [--seed N] [--keep] [--output FILE] [--real DIR | --no-real]"""

from __future__ import annotations

import argparse
import os

from bench.run import run

DEFAULT_SIZES = [1_000, 10_000, 100_000]
LARGE = 1_000_000


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m bench",
        description="claimcheck at scale: generate claim sets with injected discrepancies, time every stage "
                    "and the CLI end to end, score the JSON report against gold, write bench/results.md.")
    ap.add_argument("--sizes", default=None,
                    help="comma-separated claim counts (default: 1000,10000,100000; with --large also 1000000)")
    ap.add_argument("--large", action="store_true", help="also run 1,000,000 claims in 10,000 files")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--keep", action="store_true", help="keep the generated folders (their paths are printed)")
    ap.add_argument("--output", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "results.md"))
    ap.add_argument("--real", metavar="DIR", default=None,
                    help="real claim sets with gold lists (default: ../shared/corpora when it exists)")
    ap.add_argument("--no-real", action="store_true", help="skip the real claim sets")
    args = ap.parse_args(argv)
    if args.sizes:
        sizes = [int(x.replace("_", "").replace(",", "")) for x in args.sizes.split(",") if x.strip()]
    else:
        sizes = list(DEFAULT_SIZES)
    if args.large and LARGE not in sizes:
        sizes.append(LARGE)
    status = run(sorted(sizes), args.seed, args.keep, args.output)
    if not args.no_real:
        from bench import real

        corpora = args.real or real.default_corpora()
        if corpora and real.stories(corpora):
            real.run(corpora, args.output)
        elif args.real:
            print(f"python -m bench: no <story>/ with a <story>.gold.yaml in {args.real}")
            status = status or 2
    return status


if __name__ == "__main__":
    raise SystemExit(main())
