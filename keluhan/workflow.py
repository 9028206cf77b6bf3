"""The whole SOP workflow lives in this file, as data.

SOP 5.1.11/BBSPJIKFK/2025 "Penanganan Keluhan Pelanggan" has six steps; the appeal
(banding) follows the sixth. ``TRANSISI[status][aksi] -> status baru`` is the only place
that says what may happen to a complaint. Every other module asks this table; nothing
else hard-codes an order of steps. Pure: imports nothing of ours.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple


class Status(StrEnum):
    DICATAT = "dicatat"
    DIVALIDASI = "divalidasi"
    TIDAK_VALID = "tidak_valid"
    DITINDAKLANJUTI = "ditindaklanjuti"
    DIVERIFIKASI = "diverifikasi"
    SELESAI = "selesai"
    BANDING = "banding"


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
    # Not a step: a correction of a recorded field (old value, new value, reason).
    KOREKSI = "koreksi"


# The transition table. ``None`` is "not yet in the archive".
TRANSISI: dict[Status | None, dict[Aksi, Status]] = {
    None: {Aksi.CATAT: Status.DICATAT},
    Status.DICATAT: {
        Aksi.VALIDASI_BENAR: Status.DIVALIDASI,
        Aksi.VALIDASI_TIDAK_BENAR: Status.TIDAK_VALID,
    },
    Status.DIVALIDASI: {Aksi.TINDAK: Status.DITINDAKLANJUTI},
    Status.DITINDAKLANJUTI: {
        Aksi.VERIFIKASI_TERIMA: Status.DIVERIFIKASI,
        # Returned for rework: the Tim Teknis acts again; every round's CAPA is kept.
        Aksi.VERIFIKASI_KEMBALIKAN: Status.DIVALIDASI,
    },
    Status.DIVERIFIKASI: {Aksi.INFORMASIKAN: Status.SELESAI},
    Status.TIDAK_VALID: {Aksi.INFORMASIKAN: Status.SELESAI},
    Status.SELESAI: {Aksi.BANDING: Status.BANDING},
    Status.BANDING: {},
}


class Langkah(NamedTuple):
    """One SOP step: its number, who performs it, the command, and its mutu baku.

    A NamedTuple, not a dataclass: ``dataclasses`` imports ``inspect`` (~10 ms), and
    every command imports this module.
    """

    nomor: int
    nama: str
    pelaksana: str
    perintah: str
    mutu_baku: str  # e.g. "15 menit", "3 hari"; parsed by kalender.MutuBaku


# Step 1 (the customer submits) has no command: its time is ``catat --diajukan``.
LANGKAH: dict[int, Langkah] = {
    1: Langkah(1, "Pelanggan mengajukan keluhan", "Pelanggan", "", "15 menit"),
    2: Langkah(2, "Menerima, mencatat dan melaporkan keluhan", "Staff PJTK", "catat", "15 menit"),
    3: Langkah(3, "Memeriksa kebenaran keluhan dan meneruskan ke tim teknis", "PJTK", "validasi", "15 menit"),
    4: Langkah(4, "Menindaklanjuti, menentukan tindakan koreksi dan pencegahan", "Tim Teknis", "tindak", "3 hari"),
    5: Langkah(5, "Menerima dan memverifikasi hasil penyelesaian keluhan", "PJTK", "verifikasi", "15 menit"),
    6: Langkah(6, "Menginformasikan hasil penyelesaian kepada pelanggan dan mengarsipkan", "Staff PJTK", "informasikan", "15 menit"),
    7: Langkah(7, "Banding pelanggan (di luar enam langkah SOP)", "Pelanggan", "banding", ""),
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
    Aksi.KOREKSI: None,
}

# The CLI command that performs each event.
PERINTAH: dict[Aksi, str] = {
    aksi: LANGKAH[n].perintah for aksi, n in LANGKAH_AKSI.items() if n is not None
} | {Aksi.KOREKSI: "koreksi"}

# Days allowed for an appeal after the customer is informed (SOP step 6, keterangan).
BATAS_BANDING_HARI = 15

# Statuses in which the complaint is finished with (nothing more is owed to the customer).
STATUS_AKHIR = frozenset({Status.SELESAI, Status.BANDING})


def transisi(status: Status | None, aksi: Aksi) -> Status | None:
    """The status after ``aksi`` from ``status``, or None when the table forbids it."""
    return TRANSISI.get(status, {}).get(aksi)


def perintah_berikutnya(status: Status | None) -> list[str]:
    """The commands allowed next from ``status``, in table order, without repeats."""
    hasil: list[str] = []
    for aksi in TRANSISI.get(status, {}):
        p = PERINTAH[aksi]
        if p not in hasil:
            hasil.append(p)
    return hasil


def langkah_berikutnya(status: Status) -> int | None:
    """The SOP step the complaint is waiting for in ``status`` (None when finished)."""
    nomor = {LANGKAH_AKSI[a] for a in TRANSISI.get(status, {})}
    nomor.discard(7)
    return min(nomor) if nomor else None  # type: ignore[type-var]


# The channels a complaint can come through (SOP step 1) and the services it can be about.
MEDIA = ("kotak", "surat", "telepon", "fax", "email", "siptenan", "website")
LAYANAN = ("pengujian", "kalibrasi", "sertifikasi", "inspeksi", "lainnya")
