"""``keluhan ekspor``: complaints as rows ``keluhan impor`` reads back, streamed.

One row per complaint with the columns of ``impor.KOLOM``: the catat fields, the
current status, the result of each step, and ``riwayat``: every event after catat
(rework rounds and corrections included), so that importing an export into a fresh
archive reproduces the complaints with their histories.

Three cursors walk complaints, their events and their CAPA rounds in the same order
(the time of recording), merged here: nothing is loaded whole.
"""

from __future__ import annotations

import contextlib

import csv
import json
import re
import sqlite3
from collections.abc import Iterator
from itertools import groupby
from operator import itemgetter
from datetime import date, datetime, timedelta
from typing import IO, Any

from keluhan.galat import GalatKeluhan, GalatMasukan
from keluhan.impor import _WAKTU, KOLOM, KOLOM_LANGKAH, KOLOM_RIWAYAT

# Personal data of the customer (UU 27/2022): blanked by --tanpa-data-pribadi. The name
# goes too: a customer is often a person, not a company, and the company stays in
# ``instansi``. Staff names stay: they act in office and auditors need them.
DATA_PRIBADI = ("nama", "alamat", "telepon", "email")
_KOLOM_CATAT_KELUHAN = {"petugas": "petugas_pencatat"}


def _lipat(teks: str | None) -> str | None:
    return None if teks is None else " ".join(teks.split()).casefold()


def _hp(teks: str | None) -> str | None:
    """A phone number's digits, the country code 62 read as the leading 0 ("+62 812-1111"
    = "0812 1111"); None when there are too few digits to name anyone."""
    if teks is None:
        return None
    angka = re.sub(r"\D", "", teks)
    if angka.startswith("62"):
        angka = "0" + angka[2:]
    return angka if len(angka) >= 6 else None


_SEPERTI_HP = re.compile(r"\+?[\d\s\-().]{6,}")


def _cara_pelanggan(pelanggan: str) -> str:
    """How --pelanggan names a person: "email", "telepon" or "nama"."""
    if "@" in pelanggan:
        return "email"
    if _SEPERTI_HP.fullmatch(pelanggan.strip()) and _hp(pelanggan):
        return "telepon"
    return "nama"


def _cocok_pelanggan(kolom: str) -> str:
    """Complaints whose ``kolom`` is the given value now, or was before a correction."""
    fungsi = "hp" if kolom == "telepon" else "lipat"
    return (
        f"({fungsi}(k.{kolom}) = {fungsi}(?) OR k.id IN (SELECT keluhan_id FROM riwayat WHERE aksi = 'koreksi'"
        f" AND json_extract(rincian, '$.kolom') = '{kolom}' AND {fungsi}(json_extract(rincian, '$.lama')) = {fungsi}(?)))"
    )


def periksa_pelanggan(db: sqlite3.Connection, pelanggan: str) -> None:
    """A name given to --pelanggan must name one person: when complaints under it carry
    different e-mails or phones, they may be namesakes, and sending one the other's
    complaints is a disclosure (UU 27/2022). Refused then, listing the candidates."""
    if _cara_pelanggan(pelanggan) != "nama":
        return
    db.create_function("lipat", 1, _lipat, deterministic=True)
    db.create_function("hp", 1, _hp, deterministic=True)
    calon = db.execute(
        f"SELECT lipat(k.email), hp(k.telepon), MIN(k.nama), MIN(k.instansi), MIN(k.email), MIN(k.telepon), COUNT(*)"
        f" FROM keluhan k WHERE {_cocok_pelanggan('nama')} GROUP BY 1, 2 ORDER BY 3, 4", [pelanggan, pelanggan],
    ).fetchall()
    if len(calon) <= 1:
        return
    daftar = "; ".join(
        f"{nama} ({', '.join(x for x in (instansi, email, telepon) if x) or 'tanpa instansi, email atau telepon'}; "
        f"{n} keluhan)"
        for _e, _t, nama, instansi, email, telepon, n in calon
    )
    raise GalatMasukan(
        f"--pelanggan '{pelanggan}': nama ini dipakai {len(calon)} pelanggan yang email atau teleponnya berbeda "
        f"(mungkin orang yang berbeda): {daftar}. Sebutkan email atau teleponnya, mis. --pelanggan ALAMAT@EMAIL."
    )


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
        # A data subject's request: their complaints under the e-mail, phone or (when it
        # names one person, see periksa_pelanggan) name they have now, or had before a correction.
        syarat.append(_cocok_pelanggan(_cara_pelanggan(pelanggan)))
        nilai += [pelanggan] * 2
    return (" WHERE " + " AND ".join(syarat)) if syarat else "", nilai


def baris(
    db: sqlite3.Connection, *, dari: date | None = None, sampai: date | None = None,
    pelanggan: str | None = None, tanpa_data_pribadi: bool = False, mentah: bool = False,
    isi_lampiran: bool = False,
) -> Iterator[dict[str, Any]]:
    """Every matching complaint as an export row (``riwayat`` a list of dicts), in the
    register's order (recording time, number). ``mentah``: ``riwayat`` as the events with
    their JSON unparsed, for ``tulis`` (parsing and re-encoding every event's rincian was
    most of an export's Python time).

    The cursors read inside one read transaction: they see the same snapshot, so a step a
    clerk writes meanwhile cannot land in ``riwayat`` without its complaint's row.
    ``isi_lampiran``: each ``lampirkan`` event carries its file's bytes (``isi_base64``;
    JSON and NDJSON), so a re-import passes ``periksa``; otherwise only the sha256 and size.
    """
    db.create_function("lipat", 1, _lipat, deterministic=True)
    db.create_function("hp", 1, _hp, deterministic=True)
    sendiri = not db.in_transaction
    if sendiri:
        db.execute("BEGIN")
    try:
        semua = _baris_semua(db, dari=dari, sampai=sampai, pelanggan=pelanggan, tanpa_data_pribadi=tanpa_data_pribadi)
        if isi_lampiran and not tanpa_data_pribadi:  # the files themselves carry names, addresses, signatures
            semua = _dengan_isi_lampiran(db, semua)
        yield from semua if mentah else map(sebagai_dict, semua)
    finally:
        if sendiri and db.in_transaction:
            db.execute("COMMIT")


def _baris_semua(
    db: sqlite3.Connection, *, dari: date | None, sampai: date | None, pelanggan: str | None, tanpa_data_pribadi: bool,
) -> Iterator[dict[str, Any]]:
    where, nilai = _syarat(dari, sampai, pelanggan)
    # The register's order, which keluhan_dicatat_nomor holds: nothing is sorted (a sort of a
    # million rows, or of every CAPA round, stalled the export). Each complaint comes with its
    # last CAPA round; its events follow in ``urutan`` order, checked as they are read.
    urut = "ORDER BY k.dicatat, k.nomor"
    ck = _kursor(
        db, f"SELECT k.rowid, k.*, t.* FROM keluhan k LEFT JOIN tindakan t ON t.keluhan_id = k.id AND t.putaran ="
        f" (SELECT MAX(t2.putaran) FROM tindakan t2 WHERE t2.keluhan_id = k.id){where} {urut}", nilai,
    )
    cr = _kursor(
        db, f"SELECT k.rowid, r.urutan, r.aksi, r.waktu, r.petugas, r.dicatat_pada, r.rincian"
        f" FROM keluhan k CROSS JOIN riwayat r ON r.keluhan_id = k.id{where} {urut}", nilai,
    )
    nama = [d[0] for d in ck.description]
    n_k = nama.index("keluhan_id")  # the first column of tindakan: keluhan's end there
    rencana = _rencana({d: i for i, d in enumerate(nama[:n_k])}, {d: i for i, d in enumerate(nama[n_k:])})
    kelompok = groupby(cr, key=itemgetter(0))
    g = next(kelompok, None)
    for k in ck:
        rid = k[0]
        milik: list[tuple[Any, ...]] = []
        if g is not None and g[0] == rid:
            milik = list(g[1])
            g = next(kelompok, None)
        if any(milik[i][1] > milik[i + 1][1] for i in range(len(milik) - 1)):
            milik.sort(key=itemgetter(1))  # SQLite chose another plan: put them back in order
        peristiwa = [_Peristiwa(p[2], p[3], p[4], p[5], p[6]) for p in milik if p[2] != "catat"]
        t = k[n_k:] if k[n_k] is not None else None
        yield _baris(rencana, k, peristiwa, t, tanpa_data_pribadi)


def _dengan_isi_lampiran(db: sqlite3.Connection, semua: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Rows whose ``lampirkan`` events carry the stored bytes as base64 (none when the
    archive itself holds only their fingerprint)."""
    import base64

    from keluhan import lampiran

    for b in semua:
        for p in b["riwayat"] or ():
            if isinstance(p, _Peristiwa) and p.aksi == "lampirkan":
                isi = lampiran.ambil(db, str(p.rincian.get("sha256")))
                if isi is not None:
                    p.rincian["isi_base64"] = base64.b64encode(isi).decode("ascii")
        yield b


class _Peristiwa:
    """One event of the ``riwayat`` column, its ``rincian`` still the archive's JSON text:
    written back as it is, parsed only when something must change in it."""

    __slots__ = ("aksi", "waktu", "petugas", "dicatat_pada", "_rincian", "_teks")

    def __init__(self, aksi: str, waktu: str, petugas: str, dicatat_pada: str, rincian: str) -> None:
        self.aksi, self.waktu, self.petugas, self.dicatat_pada = aksi, waktu, petugas, dicatat_pada
        self._rincian: dict[str, Any] | None = None
        self._teks: str | None = rincian

    @property
    def rincian(self) -> dict[str, Any]:
        if self._rincian is None:
            self._rincian = json.loads(self._teks)  # type: ignore[arg-type]
            self._teks = None  # may be changed from now on
        return self._rincian

    def rincian_json(self) -> str:
        return self._teks if self._teks is not None else _JSON.encode(self._rincian)

    def json(self) -> str:
        """The event as compact JSON, keys in the order ``ekspor`` always wrote them."""
        rincian = self._teks if self._teks is not None else _JSON.encode(self._rincian)
        return (f'{{"aksi":{_str(self.aksi)},"waktu":{_str(self.waktu)},"petugas":{_str(self.petugas)},'
                f'"dicatat_pada":{_str(self.dicatat_pada)},"rincian":{rincian}}}')

    def dict(self) -> dict[str, Any]:
        return {"aksi": self.aksi, "waktu": self.waktu, "petugas": self.petugas, "dicatat_pada": self.dicatat_pada,
                "rincian": self.rincian}


# The archive's rincian is compact JSON with sorted keys (arsip._rincian_json); written back as
# text it is what parsing and encoding it again gave (json keeps the order it reads).
_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_str = json.encoder.encode_basestring


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
    rencana: list[tuple[str, str, Any]], k: tuple[Any, ...], peristiwa: list[_Peristiwa],
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
            hasil[kol] = next((p.petugas for p in reversed(peristiwa) if p.aksi == i), None)
    if tanpa:
        nilai = [hasil[kol] for kol in DATA_PRIBADI]
        for kol in DATA_PRIBADI:
            hasil[kol] = None
        for p in peristiwa:
            if p.aksi == "koreksi" and p.rincian.get("kolom") in DATA_PRIBADI:
                nilai += [p.rincian.get("lama"), p.rincian.get("baru")]
                p.rincian["lama"] = p.rincian["baru"] = None
        pola = pola_pribadi(nilai)
        if pola is not None:
            for kol, v in hasil.items():
                if isinstance(v, str):
                    hasil[kol] = pola.sub(SAMARAN, v)
            for p in peristiwa:
                if pola.search(p.rincian_json()):
                    p.rincian.update(_samarkan(p.rincian, pola))
    return hasil


# What stands for the customer's own name, address, e-mail or phone inside free text.
SAMARAN = "(data pribadi)"


def pola_pribadi(nilai: list[Any]) -> re.Pattern[str] | None:
    """A pattern finding, case-insensitively, any of a complaint's personal values (current
    and former) of 3 characters or more inside free text: an e-mail complaint's body ends
    with the sender's signature, a clerk's note names the caller. None when there is none."""
    teks = sorted({v.strip() for v in nilai if isinstance(v, str) and len(v.strip()) >= 3}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, teks)), re.IGNORECASE) if teks else None


def _samarkan(v: Any, pola: re.Pattern[str]) -> Any:
    if isinstance(v, str):
        return pola.sub(SAMARAN, v)
    if isinstance(v, dict):
        return {k: _samarkan(x, pola) for k, x in v.items()}
    if isinstance(v, list):
        return [_samarkan(x, pola) for x in v]
    return v


def _riwayat_json(peristiwa: list[_Peristiwa]) -> str | None:
    """The ``riwayat`` column as compact JSON (None when there is no event after catat)."""
    return "[" + ",".join(p.json() for p in peristiwa) + "]" if peristiwa else None


def sebagai_dict(b: dict[str, Any]) -> dict[str, Any]:
    """An export row with ``riwayat`` as plain dicts (for JSON output and callers)."""
    if b["riwayat"] and isinstance(b["riwayat"][0], _Peristiwa):
        return {**b, "riwayat": [p.dict() for p in b["riwayat"]]}
    return b


def tulis(baris_iter: Iterator[dict[str, Any]], keluar: IO[str], format: str, *, pemisah: str = ",") -> int:
    """Write rows as csv (``pemisah`` between cells), json (one array) or ndjson (one
    object a line); returns the count."""
    n = 0
    if format == "csv":
        w = csv.writer(keluar, lineterminator="\r\n", delimiter=pemisah)
        w.writerow(KOLOM)
        enc = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
        for b in baris_iter:
            r = b["riwayat"]
            b["riwayat"] = _riwayat_json(r) if r and isinstance(r[0], _Peristiwa) else enc.encode(r) if r else None
            w.writerow(b.values())
            n += 1
    elif format == "ndjson":
        for b in baris_iter:
            keluar.write(json.dumps(sebagai_dict(b), ensure_ascii=False, separators=(",", ":")) + "\n")
            n += 1
    else:
        keluar.write("[")
        for b in baris_iter:
            keluar.write(("\n" if n == 0 else ",\n") + json.dumps(sebagai_dict(b), ensure_ascii=False))
            n += 1
        keluar.write("\n]\n" if n else "]\n")
    return n


# -- csv and ndjson in one SQL pass --------------------------------------------------------
# ``tulis_sql`` is what ``keluhan ekspor`` runs for csv and ndjson: SQLite joins each complaint
# with its last CAPA round and builds its ``riwayat`` JSON (and, for ndjson, the whole line)
# itself, in the register's order, so Python only hands finished rows to the csv module or
# writes lines: no dict per row, no JSON parsing (issue 17: 30,000 complaints/s). The columns
# come from the same plan as ``baris`` (``impor.KOLOM`` and ``KOLOM_LANGKAH``), and
# tests/test_ekspor.py holds both paths to the same bytes.

# One event after catat as ``_Peristiwa.json`` writes it; ``{rincian}`` is the stored JSON
# text (compact, ensure_ascii=False, as arsip writes it), or the expression that changes it.
# SQLite's json_object quotes the four strings in one call as json_quote would (the same
# escapes as Python's json with ensure_ascii=False); its placeholder ``"rincian":0}`` is cut
# off (rtrim stops at the colon) and the stored text put in its place as it is.
_SQL_PERISTIWA = ("rtrim(json_object('aksi', r.aksi, 'waktu', r.waktu, 'petugas', r.petugas, 'dicatat_pada',"
                  " r.dicatat_pada, 'rincian', 0), '0}}') || {rincian} || '}}'")


def _sql_rincian(tanpa_data_pribadi: bool, isi_lampiran: bool) -> str:
    """The event's rincian as the export writes it (see ``_baris`` and ``_dengan_isi_lampiran``)."""
    rincian = "r.rincian"
    if tanpa_data_pribadi:  # a correction of personal data keeps neither value
        pribadi = ", ".join(f"'{k}'" for k in DATA_PRIBADI)
        rincian = (f"CASE WHEN r.aksi = 'koreksi' AND json_extract(r.rincian, '$.kolom') IN ({pribadi})"
                   f" THEN json_set(r.rincian, '$.lama', NULL, '$.baru', NULL) ELSE r.rincian END")
    if isi_lampiran:  # an attachment event carries its stored bytes, when the archive holds them
        from keluhan.lampiran import TABEL

        rincian = (f"CASE WHEN r.aksi = 'lampirkan' THEN coalesce((SELECT json_set(r.rincian, '$.isi_base64', b64(l.isi))"
                   f" FROM {TABEL} l WHERE l.sha256 = json_extract(r.rincian, '$.sha256') AND l.isi IS NOT NULL),"
                   f" r.rincian) ELSE {rincian} END")
    return rincian


def _sql_kolom(tanpa_data_pribadi: bool, isi_lampiran: bool) -> list[tuple[str, str]]:
    """(column, SQL expression) for every column of ``impor.KOLOM``, over ``keluhan k`` and its
    last CAPA round ``t`` (the same sources as ``_rencana``)."""
    hasil: list[tuple[str, str]] = []
    for kol in KOLOM:
        if kol == "riwayat":
            peristiwa = _SQL_PERISTIWA.format(rincian=_sql_rincian(tanpa_data_pribadi, isi_lampiran))
            # ORDER BY in the subquery: SQLite does not flatten it into the aggregate, so
            # group_concat sees the events in urutan order (riwayat_keluhan's order).
            hasil.append((kol, f"(SELECT '[' || group_concat(e, ',') || ']' FROM (SELECT {peristiwa} AS e FROM riwayat r"
                               f" WHERE r.keluhan_id = k.id AND r.aksi <> 'catat' ORDER BY r.urutan))"))
        elif kol in KOLOM_LANGKAH:
            sumber, nama = KOLOM_LANGKAH[kol]
            if sumber == "p":  # the petugas of the last such event (the keluhan row keeps none)
                cari = (f"(SELECT r.petugas FROM riwayat r WHERE r.keluhan_id = k.id AND r.aksi = '{nama}'"
                        f" ORDER BY r.urutan DESC LIMIT 1)")
                # Looked up only where the step happened: its time column is set by that event
                # alone (and no koreksi changes it), so elsewhere there is none to find.
                waktu = KOLOM_LANGKAH.get(kol.removesuffix("_petugas") + "_waktu")
                hasil.append((kol, f"CASE WHEN {waktu[0]}.{waktu[1]} IS NOT NULL THEN {cari} END" if waktu else cari))
            else:
                hasil.append((kol, f"{sumber}.{nama}"))
        elif tanpa_data_pribadi and kol in DATA_PRIBADI:
            hasil.append((kol, "NULL"))
        else:
            hasil.append((kol, f"k.{_KOLOM_CATAT_KELUHAN.get(kol, kol)}"))
    return hasil


def _sql_sel_csv(kol: str, e: str, pemisah: str, *, polos: bool = False) -> str:
    """One CSV cell as the csv module writes it (QUOTE_MINIMAL, lines ending in CR LF): NULL
    for an empty cell (printf writes it as nothing), quoted with inner quotes doubled when it
    holds a quote, the separator, CR or LF. ``polos``: the row is known to hold no quote, CR
    or LF, so only the separator decides."""
    if kol == "riwayat":  # JSON: always holds quotes; evaluated once (the subquery is the costly part)
        return f"'\"' || replace({e}, '\"', '\"\"') || '\"'"
    tanda = _sql_tanda(pemisah)
    if polos:
        return f"CASE WHEN instr({e}, {tanda}) THEN '\"' || {e} || '\"' ELSE {e} END"
    return (f"CASE WHEN instr({e}, '\"') OR instr({e}, {tanda}) OR instr({e}, char(13)) OR instr({e}, char(10))"
            f" THEN '\"' || replace({e}, '\"', '\"\"') || '\"' ELSE {e} END")


def _sql_tanda(pemisah: str) -> str:
    return "char(9)" if pemisah == "\t" else f"'{pemisah}'"


def _sql_baris_csv(kolom: list[tuple[str, str]], pemisah: str) -> str:
    """A whole CSV line, written by one printf (a chain of ``||`` copies the growing line at
    every cell). Most rows hold no quote, CR or LF in any cell: json_array over the row's
    cells has no backslash exactly then (it escapes those, and backslashes and other
    control characters, which only send a row to the full test), and such a row's cells
    need only look for the separator (four searches a cell were a third of an export)."""
    teks = [e for k, e in kolom if k != "riwayat"]
    format_ = "'" + pemisah.join(["%s"] * len(kolom)) + "'"

    def baris(polos: bool) -> str:
        return f"printf({format_}, " + ", ".join(_sql_sel_csv(k, e, pemisah, polos=polos) for k, e in kolom) + ")"

    return f"CASE WHEN instr(json_array({', '.join(teks)}), '\\') THEN {baris(False)} ELSE {baris(True)} END"


def sql_ekspor(format: str, where: str = "", *, pemisah: str = ",", tanpa_data_pribadi: bool = False,
               isi_lampiran: bool = False) -> str:
    """The one SELECT of an export: one column per complaint holding its whole line, csv
    (the columns of ``impor.KOLOM``, separated by ``pemisah``) or ndjson (keys in that order,
    ``riwayat`` a list). In the register's order (``keluhan_dicatat_nomor``)."""
    kolom = _sql_kolom(tanpa_data_pribadi, isi_lampiran)
    if format == "ndjson":
        # json_object writes the keys and values as json.dumps does (compact separators,
        # ensure_ascii=False), in one call; ``riwayat``, already JSON text, replaces the
        # placeholder ``0}`` (cut by rtrim, which stops at the colon). 43 keys: SQLite takes
        # up to 127 arguments.
        pasangan = ", ".join(f"'{k}', {'0' if k == 'riwayat' else e}" for k, e in kolom)
        (riwayat,) = [e for k, e in kolom if k == "riwayat"]
        if kolom[-1][0] != "riwayat":
            raise ValueError("riwayat harus kolom terakhir")
        pilih = f"rtrim(json_object({pasangan}), '0}}') || coalesce({riwayat}, '[]') || '}}'"
    else:
        if kolom[-1][0] != "riwayat":
            raise ValueError("riwayat harus kolom terakhir")
        pilih = _sql_baris_csv(kolom, pemisah)
    # The last CAPA round by its rowid: one search of (keluhan_id, putaran), then the row.
    return (f"SELECT {pilih} FROM keluhan k LEFT JOIN tindakan t ON t.rowid = (SELECT t2.rowid FROM tindakan t2"
            f" WHERE t2.keluhan_id = k.id ORDER BY t2.putaran DESC LIMIT 1){where} ORDER BY k.dicatat, k.nomor")


def pasang_fungsi(db: sqlite3.Connection) -> None:
    """The SQL functions an export's query calls (a customer's name and phone folded, base64)."""
    db.create_function("lipat", 1, _lipat, deterministic=True)
    db.create_function("hp", 1, _hp, deterministic=True)
    db.create_function("b64", 1, _b64, deterministic=True)


def _b64(isi: bytes | None) -> str | None:
    import base64

    return None if isi is None else base64.b64encode(isi).decode("ascii")


def tulis_sql(
    db: sqlite3.Connection, keluar: IO[str], format: str, *, pemisah: str = ",", dari: date | None = None,
    sampai: date | None = None, pelanggan: str | None = None, tanpa_data_pribadi: bool = False,
    isi_lampiran: bool = False, biner: bool = False,
) -> int:
    """``tulis(baris(...), keluar, format)`` for csv and ndjson, the same bytes, from one SQL
    pass; returns the count. Inside one read transaction, as ``baris``. ``biner``: ``keluar``
    is a UTF-8 text file that translates no line ends (opened with newline=""): the lines go
    to its ``buffer`` as SQLite's UTF-8 bytes, never decoded into str and encoded again."""
    if format not in ("csv", "ndjson"):
        raise ValueError(format)
    if tanpa_data_pribadi:
        # The customer's own name, address, e-mail and phone are masked in each complaint's
        # free text and events (_baris), which one SQL pass does not do; nor are the
        # attached files' bytes in such an export.
        baris_ = baris(db, dari=dari, sampai=sampai, pelanggan=pelanggan, tanpa_data_pribadi=True, mentah=True)
        try:
            return tulis(baris_, keluar, format, pemisah=pemisah)
        finally:
            baris_.close()
    pasang_fungsi(db)
    where, nilai = _syarat(dari, sampai, pelanggan)
    sql = sql_ekspor(format, where, pemisah=pemisah, tanpa_data_pribadi=tanpa_data_pribadi, isi_lampiran=isi_lampiran)
    sendiri = not db.in_transaction
    if sendiri:
        db.execute("BEGIN")
    pabrik = db.text_factory
    try:
        n = 0
        if format == "csv":
            csv.writer(keluar, lineterminator="\r\n", delimiter=pemisah).writerow(KOLOM)
        akhir: Any = "\r\n" if format == "csv" else "\n"
        tujuan: Any = keluar
        if biner:
            keluar.flush()  # the header (and utf-8-sig's BOM) first
            tujuan, akhir = keluar.buffer, akhir.encode()  # type: ignore[attr-defined]
            db.text_factory = bytes  # the SQL functions still get str (sqlite3 converts their arguments itself)
        kursor = _kursor(db, sql, nilai)
        kursor.arraysize = 1000
        while potong := kursor.fetchmany():
            tujuan.write(akhir.join([b[0] for b in potong]))  # not `+ akhir`: a second copy of ~2 MB a batch
            tujuan.write(akhir)
            n += len(potong)
        return n
    finally:
        db.text_factory = pabrik
        if sendiri and db.in_transaction:
            db.execute("COMMIT")


# Excel's limit for one cell's text.
_BATAS_SEL = 32_767
# Columns written as text cells (format "@"): Excel must never turn them into numbers.
_KOLOM_TEKS = frozenset({"nomor", "telepon", "referensi"})
_SEPERTI_ANGKA = re.compile(r"[+-]?[\d.,\sEe+-]+")


def tulis_xlsx(baris_iter: Iterator[dict[str, Any]], keluar: IO[bytes]) -> int:
    """Write rows as an .xlsx workbook (openpyxl write-only: rows stream to the file, never
    held whole): sheet "Keluhan" one complaint a row in ``impor.KOLOM`` without
    ``riwayat``, times and dates as real date cells in the archive's local time, numbers,
    phones and ids as text cells, the header frozen; sheet "Riwayat" every event after
    catat one a row (a cell holds at most 32,767 characters, a history can be longer),
    which ``impor`` reads back as the ``riwayat`` column."""
    import openpyxl
    from openpyxl.cell import WriteOnlyCell

    buku = openpyxl.Workbook(write_only=True)
    lk = buku.create_sheet("Keluhan")
    lr = buku.create_sheet("Riwayat")
    lk.freeze_panes = lr.freeze_panes = "A2"
    kolom = [k for k in KOLOM if k != "riwayat"]
    lk.append(kolom)
    lr.append(list(KOLOM_RIWAYAT))

    def teks(ws: Any, v: str, paksa: bool = False, *, nomor: str, kolom: str) -> Any:
        if len(v) > _BATAS_SEL:
            raise GalatKeluhan(
                f"Keluhan {nomor}, kolom {kolom}: nilai lebih dari {_BATAS_SEL} karakter, batas satu sel Excel; "
                "ekspor sebagai --format json atau ndjson."
            )
        if paksa or _SEPERTI_ANGKA.fullmatch(v):
            c = WriteOnlyCell(ws, value=v)
            c.number_format = "@"
            c.data_type = "s"
            return c
        if v.startswith("="):
            # openpyxl writes a string beginning with '=' as a live formula: a customer named
            # '=HYPERLINK("http://...","klik")' (catat --dari-eml takes the name from the sender)
            # would become a link in the office's workbook. Text stays text.
            c = WriteOnlyCell(ws, value=v)
            c.data_type = "s"
            return c
        return v

    def waktu(ws: Any, v: str) -> Any:
        if "T" not in v:  # a date (target; a letter's date)
            c = WriteOnlyCell(ws, value=date.fromisoformat(v))
            c.number_format = "yyyy-mm-dd"
            return c
        c = WriteOnlyCell(ws, value=datetime.fromisoformat(v).replace(tzinfo=None))  # local time of the archive's zone
        c.number_format = "yyyy-mm-dd hh:mm:ss"
        return c

    n = 0
    try:
        for b in baris_iter:
            nomor = b["nomor"]
            sel: list[Any] = []
            for k in kolom:
                v = b[k]
                if v is None:
                    sel.append(None)
                elif k in _WAKTU or k == "target":
                    sel.append(waktu(lk, v))
                elif isinstance(v, str):
                    sel.append(teks(lk, v, k in _KOLOM_TEKS, nomor=nomor, kolom=k))
                else:
                    sel.append(v)
            lk.append(sel)
            for p in b["riwayat"] or ():
                if isinstance(p, dict):
                    p = _Peristiwa(p["aksi"], p["waktu"], p["petugas"], p["dicatat_pada"], _JSON.encode(p["rincian"]))
                lr.append([teks(lr, nomor, True, nomor=nomor, kolom="nomor"), p.aksi, waktu(lr, p.waktu),
                           teks(lr, p.petugas, nomor=nomor, kolom="petugas") if p.petugas else p.petugas,
                           waktu(lr, p.dicatat_pada), teks(lr, p.rincian_json(), True, nomor=nomor, kolom="rincian")])
            n += 1
    except BaseException:
        # Close the sheets' row writers while their files are still open: left to the garbage
        # collector they write to closed files and Python prints a traceback under the Galat line.
        for ws in (lk, lr):
            with contextlib.suppress(Exception):
                ws.close()
        raise
    buku.save(keluar)
    return n
