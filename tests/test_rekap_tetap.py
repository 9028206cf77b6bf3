"""The recap's kept figures (m021_rekap_tetap): pending effectiveness reviews counted per hour by triggers, read by the recap,
recomputed by ``keluhan periksa``; the recap stays equal to the full replay (tests/rekap_acuan.py)."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import rekap_acuan
from conftest import Jalankan, baca_db, ubah_db, waktu_langkah

from keluhan import jangkar as jk, migrasi, pengaturan, periksa, rekap, waktu as w
from keluhan.arsip import Arsip
from keluhan.rekap import Periode
from keluhan.workflow import Aksi, Status

WIB = ZoneInfo("Asia/Jakarta")


def t(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=WIB)


def _tersimpan(db: sqlite3.Connection) -> dict[int, int]:
    return dict(db.execute("SELECT jam, jumlah FROM tindakan_tertunda_jam WHERE jumlah != 0"))


def _dihitung(db: sqlite3.Connection) -> dict[int, int]:
    return dict(db.execute(migrasi.TERTUNDA_JAM))


def test_tinjauan_tertunda_sama_dengan_putar_ulang(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pending and overdue reviews at each period's end equal the full replay, with efektivitas.setelah changed twice
    (once at an instant inside an hour, once backdated), reviews before and after the ends and written
    after the anchor, voided complaints, an appeal's second
    round, and an anchor taken halfway; the kept hours always equal their recount."""
    acak = random.Random(17)
    jam = [t(2026, 1, 5, 8)]
    monkeypatch.setattr(w, "sekarang", lambda _zona: jam[0])
    a = Arsip(tmp_path / "archive.db", pengaturan.muat(None))
    tengah: dict[str, Any] = {}
    tinjau: list[tuple[str, int, datetime]] = []

    def pada(x: datetime) -> datetime:
        jam[0] = max(jam[0], x + timedelta(minutes=acak.choice([0, 0, 5, 60 * 30])))
        return x

    for i in range(70):
        if i == 25:  # from a minute inside an hour: 5 working days
            jam[0] = max(jam[0], t(2026, 3, 10, 10, 17))
            a.ubah_pengaturan("efektivitas.setelah", "5", petugas="Rina", alasan="SK 1")
        if i == 45:
            tengah["jangkar"] = jk.ujung(a.db)
            a.ubah_pengaturan("efektivitas.setelah", "30", petugas="Rina", alasan="SK 2", berlaku_sejak=date(2026, 4, 20))
        mulai = t(2026, 1, 5, 8) + timedelta(minutes=acak.randrange(0, 60 * 24 * 150))
        jam[0] = max(jam[0], mulai)
        mulai = jam[0]
        k = a.catat(petugas="Rina", isian={"nama": f"Pelanggan {i}", "media": "email", "uraian": f"Keluhan {i}"},
                    waktu=pada(mulai))["id"]
        x = mulai

        def langkah(aksi: Aksi, petugas: str, menit: int, **rincian: Any) -> None:
            nonlocal x
            x = x + timedelta(minutes=menit)
            a.langkah(k, aksi, petugas=petugas, waktu=pada(x), rincian=rincian)

        langkah(Aksi.VALIDASI_BENAR, "Dedi", 10, tim_teknis="Laboratorium Pengujian")
        if i % 13 == 5:  # voided before any CAPA (a void is refused once one is recorded)
            langkah(Aksi.BATAL, "Dedi", 20, alasan="ganda")
            continue
        langkah(Aksi.TINDAK, "Budi", acak.choice([30, 60 * 24, 60 * 24 * 4]), koreksi="Koreksi", pencegahan="Cek")
        langkah(Aksi.VERIFIKASI_TERIMA, "Agus", acak.choice([7, 60 * 3 + 11, 60 * 24 * 2]))
        langkah(Aksi.INFORMASIKAN, "Rina", 15)
        if i % 11 == 3:  # appealed, accepted: a second round accepted too
            langkah(Aksi.BANDING, "Rina", 60 * 24, alasan="tidak puas")
            langkah(Aksi.PUTUSAN_DITERIMA, "Eka", 60 * 24 * 2, alasan="uji ulang")
            langkah(Aksi.TINDAK, "Budi", 60, koreksi="Koreksi banding", pencegahan="Cek")
            langkah(Aksi.VERIFIKASI_TERIMA, "Agus", 60)
            langkah(Aksi.INFORMASIKAN, "Rina", 15)
        tinjau.append((k, a.ambil(k)["tindakan"][-1]["putaran"], x))
        assert _tersimpan(a.db) == _dihitung(a.db)
    # The reviews, written after the anchor: weeks after each acceptance, not effective, then perhaps effective.
    for k, putaran, x in tinjau:
        nasib = acak.random()
        if nasib < 0.6:
            x += timedelta(days=acak.choice([9, 35]))
            a.langkah(k, Aksi.EFEKTIVITAS, petugas="Sari", waktu=pada(x),
                      rincian={"hasil": "tidak_efektif", "tindak_lanjut": "Ulang", "putaran": putaran})
            if nasib < 0.3:
                x += timedelta(days=acak.choice([6, 40]))
                a.langkah(k, Aksi.EFEKTIVITAS, petugas="Sari", waktu=pada(x),
                          rincian={"hasil": "efektif", "putaran": putaran})
        assert _tersimpan(a.db) == _dihitung(a.db)
    jam[0] = t(2026, 9, 1, 9)
    kini = jam[0]
    kal = a.kalender()
    j = tengah["jangkar"]
    kal_j = rekap.kalender_pada(a.db, j, kal)
    periode = [Periode.bulan(2026, b) for b in range(1, 9)] + [Periode.tahun(2026), Periode.bagian("triwulan", 2026, 2)]
    dilihat = {"belum": 0, "terlambat": 0, "lalu": 0}
    for p in periode:
        cepat = rekap.rekap(a.db, kal, a.p, p, sekarang=kini)
        assert cepat == rekap_acuan.rekap(a.db, kal, a.p, p, sekarang=kini), p.label
        lalu = rekap.rekap(a.db, kal_j, a.p, p, sekarang=kini, jangkar=j)
        assert lalu == rekap_acuan.rekap(a.db, kal_j, a.p, p, sekarang=kini, jangkar=j), p.label
        dilihat["belum"] += cepat["efektivitas"]["belum"]
        dilihat["terlambat"] += cepat["efektivitas"]["terlambat"]
        dilihat["lalu"] += lalu["efektivitas"]["belum"] != cepat["efektivitas"]["belum"]
    assert dilihat["belum"] > dilihat["terlambat"] > 0 and dilihat["lalu"] > 0, dilihat
    assert _tersimpan(a.db) and _tersimpan(a.db) == _dihitung(a.db)
    assert not [x for x in periksa.periksa(a.db).temuan if "tindakan_tertunda_jam" in x]
    a.tutup()


def test_angka_tersimpan_bulan_tutup_dihitung_ulang_periksa(jalankan: Jalankan, arsip: Path,
                                                              sampai: Callable[..., str]) -> None:
    """A closed month's kept figure (pending reviews of October 2026's rounds) is what the recap reads; tampered with,
    the recap moves and ``keluhan periksa`` recomputes it from tindakan and names the hour, the stored and the right
    count."""
    import json

    mulai = [datetime(2026, 10, hari, 8, 0) for hari in (5, 6, 7)]
    for m in mulai:
        sampai(Status.DIVERIFIKASI, mulai=m)

    def tertunda() -> int:
        r = jalankan("rekap", "--bulan", "2026-10", "--format", "json")
        assert r.exit_code == 0, r.stderr
        return json.loads(r.stdout)["efektivitas"]["belum"]  # type: ignore[no-any-return]

    assert tertunda() == 3
    assert jalankan("periksa").exit_code == 0
    assert [x["jumlah"] for x in baca_db(arsip, "SELECT jumlah FROM tindakan_tertunda_jam WHERE jumlah != 0")] == [1, 1, 1]
    # The third round's hour (its verification, in UTC) set to nothing by plain SQL, as a tamperer would.
    diverifikasi = waktu_langkah(3, mulai[2]).replace(tzinfo=WIB).astimezone(timezone.utc)
    ubah_db(arsip, f"UPDATE tindakan_tertunda_jam SET jumlah = 0 WHERE jam = {int(diverifikasi.timestamp()) // 3600}")
    assert tertunda() == 2  # the recap reads the kept figure ...
    r = jalankan("periksa")  # ... and the audit recomputes it
    assert r.exit_code != 0
    assert (f"Angka tersimpan rekap (tindakan_tertunda_jam) untuk jam {diverifikasi:%Y-%m-%d %H}.00 UTC: 0 tinjauan "
            "efektivitas tertunda, seharusnya 1 (dihitung ulang dari tindakan).") in r.stdout + r.stderr


def test_angka_bulan_tutup_tersimpan_dihitung_ulang_periksa(jalankan: Jalankan, arsip: Path, sampai: Callable[..., str],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A closed month's kept figures (rekap_bulan, m029) are recomputed by ``keluhan periksa`` at their own anchor:
    as kept by a writer they pass; edited behind the program's back (the month's count changed in the kept JSON) the
    recap no longer equals the live one and ``keluhan periksa`` names the month."""
    import json

    from keluhan import rekap_bulan

    monkeypatch.setattr(w, "sekarang", lambda _zona: datetime(2026, 12, 3, 10, 0, tzinfo=WIB))
    monkeypatch.setattr(rekap_bulan, "AMBANG", 1)
    for hari in (5, 6, 7):
        sampai(Status.DIVERIFIKASI, mulai=datetime(2026, 10, hari, 8, 0))
    r = jalankan("catat", "--nama", "Baru", "--media", "email", "--uraian", "Desember")  # a writer keeps October
    assert r.exit_code == 0, r.stderr
    assert [x["bulan"] for x in baca_db(arsip, "SELECT bulan FROM rekap_bulan")] == ["2026-10"]

    def rekap_json() -> dict[str, Any]:
        r = jalankan("rekap", "--bulan", "2026-10", "--format", "json")
        assert r.exit_code == 0, r.stderr
        return json.loads(r.stdout)  # type: ignore[no-any-return]

    assert rekap_json()["jumlah"] == 3
    r = jalankan("periksa")
    assert r.exit_code == 0, r.stdout + r.stderr
    ubah_db(arsip, """UPDATE rekap_bulan SET isi = replace(isi, '"jumlah": 3,', '"jumlah": 4,')""")
    assert rekap_json()["jumlah"] == 4  # the recap reads the kept figures ...
    r = jalankan("periksa")  # ... and the audit recomputes them
    assert r.exit_code != 0
    assert "Angka tersimpan rekap bulan 2026-10 (rekap_bulan), dihitung pada peristiwa #" in r.stdout + r.stderr
