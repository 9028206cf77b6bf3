"""Issue 12: a complaint named as a clerk says it (SPEC "A complaint is named"): ``12``,
``012`` (this year's), ``12/2025`` (2025's), the official number in any case, the short id;
an unknown one answered with the nearest numbers and ``keluhan cari``."""

from __future__ import annotations

import pytest

from tests.conftest import potret, satu_baris_galat


@pytest.fixture
def dua_tahun(catat, lihat):
    """001 of 2025, then 001 and 002 of this year (recorded now, so "this year" holds
    whatever year the suite runs in)."""
    lama = catat(nama="Tahun Lalu", diajukan="2025-12-29 08:00", waktu="2025-12-29 08:10")
    satu = catat(nama="Pertama", diajukan=None, waktu=None)
    dua = catat(nama="Kedua", diajukan=None, waktu=None)
    return lama, satu, dua


@pytest.mark.parametrize("ref, siapa", [
    ("1", 1), ("01", 1), ("001", 1), ("2", 2), ("002", 2), (" 2 ", 2), ("1/2025", 0), ("001/2025", 0),
])
def test_rujukan_pendek(ref, siapa, dua_tahun, lihat, jalankan) -> None:
    """12 and 012 are this year's sequence number, 12/2025 is 2025's, in lihat and in a step."""
    assert lihat(ref)["nomor"] == dua_tahun[siapa]


def test_nomor_resmi_huruf_apa_saja_dan_id(dua_tahun, lihat) -> None:
    """The official number typed in lower case, and the short id in upper case, both resolve."""
    nomor = dua_tahun[1]
    k = lihat(nomor.lower())
    assert k["nomor"] == nomor
    assert lihat(k["id"].upper())["nomor"] == nomor


def test_rujukan_pendek_di_langkah(dua_tahun, jalankan, lihat) -> None:
    """A step command takes the short reference too: validasi 2 validates this year's 002."""
    r = jalankan("validasi", "2", "--tidak-benar", "--alasan", "bukan keluhan")
    assert r.exit_code == 0, r.stderr
    assert lihat(dua_tahun[2])["status"] == "tidak_valid"
    assert lihat(dua_tahun[1])["status"] == "dicatat"


def test_nomor_mirip_bulan_lain_tidak_tertukar(dua_tahun, jalankan) -> None:
    """A full number with the wrong month is not silently taken for the one with that sequence."""
    nomor = dua_tahun[1]
    salah = nomor.replace("/KP/", "/KX/")
    assert "tidak ditemukan" in satu_baris_galat(jalankan("lihat", salah), 1)


def test_tidak_ada_menyebut_nomor_terdekat(dua_tahun, jalankan, arsip) -> None:
    """Unknown: one line naming the nearest existing numbers and keluhan cari; nothing changed."""
    sebelum = potret(arsip)
    baris = satu_baris_galat(jalankan("validasi", "7", "--tidak-benar", "--alasan", "x"), 1)
    assert baris == (f"Galat: Keluhan '7' tidak ditemukan di arsip {arsip}. Nomor terdekat: "
                     f"{dua_tahun[2]}, {dua_tahun[1]}. Cari menurut nama atau isi: keluhan cari TEKS.")
    assert potret(arsip) == sebelum
    baris = satu_baris_galat(jalankan("lihat", "5/2025"), 1)
    assert f"Nomor terdekat: {dua_tahun[0]}." in baris

