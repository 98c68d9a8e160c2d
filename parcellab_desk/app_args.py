"""The console's command line (kept free of Qt, so ``--help`` works without a display)."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from parcellab_desk import __version__

DISPLAY_NAME = "parcelLab order console"


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="parcellab-desk", description=DISPLAY_NAME)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--demo", action="store_true", help="work against the embedded sandbox with demo data"
    )
    parser.add_argument(
        "--demo-orders", type=int, default=2000, help="orders to seed a new demo sandbox with"
    )
    parser.add_argument(
        "--reset-demo",
        action="store_true",
        help="start the demo sandbox from fresh demo data (the old database is kept aside)",
    )
    parser.add_argument(
        "--sandbox-port", type=int, default=0, help="port of the demo sandbox (0: any free)"
    )
    parser.add_argument("--debug", action="store_true", help="log debug details too")
    parser.add_argument(
        "link",
        nargs="?",
        help="an order link, parcellab-desk://order/<account>/<order number>: opens that "
        "order (in the console already running, if there is one)",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation headless (Qt, icon, keyring, time zones, sandbox, "
        "client, main window), print one line and exit 0 (passed) or 1 (failed)",
    )
    parser.add_argument(
        "--self-test-output",
        type=Path,
        metavar="FILE",
        help="also write the self-test's result line to FILE",
    )
    args = parser.parse_args(argv)
    if args.self_test_output is not None and not args.self_test:
        parser.error("--self-test-output needs --self-test")
    args.instance_name = None  # set by main() once no other console runs
    return args
