"""Back test: a full pipeline run must reproduce the committed expected output exactly.

If a change to the code alters the published figures, this test fails and the reviewer sees
why. When a change is intended, regenerate the expected files and explain it in the changelog.

Two expected tables: the exact one (``mode = "secure_environment"`` in backtest_config.toml),
which shows any change to the method, however small; and the published one, after disclosure
control, which is what leaves the secure environment. Every compute backend's project has the same
expected files, so each file is compared byte for byte as well as value by value.
"""

from dataclasses import replace
from pathlib import Path

import polars as pl
from polars.testing import assert_frame_equal

from {{ cookiecutter.package_name }}.disclosure import DisclosureMode
from {{ cookiecutter.package_name }}.pipeline import run

EXPECTED = Path(__file__).parent / "expected"


def test_pipeline_reproduces_expected_output(backtest_config):
    result = run(backtest_config)

    produced = pl.read_csv(result.table)
    expected = pl.read_csv(EXPECTED / "ae_attendances_by_provider.csv")
    assert_frame_equal(produced, expected, check_exact=False, rel_tol=1e-9)
    assert result.table.read_bytes() == (EXPECTED / "ae_attendances_by_provider.csv").read_bytes()


def test_published_output_is_the_expected_table_after_disclosure_control(backtest_config):
    rule = replace(backtest_config.disclosure, mode=DisclosureMode.PUBLICATION)

    result = run(replace(backtest_config, disclosure=rule))

    expected_path = EXPECTED / "ae_attendances_by_provider_published.csv"
    produced = pl.read_csv(result.table, infer_schema=False)
    assert_frame_equal(produced, pl.read_csv(expected_path, infer_schema=False))
    assert result.table.read_bytes() == expected_path.read_bytes()


def test_pipeline_writes_a_chart(backtest_config):
    result = run(backtest_config)

    assert result.chart.read_bytes().startswith(b"\x89PNG")
