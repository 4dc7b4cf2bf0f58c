"""Informational checks: facts about a project worth showing that are not part of any RAP level.

An informational check sits beside the level checks but is a different kind of thing: it is not a
:class:`~nhs_rap.audit.base.RapCheck`, names no criterion, and its result is an
:class:`InfoStatus`, not a :class:`~nhs_rap.audit.status.CheckStatus`. The verdict computes
levels from the level checks alone, so an informational check can never block or raise a level,
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
from enum import StrEnum
from typing import Any, ClassVar

from nhs_rap.audit.base import check_anchor, check_url

INFO_ID = re.compile(r"^RAP-(I\d+)\.(\d+)$")
#: The themes informational checks are grouped under, by the middle part of their id.
THEMES = {"I1": "Disclosure control of outputs"}
#: The heading of the informational section in every output format, and the sentence under it.
INFORMATIONAL_TITLE = "Informational (not part of any RAP level)"
INFORMATIONAL_NOTE = "These checks never block or raise the level reached."
#: The repo-review family every informational check belongs to.
INFO_FAMILY = "rap-informational"


class InfoStatus(StrEnum):
    """What an informational check saw; none of these affects a level."""

    symbol: str
    label: str
    #: The colour Rich prints it in, in the terminal.
    style: str
    #: The colour of the HTML report, from the NHS palette.
    colour: str

    def __new__(cls, value: str, symbol: str, label: str, style: str, colour: str) -> InfoStatus:
        """Make one member from its value and how it looks."""
        member = str.__new__(cls, value)
        member._value_ = value
        member.symbol, member.label, member.style, member.colour = symbol, label, style, colour
        return member

    FOUND = "found", "✔", "Found", "green", "#007f3b"
    #: Found, with something a reviewer should know (e.g. switched off for a secure environment).
    NOTE = "note", "i", "Note", "cyan", "#005eb8"
    NOT_FOUND = "not-found", "-", "Not found", "dim", "#4c6272"
    ERROR = "error", "!", "Error", "red", "#d5281b"


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
