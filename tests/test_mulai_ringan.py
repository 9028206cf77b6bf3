"""Start-up of the daily commands: what they no longer build or import, and that nothing changed for it.

Issue 17 asks ``lihat``, ``daftar`` and ``catat`` to start in at most 5x a bare Python
(bench/mulai.py measures it; tests assert no times). The levers: regular expressions
compiled on first use (``keluhan.pola.Pola``), the workflow table's rows as plain tuples
with named fields (no NamedTuple class to build),
``signal`` imported at the first commit only, settings copied without ``copy``.
"""

from __future__ import annotations

import copy
import json
import pickle
import re
import subprocess
import sys
from enum import Enum, StrEnum
from pathlib import Path
from typing import Any

import pytest

from conftest import env_subproses
from keluhan import pengaturan, workflow
from keluhan.pola import Pola
from keluhan.workflow import ENTRI, LANGKAH, TABEL, Aksi, Entri, Jam, Langkah, Penjaga, Status

PENGAMAT = """
import json, sys
from keluhan import cepat
try:
    cepat.main(sys.argv[2:])
except SystemExit as e:
    kode = e.code
from keluhan import waktu
belum = [n for n, v in vars(waktu).items() if type(v).__name__ == "Pola" and v._pola is None]
dimuat = set(sys.modules)
with open(sys.argv[1], "w") as f:
    json.dump({"kode": kode, "modul": sorted(m for m in ("threading", "signal", "copy") if m in sys.modules),
               "dimuat": sorted(dimuat), "pola_waktu_belum": len(belum),
               "pola_waktu": sum(type(v).__name__ == "Pola" for v in vars(waktu).values())}, f)
"""

# What a read at the current schema never loads: the migrations (their count is
# keluhan/versi_skema.py), and what only writing, importing or files need.
TIDAK_DIMUAT_BACA = ("keluhan.migrasi", "keluhan.berkas")


@pytest.mark.parametrize("perintah", [["lihat", "{nomor}"], ["lihat", "{nomor}", "--json"], ["daftar"], ["daftar", "--json"]])
def test_perintah_baca_tidak_membangun_yang_tidak_dipakai(tmp_path: Path, sampai: Any, perintah: list[str]) -> None:
    """lihat and daftar in a real process compile none of waktu's date-phrase patterns, import neither threading, signal nor copy, load no migration nor berkas; daftar loads neither proyeksi nor berulang (lihat shows the customer's earlier complaints: it needs berulang)."""
    nomor = sampai(Status.DIVERIFIKASI)
    hasil = tmp_path / "modul.json"
    p = subprocess.run([sys.executable, "-c", PENGAMAT, str(hasil), *(a.format(nomor=nomor) for a in perintah)],
                       env=env_subproses(), stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    data = json.loads(hasil.read_text())
    assert data["kode"] == 0 and data["modul"] == []
    assert not set(TIDAK_DIMUAT_BACA) & set(data["dimuat"]), data["dimuat"]
    if perintah[0] == "daftar":  # the list reads the complaints' rows only
        assert not {"keluhan.proyeksi", "keluhan.berulang", "keluhan.pencarian"} & set(data["dimuat"])
    assert data["pola_waktu"] >= 9 and data["pola_waktu_belum"] == data["pola_waktu"]


def test_pola_sama_dengan_re_compile() -> None:
    """A Pola matches, substitutes and reports exactly as the compiled pattern, compiling once on first use."""
    teks = "Senin, 3 Maret 2026 pukul 14.05 WIB"
    pola = Pola(r"(\d{1,2})[.:](\d{2})", re.IGNORECASE)
    asli = re.compile(r"(\d{1,2})[.:](\d{2})", re.IGNORECASE)
    assert pola._pola is None
    assert pola.search(teks).groups() == asli.search(teks).groups() == ("14", "05")
    terkompilasi = pola._pola
    assert terkompilasi is not None
    assert pola.sub("<j>", teks) == asli.sub("<j>", teks) and pola.findall(teks) == asli.findall(teks)
    assert (pola.pattern, pola.flags, pola.groups) == (asli.pattern, asli.flags, asli.groups)
    assert pola._pola is terkompilasi and pola.match(teks) is None


@pytest.mark.parametrize("kelas", [Status, Aksi, Jam, Penjaga])
def test_enum_alur_tetap_strenum(kelas: Any) -> None:
    """The workflow's enums behave as StrEnums built the ordinary way (lookup, text, order, pickling), members plain class attributes (fast to read)."""
    biasa = StrEnum(kelas.__name__, [(m.name, m.value) for m in kelas])  # the ordinary way, for comparison
    assert issubclass(kelas, StrEnum) and issubclass(kelas, Enum) and issubclass(kelas, str)
    assert [(m.name, m.value) for m in kelas] == [(m.name, m.value) for m in biasa] and len(kelas) == len(biasa)
    for m in kelas:
        assert kelas(m.value) is m and kelas[m.name] is m and m in kelas
        assert str(m) == f"{m}" == m.value == m and hash(m) == hash(m.value)
        assert repr(m) == f"<{kelas.__name__}.{m.name}: {m.value!r}>"
        assert pickle.loads(pickle.dumps(m)) is m and copy.deepcopy(m) is m
        assert json.dumps({m: [m]}) == json.dumps({m.value: [m.value]})
        assert kelas.__dict__[m.name] is m  # not behind a descriptor: the replay reads Aksi.X millions of times
    with pytest.raises(ValueError, match="is not a valid"):
        kelas("tidak_ada")
    assert kelas.__module__ == "keluhan.workflow" and kelas.__qualname__ == kelas.__name__


def test_baris_tabel_tuple_bernama() -> None:
    """The table's rows and the steps keep their named fields, tuple equality and a readable repr."""
    e = ENTRI[Aksi.TINDAK]
    assert (e.aksi, e.dari, e.ke, e.jam, e.penjaga) == tuple(e) == (
        Aksi.TINDAK, (Status.DIVALIDASI,), Status.DITINDAKLANJUTI, Jam.UKUR, (Penjaga.KODE_AKAR_TERDAFTAR,))
    assert Entri(Aksi.KOREKSI, (Status.DICATAT,), None, Jam.TETAP).penjaga == ()
    assert repr(e).startswith("Entri(aksi=<Aksi.TINDAK: 'tindak'>, dari=(") and isinstance(e, tuple)
    assert all(isinstance(x, Entri) for x in TABEL) and len({x.aksi for x in TABEL}) == len(TABEL)
    lk = LANGKAH[4]
    assert (lk.nomor, lk.pelaksana, lk.perintah, lk.mutu_baku) == (4, "Tim Teknis", "tindak", "3 hari")
    assert Langkah(*lk) == lk and tuple(lk)[1] == lk.nama
    with pytest.raises(AttributeError):
        lk.nomor = 5  # type: ignore[misc]
    assert workflow.TRANSISI[Status.DIVALIDASI][Aksi.TINDAK] is Status.DITINDAKLANJUTI


def test_salinan_pengaturan_dalam() -> None:
    """The settings' default copy is deep, as copy.deepcopy's was: changing a loaded value leaves the defaults as they were."""
    sebelum = json.dumps(pengaturan.BAWAAN, sort_keys=True)
    p = pengaturan.muat(None)
    assert p == pengaturan.BAWAAN and p is not pengaturan.BAWAAN
    daftar = 0
    for nilai in p.values():  # every nested dict and list changed in place
        if isinstance(nilai, dict):
            for k, v in list(nilai.items()):
                if isinstance(v, list):
                    v.append("x")
                    daftar += 1
                nilai[k] = v
            nilai["baru"] = "x"
    assert daftar and json.dumps(pengaturan.BAWAAN, sort_keys=True) == sebelum
    assert json.dumps(pengaturan.muat(None), sort_keys=True) == sebelum


def test_versi_skema_sama_dengan_migrasi() -> None:
    """keluhan/versi_skema.py's VERSI is the number of migrations, and the file is as ``python -m keluhan.skema`` writes it."""
    from keluhan import migrasi, skema, versi_skema

    assert versi_skema.VERSI == len(migrasi.MIGRASI) == migrasi.versi_terbaru()
    assert Path(versi_skema.__file__).read_text(encoding="utf-8") == skema.isi_versi_skema()


def test_modul_malas_dimuat_saat_dipakai() -> None:
    """A module from modul_malas is imported at its first attribute read (not before: not in sys.modules), the caller's name then holds the ordinary module, and an import of it gives the same object."""
    kode = (
        "import sys, json\n"
        "from keluhan.pola import modul_malas\n"
        "(efektivitas,) = modul_malas('efektivitas')\n"
        "wakil = efektivitas\n"
        "sebelum = 'keluhan.efektivitas' in sys.modules\n"
        "f = efektivitas.jatuh\n"
        "import keluhan.efektivitas as e\n"
        "from keluhan import efektivitas as e2\n"
        "sama = e is efektivitas is e2 is sys.modules['keluhan.efektivitas']\n"
        "print(json.dumps([sebelum, type(efektivitas).__name__, sama, callable(f), wakil.jatuh is f,\n"
        "                  modul_malas('efektivitas')[0] is e]))\n"
    )
    p = subprocess.run([sys.executable, "-c", kode], env=env_subproses(), capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout) == [False, "module", True, True, True, True]


def test_modul_malas_terputus_saat_dimuat_tidak_meninggalkan_modul_setengah() -> None:
    """A Ctrl-C while a module from modul_malas is being imported at its first use propagates as KeyboardInterrupt and leaves no half-run module: the next use imports it whole (with LazyLoader the half module stayed and 'from keluhan.pencarian import normal' failed with ImportError, a traceback instead of the Ctrl-C line)."""
    kode = (
        "import builtins, json, sys\n"
        "from keluhan.pola import modul_malas\n"
        "(pencarian,) = modul_malas('pencarian')\n"
        "asli = builtins.__import__\n"
        "def putus(nama, g=None, *a, **k):\n"
        "    if g and g.get('__name__') == 'keluhan.pencarian':\n"
        "        builtins.__import__ = asli\n"
        "        raise KeyboardInterrupt\n"
        "    return asli(nama, g, *a, **k)\n"
        "builtins.__import__ = putus\n"
        "try:\n"
        "    pencarian.normal\n"
        "    hasil = 'tidak terputus'\n"
        "except KeyboardInterrupt:\n"
        "    hasil = 'KeyboardInterrupt'\n"
        "tertinggal = 'keluhan.pencarian' in sys.modules\n"
        "from keluhan.pencarian import normal\n"
        "print(json.dumps([hasil, tertinggal, callable(normal), callable(pencarian.normal)]))\n"
    )
    p = subprocess.run([sys.executable, "-c", kode], env=env_subproses(), capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout) == ["KeyboardInterrupt", False, True, True]


GC_AMAT = """
import gc, json, sys
sys.argv = ["keluhan", *sys.argv[2:]]
from keluhan import cepat
semula = gc.isenabled()
try:
    cepat.main() if sys.argv[1] != "--dengan-argv" else cepat.main(sys.argv[2:])
except SystemExit as e:
    kode = e.code
with open(OUT, "w") as f:
    json.dump({"kode": kode, "semula": semula, "nyala": gc.isenabled(), "beku": gc.get_freeze_count()}, f)
"""


@pytest.mark.parametrize("perintah", [["daftar"], ["lihat", "{nomor}", "--json"], ["pengaturan", "daftar"]])
def test_pengumpul_sampah_menyala_lagi_dengan_yang_dibekukan(tmp_path: Path, sampai: Any, perintah: list[str]) -> None:
    """The entry point runs start-up without the cyclic collector, then the command with it on again and start-up's objects frozen (fast path and Typer path); a caller passing argv keeps its collector as it was."""
    nomor = sampai(Status.DIVERIFIKASI)
    for argv_sendiri in (False, True):
        hasil = tmp_path / "gc.json"
        kode = GC_AMAT.replace("OUT", repr(str(hasil)))
        awal = ["--dengan-argv"] if argv_sendiri else []
        p = subprocess.run([sys.executable, "-c", kode, "x", *awal, *(a.format(nomor=nomor) for a in perintah)],
                           env=env_subproses(), stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
        assert p.returncode == 0, p.stderr
        data = json.loads(hasil.read_text())
        assert data["kode"] == 0 and data["semula"] and data["nyala"], data
        assert (data["beku"] > 0) is not argv_sendiri, data


def test_catat_tanpa_modul_signal_dan_migrasi(tmp_path: Path) -> None:
    """catat in a real process records the complaint (SIGINT deferred around its commit) without importing signal's enums or any migration."""
    hasil = tmp_path / "modul.json"
    p = subprocess.run([sys.executable, "-c", PENGAMAT, str(hasil), "catat", "--nama", "PT Ringan", "--media", "email",
                        "--uraian", "Keluhan tanpa signal"], env=env_subproses(), stdin=subprocess.DEVNULL,
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    data = json.loads(hasil.read_text())
    assert data["kode"] == 0 and "signal" not in data["modul"] and "keluhan.migrasi" not in data["dimuat"]
    assert "keluhan.berkas" not in data["dimuat"]


def test_lihat_tanpa_tinjauan_tidak_memuat_efektivitas(tmp_path: Path, sampai: Any) -> None:
    """lihat of a complaint with no accepted CAPA loads neither the effectiveness module nor the calendar's writers."""
    nomor = sampai(Status.DIVALIDASI)
    hasil = tmp_path / "modul.json"
    p = subprocess.run([sys.executable, "-c", PENGAMAT, str(hasil), "lihat", nomor], env=env_subproses(),
                       stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    data = json.loads(hasil.read_text())
    assert data["kode"] == 0 and not {"keluhan.efektivitas", *TIDAK_DIMUAT_BACA} & set(data["dimuat"]), data["dimuat"]


def test_keluhan_toml_dari_cache_hanya_bila_berkasnya_sama(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """keluhan.toml's parse is taken from the user's cache only for the very file cached: any edit (same size included) is read anew, a file just written is not kept, and every check still runs."""
    import tomllib

    berkas = tmp_path / "keluhan.toml"
    berkas.write_text('[unit]\nsingkatan = "AAA"\n[mutu_baku]\nlangkah_3 = "15 menit"\n', encoding="utf-8")
    cache = tmp_path / "cache-pengguna" / "keluhan" / "pengaturan"
    assert pengaturan.muat(berkas)["unit"]["singkatan"] == "AAA"
    assert not cache.exists()  # written just now: its stamps may not have settled (racy)
    monkeypatch.setattr(pengaturan, "_TENANG_NS", 0)
    pertama = pengaturan.muat(berkas)
    [entri] = cache.iterdir()
    assert entri.stat().st_mode & 0o777 == 0o600

    def tidak_boleh(*_a: Any, **_k: Any) -> Any:
        raise AssertionError("tomllib dipanggil padahal berkasnya sama")

    asli = tomllib.load
    monkeypatch.setattr(tomllib, "load", tidak_boleh)
    kedua = pengaturan.muat(berkas)
    assert kedua == pertama and pengaturan.kunci_berkas(kedua) == pengaturan.kunci_berkas(pertama)
    monkeypatch.setattr(tomllib, "load", asli)
    berkas.write_text('[unit]\nsingkatan = "BBB"\n[mutu_baku]\nlangkah_3 = "15 menit"\n', encoding="utf-8")  # same size
    assert pengaturan.muat(berkas)["unit"]["singkatan"] == "BBB"
    berkas.write_text('[unit]\nsingkatan = "BBB"\n[mutu_baku]\nlangkah_3 = "15 detik"\n', encoding="utf-8")
    with pytest.raises(pengaturan.GalatPengaturan, match="mutu_baku.langkah_3"):  # checked after the cache as before
        pengaturan.muat(berkas)
    with pytest.raises(pengaturan.GalatPengaturan, match="mutu_baku.langkah_3"):
        pengaturan.muat(berkas)
    entri.write_text("bukan json", encoding="utf-8")  # a damaged entry: read anew
    berkas.write_text('[unit]\nsingkatan = "CCC"\n', encoding="utf-8")
    assert pengaturan.muat(berkas)["unit"]["singkatan"] == "CCC"


def test_daftar_tidak_mengimpor_tomllib_bila_keluhan_toml_tersimpan(tmp_path: Path, arsip: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A daily command in a real process reads an unchanged keluhan.toml from the cache, without importing tomllib."""
    import os
    import time

    toml = arsip.parent / "keluhan.toml"
    toml.write_text('[unit]\nkota = "Bogor"\n', encoding="utf-8")
    lama = time.time() - 10
    os.utime(toml, (lama, lama))
    monkeypatch.setattr(pengaturan, "_TENANG_NS", 0)  # (the ctime is now: the test cannot age it)
    pengaturan.muat(toml)  # kept, as the first run would keep it once the file has settled
    kode = PENGAMAT.replace('("threading", "signal", "copy")', '("threading", "signal", "copy", "tomllib")')
    hasil = tmp_path / "modul.json"
    p = subprocess.run([sys.executable, "-c", kode, str(hasil), "daftar"], env=env_subproses(),
                       stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    assert p.returncode == 0, p.stderr
    data = json.loads(hasil.read_text())
    assert data["kode"] == 0 and data["modul"] == [], data["modul"]
