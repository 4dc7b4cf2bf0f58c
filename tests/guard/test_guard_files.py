"""Data files by extension and content, notebook outputs, credentials, keys and internal hosts."""

from __future__ import annotations

import json
import pickle
import sqlite3
import zipfile
from pathlib import Path

import pytest
from guard_helpers import rules, scan, valid_number

from nhs_rap.guard.sniff import data_extension, data_file_extensions, sniff
from nhs_rap.template import template_config


def test_extensions_come_from_the_template() -> None:
    listed = template_config()["_data_file_extensions"]
    assert isinstance(listed, list)
    assert set(data_file_extensions()) == {str(ext).lower() for ext in listed}
    for extension in listed:
        assert data_extension(f"outputs/Extract.{str(extension).upper()}") == str(extension)


def test_double_extensions_win_and_code_is_not_data() -> None:
    assert data_extension("data/x.csv.gz") == "csv.gz"
    assert data_extension("src/pipeline.py") is None
    assert data_extension("README") is None


def _xlsx(tmp_path: Path) -> bytes:
    path = tmp_path / "book.xlsx"
    with zipfile.ZipFile(path, "w") as book:
        book.writestr("[Content_Types].xml", "<Types/>")
        book.writestr("xl/worksheets/sheet1.xml", "<worksheet/>")
    return path.read_bytes()


def _sqlite(tmp_path: Path) -> bytes:
    path = tmp_path / "db.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("create table t (nhs_number text)")
    return path.read_bytes()


MAGIC = {
    "parquet": b"PAR1" + bytes(64) + b"PAR1",
    "spss": b"$FL2@(#) IBM SPSS STATISTICS" + bytes(64),
    "zsav": b"$FL3@(#) IBM SPSS STATISTICS" + bytes(64),
    "sas": bytes(12) + bytes.fromhex("c2ea8160b31411cfbd92080009c7318c181f1011") + bytes(64),
    "stata-new": b"<stata_dta><header><release>118</release>",
    "stata-old": bytes([114, 2, 1, 0]) + bytes(60),
    "arrow": b"ARROW1\x00\x00" + bytes(64),
    "hdf5": b"\x89HDF\r\n\x1a\n" + bytes(64),
    "pickle": pickle.dumps({"nhs_number": "x"}, protocol=4),
    "xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64),
}


@pytest.mark.parametrize("kind", sorted(MAGIC))
def test_renamed_data_files_are_caught_by_content(kind: str) -> None:
    found = scan(MAGIC[kind], "notes.txt")
    assert rules(found) == ["data-file"]
    assert sniff(MAGIC[kind]) is not None


def test_real_workbook_and_database_are_caught_by_content(tmp_path: Path) -> None:
    assert "Excel" in scan(_xlsx(tmp_path), "readme.md")[0].message
    assert "SQLite" in scan(_sqlite(tmp_path), "readme.md")[0].message


def test_ordinary_files_are_not_data() -> None:
    for content in (b"print('hello')\n", b"\x89PNG\r\n\x1a\n" + bytes(32), b"# Title\n"):
        assert scan(content, "file.txt") == []


def _notebook(outputs: list[dict[str, object]], count: int | None) -> str:
    cell = {"cell_type": "code", "execution_count": count, "metadata": {}, "outputs": outputs,
            "source": ["1 + 1"]}  # fmt: skip
    return json.dumps({"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def test_notebook_outputs_and_counts_are_refused_and_clean_ones_pass() -> None:
    result = {"output_type": "execute_result", "execution_count": 1, "metadata": {},
              "data": {"text/plain": ["2"]}}  # fmt: skip
    assert rules(scan(_notebook([result], 1), "a.ipynb")) == ["notebook-output"]
    assert rules(scan(_notebook([], 7), "a.ipynb")) == ["notebook-output"]
    assert scan(_notebook([], None), "a.ipynb") == []
    assert rules(scan(_notebook([result], 1), "renamed.json")) == ["notebook-output"]


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("config.py", 'DB_PASSWORD = "Tr0ub4dor&3"\n'),
        (".env", "PASSWORD=Tr0ub4dor&3\n"),
        ("settings.yaml", "database:\n  password: Tr0ub4dor&3\n"),
        ("query.py", 'CONN = "DRIVER={ODBC Driver 18};SERVER=x;UID=me;PWD=Tr0ub4dor&3;"\n'),
        ("app.py", 'client = Api(api_key="a81f9c2e77d04b6b")\n'),
        ("app.toml", 'client_secret = "a81f9c2e77d04b6b"\n'),
        ("load.py", 'url = "postgresql://analyst:Tr0ub4dor3@db.example.org/x"\n'),
        ("ci.txt", "token ghp_" + "a1B2c3D4e5" * 3 + "a1B2c3\n"),
        ("aws.txt", "key AKIAIOSFODNN7EXAMPLQ\n"),
    ],
)
def test_credentials_are_caught(path: str, text: str) -> None:
    found = scan(text, path)
    assert "credential" in rules(found)
    for finding in found:
        assert "Tr0ub4dor" not in finding.message and "a81f9c2e" not in finding.message


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("config.py", 'password = os.environ["DB_PASSWORD"]\n'),
        ("config.py", "password = get_password()\n"),
        ("config.py", 'password = ""\n'),
        ("config.py", "def connect(password: str) -> None:\n"),
        ("config.py", 'kwargs = {"password": password}\n'),
        (".env.example", "PASSWORD=<your password here>\n"),
        ("settings.yaml", "password: ${DB_PASSWORD}\n"),
        ("settings.yaml", "password: changeme\n"),
        ("keys.py", 'for key in keys:\n    print(key, "value")\n'),
        ("docs.md", "Set the `api_key` option in your config file.\n"),
    ],
)
def test_non_secrets_are_not_caught(path: str, text: str) -> None:
    assert "credential" not in rules(scan(text, path))


def test_private_keys_are_caught_and_public_keys_are_not() -> None:
    key = (
        "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk=\n-----END OPENSSH PRIVATE KEY-----\n"
    )
    assert rules(scan(key, "id_ed25519")) == ["private-key"]
    assert scan("-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----\n", "k.pem") == []


@pytest.mark.parametrize(
    "text",
    [
        'engine = create_engine("mssql+pyodbc://@NHSD-SQL-01/warehouse?driver=ODBC")\n',
        'CONN = "Driver={SQL Server};Server=NHSD-SQL-01\\\\LIVE;Database=x;Trusted=yes;"\n',
        'API = "http://10.20.30.40:8080/api"\n',
        'SHARE = r"\\\\nhsd-fs01\\analysts\\extracts"\n',
        'SHARE = "\\\\\\\\nhsd-fs01\\\\analysts"\n',
    ],
)
def test_internal_hosts_are_caught(text: str) -> None:
    found = scan(text, "connect.py")
    assert "internal-host" in rules(found)
    assert all("nhsd" not in finding.message.lower() for finding in found)


@pytest.mark.parametrize(
    "text",
    [
        'engine = create_engine("postgresql://localhost/test")\n',
        'URL = "https://digital.nhs.uk/data"\n',
        'CONN = "Server=localhost;Database=x;Trusted_Connection=yes;"\n',
        "host = settings.host; port = 5432;\n",
        'pattern = re.compile("\\\\d+\\\\s")\n',
        'DOCS = "http://192.0.2.10/ is a documentation address"\n',
    ],
)
def test_public_and_local_hosts_are_fine(text: str) -> None:
    assert "internal-host" not in rules(scan(text, "connect.py"))


def test_utf16_text_exports_are_read() -> None:
    """Excel's "Unicode text" export is UTF-16: full of NUL bytes, but text all the same."""
    content = f"nhs_number\tage\n{valid_number('401023213')}\t34\n".encode("utf-16")
    assert rules(scan(content, "export.txt")) == ["nhs-number"]


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("schema.py", 'HASHES = {"AWS::ApiGateway::ApiKey": "48205d4ffd7feba3"}\n'),
        ("cli.rst", "Use --units AccessToken=minutes,RefreshToken=days for this.\n"),
        ("aws.md", 'Example: "S3Key": "AKIAIOSFODNN7EXAMPLE"\n'),
        ("rds.json", '{"MasterUserPassword": "MyPassword"}\n'),
        ("paths.py", 'doc = "a network share such as \\\\\\\\server\\\\share"\n'),
        ("esc.py", "s = '\\\\\\\\u20ac\\\\U0001d121'\n"),
    ],
)
def test_documentation_patterns_are_not_secrets_or_hosts(path: str, text: str) -> None:
    assert scan(text, path) == []
