"""Dates as pages write them: ISO stamps with their offsets, e-mail style, and written out
("8 January 2020, 3:51 pm", "Jan. 18, 2019", "02.12.19", "04:25:06 PM IST Apr 08, 2020").

`read_stamp` reads one value as a day and, when the value says so, the moment in UTC or
the offset it was written with; which day a page was published is `dates.py`'s to weigh.
"""

from __future__ import annotations

import contextlib
import datetime
import email.utils
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from dateutil import parser as dateutil_parser

EARLIEST = datetime.date(1990, 1, 1)  # years before the web are placeholders, not facts
MONTHS = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")], start=1)
    for name in names
}  # fmt: skip
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
TEXT_DATE_RES = (
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>\d{{4}})\b", re.I),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?P<year>\d{{4}})\b", re.I),
    re.compile(r"(?<![\d/.-])(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?![\d])"),
    # Dots are the day-first convention ("02.12.19", "2.12.2019"); slashes are ambiguous.
    re.compile(r"(?<![\d.])(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4}|\d{2})(?![\d.])"),
)
_ISO_RE = re.compile(r"\A\s*(\d{4})[-/.]?(\d{2})[-/.]?(\d{2})(?:[T ](\d{2}):?(\d{2})(?::?(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?", re.I)


@dataclass(frozen=True)
class Stamp:
    """A day as written, and the moment in UTC when the value said it was UTC."""

    day: datetime.date
    utc: datetime.datetime | None = None
    offset: datetime.timedelta | None = None  # the offset written, when not UTC
    # the time of day written with no zone ("12:30am", "2016-11-09 03:15"), or beside its zone ("6:05 AM EDT")
    clock: datetime.time | None = None


def read_stamp(value: str) -> Stamp | None:
    """Read a date or date-time as the page wrote it; None when it is not one."""
    value = " ".join(str(value).split())[:100]
    if not value:
        return None
    stamp = _read_iso(value) or _read_rfc2822(value) or read_text_date(value) or _read_loose(value)
    if stamp is None or not EARLIEST <= stamp.day <= datetime.date.today() + datetime.timedelta(days=1):
        return None
    return stamp


def _read_iso(value: str) -> Stamp | None:
    match = _ISO_RE.match(value)
    if not match:
        return None
    year, month, day, hour, minute, second, zone = match.groups()
    try:
        moment = datetime.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0))
    except ValueError:
        return None
    if hour is None:
        return Stamp(moment.date())
    if zone is None:
        return Stamp(moment.date(), clock=moment.time())
    if zone.upper() == "Z":
        offset = datetime.timedelta(0)
    else:
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        offset = sign * datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return _stamp(moment, offset)


def _read_rfc2822(value: str) -> Stamp | None:
    with contextlib.suppress(TypeError, ValueError, IndexError, OverflowError):
        moment = email.utils.parsedate_to_datetime(value)
        if moment.tzinfo:
            return _stamp(moment.replace(tzinfo=None), moment.utcoffset())
        # With no zone, the day and the time of day as written are the text readers' to find.
        return read_text_date(value) or Stamp(moment.date())
    return None


def read_text_date(value: str) -> Stamp | None:
    """A date written out ("8 January 2020, 3:51 pm", "Jan. 18, 2019") anywhere in a short text."""
    for pattern in TEXT_DATE_RES:
        if match := pattern.search(value):
            month = match["month"]
            number = int(month) if month.isdigit() else MONTHS[month.lower()]
            with contextlib.suppress(ValueError):
                day = datetime.date(_full_year(match["year"]), number, int(match["day"]))
                if EARLIEST <= day <= datetime.date.today() + datetime.timedelta(days=1):
                    rest = value[: match.start()] + " " + value[match.end() :]
                    clock = _clock(rest)
                    return _zoned(day, clock, _zone(rest, day, clock))
    return None


def _zoned(day: datetime.date, clock: datetime.time | None, offset: datetime.timedelta | None) -> Stamp:
    """A day and time written with a zone ("6:05 AM EDT", "06:20 am GMT+7") as a stamp on that clock."""
    if clock is None or offset is None:
        return Stamp(day, clock=clock)
    if not offset:
        return Stamp(day, utc=datetime.datetime.combine(day, clock))
    return Stamp(day, offset=offset, clock=clock)


def _zone(text: str, day: datetime.date, clock: datetime.time | None) -> datetime.timedelta | None:
    """The one time zone a short text writes: 'GMT+7', 'UTC+05:45', or a newsroom's abbreviation
    ('EDT'; 'ET', which is EST or EDT as the day falls)."""
    zones = _ZONE_RE.findall(text)
    if len(zones) != 1 or clock is None:
        return None
    sign, hours, minutes, name = zones[0]
    if name in _SEASONAL:
        local = datetime.datetime.combine(day, clock, tzinfo=ZoneInfo(_SEASONAL[name]))
        return local.utcoffset()
    if name:
        return datetime.timedelta(hours=_ZONES[name])
    offset = datetime.timedelta(hours=int(hours or 0), minutes=int(minutes or 0))
    return -offset if sign == "-" else offset


# Time zones as newsrooms write them beside a time; not the ambiguous ones ('IST' is India's,
# Ireland's and Israel's; 'CST' China's and Chicago's; 'BST' Britain's and Bangladesh's; 'AST').
_ZONES = {
    "GMT": 0, "UTC": 0, "WET": 0, "WEST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3, "MSK": 3, "TRT": 3,
    "WAT": 1, "CAT": 2, "SAST": 2, "EAT": 3, "GST": 4, "PKT": 5, "NPT": 5.75, "ICT": 7, "WIB": 7, "HKT": 8,
    "SGT": 8, "MYT": 8, "PHT": 8, "AWST": 8, "JST": 9, "KST": 9, "ACST": 9.5, "ACDT": 10.5, "AEST": 10,
    "AEDT": 11, "NZST": 12, "NZDT": 13, "HST": -10, "AKST": -9, "AKDT": -8, "PST": -8, "PDT": -7,
    "MST": -7, "MDT": -6, "CDT": -5, "EST": -5, "EDT": -4,
}  # fmt: skip
# American zones written without their season ('6:05 AM ET').
_SEASONAL = {"ET": "America/New_York", "CT": "America/Chicago", "MT": "America/Denver", "PT": "America/Los_Angeles"}
_ZONE_RE = re.compile(
    r"(?<![\w+-])(?:(?:GMT|UTC)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?|(" + "|".join([*_ZONES, *_SEASONAL]) + r"))(?![\w+-])"
)


# A time of day: '10:15 PM', '12:30am', '14:20', '3.51 pm'.
_CLOCK_RE = re.compile(r"(?<![\d.:])(\d{1,2})[:.](\d{2})(?::\d{2})?\s*(?:([ap])\.?\s?m\b\.?)?(?![\d.:])", re.I)


def _clock(text: str) -> datetime.time | None:
    """The one time of day a short text writes beside its date, or None."""
    times = _CLOCK_RE.findall(text)
    if len(times) != 1:
        return None
    hour, minute, half = int(times[0][0]), int(times[0][1]), times[0][2].lower()
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "p" else 0)
    return datetime.time(hour, minute) if hour < 24 and minute < 60 else None


def _full_year(year: str) -> int:
    """"19" is 2019 and "98" 1998: the century that does not put the year in the future."""
    if len(year) != 2:
        return int(year)
    this_year = datetime.date.today().year
    return 2000 + int(year) if 2000 + int(year) <= this_year else 1900 + int(year)


def _read_loose(value: str) -> Stamp | None:
    """Other spellings with the month named ("04:25:06 PM IST Apr 08, 2020"), as written."""
    if not re.search(_MONTH, value, re.I) or not re.search(r"\b\d{4}\b", value):
        return None  # "05/09/2020" is May or September: not without a month's name
    readings = set()
    # Read with two different defaults: a day or month the text does not give shows as a difference.
    for default in (datetime.datetime(2001, 1, 1), datetime.datetime(2002, 2, 2)):
        with contextlib.suppress(ValueError, OverflowError, TypeError):
            readings.add(dateutil_parser.parse(value, default=default, ignoretz=True, fuzzy=True).date())
    return Stamp(readings.pop()) if len(readings) == 1 else None


def _stamp(moment: datetime.datetime, offset: datetime.timedelta | None) -> Stamp:
    if offset == datetime.timedelta(0):
        return Stamp(moment.date(), utc=moment)
    return Stamp(moment.date(), offset=offset)
