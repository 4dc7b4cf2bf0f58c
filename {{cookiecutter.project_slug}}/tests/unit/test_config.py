from datetime import date

import pytest

from {{ cookiecutter.package_name }}.config import (
    ConfigError,
    SourceKind,
    load_config,
    parse_month,
)


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


def test_the_source_is_read(config_text, write_config):
    assert load_config(write_config(config_text)).source is SourceKind.SYNTHETIC


@pytest.mark.parametrize("key", ["password", "pwd", "DATABRICKS_TOKEN", "client_secret"])
def test_a_password_in_the_settings_is_refused_and_pointed_at_env(config_text, write_config, key):
    secret = "Zq8-not-a-real-one"  # pragma: allowlist secret  # nhs-rap: allow credential
    text = config_text + f'\n[sql_server]\n{key} = "{secret}"\n'

    with pytest.raises(ConfigError, match=r"looks like a password or token.*secret in \.env"):
        load_config(write_config(text))


def test_a_password_is_never_repeated_in_the_message(config_text, write_config):
    secret = "dapi-not-a-real-token"  # pragma: allowlist secret  # nhs-rap: allow credential
    text = config_text + f'\n[databricks]\ntoken = "{secret}"\n'

    with pytest.raises(ConfigError) as raised:
        load_config(write_config(text))

    assert secret not in str(raised.value)
    assert "DATABRICKS_TOKEN" in str(raised.value)


def test_an_unknown_source_lists_the_choices(config_text, write_config):
    path = write_config(config_text.replace('kind = "synthetic"', 'kind = "oracle"'))

    with pytest.raises(ConfigError, match='should be one of "synthetic", "sql-server"'):
        load_config(path)


def test_a_source_needs_its_connection_section(config_text, write_config):
    path = write_config(config_text.replace('kind = "synthetic"', 'kind = "udal"'))

    with pytest.raises(ConfigError, match=r"there is no \[udal\] section; add it with: server"):
        load_config(path)


def test_a_connection_setting_must_have_its_type(config_text, write_config):
    section = '\n[udal]\nserver = "s"\ndatabase = "d"\nuser = "u"\nlogin_timeout_seconds = "30"\n'

    with pytest.raises(ConfigError, match="'udal.login_timeout_seconds' .* a whole number"):
        load_config(write_config(config_text + section))


@pytest.mark.parametrize(
    ("end_month", "end_date"),
    [
        ("2024-02", date(2024, 2, 29)),
        ("2025-02", date(2025, 2, 28)),
        ("2024-12", date(2024, 12, 31)),
    ],
)
def test_the_reporting_period_ends_on_the_last_day_of_its_end_month(
    config_text, write_config, end_month, end_date
):
    text = config_text.replace('end_month = "2024-02"', f'end_month = "{end_month}"')

    assert load_config(write_config(text)).end_date == end_date
