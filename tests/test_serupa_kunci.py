"""Issue 17, catat on a big archive: the duplicate warning reads only the complaints sharing one of
its keys (table kunci_serupa, keluhan/pencarian.py), and says exactly what the full comparison of
every complaint of the last 14 days said. The old scan is kept here as the oracle (``serupa_lama``:
Arsip.serupa as it was before the table, judging each complaint with today's pencarian.sebab_serupa,
so that a change to the judgement that the keys do not follow fails here)."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import unicodedata
from collections.abc import Iterator
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import PETUGAS, buang_migrasi_sejak, buat_arsip, ubah_db
from keluhan import migrasi, pencarian, pengaturan
from keluhan import waktu as w
from keluhan.arsip import Arsip
from keluhan.galat import GalatMasukan
from keluhan.cli import app
from keluhan.pencarian import HARI_SERUPA
from keluhan.workflow import Aksi

WIB = ZoneInfo("Asia/Jakarta")
AWAL = datetime(2026, 11, 2, 8, 0, tzinfo=WIB)


# -- the oracle: the full comparison as it was -------------------------------------------


def serupa_lama(a: Arsip, isian: dict[str, Any], waktu: datetime) -> list[tuple[str, str]]:
    t = a._di_zona(waktu)
    awal = t - timedelta(days=HARI_SERUPA)
    hasil = []
    for r in a.db.execute(
        "SELECT nomor, nama, email, telepon, uraian, dicatat FROM keluhan WHERE dicatat >= ? AND dicatat <= ?"
        " AND status <> 'batal' ORDER BY dicatat DESC",
        (w.iso(awal - timedelta(days=1)), w.iso(t + timedelta(days=1))),
    ):
        lama = dict(r)
        if not awal <= w.dari_iso(lama["dicatat"]) <= t:
            continue
        sebab = pencarian.sebab_serupa(isian, lama)  # the judgement itself is today's: the oracle's scan is what differs
        if sebab:
            hasil.append((lama["nomor"], sebab))
    return hasil


# -- generated customers: the same one written in different forms ------------------------


def _lebar(teks: str) -> str:
    """Full-width forms (NFKC folds them back)."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in teks)


_NAMA = ["PT Sinar Kimia", "Siti Aminah", "José Ramírez", "Budi"]
_EMAIL = ["siti@contoh.id", "budi@x.co.id", "jose@lab.go.id"]
_TELEPON = ["081234567890", "0219876543", "0274512", "123"]
_KATA = ["lhu", "sertifikat", "terlambat", "belum", "diterima", "salah"]

nama_ = st.builds(lambda n, f: f(n), st.sampled_from(_NAMA), st.sampled_from([
    lambda n: n, str.upper, str.lower, lambda n: "  " + n.replace(" ", "   ") + " ",
    lambda n: unicodedata.normalize("NFD", n), _lebar]))
email_ = st.one_of(st.none(), st.just(""), st.builds(lambda e, f: f(e), st.sampled_from(_EMAIL), st.sampled_from([
    lambda e: e, str.upper, lambda e: f"  {e.title()} ", _lebar])))


def _format_telepon(d: str, i: int) -> str:
    if i == 1 and d.startswith("0"):
        return "+62 " + d[1:4] + " " + d[4:8] + " " + d[8:]
    if i == 2 and d.startswith("0"):
        return "62" + d[1:]
    if i == 3:
        return "(" + d[:3] + ") " + d[3:6] + "-" + d[6:]
    if i == 4:
        return _lebar(d)
    return d


telepon_ = st.one_of(st.none(), st.builds(_format_telepon, st.sampled_from(_TELEPON), st.integers(0, 4)))
uraian_ = st.lists(st.sampled_from(_KATA), min_size=1, max_size=5).map(" ".join).map(
    lambda u: u[:1].upper() + u[1:])
# Recording times: steps of 12 hours over 20 days, so that several fall in the same second.
waktu_ = st.integers(0, 40).map(lambda i: AWAL + timedelta(hours=12 * i))
isian_ = st.fixed_dictionaries({"nama": nama_, "email": email_, "telepon": telepon_, "uraian": uraian_})
keluhan_ = st.tuples(isian_, waktu_)
# What happens to a recorded complaint: nothing, voided, or one of its keys (or its recording time) corrected.
nasib_ = st.one_of(st.none(), st.just(("batal",)), st.tuples(st.just("nama"), nama_),
                   st.tuples(st.just("email"), email_.filter(bool)), st.tuples(st.just("telepon"), telepon_.filter(bool)),
                   st.tuples(st.just("waktu"), waktu_))


@pytest.fixture(scope="module")
def templat(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return buat_arsip(tmp_path_factory.mktemp("serupa-templat") / "archive.db")


@pytest.fixture
def baru(templat: Path) -> Iterator[Any]:
    """A function giving a fresh copy of a new archive, each in its own folder (removed after the test)."""
    folder = tempfile.mkdtemp(prefix="serupa-")

    def salin() -> Path:
        jalur = Path(tempfile.mkdtemp(dir=folder)) / "archive.db"
        shutil.copyfile(templat, jalur)
        return jalur

    yield salin
    shutil.rmtree(folder, ignore_errors=True)


def _impor(jalur: Path, baris: list[tuple[dict[str, Any], datetime]]) -> None:
    """The bulk import (``keluhan impor --jalankan``) of a clerk's register with these complaints."""
    import csv

    berkas = jalur.parent / "register.csv"
    with berkas.open("w", encoding="utf-8", newline="") as f:
        c = csv.writer(f)
        c.writerow(["nama", "media", "uraian", "email", "telepon", "dicatat", "petugas"])
        for isian, t in baris:
            c.writerow([isian["nama"], "email", isian["uraian"], isian["email"] or "", isian["telepon"] or "",
                        t.strftime("%Y-%m-%d %H:%M"), PETUGAS])
    r = CliRunner().invoke(app, ["--arsip", str(jalur), "--petugas", PETUGAS, "impor", str(berkas), "--jalankan"])
    assert r.exit_code == 0, r.output


def _isi(jalur: Path, impor: list[tuple[dict[str, Any], datetime]], catat: list[tuple[dict[str, Any], datetime]],
         nasib: list[Any]) -> Arsip:
    """The archive with ``impor`` bulk-imported, then ``catat`` recorded one by one, then each complaint's fate."""
    if impor:
        _impor(jalur, impor)
    a = Arsip(jalur, pengaturan.muat(None))
    for isian, t in catat:
        a.catat(petugas=PETUGAS, isian={"media": "email", **{k: v for k, v in isian.items() if v is not None}},
                waktu=t)
    semua = [r[0] for r in a.db.execute("SELECT nomor FROM keluhan ORDER BY tahun, urut")]
    for nomor, n in zip(semua, nasib):
        if n is None:
            continue
        if n[0] == "batal":
            a.langkah(nomor, Aksi.BATAL, petugas=PETUGAS, rincian={"alasan": "Tercatat ganda"})
            continue
        urutan = a.db.execute("SELECT MIN(r.urutan) FROM riwayat r JOIN keluhan k ON k.id = r.keluhan_id"
                              " WHERE k.nomor = ?", (nomor,)).fetchone()[0]
        try:
            if n[0] == "waktu":
                a.koreksi(nomor, petugas=PETUGAS, kolom="waktu", nilai=n[1], peristiwa=urutan, alasan="Salah jam")
            else:
                a.koreksi(nomor, petugas=PETUGAS, kolom=n[0], nilai=n[1], alasan="Salah ketik")
        except GalatMasukan as e:  # the value it already holds: no correction to make
            if "tidak ada yang dikoreksi" not in str(e):
                raise
    return a


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(impor=st.lists(keluhan_, max_size=6), catat=st.lists(keluhan_, max_size=10),
       nasib=st.lists(nasib_, max_size=16), uji=st.lists(keluhan_, min_size=1, max_size=6))
def test_sama_dengan_perbandingan_penuh(baru, impor, catat, nasib, uji) -> None:
    """Over generated complaints (the same e-mail, phone or name in other case, spacing, Unicode or phone forms;
    descriptions near the threshold; imported, recorded, voided, corrected in a key or in their recording time),
    the narrowed warning equals the full comparison for every probe, in the same order, and periksa finds the key
    table equal to the rows."""
    a = _isi(baru(), impor, catat, nasib)
    try:
        for isian, t in uji:
            for jam in (t, t + timedelta(days=HARI_SERUPA, hours=-12), t + timedelta(days=HARI_SERUPA)):
                assert a.serupa(isian, jam) == serupa_lama(a, isian, jam), (isian, jam)
        assert list(pencarian.periksa_serupa(a.db)) == []
    finally:
        a.tutup()


def test_contoh_tetap_urutan_dan_semua_sebab(baru) -> None:
    """A fixed case with every reason, two complaints in the same second, an imported one, a voided one and a
    corrected e-mail: the narrowed warning names them newest first as the full comparison does (ties by number,
    descending), and leaves out the voided one and the e-mail as it was before its correction."""
    t0 = AWAL + timedelta(days=3)
    impor = [({"nama": "Siti Aminah", "email": None, "telepon": "+62 812 3456 7890", "uraian": "lain"}, t0)]
    catat = [
        ({"nama": "ＰＴ  sinar kimia", "email": None, "telepon": None, "uraian": "LHU belum diterima"}, t0 + timedelta(hours=1)),
        ({"nama": "Budi", "email": "SITI@contoh.id ", "telepon": None, "uraian": "x"}, t0 + timedelta(hours=2)),
        ({"nama": "Andi", "email": None, "telepon": "0812-3456-7890", "uraian": "y"}, t0 + timedelta(hours=2)),
        ({"nama": "Citra", "email": "siti@contoh.id", "telepon": None, "uraian": "z"}, t0 + timedelta(hours=3)),
        ({"nama": "Dewi", "email": "dewi@contoh.id", "telepon": None, "uraian": "z"}, t0 + timedelta(hours=4)),
    ]
    a = _isi(baru(), impor, catat, [None, None, None, None, ("batal",), ("email", "Siti@Contoh.id")])
    try:
        isian = {"nama": "pt sinar kimia", "email": "siti@contoh.id", "telepon": "081234567890",
                 "uraian": "LHU belum diterima juga"}
        jam = t0 + timedelta(days=1)
        nomor = {r[0]: r[1] for r in a.db.execute("SELECT nama, nomor FROM keluhan")}
        harap = [(nomor["Dewi"], "email sama"), (nomor["Budi"], "email sama"), (nomor["Andi"], "telepon sama"),
                 (nomor["ＰＴ  sinar kimia"], "nama sama, uraian mirip"), (nomor["Siti Aminah"], "telepon sama")]
        harap[1:3] = sorted(harap[1:3], reverse=True)  # the same second: by number, descending
        assert serupa_lama(a, isian, jam) == harap
        assert a.serupa(isian, jam) == harap
        lain = {"nama": "Eko", "email": "dewi@contoh.id", "uraian": "q"}  # Dewi's e-mail as it was: corrected away
        assert a.serupa(lain, jam) == serupa_lama(a, lain, jam) == []
    finally:
        a.tutup()


def test_periksa_menemukan_kunci_yang_diubah(baru) -> None:
    """A key row changed, deleted, or planted for a complaint that does not exist is a finding of keluhan periksa;
    the archive as written is sound."""
    jalur = baru()
    a = _isi(jalur, [], [({"nama": "Siti", "email": "siti@contoh.id", "telepon": "0812 3456 7890", "uraian": "u"}, AWAL),
                         ({"nama": "Budi", "email": None, "telepon": None, "uraian": "v"}, AWAL)], [])
    a.tutup()

    def periksa() -> tuple[int, str]:
        r = CliRunner().invoke(app, ["--arsip", str(jalur), "periksa"])
        return r.exit_code, r.output

    assert periksa()[0] == 0
    budi = sqlite3.connect(jalur).execute("SELECT nomor FROM keluhan WHERE nama = 'Budi'").fetchone()[0]
    ubah_db(jalur, "UPDATE kunci_serupa SET kunci = kunci + 1 WHERE keluhan_id = (SELECT id FROM keluhan WHERE nama = 'Budi')")
    kode, keluar = periksa()
    assert kode == 1 and f"Tabel kunci_serupa, keluhan {budi}: kunci keluhan serupa tersimpan tidak sama" in keluar, keluar
    ubah_db(jalur, "UPDATE kunci_serupa SET kunci = kunci - 1 WHERE keluhan_id = (SELECT id FROM keluhan WHERE nama = 'Budi')")
    assert periksa()[0] == 0
    siti = "(SELECT id FROM keluhan WHERE nama = 'Siti')"
    ubah_db(jalur, f"DELETE FROM kunci_serupa WHERE keluhan_id = {siti}"
                   f" AND kunci = (SELECT MAX(kunci) FROM kunci_serupa WHERE keluhan_id = {siti})",
            "INSERT INTO kunci_serupa VALUES (7, 1700000000, 'zzzzzzz')")
    kode, keluar = periksa()
    assert kode == 1 and "kunci keluhan serupa tersimpan tidak sama" in keluar, keluar
    assert "Tabel kunci_serupa: kunci untuk keluhan id zzzzzzz, yang tidak ada di tabel keluhan." in keluar, keluar


def test_migrasi_mengisi_kunci_arsip_lama(baru) -> None:
    """An archive written before the migration gets every complaint's keys on its next opening: the warning names
    the earlier complaint at once, and the keys equal those the writers write."""
    jalur = baru()
    isi = [({"nama": "Siti", "email": "siti@contoh.id", "telepon": None, "uraian": "u"}, AWAL),
           ({"nama": "Budi", "email": None, "telepon": "0812 3456 7890", "uraian": "v"}, AWAL + timedelta(hours=1))]
    _isi(jalur, isi[:1], isi[1:], []).tutup()
    with closing(sqlite3.connect(jalur, isolation_level=None)) as db:
        ditulis = sorted(db.execute("SELECT * FROM kunci_serupa"))
        assert len(ditulis) == 4  # Siti: e-mail and name; Budi: phone and name
        buang_migrasi_sejak(db, next(n for n, _ in migrasi.MIGRASI if n.endswith("_serupa")))
        assert not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'kunci_serupa'").fetchone()
    a = Arsip(jalur, pengaturan.muat(None))
    try:
        assert sorted(map(tuple, a.db.execute("SELECT * FROM kunci_serupa"))) == ditulis
        siti = a.db.execute("SELECT nomor FROM keluhan WHERE nama = 'Siti'").fetchone()[0]
        assert a.serupa({"nama": "X", "email": "SITI@contoh.id", "uraian": "w"}, AWAL + timedelta(days=1)) == [
            (siti, "email sama")]
    finally:
        a.tutup()
