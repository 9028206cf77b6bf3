"""The official forms (keluhan.formulir): golden files, hostile text, overrides, A4 PDF.

Golden files live in ``tests/golden/``: one per form and format, rendered from the
fixtures in ``tests/data/``. After a deliberate change to a template or to the data
shape, rewrite them and review the diff before committing::

    python tests/test_formulir.py --perbarui
    # or: KELUHAN_PERBARUI_GOLDEN=1 python -m pytest tests/test_formulir.py

The PDF tests need Debian's ``chromium`` on PATH. Without it they are skipped, except
when the environment variable ``CI`` is set: then a missing browser is a failure.
"""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import zlib
from html.parser import HTMLParser
from pathlib import Path

if __name__ == "__main__":  # run as a script: make the package importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from keluhan import formulir
from keluhan.formulir import JENIS, md, render
from keluhan.galat import GalatMasukan

AKAR = Path(__file__).resolve().parent.parent
DATA = AKAR / "tests" / "data"
GOLDEN = AKAR / "tests" / "golden"


def _json(nama: str) -> dict:
    return json.loads((DATA / nama).read_text(encoding="utf-8"))


KELUHAN = _json("contoh_keluhan.json")
TIDAK_VALID = _json("contoh_tidak_valid.json")
REKAP = _json("contoh_rekap.json")
PENGATURAN = _json("pengaturan_contoh.json")

# (golden file stem, form, fixture)
KASUS = [
    ("fpkp", "fpkp", KELUHAN),
    ("ftkp", "ftkp", KELUHAN),
    ("tanda-terima", "tanda-terima", KELUHAN),
    ("surat-hasil", "surat-hasil", KELUHAN),
    ("rekap", "rekap", REKAP),
    ("fpkp-tidak-valid", "fpkp", TIDAK_VALID),
    ("ftkp-tidak-valid", "ftkp", TIDAK_VALID),
    ("surat-hasil-tidak-valid", "surat-hasil", TIDAK_VALID),
]
GOLDEN_KASUS = [(stem, jenis, data, fmt) for stem, jenis, data in KASUS for fmt in ("md", "html")]


def _perbarui() -> bool:
    return os.environ.get("KELUHAN_PERBARUI_GOLDEN", "") not in ("", "0")


def perbarui_golden() -> list[Path]:
    """Rewrite every golden file from the fixtures; returns the files written."""
    GOLDEN.mkdir(parents=True, exist_ok=True)
    ditulis = []
    for stem, jenis, data, fmt in GOLDEN_KASUS:
        berkas = GOLDEN / f"{stem}.{fmt}"
        berkas.write_text(render(jenis, data, PENGATURAN, format=fmt), encoding="utf-8", newline="\n")
        ditulis.append(berkas)
    return ditulis


# --------------------------------------------------------------------------- helpers


def _tabel_md(teks: str) -> list[list[str]]:
    """The GFM tables of a document, each as its list of row lines."""
    tabel, kini = [], []
    for baris in teks.split("\n"):
        if baris.startswith("|"):
            kini.append(baris)
        elif kini:
            tabel.append(kini)
            kini = []
    if kini:
        tabel.append(kini)
    return tabel


def _pemisah(baris: str) -> int:
    """The number of unescaped ``|`` in a table row (a backslash escapes the next character)."""
    n, i = 0, 0
    while i < len(baris):
        if baris[i] == "\\":
            i += 2
            continue
        if baris[i] == "|":
            n += 1
        i += 1
    return n


def _periksa_md(teks: str) -> None:
    """Every table row is one line with as many cell separators as its header, and no
    raw ``<`` other than our ``<br>`` appears anywhere."""
    tabel = _tabel_md(teks)
    assert tabel, "no Markdown table found"
    for rows in tabel:
        assert len(rows) >= 2 and re.fullmatch(r"\|( *:?-+:? *\|)+", rows[1]), rows[:2]
        kepala = _pemisah(rows[0])
        for r in rows:
            assert r.endswith("|"), r[-80:]
            assert _pemisah(r) == kepala, r[:200]
    tanpa_br = teks.replace("<br>", "")
    for m in re.finditer(r"<", tanpa_br):
        assert tanpa_br[m.start() - 1] == "\\", tanpa_br[m.start() - 40 : m.start() + 40]


def _lepas_md(teks: str) -> str:
    """Undo md(): backslash escapes removed, <br> back to newlines, bidi isolates dropped."""
    keluar, i = [], 0
    teks = teks.removeprefix("\u2068").removesuffix("\u2069")
    while i < len(teks):
        if teks[i] == "\\" and i + 1 < len(teks):
            keluar.append(teks[i + 1])
            i += 2
        elif teks.startswith("<br>", i):
            keluar.append("\n")
            i += 4
        else:
            keluar.append(teks[i])
            i += 1
    return "".join(keluar)


class _Tag(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tag: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.teks: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tag.append((tag, attrs))

    def handle_data(self, data):
        self.teks.append(data)


TAG_BOLEH = {
    "html", "head", "meta", "title", "style", "body", "main", "header", "h1", "h2", "h3",
    "p", "b", "br", "small", "span", "div", "bdi", "table", "thead", "tbody", "tr", "th",
    "td", "colgroup", "col", "ol", "li", "figure", "figcaption", "svg", "rect", "text",
    "line", "polyline", "circle",  # the recap's Pareto charts (templates/_analisis.html.j2)
}


def _periksa_html(teks: str) -> _Tag:
    """Only our own tags, no event-handler attributes, nothing fetched from outside."""
    p = _Tag()
    p.feed(teks)
    p.close()
    tag = {t for t, _ in p.tag}
    assert tag <= TAG_BOLEH, tag - TAG_BOLEH
    for t, attrs in p.tag:
        for nama, _nilai in attrs:
            assert not nama.startswith("on"), (t, nama)
            assert nama not in ("src", "href", "srcset", "action"), (t, nama)
    assert "url(" not in teks and "@import" not in teks
    return p


# --------------------------------------------------------------------------- golden


@pytest.mark.parametrize(
    ("stem", "jenis", "data", "fmt"),
    GOLDEN_KASUS,
    ids=[f"{s}.{f}" for s, _, _, f in GOLDEN_KASUS],
)
def test_golden(stem, jenis, data, fmt):
    """Each form renders exactly as its reviewed golden file in tests/golden/."""
    hasil = render(jenis, data, PENGATURAN, format=fmt)
    berkas = GOLDEN / f"{stem}.{fmt}"
    if _perbarui():
        berkas.parent.mkdir(parents=True, exist_ok=True)
        berkas.write_text(hasil, encoding="utf-8", newline="\n")
    assert berkas.exists(), f"{berkas} is missing: python tests/test_formulir.py --perbarui"
    assert hasil == berkas.read_text(encoding="utf-8"), (
        f"{berkas.name} differs; after a deliberate change run python tests/test_formulir.py --perbarui"
    )


@pytest.mark.parametrize(("stem", "jenis", "data"), KASUS, ids=[k[0] for k in KASUS])
def test_md_tabel_sah(stem, jenis, data):
    """Every Markdown form is valid GFM: tables well formed, no raw HTML except <br>."""
    _periksa_md(render(jenis, data, PENGATURAN, format="md"))


@pytest.mark.parametrize(("stem", "jenis", "data"), KASUS, ids=[k[0] for k in KASUS])
def test_html_mandiri(stem, jenis, data):
    """Every HTML form is one self-contained A4 page: inline CSS, no scripts, no external assets."""
    teks = render(jenis, data, PENGATURAN, format="html")
    _periksa_html(teks)
    assert teks.startswith("<!DOCTYPE html>")
    assert re.search(r"@page\s*\{\s*size:\s*A4", teks)
    assert re.search(r"tr,[^{]*\{[^}]*break-inside:\s*avoid", teks)
    assert "<script" not in teks.lower() and "<link" not in teks.lower()


def test_isi_fpkp_html():
    """The FPKP shows the letterhead, code, revision, number, Indonesian dates and signatures."""
    teks = render("fpkp", KELUHAN, PENGATURAN, format="html")
    for kop in PENGATURAN["unit"]["kop"]:
        assert kop in teks
    assert "F.5.1.11.1" in teks and "001/KP/BBSPJIKFK/XI/2026" in teks
    assert "2 November 2026, 08.10 WIB" in teks
    assert "Jakarta, 6 November 2026" in teks
    # Signature: the configured official with a grouped NIP, marked as from the settings; the
    # recording officer with the NIP the register gave at the step's time (lihat --json's petugas_nip).
    assert "Sari Wulandari, S.Si., M.M." in teks and "NIP 19820314 200604 2 001" in teks
    assert "Rina Marlina" in teks and "NIP 19900315 201503 2 001" in teks
    assert "pejabat menurut pengaturan" in teks


def test_tanda_tangan_kosong():
    """An official with no configured name gets a dotted line to sign and write over."""
    p = copy.deepcopy(PENGATURAN)
    p["pejabat"]["kepala_balai"] = {"jabatan": "Kepala Balai Besar", "nama": "", "nip": ""}
    html = render("surat-hasil", KELUHAN, p, format="html")
    assert 'class="nama kosong">(....' in html
    mdx = render("surat-hasil", KELUHAN, p, format="md")
    assert "(..............................)" in mdx


def test_surat_hasil_hak_banding():
    """The result letter states the appeal right with the configured period, in words."""
    teks = render("surat-hasil", KELUHAN, PENGATURAN, format="md")
    assert "banding" in teks and "15 (lima belas) hari kerja sejak surat ini diterima" in teks
    p = copy.deepcopy(PENGATURAN)
    p["banding"] = {"batas": "14 hari kalender"}
    assert "14 (empat belas) hari kalender" in render("surat-hasil", KELUHAN, p, format="html")


def test_ftkp_semua_putaran():
    """The FTKP keeps every CAPA round: the returned one with its reason, then the accepted one."""
    teks = render("ftkp", KELUHAN, PENGATURAN, format="md")
    assert teks.index("### Putaran 1 (dikembalikan untuk perbaikan)") < teks.index("### Putaran 2")
    assert "templat LHU di SIMLAB masih memakai satuan mm" in teks
    assert "| Keefektifan tindakan | Efektif (tinjauan efektivitas 1 Desember 2026) |" in teks
    assert "| Selasa, 1 Desember 2026 pukul 09.00 WIB | Efektif |  | Dewi Lestari | jatuh tempo 4 Desember 2026, ditinjau lebih awal;" in teks


def test_ftkp_kosong_untuk_diisi_tangan():
    """With no CAPA yet the HTML FTKP prints one empty round to fill in by hand."""
    data = copy.deepcopy(KELUHAN)
    data.update(status="divalidasi", tindakan=[], diverifikasi=None, petugas_verifikasi=None)
    teks = render("ftkp", data, PENGATURAN, format="html")
    assert "Putaran 1" in teks and teks.count('class="tulis"') >= 4


def test_rekap_grafik_svg():
    """The HTML recap has inline SVG bar charts per media, per status and per validation outcome, one bar per value."""
    teks = render("rekap", REKAP, PENGATURAN, format="html")
    assert teks.count("<svg") == 3
    assert teks.count("<rect") == len(REKAP["per_media"]) + len(REKAP["per_status"]) + len(REKAP["per_hasil"])
    assert "size: A4 landscape" in teks


def test_riwayat_kolom_waktu_opsional():
    """History rows without durasi_menit/mutu_baku/patuh render without those columns."""
    data = copy.deepcopy(KELUHAN)
    for r in data["riwayat"]:
        for k in ("durasi_menit", "mutu_baku", "patuh"):
            r.pop(k)
    teks = render("fpkp", data, PENGATURAN, format="md")
    assert "| Langkah | Kegiatan | Waktu | Petugas |\n" in teks
    assert "Mutu baku" not in teks
    assert "(lewat)" in render("fpkp", KELUHAN, PENGATURAN, format="md")


# --------------------------------------------------------------------------- hostile text

PANJANG = ("Keluhan panjang tanpa akhir. " * 400)[:10_000]
JAHAT = [
    "<script>alert(1)</script>",
    "a | b || c \\| d",
    "baris satu\nbaris dua\r\n\r\n\r\nbaris tiga\rempat",
    "*bold* _miring_ **tebal** ~~coret~~ `kode`",
    "{{ 7*7 }} {% raw %}x{% endraw %} {# komentar #}",
    "<img src=x onerror=alert(1)> </td></tr></table> </style><b>",
    "[tautan](javascript:alert(1)) ![gambar](http://contoh.invalid/x.png) <http://a.b>",
    "# judul\n- daftar\n1. nomor\n> kutip\n---\n===",
    "&lt;script&gt; &amp; &#60; \\ akhir\\",
    "emoji 😀🎉👍🏽 dan 中文",
    "مرحبا بالعالم שלום עולם \u202egnp.exe\u202c",
    "nul\x00 bel\x07 esc\x1b[31m merah",
    "$x^2$ dan $$y$$",
    PANJANG,
]


def _jahatkan(data: dict, i: int = 0) -> dict:
    """A copy of ``data`` with every customer/officer text replaced by hostile strings."""
    hasil = copy.deepcopy(data)
    n = [i]

    def ganti(obj):
        if isinstance(obj, dict):
            for k, v in obj.items():
                if k in ("status", "media", "layanan", "validasi", "verifikasi", "aksi", "langkah",
                         "urutan", "putaran", "media_informasi", "status_dari", "status_ke", "patuh",
                         "durasi_menit", "jumlah", "total", "hari_kerja", "median_hari", "p90_hari"):
                    continue
                if isinstance(v, str) and not re.fullmatch(r"\d{4}-\d\d-\d\d.*", v):
                    obj[k] = JAHAT[n[0] % len(JAHAT)]
                    n[0] += 1
                else:
                    ganti(v)
        elif isinstance(obj, list):
            for v in obj:
                ganti(v)

    ganti(hasil)
    return hasil


def _jahat_keluhan() -> dict:
    data = _jahatkan(KELUHAN)
    data["uraian"] = "\n".join(JAHAT)
    data["nama"] = "<script>alert(1)</script> | {{ 7*7 }}"
    data["harapan"] = PANJANG
    data["instansi"] = JAHAT[10]
    # The number also goes into the CSS page footer (content: "..."): it must not end the string or <style>.
    data["nomor"] = '001"; } body { display: none } </style><script>alert(1)</script>'
    return data


def _jahat_rekap() -> dict:
    data = _jahatkan(REKAP)
    data["per_kategori"] = {s: 1 for s in JAHAT[:6]}
    data["per_tim"] = {"<script>alert(1)</script>": 2, "a | b": 1}
    return data


def _jahat_pengaturan() -> dict:
    p = copy.deepcopy(PENGATURAN)
    p["unit"]["kop"] = ["KOP | <script>alert(1)</script>", "*BADAN* {{ 7*7 }}"]
    p["pejabat"]["manajer_mutu"]["nama"] = "Dr. <b>X</b> | Y"
    return p


@pytest.mark.parametrize("jenis", JENIS)
def test_teks_jahat_html(jenis):
    """Hostile text in every field stays text in HTML: escaped, never a tag or template code."""
    data = _jahat_rekap() if jenis == "rekap" else _jahat_keluhan()
    teks = render(jenis, data, _jahat_pengaturan(), format="html")
    p = _periksa_html(teks)
    assert "<script" not in teks.lower() and teks.lower().count("</style") == 1
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in teks
    isi = "".join(p.teks)
    assert "{{ 7*7 }}" in isi and "49" not in teks.replace("{{ 7*7 }}", "")
    if jenis != "rekap":
        assert "{% raw %}x{% endraw %}" in isi
        assert PANJANG in isi.replace("<br>", "")
        assert "😀🎉👍🏽" in isi
        # Right-to-left text is isolated so it cannot reorder the form around it.
        assert "<bdi>مرحبا بالعالم" in teks
    assert "\x00" not in teks and "\x1b" not in teks


@pytest.mark.parametrize("jenis", JENIS)
def test_teks_jahat_md(jenis):
    """Hostile text in every field keeps every GFM table intact and never becomes markup."""
    data = _jahat_rekap() if jenis == "rekap" else _jahat_keluhan()
    teks = render(jenis, data, _jahat_pengaturan(), format="md")
    _periksa_md(teks)
    assert "{{ 7\\*7 }}" in teks and "49" not in teks
    assert "\\<script\\>alert(1)\\</script\\>" in teks
    assert "\\*bold\\*" in teks or jenis == "rekap"
    assert "\x00" not in teks and "\x1b" not in teks
    if jenis != "rekap":
        assert "{% raw %}x{% endraw %}" in teks
        assert PANJANG.strip() in teks
        assert "\u2068" in teks and "\u2069" in teks  # RTL isolated


class _SelMd(HTMLParser):
    """Tags and the cell count of every table row in HTML made from Markdown."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tag: set[str] = set()
        self.tabel: list[list[int]] = []
        self.teks: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tag.add(tag)
        if tag == "table":
            self.tabel.append([])
        elif tag == "tr":
            self.tabel[-1].append(0)
        elif tag in ("td", "th"):
            self.tabel[-1][-1] += 1

    def handle_data(self, data):
        self.teks.append(data)


@pytest.mark.parametrize("jenis", JENIS)
def test_teks_jahat_md_diurai(jenis):
    """Parsed by an independent GFM parser (markdown-it, raw HTML allowed), hostile text
    yields only the form's own elements and every table row keeps its header's cell count."""
    markdown_it = pytest.importorskip("markdown_it")
    data = _jahat_rekap() if jenis == "rekap" else _jahat_keluhan()
    teks = render(jenis, data, _jahat_pengaturan(), format="md")
    pengurai = markdown_it.MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    p = _SelMd()
    p.feed(pengurai.render(teks))
    p.close()
    boleh = {"p", "strong", "h1", "h2", "h3", "table", "thead", "tbody", "tr", "th", "td", "br", "ol", "li"}
    assert p.tag <= boleh, p.tag - boleh
    assert p.tabel and all(len(set(baris)) == 1 for baris in p.tabel), p.tabel
    isi = "".join(p.teks)
    assert "<script>alert(1)</script>" in isi and "{{ 7*7 }}" in isi
    if jenis != "rekap":
        assert "*bold* _miring_ **tebal** ~~coret~~ `kode`" in isi
        assert "[tautan](javascript:alert(1))" in isi


def test_md_escape_contoh():
    """md() escapes inline markup, joins lines with <br>, and leaves plain prose readable."""
    assert md("a | b") == "a \\| b"
    assert md("*x* _y_ `z` [t](u) <b> #1 ~s~ & $") == "\\*x\\* \\_y\\_ \\`z\\` \\[t\\](u) \\<b\\> \\#1 \\~s\\~ \\& \\$"
    assert md("satu\r\ndua\n\n\n\ntiga\n") == "satu<br>dua<br><br>tiga"
    assert md("- daftar") == "\\- daftar" and md("1. nomor") == "1\\. nomor" and md("===") == "\\==="
    assert md("Jl. Gatot Subroto No. 5, pukul 08.10") == "Jl. Gatot Subroto No. 5, pukul 08.10"
    assert md("-5 derajat") == "-5 derajat" and md("2026-11-02") == "2026-11-02"
    assert md(None) == "" and md(12) == "12"


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_md_escape_sifat(s):
    """For any text, md() gives one line with no unescaped | and it unescapes to the same text."""
    keluar = md(s)
    assert "\n" not in keluar and "\r" not in keluar
    assert _pemisah(keluar) == 0
    assert "<" not in keluar.replace("<br>", "").replace("\\<", "")
    assert _lepas_md(keluar) == "\n".join(b.strip() for b in formulir._baris(s))


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(max_size=60), st.text(max_size=60))
def test_md_tabel_sifat(nama, uraian):
    """Whatever the customer's name and complaint, the Markdown FPKP tables stay intact."""
    data = dict(KELUHAN, nama=nama, uraian=uraian, harapan=nama + "\n" + uraian)
    _periksa_md(render("fpkp", data, PENGATURAN, format="md"))


# --------------------------------------------------------------------------- api, loader


def test_jenis_dan_format_tidak_dikenal():
    """An unknown form or format is a GalatMasukan with an Indonesian message."""
    with pytest.raises(GalatMasukan, match="Jenis formulir tidak dikenal: 'lhu'"):
        render("lhu", KELUHAN, PENGATURAN)
    with pytest.raises(GalatMasukan, match="Format formulir tidak dikenal: 'pdf'"):
        render("fpkp", KELUHAN, PENGATURAN, format="pdf")
    with pytest.raises(GalatMasukan, match="Folder templat tidak ditemukan"):
        render("fpkp", KELUHAN, PENGATURAN, templat_dir=AKAR / "tidak-ada")


def test_templat_paket_lengkap():
    """The packaged folder holds a template for every form in both formats, plus the base."""
    folder = formulir._folder_paket()
    for jenis in JENIS:
        for fmt in formulir.FORMAT:
            assert (folder / formulir.nama_templat(jenis, fmt)).is_file(), (jenis, fmt)
    assert (folder / "_dasar.html.j2").is_file()


def test_templat_override_formulir(tmp_path):
    """A fpkp.html.j2 in the override folder wins; other templates still come from the package."""
    (tmp_path / "fpkp.html.j2").write_text(
        "<p>FPKP BALAI {{ data.nomor }} {{ data.nama }}</p>\n", encoding="utf-8"
    )
    data = dict(KELUHAN, nama="<i>x</i>")
    teks = render("fpkp", data, PENGATURAN, format="html", templat_dir=tmp_path)
    assert teks == "<p>FPKP BALAI 001/KP/BBSPJIKFK/XI/2026 &lt;i&gt;x&lt;/i&gt;</p>\n"
    assert "FORMULIR TINDAKAN" in render("ftkp", KELUHAN, PENGATURAN, format="html", templat_dir=tmp_path).upper()
    assert render("fpkp", KELUHAN, PENGATURAN, format="md", templat_dir=tmp_path) == render(
        "fpkp", KELUHAN, PENGATURAN, format="md"
    )


def test_templat_override_kop(tmp_path):
    """Overriding only _dasar.html.j2 changes the letterhead of every HTML form."""
    asli = (formulir._folder_paket() / "_dasar.html.j2").read_text(encoding="utf-8")
    baru = asli.replace('<div class="kop-teks">', '<div class="kop-teks"><p class="kop-lain">PEMERINTAH KOTA CONTOH</p>')
    assert baru != asli
    (tmp_path / "_dasar.html.j2").write_text(baru, encoding="utf-8")
    for jenis, data in (("fpkp", KELUHAN), ("rekap", REKAP)):
        teks = render(jenis, data, PENGATURAN, format="html", templat_dir=tmp_path)
        assert "PEMERINTAH KOTA CONTOH" in teks
    assert "PEMERINTAH KOTA CONTOH" not in render("fpkp", KELUHAN, PENGATURAN, format="html")


def test_templat_override_rusak(tmp_path):
    """A broken override template is a GalatMasukan naming the file and line."""
    (tmp_path / "fpkp.md.j2").write_text("baris\n{% if %}\n", encoding="utf-8")
    with pytest.raises(GalatMasukan, match=r"fpkp\.md\.j2 baris 2"):
        render("fpkp", KELUHAN, PENGATURAN, templat_dir=tmp_path)


def test_lingkungan_sekali():
    """The Jinja environment is built once per template folder and reused."""
    render("fpkp", KELUHAN, PENGATURAN)
    env = formulir._env(None)
    render("ftkp", KELUHAN, PENGATURAN, format="html")
    assert formulir._env(None) is env


def test_jinja_tidak_dimuat_saat_impor():
    """Importing keluhan.formulir does not import jinja2 (start-up cost of other commands)."""
    kode = "import sys, keluhan.formulir; print('jinja2' in sys.modules, 'markupsafe' in sys.modules)"
    keluar = subprocess.run(
        [sys.executable, "-c", kode], cwd=AKAR, capture_output=True, text=True, timeout=60, check=True,
        env={**os.environ, "PYTHONPATH": str(AKAR)},
    )
    assert keluar.stdout.split() == ["False", "False"]


def test_templat_terpasang(tmp_path):
    """Installed layout (templates inside the package, as the wheel ships them) also works."""
    shutil.copytree(AKAR / "keluhan", tmp_path / "keluhan", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(AKAR / "templates", tmp_path / "keluhan" / "templates")
    kode = (
        "import json, sys; from keluhan import formulir; "
        "d = json.load(open(sys.argv[1])); "
        "print(formulir._folder_paket()); print(formulir.render('fpkp', d, {}, format='html')[:15])"
    )
    keluar = subprocess.run(
        [sys.executable, "-c", kode, str(DATA / "contoh_keluhan.json")],
        cwd=tmp_path, capture_output=True, text=True, timeout=60, check=True,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
    )
    folder, awal = keluar.stdout.splitlines()[:2]
    assert Path(folder) == (tmp_path / "keluhan" / "templates").resolve()
    assert awal == "<!DOCTYPE html>"


def test_filter_bantu():
    """Small formatting helpers: Indonesian numbers, percentages, durations, NIP, labels."""
    assert formulir.angka(1234.5, 1) == "1.234,5" and formulir.angka(None) == ""
    assert formulir.persen(9, 10) == "90,0%" and formulir.persen(1, 0) == "—"
    assert formulir.durasi(75) == "1 jam 15 menit" and formulir.durasi(12.4) == "12 menit"
    assert formulir.durasi(0.2) == "< 1 menit" and formulir.durasi(None) == ""
    assert formulir.nip("198203142006042001") == "19820314 200604 2 001" and formulir.nip("") == ""
    assert formulir.label("fax", "media") == "Faksimile" and formulir.label("baru", "media") == "Baru"
    assert [k for k, _ in formulir.urutkan({"email": 1, "kotak": 2, "x": 5, "y": 9}, "media")] == [
        "kotak", "email", "y", "x",
    ]


# --------------------------------------------------------------------------- chromium / PDF


def _chromium() -> str:
    exe = shutil.which("chromium")
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed but CI is set: the PDF tests must run in CI")
        pytest.skip("chromium is not installed (apt-get install chromium); PDF tests skipped")
    return exe


def _pdf(html: str, tmp_path: Path, nama: str) -> bytes:
    """Print ``html`` to PDF with headless Chromium; returns the PDF bytes."""
    exe = _chromium()
    sumber = tmp_path / f"{nama}.html"
    sumber.write_text(html, encoding="utf-8")
    keluar = tmp_path / f"{nama}.pdf"
    perintah = [
        exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={tmp_path / 'profil'}", "--no-pdf-header-footer",
        f"--print-to-pdf={keluar}", sumber.as_uri(),
    ]
    with subprocess.Popen(
        perintah, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    ) as proses:
        try:
            _, galat = proses.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            os.killpg(proses.pid, signal.SIGKILL)
            proses.communicate()
            pytest.fail("chromium did not finish printing within 120 s")
    assert proses.returncode == 0, galat.decode(errors="replace")[-2000:]
    assert keluar.is_file() and keluar.stat().st_size > 0, galat.decode(errors="replace")[-2000:]
    return keluar.read_bytes()


def _teks_pdf(pdf: bytes) -> bytes:
    """The PDF bytes plus every Flate stream decompressed (object streams hide /Type /Page)."""
    bagian = [pdf]
    for m in re.finditer(rb"stream\r?\n", pdf):
        akhir = pdf.find(b"endstream", m.end())
        if akhir < 0:
            continue
        try:
            bagian.append(zlib.decompressobj().decompress(pdf[m.end() : akhir]))
        except zlib.error:
            pass
    return b"\n".join(bagian)


def info_pdf(pdf: bytes) -> tuple[int, list[tuple[float, float]]]:
    """(number of pages, [(width, height) of every MediaBox]) of a PDF, in points."""
    teks = _teks_pdf(pdf)
    halaman = len(re.findall(rb"/Type\s*/Page(?![A-Za-z])", teks))
    hitung = [int(n) for n in re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", teks)]
    hitung += [int(n) for n in re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", teks)]
    if hitung:
        # The root /Pages node counts every page; it must agree with the page objects.
        assert max(hitung) == halaman or halaman == 0, (max(hitung), halaman)
        halaman = max(hitung)
    kotak = [
        (float(c) - float(a), float(d) - float(b))
        for a, b, c, d in re.findall(rb"/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]", teks)
    ]
    return halaman, kotak


def _a4(kotak: list[tuple[float, float]], mendatar: bool = False) -> None:
    assert kotak, "no /MediaBox in the PDF"
    for w, h in kotak:
        if mendatar:
            w, h = h, w
        assert 594.5 <= w <= 596.5 and 841 <= h <= 843, (w, h)


PDF_KASUS = [k for k in KASUS if k[0] != "ftkp-tidak-valid"]


@pytest.mark.parametrize(("stem", "jenis", "data"), PDF_KASUS, ids=[k[0] for k in PDF_KASUS])
def test_pdf_a4(stem, jenis, data, tmp_path):
    """Each HTML form prints on A4 in Chromium (the recap in landscape); the FPKP on one page."""
    pdf = _pdf(render(jenis, data, PENGATURAN, format="html"), tmp_path, stem)
    halaman, kotak = info_pdf(pdf)
    _a4(kotak, mendatar=(jenis == "rekap"))
    assert halaman >= 1
    if jenis in ("fpkp", "tanda-terima", "surat-hasil"):
        assert halaman == 1, f"{stem} takes {halaman} pages; it must fit one A4 page"


def test_pdf_teks_jahat(tmp_path):
    """The FPKP with hostile text (10,000 characters, RTL, emoji) still prints on A4 pages."""
    pdf = _pdf(render("fpkp", _jahat_keluhan(), PENGATURAN, format="html"), tmp_path, "jahat")
    halaman, kotak = info_pdf(pdf)
    _a4(kotak)
    assert 2 <= halaman <= 30


def test_info_pdf_aliran_objek():
    """The PDF reader finds pages hidden in a compressed object stream (PDF 1.5)."""
    objek = zlib.compress(b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] >> endobj")
    pdf = (
        b"%PDF-1.5\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
        b"4 0 obj << /Type /ObjStm /Filter /FlateDecode >> stream\n" + objek + b"\nendstream endobj\n%%EOF"
    )
    assert info_pdf(pdf) == (1, [(595.28, 841.89)])


if __name__ == "__main__":
    if "--perbarui" in sys.argv[1:]:
        for berkas in perbarui_golden():
            print(berkas.relative_to(AKAR))
    else:
        print(__doc__)


# -- the escaping's fast paths keep its results --------------------------------------------------
# Issue 7: md() runs on every cell of a recap (hundreds of thousands on a big archive), so it
# checks the common case (printable ASCII, one line) at C speed. These are the character-by-
# character definitions it had before; the fast paths must agree with them on any text.


def _acuan_baris(teks: str) -> list[str]:
    import unicodedata

    baris = [
        "".join(" " if c == "\t" else c for c in b if c == "\t" or unicodedata.category(c) != "Cc").rstrip()
        for b in teks.splitlines()
    ]
    while baris and not baris[0].strip():
        baris.pop(0)
    while baris and not baris[-1].strip():
        baris.pop()
    hasil: list[str] = []
    for b in baris:
        if b.strip() or (hasil and hasil[-1].strip()):
            hasil.append(b if b.strip() else "")
    return hasil


def _acuan_md(teks: str) -> str:
    import unicodedata

    def md_baris(b: str) -> str:
        keluar = "".join("\\" + c if c in "\\`*_[]<>|~&#$" else c for c in b.strip())
        if keluar[:1] in "-+=" and keluar[:1] and (len(keluar) == 1 or not keluar[1].isalnum()):
            return "\\" + keluar
        i = 0
        while i < len(keluar) and i < 10 and keluar[i].isascii() and keluar[i].isdigit():
            i += 1
        if 0 < i < len(keluar) and keluar[i] in ".)" and (i + 1 == len(keluar) or keluar[i + 1] == " "):
            keluar = keluar[:i] + "\\" + keluar[i:]
        return keluar

    keluar = "<br>".join(md_baris(b) for b in _acuan_baris(teks))
    if any(unicodedata.bidirectional(c) in ("R", "AL", "RLE", "RLO", "LRE", "LRO", "RLI", "LRI", "FSI", "PDF", "PDI")
           for c in keluar if ord(c) >= 0x0590):
        keluar = "\u2068" + keluar + "\u2069"
    return keluar


_TEKS_ACAK = st.one_of(
    st.text(),
    st.text(alphabet=st.sampled_from(list("ab 1.-+=|*_<>\\`#\t\n\r\x00\x85\u2028 \u00a0\u05d0\u0627\u202e\u2067"))),
    st.text(alphabet=st.characters(max_codepoint=0x7f)),
)


@settings(max_examples=500, deadline=None)
@given(teks=_TEKS_ACAK)
def test_md_jalan_cepat_sama_dengan_definisinya(teks: str) -> None:
    """md(), the line splitting and the HTML control-character filter give what their character-by-character definitions give."""
    import unicodedata

    assert md(teks) == _acuan_md(teks)
    assert formulir._baris(teks) == _acuan_baris(teks)
    tanpa = "".join(c for c in teks if c in "\n\t" or unicodedata.category(c) != "Cc")
    assert formulir._tanpa_kendali(teks) == tanpa


@settings(max_examples=300, deadline=None)
@given(teks=_TEKS_ACAK)
def test_teks_html_jalan_cepat_sama_dengan_definisinya(teks: str) -> None:
    """|teks gives what its line-by-line definition gives: escaped lines joined by <br>, RTL text in <bdi>."""
    from markupsafe import Markup, escape

    baris = _acuan_baris(teks)
    isi = Markup("<br>\n").join(escape(b.strip()) for b in baris)
    if formulir._bidi("\n".join(baris)):
        isi = Markup("<bdi>") + isi + Markup("</bdi>")
    assert formulir.teks_html(teks) == isi and isinstance(formulir.teks_html(teks), Markup)
