"""Back test: a full pipeline run must reproduce the committed expected output exactly.

If a change to the code alters the published figures, this test fails and the reviewer sees
why. When a change is intended, regenerate the expected file and explain it in the changelog.
"""

from pathlib import Path

import pandas as pd
from pandas.testing import assert_frame_equal

from {{ cookiecutter.package_name }}.pipeline import run

EXPECTED = Path(__file__).parent / "expected" / "ae_attendances_by_provider.csv"


def test_pipeline_reproduces_expected_output(backtest_config):
    result = run(backtest_config)

    produced = pd.read_csv(result.table)
    expected = pd.read_csv(EXPECTED)
    assert_frame_equal(produced, expected, check_exact=False, rtol=1e-9)


def test_pipeline_writes_a_chart(backtest_config):
    result = run(backtest_config)

    assert result.chart.read_bytes().startswith(b"\x89PNG")
