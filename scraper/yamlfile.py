"""YAML files a person writes (sources.yaml, language profiles): read safely, and a
mistake reported in one line with the line and column where the parser stopped."""

from __future__ import annotations

from pathlib import Path

import yaml


class YAMLFileError(ValueError):
    """A YAML file that is missing, not text, or not valid YAML."""


def load_yaml(path: Path) -> object:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise YAMLFileError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise YAMLFileError(f"{path}: not readable ({exc})") from None
    except yaml.YAMLError as exc:
        raise YAMLFileError(f"{path}: {describe(exc)}") from None


def describe(exc: yaml.YAMLError) -> str:
    """'not valid YAML at line 4, column 10: expected ',' or ']', but got ':''."""
    mark = getattr(exc, "problem_mark", None)
    where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return f"not valid YAML{where}: {problem}"
