"""An e-mail complaint read from the message itself (``catat --dari-eml PESAN.eml``).

The standard ``email`` package does the parsing (``policy.default``: RFC 2047 encoded
words in headers, quoted-printable and base64 bodies, any charset Python knows, MIME
multipart). What this module adds is only what a complaint needs from a message:

- the sender's name and address (``From``; ``Reply-To`` is not the complainant);
- the ``Date`` header as the time the complaint was submitted, in the archive's zone; a
  missing or unreadable Date gives no time (the clerk types ``--diajukan``), never "now";
- the description: the plain-text body, else the HTML body turned into text (scripts and
  styles dropped, block elements as line breaks), attachments never;
- the subject, kept beside the description;
- the names of the files attached inside the message (the message itself is attached to
  the complaint whole, so nothing inside it is lost).

Pure: no archive, no terminal. Bounded: a message larger than ``BATAS_BYTE`` is refused
before it is parsed.
"""

from __future__ import annotations

import email
import email.policy
import email.utils
import html.parser
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from keluhan.galat import GalatMasukan, sebab_baca

# The attachment limit's default (issue 16: 20 MB per file); an .eml is one attachment.
BATAS_BYTE = 20 * 1024 * 1024
# A description longer than this is cut (the whole message is kept as the attachment).
BATAS_URAIAN = 20_000
CATATAN_TANPA_TANGGAL = ("kepala Date tidak ada atau tidak terbaca, jadi waktu pengajuan tidak diambil dari pesan; "
                         "beri --diajukan (waktu surel diterima) agar langkah 2 terukur")


@dataclass(frozen=True)
class Surel:
    """What a complaint takes from one message."""

    nama: str | None
    email: str | None
    diajukan: datetime | None  # the Date header in the archive's zone; None when missing or unreadable
    subjek: str | None
    uraian: str
    lampiran: tuple[str, ...] = field(default=())  # names of the files inside the message
    catatan: tuple[str, ...] = field(default=())  # what the clerk should know (no Date, HTML only, cut)
    isi: bytes = field(default=b"", repr=False)  # the message as read, for the attachment


class _Teks(html.parser.HTMLParser):
    """HTML to plain text, enough for an e-mail body: block elements end a line, ``<br>``
    is a line break, scripts, styles and the head are dropped, entities decoded."""

    _BLOK = frozenset({"p", "div", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table",
                       "ul", "ol", "section", "article", "header", "footer"})
    _BUANG = frozenset({"script", "style", "head", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.bagian: list[str] = []
        self._buang = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._BUANG:
            self._buang += 1
        elif tag == "br":
            self.bagian.append("\n")
        elif tag in self._BLOK:
            self.bagian.append("\n")
        elif tag in ("td", "th"):
            self.bagian.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._BUANG:
            self._buang = max(0, self._buang - 1)
        elif tag in self._BLOK:
            self.bagian.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._buang:
            self.bagian.append(data)


def html_ke_teks(isi: str) -> str:
    p = _Teks()
    p.feed(isi)
    p.close()
    return _rapikan("".join(p.bagian))


def _rapikan(teks: str) -> str:
    """Lines stripped of trailing blanks, runs of spaces made one, at most one empty line."""
    baris = [" ".join(b.split()) for b in teks.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    hasil: list[str] = []
    for b in baris:
        if b or (hasil and hasil[-1]):
            hasil.append(b)
    return "\n".join(hasil).strip()


def _isi_bagian(bagian: email.message.EmailMessage) -> str:
    try:
        return str(bagian.get_content())
    except (LookupError, UnicodeError, ValueError):  # an unknown charset: read what can be read
        muatan = bagian.get_payload(decode=True) or b""
        return muatan.decode("utf-8", errors="replace") if isinstance(muatan, bytes) else str(muatan)


def _waktu(pesan: email.message.EmailMessage, zona: ZoneInfo) -> datetime | None:
    mentah = pesan.get("Date")
    if mentah is None:
        return None
    try:
        t = email.utils.parsedate_to_datetime(str(mentah))
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if t is None or t.tzinfo is None:  # "-0000" or no zone: the time is not known to the minute
        return None
    return t.astimezone(zona).replace(microsecond=0)


def baca(jalur: Path, zona: ZoneInfo) -> Surel:
    """The complaint in the message at ``jalur``; GalatMasukan when it is not one."""
    try:
        with jalur.open("rb") as f:
            isi = f.read(BATAS_BYTE + 1)
    except OSError as e:
        raise GalatMasukan(f"Berkas surel {jalur} tidak dapat dibaca ({sebab_baca(e)}).") from None
    if len(isi) > BATAS_BYTE:
        raise GalatMasukan(f"Berkas surel {jalur} lebih dari {BATAS_BYTE // 2**20} MB; simpan pesannya tanpa lampiran besar.")
    return urai(isi, zona, nama_berkas=str(jalur))


def urai(isi: bytes, zona: ZoneInfo, *, nama_berkas: str = "pesan") -> Surel:
    pesan = email.message_from_bytes(isi, policy=email.policy.default)
    if not isinstance(pesan, email.message.EmailMessage) or not (pesan.get("From") or pesan.get("Subject")):
        raise GalatMasukan(f"{nama_berkas} bukan pesan surel (.eml): tidak ada kepala From atau Subject.")
    nama = alamat = None
    try:
        dari = pesan.get("From")
        kepala = getattr(dari, "addresses", ()) if dari is not None else ()
    except (ValueError, IndexError):
        kepala = ()
    if kepala:
        nama = " ".join((kepala[0].display_name or "").split()) or None
        alamat = (kepala[0].addr_spec or "").strip() or None
        if alamat in ("", "<>"):
            alamat = None
    elif pesan.get("From"):
        nama_, alamat_ = email.utils.parseaddr(str(pesan.get("From")))
        nama, alamat = (nama_ or None), (alamat_ or None)
    subjek = " ".join(str(pesan.get("Subject") or "").split()) or None
    catatan: list[str] = []
    badan = pesan.get_body(preferencelist=("plain",))
    if badan is not None:
        uraian = _rapikan(_isi_bagian(badan))
    else:
        badan = pesan.get_body(preferencelist=("html",))
        uraian = html_ke_teks(_isi_bagian(badan)) if badan is not None else ""
        if badan is not None:
            catatan.append("pesan hanya berisi HTML; uraian diambil dari teksnya")
    if len(uraian) > BATAS_URAIAN:
        uraian = uraian[:BATAS_URAIAN].rstrip() + " [...]"
        catatan.append(f"uraian dipotong pada {BATAS_URAIAN} karakter; pesan lengkap terlampir")
    lampiran = tuple(
        " ".join(str(b.get_filename() or "").split()) or "(tanpa nama)"
        for b in pesan.iter_attachments()
    ) if pesan.is_multipart() else ()
    diajukan = _waktu(pesan, zona)
    if diajukan is None:
        catatan.append(CATATAN_TANPA_TANGGAL)
    return Surel(nama=nama, email=alamat, diajukan=diajukan, subjek=subjek, uraian=uraian, lampiran=lampiran,
                 catatan=tuple(catatan), isi=isi)


def uraian_dengan_subjek(s: Surel) -> str:
    """The description a complaint records: the subject as its first line, then the body."""
    if s.subjek and s.uraian:
        return f"Perihal: {s.subjek}\n{s.uraian}"
    return s.uraian or (f"Perihal: {s.subjek}" if s.subjek else "")

