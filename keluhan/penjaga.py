"""The guards the transition table names (``workflow.Penjaga``), one function each.

``periksa(arsip, db, keluhan, aksi, ...)`` runs the guards of ``aksi``'s table entry in
their order; each raises ``GalatKeluhan`` with a one-line refusal naming its rule, or
returns. Adding a rule is adding a ``Penjaga`` member, its words in
``workflow.ATURAN_PENJAGA``, a function here and the name in the entries it guards: the
archive itself has no rule of its own (tests/test_workflow.py holds the three together).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from keluhan import waktu as w
from keluhan.galat import GalatKeluhan
from keluhan.workflow import ENTRI, Aksi, Penjaga

if TYPE_CHECKING:
    from keluhan.arsip import Arsip


class Konteks(NamedTuple):
    """What a guard may look at: the archive, the complaint's row before the event, its
    CAPA rows when the caller holds them (bulk import; else read from ``db``), the event."""

    arsip: Arsip
    db: sqlite3.Connection | None
    keluhan: dict[str, Any]
    tindakan: list[dict[str, Any]] | None
    aksi: Aksi
    petugas: str
    waktu: datetime
    rincian: dict[str, Any]

    def capa(self) -> list[dict[str, Any]]:
        """The complaint's CAPA rounds, oldest first."""
        if self.tindakan is not None:
            return self.tindakan
        return self.arsip._tindakan(self.db, self.keluhan["id"])  # type: ignore[arg-type]


def petugas_lain(ks: Konteks) -> None:
    """ISO/IEC 17025 7.9.6: the verifier is not who recorded the action verified, compared
    as officers (the register's ``sama``: NIP for registered ones, look-alike letters
    read as Latin for names it does not know), not as strings."""
    t = ks.capa()[-1]
    if ks.arsip.register(ks.db).sama(t["petugas"], t["waktu"], ks.petugas, ks.waktu):
        raise GalatKeluhan(
            f"Verifikasi ditolak: {ks.petugas} mencatat tindakan yang akan diverifikasi; "
            "ISO/IEC 17025 7.9.6 meminta verifikasi oleh petugas lain."
        )


def sekali_banding(ks: Konteks) -> None:
    """One appeal per complaint: a decided appeal (either way) is not appealed again."""
    k = ks.keluhan
    if k.get("dibanding"):
        raise GalatKeluhan(
            f"Banding ditolak: keluhan {k['nomor']} sudah pernah dibanding ({k['dibanding']}"
            f"{', putusan: ' + k['putusan'] if k.get('putusan') else ''}); satu banding per keluhan."
        )


def dalam_batas_banding(ks: Konteks) -> None:
    """The appeal comes within the window in force when the customer was informed (it is
    what the letter said), counted from that ``informasikan``."""
    k = ks.keluhan
    kal = ks.arsip.kalender()
    aturan = kal.setelan.nilai("banding.batas", k["diinformasikan"]) if kal.setelan else ks.arsip.p["banding"]["batas"]
    batas = kal.batas_banding(w.dari_iso(k["diinformasikan"]), aturan)
    if ks.waktu > batas:
        raise GalatKeluhan(
            f"Banding ditolak: batas banding {aturan}"
            f"{'' if 'kalender' in aturan.lower() else ' kerja'} sejak hasil diinformasikan "
            f"({k['diinformasikan']}) berakhir {w.iso(batas)}."
        )


def tidak_memihak(ks: Konteks) -> None:
    """ISO/IEC 17065 7.13 / 17025 7.9.6: the appeal is decided by someone not involved: who
    recorded no validation, CAPA or verification of the complaint and is not the penanggung
    jawab of any of its CAPA rounds. Officers compared, not strings (the register's ``sama``)."""
    k, siapa = ks.keluhan, ks.petugas
    reg = ks.arsip.register(ks.db)

    def sama_petugas(nama: str | None, pada: str | None) -> bool:
        return reg.sama(nama, pada, siapa, ks.waktu)

    peran = []
    if sama_petugas(k.get("petugas_validasi"), k.get("divalidasi")):
        peran.append("mencatat validasi")
    for t in ks.capa():
        if sama_petugas(t["petugas"], t["waktu"]):
            peran.append(f"mencatat tindakan putaran {t['putaran']}")
        if sama_petugas(t.get("diverifikasi_oleh"), t.get("diverifikasi_pada")):
            peran.append(f"memverifikasi tindakan putaran {t['putaran']}")
        if sama_petugas(t.get("penanggung_jawab"), t["waktu"]):
            peran.append(f"adalah penanggung jawab tindakan putaran {t['putaran']}")
    if peran:
        raise GalatKeluhan(
            f"Putusan banding ditolak: {siapa} {', '.join(peran)} pada keluhan {k['nomor']}; aturan tidak_memihak: "
            "banding diputus oleh petugas yang tidak terlibat (ISO/IEC 17065 7.13, ISO/IEC 17025 7.9.6)."
        )


def ada_tim_teknis(ks: Konteks) -> None:
    """An accepted appeal goes to a Tim Teknis: the complaint's own, or the one named now
    (an appeal against 'tidak valid' has none)."""
    if not ks.keluhan.get("tim_teknis") and not ks.rincian.get("tim_teknis"):
        raise GalatKeluhan(
            f"Putusan --diterima memerlukan --teruskan-ke TIM: keluhan {ks.keluhan['nomor']} belum diteruskan ke "
            "Tim Teknis (hasil validasinya tidak valid); aturan ada_tim_teknis."
        )


PENJAGA: dict[Penjaga, Callable[[Konteks], None]] = {
    Penjaga.PETUGAS_LAIN: petugas_lain,
    Penjaga.SEKALI_BANDING: sekali_banding,
    Penjaga.DALAM_BATAS_BANDING: dalam_batas_banding,
    Penjaga.TIDAK_MEMIHAK: tidak_memihak,
    Penjaga.ADA_TIM_TEKNIS: ada_tim_teknis,
}


def periksa(
    arsip: Arsip, db: sqlite3.Connection | None, keluhan: dict[str, Any], aksi: Aksi, petugas: str,
    waktu: datetime, rincian: dict[str, Any], tindakan: list[dict[str, Any]] | None = None,
) -> None:
    """Every guard of ``aksi``'s entry, in the table's order; the first to refuse raises."""
    ks = Konteks(arsip, db, keluhan, tindakan, aksi, petugas, waktu, rincian)
    for nama in ENTRI[aksi].penjaga:
        PENJAGA[nama](ks)
