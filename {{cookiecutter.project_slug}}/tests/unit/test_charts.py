"""The monthly chart and its alt text, drawn from plain lists whatever the compute backend."""

from PIL import Image

from {{ cookiecutter.package_name }}.charts import draw_monthly_chart, monthly_alt_text


def test_chart_is_a_png_carrying_its_alt_text(tmp_path):
    path = draw_monthly_chart(["2024-01", "2024-02"], [30, None], tmp_path / "out" / "chart.png")

    assert path.read_bytes().startswith(b"\x89PNG")
    description = Image.open(path).info["Description"]
    assert description == monthly_alt_text(["2024-01", "2024-02"], [30, None])
    assert "from 2024-01 to 2024-02" in description
    assert "starting at zero" in description


def test_alt_text_names_the_highest_and_lowest_months():
    text = monthly_alt_text(["2024-01", "2024-02", "2024-03"], [1500, 900, 2000])

    assert "highest in 2024-03 (2,000)" in text
    assert "lowest in 2024-02 (900)" in text


def test_alt_text_leaves_out_suppressed_months_and_shows_no_figure_when_all_are():
    some = monthly_alt_text(["2024-01", "2024-02", "2024-03"], [None, 900, 2000])
    none = monthly_alt_text(["2024-01", "2024-02"], [None, None])

    assert "lowest in 2024-02 (900)" in some
    assert "from 2024-01 to 2024-02" in none
    assert "highest" not in none
