"""The archive: one SQLite file. Opens and migrates it, and writes each step as one
IMMEDIATE transaction: the event in ``riwayat`` (hash-chained), then the complaint's
current row and CAPA rows as ``proyeksi`` folds the event in. Reads for the CLI.

All SQL that writes lives here; the hot path uses the stdlib ``sqlite3`` module only.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from keluhan import migrasi, proyeksi, tenggat, waktu as w
from keluhan.galat import GalatArsip, GalatKeluhan, GalatMasukan, GalatTransisi, TidakDitemukan
from keluhan.workflow import (
    LANGKAH_AKSI, LAYANAN, MEDIA, PERINTAH, Aksi, Status, perintah_berikutnya, transisi,
)

HASH_AWAL = "0" * 64
# Fields each step cannot do without, with the option that supplies them.
_WAJIB: dict[Aksi, tuple[tuple[str, str], ...]] = {
    Aksi.VALIDASI_BENAR: (("tim_teknis", "--teruskan-ke TIM"),),
    Aksi.VALIDASI_TIDAK_BENAR: (("alasan", "--alasan TEKS"),),
    Aksi.TINDAK: (("koreksi", "--koreksi TEKS"), ("pencegahan", "--pencegahan TEKS")),
    Aksi.VERIFIKASI_KEMBALIKAN: (("alasan", "--alasan TEKS"),),
    Aksi.BANDING: (("alasan", "--alasan TEKS"),),
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
}
# Columns a step requires: a correction cannot empty them.
_KOREKSI_WAJIB = frozenset({"nama", "media", "uraian", "tim_teknis", "alasan_tidak_valid", "banding_alasan"})
_HURUF_ID = "23456789abcdefghjkmnpqrstuvwxyz"  # no 0/1/i/l/o: read aloud over the phone
_ROMAWI = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


# hashlib.sha256, imported by the first write: ``hashlib`` loads OpenSSL (~5 ms), which
# reading commands never need.
_sha256: Any = None


def hash_peristiwa(p: dict[str, Any], hash_sebelum: str) -> str:
    """sha256 of an event's content and the previous hash; docs/jaminan.md shows how an
    auditor recomputes it without our code."""
    global _sha256
    if _sha256 is None:
        from hashlib import sha256 as _sha256
    isi = json.dumps(
        [hash_sebelum, p["keluhan_id"], p["langkah"], p["aksi"], p["status_dari"], p["status_ke"],
         p["petugas"], p["waktu"], p["dicatat_pada"], p["rincian_json"]],
        ensure_ascii=False, separators=(",", ":"),
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


def _rincian_json(rincian: dict[str, Any]) -> str:
    return json.dumps(rincian, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


class Arsip:
    """One open archive. Create with ``Arsip(jalur, pengaturan)``; close with ``tutup()``."""

    def __init__(self, jalur: Path, pengaturan: dict[str, Any]) -> None:
        self.jalur = jalur
        self.p = pengaturan
        self.zona = pengaturan["waktu"]["zona"]
        self.db = self._buka()
        tenggat.siapkan(self.db, self.p, self._sekarang())

    # -- opening ------------------------------------------------------------------

    def _buka(self) -> sqlite3.Connection:
        jalur = self.jalur
        if not jalur.exists():
            if not jalur.parent.is_dir():
                raise GalatArsip(f"Folder arsip tidak ada: {jalur.parent}")
            try:
                # Owner and group only: the archive holds personal data (UU 27/2022).
                os.close(os.open(jalur, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o640))
                os.chmod(jalur, 0o640)
            except FileExistsError:
                pass  # another process created it first
            except OSError as e:
                raise GalatArsip(f"Arsip tidak dapat dibuat di {jalur}: {e.strerror}") from None
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

    def _siapkan(self, db: sqlite3.Connection) -> sqlite3.Connection:
        jalur = self.jalur
        try:
            db.row_factory = sqlite3.Row
            db.execute("PRAGMA busy_timeout = 30000")
            versi = db.execute("PRAGMA user_version").fetchone()[0]
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = FULL")
            db.execute("PRAGMA foreign_keys = ON")
        except sqlite3.DatabaseError as e:
            raise GalatArsip(f"Berkas {jalur} bukan arsip keluhan yang dapat dibuka ({e}).") from None
        if versi > migrasi.versi_terbaru():
            raise GalatArsip(
                f"Arsip {jalur} berskema versi {versi}, lebih baru dari yang dikenal program ini "
                f"({migrasi.versi_terbaru()}). Perbarui keluhan."
            )
        if versi < migrasi.versi_terbaru():
            if versi > 0:
                self._cadangkan_sebelum_migrasi(db, versi)
            migrasi.terapkan(db, w.iso(w.sekarang(self.zona)))
        return db

    def _cadangkan_sebelum_migrasi(self, db: sqlite3.Connection, versi: int) -> None:
        stempel = w.sekarang(self.zona).strftime("%Y%m%d-%H%M%S")
        tujuan = self.jalur.with_name(f"{self.jalur.name}.v{versi}-{stempel}.bak")
        cadangkan(db, tujuan)

    def tutup(self) -> None:
        self.db.close()

    def cadangkan(self, tujuan: Path, *, timpa: bool = False) -> Path:
        """A consistent copy at ``tujuan`` (a file, or a folder to hold a dated one).

        Refuses to replace an existing file unless ``timpa``, and refuses a target that
        is this archive or that some program still has open (its -wal/-journal beside it).
        """
        if tujuan.is_dir():
            stempel = self._sekarang().strftime("%Y%m%d-%H%M%S")
            tujuan = tujuan / f"{self.jalur.stem}-{stempel}{self.jalur.suffix or '.db'}"
        if not tujuan.parent.is_dir():
            raise GalatArsip(f"Folder tujuan cadangan tidak ada: {tujuan.parent}")
        if tujuan.exists() and os.path.samefile(tujuan, self.jalur):
            raise GalatKeluhan(f"Tujuan cadangan {tujuan} adalah arsip itu sendiri; pilih berkas lain.")
        if tujuan.exists() and not timpa:
            raise GalatKeluhan(f"Berkas {tujuan} sudah ada; tambahkan --timpa untuk menggantinya.")
        for ekor in ("-wal", "-shm", "-journal"):
            if Path(f"{tujuan}{ekor}").exists():
                raise GalatArsip(
                    f"Berkas {tujuan}{ekor} ada: {tujuan.name} sedang dibuka program lain atau tertinggal "
                    "setelah program berhenti mendadak; tutup program itu dahulu."
                )
        cadangkan(self.db, tujuan)
        return tujuan

    @contextmanager
    def transaksi(self) -> Iterator[sqlite3.Connection]:
        """One IMMEDIATE transaction: the write lock is taken before the first read."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as e:
            raise GalatArsip(f"Arsip sedang dikunci proses lain terlalu lama ({e}); coba lagi.") from None
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

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
        baru, tindakan_baru = proyeksi.terapkan(keluhan_lama, tindakan_lama, p)
        if keluhan_lama is None:
            kol = proyeksi.KOLOM_KELUHAN
            db.execute(
                f"INSERT INTO keluhan ({','.join(kol)}) VALUES ({','.join('?' * len(kol))})",
                [baru[k] for k in kol],
            )
        else:
            ubah = [k for k in proyeksi.KOLOM_KELUHAN if baru[k] != keluhan_lama[k]]
            if ubah:
                db.execute(
                    f"UPDATE keluhan SET {', '.join(f'{k} = ?' for k in ubah)} WHERE id = ?",
                    [baru[k] for k in ubah] + [baru["id"]],
                )
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
        if waktu > (sekarang or self._sekarang()):
            raise GalatMasukan(f"Waktu {apa} ({w.iso(waktu)}) ada di masa depan; isi waktu yang sudah terjadi.")
        if sebelumnya and w.iso(waktu) < sebelumnya:
            raise GalatMasukan(
                f"Waktu {apa} ({w.iso(waktu)}) lebih awal dari langkah sebelumnya ({sebelumnya})."
            )

    def catat(self, *, petugas: str, isian: dict[str, Any], waktu: datetime | None = None) -> dict[str, Any]:
        """SOP step 2: record a new complaint; returns its row (with ``nomor``)."""
        petugas = _petugas(petugas)
        isian = _periksa_isian(isian)
        if isian.get("diajukan"):
            self._periksa_waktu(isian["diajukan"], None, "--diajukan")
            isian["diajukan"] = w.iso(isian["diajukan"])
        with self.transaksi() as db:
            # The clock is read under the write lock: event times then follow the order
            # of ``urutan``, and a wait for the lock cannot make "now" older than the
            # step another process has just written.
            sekarang = self._sekarang()
            waktu = waktu or sekarang
            self._periksa_waktu(waktu, isian.get("diajukan"), "pencatatan", sekarang)
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
            return self._tulis(db, p, None)

    def langkah(
        self, ref: str, aksi: Aksi, *, petugas: str, waktu: datetime | None = None,
        rincian: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Any step after ``catat``: checked against the transition table, then written."""
        petugas = _petugas(petugas)
        rincian = self._periksa_rincian(aksi, rincian or {})
        with self.transaksi() as db:
            sekarang = self._sekarang()  # under the lock: see catat()
            waktu = waktu or sekarang
            k = self._cari(db, ref)
            status = Status(k["status"])
            ke = transisi(status, aksi)
            if ke is None:
                raise GalatTransisi(_pesan_transisi(k, aksi))
            self._periksa_waktu(waktu, k["waktu_status"], PERINTAH[aksi], sekarang)
            self._aturan_khusus(db, k, aksi, petugas, waktu)
            p = self._peristiwa(k["id"], aksi, status, ke, petugas, waktu, sekarang, rincian)
            return self._tulis(db, p, k)

    def koreksi(self, ref: str, *, petugas: str, kolom: str, nilai: str, alasan: str) -> dict[str, Any]:
        """Fix a recorded field as a new event carrying the old value, the new one and why."""
        petugas = _petugas(petugas)
        if kolom not in proyeksi.KOLOM_KOREKSI:
            raise GalatMasukan(
                f"Kolom '{kolom}' tidak dapat dikoreksi. Kolom yang dapat dikoreksi: {', '.join(proyeksi.KOLOM_KOREKSI)}."
            )
        if not alasan.strip():
            raise GalatMasukan("Koreksi memerlukan --alasan.")
        baru = self._nilai_koreksi(kolom, nilai)
        with self.transaksi() as db:
            sekarang = self._sekarang()  # under the lock: see catat()
            k = self._cari(db, ref)
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
            p = self._peristiwa(k["id"], Aksi.KOREKSI, None, None, petugas, sekarang, sekarang, rincian)
            return self._tulis(db, p, k)

    def _nilai_koreksi(self, kolom: str, nilai: str) -> str | None:
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
        return baru

    def _periksa_rincian(self, aksi: Aksi, rincian: dict[str, Any]) -> dict[str, Any]:
        """A step's own fields: required ones present, the Tim Teknis one we know."""
        r = {k: (v.strip() or None) if isinstance(v, str) else v for k, v in rincian.items()}
        r = {k: v for k, v in r.items() if v is not None}
        for kunci, opsi in _WAJIB.get(aksi, ()):
            if not r.get(kunci):
                raise GalatMasukan(f"Perintah '{PERINTAH[aksi]}' memerlukan {opsi}.")
        if aksi is Aksi.VALIDASI_BENAR:
            tim = {t.casefold(): t for t in self.p["tim_teknis"]["nama"]}
            if r["tim_teknis"].casefold() not in tim:
                raise GalatMasukan(
                    f"Tim Teknis '{r['tim_teknis']}' tidak dikenal. Pilihan: {'; '.join(tim.values())} "
                    "(atur di tim_teknis.nama pada keluhan.toml)."
                )
            r["tim_teknis"] = tim[r["tim_teknis"].casefold()]
        if aksi is Aksi.INFORMASIKAN and r.get("media") and r["media"] not in MEDIA:
            raise GalatMasukan(f"Media '{r['media']}' tidak dikenal. Pilihan: {', '.join(MEDIA)}.")
        return r

    def _aturan_khusus(self, db: sqlite3.Connection, k: dict[str, Any], aksi: Aksi, petugas: str, waktu: datetime) -> None:
        """Rules beyond the table: ISO/IEC 17025 7.9.6 and the appeal window."""
        if aksi in (Aksi.VERIFIKASI_TERIMA, Aksi.VERIFIKASI_KEMBALIKAN):
            t = self._tindakan(db, k["id"])[-1]
            if t["petugas"].strip().casefold() == petugas.casefold():
                raise GalatKeluhan(
                    f"Verifikasi ditolak: {petugas} mencatat tindakan yang akan diverifikasi; "
                    "ISO/IEC 17025 7.9.6 meminta verifikasi oleh petugas lain."
                )
        if aksi is Aksi.BANDING:
            batas = self.kalender().batas_banding(w.dari_iso(k["diinformasikan"]), self.p["banding"]["batas"])
            if waktu > batas:
                raise GalatKeluhan(
                    f"Banding ditolak: batas banding {self.p['banding']['batas']} sejak hasil diinformasikan "
                    f"({k['diinformasikan']}) berakhir {w.iso(batas)}."
                )

    def _peristiwa(
        self, kid: str, aksi: Aksi, dari: Status | None, ke: Status | None, petugas: str,
        waktu: datetime, sekarang: datetime, rincian: dict[str, Any],
    ) -> dict[str, Any]:
        return {
            "keluhan_id": kid, "langkah": LANGKAH_AKSI[aksi], "aksi": aksi.value,
            "status_dari": dari.value if dari else None, "status_ke": ke.value if ke else None,
            "petugas": petugas, "waktu": w.iso(waktu), "dicatat_pada": w.iso(sekarang), "rincian": rincian,
        }

    # -- reading ------------------------------------------------------------------

    def kalender(self) -> Any:
        """The working calendar of this archive: its ``jam_kerja`` and ``libur`` tables
        (keluhan.toml only seeds them; see keluhan/tenggat.py). Rebuilt when they change."""
        sidik = tenggat.sidik_kalender(self.db)
        if getattr(self, "_kalender_sidik", None) != sidik:
            self._kalender = tenggat.muat_kalender(self.db, self.zona)
            self._kalender_sidik = sidik
        return self._kalender

    def _cari(self, db: sqlite3.Connection, ref: str) -> dict[str, Any]:
        ref = ref.strip()
        # The number first: its format is configurable and need not contain '/'.
        baris = (db.execute("SELECT * FROM keluhan WHERE nomor = ?", (ref,)).fetchone()
                 or db.execute("SELECT * FROM keluhan WHERE id = ?", (ref.lower(),)).fetchone())
        if baris is None:
            raise TidakDitemukan(f"Keluhan '{ref}' tidak ditemukan di arsip {self.jalur}.")
        return dict(baris)

    def _tindakan(self, db: sqlite3.Connection, kid: str) -> list[dict[str, Any]]:
        kol = ", ".join(proyeksi.KOLOM_TINDAKAN)
        return [dict(r) for r in db.execute(
            f"SELECT {kol} FROM tindakan WHERE keluhan_id = ? ORDER BY putaran", (kid,))]

    def riwayat(self, kid: str) -> list[dict[str, Any]]:
        hasil = []
        for r in self.db.execute("SELECT * FROM riwayat WHERE keluhan_id = ? ORDER BY urutan", (kid,)):
            d = dict(r)
            d["rincian"] = json.loads(d["rincian"])
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
        return k

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
        total = self.db.execute(f"SELECT COUNT(*) FROM keluhan {where}", nilai).fetchone()[0]
        baris = self.db.execute(
            f"SELECT * FROM keluhan {where} ORDER BY dicatat DESC, urut DESC LIMIT ? OFFSET ?",
            [*nilai, per_halaman, (halaman - 1) * per_halaman],
        )
        return [dict(r) for r in baris], total

    # -- working-time SLA: calendar, durations, deadlines (SQL in keluhan/tenggat.py) -------

    def _tulis_tenggat(self, db: sqlite3.Connection, p: dict[str, Any], lama: dict[str, Any] | None, baru: dict[str, Any]) -> None:
        """Inside ``_tulis``: the event's duration and the complaint's next deadline."""
        tahun = {w.dari_iso(t).year for t in (p["waktu"], baru.get("diajukan")) if t}
        tenggat.pastikan_tahun(db, tahun, p["dicatat_pada"])
        tenggat.catat_peristiwa(db, self.kalender(), self.p, p, lama, baru)

    def _durasi_riwayat(self, k: dict[str, Any]) -> None:
        """``lihat``: each history row's working duration, mutu baku, deadline, compliance."""
        durasi = tenggat.durasi_keluhan(self.db, k["id"])
        for r in k["riwayat"]:
            d = durasi.get(r["urutan"], {})
            r.update(durasi_menit=d.get("menit_kerja"), mutu_baku=d.get("mutu_baku"), batas=d.get("batas"),
                     patuh=None if not d else bool(d["patuh"]))
        self.tandai_tenggat([k])

    def tandai_tenggat(self, baris: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Add the awaited step, its deadline and whether it is past now to each row."""
        kini = tenggat.utc(self._sekarang())
        semua = tenggat.tenggat_keluhan(self.db, [b["id"] for b in baris])
        for b in baris:
            t = semua.get(b["id"])
            b.update(langkah_berikutnya=t["langkah"] if t else None, mutu_baku_langkah=t["mutu_baku"] if t else None,
                     batas_langkah=t["batas"] if t else None, terlambat=bool(t and t["lewat_setelah_utc"] < kini))
        return baris

    def terlambat(self, dalam: Any = None) -> list[dict[str, Any]]:
        """Complaints past their step's deadline (and within ``dalam`` of it, when given)."""
        return tenggat.terlambat(self.db, self.kalender(), self._sekarang(), dalam)

    def libur(self, tahun: int) -> list[dict[str, Any]]:
        """The holiday rows of ``tahun`` (seeded from the package first when needed)."""
        with self.transaksi() as db:
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
            if hapus:
                nama = tenggat.hapus_libur(db, tanggal=tanggal, petugas=petugas, alasan=alasan or "", sistem=sistem)
            else:
                tenggat.tambah_libur(db, tanggal=tanggal, nama=nama or "", petugas=petugas, alasan=alasan, sistem=sistem)
            durasi, tenggat_n, berubah = tenggat.hitung_ulang(
                db, self.kalender(), tanggal=tanggal, sistem=sistem, kemajuan=kemajuan)
        return {"tanggal": tanggal.isoformat(), "nama": nama, "durasi": durasi, "tenggat": tenggat_n,
                "patuh_berubah": berubah}

    def jam_kerja_berbeda(self) -> list[str]:
        """Weekdays whose keluhan.toml office hours differ from the archive's (the archive wins)."""
        return tenggat.jam_kerja_berbeda(self.db, self.p)

    def rekap(self, periode: Any) -> dict[str, Any]:
        """The recap of ``periode`` as data (keluhan/rekap.py)."""
        from keluhan import rekap

        return rekap.rekap(self.db, self.kalender(), self.p, periode, sekarang=self._sekarang())


def cadangkan(db: sqlite3.Connection, tujuan: Path) -> None:
    """A consistent copy through SQLite's online backup API (safe while others write).

    Written to a hidden file beside ``tujuan`` that only the owner can read (the copy
    holds personal data too), checked, then renamed over ``tujuan``: a reader sees the
    old file or the whole new copy, never half of one. The copy is one self-contained
    file (rollback journal, not WAL), so it can be moved or mailed as it is.
    """
    sementara = tujuan.with_name(f".{tujuan.name}.{os.getpid()}.sementara")
    try:
        os.close(os.open(sementara, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except OSError as e:
        raise GalatArsip(f"Cadangan tidak dapat ditulis di {tujuan.parent}: {e.strerror}.") from None
    try:
        salinan = sqlite3.connect(sementara, isolation_level=None)
        try:
            db.backup(salinan)
            salinan.execute("PRAGMA journal_mode = DELETE")
            cek = salinan.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            salinan.close()
        if cek != "ok":
            raise GalatArsip(f"Salinan arsip gagal diperiksa ({cek}); cadangan tidak ditulis.")
        os.chmod(sementara, 0o640)
        os.replace(sementara, tujuan)
    except BaseException as e:
        sementara.unlink(missing_ok=True)
        if isinstance(e, OSError):
            raise GalatArsip(f"Cadangan tidak dapat ditulis ke {tujuan}: {e.strerror}.") from None
        raise
    try:  # make the rename itself durable
        fd = os.open(tujuan.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:
        pass  # not every file system lets a directory be fsynced; the copy is already whole


def _rentang_bulan(bulan: str) -> list[str]:
    import re

    m = re.fullmatch(r"(\d{4})-(\d{1,2})", bulan.strip())
    if not m or not 1 <= int(m[2]) <= 12:
        raise GalatMasukan(f"Bulan tidak sah: '{bulan}'. Contoh: 2026-11.")
    y, b = int(m[1]), int(m[2])
    akhir = f"{y + 1:04d}-01" if b == 12 else f"{y:04d}-{b + 1:02d}"
    return [f"{y:04d}-{b:02d}", akhir]


def _petugas(petugas: str | None) -> str:
    petugas = (petugas or "").strip()
    if not petugas:
        raise GalatMasukan(
            "Petugas belum diisi: gunakan --petugas NAMA, variabel KELUHAN_PETUGAS, "
            "atau petugas.bawaan di keluhan.toml."
        )
    return petugas


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


def _pesan_transisi(k: dict[str, Any], aksi: Aksi) -> str:
    berikut = perintah_berikutnya(Status(k["status"]))
    saran = (
        "langkah berikutnya: " + " atau ".join(f"keluhan {p} {k['nomor']}" for p in berikut)
        if berikut else "penanganannya sudah berakhir"
    )
    return (
        f"Keluhan {k['nomor']} berstatus '{k['status']}': perintah '{PERINTAH[aksi]}' tidak dapat "
        f"dijalankan; {saran}."
    )
