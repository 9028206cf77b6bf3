"""An archive is created only on purpose: `keluhan init` makes it; every other command on
a missing archive (catat and impor --jalankan included) refuses with the absolute path and
the remedies, creating nothing. A file that is not a keluhan archive (0 bytes, another
program's SQLite database, not SQLite) is refused and left byte-identical."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

from conftest import PERINTAH_CLI, env_subproses, satu_baris_galat
from keluhan.arsip import pesan_tidak_ada

CATAT = ["catat", "--nama", "PT A", "--media", "email", "--uraian", "x", "--waktu", "2026-11-02 08:00"]

# Every command that reads or changes an archive (init excepted).
BUTUH_ARSIP = [
    CATAT,
    ["catat", "--media", "email"],  # fields missing too: the archive is said first, nothing is prompted for
    ["impor", "{tmp}/register.csv"],
    ["impor", "{tmp}/register.csv", "--jalankan"],
    ["lihat", "001"],
    ["lihat", "001", "--json"],
    ["daftar"],
    ["daftar", "--json"],
    ["terlambat"],
    ["terlambat", "--gagal-jika-ada"],
    ["terlambat", "--json"],
    ["rekap", "--bulan"],
    ["rekap", "--bulan", "2026-10", "--format", "json"],
    ["rekap", "--bulan", "--format", "html", "--keluar", "{tmp}"],
    ["formulir", "001", "--jenis", "fpkp"],
    ["validasi", "001", "--benar", "--teruskan-ke", "Laboratorium Pengujian"],
    ["tindak", "001", "--koreksi", "k", "--pencegahan", "p"],
    ["verifikasi", "001", "--terima"],
    ["informasikan", "001"],
    ["banding", "001", "--alasan", "a"],
    ["koreksi", "001", "--kolom", "telepon", "--nilai", "1", "--alasan", "a"],
    ["libur", "daftar"],
    ["libur", "tambah", "2026-12-30", "Cuti bersama"],
    ["libur", "hapus", "2026-12-25", "--alasan", "a"],
    ["ekspor"],
    ["ekspor", "--keluar", "{tmp}/e.csv"],
    ["periksa"],
    ["cadangkan", "{tmp}/salinan.db"],
]


def _isi_folder(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``folder`` with its bytes and mtime (ns): what "untouched" means."""
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.rglob("*"))
            if p.is_file()}


@pytest.mark.parametrize("argv", BUTUH_ARSIP, ids=lambda a: " ".join(a))
def test_perintah_tanpa_arsip_ditolak(argv: list[str], jalankan, tmp_path: Path) -> None:
    """Each command on a missing archive: exit 1, the absolute path and the remedies, no file created anywhere."""
    (tmp_path / "register.csv").write_text("nama,media,uraian,dicatat\nA,email,x,2026-11-02 08:00\n", encoding="utf-8")
    salah = tmp_path / "salah" / "b.db"
    salah.parent.mkdir()
    sebelum = _isi_folder(tmp_path)
    r = jalankan("--arsip", str(salah), *(a.format(tmp=tmp_path) for a in argv))
    baris = satu_baris_galat(r, 1)
    assert baris == f"Galat: {pesan_tidak_ada(salah)}"
    assert baris == (f"Galat: Arsip tidak ditemukan: {salah}. Buat arsip baru di sana dengan "
                     f"'keluhan --arsip {salah} init', atau tunjuk arsip kantor dengan --arsip JALUR, KELUHAN_ARSIP, "
                     f"atau arsip.jalur di {tmp_path / 'konfig-pengguna' / 'keluhan' / 'keluhan.toml'}.")
    assert _isi_folder(tmp_path) == sebelum
    assert sorted(p.name for p in salah.parent.iterdir()) == []


@pytest.mark.parametrize("argv", [CATAT, ["lihat", "001"], ["daftar"], ["terlambat", "--gagal-jika-ada"], ["rekap", "--bulan"]])
def test_proses_nyata_di_folder_salah(argv: list[str], tmp_path: Path) -> None:
    """As cron or a clerk in the wrong folder runs it (fast path included): refused with the absolute path, nothing appears."""
    env = env_subproses(KELUHAN_PETUGAS="Rina")
    env.pop("KELUHAN_ARSIP")
    kosong = tmp_path / "folder-salah"
    kosong.mkdir()
    p = subprocess.run([*PERINTAH_CLI, *argv], cwd=kosong, env=env, stdin=subprocess.DEVNULL,
                       capture_output=True, text=True, timeout=60)
    assert (p.returncode, p.stdout, p.stderr) == (1, "", f"Galat: {pesan_tidak_ada(kosong / 'archive.db')}\n")
    assert str(kosong / "archive.db") in p.stderr
    assert list(kosong.iterdir()) == []


# -- init ---------------------------------------------------------------------------------------


def test_init_membuat_arsip_dan_pengaturan(jalankan, tmp_path: Path, arsip_baru: bytes, monkeypatch) -> None:
    """init creates the archive and keluhan.toml and prints both absolute paths; the archive is what the fixtures hand out."""
    kantor = tmp_path / "kantor"
    kantor.mkdir()
    monkeypatch.chdir(kantor)
    r = jalankan("--arsip", "register.db", "init")
    assert r.exit_code == 0, r.stderr
    baris = r.stdout.splitlines()
    assert baris[:2] == [f"Arsip dibuat: {kantor / 'register.db'}", f"Pengaturan ditulis: {kantor / 'keluhan.toml'}"]
    assert sorted(p.name for p in kantor.iterdir()) == ["keluhan.toml", "register.db"]
    (tmp_path / "templat.db").write_bytes(arsip_baru)
    with sqlite3.connect(kantor / "register.db") as db, sqlite3.connect(tmp_path / "templat.db") as templat:
        skema = "SELECT type, name, sql FROM sqlite_master ORDER BY name"
        assert db.execute(skema).fetchall() == templat.execute(skema).fetchall()
        assert db.execute("PRAGMA user_version").fetchone() == templat.execute("PRAGMA user_version").fetchone()
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    db.close()
    templat.close()
    r = jalankan("--arsip", "register.db", *CATAT)
    assert (r.exit_code, r.stdout) == (0, "001/KP/BBSPJIKFK/XI/2026\n"), r.stderr


def test_init_kedua_kali_tidak_mengubah_apa_pun(jalankan, tmp_path: Path, catat) -> None:
    """init where both exist: says so with both paths, exit 0, changes nothing (archive and keluhan.toml byte-identical)."""
    catat()
    (tmp_path / "keluhan.toml").write_text('[petugas]\nbawaan = "Rina"\n', encoding="utf-8")
    sebelum = _isi_folder(tmp_path)
    r = jalankan("init")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.splitlines() == [
        f"Arsip sudah ada, tidak diubah: {tmp_path / 'archive.db'}",
        f"Pengaturan sudah ada, tidak diubah: {tmp_path / 'keluhan.toml'} (--paksa menimpanya dengan nilai bawaan; yang lama disimpan sebagai keluhan.toml.bak)",
    ]
    assert _isi_folder(tmp_path) == sebelum


def _init_serentak(kantor: Path, n: int) -> list[tuple[int, str, str]]:
    """``n`` real ``keluhan init`` processes started at once in ``kantor``: (exit code, stdout, stderr) of each."""
    env = env_subproses()
    env["KELUHAN_ARSIP"] = str(kantor / "archive.db")
    proses = [subprocess.Popen([*PERINTAH_CLI, "init"], env=env, cwd=kantor, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(n)]
    keluaran = [p.communicate(timeout=120) for p in proses]
    return [(p.returncode, out, err) for p, (out, err) in zip(proses, keluaran)]


@pytest.mark.parametrize("putaran", range(2))
def test_init_serentak_satu_yang_membuat(tmp_path: Path, putaran: int) -> None:
    """Eight `keluhan init` at once on one path: all exit 0 silently on stderr, exactly one creates the archive and
    exactly one writes keluhan.toml (the others say both exist), the settings file whole, the archive sound and migrated once."""
    from keluhan import berkas_pengaturan, migrasi

    kantor = tmp_path / "kantor"
    kantor.mkdir()
    hasil = _init_serentak(kantor, 8)
    assert [(rc, err) for rc, _, err in hasil] == [(0, "")] * 8, hasil
    arsip, toml = kantor / "archive.db", kantor / "keluhan.toml"
    sudah_ada = f"Pengaturan sudah ada, tidak diubah: {toml} (--paksa"
    assert sum(out.startswith(f"Arsip dibuat: {arsip}\n") for _, out, _ in hasil) == 1, hasil
    assert sum(f"Arsip sudah ada, tidak diubah: {arsip}\n" in out for _, out, _ in hasil) == 7, hasil
    assert sum(f"Pengaturan ditulis: {toml}\n" in out for _, out, _ in hasil) == 1, hasil
    assert sum(sudah_ada in out for _, out, _ in hasil) == 7, hasil
    assert sorted(p.name for p in kantor.iterdir()) == ["archive.db", "keluhan.toml"]
    assert toml.read_text(encoding="utf-8") == berkas_pengaturan.isi_contoh()
    with sqlite3.connect(arsip) as db:
        assert db.execute("SELECT COUNT(*) FROM _migrasi").fetchone() == (migrasi.versi_terbaru(),)
    db.close()
    env = env_subproses() | {"KELUHAN_ARSIP": str(arsip)}
    p = subprocess.run([*PERINTAH_CLI, "periksa"], env=env, cwd=kantor, capture_output=True, text=True, timeout=60)
    assert p.returncode == 0 and p.stdout.startswith("Arsip sehat:"), p.stderr


def test_init_pengaturan_ditulis_proses_lain_sesaat_sebelumnya(jalankan, tmp_path: Path, monkeypatch) -> None:
    """keluhan.toml written by another init between this init's look and its write: exit 0, "sudah ada", that file kept."""
    from keluhan import berkas_pengaturan

    toml = tmp_path / "keluhan.toml"
    asli = berkas_pengaturan.isi_contoh
    milik_lain = asli().replace('bawaan = ""', 'bawaan = "Rina"', 1)
    assert milik_lain != asli()

    def isi_setelah_proses_lain() -> str:
        # The moment the race needs: the other init's file linked in place just now.
        if not toml.exists():
            toml.write_text(milik_lain, encoding="utf-8")
        return asli()

    monkeypatch.setattr(berkas_pengaturan, "isi_contoh", isi_setelah_proses_lain)
    r = jalankan("init")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.splitlines() == [
        f"Arsip sudah ada, tidak diubah: {tmp_path / 'archive.db'}",  # the test's own archive
        f"Pengaturan sudah ada, tidak diubah: {toml} (--paksa menimpanya dengan nilai bawaan; yang lama disimpan sebagai "
        "keluhan.toml.bak)"]
    assert toml.read_text(encoding="utf-8") == milik_lain
    assert sorted(p.name for p in tmp_path.iterdir()) == ["archive.db", "keluhan.toml"]


# -- files that are not a keluhan archive -------------------------------------------------------


def _sqlite_lain(jalur: Path, *, wal: bool) -> None:
    """Another program's SQLite database (a foreign schema, no _migrasi; user_version set as many apps do)."""
    with sqlite3.connect(jalur) as db:
        if wal:
            db.execute("PRAGMA journal_mode = WAL")
        db.execute("CREATE TABLE pelanggan (id INTEGER PRIMARY KEY, nama TEXT)")
        db.execute("INSERT INTO pelanggan (nama) VALUES ('PT Lain')")
        db.execute("PRAGMA user_version = 3")
    db.close()


def _sqlite_kosong(jalur: Path) -> None:
    """An SQLite file with no table at all (a header and an empty schema)."""
    with sqlite3.connect(jalur) as db:
        db.execute("CREATE TABLE t (x)")
        db.execute("DROP TABLE t")
    db.close()


BUKAN_ARSIP = {
    "kosong": lambda p: p.write_bytes(b""),
    "sqlite-lain": lambda p: _sqlite_lain(p, wal=False),
    "sqlite-lain-wal": lambda p: _sqlite_lain(p, wal=True),
    "sqlite-kosong": lambda p: _sqlite_kosong(p),
    "bukan-sqlite": lambda p: p.write_bytes(b"nomor,nama\n001,PT A\n" * 50),
}
_LAIN = ("Galat: Berkas {p} adalah basis data SQLite lain, bukan arsip keluhan (tidak ada tabel _migrasi); "
         "berkas tidak diubah.")
PESAN_BUKAN = {
    "kosong": "Galat: Berkas {p} kosong (0 bait), bukan arsip keluhan; berkas tidak diubah.",
    "sqlite-lain": _LAIN, "sqlite-lain-wal": _LAIN, "sqlite-kosong": _LAIN,
    "bukan-sqlite": "Galat: Berkas {p} bukan arsip keluhan (bukan basis data SQLite); berkas tidak diubah.",
}


@pytest.mark.parametrize("argv", [CATAT, ["impor", "{tmp}/register.csv", "--jalankan"], ["daftar"], ["lihat", "001"],
                                  ["periksa"], ["rekap", "--bulan", "2026-11"], ["init"]],
                         ids=lambda a: " ".join(a[:2]))
@pytest.mark.parametrize("jenis", list(BUKAN_ARSIP))
def test_bukan_arsip_ditolak_tanpa_disentuh(jenis: str, argv: list[str], jalankan, arsip: Path, tmp_path: Path) -> None:
    """A 0-byte file, another program's SQLite file (rollback or WAL, even an empty one) or a non-SQLite file: every
    command (init and periksa included) refuses in one line and the file stays byte- and mtime-identical, nothing beside it."""
    (tmp_path / "register.csv").write_text("nama,media,uraian,dicatat\nA,email,x,2026-11-02 08:00\n", encoding="utf-8")
    arsip.unlink()
    BUKAN_ARSIP[jenis](arsip)
    os.utime(arsip, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))  # a past mtime: any write moves it
    sebelum = _isi_folder(tmp_path)
    r = jalankan(*(a.format(tmp=tmp_path) for a in argv))
    baris = satu_baris_galat(r, 1)
    assert baris.startswith(PESAN_BUKAN[jenis].format(p=arsip)), baris
    assert _isi_folder(tmp_path) == sebelum


def test_periksa_tidak_menyatakan_sehat_berkas_lain(jalankan, arsip: Path) -> None:
    """periksa on another SQLite file or an empty one: not "Arsip sehat", exit 1, the file unchanged (was: migrated, then sound)."""
    for buat in (BUKAN_ARSIP["kosong"], BUKAN_ARSIP["sqlite-lain"]):
        arsip.unlink()
        buat(arsip)
        isi = arsip.read_bytes()
        r = jalankan("periksa")
        assert r.exit_code == 1 and "sehat" not in r.stdout, r.stdout
        assert arsip.read_bytes() == isi
