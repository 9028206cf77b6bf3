"""Coded root causes and complaint categories: the two lists of the settings ledger.

``akar_masalah.kode`` (default the 6M in Indonesian and lainnya) is the list a CAPA's
``tindak --kode-akar`` is held to; ``kategori.daftar`` (default empty: free text) the list
a complaint's ``--kategori`` is matched against. Both are effective-dated entries of the
chained settings ledger (keluhan/buku.py): a code is checked against the list in force
when its round was recorded, and the recap reads the category list in force at the
period's end as its anchor saw it.

A code is stored as the list writes it, compared without regard to case or spacing. A
category outside a non-empty list is kept as typed (what the customer or clerk wrote is
data) and reported as "lainnya: ..." (``label_kategori``). Imports nothing heavy.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from keluhan.galat import GalatMasukan

KUNCI_KODE = "akar_masalah.kode"
KUNCI_KATEGORI = "kategori.daftar"
LAINNYA = "lainnya"


def _bentuk(teks: str) -> str:
    return " ".join(teks.split()).casefold()


def daftar(setelan: Any, p: dict[str, Any], kunci: str, pada: Any) -> list[str]:
    """The list ``kunci`` in force at ``pada``: from the archive's ledger ``setelan`` when it
    holds the key, else from the settings ``p`` (keluhan.toml over the defaults)."""
    if setelan is not None and setelan.ada(kunci):
        e = setelan.entri_pada(kunci, pada)
        if e is not None:
            return list(e.nilai)
    from keluhan import buku

    return list(buku.dari_pengaturan(p, kunci))


def kode_sah(kode: str, kode_daftar: Sequence[str], *, opsi: str = "--kode-akar") -> str:
    """``kode`` as the list writes it; GalatMasukan naming the list otherwise."""
    cari = {_bentuk(k): k for k in kode_daftar}
    hasil = cari.get(_bentuk(kode))
    if hasil is None:
        raise GalatMasukan(
            f"Kode akar masalah '{' '.join(kode.split())}' ({opsi}) tidak ada dalam daftar akar_masalah.kode: "
            f"{', '.join(kode_daftar)} (ubah daftarnya dengan 'keluhan pengaturan ubah akar_masalah.kode')."
        )
    return hasil


def kategori_baku(kategori: str | None, kategori_daftar: Sequence[str]) -> tuple[str | None, bool]:
    """A typed category as stored: the list's spelling when it names an item (case and
    spacing ignored), else as typed (spacing tidied); and whether it is outside a non-empty list."""
    if kategori is None or not kategori.strip():
        return None, False
    teks = " ".join(kategori.split())
    if not kategori_daftar:
        return teks, False
    cari = {_bentuk(k): k for k in kategori_daftar}
    if _bentuk(teks) in cari:
        return cari[_bentuk(teks)], False
    return teks, True


def label_kategori(kategori: str | None, kategori_daftar: Sequence[str]) -> str | None:
    """How the recap reports a stored category: an item of the list as the list writes it,
    text outside a non-empty list as "lainnya: TEXT"; None when empty."""
    baku, di_luar = kategori_baku(kategori, kategori_daftar)
    if baku is None:
        return None
    return f"{LAINNYA}: {baku}" if di_luar else baku
