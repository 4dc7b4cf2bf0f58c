"""The guard's rules: one stable id, a one-line summary and a plain explanation for each.

The docs site builds its guard-rules reference page from ``RULES``, with each rule's id as its
anchor, so every report line can point an analyst at the exact paragraph that explains it.
"""

from __future__ import annotations

from dataclasses import dataclass

from nhs_rap.links import docs_page

DOCS_PAGE = "reference/guard-rules"


@dataclass(frozen=True)
class Rule:
    """One kind of finding the guard reports."""

    id: str
    summary: str
    explanation: str
    opt_in: bool = False  # True when the rule only runs if a project switches it on

    @property
    def url(self) -> str:
        """The docs address that explains this rule: its anchor on the guard-rules page."""
        return docs_page(DOCS_PAGE, self.id)


RULES: tuple[Rule, ...] = (
    Rule(
        "nhs-number",
        "A 10-digit NHS number passing the Modulus 11 check, with evidence that it is one.",
        "Caught: ten digits written plainly or in 3-3-4 groups separated by spaces "
        "or hyphens (NNN NNN NNNN, NNN-NNN-NNNN) that pass the NHS Data Dictionary's Modulus 11 "
        "check, when there is evidence that they are NHS numbers: a word such as 'NHS number', "
        "'NHS no' or 'patient' on the same line or earlier in the same block of lines (a CSV "
        "column header counts for its own column), or at least three different valid numbers "
        "making up three quarters or more of the 10-digit numbers in the file or column. About "
        "1 in 11 random 10-digit numbers passes the check, so a lone valid number with no such "
        "evidence is not reported. Not caught: numbers run together with letters or other "
        "digits or joined to them by hyphens (as in Windows security ids), decimals, numbers "
        "split across lines, placeholders that pass the check (1111111111 and the other "
        "repeated digits, 0123456789, 9876543210), and numbers in the 999 000 0000 to "
        "999 999 9999 test range, which are never issued to patients (set "
        "allow_synthetic_nhs_numbers = false in the allow-list file's [settings] to report "
        "those too).",
    ),
    Rule(
        "chi-number",
        "A Scottish CHI number: a DDMMYY birth date, four more digits, and a valid check digit.",
        "Opt-in (set chi = true in the allow-list file's [settings], or pass --chi). Caught: ten "
        "digits whose first six are a real date and which pass the Modulus 11 check, with a "
        "word such as 'CHI' or 'patient' nearby or several such numbers in the file. Without "
        "the option, CHI numbers near an NHS number or patient header are still reported as "
        "nhs-number, because both use the same check.",
        opt_in=True,
    ),
    Rule(
        "postcode-with-birth-date",
        "A full UK postcode and a date of birth in the same record.",
        "Caught: a line that holds a full postcode (such as LS1 4AP) and a date, in a file whose "
        "line or header mentions a date of birth ('date of birth', 'birth', 'DOB'). Together "
        "these come close to identifying a person even without a name. Not caught: partial "
        "postcodes (LS1), postcodes on their own, and postcodes beside dates that are not "
        "labelled as birth dates, such as appointment or publication dates.",
    ),
    Rule(
        "data-file",
        "A data file (spreadsheet, extract, database or statistics-package file) in the commit.",
        "Caught: files whose extension is on the template's list of data formats (CSV, Excel, "
        "parquet, SPSS, SAS, Stata, R data, pickle, SQLite, HDF5, archives and more) and files "
        "whose content starts like one of those formats whatever they are called, so renaming "
        "extract.xlsx to notes.txt does not get it through. Data belongs in the data/ folder, "
        "which git ignores. A reviewed synthetic fixture can be allowed by path in the "
        "allow-list file; its contents are still checked by the other rules.",
    ),
    Rule(
        "notebook-output",
        "A Jupyter notebook is saved with cell outputs or execution counts.",
        "Caught: any .ipynb file with a non-empty outputs list or an execution count, since "
        "outputs often hold printed rows of data. Clear outputs before committing (nbstripout "
        "does this for you). Identifiers printed inside outputs are also reported by their own "
        "rules, such as nhs-number.",
    ),
    Rule(
        "credential",
        "A password, secret, API key or access token written into the code or a config file.",
        "Caught: password=, pwd=, secret=, api_key=, client_secret= and similar settings given "
        "a literal value (quoted anywhere; unquoted when the setting starts its line in a "
        "configuration file such as .env, YAML or INI, or sits inside a connection string such "
        "as ...;UID=me;PWD=...;), passwords inside URLs (scheme://user:password@host), and "
        "well-known token formats (GitHub, GitLab, AWS access keys). Not caught: values read "
        "from the environment or a keyring, empty values, names of environment variables "
        "(DB_PASSWORD), and obvious placeholders such as <password>, ${PASSWORD}, changeme, "
        "or values starting my, your, test, example or dummy. Keep secrets in environment "
        "variables or a .env file that git ignores.",
    ),
    Rule(
        "private-key",
        "A private key block (RSA, EC, OpenSSH, PGP and others).",
        "Caught: any '-----BEGIN ... PRIVATE KEY-----' block. Public keys and certificates are "
        "not reported.",
    ),
    Rule(
        "internal-host",
        "An internal server name or private IP address in a connection string or network path.",
        "Caught: private IP addresses (10.x, 172.16-31.x, 192.168.x) in URLs and connection "
        "strings, server names in database connection strings (SERVER=, Data Source=, "
        "host=, mssql://, postgresql:// and similar), and Windows network paths "
        "(\\\\server\\share) whose server name holds a digit, dot or hyphen, as real ones "
        "do (a bare \\\\server\\share is the usual example in documentation). The NHS RAP "
        "publishing checklist asks for these to be removed "
        "before code is published. Not caught: localhost, 127.0.0.1, example.com and other "
        "documentation hosts, and public web addresses.",
    ),
)

BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}
