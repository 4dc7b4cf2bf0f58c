# ruff: noqa: E501 - each generated shape reads best as one line of its own
"""Measure the guard's recall and false positives on a generated corpus of leaks and look-alikes.

Run from the repository root:

    .venv/bin/python benchmarks/guard_corpus.py                 # 8 variants of every shape
    .venv/bin/python benchmarks/guard_corpus.py --variants 20 --seed 7 --misses

Every case is generated here, from a seed: NHS numbers made with the Modulus 11 rule (outside the
999 test range), fake secrets of the right shape, made-up postcodes and dates, wrapped in random
surroundings (filler prose, column names, file names, positions). Nothing in it is real data.
The shapes are kept apart from the unit tests' examples (``tests/guard``), and each run can use a
new seed, so that the guard is measured on what it has not been tuned to.

A leak counts as caught when the guard reports one of the rules expected for it; a look-alike
counts as a false positive when the guard reports anything at all. Only counts and case names are
printed, never a value. ``--misses`` names the shapes that were missed or wrongly flagged.
"""

from __future__ import annotations

import argparse
import base64
import bz2
import gzip
import io
import json
import lzma
import pickle
import random
import sqlite3
import string
import sys
import tarfile
import tempfile
import zipfile
import zlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

FILLER = tuple(
    [
        "the",
        "referral",
        "pathway",
        "was",
        "reviewed",
        "by",
        "the",
        "service",
        "team",
        "and",
        "the",
        "quarterly",
        "figures",
        "were",
        "agreed",
        "with",
        "the",
        "commissioner",
        "before",
        "publication",
        "of",
        "the",
        "waiting",
        "time",
        "summary",
        "for",
        "each",
        "trust",
    ]
)
POSTCODE_AREAS = ("LS", "M", "B", "NE", "SW", "EC", "CF", "BS", "S", "HU", "YO", "NG")


@dataclass(frozen=True)
class Case:
    """One generated file: a leak the guard should report, or a look-alike it should not."""

    category: str
    shape: str
    leak: bool
    path: str
    data: bytes
    expect: frozenset[str] = frozenset()
    allow: tuple[tuple[str, str], ...] = field(default=())  # (path glob, rule) allow entries


class Maker:
    """Random values of the right shape, from one seeded generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def nhs(self) -> str:
        """A valid NHS number outside the test range (England's 4xx and 6xx-7xx blocks)."""
        while True:
            first = str(self.rng.choice((self.rng.randint(400, 499), self.rng.randint(600, 799))))
            first_nine = first + f"{self.rng.randint(0, 999999):06d}"
            total = sum(int(d) * w for d, w in zip(first_nine, range(10, 1, -1), strict=True))
            check = (11 - total % 11) % 11
            if check != 10:
                return first_nine + str(check)

    def spaced(self, number: str, separator: str = " ") -> str:
        return separator.join((number[:3], number[3:6], number[6:]))

    def words(self, count: int) -> str:
        return " ".join(self.rng.choice(FILLER) for _ in range(count))

    def postcode(self) -> str:
        area = self.rng.choice(POSTCODE_AREAS)
        letters = self.rng.choice("ABDEFGHJLNPQRSTUWXYZ") + self.rng.choice("ABDEFGHJLNPQRSTUWXYZ")
        return f"{area}{self.rng.randint(1, 19)} {self.rng.randint(0, 9)}{letters}"

    def date(self) -> tuple[int, int, int]:
        return self.rng.randint(1935, 2010), self.rng.randint(1, 12), self.rng.randint(1, 28)

    def token(self, alphabet: str, length: int) -> str:
        return "".join(self.rng.choice(alphabet) for _ in range(length))

    def password(self) -> str:
        return (
            self.token(string.ascii_letters + string.digits, 6)
            + self.rng.choice("!%&*")
            + (self.token(string.digits, 3))
        )

    def name(self, *choices: str) -> str:
        return self.rng.choice(choices)


def _labelled_csv(make: Maker, rows: int = 4) -> str:
    header = make.name("nhs_number", "NHS Number", "nhs_no", "NHSNumber")
    lines = [f"{header},age_band,sex"]
    lines += [
        f"{make.nhs()},{make.rng.randint(1, 9) * 10}-{make.rng.randint(1, 9)},F"
        for _ in range(rows)
    ]
    return "\n".join(lines) + "\n"


def _zip(members: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _tar(members: dict[str, bytes], mode: str = "w") -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode=mode) as archive:  # type: ignore[call-overload]
        for name, content in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
    return buffer.getvalue()


def _xlsx(rows: list[list[str]]) -> bytes:
    strings = sorted({cell for row in rows for cell in row})
    index = {cell: number for number, cell in enumerate(strings)}
    shared = "".join(f"<si><t>{cell}</t></si>" for cell in strings)
    sheet_rows = "".join(
        f'<row r="{r + 1}">'
        + "".join(
            f'<c r="{chr(65 + c)}{r + 1}" t="s"><v>{index[cell]}</v></c>'
            for c, cell in enumerate(row)
        )
        + "</row>"
        for r, row in enumerate(rows)
    )
    return _zip(
        {
            "[Content_Types].xml": '<?xml version="1.0"?><Types/>',
            "xl/workbook.xml": "<workbook><sheets><sheet name='Sheet1'/></sheets></workbook>",
            "xl/sharedStrings.xml": f'<?xml version="1.0"?><sst count="{len(strings)}">{shared}</sst>',
            "xl/worksheets/sheet1.xml": f"<worksheet><sheetData>{sheet_rows}</sheetData></worksheet>",
        }
    )


def _docx(paragraphs: list[str]) -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>" for text in paragraphs)
    return _zip(
        {
            "[Content_Types].xml": "<Types/>",
            "word/document.xml": f'<?xml version="1.0"?><w:document><w:body>{body}</w:body></w:document>',
        }
    )


def _odt(paragraphs: list[str]) -> bytes:
    body = "".join(f"<text:p>{text}</text:p>" for text in paragraphs)
    return _zip(
        {
            "mimetype": "application/vnd.oasis.opendocument.text",
            "content.xml": f"<office:document-content><office:body>{body}</office:body></office:document-content>",
        }
    )


def _pdf(lines: list[str]) -> bytes:
    content = (
        "BT /F1 11 Tf 72 720 Td " + " ".join(f"({line}) Tj 0 -14 Td" for line in lines) + " ET"
    )
    stream = zlib.compress(content.encode("latin-1"))
    return (
        b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"4 0 obj << /Length "
        + str(len(stream)).encode()
        + b" /Filter /FlateDecode >>\nstream\n"
        + stream
        + b"\nendstream\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    )


def _sqlite(rows: list[tuple[str, str]]) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "db"
        connection = sqlite3.connect(path)
        connection.execute("create table patients (nhs_number text, ethnicity text)")
        connection.executemany("insert into patients values (?, ?)", rows)
        connection.commit()
        connection.close()
        return path.read_bytes()


def _parquet_plain(column: str, values: list[str]) -> bytes:
    """The shape of an uncompressed Parquet file: PAR1, plain byte arrays, a footer naming columns."""
    page = b"".join(len(value).to_bytes(4, "little") + value.encode() for value in values)
    footer = (
        b"\x15\x00\x19\x2c\x48\x0cschema\x15\x02\x00\x15\x0c\x25\x02\x18"
        + bytes([len(column)])
        + column.encode()
    )
    return (
        b"PAR1"
        + b"\x15\x00\x15"
        + bytes([len(page) % 128])
        + page
        + footer
        + len(footer).to_bytes(4, "little")
        + b"PAR1"
    )


def container_cases(make: Maker) -> list[Case]:
    csv = _labelled_csv(make)
    expect = frozenset({"nhs-number"})
    name = make.words(1)
    headers = [make.name("NHS Number", "nhs_number"), "Ethnicity"]
    rows = [headers] + [[make.nhs(), make.name("A", "B", "C")] for _ in range(3)]
    prose = [
        f"{make.words(6)}.",
        f"Patient NHS number {make.spaced(make.nhs())} was {make.words(4)}.",
    ]
    leaks = {
        "gzip renamed": (f"exports/{name}.txt", gzip.compress(csv.encode())),
        "gzip no extension": (f"exports/{name}", gzip.compress(csv.encode())),
        "pandas csv.gz": (f"outputs/{name}.csv.gz", gzip.compress(csv.encode())),
        "bz2": (f"outputs/{name}.csv.bz2", bz2.compress(csv.encode())),
        "xz": (f"outputs/{name}.dat", lzma.compress(csv.encode())),
        "zip of csv": (f"outputs/{name}.zip", _zip({f"{name}.csv": csv})),
        "tar renamed": (f"backup/{name}.bak", _tar({f"{name}.csv": csv.encode()})),
        "tar.gz": (f"backup/{name}.tgz", _tar({f"{name}.csv": csv.encode()}, "w:gz")),
        "docx": (f"docs/{name}.docx", _docx(prose)),
        "odt": (f"docs/{name}.odt", _odt(prose)),
        "pdf flate": (f"docs/{name}.pdf", _pdf(prose)),
        "pickle.gz": (
            f"cache/{name}.pkl.gz",
            gzip.compress(pickle.dumps({"nhs_number": [r[0] for r in rows[1:]]})),
        ),
        "utf-16le no bom": (f"exports/{name}.txt", csv.replace(",", "\t").encode("utf-16-le")),
        "utf-16be no bom": (f"exports/{name}.txt", csv.replace(",", "\t").encode("utf-16-be")),
        "sqlite": (f"cache/{name}.db", _sqlite([(r[0], r[1]) for r in rows[1:]])),
        "parquet plain": (
            f"cache/{name}.parquet",
            _parquet_plain("nhs_number", [r[0] for r in rows[1:]]),
        ),
    }
    cases = [
        Case("containers", shape, True, path, data, expect) for shape, (path, data) in leaks.items()
    ]
    cases.append(
        Case(
            "containers",
            "allow-listed xlsx",
            True,
            "tests/fixtures/book.xlsx",
            _xlsx(rows),
            expect,
            (("tests/fixtures/*.xlsx", "data-file"),),
        )
    )
    cases.append(
        Case(
            "containers",
            "allow-listed parquet",
            True,
            "tests/fixtures/t.parquet",
            _parquet_plain("nhs_number", [r[0] for r in rows[1:]]),
            expect,
            (("tests/fixtures/*.parquet", "data-file"),),
        )
    )
    report = [f"{make.words(8)}.", f"In total {make.rng.randint(100, 9999)} {make.words(5)}."]
    looks = {
        "docx report": (f"docs/{name}.docx", _docx(report)),
        "pdf report": (f"docs/{name}.pdf", _pdf(report)),
        "utf-16 prose": (f"docs/{name}.txt", " ".join(report).encode("utf-16-le")),
        "gzip of markdown": (f"docs/{name}.md.gz", gzip.compress(" ".join(report).encode())),
    }
    cases += [Case("containers", shape, False, path, data) for shape, (path, data) in looks.items()]
    return cases


def nhs_evidence_cases(make: Maker) -> list[Case]:
    expect = frozenset({"nhs-number"})
    number = make.nhs()
    w = make.words
    variable = make.name("nhs_nos", "nhsNumbers", "NHSNo", "pt_nhs_num", "nhs_numbers", "NHS_NO")
    leaks = {
        "label in paragraph above": f"{w(9)}.\n\nThe NHS numbers of the patients to recall:\n\n{make.spaced(number)}\n{make.spaced(make.nhs())}\n",
        "label in heading above": f"## Patients to recall ({w(2)})\n\n{w(12)}.\n\n- {number}\n",
        "variable name": f"{variable} = [\n    {number},\n    {make.nhs()},\n]\n",
        "json key": json.dumps({"records": [{variable: number, "age": 41}]}, indent=2),
        "yaml key": f"recall:\n  - {variable}: {number}\n    reason: {w(3)}\n",
        "nbsp separators": f"NHS number: {make.spaced(number, chr(0xA0))} {w(4)}\n",
        "thin space separators": f"NHS no. {make.spaced(number, chr(0x2009))}\n",
        "narrow nbsp separators": f"NHS number {make.spaced(number, chr(0x202F))}\n",
        "dot separators": f"nhs number {make.spaced(number, '.')}\n",
        "split across cells": f"NHS number (part 1),part 2,part 3,age\n{number[:3]},{number[3:6]},{number[6:]},44\n",
        "markdown cells": f"| NHS no | | | {w(1)} |\n|---|---|---|---|\n| {number[:3]} | {number[3:6]} | {number[6:]} | 3 |\n",
        "prose with dob": f"{w(5).capitalize()}. Mrs A was seen today (DOB {make.rng.randint(1, 28)}/0{make.rng.randint(1, 9)}/19{make.rng.randint(40, 99)}), ref {number}, {w(6)}.\n",
        "diluted by timestamps": "\n".join(
            json.dumps(
                {
                    "event": w(1),
                    "ts": make.rng.randint(1_600_000_000, 1_800_000_000),
                    "subject": make.nhs(),
                }
            )
            + "\n"
            + json.dumps({"event": w(1), "ts": make.rng.randint(1_600_000_000, 1_800_000_000)})
            for _ in range(6)
        )
        + "\n",
    }
    cases = [
        Case(
            "nhs-evidence",
            shape,
            True,
            f"notes/{shape.replace(' ', '_')}.{make.name('md', 'txt', 'py', 'json')}",
            text.encode("utf-8"),
            expect,
        )
        for shape, text in leaks.items()
    ]
    isbn = _isbn10(make)
    looks = {
        "isbn-10": f"{make.words(3).title()}: patient safety in practice. London; 20{make.rng.randint(10, 24)}. ISBN {isbn}.\n",
        "isbn-10 list": "\n".join(
            f"- Patient care handbook, ISBN-10: {_isbn10(make)}" for _ in range(3)
        )
        + "\n",
        "timestamp near patient": f"patient record updated at {_valid_in(make, 1_600_000_000, 1_800_000_000)} by the {w(2)} job\n",
        "epoch column": "patient_id,updated_epoch\n"
        + "".join(
            f"P{make.rng.randint(1, 999)},{_valid_in(make, 1_600_000_000, 1_800_000_000)}\n"
            for _ in range(4)
        ),
        "count near patient": f"Total patient spend in the year: £{_valid_in(make, 1_000_000_000, 9_999_999_999)}\n",
        "snomed code list": "code,term\n"
        + "".join(
            f"{_valid_in(make, 1_000_000_000, 9_999_999_999)},Patient {w(3)} (procedure)\n"
            for _ in range(4)
        ),
    }
    cases += [
        Case(
            "nhs-evidence",
            shape,
            False,
            f"docs/{shape.replace(' ', '_')}.md",
            text.encode(),
        )
        for shape, text in looks.items()
    ]
    return cases


def _isbn10(make: Maker) -> str:
    """An ISBN-10 whose check digit is a digit (same weights as an NHS number), unhyphenated."""
    while True:
        nine = f"{make.rng.randint(0, 1)}{make.rng.randint(10_000_000, 99_999_999)}"
        check = (
            11 - sum(int(d) * w for d, w in zip(nine, range(10, 1, -1), strict=True)) % 11
        ) % 11
        if check < 10:
            return nine + str(check)


def _valid_in(make: Maker, low: int, high: int) -> str:
    while True:
        number = str(make.rng.randint(low, high))
        total = sum(int(d) * w for d, w in zip(number[:9], range(10, 1, -1), strict=True))
        if (11 - total % 11) % 11 == int(number[9]) and len(set(number)) > 2:
            return number


def postcode_dob_cases(make: Maker) -> list[Case]:
    expect = frozenset({"postcode-with-birth-date"})
    year, month, day = make.date()
    dob_key = make.name("date_of_birth", "dob", "birthDate", "DateOfBirth")
    record = {
        "name": "A",
        dob_key: f"{year}-{month:02d}-{day:02d}",
        "postcode": make.postcode(),
        "gp": make.words(1),
    }
    leaks = {
        "pretty json": json.dumps(
            {"patients": [record, {**record, "postcode": make.postcode()}]}, indent=2
        ),
        "yaml records": "".join(
            f"- {dob_key}: {year}-{month:02d}-{day:02d}\n  postcode: {make.postcode()}\n  note: {make.words(2)}\n"
            for _ in range(2)
        ),
        "compact date": f"{dob_key},postcode\n{year}{month:02d}{day:02d},{make.postcode()}\n",
        "two-digit year": f"DOB: {day:02d}/{month:02d}/{year % 100:02d}  Postcode: {make.postcode()}\n",
        "month name": f"{make.words(3)}; born {day}-{['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][month - 1]}-{year}, lives at {make.postcode()}.\n",
        "xml across lines": f"<person>\n  <dob>{year}-{month:02d}-{day:02d}</dob>\n  <postcode>{make.postcode()}</postcode>\n</person>\n",
    }
    cases = [
        Case(
            "postcode-dob",
            shape,
            True,
            f"data_out/{shape.replace(' ', '_')}.txt",
            text.encode(),
            expect,
        )
        for shape, text in leaks.items()
    ]
    looks = {
        "births column": "postcode,period,births,deaths\n"
        + "".join(
            f"{make.postcode()},2024-{m:02d}-01,{make.rng.randint(0, 40)},{make.rng.randint(0, 40)}\n"
            for m in range(1, 5)
        ),
        "birth centre opening": json.dumps(
            [
                {
                    "service": "birth centre",
                    "postcode": make.postcode(),
                    "opened": f"20{make.rng.randint(10, 24)}-0{make.rng.randint(1, 9)}-01",
                }
            ],
            indent=2,
        ),
        "births by area": f"# Births by area\n\n| postcode | month | live births |\n|---|---|---|\n| {make.postcode()} | 2024-03 | {make.rng.randint(5, 90)} |\n",
    }
    cases += [
        Case("postcode-dob", shape, False, f"docs/{shape.replace(' ', '_')}.md", text.encode())
        for shape, text in looks.items()
    ]
    return cases


def credential_cases(make: Maker) -> list[Case]:
    expect = frozenset({"credential", "private-key"})
    b64 = string.ascii_letters + string.digits + "+/"
    hexd = "0123456789abcdef"
    sig = make.token(b64, 43) + "%3D"
    account = make.name("nhsdatalake", "analyticsstore", "rapstorage") + str(
        make.rng.randint(1, 99)
    )
    word = make.name(
        "mystery", "testament", "envelope", "getaway", "someday", "example", "dummyrun", "mocktail"
    )
    guid = "-".join(make.token(hexd, n) for n in (8, 4, 4, 4, 12))
    pw = make.password()
    pat = make.token(string.ascii_lowercase + "234567", 52)
    user_pass = base64.b64encode(f"analyst:{pw}".encode()).decode()
    leaks = {
        "azure sas url": f'URL = "https://{account}.blob.core.windows.net/extracts/a.csv?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2026-01-01T00:00:00Z&spr=https&sig={sig}"\n',
        "azure sas token env": f"SAS_TOKEN=sv=2022-11-02&ss=bfqt&srt=sco&sp=rwdlacup&se=2026-01-01T00:00:00Z&sig={sig}\n",  # nhs-rap: allow credential
        "storage connection string": f'conn = "DefaultEndpointsProtocol=https;AccountName={account};AccountKey={make.token(b64, 86)}==;EndpointSuffix=core.windows.net"\n',
        "databricks token": f'token = "dapi{make.token(hexd, 32)}"\n',
        "databrickscfg": f"[DEFAULT]\nhost = https://adb-{make.rng.randint(10**14, 10**15)}.1.azuredatabricks.net\ntoken = dapi{make.token(hexd, 32)}-2\n",
        "azure devops pat": f"variables:\n  ADO_PAT: {pat}\n",
        "azure devops pat in git url": f"git clone https://{pat}@dev.azure.com/nhs/rap/_git/pipeline\n",
        "teams webhook": f'WEBHOOK = "https://nhs.webhook.office.com/webhookb2/{guid}@{guid}/IncomingWebhook/{make.token(hexd, 32)}/{guid}"\n',
        "slack webhook": f"notify: https://hooks.slack.com/services/T{make.token('ABCDEFGHJ0123456789', 8)}/B{make.token('ABCDEFGHJ0123456789', 10)}/{make.token(string.ascii_letters + string.digits, 24)}\n",
        "google chat webhook": f"url = 'https://chat.googleapis.com/v1/spaces/AAAA{make.token(b64[:62], 7)}/messages?key={make.token(b64[:62], 39)}&token={make.token(b64[:62], 40)}'\n",
        "netrc": f"machine {account}.example.nhs.uk\n  login analyst\n  password {pw}\n",
        "pgpass": f"warehouse.nhs.internal:5432:rap:analyst:{pw}\n",
        "basic auth header": f'headers = {{"Authorization": "Basic {user_pass}"}}\n',
        "curl basic auth": f"curl -H 'Authorization: Basic {user_pass}' https://api.example.nhs.uk/v1\n",
        "putty ppk": f"PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: {make.words(1)}\nPublic-Lines: 2\n{make.token(b64, 64)}\nPrivate-Lines: 1\n{make.token(b64, 44)}\nPrivate-MAC: {make.token(hexd, 64)}\n",
        "openssh key in json": json.dumps(
            {"deploy_key": "b3BlbnNzaC1rZXktdjEAAAAA" + make.token(b64, 120)}
        )
        + "\n",
        "password with hash": f"DB_PASSWORD={pw[:2]}#{pw[2:]}\n",
        "password with at": f"password: '@{pw}'\n",  # nhs-rap: allow credential
        "password starting with a word": f"  password: {word}{make.rng.randint(10, 99)}!\n",
    }
    cases = [
        Case(
            "credentials",
            shape,
            True,
            make.name(
                f"config/{shape.replace(' ', '_')}.yaml", f"settings_{make.rng.randint(1, 9)}.env"
            ),
            text.encode(),
            expect,
        )
        for shape, text in leaks.items()
    ]
    special = {
        "netrc": ".netrc",
        "pgpass": ".pgpass",
        "databrickscfg": ".databrickscfg",
        "putty ppk": f"keys/{make.words(1)}.ppk",
        "basic auth header": "client.py",
        "databricks token": "job.py",
        "teams webhook": "alert.py",
        "google chat webhook": "notify.py",
        "storage connection string": "storage.py",
        "azure sas url": "fetch.py",
    }
    cases = [
        Case(c.category, c.shape, True, special.get(c.shape, c.path), c.data, c.expect)
        for c in cases
    ]
    cases.append(
        Case(
            "credentials",
            "pkcs12 container",
            True,
            f"certs/{make.words(1)}.pfx",
            _pkcs12_shape(make),
            expect,
        )
    )
    looks = {
        "sas placeholder": "Append ?sv=<version>&sig=<signature> to the blob address.\n",
        "databricks secret lookup": 'token = dbutils.secrets.get(scope="rap", key="databricks-token")\n',
        "basic auth placeholder": 'curl -H "Authorization: Basic <base64 of user:password>" https://api.example.org\n',
        "bearer from env": 'headers = {"Authorization": f"Bearer {os.environ[\'API_TOKEN\']}"}\n',
        "webhook placeholder": "notify: https://hooks.slack.com/services/XXXX/YYYY/ZZZZ\n",
        "netrc placeholder": "machine example.com login <user> password <password>\n",
        "password prompt prose": "Enter the password when prompted, then press Enter.\n",
        "my password placeholder": "password: my_password_here\n",
    }
    cases += [
        Case("credentials", shape, False, f"docs/{shape.replace(' ', '_')}.md", text.encode())
        for shape, text in looks.items()
    ]
    return cases


def _pkcs12_shape(make: Maker) -> bytes:
    """The opening of a DER PKCS#12 file: SEQUENCE, version 3, then PKCS#7 data content."""
    body = bytes.fromhex("020103") + bytes.fromhex("3082") + (600).to_bytes(2, "big")
    body += bytes.fromhex("06092a864886f70d010701") + bytes(
        make.rng.randrange(256) for _ in range(600)
    )
    return bytes.fromhex("3082") + len(body).to_bytes(2, "big") + body


def history_docs_cases(make: Maker) -> list[Case]:
    """Built documentation that a publishing branch (gh-pages) holds: clean, whatever its format."""
    pages = "".join(
        f"<url><loc>https://example.github.io/{make.words(1)}/</loc></url>" for _ in range(5)
    )
    doctree = pickle.dumps(
        {"document": [make.words(8) for _ in range(5)], "ids": list(range(5))}, protocol=4
    )
    return [
        Case(
            "history-docs",
            "compressed sitemap",
            False,
            "sitemap.xml.gz",
            gzip.compress(f"<urlset>{pages}</urlset>".encode()),
        ),
        Case(
            "history-docs",
            "sphinx doctree",
            False,
            f"_build/.doctrees/{make.words(1)}.doctree",
            doctree,
        ),
        Case(
            "history-docs",
            "sphinx environment",
            False,
            "_build/.doctrees/environment.pickle",
            doctree,
        ),
        Case(
            "history-docs",
            "sphinx inventory",
            False,
            "objects.inv",
            b"# Sphinx inventory version 2\n# Project: x\n"
            + zlib.compress(make.words(30).encode()),
        ),
    ]


CATEGORIES: tuple[Callable[[Maker], list[Case]], ...] = (
    container_cases,
    nhs_evidence_cases,
    postcode_dob_cases,
    credential_cases,
    history_docs_cases,
)


def build(seed: int, variants: int) -> list[Case]:
    """Generate every shape ``variants`` times, each from its own seeded surroundings."""
    cases: list[Case] = []
    for variant in range(variants):
        make = Maker(random.Random(seed * 1000 + variant))
        for category in CATEGORIES:
            cases += category(make)
    return cases


def score(cases: list[Case]) -> dict[str, dict[str, object]]:
    """Run the guard on every case and tally recall and false positives per category."""
    from nhs_rap.guard.allowlist import AllowEntry, AllowList
    from nhs_rap.guard.scan import Options, Scanner

    tally: dict[str, dict[str, object]] = defaultdict(
        lambda: {"leaks": 0, "caught": 0, "clean": 0, "flagged": 0, "missed": set(), "wrong": set()}
    )
    for case in cases:
        entries = tuple(AllowEntry(path, rule, "corpus fixture") for path, rule in case.allow)
        found = {
            finding.rule_id
            for finding in Scanner(AllowList(entries), Options()).scan(case.path, case.data)
        }
        row = tally[case.category]
        if case.leak:
            row["leaks"] += 1  # type: ignore[operator]
            if found & case.expect:
                row["caught"] += 1  # type: ignore[operator]
            else:
                row["missed"].add(case.shape)  # type: ignore[union-attr]
        else:
            row["clean"] += 1  # type: ignore[operator]
            if found:
                row["flagged"] += 1  # type: ignore[operator]
                row["wrong"].add(f"{case.shape} ({', '.join(sorted(found))})")  # type: ignore[union-attr]
    return tally


def main() -> int:
    """Build the corpus, score the guard, print a table (and, with --misses, the shapes)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--variants", type=int, default=8)
    parser.add_argument(
        "--misses", action="store_true", help="name missed and wrongly flagged shapes"
    )
    args = parser.parse_args()
    tally = score(build(args.seed, args.variants))
    print(f"Guard corpus: seed {args.seed}, {args.variants} variants of each shape")
    print(f"{'category':<14} {'recall':>16} {'false positives':>18}")
    totals = [0, 0, 0, 0]
    for category, row in tally.items():
        leaks, caught, clean, flagged = (
            int(row[k]) for k in ("leaks", "caught", "clean", "flagged")
        )  # type: ignore[call-overload]
        totals = [totals[0] + caught, totals[1] + leaks, totals[2] + flagged, totals[3] + clean]
        recall = f"{caught}/{leaks} ({caught / leaks:.0%})" if leaks else "-"
        wrong = f"{flagged}/{clean} ({flagged / clean:.0%})" if clean else "-"
        print(f"{category:<14} {recall:>16} {wrong:>18}")
        if args.misses:
            for shape in sorted(row["missed"]):  # type: ignore[call-overload]
                print(f"    missed: {shape}")
            for shape in sorted(row["wrong"]):  # type: ignore[call-overload]
                print(f"    flagged: {shape}")
    caught, leaks, flagged, clean = totals
    print(
        f"{'all':<14} {f'{caught}/{leaks} ({caught / leaks:.0%})':>16} {f'{flagged}/{clean} ({flagged / clean:.0%})':>18}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
