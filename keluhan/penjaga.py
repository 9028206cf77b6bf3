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

    def capa(self) -> list[dict[str, Any]]:
        """The complaint's CAPA rounds, oldest first."""
        if self.tindakan is not None:
            return self.tindakan
        return self.arsip._tindakan(self.db, self.keluhan["id"])  # type: ignore[arg-type]


def petugas_lain(ks: Konteks) -> None:
    """ISO/IEC 17025 7.9.6: the verifier is not who recorded the action verified."""
    from keluhan.arsip import sama_petugas

    t = ks.capa()[-1]
    if sama_petugas(t["petugas"], ks.petugas):
        raise GalatKeluhan(
            f"Verifikasi ditolak: {ks.petugas} mencatat tindakan yang akan diverifikasi; "
            "ISO/IEC 17025 7.9.6 meminta verifikasi oleh petugas lain."
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


PENJAGA: dict[Penjaga, Callable[[Konteks], None]] = {
    Penjaga.PETUGAS_LAIN: petugas_lain,
    Penjaga.DALAM_BATAS_BANDING: dalam_batas_banding,
}


def periksa(
    arsip: Arsip, db: sqlite3.Connection | None, keluhan: dict[str, Any], aksi: Aksi, petugas: str,
    waktu: datetime, tindakan: list[dict[str, Any]] | None = None,
) -> None:
    """Every guard of ``aksi``'s entry, in the table's order; the first to refuse raises."""
    ks = Konteks(arsip, db, keluhan, tindakan, aksi, petugas, waktu)
    for nama in ENTRI[aksi].penjaga:
        PENJAGA[nama](ks)
