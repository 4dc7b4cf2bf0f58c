"""Scan one file's bytes, and every file it holds, with every rule; drop what is allowed."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from nhs_rap.guard import credentials
from nhs_rap.guard.allowlist import AllowList, inline_allowed
from nhs_rap.guard.containers import Budget, Layer, describe, text_runs, walk
from nhs_rap.guard.findings import Finding, Hit, material_digest
from nhs_rap.guard.identifiers import NHS_WORDS, nhs_and_chi_numbers, postcodes_with_birth_dates
from nhs_rap.guard.notebook import is_notebook, notebook_outputs
from nhs_rap.guard.rules import RuleId
from nhs_rap.guard.sniff import data_extension, sniff
from nhs_rap.guard.text import Text

_BINARY_PROBE = 8192  # a NUL byte this early means a binary file that no text rule can read
_UTF16_PROBE = 4096
_BUILT_DOCS = re.compile(r"(?:^|/)\.doctrees/|\.doctree$")  # Sphinx's pickled build cache


@dataclass(frozen=True)
class Options:
    """What to look for beyond the defaults (from the command line or the allow-list settings)."""

    chi: bool = False
    report_synthetic: bool = False


def utf16_as_utf8(data: bytes) -> bytes | None:
    """Re-encode UTF-16 text, with or without a byte-order mark, so the byte rules can read it.

    SQL Server's bulk export (bcp -w) writes UTF-16 without a mark; such text is recognised by
    its NUL bytes: in English text nearly every other byte is NUL, all on the same side.
    Returns None for anything else.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        probe = data[:_UTF16_PROBE]
        half = len(probe) // 2
        if half < 8:
            return None
        even, odd = probe[0::2].count(0), probe[1::2].count(0)
        if odd >= 0.9 * half and even <= 0.02 * half:
            encoding = "utf-16-le"
        elif even >= 0.9 * half and odd <= 0.02 * half:
            encoding = "utf-16-be"
        else:
            return None
    return data[: len(data) // 2 * 2].decode(encoding, "replace").encode("utf-8")


def _data_file_message(path: str, what: str) -> str:
    """Say what to do with a data file; one in data/ is there already and needs unstaging."""
    if path.startswith("data/") and "!/" not in path:
        return (
            f"{what} in data/, which git ignores so that data never reaches the repository; it "
            f"was added anyway: unstage it with git rm --cached {path} and keep it out of git"
        )
    return f"{what} is a data file; keep data in data/ (git ignores it), not in git"


class Scanner:
    """Applies every rule to files and keeps only the findings nobody has allowed."""

    def __init__(self, allow_list: AllowList, options: Options) -> None:
        """Scan with ``options``, filtering through ``allow_list``."""
        self.allow_list = allow_list
        self.options = options

    def scan(self, path: str, data: bytes) -> list[Finding]:
        """Return the findings in one file and in every file it holds (``outer!/inner``).

        ``path`` is relative to the repository root. An allowed ``data-file`` finding does not
        stop the contents being checked by every other rule.
        """
        findings = []
        for layer in walk(path, data, Budget()):
            findings += [
                finding
                for finding in self._layer_findings(layer)
                if not self.allow_list.allows(finding)
            ]
        return findings

    def _layer_findings(self, layer: Layer) -> Iterator[Finding]:
        path, data, opened = layer.path, layer.data, layer.opened
        if layer.text:
            yield from self._text_findings(path, Text(data))
            return
        if opened is not None:  # its members are layers of their own
            if opened.is_data:
                yield self._data_file(path, data, opened.description)
            return
        kind = sniff(data)
        if layer.stopped:
            what = describe(data) or kind or "a container"
            yield self._data_file(
                path, data, f"{what} that could not be read in full ({layer.stopped})"
            )
            return
        extension = data_extension(path)
        built_docs = kind == "a Python pickle (.pkl)" and _BUILT_DOCS.search(path) is not None
        if (extension or kind) and not built_docs:
            yield self._data_file(path, data, kind or f"a .{extension or 'data'} file")
        key_container = credentials.key_container(path, data)
        if key_container:
            digest = material_digest(RuleId.PRIVATE_KEY, data)
            yield Finding(path, 1, RuleId.PRIVATE_KEY, key_container, digest)
            return
        if kind is not None:
            data = text_runs(data, NHS_WORDS)  # string columns and column names, as lines
        else:
            data = utf16_as_utf8(data) or data  # Excel's "Unicode text", SQL Server's bcp -w
            if b"\x00" in data[:_BINARY_PROBE]:
                return
        yield from self._text_findings(path, Text(data))

    def _data_file(self, path: str, data: bytes, what: str) -> Finding:
        digest = material_digest(RuleId.DATA_FILE, data)
        return Finding(path, 1, RuleId.DATA_FILE, _data_file_message(path, what), digest)

    def _text_findings(self, path: str, text: Text) -> Iterator[Finding]:
        hits: list[Hit] = []
        if is_notebook(path, text.data):
            hits.extend(notebook_outputs(text))
        hits.extend(
            nhs_and_chi_numbers(
                text, chi=self.options.chi, report_synthetic=self.options.report_synthetic
            )
        )
        hits.extend(postcodes_with_birth_dates(text))
        hits.extend(credentials.credentials(text, path))
        hits.extend(credentials.private_keys(text))
        hits.extend(credentials.hosts_and_url_passwords(text, path))
        yield from self._located(path, text, hits)

    def _located(self, path: str, text: Text, hits: Iterable[Hit]) -> Iterator[Finding]:
        """Give each hit its line number and fingerprint, dropping those marked on their line."""
        for hit in sorted(hits, key=lambda hit: hit.start):
            line = text.line_at(hit.start)
            if hit.rule_id in inline_allowed(line):
                continue
            # The line and the hit's own text: five findings on one line get five fingerprints.
            material = (
                text.data
                if hit.rule_id == RuleId.NOTEBOOK_OUTPUT
                else line + b"\0" + text.data[hit.start : hit.end]
            )
            yield Finding(
                path,
                text.line_number(hit.start),
                hit.rule_id,
                hit.message,
                material_digest(hit.rule_id, material),
                hit.secret,
            )
