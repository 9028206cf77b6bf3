"""``keluhan impor``: a register kept elsewhere (a spreadsheet, another archive's export)
read into complaints with their full histories.

A row is one complaint. Its columns are named as ``catat``'s options, plus a few per
step (``KOLOM``; docs/impor-ekspor.md lists them). The optional ``riwayat`` column (what
``keluhan ekspor`` writes) holds every event after ``catat`` as JSON, so complaints
returned for rework or corrected keep every round; the step columns then only state
the result, and must agree with it.

This module reads files and turns rows into ``arsip.KeluhanImpor``; the archive checks
and writes them (``arsip.massal``). Nothing here writes.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from keluhan import waktu as w
from keluhan.arsip import KeluhanImpor, LangkahImpor, PenulisMassal, pipa_lebar, sapu_muda
from keluhan.galat import GalatKeluhan, GalatMasukan
from keluhan.workflow import Aksi

# What catat records, under its option names; ``dicatat`` is the time of recording,
# ``petugas`` who recorded; ``nomor`` the official number (kept when given).
KOLOM_CATAT = (
    "nomor", "nama", "instansi", "alamat", "telepon", "email", "media", "layanan", "referensi",
    "uraian", "harapan", "kategori", "diajukan", "dicatat", "petugas",
)
# Step columns -> where the value lives once the events are folded: ("k", column of
# ``keluhan``) or ("t", column of the last CAPA round in ``tindakan``). ``ekspor`` fills
# them from there; ``impor`` builds the events from them, or checks them against
# ``riwayat``.
KOLOM_LANGKAH: dict[str, tuple[str, str]] = {
    "validasi": ("k", "validasi"),
    "validasi_waktu": ("k", "divalidasi"),
    "validasi_petugas": ("k", "petugas_validasi"),
    "tim_teknis": ("k", "tim_teknis"),
    "alasan_tidak_valid": ("k", "alasan_tidak_valid"),
    "validasi_catatan": ("k", "catatan_validasi"),
    "tindak_waktu": ("t", "waktu"),
    "tindak_petugas": ("t", "petugas"),
    "akar_masalah": ("t", "akar_masalah"),
    "kode_akar": ("t", "kode_akar"),
    "koreksi": ("t", "koreksi"),
    "korektif": ("t", "korektif"),
    "pencegahan": ("t", "pencegahan"),
    "penanggung_jawab": ("t", "penanggung_jawab"),
    "target": ("t", "target"),
    "verifikasi_waktu": ("k", "diverifikasi"),
    "verifikasi_petugas": ("k", "petugas_verifikasi"),
    "verifikasi_catatan": ("k", "catatan_verifikasi"),
    "informasikan_waktu": ("k", "diinformasikan"),
    "informasikan_petugas": ("k", "petugas_informasi"),
    "media_informasi": ("k", "media_informasi"),
    "informasikan_catatan": ("k", "catatan_informasi"),
    "banding_waktu": ("k", "dibanding"),
    "banding_petugas": ("p", "banding"),  # the keluhan row keeps no petugas for the appeal
    "banding_alasan": ("k", "banding_alasan"),
}
# Every column, in the order ``ekspor`` writes them. ``status`` is checked, not used.
KOLOM = (*KOLOM_CATAT, "status", *KOLOM_LANGKAH, "riwayat")
WAJIB = ("nama", "media", "uraian", "dicatat")
# The history sheet of an .xlsx export: every event after catat, one a row (``ekspor.tulis_xlsx``).
KOLOM_RIWAYAT = ("nomor", "aksi", "waktu", "petugas", "dicatat_pada", "rincian")
_WAKTU = frozenset({"diajukan", "dicatat", *(k for k in KOLOM_LANGKAH if k.endswith("_waktu"))})
_HURUF_KECIL = frozenset({"media", "layanan", "validasi", "media_informasi", "status"})
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")

# Steps in the order they happen, each with its time column, its petugas column, and
# its own fields (column -> rincian key).
_LANGKAH: tuple[tuple[str, str, dict[str, str]], ...] = (
    ("tindak_waktu", "tindak_petugas", {
        "akar_masalah": "akar_masalah", "kode_akar": "kode_akar", "koreksi": "koreksi", "korektif": "korektif",
        "pencegahan": "pencegahan", "penanggung_jawab": "penanggung_jawab", "target": "target",
    }),
    ("verifikasi_waktu", "verifikasi_petugas", {"verifikasi_catatan": "catatan"}),
    ("informasikan_waktu", "informasikan_petugas", {"media_informasi": "media", "informasikan_catatan": "catatan"}),
    ("banding_waktu", "banding_petugas", {"banding_alasan": "alasan"}),
)
# Each step's columns (time, officer, fields): one of them filled means the step is there.
_KOLOM_LANGKAH_INI = tuple((waktu, petugas, *isian) for waktu, petugas, isian in _LANGKAH)
_AKSI_LANGKAH = {
    "tindak_waktu": Aksi.TINDAK, "verifikasi_waktu": Aksi.VERIFIKASI_TERIMA,
    "informasikan_waktu": Aksi.INFORMASIKAN, "banding_waktu": Aksi.BANDING,
}
# Step fields the command requires, named as columns (the archive checks them too, but
# names options: a clerk filling a spreadsheet wants to hear the column).
_WAJIB_LANGKAH = {"tindak_waktu": ("koreksi", "pencegahan"), "banding_waktu": ("banding_alasan",)}


@dataclass
class Baris:
    """One data row: its number as a spreadsheet shows it (header = row 1) and its cells;
    its sheet when the workbook has several, and the merged ranges its values came from
    (column -> range)."""

    nomor: int
    sel: dict[str, Any]
    lembar: str | None = None
    gabung: dict[str, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """The row as messages name it."""
        return f"Lembar '{self.lembar}' baris {self.nomor}" if self.lembar else f"Baris {self.nomor}"

    @property
    def rujukan(self) -> int | str:
        """The row as another row's message names it ("sudah dipakai baris ...")."""
        return f"{self.nomor} lembar '{self.lembar}'" if self.lembar else self.nomor


@dataclass
class Berkas:
    """An open register file: its columns, its rows, and how far reading has got."""

    kolom: list[str]
    baris: Iterator[Baris]
    kemajuan: Callable[[], tuple[int, int]]  # (done, total) in the file's own unit
    tutup: Callable[[], None] = lambda: None
    catatan: list[str] = field(default_factory=list)  # what was skipped or ignored, said before the rows
    # A CSV file's: the rows may be read in a second process (``impor``), which then says
    # how far it has got ("posisi"), for ``kemajuan``; None: read here only.
    keadaan: dict[str, Any] | None = None


@dataclass
class Hasil:
    """What an import did or would do."""

    dibaca: int = 0
    diterima: int = 0
    tolak: list[tuple[str | None, str]] = field(default_factory=list)  # (row label, reason)
    peringatan: list[str] = field(default_factory=list)
    catatan: list[str] = field(default_factory=list)
    per_status: dict[str, int] = field(default_factory=dict)
    nomor_diberikan: int = 0
    ditulis: bool = False


class _TerlaluDalam(Exception):
    pass


def _json(teks: str) -> Any:
    """``json.loads`` with nesting bounded by Python's recursion limit (the C decoder
    counts its depth and stops at it): 200,000 nested brackets are one refusal, not a
    RecursionError traceback. A register is a list of flat objects; nothing real nests."""
    try:
        return json.loads(teks)
    except RecursionError:
        raise _TerlaluDalam from None


# Header spellings clerks use, read as the column they mean (keys as ``_kunci`` makes them).
ALIAS: dict[str, str] = {
    "e_mail": "email", "surel": "email", "alamat_email": "email", "alamat_e_mail": "email",
    "no_hp": "telepon", "nomor_hp": "telepon", "hp": "telepon", "no_telp": "telepon", "no_telepon": "telepon",
    "nomor_telepon": "telepon", "telp": "telepon", "no_wa": "telepon", "telepon_hp": "telepon", "no_telp_hp": "telepon",
    "tanggal": "dicatat", "tgl": "dicatat", "tanggal_dicatat": "dicatat", "waktu_dicatat": "dicatat",
    "tanggal_pencatatan": "dicatat", "tanggal_diajukan": "diajukan", "tanggal_surat": "diajukan",
    "nama_pelanggan": "nama", "no_keluhan": "nomor", "nomor_keluhan": "nomor",
    "uraian_keluhan": "uraian", "isi_keluhan": "uraian", "media_keluhan": "media", "jenis_layanan": "layanan",
    "perusahaan": "instansi", "instansi_perusahaan": "instansi", "no_lhu": "referensi", "no_lhu_sertifikat": "referensi",
    "petugas_pencatat": "petugas",
}
_BARIS_AWAL = 10  # rows looked at for the header (a title row above it)
_SALAH = "__salah__"  # a row's problems found while reading it (the row is still checked for the rest)


def _kunci(teks: Any) -> str:
    return re.sub(r"[^0-9a-z]+", "_", str(teks if teks is not None else "").strip().lower()).strip("_")


def _nama_kolom(teks: Any) -> str:
    k = _kunci(teks)
    return ALIAS.get(k, k)


def _mirip_kepala(sel: list[Any]) -> bool:
    """A header row: names at least two known columns (a title row names none)."""
    return sum(_nama_kolom(v) in KOLOM for v in sel if v not in (None, "")) >= 2


def _kosong(sel: Any) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in sel)


def _cari_kepala(awal: list[tuple[int, list[Any]]], di: str) -> tuple[int, list[Any], str | None]:
    """(row number, cells) of the header among the first non-empty rows, and the lone
    title row above it when there is one (skipped). More than one row above the header
    is refused: which of them is data cannot be told."""
    if not awal:
        raise GalatMasukan(f"{di}: kosong.")
    n, sel = awal[0]
    if _mirip_kepala(sel) or len(awal) == 1:
        return n, sel, None
    for i, (n2, sel2) in enumerate(awal[1:], start=1):
        if _mirip_kepala(sel2):
            if i == 1:
                judul = " ".join(str(v).strip() for v in sel if v not in (None, ""))
                return n2, sel2, judul
            raise GalatMasukan(
                f"{di}: kepala kolom ada di baris {n2}, di bawah {i} baris lain (baris {awal[0][0]}-{awal[i - 1][0]}); "
                "hapus baris di atas kepala kolom (satu baris judul saja yang dilewati)."
            )
    return n, sel, None  # no header anywhere near: the first row's names are reported


def _periksa_kolom(mentah: list[Any], di: str, *, abaikan: bool) -> tuple[list[str | None], list[str]]:
    """Each header cell's column: a known name (common spellings accepted), "" for a cell
    with no name, None for an unknown column ignored with --abaikan-kolom; and those
    unknown names. Refused: unknown columns without --abaikan-kolom, a column twice, a
    required column missing."""
    kolom: list[str | None] = []
    asing: list[str] = []
    for v in mentah:
        k = _nama_kolom(v)
        if k and k not in KOLOM:
            asing.append(" ".join(str(v).split()))
            kolom.append(None)
        else:
            kolom.append(k)
    while kolom and kolom[-1] == "":
        kolom.pop()
    if asing and not abaikan:
        raise GalatMasukan(
            f"{di}: kolom tidak dikenal: {', '.join(asing)}. Ganti nama kepalanya dengan kolom yang dikenal "
            f"({', '.join(KOLOM)}), atau ulangi dengan --abaikan-kolom agar kolom itu dilewati (isinya tidak diimpor)."
        )
    ganda = sorted({k for k in kolom if k and kolom.count(k) > 1})
    if ganda:
        raise GalatMasukan(f"{di}: kolom ganda: {', '.join(ganda)}.")
    kurang = [k for k in WAJIB if k not in kolom]
    if kurang:
        raise GalatMasukan(f"{di}: kolom wajib tidak ada: {', '.join(kurang)}.")
    return kolom, asing


def _isi_baris(
    kolom: list[str | None], sel: Any, n: int, huruf: Callable[[int], str],
) -> dict[str, Any]:
    """A data row as {column: value}; data under a header cell with no name is an error
    of the row (it would otherwise be lost without a word)."""
    isi: dict[str, Any] = {}
    for i, (k, v) in enumerate(zip(kolom, sel)):
        if k:
            isi[k] = v
        elif k == "" and v not in (None, "") and not (isinstance(v, str) and not v.strip()):
            isi.setdefault(_SALAH, []).append(
                f"Sel {huruf(i)}{n} berisi data, tetapi kolomnya tanpa kepala; beri nama kolom itu.")
    return isi


@dataclass
class Pilihan:
    """What the command line says about reading the file."""

    lembar: list[str] = field(default_factory=list)  # --lembar (xlsx)
    abaikan_kolom: bool = False  # --abaikan-kolom


def buka(berkas: Path, pilihan: Pilihan | None = None) -> Berkas:
    """Open a register: .csv (UTF-8, with or without BOM; ',' ';' or tab, sniffed from the
    header), .xlsx (every sheet with data, or those --lembar names), .json (a list of
    objects) or .ndjson (one per line)."""
    pilihan = pilihan or Pilihan()
    if not berkas.is_file():
        raise GalatMasukan(f"Berkas tidak ditemukan: {berkas}")
    akhiran = berkas.suffix.lower()
    if pilihan.lembar and akhiran != ".xlsx":
        raise GalatMasukan("--lembar hanya untuk berkas .xlsx.")
    if akhiran == ".xlsx":
        return _buka_xlsx(berkas, pilihan)
    if akhiran in (".json", ".ndjson", ".jsonl"):
        return _buka_json(berkas, baris_per_baris=akhiran != ".json")
    if akhiran in (".csv", ".txt", ".tsv"):
        return _buka_csv(berkas, pilihan)
    raise GalatMasukan(f"Jenis berkas '{berkas.suffix}' tidak dikenal; gunakan .csv, .xlsx, .json atau .ndjson.")


def _huruf_kolom(i: int) -> str:
    """Column letters of 0-based index ``i`` (0 -> A, 26 -> AA)."""
    teks = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        teks = chr(65 + r) + teks
    return teks


def _buka_csv(berkas: Path, pilihan: Pilihan) -> Berkas:
    mentah = berkas.open("rb")
    teks = io.TextIOWrapper(mentah, encoding="utf-8-sig", newline="")
    di = f"Berkas {berkas.name}"
    try:
        awal_teks = []
        for _ in range(_BARIS_AWAL):
            t = teks.readline()
            if not t:
                break
            awal_teks.append(t)
        # The delimiter is the one that splits the first lines into the most known columns
        # (Excel in an Indonesian locale writes ';').
        def dikenal(p: str) -> int:
            return max((sum(_nama_kolom(k) in KOLOM for k in r) for r in csv.reader(awal_teks, delimiter=p)), default=0)

        pemisah = max((",", ";", "\t"), key=dikenal)
        awal = [(n, r) for n, r in enumerate(csv.reader(awal_teks, delimiter=pemisah), start=1) if not _kosong(r)]
        n_kepala, kepala, judul = _cari_kepala(awal, di)
        kolom, asing = _periksa_kolom(kepala, di, abaikan=pilihan.abaikan_kolom)
    except UnicodeDecodeError:
        teks.close()
        raise GalatMasukan(
            f"Berkas {berkas.name} bukan UTF-8. Di Excel: Simpan Sebagai > 'CSV UTF-8 (dibatasi koma)'."
        ) from None
    except BaseException:
        teks.close()
        raise
    ukuran = berkas.stat().st_size
    # The lines after the header among those read for it, then the rest of the file. A
    # quoted cell spanning lines inside the first lines is rare enough to count lines here.
    sisa = itertools.chain(awal_teks[n_kepala:], teks)

    def baris() -> Iterator[Baris]:
        pembaca = csv.reader(sisa, delimiter=pemisah)
        n = n_kepala
        try:
            for sel in pembaca:
                n += 1
                if not any(s.strip() for s in sel):
                    continue
                if len(sel) > len(kolom) and any(s.strip() for s in sel[len(kolom):]):
                    yield Baris(n, {"__galat__": f"Baris berisi {len(sel)} sel, padahal kolomnya {len(kolom)}."})
                    continue
                yield Baris(n, _isi_baris(kolom, sel, n, _huruf_kolom))
        except UnicodeDecodeError:
            raise GalatMasukan(
                f"Berkas {berkas.name} bukan UTF-8 (sekitar baris {n + 1}). "
                "Di Excel: Simpan Sebagai > 'CSV UTF-8 (dibatasi koma)'."
            ) from None
        except csv.Error as e:
            raise GalatMasukan(f"Berkas {berkas.name} baris {n}: CSV tidak dapat dibaca ({e}).") from None

    catatan = _catatan(judul, n_kepala, asing, None)
    keadaan: dict[str, Any] = {"ukuran": ukuran}

    def kemajuan() -> tuple[int, int]:
        posisi = keadaan.get("posisi")  # read by a second process (impor): how far it has got
        return (mentah.tell(), ukuran) if posisi is None else posisi

    return Berkas([k for k in kolom if k], baris(), kemajuan, teks.close, catatan=catatan, keadaan=keadaan)


def _catatan(judul: str | None, n_kepala: int, asing: list[str], lembar: str | None) -> list[str]:
    di = f"Lembar '{lembar}': " if lembar else ""
    hasil = []
    if judul:
        hasil.append(f"{di}baris {n_kepala - 1} dilewati sebagai judul ('{judul}'); kepala kolom di baris {n_kepala}.")
    if asing:
        hasil.append(f"{di}kolom diabaikan (--abaikan-kolom), isinya tidak diimpor: {', '.join(asing)}.")
    return [h[0].upper() + h[1:] for h in hasil]


_BARIS_XLSX = 1_048_576  # the last row of an Excel sheet
_GABUNG = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([A-Z]{1,3})(\d{1,7})(?::([A-Z]{1,3})(\d{1,7}))?"')


def _angka_kolom(huruf: bytes) -> int:
    n = 0
    for c in huruf:
        n = n * 26 + (c - 64)
    return n


def _gabungan(arsip_zip: Any, jalur: str) -> list[tuple[int, int, int, int]]:
    """The sheet's merged ranges (min_col, min_row, max_col, max_row), 1-based, read from
    its XML in a streaming pass (read-only openpyxl keeps none; loading the workbook whole
    to get them costs a big register's memory many times over)."""
    hasil = []
    with arsip_zip.open(jalur) as f:
        sisa = b""
        while True:
            blok = f.read(1 << 20)
            if not blok:
                break
            data = sisa + blok
            akhir = 0
            for m in _GABUNG.finditer(data):
                c1, r1, c2, r2 = m.groups()
                hasil.append((_angka_kolom(c1), int(r1), _angka_kolom(c2 or c1), int(r2 or r1)))
                akhir = m.end()
            sisa = data[max(akhir, len(data) - 256):]
    return hasil


def _ref(g: tuple[int, int, int, int]) -> str:
    c1, r1, c2, r2 = g
    return f"{_huruf_kolom(c1 - 1)}{r1}:{_huruf_kolom(c2 - 1)}{r2}"


def _buka_xlsx(berkas: Path, pilihan: Pilihan) -> Berkas:
    try:
        import openpyxl
    except ImportError:
        raise GalatMasukan(
            "Membaca .xlsx memerlukan paket openpyxl: pip install 'keluhan[xlsx]'. "
            "Atau simpan lembar kerja sebagai CSV UTF-8."
        ) from None
    try:
        buku = openpyxl.load_workbook(berkas, read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds for a damaged or foreign file
        raise GalatMasukan(f"Berkas {berkas.name} tidak dapat dibaca sebagai .xlsx ({e}).") from None
    try:
        return _lembar_xlsx(berkas, buku, pilihan)
    except BaseException:
        buku.close()
        raise


def _lembar_xlsx(berkas: Path, buku: Any, pilihan: Pilihan) -> Berkas:
    semua = [ws.title for ws in buku.worksheets]
    daftar = ", ".join(f"'{n}'" for n in semua)
    if pilihan.lembar:
        tidak_ada = [n for n in pilihan.lembar if n not in semua]
        if tidak_ada:
            raise GalatMasukan(
                f"Berkas {berkas.name}: tidak ada lembar {', '.join(repr(n) for n in tidak_ada)}; lembarnya: {daftar}."
            )
        dipilih = [buku[n] for n in dict.fromkeys(pilihan.lembar)]
    else:
        dipilih = list(buku.worksheets)
    # The history sheet of our own .xlsx export is read with the register, not as one.
    riwayat_ws = next((ws for ws in buku.worksheets if _kepala_riwayat(ws)), None)
    if riwayat_ws is not None:
        dipilih = [ws for ws in dipilih if ws is not riwayat_ws]
    banyak = len(semua) - (riwayat_ws is not None) > 1
    lembar: list[tuple[Any, int, list[str | None], list[str]]] = []
    bukan_register: list[str] = []
    for ws in dipilih:
        di = f"Berkas {berkas.name}" + (f", lembar '{ws.title}'" if banyak else "")
        awal = []
        for n, sel in enumerate(ws.iter_rows(max_row=_BARIS_AWAL * 5, values_only=True), start=1):
            if not _kosong(sel):
                awal.append((n, list(sel)))
                if len(awal) >= _BARIS_AWAL:
                    break
        if not awal:
            if pilihan.lembar:
                raise GalatMasukan(f"{di}: lembar kosong.")
            continue
        if not pilihan.lembar and banyak and not any(_mirip_kepala(s) for _, s in awal):
            bukan_register.append(ws.title)
            continue
        n_kepala, kepala, judul = _cari_kepala(awal, di)
        kolom, asing = _periksa_kolom(kepala, di, abaikan=pilihan.abaikan_kolom)
        lembar.append((ws, n_kepala, kolom, _catatan(judul, n_kepala, asing, ws.title if banyak else None)))
    if bukan_register:
        berdata = [ws.title for ws, *_ in lembar] + bukan_register
        raise GalatMasukan(
            f"Berkas {berkas.name} berisi {len(berdata)} lembar berdata ({', '.join(repr(n) for n in berdata)}); "
            f"lembar {', '.join(repr(n) for n in bukan_register)} bukan register (kepala kolomnya tidak dikenal). "
            "Pilih lembar yang diimpor dengan --lembar NAMA (boleh berulang)."
        )
    if not lembar:
        raise GalatMasukan(f"Berkas {berkas.name}: tidak ada lembar yang berisi data.")
    total = sum(ws.max_row or 0 for ws, *_ in lembar)
    posisi = [0]
    sudah = [0]

    def baris() -> Iterator[Baris]:
        sambung = _Riwayat(berkas, riwayat_ws) if riwayat_ws is not None else None
        for ws, n_kepala, kolom, _ in lembar:
            nama = ws.title if banyak else None
            for b in _baris_xlsx(berkas, buku, ws, n_kepala, kolom, nama, posisi, sudah[0]):
                if sambung is not None:
                    sambung.ke(b)
                yield b
            sudah[0] += ws.max_row or 0
        if sambung is not None:
            sambung.akhiri()

    catatan = [c for *_, cs in lembar for c in cs]
    if banyak:
        catatan.insert(0, f"Lembar dibaca: {', '.join(repr(ws.title) for ws, *_ in lembar)}.")
    kolom_semua = list(dict.fromkeys(k for _, _, kol, _ in lembar for k in kol if k))
    return Berkas(kolom_semua, baris(), lambda: (posisi[0], total), buku.close, catatan=catatan)


def _kepala_riwayat(ws: Any) -> bool:
    pertama = next(ws.iter_rows(max_row=1, values_only=True), ())
    return tuple(_kunci(v) for v in pertama if v not in (None, "")) == KOLOM_RIWAYAT


class _Riwayat:
    """The "Riwayat" sheet of an .xlsx export, walked alongside the register: the events
    of each complaint follow in the register's order (both sheets are written in it), so
    each row takes the events with its number as its ``riwayat``. Nothing is held but the
    next event."""

    def __init__(self, berkas: Path, ws: Any) -> None:
        self.berkas = berkas
        self.nama = ws.title
        self._baris = enumerate(ws.iter_rows(min_row=2, max_col=len(KOLOM_RIWAYAT), values_only=True), start=2)
        self._berikut: tuple[int, tuple[Any, ...]] | None = None
        self._maju()

    def _maju(self) -> None:
        for n, sel in self._baris:
            if not _kosong(sel):
                self._berikut = (n, sel)
                return
        self._berikut = None

    def ke(self, b: Baris) -> None:
        nomor = b.sel.get("nomor")
        peristiwa = []
        while self._berikut is not None and nomor is not None and str(self._berikut[1][0]) == str(nomor):
            _n, (_nomor, aksi, waktu, petugas, _pada, rincian) = self._berikut
            try:
                rincian = _json(rincian) if isinstance(rincian, str) else rincian
            except (json.JSONDecodeError, _TerlaluDalam):
                pass  # left as text: the riwayat column's own check names it
            peristiwa.append({"aksi": aksi, "waktu": _teks_waktu(waktu), "petugas": petugas, "rincian": rincian})
            self._maju()
        if peristiwa:
            if b.sel.get("riwayat"):
                b.sel.setdefault(_SALAH, []).append("Kolom riwayat diisi, padahal lembar Riwayat juga memuat peristiwanya.")
            b.sel["riwayat"] = peristiwa

    def akhiri(self) -> None:
        if self._berikut is not None:
            n, sel = self._berikut
            raise GalatMasukan(
                f"Berkas {self.berkas.name}, lembar '{self.nama}' baris {n}: peristiwa nomor '{sel[0]}' tidak mengikuti "
                "keluhannya (lembar Riwayat harus berurutan seperti lembar Keluhan, seperti yang ditulis ekspor)."
            )


def _teks_waktu(v: Any) -> Any:
    if isinstance(v, datetime):
        if v.microsecond:  # a serial date's float rounding: the nearest second is what was written
            v = (v + timedelta(microseconds=500_000)).replace(microsecond=0)
        return v.isoformat(sep=" ", timespec="seconds")
    return v


def _baris_xlsx(
    berkas: Path, buku: Any, ws: Any, n_kepala: int, kolom: list[str | None], lembar: str | None,
    posisi: list[int], sebelum: int,
) -> Iterator[Baris]:
    lebar = max(len(kolom), 1)
    try:
        gabung = _gabungan(buku._archive, ws._worksheet_path)
    except AttributeError:  # an openpyxl without these internals: merged cells cannot be seen
        raise GalatMasukan(
            "Versi openpyxl ini tidak memperlihatkan sel gabungan; perbarui openpyxl atau simpan sebagai CSV."
        ) from None
    # A vertical merge in one column: the merge's value in every row it covers. A merge
    # across columns, or over the header: refused naming the range (which column holds
    # the value cannot be told).
    mulai: dict[int, list[tuple[int, int, str]]] = {}
    lintas: list[tuple[int, int, str]] = []
    for g in gabung:
        c1, r1, c2, r2 = g
        if r2 < n_kepala or c1 > lebar:
            continue  # the title row's, or beyond the header
        if r1 <= n_kepala:
            raise GalatMasukan(
                f"Berkas {berkas.name}{f', lembar {lembar!r}' if lembar else ''}: sel {_ref(g)} digabung di kepala "
                "kolom; pisahkan gabungan sel itu (setiap kolom satu kepala)."
            )
        if c1 != c2:
            nama = ", ".join(k or _huruf_kolom(c - 1) for c in range(c1, min(c2, lebar) + 1) for k in [kolom[c - 1] if c <= len(kolom) else None])
            lintas.append((r1, r2, f"Sel {_ref(g)} digabung melintasi kolom {nama}; pisahkan gabungan sel itu."))
        elif r2 > r1:
            mulai.setdefault(r1, []).append((c1 - 1, r2, _ref(g)))
    aktif: dict[int, tuple[int, Any, str]] = {}
    for n, sel in enumerate(ws.iter_rows(min_row=n_kepala + 1, max_col=lebar), start=n_kepala + 1):
        posisi[0] = sebelum + n
        if n > _BARIS_XLSX:
            raise GalatMasukan(f"Berkas {berkas.name}: lebih dari {_BARIS_XLSX} baris, batas lembar Excel.")
        nilai = [_sel_xlsx(c, k) for c, k in zip(sel, kolom)]
        for c, r2, ref in mulai.pop(n, ()):
            if c < len(nilai):
                aktif[c] = (r2, nilai[c], ref)
        kosong = all(v is None or v == "" for v in nilai)
        gabungan: dict[str, str] = {}
        if aktif:
            for c, (r2, v, ref) in list(aktif.items()):
                if n > r2:
                    del aktif[c]
                    continue
                if kolom[c]:
                    gabungan[kolom[c]] = ref  # type: ignore[index]
                nilai[c] = v
        if kosong:
            continue
        isi = _isi_baris(kolom, nilai, n, _huruf_kolom)
        salah = [m for r1, r2, m in lintas if r1 <= n <= r2]
        if salah:
            isi.setdefault(_SALAH, []).extend(salah)
        yield Baris(n, isi, lembar=lembar, gabung=gabungan)


# A number format that shows a time of day (h, s, AM/PM), once quoted text and colours are removed.
_FORMAT_JAM = re.compile(r"[hs]|am/pm|a/p", re.IGNORECASE)
_FORMAT_KUTIP = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')
# A number format that writes a phone as typed: zeros for the digits ("000000000000"),
# or a literal leading 0 ("0#########", "\0#", '"0"#').
_FORMAT_NOL = re.compile(r'^(?:"(\d+)"|\\(\d))?([0#]+)$')


def _format_jam(fmt: str | None) -> bool:
    return bool(fmt) and _FORMAT_JAM.search(_FORMAT_KUTIP.sub("", fmt)) is not None  # type: ignore[arg-type]


def _sel_xlsx(c: Any, kolom: str | None) -> Any:
    """A cell as text. Dates and times as ISO text (local time,
    as typed in Excel); a date cell whose format shows no time of day is a date, never
    midnight. In a text column a boolean is the word typed (an Indonesian-locale sheet
    turns "benar" into TRUE), a number its digits; a phone kept as typed where the cell's
    number format shows the leading 0 (else ``rencana`` warns of it)."""
    v = c.value
    if v is None or not kolom:
        return v
    if isinstance(v, bool):
        if kolom == "validasi":
            return "benar" if v else "tidak_benar"
        return "benar" if v else "salah"
    if isinstance(v, datetime):
        if v.time() == datetime.min.time() and not _format_jam(getattr(c, "number_format", None)):
            return v.date().isoformat()  # a time hidden by the format is still kept
        return _teks_waktu(v) if v.tzinfo is None else v.isoformat(timespec="seconds")
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, (int, float)):
        if isinstance(v, float) and not v.is_integer():
            return str(v)
        teks = str(int(v))
        if kolom == "telepon":
            m = _FORMAT_NOL.match(getattr(c, "number_format", None) or "")
            if m:  # what the sheet shows: the literal prefix, then zeros up to the leftmost 0 placeholder
                pola = m[3]
                teks = (m[1] or m[2] or "") + teks.zfill(len(pola) - pola.index("0") if "0" in pola else 0)
        return teks
    return str(v)


def _periksa_json(kolom: list[str], berkas: Path) -> None:
    """JSON keys are ``ekspor``'s own: named exactly, none unknown."""
    asing = [k for k in kolom if k not in KOLOM]
    if asing:
        raise GalatMasukan(
            f"Berkas {berkas.name}: kolom tidak dikenal: {', '.join(asing)}. Kolom yang dikenal: {', '.join(KOLOM)}."
        )
    kurang = [k for k in WAJIB if k not in kolom]
    if kurang:
        raise GalatMasukan(f"Berkas {berkas.name}: kolom wajib tidak ada: {', '.join(kurang)}.")


def _buka_json(berkas: Path, *, baris_per_baris: bool) -> Berkas:
    ukuran = berkas.stat().st_size
    if not baris_per_baris:
        try:
            data = _json(berkas.read_text(encoding="utf-8-sig"))
        except (json.JSONDecodeError, UnicodeDecodeError) as e:
            raise GalatMasukan(f"Berkas {berkas.name} bukan JSON yang sah ({e}).") from None
        except _TerlaluDalam:
            raise GalatMasukan(f"Berkas {berkas.name}: JSON bersarang terlalu dalam; register adalah daftar objek.") from None
        if not isinstance(data, list) or not all(isinstance(x, dict) for x in data):
            raise GalatMasukan(f"Berkas {berkas.name}: JSON harus berupa daftar objek, satu per keluhan.")
        kolom = list(dict.fromkeys(k for x in data for k in x))
        _periksa_json(kolom, berkas)
        posisi = [0]

        def dari_daftar() -> Iterator[Baris]:
            for n, x in enumerate(data, start=1):
                posisi[0] = n
                yield Baris(n, x)

        return Berkas(kolom, dari_daftar(), lambda: (posisi[0], len(data)))
    mentah = berkas.open("rb")

    def dari_baris() -> Iterator[Baris]:
        for n, teks in enumerate(mentah, start=1):
            if not teks.strip():
                continue
            try:
                x = _json(teks)
            except (json.JSONDecodeError, UnicodeDecodeError) as e:
                yield Baris(n, {"__galat__": f"Baris bukan JSON yang sah ({e})."})
                continue
            except _TerlaluDalam:
                yield Baris(n, {"__galat__": "Baris berisi JSON bersarang terlalu dalam."})
                continue
            if not isinstance(x, dict):
                yield Baris(n, {"__galat__": "Baris harus berupa objek JSON."})
                continue
            asing = [k for k in x if k not in KOLOM]
            if asing:
                yield Baris(n, {"__galat__": f"Baris memuat kolom tidak dikenal: {', '.join(asing)}."})
                continue
            yield Baris(n, x)

    return Berkas(list(KOLOM), dari_baris(), lambda: (mentah.tell(), ukuran), mentah.close)


# -- a row into a complaint -------------------------------------------------------------


# A numeric date as clerks type it: 2/11/2025, 02.11.2025, 2-11-2025 (one separator).
_ANGKA = re.compile(r"(?<![\d/.\-])(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})(?![\d/.\-])")
# The whole value, once the date is year first: "2025-11-02 8:41", "... 08.41.30", "... 8:41 AM".
_CEPAT = re.compile(r"(\d{4})-(\d{2})-(\d{2})[ T]+(\d{1,2})[.:](\d{2})(?:[.:](\d{2}))?(?:\s*([AaPp])\.?[Mm]\.?)?")
_TAHUN_DULU = re.compile(r"^\s*\d{4}[-/.]")
# The whole value as clerks type it most, in one pattern: a numeric date, day or month
# first (one separator), then the time with ':' or '.' ("2/11/2025 08.10", "02-11-2025 8:10:30").
# Read by BentukTanggal.waktu in one step; anything else goes the general way (susun, parse_waktu).
_ANGKA_JAM = re.compile(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})[ T]+(\d{1,2})[.:](\d{2})(?:[.:](\d{2}))?")
_BENTUK = {"dmy": "hari dahulu", "mdy": "bulan dahulu", "iso": "ISO (tahun-bulan-tanggal)"}
_CONTOH_BUKTI = 5  # rows named as evidence in a message


class BentukTanggal:
    """One date convention for a whole file, never decided per cell.

    ``bentuk`` is what ``--format-tanggal`` said: "dmy" (day first, the convention
    here), "mdy" (month first, an English-US Excel), "iso" (year first only), or None:
    day first, and a file whose values show month first (a second field above 12, or a
    date whose month contradicts the Roman month of its own official number) is refused
    at the end with those rows as evidence. Year-first and month-name dates read the
    same in every convention but "iso" (which takes year first only).
    """

    def __init__(self, bentuk: str | None = None) -> None:
        self.bentuk = bentuk
        # (row, column, text) that only one order can read; counts kept beside a few examples
        self.bulan_dulu: list[tuple[int, str, str]] = []
        self.hari_dulu: list[tuple[int, str, str]] = []
        self.n_bulan_dulu = 0
        self.n_hari_dulu = 0

    def _bukti(self, bulan_dulu: bool, baris: int, kolom: str, teks: str) -> None:
        if bulan_dulu:
            self.n_bulan_dulu += 1
            if len(self.bulan_dulu) < _CONTOH_BUKTI:
                self.bulan_dulu.append((baris, kolom, teks))
        else:
            self.n_hari_dulu += 1
            if len(self.hari_dulu) < _CONTOH_BUKTI:
                self.hari_dulu.append((baris, kolom, teks))

    def susun(self, teks: str, kolom: str, baris: int) -> str:
        """``teks`` with its numeric date rewritten year first (the file's convention
        applied), so the rest of the value is read without any guess."""
        if _TAHUN_DULU.match(teks):
            return teks
        m = _ANGKA.search(teks)
        if self.bentuk == "iso":
            raise GalatMasukan(
                f"Kolom {kolom} berisi '{teks}', bukan tanggal ISO (--format-tanggal iso): tulis tahun-bulan-tanggal, "
                "mis. 2025-11-02 08:10."
            )
        if m is None:
            return teks  # a month name ("2 November 2025"): no order to decide
        a, b = int(m[1]), int(m[3])
        if a > 12 >= b:
            self._bukti(False, baris, kolom, teks)
        elif b > 12 >= a:
            self._bukti(True, baris, kolom, teks)
        bulan, hari = (a, b) if self.bentuk == "mdy" else (b, a)
        if bulan > 12 or bulan < 1:
            if self.bentuk is None:
                raise GalatMasukan(
                    f"Kolom {kolom} berisi '{teks}': hanya terbaca bila bulan ditulis dahulu; berkas dibaca hari "
                    "dahulu (lihat --format-tanggal)."
                )
            raise GalatMasukan(
                f"Kolom {kolom} berisi '{teks}': tidak terbaca {_BENTUK[self.bentuk]} (--format-tanggal "
                f"{self.bentuk}), bulan {bulan} tidak ada."
            )
        return f"{teks[:m.start()]}{m[4]}-{bulan:02d}-{hari:02d}{teks[m.end():]}"

    def waktu(self, teks: str, kolom: str, baris: int, zona: str) -> datetime:
        """``teks`` read as a time in ``zona`` with this file's convention: what
        ``parse_waktu(self.susun(teks, ...), ...)`` returns, the commonest form (a numeric
        date and a time, ``_ANGKA_JAM``) read by one pattern without rewriting it first."""
        m = _ANGKA_JAM.fullmatch(teks) if self.bentuk != "iso" else None
        if m is not None:
            a_, _sep, b_, y, h, i, d = m.groups()
            a, b = int(a_), int(b_)
            bulan, hari = (a, b) if self.bentuk == "mdy" else (b, a)
            try:
                t = datetime(int(y), bulan, hari, int(h), int(i), int(d or 0))
            except ValueError:
                pass  # a month or day that does not exist, an hour past 23: the general way says which
            else:
                if a > 12 >= b:
                    self._bukti(False, baris, kolom, teks)
                elif b > 12 >= a:
                    self._bukti(True, baris, kolom, teks)
                if not w.TAHUN_MIN <= t.year <= w.TAHUN_MAX:  # (the message built only when refused)
                    w.periksa_tahun(t, f"Waktu kolom {kolom}", teks)
                return w.di_zona(t, zona)
        return parse_waktu(self.susun(teks, kolom, baris), zona, kolom, asli=teks)

    def bukti_nomor(self, teks: str, bulan_nomor: int, baris: int) -> None:
        """The month inside the row's official number as evidence of the order its
        recording date ``teks`` was written in (only a date both orders can read)."""
        if self.bentuk is not None or _TAHUN_DULU.match(teks):
            return
        m = _ANGKA.search(teks)
        if m is None:
            return
        a, b = int(m[1]), int(m[3])
        if a == b or a > 12 or b > 12:
            return
        if bulan_nomor == a:
            self._bukti(True, baris, "dicatat", f"{teks}, nomor bulan {_ROMAWI[a]}")
        elif bulan_nomor == b:
            self._bukti(False, baris, "dicatat", f"{teks}, nomor bulan {_ROMAWI[b]}")

    def akhiri(self) -> list[str]:
        """What the file's dates say as a whole (read day first, without --format-tanggal)."""
        if self.bentuk is not None or not self.n_bulan_dulu:
            return []

        def contoh(bukti: list[tuple[int, str, str]], n: int) -> str:
            teks = "; ".join(f"baris {b} kolom {k} '{t}'" for b, k, t in bukti)
            return teks + (f"; dan {n - len(bukti)} lainnya" if n > len(bukti) else "")

        if self.n_hari_dulu:
            return [
                "Tanggal dalam berkas ini ditulis dengan dua cara: bulan dahulu ("
                + contoh(self.bulan_dulu, self.n_bulan_dulu) + ") dan hari dahulu ("
                + contoh(self.hari_dulu, self.n_hari_dulu)
                + "). Satu berkas harus memakai satu cara; perbaiki baris-baris itu, lalu ulangi."
            ]
        return [
            "Tanggal dalam berkas ini ditulis bulan dahulu (seperti Excel berbahasa Inggris AS): "
            + contoh(self.bulan_dulu, self.n_bulan_dulu)
            + ". Dibaca hari dahulu, tanggal seperti 2/11 menjadi 2 November. Bila seluruh berkas bulan dahulu, "
            "ulangi dengan --format-tanggal mdy."
        ]


_ROMAWI = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


class _Sel:
    """One row's cells, cleaned once: trimmed text, empty cells dropped, choices lower-case;
    times and dates parsed in the archive's zone on request. Every reason to refuse the
    row is collected (one per column), not only the first."""

    def __init__(
        self, sel: dict[str, Any], zona: str, bentuk: BentukTanggal, baris: int, gabung: dict[str, str] | None = None,
    ) -> None:
        self.zona = zona
        self.bentuk = bentuk
        self.baris = baris
        self.gabung = gabung or {}
        self.galat: list[str] = list(sel.get(_SALAH, ()))
        self._gagal: set[str] = set()
        self.v: dict[str, str] = {}
        for kolom, nilai in sel.items():
            if nilai is None or kolom == _SALAH:
                continue
            if not isinstance(nilai, str):
                nilai = json.dumps(nilai, ensure_ascii=False) if isinstance(nilai, (dict, list)) else str(nilai)
            nilai = nilai.strip()
            if nilai:
                self.v[kolom] = nilai.lower().replace(" ", "_") if kolom in _HURUF_KECIL else nilai

    def teks(self, kolom: str) -> str | None:
        return self.v.get(kolom)

    def salah(self, kolom: str, pesan: str) -> None:
        """A reason to refuse the row (the first one per column)."""
        if kolom not in self._gagal:
            self._gagal.add(kolom)
            self.galat.append(pesan)

    def wajib(self, kolom: str, pesan: str) -> None:
        """``kolom`` is empty where it is required (unless it was refused already as unreadable)."""
        ref = self.gabung.get(kolom)
        self.salah(kolom, pesan + (f" Sel {ref} digabung, dan isinya kosong." if ref else ""))

    def waktu(self, kolom: str) -> datetime | None:
        v = self.teks(kolom)
        if v is None:
            return None
        try:
            return self.bentuk.waktu(v, kolom, self.baris, self.zona)
        except GalatMasukan as e:
            self.salah(kolom, e.pesan)
            return None

    def diajukan(self) -> date | datetime | None:
        """When the customer submitted: a time, or a letter's date alone, which stays a
        date (``waktu.parse_diajukan``; stored as one, step 2 then not measured)."""
        v = self.teks("diajukan")
        if v is None:
            return None
        try:
            t = self.bentuk.susun(v, "diajukan", self.baris)
            if _ISO.match(t) or _CEPAT.fullmatch(t):
                return parse_waktu(t, self.zona, "diajukan", asli=v)
            try:
                return w.parse_diajukan(t, self.zona, opsi="kolom diajukan")
            except GalatMasukan as e:
                raise GalatMasukan(e.pesan.replace(f"'{t}'", f"'{v}'")) from None
        except GalatMasukan as e:
            self.salah("diajukan", e.pesan)
            return None

    def tanggal(self, kolom: str) -> str | None:
        v = self.teks(kolom)
        if v is None:
            return None
        try:
            v = self.bentuk.susun(v, kolom, self.baris)
            try:
                return date.fromisoformat(v[:10] if len(v) >= 10 and v[10:].strip(" 0:T") == "" else v).isoformat()
            except ValueError:
                return w.parse_tanggal(v, opsi=f"kolom {kolom}").isoformat()
        except GalatMasukan as e:
            self.salah(kolom, e.pesan)
            return None

    def petugas(self, kolom: str, apa: str) -> str | None:
        """The officer of a step: from the file, never the importing clerk."""
        nama = self.teks(kolom)
        if not nama:
            self.wajib(kolom, f"Kolom {kolom} kosong: siapa yang {apa}? Petugas yang mengimpor tidak dipakai sebagai gantinya.")
        return nama


# A phone written in E-notation ("6,28123E+11", as Excel shows a long number): digits lost.
_NOTASI_E = re.compile(r"[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+")
# A phone of digits only that starts neither with 0 nor with 62: a number cell's leading 0 lost?
_TANPA_NOL = re.compile(r"[1-9]\d{6,14}")
_BENAR = {"benar": "benar", "true": "benar", "tidak_benar": "tidak_benar", "false": "tidak_benar", "salah": "tidak_benar"}


def parse_waktu(teks: str, zona: str, kolom: str, *, asli: str | None = None) -> datetime:
    """ISO text fast (the common case in exports), then a clerk's numeric date and time
    with one compiled pattern (``teks`` already year first, see ``BentukTanggal.susun``),
    anything else a clerk types through ``waktu.parse_waktu``. ``asli``: the value as
    the file wrote it, for messages."""
    if _ISO.match(teks):
        try:
            t = datetime.fromisoformat(teks)
        except ValueError:
            pass
        else:
            w.periksa_tahun(t, f"Waktu kolom {kolom}", teks)  # before any zone arithmetic (year 1 overflows)
            return w.di_zona(t, zona).replace(microsecond=0)
    m = _CEPAT.fullmatch(teks)
    if m is not None:
        jam = int(m[4])
        if m[7] is not None and 1 <= jam <= 12:
            jam = jam % 12 + (12 if m[7] in "pP" else 0)
        try:
            t = datetime(int(m[1]), int(m[2]), int(m[3]), jam, int(m[5]), int(m[6] or 0))
        except ValueError:
            pass  # an impossible date or hour: waktu.parse_waktu says which
        else:
            if m[7] is None or 1 <= int(m[4]) <= 12:
                w.periksa_tahun(t, f"Waktu kolom {kolom}", asli or teks)
                return w.di_zona(t, zona)
    try:
        return w.parse_waktu(teks, zona, opsi=f"kolom {kolom}")
    except GalatMasukan as e:
        if asli is None or asli == teks:
            raise
        raise GalatMasukan(e.pesan.replace(f"'{teks}'", f"'{asli}'")) from None


_ISIAN_CATAT = tuple(k for k in KOLOM_CATAT if k not in ("nomor", "diajukan", "dicatat", "petugas"))


def rencana(
    b: Baris, *, zona: str, petugas: str | None = None, berkas: str, bentuk: BentukTanggal | None = None,
    bulan_nomor: Callable[[str], int | None] | None = None, peringatan: list[tuple[str, str]] | None = None,
) -> KeluhanImpor:
    """The complaint a row describes, with its events; GalatMasukan names every column
    refused. ``bulan_nomor`` reads the month out of an official number (None when the
    format has none); ``peringatan`` collects (row, phone) whose leading 0 may be lost.
    ``petugas`` (the importing clerk) is never used for an event: a missing officer is refused."""
    if "__galat__" in b.sel:
        raise GalatMasukan(b.sel["__galat__"])
    s = _Sel(b.sel, zona, bentuk or BentukTanggal(), b.nomor, b.gabung)
    if bulan_nomor is not None and s.teks("nomor") and s.teks("dicatat"):
        bulan = bulan_nomor(s.teks("nomor"))  # type: ignore[arg-type]
        if bulan is not None:
            s.bentuk.bukti_nomor(s.teks("dicatat"), bulan, b.nomor)  # type: ignore[arg-type]
    isian = {k: s.v.get(k) for k in _ISIAN_CATAT}
    telepon = isian.get("telepon")
    if telepon and _NOTASI_E.fullmatch(telepon):
        s.salah("telepon", f"Kolom telepon berisi '{telepon}': angka dalam notasi E, digit nomornya sudah hilang; "
                           "ketik ulang nomornya (sebagai teks).")
    elif telepon and peringatan is not None and _TANPA_NOL.fullmatch(telepon) and not telepon.startswith("62"):
        peringatan.append((str(b.rujukan), telepon))
    isian["diajukan"] = s.diajukan()
    dicatat = s.waktu("dicatat")
    if dicatat is None:
        s.wajib("dicatat", "Kolom dicatat (waktu keluhan dicatat) wajib diisi.")
    for wajib in ("nama", "media", "uraian"):
        if not isian[wajib]:
            s.wajib(wajib, f"Kolom {wajib} wajib diisi.")
    pencatat = s.petugas("petugas", "mencatat keluhan ini")
    langkah: list[LangkahImpor] = []
    koreksi: list[tuple[str, Any]] = []
    cocok: list[tuple[str, str, str, Any]] = []
    riwayat = s.teks("riwayat")
    if riwayat:
        try:
            langkah, koreksi = _dari_riwayat(riwayat, zona)
        except GalatMasukan as e:
            s.salah("riwayat", e.pesan)
        cocok = _cocok(s)
    else:
        langkah = _dari_kolom(s)
    if s.galat:
        raise GalatMasukan(" ".join(s.galat))
    # Corrections replayed on top of catat: catat recorded the values before them.
    for kolom, lama in reversed(koreksi):
        if kolom in isian and kolom != "diajukan":  # a corrected diajukan is refused with its remedy (arsip._langkah)
            isian[kolom] = lama
    r = KeluhanImpor(
        isian=isian, petugas=pencatat, dicatat=dicatat, nomor=s.teks("nomor"),  # type: ignore[arg-type]
        asal={"berkas": berkas, "baris": b.nomor, **({"lembar": b.lembar} if b.lembar else {})},
        langkah=langkah, cocok=cocok,
    )
    status = s.teks("status")
    if status:
        r.cocok.append(("status", "k", "status", status))
    return r


def _cocok(s: _Sel) -> list[tuple[str, str, str, Any]]:
    """The step columns a row fills, as values to check against its replayed history."""
    hasil = []
    for kolom, (sumber, nama) in KOLOM_LANGKAH.items():
        if kolom in _WAKTU:
            t = s.waktu(kolom)
            nilai: Any = w.iso(t) if t else None
        elif kolom == "target":
            nilai = s.tanggal(kolom)
        else:
            nilai = s.teks(kolom)
        if nilai is not None:
            hasil.append((kolom, sumber, nama, nilai))
    return hasil


def _dari_riwayat(teks: str, zona: str) -> tuple[list[LangkahImpor], list[tuple[str, Any]]]:
    try:
        data = _json(teks)
    except json.JSONDecodeError as e:
        raise GalatMasukan(f"Kolom riwayat bukan JSON yang sah ({e}).") from None
    except _TerlaluDalam:
        raise GalatMasukan("Kolom riwayat: JSON bersarang terlalu dalam.") from None
    if not isinstance(data, list):
        raise GalatMasukan("Kolom riwayat harus berupa daftar peristiwa JSON.")
    langkah, koreksi = [], []
    for i, p in enumerate(data, start=1):
        if not isinstance(p, dict) or not isinstance(p.get("rincian", {}), dict):
            raise GalatMasukan(f"Kolom riwayat, peristiwa ke-{i}: harus berupa objek dengan aksi, waktu, petugas, rincian.")
        try:
            aksi = Aksi(p.get("aksi"))
        except ValueError:
            raise GalatMasukan(f"Kolom riwayat, peristiwa ke-{i}: aksi '{p.get('aksi')}' tidak dikenal.") from None
        if not isinstance(p.get("waktu"), str):
            raise GalatMasukan(f"Kolom riwayat, peristiwa ke-{i}: waktu wajib diisi.")
        rincian = dict(p.get("rincian") or {})
        langkah.append(LangkahImpor(aksi, p.get("petugas"), parse_waktu(p["waktu"], zona, "riwayat"), rincian))
        if aksi is Aksi.KOREKSI:
            koreksi.append((rincian.get("kolom"), rincian.get("lama")))
    return langkah, koreksi


def _dari_kolom(s: _Sel) -> list[LangkahImpor]:
    """Events from the step columns: one round of each step, in SOP order (every reason
    to refuse collected in ``s``)."""
    langkah: list[LangkahImpor] = []
    v = s.v  # the row's non-empty cells
    validasi = v.get("validasi")
    validasi = _BENAR.get(validasi, validasi) if validasi else None
    isi_validasi = [k for k in ("validasi_waktu", "validasi_petugas", "tim_teknis", "alasan_tidak_valid", "validasi_catatan") if k in v]
    if validasi is None and isi_validasi:
        s.salah("validasi", f"Kolom validasi kosong, tetapi {', '.join(isi_validasi)} diisi; isi validasi: benar atau tidak_benar.")
    if validasi is not None:
        jumlah = len(s.galat)
        if validasi not in ("benar", "tidak_benar"):
            s.salah("validasi", f"Kolom validasi berisi '{validasi}'; isi benar atau tidak_benar.")
        waktu = s.waktu("validasi_waktu")
        if waktu is None:
            s.wajib("validasi_waktu", "Kolom validasi_waktu wajib diisi bila validasi diisi.")
        oleh = s.petugas("validasi_petugas", "memvalidasi")
        if validasi == "benar":
            if not s.teks("tim_teknis"):
                s.wajib("tim_teknis", "Kolom tim_teknis wajib diisi bila validasi = benar.")
            aksi, rincian = Aksi.VALIDASI_BENAR, {"tim_teknis": s.teks("tim_teknis")}
        else:
            if validasi == "tidak_benar" and not s.teks("alasan_tidak_valid"):
                s.wajib("alasan_tidak_valid", "Kolom alasan_tidak_valid wajib diisi bila validasi = tidak_benar.")
            aksi, rincian = Aksi.VALIDASI_TIDAK_BENAR, {"alasan": s.teks("alasan_tidak_valid")}
        rincian["catatan"] = s.teks("validasi_catatan")
        if len(s.galat) == jumlah:
            langkah.append(LangkahImpor(aksi, oleh, waktu, rincian))  # type: ignore[arg-type]
    for (kolom_waktu, kolom_petugas, isian), semua in zip(_LANGKAH, _KOLOM_LANGKAH_INI):
        terisi = [k for k in semua if k in v]
        if not terisi:
            continue
        jumlah = len(s.galat)
        waktu = s.waktu(kolom_waktu)
        if waktu is None:
            s.wajib(kolom_waktu, f"Kolom {kolom_waktu} wajib diisi bila {', '.join(terisi)} diisi.")
        oleh = s.petugas(kolom_petugas, f"mencatat langkah {PERINTAH_LANGKAH[kolom_waktu]}")
        for wajib in _WAJIB_LANGKAH.get(kolom_waktu, ()):
            if not s.teks(wajib):
                s.wajib(wajib, f"Kolom {wajib} wajib diisi bila {kolom_waktu} diisi.")
        rincian = {kunci: (s.tanggal(k) if k == "target" else v.get(k)) for k, kunci in isian.items()}
        if len(s.galat) == jumlah:
            langkah.append(LangkahImpor(_AKSI_LANGKAH[kolom_waktu], oleh, waktu, rincian))  # type: ignore[arg-type]
    return langkah


PERINTAH_LANGKAH = {
    "tindak_waktu": "tindak", "verifikasi_waktu": "verifikasi", "informasikan_waktu": "informasikan",
    "banding_waktu": "banding",
}


# -- the whole import ------------------------------------------------------------------


def impor(
    penulis: PenulisMassal, berkas: Berkas, *, nama_berkas: str, zona: str, petugas: str | None = None,
    setiap: Callable[[], None] | None = None, format_tanggal: str | None = None,
) -> Hasil:
    """Read every row into ``penulis``; collect every refusal with its row.
    ``format_tanggal``: the file's date convention (``BentukTanggal``)."""
    hasil = Hasil(catatan=list(berkas.catatan))
    bentuk = BentukTanggal(format_tanggal)
    telepon: list[tuple[str, str]] = []

    def baca(b: Baris) -> KeluhanImpor:
        return rencana(b, zona=zona, berkas=nama_berkas, bentuk=bentuk, bulan_nomor=penulis.bulan_nomor,
                       peringatan=telepon)

    if _pakai_pekerja(berkas):
        # The second process reads each row into its complaint and, where the archive allows
        # it (``penyiap``), checks there all of it that depends on no earlier row.
        siapkan = penulis.penyiap()
        dibaca = _dari_pekerja(berkas, baca if siapkan is None else lambda b: siapkan(baca(b)), bentuk, telepon)
    else:
        dibaca = _dibaca(berkas, baca)
    try:
        for label, rujukan, r, pesan in dibaca:
            hasil.dibaca += 1
            try:
                if r is None:  # refused as it was read
                    raise GalatKeluhan(pesan or "")
                k = penulis.tambah(r, rujukan)
            except GalatKeluhan as e:
                penulis.ada_tolak = True
                hasil.tolak.append((label, e.pesan))
            else:
                hasil.diterima += 1
                hasil.per_status[k["status"]] = hasil.per_status.get(k["status"], 0) + 1
            if setiap is not None:
                setiap()
    finally:
        dibaca.close()  # stopped early (Ctrl-C, an error): a reading process ends now, not at exit
    hasil.tolak += [(None, m) for m in penulis.akhiri()]
    tanggal = bentuk.akhiri()
    if tanggal:
        penulis.ada_tolak = True
        hasil.tolak += [(None, m) for m in tanggal]
    if telepon:
        contoh = ", ".join(f"{b} ({t})" for b, t in telepon[:10]) + (
            f" dan {len(telepon) - 10} lainnya" if len(telepon) > 10 else "")
        hasil.peringatan.append(
            f"Kolom telepon berisi angka yang tidak diawali 0 atau 62 (nol di depannya mungkin hilang karena selnya "
            f"sel angka) di baris {contoh}. Periksa nomor-nomor itu; di lembar kerja, format kolom telepon sebagai Teks."
        )
    hasil.nomor_diberikan = penulis.nomor_diberikan
    return hasil


# A row as read: (its label, how another row's message names it, its complaint, or None
# and why it was refused).
_Dibaca = tuple[str, "int | str", "KeluhanImpor | None", "str | None"]


def _dibaca(berkas: Berkas, baca: Callable[[Baris], KeluhanImpor]) -> Generator[_Dibaca, None, None]:
    """Each row of ``berkas`` read into its complaint (``rencana``), in order. What the
    file itself refuses midway (not UTF-8, broken CSV) is raised where it is met."""
    for b in berkas.baris:
        try:
            r = baca(b)
        except GalatKeluhan as e:
            yield b.label, b.rujukan, None, e.pesan
        else:
            yield b.label, b.rujukan, r, None


# Reading rows into complaints in a second process: files from this size on (smaller
# ones are read before a process would start), CSV only (its reader is a plain
# iterator; a workbook's is not forked safely), where ``fork`` exists and a second core
# looks free. It moves ~80 us per row off this process and costs ~20-35 us of pickling
# per row in all: a gain in waiting time only when the other core is free.
_PEKERJA_MIN_BAIT = 1 << 20
_PEKERJA_KELOMPOK = 256  # rows per message


def _inti_bebas() -> bool:
    """Whether a second core looks free: two or more, and the load average of the last
    minute below their number less one half (this process counts for about one)."""
    import os

    inti = os.cpu_count() or 1
    try:
        beban = os.getloadavg()[0]
    except (AttributeError, OSError):
        return False
    return inti >= 2 and beban < inti - 0.5


def _pakai_pekerja(berkas: Berkas) -> bool:
    if berkas.keadaan is None or berkas.keadaan.get("ukuran", 0) < _PEKERJA_MIN_BAIT:
        return False
    import os

    if os.name == "nt" or not _inti_bebas():
        return False
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _pekerja(ujung: Any, berkas: Berkas, baca: Callable[[Baris], KeluhanImpor], bentuk: BentukTanggal,
             telepon: list[tuple[str, str]]) -> None:
    """The second process: rows read into complaints, sent in pickled batches with how far
    the file is read; then what the file's dates and phones showed (``bentuk``, ``telepon``),
    or what stopped it. Nothing here touches the archive (the check and the chain stay in
    the first process)."""
    import pickle
    import signal

    # A Ctrl-C reaches the whole process group: the first process alone answers it (the
    # interrupted line, nothing written) and ends this one; here it must not turn into a
    # "gagal" report read before the first process's own KeyboardInterrupt.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    kirim = ujung.send_bytes
    kelompok: list[_Dibaca] = []
    try:
        try:
            for x in _dibaca(berkas, baca):
                kelompok.append(x)
                if len(kelompok) >= _PEKERJA_KELOMPOK:
                    kirim(pickle.dumps(("baris", kelompok, berkas.kemajuan()), pickle.HIGHEST_PROTOCOL))
                    kelompok = []
                    sapu_muda()  # (forked inside arsip.massal: the collector is off here too)
        except GalatKeluhan as e:  # the file refused midway: the rows before it, then the refusal
            kirim(pickle.dumps(("baris", kelompok, berkas.kemajuan()), pickle.HIGHEST_PROTOCOL))
            kirim(pickle.dumps(("galat", type(e).__name__, e.pesan), pickle.HIGHEST_PROTOCOL))
            return
        kirim(pickle.dumps(("baris", kelompok, berkas.kemajuan()), pickle.HIGHEST_PROTOCOL))
        bukti = (bentuk.bulan_dulu, bentuk.hari_dulu, bentuk.n_bulan_dulu, bentuk.n_hari_dulu)
        kirim(pickle.dumps(("akhir", bukti, telepon), pickle.HIGHEST_PROTOCOL))
    except BaseException:  # a bug: said in the first process, with its traceback
        import traceback

        try:
            kirim(pickle.dumps(("gagal", traceback.format_exc()), pickle.HIGHEST_PROTOCOL))
        except BaseException:
            pass
    finally:
        ujung.close()


def _dari_pekerja(berkas: Berkas, baca: Callable[[Baris], KeluhanImpor], bentuk: BentukTanggal,
                  telepon: list[tuple[str, str]]) -> Generator[_Dibaca, None, None]:
    """``_dibaca`` run in a forked second process while this one checks and stages what it
    has read (``PenulisMassal.tambah``): the same rows in the same order, the same refusals,
    the same evidence about the file's dates, each raised at the same point. The pipe holds
    a few batches ahead, so memory stays bounded."""
    import multiprocessing
    import pickle

    from keluhan import galat

    assert berkas.keadaan is not None
    import sys

    for aliran in (sys.stdout, sys.stderr):  # nothing buffered here is written twice by the copy's exit
        if aliran is not None:
            aliran.flush()
    ctx = multiprocessing.get_context("fork")
    terima, kirim = ctx.Pipe(duplex=False)
    pipa_lebar(terima)
    anak = ctx.Process(target=_pekerja, args=(kirim, berkas, baca, bentuk, telepon), daemon=True)
    anak.start()
    kirim.close()
    try:
        while True:
            try:
                pesan = pickle.loads(terima.recv_bytes())
            except EOFError:
                raise GalatKeluhan("Proses pembaca berkas impor berhenti sebelum selesai; tidak ada yang ditulis.") from None
            if pesan[0] == "baris":
                berkas.keadaan["posisi"] = pesan[2]
                yield from pesan[1]
            elif pesan[0] == "akhir":
                (bentuk.bulan_dulu, bentuk.hari_dulu, bentuk.n_bulan_dulu, bentuk.n_hari_dulu), lain = pesan[1], pesan[2]
                telepon += lain
                return
            elif pesan[0] == "galat":
                kelas = getattr(galat, pesan[1], None)
                raise (kelas if isinstance(kelas, type) and issubclass(kelas, GalatKeluhan) else GalatMasukan)(pesan[2])
            else:
                raise RuntimeError(f"Proses pembaca berkas impor gagal:\n{pesan[1]}")
    finally:
        berkas.keadaan.pop("posisi", None)
        terima.close()
        anak.join(timeout=5)
        if anak.is_alive():
            anak.terminate()
            anak.join()


# What each column holds (docs/impor-ekspor.md is generated from this; a test checks
# every column of KOLOM has one).
KETERANGAN_KOLOM: dict[str, str] = {
    "nomor": "Nomor resmi keluhan. Diisi: dipertahankan apa adanya (harus sesuai `nomor.format`). Kosong: diberi nomor berikutnya tahun itu.",
    "nama": "Nama pelanggan. **Wajib.**",
    "instansi": "Instansi/perusahaan pelanggan.",
    "alamat": "Alamat pelanggan.",
    "telepon": "Telepon pelanggan.",
    "email": "Email pelanggan.",
    "media": "Media keluhan masuk: kotak, surat, telepon, fax, email, siptenan, website. **Wajib.**",
    "layanan": "pengujian, kalibrasi, sertifikasi, inspeksi, lainnya.",
    "referensi": "No. LHU atau sertifikat yang dikeluhkan.",
    "uraian": "Uraian keluhan. **Wajib.**",
    "harapan": "Penyelesaian yang diharapkan pelanggan.",
    "kategori": "Kategori keluhan.",
    "diajukan": "Waktu pelanggan mengajukan keluhan (langkah 1); tanggal saja (tanggal surat) disimpan sebagai tanggal, langkah 2 lalu tidak diukur.",
    "dicatat": "Waktu keluhan dicatat (langkah 2). **Wajib.**",
    "petugas": "Petugas yang mencatat. **Wajib** (tidak pernah diisi dengan petugas yang mengimpor).",
    "status": "Status akhir. Tidak dipakai untuk membuat riwayat; bila diisi harus sama dengan hasilnya.",
    "validasi": "Hasil langkah 3: `benar` atau `tidak_benar`.",
    "validasi_waktu": "Waktu validasi.",
    "validasi_petugas": "Petugas validasi (wajib bila validasi diisi).",
    "tim_teknis": "Tim Teknis tujuan (wajib bila validasi = benar; harus ada di `tim_teknis.nama`).",
    "alasan_tidak_valid": "Alasan (wajib bila validasi = tidak_benar).",
    "validasi_catatan": "Catatan validasi.",
    "tindak_waktu": "Waktu tindak lanjut Tim Teknis (langkah 4, FTKP).",
    "tindak_petugas": "Petugas Tim Teknis yang mencatat tindakan (wajib bila tindak_waktu diisi).",
    "akar_masalah": "Analisis akar masalah.",
    "kode_akar": "Kode akar masalah dari daftar `akar_masalah.kode` yang berlaku saat tindakan (bawaan: manusia, metode, peralatan, bahan, pengukuran, lingkungan, lainnya).",
    "koreksi": "Tindakan koreksi (wajib bila tindak_waktu diisi).",
    "korektif": "Tindakan korektif.",
    "pencegahan": "Tindakan pencegahan (wajib bila tindak_waktu diisi).",
    "penanggung_jawab": "Penanggung jawab tindakan.",
    "target": "Tanggal target selesai.",
    "verifikasi_waktu": "Waktu hasil diverifikasi dan diterima (langkah 5).",
    "verifikasi_petugas": "Petugas verifikasi (wajib bila verifikasi_waktu diisi); bukan petugas tindakan (ISO/IEC 17025 7.9.6).",
    "verifikasi_catatan": "Catatan verifikasi (mis. efektivitas).",
    "informasikan_waktu": "Waktu hasil diinformasikan kepada pelanggan (langkah 6).",
    "informasikan_petugas": "Petugas yang menginformasikan (wajib bila informasikan_waktu diisi).",
    "media_informasi": "Media penyampaian hasil.",
    "informasikan_catatan": "Catatan penyampaian hasil.",
    "banding_waktu": "Waktu banding diterima (paling lambat `banding.batas` sesudah langkah 6).",
    "banding_petugas": "Petugas yang mencatat banding (wajib bila banding_waktu diisi).",
    "banding_alasan": "Alasan banding (wajib bila banding_waktu diisi).",
    "riwayat": (
        "JSON: semua peristiwa sesudah catat, berurutan, masing-masing `aksi`, `waktu`, `petugas`, `rincian` "
        "(ditulis `ekspor`; memuat putaran pengembalian dan koreksi). Bila diisi, riwayat inilah yang dicatat "
        "dan kolom langkah di atas hanya dicocokkan."
    ),
}


def tabel_kolom() -> str:
    """The column table of docs/impor-ekspor.md."""
    baris = ["| kolom | isi |", "| --- | --- |"]
    baris += [f"| `{k}` | {KETERANGAN_KOLOM[k]} |" for k in KOLOM]
    return "\n".join(baris) + "\n"
