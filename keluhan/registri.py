"""The officer register (register petugas): who may act, with which NIP, jabatan and roles, as of when.

``petugas_riwayat`` (keluhan/rantai.py's ``PETUGAS``) is an append-only, hash-chained,
effective-dated ledger: one entry per registration (``tambah``), change (``ubah``) or
deactivation (``nonaktifkan``), each carrying the officer's whole record after it (NIP,
nama, jabatan, peran, tim, aktif), from when it holds (``berlaku_sejak``; NULL = from
the start, the default of ``tambah``, so the history and old registers keep their
officers), who wrote it, why and when. The officer's identity is the NIP.

Which entry holds for a NIP at an instant: of its entries with ``berlaku_sejak`` NULL or
not after it, the one with the latest ``berlaku_sejak``, then the latest ``urutan``
(the rule of the settings ledger, keluhan/buku.py).

Names are compared by ``kunci``: Unicode NFKC, invisible format characters dropped,
spacing collapsed, case folded. A name that mixes Latin letters with Cyrillic or Greek
ones (``Аgus`` with a Cyrillic ``А``) is refused at registration; and for comparing two
officers (ISO/IEC 17025 7.9.6) names are also reduced to their ``kerangka`` (Cyrillic and
Greek look-alikes mapped to the Latin letter they imitate), so a look-alike typed where no
officer is registered still counts as the same person.

The one API other modules call:

- ``muat(db)`` -> ``Register`` (read once; ask it as often as needed);
- ``Register.tentukan(teks, pada)``: the active officer ``--petugas`` names at ``pada``
  (exact name, NIP, or a unique prefix), or ``GalatMasukan`` listing the candidates;
- ``Register.kenali(nama, pada)``: the officer a stored name meant at ``pada`` (None when
  the register does not know it), with NIP, jabatan and peran as they were then;
- ``Register.sama(nama_a, pada_a, nama_b, pada_b)``: whether two recorded names are one
  person (compares officers by NIP; names the register does not know by ``kerangka``);
- ``Register.pemegang(peran, pada)``: the active officers holding a role.
"""

from __future__ import annotations

import functools
import json
import re
import sqlite3
import unicodedata
from datetime import datetime
from operator import itemgetter
from typing import Any

from keluhan import rantai
from keluhan.galat import GalatMasukan
from keluhan.pola import Pola
from keluhan.tanggal import tampil
from keluhan.workflow import _repr_bernama

TABEL = "petugas_riwayat"
# The roles the SOP's steps need (SPEC: petugas --peran).
PERAN: dict[str, str] = {
    "pjtk": "Petugas PJTK",
    "teknis": "Tim Teknis",
    "verifikator": "Verifikator",
    "koordinator": "Koordinator Tim PJTK",
    "manajer_mutu": "Manajer Mutu",
}
AKSI = ("tambah", "ubah", "nonaktifkan")
_AWAL = float("-inf")
_FORMAT = Pola(r"[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")

# Cyrillic and Greek letters that look like Latin ones (Unicode's confusables, the
# letters that occur in names): each mapped to the Latin letter it imitates.
_MIRIP = str.maketrans({
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c",
    "т": "t", "у": "y", "х": "x", "і": "i", "ї": "i", "ј": "j", "ѕ": "s", "һ": "h", "ԁ": "d", "ԛ": "q",
    "ԝ": "w", "ӏ": "l", "ɡ": "g", "ս": "u", "ո": "n",
    # Greek (lower case; kunci() has case-folded already)
    "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p",
    "τ": "t", "υ": "u", "χ": "x", "ζ": "z", "μ": "u", "ς": "s", "σ": "o",
})


@functools.lru_cache(maxsize=4096)  # pure; a bulk import asks for the same few names on every row
def kunci(nama: str | None) -> str:
    """A name as compared: NFKC, no format characters, single spaces, case folded."""
    return " ".join(_FORMAT.sub("", unicodedata.normalize("NFKC", nama or "")).split()).casefold()


@functools.lru_cache(maxsize=4096)
def kerangka(nama: str | None) -> str:
    """``kunci`` with look-alike Cyrillic/Greek letters as their Latin twins and no spaces:
    two names with the same kerangka are one person to the 7.9.6 rule."""
    return "".join(kunci(nama).translate(_MIRIP).split())


def aksara_campuran(nama: str) -> list[str]:
    """The scripts a name mixes with Latin letters (['Cyrillic'], ['Greek'], ...), or []."""
    aksara: set[str] = set()
    for c in unicodedata.normalize("NFKC", nama):
        if c.isalpha():
            try:
                aksara.add(unicodedata.name(c).split()[0])
            except ValueError:
                continue
    if "LATIN" not in aksara:
        return []
    lain = {"CYRILLIC": "Kiril", "GREEK": "Yunani", "ARMENIAN": "Armenia", "CHEROKEE": "Cherokee"}
    return sorted(lain[a] for a in aksara if a in lain)


class Petugas(tuple):  # type: ignore[type-arg]
    """One officer as one ledger entry holds them: a tuple with named fields written out,
    as ``workflow.Entri`` (no dataclass, and no ``NamedTuple`` class to build at import)."""

    __slots__ = ()

    def __new__(cls, urutan: int, aksi: str, nip: str, nama: str, jabatan: str, peran: tuple[str, ...],
                tim: str | None, aktif: bool, berlaku_sejak: str | None, oleh: str | None, alasan: str,
                dicatat_pada: str) -> Petugas:
        return tuple.__new__(cls, (urutan, aksi, nip, nama, jabatan, peran, tim, aktif, berlaku_sejak, oleh, alasan,
                                   dicatat_pada))

    _NAMA = ("urutan", "aksi", "nip", "nama", "jabatan", "peran", "tim", "aktif", "berlaku_sejak", "oleh", "alasan",
             "dicatat_pada")
    urutan: int = property(itemgetter(0))  # type: ignore[assignment]
    aksi: str = property(itemgetter(1))  # type: ignore[assignment]
    nip: str = property(itemgetter(2))  # type: ignore[assignment]
    nama: str = property(itemgetter(3))  # type: ignore[assignment]
    jabatan: str = property(itemgetter(4))  # type: ignore[assignment]
    peran: tuple[str, ...] = property(itemgetter(5))  # type: ignore[assignment]
    tim: str | None = property(itemgetter(6))  # type: ignore[assignment]
    aktif: bool = property(itemgetter(7))  # type: ignore[assignment]
    berlaku_sejak: str | None = property(itemgetter(8))  # type: ignore[assignment]
    oleh: str | None = property(itemgetter(9))  # type: ignore[assignment]
    alasan: str = property(itemgetter(10))  # type: ignore[assignment]
    dicatat_pada: str = property(itemgetter(11))  # type: ignore[assignment]
    __repr__ = _repr_bernama

    def __getnewargs__(self) -> tuple[Any, ...]:  # pickle and copy rebuild it field by field, as a NamedTuple
        return tuple(self)

    @property
    def _t(self) -> float:
        return _AWAL if self.berlaku_sejak is None else datetime.fromisoformat(self.berlaku_sejak).timestamp()

    def json(self) -> dict[str, Any]:
        return {
            "nip": self.nip, "nama": self.nama, "jabatan": self.jabatan, "peran": list(self.peran), "tim": self.tim,
            "aktif": self.aktif, "berlaku_sejak": self.berlaku_sejak, "urutan": self.urutan,
        }

    def peran_teks(self) -> str:
        return ", ".join(self.peran) if self.peran else "-"


def _detik(pada: str | datetime | None) -> float:
    if pada is None:
        return float("inf")
    return (datetime.fromisoformat(pada) if isinstance(pada, str) else pada).timestamp()


class Register:
    """The ledger read once: every officer's record at any instant."""

    def __init__(self, entri: list[Petugas]) -> None:
        self.entri = sorted(entri, key=lambda e: e.urutan)
        self._nip: dict[str, list[Petugas]] = {}
        for e in sorted(self.entri, key=lambda e: (e._t, e.urutan)):
            self._nip.setdefault(e.nip, []).append(e)

    @property
    def kosong(self) -> bool:
        """No officer registered: --petugas stays free text (the first release's way)."""
        return not self.entri

    def nip(self) -> list[str]:
        return list(self._nip)

    def pada(self, nip: str, waktu: str | datetime | None) -> Petugas | None:
        """The record of ``nip`` in force at ``waktu`` (None = now and after: the latest)."""
        t = _detik(waktu)
        hasil = None
        for e in self._nip.get(nip, ()):
            if e._t <= t:
                hasil = e
        return hasil

    def semua_pada(self, waktu: str | datetime | None) -> list[Petugas]:
        """Every officer's record in force at ``waktu``, in NIP order of registration."""
        return [p for n in self._nip if (p := self.pada(n, waktu)) is not None]

    def aktif_pada(self, waktu: str | datetime | None) -> list[Petugas]:
        return [p for p in self.semua_pada(waktu) if p.aktif]

    # -- the one resolver ---------------------------------------------------------

    def cocok(self, teks: str, calon: list[Petugas]) -> list[Petugas]:
        """Of ``calon``: the one whose name or NIP is ``teks`` (case and spacing ignored),
        else those whose name starts with it, else those whose name's kerangka is its."""
        k = kunci(teks)
        if not k:
            return []
        nip = "".join(k.split())
        tepat = [p for p in calon if kunci(p.nama) == k or p.nip == nip]
        if tepat:
            return tepat
        awalan = [p for p in calon if kunci(p.nama).startswith(k)]
        if awalan:
            return awalan
        kr = kerangka(teks)
        return [p for p in calon if kerangka(p.nama) == kr or kerangka(p.nama).startswith(kr)]

    def tentukan(self, teks: str, pada: str | datetime | None, *, apa: str = "--petugas",
                 saran: str | None = None) -> Petugas:
        """The one active officer ``teks`` names at ``pada``, or GalatMasukan with the candidates
        (and ``saran``, the remedy, when registering the name is not it)."""
        aktif = self.aktif_pada(pada)
        hasil = self.cocok(teks, aktif)
        if len(hasil) == 1:
            return hasil[0]
        if len(hasil) > 1:
            calon = "; ".join(f"{p.nama} (NIP {p.nip})" for p in hasil[:10])
            raise GalatMasukan(f"{apa} '{teks}' cocok dengan lebih dari satu petugas: {calon}. Tulis nama lengkap atau NIP.")
        nonaktif = self.cocok(teks, [p for p in self.semua_pada(pada) if not p.aktif])
        if nonaktif:
            p = nonaktif[0]
            raise GalatMasukan(
                f"{apa} '{teks}': petugas {p.nama} (NIP {p.nip}) tidak aktif sejak {tampil(p.berlaku_sejak) if p.berlaku_sejak else 'awal'} "
                f"({p.alasan}); langkah ini harus dicatat oleh petugas aktif."
            )
        nama = "; ".join(p.nama for p in aktif[:12]) or "(tidak ada yang aktif)"
        raise GalatMasukan(
            f"{apa} '{teks}' tidak ada di register petugas (yang aktif: {nama}). "
            + (saran or "Daftarkan dengan 'keluhan petugas tambah', atau lihat 'keluhan petugas daftar'.")
        )

    def kenali(self, nama: str | None, pada: str | datetime | None) -> Petugas | None:
        """The officer a stored name meant at ``pada``, as recorded then (or, for a name the
        officer bore at another time, as they were at ``pada``); None when not registered."""
        if not nama:
            return None
        k = kunci(nama)
        semua = self.semua_pada(pada)
        tepat = [p for p in semua if kunci(p.nama) == k]
        if len(tepat) == 1:
            return tepat[0]
        pernah = {e.nip for e in self.entri if kunci(e.nama) == k}
        if len(pernah) == 1:
            nip = next(iter(pernah))
            return self.pada(nip, pada) or self.pada(nip, None)
        return None

    def sama(self, nama_a: str | None, pada_a: Any, nama_b: str | None, pada_b: Any) -> bool:
        """Whether two recorded names are one person (ISO/IEC 17025 7.9.6, impartiality):
        two known officers by NIP; otherwise by kerangka, against every name the known one
        ever bore. Errs towards "same": a refusal costs the clerk a colleague, a wrong
        acceptance costs the audit."""
        if not nama_a or not nama_b:
            return False
        a, b = self.kenali(nama_a, pada_a), self.kenali(nama_b, pada_b)
        if a is not None and b is not None:
            return a.nip == b.nip
        nama_a_semua = {kerangka(nama_a)} | ({kerangka(e.nama) for e in self._nip.get(a.nip, ())} if a else set())
        nama_b_semua = {kerangka(nama_b)} | ({kerangka(e.nama) for e in self._nip.get(b.nip, ())} if b else set())
        return bool(nama_a_semua & nama_b_semua)

    def pemegang(self, peran: str, pada: str | datetime | None) -> list[Petugas]:
        return [p for p in self.aktif_pada(pada) if peran in p.peran]


def muat(db: sqlite3.Connection) -> Register:
    """The whole register (a few dozen rows), read now; an archive from before it: empty.
    A caller resolving many rows (a bulk import) loads it once and asks it for each."""
    try:
        return Register([_entri(b) for b in db.execute(
            f"SELECT urutan, aksi, nip, nama, jabatan, peran, tim, aktif, berlaku_sejak, oleh, alasan, dicatat_pada "
            f"FROM {TABEL} ORDER BY urutan")])
    except sqlite3.OperationalError:  # no such table: read-only and not migrated
        return Register([])


def _entri(b: tuple[Any, ...]) -> Petugas:
    peran = json.loads(b[5])
    return Petugas(int(b[0]), str(b[1]), str(b[2]), str(b[3]), str(b[4]), tuple(peran), b[6], bool(b[7]), b[8],
                   b[9], str(b[10]), str(b[11]))


# -- checking what a clerk typed -------------------------------------------------------


def rapikan(teks: str | None) -> str:
    """A typed name or title as stored: NFC, no format characters, single spaces."""
    return " ".join(_FORMAT.sub("", unicodedata.normalize("NFC", teks or "")).split())


def periksa_nama(nama: str) -> str:
    """The name as stored, or GalatMasukan: empty, control characters, or mixed scripts."""
    nama = rapikan(nama)
    if not nama:
        raise GalatMasukan("Nama petugas tidak boleh kosong.")
    if any(unicodedata.category(c).startswith("C") for c in nama):
        raise GalatMasukan("Nama petugas memuat karakter kendali.")
    campur = aksara_campuran(nama)
    if campur:
        raise GalatMasukan(
            f"Nama petugas '{nama}' mencampur huruf Latin dengan huruf {' dan '.join(campur)} yang mirip (mis. 'а' "
            "Kiril untuk 'a'): ketik ulang nama itu dengan huruf Latin saja."
        )
    return nama


def periksa_nip(nip: str) -> str:
    """An NIP as stored: digits only (spaces and dots as typed on paper removed), 18 for a
    civil servant's NIP; other lengths (a contract officer's number) are accepted if 4..30."""
    bersih = re.sub(r"[\s.\-]", "", unicodedata.normalize("NFKC", nip or ""))
    if not bersih:
        raise GalatMasukan("NIP petugas wajib diisi (--nip).")
    if not bersih.isascii() or not bersih.isdigit() or not 4 <= len(bersih) <= 30:
        raise GalatMasukan(f"NIP '{rapikan(nip)}' tidak sah: hanya angka (NIP PNS 18 angka).")
    return bersih


def periksa_peran(peran: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    hasil: list[str] = []
    for p in peran:
        for bagian in str(p).split(","):
            k = bagian.strip().lower().replace("-", "_").replace(" ", "_")
            if not k:
                continue
            if k not in PERAN:
                raise GalatMasukan(f"Peran '{bagian.strip()}' tidak dikenal. Pilihan: {', '.join(PERAN)}.")
            if k not in hasil:
                hasil.append(k)
    return tuple(hasil)


def catat(
    db: sqlite3.Connection, *, aksi: str, nip: str, nama: str, jabatan: str, peran: tuple[str, ...], tim: str | None,
    aktif: bool, berlaku_sejak: str | None, oleh: str | None, alasan: str, sistem: str,
) -> int:
    """Append one entry (inside the caller's transaction); returns its urutan."""
    baris = db.execute(f"SELECT hash FROM {TABEL} ORDER BY urutan DESC LIMIT 1").fetchone()
    sebelum = baris[0] if baris else rantai.HASH_AWAL
    isi = [aksi, nip, nama, jabatan, json.dumps(list(peran), ensure_ascii=False, separators=(",", ":")), tim,
           1 if aktif else 0, berlaku_sejak, oleh, alasan, sistem]
    cur = db.execute(
        f"INSERT INTO {TABEL} ({', '.join(rantai.PETUGAS.kolom)}, hash_sebelum, hash) VALUES ({', '.join('?' * 13)})",
        (*isi, sebelum, rantai.hash_entri(sebelum, isi)),
    )
    return int(cur.lastrowid or 0)


def periksa_entri(reg_sebelum: Register, e: Petugas) -> str | None:
    """Why entry ``e`` is not one the program could have written after ``reg_sebelum``'s
    entries (``periksa``), or None."""
    if e.aksi not in AKSI:
        return f"aksi '{e.aksi}' tidak dikenal"
    try:
        if periksa_nama(e.nama) != e.nama:
            return "nama tidak tersimpan rapi (spasi atau karakter tak terlihat)"
        if periksa_nip(e.nip) != e.nip:
            return "NIP tidak tersimpan sebagai angka saja"
        if periksa_peran(e.peran) != e.peran:
            return "peran tidak dikenal"
    except GalatMasukan as g:
        return g.pesan
    ada = e.nip in reg_sebelum._nip
    if e.aksi == "tambah" and ada:
        return f"NIP {e.nip} didaftarkan dua kali"
    if e.aksi != "tambah" and not ada:
        return f"'{e.aksi}' untuk NIP {e.nip} yang belum didaftarkan"
    if e.aktif != (e.aksi != "nonaktifkan"):
        return "kolom aktif tidak sesuai dengan aksinya"
    if not e.alasan.strip():
        return "alasan kosong"
    return None
