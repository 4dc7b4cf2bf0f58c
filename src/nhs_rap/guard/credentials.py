"""Secrets and infrastructure details: passwords, keys, tokens and internal host names.

Every expensive pattern hides behind a cheap ``in`` test on the whole file, so ordinary code that
never mentions a password costs a handful of fast substring searches and nothing more.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator

from nhs_rap.guard.findings import Hit
from nhs_rap.guard.text import Text

_SOURCE_EXTENSIONS = frozenset(
    ("py", "pyi", "ipynb", "r", "rmd", "qmd", "sql", "js", "ts", "jsx", "tsx", "java", "scala",
     "kt", "cs", "go", "rs", "rb", "php", "sas", "do", "sps", "c", "h", "cpp")
)  # fmt: skip
_SECRET_TRIGGERS = (b"pass", b"pwd", b"secret", b"key", b"token")
_ASSIGNMENT = re.compile(
    rb"(?:passw(?:or)?d|pwd|passphrase|secret(?:[_-]?key)?|api[_-]?key|apikey|access[_-]?key|"
    rb"account[_-]?key|private[_-]?key|client[_-]?secret|(?:access|auth|api|bearer|refresh|"
    rb"secret)[_-]?token)[\"']?[ \t]*(?::=|=>|=|:)[ \t]*"
    rb"(\"[^\"\n]*\"|'[^'\n]*'|[^\s,;'\"#)}\]]+)"
)
_PLACEHOLDER_WORDS = frozenset(
    b"password passwd pwd secret changeme example dummy placeholder redacted test none null "
    b"true false str bytes string optional any required".split()
)
_TOKEN_TRIGGERS = (b"ghp_", b"gho_", b"ghs_", b"github_pat_", b"glpat-", b"AKIA", b"xox")
_TOKEN = re.compile(
    rb"(?<![A-Za-z0-9])(?:gh[opsur]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{60,}|"
    rb"glpat-[A-Za-z0-9_-]{20}|AKIA[0-9A-Z]{16}|xox[abprs]-[A-Za-z0-9-]{10,})(?![A-Za-z0-9])"
)
_PRIVATE_KEY = re.compile(rb"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----")
_URL = re.compile(
    rb"://(?:([^\s/@'\"<>`]*)@)?(\[[0-9a-f:]+\]|[^\s/:;'\"?#<>,)\]\\`]+)",
)
_SCHEME = re.compile(rb"[a-z][a-z0-9+.:-]*$")
_DATABASE_SCHEMES = (
    "postgres", "mysql", "mariadb", "mssql", "sqlserver", "oracle", "db2", "teradata", "hive",
    "impala", "snowflake", "redshift", "mongodb", "redis", "odbc", "jdbc", "smb", "cifs", "ldap",
    "sybase", "databricks",
)  # fmt: skip
_KEY_VALUE_HOST = re.compile(
    rb"(?:^|[;\"'{(])[ \t]*(?:server|data source|address|addr|network address|host|hostname)"
    rb"[ \t]*=[ \t]*([^;'\"\n]+?)[ \t]*(?=;|[\"']|$)",
    re.MULTILINE,
)
_UNC = re.compile(rb"(?<![\\\w])(\\\\(?:\\\\)?)([a-z0-9][a-z0-9.-]{1,62})(\\\\?)[a-z0-9$_][\w$.-]*")
_HARMLESS_HOSTS = frozenset(
    b"localhost 127.0.0.1 ::1 [::1] 0.0.0.0 . (local) (localdb) host hostname server servername "
    b"your_server your-server myserver my_server db database example".split()
)


def _is_placeholder(value: bytes) -> bool:
    """Return True for values that are clearly not a real secret (empty, templated, a type)."""
    value = value.strip()
    if len(value) < 3 or value[:1] in b"$<{%*[(!@&" or value.startswith((b"os.", b"env", b"get")):
        return True
    if value.strip(b"x*.-_ ") == b"" or value.startswith((b"your", b"my_", b"some")):
        return True
    return value.strip(b"_-<>") in _PLACEHOLDER_WORDS


def _extension(path: str) -> str:
    name = path.rsplit("/", 1)[-1].lower()
    return name.rsplit(".", 1)[-1] if "." in name else ""


def credentials(text: Text, path: str) -> Iterator[Hit]:
    """Passwords and secrets assigned literally, and well-known token formats."""
    lower = text.lower
    in_source = _extension(path) in _SOURCE_EXTENSIONS
    if any(trigger in lower for trigger in _SECRET_TRIGGERS):
        for match in _ASSIGNMENT.finditer(lower):
            value = match.group(1)
            quoted = value[:1] in b"'\""
            if quoted:
                value = value[1:-1]
            elif in_source and not _in_connection_string(lower, match.start()):
                continue  # in code an unquoted value is a variable name, not a secret
            if _is_placeholder(value):
                continue
            yield Hit(
                "credential",
                match.start(),
                match.end(),
                "secret written into the file (value hidden); read it from an environment "
                "variable or a git-ignored .env file instead",
                text.data[match.start(1) : match.end(1)].decode("utf-8", "replace"),
            )
    if any(trigger in text.data for trigger in _TOKEN_TRIGGERS):
        for match in _TOKEN.finditer(text.data):
            yield Hit(
                "credential",
                match.start(),
                match.end(),
                f"access token ({match.group()[:4].decode()}...) written into the file; revoke it",
                match.group().decode("ascii"),
            )


def _in_connection_string(lower: bytes, pos: int) -> bool:
    """Return True when ``pos`` follows a ``;`` or ``?``/``&`` on its line, as in ODBC strings."""
    line_start = lower.rfind(b"\n", 0, pos) + 1
    before = lower[line_start:pos].rstrip(b" \t")
    return before.endswith((b";", b"?", b"&")) or (b";" in before and b"=" in before)


def private_keys(text: Text) -> Iterator[Hit]:
    """Private key blocks in PEM or OpenSSH form."""
    if b"PRIVATE KEY" not in text.data:
        return
    for match in _PRIVATE_KEY.finditer(text.data):
        yield Hit(
            "private-key",
            match.start(),
            match.end(),
            "private key block; remove it and replace the key, since it has been exposed",
        )


def _internal_ip(host: bytes) -> bool:
    try:
        address = ipaddress.ip_address(host.strip(b"[]").decode("ascii"))
    except (ValueError, UnicodeDecodeError):
        return False
    return address.is_private and not address.is_loopback and not address.is_unspecified


def _documentation_host(host: bytes) -> bool:
    """Return True for hosts that name no real machine: localhost, examples, placeholders."""
    host = host.strip().rstrip(b".")
    if host in _HARMLESS_HOSTS or _is_placeholder(host):
        return True
    return host.endswith((b".example", b".test", b".invalid", b".localhost")) or any(
        host == domain or host.endswith(b"." + domain)
        for domain in (b"example.com", b"example.org", b"example.net")
    )


def hosts_and_url_passwords(text: Text) -> Iterator[Hit]:
    """Passwords in URLs, private IPs in URLs, hosts in database connection strings, UNC paths."""
    lower = text.lower
    if b"://" in lower:
        yield from _urls(text)
    if b"=" in lower and (b"server" in lower or b"data source" in lower or b"host" in lower):
        for match in _KEY_VALUE_HOST.finditer(lower):
            host = match.group(1).split(b",")[0].split(b"\\")[0].removeprefix(b"tcp:")
            line_start, line_end = text.line_bounds(match.start(1))
            if b";" not in lower[line_start:line_end] or _documentation_host(host):
                continue
            yield _host_hit(match.start(1), match.end(1), host, "in a connection string")
    if b"\\\\" in text.data:
        for match in _UNC.finditer(lower):
            slashes, host, separator = match.groups()
            if len(separator) * 2 != len(slashes) or _documentation_host(host):
                continue
            yield _host_hit(match.start(2), match.end(2), host, "in a Windows network path")


def _urls(text: Text) -> Iterator[Hit]:
    lower = text.lower
    for match in _URL.finditer(lower):
        userinfo, host = match.groups()
        scheme_match = _SCHEME.search(lower, max(0, match.start() - 40), match.start())
        scheme = scheme_match.group().decode("ascii") if scheme_match else ""
        if userinfo and b":" in userinfo:
            password = userinfo.split(b":", 1)[1]
            if not _is_placeholder(password) and password not in (b"password", b"pass"):
                yield Hit(
                    "credential",
                    match.start(1),
                    match.end(1),
                    "password inside a connection string or URL (value hidden)",
                    text.data[match.start(1) : match.end(1)].decode("utf-8", "replace"),
                )
        if _internal_ip(host):
            yield _host_hit(match.start(2), match.end(2), host, "in a URL")
        elif any(name in scheme for name in _DATABASE_SCHEMES) and not _documentation_host(host):
            yield _host_hit(match.start(2), match.end(2), host, "in a database connection URL")


def _host_hit(start: int, end: int, host: bytes, where: str) -> Hit:
    shown = "private IP address" if _internal_ip(host) else "server name"
    return Hit(
        "internal-host",
        start,
        end,
        f"{shown} {where} (hidden); move it to configuration kept out of git",
        host.decode("utf-8", "replace"),
    )
