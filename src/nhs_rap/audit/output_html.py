"""The audit report as one self-contained HTML page (inline styles, no scripts, no fetches)."""

from __future__ import annotations

import re
from html import escape

from nhs_rap.audit.presentation import check_notes, explanation, headline
from nhs_rap.audit.verdict import Report

_STYLE = (
    "body{font-family:Arial,sans-serif;max-width:70em;margin:1em auto;color:#212b32}"
    "table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #d8dde0;"
    "padding:.4em;text-align:left;vertical-align:top}pre{background:#f0f4f5;padding:.5em}"
    "code{background:#f0f4f5}"
)


def message_html(message: str) -> str:
    """Our messages' small Markdown subset (paragraphs, fenced blocks, inline code) as HTML."""
    parts = []
    for block in re.split(r"\n\n+", escape(message.strip())):
        fence = re.fullmatch(r"```\w*\n(.*?)\n?```", block, re.S)
        if fence:
            parts.append(f"<pre><code>{fence.group(1)}</code></pre>")
        elif block:
            parts.append("<p>" + re.sub(r"`([^`]+)`", r"<code>\1</code>", block) + "</p>")
    return "".join(parts)


def _note(kind: str, text: str) -> str:
    """One note under a check (see ``check_notes``): the whole action as HTML, else a paragraph."""
    if kind == "action":
        return message_html(text)
    return f"<p>{kind.capitalize()}: {escape(text)}</p>"


def render(report: Report) -> str:
    """Return the whole report as an HTML document."""
    rows = []
    for check in report.checks:
        status = check.status
        detail = f"<p>{escape(check.description)}</p>" + "".join(
            _note(kind, text) for kind, text in check_notes(check)
        )
        rows.append(
            f'<tr><td style="color:{status.colour}">{status.symbol} {status.label}</td>'
            f'<td><a href="{escape(check.url)}">{check.id}</a></td><td>{check.level}</td>'
            f"<td>{detail}</td></tr>"
        )
    actions = "".join(
        f'<li><a href="{escape(action.url)}">{action.check}</a> {message_html(action.action)}</li>'
        for action in report.next_actions
    )
    warnings = "".join(f"<li>{escape(warning)}</li>" for warning in report.warnings)
    return (
        '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">'
        f"<title>NHS RAP audit</title><style>{_STYLE}</style></head><body>"
        f"<h1>NHS RAP audit</h1><p><strong>{escape(headline(report))}</strong></p>"
        f"<p>{escape(explanation(report))}</p>"
        + (f"<h2>Next actions</h2><ol>{actions}</ol>" if actions else "")
        + "<h2>Checks</h2><table><thead><tr><th>Result</th><th>Check</th><th>Level</th>"
        f"<th>Detail</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
        + (f"<h2>Warnings</h2><ul>{warnings}</ul>" if warnings else "")
        + f"<p><small>nhs-rap {escape(report.version)}: {escape(report.path)}</small></p>"
        "</body></html>\n"
    )
