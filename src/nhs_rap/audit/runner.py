"""Run the checks against a folder the way repo-review would, without repo-review's overheads.

``nhs-rap audit`` computes the same fixtures and runs the same check classes in the same
dependency order as repo-review, but only this package's checks (not every installed plugin's),
without entry-point discovery or a deep copy of the fixtures after each check. A check that raises
is reported as an error for that check alone, never a crash of the audit.
"""

from __future__ import annotations

import graphlib
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nhs_rap.audit.base import RapCheck
from nhs_rap.audit.fixtures import FIXTURES
from nhs_rap.audit.informational import InfoReport, Observation
from nhs_rap.audit.registry import all_checks, informational_checks
from nhs_rap.audit.status import InfoStatus


@dataclass(frozen=True)
class Outcome:
    """What one check returned: True (passed), a message (failed), None (skipped), or an error."""

    check: type[RapCheck]
    passed: bool | None
    message: str = ""
    error: bool = False
    signals: tuple[str, ...] = ()


def unfinished(error: Exception) -> str:
    """What the report says of a check that raised: a bug in the audit, not in the project."""
    return (
        f"The audit couldn't finish this check ({type(error).__name__}: {error}). "
        "Please report it to the nhs-rap maintainers."
    )


def _call(function: Callable[..., Any], values: dict[str, Any]) -> Any:
    """Call ``function`` with the fixtures its parameters name (repo-review's convention)."""
    names = inspect.signature(function).parameters
    return function(**{name: values[name] for name in names})


def compute_fixtures(root: Path) -> dict[str, Any]:
    """Every fixture for ``root``, dependencies first."""
    values: dict[str, Any] = {"root": root, "package": root}
    graph = {
        name: set(inspect.signature(function).parameters) for name, function in FIXTURES.items()
    }
    for name in graphlib.TopologicalSorter(graph).static_order():
        if name not in values:
            values[name] = _call(FIXTURES[name], values)
    return values


def run_checks(fixtures: dict[str, Any]) -> list[Outcome]:
    """Run every check in dependency order; a check whose requirement didn't pass is skipped."""
    checks = {check.id: check for check in all_checks()}
    order = graphlib.TopologicalSorter({key: set(check.requires) for key, check in checks.items()})
    outcomes: dict[str, Outcome] = {}
    for check_id in order.static_order():
        check = checks[check_id]
        unmet = sorted(req for req in check.requires if not outcomes[req].passed)
        if unmet:
            outcomes[check_id] = Outcome(check, None, f"Waits for {' and '.join(unmet)} to pass.")
            continue
        try:
            result = _call(check.check, fixtures)
        except Exception as error:
            outcomes[check_id] = Outcome(check, False, unfinished(error), error=True)
            continue
        signals: tuple[str, ...] = ()
        if check.attestation and hasattr(check, "signals"):
            signals = tuple(_call(check.signals, fixtures))  # type: ignore[attr-defined]
        if result is None:
            outcomes[check_id] = Outcome(
                check, None, "Not applicable to this repository.", signals=signals
            )
        elif result is True or result == "":
            outcomes[check_id] = Outcome(check, True, signals=signals)
        else:
            message = result if isinstance(result, str) else (check.__doc__ or "Check failed.")
            outcomes[check_id] = Outcome(check, False, message, signals=signals)
    return [outcomes[check.id] for check in checks.values()]


def run_informational(fixtures: dict[str, Any]) -> list[InfoReport]:
    """Run every informational check; one that raises is an error for that check alone."""
    reports = []
    for check in informational_checks():
        try:
            seen: Observation = _call(check.observe, fixtures)
        except Exception as error:
            seen = Observation(InfoStatus.ERROR, unfinished(error))
        reports.append(
            InfoReport(
                id=check.id,
                theme=check.theme,
                description=(check.__doc__ or "").strip(),
                status=seen.status,
                message=seen.message,
                url=check.url,
                evidence=seen.evidence,
            )
        )
    return reports
