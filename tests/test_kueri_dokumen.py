"""Every SQL block in docs/ runs as printed: pasted into the real sqlite3 shell on the demo
archive it gives the rows it promises, and the audit queries give the same rows in Datasette."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
import subprocess
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from _bantu_kantor import arsip_demo
from keluhan import skema

AKAR = Path(__file__).resolve().parent.parent
DOCS = AKAR / "docs"
_BLOK = re.compile(r"^```sql\n(.*?)^```", re.S | re.M)


def blok_sql() -> list[tuple[str, int, str]]:
    """Every ```sql block in docs/: (file, line, text as printed)."""
    hasil = []
    for p in sorted(DOCS.rglob("*.md")):
        teks = p.read_text(encoding="utf-8")
        for m in _BLOK.finditer(teks):
            hasil.append((p.name, teks.count("\n", 0, m.start()) + 1, m[1]))
    return hasil


BLOK = blok_sql()


def _skema(teks: str) -> bool:
    """A schema listing (CREATE statements), not a query."""
    kode = [b for b in teks.splitlines() if b.strip() and not b.strip().startswith("--")]
    return bool(kode) and kode[0].lstrip().upper().startswith("CREATE")


def sqlite3_shell(arsip: Path | str, masukan: str) -> list[Any]:
    """Feed ``masukan`` to the sqlite3 shell exactly as pasted (-json only changes how rows
    are printed; the archive is opened read-only, as an auditor should); the rows of its
    statements, one list per statement that printed any."""
    program = shutil.which("sqlite3")
    assert program, "the sqlite3 shell is missing (Debian: apt-get install sqlite3; .ci/run does it)"
    baca_saja = [] if arsip == ":memory:" else ["-readonly"]
    hasil = subprocess.run([program, *baca_saja, "-bail", "-json", str(arsip)], input=masukan,
                           capture_output=True, text=True, timeout=120)
    assert hasil.returncode == 0 and not hasil.stderr, (hasil.returncode, hasil.stderr, masukan[:500])
    keluar = hasil.stdout.strip()
    if not keluar:
        return []
    # Each statement that returns rows prints one JSON array.
    return json.loads("[" + re.sub(r"\]\s*\n\s*\[", "],[", keluar) + "]")


def _kueri_blok(teks: str) -> skema.Kueri | None:
    """The audit query a block prints, when it is one (its SQL without the shell lines and ';')."""
    sql = "\n".join(b for b in teks.splitlines() if not b.startswith(".")).strip().removesuffix(";")
    return next((q for q in skema.KUERI if q.sql.strip() == sql), None)


def _tanpa_param(teks: str) -> str:
    return "\n".join(b for b in teks.splitlines() if not b.startswith(".param set"))


def _bawaan(q: skema.Kueri, db: sqlite3.Connection) -> dict[str, str]:
    """What the docs say a blank parameter means, computed here in Python."""
    zona = ZoneInfo(db.execute("SELECT nilai FROM pengaturan_arsip WHERE kunci = 'zona'").fetchone()[0])
    hari_ini = datetime.now(zona).date()
    awal = date(hari_ini.year, hari_ini.month, 1)
    bulan_lalu = date(awal.year - (awal.month == 1), (awal.month - 2) % 12 + 1, 1)
    nilai: dict[str, str] = {"jam": "24", "hari": "3", "tahun": "", "nomor": ""}
    if q.nama in ("libur_dalam_periode", "keluhan_per_akar_masalah"):  # blank = this year
        nilai |= {"dari": f"{hari_ini.year}-01-01", "sampai": f"{hari_ini.year}-12-31"}
    else:
        nilai |= {"dari": bulan_lalu.isoformat(), "sampai": date.fromordinal(awal.toordinal() - 1).isoformat()}
    return {p.nama: nilai[p.nama] for p in q.parameter}


def _baris(db: sqlite3.Connection, q: skema.Kueri, parameter: dict[str, str]) -> list[dict[str, Any]]:
    return [dict(r) for r in skema.jalankan_kueri(db, q, parameter)]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return arsip_demo(tmp_path_factory)


@pytest.fixture(scope="module")
def db(demo: Path) -> Any:
    koneksi = sqlite3.connect(f"file:{demo}?mode=ro", uri=True)
    koneksi.row_factory = sqlite3.Row
    yield koneksi
    koneksi.close()


def test_dokumen_memuat_sql() -> None:
    """The docs hold SQL blocks, and every audit query is printed in exactly one of them."""
    assert len(BLOK) > len(skema.KUERI)
    dicetak = [q.nama for _, _, teks in BLOK if (q := _kueri_blok(teks))]
    assert sorted(dicetak) == sorted(q.nama for q in skema.KUERI)


@pytest.mark.parametrize("berkas,baris,teks", BLOK, ids=[f"{b}:{n}" for b, n, _ in BLOK])
def test_blok_sql_berjalan_seperti_tercetak(demo: Path, db: sqlite3.Connection, berkas: str, baris: int,
                                            teks: str) -> None:
    """A block pasted as printed runs without error in the sqlite3 shell and returns what it promises on the demo."""
    if _skema(teks):
        sqlite3_shell(":memory:", teks)  # a schema listing is valid SQL as printed
        return
    q = _kueri_blok(teks)
    if q is not None:
        # An audit query: the examples give rows, the same the query gives bound from Python.
        contoh = _baris(db, q, q.contoh)
        assert contoh, f"{q.nama}: no rows with its examples on the demo"
        assert sqlite3_shell(demo, teks) == [contoh]
        # Without the .param lines: the defaults the docs state.
        bawaan = _baris(db, q, _bawaan(q, db))
        assert sqlite3_shell(demo, _tanpa_param(teks)) == ([bawaan] if bawaan else [])
        return
    # Any other block: each statement alone, its comment saying whether it must be empty.
    sqlite3_shell(demo, teks)
    perintah = [b for b in teks.splitlines() if b.startswith(".")]
    kalimat, komentar = "", ""
    for b in teks.splitlines():
        if b.startswith("."):
            continue
        if not kalimat and b.strip().startswith("--"):
            komentar += b
            continue
        kalimat += b + "\n"
        if sqlite3.complete_statement(kalimat):
            hasil = sqlite3_shell(demo, "\n".join([*perintah, kalimat]))
            if "harus kosong" in komentar or "must be empty" in komentar:
                assert hasil == [], kalimat
            else:
                assert hasil and hasil[0], f"{berkas}:{baris}: no rows on the demo: {kalimat}"
            kalimat, komentar = "", ""
    assert not kalimat.strip(), f"{berkas}:{baris}: unfinished statement: {kalimat}"


def test_param_tanpa_kutip_ganda_memang_salah(demo: Path) -> None:
    """Why the docs print "'2026-10-01'": the shell turns '2026-10-01' into 2015, and the example then finds nothing."""
    q = next(q for q in skema.KUERI if q.nama == "langkah4_lewat_mutu_baku")
    salah = skema.blok_sqlite3(q).replace("\"'2026-10-01'\"", "'2026-10-01'").replace("\"'2026-10-31'\"", "'2026-10-31'")
    assert sqlite3_shell(demo, salah) == []
    benar = sqlite3_shell(demo, skema.blok_sqlite3(q))
    assert [r["nomor"] for r in benar[0]] == ["004/KP/BBSPJIKFK/X/2026", "006/KP/BBSPJIKFK/X/2026"]


def test_kueri_audit_sama_di_datasette(demo: Path, db: sqlite3.Connection) -> None:
    """Through Datasette with the tool's metadata, each audit query gives the rows of the sqlite3 shell, with its examples and blank."""
    import asyncio
    import urllib.parse

    from datasette.app import Datasette

    async def jalan() -> list[tuple[list[Any], list[Any]]]:
        from keluhan import datasette_auditor

        koneksi = sqlite3.connect(demo)
        meta = datasette_auditor.metadata(koneksi, demo, "Balai")
        koneksi.close()
        ds = Datasette(files=[str(demo)], metadata=meta)
        await ds.invoke_startup()
        hasil = []
        for q in skema.KUERI:
            jawab = []
            for param in (q.contoh, {}):
                r = await ds.client.get(f"/{demo.stem}/{q.nama}.json?_shape=array&" + urllib.parse.urlencode(param))
                assert r.status_code == 200, (q.nama, r.text[:300])
                jawab.append(r.json())
            hasil.append((jawab[0], jawab[1]))
        return hasil

    for q, (contoh, kosong) in zip(skema.KUERI, asyncio.run(jalan())):
        assert contoh and contoh == _baris(db, q, q.contoh), q.nama
        assert kosong == _baris(db, q, _bawaan(q, db)), q.nama
