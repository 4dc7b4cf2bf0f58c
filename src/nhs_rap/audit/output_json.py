"""The audit report as JSON, for CI steps and dashboards; the shape is fixed by a JSON Schema.

The schema ships with the package (``report.schema.json`` beside this module) and the tests
validate real reports against it, so a field can't change without the schema changing too.
"""

from __future__ import annotations

import dataclasses
import json
from importlib.resources import files
from typing import Any

from nhs_rap.audit.status import CheckStatus
from nhs_rap.audit.verdict import Report

SCHEMA_VERSION = 1


def schema() -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) that every JSON report satisfies."""
    text = files("nhs_rap.audit").joinpath("report.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def as_dict(report: Report) -> dict[str, Any]:
    """Return the report as plain JSON-ready data, with a count of checks per status."""
    data = dataclasses.asdict(report)
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "nhs-rap", "version": data.pop("version")},
        **data,
        "summary": {status.value: report.count(status) for status in CheckStatus},
    }


def render(report: Report) -> str:
    """Return the report as indented JSON text."""
    return json.dumps(as_dict(report), indent=2, ensure_ascii=False) + "\n"
