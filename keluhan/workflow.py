"""The whole SOP workflow lives in this file, as data.

SOP 5.1.11/BBSPJIKFK/2025 "Penanganan Keluhan Pelanggan" has six steps; the appeal
(banding) follows the sixth. ``TABEL`` is the only place that says what may happen to a
complaint: per event, the statuses it may happen in, the status it leads to (or none:
``koreksi`` and the other status-less events are entries too), its effect on the clock
(``Jam``) and the named rules it must pass (``Penjaga``, evaluated by keluhan/penjaga.py).
``TRANSISI[status][aksi] -> status baru``, the next commands, the awaited step, the
finished statuses, docs/alur.md and every refusal's hint are derived from it; nothing
else hard-codes an order of steps. Pure: imports nothing of ours.
"""

from __future__ import annotations

from enum import StrEnum
from operator import itemgetter


# The enums are ordinary class statements: the standard library's faster builder
# (enum._simple_enum) saves ~1 ms at import but leaves each member behind a descriptor,
# and ``Aksi.TINDAK`` then costs twice as long on every access (periksa's replay: +40 %).
class Status(StrEnum):
    DICATAT = "dicatat"
    DIVALIDASI = "divalidasi"
    TIDAK_VALID = "tidak_valid"
    DITINDAKLANJUTI = "ditindaklanjuti"
    DIVERIFIKASI = "diverifikasi"
    SELESAI = "selesai"
    BANDING = "banding"
    # Voided: recorded by mistake (a duplicate, the wrong archive, a test); the number stays used.
    BATAL = "batal"


class Aksi(StrEnum):
    """One event in ``riwayat.aksi``: a step and, where the step has two outcomes, which."""

    CATAT = "catat"
    VALIDASI_BENAR = "validasi_benar"
    VALIDASI_TIDAK_BENAR = "validasi_tidak_benar"
    TINDAK = "tindak"
    VERIFIKASI_TERIMA = "verifikasi_terima"
    VERIFIKASI_KEMBALIKAN = "verifikasi_kembalikan"
    INFORMASIKAN = "informasikan"
    BANDING = "banding"
    # The decision on the appeal, by an officer not involved (ISO/IEC 17065 7.13, 17025 7.9.6).
    PUTUSAN_DITERIMA = "putusan_diterima"
    PUTUSAN_DITOLAK = "putusan_ditolak"
    # Not a step: the record is voided (``keluhan batal``) while no CAPA exists.
    BATAL = "batal"
    # Not a step: a correction of a recorded field (old value, new value, reason).
    KOREKSI = "koreksi"
    # Not a step: a progress notice to the customer (ISO/IEC 17025 7.9.5), no status change.
    KABARI = "kabari"
    # Not steps either: the CAPA's effectiveness review (ISO/IEC 17025 8.7.1 e) and the
    # customer's satisfaction with the handling (PermenPANRB 14/2017).
    EFEKTIVITAS = "efektivitas"
    KEPUASAN = "kepuasan"
    # Not a step: an evidence file stored in the archive (its sha256 and size in the chain).
    LAMPIRKAN = "lampirkan"
    # Not a step: two related complaints linked by an officer (same customer, same cause).
    KAITKAN = "kaitkan"
    # Not steps: the clock stops while the office waits for the customer or a third party
    # (``keluhan tunda --alasan``) and runs again (``keluhan lanjutkan``, or the next step).
    TUNDA = "tunda"
    LANJUTKAN = "lanjutkan"


class Jam(StrEnum):
    """What an event does to the running clock (the working time a step is measured by)."""

    UKUR = "ukur"  # ends the awaited step: its duration is measured, the next step's clock starts
    MULAI = "mulai"  # starts the next step's clock without measuring anything (the customer acts)
    TETAP = "tetap"  # leaves the clock as it is (an event that changes no status)
    HENTI = "henti"  # stops the clock for good without measuring: nothing more is owed (batal); ends a pause too
    JEDA = "jeda"  # stops the running clock for a while (tunda): paused working time is not the office's
    LANJUT = "lanjut"  # runs a paused clock again (lanjutkan)


class Penjaga(StrEnum):
    """A named rule an event must pass beyond its ``dari`` statuses. Each has one function
    in keluhan/penjaga.py, which the archive calls (and a refusal names the rule)."""

    PETUGAS_LAIN = "petugas_lain"
    SEKALI_BANDING = "sekali_banding"
    DALAM_BATAS_BANDING = "dalam_batas_banding"
    TIDAK_MEMIHAK = "tidak_memihak"
    ADA_TIM_TEKNIS = "ada_tim_teknis"
    TINJAUAN_JATUH = "tinjauan_jatuh"
    PENINJAU_TIDAK_TERLIBAT = "peninjau_tidak_terlibat"
    SEKALI_PER_INFORMASIKAN = "sekali_per_informasikan"
    BELUM_ADA_CAPA = "belum_ada_capa"
    KODE_AKAR_TERDAFTAR = "kode_akar_terdaftar"
    KAITAN_BARU = "kaitan_baru"
    JAM_BERJALAN = "jam_berjalan"
    TIDAK_DITUNDA = "tidak_ditunda"
    DITUNDA = "ditunda"


# What each guard asks, in the words docs/alur.md and the refusals use.
ATURAN_PENJAGA: dict[Penjaga, str] = {
    Penjaga.PETUGAS_LAIN: "pemverifikasi bukan petugas yang mencatat tindakan yang diverifikasi (ISO/IEC 17025 7.9.6)",
    Penjaga.SEKALI_BANDING: "satu banding per keluhan",
    Penjaga.DALAM_BATAS_BANDING: "dalam batas banding (banding.batas) sejak hasil diinformasikan",
    Penjaga.TIDAK_MEMIHAK: (
        "pemutus banding tidak mencatat validasi, tindakan atau verifikasi keluhan ini dan bukan penanggung jawab "
        "tindakannya (ISO/IEC 17065 7.13, ISO/IEC 17025 7.9.6)"),
    Penjaga.ADA_TIM_TEKNIS: "banding yang diterima diteruskan ke Tim Teknis: --teruskan-ke wajib bila keluhan belum punya tim",
    Penjaga.TINJAUAN_JATUH: "ada putaran tindakan yang diverifikasi diterima dan tinjauan efektivitasnya belum 'efektif'",
    Penjaga.PENINJAU_TIDAK_TERLIBAT: "peninjau bukan petugas yang mencatat tindakan itu dan bukan penanggung jawabnya "
                                     "(ISO/IEC 17025 8.7)",
    Penjaga.SEKALI_PER_INFORMASIKAN: "hasil sudah diinformasikan, dan kepuasan atas informasikan terakhir belum dicatat",
    Penjaga.BELUM_ADA_CAPA: "belum ada tindakan koreksi dan pencegahan (FTKP) yang dicatat; sesudahnya SOP berjalan sampai selesai",
    Penjaga.KODE_AKAR_TERDAFTAR: "kode akar masalah (--kode-akar), bila diisi, ada dalam daftar akar_masalah.kode yang berlaku "
                                 "saat tindakan dicatat",
    Penjaga.KAITAN_BARU: "keluhan lain yang sudah dicatat, bukan keluhan itu sendiri, dan keduanya belum saling dikaitkan",
    Penjaga.JAM_BERJALAN: ("ada jam yang berjalan: langkah yang ditunggu, putusan banding, atau tinjauan efektivitas "
                           "yang belum dilakukan"),
    Penjaga.TIDAK_DITUNDA: "jam tidak sedang ditunda (satu penundaan dalam satu waktu)",
    Penjaga.DITUNDA: "jam sedang ditunda (keluhan tunda)",
}

# What each clock effect means, for docs/alur.md.
ARTI_JAM: dict[Jam, str] = {
    Jam.UKUR: "mengakhiri jam langkah yang ditunggu (durasinya diukur) dan memulai jam langkah berikutnya",
    Jam.MULAI: "memulai jam langkah berikutnya tanpa mengukur (pelanggan yang bertindak)",
    Jam.TETAP: "jam tidak berubah",
    Jam.HENTI: "menghentikan jam tanpa mengukur: tidak ada lagi langkah yang ditunggu (juga mengakhiri penundaan)",
    Jam.JEDA: ("menunda jam yang berjalan: waktu kerja selama penundaan tidak dihitung dalam durasi langkah dan dicatat "
               "tersendiri; penundaan yang dimulai sesudah batas waktu tidak membuat langkah yang terlambat menjadi patuh"),
    Jam.LANJUT: ("menjalankan lagi jam yang ditunda; langkah berikutnya, batal, atau tinjauan efektivitas (bila hanya "
                 "tinjauan yang ditunggu) juga mengakhiri penundaan pada waktunya sendiri"),
}


def _repr_bernama(self: tuple) -> str:  # type: ignore[type-arg]
    """``Name(field=value, ...)`` of a tuple class with named fields (``_NAMA``), as a NamedTuple shows itself."""
    return f"{type(self).__name__}(" + ", ".join(f"{n}={v!r}" for n, v in zip(self._NAMA, self)) + ")"  # type: ignore[attr-defined]


class Entri(tuple):  # type: ignore[type-arg]
    """One entry of the table: an event, the statuses it may happen in (``None``: not yet
    in the archive), the status it leads to (``None``: it changes no status), its effect
    on the clock, and the named guards it must pass, in the order they are checked.

    A tuple with named fields, written out: a ``NamedTuple`` class costs ~0.5 ms to build
    at import (it compiles its own ``__new__``), and every command imports this module."""

    __slots__ = ()

    def __new__(cls, aksi: Aksi, dari: tuple[Status | None, ...], ke: Status | None, jam: Jam,
                penjaga: tuple[Penjaga, ...] = ()) -> Entri:
        return tuple.__new__(cls, (aksi, dari, ke, jam, penjaga))

    _NAMA = ('aksi', 'dari', 'ke', 'jam', 'penjaga')
    aksi = property(itemgetter(0))
    dari = property(itemgetter(1))
    ke = property(itemgetter(2))
    jam = property(itemgetter(3))
    penjaga = property(itemgetter(4))
    __repr__ = _repr_bernama


S = Status
# The table. Steps first, in the SOP's order; then the events that change no status.
TABEL: tuple[Entri, ...] = (
    Entri(Aksi.CATAT, (None,), S.DICATAT, Jam.UKUR),
    Entri(Aksi.VALIDASI_BENAR, (S.DICATAT,), S.DIVALIDASI, Jam.UKUR),
    Entri(Aksi.VALIDASI_TIDAK_BENAR, (S.DICATAT,), S.TIDAK_VALID, Jam.UKUR),
    Entri(Aksi.TINDAK, (S.DIVALIDASI,), S.DITINDAKLANJUTI, Jam.UKUR, (Penjaga.KODE_AKAR_TERDAFTAR,)),
    Entri(Aksi.VERIFIKASI_TERIMA, (S.DITINDAKLANJUTI,), S.DIVERIFIKASI, Jam.UKUR, (Penjaga.PETUGAS_LAIN,)),
    # Returned for rework: the Tim Teknis acts again; every round's CAPA is kept.
    Entri(Aksi.VERIFIKASI_KEMBALIKAN, (S.DITINDAKLANJUTI,), S.DIVALIDASI, Jam.UKUR, (Penjaga.PETUGAS_LAIN,)),
    Entri(Aksi.INFORMASIKAN, (S.DIVERIFIKASI, S.TIDAK_VALID), S.SELESAI, Jam.UKUR),
    Entri(Aksi.BANDING, (S.SELESAI,), S.BANDING, Jam.MULAI, (Penjaga.SEKALI_BANDING, Penjaga.DALAM_BATAS_BANDING)),
    # Accepted: a new CAPA round (steps 4-6 again, numbered on); rejected: closed, no second appeal.
    Entri(Aksi.PUTUSAN_DITERIMA, (S.BANDING,), S.DIVALIDASI, Jam.UKUR, (Penjaga.TIDAK_MEMIHAK, Penjaga.ADA_TIM_TEKNIS)),
    Entri(Aksi.PUTUSAN_DITOLAK, (S.BANDING,), S.SELESAI, Jam.UKUR, (Penjaga.TIDAK_MEMIHAK,)),
    # Void a mistaken record (a duplicate, the wrong archive, a test): no SOP step, so it
    # is never offered as the next one; a pause ends with it (MENGAKHIRI_TUNDA).
    Entri(Aksi.BATAL, (S.DICATAT, S.DIVALIDASI), S.BATAL, Jam.HENTI, (Penjaga.BELUM_ADA_CAPA,)),
    # Events that change no status.
    Entri(Aksi.KOREKSI, tuple(Status), None, Jam.TETAP),
    # A progress notice while the customer is still owed something (an appeal included).
    Entri(Aksi.KABARI, (S.DICATAT, S.DIVALIDASI, S.TIDAK_VALID, S.DITINDAKLANJUTI, S.DIVERIFIKASI, S.BANDING),
          None, Jam.TETAP),
    Entri(Aksi.EFEKTIVITAS, tuple(Status), None, Jam.TETAP, (Penjaga.TINJAUAN_JATUH, Penjaga.PENINJAU_TIDAK_TERLIBAT)),
    Entri(Aksi.KEPUASAN, tuple(Status), None, Jam.TETAP, (Penjaga.SEKALI_PER_INFORMASIKAN,)),
    Entri(Aksi.LAMPIRKAN, tuple(Status), None, Jam.TETAP),
    # A link between two complaints, in any status (a voided duplicate linked to its original too).
    Entri(Aksi.KAITKAN, tuple(Status), None, Jam.TETAP, (Penjaga.KAITAN_BARU,)),
    # The clock stops while waiting for the customer or a third party, one pause at a time:
    # any open status, an appeal awaiting its decision, a finished complaint whose CAPA review is due.
    Entri(Aksi.TUNDA, tuple(s for s in Status if s is not S.BATAL), None, Jam.JEDA,
          (Penjaga.JAM_BERJALAN, Penjaga.TIDAK_DITUNDA)),
    Entri(Aksi.LANJUTKAN, tuple(s for s in Status if s is not S.BATAL), None, Jam.LANJUT, (Penjaga.DITUNDA,)),
)
del S

ENTRI: dict[Aksi, Entri] = {e.aksi: e for e in TABEL}

# ``TRANSISI[status][aksi] -> status baru``: the table's status changes, every status a row.
TRANSISI: dict[Status | None, dict[Aksi, Status]] = {
    s: {e.aksi: e.ke for e in TABEL if e.ke is not None and s in e.dari} for s in (None, *Status)
}


class Langkah(tuple):  # type: ignore[type-arg]
    """One SOP step: its number, who performs it, the command, and its mutu baku.

    A tuple with named fields, as ``Entri``: not a dataclass (``dataclasses`` imports
    ``inspect``, ~10 ms), nor a NamedTuple (~0.5 ms to build), and every command imports
    this module.
    """

    __slots__ = ()

    def __new__(cls, nomor: int, nama: str, pelaksana: str, perintah: str, mutu_baku: str) -> Langkah:
        return tuple.__new__(cls, (nomor, nama, pelaksana, perintah, mutu_baku))

    _NAMA = ('nomor', 'nama', 'pelaksana', 'perintah', 'mutu_baku')
    nomor = property(itemgetter(0))
    nama = property(itemgetter(1))
    pelaksana = property(itemgetter(2))
    perintah = property(itemgetter(3))
    mutu_baku = property(itemgetter(4))  # e.g. "15 menit", "3 hari"; parsed by kalender.MutuBaku
    __repr__ = _repr_bernama


# Step 1 (the customer submits) has no command: its time is ``catat --diajukan``.
LANGKAH: dict[int, Langkah] = {
    1: Langkah(1, "Pelanggan mengajukan keluhan", "Pelanggan", "", "15 menit"),
    2: Langkah(2, "Menerima, mencatat dan melaporkan keluhan", "Staff PJTK", "catat", "15 menit"),
    3: Langkah(3, "Memeriksa kebenaran keluhan dan meneruskan ke tim teknis", "PJTK", "validasi", "15 menit"),
    4: Langkah(4, "Menindaklanjuti, menentukan tindakan koreksi dan pencegahan", "Tim Teknis", "tindak", "3 hari"),
    5: Langkah(5, "Menerima dan memverifikasi hasil penyelesaian keluhan", "PJTK", "verifikasi", "15 menit"),
    6: Langkah(6, "Menginformasikan hasil penyelesaian kepada pelanggan dan mengarsipkan", "Staff PJTK", "informasikan", "15 menit"),
    7: Langkah(7, "Banding pelanggan (di luar enam langkah SOP)", "Pelanggan", "banding", ""),
    # The decision: SOP "Penanganan Banding Pelanggan" (not in the seed); its mutu baku is
    # the setting banding.putusan, whose default stands in for that SOP.
    8: Langkah(8, "Memutus banding pelanggan", "Pejabat yang tidak terlibat dalam penanganan", "putusan", "10 hari"),
}

# Which step each event belongs to (``riwayat.langkah``). Corrections belong to none.
LANGKAH_AKSI: dict[Aksi, int | None] = {
    Aksi.CATAT: 2,
    Aksi.VALIDASI_BENAR: 3,
    Aksi.VALIDASI_TIDAK_BENAR: 3,
    Aksi.TINDAK: 4,
    Aksi.VERIFIKASI_TERIMA: 5,
    Aksi.VERIFIKASI_KEMBALIKAN: 5,
    Aksi.INFORMASIKAN: 6,
    Aksi.BANDING: 7,
    Aksi.PUTUSAN_DITERIMA: 8,
    Aksi.PUTUSAN_DITOLAK: 8,
    Aksi.BATAL: None,
    Aksi.KOREKSI: None,
    Aksi.KABARI: None,
    Aksi.EFEKTIVITAS: None,
    Aksi.KEPUASAN: None,
    Aksi.LAMPIRKAN: None,
    Aksi.KAITKAN: None,
    Aksi.TUNDA: None,
    Aksi.LANJUTKAN: None,
}

# The CLI command that performs each event.
PERINTAH: dict[Aksi, str] = {
    aksi: LANGKAH[n].perintah for aksi, n in LANGKAH_AKSI.items() if n is not None
} | {Aksi.BATAL: "batal", Aksi.KOREKSI: "koreksi", Aksi.KABARI: "kabari", Aksi.EFEKTIVITAS: "efektivitas", Aksi.KEPUASAN: "kepuasan",
     Aksi.LAMPIRKAN: "lampirkan", Aksi.KAITKAN: "kaitkan", Aksi.TUNDA: "tunda", Aksi.LANJUTKAN: "lanjutkan"}

# Who performs an event that is no SOP step (SPEC's workflow table).
PELAKSANA_BUKAN_LANGKAH = {Aksi.BATAL: "PJTK"}
# Events that end a running pause (``tunda``) at their own time (SPEC: "the next step's
# command ends a pause at its own --waktu, batal ends it too"): ``lanjutkan`` and every
# status change (a measured step, the customer's appeal, batal). See ``mengakhiri_tunda``.
MENGAKHIRI_TUNDA = frozenset(e.aksi for e in TABEL if e.ke is not None or e.jam is Jam.LANJUT)

# Days allowed for an appeal after the customer is informed (SOP step 6, keterangan).
BATAS_BANDING_HARI = 15



def boleh(status: Status | None, aksi: Aksi) -> Entri | None:
    """The table's entry for ``aksi`` when it may happen in ``status``, else None."""
    e = ENTRI.get(aksi)
    return e if e is not None and status in e.dari else None


def transisi(status: Status | None, aksi: Aksi) -> Status | None:
    """The status after ``aksi`` from ``status``, or None when the table forbids it
    (a status-less event allowed there: its status, unchanged)."""
    e = boleh(status, aksi)
    if e is None:
        return None
    return status if e.ke is None else e.ke


def mengubah_status(aksi: Aksi) -> bool:
    """Whether ``aksi`` is a step (it moves the status) rather than a status-less event."""
    return ENTRI[aksi].ke is not None


# The SOP's own steps (2-6).
LANGKAH_SOP = range(2, 7)
# The steps whose durations are stored (``durasi_langkah``) and counted by the recap's
# ``langkah``: the SOP's, and the appeal decision (8, against ``banding.putusan``). The
# appeal itself (7) is the customer's and is not measured.
LANGKAH_DIUKUR = (*LANGKAH_SOP, 8)


def diukur(aksi: Aksi) -> bool:
    """Whether ``aksi`` ends a measured step (its duration goes into ``durasi_langkah``)."""
    return ENTRI[aksi].jam is Jam.UKUR and LANGKAH_AKSI[aksi] in LANGKAH_DIUKUR


def kunci_mutu(langkah: int) -> str:
    """The settings key of step ``langkah``'s mutu baku: ``mutu_baku.langkah_N``; the appeal
    decision's is ``banding.putusan`` (beside the appeal window ``banding.batas``)."""
    return "banding.putusan" if langkah == 8 else f"mutu_baku.langkah_{langkah}"


def perintah_berikutnya(status: Status | None) -> list[str]:
    """The commands of the steps that move ``status`` on (``Jam.UKUR``, or ``Jam.MULAI``: the
    customer's appeal), in table order, without repeats: the hint of every refusal.
    Status-less events, and status changes that are no step, are not "next"."""
    hasil: list[str] = []
    for e in TABEL:
        if status in e.dari and e.ke is not None and e.jam in (Jam.UKUR, Jam.MULAI) and PERINTAH[e.aksi] not in hasil:
            hasil.append(PERINTAH[e.aksi])
    return hasil


def langkah_berikutnya(status: Status) -> int | None:
    """The step the office owes in ``status``: the lowest step number among the measured
    steps (``Jam.UKUR``) that leave it; None when nothing is owed (the customer may act)."""
    nomor = [LANGKAH_AKSI[e.aksi] for e in TABEL if status in e.dari and e.ke is not None and e.jam is Jam.UKUR]
    return min(n for n in nomor if n is not None) if nomor else None


# Statuses in which nothing more is owed to the customer: no measured step leaves them.
STATUS_AKHIR = frozenset(s for s in Status if langkah_berikutnya(s) is None)


def mengakhiri_tunda(aksi: Aksi, status: Status | str | None) -> bool:
    """Whether ``aksi``, happening in ``status`` while the clock is paused, ends the pause:
    ``lanjutkan`` and every status change (MENGAKHIRI_TUNDA); the effectiveness review too
    when it was the only clock running (no step awaited: the pause was on the review)."""
    if aksi in MENGAKHIRI_TUNDA:
        return True
    return aksi is Aksi.EFEKTIVITAS and status is not None and Status(status) in STATUS_AKHIR


# The channels a complaint can come through (SOP step 1) and the services it can be about.
MEDIA = ("kotak", "surat", "telepon", "fax", "email", "siptenan", "website")
LAYANAN = ("pengujian", "kalibrasi", "sertifikasi", "inspeksi", "lainnya")
