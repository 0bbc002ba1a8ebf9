"""Which of a module's two forms is imported: its binary (setup.py compiles the busiest
modules in place) while it is as new as its source, else the source. Python prefers a
binary beside a source whatever their ages: without this an edit, or a checkout, would
take no effect until the next build."""

from __future__ import annotations

import importlib.util
import logging
import sys
from importlib.machinery import EXTENSION_SUFFIXES, ModuleSpec
from pathlib import Path

log = logging.getLogger(__name__)

# The modules a page's reading spends its time in (its tree, text, dates and entities):
# setup.py compiles these; not the stage's I/O, the extractors' registry and time budget
# (whose interrupt a compiled module takes only at its next call into Python code), nor
# the language data.
COMPILED = ("calendars", "cities", "content", "dates", "dates_any", "events", "gazetteer",
            "language", "names", "officials", "organizations", "page", "published",
            "relations", "text")


class SourceWhenNewer:
    """A finder, first on sys.meta_path, for one package's modules: the source of one
    whose binary is older than it (else None: the usual finders take over)."""

    def __init__(self, package: str, folder: Path) -> None:
        self.package, self.folder = package, folder

    def stale(self, module: str) -> bool:
        """Whether the module has a binary older than its source."""
        source = self.folder / f"{module}.py"
        binaries = [b for suffix in EXTENSION_SUFFIXES
                    if (b := self.folder / f"{module}{suffix}").exists()]
        return bool(binaries) and source.exists() and \
            source.stat().st_mtime > min(b.stat().st_mtime for b in binaries)

    def find_spec(self, name: str, path: object = None,
                  target: object = None) -> ModuleSpec | None:
        parent, _, module = name.rpartition(".")
        if parent != self.package or not self.stale(module):
            return None
        log.warning("%s: its source is newer than its compiled module, which is passed "
                    "over (`make build` compiles it again)", name)
        return importlib.util.spec_from_file_location(name, self.folder / f"{module}.py")


def prefer_newer_source(package: str, folder: Path) -> SourceWhenNewer | None:
    """The finder, put first, where the package is a working copy's (its setup.py beside
    it: an edit may be newer than its build); an installed one has its two forms from
    one build, written in whatever order."""
    if not (folder.parent / "setup.py").exists():
        return None
    finder = SourceWhenNewer(package, folder)
    sys.meta_path.insert(0, finder)
    return finder


def is_compiled(module: object) -> bool:
    """Whether the module was imported from its binary."""
    return not str(getattr(module, "__file__", "")).endswith(".py")
