"""Shared fixtures: every test gets its own new archive file under tmp_path (as
``keluhan init`` makes it) and a clean environment, and drives the real CLI (``keluhan.cli.app``) through Typer's CliRunner.

Helpers that record complaints use plausible past times in November 2026 (the SOP's
clock runs on ``--waktu``, and a time in the future is refused).
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator, Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from keluhan.cli import app
from keluhan.workflow import TRANSISI, Aksi, Status, mengubah_status, transisi

REPO = Path(__file__).resolve().parents[1]

# Long runs of the property and fuzz tests: pytest --hypothesis-profile=panjang
# (tests size their CI runs with max(n, settings.default.max_examples)).
from hypothesis import settings as _hypothesis  # noqa: E402

_hypothesis.register_profile("panjang", max_examples=5000, deadline=None)

# Who does what in the tests. The verifier must differ from who recorded the action
# (ISO/IEC 17025 7.9.6), so steps 4 and 5 have their own officers.
PETUGAS = "Rina Wulandari"          # Staff PJTK: KELUHAN_PETUGAS in every test
PETUGAS_TEKNIS = "Andi Saputra"     # Tim Teknis: records `tindak`
PETUGAS_VERIFIKASI = "Budi Santoso"  # PJTK: verifies
PETUGAS_PUTUSAN = "Dewi Lestari"    # decides appeals: took no part in handling the complaint

ZONA = "+07:00"
# A Monday; the customer submits at 08:00, every step follows on the same or next days.
MULAI = datetime(2026, 11, 2, 8, 0)
# When the n-th event of a complaint happens (0 = catat), relative to its submission.
_JEDA = (
    timedelta(minutes=10),            # catat           Mon 08:10
    timedelta(minutes=20),            # validasi        Mon 08:20
    timedelta(days=1, hours=2),       # tindak          Tue 10:00
    timedelta(days=1, hours=3),       # verifikasi      Tue 11:00
    timedelta(days=1, hours=3, minutes=30),  # informasikan Tue 11:30
    timedelta(days=3, hours=1),       # banding         Thu 09:00
)
# A time after every step `sampai` records (Mon 9 Nov 2026 09:00) and well within
# the 15-day appeal window of an informasikan at MULAI + 1 day.
BERIKUT = "2026-11-09 09:00"
# The end of the appeal window of sampai's informasikan (Tue 3 Nov 2026 11:30): 15 working
# days, 4-24 November (no holiday between), to the office's closing time that day.
BATAS_BANDING_JALUR = "Selasa, 24 November 2026 pukul 16.00 WIB"

# The SOP step of each event, as SPEC.md's workflow table states it (not read from code).
LANGKAH_SPEC: dict[str, int] = {
    "catat": 2, "validasi_benar": 3, "validasi_tidak_benar": 3, "tindak": 4,
    "verifikasi_terima": 5, "verifikasi_kembalikan": 5, "informasikan": 6, "banding": 7,
    "putusan_diterima": 8, "putusan_ditolak": 8,
}

# The shortest plausible history that brings a new complaint to each status.
JALUR: dict[Status, tuple[Aksi, ...]] = {
    Status.DICATAT: (),
    Status.DIVALIDASI: (Aksi.VALIDASI_BENAR,),
    Status.TIDAK_VALID: (Aksi.VALIDASI_TIDAK_BENAR,),
    Status.DITINDAKLANJUTI: (Aksi.VALIDASI_BENAR, Aksi.TINDAK),
    Status.DIVERIFIKASI: (Aksi.VALIDASI_BENAR, Aksi.TINDAK, Aksi.VERIFIKASI_TERIMA),
    Status.SELESAI: (Aksi.VALIDASI_BENAR, Aksi.TINDAK, Aksi.VERIFIKASI_TERIMA, Aksi.INFORMASIKAN),
    Status.BANDING: (
        Aksi.VALIDASI_BENAR, Aksi.TINDAK, Aksi.VERIFIKASI_TERIMA, Aksi.INFORMASIKAN, Aksi.BANDING,
    ),
    Status.BATAL: (Aksi.BATAL,),
}


# Every step command (what a clerk can type about an existing complaint).
# The status-less events (koreksi, kabari, efektivitas, kepuasan) are no steps.
AKSI_LANGKAH = [a for a in Aksi if a.value in LANGKAH_SPEC and a is not Aksi.CATAT]
# The allowed and the refused (status, step) pairs, generated from the table. Reaching
# 'banding' (and recording one) needs the working calendar: those are in test_banding.py.
DIIZINKAN = [
    (s, a) for s, baris in TRANSISI.items() if s not in (None, Status.BANDING) for a in baris if a is not Aksi.BANDING
]
DITOLAK = [
    (s, a) for s in Status if s is not Status.BANDING for a in AKSI_LANGKAH if transisi(s, a) is None
]


def id_param(x: Any) -> str:
    """Readable test ids: 'dicatat-tindak'."""
    return getattr(x, "value", str(x))


def langkah_cli(aksi: Aksi, ref: str) -> tuple[list[str], str]:
    """The command line (complete and valid) that performs ``aksi``, and who runs it."""
    return {
        Aksi.VALIDASI_BENAR: (
            ["validasi", ref, "--benar", "--teruskan-ke", "Laboratorium Pengujian"], PETUGAS),
        Aksi.VALIDASI_TIDAK_BENAR: (
            ["validasi", ref, "--tidak-benar", "--alasan", "Di luar lingkup layanan Balai"], PETUGAS),
        Aksi.TINDAK: (
            ["tindak", ref, "--koreksi", "LHU dikirim ulang", "--pencegahan", "Alamat email diverifikasi saat pendaftaran"],
            PETUGAS_TEKNIS),
        Aksi.VERIFIKASI_TERIMA: (["verifikasi", ref, "--terima"], PETUGAS_VERIFIKASI),
        Aksi.VERIFIKASI_KEMBALIKAN: (
            ["verifikasi", ref, "--kembalikan", "--alasan", "Akar masalah belum dianalisis"], PETUGAS_VERIFIKASI),
        Aksi.INFORMASIKAN: (["informasikan", ref, "--media", "email"], PETUGAS),
        Aksi.BANDING: (["banding", ref, "--alasan", "Hasil uji ulang tetap tidak sesuai"], PETUGAS),
        Aksi.PUTUSAN_DITERIMA: (
            ["putusan", ref, "--diterima", "--alasan", "Uji ulang oleh analis lain disetujui"], PETUGAS_PUTUSAN),
        Aksi.PUTUSAN_DITOLAK: (["putusan", ref, "--ditolak", "--alasan", "Hasil uji sesuai metode"], PETUGAS_PUTUSAN),
        Aksi.KABARI: (["kabari", ref, "--media", "telepon", "--catatan", "Uji ulang dijadwalkan Kamis"], PETUGAS),
        Aksi.BATAL: (["batal", ref, "--alasan", "Tercatat ganda"], PETUGAS),
    }[aksi]


def teks_waktu(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%d %H:%M")


def iso(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%S") + ZONA


@pytest.fixture(scope="session")
def arsip_baru(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The bytes of a new archive as ``keluhan init`` creates it (``arsip.buat_arsip``, the
    function init runs), made once per session; test_init.py proves init makes the same."""
    return buat_arsip(tmp_path_factory.mktemp("arsip-baru") / "archive.db").read_bytes()


def buat_arsip(jalur: Path) -> Path:
    """A new archive at ``jalur`` made as ``keluhan init`` makes it, for tests that need
    one beside the fixture's (another folder, a second archive)."""
    from keluhan import pengaturan
    from keluhan.arsip import buat_arsip as buat

    return buat(jalur, pengaturan.muat(jalur.parent / "keluhan.toml"))


def hitung_panggilan(monkeypatch: pytest.MonkeyPatch, objek: Any, nama: str) -> list[int]:
    """``objek.nama`` wrapped so that each call is counted (``n[0]``) and then runs as before."""
    n = [0]
    asli = getattr(objek, nama)

    def terhitung(*a: Any, **k: Any) -> Any:
        n[0] += 1
        return asli(*a, **k)

    monkeypatch.setattr(objek, nama, terhitung)
    return n


def init_ulang(jalur: Path) -> Path:
    """Replace the fixture's archive with one made by ``keluhan init`` after the test wrote
    keluhan.toml beside it: the zone and office hours are taken when init creates it."""
    from typer.testing import CliRunner

    jalur.unlink()
    r = CliRunner().invoke(app, ["--arsip", str(jalur), "init"], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    return jalur


def pasang_arsip_baru(jalur: Path, isi: bytes) -> Path:
    """A new, initialised archive at ``jalur`` (mode 0640, as init leaves it)."""
    jalur.write_bytes(isi)
    os.chmod(jalur, 0o640)
    return jalur


@pytest.fixture(autouse=True)
def _sinyal_bersih() -> Iterator[None]:
    """Each test starts with keluhan/sinyal.py's per-process state as a new process has it
    (no open command, no deferred Ctrl-C, no result noted): in-process CLI runs share the
    module, and one test's interrupted command must not change how the next reports."""
    from keluhan import sinyal

    import signal

    # A new process has Python's own SIGINT handler; a library or an earlier test may have
    # left another (SIG_IGN makes keluhan/sinyal.py rightly defer nothing), or a deferral open.
    if signal.getsignal(signal.SIGINT) is not signal.default_int_handler:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    sinyal._lama = None
    sinyal._kedalaman, sinyal._tertunda = 0, False
    sinyal._hasil.clear()
    sinyal._pemeliharaan.clear()
    yield


@pytest.fixture(autouse=True)
def arsip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, arsip_baru: bytes) -> Path:
    """Each test: its own new archive (as after ``keluhan init``; only init creates one),
    a known petugas, no stray settings, plain output. A test about a missing archive
    removes it (``arsip.unlink()``)."""
    jalur = pasang_arsip_baru(tmp_path / "archive.db", arsip_baru)
    monkeypatch.setenv("KELUHAN_ARSIP", str(jalur))
    monkeypatch.setenv("KELUHAN_PETUGAS", PETUGAS)
    monkeypatch.delenv("KELUHAN_KONFIGURASI", raising=False)
    monkeypatch.delenv("KELUHAN_TEMPLAT", raising=False)
    # The machine's own user settings file (~/.config/keluhan/keluhan.toml) never leaks in.
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "konfig-pengguna"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-pengguna"))  # keluhan.toml's parse (pengaturan.py)
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.chdir(tmp_path)
    return jalur


# The recap's tests run through both entry points: the Typer app (CliRunner on cli.app, as every
# test) and the fast path users run (keluhan.cepat.main, which hands what it declines to the same
# app). In "cepat" runs, a CliRunner invoked on cli.app calls cepat.main with the same words.
# (A recap test that runs the command line: a module or a test named for the recap, driving the CLI.)
_MEMANGGIL_CLI = {"jalankan", "keluhan_cli", "rekap_json", "CliRunner", "app", "catat", "sampai"}


def _tes_rekap(metafunc: pytest.Metafunc) -> bool:
    nama = metafunc.module.__name__.rpartition(".")[2]
    if getattr(metafunc.module, "PINTU_MASUK_SENDIRI", False):  # it runs both entry points itself
        return False
    if not (nama.startswith("test_rekap") or nama == "test_berulang_rekap" or "rekap" in metafunc.function.__name__):
        return False
    kode = metafunc.function.__code__
    nama_kode = set(kode.co_names) | {n for c in kode.co_consts if hasattr(c, "co_names") for n in c.co_names}
    return bool(_MEMANGGIL_CLI & (nama_kode | set(metafunc.fixturenames)))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "pintu_masuk" in metafunc.fixturenames and _tes_rekap(metafunc):
        metafunc.parametrize("pintu_masuk", ["typer", "cepat"], indirect=True)


class _LewatCepat:
    """What CliRunner runs in place of the Typer app's Click group: the users' entry point."""

    name = "keluhan"

    def main(self, args: Any = (), prog_name: str | None = None, **_lain: Any) -> None:
        from keluhan import cepat

        cepat.main(list(args))


@pytest.fixture(autouse=True)
def pintu_masuk(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """"typer" (every test), or "cepat" for the recap's tests' second run (pytest_generate_tests)."""
    jalur = getattr(request, "param", "typer")
    if jalur == "cepat":
        import typer.testing

        asli = typer.testing._get_command
        monkeypatch.setattr(typer.testing, "_get_command", lambda a: _LewatCepat() if a is app else asli(a))
    return jalur


def _runner() -> CliRunner:
    # Older Typer (on Click < 8.2) mixes stderr into stdout unless told not to; newer
    # Typer/Click always keep ``result.stderr`` apart and no longer take the argument.
    try:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg]
    except TypeError:
        return CliRunner()


Jalankan = Callable[..., Any]


@pytest.fixture
def jalankan() -> Jalankan:
    """``jalankan("catat", "--nama", ..., petugas=None, input=None)``: run the CLI in-process.

    Exceptions other than SystemExit propagate with their traceback (the CLI must never
    let one reach the user), so a test sees them instead of a bare exit code 1.
    """
    runner = _runner()

    def _jalankan(*args: str, petugas: str | None = None, input: str | None = None) -> Any:
        argv = (["--petugas", petugas] if petugas is not None else []) + [str(a) for a in args]
        return runner.invoke(app, argv, input=input, catch_exceptions=False)

    return _jalankan


def lihat_json(jalankan: Jalankan, ref: str) -> dict[str, Any]:
    r = jalankan("lihat", ref, "--json")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


@pytest.fixture
def lihat(jalankan: Jalankan) -> Callable[[str], dict[str, Any]]:
    """``lihat(ref)``: the complaint as ``keluhan lihat REF --json`` gives it."""
    return lambda ref: lihat_json(jalankan, ref)


def catat_cli(jalankan: Jalankan, **isian: str | None) -> str:
    """Record a complaint through ``keluhan catat``; returns its number."""
    bawaan: dict[str, str | None] = {
        "nama": "PT Sinar Kimia Nusantara", "media": "email", "uraian": "LHU belum diterima",
        "diajukan": teks_waktu(MULAI), "waktu": teks_waktu(MULAI + _JEDA[0]),
    }
    bawaan.update(isian)
    petugas = bawaan.pop("petugas", None)
    args = ["catat"]
    for kunci, nilai in bawaan.items():
        if nilai is not None:
            args += [f"--{kunci.replace('_', '-')}", nilai]
    r = jalankan(*args, petugas=petugas)
    assert r.exit_code == 0, r.stderr
    return r.stdout.strip()


@pytest.fixture
def catat(jalankan: Jalankan) -> Callable[..., str]:
    """``catat(nama=..., media=..., waktu=...)``: record one complaint, return its number."""
    return lambda **isian: catat_cli(jalankan, **isian)


# Archives that `sampai` produced through the CLI, per status, reused by later tests of
# the session as a copy of the file (the history in it was written by the real CLI; the
# step under test still runs through the CLI). Keeps the suite fast: the table-generated
# tests would otherwise replay up to six commands each.
_TEMPLAT: dict[Status, tuple[bytes, str]] = {}


def _masih_baru(jalur: Path, baru: bytes) -> bool:
    """``jalur`` is still exactly the archive init made (nothing recorded, nothing seeded)."""
    return (
        jalur.is_file() and jalur.stat().st_size == len(baru) and not jalur.with_name(jalur.name + "-wal").exists()
        and jalur.read_bytes() == baru
    )


def _boleh_templat(jalur: Path, mulai: datetime, isian: dict[str, str], baru: bytes) -> bool:
    """Only the plain case: default times and fields, a new archive, default settings."""
    return (
        mulai == MULAI and not isian and _masih_baru(jalur, baru)
        and not (jalur.parent / "keluhan.toml").exists()
        and "KELUHAN_KONFIGURASI" not in os.environ
        and os.environ.get("KELUHAN_PETUGAS") == PETUGAS
    )


@pytest.fixture
def sampai(jalankan: Jalankan, arsip_baru: bytes) -> Callable[..., str]:
    """``sampai(status, mulai=MULAI, **isian)``: a new complaint driven through the SOP to
    ``status`` with plausible past times; returns its number."""

    def _sampai(status: Status, mulai: datetime = MULAI, **isian: str) -> str:
        status = Status(status)
        arsip = Path(os.environ["KELUHAN_ARSIP"])
        templat = _boleh_templat(arsip, mulai, isian, arsip_baru)
        if templat and status in _TEMPLAT:
            isi, nomor = _TEMPLAT[status]
            arsip.write_bytes(isi)
            os.chmod(arsip, 0o640)
            return nomor
        nomor = catat_cli(jalankan, diajukan=teks_waktu(mulai), waktu=teks_waktu(mulai + _JEDA[0]), **isian)
        for i, aksi in enumerate(JALUR[status], start=1):
            args, petugas = langkah_cli(aksi, nomor)
            r = jalankan(*args, "--waktu", teks_waktu(mulai + _JEDA[i]), petugas=petugas)
            assert r.exit_code == 0, f"{aksi}: {r.stderr}"
        # Every CLI run closed its connection, so the whole archive is in the main file.
        if templat and not arsip.with_name(arsip.name + "-wal").exists():
            _TEMPLAT[status] = (arsip.read_bytes(), nomor)
        return nomor

    return _sampai


def waktu_langkah(n: int, mulai: datetime = MULAI) -> datetime:
    """When ``sampai`` records the n-th event (0 = catat)."""
    return mulai + _JEDA[n]


# -- looking at the file itself ---------------------------------------------------------


def baca_db(jalur: Path, sql: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    """Rows straight from the SQLite file, as an auditor's sqlite3 would see them."""
    with closing(sqlite3.connect(jalur)) as db:
        db.row_factory = sqlite3.Row
        return [dict(r) for r in db.execute(sql, params)]


def ubah_db(jalur: Path, *perintah: str) -> None:
    """Run SQL statements on the file directly, in autocommit, as a tamperer with sqlite3 would."""
    with closing(sqlite3.connect(jalur, isolation_level=None)) as db:
        for p in perintah:
            db.execute(p)


def tanpa_m013(db: sqlite3.Connection) -> None:
    """Undo m013 (the effectiveness review and satisfaction columns, their indexes and views), and m014 after it."""
    tanpa_m014(db)  # the later migration first
    for view in ("v_efektivitas", "v_kepuasan"):
        db.execute(f"DROP VIEW {view}")
    for indeks in ("tindakan_efektivitas_belum", "tindakan_efektivitas_pada", "keluhan_dinilai"):
        db.execute(f"DROP INDEX {indeks}")
    for kolom in ("kepuasan_nilai", "kepuasan_menerima", "kepuasan_catatan", "dinilai", "petugas_kepuasan"):
        db.execute(f"ALTER TABLE keluhan DROP COLUMN {kolom}")
    for kolom in ("efektivitas", "efektivitas_tindak_lanjut", "efektivitas_catatan", "efektivitas_oleh",
                  "efektivitas_pada"):
        db.execute(f"ALTER TABLE tindakan DROP COLUMN {kolom}")
    db.execute("DELETE FROM _migrasi WHERE nama = 'm013_efektivitas_kepuasan'")


def tanpa_m015(db: sqlite3.Connection) -> None:
    """Undo m015 (status batal) and m016 (compliance view) on an archive, as one written before them: the void's columns
    dropped and keluhan rebuilt with the older status CHECK (foreign keys off, as m015 ran); every later
    migration first."""
    from keluhan import migrasi

    buang_migrasi_sejak(db, "m017_lampiran")
    db.execute("DROP VIEW v_kepatuhan_bulanan")  # m016's, back to m002's
    db.execute(
        "CREATE VIEW v_kepatuhan_bulanan AS SELECT substr(akhir, 1, 7) AS bulan, langkah, COUNT(*) AS jumlah,"
        " SUM(patuh) AS patuh, ROUND(100.0 * SUM(patuh) / COUNT(*), 1) AS persen_patuh FROM durasi_langkah"
        " GROUP BY bulan, langkah")
    db.execute("DELETE FROM _migrasi WHERE nama = 'm016_batal_di_luar_kepatuhan'")
    db.execute("PRAGMA foreign_keys = OFF")
    for kolom in ("dibatalkan", "petugas_batal", "alasan_batal"):
        db.execute(f"ALTER TABLE keluhan DROP COLUMN {kolom}")
    db.execute("BEGIN")
    migrasi.bangun_ulang_tabel(db, "keluhan", migrasi._status_keluhan(migrasi.STATUS_SEBELUM_M015), "keluhan")
    db.execute("DELETE FROM _migrasi WHERE nama = 'm015_batal'")
    db.execute(f"PRAGMA user_version = {[n for n, _ in migrasi.MIGRASI].index('m015_batal')}")
    db.execute("COMMIT")


@dataclass(frozen=True)
class Potret:
    """The archive as it is on disk: file bytes (main and -wal), and a logical dump."""

    utama: bytes | None
    wal: bytes | None
    dump: tuple[str, ...]
    versi: int | None


def tanpa_m012(db: sqlite3.Connection) -> None:
    """Undo m012 (the officer register) on an archive, as one written before it; m013 after
    it first (tanpa_m013)."""
    from keluhan import migrasi

    tanpa_m013(db)
    db.execute("DROP VIEW v_petugas")
    db.execute("DROP TABLE petugas_riwayat")
    db.execute("DELETE FROM sqlite_sequence WHERE name = 'petugas_riwayat'")
    db.execute("DELETE FROM _migrasi WHERE nama = 'm012_register_petugas'")
    db.execute(f"PRAGMA user_version = {[n for n, _ in migrasi.MIGRASI].index('m012_register_petugas')}")


def tanpa_m011(db: sqlite3.Connection) -> None:
    """Undo m011 (the appeal decision's columns and index on keluhan; tenggat's step-8 CHECK
    back to 3-6), and m012 and m013 after it, on an archive, as one written before it; for tests that
    roll the schema back."""
    tanpa_m012(db)
    db.execute("DROP INDEX IF EXISTS keluhan_diputus")
    for kolom in ("petugas_putusan", "putusan_alasan", "putusan", "diputus"):
        db.execute(f"ALTER TABLE keluhan DROP COLUMN {kolom}")
    baris = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'tenggat'").fetchone()
    if baris is not None:
        indeks = [r[0] for r in db.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name = 'tenggat' AND type = 'index' AND sql IS NOT NULL")]
        db.execute(baris[0].replace("CHECK (langkah BETWEEN 3 AND 6 OR langkah = 8)", "CHECK (langkah BETWEEN 3 AND 6)")
                   .replace('CREATE TABLE "tenggat"', "CREATE TABLE tenggat_lama", 1))
        db.execute("INSERT INTO tenggat_lama SELECT * FROM tenggat")
        db.execute("DROP TABLE tenggat")
        db.execute("PRAGMA legacy_alter_table = ON")
        db.execute("ALTER TABLE tenggat_lama RENAME TO tenggat")
        db.execute("PRAGMA legacy_alter_table = OFF")
        for sql in indeks:
            db.execute(sql)
    db.execute("DELETE FROM _migrasi WHERE nama = 'm011_putusan_banding'")


def potret(jalur: Path) -> Potret:
    """Raw bytes first, then the dump. The dumping connection is an ordinary one: being
    the last to close, it removes the (empty) -wal as every CLI run does, whereas a
    read-only one would leave an empty -wal behind and make the next potret differ."""
    def baca(p: Path) -> bytes | None:
        return p.read_bytes() if p.exists() else None

    utama, wal = baca(jalur), baca(jalur.with_name(jalur.name + "-wal"))
    if utama is None:
        return Potret(None, wal, (), None)
    with closing(sqlite3.connect(jalur)) as db:
        dump = tuple(db.iterdump())
        versi = db.execute("PRAGMA user_version").fetchone()[0]
    return Potret(utama, wal, dump, versi)


def tanpa_m014(db: sqlite3.Connection) -> None:
    """Undo m014 (the effective-time view) on an archive, as one written before it
    (``tanpa_m013``, rolling the schema further back, calls this first)."""
    if db.execute("SELECT 1 FROM _migrasi WHERE nama = 'm015_batal'").fetchone():
        tanpa_m015(db)  # the later migrations (batal, m015-m016) first
    from keluhan import migrasi

    # What m014 replaced goes back as m003, m010 and m008 wrote it (they name no v_waktu_efektif).
    db.execute("DROP VIEW IF EXISTS v_riwayat")
    migrasi.skrip(db, migrasi._sql_v_riwayat("riwayat", ""))
    db.execute("DROP VIEW IF EXISTS v_pencatatan_susulan")
    migrasi.skrip(db, migrasi._sql_pencatatan_susulan("riwayat"))
    db.execute("DROP TRIGGER IF EXISTS durasi_langkah_tolak_ubah")
    db.execute(
        "CREATE TRIGGER durasi_langkah_tolak_ubah BEFORE UPDATE ON durasi_langkah"
        " WHEN NEW.riwayat_urutan IS NOT OLD.riwayat_urutan OR NEW.keluhan_id IS NOT OLD.keluhan_id"
        " OR NEW.langkah IS NOT OLD.langkah OR NEW.mulai IS NOT OLD.mulai OR NEW.akhir IS NOT OLD.akhir"
        " BEGIN SELECT RAISE(ABORT, 'x'); END")
    db.execute("DROP VIEW IF EXISTS v_waktu_efektif")
    db.execute("DROP INDEX IF EXISTS riwayat_koreksi_waktu")
    db.execute("DELETE FROM _migrasi WHERE nama = 'm014_waktu_efektif'")
    db.execute(f"PRAGMA user_version = {[n for n, _ in migrasi.MIGRASI].index('m014_waktu_efektif')}")


def satu_baris_galat(r: Any, kode: int) -> str:
    """A refusal as the SPEC wants it: exit ``kode``, one line on stderr, nothing on stdout,
    no traceback. Returns that line."""
    assert r.exit_code == kode, (r.exit_code, r.stdout, r.stderr)
    assert isinstance(r.exception, SystemExit), repr(r.exception)
    assert r.stdout == ""
    assert "Traceback" not in r.stderr
    baris = r.stderr.splitlines()
    assert len(baris) == 1, r.stderr
    assert r.stderr.endswith("\n")
    return baris[0]


def env_subproses(**tambahan: str) -> dict[str, str]:
    """The environment for ``python -m keluhan`` in a real process (here and in CI)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env.update(tambahan)
    return env


PERINTAH_CLI = [sys.executable, "-m", "keluhan"]


# -- what the CLI says ------------------------------------------------------------------

# stdout of each step command (piped), after "{nomor}: ".
PESAN_LANGKAH: dict[Aksi, str] = {
    Aksi.VALIDASI_BENAR: "keluhan benar, diteruskan ke Laboratorium Pengujian (status: divalidasi).",
    Aksi.VALIDASI_TIDAK_BENAR: "keluhan tidak benar; informasikan hasilnya kepada pelanggan (status: tidak_valid).",
    Aksi.TINDAK: "tindakan koreksi dan pencegahan dicatat; menunggu verifikasi PJTK (status: ditindaklanjuti).",
    Aksi.VERIFIKASI_TERIMA: "hasil diverifikasi (status: diverifikasi).",
    Aksi.VERIFIKASI_KEMBALIKAN: "dikembalikan ke Tim Teknis untuk ditindaklanjuti ulang (status: divalidasi).",
    Aksi.INFORMASIKAN: (
        "hasil diinformasikan kepada pelanggan dan diarsipkan; banding dapat diajukan dalam 15 hari kerja "
        "(status: selesai)."
    ),
    Aksi.BANDING: "banding dicatat; ditangani menurut SOP Penanganan Banding Pelanggan (status: banding).",
    Aksi.PUTUSAN_DITERIMA: (
        "banding diterima; diteruskan ke Laboratorium Pengujian untuk putaran tindakan baru (status: divalidasi)."),
    Aksi.PUTUSAN_DITOLAK: "banding ditolak; penanganan keluhan selesai (tanpa banding kedua) (status: selesai).",
    Aksi.BATAL: "keluhan dibatalkan; nomornya tetap terpakai dan tidak dihitung di rekap (status: batal).",
}


def pesan_tolak(nomor: str, status: Status, perintah: str, *, banding_lewat: bool = False) -> str:
    """The one line a step asked for in the wrong order must print: the current status
    and the command(s) to run next (``perintah_berikutnya``)."""
    from keluhan.workflow import perintah_berikutnya

    berikut = perintah_berikutnya(status)
    saran = (
        "langkah berikutnya: " + " atau ".join(f"keluhan {p} {nomor}" for p in berikut)
        if berikut else "penanganannya sudah berakhir"
    )
    if status is Status.SELESAI and banding_lewat:
        saran = "penanganannya sudah berakhir dan batas banding sudah lewat"
    elif status is Status.SELESAI:  # issue 12: an appeal is the customer's, never "the next step"
        saran = ("penanganannya sudah berakhir; banding dicatat hanya bila pelanggan mengajukannya, paling lambat "
                 f"{BATAS_BANDING_JALUR} (keluhan banding {nomor} --alasan TEKS)")
    elif status is Status.BATAL:
        saran = "keluhan ini dibatalkan (Tercatat ganda); tidak ada langkah lagi"
    return (
        f"Galat: Keluhan {nomor} berstatus '{status.value}': perintah '{perintah}' tidak dapat "
        f"dijalankan; {saran}."
    )


def periksa_efek(aksi: Aksi, k: dict[str, Any], waktu_iso: str, petugas: str) -> None:
    """The fields of the complaint (and its CAPA rows) that step ``aksi`` fills in."""
    t = k["tindakan"][-1] if k["tindakan"] else {}
    harapan: dict[Aksi, dict[str, Any]] = {
        Aksi.VALIDASI_BENAR: {
            "validasi": "benar", "tim_teknis": "Laboratorium Pengujian", "divalidasi": waktu_iso,
            "petugas_validasi": petugas, "alasan_tidak_valid": None},
        Aksi.VALIDASI_TIDAK_BENAR: {
            "validasi": "tidak_benar", "alasan_tidak_valid": "Di luar lingkup layanan Balai",
            "divalidasi": waktu_iso, "petugas_validasi": petugas, "tim_teknis": None},
        Aksi.VERIFIKASI_TERIMA: {"diverifikasi": waktu_iso, "petugas_verifikasi": petugas},
        Aksi.VERIFIKASI_KEMBALIKAN: {"diverifikasi": None, "petugas_verifikasi": None},
        Aksi.INFORMASIKAN: {"diinformasikan": waktu_iso, "petugas_informasi": petugas, "media_informasi": "email"},
        Aksi.BANDING: {"dibanding": waktu_iso, "banding_alasan": "Hasil uji ulang tetap tidak sesuai"},
        Aksi.PUTUSAN_DITERIMA: {"diputus": waktu_iso, "putusan": "diterima", "petugas_putusan": petugas,
                                "putusan_alasan": "Uji ulang oleh analis lain disetujui", "validasi": "benar"},
        Aksi.PUTUSAN_DITOLAK: {"diputus": waktu_iso, "putusan": "ditolak", "petugas_putusan": petugas,
                               "putusan_alasan": "Hasil uji sesuai metode"},
        Aksi.TINDAK: {},
        Aksi.BATAL: {"dibatalkan": waktu_iso, "petugas_batal": petugas, "alasan_batal": "Tercatat ganda"},
    }[aksi]
    assert {kunci: k[kunci] for kunci in harapan} == harapan
    assert k["waktu_status"] == waktu_iso
    if aksi is Aksi.TINDAK:
        assert (t["putaran"], t["koreksi"], t["pencegahan"], t["petugas"], t["waktu"], t["verifikasi"]) == (
            len(k["tindakan"]), "LHU dikirim ulang", "Alamat email diverifikasi saat pendaftaran",
            petugas, waktu_iso, None)
    if aksi in (Aksi.VERIFIKASI_TERIMA, Aksi.VERIFIKASI_KEMBALIKAN):
        assert (t["verifikasi"], t["diverifikasi_oleh"], t["diverifikasi_pada"]) == (
            "terima" if aksi is Aksi.VERIFIKASI_TERIMA else "kembalikan", petugas, waktu_iso)


def ubah_dan_periksa(
    jalankan: Jalankan, jalur: Path, nomor: str, aksi: Aksi, waktu: str = BERIKUT,
) -> dict[str, Any]:
    """Run the allowed step ``aksi`` on ``nomor`` and check everything it must write:
    its stdout, the new status, exactly one new ``riwayat`` row with the right step,
    action, petugas and time, and the fields the step fills in. Returns the complaint."""
    from keluhan.workflow import TRANSISI

    sebelum = lihat_json(jalankan, nomor)
    status_lama = Status(sebelum["status"])
    baris_lama = baca_db(jalur, "SELECT COUNT(*) AS n FROM riwayat")[0]["n"]
    args, petugas = langkah_cli(aksi, nomor)
    r = jalankan(*args, "--waktu", waktu, petugas=petugas)
    assert (r.exit_code, r.stderr) == (0, "")
    assert r.stdout == f"{nomor}: {PESAN_LANGKAH[aksi]}\n"

    waktu_iso = teks_waktu_ke_iso(waktu)
    k = lihat_json(jalankan, nomor)
    assert k["status"] == TRANSISI[status_lama][aksi]
    assert len(k["riwayat"]) == len(sebelum["riwayat"]) + 1
    akhir = k["riwayat"][-1]
    assert {c: akhir[c] for c in ("langkah", "aksi", "petugas", "waktu", "status_dari", "status_ke")} == {
        "langkah": LANGKAH_SPEC.get(aksi.value), "aksi": aksi.value, "petugas": petugas, "waktu": waktu_iso,
        "status_dari": status_lama.value, "status_ke": k["status"],
    }
    # And in the file itself, as an auditor's sqlite3 sees it: one row more, this one.
    db = baca_db(jalur, "SELECT * FROM riwayat ORDER BY urutan")
    assert len(db) == baris_lama + 1
    assert {c: db[-1][c] for c in ("keluhan_id", "langkah", "aksi", "petugas", "waktu")} == {
        "keluhan_id": k["id"], "langkah": LANGKAH_SPEC.get(aksi.value), "aksi": aksi.value,
        "petugas": petugas, "waktu": waktu_iso,
    }
    periksa_efek(aksi, k, waktu_iso, petugas)
    return k


def teks_waktu_ke_iso(teks: str) -> str:
    """"2026-11-09 09:00" -> "2026-11-09T09:00:00+07:00" (the tests' own times only)."""
    return iso(datetime.strptime(teks, "%Y-%m-%d %H:%M"))


# -- running the package as another user ----------------------------------------------------

NOBODY = 65534


def sebagai_nobody(*argv: str, env: dict[str, str] | None = None, **kw: Any) -> subprocess.CompletedProcess[str]:
    """``argv`` as the real user nobody (uid/gid 65534, no groups), through setpriv."""
    return subprocess.run(["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups", *argv],
                          capture_output=True, text=True, timeout=120, env=env or {"PATH": "/usr/bin:/bin"}, **kw)


@pytest.fixture(scope="session")
def paket_nobody() -> Any:
    """``(python, env)`` with which the user nobody runs this checkout's keluhan.

    The checkout may be private (a clone in /root or in ``mktemp -d``: mode 0700), and so
    is the venv inside it; nobody can read neither. So the package and the distributions
    it depends on (as installed in this environment) are copied into a fresh folder of
    the system temp dir that everyone may read, run by the base interpreter. Skipped, with
    the reason, only where that is impossible (not root, no setpriv, no interpreter or
    temp dir nobody may use)."""
    import importlib.metadata as md
    import shutil
    import tempfile

    from packaging.requirements import Requirement

    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv to run as another user")
    calon = [os.path.realpath(sys.executable), getattr(sys, "_base_executable", ""), "/usr/bin/python3"]
    python = next((c for c in calon if c and os.path.isfile(c) and sebagai_nobody(
        c, "-c", "import sys; assert sys.version_info[:2] == (%d, %d)" % sys.version_info[:2]).returncode == 0), None)
    if python is None:
        pytest.skip(f"no Python {sys.version_info[0]}.{sys.version_info[1]} interpreter the user nobody may run")
    folder = Path(tempfile.mkdtemp(prefix="keluhan-paket-"))
    try:
        folder.chmod(0o755)
        if sebagai_nobody("ls", str(folder)).returncode != 0:
            pytest.skip(f"no folder the user nobody may read: the temp dir {tempfile.gettempdir()} is private")
        abaikan = shutil.ignore_patterns("__pycache__", "*.pyc")
        shutil.copytree(REPO / "keluhan", folder / "keluhan", ignore=abaikan)
        if (REPO / "templates").is_dir():
            shutil.copytree(REPO / "templates", folder / "templates", ignore=abaikan)
        antre, dilihat = list(md.requires("keluhan") or []), {"keluhan"}
        while antre:
            syarat = Requirement(antre.pop())
            if syarat.marker is not None and not syarat.marker.evaluate({"extra": ""}):
                continue
            nama = syarat.name.lower().replace("_", "-")
            if nama in dilihat:
                continue
            dilihat.add(nama)
            dist = md.distribution(nama)
            antre += dist.requires or []
            for f in dist.files or []:
                if ".." in f.parts or f.suffix == ".pyc":
                    continue
                sumber = Path(str(dist.locate_file(f)))
                if sumber.is_file():
                    (folder / f).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(sumber, folder / f)
        for akar, folders, berkas in os.walk(folder):
            for n in folders:
                os.chmod(os.path.join(akar, n), 0o755)
            for n in berkas:
                os.chmod(os.path.join(akar, n), 0o644)
        env = {"PYTHONPATH": str(folder), "PATH": "/usr/bin:/bin", "TERM": "dumb", "PYTHONDONTWRITEBYTECODE": "1"}
        p = sebagai_nobody(python, "-c", "import keluhan.cli, keluhan.arsip", env=env, cwd="/")
        assert p.returncode == 0, p.stderr
        yield python, env
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def buang_migrasi_sejak(db: sqlite3.Connection, sejak: str) -> None:
    """Undo, on an open archive, the objects that migration ``sejak`` and every later one
    created (computed from the migrations themselves on two empty schemas), and their
    ``_migrasi`` rows. Tests that roll an archive back to an older migration call this first,
    so a migration added later never breaks them; what they roll back further by hand
    starts from the schema as it was before ``sejak``."""
    from keluhan import migrasi

    nama = [n for n, _ in migrasi.MIGRASI]
    batas = nama.index(sejak)

    def objek(sampai: int) -> tuple[dict[str, str], dict[str, list[str]], dict[str, str], dict[str, str],
                                    dict[str, str], dict[str, tuple[str, str]]]:
        with closing(sqlite3.connect(":memory:", isolation_level=None)) as ref:
            for _, fn in migrasi.MIGRASI[:sampai]:
                fn(ref, "2026-01-01T00:00:00+07:00") if fn.__code__.co_argcount > 1 else fn(ref)
            baris = ref.execute("SELECT type, name, sql, tbl_name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").fetchall()
            semua = {n: t for t, n, _, _ in baris}
            kolom = {n: [r[1] for r in ref.execute(f"PRAGMA table_info({n})")] for n, t in semua.items() if t == "table"}
            return (semua, kolom, {n: q for t, n, q, _ in baris if t == "view"},
                    {n: q for t, n, q, _ in baris if t == "index" and q}, {n: q for t, n, q, _ in baris if t == "table"},
                    {n: (tb, q) for t, n, q, tb in baris if t == "trigger"})

    (kini, kolom_kini, view_kini, _, _, _), (dulu, kolom_dulu, view_dulu, indeks_dulu, _, pemicu_dulu) = (
        objek(len(nama)), objek(batas))
    baru = {n: t for n, t in kini.items() if n not in dulu}
    ada = {n for (n,) in db.execute("SELECT name FROM sqlite_master")}
    jenis_ada = dict(db.execute("SELECT name, type FROM sqlite_master").fetchall())
    # A table a later migration replaced by a view of the same name over a narrower table
    # (m032_durasi: durasi_langkah over durasi_peristiwa): its rows kept, read through the view,
    # then the table created again as it was before ``sejak``, with its triggers (its indexes below).
    jadi_view = [n for n, t in dulu.items() if t == "table" and kini.get(n) == "view" and jenis_ada.get(n) == "view"]

    def tabel_terakhir(n: str) -> tuple[str, list[str]]:
        """``n``'s CREATE TABLE and columns just before the migration that made it a view."""
        with closing(sqlite3.connect(":memory:", isolation_level=None)) as ref:
            terakhir: tuple[str, list[str]] = ("", [])
            for _, fn in migrasi.MIGRASI:
                fn(ref, "2026-01-01T00:00:00+07:00") if fn.__code__.co_argcount > 1 else fn(ref)
                r = ref.execute("SELECT type, sql FROM sqlite_master WHERE name = ?", (n,)).fetchone()
                if r and r[0] == "view":
                    return terakhir
                if r:
                    terakhir = (r[1], [c[1] for c in ref.execute(f"PRAGMA table_info({n})")])
        raise AssertionError(n)

    for n in jadi_view:
        db.execute(f"CREATE TEMP TABLE _balik_{n} AS SELECT * FROM {n}")
        db.execute(f"DROP VIEW {n}")
    for jenis in ("view", "trigger", "index", "table"):
        for n, t in baru.items():
            if t == jenis and n in ada:
                db.execute(f"DROP {jenis.upper()} IF EXISTS {n}")
    # ... the views a later migration defined again (DROP + CREATE), back as they were before ``sejak``:
    # all dropped first, then created, since one may read another.
    lama = {n: q for n, q in view_dulu.items() if n in view_kini and view_kini[n] != q and n in ada}
    for n in lama:
        db.execute(f"DROP VIEW IF EXISTS {n}")
    for q in lama.values():
        db.execute(q)
    for n in jadi_view:
        # As the last migration before the view left it (later columns dropped below, as for any table), so
        # that rows a later migration allowed (m018's step 8) go back in.
        sql, kolom_akhir = tabel_terakhir(n)
        db.execute(sql)
        kolom = ", ".join(kolom_akhir)
        db.execute(f"INSERT INTO {n} ({kolom}) SELECT {kolom} FROM temp._balik_{n} ORDER BY riwayat_urutan")
        db.execute(f"DROP TABLE temp._balik_{n}")
        for k in reversed([k for k in kolom_akhir if k not in kolom_dulu[n]]):
            db.execute(f"ALTER TABLE {n} DROP COLUMN {k}")
        for pemicu, (tabel, q) in pemicu_dulu.items():
            if tabel == n:
                db.execute(f"DROP TRIGGER IF EXISTS {pemicu}")
                db.execute(q)
    # ... and the columns later migrations added to older tables (ALTER TABLE ... ADD COLUMN).
    for tabel, kolom in kolom_kini.items():
        if tabel in kolom_dulu and tabel in ada:
            punya = {r[1] for r in db.execute(f"PRAGMA table_info({tabel})")}
            for k in reversed([k for k in kolom if k not in kolom_dulu[tabel] and k in punya]):
                db.execute(f"ALTER TABLE {tabel} DROP COLUMN {k}")
    # ... and the indexes a later migration dropped (m0NN_ramping_indeks), back as they were before ``sejak``.
    ada = {n for (n,) in db.execute("SELECT name FROM sqlite_master")}
    for n, q in indeks_dulu.items():
        if n not in kini and n not in ada:
            db.execute(q)
    db.execute(f"DELETE FROM _migrasi WHERE nama IN ({','.join('?' * (len(nama) - batas))})", nama[batas:])
    db.execute(f"PRAGMA user_version = {batas}")
