from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lagebild.read import FORMATS, ReadError, read_bytes, read_paths

from conftest import DATA


def reasons(path: Path, **kwargs) -> list[str]:
    return [i.reason for i in read_paths([str(path)], **kwargs) if isinstance(i, ReadError)]


def test_bad_files_each_give_one_clear_error(tmp_path: Path) -> None:
    cases = {
        "random.bin": os.urandom(4096),
        "empty.txt": b"",
        "blank.txt": b"\n\n   \n",
        "truncated.json": b'{"title": "Halb", "maintext": "Der Text bricht ab',
        "zeros.txt": b"\x00" * 100,
        "deep.html": b"<html><body>" + b"<div>" * 20000 + b"Text" + b"</div>" * 20000,
        "undecodable.txt": bytes(range(0x80, 0x100)) * 40,
        "scalar.json": b"42",
        "corrupt.gz": b"\x1f\x8b\x08\x00" + os.urandom(200),
    }
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        found = reasons(path)
        assert len(found) == 1, (name, found)
        assert found[0], name


def test_size_limit_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("Titel\n\n" + "Ein langer Satz über die Lage. " * 2000, encoding="utf-8")
    assert reasons(path) == []
    [reason] = reasons(path, max_bytes=10_000)
    assert "larger than 10000 bytes" in reason


def test_missing_file(tmp_path: Path) -> None:
    [reason] = reasons(tmp_path / "nope.txt")
    assert "No such file" in reason


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=3000), fmt=st.sampled_from((None, *FORMATS)))
def test_no_reader_raises_on_arbitrary_bytes(data: bytes, fmt: str | None) -> None:
    for item in read_bytes(data, "fuzz", fmt=fmt):
        assert isinstance(item, ReadError) or item.text.strip()


@settings(max_examples=100, deadline=None)
@given(
    text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=2000),
    fmt=st.sampled_from((None, *FORMATS)),
)
def test_no_reader_raises_on_arbitrary_text(text: str, fmt: str | None) -> None:
    for item in read_bytes(text.encode("utf-8"), "fuzz", fmt=fmt):
        if not isinstance(item, ReadError):
            for section in item.sections:
                assert 0 <= section.start <= section.end <= len(item.text)


SEEDS = [
    (DATA / "page.html").read_bytes(),
    (DATA / "scraped_full.txt").read_bytes(),
    b'{"title": "T", "maintext": "Ein Absatz.\\nNoch einer.", "date_publish": "2026-03-01"}',
    b'<?xml version="1.0"?><rss><channel><title>F</title><item><title>A</title>'
    b"<description>&lt;p&gt;Text&lt;/p&gt;</description></item></channel></rss>",
]


@settings(max_examples=200, deadline=None)
@given(
    seed=st.sampled_from(SEEDS),
    cut=st.integers(min_value=0, max_value=20000),
    flips=st.lists(st.tuples(st.integers(0, 20000), st.integers(0, 255)), max_size=8),
    fmt=st.sampled_from((None, *FORMATS)),
)
def test_no_reader_raises_on_damaged_real_inputs(seed, cut, flips, fmt) -> None:
    """Truncated and bit-flipped versions of real inputs: an article or a ReadError, no crash."""
    data = bytearray(seed[: cut or len(seed)])
    for position, value in flips:
        if data:
            data[position % len(data)] = value
    for item in read_bytes(bytes(data), "damaged", fmt=fmt):
        assert isinstance(item, ReadError) or item.text.strip()
