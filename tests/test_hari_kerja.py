"""Working days, lateness and late entry as an auditor recomputes them with SQL: the views v_hari_kerja,
v_pencatatan_susulan, v_durasi_langkah, v_hasil_validasi and v_tenggat against the package's own calendar."""

from __future__ import annotations

import json
import random
import re
import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from _bantu_kantor import arsip_demo, keluhan
from keluhan import pengaturan, rekap, waktu as w
from keluhan.arsip import Arsip
from keluhan.rekap import Periode
from keluhan.workflow import Aksi

WIB = ZoneInfo("Asia/Jakarta")
DOK = Path(__file__).resolve().parents[1] / "docs" / "tenggat.md"


def _t(*a: int) -> datetime:
    return datetime(*a, tzinfo=WIB)  # type: ignore[misc]


@pytest.fixture
def acak_arsip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Sixty complaints over Oct-Nov 2026, each event written at once, within a working day, or days later."""
    acak = random.Random(11)
    jam = [_t(2026, 10, 1, 8)]
    monkeypatch.setattr(w, "sekarang", lambda _zona: jam[0])
    a = Arsip(tmp_path / "archive.db", pengaturan.muat(None))
    a.ubah_libur(date(2026, 10, 21), petugas="Rina", nama="Libur daerah", alasan="SK")
    jeda = [timedelta(0), timedelta(minutes=5), timedelta(hours=7), timedelta(hours=22), timedelta(hours=26),
            timedelta(hours=49), timedelta(hours=70), timedelta(days=6), timedelta(days=30)]

    def pada(t: datetime) -> datetime:
        jam[0] = max(jam[0], t + acak.choice(jeda))
        return t

    for i in range(60):
        mulai = _t(2026, 10, 1, 7) + timedelta(minutes=acak.randrange(0, 60 * 24 * 50))
        jam[0] = mulai  # each complaint typed in from its own day on
        k = a.catat(petugas="Rina", isian={"nama": f"P{i}", "media": "email", "uraian": "u",
                                          "diajukan": mulai - timedelta(minutes=acak.choice([5, 30, 300]))},
                    waktu=pada(mulai))["id"]
        t = mulai
        for aksi, petugas, rincian in ((Aksi.VALIDASI_BENAR, "Dedi", {"tim_teknis": "Tim Inspeksi"}),
                                       (Aksi.TINDAK, "Budi", {"koreksi": "K", "pencegahan": "P"}),
                                       (Aksi.VERIFIKASI_TERIMA, "Agus", {}), (Aksi.INFORMASIKAN, "Rina", {})):
            if acak.random() < 0.15:
                break
            t = t + timedelta(minutes=acak.choice([3, 14, 40, 60 * 5, 60 * 24 * 2, 60 * 24 * 5]))
            a.langkah(k, aksi, petugas=petugas, waktu=pada(t), rincian=rincian)
    jam[0] = _t(2027, 1, 4, 9)
    yield a
    a.tutup()


def test_pencatatan_susulan_sama_dengan_kalender(acak_arsip: Arsip) -> None:
    """v_pencatatan_susulan lists exactly the step events (the appeal decision's too) written more than 1 working day late by the package's
    calendar, with the same working days and minutes; the recap's pencatatan_susulan counts the same events."""
    a, kal = acak_arsip, acak_arsip.kalender()
    harap = {}
    for u, waktu, dicatat in a.db.execute("SELECT urutan, waktu, dicatat_pada FROM riwayat WHERE langkah IN (2, 3, 4, 5, 6, 8)"):
        hari = kal.hari_kerja(w.dari_iso(waktu), w.dari_iso(dicatat))
        if hari > 1:
            harap[u] = (round(hari, 2), round(kal.menit_kerja(w.dari_iso(waktu), w.dari_iso(dicatat)), 2))
    ada = {r[0]: (r[1], r[2]) for r in a.db.execute(
        "SELECT urutan, hari_kerja_kemudian, menit_kerja_kemudian FROM v_pencatatan_susulan")}
    assert ada == harap and 20 < len(harap) < a.db.execute("SELECT COUNT(*) FROM riwayat").fetchone()[0] - 20
    for bulan in (10, 11):
        d = rekap.rekap(a.db, kal, a.p, Periode.bulan(2026, bulan), sekarang=a._sekarang())
        per = dict(a.db.execute(
            "SELECT langkah, COUNT(*) FROM v_pencatatan_susulan WHERE waktu >= ? AND waktu < ? GROUP BY langkah",
            (f"2026-{bulan}-01", f"2026-{bulan + 1}-01")).fetchall())
        assert d["pencatatan_susulan"] == {"jumlah": sum(per.values()),
                                           "per_langkah": {str(n): per.get(n, 0) for n in (2, 3, 4, 5, 6, 8)}}
        patuh = dict(a.db.execute(
            "SELECT langkah, COUNT(*) FROM v_pencatatan_susulan WHERE waktu >= ? AND waktu < ? AND patuh = 1"
            " GROUP BY langkah", (f"2026-{bulan}-01", f"2026-{bulan + 1}-01")).fetchall())
        assert {n: x["patuh_susulan"] for n, x in d["langkah"].items()} == {str(n): patuh.get(n, 0) for n in (2, 3, 4, 5, 6, 8)}


def test_menit_lewat_mutu_baku(acak_arsip: Arsip) -> None:
    """v_durasi_langkah's mutu_baku_menit is the standard in working minutes (for 'N hari' the working minutes from
    mulai to batas, as the calendar counts them) and menit_lewat > 0 exactly for the late steps."""
    kal = acak_arsip.kalender()
    baris = acak_arsip.db.execute(
        "SELECT mulai, batas, mutu_baku, menit_kerja, patuh, mutu_baku_menit, menit_lewat FROM v_durasi_langkah").fetchall()
    assert {r[2] for r in baris} == {"15 menit", "3 hari"} and {r[4] for r in baris} == {0, 1}
    for mulai, batas, mutu, menit, patuh, baku, lewat in baris:
        harap = 15 if mutu == "15 menit" else round(kal.menit_kerja(w.dari_iso(mulai), w.dari_iso(batas)), 2)
        assert baku == harap, (mulai, batas, mutu)
        assert lewat == round(menit - harap, 2) and (lewat > 0) == (patuh == 0), (mulai, batas, menit, patuh)


def test_v_tenggat_dengan_zona(acak_arsip: Arsip) -> None:
    """v_tenggat gives each deadline in local time with its offset and in UTC marked Z, the same instants as the table."""
    baris = acak_arsip.db.execute(
        "SELECT t.batas, t.batas_utc, t.lewat_setelah_utc, v.batas, v.batas_utc, v.lewat_setelah, v.lewat_setelah_utc"
        " FROM tenggat t JOIN v_tenggat v USING (keluhan_id)").fetchall()
    assert baris
    for batas, batas_utc, lewat_utc, v_batas, v_utc, v_lewat, v_lewat_utc in baris:
        assert v_batas == batas and v_utc.endswith("Z") and v_lewat.endswith("+07:00") and v_lewat_utc.endswith("Z")
        assert datetime.fromisoformat(v_utc.replace("Z", "+00:00")) == w.dari_iso(batas)
        assert v_utc == batas_utc.replace(" ", "T") + "Z" and v_lewat_utc == lewat_utc.replace(" ", "T") + "Z"
        assert datetime.fromisoformat(v_lewat) == datetime.fromisoformat(v_lewat_utc.replace("Z", "+00:00"))


def test_contoh_hari_kerja_di_dokumen(tmp_path: Path) -> None:
    """The worked example of docs/tenggat.md ('Definisi hari kerja'): its two times, the working days it derives step
    by step and the figure it prints are what the package's calendar and v_hari_kerja compute."""
    teks = DOK.read_text(encoding="utf-8")
    contoh = teks[teks.index("**Worked example.**"):]
    contoh = contoh[:contoh.index("\n\n")]
    mulai, akhir = (w.dari_iso(x) for x in re.findall(r"`(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00)`", contoh)[:2])
    hasil = float(re.search(r"= \*\*(\d+,\d+) hari kerja\*\*", contoh)[1].replace(",", "."))  # type: ignore[index]
    a = Arsip(tmp_path / "archive.db", pengaturan.muat(None))
    try:
        kal = a.kalender()
        hari = kal.hari_kerja(mulai, akhir)
        assert round(hari, 2) == hasil
        # Each share the text names, recomputed: the first day's remainder, whole days between, the last day's part.
        for pembilang, penyebut in re.findall(r"(\d+)/(\d+)", contoh):
            assert int(penyebut) in (510, 540), contoh
        pecahan = sum(int(p) / int(q) for p, q in re.findall(r"(\d+)/(\d+)", contoh))
        utuh = int(re.search(r"\+ (\d+) hari kerja utuh", contoh)[1])  # type: ignore[index]
        assert hari == pytest.approx(utuh + pecahan)
        # ... and the same with the documented query on v_hari_kerja, run as printed.
        sql = teks[teks.index("**Worked example.**"):].split("```sql\n", 1)[1].split("```", 1)[0]
        assert a.db.execute(sql).fetchone()[0] == pytest.approx(hari)
        menit = re.search(r"span is (\d+) working minutes", contoh)[1]  # type: ignore[index]
        assert kal.menit_kerja(mulai, akhir) == int(menit)
    finally:
        a.tutup()


def test_demo_hasil_validasi_dan_susulan(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Issue 11's reproductions on the demo: October's recap says 'Tidak valid 1' (003 was found not valid, then
    informed), v_hasil_validasi keeps it, step 4 of 004 is 645 working minutes late, and the recap reports the
    events entered after the fact (the view lists the same ones)."""
    jalur = arsip_demo(tmp_path_factory)
    r = keluhan("--arsip", str(jalur), "rekap", "--bulan", "2026-10", "--format", "json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert d["per_status"]["tidak_valid"] == 0 and d["per_hasil"]["tidak_valid"] == 1
    assert {x["nomor"]: x["hasil"] for x in d["keluhan"]}["003/KP/BBSPJIKFK/X/2026"] == "tidak_valid"
    md = keluhan("--arsip", str(jalur), "rekap", "--bulan", "2026-10").stdout
    assert "| Tidak valid | 1 |" in md[md.index("| Hasil validasi pada akhir periode |"):]
    db = sqlite3.connect(jalur)
    try:
        assert db.execute("SELECT status, hasil FROM v_hasil_validasi WHERE nomor = '003/KP/BBSPJIKFK/X/2026'"
                          ).fetchone() == ("selesai", "tidak_valid")
        assert db.execute("SELECT menit_lewat, patuh FROM v_durasi_langkah WHERE nomor = '004/KP/BBSPJIKFK/X/2026'"
                          " AND langkah = 4").fetchone() == (645.0, 0)
        n = db.execute("SELECT COUNT(*) FROM v_pencatatan_susulan WHERE waktu >= '2026-10-01' AND waktu < '2026-11-01'"
                       ).fetchone()[0]
    finally:
        db.close()
    assert d["pencatatan_susulan"]["jumlah"] == n > 0
    assert f"Dalam periode ini {n} dari" in md
