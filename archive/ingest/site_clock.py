"""The clocks a page's address tells: a country's domain ('.co.nz', '.com.au', '.ie') names the
country whose time its newsroom keeps, and so the day its readers saw a stamp written in UTC
(2024-08-27T20:10Z is the 28th in Auckland). Where the country's clocks disagree on the day
(the United States, Canada, Russia), the address tells nothing.
"""

from __future__ import annotations

import datetime
import functools
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytz

# Country domains sold to anyone, which say nothing of where a site is ('.io', '.co', '.tv').
_SOLD_TO_ANYONE = frozenset("ac ag ai am cc co fm gg gl io la ly me nu sc sh so st to tv vc ws".split())


def site_zones(url: str) -> tuple[str, ...]:
    """The time zones of the country whose domain ``url`` is on, or () for '.com', '.org', '.io'."""
    try:
        label = (urlsplit(url.strip()).hostname or "").rsplit(".", 1)[-1].lower()
    except ValueError:  # an address that is no URL tells no clock
        return ()
    if len(label) != 2 or not label.isalpha() or label in _SOLD_TO_ANYONE:
        return ()
    return _zones("GB" if label == "uk" else label.upper())


@functools.cache
def _zones(code: str) -> tuple[str, ...]:
    return tuple(pytz.country_timezones.get(code, ()))


def local_day(utc: datetime.datetime, zones: tuple[str, ...]) -> datetime.date | None:
    """The day a moment in UTC falls on in all of ``zones``, or None where they disagree."""
    moment = utc.replace(tzinfo=datetime.timezone.utc)
    days = {moment.astimezone(ZoneInfo(zone)).date() for zone in zones}
    return days.pop() if len(days) == 1 else None
