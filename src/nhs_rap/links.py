"""Addresses that the CLI, the audit, the guard and the docs all print: defined once here."""

REPO_URL = "https://github.com/nhs-rap/cookiecutter-nhs-rap"
DOCS_URL = "https://nhs-rap.github.io/cookiecutter-nhs-rap"


def docs_page(page: str, anchor: str | None = None) -> str:
    """The published address of a docs page (``page`` as in mkdocs, e.g. ``rap-levels/``)."""
    address = f"{DOCS_URL}/{page.strip('/')}/"
    return f"{address}#{anchor}" if anchor else address
