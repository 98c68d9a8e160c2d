"""``python -m parcellab_desk.sandbox`` starts, says where it listens, and serves."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
from pathlib import Path

from parcellab_desk.sandbox.__main__ import build_parser
from parcellab_desk.sandbox.auth import DEMO_TOKEN
from tests import plain_http


def test_cli_prints_url_token_and_accounts_then_serves(tmp_path: Path) -> None:
    db = tmp_path / "cli.sqlite3"
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "parcellab_desk.sandbox", "--port", "0", "--db", str(db),
         "--orders", "25", "--seed", "3", "--token", "extra-token:1002:read"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline() for _ in range(3)]
        match = re.search(r"(http://127\.0\.0\.1:\d+)", lines[0])
        assert match, lines
        base_url = match.group(1)
        assert DEMO_TOKEN in lines[1]
        assert "1001, 1002, 1003" in lines[2]
        response = plain_http.get(
            f"{base_url}/v4/track/orders/?page_size=100",
            headers={"Authorization": f"Bearer {DEMO_TOKEN}"},
            timeout=10,
        )
        assert len(response.json()["results"]) == 25
        extra = plain_http.get(
            f"{base_url}/v4/track/orders/",
            headers={"Authorization": "Bearer extra-token"},
            timeout=10,
        )
        assert {o["account"] for o in extra.json()["results"]} == {1002}
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        finally:
            if process.poll() is None:  # never leave it running (nor its pipes open)
                process.kill()
                process.wait(timeout=10)
        if process.stdout:
            process.stdout.close()
        if process.stderr:
            process.stderr.close()
    assert db.exists()
    assert "extra-token" not in "".join(lines)


def test_cli_options() -> None:
    args = build_parser().parse_args(
        ["--port", "9000", "--orders", "10", "--seed", "5", "--put-echo", "--host", "::1"]
    )
    assert (args.port, args.orders, args.seed, args.put_echo, args.host) == (
        9000,
        10,
        5,
        True,
        "::1",
    )
