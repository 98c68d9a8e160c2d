"""One tracking being added or edited in the tracking form, without Qt.

The form writes every edit here and shows what ``field_errors`` says; the order's draft takes
``values()`` once the form is accepted. Courier and tracking number identify a tracking, so
they are fixed when an existing one is edited, and a new one may not repeat a key the order
already has.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any, Final

from parcellab_desk.api.models import Tracking
from parcellab_desk.api.payload import to_json_value
from parcellab_desk.api.schema import TRACKING_EDITABLE, TRACKING_FIELD
from parcellab_desk.services.field_checks import field_messages
from parcellab_desk.services.order_editing import TrackingKey

__all__ = ["DUPLICATE_TRACKING_MESSAGE", "TrackingDraft"]

DUPLICATE_TRACKING_MESSAGE: Final = "This order already has this tracking; select it and use Edit."
_KEY_FIELDS: Final = ("courier", "tracking_number")


class TrackingDraft:
    """The tracking form's values (JSON form) and what is wrong with them."""

    def __init__(
        self, original: Tracking | None = None, *, existing: Collection[TrackingKey] = ()
    ) -> None:
        self.original = original
        self._existing = frozenset(existing)
        self._values: dict[str, Any] = {
            spec.name: (to_json_value(getattr(original, spec.name)) if original else None)
            for spec in TRACKING_EDITABLE
        }
        if original is None:
            self._values["tags"] = []
        self._touched: set[str] = set()

    @property
    def is_new(self) -> bool:
        return self.original is None

    def value(self, name: str) -> Any:
        return self._values[name]

    def set_value(self, name: str, value: Any) -> None:
        if name not in self._values:
            raise KeyError(f"{name!r} is not an editable tracking field")
        if not self.is_new and name in _KEY_FIELDS:
            raise ValueError("courier and tracking number identify the tracking")
        spec = TRACKING_FIELD[name]
        value = to_json_value(value)
        if value is None and spec.can_be_cleared:
            value = spec.cleared_value  # an emptied box empties the field ("" or null)
        self._values[name] = value
        self._touched.add(name)

    def key(self) -> TrackingKey:
        return (str(self._values["courier"] or ""), str(self._values["tracking_number"] or ""))

    def field_errors(self, name: str) -> tuple[str, ...]:
        saved = getattr(self.original, name) if self.original is not None else None
        messages = field_messages(
            TRACKING_FIELD[name],
            self._values[name],
            creating=self.is_new,
            saved=saved,
            changed=name in self._touched,
        )
        if name == "tracking_number" and self.is_new and self.key() in self._existing:
            messages = (*messages, DUPLICATE_TRACKING_MESSAGE)
        return messages

    def all_errors(self) -> dict[str, tuple[str, ...]]:
        found = {name: self.field_errors(name) for name in self._values}
        return {name: messages for name, messages in found.items() if messages}

    def shown_errors(self) -> dict[str, tuple[str, ...]]:
        """What the form marks now: a required field the agent has not reached yet is not
        wrong yet (the Add button stays disabled all the same)."""
        return {
            name: messages
            for name, messages in self.all_errors().items()
            if name in self._touched or self._values[name] not in (None, "")
        }

    @property
    def is_valid(self) -> bool:
        return not self.all_errors()

    def values(self) -> dict[str, Any]:
        """Every editable field in JSON form (None: unset), for ``OrderDraft.put_tracking``."""
        return dict(self._values)
