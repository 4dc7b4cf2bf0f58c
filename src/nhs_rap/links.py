"""Addresses that the CLI, the audit, the guard and the docs all print: the one site map.

Pages are named by their path in the docs folder, as mkdocs names them (``rap-levels.md``); the
docs build writes the generated ones at exactly these paths and :func:`docs_page` turns a path
into the address the site publishes it at.
"""

REPO_URL = "https://github.com/nhs-rap/cookiecutter-nhs-rap"
DOCS_URL = "https://nhs-rap.github.io/cookiecutter-nhs-rap"
#: The NHS RAP Community of Practice's "Levels of RAP" page, pinned to the commit we paraphrase.
LEVELS_SOURCE_URL = (
    "https://github.com/NHSDigital/rap-community-of-practice/blob/"
    "2549256498886d6d7ea4cdb736e2a2864c8bb461/docs/introduction_to_RAP/levels_of_RAP.md"
)

# The generated pages the CLI, audit, guard and docs link to.
RAP_LEVELS_PAGE = "rap-levels.md"
FAQ_MAP_PAGE = "faq-map.md"
OPTIONS_PAGE = "reference/options.md"
CLI_PAGE = "reference/cli.md"
AUDIT_CHECKS_PAGE = "reference/audit-checks.md"
GUARD_RULES_PAGE = "reference/guard-rules.md"


def docs_page(page: str, anchor: str | None = None) -> str:
    """The published address of a docs page.

    ``page`` is its path in the docs folder (``rap-levels.md``) or its address (``rap-levels/``).
    """
    address = f"{DOCS_URL}/{page.removesuffix('.md').strip('/')}/"
    return f"{address}#{anchor}" if anchor else address
