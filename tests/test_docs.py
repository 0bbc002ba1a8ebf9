"""The documentation a clone carries agrees with the code: the README's command reference
and docs/tables.md are made from it, and the extract JSON follows docs/extract.schema.json."""

from __future__ import annotations

import io
import json
import shlex
from contextlib import redirect_stderr, redirect_stdout

import jsonschema
import pytest

from bench.realpages import DEV_GOLD
from muni import docs
from muni.cli import build_parser, main
from normalizer.kinds import TABLES
from normalizer.schema import descriptor

SCHEMA = docs.ROOT / "docs" / "extract.schema.json"


def test_the_readme_command_reference_is_made_from_the_parser():
    readme = docs.README.read_text(encoding="utf-8")
    assert docs.readme_with(readme, docs.commands_markdown(build_parser())) == readme, \
        "the README's command reference is out of date: run python -m muni.docs"


def test_every_command_and_option_is_in_the_readme_and_its_help_with_examples_that_parse():
    parser = build_parser()
    readme = docs.README.read_text(encoding="utf-8")
    commands = docs.subcommands(parser)
    assert {"crawl", "parse", "check", "export", "run", "refresh", "status", "report",
            "demo", "extract"} <= set(commands)
    for name, command in commands.items():
        assert f"`muni {name}`" in readme and name in parser.format_help()
        shown = command.format_help()
        assert command.description and "examples:" in shown, name
        for action in docs.options(command, every=True):
            for flag in action.option_strings:
                assert flag in shown and f"`{flag}" in readme, (name, flag)
            assert action.help, (name, action.dest)
        for example in (command.epilog or "").splitlines()[1:]:
            words = shlex.split(example.split("|")[-1])
            assert words[0] == "muni", example
            # an example that does not parse exits here
            assert parser.parse_args(words[1:]).command == name, example


def test_the_tables_document_is_made_from_the_schema_with_the_data_package_text():
    written = docs.TABLES_DOC.read_text(encoding="utf-8")
    assert written == docs.tables_markdown(), \
        "docs/tables.md is out of date: run python -m muni.docs"
    for table in TABLES:
        assert f"## `{table.name}`" in written
        for field in descriptor(table)["schema"]["fields"]:
            assert f"| `{field['name']}` | {field['type']} |" in written
            assert field["description"].replace("|", "\\|") in written


def _extract(*inputs: str) -> list[dict]:
    out = io.StringIO()
    with redirect_stdout(out), redirect_stderr(io.StringIO()):
        main(["extract", *inputs])
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_extract_output_follows_its_json_schema(tmp_path):
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema,
                                                format_checker=jsonschema.FormatChecker())
    pages = sorted(str(p) for p in (docs.ROOT / "muni" / "sites").glob("*/pages/**/*.html"))
    if DEV_GOLD.is_dir():  # real pages of every language, when ../shared is beside us
        pages += sorted(str(p) for p in DEV_GOLD.glob("*/html/*.html"))
    found = _extract(*pages, str(tmp_path / "missing.html"))
    assert len(found) == len(pages) + 1 and "error" in found[-1]
    for page in found:
        errors = [e.message for e in validator.iter_errors(page)]
        assert not errors, (page["input"], errors[:3])
    kinds = {k for page in found for k in ("cities", "dates", "officials", "events",
                                           "relations") if page.get(k)}
    assert len(kinds) == 5  # every kind of entity was there to be checked


def test_the_schema_refuses_what_the_extract_json_does_not_have():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    page = _extract(str(next((docs.ROOT / "muni" / "sites").glob("kazanlak/pages/*.html"))))[0]
    validator = jsonschema.Draft202012Validator(schema)
    assert validator.is_valid(page)
    assert not validator.is_valid({**page, "entities": []})  # a key it does not describe
    assert not validator.is_valid({k: v for k, v in page.items() if k != "dates"})


@pytest.mark.parametrize("args", [["-V"], ["--version"]])
def test_the_version_is_an_option_not_a_command(args, capsys):
    with pytest.raises(SystemExit) as done:
        build_parser().parse_args(args)
    assert done.value.code == 0 and capsys.readouterr().out.startswith("muni ")
