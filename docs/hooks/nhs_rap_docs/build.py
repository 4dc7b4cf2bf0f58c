"""What the build adds to the site: each generated page and the function that writes it."""

from __future__ import annotations

from collections.abc import Callable

from nhs_rap.criteria import CRITERIA
from nhs_rap.links import (
    AUDIT_CHECKS_PAGE,
    CLI_PAGE,
    FAQ_MAP_PAGE,
    GUARD_RULES_PAGE,
    OPTIONS_PAGE,
    RAP_LEVELS_PAGE,
)
from nhs_rap.template import load_hook, option_names, template_config
from nhs_rap_docs.audit_checks import audit_checks_page
from nhs_rap_docs.cli_reference import cli_page
from nhs_rap_docs.facts import (
    load_checks,
    load_faq,
    load_rules,
    load_template_support,
    scan_decisions,
)
from nhs_rap_docs.faq_map import faq_map_page
from nhs_rap_docs.guard_rules import guard_rules_page
from nhs_rap_docs.options import options_page
from nhs_rap_docs.rap_levels import rap_levels_page
from nhs_rap_docs.schemas import published_schemas


def refused_combinations() -> tuple[object, ...]:
    """The pre-generation hook's refused combinations, judged over every offered Python."""
    hook = load_hook("pre_gen_project")
    config = template_config()
    return hook.refused_combinations(config, hook.choice_lists(config)["python_version"])


def generated_pages() -> dict[str, Callable[[], str]]:
    """Each generated page's path in the site and the function that writes it."""
    from nhs_rap.cli import app

    pages: dict[str, Callable[[], str]] = {
        RAP_LEVELS_PAGE: lambda: rap_levels_page(
            CRITERIA, load_template_support(), scan_decisions(), load_checks()
        ),
        FAQ_MAP_PAGE: lambda: faq_map_page(load_faq(), scan_decisions()),
        OPTIONS_PAGE: lambda: options_page(
            template_config(), option_names(), refused_combinations()
        ),
        CLI_PAGE: lambda: cli_page(app),
        AUDIT_CHECKS_PAGE: lambda: audit_checks_page(load_checks(), sorted(published_schemas())),
        GUARD_RULES_PAGE: lambda: guard_rules_page(load_rules()),
    }
    return pages
