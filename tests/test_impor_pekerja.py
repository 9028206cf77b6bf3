"""`keluhan impor` of a big CSV reads its rows into complaints in a second process (issue 17):
the check, the numbering and the hash chain stay in the first. Whatever the file holds, the
result is the one reading in one process gives: the same output and refusals in the same
order, the same evidence about its dates, the same archive; a file refused midway is refused
with the same message, the archive unchanged."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from keluhan.cli import app
from conftest import hitung_panggilan
from test_impor_tahap import _baris, _csv, _isi_tabel

runner = CliRunner()

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="fork: the second process is POSIX only")


def _impor(arsip: Path, berkas: Path, *args: str) -> Any:
    return runner.invoke(app, ["--arsip", str(arsip), "--petugas", "Petugas Impor", "impor", str(berkas), *args])


def _pekerja(monkeypatch: pytest.MonkeyPatch, pakai: bool) -> list[int]:
    """Read every CSV in a second process (``pakai``) or never; returns how many times one ran."""
    from keluhan import impor

    monkeypatch.setattr(impor, "_PEKERJA_MIN_BAIT", 0 if pakai else 1 << 62)
    monkeypatch.setattr(impor, "_inti_bebas", lambda: True)  # whatever the machine's load now
    monkeypatch.setattr(impor, "_PEKERJA_KELOMPOK", 3)  # several batches even for a small file
    return hitung_panggilan(monkeypatch, impor, "_dari_pekerja")


def _kedua_cara(monkeypatch: pytest.MonkeyPatch, arsip: Path, berkas: Path, *args: str) -> tuple[Any, Any]:
    """The same import on two copies of the archive: read in one process, then in two."""
    kedua = arsip.with_name("kedua.db")
    kedua.write_bytes(arsip.read_bytes())
    n = _pekerja(monkeypatch, False)
    satu = _impor(arsip, berkas, *args)
    assert n[0] == 0
    n = _pekerja(monkeypatch, True)
    dua = _impor(kedua, berkas, *args)
    assert n[0] >= 1  # the second process did read it
    return satu, dua


def _campur() -> list[dict[str, str]]:
    """Good rows, and rows refused as they are read, by the archive's checks, and with a phone warning."""
    baris = [_baris(i) for i in range(10)]
    baris[2] = dict(baris[2], media="merpati")  # refused as read: no such media
    baris[4] = dict(baris[4], verifikasi_petugas="Budi Santoso")  # the archive refuses it: 7.9.6
    baris[5] = dict(baris[5], validasi_waktu="31/2/2025 09.00")  # no such date
    baris[7] = dict(baris[7], telepon="81234567890")  # a leading 0 lost: a warning
    baris[8] = dict(baris[8], nama="")  # a required column empty
    return baris


def test_uji_coba_sama_dengan_satu_proses(arsip: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A dry run read in a second process reports every refusal and warning, in order, as one process does."""
    berkas = _csv(tmp_path / "r.csv", _campur())
    satu, dua = _kedua_cara(monkeypatch, arsip, berkas)
    assert satu.exit_code == dua.exit_code == 1
    assert dua.stdout == satu.stdout and dua.stderr == satu.stderr
    assert "Baris 4:" in satu.stdout and "Baris 6:" in satu.stdout and "merpati" in satu.stdout
    assert "81234567890" in satu.stdout and "7.9.6" in satu.stdout


def test_jalankan_arsip_sama_dengan_satu_proses(arsip: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An import written after a check read in a second process leaves every table as one process does."""
    baris = [_baris(i) for i in range(14)] + [_baris(i, 2024) for i in range(5)]
    berkas = _csv(tmp_path / "r.csv", baris)
    satu, dua = _kedua_cara(monkeypatch, arsip, berkas, "--jalankan")
    assert satu.exit_code == dua.exit_code == 0, dua.output
    assert dua.stdout.replace("kedua.db", "archive.db") == satu.stdout
    isi = _isi_tabel(arsip)
    assert _isi_tabel(arsip.with_name("kedua.db")) == isi
    assert len(isi["keluhan"]) == 19


def test_bukti_bulan_dahulu_dari_proses_kedua(arsip: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The evidence that a file is dated month first, gathered in the second process, refuses it as one process does."""
    baris = [_baris(i) for i in range(6)]
    baris[3] = dict(baris[3], dicatat="3/14/2025 08.00", diajukan="3/14/2025 07.00", validasi_waktu="3/14/2025 09.00",
                    tindak_waktu="3/14/2025 10.00", verifikasi_waktu="3/14/2025 11.00",
                    informasikan_waktu="3/14/2025 13.00")
    berkas = _csv(tmp_path / "r.csv", baris)
    satu, dua = _kedua_cara(monkeypatch, arsip, berkas, "--jalankan")
    assert satu.exit_code == dua.exit_code != 0
    assert dua.stdout == satu.stdout and "bulan dahulu" in satu.stdout
    assert _isi_tabel(arsip.with_name("kedua.db")) == _isi_tabel(arsip)


def test_berkas_rusak_di_tengah(arsip: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file that stops being UTF-8 midway is refused with the same message, read in a second process, archive unchanged."""
    berkas = _csv(tmp_path / "r.csv", [_baris(i) for i in range(40)])
    with berkas.open("ab") as f:
        f.write(b"Pelanggan \xff\xfe;email;rusak\n")
    sebelum = arsip.read_bytes()
    satu, dua = _kedua_cara(monkeypatch, arsip, berkas, "--jalankan")
    assert satu.exit_code == dua.exit_code != 0
    assert "bukan UTF-8" in dua.stderr and dua.stderr == satu.stderr and dua.stdout == satu.stdout
    assert arsip.with_name("kedua.db").read_bytes() == sebelum == arsip.read_bytes()


def test_berkas_kecil_atau_inti_sibuk_dibaca_di_sini(arsip: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A small file, or a machine whose other cores look busy, is read in this process: no second process."""
    import os

    from keluhan import impor

    berkas = _csv(tmp_path / "r.csv", [_baris(i) for i in range(3)])
    b = impor.buka(berkas)
    inti_bebas = impor._inti_bebas
    try:
        monkeypatch.setattr(impor, "_inti_bebas", lambda: True)
        assert b.keadaan is not None and not impor._pakai_pekerja(b)  # below the threshold
        monkeypatch.setattr(impor, "_PEKERJA_MIN_BAIT", 0)
        assert impor._pakai_pekerja(b)
        monkeypatch.setattr(impor, "_inti_bebas", inti_bebas)
        monkeypatch.setattr(os, "cpu_count", lambda: 2)
        monkeypatch.setattr(os, "getloadavg", lambda: (1.7, 1.0, 1.0))  # the other core busy
        assert not impor._inti_bebas() and not impor._pakai_pekerja(b)
        monkeypatch.setattr(os, "getloadavg", lambda: (0.3, 1.0, 1.0))
        assert impor._inti_bebas()
    finally:
        b.tutup()


# The CLI as a real process, with the free-core rule pinned (the machine's load must not decide
# whether this test exercises the second process).
_PELUNCUR = (
    "import sys\n"
    "from keluhan import impor\n"
    "impor._inti_bebas = lambda: True\n"
    "from keluhan.cepat import main\n"
    "sys.argv[0] = 'keluhan'\n"
    "main()\n"
)


def test_ctrl_c_ke_grup_proses_saat_impor_besar(arsip: Path, tmp_path: Path) -> None:
    """Ctrl-C (SIGINT to the process group) mid-check of a big register read in a second process: one line, exit 130, archive unchanged, no process left, staging gone."""
    import csv
    import glob
    import hashlib
    import os
    import signal
    import subprocess
    import tempfile
    import time

    from conftest import PETUGAS

    baris = [_baris(i % 400, 2025 - (i // 400) % 5) for i in range(4000)]
    berkas = _csv(tmp_path / "besar.csv", baris)
    assert berkas.stat().st_size >= 1 << 20
    with berkas.open(encoding="utf-8") as f:
        assert sum(1 for _ in csv.reader(f)) == 4001
    sebelum = hashlib.sha256(arsip.read_bytes()).hexdigest()
    env = {**os.environ, "KELUHAN_ARSIP": str(arsip), "KELUHAN_PETUGAS": PETUGAS, "TERM": "dumb"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    p = subprocess.Popen([sys.executable, "-c", _PELUNCUR, "impor", str(berkas), "--jalankan"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, start_new_session=True)
    anak: list[str] = []
    batas = time.monotonic() + 60
    while not anak and p.poll() is None and time.monotonic() < batas:  # until the reading process runs
        time.sleep(0.02)
        anak = subprocess.run(["pgrep", "-P", str(p.pid)], capture_output=True, text=True).stdout.split()
    assert anak, "the second process never started"
    time.sleep(0.3)  # well inside the check: rows read and checked on both sides
    os.killpg(p.pid, signal.SIGINT)
    out, err = p.communicate(timeout=60)
    assert p.returncode == 130, (p.returncode, out, err)
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert out == ""
    assert hashlib.sha256(arsip.read_bytes()).hexdigest() == sebelum
    for _ in range(100):  # the group is empty once the reading process has ended too
        try:
            os.killpg(p.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        pytest.fail("a process of the import is still running")
    assert not glob.glob(os.path.join(tempfile.gettempdir(), f"keluhan-impor-{p.pid}-*"))


def test_sigint_hanya_ke_proses_pembaca_diabaikan(arsip: Path, tmp_path: Path) -> None:
    """A SIGINT reaching only the reading process is ignored there (the first process alone answers Ctrl-C): the import completes."""
    import os
    import signal
    import sqlite3
    import subprocess
    import time

    from conftest import PETUGAS

    berkas = _csv(tmp_path / "besar.csv", [_baris(i % 400, 2025 - (i // 400) % 5) for i in range(4000)])
    assert berkas.stat().st_size >= 1 << 20
    env = {**os.environ, "KELUHAN_ARSIP": str(arsip), "KELUHAN_PETUGAS": PETUGAS, "TERM": "dumb"}
    p = subprocess.Popen([sys.executable, "-c", _PELUNCUR, "impor", str(berkas), "--jalankan"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, start_new_session=True)
    anak: list[str] = []
    batas = time.monotonic() + 60
    while not anak and p.poll() is None and time.monotonic() < batas:
        time.sleep(0.02)
        anak = subprocess.run(["pgrep", "-P", str(p.pid)], capture_output=True, text=True).stdout.split()
    assert anak, "the second process never started"
    for pid in anak:
        os.kill(int(pid), signal.SIGINT)
    out, err = p.communicate(timeout=120)
    assert p.returncode == 0, (out, err)
    assert "Traceback" not in err and "4000 baris dibaca: 4000 dapat diimpor" in out
    db = sqlite3.connect(arsip)
    try:
        assert db.execute("SELECT COUNT(*) FROM keluhan").fetchone()[0] == 4000
    finally:
        db.close()
