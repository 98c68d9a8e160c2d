"""How a form field is judged before anything is sent, for orders and trackings alike.

One function, so the order editor and the tracking form say the same thing about the same
mistake, in the words the server would use.
"""

from __future__ import annotations

from typing import Any, Final

from parcellab_desk.api.payload import is_empty_value
from parcellab_desk.api.schema import FieldSpec
from parcellab_desk.api.validation import check_field

__all__ = ["CANNOT_EMPTY_MESSAGE", "REQUIRED_MESSAGE", "field_messages"]

REQUIRED_MESSAGE: Final = "This field is required."
CANNOT_EMPTY_MESSAGE: Final = "parcelLab keeps this once set; it cannot be emptied."


def field_messages(
    spec: FieldSpec, value: Any, *, creating: bool, saved: Any = None, changed: bool = True
) -> tuple[str, ...]:
    """The validator's messages for ``value``; empty when it is fine.

    A required field left blank while creating gets the server's "This field is required."
    instead of a length message; any other field left empty while creating is not sent, so
    it is fine. On an existing record only a ``changed`` field is judged (the saved values
    are what the server accepted), and a field the service cannot empty (a date, a yes/no)
    says so when its ``saved`` value was set.
    """
    if creating and spec.required_on_create and value in (None, ""):
        return (REQUIRED_MESSAGE,)
    if creating and is_empty_value(value):
        return ()  # not sent at all
    if not creating and not changed:
        return ()
    if value is None and not spec.can_be_cleared:
        # Left empty: not sent. Once saved, the service takes no "empty" for it.
        return (CANNOT_EMPTY_MESSAGE,) if saved is not None else ()
    return tuple(e.detail for e in check_field(spec, value))
