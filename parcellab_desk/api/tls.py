"""TLS and proxies for the real service: the operating system's trust store, certifi behind it.

Behind a company's TLS-inspecting proxy the service's certificate is re-signed by the
company's own CA, which IT installs in the operating system's trust store (Windows
certificate store, macOS Keychain, the distribution's CA bundle on Linux). httpx alone trusts
certifi's bundle only, so every call there would fail; ``truststore`` verifies with the
system's own verifier instead. Where no system store can be found (a bare Linux container
without ``ca-certificates``), certifi's bundle is loaded so public certificates still verify.
Verification itself is never switched off.

Proxies: the real service is reached through the proxies the environment names
(``HTTPS_PROXY``, ``NO_PROXY``; the OS settings on Windows and macOS); a loopback address (the
sandbox) never is, so the token of a local server never travels through a proxy.
"""

from __future__ import annotations

import os
import ssl
import sys
from typing import Final

import certifi

__all__ = ["default_ssl_context", "is_certificate_failure", "system_store_found"]

_LINUX_CA_FILES: Final = (
    "/etc/ssl/certs/ca-certificates.crt",
    "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
    "/etc/pki/tls/cert.pem",
    "/etc/ssl/cert.pem",
    "/etc/ssl/ca-bundle.pem",
)


def system_store_found() -> bool:
    """Whether this system has a trust store truststore can use (always, off Linux)."""
    if not sys.platform.startswith("linux"):
        return True
    defaults = ssl.get_default_verify_paths()
    if defaults.cafile or (defaults.capath and os.listdir(defaults.capath)):
        return True
    return any(os.path.isfile(path) for path in _LINUX_CA_FILES)


def default_ssl_context() -> ssl.SSLContext:
    """A client context verifying against the OS trust store, with certifi as the fallback."""
    try:
        import truststore
    except ImportError:  # pragma: no cover - a dependency; only a broken install lacks it
        return ssl.create_default_context(cafile=certifi.where())
    context: ssl.SSLContext = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    if not system_store_found():
        context.load_verify_locations(cafile=certifi.where())
    return context


def is_certificate_failure(exc: BaseException) -> str | None:
    """The TLS library's reason when ``exc`` (or what caused it) is a failed certificate
    check or handshake; None for any other failure."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, ssl.SSLCertVerificationError):
            return str(current.verify_message or current.reason or current)
        if isinstance(current, ssl.SSLError):
            return str(current.reason or current)
        text = str(current)
        if "CERTIFICATE_VERIFY_FAILED" in text or "certificate verify failed" in text:
            return text
        current = current.__cause__ or current.__context__
    return None
