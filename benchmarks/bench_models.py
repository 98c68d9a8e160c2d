"""Cost of turning one page of 100 orders into models, next to plain ``json.loads``.

The page comes from the sandbox's realistic demo data (trackings, tags) with unknown fields
added to every order and tracking, as the real service may send them. Target: models at
most 3x the cost of ``json.loads`` of the same bytes.

    .venv/bin/python benchmarks/bench_models.py
"""

from __future__ import annotations

import json
import timeit
from typing import Any

import httpx

from parcellab_desk.api.models import OrderListBody
from parcellab_desk.sandbox.embedded import EmbeddedSandbox

TARGET_RATIO = 3.0
PAGE_SIZE = 100


def page_bytes() -> bytes:
    """One realistic page of 100 orders as the list endpoint sends it."""
    with EmbeddedSandbox(demo_orders=PAGE_SIZE, seed=7) as sandbox:
        response = httpx.get(
            f"{sandbox.base_url}/v4/track/orders/",
            params={"page_size": PAGE_SIZE},
            headers={"Authorization": f"Bearer {sandbox.demo_token}"},
        )
        response.raise_for_status()
    body: dict[str, Any] = response.json()
    for i, order in enumerate(body["results"]):
        # Fields the client does not know, kept and round-tripped.
        order["loyalty_tier"] = ("gold", "silver", None)[i % 3]
        order["shipping"] = {"method": "express", "cost": 4.9, "carrier_hint": "dhl"}
        for tracking in order["trackings"]:
            tracking["weight_g"] = 1200 + i
            tracking["events_url"] = f"https://tracking.example/{tracking['tracking_number']}"
    return json.dumps(body).encode()


def best_per_call(statement: Any, number: int, repeat: int = 7) -> float:
    times = timeit.repeat(statement, number=number, repeat=repeat)
    return min(times) / number


def main() -> int:
    raw = page_bytes()
    parsed = OrderListBody.model_validate_json(raw)
    orders = parsed.results
    trackings = sum(len(o.trackings) for o in orders)
    tags = sum(len(o.tags) for o in orders)
    number = 200
    plain = best_per_call(lambda: json.loads(raw), number)
    models = best_per_call(lambda: OrderListBody.model_validate_json(raw), number)
    via_dict = best_per_call(lambda: OrderListBody.model_validate(json.loads(raw)), number)
    ratio = models / plain
    print(
        f"page: {len(orders)} orders, {trackings} trackings, {tags} tags, {len(raw) / 1024:.1f} KiB"
    )
    print(f"json.loads                        {plain * 1e6:9.1f} us")
    print(f"OrderListBody.model_validate_json {models * 1e6:9.1f} us  ({ratio:.2f}x json.loads)")
    print(f"json.loads + model_validate       {via_dict * 1e6:9.1f} us  ({via_dict / plain:.2f}x)")
    print(f"per order (models)                {models / len(orders) * 1e6:9.2f} us")
    verdict = "OK" if ratio <= TARGET_RATIO else "OVER TARGET"
    print(f"target <= {TARGET_RATIO:.0f}x: {verdict}")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    raise SystemExit(main())
