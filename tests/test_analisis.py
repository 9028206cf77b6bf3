"""The recap's analysis (issue 16, keluhan/analisis.py) on known data: the Pareto of root
causes and of categories, the 12-month trend, the recurrence of a cause, the as-of rule for
these keys (period and anchor), the HTML's inline SVG, and rekap --tahun as the management
review's input."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import pytest

from keluhan.workflow import Status
from tests.conftest import PETUGAS_TEKNIS, teks_waktu, waktu_langkah
from tests.test_formulir import _periksa_html, _periksa_md

OKT_1 = datetime(2026, 10, 5, 8, 0)   # Mondays
OKT_2 = datetime(2026, 10, 12, 8, 0)
NOV = datetime(2026, 11, 2, 8, 0)


def _rekap(jalankan, *args: str) -> dict:
    r = jalankan("rekap", *args, "--format", "json")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


def _tindak(jalankan, nomor, mulai, kode=None):
    args = ["tindak", nomor, "--koreksi", "Diperbaiki", "--pencegahan", "Dicek ulang"]
    if kode:
        args += ["--kode-akar", kode]
    r = jalankan(*args, "--waktu", teks_waktu(waktu_langkah(2, mulai)), petugas=PETUGAS_TEKNIS)
    assert r.exit_code == 0, r.stderr


@pytest.fixture
def arsip_analisis(sampai, jalankan):
    """Two complaints of October run to the end (one rated 4), five of November with known causes and categories."""
    r = jalankan("pengaturan", "ubah", "kategori.daftar", "Mutu hasil, Tarif", "--alasan", "Daftar kategori baku",
                 "--berlaku-sejak", "2026-01-01")
    assert r.exit_code == 0, r.stderr
    okt = sampai(Status.DIVALIDASI, mulai=OKT_1, layanan="pengujian", kategori="Tarif")
    _tindak(jalankan, okt, OKT_1, "metode")
    for i, args in enumerate((["verifikasi", okt, "--terima"], ["informasikan", okt, "--media", "email"]), start=3):
        r = jalankan(*args, "--waktu", teks_waktu(waktu_langkah(i, OKT_1)),
                     petugas="Budi Santoso" if i == 3 else None)
        assert r.exit_code == 0, r.stderr
    r = jalankan("kepuasan", okt, "--nilai", "4", "--menerima", "--waktu", teks_waktu(waktu_langkah(5, OKT_1)))
    assert r.exit_code == 0, r.stderr
    sampai(Status.SELESAI, mulai=OKT_2, layanan="kalibrasi")
    nov = {}
    for nama, layanan, kategori, kode in (
        ("a", "pengujian", "mutu hasil", "metode"), ("b", "pengujian", "Mutu hasil", "metode"),
        ("c", "kalibrasi", "Tarif", "manusia"), ("d", "kalibrasi", "sarana", "peralatan"),
        ("e", "inspeksi", None, None),
    ):
        isian = {"layanan": layanan, **({"kategori": kategori} if kategori else {})}
        nov[nama] = sampai(Status.DIVALIDASI, mulai=NOV, **isian)
        if nama != "e":
            _tindak(jalankan, nov[nama], NOV, kode)
    return nov


def test_pareto_akar_masalah_dan_kategori(arsip_analisis, jalankan) -> None:
    """Causes and categories of November's complaints: sorted, percentages of the coded ones, cumulative, the 80% few."""
    d = _rekap(jalankan, "--bulan", "2026-11")
    assert d["jumlah"] == 5
    assert d["akar_masalah"] == [
        {"kode": "metode", "jumlah": 2, "persen": 50.0, "kumulatif": 50.0},
        {"kode": "manusia", "jumlah": 1, "persen": 25.0, "kumulatif": 75.0},
        {"kode": "peralatan", "jumlah": 1, "persen": 25.0, "kumulatif": 100.0},
    ]
    assert d["kategori"] == [
        {"kode": "Mutu hasil", "jumlah": 2, "persen": 50.0, "kumulatif": 50.0},
        {"kode": "Tarif", "jumlah": 1, "persen": 25.0, "kumulatif": 75.0},
        {"kode": "lainnya: sarana", "jumlah": 1, "persen": 25.0, "kumulatif": 100.0},
    ]
    assert d["pareto"] == {
        "akar_masalah": {"dikodekan": 4, "tanpa_kode": 1, "utama": ["metode", "manusia", "peralatan"]},
        "kategori": {"berkategori": 4, "tanpa_kategori": 1, "utama": ["Mutu hasil", "Tarif", "lainnya: sarana"],
                     "daftar": ["Mutu hasil", "Tarif"]},
    }


def test_tren_dua_belas_bulan(arsip_analisis, jalankan) -> None:
    """The trend: 12 months to November, each month's complaints, compliance and satisfaction as its own recap counts them."""
    d = _rekap(jalankan, "--bulan", "2026-11")
    tren = d["tren"]
    assert [b["bulan"] for b in tren] == [f"2025-12"] + [f"2026-{m:02d}" for m in range(1, 12)]
    assert all(b["jumlah"] == 0 and b["langkah"] == 0 for b in tren[:10])
    okt, nov = tren[10], tren[11]
    # October: two complaints, five steps each; steps 5 and 6 came an hour and half an hour late.
    assert okt == {"bulan": "2026-10", "label": "Oktober 2026", "jumlah": 2, "langkah": 10, "diukur": 10, "patuh": 6,
                   "persen_patuh": 60.0, "kepuasan": {"jumlah": 1, "rata_rata": 4.0, "ikm": 100.0, "mutu": "A"}}
    assert nov == {"bulan": "2026-11", "label": "November 2026", "jumlah": 5, "langkah": 14, "diukur": 14, "patuh": 14,
                   "persen_patuh": 100.0, "kepuasan": {"jumlah": 0, "rata_rata": None, "ikm": None, "mutu": None}}
    bulan_okt = _rekap(jalankan, "--bulan", "2026-10")
    assert okt["jumlah"] == bulan_okt["jumlah"]
    assert okt["patuh"] == sum(x["patuh"] for x in bulan_okt["langkah"].values())
    assert okt["kepuasan"]["ikm"] == bulan_okt["kepuasan"]["ikm"]
    assert bulan_okt["tren"][-1] == okt  # the same month, seen from its own recap


def test_akar_berulang_per_layanan_dan_kode(arsip_analisis, jalankan) -> None:
    """The same service and cause twice or more in the trend's months is counted per month; a single one is not listed."""
    d = _rekap(jalankan, "--bulan", "2026-11")
    assert [(x["layanan"], x["kode"], x["jumlah"]) for x in d["akar_berulang"]] == [("pengujian", "metode", 3)]
    per_bulan = d["akar_berulang"][0]["per_bulan"]
    assert len(per_bulan) == 12 and per_bulan["2026-10"] == 1 and per_bulan["2026-11"] == 2
    assert sum(per_bulan.values()) == 3
    # From October alone, pengujian/metode happened once: no recurrence yet.
    assert _rekap(jalankan, "--bulan", "2026-10")["akar_berulang"] == []


def test_kunci_baru_menurut_periode_dan_jangkar(arsip_analisis, jalankan, tmp_path: Path) -> None:
    """A late CAPA dated in November moves today's November Pareto but not the recap signed before it (--jangkar:
    byte-identical); a correction dated after November leaves November's figures as they were but for the anchor."""
    r = jalankan("rekap", "--bulan", "2026-11", "--format", "json")
    assert r.exit_code == 0, r.stderr
    ditandatangani = tmp_path / "rekap-2026-11.json"
    ditandatangani.write_text(r.stdout, encoding="utf-8")
    sebelum = json.loads(r.stdout)

    r = jalankan("koreksi", arsip_analisis["a"], "--kolom", "kode_akar", "--putaran", "1", "--nilai", "bahan",
                 "--alasan", "Analisis ulang")
    assert r.exit_code == 0, r.stderr
    sesudah_koreksi = _rekap(jalankan, "--bulan", "2026-11")
    assert sesudah_koreksi["jangkar"] != sebelum["jangkar"]
    assert {k: v for k, v in sesudah_koreksi.items() if k != "jangkar"} == {
        k: v for k, v in sebelum.items() if k != "jangkar"}
    assert _rekap(jalankan, "--bulan", "2026-12")["tren"][-2]["bulan"] == "2026-11"

    _tindak(jalankan, arsip_analisis["e"], NOV, "metode")  # entered now, dated 3 November
    kini = _rekap(jalankan, "--bulan", "2026-11")
    assert kini["akar_masalah"][0] == {"kode": "metode", "jumlah": 3, "persen": 60.0, "kumulatif": 60.0}
    assert kini["tren"][-1]["langkah"] == sebelum["tren"][-1]["langkah"] + 1
    r = jalankan("rekap", "--bulan", "2026-11", "--format", "json", "--jangkar", str(ditandatangani))
    assert r.exit_code == 0, r.stderr
    assert r.stdout == ditandatangani.read_text(encoding="utf-8")


def test_html_pareto_svg_tanpa_skrip(arsip_analisis, jalankan) -> None:
    """The HTML recap draws each Pareto inline: sorted bars, the cumulative line, the 80% mark; no script, no external file."""
    r = jalankan("rekap", "--bulan", "2026-11", "--format", "html")
    assert r.exit_code == 0, r.stderr
    html = r.stdout
    svg = re.findall(r"<figure class=\"grafik pareto\">.*?</figure>", html, re.S)
    assert len(svg) == 2
    akar = svg[0]
    assert [int(n) for n in re.findall(r"<title>[^<]*: (\d+) \(", akar)] == [2, 1, 1]
    titik = re.search(r'<polyline class="kumulatif"[^>]*points="([^"]+)"', akar)[1].split()
    assert len(titik) == 3 and titik[-1].endswith(",10.0")  # 100 % at the top of the chart
    assert 'class="batas"' in akar and ">80%<" in akar
    assert "<script" not in html.lower() and not re.search(r'(src|href)="(?!data:|#)', html)
    assert "Tren 12 bulan" in html and "lainnya: sarana" in html


def test_rekap_tahun_masukan_kaji_ulang_manajemen(arsip_analisis, jalankan) -> None:
    """rekap --tahun: the year's recap carries the management review's input (totals, causes, CAPA effectiveness, satisfaction)."""
    d = _rekap(jalankan, "--tahun", "2026")
    assert d["periode"]["jenis"] == "tahun" and d["jumlah"] == 7
    assert [b["bulan"] for b in d["tren"]] == [f"2026-{m:02d}" for m in range(1, 13)]
    assert d["akar_masalah"][:2] == [{"kode": "metode", "jumlah": 3, "persen": 60.0, "kumulatif": 60.0},
                                     {"kode": "manusia", "jumlah": 1, "persen": 20.0, "kumulatif": 80.0}]
    assert d["pareto"]["akar_masalah"]["utama"] == ["metode", "manusia"]
    assert d["kepuasan"]["jumlah"] == 1 and "efektivitas" in d
    md = jalankan("rekap", "--tahun", "2026").stdout
    assert "### Masukan kaji ulang manajemen (ISO/IEC 17025 8.9.2)" in md
    assert "| Penyebab utama (Pareto 80 %) | metode, manusia |" in md
    html = jalankan("rekap", "--tahun", "2026", "--format", "html").stdout
    assert "Masukan kaji ulang manajemen (ISO/IEC 17025 8.9.2)" in html
    bulan = jalankan("rekap", "--bulan", "2026-11").stdout
    assert "Masukan kaji ulang manajemen" not in bulan and "## Analisis Keluhan" in bulan
    for teks in (md, bulan):  # valid GFM: tables well formed, no raw HTML but <br>
        _periksa_md(teks)
    _periksa_html(html)


def test_ringkasan_layar_menyebut_pareto(arsip_analisis, jalankan, capsys, monkeypatch) -> None:
    """On a terminal, the recap's summary names the causes with their shares and the vital few."""
    from keluhan import cli

    d = _rekap(jalankan, "--bulan", "2026-11")
    capsys.readouterr()
    monkeypatch.setenv("COLUMNS", "200")
    cli._rekap_layar(d)
    keluar = " ".join(capsys.readouterr().out.split())
    assert ("Akar masalah (Pareto): metode 2 (50,0%), manusia 1 (25,0%), peralatan 1 (25,0%); "
            "penyebab utama (80%): metode, manusia, peralatan.") in keluar


def test_tren_koreksi_waktu_dan_batal_sama_dengan_rekap_bulannya(sampai, jalankan, lihat) -> None:
    """A step event whose time a correction moved into the next month counts in that month of the trend, a voided
    complaint's step events in none; before and after, each month of the trend equals that month's own recap."""
    a = sampai(Status.DIVALIDASI, mulai=datetime(2026, 10, 29, 8, 0), layanan="pengujian")
    sampai(Status.DIVALIDASI, mulai=NOV, layanan="kalibrasi")
    c = sampai(Status.DICATAT, mulai=datetime(2026, 11, 3, 8, 0), layanan="pengujian")

    def tren() -> dict[str, tuple[int, int, int]]:
        hasil = {}
        for x in _rekap(jalankan, "--bulan", "2026-11")["tren"][-2:]:
            sendiri = _rekap(jalankan, "--bulan", x["bulan"])["langkah"].values()
            total = sum(s["total"] for s in sendiri)
            assert (x["langkah"], x["diukur"], x["patuh"]) == (
                total, total - sum(s["tidak_diukur"] for s in sendiri), sum(s["patuh"] for s in sendiri)), x["bulan"]
            hasil[x["bulan"]] = (x["langkah"], x["diukur"], x["patuh"])
        return hasil

    awal = tren()
    assert awal["2026-10"][0] == 2 and awal["2026-11"][0] == 3  # catat and validation of a; of the other two
    r = jalankan("batal", c, "--alasan", "Tercatat ganda", "--waktu", "2026-11-03 09:00")
    assert r.exit_code == 0, r.stderr
    assert tren()["2026-11"][0] == 2
    u = next(e["urutan"] for e in lihat(a)["riwayat"] if e["aksi"] == "validasi_benar")
    r = jalankan("koreksi", a, "--kolom", "waktu", "--peristiwa", str(u), "--nilai", "2026-11-02 10:00",
                 "--alasan", "Jam salah")
    assert r.exit_code == 0, r.stderr
    akhir = tren()
    assert (akhir["2026-10"][0], akhir["2026-11"][0]) == (1, 3)
