"""The project's reproducible analytical pipeline (RAP), as an installable package.

Run it with ``python -m {{ cookiecutter.package_name }}``; see the README for the steps.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("{{ cookiecutter.project_slug }}")
except PackageNotFoundError:  # running from a folder that was never installed
    __version__ = "0+unknown"
