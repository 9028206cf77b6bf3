"""docs/periksa_arsip.py, the auditor's standard-library check: shown whole in docs/jaminan.md,
run without our code on the demo archive and on tampered copies, and held to the package's
figures on generated histories (a second implementation on purpose)."""

from __future__ import annotations

import importlib.util
import re
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from keluhan import pengaturan, rantai
from keluhan.arsip import Arsip
from keluhan.workflow import Aksi

from _bantu_kantor import arsip_demo
from conftest import buat_arsip, ubah_db as _sql

AKAR = Path(__file__).resolve().parents[1]
SKRIP = AKAR / "docs" / "periksa_arsip.py"
DOK = AKAR / "docs" / "jaminan.md"
WIB = ZoneInfo("Asia/Jakarta")


def _jalankan(jalur: Path) -> subprocess.CompletedProcess[str]:
    """The script as an auditor runs it: isolated (-I), no PYTHONPATH, nothing of ours importable."""
    return subprocess.run([sys.executable, "-I", str(SKRIP), str(jalur)], capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin"}, cwd=jalur.parent, timeout=120)


def _modul() -> ModuleType:
    spec = importlib.util.spec_from_file_location("periksa_arsip_dok", SKRIP)
    assert spec and spec.loader
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    return m


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return arsip_demo(tmp_path_factory)


def _salinan(demo: Path, tmp_path: Path) -> Path:
    tujuan = tmp_path / "salinan.db"
    tujuan.write_bytes(demo.read_bytes())
    return tujuan


def test_skrip_dimuat_utuh_di_jaminan() -> None:
    """docs/jaminan.md shows docs/periksa_arsip.py exactly (a generated inclusion: `make docs`), once."""
    blok = re.findall(r"<!-- \[\[\[ periksa-arsip \]\]\] -->\n```python\n(.*?)```\n<!-- \[\[\[ akhir \]\]\] -->",
                      DOK.read_text(encoding="utf-8"), re.S)
    assert blok == [SKRIP.read_text(encoding="utf-8")], "docs/jaminan.md is stale: run `make docs`"


def test_skrip_hanya_pustaka_standar_dan_daftar_rantai_yang_sama() -> None:
    """The script imports only the standard library, and its chains are keluhan/rantai.py's, column for column."""
    teks = SKRIP.read_text(encoding="utf-8")
    impor = {m.split(".")[0] for m in re.findall(r"^(?:import|from) (\S+)", teks, re.M)}
    assert impor <= set(sys.stdlib_module_names), impor - set(sys.stdlib_module_names)
    assert _modul().RANTAI == {r.tabel: r.kolom for r in rantai.SEMUA}


def test_arsip_demo_lolos(demo: Path, tmp_path: Path) -> None:
    """The demo archive passes, and the script prints the tip of every chain as the archive holds it."""
    jalur = _salinan(demo, tmp_path)
    r = _jalankan(jalur)
    assert r.returncode == 0, r.stdout + r.stderr
    assert r.stdout.endswith("Arsip lolos pemeriksaan.\n")
    db = sqlite3.connect(jalur)
    for c in rantai.SEMUA:
        u, h = rantai.ujung(db, c)
        assert f"Ujung {c.tabel}: #{u} {h}\n" in r.stdout
    assert db.execute("SELECT COUNT(*) FROM durasi_langkah").fetchone()[0] > 40  # it had figures to recompute
    db.close()


def _mutu_palsu(jalur: Path) -> list[str]:
    """Issue 11's forged mutu baku: a late step made compliant with '3 hari' and its matching batas, triggers restored."""
    db = sqlite3.connect(jalur)
    u, mulai = db.execute("SELECT riwayat_urutan, mulai FROM durasi_langkah WHERE patuh = 0 AND langkah = 3"
                          " ORDER BY riwayat_urutan LIMIT 1").fetchone()
    trigger = db.execute("SELECT sql FROM sqlite_master WHERE name = 'durasi_langkah_tolak_ubah'").fetchone()[0]
    db.close()
    a = Arsip(jalur, pengaturan.muat(None), hanya_baca=True)
    from keluhan import waktu as w
    from keluhan.kalender import MutuBaku

    batas = w.iso(a.kalender().batas(w.dari_iso(mulai), MutuBaku.parse("3 hari")))
    a.tutup()
    return ["DROP TRIGGER durasi_langkah_tolak_ubah",
            f"UPDATE durasi_langkah SET mutu_baku = '3 hari', batas = '{batas}', patuh = 1 WHERE riwayat_urutan = {u}",
            trigger]


@pytest.mark.parametrize("nama", ["peristiwa diubah", "peristiwa dihapus", "mutu baku dipalsukan", "keluhan diubah",
                                  "libur dipindah", "patuh diubah", "pengaturan diubah"])
def test_pemalsuan_tertangkap(demo: Path, tmp_path: Path, nama: str) -> None:
    """Each tampering of issue 11 (and two more) makes the script fail with a TEMUAN line that names it."""
    jalur = _salinan(demo, tmp_path)
    perintah, pola = {
        "peristiwa diubah": (["DROP TRIGGER riwayat_tolak_ubah",
                              "UPDATE riwayat SET petugas = 'Orang Lain' WHERE urutan = 7"],
                             r"riwayat #7: isi tidak cocok"),
        "peristiwa dihapus": (["DROP TRIGGER riwayat_tolak_hapus", "DELETE FROM riwayat WHERE urutan = 9"],
                              r"riwayat: entri #9 sampai #9 hilang"),
        "mutu baku dipalsukan": (_mutu_palsu(jalur), r"durasi_langkah baris peristiwa #\d+ .*mutu_baku tercatat '3 hari'"),
        "keluhan diubah": (["UPDATE keluhan SET status = 'selesai', diinformasikan = dicatat WHERE status <> 'selesai'"],
                           r"keluhan \S+: kolom status, diinformasikan tidak sama"),
        "libur dipindah": (["DROP TRIGGER libur_tolak_ubah",
                            "UPDATE libur SET tanggal = '2026-10-13' WHERE tanggal = '2026-12-25' AND dihapus IS NULL"],
                           r"libur 2026-10-13: ada di tabel libur tetapi tidak di kalender_riwayat"),
        "patuh diubah": (["UPDATE durasi_langkah SET patuh = 1"], r"durasi_langkah baris peristiwa #\d+ .*patuh tercatat 1"),
        "pengaturan diubah": (["DROP TRIGGER pengaturan_riwayat_tolak_ubah",
                               "UPDATE pengaturan_riwayat SET nilai = '\"1 jam\"' WHERE kunci = 'mutu_baku.langkah_3'"],
                              r"pengaturan_riwayat #\d+: isi tidak cocok"),
    }[nama]
    assert _jalankan(jalur).returncode == 0
    _sql(jalur, *perintah)
    r = _jalankan(jalur)
    assert r.returncode == 1, r.stdout + r.stderr
    assert re.search(r"^TEMUAN: .*" + pola, r.stdout, re.M), r.stdout


# -- the second implementation agrees with the package ---------------------------------------

_T0 = datetime(2026, 3, 2, 7, 0, tzinfo=WIB)  # a Monday before Nyepi and Idul Fitri; every history ends by July 2026
_LANGKAH = [Aksi.VALIDASI_BENAR, Aksi.TINDAK, Aksi.VERIFIKASI_KEMBALIKAN, Aksi.TINDAK, Aksi.VERIFIKASI_TERIMA,
            Aksi.INFORMASIKAN]
_RINCIAN = {
    Aksi.VALIDASI_BENAR: {"tim_teknis": "Laboratorium Pengujian"},
    Aksi.TINDAK: {"koreksi": "Perbaikan", "pencegahan": "Pencegahan"},
    Aksi.VERIFIKASI_KEMBALIKAN: {"alasan": "Belum lengkap"},
    Aksi.VERIFIKASI_TERIMA: {},
    Aksi.INFORMASIKAN: {"media": "email"},
}
_PETUGAS = {Aksi.TINDAK: "Andi", Aksi.VERIFIKASI_KEMBALIKAN: "Budi", Aksi.VERIFIKASI_TERIMA: "Budi"}
# Gaps between events: minutes to weeks, landing in and out of office hours, weekends, holidays.
_JEDA = st.integers(min_value=1, max_value=60 * 24 * 12)
_PERUBAHAN = st.lists(st.tuples(
    st.sampled_from(["mutu_baku.langkah_2", "mutu_baku.langkah_3", "mutu_baku.langkah_4", "mutu_baku.langkah_6",
                     "jam_kerja.senin", "jam_kerja.jumat", "jam_kerja.sabtu"]),
    st.integers(min_value=0, max_value=60),  # days after _T0 it comes into force
    st.sampled_from(["30 menit", "2 jam", "1 hari", "2 hari", "08:00-15:00", "07:00-11:30", "09:00-24:00"]),
), max_size=4)


def _nilai_untuk(kunci: str, pilihan: str) -> str:
    if kunci.startswith("mutu_baku") == pilihan[0].isdigit() and ":" not in pilihan:
        return pilihan
    if kunci.startswith("jam_kerja") and ":" in pilihan:
        return pilihan
    return "45 menit" if kunci.startswith("mutu_baku") else "08:00-14:00"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(keluhan=st.lists(st.tuples(st.integers(min_value=0, max_value=60 * 24 * 50), st.lists(_JEDA, max_size=6),
                                  st.booleans(), st.sampled_from([None, "lanjutkan", "langkah"])),
                        min_size=1, max_size=4),
       perubahan=_PERUBAHAN, diajukan=st.booleans())
def test_skrip_sama_dengan_angka_program(tmp_path_factory: pytest.TempPathFactory,
                                         keluhan: list[tuple[int, list[int], bool, str | None]],
                                         perubahan: list[tuple[str, int, str]], diajukan: bool) -> None:
    """On generated histories and dated setting changes, the script's recomputed durations, mutu baku, deadlines and
    compliance (clock stops among them: ended by lanjutkan, by the next step or by batal) equal the package's
    durasi_langkah rows, and it finds nothing (voided complaints among them)."""
    jalur = buat_arsip(tmp_path_factory.mktemp("acak") / "archive.db")  # as keluhan init makes it
    a = Arsip(jalur, pengaturan.muat(None))
    try:
        for kunci, hari, pilihan in perubahan:
            try:
                a.ubah_pengaturan(kunci, _nilai_untuk(kunci, pilihan), petugas="Dewi", alasan="uji",
                                  berlaku_sejak=(_T0 + timedelta(days=hari)).date())
            except Exception as e:  # the same value again: refused, nothing written
                assert "sudah bernilai" in str(e)
        for mulai, jeda, batal, tunda in keluhan:
            t = _T0 + timedelta(minutes=mulai)
            isian: dict[str, Any] = {"nama": "PT Uji", "media": "email", "uraian": "x"}
            if diajukan:
                isian["diajukan"] = t
            t += timedelta(minutes=7)
            kid = a.catat(petugas="Rina", isian=isian, waktu=t)["id"]
            for aksi, menit in zip(_LANGKAH, jeda):
                if tunda and menit >= 10:  # one clock stop within this step, ended by lanjutkan or by the step
                    a.langkah(kid, Aksi.TUNDA, petugas="Rina", waktu=t + timedelta(minutes=menit // 3),
                              rincian={"alasan": "menunggu contoh"})
                    if tunda == "lanjutkan":
                        a.langkah(kid, Aksi.LANJUTKAN, petugas="Rina", waktu=t + timedelta(minutes=2 * menit // 3))
                    tunda = None
                t += timedelta(minutes=menit)
                a.langkah(kid, aksi, petugas=_PETUGAS.get(aksi, "Rina"), waktu=t, rincian=dict(_RINCIAN[aksi]))
            if batal and len(jeda) <= 1:  # still dicatat or divalidasi, no CAPA: voided (keluhan batal)
                a.langkah(kid, Aksi.BATAL, petugas="Dedi", waktu=t + timedelta(minutes=3), rincian={"alasan": "ganda"})
    finally:
        a.tutup()
    m = _modul()
    m.temuan.clear()
    m.main(str(jalur))
    assert m.temuan == []
    db = sqlite3.connect(jalur)
    zona, libur = m.putar_kalender(db)
    wk = m.WaktuKerja(ZoneInfo(zona), libur, m.Pengaturan(db))
    for mulai, akhir, menit, mutu, batas, patuh, langkah, menit_tunda in db.execute(
            "SELECT mulai, akhir, menit_kerja, mutu_baku, batas, patuh, langkah, menit_tunda FROM durasi_langkah"):
        assert mutu == wk.p.nilai(f"mutu_baku.langkah_{langkah}", datetime.fromisoformat(mulai))
        if menit_tunda:  # the script's own check above compared the paused ones with their pauses
            continue
        m_, b_, p_, _, _ = m.durasi(wk, mulai, akhir, mutu)
        assert (round(m_, 6), b_, p_) == (menit, batas, patuh)
    db.close()


def test_batal_sesudah_tindakan_tertangkap(tmp_path: Path) -> None:
    """A void written after the CAPA (past the archive's own guard, with a sound chain) is a TEMUAN; a proper one is not."""
    (tmp_path / "b").mkdir()
    jalur = buat_arsip(tmp_path / "b" / "archive.db")
    a = Arsip(jalur, pengaturan.muat(None))
    try:
        t = _T0 + timedelta(days=1, hours=2)
        sah = a.catat(petugas="Rina", isian={"nama": "PT Ganda", "media": "email", "uraian": "x"}, waktu=t)
        a.langkah(sah["id"], Aksi.BATAL, petugas="Dedi", waktu=t + timedelta(minutes=5), rincian={"alasan": "ganda"})
        assert _jalankan(jalur).returncode == 0
        k = a.catat(petugas="Rina", isian={"nama": "PT Uji", "media": "email", "uraian": "y"}, waktu=t)
        for i, aksi in enumerate([Aksi.VALIDASI_BENAR, Aksi.TINDAK, Aksi.VERIFIKASI_KEMBALIKAN], start=1):
            k = a.langkah(k["id"], aksi, petugas=_PETUGAS.get(aksi, "Rina"), waktu=t + timedelta(hours=i),
                          rincian=dict(_RINCIAN[aksi]))
        from keluhan.workflow import Status

        with a.transaksi() as db:  # the guard bypassed: what a forger with the program's own writer could do
            p = a._peristiwa(k["id"], Aksi.BATAL, Status.DIVALIDASI, Status.BATAL, "Dedi", t + timedelta(hours=5),
                             a._sekarang(), {"alasan": "tutupi"})
            a._tulis(db, p, k)
    finally:
        a.tutup()
    r = _jalankan(jalur)
    assert r.returncode == 1, r.stdout + r.stderr
    assert re.search(r"^TEMUAN: keluhan 002/\S+: dibatalkan \(peristiwa #\d+\) padahal tindakan koreksi", r.stdout, re.M), r.stdout
