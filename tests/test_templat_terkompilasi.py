"""The packaged templates compiled ahead (keluhan/templat_buat.py, keluhan/templat_terkompilasi/): the modules match
what Jinja compiles from today's templates, the loader uses them for packaged templates only, and the documents
printed with them equal those compiled at run time byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Jalankan

from keluhan import formulir, templat_buat


def test_modul_sama_dengan_templat() -> None:
    """Every packaged template has its module, as `python -m keluhan.templat_buat` (make docs) writes it now."""
    ada = {f.name: f.read_text(encoding="utf-8") for f in templat_buat.FOLDER.glob("*.py")}
    assert ada == templat_buat.isi_modul(), "jalankan: make docs (python -m keluhan.templat_buat)"


def _rekap(jalankan: Jalankan, *awal: str) -> dict[str, str]:
    hasil = {}
    for fmt in ("html", "md"):
        r = jalankan(*awal, "rekap", "--bulan", "2026-10", "--format", fmt)
        assert r.exit_code == 0, r.stderr
        hasil[fmt] = r.stdout
    return hasil


def test_rekap_dari_modul_sama_dengan_kompilasi(jalankan: Jalankan, sampai, monkeypatch: pytest.MonkeyPatch) -> None:
    """A recap (html, md) printed from the modules compiled ahead, Jinja's compiler never called, equals the one compiled
    at run time."""
    from datetime import datetime

    from keluhan.workflow import Status

    sampai(Status.SELESAI, mulai=datetime(2026, 10, 5, 8, 0))
    sampai(Status.DIVALIDASI, mulai=datetime(2026, 10, 6, 9, 0))
    formulir._lingkungan.clear()
    with monkeypatch.context() as m:
        def tidak(*a: object, **k: object) -> None:
            raise AssertionError("dikompilasi saat dijalankan")

        m.setattr(type(formulir._env(None)), "compile", tidak)
        cepat = _rekap(jalankan)
    formulir._lingkungan.clear()
    with monkeypatch.context() as m:
        m.setattr(formulir, "_terkompilasi", lambda *a: None)
        assert _rekap(jalankan) == cepat
    formulir._lingkungan.clear()


def test_templat_pengganti_dikompilasi(jalankan: Jalankan, sampai, tmp_path: Path) -> None:
    """An override template of the same name (the Balai's own) is compiled from its own text, not taken from the
    packaged module; the packaged ones it extends still are."""
    from datetime import datetime

    from keluhan.workflow import Status

    sampai(Status.SELESAI, mulai=datetime(2026, 10, 5, 8, 0))
    folder = tmp_path / "templat"
    folder.mkdir()
    asli = (formulir._folder_paket() / "rekap.md.j2").read_text(encoding="utf-8")
    (folder / "rekap.md.j2").write_text(asli.replace("{{ data.jumlah", "Ganti {{ data.jumlah", 1), encoding="utf-8")
    assert "Ganti {{ data.jumlah" in (folder / "rekap.md.j2").read_text(encoding="utf-8")
    formulir._lingkungan.clear()
    r = jalankan("--templat", str(folder), "rekap", "--bulan", "2026-10", "--format", "md")
    assert r.exit_code == 0, r.stderr
    assert "Ganti " in r.stdout
    formulir._lingkungan.clear()
