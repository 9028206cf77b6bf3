"""`init --paksa --konfigurasi` naming an existing archive never replaces that archive with a
settings file (found by the fuzz test: the archive was moved aside as .bak)."""

from __future__ import annotations

from conftest import potret, satu_baris_galat


def test_init_paksa_tidak_menimpa_arsip_lain(arsip, jalankan) -> None:
    """The settings file is not written over a SQLite archive, even with --paksa: one line, nothing changed."""
    sebelum = potret(arsip)
    r = jalankan("init", "--paksa", f"--arsip={arsip}-baru.db", f"--konfigurasi={arsip}")
    assert "bukan berkas pengaturan" in satu_baris_galat(r, 1)
    assert potret(arsip) == sebelum
    assert not (arsip.parent / "archive.db.bak").exists()
