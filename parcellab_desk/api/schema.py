"""The v4 track/orders contract in one place: fields, limits, enums and vocabularies.

The client's models and payload builder, the editor's validators and the sandbox all read
these tables, so a limit changes in exactly one line. Values marked ``[ours]`` are decisions
where parcelLab's public record is silent (see the project's API contract).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from parcellab_desk.wording import QT_TRANSLATE_NOOP, translate


class FieldKind(StrEnum):
    """How a field's JSON value is typed and checked."""

    STRING = "string"
    INTEGER = "integer"
    BOOLEAN = "boolean"
    DATETIME = "datetime"  # ISO 8601 with offset or Z
    DATE = "date"  # YYYY-MM-DD
    ENUM = "enum"
    TAGS = "tags"  # list of strings
    EMAIL = "email"  # a valid address or the literal ``_unset``
    TIMEZONE = "timezone"  # IANA zone name
    COUNTRY_ISO3 = "country_iso3"  # ISO 3166-1 alpha-3
    LANGUAGE_ISO2 = "language_iso2"  # ISO 639-1
    UUID = "uuid"


class WidgetKind(StrEnum):
    """Which kind of input the form shows for a field (the UI picks the widget per kind)."""

    TEXT = "text"  # one line of text
    INTEGER = "integer"  # a number typed or picked from known values (an account)
    CHOICE = "choice"  # free text with suggestions (order status, courier)
    TRISTATE = "tristate"  # unknown / yes / no
    CHECK = "check"  # a check box that leaves an unset value unset until ticked
    DATE = "date"  # YYYY-MM-DD typed
    DATETIME = "datetime"  # a date and a time in the agent's zone
    COUNTRY = "country"  # searchable ISO 3166-1 alpha-3 list
    LANGUAGE = "language"  # searchable ISO 639-1 list
    TIMEZONE = "timezone"  # searchable IANA zone list
    TAGS = "tags"  # chips


class Section(StrEnum):
    """Where an editable field sits: the order editor's boxes, or the tracking form."""

    ORDER = "Order"
    RECIPIENT = "Recipient"
    TAGS = "Tags"
    TRACKING = "Tracking"


class CancelReason(StrEnum):
    """Why an order or a tracking was cancelled."""

    CUSTOMER = "customer"
    INVENTORY = "inventory"
    PAYMENT = "payment"
    OTHER = "other"

    @property
    def label(self) -> str:
        """In the agent's language (once the UI installed a translator)."""
        return translate("CancelReason", _CANCEL_REASON_LABELS[self])


_CANCEL_REASON_LABELS: Final = {
    CancelReason.CUSTOMER: QT_TRANSLATE_NOOP("CancelReason", "Customer"),
    CancelReason.INVENTORY: QT_TRANSLATE_NOOP("CancelReason", "Inventory"),
    CancelReason.PAYMENT: QT_TRANSLATE_NOOP("CancelReason", "Payment-related"),
    CancelReason.OTHER: QT_TRANSLATE_NOOP("CancelReason", "Other"),
}


class MutationType(StrEnum):
    ADD_TRACKING = "add_tracking"
    CANCEL_TRACKING = "cancel_tracking"
    CANCEL_ORDER = "cancel_order"


class Ordering(StrEnum):
    """Fields the list endpoint sorts by; prefix ``-`` for descending."""

    CREATED_AT = "created_at"
    UPDATED_AT = "updated_at"
    ORDER_NUMBER = "order_number"
    EXTERNAL_REFERENCE = "external_reference"


class OrderInfoMode(StrEnum):
    """The order-info lookup's modes, named by the query parameter that identifies the order.

    Every mode but ``TRACKING_NUMBER`` needs ``account``; ``TRACKING_NUMBER`` needs
    ``courier`` and takes ``account`` optionally; ``ORDER_NUMBER`` optionally takes ``client``.
    """

    ORDER_NUMBER = "order_number"
    EXTERNAL_ID = "external_order_id"
    EXTERNAL_REFERENCE = "external_reference"
    TRACKING_NUMBER = "tracking_number"
    CUSTOMER_NUMBER = "customer_number"
    RECIPIENT_EMAIL = "recipient_email"


class ErrorType(StrEnum):
    VALIDATION_ERROR = "validation_error"
    CLIENT_ERROR = "client_error"
    SERVER_ERROR = "server_error"


class ErrorCode(StrEnum):
    """Error codes the sandbox emits (the real service uses the same DRF vocabulary)."""

    REQUIRED = "required"
    BLANK = "blank"
    NULL = "null"
    MAX_LENGTH = "max_length"
    MIN_LENGTH = "min_length"
    INVALID = "invalid"
    INVALID_CHOICE = "invalid_choice"
    UNIQUE = "unique"
    AMBIGUOUS = "ambiguous"
    PARSE_ERROR = "parse_error"
    NOT_AUTHENTICATED = "not_authenticated"
    AUTHENTICATION_FAILED = "authentication_failed"
    PERMISSION_DENIED = "permission_denied"
    NOT_FOUND = "not_found"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    THROTTLED = "throttled"


TEXT_KINDS: Final = frozenset(
    {
        FieldKind.STRING,
        FieldKind.EMAIL,
        FieldKind.TIMEZONE,
        FieldKind.COUNTRY_ISO3,
        FieldKind.LANGUAGE_ISO2,
    }
)
"""Kinds sent as JSON strings: emptied with ``""`` unless the contract marks them nullable."""


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field of an order or tracking as the contract defines it."""

    name: str
    kind: FieldKind
    label: str
    nullable: bool = False
    read_only: bool = False
    required_on_create: bool = False
    min_length: int | None = None
    max_length: int | None = None
    choices: tuple[str, ...] = ()
    help: str = ""
    # What the form needs; a field without a section is not edited in a form (the server's
    # own fields, and the cancel fields, which change through the cancel mutations only).
    section: Section | None = None
    widget: WidgetKind | None = None
    placeholder: str = ""
    suggestions: tuple[str, ...] = ()  # offered in the form; any other text is allowed
    column: str = ""  # the heading of its column in a table of these (trackings), if any

    @property
    def editable(self) -> bool:
        """The agent changes this field in a form."""
        return self.section is not None and not self.read_only

    @property
    def title(self) -> str:
        """The label in the agent's language (``label`` stays the English source)."""
        return translate("Fields", self.label)

    @property
    def hint(self) -> str:
        """The help text in the agent's language (empty when there is none)."""
        return translate("FieldHelp", self.help) if self.help else ""

    @property
    def placeholder_text(self) -> str:
        """The placeholder in the agent's language (empty when there is none)."""
        return translate("FieldHints", self.placeholder) if self.placeholder else ""

    @property
    def column_title(self) -> str:
        """The column heading in the agent's language (empty when there is none)."""
        return translate("Fields", self.column) if self.column else ""

    @property
    def allows_blank(self) -> bool:
        """A text field that takes ``""``: how a string field is emptied (DRF's
        ``allow_blank``); not the ones that must hold at least one character."""
        return self.kind in TEXT_KINDS and (self.min_length or 0) < 1

    @property
    def can_be_cleared(self) -> bool:
        """The agent can empty this field: it takes ``null`` or ``""``."""
        return self.nullable or self.allows_blank

    @property
    def cleared_value(self) -> str | None:
        """What is sent to empty the field: ``null`` only where the contract allows it,
        ``""`` for every other text field. Raises ValueError for a field that cannot be
        emptied once set (a boolean or date the contract does not mark nullable)."""
        if self.nullable:
            return None
        if self.allows_blank:
            return ""
        raise ValueError(f"{self.name} cannot be emptied once set")


ORDERS_PATH: Final = "/v4/track/orders/"
ORDER_INFO_PATH: Final = "/v4/track/orders/info/"
ORDER_INFO_LIMIT_PER_MINUTE: Final = 100  # published per account, shared by a whole team
UNIQUE_ID_PATTERN: Final = re.compile(r"^(?!info)[^/.]+$")
UNSET_EMAIL: Final = "_unset"
CANCELLED_ORDER_STATUS: Final = "Cancelled"

PAGE_SIZE_MIN: Final = 1
PAGE_SIZE_MAX: Final = 500
PAGE_SIZE_DEFAULT: Final = 50
DEFAULT_ORDERING: Final = "-created_at"

TAG_MAX_LENGTH: Final = 255  # [ours]
TAGS_MAX_COUNT: Final = 100  # [ours]

_REASONS: Final = tuple(r.value for r in CancelReason)

COURIER_CODES: Final[tuple[str, ...]] = (
    "dhl-germany", "dhl-austria", "dhl-benelux", "dhl-gm", "dpd-de", "dpd-uk", "gls", "ups",
    "ups-mi", "fedex", "usps", "royalmail", "parcelforce", "evri", "hermes", "yodel",
    "colissimo", "mondial", "postnl",
)  # fmt: skip
ORDER_STATUSES: Final = ("Processing", "Shipped", "PartiallyShipped", "Delivered", "Cancelled")

# The order of each tuple is the order of the form (and of the trackings table's columns).
ORDER_FIELDS: Final[tuple[FieldSpec, ...]] = (
    FieldSpec(
        "external_id",
        FieldKind.UUID,
        QT_TRANSLATE_NOOP("Fields", "External id"),
        read_only=True,
        help=QT_TRANSLATE_NOOP("FieldHelp", "parcelLab's own id for the order"),
    ),
    FieldSpec(
        "account",
        FieldKind.INTEGER,
        QT_TRANSLATE_NOOP("Fields", "Account"),
        required_on_create=True,
        help=QT_TRANSLATE_NOOP("FieldHelp", "Account to which this order belongs"),
        section=Section.ORDER,
        widget=WidgetKind.INTEGER,
        placeholder=QT_TRANSLATE_NOOP("FieldHints", "e.g. 1042"),
    ),
    FieldSpec(
        "order_number",
        FieldKind.STRING,
        QT_TRANSLATE_NOOP("Fields", "Order number"),
        required_on_create=True,
        min_length=1,
        max_length=255,
        help=QT_TRANSLATE_NOOP("FieldHelp", "Order number (customer facing)"),
        section=Section.ORDER,
        widget=WidgetKind.TEXT,
        placeholder=QT_TRANSLATE_NOOP("FieldHints", "Customer-facing order number"),
    ),
    FieldSpec(
        "external_reference",
        FieldKind.STRING,
        QT_TRANSLATE_NOOP("Fields", "External reference"),
        max_length=255,
        help=QT_TRANSLATE_NOOP("FieldHelp", "Retailer reference (e.g. internal system id), unique"),
        section=Section.ORDER,
        widget=WidgetKind.TEXT,
        placeholder=QT_TRANSLATE_NOOP("FieldHints", "The retailer's own reference"),
    ),
    FieldSpec(
        "client_key",
        FieldKind.STRING,
        QT_TRANSLATE_NOOP("Fields", "Client key"),
        max_length=512,
        help=QT_TRANSLATE_NOOP("FieldHelp", "Technical client / shop, e.g. 'mybrand-a.com'"),
        section=Section.ORDER,
        widget=WidgetKind.TEXT,
        placeholder=QT_TRANSLATE_NOOP("FieldHints", "e.g. mybrand-a.com"),
    ),
    FieldSpec(
        "order_status",
        FieldKind.STRING,
        QT_TRANSLATE_NOOP("Fields", "Order status"),
        max_length=255,
        help=QT_TRANSLATE_NOOP("FieldHelp", "Pick a common status or type the shop's own"),
        section=Section.ORDER,
        widget=WidgetKind.CHOICE,
        suggestions=ORDER_STATUSES,
    ),
    FieldSpec(
        "has_multiple_shipments",
        FieldKind.BOOLEAN,
        QT_TRANSLATE_NOOP("Fields", "Multiple shipments"),
        nullable=True,
        help=QT_TRANSLATE_NOOP("FieldHelp", "The order has been split into multiple shipments"),
        section=Section.ORDER,
        widget=WidgetKind.TRISTATE,
    ),
    FieldSpec(
        "recipient_name",
        FieldKind.STRING,
        QT_TRANSLATE_NOOP("Fields", "Recipient name"),
        max_length=255,  # [ours] limit
        section=Section.RECIPIENT,
        widget=WidgetKind.TEXT,
    ),
    FieldSpec(
        "recipient_email",
        FieldKind.EMAIL,
        QT_TRANSLATE_NOOP("Fields", "Recipient email"),
        max_length=254,
        help=QT_TRANSLATE_NOOP("FieldHelp", "A valid email address, or _unset"),
        section=Section.RECIPIENT,
        widget=WidgetKind.TEXT,
        placeholder=QT_TRANSLATE_NOOP("FieldHints", "name@example.com, or _unset"),
    ),
    FieldSpec(
        "destination_country_iso3",
        FieldKind.COUNTRY_ISO3,
        QT_TRANSLATE_NOOP("Fields", "Destination country"),
        section=Section.RECIPIENT,
        widget=WidgetKind.COUNTRY,
        placeholder=QT_TRANSLATE_NOOP("FieldHints", "Type a country or code"),
    ),
    FieldSpec(
        "language_iso2",
        FieldKind.LANGUAGE_ISO2,
        QT_TRANSLATE_NOOP("Fields", "Language"),
        section=Section.RECIPIENT,
        widget=WidgetKind.LANGUAGE,
        placeholder=QT_TRANSLATE_NOOP("FieldHints", "Type a language or code"),
    ),
    FieldSpec(
        "timezone",
        FieldKind.TIMEZONE,
        QT_TRANSLATE_NOOP("Fields", "Time zone"),
        help=QT_TRANSLATE_NOOP(
            "FieldHelp", "IANA time zone of the recipient, strongly recommended"
        ),
        section=Section.RECIPIENT,
        widget=WidgetKind.TIMEZONE,
        placeholder=QT_TRANSLATE_NOOP("FieldHints", "Type a city, e.g. Berlin"),
    ),
    FieldSpec(
        "customer_number",
        FieldKind.STRING,
        QT_TRANSLATE_NOOP("Fields", "Customer number"),
        max_length=255,  # [ours] limit
        section=Section.RECIPIENT,
        widget=WidgetKind.TEXT,
        placeholder=QT_TRANSLATE_NOOP("FieldHints", "The shop's customer number"),
    ),
    FieldSpec(
        "tags",
        FieldKind.TAGS,
        QT_TRANSLATE_NOOP("Fields", "Tags"),
        help=QT_TRANSLATE_NOOP("FieldHelp", "Tags, by convention 'key:value'"),
        section=Section.TAGS,
        widget=WidgetKind.TAGS,
        placeholder=QT_TRANSLATE_NOOP("FieldHints", "Add a tag (key:value) and press Enter"),
    ),
    FieldSpec(
        "cancelled_date",
        FieldKind.DATETIME,
        QT_TRANSLATE_NOOP("Fields", "Cancelled"),
        nullable=True,
    ),
    FieldSpec(
        "cancelled_reason",
        FieldKind.ENUM,
        QT_TRANSLATE_NOOP("Fields", "Cancel reason"),
        nullable=True,
        choices=_REASONS,
    ),
    FieldSpec(
        "created_at", FieldKind.DATETIME, QT_TRANSLATE_NOOP("Fields", "Created"), read_only=True
    ),
    FieldSpec(
        "updated_at", FieldKind.DATETIME, QT_TRANSLATE_NOOP("Fields", "Updated"), read_only=True
    ),
)

TRACKING_FIELDS: Final[tuple[FieldSpec, ...]] = (
    FieldSpec(
        "courier",
        FieldKind.STRING,
        QT_TRANSLATE_NOOP("Fields", "Courier"),
        required_on_create=True,
        min_length=1,
        max_length=64,  # [ours] limit
        section=Section.TRACKING,
        widget=WidgetKind.CHOICE,
        placeholder=QT_TRANSLATE_NOOP("FieldHints", "Pick a courier or type its code"),
        suggestions=COURIER_CODES,
        column=QT_TRANSLATE_NOOP("Fields", "Courier"),
    ),
    FieldSpec(
        "tracking_number",
        FieldKind.STRING,
        QT_TRANSLATE_NOOP("Fields", "Tracking number"),
        required_on_create=True,
        min_length=1,
        max_length=255,  # [ours] limit
        section=Section.TRACKING,
        widget=WidgetKind.TEXT,
        placeholder=QT_TRANSLATE_NOOP("FieldHints", "As printed on the label"),
        column=QT_TRANSLATE_NOOP("Fields", "Tracking number"),
    ),
    FieldSpec(
        "status",
        FieldKind.STRING,
        QT_TRANSLATE_NOOP("Fields", "Delivery status"),
        read_only=True,
        column=QT_TRANSLATE_NOOP("Fields", "Delivery status"),
    ),
    FieldSpec(
        "recipient_postal_code",
        FieldKind.STRING,
        QT_TRANSLATE_NOOP("Fields", "Postal code"),
        max_length=32,  # [ours] limit
        section=Section.TRACKING,
        widget=WidgetKind.TEXT,
        column=QT_TRANSLATE_NOOP("Fields", "Postal code"),
    ),
    FieldSpec(
        "destination_country_iso3",
        FieldKind.COUNTRY_ISO3,
        QT_TRANSLATE_NOOP("Fields", "Destination country"),
        section=Section.TRACKING,
        widget=WidgetKind.COUNTRY,
        placeholder=QT_TRANSLATE_NOOP("FieldHints", "Type a country or code"),
        column=QT_TRANSLATE_NOOP("Fields", "Destination"),
    ),
    FieldSpec(
        "courier_service_level",
        FieldKind.STRING,
        QT_TRANSLATE_NOOP("Fields", "Service level"),
        max_length=255,  # [ours] limit
        section=Section.TRACKING,
        widget=WidgetKind.TEXT,
        placeholder=QT_TRANSLATE_NOOP("FieldHints", "e.g. express"),
        column=QT_TRANSLATE_NOOP("Fields", "Service level"),
    ),
    FieldSpec(
        "announced_send_date",
        FieldKind.DATE,
        QT_TRANSLATE_NOOP("Fields", "Send date"),
        section=Section.TRACKING,
        widget=WidgetKind.DATE,
        placeholder=QT_TRANSLATE_NOOP("FieldHints", "YYYY-MM-DD"),
        column=QT_TRANSLATE_NOOP("Fields", "Send date"),
    ),
    FieldSpec(
        "is_return",
        FieldKind.BOOLEAN,
        QT_TRANSLATE_NOOP("Fields", "Return"),
        section=Section.TRACKING,
        widget=WidgetKind.CHECK,
        placeholder=QT_TRANSLATE_NOOP("FieldHints", "This parcel is a return"),
        column=QT_TRANSLATE_NOOP("Fields", "Return"),
    ),
    FieldSpec(
        "notifications_inactive",
        FieldKind.BOOLEAN,
        QT_TRANSLATE_NOOP("Fields", "Notifications off"),
        section=Section.TRACKING,
        widget=WidgetKind.CHECK,
        placeholder=QT_TRANSLATE_NOOP("FieldHints", "Send no notifications for this parcel"),
        column=QT_TRANSLATE_NOOP("Fields", "Notifications off"),
    ),
    FieldSpec(
        "tags",
        FieldKind.TAGS,
        QT_TRANSLATE_NOOP("Fields", "Tags"),
        section=Section.TRACKING,
        widget=WidgetKind.TAGS,
        placeholder=QT_TRANSLATE_NOOP("FieldHints", "key:value, then Enter"),
        column=QT_TRANSLATE_NOOP("Fields", "Tags"),
    ),
    FieldSpec(
        "cancelled_date",
        FieldKind.DATETIME,
        QT_TRANSLATE_NOOP("Fields", "Cancelled"),
        nullable=True,
        column=QT_TRANSLATE_NOOP("Fields", "Cancelled"),
    ),
    FieldSpec(
        "cancelled_reason",
        FieldKind.ENUM,
        QT_TRANSLATE_NOOP("Fields", "Cancel reason"),
        nullable=True,
        choices=_REASONS,
    ),
    FieldSpec(
        "created_at", FieldKind.DATETIME, QT_TRANSLATE_NOOP("Fields", "Created"), read_only=True
    ),
)

ORDER_FIELD: Final = {f.name: f for f in ORDER_FIELDS}
TRACKING_FIELD: Final = {f.name: f for f in TRACKING_FIELDS}
ORDER_WRITABLE: Final = tuple(f for f in ORDER_FIELDS if not f.read_only)
TRACKING_WRITABLE: Final = tuple(f for f in TRACKING_FIELDS if not f.read_only)
ORDER_EDITABLE: Final = tuple(f for f in ORDER_FIELDS if f.editable)
"""The fields the order editor changes, in the form's order. The cancel fields change through
the cancel mutation only; ``external_id`` and the timestamps are the server's."""
TRACKING_EDITABLE: Final = tuple(f for f in TRACKING_FIELDS if f.editable)
TRACKING_COLUMNS: Final = tuple(f for f in TRACKING_FIELDS if f.column)

# Mutation bodies: which keys each type takes besides ``type``.
CANCEL_TRACKING_KEYS: Final = ("courier", "tracking_number", "cancelled_reason", "cancelled_date")
CANCEL_ORDER_KEYS: Final = ("cancelled_reason", "cancelled_date")


class DeliveryGroup(StrEnum):
    """Coarse groups of delivery statuses, for badges and colours."""

    PENDING = "pending"
    IN_TRANSIT = "in transit"
    OUT_FOR_DELIVERY = "out for delivery"
    DELIVERED = "delivered"
    FAILED_ATTEMPT = "failed attempt / pickup"
    EXCEPTION = "exception"
    RETURN = "return"
    UNKNOWN = "unknown"


DELIVERY_STATUSES: Final[dict[str, DeliveryGroup]] = {
    "WarehousePending": DeliveryGroup.PENDING,
    "WarehousePrepared": DeliveryGroup.PENDING,
    "InboundScan": DeliveryGroup.IN_TRANSIT,
    "InTransit": DeliveryGroup.IN_TRANSIT,
    "ExportHub": DeliveryGroup.IN_TRANSIT,
    "ImportHub": DeliveryGroup.IN_TRANSIT,
    "CustomsIn": DeliveryGroup.IN_TRANSIT,
    "CustomsReleased": DeliveryGroup.IN_TRANSIT,
    "DestinationDeliveryCenter": DeliveryGroup.IN_TRANSIT,
    "OutForDelivery": DeliveryGroup.OUT_FOR_DELIVERY,
    "FailedAttempt-NewAttemptNextDay": DeliveryGroup.FAILED_ATTEMPT,
    "FailedAttempt-PickUpReady": DeliveryGroup.FAILED_ATTEMPT,
    "PickupReady": DeliveryGroup.FAILED_ATTEMPT,
    "Delivered": DeliveryGroup.DELIVERED,
    "Delivered-Neighbor": DeliveryGroup.DELIVERED,
    "Delivered-ParcelLocker": DeliveryGroup.DELIVERED,
    "Delivered-ParcelShop": DeliveryGroup.DELIVERED,
    "Exception-AddressIssue": DeliveryGroup.EXCEPTION,
    "Exception-CustomerRefusal": DeliveryGroup.EXCEPTION,
    "Exception-Damaged": DeliveryGroup.EXCEPTION,
    "ReturnToSender-NotCollected": DeliveryGroup.RETURN,
    "ReturnInProcess": DeliveryGroup.RETURN,
    "ReturnDelivered": DeliveryGroup.RETURN,
}


def delivery_group(status: str | None) -> DeliveryGroup:
    """The display group of a delivery status; unknown statuses are tolerated."""
    if not status:
        return DeliveryGroup.UNKNOWN
    return DELIVERY_STATUSES.get(status, DeliveryGroup.UNKNOWN)
