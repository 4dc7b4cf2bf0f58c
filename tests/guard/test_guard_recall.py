# ruff: noqa: E501 - one generated shape per line reads best
"""Leaks the guard once missed and look-alikes it once flagged, one general shape per test.

The values are generated (Modulus 11 numbers from the nhs-number oracle, fake secrets of the
right shape); the corpus in ``benchmarks/guard_corpus.py`` measures the same categories on other,
randomised shapes so that these examples are not what the guard is tuned to.
"""

from __future__ import annotations

import base64
import bz2
import gzip
import io
import lzma
import pickle
import re
import tarfile
import zipfile
import zlib

import pytest
from guard_helpers import rules, scan, valid_number
from hypothesis import given, settings
from hypothesis import strategies as st

from nhs_rap.guard.allowlist import AllowEntry, AllowList
from nhs_rap.guard.containers import MAX_RATIO
from nhs_rap.guard.findings import Finding, material_digest
from nhs_rap.guard.parquet import snappy
from nhs_rap.guard.report import report_lines
from nhs_rap.guard.scan import Options, Scanner

NUMBERS = [n for n in (valid_number(f"4{i:02d}5551{i:02d}") for i in range(10, 40)) if n][:4]
CSV = ("nhs_number,sex\n" + "".join(f"{n},M\n" for n in NUMBERS[:2])).encode()


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _tar(name: str, content: bytes) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        info = tarfile.TarInfo(name)
        info.size = len(content)
        archive.addfile(info, io.BytesIO(content))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("renamed.txt", gzip.compress(CSV)),
        ("out.csv.bz2", bz2.compress(CSV)),
        ("out.dat", lzma.compress(CSV)),
        ("bundle.bin", _zip({"inner/x.csv": CSV})),
        ("backup.bak", _tar("x.csv", CSV)),
        ("twice.gz", gzip.compress(_zip({"x.csv": gzip.compress(CSV)}))),
        ("cache.pkl.gz", gzip.compress(pickle.dumps({"nhs_number": NUMBERS[:2]}))),
        ("export.txt", CSV.replace(b",", b"\t").decode().encode("utf-16-le")),
        ("export.txt", CSV.replace(b",", b"\t").decode().encode("utf-16-be")),
    ],
)
def test_identifiers_inside_containers_and_bomless_utf16_are_found(path: str, data: bytes) -> None:
    assert "nhs-number" in rules(scan(data, path))


def test_word_documents_and_pdf_streams_are_read_as_text() -> None:
    sentence = f"Patient NHS number {NUMBERS[0]} attended."
    docx = _zip({"word/document.xml": f"<w:p><w:t>{sentence}</w:t></w:p>".encode()})
    content = zlib.compress(f"BT ({sentence}) Tj ET".encode())
    pdf = b"%PDF-1.7\n<< /Filter /FlateDecode >>\nstream\n" + content + b"\nendstream\n"
    for path, data in (("letter.docx", docx), ("letter.pdf", pdf)):
        found = scan(data, path)
        assert rules(found) == ["nhs-number"]
        assert found[0].path.startswith(f"{path}!/")


def test_an_allowed_workbook_still_has_its_cells_checked() -> None:
    shared = "".join(f"<si><t>{cell}</t></si>" for cell in ["NHS Number", *NUMBERS[:2]])
    rows = "".join(f'<row><c t="s"><v>{i}</v></c></row>' for i in range(3))
    book = _zip({
        "xl/workbook.xml": b"<workbook/>",
        "xl/sharedStrings.xml": f"<sst>{shared}</sst>".encode(),
        "xl/worksheets/sheet1.xml": f"<worksheet><sheetData>{rows}</sheetData></worksheet>".encode(),
    })  # fmt: skip
    allow = AllowList((AllowEntry("tests/*.xlsx", "data-file", "synthetic fixture"),))
    found = Scanner(allow, Options()).scan("tests/book.xlsx", book)
    assert rules(found) == ["nhs-number", "nhs-number"]


def test_a_decompression_bomb_stops_early_and_is_reported_as_a_data_file() -> None:
    bomb = gzip.compress(bytes(20 * 1024 * 1024))  # zeros shrink a thousandfold
    assert len(bomb) * MAX_RATIO < 20 * 1024 * 1024
    found = scan(bomb, "notes.txt")
    assert rules(found) == ["data-file"] and "decompression bomb" in found[0].message


def test_built_docs_are_not_data_files() -> None:
    sitemap = gzip.compress(b"<urlset><url><loc>https://x.github.io/</loc></url></urlset>")
    doctree = pickle.dumps({"text": "An ordinary page"}, protocol=4)
    assert scan(sitemap, "sitemap.xml.gz") == []
    assert scan(doctree, "_build/.doctrees/index.doctree") == []


@pytest.mark.parametrize(
    "text",
    [
        "The NHS numbers of the patients to recall:\n\n{s}\n",
        "nhs_nos = [\n    {n},\n]\n",
        '{{"nhsIds": [{n}]}}\n',
        '{{"nhs": "{n}", "age": 4}}\n',
        "NHS number: {nbsp}\n",
        "NHS no. {dots}\n",
        "NHS number (1),(2),(3)\n{a},{b},{c}\n",
        "Seen today (DOB 13/02/1984), ref {n}, referred on.\n",
    ],
)
def test_evidence_beyond_a_same_line_label(text: str) -> None:
    n = NUMBERS[0]
    filled = text.format(
        n=n, s=f"{n[:3]} {n[3:6]} {n[6:]}", nbsp="\u00a0".join((n[:3], n[3:6], n[6:])),
        dots=".".join((n[:3], n[3:6], n[6:])), a=n[:3], b=n[3:6], c=n[6:],
    )  # fmt: skip
    found = scan(filled, "notes.md")
    assert rules(found) == ["nhs-number"]
    assert n[:8] not in found[0].message


def test_timestamps_do_not_dilute_the_density_rule() -> None:
    lines = [f'{{"subject": {n}, "ts": {1_700_000_000 + i * 7919}}}' for i, n in enumerate(NUMBERS)]
    assert rules(scan("\n".join(lines) + "\n", "events.jsonl")) == ["nhs-number"] * 4


def _isbn10(first_nine: str) -> str | None:
    return valid_number(first_nine)  # ISBN-10 uses the same weights and the same check


@pytest.mark.parametrize(
    "text",
    [
        "Patient safety handbook. ISBN {isbn}.\n",
        "patient record updated at {ts} by the nightly job\n",
        "Total patient spend: £{big}\n",
        "code,term\n{c1},Patient referral (procedure)\n{c2},Patient seen (finding)\n{c3},x\n",
    ],
)
def test_look_alikes_near_the_word_patient_are_not_nhs_numbers(text: str) -> None:
    values = iter(n for n in (valid_number(f"1{i:04d}00000"[:9]) for i in range(7000, 9000)) if n)
    codes = [n for n in (valid_number(f"5{i:03d}44321") for i in range(200, 300)) if n]
    filled = text.format(
        isbn=_isbn10("030640615"), ts=next(values), big=codes[0], c1=codes[1], c2=codes[2],
        c3=codes[3],
    )  # fmt: skip
    assert scan(filled, "notes.md") == []


@pytest.mark.parametrize(
    "text",
    [
        '{\n  "date_of_birth": "1984-02-13",\n  "name": "A",\n  "postcode": "LS1 4AP"\n}\n',
        "- dob: 1984-02-13\n  postcode: LS1 4AP\n",
        "dob,postcode\n19840213,LS1 4AP\n",
        "DOB 13-Feb-84, postcode LS1 4AP\n",
    ],
)
def test_postcode_and_birth_date_in_one_record(text: str) -> None:
    assert rules(scan(text, "people.txt")) == ["postcode-with-birth-date"]


def test_a_births_column_beside_postcodes_is_not_a_date_of_birth() -> None:
    table = "postcode,period,births\nLS1 4AP,2024-01-01,35\nLS2 7EW,2024-02-01,41\n"
    assert scan(table, "births.md") == []


SIG = "Qm9ndXNTaWduYXR1cmVGb3JUZXN0aW5nT25seTAx%3D"
PASSWORD = "Zq7" + "rLm2!x"


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("fetch.py", f'URL = "https://acct.blob.core.windows.net/c/a.csv?sv=2022-11-02&sp=r&sig={SIG}"\n'),
        ("job.py", 'token = "dapi' + "0a1b2c3d" * 4 + '"\n'),
        (".databrickscfg", "[DEFAULT]\nhost = https://adb-1.azuredatabricks.net\ntoken = dapi" + "9f" * 16 + "\n"),
        ("ci.yml", "env:\n  ADO_PAT: " + "abcdefghijklmnopqrstuvwxyz234567" + "qrstuvwxyz23456abcde\n"),
        ("alert.py", 'HOOK = "https://hooks.slack.com/services/T0123ABCD/B0123ABCDE/' + "aB3" * 8 + '"\n'),
        (".netrc", f"machine files.nhs.net\n  login analyst\n  password {PASSWORD}\n"),
        (".pgpass", f"db.internal:5432:rap:analyst:{PASSWORD}\n"),
        ("client.py", 'H = {"Authorization": "Basic ' + base64.b64encode(f"me:{PASSWORD}".encode()).decode() + '"}\n'),
        (".env", f"DB_PASSWORD=Zq#{PASSWORD}\n"),
        ("settings.yaml", f"password: '@{PASSWORD}'\n"),
        ("settings.yaml", "password: mystery2024!\n"),
        ("key.ppk", "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nPrivate-Lines: 1\nAAAA\n"),
    ],
)  # fmt: skip
def test_credentials_common_in_nhs_stacks(path: str, text: str) -> None:
    found = scan(text, path)
    assert set(rules(found)) & {"credential", "private-key"}
    assert PASSWORD not in "\n".join(report_lines(found))


def test_a_pkcs12_container_is_a_private_key() -> None:
    body = (
        bytes.fromhex("020103")
        + bytes.fromhex("30820010")
        + bytes.fromhex("06092a864886f70d010701")
    )
    pfx = bytes.fromhex("3082") + (len(body) + 64).to_bytes(2, "big") + body + bytes(64)
    assert rules(scan(pfx, "certs/client.pfx")) == ["private-key"]


def test_placeholders_for_new_credential_shapes_are_not_flagged() -> None:
    for text in (
        "Append ?sv=<version>&sig=<signature> to the address.\n",
        'curl -H "Authorization: Basic <base64 of user:password>" https://api.example.org\n',
        "notify: https://hooks.slack.com/services/XXXX/YYYY/ZZZZ\n",
        "machine example.com login <user> password <password>\n",
        "password: my_password_here\n",
    ):
        assert scan(text, "docs.md") == [], text


def test_each_finding_on_a_line_has_its_own_fingerprint() -> None:
    line = "NHS numbers: " + " ".join(NUMBERS) + "\n"
    found = scan(line, "notes.txt")
    assert len(found) == 4 and len({finding.fingerprint for finding in found}) == 4


def test_a_fingerprint_in_the_report_is_printed_whole() -> None:
    """Even when four of its digits happen to be four digits of the finding's value."""
    for attempt in range(200):
        digest = material_digest("nhs-number", f"line {attempt}".encode())
        fingerprint = Finding("a.txt", 1, "nhs-number", "m", digest).fingerprint
        run = re.search(r"[0-9]{4,}", fingerprint)
        if run:
            break
    assert run is not None
    finding = Finding("a.txt", 1, "nhs-number", "NHS number (masked)", digest, "40" + run[0])
    (line,) = report_lines([finding])
    assert line.endswith(f"[fingerprint {fingerprint}]")


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=0, max_value=10**9 - 1),
    st.sampled_from([" ", "-", "\u00a0", "\u2009", "."]),
)
def test_any_labelled_valid_number_is_found_with_any_separator(first: int, sep: str) -> None:
    number = valid_number(f"{first:09d}")
    if number is None or number.startswith("999") or len(set(number)) == 1:
        return
    text = f"NHS number: {sep.join((number[:3], number[3:6], number[6:]))}\n"
    found = scan(text, "notes.txt")
    assert rules(found) == ["nhs-number"]
    assert number[:8] not in "\n".join(report_lines(found))


@settings(max_examples=40, deadline=None)
@given(st.binary(min_size=0, max_size=2048))
def test_damaged_containers_never_crash_the_guard(tail: bytes) -> None:
    for magic in (
        b"\x1f\x8b",
        b"BZh9",
        b"\xfd7zXZ\x00",
        b"PK\x03\x04",
        b"%PDF-",
        b"SQLite format 3\x00",
    ):
        scan(magic + tail, "file.bin")


def test_a_data_file_already_in_data_folder_is_told_to_be_unstaged() -> None:
    (finding,) = [f for f in scan(CSV, "data/extract.csv") if f.rule_id == "data-file"]
    assert "git rm --cached data/extract.csv" in finding.message
    assert "keep data in data/" not in finding.message


def _uleb(value: int) -> bytes:
    out = bytearray()
    while True:
        byte, value = value & 0x7F, value >> 7
        out.append(byte | (0x80 if value else 0))
        if not value:
            return bytes(out)


def _page_header(uncompressed: int, compressed: int) -> bytes:
    """A Thrift compact PageHeader: type, uncompressed and compressed sizes (zigzag i32s)."""
    return b"".join(b"\x15" + _uleb(value * 2) for value in (0, uncompressed, compressed)) + b"\x00"


def _snappy_with_copy(raw: bytes, period: int) -> bytes:
    """A Snappy block: the first ``period`` bytes as a literal, then copies of them, repeated."""
    assert raw == raw[:period] * (len(raw) // period) and period <= 60
    block = _uleb(len(raw)) + bytes([(period - 1) << 2]) + raw[:period]
    for _ in range(len(raw) // period - 1):
        block += bytes([((period - 1) << 2) | 2]) + period.to_bytes(2, "little")  # 2-byte offset
    return block


def test_parquet_pages_compressed_as_pandas_writes_them_are_read() -> None:
    value = NUMBERS[0].encode()
    plain = (len(value).to_bytes(4, "little") + value + b"\x0a\x00\x00\x00" + b"F" * 6) * 3
    footer = b"\x15\x00\x19\x1c\x18\x0anhs_number\x00"
    for page in (_snappy_with_copy(plain, len(plain) // 3), gzip.compress(plain)):
        body = b"PAR1" + _page_header(len(plain), len(page)) + page + footer
        parquet = body + len(footer).to_bytes(4, "little") + b"PAR1"
        assert parquet.count(value) < 3  # compressed: the raw bytes do not show all three rows
        found = scan(parquet, "tests/fixture.parquet")
        assert rules(found) == ["data-file"] + ["nhs-number"] * 3, found


@settings(max_examples=60, deadline=None)
@given(st.binary(min_size=1, max_size=300), st.integers(min_value=1, max_value=40))
def test_snappy_literals_and_overlapping_copies_decode(raw: bytes, repeat: int) -> None:
    """A literal, then a copy one byte back repeated (overlapping, as run-length Snappy does)."""
    block = _uleb(len(raw) + repeat) + bytes([(len(raw) - 1) << 2]) if len(raw) <= 60 else b""
    if not block:
        block = _uleb(len(raw) + repeat) + bytes([61 << 2]) + (len(raw) - 1).to_bytes(2, "little")
    block += raw + bytes([((repeat - 1) << 2) | 2]) + (1).to_bytes(2, "little")
    assert snappy(block) == raw + raw[-1:] * repeat
