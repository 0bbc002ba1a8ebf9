"""Seeded fuzzing in CI: mutated fixture pages and the hostile classes an attack used,
through `muni extract` and the parse stage. Any crash fails; every input has its line."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stderr, redirect_stdout

from conftest import write_warc

from bench.fuzz import HOSTILE, inputs
from muni.cli import main

COUNT, SEED = 300, 20261201


def test_every_fuzzed_input_gets_its_line_from_extract_and_none_crashes(tmp_path):
    files = []
    for i, body in enumerate(inputs(COUNT, SEED)):
        files.append(tmp_path / f"input-{i:03d}.html")
        files[-1].write_bytes(body)
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(["extract", *map(str, files)])
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["input"] for line in lines] == [str(f) for f in files]
    assert "internal error" not in err.getvalue() and "Traceback" not in err.getvalue()
    refused = [line for line in lines if "error" in line]
    assert code == (1 if refused else 0) and len(refused) < COUNT // 2
    assert all("\n" not in line["error"] for line in refused)


def test_the_parse_stage_reads_every_fuzzed_page_without_a_crash(tmp_path, capsys):
    captures = [(f"http://fuzz{i % 7}.example/{i}", body)
                for i, body in enumerate(inputs(COUNT, SEED + 1))]
    warc = write_warc(tmp_path / "fuzz.warc.gz", captures)
    code = main(["--data-dir", str(tmp_path / "data"), "parse", "--warc", str(warc),
                 "--workers", "1"])
    err = capsys.readouterr().err
    assert code == 0 and "internal error" not in err, err[-500:]
    assert len(HOSTILE) < COUNT  # the hostile classes are all in, then mutated pages
