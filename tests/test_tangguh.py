"""Issue 10's edges that are not files, archives or terminal text: bounded work on any
input, option bytes that are not UTF-8, Ctrl-C that tells the truth, and every other
failure as one line (docs/jaminan.md lists which test holds which).

Permission cases run the real package as user ``nobody`` (root bypasses permissions)
from a copy it may read, with an interpreter it may run; without root, setpriv or such
an interpreter they skip and say why. ENAMETOOLONG and ENOSPC (/dev/full) hold for root
too and run everywhere.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from conftest import PETUGAS, REPO, catat_cli

NOMOR_RE = re.compile(r"\b\d{3,}/KP/[A-Z]+/[IVX]+/\d{4}\b")


def _dump(jalur: Path) -> list[str]:
    db = sqlite3.connect(jalur)
    try:
        return list(db.iterdump())
    finally:
        db.close()


def _satu_galat(stderr: str) -> str:
    """The stderr of a refusal: exactly one line, starting 'Galat: ', no traceback."""
    assert "Traceback" not in stderr, stderr
    baris = stderr.splitlines()
    assert len(baris) == 1 and baris[0].startswith("Galat: "), stderr
    return baris[0]


def _cepat(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run the entry point users run (keluhan.cepat.main) in-process."""
    from keluhan import cepat

    with pytest.raises(SystemExit) as e:
        cepat.main(argv)
    out, err = capsys.readouterr()
    return int(e.value.code or 0), out, err


def _proses(*args: str | bytes, env: dict[str, str] | None = None, **kw: Any) -> subprocess.CompletedProcess[bytes]:
    """The installed entry point as a real process (``python -m keluhan``)."""
    return subprocess.run([sys.executable, "-m", "keluhan", *args], capture_output=True, timeout=120,
                          env={**os.environ, **(env or {})}, **kw)


# -- 1. bounded work on any input ---------------------------------------------------------


def _csv(jalur: Path, baris: list[dict[str, str]]) -> Path:
    baris = [{"petugas": "Rina Wulandari", **b} for b in baris]  # an import names every officer
    kolom = list(dict.fromkeys(k for b in baris for k in b))
    jalur.write_text(",".join(kolom) + "\n" + "".join(",".join(b.get(k, "") for k in kolom) + "\n" for b in baris),
                     encoding="utf-8")
    return jalur


def test_impor_nomor_urut_besar_tanpa_rentang_sebesar_nomornya(tmp_path, jalankan) -> None:
    """A one-row import numbered 5000000/KP/... is refused for its gaps without building a structure of 5 million (peak < 20 MB; main took 573 MB)."""
    berkas = _csv(tmp_path / "r.csv", [{"nomor": "5000000/KP/BBSPJIKFK/XI/2026", "nama": "PT A", "media": "email",
                                         "uraian": "x", "dicatat": "2026-11-02 08:10"}])
    tracemalloc.start()
    try:
        r = jalankan("impor", str(berkas))
        _, puncak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert r.exit_code == 1, r.stderr
    assert "nomor urut 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 dan 4999989 lainnya tidak ada" in r.stdout
    assert puncak < 20 * 2**20, f"peak {puncak / 2**20:.0f} MB"


def test_impor_nomor_urut_sangat_panjang_satu_baris_penolakan(tmp_path, jalankan) -> None:
    """A sequence number of 90 digits (once 24 GB of memory) is one refused row naming the limit."""
    berkas = _csv(tmp_path / "r.csv", [{"nomor": "5" * 90 + "/KP/BBSPJIKFK/XI/2026", "nama": "PT A", "media": "email",
                                         "uraian": "x", "dicatat": "2026-11-02 08:10"}])
    r = jalankan("impor", str(berkas))
    assert r.exit_code == 1 and "nomor urut terlalu besar" in r.stdout, r.stdout + r.stderr


def test_impor_celah_dari_nomor_yang_ada(tmp_path, jalankan) -> None:
    """The gaps are found from the numbers present: 1, 2, 5, 9 -> 3, 4, 6, 7, 8 missing; none when gapless."""
    def baris(*urut: int) -> list[dict[str, str]]:
        return [{"nomor": f"{u:03d}/KP/BBSPJIKFK/XI/2026", "nama": f"PT {u}", "media": "email", "uraian": "x",
                 "dicatat": f"2026-11-02 08:{10 + u:02d}"} for u in urut]

    r = jalankan("impor", str(_csv(tmp_path / "a.csv", baris(1, 2, 5, 9))))
    assert r.exit_code == 1 and "Tahun 2026: nomor urut 3, 4, 6, 7, 8 tidak ada" in r.stdout
    assert "lainnya" not in r.stdout
    r = jalankan("impor", str(_csv(tmp_path / "b.csv", baris(3, 1, 2))))
    assert r.exit_code == 0 and "tidak ada;" not in r.stdout, r.stdout


@pytest.mark.parametrize("jenis", ["json", "ndjson", "riwayat"])
def test_impor_json_bersarang_200000_satu_baris(tmp_path, jalankan, jenis) -> None:
    """200,000 nested brackets (a .json file, an .ndjson line, a riwayat cell) are one refusal, not a RecursionError."""
    dalam = "[" * 200_000 + "]" * 200_000
    if jenis == "json":
        berkas = tmp_path / "r.json"
        berkas.write_text(dalam, encoding="utf-8")
    elif jenis == "ndjson":
        berkas = tmp_path / "r.ndjson"
        berkas.write_text('{"nama": ' + dalam + "}\n", encoding="utf-8")
    else:
        berkas = tmp_path / "r.json"
        berkas.write_text(json.dumps([{"nama": "PT A", "media": "email", "uraian": "x", "dicatat": "2026-11-02 08:10",
                                       "riwayat": dalam}]), encoding="utf-8")
    r = jalankan("impor", str(berkas))
    assert r.exit_code in (1, 2)
    teks = r.stdout + r.stderr
    assert "bersarang terlalu dalam" in teks and "Traceback" not in teks


def test_daftar_halaman_sangat_besar(catat, jalankan, capsys) -> None:
    """daftar --halaman 4611686018427387904 is an empty page past the end, not an OverflowError (both entry points)."""
    catat()
    r = jalankan("daftar", "--halaman", "4611686018427387904")
    assert r.exit_code == 0 and "0 dari 1 keluhan" in r.stderr, r.stderr
    kode, _out, err = _cepat(["daftar", "--halaman", "4611686018427387904"], capsys)
    assert kode == 0 and "0 dari 1 keluhan" in err


@pytest.mark.parametrize("opsi", [["--tahun", "99999999999999999999"], ["--bulan", "99999-01"],
                                  ["--dari", "1/1/99999", "--sampai", "2/1/99999"]])
def test_rekap_tahun_besar_satu_baris(catat, jalankan, opsi) -> None:
    """rekap with a huge year, month or date is one Galat line (nothing sized by the number)."""
    catat()
    r = jalankan("rekap", *opsi)
    assert r.exit_code in (1, 2)
    _satu_galat(r.stderr)


@pytest.mark.parametrize("fmt", ["{urut:0999999999d}/KP/{tahun}", "{urut:{tahun}d}/KP/{tahun}",
                                 "{urut:0" + "9" * 5000 + "d}/{tahun}"])
def test_nomor_format_lebar_raksasa_ditolak(tmp_path, jalankan, fmt) -> None:
    """nomor.format with a gigantic field width (a number from a file) is one line naming the setting, no gigabyte string."""
    toml = tmp_path / "lebar.toml"
    toml.write_text(f"[nomor]\nformat = '{fmt}'\n", encoding="utf-8")
    tracemalloc.start()
    try:
        r = jalankan("--konfigurasi", str(toml), "catat", "--nama", "PT A", "--media", "email", "--uraian", "x")
        _, puncak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert r.exit_code == 2
    assert "nomor.format" in _satu_galat(r.stderr)
    assert puncak < 50 * 2**20, f"peak {puncak / 2**20:.0f} MB"


def test_periksa_jangkar_urutan_besar(catat, jalankan) -> None:
    """periksa --jangkar with a 23-digit sequence is refused as malformed, not an OverflowError."""
    catat()
    r = jalankan("periksa", "--jangkar", "9" * 23 + ":" + "a" * 64)
    assert r.exit_code == 2
    assert "--jangkar harus berbentuk" in _satu_galat(r.stderr)


# -- 2. text options decoded ----------------------------------------------------------------

BYTE_ASING = b"PT \xff\xfe".decode("utf-8", "surrogateescape")


def _opsi_teks_catat() -> list[str]:
    from keluhan import cepat

    return [n for n, (_k, jenis) in cepat.PERINTAH[("catat",)].opsi.items() if jenis == cepat.TEKS]


@pytest.mark.parametrize("opsi", _opsi_teks_catat())
def test_catat_byte_bukan_utf8_ditolak_tanpa_membuat_arsip(arsip, jalankan, capsys, opsi) -> None:
    """Bytes that are not UTF-8 in any text option of catat: one line naming the option, nothing written (cepat.main and the Typer app)."""
    sebelum, isi = _dump(arsip), sorted(p.name for p in arsip.parent.iterdir())
    isian = {"--nama": "PT A", "--media": "email", "--uraian": "x"}
    isian[opsi] = BYTE_ASING
    argv = ["catat", *[x for kv in isian.items() for x in kv]]
    kode, out, err = _cepat(argv, capsys)
    assert (kode, out) == (2, "")
    assert f"Nilai {opsi} berisi byte yang bukan teks UTF-8 (byte ff fe)" in _satu_galat(err)
    r = jalankan(*argv)
    assert r.exit_code == 2 and f"Nilai {opsi} berisi byte" in _satu_galat(r.stderr)
    r = jalankan("catat", f"{opsi}={BYTE_ASING}", "--media", "email")  # incomplete: the Typer path
    assert r.exit_code == 2 and f"Nilai {opsi} berisi byte" in _satu_galat(r.stderr)
    assert _dump(arsip) == sebelum and sorted(p.name for p in arsip.parent.iterdir()) == isi


def test_byte_bukan_utf8_di_setiap_perintah_dan_variabel(catat, arsip, jalankan, capsys, monkeypatch) -> None:
    """Step commands, global options and KELUHAN_* variables with non-UTF-8 bytes: one line, archive unchanged."""
    nomor = catat()
    sebelum = _dump(arsip)
    for argv in (["validasi", nomor, "--benar", "--teruskan-ke", BYTE_ASING],
                 ["tindak", nomor, "--koreksi", BYTE_ASING, "--pencegahan", "x"],
                 ["lihat", BYTE_ASING], ["--petugas", BYTE_ASING, "banding", nomor, "--alasan", "x"],
                 ["daftar", "--tim", BYTE_ASING], ["rekap", "--bulan", BYTE_ASING],
                 ["--arsip", str(arsip) + BYTE_ASING, "daftar"]):
        kode, out, err = _cepat(argv, capsys)
        assert kode == 2 and out == "" and "bukan teks UTF-8" in _satu_galat(err), argv
        r = jalankan(*argv)
        assert r.exit_code == 2 and "bukan teks UTF-8" in _satu_galat(r.stderr), argv
    monkeypatch.setenv("KELUHAN_PETUGAS", BYTE_ASING)
    kode, _out, err = _cepat(["validasi", nomor, "--benar", "--teruskan-ke", "Lab"], capsys)
    assert kode == 2 and "Variabel KELUHAN_PETUGAS" in _satu_galat(err)
    assert _dump(arsip) == sebelum


def test_stdin_bukan_utf8(catat, arsip, jalankan) -> None:
    """--uraian - reading bytes that are not UTF-8 from stdin: one line naming the option."""
    catat()
    sebelum = _dump(arsip)
    r = _proses("catat", "--nama", "PT B", "--media", "email", "--uraian", "-", input=b"LHU \xff belum",
                env={"KELUHAN_ARSIP": str(arsip), "KELUHAN_PETUGAS": PETUGAS})
    assert r.returncode == 2 and r.stdout == b""
    assert "--uraian -" in _satu_galat(r.stderr.decode())
    assert _dump(arsip) == sebelum


def test_byte_bukan_utf8_proses_nyata(arsip, tmp_path) -> None:
    """A real process given raw bytes (as a shell passes $'\\xff'): one line, archive unchanged."""
    sebelum = _dump(arsip)
    r = _proses("catat", b"--nama", b"PT \xff", "--media", "email", "--uraian", "x",
                env={"KELUHAN_ARSIP": str(arsip), "KELUHAN_PETUGAS": PETUGAS})
    assert r.returncode == 2 and r.stdout == b""
    assert "Nilai --nama berisi byte yang bukan teks UTF-8 (byte ff)" in _satu_galat(r.stderr.decode())
    assert _dump(arsip) == sebelum


# -- 3. Ctrl-C tells the truth -----------------------------------------------------------


def test_ctrl_c_saat_komit_nomor_tetap_dicetak(arsip, catat, jalankan, monkeypatch) -> None:
    """A SIGINT arriving inside the commit window is deferred: the complaint is committed, its number printed, and the interruption said after it."""
    from keluhan import sinyal

    catat()
    asli = sinyal._tunda

    def tunda_lalu_sigint() -> bool:
        ok = asli()
        os.kill(os.getpid(), signal.SIGINT)  # delivered now, while COMMIT is about to run
        return ok

    monkeypatch.setattr(sinyal, "_tunda", tunda_lalu_sigint)
    r = jalankan("catat", "--nama", "PT Tertunda", "--media", "email", "--uraian", "x")
    assert r.exit_code == 130
    nomor = r.stdout.strip()
    assert NOMOR_RE.fullmatch(nomor), r.stdout
    assert r.stderr == f"Ctrl-C diterima saat perubahan disimpan; perubahan sudah tersimpan: keluhan {nomor} dicatat.\n"
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # the window closed
    monkeypatch.setattr(sinyal, "_tunda", asli)
    r = jalankan("lihat", nomor, "--json")
    assert r.exit_code == 0 and json.loads(r.stdout)["nama"] == "PT Tertunda"


def test_ctrl_c_sebelum_komit_arsip_tidak_berubah(arsip, catat, jalankan, monkeypatch) -> None:
    """A SIGINT just before the commit window: rolled back, 'Dibatalkan; arsip tidak berubah', nothing printed on stdout."""
    from keluhan import sinyal

    catat()
    sebelum = _dump(arsip)

    def sigint_dulu() -> bool:
        raise KeyboardInterrupt

    monkeypatch.setattr(sinyal, "_tunda", sigint_dulu)
    r = jalankan("catat", "--nama", "PT Batal", "--media", "email", "--uraian", "x")
    assert (r.exit_code, r.stdout) == (130, "")
    assert _satu_galat(r.stderr) == "Galat: Dibatalkan; arsip tidak berubah."
    assert _dump(arsip) == sebelum


def test_ctrl_c_terbungkus_saat_impor_modul(arsip, catat, monkeypatch, capsys) -> None:
    """A Ctrl-C during a module's import that Python wraps (RuntimeError from __set_name__, caused by the
    KeyboardInterrupt) still ends in one line and exit 130, never a traceback; other errors are not swallowed."""
    from keluhan import cepat

    catat()
    sebelum = _dump(arsip)

    def impor_terputus(*_a: Any, **_k: Any) -> None:
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt as ki:
            raise RuntimeError("Error calling __set_name__ on 'cached_property' instance") from ki

    monkeypatch.setattr(cepat, "urai", impor_terputus)
    kode, out, err = _cepat(["catat", "--nama", "PT Batal", "--media", "email", "--uraian", "x"], capsys)
    assert (kode, out) == (130, "")
    assert _satu_galat(err) == "Galat: Dibatalkan; arsip tidak berubah."
    assert _dump(arsip) == sebelum

    def rusak(*_a: Any, **_k: Any) -> None:
        raise RuntimeError("bukan Ctrl-C")

    monkeypatch.setattr(cepat, "urai", rusak)
    with pytest.raises(RuntimeError, match="bukan Ctrl-C"):
        cepat.main(["catat", "--nama", "PT Batal", "--media", "email", "--uraian", "x"])


def test_ctrl_c_di_awal_main_proses_sendiri_satu_baris(arsip, catat, monkeypatch, capsys) -> None:
    """The command's own process (argv None) turns the collector off first: a Ctrl-C right there, before any
    keluhan code has run, still ends in one line and exit 130 (CI once showed Python's traceback through
    cepat.main, from a SIGINT during its ``import gc``)."""
    import gc

    from keluhan import cepat

    catat()
    sebelum = _dump(arsip)

    def terputus() -> None:
        raise KeyboardInterrupt

    from keluhan import sinyal

    # A fresh process has committed nothing yet: the earlier in-process catat's record goes.
    monkeypatch.setattr(sinyal, "_hasil", [])
    monkeypatch.setattr(sinyal, "_pemeliharaan", [])
    monkeypatch.setattr(gc, "disable", terputus)
    monkeypatch.setattr(sys, "argv", ["keluhan", "catat", "--nama", "PT Batal", "--media", "email", "--uraian", "x"])
    with pytest.raises(SystemExit) as keluar:
        cepat.main()
    out, err = capsys.readouterr()
    assert (keluar.value.code, out) == (130, "")
    assert _satu_galat(err) == "Galat: Dibatalkan; arsip tidak berubah."
    assert _dump(arsip) == sebelum


def test_gagal_sesudah_komit_menyebut_yang_tersimpan(arsip, catat, jalankan, monkeypatch) -> None:
    """A failure after the commit (the output cannot be written) names the saved complaint, never 'arsip tidak berubah'.
    The clock is fixed (Fri 20 Nov 2026 10:00): the second complaint of 2026 in any year the test runs."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    import keluhan.waktu
    from keluhan import harian

    monkeypatch.setattr(keluhan.waktu, "sekarang", lambda _zona: datetime(2026, 11, 20, 10, 0, tzinfo=ZoneInfo("Asia/Jakarta")))
    catat()

    def rusak(*_a: Any, **_k: Any) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(harian, "_tty", rusak)
    r = jalankan("catat", "--nama", "PT Keluaran", "--media", "email", "--uraian", "x")
    assert r.exit_code == 1
    baris = _satu_galat(r.stderr)
    assert re.search(r"perubahan sudah tersimpan: keluhan 002/KP/BBSPJIKFK/[IVX]+/\d{4} dicatat\.$", baris), baris
    assert "arsip tidak berubah" not in baris


def test_ctrl_c_proses_nyata_nomor_dicetak_bila_dan_hanya_bila_tercatat(arsip, jalankan) -> None:
    """Real processes interrupted by SIGINT at many moments: a complaint is in the archive exactly when its number was printed, and 'arsip tidak berubah' is said only when it is not."""
    catat_cli(jalankan, nama="PT Awal", waktu=None, diajukan=None)
    env = {**os.environ, "KELUHAN_ARSIP": str(arsip), "KELUHAN_PETUGAS": PETUGAS, "TERM": "dumb"}

    def mulai(i: int) -> subprocess.Popen[str]:
        return subprocess.Popen([sys.executable, "-m", "keluhan", "catat", "--nama", f"PT Sela {i}", "--media", "email",
                                 "--uraian", "x"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)

    t = time.monotonic()
    p = mulai(-1)
    p.communicate(timeout=120)
    lama = time.monotonic() - t  # one whole run here and now: the delays spread over it
    n = 30
    hasil = []
    for i in range(n):
        p = mulai(i)
        time.sleep(lama * 1.3 * i / n)
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=120)
        hasil.append((i, p.returncode, out, err))
    db = sqlite3.connect(arsip)
    try:
        ada = dict(db.execute("SELECT nama, nomor FROM keluhan WHERE nama LIKE 'PT Sela %'").fetchall())
    finally:
        db.close()
    for i, kode, out, err in hasil:
        # A SIGINT during the interpreter's own start-up (importing site, or keluhan's
        # modules) ends in Python's KeyboardInterrupt report before any keluhan code can
        # hold it; nothing has been opened then. Anything else must be one of our lines.
        # Import-time frames are a module's (``<module>``) or a class body's, named like the
        # class (CamelCase; every function of keluhan is lower_case): neither is a function of ours.
        if "Traceback" in err:  # Python's own report (it may even carry on: "Exception ignored in ...")
            assert "KeyboardInterrupt" in err, err
            assert not re.search(r'keluhan[/\\]\w+\.py", line \d+, in (?!<module>|[A-Z])', err), err
        nomor = ada.get(f"PT Sela {i}")
        if nomor is None:
            assert out == "", (i, kode, out, err)
        else:
            assert out.strip() == nomor, (i, kode, out, err)
            assert "arsip tidak berubah" not in err, (i, err)
        if "arsip tidak berubah" in err:
            assert nomor is None
    # Not asserted (timing-dependent), but worth knowing when the test is read: both sides were hit.
    print(f"{len(ada)} of {n} interrupted runs committed; one run took {lama:.2f} s")


# -- 4. every refusal one line -----------------------------------------------------------


def test_waktu_zona_lebih_dari_sehari(catat, arsip, jalankan, capsys) -> None:
    """--waktu 2026-11-02T08:00:00+25:00 is one line naming the offset (both entry points), archive unchanged."""
    catat()
    sebelum = _dump(arsip)
    argv = ["catat", "--nama", "PT A", "--media", "email", "--uraian", "x", "--waktu", "2026-11-02T08:00:00+25:00"]
    r = jalankan(*argv)
    assert r.exit_code == 2 and "selisih zona waktu yang tidak sah" in _satu_galat(r.stderr)
    kode, _out, err = _cepat(argv, capsys)
    assert kode == 2 and "selisih zona waktu yang tidak sah" in _satu_galat(err)
    assert _dump(arsip) == sebelum


PANJANG = "a" * 300


@pytest.mark.parametrize("argv", [
    ["--arsip", f"{PANJANG}.db", "daftar"],
    ["--arsip", f"{PANJANG}.db", "catat", "--nama", "PT A", "--media", "email", "--uraian", "x"],
    ["rekap", "--bulan", "2026-11", "--keluar", f"{PANJANG}.md"],
    ["ekspor", "--keluar", f"{PANJANG}.csv"],
    ["formulir", "001/KP/BBSPJIKFK/XI/2026", "--jenis", "fpkp", "--keluar", f"{PANJANG}.md"],
    ["cadangkan", f"{PANJANG}.db"],
    ["--konfigurasi", f"{PANJANG}.toml", "daftar"],
])
def test_nama_berkas_300_karakter(catat, arsip, jalankan, capsys, argv) -> None:
    """A 300-character file name (ENAMETOOLONG, even for root) is one line, exit 1 or 2, archive unchanged, nothing created."""
    catat()
    sebelum, isi = _dump(arsip), sorted(p.name for p in arsip.parent.iterdir())
    r = jalankan(*argv)
    assert r.exit_code in (1, 2), r.stdout
    _satu_galat(r.stderr)
    kode, _out, err = _cepat(argv, capsys)
    assert kode in (1, 2)
    _satu_galat(err)
    assert _dump(arsip) == sebelum and sorted(p.name for p in arsip.parent.iterdir()) == isi


def test_disk_penuh_di_stdout(catat, arsip) -> None:
    """Output to a full disk (/dev/full: ENOSPC even for root) is one line naming it, for a read and for ekspor."""
    catat()
    env = {"KELUHAN_ARSIP": str(arsip), "KELUHAN_PETUGAS": PETUGAS}
    for argv in (["daftar"], ["ekspor"], ["lihat", "001/KP/BBSPJIKFK/XI/2026"]):
        with open("/dev/full", "wb") as penuh:
            r = subprocess.run([sys.executable, "-m", "keluhan", *argv], stdout=penuh, stderr=subprocess.PIPE,
                               timeout=120, env={**os.environ, **env})
        assert r.returncode == 1, argv
        assert "disk penuh" in _satu_galat(r.stderr.decode()), argv


# -- as another user: permissions root would bypass ------------------------------------------------


def _distribusi(nama: str, dilihat: set[str]) -> None:
    """``nama`` and every distribution it requires (extras left out), into ``dilihat``."""
    from importlib import metadata

    kunci = re.sub(r"[-_.]+", "-", nama).lower()
    if kunci in dilihat:
        return
    try:
        dist = metadata.distribution(nama)
    except metadata.PackageNotFoundError:
        return
    dilihat.add(kunci)
    for syarat in dist.requires or []:
        if "extra ==" in syarat:
            continue
        m = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", syarat)
        if m:
            _distribusi(m.group(), dilihat)


@pytest.fixture(scope="session")
def sebagai_nobody(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Run ``keluhan ARGS`` as user nobody: a copy of the package and its dependencies
    in a folder nobody may read, run by an interpreter nobody may execute."""
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root and setpriv to run as another user")
    import tempfile
    from importlib import metadata

    folder = Path(tempfile.mkdtemp(prefix="keluhan-nobody-"))
    folder.chmod(0o755)
    paket = folder / "paket"
    shutil.copytree(REPO / "keluhan", paket / "keluhan", ignore=shutil.ignore_patterns("__pycache__"))
    dilihat: set[str] = set()
    for syarat in metadata.distribution("keluhan").requires or []:
        if "extra ==" not in syarat:
            _distribusi(re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", syarat).group(), dilihat)  # type: ignore[union-attr]
    for nama in sorted(dilihat):
        dist = metadata.distribution(nama)
        for f in dist.files or []:
            if f.parts[0] == ".." or "__pycache__" in f.parts:
                continue
            asal = Path(str(dist.locate_file(f)))
            if asal.is_file():
                tujuan = paket / f
                tujuan.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(asal, tujuan)
    for p in [folder, *folder.rglob("*")]:
        p.chmod(0o755 if p.is_dir() else 0o644)
    versi = f"{sys.version_info.major}.{sys.version_info.minor}"
    calon = [sys.executable, os.path.realpath(sys.executable), f"/usr/bin/python{versi}", f"/usr/local/bin/python{versi}"]
    env = {"PYTHONPATH": str(paket), "PATH": "/usr/bin:/bin", "TERM": "dumb", "PYTHONDONTWRITEBYTECODE": "1",
           "KELUHAN_PETUGAS": PETUGAS, "LANG": "C.UTF-8"}
    awal = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    python = None
    for c in calon:
        if not os.path.exists(c):
            continue
        r = subprocess.run([*awal, c, "-c", f"import sys, keluhan.cli; assert sys.version[:{len(versi)}] == '{versi}'"],
                           capture_output=True, env=env, cwd="/", timeout=60)
        if r.returncode == 0:
            python = c
            break
    if python is None:
        shutil.rmtree(folder)
        pytest.skip(f"no Python {versi} interpreter that user nobody may run with a copy of the package")

    def jalankan_nobody(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*awal, python, "-m", "keluhan", *args], capture_output=True, text=True, timeout=120,
                              cwd="/", env=env)

    yield jalankan_nobody
    shutil.rmtree(folder)


@pytest.fixture
def folder_nobody(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """A fresh folder (0755, root's) outside the tests' private tmp, which nobody can enter."""
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="keluhan-izin-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder)


def _arsip_terbaca(sumber: Path, folder: Path) -> Path:
    salinan = folder / "archive.db"
    salinan.write_bytes(sumber.read_bytes())
    salinan.chmod(0o644)
    return salinan


def test_sebagai_nobody_folder_arsip_tertutup(sebagai_nobody, folder_nobody, catat, arsip) -> None:
    """--arsip in a folder the user may not enter: one line naming the permission, for a read and for catat; nothing changes."""
    catat()
    tertutup = folder_nobody / "tertutup"
    tertutup.mkdir(mode=0o700)
    salinan = _arsip_terbaca(arsip, tertutup)
    sebelum = _dump(salinan)
    for argv in (["daftar"], ["lihat", "001/KP/BBSPJIKFK/XI/2026"],
                 ["catat", "--nama", "PT A", "--media", "email", "--uraian", "x"]):
        r = sebagai_nobody("--arsip", str(salinan), *argv)
        assert r.returncode in (1, 2) and r.stdout == "", argv
        baris = _satu_galat(r.stderr)
        assert "izin" in baris.lower() or "tidak dapat dibuka" in baris, baris
    assert sorted(p.name for p in tertutup.iterdir()) == ["archive.db"]
    assert _dump(salinan) == sebelum


def test_sebagai_nobody_konfigurasi_dan_templat_tak_terbaca(sebagai_nobody, folder_nobody, catat, arsip) -> None:
    """An unreadable --konfigurasi file or --templat folder: one line, exit 1 or 2, archive unchanged."""
    nomor = catat()
    salinan = _arsip_terbaca(arsip, folder_nobody)
    toml = folder_nobody / "rahasia.toml"
    toml.write_text('[unit]\nnama = "Balai"\n', encoding="utf-8")
    toml.chmod(0o600)
    templat = folder_nobody / "templat"
    templat.mkdir(mode=0o700)
    (templat / "fpkp.md.j2").write_text("x", encoding="utf-8")
    sebelum = _dump(salinan)
    for argv in (["--konfigurasi", str(toml), "daftar"],
                 ["--templat", str(templat), "formulir", nomor, "--jenis", "fpkp"]):
        r = sebagai_nobody("--arsip", str(salinan), *argv)
        assert r.returncode in (1, 2) and r.stdout == "", (argv, r.stdout)
        _satu_galat(r.stderr)
    assert _dump(salinan) == sebelum


def test_sebagai_nobody_keluar_ke_folder_tak_tertulis(sebagai_nobody, folder_nobody, catat, arsip) -> None:
    """formulir, ekspor and rekap --keluar into a folder the user may not write: one line, no file, archive unchanged."""
    nomor = catat()
    salinan = _arsip_terbaca(arsip, folder_nobody)
    tujuan = folder_nobody / "keluar"
    tujuan.mkdir(mode=0o755)
    sebelum = _dump(salinan)
    for argv in (["formulir", nomor, "--jenis", "fpkp", "--keluar", f"{tujuan}/f.md"],
                 ["ekspor", "--keluar", f"{tujuan}/e.csv"],
                 ["rekap", "--bulan", "2026-11", "--keluar", f"{tujuan}/r.md"]):
        r = sebagai_nobody("--arsip", str(salinan), *argv)
        assert r.returncode in (1, 2), (argv, r.stdout, r.stderr)
        _satu_galat(r.stderr)
    assert list(tujuan.iterdir()) == [] and _dump(salinan) == sebelum


def test_ctrl_c_antara_mulai_transaksi_dan_isinya_berakhir_tenang(arsip, catat) -> None:
    """A Ctrl-C between BEGIN and the with-body leaves the transaction's generator suspended: the archive closes (SQLite rolls it back) and the generator's late finalization raises nothing and changes nothing."""
    import gc

    from keluhan import arsip as ars, pengaturan

    catat()
    sebelum = _dump(arsip)
    a = ars.Arsip(arsip, pengaturan.muat(None))
    cm = a.transaksi()
    assert cm.__enter__().in_transaction  # BEGIN IMMEDIATE done; the interrupt lands before the body runs
    a.tutup()
    gen = cm.gen
    del cm
    gen.close()  # what the garbage collector does later: must not raise on the closed connection
    gc.collect()
    assert _dump(arsip) == sebelum
