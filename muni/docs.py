"""The documentation made from the code, so that it cannot drift from it: the README's
command reference (from the argument parser: every command, option and example) and
docs/tables.md (from the dataset's schema: the same text datapackage.json carries).

`python -m muni.docs` writes both; a test fails when either is out of date.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from normalizer.kinds import TABLES

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
TABLES_DOC = ROOT / "docs" / "tables.md"
BEGIN = "<!-- commands: made by `python -m muni.docs` from muni/cli.py; do not edit -->"
END = "<!-- end of commands -->"
GLOBAL = {"-h", "--help", "--data-dir", "-q", "--quiet", "-v", "--verbose", "--log-file"}


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def options(parser: argparse.ArgumentParser, every: bool = False) -> list[argparse.Action]:
    """A command's own options and arguments (`every`: the global ones too)."""
    return [a for a in parser._actions
            if every or not (set(a.option_strings) & GLOBAL)]


def _usage(action: argparse.Action) -> str:
    if not action.option_strings:
        return f"`{action.metavar or action.dest}`"
    metavar = "" if action.nargs == 0 else \
        " " + (action.metavar or (("{" + ",".join(map(str, action.choices)) + "}")
                                  if action.choices else action.dest.upper()))
    return ", ".join(f"`{flag}{metavar}`" for flag in action.option_strings)


def _cell(text: str | None) -> str:
    return (text or "").replace("|", "\\|").replace("\n", " ")


def commands_markdown(parser: argparse.ArgumentParser) -> str:
    """Every command: what it does, its options and its examples."""
    out = [BEGIN, "", "Options every command takes, before or after its name:", "",
           "| option | meaning |", "| --- | --- |"]
    out += [f"| {_usage(a)} | {_cell(a.help)} |" for a in options(parser, every=True)
            if a.option_strings]
    for name, command in subcommands(parser).items():
        out += ["", f"### `muni {name}`", "", command.description or "", ""]
        own = options(command)
        if own:
            out += ["| option | meaning |", "| --- | --- |"]
            out += [f"| {_usage(a)} | {_cell(a.help)} |" for a in own]
            out.append("")
        out += ["```sh", *(line.strip() for line in (command.epilog or "").splitlines()[1:]),
                "```"]
    return "\n".join([*out, "", END])


def tables_markdown() -> str:
    """Every table and column of the dataset, as datapackage.json describes them."""
    out = ["# The dataset's tables", "",
           "Made by `python -m muni.docs` from `normalizer/` (the same descriptions as "
           "`datapackage.json`); do not edit. Every table is `<table>.csv` and "
           "`<table>.parquet` in `data/clean/`, a sheet of `muni.xlsx` and a table of "
           "`muni.sqlite`. Every GeoNames id column has the city's name beside it.", ""]
    for table in TABLES:
        out += [f"## `{table.name}`: {table.title}", "", table.description, "",
                f"Primary key: `{table.primary_key}`."]
        if table.foreign_keys:
            out.append("Foreign keys: " + ", ".join(
                f"`{col}` → `{ref}.{ref_col}`" for col, ref, ref_col in table.foreign_keys)
                + ".")
        out += ["", "| column | type | required | meaning |", "| --- | --- | --- | --- |"]
        out += [f"| `{c.name}` | {c.type} | {'yes' if c.required else ''} | "
                f"{_cell(c.description)} |" for c in table.columns]
        out.append("")
    return "\n".join(out)


def readme_with(readme: str, commands: str) -> str:
    """The README with its command reference replaced (between the markers)."""
    start, end = readme.index(BEGIN), readme.index(END) + len(END)
    return readme[:start] + commands + readme[end:]


def main() -> int:
    from muni.cli import build_parser

    README.write_text(readme_with(README.read_text(encoding="utf-8"),
                                  commands_markdown(build_parser())), encoding="utf-8")
    TABLES_DOC.parent.mkdir(exist_ok=True)
    TABLES_DOC.write_text(tables_markdown(), encoding="utf-8")
    print(f"wrote {README} and {TABLES_DOC}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
