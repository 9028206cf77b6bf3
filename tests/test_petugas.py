"""The officer register (issue 14): `keluhan petugas ...`, --petugas resolved to one active
officer, effective dating, roles per step, and ISO/IEC 17025 7.9.6 comparing officers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import (
    BERIKUT, PETUGAS, PETUGAS_TEKNIS, PETUGAS_VERIFIKASI, Status, baca_db, potret, satu_baris_galat, ubah_db,
)

NIP_RINA = "198501012010012001"
NIP_ANDI = "198203042008011002"
NIP_BUDI = "197905062006041003"
KIRIL_A = "\u0410"  # CYRILLIC CAPITAL LETTER A, looks like a Latin 'A'


def daftar_tim(jalankan) -> None:
    """The three officers the tests' steps use, registered from the start (as a Balai registers its staff)."""
    for nama, nip, jabatan, peran in (
        (PETUGAS, NIP_RINA, "Petugas PJTK", "pjtk"),
        (PETUGAS_TEKNIS, NIP_ANDI, "Analis Laboratorium Pengujian", "teknis"),
        (PETUGAS_VERIFIKASI, NIP_BUDI, "Koordinator Tim PJTK", "verifikator,koordinator"),
    ):
        r = jalankan("petugas", "tambah", nama, "--nip", nip, "--jabatan", jabatan, "--peran", peran)
        assert r.exit_code == 0, r.stderr


def _daftar(jalankan, *args: str) -> dict:
    r = jalankan("petugas", "daftar", "--json", *args)
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


def test_tambah_daftar_ubah_nonaktifkan_tercatat_berantai(jalankan, arsip: Path) -> None:
    """Each register command writes one chained entry (who, what, when, why); daftar shows the record in force; periksa is sound."""
    daftar_tim(jalankan)
    r = jalankan("petugas", "ubah", "andi", "--jabatan", "Penyelia Laboratorium", "--alasan", "SK No. 7/2026")
    assert r.exit_code == 0, r.stderr
    assert "Andi Saputra" in r.stdout and "Penyelia Laboratorium" in r.stdout
    r = jalankan("petugas", "nonaktifkan", NIP_BUDI, "--alasan", "Mutasi, SK No. 9/2026")
    assert r.exit_code == 0, r.stderr
    d = _daftar(jalankan, "--semua")
    kini = {p["nip"]: p for p in d["petugas"]}
    assert kini[NIP_ANDI]["jabatan"] == "Penyelia Laboratorium" and kini[NIP_ANDI]["aktif"] is True
    assert kini[NIP_BUDI]["aktif"] is False
    assert [(e["aksi"], e["oleh"]) for e in d["riwayat"]] == [
        ("tambah", PETUGAS), ("tambah", PETUGAS), ("tambah", PETUGAS), ("ubah", PETUGAS), ("nonaktifkan", PETUGAS)]
    assert d["riwayat"][4]["alasan"] == "Mutasi, SK No. 9/2026"
    baris = baca_db(arsip, "SELECT urutan, hash_sebelum, hash FROM petugas_riwayat ORDER BY urutan")
    assert [b["urutan"] for b in baris] == [1, 2, 3, 4, 5]
    assert all(b["hash_sebelum"] == a["hash"] for a, b in zip(baris, baris[1:]))
    r = jalankan("periksa")
    assert r.exit_code == 0, r.stdout
    assert f"petugas_riwayat #5, hash {baris[-1]['hash']}" in r.stdout


def test_nama_campuran_aksara_ditolak_saat_pendaftaran(jalankan, arsip: Path) -> None:
    """A Latin name with a Cyrillic letter in it is refused at registration, one line, archive unchanged."""
    sebelum = potret(arsip)
    r = jalankan("petugas", "tambah", f"{KIRIL_A}ndi Saputra", "--nip", NIP_ANDI, "--jabatan", "Analis")
    assert "Kiril" in satu_baris_galat(r, 2)
    assert potret(arsip) == sebelum
    r = jalankan("petugas", "tambah", "Andi Sapu\u03c4ra", "--nip", NIP_ANDI, "--jabatan", "Analis")  # Greek tau
    assert "Yunani" in satu_baris_galat(r, 2)


def test_nama_mirip_petugas_lain_dan_nip_ganda_ditolak(jalankan) -> None:
    """The same name in other case/spacing, or an NIP already registered, is refused: one person, one record."""
    daftar_tim(jalankan)
    r = jalankan("petugas", "tambah", "andi  SAPUTRA", "--nip", "199001012015011009", "--jabatan", "Analis")
    assert "mirip dengan petugas terdaftar Andi Saputra" in satu_baris_galat(r, 2)
    r = jalankan("petugas", "tambah", "Dewi Lestari", "--nip", NIP_ANDI, "--jabatan", "Analis")
    assert f"NIP {NIP_ANDI} sudah terdaftar atas nama Andi Saputra" in satu_baris_galat(r, 2)
    r = jalankan("petugas", "tambah", "Dewi Lestari", "--nip", "12a4", "--jabatan", "Analis")
    assert "NIP '12a4' tidak sah" in satu_baris_galat(r, 2)
    r = jalankan("petugas", "tambah", "Dewi Lestari", "--nip", "199001012015012010", "--jabatan", "Analis",
                 "--peran", "kepala")
    assert "Peran 'kepala' tidak dikenal" in satu_baris_galat(r, 2)


def test_petugas_diselesaikan_ke_satu_petugas_aktif(jalankan, catat, lihat, arsip: Path) -> None:
    """Once officers exist, --petugas names exactly one active officer (case, spacing, unique prefix, NIP) and the
    registered name is stored; an unknown or ambiguous one is refused with the candidates, archive unchanged."""
    daftar_tim(jalankan)
    nomor = catat(petugas="rina   WULANDARI")
    assert lihat(nomor)["petugas_pencatat"] == PETUGAS
    nomor = catat(petugas="rin")
    assert lihat(nomor)["petugas_pencatat"] == PETUGAS
    nomor = catat(petugas=NIP_BUDI)
    assert lihat(nomor)["petugas_pencatat"] == PETUGAS_VERIFIKASI
    sebelum = potret(arsip)
    r = jalankan("catat", "--nama", "PT X", "--media", "email", "--uraian", "x", petugas="Rini")
    pesan = satu_baris_galat(r, 2)
    assert "'Rini' tidak ada di register petugas" in pesan and PETUGAS in pesan and PETUGAS_TEKNIS in pesan
    assert potret(arsip) == sebelum
    assert jalankan("petugas", "tambah", "Budi Hartono", "--nip", "198807082012011004", "--jabatan", "Analis").exit_code == 0
    r = jalankan("catat", "--nama", "PT X", "--media", "email", "--uraian", "x", petugas="budi")
    pesan = satu_baris_galat(r, 2)
    assert "lebih dari satu petugas" in pesan and "Budi Santoso (NIP" in pesan and "Budi Hartono (NIP" in pesan


def test_sebelum_ada_petugas_terdaftar_nama_bebas(catat, lihat) -> None:
    """An archive without officers keeps the first release's behaviour: --petugas stored as typed."""
    nomor = catat(petugas="Seseorang Baru")
    assert lihat(nomor)["petugas_pencatat"] == "Seseorang Baru"


def test_petugas_bawaan_berkas_arsip_ditolak_sesudah_register_ada(jalankan, arsip: Path, monkeypatch) -> None:
    """The archive's shared keluhan.toml petugas.bawaan would sign every clerk's steps with one name: refused once officers exist."""
    (arsip.parent / "keluhan.toml").write_text('[petugas]\nbawaan = "Rina Wulandari"\n', encoding="utf-8")
    monkeypatch.delenv("KELUHAN_PETUGAS")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(arsip.parent / "kosong"))
    assert jalankan("catat", "--nama", "PT X", "--media", "email", "--uraian", "x").exit_code == 0  # no register yet
    assert jalankan("petugas", "tambah", PETUGAS, "--nip", NIP_RINA, "--jabatan", "Petugas PJTK").exit_code == 0
    r = jalankan("catat", "--nama", "PT Y", "--media", "telepon", "--uraian", "Sertifikat belum terbit")
    assert "petugas.bawaan di keluhan.toml arsip tidak dipakai" in satu_baris_galat(r, 2)
    r = jalankan("catat", "--nama", "PT Z", "--media", "fax", "--uraian", "Kalibrasi tertunda", petugas="rina")
    assert r.exit_code == 0, r.stderr


def test_verifikasi_oleh_nama_homoglif_ditolak_tanpa_register(sampai, jalankan, arsip: Path) -> None:
    """Issue 14's reproduction: the CAPA's recorder typing his name with a Cyrillic 'А' is still the same person to 7.9.6."""
    nomor = sampai(Status.DITINDAKLANJUTI)
    sebelum = potret(arsip)
    r = jalankan("verifikasi", nomor, "--terima", "--waktu", BERIKUT, petugas=KIRIL_A + PETUGAS_TEKNIS[1:])
    assert "ISO/IEC 17025 7.9.6" in satu_baris_galat(r, 1)
    assert potret(arsip) == sebelum


def test_verifikasi_membandingkan_petugas_bukan_teks(sampai, jalankan, arsip: Path, lihat) -> None:
    """With officers registered, 7.9.6 compares officers: the recorder under his NIP, or his name before a change, is refused."""
    nomor = sampai(Status.DITINDAKLANJUTI)  # tindak by "Andi Saputra" (free text then)
    daftar_tim(jalankan)
    r = jalankan("verifikasi", nomor, "--terima", "--waktu", BERIKUT, petugas=NIP_ANDI)
    assert "ISO/IEC 17025 7.9.6" in satu_baris_galat(r, 1)
    r = jalankan("petugas", "ubah", PETUGAS_TEKNIS, "--nama", "Andi Saputra, S.Si.", "--alasan", "Gelar baru",
                 "--berlaku-sejak", "2026-11-05")
    assert r.exit_code == 0, r.stderr
    r = jalankan("verifikasi", nomor, "--terima", "--waktu", BERIKUT, petugas="Andi Saputra, S.Si.")
    assert "ISO/IEC 17025 7.9.6" in satu_baris_galat(r, 1)
    r = jalankan("verifikasi", nomor, "--terima", "--waktu", BERIKUT, petugas="budi")
    assert r.exit_code == 0, r.stderr
    assert lihat(nomor)["petugas_verifikasi"] == PETUGAS_VERIFIKASI
    assert jalankan("periksa").exit_code == 0


def test_petugas_ditentukan_pada_waktu_langkah(sampai, jalankan, lihat) -> None:
    """Effective dating: a deactivated officer still resolves for a step dated before the deactivation, not after."""
    nomor = sampai(Status.DITINDAKLANJUTI)
    daftar_tim(jalankan)
    r = jalankan("petugas", "nonaktifkan", "budi", "--alasan", "Mutasi", "--berlaku-sejak", "2026-11-06")
    assert r.exit_code == 0, r.stderr
    assert "dinonaktifkan, berlaku sejak 6 November 2026 00.00 WIB;" in r.stdout, r.stdout  # readable, as pengaturan ubah
    r = jalankan("verifikasi", nomor, "--terima", "--waktu", BERIKUT, petugas="budi")
    assert "tidak aktif sejak 6 November 2026 00.00 WIB" in satu_baris_galat(r, 2)
    r = jalankan("petugas", "nonaktifkan", "budi", "--alasan", "Lagi")
    assert satu_baris_galat(r, 2) == f"Galat: Petugas {PETUGAS_VERIFIKASI} sudah tidak aktif sejak 6 November 2026 00.00 WIB."
    r = jalankan("verifikasi", nomor, "--terima", "--waktu", "2026-11-05 09:00", petugas="budi")
    assert r.exit_code == 0, r.stderr
    assert lihat(nomor)["petugas_verifikasi"] == PETUGAS_VERIFIKASI


def test_peran_per_langkah_dapat_diwajibkan(sampai, jalankan, lihat) -> None:
    """Off by default; with peran.langkah_5 = verifikator a verification by an officer without that role is refused."""
    nomor = sampai(Status.DITINDAKLANJUTI)
    daftar_tim(jalankan)
    r = jalankan("pengaturan", "ubah", "peran.langkah_5", "verifikator", "--alasan", "Prosedur mutu rev. 2",
                 "--berlaku-sejak", "2026-11-01")
    assert r.exit_code == 0, r.stderr
    r = jalankan("verifikasi", nomor, "--terima", "--waktu", BERIKUT, petugas="rina")
    pesan = satu_baris_galat(r, 1)
    assert "harus dicatat petugas berperan verifikator" in pesan and PETUGAS_VERIFIKASI in pesan
    r = jalankan("verifikasi", nomor, "--terima", "--waktu", BERIKUT, petugas="budi")
    assert r.exit_code == 0, r.stderr
    r = jalankan("pengaturan", "ubah", "peran.langkah_6", "kepala", "--alasan", "x")
    assert "tidak sah" in satu_baris_galat(r, 2)


def test_penanggung_jawab_memakai_nama_terdaftar(sampai, jalankan, lihat) -> None:
    """tindak --penanggung-jawab naming one officer stores the registered name; a post outside the register is kept as written."""
    daftar_tim(jalankan)
    nomor = sampai(Status.DIVALIDASI)
    r = jalankan("tindak", nomor, "--koreksi", "Kirim ulang LHU", "--pencegahan", "Pantau tenggat",
                 "--penanggung-jawab", "budi santoso", "--waktu", BERIKUT, petugas=PETUGAS_TEKNIS)
    assert r.exit_code == 0, r.stderr
    assert lihat(nomor)["tindakan"][-1]["penanggung_jawab"] == PETUGAS_VERIFIKASI
    nomor = sampai(Status.DIVALIDASI)
    r = jalankan("tindak", nomor, "--koreksi", "Kirim ulang LHU", "--pencegahan", "Pantau tenggat",
                 "--penanggung-jawab", "Kepala Lab Pengujian", "--waktu", BERIKUT, petugas=PETUGAS_TEKNIS)
    assert r.exit_code == 0, r.stderr
    assert lihat(nomor)["tindakan"][-1]["penanggung_jawab"] == "Kepala Lab Pengujian"


@pytest.mark.parametrize("perintah, pesan", [
    ("UPDATE petugas_riwayat SET jabatan = 'Kepala Balai' WHERE urutan = 2", "isinya tidak cocok dengan hash-nya"),
    ("DELETE FROM petugas_riwayat WHERE urutan = 3", "hilang dari akhir buku"),
])
def test_periksa_menangkap_register_diubah(jalankan, arsip: Path, perintah: str, pesan: str) -> None:
    """A register entry rewritten or removed with plain SQL (triggers dropped) is a periksa finding."""
    daftar_tim(jalankan)
    ubah_db(arsip, "DROP TRIGGER petugas_riwayat_tolak_ubah", "DROP TRIGGER petugas_riwayat_tolak_hapus", perintah)
    r = jalankan("periksa")
    assert r.exit_code == 1
    assert pesan in r.stdout


def test_periksa_menangkap_entri_yang_tidak_akan_ditulis_program(jalankan, arsip: Path) -> None:
    """A well-chained entry the program would refuse (a homoglyph name) is still a finding: the replay checks each entry."""
    import sqlite3
    from contextlib import closing

    from keluhan import rantai, registri

    daftar_tim(jalankan)
    with closing(sqlite3.connect(arsip, isolation_level=None)) as db:
        db.execute("BEGIN")
        registri.catat(db, aksi="tambah", nip="199901012020011111", nama=KIRIL_A + "ndi Saputra", jabatan="Analis",
                       peran=(), tim=None, aktif=True, berlaku_sejak=None, oleh=PETUGAS, alasan="palsu",
                       sistem="2026-11-20T08:00:00+07:00")
        db.execute("COMMIT")
        assert rantai.ujung(db, rantai.PETUGAS)[0] == 4
    r = jalankan("periksa")
    assert r.exit_code == 1
    assert "Petugas_riwayat #4 (tambah)" in r.stdout and "Kiril" in r.stdout


def test_petugas_tambah_oleh_yang_belum_terdaftar_menyebut_jalan_keluar(jalankan, arsip: Path) -> None:
    """A clerk who registered someone else first and then tries to register herself is refused with the way out
    (act as a registered officer), not told to run the very 'petugas tambah' that was refused; nothing written."""
    r = jalankan("petugas", "tambah", PETUGAS_VERIFIKASI, "--nip", NIP_BUDI, "--jabatan", "Koordinator Tim PJTK")
    assert r.exit_code == 0, r.stderr
    sebelum = potret(arsip)
    pesan = satu_baris_galat(jalankan("petugas", "tambah", PETUGAS, "--nip", NIP_RINA, "--jabatan", "Petugas PJTK"), 2)
    assert pesan == (
        f"Galat: --petugas '{PETUGAS}' tidak ada di register petugas (yang aktif: {PETUGAS_VERIFIKASI}). Register "
        "petugas diubah oleh petugas yang sudah terdaftar: ulangi dengan --petugas salah satu yang aktif itu "
        "(pendaftar pertama sebaiknya mendaftarkan dirinya sendiri lebih dahulu).")
    assert potret(arsip) == sebelum
    r = jalankan("petugas", "tambah", PETUGAS, "--nip", NIP_RINA, "--jabatan", "Petugas PJTK", petugas=PETUGAS_VERIFIKASI)
    assert r.exit_code == 0, r.stderr
