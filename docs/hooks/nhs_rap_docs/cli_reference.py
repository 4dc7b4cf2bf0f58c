"""The command-line reference page, from the ``nhs-rap`` click group."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import click

from nhs_rap_docs.markdown import cell, heading


def cli_page(root: click.Group) -> str:
    """Write the CLI reference: each command's usage, help and parameters, from the click group."""
    root_ctx = root.make_context("nhs-rap", [], resilient_parsing=True)
    lines = [
        "# Command line",
        "",
        "Generated from the `nhs-rap` program itself. Every command also answers `--help`.",
        "",
        "```text",
        root.get_usage(root_ctx),
        "```",
        "",
        _format_params(root.params, root_ctx),
    ]
    commands: Mapping[str, Any] = getattr(root, "commands", {})
    for name in sorted(commands):
        command = commands[name]
        if command.hidden:
            continue
        ctx = command.make_context(name, [], parent=root_ctx, resilient_parsing=True)
        lines += [
            heading(2, f"`nhs-rap {name}`", name),
            "",
            (command.help or "").strip(),
            "",
            "```text",
            command.get_usage(ctx),
            "```",
            "",
            _format_params(command.params, ctx),
        ]
    return "\n".join(lines)


def _format_params(params: Iterable[Any], ctx: Any) -> str:
    """Tabulate a command's arguments and options (help options are not in ``params``)."""
    rows = ["| Argument or option | Type | Default | What it does |", "| --- | --- | --- | --- |"]
    for param in params:
        if getattr(param, "hidden", False):
            continue
        if param.param_type_name == "argument":
            names = f"`{param.metavar or param.name.upper()}`"
        else:
            names = " ".join(f"`{name}`" for name in (*param.opts, *param.secondary_opts))
        default = param.get_default(ctx, call=False)
        if getattr(param, "is_flag", False):
            shown = "on" if default else "off"
        elif default is None or callable(default):
            shown = ""
        else:
            shown = f"`{cell(_plain_default(default))}`"
        kind = _type_name(param)
        rows.append(f"| {names} | {cell(kind)} | {shown} | {cell(param.help or '')} |")
    return "\n".join(rows) + "\n" if len(rows) > 2 else ""


def _type_name(param: click.Parameter) -> str:
    """A reader's name for what a parameter takes: its choices, "flag", "path" or "text"."""
    if isinstance(param.type, click.Choice):
        return "|".join(str(choice) for choice in param.type.choices)
    if getattr(param, "is_flag", False):
        return "flag"
    return {"path": "path", "text": "text"}.get(param.type.name, param.type.name)


def _plain_default(value: object) -> object:
    if isinstance(value, Path):
        return value.as_posix()
    return value
