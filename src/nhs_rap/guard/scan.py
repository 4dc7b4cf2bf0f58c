"""Scan one file's bytes with every rule, then drop what the inline markers and allow-list allow."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from nhs_rap.guard.allowlist import AllowList, inline_allowed
from nhs_rap.guard.credentials import credentials, hosts_and_url_passwords, private_keys
from nhs_rap.guard.findings import Finding, Hit, material_digest
from nhs_rap.guard.identifiers import nhs_and_chi_numbers, postcodes_with_birth_dates
from nhs_rap.guard.notebook import is_notebook, notebook_outputs
from nhs_rap.guard.sniff import data_extension, sniff
from nhs_rap.guard.text import Text

_BINARY_PROBE = 8192  # a NUL byte this early means a binary file that no text rule can read


@dataclass(frozen=True)
class Options:
    """What to look for beyond the defaults (from the command line or the allow-list settings)."""

    chi: bool = False
    report_synthetic: bool = False


def _utf16_as_utf8(data: bytes) -> bytes:
    """Re-encode UTF-16 text (it has a byte-order mark) so the byte-level rules can read it."""
    try:
        return data.decode("utf-16").encode("utf-8")
    except UnicodeDecodeError:
        return data


class Scanner:
    """Applies every rule to files and keeps only the findings nobody has allowed."""

    def __init__(self, allow_list: AllowList, options: Options) -> None:
        """Scan with ``options``, filtering through ``allow_list``."""
        self.allow_list = allow_list
        self.options = options

    def scan(self, path: str, data: bytes) -> list[Finding]:
        """Return the findings in one file; ``path`` is relative to the repository root."""
        findings = [
            finding
            for finding in self._all_findings(path, data)
            if not self.allow_list.allows(finding)
        ]
        return findings

    def _all_findings(self, path: str, data: bytes) -> Iterator[Finding]:
        extension = data_extension(path)
        kind = sniff(data)
        if extension or kind:
            what = kind or f"a .{extension} file"
            yield Finding(
                path,
                1,
                "data-file",
                f"{what} is a data file; keep data in data/ (git ignores it), not in git",
                material_digest("data-file", data),
            )
        if kind is None and data.startswith((b"\xff\xfe", b"\xfe\xff")):
            data = _utf16_as_utf8(data)  # Excel's "Unicode text" export, for one
        if kind is not None or b"\x00" in data[:_BINARY_PROBE]:
            return
        text = Text(data)
        hits: list[Hit] = []
        if is_notebook(path, data):
            hits.extend(notebook_outputs(text))
        hits.extend(
            nhs_and_chi_numbers(
                text, chi=self.options.chi, report_synthetic=self.options.report_synthetic
            )
        )
        hits.extend(postcodes_with_birth_dates(text))
        hits.extend(credentials(text, path))
        hits.extend(private_keys(text))
        hits.extend(hosts_and_url_passwords(text, path))
        yield from self._located(path, text, hits)

    def _located(self, path: str, text: Text, hits: Iterable[Hit]) -> Iterator[Finding]:
        """Give each hit its line number and fingerprint, dropping those marked on their line."""
        for hit in sorted(hits, key=lambda hit: hit.start):
            line = text.line_at(hit.start)
            if hit.rule_id in inline_allowed(line):
                continue
            material = text.data if hit.rule_id == "notebook-output" else line
            yield Finding(
                path,
                text.line_number(hit.start),
                hit.rule_id,
                hit.message,
                material_digest(hit.rule_id, material),
                hit.secret,
            )
