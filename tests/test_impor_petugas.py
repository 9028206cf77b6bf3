"""`keluhan impor` resolves the officers of a file through the officer register, as of each
event's time (issue 13 with issue 14's register)."""

from __future__ import annotations

import csv
from pathlib import Path

from conftest import baca_db

NIP_RINA = "198501012010012001"
NIP_DEDI = "198203042008011002"
NIP_SARI = "197905062006041003"


def _csv(berkas: Path, baris: list[list[str]]) -> Path:
    with berkas.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["nama", "media", "uraian", "dicatat", "petugas", "validasi", "validasi_waktu", "validasi_petugas",
                    "alasan_tidak_valid"])
        w.writerows(baris)
    return berkas


def test_petugas_berkas_lewat_register(jalankan, arsip: Path, tmp_path: Path) -> None:
    """File officers become their registered names; an officer inactive now is accepted; an unknown one is refused with candidates."""
    for nama, nip in (("Rina Wulandari", NIP_RINA), ("Dedi Kurniawan", NIP_DEDI), ("Sari Lestari", NIP_SARI)):
        r = jalankan("petugas", "tambah", nama, "--nip", nip, "--jabatan", "Petugas PJTK", "--peran", "pjtk")
        assert r.exit_code == 0, r.stderr
    r = jalankan("petugas", "nonaktifkan", NIP_SARI, "--alasan", "Pensiun")
    assert r.exit_code == 0, r.stderr
    baris = [
        ["PT A", "email", "x", "3/3/2025 08.10", "rina wulandari", "tidak_benar", "3/3/2025 09.00", "Sari Lestari", "Bukan keluhan"],
        ["PT B", "email", "x", "4/3/2025 08.10", "Joko Susilo", "", "", "", ""],
    ]
    r = jalankan("impor", str(_csv(tmp_path / "r.csv", baris)), "--jalankan")
    assert r.exit_code == 1
    assert "Baris 3: Petugas 'Joko Susilo' (4/3/2025) tidak ada di register petugas (terdaftar: Rina Wulandari; " in r.stdout
    r = jalankan("impor", str(_csv(tmp_path / "r.csv", baris[:1])), "--jalankan")
    assert r.exit_code == 0, r.stdout + r.stderr
    assert [(b["aksi"], b["petugas"]) for b in baca_db(arsip, "SELECT aksi, petugas FROM riwayat ORDER BY urutan")] == [
        ("catat", "Rina Wulandari"), ("validasi_tidak_benar", "Sari Lestari")]
