"""Language profiles as data (dateparser's per-locale data test is the model): every
profile loads, every key holds what its schema says, a misspelt key is an error naming
the file and the key, and a new language is one file that sources, extract and the
parsers pick up."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import types
import typing
from pathlib import Path

import pytest

from parsers import languages
from parsers.languages import (
    DATE_WORD_KINDS,
    EVENT_TYPES,
    ROLES,
    SCRIPTS,
    Profile,
    ProfileError,
    load_profile,
    profiles,
)
from scraper.sources import load_sources

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = {f.name: f for f in dataclasses.fields(Profile)}


@pytest.mark.parametrize("code", sorted(profiles()))
def test_every_key_of_every_profile_holds_what_its_schema_says(code):
    profile = profiles()[code]
    assert profile.code == code and profile.script in SCRIPTS
    assert len(profile.stop_words) >= 20 and all(w == w.lower() for w in profile.stop_words)
    assert not profile.letters & profile.foreign_letters
    for months in (profile.months, profile.solar_months):
        assert len(months) in (0, 12) and all(names for names in months)
    assert set(profile.date_words) == set(DATE_WORD_KINDS)
    assert set(profile.roles) <= set(ROLES) and set(profile.events) <= set(EVENT_TYPES)
    assert all(len(iso) == 2 and iso.isupper() for iso in profile.countries.values())
    for name in profile.legacy_encodings:
        assert name.encode() and "x".encode(name)  # a code page Python knows
    hints = typing.get_type_hints(Profile)
    for name in SCHEMA:  # every value has its field's type: nothing loaded as a default
        value = getattr(profile, name)
        origin = typing.get_origin(hints[name]) or hints[name]
        if origin is types.UnionType:  # str | None
            continue
        assert isinstance(value, origin), (code, name, type(value))
        if isinstance(value, tuple):
            assert all(isinstance(v, str | tuple) for v in value), (code, name)


@pytest.mark.parametrize("code", sorted(c for c, p in profiles().items() if p.given_names))
def test_first_names_are_no_words_a_name_stops_at(code):
    """A first name that were a stop word, a month or an office would open a "name" in
    every sentence that starts with it (a compound, اسد الله, is matched whole)."""
    profile = profiles()[code]
    months = {n for names in (*profile.months, *profile.solar_months) for n in names}
    offices = {w for phrases in profile.roles.values() for p in phrases for w in p.split()}
    stops = {*profile.stop_words, *profile.name_breaks, *profile.honorifics, *months, *offices}
    assert not {name for name in profile.given_names if " " not in name} & stops
    assert all(len(name.split()) <= 2 for name in profile.given_names)  # a name, not a phrase


def test_every_language_muni_speaks_has_its_words_for_the_entities():
    for code in ("bg", "tr", "fa"):
        profile = profiles()[code]
        assert profile.months and profile.roles and profile.events and profile.relation_cues
        assert profile.legacy_encodings and profile.country


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("body, message", [
    ("place_cue_before: [град]", "'place_cue_before' is not a profile key (did you mean "
                                 "'place_cues_before'?)"),
    ("script: runic", "'script' must be one of latin"),
    ("months: [[ian], [feb]]", "'months' must list 12 entries, not 2"),
    ("roles: {mayor: [primar], dragon: [zmeu]}", "'roles': dragon not among mayor"),
    ("stop_words: [si, on]", "'stop_words': True is not a word (quote it"),
    ("organization_word_first: sometimes", "must be true or false"),
    ("name: Romanian\nname: Română", "'name' is written twice"),  # YAML keeps the last
    ("spelling_variants: [[ș, ş], [ț]]", "'spelling_variants' holds pairs"),
])
def test_a_mistaken_key_is_one_line_naming_the_file_and_the_key(tmp_path, body, message):
    base = ("code: ro\nname: Romanian\nscript: latin\nletters: abcdefghijklmnopqrstuvwxyzăâîșț\n"
            "stop_words: [si, de, la, cu, in, pe, un, o, care, din, este, a, al, ale, sau, "
            "pentru, mai, dar, nu, se]\n")
    lines = dict(line.split(":", 1) for line in base.splitlines())
    key = body.split(":", 1)[0]
    lines.pop(key, None)
    path = _write(tmp_path, "ro", "\n".join(f"{k}:{v}" for k, v in lines.items()) + "\n" + body)
    with pytest.raises(ProfileError) as raised:
        load_profile(path)
    assert str(raised.value).startswith(str(path)) and message in str(raised.value)
    assert "\n" not in str(raised.value)


def test_a_spelling_variant_lists_every_word_both_ways(tmp_path):
    # Romanian ș and ț are as often written with the cedilla (ş, ţ) of older keyboards
    path = _write(tmp_path, "ro", "code: ro\nname: Romanian\nscript: latin\n"
                  "letters: abcdefghijklmnopqrstuvwxyzăâîșțşţ\n"
                  "spelling_variants: [[ș, ş], [ț, ţ]]\n"
                  "stop_words: [și, de, ţară]\nroles: {mayor: [primarul orașului]}\n")
    profile = load_profile(path)
    assert profile.stop_words == {"și", "şi", "de", "ţară"}
    assert profile.roles["mayor"] == ("primarul orașului", "primarul oraşului")


ROMANIAN = """\
code: ro
name: Romanian
country: RO
script: latin
letters: "abcdefghijklmnopqrstuvwxyzăâîșț"
legacy_encodings: [windows-1250, iso-8859-16]
stop_words: [si, și, de, la, cu, în, pe, un, o, care, din, este, a, al, ale, sau, pentru,
  mai, dar, nu, se, fost, au, ca, că]
months:
  - [ianuarie]
  - [februarie]
  - [martie]
  - [aprilie]
  - [mai]
  - [iunie]
  - [iulie]
  - [august]
  - [septembrie]
  - [octombrie]
  - [noiembrie]
  - [decembrie]
roles:
  mayor: [primarul, primar]
"""


def test_a_new_language_is_one_file_that_sources_and_extract_pick_up(tmp_path, monkeypatch):
    folder = tmp_path / "profiles"
    folder.mkdir()
    _write(folder, "ro", ROMANIAN)
    monkeypatch.setenv("MUNI_PROFILES", str(folder))
    profiles.cache_clear()
    languages.decoding_for.cache_clear()
    try:
        assert "ro" in languages.language_codes()
        romanian = profiles()["ro"]
        assert romanian.roles["mayor"] == ("primarul", "primar")
        assert languages.decoding_for("ro").code_pages == ("windows-1250", "iso-8859-16")
        sources = tmp_path / "sources.yaml"
        sources.write_text("sources:\n  - name: cluj\n    language: ro\n"
                           "    start_urls: [http://cluj.example/]\n", encoding="utf-8")
        assert load_sources(sources, languages=languages.language_codes())[0].language == "ro"
    finally:
        profiles.cache_clear()
        languages.decoding_for.cache_clear()
    page = tmp_path / "stire.html"
    page.write_text("<html lang='ro'><head><title>Vizita delegației</title></head><body>"
                    "<h1>Vizita delegației</h1><p>Primarul orașului a primit la 12 martie 2019 "
                    "o delegație din orașul înfrățit și au discutat despre proiecte comune în "
                    "cultură și turism, care vor începe din toamnă.</p></body></html>",
                    encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "muni", "extract", "--lang", "ro", str(page)],
                          capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "MUNI_PROFILES": str(folder)})
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    assert record["language"] == "ro" and "Primarul orașului" in record["text"]
    assert [d["start"] for d in record["dates"]] == ["2019-03-12"]  # its month names
