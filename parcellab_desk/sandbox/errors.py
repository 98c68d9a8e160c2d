"""The sandbox's error answers, always in the contract's wrapped shape.

``{"type": "validation_error" | "client_error" | "server_error", "errors": [{"code", "detail",
"attr"}]}`` as drf-standardized-errors writes it. The contract leaves the ``type`` of a 400
open; the sandbox answers ``validation_error`` for field validation and ``client_error`` for
every other 4xx (parse errors, auth, permission, not found, ambiguous, throttled).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from starlette.responses import JSONResponse

from parcellab_desk.api.schema import ErrorCode, ErrorType
from parcellab_desk.api.validation import FieldError


class ApiError(Exception):
    """Raised anywhere in a request; the app turns it into the wrapped error response."""

    def __init__(
        self,
        status: int,
        errors: Iterable[FieldError],
        *,
        error_type: ErrorType = ErrorType.CLIENT_ERROR,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        self.status = status
        self.errors = tuple(errors)
        self.error_type = error_type
        self.headers = dict(headers or {})
        super().__init__(f"{status}: {[e.code for e in self.errors]}")

    @classmethod
    def single(
        cls,
        status: int,
        code: str,
        detail: str,
        attr: str | None = None,
        *,
        headers: Mapping[str, str] | None = None,
    ) -> ApiError:
        return cls(status, [FieldError(attr, code, detail)], headers=headers)

    @classmethod
    def validation(cls, errors: Iterable[FieldError]) -> ApiError:
        return cls(400, errors, error_type=ErrorType.VALIDATION_ERROR)

    def response(self) -> JSONResponse:
        return error_response(self.status, self.errors, self.error_type, self.headers)


def error_response(
    status: int,
    errors: Iterable[FieldError],
    error_type: ErrorType = ErrorType.CLIENT_ERROR,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    body = {
        "type": error_type.value,
        "errors": [{"code": e.code, "detail": e.detail, "attr": e.attr} for e in errors],
    }
    return JSONResponse(body, status_code=status, headers=dict(headers or {}))


def not_found(detail: str = "Not found.") -> ApiError:
    return ApiError.single(404, ErrorCode.NOT_FOUND, detail)


def parse_error(detail: str) -> ApiError:
    return ApiError.single(400, ErrorCode.PARSE_ERROR, detail)


def server_error() -> JSONResponse:
    return error_response(
        500,
        [FieldError(None, "error", "A server error occurred.")],
        ErrorType.SERVER_ERROR,
    )
