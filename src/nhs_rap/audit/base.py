"""The base every audit check shares (its id ties it to one criterion, level and docs anchor).

A check is a class (never instantiated) in repo-review's style: the class docstring is what it
looks for, ``check()`` takes fixtures by name and returns True (passed), a message saying what to
do next (failed), or None (not applicable here). The helpers at the end are the wording and
tests that checks of more than one level share, so no level's module imports another's.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, ClassVar

from nhs_rap.criteria import BY_ID
from nhs_rap.links import AUDIT_CHECKS_PAGE, docs_page

if TYPE_CHECKING:
    from nhs_rap.audit.metadata import Metadata
    from nhs_rap.audit.settings import Settings

CHECK_ID = re.compile(r"^RAP-([BSG]\d+)\.(\d+)$")
#: A command that runs something: a script, a module, a task runner or an R pipeline.
RUN_COMMAND = re.compile(
    r"(\b(python3?|py) (-m )?[\w./\\-]+|\b(uv|poetry|pipenv|pdm|pixi|hatch|conda|nox|tox) run\b|"
    r"\bRscript\b|\bR (-e|CMD BATCH)\b|\bsource\(\s*['\"][^'\"]+\.R['\"]|\b(targets::)?tar_make\(|"
    r"\b(make|just|nox|tox|snakemake|nextflow run|dvc repro|quarto render|jupyter nbconvert)\b|"
    r"\b(bash|sh|zsh) [\w./-]+\.sh\b|(^|\s)\./[\w./-]+|\bdocker (compose )?run\b|"
    r"\bpapermill\b|\bstreamlit run\b|\bjupyter (nbconvert|execute|lab|notebook)\b)"
)


def first_paragraph(message: str) -> str:
    """Return a check message's first paragraph: what to do, in one go.

    The rest is detail (usually a code example); next actions and the shorter formats leave it out.
    """
    return message.split("\n\n", 1)[0].strip()


def check_anchor(check_id: str) -> str:
    """Return the docs anchor of a check: ``RAP-S6.1`` -> ``rap-s6-1`` (no dots in anchors)."""
    return check_id.lower().replace(".", "-")


def check_url(check_id: str) -> str:
    """Return the address of a check's entry on the docs site's audit-checks reference page."""
    return docs_page(AUDIT_CHECKS_PAGE, check_anchor(check_id))


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
    #: True where the criterion is not automatable (``criteria``): the check passes only on a
    #: person's recorded attestation. Derived from the criterion, never set by hand.
    attestation: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs: object) -> None:
        """Derive the criterion, family (level) and docs URL from the check's id, once."""
        super().__init_subclass__(**kwargs)
        match = CHECK_ID.match(cls.__dict__.get("id", ""))
        if match is None or match.group(1) not in BY_ID:
            raise ValueError(f"{cls.__name__} needs an id like RAP-S6.1 naming a real criterion")
        cls.criterion = match.group(1)
        cls.attestation = not BY_ID[cls.criterion].automatable
        cls.family = f"rap-{BY_ID[cls.criterion].level.value}"
        cls.anchor = check_anchor(cls.id)
        cls.url = check_url(cls.id)


class AttestedCheck:
    """What every check of a criterion no file can prove does: pass on a complete attestation.

    Mix it in before ``RapCheck`` and say what is attested and what evidence looks like; the
    check's ``signals`` (clues found in the files) stay its own.
    """

    criterion: ClassVar[str]
    #: What a person attests, as the message names it, e.g. "Peer review".
    attested: ClassVar[str]
    #: An example of the evidence to record, e.g. a link to the merged pull request.
    evidence_hint: ClassVar[str]

    @classmethod
    def check(cls, rap_settings: Settings) -> bool | str:
        """Pass only with a complete attestation of this criterion under `[tool.nhs-rap.attest]`."""
        attestation = rap_settings.attestation(cls.criterion)
        if attestation and attestation.valid:
            return True
        return attestation_message(cls.criterion, cls.attested, cls.evidence_hint)


# --- Helpers the checks of every level share -----------------------------------------------


def runs_pipeline(commands: tuple[str, ...], metadata: Metadata) -> bool:
    """Whether any command runs the pipeline: a known runner or the project's own command."""
    own = {*metadata.scripts, *([metadata.name] if metadata.name else [])}
    for command in commands:
        if RUN_COMMAND.search(command):
            return True
        words = command.split()
        for word in words[:3]:  # e.g. `nhssynth pipeline`, `poetry run nhssynth`
            if word in own:
                return True
    return False


def examples(items: tuple[str, ...] | list[str], limit: int = 3) -> str:
    """Return a short, readable list of examples for a message: `a`, `b` and `c`."""
    shown = [f"`{item}`" for item in items[:limit]]
    if len(shown) <= 1:
        return "".join(shown)
    return ", ".join(shown[:-1]) + " and " + shown[-1]


def attestation_message(criterion: str, what: str, evidence_hint: str) -> str:
    """Return the message for a criterion no file can prove: what to record in pyproject.toml."""
    return (
        f"{what} can't be seen in the files: once it is true, record who checked it, when, and "
        f"a link or reason under `[tool.nhs-rap.attest.{criterion}]` in pyproject.toml.\n\n"
        f"```toml\n[tool.nhs-rap.attest.{criterion}]\n"
        f'evidence = "{evidence_hint}"  # or reason = "..." where there is no link\n'
        f'by = "Your Name"\ndate = {dt.date.today().isoformat()}\n```'
    )
