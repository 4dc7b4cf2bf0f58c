"""The base every audit check shares: its id ties it to one criterion, level and docs anchor.

A check is a class (never instantiated) in repo-review's style: the class docstring is what it
looks for, ``check()`` takes fixtures by name and returns True (passed), a message saying what to
do next (failed), or None (not applicable here).
"""

from __future__ import annotations

import re
from typing import ClassVar

from nhs_rap.criteria import BY_ID
from nhs_rap.links import docs_page

CHECK_ID = re.compile(r"^RAP-([BSG]\d+)\.(\d+)$")
CHECKS_PAGE = "reference/audit-checks"


def check_anchor(check_id: str) -> str:
    """Return the docs anchor of a check: ``RAP-S6.1`` -> ``rap-s6-1`` (no dots in anchors)."""
    return check_id.lower().replace(".", "-")


def check_url(check_id: str) -> str:
    """Return the address of a check's entry on the docs site's audit-checks reference page."""
    return docs_page(CHECKS_PAGE, check_anchor(check_id))


class RapCheck:
    """Base class for the audit's checks; subclasses set ``id`` and write ``check()``."""

    id: ClassVar[str]
    criterion: ClassVar[str]
    family: ClassVar[str]
    url: ClassVar[str]
    anchor: ClassVar[str]
    requires: ClassVar[frozenset[str]] = frozenset()
    #: A failed advisory check is shown as a warning and does not stop a level being reached.
    advisory: ClassVar[bool] = False
    #: Set when the check asks for more than the criterion's words do: a failure is then shown
    #: as advice, with this reason, and the criterion can still be met.
    advice: ClassVar[str] = ""
    #: True for B4, B5 and S9, which pass only on a person's recorded attestation.
    attestation: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs: object) -> None:
        """Derive the criterion, family (level) and docs URL from the check's id, once."""
        super().__init_subclass__(**kwargs)
        match = CHECK_ID.match(cls.__dict__.get("id", ""))
        if match is None or match.group(1) not in BY_ID:
            raise ValueError(f"{cls.__name__} needs an id like RAP-S6.1 naming a real criterion")
        cls.criterion = match.group(1)
        cls.family = f"rap-{BY_ID[cls.criterion].level.value}"
        cls.anchor = check_anchor(cls.id)
        cls.url = check_url(cls.id)
