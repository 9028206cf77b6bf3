"""koreksi of a pause's times (issue 15): ``koreksi --kolom waktu --peristiwa URUTAN`` moves the time of a ``tunda`` or
a ``lanjutkan`` event as it moves a step's (a correction event with old/new/reason, riwayat keeps the original, the
order of steps and pauses kept, durations, paused time and deadline recomputed); ``periksa`` replays the pause guards
(jam_berjalan, tidak_ditunda, ditunda) on the history as corrected."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from conftest import PETUGAS_TEKNIS, baca_db, langkah_cli, lihat_json, potret, satu_baris_galat, ubah_db
from keluhan.workflow import Aksi, Status

# Thu 13 Aug 2026 (test_tunda.py's scenario): validated 08:20, step 4 due Wed 19 Aug 08:20 (Mon 17 Aug a holiday).
KAMIS = datetime(2026, 8, 13, 8, 0)
TINDAK = ["--koreksi", "Contoh diuji ulang", "--pencegahan", "Penerimaan contoh diperiksa ganda"]
ALASAN = ["--alasan", "Menunggu contoh uji ulang dari pelanggan"]


def _urutan(jalankan, nomor: str, aksi: str) -> int:
    return next(r["urutan"] for r in lihat_json(jalankan, nomor)["riwayat"] if r["aksi"] == aksi)


def _koreksi(jalankan, nomor: str, urutan: int, nilai: str):
    return jalankan("koreksi", nomor, "--kolom", "waktu", "--peristiwa", str(urutan), "--nilai", nilai,
                    "--alasan", "Salah ketik jam")


def _durasi4(arsip) -> dict:
    (d,) = baca_db(arsip, "SELECT menit_kerja, menit_tunda, batas, patuh, patuh_tanpa_tunda FROM durasi_langkah"
                          " WHERE langkah = 4")
    return d


def _sehat(jalankan, arsip: Path | None = None) -> None:
    r = jalankan("periksa")
    assert r.exit_code == 0 and r.stdout.startswith("Arsip sehat"), r.stdout + r.stderr
    if arsip is not None:  # the auditors' own standard-library script agrees
        skrip = Path(__file__).resolve().parents[1] / "docs" / "periksa_arsip.py"
        s = subprocess.run([sys.executable, "-I", str(skrip), str(arsip)], capture_output=True, text=True, timeout=120)
        assert s.returncode == 0, s.stdout + s.stderr


def test_waktu_tunda_dan_lanjutkan_dikoreksi(sampai, jalankan, arsip) -> None:
    """A pause typed Fri 14 Aug 12:00-Tue 18 Aug 09:00 (420 - 90 = 330 paused minutes; step 4 done Thu 20 08:40 late) is
    corrected to 10:00-10:00: the correction events name the event and its old and new times, riwayat keeps the
    originals, and the step's paused time (540), its moved deadline (Thu 20 Aug 08:50) and its verdict (met only
    because of the pause) are recomputed; v_tunda shows the corrected span; periksa is sound."""
    nomor = sampai(Status.DIVALIDASI, mulai=KAMIS)
    assert jalankan("tunda", nomor, *ALASAN, "--waktu", "2026-08-14 12:00").exit_code == 0
    assert jalankan("lanjutkan", nomor, "--waktu", "2026-08-18 09:00").exit_code == 0
    assert jalankan("tindak", nomor, *TINDAK, "--waktu", "2026-08-20 08:40", petugas=PETUGAS_TEKNIS).exit_code == 0
    # Fri 12:00-16:30 (270) + Tue 07:30-09:00 (90) = 360 paused; deadline Wed 08:20 + 360 = Wed 14:20: late.
    d = _durasi4(arsip)
    assert (d["menit_tunda"], d["batas"], d["patuh"]) == (360.0, "2026-08-19T14:20:00+07:00", 0)
    ut, ul = _urutan(jalankan, nomor, "tunda"), _urutan(jalankan, nomor, "lanjutkan")
    r = _koreksi(jalankan, nomor, ut, "2026-08-14 10:00")
    assert r.exit_code == 0, r.stderr
    r = _koreksi(jalankan, nomor, ul, "2026-08-18 10:00")
    assert r.exit_code == 0, r.stderr
    assert _durasi4(arsip) == {"menit_kerja": 1550.0, "menit_tunda": 540.0, "batas": "2026-08-20T08:50:00+07:00",
                               "patuh": 1, "patuh_tanpa_tunda": 0}
    k = lihat_json(jalankan, nomor)
    assert [e["rincian"] for e in k["riwayat"] if e["aksi"] == "koreksi"] == [
        {"kolom": "waktu", "peristiwa": ut, "aksi": "tunda", "lama": "2026-08-14T12:00:00+07:00",
         "baru": "2026-08-14T10:00:00+07:00", "alasan": "Salah ketik jam"},
        {"kolom": "waktu", "peristiwa": ul, "aksi": "lanjutkan", "lama": "2026-08-18T09:00:00+07:00",
         "baru": "2026-08-18T10:00:00+07:00", "alasan": "Salah ketik jam"}]
    asli = baca_db(arsip, f"SELECT waktu FROM riwayat WHERE urutan IN ({ut}, {ul}) ORDER BY urutan")
    assert [a["waktu"] for a in asli] == ["2026-08-14T12:00:00+07:00", "2026-08-18T09:00:00+07:00"]
    (v,) = baca_db(arsip, "SELECT akhir FROM v_tunda")
    assert v["akhir"] == "2026-08-18T10:00:00+07:00"
    _sehat(jalankan, arsip)


def test_waktu_tunda_berjalan_dikoreksi(sampai, jalankan, arsip) -> None:
    """A running pause's start corrected: the complaint's row says the corrected start, and the deadline of the step
    it stopped (the current one) is measured from it once the pause ends; periksa is sound at each point."""
    nomor = sampai(Status.DIVALIDASI, mulai=KAMIS)
    assert jalankan("tunda", nomor, *ALASAN, "--waktu", "2026-08-14 12:00").exit_code == 0
    ut = _urutan(jalankan, nomor, "tunda")
    assert _koreksi(jalankan, nomor, ut, "2026-08-14 10:00").exit_code == 0
    assert lihat_json(jalankan, nomor)["ditunda"] == "2026-08-14T10:00:00+07:00"
    _sehat(jalankan)
    assert jalankan("lanjutkan", nomor, "--waktu", "2026-08-18 10:00").exit_code == 0
    (t,) = baca_db(arsip, "SELECT batas, menit_tunda FROM tenggat")
    assert t == {"batas": "2026-08-20T08:50:00+07:00", "menit_tunda": 540.0}
    _sehat(jalankan)


def test_waktu_tunda_melanggar_urutan_ditolak(sampai, jalankan, arsip) -> None:
    """A pause's start before the step that started its clock or after what ended it, its end before its start or
    after the next step, and a step moved across a pause are refused, one line each; nothing changes."""
    nomor = sampai(Status.DIVALIDASI, mulai=KAMIS)  # validated Thu 13 Aug 08:20
    assert jalankan("tunda", nomor, *ALASAN, "--waktu", "2026-08-14 10:00").exit_code == 0
    assert jalankan("lanjutkan", nomor, "--waktu", "2026-08-18 10:00").exit_code == 0
    assert jalankan("tunda", nomor, *ALASAN, "--waktu", "2026-08-18 11:00").exit_code == 0
    assert jalankan("tindak", nomor, *TINDAK, "--waktu", "2026-08-18 12:00", petugas=PETUGAS_TEKNIS).exit_code == 0
    riwayat = lihat_json(jalankan, nomor)["riwayat"]
    ut, ul, ut2 = (r["urutan"] for r in riwayat if r["aksi"] in ("tunda", "lanjutkan"))
    uv = next(r["urutan"] for r in riwayat if r["aksi"] == "validasi_benar")
    ui = next(r["urutan"] for r in riwayat if r["aksi"] == "tindak")
    sebelum = potret(arsip)
    for u, nilai, pesan in (
        (ut, "2026-08-13 08:00", f"Galat: Waktu peristiwa #{ut} (tunda) (13 Agustus 2026 08.00 WIB) lebih awal dari "
                                 "langkah sebelumnya (13 Agustus 2026 08.20 WIB); urutan langkah tidak boleh berubah."),
        (ut, "2026-08-18 10:30", f"Galat: Waktu peristiwa #{ut} (tunda) (18 Agustus 2026 10.30 WIB) sesudah peristiwa "
                                 f"berikutnya (lanjutkan) (18 Agustus 2026 10.00 WIB, peristiwa #{ul}); urutan langkah "
                                 "tidak boleh berubah."),
        (ul, "2026-08-14 09:00", f"Galat: Waktu peristiwa #{ul} (lanjutkan) (14 Agustus 2026 09.00 WIB) lebih awal dari "
                                 "peristiwa sebelumnya (tunda) (14 Agustus 2026 10.00 WIB); urutan langkah tidak boleh "
                                 "berubah."),
        (ul, "2026-08-18 11:30", None),  # after the second pause began
        (ut2, "2026-08-18 12:30", None),  # after the step that ended it
        (uv, "2026-08-14 11:00", None),  # the validation moved into its successor's pause
        (ui, "2026-08-18 10:30", None),  # the step moved before the pause it ended
    ):
        baris = satu_baris_galat(_koreksi(jalankan, nomor, u, nilai), 2)
        if pesan is None:
            assert "urutan langkah tidak boleh berubah" in baris, baris
        else:
            assert baris == pesan
    assert potret(arsip) == sebelum


def test_koreksi_waktu_peristiwa_lain_tetap_ditolak(sampai, jalankan, arsip) -> None:
    """Only steps, tunda and lanjutkan have a time a correction may move: a progress notice's is refused, naming what
    may be corrected; nothing changes."""
    nomor = sampai(Status.DIVALIDASI)
    args, petugas = langkah_cli(Aksi.KABARI, nomor)
    assert jalankan(*args, "--waktu", "2026-11-02 09:00", petugas=petugas).exit_code == 0
    u = _urutan(jalankan, nomor, "kabari")
    sebelum = potret(arsip)
    assert satu_baris_galat(_koreksi(jalankan, nomor, u, "2026-11-02 09:30"), 2) == (
        f"Galat: Peristiwa #{u} adalah kabari, bukan langkah; hanya waktu langkah, tunda dan lanjutkan yang dapat "
        "dikoreksi.")
    assert potret(arsip) == sebelum


def test_periksa_memutar_ulang_jam_berjalan(sampai, jalankan, arsip) -> None:
    """A pause written behind the command's back on a finished complaint with nothing due (a satisfaction answer turned
    into a tunda, its hash recomputed so the chain itself is sound) is named by periksa's replay of jam_berjalan."""
    from keluhan.arsip import _rincian_json, hash_peristiwa

    nomor = sampai(Status.TIDAK_VALID)
    args, petugas = langkah_cli(Aksi.INFORMASIKAN, nomor)
    assert jalankan(*args, "--waktu", "2026-11-03 09:00", petugas=petugas).exit_code == 0
    assert jalankan("kepuasan", nomor, "--nilai", "4", "--waktu", "2026-11-03 10:00").exit_code == 0
    _sehat(jalankan)
    db = sqlite3.connect(arsip)
    db.row_factory = sqlite3.Row
    akhir = dict(db.execute("SELECT * FROM riwayat ORDER BY urutan DESC LIMIT 1").fetchone())
    db.close()
    p = {**akhir, "aksi": "tunda", "rincian": {"alasan": "Menunggu data"}}
    p["rincian_json"] = _rincian_json(p["rincian"])
    skema = baca_db(arsip, "SELECT sql FROM sqlite_master WHERE name = 'riwayat_tolak_ubah'")[0]["sql"]
    ubah_db(arsip, "DROP TRIGGER riwayat_tolak_ubah",
            f"UPDATE riwayat SET aksi = 'tunda', rincian = '{p['rincian_json']}', "
            f"hash = '{hash_peristiwa(p, akhir['hash_sebelum'])}' WHERE urutan = {akhir['urutan']}",
            f"UPDATE keluhan SET ditunda = '{akhir['waktu']}', alasan_tunda = 'Menunggu data', "
            f"petugas_tunda = '{akhir['petugas']}'", skema)
    r = jalankan("periksa")
    assert r.exit_code == 1, r.stdout
    assert (f"Peristiwa #{akhir['urutan']} (keluhan {nomor}): tunda pada status 'selesai' yang tidak menunggu langkah "
            "atau tinjauan efektivitas (aturan jam_berjalan") in r.stdout, r.stdout
