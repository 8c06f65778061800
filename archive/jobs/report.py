"""A job's report: every item with its outcome, as CSV for a spreadsheet."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from archive.models import ImportJob

COLUMNS = ["position", "name", "outcome", "reason", "article", "title", "sha256"]
# A cell starting with one of these is a formula to a spreadsheet: a file named
# "=HYPERLINK(...)" in an uploaded zip must stay text.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def report_rows(job: ImportJob) -> Iterator[str]:
    """The CSV lines of the report, header first, items in upload order, read in chunks."""
    line = _Line()
    writer = csv.writer(line)
    writer.writerow(COLUMNS)
    yield line.take()
    items = job.items.order_by("position").values_list(
        "position", "name", "state", "reason", "article_id", "article__title", "sha256"
    )
    for row in items.iterator(chunk_size=2000):
        writer.writerow([_as_text(value) for value in row])
        yield line.take()


def _as_text(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


class _Line:
    """A file-like target for csv.writer that hands back what was written."""

    def __init__(self):
        self.text = ""

    def write(self, text: str) -> None:
        self.text += text

    def take(self) -> str:
        text, self.text = self.text, ""
        return text
