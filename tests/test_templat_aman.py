"""Templates are data (keluhan.formulir's sandbox): an override folder can change a form, never run code.

Each hostile template is tried through the real CLI (``formulir`` and ``rekap``, with
``--templat`` and with ``templates/`` beside the archive): one ``Galat:`` line naming the
template file and line, a non-zero exit, nothing on stdout, no file written, and the
command the template tried to run never ran.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import satu_baris_galat
from keluhan import formulir

AKAR = Path(__file__).resolve().parent.parent
DATA = AKAR / "tests" / "data"
GOLDEN = AKAR / "tests" / "golden"

# Each payload, if obeyed, creates the file DIRETAS in the working folder (the test's tmp_path).
SERANGAN = {
    "cycler-globals": "{{ cycler.__init__.__globals__.os.popen('touch DIRETAS').read() }}",
    "joiner-globals": "{{ joiner.__init__.__globals__['os'].system('touch DIRETAS') }}",
    "lipsum-globals": "{{ lipsum.__globals__['os'].popen('touch DIRETAS').read() }}",
    "self-init-globals": "{{ self.__init__.__globals__.__builtins__.__import__('os').system('touch DIRETAS') }}",
    "self-konteks": "{{ self._TemplateReference__context.cycler.__init__.__globals__.os.system('touch DIRETAS') }}",
    "str-mro": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "str-class": "{{ ''.__class__ }}",
    "getitem-dunder": "{{ data['__class__'] }}",
    "attr-filter": "{{ data|attr('__class__') }}",
    "namespace-init": "{{ namespace.__init__.__globals__ }}",
    "os-langsung": "{{ os.system('touch DIRETAS') }}",
    "import-os": "{% import 'os' as os %}{{ os.system('touch DIRETAS') }}",
    "from-import": "{% from 'os' import system %}{{ system('touch DIRETAS') }}",
    "ubah-data": "{{ data.update({'nama': 'palsu'}) }}",
    "kali-besar": "{{ 'A' * 10 ** 9 }}",
    "daftar-besar": "{{ [0] * 10 ** 8 }}",
    "pangkat-besar": "{{ 7 ** 100000000 }}",
    "format-lebar": "{{ '%999999999d' % 1 }}",
    "filter-format-lebar": "{{ '%999999999s'|format('x') }}",
    "str-format-lebar": "{{ '{:>999999999}'.format('x') }}",
    "ljust-besar": "{{ 'x'.ljust(10 ** 9) }}",
    "center-besar": "{{ 'x'|center(10 ** 9) }}",
    "replace-besar": "{{ ('x' * 100000)|replace('x', 'y' * 100000) }}",
    "range-besar": "{{ range(10 ** 9)|list }}",
    "namespace-gandakan": "{% set ns = namespace(s='x') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
}


def _templat_jahat(folder: Path, isi: str, nama: str = "_kop.md.j2") -> Path:
    folder.mkdir(exist_ok=True)
    berkas = folder / nama
    berkas.write_text("Kop Balai\n" + isi + "\n", encoding="utf-8")
    return berkas


def _tanpa_jejak(folder: Path, tmp_path: Path) -> None:
    """Nothing ran and nothing was written: no DIRETAS, no output file, no temporary file."""
    assert not (tmp_path / "DIRETAS").exists()
    assert sorted(p.name for p in folder.iterdir()) == []


@pytest.mark.parametrize("kunci", list(SERANGAN), ids=list(SERANGAN))
def test_formulir_templat_jahat_ditolak(kunci: str, catat: Any, jalankan: Any, tmp_path: Path) -> None:
    """A hostile line in an override _kop.md.j2 is refused: one Galat line naming the file and line, nothing written."""
    nomor = catat()
    berkas = _templat_jahat(tmp_path / "templat", SERANGAN[kunci])
    keluar = tmp_path / "keluar"
    keluar.mkdir()
    for argv in (["--templat", str(berkas.parent), "formulir", nomor, "--jenis", "fpkp"],
                 ["--templat", str(berkas.parent), "formulir", nomor, "--jenis", "fpkp", "--keluar", f"{keluar}/"]):
        baris = satu_baris_galat(jalankan(*argv), 2)
        assert baris.startswith(f"Galat: Templat {berkas} baris 2"), baris
        _tanpa_jejak(keluar, tmp_path)


@pytest.mark.parametrize("kunci", ["cycler-globals", "str-class", "kali-besar", "import-os"])
def test_rekap_templat_samping_arsip_ditolak(kunci: str, catat: Any, jalankan: Any, tmp_path: Path) -> None:
    """templates/ beside the archive runs sandboxed too: rekap refuses, stdout stays empty, no file written."""
    catat()
    berkas = _templat_jahat(tmp_path / "templates", "{% for i in range(3) %}baris {{ i }}\n{% endfor %}" + SERANGAN[kunci],
                            "rekap.md.j2")
    keluar = tmp_path / "keluar"
    keluar.mkdir()
    for argv in (["rekap", "--bulan", "2026-11"], ["rekap", "--bulan", "2026-11", "--keluar", f"{keluar}/"]):
        baris = satu_baris_galat(jalankan(*argv), 2)
        assert baris.startswith(f"Galat: Templat {berkas} baris "), baris
        _tanpa_jejak(keluar, tmp_path)


def test_akses_aman_tetap_jalan(catat: Any, jalankan: Any, tmp_path: Path) -> None:
    """What a letterhead needs still works in the sandbox: data, filters, loops, safe methods, small arithmetic."""
    nomor = catat(nama="PT Maju")
    _templat_jahat(tmp_path / "templat", "{{ data.nama|upper }} {{ (3 * 4) ** 2 }} {{ '-' * 3 }} {{ '%05.1f' % 2.5 }} "
                   "{{ data.get('nomor') }} {{ '{:>4}'.format('ab') }}.{{ 'ab'.ljust(3) }}.")
    r = jalankan("--templat", str(tmp_path / "templat"), "formulir", nomor, "--jenis", "fpkp")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.startswith(f"Kop Balai\nPT MAJU 144 \\--- 002.5 {nomor} ab.ab.\n")


def test_tautan_ke_luar_folder_ditolak(catat: Any, jalankan: Any, tmp_path: Path) -> None:
    """A link in the override folder pointing outside it is not read: one Galat line, the file's text never printed."""
    nomor = catat()
    rahasia = tmp_path / "rahasia.txt"
    rahasia.write_text("KATA SANDI RAHASIA\n", encoding="utf-8")
    folder = tmp_path / "templat"
    folder.mkdir()
    (folder / "_kop.md.j2").symlink_to(rahasia)
    baris = satu_baris_galat(jalankan("--templat", str(folder), "formulir", nomor, "--jenis", "fpkp"), 2)
    assert "menunjuk ke luar folder templat" in baris and "RAHASIA" not in baris


def test_lingkungan_sandbox() -> None:
    """Every template environment, the package's and an override folder's, is the strict immutable sandbox."""
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    for folder in (None, DATA):
        env = formulir._env(folder)
        assert isinstance(env, ImmutableSandboxedEnvironment) and type(env).__name__ == "Lingkungan"
        assert {"*", "**", "%"} <= env.intercepted_binops


def _kasus_golden() -> list[tuple[str, str, dict[str, Any], str]]:
    def baca(nama: str) -> dict[str, Any]:
        return json.loads((DATA / nama).read_text(encoding="utf-8"))

    keluhan, tidak_valid, rekap = baca("contoh_keluhan.json"), baca("contoh_tidak_valid.json"), baca("contoh_rekap.json")
    kasus = [(j, j, keluhan) for j in ("fpkp", "ftkp", "tanda-terima", "surat-hasil")] + [("rekap", "rekap", rekap)]
    kasus += [(f"{j}-tidak-valid", j, tidak_valid) for j in ("fpkp", "ftkp", "surat-hasil")]
    return [(s, j, d, f) for s, j, d in kasus for f in formulir.FORMAT]


@pytest.mark.parametrize(("stem", "jenis", "data", "fmt"), _kasus_golden(),
                         ids=[f"{s}.{f}" for s, _, _, f in _kasus_golden()])
def test_golden_lewat_folder_pengganti(stem: str, jenis: str, data: dict[str, Any], fmt: str, tmp_path: Path) -> None:
    """The shipped templates, copied into an override folder, render byte-identical to the golden files."""
    pengaturan = json.loads((DATA / "pengaturan_contoh.json").read_text(encoding="utf-8"))
    salinan = tmp_path / "salinan"
    shutil.copytree(formulir._folder_paket(), salinan)
    hasil = formulir.render(jenis, data, pengaturan, format=fmt, templat_dir=salinan)
    assert hasil == (GOLDEN / f"{stem}.{fmt}").read_text(encoding="utf-8")
    assert hasil == formulir.render(jenis, data, pengaturan, format=fmt)
