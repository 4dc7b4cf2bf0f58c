"""Back test: a full pipeline run must reproduce the committed expected output exactly.

If a change to the code alters the published figures, this test fails and the reviewer sees
why. When a change is intended, regenerate the expected files and explain it in the changelog.

Two expected tables: the exact one (``mode = "secure_environment"`` in backtest_config.toml),
which shows any change to the method, however small; and the published one, after disclosure
control, which is what leaves the secure environment. Both are the same files for every compute
backend, so they are compared byte for byte: Spark must publish what pandas would.
"""

from dataclasses import replace
from pathlib import Path

import pytest

from {{ cookiecutter.package_name }}.config import load_config
from {{ cookiecutter.package_name }}.disclosure import DisclosureMode
from {{ cookiecutter.package_name }}.pipeline import PipelineResult, run

EXPECTED = Path(__file__).parent / "expected"

pytestmark = pytest.mark.usefixtures("spark")


@pytest.fixture(scope="module")
def exact_run(spark, tmp_path_factory) -> PipelineResult:
    """One run with the back-test settings, shared by the tests that only read its files."""
    folder = tmp_path_factory.mktemp("backtest")
    config = load_config(Path(__file__).parent / "backtest_config.toml")
    return run(
        replace(
            config,
            data_dir=folder / "data",
            output_dir=folder / "outputs",
            log_dir=folder / "logs",
        )
    )


def test_pipeline_reproduces_expected_output(exact_run):
    expected = EXPECTED / "ae_attendances_by_provider.csv"
    assert exact_run.table.read_bytes() == expected.read_bytes()


def test_published_output_is_the_expected_table_after_disclosure_control(backtest_config):
    rule = replace(backtest_config.disclosure, mode=DisclosureMode.PUBLICATION)

    result = run(replace(backtest_config, disclosure=rule))

    expected = EXPECTED / "ae_attendances_by_provider_published.csv"
    assert result.table.read_bytes() == expected.read_bytes()


def test_pipeline_writes_a_chart_and_a_workbook(exact_run):
    # One run of Spark, several seconds, checked for every file it writes.
    assert exact_run.chart.read_bytes().startswith(b"\x89PNG")
    assert exact_run.workbook.read_bytes().startswith(b"PK")  # an .xlsx file is a zip archive
