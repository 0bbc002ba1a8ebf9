"""The compiled parse modules: which form Python imports (a binary older than its source
is passed over for the source, one as new is imported), that a build left none of them
uncompiled, and that each of the build's extensions is optional."""

import importlib
import os
import runpy
import shutil
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

import parsers
from parsers.compiled import COMPILED, SourceWhenNewer, is_compiled, prefer_newer_source


@pytest.fixture
def package(tmp_path, monkeypatch):
    """A package `lately` with one module whose binary is not one (Python fails to load
    it: what Python would import shows)."""
    folder = tmp_path / "lately"
    folder.mkdir()
    (folder / "__init__.py").write_text("")
    (folder / "mod.py").write_text("FROM = 'source'\n")
    (folder / f"mod{EXTENSION_SUFFIXES[0]}").write_bytes(b"not a shared object")
    monkeypatch.syspath_prepend(str(tmp_path))
    finder = SourceWhenNewer("lately", folder)
    monkeypatch.setattr(sys, "meta_path", [finder, *sys.meta_path])
    yield folder, finder
    for name in ("lately.mod", "lately"):
        sys.modules.pop(name, None)


def _age(path, seconds):
    stat = path.stat()
    os.utime(path, (stat.st_atime, stat.st_mtime + seconds))


def test_a_binary_older_than_its_source_is_passed_over(package, caplog):
    folder, finder = package
    _age(folder / f"mod{EXTENSION_SUFFIXES[0]}", -60)  # built, then the source edited
    assert importlib.import_module("lately.mod").FROM == "source"
    assert finder.stale("mod")
    assert "lately.mod: its source is newer" in caplog.text


def test_a_binary_as_new_as_its_source_is_what_is_imported(package):
    folder, finder = package
    _age(folder / "mod.py", -60)
    with pytest.raises(ImportError):  # Python went for the binary
        importlib.import_module("lately.mod")
    assert not finder.stale("mod")


def test_the_parse_stage_passes_over_stale_binaries_of_its_own_in_a_working_copy():
    assert any(isinstance(f, SourceWhenNewer) and f.package == "parsers"
               for f in sys.meta_path)
    assert parsers.SOURCES is not None
    assert parsers.SOURCES.folder.samefile(os.path.dirname(parsers.__file__))


def test_an_installed_package_has_no_finder_of_its_own(tmp_path, monkeypatch):
    (tmp_path / "lately").mkdir()  # (no setup.py beside it: a wheel's, in site-packages)
    before = list(sys.meta_path)
    assert prefer_newer_source("lately", tmp_path / "lately") is None
    assert sys.meta_path == before


@pytest.mark.skipif(shutil.which("cc") is None, reason="no C compiler: the modules run as Python")
def test_every_module_named_for_compiling_runs_compiled_unless_its_source_is_newer():
    # (each extension is optional: a build that failed would pass unseen but for this)
    as_python = {name for name in COMPILED
                 if not is_compiled(importlib.import_module(f"parsers.{name}"))}
    stale = {name for name in COMPILED if parsers.SOURCES and parsers.SOURCES.stale(name)}
    assert as_python == stale
    assert not is_compiled(parsers.compiled)  # (the finder itself is never compiled)


def test_every_extension_the_build_makes_is_optional_and_one_of_the_modules_named(
        monkeypatch):
    import setuptools

    made: dict = {}
    monkeypatch.setattr(setuptools, "setup", lambda **kwargs: made.update(kwargs))
    monkeypatch.chdir(Path(parsers.__file__).parents[1])
    runpy.run_path("setup.py")
    extensions = made["ext_modules"]
    assert sorted(e.name for e in extensions) == sorted(f"parsers.{n}" for n in COMPILED)
    assert all(e.optional for e in extensions)  # (no compiler: the build goes on)
