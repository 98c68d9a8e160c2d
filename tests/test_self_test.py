"""``parcellab-desk --self-test``: what IT runs after installing, and what CI runs on bundles."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from parcellab_desk import __version__
from parcellab_desk.app_args import parse_args
from parcellab_desk.self_test import Check, SelfTestContext, check_sandbox, run_checks

_ROOT = Path(__file__).resolve().parent.parent


def _self_test(*extra: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environ = dict(os.environ if env is None else env)
    return subprocess.run(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "parcellab_desk", "--self-test", *extra],
        cwd=_ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )


def test_passes_headless_without_a_keyring_and_writes_the_line_to_the_file(
    tmp_path: Path,
) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env["QT_QPA_PLATFORM"] = "xcb"  # overridden: the self-test is offscreen whatever is set
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    result_file = tmp_path / "result.txt"

    done = _self_test("--self-test-output", str(result_file), env=env)

    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 1
    line = lines[0]
    assert line.startswith(f"self-test passed: parcellab-desk {__version__} (source);")
    assert "offscreen" in line
    assert "icon 256x256" in line
    assert "keyring: keyring.backends.fail.Keyring" in line
    assert "not usable: no_backend" in line
    assert "Europe/Berlin ok" in line
    assert "client read 25 orders" in line
    assert "main window loaded" in line
    assert result_file.read_text(encoding="utf-8") == line + "\n"


@pytest.fixture
def taken_port() -> Iterator[int]:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        if sys.platform == "win32":  # else Windows lets SO_REUSEADDR take the port over
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_EXCLUSIVEADDRUSE, 1)
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        yield sock.getsockname()[1]


def test_fails_with_one_line_naming_the_sandbox_when_its_port_is_taken(
    taken_port: int, tmp_path: Path
) -> None:
    result_file = tmp_path / "result.txt"

    done = _self_test("--sandbox-port", str(taken_port), "--self-test-output", str(result_file))

    assert done.returncode == 1
    line = done.stdout.strip()
    assert "\n" not in line
    assert line.startswith("self-test FAILED at sandbox: OSError: ")
    assert line.endswith(f"(parcellab-desk {__version__})")
    assert result_file.read_text(encoding="utf-8") == line + "\n"


def test_fails_when_the_result_cannot_be_written(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("", encoding="utf-8")
    target = not_a_folder / "result.txt"

    done = _self_test("--self-test-output", str(target))

    assert done.returncode == 1
    line = done.stdout.strip()
    assert line.startswith("self-test passed:")  # the checks passed; the report did not
    assert f"could not write the result to {target}" in line


def test_output_file_needs_the_self_test_flag(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        parse_args(["--self-test-output", "x.txt"])

    assert exited.value.code == 2
    assert "--self-test-output needs --self-test" in capsys.readouterr().err


def test_self_test_options_parse() -> None:
    args = parse_args(["--self-test", "--self-test-output", "out/result.txt"])

    assert args.self_test is True
    assert args.self_test_output == Path("out/result.txt")


async def test_stops_at_the_first_failed_check_names_it_and_stops_the_sandbox() -> None:
    ran: list[str] = []
    ctx = SelfTestContext()

    async def fine(_ctx: SelfTestContext) -> str:
        ran.append("fine")
        return "fine"

    async def broken(_ctx: SelfTestContext) -> str:
        ran.append("broken")
        try:
            raise OSError("disk\nfull")
        except OSError as exc:
            raise RuntimeError("could not seed") from exc

    async def never(_ctx: SelfTestContext) -> str:
        ran.append("never")
        return "never"

    checks = [
        Check("sandbox", check_sandbox),
        Check("fine", fine),
        Check("broken", broken),
        Check("never", never),
    ]

    passed, line = await run_checks(ctx, checks)

    assert not passed
    assert ran == ["fine", "broken"]
    assert line == (
        "self-test FAILED at broken: RuntimeError: could not seed <- OSError: disk full"
        f" (parcellab-desk {__version__})"
    )
    assert ctx.sandbox is None  # stopped, even though the run failed


async def test_every_passing_check_adds_its_note_to_the_line() -> None:
    async def first(_ctx: SelfTestContext) -> str:
        return "first ok"

    async def second(_ctx: SelfTestContext) -> str:
        return "second ok"

    passed, line = await run_checks(
        SelfTestContext(), [Check("first", first), Check("second", second)]
    )

    assert passed
    assert line.startswith(f"self-test passed: parcellab-desk {__version__} (source); ")
    assert "; first ok; second ok; " in line
