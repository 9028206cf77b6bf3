"""The recap's long tables written by ``formulir.baris_rekap`` are, byte for byte, what the template loops they replace
wrote (an override folder holding the packaged templates with the loops put back is the reference)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from keluhan import formulir, pengaturan

AKAR = Path(__file__).resolve().parent.parent
KOMENTAR = "{# The rows: the cells of a loop over the list, written at once by baris_rekap (issue 17, docs/cetakan.md). #}\n"
# The loops of the packaged templates before issue 17, as they were written there.
LOOP = {
    ("keluhan", "html"): """{% for k in data.keluhan or [] %}
  <tr>
    <td class="tengah">{{ loop.index }}</td>
    <td>{{ k.nomor }}</td>
    <td>{{ k.dicatat|tanggal }}</td>
    <td>{{ k.nama|teks }}</td>
    <td>{{ k.media|label("media") }}</td>
    <td>{{ k.uraian_singkat|teks }}</td>
    <td>{{ k.tindakan|teks }}</td>
    <td>{{ k.selesai|tanggal }}</td>
    <td class="kanan">{{ k.hari_kerja|angka(1 if k.hari_kerja is number and k.hari_kerja % 1 else 0) }}</td>
    <td>{{ k.status|label("status") }}</td>
    <td>{{ k.keterangan|teks }}</td>
  </tr>
""",
    ("terbuka", "html"): """{% for k in data.terbuka_akhir_periode %}
  <tr>
    <td class="tengah">{{ loop.index }}</td>
    <td>{{ k.nomor }}</td>
    <td>{{ k.dicatat|tanggal }}</td>
    <td>{{ k.nama|teks }}</td>
    <td>{{ k.status|label("status") }}</td>
    <td>{% if k.keterangan %}{{ k.keterangan|teks }}{% elif k.langkah_berikutnya %}Menunggu langkah {{ k.langkah_berikutnya }}{% endif %}</td>
  </tr>
""",
    ("keluhan", "md"): """{% for k in data.keluhan %}
| {{ loop.index }} | {{ k.nomor }} | {{ k.dicatat|tanggal }} | {{ k.nama }} | {{ k.media|label("media") }} | {{ k.uraian_singkat }} | {{ k.tindakan }} | {{ k.selesai|tanggal }} | {{ k.hari_kerja|angka(1 if k.hari_kerja is number and k.hari_kerja % 1 else 0) }} | {{ k.status|label("status") }} | {{ k.keterangan }} |
""",
    ("terbuka", "md"): """{% for k in data.terbuka_akhir_periode %}
| {{ loop.index }} | {{ k.nomor }} | {{ k.dicatat|tanggal }} | {{ k.nama }} | {{ k.status|label("status") }} | {% if k.keterangan %}{{ k.keterangan }}{% elif k.langkah_berikutnya %}Menunggu langkah {{ k.langkah_berikutnya }}{% endif %} |
""",
    ("berulang", "html"): """{% for k in data.berulang %}
  <tr>
    <td class="tengah">{{ loop.index }}</td>
    <td>{{ k.nomor }}</td>
    <td>{{ k.dicatat|tanggal }}</td>
    <td>{% for e in k.sebelumnya %}{{ e.nomor }} ({{ e.dicatat|tanggal }}; {{ e.sebab|join(", ") }} sama){% if not loop.last %}; {% endif %}{% endfor %}{% if k.jumlah_sebelumnya > k.sebelumnya|length %}; dan {{ k.jumlah_sebelumnya - k.sebelumnya|length }} lainnya{% endif %}</td>
    <td>{% for x in k.kaitan %}{{ x.nomor }}: {{ x.alasan|teks }}{% if not loop.last %}; {% endif %}{% endfor %}</td>
  </tr>
""",
    ("berulang", "md"): """{% for k in data.berulang %}
| {{ loop.index }} | {{ k.nomor }} | {{ k.dicatat|tanggal }} | {% for e in k.sebelumnya %}{{ e.nomor }} ({{ e.dicatat|tanggal }}; {{ e.sebab|join(", ") }} sama){% if not loop.last %}; {% endif %}{% endfor %}{% if k.jumlah_sebelumnya > k.sebelumnya|length %}; dan {{ k.jumlah_sebelumnya - k.sebelumnya|length }} lainnya{% endif %} | {% for x in k.kaitan %}{{ x.nomor }}: {{ x.alasan }}{% if not loop.last %}; {% endif %}{% endfor %} |
""",
}


@pytest.fixture(scope="module")
def acuan(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The packaged recap templates with their loops back, as an override folder."""
    folder = tmp_path_factory.mktemp("templat-loop")
    for fmt in ("html", "md"):
        teks = (AKAR / "templates" / f"rekap.{fmt}.j2").read_text(encoding="utf-8")
        for tabel, daftar in (("keluhan", "data.keluhan"), ("terbuka", "data.terbuka_akhir_periode"),
                              ("berulang", "data.berulang")):
            cepat = f'{KOMENTAR}{{% for potong in baris_rekap("{tabel}", {daftar}, "{fmt}") %}}{{{{ potong }}}}'
            assert teks.count(cepat) == 1, (fmt, tabel)
            teks = teks.replace(cepat, LOOP[(tabel, fmt)])
        (folder / f"rekap.{fmt}.j2").write_text(teks, encoding="utf-8")
    return folder


_TEKS = st.one_of(st.none(), st.text(max_size=30), st.sampled_from(
    ["PT Sinar <Kimia> & Co", "a | b * _c_ #1", "- daftar", "1. satu", "baris\nkedua\r\nketiga", "\x07bel\x1b[31m",
     "שלום עולם", "مرحبا", "\u202etersembunyi", "   ", "", "terlambat langkah 4; dikembalikan 2 kali"]))
_WAKTU = st.one_of(st.none(), st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1)).map(
    lambda d: d.replace(microsecond=0).isoformat() + "+07:00"), st.sampled_from(["2026-10-05", "2026-10-31T23:59:59+07:00"]))
_KODE = st.one_of(st.none(), st.sampled_from(["email", "surat", "fax", "siptenan", "selesai", "banding", "dicatat",
                                              "tidak_valid", "aneh_sekali", ""]))
_HARI = st.one_of(st.none(), st.integers(-3, 400), st.floats(-5, 500, allow_nan=False), st.sampled_from([0.0, 2.5, 12.0]))
_KELUHAN = st.fixed_dictionaries({
    "id": st.text(max_size=7), "nomor": _TEKS, "dicatat": _WAKTU, "nama": _TEKS, "instansi": _TEKS, "media": _KODE,
    "layanan": _KODE, "kategori": _TEKS, "tim_teknis": _TEKS, "uraian_singkat": _TEKS, "tindakan": _TEKS,
    "selesai": st.one_of(st.none(), _WAKTU.map(lambda x: x and x[:10])), "hari_kerja": _HARI, "status": _KODE,
    "hasil": _KODE, "langkah_berikutnya": st.one_of(st.none(), st.integers(0, 8)), "keterangan": _TEKS})
_TERBUKA = st.fixed_dictionaries({
    "id": st.text(max_size=7), "nomor": _TEKS, "dicatat": _WAKTU, "nama": _TEKS, "status": _KODE,
    "langkah_berikutnya": st.one_of(st.none(), st.integers(0, 8)), "keterangan": _TEKS})


_SEBELUMNYA = st.fixed_dictionaries({"nomor": _TEKS, "id": st.text(max_size=7), "dicatat": _WAKTU, "sebab": st.lists(
    st.sampled_from(["email", "telepon", "instansi", "<b>&</b>", "a | b"]), max_size=3, unique=True)})
_BERULANG = st.lists(_SEBELUMNYA, max_size=5).flatmap(lambda dulu: st.fixed_dictionaries({
    "id": st.text(max_size=7), "nomor": _TEKS, "dicatat": _WAKTU,
    "jumlah_sebelumnya": st.integers(len(dulu), len(dulu) + 3000), "sebelumnya": st.just(dulu),
    "kaitan": st.lists(st.fixed_dictionaries({"nomor": _TEKS, "arah": st.sampled_from(["ke", "dari"]), "urutan": st.integers(1, 99),
                                              "waktu": _WAKTU, "alasan": _TEKS}), max_size=2)}))


def _data(keluhan: list[dict[str, Any]], terbuka: list[dict[str, Any]],
          berulang: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    data = json.loads((AKAR / "tests" / "data" / "contoh_rekap.json").read_text(encoding="utf-8"))
    data.update(keluhan=keluhan, terbuka_akhir_periode=terbuka, jumlah=len(keluhan))
    if berulang is not None:
        data.update(berulang_hari=180, berulang=berulang)
    return data


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(keluhan=st.lists(_KELUHAN, max_size=12), terbuka=st.lists(_TERBUKA, max_size=8), fmt=st.sampled_from(["html", "md"]),
       berulang=st.one_of(st.none(), st.lists(_BERULANG, max_size=8)))
def test_baris_sama_dengan_loop_templat(acuan: Path, keluhan: list[dict[str, Any]], terbuka: list[dict[str, Any]],
                                        fmt: str, berulang: list[dict[str, Any]] | None) -> None:
    """Any rows (customer text with markup, table pipes, control characters, right-to-left script, missing values,
    unknown codes, whole and fractional working days, empty lists; repeats with their earlier complaints, how many
    more, their links): the packaged template's rows equal the loop's."""
    data, p = _data(keluhan, terbuka, berulang), pengaturan.muat(None)
    assert formulir.render("rekap", data, p, format=fmt) == formulir.render("rekap", data, p, format=fmt, templat_dir=acuan)


def test_baris_sama_dengan_loop_sebulan(acuan: Path) -> None:
    """A month's worth of rows (more than one piece of BARIS_SEPOTONG), numbered on across pieces: the same text."""
    mulai = datetime(2026, 10, 1, 8)
    keluhan = [{"id": f"k{i}", "nomor": f"{i:03d}/KP/BBSPJIKFK/X/2026", "dicatat": (mulai + timedelta(minutes=37 * i))
                .isoformat() + "+07:00", "nama": f"PT Pelanggan {i % 97}", "media": ("email", "surat", "fax")[i % 3],
                "uraian_singkat": "LHU belum diterima", "tindakan": None if i % 4 else "LHU dikirim ulang",
                "selesai": None if i % 5 else "2026-10-31", "hari_kerja": (i % 7) + (0.5 if i % 2 else 0),
                "status": ("selesai", "divalidasi", "dicatat")[i % 3], "keterangan": "" if i % 6 else "terlambat langkah 4"}
               for i in range(1, 2 * formulir.BARIS_SEPOTONG + 7)]
    terbuka = [{k: x[k] for k in ("id", "nomor", "dicatat", "nama", "status")} | {"langkah_berikutnya": 3, "keterangan":
                                                                                   x["keterangan"]} for x in keluhan[::2]]
    data, p = _data(keluhan, terbuka), pengaturan.muat(None)
    for fmt in ("html", "md"):
        cepat = formulir.render("rekap", data, p, format=fmt)
        assert cepat == formulir.render("rekap", data, p, format=fmt, templat_dir=acuan)
        assert f"{len(keluhan)}" in cepat
