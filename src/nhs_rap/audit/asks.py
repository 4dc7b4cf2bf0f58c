"""What each criterion asks, in the terms the audit's checks are held to.

A paraphrase of the NHS England RAP Community of Practice "Levels of RAP" page (pinned in
``nhs_rap.links.LEVELS_SOURCE_URL``; Crown copyright, OGL v3), fuller than the one-line
summaries in :mod:`nhs_rap.criteria`: where the page gives examples ("e.g."), they are examples,
not requirements, and a check that asks for more than the words do gives advice, not a failure.
The audit-checks reference page shows this beside each criterion's checks.
"""

from __future__ import annotations

ASKS: dict[str, str] = {
    "B1": "The data must come out of code written in an open-source language, Python, R or SQL "
    "being the examples given.",
    "B2": "The code must be kept under version control.",
    "B3": "A README, or an equivalent file, must spell out the steps someone follows to "
    "reproduce the outputs, taking the NHS Open Source Policy's README section as a guide.",
    "B4": "Someone must have peer reviewed the code.",
    "B5": "The code must be published openly, and linked to and from any accompanying "
    "publication where there is one.",
    "S1": "The outputs should come from the code with as little manual work as possible.",
    "S2": "The code should be well documented: guidance for users, an account of how the code "
    "is laid out and of its method, and docstrings on functions.",
    "S3": "The code should be organised in a standard folder layout.",
    "S4": "Where it makes sense, the code should use reusable functions or classes.",
    "S5": "The code should keep to agreed coding standards; PEP 8 and the PySpark style guide "
    "are the examples.",
    "S6": "The pipeline should have a testing framework; unit tests and back tests are the "
    "examples.",
    "S7": "The repository should record its dependencies; requirements.txt, a Pipfile and "
    "environment.yml are the examples (a lock file is not required).",
    "S8": "The pipeline should record logs automatically, so that a run shows its outputs are "
    "as expected.",
    "S9": "Data should be handled and output in a tidy format.",
    "G1": "The code should be fully packaged.",
    "G2": "Tests and checks should run automatically, through CI/CD or a similar tool such as "
    "GitHub Actions.",
    "G3": "The process should run on event-based triggers, such as new data arriving in a "
    "database, or on a schedule.",
    "G4": "Changes should be clearly signposted, a changelog and releases being the examples, "
    "with semantic version numbers.",
}
