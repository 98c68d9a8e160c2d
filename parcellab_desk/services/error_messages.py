"""The one place that turns a failure into the sentence an agent reads."""

from __future__ import annotations

import asyncio

from parcellab_desk.api.errors import ListingFailedError, ParcelLabError
from parcellab_desk.services.logging_setup import SECRETS


def describe_error(error: BaseException) -> str:
    """One sentence for the agent; never a token, never a traceback."""
    if isinstance(error, ListingFailedError) and error.cause is not None:
        # The table already says "Could not load more orders"; the cause is the news.
        return describe_error(error.cause)
    if isinstance(error, ParcelLabError):
        return SECRETS.mask(error.message)
    if isinstance(error, asyncio.TimeoutError | TimeoutError):
        return "The service took too long to answer. Try again."
    if isinstance(error, OSError):
        return (
            f"A network or file error occurred: {SECRETS.mask(str(error)) or type(error).__name__}."
        )
    message = getattr(error, "message", None)
    if isinstance(message, str) and message:
        return SECRETS.mask(message)
    return f"Something unexpected went wrong ({type(error).__name__}). Details are in the log."
