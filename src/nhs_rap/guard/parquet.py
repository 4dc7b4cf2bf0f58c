"""Parquet pages, decompressed with the standard library, so string columns can be checked.

pandas and pyarrow write Parquet with Snappy compression by default, so the strings in a
``.parquet`` file are not visible in its raw bytes. Its layout is simple enough to walk without
pyarrow (a heavy import for a commit hook): after the ``PAR1`` magic come the column chunks, page
after page, each a Thrift compact-protocol header giving the page's compressed and uncompressed
sizes, then its bytes. Each page is opened as gzip, as Snappy (a short pure-Python decoder: the
format is a run of literal and back-reference tags) or kept as it is when uncompressed; a page
that is none of these (Brotli, LZ4, Zstandard) is skipped, and the file is still reported as data.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

MAX_PAGE = 16 * 1024 * 1024  # a Parquet page is normally about a megabyte
_FOOTER = 8  # the footer's length (4 bytes) and the closing PAR1
_PAGE_SIZES = (2, 3)  # PageHeader field ids: uncompressed_page_size, compressed_page_size
_DATA_PAGE_V2 = 8  # PageHeader field holding DataPageHeaderV2, whose levels are not compressed
_V2_LEVEL_LENGTHS = (5, 6)  # its definition and repetition level byte lengths


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, pos
        shift += 7
        if shift > 63:
            raise ValueError("varint too long")


def _zigzag(value: int) -> int:
    return (value >> 1) ^ -(value & 1)


def _skip(data: bytes, pos: int, kind: int, depth: int) -> int:
    """Skip one Thrift compact value of type ``kind`` starting at ``pos``."""
    if kind in (1, 2):  # booleans are held in the field header
        return pos
    if kind == 3:
        return pos + 1
    if kind in (4, 5, 6):
        return _varint(data, pos)[1]
    if kind == 7:
        return pos + 8
    if kind == 8:
        size, pos = _varint(data, pos)
        return pos + size
    if kind in (9, 10):
        header = data[pos]
        pos += 1
        count, element = header >> 4, header & 0x0F
        if count == 15:
            count, pos = _varint(data, pos)
        for _ in range(count):
            pos = pos + 1 if element in (1, 2) else _skip(data, pos, element, depth)
        return pos
    if kind == 11:
        count, pos = _varint(data, pos)
        if count:
            types = data[pos]
            pos += 1
            for _ in range(count):
                pos = _skip(data, pos, types >> 4, depth)
                pos = _skip(data, pos, types & 0x0F, depth)
        return pos
    if kind == 12:
        return _struct(data, pos, depth + 1)[1]
    raise ValueError(f"unknown Thrift type {kind}")


def _struct(data: bytes, pos: int, depth: int = 0) -> tuple[dict[int, object], int]:
    """Read a Thrift compact struct: its integer and struct fields by id, and where it ends."""
    if depth > 8:
        raise ValueError("Thrift structs nest too deep")
    fields: dict[int, object] = {}
    last = 0
    while True:
        header = data[pos]
        pos += 1
        if header == 0:
            return fields, pos
        delta, kind = header >> 4, header & 0x0F
        if delta:
            field = last + delta
        else:
            raw, pos = _varint(data, pos)
            field = _zigzag(raw)
        last = field
        if kind in (4, 5, 6):
            raw, pos = _varint(data, pos)
            fields[field] = _zigzag(raw)
        elif kind == 12:
            fields[field], pos = _struct(data, pos, depth + 1)
        else:
            pos = _skip(data, pos, kind, depth)


def snappy(data: bytes, limit: int = MAX_PAGE) -> bytes:
    """Decompress a raw Snappy block; ValueError if it is not one or would pass ``limit``."""
    length, pos = _varint(data, 0)
    if length > limit:
        raise ValueError("Snappy block too large")
    out = bytearray()
    end = len(data)
    while pos < end:
        tag = data[pos]
        pos += 1
        kind = tag & 3
        if kind == 0:  # a literal run
            size = tag >> 2
            if size >= 60:
                width = size - 59
                size = int.from_bytes(data[pos : pos + width], "little")
                pos += width
            size += 1
            out += data[pos : pos + size]
            pos += size
        else:  # a copy of earlier output
            if kind == 1:
                size = ((tag >> 2) & 7) + 4
                offset = ((tag >> 5) << 8) | data[pos]
                pos += 1
            else:
                width = 2 if kind == 2 else 4
                size = (tag >> 2) + 1
                offset = int.from_bytes(data[pos : pos + width], "little")
                pos += width
            if not 0 < offset <= len(out):
                raise ValueError("Snappy copy before the start")
            start = len(out) - offset
            while size > 0:  # an overlapping copy repeats what it has just written
                chunk = out[start : start + min(size, offset)]
                out += chunk
                start += len(chunk)
                size -= len(chunk)
        if len(out) > length:
            raise ValueError("Snappy block longer than it said")
    if len(out) != length:
        raise ValueError("Snappy block shorter than it said")
    return bytes(out)


def _open_page(page: bytes, uncompressed: int) -> bytes | None:
    """Return the page's bytes uncompressed, or None when its codec is not one read here."""
    if len(page) == uncompressed:
        return page
    if page.startswith(b"\x1f\x8b"):
        inflater = zlib.decompressobj(wbits=31)
        return inflater.decompress(page, uncompressed)
    try:
        return snappy(page, uncompressed)
    except (ValueError, IndexError):
        return None


def pages(data: bytes, budget: int) -> Iterator[bytes]:
    """Yield each page of a Parquet file, uncompressed, up to ``budget`` bytes in all."""
    footer_length = int.from_bytes(data[-_FOOTER:-4], "little")
    end = len(data) - _FOOTER - footer_length
    pos = 4
    while pos < end and budget > 0:
        header, pos = _struct(data, pos)
        uncompressed, compressed = (header.get(field) for field in _PAGE_SIZES)
        if not isinstance(uncompressed, int) or not isinstance(compressed, int) or compressed < 0:
            raise ValueError("not a Parquet page header")
        page, pos = data[pos : pos + compressed], pos + compressed
        levels = 0
        v2 = header.get(_DATA_PAGE_V2)
        if isinstance(v2, dict):
            levels = sum(int(v2.get(field, 0) or 0) for field in _V2_LEVEL_LENGTHS)  # type: ignore[call-overload]
        if uncompressed > MAX_PAGE:
            continue
        opened = _open_page(page[levels:], uncompressed - levels)
        if opened is not None:
            budget -= len(opened)
            yield opened
    yield data[end : len(data) - _FOOTER]  # the footer: the schema, with the column names
