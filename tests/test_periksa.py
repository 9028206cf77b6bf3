"""periksa: a sound archive passes, and every kind of tampering an auditor fears is named.

Tampering is done the way an insider would: plain ``sqlite3`` on the file, dropping the
append-only triggers first where needed.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from keluhan import pengaturan
from keluhan import periksa as pemeriksa
from keluhan.arsip import HASH_AWAL, Arsip, hash_peristiwa, pesan_tidak_ada
from keluhan.workflow import Aksi

AKAR = Path(__file__).resolve().parents[1]
DOK = AKAR / "docs" / "jaminan.md"
T0 = datetime(2026, 11, 2, 8, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
TRIGGER = ("riwayat_tolak_ubah", "riwayat_tolak_hapus", "keluhan_tolak_hapus", "tindakan_tolak_hapus")


def _jam(n: int) -> datetime:
    return T0 + timedelta(minutes=10 * n)


def _isi(jalur: Path) -> dict[str, str]:
    """Three complaints: one through a rework round to selesai, one invalid, one corrected."""
    a = Arsip(jalur, pengaturan.muat(None))
    try:
        k1 = a.catat(petugas="Rina", isian={"nama": "PT Maju", "media": "email", "uraian": "LHU terlambat",
                                             "telepon": "0812-1111-2222"}, waktu=_jam(0))["id"]
        a.langkah(k1, Aksi.VALIDASI_BENAR, petugas="Rina", waktu=_jam(1), rincian={"tim_teknis": "Laboratorium Pengujian"})
        a.langkah(k1, Aksi.TINDAK, petugas="Budi", waktu=_jam(2), rincian={"koreksi": "Kirim ulang", "pencegahan": "Cek"})
        a.langkah(k1, Aksi.VERIFIKASI_KEMBALIKAN, petugas="Rina", waktu=_jam(3), rincian={"alasan": "Belum lengkap"})
        a.langkah(k1, Aksi.TINDAK, petugas="Budi", waktu=_jam(4), rincian={"koreksi": "Kirim lengkap", "pencegahan": "Daftar periksa"})
        a.langkah(k1, Aksi.VERIFIKASI_TERIMA, petugas="Rina", waktu=_jam(5), rincian={"catatan": "Efektif"})
        a.langkah(k1, Aksi.INFORMASIKAN, petugas="Rina", waktu=_jam(6), rincian={"media": "email"})
        k2 = a.catat(petugas="Sari", isian={"nama": "CV Jaya", "media": "surat", "uraian": "Salah alamat"}, waktu=_jam(7))["id"]
        a.langkah(k2, Aksi.VALIDASI_TIDAK_BENAR, petugas="Sari", waktu=_jam(8), rincian={"alasan": "Bukan layanan kami"})
        a.langkah(k2, Aksi.INFORMASIKAN, petugas="Sari", waktu=_jam(9))
        k3 = a.catat(petugas="Rina", isian={"nama": "Ibu Ani", "media": "telepon", "uraian": "Sertifikat salah nama",
                                             "alamat": "Jl. Kenari 5"}, waktu=_jam(10))["id"]
        a.koreksi(k3, petugas="Rina", kolom="alamat", nilai="Jl. Kenari 7", alasan="Salah dengar")
    finally:
        a.tutup()
    return {"selesai": k1, "tidak_valid": k2, "dicatat": k3}


@pytest.fixture()
def arsip_contoh(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    jalur = tmp_path / "archive.db"
    return jalur, _isi(jalur)


def _temuan(jalur: Path, **kw: object) -> list[str]:
    a = Arsip(jalur, pengaturan.muat(None))
    try:
        return pemeriksa.periksa(a.db, **kw).temuan  # type: ignore[arg-type]
    finally:
        a.tutup()


def _sql(jalur: Path, *perintah: str, tanpa_trigger: bool = False) -> None:
    db = sqlite3.connect(jalur, isolation_level=None)
    try:
        if tanpa_trigger:
            for t in TRIGGER:
                db.execute(f"DROP TRIGGER {t}")
        for p in perintah:
            db.execute(p)
    finally:
        db.close()


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "keluhan", *args], capture_output=True, text=True,
        env={"PYTHONPATH": str(AKAR), "PATH": "/usr/bin:/bin", "TERM": "dumb",
             "XDG_CONFIG_HOME": os.environ["XDG_CONFIG_HOME"]}, timeout=60,
    )


def _ada(temuan: list[str], pola: str) -> bool:
    return any(re.search(pola, t) for t in temuan)


# -- append-only ----------------------------------------------------------------------


@pytest.mark.parametrize("perintah", [
    "UPDATE riwayat SET petugas = 'Palsu' WHERE urutan = 1",
    "DELETE FROM riwayat WHERE urutan = 1",
    "DELETE FROM keluhan",
    "DELETE FROM tindakan",
])
def test_sqlite_polos_ditolak_trigger(arsip_contoh: tuple[Path, dict[str, str]], perintah: str) -> None:
    """UPDATE/DELETE from plain sqlite3 on the history (and DELETE of complaints/CAPA) is refused by the database."""
    jalur, _ = arsip_contoh
    with pytest.raises(sqlite3.IntegrityError, match="riwayat hanya boleh ditambah|tidak boleh dihapus"):
        _sql(jalur, perintah)
    assert _temuan(jalur) == []


# -- a sound archive ------------------------------------------------------------------


def test_arsip_sehat_cli(arsip_contoh: tuple[Path, dict[str, str]]) -> None:
    """A sound archive: exit 0 and 'Arsip sehat:' with the counts and the last hash."""
    jalur, _ = arsip_contoh
    r = _cli("--arsip", str(jalur), "periksa")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("Arsip sehat: 3 keluhan, 12 peristiwa riwayat, 2 baris tindakan; peristiwa terakhir #12, hash ")
    assert r.stderr == ""
    data = json.loads(_cli("--arsip", str(jalur), "periksa", "--json").stdout)
    assert data["sehat"] is True and data["temuan"] == []
    assert data["jumlah"] == {"keluhan": 3, "peristiwa": 12, "tindakan": 2}


def test_periksa_tidak_membuat_arsip(tmp_path: Path) -> None:
    """periksa on a mistyped path refuses in one line instead of creating an empty 'sound' archive."""
    r = _cli("--arsip", str(tmp_path / "salah.db"), "periksa")
    assert r.returncode == 1
    assert r.stderr.strip() == f"Galat: {pesan_tidak_ada(tmp_path / 'salah.db')}"
    assert not (tmp_path / "salah.db").exists()


def test_kemajuan_dilaporkan_bertahap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The long passes report progress as they stream, ending at the total (what the TTY bar shows)."""
    monkeypatch.setattr(pemeriksa, "_SETIAP", 10)  # every 2000 events in real use
    jalur = tmp_path / "archive.db"
    a = Arsip(jalur, pengaturan.muat(None))
    for i in range(25):
        a.catat(petugas="Rina", isian={"nama": f"P{i}", "media": "kotak", "uraian": "u"}, waktu=_jam(0))
    panggilan: list[tuple[str, int, int]] = []
    lapor = pemeriksa.periksa(a.db, kemajuan=lambda *x: panggilan.append(x))
    a.tutup()
    assert lapor.sehat, lapor.temuan
    assert [p for p in panggilan if p[0] == "rantai"] == [("rantai", 10, 25), ("rantai", 20, 25), ("rantai", 25, 25)]
    assert [p for p in panggilan if p[0] == "putar"] == [("putar", 10, 25), ("putar", 20, 25), ("putar", 25, 25)]


# -- tampering ------------------------------------------------------------------------


def test_isi_peristiwa_diubah(arsip_contoh: tuple[Path, dict[str, str]]) -> None:
    """An event edited after the fact (triggers dropped) breaks its hash: named by event and complaint, exit 1."""
    jalur, _ = arsip_contoh
    _sql(jalur, "UPDATE riwayat SET petugas = 'Palsu' WHERE urutan = 3", tanpa_trigger=True)
    temuan = _temuan(jalur)
    assert _ada(temuan, r"^Peristiwa #3 \(keluhan 001/KP/BBSPJIKFK/XI/2026, tindak\): isinya tidak cocok dengan hash-nya")
    r = _cli("--arsip", str(jalur), "periksa")
    assert r.returncode == 1
    assert "Arsip TIDAK sehat" in r.stdout and "Peristiwa #3" in r.stdout
    assert r.stderr.startswith("Galat: arsip") and r.stderr.count("\n") == 1


def test_peristiwa_tengah_dihapus(arsip_contoh: tuple[Path, dict[str, str]]) -> None:
    """A deleted middle event shows as a gap in urutan, a broken chain and a replay that no longer fits."""
    jalur, _ = arsip_contoh
    _sql(jalur, "DELETE FROM riwayat WHERE urutan = 6", tanpa_trigger=True)
    temuan = _temuan(jalur)
    assert _ada(temuan, r"Peristiwa #6 hilang dari riwayat")
    assert _ada(temuan, r"Peristiwa #7 .*rantai terputus")
    assert _ada(temuan, r"001/KP/BBSPJIKFK/XI/2026.*tidak diizinkan tabel transisi")


def test_peristiwa_ujung_dihapus(arsip_contoh: tuple[Path, dict[str, str]]) -> None:
    """Events cut from the end leave the remaining chain intact, but sqlite_sequence remembers them."""
    jalur, k = arsip_contoh
    _sql(jalur, "DELETE FROM riwayat WHERE urutan >= 11", tanpa_trigger=True)
    temuan = _temuan(jalur)
    assert _ada(temuan, r"Peristiwa #11–#12 hilang dari akhir riwayat")
    assert _ada(temuan, r"Keluhan 003/KP/BBSPJIKFK/XI/2026 \(id \w+\) ada di tabel keluhan tanpa satu pun peristiwa")


def test_baris_keluhan_diubah_langsung(arsip_contoh: tuple[Path, dict[str, str]]) -> None:
    """A status edited in the keluhan table (no trigger needed) differs from the replay of its history."""
    jalur, k = arsip_contoh
    _sql(jalur, f"UPDATE keluhan SET status = 'selesai' WHERE id = '{k['dicatat']}'")
    temuan = _temuan(jalur)
    assert temuan == [
        "Tabel keluhan, keluhan 003/KP/BBSPJIKFK/XI/2026: tidak sama dengan pemutaran ulang riwayat pada kolom "
        "status (tercatat 'selesai', menurut riwayat 'dicatat')."
    ]


def test_data_pribadi_tidak_ditampilkan_temuan(arsip_contoh: tuple[Path, dict[str, str]]) -> None:
    """A tampered phone number is reported by column only: its value never appears in the finding."""
    jalur, k = arsip_contoh
    _sql(jalur, f"UPDATE keluhan SET telepon = '0899-777-666' WHERE id = '{k['selesai']}'")
    temuan = _temuan(jalur)
    assert len(temuan) == 1 and "kolom telepon (tercatat (data pribadi)" in temuan[0]
    assert "0899" not in temuan[0] and "0812" not in temuan[0]


def test_tindakan_diubah_langsung(arsip_contoh: tuple[Path, dict[str, str]]) -> None:
    """An edited CAPA row and an extra one are both caught by the replay."""
    jalur, k = arsip_contoh
    _sql(
        jalur,
        f"UPDATE tindakan SET koreksi = 'Lain' WHERE keluhan_id = '{k['selesai']}' AND putaran = 1",
        f"INSERT INTO tindakan (keluhan_id, putaran, riwayat_urutan, koreksi, pencegahan, petugas, waktu) "
        f"VALUES ('{k['selesai']}', 3, 3, 'x', 'y', 'Budi', '2026-11-02T09:00:00+07:00')",
    )
    temuan = _temuan(jalur)
    assert _ada(temuan, r"Tabel tindakan, keluhan 001/.* putaran 1: .*koreksi \(tercatat 'Lain', menurut riwayat 'Kirim ulang'\)")
    assert _ada(temuan, r"Tabel tindakan, keluhan 001/.*: 3 baris, menurut riwayat 2")


def test_keluhan_disisipkan_tanpa_riwayat(arsip_contoh: tuple[Path, dict[str, str]]) -> None:
    """A complaint row inserted behind the history's back, skipping a number, is named twice."""
    jalur, _ = arsip_contoh
    _sql(jalur, "INSERT INTO keluhan (id, nomor, tahun, urut, status, nama, media, uraian, dicatat, petugas_pencatat,"
                " waktu_status, diperbarui) VALUES ('kpalsu2', '005/KP/BBSPJIKFK/XI/2026', 2026, 5, 'selesai', 'X',"
                " 'email', 'x', '2026-11-02T08:00:00+07:00', 'X', '2026-11-02T08:00:00+07:00', '2026-11-02T08:00:00+07:00')")
    temuan = _temuan(jalur)
    assert _ada(temuan, r"Keluhan 005/KP/BBSPJIKFK/XI/2026 \(id kpalsu2\) ada di tabel keluhan tanpa satu pun peristiwa")
    assert _ada(temuan, r"Nomor keluhan tahun 2026 tidak berurutan: urut 4 tidak ada")


def test_trigger_dihapus_dilaporkan(arsip_contoh: tuple[Path, dict[str, str]]) -> None:
    """A dropped append-only trigger, an altered one and a foreign one are all reported."""
    jalur, _ = arsip_contoh
    _sql(
        jalur,
        "DROP TRIGGER riwayat_tolak_hapus",
        "DROP TRIGGER riwayat_tolak_ubah",
        "CREATE TRIGGER riwayat_tolak_ubah BEFORE UPDATE ON riwayat WHEN 0 BEGIN SELECT 1; END",
        "CREATE TRIGGER diam_diam AFTER INSERT ON riwayat BEGIN SELECT 1; END",
    )
    assert sorted(_temuan(jalur)) == [
        "Trigger diam_diam pada riwayat bukan bagian skema keluhan (ditambahkan dari luar).",
        "Trigger riwayat_tolak_hapus pada riwayat tidak ada di arsip (perlindungan riwayat hilang).",
        "Trigger riwayat_tolak_ubah pada riwayat berbeda dari skema program (telah diubah).",
    ]


def _tambah_peristiwa(jalur: Path, kid: str, aksi: str, dari: str | None, ke: str | None, rincian: dict[str, object]) -> int:
    """Append a well-hashed event the way a forger who knows the recipe would."""
    db = sqlite3.connect(jalur, isolation_level=None)
    try:
        hs = db.execute("SELECT hash FROM riwayat ORDER BY urutan DESC LIMIT 1").fetchone()[0]
        langkah = {"informasikan": 6, "tindak": 4}.get(aksi)
        p = {"keluhan_id": kid, "langkah": langkah, "aksi": aksi, "status_dari": dari, "status_ke": ke,
             "petugas": "Palsu", "waktu": "2026-11-03T08:00:00+07:00", "dicatat_pada": "2026-11-03T08:00:00+07:00",
             "rincian_json": json.dumps(rincian, ensure_ascii=False, sort_keys=True, separators=(",", ":"))}
        cur = db.execute(
            "INSERT INTO riwayat (keluhan_id, langkah, aksi, status_dari, status_ke, petugas, waktu, dicatat_pada,"
            " rincian, hash_sebelum, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (kid, langkah, aksi, dari, ke, p["petugas"], p["waktu"], p["dicatat_pada"], p["rincian_json"], hs,
             hash_peristiwa(p, hs)),
        )
        return int(cur.lastrowid or 0)
    finally:
        db.close()


def test_transisi_terlarang_walau_hash_benar(arsip_contoh: tuple[Path, dict[str, str]]) -> None:
    """A forged event with a valid hash that skips SOP steps (dicatat -> selesai) breaks the transition table."""
    jalur, k = arsip_contoh
    u = _tambah_peristiwa(jalur, k["dicatat"], "informasikan", "dicatat", "selesai", {})
    _sql(jalur, f"UPDATE keluhan SET status = 'selesai' WHERE id = '{k['dicatat']}'")
    temuan = _temuan(jalur)
    assert temuan == [
        f"Peristiwa #{u} (keluhan 003/KP/BBSPJIKFK/XI/2026): 'informasikan' dari status 'dicatat' ke 'selesai' "
        "tidak diizinkan tabel transisi SOP."
    ]


def test_jangkar_menangkap_riwayat_ditulis_ulang(arsip_contoh: tuple[Path, dict[str, str]]) -> None:
    """A history rebuilt from the end with a consistent chain passes every internal check; the anchor catches it."""
    jalur, k = arsip_contoh
    db = sqlite3.connect(jalur)
    urutan, h = db.execute("SELECT urutan, hash FROM riwayat ORDER BY urutan DESC LIMIT 1").fetchone()
    db.close()
    assert _temuan(jalur, jangkar=(urutan, h)) == []
    # The forger replaces the last event (a correction) with a different, well-hashed one,
    # puts the counters and rows in line with it, and restores the triggers.
    _sql(jalur, f"DELETE FROM riwayat WHERE urutan = {urutan}", tanpa_trigger=True)
    _sql(jalur, f"UPDATE sqlite_sequence SET seq = {urutan - 1} WHERE name = 'riwayat'")
    _tambah_peristiwa(jalur, k["dicatat"], "koreksi", None, None,
                      {"kolom": "alamat", "lama": "Jl. Kenari 5", "baru": "Jl. Lain 1", "alasan": "x"})
    _sql(jalur, f"UPDATE keluhan SET alamat = 'Jl. Lain 1', diperbarui = '2026-11-03T08:00:00+07:00'"
                f" WHERE id = '{k['dicatat']}'")
    _sql(jalur, *[sql for nama, (jenis, _, sql) in pemeriksa.skema_bawaan().items() if nama in TRIGGER])
    assert _temuan(jalur) == []  # nothing inside the file betrays the rewrite
    assert _temuan(jalur, jangkar=(urutan, h)) == [
        f"Jangkar: hash peristiwa #{urutan} tidak sama dengan yang dicatat pada audit sebelumnya; riwayat ditulis ulang."
    ]
    r = _cli("--arsip", str(jalur), "periksa", "--jangkar", f"{urutan}:{h}")
    assert r.returncode == 1 and "riwayat ditulis ulang" in r.stdout


def test_jangkar_salah_bentuk(arsip_contoh: tuple[Path, dict[str, str]]) -> None:
    """A malformed --jangkar is a one-line usage refusal (exit 2), not a traceback."""
    jalur, _ = arsip_contoh
    r = _cli("--arsip", str(jalur), "periksa", "--jangkar", "abc")
    assert r.returncode == 2 and r.stderr.startswith("Galat: --jangkar harus berbentuk URUTAN:HASH")


def test_bukan_sqlite(tmp_path: Path) -> None:
    """A file that is not SQLite at all is refused in one line, exit 1."""
    jalur = tmp_path / "archive.db"
    jalur.write_bytes(b"bukan arsip" * 100)
    r = _cli("--arsip", str(jalur), "periksa")
    assert r.returncode == 1 and r.stderr.startswith("Galat: ") and r.stderr.count("\n") == 1


# -- the auditor's own check, exactly as documented ---------------------------------------


def _blok(bahasa: str) -> str:
    blok = re.findall(rf"```{bahasa}\n(.*?)```", DOK.read_text(encoding="utf-8"), re.S)
    assert len(blok) == 1, f"docs/jaminan.md harus punya tepat satu blok {bahasa}"
    return blok[0]


def _skrip_auditor(tmp_path: Path, jalur: Path) -> subprocess.CompletedProcess[str]:
    skrip = tmp_path / "periksa_arsip.py"
    skrip.write_text(_blok("python"), encoding="utf-8")
    # -I and no PYTHONPATH: the script cannot import keluhan even if it tried.
    return subprocess.run([sys.executable, "-I", str(skrip), str(jalur)], capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin"}, cwd=tmp_path, timeout=60)


def test_skrip_auditor_dari_dokumen_lolos(arsip_contoh: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    """The Python script shown in docs/jaminan.md, copied from the page and run without our code, passes a real
    archive and prints the tip of its event chain."""
    jalur, _ = arsip_contoh
    db = sqlite3.connect(jalur)
    h = db.execute("SELECT hash FROM riwayat ORDER BY urutan DESC LIMIT 1").fetchone()[0]
    db.close()
    r = _skrip_auditor(tmp_path, jalur)
    assert r.returncode == 0, r.stdout + r.stderr
    assert f"Ujung riwayat: #12 {h}\n" in r.stdout and r.stdout.endswith("Arsip lolos pemeriksaan.\n")


@pytest.mark.parametrize("rusak", [
    "UPDATE riwayat SET rincian = replace(rincian, 'Jl. Kenari 7', 'Jl. Kenari 9') WHERE urutan = 12",
    "DELETE FROM riwayat WHERE urutan = 5",
])
def test_skrip_auditor_dari_dokumen_menangkap(arsip_contoh: tuple[Path, dict[str, str]], tmp_path: Path, rusak: str) -> None:
    """The documented script fails on an edited or a deleted event."""
    jalur, _ = arsip_contoh
    _sql(jalur, rusak, tanpa_trigger=True)
    r = _skrip_auditor(tmp_path, jalur)
    assert r.returncode == 1 and "TEMUAN: riwayat" in r.stdout, r.stdout


def test_kueri_sql_dari_dokumen(arsip_contoh: tuple[Path, dict[str, str]]) -> None:
    """Every SQL query in docs/jaminan.md runs and gives the documented answers on a sound archive."""
    jalur, _ = arsip_contoh
    db = sqlite3.connect(jalur)
    hasil, buf = [], ""
    for baris in _blok("sql").splitlines(keepends=True):
        buf += baris
        if sqlite3.complete_statement(buf):
            hasil.append(db.execute(buf).fetchall())
            buf = ""
    db.close()
    trigger, urutan, nomor, status, integritas, offset, mutu = hasil
    assert [t for t, _ in trigger] == sorted([*TRIGGER, "keluhan_tolak_timpa", "keluhan_tolak_ubah_kunci",
                                              "riwayat_tolak_timpa", "tindakan_tolak_timpa", "tindakan_tolak_ubah_kunci"])
    assert urutan == [(12, 12, 12)]
    assert nomor == [(2026, 3, 1, 3)]
    assert status == [] and integritas == [("ok",)]
    assert offset == [("+07:00", 12)]
    assert [(langkah, m) for langkah, m, *_ in mutu] == [(3, "15 menit"), (4, "3 hari"), (5, "15 menit"), (6, "15 menit")]


def test_hash_awal_dan_resep(arsip_contoh: tuple[Path, dict[str, str]]) -> None:
    """The first event chains from HASH_AWAL, as the recipe in the docs says."""
    jalur, _ = arsip_contoh
    db = sqlite3.connect(jalur)
    assert db.execute("SELECT hash_sebelum FROM riwayat WHERE urutan = 1").fetchone()[0] == HASH_AWAL == "0" * 64
    db.close()


def test_kemajuan_hanya_di_terminal(arsip_contoh: tuple[Path, dict[str, str]], monkeypatch: pytest.MonkeyPatch) -> None:
    """On a terminal periksa draws a transient progress bar and still ends with the verdict; piped, no bar at all."""
    from typer.testing import CliRunner

    from keluhan import cli

    jalur, _ = arsip_contoh
    dipanggil: list[object] = []
    asli = pemeriksa.periksa

    def periksa_dicatat(db: sqlite3.Connection, **kw: object) -> pemeriksa.Laporan:
        dipanggil.append(kw.get("kemajuan"))
        return asli(db, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(pemeriksa, "periksa", periksa_dicatat)
    r = CliRunner().invoke(cli.app, ["--arsip", str(jalur), "periksa"])
    assert r.exit_code == 0 and dipanggil == [None], r.output
    monkeypatch.setattr(cli, "_tty", lambda: True)
    r = CliRunner().invoke(cli.app, ["--arsip", str(jalur), "periksa"])
    assert r.exit_code == 0 and callable(dipanggil[-1]), r.output
    assert r.stdout.rstrip().endswith(".") and "Arsip sehat: 3 keluhan" in r.stdout


@pytest.mark.parametrize(("rincian", "terbaca"), [
    ('{"tim_teknis": "Laboratorium Pengujian"} x', False),  # text after the object
    ('{"tim_teknis": "Laboratorium Pengujian"', False),
    ('[]', False),  # JSON, but not an object
    (' {"tim_teknis": "Laboratorium Pengujian"}\n', True),  # whitespace around it: json.loads reads it
])
def test_rincian_dibaca_seperti_json_loads(arsip_contoh: tuple[Path, dict[str, str]], rincian: str, terbaca: bool) -> None:
    """An event's rincian is read as json.loads reads it: trailing text or a non-object stops the complaint's replay, surrounding whitespace does not."""
    jalur, _ = arsip_contoh
    _sql(jalur, f"UPDATE riwayat SET rincian = '{rincian}' WHERE urutan = 2", tanpa_trigger=True)
    temuan = _temuan(jalur)
    assert _ada(temuan, r"Peristiwa #2 \(.*\): isinya tidak cocok dengan hash-nya")  # the chain names any edit
    assert _ada(temuan, r"Peristiwa #2 \(.*\): aksi atau rinciannya tidak dapat dibaca") is not terbaca, temuan
    if terbaca:  # the same fields: nothing but the dropped triggers and the chain's finding
        assert [t for t in temuan if not t.startswith("Trigger ")] == [t for t in temuan if "isinya tidak cocok" in t]
