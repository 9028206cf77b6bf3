"""The official forms (FPKP, FTKP, tanda terima, surat hasil, rekap) as Markdown and HTML.

``render(jenis, data, pengaturan, format=..., templat_dir=...)`` fills a Jinja template
with one complaint (the dict of ``keluhan lihat ID --json``) or, for ``rekap``, the
recap dict. The templates are files, not code: a Balai overrides any of them (or only
the letterhead, ``_dasar.html.j2`` / ``_kop.md.j2``) by putting a file with the same
name in its own folder (``--templat DIR``, or ``templates/`` beside the archive); every
template it does not override still comes from the package.

Customer text is data, never template code: it is only ever a value in the context,
never passed to ``from_string``. Two layers keep it from becoming markup:

* HTML templates (``*.html.j2``) are autoescaped; ``|teks`` also turns newlines into
  ``<br>`` and isolates right-to-left text in ``<bdi>``.
* Markdown templates (``*.md.j2``) run every ``{{ ... }}`` through ``md()`` (the
  environment's ``finalize``), so a template author cannot forget it. ``md()``:

  - backslash-escapes the characters that make GFM markup anywhere in a line:
    ``\\ ` * _ [ ] < > | ~ & # $`` (so ``|`` is always ``\\|`` and cannot end a cell);
  - backslash-escapes a block marker at the start of a line: ``-``, ``+`` or ``=``
    not followed by a letter or digit, ``1.`` / ``1)`` followed by a space;
  - drops control characters, turns tabs into spaces, strips each line, collapses
    runs of blank lines to one;
  - joins the lines with ``<br>``: a value is always ONE source line, so it cannot
    end a table row; ``<br>`` is the line break GFM renders inside table cells and
    the only raw HTML in the output (the customer's own ``<`` is already ``\\<``);
  - wraps text containing right-to-left letters or bidi controls in U+2068 FIRST
    STRONG ISOLATE ... U+2069 POP DIRECTIONAL ISOLATE, so it cannot reorder the text
    around it.

  Bare URLs and e-mail addresses may still be auto-linked by GitHub (the text shown
  is the same). A value already marked safe (``Markup``, e.g. ``|safe`` or ``|md``)
  is left as it is; the output of a macro is not, so Markdown templates use loops
  and ``{% include %}`` with ``{% with %}`` (see ``_ttd.md.j2``) instead of macros.

jinja2 is imported on the first render, not at import: it costs ~80 ms that the other
commands must not pay.
"""

from __future__ import annotations

import copy
import threading
import unicodedata
from functools import lru_cache
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from keluhan import tanggal as _tgl
from keluhan.galat import GalatMasukan

JENIS = ("fpkp", "ftkp", "tanda-terima", "surat-hasil", "rekap")
FORMAT = ("md", "html")

JUDUL = {
    "fpkp": "Formulir Penanganan Keluhan Pelanggan",
    "ftkp": "Formulir Tindakan Koreksi dan Pencegahan",
    "tanda-terima": "Tanda Terima Keluhan Pelanggan",
    "surat-hasil": "Pemberitahuan Hasil Penanganan Keluhan",
    "rekap": "Formulir Rekapitulasi Keluhan Pelanggan",
}
# pengaturan["formulir"] key of each form's document code (letters have none).
_KODE = {"fpkp": "fpkp_kode", "ftkp": "ftkp_kode", "rekap": "rekap_kode"}

# Labels for the codes stored in the archive, in the order the forms list them.
LABEL: dict[str, dict[str, str]] = {
    "media": {
        "kotak": "Kotak pengaduan",
        "surat": "Surat",
        "telepon": "Telepon",
        "fax": "Faksimile",
        "email": "Email",
        "siptenan": "SIPTENAN",
        "website": "Website",
    },
    "layanan": {
        "pengujian": "Pengujian",
        "kalibrasi": "Kalibrasi",
        "sertifikasi": "Sertifikasi",
        "inspeksi": "Inspeksi",
        "lainnya": "Lainnya",
    },
    "status": {
        "dicatat": "Dicatat",
        "divalidasi": "Divalidasi",
        "tidak_valid": "Tidak valid",
        "ditindaklanjuti": "Ditindaklanjuti",
        "diverifikasi": "Diverifikasi",
        "selesai": "Selesai",
        "banding": "Banding",
    },
    "aksi": {
        "catat": "Keluhan diterima dan dicatat",
        "validasi_benar": "Keluhan benar, diteruskan ke tim teknis",
        "validasi_tidak_benar": "Keluhan dinyatakan tidak benar",
        "tindak": "Tindakan koreksi dan pencegahan ditetapkan",
        "verifikasi_terima": "Hasil penyelesaian diverifikasi dan diterima",
        "verifikasi_kembalikan": "Hasil penyelesaian dikembalikan untuk perbaikan",
        "informasikan": "Hasil penyelesaian disampaikan kepada pelanggan",
        "banding": "Pelanggan mengajukan banding",
        "koreksi": "Koreksi data",
    },
    # Short form of "aksi" for history tables.
    "aksi_singkat": {
        "catat": "Diterima dan dicatat",
        "validasi_benar": "Divalidasi: benar, diteruskan",
        "validasi_tidak_benar": "Divalidasi: tidak benar",
        "tindak": "Tindakan ditetapkan",
        "verifikasi_terima": "Diverifikasi: diterima",
        "verifikasi_kembalikan": "Diverifikasi: dikembalikan",
        "informasikan": "Hasil disampaikan",
        "banding": "Banding diajukan",
        "koreksi": "Koreksi data",
    },
    "validasi": {"benar": "Benar", "tidak_benar": "Tidak benar"},
    "verifikasi": {"terima": "Diterima", "kembalikan": "Dikembalikan untuk perbaikan"},
}

_kunci = threading.Lock()
_lingkungan: dict[Path | None, Any] = {}


# --------------------------------------------------------------------------- text


def _bidi(teks: str) -> bool:
    """True when ``teks`` has right-to-left letters or explicit bidi controls."""
    if teks.isascii():  # the common case, at C speed: nothing at or above U+0590
        return False
    return any(
        unicodedata.bidirectional(c) in ("R", "AL", "RLE", "RLO", "LRE", "LRO", "RLI", "LRI", "FSI", "PDF", "PDI")
        for c in teks
        if ord(c) >= 0x0590
    )


def _baris(nilai: Any) -> list[str]:
    """``nilai`` as text lines: control characters dropped, tabs as spaces, outer blank lines gone."""
    teks = "" if nilai is None else str(nilai)
    if teks.isprintable():  # the common case, at C speed: one line, no control character, no tab
        return [teks.rstrip()] if teks.strip() else []
    baris = []
    for b in teks.splitlines():
        b = "".join(
            " " if c == "\t" else c
            for c in b
            if c == "\t" or unicodedata.category(c) != "Cc"
        )
        baris.append(b.rstrip())
    while baris and not baris[0].strip():
        baris.pop(0)
    while baris and not baris[-1].strip():
        baris.pop()
    # At most one empty line in a row (a paragraph break).
    hasil: list[str] = []
    for b in baris:
        if b.strip() or (hasil and hasil[-1].strip()):
            hasil.append(b if b.strip() else "")
    return hasil


_MD_KHUSUS = frozenset("\\`*_[]<>|~&#$")
_MD_ESCAPE = str.maketrans({c: "\\" + c for c in _MD_KHUSUS})
_MD_AWAL = frozenset("-+=")


def _md_baris(b: str) -> str:
    keluar = b.strip().translate(_MD_ESCAPE)
    # Block markers only count at the start of a line and before a space (or alone):
    # "- a", "+ a", "1. a", "1) a", "===". Escape them there, nowhere else.
    awal = keluar[:1]
    if not ("0" <= awal <= "9" or awal in _MD_AWAL):  # the common case: nothing to look at
        return keluar
    if awal in _MD_AWAL and (len(keluar) == 1 or not keluar[1].isalnum()):
        keluar = "\\" + keluar
    else:
        i = 0
        while i < len(keluar) and i < 10 and keluar[i].isascii() and keluar[i].isdigit():
            i += 1
        if 0 < i < len(keluar) and keluar[i] in ".)" and (i + 1 == len(keluar) or keluar[i + 1] == " "):
            keluar = keluar[:i] + "\\" + keluar[i:]
    return keluar


def md(nilai: Any) -> str:
    """``nilai`` as literal GFM text on one line, safe inside a table cell (see module doc)."""
    if _markup(nilai):
        return str(nilai)
    return _md_teks("" if nilai is None else str(nilai))


@lru_cache(maxsize=1 << 14)
def _md_teks(teks: str) -> str:
    """md() of a plain string. Cached: a recap repeats most of its cells (dates, statuses,
    media, remarks) tens of thousands of times."""
    if teks.isprintable():  # one line (see _baris), at C speed
        keluar = _md_baris(teks) if teks.strip() else ""
    else:
        keluar = "<br>".join(_md_baris(b) for b in _baris(teks))
    if _bidi(keluar):
        keluar = "\u2068" + keluar + "\u2069"
    return keluar


def _tanpa_kendali(teks: str) -> str:
    """``teks`` without control characters other than newline and tab."""
    if teks.isprintable() or all(c.isprintable() or c in "\n\t" for c in teks):
        return teks
    return "".join(c for c in teks if c in "\n\t" or unicodedata.category(c) != "Cc")


def _markup(nilai: Any) -> bool:
    return hasattr(nilai, "__html__")


def teks_html(nilai: Any) -> Any:
    """``nilai`` escaped for HTML, newlines as ``<br>``, RTL text in ``<bdi>`` (a Markup)."""
    if _markup(nilai):
        return nilai
    return _teks_html("" if nilai is None else str(nilai))


@lru_cache(maxsize=1 << 14)
def _teks_html(teks: str) -> Any:
    """teks_html() of a plain string, cached like _md_teks."""
    from markupsafe import Markup, escape

    if teks.isprintable():  # one line (see _baris), at C speed
        isi = escape(teks.strip())
        return Markup("<bdi>") + isi + Markup("</bdi>") if _bidi(teks) else isi
    baris = _baris(teks)
    isi = Markup("<br>\n").join(escape(b.strip()) for b in baris)
    if _bidi("\n".join(baris)):
        isi = Markup("<bdi>") + isi + Markup("</bdi>")
    return isi


def _finalize_buat():
    from jinja2 import Undefined, pass_eval_context
    from markupsafe import Markup

    @pass_eval_context
    def finalize(eval_ctx: Any, nilai: Any) -> Any:
        if nilai is None or isinstance(nilai, Undefined):
            return ""
        if isinstance(nilai, Markup):
            return nilai
        if eval_ctx.autoescape:
            # HTML: autoescape runs after this; only drop control characters.
            return _tanpa_kendali(nilai) if isinstance(nilai, str) else nilai
        return md(nilai)

    return finalize


# --------------------------------------------------------------------------- filters


def label(kode: Any, jenis: str) -> str:
    """The form label of an archive code (``"fax"``, ``"media"`` -> ``"Faksimile"``); unknown codes as they are."""
    if kode is None or kode == "":
        return ""
    return LABEL.get(jenis, {}).get(str(kode), str(kode).replace("_", " ").capitalize())


def urutkan(hitungan: dict[str, Any] | None, jenis: str | None = None) -> list[tuple[str, Any]]:
    """Items of a count dict: known codes in form order, then the rest by count (desc), name."""
    if not hitungan:
        return []
    urutan = list(LABEL.get(jenis or "", {}))
    dikenal = [(k, hitungan[k]) for k in urutan if k in hitungan]
    lain = sorted(
        ((k, v) for k, v in hitungan.items() if k not in urutan),
        key=lambda kv: (-(kv[1] if isinstance(kv[1], (int, float)) else 0), str(kv[0])),
    )
    return dikenal + lain


def angka(nilai: Any, desimal: int = 0) -> str:
    """A number the Indonesian way: ``1234.5 -> "1.234,5"``; None -> ``""``."""
    if nilai is None or nilai == "":
        return ""
    try:
        x = float(nilai)
    except (TypeError, ValueError):
        return str(nilai)
    teks = f"{x:,.{desimal}f}"
    return teks.replace(",", "\0").replace(".", ",").replace("\0", ".")


def persen(bagian: Any, total: Any) -> str:
    """``persen(9, 10) -> "90,0%"``; an empty total gives ``"—"``."""
    try:
        if not total:
            return "—"
        return angka(100.0 * float(bagian) / float(total), 1) + "%"
    except (TypeError, ValueError):
        return "—"


def durasi(menit: Any) -> str:
    """Working minutes as words: ``75 -> "1 jam 15 menit"``, ``0.4 -> "< 1 menit"``."""
    if menit is None or menit == "":
        return ""
    try:
        m = float(menit)
    except (TypeError, ValueError):
        return str(menit)
    if m < 1:
        return "< 1 menit"
    total = int(round(m))
    j, s = divmod(total, 60)
    if not j:
        return f"{s} menit"
    return f"{j} jam" + (f" {s} menit" if s else "")


def nip(nilai: Any) -> str:
    """An 18-digit NIP grouped as printed on official documents: ``19820314 200604 2 001``."""
    teks = "" if nilai is None else str(nilai).strip()
    angka_saja = teks.replace(" ", "")
    if len(angka_saja) == 18 and angka_saja.isdigit():
        a = angka_saja
        return f"{a[:8]} {a[8:14]} {a[14]} {a[15:]}"
    return teks


def _batas_banding(pengaturan: dict[str, Any]) -> str:
    """``"15 hari"`` -> ``"15 (lima belas) hari kerja"``; ``"15 hari kalender"`` likewise."""
    batas = str(pengaturan.get("banding", {}).get("batas", "15 hari")).split()
    try:
        n = int(batas[0])
    except (IndexError, ValueError):
        return " ".join(batas)
    jenis = "hari kalender" if "kalender" in batas else "hari kerja"
    return f"{n} ({_tgl.terbilang(n)}) {jenis}"


def _penanda(pengaturan: dict[str, Any]):
    """``pejabat(kunci, nama=None)`` for templates: {jabatan, nama, nip} of a signature block.

    Without ``nama`` it is the official configured under ``kunci``. With ``nama`` (the
    person recorded in the archive) that name is shown and the NIP is looked up among
    the configured officials by name. Unknown key -> the key as the title, no name.
    """
    daftar = pengaturan.get("pejabat", {}) or {}

    def pejabat(kunci: str, nama: str | None = None, jabatan: str | None = None) -> dict[str, str]:
        p = daftar.get(kunci) or {}
        hasil = {
            "jabatan": jabatan or p.get("jabatan") or kunci.replace("_", " ").title(),
            "nama": p.get("nama", "") or "",
            "nip": p.get("nip", "") or "",
        }
        if nama:
            hasil["nama"] = nama
            hasil["nip"] = next(
                (q.get("nip", "") or "" for q in daftar.values() if q.get("nama") and q.get("nama") == nama),
                "",
            )
        return hasil

    return pejabat


# --------------------------------------------------------------------------- environment


def _folder_paket() -> Path:
    """The packaged templates: ``keluhan/templates`` when installed, ``templates/`` in the repo."""
    dalam = Path(__file__).resolve().parent / "templates"
    if dalam.is_dir():
        return dalam
    return Path(__file__).resolve().parent.parent / "templates"


def _env(templat_dir: Path | None):
    """The Jinja environment for ``templat_dir`` (built once, then reused)."""
    kunci = templat_dir.resolve() if templat_dir is not None else None
    with _kunci:
        env = _lingkungan.get(kunci)
        if env is not None:
            return env
        from jinja2 import Environment, FileSystemLoader, select_autoescape

        jalur = [str(_folder_paket())]
        if kunci is not None:
            jalur.insert(0, str(kunci))
        env = Environment(
            loader=FileSystemLoader(jalur, encoding="utf-8"),
            autoescape=select_autoescape(enabled_extensions=("html.j2", "html", "htm"), default=False, default_for_string=False),
            finalize=_finalize_buat(),
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            auto_reload=False,
        )
        env.filters.update(
            tanggal=_tgl.tanggal,
            tanggal_waktu=_tgl.tanggal_waktu,
            hari=_tgl.hari,
            hari_tanggal=_tgl.hari_tanggal,
            jam=_tgl.jam,
            bulan_romawi=_tgl.bulan_romawi,
            nama_bulan=_tgl.nama_bulan,
            terbilang=_tgl.terbilang,
            md=_filter_md(),
            teks=_filter_teks(),
            css=teks_css,
            label=label,
            urutkan=urutkan,
            angka=angka,
            persen=persen,
            durasi=durasi,
            nip=nip,
        )
        env.globals.update(LABEL=LABEL, persen=persen, urutkan=urutkan)
        _lingkungan[kunci] = env
        return env


def _filter_md():
    """``|md``: Markdown-escaped text; in an HTML template plain text (autoescape follows)."""
    from jinja2 import pass_eval_context
    from markupsafe import Markup

    @pass_eval_context
    def f(eval_ctx: Any, nilai: Any) -> Any:
        if nilai is None:
            return ""
        return md(nilai) if eval_ctx.autoescape else Markup(md(nilai))

    return f


def _filter_teks():
    """``|teks``: customer prose. HTML: escaped, newlines ``<br>``, RTL in ``<bdi>``. Markdown: ``md()``."""
    from jinja2 import pass_eval_context
    from markupsafe import Markup

    @pass_eval_context
    def f(eval_ctx: Any, nilai: Any) -> Any:
        if nilai is None:
            return ""
        return teks_html(nilai) if eval_ctx.autoescape else Markup(md(nilai))

    return f


def teks_css(nilai: Any) -> Any:
    """``nilai`` as the inside of a CSS string (``content: "..."``), safe in ``<style>``."""
    from markupsafe import Markup

    keluar = []
    for c in _tanpa_kendali("" if nilai is None else str(nilai)):
        if c.isalnum() and c.isascii() or c in " .,:;/-_()":
            keluar.append(c)
        else:
            keluar.append(f"\\{ord(c):x} ")
    return Markup("".join(keluar))


# --------------------------------------------------------------------------- render


def _lengkapi(bawaan: dict[str, Any], atas: dict[str, Any]) -> dict[str, Any]:
    """``atas`` over ``bawaan``, recursively, so a partial settings dict still renders."""
    hasil = copy.deepcopy(bawaan)
    for k, v in (atas or {}).items():
        if isinstance(v, dict) and isinstance(hasil.get(k), dict):
            hasil[k] = _lengkapi(hasil[k], v)
        else:
            hasil[k] = v
    return hasil


def _konteks(jenis: str, data: dict[str, Any], pengaturan: dict[str, Any]) -> dict[str, Any]:
    from keluhan.pengaturan import BAWAAN
    from keluhan.workflow import LANGKAH

    p = _lengkapi(BAWAAN, pengaturan)
    formulir = p.get("formulir", {})
    kode = formulir.get(_KODE[jenis], "") if jenis in _KODE else ""
    tindakan = sorted(data.get("tindakan") or [], key=lambda t: t.get("putaran") or 0) if jenis != "rekap" else []
    diterima = next((t for t in reversed(tindakan) if t.get("verifikasi") == "terima"), None)
    riwayat = (data.get("riwayat") or []) if jenis != "rekap" else []
    kolom_waktu = any(any(r.get(k) is not None for k in ("durasi_menit", "mutu_baku", "patuh")) for r in riwayat)
    return {
        "jenis": jenis,
        "judul": JUDUL[jenis],
        "data": data,
        "pengaturan": p,
        "unit": p.get("unit", {}),
        "kode_formulir": kode,
        "revisi": formulir.get("revisi", ""),
        "tindakan": tindakan,
        "tindakan_diterima": diterima,
        "tindakan_terakhir": tindakan[-1] if tindakan else None,
        "dikembalikan": sum(1 for t in tindakan if t.get("verifikasi") == "kembalikan"),
        "riwayat": riwayat,
        "riwayat_waktu": kolom_waktu,
        "batas_banding": _batas_banding(p),
        "pejabat": _penanda(p),
        "langkah_sop": {str(n): {"nama": l.nama, "pelaksana": l.pelaksana} for n, l in LANGKAH.items()},
        "mutu_baku": {k.removeprefix("langkah_"): v for k, v in p.get("mutu_baku", {}).items()},
    }


def nama_templat(jenis: str, format: str = "md") -> str:
    """The template file for a form: ``nama_templat("fpkp", "html") -> "fpkp.html.j2"``."""
    return f"{jenis}.{format}.j2"


def render(
    jenis: str,
    data: dict[str, Any],
    pengaturan: dict[str, Any],
    *,
    format: str = "md",
    templat_dir: Path | None = None,
) -> str:
    """One form as Markdown or self-contained HTML.

    ``jenis``: fpkp, ftkp, tanda-terima, surat-hasil (``data`` = ``lihat ID --json``)
    or rekap (``data`` = the recap dict). ``templat_dir``: a folder whose templates take
    precedence over the packaged ones (None = packaged only); it must exist, so pass the
    archive-side ``templates/`` only when it does. Raises ``GalatMasukan`` for an
    unknown form or format, a missing folder, or a broken override template.
    """
    return "".join(render_potongan(jenis, data, pengaturan, format=format, templat_dir=templat_dir))


def render_potongan(
    jenis: str,
    data: dict[str, Any],
    pengaturan: dict[str, Any],
    *,
    format: str = "md",
    templat_dir: Path | None = None,
) -> Iterator[str]:
    """``render``'s text in pieces as the template produces them, for a document too big to
    hold whole (a year's recap). The arguments are checked at once; a template that
    fails while filling raises ``GalatMasukan`` from the iteration."""
    if jenis not in JENIS:
        raise GalatMasukan(f"Jenis formulir tidak dikenal: '{jenis}' (pilih: {', '.join(JENIS)}).")
    if format not in FORMAT:
        raise GalatMasukan(f"Format formulir tidak dikenal: '{format}' (pilih: {', '.join(FORMAT)}).")
    if not isinstance(data, dict):
        raise GalatMasukan("Data formulir harus berupa objek (dict).")
    if templat_dir is not None:
        templat_dir = Path(templat_dir)
        if not templat_dir.is_dir():
            raise GalatMasukan(f"Folder templat tidak ditemukan: {templat_dir}.")
    env = _env(templat_dir)
    return _potongan(env, jenis, format, data, pengaturan)


def _potongan(env: Any, jenis: str, format: str, data: dict[str, Any], pengaturan: dict[str, Any]) -> Iterator[str]:
    from jinja2 import TemplateError, TemplateNotFound, TemplateSyntaxError

    nama = nama_templat(jenis, format)
    try:
        templat = env.get_template(nama)
        yield from templat.generate(_konteks(jenis, data, pengaturan or {}))
    except TemplateSyntaxError as e:
        raise GalatMasukan(
            f"Templat {e.filename or e.name or nama} baris {e.lineno} tidak sah: {e.message}."
        ) from None
    except TemplateNotFound as e:
        raise GalatMasukan(f"Templat tidak ditemukan: {e.name}.") from None
    except TemplateError as e:
        raise GalatMasukan(f"Templat {nama} gagal diisi: {e}.") from e
