"""Allow ``python -m nhs_rap``, which works even where the Scripts folder is not on PATH."""

from nhs_rap.cli import main

main()
