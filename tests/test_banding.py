"""The appeal (banding) after step 6: within its window only, and the end of the road.

The window check asks the working calendar (``Arsip.kalender()`` -> ``keluhan.kalender``),
so every test that records a banding, or reaches status 'banding', needs that module.
"""

from __future__ import annotations

import json
import re
import subprocess
from datetime import datetime, timedelta

import pytest

from keluhan import tanggal as tg
from keluhan.workflow import PERINTAH, Aksi, Status, transisi

from conftest import (
    AKSI_LANGKAH, BERIKUT, JALUR, PERINTAH_CLI, PESAN_LANGKAH, PETUGAS, PETUGAS_TEKNIS, PETUGAS_VERIFIKASI,
    env_subproses, init_ulang, iso, langkah_cli, pesan_tolak, potret, satu_baris_galat, ubah_dan_periksa, waktu_langkah,
)


def test_banding_dalam_batas(sampai, jalankan, arsip) -> None:
    """An appeal within the window moves 'selesai' to 'banding' with a step-7 event."""
    nomor = sampai(Status.SELESAI)  # informed Tue 3 Nov 2026 11:30
    k = ubah_dan_periksa(jalankan, arsip, nomor, Aksi.BANDING, BERIKUT)  # Mon 9 Nov 09:00
    assert k["status"] == "banding"
    assert [e["langkah"] for e in k["riwayat"]] == [2, 3, 4, 5, 6, 7]


@pytest.mark.parametrize("aksi", [a for a in AKSI_LANGKAH if transisi(Status.BANDING, a) is None], ids=lambda a: a.value)
def test_setelah_banding_hanya_putusan(aksi: Aksi, sampai, jalankan, arsip) -> None:
    """After an appeal every step but the decision is refused in one line naming 'keluhan putusan', file unchanged."""
    nomor = sampai(Status.BANDING)
    sebelum = potret(arsip)
    args, petugas = langkah_cli(aksi, nomor)
    r = jalankan(*args, "--waktu", BERIKUT, petugas=petugas)
    baris = satu_baris_galat(r, 1)
    assert baris == pesan_tolak(nomor, Status.BANDING, PERINTAH[aksi])
    assert baris.endswith(f"langkah berikutnya: keluhan putusan {nomor}.")
    assert potret(arsip) == sebelum


def test_banding_lewat_batas_ditolak(sampai, jalankan, arsip) -> None:
    """An appeal six weeks after the customer was informed is refused; nothing written."""
    mulai = datetime(2026, 9, 28, 8, 0)  # informed Tue 29 Sep 2026 11:30
    nomor = sampai(Status.SELESAI, mulai)
    sebelum = potret(arsip)
    args, petugas = langkah_cli(Aksi.BANDING, nomor)
    r = jalankan(*args, "--waktu", BERIKUT, petugas=petugas)
    baris = satu_baris_galat(r, 1)
    # Times as a person reads them (README: messages show "30 November 2026 09.00 WIB"), not ISO 8601.
    assert baris == (f"Galat: Banding ditolak: batas banding 15 hari kerja sejak hasil diinformasikan "
                     "(29 September 2026 11.30 WIB) berakhir 20 Oktober 2026 16.00 WIB."), baris
    assert potret(arsip) == sebelum


@pytest.mark.parametrize(("batas", "boleh"), [("15 hari", True), ("15 hari kalender", False)])
def test_batas_banding_hari_kerja_atau_kalender(batas, boleh, sampai, jalankan, arsip) -> None:
    """17 calendar (13 working) days after step 6 is in time under '15 hari', late under '15 hari kalender'."""
    (arsip.parent / "keluhan.toml").write_text(f'[banding]\nbatas = "{batas}"\n', encoding="utf-8")
    init_ulang(arsip)  # the window is the archive's: keluhan.toml seeds it when init creates the archive
    nomor = sampai(Status.SELESAI)  # informed Tue 3 Nov 2026 11:30
    sebelum = potret(arsip)
    args, petugas = langkah_cli(Aksi.BANDING, nomor)
    r = jalankan(*args, "--waktu", "2026-11-20 09:00", petugas=petugas)
    if boleh:
        assert (r.exit_code, r.stdout) == (0, f"{nomor}: {PESAN_LANGKAH[Aksi.BANDING]}\n")
    else:
        assert satu_baris_galat(r, 1).startswith(f"Galat: Banding ditolak: batas banding {batas} sejak")
        assert potret(arsip) == sebelum


def test_pesan_informasikan_menyebut_batas_banding_yang_berlaku(sampai, jalankan, arsip) -> None:
    """informasikan tells the clerk the configured appeal window, calendar days named as such."""
    (arsip.parent / "keluhan.toml").write_text('[banding]\nbatas = "10 hari kalender"\n', encoding="utf-8")
    init_ulang(arsip)
    nomor = sampai(Status.DIVERIFIKASI)
    args, petugas = langkah_cli(Aksi.INFORMASIKAN, nomor)
    r = jalankan(*args, "--waktu", BERIKUT, petugas=petugas)
    assert (r.exit_code, r.stdout) == (0, f"{nomor}: hasil diinformasikan kepada pelanggan dan diarsipkan; banding dapat "
                                          "diajukan dalam 10 hari kalender (status: selesai).\n")


def test_banding_tanpa_alasan(sampai, jalankan, arsip) -> None:
    """banding without --alasan is refused (exit 2), nothing written."""
    nomor = sampai(Status.SELESAI)
    sebelum = potret(arsip)
    r = jalankan("banding", nomor, "--waktu", BERIKUT)
    assert satu_baris_galat(r, 2) == "Galat: Perintah 'banding' memerlukan --alasan TEKS."
    assert potret(arsip) == sebelum


def test_banding_sebelum_diinformasikan_ditolak(sampai, jalankan, arsip) -> None:
    """An appeal dated before step 6 is refused like any step before its predecessor."""
    nomor = sampai(Status.SELESAI)
    diinformasikan = waktu_langkah(len(JALUR[Status.SELESAI]))
    sebelum = potret(arsip)
    t = diinformasikan - timedelta(minutes=1)
    r = jalankan("banding", nomor, "--alasan", "x", "--waktu", t.strftime("%Y-%m-%d %H:%M"))
    assert satu_baris_galat(r, 2) == (
        f"Galat: Waktu banding ({tg.tampil(iso(t))}) lebih awal dari langkah sebelumnya ({tg.tampil(iso(diinformasikan))}).")
    assert potret(arsip) == sebelum


def test_enam_langkah_dan_banding_di_proses_nyata(arsip) -> None:
    """python -m keluhan, one process per step: steps 1-6 and then the appeal."""
    env = env_subproses()

    def keluhan(*args: str, petugas: str | None = None) -> str:
        argv = [*PERINTAH_CLI, *(["--petugas", petugas] if petugas else []), *args]
        p = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
        assert (p.returncode, p.stderr) == (0, ""), (args, p.stderr)
        return p.stdout

    nomor = keluhan("catat", "--nama", "PT Sinar Kimia", "--media", "surat", "--uraian", "Sertifikat salah",
                    "--diajukan", "2/11/2026 08.00", "--waktu", "2/11/2026 08.10").strip()
    assert nomor == "001/KP/BBSPJIKFK/XI/2026"
    for aksi, waktu in [
        (Aksi.VALIDASI_BENAR, "2026-11-02 08:20"), (Aksi.TINDAK, "2026-11-04 13:00"),
        (Aksi.VERIFIKASI_TERIMA, "2026-11-04 14:00"), (Aksi.INFORMASIKAN, "2026-11-04 14:10"),
        (Aksi.BANDING, "2026-11-10 10:00"),
    ]:
        args, petugas = langkah_cli(aksi, nomor)
        assert keluhan(*args, "--waktu", waktu, petugas=petugas) == f"{nomor}: {PESAN_LANGKAH[aksi]}\n"
    k = json.loads(keluhan("lihat", nomor, "--json"))
    assert (k["status"], k["dibanding"], k["banding_alasan"]) == (
        "banding", "2026-11-10T10:00:00+07:00", "Hasil uji ulang tetap tidak sesuai")
    assert [(e["langkah"], e["aksi"], e["petugas"]) for e in k["riwayat"]] == [
        (2, "catat", PETUGAS), (3, "validasi_benar", PETUGAS), (4, "tindak", PETUGAS_TEKNIS),
        (5, "verifikasi_terima", PETUGAS_VERIFIKASI), (6, "informasikan", PETUGAS), (7, "banding", PETUGAS),
    ]
    assert all(re.fullmatch(r"2026-11-\d\dT\d\d:\d\d:00\+07:00", e["waktu"]) for e in k["riwayat"])
