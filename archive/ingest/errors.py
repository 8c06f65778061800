from __future__ import annotations


class IngestError(Exception):
    """An upload that cannot be imported; the message is shown to the uploader as is."""
