"""Issue 12, ``keluhan batal ID --alasan TEKS`` (SPEC "Added in the second release", the
workflow table's batal row): a complaint recorded by mistake is voided while no CAPA
exists; the number stays used; m015 rebuilds the status CHECK with progress and a
free-space check before its backup."""

from __future__ import annotations

import os
import re
import select
import shutil
import sqlite3
import subprocess
import sys
from collections import namedtuple
from contextlib import closing
from pathlib import Path

import pytest

from keluhan import migrasi
from keluhan.workflow import Aksi, Status

from conftest import (
    AKSI_LANGKAH, BERIKUT, PETUGAS, PETUGAS_TEKNIS, PETUGAS_VERIFIKASI, baca_db, env_subproses, langkah_cli, potret,
    satu_baris_galat, tanpa_m015,
)


def _batal(jalankan, ref: str, *extra: str):
    return jalankan("batal", ref, "--alasan", "Tercatat ganda", "--waktu", BERIKUT, *extra)


def test_batal_dari_dicatat_nomor_tetap(catat, jalankan, lihat, arsip) -> None:
    """A duplicate is voided: status batal, its number kept, the next catat takes the next number; periksa sound."""
    pertama = catat()
    kedua = catat(nama="PT Lain", uraian="Sertifikat salah tanggal")
    r = _batal(jalankan, kedua)
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout == f"{kedua}: keluhan dibatalkan; nomornya tetap terpakai dan tidak dihitung di rekap (status: batal).\n"
    k = lihat(kedua)
    assert (k["status"], k["alasan_batal"], k["petugas_batal"], k["dibatalkan"]) == (
        "batal", "Tercatat ganda", PETUGAS, "2026-11-09T09:00:00+07:00")
    akhir = k["riwayat"][-1]
    assert {c: akhir[c] for c in ("aksi", "langkah", "status_dari", "status_ke")} == {
        "aksi": "batal", "langkah": None, "status_dari": "dicatat", "status_ke": "batal"}
    assert akhir["rincian"] == {"alasan": "Tercatat ganda"}
    ketiga = catat(nama="PT Ketiga", uraian="Hal lain", waktu=BERIKUT)
    assert [pertama, kedua, ketiga] == [f"00{i}/KP/BBSPJIKFK/XI/2026" for i in (1, 2, 3)]
    assert baca_db(arsip, "SELECT keluhan_id FROM tenggat WHERE keluhan_id = ?", (k["id"],)) == []
    r = jalankan("periksa")
    assert r.exit_code == 0 and r.stdout.startswith("Arsip sehat:"), r.stdout + r.stderr


def test_batal_terlihat_di_lihat(sampai, jalankan) -> None:
    """lihat shows when, by whom and why the complaint was voided."""
    nomor = sampai(Status.DIVALIDASI)
    assert _batal(jalankan, nomor).exit_code == 0
    keluar = jalankan("lihat", nomor).stdout
    assert "DIBATALKAN" in keluar and "Alasan pembatalan" in keluar and "Tercatat ganda" in keluar


def test_batal_tanpa_alasan_ditolak(sampai, jalankan, arsip) -> None:
    """No --alasan (or a blank one): one line, archive unchanged."""
    nomor = sampai(Status.DICATAT)
    sebelum = potret(arsip)
    for args in (["batal", nomor], ["batal", nomor, "--alasan", "  "]):
        baris = satu_baris_galat(jalankan(*args), 2)
        assert baris.startswith("Galat: Pembatalan memerlukan --alasan TEKS")
    assert potret(arsip) == sebelum


@pytest.mark.parametrize("status, berikut", [
    (Status.DITINDAKLANJUTI, "verifikasi"), (Status.DIVERIFIKASI, "informasikan"),
])
def test_batal_ditolak_setelah_tindakan(status, berikut, sampai, jalankan, arsip) -> None:
    """Once a CAPA exists: refused, the message says why and names the SOP's next step; nothing written."""
    nomor = sampai(status)
    sebelum = potret(arsip)
    baris = satu_baris_galat(_batal(jalankan, nomor), 1)
    assert baris == (
        f"Galat: Keluhan {nomor} berstatus '{status.value}': tidak dapat dibatalkan karena tindakan koreksi dan "
        f"pencegahan (FTKP) sudah dicatat; selesaikan menurut SOP Penanganan Keluhan Pelanggan; langkah berikutnya: "
        f"keluhan {berikut} {nomor}.")
    assert "catat " not in baris.replace("dicatat", "")
    assert potret(arsip) == sebelum


def test_batal_ditolak_divalidasi_setelah_dikembalikan(sampai, jalankan, arsip) -> None:
    """divalidasi again after a return for rework holds a CAPA round: the table's row allows batal, its guard refuses."""
    nomor = sampai(Status.DITINDAKLANJUTI)
    args, petugas = langkah_cli(Aksi.VERIFIKASI_KEMBALIKAN, nomor)
    assert jalankan(*args, "--waktu", "2026-11-05 09:00", petugas=petugas).exit_code == 0
    sebelum = potret(arsip)
    baris = satu_baris_galat(_batal(jalankan, nomor), 1)
    assert "berstatus 'divalidasi': tidak dapat dibatalkan karena tindakan koreksi dan pencegahan (FTKP)" in baris
    assert baris.endswith(f"langkah berikutnya: keluhan tindak {nomor}.")
    assert potret(arsip) == sebelum


def test_batal_ditolak_tidak_valid_dan_selesai(sampai, jalankan, arsip) -> None:
    """Validated not true: inform the customer (SOP); finished: nothing to void, correct with koreksi; never 'catat'."""
    nomor = sampai(Status.TIDAK_VALID)
    baris = satu_baris_galat(_batal(jalankan, nomor), 1)
    assert baris == (
        f"Galat: Keluhan {nomor} berstatus 'tidak_valid': tidak dapat dibatalkan karena keluhan sudah divalidasi "
        f"tidak benar; selesaikan menurut SOP Penanganan Keluhan Pelanggan; langkah berikutnya: keluhan informasikan "
        f"{nomor}.")
    args, petugas = langkah_cli(Aksi.INFORMASIKAN, nomor)
    assert jalankan(*args, "--waktu", "2026-11-04 09:00", petugas=petugas).exit_code == 0
    sebelum = potret(arsip)
    baris = satu_baris_galat(_batal(jalankan, nomor), 1)
    assert baris == (f"Galat: Keluhan {nomor} berstatus 'selesai': penanganannya sudah berakhir menurut SOP dan tidak "
                     "dapat dibatalkan; perbaiki isian yang salah dengan keluhan koreksi.")
    assert potret(arsip) == sebelum


def test_batal_dua_kali_ditolak(sampai, jalankan, arsip) -> None:
    """Voiding a voided complaint changes nothing and says so; no hint to record it again."""
    nomor = sampai(Status.DICATAT)
    assert _batal(jalankan, nomor).exit_code == 0
    sebelum = potret(arsip)
    baris = satu_baris_galat(_batal(jalankan, nomor), 1)
    assert baris == f"Galat: Keluhan {nomor} sudah dibatalkan (9 November 2026 09.00 WIB); tidak ada yang diubah."
    assert potret(arsip) == sebelum


@pytest.mark.parametrize("aksi", AKSI_LANGKAH, ids=lambda a: a.value)
def test_langkah_setelah_batal_ditolak(aksi, sampai, jalankan, arsip) -> None:
    """After batal no step runs; the refusal names the status and offers no next step (and never catat)."""
    nomor = sampai(Status.BATAL)
    sebelum = potret(arsip)
    args, petugas = langkah_cli(aksi, nomor)
    baris = satu_baris_galat(jalankan(*args, "--waktu", BERIKUT, petugas=petugas), 1)
    assert f"berstatus 'batal'" in baris and "keluhan catat" not in baris
    assert potret(arsip) == sebelum


def test_batal_sebelum_langkah_terakhir_ditolak(sampai, jalankan, arsip) -> None:
    """--waktu before the complaint's last step is refused like any step's."""
    nomor = sampai(Status.DIVALIDASI)
    sebelum = potret(arsip)
    r = jalankan("batal", nomor, "--alasan", "x", "--waktu", "2026-11-02 08:15")
    assert "lebih awal dari langkah sebelumnya" in satu_baris_galat(r, 2)
    assert potret(arsip) == sebelum


# -- m015: the archive written before batal existed ------------------------------------------


def _arsip_m010(sampai, jalankan, arsip) -> dict[str, str]:
    """An archive with complaints in several statuses, rolled back to schema 14 (before m015)."""
    nomor = {s: sampai(s) for s in (Status.DICATAT,)}
    for s, nama in ((Status.DIVALIDASI, "PT B"), (Status.SELESAI, "PT C")):
        nomor[s] = sampai(s, nama=nama, uraian=f"Uraian {nama}")
    with closing(sqlite3.connect(arsip, isolation_level=None)) as db:
        tanpa_m015(db)
        sql = db.execute("SELECT sql FROM sqlite_master WHERE name = 'keluhan'").fetchone()[0]
        assert "'batal'" not in sql and db.execute("PRAGMA user_version").fetchone()[0] == 14
    return nomor


def test_migrasi_m015_arsip_lama(sampai, jalankan, arsip, lihat) -> None:
    """An old archive is upgraded on first write-open: a backup first, rows, triggers and indexes kept, periksa sound,
    and batal works."""
    nomor = _arsip_m010(sampai, jalankan, arsip)
    sebelum = baca_db(arsip, "SELECT rowid, * FROM keluhan ORDER BY rowid")
    r = _batal(jalankan, nomor[Status.DIVALIDASI])
    assert r.exit_code == 0, r.stderr
    assert list(arsip.parent.glob("archive.db.v14-*.bak"))
    sesudah = baca_db(arsip, "SELECT rowid, * FROM keluhan ORDER BY rowid")
    # (m018, after m015: the running pause's columns, empty)
    assert all(b["ditunda"] is None and b["alasan_tunda"] is None for b in sesudah)
    assert [{k: v for k, v in b.items() if k not in ("status", "dibatalkan", "petugas_batal", "alasan_batal",
                                                      "waktu_status", "diperbarui", "ditunda", "alasan_tunda",
                                                      "petugas_tunda")} for b in sesudah] == [
        {k: v for k, v in b.items() if k not in ("status", "waktu_status", "diperbarui")} for b in sebelum]
    assert lihat(nomor[Status.DIVALIDASI])["status"] == "batal"
    assert lihat(nomor[Status.SELESAI])["status"] == "selesai"
    with closing(sqlite3.connect(arsip)) as db:
        with pytest.raises(sqlite3.IntegrityError):
            db.execute("DELETE FROM keluhan")  # keluhan_tolak_hapus is back on the new table
        with pytest.raises(sqlite3.IntegrityError):
            db.execute("UPDATE keluhan SET status = 'hilang'")
    r = jalankan("periksa")
    assert r.exit_code == 0 and r.stdout.startswith("Arsip sehat:"), r.stdout + r.stderr


def test_migrasi_m015_ruang_disk_kurang(sampai, jalankan, arsip, monkeypatch) -> None:
    """Not enough free space for the backup and the rebuild: one line naming the bytes needed; nothing written, no
    backup left."""
    _arsip_m010(sampai, jalankan, arsip)
    sebelum = potret(arsip)
    ukuran = arsip.stat().st_size
    Pakai = namedtuple("Pakai", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda p: Pakai(10**9, 10**9 - ukuran, ukuran))
    r = jalankan("daftar")
    baris = satu_baris_galat(r, 1)
    assert baris.startswith(f"Galat: Arsip {arsip} perlu ditingkatkan dari skema versi 14 ke {migrasi.versi_terbaru()}")
    assert f"hanya {ukuran} byte; diperlukan " in baris
    assert re.search(r"pembangunan ulang tabel [^)]*\bkeluhan\b", baris)  # m015 rebuilds keluhan (a later one may add a table)
    perlu = int(baris.split("diperlukan ")[1].split(" ")[0])
    assert perlu > ukuran
    assert "arsip tidak diubah" in baris
    assert potret(arsip) == sebelum
    assert not list(arsip.parent.glob("archive.db.v14-*.bak"))


def test_migrasi_m015_kemajuan_di_terminal(sampai, jalankan, arsip) -> None:
    """On a terminal the rebuild shows its progress on stderr (batches made small here); piped it says nothing."""
    _arsip_m010(sampai, jalankan, arsip)
    salinan = arsip.with_name("salinan.db")
    shutil.copy(arsip, salinan)
    kode = ("import sys; from keluhan import migrasi; migrasi.PER_SALIN = 1; from keluhan.cli import main; "
            "main(sys.argv[1:])")
    perintah = [sys.executable, "-c", kode, "--petugas", PETUGAS, "daftar", "--json"]
    from _terminal import stderr_di_terminal

    kode_keluar, _, layar = stderr_di_terminal([*perintah[:3], "--arsip", str(arsip), *perintah[3:]], env_subproses())
    assert kode_keluar == 0, layar
    assert b"Meningkatkan skema arsip: tabel keluhan 1/3 baris" in layar
    assert b"tabel keluhan 3/3 baris" in layar
    pipa = subprocess.run([*perintah[:3], "--arsip", str(salinan), *perintah[3:]], capture_output=True, text=True,
                          env=env_subproses())
    assert pipa.returncode == 0 and pipa.stderr == "", pipa.stderr


def test_periksa_menangkap_batal_sesudah_tindakan(sampai, jalankan, arsip) -> None:
    """A void written past the guard (the program's own writer, a sound chain) after a CAPA round is a periksa finding."""
    from keluhan import pengaturan
    from keluhan.arsip import Arsip

    nomor = sampai(Status.DITINDAKLANJUTI)
    args, petugas = langkah_cli(Aksi.VERIFIKASI_KEMBALIKAN, nomor)
    assert jalankan(*args, "--waktu", "2026-11-05 09:00", petugas=petugas).exit_code == 0
    a = Arsip(arsip, pengaturan.muat(None))
    try:
        k = a.ambil(nomor)
        with a.transaksi() as db:
            p = a._peristiwa(k["id"], Aksi.BATAL, Status.DIVALIDASI, Status.BATAL, PETUGAS, a._sekarang(),
                             a._sekarang(), {"alasan": "tutupi"})
            a._tulis(db, p, {c: k[c] for c in k if c not in ("tindakan", "riwayat")})
    finally:
        a.tutup()
    r = jalankan("periksa")
    assert r.exit_code == 1
    assert "dibatalkan padahal tindakan koreksi dan pencegahan sudah dicatat" in r.stdout + r.stderr


# -- out of the figures, as of every run after the void -------------------------------------


def _rekap(jalankan, tmp_path: Path, nama: str, *extra: str) -> tuple[dict, bytes]:
    import json

    keluar = tmp_path / nama
    r = jalankan("rekap", "--bulan", "2026-11", "--format", "json", "--keluar", str(keluar), *extra)
    assert r.exit_code == 0, r.stderr
    return json.loads(keluar.read_text(encoding="utf-8")), keluar.read_bytes()


def test_rekap_tanpa_yang_dibatalkan_dan_jangkar_lama_tetap(sampai, catat, jalankan, arsip, tmp_path) -> None:
    """A complaint of November voided in December leaves November's figures in a run after the void (jumlah, compliance,
    breakdowns; per_status.batal and per_hasil.batal count it, dibatalkan lists it); the recap signed before the void
    reproduces byte for byte with its anchor."""
    nomor = sampai(Status.SELESAI)
    ganda = catat(nama="PT Sinar Kimia Nusantara", media="telepon", uraian="LHU belum diterima juga",
                  waktu="2026-11-03 08:10", diajukan="2026-11-03 08:00")
    assert jalankan("validasi", ganda, "--benar", "--teruskan-ke", "Laboratorium Pengujian",
                    "--waktu", "2026-11-03 08:20").exit_code == 0
    sebelum, isi_sebelum = _rekap(jalankan, tmp_path, "sebelum.json")
    assert sebelum["jumlah"] == 2 and sebelum["per_status"]["divalidasi"] == 1
    assert sebelum["langkah"]["2"]["total"] == 2 and sebelum["langkah"]["3"]["total"] == 2
    assert jalankan("batal", ganda, "--alasan", f"Tercatat ganda dengan {nomor}", "--waktu", "2026-12-01 08:00").exit_code == 0
    sesudah, _ = _rekap(jalankan, tmp_path, "sesudah.json")
    assert sesudah["jumlah"] == 1 and [k["nomor"] for k in sesudah["keluhan"]] == [nomor]
    assert sesudah["per_status"] == dict(sebelum["per_status"], divalidasi=0, batal=1)
    assert sesudah["per_hasil"] == dict(sebelum["per_hasil"], valid=1, batal=1)
    assert sesudah["per_media"]["telepon"] == 0 and sesudah["per_tim"]["Laboratorium Pengujian"] == 1
    assert sesudah["langkah"]["2"]["total"] == 1 and sesudah["langkah"]["3"]["total"] == 1
    assert [x["nomor"] for x in sesudah["terbuka_akhir_periode"]] == []
    assert sesudah["dibatalkan"] == [{"id": lihat_id(jalankan, ganda), "nomor": ganda, "dicatat": "2026-11-03T08:10:00+07:00",
                                      "dibatalkan": "2026-12-01T08:00:00+07:00", "alasan": f"Tercatat ganda dengan {nomor}"}]
    ulang, isi_ulang = _rekap(jalankan, tmp_path, "ulang.json", "--jangkar", str(tmp_path / "sebelum.json"))
    assert isi_ulang == isi_sebelum
    r = jalankan("rekap", "--bulan", "2026-11", "--format", "md")
    assert ganda in r.stdout and "Dibatalkan (salah catat" in r.stdout


def lihat_id(jalankan, ref: str) -> str:
    import json

    return json.loads(jalankan("lihat", ref, "--json").stdout)["id"]


def test_kepatuhan_bulanan_tanpa_yang_dibatalkan(sampai, jalankan, arsip) -> None:
    """The auditors' view v_kepatuhan_bulanan no longer counts a voided complaint's step events."""
    nomor = sampai(Status.DIVALIDASI)
    sql = "SELECT langkah, jumlah FROM v_kepatuhan_bulanan WHERE bulan = '2026-11' ORDER BY langkah"
    assert [(r["langkah"], r["jumlah"]) for r in baca_db(arsip, sql)] == [(2, 1), (3, 1)]
    assert _batal(jalankan, nomor).exit_code == 0
    assert baca_db(arsip, sql) == []
    assert len(baca_db(arsip, "SELECT * FROM v_durasi_langkah")) == 2  # the events themselves stay visible


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("jenis", ["fpkp", "tanda-terima"])
def test_formulir_bertanda_dibatalkan(jenis, fmt, sampai, jalankan) -> None:
    """Every form a voided complaint still has says DIBATALKAN, with when, by whom and why."""
    nomor = sampai(Status.DICATAT)
    r = jalankan("formulir", nomor, "--jenis", jenis, "--format", fmt)
    assert r.exit_code == 0 and "DIBATALKAN" not in r.stdout
    assert jalankan("batal", nomor, "--alasan", "Uji coba <b>", "--waktu", BERIKUT).exit_code == 0
    r = jalankan("formulir", nomor, "--jenis", jenis, "--format", fmt)
    assert r.exit_code == 0, r.stderr
    assert r.stdout.count("DIBATALKAN") == 1
    assert "9 November 2026 pukul 09.00" in r.stdout and PETUGAS in r.stdout
    assert "Uji coba" in r.stdout and "Uji coba <b>" not in r.stdout  # the reason is text, escaped the format's way
    assert fmt == "md" or "Uji coba &lt;b&gt;" in r.stdout


@pytest.mark.parametrize("jenis", ["ftkp", "surat-hasil"])
def test_formulir_tanpa_isi_untuk_yang_dibatalkan(jenis, sampai, jalankan) -> None:
    """No FTKP or result letter for a voided complaint: the refusal says why and which forms it has (no step hint)."""
    nomor = sampai(Status.BATAL)
    baris = satu_baris_galat(jalankan("formulir", nomor, "--jenis", jenis), 1)
    assert baris.startswith(f"Galat: Keluhan {nomor} dibatalkan (Tercatat ganda): tidak ada ")
    assert baris.endswith("formulir yang tersedia: fpkp dan tanda-terima, bertanda DIBATALKAN.")


# -- hints that point the right way (issue 12) ------------------------------------------------


def test_informasikan_pada_keluhan_selesai_tidak_menyuruh_banding(sampai, jalankan, arsip) -> None:
    """Issue 12: informasikan on a finished complaint once answered "langkah berikutnya: keluhan banding"; now it says
    the handling is over and that an appeal is recorded only when the customer brings one, by its deadline, and after
    the deadline it offers no appeal at all. Nothing is written."""
    nomor = sampai(Status.SELESAI)
    sebelum = potret(arsip)
    args, petugas = langkah_cli(Aksi.INFORMASIKAN, nomor)
    baris = satu_baris_galat(jalankan(*args, "--waktu", BERIKUT, petugas=petugas), 1)
    assert "langkah berikutnya" not in baris
    assert baris.endswith("penanganannya sudah berakhir; banding dicatat hanya bila pelanggan mengajukannya, paling "
                          f"lambat Selasa, 24 November 2026 pukul 16.00 WIB (keluhan banding {nomor} --alasan TEKS).")
    baris = satu_baris_galat(jalankan(*args, "--waktu", "2026-11-25 08:00", petugas=petugas), 1)
    assert baris.endswith("penanganannya sudah berakhir dan batas banding sudah lewat.") and "keluhan banding" not in baris
    assert potret(arsip) == sebelum
