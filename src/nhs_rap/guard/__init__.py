"""The patient-data guard: keep NHS numbers, patient-level data and secrets out of git.

``nhs-rap guard`` scans files (as a pre-commit hook, the staged ones) or every blob in a
repository's history, and reports each finding as ``path:line:rule-id: message`` with the value
masked, so the report itself is safe to paste into a CI log or an issue.
"""
