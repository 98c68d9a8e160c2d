"""httpx for the tests' plain-http requests to a sandbox on 127.0.0.1.

httpx builds a TLS context with certifi's CA bundle for every client it makes (also for the
module-level ``httpx.get``), 25-75 ms each, though a plain-http request to loopback never
makes a TLS connection: the suite made several hundred. These give httpx a verifying
context that trusts nothing, built once, as the console's client does for the sandbox
(``parcellab_desk/api/client.py``); an https:// URL would fail to verify, never pass.
"""

from __future__ import annotations

import ssl
from typing import Any

import httpx

PLAIN_HTTP_ONLY = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)


def client(**options: Any) -> httpx.Client:
    return httpx.Client(verify=PLAIN_HTTP_ONLY, **options)


def async_client(**options: Any) -> httpx.AsyncClient:
    return httpx.AsyncClient(verify=PLAIN_HTTP_ONLY, **options)


def get(url: str, **options: Any) -> httpx.Response:
    return httpx.get(url, verify=PLAIN_HTTP_ONLY, **options)


def put(url: str, **options: Any) -> httpx.Response:
    return httpx.put(url, verify=PLAIN_HTTP_ONLY, **options)
