"""Open what a file wraps, by its content, so identifiers inside containers are checked too.

pandas writes ``extract.csv.gz`` or ``cache.pkl.xz`` from the file name alone, spreadsheets and
word-processor documents are zip files of XML, PDFs keep their text in compressed streams, and a
renamed file keeps its content. So containers are recognised by their first bytes, whatever their
name, and opened with the standard library only (the guard runs on every commit, so it imports
nothing heavy): gzip, bzip2, xz, zip (with Office and OpenDocument files read as text), tar, PDF
FlateDecode streams, SQLite databases and Parquet pages (see ``parquet``). Binary data
formats that cannot be decoded here
(Arrow, pickle, HDF5, SPSS, SAS, Stata, old Excel) are read for the text runs they
store, which is where uncompressed string columns and column names sit.

Everything is bounded: how deep containers nest, how many members are read, how many bytes are
produced in all, and how far any one stream may expand (a decompression bomb stops early, and is
reported as a file that could not be opened).
"""

from __future__ import annotations

import bz2
import html
import io
import lzma
import re
import sqlite3
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from nhs_rap.guard import parquet
from nhs_rap.guard.identifiers import NHS_WORDS

MAX_DEPTH = 3  # a zip in a tar in a gzip is as deep as real exports go
MAX_MEMBERS = 2000
MAX_OUTPUT = 64 * 1024 * 1024  # bytes produced from one committed file, all members together
MAX_RATIO = 200  # expanding more than this (past the first megabyte) is a decompression bomb
_RATIO_FLOOR = 1024 * 1024
_CHUNK = 1024 * 1024


class TooBigError(Exception):
    """Opening stopped at a bound; the message says which, for the data-file finding."""


@dataclass
class Budget:
    """What is left of the bounds for one committed file and everything inside it."""

    output: int = MAX_OUTPUT
    members: int = MAX_MEMBERS

    def take(self, size: int) -> None:
        """Spend ``size`` bytes of output, or stop."""
        self.output -= size
        if self.output < 0:
            raise TooBigError(f"it holds more than {MAX_OUTPUT // 2**20} MB once opened")

    def member(self) -> None:
        """Spend one member, or stop."""
        self.members -= 1
        if self.members < 0:
            raise TooBigError(f"it holds more than {MAX_MEMBERS} files")


@dataclass(frozen=True)
class Member:
    """One file inside a container: its name there, its bytes, and whether they are text now.

    ``text`` is True for what this module has already turned into text (a sheet's cells, a
    document's paragraphs, a table's rows): it is read by the text rules as it is, not sniffed.
    """

    name: str
    data: bytes
    text: bool = False


@dataclass
class Opened:
    """A container's description, the members read from it, and why reading stopped, if it did."""

    description: str
    members: list[Member] = field(default_factory=list)
    stopped: str = ""
    is_data: bool = False  # spreadsheets, databases and columnar files are data in themselves


def _stream(decompressor: Callable[[bytes, int], bytes], data: bytes, budget: Budget) -> bytes:
    """Decompress in chunks, stopping at the output budget or an expansion ratio past the cap."""
    out = io.BytesIO()
    chunk = decompressor(data, _CHUNK)
    while chunk:
        budget.take(len(chunk))
        out.write(chunk)
        if out.tell() > _RATIO_FLOOR and out.tell() > MAX_RATIO * max(len(data), 1):
            raise TooBigError(f"it expands more than {MAX_RATIO} times (a decompression bomb?)")
        chunk = decompressor(b"", _CHUNK)
    return out.getvalue()


def _gunzip(data: bytes, budget: Budget) -> bytes:
    inflater = zlib.decompressobj(wbits=47)  # gzip or zlib header, detected

    def step(chunk: bytes, limit: int) -> bytes:
        return inflater.decompress(chunk or inflater.unconsumed_tail, limit)

    return _stream(step, data, budget)


def _bounded(
    make_decompressor: Callable[[], bz2.BZ2Decompressor | lzma.LZMADecompressor],
) -> Callable[[bytes, Budget], bytes]:
    """A reader for bzip2 or xz: both stream with ``max_length`` and stop at ``eof``."""

    def read(data: bytes, budget: Budget) -> bytes:
        decompressor = make_decompressor()

        def step(chunk: bytes, limit: int) -> bytes:
            if decompressor.eof:
                return b""
            return decompressor.decompress(chunk, max_length=limit)

        return _stream(step, data, budget)

    return read


_bunzip = _bounded(bz2.BZ2Decompressor)
_unxz = _bounded(lzma.LZMADecompressor)


_COMPRESSED: tuple[tuple[bytes, str, Callable[[bytes, Budget], bytes], tuple[str, ...]], ...] = (
    (b"\x1f\x8b", "a gzip-compressed file", _gunzip, (".gz", ".tgz", ".gzip")),
    (b"BZh", "a bzip2-compressed file", _bunzip, (".bz2", ".tbz2", ".bz")),
    (b"\xfd7zXZ\x00", "an xz-compressed file", _unxz, (".xz", ".txz", ".lzma")),
)


_TAR_SUFFIXES = {".tgz": ".tar", ".tbz2": ".tar", ".txz": ".tar"}


def _inner_name(path: str, suffixes: tuple[str, ...]) -> str:
    """``extract.csv.gz`` holds ``extract.csv``; ``backup.tgz`` holds ``backup.tar``."""
    name = path.rsplit("/", 1)[-1]
    for suffix in suffixes:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)] + _TAR_SUFFIXES.get(suffix, "")
    return name


# Office Open XML and OpenDocument files: which members hold text, and what the file is.
_SPREADSHEET_MARKERS = (b"xl/", b"opendocument.spreadsheet")
_XML_BREAKS = re.compile(
    rb"</(?:w:p|a:p|text:p|text:h|table:table-row|row|tr|si|li|p|h[1-6])>|<(?:w:br|text:line-break|br)\b[^>]*>"
)
_XML_CELL = re.compile(rb"</(?:table:table-cell|c|td|th|w:tc|is|t)>")
_XML_TAG = re.compile(rb"<[^>]*>")
_SHARED_STRING = re.compile(rb"<si\b[^>]*>(.*?)</si>", re.S)
_XLSX_ROW = re.compile(rb"<row\b[^>]*>(.*?)</row>", re.S)
_XLSX_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.S)
_XLSX_VALUE = re.compile(rb"<v>(.*?)</v>|<is>(.*?)</is>", re.S)


def xml_text(xml: bytes) -> bytes:
    """Turn document XML into lines of text: a line per paragraph or row, a tab between cells."""
    text = _XML_BREAKS.sub(b"\n", xml)
    text = _XML_CELL.sub(b"\t", text)
    text = _XML_TAG.sub(b"", text)
    return html.unescape(text.decode("utf-8", "replace")).encode("utf-8")


def _xlsx_sheet(sheet: bytes, shared: list[bytes]) -> bytes:
    """Rebuild one worksheet as tab-separated rows, with shared strings put back in their cells."""
    rows = []
    for row in _XLSX_ROW.finditer(sheet):
        cells = []
        for cell in _XLSX_CELL.finditer(row.group(1)):
            value = _XLSX_VALUE.search(cell.group(2) or b"")
            raw = (value.group(1) or value.group(2) or b"") if value else b""
            if b't="s"' in cell.group(1) and raw.strip().isdigit():
                index = int(raw)
                raw = shared[index] if index < len(shared) else b""
            cells.append(_XML_TAG.sub(b"", raw))
        rows.append(b"\t".join(cells))
    return html.unescape(b"\n".join(rows).decode("utf-8", "replace")).encode("utf-8") + b"\n"


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: Budget) -> bytes:
    budget.member()
    if info.file_size > MAX_RATIO * max(info.compress_size, 1) and info.file_size > _RATIO_FLOOR:
        raise TooBigError(
            f"{info.filename} expands more than {MAX_RATIO} times (a decompression bomb?)"
        )
    with archive.open(info) as handle:
        data = handle.read(budget.output + 1)
    budget.take(len(data))
    return data


def _zip(data: bytes, budget: Budget) -> Opened:
    head = data[:65536]
    archive = zipfile.ZipFile(io.BytesIO(data))
    infos = [info for info in archive.infolist() if not info.is_dir()]
    names = {info.filename for info in infos}
    if "xl/workbook.xml" in names or any(marker in head for marker in _SPREADSHEET_MARKERS):
        opened = Opened("an Excel workbook (.xlsx)" if "xl/workbook.xml" in names or b"xl/" in head
                        else "an OpenDocument spreadsheet (.ods)", is_data=True)  # fmt: skip
    elif "word/document.xml" in names or b"opendocument.text" in head:
        opened = Opened("a word-processor document")
    elif "ppt/presentation.xml" in names or b"opendocument.presentation" in head:
        opened = Opened("a presentation")
    else:
        opened = Opened("a zip archive")
    office = opened.description != "a zip archive"
    shared: list[bytes] = []
    if "xl/sharedStrings.xml" in names:
        raw = _read_member(archive, archive.getinfo("xl/sharedStrings.xml"), budget)
        shared = [match.group(1) for match in _SHARED_STRING.finditer(raw)]
    for info in infos:
        name = info.filename
        if office and not name.endswith(".xml"):
            continue  # images, fonts and printer settings hold no text worth reading
        if name == "xl/sharedStrings.xml":
            continue  # read into the sheets' cells
        content = _read_member(archive, info, budget)
        if name.startswith("xl/worksheets/"):
            opened.members.append(Member(name, _xlsx_sheet(content, shared), text=True))
        elif office:
            opened.members.append(Member(name, xml_text(content), text=True))
        else:
            opened.members.append(Member(name, content))
    return opened


def _tar(data: bytes, budget: Budget) -> Opened:
    opened = Opened("a tar archive")
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:") as archive:
        for info in archive:
            if not info.isfile():
                continue
            budget.member()
            handle = archive.extractfile(info)
            if handle is None:
                continue
            content = handle.read(budget.output + 1)
            budget.take(len(content))
            opened.members.append(Member(info.name, content))
    return opened


_PDF_STREAM = re.compile(
    rb"<<(?:[^<>]|<<[^<>]*>>)*/FlateDecode(?:[^<>]|<<[^<>]*>>)*>>\s*stream\r?\n"
)
_PDF_TEXT = re.compile(rb"\((?:\\.|[^\\)])*\)|\bT[dDm*]\b|\bET\b|'|\"")
_PDF_ESCAPES = {b"n": b"\n", b"r": b"", b"t": b"\t", b"(": b"(", b")": b")", b"\\": b"\\"}


def _pdf_strings(content: bytes) -> bytes:
    """Pull the text out of a PDF content stream: strings shown, a new line at each line move."""
    out = []
    for match in _PDF_TEXT.finditer(content):
        token = match.group()
        if token.startswith(b"("):
            out.append(
                re.sub(rb"\\(.)", lambda m: _PDF_ESCAPES.get(m.group(1), m.group(1)), token[1:-1])
            )
        else:
            out.append(b"\n")
    return b"".join(out)


def _pdf(data: bytes, budget: Budget) -> Opened:
    opened = Opened("a PDF document")
    for number, match in enumerate(_PDF_STREAM.finditer(data)):
        end = data.find(b"endstream", match.end())
        if end == -1:
            break
        budget.member()
        raw = _stream(zlib.decompressobj().decompress, data[match.end() : end], budget)
        text = _pdf_strings(raw)
        if text.strip():
            opened.members.append(Member(f"stream {number + 1}", text, text=True))
    return opened


def _sqlite(data: bytes, budget: Budget) -> Opened:
    """Read every table of an SQLite database as tab-separated rows under a header of columns.

    The database is loaded into memory, read-only: no extension is loaded and only plain tables
    are read, so nothing the file defines (views, triggers) runs.
    """
    opened = Opened("an SQLite database", is_data=True)
    connection = sqlite3.connect(":memory:")
    try:
        connection.deserialize(data)
        connection.execute("PRAGMA query_only = ON")
        tables = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")]  # fmt: skip
        for table in tables:
            budget.member()
            quoted = '"' + table.replace('"', '""') + '"'
            cursor = connection.execute(
                f"SELECT * FROM {quoted}"
            )  # a table name the file holds, quoted
            lines = ["\t".join(column[0] for column in cursor.description)]
            for row in cursor:
                line = "\t".join("" if value is None else str(value) for value in row)
                budget.take(len(line))
                lines.append(line)
            opened.members.append(
                Member(table, "\n".join(lines).encode("utf-8", "replace"), text=True)
            )
    finally:
        connection.close()
    return opened


def _parquet(data: bytes, budget: Budget) -> Opened:
    """Read a Parquet file's pages, decompressed, and its schema as text runs."""
    try:
        content = b"\n".join(parquet.pages(data, budget.output))
    except (ValueError, IndexError, zlib.error):
        content = data  # not laid out as expected: read what its raw bytes show
    budget.take(len(content))
    return Opened(
        "a Parquet file", [Member("pages", text_runs(content, NHS_WORDS), text=True)], is_data=True
    )


_PRINTABLE_RUN = re.compile(rb"[\t\x20-\x7e\xa0-\xff]{4,}|(?:[\x20-\x7e]\x00){4,}")


def text_runs(data: bytes, labels: re.Pattern[bytes]) -> bytes:
    """The text a binary data file stores, a line per run, with column-name runs first.

    Columnar formats keep their schema in a footer, after the values; putting runs that name a
    column (``labels``) first lets them act as the header they are.
    """
    runs = []
    for match in _PRINTABLE_RUN.finditer(data):
        run = match.group()
        runs.append(run.replace(b"\x00", b"") if b"\x00" in run else run)
    header = [run for run in runs if labels.search(run.lower())]
    return b"\n".join([*header, *runs]) + b"\n"


def _is_tar(data: bytes) -> bool:
    return data[257:262] == b"ustar"


def open_container(path: str, data: bytes, budget: Budget) -> Opened | None:
    """Open ``data`` if it is a container this module reads; None if it is not one.

    Raises ``TooBigError`` when a bound is reached, and any decoding error when the file is damaged;
    the caller reports both as a data file that could not be opened.
    """
    for magic, description, inflate, suffixes in _COMPRESSED:
        if data.startswith(magic):
            inner = inflate(data, budget)
            return Opened(description, [Member(_inner_name(path, suffixes), inner)])
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _zip(data, budget)
    if _is_tar(data):
        return _tar(data, budget)
    if data.startswith(b"%PDF-"):
        return _pdf(data, budget)
    if data.startswith(b"SQLite format 3\x00"):
        return _sqlite(data, budget)
    if data.startswith(b"PAR1") and data.endswith(b"PAR1") and len(data) >= 12:
        return _parquet(data, budget)
    return None


@dataclass(frozen=True)
class Layer:
    """A committed file or a file inside it, with what it opened as and why opening stopped."""

    path: str  # members are named outer!/inner
    data: bytes
    opened: Opened | None = None
    stopped: str = ""
    text: bool = False  # already text, made by this module (see Member)


def describe(data: bytes) -> str | None:
    """Name the container format ``data`` starts like, whether or not it could be opened."""
    for magic, description, _, _ in _COMPRESSED:
        if data.startswith(magic):
            return description
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "a zip archive"
    if _is_tar(data):
        return "a tar archive"
    if data.startswith(b"%PDF-"):
        return "a PDF document"
    return None


def walk(
    path: str, data: bytes, budget: Budget, depth: int = 0, text: bool = False
) -> Iterator[Layer]:
    """Yield the layer for ``data`` and then, depth first, the layers of everything it holds."""
    opened: Opened | None = None
    stopped = ""
    if depth >= MAX_DEPTH:
        if describe(data):
            stopped = f"containers nest more than {MAX_DEPTH} deep"
    else:
        try:
            opened = open_container(path, data, budget)
        except TooBigError as error:
            stopped = str(error)
        except (OSError, EOFError, ValueError, zlib.error, lzma.LZMAError, zipfile.BadZipFile,
                tarfile.TarError, sqlite3.Error, IndexError, KeyError,
                RuntimeError, NotImplementedError) as error:  # fmt: skip
            # RuntimeError: an encrypted zip; NotImplementedError: a compression method unknown
            stopped = f"it could not be opened ({type(error).__name__})"
    yield Layer(path, data, opened, stopped, text)
    if opened is not None:
        for member in opened.members:
            yield from walk(f"{path}!/{member.name}", member.data, budget, depth + 1, member.text)
