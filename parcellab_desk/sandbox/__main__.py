"""``python -m parcellab_desk.sandbox``: serve the sandbox in the foreground until Ctrl+C."""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from parcellab_desk.sandbox.auth import TokenGrant, default_grants, parse_grant
from parcellab_desk.sandbox.demo_data import DEFAULT_DEMO_ORDERS, DEFAULT_SEED
from parcellab_desk.sandbox.limits import is_loopback
from parcellab_desk.sandbox.server import SandboxServer


def _grant(text: str) -> TokenGrant:
    try:
        return parse_grant(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="parcellab-desk-sandbox",
        description="A local stand-in for parcelLab's v4 track/orders API, with demo data.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8765, help="port (0 = any free port)")
    parser.add_argument(
        "--db", type=Path, default=None, help="SQLite file (default: a temporary one)"
    )
    parser.add_argument(
        "--orders",
        type=int,
        default=DEFAULT_DEMO_ORDERS,
        help="demo orders to generate into an empty database",
    )
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="demo data random seed")
    parser.add_argument(
        "--token",
        type=_grant,
        action="append",
        default=[],
        metavar="TOKEN:ACCOUNTS[:SCOPES]",
        help="an extra token, e.g. mytoken:1001,1002:read,write (repeatable)",
    )
    parser.add_argument(
        "--put-echo",
        action="store_true",
        help="PUT answers 201/200 with the merged order instead of 200 without a body",
    )
    parser.add_argument(
        "--allowed-host",
        action="append",
        default=[],
        metavar="NAME",
        help="a host name clients may use besides loopback names and --host (repeatable)",
    )
    parser.add_argument("--log-level", default="warning", help="uvicorn log level")
    return parser


def exposure_warning(host: str) -> str | None:
    """A warning for an address other machines can reach; None for loopback."""
    if is_loopback(host):
        return None
    return (
        f"WARNING: listening on {host}, reachable from other machines. The sandbox holds a "
        "published demo token and no TLS; use it only on a network you trust, and name "
        "the host clients use with --allowed-host."
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    warning = exposure_warning(args.host)
    if warning is not None:
        print(warning, file=sys.stderr, flush=True)
    with tempfile.TemporaryDirectory(prefix="parcellab-sandbox-") as scratch:
        db = args.db if args.db is not None else Path(scratch) / "sandbox.sqlite3"
        server = SandboxServer(
            db,
            host=args.host,
            port=args.port,
            demo_orders=args.orders,
            seed=args.seed,
            put_echo=args.put_echo,
            grants=(*default_grants(), *args.token),
            log_level=args.log_level,
            allowed_hosts=args.allowed_host,
        )
        try:
            print(f"parcelLab sandbox: {server.base_url}", flush=True)
            print(f"  demo token: {server.demo_token}", flush=True)
            print(f"  accounts:   {', '.join(map(str, server.accounts))}", flush=True)
            print(f"  orders:     {server.store.count()} in {db}", flush=True)
            print(f"  API docs:   {server.base_url}/openapi.json", flush=True)
            server.serve_forever()
        finally:
            server.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
