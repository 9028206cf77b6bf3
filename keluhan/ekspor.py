"""``keluhan ekspor``: complaints as rows ``keluhan impor`` reads back, streamed.

One row per complaint with the columns of ``impor.KOLOM``: the catat fields, the
current status, the result of each step, and ``riwayat``: every event after catat
(rework rounds and corrections included), so that importing an export into a fresh
archive reproduces the complaints with their histories.

Three cursors walk complaints, their events and their CAPA rounds in the same order
(the time of recording), merged here: nothing is loaded whole.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta
from typing import IO, Any

from keluhan.impor import KOLOM, KOLOM_LANGKAH

# Personal data of the customer (UU 27/2022): blanked by --tanpa-data-pribadi. The name
# goes too: a customer is often a person, not a company, and the company stays in
# ``instansi``. Staff names stay: they act in office and auditors need them.
DATA_PRIBADI = ("nama", "alamat", "telepon", "email")
_KOLOM_CATAT_KELUHAN = {"petugas": "petugas_pencatat"}


def _lipat(teks: str | None) -> str | None:
    return None if teks is None else " ".join(teks.split()).casefold()


def _syarat(
    dari: date | None, sampai: date | None, pelanggan: str | None,
) -> tuple[str, list[Any]]:
    syarat, nilai = [], []
    if dari:
        syarat.append("k.dicatat >= ?")
        nilai.append(dari.isoformat())
    if sampai:
        syarat.append("k.dicatat < ?")
        nilai.append((sampai + timedelta(days=1)).isoformat())
    if pelanggan:
        # A data subject's request: their complaints under the name or email they have
        # now, or had before a correction.
        syarat.append(
            "(lipat(k.nama) = lipat(?) OR lipat(k.email) = lipat(?) OR k.id IN ("
            "SELECT keluhan_id FROM riwayat WHERE aksi = 'koreksi'"
            " AND json_extract(rincian, '$.kolom') IN ('nama', 'email')"
            " AND lipat(json_extract(rincian, '$.lama')) = lipat(?)))"
        )
        nilai += [pelanggan] * 3
    return (" WHERE " + " AND ".join(syarat)) if syarat else "", nilai


def baris(
    db: sqlite3.Connection, *, dari: date | None = None, sampai: date | None = None,
    pelanggan: str | None = None, tanpa_data_pribadi: bool = False,
) -> Iterator[dict[str, Any]]:
    """Every matching complaint as an export row (``riwayat`` a list), oldest first.

    The three cursors read inside one read transaction: they see the same snapshot, so a
    step a clerk writes meanwhile cannot land in ``riwayat`` without its complaint's row.
    """
    db.create_function("lipat", 1, _lipat, deterministic=True)
    sendiri = not db.in_transaction
    if sendiri:
        db.execute("BEGIN")
    try:
        yield from _baris_semua(db, dari=dari, sampai=sampai, pelanggan=pelanggan, tanpa_data_pribadi=tanpa_data_pribadi)
    finally:
        if sendiri and db.in_transaction:
            db.execute("COMMIT")


def _baris_semua(
    db: sqlite3.Connection, *, dari: date | None, sampai: date | None, pelanggan: str | None, tanpa_data_pribadi: bool,
) -> Iterator[dict[str, Any]]:
    where, nilai = _syarat(dari, sampai, pelanggan)
    urut = "ORDER BY k.dicatat, k.rowid"
    ck = _kursor(db, f"SELECT k.rowid, k.* FROM keluhan k{where} {urut}", nilai)
    cr = _kursor(
        db, f"SELECT k.rowid, r.aksi, r.waktu, r.petugas, r.dicatat_pada, r.rincian"
        f" FROM keluhan k JOIN riwayat r ON r.keluhan_id = k.id{where} {urut}, r.urutan", nilai,
    )
    ct = _kursor(db, f"SELECT k.rowid, t.* FROM keluhan k JOIN tindakan t ON t.keluhan_id = k.id{where} {urut}, t.putaran", nilai)
    rencana = _rencana({d[0]: i for i, d in enumerate(ck.description)}, {d[0]: i for i, d in enumerate(ct.description)})
    r_next = next(cr, None)
    t_next = next(ct, None)
    for k in ck:
        rid = k[0]
        peristiwa: list[dict[str, Any]] = []
        while r_next is not None and r_next[0] == rid:
            if r_next[1] != "catat":
                peristiwa.append({
                    "aksi": r_next[1], "waktu": r_next[2], "petugas": r_next[3],
                    "dicatat_pada": r_next[4], "rincian": json.loads(r_next[5]),
                })
            r_next = next(cr, None)
        tindakan = None
        while t_next is not None and t_next[0] == rid:
            tindakan = t_next
            t_next = next(ct, None)
        yield _baris(rencana, k, peristiwa, tindakan, tanpa_data_pribadi)


def _kursor(db: sqlite3.Connection, sql: str, nilai: list[Any]) -> sqlite3.Cursor:
    """A cursor yielding plain tuples (sqlite3.Row's name look-ups cost a third of an export)."""
    c = db.cursor()
    c.row_factory = None
    return c.execute(sql, nilai)



def _rencana(kol_k: dict[str, int], kol_t: dict[str, int]) -> list[tuple[str, str, Any]]:
    """Where each export column comes from, resolved once per export: ("k", index in the
    keluhan row), ("t", index in the last CAPA round), ("p", aksi whose petugas), ("r", None)."""
    hasil: list[tuple[str, str, Any]] = []
    for kol in KOLOM:
        if kol == "riwayat":
            hasil.append((kol, "r", None))
        elif kol in KOLOM_LANGKAH:
            sumber, nama = KOLOM_LANGKAH[kol]
            hasil.append((kol, sumber, kol_k[nama] if sumber == "k" else kol_t[nama] if sumber == "t" else nama))
        else:
            hasil.append((kol, "k", kol_k[_KOLOM_CATAT_KELUHAN.get(kol, kol)]))
    return hasil


def _baris(
    rencana: list[tuple[str, str, Any]], k: tuple[Any, ...], peristiwa: list[dict[str, Any]],
    t: tuple[Any, ...] | None, tanpa: bool,
) -> dict[str, Any]:
    hasil: dict[str, Any] = {}
    for kol, sumber, i in rencana:
        if sumber == "k":
            hasil[kol] = k[i]
        elif sumber == "t":
            hasil[kol] = t[i] if t is not None else None
        elif sumber == "r":
            hasil[kol] = peristiwa
        else:
            hasil[kol] = next((p["petugas"] for p in reversed(peristiwa) if p["aksi"] == i), None)
    if tanpa:
        for kol in DATA_PRIBADI:
            hasil[kol] = None
        for p in peristiwa:
            if p["aksi"] == "koreksi" and p["rincian"].get("kolom") in DATA_PRIBADI:
                p["rincian"]["lama"] = p["rincian"]["baru"] = None
    return hasil


def tulis(baris_iter: Iterator[dict[str, Any]], keluar: IO[str], format: str) -> int:
    """Write rows as csv, json (one array) or ndjson (one object a line); returns the count."""
    n = 0
    if format == "csv":
        w = csv.writer(keluar, lineterminator="\r\n")
        w.writerow(KOLOM)
        enc = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
        for b in baris_iter:
            b["riwayat"] = enc.encode(b["riwayat"]) if b["riwayat"] else None
            w.writerow(b.values())
            n += 1
    elif format == "ndjson":
        for b in baris_iter:
            keluar.write(json.dumps(b, ensure_ascii=False, separators=(",", ":")) + "\n")
            n += 1
    else:
        keluar.write("[")
        for b in baris_iter:
            keluar.write(("\n" if n == 0 else ",\n") + json.dumps(b, ensure_ascii=False))
            n += 1
        keluar.write("\n]\n" if n else "]\n")
    return n
