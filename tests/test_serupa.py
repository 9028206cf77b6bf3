"""Issue 12, catat's duplicate warning (SPEC "catat's duplicate warning"; rule in README):
same e-mail or phone, or same name with a similar description, in the 14 days up to the
recording time. Piped: one line on stderr naming the other number, recorded. At a
terminal: asked, and the default (no) writes nothing."""

from __future__ import annotations

import os
import pty
import select
import subprocess

import pytest

from keluhan import pencarian
from tests.conftest import PERINTAH_CLI, PETUGAS, REPO, baca_db, env_subproses, potret


def _catat(jalankan, **isian):
    args = ["catat", "--media", "email"]
    for k, v in isian.items():
        args += [f"--{k}", v]
    return jalankan(*args)


@pytest.mark.parametrize("lama, baru, sebab", [
    ({"email": "Siti@Contoh.id"}, {"email": "siti@contoh.id"}, "email sama"),
    ({"telepon": "0812-3456-7890"}, {"telepon": "+62 812 3456 7890"}, "telepon sama"),
    ({"nama": "PT Sinar Kimia", "uraian": "LHU nomor 457 belum diterima"},
     {"nama": "pt  sinar kimia", "uraian": "LHU nomor 457 belum diterima juga"}, "nama sama, uraian mirip"),
])
def test_peringatan_tanpa_terminal(lama, baru, sebab, jalankan) -> None:
    """Piped: one stderr line names the earlier number and why; the new complaint is recorded."""
    isi = {"nama": "Pelanggan A", "uraian": "uraian pertama tentang sertifikat", "waktu": "2026-11-02 08:10"}
    r = _catat(jalankan, **(isi | lama))
    assert r.exit_code == 0, r.stderr
    pertama = r.stdout.strip()
    isi2 = {"nama": "Pelanggan B", "uraian": "hal lain sama sekali", "waktu": "2026-11-10 09:00"}
    r = _catat(jalankan, **(isi2 | baru))
    assert r.exit_code == 0, r.stderr
    assert r.stderr == (f"Peringatan: keluhan serupa sudah dicatat dalam 14 hari terakhir: {pertama} ({sebab}); "
                        "keluhan ini tetap dicatat.\n")
    assert r.stdout.strip() != pertama


@pytest.mark.parametrize("baru", [
    {"nama": "PT Sinar Kimia", "uraian": "Sertifikat kalibrasi timbangan salah tanggal", "waktu": "2026-11-10 09:00"},
    {"nama": "Orang Lain", "uraian": "LHU nomor 457 belum diterima", "waktu": "2026-11-10 09:00"},
    {"nama": "PT Sinar Kimia", "uraian": "LHU nomor 457 belum diterima", "waktu": "2026-11-17 08:11"},
])
def test_tanpa_peringatan(baru, jalankan) -> None:
    """Same name with another text, the same text from another customer, or 14 days and a minute later: no warning."""
    r = _catat(jalankan, nama="PT Sinar Kimia", uraian="LHU nomor 457 belum diterima", waktu="2026-11-03 08:10")
    assert r.exit_code == 0, r.stderr
    r = _catat(jalankan, **baru)
    assert r.exit_code == 0 and r.stderr == "", r.stderr


def test_jendela_dari_waktu_pencatatan(jalankan) -> None:
    """14 days back from the recording time given by --waktu, not from now; a later one is not compared."""
    assert _catat(jalankan, nama="A", email="a@x.id", uraian="u", waktu="2026-11-20 08:00").exit_code == 0
    r = _catat(jalankan, nama="B", email="a@x.id", uraian="v", waktu="2026-11-10 08:00")
    assert r.exit_code == 0 and r.stderr == "", r.stderr


def test_ambang_terdokumentasi() -> None:
    """The threshold is a Jaccard overlap strictly above 0.5, as README states."""
    assert pencarian.AMBANG_URAIAN == 0.5 and pencarian.HARI_SERUPA == 14
    assert pencarian.kemiripan_uraian("a b c d", "a b c e") == pytest.approx(3 / 5)
    assert pencarian.kemiripan_uraian("a b", "a c") == pytest.approx(1 / 3)
    assert pencarian.sebab_serupa({"nama": "X", "uraian": "a b c"}, {"nama": "x", "uraian": "a b d e"}) is None
    readme = " ".join((REPO / "README.md").read_text(encoding="utf-8").split())
    assert "in the 14 days up to this one's recording time" in readme and "above 0.5" in readme


def _di_terminal(arsip, argv: list[str], jawab: bytes) -> tuple[int, str]:
    """Run keluhan with stdin, stdout and stderr on a pseudo-terminal, answering ``jawab``."""
    induk, anak = pty.openpty()
    p = subprocess.Popen([*PERINTAH_CLI, "--arsip", str(arsip), *argv], stdin=anak, stdout=anak, stderr=anak,
                         env=env_subproses(KELUHAN_PETUGAS=PETUGAS), close_fds=True)
    os.close(anak)
    keluar, ditulis = b"", False
    while True:
        siap, _, _ = select.select([induk], [], [], 60)
        if not siap:
            p.kill()
            raise AssertionError(keluar)
        try:
            potong = os.read(induk, 4096)
        except OSError:
            break
        if not potong:
            break
        keluar += potong
        if not ditulis and b"[y/T]" in keluar:
            os.write(induk, jawab)
            ditulis = True
    os.close(induk)
    return p.wait(), keluar.decode("utf-8", "replace")


@pytest.mark.parametrize("jawab, tercatat", [(b"\r", False), (b"t\r", False), (b"y\r", True)])
def test_di_terminal_ditanya(jawab, tercatat, jalankan, arsip) -> None:
    """At a terminal the clerk is asked; Enter or 't' writes nothing (exit 1), 'y' records it."""
    assert _catat(jalankan, nama="A", email="a@x.id", uraian="u", waktu="2026-11-02 08:10").exit_code == 0
    pertama = baca_db(arsip, "SELECT nomor FROM keluhan")[0]["nomor"]
    sebelum = potret(arsip)
    kode, layar = _di_terminal(arsip, ["catat", "--nama", "B", "--media", "email", "--email", "A@x.id",
                                       "--uraian", "v", "--waktu", "2026-11-03 08:10"], jawab)
    assert f"{pertama} (email sama)" in layar
    if tercatat:
        assert kode == 0, layar
        assert len(baca_db(arsip, "SELECT nomor FROM keluhan")) == 2
    else:
        assert kode == 1, layar
        assert f"Galat: Tidak dicatat (keluhan serupa: {pertama})" in layar
        assert potret(arsip) == sebelum


def test_yang_dibatalkan_tidak_dibandingkan(jalankan) -> None:
    """A duplicate voided with keluhan batal is no longer named: the warning names only the complaint still on record."""
    isi = {"nama": "PT Sinar Kimia", "uraian": "LHU nomor 457 belum diterima", "waktu": "2026-11-02 08:10"}
    pertama = _catat(jalankan, **isi).stdout.strip()
    r = _catat(jalankan, **(isi | {"waktu": "2026-11-02 08:20"}))
    kedua = r.stdout.strip()
    assert pertama in r.stderr
    assert jalankan("batal", kedua, "--alasan", "Tercatat ganda", "--waktu", "2026-11-02 08:30").exit_code == 0
    r = _catat(jalankan, **(isi | {"waktu": "2026-11-03 09:00"}))
    assert r.exit_code == 0
    assert r.stderr == (f"Peringatan: keluhan serupa sudah dicatat dalam 14 hari terakhir: {pertama} (nama sama, uraian "
                        "mirip); keluhan ini tetap dicatat.\n")
