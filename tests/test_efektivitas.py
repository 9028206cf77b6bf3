"""`keluhan efektivitas`: the CAPA's effectiveness review (ISO/IEC 17025 8.7.1 e), due after verification, impartial."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from keluhan.workflow import Status
from conftest import (MULAI, PETUGAS_TEKNIS, PETUGAS_VERIFIKASI, REPO, Jalankan, baca_db, catat_cli, potret,
                      satu_baris_galat, teks_waktu, ubah_db, waktu_langkah)

PENINJAU = "Sari Dewi"  # neither recorded the CAPA nor is its penanggung jawab
SESUDAH = "2026-11-05 09:00"  # two days after `sampai`'s verification (Tue 3 Nov 11:00)


def _efektivitas(jalankan: Jalankan, nomor: str, *opsi: str, waktu: str = SESUDAH, petugas: str = PENINJAU) -> Any:
    return jalankan("efektivitas", nomor, *opsi, "--waktu", waktu, petugas=petugas)


def _setelah(jalankan: Jalankan, hari: str) -> None:
    """efektivitas.setelah set from before every test's events (1 Nov 2026)."""
    r = jalankan("pengaturan", "ubah", "efektivitas.setelah", hari, "--alasan", "uji", "--berlaku-sejak", "2026-11-01")
    assert r.exit_code == 0, r.stderr


def test_tinjauan_efektif_dini(sampai: Callable[..., str], jalankan: Jalankan,
                               lihat: Callable[[str], dict[str, Any]]) -> None:
    """A review before it falls due is recorded and marked early; the round closes; the status does not move."""
    _setelah(jalankan, "5")
    nomor = sampai(Status.SELESAI)
    k0 = lihat(nomor)
    # Due 5 working days after Tue 3 Nov; today (the machine's clock) is long past it.
    assert k0["tinjauan_efektivitas"] == [{"putaran": 1, "sejak": k0["tindakan"][0]["diverifikasi_pada"],
                                          "jatuh_tempo": "2026-11-10", "terlambat": True}]
    r = _efektivitas(jalankan, nomor, "--efektif", "--catatan", "Tidak ada keluhan serupa")
    assert (r.exit_code, r.stderr) == (0, "")
    assert "efektif" in r.stdout and "(lebih awal dari jatuh tempo 10 November 2026)" in r.stdout
    k = lihat(nomor)
    assert (k["status"], k["waktu_status"]) == (k0["status"], k0["waktu_status"])
    t = k["tindakan"][0]
    assert (t["efektivitas"], t["efektivitas_oleh"], t["efektivitas_pada"], t["efektivitas_catatan"],
            t["efektivitas_tindak_lanjut"]) == ("efektif", PENINJAU, "2026-11-05T09:00:00+07:00",
                                                "Tidak ada keluhan serupa", None)
    assert k["tinjauan_efektivitas"] == []
    akhir = k["riwayat"][-1]
    assert {c: akhir[c] for c in ("langkah", "aksi", "status_dari", "status_ke")} == {
        "langkah": None, "aksi": "efektivitas", "status_dari": None, "status_ke": None}
    assert akhir["rincian"] == {"hasil": "efektif", "putaran": 1, "catatan": "Tidak ada keluhan serupa"}
    assert akhir["efektivitas"] == {"jatuh_tempo": "2026-11-10", "dini": True}
    assert jalankan("periksa").exit_code == 0


def test_tidak_efektif_lalu_efektif(sampai: Callable[..., str], jalankan: Jalankan,
                                    lihat: Callable[[str], dict[str, Any]], arsip: Path) -> None:
    """Not effective: the follow-up is kept on the same round and a new review falls due from it; then effective."""
    _setelah(jalankan, "5")
    nomor = sampai(Status.SELESAI, mulai=MULAI)
    assert lihat(nomor)["tinjauan_efektivitas"][0]["jatuh_tempo"] == "2026-11-10"  # 5 working days after Tue 3 Nov
    r = _efektivitas(jalankan, nomor, "--tidak-efektif", "--tindak-lanjut", "Pelatihan ulang petugas loket",
                     waktu="2026-11-10 10:00")
    assert r.exit_code == 0, r.stderr
    k = lihat(nomor)
    assert (k["status"], len(k["tindakan"])) == ("selesai", 1)
    t = k["tindakan"][0]
    assert (t["efektivitas"], t["efektivitas_tindak_lanjut"]) == ("tidak_efektif", "Pelatihan ulang petugas loket")
    assert k["tinjauan_efektivitas"] == [{"putaran": 1, "sejak": "2026-11-10T10:00:00+07:00",
                                         "jatuh_tempo": "2026-11-17", "terlambat": True}]
    assert _efektivitas(jalankan, nomor, "--efektif", waktu="2026-11-17 09:00").exit_code == 0
    k = lihat(nomor)
    assert k["tindakan"][0]["efektivitas"] == "efektif" and k["tinjauan_efektivitas"] == []
    hasil = [(p["rincian"]["hasil"], p["efektivitas"]["dini"]) for p in k["riwayat"] if p["aksi"] == "efektivitas"]
    assert hasil == [("tidak_efektif", False), ("efektif", False)]
    awal = potret(arsip)
    baris = satu_baris_galat(_efektivitas(jalankan, nomor, "--efektif", waktu="2026-11-18 09:00"), 1)
    assert "tidak ada tinjauan efektivitas yang tertunda" in baris, baris
    assert potret(arsip) == awal
    assert jalankan("periksa").exit_code == 0


@pytest.mark.parametrize("status", [Status.DICATAT, Status.DIVALIDASI, Status.TIDAK_VALID, Status.DITINDAKLANJUTI],
                         ids=str)
def test_sebelum_verifikasi_diterima_ditolak(status: Status, sampai: Callable[..., str], jalankan: Jalankan,
                                             arsip: Path) -> None:
    """Nothing to review before a CAPA was accepted at step 5: refused, naming verifikasi; archive unchanged."""
    nomor = sampai(status)
    awal = potret(arsip)
    baris = satu_baris_galat(_efektivitas(jalankan, nomor, "--efektif", waktu="2026-11-09 09:00"), 1)
    assert "verifikasi" in baris and "tinjauan efektivitas" in baris, baris
    assert potret(arsip) == awal


def test_dikembalikan_tidak_ditinjau(sampai: Callable[..., str], jalankan: Jalankan,
                                     lihat: Callable[[str], dict[str, Any]]) -> None:
    """A round returned at step 5 owes no review; only the accepted round does."""
    nomor = sampai(Status.DITINDAKLANJUTI)
    assert jalankan("verifikasi", nomor, "--kembalikan", "--alasan", "Belum", "--waktu", "2026-11-03 12:00",
                    petugas=PETUGAS_VERIFIKASI).exit_code == 0
    assert lihat(nomor)["tinjauan_efektivitas"] == []
    assert jalankan("tindak", nomor, "--koreksi", "Ulang", "--pencegahan", "Cek", "--waktu", "2026-11-04 09:00",
                    petugas=PETUGAS_TEKNIS).exit_code == 0
    assert jalankan("verifikasi", nomor, "--terima", "--waktu", "2026-11-04 10:00",
                    petugas=PETUGAS_VERIFIKASI).exit_code == 0
    assert [x["putaran"] for x in lihat(nomor)["tinjauan_efektivitas"]] == [2]


@pytest.mark.parametrize("peninjau", [PETUGAS_TEKNIS, "  andi   SAPUTRA ", "Kepala Lab Pengujian", "kepala lab pengujian"])
def test_peninjau_tidak_terlibat(peninjau: str, jalankan: Jalankan, arsip: Path) -> None:
    """Who recorded the CAPA or is its penanggung jawab cannot review it (names compared normalised); archive unchanged."""
    nomor = catat_cli(jalankan, diajukan=teks_waktu(MULAI), waktu=teks_waktu(waktu_langkah(0)))
    langkah = [
        (["validasi", nomor, "--benar", "--teruskan-ke", "Laboratorium Pengujian"], None),
        (["tindak", nomor, "--koreksi", "LHU dikirim ulang", "--pencegahan", "Cek", "--penanggung-jawab",
          "Kepala Lab Pengujian"], PETUGAS_TEKNIS),
        (["verifikasi", nomor, "--terima"], PETUGAS_VERIFIKASI),
    ]
    for i, (args, petugas) in enumerate(langkah, start=1):
        assert jalankan(*args, "--waktu", teks_waktu(waktu_langkah(i)), petugas=petugas).exit_code == 0
    awal = potret(arsip)
    baris = satu_baris_galat(_efektivitas(jalankan, nomor, "--efektif", petugas=peninjau), 1)
    assert "8.7" in baris and "petugas lain" in baris, baris
    assert potret(arsip) == awal
    assert _efektivitas(jalankan, nomor, "--efektif", petugas=PETUGAS_VERIFIKASI).exit_code == 0


@pytest.mark.parametrize(("opsi", "kata"), [
    (["--tidak-efektif"], "--tindak-lanjut"),
    (["--efektif", "--tidak-efektif", "--tindak-lanjut", "x"], "--efektif"),
    ([], "--efektif"),
    (["--efektif", "--tindak-lanjut", "x"], "--tindak-lanjut"),
])
def test_pilihan_salah_ditolak(opsi: list[str], kata: str, sampai: Callable[..., str], jalankan: Jalankan,
                               arsip: Path) -> None:
    """Exactly one outcome; not effective needs its follow-up action; one line, archive unchanged."""
    nomor = sampai(Status.SELESAI)
    awal = potret(arsip)
    baris = satu_baris_galat(_efektivitas(jalankan, nomor, *opsi), 2)
    assert kata in baris, baris
    assert potret(arsip) == awal


def test_putaran_tanpa_tinjauan_tertunda_ditolak(sampai: Callable[..., str], jalankan: Jalankan, arsip: Path) -> None:
    """--putaran naming a round that owes no review (returned, or unknown) is refused, naming the pending one."""
    nomor = sampai(Status.DITINDAKLANJUTI)
    assert jalankan("verifikasi", nomor, "--kembalikan", "--alasan", "Belum", "--waktu", "2026-11-03 12:00",
                    petugas=PETUGAS_VERIFIKASI).exit_code == 0
    assert jalankan("tindak", nomor, "--koreksi", "Ulang", "--pencegahan", "Cek", "--waktu", "2026-11-04 09:00",
                    petugas=PETUGAS_TEKNIS).exit_code == 0
    assert jalankan("verifikasi", nomor, "--terima", "--waktu", "2026-11-04 10:00",
                    petugas=PETUGAS_VERIFIKASI).exit_code == 0
    awal = potret(arsip)
    for n in ("1", "3"):
        baris = satu_baris_galat(_efektivitas(jalankan, nomor, "--efektif", "--putaran", n), 1)
        assert f"untuk putaran {n}; yang tertunda: putaran 2" in baris, baris
    assert potret(arsip) == awal
    assert _efektivitas(jalankan, nomor, "--efektif", "--putaran", "2").exit_code == 0


def test_terlambat_mendaftar_tinjauan_lewat(sampai: Callable[..., str], jalankan: Jalankan) -> None:
    """An overdue review is listed by terlambat (JSON and table) and makes --gagal-jika-ada exit 1."""
    _setelah(jalankan, "2")
    nomor = sampai(Status.SELESAI)
    r = jalankan("terlambat", "--json")
    assert r.exit_code == 0, r.stderr
    baris = [b for b in json.loads(r.stdout) if b.get("jenis") == "efektivitas"]
    assert [(b["nomor"], b["putaran"], b["jatuh_tempo"], b["terlambat"]) for b in baris] == [
        (nomor, 1, "2026-11-05", True)]
    tabel = jalankan("terlambat")
    assert "efektivitas" in tabel.stdout and nomor in tabel.stdout
    assert jalankan("terlambat", "--gagal-jika-ada").exit_code == 1
    assert _efektivitas(jalankan, nomor, "--efektif", waktu="2026-11-09 09:00").exit_code == 0
    assert not [b for b in json.loads(jalankan("terlambat", "--json").stdout) if b.get("jenis") == "efektivitas"]


def test_ftkp_mencetak_tinjauan(sampai: Callable[..., str], jalankan: Jalankan) -> None:
    """The FTKP prints each review of the round (result, follow-up, who, when, early) and a pending one's due day."""
    _setelah(jalankan, "5")
    nomor = sampai(Status.SELESAI)
    r = jalankan("formulir", nomor, "--jenis", "ftkp")
    assert r.exit_code == 0 and "Tinjauan efektivitas" in r.stdout and "10 November 2026" in r.stdout, r.stdout
    assert _efektivitas(jalankan, nomor, "--tidak-efektif", "--tindak-lanjut", "Kalibrasi ulang alat",
                        waktu="2026-11-06 09:00").exit_code == 0
    r = jalankan("formulir", nomor, "--jenis", "ftkp")
    assert "Tidak efektif" in r.stdout and "Kalibrasi ulang alat" in r.stdout and PENINJAU in r.stdout
    assert "ditinjau lebih awal" in r.stdout
    h = jalankan("formulir", nomor, "--jenis", "ftkp", "--format", "html")
    assert h.exit_code == 0 and "Kalibrasi ulang alat" in h.stdout


def test_periksa_menangkap_tinjauan_diubah(sampai: Callable[..., str], jalankan: Jalankan, arsip: Path) -> None:
    """A review's result edited in tindakan behind the history's back is found by periksa."""
    nomor = sampai(Status.SELESAI)
    assert _efektivitas(jalankan, nomor, "--tidak-efektif", "--tindak-lanjut", "x").exit_code == 0
    ubah_db(arsip, "UPDATE tindakan SET efektivitas = 'efektif'")
    r = jalankan("periksa")
    assert r.exit_code != 0 and "efektivitas" in r.stdout + r.stderr


def test_periksa_menangkap_tinjauan_oleh_pencatat_tindakan(sampai: Callable[..., str], jalankan: Jalankan,
                                                           arsip: Path) -> None:
    """A review written behind the command's back by the CAPA's own recorder (hash chain recomputed, so the chain
    itself is sound) is named by periksa's replay of the table's guards."""
    import sqlite3

    from keluhan.arsip import hash_peristiwa, _rincian_json

    nomor = sampai(Status.SELESAI)
    assert _efektivitas(jalankan, nomor, "--efektif", petugas=PENINJAU).exit_code == 0
    db = sqlite3.connect(arsip)
    db.row_factory = sqlite3.Row
    akhir = dict(db.execute("SELECT * FROM riwayat ORDER BY urutan DESC LIMIT 1").fetchone())
    db.close()
    p = {**akhir, "petugas": PETUGAS_TEKNIS, "rincian": json.loads(akhir["rincian"])}
    p["rincian_json"] = _rincian_json(p["rincian"])
    baru = hash_peristiwa(p, akhir["hash_sebelum"])
    skema = baca_db(arsip, "SELECT sql FROM sqlite_master WHERE name = 'riwayat_tolak_ubah'")[0]["sql"]
    ubah_db(arsip, "DROP TRIGGER riwayat_tolak_ubah",
            f"UPDATE riwayat SET petugas = '{PETUGAS_TEKNIS}', hash = '{baru}' WHERE urutan = {akhir['urutan']}",
            f"UPDATE tindakan SET efektivitas_oleh = '{PETUGAS_TEKNIS}'", skema)
    r = jalankan("periksa")
    assert r.exit_code == 1 and "tinjauan efektivitas oleh pencatat atau penanggung jawab" in r.stdout, r.stdout


def test_jatuh_tempo_melewati_libur_sama_di_sql(sampai: Callable[..., str], jalankan: Jalankan,
                                                lihat: Callable[[str], dict[str, Any]], arsip: Path) -> None:
    """A holiday moves the due day one working day on, in lihat and in the auditors' view v_efektivitas alike."""
    _setelah(jalankan, "5")
    assert jalankan("libur", "tambah", "2026-11-05", "Libur daerah", "--alasan", "SK Bupati").exit_code == 0
    nomor = sampai(Status.SELESAI)  # verified Tue 3 Nov: 4, 6, 9, 10, 11 Nov are the five working days after it
    assert lihat(nomor)["tinjauan_efektivitas"][0]["jatuh_tempo"] == "2026-11-11"
    assert baca_db(arsip, "SELECT nomor, putaran, keadaan, setelah, jatuh_tempo, terlambat FROM v_efektivitas") == [
        {"nomor": nomor, "putaran": 1, "keadaan": "belum", "setelah": 5, "jatuh_tempo": "2026-11-11", "terlambat": 1}]
    assert _efektivitas(jalankan, nomor, "--efektif", waktu="2026-11-12 09:00").exit_code == 0
    assert baca_db(arsip, "SELECT keadaan, jatuh_tempo, terlambat FROM v_efektivitas") == [
        {"keadaan": "efektif", "jatuh_tempo": None, "terlambat": 0}]
