"""The guard's rules: an id, a summary, what each reads, what counts as evidence, its limits.

The docs site builds its guard-rules reference page from ``RULES``, with each rule's id as its
anchor, so every report line can point an analyst at the exact paragraph that explains it. The
page shows ``explanation``, which puts the three parts together under their own headings.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from nhs_rap.links import GUARD_RULES_PAGE, docs_page

# What every rule that reads text reads: the same for all of them, so said once.
TEXT_SOURCES = (
    "Every committed file as text (UTF-8, Latin-1, and UTF-16 with or without a byte-order "
    "mark, as SQL Server's bcp -w writes), and the text inside containers, recognised by their "
    "first bytes whatever their name: gzip, bzip2 and xz streams (extract.csv.gz, cache.pkl.xz), "
    "zip and tar archives, Excel and OpenDocument spreadsheets (cell by cell, with shared "
    "strings put back), Word and OpenDocument documents, PDF text in compressed (FlateDecode) "
    "streams, SQLite tables, Parquet pages (uncompressed, Snappy or gzip, as pandas writes "
    "them), and the stored text runs of Arrow, pickle, HDF5, SPSS, SAS and Stata files. "
    "Containers are opened up to 3 deep, 2,000 members and 64 MB of "
    "content per committed file; one that expands more than 200 times is stopped as a "
    "decompression bomb. A finding inside a container is named outer!/inner"
)


class RuleId(StrEnum):
    """Every rule's id, the one place each is written.

    An id is what a report line names, what an inline ``nhs-rap: allow`` comment and the allow-list
    file refer to, and the rule's anchor on the guard-rules page, so it never changes once
    published. A ``StrEnum`` compares equal to the plain text read from an allow-list.
    """

    NHS_NUMBER = "nhs-number"
    CHI_NUMBER = "chi-number"
    POSTCODE_WITH_BIRTH_DATE = "postcode-with-birth-date"
    DATA_FILE = "data-file"
    NOTEBOOK_OUTPUT = "notebook-output"
    CREDENTIAL = "credential"
    PRIVATE_KEY = "private-key"  # nhs-rap: allow credential (a rule's name, not a key)
    INTERNAL_HOST = "internal-host"


@dataclass(frozen=True)
class Rule:
    """One kind of finding the guard reports."""

    id: RuleId
    summary: str
    reads: str
    evidence: str
    limits: str
    opt_in: bool = False  # True when the rule only runs if a project switches it on

    @property
    def url(self) -> str:
        """The docs address that explains this rule: its anchor on the guard-rules page."""
        return docs_page(GUARD_RULES_PAGE, self.id)

    @property
    def explanation(self) -> str:
        """The rule's reference text: what it reads, what counts as evidence, its known limits."""
        return (
            f"**What it reads.** {self.reads}.\n\n"
            f"**What counts as evidence.** {self.evidence}\n\n"
            f"**Known limits.** {self.limits}"
        )


RULES: tuple[Rule, ...] = (
    Rule(
        RuleId.NHS_NUMBER,
        "A 10-digit NHS number passing the Modulus 11 check, with evidence that it is one.",
        TEXT_SOURCES,
        "Ten digits that pass the NHS Data Dictionary's Modulus 11 check, written plainly or in "
        "3-3-4 groups separated by spaces, hyphens, dots, no-break or thin spaces, or split over "
        "three table cells (NNN,NNN,NNNN), and with evidence that they are NHS numbers. About 1 "
        "in 11 random 10-digit numbers passes the check, so a lone valid number is not enough. "
        "Evidence is, strongest first: an NHS-number label (NHS number, NHS no., nhs_no, "
        "nhs_nos, NHSNumbers, pt_nhs_num, NHS ID) on the line, in the column's header, earlier "
        "in the block of lines, or in a heading or sentence just before it; the word 'patient' or "
        "a date of birth ('DOB', 'date of birth', 'born') on the line or in the block, or just "
        "before a bare list of numbers; or at least three different valid numbers making up "
        "three quarters or more of the 10-digit numbers in the file or the column, not counting "
        "numbers that could be Unix times (1000000000 to 2099999999). In a table, only the "
        "column's own header speaks for a cell. Not evidence: 'patient' beside an amount "
        "(£, total, count), beside a time in a column or line about times, or on a line with "
        "a SNOMED CT tag such as (procedure); ISBN-10s (same weights), which follow 'ISBN'; "
        "and code lists, whose column header names a code (code, concept, SNOMED, ICD, Read).",
        "Numbers run together with letters or other digits, or joined to them by hyphens (as in "
        "Windows security ids); decimals; numbers split across lines; placeholders that pass "
        "the check (1111111111 and the other repeated digits, 0123456789, 9876543210); numbers "
        "in the 999 000 0000 to 999 999 9999 test range, which are never issued to patients "
        "(set allow_synthetic_nhs_numbers = false in the allow-list file's [settings] to report "
        "them); a Scottish CHI number that looks like a Unix time with only 'patient' beside "
        "it; and numbers in binary data files stored as binary integers rather than text. "
        "Dotted and split-cell numbers are looked for only in files that mention NHS.",
    ),
    Rule(
        RuleId.CHI_NUMBER,
        "A Scottish CHI number: a DDMMYY birth date, four more digits, and a valid check digit.",
        TEXT_SOURCES
        + ". Opt-in: set chi = true in the allow-list file's [settings], or pass --chi",
        "Ten digits whose first six are a real date and which pass the Modulus 11 check, with a "
        "word such as 'CHI' or 'Community Health Index' on the line, in the column header or "
        "earlier in the block, or several such numbers in the file.",
        "Without the option, CHI numbers with NHS-number or patient evidence are still reported, "
        "as nhs-number, because both use the same check. The century is not recorded, so any "
        "29 February passes as a possible leap day.",
        opt_in=True,
    ),
    Rule(
        RuleId.POSTCODE_WITH_BIRTH_DATE,
        "A full UK postcode and a date of birth in the same record.",
        TEXT_SOURCES,
        "A full postcode (such as LS1 4AP) and a date in one record, where the date is labelled "
        "as a date of birth ('date of birth', 'DateOfBirth', 'birth_date', 'DOB', 'born'). A "
        "record is a line of a table, with the label on the line or in the header, or up to six "
        'lines of a pretty-printed record (JSON, YAML, XML) where a key such as "dob" labels '
        "its own date. Dates count written as 1984-02-13, 13/02/1984, 13/02/84, 13 Feb 1984, "
        "13-Feb-84 or compactly as 19840213 or 13021984. Together these come close to "
        "identifying a person even without a name.",
        "Partial postcodes (LS1); postcodes on their own; postcodes beside dates that are not "
        "labelled as birth dates, such as appointment or publication dates; and counts of "
        "births (a births column is not a date of birth). A record spread over more than six "
        "lines, or whose birth date is more than six lines from its postcode, is not joined up.",
    ),
    Rule(
        RuleId.DATA_FILE,
        "A data file (spreadsheet, extract, database or statistics-package file) in the commit.",
        "Every committed file's name and first bytes, and the same for every file inside a "
        "container",
        "A name ending in one of the template's data formats (CSV, Excel, Parquet, SPSS, SAS, "
        "Stata, R data, pickle, SQLite, HDF5 and more), or content that starts like one of "
        "them whatever the file is called, so renaming extract.xlsx to notes.txt does not get "
        "it through. A compressed file or archive is judged by what it holds: extract.csv.gz "
        "is reported for the CSV inside, a gzipped sitemap is not a data file. A container that "
        "cannot be opened in full (damaged, too large, too deeply nested, a decompression bomb, "
        "or a format such as 7-Zip that the standard library cannot read) is reported as a data "
        "file. Data belongs in the data/ folder, which git ignores; a file already in data/ was "
        "added on purpose past that, and the message says to unstage it with git rm --cached.",
        "Sphinx's pickled build cache (.doctrees) is built documentation, not data. A reviewed "
        "synthetic fixture can be allowed by path in the allow-list file; its contents are "
        "still checked by every other rule, inside spreadsheets and archives too.",
    ),
    Rule(
        RuleId.NOTEBOOK_OUTPUT,
        "A Jupyter notebook is saved with cell outputs or execution counts.",
        "Files named .ipynb, and JSON files shaped like a notebook whatever their name",
        "Any non-empty outputs list or an execution count, since outputs often hold printed "
        "rows of data. Identifiers printed inside outputs are also reported by their own rules, "
        "such as nhs-number.",
        "Clear outputs before committing (nbstripout does this for you); the rule does not judge "
        "whether an output is harmless.",
    ),
    Rule(
        RuleId.CREDENTIAL,
        "A password, secret, API key or access token written into the code or a config file.",
        TEXT_SOURCES,
        "Settings such as password=, pwd=, secret=, api_key=, client_secret=, sas_token= given "
        "a literal value (quoted anywhere; unquoted where the setting starts its line in a "
        "configuration file such as .env, YAML or INI, or sits in a connection string such as "
        "...;UID=me;PWD=...; or an Azure storage string's AccountKey=), passwords in URLs "
        "(scheme://user:password@host) and tokens used as a URL's user name "
        "(https://TOKEN@dev.azure.com), .netrc entries (machine ... login ... password ...), "
        ".pgpass lines (host:port:database:user:password), HTTP Basic authorisation headers "
        "whose value decodes to user:password, Azure shared access signatures (a URL with sv= "
        "and sig=), Azure DevOps personal access tokens given to a setting named PAT, chat "
        "webhook addresses (Slack, Microsoft Teams, Google Chat, Discord), and well-known token "
        "formats (GitHub, GitLab, AWS access keys, Databricks dapi tokens, as in .databrickscfg). "
        "A password keeps a # or @ inside it and may start with an ordinary word (mystery42!).",
        "Values read from the environment or a keyring; empty values; names of environment "
        "variables (DB_PASSWORD); obvious placeholders such as <password>, ${PASSWORD}, "
        "changeme, XXXX, values containing 'example', and values whose first word is a "
        "placeholder word of its own (my_password, YourSecret, test-key, dummy); tokens of "
        "formats not listed here given to settings with other names; and secrets split over "
        "several strings. Keep secrets in environment variables or a .env file that git ignores.",
    ),
    Rule(
        RuleId.PRIVATE_KEY,
        "A private key: a PEM block, an OpenSSH, PuTTY or PKCS#12 key, or a Java keystore.",
        TEXT_SOURCES + ", and binary files for key containers",
        "Any '-----BEGIN ... PRIVATE KEY-----' block (also with escaped newlines inside a "
        "string), OpenSSH keys written as base64 without their armour, PuTTY .ppk key files, "
        "PKCS#12 (.pfx, .p12) containers and Java keystores, recognised by content.",
        "Public keys and certificates are not reported. Encrypted keys are reported like any "
        "other, since a passphrase can be guessed.",
    ),
    Rule(
        RuleId.INTERNAL_HOST,
        "An internal server name or private IP address in a connection string or network path.",
        TEXT_SOURCES,
        "Private IP addresses (10.x, 172.16-31.x, 192.168.x) in URLs and connection strings, "
        "server names in database connection strings (SERVER=, Data Source=, host=, mssql://, "
        "postgresql:// and similar), and Windows network paths (\\\\server\\share) whose server "
        "name holds a digit, dot or hyphen, as real ones do. The NHS RAP publishing checklist "
        "asks for these to be removed before code is published.",
        "localhost, 127.0.0.1, example.com and other documentation hosts, public web "
        "addresses, and a bare \\\\server\\share, the usual example in documentation.",
    ),
)

BY_ID: dict[str, Rule] = {rule.id: rule for rule in RULES}
