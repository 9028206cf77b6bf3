"""The anchor (jangkar): the tip of every hash chain at one moment.

The chains are those ``keluhan/rantai.py`` lists (``rantai.SEMUA``: ``riwayat`` first,
then each ledger, today the calendar's ``kalender_riwayat``); a ledger added there is
anchored here without a change. Each table has ``urutan`` (1, 2, ... without gaps) and
``hash`` (sha256, hex).

An anchor is the tip of every chain at one moment: for each table its last ``urutan``
and that entry's ``hash`` (``0`` and 64 zeros while it is empty), and ``ringkas``, one
sha256 over them all, so that a short line on a signed paper recap pins every chain. The
recipe an auditor can redo with any sha256 tool (docs/jaminan.md)::

    ringkas = sha256("riwayat:52:<hash>\\nkalender_riwayat:7:<hash>\\n")

one line ``TABEL:URUTAN:HASH`` per chain in ``rantai.SEMUA``'s order, each ending in a newline,
UTF-8. The anchor's text form is those lines' fields separated by spaces plus
``ringkas:<hash>``; ``baca`` reads that text anywhere in a string or a file (a recap in
Markdown or HTML carries it), or a recap's JSON (its ``jangkar`` key).
"""

from __future__ import annotations

import json
import re
import sqlite3
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path
from typing import Any

from keluhan import rantai
from keluhan.galat import GalatMasukan, sebab_baca
_TOKEN = re.compile(r"\b([a-z][a-z0-9_]*):(\d{1,18}):([0-9a-fA-F]{64})\b")
_RINGKAS = re.compile(r"\bringkas:([0-9a-fA-F]{64})\b")
_BATAS_BERKAS = 256 * 1024 * 1024  # a year's recap of a big archive is large; a JSON file is read whole


@dataclass(frozen=True)
class Jangkar:
    """The tips of the chains: ``rantai``: (table, urutan, hash) of each, in ``rantai.SEMUA``'s order."""

    rantai: tuple[tuple[str, int, str], ...]

    @property
    def urutan(self) -> int:
        return self.ujung("riwayat")[0]

    @property
    def hash(self) -> str:
        return self.ujung("riwayat")[1]

    def ujung(self, tabel: str) -> tuple[int, str]:
        for t, n, h in self.rantai:
            if t == tabel:
                return n, h
        raise KeyError(tabel)

    def punya(self, tabel: str) -> bool:
        return any(t == tabel for t, _, _ in self.rantai)

    @property
    def ringkas(self) -> str:
        return sha256("".join(f"{t}:{n}:{h}\n" for t, n, h in self.rantai).encode("utf-8")).hexdigest()

    def teks(self) -> str:
        """One line, as printed on every recap and accepted by ``--jangkar``."""
        return " ".join(f"{t}:{n}:{h}" for t, n, h in self.rantai) + f" ringkas:{self.ringkas}"

    def json(self) -> dict[str, Any]:
        """The recap's ``jangkar`` key (SPEC): riwayat's tip, every other ledger's, the digest."""
        return {
            "urutan": self.urutan, "hash": self.hash,
            "rantai": {t: {"urutan": n, "hash": h} for t, n, h in self.rantai if t != "riwayat"},
            "ringkas": self.ringkas, "teks": self.teks(),
        }


def nama_buku() -> tuple[str, ...]:
    """The chained tables, riwayat first, in the anchor's order (``rantai.SEMUA``)."""
    return tuple(r.tabel for r in rantai.SEMUA)


def ujung(db: sqlite3.Connection) -> Jangkar:
    """The anchor now: the last entry of every chain ``rantai.SEMUA`` lists."""
    return Jangkar(tuple((r.tabel, *rantai.ujung(db, r)) for r in rantai.SEMUA))


def _dari_json(d: Any) -> Jangkar:
    if isinstance(d, dict) and isinstance(d.get("jangkar"), dict):
        d = d["jangkar"]
    if not isinstance(d, dict) or not isinstance(d.get("urutan"), int) or not isinstance(d.get("hash"), str):
        raise GalatMasukan("JSON --jangkar tidak memuat kunci 'jangkar' dengan 'urutan' dan 'hash'.")
    isi = [("riwayat", d["urutan"], d["hash"])]
    lain = d.get("rantai") or {}
    if not isinstance(lain, dict):
        raise GalatMasukan("JSON --jangkar: 'rantai' harus berupa objek {buku: {urutan, hash}}.")
    for t, x in lain.items():
        if not (isinstance(x, dict) and isinstance(x.get("urutan"), int) and isinstance(x.get("hash"), str)):
            raise GalatMasukan(f"JSON --jangkar: rantai '{t}' tidak memuat 'urutan' dan 'hash'.")
        isi.append((str(t), x["urutan"], x["hash"]))
    return _susun(isi, d.get("ringkas"))


def _susun(isi: list[tuple[str, int, str]], ringkas: Any) -> Jangkar:
    dikenal = {t: i for i, t in enumerate(nama_buku())}
    nama = [t for t, _, _ in isi]
    for t in nama:
        if t not in dikenal:
            raise GalatMasukan(f"Jangkar menyebut buku '{t}' yang tidak dikenal (yang dikenal: {', '.join(dikenal)}).")
    if len(set(nama)) != len(nama):
        raise GalatMasukan("Jangkar menyebut satu buku lebih dari sekali.")
    if "riwayat" not in nama:
        raise GalatMasukan("Jangkar tidak memuat ujung riwayat (riwayat:URUTAN:HASH).")
    for t, n, h in isi:
        if n < 0 or not re.fullmatch(r"[0-9a-fA-F]{64}", h):
            raise GalatMasukan(f"Jangkar buku '{t}' tidak sah: urutan {n}, hash harus 64 karakter heksadesimal.")
    j = Jangkar(tuple(sorted(((t, n, h.lower()) for t, n, h in isi), key=lambda x: dikenal[x[0]])))
    if ringkas is not None and str(ringkas).lower() != j.ringkas:
        raise GalatMasukan("Ringkas jangkar tidak cocok dengan ujung-ujung rantainya: jangkar salah salin atau diubah.")
    return j


def baca(nilai: str) -> Jangkar:
    """The anchor ``--jangkar`` names: the printed text, a recap's JSON, or a recap file
    (Markdown, HTML or JSON) carrying it. An old-style ``URUTAN:HASH`` is riwayat's tip alone."""
    teks = nilai
    jalur = Path(nilai)
    try:
        berkas = len(nilai) < 4096 and jalur.is_file()
    except (OSError, ValueError):
        berkas = False
    if berkas:
        try:
            with jalur.open("rb") as f:
                isi = f.read(_BATAS_BERKAS + 1)
        except OSError as e:
            raise GalatMasukan(f"Berkas jangkar {nilai} tidak dapat dibaca ({sebab_baca(e)}).") from None
        if len(isi) > _BATAS_BERKAS:
            raise GalatMasukan(f"Berkas jangkar {nilai} terlalu besar (lebih dari {_BATAS_BERKAS // 2**20} MB).")
        teks = isi.decode("utf-8", errors="replace")
    if teks.lstrip().startswith("{"):
        try:
            d = json.loads(teks)
        except (ValueError, RecursionError):
            d = None
        if d is not None:
            return _dari_json(d)
    teks = teks.replace("\\_", "_")  # Markdown escapes the underscores of kalender_riwayat
    token = _TOKEN.findall(teks)
    if token:
        dilihat: dict[str, tuple[str, int, str]] = {}
        for t, n, h in token:
            if t in dilihat and dilihat[t][1:] != (int(n), h.lower()):
                raise GalatMasukan(f"Teks jangkar memuat dua ujung berbeda untuk buku '{t}'.")
            dilihat[t] = (t, int(n), h.lower())
        ringkas = {r.lower() for r in _RINGKAS.findall(teks)}
        if len(ringkas) > 1:
            raise GalatMasukan("Teks jangkar memuat lebih dari satu ringkas.")
        return _susun(list(dilihat.values()), next(iter(ringkas), None))
    lama = re.fullmatch(r"\s*(\d{1,18})\s*:\s*([0-9a-fA-F]{64})\s*", teks)
    if lama:
        return _susun([("riwayat", int(lama[1]), lama[2])], None)
    if berkas:
        raise GalatMasukan(f"Berkas {nilai} tidak memuat jangkar (riwayat:URUTAN:HASH ... ringkas:HASH).")
    if re.search(r"/|\.(md|html?|json)\s*$", nilai, re.I):  # a recap file meant, and not there
        raise GalatMasukan(f"Berkas jangkar {nilai} tidak ada atau bukan berkas biasa; --jangkar menerima berkas rekap "
                           "yang ada, atau teks jangkar yang dicetaknya.")
    raise GalatMasukan("--jangkar harus berbentuk URUTAN:HASH (ujung riwayat), teks jangkar yang dicetak rekap "
                       "(riwayat:URUTAN:HASH kalender_riwayat:URUTAN:HASH ringkas:HASH), atau berkas rekap; "
                       "hash 64 karakter heksadesimal.")


def periksa(db: sqlite3.Connection, j: Jangkar) -> list[str]:
    """Findings when a chain no longer holds the anchor's entry (cut short or rewritten)."""
    temuan = []
    for tabel, n, h in j.rantai:
        if n == 0:
            continue  # empty when anchored: anything since is later
        baris = db.execute(f"SELECT hash FROM {tabel} WHERE urutan = ?", (n,)).fetchone()
        apa = f"peristiwa #{n}" if tabel == "riwayat" else f"entri #{n} {tabel}"
        if baris is None:
            temuan.append(f"Jangkar: {apa} yang dicatat pada audit sebelumnya tidak ada lagi.")
        elif baris[0] != h:
            temuan.append(f"Jangkar: hash {apa} tidak sama dengan yang dicatat pada audit sebelumnya; {tabel} ditulis ulang.")
    return temuan
