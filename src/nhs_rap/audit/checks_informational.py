"""Informational checks (``RAP-I``): shown in every report, never part of a RAP level."""

from __future__ import annotations

from nhs_rap.audit.disclosure_signals import DisclosureSigns
from nhs_rap.audit.informational import InfoCheck, Observation
from nhs_rap.audit.status import InfoStatus


class OutputProtection(InfoCheck):
    """Outputs pass through a disclosure-control step (small-number suppression or rounding)."""

    id = "RAP-I1.1"

    @staticmethod
    def observe(rap_disclosure: DisclosureSigns) -> Observation:
        """Found when configuration or the project's own code shows the step.

        Any of these counts: a section or setting for the rule in a pipeline's TOML, YAML or JSON
        configuration (`config.*`, `settings.*`, `params.*` or `pyproject.toml` at the top of the
        repository, or any file in its `config/` folder): `[disclosure]` with `mode`,
        `suppress_up_to` and `round_to` as `nhs-rap new` writes it, or `sdc:`, `suppression:`,
        `suppression_threshold = 7`; an import of a disclosure control library (Python `acro`; R
        `sdcMicro`, `sdcTable`, `cellKey`, `acro`) or of the project's own module named for it
        (`from waits.disclosure import protect`); Python or R code named for the step
        (`suppress_small_counts`, `apply_suppression`, `DisclosureRule`, `round_to_5`; suppressing
        warnings or messages does not count); or code with its shape, small counts replaced by a
        marker or a missing value (`np.where(n < 8, "*", n)`, `ifelse(n <= 7, NA, n)`,
        `df.n.where(df.n >= 8)`) or rounded to a base of 5 or 10 (`5 * round(n / 5)`,
        `plyr::round_any(n, 5)`). Comments, strings and docstrings are not read as code; tests,
        notebooks, R Markdown, Quarto and SQL are not read. A note, not a finding, when
        configuration says the outputs stay inside a secure environment (`mode =
        "secure_environment"`) or switches the rule off (`enabled = false`).
        """
        evidence = rap_disclosure.evidence
        if rap_disclosure.secure_environment:
            where = rap_disclosure.secure_environment[0]
            return Observation(
                InfoStatus.NOTE,
                f"Disclosure control is switched off for a secure environment ({where}): the "
                'outputs carry exact counts. Switch it back on (`mode = "publication"` in a '
                "project made by `nhs-rap new`) before any output leaves the environment.",
                evidence,
            )
        if evidence:
            return Observation(
                InfoStatus.FOUND,
                "The outputs appear to pass through a disclosure-control step.",
                evidence,
            )
        return Observation(
            InfoStatus.NOT_FOUND,
            "No disclosure-control step was recognised. If any output with counts of people "
            "leaves a secure environment, suppress small numbers and round the rest before it is "
            "written (a project made by `nhs-rap new` does this in `disclosure.py`, with the rule "
            "in `config.toml`); if outputs never hold such counts, there is nothing to do.",
        )
