"""NHS numbers, CHI numbers and postcodes: what is found, what is not, and what the report shows."""

from __future__ import annotations

import json
import random
import re

from guard_helpers import invalid_number, rules, scan, valid_number
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from nhs_rap.guard.identifiers import _PLACEHOLDERS
from nhs_rap.guard.report import format_finding, report_lines, safe_line

nine_digits = st.text(alphabet="0123456789", min_size=9, max_size=9)
layouts = st.sampled_from(["plain", "spaces", "hyphens"])


def lay_out(number: str, layout: str) -> str:
    """Write ten digits plainly or in 3-3-4 groups."""
    if layout == "plain":
        return number
    separator = " " if layout == "spaces" else "-"
    return separator.join((number[:3], number[3:6], number[6:]))


def csv_file(shown: str) -> tuple[str, str]:
    return "extract.csv", f"nhs_number,age,sex\n{shown},34,F\n"


def json_file(shown: str) -> tuple[str, str]:
    return "records.json", json.dumps({"patients": [{"nhs_number": shown, "age": 34}]}, indent=2)


def markdown_file(shown: str) -> tuple[str, str]:
    return "notes.md", f"| NHS number | Age |\n| --- | --- |\n| {shown} | 34 |\n"


def python_file(shown: str) -> tuple[str, str]:
    return "check.py", f'def lookup():\n    patient_nhs_number = "{shown}"\n    return 1\n'


def notebook_file(shown: str) -> tuple[str, str]:
    output = {
        "output_type": "execute_result",
        "execution_count": 3,
        "data": {"text/plain": ["   nhs_number  age\n", f"0  {shown}   34\n"]},
        "metadata": {},
    }
    cell = {"cell_type": "code", "execution_count": 3, "metadata": {}, "outputs": [output],
            "source": ["df.head()"]}  # fmt: skip
    notebook = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    return "explore.ipynb", json.dumps(notebook, indent=1)


EMBEDDINGS = [csv_file, json_file, markdown_file, python_file, notebook_file]
embeddings = st.sampled_from(EMBEDDINGS)


@settings(max_examples=150, deadline=None)
@given(nine_digits, layouts, embeddings)
def test_every_valid_number_with_a_header_is_found(first_nine, layout, embed) -> None:
    number = valid_number(first_nine)
    assume(number is not None and not number.startswith("999"))
    assume(number.encode() not in _PLACEHOLDERS)  # documented: 1111111111 and co. are ignored
    path, content = embed(lay_out(number, layout))
    findings = [f for f in scan(content, path) if f.rule_id == "nhs-number"]
    assert len(findings) == 1
    assert findings[0].secret == number


@settings(max_examples=150, deadline=None)
@given(nine_digits, layouts, embeddings)
def test_numbers_failing_modulus_11_are_never_reported(first_nine, layout, embed) -> None:
    path, content = embed(lay_out(invalid_number(first_nine), layout))
    assert "nhs-number" not in rules(scan(content, path, report_synthetic=True))


@settings(max_examples=150, deadline=None)
@given(nine_digits, layouts, embeddings, st.booleans())
def test_no_report_line_holds_four_digits_of_a_finding(first_nine, layout, embed, in_path) -> None:
    number = valid_number(first_nine)
    assume(number is not None and number.encode() not in _PLACEHOLDERS)
    path, content = embed(lay_out(number, layout))
    if in_path:  # even a file named after the number must not leak it
        path = f"data/{number}_{path}"
    findings = scan(content, path, report_synthetic=True)
    assert findings
    windows = {number[index : index + 4] for index in range(7)}
    for line in report_lines(findings):
        # The fingerprint is a slow hash, printed whole so that it can be copied into the
        # allow-list; four of its hex digits may match the number by chance and say nothing.
        shown = re.sub(r" \[fingerprint [0-9a-f]{16}\]$", "", line)
        for run in re.findall(r"[0-9]{4,}", shown):
            assert not any(run[i : i + 4] in windows for i in range(len(run) - 3)), line


@given(st.text(max_size=80), st.text(alphabet="0123456789", min_size=4, max_size=12))
def test_safe_line_removes_every_four_digit_window_of_the_secret(text, secret) -> None:
    line = safe_line(text + secret + text[::-1], secret)
    windows = {secret[index : index + 4] for index in range(len(secret) - 3)}
    for run in re.findall(r"[0-9]{4,}", line):
        assert not any(run[i : i + 4] in windows for i in range(len(run) - 3))


def _valid(seed: int, count: int, prefix_range: tuple[int, int] = (400_000_000, 799_999_999)):
    rng = random.Random(seed)
    numbers: list[str] = []
    while len(numbers) < count:
        number = valid_number(str(rng.randint(*prefix_range)))
        if number and number not in numbers:
            numbers.append(number)
    return numbers


def test_a_lone_valid_number_without_context_is_not_reported() -> None:
    (number,) = _valid(1, 1)
    assert rules(scan(f"timestamp = {number}\n", "job.py")) == []


def test_a_label_on_the_line_is_enough() -> None:
    (number,) = _valid(2, 1)
    found = scan(f"Referral for NHS No: {number} received.\n", "letter.txt")
    assert rules(found) == ["nhs-number"]
    assert "labelled" in found[0].message


def test_a_label_in_another_block_is_not_evidence() -> None:
    (number,) = _valid(3, 1)
    text = f"# Patient flow\n\nSome prose.\n\nbuild_id = {number}\n"
    assert rules(scan(text, "notes.md")) == []


def test_several_valid_numbers_corroborate_each_other() -> None:
    numbers = _valid(4, 4)
    text = "\n".join(f"ref {number}" for number in numbers) + "\n"
    assert rules(scan(text, "refs.txt")) == ["nhs-number"] * 4


def test_random_ten_digit_ids_are_not_reported() -> None:
    """About 1 in 11 random numbers is valid: a column of them must not count as evidence."""
    rng = random.Random(5)
    rows = [f"{rng.randint(10**9, 10**10 - 1)},{rng.randint(1, 99)}" for _ in range(2000)]
    assert rules(scan("record_id,count\n" + "\n".join(rows) + "\n", "ids.txt")) == []


def test_a_column_of_valid_numbers_beside_random_ids_is_reported() -> None:
    rng = random.Random(6)
    numbers = _valid(6, 50)
    rows = [f"{rng.randint(10**9, 10**10 - 1)},{number},{rng.randint(1, 99)}" for number in numbers]
    found = scan("record_id,ref,count\n" + "\n".join(rows) + "\n", "refs.txt")
    assert [f.secret for f in found if f.rule_id == "nhs-number"] == numbers
    assert all("column" in f.message for f in found)


def test_the_header_of_another_column_does_not_label_a_number() -> None:
    (number,) = _valid(7, 1)
    text = f"patient_count,build\n12,{number}\n"
    assert rules(scan(text, "counts.txt")) == []


def test_numbers_inside_longer_numbers_words_or_decimals_are_not_candidates() -> None:
    (number,) = _valid(8, 1)
    for text in (f"nhs 1{number}", f"nhs {number}7", f"nhs x{number}", f"nhs 0.{number}",
                 f"nhs {number}.5", f"nhs 12 {number[:3]} {number[3:6]} {number[6:]}"):  # fmt: skip
        assert rules(scan(text + "\n", "a.txt")) == [], text


def test_synthetic_numbers_are_allowed_by_default_and_reportable_on_request() -> None:
    numbers = _valid(9, 3, (999_000_000, 999_999_999))
    text = "nhs_number\n" + "\n".join(numbers) + "\n"
    assert rules(scan(text, "fixture.txt")) == []
    assert rules(scan(text, "fixture.txt", report_synthetic=True)) == ["nhs-number"] * 3


def test_chi_numbers_are_opt_in() -> None:
    rng = random.Random(10)
    chi = None
    while chi is None:
        chi = valid_number(f"150387{rng.randint(0, 999):03d}")
    text = f"CHI: {chi}\n"
    assert rules(scan(text, "a.txt")) == []
    assert rules(scan(text, "a.txt", chi=True)) == ["chi-number"]
    assert rules(scan(f"patient {chi}\n", "a.txt")) == ["nhs-number"]


def test_postcode_beside_a_date_of_birth() -> None:
    text = "name,postcode,date_of_birth\nA,LS1 4AP,1980-02-03\n"
    found = scan(text, "people.txt")
    assert rules(found) == ["postcode-with-birth-date"]
    assert "LS1" not in format_finding(found[0]) and "1980" not in format_finding(found[0])


def test_postcode_beside_another_date_is_fine() -> None:
    assert rules(scan("site,postcode,opened\nA,LS1 4AP,1980-02-03\n", "sites.txt")) == []
    assert rules(scan("DOB is asked for.\n\nA,LS1,1980-02-03\n", "a.txt")) == []


def test_placeholders_and_hyphen_joined_ids_are_not_reported() -> None:
    """Repeated digits all pass Modulus 11; Windows SIDs join 10-digit groups with hyphens."""
    text = (
        "patient_id\n1111111111\n0123456789\n9876543210\n"
        "S-1-5-21-1111111111-2222222222-3333333333-1001\n"
    )
    assert rules(scan(text, "doc.rst")) == []


def test_a_large_leak_is_summarised_after_twenty_lines() -> None:
    numbers = _valid(11, 25)
    findings = scan("nhs_number\n" + "\n".join(numbers) + "\n", "extract.txt")
    lines = list(report_lines(findings))
    assert len(findings) == 25 and len(lines) == 21
    assert lines[-1] == "extract.txt:0:nhs-number: ... and 5 more nhs-number findings in this file"
