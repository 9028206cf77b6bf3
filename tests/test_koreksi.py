"""koreksi: a correction is a new event (old value, new value, why); refusals change
nothing; and no error message ever repeats a phone number, an email or an address."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from typer.testing import CliRunner

from keluhan import cli, harian, pengaturan
from keluhan import periksa as pemeriksa
from keluhan.arsip import Arsip
from keluhan.workflow import Aksi

AKAR = Path(__file__).resolve().parents[1]
T0 = datetime(2026, 11, 2, 8, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
TELEPON, EMAIL, ALAMAT = "0812-1111-2222", "ani.rahasia@contoh.id", "Jl. Kenari Rahasia 5"
RAHASIA = ("0812", "1111", "2222", "rahasia", "Rahasia", "Kenari")
runner = CliRunner()


@pytest.fixture()
def arsip_contoh(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """One complaint just recorded (with personal data), one validated, one found invalid."""
    jalur = tmp_path / "archive.db"
    a = Arsip(jalur, pengaturan.muat(None))
    isian = {"nama": "Ibu Ani", "media": "telepon", "uraian": "Sertifikat salah nama",
             "telepon": TELEPON, "email": EMAIL, "alamat": ALAMAT}
    k1 = a.catat(petugas="Rina", isian=isian, waktu=T0)["id"]
    k2 = a.catat(petugas="Rina", isian={"nama": "PT B", "media": "email", "uraian": "u"}, waktu=T0)["id"]
    a.langkah(k2, Aksi.VALIDASI_BENAR, petugas="Rina", waktu=T0 + timedelta(minutes=5),
              rincian={"tim_teknis": "Laboratorium Pengujian"})
    k3 = a.catat(petugas="Rina", isian={"nama": "PT C", "media": "surat", "uraian": "u"}, waktu=T0)["id"]
    a.langkah(k3, Aksi.VALIDASI_TIDAK_BENAR, petugas="Rina", waktu=T0 + timedelta(minutes=5), rincian={"alasan": "Slah"})
    a.tutup()
    return jalur, {"dicatat": k1, "divalidasi": k2, "tidak_valid": k3}


def _jalan(jalur: Path, *args: str, input: str | None = None) -> object:
    return runner.invoke(cli.app, ["--arsip", str(jalur), "--petugas", "Sari", *args], input=input)


def _keadaan(jalur: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    db = sqlite3.connect(jalur)
    try:
        return (db.execute("SELECT * FROM riwayat ORDER BY urutan").fetchall(),
                db.execute("SELECT * FROM keluhan ORDER BY id").fetchall())
    finally:
        db.close()


def _sehat(jalur: Path) -> list[str]:
    a = Arsip(jalur, pengaturan.muat(None))
    try:
        return pemeriksa.periksa(a.db).temuan
    finally:
        a.tutup()


def test_koreksi_menjadi_peristiwa_baru(arsip_contoh: tuple[Path, dict[str, str]]) -> None:
    """koreksi changes the field and appends an event with old value, new value, reason and petugas; status untouched."""
    jalur, k = arsip_contoh
    r = _jalan(jalur, "koreksi", "001/KP/BBSPJIKFK/XI/2026", "--kolom", "telepon", "--nilai", "0812-3333-4444",
               "--alasan", "Salah ketik")
    assert r.exit_code == 0, r.output  # type: ignore[attr-defined]
    assert r.stdout == "001/KP/BBSPJIKFK/XI/2026: kolom telepon dikoreksi; nilai lama tetap tercatat di riwayat (status: dicatat).\n"  # type: ignore[attr-defined]
    data = json.loads(_jalan(jalur, "lihat", k["dicatat"], "--json").stdout)  # type: ignore[attr-defined]
    assert data["telepon"] == "0812-3333-4444" and data["status"] == "dicatat"
    assert data["waktu_status"] == "2026-11-02T08:00:00+07:00"  # a correction is not a step
    akhir = data["riwayat"][-1]
    assert (akhir["aksi"], akhir["langkah"], akhir["petugas"], akhir["status_dari"], akhir["status_ke"]) == (
        "koreksi", None, "Sari", None, None)
    assert akhir["rincian"] == {"kolom": "telepon", "lama": TELEPON, "baru": "0812-3333-4444", "alasan": "Salah ketik"}
    assert _sehat(jalur) == []


def test_lihat_menampilkan_koreksi_polos(arsip_contoh: tuple[Path, dict[str, str]]) -> None:
    """Piped lihat shows a correction as 'kolom: “lama” → “baru”; alasan: ...', and an emptied field as (kosong)."""
    jalur, k = arsip_contoh
    _jalan(jalur, "koreksi", k["dicatat"], "--kolom", "email", "--nilai", "", "--alasan", "Bukan email pelanggan")
    _jalan(jalur, "koreksi", k["dicatat"], "--kolom", "kategori", "--nilai", "Pelayanan", "--alasan", "Lupa diisi")
    keluaran = _jalan(jalur, "lihat", k["dicatat"]).stdout  # type: ignore[attr-defined]
    assert f"email: “{EMAIL}” → (kosong); alasan: Bukan email pelanggan" in keluaran
    assert "kategori: (kosong) → “Pelayanan”; alasan: Lupa diisi" in keluaran
    assert "\tkoreksi\t" in keluaran and "'" not in keluaran.split("Riwayat")[-1]


def test_lihat_di_terminal_tidak_menafsirkan_markup(arsip_contoh: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch) -> None:
    """On a terminal, '[/b]' in a customer's text is shown as text, not parsed as rich markup (which crashed)."""
    jalur, k = arsip_contoh
    _jalan(jalur, "koreksi", k["dicatat"], "--kolom", "nama", "--nilai", "Ani [/b] [red]", "--alasan", "uji")
    monkeypatch.setattr(harian, "_tty", lambda: True)  # lihat's body and its table live in harian
    monkeypatch.setenv("COLUMNS", "200")
    r = _jalan(jalur, "lihat", k["dicatat"])
    assert r.exit_code == 0, r.output  # type: ignore[attr-defined]
    assert "“Ani [/b] [red]”" in r.stdout  # type: ignore[attr-defined]


def test_koreksi_kolom_bertanda_hubung_dan_tim_dinormalkan(arsip_contoh: tuple[Path, dict[str, str]]) -> None:
    """--kolom accepts the option spelling (alasan-tidak-valid); a Tim Teknis name is stored as configured."""
    jalur, k = arsip_contoh
    assert _jalan(jalur, "koreksi", k["tidak_valid"], "--kolom", "alasan-tidak-valid", "--nilai", "Salah alamat",
                  "--alasan", "Typo").exit_code == 0  # type: ignore[attr-defined]
    assert _jalan(jalur, "koreksi", k["divalidasi"], "--kolom", "tim_teknis", "--nilai", "laboratorium kalibrasi",
                  "--alasan", "Salah tim").exit_code == 0  # type: ignore[attr-defined]
    db = sqlite3.connect(jalur)
    assert db.execute("SELECT alasan_tidak_valid FROM keluhan WHERE id = ?", (k["tidak_valid"],)).fetchone()[0] == "Salah alamat"
    assert db.execute("SELECT tim_teknis FROM keluhan WHERE id = ?", (k["divalidasi"],)).fetchone()[0] == "Laboratorium Kalibrasi"
    db.close()
    assert _sehat(jalur) == []


def test_koreksi_nilai_dari_stdin(arsip_contoh: tuple[Path, dict[str, str]]) -> None:
    """--nilai - reads a multi-line value from stdin, like catat --uraian -."""
    jalur, k = arsip_contoh
    r = _jalan(jalur, "koreksi", k["dicatat"], "--kolom", "uraian", "--nilai", "-", "--alasan", "Lengkapi",
               input="Baris satu\nBaris dua\n")
    assert r.exit_code == 0, r.output  # type: ignore[attr-defined]
    db = sqlite3.connect(jalur)
    assert db.execute("SELECT uraian FROM keluhan WHERE id = ?", (k["dicatat"],)).fetchone()[0] == "Baris satu\nBaris dua"
    db.close()


@pytest.mark.parametrize(("ref", "args", "kode", "pesan"), [
    ("dicatat", ["--kolom", "status", "--nilai", "selesai", "--alasan", "x"], 2, "Kolom 'status' tidak dapat dikoreksi"),
    ("dicatat", ["--kolom", "nomor", "--nilai", "999", "--alasan", "x"], 2, "Kolom 'nomor' tidak dapat dikoreksi"),
    ("dicatat", ["--kolom", "telpon", "--nilai", "0812-9999-RAHASIA", "--alasan", "x"], 2, "Kolom 'telpon' tidak dapat dikoreksi"),
    ("dicatat", ["--kolom", "telepon", "--nilai", "0812-9999-RAHASIA"], 2, "Koreksi memerlukan --kolom NAMA"),
    ("dicatat", ["--kolom", "telepon", "--nilai", "0812-9999-RAHASIA", "--alasan", "  "], 2, "Koreksi memerlukan"),
    ("dicatat", ["--kolom", "telepon", "--nilai", f" {TELEPON} ", "--alasan", "x"], 2, "Kolom 'telepon' sudah bernilai itu"),
    ("dicatat", ["--kolom", "nama", "--nilai", "", "--alasan", "x"], 2, "Kolom 'nama' wajib berisi"),
    ("dicatat", ["--kolom", "tim_teknis", "--nilai", "Tim Inspeksi", "--alasan", "x"], 1,
     "kolom 'tim_teknis' diisi oleh langkah 'validasi --benar', yang belum dicatat"),
    ("tidak_valid", ["--kolom", "tim_teknis", "--nilai", "Tim Inspeksi", "--alasan", "x"], 1, "belum dicatat"),
    ("dicatat", ["--kolom", "media_informasi", "--nilai", "merpati", "--alasan", "x"], 2, "Media tidak dikenal"),
    ("divalidasi", ["--kolom", "tim_teknis", "--nilai", "Tim Hantu", "--alasan", "x"], 2, "Tim Teknis 'Tim Hantu' tidak dikenal"),
    ("divalidasi", ["--kolom", "layanan", "--nilai", "pijat", "--alasan", "x"], 2, "Layanan tidak dikenal"),
    ("tidak ada", ["--kolom", "email", "--nilai", "x.rahasia@contoh.id", "--alasan", "x"], 1, "Keluhan 'tidak ada' tidak ditemukan"),
])
def test_koreksi_ditolak_tanpa_mengubah_dan_tanpa_data_pribadi(
    arsip_contoh: tuple[Path, dict[str, str]], ref: str, args: list[str], kode: int, pesan: str,
) -> None:
    """A refused correction: one 'Galat:' line naming the problem, exit code, archive unchanged, no personal value echoed."""
    jalur, k = arsip_contoh
    sebelum = _keadaan(jalur)
    r = _jalan(jalur, "koreksi", k.get(ref, ref), *args)
    assert r.exit_code == kode, r.output  # type: ignore[attr-defined]
    assert r.stderr.startswith("Galat: ") and r.stderr.count("\n") == 1 and pesan in r.stderr  # type: ignore[attr-defined]
    assert r.stdout == ""  # type: ignore[attr-defined]
    assert not any(s in r.stderr for s in RAHASIA)  # type: ignore[attr-defined]
    assert _keadaan(jalur) == sebelum


def _cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "keluhan", "--arsip", str(tmp_path / "archive.db"), "--petugas", "Rina", *args],
        capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=60,
        env={"PYTHONPATH": str(AKAR), "PATH": "/usr/bin:/bin", "TERM": "dumb"},
    )


PRIBADI = ["--telepon", TELEPON, "--email", EMAIL, "--alamat", ALAMAT]


@pytest.mark.parametrize(("args", "kode"), [
    (["--nama", "Ani", "--media", "telepon", *PRIBADI], 2),                                  # no --uraian, no TTY
    (["--nama", "Ani", "--media", "telepon", "--uraian", "u", "--waktu", "1/12/2030 08.00", *PRIBADI], 2),  # future
    (["--nama", "Ani", "--media", "telepon", "--uraian", "u", "--diajukan", "kemarin sore", *PRIBADI], 2),
    (["--nama", "Ani", "--media", "merpati", "--uraian", "u", *PRIBADI], 2),                 # bad choice
    (["--nama", "Ani", "--media", "telepon", "--uraian", "u", "--telepon", "0812", "1111", "2222"], 2),  # unquoted
    (["--nama", "Ani", "--media", "telepon", "--uraian", "u", "--alamat", "Jl.", "Kenari", "Rahasia", "5"], 2),
])
def test_catat_ditolak_tidak_mengulang_data_pribadi(tmp_path: Path, args: list[str], kode: int) -> None:
    """A refused catat carrying a phone, email or address never repeats them on stderr (real process, real streams)."""
    r = _cli(tmp_path, "catat", *args)
    assert r.returncode == kode, r.stderr
    assert r.stdout == ""
    assert not any(s in r.stderr for s in RAHASIA), r.stderr
    if (tmp_path / "archive.db").exists():
        db = sqlite3.connect(tmp_path / "archive.db")
        assert db.execute("SELECT COUNT(*) FROM riwayat").fetchone()[0] == 0
        db.close()


def test_langkah_ditolak_tidak_mengulang_data_pribadi(arsip_contoh: tuple[Path, dict[str, str]]) -> None:
    """A step refused on a complaint holding personal data names the complaint by number only."""
    jalur, k = arsip_contoh
    for args in (["verifikasi", k["dicatat"], "--terima"], ["tindak", k["dicatat"], "--koreksi", "a", "--pencegahan", "b"],
                 ["informasikan", k["dicatat"]]):
        r = _jalan(jalur, *args)
        assert r.exit_code == 1 and "001/KP/BBSPJIKFK/XI/2026 berstatus 'dicatat'" in r.stderr  # type: ignore[attr-defined]
        assert not any(s in r.stderr for s in RAHASIA)  # type: ignore[attr-defined]
