"""Generated parts of ``docs/``: they are made from the code, so they cannot drift.

A docs file marks a generated block with ``<!-- [[[ nama ]]] -->`` ... ``<!-- [[[ akhir ]]] -->``;
``python -m keluhan.dokumen`` (``make docs``) rewrites every such block from ``BLOK[nama]``,
and tests/test_dokumen.py fails when a committed file differs from what it would write.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

from keluhan import workflow as wf

DOCS = Path(__file__).resolve().parent.parent / "docs"
_BLOK = re.compile(r"(<!-- \[\[\[ (?P<nama>[\w-]+) \]\]\] -->\n)(?P<isi>.*?)(<!-- \[\[\[ akhir \]\]\] -->)", re.S)


def label_aksi(aksi: wf.Aksi) -> str:
    """The command line that performs ``aksi``: ``validasi --tidak-benar``."""
    perintah = wf.PERINTAH[aksi]
    sisa = aksi.value.removeprefix(perintah).lstrip("_")
    return f"{perintah} --{sisa.replace('_', '-')}" if sisa else perintah


def _nomor(n: int | None) -> str:
    """A step's number as docs/alur.md shows it: 1-6 the SOP's, then the appeal and its decision."""
    return {7: "banding", 8: "putusan banding"}.get(n or 0, str(n or ""))


def _penjaga(e: wf.Entri) -> str:
    return ", ".join(f"`{g.value}`" for g in e.penjaga) or "—"


def diagram_status() -> str:
    """The states and every status-changing entry of the table, guards in brackets."""
    baris = ["```mermaid", "stateDiagram-v2"]
    for dari, ke_map in wf.TRANSISI.items():
        for aksi, ke in ke_map.items():
            jaga = wf.ENTRI[aksi].penjaga
            label = label_aksi(aksi) + (f" [{', '.join(g.value for g in jaga)}]" if jaga else "")
            baris.append(f"    {dari.value if dari else '[*]'} --> {ke.value}: {label}")
    baris += [f"    {s.value} --> [*]" for s in wf.Status if not wf.TRANSISI[s]]
    baris.append("```")
    return "\n".join(baris) + "\n"


def tabel_transisi() -> str:
    baris = [
        "| status sekarang | perintah | status baru | langkah SOP | pelaksana | mutu baku | penjaga | jam |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for dari, ke_map in wf.TRANSISI.items():
        for aksi, ke in ke_map.items():
            n = wf.LANGKAH_AKSI[aksi]
            lk = wf.LANGKAH[n] if n else None
            e = wf.ENTRI[aksi]
            pelaksana = lk.pelaksana if lk else wf.PELAKSANA_BUKAN_LANGKAH.get(aksi, "")
            baris.append(
                f"| {dari.value if dari else '(belum ada)'} | `keluhan {label_aksi(aksi)}` | {ke.value} "
                f"| {_nomor(n) if n else '— (bukan langkah)'} | {pelaksana} | {lk.mutu_baku if lk and lk.mutu_baku else '—'} "
                f"| {_penjaga(e)} | `{e.jam.value}` |"
            )
    return "\n".join(baris) + "\n"


def tabel_peristiwa() -> str:
    """The table's status-less events: where each may happen, its guards, its clock effect."""
    baris = ["| perintah | boleh pada status | penjaga | jam |", "| --- | --- | --- | --- |"]
    for e in wf.TABEL:
        if e.ke is None:
            semua = set(e.dari) == set(wf.Status)
            dari = "semua status" if semua else ", ".join(f"`{s.value}`" for s in e.dari if s)
            baris.append(f"| `keluhan {label_aksi(e.aksi)}` | {dari} | {_penjaga(e)} | `{e.jam.value}` |")
    return "\n".join(baris) + "\n"


def daftar_penjaga() -> str:
    """Each named guard, its rule, and the events it guards."""
    return "".join(
        f"- `{g.value}`: {wf.ATURAN_PENJAGA[g]}; menjaga "
        + ", ".join(f"`keluhan {label_aksi(e.aksi)}`" for e in wf.TABEL if g in e.penjaga) + "\n"
        for g in wf.Penjaga
    )


def daftar_jam() -> str:
    """Each clock effect an entry can have."""
    return "".join(f"- `{j.value}`: {wf.ARTI_JAM[j]}\n" for j in wf.Jam)


def tabel_langkah() -> str:
    baris = ["| langkah | aktivitas (SOP) | pelaksana | perintah | mutu baku |", "| --- | --- | --- | --- | --- |"]
    for lk in wf.LANGKAH.values():
        baris.append(
            f"| {_nomor(lk.nomor)} | {lk.nama} | {lk.pelaksana} "
            f"| {'`keluhan ' + lk.perintah + '`' if lk.perintah else '(waktunya: `catat --diajukan`)'} | {lk.mutu_baku or '—'} |"
        )
    return "\n".join(baris) + "\n"


def daftar_status() -> str:
    def lain(s: wf.Status) -> str:
        p = [wf.PERINTAH[a] for a in wf.TRANSISI[s] if wf.ENTRI[a].jam is wf.Jam.HENTI]
        return f" (bila salah catat: {', '.join(f'`keluhan {x}`' for x in p)})" if p else ""

    return "".join(
        f"- `{s.value}`: berikutnya {', '.join(f'`keluhan {p}`' for p in wf.perintah_berikutnya(s)) or 'tidak ada (akhir)'}"
        f"{lain(s)}\n"
        for s in wf.Status
    )


def daftar_aksi() -> str:
    return "".join(
        f"- `{a.value}`: langkah {wf.LANGKAH_AKSI[a] or ('— (bukan langkah)' if wf.mengubah_status(a) else '— (tidak mengubah status)')}, "
        f"perintah `keluhan {label_aksi(a)}`\n"
        for a in wf.Aksi
    )


def skema_tenggat() -> str:
    """The working-time SLA part of the schema (migration m002), as sqlite3's .schema shows it."""
    import sqlite3
    import textwrap

    from keluhan import migrasi, tenggat

    db = sqlite3.connect(":memory:", isolation_level=None)
    migrasi.terapkan(db, "2026-01-01T00:00:00+07:00")
    nama = ",".join(f"'{n}'" for n in tenggat.OBJEK_SKEMA)
    sql = [textwrap.dedent("        " + r[0]).strip() + ";" for r in db.execute(
        f"SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND tbl_name IN ({nama}) ORDER BY rowid")]
    return "```sql\n" + "\n\n".join(sql) + "\n```\n"


def kolom_impor() -> str:
    from keluhan import impor

    return impor.tabel_kolom()


def skema_arsip() -> str:
    from keluhan import skema

    return skema.dokumen_skema()


def kueri_audit() -> str:
    from keluhan import skema

    return skema.dokumen_kueri()


def daftar_rantai() -> str:
    """docs/jaminan.md's table of hash chains, from keluhan/rantai.py (the one list)."""
    from keluhan import rantai

    baris = ["| tabel | isi | kolom yang di-hash, berurutan (sesudah `hash_sebelum`) |", "| --- | --- | --- |"]
    baris += [f"| `{r.tabel}` | {r.isi} | {', '.join(f'`{k}`' for k in r.kolom)} |" for r in rantai.SEMUA]
    return "\n".join(baris) + "\n"


def periksa_arsip() -> str:
    """docs/periksa_arsip.py itself, as docs/jaminan.md shows it."""
    return "```python\n" + (DOCS / "periksa_arsip.py").read_text(encoding="utf-8") + "```\n"


BLOK: dict[str, Callable[[], str]] = {
    "daftar-rantai": daftar_rantai,
    "periksa-arsip": periksa_arsip,
    "skema-tenggat": skema_tenggat,
    "diagram-status": diagram_status,
    "tabel-transisi": tabel_transisi,
    "tabel-peristiwa": tabel_peristiwa,
    "daftar-penjaga": daftar_penjaga,
    "daftar-jam": daftar_jam,
    "tabel-langkah": tabel_langkah,
    "daftar-status": daftar_status,
    "daftar-aksi": daftar_aksi,
    "kolom-impor": kolom_impor,
    "skema-arsip": skema_arsip,
    "kueri-audit": kueri_audit,
}


def isi_baru(teks: str) -> str:
    """``teks`` with every generated block remade; an unknown block name is an error."""

    def ganti(m: re.Match[str]) -> str:
        nama = m["nama"]
        if nama not in BLOK:
            raise KeyError(f"blok dokumen tidak dikenal: {nama}")
        return m[1] + BLOK[nama]() + m[4]

    return _BLOK.sub(ganti, teks)


def berkas() -> list[Path]:
    return sorted(p for p in DOCS.rglob("*.md") if _BLOK.search(p.read_text(encoding="utf-8")))


def main() -> None:
    for p in berkas():
        lama = p.read_text(encoding="utf-8")
        baru = isi_baru(lama)
        if baru != lama:
            p.write_text(baru, encoding="utf-8")
            print(f"diperbarui: {p.relative_to(DOCS.parent)}")
    sys.exit(0)


if __name__ == "__main__":
    main()
