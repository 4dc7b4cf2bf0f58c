"""Back test: a full pipeline run must reproduce the committed expected output exactly.

If a change to the code alters the published figures, this test fails and the reviewer sees
why. When a change is intended, regenerate the expected files and explain it in the changelog.

Two expected tables: the exact one (``mode = "secure_environment"`` in backtest_config.toml),
which shows any change to the method, however small; and the published one, after disclosure
control, which is what leaves the secure environment.
"""

from dataclasses import replace
from pathlib import Path

import pandas as pd
from pandas.testing import assert_frame_equal

from {{ cookiecutter.package_name }}.disclosure import DisclosureMode
from {{ cookiecutter.package_name }}.pipeline import run

EXPECTED = Path(__file__).parent / "expected"


def test_pipeline_reproduces_expected_output(backtest_config):
    result = run(backtest_config)

    produced = pd.read_csv(result.table)
    expected = pd.read_csv(EXPECTED / "ae_attendances_by_provider.csv")
    assert_frame_equal(produced, expected, check_exact=False, rtol=1e-9)


def test_published_output_is_the_expected_table_after_disclosure_control(backtest_config):
    rule = replace(backtest_config.disclosure, mode=DisclosureMode.PUBLICATION)

    result = run(replace(backtest_config, disclosure=rule))

    produced = pd.read_csv(result.table, dtype=str, keep_default_na=False)
    expected = pd.read_csv(
        EXPECTED / "ae_attendances_by_provider_published.csv", dtype=str, keep_default_na=False
    )
    assert_frame_equal(produced, expected)


def test_pipeline_writes_a_chart(backtest_config):
    result = run(backtest_config)

    assert result.chart.read_bytes().startswith(b"\x89PNG")
