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

Templates are data, not code, whoever wrote them: every template (the package's and a
Balai's override folder alike) runs in ``Lingkungan``, a subclass of Jinja's
``ImmutableSandboxedEnvironment``:

* an unsafe attribute (``_``-prefixed or dunder: ``''.__class__``, ``cycler.__init__``,
  ``lipsum.__globals__``, ``self._TemplateReference__context``; a method that changes a
  list, dict or set) RAISES instead of rendering as empty, as the stock sandbox does;
* ``*``, ``**`` and ``%`` (and the ``|format`` filter) refuse a result that would be huge:
  a string or list of more than ``MAKS_PANJANG`` items, an integer of more than
  ``MAKS_BIT`` bits, a ``%`` field wider than ``MAKS_PANJANG``; ``range`` is the
  sandbox's (at most 100 000 items);
* a ``namespace()`` holds no string or list longer than ``MAKS_PANJANG`` (a loop that
  doubles one is stopped);
* a template is read only from inside its folder (a link pointing out is refused).

A refused or failing template is one ``GalatMasukan`` naming the template file and line
where it happened; nothing is written (``--keluar`` removes its temporary file). The
sandbox does not bound time: a person who may write the override folder can still make
a render slow (docs/jaminan.md).

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
from keluhan.galat import GalatMasukan, sebab_baca

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
        "batal": "Dibatalkan",
    },
    # The outcome of validation (step 3) as of the recap's period end: kept apart from
    # the status, which becomes "selesai" once the customer is informed.
    "hasil": {
        "valid": "Valid",
        "tidak_valid": "Tidak valid",
        "batal": "Batal",
        "belum_divalidasi": "Belum divalidasi",
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
        "putusan_diterima": "Banding diputus diterima: putaran tindakan baru",
        "putusan_ditolak": "Banding diputus ditolak: penanganan selesai",
        "batal": "Keluhan dibatalkan (salah catat)",
        "koreksi": "Koreksi data",
        "kabari": "Kabar kemajuan disampaikan kepada pelanggan",
        "lampirkan": "Berkas bukti dilampirkan",
        "kaitkan": "Dikaitkan dengan keluhan lain yang terkait",
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
        "putusan_diterima": "Banding diterima",
        "putusan_ditolak": "Banding ditolak",
        "batal": "Dibatalkan",
        "koreksi": "Koreksi data",
        "kabari": "Kabar kemajuan",
        "lampirkan": "Lampiran",
        "kaitkan": "Dikaitkan",
    },
    "validasi": {"benar": "Benar", "tidak_benar": "Tidak benar"},
    "verifikasi": {"terima": "Diterima", "kembalikan": "Dikembalikan untuk perbaikan"},
}

# Bounds on what one operator in a template may produce (see the module doc).
MAKS_PANJANG = 1_000_000
MAKS_BIT = 100_000

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


def lupakan_sel() -> None:
    """Empty the cells' caches (``_md_teks``, ``_teks_html``): after a month's recap at 1M they hold ~30 MB of
    its customers' texts, which a writer keeping that month (keluhan/rekap_bulan.py) lets go first."""
    _md_teks.cache_clear()
    _teks_html.cache_clear()


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


# The recap's key for "no value given" (rekap.TIDAK_DIISI) in any breakdown, as a word.
_TIDAK_DIISI = {"tidak_diisi": "Tidak diisi"}


def label(kode: Any, jenis: str | None = None) -> str:
    """The form label of an archive code (``"fax"``, ``"media"`` -> ``"Faksimile"``); unknown codes
    of a code list as words (``"x_y"`` -> ``"X y"``). Without ``jenis`` (free text such as a
    category or a team's name) the value as it is, except the recap's ``tidak_diisi``."""
    if kode is None or kode == "":
        return ""
    teks = str(kode)
    if teks in _TIDAK_DIISI:
        return _TIDAK_DIISI[teks]
    if jenis is None:
        return teks
    return LABEL.get(jenis, {}).get(teks, teks.replace("_", " ").capitalize())


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


def _penanda(pengaturan: dict[str, Any], data: dict[str, Any] | None = None):
    """``pejabat(kunci, nama=None)`` and ``pelaksana(nama, waktu, jabatan)`` for templates:
    {jabatan, nama, nip, menurut_pengaturan} of a signature block.

    ``pelaksana``: the officer who performed a step (the name and time the record holds):
    NIP and jabatan from the officer register as it stood then (``lihat --json`` gives
    each event's ``petugas_nip``/``petugas_jabatan``), else the NIP of a configured official
    of exactly that name; no name = a blank line to sign, never someone else's name.
    ``pejabat(kunci)``: the official the settings name under ``kunci`` for an approval the
    record does not hold, marked ``menurut_pengaturan`` when a name is printed.
    ``pejabat(kunci, nama)`` is ``pelaksana(nama)`` under that official's title (older
    override templates). Unknown key -> the key as the title, no name.
    """
    daftar = pengaturan.get("pejabat", {}) or {}
    riwayat = (data or {}).get("riwayat") or []

    def jabatan_dari(kunci: str | None, jabatan: str | None) -> str:
        p = daftar.get(kunci) or {} if kunci else {}
        return jabatan or p.get("jabatan") or (kunci.replace("_", " ").title() if kunci else "")

    def pelaksana(nama: str | None, waktu: str | None = None, jabatan: str | None = None,
                  kunci: str | None = None) -> dict[str, Any]:
        hasil: dict[str, Any] = {"jabatan": jabatan_dari(kunci, jabatan), "nama": nama or "", "nip": "",
                                 "menurut_pengaturan": False}
        if not nama:
            return hasil
        dikenal = [r for r in riwayat if r.get("petugas") == nama and r.get("petugas_nip")]
        tepat = [r for r in dikenal if waktu and r.get("waktu") == waktu]
        sebelum = [r for r in dikenal if waktu and str(r.get("waktu") or "") <= waktu]
        r = (tepat or sebelum or dikenal or [None])[-1]
        if r is not None:
            hasil["nip"] = r["petugas_nip"]
            hasil["jabatan"] = r.get("petugas_jabatan") or hasil["jabatan"]
            return hasil
        hasil["nip"] = next(
            (q.get("nip", "") or "" for q in daftar.values() if q.get("nama") and q.get("nama") == nama), "")
        return hasil

    def pejabat(kunci: str, nama: str | None = None, jabatan: str | None = None) -> dict[str, Any]:
        if nama:
            return pelaksana(nama, None, jabatan, kunci)
        p = daftar.get(kunci) or {}
        nama_ = p.get("nama", "") or ""
        return {"jabatan": jabatan_dari(kunci, jabatan), "nama": nama_, "nip": p.get("nip", "") or "",
                "menurut_pengaturan": bool(nama_)}

    return pejabat, pelaksana


def nama_tim(tim: str | None) -> str:
    """A Tim Teknis as a signature's title: "Tim Teknis Laboratorium Pengujian", but
    "Tim Inspeksi" as it is (the template once printed "Tim Teknis Tim Inspeksi")."""
    tim = " ".join((tim or "").split())
    if not tim:
        return "Tim Teknis"
    return tim if tim.casefold().startswith("tim ") or tim.casefold() == "tim" else f"Tim Teknis {tim}"


# --------------------------------------------------------------------------- environment


def _folder_paket() -> Path:
    """The packaged templates: ``keluhan/templates`` when installed, ``templates/`` in the repo."""
    dalam = Path(__file__).resolve().parent / "templates"
    if dalam.is_dir():
        return dalam
    return Path(__file__).resolve().parent.parent / "templates"


def _panjang(x: Any) -> int | None:
    """The length of a sequence that ``*`` repeats (str, list, tuple, bytes), else None."""
    return len(x) if isinstance(x, (str, list, tuple, bytes, bytearray)) else None


def _periksa_kali(kiri: Any, kanan: Any) -> None:
    """Refuse ``kiri * kanan`` when it would be a huge sequence or integer."""
    for seq, n in ((kiri, kanan), (kanan, kiri)):
        panjang = _panjang(seq)
        if panjang is not None and isinstance(n, int):
            if panjang * max(n, 0) > MAKS_PANJANG:
                raise _galat_aman(f"hasil perkalian terlalu panjang (lebih dari {MAKS_PANJANG} karakter/butir)")
            return
    if isinstance(kiri, int) and isinstance(kanan, int) and kiri.bit_length() + kanan.bit_length() > MAKS_BIT:
        raise _galat_aman(f"hasil perkalian terlalu besar (lebih dari {MAKS_BIT} bit)")


def _periksa_pangkat(kiri: Any, kanan: Any) -> None:
    """Refuse ``kiri ** kanan`` when it would be a huge integer (a float just overflows)."""
    if isinstance(kiri, int) and isinstance(kanan, int) and kanan > 0 and abs(kiri) > 1:
        if (abs(kiri).bit_length() - 1) * kanan > MAKS_BIT:
            raise _galat_aman(f"hasil pangkat terlalu besar (lebih dari {MAKS_BIT} bit)")


_FORMAT_PERSEN = None


def _periksa_format(kiri: Any, kanan: Any) -> None:
    """Refuse ``"%99999999d" % x`` (and ``|format``): a field wider than MAKS_PANJANG."""
    global _FORMAT_PERSEN
    if not isinstance(kiri, str) or "%" not in kiri:
        return
    if _FORMAT_PERSEN is None:
        import re

        _FORMAT_PERSEN = re.compile(r"%(?:\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?")
    bintang = False
    for m in _FORMAT_PERSEN.finditer(kiri):
        for lebar in m.groups():
            if lebar == "*":
                bintang = True
            elif lebar and (len(lebar) > 7 or int(lebar) > MAKS_PANJANG):
                raise _galat_aman(f"lebar format terlalu besar (lebih dari {MAKS_PANJANG})")
    if bintang:
        nilai = kanan if isinstance(kanan, tuple) else (kanan,)
        if any(isinstance(v, int) and abs(v) > MAKS_PANJANG for v in nilai):
            raise _galat_aman(f"lebar format terlalu besar (lebih dari {MAKS_PANJANG})")


def _terlalu_panjang(n: Any) -> None:
    if isinstance(n, int) and n > MAKS_PANJANG:
        raise _galat_aman(f"hasil terlalu panjang (lebih dari {MAKS_PANJANG} karakter)")


def _periksa_str_format(pola: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse ``"{:999999999}".format(x)``: a field width beyond MAKS_PANJANG, given in the
    pattern or (nested ``{:{w}}``) as an argument."""
    import re
    import string

    try:
        bagian = list(string.Formatter().parse(pola))
    except ValueError:
        return  # str.format itself refuses the pattern
    for _, _, spek, _ in bagian:
        if not spek:
            continue
        for angka_ in re.findall(r"\d+", spek):
            _terlalu_panjang(int(angka_) if len(angka_) < 10 else MAKS_PANJANG + 1)
        if "{" in spek:
            for v in (*args, *kwargs.values()):
                _terlalu_panjang(v)


def _periksa_metode_str(teks: str, nama: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
    """Refuse a str method call whose result would be huge (padding, tabs, replace)."""
    if nama in ("ljust", "rjust", "center", "zfill"):
        for v in (*args, *kwargs.values()):
            _terlalu_panjang(v)
    elif nama == "expandtabs":
        for v in (*args, *kwargs.values()):
            if isinstance(v, int):
                _terlalu_panjang(v * max(teks.count("\t"), 1) + len(teks))
    elif nama == "replace" and len(args) >= 2 and isinstance(args[0], str) and isinstance(args[1], str):
        kali = teks.count(args[0]) if args[0] else len(teks) + 1
        _terlalu_panjang(len(teks) + kali * len(args[1]))


def _galat_aman(pesan: str) -> Exception:
    from jinja2.sandbox import SecurityError

    return SecurityError(pesan)


_kelas: Any = None


def _Lingkungan() -> Any:
    """The sandboxed environment class (built on first use: jinja2 is imported lazily)."""
    global _kelas
    if _kelas is not None:
        return _kelas
    from jinja2 import FileSystemLoader, TemplateNotFound
    from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

    _ATRIBUT_DICT = frozenset(dir(dict))

    class Lingkungan(ImmutableSandboxedEnvironment):
        """Jinja's immutable sandbox, made strict: unsafe access raises, big results are refused."""

        intercepted_binops = frozenset({"*", "**", "%"})

        def unsafe_undefined(self, obj: Any, attribute: str) -> Any:
            # The stock sandbox returns an Undefined that renders as '': a probe would
            # pass unnoticed. Refuse it, naming what was reached for.
            raise SecurityError(f"atribut '{attribute}' dari objek {type(obj).__name__} tidak boleh diakses "
                                "(templat adalah data, bukan kode)")

        def getattr(self, obj: Any, attribute: str) -> Any:
            # The templates read dicts (``k.nomor``) by the thousand in a recap. On a plain
            # dict an attribute can only be one of dict's own, so any other name is an item:
            # read it at once, with the same result as the sandbox's attribute-first lookup
            # and without its AttributeError and safety checks (a third of a recap's time).
            if type(obj) is dict and attribute not in _ATRIBUT_DICT:
                try:
                    return obj[attribute]
                except KeyError:
                    return self.undefined(obj=obj, name=attribute)
            return super().getattr(obj, attribute)

        def wrap_str_format(self, value: Any) -> Any:
            bungkus = super().wrap_str_format(value)
            if bungkus is None:
                return None
            pola = value.__self__

            def format_terbatas(*args: Any, **kwargs: Any) -> str:
                _periksa_str_format(pola, args, kwargs)
                return bungkus(*args, **kwargs)

            return format_terbatas

        def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
            if isinstance(getattr(__obj, "__self__", None), str):
                _periksa_metode_str(__obj.__self__, getattr(__obj, "__name__", ""), args, kwargs)
            return super().call(__context, __obj, *args, **kwargs)

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "*":
                _periksa_kali(left, right)
            elif operator == "**":
                _periksa_pangkat(left, right)
            else:
                _periksa_format(left, right)
            return self.binop_table[operator](left, right)

    class Pemuat(FileSystemLoader):
        """FileSystemLoader that reads a template only from inside its own folder: a link
        in the override folder pointing elsewhere (``/etc/...``) is not followed. A packaged
        template whose text and environment match its module compiled ahead
        (keluhan/templat_buat.py) is loaded from that module instead of compiled again."""

        def get_source(self, environment: Any, template: str) -> Any:
            sumber, berkas, segar = super().get_source(environment, template)
            nyata = Path(berkas).resolve()
            if not any(nyata.is_relative_to(Path(f).resolve()) for f in self.searchpath):
                raise TemplateNotFound(template, f"{berkas} menunjuk ke luar folder templat")
            return sumber, berkas, segar

        def load(self, environment: Any, name: str, globals: Any = None) -> Any:
            sumber, berkas, segar = self.get_source(environment, name)
            kode = _terkompilasi(environment, name, sumber)
            if kode is None:
                return super().load(environment, name, globals)
            t = environment.template_class.from_code(environment, kode, environment.make_globals(globals), segar)
            t.filename = berkas
            return t

    from jinja2.utils import Namespace

    class Ruang(Namespace):
        """``namespace()``, whose values are bounded: ``{% set ns.s = ns.s ~ ns.s %}`` in a
        loop would otherwise double a string until memory runs out."""

        def __setitem__(self, name: str, value: Any) -> None:
            if _panjang(value) is not None and len(value) > MAKS_PANJANG:
                raise SecurityError(f"nilai namespace terlalu panjang (lebih dari {MAKS_PANJANG} karakter/butir)")
            super().__setitem__(name, value)

    Lingkungan.Pemuat = Pemuat  # type: ignore[attr-defined]
    Lingkungan.Ruang = Ruang  # type: ignore[attr-defined]
    _kelas = Lingkungan
    return _kelas


def sidik_lingkungan(env: Any, nama: str) -> str:
    """What a template's compiled code depends on besides its text: Jinja's version and the
    environment's settings that change code generation (keluhan/templat_buat.py)."""
    import hashlib

    import jinja2

    sifat = (jinja2.__version__, type(env).__mro__[1].__name__, sorted(type(env).intercepted_binops),
             sorted(type(env).intercepted_unops), bool(env.autoescape(nama) if callable(env.autoescape) else env.autoescape),
             env.finalize is not None, env.trim_blocks, env.lstrip_blocks, env.keep_trailing_newline,
             env.newline_sequence, env.optimized, sorted(env.extensions))
    return hashlib.sha256(repr(sifat).encode("utf-8")).hexdigest()


def _terkompilasi(env: Any, nama: str, sumber: str) -> Any:
    """The code object of packaged template ``nama`` compiled ahead, when its module's ``SUMBER``
    and ``SIDIK`` match ``sumber`` and ``env`` (None otherwise: compile it now)."""
    import hashlib
    import importlib.util

    from keluhan.templat_buat import nama_modul

    try:
        spec = importlib.util.find_spec(f"keluhan.templat_terkompilasi.{nama_modul(nama)}")
    except (ImportError, ValueError):
        return None
    if spec is None or spec.loader is None:
        return None
    kode = spec.loader.get_code(spec.name)  # type: ignore[attr-defined]
    if kode is None:
        return None
    ruang: dict[str, Any] = {"environment": env}
    exec(kode, ruang)  # noqa: S102 - our own generated module: it defines the template's functions, nothing runs
    if ruang.get("SUMBER") != hashlib.sha256(sumber.encode("utf-8")).hexdigest() or ruang.get("SIDIK") != sidik_lingkungan(env, nama):
        return None
    return kode


def _filter_center(nilai: Any, width: int = 80) -> str:
    """``|center``, bounded like ``str.center``."""
    _terlalu_panjang(width)
    return str(nilai).center(width)


def _filter_indent(nilai: Any, width: Any = 4, first: bool = False, blank: bool = False) -> Any:
    """``|indent``, bounded: lines times indent width."""
    from jinja2.filters import do_indent

    lebar = len(width) if isinstance(width, str) else width
    if isinstance(lebar, int):
        _terlalu_panjang(lebar * (str(nilai).count("\n") + 1) + len(str(nilai)))
    return do_indent(nilai, width, first, blank)


def _filter_replace(eval_ctx: Any, nilai: Any, old: Any, new: Any, count: Any = None) -> Any:
    """``|replace``, bounded like ``str.replace``."""
    from jinja2.filters import do_replace

    teks = str(nilai)
    if isinstance(old, str) and isinstance(new, str):
        kali = teks.count(old) if old else len(teks) + 1
        _terlalu_panjang(len(teks) + kali * len(new))
    return do_replace(eval_ctx, nilai, old, new, count)


def _filter_format(nilai: Any, *args: Any, **kwargs: Any) -> str:
    """``|format``, with ``%``'s bounds (Jinja's own filter bypasses the operator check)."""
    from jinja2.filters import do_format

    if args and kwargs:
        return do_format(nilai, *args, **kwargs)  # Jinja refuses the mix itself
    _periksa_format(str(nilai), tuple(args) if args else kwargs)
    return do_format(nilai, *args, **kwargs)


def _env(templat_dir: Path | None):
    """The Jinja environment for ``templat_dir`` (built once, then reused)."""
    kunci = templat_dir.resolve() if templat_dir is not None else None
    with _kunci:
        env = _lingkungan.get(kunci)
        if env is not None:
            return env
        from jinja2 import select_autoescape

        jalur = [str(_folder_paket())]
        if kunci is not None:
            jalur.insert(0, str(kunci))
        Lingkungan = _Lingkungan()
        env = Lingkungan(
            loader=Lingkungan.Pemuat(jalur, encoding="utf-8"),
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
            nama_tim=nama_tim,
            format=_filter_format,
            center=_filter_center,
            indent=_filter_indent,
            replace=_filter_replace_buat(),
        )
        env.globals.update(LABEL=LABEL, persen=persen, urutkan=urutkan, namespace=Lingkungan.Ruang,
                           baris_rekap=baris_rekap)
        _lingkungan[kunci] = env
        return env


def _filter_replace_buat() -> Any:
    from jinja2 import pass_eval_context

    return pass_eval_context(_filter_replace)


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


# ------------------------------------------------------------ the recap's long tables

# A month of a big archive lists ~20 000 complaints, and Jinja spends ~20 us on each cell
# (the sandbox's attribute check, the filters, finalize, autoescape): 350-450 ms for the
# table alone (issue 17). The packaged recap templates therefore take the rows of their two
# long tables (IV/III "Daftar Keluhan" and "Keluhan Terbuka pada Akhir Periode") from
# ``baris_rekap``: the same cells as the template loops they replace wrote, each value put
# through the same filters and the same finalize/escaping, written by a format string
# ROWS_PER_PIECE rows at a time. An override template may still loop over
# ``data.keluhan`` itself (slower) or call ``baris_rekap`` and shape everything around the
# rows (docs/cetakan.md). tests/test_formulir_rekap_cepat.py holds the rows to the loops.

BARIS_SEPOTONG = 500

_BARIS = {
    ("keluhan", "html"): (
        "  <tr>\n    <td class=\"tengah\">{}</td>\n    <td>{}</td>\n    <td>{}</td>\n    <td>{}</td>\n"
        "    <td>{}</td>\n    <td>{}</td>\n    <td>{}</td>\n    <td>{}</td>\n    <td class=\"kanan\">{}</td>\n"
        "    <td>{}</td>\n    <td>{}</td>\n  </tr>\n"),
    ("keluhan", "md"): "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
    ("terbuka", "html"): (
        "  <tr>\n    <td class=\"tengah\">{}</td>\n    <td>{}</td>\n    <td>{}</td>\n    <td>{}</td>\n"
        "    <td>{}</td>\n    <td>{}</td>\n  </tr>\n"),
    ("terbuka", "md"): "| {} | {} | {} | {} | {} | {} |\n",
    ("berulang", "html"): (
        "  <tr>\n    <td class=\"tengah\">{}</td>\n    <td>{}</td>\n    <td>{}</td>\n    <td>{}</td>\n"
        "    <td>{}</td>\n  </tr>\n"),
    ("berulang", "md"): "| {} | {} | {} | {} | {} |\n",
}


def _sel_html(nilai: Any) -> str:
    """What ``{{ nilai }}`` writes in an HTML template (finalize, then autoescape)."""
    if nilai is None:
        return ""
    if _markup(nilai):
        return str(nilai)
    return str(_escape()(_tanpa_kendali(nilai) if isinstance(nilai, str) else nilai))


@lru_cache(maxsize=1)
def _escape() -> Any:
    from markupsafe import escape

    return escape


def _sel_md(nilai: Any) -> str:
    """What ``{{ nilai }}`` writes in a Markdown template (finalize: ``md()``)."""
    return "" if nilai is None else md(nilai)


def _hari(nilai: Any) -> str:
    """``k.hari_kerja|angka(1 if k.hari_kerja is number and k.hari_kerja % 1 else 0)``."""
    from numbers import Number

    return angka(nilai, 1 if isinstance(nilai, Number) and nilai % 1 else 0)  # type: ignore[operator]


def baris_rekap(tabel: str, daftar: Any, format: str) -> Iterator[Any]:
    """The rows of one of the recap's long tables (``keluhan``, ``terbuka`` or ``berulang``) for ``daftar``,
    as the packaged templates print them, in pieces of BARIS_SEPOTONG rows (Markup)."""
    from markupsafe import Markup

    tersimpan = getattr(daftar, "baris", None)  # a closed month's kept recap (keluhan/rekap_bulan.py): rows as kept
    if callable(tersimpan) and (teks_tersimpan := tersimpan(format)) is not None:
        if teks_tersimpan:
            yield Markup(teks_tersimpan)
        return
    baris = _BARIS[(tabel, format)]
    html = format == "html"
    sel = _sel_html if html else _sel_md
    escape = _escape()

    def polos(v: Any) -> str:  # ``{{ v }}`` of a plain cell
        if v is None:
            return ""
        if type(v) is str:
            return str(escape(_tanpa_kendali(v))) if html else _md_teks(v)
        return sel(v)

    def teks(v: Any) -> str:  # ``{{ v|teks }}``
        if v is None:
            return ""
        return str(teks_html(v)) if html else _sel_md(v)

    tanggal: dict[Any, str] = {}

    def tgl(v: Any) -> str:  # ``{{ v|tanggal }}``: a stored time's date part decides it
        kunci = v[:10] if isinstance(v, str) else v
        hasil = tanggal.get(kunci)
        if hasil is None:
            hasil = tanggal[kunci] = sel(_tgl.tanggal(v))
        return hasil

    label_media: dict[Any, str] = {}
    label_status: dict[Any, str] = {}

    def lbl(simpan: dict[Any, str], v: Any, jenis: str) -> str:
        hasil = simpan.get(v)
        if hasil is None:
            hasil = simpan[v] = sel(label(v, jenis))
        return hasil

    potong: list[str] = []
    for i, k in enumerate(daftar or (), start=1):
        if tabel == "berulang":  # a repeat: its newest earlier complaints (and how many more), its links
            sebelumnya = k.get("sebelumnya") or ()
            dulu = "; ".join(f"{polos(e.get('nomor'))} ({tgl(e.get('dicatat'))}; {polos(', '.join(map(str, e.get('sebab') or ())))} sama)"
                             for e in sebelumnya)
            if k.get("jumlah_sebelumnya", 0) > len(sebelumnya):
                dulu += f"; dan {sel(k['jumlah_sebelumnya'] - len(sebelumnya))} lainnya"
            kait = "; ".join(f"{polos(x.get('nomor'))}: {teks(x.get('alasan')) if html else polos(x.get('alasan'))}"
                             for x in k.get("kaitan") or ())
            potong.append(baris.format(i, polos(k.get("nomor")), tgl(k.get("dicatat")), dulu, kait))
        elif tabel == "keluhan":
            potong.append(baris.format(
                i, polos(k.get("nomor")), tgl(k.get("dicatat")), teks(k.get("nama")),
                lbl(label_media, k.get("media"), "media"), teks(k.get("uraian_singkat")), teks(k.get("tindakan")),
                tgl(k.get("selesai")), polos(_hari(k.get("hari_kerja"))), lbl(label_status, k.get("status"), "status"),
                teks(k.get("keterangan"))))
        else:
            ket = k.get("keterangan")
            if ket:
                akhir = teks(ket)
            elif k.get("langkah_berikutnya"):
                akhir = "Menunggu langkah " + polos(k.get("langkah_berikutnya"))
            else:
                akhir = ""
            potong.append(baris.format(
                i, polos(k.get("nomor")), tgl(k.get("dicatat")), teks(k.get("nama")),
                lbl(label_status, k.get("status"), "status"), akhir))
        if len(potong) >= BARIS_SEPOTONG:
            yield Markup("".join(potong))
            potong = []
    if potong:
        yield Markup("".join(potong))


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


MAKS_LOGO = 1 << 20


def logo_data_uri(jalur: Any) -> str:
    """The letterhead's logo (``unit.logo``: a PNG or SVG file) as a ``data:`` URI, so the form
    stays one self-contained file; ``""`` when none is set. A missing, oversized or other
    kind of file is one ``GalatMasukan`` naming the setting."""
    import base64

    teks = "" if jalur is None else str(jalur).strip()
    if not teks:
        return ""
    berkas = Path(teks)
    try:
        with berkas.open("rb") as f:
            isi = f.read(MAKS_LOGO + 1)
    except OSError as e:
        raise GalatMasukan(f"Logo kop (unit.logo) tidak dapat dibaca: {berkas} ({sebab_baca(e)}).") from None
    if len(isi) > MAKS_LOGO:
        raise GalatMasukan(f"Logo kop (unit.logo) terlalu besar: {berkas} (paling besar 1 MB).")
    if isi.startswith(b"\x89PNG\r\n\x1a\n"):
        jenis = "image/png"
    elif b"<svg" in isi[:4096].lower() and not isi.startswith(b"\x00"):
        jenis = "image/svg+xml"
    else:
        raise GalatMasukan(f"Logo kop (unit.logo) harus berkas PNG atau SVG: {berkas}.")
    return f"data:{jenis};base64,{base64.b64encode(isi).decode('ascii')}"


def _dengan_tinjauan(tindakan: list[dict[str, Any]], riwayat: list[dict[str, Any]],
                    tertunda: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each CAPA round with its effectiveness reviews (``tinjauan``: result, follow-up,
    note, reviewer, when, the day it was due, early?) and the day its pending one is due
    (``jatuh_tempo_tinjauan``), for the FTKP."""
    jatuh = {x["putaran"]: x["jatuh_tempo"] for x in tertunda}
    hasil = []
    for t in tindakan:
        tinjauan = [
            {"hasil": r["rincian"].get("hasil"), "tindak_lanjut": r["rincian"].get("tindak_lanjut"),
             "catatan": r["rincian"].get("catatan"), "petugas": r["petugas"], "waktu": r["waktu"],
             "jatuh_tempo": (r.get("efektivitas") or {}).get("jatuh_tempo"),
             "dini": bool((r.get("efektivitas") or {}).get("dini"))}
            for r in riwayat if r.get("aksi") == "efektivitas" and r["rincian"].get("putaran") == t.get("putaran")
        ]
        hasil.append(dict(t, tinjauan=tinjauan, jatuh_tempo_tinjauan=jatuh.get(t.get("putaran"))))
    return hasil


def banding_diterima(data: dict[str, Any]) -> bool:
    """An accepted appeal whose new handling runs (steps 4-5 again, no verified result yet):
    its surat hasil is the letter of the decision itself (templates/surat-hasil.*); the new
    outcome gets its own letter once verified."""
    return data.get("putusan") == "diterima" and data.get("status") in ("divalidasi", "ditindaklanjuti")


def _konteks(jenis: str, data: dict[str, Any], pengaturan: dict[str, Any]) -> dict[str, Any]:
    from keluhan.pengaturan import BAWAAN
    from keluhan.workflow import LANGKAH

    p = _lengkapi(BAWAAN, pengaturan)
    formulir = p.get("formulir", {})
    kode = formulir.get(_KODE[jenis], "") if jenis in _KODE else ""
    tindakan = sorted(data.get("tindakan") or [], key=lambda t: t.get("putaran") or 0) if jenis != "rekap" else []
    riwayat = (data.get("riwayat") or []) if jenis != "rekap" else []
    tindakan = _dengan_tinjauan(tindakan, riwayat, data.get("tinjauan_efektivitas") or [])
    diterima = next((t for t in reversed(tindakan) if t.get("verifikasi") == "terima"), None)
    penanda = _penanda(p, data if jenis != "rekap" else None)
    kolom_waktu = any(any(r.get(k) is not None for k in ("durasi_menit", "mutu_baku", "patuh")) for r in riwayat)
    return {
        "jenis": jenis,
        "judul": JUDUL[jenis],
        "data": data,
        "pengaturan": p,
        "unit": p.get("unit", {}),
        "logo": logo_data_uri(p.get("unit", {}).get("logo")),
        "kode_formulir": kode,
        "revisi": formulir.get("revisi", ""),
        "tindakan": tindakan,
        "tindakan_diterima": diterima,
        "tindakan_terakhir": tindakan[-1] if tindakan else None,
        "dikembalikan": sum(1 for t in tindakan if t.get("verifikasi") == "kembalikan"),
        "riwayat": riwayat,
        "riwayat_waktu": kolom_waktu,
        "batas_banding": _batas_banding(p),
        "banding_diterima": banding_diterima(data),
        "pejabat": penanda[0],
        "pelaksana": penanda[1],
        "langkah_sop": {str(n): {"nama": l.nama, "pelaksana": l.pelaksana} for n, l in LANGKAH.items()},
        # The recap's own standards (in force at its period's end, as of its anchor) win over
        # today's settings: a standard changed since must not be printed over old figures.
        "mutu_baku": {k.removeprefix("langkah_"): v for k, v in p.get("mutu_baku", {}).items()} | {
            n: x["mutu_baku"] for n, x in (data.get("langkah") or {}).items()
            if isinstance(x, dict) and x.get("mutu_baku")},
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
    from jinja2 import TemplateNotFound, TemplateSyntaxError
    from jinja2.sandbox import SecurityError

    nama = nama_templat(jenis, format)
    try:
        templat = env.get_template(nama)
        yield from templat.generate(_konteks(jenis, data, pengaturan or {}))
    except TemplateSyntaxError as e:
        raise GalatMasukan(
            f"Templat {e.filename or e.name or nama} baris {e.lineno} tidak sah: {e.message}."
        ) from None
    except TemplateNotFound as e:
        berkas, baris = _tempat(e, None)
        if berkas is None:
            raise GalatMasukan(f"Templat tidak ditemukan: {e.name}.") from None
        raise GalatMasukan(f"Templat {berkas} baris {baris}: templat '{e.name}' tidak ditemukan"
                           + (f" ({e.message})" if "folder templat" in (e.message or "") else "") + ".") from None
    except GalatMasukan:
        raise
    except SecurityError as e:
        berkas, baris = _tempat(e, nama)
        raise GalatMasukan(f"Templat {berkas} baris {baris} ditolak: {_sebab(e)}.") from e
    except Exception as e:  # anything a template's expression raised: its file and line, not a traceback
        berkas, baris = _tempat(e, nama)
        raise GalatMasukan(f"Templat {berkas} baris {baris} gagal diisi: {_sebab(e)}.") from e


def _tempat(e: BaseException, nama: str | None) -> tuple[str | None, int | None]:
    """The template file and line where ``e`` happened: the innermost traceback frame that
    Jinja rewrote to point into a template (``nama`` and no line when there is none)."""
    berkas, baris = nama, None
    tb = e.__traceback__
    while tb is not None:
        f = tb.tb_frame.f_code.co_filename
        if f.endswith(".j2") or f == "<template>":
            berkas, baris = f, tb.tb_lineno
        tb = tb.tb_next
    return berkas, baris


_SEBAB = (
    (r"'(.+)' is undefined", "'{0}' tidak dikenal (templat hanya melihat data formulir, tanpa modul atau fungsi Python)"),
    (r"'(.+)' has no attribute '(.+)'", "'{0}' tidak mempunyai atribut '{1}'"),
    (r"(.+) is not safely callable", "{0} tidak boleh dipanggil"),
    (r"Range too big\. .*", "range terlalu besar (paling banyak 100000 butir)"),
)


def _sebab(e: BaseException) -> str:
    """Why a template failed, in Indonesian where the cause is a known one."""
    import re

    if isinstance(e, ZeroDivisionError):
        return "pembagian dengan nol"
    pesan = str(e) or type(e).__name__
    for pola, ganti in _SEBAB:
        m = re.fullmatch(pola, pesan, re.S)
        if m:
            return ganti.format(*m.groups())
    return pesan if str(e) else type(e).__name__
