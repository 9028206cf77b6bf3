"""Forms and recaps as PDF/A-3b (``--format pdf``), through WeasyPrint.

The PDF is the form's own HTML (the same template, ``formulir.render(..., "html")``)
laid out by WeasyPrint: A4 (the recap landscape), fonts embedded (WeasyPrint always
embeds the subset it uses), and PDF/A-3b, with what WeasyPrint's documentation says the
variant needs: ``pdf_variant="pdf/a-3b"``, a file identifier (``pdf_identifier``: the
same for every version of one document, so a re-print is known as one), the sRGB output
intent (``output_intent``) and the XMP metadata WeasyPrint writes for the variant. The
record's JSON travels inside the file (``attachments``, relationship ``Data``), so the
printed copy is also the archival one: for a form sent to the customer (tanda terima,
surat hasil) only what the letter itself tells the customer, never the internal notes,
the history or the officers' hashes.

WeasyPrint is an optional dependency (``pip install 'keluhan[pdf]'``): it needs Pango, a
C library (Debian/Ubuntu: ``apt-get install libpango-1.0-0 libpangoft2-1.0-0``; Windows:
docs/pdf.md), and most clerks print Markdown or HTML. Without it, or without Pango, the
command says so in one line. A template can fetch nothing while the PDF is made: only
``data:`` URIs (the embedded logo) are read, so an override folder cannot make the
document read ``file:///etc/...`` or call out to the network.

Checks here are structural (the XMP ``pdfaid`` part and conformance, every font embedded,
the attachment present); no full PDF/A validator is packaged (docs/pdf.md).
"""

from __future__ import annotations

import hashlib
import io
import itertools
import json
import logging
import warnings
from typing import Any

from keluhan.galat import GalatMasukan

VARIAN = "pdf/a-3b"
# A recap's annex: at most this many complaints are listed in a PDF (the JSON attached,
# and ``rekap --format md|html|json``, carry all of them).
MAKS_LAMPIRAN = 200

# What a customer-facing form tells the customer (and so what its attached JSON holds).
_PELANGGAN = (
    "id", "nomor", "status", "nama", "instansi", "alamat", "telepon", "email", "media", "layanan",
    "referensi", "uraian", "harapan", "diajukan", "dicatat", "petugas_pencatat",
)
_PELANGGAN_HASIL = ("validasi", "tim_teknis", "alasan_tidak_valid", "diinformasikan", "media_informasi",
                    # the appeal and its decision, which the letter states (its officer is internal)
                    "dibanding", "banding_alasan", "diputus", "putusan", "putusan_alasan")
_TINDAKAN_PELANGGAN = ("putaran", "akar_masalah", "koreksi", "korektif", "pencegahan")
UNTUK_PELANGGAN = ("tanda-terima", "surat-hasil")


def data_pelanggan(jenis: str, data: dict[str, Any]) -> dict[str, Any]:
    """The part of a complaint's record that a customer-facing form shows: its fields, and for
    the surat hasil the outcome and the accepted CAPA the letter quotes. No internal note
    (validation, verification or information remarks; the letter quotes the validation's
    remark only for a complaint found not valid), no history, no officer of a later step."""
    keluar = {k: data.get(k) for k in _PELANGGAN}
    if jenis == "surat-hasil":
        keluar.update({k: data.get(k) for k in _PELANGGAN_HASIL})
        if data.get("validasi") == "tidak_benar":
            keluar["catatan_validasi"] = data.get("catatan_validasi")
        tindakan = sorted(data.get("tindakan") or [], key=lambda t: t.get("putaran") or 0)
        t = next((t for t in reversed(tindakan) if t.get("verifikasi") == "terima"), tindakan[-1] if tindakan else None)
        keluar["tindakan"] = {k: t.get(k) for k in _TINDAKAN_PELANGGAN} if t and data.get("validasi") == "benar" else None
    return keluar


def lampiran_rekap(data: dict[str, Any], maks: int | None = None) -> dict[str, Any]:
    """The recap as its PDF shows it: every figure, and the complaint lists cut to ``maks``
    (default MAKS_LAMPIRAN) rows each, with how many were left out (``keluhan_lainnya``,
    ``terbuka_lainnya``, ``berulang_lainnya``)."""
    maks = MAKS_LAMPIRAN if maks is None else maks
    keluar = dict(data)
    for kunci, sisa in (("keluhan", "keluhan_lainnya"), ("terbuka_akhir_periode", "terbuka_lainnya"),
                        ("berulang", "berulang_lainnya")):
        daftar = data.get(kunci) or []
        if len(daftar) > maks:
            # The list may be rekap.Daftar (spooled to a file, read by one reader at a
            # time): read its first rows and close the reader.
            it = iter(daftar)
            try:
                keluar[kunci] = list(itertools.islice(it, maks))
            finally:
                getattr(it, "close", lambda: None)()
            keluar[sisa] = len(daftar) - maks
    return keluar


def _weasyprint() -> Any:
    """The weasyprint module, or one clear line saying what is missing."""
    try:
        import weasyprint
    except ImportError:
        raise GalatMasukan(
            "Format pdf memerlukan paket WeasyPrint: pip install 'keluhan[pdf]' (butuh juga pustaka Pango; "
            "lihat docs/pdf.md untuk Windows). Tanpa itu cetak --format html lalu simpan sebagai PDF dari peramban."
        ) from None
    except OSError as e:  # the package is there, the C library (Pango, GObject) is not
        raise GalatMasukan(
            f"WeasyPrint terpasang tetapi pustaka Pango tidak ditemukan ({str(e).splitlines()[0][:120]}); "
            "Debian/Ubuntu: apt-get install libpango-1.0-0 libpangoft2-1.0-0, Windows: lihat docs/pdf.md."
        ) from None
    return weasyprint


def tersedia() -> bool:
    """True when WeasyPrint and Pango can be loaded here."""
    try:
        _weasyprint()
    except GalatMasukan:
        return False
    return True


def buat(html: str, lampiran: dict[str, Any] | Any, *, nama_lampiran: str, identitas: str, judul: str) -> bytes:
    """``html`` (a form's self-contained page) as PDF/A-3b bytes with ``lampiran`` attached as
    JSON named ``nama_lampiran``. ``identitas`` names the document (the form and the
    complaint's number, or the recap's period): the PDF identifier is derived from it."""
    wp = _weasyprint()
    if isinstance(lampiran, dict):
        berkas_json: Any = io.BytesIO(json.dumps(lampiran, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8"))
    else:  # a binary file already holding the JSON (a recap, streamed by jsonalir)
        berkas_json = lampiran

    # WeasyPrint logs what it ignores (unknown CSS, a refused URL) on its own logger;
    # those are not the user's business: the document is what it is.
    logging.getLogger("weasyprint").setLevel(logging.CRITICAL)
    try:
        # data: URIs only (the embedded logo): no file, no network, whatever a template names.
        dokumen = wp.HTML(string=html, url_fetcher=wp.URLFetcher(allowed_protocols={"data"}))
        lampir = wp.Attachment(
            file_obj=berkas_json, name=nama_lampiran, description=f"Data {judul} (JSON)",
            relationship="Data",
        )
        with warnings.catch_warnings():
            # WeasyPrint opens its sRGB profile (the PDF/A output intent) and leaves the file
            # to the garbage collector: a ResourceWarning of theirs, not ours to show.
            warnings.simplefilter("ignore", ResourceWarning)
            return dokumen.write_pdf(
                pdf_variant=VARIAN,
                pdf_identifier=hashlib.sha256(identitas.encode("utf-8")).hexdigest()[:32].encode("ascii"),
                output_intent="srgb",
                attachments=[lampir],
            )
    except GalatMasukan:
        raise
    except Exception as e:  # noqa: BLE001 - a layout failure is one line, not a traceback
        raise GalatMasukan(f"PDF tidak dapat disusun: {type(e).__name__}: {str(e)[:200]}.") from None
