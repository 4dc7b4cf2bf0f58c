"""Data files, by extension (the template's one list) and by content, so renaming is no way round.

The extension list belongs to the template (``_data_file_extensions`` in cookiecutter.json), which
also uses it for ``.gitignore`` and its pre-commit hooks; the guard reads it rather than keeping a
copy that could drift. The content checks are the guard's own: the first bytes of each format.
"""

from __future__ import annotations

from functools import cache

from nhs_rap.filenames import name_endings
from nhs_rap.template import template_config

# SAS7BDAT/SAS7BCAT files open with 12 zero bytes and then this fixed 20-byte signature.
_SAS_MAGIC = bytes(12) + bytes.fromhex("c2ea8160b31411cfbd92080009c7318c181f1011")
_SIMPLE_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PAR1", "a Parquet file"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"$FL2", "an SPSS data file (.sav)"),
    (b"$FL3", "a compressed SPSS data file (.zsav)"),
    (b"ARROW1", "an Arrow/Feather file"),
    (b"FEA1", "a Feather (v1) file"),
    (b"\x89HDF\r\n\x1a\n", "an HDF5 file"),
    (b"<stata_dta>", "a Stata data file (.dta)"),
    (b"RDX2\n", "an R data file (.RData)"),
    (b"RDX3\n", "an R data file (.RData)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an Office file (.xls or similar)"),
    (b"\x00\x01\x00\x00Standard Jet DB", "an Access database (.mdb)"),
    (b"\x00\x01\x00\x00Standard ACE DB", "an Access database (.accdb)"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x1f\x8b", "a gzip-compressed file"),
)


_BY_FIRST_BYTE: dict[bytes, tuple[tuple[bytes, str], ...]] = {
    first: tuple(entry for entry in _SIMPLE_MAGIC if entry[0][:1] == first)
    for first in {magic[:1] for magic, _ in _SIMPLE_MAGIC}
}  # most files start with a byte no format starts with, and need one look-up


@cache
def data_file_extensions() -> tuple[str, ...]:
    """Return the template's data-file extensions, longest first so ``csv.gz`` wins over ``gz``."""
    extensions = template_config()["_data_file_extensions"]
    if not isinstance(extensions, list):
        raise TypeError("cookiecutter.json: _data_file_extensions must be a list of extensions")
    return tuple(
        sorted((str(ext).lower().lstrip(".") for ext in extensions), key=len, reverse=True)
    )


def data_extension(path: str) -> str | None:
    """Return the data-file extension that ``path`` ends with (case-insensitive), if any."""
    parts = name_endings(path)
    known = _extension_set()
    for size in (2, 1):  # the template lists double extensions such as csv.gz
        if len(parts) >= size and ".".join(parts[-size:]) in known:
            return ".".join(parts[-size:])
    return None


@cache
def _extension_set() -> frozenset[str]:
    return frozenset(data_file_extensions())


def sniff(data: bytes) -> str | None:
    """Describe the data format that ``data`` starts like, or return None for anything else."""
    if data.startswith(b"PK\x03\x04"):
        head = data[:65536]
        if b"xl/" in head:
            return "an Excel workbook (.xlsx)"
        if b"opendocument.spreadsheet" in head:
            return "an OpenDocument spreadsheet (.ods)"
        return "a zip archive"
    for magic, description in _BY_FIRST_BYTE.get(data[:1], ()):
        if data.startswith(magic):
            return description
    if data.startswith(_SAS_MAGIC):
        return "a SAS data file (.sas7bdat)"
    if _is_old_stata(data):
        return "a Stata data file (.dta)"
    if _is_pickle(data):
        return "a Python pickle (.pkl)"
    return None


def _is_old_stata(data: bytes) -> bool:
    """Stata formats 104-115: a version byte, a byte-order flag (1 or 2), file type 1, a zero."""
    return (
        len(data) > 4 and 104 <= data[0] <= 115 and data[1] in (1, 2) and data[2:4] == b"\x01\x00"
    )


def _is_pickle(data: bytes) -> bool:
    """Pickles of protocol 2 and up start with PROTO (0x80) and a version, and end with STOP."""
    return len(data) > 3 and data[0] == 0x80 and 2 <= data[1] <= 5 and data.endswith(b".")
