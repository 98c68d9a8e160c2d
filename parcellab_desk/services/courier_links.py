"""Links to a courier's own tracking page for a parcel.

The order-info answer may carry the page (``courier.trackingurl``); when it does, that link is
used. Otherwise a built-in table of the public tracking pages of the couriers the contract
names gives it. A template that needs more than the number (Mondial Relay and PostNL ask for
the postal code) gives no link when that is missing: no link is better than a wrong one.
Only ``https://`` links are ever returned.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final
from urllib.parse import quote, urlsplit

import pycountry

__all__ = ["TRACKING_PAGES", "tracking_url"]

_DHL_GLOBAL: Final = (
    "https://www.dhl.com/global-en/home/tracking/tracking-parcel.html?submit=1&tracking-id={number}"
)

TRACKING_PAGES: Final[Mapping[str, str]] = {
    "dhl-germany": "https://www.dhl.de/de/privatkunden/pakete-empfangen/verfolgen.html?piececode={number}",
    "dhl-austria": _DHL_GLOBAL,
    "dhl-benelux": _DHL_GLOBAL,
    "dhl-gm": _DHL_GLOBAL,
    "dpd-de": "https://tracking.dpd.de/status/de_DE/parcel/{number}",
    "dpd-uk": "https://track.dpd.co.uk/parcels/{number}",
    "gls": "https://gls-group.com/GROUP/en/parcel-tracking?match={number}",
    "ups": "https://www.ups.com/track?tracknum={number}",
    "ups-mi": "https://www.ups.com/track?tracknum={number}",
    "fedex": "https://www.fedex.com/fedextrack/?trknbr={number}",
    "usps": "https://tools.usps.com/go/TrackConfirmAction?tLabels={number}",
    "royalmail": "https://www.royalmail.com/track-your-item#/tracking-results/{number}",
    "parcelforce": "https://www.parcelforce.com/track-trace?trackNumber={number}",
    "evri": "https://www.evri.com/track/parcel/{number}",
    "hermes": "https://www.myhermes.de/empfangen/sendungsverfolgung/sendungsinformation/#{number}",
    "yodel": "https://www.yodel.co.uk/tracking/{number}",
    "colissimo": "https://www.laposte.fr/outils/suivre-vos-envois?code={number}",
    "mondial": "https://www.mondialrelay.fr/suivi-de-colis/?numeroExpedition={number}&codePostal={postal}",
    "postnl": "https://jouw.postnl.nl/track-and-trace/{number}-{country2}-{postal}",
}
"""Public tracking pages per courier code; ``{number}``, ``{postal}``, ``{country2}``."""


def _is_https(url: str) -> bool:
    parts = urlsplit(url.strip())
    return parts.scheme == "https" and bool(parts.netloc)


def _alpha2(iso3: str | None) -> str | None:
    if not iso3:
        return None
    country = pycountry.countries.get(alpha_3=iso3.upper())
    return country.alpha_2 if country is not None else None


def tracking_url(
    courier: str | None,
    tracking_number: str | None,
    *,
    given: str | None = None,
    postal_code: str | None = None,
    country_iso3: str | None = None,
) -> str | None:
    """The parcel's tracking page: ``given`` (from the service) when it is an https link,
    else the courier's public page, else None."""
    if given and _is_https(given):
        return given.strip()
    number = (tracking_number or "").strip()
    template = TRACKING_PAGES.get((courier or "").strip().lower())
    if not number or template is None:
        return None
    postal = "".join((postal_code or "").split())
    country2 = _alpha2(country_iso3)
    if ("{postal}" in template and not postal) or ("{country2}" in template and not country2):
        return None
    return template.format(
        number=quote(number, safe=""),
        postal=quote(postal, safe=""),
        country2=country2 or "",
    )
