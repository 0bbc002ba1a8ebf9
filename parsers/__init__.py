"""The parse stage: WARC records in, one record per HTML page out."""

from pathlib import Path

from parsers.compiled import prefer_newer_source

SOURCES = prefer_newer_source(__name__, Path(__file__).parent)
