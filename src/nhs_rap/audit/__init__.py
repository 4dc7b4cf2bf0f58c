"""``nhs-rap audit``: which NHS RAP level a repository reaches, and what to do next.

The checks are a repo-review plugin (see :mod:`nhs_rap.audit.registry`); :func:`audit` runs them
directly and builds the report that every output format renders.
"""
