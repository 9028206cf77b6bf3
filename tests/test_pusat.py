"""docs/pusat.md, run as written: two Balai's `ekspor --format ndjson --tanpa-data-pribadi`
loaded into one central SQLite file with the sqlite-utils CLI (the Balai named by the
loader, numbers colliding), a second delivery upserted, the file really served by
Datasette; and the same files loaded into a PostgreSQL server started for the test with
the page's COPY statements. The commands come from the page itself, so the page and the
test cannot drift apart."""

from __future__ import annotations

import glob
import json
import os
import re
import shlex
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import PERINTAH_CLI, buat_arsip
from keluhan.cli import app

HALAMAN = Path(__file__).resolve().parent.parent / "docs" / "pusat.md"
BIN = Path(sys.executable).parent
runner = CliRunner()


def _blok(bahasa: str) -> list[list[str]]:
    """The page's fenced blocks of ``bahasa``, each as its non-empty lines."""
    teks = HALAMAN.read_text(encoding="utf-8")
    return [[b for b in blok.splitlines() if b.strip()] for blok in re.findall(rf"```{bahasa}\n(.*?)```", teks, re.S)]


def _jalankan_baris(baris: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """One command line of the page, its program resolved to this checkout and its venv."""
    argv = shlex.split(baris)
    program = {"keluhan": PERINTAH_CLI}.get(argv[0], [str(BIN / argv[0])])
    return subprocess.run([*program, *argv[1:]], cwd=cwd, capture_output=True, text=True, timeout=120,
                          env=os.environ | {"PYTHONPATH": str(HALAMAN.parent.parent)})


def _keluhan(arsip: Path, *args: str, petugas: str = "Rina") -> str:
    r = runner.invoke(app, ["--arsip", str(arsip), "--petugas", petugas, *args], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    return r.stdout.strip()


def _catat(arsip: Path, nama: str, instansi: str, waktu: str) -> str:
    return _keluhan(arsip, "catat", "--nama", nama, "--instansi", instansi, "--media", "email", "--email",
                    f"{nama.split()[0].lower()}@contoh.id", "--layanan", "pengujian", "--uraian",
                    f"LHU belum diterima. Salam, {nama}", "--diajukan", waktu, "--waktu", waktu)


@pytest.fixture
def dua_balai(tmp_path: Path) -> Path:
    """Balai A with two complaints, Balai B with one: both archives number the first 001/KP/BBSPJIKFK/XI/2026."""
    for balai in ("balai-a", "balai-b"):
        (tmp_path / balai).mkdir()
        buat_arsip(tmp_path / balai / "archive.db")
    a, b = tmp_path / "balai-a" / "archive.db", tmp_path / "balai-b" / "archive.db"
    assert _catat(a, "Hendra Gunawan", "PT Sinar Kimia", "2/11/2026 08.00") == "001/KP/BBSPJIKFK/XI/2026"
    assert _catat(a, "Lestari Putri", "CV Kemasan", "3/11/2026 09.00") == "002/KP/BBSPJIKFK/XI/2026"
    assert _catat(b, "Yusuf Maulana", "PT Farmasi Sehat", "2/11/2026 10.00") == "001/KP/BBSPJIKFK/XI/2026"
    return tmp_path


def _baris_pusat(pusat: Path) -> dict[tuple[str, str], dict]:
    with sqlite3.connect(pusat) as db:
        db.row_factory = sqlite3.Row
        hasil = {(r["balai"], r["nomor"]): dict(r) for r in db.execute("SELECT * FROM keluhan")}
    db.close()
    return hasil


def _port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _ambil(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", errors="replace")


def test_sqlite_utils_dan_datasette_seperti_tertulis(dua_balai: Path) -> None:
    """docs/pusat.md's sqlite-utils path: one row per (balai, nomor) though numbers collide, no personal data, a reload refused, the next delivery upserted, Datasette serving it."""
    ekspor, muat, perbarui, layani = _blok("sh")
    assert [b.split()[0] for b in ekspor + muat + perbarui + layani] == ["keluhan"] * 2 + ["sqlite-utils"] * 3 + ["datasette"]
    for baris in ekspor + muat:
        r = _jalankan_baris(baris, dua_balai)
        assert r.returncode == 0, (baris, r.stderr)
    pusat = dua_balai / "pusat.db"
    rows = _baris_pusat(pusat)
    nomor1 = "001/KP/BBSPJIKFK/XI/2026"
    assert sorted(rows) == [("balai-a", nomor1), ("balai-a", "002/KP/BBSPJIKFK/XI/2026"), ("balai-b", nomor1)]
    assert (rows[("balai-a", nomor1)]["instansi"], rows[("balai-b", nomor1)]["instansi"]) == ("PT Sinar Kimia",
                                                                                              "PT Farmasi Sehat")
    isi = pusat.read_bytes()
    for pribadi in (b"Hendra", b"hendra@contoh.id", b"Lestari", b"Yusuf"):
        assert pribadi not in isi  # --tanpa-data-pribadi: not in the name columns, not in the signature of uraian
    assert all(r["nama"] is None and r["status"] == "dicatat" for r in rows.values())
    # The same first delivery loaded again by mistake: refused, nothing doubled.
    r = _jalankan_baris(muat[0], dua_balai)
    assert r.returncode != 0 and _baris_pusat(pusat) == rows
    # A month later: 002 validated and a new 003 at Balai A; its export upserted.
    a = dua_balai / "balai-a" / "archive.db"
    _keluhan(a, "validasi", "2/2026", "--benar", "--teruskan-ke", "Laboratorium Pengujian", "--waktu", "3/11/2026 09.30",
             petugas="Dedi")
    assert _catat(a, "Agus Salim", "PT Kemasan Hijau", "20/11/2026 08.00") == "003/KP/BBSPJIKFK/XI/2026"
    for baris in ekspor[:1] + perbarui:
        r = _jalankan_baris(baris, dua_balai)
        assert r.returncode == 0, (baris, r.stderr)
    baru = _baris_pusat(pusat)
    assert sorted(baru) == sorted([*rows, ("balai-a", "003/KP/BBSPJIKFK/XI/2026")])
    assert baru[("balai-a", "002/KP/BBSPJIKFK/XI/2026")]["status"] == "divalidasi"
    assert json.loads(baru[("balai-a", "002/KP/BBSPJIKFK/XI/2026")]["riwayat"])[0]["aksi"] == "validasi_benar"
    assert baru[("balai-b", nomor1)] == rows[("balai-b", nomor1)]
    # Datasette, started as the page says (on a free loopback port).
    port = _port_bebas()
    argv = shlex.split(layani[0])
    proses = subprocess.Popen([str(BIN / argv[0]), *argv[1:], "--host", "127.0.0.1", "--port", str(port)],
                              cwd=dua_balai, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        dasar = f"http://127.0.0.1:{port}/pusat/keluhan.json?_shape=array&"
        batas = time.monotonic() + 60
        while True:
            try:
                status, teks = _ambil(dasar + "balai=balai-b")
                break
            except (urllib.error.URLError, ConnectionError):
                assert proses.poll() is None and time.monotonic() < batas, proses.communicate()[0][-2000:]
                time.sleep(0.2)
        assert status == 200 and [(k["balai"], k["nomor"]) for k in json.loads(teks)] == [("balai-b", nomor1)]
        status, teks = _ambil(dasar + "nomor=" + urllib.request.quote(nomor1) + "&_sort=balai")
        assert status == 200 and [(k["balai"], k["instansi"]) for k in json.loads(teks)] == [
            ("balai-a", "PT Sinar Kimia"), ("balai-b", "PT Farmasi Sehat")]
    finally:
        os.killpg(proses.pid, signal.SIGTERM)
        proses.wait(timeout=30)
        if proses.stdout:
            proses.stdout.close()


def _bin_postgresql() -> Path | None:
    for kandidat in (shutil.which("initdb"), *sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))):
        if kandidat and Path(kandidat).with_name("pg_ctl").exists():
            return Path(kandidat).resolve().parent
    return None


def _sebagai_postgres() -> list[str]:
    """PostgreSQL refuses to run as root: as root, run its programs as the user postgres."""
    if os.geteuid() != 0:
        return []
    if not shutil.which("setpriv"):
        pytest.fail("running as root without setpriv: cannot start PostgreSQL as the user postgres")
    return ["setpriv", "--reuid=postgres", "--regid=postgres", "--init-groups", "--"]


def test_postgresql_copy(dua_balai: Path) -> None:
    """docs/pusat.md's PostgreSQL statements, run by psql on a server started here: three rows keyed (balai, nomor), a later delivery upserted."""
    pg = _bin_postgresql()
    if pg is None or not shutil.which("psql"):
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql; .ci/run installs it)")
    skema_, muat = _blok("postgresql")
    assert muat[1].startswith("\\copy masuk (data) FROM 'balai-a.ndjson'")
    for baris in _blok("sh")[0]:
        assert _jalankan_baris(baris, dua_balai).returncode == 0, baris
    sebagai = _sebagai_postgres()
    data = Path(tempfile.mkdtemp(prefix="keluhan-pg-"))
    try:
        if sebagai:
            shutil.chown(data, "postgres", "postgres")
        kluster, soket = data / "kluster", data
        r = subprocess.run([*sebagai, str(pg / "initdb"), "-D", str(kluster), "-U", "postgres", "-A", "trust",
                            "--no-sync", "-E", "UTF8", "--locale", "C"], capture_output=True, text=True, timeout=180)
        assert r.returncode == 0, r.stderr
        port = _port_bebas()
        opsi = f"-k {soket} -p {port} -c listen_addresses='' -c fsync=off"
        r = subprocess.run([*sebagai, str(pg / "pg_ctl"), "-D", str(kluster), "-o", opsi, "-l", str(data / "log"),
                            "-w", "-t", "120", "start"], capture_output=True, text=True, timeout=180)
        assert r.returncode == 0, r.stderr + (data / "log").read_text(errors="replace")
        try:
            def psql(skrip: str) -> str:
                p = subprocess.run(["psql", "-h", str(soket), "-p", str(port), "-U", "postgres", "-X", "-q", "-A",
                                    "-t", "-v", "ON_ERROR_STOP=1", "-f", "-"], input=skrip, cwd=dua_balai,
                                   capture_output=True, text=True, timeout=120)
                assert p.returncode == 0, p.stderr
                return p.stdout

            def muat_balai(balai: str) -> str:
                return "\n".join(muat).replace("balai-a", balai) + "\n"

            psql("\n".join(skema_) + "\n")
            psql(muat_balai("balai-a"))
            psql(muat_balai("balai-b"))
            tanya = "SELECT balai, nomor, data->>'status', data->>'instansi' FROM keluhan ORDER BY balai, nomor;"
            nomor1 = "001/KP/BBSPJIKFK/XI/2026"
            assert psql(tanya).splitlines() == [f"balai-a|{nomor1}|dicatat|PT Sinar Kimia",
                                                "balai-a|002/KP/BBSPJIKFK/XI/2026|dicatat|CV Kemasan",
                                                f"balai-b|{nomor1}|dicatat|PT Farmasi Sehat"]
            a = dua_balai / "balai-a" / "archive.db"
            _keluhan(a, "validasi", "2/2026", "--benar", "--teruskan-ke", "Laboratorium Pengujian", "--waktu",
                     "3/11/2026 09.30", petugas="Dedi")
            r = _jalankan_baris(_blok("sh")[0][0], dua_balai)
            assert r.returncode == 0, r.stderr
            psql(muat_balai("balai-a"))
            assert psql(tanya).splitlines()[1] == "balai-a|002/KP/BBSPJIKFK/XI/2026|divalidasi|CV Kemasan"
            assert psql("SELECT count(*), count(DISTINCT nomor) FROM keluhan;").strip() == "3|2"
            assert psql("SELECT jsonb_array_elements(data->'riwayat')->>'aksi' FROM keluhan "
                        "WHERE balai = 'balai-a' AND nomor = '002/KP/BBSPJIKFK/XI/2026';").split() == ["validasi_benar"]
        finally:
            subprocess.run([*sebagai, str(pg / "pg_ctl"), "-D", str(kluster), "-m", "immediate", "-w", "stop"],
                           capture_output=True, timeout=120)
    finally:
        shutil.rmtree(data, ignore_errors=True)
