"""WARC and ARC files other tools wrote: every HTML page warcio reads is read, an odd record
is repaired (and said so) instead of failing the export, and a file muni cannot read is
named with the reason."""

from __future__ import annotations

import gzip

import pandas as pd
from conftest import write_warc
from warcio.archiveiterator import ArchiveIterator

from muni.cli import main

PAGE = (b"<html><body><h1>Council</h1><p>" + b"The council met on Monday and approved the "
        b"budget for the coming year. " * 4 + b"</p></body></html>")


def _arc_record(url: str, date: str, body: bytes) -> bytes:
    """One ARC v1 record: its header line, then the HTTP response."""
    response = b"HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
    return b"%s 127.0.0.1 %s text/html %d\n" % (url.encode(), date.encode(),
                                                len(response)) + response + b"\n"


def _arc(path, urls: list[str], compressed: bool) -> None:
    """An ARC file (warcio reads ARC but writes none): its version block, then a record per
    URL; gzip per record, as the Internet Archive's .arc.gz are."""
    fields = b"1 0 test\nURL IP-address Archive-date Content-type Archive-length\n"
    parts = [b"filedesc://%s 0.0.0.0 20080101000000 text/plain %d\n" % (
        path.name.encode(), len(fields)) + fields + b"\n"]
    parts += [_arc_record(url, "20080102030405", PAGE) for url in urls]
    path.write_bytes(b"".join(gzip.compress(p) for p in parts) if compressed
                     else b"".join(parts))


def warcio_pages(paths) -> int:
    """HTML pages with status 200 as warcio itself reads them."""
    n = 0
    for path in paths:
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream, arc2warc=True):
                http = record.http_headers
                n += bool(record.rec_type == "response" and http
                          and http.get_statuscode() == "200"
                          and "html" in (http.get_header("Content-Type") or ""))
    return n


def test_odd_warcs_and_arcs_read_as_warcio_reads_them_and_export(tmp_path, capsys):
    def odd_date(i, record):
        if i == 0:  # as in a sample of another tool: a day of the month that is no day
            record.rec_headers.replace_header("WARC-Date", "2008-10-294T05:21:46-0700")

    def no_id(i, record):
        record.rec_headers.remove_header("WARC-Record-ID")

    files = [write_warc(tmp_path / "dated.warc.gz", [(f"http://a.example/{i}", PAGE)
                                                    for i in range(3)], edit=odd_date),
             write_warc(tmp_path / "noid.warc", [(f"http://b.example/{i}", PAGE)
                                                 for i in range(2)], gzip=False, edit=no_id)]
    for name, host, compressed in (("old.arc", "arc", False), ("old.arc.gz", "arcgz", True)):
        _arc(tmp_path / name, [f"http://{host}.example/{i}" for i in range(2)], compressed)
        files.append(tmp_path / name)
    lz4 = tmp_path / "other.warc.lz4"
    lz4.write_bytes(b"\x04\x22\x4d\x18" + bytes(64))
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "parse", "--warc", *map(str, files),
                 str(lz4)]) == 0
    said = capsys.readouterr().err
    assert "dated.warc.gz: a WARC-Date that names no moment, repaired" in said
    assert "noid.warc: a record without WARC-Record-ID, repaired" in said
    assert "other.warc.lz4: compressed with LZ4, which muni cannot read" in said
    assert main(["--data-dir", str(data), "export"]) == 0
    pages = pd.read_parquet(data / "clean" / "pages.parquet")
    assert len(pages) == warcio_pages(files) == 9
    assert pages.warc_record_id.notna().all() and pages.fetched_at.notna().all()
    arc = pages[pages.url.str.startswith("http://arc.example/")]
    assert len(arc) == 2 and (arc.fetched_at.dt.year == 2008).all()  # the ARC's own date
    ids = pages[pages.url.str.startswith("http://b.example/")].warc_record_id
    assert ids.str.startswith("<urn:muni:record:").all() and ids.is_unique
    # parsed again, the made ids are the same: rows keep their ids
    assert main(["--data-dir", str(tmp_path / "again"), "parse", "--warc",
                 *map(str, files)]) == 0
    assert main(["--data-dir", str(tmp_path / "again"), "export"]) == 0
    again = pd.read_parquet(tmp_path / "again" / "clean" / "pages.parquet")
    assert sorted(again.warc_record_id) == sorted(pages.warc_record_id)


def test_a_file_muni_cannot_read_is_named_with_the_reason(tmp_path, capsys):
    zstd = tmp_path / "segment.warc.zst"
    zstd.write_bytes(b"\x28\xb5\x2f\xfd" + bytes(64))
    assert main(["--data-dir", str(tmp_path / "d"), "parse", "--warc", str(zstd)]) == 1
    assert "compressed with Zstandard, which muni cannot read; decompress it first" in \
        capsys.readouterr().err


def test_a_record_without_provenance_is_left_out_of_the_export_not_fatal(tmp_path, capsys):
    data = tmp_path / "data"
    warc = write_warc(tmp_path / "a.warc.gz", [(f"http://a.example/{i}", PAGE)
                                               for i in range(3)])
    assert main(["--data-dir", str(data), "parse", "--warc", str(warc)]) == 0
    interim = next((data / "interim").glob("*.parquet"))
    records = pd.read_parquet(interim)
    records.loc[0, "warc_record_id"] = None  # as an older muni wrote it from an odd archive
    records.loc[1, "fetched_at"] = "2008-10-294T05:21:46-0700"
    records.to_parquet(interim)
    capsys.readouterr()
    assert main(["--data-dir", str(data), "export"]) == 0
    assert "2 records without a date or an archive record id left out" in \
        capsys.readouterr().err
    assert len(pd.read_parquet(data / "clean" / "pages.parquet")) == 1


def test_a_payload_that_is_a_gzip_bomb_is_cut_not_inflated(tmp_path):
    import resource
    import zlib

    from scraper.warc import MAX_PAYLOAD_BYTES

    squeezed = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    bomb = squeezed.compress(b"<html><body><p>" + b"a" * (1 << 30)) + squeezed.flush()
    assert len(bomb) < 2 * 1024 * 1024  # a gigabyte in about a megabyte

    def gzipped(i, record):
        record.http_headers.add_header("Content-Encoding", "gzip")

    warc = write_warc(tmp_path / "bomb.warc.gz", [("http://bomb.example/1", bomb)],
                      edit=gzipped)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert main(["--data-dir", str(tmp_path / "data"), "parse", "--warc", str(warc)]) == 0
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 40 * MAX_PAYLOAD_BYTES / 2**20  # bounded by the cut, not the gigabyte
    pages = pd.read_parquet(next((tmp_path / "data" / "interim").glob("*.parquet")))
    assert len(pages) == 1
