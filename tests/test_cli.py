from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lagebild.analyze.pipeline import DEFAULT_STAGES
from lagebild.cli import main

from conftest import DATA


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict], str]:
    status = main(args)
    captured = capsys.readouterr()
    records = [json.loads(line) for line in captured.out.splitlines() if line.strip()]
    return status, records, captured.err


def test_analyze_prints_one_record_per_article(capsys: pytest.CaptureFixture[str]) -> None:
    status, records, err = run_cli(["analyze", str(DATA / "scraped_full.txt")], capsys)
    assert status == 0 and err == ""
    [record] = records
    assert record["title"] == "Minister wollen Feuerpause für die ganze Region"
    assert record["language"] == "de"
    assert record["layers"] == list(DEFAULT_STAGES)
    assert record["errors"] == []
    for sentence in record["sentences"]:
        assert record["text"][sentence["start"] : sentence["end"]].strip()


def test_mixed_directory_prints_good_articles_and_names_bad_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "good.txt").write_bytes((DATA / "scraped_full.txt").read_bytes())
    (tmp_path / "page.html").write_bytes((DATA / "page.html").read_bytes())
    (tmp_path / "noise.bin").write_bytes(os.urandom(2048))
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "cut.json").write_bytes(b'{"title": "Abgebrochen", "maintext": "Hier endet')
    status, records, err = run_cli(["analyze", str(tmp_path)], capsys)
    assert status == 1
    assert len(records) == 2
    lines = err.strip().splitlines()
    assert len(lines) == 3
    for name in ("noise.bin", "empty.txt", "cut.json"):
        assert any(line.startswith(str(tmp_path / name) + ": ") for line in lines), name
    assert "Traceback" not in err


def test_published_option_and_pretty(capsys: pytest.CaptureFixture[str]) -> None:
    status = main(
        ["analyze", str(DATA / "scraped_full.txt"), "--published", "16.03.2026", "--pretty"]
    )
    out = capsys.readouterr().out
    assert status == 0
    record = json.loads(out)
    assert out.startswith("{\n  ")
    assert record["published"] == "2026-03-16"
    assert record["published_source"] == "cli"


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyze", str(DATA / "scraped_full.txt"), "--published", "gestern"]) == 2
    assert "not a date" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["analyze"])
    assert exc.value.code == 2
    assert main([]) == 2


def test_workers_keep_input_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for i in range(12):
        (tmp_path / f"{i:02d}.txt").write_text(
            f"Meldung Nummer {i}\n\nDas ist der Text der Meldung Nummer {i}. Mehr gibt es nicht.\n",
            encoding="utf-8",
        )
    status, records, _ = run_cli(["analyze", str(tmp_path), "--workers", "2"], capsys)
    assert status == 0
    assert [r["title"] for r in records] == [f"Meldung Nummer {i}" for i in range(12)]


def test_stdin_is_read_with_dash(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    data = (DATA / "page.html").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    status, [record], _ = run_cli(["analyze", "-"], capsys)
    assert status == 0
    assert record["source_path"] == "-"
    assert record["format"] == "html"


def test_console_script_without_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.bin"
    bad.write_bytes(b"\x00\x01\x02" * 100)
    lagebild = Path(sys.executable).with_name("lagebild")
    result = subprocess.run(
        [str(lagebild), "analyze", str(bad), str(DATA / "scraped_full.txt")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.strip() == f"{bad}: binary data, not text"
    assert len(result.stdout.strip().splitlines()) == 1
