"""What the network can do to a call: trickle, flood, wrong base URL, bad certificate, proxies.

The servers here are real sockets on loopback (asyncio servers written for the one
misbehaviour each test needs, since the sandbox cannot be made to trickle a body or send
50 MB on demand); the sandbox is used where it can answer.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import ssl
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest

from parcellab_desk.api.auth import BearerAuth
from parcellab_desk.api.client import MAX_RESPONSE_BYTES, ParcelLabClient
from parcellab_desk.api.errors import (
    CertificateError,
    ConnectionFailedError,
    RequestTimeoutError,
    ResponseTooLargeError,
    WrongBaseUrlError,
)
from parcellab_desk.api.retry import RetryPolicy
from parcellab_desk.sandbox.embedded import EmbeddedSandbox
from parcellab_desk.services.error_messages import can_retry, describe_error

Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]
ONE_TRY = RetryPolicy(attempts=1)
TOKEN = BearerAuth("token-token-token-1234")


async def _read_request(reader: asyncio.StreamReader) -> bytes:
    return await reader.readuntil(b"\r\n\r\n")


@pytest.fixture
async def serve() -> AsyncIterator[Callable[..., Awaitable[int]]]:
    servers: list[asyncio.Server] = []
    writers: list[asyncio.StreamWriter] = []

    async def start(handler: Handler, ssl_context: ssl.SSLContext | None = None) -> int:
        async def run(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            writers.append(writer)
            # The client giving up (as it should) ends the handler.
            with contextlib.suppress(ConnectionError, asyncio.IncompleteReadError):
                await handler(reader, writer)

        server = await asyncio.start_server(run, "127.0.0.1", 0, ssl=ssl_context)
        servers.append(server)
        port: int = server.sockets[0].getsockname()[1]
        return port

    yield start
    for writer in writers:
        writer.close()
    for server in servers:
        server.close()
        await server.wait_closed()


async def test_a_trickling_answer_ends_at_the_deadline(
    serve: Callable[..., Awaitable[int]],
) -> None:
    sent: list[int] = []

    async def trickle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await _read_request(reader)
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n")
        writer.write(b"Content-Length: 100000\r\n\r\n")
        for _ in range(600):  # one byte every 0.1 s: a minute for the whole answer
            writer.write(b" ")
            await writer.drain()
            sent.append(1)
            await asyncio.sleep(0.1)

    port = await serve(trickle)
    async with ParcelLabClient(
        f"http://127.0.0.1:{port}", TOKEN, retry=ONE_TRY, deadline=1.0
    ) as client:
        with pytest.raises(RequestTimeoutError) as caught:
            await client.list_orders()
    # Each byte came well within httpx's read timeout; only the whole-call deadline ends it.
    assert caught.value.deadline == 1.0
    assert len(sent) < 100
    assert "within 1 s" in describe_error(caught.value)


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "chunked"])
async def test_a_50_mb_answer_is_not_read_past_the_cap(
    serve: Callable[..., Awaitable[int]], declared: bool
) -> None:
    size = 50 * 1024 * 1024
    written: list[int] = []

    async def flood(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await _read_request(reader)
        head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        head += f"Content-Length: {size}\r\n\r\n".encode() if declared else b"\r\n"
        writer.write(head)
        chunk = b"[" + b"0," * (512 * 1024)
        while sum(written) < size:
            writer.write(chunk)
            await writer.drain()
            written.append(len(chunk))

    port = await serve(flood)
    async with ParcelLabClient(f"http://127.0.0.1:{port}", TOKEN, retry=ONE_TRY) as client:
        with pytest.raises(ResponseTooLargeError) as caught:
            await client.list_orders()
    assert caught.value.limit == MAX_RESPONSE_BYTES
    assert sum(written) < size  # reading stopped before the end of the answer
    assert "larger than 20 MB" in describe_error(caught.value)


async def test_a_base_url_with_a_path_says_the_base_url_looks_wrong(
    sandbox: EmbeddedSandbox,
) -> None:
    async with ParcelLabClient(
        f"{sandbox.base_url}/v4", BearerAuth(sandbox.demo_token), retry=ONE_TRY
    ) as client:
        with pytest.raises(WrongBaseUrlError) as caught:
            await client.list_orders()
    sentence = describe_error(caught.value)
    assert sentence.startswith("This base URL looks wrong")
    assert "https://api.parcellab.com" in sentence
    assert "Not Found" not in sentence  # not Django's page text
    assert not can_retry(caught.value)


def _self_signed(folder: Path) -> ssl.SSLContext:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    return context


async def test_an_untrusted_certificate_is_a_certificate_problem(
    serve: Callable[..., Awaitable[int]], tmp_path: Path
) -> None:
    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await _read_request(reader)

    port = await serve(answer, _self_signed(tmp_path))
    async with ParcelLabClient(f"https://127.0.0.1:{port}", TOKEN, retry=ONE_TRY) as client:
        with pytest.raises(CertificateError) as caught:
            await client.create_order({"account": 1, "order_number": "TLS-1"})
    assert not caught.value.may_have_been_applied  # nothing was sent
    sentence = describe_error(caught.value)
    assert sentence.startswith("Certificate problem")
    assert "trust store" in sentence
    assert "could not be reached" not in sentence


async def test_a_dead_proxy_in_the_environment_does_not_touch_the_sandbox(
    sandbox: EmbeddedSandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "all_proxy"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")  # nothing listens there
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    async with ParcelLabClient(
        sandbox.base_url, BearerAuth(sandbox.demo_token), retry=ONE_TRY
    ) as client:
        page = await client.list_orders(page_size=1)
    assert len(page) == 1


async def test_the_real_service_is_reached_through_the_environments_proxy(
    serve: Callable[..., Awaitable[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bytes] = []

    async def proxy(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        seen.append(await _read_request(reader))
        writer.write(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
        await writer.drain()

    port = await serve(proxy)
    monkeypatch.setenv("HTTPS_PROXY", f"http://127.0.0.1:{port}")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    async with ParcelLabClient("https://api.parcellab.invalid", TOKEN, retry=ONE_TRY) as client:
        with pytest.raises(ConnectionFailedError):
            await client.list_orders()
    (request,) = seen
    assert request.startswith(b"CONNECT api.parcellab.invalid:443 ")
    assert b"token-token" not in request  # the token travels inside the tunnel only
