"""How a page's date cues vote for its publication day, read on the page's own clock.

A stamp with a time in UTC counts for the page's local day when another stamp
of the page gives its offset, when the time the page shows beside a day is that
stamp's moment on another clock, when the page shows, in a <time>'s text, a
date line or its URL, the neighbouring day that the stamp's hour allows (the day
its readers saw), or when the site's country domain keeps clocks that all agree on
the day; and a little for that neighbouring day when none does. A page
whose best day has less than `_ENOUGH` stays undated: a wrong date is worse than
none. (dates.py finds the cues and weighs them.)
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .site_clock import local_day
from .stamps import Stamp

DECLARED, META, HEADER, URL, PAGE_TIME, LIBRARY = 3.0, 2.0, 2.0, 2.0, 1.5, 1.0
_ENOUGH = 2.0
# A UTC stamp whose hour allows the neighbouring local day gives it this share of its weight.
_NEIGHBOUR_SHARE = 0.5
# The offsets of most newsrooms, from the American west coast to the Australian east.
_NEWS_OFFSETS = (-8, 11)
# The offsets of all clocks.
_MOST_WEST, _MOST_EAST = datetime.timedelta(hours=-12), datetime.timedelta(hours=14)


@dataclass(frozen=True)
class Cue:
    """One piece of evidence: a stamp, how much it weighs, and where it was read."""

    stamp: Stamp
    weight: float
    source: str


def decide(cues: list[Cue], zones: tuple[str, ...] = ()) -> datetime.date | None:
    """The day with the most weight, the earliest on a tie, if it has enough. ``zones`` are the
    time zones the site's address tells (site_clock.py), for UTC stamps that nothing else places."""
    clocked = _clock_offset(cues)
    offset = _local_offset(cue.stamp for cue in cues) or (clocked and clocked[0]) or _shown_offset(cues)
    votes: dict[datetime.date, float] = defaultdict(float)
    for cue in cues:
        stamp = cue.stamp
        if stamp.utc is not None and offset is not None:
            votes[(stamp.utc + offset).date()] += cue.weight
            continue
        if clocked and cue in clocked[1]:
            votes[(datetime.datetime.combine(stamp.day, stamp.clock) + clocked[0]).date()] += cue.weight
            continue
        if stamp.utc is not None and zones and (day := local_day(stamp.utc, zones)):
            votes[day] += cue.weight
            continue
        votes[stamp.day] += cue.weight
        if stamp.utc is not None:
            for day in neighbour_days(stamp.utc):
                votes[day] += cue.weight * _NEIGHBOUR_SHARE
    if not votes:
        return None
    best = max(votes.values())
    # On a tie, the day of the strongest single cue; then the earliest (first publication).
    strongest = {day: max((c.weight for c in cues if c.stamp.day == day), default=0) for day in votes}
    day = min((day for day, weight in votes.items() if weight == best), key=lambda d: (-strongest[d], d))
    return day if best >= _ENOUGH else None


def _local_offset(stamps: Iterable[Stamp]) -> datetime.timedelta | None:
    """The page's UTC offset, when its stamps write one other than UTC."""
    offsets = Counter(stamp.offset for stamp in stamps if stamp.offset)
    return offsets.most_common(1)[0][0] if offsets else None


def _clock_offset(cues: list[Cue]) -> tuple[datetime.timedelta, list[Cue]] | None:
    """The page's UTC offset, when the time it shows beside the day ('25 Mar, 2020 12:30am') is a
    stamp's moment on another clock (2020-03-24T11:30Z: +13 hours); with the stamps without a zone
    that are UTC by that reckoning ('2016-11-09 03:15' beside 'November 8, 2016 10:15 PM')."""
    shown = [c for c in cues if c.stamp.clock and c.weight >= PAGE_TIME and c.source.startswith("<")]
    stamped = sorted((c for c in cues if c.weight >= META and c not in shown
                      and (c.stamp.utc or (c.stamp.clock and c.stamp.offset is None))),
                     key=lambda c: -c.weight)  # fmt: skip
    for cue in stamped:
        moment = cue.stamp.utc or datetime.datetime.combine(cue.stamp.day, cue.stamp.clock)
        for seen in shown:
            offset = datetime.datetime.combine(seen.stamp.day, seen.stamp.clock) - moment
            if offset and _MOST_WEST <= offset <= _MOST_EAST and offset % datetime.timedelta(minutes=15) == datetime.timedelta(0):
                naive = [c for c in stamped if c.stamp.utc is None and c.stamp.offset is None and c.stamp.clock
                         and datetime.datetime.combine(c.stamp.day, c.stamp.clock) + offset
                         == datetime.datetime.combine(seen.stamp.day, seen.stamp.clock)]  # fmt: skip
                return offset, naive
    return None


def _shown_offset(cues: list[Cue]) -> datetime.timedelta | None:
    """The offset that a day shown on the page implies for the strongest UTC stamp, when the two
    differ by the day that the stamp's hour allows: 'Thu 4 Aug' on the page, 2022-08-03T19:12Z in
    the markup, is a story of Thursday morning east of Greenwich, and every UTC stamp of the page
    is read on its clock."""
    stamped = [cue for cue in cues if cue.stamp.utc is not None and cue.weight >= DECLARED]
    shown = [cue for cue in cues if cue.stamp.utc is None and cue.weight >= PAGE_TIME]
    if not stamped or not shown:
        return None
    utc = max(stamped, key=lambda cue: cue.weight).stamp.utc
    days = Counter(cue.stamp.day for cue in shown)
    day, _ = days.most_common(1)[0]
    if day not in neighbour_days(utc):
        return None
    hours = range(_NEWS_OFFSETS[0], _NEWS_OFFSETS[1] + 1)
    hours = [h for h in hours if (utc + datetime.timedelta(hours=h)).date() == day]
    return datetime.timedelta(hours=min(hours, key=abs))


def neighbour_days(utc: datetime.datetime) -> list[datetime.date]:
    """Local days other than the UTC one that newsrooms' offsets allow."""
    days = {(utc + datetime.timedelta(hours=hours)).date() for hours in _NEWS_OFFSETS}
    return sorted(days - {utc.date()})
