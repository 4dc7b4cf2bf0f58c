"""Secrets and infrastructure details: passwords, keys, tokens and internal host names.

Each rule first finds its keywords with a pattern that starts with one literal byte (fast: the
regex engine skips to that byte), and only then looks closely at the few places they appear. A
file that never mentions a password costs a handful of quick passes and nothing more.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
import re
from collections.abc import Iterator

from nhs_rap.filenames import name_endings
from nhs_rap.guard.findings import Hit
from nhs_rap.guard.rules import RuleId
from nhs_rap.guard.text import Text

_SOURCE_EXTENSIONS = frozenset(
    ("py", "pyi", "ipynb", "r", "rmd", "qmd", "sql", "js", "ts", "jsx", "tsx", "java", "scala",
     "kt", "cs", "go", "rs", "rb", "php", "sas", "do", "sps", "c", "h", "cpp", "mjs", "cjs",
     "css", "scss", "less", "html", "htm", "vue", "svelte", "map")
)  # fmt: skip

# Keyword triggers, all run on the folded copy (lower case, digits as 0).
# password, passwd, passphrase, pwd, private keys, and a setting named PAT (Azure DevOps)
# and the p of PuTTY key files and of Databricks tokens (dapi...).
_P_WORDS = re.compile(
    rb"p(?:ass|wd|rivate[ _-]?key|(?<![a-z0]p)at(?=[\"']?[ \t]*[:=])|utty-user-key-file"
    rb"|(?<=dap)i[0a-f])"
)
_K_WORDS = re.compile(rb"k(?:ey|(?<=tok)en|(?<=ak)ia)")  # api_key and the like, tokens, AWS keys
_S_WORDS = re.compile(rb"c(?<=sec)ret")  # secret, client_secret
_G_WORDS = re.compile(rb"g(?:h[opsur]_|ithub_pat_|lpat-)")  # GitHub and GitLab tokens
_B_WORDS = re.compile(rb"b(?:asic[ \t]|0blbnnzac0rzxktdje)")  # Basic auth, OpenSSH keys (base64)
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
    for word in (b"access", b"auth", b"api", b"bearer", b"refresh", b"secret", b"session", b"sas")
    for joiner in (b"", b"_", b"-")
)
_P_KEYWORD = re.compile(rb"passw(?:or)?d|passphrase|pwd|private[_-]?key")
_SEPARATOR = re.compile(rb"([\"']?)[ \t]*(:=|=>|=|:)[ \t]*")
# An unquoted value runs to a space or a delimiter; a # inside it is part of it (a comment in
# .env and YAML starts with a space before the #).
_VALUE = re.compile(rb"\"[^\"\n]*\"|'[^'\n]*'|[^\s,;'\"#)}\]][^\s,;'\")}\]]*")
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
    rb"AKIA[0-9A-Z]{16}|dapi[0-9a-f]{32}(?:-[0-9]+)?)(?![A-Za-z0-9])"
)
_DEVOPS_PAT = re.compile(rb"[A-Za-z0-9]{52}AZDO[A-Za-z0-9]{4}|[a-z2-7]{52}")
_SAS_SIGNATURE = re.compile(rb"[?&]sig=((?:[A-Za-z0-9+/]|%2[bBfF]){20,}(?:%3[dD]|=){0,2})")
_URL_END = re.compile(rb"[\s'\"<>`]|$")
_BASIC_AUTH = re.compile(rb"basic[ \t]+([A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])")
_NETRC_PASSWORD = re.compile(rb"(?:^|\s)machine\s+\S+(?:\s+login\s+\S+)?\s+password\s+(\S+)")
_WEBHOOKS = (
    re.compile(
        rb"https://hooks\.slack\.com/(?:services|workflows|triggers)/T[A-Z0-9]{6,}/[A-Z0-9]{6,}/[A-Za-z0-9]{16,}"
    ),
    re.compile(
        rb"https://[a-z0-9-]+\.webhook\.office\.com/webhookb2/[0-9a-f-]{36}@[0-9a-f-]{36}/IncomingWebhook/[0-9a-f]{32}"
    ),
    re.compile(
        rb"https://chat\.googleapis\.com/v1/spaces/[A-Za-z0-9_-]+/messages\?[^\s'\"]*token=[A-Za-z0-9_%-]{16,}"
    ),
    re.compile(rb"https://(?:discord(?:app)?\.com)/api/webhooks/[0-9]{10,}/[A-Za-z0-9_-]{40,}"),
)
_PUTTY_KEY = re.compile(rb"PuTTY-User-Key-File-[0-9]+: [^\n]*\n(?:[^\n]*\n){0,40}?Private-Lines: ")
_OPENSSH_BASE64 = re.compile(rb"b3BlbnNzaC1rZXktdjE[A-Za-z0-9+/=]{40,}")  # openssh-key-v1, encoded
_PKCS7_DATA = bytes.fromhex("06092a864886f70d010701")
_KEY_STORE_MAGIC = (
    (b"\xfe\xed\xfe\xed", "a Java keystore"),
    (b"\xce\xce\xce\xce", "a Java JCEKS keystore"),
)
_KEY_FILE_EXTENSIONS = frozenset(("pfx", "p12", "jks", "keystore", "ppk", "kdbx"))
_PGPASS_NAMES = frozenset((".pgpass", "pgpass.conf", "_pgpass"))
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
    if len(value) < 3 or value[:1] in b"$<{%*[(!&.`":
        return True
    if _VARIABLE_REFERENCE.fullmatch(value):  # @password in T-SQL, @Value in Java
        return True
    if not value.isascii():  # a symbol or emoji, as in icon tables, not a typed secret
        return True
    if _ENV_NAME.fullmatch(value):  # the name of an environment variable holding the secret
        return True
    lower = value.lower()
    if lower.strip(b"x*.-_ \\") == b"" or _placeholder_prefix(value):
        return True
    if b"example" in lower or b"(" in value or _DECIMAL.fullmatch(value):
        return True  # AWS's ...EXAMPLEKEY values, a function call, a timestamp
    return lower.strip(b"_-<>?!") in _PLACEHOLDER_WORDS


_VARIABLE_REFERENCE = re.compile(rb"@[A-Za-z_][A-Za-z_.]*")


def _placeholder_prefix(value: bytes) -> bool:
    """Return True for my_password, YourSecret, test-key, env.DB, not mystery7 or testament!.

    A placeholder prefix is a word of its own: followed by a separator, a capital letter, a
    digit-free end, or nothing; an ordinary word that merely starts the same way is a password.
    """
    lower = value.lower()
    for prefix in _PLACEHOLDER_PREFIXES:
        if lower.startswith(prefix):
            rest = value[len(prefix) :]
            if not rest or not rest[:1].islower() or prefix.endswith((b".", b":")):
                return True
    return False


def _extension(path: str) -> str:
    endings = name_endings(path)
    return endings[-1] if endings else ""


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
    starts = text.positions(_G_WORDS) + [
        pos - 2 for pos in text.positions(_P_WORDS) if folded.startswith(b"dapi", pos - 2)
    ]
    starts += [pos - 1 for pos in text.positions(_K_WORDS) if folded[pos - 1 : pos + 3] == b"akia"]
    for start in sorted(starts):
        match = _TOKEN.match(text.data, start)
        if match is None or (start and text.data[start - 1 : start].isalnum()):
            continue
        if b"EXAMPLE" in match.group():
            continue  # AWS's documented example key, AKIAIOSFODNN7EXAMPLE
        yield _token_hit(match.start(), match.end(), match.group())
    yield from _devops_pats(text)
    yield from _basic_auth(text)
    yield from _netrc_and_pgpass(text, path)
    yield from _webhooks(text)


def _token_hit(start: int, end: int, token: bytes, what: str = "access token") -> Hit:
    return Hit(
        RuleId.CREDENTIAL,
        start,
        end,
        f"{what} ({token[:4].decode('ascii', 'replace')}...) written into the file; revoke it",
        token.decode("ascii", "replace"),
    )


_PAT_SETTING = re.compile(rb"pat[\"']?[ \t]*[:=][ \t]*[\"']?")


def _devops_pats(text: Text) -> Iterator[Hit]:
    """Azure DevOps personal access tokens given to a setting named PAT (ADO_PAT: ...).

    Older tokens are 52 base32 characters, newer ones 84 characters with AZDO inside. A token in
    a clone URL (https://TOKEN@dev.azure.com) is found by the URL rule.
    """
    for pos in text.positions(_P_WORDS):
        match = _PAT_SETTING.match(text.folded, pos)
        value = _DEVOPS_PAT.match(text.data, match.end()) if match else None
        if value and not text.data[value.end() : value.end() + 1].isalnum():
            token = value.group()
            if b"AZDO" in token or sum(char in b"234567" for char in token) >= 3:
                yield _token_hit(value.start(), value.end(), token, "Azure DevOps token")


def _basic_auth(text: Text) -> Iterator[Hit]:
    """``Authorization: Basic <base64 of user:password>`` headers with a real value."""
    for pos in text.positions(_B_WORDS):
        match = _BASIC_AUTH.match(text.folded, pos)
        if match is None:
            continue
        if b"authori" not in text.folded[max(0, match.start() - 24) : match.start()]:
            continue
        encoded = text.data[match.start(1) : match.end(1)]
        try:
            decoded = base64.b64decode(encoded + b"=" * (-len(encoded) % 4), validate=True)
        except (ValueError, binascii.Error):
            continue
        _, colon, password = decoded.partition(b":")
        if colon and not _is_placeholder(password):
            yield Hit(
                RuleId.CREDENTIAL,
                match.start(1),
                match.end(1),
                "HTTP Basic credentials (user and password, base64-encoded; value hidden)",
                decoded.decode("utf-8", "replace"),
            )


def _netrc_and_pgpass(text: Text, path: str) -> Iterator[Hit]:
    """Passwords in ``.netrc`` entries (anywhere) and in ``.pgpass`` files' last field."""
    folded = text.folded
    for pos in text.positions(_P_WORDS):
        if not folded.startswith(b"password", pos) or folded[pos + 8 : pos + 9] not in b" \t\n":
            continue
        machine = folded.rfind(b"machine", max(0, pos - 300), pos)
        match = _NETRC_PASSWORD.match(text.data, max(0, machine - 1)) if machine != -1 else None
        if match and match.start(1) > pos and not _is_placeholder(match.group(1)):
            yield _secret_hit(
                match.start(1), match.end(1), match.group(1), "password in a netrc entry"
            )
    if path.rsplit("/", 1)[-1].lower() in _PGPASS_NAMES:
        offset = 0
        for line in text.data.split(b"\n"):
            fields = re.split(rb"(?<!\\):", line.rstrip(b"\r"), maxsplit=4)
            if (
                len(fields) == 5
                and not line.lstrip().startswith(b"#")
                and not _is_placeholder(fields[4])
            ):
                start = offset + len(line.rstrip(b"\r")) - len(fields[4])
                yield _secret_hit(
                    start, start + len(fields[4]), fields[4], "password in a pgpass entry"
                )
            offset += len(line) + 1


def _secret_hit(start: int, end: int, value: bytes, what: str) -> Hit:
    message = f"{what} (value hidden); rotate it and keep it out of git"
    return Hit(RuleId.CREDENTIAL, start, end, message, value.decode("utf-8", "replace"))


def _webhooks(text: Text) -> Iterator[Hit]:
    """Incoming-webhook URLs for Slack, Teams, Google Chat and Discord: anyone can post with one."""
    for pos in text.positions(_URL_TRIGGER):
        for pattern in _WEBHOOKS:
            match = pattern.match(text.data, max(0, pos - 5))
            if match:
                url = match.group()
                yield _token_hit(match.start(), match.end(), url[8:], "chat webhook address")
                break


def key_container(path: str, data: bytes) -> str | None:
    """Describe a private key held in a binary key container (PKCS#12, Java keystores), if any."""
    for magic, description in _KEY_STORE_MAGIC:
        if data.startswith(magic):
            return f"{description}, which holds private keys; remove it and replace the keys"
    is_der_sequence = data[:1] == b"\x30" and data[1:2] in (b"\x80", b"\x82", b"\x83", b"\x84")
    if is_der_sequence and b"\x02\x01\x03" in data[2:8] and _PKCS7_DATA in data[4:40]:
        return "a PKCS#12 (.pfx/.p12) key container; remove it and replace the keys it holds"
    return None


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
        RuleId.CREDENTIAL,
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
    """Private key blocks in PEM or OpenSSH form, PuTTY key files, OpenSSH keys as base64."""
    folded = text.folded
    for pos in text.positions(_B_WORDS):
        encoded = _OPENSSH_BASE64.match(text.data, pos)
        if encoded:
            yield Hit(RuleId.PRIVATE_KEY, encoded.start(), encoded.end(),
                      "OpenSSH private key (base64); remove it and replace the key")  # fmt: skip
    for pos in text.positions(_P_WORDS):
        putty = _PUTTY_KEY.match(text.data, pos) if folded[pos + 1 : pos + 2] == b"u" else None
        if putty:
            yield Hit(RuleId.PRIVATE_KEY, putty.start(), putty.end(),
                      "PuTTY private key file; remove it and replace the key")  # fmt: skip
        if folded[pos : pos + 11] != b"private key":
            continue
        match = _PRIVATE_KEY.search(text.data, max(0, pos - 40), pos + 20)
        if match is not None:
            yield Hit(
                RuleId.PRIVATE_KEY,
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
    if userinfo and b":" not in userinfo and _token_like(userinfo):
        yield Hit(
            RuleId.CREDENTIAL,
            match.start(1),
            match.end(1),
            "access token as the user name in a URL (value hidden); revoke it",
            text.data[match.start(1) : match.end(1)].decode("utf-8", "replace"),
        )
    if userinfo and b":" in userinfo:
        password = text.data[match.start(1) : match.end(1)].split(b":", 1)[1]
        if not _is_placeholder(password) and password.lower() not in (b"password", b"pass"):
            yield Hit(
                RuleId.CREDENTIAL,
                match.start(1),
                match.end(1),
                "password inside a connection string or URL (value hidden)",
                password.decode("utf-8", "replace"),
            )
    end = _URL_END.search(folded, match.end())
    query = folded[match.end() : end.start() if end else len(folded)]
    if b"sig=" in query and b"sv=" in query:  # an Azure shared access signature
        signature = _SAS_SIGNATURE.search(text.data, match.end(), match.end() + len(query))
        if signature:
            sig = signature.group(1)
            yield _token_hit(signature.start(1), signature.end(1), sig, "Azure SAS signature")
    if _internal_ip(host):
        yield _host_hit(match.start(2), match.end(2), host, "in a URL")
    elif any(name in scheme for name in _DATABASE_SCHEMES) and not _documentation_host(host):
        yield _host_hit(match.start(2), match.end(2), host, "in a database connection URL")


def _token_like(userinfo: bytes) -> bool:
    """A user name of 20 or more letters and digits, both, is a token (git clone https://PAT@)."""
    return (
        len(userinfo) >= 20
        and userinfo.isalnum()
        and any(char.isdigit() for char in userinfo.decode("ascii", "replace"))
    )


def _host_hit(start: int, end: int, host: bytes, where: str) -> Hit:
    shown = "private IP address" if _internal_ip(host) else "server name"
    return Hit(
        RuleId.INTERNAL_HOST,
        start,
        end,
        f"{shown} {where} (hidden); move it to configuration kept out of git",
        host.decode("utf-8", "replace"),
    )
