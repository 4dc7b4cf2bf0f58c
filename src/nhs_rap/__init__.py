"""nhs-rap: start, audit and guard NHS Reproducible Analytical Pipelines."""

from nhs_rap.template import template_version

# One version for the package and its template, kept in cookiecutter.json (hatchling reads it too).
__version__ = template_version()
