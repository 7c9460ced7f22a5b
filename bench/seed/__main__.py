"""`python -m bench.seed [options]`: build (or reuse) the scale district (see bench/seed)."""

import argparse
import os

import django


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.seed",
                                     description="Build (or reuse) the large 'scale' district "
                                                 "used by `make bench`.")
    parser.add_argument("--schools", type=int, default=200)
    parser.add_argument("--staff", type=int, default=10_000,
                        help="school leaders (one per school) plus teachers")
    parser.add_argument("--stories", type=int, default=200_000)
    parser.add_argument("--cycles", type=int, default=12,
                        help="forum cycles (8 weeks each) per forum")
    parser.add_argument("--collectives", type=int, default=10,
                        help="cross-school forums led by the district leader")
    parser.add_argument("--reset", action="store_true",
                        help="delete the scale district and build it again")
    parser.add_argument("--reset-forums", action="store_true",
                        help="delete the district's forums and build them again")
    return parser.parse_args()


def say(message: str) -> None:
    print(message, flush=True)


arguments = parse_args()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from bench.seed.scale import ScaleSeeder  # noqa: E402 - models load only after django.setup()

ScaleSeeder(say).seed(**vars(arguments))
