"""A new clerk's working morning (issue 12), every command a real process: a letter from
yesterday recorded with the interactive `catat` on a pseudo-terminal, carried through every
step with `lihat 1`-style references, a duplicate warned of, the complaint found by the
customer's name (`cari`). Voiding the duplicate (`batal`) and correcting a mistyped time
(`koreksi --kolom waktu`) join this test when those commands are on main."""

from __future__ import annotations

import json
import subprocess
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from _terminal import Terminal
from conftest import PERINTAH_CLI, PETUGAS, PETUGAS_TEKNIS, PETUGAS_VERIFIKASI, env_subproses

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
    """Record yesterday's letter interactively, run all steps by short reference, a duplicate warned of, find by name."""
    kini = datetime.now(WIB).replace(second=0, microsecond=0)
    diterima = kini - timedelta(minutes=30)   # when the letter was taken in this morning
    kemarin = (kini - timedelta(days=1)).date()

    # 1. Yesterday's letter, recorded on the terminal (the date of the letter only: its hour is unknown).
    t = Terminal("catat", KELUHAN_PETUGAS=PETUGAS)
    jawaban = ["Hendra Gunawan", "PT Sinar Kimia Abadi", "Jl. Industri 7, Bekasi", "021-555-0101",
               "hendra@sinarkimia.co.id", "kemarin", "2", "1", "LHU-0412/BBSPJIKFK/XI/2026", "waktu layanan",
               "Laporan hasil uji kadar air belum diterima.", "LHU dikirim minggu ini",
               diterima.strftime("%d/%m/%Y %H.%M")]
    for jawab in jawaban:
        t.tunggu(": ")
        t.ketik(jawab)
    t.tunggu("[y/T]")
    t.ketik("y")
    assert t.akhir() == 0, t.keluaran
    assert "Nomor: 001/KP/BBSPJIKFK/" in t.keluaran

    # 2. The same letter typed in again by a colleague's script: warned, recorded as 002.
    p = _keluhan("catat", "--nama", "Hendra Gunawan", "--media", "surat", "--email", "hendra@sinarkimia.co.id",
                 "--uraian", "Laporan hasil uji kadar air belum diterima.", "--diajukan", "kemarin")
    assert p.returncode == 0, p.stderr
    assert "001/KP/BBSPJIKFK/" in p.stderr  # the duplicate warning names the first number
    # 4. Every step by its short reference.
    _ok("validasi", "1", "--benar", "--teruskan-ke", "Laboratorium Pengujian")
    _ok("tindak", "1", "--koreksi", "LHU dikirim ulang", "--pencegahan", "Pengingat tenggat LHU",
        "--target", "besok", petugas=PETUGAS_TEKNIS)
    _ok("verifikasi", "1", "--terima", petugas=PETUGAS_VERIFIKASI)
    _ok("informasikan", "1", "--media", "email")

    # 5. Found by the customer's name.
    ditemukan = _ok("cari", "hendra gunawan", "--json")
    nomor = sorted(k["nomor"] for k in json.loads(ditemukan))
    assert [n[:17] for n in nomor] == ["001/KP/BBSPJIKFK/", "002/KP/BBSPJIKFK/"], nomor

    # What the archive now says.
    satu = json.loads(_ok("lihat", "1", "--json"))
    assert satu["status"] == "selesai"
    assert satu["diajukan"] == kemarin.isoformat()  # a date, never a made-up midnight
    assert satu["dicatat"] == diterima.isoformat()
    assert [e["aksi"] for e in satu["riwayat"]] == [
        "catat", "validasi_benar", "tindak", "verifikasi_terima", "informasikan"]
    assert json.loads(_ok("lihat", "2", "--json"))["status"] == "dicatat"
    teks = _ok("lihat", "1")
    assert f"{diterima.day} " in teks and " WIB" in teks  # read as a person reads it
    periksa = _keluhan("periksa")
    assert periksa.returncode == 0, periksa.stdout + periksa.stderr
