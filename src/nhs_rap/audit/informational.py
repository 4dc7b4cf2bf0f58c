"""Informational checks: facts about a project worth showing that are not part of any RAP level.

An informational check sits beside the level checks but is a different kind of thing: it is not a
:class:`~nhs_rap.audit.base.RapCheck`, names no criterion, and its result is an ``InfoStatus``,
not a ``CheckStatus`` (both in :mod:`nhs_rap.audit.status`). The verdict computes levels from the
level checks alone, so an informational check can never block or raise a level,
whatever it finds. Every output format shows them in a section of their own.

Ids are ``RAP-I<theme>.<n>``: ``I`` for informational, then a theme number (``I1`` is disclosure
control of outputs, see :data:`THEMES`) and the check's number within it. repo-review runs them as
well: a finding is a pass there and "nothing found" a skip, never a failure, so
``repo-review .`` is not failed by them either.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from nhs_rap.audit.base import check_anchor, check_url
from nhs_rap.audit.status import InfoStatus

INFO_ID = re.compile(r"^RAP-(I\d+)\.(\d+)$")
#: The themes informational checks are grouped under, by the middle part of their id.
THEMES = {"I1": "Disclosure control of outputs"}
#: The heading of the informational section in every output format, and the sentence under it.
INFORMATIONAL_TITLE = "Informational (not part of any RAP level)"
INFORMATIONAL_NOTE = "These checks never block or raise the level reached."
#: The repo-review family every informational check belongs to.
INFO_FAMILY = "rap-informational"


@dataclass(frozen=True)
class Observation:
    """What an informational check's ``observe()`` returns."""

    status: InfoStatus
    message: str
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True)
class InfoReport:
    """One informational check's result as the report shows it."""

    id: str
    theme: str
    description: str
    status: InfoStatus
    message: str
    url: str
    evidence: tuple[str, ...] = ()


class InfoCheck:
    """Base class for informational checks; subclasses set ``id`` and write ``observe()``.

    ``observe()`` takes fixtures by name, like a level check's ``check()``, and returns an
    :class:`Observation`; its docstring says what the check accepts. The ``check()`` repo-review
    runs is derived from it: True when something was found, None (a skip) when not.
    """

    id: ClassVar[str]
    theme: ClassVar[str]
    family: ClassVar[str] = INFO_FAMILY
    url: ClassVar[str]
    anchor: ClassVar[str]
    requires: ClassVar[frozenset[str]] = frozenset()
    observe: ClassVar[Callable[..., Observation]]
    check: ClassVar[Callable[..., bool | None]]

    def __init_subclass__(cls, **kwargs: object) -> None:
        """Check the id names a theme, derive the URL and the repo-review view, once."""
        super().__init_subclass__(**kwargs)
        match = INFO_ID.match(cls.__dict__.get("id", ""))
        if match is None or match.group(1) not in THEMES:
            raise ValueError(f"{cls.__name__} needs an id like RAP-I1.1 naming a theme")
        cls.theme = match.group(1)
        cls.anchor = check_anchor(cls.id)
        cls.url = check_url(cls.id)
        observe = cls.__dict__["observe"].__func__  # a staticmethod

        @functools.wraps(observe)
        def check(**fixtures: Any) -> bool | None:
            return True if observe(**fixtures).status is not InfoStatus.NOT_FOUND else None

        cls.check = staticmethod(check)  # type: ignore[assignment]
