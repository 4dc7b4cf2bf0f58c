"""Benchmark the patient-data guard against detect-secrets on the same generated text corpus.

Run from the repository root:

    .venv/bin/python benchmarks/guard.py              # 8 MB corpus, guard best of 5 runs
    .venv/bin/python benchmarks/guard.py --megabytes 32 --skip-detect-secrets

It prints the guard's throughput on one core beside its target (>= 50 MB/s), detect-secrets'
throughput on the same files in the same run (installed into a temporary venv with uv if it is not
importable), the ratio between them, how the guard's own Modulus 11 check compares with the
``nhs-number`` package's, whether each tool found the leaks planted in the corpus, and, apart
from the text figure, what opening containers costs (the same text gzipped, bzip2-ed, xz-ed,
zipped and tarred). Recall and false positives are measured by ``guard_corpus.py``.

The corpus imitates an analyst's repository: pipeline code, SQL, Markdown, YAML and TOML config,
JSON, aggregate CSV outputs (counts, rates, dates, organisation codes, record ids), with a few
planted leaks so that both tools have something real to find.
"""

from __future__ import annotations

import argparse
import bz2
import gzip
import io
import json
import lzma
import random
import shutil
import subprocess
import sys
import tarfile
import tempfile
import textwrap
import time
import zipfile
from collections import Counter
from pathlib import Path

TARGET_MB_PER_S = 50.0
DETECT_SECRETS_VERSION = "1.5.0"

_WORD_TEXT = (
    "patient episode admission discharge referral waiting time attendance emergency elective "
    "provider commissioner region trust outcome measure breach target month quarter financial "
    "year total count rate percentage denominator numerator cohort service activity capacity "
    "validation pipeline output publication table chart summary method quality assurance"
)
WORDS = tuple(_WORD_TEXT.split())
ORG_CODES = ("RR8", "RTH", "RJ1", "R1H", "RXH", "RWE", "RAL", "RGT", "QE1", "QMM", "15N", "00L")


def _word(rng: random.Random) -> str:
    return rng.choice(WORDS)


def _python_module(rng: random.Random) -> str:
    parts = ['"""Pipeline step: ' + " ".join(_word(rng) for _ in range(8)) + '."""\n\n']
    parts.append("import logging\n\nimport pandas as pd\n\nlogger = logging.getLogger(__name__)\n")
    for _ in range(rng.randint(6, 14)):
        name = f"{_word(rng)}_{_word(rng)}"
        col_a, col_b = _word(rng), _word(rng)
        parts.append(
            textwrap.dedent(f'''

            def {name}(df: pd.DataFrame, threshold: float = {rng.random():.3f}) -> pd.DataFrame:
                """Return {_word(rng)} {_word(rng)} by {_word(rng)} for the {_word(rng)} table."""
                logger.info("computing {name} for %d rows", len(df))
                grouped = df.groupby(["{col_a}", "{col_b}"], as_index=False)["{_word(rng)}"].sum()
                grouped["rate"] = grouped["{_word(rng)}"] / grouped["{_word(rng)}"].clip(lower=1)
                config = {{"key": "{_word(rng)}", "limit": {rng.randint(1, 10**6)}}}
                return grouped[grouped["rate"] > threshold].assign(**config)
            ''')
        )
    return "".join(parts)


def _sql(rng: random.Random) -> str:
    lines = [f"-- {_word(rng)} {_word(rng)} extract for {rng.choice(ORG_CODES)}"]
    for _ in range(rng.randint(5, 20)):
        lines.append(
            f"SELECT {_word(rng)}_id, COUNT(*) AS {_word(rng)}_count, "
            f"SUM({_word(rng)}) AS total FROM dbo.{_word(rng)}_{_word(rng)} "
            f"WHERE period >= '2024-{rng.randint(1, 12):02d}-01' AND org_code = "
            f"'{rng.choice(ORG_CODES)}' GROUP BY {_word(rng)}_id;"
        )
    return "\n".join(lines) + "\n"


def _markdown(rng: random.Random) -> str:
    paragraphs = []
    for _ in range(rng.randint(4, 12)):
        sentence = " ".join(_word(rng) for _ in range(rng.randint(40, 90)))
        paragraphs.append(textwrap.fill(sentence.capitalize() + ".", width=100))
    table = "| organisation | month | attendances | within 4 hours |\n| --- | --- | --- | --- |\n"
    table += "".join(
        f"| {rng.choice(ORG_CODES)} | 2024-{m:02d} | {rng.randint(1000, 30000)} | "
        f"{rng.uniform(50, 99):.1f}% |\n"
        for m in range(1, 13)
    )
    return "# " + _word(rng).title() + "\n\n" + "\n\n".join(paragraphs) + "\n\n" + table


def _csv(rng: random.Random) -> str:
    rows = ["record_id,org_code,period,attendances,breaches,rate,last_updated"]
    for _ in range(rng.randint(200, 1500)):
        attendances = rng.randint(100, 40000)
        breaches = rng.randint(0, attendances)
        rows.append(
            f"{rng.randint(10**9, 10**10 - 1)},{rng.choice(ORG_CODES)},"
            f"2024-{rng.randint(1, 12):02d}-01,{attendances},{breaches},"
            f"{breaches / attendances:.4f},2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        )
    return "\n".join(rows) + "\n"


def _config(rng: random.Random) -> str:
    return textwrap.dedent(f"""\
        [pipeline]
        name = "{_word(rng)}-{_word(rng)}"
        publication_date = "2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        input_folder = "data/raw"
        output_folder = "outputs"
        suppression_threshold = {rng.randint(3, 10)}

        [database]
        server = "{{{{ env.SQL_SERVER }}}}"
        database = "{_word(rng)}"
        trusted_connection = true
        """)


def _json(rng: random.Random) -> str:
    records = [
        {
            "measure": f"{_word(rng)}_{_word(rng)}",
            "value": round(rng.random() * 1000, 2),
            "period": f"2024-{rng.randint(1, 12):02d}",
            "org": rng.choice(ORG_CODES),
        }
        for _ in range(rng.randint(50, 300))
    ]
    return json.dumps(records, indent=2) + "\n"


KINDS = (
    ("py", _python_module, 30),
    ("sql", _sql, 10),
    ("md", _markdown, 20),
    ("csv", _csv, 15),
    ("toml", _config, 5),
    ("json", _json, 20),
)


def _planted() -> dict[str, str]:
    """Leaks both tools should find, plus the NHS numbers only the guard knows about.

    The NHS numbers are made here from a seeded generator with the Modulus 11 rule, outside the
    999 test range, so that the guard treats them as it would real ones.
    """
    rng = random.Random(99)
    numbers = []
    while len(numbers) < 5:
        first_nine = f"{rng.randint(400_000_000, 799_999_999)}"
        total = sum(int(d) * w for d, w in zip(first_nine, range(10, 1, -1), strict=True))
        check = 11 - total % 11
        if check == 11:
            check = 0
        if check != 10:
            numbers.append(first_nine + str(check))
    csv_rows = "\n".join(f"{n},{30 + i},F" for i, n in enumerate(numbers))
    # Fake secrets; the markers (the guard's own inline allow) keep this repository's guard quiet.
    settings = 'DB_PASSWORD="Tr0ub4dor&3x"\n'  # nhs-rap: allow credential
    settings += "API_KEY=9f8e7d6c5b4a39281706\n"  # nhs-rap: allow credential
    url = "mssql://analyst:Sup3rS3cret!@10.20.30.40/dw"  # nhs-rap: allow credential, internal-host
    return {
        "planted/patients.csv": "nhs_number,age,sex\n" + csv_rows + "\n",
        "planted/settings.env": settings,
        "planted/connect.py": f'URL = "{url}"\n',
    }


def generate_corpus(folder: Path, megabytes: float, seed: int = 2024) -> int:
    """Write the corpus into ``folder`` and return its size in bytes."""
    rng = random.Random(seed)
    weights = [weight for _, _, weight in KINDS]
    total = 0
    index = 0
    for relative, content in _planted().items():
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        total += path.write_bytes(content.encode())
    while total < megabytes * 1_000_000:
        extension, make, _ = rng.choices(KINDS, weights)[0]
        path = folder / f"pkg{index % 40:02d}" / f"{_word(rng)}_{index}.{extension}"
        path.parent.mkdir(parents=True, exist_ok=True)
        total += path.write_bytes(make(rng).encode())
        index += 1
    return total


def time_guard(folder: Path, repeat: int) -> tuple[float, int, list[str]]:
    """Return the best time to read and scan every file in-process, with the findings' rules."""
    from nhs_rap.guard.allowlist import AllowList
    from nhs_rap.guard.scan import Options, Scanner

    files = sorted(path for path in folder.rglob("*") if path.is_file())
    best = float("inf")
    findings: list[str] = []
    for _ in range(repeat):
        scanner = Scanner(AllowList(), Options())
        start = time.process_time()
        found = []
        for path in files:
            found.extend(scanner.scan(path.relative_to(folder).as_posix(), path.read_bytes()))
        best = min(best, time.process_time() - start)
        findings = [f"{item.path}:{item.rule_id}" for item in found]
    return best, len(files), findings


def _zip(files: list[Path], folder: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            archive.write(path, path.relative_to(folder).as_posix())
    return buffer.getvalue()


def _tar(files: list[Path], folder: Path) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        for path in files:
            archive.add(path, path.relative_to(folder).as_posix())
    return buffer.getvalue()


CONTAINERS = (
    ("gzip", lambda files, folder: [gzip.compress(path.read_bytes()) for path in files]),
    ("bzip2", lambda files, folder: [bz2.compress(path.read_bytes()) for path in files]),
    ("xz", lambda files, folder: [lzma.compress(path.read_bytes()) for path in files]),
    ("zip", lambda files, folder: [_zip(files, folder)]),
    ("tar", lambda files, folder: [_tar(files, folder)]),
)


def time_containers(folder: Path, repeat: int) -> None:
    """Time the guard on the same text packed into each container, beside the text itself.

    Opening a container costs its decompression plus the text rules on what comes out; the
    figure is megabytes of content (uncompressed) per second, so it compares with the text rate.
    """
    from nhs_rap.guard.allowlist import AllowList
    from nhs_rap.guard.scan import Options, Scanner

    files = sorted(path for path in folder.rglob("*") if path.is_file())[:200]
    content = sum(path.stat().st_size for path in files) / 1e6
    print(f"Containers: the same {content:.1f} MB of corpus text in each format, one core")
    for name, pack in CONTAINERS:
        blobs = pack(files, folder)
        best = float("inf")
        for _ in range(repeat):
            scanner = Scanner(AllowList(), Options())
            start = time.process_time()
            for index, blob in enumerate(blobs):
                scanner.scan(f"packed/{index}.bin", blob)
            best = min(best, time.process_time() - start)
        packed = sum(len(blob) for blob in blobs) / 1e6
        print(f"  {name:<6} {content / best:6.1f} MB/s of content ({packed:.1f} MB packed)")


_DETECT_SECRETS_SCRIPT = """
import json, os, sys, time
from pathlib import Path
from detect_secrets import SecretsCollection
from detect_secrets.settings import default_settings
files = sorted(str(p) for p in Path(sys.argv[1]).rglob("*") if p.is_file())
with default_settings():
    collection = SecretsCollection()
    start = time.process_time()
    for name in files:  # scan_files would farm the work out to a process pool
        collection.scan_file(name)
    elapsed = time.process_time() - start
root = os.path.abspath(sys.argv[1])
found = sorted({os.path.relpath(os.path.abspath(name), root) for name in collection.files})
print(json.dumps({"seconds": elapsed, "files_with_findings": found}))
"""


def detect_secrets_python(workdir: Path) -> str:
    """Return a Python that can import detect-secrets, installing it into a temp venv if need be."""
    probe = subprocess.run(
        [sys.executable, "-c", "import detect_secrets"], capture_output=True, check=False
    )
    if probe.returncode == 0:
        return sys.executable
    venv = workdir / "detect-secrets-venv"
    print(f"Installing detect-secrets {DETECT_SECRETS_VERSION} into a temporary venv...")
    subprocess.run([sys.executable, "-m", "uv", "venv", "-q", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    subprocess.run(
        [sys.executable, "-m", "uv", "pip", "install", "-q", "--python", python,
         f"detect-secrets=={DETECT_SECRETS_VERSION}"],
        check=True,
    )  # fmt: skip
    return python


def time_detect_secrets(python: str, folder: Path) -> tuple[float, list[str]]:
    """Return detect-secrets' CPU time (in-process, one core) and the files it flagged."""
    result = subprocess.run(
        [python, "-c", _DETECT_SECRETS_SCRIPT, str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"detect-secrets failed:\n{result.stderr}")
    report = json.loads(result.stdout.strip().splitlines()[-1])
    return report["seconds"], report["files_with_findings"]


def compare_modulus_11(count: int = 200_000) -> None:
    """Time the guard's whole-file check against the nhs-number package on the same numbers."""
    from nhs_rap.guard.candidates import modulus_11_flags

    rng = random.Random(7)
    numbers = [f"{rng.randint(0, 10**10 - 1):010d}" for _ in range(count)]
    encoded = [number.encode() for number in numbers]
    start = time.process_time()
    ours = list(modulus_11_flags(encoded))
    our_seconds = time.process_time() - start
    print(
        f"Modulus 11, the guard's whole-file check: {our_seconds / count * 1e9:.0f} ns per number"
    )
    try:
        from nhs_number import is_valid
    except ImportError:
        print("  (nhs-number is not installed; install the test group to compare)")
        return
    start = time.process_time()
    theirs = [is_valid(number) for number in numbers]
    their_seconds = time.process_time() - start
    differ = [n for n, a, b in zip(numbers, ours, theirs, strict=True) if bool(a) != b]
    scottish = sum("0100000000" <= number <= "3112999999" for number in differ)
    print(
        f"Modulus 11, nhs-number is_valid: {their_seconds / count * 1e9:.0f} ns each "
        f"({their_seconds / our_seconds:.0f}x slower); the two disagree on {len(differ)} of "
        f"{count}, {scottish} of them in the CHI range, where is_valid also demands a date"
    )


def main() -> int:
    """Generate the corpus, time both tools, print the figures; exit 1 below the target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=8.0, help="corpus size (MB)")
    parser.add_argument("--repeat", type=int, default=5, help="guard runs (best is kept)")
    parser.add_argument("--skip-detect-secrets", action="store_true", help="time the guard only")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="nhs-rap-guard-bench-"))
    try:
        corpus = workdir / "corpus"
        size = generate_corpus(corpus, args.megabytes)
        mb = size / 1e6
        seconds, files, findings = time_guard(corpus, args.repeat)
        rate = mb / seconds
        verdict = "meets" if rate >= TARGET_MB_PER_S else "BELOW"
        print(f"Corpus: {mb:.1f} MB in {files} files (generated, seed 2024), one core")
        print(
            f"nhs-rap guard: {rate:.1f} MB/s ({seconds:.2f} s, best of {args.repeat}); "
            f"target >= {TARGET_MB_PER_S:.0f} MB/s: {verdict}"
        )
        by_rule = Counter(finding.split(":")[1] for finding in findings)
        print(
            "  guard findings by rule: " + ", ".join(f"{r} {n}" for r, n in sorted(by_rule.items()))
        )
        beyond_data_files = sorted(
            {finding.split(":")[0] for finding in findings if not finding.endswith(":data-file")}
        )
        print(f"  files with findings other than data-file: {', '.join(beyond_data_files)}")
        if not args.skip_detect_secrets:
            python = detect_secrets_python(workdir)
            ds_seconds, ds_flagged = time_detect_secrets(python, corpus)
            ds_rate = mb / ds_seconds
            print(
                f"detect-secrets {DETECT_SECRETS_VERSION}: {ds_rate:.2f} MB/s ({ds_seconds:.2f} s)"
            )
            print(f"  detect-secrets flagged: {', '.join(ds_flagged) or 'nothing'}")
            print(f"Ratio: the guard is {rate / ds_rate:.1f}x the speed of detect-secrets")
        time_containers(corpus, args.repeat)
        compare_modulus_11()
        return 0 if rate >= TARGET_MB_PER_S else 1
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
