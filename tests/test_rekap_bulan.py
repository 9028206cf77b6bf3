"""Kept month-end figures of closed months (keluhan/rekap_bulan.py, m029_rekap_bulan): written by the writing
commands after their commit, read by ``rekap`` only while nothing recorded since can change them, byte for byte
the live recap and the reference fold (tests/rekap_acuan.py); every write that can change a closed month makes the
recap live again."""

from __future__ import annotations

import csv
import json
import random
import sqlite3
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import rekap_acuan
from conftest import Jalankan, baca_db, ubah_db

from keluhan import pengaturan, rekap, rekap_bulan, waktu as w
from keluhan.arsip import Arsip
from keluhan.rekap import Periode
from keluhan.workflow import Aksi

WIB = ZoneInfo("Asia/Jakarta")
KINI = datetime(2026, 12, 3, 10, 0, tzinfo=WIB)
FORMAT = ("json", "md", "html")


def t(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=WIB)


@pytest.fixture
def jam(monkeypatch: pytest.MonkeyPatch) -> list[datetime]:
    """The clock, fixed (set ``jam[0]``); every month of at least one complaint is kept."""
    j = [t(2026, 8, 3, 8)]
    monkeypatch.setattr(w, "sekarang", lambda _zona: j[0])
    monkeypatch.setattr(rekap_bulan, "AMBANG", 10**9)  # nothing kept while the scenario is built
    return j


def _bangun(arsip: Path, jam: list[datetime], monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """September to November 2026: complaints at every stage, a void, a pause, reviews and answers, a repeat
    customer; then the clock at 3 December."""
    acak = random.Random(29)
    a = Arsip(arsip, pengaturan.muat(None))
    nomor: list[str] = []

    def pada(x: datetime) -> datetime:
        jam[0] = max(jam[0], x + timedelta(minutes=acak.choice([0, 5, 60 * 5])))
        return x

    awal = sorted(t(2026, 9, 1, 8) + timedelta(minutes=acak.randrange(0, 60 * 24 * 88)) for _ in range(36))
    for i in range(36):
        mulai = max(jam[0], awal[i])
        jam[0] = mulai
        k = a.catat(petugas="Rina", waktu=pada(mulai), isian={
            "nama": f"Pelanggan {i % 7}", "instansi": f"PT Contoh {i % 5}", "media": "email", "uraian": f"Keluhan {i}",
            "layanan": "pengujian", "email": f"p{i % 7}@contoh.co.id"})
        nomor.append(a.ambil(k["id"])["nomor"])
        x = mulai

        def langkah(aksi: Aksi, petugas: str, menit: int, **rincian: Any) -> None:
            nonlocal x
            x = x + timedelta(minutes=menit)
            a.langkah(k["id"], aksi, petugas=petugas, waktu=pada(x), rincian=rincian)

        if i % 9 == 8:
            continue  # only recorded
        if i % 11 == 4:
            langkah(Aksi.BATAL, "Dedi", 30, alasan="ganda")
            continue
        langkah(Aksi.VALIDASI_BENAR, "Dedi", acak.choice([10, 40]), tim_teknis="Laboratorium Pengujian")
        if i % 8 == 2:
            langkah(Aksi.TUNDA, "Dedi", 30, alasan="menunggu contoh")
        if i % 6 == 5:
            continue  # with the Tim Teknis
        langkah(Aksi.TINDAK, "Budi", acak.choice([60, 60 * 24]), koreksi="Koreksi", pencegahan="Cek",
                kode_akar=acak.choice(["metode", "peralatan"]))
        langkah(Aksi.VERIFIKASI_TERIMA, "Agus", acak.choice([7, 60 * 3]))
        if i % 5 == 1:
            continue
        langkah(Aksi.INFORMASIKAN, "Rina", acak.choice([10, 60 * 24]))
        if i % 3 == 0:
            langkah(Aksi.KEPUASAN, "Rina", 60 * 3, menerima=True, nilai=acak.choice([3, 4]))
    jam[0] = KINI
    a.tutup()
    monkeypatch.setattr(rekap_bulan, "AMBANG", 1)
    return {"nomor": nomor}


def _rekap(jalankan: Jalankan, fmt: str, bulan: str = "2026-10") -> str:
    r = jalankan("rekap", "--bulan", bulan, "--format", fmt)
    assert r.exit_code == 0, r.stderr
    return r.stdout  # type: ignore[no-any-return]


def _live(arsip: Path, fmt: str, bulan: str, monkeypatch: pytest.MonkeyPatch, jalankan: Jalankan) -> str:
    """The same recap with kept figures never read."""
    with monkeypatch.context() as m:
        m.setattr(rekap_bulan, "baca", lambda *a, **k: None)
        return _rekap(jalankan, fmt, bulan)


def _tersimpan(arsip: Path) -> dict[str, dict[str, Any]]:
    return {r["bulan"]: r for r in baca_db(arsip, "SELECT bulan, urutan, sah_sampai, kunci FROM rekap_bulan")}


def _dipakai(arsip: Path, bulan: str, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Whether a recap of ``bulan`` now reads the kept figures (asked of rekap_bulan.baca inside a real recap)."""
    dibaca: list[Any] = []
    asli = rekap_bulan.baca

    def baca(*a: Any, **k: Any) -> Any:
        dibaca.append(x := asli(*a, **k))
        return x

    with monkeypatch.context() as m:
        m.setattr(rekap_bulan, "baca", baca)
        a = Arsip(arsip, pengaturan.muat(None))
        try:
            a.rekap(Periode.bulan(int(bulan[:4]), int(bulan[5:])))
        finally:
            a.db.close()
    return dibaca[-1] is not None


def _acuan(arsip: Path, bulan: str) -> dict[str, Any]:
    a = Arsip(arsip, pengaturan.muat(None))
    try:
        return rekap_acuan.rekap(a.db, a.kalender(), a.p, Periode.bulan(int(bulan[:4]), int(bulan[5:])), sekarang=KINI)
    finally:
        a.db.close()


def _berkas(jalankan: Jalankan, arsip: Path, bulan: str) -> bytes:
    tujuan = arsip.parent / "rekap.json"
    r = jalankan("rekap", "--bulan", bulan, "--format", "json", "--keluar", str(tujuan), "--timpa")
    assert r.exit_code == 0, r.stderr
    return tujuan.read_bytes()


def _sama_semua(arsip: Path, jalankan: Jalankan, monkeypatch: pytest.MonkeyPatch, bulan: str = "2026-10") -> None:
    for fmt in FORMAT:
        assert _rekap(jalankan, fmt, bulan) == _live(arsip, fmt, bulan, monkeypatch, jalankan), fmt
    berkas = _berkas(jalankan, arsip, bulan)  # --keluar: the kept bytes written as they are
    with monkeypatch.context() as m:
        m.setattr(rekap_bulan, "baca", lambda *a, **k: None)
        assert berkas == _berkas(jalankan, arsip, bulan)
    data = json.loads(_rekap(jalankan, "json", bulan))
    acuan = json.loads(json.dumps(_acuan(arsip, bulan), default=list))
    assert data == acuan


def _tulis(jalankan: Jalankan, *args: str) -> None:
    r = jalankan(*args)
    assert r.exit_code == 0, r.stdout + r.stderr


def test_penulis_menyimpan_bulan_tutup_dan_rekap_sama_persis(arsip: Path, jam: list[datetime], jalankan: Jalankan,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The writing commands keep the closed months one per command, newest first; the recap of each, read from
    them, is byte for byte the live one in json, md and html, and equals the reference fold; a write dated after
    the months leaves them in use; ``rekap`` itself writes nothing."""
    _bangun(arsip, jam, monkeypatch)
    assert _tersimpan(arsip) == {}
    _rekap(jalankan, "json")
    assert _tersimpan(arsip) == {}  # a read never keeps
    _tulis(jalankan, "catat", "--nama", "Baru", "--media", "email", "--uraian", "Desember 1")
    assert set(_tersimpan(arsip)) == {"2026-11"}
    _tulis(jalankan, "catat", "--nama", "Baru", "--media", "email", "--uraian", "Desember 2")
    _tulis(jalankan, "catat", "--nama", "Baru", "--media", "email", "--uraian", "Desember 3")
    simpan = _tersimpan(arsip)
    assert set(simpan) == {"2026-09", "2026-10", "2026-11"}
    ujung = baca_db(arsip, "SELECT MAX(urutan) AS n FROM riwayat")[0]["n"]
    # November's check is where it was kept: fewer than GESER events since, so the later writes left its row alone
    assert simpan["2026-11"]["sah_sampai"] == simpan["2026-11"]["urutan"] < ujung
    assert simpan["2026-11"]["urutan"] < ujung
    for bulan in simpan:
        assert _dipakai(arsip, bulan, monkeypatch), bulan
        _sama_semua(arsip, jalankan, monkeypatch, bulan)
    # The html and md recaps print the long lists' rows as kept: without the row templates they read the same.
    from keluhan import formulir

    data = json.loads(_rekap(jalankan, "json"))
    assert data["keluhan"] and data["terbuka_akhir_periode"] and data["berulang"] and data["dibatalkan"]
    dicetak = {fmt: _rekap(jalankan, fmt) for fmt in ("html", "md")}
    with monkeypatch.context() as m:
        m.setattr(formulir, "_BARIS", {})
        assert {fmt: _rekap(jalankan, fmt) for fmt in ("html", "md")} == dicetak
    sebelum = Path(arsip).read_bytes()
    for fmt in FORMAT:
        _rekap(jalankan, fmt)
    assert Path(arsip).read_bytes() == sebelum
    # An anchor printed by a recap read from kept figures gives the same document again.
    isi = _rekap(jalankan, "json")
    (Path(arsip).parent / "r.json").write_text(isi, encoding="utf-8")
    r = jalankan("rekap", "--bulan", "2026-10", "--format", "json", "--jangkar", str(Path(arsip).parent / "r.json"))
    assert r.exit_code == 0 and r.stdout == isi


def _siapkan(arsip: Path, jam: list[datetime], jalankan: Jalankan, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    x = _bangun(arsip, jam, monkeypatch)
    monkeypatch.setattr(rekap_bulan, "BULAN_DISIMPAN", 2)  # October and November
    for i in range(2):
        _tulis(jalankan, "catat", "--nama", "Baru", "--media", "email", "--uraian", f"Desember {i}")
    assert set(_tersimpan(arsip)) == {"2026-10", "2026-11"}
    assert _dipakai(arsip, "2026-10", monkeypatch)
    return x


def _oktober(nomor: list[str], arsip: Path) -> list[str]:
    ada = {r["nomor"]: r["dicatat"] for r in baca_db(arsip, "SELECT nomor, dicatat, status FROM keluhan WHERE status != 'batal'")}
    return [n for n in nomor if n in ada and ada[n].startswith("2026-10")]


def _impor(tmp_path: Path, jalankan: Jalankan) -> None:
    berkas = tmp_path / "lama.csv"
    with berkas.open("w", encoding="utf-8", newline="") as f:
        tulis = csv.writer(f)
        tulis.writerow(["nama", "media", "uraian", "dicatat", "petugas"])
        tulis.writerow(["Susulan Impor", "surat", "Dari buku register lama", "2026-10-21 09:00", "Rina Wulandari"])
    _tulis(jalankan, "impor", str(berkas), "--jalankan")


PERUBAHAN = {
    "susulan": lambda j, x, p: _tulis(j, "catat", "--nama", "Susulan", "--media", "surat", "--uraian", "Terlambat dicatat",
                                      "--waktu", "20/10/2026 09.00"),
    "koreksi_waktu": lambda j, x, p: _tulis(j, "koreksi", x["akhir"], "--kolom", "waktu", "--peristiwa", x["peristiwa"],
                                            "--nilai", x["waktu"], "--alasan", "Salah tanggal"),
    "batal": lambda j, x, p: _tulis(j, "batal", x["okt"][0], "--alasan", "Tercatat ganda"),
    "koreksi_kunci": lambda j, x, p: _tulis(j, "koreksi", x["okt"][0], "--kolom", "email", "--nilai", "lain@contoh.co.id",
                                            "--alasan", "Salah ketik"),
    "kaitkan": lambda j, x, p: _tulis(j, "kaitkan", x["okt"][0], x["okt"][1], "--alasan", "Pelanggan sama"),
    "kalender": lambda j, x, p: _tulis(j, "libur", "tambah", "2026-10-14", "Libur susulan", "--alasan", "SKB"),
    "pengaturan": lambda j, x, p: _tulis(j, "pengaturan", "ubah", "mutu_baku.langkah_2", "5 menit", "--alasan", "SK",
                                         "--berlaku-sejak", "2026-10-01"),
    "impor": lambda j, x, p: _impor(p, j),
}


@pytest.mark.parametrize("apa", list(PERUBAHAN))
def test_tulisan_yang_mengubah_bulan_tutup_membuat_rekap_langsung(apa: str, arsip: Path, jam: list[datetime],
                                                                  jalankan: Jalankan, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Each write that can change a closed month (an entry dated in it, a time corrected into it, a void, a
    corrected customer key, a link, a holiday, a backdated setting, an import of old rows) stops the kept figures'
    use at once, the recap equals the live one and the reference fold, and the next writer keeps the month again."""
    x = _siapkan(arsip, jam, jalankan, monkeypatch)
    x["okt"] = _oktober(x["nomor"], arsip)
    # the last event of an October complaint dated in October, two minutes earlier (after the one before it)
    akhir = baca_db(arsip, "SELECT k.nomor, r.urutan, r.waktu FROM riwayat r JOIN keluhan k ON k.id = r.keluhan_id "
                           "WHERE k.dicatat >= '2026-10' AND k.dicatat < '2026-10-25' AND r.urutan = "
                           "(SELECT MAX(urutan) FROM riwayat WHERE keluhan_id = k.id) AND r.waktu < '2026-10-25' "
                           "ORDER BY r.urutan LIMIT 1")[0]
    baru = datetime.fromisoformat(akhir["waktu"]) - timedelta(minutes=2)
    x["akhir"], x["peristiwa"], x["waktu"] = akhir["nomor"], str(akhir["urutan"]), f"{baru:%Y-%m-%d %H:%M}"
    sebelum = _rekap(jalankan, "json")
    simpan = rekap_bulan.simpan
    with monkeypatch.context() as m:
        m.setattr(rekap_bulan, "simpan", lambda _a: None)  # the write alone, nothing kept after it
        PERUBAHAN[apa](jalankan, x, tmp_path)
    assert not _dipakai(arsip, "2026-10", monkeypatch), apa
    sesudah = _rekap(jalankan, "json")
    _sama_semua(arsip, jalankan, monkeypatch)
    if apa in ("susulan", "batal", "impor"):  # (the others may leave October's figures as they were)
        assert json.loads(sesudah) != json.loads(sebelum), apa
    monkeypatch.setattr(rekap_bulan, "simpan", simpan)
    for i in range(2):  # one month recomputed per write, November first
        _tulis(jalankan, "catat", "--nama", "Lagi", "--media", "email", "--uraian", f"Sesudah {i}")
    assert _dipakai(arsip, "2026-10", monkeypatch), apa
    _sama_semua(arsip, jalankan, monkeypatch)


def test_rekap_bulan_dijaga_pemicu(arsip: Path, jam: list[datetime], jalankan: Jalankan,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Kept figures are never deleted nor moved back to an earlier anchor (triggers), and a row edited behind the
    program's back is not used when its anchor or key no longer fit."""
    _siapkan(arsip, jam, jalankan, monkeypatch)
    with pytest.raises(sqlite3.DatabaseError, match="tidak boleh dihapus"):
        ubah_db(arsip, "DELETE FROM rekap_bulan")
    with pytest.raises(sqlite3.DatabaseError, match="jangkar yang sama atau sesudahnya"):
        ubah_db(arsip, "UPDATE rekap_bulan SET urutan = urutan - 1")
    ubah_db(arsip, "UPDATE rekap_bulan SET kunci = 'lain'")
    assert not _dipakai(arsip, "2026-10", monkeypatch)


def test_pemeriksaan_berlaku_memakai_kunci_riwayat(arsip: Path) -> None:
    """Whether anything recorded since a kept anchor can change a month is one range of riwayat's primary key (the
    events since the last check), never a scan of the month's events (EXPLAIN QUERY PLAN)."""
    with sqlite3.connect(arsip) as db:
        rencana = " ".join(r[3] for r in db.execute("EXPLAIN QUERY PLAN " + rekap_bulan.SQL_BERUBAH,
                                                      {"s": 1, "n": 2, "a": "2026-11-01"}))
    assert "SEARCH riwayat USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)" in rencana, rencana


def test_mutu_baku_berlaku_saat_jam_mulai_untuk_langkah_yang_ditunggu(arsip: Path, jam: list[datetime],
                                                                     jalankan: Jalankan,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A complaint waiting for step 4 (the CAPA) since September keeps the mutu baku in force when that step's clock started,
    after a shorter one is backdated to 1 October: the open list's deadline, its lateness and the reference fold
    agree (the fold used the standard in force at the period's end, the live recap the one at the clock's start)."""
    a = Arsip(arsip, pengaturan.muat(None))
    jam[0] = t(2026, 9, 28, 9)
    k = a.catat(petugas="Rina", waktu=jam[0], isian={"nama": "Menunggu Tindakan", "media": "email",
                                                     "uraian": "Sertifikat belum terbit", "layanan": "pengujian"})
    jam[0] = t(2026, 9, 28, 9, 30)
    a.langkah(k["id"], Aksi.VALIDASI_BENAR, petugas="Dedi", waktu=jam[0], rincian={"tim_teknis": "Laboratorium Pengujian"})
    a.tutup()
    jam[0] = KINI
    _tulis(jalankan, "pengaturan", "ubah", "mutu_baku.langkah_4", "2 hari", "--alasan", "SK Kepala Balai",
           "--berlaku-sejak", "2026-10-01")
    data = json.loads(_rekap(jalankan, "json"))
    # 3 hari kerja from Monday 28 September 09:30 (the standard then), not the 2 hari in force from October.
    (baris,) = [b for b in data["terbuka_akhir_periode"] if b["nama"] == "Menunggu Tindakan"]
    assert (baris["langkah"], baris["terlambat"]) == (4, True)
    assert baris["batas"].startswith("2026-10-01T09:30"), baris["batas"]
    assert data == json.loads(json.dumps(_acuan(arsip, "2026-10"), default=list))


# An override template that loops over the long lists itself (docs/cetakan.md): every field of every row.
_TEMPLAT_LOOP = """{% for k in data.keluhan %}{{ loop.index }} {{ k.nomor }} {{ k.nama }} {{ k.status }} {{ k.hari_kerja }}
{% endfor %}{% for k in data.terbuka_akhir_periode %}T {{ k.nomor }} {{ k.status }} {{ k.langkah_berikutnya }}
{% endfor %}{% for k in data.berulang %}B {{ k.nomor }} {{ k.jumlah_sebelumnya }} {{ k.sebelumnya|length }}
{% endfor %}{{ data.keluhan|length }} {{ data.jumlah }} {{ data.per_status }} {{ data.jangkar.teks }}
"""


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_templat_pengganti_membaca_daftar_dari_baris_tersimpan(arsip: Path, jam: list[datetime], jalankan: Jalankan,
                                                              monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    """An html or md recap of a kept month reads only the short figures of the kept JSON; an override template
    that loops over the long lists gets them read from the kept row then, the same as computed live."""
    _siapkan(arsip, jam, jalankan, monkeypatch)
    folder = arsip.parent / "templates"
    folder.mkdir()
    (folder / f"rekap.{fmt}.j2").write_text(_TEMPLAT_LOOP, encoding="utf-8")
    dibaca: list[Any] = []
    asli = rekap_bulan.baca
    monkeypatch.setattr(rekap_bulan, "baca", lambda *a, **k: dibaca.append(x := asli(*a, **k)) or x)
    tersimpan = _rekap(jalankan, fmt)
    assert dibaca and dibaca[-1] is not None and dibaca[-1]._isi is None  # the kept JSON's lists not read up front
    assert tersimpan == _live(arsip, fmt, "2026-10", monkeypatch, jalankan)
    assert tersimpan.count("\nB ") >= 1 and tersimpan.count("\nT ") >= 1


def test_daftar_tersimpan_yang_dihitung_ulang_ditolak(arsip: Path, jam: list[datetime], jalankan: Jalankan,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A long list read later from a kept row that a writer kept again meanwhile (another anchor) is refused in
    one line, never mixed with the figures read before."""
    from keluhan.galat import GalatArsip

    _siapkan(arsip, jam, jalankan, monkeypatch)
    a = Arsip(arsip, pengaturan.muat(None))
    try:
        data = a.rekap(Periode.bulan(2026, 10), format="html")
        assert len(data["keluhan"]) > 0
        ubah_db(arsip, "UPDATE rekap_bulan SET urutan = urutan + 1, sah_sampai = sah_sampai + 1 WHERE bulan = '2026-10'")
        with pytest.raises(GalatArsip, match="dihitung ulang saat rekap ini disusun"):
            list(data["keluhan"])
    finally:
        a.db.close()


def test_json_tersimpan_ditulis_bertahap(arsip: Path, jam: list[datetime], jalankan: Jalankan,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A json recap of a kept month reads the kept JSON's first bytes in the recap's snapshot and the rest piece
    by piece as it is written (stdout and --keluar), multi-byte characters split across pieces included: the
    same bytes as computed live; a row kept again in between is refused in one line."""
    from keluhan.galat import GalatArsip

    _siapkan(arsip, jam, jalankan, monkeypatch)
    for nama in ("Ñandú Ωmega 日本語 Łódź", "Café ☕ — “kutip”", "Zoë 𝒳 ﷺ"):  # 2-, 3- and 4-byte UTF-8
        _tulis(jalankan, "catat", "--nama", nama, "--media", "email", "--uraian", f"Uraian {nama} é", "--waktu",
               "21/10/2026 09.00")
    for i in range(2):  # November, then October kept again
        _tulis(jalankan, "catat", "--nama", "Lagi", "--media", "email", "--uraian", f"Sesudah {i}")
    assert _dipakai(arsip, "2026-10", monkeypatch)
    monkeypatch.setattr(rekap_bulan, "POTONG", 333)  # the anchor's place in the first piece, the rest in many
    _sama_semua(arsip, jalankan, monkeypatch)
    assert "日本語" in _rekap(jalankan, "json")
    a = Arsip(arsip, pengaturan.muat(None))
    try:
        t = a.rekap(Periode.bulan(2026, 10), format="json")
        assert isinstance(t, rekap_bulan.Tersimpan) and len(t._awal) == 333
        ubah_db(arsip, "UPDATE rekap_bulan SET urutan = urutan + 1, sah_sampai = sah_sampai + 1 WHERE bulan = '2026-10'")
        with pytest.raises(GalatArsip, match="dihitung ulang saat rekap ini disusun"):
            list(t.bagian())
    finally:
        a.db.close()


def test_penulis_tidak_menimpa_baris_yang_lebih_baru(arsip: Path, jam: list[datetime], jalankan: Jalankan,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A writer's keep, written into the row piece by piece, is exactly what periksa recomputes, and it leaves
    alone a row another writer kept at a later anchor meanwhile (its bytes and key untouched)."""
    _siapkan(arsip, jam, jalankan, monkeypatch)
    a = Arsip(arsip, pengaturan.muat(None))
    try:
        ubah_db(arsip, "UPDATE rekap_bulan SET kunci = 'lain' WHERE bulan = '2026-10'")  # no longer holds: recomputed
        assert rekap_bulan.simpan(a) == "2026-10"
        assert rekap_bulan.periksa(a.db) == []
        assert _dipakai(arsip, "2026-10", monkeypatch)
        ubah_db(arsip, "UPDATE rekap_bulan SET kunci = 'lain' WHERE bulan = '2026-11'")
        sebelum = baca_db(arsip, "SELECT isi, html, md FROM rekap_bulan WHERE bulan = '2026-11'")[0]
        asli = rekap_bulan.hitung_ke

        def lalu_disalip(*a: Any, **k: Any) -> Any:
            hasil = asli(*a, **k)
            ubah_db(arsip, "UPDATE rekap_bulan SET urutan = urutan + 5, sah_sampai = sah_sampai + 5, kunci = 'baru' "
                           "WHERE bulan = '2026-11'")
            return hasil

        with monkeypatch.context() as m:
            m.setattr(rekap_bulan, "hitung_ke", lalu_disalip)
            assert rekap_bulan.simpan(a) == "2026-11"
        r = baca_db(arsip, "SELECT kunci, isi, html, md FROM rekap_bulan WHERE bulan = '2026-11'")[0]
        assert r["kunci"] == "baru" and (r["isi"], r["html"], r["md"]) == (sebelum["isi"], sebelum["html"], sebelum["md"])
    finally:
        a.db.close()


def test_sah_sampai_maju_sekali_per_geser_peristiwa(arsip: Path, jam: list[datetime], jalankan: Jalankan,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """A write dated after the kept months leaves their rows untouched until GESER events were recorded since
    their check (moving it rewrites the whole kept row: ~0.5 s at 1M, which every catat paid), then moves it to
    the tip; the recap reads the kept figures all along, and a late entry dated in a month still stops their use."""
    _siapkan(arsip, jam, jalankan, monkeypatch)
    monkeypatch.setattr(rekap_bulan, "GESER", 3)

    def sah() -> dict[str, int]:
        return {b: r["sah_sampai"] for b, r in _tersimpan(arsip).items()}

    def ujung() -> int:
        return baca_db(arsip, "SELECT MAX(urutan) AS n FROM riwayat")[0]["n"]  # type: ignore[no-any-return]

    tetap = pindah = 0
    for i in range(4):
        sebelum = sah()
        _tulis(jalankan, "catat", "--nama", "Baru", "--media", "email", "--uraian", f"Desember {10 + i}")
        n = ujung()  # (one event per catat)
        for b, v in sah().items():
            if n - sebelum[b] >= 3:
                assert v == n, b  # GESER events since its check: moved to the tip
                pindah += 1
            else:
                assert v == sebelum[b], b  # fewer: its row is not rewritten
                tetap += 1
        assert _dipakai(arsip, "2026-10", monkeypatch)
    assert pindah >= 2 and tetap >= 2
    _sama_semua(arsip, jalankan, monkeypatch)
    _tulis(jalankan, "catat", "--nama", "Baru", "--media", "email", "--uraian", "Desember 13")
    _tulis(jalankan, "catat", "--nama", "Susulan", "--media", "surat", "--uraian", "Terlambat dicatat",
           "--waktu", "20/10/2026 09.00")
    assert not _dipakai(arsip, "2026-10", monkeypatch)  # dated in October, behind a check that lags: seen
    _sama_semua(arsip, jalankan, monkeypatch)
