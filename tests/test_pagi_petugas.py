"""A new clerk's working morning (issue 12), every command a real process: a letter from
yesterday recorded with the interactive `catat` on a pseudo-terminal, carried through every
step with `lihat 1`-style references, a duplicate voided (`batal`), a mistyped time
corrected (`koreksi --kolom waktu`), the complaint found by the customer's name (`cari`)."""

from __future__ import annotations

import json
import subprocess
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from _terminal import Terminal
from conftest import PERINTAH_CLI, PETUGAS, PETUGAS_TEKNIS, PETUGAS_VERIFIKASI, baca_db, env_subproses

WIB = ZoneInfo("Asia/Jakarta")


def _keluhan(*args: str, petugas: str = PETUGAS) -> subprocess.CompletedProcess[str]:
    """One command as the clerk types it, in its own process, not on a terminal."""
    return subprocess.run([*PERINTAH_CLI, *args], env=env_subproses(KELUHAN_PETUGAS=petugas),
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120)


def _ok(*args: str, petugas: str = PETUGAS) -> str:
    p = _keluhan(*args, petugas=petugas)
    assert p.returncode == 0, (args, p.stdout, p.stderr)
    return p.stdout


def test_pagi_seorang_petugas(arsip) -> None:
    """Record yesterday's letter interactively, run all steps by short reference, void a duplicate, correct a time, find by name."""
    kini = datetime.now(WIB).replace(second=0, microsecond=0)
    salah = kini - timedelta(minutes=40)   # the time the clerk typed by mistake
    benar = kini - timedelta(minutes=30)   # when the letter was really taken in
    kemarin = (kini - timedelta(days=1)).date()

    # 1. Yesterday's letter, recorded on the terminal (the date of the letter only: its hour is unknown).
    t = Terminal("catat", KELUHAN_PETUGAS=PETUGAS)
    jawaban = ["Hendra Gunawan", "PT Sinar Kimia Abadi", "Jl. Industri 7, Bekasi", "021-555-0101",
               "hendra@sinarkimia.co.id", "kemarin", "2", "1", "LHU-0412/BBSPJIKFK/XI/2026", "waktu layanan",
               "Laporan hasil uji kadar air belum diterima.", "LHU dikirim minggu ini",
               salah.strftime("%d/%m/%Y %H.%M")]
    for jawab in jawaban:
        t.tunggu(": ")
        t.ketik(jawab)
    t.tunggu("[y/T]")
    t.ketik("y")
    assert t.akhir() == 0, t.keluaran
    assert "Nomor: 001/KP/BBSPJIKFK/" in t.keluaran

    # 2. The same letter typed in again by a colleague's script: warned, recorded as 002; then voided.
    p = _keluhan("catat", "--nama", "Hendra Gunawan", "--media", "surat", "--email", "hendra@sinarkimia.co.id",
                 "--uraian", "Laporan hasil uji kadar air belum diterima.", "--diajukan", "kemarin")
    assert p.returncode == 0, p.stderr
    assert "001/KP/BBSPJIKFK/" in p.stderr  # the duplicate warning names the first number
    _ok("batal", "2", "--alasan", "Tercatat ganda dengan nomor 1")

    # 3. The mistyped time of step 2 corrected (its event number as `lihat 1` shows it).
    urutan = json.loads(_ok("lihat", "1", "--json"))["riwayat"][0]["urutan"]
    _ok("koreksi", "1", "--kolom", "waktu", "--peristiwa", str(urutan), "--nilai", benar.strftime("%d/%m/%Y %H.%M"),
        "--alasan", "Salah ketik jam terima surat")

    # 4. Every step by its short reference.
    _ok("validasi", "1", "--benar", "--teruskan-ke", "Laboratorium Pengujian")
    _ok("tindak", "1", "--koreksi", "LHU dikirim ulang", "--pencegahan", "Pengingat tenggat LHU",
        "--target", "besok", petugas=PETUGAS_TEKNIS)
    _ok("verifikasi", "1", "--terima", petugas=PETUGAS_VERIFIKASI)
    _ok("informasikan", "1", "--media", "email")

    # 5. Found by the customer's name.
    ditemukan = _ok("cari", "hendra gunawan", "--json")
    nomor = [k["nomor"] for k in json.loads(ditemukan)] if ditemukan.lstrip().startswith("[") else \
        [k["nomor"] for k in json.loads(ditemukan)["keluhan"]]
    assert nomor and nomor[0].startswith("001/KP/BBSPJIKFK/")

    # What the archive now says.
    satu = json.loads(_ok("lihat", "1", "--json"))
    assert satu["status"] == "selesai"
    assert satu["diajukan"] == kemarin.isoformat()  # a date, never a made-up midnight
    assert satu["dicatat"] == benar.isoformat()      # the corrected time is the one that counts
    asli = baca_db(arsip, "SELECT waktu FROM riwayat WHERE urutan = ?", (urutan,))[0]["waktu"]
    assert asli == salah.isoformat()                  # the history keeps what was typed
    assert [e["aksi"] for e in satu["riwayat"]] == [
        "catat", "koreksi", "validasi_benar", "tindak", "verifikasi_terima", "informasikan"]
    assert json.loads(_ok("lihat", "2", "--json"))["status"] == "batal"
    teks = _ok("lihat", "1")
    assert f"{benar.day} " in teks and " WIB" in teks  # read as a person reads it
    periksa = _keluhan("periksa")
    assert periksa.returncode == 0, periksa.stdout + periksa.stderr
