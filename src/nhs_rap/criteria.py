"""The 18 NHS "Levels of RAP" criteria: the one list the audit, the template and the docs share.

Ids are this project's own (stable, for check ids and docs anchors); each summary paraphrases the
NHS England RAP Community of Practice's "Levels of RAP" page (Crown copyright, OGL v3).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Level(StrEnum):
    """A RAP level; each includes every criterion of the levels below it."""

    BASELINE = "baseline"
    SILVER = "silver"
    GOLD = "gold"

    @property
    def rank(self) -> int:
        """0 for baseline, 1 for silver, 2 for gold."""
        return list(Level).index(self)


@dataclass(frozen=True)
class Criterion:
    """One criterion of the Levels of RAP."""

    id: str
    level: Level
    summary: str
    automatable: bool  # False where only a person's word and evidence can show it (attested)

    @property
    def anchor(self) -> str:
        """The anchor of this criterion on the docs site's RAP levels page, e.g. ``s6``."""
        return self.id.lower()


CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        "B1",
        Level.BASELINE,
        "Outputs are produced by code in an open-source language such as Python, R or SQL.",
        True,
    ),
    Criterion("B2", Level.BASELINE, "The code is kept under version control with git.", True),
    Criterion(
        "B3",
        Level.BASELINE,
        "A README sets out the steps to reproduce the outputs, per the NHS Open Source Policy.",
        True,
    ),
    Criterion("B4", Level.BASELINE, "The code has been reviewed by a peer.", False),
    Criterion(
        "B5",
        Level.BASELINE,
        "The code is published openly and linked to and from any accompanying publication.",
        False,
    ),
    Criterion("S1", Level.SILVER, "Outputs are produced by code with minimal manual steps.", True),
    Criterion(
        "S2",
        Level.SILVER,
        "The code is well documented: user guidance, structure and methodology, and docstrings.",
        True,
    ),
    Criterion("S3", Level.SILVER, "The code is organised in a standard folder layout.", True),
    Criterion("S4", Level.SILVER, "Reusable functions or classes are used where they fit.", True),
    Criterion(
        "S5",
        Level.SILVER,
        "The code follows agreed standards such as PEP 8 or the PySpark style guide.",
        True,
    ),
    Criterion(
        "S6",
        Level.SILVER,
        "The pipeline has a testing framework, with unit tests and back tests.",
        True,
    ),
    Criterion(
        "S7",
        Level.SILVER,
        "The repository records its dependencies, ideally with a lock file.",
        True,
    ),
    Criterion(
        "S8",
        Level.SILVER,
        "The pipeline logs what it does automatically, to show outputs are as expected.",
        True,
    ),
    Criterion("S9", Level.SILVER, "Data is handled and output in a tidy format.", False),
    Criterion("G1", Level.GOLD, "The code is fully packaged.", True),
    Criterion(
        "G2", Level.GOLD, "Tests and checks run automatically through continuous integration.", True
    ),
    Criterion(
        "G3",
        Level.GOLD,
        "The process runs on a schedule or is triggered by an event such as new data.",
        True,
    ),
    Criterion(
        "G4",
        Level.GOLD,
        "Changes are signposted with a changelog, releases and semantic version numbers.",
        True,
    ),
)

BY_ID: dict[str, Criterion] = {criterion.id: criterion for criterion in CRITERIA}


def criteria_for(level: Level) -> tuple[Criterion, ...]:
    """Every criterion a project must meet to reach ``level`` (its own and those below)."""
    return tuple(criterion for criterion in CRITERIA if criterion.level.rank <= level.rank)
