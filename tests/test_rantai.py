"""rantai: the one list of hash chains, and one recipe that every chain's stored hashes follow."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from keluhan import pengaturan, rantai
from keluhan.arsip import Arsip
from keluhan.workflow import Aksi


def _arsip_berisi(jalur: Path) -> None:
    a = Arsip(jalur, pengaturan.muat(None))
    try:
        a.ubah_register("tambah", petugas="Rina", nama="Rina Wulandari", nip="198501012010012001",
                        jabatan="Petugas PJTK", peran=["pjtk"])
        kid = a.catat(petugas="Rina", isian={"nama": "PT Maju", "media": "email", "uraian": "LHU terlambat, ü é"})["id"]
        a.langkah(kid, Aksi.VALIDASI_BENAR, petugas="Rina", rincian={"tim_teknis": "Laboratorium Pengujian"})
    finally:
        a.tutup()


def test_setiap_rantai_mengikuti_resep_yang_sama(tmp_path: Path) -> None:
    """Every listed chain's stored hashes are the one recipe over its listed columns, linked from 64 zeros."""
    jalur = tmp_path / "archive.db"
    _arsip_berisi(jalur)
    db = sqlite3.connect(jalur)
    try:
        for r in rantai.SEMUA:
            sebelum, n = rantai.HASH_AWAL, 0
            for urutan, *isi, hash_sebelum, h in db.execute(rantai.sql_entri(r)):
                assert (urutan, hash_sebelum) == (n + 1, sebelum), r.tabel
                assert rantai.hash_entri(hash_sebelum, isi) == h, (r.tabel, urutan)
                sebelum, n = h, urutan
            assert n > 0, f"{r.tabel} is empty in a used archive"
            assert rantai.ujung(db, r) == (n, sebelum)
    finally:
        db.close()


def test_daftar_rantai_sama_dengan_tabel_berantai_di_skema(tmp_path: Path) -> None:
    """Every table of the schema with a hash chain (hash_sebelum and hash columns) is in the list, and only those."""
    jalur = tmp_path / "archive.db"
    _arsip_berisi(jalur)
    db = sqlite3.connect(jalur)
    try:
        berantai = {
            t for (t,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if {"hash_sebelum", "hash"} <= {c[1] for c in db.execute(f"PRAGMA table_info({t})")}
        }
        assert berantai == {r.tabel for r in rantai.SEMUA}
        for r in rantai.SEMUA:
            kolom = [c[1] for c in db.execute(f"PRAGMA table_info({r.tabel})")]
            assert set(r.kolom) <= set(kolom), r.tabel
    finally:
        db.close()


def test_periksa_memutar_ulang_setiap_buku_yang_terdaftar(tmp_path: Path) -> None:
    """periksa walks every ledger rantai.BUKU lists with its one walker and has a replay for each, and no other."""
    from keluhan import periksa

    assert set(periksa._PUTAR) == {r.tabel for r in rantai.BUKU}
    jalur = tmp_path / "archive.db"
    _arsip_berisi(jalur)
    db = sqlite3.connect(jalur, isolation_level=None)
    try:
        lapor = periksa.periksa(db)
    finally:
        db.close()
    assert lapor.sehat, lapor.temuan
    assert set(lapor.ujung) == {r.tabel for r in rantai.BUKU}
    assert all(u > 0 for u, _ in lapor.ujung.values())


def test_teks_json_sqlite_sama_dengan_resep() -> None:
    """The recipe's JSON text as SQLite writes it (periksa's chain pass) is Python's, byte for byte, or NULL."""
    aneh = ["".join(map(chr, range(0x20))), 'kutip " dan \\ garis', "\x7f\u2028\u2029 é 漢字 😀 e\u0301", "", " "]
    kolom = rantai.RIWAYAT.kolom
    db = sqlite3.connect(":memory:")
    db.execute(f"CREATE TABLE riwayat (urutan INTEGER PRIMARY KEY, {', '.join(kolom)}, hash_sebelum, hash)")
    baris = [[teks, 2**63 - 1, -7, None, teks, "a", teks, "2026-01-01T08:00:00+07:00", "x", '{"a": "\\n"}']
             for teks in aneh]
    baris += [["k", 1.5, "a", None, None, None, None, None, None, "{}"], ["k", 1, b"blob", None, None, None, None,
                                                                          None, None, "{}"]]
    for u, b in enumerate(baris, start=1):
        db.execute(f"INSERT INTO riwayat VALUES ({', '.join('?' * (len(kolom) + 3))})", (u, *b[1:], b[0], "h"))
    hasil = db.execute(rantai.sql_entri_teks(rantai.RIWAYAT)).fetchall()
    for b, r in zip(baris, hasil):
        if any(isinstance(x, (float, bytes)) for x in b):
            assert r[-1] is None
        else:
            assert r[-1] == rantai._JSON.encode([b[0], *b[1:]])
            assert rantai.hash_teks(r[-1]) == rantai.hash_entri(b[0], b[1:])


def test_periksa_nilai_real_dihash_dengan_resep_python(tmp_path: Path) -> None:
    """An event holding a real (SQLite cannot write the recipe's text) is hashed by Python's encoder from its row read again: its own hash holds, an edit to it does not."""
    from keluhan import periksa

    jalur = tmp_path / "archive.db"
    _arsip_berisi(jalur)
    db = sqlite3.connect(jalur, isolation_level=None)
    try:
        db.execute("DROP TRIGGER riwayat_tolak_ubah")
        u, hs = db.execute("SELECT urutan, hash_sebelum FROM riwayat ORDER BY urutan DESC LIMIT 1").fetchone()
        db.execute("UPDATE riwayat SET langkah = 3.5 WHERE urutan = ?", (u,))
        isi = db.execute(f"SELECT {', '.join(rantai.RIWAYAT.kolom)} FROM riwayat WHERE urutan = ?", (u,)).fetchone()
        assert isinstance(isi[1], float)
        db.execute("UPDATE riwayat SET hash = ? WHERE urutan = ?", (rantai.hash_entri(hs, isi), u))
        temuan = periksa.periksa(db).temuan
        assert not any("hash" in t for t in temuan) and any(f"Peristiwa #{u}" in t and "langkah 3.5" in t for t in temuan)
        db.execute("UPDATE riwayat SET petugas = 'Palsu' WHERE urutan = ?", (u,))
        temuan = periksa.periksa(db).temuan
        assert f"Peristiwa #{u} (keluhan " in "\n".join(temuan) and any(
            f"#{u}" in t and ", validasi_benar): isinya tidak cocok dengan hash-nya" in t for t in temuan), temuan
    finally:
        db.close()
