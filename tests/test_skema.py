"""The schema documentation (docs/arsip.md, the Datasette metadata) covers the live schema and is fresh; every audit query answers on the demo archive."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from _bantu_kantor import arsip_demo
from keluhan import dokumen, skema

AKAR = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def skema_langsung() -> list[dict]:
    return skema.skema_langsung()


def test_setiap_kolom_view_dan_pemicu_berdeskripsi(skema_langsung: list[dict]) -> None:
    """Every table, column, view and trigger of a fresh archive has an Indonesian and an English description, and none is described in vain."""
    assert skema.kekurangan(skema_langsung) == []
    jenis = {o["jenis"] for o in skema_langsung}
    assert jenis == {"table", "view", "trigger"}


def test_kekurangan_terdeteksi(skema_langsung: list[dict]) -> None:
    """A column added to the schema without a description, or a description of a dropped one, is reported."""
    tambah = [dict(o, kolom=[*o["kolom"], {"nama": "kolom_baru", "tipe": "TEXT", "wajib": False}])
              if o["nama"] == "keluhan" else o for o in skema_langsung]
    assert skema.kekurangan(tambah) == ["keluhan.kolom_baru: tidak ada deskripsi id dan en"]
    kurang = [o for o in skema_langsung if o["nama"] != "tindakan"]
    assert skema.kekurangan(kurang) == ["tindakan: dideskripsikan tetapi tidak ada di skema"]


def test_dokumen_arsip_mutakhir() -> None:
    """docs/arsip.md holds exactly what the live schema and the descriptions generate now."""
    teks = (AKAR / "docs" / "arsip.md").read_text(encoding="utf-8")
    assert "<!-- [[[ skema-arsip ]]] -->" in teks and "<!-- [[[ kueri-audit ]]] -->" in teks
    assert dokumen.isi_baru(teks) == teks, "docs/arsip.md is stale: run `make docs`"


def test_dokumen_memuat_setiap_kolom(skema_langsung: list[dict]) -> None:
    """Every table and view appears in docs/arsip.md with a row for each of its columns."""
    teks = (AKAR / "docs" / "arsip.md").read_text(encoding="utf-8")
    for o in skema_langsung:
        assert f"`{o['nama']}`" in teks
        for k in o["kolom"]:
            assert f"| `{k['nama']}` |" in teks


def test_metadata_datasette_dari_deskripsi(tmp_path_factory: pytest.TempPathFactory, skema_langsung: list[dict]) -> None:
    """The metadata keluhan datasette writes describes every table, view and column of the archive, and carries every audit query."""
    from keluhan import datasette_auditor as da

    arsip = arsip_demo(tmp_path_factory)
    db = sqlite3.connect(arsip)
    try:
        meta = da.metadata(db, arsip, "Balai")
    finally:
        db.close()
    tabel = meta["databases"]["archive"]["tables"]
    for o in skema_langsung:
        if o["jenis"] == "trigger":
            continue
        catatan = tabel[o["nama"]]["description_html"]
        assert skema.OBJEK[o["nama"]].en.split("`")[0][:40].replace("'", "&#x27;") in catatan, o["nama"]
        for k in o["kolom"]:
            assert f"<code>{k['nama']}</code>" in catatan, (o["nama"], k["nama"])
    assert set(meta["databases"]["archive"]["queries"]) == {q.nama for q in skema.KUERI}


def test_empat_belas_kueri_audit() -> None:
    """There are eighteen audit questions (root-cause codes, recurrence's two, clock stops) with distinct names, each
    with both titles."""
    assert len(skema.KUERI) == 18
    assert len({q.nama for q in skema.KUERI}) == 18
    assert "penundaan" in {q.nama for q in skema.KUERI}
    assert all(q.judul and q.title and q.penjelasan and q.description for q in skema.KUERI)


@pytest.mark.parametrize("kueri", skema.KUERI, ids=lambda q: q.nama)
def test_kueri_audit_menjawab_pada_arsip_demo(tmp_path_factory: pytest.TempPathFactory, kueri: skema.Kueri) -> None:
    """Each audit query runs on the demo archive with its example parameters and returns rows."""
    db = sqlite3.connect(arsip_demo(tmp_path_factory))
    db.row_factory = sqlite3.Row
    try:
        baris = skema.jalankan_kueri(db, kueri, kueri.contoh)
        assert baris, f"{kueri.nama} returned no rows on the demo archive"
        # Blank parameters (a Datasette form left empty) are valid too.
        skema.jalankan_kueri(db, kueri, {})
    finally:
        db.close()


def test_jawaban_kueri_yang_bisa_dicek(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Spot checks of what the queries answer on the demo: the rework loop, the correction, the verifier rule."""
    db = sqlite3.connect(arsip_demo(tmp_path_factory))
    db.row_factory = sqlite3.Row
    q = {k.nama: k for k in skema.KUERI}
    try:
        kembali = skema.jalankan_kueri(db, q["dikembalikan"])
        assert [(r["nomor"], r["jumlah_putaran"]) for r in kembali] == [("002/KP/BBSPJIKFK/X/2026", 2)]
        verif = skema.jalankan_kueri(db, q["verifikasi_keluhan"], {"nomor": "002/KP/BBSPJIKFK/X/2026"})
        assert [(r["aksi"], r["putaran"]) for r in verif] == [("verifikasi_kembalikan", 1), ("verifikasi_terima", 2)]
        assert all(r["diverifikasi_oleh"] != r["petugas_tindakan"] for r in verif)
        koreksi = skema.jalankan_kueri(db, q["koreksi"])
        assert [(r["kolom"], r["nilai_lama"], r["nilai_baru"]) for r in koreksi] == [
            ("instansi", "PT Plastik Prima", "PT Plastik Prima Tbk")]
        banding = skema.jalankan_kueri(db, q["banding"])
        assert [(r["nomor"], r["putusan"]) for r in banding] == [
            ("004/KP/BBSPJIKFK/X/2026", "ditolak"), ("007/KP/BBSPJIKFK/X/2026", "diterima")]
        # Each decision measured from its appeal against banding.putusan (step 8's duration).
        assert [(r["mutu_baku_putusan"], r["putusan_patuh"]) for r in banding] == [("10 hari", 1), ("10 hari", 1)]
        assert all(r["menit_kerja_putusan"] > 0 for r in banding)
    finally:
        db.close()


def test_view_auditor_pada_arsip_demo(tmp_path_factory: pytest.TempPathFactory) -> None:
    """v_keluhan_durasi puts each complaint's steps side by side; v_riwayat shows corrections and reasons without JSON."""
    db = sqlite3.connect(arsip_demo(tmp_path_factory))
    try:
        assert db.execute(
            "SELECT putaran_tindak, patuh_langkah_4, langkah_terlambat > 0 FROM v_keluhan_durasi WHERE nomor = ?",
            ("002/KP/BBSPJIKFK/X/2026",)).fetchone() == (2, 1, 0)
        assert db.execute("SELECT patuh_langkah_4 FROM v_keluhan_durasi WHERE nomor = ?",
                          ("004/KP/BBSPJIKFK/X/2026",)).fetchone() == (0,)
        assert db.execute("SELECT COUNT(*) FROM v_keluhan_durasi").fetchone() == db.execute(
            "SELECT COUNT(*) FROM keluhan").fetchone()
        assert db.execute(
            "SELECT kolom_dikoreksi, nilai_lama, nilai_baru FROM v_riwayat WHERE aksi = 'koreksi'"
        ).fetchall() == [("instansi", "PT Plastik Prima", "PT Plastik Prima Tbk")]
        assert db.execute("SELECT alasan FROM v_riwayat WHERE aksi = 'verifikasi_kembalikan'").fetchall() == [
            ("Nomor seri di lampiran masih salah",)]
        assert db.execute("SELECT COUNT(*) FROM v_riwayat").fetchone() == db.execute(
            "SELECT COUNT(*) FROM riwayat").fetchone()
    finally:
        db.close()
