"""Does the archive still keep its word? ``periksa(db)`` answers with a list of findings.

Each finding is one Indonesian sentence naming the complaint or the event; an empty
list means the archive is sound. docs/jaminan.md says what each check proves. The checks:

- SQLite's own ``integrity_check`` and ``foreign_key_check``;
- the schema: every table, index and trigger the migrations create is there and
  unchanged (a dropped append-only trigger is a finding), and no foreign trigger hides
  on our tables;
- the hash chain over ``riwayat`` in ``urutan`` order: each event's hash recomputed with
  the chains' one recipe (``rantai.hash_entri``; the write path's ``arsip.hash_peristiwa`` is
  held to it by tests/test_rantai.py), each ``hash_sebelum`` equal to the previous event's hash (the
  first to ``HASH_AWAL``), ``urutan`` without gaps, and ``sqlite_sequence`` not ahead of
  the last event (AUTOINCREMENT never reuses a number, so rows deleted from the end
  still show);
- the replay: every complaint's events, folded through ``proyeksi.terapkan``, give
  exactly its ``keluhan`` row and its ``tindakan`` rows; every step is allowed by
  ``workflow.TRANSISI`` from the status before it, no step is dated before the previous
  one or after it was written, every correction names the value it replaced, and no
  action is verified by whoever recorded it (ISO/IEC 17025 7.9.6: officers compared by
  the register, ``registri.Register.sama``), no appeal is decided by anyone who took part
  in handling the complaint (``penjaga.peran_terlibat``), and no CAPA's effectiveness is
  reviewed by its recorder or its penanggung jawab;
- the numbers: per year, ``urut`` runs 1..max with no gap or repeat; ``nomor`` is unique;
- every ledger ``keluhan/rantai.py`` lists beside riwayat, walked by one chain walker
  (``_rantai_buku``) and then replayed by its own check (``_PUTAR``): the working
  calendar's ``kalender_riwayat`` equal to ``jam_kerja``, ``libur``, ``libur_tahun`` and
  ``pengaturan_arsip``; the settings ledger ``pengaturan_riwayat`` and the officer
  register ``petugas_riwayat`` entry by entry;
- working time: every complaint's ``durasi_langkah`` rows and ``tenggat`` row recomputed
  from its events and the archive's calendar with ``tenggat``'s row builders (the mutu
  baku is the row's own); a row that differs, is missing or has no event is a finding;
- the recap's kept figures (migration m021_rekap_tetap): ``tindakan_tertunda_jam``, the count of
  reviews pending per hour they started counting in, recomputed from ``tindakan``
  (whose rows the replay has just checked); a count that differs is a finding.

Memory: the history is streamed twice and never loaded whole. The chain pass reads
``riwayat`` in ``urutan`` order and keeps one previous hash; the replay pass reads it in
``(keluhan_id, urutan)`` order through the index ``riwayat_keluhan`` and keeps one
complaint's state at a time, its ``keluhan``, ``tindakan``, ``durasi_langkah`` and
``tenggat`` rows read in the same order beside the events (a merge, ``_Gabung``: no
look-up per complaint). Memory is O(events of the largest complaint), whatever the
size of the archive. Both passes run in one read transaction, so they see one snapshot
even while clerks keep writing (WAL readers do not block writers).

Speed: on a big archive (``_AMBANG_PEKERJA`` events) the replay is split by ranges of
keluhan_id over worker processes, one per core (``_Pekerja``), which run beside the
integrity and chain passes; each replays in a snapshot it has checked to be the main
one's, or leaves its range to the main process; meanwhile the main process also runs the
passes after the replay that need nothing it finds (``_LEPAS``, ``_dini``: the customer keys,
told only when the replay found no edited row, and the kept months' recaps), while SQLite's
``integrity_check`` runs in a process of its own (``_Sisi``, its findings told first). The report is
the serial one, word for word (tests/test_periksa_pekerja.py). Within the replay: a
step's stored duration is compared on instants (``Kalender.ukur_us``, its deadline's
text from the day table, ``Kalender.iso_us``) and a row as one tuple first; the full
recomputation and the column-by-column comparison run only for a row that differs, so
every finding is worded as before. The chain's JSON is written by SQLite where that is
Python's encoding byte for byte (``rantai.sql_entri_teks``). ``PRAGMA foreign_key_check``
(1.7M parent look-ups per 100k complaints) runs only when the replay's merges could not
show every row of every foreign key to have its parent (``_kunci_asing_sesudah``; its
findings then open the report, as before).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from itertools import groupby
from operator import itemgetter
from typing import Any

from keluhan import migrasi, proyeksi, waktu as w
from keluhan.arsip import HASH_AWAL
from keluhan.galat import GalatMasukan
from keluhan.workflow import ENTRI, LANGKAH_AKSI, Aksi, Status, boleh, diukur, langkah_berikutnya, transisi

# (task, done, total): called now and then during the long passes, for a progress bar.
Kemajuan = Callable[[str, int, int], None]

KOLOM_RIWAYAT = (
    "urutan", "keluhan_id", "langkah", "aksi", "status_dari", "status_ke", "petugas", "waktu",
    "dicatat_pada", "rincian", "hash_sebelum", "hash",
)
# Personal data (UU 27/2022): a finding names the column, never shows its value.
KOLOM_PRIBADI = frozenset({"nama", "instansi", "alamat", "telepon", "email"})
BATAS_TEMUAN = 1000  # a wrecked archive could yield millions; the first thousand say enough
_SETIAP = 2000  # events between progress calls


@dataclass
class Laporan:
    """What ``periksa`` found, and what it counted."""

    temuan: list[str] = field(default_factory=list)
    keluhan: int = 0
    peristiwa: int = 0
    tindakan: int = 0
    hash_terakhir: str = HASH_AWAL
    urutan_terakhir: int = 0
    kalender_urutan: int = 0  # last kalender_riwayat entry and its hash
    kalender_hash: str = HASH_AWAL
    # The tip of every ledger beside riwayat (keluhan/rantai.py's BUKU): table -> (urutan, hash).
    ujung: dict[str, tuple[int, str]] = field(default_factory=dict)
    lebih: int = 0  # findings beyond BATAS_TEMUAN, counted only
    register: Any = field(default=None, repr=False)  # the officer register, read once (7.9.6)
    catatan: list[str] = field(default_factory=list)  # worth knowing, not damage (attachments not included)
    lampiran: tuple[int, int] = (0, 0)  # files and bytes stored in berkas_lampiran, reported apart
    # Complaints whose keluhan row differs from the replay (already a finding): the keys
    # derived from that row (kunci_pelanggan) are not judged against it too.
    beda_keluhan: set[str] = field(default_factory=set, repr=False)
    pekerja: Any = field(default=None, repr=False)  # the replay's worker processes (_Pekerja), when split
    dibagi: int = field(default=0, repr=False)  # ranges of the replay a worker process did
    # PRAGMA foreign_key_check left to after the replay (``_kunci_asing``): the replay's merges see every
    # foreign key's row, and it runs only when one of them was not shown to have its parent (``ragu``).
    kunci_asing_nanti: bool = field(default=False, repr=False)
    ragu: bool = field(default=False, repr=False)
    tuntas: bool = field(default=False, repr=False)  # the replay went through every complaint
    # Passes run early, beside the worker processes (``_dini``), their findings kept to be told in their place.
    dini: dict[str, Any] = field(default_factory=dict, repr=False)
    sisi: Any = field(default=None, repr=False)  # PRAGMA integrity_check's own process (_Sisi), when the replay is split
    dari_sisi: bool = field(default=False, repr=False)  # its result was told (not run again here)

    @property
    def sehat(self) -> bool:
        return not self.temuan

    def tambah(self, pesan: str) -> None:
        if len(self.temuan) < BATAS_TEMUAN:
            self.temuan.append(pesan)
        else:
            self.lebih += 1

    def ringkasan(self) -> str:
        return (
            f"{self.keluhan} keluhan, {self.peristiwa} peristiwa riwayat, {self.tindakan} baris tindakan; "
            f"peristiwa terakhir #{self.urutan_terakhir}, hash {self.hash_terakhir}; "
            f"kalender_riwayat #{self.kalender_urutan}, hash {self.kalender_hash}"
            + "".join(f"; {t} #{u}, hash {h}" for t, (u, h) in self.ujung.items() if t != "kalender_riwayat")
            + (f"; {self.lampiran[0]} berkas lampiran ({self.lampiran[1]:,} byte)".replace(",", ".")
               if self.lampiran[0] else "")
        )

    def sebagai_json(self) -> dict[str, Any]:
        return {
            "sehat": self.sehat, "temuan": self.temuan, "temuan_lain": self.lebih,
            "jumlah": {"keluhan": self.keluhan, "peristiwa": self.peristiwa, "tindakan": self.tindakan},
            "urutan_terakhir": self.urutan_terakhir, "hash_terakhir": self.hash_terakhir,
            "kalender": {"urutan_terakhir": self.kalender_urutan, "hash_terakhir": self.kalender_hash},
            "rantai": {t: {"urutan": u, "hash": h} for t, (u, h) in self.ujung.items()},
            "catatan": self.catatan,
            "lampiran": {"berkas": self.lampiran[0], "byte": self.lampiran[1]},
        }


def periksa(
    db: sqlite3.Connection, *, kemajuan: Kemajuan | None = None, jangkar: tuple[int, str] | Any = None,
    pekerja: int | None = None,
) -> Laporan:
    """Run every check on ``db`` (an open archive); ``jangkar`` = an anchor noted at an
    earlier audit or printed on a recap (a ``jangkar.Jangkar``, or riwayat's (urutan, hash)),
    whose entries every chain must still hold. ``pekerja``: worker processes for the replay
    (0: none; None: as many as the machine has cores, for an archive big enough to gain,
    or ``KELUHAN_PERIKSA_PEKERJA``); the report is the same either way."""
    lapor = Laporan()
    sendiri = not db.in_transaction
    if sendiri:
        db.execute("BEGIN")  # one snapshot for every pass
    try:
        if sendiri:  # (a caller's open transaction may hold writes no other process sees)
            try:
                lapor.pekerja = _Pekerja.mulai(db, _jumlah_pekerja(db, pekerja))
                if lapor.pekerja is not None:  # SQLite's own check beside them, in a process of its own
                    lapor.sisi = _Sisi.mulai(db)
            except sqlite3.DatabaseError:
                pass  # (not an archive SQLite can read: the passes say what is wrong, serially)
        for langkah in _LANGKAH:
            if langkah is _integritas and lapor.sisi is not None:
                continue  # (its findings open the report all the same: _integritas_sisi, before the replay's)
            if langkah is _putar_ulang and lapor.pekerja is not None:
                _dini(db, lapor, kemajuan)  # while the workers replay (the main process would only wait for them)
            if langkah is _putar_ulang and lapor.sisi is not None:
                _integritas_sisi(db, lapor)
            buf = lapor.dini.pop(langkah.__name__, None)
            if buf is not None and not (langkah is _berulang and lapor.beda_keluhan):
                _sampaikan(lapor, buf)  # (_berulang's early run left out no complaint: told only when none is to be)
            else:
                _jalankan(langkah, db, lapor, kemajuan)
            if langkah is _putar_ulang and lapor.kunci_asing_nanti:
                _kunci_asing_sesudah(db, lapor)
        if jangkar is not None:
            _jangkar(db, lapor, jangkar)
        for temuan in _bulan_tersimpan(db, lapor):  # the recap's kept month figures, each recomputed at its anchor
            lapor.tambah(temuan)
    finally:
        if lapor.pekerja is not None:
            lapor.pekerja.hentikan()
            lapor.pekerja = None
        if lapor.sisi is not None:
            lapor.sisi.hentikan()
            lapor.sisi = None
        if sendiri:
            db.execute("ROLLBACK")
    if lapor.lebih:
        lapor.temuan.append(f"... dan {lapor.lebih} temuan lain yang tidak ditampilkan.")
    return lapor


def _jalankan(langkah: Callable[[sqlite3.Connection, Laporan, Kemajuan | None], None], db: sqlite3.Connection,
              lapor: Laporan, kemajuan: Kemajuan | None) -> None:
    """One pass; SQLite stopping it is a finding in its place."""
    try:
        langkah(db, lapor, kemajuan)
    except sqlite3.DatabaseError as e:
        lapor.tambah(f"Pemeriksaan {langkah.__name__.strip('_')} terhenti: SQLite melaporkan '{e}'.")


def _dini(db: sqlite3.Connection, lapor: Laporan, kemajuan: Kemajuan | None = None) -> None:
    """The passes after the replay that read nothing it finds (``_LEPAS``), the replay's own
    last checks (``_ekor``) and the kept months' recomputation (``_bulan_tersimpan``), run
    now into reports of their own (``lapor.dini``), to be told in their places: the same
    snapshot, the same findings in the same order. (``_berulang`` leaves out the complaints
    whose row the replay finds edited: its early run is told only when there is none.)"""
    def maju() -> None:  # the workers' bar moves on meanwhile
        if kemajuan and lapor.pekerja is not None:
            lapor.pekerja.kemajuan(kemajuan, lapor.peristiwa)

    for langkah in _LEPAS:
        lapor.dini[langkah.__name__] = buf = Laporan()
        _jalankan(langkah, db, buf, None)
        maju()
    buf, galat = Laporan(), None
    try:
        _ekor(db, buf, _Sla.buka(db, Laporan()) is not None)
    except sqlite3.DatabaseError as e:
        galat = str(e)
    lapor.dini["_ekor"] = (buf, galat)
    maju()
    from keluhan import rekap_bulan

    try:
        lapor.dini["rekap_bulan"] = (rekap_bulan.periksa(db), None)
    except Exception as e:  # noqa: BLE001 - raised again where the serial run would raise it
        lapor.dini["rekap_bulan"] = ([], e)
    maju()


def _bulan_tersimpan(db: sqlite3.Connection, lapor: Laporan) -> list[str]:
    """``rekap_bulan.periksa``'s findings: from its run beside the workers (``_dini``), or now."""
    dini = lapor.dini.pop("rekap_bulan", None)
    if dini is None:
        from keluhan import rekap_bulan

        return rekap_bulan.periksa(db)
    temuan, galat = dini
    if galat is not None:
        raise galat
    return temuan  # type: ignore[no-any-return]


def _sampaikan(lapor: Laporan, buf: Laporan) -> None:
    """A pass run early (into ``buf``) told now, in its place: the report is the serial one."""
    for t in buf.temuan:
        lapor.tambah(t)
    lapor.lebih += buf.lebih
    lapor.catatan.extend(buf.catatan)
    if buf.lampiran != (0, 0):  # (only _lampiran counts them)
        lapor.lampiran = buf.lampiran


# -- SQLite and the schema ------------------------------------------------------------


def _lampiran(db: sqlite3.Connection, lapor: Laporan, kemajuan: Kemajuan | None) -> None:
    """Every attached file is stored and still hashes to what its event in the chain says."""
    from keluhan import lampiran

    if not db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (lampiran.TABEL,)).fetchone():
        return  # an archive older than m011 (read-only, never migrated)

    def dirujuk() -> Iterator[tuple[int, str, dict[str, Any]]]:
        for u, nomor, rincian in db.execute(
            "SELECT r.urutan, k.nomor, r.rincian FROM riwayat r LEFT JOIN keluhan k ON k.id = r.keluhan_id "
            "WHERE r.aksi = 'lampirkan' ORDER BY r.urutan"
        ):
            try:
                r = json.loads(rincian)
            except ValueError:
                continue  # the replay names an unreadable rincian
            if isinstance(r, dict):
                yield u, nomor or "?", r

    temuan, catatan = lampiran.periksa(db, dirujuk())
    for t in temuan:
        lapor.tambah(t)
    lapor.catatan.extend(catatan)
    lapor.lampiran = lampiran.ukuran_total(db)


def _berulang(db: sqlite3.Connection, lapor: Laporan, kemajuan: Kemajuan | None) -> None:
    """The customer keys recomputed from the complaints' rows, and every link (``kaitkan``)
    between two different complaints that exist, recorded once (keluhan/berulang.py)."""
    from keluhan import berulang

    for t in berulang.periksa(db, lewati=lapor.beda_keluhan):
        lapor.tambah(t)
    for t in berulang.periksa_kaitan(db):
        lapor.tambah(t)
    from keluhan import pencarian  # catat's duplicate-warning keys (kunci_serupa), likewise

    for t in pencarian.periksa_serupa(db, lewati=lapor.beda_keluhan):
        lapor.tambah(t)


def _integritas(db: sqlite3.Connection, lapor: Laporan, kemajuan: Kemajuan | None) -> None:
    _integritas_dari(db, lapor, [r[0] for r in db.execute("PRAGMA integrity_check")])


def _integritas_dari(db: sqlite3.Connection, lapor: Laporan, hasil: list[Any]) -> None:
    """``_integritas`` given what ``PRAGMA integrity_check`` returned (``hasil``)."""
    if hasil != ["ok"]:
        for pesan in hasil:
            lapor.tambah(f"Integritas berkas SQLite rusak: {pesan}.")
    elif not lapor.temuan and _kunci_asing_terputar(db):
        lapor.kunci_asing_nanti = True  # (decided after the replay: _kunci_asing_sesudah)
        return
    _kunci_asing(db, lapor)


def _integritas_sisi(db: sqlite3.Connection, lapor: Laporan) -> None:
    """``_integritas`` with PRAGMA integrity_check's answer from its own process (``_Sisi``,
    run beside the other passes: about a tenth of the CPU at 100k complaints, all of it in
    SQLite), or run here when that process gave none (it failed, or saw another snapshot).
    Its findings, and the foreign key check's when that runs now, are put first, where the
    serial run says them: the first ``BATAS_TEMUAN`` of the same list."""
    hasil = lapor.sisi.hasil()
    lapor.sisi = None  # (ended and reaped; interrupted before, periksa's finally ends it)
    sela = Laporan()
    if hasil is None:
        _jalankan(_integritas, db, sela, None)
    else:
        lapor.dari_sisi = True
        try:
            if hasil[0] != "ok":
                raise sqlite3.DatabaseError(hasil[1])  # SQLite stopped the pragma there
            _integritas_dari(db, sela, hasil[1])
        except sqlite3.DatabaseError as e:
            sela.tambah(f"Pemeriksaan integritas terhenti: SQLite melaporkan '{e}'.")  # (as _jalankan words it)
    lapor.kunci_asing_nanti = sela.kunci_asing_nanti
    semua = sela.temuan + lapor.temuan
    lapor.lebih += sela.lebih + max(0, len(semua) - BATAS_TEMUAN)
    lapor.temuan = semua[:BATAS_TEMUAN]


def _kunci_asing(db: sqlite3.Connection, lapor: Laporan) -> None:
    for tabel, rowid, induk, _ in db.execute("PRAGMA foreign_key_check"):
        lapor.tambah(f"Baris rowid {rowid} di tabel {tabel} merujuk baris {induk} yang tidak ada.")


# Every foreign key of the schema (child table, column, parent table, column): the replay's merges
# read each child row beside its complaint's events and keluhan row (``_putar_rentang``).
_KUNCI_ASING = frozenset({
    ("riwayat", "keluhan_id", "keluhan", "id"), ("tindakan", "keluhan_id", "keluhan", "id"),
    ("tindakan", "riwayat_urutan", "riwayat", "urutan"), ("tenggat", "keluhan_id", "keluhan", "id"),
    ("durasi_peristiwa", "riwayat_urutan", "riwayat", "urutan"),  # (durasi_langkah's rows, m032_durasi)
})
_I_URUTAN_TINDAKAN = proyeksi.KOLOM_TINDAKAN.index("riwayat_urutan")


def kunci_asing(db: sqlite3.Connection) -> set[tuple[str, str, str, str]]:
    """Every foreign key of ``db``'s tables: (child table, column, parent table, parent column)."""
    return {(t, dari, induk, ke) for t, induk, dari, ke in db.execute(
        "SELECT m.name, f.\"table\", f.\"from\", f.\"to\" FROM sqlite_master m, pragma_foreign_key_list(m.name) f"
        " WHERE m.type = 'table'")}


def _kunci_asing_terputar(db: sqlite3.Connection) -> bool:
    """Whether the replay can stand in for ``PRAGMA foreign_key_check`` until it finds a row it
    cannot vouch for: the archive's foreign keys are exactly ``_KUNCI_ASING`` and the tables
    they join are as the migrations create them (their keys, collations and affinities)."""
    try:
        if kunci_asing(db) != _KUNCI_ASING:
            return False
        bawaan, ada = skema_bawaan(), _objek(db)
    except sqlite3.DatabaseError:
        return False  # (the check itself then says what SQLite makes of it)
    return all(nama in bawaan and ada.get(nama) == bawaan[nama] for nama in {x for k in _KUNCI_ASING for x in k[::2]})


def _kunci_asing_sesudah(db: sqlite3.Connection, lapor: Laporan) -> None:
    """After the replay: ``PRAGMA foreign_key_check`` when a row was not shown to have its
    parent (or the replay stopped), its findings put where ``_integritas`` would have said
    them (first: the integrity check found nothing), the first ``BATAS_TEMUAN`` kept as then."""
    lapor.kunci_asing_nanti = False
    if lapor.tuntas and not lapor.ragu:
        return  # every row of every foreign key had its parent row, equal by value (the replay's merge)
    sela = Laporan()
    try:
        _kunci_asing(db, sela)
    except sqlite3.DatabaseError as e:
        sela.tambah(f"Pemeriksaan integritas terhenti: SQLite melaporkan '{e}'.")
    if not sela.temuan and not sela.lebih:
        return
    semua = sela.temuan + lapor.temuan
    lapor.lebih += sela.lebih + max(0, len(semua) - BATAS_TEMUAN)
    lapor.temuan = semua[:BATAS_TEMUAN]


def skema_bawaan() -> dict[str, tuple[str, str, str]]:
    """name -> (type, table, normalised SQL) of every object the migrations create,
    found by running them on an empty in-memory database (once per process)."""
    return _skema_migrasi(tuple((nama, id(fn)) for nama, fn in migrasi.MIGRASI))


@lru_cache(maxsize=4)
def _skema_migrasi(_kunci: tuple[tuple[str, int], ...]) -> dict[str, tuple[str, str, str]]:
    mem = sqlite3.connect(":memory:", isolation_level=None)
    try:
        migrasi.terapkan(mem, "1970-01-01T00:00:00+00:00")
        return _objek(mem)
    finally:
        mem.close()


def _objek(db: sqlite3.Connection) -> dict[str, tuple[str, str, str]]:
    return {
        nama: (jenis, tabel, " ".join(sql.split()))
        for jenis, nama, tabel, sql in db.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'"
        )
    }


_JENIS = {"table": "Tabel", "index": "Indeks", "trigger": "Trigger", "view": "View"}


def _skema(db: sqlite3.Connection, lapor: Laporan, kemajuan: Kemajuan | None) -> None:
    """Our objects present and unchanged; extra tables and views are a Balai's own
    business, an extra trigger on our tables is not (it could rewrite what we write)."""
    bawaan, ada = skema_bawaan(), _objek(db)
    for nama, (jenis, tabel, sql) in bawaan.items():
        if nama not in ada:
            akibat = " (perlindungan riwayat hilang)" if jenis == "trigger" else ""
            lapor.tambah(f"{_JENIS[jenis]} {nama} pada {tabel} tidak ada di arsip{akibat}.")
        elif ada[nama][2] != sql:
            lapor.tambah(f"{_JENIS[jenis]} {nama} pada {tabel} berbeda dari skema program (telah diubah).")
    for nama, (jenis, tabel, _) in ada.items():
        if jenis == "trigger" and nama not in bawaan:
            lapor.tambah(f"Trigger {nama} pada {tabel} bukan bagian skema keluhan (ditambahkan dari luar).")
    versi = db.execute("PRAGMA user_version").fetchone()[0]
    if versi != migrasi.versi_terbaru():
        lapor.tambah(f"Versi skema arsip {versi}, seharusnya {migrasi.versi_terbaru()}.")
    if "_migrasi" in ada:
        tercatat = [r[0] for r in db.execute("SELECT nama FROM _migrasi ORDER BY rowid")]
        if tercatat != [nama for nama, _ in migrasi.MIGRASI]:
            lapor.tambah("Daftar migrasi di tabel _migrasi tidak sama dengan migrasi program.")


# -- the hash chain -------------------------------------------------------------------


class _Nama:
    """'keluhan 001/KP/...' for a finding, looked up only when there is one to report."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.cache: dict[str, str] = {}

    def __call__(self, kid: Any) -> str:
        kid = str(kid)
        if kid not in self.cache:
            baris = self.db.execute("SELECT nomor FROM keluhan WHERE id = ?", (kid,)).fetchone()
            self.cache[kid] = f"keluhan {baris[0]}" if baris else f"keluhan id {kid}"
        return self.cache[kid]


_KOLOM_EFEKTIF = (*KOLOM_RIWAYAT[:-2], "waktu_asli")
_I_NOMOR = proyeksi.KOLOM_KELUHAN.index("nomor")
# Value -> member, a dict look-up per event instead of an Enum call (the replay's hot loop).
_AKSI: dict[Any, Aksi] = {a.value: a for a in Aksi}
_STATUS: dict[Any, Status] = {s.value: s for s in Status}
_NILAI: dict[Any, str] = {s: s.value for s in Status}  # member -> its value (``.value`` is a slow descriptor)


def _peristiwa_efektif(db: sqlite3.Connection, syarat: str = "", param: tuple[Any, ...] = ()) -> Iterator[dict[str, Any]]:
    """The replay's events, by complaint: each with its effective time (v_waktu_efektif,
    migration m014) as ``waktu`` and the recorded one as ``waktu_asli``; ``syarat``: a
    range of keluhan_id (``_rentang_sql``)."""
    sql = f"SELECT {', '.join(_KOLOM_EFEKTIF)} FROM v_waktu_efektif{syarat} ORDER BY keluhan_id, urutan"
    kolom = _KOLOM_EFEKTIF
    for baris in db.execute(sql, param):
        yield dict(zip(kolom, baris))


def _rantai(db: sqlite3.Connection, lapor: Laporan, kemajuan: Kemajuan | None) -> None:
    from keluhan import rantai

    nama = _Nama(db)
    total = db.execute("SELECT COUNT(*) FROM riwayat").fetchone()[0]
    lapor.peristiwa = total
    sebelum, hash_sebelum = 0, HASH_AWAL
    # Each row: urutan, keluhan_id, aksi, hash_sebelum, hash, then the recipe's JSON text as
    # SQLite writes it (NULL where only Python's encoder can: the columns the hash covers, in
    # the recipe's order, are then read again for it, ``_baris_rantai``).
    hash_teks = rantai.hash_teks
    for i, baris in enumerate(db.execute(_sql_rantai()), start=1):
        u, hs, h, teks = baris[0], baris[3], baris[4], baris[5]
        if u != sebelum + 1:
            hilang = f"#{sebelum + 1}" if u == sebelum + 2 else f"#{sebelum + 1}–#{u - 1}"
            lapor.tambah(f"Peristiwa {hilang} hilang dari riwayat (dihapus); urutan melompat ke #{u}.")
        if hs != hash_sebelum:
            lapor.tambah(
                f"Peristiwa #{u} ({nama(baris[1])}): hash_sebelum tidak sama dengan hash peristiwa "
                "sebelumnya; rantai terputus di sini."
            )
        try:
            cocok = (hash_teks(teks) if teks is not None else rantai.hash_entri(hs, _baris_rantai(db, u))) == h
        except (TypeError, ValueError):
            cocok = False
        if not cocok:
            lapor.tambah(
                f"Peristiwa #{u} ({nama(baris[1])}, {baris[2]}): isinya tidak cocok dengan hash-nya; "
                "peristiwa ini diubah setelah dicatat."
            )
        sebelum, hash_sebelum = u, h
        if kemajuan and i % _SETIAP == 0:
            kemajuan("rantai", i, total)
            if lapor.pekerja is not None:  # the replay runs beside this pass: its bar moves too
                lapor.pekerja.kemajuan(kemajuan, total)
    if kemajuan:
        kemajuan("rantai", total, total)
    lapor.urutan_terakhir, lapor.hash_terakhir = sebelum, hash_sebelum
    seq = db.execute("SELECT seq FROM sqlite_sequence WHERE name = 'riwayat'").fetchone()
    seq = seq[0] if seq else 0
    if seq > sebelum:
        lapor.tambah(
            f"Peristiwa #{sebelum + 1}–#{seq} hilang dari akhir riwayat: SQLite pernah memberi urutan "
            f"sampai #{seq}, peristiwa terakhir yang ada #{sebelum}."
        )
    elif seq < sebelum:
        lapor.tambah(f"Penghitung urutan SQLite (sqlite_sequence = {seq}) di belakang peristiwa terakhir #{sebelum}; telah diubah.")


@lru_cache(maxsize=1)
def _sql_rantai() -> str:
    """``rantai.sql_entri_teks`` of riwayat with only the columns the chain pass names beside the
    JSON text (urutan, keluhan_id, aksi, hash_sebelum, hash): the text already holds every
    hashed column, and reading them again costs a quarter of the pass (0.7 of 3 s of SQLite at
    100k complaints)."""
    from keluhan import rantai

    r = rantai.RIWAYAT
    penuh = rantai.sql_entri_teks(r)
    kepala = f"SELECT urutan, {', '.join(r.kolom)}, hash_sebelum, hash, "
    if not penuh.startswith(kepala) or "keluhan_id" not in r.kolom or "aksi" not in r.kolom:
        raise AssertionError("rantai.sql_entri_teks: kolomnya tidak seperti yang dibaca periksa")  # (tests)
    return "SELECT urutan, keluhan_id, aksi, hash_sebelum, hash, " + penuh[len(kepala):]


def _baris_rantai(db: sqlite3.Connection, urutan: int) -> tuple[Any, ...]:
    """The columns riwayat's hash covers of the event ``urutan``, in the recipe's order
    (``rantai.hash_entri`` encodes them where SQLite cannot: a real or a blob)."""
    from keluhan import rantai

    return db.execute(f"SELECT {', '.join(rantai.RIWAYAT.kolom)} FROM riwayat WHERE urutan = ?", (urutan,)).fetchone()


def _jangkar(db: sqlite3.Connection, lapor: Laporan, jangkar: Any) -> None:
    """Every chain still holds the anchor's entry (``keluhan/rantai.py`` lists the chains)."""
    from keluhan import jangkar as jk

    if isinstance(jangkar, tuple):
        jangkar = jk.Jangkar((("riwayat", int(jangkar[0]), str(jangkar[1]).strip().lower()),))
    for temuan in jk.periksa(db, jangkar):
        lapor.tambah(temuan)


# -- the working calendar's log --------------------------------------------------------

_KOLOM_LIBUR = ("id", "tanggal", "nama", "sumber", "ditambahkan", "ditambahkan_oleh", "alasan_tambah", "dihapus",
                "dihapus_oleh", "alasan_hapus")


class _Kalender:
    """The calendar tables as replaying ``kalender_riwayat`` builds them."""

    def __init__(self) -> None:
        self.jam: dict[int, tuple[Any, ...]] = {}  # hari -> (nama_hari, mulai, selesai, ditetapkan)
        self.libur: dict[int, list[Any]] = {}  # id -> the row's columns after id
        self.berlaku: dict[str, int] = {}  # tanggal -> id of the holiday in force
        self.tahun: dict[int, tuple[Any, ...]] = {}  # tahun -> (sumber, diisi)
        self.pengaturan: dict[str, tuple[Any, ...]] = {}  # kunci -> (nilai, ditetapkan)

    def tambah_libur(self, baris: list[Any]) -> str | None:
        """Add a holiday row (id first, or None for the next id); a complaint when it cannot be."""
        lid = baris[0] if baris[0] is not None else max(self.libur, default=0) + 1
        if lid in self.libur:
            return f"baris libur id {lid} ditambahkan dua kali"
        tanggal, dihapus = baris[1], baris[7]
        if dihapus is None and tanggal in self.berlaku:
            return f"libur {tanggal} ditambahkan padahal sudah ada yang berlaku"
        self.libur[lid] = list(baris[1:])
        if dihapus is None:
            self.berlaku[tanggal] = lid
        return None

    def terapkan(self, aksi: str, tanggal: Any, petugas: Any, pada: str, r: dict[str, Any]) -> str | None:
        """Fold one entry in; a complaint (why it cannot apply) or None."""
        if aksi == "awal":
            if self.jam or self.libur or self.tahun:
                return "entri 'awal' sesudah kalender terisi"
            self.jam = {b[0]: tuple(b[1:]) for b in r["jam_kerja"]}
            self.tahun = {b[0]: tuple(b[1:]) for b in r["libur_tahun"]}
            for b in r["libur"]:
                masalah = self.tambah_libur(list(b))
                if masalah:
                    return masalah
        elif aksi == "pengaturan":
            if r["kunci"] in self.pengaturan:
                return f"pengaturan '{r['kunci']}' ditetapkan dua kali"
            self.pengaturan[r["kunci"]] = (r["nilai"], pada)
        elif aksi == "jam_kerja":
            if self.jam:
                return "jam kerja ditetapkan dua kali"
            self.jam = {b[0]: (b[1], b[2], b[3], pada) for b in r["jam_kerja"]}
        elif aksi == "isi_tahun":
            if r["tahun"] in self.tahun:
                return f"libur tahun {r['tahun']} diisi dua kali"
            self.tahun[r["tahun"]] = (r["sumber"], pada)
            for tgl, nama in r["libur"]:
                masalah = self.tambah_libur([None, tgl, nama, "holidays", pada, None, None, None, None, None])
                if masalah:
                    return masalah
        elif aksi == "tambah_libur":
            return self.tambah_libur([None, tanggal, r["nama"], "manual", pada, petugas, r.get("alasan"), None, None, None])
        elif aksi == "hapus_libur":
            lid = self.berlaku.pop(tanggal, None)
            if lid is None:
                return f"libur {tanggal} dihapus padahal tidak ada yang berlaku"
            self.libur[lid][6:9] = [pada, petugas, r.get("alasan")]
        else:
            return f"aksi '{aksi}' tidak dikenal"
        return None


def _buku(db: sqlite3.Connection, lapor: Laporan, kemajuan: Kemajuan | None) -> None:
    """Every ledger ``keluhan/rantai.py`` lists beside riwayat: its hash chain walked once
    by ``_rantai_buku`` (the one walker), then its entries replayed by the ledger's own
    check in ``_PUTAR``. A ledger listed without a replay is a finding, never skipped."""
    from keluhan import rantai

    for r in rantai.BUKU:
        try:
            entri = _rantai_buku(db, lapor, r)
            putar = _PUTAR.get(r.tabel)
            if putar is None:
                lapor.tambah(f"Buku {r.tabel} tidak punya pemeriksaan pemutaran ulang di program.")
                continue
            putar(db, lapor, entri)
        except sqlite3.DatabaseError as e:
            lapor.tambah(f"Pemeriksaan {r.tabel} terhenti: SQLite melaporkan '{e}'.")
    lapor.kalender_urutan, lapor.kalender_hash = lapor.ujung.get(rantai.KALENDER.tabel, (0, HASH_AWAL))


def _kalender(db: sqlite3.Connection, lapor: Laporan, entri: list[tuple[Any, ...]]) -> None:
    """``kalender_riwayat`` (its chain already walked): its replay equal to ``jam_kerja``,
    ``libur``, ``libur_tahun`` and ``pengaturan_arsip`` row for row. A holiday added,
    moved or removed with plain SQL (or with a back-dated ``ditambahkan``) is a row the
    log does not give."""
    kal = _Kalender()
    rusak = False
    for u, aksi, tanggal, petugas, pada, rincian, _hs, _h in entri:
        try:
            r = json.loads(rincian)
            masalah = kal.terapkan(aksi, tanggal, petugas, pada, r)
        except (ValueError, TypeError, KeyError, IndexError, AttributeError):
            masalah = "rinciannya tidak dapat dibaca"
        if masalah:
            lapor.tambah(f"Kalender_riwayat #{u} ({aksi}): {masalah}; pemutaran ulang kalender berhenti.")
            rusak = True
            break
    if rusak:
        return
    jam = {r[0]: tuple(r[1:]) for r in db.execute("SELECT hari, nama_hari, mulai, selesai, ditetapkan FROM jam_kerja")}
    if jam != kal.jam:
        hari = sorted(h for h in jam.keys() | kal.jam.keys() if jam.get(h) != kal.jam.get(h))
        lapor.tambah(f"Tabel jam_kerja (hari {', '.join(map(str, hari))}) tidak sama dengan kalender_riwayat; "
                     "jam kerja diubah di luar program.")
    libur = {r[0]: list(r[1:]) for r in db.execute(f"SELECT {', '.join(_KOLOM_LIBUR)} FROM libur")}
    for lid in sorted(libur.keys() | kal.libur.keys()):
        ada, harap = libur.get(lid), kal.libur.get(lid)
        if ada == harap:
            continue
        tgl = (ada or harap or ["?"])[0]
        if harap is None:
            lapor.tambah(f"Tabel libur: baris id {lid} ({tgl}) tidak tercatat di kalender_riwayat; ditambahkan di luar program.")
        elif ada is None:
            lapor.tambah(f"Tabel libur: baris id {lid} ({tgl}) menurut kalender_riwayat tidak ada (dihapus).")
        else:
            kolom = [k for k, x, y in zip(_KOLOM_LIBUR[1:], ada, harap) if x != y]
            lapor.tambah(f"Tabel libur: baris id {lid} ({tgl}) tidak sama dengan kalender_riwayat pada kolom {', '.join(kolom)}.")
    tahun = {r[0]: tuple(r[1:]) for r in db.execute("SELECT tahun, sumber, diisi FROM libur_tahun")}
    if tahun != kal.tahun:
        beda = sorted(t for t in tahun.keys() | kal.tahun.keys() if tahun.get(t) != kal.tahun.get(t))
        lapor.tambah(f"Tabel libur_tahun (tahun {', '.join(map(str, beda))}) tidak sama dengan kalender_riwayat.")
    pengaturan = {r[0]: tuple(r[1:]) for r in db.execute("SELECT kunci, nilai, ditetapkan FROM pengaturan_arsip")}
    if pengaturan != kal.pengaturan:
        beda = sorted(k for k in pengaturan.keys() | kal.pengaturan.keys() if pengaturan.get(k) != kal.pengaturan.get(k))
        lapor.tambah(f"Tabel pengaturan_arsip ({', '.join(beda)}) tidak sama dengan kalender_riwayat.")


# -- the ledgers' one chain walker, and the settings ledger ---------------------------


def _rantai_buku(db: sqlite3.Connection, lapor: Laporan, r: Any) -> list[tuple[Any, ...]]:
    """One ledger's hash chain (keluhan/rantai.py's recipe): links, hashes, no gap, the
    sequence counter, system times not going back. Returns its entries, in order."""
    from keluhan import rantai

    entri = db.execute(rantai.sql_entri(r)).fetchall()
    sebelum, hash_sebelum, pada_sebelum = 0, HASH_AWAL, None
    i_pada = 1 + r.kolom.index("dicatat_pada")
    for baris in entri:
        u, isi, hs, h = baris[0], list(baris[1:-2]), baris[-2], baris[-1]
        if u != sebelum + 1:
            lapor.tambah(f"{r.tabel.capitalize()}: entri #{sebelum + 1}–#{u - 1} hilang (dihapus); urutan melompat ke #{u}.")
        if hs != hash_sebelum:
            lapor.tambah(f"{r.tabel.capitalize()} #{u}: hash_sebelum tidak sama dengan hash entri sebelumnya; rantai terputus.")
        try:
            cocok = rantai.hash_entri(hs, isi) == h
        except (TypeError, ValueError):
            cocok = False
        if not cocok:
            lapor.tambah(f"{r.tabel.capitalize()} #{u}: isinya tidak cocok dengan hash-nya; entri ini diubah.")
        t = _waktu(baris[i_pada])
        if t is None:
            lapor.tambah(f"{r.tabel.capitalize()} #{u}: dicatat_pada tidak berformat ISO 8601 dengan zona.")
        elif pada_sebelum is not None and t < pada_sebelum:
            lapor.tambah(f"{r.tabel.capitalize()} #{u}: dicatat_pada lebih awal dari entri sebelumnya (waktu mundur).")
        pada_sebelum = t or pada_sebelum
        sebelum, hash_sebelum = u, h
    lapor.ujung[r.tabel] = (sebelum, hash_sebelum)
    seq = db.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", (r.tabel,)).fetchone()
    if seq and seq[0] > sebelum:
        lapor.tambah(f"{r.tabel.capitalize()}: entri #{sebelum + 1}–#{seq[0]} hilang dari akhir buku.")
    elif sebelum and (seq is None or seq[0] < sebelum):
        lapor.tambah(f"Penghitung urutan {r.tabel} (sqlite_sequence) di belakang entri terakhir #{sebelum}; telah diubah.")
    return entri


def _pengaturan(db: sqlite3.Connection, lapor: Laporan, entri: list[tuple[Any, ...]]) -> None:
    """``pengaturan_riwayat`` (its chain already walked): every entry one the program could have
    written: a known key, a value its command accepts, the old value it names equal to
    the one the ledger had in force then, every key seeded; the office hours it starts
    with equal to the ``jam_kerja`` table."""
    from keluhan import buku

    dibaca: list[Any] = []
    for u, kunci, nilai, lama, sejak, petugas, alasan, pada, _hs, _h in entri:
        try:
            e = buku.Entri(u, kunci, json.loads(nilai), None if lama is None else json.loads(lama), sejak, petugas,
                           alasan, pada)
        except (ValueError, TypeError):
            lapor.tambah(f"Pengaturan_riwayat #{u} ({kunci}): nilai atau berlaku_sejak tidak dapat dibaca.")
            continue
        try:
            sah = kunci in buku.JENIS and buku.normalkan(kunci, e.nilai) == e.nilai
        except GalatMasukan:
            sah = False
        if not sah:
            lapor.tambah(f"Pengaturan_riwayat #{u}: nilai {nilai} untuk '{kunci}' tidak akan diterima program.")
            continue
        if petugas is not None:
            sebelum = buku.Setelan(dibaca).entri_pada(kunci, sejak) if sejak else None
            if sebelum is None or sebelum.nilai != e.nilai_lama:
                lapor.tambah(f"Pengaturan_riwayat #{u} ({kunci}): nilai_lama {lama} bukan nilai yang berlaku "
                             f"pada {sejak} menurut entri sebelumnya.")
        dibaca.append(e)
    setelan = buku.Setelan(dibaca)
    for kunci in buku.JENIS:
        if setelan.entri_pada(kunci, None) is None:
            lapor.tambah(f"Pengaturan_riwayat: '{kunci}' tidak punya nilai awal (berlaku sejak awal).")
    jam = {buku.HARI[h]: f"{m}-{s_}" if m else "" for h, m, s_ in db.execute("SELECT hari, mulai, selesai FROM jam_kerja")}
    for hari, teks in jam.items():
        e = setelan.entri_pada(f"jam_kerja.{hari}", None)
        if e is not None and e.nilai != teks:
            lapor.tambah(f"Tabel jam_kerja ({hari}) tidak sama dengan nilai awal jam_kerja.{hari} di pengaturan_riwayat.")


def _petugas_buku(db: sqlite3.Connection, lapor: Laporan, entri: list[tuple[Any, ...]]) -> None:
    """``petugas_riwayat`` (its chain already walked): every entry one the program could
    have written after the entries before it: a known action, a clean name in one script,
    an NIP of digits, known roles, no NIP registered twice, no change to an unregistered
    one, ``aktif`` matching the action, a reason."""
    from keluhan import registri

    dibaca: list[Any] = []
    for u, aksi, nip, nama, jabatan, peran, tim, aktif, sejak, oleh, alasan, pada, _hs, _h in entri:
        try:
            e = registri.Petugas(int(u), str(aksi), str(nip), str(nama), str(jabatan), tuple(json.loads(peran)), tim,
                                 bool(aktif), sejak, oleh, str(alasan), str(pada))
            if sejak is not None:
                datetime.fromisoformat(sejak)
        except (ValueError, TypeError):
            lapor.tambah(f"Petugas_riwayat #{u}: peran atau berlaku_sejak tidak dapat dibaca.")
            continue
        masalah = registri.periksa_entri(registri.Register(dibaca), e)
        if masalah:
            lapor.tambah(f"Petugas_riwayat #{u} ({aksi}): {masalah}; entri ini tidak akan ditulis program.")
        dibaca.append(e)


# The replay of each ledger beside riwayat, by table (keluhan/rantai.py's BUKU).
_PUTAR: dict[str, Callable[[sqlite3.Connection, Laporan, list[tuple[Any, ...]]], None]] = {
    "kalender_riwayat": _kalender,
    "pengaturan_riwayat": _pengaturan,
    "petugas_riwayat": _petugas_buku,
}


# -- the replay -----------------------------------------------------------------------


def _ringkas(kolom: str, nilai: Any) -> str:
    if kolom in KOLOM_PRIBADI:
        return "(data pribadi)"
    teks = "kosong" if nilai is None else repr(nilai) if not isinstance(nilai, str) else f"'{nilai}'"
    return teks if len(teks) <= 42 else teks[:40] + "…'"


def _beda(kolom: tuple[str, ...], ada: dict[str, Any], seharusnya: dict[str, Any]) -> list[str]:
    return [
        f"{k} (tercatat {_ringkas(k, ada.get(k))}, menurut riwayat {_ringkas(k, seharusnya.get(k))})"
        for k in kolom if ada.get(k) != seharusnya.get(k)
    ]


_URAI = json.JSONDecoder().raw_decode  # json.loads' own decoder (no options), its text and where the value ends
_ISI_KELUHAN = itemgetter(*proyeksi.KOLOM_KELUHAN)
_ISI_TINDAKAN = itemgetter(*proyeksi.KOLOM_TINDAKAN)


def _sama_baris(isi: Callable[[dict[str, Any]], tuple[Any, ...]], seharusnya: dict[str, Any],
                ada: tuple[Any, ...]) -> bool:
    """Whether a stored row (a tuple in the columns' order) equals the replayed one at every
    column, as ``_beda`` compares them (``!=`` column by column): True only when it would
    find nothing. (A replayed row without one of the columns: False, ``_beda`` says.)"""
    try:
        return isi(seharusnya) == ada
    except KeyError:
        return False


def _waktu(teks: Any) -> datetime | None:
    try:
        t = datetime.fromisoformat(teks)
    except (TypeError, ValueError):
        return None
    return t if t.tzinfo is not None else None


def _putar_ulang(db: sqlite3.Connection, lapor: Laporan, kemajuan: Kemajuan | None) -> None:
    total = lapor.peristiwa
    sla = _Sla.buka(db, lapor)
    selesai = 0

    def maju(n: int) -> None:
        nonlocal selesai
        if kemajuan and (selesai + n) // _SETIAP != selesai // _SETIAP:
            kemajuan("putar", selesai + n, total)
        selesai += n

    pk = lapor.pekerja
    if pk is None:
        _putar_rentang(db, lapor, sla, (None, None), maju)
    else:
        for i, rentang in enumerate(pk.rentang):  # in range order: the findings' order is the serial one
            hasil = pk.tunggu(i, kemajuan, total)
            if hasil is None:  # the worker failed, or saw another snapshot: this range is replayed here
                _putar_rentang(db, lapor, sla, rentang, lambda n: pk.lokal(n, kemajuan, total))
                continue
            temuan, lebih, beda, galat, ragu = hasil
            lapor.ragu = lapor.ragu or ragu
            for t in temuan:
                lapor.tambah(t)
            lapor.lebih += lebih
            lapor.beda_keluhan |= beda
            lapor.dibagi += 1
            if galat is not None:  # SQLite stopped the worker: the replay stops there, as it would here
                raise sqlite3.DatabaseError(galat)
    lapor.tuntas = True
    if kemajuan:
        kemajuan("putar", total, total)
    dini = lapor.dini.pop("_ekor", None)
    if dini is None:
        _ekor(db, lapor, sla is not None)
    else:  # run beside the workers (``_dini``): told here, an SQLite error too, as it would have come here
        buf, galat = dini
        _sampaikan(lapor, buf)
        if galat is not None:
            raise sqlite3.DatabaseError(galat)
        lapor.keluhan, lapor.tindakan = buf.keluhan, buf.tindakan


def _ekor(db: sqlite3.Connection, lapor: Laporan, sla: bool) -> None:
    """The replay's last checks, after every complaint: complaints with no event, rows of
    working time that belong to no complaint's history (``sla``: when working time is
    checked at all), then the report's counts."""
    for kid, nomor in db.execute(
        "SELECT id, nomor FROM keluhan k WHERE NOT EXISTS (SELECT 1 FROM riwayat r WHERE r.keluhan_id = k.id)"
    ):
        lapor.tambah(f"Keluhan {nomor} (id {kid}) ada di tabel keluhan tanpa satu pun peristiwa di riwayat.")
    if sla:
        _yatim(db, lapor)
    lapor.keluhan = db.execute("SELECT COUNT(*) FROM keluhan").fetchone()[0]
    lapor.tindakan = db.execute("SELECT COUNT(*) FROM tindakan").fetchone()[0]


Rentang = tuple[Any, Any]  # keluhan_id from (inclusive) .. to (exclusive); None: open on that side


def _rentang_sql(kolom: str, rentang: Rentang) -> tuple[str, tuple[Any, ...]]:
    """`` WHERE`` of a range of keluhan_id over ``kolom``, and its parameters (SQLite's own
    comparison, the one its ORDER BY uses, so every value falls in exactly one range)."""
    dari, sampai = rentang
    syarat = [s for s, b in ((f"{kolom} >= ?", dari), (f"{kolom} < ?", sampai)) if b is not None]
    return (" WHERE " + " AND ".join(syarat) if syarat else ""), tuple(b for b in rentang if b is not None)


def _urut_sql(v: Any) -> tuple[int, Any]:
    """A value as SQLite orders it (NULL, numbers, text, blobs; text by its bytes, which is
    Python's order of code points), comparable across types."""
    if v is None:
        return (0, 0)
    if isinstance(v, (int, float)):
        return (1, v)
    if isinstance(v, str):
        return (2, v)
    return (3, bytes(v))


class _Gabung:
    """One table's rows in keluhan_id order (their first column), handed out complaint by
    complaint while the replay walks the events in the same order: one ordered read beside
    the events (a merge) instead of a look-up per complaint."""

    __slots__ = ("_baris", "_kini", "lewat")

    def __init__(self, db: sqlite3.Connection, sql: str, param: tuple[Any, ...]) -> None:
        self._baris = iter(db.execute(sql, param))
        self._kini: tuple[Any, ...] | None = next(self._baris, None)
        self.lewat = False  # a row passed over (no event of its keluhan_id), or left at the end (``sisa``)

    def sisa(self) -> bool:
        """Whether rows are left after the last complaint (they belong to no event either)."""
        return self._kini is not None

    def ambil(self, kid: Any) -> list[tuple[Any, ...]]:
        """The rows of complaint ``kid``, without their first column. Rows of ids before it
        are passed over: they belong to no event (each table's own check names them)."""
        hasil = []
        kini, baris = self._kini, self._baris
        teks = type(kid) is str
        while kini is not None:
            k0 = kini[0]
            if k0 == kid:
                hasil.append(kini[1:])
            elif (k0 > kid) if teks and type(k0) is str else (_urut_sql(k0) > _urut_sql(kid)):
                break  # (two texts: SQLite's order of them is Python's, code point by code point)
            else:
                self.lewat = True
            kini = next(baris, None)
        self._kini = kini
        return hasil


def _putar_rentang(db: sqlite3.Connection, lapor: Laporan, sla: _Sla | None, rentang: Rentang,
                   maju: Callable[[int], None]) -> None:
    """Replay every complaint whose events' keluhan_id lies in ``rentang``: its events in
    order, its keluhan and tindakan rows (and durasi_langkah and tenggat, ``_Sla``) read in
    the same order beside them. ``maju(n)``: n more events replayed."""
    def syarat(kolom: str) -> str:
        return _rentang_sql(kolom, rentang)[0]

    param = _rentang_sql("", rentang)[1]
    keluhan = _Gabung(db, f"SELECT id, {', '.join(proyeksi.KOLOM_KELUHAN)} FROM keluhan{syarat('id')} ORDER BY id", param)
    tindakan = _Gabung(db, f"SELECT keluhan_id, {', '.join(proyeksi.KOLOM_TINDAKAN)} FROM tindakan"
                           f"{syarat('keluhan_id')} ORDER BY keluhan_id, putaran", param)
    baris_sla = sla.gabung(syarat, param) if sla is not None else None
    # Every row of a foreign key shown to have its parent, by value, in these merges (``_kunci_asing``):
    # a complaint's events, tindakan, durasi_langkah and tenggat rows its keluhan row; the tindakan and
    # durasi_langkah rows an event of that complaint. Anything else leaves it to PRAGMA foreign_key_check.
    ragu = baris_sla is None
    i_urutan = _I_URUTAN_TINDAKAN
    for kid, kelompok in groupby(_peristiwa_efektif(db, syarat("keluhan_id"), param), key=itemgetter("keluhan_id")):
        peristiwa = list(kelompok)  # one complaint's events: tens, not millions
        baris = keluhan.ambil(kid)
        tindakan_ada = tindakan.ambil(kid)
        k = _satu_keluhan(db, lapor, kid, peristiwa, baris[0] if baris else None, tindakan_ada)
        durasi: list[tuple[Any, ...]] = []
        if sla is not None and baris_sla is not None:
            durasi, tenggat = (g.ambil(kid) for g in baris_sla)  # taken even when not compared: the merge moves on
            if k is not None:
                sla.keluhan(kid, peristiwa, k, durasi, tenggat[0] if tenggat else None)
        if not ragu:
            if not baris:
                ragu = True
            elif tindakan_ada or durasi:
                urutan = {p["urutan"] for p in peristiwa}
                ragu = (any(b[i_urutan] not in urutan for b in tindakan_ada)
                        or any(b[0] not in urutan for b in durasi))
        maju(len(peristiwa))
    for g in (tindakan, *(baris_sla or ())):
        ragu = ragu or g.lewat or g.sisa()
    lapor.ragu = lapor.ragu or ragu


# -- the replay over worker processes --------------------------------------------------

_AMBANG_PEKERJA = 60_000  # events from which splitting the replay pays for starting the workers
_PEKERJA_MAKS = 4


def _jumlah_pekerja(db: sqlite3.Connection, diminta: int | None) -> int:
    """How many worker processes replay: as asked, else ``KELUHAN_PERIKSA_PEKERJA``, else one
    per core (at most ``_PEKERJA_MAKS``; none on one core or below ``_AMBANG_PEKERJA`` events)."""
    import os

    if diminta is None:
        teks = os.environ.get("KELUHAN_PERIKSA_PEKERJA", "").strip()
        if teks.isdigit():
            diminta = int(teks)
    if diminta is not None:
        return max(0, diminta)
    try:
        inti = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover (not Linux)
        inti = os.cpu_count() or 1
    if inti < 2 or db.execute("SELECT COALESCE(MAX(urutan), 0) FROM riwayat").fetchone()[0] < _AMBANG_PEKERJA:
        return 0
    return min(inti, _PEKERJA_MAKS)


def _penanda(db: sqlite3.Connection) -> tuple[Any, ...]:
    """What one snapshot of the archive shows of every write: the schema's version and the
    tip of every hash chain (each write of the program appends to one)."""
    from keluhan import rantai

    return (db.execute("PRAGMA schema_version").fetchone()[0], *(rantai.ujung(db, r) for r in rantai.SEMUA))


class _Pekerja:
    """The replay split over worker processes by ranges of keluhan_id (complaints replay
    independently), started before the other passes so that it runs beside them.

    Each worker (``_pekerja_utama``) opens the archive read-only in a read transaction of
    its own and replays only when that snapshot shows what the main one shows
    (``_penanda``: no write committed in between); otherwise, or when a worker fails, the
    main process replays that range itself. Findings come back in range order, each
    worker's first ``BATAS_TEMUAN`` and the count of the rest: the report is the serial
    one, word for word. A worker holds one complaint at a time, as the serial replay does."""

    def __init__(self, rentang: list[Rentang], proses: list[Any]) -> None:
        import threading

        self.rentang, self.proses = rentang, proses
        self.maju = [0] * len(proses)  # events each worker has replayed so far
        self.hasil: list[Any] = [None] * len(proses)
        self._lokal = 0  # events of ranges replayed here instead
        self._dilapor = -1
        self._pembaca = [threading.Thread(target=self._baca, args=(i,), daemon=True) for i in range(len(proses))]
        for t in self._pembaca:
            t.start()

    @classmethod
    def mulai(cls, db: sqlite3.Connection, n: int) -> _Pekerja | None:
        """Start ``n`` workers on ``db``'s file (None: none asked, no file, or not startable)."""
        import pickle
        import subprocess
        import sys
        from pathlib import Path

        if n < 1 or not sys.executable:
            return None
        try:
            berkas = next((r[2] for r in db.execute("PRAGMA database_list") if r[1] == "main"), "")
            if not berkas:
                return None  # an in-memory archive: no other process can read it
            penanda = _penanda(db)  # (the first read: the snapshot every worker must share)
            jumlah = db.execute("SELECT COUNT(*) FROM keluhan").fetchone()[0]
            batas = [db.execute("SELECT id FROM keluhan ORDER BY id LIMIT 1 OFFSET ?", (jumlah * i // n,)).fetchone()
                     for i in range(1, n)]
        except sqlite3.DatabaseError:
            return None  # (the passes name what is wrong)
        titik = sorted({b[0] for b in batas if b is not None}, key=_urut_sql)  # (one worker: the whole replay)
        rentang = list(zip([None, *titik], [*titik, None]))
        akar = str(Path(__file__).resolve().parent.parent)
        import os

        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [akar, os.environ.get("PYTHONPATH")])))
        proses = []
        try:
            for r in rentang:
                p = subprocess.Popen(
                    [sys.executable, "-c", "from keluhan.periksa import _pekerja_utama; _pekerja_utama()"],
                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
                proses.append(p)
                assert p.stdin is not None
                p.stdin.write(pickle.dumps({"berkas": berkas, "rentang": r, "penanda": penanda, "setiap": _SETIAP}))
                p.stdin.close()
        except OSError:
            for p in proses:
                p.kill()
                p.wait()
            return None
        return cls(rentang, proses)

    def _baca(self, i: int) -> None:
        import pickle

        keluaran = self.proses[i].stdout
        try:
            for baris in keluaran:
                if baris.startswith(b"m "):
                    self.maju[i] = int(baris[2:])
                elif baris.startswith(b"h "):
                    self.hasil[i] = pickle.loads(bytes.fromhex(baris[2:].strip().decode()))
        except (OSError, ValueError, pickle.UnpicklingError, EOFError):
            self.hasil[i] = None

    def selesai(self) -> int:
        """Events replayed so far, by the workers and here."""
        return sum(self.maju) + self._lokal

    def lokal(self, n: int, kemajuan: Kemajuan | None, total: int) -> None:
        """``n`` more events replayed here (a range no worker did)."""
        self._lokal += n
        if kemajuan and self._lokal % _SETIAP < n:
            self.kemajuan(kemajuan, total)

    def kemajuan(self, kemajuan: Kemajuan, total: int) -> None:
        n = self.selesai()
        if n > self._dilapor and n < total:  # (never back: a range replayed again here counts once)
            self._dilapor = n
            kemajuan("putar", n, total)

    def tunggu(self, i: int, kemajuan: Kemajuan | None, total: int) -> Any:
        """Worker ``i``'s result once it has ended ((findings, more, differing rows, SQLite
        error or None)), or None when it gave none; the progress reported meanwhile."""
        while self._pembaca[i].is_alive():
            self._pembaca[i].join(0.2)
            if kemajuan:
                self.kemajuan(kemajuan, total)
        self.proses[i].wait()
        hasil = self.hasil[i]
        if hasil is None:
            self._lokal -= self.maju[i]  # replayed again here: counted once
        return hasil

    def hentikan(self) -> None:
        """End every worker still running (an interrupted check leaves none behind)."""
        for p in self.proses:
            if p.poll() is None:
                p.kill()
            p.wait()
            if p.stdout is not None:
                p.stdout.close()


class _Sisi:
    """``PRAGMA integrity_check`` in a process of its own (``_pekerja_utama``'s task
    ``integritas``), started with the replay's workers, so that SQLite's own check (a tenth
    of the CPU) runs beside the main process's passes instead of in them. As a worker, it
    answers only from a snapshot that shows what the main one shows (``_penanda``), else
    nothing, and the main process runs the check itself (``_integritas_sisi``)."""

    def __init__(self, proses: Any) -> None:
        self.proses = proses

    @classmethod
    def mulai(cls, db: sqlite3.Connection) -> _Sisi | None:
        import os
        import pickle
        import subprocess
        import sys
        from pathlib import Path

        try:
            berkas = next((r[2] for r in db.execute("PRAGMA database_list") if r[1] == "main"), "")
            penanda = _penanda(db) if berkas else None
        except sqlite3.DatabaseError:
            return None
        if not berkas or not sys.executable:
            return None
        akar = str(Path(__file__).resolve().parent.parent)
        env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [akar, os.environ.get("PYTHONPATH")])))
        try:
            p = subprocess.Popen(
                [sys.executable, "-c", "from keluhan.periksa import _pekerja_utama; _pekerja_utama()"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
        except OSError:
            return None
        try:
            assert p.stdin is not None
            p.stdin.write(pickle.dumps({"jenis": "integritas", "berkas": berkas, "penanda": penanda}))
            p.stdin.close()
        except OSError:
            p.kill()
            p.wait()
            return None
        return cls(p)

    def hasil(self) -> tuple[str, Any] | None:
        """("ok", the pragma's rows) or ("galat", SQLite's message), once the process has ended;
        None when it gave nothing."""
        import pickle

        try:
            assert self.proses.stdout is not None
            with self.proses.stdout:
                keluaran = self.proses.stdout.read()  # (its stdin is closed already: no communicate)
            self.proses.wait()
            for baris in keluaran.splitlines():
                if baris.startswith(b"h "):
                    jawab = pickle.loads(bytes.fromhex(baris[2:].strip().decode()))
                    if isinstance(jawab, tuple) and len(jawab) == 2 and jawab[0] in ("ok", "galat"):
                        return jawab
        except (OSError, ValueError, pickle.UnpicklingError, EOFError):
            pass
        return None

    def hentikan(self) -> None:
        """End the process if it still runs (an interrupted check leaves none behind)."""
        p = self.proses
        if p.poll() is None:
            p.kill()
        p.wait()
        if p.stdout is not None:
            p.stdout.close()


def _buka_baca(berkas: Any) -> sqlite3.Connection:
    """A worker's read-only connection, made as ``Arsip`` makes a reader's (``_buka_baca``):
    with no -wal beside the file, ``immutable`` (nothing is created beside it: a reader may
    not be able to, and must not); with one, ``mode=ro`` through its writer's -shm. (While
    the main process holds its read transaction, no checkpoint rewrites the file under it.)"""
    wal = berkas.with_name(berkas.name + "-wal")
    ditulis = wal.exists() and wal.stat().st_size > 0
    return sqlite3.connect(berkas.resolve().as_uri() + ("?mode=ro" if ditulis else "?mode=ro&immutable=1"),
                           uri=True, isolation_level=None)


def _pekerja_utama() -> None:
    """A worker process of ``_Pekerja``: its task (pickled) on stdin; on stdout ``m N`` (N
    events replayed so far) now and then, then ``h`` and its result, pickled, in hex (or
    nothing when its snapshot is not the main process's)."""
    import pickle
    import signal
    import sys
    from pathlib import Path

    signal.signal(signal.SIGINT, signal.SIG_DFL)  # the main process says 'Dibatalkan'; a worker just ends
    tugas = pickle.loads(sys.stdin.buffer.read())
    keluar = sys.stdout.buffer
    db = _buka_baca(Path(tugas["berkas"]))
    db.execute("BEGIN")
    if _penanda(db) != tugas["penanda"]:
        return  # a write came in between: the main process replays this range in its own snapshot
    if tugas.get("jenis") == "integritas":  # (_Sisi)
        try:
            jawab: tuple[str, Any] = ("ok", [r[0] for r in db.execute("PRAGMA integrity_check")])
        except sqlite3.DatabaseError as e:
            jawab = ("galat", str(e))
        keluar.write(b"h %s\n" % pickle.dumps(jawab).hex().encode())
        keluar.flush()
        return
    lapor = Laporan()
    sla = _Sla.buka(db, Laporan())  # (a calendar that cannot be loaded is the main process's finding, once)
    if sla is not None:
        sla.lapor = lapor  # its findings are this range's
    setiap, n, dilapor = tugas["setiap"], 0, 0

    def maju(k: int) -> None:
        nonlocal n, dilapor
        n += k
        if n - dilapor >= setiap:
            keluar.write(b"m %d\n" % n)
            keluar.flush()
            dilapor = n

    galat = None
    try:
        _putar_rentang(db, lapor, sla, tugas["rentang"], maju)
    except sqlite3.DatabaseError as e:
        galat = str(e)
    hasil = (lapor.temuan, lapor.lebih, lapor.beda_keluhan, galat, lapor.ragu)  # (tambah keeps the first BATAS_TEMUAN)
    keluar.write(b"m %d\nh %s\n" % (n, pickle.dumps(hasil).hex().encode()))
    keluar.flush()


def _tetap(db: sqlite3.Connection, lapor: Laporan, kemajuan: Kemajuan | None) -> None:
    """The figures kept for the recap (m021_rekap_tetap) equal what they are kept from: per hour, the
    CAPA rounds whose effectiveness review was pending and started counting in it."""
    from datetime import timezone

    if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'tindakan_tertunda_jam'").fetchone():
        return  # an archive before m021_rekap_tetap: the schema check says what is missing
    tersimpan = dict(db.execute("SELECT jam, jumlah FROM tindakan_tertunda_jam WHERE jumlah != 0"))
    seharusnya = dict(db.execute(migrasi.TERTUNDA_JAM))
    for jam in sorted(tersimpan.keys() | seharusnya.keys()):
        ada, benar = tersimpan.get(jam, 0), seharusnya.get(jam, 0)
        if ada != benar:
            pukul = datetime.fromtimestamp(jam * 3600, timezone.utc)
            lapor.tambah(f"Angka tersimpan rekap (tindakan_tertunda_jam) untuk jam {pukul:%Y-%m-%d %H.00} UTC: "
                         f"{ada} tinjauan efektivitas tertunda, seharusnya {benar} (dihitung ulang dari tindakan).")


def _register(db: sqlite3.Connection, lapor: Laporan) -> Any:
    from keluhan import registri

    if lapor.register is None:
        lapor.register = registri.muat(db)
    return lapor.register


def _tanpa_status(lapor: Laporan, u: int, nama: str, aksi: Aksi, p: dict[str, Any], k: dict[str, Any] | None,
                  t: list[dict[str, Any]], informasi: tuple[int, int | None, str] | None, reg: Any) -> None:
    """The table's guards of a review or a satisfaction answer, replayed (keluhan/penjaga.py):
    a review of a round accepted and still owing one, by someone not involved in it; one
    answer per informasikan, naming the one it answers."""
    from keluhan import efektivitas

    r = p["rincian"]
    if aksi is Aksi.EFEKTIVITAS:
        ronde = next((x for x in t if x["putaran"] == r.get("putaran")), None)
        if ronde is None or efektivitas.dasar(ronde) is None or r.get("hasil") not in efektivitas.HASIL:
            lapor.tambah(f"Peristiwa #{u} ({nama}): tinjauan efektivitas putaran {r.get('putaran')} yang tidak "
                         "menunggu tinjauan (belum diverifikasi diterima, atau sudah efektif).")
        elif any(reg.sama(ronde.get(kolom), ronde.get("waktu"), p["petugas"], p["waktu"])
                 for kolom in ("petugas", "penanggung_jawab")):
            lapor.tambah(f"Peristiwa #{u} ({nama}): tinjauan efektivitas oleh pencatat atau penanggung jawab "
                         "tindakannya (ISO/IEC 17025 8.7 meminta petugas lain).")
        elif r.get("hasil") == "tidak_efektif" and not r.get("tindak_lanjut"):
            lapor.tambah(f"Peristiwa #{u} ({nama}): tinjauan tidak efektif tanpa tindak lanjut.")
        return
    if informasi is None or r.get("diinformasikan") != informasi[2]:
        lapor.tambah(f"Peristiwa #{u} ({nama}): kepuasan yang tidak menjawab informasikan terakhir "
                     f"(#{informasi[0] if informasi else '-'}).")
    elif informasi[1] is not None:
        lapor.tambah(f"Peristiwa #{u} ({nama}): kepuasan kedua untuk informasikan #{informasi[0]} "
                     f"(yang pertama #{informasi[1]}); perbaikan dicatat dengan koreksi.")
    if r.get("nilai") not in (1, 2, 3, 4):
        lapor.tambah(f"Peristiwa #{u} ({nama}): nilai kepuasan {r.get('nilai')!r} di luar skala 1-4.")


def _aturan_tunda(lapor: Laporan, u: int, nama: str, aksi: Aksi, k: dict[str, Any], t: list[dict[str, Any]]) -> None:
    """The table's guards of a pause, replayed on the row the history has made so far
    (keluhan/penjaga.py): ``tunda`` needs a running clock (jam_berjalan: a step awaited, or
    a CAPA review still due) and no running pause (tidak_ditunda); ``lanjutkan`` a running
    pause (ditunda)."""
    from keluhan import efektivitas
    from keluhan.workflow import langkah_berikutnya

    if aksi is Aksi.TUNDA:
        if k.get("ditunda"):
            lapor.tambah(f"Peristiwa #{u} ({nama}): tunda padahal jam sudah ditunda sejak {k['ditunda']} "
                         "(aturan tidak_ditunda: satu penundaan dalam satu waktu).")
        elif boleh(Status(k["status"]), aksi) is not None and langkah_berikutnya(Status(k["status"])) is None and not any(efektivitas.dasar(x) is not None for x in t):
            lapor.tambah(f"Peristiwa #{u} ({nama}): tunda pada status '{k['status']}' yang tidak menunggu langkah "
                         "atau tinjauan efektivitas (aturan jam_berjalan: tidak ada jam yang dapat ditunda).")
    elif not k.get("ditunda"):
        lapor.tambah(f"Peristiwa #{u} ({nama}): lanjutkan padahal jam tidak sedang ditunda (aturan ditunda).")


def _satu_keluhan(
    db: sqlite3.Connection, lapor: Laporan, kid: str, peristiwa: list[dict[str, Any]],
    baris: tuple[Any, ...] | None, tindakan_ada: list[tuple[Any, ...]],
) -> dict[str, Any] | None:
    """Replay one complaint's events and compare with its rows (``baris``: its keluhan row,
    None when there is none; ``tindakan_ada``: its tindakan rows by putaran, both in
    proyeksi's column order); the replayed row, or None when the history could not be
    replayed to its end."""
    k: dict[str, Any] | None = None
    t: list[dict[str, Any]] = []
    nomor = None if baris is None else str(baris[_I_NOMOR])
    nama = f"keluhan {nomor}" if nomor else f"keluhan id {kid}"
    waktu_langkah: datetime | None = None
    informasi: tuple[int, int | None, str] | None = None  # the last informasikan, the answer given to it, its time
    waktu_kini: dict[int, Any] = {}  # each step event's time as the history so far makes it
    for p in peristiwa:
        u = p["urutan"]
        try:
            aksi = _AKSI.get(p["aksi"])
            if aksi is None:
                raise ValueError(p["aksi"])
            teks = p["rincian"]
            try:  # (json.loads without its checks of the argument's type and the text's ends: any doubt, it decides)
                rincian, akhir = _URAI(teks)
                if akhir != len(teks):
                    raise ValueError
            except Exception:
                rincian = json.loads(teks)
            if not isinstance(rincian, dict):
                raise ValueError
            p["rincian"] = rincian  # (in place: the working-time pass reads no rincian)
        except (ValueError, TypeError):
            lapor.tambah(f"Peristiwa #{u} ({nama}): aksi atau rinciannya tidak dapat dibaca; pemutaran ulang keluhan ini berhenti.")
            return None
        if p["langkah"] != LANGKAH_AKSI[aksi]:
            lapor.tambah(f"Peristiwa #{u} ({nama}): langkah {p['langkah']} tidak sesuai dengan aksi '{aksi}'.")
        status = _STATUS[k["status"]] if k else None  # a status the replay itself set (transisi)
        berstatus = ENTRI[aksi].ke is not None
        if not berstatus:  # a status-less event (the table's entries with no target)
            if k is None:
                lapor.tambah(f"Peristiwa #{u} ({nama}): {aksi} sebelum keluhan dicatat.")
                return None
            if p["status_dari"] is not None or p["status_ke"] is not None:
                lapor.tambah(f"Peristiwa #{u} ({nama}): {aksi} tidak boleh mengubah status.")
            if boleh(status, aksi) is None:
                lapor.tambah(f"Peristiwa #{u} ({nama}): '{aksi}' pada status '{status}' tidak diizinkan tabel transisi SOP.")
            if aksi is Aksi.KAITKAN and not (isinstance(p["rincian"].get("terkait"), str)
                                             and str(p["rincian"].get("alasan") or "").strip()):
                lapor.tambah(f"Peristiwa #{u} ({nama}): kaitan tanpa nomor keluhan terkait atau tanpa alasan.")
        if aksi is Aksi.KOREKSI:
            r = p["rincian"]
            if r.get("kolom") not in proyeksi.SEMUA_KOLOM_KOREKSI:
                lapor.tambah(f"Peristiwa #{u} ({nama}): koreksi kolom '{r.get('kolom')}' yang tidak boleh dikoreksi.")
                return None
            if r["kolom"] == proyeksi.KOLOM_WAKTU:
                # The time it moved: an earlier step of this complaint, its time then as the old value.
                sasaran = r.get("peristiwa")
                if sasaran not in waktu_kini:
                    lapor.tambah(f"Peristiwa #{u} ({nama}): koreksi waktu peristiwa #{sasaran}, yang bukan langkah "
                                 "sebelumnya dari keluhan ini.")
                    return None
                if r.get("lama") != waktu_kini[sasaran]:
                    lapor.tambah(f"Peristiwa #{u} ({nama}): koreksi waktu peristiwa #{sasaran} mencatat nilai lama "
                                 "yang bukan waktunya menurut riwayat sebelumnya.")
                waktu_kini[sasaran] = r.get("baru")
            elif "putaran" in r:
                n = r["putaran"]
                if not isinstance(n, int) or not 1 <= n <= len(t) or r["kolom"] not in proyeksi.KOLOM_KOREKSI_TINDAKAN:
                    lapor.tambah(f"Peristiwa #{u} ({nama}): koreksi tindakan putaran {n} yang tidak ada.")
                    return None
                if r.get("lama") != t[n - 1].get(r["kolom"]):
                    lapor.tambah(f"Peristiwa #{u} ({nama}): koreksi kolom {r['kolom']} putaran {n} mencatat nilai lama "
                                 "yang bukan nilai menurut riwayat sebelumnya.")
            elif r["kolom"] in proyeksi.KOLOM_KOREKSI_TINDAKAN:
                lapor.tambah(f"Peristiwa #{u} ({nama}): koreksi kolom tindakan {r['kolom']} tanpa putaran.")
                return None
            elif r.get("lama") != k.get(r["kolom"]):
                lapor.tambah(
                    f"Peristiwa #{u} ({nama}): koreksi kolom {r['kolom']} mencatat nilai lama yang bukan "
                    "nilai menurut riwayat sebelumnya."
                )
        elif berstatus:
            if p["status_dari"] != (_NILAI[status] if status else None):
                lapor.tambah(
                    f"Peristiwa #{u} ({nama}): '{aksi}' tercatat dari status '{p['status_dari']}', padahal "
                    f"menurut riwayat statusnya '{status}'."
                )
            ke = transisi(status, aksi)
            if ke is None or p["status_ke"] != _NILAI[ke]:
                lapor.tambah(
                    f"Peristiwa #{u} ({nama}): '{aksi}' dari status '{status}' ke '{p['status_ke']}' "
                    "tidak diizinkan tabel transisi SOP."
                )
                return None  # the rest of this complaint's history cannot be judged
        waktu, dicatat = _waktu(p["waktu"]), _waktu(p["dicatat_pada"])
        if waktu is None or dicatat is None:
            lapor.tambah(f"Peristiwa #{u} ({nama}): waktu tidak berformat ISO 8601 dengan zona.")
        else:
            if waktu > dicatat:
                lapor.tambah(f"Peristiwa #{u} ({nama}): waktu {p['waktu']} sesudah saat dicatat {p['dicatat_pada']}.")
            if berstatus or aksi in (Aksi.TUNDA, Aksi.LANJUTKAN):  # times koreksi may move
                waktu_kini[u] = p.get("waktu_asli", p["waktu"])
            if berstatus:
                if waktu_langkah and waktu < waktu_langkah:
                    lapor.tambah(f"Peristiwa #{u} ({nama}): waktu {p['waktu']} lebih awal dari langkah sebelumnya.")
                waktu_langkah = waktu
        if aksi in (Aksi.VERIFIKASI_TERIMA, Aksi.VERIFIKASI_KEMBALIKAN) and t and _register(db, lapor).sama(
                t[-1]["petugas"], t[-1]["waktu"], p["petugas"], p["waktu"]):
            lapor.tambah(
                f"Peristiwa #{u} ({nama}): diverifikasi oleh petugas yang mencatat tindakannya "
                "(ISO/IEC 17025 7.9.6 meminta petugas lain)."
            )
        if aksi in (Aksi.PUTUSAN_DITERIMA, Aksi.PUTUSAN_DITOLAK) and k is not None:
            from keluhan.penjaga import peran_terlibat

            peran = peran_terlibat(_register(db, lapor), k, t, p["petugas"], p["waktu"])
            if peran:
                lapor.tambah(
                    f"Peristiwa #{u} ({nama}): putusan banding oleh petugas yang {', '.join(peran)} "
                    "(aturan tidak_memihak, ISO/IEC 17065 7.13, ISO/IEC 17025 7.9.6: pemutus tidak terlibat)."
                )
        if aksi is Aksi.EFEKTIVITAS or aksi is Aksi.KEPUASAN:
            _tanpa_status(lapor, u, nama, aksi, p, k, t, informasi, _register(db, lapor))
        if aksi in (Aksi.TUNDA, Aksi.LANJUTKAN) and k is not None:
            _aturan_tunda(lapor, u, nama, aksi, k, t)
        if aksi is Aksi.INFORMASIKAN:
            informasi = (u, None, p["waktu"])
        elif aksi is Aksi.KEPUASAN and informasi:
            informasi = (informasi[0], u, informasi[2])
        if aksi is Aksi.BATAL and t:
            lapor.tambah(
                f"Peristiwa #{u} ({nama}): dibatalkan padahal tindakan koreksi dan pencegahan sudah dicatat "
                "(penjaga belum_ada_capa: sesudah FTKP, SOP berjalan sampai selesai)."
            )
        try:  # the replay's own rows, changed in place (nothing here keeps an earlier state)
            if k is None:
                k = {}
            proyeksi.terapkan_sini(k, t, p)
        except (KeyError, ValueError, TypeError, IndexError, AttributeError):
            lapor.tambah(f"Peristiwa #{u} ({nama}): rinciannya tidak lengkap; pemutaran ulang keluhan ini berhenti.")
            return None
    if k is None:
        return None
    nama = f"keluhan {k.get('nomor')}"
    if baris is None:
        lapor.tambah(f"Riwayat {nama} (id {kid}) ada, tetapi barisnya di tabel keluhan tidak ada (dihapus).")
        return k
    # The whole row first (one tuple comparison); column by column only when it differs.
    beda = [] if _sama_baris(_ISI_KELUHAN, k, baris) else _beda(
        proyeksi.KOLOM_KELUHAN, dict(zip(proyeksi.KOLOM_KELUHAN, baris)), k)
    if beda:
        lapor.tambah(f"Tabel keluhan, {nama}: tidak sama dengan pemutaran ulang riwayat pada kolom {'; '.join(beda)}.")
        lapor.beda_keluhan.add(kid)
    if len(tindakan_ada) != len(t):
        lapor.tambah(f"Tabel tindakan, {nama}: {len(tindakan_ada)} baris, menurut riwayat {len(t)}.")
    for ada, seharusnya in zip(tindakan_ada, t):
        if _sama_baris(_ISI_TINDAKAN, seharusnya, ada):
            continue
        beda = _beda(proyeksi.KOLOM_TINDAKAN, dict(zip(proyeksi.KOLOM_TINDAKAN, ada)), seharusnya)
        if beda:
            lapor.tambah(
                f"Tabel tindakan, {nama} putaran {seharusnya['putaran']}: tidak sama dengan riwayat pada kolom {'; '.join(beda)}."
            )
    return k


# -- working time: durasi_langkah and tenggat recomputed ---------------------------------


_BELUM = object()


def _mutu_tetap(setelan: Any, langkah: int) -> Any:
    """A step's mutu baku when the settings ledger holds a single value for it, in force
    since the start (then every clock gets it, whenever it started): an object whose
    ``mutu`` is that MutuBaku, or None (not valid: the look-up by time says so). None when
    the value changed over time."""
    from types import SimpleNamespace

    from keluhan.workflow import kunci_mutu

    if not setelan.tetap(kunci_mutu(langkah)):
        return None
    try:
        return SimpleNamespace(mutu=setelan.mutu(langkah, None))
    except (GalatMasukan, ValueError, TypeError):
        return SimpleNamespace(mutu=None)


# A step's action (it moves the status) -> whether it ends a measured step; status-less ones absent.
_LANGKAH_DIUKUR: dict[Any, bool] = {a.value: diukur(a) for a, e in ENTRI.items() if e.ke is not None}


@lru_cache(maxsize=64)
def _berikut(status: Any) -> int | None:
    """``langkah_berikutnya`` of a stored status (ValueError: not one), once per status."""
    return langkah_berikutnya(Status(status))


def _instan(kal: Any, teks: str) -> tuple[datetime | None, int]:
    """An ISO time as ``Kalender.ukur_us`` reads it: (None, its µs since the epoch) for a time
    as the program writes it (``Kalender.us_teks``), else (the datetime, its µs)."""
    u = kal.us_teks(teks)
    if u is not None:
        return None, u
    t = datetime.fromisoformat(teks)
    return t, kal._us_dari(t)


class _Sla:
    """Recomputes each complaint's step durations, mutu baku, compliance and current
    deadline from its events, the archive's calendar and the settings ledger (the mutu
    baku in force when each clock started; ``tenggat``'s row builders, as the write path
    uses them) and compares with the stored rows, column by column."""

    def __init__(self, db: sqlite3.Connection, lapor: Laporan, kal: Any) -> None:
        from keluhan import tenggat, tunda

        self.db, self.lapor, self.kal = db, lapor, kal
        self.tenggat, self.tunda = tenggat, tunda
        self._mutu: dict[str, Any] = {}
        # langkah -> its mutu baku when the ledger holds one value for it since the start (the
        # usual case: no look-up per step); None: it changed over time (looked up by time).
        self._tetap: dict[int, Any] = {}
        self._cepat: dict[Any, tuple[Any, str] | None] = {}  # langkah -> (mutu baku, its text) fixed since the start

    @classmethod
    def buka(cls, db: sqlite3.Connection, lapor: Laporan) -> _Sla | None:
        from keluhan import tenggat
        from keluhan.galat import GalatKeluhan

        zona = tenggat.zona_arsip(db)
        if zona is None:
            lapor.tambah("Zona waktu arsip tidak tercatat di pengaturan_arsip; durasi dan tenggat tidak dapat diperiksa.")
            return None
        try:
            return cls(db, lapor, tenggat.muat_kalender(db, zona))
        except (GalatKeluhan, KeyError, ValueError) as e:
            lapor.tambah(f"Kalender kerja arsip tidak dapat dimuat ({e}); durasi dan tenggat tidak dapat diperiksa.")
            return None

    def mutu_berlaku(self, langkah: int, mulai: str, tersimpan: str) -> Any:
        """The mutu baku the settings ledger gives step ``langkah`` for a clock started at
        ``mulai`` (the stored text only where the archive has no ledger to say it)."""
        setelan = getattr(self.kal, "setelan", None)
        if setelan is not None:
            tetap = self._tetap.get(langkah, _BELUM)
            if tetap is _BELUM:
                tetap = self._tetap[langkah] = _mutu_tetap(setelan, langkah)
            if tetap is not None:
                return tetap.mutu
            try:
                return setelan.mutu(langkah, mulai)
            except (GalatMasukan, ValueError, TypeError):
                return None
        return self.mutu(tersimpan)

    def mutu(self, teks: str) -> Any:
        if teks not in self._mutu:
            from keluhan.kalender import MutuBaku

            try:
                self._mutu[teks] = MutuBaku.parse(teks)
            except (ValueError, KeyError, TypeError, GalatMasukan):
                self._mutu[teks] = None
        return self._mutu[teks]

    def gabung(self, syarat: Callable[[str], str], param: tuple[Any, ...]) -> tuple[_Gabung, _Gabung]:
        """The durasi_langkah and tenggat rows of a range of keluhan_id, in its order (``_putar_rentang``).
        A complaint's durasi_langkah rows are not sorted by riwayat_urutan: the view (m032_durasi)
        reads them through riwayat_keluhan, in that order already, and SQLite would sort each
        complaint's rows again in a temporary B-tree (+70 % of the read, ~0.5 s per worker at 100k);
        ``_Sla._semua_sama`` takes them in event order only when they come so (else the walk by event)."""
        return (
            _Gabung(self.db, "SELECT keluhan_id, riwayat_urutan, langkah, mulai, akhir, menit_kerja, mutu_baku, batas,"
                             f" patuh, menit_tunda, patuh_tanpa_tunda FROM durasi_langkah{syarat('keluhan_id')}"
                             " ORDER BY keluhan_id", param),
            _Gabung(self.db, "SELECT keluhan_id, langkah, mulai, mutu_baku, batas, batas_utc, lewat_setelah_utc,"
                             f" menit_tunda FROM tenggat{syarat('keluhan_id')} ORDER BY keluhan_id", param),
        )

    def keluhan(self, kid: str, peristiwa: list[dict[str, Any]], k: dict[str, Any],
                durasi: list[tuple[Any, ...]], tenggat_ada: tuple[Any, ...] | None) -> None:
        """One complaint's durasi_langkah rows (``durasi``) and tenggat row (None: none) against
        their recomputation from its events (``peristiwa``) and replayed row ``k``."""
        tenggat, tunda = self.tenggat, self.tunda
        nama = f"keluhan {k.get('nomor')}"
        # The pauses, from the events alone (keluhan/tunda.py); none without a tunda event.
        jeda = tunda.rentang(peristiwa) if any(p["aksi"] == "tunda" for p in peristiwa) else []
        harap: dict[int, tuple[Any, ...]] = {}
        mulai = w.mulai_langkah_2(k.get("diajukan"))  # step 2 runs from the submission (a date alone: not measured)
        for p in peristiwa:
            ukur = _LANGKAH_DIUKUR.get(p["aksi"])
            if ukur is None:  # a status-less event (or an unknown one): the clock goes on
                continue
            if ukur and mulai:
                harap[p["urutan"]] = (p["langkah"], mulai, p["waktu"])
            mulai = p["waktu"]
        if not jeda and self._semua_sama(harap, durasi):
            self._tenggat(kid, k, nama, jeda, tenggat_ada)
            return  # (the usual case: every row is the one recomputed; below, each row is judged and worded)
        ada = {r[0]: r[1:] for r in durasi}
        instan: dict[str, tuple[datetime | None, int]] = {}  # an event's time read once: one step's end, the next one's start
        for u in sorted(harap.keys() | ada.keys()):
            if u not in ada:
                self.lapor.tambah(f"Durasi langkah {harap[u][0]} ({nama}, peristiwa #{u}) tidak ada di durasi_langkah.")
                continue
            if u not in harap:
                self.lapor.tambah(f"Durasi_langkah memuat baris peristiwa #{u} ({nama}) yang menurut riwayat tidak diukur.")
                continue
            langkah, mulai_, akhir, menit, mutu_teks, batas, patuh, menit_tunda, patuh_tanpa = ada[u]
            if (langkah, mulai_, akhir) != harap[u]:
                self.lapor.tambah(
                    f"Durasi langkah ({nama}, peristiwa #{u}): langkah/mulai/akhir tercatat {langkah}/{mulai_}/{akhir}, "
                    f"menurut riwayat {'/'.join(map(str, harap[u]))}."
                )
                continue
            mutu = self.mutu_berlaku(langkah, mulai_, mutu_teks)
            if mutu is None:
                self.lapor.tambah(f"Durasi langkah {langkah} ({nama}, peristiwa #{u}): mutu baku '{mutu_teks}' tidak sah.")
                continue
            if not jeda and self._sama(mulai_, akhir, mutu, ada[u][3:], instan):
                continue  # (the usual case: the row is the one recomputed; only a difference is spelled out)
            b = tenggat.baris_durasi(self.kal, urutan=u, kid=kid, langkah=langkah, mulai=mulai_, akhir=akhir,
                                     mutu=mutu, sistem="", jeda=jeda)
            beda = [f"kolom {kolom} tercatat {x!r}, dihitung ulang {y!r}" for kolom, x, y in
                    (("menit_kerja", menit, b[5]), ("mutu_baku", mutu_teks, b[6]), ("batas", batas, b[7]),
                     ("patuh", patuh, b[8]), ("menit_tunda", menit_tunda, b[10]), ("patuh_tanpa_tunda", patuh_tanpa, b[11]))
                    if (abs(x - y) > 1e-6 if kolom in ("menit_kerja", "menit_tunda") and isinstance(x, (int, float))
                        else x != y)]
            if beda:
                self.lapor.tambah(
                    f"Durasi langkah {langkah} ({nama}, tabel durasi_langkah baris peristiwa #{u}) tidak sama dengan "
                    f"hitungan ulang dari riwayat, kalender arsip, dan buku pengaturan: {'; '.join(beda)}."
                )
        self._tenggat(kid, k, nama, jeda, tenggat_ada)

    def _mutu_cepat(self, langkah: Any) -> tuple[Any, str] | None:
        """A step's mutu baku and its text when the settings ledger holds one valid value for
        it since the start (``mutu_berlaku`` then gives it for any clock), else None."""
        m = self._cepat.get(langkah, _BELUM)
        if m is _BELUM:
            m, setelan = None, getattr(self.kal, "setelan", None)
            if setelan is not None:
                tetap = self._tetap.get(langkah, _BELUM)
                if tetap is _BELUM:
                    tetap = self._tetap[langkah] = _mutu_tetap(setelan, langkah)
                if tetap is not None and tetap.mutu is not None:
                    m = (tetap.mutu, str(tetap.mutu))
            self._cepat[langkah] = m
        return m  # type: ignore[no-any-return]

    def _semua_sama(self, harap: dict[int, tuple[Any, ...]], durasi: list[tuple[Any, ...]]) -> bool:
        """Whether a complaint in which no pause falls has exactly the durasi_langkah rows that
        ``keluhan``'s row-by-row walk would find equal (``harap``: the measured steps by
        event, in order; ``durasi``: its stored rows in riwayat_urutan order): the same
        steps, each on its mutu baku fixed since the start, recomputed as ``_sama`` does
        (``Kalender.ukur_us``, ``Kalender.iso_us``) in one loop. False when anything differs
        or is unusual (a value of another type, a mutu baku that changed over time): the walk
        then judges each row and words what differs. Half a million steps per 100k complaints."""
        if len(harap) != len(durasi):
            return False
        kal = self.kal
        ukur, iso, us_teks = kal.ukur_us, kal.iso_us, kal.us_teks
        mutu_cepat = self._mutu_cepat
        instan: dict[str, tuple[datetime | None, int]] = {}
        try:
            for (u, h), (u_x, langkah, mulai, akhir, menit_x, mutu_x, batas_x, patuh_x, tunda_x, tanpa_x) in zip(
                    harap.items(), durasi):
                if u != u_x or h != (langkah, mulai, akhir) or tanpa_x is not None:
                    return False
                m = mutu_cepat(langkah)
                if m is None or mutu_x != m[1] or type(menit_x) is not float or type(tunda_x) is not float:
                    return False
                ia = instan.get(mulai)
                if ia is None:
                    x = us_teks(mulai)
                    ia = instan[mulai] = (None, x) if x is not None else _instan(kal, mulai)
                ib = instan.get(akhir)
                if ib is None:
                    x = us_teks(akhir)
                    ib = instan[akhir] = (None, x) if x is not None else _instan(kal, akhir)
                a, b = ia[1], ib[1]
                kerja, batas, patuh = ukur(a, b, m[0], ia[0])
                if (abs(menit_x - (round(kerja / 60_000_000, 6) if b > a else 0.0)) > 1e-6 or patuh_x != int(patuh)
                        or abs(tunda_x) > 1e-6 or batas_x != iso(batas)):
                    return False
        except Exception:  # (whatever the row-by-row walk makes of it, it says)
            return False
        return True

    def _sama(self, mulai: str, akhir: str, mutu: Any, ada: tuple[Any, ...],
              instan: dict[str, tuple[datetime | None, int]]) -> bool:
        """Whether a step's stored row (``ada``: menit_kerja .. patuh_tanpa_tunda), in which no
        pause falls, is the one ``tenggat.baris_durasi`` recomputes: ``Kalender.ukur`` on
        instants (``ukur_us``, each time parsed once), its deadline's text from the day table
        (``Kalender.iso_us``), each column compared as the full comparison compares it. False
        also when unsure: the full recomputation then names what differs, if anything."""
        kal = self.kal
        try:
            ta, a = instan.get(mulai) or instan.setdefault(mulai, _instan(kal, mulai))
            b = (instan.get(akhir) or instan.setdefault(akhir, _instan(kal, akhir)))[1]
            menit_x, mutu_x, batas_x, patuh_x, tunda_x, tanpa_x = ada
            kerja, batas, patuh_ = kal.ukur_us(a, b, mutu, ta)
            menit = round(kerja / 60_000_000, 6) if b > a else 0.0
            patuh = int(patuh_)
            return not (
                (abs(menit_x - menit) > 1e-6 if isinstance(menit_x, (int, float)) else menit_x != menit)
                or mutu_x != str(mutu) or patuh_x != patuh or tanpa_x is not None
                or (abs(tunda_x) > 1e-6 if isinstance(tunda_x, (int, float)) else tunda_x != 0.0)
                or batas_x != kal.iso_us(batas)
            )
        except Exception:  # (whatever the full recomputation makes of it, it says)
            return False

    def _tenggat(self, kid: str, k: dict[str, Any], nama: str, jeda: list[tuple[str, str | None]],
                 r: tuple[Any, ...] | None) -> None:
        tenggat = self.tenggat

        try:
            berikut = _berikut(k["status"])
        except ValueError:
            return  # an unknown status is the replay's finding
        if berikut is None:
            if r is not None:
                self.lapor.tambah(f"Tabel tenggat memuat {nama}, padahal penanganannya sudah berakhir ({k['status']}).")
            return
        if r is None:
            self.lapor.tambah(f"Tenggat langkah {berikut} {nama} tidak ada di tabel tenggat.")
            return
        if (r[0], r[1]) != (berikut, k["waktu_status"]):
            self.lapor.tambah(
                f"Tenggat {nama}: tercatat langkah {r[0]} mulai {r[1]}, menurut riwayat langkah {berikut} "
                f"mulai {k['waktu_status']}."
            )
            return
        mutu = self.mutu_berlaku(berikut, r[1], r[2])
        if mutu is None:
            self.lapor.tambah(f"Tenggat {nama}: mutu baku '{r[2]}' tidak sah.")
            return
        b = tenggat.baris_tenggat(self.kal, kid=kid, langkah=berikut, mulai=r[1], mutu=mutu, sistem="", jeda=jeda)
        beda = [f"kolom {kolom} tercatat {x!r}, dihitung ulang {y!r}" for kolom, x, y in
                (("mutu_baku", r[2], b[3]), ("batas", r[3], b[4]), ("batas_utc", r[4], b[5]),
                 ("lewat_setelah_utc", r[5], b[6]), ("menit_tunda", r[6], b[8]))
                if (abs(x - y) > 1e-6 if kolom == "menit_tunda" and isinstance(x, (int, float)) else x != y)]
        if beda:
            self.lapor.tambah(f"Tenggat {nama} (tabel tenggat) tidak sama dengan hitungan ulang dari riwayat, kalender "
                              f"arsip, dan buku pengaturan: {'; '.join(beda)}.")



def _yatim(db: sqlite3.Connection, lapor: Laporan) -> None:
    """Working-time rows that belong to no complaint's history (their event gone). durasi_langkah's
    rows are stored in durasi_peristiwa (m032_durasi), keyed by the event; the view shows only
    those whose event exists, so the table is asked."""
    for (u,) in db.execute(
        "SELECT riwayat_urutan FROM durasi_peristiwa d WHERE NOT EXISTS"
        " (SELECT 1 FROM riwayat r WHERE r.urutan = d.riwayat_urutan)"
    ):
        lapor.ragu = True  # (a row not shown to have its parent: PRAGMA foreign_key_check names it too)
        lapor.tambah(f"Durasi_langkah memuat baris peristiwa #{u} (tabel durasi_peristiwa) yang tidak ada di riwayat.")
    for (kid,) in db.execute(
        "SELECT keluhan_id FROM tenggat t WHERE NOT EXISTS (SELECT 1 FROM riwayat r WHERE r.keluhan_id = t.keluhan_id)"
    ):
        lapor.tambah(f"Tabel tenggat memuat keluhan id {kid} yang tidak punya riwayat.")


# -- numbering ------------------------------------------------------------------------


def _penomoran(db: sqlite3.Connection, lapor: Laporan, kemajuan: Kemajuan | None) -> None:
    for tahun, jumlah, terkecil, terbesar, beda in db.execute(
        "SELECT tahun, COUNT(*), MIN(urut), MAX(urut), COUNT(DISTINCT urut) FROM keluhan GROUP BY tahun ORDER BY tahun"
    ):
        if terkecil == 1 and terbesar == jumlah == beda:
            continue
        # Only a broken year is walked, in order, one number at a time.
        hilang: list[int] = []
        ganda: list[int] = []
        harap = 1
        for urut, n in db.execute(
            "SELECT urut, COUNT(*) FROM keluhan WHERE tahun = ? GROUP BY urut ORDER BY urut", (tahun,)
        ):
            if n > 1:
                ganda.append(urut)
            if urut > harap:
                hilang.extend(range(harap, min(urut, harap + 20)))
            harap = max(harap, urut + 1)
        if hilang:
            lapor.tambah(
                f"Nomor keluhan tahun {tahun} tidak berurutan: urut {', '.join(map(str, hilang[:20]))} tidak ada "
                "(keluhan dihapus atau nomor dilompati)."
            )
        if ganda:
            lapor.tambah(f"Nomor keluhan tahun {tahun}: urut {', '.join(map(str, ganda[:20]))} dipakai lebih dari sekali.")
    for nomor, n in db.execute("SELECT nomor, COUNT(*) FROM keluhan GROUP BY nomor HAVING COUNT(*) > 1"):
        lapor.tambah(f"Nomor {nomor} dipakai oleh {n} keluhan.")


# Every pass, in the report's order.
_LANGKAH = (_integritas, _skema, _rantai, _buku, _putar_ulang, _tetap, _penomoran, _lampiran, _berulang)
# The passes after the replay that read nothing it finds: with worker processes they run beside
# them (``_dini``). ``_berulang`` leaves out the keys of a complaint whose row the replay finds
# edited: run beside them too, its findings are told only when the replay found no such row.
_LEPAS = (_tetap, _penomoran, _lampiran, _berulang)
