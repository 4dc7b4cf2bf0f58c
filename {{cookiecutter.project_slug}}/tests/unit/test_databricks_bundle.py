"""The Databricks bundle, checked offline: every job must be one that Databricks would accept.

``databricks bundle validate`` needs the Databricks CLI and a workspace; neither is on PyPI or
reachable from a test. So the jobs in ``databricks.yml`` are loaded into databricks-bundles' own
types, which refuse an unknown or misspelt field, and then checked against this project: the
wheel task must call a real entry point, on the Databricks runtime the tests match.
"""

import re
import tomllib
from pathlib import Path

import pytest
import yaml
from databricks.bundles.jobs import Job

PROJECT = Path(__file__).parents[2]
BUNDLE = yaml.safe_load((PROJECT / "databricks.yml").read_text(encoding="utf-8"))
PYPROJECT = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))
JOBS = BUNDLE["resources"]["jobs"]
VARIABLE = re.compile(r"\$\{var\.([a-z_]+)\}")


@pytest.fixture(params=sorted(JOBS))
def job(request) -> Job:
    return Job.from_dict(JOBS[request.param])


def test_every_job_has_only_fields_databricks_knows():
    for name, definition in JOBS.items():
        Job.from_dict(definition)  # raises ValueError naming an unexpected field
        assert definition.get("tasks"), f"job {name} has no tasks"


def test_a_misspelt_field_would_be_caught():
    definition = {**next(iter(JOBS.values())), "shedule": {}}

    with pytest.raises(ValueError, match="shedule"):
        Job.from_dict(definition)


def test_wheel_task_calls_the_projects_own_entry_point(job):
    wheel_tasks = [task.python_wheel_task for task in job.tasks if task.python_wheel_task]

    assert wheel_tasks, "the job should run the project's wheel"
    for task in wheel_tasks:
        assert task.package_name == "{{ cookiecutter.package_name }}"
        assert task.entry_point in PYPROJECT["project"]["scripts"]
        assert "--config" in task.parameters


def test_job_runs_on_a_schedule_on_the_runtime_the_tests_match(job):
    assert job.schedule is not None
    assert job.schedule.timezone_id == "Europe/London"
    for cluster in job.job_clusters:
        assert cluster.new_cluster.spark_version == "{{ cookiecutter._databricks_runtime.spark_version }}"


def test_every_variable_used_is_declared():
    used = set(VARIABLE.findall((PROJECT / "databricks.yml").read_text(encoding="utf-8")))

    assert used <= set(BUNDLE["variables"])


def test_wheel_does_not_require_pyspark():
    # Databricks provides PySpark on the cluster; a wheel that required it could replace it.
    requirements = " ".join(PYPROJECT["project"]["dependencies"]).lower()

    assert "pyspark" not in requirements
    assert any(
        dependency.startswith("pyspark") for dependency in PYPROJECT["dependency-groups"]["spark"]
    )
