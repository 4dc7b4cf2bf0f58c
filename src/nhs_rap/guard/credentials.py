"""Secrets and infrastructure details: passwords, keys, tokens and internal host names.

Each rule first finds its keywords with a pattern that starts with one literal byte (fast: the
regex engine skips to that byte), and only then looks closely at the few places they appear. A
file that never mentions a password costs a handful of quick passes and nothing more.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator

from nhs_rap.guard.findings import Hit
from nhs_rap.guard.text import Text

_SOURCE_EXTENSIONS = frozenset(
    ("py", "pyi", "ipynb", "r", "rmd", "qmd", "sql", "js", "ts", "jsx", "tsx", "java", "scala",
     "kt", "cs", "go", "rs", "rb", "php", "sas", "do", "sps", "c", "h", "cpp", "mjs", "cjs",
     "css", "scss", "less", "html", "htm", "vue", "svelte", "map")
)  # fmt: skip

# Keyword triggers, all run on the folded copy (lower case, digits as 0).
_P_WORDS = re.compile(rb"p(?:ass|wd|rivate[ _-]?key)")  # password, passwd, passphrase, pwd, keys
_K_WORDS = re.compile(rb"k(?:ey|(?<=tok)en|(?<=ak)ia)")  # api_key and the like, tokens, AWS keys
_S_WORDS = re.compile(rb"c(?<=sec)ret")  # secret, client_secret
_G_WORDS = re.compile(rb"g(?:h[opsur]_|ithub_pat_|lpat-)")  # GitHub and GitLab tokens
_URL_TRIGGER = re.compile(rb":(?://)")
_UNC_TRIGGER = re.compile(rb"\\(?:\\)")
_KEY_VALUE_HOST = re.compile(
    rb"=(?:(?<=server=)|(?<=data source=)|(?<=address=)|(?<=addr=)|(?<=host=)|(?<=hostname=))"
    rb"[ \t]*([^;'\"\n]+?)[ \t]*(?=;|[\"']|\n|$)"
)
_HOST_KEYS = (b"data source", b"hostname", b"address", b"server", b"addr", b"host")
_DECIMAL = re.compile(rb"[0-9]+\.[0-9]+")
_NAME_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyz0_.-")
_UNICODE_ESCAPE = re.compile(rb"[ux][0-9a-f]+")  # \\u20ac in a string is no network path
_ENV_NAME = re.compile(rb"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+")  # DB_PASSWORD: names a variable

# What may come straight before "key" and "token" for them to name a secret (api_key, authtoken).
_KEY_PREFIXES = tuple(
    word + joiner
    for word in (b"api", b"access", b"account", b"private", b"secret", b"encryption")
    for joiner in (b"", b"_", b"-")
)
_TOKEN_PREFIXES = tuple(
    word + joiner
    for word in (b"access", b"auth", b"api", b"bearer", b"refresh", b"secret", b"session")
    for joiner in (b"", b"_", b"-")
)
_P_KEYWORD = re.compile(rb"passw(?:or)?d|passphrase|pwd|private[_-]?key")
_SEPARATOR = re.compile(rb"([\"']?)[ \t]*(:=|=>|=|:)[ \t]*")
_VALUE = re.compile(rb"\"[^\"\n]*\"|'[^'\n]*'|[^\s,;'\"#)}\]]+")
_PLACEHOLDER_WORDS = frozenset(
    b"password passwd pwd pass secret changeme example dummy placeholder redacted test none null "
    b"true false str bytes string optional any required".split()
)
_PLACEHOLDER_PREFIXES = (
    b"my", b"your", b"some", b"test", b"dummy", b"fake", b"mock", b"sample", b"example",
    b"os.", b"env", b"get", b"arn:",  # code reading a secret, or an AWS resource name
)  # fmt: skip
_TOKEN = re.compile(
    rb"(?:gh[opsur]_[A-Za-z0-9]{36}|github_pat_[A-Za-z0-9_]{60,}|glpat-[A-Za-z0-9_-]{20}|"
    rb"AKIA[0-9A-Z]{16})(?![A-Za-z0-9])"
)
_PRIVATE_KEY = re.compile(rb"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----")
_URL = re.compile(rb"://(?:([^\s/@'\"<>`]*)@)?(\[[0-9a-f:]+\]|[^\s/:;'\"?#<>,)\]\\`]+)")
_SCHEME = re.compile(rb"[a-z][a-z0-9+.:-]*$")
_DATABASE_SCHEMES = (
    "postgres", "mysql", "mariadb", "mssql", "sqlserver", "oracle", "db2", "teradata", "hive",
    "impala", "snowflake", "redshift", "mongodb", "redis", "odbc", "jdbc", "smb", "cifs", "ldap",
    "sybase", "databricks",
)  # fmt: skip
_UNC = re.compile(rb"(\\\\(?:\\\\)?)([a-z0-9][a-z0-9.-]{1,62})(\\\\?)[a-z0-9$_][\w$.-]*")
_PRIVATE_NETWORKS = tuple(
    ipaddress.ip_network(network)
    for network in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7")
)
_HARMLESS_HOSTS = frozenset(
    b"localhost 127.0.0.1 ::1 [::1] 0.0.0.0 . (local) (localdb) host hostname server servername "
    b"your_server your-server myserver my_server db database example share fileserver".split()
)


def _is_placeholder(value: bytes) -> bool:
    """Return True for values that are clearly not a real secret (empty, templated, a type)."""
    value = value.strip()
    if len(value) < 3 or value[:1] in b"$<{%*[(!@&.`":
        return True
    if not value.isascii():  # a symbol or emoji, as in icon tables, not a typed secret
        return True
    if _ENV_NAME.fullmatch(value):  # the name of an environment variable holding the secret
        return True
    lower = value.lower()
    if lower.strip(b"x*.-_ \\") == b"" or lower.startswith(_PLACEHOLDER_PREFIXES):
        return True
    if b"example" in lower or b"(" in value or _DECIMAL.fullmatch(value):
        return True  # AWS's ...EXAMPLEKEY values, a function call, a timestamp
    return lower.strip(b"_-<>?!") in _PLACEHOLDER_WORDS


def _extension(path: str) -> str:
    name = path.rsplit("/", 1)[-1].lower()
    return name.rsplit(".", 1)[-1] if "." in name else ""


def credentials(text: Text, path: str) -> Iterator[Hit]:
    """Passwords and secrets assigned literally, and well-known token formats."""
    folded = text.folded
    in_source = _extension(path) in _SOURCE_EXTENSIONS
    seen: set[int] = set()
    anchors = sorted(
        [*text.positions(_P_WORDS), *text.positions(_K_WORDS), *text.positions(_S_WORDS)]
    )
    for anchor in anchors:
        end = _keyword_end(folded, anchor)
        if end is None or end in seen:
            continue
        seen.add(end)
        separator = _SEPARATOR.match(folded, end)
        if separator is None:
            continue  # "keys", "key_func", "passes": a keyword without a value after it
        name_start = _name_start(folded, anchor)
        if folded[name_start - 1 : name_start] in (b":", b"/", b"\\"):
            continue  # part of a longer name or path (AWS::ApiGateway::ApiKey), not a setting
        hit = _assignment(text, name_start, separator, in_source)
        if hit is not None:
            yield hit
    starts = [pos for pos in text.positions(_G_WORDS)]
    starts += [pos - 1 for pos in text.positions(_K_WORDS) if folded[pos - 1 : pos + 3] == b"akia"]
    for start in sorted(starts):
        match = _TOKEN.match(text.data, start)
        if match is None or (start and text.data[start - 1 : start].isalnum()):
            continue
        if b"EXAMPLE" in match.group():
            continue  # AWS's documented example key, AKIAIOSFODNN7EXAMPLE
        yield Hit(
            "credential",
            match.start(),
            match.end(),
            f"access token ({match.group()[:4].decode()}...) written into the file; revoke it",
            match.group().decode("ascii"),
        )


def _keyword_end(folded: bytes, anchor: int) -> int | None:
    """Return where the secret's name found at ``anchor`` ends, or None if it names no secret."""
    first = folded[anchor]
    if first == 0x70:  # p: password, passwd, passphrase, pwd, private_key
        match = _P_KEYWORD.match(folded, anchor)
        return match.end() if match else None
    if first == 0x63:  # the c of secret (secret_key and secret_token are found by their k)
        return anchor + 4
    if folded.startswith(b"key", anchor):
        return anchor + 3 if folded[max(0, anchor - 11) : anchor].endswith(_KEY_PREFIXES) else None
    if folded.startswith(b"ken", anchor):  # the k of token
        start = anchor - 2
        return anchor + 3 if folded[max(0, start - 8) : start].endswith(_TOKEN_PREFIXES) else None
    return None  # the k of AKIA, handled with the other token formats


def _name_start(folded: bytes, pos: int) -> int:
    """Return where the setting's whole name (db_password, MY_API_KEY) starts."""
    start = pos
    while start > 0 and folded[start - 1] in _NAME_BYTES:
        start -= 1
    return start


def _assignment(text: Text, anchor: int, separator: re.Match[bytes], in_source: bool) -> Hit | None:
    """Return a hit if the setting named at ``anchor`` is given a literal, non-placeholder value.

    A quoted value is a literal anywhere. An unquoted one is a literal in a connection string,
    or where the name starts its line in a configuration file (.env, YAML, INI); in code it names
    a variable, and mid-sentence in documentation it is usually prose.
    """
    key_quote, operator = separator.groups()
    line_end = text.data.find(b"\n", separator.end())
    value_match = _VALUE.match(
        text.folded, separator.end(), len(text.data) if line_end == -1 else line_end
    )
    if value_match is None:
        return None
    start, end = value_match.span()
    value = text.data[start:end]
    if value[:1] in b"'\"":
        value = value[1:-1]
    elif not (
        (not key_quote and operator == b"=" and _in_connection_string(text.folded, anchor))
        or (not in_source and _starts_line(text.folded, anchor))
    ):
        return None
    if _is_placeholder(value):
        return None
    line_start = text.data.rfind(b"\n", 0, anchor) + 1
    return Hit(
        "credential",
        max(line_start, anchor - 16),
        end,
        "secret written into the file (value hidden); read it from an environment "
        "variable or a git-ignored .env file instead",
        value.decode("utf-8", "replace"),
    )


def _starts_line(folded: bytes, pos: int) -> bool:
    """Return True if only indentation, ``export``, ``set`` or a list dash precede ``pos``."""
    line_start = folded.rfind(b"\n", 0, pos) + 1
    return folded[line_start:pos].strip(b" \t-\"'") in (b"", b"export", b"set")


def _in_connection_string(folded: bytes, pos: int) -> bool:
    """Return True when the key at ``pos`` opens or continues a ``key=value;`` string (ODBC, URL).

    In code, ``password=name`` assigns a variable; inside a string, after ``;``, ``?``, ``&`` or an
    opening quote, it is a literal connection-string value.
    """
    line_start = folded.rfind(b"\n", 0, pos) + 1
    word_start = pos
    while word_start > line_start and (
        folded[word_start - 1 : word_start].isalnum()
        or folded[word_start - 1 : word_start] in (b"_", b"-")
    ):
        word_start -= 1
    before = folded[line_start:word_start]
    return before.rstrip(b" \t").endswith((b";", b"?", b"&")) or before.endswith((b"'", b'"'))


def private_keys(text: Text) -> Iterator[Hit]:
    """Private key blocks in PEM or OpenSSH form."""
    folded = text.folded
    for pos in text.positions(_P_WORDS):
        if folded[pos : pos + 11] != b"private key":
            continue
        match = _PRIVATE_KEY.search(text.data, max(0, pos - 40), pos + 20)
        if match is not None:
            yield Hit(
                "private-key",
                match.start(),
                match.end(),
                "private key block; remove it and replace the key, since it has been exposed",
            )


def _internal_ip(host: bytes) -> bool:
    """Return True for RFC 1918 IPv4 and unique-local IPv6 addresses (not documentation ranges)."""
    if not host[:1].isdigit() and not host.startswith(b"[f"):
        return False
    try:
        address = ipaddress.ip_address(host.strip(b"[]").decode("ascii"))
    except (ValueError, UnicodeDecodeError):
        return False
    return any(address in network for network in _PRIVATE_NETWORKS)


def _documentation_host(host: bytes) -> bool:
    """Return True for hosts that name no real machine: localhost, examples, placeholders."""
    host = host.strip().rstrip(b".").lower()
    if host in _HARMLESS_HOSTS or _is_placeholder(host):
        return True
    return host.endswith((b".example", b".test", b".invalid", b".localhost")) or any(
        host == domain or host.endswith(b"." + domain)
        for domain in (b"example.com", b"example.org", b"example.net")
    )


def hosts_and_url_passwords(text: Text, path: str) -> Iterator[Hit]:
    """Passwords in URLs, private IPs in URLs, hosts in database connection strings, UNC paths."""
    folded = text.folded
    data = text.data
    in_source = _extension(path) in _SOURCE_EXTENSIONS
    for pos in text.positions(_URL_TRIGGER):
        yield from _url(text, pos)
    if b";" in folded:
        for match in _KEY_VALUE_HOST.finditer(folded):
            host = data[match.start(1) : match.end(1)]
            host = host.split(b",")[0].split(b"\\")[0].removeprefix(b"tcp:").strip()
            line_start, line_end = text.line_bounds(match.start())
            if b";" not in folded[line_start:line_end] or _documentation_host(host):
                continue
            equals = folded.rfind(b"=", 0, match.start(1))
            key = next(key for key in _HOST_KEYS if folded.endswith(key, 0, equals))
            opener = folded[line_start : equals - len(key)].rstrip(b" \t")[-1:]
            if opener not in (b";", b"'", b'"') and (in_source or opener):
                continue  # a variable or property called host in code, not a connection string
            yield _host_hit(match.start(1), match.end(1), host, "in a connection string")
    for pos in text.positions(_UNC_TRIGGER):
        if pos and folded[pos - 1 : pos] in b"\\abcdefghijklmnopqrstuvwxyz0_":
            continue
        match = _UNC.match(folded, pos)
        if match is None:
            continue
        slashes, folded_host, separator = match.groups()
        host = data[match.start(2) : match.end(2)]
        if len(separator) * 2 != len(slashes) or _documentation_host(host):
            continue
        if not any(char in folded_host for char in b"0-.") or _UNICODE_ESCAPE.fullmatch(host):
            continue  # \\server\share in documentation; real hosts have digits, dots or dashes
        yield _host_hit(match.start(2), match.end(2), host, "in a Windows network path")


def _url(text: Text, pos: int) -> Iterator[Hit]:
    folded = text.folded
    match = _URL.match(folded, pos)
    if match is None:
        return
    userinfo, _ = match.groups()
    host = text.data[match.start(2) : match.end(2)]
    scheme_match = _SCHEME.search(folded, max(0, pos - 40), pos)
    scheme = scheme_match.group().decode("ascii") if scheme_match else ""
    if userinfo and b":" in userinfo:
        password = text.data[match.start(1) : match.end(1)].split(b":", 1)[1]
        if not _is_placeholder(password) and password.lower() not in (b"password", b"pass"):
            yield Hit(
                "credential",
                match.start(1),
                match.end(1),
                "password inside a connection string or URL (value hidden)",
                password.decode("utf-8", "replace"),
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
