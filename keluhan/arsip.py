"""The archive: one SQLite file. Opens and migrates it, and writes each step as one
IMMEDIATE transaction: the event in ``riwayat`` (hash-chained), then the complaint's
current row and CAPA rows as ``proyeksi`` folds the event in. Reads for the CLI.

All SQL that writes lives here; the hot path uses the stdlib ``sqlite3`` module only.
"""

from __future__ import annotations

import errno
import functools
import json
import os
import re
import sqlite3
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time as _time, timedelta
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from keluhan import rantai, sinyal, tanggal as tg, waktu as w
from keluhan.galat import GalatArsip, GalatKeluhan, GalatMasukan, GalatTransisi, TidakDitemukan, sebab_baca
from keluhan.pola import Pola, modul_malas
from keluhan.versi_skema import VERSI

if TYPE_CHECKING:
    from keluhan import berkas, berulang, migrasi, pencarian, proyeksi, tenggat
else:  # loaded at first use: reading an archive at the current schema needs none of them (issue 17)
    berkas, berulang, migrasi, pencarian, proyeksi, tenggat = modul_malas(
        "berkas", "berulang", "migrasi", "pencarian", "proyeksi", "tenggat")
from keluhan.workflow import (
    ENTRI, LANGKAH_AKSI, LAYANAN, MEDIA, PERINTAH, STATUS_AKHIR, TRANSISI, Aksi, Jam, Penjaga, Status, diukur, kunci_mutu,
    langkah_berikutnya, mengakhiri_tunda, mengubah_status, perintah_berikutnya, transisi, _repr_bernama,
)

HASH_AWAL = rantai.HASH_AWAL
# How far back ``catat`` may reach into a year before the latest recorded one (docs/jaminan.md §4).
BATAS_MUNDUR = timedelta(days=31)
_ZONA_DIPERINGATKAN: set[tuple[Path, str]] = set()  # (archive, keluhan.toml's zone) warned about in this process
_PENGATURAN_DIPERINGATKAN: set[tuple[Path, tuple[str, ...]]] = set()  # (archive, keys) warned about
# Fields each step cannot do without, with the option that supplies them.
_WAJIB: dict[Aksi, tuple[tuple[str, str], ...]] = {
    Aksi.VALIDASI_BENAR: (("tim_teknis", "--teruskan-ke TIM"),),
    Aksi.VALIDASI_TIDAK_BENAR: (("alasan", "--alasan TEKS"),),
    Aksi.TINDAK: (("koreksi", "--koreksi TEKS"), ("pencegahan", "--pencegahan TEKS")),
    Aksi.VERIFIKASI_KEMBALIKAN: (("alasan", "--alasan TEKS"),),
    Aksi.BANDING: (("alasan", "--alasan TEKS"),),
    Aksi.PUTUSAN_DITERIMA: (("alasan", "--alasan TEKS"),),
    Aksi.PUTUSAN_DITOLAK: (("alasan", "--alasan TEKS"),),
    Aksi.KABARI: (("media", "--media MEDIA"), ("catatan", "--catatan TEKS")),
    Aksi.BATAL: (("alasan", "--alasan TEKS"),),
    Aksi.KAITKAN: (("alasan", "--alasan TEKS"),),
    Aksi.TUNDA: (("alasan", "--alasan TEKS"),),
}
# A step's own field can be corrected once that step has written it: column -> (the
# column that shows the step happened, the value it must hold or None for "any", command).
_KOREKSI_SETELAH: dict[str, tuple[str, str | None, str]] = {
    "tim_teknis": ("validasi", "benar", "validasi --benar"),
    "alasan_tidak_valid": ("validasi", "tidak_benar", "validasi --tidak-benar"),
    "catatan_validasi": ("divalidasi", None, "validasi"),
    "catatan_verifikasi": ("diverifikasi", None, "verifikasi --terima"),
    "media_informasi": ("diinformasikan", None, "informasikan"),
    "catatan_informasi": ("diinformasikan", None, "informasikan"),
    "banding_alasan": ("dibanding", None, "banding"),
    "kepuasan_nilai": ("dinilai", None, "kepuasan"),
    "kepuasan_menerima": ("dinilai", None, "kepuasan"),
    "kepuasan_catatan": ("dinilai", None, "kepuasan"),
}
# Columns a step requires: a correction cannot empty them.
_KOREKSI_WAJIB = frozenset({"nama", "media", "uraian", "tim_teknis", "alasan_tidak_valid", "banding_alasan",
                            "kepuasan_nilai"})
# kepuasan --menerima / --tidak-menerima as a correction's value: 1, 0 ('' = not said).
_MENERIMA = {"1": 1, "ya": 1, "menerima": 1, "0": 0, "tidak": 0, "tidak-menerima": 0, "tidak_menerima": 0}
# "12", "012", "12/2025": a sequence number of this year or of the year named.
_RUJUKAN_PENDEK = Pola(r"(?P<urut>\d{1,9})(?:/(?P<tahun>\d{4}))?")
_HURUF_ID = "23456789abcdefghjkmnpqrstuvwxyz"  # no 0/1/i/l/o: read aloud over the phone
_ROMAWI = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


# sha256, imported by the first write. CPython's own implementation where it has one:
# ``hashlib`` loads OpenSSL (~4 ms of CPU) for the same digest, and reading commands
# need neither.
_sha256: Any = None


def _muat_sha256() -> Any:
    try:
        from _sha256 import sha256  # CPython <= 3.11
    except ImportError:
        try:
            from _sha2 import sha256  # type: ignore[no-redef]  # CPython >= 3.12
        except ImportError:
            from hashlib import sha256
    return sha256


def hash_peristiwa(p: dict[str, Any], hash_sebelum: str) -> str:
    """sha256 of an event's content and the previous hash: the recipe of every chain
    (keluhan/rantai.py, which a test holds this copy to); docs/jaminan.md shows how an
    auditor recomputes it without our code."""
    global _sha256
    if _sha256 is None:
        _sha256 = _muat_sha256()
    isi = _JSON_HASH.encode(
        [hash_sebelum, p["keluhan_id"], p["langkah"], p["aksi"], p["status_dari"], p["status_ke"],
         p["petugas"], p["waktu"], p["dicatat_pada"], p["rincian_json"]],
    )
    return _sha256(isi.encode("utf-8")).hexdigest()


def _id_acak() -> str:
    """A new short id: 'k' and six letters of ``_HURUF_ID`` from the OS's randomness,
    unbiased (bytes past the last whole multiple of the alphabet are drawn again).
    ``os.urandom`` rather than ``secrets``: the same source, without importing
    ``random``, ``base64`` and ``hmac`` (~10 ms) on every catat."""
    n = len(_HURUF_ID)
    batas = 256 - 256 % n
    huruf: list[str] = []
    while len(huruf) < 6:
        huruf += [_HURUF_ID[b % n] for b in os.urandom(8) if b < batas]
    return "k" + "".join(huruf[:6])


# Built once: json.dumps with options builds an encoder per call, which bulk import feels.
_JSON_HASH = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_JSON_RINCIAN = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _rincian_json(rincian: dict[str, Any]) -> str:
    return _JSON_RINCIAN.encode(rincian)


# Why an archive opens read-only on its own (Arsip's ``hanya_baca=None``), in words that
# finish "Arsip ... tetapi ___": what a refused write or migration says.
_SEBAB_BERKAS = "hanya dapat dibaca oleh pengguna ini"
_SEBAB_FOLDER = "foldernya tidak dapat ditulis oleh pengguna ini"
_SEBAB_JARINGAN = "berada di folder jaringan, yang hanya dibaca"
_KEPALA_SQLITE = b"SQLite format 3\x00"


def pesan_tidak_ada(jalur: Path) -> str:
    """The one line for a missing archive: where it was looked for, and the two remedies.
    Nothing is created: a clerk in the wrong folder must not start a second register."""
    import shlex

    mutlak = os.path.abspath(jalur)
    return (
        f"Arsip tidak ditemukan: {mutlak}. Buat arsip baru di sana dengan "
        f"'keluhan --arsip {shlex.quote(mutlak)} init', atau tunjuk arsip kantor dengan --arsip JALUR, "
        f"KELUHAN_ARSIP, atau arsip.jalur di {_berkas_pengguna()}."
    )


def _berkas_pengguna() -> str:
    """The user's settings file, for the remedy (platformdirs loaded only on this refusal)."""
    from keluhan import setelan_pengguna

    return str(setelan_pengguna.jalur())


def pastikan_berkas_arsip(jalur: Path) -> None:
    """Refuse, before SQLite opens it (and so before any byte is written), a path that
    cannot be a keluhan archive: missing, a folder, empty, or not an SQLite file. Another
    program's SQLite file is refused next, by ``Arsip._siapkan`` (no ``_migrasi`` table)."""
    try:
        with open(jalur, "rb") as f:
            kepala = f.read(len(_KEPALA_SQLITE))
    except FileNotFoundError:
        raise GalatArsip(pesan_tidak_ada(jalur)) from None
    except IsADirectoryError:
        raise GalatArsip(f"{jalur} adalah folder, bukan arsip keluhan; --arsip menunjuk berkas arsipnya.") from None
    except PermissionError:
        raise GalatArsip(f"Arsip {jalur} tidak dapat dibaca oleh pengguna ini (izin ditolak).") from None
    except OSError as e:
        raise GalatArsip(f"Arsip {jalur} tidak dapat dibuka: {sebab_baca(e)}.") from None
    if not kepala:
        raise GalatArsip(
            f"Berkas {jalur} kosong (0 bait), bukan arsip keluhan; berkas tidak diubah. Arsip baru dibuat dengan "
            "keluhan init (setelah berkas kosong itu dipindahkan)."
        )
    if kepala != _KEPALA_SQLITE:
        raise GalatArsip(f"Berkas {jalur} bukan arsip keluhan (bukan basis data SQLite); berkas tidak diubah.")


def _periksa_milik_keluhan(db: sqlite3.Connection, jalur: Path) -> None:
    """An SQLite file is a keluhan archive when it has the ``_migrasi`` table every
    archive gets in its creation (``buat_arsip``), before it is ever given a name."""
    if db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_migrasi'").fetchone() is None:
        raise GalatArsip(
            f"Berkas {jalur} adalah basis data SQLite lain, bukan arsip keluhan (tidak ada tabel _migrasi); "
            "berkas tidak diubah. Periksa --arsip/KELUHAN_ARSIP; arsip baru dibuat dengan keluhan init."
        )


def pastikan_arsip_keluhan(jalur: Path) -> None:
    """``jalur`` is a keluhan archive (of any schema version), checked without writing
    anything or creating anything beside it; refused in one line otherwise."""
    pastikan_berkas_arsip(jalur)
    try:
        db = sqlite3.connect(f"{Path(jalur).resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    except sqlite3.DatabaseError as e:
        raise GalatArsip(f"Berkas {jalur} bukan arsip keluhan yang dapat dibaca ({e}).") from None
    try:
        _periksa_milik_keluhan(db, jalur)
    except sqlite3.DatabaseError as e:
        raise GalatArsip(f"Berkas {jalur} bukan arsip keluhan yang dapat dibaca ({e}).") from None
    finally:
        db.close()


def _folder_boleh_tulis(jalur: Path) -> bool:
    return os.access(jalur.parent, os.W_OK | os.X_OK)


def _pesan_folder(jalur: Path) -> str:
    folder = os.path.dirname(os.path.abspath(jalur))
    return (
        f"Folder arsip {folder} tidak dapat ditulis oleh pengguna ini: SQLite perlu membuat berkas {jalur.name}-wal "
        f"dan {jalur.name}-shm di samping arsip, jadi foldernya harus dapat ditulis (bukan hanya berkas arsipnya)."
    )


def _sebab_hanya_baca(jalur: Path) -> str | None:
    """Why ``jalur`` must open read-only for this user, or None when it may be written:
    the file is not writable; its folder is not (SQLite makes -wal/-shm there); or it
    is on a network mount (one host writes an archive, docs/jaminan.md)."""
    if not os.access(jalur, os.W_OK):
        return _SEBAB_BERKAS if jalur.exists() else None
    if not _folder_boleh_tulis(jalur):
        return _SEBAB_FOLDER
    from keluhan import jaringan

    return _SEBAB_JARINGAN if jaringan.di_jaringan(jalur) else None


class ArsipSudahAda(GalatArsip):
    """``buat_arsip`` found a file at the path (perhaps made a moment ago by another init)."""


def buat_arsip(jalur: Path, pengaturan: dict[str, Any]) -> Path:
    """Create a new, empty archive at ``jalur`` (``keluhan init``, the only way one is
    made) and return its absolute path.

    Built beside it under a temporary name (mode 0640: it will hold personal data, UU
    27/2022), migrated to the current schema, closed, then linked to ``jalur`` without
    replacing anything (keluhan/berkas.py): an archive at ``jalur`` is always a complete
    one, and of two ``init`` at once exactly one creates it. Its time zone and working hours are fixed
    here, from ``pengaturan`` (keluhan.toml when one exists), and its calendar seeded:
    opening it afterwards writes nothing, so a refused command leaves it byte-identical."""
    from keluhan import jaringan

    jalur = Path(os.path.abspath(jalur))
    folder = jalur.parent
    if not folder.is_dir():
        raise GalatArsip(f"Folder arsip tidak ada: {folder}")
    jenis = jaringan.di_jaringan(jalur)
    if jenis:
        raise GalatArsip(jaringan.pesan_jaringan(jalur, jenis))
    if os.path.lexists(jalur):
        raise ArsipSudahAda(f"Berkas {jalur} sudah ada; arsip baru tidak dibuat di atasnya.")
    from keluhan import berkas

    try:
        with berkas.berkas_baru(jalur, mode=0o640, ekor_sementara=("-wal", "-shm", "-journal")) as s:
            db = sqlite3.connect(s.jalur, isolation_level=None)
            try:
                db.execute("PRAGMA journal_mode = WAL")
                db.execute("PRAGMA synchronous = FULL")
                migrasi.terapkan(db, w.iso(w.sekarang(pengaturan["waktu"]["zona"])))
            finally:
                db.close()
            # Zone, working hours, calendar; the last connection closed: checkpointed, its -wal/-shm removed.
            Arsip(s.jalur, pengaturan, hanya_baca=False).tutup()
    except berkas.GalatTulis:
        if os.path.lexists(jalur):  # made a moment ago by another init
            raise ArsipSudahAda(
                f"Berkas {jalur} sudah ada (dibuat proses lain); arsip baru tidak dibuat di atasnya.") from None
        raise
    return jalur


class Arsip:
    """One open archive. Create with ``Arsip(jalur, pengaturan)``; close with ``tutup()``.

    ``hanya_baca``: open without writing anything (no migration, no calendar seeding, no
    switch to WAL) and refuse every command that would write. None (the default) means
    "when this user may not write the file", which is how a group member with read access
    (mode 0640) gets ``lihat``, ``daftar``, ``rekap``, ``terlambat``, ``periksa`` and
    ``cadangkan`` instead of "attempt to write a readonly database".
    """

    def __init__(self, jalur: Path, pengaturan: dict[str, Any], *, hanya_baca: bool | None = None) -> None:
        self.jalur = jalur
        # Why this archive opens read-only when the caller left it to us (None: it does
        # not); a write is refused with this reason (_boleh_tulis).
        self._sebab_baca = _sebab_hanya_baca(jalur) if hanya_baca is None else None
        self.hanya_baca = self._sebab_baca is not None if hanya_baca is None else hanya_baca
        self.zona = pengaturan["waktu"]["zona"]  # until the archive says otherwise
        self._kalender_tetap: Any = None  # held by a bulk import (see kalender())
        self._register_tetap: Any = None  # likewise the officer register (see register())
        self._ditulis = False  # a change committed (tutup then keeps the recap's month figures)
        self.db = self._buka()
        try:
            self.zona = self._zona_arsip(pengaturan["waktu"]["zona"])
        except BaseException:
            self.db.close()
            raise
        # The settings as this archive applies them: its own zone wins over keluhan.toml's.
        self.p = pengaturan if self.zona == pengaturan["waktu"]["zona"] else {
            **pengaturan, "waktu": {**pengaturan["waktu"], "zona": self.zona}}
        if not self.hanya_baca:
            tenggat.siapkan(self.db, self.p, self._sekarang())
        try:
            self._pengaturan_arsip(pengaturan)
        except BaseException:
            self.db.close()
            raise

    def _pengaturan_arsip(self, berkas: dict[str, Any]) -> None:
        """The settings that decide figures come from the archive's ledger (keluhan/buku.py):
        ``self.p`` gets the values in force now over keluhan.toml's, and a key the file
        itself sets to something else is said in one warning line on stderr (once per
        process and archive), since the file no longer decides it."""
        from keluhan import buku

        setelan = buku.muat(self.db)
        sekarang = self._sekarang()
        self.p = buku.timpa(self.p, setelan.kini(sekarang))
        beda = buku.berbeda(setelan, berkas, sekarang)
        if beda and (self.jalur, tuple(beda)) not in _PENGATURAN_DIPERINGATKAN:
            _PENGATURAN_DIPERINGATKAN.add((self.jalur, tuple(beda)))
            print(
                f"Peringatan: keluhan.toml berbeda dari pengaturan arsip untuk {', '.join(beda)}; pengaturan arsip "
                "yang berlaku (lihat: keluhan pengaturan daftar; ubah: keluhan pengaturan ubah).", file=sys.stderr,
            )

    def _zona_arsip(self, setelan: str) -> str:
        """The archive's time zone (``pengaturan_arsip``); keluhan.toml's ``waktu.zona``
        only for an archive that has none yet (``tenggat.siapkan`` then writes it). A
        different one in keluhan.toml is ignored with one warning line on stderr: times
        already stored carry the archive's offset, and text order (SQL's ORDER BY, the
        recap's periods) holds only within one zone."""
        zona = tenggat.zona_arsip(self.db)
        if zona is None:
            return setelan
        try:
            w.zona(zona)
        except (KeyError, ValueError):
            raise GalatArsip(f"Zona waktu arsip {self.jalur} tidak dikenal: '{zona}' (pengaturan_arsip).") from None
        if zona != setelan and (self.jalur, setelan) not in _ZONA_DIPERINGATKAN:
            _ZONA_DIPERINGATKAN.add((self.jalur, setelan))
            from keluhan.layar import sel

            print(
                sel(f"Peringatan: waktu.zona di keluhan.toml ({setelan}) berbeda dari zona arsip ({zona}); "
                    "zona arsip yang dipakai."), file=sys.stderr,
            )
        return zona

    def _di_zona(self, t: datetime) -> datetime:
        """A time given to the archive, in the archive's zone (a naive one is local there)."""
        return w.di_zona(t, self.zona)

    # -- opening ------------------------------------------------------------------

    def _buka(self) -> sqlite3.Connection:
        jalur = self.jalur
        pastikan_berkas_arsip(jalur)  # missing, empty or not SQLite: refused before SQLite sees it
        if self.hanya_baca:
            db = self._buka_baca()
            try:
                return self._siapkan(db)
            except BaseException:
                db.close()
                raise
        try:
            db = sqlite3.connect(jalur, timeout=30, isolation_level=None, check_same_thread=False)
        except sqlite3.DatabaseError as e:
            raise GalatArsip(f"Berkas {jalur} bukan arsip keluhan yang dapat dibuka ({e}).") from None
        try:
            return self._siapkan(db)
        except BaseException:
            # A refused open must not leave a connection behind (nor its -wal/-shm files).
            db.close()
            raise

    def _buka_baca(self) -> sqlite3.Connection:
        """A read-only connection that creates nothing beside the archive.

        With no -wal file there (no one is writing: the last connection removes it), the
        file is read as ``immutable``: no -wal/-shm is made, which a reader may not be
        able to (a folder it cannot write) and must not (a -shm owned by the reader
        would lock the clerks out). A write that starts during the read is not seen
        (docs/jaminan.md §7: audit a copy). With a -wal there, ``mode=ro`` reads it
        through the -shm its writer made."""
        jalur = self.jalur
        if not jalur.exists():
            raise GalatArsip(pesan_tidak_ada(jalur))
        wal = Path(f"{jalur}-wal")
        sedang_ditulis = wal.exists() and wal.stat().st_size > 0
        db = None
        try:
            db = sqlite3.connect(
                jalur.resolve().as_uri() + ("?mode=ro" if sedang_ditulis else "?mode=ro&immutable=1"),
                uri=True, timeout=30, isolation_level=None, check_same_thread=False,
            )
            db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            return db
        except sqlite3.DatabaseError as e:
            if db is not None:
                db.close()
            if sedang_ditulis:
                raise GalatArsip(
                    f"Arsip {jalur} sedang ditulis (berkas -wal ada) dan tidak dapat dibaca oleh pengguna ini ({e}); "
                    "coba lagi nanti, atau minta salinan (keluhan cadangkan)."
                ) from None
            raise GalatArsip(f"Berkas {jalur} bukan arsip keluhan yang dapat dibaca ({e}).") from None

    def _siapkan(self, db: sqlite3.Connection) -> sqlite3.Connection:
        jalur = self.jalur
        try:
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA busy_timeout = 30000")
            versi = db.execute("PRAGMA user_version").fetchone()[0]
            # Before the first byte is written (WAL switch, migration, seeding): another
            # program's SQLite file given by mistake is refused, not turned into an archive.
            _periksa_milik_keluhan(db, jalur)
            if not self.hanya_baca:
                if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    db.execute("PRAGMA journal_mode = WAL")
                db.execute("PRAGMA synchronous = FULL")
            db.execute("PRAGMA foreign_keys = ON")
        except sqlite3.DatabaseError as e:
            if not _folder_boleh_tulis(jalur):
                raise GalatArsip(_pesan_folder(jalur)) from None
            raise GalatArsip(f"Berkas {jalur} bukan arsip keluhan yang dapat dibuka ({e}).") from None
        if versi == VERSI:  # the usual case: no migration to load (keluhan/versi_skema.py)
            return db
        if versi > migrasi.versi_terbaru():
            raise GalatArsip(
                f"Arsip {jalur} berskema versi {versi}, lebih baru dari yang dikenal program ini "
                f"({migrasi.versi_terbaru()}). Perbarui keluhan."
            )
        if versi < migrasi.versi_terbaru() and self.hanya_baca:
            raise GalatArsip(
                f"Arsip {jalur} berskema versi {versi} dan perlu ditingkatkan ke versi {migrasi.versi_terbaru()}, "
                f"tetapi {self._sebab_baca or 'hanya dapat dibaca oleh pengguna ini'}: minta pemiliknya menjalankan "
                "satu perintah keluhan (mis. keluhan periksa) di komputer yang menyimpannya, atau buat salinan "
                "(keluhan cadangkan) dan buka salinannya."
            )
        if versi < migrasi.versi_terbaru():
            if versi > 0:
                self._periksa_ruang_migrasi(db, versi)
                self._cadangkan_sebelum_migrasi(db, versi)
            migrasi.kemajuan = _kemajuan_migrasi
            try:
                migrasi.terapkan(db, w.iso(w.sekarang(self.zona)))
            finally:
                migrasi.kemajuan = None
        return db

    def _periksa_ruang_migrasi(self, db: sqlite3.Connection, versi: int) -> None:
        """Before the backup and the upgrade start: room beside the archive for the backup
        (a whole copy) and, when a pending migration rebuilds a table, for that table and
        its indexes twice (the new copy, then the write-ahead log that carries it). A
        refusal names the bytes needed and free, and changes nothing."""
        import shutil

        halaman = db.execute("PRAGMA page_size").fetchone()[0]
        ukuran = db.execute("PRAGMA page_count").fetchone()[0] * halaman
        perlu = ukuran
        tabel = {getattr(fn, "bangun_ulang", None) for _, fn in migrasi.MIGRASI[versi:]} - {None}
        if tabel:
            try:
                isi = db.execute(
                    "SELECT COALESCE(SUM(pgsize), 0) FROM dbstat WHERE name IN (SELECT name FROM sqlite_master"
                    f" WHERE tbl_name IN ({','.join('?' * len(tabel))}))", tuple(tabel)).fetchone()[0]
            except sqlite3.DatabaseError:  # SQLite built without dbstat: assume the whole file
                isi = ukuran
            perlu += 2 * isi
        try:
            bebas = shutil.disk_usage(self.jalur.parent).free
        except OSError:
            return  # the OS cannot say: the backup's own write still refuses on a full disk
        if bebas < perlu:
            raise GalatArsip(
                f"Arsip {self.jalur} perlu ditingkatkan dari skema versi {versi} ke {migrasi.versi_terbaru()}, tetapi "
                f"ruang kosong di {self.jalur.parent} hanya {bebas} byte; diperlukan {perlu} byte (cadangan sebelum "
                f"peningkatan {ukuran} byte" + (f", pembangunan ulang tabel {', '.join(sorted(tabel))}" if tabel else "")
                + "). Kosongkan ruang disk lalu jalankan perintah ini lagi; arsip tidak diubah.")

    def _cadangkan_sebelum_migrasi(self, db: sqlite3.Connection, versi: int) -> None:
        stempel = w.sekarang(self.zona).strftime("%Y%m%d-%H%M%S")
        for n in range(1, 100):  # several openings in one second: each keeps its own copy, none replaced
            tujuan = self.jalur.with_name(f"{self.jalur.name}.v{versi}-{stempel}{'' if n == 1 else f'-{n}'}.bak")
            try:
                cadangkan(db, tujuan, lindungi=berkas.dilindungi(self.jalur))
                return
            except berkas.BerkasSudahAda:
                continue
        raise GalatArsip(f"Cadangan sebelum peningkatan skema tidak dapat diberi nama di {self.jalur.parent}.")

    def tutup(self) -> None:
        if getattr(self, "_ditulis", False):  # a change was committed: keep the closed months' recap figures
            self._ditulis = False
            from keluhan import rekap_bulan

            rekap_bulan.simpan_aman(self)
        self.db.close()

    def cadangkan(self, tujuan: Path, *, timpa: bool = False, lindungi: Iterable[tuple[Path, str]] = ()) -> Path:
        """A consistent copy at ``tujuan`` (a file, or an existing folder to hold a dated one),
        written as every file is (keluhan/berkas.py): never over an existing file unless
        ``timpa``, never over this archive, its -wal/-shm or ``lindungi`` (the settings file).
        A target that some program still has open (its -wal/-journal beside it) is refused.
        """
        if os.path.isdir(tujuan):
            stempel = self._sekarang().strftime("%Y%m%d-%H%M%S")
            tujuan = tujuan / f"{self.jalur.stem}-{stempel}{self.jalur.suffix or '.db'}"
        lindungi = [*berkas.dilindungi(self.jalur), *lindungi]
        berkas.periksa_tujuan(tujuan, timpa=timpa, lindungi=lindungi)
        for ekor in ("-wal", "-shm", "-journal"):
            if os.path.lexists(f"{tujuan}{ekor}"):
                raise GalatArsip(
                    f"Berkas {tujuan}{ekor} ada: {tujuan.name} sedang dibuka program lain atau tertinggal "
                    "setelah program berhenti mendadak; tutup program itu dahulu."
                )
        cadangkan(self.db, tujuan, timpa=timpa, lindungi=lindungi)
        return tujuan

    def _boleh_tulis(self) -> None:
        self._tolak_saat_impor()
        if self.hanya_baca:
            from keluhan import jaringan

            jenis = jaringan.di_jaringan(self.jalur) if self._sebab_baca == _SEBAB_JARINGAN else None
            if jenis:
                raise GalatArsip(jaringan.pesan_jaringan(self.jalur, jenis))
            if self._sebab_baca == _SEBAB_FOLDER:
                raise GalatArsip(f"{_pesan_folder(self.jalur)} Perintah ini mengubah arsip dan tidak dijalankan.")
            raise GalatArsip(
                f"Arsip hanya dapat dibaca oleh pengguna ini ({self.jalur}); perintah ini mengubah arsip dan tidak "
                "dijalankan."
            )

    def _tolak_saat_impor(self) -> None:
        """While another process's ``impor --jalankan`` holds the write lock, say so at once
        with its progress (keluhan/kemajuan_impor.py), rather than "database is locked"
        after the busy timeout. A record whose lock is not really held is stale: ignored."""
        from keluhan import kemajuan_impor

        data = kemajuan_impor.baca(self.jalur)
        if data is None or self.db.in_transaction:
            return
        self.db.execute("PRAGMA busy_timeout = 0")
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError:
            raise GalatArsip(kemajuan_impor.pesan(data)) from None
        else:
            self.db.execute("ROLLBACK")
        finally:
            self.db.execute("PRAGMA busy_timeout = 30000")

    @contextmanager
    def transaksi(self, hasil: str | None = "perubahan") -> Iterator[sqlite3.Connection]:
        """One IMMEDIATE transaction: the write lock is taken before the first read.

        ``hasil`` names the change for Ctrl-C's report (keluhan/sinyal.py; the caller
        may name it exactly with ``sinyal.tersimpan`` afterwards); None is housekeeping."""
        self._boleh_tulis()
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as e:
            raise GalatArsip(f"Arsip sedang dikunci proses lain terlalu lama ({e}); coba lagi.") from None
        try:
            # The years ahead, first thing under the lock (a new year's first write): kept
            # only if this command's own change is (keluhan/tenggat.py, pastikan_depan).
            tenggat.pastikan_depan(self.db, self._sekarang())
            yield self.db
        except BaseException:
            if _masih_terbuka(self.db):
                self.db.execute("ROLLBACK")
            raise
        sinyal.komit(self.db, hasil)
        self._ditulis = self._ditulis or hasil is not None  # (tutup: rekap_bulan.simpan)

    # -- writing ------------------------------------------------------------------

    def _sekarang(self) -> datetime:
        return w.sekarang(self.zona)

    def _nomor(self, urut: int, t: datetime) -> str:
        return self.p["nomor"]["format"].format(
            urut=urut, bulan=t.month, bulan_romawi=_ROMAWI[t.month], tahun=t.year,
            unit=self.p["unit"]["singkatan"],
        )

    def _tulis(self, db: sqlite3.Connection, p: dict[str, Any], keluhan_lama: dict[str, Any] | None) -> dict[str, Any]:
        """Append event ``p`` and fold it into the complaint's rows; returns the new row."""
        p["rincian_json"] = _rincian_json(p["rincian"])
        baris = db.execute("SELECT hash FROM riwayat ORDER BY urutan DESC LIMIT 1").fetchone()
        p["hash_sebelum"] = baris[0] if baris else HASH_AWAL
        p["hash"] = hash_peristiwa(p, p["hash_sebelum"])
        cur = db.execute(
            "INSERT INTO riwayat (keluhan_id, langkah, aksi, status_dari, status_ke, petugas, waktu,"
            " dicatat_pada, rincian, hash_sebelum, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (p["keluhan_id"], p["langkah"], p["aksi"], p["status_dari"], p["status_ke"], p["petugas"],
             p["waktu"], p["dicatat_pada"], p["rincian_json"], p["hash_sebelum"], p["hash"]),
        )
        p["urutan"] = cur.lastrowid
        tindakan_lama = self._tindakan(db, p["keluhan_id"]) if keluhan_lama else []
        if _koreksi_waktu(p):  # an event's time moved: fold the complaint again at its effective times
            baru, tindakan_baru = self._lipat(db, p["keluhan_id"])
        else:
            baru, tindakan_baru = proyeksi.terapkan(keluhan_lama, tindakan_lama, p)
        if keluhan_lama is None:
            kol = proyeksi.KOLOM_KELUHAN
            db.execute(
                f"INSERT INTO keluhan ({','.join(kol)}) VALUES ({','.join('?' * len(kol))})",
                [baru[k] for k in kol],
            )
            pencarian.tulis_baru(db, p["urutan"], baru)
            berulang.tulis(db, None, baru)
            pencarian.tulis_serupa(db, None, baru)
        else:
            ubah = [k for k in proyeksi.KOLOM_KELUHAN if baru[k] != keluhan_lama[k]]
            if ubah:
                db.execute(
                    f"UPDATE keluhan SET {', '.join(f'{k} = ?' for k in ubah)} WHERE id = ?",
                    [baru[k] for k in ubah] + [baru["id"]],
                )
                if pencarian.SUMBER.intersection(ubah):
                    pencarian.perbarui(db, baru)
                berulang.tulis(db, keluhan_lama, baru)
                pencarian.tulis_serupa(db, keluhan_lama, baru)
        for i, t in enumerate(tindakan_baru):
            if i >= len(tindakan_lama):
                kol = proyeksi.KOLOM_TINDAKAN
                db.execute(
                    f"INSERT INTO tindakan ({','.join(kol)}) VALUES ({','.join('?' * len(kol))})",
                    [t[k] for k in kol],
                )
            else:
                ubah = [k for k in proyeksi.KOLOM_TINDAKAN if t[k] != tindakan_lama[i][k]]
                if ubah:
                    db.execute(
                        f"UPDATE tindakan SET {', '.join(f'{k} = ?' for k in ubah)}"
                        " WHERE keluhan_id = ? AND putaran = ?",
                        [t[k] for k in ubah] + [t["keluhan_id"], t["putaran"]],
                    )
        self._tulis_tenggat(db, p, keluhan_lama, baru)
        return baru

    def _periksa_waktu(self, waktu: datetime, sebelumnya: str | None, apa: str, sekarang: datetime | None = None) -> None:
        """Not in the future, not before ``sebelumnya`` (a stored ISO time, or a date
        alone: then not on an earlier day), within the years the calendar knows. Instants
        are compared, never text: text order holds only between times written with the
        same offset."""
        w.periksa_tahun(waktu, f"Waktu {apa}")
        if waktu > (sekarang or self._sekarang()):
            raise GalatMasukan(f"Waktu {apa} ({tg.tampil(waktu)}) ada di masa depan; isi waktu yang sudah terjadi.")
        if sebelumnya and not w.ada_jam(sebelumnya):
            if self._di_zona(waktu).date() < date.fromisoformat(sebelumnya):
                raise GalatMasukan(
                    f"Waktu {apa} ({tg.tampil(waktu)}) lebih awal dari langkah sebelumnya ({tg.tampil(sebelumnya)})."
                )
        elif sebelumnya and waktu < w.dari_iso(sebelumnya):
            raise GalatMasukan(
                f"Waktu {apa} ({tg.tampil(waktu)}) lebih awal dari langkah sebelumnya ({tg.tampil(sebelumnya)})."
            )

    def diajukan_tersimpan(self, nilai: date | datetime, apa: str, sekarang: datetime | None = None) -> str:
        """The stored text of a submission time (``catat --diajukan``, an imported
        ``diajukan``), checked like any time: a time in the archive's zone as ISO 8601
        with offset; a date alone (a letter's date, its hour unknown) as ``YYYY-MM-DD``,
        not in the future, never a made-up midnight: step 2 is then not measured
        (``waktu.mulai_langkah_2``). The one rule for both ways in."""
        if isinstance(nilai, datetime):
            t = self._di_zona(nilai)
            self._periksa_waktu(t, None, apa, sekarang)
            return w.iso_diajukan(t)
        w.periksa_tahun(nilai, f"Tanggal {apa}")
        hari_ini = self._di_zona(sekarang or self._sekarang()).date()
        if nilai > hari_ini:
            raise GalatMasukan(f"Tanggal {apa} ({tg.tampil(nilai)}) ada di masa depan; isi tanggal yang sudah terjadi.")
        return w.iso_diajukan(nilai)

    def catat(self, *, petugas: str, isian: dict[str, Any], waktu: datetime | None = None,
              lampiran: Iterable[tuple[str, bytes, str | None]] = ()) -> dict[str, Any]:
        """SOP step 2: record a new complaint; returns its row (with ``nomor``). ``lampiran``:
        (name, bytes, note) of evidence attached in the same transaction (``--dari-eml``)."""
        petugas = _petugas(petugas)
        isian = _periksa_isian(isian)
        if isian.get("diajukan"):
            isian["diajukan"] = self.diajukan_tersimpan(isian["diajukan"], "--diajukan")
        with self.transaksi() as db:
            # The clock is read under the write lock: event times then follow the order
            # of ``urutan``, and a wait for the lock cannot make "now" older than the
            # step another process has just written.
            sekarang = self._sekarang()
            waktu = self._di_zona(waktu) if waktu else sekarang
            self._periksa_waktu(waktu, isian.get("diajukan"), "pencatatan", sekarang)
            self._periksa_tahun_tutup(db, waktu, sekarang)
            if isian.get("kategori"):  # an item of kategori.daftar as the list writes it (keluhan/akar.py)
                from keluhan import akar

                isian["kategori"] = akar.kategori_baku(isian["kategori"], akar.daftar(
                    self.kalender().setelan, self.p, akar.KUNCI_KATEGORI, waktu))[0]
            petugas = self._petugas_resmi(db, petugas, waktu, Aksi.CATAT)
            tahun = waktu.year
            urut = db.execute(
                "SELECT COALESCE(MAX(urut), 0) + 1 FROM keluhan WHERE tahun = ?", (tahun,)
            ).fetchone()[0]
            while True:
                kid = _id_acak()
                if not db.execute("SELECT 1 FROM keluhan WHERE id = ?", (kid,)).fetchone():
                    break
            rincian = dict(isian, nomor=self._nomor(urut, waktu), tahun=tahun, urut=urut)
            p = self._peristiwa(kid, Aksi.CATAT, None, Status.DICATAT, petugas, waktu, sekarang, rincian)
            baru = self._tulis(db, p, None)
            for nama, isi, keterangan in lampiran:
                baru = self._tulis(db, self._peristiwa_lampiran(db, baru, petugas, sekarang, nama, isi, keterangan), baru)
        sinyal.tersimpan(f"keluhan {baru['nomor']} dicatat")
        return baru

    def lampirkan(self, ref: str, *, petugas: str, nama: str, isi: bytes, keterangan: str | None) -> dict[str, Any]:
        """Store an evidence file in the archive and record it as an event of the complaint
        (its sha256 and size in the hash chain); returns the event's attachment fields."""
        petugas = _petugas(petugas)
        with self.transaksi() as db:
            sekarang = self._sekarang()
            k = self._cari(db, ref)
            petugas = self._petugas_resmi(db, petugas, sekarang)  # the register holds here as at every step
            p = self._peristiwa_lampiran(db, k, petugas, sekarang, nama, isi, keterangan)
            baru = self._tulis(db, p, k)
        sinyal.tersimpan(f"lampiran keluhan {baru['nomor']} disimpan")
        return dict(p["rincian"], urutan=p["urutan"], nomor=baru["nomor"], id=baru["id"])

    def _peristiwa_lampiran(self, db: sqlite3.Connection, k: dict[str, Any], petugas: str, sekarang: datetime,
                            nama: str, isi: bytes, keterangan: str | None) -> dict[str, Any]:
        from keluhan import lampiran

        nama = " ".join(Path(nama).name.split()) or "berkas"
        rincian = dict(lampiran.simpan(db, isi), nama=nama)
        if keterangan and keterangan.strip():
            rincian["keterangan"] = " ".join(keterangan.split())
        return self._peristiwa_langkah(db, k, None, Aksi.LAMPIRKAN, petugas, sekarang, sekarang, rincian)

    def lampiran(self, ref: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """The complaint and its attachments, oldest first, numbered 1, 2, ... as ``lampiran
        --ambil N`` takes them, each with ``disertakan`` (the bytes are in the archive)."""
        k = self._cari(self.db, ref)
        hasil = []
        for n, r in enumerate(self.db.execute(
            "SELECT r.urutan, r.waktu, r.petugas, r.rincian, b.isi IS NOT NULL FROM riwayat r "
            "LEFT JOIN berkas_lampiran b ON b.sha256 = json_extract(r.rincian, '$.sha256') "
            "WHERE r.keluhan_id = ? AND r.aksi = 'lampirkan' ORDER BY r.urutan", (k["id"],)), start=1):
            d = json.loads(r[3])
            hasil.append({"nomor_lampiran": n, "urutan": r[0], "waktu": r[1], "petugas": r[2], "nama": d.get("nama"),
                          "mime": d.get("mime"), "ukuran": d.get("ukuran"), "sha256": d.get("sha256"),
                          "keterangan": d.get("keterangan"), "disertakan": bool(r[4])})
        return k, hasil

    def isi_lampiran(self, sha: str) -> bytes | None:
        from keluhan import lampiran

        return lampiran.ambil(self.db, sha)

    def _periksa_tahun_tutup(self, db: sqlite3.Connection, waktu: datetime, sekarang: datetime) -> None:
        """A year's numbers and recaps close once the register has moved on: a complaint
        may be recorded into a year earlier than the latest recorded one only within
        BATAS_MUNDUR of now (a letter of 30 December typed in on 5 January). Later, the
        year's last number and its recaps are issued; an old register goes in through
        ``keluhan impor``, whose file says where each row came from."""
        terakhir = db.execute("SELECT MAX(tahun) FROM keluhan").fetchone()[0]
        if terakhir is not None and waktu.year < terakhir and waktu < sekarang - BATAS_MUNDUR:
            raise GalatMasukan(
                f"Waktu pencatatan ({tg.tampil(waktu)}) jatuh di tahun {waktu.year}, lebih dari {BATAS_MUNDUR.days} hari "
                f"lalu, padahal arsip sudah mencatat keluhan tahun {terakhir}: nomor dan rekap tahun {waktu.year} "
                "sudah ditutup. Isi --waktu dengan saat keluhan diterima (tanggal surat di --diajukan), atau pakai "
                "'keluhan impor' untuk register lama."
            )

    def langkah(
        self, ref: str, aksi: Aksi, *, petugas: str, waktu: datetime | None = None,
        rincian: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Any step after ``catat``: checked against the transition table, then written."""
        petugas = _petugas(petugas)
        rincian = self._periksa_rincian(aksi, rincian or {})
        with self.transaksi() as db:
            sekarang = self._sekarang()  # under the lock: see catat()
            waktu = self._di_zona(waktu) if waktu else sekarang
            k = self._cari(db, ref)
            petugas = self._petugas_resmi(db, petugas, waktu, aksi)
            if rincian.get("penanggung_jawab"):
                rincian = dict(rincian, penanggung_jawab=self._penanggung_jawab(db, rincian["penanggung_jawab"], waktu))
            p = self._peristiwa_langkah(db, k, None, aksi, petugas, waktu, sekarang, rincian)
            hasil = self._tulis(db, p, k)
        sinyal.tersimpan(f"langkah {PERINTAH[aksi]} keluhan {hasil['nomor']} dicatat")
        return hasil

    def kaitkan(
        self, ref: str, ref_lain: str, *, petugas: str, alasan: str | None, waktu: datetime | None = None,
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """Link complaint ``ref`` with ``ref_lain``: one event on ``ref`` naming the other by
        its number (keluhan/berulang.py); returns both rows."""
        petugas = _petugas(petugas)
        rincian = self._periksa_rincian(Aksi.KAITKAN, {"alasan": alasan})
        with self.transaksi() as db:
            sekarang = self._sekarang()  # under the lock: see catat()
            waktu = self._di_zona(waktu) if waktu else sekarang
            k = self._cari(db, ref)
            lain = self._cari(db, ref_lain)
            petugas = self._petugas_resmi(db, petugas, waktu, Aksi.KAITKAN)
            p = self._peristiwa_langkah(db, k, None, Aksi.KAITKAN, petugas, waktu, sekarang,
                                        {"terkait": lain["nomor"], **rincian})
            hasil = self._tulis(db, p, k)
        sinyal.tersimpan(f"kaitan keluhan {hasil['nomor']} dengan {lain['nomor']} dicatat")
        return hasil, lain

    def _peristiwa_langkah(
        self, db: sqlite3.Connection | None, k: dict[str, Any], tindakan: list[dict[str, Any]] | None,
        aksi: Aksi, petugas: str, waktu: datetime, sekarang: datetime, rincian: dict[str, Any],
        pesan: Any = None, riwayat: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """The event of step ``aksi`` on complaint row ``k``, once every check the SOP asks
        has passed: the transition table, time order, the rules beyond the table. Shared by
        ``langkah`` and the bulk import (which passes the CAPA rows it holds as ``tindakan``
        and words the refusal for a file row with ``pesan``)."""
        from keluhan import penjaga

        status = Status(k["status"])
        ke = transisi(status, aksi)
        if ke is None:
            if pesan is None and aksi is not Aksi.BATAL:
                raise GalatTransisi(_pesan_transisi(k, aksi, self._saran_pelanggan(k, waktu)))
            raise GalatTransisi((pesan or _pesan_batal)(k, aksi))
        self._periksa_waktu(waktu, k["waktu_status"], PERINTAH[aksi], sekarang)
        rincian = self._periksa_tunda(db, k, aksi, waktu, rincian, riwayat)
        if not mengubah_status(aksi):  # what it acts on (the round reviewed, the result rated), read now
            rincian = penjaga.lengkapi(self, db, k, aksi, rincian, tindakan, riwayat)
        penjaga.periksa(self, db, k, aksi, petugas, waktu, rincian, tindakan)  # the entry's named rules
        if not mengubah_status(aksi):  # a status-less event: riwayat keeps no status for it
            rincian = {n: v for n, v in rincian.items() if not n.startswith("_")}
            return self._peristiwa(k["id"], aksi, None, None, petugas, waktu, sekarang, rincian)
        return self._peristiwa(k["id"], aksi, status, ke, petugas, waktu, sekarang, rincian)

    def _periksa_tunda(
        self, db: sqlite3.Connection | None, k: dict[str, Any], aksi: Aksi, waktu: datetime, rincian: dict[str, Any],
        riwayat: list[dict[str, Any]] | None,
    ) -> dict[str, Any]:
        """Pauses keep their order: a pause starts no earlier than the last one ended, and an
        event that ends the running pause (keluhan/tunda.py) happens no earlier than it
        began and records, in its own details, since when the clock was paused."""
        if aksi is Aksi.TUNDA:
            if db is None:
                akhir = [p["waktu"] for p in riwayat or [] if p["aksi"] == Aksi.LANJUTKAN.value]
            else:
                akhir = [r[0] for r in db.execute(
                    "SELECT waktu FROM riwayat WHERE keluhan_id = ? AND aksi = 'lanjutkan' ORDER BY urutan DESC LIMIT 1",
                    (k["id"],))]
            if akhir and waktu < w.dari_iso(akhir[-1]):
                raise GalatMasukan(
                    f"Waktu tunda ({tg.tampil(waktu)}) lebih awal dari akhir penundaan sebelumnya ({tg.tampil(akhir[-1])}).")
            return rincian
        if k.get("ditunda") and mengakhiri_tunda(aksi, k["status"]):
            if waktu < w.dari_iso(k["ditunda"]):
                raise GalatMasukan(
                    f"Waktu {PERINTAH[aksi]} ({tg.tampil(waktu)}) lebih awal dari awal penundaan ({tg.tampil(k['ditunda'])}).")
            return dict(rincian, tunda_sejak=k["ditunda"])
        return rincian

    def _saran_pelanggan(self, k: dict[str, Any], waktu: datetime) -> dict[Aksi, str | None]:
        """For the table's events a customer starts (``Jam.MULAI``: the appeal) that may follow
        ``k``'s status: the hint's own words, None when its window has passed at ``waktu``.
        A finished complaint's refusal must not send the clerk to record an appeal blindly."""
        from keluhan import penjaga
        from keluhan.tanggal import tanggal_waktu

        hasil: dict[Aksi, str | None] = {}
        for a in TRANSISI.get(Status(k["status"]), {}):
            if ENTRI[a].jam is not Jam.MULAI:
                continue
            batas = penjaga.batas_banding(self, k) if Penjaga.DALAM_BATAS_BANDING in ENTRI[a].penjaga else None
            if batas is not None and waktu > batas:
                hasil[a] = None
            else:
                sampai = f", paling lambat {tanggal_waktu(batas)}" if batas is not None else ""
                hasil[a] = (f"{PERINTAH[a]} dicatat hanya bila pelanggan mengajukannya{sampai} "
                            f"(keluhan {PERINTAH[a]} {k['nomor']} --alasan TEKS)")
        return hasil

    def koreksi(
        self, ref: str, *, petugas: str, kolom: str, nilai: Any, alasan: str, peristiwa: int | None = None,
        putaran: int | None = None,
    ) -> dict[str, Any]:
        """Fix a recorded field as a new event carrying the old value, the new one and why:
        a form field, ``diajukan`` or a step's time (``nilai`` a datetime; ``peristiwa`` the
        event's ``urutan``), or a CAPA round's field (``putaran``, default the latest). A
        time's durations and deadline are recomputed in the same transaction."""
        petugas = _petugas(petugas)
        if kolom not in proyeksi.SEMUA_KOLOM_KOREKSI:
            raise GalatMasukan(
                f"Kolom '{kolom}' tidak dapat dikoreksi. Kolom yang dapat dikoreksi: "
                f"{', '.join(proyeksi.SEMUA_KOLOM_KOREKSI)}."
            )
        if not alasan.strip():
            raise GalatMasukan("Koreksi memerlukan --alasan.")
        if peristiwa is not None and kolom != proyeksi.KOLOM_WAKTU:
            raise GalatMasukan("--peristiwa hanya dipakai dengan --kolom waktu (waktu sebuah langkah).")
        if putaran is not None and kolom not in proyeksi.KOLOM_KOREKSI_TINDAKAN:
            raise GalatMasukan(
                f"--putaran hanya dipakai dengan kolom tindakan: {', '.join(proyeksi.KOLOM_KOREKSI_TINDAKAN)}.")
        if kolom == proyeksi.KOLOM_WAKTU and peristiwa is None:
            raise GalatMasukan(
                "Koreksi waktu langkah memerlukan --peristiwa URUTAN (nomor # peristiwa itu di 'keluhan lihat').")
        if kolom in ("diajukan", proyeksi.KOLOM_WAKTU):
            if not isinstance(nilai, datetime):
                raise GalatMasukan(f"Koreksi kolom {kolom} memerlukan --nilai berupa waktu, mis. '2026-11-30 09:00'.")
            baru: Any = self._di_zona(nilai)
            w.periksa_tahun(baru, "--nilai")
        elif kolom in proyeksi.KOLOM_KOREKSI_TINDAKAN:
            baru = self._nilai_tindakan(kolom, str(nilai))
        else:
            baru = self._nilai_koreksi(kolom, str(nilai))
        with self.transaksi() as db:
            sekarang = self._sekarang()  # under the lock: see catat()
            k = self._cari(db, ref)
            petugas = self._petugas_resmi(db, petugas, sekarang)
            if kolom == "diajukan":
                p = self._koreksi_diajukan(db, k, baru, alasan, petugas, sekarang)
            elif kolom == proyeksi.KOLOM_WAKTU:
                p = self._koreksi_waktu(db, k, int(peristiwa), baru, alasan, petugas, sekarang)  # type: ignore[arg-type]
            elif kolom in proyeksi.KOLOM_KOREKSI_TINDAKAN:
                p = self._koreksi_tindakan(db, k, kolom, putaran, baru, alasan, petugas, sekarang)
            else:
                p = self._peristiwa_koreksi(k, kolom, baru, alasan, petugas, sekarang, sekarang)
            hasil = self._tulis(db, p, k)
        sinyal.tersimpan(f"koreksi kolom {kolom} keluhan {hasil['nomor']} dicatat")
        return hasil

    def _waktu_langkah(self, db: sqlite3.Connection, kid: str) -> list[sqlite3.Row]:
        """The complaint's events whose times order its clock, with their effective times
        (v_waktu_efektif), in order: the steps, the pauses and their ends (``tunda``,
        ``lanjutkan``, and a review that ended a pause). ``bisa`` = its time may be corrected
        (a step, ``tunda``, ``lanjutkan``)."""
        return db.execute(
            "SELECT urutan, langkah, aksi, waktu, waktu_asli, diajukan, dicatat_pada,"
            " (status_ke IS NOT NULL OR aksi IN ('tunda', 'lanjutkan')) AS bisa FROM v_waktu_efektif"
            " WHERE keluhan_id = ? AND (status_ke IS NOT NULL OR aksi IN ('tunda', 'lanjutkan')"
            " OR json_extract(rincian, '$.tunda_sejak') IS NOT NULL) ORDER BY urutan", (kid,)).fetchall()

    def _koreksi_diajukan(
        self, db: sqlite3.Connection, k: dict[str, Any], baru: datetime, alasan: str, petugas: str,
        sekarang: datetime,
    ) -> dict[str, Any]:
        """The customer's submission time: before the complaint was recorded, never in the future."""
        self._periksa_waktu(baru, None, "--diajukan", sekarang)
        if baru > w.dari_iso(k["dicatat"]):
            raise GalatMasukan(
                f"Waktu --diajukan ({tg.tampil(baru)}) sesudah keluhan {k['nomor']} dicatat ({tg.tampil(k['dicatat'])}); "
                "pengajuan tidak mungkin sesudah pencatatan."
            )
        return self._peristiwa_koreksi(k, "diajukan", w.iso(baru), alasan, petugas, sekarang, sekarang)

    def _koreksi_waktu(
        self, db: sqlite3.Connection, k: dict[str, Any], urutan: int, baru: datetime, alasan: str, petugas: str,
        sekarang: datetime,
    ) -> dict[str, Any]:
        """A step's time, or a pause's start or end (``tunda``, ``lanjutkan``): the event must
        be this complaint's, and the new time keep the order of its steps and pauses (a pause
        stays inside the clock it stopped, before whatever ended it), lie no later than the
        event was written (and so not in the future) and, for catat, stay in the month and
        year its number carries."""
        langkah = self._waktu_langkah(db, k["id"])
        i = next((i for i, r in enumerate(langkah) if r["urutan"] == urutan and r["bisa"]), None)
        if i is None:
            milik = db.execute("SELECT aksi, keluhan_id FROM riwayat WHERE urutan = ?", (urutan,)).fetchone()
            if milik is not None and milik["keluhan_id"] == k["id"]:
                raise GalatMasukan(
                    f"Peristiwa #{urutan} adalah {PERINTAH.get(Aksi(milik['aksi']), milik['aksi'])}, bukan langkah; "
                    "hanya waktu langkah, tunda dan lanjutkan yang dapat dikoreksi.")
            raise GalatMasukan(
                f"Peristiwa #{urutan} bukan peristiwa keluhan {k['nomor']}; lihat nomor # di 'keluhan lihat {k['nomor']}'.")
        r = langkah[i]
        apa = f"peristiwa #{urutan} ({PERINTAH[Aksi(r['aksi'])]})"
        self._periksa_waktu(baru, None, apa, sekarang)

        def nama(x: sqlite3.Row, arah: str) -> str:
            if x["aksi"] in (Aksi.TUNDA.value, Aksi.LANJUTKAN.value) or x["langkah"] is None:
                return f"peristiwa {arah} ({PERINTAH[Aksi(x['aksi'])]})"
            return f"langkah {arah}"

        sebelum = langkah[i - 1]["waktu"] if i > 0 else langkah[0]["diajukan"]
        # A letter's date alone (no hour) bounds the day, not an instant.
        if sebelum and (baru < w.dari_iso(sebelum) if w.ada_jam(sebelum) else baru.date() < date.fromisoformat(sebelum[:10])):
            raise GalatMasukan(
                f"Waktu {apa} ({tg.tampil(baru)}) lebih awal dari {nama(langkah[i - 1], 'sebelumnya') if i > 0 else 'waktu diajukan'} "
                f"({tg.tampil(sebelum)}); urutan langkah tidak boleh berubah."
            )
        if i + 1 < len(langkah) and baru > w.dari_iso(langkah[i + 1]["waktu"]):
            raise GalatMasukan(
                f"Waktu {apa} ({tg.tampil(baru)}) sesudah {nama(langkah[i + 1], 'berikutnya')} ({tg.tampil(langkah[i + 1]['waktu'])}, "
                f"peristiwa #{langkah[i + 1]['urutan']}); urutan langkah tidak boleh berubah."
            )
        if baru > w.dari_iso(r["dicatat_pada"]):
            raise GalatMasukan(
                f"Waktu {apa} ({tg.tampil(baru)}) sesudah peristiwa itu ditulis ke arsip ({tg.tampil(r['dicatat_pada'])}); "
                "langkah tidak mungkin terjadi sesudah dicatat."
            )
        if r["aksi"] == Aksi.CATAT.value:
            lama = w.dari_iso(r["waktu"])
            if (baru.year, baru.month) != (lama.year, lama.month):
                raise GalatMasukan(
                    f"Waktu pencatatan hanya dapat dikoreksi dalam bulan yang sama ({lama:%m/%Y}): nomor "
                    f"{k['nomor']} memuat bulan dan tahun pencatatan."
                )
        if w.iso(baru) == r["waktu"]:
            raise GalatMasukan(f"Waktu {apa} sudah {tg.tampil(r['waktu'])}; tidak ada yang dikoreksi.")
        rincian = {"kolom": proyeksi.KOLOM_WAKTU, "peristiwa": urutan, "aksi": r["aksi"], "lama": r["waktu"],
                   "baru": w.iso(baru), "alasan": alasan.strip()}
        return self._peristiwa(k["id"], Aksi.KOREKSI, None, None, petugas, sekarang, sekarang, rincian)

    def _nilai_tindakan(self, kolom: str, nilai: str) -> str | None:
        """A CAPA field's corrected value, held to ``tindak``'s rules (required text, a date for target)."""
        baru = nilai.strip() or None
        if baru is None:
            if kolom in ("koreksi", "pencegahan"):
                raise GalatMasukan(f"Kolom '{kolom}' wajib berisi; koreksi menjadi kosong ditolak.")
            return None
        if kolom == "target":
            return w.parse_tanggal(baru, opsi="--nilai").isoformat()
        return baru

    def _koreksi_tindakan(
        self, db: sqlite3.Connection, k: dict[str, Any], kolom: str, putaran: int | None, baru: str | None,
        alasan: str, petugas: str, sekarang: datetime,
    ) -> dict[str, Any]:
        """A CAPA round's field (``putaran``: default the latest round)."""
        tindakan = self._tindakan(db, k["id"])
        if not tindakan:
            raise GalatTransisi(
                f"Keluhan {k['nomor']} belum punya tindakan (langkah 4, keluhan tindak); tidak ada yang dapat dikoreksi.")
        n = len(tindakan) if putaran is None else putaran
        if not 1 <= n <= len(tindakan):
            raise GalatMasukan(
                f"Keluhan {k['nomor']} tidak punya putaran tindakan {n}; putarannya 1 sampai {len(tindakan)}.")
        if kolom == proyeksi.KODE_AKAR and baru is not None:  # held to the list in force when the round was recorded
            from keluhan import akar

            baru = akar.kode_sah(baru, akar.daftar(self.kalender().setelan, self.p, akar.KUNCI_KODE,
                                                   tindakan[n - 1]["waktu"]), opsi="--nilai")
        lama = tindakan[n - 1][kolom]
        if lama == baru:
            raise GalatMasukan(f"Kolom '{kolom}' putaran {n} sudah bernilai itu; tidak ada yang dikoreksi.")
        rincian = {"kolom": kolom, "putaran": n, "lama": lama, "baru": baru, "alasan": alasan.strip()}
        return self._peristiwa(k["id"], Aksi.KOREKSI, None, None, petugas, sekarang, sekarang, rincian)

    def _lipat(self, db: sqlite3.Connection, kid: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """The complaint's rows as the fold of its events at their effective times."""
        k: dict[str, Any] | None = None
        t: list[dict[str, Any]] = []
        for r in db.execute(
            "SELECT urutan, keluhan_id, langkah, aksi, status_dari, status_ke, petugas, waktu, dicatat_pada, rincian"
            " FROM v_waktu_efektif WHERE keluhan_id = ? ORDER BY urutan", (kid,)
        ):
            p = dict(r)
            p["rincian"] = json.loads(p["rincian"])
            k, t = proyeksi.terapkan(k, t, p)
        assert k is not None
        return k, t

    def _peristiwa_koreksi(
        self, k: dict[str, Any], kolom: str, baru: str | None, alasan: str, petugas: str,
        waktu: datetime, sekarang: datetime,
    ) -> dict[str, Any]:
        """The correction event of ``kolom`` on row ``k`` (shared by ``koreksi`` and the bulk import)."""
        if kolom in _KOREKSI_SETELAH:
            penanda, isi, perintah = _KOREKSI_SETELAH[kolom]
            if k[penanda] is None or (isi is not None and k[penanda] != isi):
                raise GalatTransisi(
                    f"Keluhan {k['nomor']}: kolom '{kolom}' diisi oleh langkah '{perintah}', yang "
                    "belum dicatat untuk keluhan ini; tidak ada yang dapat dikoreksi."
                )
        if k[kolom] == baru:
            raise GalatMasukan(f"Kolom '{kolom}' sudah bernilai itu; tidak ada yang dikoreksi.")
        rincian = {"kolom": kolom, "lama": k[kolom], "baru": baru, "alasan": alasan.strip()}
        return self._peristiwa(k["id"], Aksi.KOREKSI, None, None, petugas, waktu, sekarang, rincian)

    def _nilai_koreksi(self, kolom: str, nilai: str) -> str | int | None:
        """The corrected value, held to the same rules as the step that first wrote it.

        Messages never repeat the value: it may be a phone number or an address.
        """
        baru = nilai.strip() or None
        if baru is None:
            if kolom in _KOREKSI_WAJIB:
                raise GalatMasukan(f"Kolom '{kolom}' wajib berisi; koreksi menjadi kosong ditolak.")
            return None
        if kolom in ("media", "media_informasi") and baru not in MEDIA:
            raise GalatMasukan(f"Media tidak dikenal untuk kolom '{kolom}'. Pilihan: {', '.join(MEDIA)}.")
        if kolom == "layanan" and baru not in LAYANAN:
            raise GalatMasukan(f"Layanan tidak dikenal. Pilihan: {', '.join(LAYANAN)}.")
        if kolom == "tim_teknis":
            baru = self._periksa_rincian(Aksi.VALIDASI_BENAR, {"tim_teknis": baru})["tim_teknis"]
        if kolom == "kepuasan_nilai":  # held to kepuasan --nilai's scale, stored as the number
            if baru not in ("1", "2", "3", "4"):
                raise GalatMasukan("Nilai kepuasan harus 1, 2, 3 atau 4 (1 tidak baik ... 4 sangat baik).")
            return int(baru)
        if kolom == "kepuasan_menerima":
            if baru.casefold() not in _MENERIMA:
                raise GalatMasukan("Nilai kepuasan_menerima: 'ya' (menerima hasil), 'tidak', atau '' bila tidak dinyatakan.")
            return _MENERIMA[baru.casefold()]
        return baru

    def _periksa_rincian(self, aksi: Aksi, rincian: dict[str, Any]) -> dict[str, Any]:
        """A step's own fields: required ones present, the Tim Teknis one we know."""
        r = {k: (v.strip() or None) if isinstance(v, str) else v for k, v in rincian.items()}
        r = {k: v for k, v in r.items() if v is not None}
        for kunci, opsi in _WAJIB.get(aksi, ()):
            if not r.get(kunci):
                raise GalatMasukan(f"Perintah '{PERINTAH[aksi]}' memerlukan {opsi}.")
        if aksi is Aksi.VALIDASI_BENAR or (aksi is Aksi.PUTUSAN_DITERIMA and r.get("tim_teknis")):
            tim = _tim_teknis(tuple(self.p["tim_teknis"]["nama"]))
            if r["tim_teknis"].casefold() not in tim:
                raise GalatMasukan(
                    f"Tim Teknis '{r['tim_teknis']}' tidak dikenal. Pilihan: {'; '.join(tim.values())} "
                    "(atur di tim_teknis.nama pada keluhan.toml)."
                )
            r["tim_teknis"] = tim[r["tim_teknis"].casefold()]
        if aksi in (Aksi.INFORMASIKAN, Aksi.KABARI) and r.get("media") and r["media"] not in MEDIA:
            raise GalatMasukan(f"Media '{r['media']}' tidak dikenal. Pilihan: {', '.join(MEDIA)}.")
        return r

    def _peristiwa(
        self, kid: str, aksi: Aksi, dari: Status | None, ke: Status | None, petugas: str,
        waktu: datetime, sekarang: datetime, rincian: dict[str, Any],
    ) -> dict[str, Any]:
        return {
            "keluhan_id": kid, "langkah": LANGKAH_AKSI[aksi], "aksi": aksi.value,
            "status_dari": dari.value if dari else None, "status_ke": ke.value if ke else None,
            "petugas": petugas, "waktu": w.iso(waktu), "dicatat_pada": self._iso_sekarang(sekarang), "rincian": rincian,
        }

    # -- the officer register (keluhan/registri.py) ------------------------------------

    def register(self, db: sqlite3.Connection | None = None) -> Any:
        """The officer register as ``db`` (default: this archive's connection) holds it now."""
        tetap = getattr(self, "_register_tetap", None)
        if db is None and tetap is not None:  # a bulk import's, read once
            return tetap
        from keluhan import registri

        return registri.muat(db or self.db)

    def _petugas_resmi(self, db: sqlite3.Connection, petugas: str, pada: Any, aksi: Aksi | None = None) -> str:
        """The name an event stores for ``petugas`` acting at ``pada``: as typed while the
        register is empty; once it has an officer, the registered name of the one active
        officer it names (refused otherwise, with the candidates), holding the role the
        settings ledger requires for the step (``peran.langkah_N``, off by default)."""
        reg = self.register(db)
        if reg.kosong:
            return petugas
        o = reg.tentukan(petugas, pada)
        langkah = LANGKAH_AKSI.get(aksi) if aksi is not None else None
        if langkah:
            from keluhan import buku, registri

            kunci = f"peran.langkah_{langkah}"
            perlu = buku.muat(db).entri_pada(kunci, pada)
            if perlu is not None and perlu.nilai and perlu.nilai not in o.peran:
                pemegang = "; ".join(x.nama for x in reg.pemegang(perlu.nilai, pada)[:10]) or "belum ada"
                raise GalatKeluhan(
                    f"Langkah {langkah} ({PERINTAH[aksi]}) harus dicatat petugas berperan {perlu.nilai} "
                    f"({registri.PERAN[perlu.nilai]}; pengaturan {kunci}); {o.nama} berperan {o.peran_teks()}. "
                    f"Yang berperan {perlu.nilai}: {pemegang}."
                )
        return o.nama

    def _penanggung_jawab(self, db: sqlite3.Connection, nama: str, pada: Any) -> str:
        """``tindak --penanggung-jawab``: the registered name when it names one officer,
        refused when it names several; as typed when it names none (a unit head outside
        the register, a post such as 'Kepala Lab Pengujian')."""
        reg = self.register(db)
        if reg.kosong:
            return nama
        calon = reg.cocok(nama, reg.aktif_pada(pada))
        if len(calon) > 1:
            reg.tentukan(nama, pada, apa="--penanggung-jawab")  # raises with the candidates
        return calon[0].nama if calon else nama

    def ubah_register(
        self, aksi: str, *, petugas: str, nama: str, nip: str | None = None, nama_baru: str | None = None,
        jabatan: str | None = None, peran: list[str] | None = None, tim: str | None = None,
        berlaku_sejak: Any = None, alasan: str | None = None, aktifkan: bool = False,
    ) -> dict[str, Any]:
        """``petugas tambah|ubah|nonaktifkan``: one entry of the officer register with who,
        why and from when (``berlaku_sejak`` a date: its local midnight; None: from the
        start for ``tambah``, now otherwise)."""
        from datetime import time as _time

        from keluhan import registri

        petugas = _petugas(petugas)
        alasan = registri.rapikan(alasan)
        if aksi != "tambah" and not alasan:
            raise GalatMasukan(f"'petugas {aksi}' memerlukan --alasan (mis. nomor SK atau surat tugas).")
        with self.transaksi() as db:
            sekarang = self._sekarang()
            if berlaku_sejak is None:
                sejak = None if aksi == "tambah" else w.iso(sekarang)
            else:
                t = datetime.combine(berlaku_sejak, _time(0), w.zona(self.zona))
                w.periksa_tahun(t, "--berlaku-sejak")
                sejak = w.iso(t)
            reg = self.register(db)
            oleh = petugas if reg.kosong else reg.tentukan(petugas, sekarang, saran=(
                "Register petugas diubah oleh petugas yang sudah terdaftar: ulangi dengan --petugas salah satu "
                "yang aktif itu (pendaftar pertama sebaiknya mendaftarkan dirinya sendiri lebih dahulu).")).nama
            if aksi == "tambah":
                nama_simpan = registri.periksa_nama(nama)
                nip_simpan = registri.periksa_nip(nip or "")
                jabatan_simpan = registri.rapikan(jabatan)
                if not jabatan_simpan:
                    raise GalatMasukan("'petugas tambah' memerlukan --jabatan (mis. \"Petugas PJTK\").")
                lama = None
                if nip_simpan in reg.nip():
                    ada = reg.pada(nip_simpan, None)
                    raise GalatMasukan(f"NIP {nip_simpan} sudah terdaftar atas nama {ada.nama if ada else '?'}; "
                                       "ubah datanya dengan 'keluhan petugas ubah'.")
                peran_simpan = registri.periksa_peran(peran or [])
                tim_simpan = registri.rapikan(tim) or None
                aktif = True
                alasan = alasan or "pendaftaran petugas"
            else:
                semua = reg.semua_pada(sejak)
                calon = reg.cocok(nama, semua)
                if len(calon) != 1:
                    if not calon:
                        raise GalatMasukan(f"Petugas '{nama}' tidak ada di register (lihat 'keluhan petugas daftar').")
                    raise GalatMasukan("Petugas '{}' cocok dengan lebih dari satu petugas: {}. Tulis nama lengkap atau NIP.".format(
                        nama, "; ".join(f"{c.nama} (NIP {c.nip})" for c in calon[:10])))
                lama = calon[0]
                if aksi == "nonaktifkan" and not lama.aktif:
                    raise GalatMasukan(f"Petugas {lama.nama} sudah tidak aktif sejak "
                                       f"{tg.tampil(lama.berlaku_sejak) if lama.berlaku_sejak else 'awal'}.")
                if aksi == "ubah" and not lama.aktif and not aktifkan:
                    raise GalatMasukan(f"Petugas {lama.nama} tidak aktif; tambahkan --aktifkan untuk mengaktifkannya lagi.")
                nip_simpan = lama.nip
                nama_simpan = registri.periksa_nama(nama_baru) if nama_baru else lama.nama
                jabatan_simpan = registri.rapikan(jabatan) or lama.jabatan
                peran_simpan = registri.periksa_peran(peran) if peran is not None else lama.peran
                tim_simpan = (registri.rapikan(tim) or None) if tim is not None else lama.tim
                aktif = aksi != "nonaktifkan"
                if aksi == "ubah" and (nama_simpan, jabatan_simpan, peran_simpan, tim_simpan, aktif) == (
                        lama.nama, lama.jabatan, lama.peran, lama.tim, lama.aktif):
                    raise GalatMasukan(f"Data petugas {lama.nama} sudah seperti itu; tidak ada yang diubah.")
            for lain in reg.semua_pada(None):
                if lain.nip != nip_simpan and registri.kerangka(lain.nama) == registri.kerangka(nama_simpan):
                    raise GalatMasukan(
                        f"Nama '{nama_simpan}' sama atau mirip dengan petugas terdaftar {lain.nama} (NIP {lain.nip}); "
                        "bedakan nama itu (mis. dengan gelar) agar setiap langkah tercatat atas satu orang."
                    )
            urutan = registri.catat(
                db, aksi=aksi, nip=nip_simpan, nama=nama_simpan, jabatan=jabatan_simpan, peran=peran_simpan,
                tim=tim_simpan, aktif=aktif, berlaku_sejak=sejak, oleh=oleh, alasan=alasan, sistem=w.iso(sekarang),
            )
        sinyal.tersimpan(f"register petugas: {aksi} {nama_simpan}")
        return {"urutan": urutan, "aksi": aksi, "nip": nip_simpan, "nama": nama_simpan, "jabatan": jabatan_simpan,
                "peran": list(peran_simpan), "tim": tim_simpan, "aktif": aktif, "berlaku_sejak": sejak,
                "nama_lama": lama.nama if lama else None}

    def _iso_sekarang(self, sekarang: datetime) -> str:
        """``w.iso(sekarang)``, kept for the same instant: a bulk import stamps every event
        with the one moment it was written."""
        simpan = getattr(self, "_sekarang_iso", None)
        if simpan is None or simpan[0] is not sekarang:
            simpan = self._sekarang_iso = (sekarang, w.iso(sekarang))
        return simpan[1]

    # -- reading ------------------------------------------------------------------

    def kalender(self) -> Any:
        """The working calendar of this archive: its ``jam_kerja`` and ``libur`` tables
        (keluhan.toml only seeds them; see keluhan/tenggat.py). Rebuilt when they change."""
        tetap = getattr(self, "_kalender_tetap", None)
        if tetap is not None:  # a bulk import holds the write lock and its own calendar
            return tetap
        sidik = tenggat.sidik_kalender(self.db)
        if getattr(self, "_kalender_sidik", None) != sidik:
            self._kalender = tenggat.muat_kalender(self.db, self.zona)
            self._kalender_sidik = sidik
        return self._kalender

    def _cari(self, db: sqlite3.Connection, ref: str) -> dict[str, Any]:
        """The one resolver of a reference as a clerk says it (SPEC "A complaint is
        named"): the official number in any case, the short id, ``12`` or ``012`` (this
        year's 012, the year of recording in the archive's zone), ``12/2025`` (2025's)."""
        ref = ref.strip()
        # The number first: its format is configurable and need not contain '/'.
        baris = (db.execute("SELECT * FROM keluhan WHERE nomor = ?", (ref,)).fetchone()
                 or db.execute("SELECT * FROM keluhan WHERE id = ?", (ref.lower(),)).fetchone())
        if baris is not None:  # as typed: no pattern to compile (~1 ms of lihat and each step)
            return dict(baris)
        tahun_urut = self._urut_dari_ref(ref)
        if tahun_urut is not None:
            baris = db.execute("SELECT * FROM keluhan WHERE tahun = ? AND urut = ?", tahun_urut).fetchone()
            # A full number typed in another case must still be that number, not a
            # different month or unit that happens to share year and sequence.
            if baris is not None and not _RUJUKAN_PENDEK.fullmatch(ref) and baris["nomor"].casefold() != ref.casefold():
                baris = None
        if baris is None:
            raise TidakDitemukan(self._pesan_tidak_ada(db, ref, tahun_urut))
        return dict(baris)

    def _urut_dari_ref(self, ref: str) -> tuple[int, int] | None:
        """(tahun, urut) that ``ref`` names, or None when it is no number at all."""
        m = _RUJUKAN_PENDEK.fullmatch(ref)
        if m:
            urut = int(m["urut"])
            tahun = int(m["tahun"]) if m["tahun"] else self._sekarang().year
            return (tahun, urut) if urut > 0 else None
        if not hasattr(self, "_pola_nomor_ci"):
            pola = _pola_nomor(self.p["nomor"]["format"], self.p["unit"]["singkatan"])
            self._pola_nomor_ci = re.compile(pola.pattern, re.IGNORECASE)
        m = self._pola_nomor_ci.fullmatch(ref)
        if m and "urut" in m.groupdict() and "tahun" in m.groupdict():
            return int(m["tahun"]), int(m["urut"])
        return None

    def _pesan_tidak_ada(self, db: sqlite3.Connection, ref: str, tahun_urut: tuple[int, int] | None) -> str:
        """One line: what was not found, the nearest existing numbers, how to search."""
        if tahun_urut is not None:
            tahun, urut = tahun_urut
            dekat = [r[0] for r in db.execute(
                "SELECT nomor FROM keluhan WHERE tahun = ? ORDER BY abs(urut - ?), urut LIMIT 3", (tahun, urut))]
            if not dekat:  # nothing that year: the latest numbers instead
                dekat = [r[0] for r in db.execute(
                    "SELECT nomor FROM keluhan ORDER BY tahun DESC, urut DESC LIMIT 3")]
        else:
            dekat = [r[0] for r in db.execute("SELECT nomor FROM keluhan ORDER BY tahun DESC, urut DESC LIMIT 3")]
        saran = f" Nomor terdekat: {', '.join(dekat)}." if dekat else " Arsip ini belum berisi keluhan."
        return (f"Keluhan '{ref}' tidak ditemukan di arsip {self.jalur}.{saran}"
                " Cari menurut nama atau isi: keluhan cari TEKS.")

    def _tindakan(self, db: sqlite3.Connection, kid: str) -> list[dict[str, Any]]:
        kol = ", ".join(proyeksi.KOLOM_TINDAKAN)
        return [dict(r) for r in db.execute(
            f"SELECT {kol} FROM tindakan WHERE keluhan_id = ? ORDER BY putaran", (kid,))]

    def riwayat(self, kid: str) -> list[dict[str, Any]]:
        """The complaint's events, oldest first: ``waktu`` the effective time (v_waktu_efektif),
        ``waktu_asli`` as recorded, ``dikoreksi`` whether a correction moved it."""
        hasil = []
        for r in self.db.execute(
            "SELECT r.*, e.waktu AS waktu, e.waktu_asli, e.dikoreksi FROM riwayat r"
            " JOIN v_waktu_efektif e ON e.urutan = r.urutan WHERE r.keluhan_id = ? ORDER BY r.urutan", (kid,)
        ):
            d = dict(r)
            d["rincian"] = json.loads(d["rincian"])
            d["dikoreksi"] = bool(d["dikoreksi"])
            hasil.append(d)
        return hasil

    def ambil(self, ref: str) -> dict[str, Any]:
        """One complaint with every field, its CAPA rounds and its full history."""
        k = self._cari(self.db, ref)
        k["tindakan"] = [
            {c: v for c, v in t.items() if c not in ("keluhan_id", "riwayat_urutan")}
            for t in self._tindakan(self.db, k["id"])
        ]
        k["riwayat"] = self.riwayat(k["id"])
        self._durasi_riwayat(k)
        reg = self.register()
        for r in k["riwayat"]:  # who each officer was then: the forms' signature blocks
            o = reg.kenali(r["petugas"], r["waktu"])
            r["petugas_nip"], r["petugas_jabatan"] = (o.nip, o.jabatan) if o else (None, None)
        self._tinjauan(k)
        self._berulang(k)
        return k

    def _berulang(self, k: dict[str, Any]) -> None:
        """``ambil``: the earlier complaints of the same customer within ``berulang.hari``
        (``berulang``, newest first; voided ones included, their status says so) and the
        links both ways (``kaitan``), keluhan/berulang.py."""
        k["berulang_hari"] = hari = self.p["berulang"]["hari"]
        k["berulang"] = berulang.sebelumnya(self.db, k, hari)
        k["kaitan"] = berulang.kaitan(self.db, k)

    def berulang_sebelumnya(self, k: dict[str, Any]) -> list[dict[str, Any]]:
        """``validasi``: the earlier complaints of the same customer within the window, voided ones left out."""
        return berulang.sebelumnya(self.db, k, self.p["berulang"]["hari"], dengan_batal=False)

    def _tinjauan(self, k: dict[str, Any]) -> None:
        """``ambil``: the pending effectiveness reviews (``tinjauan_efektivitas``: round, since
        when, the day due, overdue now?) and, on each review event, its due day and whether
        it was early (keluhan/efektivitas.py)."""
        k["tinjauan_efektivitas"] = []
        if not any(t.get("verifikasi") == "terima" for t in k["tindakan"]):
            return  # nothing reviewable: the calendar is not even read (nor efektivitas imported)
        from keluhan import efektivitas, tunda

        kal = self.kalender()
        jeda = tunda.rentang_tinjauan(k["riwayat"]) if any(r["aksi"] == Aksi.TUNDA for r in k["riwayat"]) else []
        k["tinjauan_efektivitas"] = efektivitas.tertunda(kal, self.p, k["tindakan"], self._sekarang(), jeda)
        info = efektivitas.tinjauan_riwayat(kal, self.p, k["riwayat"]) if any(
            r["aksi"] == Aksi.EFEKTIVITAS for r in k["riwayat"]) else {}
        for r in k["riwayat"]:
            if r["aksi"] == Aksi.EFEKTIVITAS:
                r["efektivitas"] = info.get(r["urutan"])

    def daftar(
        self, *, status: str | None = None, media: str | None = None, bulan: str | None = None,
        tim: str | None = None, halaman: int = 1, per_halaman: int = 50,
    ) -> tuple[list[dict[str, Any]], int]:
        """One page of complaints, newest first, and the total matching the filters."""
        syarat, nilai = [], []
        if status:
            syarat.append("status = ?")
            nilai.append(status)
        if media:
            syarat.append("media = ?")
            nilai.append(media)
        if tim:
            syarat.append("tim_teknis = ? COLLATE NOCASE")
            nilai.append(tim)
        if bulan:
            syarat.append("dicatat >= ? AND dicatat < ?")
            nilai += _rentang_bulan(bulan)
        where = f"WHERE {' AND '.join(syarat)}" if syarat else ""
        total = self.db.execute(f"SELECT COUNT(*) FROM keluhan {where}" if syarat else SQL_JUMLAH, nilai).fetchone()[0]
        if (halaman - 1) * per_halaman >= total:  # past the last page (4611686018427387904 too): empty
            return [], total
        baris = self.db.execute(
            f"SELECT * FROM keluhan {where} ORDER BY dicatat DESC, urut DESC LIMIT ? OFFSET ?",
            [*nilai, per_halaman, (halaman - 1) * per_halaman],
        )
        return [dict(r) for r in baris], total

    def cari(self, teks: str, *, halaman: int = 1, per_halaman: int = 50) -> tuple[list[dict[str, Any]], int]:
        """``keluhan cari``: one page of the complaints matching every word of ``teks``,
        best first (bm25; ties newest first), and how many match in all."""
        q = pencarian.kueri(teks)
        if q is None:
            raise GalatMasukan("Teks pencarian kosong; tulis nama, nomor, atau kata dari uraian.")
        total = self.db.execute("SELECT COUNT(*) FROM keluhan_cari WHERE keluhan_cari MATCH ?", (q,)).fetchone()[0]
        baris = self.db.execute(
            "SELECT k.* FROM keluhan_cari f JOIN keluhan k ON k.id = f.keluhan_id"
            " WHERE keluhan_cari MATCH ? ORDER BY k.status = 'batal', f.rank, k.dicatat DESC, k.urut DESC LIMIT ? OFFSET ?",
            (q, per_halaman, (halaman - 1) * per_halaman),
        )
        return [dict(r) for r in baris], total

    def serupa(self, isian: dict[str, Any], waktu: datetime | None = None) -> list[tuple[str, str]]:
        """catat's duplicate warning: (number, why) of the complaints recorded in the
        ``pencarian.HARI_SERUPA`` days up to the recording time that look like ``isian``
        (``pencarian.sebab_serupa``), newest first. Only those sharing one of its keys are
        read (table kunci_serupa, keluhan/pencarian.py), not the whole fortnight."""
        t = self._di_zona(waktu) if waktu else self._sekarang()
        awal = t - timedelta(days=pencarian.HARI_SERUPA)
        kunci = pencarian.kunci_serupa(isian)
        if not kunci:
            return []
        hasil = []
        # Text bounds a day wider (offsets may differ), then instants compared.
        for r in self.db.execute(pencarian.SQL_SERUPA, {
                **{f"k{i}": kunci[i] if i < len(kunci) else None for i in range(3)},
                "dari": int(awal.timestamp() // 1), "sampai": int(t.timestamp() // 1),
                "teks_dari": w.iso(awal - timedelta(days=1)), "teks_sampai": w.iso(t + timedelta(days=1))}):
            lama = dict(r)  # (a voided record is no complaint to repeat: the query leaves it out)
            if not awal <= w.dari_iso(lama["dicatat"]) <= t:
                continue
            sebab = pencarian.sebab_serupa(isian, lama)
            if sebab:
                hasil.append((lama["nomor"], sebab))
        return hasil

    # -- working-time SLA: calendar, durations, deadlines (SQL in keluhan/tenggat.py) -------

    def _tulis_tenggat(self, db: sqlite3.Connection, p: dict[str, Any], lama: dict[str, Any] | None, baru: dict[str, Any]) -> None:
        """Inside ``_tulis``: the event's duration and the complaint's next deadline; after
        a correction of a time, every duration and the deadline of the complaint."""
        tahun = {w.dari_iso(t).year for t in (p["waktu"], baru.get("diajukan")) if t}
        if _koreksi_waktu(p) or (p["aksi"] == Aksi.KOREKSI.value and p["rincian"].get("kolom") == "diajukan"):
            tahun.add(w.dari_iso(p["rincian"]["baru"]).year)
            tenggat.pastikan_tahun(db, tahun, p["dicatat_pada"])
            tenggat.hitung_keluhan(db, self.kalender(), self.p, baru["id"], p["dicatat_pada"])
            return
        tenggat.pastikan_tahun(db, tahun, p["dicatat_pada"])
        tenggat.catat_peristiwa(db, self.kalender(), self.p, p, lama, baru)

    def _durasi_riwayat(self, k: dict[str, Any]) -> None:
        """``lihat``: each history row's working duration, mutu baku, deadline, compliance."""
        durasi = tenggat.durasi_keluhan(self.db, k["id"])
        for r in k["riwayat"]:
            d = durasi.get(r["urutan"], {})
            r.update(durasi_menit=d.get("menit_kerja"), mutu_baku=d.get("mutu_baku"), batas=d.get("batas"),
                     patuh=None if not d else bool(d["patuh"]), menit_tunda=d.get("menit_tunda"),
                     patuh_tanpa_tunda=None if d.get("patuh_tanpa_tunda") is None else bool(d["patuh_tanpa_tunda"]))
        self.tandai_tenggat([k])

    def tandai_tenggat(self, baris: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Add the awaited step, its deadline and whether it is past now to each row; a
        paused complaint (keluhan tunda) is not late but paused: its pause's limit and
        whether that is past instead (keluhan/tunda.py)."""
        from keluhan import tunda

        sekarang = self._sekarang()
        kini = tenggat.utc(sekarang)
        semua = tenggat.tenggat_keluhan(self.db, [b["id"] for b in baris])
        kal = self.kalender() if any(b.get("ditunda") for b in baris) else None
        for b in baris:
            t = semua.get(b["id"])
            b.update(langkah_berikutnya=t["langkah"] if t else None, mutu_baku_langkah=t["mutu_baku"] if t else None,
                     batas_langkah=t["batas"] if t else None, terlambat=bool(t and t["lewat_setelah_utc"] < kini))
            jeda = tunda.keadaan(kal, b, sekarang, self.p["tunda"]["batas"]) if kal is not None else None
            b.update(tunda_batas=jeda["batas_tunda"] if jeda else None,
                     tunda_lewat_batas=jeda["lewat_batas"] if jeda else False)
            if jeda:
                b["terlambat"] = False
        return baris

    def terlambat(self, dalam: Any = None) -> list[dict[str, Any]]:
        """Complaints past their step's deadline (and within ``dalam`` of it, when given),
        then the effectiveness reviews past their due day (or due within ``dalam``)."""
        kal, kini = self.kalender(), self._sekarang()
        hasil = [dict(b, jenis="langkah") for b in tenggat.terlambat(self.db, kal, kini, dalam)]
        sampai = kal.batas(kini, dalam) if dalam else None
        tinjauan = [b for b in self.tinjauan_jatuh(kal, kini, sampai) if not b.get("ditunda")]
        return hasil + tinjauan + self.tunda_jatuh(kal, kini, sampai)

    def tunda_jatuh(self, kal: Any, kini: datetime, sampai: datetime | None = None) -> list[dict[str, Any]]:
        """The paused complaints ``terlambat`` lists, as paused (``jenis`` 'tunda'), never as
        late steps: those whose pause has passed its limit (``tunda.batas``: then late), or
        reaches it by ``sampai``, or whose step's deadline (as before the pause) has passed or
        falls by ``sampai``. ``batas`` is the pause's limit; ``batas_langkah`` the step's."""
        from keluhan import tunda

        kini_utc, sampai_utc = tenggat.utc(kini), tenggat.utc(sampai) if sampai else ""
        hasil = []
        for r in self.db.execute(
            "SELECT k.*, t.langkah AS t_langkah, t.mutu_baku AS t_mutu, t.batas AS t_batas, t.batas_utc AS t_batas_utc,"
            " t.lewat_setelah_utc AS t_lewat FROM keluhan k LEFT JOIN tenggat t ON t.keluhan_id = k.id"
            " WHERE k.ditunda IS NOT NULL ORDER BY k.ditunda, k.nomor"
        ):
            k = dict(r)
            t = {x[2:]: k.pop(x) for x in list(k) if x.startswith("t_")}
            jeda = tunda.keadaan(kal, k, kini, self.p["tunda"]["batas"])
            assert jeda is not None
            b = w.dari_iso(jeda["batas_tunda"])
            dekat = sampai is not None and b <= sampai
            langkah_lewat = t["lewat"] is not None and (t["lewat"] < kini_utc or (sampai is not None and t["batas_utc"] <= sampai_utc))
            if not (jeda["lewat_batas"] or dekat or langkah_lewat):
                continue
            k.update(
                jenis="tunda", terlambat=jeda["lewat_batas"], langkah=t["langkah"], mulai_langkah=k["ditunda"],
                mutu_baku=f"{jeda['batas_hari']} hari", batas=jeda["batas_tunda"], batas_langkah=t["batas"],
                tunda_batas=jeda["batas_tunda"], tunda_lewat_batas=jeda["lewat_batas"],
                lewat_menit=round(kal.menit_kerja(b, kini), 2) if jeda["lewat_batas"] else 0.0,
                lewat_hari_kerja=round(kal.hari_kerja(b, kini), 2) if jeda["lewat_batas"] else 0.0,
                sisa_menit=0.0 if jeda["lewat_batas"] else round(kal.menit_kerja(kini, b), 2),
            )
            hasil.append(k)
        return hasil

    def tinjauan_jatuh(self, kal: Any, kini: datetime, sampai: datetime | None = None) -> list[dict[str, Any]]:
        """The pending effectiveness reviews overdue at ``kini`` (or due by ``sampai``'s
        date), soonest due first: each complaint's row with ``jenis`` 'efektivitas', the round,
        since when it counts, its due day (``jatuh_tempo`` = ``batas``) and how late."""
        from keluhan import efektivitas

        return efektivitas.jatuh(self.db, kal, self.p, kini, sampai)

    def libur(self, tahun: int) -> list[dict[str, Any]]:
        """The holiday rows of ``tahun`` (seeded from the package first when needed and
        allowed: read-only, an unseeded year lists what the archive has, nothing)."""
        if not w.TAHUN_MIN <= tahun <= w.TAHUN_MAX:
            raise GalatMasukan(f"Tahun {tahun} di luar kalender arsip ({w.TAHUN_MIN} sampai {w.TAHUN_MAX}).")
        if not self.hanya_baca:
            with self.transaksi(hasil=None) as db:
                tenggat.pastikan_tahun(db, [tahun], w.iso(self._sekarang()))
        return tenggat.daftar_libur(self.db, tahun)

    def ubah_libur(
        self, tanggal: Any, *, petugas: str, nama: str | None = None, alasan: str | None = None,
        hapus: bool = False, kemajuan: Any = None,
    ) -> dict[str, Any]:
        """Add (or with ``hapus`` mark removed) the holiday on ``tanggal`` and recompute,
        in the same transaction, every duration and deadline that day can change."""
        petugas = _petugas(petugas)
        with self.transaksi() as db:
            sistem = w.iso(self._sekarang())
            petugas = self._petugas_resmi(db, petugas, sistem)
            if hapus:
                nama = tenggat.hapus_libur(db, tanggal=tanggal, petugas=petugas, alasan=alasan or "", sistem=sistem)
            else:
                tenggat.tambah_libur(db, tanggal=tanggal, nama=nama or "", petugas=petugas, alasan=alasan, sistem=sistem)
            durasi, tenggat_n, berubah = tenggat.hitung_ulang(
                db, self.kalender(), tanggal=tanggal, sistem=sistem, kemajuan=kemajuan)
        sinyal.tersimpan(f"libur {tanggal.isoformat()} {'dihapus' if hapus else 'ditambahkan'}")
        return {"tanggal": tanggal.isoformat(), "nama": nama, "durasi": durasi, "tenggat": tenggat_n,
                "patuh_berubah": berubah}

    def jam_kerja_berbeda(self) -> list[str]:
        """Weekdays whose keluhan.toml office hours differ from the archive's (the archive wins)."""
        return tenggat.jam_kerja_berbeda(self.db, self.p)

    # -- the settings ledger (keluhan/buku.py) ------------------------------------------

    def setelan(self) -> Any:
        """The archive's settings ledger as the calendar read it."""
        return self.kalender().setelan

    def ubah_pengaturan(
        self, kunci: str, teks: str, *, petugas: str, alasan: str | None, berlaku_sejak: Any = None,
        kemajuan: Any = None,
    ) -> dict[str, Any]:
        """Set ``kunci`` to ``teks`` from ``berlaku_sejak`` (a date: its local midnight;
        None: now), as one ledger entry with who, why, the old and the new value, and
        recompute in the same transaction every duration and deadline it changes."""
        from datetime import time as _time

        from keluhan import buku

        petugas = _petugas(petugas)
        nilai = buku.normalkan(kunci, teks)
        alasan = " ".join((alasan or "").split())
        if not alasan:
            raise GalatMasukan("Perubahan pengaturan memerlukan --alasan (dasar perubahan, mis. nomor SK).")
        with self.transaksi() as db:
            sekarang = self._sekarang()
            if berlaku_sejak is None:
                sejak = sekarang
            else:
                sejak = datetime.combine(berlaku_sejak, _time(0), w.zona(self.zona))
                w.periksa_tahun(sejak, "--berlaku-sejak")
            petugas = self._petugas_resmi(db, petugas, sekarang)
            setelan = buku.muat(db)
            lama = setelan.entri_pada(kunci, sejak)
            if lama is not None and lama.nilai == nilai:
                raise GalatMasukan(
                    f"Pengaturan {kunci} sudah bernilai {buku.tampil(nilai)} pada {tg.tampil(sejak)}; tidak ada yang diubah."
                )
            urutan = buku.catat(
                db, kunci=kunci, nilai=nilai, nilai_lama=None if lama is None else lama.nilai, berlaku_sejak=w.iso(sejak),
                petugas=petugas, alasan=alasan, sistem=w.iso(sekarang),
            )
            kal = tenggat.muat_kalender(db, self.zona)  # raises when a week would have no working day left
            bagian = kunci.split(".")
            durasi = tenggat_n = berubah = 0
            if bagian[0] == "mutu_baku" or kunci == kunci_mutu(8):
                durasi, tenggat_n, berubah = tenggat.hitung_ulang(
                    db, kal, tanggal=None, sejak=sejak, sistem=w.iso(sekarang), kemajuan=kemajuan,
                    langkah=8 if kunci == kunci_mutu(8) else int(bagian[1].split("_")[1]))
            elif bagian[0] == "jam_kerja":
                durasi, tenggat_n, berubah = tenggat.hitung_ulang(
                    db, kal, tanggal=None, sejak=sejak, sistem=w.iso(sekarang), kemajuan=kemajuan)
        return {"urutan": urutan, "kunci": kunci, "nilai": nilai, "nilai_lama": None if lama is None else lama.nilai,
                "berlaku_sejak": w.iso(sejak), "durasi": durasi, "tenggat": tenggat_n, "patuh_berubah": berubah}

    def rekap(self, periode: Any, jangkar: Any = None, *, format: str | None = None) -> Any:
        """The recap of ``periode`` as data (keluhan/rekap.py), as of ``jangkar`` (a
        ``jangkar.Jangkar``; default every chain's tip now), read from one snapshot. An
        anchor the chains no longer hold is refused: that recap cannot be reproduced."""
        from keluhan import jangkar as jk, rekap

        db = self.db
        sendiri = not db.in_transaction
        if sendiri:
            db.execute("BEGIN")  # one snapshot for every query, while clerks keep writing
        try:
            kal = self.kalender()
            if jangkar is not None:
                temuan = jk.periksa(db, jangkar)
                if temuan:
                    raise GalatArsip(f"{temuan[0]} Rekap dengan jangkar ini tidak dapat disusun ulang; "
                                     "jalankan 'keluhan periksa --jangkar'.")
                kal = rekap.kalender_pada(db, jangkar, kal)
                if jangkar.punya("riwayat"):  # times corrected after the anchor: as the anchor saw them
                    tenggat.bayangan_jangkar(db, kal, self.p, jangkar.ujung("riwayat")[0], w.iso(self._sekarang()))
            return rekap.rekap(db, kal, self.p, periode, sekarang=self._sekarang(), jangkar=jangkar, format=format)
        finally:
            tenggat.lepas_bayangan(db)
            if sendiri:
                db.execute("ROLLBACK")


# How many complaints the archive holds, without counting a million index entries (~10 ms
# of every unfiltered ``daftar``): numbers are gapless within each year (catat takes the
# year's highest plus one, impor refuses gaps, ``keluhan periksa`` checks), so the count is
# the sum of each year's highest number, found by a few seeks in UNIQUE (tahun, urut).
SQL_JUMLAH = """
WITH RECURSIVE t(y) AS (
    SELECT MIN(tahun) FROM keluhan
    UNION ALL SELECT (SELECT MIN(tahun) FROM keluhan WHERE tahun > t.y) FROM t WHERE t.y IS NOT NULL
)
SELECT COALESCE(SUM((SELECT MAX(urut) FROM keluhan WHERE tahun = t.y)), 0) FROM t WHERE y IS NOT NULL
"""


def _masih_terbuka(db: sqlite3.Connection) -> bool:
    """``db`` has a transaction to roll back. A Ctrl-C between a transaction's start and its
    body leaves the ``transaksi`` generator suspended; it is finalized after the archive is
    closed (SQLite rolled the transaction back on close), and must then end quietly."""
    try:
        return db.in_transaction
    except sqlite3.ProgrammingError:  # closed
        return False


def _koreksi_waktu(p: dict[str, Any]) -> bool:
    """Event ``p`` corrects a step's time (v_waktu_efektif reads it)."""
    return p["aksi"] == Aksi.KOREKSI.value and p["rincian"].get("kolom") == proyeksi.KOLOM_WAKTU


def _kemajuan_migrasi(apa: str, selesai: int, total: int) -> None:
    """A table rebuilt by a migration (migrasi.bangun_ulang_tabel): progress on a terminal
    (stderr), for archives large enough to make a clerk wonder; nothing when piped."""
    if total < migrasi.PER_SALIN or not sys.stderr.isatty():
        return
    print(f"\rMeningkatkan skema arsip: tabel {apa} {selesai}/{total} baris", end="" if selesai < total else "\n",
          file=sys.stderr, flush=True)


def _sebab_tulis_sqlite(e: sqlite3.DatabaseError, folder: Path) -> str:
    """Why SQLite could not write a copy, in the clerk's words. SQLite reports a disk full
    as SQLITE_FULL but a refused write() (a file-size limit, some full disks) only as an
    I/O error, without the system's errno: the folder's free space and the process's
    file-size limit say which it was."""
    if getattr(e, "sqlite_errorcode", None) == sqlite3.SQLITE_FULL:
        return berkas.sebab(OSError(errno.ENOSPC, ""))
    try:
        import shutil  # not at module level: it imports bz2, lzma and zlib (~2 ms of every command)

        if shutil.disk_usage(folder).free == 0:  # portable (os.statvfs does not exist on Windows)
            return berkas.sebab(OSError(errno.ENOSPC, ""))
    except (OSError, AttributeError):
        pass
    try:
        import resource

        if resource.getrlimit(resource.RLIMIT_FSIZE)[0] != resource.RLIM_INFINITY:
            return berkas.sebab(OSError(errno.EFBIG, ""))
    except (ImportError, OSError, ValueError):
        pass
    return f"{berkas.sebab(OSError(errno.EIO, ''))} ({e})"


def cadangkan(db: sqlite3.Connection, tujuan: Path, *, timpa: bool = False,
              lindungi: Iterable[tuple[Path, str]] = ()) -> None:
    """A consistent copy through SQLite's online backup API (safe while others write).

    Written into a temporary file created exclusively beside ``tujuan`` (keluhan/berkas.py),
    checked, then put in place without replacing anything (unless ``timpa``): a reader sees
    no file or the whole copy, and of two backups racing for one new name one wins and the
    other is refused. The copy is one self-contained file (rollback journal, not WAL), so it
    can be moved or mailed as it is; 0640, it holds personal data.
    """
    with berkas.berkas_baru(tujuan, timpa=timpa, lindungi=[*berkas.dilindungi(None), *lindungi],
                            ekor_sementara=("-journal", "-wal", "-shm")) as s:
        try:
            salinan = sqlite3.connect(s.jalur, isolation_level=None)
            try:
                if not s.masih_milik_kita():  # SQLite opens it by name: nothing written if it was swapped
                    raise berkas.GalatTulis(f"Berkas sementara di {tujuan.parent} diganti oleh proses lain; "
                                            "cadangan tidak ditulis.")
                db.backup(salinan)
                salinan.execute("PRAGMA journal_mode = DELETE")
                cek = salinan.execute("PRAGMA quick_check").fetchone()[0]
            finally:
                salinan.close()
        except sqlite3.DatabaseError as e:
            raise berkas.GalatTulis(f"Cadangan {tujuan} tidak dapat ditulis: {_sebab_tulis_sqlite(e, tujuan.parent)}; "
                                    "tidak ada berkas yang ditinggalkan.") from None
        if cek != "ok":
            raise GalatArsip(f"Salinan arsip gagal diperiksa ({cek}); cadangan tidak ditulis.")


def _rentang_bulan(bulan: str) -> list[str]:
    import re

    m = re.fullmatch(r"(\d{4})-(\d{1,2})", bulan.strip())
    if not m or not 1 <= int(m[2]) <= 12:
        raise GalatMasukan(f"Bulan tidak sah: '{bulan}'. Contoh: 2026-11.")
    y, b = int(m[1]), int(m[2])
    akhir = f"{y + 1:04d}-01" if b == 12 else f"{y:04d}-{b + 1:02d}"
    return [f"{y:04d}-{b:02d}", akhir]


@functools.lru_cache(maxsize=8)
def _tim_teknis(nama: tuple[str, ...]) -> dict[str, str]:
    """The settings' Tim Teknis by case-folded name."""
    return {t.casefold(): t for t in nama}


@functools.lru_cache(maxsize=4096)  # a bulk import names the same few officers on every row
def _petugas(petugas: str | None) -> str:
    """The petugas as stored: NFC, invisible format characters (zero-width space, ...)
    dropped, whitespace collapsed to single spaces ("Budi  Santoso" -> "Budi Santoso")."""
    petugas = " ".join(_tanpa_format(unicodedata.normalize("NFC", petugas or "")).split())
    if not petugas:
        raise GalatMasukan(
            "Petugas belum diisi: gunakan --petugas NAMA, variabel KELUHAN_PETUGAS, "
            "atau petugas.bawaan di keluhan.toml."
        )
    return petugas


def _tanpa_format(teks: str) -> str:
    return "".join(c for c in teks if unicodedata.category(c) != "Cf")


def sama_petugas(a: str | None, b: str | None) -> bool:
    """Whether two petugas names are one person for ISO/IEC 17025 7.9.6 by their text alone
    (no register): compared after NFKC, without format characters or whitespace, casefolded,
    Cyrillic and Greek look-alikes read as the Latin letter they imitate ("budi  SANTOSO",
    "Budi\u00a0Santoso", "Budi Santoso" and "Вudi Santoso" are the same). Errs towards
    "same": a refusal costs the clerk a colleague, a wrong acceptance costs the audit. With
    officers registered, compare officers: ``registri.Register.sama``."""
    from keluhan.registri import kerangka

    return bool(a and b) and kerangka(a) == kerangka(b)


def _periksa_isian(isian: dict[str, Any]) -> dict[str, Any]:
    """Required fields present, enumerations valid; empty strings become None."""
    bersih = {k: (v.strip() or None) if isinstance(v, str) else v for k, v in isian.items()}
    for wajib, opsi in (("nama", "--nama"), ("media", "--media"), ("uraian", "--uraian")):
        if not bersih.get(wajib):
            raise GalatMasukan(f"Isian {opsi} wajib diisi.")
    if bersih["media"] not in MEDIA:
        raise GalatMasukan(f"Media '{bersih['media']}' tidak dikenal. Pilihan: {', '.join(MEDIA)}.")
    if bersih.get("layanan") and bersih["layanan"] not in LAYANAN:
        raise GalatMasukan(f"Layanan '{bersih['layanan']}' tidak dikenal. Pilihan: {', '.join(LAYANAN)}.")
    return bersih


def _pesan_batal(k: dict[str, Any], aksi: Aksi = Aksi.BATAL) -> str:
    """Why the table refuses ``batal`` in this status, and the SOP's own path instead (its
    next commands, from the table; never ``catat``)."""
    nomor, status = k["nomor"], Status(k["status"])
    if status is Status.BATAL:
        return f"Keluhan {nomor} sudah dibatalkan ({tg.tampil(k.get('dibatalkan'))}); tidak ada yang diubah."
    if status in STATUS_AKHIR:
        return (f"Keluhan {nomor} berstatus '{status.value}': penanganannya sudah berakhir menurut SOP dan tidak "
                "dapat dibatalkan; perbaiki isian yang salah dengan keluhan koreksi.")
    sebab = ("keluhan sudah divalidasi tidak benar" if status is Status.TIDAK_VALID
             else "tindakan koreksi dan pencegahan (FTKP) sudah dicatat")
    return pesan_jalan_sop(k, sebab)


def pesan_jalan_sop(k: dict[str, Any], sebab: str) -> str:
    """A refused ``batal``: the reason, then the SOP's next step from the transition table."""
    nomor, status = k["nomor"], Status(k["status"])
    jalan = " atau ".join(f"keluhan {p} {nomor}" for p in perintah_berikutnya(status))
    return (f"Keluhan {nomor} berstatus '{status.value}': tidak dapat dibatalkan karena {sebab}; selesaikan "
            f"menurut SOP Penanganan Keluhan Pelanggan; langkah berikutnya: {jalan}.")


def _pesan_transisi(k: dict[str, Any], aksi: Aksi, pelanggan: dict[Aksi, str | None] | None = None) -> str:
    """The table's refusal: the status and the next commands the table gives. When the
    office owes nothing more (a finished complaint) the commands a customer starts are
    not "next": the hint says the handling is over and, while its window is open, when
    such a command applies (``pelanggan``: ``Arsip._saran_pelanggan``)."""
    status = Status(k["status"])
    if status in STATUS_AKHIR:
        saran = "penanganannya sudah berakhir"
        if status is Status.BATAL:
            saran = f"keluhan ini dibatalkan ({k.get('alasan_batal') or ''}); tidak ada langkah lagi"
        lain = [s for s in (pelanggan or {}).values() if s]
        if lain:
            saran += "; " + "; ".join(lain)
        elif pelanggan:
            saran += " dan batas banding sudah lewat"
        return f"Keluhan {k['nomor']} berstatus '{k['status']}': perintah '{PERINTAH[aksi]}' tidak dapat dijalankan; {saran}."
    berikut = perintah_berikutnya(status)
    saran = (
        "langkah berikutnya: " + " atau ".join(f"keluhan {p} {k['nomor']}" for p in berikut)
        if berikut else "penanganannya sudah berakhir"
    )
    return (
        f"Keluhan {k['nomor']} berstatus '{k['status']}': perintah '{PERINTAH[aksi]}' tidak dapat "
        f"dijalankan; {saran}."
    )


# -- bulk writing: keluhan impor -----------------------------------------------------
#
# A register imported from a file lands as real events, through the same checks as the
# commands (``_periksa_isian``, ``_periksa_rincian``, the transition table,
# ``_periksa_waktu``, the table's guards in keluhan/penjaga.py) and the same fold (``proyeksi.terapkan``) and
# hash chain (``hash_peristiwa``) as ``_tulis``. What differs is only how it reaches
# SQLite: the state ``_tulis`` reads back per event (the last hash, the complaint's row
# and CAPA rows, the year's last number) is kept in memory, since every imported
# complaint is new, and rows go in with ``executemany`` inside one transaction.


# Plain classes, not dataclasses: ``dataclasses`` imports ``inspect`` (~10 ms), and every
# command imports this module (keluhan/cepat.py).


class LangkahImpor(tuple):  # type: ignore[type-arg]
    """One event after ``catat``: a step, or a correction (rincian: kolom, lama, baru, alasan).

    A tuple with named fields written out, as ``workflow.Entri``: a ``NamedTuple`` class
    costs about 1 ms to build at import, and every command imports this module."""

    __slots__ = ()

    def __new__(cls, aksi: Aksi, petugas: str | None, waktu: datetime, rincian: dict[str, Any]) -> LangkahImpor:
        return tuple.__new__(cls, (aksi, petugas, waktu, rincian))

    _NAMA = ("aksi", "petugas", "waktu", "rincian")
    aksi: Aksi = property(itemgetter(0))  # type: ignore[assignment]
    petugas: str | None = property(itemgetter(1))  # type: ignore[assignment]
    waktu: datetime = property(itemgetter(2))  # type: ignore[assignment]
    rincian: dict[str, Any] = property(itemgetter(3))  # type: ignore[assignment]
    __repr__ = _repr_bernama

    def __getnewargs__(self) -> tuple[Any, ...]:  # pickle and copy rebuild it field by field, as a NamedTuple
        return tuple(self)

    def _replace(self, **ubah: Any) -> LangkahImpor:
        baru = LangkahImpor(*(ubah.pop(n, v) for n, v in zip(self._NAMA, self)))
        if ubah:
            raise ValueError(f"Got unexpected field names: {list(ubah)!r}")
        return baru


class KeluhanImpor:
    """One complaint to import: what ``catat`` records, then its later events in order."""

    __slots__ = ("isian", "petugas", "dicatat", "nomor", "langkah", "asal", "cocok")

    def __init__(
        self, isian: dict[str, Any], petugas: str | None, dicatat: datetime, nomor: str | None = None,
        langkah: list[LangkahImpor] | None = None, asal: dict[str, Any] | None = None,
        cocok: list[tuple[str, str, str, Any]] | None = None,
    ) -> None:
        self.isian = isian
        self.petugas = petugas
        self.dicatat = dicatat
        self.nomor = nomor  # the historical official number, kept verbatim; None = assign one
        self.langkah: list[LangkahImpor] = [] if langkah is None else langkah
        self.asal = asal  # provenance (file, row), kept in the catat event
        # Values the file states about the result: (label, source, column, value); source is
        # "k" (the keluhan row), "t" (the last CAPA round) or "p" (petugas of the last event
        # whose aksi is ``column``).
        self.cocok: list[tuple[str, str, str, Any]] = [] if cocok is None else cocok

    def __repr__(self) -> str:
        return f"KeluhanImpor({', '.join(f'{k}={getattr(self, k)!r}' for k in self.__slots__)})"


class SiapImpor:
    """A complaint to import checked in everything that depends on no earlier complaint
    (``PenulisMassal.siapkan``): its fields and officer, its events checked and folded
    (``peristiwa``, ``k``, ``t``), its attachments; ``ulang``: its events are checked
    again once its number is known (``r`` kept for it)."""

    __slots__ = ("r", "isian", "petugas", "nomor", "dicatat", "peristiwa", "k", "t", "lampiran", "ulang", "baris", "sla")

    def __init__(self, r: KeluhanImpor, isian: dict[str, Any], petugas: str) -> None:
        self.r: KeluhanImpor | None = r
        self.isian = isian
        self.petugas = petugas
        self.nomor = r.nomor  # the file's own number, None: one is assigned
        self.dicatat = r.dicatat
        self.peristiwa: list[dict[str, Any]] = []
        self.k: dict[str, Any] = {}
        self.t: list[dict[str, Any]] = []
        self.lampiran: list[tuple[bytes | None, str, int, str]] = []
        self.ulang = False
        # The search-index, kunci_serupa and kunci_pelanggan rows built with the stand-ins
        # (``siapkan``, when this import queues rows), for ``_tempel``; None: built by ``_terima``.
        self.baris: tuple[list[Any], list[tuple[Any, ...]], list[tuple[Any, ...]]] | None = None
        # The durasi_peristiwa and tenggat rows (``_sla_baris``) built there too, where every year
        # they touch had its holidays seeded before the fork; None: built by ``_terima``.
        self.sla: tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]] | None = None

    def __reduce__(self) -> tuple[Any, ...]:  # (sent in pickled batches: a tuple rebuilds fastest)
        return _siap_dari, tuple(getattr(self, n) for n in self.__slots__)


def _siap_dari(*isi: Any) -> SiapImpor:
    s = SiapImpor.__new__(SiapImpor)
    (s.r, s.isian, s.petugas, s.nomor, s.dicatat, s.peristiwa, s.k, s.t, s.lampiran, s.ulang, s.baris, s.sla) = isi
    return s


def _tahun_sla(peristiwa: list[dict[str, Any]], diajukan: str | None) -> set[int]:
    """The years whose holidays a complaint's working-time rows read (its events', its submission's)."""
    return {int(q["waktu"][:4]) for q in peristiwa} | ({int(diajukan[:4])} if diajukan else set())


# ``siapkan``'s stand-ins for what only the first process knows (no id or number is made
# of a NUL character); ``_tempel`` replaces them.
_KID_SEMENTARA = "\x00kid"
_NOMOR_SEMENTARA = "\x00nomor"
# (each as it shows inside a rincian_json: JSON writes the NUL as \u0000)
_SEMENTARA_JSON = tuple((v, _JSON_RINCIAN.encode(v)[1:-1]) for v in (_KID_SEMENTARA, _NOMOR_SEMENTARA))
_CARI: list[int | None] = []


def _cari_nomor() -> int | None:
    """Where ``pencarian.baris`` puts the search column built from the number (rowid first),
    the one ``_tempel`` builds again for an assigned number; None when the index's columns
    draw on the id or the number otherwise (then ``_terima`` builds the whole row)."""
    if not _CARI:
        kolom = list(pencarian.KOLOM.items())
        lain = [s for n, s in kolom if n != "nomor"]
        # (pencarian.isi writes a column of one source as its text normalised, telepon apart)
        sendiri = pencarian.KOLOM.get("nomor") == ("nomor",) and not any({"id", "nomor", "urut"} & set(s) for s in lain)
        _CARI.append(1 + [n for n, _ in kolom].index("nomor") if sendiri else None)
    return _CARI[0]


class _Tahun:
    __slots__ = ("urut", "nomor", "maks")

    def __init__(self, urut: dict[int, int | None], nomor: set[str], maks: int) -> None:
        self.urut = urut  # sequence number -> file row that took it (None: already in the archive)
        self.nomor = nomor
        self.maks = maks


_UKURAN_KELOMPOK = 2000  # complaints per executemany batch
# A queued event's riwayat row (_sisip_antrean's column order), read by one C call.
_BARIS_RIWAYAT = itemgetter("urutan", "keluhan_id", "langkah", "aksi", "status_dari", "status_ke", "petugas", "waktu",
                            "dicatat_pada", "rincian_json", "hash_sebelum", "hash")
_PENGAMBIL: dict[str, Any] = {}


def _baris_keluhan(k: dict[str, Any]) -> tuple[Any, ...]:
    """A complaint's keluhan row in proyeksi.KOLOM_KELUHAN's order (built on first use:
    proyeksi is loaded lazily)."""
    f = _PENGAMBIL.get("k")
    if f is None:
        f = _PENGAMBIL["k"] = itemgetter(*proyeksi.KOLOM_KELUHAN)
    return f(k)  # type: ignore[no-any-return]


def _baris_tindakan() -> Any:
    """What reads a CAPA round's tindakan row in proyeksi.KOLOM_TINDAKAN's order."""
    f = _PENGAMBIL.get("t")
    if f is None:
        f = _PENGAMBIL["t"] = itemgetter(*proyeksi.KOLOM_TINDAKAN)
    return f
_AKSI_NILAI = {a.value: a for a in Aksi}  # an event's stored action, without Enum's call
_AKSI_TUNDA = Aksi.TUNDA.value
_AKSI_KAITKAN = Aksi.KAITKAN.value
# A sequence number in an imported file: at most this many digits (a year of complaints
# is far below it; SQLite's INTEGER and Python's int parsing are far above).
_DIGIT_URUT = 9


class PenulisMassal:
    """Writes many new complaints with their histories; see ``massal()``.

    ``tambah`` checks one complaint and its events and either raises (nothing of that
    complaint is kept, the in-memory state is as before) or queues its rows. Rows are
    inserted only when ``tulis`` is set and nothing has been refused yet.
    """

    def __init__(self, arsip: Arsip, db: sqlite3.Connection, *, tulis: bool, sekarang: datetime,
                 tahap: bool = False) -> None:
        self.arsip = arsip
        self.db = db
        self.tulis = tulis
        self.sekarang = sekarang
        self.ada_tolak = False
        self.jumlah = 0
        self.nomor_diberikan = 0
        self._simpan = False
        # Whether any other connection committed since: read first, before anything this
        # check relies on (PRAGMA data_version moves only for other connections' commits).
        self._versi = db.execute("PRAGMA data_version").fetchone()[0]
        # ``tahap``: the check before writing keeps every row it built, in a staging SQLite
        # file of its own (a private temporary folder), so that the write under the lock
        # only copies them over, ``INSERT ... SELECT`` inside SQLite (no Python value is
        # bound under the lock), when the archive is still as the check read it
        # (``salin_tahap``; ``massal`` attaches the file before taking the lock).
        self._tahap: sqlite3.Connection | None = None
        self._tahap_jalur: str | None = None
        self._tahap_lebar: dict[str, int] = {}  # queue -> columns of its staging table
        self._tahap_kelompok: list[tuple[int, ...]] = []  # rows of each queue per batch
        self._tahap_n: dict[str, int] = {}  # rows staged so far per queue (the last rowid)
        if tahap:
            self._buka_tahap()
        self.perkiraan = 0  # complaints this import expects to write (the check's count), 0: unknown
        self._dilepas: list[tuple[str, str, str]] | None = None  # indexes and guards dropped for the insert
        self._dicatat_berkas: dict[str, str] = {}  # number -> dicatat of the file's rows (links to them)
        baris = db.execute("SELECT hash FROM riwayat ORDER BY urutan DESC LIMIT 1").fetchone()
        self._hash = baris[0] if baris else HASH_AWAL
        seq = db.execute("SELECT seq FROM sqlite_sequence WHERE name = 'riwayat'").fetchone()
        maks = db.execute("SELECT COALESCE(MAX(urutan), 0) FROM riwayat").fetchone()[0]
        self._urutan = max(maks, seq[0] if seq else 0)
        self._ujung_awal = (self._urutan, self._hash)
        self._id = {r[0] for r in db.execute("SELECT id FROM keluhan")}
        # The links (kaitkan) of the rows accepted: (number, the other's number, time, row);
        # the other may come later in the file, so they are checked when it ends (akhiri).
        self._kaitan: list[tuple[str, str, str, int | None]] = []
        self._tahun: dict[int, _Tahun] = {}
        self._pola = _pola_nomor(arsip.p["nomor"]["format"], arsip.p["unit"]["singkatan"])
        # Short ids are names, not secrets: one seed from the OS, then no syscall per id.
        import random

        self._acak = random.Random(os.urandom(16))
        self._riwayat: list[tuple[Any, ...]] = []
        self._keluhan: list[tuple[Any, ...]] = []
        self._cari: list[list[Any]] = []  # keluhan_cari rows (pencarian.baris)
        self._kunci: list[tuple[str, str, str, str]] = []  # kunci_pelanggan rows (berulang.baris)
        self._serupa: list[tuple[int, int, str]] = []  # kunci_serupa rows (pencarian.baris_serupa)
        self._tindakan: list[tuple[Any, ...]] = []
        # Working-time rows (durasi_langkah, tenggat), as _tulis_tenggat writes them per event.
        self._durasi: list[tuple[Any, ...]] = []
        self._tenggat: list[tuple[Any, ...]] = []
        self._lampiran: list[tuple[bytes | None, str, int, str]] = []  # attachments to store at the flush
        self._tahun_kalender: set[int] = set()
        self._kalender_beku = False  # a second process checks with the calendar as it is (penyiap)
        # In that process: the years whose holidays were seeded when it was forked (its
        # calendar's), where it builds the working-time rows too (``siapkan``).
        self._tahun_siap: frozenset[int] = frozenset()
        self._kal: Any = None
        self._mutu: dict[int, Any] = {}
        from keluhan import registri

        # The officer register, read once: under the lock only this import writes; the check
        # before it is written only when nobody committed since it began (salin_tahap).
        self._reg = arsip._register_tetap = registri.muat(db)

    def _st(self, tahun: int) -> _Tahun:
        if tahun not in self._tahun:
            urut: dict[int, int | None] = {}
            nomor: set[str] = set()
            for u, n in self.db.execute("SELECT urut, nomor FROM keluhan WHERE tahun = ?", (tahun,)):
                urut[u] = None
                nomor.add(n)
            self._tahun[tahun] = _Tahun(urut, nomor, max(urut, default=0))
        return self._tahun[tahun]

    def _nomor_bentuk(self, nomor: str | None, dicatat: datetime) -> int | None:
        """The sequence number of the file's own number ``nomor``, checked against
        ``nomor.format`` and the recording time (None: a number is to be assigned). What
        depends on no other complaint: ``_nomor`` does the rest."""
        if nomor is None:
            return None
        tahun = dicatat.year
        m = self._pola.fullmatch(nomor)
        if not m:
            raise GalatMasukan(
                f"Nomor '{nomor}' tidak sesuai nomor.format '{self.arsip.p['nomor']['format']}'; "
                "sesuaikan nomornya atau kosongkan agar nomor diberikan."
            )
        if int(m["tahun"]) != tahun:
            raise GalatMasukan(f"Nomor '{nomor}' bertahun {m['tahun']}, tetapi keluhan dicatat tahun {tahun}.")
        bulan = _bulan_cocok(m)
        if bulan is not None and bulan != dicatat.month:
            raise GalatMasukan(
                f"Nomor '{nomor}' berbulan {_ROMAWI[bulan]}, tetapi keluhan dicatat {dicatat.day}/"
                f"{dicatat.month}/{dicatat.year} (bulan {_ROMAWI[dicatat.month]}); periksa tanggal dicatat."
            )
        if len(m["urut"].lstrip("0")) > _DIGIT_URUT:
            raise GalatMasukan(f"Nomor '{nomor}': nomor urut terlalu besar (paling banyak {_DIGIT_URUT} angka).")
        urut = int(m["urut"])
        if urut < 1:
            raise GalatMasukan(f"Nomor '{nomor}': nomor urut harus mulai dari 1.")
        return urut

    def _nomor(self, nomor: str | None, dicatat: datetime, baris: int | None) -> tuple[str, int, int]:
        """(nomor, tahun, urut): the file's own number checked, or the year's next one."""
        tahun = dicatat.year
        urut = self._nomor_bentuk(nomor, dicatat)
        st = self._st(tahun)
        if nomor is None or urut is None:
            urut = st.maks + 1
            return self.arsip._nomor(urut, dicatat), tahun, urut
        if urut in st.urut or nomor in st.nomor:
            pemilik = st.urut.get(urut)
            di = "sudah ada di arsip" if pemilik is None else f"sudah dipakai baris {pemilik}"
            raise GalatMasukan(f"Nomor '{nomor}' (urut {urut} tahun {tahun}) {di}; nomor keluhan harus unik.")
        return nomor, tahun, urut

    def _petugas_pada(self, nama: str, pada: datetime) -> str:
        """The registered name of the officer ``nama`` names as of the event's time ``pada``
        (one resolver: ``registri.Register.cocok``). History is imported, not recorded
        live: an officer inactive now, or already then, is accepted; one registered only
        after the event (a register started this year, an old spreadsheet) is found among
        every officer ever registered. Unknown or ambiguous: refused with the candidates.
        While the register is empty, names stay as the file writes them."""
        reg = self._reg
        if reg.kosong:
            return nama
        calon = reg.cocok(nama, reg.semua_pada(pada))
        if not calon:
            calon = reg.cocok(nama, [p for n in reg.nip() if (p := reg.pada(n, None)) is not None])
        if len(calon) == 1:
            return calon[0].nama  # type: ignore[no-any-return]
        tanggal = f"{pada.day}/{pada.month}/{pada.year}"
        if calon:
            daftar = "; ".join(f"{p.nama} (NIP {p.nip})" for p in calon[:10])
            raise GalatMasukan(
                f"Petugas '{nama}' ({tanggal}) cocok dengan lebih dari satu petugas: {daftar}. Tulis nama lengkap atau NIP."
            )
        semua = "; ".join(p.nama for n in reg.nip()[:12] if (p := reg.pada(n, None)) is not None)
        raise GalatMasukan(
            f"Petugas '{nama}' ({tanggal}) tidak ada di register petugas (terdaftar: {semua}). Daftarkan dengan "
            "'keluhan petugas tambah', atau perbaiki namanya di berkas."
        )

    def bulan_nomor(self, nomor: str) -> int | None:
        """The month an official number was given in, when ``nomor.format`` shows one."""
        m = self._pola.fullmatch(nomor)
        return None if m is None else _bulan_cocok(m)

    def _id_baru(self) -> str:
        while True:
            kid = "k" + "".join(self._acak.choices(_HURUF_ID, k=6))
            if kid not in self._id:
                return kid

    def tambah(self, r: KeluhanImpor | SiapImpor, baris: int | None = None) -> dict[str, Any]:
        """Check complaint ``r`` with every event; queue its rows. Returns its final row.
        ``r`` may come already checked in all that depends on no earlier complaint
        (``siapkan``, in a second process): then only the rest is done here.

        Raises GalatKeluhan (with the archive's own message) for the first thing refused.
        """
        a = self.arsip
        try:
            if type(r) is SiapImpor:
                return self._tambah_siap(a, r, baris)
            return self._tambah(a, r, baris)  # type: ignore[arg-type]
        except GalatKeluhan:
            self.ada_tolak = True
            raise

    # One complaint, in the order its checks refuse: ``_siapkan_awal`` (the officer, the
    # fields, the times), the number (``_nomor``: its form, then against the numbers taken),
    # the events (``_peristiwa_semua``: each step as its command checks it, the fold, the
    # columns the file states); then, accepted, ``_terima`` (the hash chain, the shared
    # state, the queued rows). Only the number against the numbers taken, the id and
    # ``_terima`` depend on the complaints before it: ``siapkan`` does the rest with a
    # stand-in id, number and event numbering, in a second process, and ``_tambah_siap``
    # puts the real ones in (``_tempel``), or checks the events again with them where
    # the stand-ins could have mattered (a refusal's message, a link).

    def _tambah(self, a: Arsip, r: KeluhanImpor, baris: int | None) -> dict[str, Any]:
        s = self._siapkan_awal(a, r)
        nomor, tahun, urut = self._nomor(r.nomor, r.dicatat, baris)
        kid = self._id_baru()
        self._peristiwa_semua(a, s, kid, nomor, tahun, urut, self._urutan)
        return self._terima(s, kid, nomor, tahun, urut, baris)

    def penyiap(self, tahun: Iterable[int] = (), *, jam_kerja: bool = False) -> Callable[[KeluhanImpor], SiapImpor] | None:
        """What ``siapkan``s complaints in a second process forked after this call, with this
        process's officer register, settings and calendar as they are now (it touches no
        database there); None where that would not give what ``tambah`` alone gives: a write
        may seed a year's holidays midway (``_sla``), which that process's calendar would
        miss, unless ``tahun``, every year its complaints touch, is seeded here first.
        ``jam_kerja``: that process builds the working-time rows too (``_sla_baris``), for a
        caller whose first process is the busier one (the build: it writes the archive
        itself; ``keluhan impor``'s reading process is the busier one, and keeps them here)."""
        if self.tulis:
            if not tahun:
                return None
            tenggat.pastikan_tahun(self.db, tahun, w.iso(self.sekarang))
            self._kalender_beku = True
        kal = self.arsip.kalender()  # read here: the other process reads no database
        tahun_siap: frozenset[int] = frozenset()
        if jam_kerja:
            ada = {t for (t,) in self.db.execute("SELECT tahun FROM libur_tahun")}
            # (seeding keeps the years contiguous; with a gap, nothing is taken as seeded there)
            if ada and not tenggat.tahun_belum(self.db, ada):
                tahun_siap = frozenset(ada)
        induk = os.getpid()

        def siapkan(r: KeluhanImpor) -> SiapImpor:
            if self.db is not None:  # the first complaint in the forked process
                if os.getpid() == induk:
                    raise RuntimeError("penyiap: siapkan berjalan di proses kedua saja")
                # Neither connection is used there (a forked SQLite connection must not be):
                # a check that would read the archive fails loudly instead.
                self.db = self.arsip.db = None  # type: ignore[assignment]
                self.arsip._kalender_tetap = self._kal = kal
                self._tahun_siap = tahun_siap
            return self.siapkan(r)

        return siapkan

    def siapkan(self, r: KeluhanImpor) -> SiapImpor:
        """Complaint ``r`` checked in everything that depends on no earlier complaint of
        the file, for ``tambah`` (run in a second process forked after ``penyiap``). Raises
        what ``tambah`` would raise before looking at the numbers taken; a refusal of
        its events (or a link, which names numbers) is left for ``tambah`` to find again
        with the real number, after the number's own check, as ``tambah`` alone would."""
        a = self.arsip
        s = self._siapkan_awal(a, r)
        urut = self._nomor_bentuk(r.nomor, r.dicatat)
        try:
            self._peristiwa_semua(a, s, _KID_SEMENTARA, _NOMOR_SEMENTARA if r.nomor is None else r.nomor,
                                  r.dicatat.year, urut or 0, 0)
        except GalatKeluhan:
            s.ulang = True
        else:
            s.ulang = any(p["aksi"] == _AKSI_KAITKAN for p in s.peristiwa)
        if not s.ulang:
            s.r = None  # (not sent back: its events are in s)
            if (self.tulis or self._tahap is not None) and _cari_nomor() is not None:  # rows queued: built here
                k = s.k
                s.baris = (pencarian.baris(0, k), pencarian.baris_serupa(k), berulang.baris(k))
                for q in s.peristiwa[1:]:  # (catat's holds the number)
                    q["rincian_json"] = _rincian_json(q["rincian"])
                diajukan = s.isian.get("diajukan")
                if _tahun_sla(s.peristiwa, diajukan) <= self._tahun_siap:
                    # Every year seeded before the fork: in the first process _sla would
                    # seed none, so its calendar is this one (with the event numbers from 1,
                    # the stand-in id; _tempel puts in the real ones).
                    s.sla = self._sla_baris(k, s.peristiwa, diajukan)
        return s

    def _tambah_siap(self, a: Arsip, s: SiapImpor, baris: int | None) -> dict[str, Any]:
        nomor, tahun, urut = self._nomor(s.nomor, s.dicatat, baris)
        kid = self._id_baru()
        if s.ulang:  # the events again, with the real number and id: the refusal as tambah alone gives it
            self._peristiwa_semua(a, s, kid, nomor, tahun, urut, self._urutan)
        else:
            self._tempel(s, kid, nomor, urut, self._urutan)
        return self._terima(s, kid, nomor, tahun, urut, baris)

    def _siapkan_awal(self, a: Arsip, r: KeluhanImpor) -> SiapImpor:
        sekarang = self.sekarang
        petugas = _petugas(r.petugas)
        isian = _periksa_isian(dict(r.isian))
        r.dicatat = a._di_zona(r.dicatat)
        petugas = self._petugas_pada(petugas, r.dicatat)
        if isian.get("diajukan"):
            isian["diajukan"] = a.diajukan_tersimpan(isian["diajukan"], "diajukan", sekarang)
        a._periksa_waktu(r.dicatat, isian.get("diajukan"), "pencatatan (dicatat)", sekarang)
        return SiapImpor(r, isian, petugas)

    def _peristiwa_semua(self, a: Arsip, s: SiapImpor, kid: str, nomor: str, tahun: int, urut: int,
                         urutan: int) -> None:
        """The complaint's events from catat on, each checked and folded (into ``s``); the
        events numbered from ``urutan`` + 1."""
        r = s.r
        assert r is not None
        rincian = dict(s.isian, nomor=nomor, tahun=tahun, urut=urut)
        if r.asal:
            rincian["impor"] = r.asal
        peristiwa: list[dict[str, Any]] = []
        s.peristiwa, s.lampiran = peristiwa, []
        p = a._peristiwa(kid, Aksi.CATAT, None, Status.DICATAT, s.petugas, r.dicatat, self.sekarang, rincian)
        urutan += 1
        p["urutan"] = urutan
        peristiwa.append(p)
        # Folded in place (proyeksi.terapkan_sini): these rows are this complaint's own, made
        # here, and a refused event discards them with it; nothing keeps an earlier state.
        k: dict[str, Any] = {}
        t: list[dict[str, Any]] = []
        s.k, s.t = k, t
        terapkan = proyeksi.terapkan_sini
        terapkan(k, t, p)
        for lk in r.langkah:
            p = self._langkah(a, k, t, lk, peristiwa, s.lampiran)
            urutan += 1
            p["urutan"] = urutan
            peristiwa.append(p)
            terapkan(k, t, p)
        for label, sumber, kolom, nilai in r.cocok:
            if sumber == "p":  # the petugas of the last event of this action
                nyata = next((q["petugas"] for q in reversed(peristiwa) if q["aksi"] == kolom), None)
            else:
                nyata = k.get(kolom) if sumber == "k" else (t[-1].get(kolom) if t else None)
            if nilai != nyata:
                raise GalatMasukan(
                    f"Kolom {label} berisi '{nilai}', tetapi riwayat keluhan ini menghasilkan '{nyata or ''}'."
                )

    def _tempel(self, s: SiapImpor, kid: str, nomor: str, urut: int, urutan: int) -> None:
        """The real id, number and event numbers (from ``urutan`` + 1) in place of
        ``siapkan``'s stand-ins, wherever the events and the fold put them."""
        catat = s.peristiwa[0]["rincian"]
        catat["nomor"], catat["urut"] = nomor, urut
        for p in s.peristiwa:
            p["keluhan_id"] = kid
            p["urutan"] += urutan
        k = s.k
        k["id"], k["nomor"], k["urut"] = kid, nomor, urut
        for x in s.t:
            x["keluhan_id"] = kid
            x["riwayat_urutan"] += urutan
        if s.baris is not None:
            cari, serupa, kunci = s.baris
            cari[0], cari[-1] = s.peristiwa[0]["urutan"], kid
            if s.nomor is None:  # the number's search column: the number alone, as pencarian.isi writes it
                cari[_cari_nomor()] = pencarian.normal(nomor)  # type: ignore[index]
            s.baris = (cari, [(x, t, kid) for x, t, _ in serupa], [(j, x, d, kid) for j, x, d, _ in kunci])
        if s.sla is not None:  # (row layouts: tenggat.baris_durasi, tenggat.baris_tenggat)
            durasi, tenggat_ = s.sla
            s.sla = ([(b[0] + urutan, kid, *b[2:]) for b in durasi], [(kid, *b[1:]) for b in tenggat_])
        # No stand-in may be left anywhere a row is built from: were one copied somewhere
        # new, this stops the import (nothing written) rather than store it.
        # (The events after catat: in the rincian_json siapkan built when it built the rows,
        # where a stand-in anywhere, nested too, shows as its JSON text; else in rincian.)
        teks = "".join([p["rincian_json"] for p in s.peristiwa[1:]]) if s.baris is not None else None
        for v, v_json in _SEMENTARA_JSON:
            if (v in k.values() or v in catat.values() or any(v in x.values() for x in s.t)
                    or (v_json in teks if teks is not None else any(v in p["rincian"].values() for p in s.peristiwa))
                    or (s.baris is not None and v in s.baris[0])
                    or (s.sla is not None and any(v in b for bb in s.sla for b in bb))):
                raise RuntimeError(f"Impor: penanda sementara tertinggal pada keluhan {nomor}.")

    def _terima(self, s: SiapImpor, kid: str, nomor: str, tahun: int, urut: int,
                baris: int | None) -> dict[str, Any]:
        """Accepted: the hash chain, the shared state, the queued rows."""
        peristiwa, k, t = s.peristiwa, s.k, s.t
        hash_ = self._hash
        dibuat = s.baris is not None  # (then siapkan encoded every rincian but catat's)
        for p in peristiwa:
            if not dibuat or p is peristiwa[0]:
                p["rincian_json"] = _rincian_json(p["rincian"])
            p["hash_sebelum"] = hash_
            p["hash"] = hash_ = hash_peristiwa(p, hash_)
        st = self._st(tahun)
        st.urut[urut] = baris
        st.nomor.add(nomor)
        st.maks = max(st.maks, urut)
        self.nomor_diberikan += s.nomor is None
        self._id.add(kid)
        self._urutan, self._hash = peristiwa[-1]["urutan"], hash_
        self.jumlah += 1
        self._lampiran += s.lampiran
        self._kaitan += [(nomor, str(q["rincian"].get("terkait")), q["waktu"], baris)
                         for q in peristiwa if q["aksi"] == _AKSI_KAITKAN]
        if not self.tulis:  # a check: the file's rows are not in the archive to be read back (links)
            self._dicatat_berkas[nomor] = k["dicatat"]
        if (self.tulis or self._tahap is not None) and not self.ada_tolak:
            self._riwayat += map(_BARIS_RIWAYAT, peristiwa)
            self._keluhan.append(_baris_keluhan(k))
            if s.baris is not None:
                cari, serupa, kunci = s.baris
                self._cari.append(cari)
                self._kunci += kunci
                self._serupa += serupa
            else:
                self._cari.append(pencarian.baris(peristiwa[0]["urutan"], k))
                self._kunci += berulang.baris(k)
                self._serupa += pencarian.baris_serupa(k)
            if t:
                self._tindakan += map(_baris_tindakan(), t)
            if s.sla is not None:
                self._durasi += s.sla[0]
                self._tenggat += s.sla[1]
            else:
                self._sla(k, peristiwa, s.isian.get("diajukan"))
            if len(self._keluhan) >= _UKURAN_KELOMPOK:
                self._flush()
        return k

    def _langkah(self, a: Arsip, k: dict[str, Any], t: list[dict[str, Any]], lk: LangkahImpor,
                 peristiwa: list[dict[str, Any]], lampiran: list[tuple[bytes | None, str, int, str]]) -> dict[str, Any]:
        """One event, checked by the same code as ``Arsip.langkah`` / ``Arsip.koreksi``
        (an attachment's bytes go to ``lampiran``, stored with the complaint)."""
        lk = LangkahImpor(lk.aksi, lk.petugas, a._di_zona(lk.waktu), lk.rincian)
        petugas = self._petugas_pada(_petugas(lk.petugas), lk.waktu)
        if lk.aksi is Aksi.CATAT:
            raise GalatMasukan("Riwayat hanya boleh memuat langkah sesudah catat.")
        if lk.aksi is Aksi.LAMPIRKAN:
            return a._peristiwa_langkah(None, k, t, lk.aksi, petugas, lk.waktu, self.sekarang,
                                        self._lampiran_impor(lk.rincian, lampiran), pesan=_pesan_transisi_baris)
        if lk.aksi is Aksi.KOREKSI:
            r = lk.rincian
            kolom = r.get("kolom")
            if kolom in ("diajukan", proyeksi.KOLOM_WAKTU):
                # The time that counts is the corrected one, which the row's columns already
                # carry; a step's correction names its event by the source archive's number.
                apa = ("waktu diajukan" if kolom == "diajukan"
                       else f"waktu langkah {r.get('aksi') or ''} (peristiwa #{r.get('peristiwa')} di arsip asal)")
                raise GalatMasukan(
                    f"Riwayat memuat koreksi {apa} (keluhan koreksi --kolom {kolom}), yang belum dapat diimpor. "
                    f"Tulis waktu yang benar ({r.get('baru')}) langsung pada "
                    f"{'kolom diajukan' if kolom == 'diajukan' else 'langkahnya di kolom riwayat'} "
                    "dan hapus peristiwa koreksi itu dari riwayat, lalu impor lagi.")
            if kolom in proyeksi.KOLOM_KOREKSI_TINDAKAN and "putaran" in r:
                return self._koreksi_tindakan_impor(a, k, t, lk, petugas)
            if kolom not in proyeksi.KOLOM_KOREKSI:
                raise GalatMasukan(f"Kolom '{kolom}' tidak dapat dikoreksi.")
            if not str(r.get("alasan") or "").strip():
                raise GalatMasukan("Koreksi memerlukan alasan.")
            if k[kolom] != r.get("lama"):
                raise GalatMasukan(f"Koreksi kolom '{kolom}': nilai lama dalam riwayat tidak sama dengan nilai saat itu.")
            baru = a._nilai_koreksi(kolom, "" if r.get("baru") is None else str(r["baru"]))
            a._periksa_waktu(lk.waktu, k["dicatat"], "koreksi", self.sekarang)
            return a._peristiwa_koreksi(k, kolom, baru, str(r["alasan"]), petugas, lk.waktu, self.sekarang)
        rincian = a._periksa_rincian(lk.aksi, lk.rincian)
        return a._peristiwa_langkah(
            None, k, t, lk.aksi, petugas, lk.waktu, self.sekarang, rincian, pesan=_pesan_transisi_baris,
            riwayat=peristiwa,
        )

    def _koreksi_tindakan_impor(self, a: Arsip, k: dict[str, Any], t: list[dict[str, Any]], lk: LangkahImpor,
                                petugas: str) -> dict[str, Any]:
        """A CAPA round's field corrected (koreksi --kolom pencegahan --putaran N), held to
        Arsip.koreksi's rules against the rounds replayed so far."""
        r = lk.rincian
        kolom, n = str(r["kolom"]), r.get("putaran")
        if not isinstance(n, int) or isinstance(n, bool) or not 1 <= n <= len(t):
            raise GalatMasukan(f"Koreksi kolom '{kolom}': putaran tindakan {n!r} tidak ada pada keluhan ini "
                               f"(putarannya {f'1 sampai {len(t)}' if t else 'belum ada'}).")
        if not str(r.get("alasan") or "").strip():
            raise GalatMasukan("Koreksi memerlukan alasan.")
        lama = t[n - 1][kolom]
        if lama != r.get("lama"):
            raise GalatMasukan(f"Koreksi kolom '{kolom}' putaran {n}: nilai lama dalam riwayat tidak sama dengan "
                               "nilai saat itu.")
        baru = a._nilai_tindakan(kolom, "" if r.get("baru") is None else str(r["baru"]))
        if baru == lama:
            raise GalatMasukan(f"Kolom '{kolom}' putaran {n} sudah bernilai itu; tidak ada yang dikoreksi.")
        a._periksa_waktu(lk.waktu, k["dicatat"], "koreksi", self.sekarang)
        rincian = {"kolom": kolom, "putaran": n, "lama": lama, "baru": baru, "alasan": str(r["alasan"]).strip()}
        return a._peristiwa(k["id"], Aksi.KOREKSI, None, None, petugas, lk.waktu, self.sekarang, rincian)

    def _lampiran_impor(self, r: dict[str, Any], tujuan: list[tuple[bytes | None, str, int, str]]) -> dict[str, Any]:
        """An imported attachment event's rincian, checked; its bytes (``isi_base64``, from a
        JSON export) kept for the write, else the file is recorded as not included."""
        import base64
        import binascii

        from keluhan import lampiran

        r = dict(r)
        b64 = r.pop("isi_base64", None)
        sha, ukuran, nama = r.get("sha256"), r.get("ukuran"), r.get("nama")
        if not (isinstance(sha, str) and re.fullmatch(r"[0-9a-f]{64}", sha) and isinstance(ukuran, int)
                and not isinstance(ukuran, bool) and ukuran >= 0 and isinstance(nama, str) and nama.strip()):
            raise GalatMasukan("Lampiran dalam riwayat memerlukan sha256 (64 heksadesimal), ukuran dan nama.")
        isi = None
        if b64 is not None:
            try:
                isi = base64.b64decode(str(b64), validate=True)
            except (binascii.Error, ValueError):
                raise GalatMasukan(f"Lampiran '{nama}': isi_base64 bukan base64 yang sah.") from None
            if len(isi) != ukuran or lampiran.sha256(isi) != sha:
                raise GalatMasukan(f"Lampiran '{nama}': isinya tidak cocok dengan sha256 dan ukuran yang tercatat.")
            r["mime"] = lampiran.sniff(isi)
        r["mime"] = str(r.get("mime") or "application/octet-stream")
        tujuan.append((isi, sha, ukuran, r["mime"]))
        return r

    def _sla(self, k: dict[str, Any], peristiwa: list[dict[str, Any]], diajukan: str | None) -> None:
        """The durasi_langkah and tenggat rows ``_tulis`` would have written event by event
        (the rules of tenggat.catat_peristiwa, its row builders, the archive's own calendar
        with the holidays of every year involved seeded first)."""
        tahun = _tahun_sla(peristiwa, diajukan)
        if not tahun <= self._tahun_kalender:
            if not self.tulis and tenggat.tahun_belum(self.db, tahun):
                # The check writes nothing, and these durations need holidays not seeded yet:
                # nothing is kept; the write checks every row again under the lock.
                self.buang_tahap()
                return
            if tenggat.pastikan_tahun(self.db, tahun, w.iso(self.sekarang)) and self._kalender_beku:
                raise RuntimeError(f"Impor: libur tahun {sorted(tahun)} diisi sesudah proses kedua memakai kalendernya.")
            self._tahun_kalender |= tahun
            self._kal = self.arsip._kalender_tetap = None
            self._mutu = {}
        if self._kal is None:
            # Held for the rest of the import (the appeal check asks for it too): under the
            # write lock only this import can change the calendar, and it says when it does.
            self._kal = self.arsip._kalender_tetap = self.arsip.kalender()
        durasi, tenggat_ = self._sla_baris(k, peristiwa, diajukan)
        self._durasi += durasi
        self._tenggat += tenggat_

    def _sla_baris(self, k: dict[str, Any], peristiwa: list[dict[str, Any]],
                   diajukan: str | None) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
        """``_sla``'s rows on the calendar held (``self._kal``): the durasi_peristiwa rows, the
        tenggat row."""
        durasi: list[tuple[Any, ...]] = []
        tenggat_: list[tuple[Any, ...]] = []
        jeda: list[Any] = []  # the pauses, from the events (keluhan/tunda.py); only a tunda event starts one
        if any(q["aksi"] == _AKSI_TUNDA for q in peristiwa):
            from keluhan import tunda

            jeda = tunda.rentang(peristiwa)
        kal, kid = self._kal, k["id"]
        mulai = w.mulai_langkah_2(diajukan)  # step 2 runs from the submission's time (a date alone: not measured)
        if jeda:  # a paused complaint (few): each step through the general row builders
            for q in peristiwa:
                aksi = _AKSI_NILAI[q["aksi"]]
                if not mengubah_status(aksi):  # a status-less event: the clock goes on
                    continue
                if diukur(aksi) and mulai:
                    durasi.append(tenggat.baris_durasi(
                        kal, urutan=q["urutan"], kid=kid, langkah=q["langkah"], mulai=mulai,
                            akhir=q["waktu"], mutu=self._mutu_baku(q["langkah"], mulai), sistem=None,  # (as written)
                        jeda=jeda,
                    ))
                mulai = q["waktu"]
            berikut = langkah_berikutnya(Status(k["status"]))
            if berikut is not None and mulai:
                tenggat_.append(tenggat.baris_tenggat(
                    kal, kid=kid, langkah=berikut, mulai=mulai, mutu=self._mutu_baku(berikut, mulai),
                    sistem=peristiwa[-1]["dicatat_pada"], jeda=jeda,
                ))
            return durasi, tenggat_
        # No pause: one pass on the calendar's day table, each event's time read once (the
        # end of one step is the start of the next), the same rows (tenggat.baris_*_us).
        dari_iso = datetime.fromisoformat
        t_mulai = dari_iso(mulai) if mulai else None
        u_mulai = kal.us(t_mulai) if t_mulai is not None else 0
        for q in peristiwa:
            aksi = _AKSI_NILAI[q["aksi"]]
            if not mengubah_status(aksi):  # a status-less event: the clock goes on
                continue
            akhir = q["waktu"]
            t_akhir = dari_iso(akhir)
            u_akhir = kal.us(t_akhir)
            if mulai and diukur(aksi):
                langkah = q["langkah"]
                durasi.append(tenggat.baris_durasi_us(
                    kal, urutan=q["urutan"], kid=kid, langkah=langkah, mulai=mulai, akhir=akhir, a=u_mulai, b=u_akhir,
                    t_mulai=t_mulai, mutu=self._mutu_baku(langkah, mulai), sistem=None,  # dihitung: as written
                ))
            mulai, t_mulai, u_mulai = akhir, t_akhir, u_akhir
        berikut = langkah_berikutnya(Status(k["status"]))
        if berikut is not None and mulai:
            tenggat_.append(tenggat.baris_tenggat_us(
                kal, kid=kid, langkah=berikut, mulai=mulai, a=u_mulai, t_mulai=t_mulai,
                mutu=self._mutu_baku(berikut, mulai), sistem=peristiwa[-1]["dicatat_pada"],
            ))
        return durasi, tenggat_

    def _mutu_baku(self, langkah: int, mulai: str) -> Any:
        """The mutu baku in force at the clock's start (one lookup per step while the
        ledger holds one value for it)."""
        m = self._mutu.get(langkah)
        if m is not None:
            return m
        m = tenggat.mutu_langkah(self._kal, self.arsip.p, langkah, mulai)
        setelan = getattr(self._kal, "setelan", None)
        if setelan is None or setelan.tetap(kunci_mutu(langkah)):
            self._mutu[langkah] = m
        return m

    def _flush(self) -> None:
        if not self.tulis:
            self._simpan_tahap()
            sapu_muda()
            return
        if self._keluhan:
            self._mungkin_lepas_indeks(self.jumlah)
        # Parents before children: the complaint rows first, so that no deferred foreign key
        # is ever outstanding; while one is, every parent row inserted makes SQLite look for
        # its children (riwayat.keluhan_id, ...), a full scan each with their indexes dropped.
        if self._keluhan:
            self.db.executemany(_sisip_antrean()["_keluhan"], self._keluhan)
        if self._riwayat:
            self.db.executemany(_sisip_antrean()["_riwayat"], self._riwayat)
        if self._cari:
            pencarian.tulis_banyak(self.db, self._cari)
        if self._kunci:
            berulang.tulis_banyak(self.db, self._kunci)
        if self._serupa:
            pencarian.tulis_serupa_banyak(self.db, self._serupa)
        if self._tindakan:
            self.db.executemany(_sisip_antrean()["_tindakan"], self._tindakan)
        if self._durasi:
            tenggat.tulis_durasi(self.db, self._durasi)
        if self._tenggat:
            tenggat.tulis_tenggat(self.db, self._tenggat)
        if self._lampiran:
            from keluhan import lampiran

            for isi, sha, ukuran, mime in self._lampiran:
                lampiran.simpan(self.db, isi, sha=sha, ukuran=ukuran, mime=mime)
        for nama in self._ANTREAN:
            setattr(self, nama, [])
        sapu_muda()  # (the queues just emptied: only what is still alive is walked)

    def _mungkin_lepas_indeks(self, jumlah: int) -> None:
        """Drop the indexes (once) when this import, ``jumlah`` complaints so far or the
        count the check made, is at least as big as what the archive held before it."""
        if self._dilepas is None:
            sudah = len(self._id) - self.jumlah  # complaints in the archive before this import
            if max(self.perkiraan, jumlah) >= sudah:
                self._lepas_indeks()

    def _lepas_indeks(self) -> None:
        """Before an insert at least as big as what the archive holds: drop the secondary
        indexes of the tables the bulk path fills, and their BEFORE INSERT overwrite guards
        (``*_tolak_timpa``: they refuse INSERT OR REPLACE; these are plain INSERTs of rows
        the check made unique, and the PRIMARY KEY / UNIQUE constraints stay and still
        refuse a duplicate) and the duration rows' guard of a measured step
        (``durasi_langkah_tolak_langkah``: the bulk path measures only those). ``_pasang_indeks``
        recreates each from its own stored SQL before the commit, in this transaction: one
        sorted build instead of a B-tree insert per row; the append-only UPDATE/DELETE
        triggers are never dropped."""
        # The tables the bulk path inserts into (read here, not at import: berulang is
        # loaded on first use, and a daily read must not load it)
        tabel = ("riwayat", "keluhan", "tindakan", "durasi_peristiwa", "tenggat", berulang.TABEL)
        self._dilepas = [tuple(r) for r in self.db.execute(
            f"SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN ({','.join('?' * len(tabel))})"
            " AND sql IS NOT NULL AND (type = 'index' OR (type = 'trigger' AND (name LIKE '%\\_tolak\\_timpa' ESCAPE '\\'"
            " OR name = 'durasi_langkah_tolak_langkah')))",
            tabel)]
        for jenis, nama, _sql in self._dilepas:
            self.db.execute(f'DROP {"INDEX" if jenis == "index" else "TRIGGER"} "{nama}"')

    def _pasang_indeks(self) -> None:
        """The indexes and guards ``_lepas_indeks`` dropped, back as they were."""
        for _jenis, _nama, sql in self._dilepas or ():
            self.db.execute(sql)
        self._dilepas = []

    # Every queue ``_flush`` writes and empties: the check before the lock stages them all
    # (a queue added to _flush goes here too, and to _URUTAN_TULIS and _sisip_antrean;
    # tests/test_impor_tahap.py compares the tables).
    _ANTREAN = ("_riwayat", "_keluhan", "_cari", "_kunci", "_serupa", "_tindakan", "_durasi", "_tenggat", "_lampiran")
    # The order _flush inserts them in: parents first (no deferred foreign key outstanding
    # while complaint rows go in; else each makes SQLite search its children).
    _URUTAN_TULIS = ("_keluhan", "_riwayat", "_cari", "_kunci", "_serupa", "_tindakan", "_durasi", "_tenggat", "_lampiran")

    def _buka_tahap(self) -> None:
        """The staging file: a new SQLite file in a private temporary folder (mode 0700: the
        rows hold personal data), written without journal or fsync (a crash loses only it;
        nothing reads it but the write that follows, and it is removed after)."""
        import tempfile

        _sapu_tahap_lama()
        folder = tempfile.mkdtemp(prefix=f"keluhan-impor-{os.getpid()}-")  # the pid: see _sapu_tahap_lama
        self._tahap_jalur = os.path.join(folder, "tahap.db")
        self._tahap = sqlite3.connect(self._tahap_jalur, isolation_level=None, check_same_thread=False)
        self._tahap.execute("PRAGMA journal_mode = OFF")
        self._tahap.execute("PRAGMA synchronous = OFF")
        self._tahap.execute("BEGIN")
        self.arsip._tahap_massal = self  # massal(tulis=True) attaches it before taking the lock

    def _simpan_tahap(self) -> None:
        """The check's batch of rows into the staging file (nothing kept without one): one
        plain table per queue (columns c0..cN without type, so every value is kept as it
        was bound), rows in order; the batch's row counts say where it starts and ends."""
        kelompok = tuple(getattr(self, nama) for nama in self._ANTREAN)
        if self._tahap is not None and not self.ada_tolak and any(kelompok):
            for nama, baris in zip(self._ANTREAN, kelompok):
                if not baris:
                    continue
                lebar = self._tahap_lebar.get(nama)
                if lebar is None:
                    lebar = self._tahap_lebar[nama] = len(baris[0])
                    self._tahap.execute(f"CREATE TABLE q{nama} ({', '.join(f'c{i}' for i in range(lebar))})")
                if nama in self._JARANG:
                    self._simpan_jarang(nama, baris)
                else:
                    self._tahap.executemany(f"INSERT INTO q{nama} VALUES ({','.join('?' * lebar)})", baris)
                self._tahap_n[nama] = self._tahap_n.get(nama, 0) + len(baris)
            self._tahap_kelompok.append(tuple(len(b) for b in kelompok))
        for nama in self._ANTREAN:
            setattr(self, nama, [])

    # Queues whose rows are mostly NULL (a complaint row binds 51 columns, a CAPA round 22;
    # most steps fill few of them): staged by the columns they fill.
    _JARANG = frozenset({"_keluhan", "_tindakan"})

    def _simpan_jarang(self, nama: str, baris: list[tuple[Any, ...]]) -> None:
        """Stage rows of a mostly-NULL queue grouped by the columns they fill, each group
        binding only those (a column left out of a staging table's INSERT is NULL: its
        columns have no default), each row at its own rowid, so that the copy under the
        lock (``rowid BETWEEN``, in rowid order) reads them as queued, every value as bound."""
        assert self._tahap is not None
        awal = self._tahap_n.get(nama, 0) + 1
        kelompok: dict[tuple[int, ...], list[tuple[Any, ...]]] = {}
        for rowid, b in enumerate(baris, awal):
            isi = tuple([i for i, v in enumerate(b) if v is not None])
            kelompok.setdefault(isi, []).append((rowid, *[b[i] for i in isi]))
        for isi, rr in kelompok.items():
            kolom = ", ".join(["rowid", *(f"c{i}" for i in isi)])
            self._tahap.executemany(f"INSERT INTO q{nama} ({kolom}) VALUES ({','.join('?' * (len(isi) + 1))})", rr)

    def buang_tahap(self) -> None:
        """Drop the staged rows (the file is closed and gone)."""
        if getattr(self.arsip, "_tahap_massal", None) is self:
            self.arsip._tahap_massal = None
        if self._tahap is not None:
            self._tahap.close()
            self._tahap = None
        if self._tahap_jalur is not None:
            for ekor in ("", "-journal"):
                try:
                    os.unlink(self._tahap_jalur + ekor)
                except FileNotFoundError:
                    pass
            try:
                os.rmdir(os.path.dirname(self._tahap_jalur))
            except OSError:
                pass
            self._tahap_jalur = None

    def salin_tahap(self, periksa: PenulisMassal, setiap: Callable[[int], None] | None = None) -> bool:
        """Write the rows ``periksa`` (the check before writing, ``tahap=True``) built, when
        nothing was committed to the archive by anyone else since that check began: then
        every check it made holds under this lock (numbers, ids, the chain's tip, the
        officer register, the calendar, the settings), and the rows are inserted as they
        are. False (nothing written) when the archive moved or nothing was kept: the caller
        checks every row again under the lock. ``setiap(n)``: after each batch of n."""
        if not self.tulis or periksa._tahap is None or periksa.ada_tolak or self.jumlah:
            return False
        periksa._flush()  # the last batch
        if (periksa._versi != self._versi or periksa._ujung_awal != (self._urutan, self._hash)
                or periksa.sekarang > self.sekarang):
            return False
        if not self._tahap_terpasang(periksa):
            return False
        self.perkiraan = periksa.jumlah
        self._mungkin_lepas_indeks(periksa.jumlah)
        sql = {nama: _sql_salin(nama, lebar) for nama, lebar in periksa._tahap_lebar.items()}
        awal = dict.fromkeys(self._ANTREAN, 1)  # rowid of each queue's next staged row
        for jumlah in periksa._tahap_kelompok:
            n_antrean = dict(zip(self._ANTREAN, jumlah))
            self._salin_kelompok(sql, n_antrean, awal)
            if setiap is not None:
                setiap(n_antrean["_keluhan"])
        self.jumlah, self.nomor_diberikan = periksa.jumlah, periksa.nomor_diberikan
        self._urutan, self._hash = periksa._urutan, periksa._hash
        return True  # the staging file goes with periksa.buang_tahap(), once massal has detached it

    def _salin_kelompok(self, sql: dict[str, str], n_antrean: dict[str, int], awal: dict[str, int]) -> None:
        """One staged batch into the archive, each queue's rows ``awal[queue]`` on (moved
        past them), in _flush's order and with its statements."""
        for nama in self._URUTAN_TULIS:
            n = n_antrean[nama]
            if not n:
                continue
            lo, hi = awal[nama], awal[nama] + n - 1
            awal[nama] = hi + 1
            if nama == "_lampiran":  # few, with their bytes: through lampiran.simpan as _flush does
                from keluhan import lampiran

                for isi, sha, ukuran, mime in self.db.execute(sql[nama], (lo, hi)).fetchall():
                    lampiran.simpan(self.db, isi, sha=sha, ukuran=ukuran, mime=mime)
                continue
            self.db.execute(sql[nama], (lo, hi))
            if nama == "_durasi":  # a paused step's columns, as tenggat.tulis_durasi writes them
                tunda = self.db.execute(_SQL_TAHAP_DURASI_TUNDA, (lo, hi)).fetchall()
                if tunda:
                    self.db.executemany(tenggat.SQL_DURASI_TUNDA, tunda)
            elif nama == "_tenggat":  # likewise a deadline moved by ended pauses (tenggat.tulis_tenggat)
                tunda = self.db.execute(_SQL_TAHAP_TENGGAT_TUNDA, (lo, hi)).fetchall()
                if tunda:
                    self.db.executemany(tenggat.SQL_TENGGAT_TUNDA, tunda)

    def _tahap_terpasang(self, periksa: PenulisMassal) -> bool:
        """Whether ``periksa``'s staging file is the one ``massal`` attached to this connection."""
        if periksa._tahap_jalur is None:
            return False
        for _seq, nama, berkas in self.db.execute("PRAGMA database_list"):
            if nama == _TAHAP_SKEMA:
                return bool(berkas) and os.path.samefile(berkas, periksa._tahap_jalur)
        return False

    def akhiri(self) -> list[str]:
        """What is wrong with the file as a whole: years whose numbers would have gaps."""
        masalah = []
        for tahun, st in sorted(self._tahun.items()):
            # From the numbers actually present, never a range up to the highest: one row
            # numbered 5000000 must not build a set of five million (issue 10).
            jumlah_hilang = st.maks - len(st.urut)  # urut holds distinct numbers 1..maks
            if jumlah_hilang:
                hilang = _celah(sorted(st.urut), 10)
                contoh = ", ".join(map(str, hilang)) + (
                    f" dan {jumlah_hilang - len(hilang)} lainnya" if jumlah_hilang > len(hilang) else "")
                masalah.append(
                    f"Tahun {tahun}: nomor urut {contoh} tidak ada; nomor keluhan harus berurutan tanpa loncatan "
                    f"(nomor tertinggi: {st.maks})."
                )
        masalah += self._periksa_kaitan()
        if masalah:
            self.ada_tolak = True
        return masalah

    def _periksa_kaitan(self) -> list[str]:
        """Each imported link names a complaint of the file or of the archive, recorded no
        later than the link (checked when the rows are written), each pair once."""
        if not self._kaitan:
            return []
        if self.tulis and not self.ada_tolak:
            self._flush()  # the file's complaints are in the transaction: their rows can be read
        masalah, pasangan = [], set()
        for nomor, terkait, waktu, baris in self._kaitan:
            asal = f"Baris {baris}: keluhan {nomor}" if baris is not None else f"Keluhan {nomor}"
            ada = any(terkait in st.nomor for st in self._tahun.values())
            r = self.db.execute("SELECT dicatat FROM keluhan WHERE nomor = ?", (terkait,)).fetchone()
            if r is None and terkait in self._dicatat_berkas:  # a row of the file, not inserted (a check)
                r = (self._dicatat_berkas[terkait],)
            if not ada and r is None:
                masalah.append(f"{asal} dikaitkan dengan keluhan {terkait}, yang tidak ada di berkas maupun di arsip.")
            elif r is not None and w.dari_iso(r[0]) > w.dari_iso(waktu):
                masalah.append(f"{asal} dikaitkan dengan keluhan {terkait} sebelum keluhan itu dicatat.")
            if frozenset((nomor, terkait)) in pasangan:
                masalah.append(f"{asal} dan {terkait} dikaitkan dua kali.")
            pasangan.add(frozenset((nomor, terkait)))
        return masalah

    def simpan(self) -> None:
        """Ask for the transaction to be committed when ``massal()`` ends."""
        if self.ada_tolak or not self.tulis:
            raise GalatKeluhan("Impor tidak dapat disimpan: ada baris yang ditolak; tidak ada yang ditulis.")
        self._simpan = True


_TAHAP_SKEMA = "tahap_impor"  # the staging file's name on the archive's connection (ATTACH)
_SISIP: dict[str, str] = {}


def _sisip_antrean() -> dict[str, str]:
    """Each queue's INSERT as ``_flush`` runs it (the one source of its columns); built on
    first use, as the modules it names are loaded."""
    if not _SISIP:
        kk, kt = proyeksi.KOLOM_KELUHAN, proyeksi.KOLOM_TINDAKAN
        _SISIP.update({
            "_keluhan": f"INSERT INTO keluhan ({','.join(kk)}) VALUES ({','.join('?' * len(kk))})",
            "_riwayat": "INSERT INTO riwayat (urutan, keluhan_id, langkah, aksi, status_dari, status_ke, petugas,"
                        " waktu, dicatat_pada, rincian, hash_sebelum, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            "_cari": pencarian._SISIP, "_kunci": berulang._SISIP, "_serupa": pencarian._SISIP_SERUPA,
            "_tindakan": f"INSERT INTO tindakan ({','.join(kt)}) VALUES ({','.join('?' * len(kt))})",
            "_durasi": tenggat.SQL_DURASI, "_tenggat": tenggat.SQL_TENGGAT,
        })
    return _SISIP


def _sql_salin(nama: str, lebar: int) -> str:
    """The statement that copies rows ``rowid BETWEEN ? AND ?`` of a queue's staging table
    into the archive: ``_flush``'s own INSERT with its VALUES replaced by a SELECT of as
    many columns as it binds (the durations' and deadlines' pause columns follow apart)."""
    asal = f"{_TAHAP_SKEMA}.q{nama} WHERE rowid BETWEEN ? AND ? ORDER BY rowid"
    if nama == "_lampiran":
        return f"SELECT {', '.join(f'c{i}' for i in range(lebar))} FROM {asal}"
    sisip = _sisip_antrean()[nama]
    kepala, _values = sisip.split(" VALUES ")
    # A duration's staged row is the whole ``baris_durasi``; durasi_peristiwa stores some of its columns.
    kolom = tenggat.KOLOM_SEMPIT if nama == "_durasi" else range(sisip.count("?"))
    return f"{kepala} SELECT {', '.join(f'c{i}' for i in kolom)} FROM {asal}"


# A staged row's pause columns (tenggat.ditunda_durasi; tenggat.tulis_tenggat's b[8]).
_SQL_TAHAP_DURASI_TUNDA = (f"SELECT c10, c11, c0 FROM {_TAHAP_SKEMA}.q_durasi WHERE rowid BETWEEN ? AND ?"
                           " AND (c10 OR c11 IS NOT NULL) ORDER BY rowid")
_SQL_TAHAP_TENGGAT_TUNDA = (f"SELECT c8, c0 FROM {_TAHAP_SKEMA}.q_tenggat WHERE rowid BETWEEN ? AND ? AND c8"
                            " ORDER BY rowid")


def _sapu_tahap_lama() -> None:
    """Remove the staging folders of imports killed outright (SIGKILL, a power cut), whose
    ``finally`` never ran: their rows hold personal data. A folder is this user's
    ``keluhan-impor-PID-*`` whose process PID is gone. POSIX only (on Windows ``os.kill``
    cannot ask whether a process lives without ending it); there a killed import's folder stays
    in the user's temporary folder, mode 0700."""
    if os.name == "nt":
        return
    import glob
    import shutil
    import stat
    import tempfile

    for folder in glob.glob(os.path.join(glob.escape(tempfile.gettempdir()), "keluhan-impor-*-*")):
        try:
            pid = int(os.path.basename(folder).split("-")[2])
            st = os.lstat(folder)
        except (ValueError, IndexError, OSError):
            continue
        if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.getuid() or pid == os.getpid():
            continue
        try:
            os.kill(pid, 0)
            continue  # its import still runs
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except OSError:  # another user's process of that number: not ours to judge
            continue


def _celah(urut: list[int], batas: int) -> list[int]:
    """The first ``batas`` numbers from 1 missing from the sorted distinct ``urut``,
    found by walking the gaps between neighbours: work bounded by ``len(urut)``."""
    hilang: list[int] = []
    sebelum = 0
    for u in urut:
        if u > sebelum + 1:
            hilang.extend(range(sebelum + 1, min(u, sebelum + 1 + batas - len(hilang))))
            if len(hilang) >= batas:
                break
        sebelum = u
    return hilang


@contextmanager
def massal(arsip: Arsip, *, tulis: bool, snapshot: bool = True, tahap: bool = False) -> Iterator[PenulisMassal]:
    """One transaction for a whole import: committed only after ``simpan()``, else rolled back.

    With ``tulis`` it is IMMEDIATE (the write lock is held to the end: other writers are
    told "impor sedang berjalan", keluhan/kemajuan_impor.py); without, a read snapshot
    that writes nothing (dry run), or with ``snapshot=False`` no transaction at all (the
    check before writing: it blocks nobody, and what it read is checked again under the
    lock when writing). ``tahap`` (with ``snapshot=False``): that check keeps the rows
    it built for ``PenulisMassal.salin_tahap``.
    """
    if tulis:
        arsip._boleh_tulis()
    db = arsip.db
    import gc

    # A bulk import makes almost no cyclic garbage (a few hundred objects per 20 000
    # complaints), but its queued rows and events trigger collections that walk what is
    # alive (a build in one process: ~4 % of its time, issue 17, session 10): the collector
    # is off for the whole import, and each batch's young objects are swept (sapu_muda)
    # when the batch is written, so what a refused row's traceback leaves is reclaimed too.
    gc_hidup = gc.isenabled()
    gc.disable()
    try:
        cache = db.execute("PRAGMA cache_size").fetchone()[0]
        db.execute("PRAGMA cache_size = -131072")  # 128 MiB: a big insert mostly walks indexes
        # The rows a check before this write staged (PenulisMassal.salin_tahap): attached now,
        # since SQLite attaches no file inside a transaction; read only by salin_tahap.
        staged: PenulisMassal | None = getattr(arsip, "_tahap_massal", None) if tulis else None
        if staged is not None and staged._tahap is not None and not staged.ada_tolak:
            staged._flush()  # its last batch; then committed: BEGIN IMMEDIATE below locks the attached file too
            if staged._tahap.in_transaction:
                staged._tahap.execute("COMMIT")
            db.execute(f"ATTACH DATABASE ? AS {_TAHAP_SKEMA}", (staged._tahap_jalur,))
        else:
            staged = None
        try:
            try:
                if tulis or snapshot:
                    db.execute("BEGIN IMMEDIATE" if tulis else "BEGIN")
            except sqlite3.OperationalError as e:
                raise GalatArsip(f"Arsip sedang dikunci proses lain terlalu lama ({e}); coba lagi.") from None
            try:
                # The clock is read under the lock, as the single-step commands do.
                penulis = PenulisMassal(arsip, db, tulis=tulis, sekarang=arsip._sekarang(), tahap=tahap and not tulis)
                try:
                    yield penulis
                except BaseException:
                    penulis.buang_tahap()
                    raise
                if penulis._simpan:
                    penulis._flush()
                    penulis._pasang_indeks()
                    sinyal.komit(db, f"impor {penulis.jumlah} keluhan")
                    arsip._ditulis = True  # (tutup: rekap_bulan.simpan)
            finally:
                if db.in_transaction:  # not committed: a dry run, a refused row, or an error
                    db.execute("ROLLBACK")
        finally:
            arsip._kalender_tetap = arsip._register_tetap = None
            db.execute(f"PRAGMA cache_size = {int(cache)}")
            if staged is not None:
                db.execute(f"DETACH DATABASE {_TAHAP_SKEMA}")
    finally:
        if gc_hidup:
            gc.enable()


def pipa_lebar(ujung: Any) -> None:
    """Let the pipe of a bulk import's second process hold up to 1 MiB (Linux's default
    ceiling, ``F_SETPIPE_SZ``) rather than 64 KiB: several batches ahead, so that neither
    process waits for the other at every batch when one of them pauses (a batch written,
    an index page split). Where that cannot be set, the pipe stays as it is."""
    try:
        import fcntl

        fcntl.fcntl(ujung.fileno(), getattr(fcntl, "F_SETPIPE_SZ", 1031), 1 << 20)
    except (ImportError, OSError):
        pass


def sapu_muda() -> None:
    """Collect the cyclic garbage among the objects made since the last sweep (the
    collector's two young generations), while ``massal`` holds it off: once a batch,
    in each process of a bulk import. What survives is not walked again."""
    import gc

    gc.collect(1)


def _pesan_transisi_baris(k: dict[str, Any], aksi: Aksi) -> str:
    """The transition table's refusal worded for a file row (whose number may not exist yet)."""
    status = Status(k["status"])
    berikut = " atau ".join(perintah_berikutnya(status)) or "tidak ada (penanganan sudah berakhir)"
    return (
        f"Langkah '{PERINTAH[aksi]}' tidak dapat dicatat pada status '{status.value}'; "
        f"langkah berikutnya yang sah: {berikut}."
    )


def _bulan_cocok(m: re.Match[str]) -> int | None:
    """The month read out of a number matched by ``_pola_nomor`` (None when the format has none)."""
    d = m.groupdict()
    if d.get("bulan_romawi"):
        return _ROMAWI.index(d["bulan_romawi"])
    if d.get("bulan"):
        return int(d["bulan"]) if 1 <= int(d["bulan"]) <= 12 else None
    return None


def _pola_nomor(fmt: str, unit: str) -> re.Pattern[str]:
    """A regex that reads ``urut`` and ``tahun`` back out of a number made by ``fmt``."""
    pola = ""
    dilihat: set[str] = set()
    isian = {
        "urut": r"\d+", "tahun": r"\d{4}", "bulan": r"\d{1,2}",
        "bulan_romawi": "|".join(sorted(_ROMAWI[1:], key=len, reverse=True)), "unit": re.escape(unit),
    }
    import string

    for teks, nama, _spek, _konv in string.Formatter().parse(fmt):
        pola += re.escape(teks)
        if nama is None:
            continue
        if nama in dilihat:
            pola += f"(?P={nama})"
        else:
            pola += f"(?P<{nama}>{isian[nama]})"
            dilihat.add(nama)
    return re.compile(pola)
