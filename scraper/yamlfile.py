"""YAML files a person writes (sources.yaml, language profiles): read safely, and a
mistake reported in one line with the line and column where the parser stopped."""

from __future__ import annotations

from pathlib import Path

import yaml


class YAMLFileError(ValueError):
    """A YAML file that is missing, not text, or not valid YAML."""


# libyaml's parser where PyYAML was built with it: the pure-Python one took 0.7 s to read
# the language profiles, the most of what any `muni` command spent before its work began
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeys(_SafeLoader):  # type: ignore[misc, valid-type]
    """safe_load, except that a key written twice in one mapping is an error: YAML keeps
    the last silently, and a person who wrote both meant one of them."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: set = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if isinstance(key, str | int | float | bool) and key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"'{key}' is written twice in one mapping", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep)


def load_yaml(path: Path) -> object:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeys)  # noqa: S506
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
