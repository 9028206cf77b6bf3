"""Datasette for an auditor: the metadata ``keluhan datasette`` writes for the archive at hand.

Datasette names a database after its file (``arsip-2026.db`` is ``arsip-2026``) and reads
per-table rules under that name, so the metadata is made for one file. What it does:

- a front page (Datasette's index and the database page) that says what this archive is
  and lists the audit queries first, then the views to browse;
- every documented audit query (``skema.KUERI``) a canned query, its parameters explained
  with an example;
- personal data off the pages: the tables and views that carry the customer's name,
  address, phone or e-mail (``keluhan``, ``riwayat`` whose ``rincian`` repeats them,
  ``v_keluhan_status``, ``v_terlambat``, ``v_riwayat``) are visible to Datasette's root
  actor only, with redacted views (migration m007) in their place; arbitrary SQL
  (``allow_sql``) is root-only too, since a table rule does not stop ``?sql=``; whole-file
  download is off by the settings printed with the command (``allow_download``), and off
  anyway for a file Datasette opens mutable;
- internal tables hidden; column notes folded under the table's description, so the data
  comes first.

A Balai that wants more (for its own quality manager) starts Datasette with ``--root``
and opens the printed link: root sees every table and may run SQL (docs/arsip.md).
"""

from __future__ import annotations

import html
import json
import re
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

from keluhan import skema
from keluhan.ekspor import DATA_PRIBADI

# Who may see what is personal: Datasette's root actor (``datasette --root``) only.
HANYA_ROOT = {"id": "root"}

# Objects whose rows carry the customer's personal data, and what to browse instead.
PRIBADI: dict[str, str] = {
    "keluhan": "v_keluhan_tanpa_data_pribadi",
    "riwayat": "v_riwayat_tanpa_data_pribadi",
    "v_riwayat": "v_riwayat_tanpa_data_pribadi",
    "v_keluhan_status": "v_keluhan_status_tanpa_data_pribadi",
    "v_terlambat": "v_terlambat_tanpa_data_pribadi",
    "kunci_pelanggan": "v_pelanggan_berulang",
    "kunci_serupa": "v_keluhan_tanpa_data_pribadi",  # checksums of the e-mail, phone and name: still theirs
}
# The attached files' bytes (scanned letters, the e-mails themselves) carry the customer's
# name, address and signature where no column says so: root only, like PRIBADI; the list of
# attachments (v_lampiran, lampiran's names, types, sizes and hashes) stays browsable.
BUKTI = frozenset({"berkas_lampiran"})
# The recap's kept month figures (keluhan/rekap_bulan.py): whole recaps, their complaint rows with the
# customers' names in JSON, HTML and Markdown: root only, like PRIBADI (the recap itself is the way in).
ANGKA_TERSIMPAN = frozenset({"rekap_bulan"})
# A table or view not classified here is treated as personal when it has one of these
# columns (``nama`` alone is also a holiday's name: libur is listed as shown).
KOLOM_PRIBADI = frozenset({*DATA_PRIBADI, "rincian", "nilai_lama", "nilai_baru"})
# Internal: reachable under "hidden tables", not listed.
TERSEMBUNYI = frozenset({"_migrasi", "sqlite_sequence", "libur_tahun", "pengaturan_arsip", "tenggat"})
# Shown although a column name looks personal (a holiday's nama, the calendar log's rincian).
TAMPIL = frozenset({"libur", "kalender_riwayat"})

# Views to browse, in the order the front page lists them, with facets and sorting.
JELAJAH: dict[str, dict[str, Any]] = {
    "v_keluhan_tanpa_data_pribadi": {"sort_desc": "dicatat", "facets": ["status", "media", "tim_teknis", "layanan"]},
    "v_keluhan_status_tanpa_data_pribadi": {"facets": ["status", "terlambat"]},
    "v_terlambat_tanpa_data_pribadi": {},
    # Listed once they exist (the recap's outcome, late entry and zone-marked deadlines).
    "v_hasil_validasi": {"facets": ["hasil", "status"]},
    "v_tenggat": {"facets": ["langkah", "terlambat"]},
    "v_pencatatan_susulan": {},
    "v_durasi_langkah": {"sort_desc": "akhir", "facets": ["langkah", "keterangan"]},
    "v_keluhan_durasi": {},
    "v_hari_kerja": {},
    "v_riwayat_tanpa_data_pribadi": {"sort_desc": "urutan", "facets": ["aksi", "petugas"]},
    "v_kepatuhan_bulanan": {},
    "v_rekap_bulanan": {"facets": ["status", "media"]},
    "tindakan": {"sort_desc": "waktu", "facets": ["verifikasi"]},
    "libur": {"sort_desc": "tanggal", "facets": ["sumber"]},
    "jam_kerja": {},
    "kalender_riwayat": {"sort_desc": "urutan", "facets": ["aksi"]},
}

# Datasette settings that the metadata cannot carry (Datasette 0.x reads them from the
# command line): no whole-file download, no SQL box even if a rule were missed, and a time
# limit per query that grows with the archive (Datasette's own default is one second).
PENGATURAN: dict[str, str] = {"allow_download": "off", "default_allow_sql": "off"}


def batas_waktu_ms(jumlah_keluhan: int) -> int:
    """Datasette's ``sql_time_limit_ms`` for an archive of this many complaints. Measured
    with bench/kueri_audit.py on 100 000 complaints (550 000 events, a shared 2-core
    machine): most audit queries under 1 s, the events recorded after the fact 5-6 s,
    every verification with no number given about 4 s; they grow with the archive."""
    if jumlah_keluhan < 20_000:
        return 3_000
    if jumlah_keluhan < 200_000:
        return 15_000
    return 60_000


def nama_basis_data(arsip: Path) -> str:
    """The name Datasette gives the file: its name without the extension."""
    return arsip.stem


def _tilde(nama: str) -> str:
    """A database or table name as Datasette puts it in a URL (tilde encoding)."""
    return "".join(c if re.fullmatch(r"[A-Za-z0-9_-]", c) else "".join(f"~{b:02X}" for b in c.encode()) for c in nama)


def perintah(arsip: Path, metadata: Path, jumlah_keluhan: int = 0) -> list[str]:
    """The command that serves ``arsip`` for auditors with ``metadata`` (as printed)."""
    setelan = PENGATURAN | {"sql_time_limit_ms": str(batas_waktu_ms(jumlah_keluhan))}
    return ["datasette", "serve", str(arsip), "--metadata", str(metadata),
            *(x for k, v in setelan.items() for x in ("--setting", k, v))]


def jumlah_keluhan(db: sqlite3.Connection) -> int:
    return int(db.execute("SELECT COUNT(*) FROM keluhan").fetchone()[0])


def tampilan(objek: dict[str, Any]) -> str:
    """How Datasette shows a table or view: 'pribadi' (root only), 'sembunyi' or 'tampil'."""
    nama = objek["nama"]
    if nama in PRIBADI or nama in BUKTI or nama in ANGKA_TERSIMPAN:
        return "pribadi"
    if nama in TERSEMBUNYI:
        return "sembunyi"
    if nama in TAMPIL or nama in JELAJAH:
        return "tampil"
    if {k["nama"] for k in objek["kolom"]} & KOLOM_PRIBADI:
        return "pribadi"
    return "tampil"


def _e(teks: Any) -> str:
    return html.escape(str(teks), quote=True)


def _catatan_kolom(nama: str, objek: dict[str, Any]) -> str:
    """The table's description, then its column notes folded away (Datasette would otherwise
    print them all above the first row)."""
    d = skema.OBJEK.get(nama)
    if d is None:
        return ""
    baris = "".join(
        f"<tr><td><code>{_e(k['nama'])}</code></td><td>{_e(d.kolom[k['nama']][0])}</td>"
        f"<td><em>{_e(d.kolom[k['nama']][1])}</em></td></tr>"
        for k in objek["kolom"] if k["nama"] in d.kolom
    )
    lain = ""
    if nama in PRIBADI:
        lain = (f"<p>Berisi data pribadi pelanggan: untuk menelusuri, buka "
                f"<a href=\"{_tilde(PRIBADI[nama])}\">{_e(PRIBADI[nama])}</a>. "
                "<em>Holds the customer's personal data: browse the view without it.</em></p>")
    return (f"<p>{_e(d.id)}</p><p><em>{_e(d.en)}</em></p>{lain}"
            f"<details><summary>Arti setiap kolom (what each column means)</summary>"
            f"<table><tr><th>kolom</th><th>arti</th><th>meaning</th></tr>{baris}</table></details>")


def _ringkasan(db: sqlite3.Connection) -> dict[str, Any]:
    def satu(sql: str) -> Any:
        try:
            return db.execute(sql).fetchone()[0]
        except sqlite3.Error:
            return None

    return {
        "keluhan": satu("SELECT COUNT(*) FROM keluhan") or 0,
        "peristiwa": satu("SELECT COUNT(*) FROM riwayat") or 0,
        "pertama": satu("SELECT MIN(dicatat) FROM keluhan"),
        "terakhir": satu("SELECT MAX(dicatat) FROM keluhan"),
        "hash": satu("SELECT urutan || ':' || hash FROM riwayat ORDER BY urutan DESC LIMIT 1"),
        "zona": satu("SELECT nilai FROM pengaturan_arsip WHERE kunci = 'zona'"),
        "versi": satu("PRAGMA user_version"),
    }


def _depan(nama_db: str, nama_berkas: str, unit: str, r: dict[str, Any], dibuat: str) -> str:
    """The front page: what this archive is, the audit queries first, then what to browse."""
    awalan = f"{_tilde(nama_db)}/"  # the index (/) and the database page (/NAME) share a folder
    periode = (f"dicatat {_e(r['pertama'][:10])} s.d. {_e(r['terakhir'][:10])}" if r["pertama"] else "belum ada keluhan")
    kueri = "".join(
        f"<li><a href=\"{awalan}{_tilde(q.nama)}\">{_e(q.judul)}</a> <em>({_e(q.title)})</em></li>" for q in skema.KUERI
    )
    jelajah = "".join(
        f"<li><a href=\"{awalan}{_tilde(n)}\">{_e(n)}</a>: {_e(skema.OBJEK[n].id)}</li>"
        for n in JELAJAH if n in skema.OBJEK
    )
    return f"""<p><strong>{_e(unit)}</strong>: register keluhan pelanggan menurut SOP Penanganan Keluhan
Pelanggan. Berkas <code>{_e(nama_berkas)}</code>: {r['keluhan']} keluhan ({periode}), {r['peristiwa']} peristiwa
di riwayat; zona waktu arsip {_e(r['zona'] or '-')}, semua waktu ISO 8601 dengan offset zonanya (kolom
<code>..._utc</code>: UTC, ditandai Z di view); skema versi {_e(r['versi'])}. Keadaan pada saat halaman ini
dibuat ({_e(dibuat)}, <code>keluhan datasette</code>); peristiwa terakhir saat itu: <code>{_e(r['hash'] or '-')}</code>.</p>
<p><em>The customer complaint register of this unit under its complaint-handling SOP: what the
archive holds, the audit questions first, then the views to browse. Personal data of customers
is not shown.</em></p>
<h3>Mulai di sini: {len(skema.KUERI)} pertanyaan audit (audit questions)</h3>
<p>Setiap pertanyaan adalah kueri tersimpan; parameternya dijelaskan, dengan contoh, di halamannya.
Kosong = bawaan (untuk periode: bulan lengkap terakhir).</p>
<ol>{kueri}</ol>
<h3>Menelusuri (browse)</h3>
<ul>{jelajah}</ul>
<h3>Yang tidak ada di halaman ini (what is not on these pages)</h3>
<p>Nama, alamat, telepon, dan email pelanggan (UU 27/2022), termasuk di <code>riwayat.rincian</code>,
tidak ditampilkan; view <code>..._tanpa_data_pribadi</code> menggantikan tabelnya. SQL bebas dan
unduhan seluruh berkas dimatikan. SQL setiap kueri tampil di halamannya dan dapat ditempel apa
adanya ke <code>sqlite3</code> pada salinan arsip (<code>keluhan cadangkan</code>). Rantai hash diperiksa
dengan <code>keluhan periksa</code>, atau tanpa program ini dengan skrip Python pustaka standar yang
disertakan dalam dokumentasi program (jaminan.md, "Memeriksa arsip tanpa program keluhan").</p>
<p><em>Names, addresses, phones and e-mails of customers are not shown; arbitrary SQL and
downloading the file are off. Each query page shows its SQL, which runs as it is in the sqlite3
shell on a copy of the archive. The hash chains are checked by <code>keluhan periksa</code>, or
without this program by the standard-library Python script in the program's documentation
(jaminan.md).</em></p>"""


def _kueri(q: skema.Kueri) -> dict[str, Any]:
    param = ""
    if q.parameter:
        baris = "".join(
            f"<tr><td><code>{_e(p.nama)}</code></td><td>{_e(p.arti)}<br><em>{_e(p.meaning)}</em></td>"
            f"<td><code>{_e(p.contoh)}</code></td></tr>" for p in q.parameter
        )
        contoh = "&amp;".join(f"{_e(p.nama)}={_e(p.contoh)}" for p in q.parameter)
        param = (f"<table><tr><th>parameter</th><th>arti (meaning)</th><th>contoh (example)</th></tr>{baris}</table>"
                 f"<p><a href=\"?{contoh}\">Jalankan dengan contoh (run with the examples)</a></p>")
    return {
        "title": f"{q.judul} ({q.title})",
        "description_html": f"<p>{_e(q.penjelasan)}</p><p><em>{_e(q.description)}</em></p>{param}",
        "sql": q.sql.strip(),
        "params": [p.nama for p in q.parameter],
    }


def metadata(db: sqlite3.Connection, arsip: Path, unit: str, dibuat: datetime | None = None) -> dict[str, Any]:
    """Datasette metadata for the archive ``arsip`` open as ``db``."""
    nama_db = nama_basis_data(arsip)
    objek = skema.baca_skema(db)
    r = _ringkasan(db)
    if dibuat is None:
        from zoneinfo import ZoneInfo

        dibuat = datetime.now(ZoneInfo(r["zona"])) if r["zona"] else datetime.now().astimezone()
    waktu = dibuat.isoformat(timespec="seconds")
    tabel: dict[str, Any] = {}
    for o in objek:
        if o["jenis"] == "trigger":
            continue
        cara = tampilan(o)
        isi: dict[str, Any] = {"description_html": _catatan_kolom(o["nama"], o)}
        if cara == "pribadi":
            isi |= {"allow": HANYA_ROOT, "hidden": True}
        elif cara == "sembunyi":
            isi["hidden"] = True
        isi |= JELAJAH.get(o["nama"], {})
        if o["nama"] == "keluhan":
            isi["label_column"] = "nomor"
        tabel[o["nama"]] = {k: v for k, v in isi.items() if v != ""}
    tabel.setdefault("sqlite_sequence", {"hidden": True})
    # The search index's FTS5 shadow tables hold the same personal data as keluhan_cari.
    for (nama,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name GLOB 'keluhan_cari_*'"):
        tabel[nama] = {"allow": HANYA_ROOT, "hidden": True}
    judul = f"Arsip keluhan pelanggan: {unit}"
    return {
        "title": judul,
        "description_html": _depan(nama_db, arsip.name, unit, r, waktu),
        "allow_sql": HANYA_ROOT,
        "databases": {
            nama_db: {
                "title": judul,
                "description_html": _depan(nama_db, arsip.name, unit, r, waktu),
                "allow_sql": HANYA_ROOT,
                "tables": tabel,
                "queries": {q.nama: _kueri(q) for q in skema.KUERI},
            }
        },
    }


def teks(meta: dict[str, Any]) -> str:
    return json.dumps(meta, ensure_ascii=False, indent=2) + "\n"
