from datetime import date

import pytest

from {{ cookiecutter.package_name }}.config import ConfigError, load_config, parse_month


def test_project_settings_load_from_any_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)

    config = load_config()

    assert config.start_month <= config.end_month
    assert config.output_dir.is_absolute()


def test_valid_settings_are_read_with_paths_beside_the_file(config_text, write_config):
    path = write_config(config_text)

    config = load_config(path)

    assert config.start_month == date(2024, 1, 1)
    assert config.providers == 2
    assert config.table_path == path.parent / "outputs" / "table.csv"


def test_missing_key_is_named(config_text, write_config):
    path = write_config(config_text.replace('end_month = "2024-02"\n', ""))

    with pytest.raises(ConfigError, match="missing 'end_month' in \\[reporting\\]"):
        load_config(path)


def test_mistyped_key_gets_a_suggestion(config_text, write_config):
    path = write_config(config_text.replace("seed = 1", "sede = 1"))

    with pytest.raises(ConfigError, match="did you mean 'seed'"):
        load_config(path)


def test_wrong_type_is_explained(config_text, write_config):
    path = write_config(config_text.replace("providers = 2", 'providers = "two"'))

    with pytest.raises(ConfigError, match="should be a whole number"):
        load_config(path)


def test_period_running_backwards_is_refused(config_text, write_config):
    path = write_config(config_text.replace('end_month = "2024-02"', 'end_month = "2023-12"'))

    with pytest.raises(ConfigError, match="ends before it starts"):
        load_config(path)


def test_missing_file_is_reported(tmp_path):
    with pytest.raises(ConfigError, match="Cannot find"):
        load_config(tmp_path / "absent.toml")


@pytest.mark.parametrize("text", ["2024", "April 2024", "2024-13"])
def test_malformed_month_is_refused(text):
    with pytest.raises(ConfigError, match="should be a month like"):
        parse_month(text, "reporting.start_month", "config.toml")


def test_disclosure_rule_is_read(config_text, write_config):
    rule = load_config(write_config(config_text)).disclosure

    assert (rule.mode, rule.suppress_up_to, rule.round_to, rule.marker) == (
        "publication",
        7,
        5,
        "*",
    )


def test_unknown_disclosure_mode_lists_the_choices(config_text, write_config):
    path = write_config(config_text.replace('mode = "publication"', 'mode = "public"'))

    with pytest.raises(ConfigError, match='should be "publication" or "secure_environment"'):
        load_config(path)


def test_unsafe_disclosure_limits_are_refused(config_text, write_config):
    path = write_config(config_text.replace("round_to = 5", "round_to = 0"))

    with pytest.raises(ConfigError, match=r"In \[disclosure\] of config.toml, round_to should"):
        load_config(path)
