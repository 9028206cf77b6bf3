"""A pause of the effectiveness review's clock (issue 15): ``tunda`` on a finished complaint whose CAPA review is due
moves the review's due day by the paused working time, as a step's pause moves its deadline, and only when the pause
began by the end of the due day; lihat, terlambat, agenda, the FTKP and the recap's ``efektivitas`` figures all say
the moved day. The clock is fixed in every test (keluhan.waktu.sekarang): nothing here depends on today's date."""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

import keluhan.waktu
from conftest import PETUGAS_PUTUSAN, lihat_json
from keluhan.workflow import Status

WIB = ZoneInfo("Asia/Jakarta")
ALASAN = ["--alasan", "Menunggu data pemakaian dari pelanggan"]


@pytest.fixture
def jam(monkeypatch: pytest.MonkeyPatch):
    """``jam(datetime)`` sets the program's clock (local time, WIB)."""
    kini = [datetime(2026, 11, 30, 9, 0, tzinfo=WIB)]
    monkeypatch.setattr(keluhan.waktu, "sekarang", lambda _zona: kini[0])

    def atur(t: datetime) -> None:
        kini[0] = t.replace(tzinfo=WIB)

    return atur


def _ditunda(sampai, jalankan, mulai: str, akhir: str) -> str:
    """A complaint verified (terima) Tue 3 Nov 2026 11:00, informed 11:30: its review falls due on the 20th working
    day after 3 Nov, Tue 1 Dec; its review's clock paused from ``mulai`` to ``akhir``."""
    nomor = sampai(Status.SELESAI)
    assert jalankan("tunda", nomor, *ALASAN, "--waktu", mulai).exit_code == 0
    r = jalankan("lanjutkan", nomor, "--waktu", akhir)
    assert r.exit_code == 0, r.stderr
    return nomor


def _tinjauan(jalankan, nomor: str) -> list[tuple[str, bool]]:
    return [(t["jatuh_tempo"], t["terlambat"]) for t in lihat_json(jalankan, nomor)["tinjauan_efektivitas"]]


def test_jeda_menggeser_jatuh_tempo_tinjauan(sampai, jalankan, jam) -> None:
    """Paused Mon 9 Nov 09:00 to Wed 11 Nov 09:00 (420 + 510 + 90 = 1020 working minutes, two working days of 510):
    the review falls due two working days later, Thu 3 Dec, not Tue 1 Dec: not overdue on Wed 2 Dec, overdue on Fri
    4 Dec; lihat's text says so. An unpaused review of the same day is overdue on 2 Dec."""
    jam(datetime(2026, 11, 30, 9, 0))
    nomor = _ditunda(sampai, jalankan, "2026-11-09 09:00", "2026-11-11 09:00")
    polos = sampai(Status.SELESAI)
    jam(datetime(2026, 12, 2, 10, 0))
    assert _tinjauan(jalankan, nomor) == [("2026-12-03", False)]
    assert _tinjauan(jalankan, polos) == [("2026-12-01", True)]
    jam(datetime(2026, 12, 4, 10, 0))
    assert _tinjauan(jalankan, nomor) == [("2026-12-03", True)]
    assert "Tinjauan efektivitas putaran 1 jatuh tempo 3 Desember 2026 — TERLAMBAT." in jalankan("lihat", nomor).stdout


def test_jeda_sesudah_jatuh_tempo_tidak_menggeser(sampai, jalankan, jam) -> None:
    """A pause begun after the due day had ended (Wed 2 Dec, the review already overdue) moves nothing: once it ends
    the review is overdue again, due Tue 1 Dec; while it runs the review is paused, not overdue."""
    jam(datetime(2026, 12, 2, 9, 0))
    nomor = sampai(Status.SELESAI)
    assert jalankan("tunda", nomor, *ALASAN, "--waktu", "2026-12-02 08:00").exit_code == 0
    jam(datetime(2026, 12, 3, 10, 0))
    assert _tinjauan(jalankan, nomor) == [("2026-12-01", False)]
    assert [b["jenis"] for b in json.loads(jalankan("terlambat", "--json").stdout)] == []  # its pause is within limit
    assert jalankan("lanjutkan", nomor, "--waktu", "2026-12-03 09:00").exit_code == 0
    assert _tinjauan(jalankan, nomor) == [("2026-12-01", True)]


def test_jeda_pada_hari_jatuh_tempo_menggeser(sampai, jalankan, jam) -> None:
    """A pause begun on the due day itself (Tue 1 Dec 15:00, the review not yet overdue) and ended the next morning
    (Wed 2 Dec 08:30: 60 + 60 working minutes) moves the due day one working day on, to Wed 2 Dec."""
    jam(datetime(2026, 12, 1, 15, 30))
    nomor = sampai(Status.SELESAI)
    assert jalankan("tunda", nomor, *ALASAN, "--waktu", "2026-12-01 15:00").exit_code == 0
    jam(datetime(2026, 12, 2, 9, 0))
    assert jalankan("lanjutkan", nomor, "--waktu", "2026-12-02 08:30").exit_code == 0
    assert _tinjauan(jalankan, nomor) == [("2026-12-02", False)]
    jam(datetime(2026, 12, 3, 9, 0))
    assert _tinjauan(jalankan, nomor) == [("2026-12-02", True)]


def test_terlambat_dan_agenda_tanggal_digeser(sampai, jalankan, jam) -> None:
    """terlambat lists the unpaused review on Wed 2 Dec but not the paused one; agenda (a day ahead) lists the paused
    one due Thu 3 Dec, not late; on Fri 4 Dec terlambat lists both, the paused one due 3 Dec."""
    jam(datetime(2026, 11, 30, 9, 0))
    nomor = _ditunda(sampai, jalankan, "2026-11-09 09:00", "2026-11-11 09:00")
    polos = sampai(Status.SELESAI)
    jam(datetime(2026, 12, 2, 10, 0))
    baris = json.loads(jalankan("terlambat", "--json").stdout)
    assert [(b["nomor"], b["jenis"], b["jatuh_tempo"]) for b in baris] == [(polos, "efektivitas", "2026-12-01")]
    butir = json.loads(jalankan("agenda", "--semua", "--hari", "1", "--json").stdout)
    assert [(b["nomor"], b["jenis"], b["terlambat"]) for b in butir if b["jenis"] == "efektivitas"] == [
        (polos, "efektivitas", True), (nomor, "efektivitas", False)]
    jam(datetime(2026, 12, 4, 10, 0))
    baris = json.loads(jalankan("terlambat", "--json").stdout)
    assert sorted((b["nomor"], b["jatuh_tempo"]) for b in baris) == sorted(
        [(polos, "2026-12-01"), (nomor, "2026-12-03")])


def test_tinjauan_dini_menurut_tanggal_digeser(sampai, jalankan, jam) -> None:
    """The review recorded on Wed 2 Dec, after the day it was first due but before the moved one, is early against
    the moved due day (3 Dec), and says so; the pause it follows left the FTKP's due day moved too."""
    jam(datetime(2026, 11, 30, 9, 0))
    nomor = _ditunda(sampai, jalankan, "2026-11-09 09:00", "2026-11-11 09:00")
    r = jalankan("formulir", nomor, "--jenis", "ftkp", "--format", "md")
    assert r.exit_code == 0, r.stderr
    assert "Tinjauan efektivitas jatuh tempo 3 Desember 2026." in r.stdout, r.stdout
    jam(datetime(2026, 12, 2, 10, 0))
    r = jalankan("efektivitas", nomor, "--efektif", "--waktu", "2026-12-02 09:00", petugas=PETUGAS_PUTUSAN)
    assert r.exit_code == 0, r.stderr
    assert "(lebih awal dari jatuh tempo 3 Desember 2026)" in r.stdout
    e = lihat_json(jalankan, nomor)["riwayat"][-1]
    assert e["efektivitas"] == {"jatuh_tempo": "2026-12-03", "dini": True}
    assert jalankan("periksa").exit_code == 0


def _rekap(jalankan, tmp_path, sampai_: str, nama: str, *opsi: str) -> dict:
    keluar = tmp_path / nama
    r = jalankan("rekap", "--dari", "2026-11-02", "--sampai", sampai_, "--format", "json", "--keluar", str(keluar),
                 *opsi)
    assert r.exit_code == 0, r.stderr
    return json.loads(keluar.read_text(encoding="utf-8"))


def test_rekap_efektivitas_tanggal_digeser(sampai, jalankan, jam, tmp_path) -> None:
    """The recap's efektivitas figures at a period's end: up to Tue 1 Dec (end: 2 Dec 00:00) the paused review is
    pending, not overdue, the unpaused one overdue; up to Thu 3 Dec both are overdue. A pause recorded after the first
    recap (dated inside its period) leaves it unchanged but for its anchor, and the recap run with its first anchor is
    the same file byte for byte."""
    jam(datetime(2026, 11, 30, 9, 0))
    _ditunda(sampai, jalankan, "2026-11-09 09:00", "2026-11-11 09:00")
    sampai(Status.SELESAI)
    jam(datetime(2026, 12, 10, 9, 0))
    pertama = _rekap(jalankan, tmp_path, "2026-12-01", "a.json")
    assert {k: pertama["efektivitas"][k] for k in ("belum", "terlambat")} == {"belum": 2, "terlambat": 1}
    kemudian = _rekap(jalankan, tmp_path, "2026-12-03", "b.json")
    assert {k: kemudian["efektivitas"][k] for k in ("belum", "terlambat")} == {"belum": 2, "terlambat": 2}
    lain = sampai(Status.SELESAI)  # a third, paused over the same days, typed in now
    assert jalankan("tunda", lain, *ALASAN, "--waktu", "2026-11-09 09:00").exit_code == 0
    assert jalankan("lanjutkan", lain, "--waktu", "2026-11-11 09:00").exit_code == 0
    kedua = _rekap(jalankan, tmp_path, "2026-12-01", "c.json")
    assert {k: kedua["efektivitas"][k] for k in ("belum", "terlambat")} == {"belum": 3, "terlambat": 1}
    ulang = _rekap(jalankan, tmp_path, "2026-12-01", "d.json", "--jangkar", pertama["jangkar"]["teks"])
    assert (tmp_path / "d.json").read_bytes() == (tmp_path / "a.json").read_bytes()
    assert ulang["efektivitas"] == pertama["efektivitas"]


def test_v_efektivitas_sama_dengan_lihat(sampai, jalankan, jam, arsip) -> None:
    """The auditors' view v_efektivitas (read through the sqlite3 shell) moves each pending review's due day as lihat
    does: two pauses of the review's clock, a pause taken on the due day, one begun after it (moves nothing), and a
    running one (paused: ditunda 1); jatuh_tempo_awal keeps the day before the pauses."""
    from test_kueri_dokumen import sqlite3_shell

    jam(datetime(2026, 12, 2, 12, 0))
    dua = _ditunda(sampai, jalankan, "2026-11-09 09:00", "2026-11-10 09:00")
    assert jalankan("tunda", dua, *ALASAN, "--waktu", "2026-11-20 09:00").exit_code == 0
    assert jalankan("lanjutkan", dua, "--waktu", "2026-11-20 15:00").exit_code == 0
    hari_itu = _ditunda(sampai, jalankan, "2026-12-01 15:00", "2026-12-02 08:30")
    sesudah = _ditunda(sampai, jalankan, "2026-12-02 08:00", "2026-12-02 10:00")
    berjalan = sampai(Status.SELESAI)
    assert jalankan("tunda", berjalan, *ALASAN, "--waktu", "2026-11-09 09:00").exit_code == 0
    polos = sampai(Status.SELESAI)
    (baris,) = sqlite3_shell(arsip, "SELECT nomor, jatuh_tempo, jatuh_tempo_awal, menit_tunda, ditunda "
                                    "FROM v_efektivitas ORDER BY nomor;\n")
    sql = {b["nomor"]: b for b in baris}
    for nomor in (dua, hari_itu, sesudah, berjalan, polos):
        assert [(t["jatuh_tempo"]) for t in lihat_json(jalankan, nomor)["tinjauan_efektivitas"]] == [
            sql[nomor]["jatuh_tempo"]], nomor
        assert sql[nomor]["jatuh_tempo_awal"] == "2026-12-01"
    # Mon 9 Nov 09:00-Tue 10 Nov 09:00 is 420 + 90 = 510 minutes: one working day, to Wed 2 Dec; Fri 20 Nov 09:00-15:00
    # (360) began before that day ended: Thu 3 Dec.
    assert (sql[dua]["jatuh_tempo"], sql[dua]["menit_tunda"]) == ("2026-12-03", 870.0)
    assert (sql[hari_itu]["jatuh_tempo"], sql[hari_itu]["menit_tunda"]) == ("2026-12-02", 120.0)
    assert (sql[sesudah]["jatuh_tempo"], sql[sesudah]["menit_tunda"]) == ("2026-12-01", 0.0)
    assert (sql[berjalan]["jatuh_tempo"], sql[berjalan]["ditunda"]) == ("2026-12-01", 1)
    assert (sql[polos]["jatuh_tempo"], sql[polos]["ditunda"], sql[polos]["menit_tunda"]) == ("2026-12-01", 0, 0.0)
    assert jalankan("periksa").exit_code == 0
