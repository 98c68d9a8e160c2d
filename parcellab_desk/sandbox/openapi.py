"""The OpenAPI 3 document describing what the sandbox serves (filled in below)."""

from __future__ import annotations

from typing import Any


def build_openapi(server_url: str) -> dict[str, Any]:
    return {"openapi": "3.0.3", "info": {"title": "parcelLab sandbox", "version": "1"}, "paths": {}}
