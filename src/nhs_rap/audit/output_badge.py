"""The audit's level as a self-contained SVG badge for a README (no fonts or images fetched).

The badge shows the level reached with attestations. When the automated checks reach higher, it
says so ("silver, gold pending attestation" would not fit; "gold (unattested)" does).
"""

from __future__ import annotations

from html import escape

from nhs_rap.audit.verdict import Report

#: NHS identity colours: grey for none, blue for baseline, dark grey for silver, yellow for gold.
COLOURS = {None: "#768692", "baseline": "#005eb8", "silver": "#425563", "gold": "#ffb81c"}
_TEXT_ON = {"gold": "#212b32"}
_CHAR_WIDTH = 6.6  # average Verdana 11px advance; close enough to size the boxes
_PADDING = 10


def badge_text(report: Report) -> tuple[str, str | None]:
    """Return the badge's value and the level its colour shows."""
    if report.level_reached == report.automated_level:
        return report.level_reached or "none", report.level_reached
    return f"{report.automated_level} (unattested)", report.automated_level


def render(report: Report) -> str:
    """Return the SVG document."""
    label = "RAP level"
    value, level = badge_text(report)
    left = round(len(label) * _CHAR_WIDTH + _PADDING)
    right = round(len(value) * _CHAR_WIDTH + _PADDING)
    width = left + right
    colour = COLOURS[level]
    text_colour = _TEXT_ON.get(level or "", "#ffffff")
    title = escape(f"{label}: {value}")
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="20" role="img" '
        f'aria-label="{title}"><title>{title}</title>'
        f'<rect width="{left}" height="20" fill="#212b32"/>'
        f'<rect x="{left}" width="{right}" height="20" fill="{colour}"/>'
        '<g font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" text-anchor="middle">'
        f'<text x="{left / 2}" y="14" fill="#ffffff">{escape(label)}</text>'
        f'<text x="{left + right / 2}" y="14" fill="{text_colour}">{escape(value)}</text>'
        "</g></svg>\n"
    )
