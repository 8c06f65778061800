"""A read-only file over a memoryview, for reading a mapped index without copying it."""

from __future__ import annotations


class MappedFile:
    """read, readline, readinto, seek and tell over a memoryview, as BytesIO would give them."""

    def __init__(self, view: memoryview) -> None:
        self._view, self._pos = view, 0

    def read(self, size: int | None = -1) -> bytes:
        start = self._pos
        self._pos = len(self._view) if size is None or size < 0 else min(start + size, len(self._view))
        return bytes(self._view[start:self._pos])

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[:len(data)] = data
        return len(data)

    def readline(self, size: int | None = -1) -> bytes:
        limit = len(self._view) if size is None or size < 0 else min(self._pos + size, len(self._view))
        end = self._pos
        while end < limit:  # a page at a time: the rest of a segment may be large
            chunk = bytes(self._view[end:min(end + 4096, limit)])
            newline = chunk.find(b"\n")
            end += newline + 1 if newline >= 0 else len(chunk)
            if newline >= 0:
                break
        return self.read(end - self._pos)

    def seek(self, offset: int, whence: int = 0) -> int:
        self._pos = offset + (0, self._pos, len(self._view))[whence]
        return self._pos

    def tell(self) -> int:
        return self._pos

    def close(self) -> None:
        self._view = memoryview(b"")
