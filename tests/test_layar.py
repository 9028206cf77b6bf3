"""Customer text on the clerk's terminal (keluhan.layar): shown as text, never obeyed.

Piped output is read through CliRunner; what a terminal receives is read from a real
pseudo-terminal (``pty``) around a real ``python -m keluhan`` process, where rich draws
its tables and would obey markup.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import struct
import subprocess
import sys
import termios
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from keluhan import layar
from conftest import PERINTAH_CLI, env_subproses, satu_baris_galat

# Clear screen + home, set the window title, a one-byte C1 CSI, a right-to-left override,
# and a CR LF followed by a forged line.
NAMA_JAHAT = "PT Maju \x1b[2J\x1b[H\x1b]0;DIRETAS\x07 \x9b31m merah \u202eKPT\u202c\r\nGalat: baris palsu"
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def _bersih(teks: str, *, baris: bool) -> None:
    """No character a terminal would obey is left in ``teks``."""
    for c in teks:
        if baris and c in "\n\t":
            continue
        assert unicodedata.category(c) not in ("Cc", "Cs", "Zl", "Zp"), repr(teks)
        assert c not in BIDI, repr(teks)


# --------------------------------------------------------------------------- the function


def test_teks_contoh() -> None:
    """Controls become visible stand-ins: control pictures, \\x9b, \\u202e; newline/tab per layout."""
    assert layar.teks("PT Maju Jaya") == "PT Maju Jaya"
    assert layar.teks(None) == "" and layar.teks(12) == "12"
    assert layar.teks("a\x1b[2Jb\x07") == "a\u241b[2Jb\u2407"
    assert layar.teks("\x00\x7f\r") == "\u2400\u2421\u240d"
    assert layar.teks("\x9b31m\x85") == "\\x9b31m\\x85"
    assert layar.teks("a\u202eb\u2066c") == "a\\u202eb\\u2066c"
    assert layar.teks("\u2028\udcff") == "\\u2028\\udcff"
    assert layar.teks("a\r\nb\nc\td") == "a b c d"
    assert layar.teks("a\r\nb\nc\td", baris=True) == "a\nb\nc\td"
    assert layar.teks("مختبر الفحص") == "مختبر الفحص"  # right-to-left letters are text


@given(st.text())
def test_teks_tidak_menyisakan_kendali(s: str) -> None:
    """Whatever the input, teks() leaves no control, escape, bidi control or surrogate; printable text unchanged."""
    satu, banyak = layar.teks(s), layar.teks(s, baris=True)
    _bersih(satu, baris=False)
    _bersih(banyak, baris=True)
    assert "\n" not in satu and "\t" not in satu
    if s.isprintable():
        assert satu == banyak == s


@given(st.text())
def test_json_teks_data_sama(s: str) -> None:
    """JSON made terminal-safe by json_teks still loads as exactly the same value."""
    keluar = layar.json_teks(json.dumps({"nama": s}, ensure_ascii=False))
    assert json.loads(keluar) == {"nama": s}
    _bersih(keluar, baris=True)


def test_rich_teks_bukan_markup() -> None:
    """rich_teks gives rich a Text: '[/b]' and '[link=...]' are printed as written, on a forced terminal."""
    from io import StringIO

    from rich.console import Console

    keluar = StringIO()
    Console(file=keluar, force_terminal=True, width=120).print(layar.rich_teks("[/b] [link=http://x]klik[/link] \x1b]0;T\x07"))
    teks = keluar.getvalue()
    assert "[/b] [link=http://x]klik[/link] \u241b]0;T\u2407" in teks
    assert "\x1b]" not in teks


def test_cetak_menjaga_baris_sendiri(capsys: pytest.CaptureFixture[str]) -> None:
    """cetak() keeps our own newlines and tabs and shows every other control as text."""
    layar.cetak("Baris satu\tA", "x\x1b[2J\u202e", file=None, sep="\n")
    assert capsys.readouterr().out == "Baris satu\tA\nx\u241b[2J\\u202e\n"


# --------------------------------------------------------------------------- piped


def _tanpa_kendali(*teks: str) -> None:
    for t in teks:
        assert "\x1b" not in t and "\x9b" not in t and "\x07" not in t and "\r" not in t, repr(t)
        assert not any(c in BIDI for c in t), repr(t)


def test_lihat_daftar_terlambat_dipipa(catat: Any, jalankan: Any) -> None:
    """Piped, lihat/daftar/terlambat show an escape-laden name as visible text, each row one line."""
    nomor = catat(nama=NAMA_JAHAT, uraian="Baris satu\r\nBaris \x1b[31mdua\x1b[0m", instansi="\x1b]8;;http://x\x07klik")
    for argv in (["lihat", nomor], ["daftar"], ["terlambat"]):
        r = jalankan(*argv)
        assert r.exit_code == 0, r.stderr
        _tanpa_kendali(r.stdout, r.stderr)
        assert "\u241b[2J" in r.stdout and "\u241b]0;DIRETAS\u2407" in r.stdout, argv
        assert not any(b.startswith("Galat: baris palsu") for b in r.stdout.splitlines()), argv
    lihat = jalankan("lihat", nomor).stdout
    # The customer's own lines stay lines, indented under the label: none starts a line of its own.
    assert re.search(r"^Uraian keluhan +: Baris satu\n +Baris \u241b\[31mdua\u241b\[0m$", lihat, re.M), lihat


def test_json_menyimpan_data(catat: Any, jalankan: Any) -> None:
    """--json keeps the data exactly, escaped the JSON way (\\u001b, \\u009b, \\u202e), never raw."""
    nomor = catat(nama=NAMA_JAHAT)
    r = jalankan("lihat", nomor, "--json")
    assert r.exit_code == 0, r.stderr
    _tanpa_kendali(r.stdout)
    assert "\\u001b[2J" in r.stdout and "\\u009b" in r.stdout and "\\u202e" in r.stdout
    assert json.loads(r.stdout)["nama"] == NAMA_JAHAT


def test_rekap_json_dipipa(catat: Any, jalankan: Any) -> None:
    """rekap --format json on stdout escapes C1 and bidi controls the JSON way; the data loads back the same."""
    catat(nama=NAMA_JAHAT)
    r = jalankan("rekap", "--bulan", "2026-11", "--format", "json")
    assert r.exit_code == 0, r.stderr
    _tanpa_kendali(r.stdout)
    assert [k["nama"] for k in json.loads(r.stdout)["keluhan"]] == [NAMA_JAHAT]


def test_pesan_dan_galat_satu_baris(catat: Any, jalankan: Any) -> None:
    """A message or Galat: line quoting typed text stays one line with no control or escape."""
    nomor = catat()
    r = jalankan("lihat", "\x1b[2J\nGalat: palsu")
    baris = satu_baris_galat(r, 1)
    _tanpa_kendali(baris)
    assert "\u241b[2J Galat: palsu" in baris
    r = jalankan("validasi", nomor, "--benar", "--teruskan-ke", "Lab\x1b]0;X\x07\n001/KP/X: selesai", "--waktu", "2026-11-02 09:00")
    baris = satu_baris_galat(r, 2)
    _tanpa_kendali(baris)
    assert "'Lab\u241b]0;X\u2407 001/KP/X: selesai' tidak dikenal" in baris


def test_libur_nama_tampak(catat: Any, jalankan: Any) -> None:
    """A holiday name with an escape sequence is shown as text by libur tambah and libur daftar."""
    catat()
    r = jalankan("libur", "tambah", "2026-12-30", "Cuti \x1b]0;X\x07bersama", "--alasan", "SKB \x1b[2J")
    assert r.exit_code == 0, r.stderr
    _tanpa_kendali(r.stdout, r.stderr)
    r = jalankan("libur", "daftar", "--tahun", "2026")
    assert r.exit_code == 0, r.stderr
    _tanpa_kendali(r.stdout, r.stderr)
    assert "Cuti \u241b]0;X\u2407bersama" in r.stdout and "SKB \u241b[2J" in r.stdout


# --------------------------------------------------------------------------- a real terminal


def _di_pty(*argv: str, kolom: int = 250) -> tuple[int, str]:
    """Run ``python -m keluhan ARGV`` with its stdout and stderr on a real pseudo-terminal
    (TERM=xterm-256color, as a clerk's); returns the exit code and everything it wrote."""
    induk, anak = os.openpty()
    fcntl.ioctl(anak, termios.TIOCSWINSZ, struct.pack("HHHH", 60, kolom, 0, 0))
    env = env_subproses(TERM="xterm-256color", COLUMNS=str(kolom))
    env.pop("NO_COLOR", None)
    p = subprocess.Popen([*PERINTAH_CLI, *argv], stdin=subprocess.DEVNULL, stdout=anak, stderr=anak, env=env)
    os.close(anak)
    keluar = b""
    while True:
        try:
            potong = os.read(induk, 1 << 16)
        except OSError:  # EIO: the process closed the terminal
            break
        if not potong:
            break
        keluar += potong
    os.close(induk)
    return p.wait(timeout=60), keluar.decode("utf-8")


def _hanya_warna(teks: str) -> None:
    """The only escape sequences on the terminal are rich's own colours (SGR): nothing from data."""
    assert "Traceback" not in teks, teks
    sisa = re.sub(r"\x1b\[[0-9;]*m", "", teks)
    assert "\x1b" not in sisa and "\x9b" not in sisa and "\x07" not in sisa, repr(sisa)
    assert not any(c in BIDI for c in sisa), repr(sisa)


@pytest.mark.parametrize("argv", [["lihat", "{nomor}"], ["daftar"], ["terlambat"]], ids=lambda a: a[0])
def test_terminal_tidak_mematuhi_data(catat: Any, argv: list[str]) -> None:
    """On a real terminal, lihat/daftar/terlambat neither clear the screen nor set the title from --nama."""
    nomor = catat(nama=NAMA_JAHAT)
    kode, teks = _di_pty(*[a.format(nomor=nomor) for a in argv])
    assert kode == 0, teks
    _hanya_warna(teks)
    assert "\u241b[2J" in teks and "\u241b]0;DIRETAS\u2407" in teks


@pytest.mark.parametrize("nama", ["PT [/b] Maju", "PT [link=http://x]klik[/link] Maju", "PT [bold red]Maju"])
def test_rekap_terminal_nama_bukan_markup(catat: Any, nama: str) -> None:
    """rekap on a terminal prints a name holding rich markup as written: no crash, no live link, no style."""
    catat(nama=nama)
    kode, teks = _di_pty("rekap", "--bulan", "2026-11")
    assert kode == 0, teks
    _hanya_warna(teks)
    assert "\x1b]8;" not in teks
    assert nama in re.sub(r"\x1b\[[0-9;]*m", "", teks)


def test_rekap_terminal_nama_dengan_escape(catat: Any) -> None:
    """rekap on a terminal shows an escape sequence in a name as text."""
    catat(nama=NAMA_JAHAT)
    kode, teks = _di_pty("rekap", "--bulan", "2026-11")
    assert kode == 0, teks
    _hanya_warna(teks)
    assert "\u241b[2J" in teks


def test_jalur_berkas_tampak(catat: Any, jalankan: Any, tmp_path: Path) -> None:
    """A path with an escape sequence in a message (cadangkan, on a terminal) is shown as text."""
    catat()
    kode, teks = _di_pty("cadangkan", str(tmp_path / "salinan\x1b]0;X\x07.db"))
    assert kode == 0, teks
    _hanya_warna(teks)
    assert "salinan\u241b]0;X\u2407.db" in teks


# --------------------------------------------------------------------------- the plain table (issue 12)


def _di_pty_modul(*argv: str, kolom: int = 100) -> tuple[int, str]:
    """Like ``_di_pty``, and the process reports at exit whether rich was ever imported."""
    kode = ("import atexit, runpy, sys; atexit.register(lambda: sys.__stderr__.write("
            "'\\nRICH=%s\\n' % any(m == 'rich' or m.startswith('rich.') for m in sys.modules))); "
            f"sys.argv = ['keluhan', *{list(argv)!r}]; runpy.run_module('keluhan', run_name='__main__')")
    induk, anak = os.openpty()
    fcntl.ioctl(anak, termios.TIOCSWINSZ, struct.pack("HHHH", 60, kolom, 0, 0))
    env = env_subproses(TERM="xterm-256color", COLUMNS=str(kolom))
    p = subprocess.Popen([sys.executable, "-c", kode], stdin=subprocess.DEVNULL, stdout=anak, stderr=anak, env=env)
    os.close(anak)
    keluar = b""
    while True:
        try:
            potong = os.read(induk, 1 << 16)
        except OSError:
            break
        if not potong:
            break
        keluar += potong
    os.close(induk)
    return p.wait(timeout=60), keluar.decode("utf-8").replace("\r\n", "\n")


@pytest.mark.parametrize("perintah", ["daftar", "lihat"])
def test_tabel_polos_di_terminal_tanpa_rich(catat: Any, perintah: str) -> None:
    """On a real terminal daftar and lihat print a plain, aligned table (header, rule, one row per complaint or event)
    without importing rich; a wide-letter name keeps the columns after it aligned."""
    pertama = catat(nama="株式会社 東京")
    kedua = catat(nama="PT Sinar Kimia", uraian="hal lain", waktu="2026-11-02 09:00")
    kode, layar_ = _di_pty_modul(*(["daftar"] if perintah == "daftar" else ["lihat", pertama]), kolom=200)
    assert kode == 0, layar_
    assert "RICH=False" in layar_ and "\x1b" not in layar_
    baris = layar_.splitlines()
    if perintah == "daftar":
        kepala = next(i for i, b in enumerate(baris) if b.startswith("Nomor"))
        assert baris[kepala].split() == ["Nomor", "ID", "Dicatat", "Pelanggan", "Media", "Status", "Tim", "Teknis", "Tenggat"]
        assert set(baris[kepala + 1].replace(" ", "")) == {"─"}
        isi = baris[kepala + 2:kepala + 4]
        assert [b.split()[0] for b in isi] == [kedua, pertama]
        from keluhan.layar import lebar_tampil

        kolom_media = [lebar_tampil(b[:b.index("email")]) for b in isi]  # display columns before "Media"
        assert kolom_media[0] == kolom_media[1] == lebar_tampil(baris[kepala][:baris[kepala].index("Media")])
    else:
        assert any(b.split()[:3] == ["#", "Langkah", "Aksi"] for b in baris)
        assert any(b.split()[1:3] == ["2", "catat"] for b in baris)


def test_tabel_polos_dilipat_selebar_terminal(catat: Any) -> None:
    """On a terminal narrower than the table, cells fold onto more lines; no line is wider than the terminal."""
    nomor = catat(nama="PT Nama Pelanggan Yang Sangat Panjang Sekali Untuk Diuji Lipatannya")
    kode, layar_ = _di_pty_modul("daftar", kolom=72)
    assert kode == 0, layar_
    from keluhan.layar import lebar_tampil

    baris = [b for b in layar_.splitlines() if b and not b.startswith("RICH=")]
    assert max(lebar_tampil(b) for b in baris) <= 72, baris
    assert "Sangat" in layar_ and nomor.split("/")[0] in layar_


def test_tabel_polos_tidak_mematuhi_data() -> None:
    """layar.tabel shows control characters and bidi overrides of a cell as text, and pads by display width."""
    import io

    from keluhan.layar import tabel

    keluar = io.StringIO()
    tabel("Judul \x1b[2J", ["A", "B"], [["x\x1b]0;T\x07", "\u202eabc"], ["東京", "y"]], file=keluar, lebar=80)
    teks_ = keluar.getvalue()
    assert "\x1b" not in teks_ and "\u202e" not in teks_
    assert "\u241b[2J" in teks_ and "\\u202eabc" in teks_
    b = teks_.splitlines()
    assert b[-1] == "東京" + " " * 5 + "y" and b[-2].startswith("x\u241b]0;T\u2407")


def test_tabel_polos_nomor_tidak_dilipat_selama_muat(catat: Any) -> None:
    """On a 100-column terminal daftar folds the other columns first: each complaint's number and short id stay on
    one line, whole, to be copied into the next command."""
    nomor = catat(nama="PT Nama Pelanggan Yang Sangat Panjang Sekali", uraian="uraian", waktu="2026-11-02 09:00")
    kode, layar_ = _di_pty_modul("daftar", kolom=100)
    assert kode == 0, layar_
    from keluhan.layar import lebar_tampil

    baris = [b for b in layar_.splitlines() if b and not b.startswith("RICH=")]
    assert max(lebar_tampil(b) for b in baris) <= 100, baris
    assert any(b.startswith(nomor + "  k") for b in baris), baris
