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
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from keluhan import waktu as w
from keluhan.arsip import KeluhanImpor, LangkahImpor, PenulisMassal
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
_WAKTU = frozenset({"diajukan", "dicatat", *(k for k in KOLOM_LANGKAH if k.endswith("_waktu"))})
_HURUF_KECIL = frozenset({"media", "layanan", "validasi", "media_informasi", "status"})
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")

# Steps in the order they happen, each with its time column, its petugas column, and
# its own fields (column -> rincian key).
_LANGKAH: tuple[tuple[str, str, dict[str, str]], ...] = (
    ("tindak_waktu", "tindak_petugas", {
        "akar_masalah": "akar_masalah", "koreksi": "koreksi", "korektif": "korektif",
        "pencegahan": "pencegahan", "penanggung_jawab": "penanggung_jawab", "target": "target",
    }),
    ("verifikasi_waktu", "verifikasi_petugas", {"verifikasi_catatan": "catatan"}),
    ("informasikan_waktu", "informasikan_petugas", {"media_informasi": "media", "informasikan_catatan": "catatan"}),
    ("banding_waktu", "banding_petugas", {"banding_alasan": "alasan"}),
)
_AKSI_LANGKAH = {
    "tindak_waktu": Aksi.TINDAK, "verifikasi_waktu": Aksi.VERIFIKASI_TERIMA,
    "informasikan_waktu": Aksi.INFORMASIKAN, "banding_waktu": Aksi.BANDING,
}
# Step fields the command requires, named as columns (the archive checks them too, but
# names options: a clerk filling a spreadsheet wants to hear the column).
_WAJIB_LANGKAH = {"tindak_waktu": ("koreksi", "pencegahan"), "banding_waktu": ("banding_alasan",)}


@dataclass
class Baris:
    """One data row: its number as a spreadsheet shows it (header = row 1) and its cells."""

    nomor: int
    sel: dict[str, Any]


@dataclass
class Berkas:
    """An open register file: its columns, its rows, and how far reading has got."""

    kolom: list[str]
    baris: Iterator[Baris]
    kemajuan: Callable[[], tuple[int, int]]  # (done, total) in the file's own unit
    tutup: Callable[[], None] = lambda: None


@dataclass
class Hasil:
    """What an import did or would do."""

    dibaca: int = 0
    diterima: int = 0
    tolak: list[tuple[int | None, str]] = field(default_factory=list)
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


def _nama_kolom(teks: Any) -> str:
    return re.sub(r"[\s\-]+", "_", str(teks or "").strip().lower())


def _periksa_kolom(kolom: list[str], berkas: Path) -> None:
    asing = [k for k in kolom if k and k not in KOLOM]
    if asing:
        raise GalatMasukan(
            f"Berkas {berkas.name}: kolom tidak dikenal: {', '.join(asing)}. Kolom yang dikenal: {', '.join(KOLOM)}."
        )
    ganda = sorted({k for k in kolom if k and kolom.count(k) > 1})
    if ganda:
        raise GalatMasukan(f"Berkas {berkas.name}: kolom ganda: {', '.join(ganda)}.")
    kurang = [k for k in WAJIB if k not in kolom]
    if kurang:
        raise GalatMasukan(f"Berkas {berkas.name}: kolom wajib tidak ada: {', '.join(kurang)}.")


def buka(berkas: Path) -> Berkas:
    """Open a register: .csv (UTF-8, with or without BOM; ',' ';' or tab, sniffed from the
    header), .xlsx (first sheet), .json (a list of objects) or .ndjson (one per line)."""
    if not berkas.is_file():
        raise GalatMasukan(f"Berkas tidak ditemukan: {berkas}")
    akhiran = berkas.suffix.lower()
    if akhiran == ".xlsx":
        return _buka_xlsx(berkas)
    if akhiran in (".json", ".ndjson", ".jsonl"):
        return _buka_json(berkas, baris_per_baris=akhiran != ".json")
    if akhiran in (".csv", ".txt", ".tsv"):
        return _buka_csv(berkas)
    raise GalatMasukan(f"Jenis berkas '{berkas.suffix}' tidak dikenal; gunakan .csv, .xlsx, .json atau .ndjson.")


def _buka_csv(berkas: Path) -> Berkas:
    mentah = berkas.open("rb")
    teks = io.TextIOWrapper(mentah, encoding="utf-8-sig", newline="")
    try:
        kepala = teks.readline()
        # The delimiter is the one that splits the header into the most known columns
        # (Excel in an Indonesian locale writes ';').
        pemisah = max((",", ";", "\t"), key=lambda p: sum(_nama_kolom(k) in KOLOM for k in next(csv.reader([kepala], delimiter=p), [])))
        kolom = [_nama_kolom(k) for k in next(csv.reader([kepala], delimiter=pemisah), [])]
        _periksa_kolom(kolom, berkas)
    except UnicodeDecodeError:
        teks.close()
        raise GalatMasukan(
            f"Berkas {berkas.name} bukan UTF-8. Di Excel: Simpan Sebagai > 'CSV UTF-8 (dibatasi koma)'."
        ) from None
    except BaseException:
        teks.close()
        raise
    ukuran = berkas.stat().st_size

    def baris() -> Iterator[Baris]:
        pembaca = csv.reader(teks, delimiter=pemisah)
        n = 1
        try:
            for sel in pembaca:
                n += 1
                if not any(s.strip() for s in sel):
                    continue
                if len(sel) > len(kolom) and any(s.strip() for s in sel[len(kolom):]):
                    yield Baris(n, {"__galat__": f"berisi {len(sel)} sel, padahal kolomnya {len(kolom)}"})
                    continue
                yield Baris(n, {k: v for k, v in zip(kolom, sel) if k})
        except UnicodeDecodeError:
            raise GalatMasukan(
                f"Berkas {berkas.name} bukan UTF-8 (sekitar baris {n + 1}). "
                "Di Excel: Simpan Sebagai > 'CSV UTF-8 (dibatasi koma)'."
            ) from None
        except csv.Error as e:
            raise GalatMasukan(f"Berkas {berkas.name} baris {n}: CSV tidak dapat dibaca ({e}).") from None

    return Berkas(kolom, baris(), lambda: (mentah.tell(), ukuran), teks.close)


_BARIS_XLSX = 1_048_576  # the last row of an Excel sheet


def _buka_xlsx(berkas: Path) -> Berkas:
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
    lembar = buku.worksheets[0]
    total = lembar.max_row or 0
    baris_iter = lembar.iter_rows(values_only=True)
    kepala = next(baris_iter, None)
    if kepala is None:
        buku.close()
        raise GalatMasukan(f"Berkas {berkas.name}: lembar pertama kosong.")
    kolom = [_nama_kolom(k) for k in kepala]
    while kolom and not kolom[-1]:
        kolom.pop()
    try:
        _periksa_kolom(kolom, berkas)
    except GalatMasukan:
        buku.close()
        raise
    posisi = [1]

    # Data rows read only as wide as the header (a sheet may claim 16384 columns), and no
    # further than Excel's last row: a row numbered past it would have openpyxl pad
    # every missing row before it, work sized by a number in the file.
    baris_iter = lembar.iter_rows(min_row=2, max_col=max(len(kolom), 1))

    def baris() -> Iterator[Baris]:
        for n, sel in enumerate(baris_iter, start=2):
            posisi[0] = n
            if n > _BARIS_XLSX:
                raise GalatMasukan(f"Berkas {berkas.name}: lebih dari {_BARIS_XLSX} baris, batas lembar Excel.")
            if not any(c.value not in (None, "") for c in sel):
                continue
            yield Baris(n, {k: _sel_xlsx(c) for k, c in zip(kolom, sel) if k})

    return Berkas(kolom, baris(), lambda: (posisi[0], total), buku.close)


# A number format that shows a time of day (h, s, AM/PM), once quoted text and colours are removed.
_FORMAT_JAM = re.compile(r"[hs]|am/pm|a/p", re.IGNORECASE)
_FORMAT_KUTIP = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')


def _format_jam(fmt: str | None) -> bool:
    return bool(fmt) and _FORMAT_JAM.search(_FORMAT_KUTIP.sub("", fmt)) is not None  # type: ignore[arg-type]


def _sel_xlsx(c: Any) -> Any:
    """A cell as text; dates and times as ISO text (local time, as typed in Excel). A date
    cell whose format shows no time of day is a date, never midnight."""
    v = c.value
    if v is None:
        return None
    if isinstance(v, datetime):
        if v.time() == datetime.min.time() and not _format_jam(getattr(c, "number_format", None)):
            return v.date().isoformat()  # a time hidden by the format is still kept
        return v.isoformat(sep=" ", timespec="seconds") if v.tzinfo is None else v.isoformat(timespec="seconds")
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


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
        _periksa_kolom(kolom, berkas)
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
                yield Baris(n, {"__galat__": f"bukan JSON yang sah ({e})"})
                continue
            except _TerlaluDalam:
                yield Baris(n, {"__galat__": "JSON bersarang terlalu dalam"})
                continue
            if not isinstance(x, dict):
                yield Baris(n, {"__galat__": "harus berupa objek JSON"})
                continue
            asing = [k for k in x if k not in KOLOM]
            if asing:
                yield Baris(n, {"__galat__": f"kolom tidak dikenal: {', '.join(asing)}"})
                continue
            yield Baris(n, x)

    return Berkas(list(KOLOM), dari_baris(), lambda: (mentah.tell(), ukuran), mentah.close)


# -- a row into a complaint -------------------------------------------------------------


# A numeric date as clerks type it: 2/11/2025, 02.11.2025, 2-11-2025 (one separator).
_ANGKA = re.compile(r"(?<![\d/.\-])(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})(?![\d/.\-])")
# The whole value, once the date is year first: "2025-11-02 8:41", "... 08.41.30", "... 8:41 AM".
_CEPAT = re.compile(r"(\d{4})-(\d{2})-(\d{2})[ T]+(\d{1,2})[.:](\d{2})(?:[.:](\d{2}))?(?:\s*([AaPp])\.?[Mm]\.?)?")
_TAHUN_DULU = re.compile(r"^\s*\d{4}[-/.]")
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
    times and dates parsed in the archive's zone on request."""

    def __init__(self, sel: dict[str, Any], zona: str, bentuk: BentukTanggal, baris: int) -> None:
        self.zona = zona
        self.bentuk = bentuk
        self.baris = baris
        self.v: dict[str, str] = {}
        for kolom, nilai in sel.items():
            if nilai is None:
                continue
            if not isinstance(nilai, str):
                nilai = json.dumps(nilai, ensure_ascii=False) if isinstance(nilai, (dict, list)) else str(nilai)
            nilai = nilai.strip()
            if nilai:
                self.v[kolom] = nilai.lower().replace(" ", "_") if kolom in _HURUF_KECIL else nilai

    def teks(self, kolom: str) -> str | None:
        return self.v.get(kolom)

    def waktu(self, kolom: str) -> datetime | None:
        v = self.teks(kolom)
        return None if v is None else parse_waktu(self.bentuk.susun(v, kolom, self.baris), self.zona, kolom, asli=v)

    def tanggal(self, kolom: str) -> str | None:
        v = self.teks(kolom)
        if v is None:
            return None
        v = self.bentuk.susun(v, kolom, self.baris)
        try:
            return date.fromisoformat(v[:10] if len(v) >= 10 and v[10:].strip(" 0:T") == "" else v).isoformat()
        except ValueError:
            return w.parse_tanggal(v, opsi=f"kolom {kolom}").isoformat()


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


def rencana(
    b: Baris, *, zona: str, petugas: str | None, berkas: str, bentuk: BentukTanggal | None = None,
    bulan_nomor: Callable[[str], int | None] | None = None,
) -> KeluhanImpor:
    """The complaint a row describes, with its events; GalatMasukan names the column.
    ``bulan_nomor`` reads the month out of an official number (None when the format has none)."""
    if "__galat__" in b.sel:
        raise GalatMasukan(f"Baris {b.sel['__galat__']}.")
    s = _Sel(b.sel, zona, bentuk or BentukTanggal(), b.nomor)
    if bulan_nomor is not None and s.teks("nomor") and s.teks("dicatat"):
        bulan = bulan_nomor(s.teks("nomor"))  # type: ignore[arg-type]
        if bulan is not None:
            s.bentuk.bukti_nomor(s.teks("dicatat"), bulan, b.nomor)  # type: ignore[arg-type]
    isian = {k: s.teks(k) for k in KOLOM_CATAT if k not in ("nomor", "diajukan", "dicatat", "petugas")}
    isian["diajukan"] = s.waktu("diajukan")
    dicatat = s.waktu("dicatat")
    if dicatat is None:
        raise GalatMasukan("Kolom dicatat (waktu keluhan dicatat) wajib diisi.")
    for wajib in ("nama", "media", "uraian"):
        if not isian[wajib]:
            raise GalatMasukan(f"Kolom {wajib} wajib diisi.")
    r = KeluhanImpor(
        isian=isian, petugas=s.teks("petugas") or petugas, dicatat=dicatat, nomor=s.teks("nomor"),
        asal={"berkas": berkas, "baris": b.nomor},
    )
    riwayat = s.teks("riwayat")
    if riwayat:
        r.langkah, koreksi = _dari_riwayat(riwayat, zona)
        # Corrections replayed on top of catat: catat recorded the values before them.
        for kolom, lama in reversed(koreksi):
            if kolom in isian:
                isian[kolom] = lama
        r.cocok = _cocok(s)
    else:
        r.langkah = _dari_kolom(s, petugas)
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


def _dari_kolom(s: _Sel, petugas: str | None) -> list[LangkahImpor]:
    """Events from the step columns: one round of each step, in SOP order."""
    langkah: list[LangkahImpor] = []
    validasi = s.teks("validasi")
    isi_validasi = [k for k in ("validasi_waktu", "validasi_petugas", "tim_teknis", "alasan_tidak_valid", "validasi_catatan") if s.teks(k)]
    if validasi is None and isi_validasi:
        raise GalatMasukan(f"Kolom validasi kosong, tetapi {', '.join(isi_validasi)} diisi; isi validasi: benar atau tidak_benar.")
    if validasi is not None:
        if validasi not in ("benar", "tidak_benar"):
            raise GalatMasukan(f"Kolom validasi berisi '{validasi}'; isi benar atau tidak_benar.")
        waktu = s.waktu("validasi_waktu")
        if waktu is None:
            raise GalatMasukan("Kolom validasi_waktu wajib diisi bila validasi diisi.")
        if validasi == "benar":
            if not s.teks("tim_teknis"):
                raise GalatMasukan("Kolom tim_teknis wajib diisi bila validasi = benar.")
            aksi, rincian = Aksi.VALIDASI_BENAR, {"tim_teknis": s.teks("tim_teknis")}
        else:
            if not s.teks("alasan_tidak_valid"):
                raise GalatMasukan("Kolom alasan_tidak_valid wajib diisi bila validasi = tidak_benar.")
            aksi, rincian = Aksi.VALIDASI_TIDAK_BENAR, {"alasan": s.teks("alasan_tidak_valid")}
        rincian["catatan"] = s.teks("validasi_catatan")
        langkah.append(LangkahImpor(aksi, s.teks("validasi_petugas") or petugas, waktu, rincian))
    for kolom_waktu, kolom_petugas, isian in _LANGKAH:
        terisi = [k for k in (kolom_waktu, kolom_petugas, *isian) if s.teks(k)]
        if not terisi:
            continue
        waktu = s.waktu(kolom_waktu)
        if waktu is None:
            raise GalatMasukan(f"Kolom {kolom_waktu} wajib diisi bila {', '.join(terisi)} diisi.")
        for wajib in _WAJIB_LANGKAH.get(kolom_waktu, ()):
            if not s.teks(wajib):
                raise GalatMasukan(f"Kolom {wajib} wajib diisi bila {kolom_waktu} diisi.")
        rincian = {kunci: (s.tanggal(k) if k == "target" else s.teks(k)) for k, kunci in isian.items()}
        langkah.append(LangkahImpor(
            _AKSI_LANGKAH[kolom_waktu], s.teks(kolom_petugas) or petugas, waktu, rincian,
        ))
    return langkah


# -- the whole import ------------------------------------------------------------------


def impor(
    penulis: PenulisMassal, berkas: Berkas, *, nama_berkas: str, zona: str, petugas: str | None,
    setiap: Callable[[], None] | None = None, format_tanggal: str | None = None,
) -> Hasil:
    """Read every row into ``penulis``; collect every refusal with its row number.
    ``format_tanggal``: the file's date convention (``BentukTanggal``)."""
    hasil = Hasil()
    bentuk = BentukTanggal(format_tanggal)
    for b in berkas.baris:
        hasil.dibaca += 1
        try:
            k = penulis.tambah(rencana(b, zona=zona, petugas=petugas, berkas=nama_berkas, bentuk=bentuk,
                                       bulan_nomor=penulis.bulan_nomor), b.nomor)
        except GalatKeluhan as e:
            penulis.ada_tolak = True
            hasil.tolak.append((b.nomor, e.pesan))
        else:
            hasil.diterima += 1
            hasil.per_status[k["status"]] = hasil.per_status.get(k["status"], 0) + 1
        if setiap is not None:
            setiap()
    hasil.tolak += [(None, m) for m in penulis.akhiri()]
    tanggal = bentuk.akhiri()
    if tanggal:
        penulis.ada_tolak = True
        hasil.tolak += [(None, m) for m in tanggal]
    hasil.nomor_diberikan = penulis.nomor_diberikan
    return hasil


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
    "diajukan": "Waktu pelanggan mengajukan keluhan (langkah 1).",
    "dicatat": "Waktu keluhan dicatat (langkah 2). **Wajib.**",
    "petugas": "Petugas yang mencatat (bawaan: `--petugas`).",
    "status": "Status akhir. Tidak dipakai untuk membuat riwayat; bila diisi harus sama dengan hasilnya.",
    "validasi": "Hasil langkah 3: `benar` atau `tidak_benar`.",
    "validasi_waktu": "Waktu validasi.",
    "validasi_petugas": "Petugas validasi (bawaan: `--petugas`).",
    "tim_teknis": "Tim Teknis tujuan (wajib bila validasi = benar; harus ada di `tim_teknis.nama`).",
    "alasan_tidak_valid": "Alasan (wajib bila validasi = tidak_benar).",
    "validasi_catatan": "Catatan validasi.",
    "tindak_waktu": "Waktu tindak lanjut Tim Teknis (langkah 4, FTKP).",
    "tindak_petugas": "Petugas Tim Teknis yang mencatat tindakan.",
    "akar_masalah": "Analisis akar masalah.",
    "koreksi": "Tindakan koreksi (wajib bila tindak_waktu diisi).",
    "korektif": "Tindakan korektif.",
    "pencegahan": "Tindakan pencegahan (wajib bila tindak_waktu diisi).",
    "penanggung_jawab": "Penanggung jawab tindakan.",
    "target": "Tanggal target selesai.",
    "verifikasi_waktu": "Waktu hasil diverifikasi dan diterima (langkah 5).",
    "verifikasi_petugas": "Petugas verifikasi; bukan petugas tindakan (ISO/IEC 17025 7.9.6).",
    "verifikasi_catatan": "Catatan verifikasi (mis. efektivitas).",
    "informasikan_waktu": "Waktu hasil diinformasikan kepada pelanggan (langkah 6).",
    "informasikan_petugas": "Petugas yang menginformasikan.",
    "media_informasi": "Media penyampaian hasil.",
    "informasikan_catatan": "Catatan penyampaian hasil.",
    "banding_waktu": "Waktu banding diterima (paling lambat `banding.batas` sesudah langkah 6).",
    "banding_petugas": "Petugas yang mencatat banding.",
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
