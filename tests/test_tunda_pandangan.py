"""The auditors' views know the clock stops (issue 15, migration _tunda_pandangan): a paused complaint is not late in
SQL either (v_terlambat, v_tenggat, v_keluhan_status), v_terlambat lists the pauses past their limit as
``keluhan terlambat`` does, v_durasi_langkah shows the paused minutes and the verdict without them, v_tunda shows a
corrected pause start. Read through the sqlite3 shell, as an auditor would, and compared with the CLI."""

from __future__ import annotations

import json
from datetime import datetime

from conftest import PETUGAS_TEKNIS, baca_db, lihat_json
from keluhan.workflow import Status
from test_kueri_dokumen import sqlite3_shell

KAMIS = datetime(2026, 8, 13, 8, 0)
TINDAK = ["--koreksi", "Contoh diuji ulang", "--pencegahan", "Penerimaan contoh diperiksa ganda"]
ALASAN = ["--alasan", "Menunggu contoh uji ulang dari pelanggan"]


def _tunda(jalankan, nomor: str, waktu: str) -> None:
    r = jalankan("tunda", nomor, *ALASAN, "--waktu", waktu)
    assert r.exit_code == 0, r.stderr


def _sql(arsip, sql: str) -> list[dict]:
    hasil = sqlite3_shell(arsip, sql + ";\n")
    return hasil[0] if hasil else []


def _skenario(sampai, jalankan) -> dict[str, str]:
    """Complaints validated Mon 2 Nov 2026 08:20 (step 4 due Thu 5 Nov 08:20), every limit below long past: one late
    and running; paused inside office hours, after Friday's closing, on a Saturday, before Monday's opening; one paused
    Fri 13 Nov 16:15 under tunda.batas 4 (from 13 Nov), whose limit, Thu 19 Nov, is clamped to Thursday's closing
    16:00; one paused and resumed (late again); a finished complaint whose review's clock is paused."""
    k = {n: sampai(Status.DIVALIDASI) for n in ("jalan", "dalam", "jumat_sore", "sabtu", "pagi", "empat", "lanjut")}
    _tunda(jalankan, k["dalam"], "2026-11-03 09:00")
    _tunda(jalankan, k["jumat_sore"], "2026-11-06 16:45")
    _tunda(jalankan, k["sabtu"], "2026-11-07 10:00")
    _tunda(jalankan, k["pagi"], "2026-11-09 06:00")
    r = jalankan("pengaturan", "ubah", "tunda.batas", "4", "--alasan", "SOP revisi", "--berlaku-sejak", "2026-11-13")
    assert r.exit_code == 0, r.stderr
    _tunda(jalankan, k["empat"], "2026-11-13 16:15")
    _tunda(jalankan, k["lanjut"], "2026-11-03 09:00")
    assert jalankan("lanjutkan", k["lanjut"], "--waktu", "2026-11-04 09:00").exit_code == 0
    k["tinjauan"] = sampai(Status.SELESAI)  # verified Tue 3 Nov: its review is due
    r = jalankan("tunda", k["tinjauan"], "--alasan", "Menunggu data pemakaian", "--waktu", "2026-11-09 09:00")
    assert r.exit_code == 0, r.stderr
    return k


def test_v_terlambat_sama_dengan_perintah_terlambat(sampai, jalankan, arsip) -> None:
    """v_terlambat lists what `keluhan terlambat` lists as overdue (steps and pauses, not the reviews: v_efektivitas),
    with the same limits: late steps only of running clocks, each pause past its limit as jenis 'tunda' with the
    limit as batas; the limits snap a start outside office hours to the next opening, keep the wall-clock time and
    clamp it to the day's closing."""
    k = _skenario(sampai, jalankan)
    r = jalankan("terlambat", "--json")
    assert r.exit_code == 0, r.stderr
    cli = sorted((b["nomor"], b["jenis"], b["batas"]) for b in json.loads(r.stdout)
                 if b["terlambat"] and b["jenis"] in ("langkah", "tunda"))
    sql = _sql(arsip, "SELECT nomor, jenis, batas, mutu_baku, mulai, ditunda, batas_langkah FROM v_terlambat")
    assert sorted((b["nomor"], b["jenis"], b["batas"]) for b in sql) == cli
    per = {b["nomor"]: b for b in sql}
    assert {n: (per[k[n]]["jenis"], per[k[n]]["batas"]) for n in k} == {
        "jalan": ("langkah", "2026-11-05T08:20:00+07:00"),
        "lanjut": ("langkah", "2026-11-06T08:20:00+07:00"),  # paused a working day before the deadline: moved a day
        "dalam": ("tunda", "2026-11-17T09:00:00+07:00"),
        "jumat_sore": ("tunda", "2026-11-23T07:30:00+07:00"),  # from Mon 9 Nov 07:30, 10 working days on
        "sabtu": ("tunda", "2026-11-23T07:30:00+07:00"),
        "pagi": ("tunda", "2026-11-23T07:30:00+07:00"),  # Mon 06:00: that day's opening
        "empat": ("tunda", "2026-11-19T16:00:00+07:00"),
        "tinjauan": ("tunda", "2026-11-23T09:00:00+07:00"),
    }
    assert (per[k["empat"]]["mutu_baku"], per[k["empat"]]["mulai"]) == ("4 hari", "2026-11-13T16:15:00+07:00")
    assert per[k["dalam"]]["batas_langkah"] == "2026-11-05T08:20:00+07:00"
    assert per[k["tinjauan"]]["batas_langkah"] is None
    assert per[k["jalan"]]["ditunda"] is None


def test_keluhan_ditunda_tidak_terlambat_di_sql(sampai, jalankan, arsip) -> None:
    """v_keluhan_status and v_tenggat say terlambat 0 for every paused complaint, as `daftar --json` does, and 1 for
    the late running ones; both show since when the clock is paused."""
    k = _skenario(sampai, jalankan)
    daftar = {b["nomor"]: b for b in json.loads(jalankan("daftar", "--json").stdout)}
    status = {b["nomor"]: b for b in _sql(arsip, "SELECT nomor, terlambat, ditunda FROM v_keluhan_status")}
    tenggat = {b["nomor"]: b for b in _sql(arsip, "SELECT nomor, terlambat, ditunda FROM v_tenggat")}
    for n, nomor in k.items():
        assert bool(status[nomor]["terlambat"]) is daftar[nomor]["terlambat"], n
        assert status[nomor]["ditunda"] == daftar[nomor]["ditunda"], n
        if nomor in tenggat:
            assert tenggat[nomor]["terlambat"] == status[nomor]["terlambat"], n
    assert [n for n, nomor in k.items() if status[nomor]["terlambat"]] == ["jalan", "lanjut"]


def test_v_durasi_langkah_menunjukkan_tunda(sampai, jalankan, arsip) -> None:
    """A step met only because of a pause (test_tunda.py's first scenario) shows its paused minutes, patuh 1 and
    patuh_tanpa_tunda 0, and menit_lewat under 0; a step paused after its deadline stays late with menit_lewat above
    0, as patuh = 0 says."""
    a = sampai(Status.DIVALIDASI, mulai=KAMIS)
    _tunda(jalankan, a, "2026-08-14 10:00")
    assert jalankan("lanjutkan", a, "--waktu", "2026-08-18 10:00").exit_code == 0
    assert jalankan("tindak", a, *TINDAK, "--waktu", "2026-08-20 08:40", petugas=PETUGAS_TEKNIS).exit_code == 0
    b = sampai(Status.DIVALIDASI, mulai=KAMIS)
    _tunda(jalankan, b, "2026-08-19 09:00")
    assert jalankan("lanjutkan", b, "--waktu", "2026-08-20 09:00").exit_code == 0
    assert jalankan("tindak", b, *TINDAK, "--waktu", "2026-08-20 10:00", petugas=PETUGAS_TEKNIS).exit_code == 0
    baris = {r["nomor"]: r for r in _sql(arsip, "SELECT nomor, menit_kerja, menit_tunda, patuh, patuh_tanpa_tunda, "
                                                "menit_lewat FROM v_durasi_langkah WHERE langkah = 4")}
    # a: deadline Thu 20 Aug 08:50, done 08:40: 10 working minutes under it.
    assert baris[a] == {"nomor": a, "menit_kerja": 1550.0, "menit_tunda": 540.0, "patuh": 1, "patuh_tanpa_tunda": 0,
                        "menit_lewat": -10.0}
    # b: deadline Wed 19 Aug 08:20 (not moved), done Thu 10:00: 460 - 50 + 150 = ... 510 - 0 working minutes after it.
    assert (baris[b]["menit_tunda"], baris[b]["patuh"], baris[b]["patuh_tanpa_tunda"]) == (510.0, 0, 0)
    assert baris[b]["menit_lewat"] == 610.0  # Wed 08:20 -> Thu 10:00: 460 + 150 working minutes
    for r in _sql(arsip, "SELECT patuh, menit_lewat FROM v_durasi_langkah"):
        assert (r["menit_lewat"] > 0) == (r["patuh"] == 0), r


def test_v_tunda_mulai_dikoreksi(sampai, jalankan, arsip) -> None:
    """v_tunda's start is the pause's effective time: a koreksi of the tunda's time shows there, as in lihat."""
    a = sampai(Status.DIVALIDASI, mulai=KAMIS)
    _tunda(jalankan, a, "2026-08-14 12:00")
    u = next(r["urutan"] for r in lihat_json(jalankan, a)["riwayat"] if r["aksi"] == "tunda")
    r = jalankan("koreksi", a, "--kolom", "waktu", "--peristiwa", str(u), "--nilai", "2026-08-14 10:00",
                 "--alasan", "Salah ketik jam")
    assert r.exit_code == 0, r.stderr
    assert baca_db(arsip, "SELECT mulai FROM v_tunda") == [{"mulai": "2026-08-14T10:00:00+07:00"}]
    assert lihat_json(jalankan, a)["ditunda"] == "2026-08-14T10:00:00+07:00"
