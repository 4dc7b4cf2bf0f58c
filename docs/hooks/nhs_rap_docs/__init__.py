"""Build the docs site's reference pages from the code, so that the site cannot drift from it.

Every fact lives in one place: options in ``cookiecutter.json`` (via ``nhs_rap.template``), RAP
criteria in ``nhs_rap.criteria``, the CLI in ``nhs_rap.cli``, audit checks and guard rules in their
registries, FAQ questions in ``docs/_data/faq.toml`` and external sources in
``docs/_data/sources.toml``. Hand-written pages cite FAQ answers, criteria and sources with short
codes (``[[faq:11]]``, ``[[rap:S6]]``, ``[[src:ogl-v3]]``) that this package expands into links, and
the FAQ map and RAP levels page work out which decisions rest on what from those same short codes.
The mkdocs hook in ``build_hooks.py`` only wires these functions into the build; the tests call
them directly.

One module per job: ``facts`` loads what the pages are made from, ``markdown`` writes links and
short codes, one module writes each generated page, ``home`` bakes the project tree for the home
page, ``schemas`` publishes the JSON schemas and ``build`` lists what the build adds.
"""
