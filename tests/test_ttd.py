"""Signature blocks that match the record (issue 14): each names the officer who performed
the step, with NIP and jabatan from the officer register as it stood then; an official from
the settings only for an approval the record does not hold, marked as such; a blank line to
sign where no officer is known."""

from __future__ import annotations

from pathlib import Path

from conftest import PETUGAS, PETUGAS_TEKNIS, PETUGAS_VERIFIKASI, Status
from test_petugas import NIP_ANDI, NIP_BUDI, NIP_RINA, daftar_tim

KOORDINATOR = "Dra. Ratna Sari Dewi"
TANDA = "pejabat menurut pengaturan; persetujuannya tidak tercatat di arsip"


def _pengaturan(arsip: Path) -> None:
    (arsip.parent / "keluhan.toml").write_text(
        "[pejabat.koordinator_pjtk]\n"
        f'jabatan = "Koordinator Tim PJTK"\nnama = "{KOORDINATOR}"\nnip = "197001011995032001"\n'
        "[pejabat.manajer_mutu]\n"
        'jabatan = "Manajer Mutu"\nnama = "Ir. Bambang Hartono, M.T."\nnip = "197511052000031002"\n',
        encoding="utf-8")


def _formulir(jalankan, nomor: str, jenis: str, fmt: str = "md") -> str:
    r = jalankan("formulir", nomor, "--jenis", jenis, "--format", fmt)
    assert r.exit_code == 0, r.stderr
    return r.stdout


def _ttd(teks: str) -> dict[str, list[str]]:
    """The Markdown signature table: row label -> cells."""
    baris = {}
    for b in teks.splitlines():
        if b.startswith("| ") and b.split("|")[1].strip() in ("Jabatan", "Nama", "NIP", "Keterangan", ""):
            sel = [c.strip() for c in b.strip().strip("|").split("|")]
            baris[sel[0]] = sel[1:]
    return baris


def test_ftkp_diverifikasi_oleh_pemverifikasi_bukan_koordinator_pengaturan(sampai, jalankan, arsip: Path) -> None:
    """Issue 14's reproduction: the FTKP's 'Diverifikasi oleh' signature is the officer who verified, not keluhan.toml's koordinator."""
    nomor = sampai(Status.DIVERIFIKASI)
    _pengaturan(arsip)
    ttd = _ttd(_formulir(jalankan, nomor, "ftkp"))
    assert ttd[""][:2] == ["Ditetapkan oleh", "Diverifikasi oleh"]
    assert ttd["Nama"][:2] == [PETUGAS_TEKNIS, PETUGAS_VERIFIKASI]
    assert KOORDINATOR not in ttd["Nama"]
    assert ttd["Keterangan"] == ["", "", TANDA]  # the Manajer Mutu's acknowledgement is not in the record
    html = _formulir(jalankan, nomor, "ftkp", "html")
    blok = html[html.index('class="tanda-tangan"'):]
    assert PETUGAS_VERIFIKASI in blok and KOORDINATOR not in blok


def test_ftkp_sebelum_verifikasi_baris_kosong_bukan_nama_lain(jalankan, sampai, arsip: Path) -> None:
    """No verifier yet: a blank line to sign, never the koordinator from the settings."""
    nomor = sampai(Status.DITINDAKLANJUTI)
    _pengaturan(arsip)
    ttd = _ttd(_formulir(jalankan, nomor, "ftkp"))
    assert ttd["Nama"][1] == "(..............................)"
    assert ttd["NIP"][1] == ""
    html = _formulir(jalankan, nomor, "ftkp", "html")
    assert KOORDINATOR not in html


def test_tanda_tangan_memuat_nip_dan_jabatan_dari_register_saat_langkah(jalankan, catat, arsip: Path) -> None:
    """With the register: NIP and jabatan of the officer as registered at the step's time (a later promotion does not rewrite an old form)."""
    daftar_tim(jalankan)
    nomor = catat()
    assert jalankan("validasi", nomor, "--benar", "--teruskan-ke", "Laboratorium Pengujian",
                    "--waktu", "2026-11-02 08:20").exit_code == 0
    r = jalankan("tindak", nomor, "--koreksi", "LHU dikirim ulang", "--pencegahan", "Pantau tenggat",
                 "--waktu", "2026-11-03 10:00", petugas="andi")
    assert r.exit_code == 0, r.stderr
    r = jalankan("verifikasi", nomor, "--terima", "--waktu", "2026-11-03 11:00", petugas="budi")
    assert r.exit_code == 0, r.stderr
    r = jalankan("petugas", "ubah", "andi", "--jabatan", "Kepala Laboratorium Pengujian", "--alasan", "SK promosi",
                 "--berlaku-sejak", "2026-11-05")
    assert r.exit_code == 0, r.stderr
    ttd = _ttd(_formulir(jalankan, nomor, "ftkp"))
    assert ttd["Jabatan"][:2] == ["Analis Laboratorium Pengujian", "Koordinator Tim PJTK"]
    assert ttd["NIP"][:2] == [" ".join((NIP_ANDI[:8], NIP_ANDI[8:14], NIP_ANDI[14], NIP_ANDI[15:])),
                              " ".join((NIP_BUDI[:8], NIP_BUDI[8:14], NIP_BUDI[14], NIP_BUDI[15:]))]
    ttd = _ttd(_formulir(jalankan, nomor, "tanda-terima"))
    assert ttd["Nama"] == [PETUGAS] and ttd["NIP"] == [f"{NIP_RINA[:8]} {NIP_RINA[8:14]} {NIP_RINA[14]} {NIP_RINA[15:]}"]
    html = _formulir(jalankan, nomor, "fpkp", "html")
    assert f"NIP {NIP_RINA[:8]} {NIP_RINA[8:14]} {NIP_RINA[14]} {NIP_RINA[15:]}" in html


def test_nama_dengan_gelar_tetap_mendapat_nip(jalankan, catat, arsip: Path) -> None:
    """Issue 14: 'Siti Aminah' typed, 'Siti Aminah, S.Si.' registered: the receipt carries the registered name and NIP, not 'NIP ......'."""
    r = jalankan("petugas", "tambah", "Siti Aminah, S.Si.", "--nip", "198503122010012003", "--jabatan", "Petugas PJTK")
    assert r.exit_code == 0, r.stderr
    nomor = catat(petugas="Siti Aminah")
    ttd = _ttd(_formulir(jalankan, nomor, "tanda-terima"))
    assert ttd["Nama"] == ["Siti Aminah, S.Si."] and ttd["NIP"] == ["19850312 201001 2 003"]


def test_ftkp_tim_teknis_tidak_diawali_dua_kali(jalankan, catat) -> None:
    """Issue 14: a team already named 'Tim ...' is not printed as 'Tim Teknis Tim Inspeksi'."""
    nomor = catat()
    assert jalankan("validasi", nomor, "--benar", "--teruskan-ke", "Tim Inspeksi", "--waktu", "2026-11-02 08:20").exit_code == 0
    r = jalankan("tindak", nomor, "--koreksi", "Inspeksi ulang", "--pencegahan", "Jadwal ditinjau",
                 "--waktu", "2026-11-03 10:00", petugas=PETUGAS_TEKNIS)
    assert r.exit_code == 0, r.stderr
    for fmt in ("md", "html"):
        teks = _formulir(jalankan, nomor, "ftkp", fmt)
        assert "Tim Teknis Tim" not in teks
    assert _ttd(_formulir(jalankan, nomor, "ftkp"))["Jabatan"][0] == "Tim Inspeksi"


def test_surat_hasil_tanggal_terima_dari_diajukan(jalankan, catat) -> None:
    """Issue 14: a letter that arrived on 30 November and was typed in on 2 December is 'kami terima pada 30 November 2026'."""
    nomor = catat(diajukan="2026-11-30 09:00", waktu="2026-12-01 08:00")
    r = jalankan("validasi", nomor, "--tidak-benar", "--alasan", "Di luar lingkup", "--waktu", "2026-12-01 08:10")
    assert r.exit_code == 0, r.stderr
    for fmt in ("md", "html"):
        teks = _formulir(jalankan, nomor, "surat-hasil", fmt)
        assert "kami terima pada 30 November 2026" in teks


def test_pejabat_pengaturan_ditandai(jalankan, sampai, arsip: Path) -> None:
    """An official printed from the settings (an approval the record does not hold) is marked as such; a blank one is not."""
    nomor = sampai(Status.DIVERIFIKASI)
    _pengaturan(arsip)
    ttd = _ttd(_formulir(jalankan, nomor, "fpkp"))
    assert ttd["Nama"] == [PETUGAS, KOORDINATOR] and ttd["Keterangan"] == ["", TANDA]
    assert TANDA in _formulir(jalankan, nomor, "fpkp", "html")
    ttd = _ttd(_formulir(jalankan, nomor, "tanda-terima"))
    assert "Keterangan" not in ttd
    (arsip.parent / "keluhan.toml").unlink()
    assert TANDA not in _formulir(jalankan, nomor, "fpkp") + _formulir(jalankan, nomor, "fpkp", "html")



def test_demo_mendaftarkan_petugasnya(tmp_path_factory, jalankan) -> None:
    """make demo registers its officers: every step's officer is a registered one, and the demo's forms carry their NIP and jabatan."""
    import sqlite3
    from contextlib import closing

    from _bantu_kantor import arsip_demo

    jalur = arsip_demo(tmp_path_factory)
    with closing(sqlite3.connect(jalur)) as db:
        terdaftar = {r[0] for r in db.execute("SELECT nama FROM petugas_riwayat")}
        pelaku = {r[0] for r in db.execute("SELECT DISTINCT petugas FROM riwayat")}
    assert len(terdaftar) == 6 and pelaku <= terdaftar, pelaku - terdaftar
    r = jalankan("--arsip", str(jalur), "formulir", "002/KP/BBSPJIKFK/X/2026", "--jenis", "ftkp")
    assert r.exit_code == 0, r.stderr
    ttd = _ttd(r.stdout)
    assert ttd["Nama"][:2] == ["Siti Aminah", "Agus Prasetyo"]
    assert ttd["Jabatan"][:2] == ["Analis Laboratorium Kalibrasi", "Koordinator Tim PJTK"]
    assert ttd["NIP"][:2] == ["19850312 201001 2 003", "19800101 200501 1 001"]
