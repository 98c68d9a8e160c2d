"""The OpenAPI 3.1 document of what the sandbox serves, built from the shared schema.

Field types, limits and enums come from ``parcellab_desk.api.schema``, so the document and the
validation cannot drift apart. It describes the contract's routes only (the admin routes are
the sandbox's own business) and the PUT answer of the mode the sandbox is in: 200 without a
body by default, 201/200 with the merged order when echoing.

Where a value is checked against a long list (IANA zones, ISO countries and languages) the
document gives the shape and says so in words rather than listing every value.
"""

from __future__ import annotations

from typing import Any

from parcellab_desk.api.schema import (
    CANCEL_ORDER_KEYS,
    CANCEL_TRACKING_KEYS,
    ORDER_FIELDS,
    ORDERS_PATH,
    TAG_MAX_LENGTH,
    TAGS_MAX_COUNT,
    TRACKING_FIELD,
    TRACKING_FIELDS,
    UNIQUE_ID_PATTERN,
    ErrorType,
    FieldKind,
    FieldSpec,
    MutationType,
    Ordering,
)
from parcellab_desk.sandbox.order_info import MODES as ORDER_INFO_MODES
from parcellab_desk.sandbox.order_info import ORDER_INFO_PATH, PUBLISHED_LIMIT_PER_MINUTE

_REF = "#/components/schemas/"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": _REF + name}


def _value_schema(spec: FieldSpec, *, for_request: bool) -> dict[str, Any]:
    kind = spec.kind
    schema: dict[str, Any]
    if kind is FieldKind.INTEGER:
        schema = {"type": "integer"}
        if for_request:
            schema["minimum"] = 1
    elif kind is FieldKind.BOOLEAN:
        schema = {"type": "boolean"}
    elif kind is FieldKind.TAGS:
        items: dict[str, Any] = {"type": "string"}
        schema = {"type": "array", "items": items}
        if for_request:
            items.update(minLength=1, maxLength=TAG_MAX_LENGTH, pattern=r"\S")
            schema["maxItems"] = TAGS_MAX_COUNT
    else:
        schema = {"type": "string"}
        if kind is FieldKind.ENUM:
            schema["enum"] = list(spec.choices)
        elif kind is FieldKind.DATETIME:
            schema["format"] = "date-time"
        elif kind is FieldKind.DATE:
            schema["format"] = "date"
        elif kind is FieldKind.UUID:
            schema["format"] = "uuid"
        if for_request:
            if spec.min_length:
                schema["minLength"] = spec.min_length
            if spec.max_length is not None:
                schema["maxLength"] = spec.max_length
            if kind is FieldKind.COUNTRY_ISO3:
                schema["pattern"] = "^([A-Z]{3})?$"  # "" empties it
            elif kind is FieldKind.LANGUAGE_ISO2:
                schema["pattern"] = "^([a-z]{2})?$"
    # Requests: null only where the contract allows it. Answers: a field never set is
    # served as null (the client reads null, "" and a missing field alike).
    served_unset = not (for_request or spec.read_only or spec.required_on_create)
    if spec.nullable or (served_unset and spec.kind is not FieldKind.TAGS):
        schema["type"] = [schema["type"], "null"]
        if "enum" in schema:
            schema["enum"] = [*schema["enum"], None]
    notes = {
        FieldKind.TIMEZONE: "An IANA time zone name, e.g. Europe/Berlin.",
        FieldKind.COUNTRY_ISO3: "An ISO 3166-1 alpha-3 country code, e.g. DEU.",
        FieldKind.LANGUAGE_ISO2: "An ISO 639-1 language code, e.g. de.",
        FieldKind.EMAIL: "A valid email address, or the literal _unset.",
    }
    description = " ".join(t for t in (spec.help or spec.label, notes.get(kind, "")) if t)
    schema["description"] = description
    return schema


def _object(
    specs: tuple[FieldSpec, ...], *, for_request: bool, required: tuple[str, ...] = ()
) -> dict[str, Any]:
    properties = {
        s.name: _value_schema(s, for_request=for_request)
        for s in specs
        if not (for_request and s.read_only)
    }
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        schema["required"] = list(required)
    return schema


def _mutation_schemas() -> dict[str, Any]:
    def cancel_keys(keys: tuple[str, ...], title: str, kind: MutationType) -> dict[str, Any]:
        properties: dict[str, Any] = {"type": {"const": kind.value}}
        for key in keys:
            schema = _value_schema(TRACKING_FIELD[key], for_request=True)
            if key == "cancelled_reason":
                schema = {"type": "string", "enum": list(TRACKING_FIELD[key].choices)}
            properties[key] = schema
        required = [
            "type",
            "cancelled_reason",
            *(k for k in keys if k in ("courier", "tracking_number")),
        ]
        return {"title": title, "type": "object", "properties": properties, "required": required}

    return {
        "AddTracking": {
            "title": "add_tracking: adds a tracking, or updates the one with this courier+number",
            "type": "object",
            "properties": {
                "type": {"const": MutationType.ADD_TRACKING.value},
                "tracking": _ref("TrackingWrite"),
            },
            "required": ["type", "tracking"],
        },
        "CancelTracking": cancel_keys(
            CANCEL_TRACKING_KEYS, "cancel_tracking", MutationType.CANCEL_TRACKING
        ),
        "CancelOrder": cancel_keys(CANCEL_ORDER_KEYS, "cancel_order", MutationType.CANCEL_ORDER),
        "Mutation": {
            "oneOf": [_ref("AddTracking"), _ref("CancelTracking"), _ref("CancelOrder")],
        },
    }


def _schemas() -> dict[str, Any]:
    order = _object(ORDER_FIELDS, for_request=False)
    order["properties"]["trackings"] = {"type": "array", "items": _ref("Tracking")}
    order["required"] = [*(s.name for s in ORDER_FIELDS), "trackings"]
    tracking = _object(TRACKING_FIELDS, for_request=False)
    tracking["properties"]["status"]["type"] = ["string", "null"]
    tracking["required"] = [s.name for s in TRACKING_FIELDS]
    order_write = _object(ORDER_FIELDS, for_request=True)
    order_write["properties"]["external_id"] = {
        "type": ["string", "null"],
        "format": "uuid",
        "description": "Identifies the order to update; without it account + order_number do.",
    }
    order_write["properties"]["mutations"] = {
        "type": ["array", "null"],
        "items": _ref("Mutation"),
        "description": "Applied in order; all or nothing.",
    }
    # POST takes order fields only; mutations sent with it are dropped (as stock DRF does).
    order_create = _object(ORDER_FIELDS, for_request=True)
    order_create["required"] = ["account", "order_number"]
    echo = {
        "allOf": [
            _ref("Order"),
            {
                "type": "object",
                "properties": {
                    "mutations": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {
                                "type": {"type": "string"},
                                "result": {
                                    "type": "string",
                                    "enum": ["created", "updated", "cancelled", "unchanged"],
                                },
                            },
                            "required": ["type", "result"],
                        },
                    }
                },
                "required": ["mutations"],
            },
        ]
    }
    return {
        "Order": order,
        "Tracking": tracking,
        "OrderWrite": order_write,
        "OrderCreate": order_create,
        "TrackingWrite": _object(
            TRACKING_FIELDS, for_request=True, required=("courier", "tracking_number")
        ),
        **_mutation_schemas(),
        **_order_info_schemas(),
        "OrderEcho": echo,
        "OrderPage": {
            "type": "object",
            "properties": {
                "next": {"type": ["string", "null"], "format": "uri"},
                "previous": {"type": ["string", "null"], "format": "uri"},
                "results": {"type": "array", "items": _ref("Order")},
            },
            "required": ["next", "previous", "results"],
        },
        "Error": {
            "type": "object",
            "properties": {
                "type": {"type": "string", "enum": [t.value for t in ErrorType]},
                "errors": {
                    "type": "array",
                    "minItems": 1,
                    "items": {
                        "type": "object",
                        "properties": {
                            "code": {"type": "string"},
                            "detail": {"type": "string"},
                            "attr": {"type": ["string", "null"]},
                        },
                        "required": ["code", "detail", "attr"],
                    },
                },
            },
            "required": ["type", "errors"],
        },
    }


def _order_info_schemas() -> dict[str, Any]:
    def text(description: str = "", fmt: str | None = None) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": ["string", "null"]}
        if fmt:
            schema["format"] = fmt
        if description:
            schema["description"] = description
        return schema

    return {
        "OrderInfo": {
            "type": "object",
            "description": "One order as the customer-facing lookup shows it; personal data "
            "may be redacted ('<name>', '<email>'), order tags are absent.",
            "properties": {
                "order_number": text(),
                "client_key": text(),
                "order_date": text("When the order was created", "date-time"),
                "recipient_name": text("The name, or '<name>' when redacted"),
                "recipient_email": text("The e-mail, or '<email>' when redacted"),
                "destination_country_iso3": text(),
                "trackings": {"type": "array", "items": _ref("ParcelInfo")},
            },
            "required": [
                "order_number",
                "client_key",
                "order_date",
                "recipient_name",
                "recipient_email",
                "destination_country_iso3",
                "trackings",
            ],
        },
        "ParcelInfo": {
            "type": "object",
            "properties": {
                "tracking_number": {"type": "string"},
                "courier": _ref("CourierInfo"),
                "status": text("The latest delivery status code"),
                "lifecycle": {"type": "string"},
                "delivery_estimate": text("Expected delivery day, null when none", "date"),
                "checkpoints": {"type": "array", "items": _ref("Checkpoint")},
            },
            "required": [
                "tracking_number",
                "courier",
                "status",
                "lifecycle",
                "delivery_estimate",
                "checkpoints",
            ],
        },
        "CourierInfo": {
            "type": "object",
            "properties": {
                "name": {"type": "string", "description": "The courier code"},
                "prettyname": {"type": "string"},
                "trackingurl": text("The courier's tracking page for this parcel", "uri"),
            },
            "required": ["name", "prettyname", "trackingurl"],
        },
        "Checkpoint": {
            "type": "object",
            "properties": {
                "timestamp": {"type": "string", "format": "date-time"},
                "status": {"type": "string", "description": "An event code"},
                "status_text": {"type": "string", "description": "The courier's sentence"},
                "status_details": text(),
                "location": text(),
            },
            "required": ["timestamp", "status", "status_text", "status_details", "location"],
        },
    }


def _order_info_operation() -> dict[str, Any]:
    def param(name: str, description: str, schema: dict[str, Any] | None = None) -> Any:
        return {
            "name": name,
            "in": "query",
            "schema": schema or {"type": "string"},
            "description": description,
        }

    return {
        "get": {
            "operationId": "orderInfo",
            "summary": "Find one order from what a customer knows, with each parcel's events",
            "description": "One lookup mode per request: "
            + "; ".join(ORDER_INFO_MODES)
            + f". Rate limited to {PUBLISHED_LIMIT_PER_MINUTE} requests per minute per account.",
            "parameters": [
                param("account", "The account to look in", {"type": "integer"}),
                param("order_number", "Mode 1, with account"),
                param("client", "The client key (mode 1, optional)"),
                param("external_order_id", "Mode 2: the order's external_id, with account"),
                param("external_reference", "Mode 3, with account"),
                param("tracking_number", "Mode 4, with courier"),
                param("courier", "The courier code (mode 4)"),
                param("customer_number", "Mode 5, with account"),
                param("recipient_email", "Mode 6, with account"),
                param("lang", "Language of the texts, e.g. de or en"),
                param("recipient_postal_code", "An extra check: a parcel's postal code"),
            ],
            "responses": {
                "200": {
                    "description": "The order (the newest when several match)",
                    "content": {"application/json": {"schema": _ref("OrderInfo")}},
                },
                **_errors(400, 401, 403, 404, 429),
            },
        }
    }


def _error(description: str, headers: dict[str, Any] | None = None) -> dict[str, Any]:
    response: dict[str, Any] = {
        "description": description,
        "content": {"application/json": {"schema": _ref("Error")}},
    }
    if headers:
        response["headers"] = headers
    return response


def _errors(*statuses: int) -> dict[str, Any]:
    known = {
        400: _error("Invalid request (validation_error, parse_error, ambiguous, ...)"),
        401: _error(
            "No or invalid credentials",
            {"WWW-Authenticate": {"schema": {"type": "string"}, "required": True}},
        ),
        403: _error("The token does not hold the account, or may not write"),
        404: _error("Not found (also: Invalid cursor)"),
        429: _error(
            "Throttled",
            {"Retry-After": {"schema": {"type": "string"}, "required": True}},
        ),
    }
    return {str(s): known[s] for s in statuses}


def build_openapi(server_url: str, *, put_echo: bool = False) -> dict[str, Any]:
    """The document, with ``server_url`` as its one server."""
    json_body = {"application/json": {"schema": _ref("Order")}}
    if put_echo:
        put_ok = {
            "200": {
                "description": "Updated: the merged order and one result per mutation",
                "content": {"application/json": {"schema": _ref("OrderEcho")}},
            },
            "201": {
                "description": "Created: the new order and one result per mutation",
                "content": {"application/json": {"schema": _ref("OrderEcho")}},
            },
        }
    else:
        put_ok = {"200": {"description": "Created or updated; no response body"}}
    security: list[dict[str, list[str]]] = [{"bearer": []}, {"parcellabApiToken": []}]
    orderings = ", ".join(o.value for o in Ordering)
    list_params = [
        {
            "name": "account",
            "in": "query",
            "style": "form",
            "explode": True,
            "schema": {"type": "array", "items": {"type": "integer"}},
            "description": "Only these accounts (repeatable); accounts not held add nothing.",
        },
        {
            "name": "cursor",
            "in": "query",
            "schema": {"type": "string"},
            "description": "The pagination cursor value (from next/previous).",
        },
        {"name": "external_reference", "in": "query", "schema": {"type": "string"}},
        {"name": "order_number", "in": "query", "schema": {"type": "string"}},
        {
            "name": "ordering",
            "in": "query",
            "schema": {"type": "string"},
            "description": f"One of {orderings}, '-' prefix for descending; unknown names are "
            "ignored; default -created_at.",
        },
        {
            "name": "page_size",
            "in": "query",
            "schema": {"type": "integer"},
            "description": "Results per page, clamped into 1..500; default 50.",
        },
    ]
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "parcelLab v4 track/orders (sandbox)",
            "version": "4",
            "description": "A local stand-in for parcelLab's v4 track/orders API.",
        },
        "servers": [{"url": server_url}],
        "security": security,
        "paths": {
            ORDERS_PATH: {
                "get": {
                    "operationId": "listOrders",
                    "summary": "List orders (cursor pagination, newest first by default)",
                    "parameters": list_params,
                    "responses": {
                        "200": {
                            "description": "A page of orders",
                            "content": {"application/json": {"schema": _ref("OrderPage")}},
                        },
                        **_errors(400, 401, 403, 404, 429),
                    },
                },
                "put": {
                    "operationId": "putOrder",
                    "summary": "Create or update an order (partial, idempotent)",
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": _ref("OrderWrite")}},
                    },
                    "responses": {**put_ok, **_errors(400, 401, 403, 404, 429)},
                },
                "post": {
                    "operationId": "createOrder",
                    "summary": "Create an order (order fields only; mutations are ignored); "
                    "400 unique when it exists",
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": _ref("OrderCreate")}},
                    },
                    "responses": {
                        "201": {"description": "Created", "content": json_body},
                        **_errors(400, 401, 403, 404, 429),
                    },
                },
            },
            ORDER_INFO_PATH: _order_info_operation(),
            ORDERS_PATH + "{unique_id}/": {
                "get": {
                    "operationId": "lookupOrder",
                    "summary": "Look an order up by external_id or order_number",
                    "parameters": [
                        {
                            "name": "unique_id",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string", "pattern": UNIQUE_ID_PATTERN.pattern},
                        }
                    ],
                    "responses": {
                        "200": {
                            "description": "The order with its trackings",
                            "content": json_body,
                        },
                        **_errors(400, 401, 403, 404, 429),
                    },
                }
            },
        },
        "components": {
            "schemas": _schemas(),
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer"},
                "parcellabApiToken": {
                    "type": "apiKey",
                    "in": "header",
                    "name": "Authorization",
                    "description": 'Parcellab-API-Token <base64("<account id>:<token>")>',
                },
            },
        },
    }
