"""The JSON schemas the site publishes, each at its own ``$id``."""

from __future__ import annotations

import json
from pathlib import Path

from nhs_rap.links import DOCS_URL


def published_schemas() -> dict[str, str]:
    """JSON schemas shipped in the package whose ``$id`` is an address on this site, by path.

    Publishing each schema at its own ``$id`` means the address in a report is one a person (or a
    validator) can open; the ``$id`` is the one place that address is written.
    """
    import nhs_rap

    prefix = DOCS_URL + "/"
    found: dict[str, str] = {}
    for path in sorted(Path(nhs_rap.__file__).parent.rglob("*.schema.json")):
        text = path.read_text(encoding="utf-8")
        schema_id = str(json.loads(text).get("$id", ""))
        if schema_id.startswith(prefix):
            found[schema_id.removeprefix(prefix)] = text
    return found
