"""The settings ledger (pengaturan_riwayat): seeded once, changed by `keluhan pengaturan ubah`
as dated, chained entries, and read by every figure at the right moment."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from keluhan import buku, rantai

from conftest import baca_db, init_ulang, potret, satu_baris_galat


def _daftar(jalankan: Any) -> dict[str, Any]:
    r = jalankan("pengaturan", "daftar", "--json", "--semua")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)  # type: ignore[no-any-return]


def _durasi(arsip: Path) -> list[dict[str, Any]]:
    return baca_db(arsip, "SELECT langkah, mulai, akhir, menit_kerja, mutu_baku, batas, patuh FROM durasi_langkah"
                          " ORDER BY riwayat_urutan")


def test_arsip_baru_mengisi_setiap_kunci_dari_pengaturan(catat: Any, jalankan: Any, arsip: Path) -> None:
    """A new archive holds every ledger key, seeded from keluhan.toml (or the defaults), in force from the start, chained."""
    (arsip.parent / "keluhan.toml").write_text('[mutu_baku]\nlangkah_4 = "2 hari"\n[banding]\nbatas = "10 hari kalender"\n',
                                               encoding="utf-8")
    init_ulang(arsip)  # keluhan.toml seeds the archive init creates
    catat()
    d = _daftar(jalankan)
    assert set(d["berlaku"]) == set(buku.JENIS)
    assert d["berlaku"]["mutu_baku.langkah_4"]["nilai"] == "2 hari"
    assert d["berlaku"]["banding.batas"]["nilai"] == "10 hari kalender"
    assert d["berlaku"]["jam_kerja.jumat"]["nilai"] == "07:30-16:30"
    assert d["berlaku"]["efektivitas.setelah"]["nilai"] == 20
    assert d["berlaku"]["akar_masalah.kode"]["nilai"] == [
        "manusia", "metode", "peralatan", "bahan", "pengukuran", "lingkungan", "lainnya"]
    assert all(e["berlaku_sejak"] is None and e["petugas"] is None for e in d["riwayat"])
    db = sqlite3.connect(arsip)
    sebelum = rantai.HASH_AWAL
    for urutan, *isi, hs, h in db.execute(rantai.sql_entri(rantai.PENGATURAN)):
        assert hs == sebelum and rantai.hash_entri(hs, isi) == h
        sebelum = h
    db.close()


def test_ubah_tercatat_dengan_siapa_kapan_mengapa_lama_baru(catat: Any, jalankan: Any, arsip: Path) -> None:
    """A change is one chained entry with who, when, why, the old and the new value; the printed line says them."""
    catat()
    r = jalankan("pengaturan", "ubah", "banding.batas", "20 HARI kalender", "--alasan", "SK Kepala Balai 12/2026",
                 "--berlaku-sejak", "2026-11-05", petugas="Dewi Lestari")
    assert r.exit_code == 0, r.stderr
    assert "banding.batas = 20 hari kalender (sebelumnya 15 hari), berlaku sejak 5 November 2026 00.00 WIB" in r.stdout
    e = _daftar(jalankan)["riwayat"][-1]
    assert (e["kunci"], e["nilai"], e["nilai_lama"], e["berlaku_sejak"], e["petugas"], e["alasan"]) == (
        "banding.batas", "20 hari kalender", "15 hari", "2026-11-05T00:00:00+07:00", "Dewi Lestari",
        "SK Kepala Balai 12/2026")
    assert e["dicatat_pada"]


def test_ubah_yang_ditolak_menyebut_nilainya_dan_tidak_mengubah_arsip(catat: Any, jalankan: Any, arsip: Path) -> None:
    """An unknown key, a refused value, no reason, or the value already in force: one line, exit 2, nothing written."""
    catat()
    sebelum = potret(arsip)
    kasus = [
        (["mutu_baku.langkah_9", "1 jam", "--alasan", "x"], "Pengaturan 'mutu_baku.langkah_9' tidak dikenal"),
        (["mutu_baku.langkah_4", "tiga hari", "--alasan", "x"], "Nilai 'tiga hari' untuk mutu_baku.langkah_4 tidak sah"),
        (["jam_kerja.senin", "16:00-08:00", "--alasan", "x"], "Nilai '16:00-08:00' untuk jam_kerja.senin tidak sah"),
        (["banding.batas", "15 minggu", "--alasan", "x"], "Nilai '15 minggu' untuk banding.batas tidak sah"),
        (["efektivitas.setelah", "0", "--alasan", "x"], "Nilai '0' untuk efektivitas.setelah tidak sah"),
        (["akar_masalah.kode", " , ", "--alasan", "x"], "untuk akar_masalah.kode tidak sah"),
        (["mutu_baku.langkah_4", "2 hari"], "memerlukan --alasan"),
        (["mutu_baku.langkah_4", "3 hari", "--alasan", "x"], "sudah bernilai 3 hari"),
        (["mutu_baku.langkah_4", "2 hari", "--alasan", "x", "--berlaku-sejak", "1/1/1990"], "--berlaku-sejak"),
    ]
    for args, pesan in kasus:
        baris = satu_baris_galat(jalankan("pengaturan", "ubah", *args), 2)
        assert pesan in baris, baris
    assert potret(arsip) == sebelum


def test_minggu_tanpa_hari_kerja_ditolak(catat: Any, jalankan: Any, arsip: Path) -> None:
    """Office hours that leave a week with no working day are refused, and the ledger keeps its entries."""
    catat()
    for hari in ("senin", "selasa", "rabu", "kamis"):
        assert jalankan("pengaturan", "ubah", f"jam_kerja.{hari}", "", "--alasan", "x").exit_code == 0
    n = len(_daftar(jalankan)["riwayat"])
    r = jalankan("pengaturan", "ubah", "jam_kerja.jumat", "-", "--alasan", "x")
    assert "tidak memuat satu pun hari kerja" in satu_baris_galat(r, 2)
    assert len(_daftar(jalankan)["riwayat"]) == n


def test_jam_kerja_ramadan_berlaku_sejak_tanggalnya(catat: Any, jalankan: Any, arsip: Path) -> None:
    """Ramadan hours from a date: a step on a day before it is measured with the old hours, one on or after with the new."""
    # Monday 2 Nov: submitted 07:00, recorded 09:00 (90 working minutes on 07:30-16:00).
    catat(diajukan="2026-11-02 07:00", waktu="2026-11-02 09:00")
    # Monday 9 Nov, the same clock times.
    catat(diajukan="2026-11-09 07:00", waktu="2026-11-09 09:00")
    r = jalankan("pengaturan", "ubah", "jam_kerja.senin", "08:00-15:00", "--alasan", "Jam kerja Ramadan (SE 3/2026)",
                 "--berlaku-sejak", "2026-11-09")
    assert r.exit_code == 0, r.stderr
    assert "dihitung ulang: 1 durasi langkah" in r.stdout
    menit = [d["menit_kerja"] for d in _durasi(arsip)]
    assert menit == [90.0, 60.0]
    assert jalankan("periksa").exit_code == 0


def test_mutu_baku_mundur_menghitung_ulang_langkah_yang_mulai_sejak_itu(catat: Any, jalankan: Any, arsip: Path) -> None:
    """A mutu baku changed from a past date rejudges the steps whose clock started since, not those before; deadlines follow."""
    catat(diajukan="2026-11-02 08:00", waktu="2026-11-02 08:20")  # 20 min: late against 15 menit
    catat(diajukan="2026-11-04 08:00", waktu="2026-11-04 08:20")
    assert [d["patuh"] for d in _durasi(arsip)] == [0, 0]
    r = jalankan("pengaturan", "ubah", "mutu_baku.langkah_2", "30 menit", "--alasan", "SOP revisi 1",
                 "--berlaku-sejak", "2026-11-03")
    assert r.exit_code == 0, r.stderr
    assert "1 durasi langkah" in r.stdout and "1 penilaian kepatuhan berubah" in r.stdout
    d = _durasi(arsip)
    assert [(x["mutu_baku"], x["patuh"]) for x in d] == [("15 menit", 0), ("30 menit", 1)]
    assert d[1]["batas"] == "2026-11-04T08:30:00+07:00"
    # The awaited step 3 of both started before the change of langkah_3 below: unchanged.
    r = jalankan("pengaturan", "ubah", "mutu_baku.langkah_3", "1 jam", "--alasan", "x", "--berlaku-sejak", "2026-11-04")
    assert r.exit_code == 0 and "1 tenggat" in r.stdout
    assert [t["mutu_baku"] for t in baca_db(arsip, "SELECT mutu_baku FROM tenggat ORDER BY mulai")] == ["15 menit", "1 jam"]
    assert jalankan("periksa").exit_code == 0


def test_batas_banding_dari_buku_pengaturan(sampai: Any, jalankan: Any, arsip: Path) -> None:
    """The appeal window is the ledger's, in force when the customer was informed, not keluhan.toml's."""
    from keluhan.workflow import Status

    (arsip.parent / "keluhan.toml").write_text('[banding]\nbatas = "15 hari"\n', encoding="utf-8")
    nomor = sampai(Status.SELESAI)  # informed Tue 3 Nov 2026
    r = jalankan("pengaturan", "ubah", "banding.batas", "2 hari", "--alasan", "uji", "--berlaku-sejak", "2026-11-01")
    assert r.exit_code == 0, r.stderr
    r = jalankan("banding", nomor, "--alasan", "Tidak puas", "--waktu", "2026-11-09 09:00")
    assert r.exit_code == 1
    peringatan, tolak = r.stderr.splitlines()  # keluhan.toml's 15 hari disagrees, and is said to
    assert peringatan.startswith("Peringatan: keluhan.toml berbeda dari pengaturan arsip untuk banding.batas;")
    assert tolak.startswith("Galat: Banding ditolak: batas banding 2 hari kerja")


def test_berkas_pengaturan_yang_berbeda_diperingatkan(catat: Any, jalankan: Any, arsip: Path) -> None:
    """keluhan.toml setting a key to other than the archive's value gets one warning line; the archive's value is used."""
    catat()
    assert jalankan("pengaturan", "ubah", "mutu_baku.langkah_3", "1 jam", "--alasan", "SOP revisi").exit_code == 0
    (arsip.parent / "keluhan.toml").write_text('[mutu_baku]\nlangkah_3 = "15 menit"\nlangkah_4 = "3 hari"\n',
                                               encoding="utf-8")
    r = jalankan("terlambat", "--json")
    assert r.exit_code == 0
    assert r.stderr.splitlines() == [
        "Peringatan: keluhan.toml berbeda dari pengaturan arsip untuk mutu_baku.langkah_3; pengaturan arsip yang "
        "berlaku (lihat: keluhan pengaturan daftar; ubah: keluhan pengaturan ubah)."]
    catat(waktu=None)  # now: after the change, whose default start is the moment it was made
    assert baca_db(arsip, "SELECT mutu_baku FROM tenggat ORDER BY mulai") == [{"mutu_baku": "15 menit"},
                                                                            {"mutu_baku": "1 jam"}]
