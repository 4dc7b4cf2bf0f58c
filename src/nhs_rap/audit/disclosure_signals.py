"""Read, from files alone, the signs that a project's outputs pass through disclosure control.

Nothing is run: the pipeline's configuration files are parsed (TOML, JSON) or read line by line
(YAML), and the project's own Python and R code is read as text with its comments, strings and
docstrings blanked out, so that prose about suppression is never mistaken for code that does it.
The signs:

- a configuration section for the rule (``[disclosure]``, ``sdc:``, ``"suppression": {...}``) or
  a setting named for it (``suppression_threshold = 7``), and whether it says the outputs stay
  inside a secure environment;
- an import of a statistical disclosure control library (Python ``acro``; R ``sdcMicro``,
  ``sdcTable``, ``cellKey``, ``acro``), or of the project's own module named for it;
- code named for the step (``suppress_small_counts``, ``apply_suppression``,
  ``DisclosureRule``, ``small_number_mask``, ``round_to_5``);
- code with the step's shape: small counts replaced by a marker or a missing value
  (``np.where(n < 8, "*", n)``, ``ifelse(n <= 7, NA, n)``, ``df.n.where(df.n >= 8)``) or rounded
  to a base of 5 or 10 (``5 * round(n / 5)``, ``plyr::round_any(n, 5)``).
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from typing import Any

from nhs_rap.audit.reading import read_text
from nhs_rap.audit.walk import Tree

#: At most this many signs are kept: enough for a reviewer to find the step.
MAX_EVIDENCE = 5
#: Longer lines (minified or generated code, data pasted into a file) are not searched for the
#: step's shape, so a hostile file cannot make the patterns slow.
MAX_LINE = 1_000
CONFIG_EXTENSIONS = (".toml", ".yaml", ".yml", ".json")
#: Top-level files read as a pipeline's configuration: by the start of their name
#: (``config.toml``, ``settings.local.yaml``, ``params_2024.json``), and pyproject's ``[tool]``.
#: Other top-level files (mkdocs.yml, CI, pre-commit) configure tools, whose keys can look alike.
CONFIG_STEMS = ("config", "configuration", "settings", "params", "parameters", "pipeline")
CONFIG_FILES = frozenset({"pyproject.toml"})
#: Folders (at the top of the repository) whose files are all read as configuration.
CONFIG_DIRS = ("config", "configs", "conf", "settings")
MAX_CONFIG_FILES = 50

#: Words that name the step, alone (a section, module or setting called exactly this).
_STEP_WORDS = frozenset({"disclosure", "sdc", "suppression", "suppress"})
#: What follows "suppress" when it is about warnings or output, not counts (R's
#: ``suppressWarnings``, Python's ``suppress_stdout``).
_NOT_COUNTS = frozenset(
    {"warning", "warnings", "message", "messages", "package", "output", "stdout", "stderr"}
    | {"logging", "log", "logs", "error", "errors", "exception", "exceptions", "print"}
)
#: Values of a mode-like setting that mean "outputs stay inside, so counts are exact".
_SECURE_VALUES = frozenset(
    {"secure_environment", "secure", "internal", "sde", "tre", "trusted_research_environment"}
    | {"off", "none", "disabled", "exact"}
)
#: What "small" is about in a name such as ``small_numbers`` or ``small_cell_mask``.
_SMALL_WHAT = frozenset({"number", "count", "cell"})
_MODE_KEYS = frozenset({"mode", "environment", "destination", "audience", "target"})
_SWITCH_KEYS = frozenset({"enabled", "enable", "apply", "applied", "active"})

#: Every sign by name (library, module, identifier) contains one of these, in lower case.
_CLUES = ("suppress", "disclos", "sdc", "small", "round", "acro", "cellkey", "ptable")
#: Every line with the step's shape contains one of these (cheaper to look for than a pattern).
_SHAPE_CLUES = ("round", "where", "mask", "ifelse", "if_else", "case_when", "replace", ".loc[")
_PY_LIBRARY = re.compile(r"^\s*(?:import|from)\s+(acro|sdcmicro)\b", re.M)
_R_LIBRARY = re.compile(
    r"\b(?:library|require|requireNamespace)\(\s*[\"']?(sdcMicro|sdcTable|cellKey|acro|ptable)\b"
    r"|\b(sdcMicro|sdcTable|cellKey)::"
)
_PY_IMPORT = re.compile(r"^\s*(?:from\s+([\w.]+)\s+import|import\s+([\w.]+))", re.M)
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_TOKEN = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
_TRIPLE = re.compile(r"(\"\"\"|''')[\s\S]*?\1")
_STRING = re.compile(r"\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'")
_COMMENT = re.compile(r"#.*")
#: A count compared with a small number (1 to 10), or a range starting at 1.
_SMALL = re.compile(r"<=?\s*(?:[1-9]|10)\b(?!\s*\.\d)|between\(\s*(?:[^,()]+,\s*)?1\s*,\s*\d")
_REPLACE = re.compile(r"\b(?:where|mask|ifelse|if_else|case_when|replace|fifelse)\s*\(|\.loc\[")
_MARKER = re.compile(
    r"[\"'](?:\*{1,2}|c|\[c\]|\[z\]|x|~|<\s*\d+|suppressed|redacted)[\"']"
    r"|\b(?:np\.nan|numpy\.nan|pd\.NA|None|NA|NA_integer_|NA_real_|NaN|null)\b"
)
#: pandas' ``where`` keeps the counts meeting a threshold (2 to 11) and blanks the rest.
_KEEP_LARGE = re.compile(r"\.where\([^;\n]*?>=?\s*(?:[2-9]|1[01])\b(?!\s*\.\d)")
_ROUNDING = re.compile(
    r"\bround\w*\s*\([^;\n]*?/\s*(?:5|10)\b[^;\n]*?\)\s*\*\s*(?:5|10)\b"
    r"|\b(?:5|10)\s*\*\s*(?:\w+\.)?round\w*\s*\([^;\n]*?/\s*(?:5|10)\b"
    r"|//\s*(?:5|10)\s*\)?\s*\*\s*(?:5|10)\b"
    r"|\bround_any\s*\([^,\n]+,\s*(?:5|10)\b"
)


@dataclass(frozen=True)
class DisclosureSigns:
    """What the files show of a disclosure-control step; plain data, as fixtures must be."""

    #: Where a step was recognised, ``path: what``, at most ``MAX_EVIDENCE``.
    evidence: tuple[str, ...] = ()
    #: Where configuration says the outputs stay inside a secure environment (exact counts).
    secure_environment: tuple[str, ...] = ()


def read_disclosure_signs(root: Traversable, tree: Tree) -> DisclosureSigns:
    """Look through the configuration files and the project's own code for the step."""
    evidence: list[str] = []
    secure: list[str] = []
    for path in _config_files(root, tree):
        text = read_text(root, path)
        if text is not None:
            _read_config(path, text, evidence, secure)
    for path in (*tree.python_sources, *tree.r_sources):
        if len(evidence) >= MAX_EVIDENCE:
            break
        text = read_text(root, path)
        if text is not None:
            found = _read_code(path, text, python=path.endswith(".py"))
            if found:
                evidence.append(f"{path}: {found}")
    return DisclosureSigns(tuple(evidence[:MAX_EVIDENCE]), tuple(secure[:MAX_EVIDENCE]))


def _config_files(root: Traversable, tree: Tree) -> list[str]:
    """Top-level configuration files, then those in a top-level ``config/``-like folder."""
    found = [
        name
        for name in tree.root_files
        if name.lower().endswith(CONFIG_EXTENSIONS)
        and (name.lower() in CONFIG_FILES or name.lower().startswith(CONFIG_STEMS))
    ]
    for folder in CONFIG_DIRS:
        if folder not in tree.root_dirs:
            continue
        try:
            children = sorted(child.name for child in root.joinpath(folder).iterdir())
        except (OSError, ValueError):
            continue
        found += [f"{folder}/{n}" for n in children if n.lower().endswith(CONFIG_EXTENSIONS)]
    return found[:MAX_CONFIG_FILES]


def _tokens(name: str) -> list[str]:
    """``suppressSmallCounts`` or ``suppress_small_counts`` -> ``[suppress, small, counts]``."""
    return [token.lower() for token in _TOKEN.findall(name)]


def names_the_step(name: str) -> bool:
    """Whether an identifier, file stem or setting names disclosure control.

    ``suppress`` on its own (Python's ``contextlib.suppress``) and suppressing warnings or
    output (R's ``suppressWarnings``) do not count; nor does "disclosure" on its own inside a
    longer name unless it is a rule, control or threshold.
    """
    tokens = _tokens(name)
    if not tokens or name == "suppress":
        return False
    if len(tokens) == 1:
        return tokens[0] in _STEP_WORDS or tokens[0].startswith("suppression")
    for index, token in enumerate(tokens):
        after = tokens[index + 1] if index + 1 < len(tokens) else ""
        if token.startswith("suppress") and after not in _NOT_COUNTS:
            return True
        if token == "disclosure" and after in {"control", "rule", "rules", "threshold", "mode"}:
            return True
        if token == "sdc" or (token == "small" and after.rstrip("s") in _SMALL_WHAT):
            return True
        if token == "round" and "5" in tokens[index + 1 : index + 4]:
            return True
    return False


# --- Configuration ----------------------------------------------------------------------------


def _read_config(path: str, text: str, evidence: list[str], secure: list[str]) -> None:
    """Note each section or setting of ``path`` that sets a disclosure rule."""
    sections: dict[str, list[tuple[str, Any]]] = {}
    for keys, value in _settings(path, text):
        for depth, key in enumerate(keys):
            if names_the_step(key):
                section = ".".join(keys[: depth + 1])
                sections.setdefault(section, []).append((".".join(keys[depth + 1 :]), value))
                break
    for section, settings in sections.items():
        named = [key for key, _ in settings if key]
        if named:
            shown = f"[{section}] ({', '.join(named[:4])})"
        else:  # a single setting, such as suppression_threshold = 7
            shown = f"{section} = {json.dumps(settings[0][1], default=str)}"
        evidence.append(f"{path}: a disclosure-control setting, {shown}")
        for key, value in settings:
            leaf = key.rsplit(".", 1)[-1].lower()
            said = _secure_setting(leaf, value)
            if said:
                secure.append(f"{path}: [{section}] {key} = {said}")


def _secure_setting(key: str, value: Any) -> str:
    """How a setting says the rule is off for a secure environment, or "" if it doesn't."""
    normal = (
        value.strip().lower().replace("-", "_").replace(" ", "_") if isinstance(value, str) else ""
    )
    if key in _MODE_KEYS and normal in _SECURE_VALUES:
        return json.dumps(value)
    if key in _SWITCH_KEYS and value in (False, "false", "no", "off"):
        return "false"
    if key == "secure_environment" and value in (True, "true", "yes"):
        return "true"
    return ""


def _settings(path: str, text: str) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every setting of a configuration file as (keys from the top, value); none if unreadable."""
    lowered = path.lower()
    if lowered.endswith((".yaml", ".yml")):
        yield from _yaml_settings(text)
        return
    try:
        data = tomllib.loads(text) if lowered.endswith(".toml") else json.loads(text)
    except (tomllib.TOMLDecodeError, ValueError, RecursionError):
        return
    yield from _flatten(data, ())


def _flatten(data: Any, keys: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], Any]]:
    if isinstance(data, dict):
        if not data and keys:
            yield keys, None
        for key, value in data.items():
            yield from _flatten(value, (*keys, str(key)))
    elif keys:
        yield keys, data


_YAML_KEY = re.compile(
    r"^(?P<indent>\s*)(?:-\s+)?(?P<key>[\w.-]+)\s*:(?:\s+(?P<value>[^#]*?))?\s*$"
)


def _yaml_settings(text: str) -> Iterator[tuple[tuple[str, ...], Any]]:
    """YAML's ``key: value`` lines by indentation: enough to find a section, never run anything."""
    stack: list[tuple[int, str]] = []
    for line in text.splitlines():
        match = _YAML_KEY.match(line) if len(line) <= MAX_LINE else None
        if match is None:
            continue
        indent = len(match["indent"])
        while stack and stack[-1][0] >= indent:
            stack.pop()
        keys = (*(key for _, key in stack), match["key"])
        value = (match["value"] or "").strip().strip("\"'")
        if value:
            yield keys, {"true": True, "false": False}.get(value.lower(), value)
        else:
            yield keys, None
            stack.append((indent, match["key"]))


# --- Code ---------------------------------------------------------------------------------------


def _code_only(text: str, *, python: bool) -> str:
    """The text with docstrings, strings and comments blanked, line numbers kept."""
    if python:
        text = _TRIPLE.sub(lambda match: "\n" * match.group().count("\n"), text)
    return _COMMENT.sub("", _STRING.sub('""', text))


def _read_code(path: str, text: str, *, python: bool) -> str:
    """What in one source file shows the step (the strongest sign), or ""."""
    lowered = text.lower()
    stem = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    named = any(word in lowered for word in _CLUES) or names_the_step(stem)
    shaped = any(word in lowered for word in _SHAPE_CLUES)
    if not (named or shaped):
        return ""  # most files: nothing that could be a sign, so nothing more to read
    code = _code_only(text, python=python)
    # R names a library in a string (``library("sdcMicro")``), so only its comments are dropped.
    library = _PY_LIBRARY.search(code) if python else _R_LIBRARY.search(_COMMENT.sub("", text))
    if library:
        return f"uses the disclosure control library {library.group(1) or library.group(2)}"
    if python:
        for match in _PY_IMPORT.finditer(code):
            module = match.group(1) or match.group(2)
            if any(names_the_step(part) for part in module.split(".")):
                return f"imports the disclosure-control module {module}"
    if names_the_step(stem):
        return "a module named for disclosure control"
    names = sorted(name for name in set(_IDENTIFIER.findall(code)) if names_the_step(name))
    if names:
        return "code named for disclosure control (" + ", ".join(names[:3]) + ")"
    if not shaped:
        return ""
    for original, stripped in zip(text.splitlines(), code.splitlines(), strict=False):
        if len(original) > MAX_LINE:
            continue
        if _REPLACE.search(stripped) and _SMALL.search(stripped) and _MARKER.search(original):
            return "small counts replaced by a marker or a missing value"
        if _KEEP_LARGE.search(stripped):
            return "small counts replaced by a missing value"
        if _ROUNDING.search(stripped):
            return "counts rounded to a base of 5 or 10"
    return ""
