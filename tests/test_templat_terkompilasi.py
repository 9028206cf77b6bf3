"""The packaged templates compiled ahead (keluhan/templat_buat.py, keluhan/templat_terkompilasi/): the modules match
what Jinja compiles from today's templates, the loader uses them for packaged templates only, and the documents
printed with them equal those compiled at run time byte for byte."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import Jalankan

from keluhan import formulir, templat_buat


def _rekaman(teks: str, nama: str) -> str:
    m = re.search(rf"^{nama} = '([^']*)'$", teks, re.M)
    assert m, nama
    return m[1]


def test_modul_sama_dengan_templat() -> None:
    """Every packaged template has its module and no module lacks a template; each records its template's sha256 (what
    must not drift: `make docs` reruns python -m keluhan.templat_buat); under the Jinja version a module records, its
    whole text is what that Jinja compiles now."""
    import jinja2

    ada = {f.name: f.read_text(encoding="utf-8") for f in templat_buat.FOLDER.glob("*.py")}
    templat = sorted(formulir._folder_paket().glob("*.j2"))
    assert set(ada) == {"__init__.py"} | {f"{templat_buat.nama_modul(t.name)}.py" for t in templat}, "jalankan: make docs"
    for t in templat:
        teks = ada[f"{templat_buat.nama_modul(t.name)}.py"]
        assert _rekaman(teks, "SUMBER") == templat_buat.sumber_sidik(t.read_text(encoding="utf-8")), \
            f"{t.name}: jalankan make docs (python -m keluhan.templat_buat)"
    sama_jinja = {n: t for n, t in ada.items() if n == "__init__.py" or _rekaman(t, "JINJA") == jinja2.__version__}
    baru = templat_buat.isi_modul()
    assert sama_jinja == {n: baru[n] for n in sama_jinja}


def test_jinja_lain_dikompilasi_saat_dijalankan(jalankan: Jalankan, sampai, monkeypatch: pytest.MonkeyPatch) -> None:
    """Under another Jinja or other settings (a module's SIDIK no longer matches) the templates are compiled at run time,
    and the recap prints the same."""
    from datetime import datetime

    from keluhan.workflow import Status

    sampai(Status.SELESAI, mulai=datetime(2026, 10, 5, 8, 0))
    formulir._lingkungan.clear()
    cepat = _rekap(jalankan)
    formulir._lingkungan.clear()
    dikompilasi: list[str] = []
    asli = type(formulir._env(None)).compile
    formulir._lingkungan.clear()
    with monkeypatch.context() as m:
        m.setattr(formulir, "sidik_lingkungan", lambda env, nama: "lain")

        def kompilasi(self: object, source: object, name: object = None, *a: object, **k: object) -> object:
            dikompilasi.append(str(name))
            return asli(self, source, name, *a, **k)  # type: ignore[arg-type]

        m.setattr(type(formulir._env(None)), "compile", kompilasi)
        assert _rekap(jalankan) == cepat
    formulir._lingkungan.clear()
    assert {"rekap.html.j2", "rekap.md.j2"} <= set(dikompilasi)


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
