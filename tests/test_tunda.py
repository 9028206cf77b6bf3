"""Clock stops (``keluhan tunda ID --alasan`` / ``keluhan lanjutkan ID``): status-less entries of the transition table
that stop and restart the running clock. Paused working time is left out of the step's duration and kept beside it;
a pause begun after the deadline never turns a late step compliant; the next step, batal and (when only it runs) the
effectiveness review end a pause at their own time; periksa recomputes all of it from the events."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from keluhan.workflow import Status

from conftest import (
    PETUGAS, PETUGAS_PUTUSAN, PETUGAS_TEKNIS, baca_db, langkah_cli, lihat_json, potret, satu_baris_galat, ubah_db,
)
from keluhan.workflow import Aksi

# Thu 13 Aug 2026: recorded 08:10, validated 08:20. Step 4 (3 hari kerja) is due Wed 19 Aug 08:20: Mon 17 Aug is a
# holiday (Hari Kemerdekaan), so the working days after Thu 13 are Fri 14, Tue 18, Wed 19.
KAMIS = datetime(2026, 8, 13, 8, 0)
TINDAK = ["--koreksi", "Contoh diuji ulang", "--pencegahan", "Penerimaan contoh diperiksa ganda"]
ALASAN = ["--alasan", "Menunggu contoh uji ulang dari pelanggan"]


def _durasi4(arsip) -> dict:
    (d,) = baca_db(arsip, "SELECT menit_kerja, menit_tunda, batas, patuh, patuh_tanpa_tunda FROM durasi_langkah"
                          " WHERE langkah = 4")
    return d


def test_tunda_lanjutkan_melewati_akhir_pekan_dan_libur(sampai, jalankan, arsip) -> None:
    """A pause from Fri 14 Aug 10:00 to Tue 18 Aug 10:00 spans a weekend and a holiday (Mon 17 Aug): it counts only
    Fri 10:00-16:30 and Tue 07:30-10:00 (540 working minutes), which leave the step's duration, are kept in
    menit_tunda and move its deadline from Wed 19 Aug 08:20 to Thu 20 Aug 08:50; the step done Thu 08:40 met the
    standard only because of the pause."""
    nomor = sampai(Status.DIVALIDASI, mulai=KAMIS)
    r = jalankan("tunda", nomor, *ALASAN, "--waktu", "2026-08-14 10:00")
    assert (r.exit_code, r.stderr) == (0, ""), r.stderr
    assert r.stdout.startswith(f"{nomor}: jam ditunda sejak 14 Agustus 2026 10.00 WIB;")
    k = lihat_json(jalankan, nomor)
    assert (k["status"], k["ditunda"], k["alasan_tunda"], k["petugas_tunda"]) == (
        "divalidasi", "2026-08-14T10:00:00+07:00", "Menunggu contoh uji ulang dari pelanggan", PETUGAS)
    e = k["riwayat"][-1]
    assert (e["aksi"], e["langkah"], e["status_dari"], e["status_ke"]) == ("tunda", None, None, None)
    r = jalankan("lanjutkan", nomor, "--waktu", "2026-08-18 10:00")
    assert (r.exit_code, r.stdout) == (0, f"{nomor}: penundaan berakhir; jam berjalan lagi (status: divalidasi).\n")
    k = lihat_json(jalankan, nomor)
    assert (k["ditunda"], k["alasan_tunda"], k["riwayat"][-1]["rincian"]) == (
        None, None, {"tunda_sejak": "2026-08-14T10:00:00+07:00"})
    (t,) = baca_db(arsip, "SELECT langkah, batas, menit_tunda FROM tenggat")
    assert t == {"langkah": 4, "batas": "2026-08-20T08:50:00+07:00", "menit_tunda": 540.0}
    r = jalankan("tindak", nomor, *TINDAK, "--waktu", "2026-08-20 08:40", petugas=PETUGAS_TEKNIS)
    assert r.exit_code == 0, r.stderr
    # Gross Thu 08:20 -> Thu 08:40: 460 + 540 + 510 + 510 + 70 = 2090 working minutes; 540 of them paused.
    assert _durasi4(arsip) == {"menit_kerja": 1550.0, "menit_tunda": 540.0, "batas": "2026-08-20T08:50:00+07:00",
                               "patuh": 1, "patuh_tanpa_tunda": 0}
    (v,) = baca_db(arsip, "SELECT mulai, akhir, alasan, status, diakhiri_oleh, berjalan FROM v_tunda")
    assert v == {"mulai": "2026-08-14T10:00:00+07:00", "akhir": "2026-08-18T10:00:00+07:00",
                 "alasan": "Menunggu contoh uji ulang dari pelanggan", "status": "divalidasi",
                 "diakhiri_oleh": "lanjutkan", "berjalan": 0}
    assert jalankan("periksa").exit_code == 0


def test_tunda_sesudah_tenggat_tidak_membuat_patuh(sampai, jalankan, arsip) -> None:
    """A pause begun after the deadline (Wed 19 Aug 08:20) is still left out of the duration, but moves no deadline:
    the late step stays late."""
    nomor = sampai(Status.DIVALIDASI, mulai=KAMIS)
    assert jalankan("tunda", nomor, *ALASAN, "--waktu", "2026-08-19 09:00").exit_code == 0
    assert jalankan("lanjutkan", nomor, "--waktu", "2026-08-20 09:00").exit_code == 0
    (t,) = baca_db(arsip, "SELECT batas FROM tenggat")
    assert t["batas"] == "2026-08-19T08:20:00+07:00"
    assert jalankan("tindak", nomor, *TINDAK, "--waktu", "2026-08-20 10:00", petugas=PETUGAS_TEKNIS).exit_code == 0
    d = _durasi4(arsip)
    # Gross Thu 08:20 -> Thu 10:00: 460 + 540 + 510 + 510 + 150 = 2170; Wed 09:00 -> Thu 09:00 paused: 510.
    assert d == {"menit_kerja": 1660.0, "menit_tunda": 510.0, "batas": "2026-08-19T08:20:00+07:00",
                 "patuh": 0, "patuh_tanpa_tunda": 0}
    assert jalankan("periksa").exit_code == 0


def test_langkah_berikut_mengakhiri_tunda(sampai, jalankan, arsip) -> None:
    """The next step's command ends a running pause at its own --waktu: the step records since when the clock was
    paused, the complaint is no longer paused, and the paused time is measured up to the step."""
    nomor = sampai(Status.DIVALIDASI, mulai=KAMIS)
    assert jalankan("tunda", nomor, *ALASAN, "--waktu", "2026-08-14 10:00").exit_code == 0
    r = jalankan("tindak", nomor, *TINDAK, "--waktu", "2026-08-18 10:00", petugas=PETUGAS_TEKNIS)
    assert r.exit_code == 0, r.stderr
    k = lihat_json(jalankan, nomor)
    assert (k["status"], k["ditunda"]) == ("ditindaklanjuti", None)
    assert k["riwayat"][-1]["rincian"]["tunda_sejak"] == "2026-08-14T10:00:00+07:00"
    d = _durasi4(arsip)
    assert (d["menit_tunda"], d["patuh"], d["patuh_tanpa_tunda"]) == (540.0, 1, 1)
    (v,) = baca_db(arsip, "SELECT akhir, diakhiri_oleh, berjalan FROM v_tunda")
    assert v == {"akhir": "2026-08-18T10:00:00+07:00", "diakhiri_oleh": "tindak", "berjalan": 0}
    assert jalankan("periksa").exit_code == 0


def test_batal_mengakhiri_tunda(sampai, jalankan, arsip) -> None:
    """batal ends a running pause too: the voided complaint is not left paused."""
    nomor = sampai(Status.DICATAT, mulai=KAMIS)
    assert jalankan("tunda", nomor, *ALASAN, "--waktu", "2026-08-13 09:00").exit_code == 0
    assert jalankan("batal", nomor, "--alasan", "Tercatat ganda", "--waktu", "2026-08-13 10:00").exit_code == 0
    k = lihat_json(jalankan, nomor)
    assert (k["status"], k["ditunda"]) == ("batal", None)
    (v,) = baca_db(arsip, "SELECT diakhiri_oleh, berjalan FROM v_tunda")
    assert v == {"diakhiri_oleh": "batal", "berjalan": 0}
    assert jalankan("periksa").exit_code == 0


@pytest.mark.parametrize("status", [Status.DICATAT, Status.DIVALIDASI, Status.TIDAK_VALID, Status.DITINDAKLANJUTI,
                                    Status.DIVERIFIKASI, Status.BANDING], ids=lambda s: s.value)
def test_tunda_pada_setiap_status_terbuka(status: Status, sampai, jalankan, arsip) -> None:
    """Every open status (the appeal awaiting its decision included) has a running clock to pause and resume; the
    status and the step awaited stay as they were."""
    nomor = sampai(status)
    sebelum = lihat_json(jalankan, nomor)
    assert jalankan("tunda", nomor, *ALASAN, "--waktu", "2026-11-09 09:00").exit_code == 0
    assert jalankan("lanjutkan", nomor, "--waktu", "2026-11-09 10:00").exit_code == 0
    k = lihat_json(jalankan, nomor)
    assert (k["status"], k["waktu_status"], k["langkah_berikutnya"]) == (
        sebelum["status"], sebelum["waktu_status"], sebelum["langkah_berikutnya"])
    assert [e["aksi"] for e in k["riwayat"][-2:]] == ["tunda", "lanjutkan"]
    assert jalankan("periksa").exit_code == 0


def test_tinjauan_efektivitas_ditunda_dan_diakhiri_tinjauan(sampai, jalankan, arsip) -> None:
    """A finished complaint whose CAPA review is due has a running clock (the review's): it can be paused, and the
    review itself ends the pause."""
    nomor = sampai(Status.SELESAI)  # verified (terima) Tue 3 Nov: a review is due
    assert jalankan("tunda", nomor, "--alasan", "Menunggu data pemakaian dari pelanggan",
                    "--waktu", "2026-11-09 09:00").exit_code == 0
    r = jalankan("efektivitas", nomor, "--efektif", "--waktu", "2026-11-10 09:00", petugas=PETUGAS_PUTUSAN)
    assert r.exit_code == 0, r.stderr
    k = lihat_json(jalankan, nomor)
    assert k["ditunda"] is None
    (v,) = baca_db(arsip, "SELECT status, diakhiri_oleh FROM v_tunda")
    assert v == {"status": "selesai", "diakhiri_oleh": "efektivitas"}
    assert jalankan("periksa").exit_code == 0


def test_putusan_mengakhiri_tunda_banding(sampai, jalankan, arsip) -> None:
    """An appeal's decision clock can be paused; the decision ends the pause."""
    nomor = sampai(Status.BANDING)
    assert jalankan("tunda", nomor, *ALASAN, "--waktu", "2026-11-09 09:00").exit_code == 0
    args, petugas = langkah_cli(Aksi.PUTUSAN_DITOLAK, nomor)
    assert jalankan(*args, "--waktu", "2026-11-10 09:00", petugas=petugas).exit_code == 0
    assert lihat_json(jalankan, nomor)["ditunda"] is None
    (v,) = baca_db(arsip, "SELECT status, diakhiri_oleh FROM v_tunda")
    assert v == {"status": "banding", "diakhiri_oleh": "putusan_ditolak"}
    assert jalankan("periksa").exit_code == 0


# -- refusals: one line, non-zero, archive unchanged ---------------------------------------------------------------


def _ditolak(jalankan, arsip, args: list[str], kode: int) -> str:
    sebelum = potret(arsip)
    baris = satu_baris_galat(jalankan(*args), kode)
    assert potret(arsip) == sebelum
    return baris


def test_tunda_kedua_ditolak(sampai, jalankan, arsip) -> None:
    """One pause at a time: a second tunda is refused naming the running pause and the way out."""
    nomor = sampai(Status.DIVALIDASI)
    assert jalankan("tunda", nomor, *ALASAN, "--waktu", "2026-11-09 09:00").exit_code == 0
    baris = _ditolak(jalankan, arsip, ["tunda", nomor, "--alasan", "lagi", "--waktu", "2026-11-09 10:00"], 1)
    assert baris == (f"Galat: Keluhan {nomor} sudah ditunda sejak 9 November 2026 09.00 WIB (Menunggu contoh uji ulang "
                     f"dari pelanggan); satu penundaan dalam satu waktu: lanjutkan dahulu dengan 'keluhan lanjutkan "
                     f"{nomor}'; aturan tidak_ditunda.")


def test_lanjutkan_tanpa_tunda_ditolak(sampai, jalankan, arsip) -> None:
    """lanjutkan without a running pause is refused (also after the pause was ended)."""
    nomor = sampai(Status.DIVALIDASI)
    pesan = (f"Galat: Keluhan {nomor} tidak sedang ditunda; tidak ada yang dilanjutkan (penundaan dicatat dengan "
             f"'keluhan tunda {nomor} --alasan TEKS'); aturan ditunda.")
    assert _ditolak(jalankan, arsip, ["lanjutkan", nomor, "--waktu", "2026-11-09 09:00"], 1) == pesan
    assert jalankan("tunda", nomor, *ALASAN, "--waktu", "2026-11-09 09:00").exit_code == 0
    assert jalankan("lanjutkan", nomor, "--waktu", "2026-11-09 10:00").exit_code == 0
    assert _ditolak(jalankan, arsip, ["lanjutkan", nomor, "--waktu", "2026-11-09 11:00"], 1) == pesan


def test_tunda_tanpa_alasan_ditolak(sampai, jalankan, arsip) -> None:
    """A pause says what is awaited: --alasan is required (blank too)."""
    nomor = sampai(Status.DIVALIDASI)
    for args in ([], ["--alasan", "  "]):
        assert _ditolak(jalankan, arsip, ["tunda", nomor, *args, "--waktu", "2026-11-09 09:00"], 2) == (
            "Galat: Perintah 'tunda' memerlukan --alasan TEKS.")


def test_tunda_tanpa_jam_berjalan_ditolak(sampai, jalankan, arsip) -> None:
    """A finished complaint with nothing due (no CAPA review pending) has no clock to stop; a voided one neither."""
    nomor = sampai(Status.TIDAK_VALID)
    args, petugas = langkah_cli(Aksi.INFORMASIKAN, nomor)
    assert jalankan(*args, "--waktu", "2026-11-03 09:00", petugas=petugas).exit_code == 0
    baris = _ditolak(jalankan, arsip, ["tunda", nomor, *ALASAN, "--waktu", "2026-11-09 09:00"], 1)
    assert baris == (f"Galat: Keluhan {nomor} berstatus 'selesai' dan tidak menunggu langkah atau tinjauan "
                     "efektivitas: tidak ada jam yang dapat ditunda; aturan jam_berjalan.")
    batal = sampai(Status.BATAL)
    baris = _ditolak(jalankan, arsip, ["tunda", batal, *ALASAN, "--waktu", "2026-11-09 09:00"], 1)
    assert baris.startswith(f"Galat: Keluhan {batal} berstatus 'batal': perintah 'tunda' tidak dapat dijalankan")
    assert _ditolak(jalankan, arsip, ["lanjutkan", batal, "--waktu", "2026-11-09 09:00"], 1).startswith(
        f"Galat: Keluhan {batal} berstatus 'batal': perintah 'lanjutkan' tidak dapat dijalankan")


def test_waktu_tunda_dijaga(sampai, jalankan, arsip) -> None:
    """Times keep their order: a pause not before the last step, its end not before its start, and a new pause not
    before the previous one ended."""
    nomor = sampai(Status.DIVALIDASI)  # validated Mon 2 Nov 08:20
    assert "lebih awal dari langkah sebelumnya" in _ditolak(
        jalankan, arsip, ["tunda", nomor, *ALASAN, "--waktu", "2026-11-02 08:00"], 2)
    assert jalankan("tunda", nomor, *ALASAN, "--waktu", "2026-11-04 09:00").exit_code == 0
    assert _ditolak(jalankan, arsip, ["lanjutkan", nomor, "--waktu", "2026-11-03 09:00"], 2) == (
        "Galat: Waktu lanjutkan (3 November 2026 09.00 WIB) lebih awal dari awal penundaan "
        "(4 November 2026 09.00 WIB).")
    assert _ditolak(jalankan, arsip, ["tindak", nomor, *TINDAK, "--waktu", "2026-11-03 09:00"], 2).startswith(
        "Galat: Waktu tindak (3 November 2026 09.00 WIB) lebih awal dari awal penundaan")
    assert jalankan("lanjutkan", nomor, "--waktu", "2026-11-05 09:00").exit_code == 0
    assert _ditolak(jalankan, arsip, ["tunda", nomor, *ALASAN, "--waktu", "2026-11-05 08:00"], 2) == (
        "Galat: Waktu tunda (5 November 2026 08.00 WIB) lebih awal dari akhir penundaan sebelumnya "
        "(5 November 2026 09.00 WIB).")


# -- periksa recomputes it -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("perintah", "temuan"), [
    ("UPDATE durasi_langkah SET menit_tunda = 0 WHERE langkah = 4", "kolom menit_tunda tercatat 0.0"),
    ("UPDATE durasi_langkah SET patuh_tanpa_tunda = 1 WHERE langkah = 4", "kolom patuh_tanpa_tunda tercatat 1"),
    ("UPDATE keluhan SET ditunda = '2026-08-14T10:00:00+07:00'", "pada kolom ditunda"),
])
def test_periksa_menghitung_ulang_tunda(perintah: str, temuan: str, sampai, jalankan, arsip) -> None:
    """The paused time, the verdict without it and the running pause are recomputed from the events: an edit of any
    of them is found."""
    nomor = sampai(Status.DIVALIDASI, mulai=KAMIS)
    assert jalankan("tunda", nomor, *ALASAN, "--waktu", "2026-08-14 10:00").exit_code == 0
    assert jalankan("lanjutkan", nomor, "--waktu", "2026-08-18 10:00").exit_code == 0
    assert jalankan("tindak", nomor, *TINDAK, "--waktu", "2026-08-20 08:40", petugas=PETUGAS_TEKNIS).exit_code == 0
    assert jalankan("periksa").exit_code == 0
    ubah_db(arsip, perintah)
    r = jalankan("periksa")
    assert r.exit_code != 0 and temuan in r.stdout + r.stderr, r.stdout + r.stderr


def test_libur_baru_menghitung_ulang_tunda(sampai, jalankan, arsip) -> None:
    """A holiday added later inside a pause is recomputed with the pause (calendar recomputation keeps it)."""
    nomor = sampai(Status.DIVALIDASI, mulai=KAMIS)
    assert jalankan("tunda", nomor, *ALASAN, "--waktu", "2026-08-14 10:00").exit_code == 0
    assert jalankan("lanjutkan", nomor, "--waktu", "2026-08-18 10:00").exit_code == 0
    assert jalankan("tindak", nomor, *TINDAK, "--waktu", "2026-08-20 08:40", petugas=PETUGAS_TEKNIS).exit_code == 0
    r = jalankan("libur", "tambah", "2026-08-18", "Libur daerah", "--alasan", "SK Gubernur")
    assert r.exit_code == 0, r.stderr
    d = _durasi4(arsip)
    # Tue 18 Aug no longer counts: paused only Fri 10:00-16:30 (390); gross 460 + 540 + 510 + 70 = 1580.
    assert (d["menit_tunda"], d["menit_kerja"]) == (390.0, 1190.0)
    assert jalankan("periksa").exit_code == 0


# -- lists: paused, not late; a pause past its limit is itself overdue ----------------------------------------------


def _dijeda_lama(sampai, jalankan) -> tuple[str, str]:
    """Two paused complaints, both validated Mon 2 Nov 08:20 (step 4 due Thu 5 Nov 08:20, long past): one paused since
    Tue 3 Nov (past the default limit of 10 working days: Tue 17 Nov), one paused now (within its limit, whenever the
    tests run)."""
    lama = sampai(Status.DIVALIDASI)
    assert jalankan("tunda", lama, *ALASAN, "--waktu", "2026-11-03 09:00").exit_code == 0
    baru = sampai(Status.DIVALIDASI)
    assert jalankan("tunda", baru, "--alasan", "Menunggu data dari pihak ketiga").exit_code == 0
    return lama, baru


def test_daftar_dan_lihat_menampilkan_ditunda(sampai, jalankan, arsip) -> None:
    """daftar and lihat show a paused complaint as paused, never late (its step's deadline has passed), with its
    pause's limit; --json says the same."""
    lama, baru = _dijeda_lama(sampai, jalankan)
    r = jalankan("daftar")
    assert r.exit_code == 0, r.stderr
    baris = {b.split("\t")[0]: b for b in r.stdout.splitlines()[1:]}
    assert baris[lama].endswith("DITUNDA sejak 3 November 2026 09.00 WIB (PENUNDAAN TERLAMBAT, batas 17 November 2026 "
                                "09.00 WIB)")
    assert "TERLAMBAT langkah" not in baris[lama] and "TERLAMBAT" not in baris[baru]
    assert "\tDITUNDA sejak " in baris[baru]
    d = {b["nomor"]: b for b in json.loads(jalankan("daftar", "--json").stdout)}
    assert (d[lama]["terlambat"], d[lama]["ditunda"], d[lama]["tunda_batas"], d[lama]["tunda_lewat_batas"]) == (
        False, "2026-11-03T09:00:00+07:00", "2026-11-17T09:00:00+07:00", True)
    assert (d[baru]["terlambat"], d[baru]["tunda_lewat_batas"], d[baru]["alasan_tunda"]) == (
        False, False, "Menunggu data dari pihak ketiga")
    k = lihat_json(jalankan, lama)
    assert (k["terlambat"], k["alasan_tunda"], k["tunda_lewat_batas"]) == (False, "Menunggu contoh uji ulang dari pelanggan",
                                                                          True)
    teks = jalankan("lihat", lama).stdout
    assert (f"Jam DITUNDA sejak 3 November 2026 09.00 WIB; batas penundaan 17 November 2026 09.00 WIB — PENUNDAAN "
            f"TERLAMBAT; lanjutkan dengan 'keluhan lanjutkan {lama}'.") in teks


def test_terlambat_dan_agenda_penundaan(sampai, jalankan, arsip) -> None:
    """terlambat lists both paused complaints as paused (not as late steps): the long pause as overdue, failing the
    cron flag, the new one not; agenda lists their pauses' limits (lanjutkan), never the paused steps. Run again
    (lanjutkan), the step is late again: the pause began after its deadline, so moved nothing."""
    lama, baru = _dijeda_lama(sampai, jalankan)
    baris = json.loads(jalankan("terlambat", "--json").stdout)
    assert [(b["nomor"], b["jenis"], b["terlambat"], b["batas_langkah"]) for b in baris] == [
        (lama, "tunda", True, "2026-11-05T08:20:00+07:00"), (baru, "tunda", False, "2026-11-05T08:20:00+07:00")]
    assert baris[0]["batas"] == "2026-11-17T09:00:00+07:00"
    r = jalankan("terlambat", "--gagal-jika-ada")
    assert r.exit_code == 1
    assert "DITUNDA sejak 3 November 2026 09.00 WIB (Menunggu contoh uji ulang dari pelanggan); batas penundaan 10 hari" in r.stdout
    assert "PENUNDAAN TERLAMBAT" in r.stdout
    butir = json.loads(jalankan("agenda", "--semua", "--hari", "15", "--json").stdout)
    assert [(b["nomor"], b["jenis"], b["terlambat"], b["perintah"]) for b in butir] == [
        (lama, "tunda", True, f"keluhan lanjutkan {lama}"), (baru, "tunda", False, f"keluhan lanjutkan {baru}")]
    assert butir[0]["apa"] == ("Penundaan sejak 3 November 2026 09.00 WIB (Menunggu contoh uji ulang dari pelanggan): "
                               "batas penundaan 10 hari kerja")
    assert jalankan("lanjutkan", baru).exit_code == 0
    butir = json.loads(jalankan("agenda", "--semua", "--hari", "15", "--json").stdout)
    assert [(b["nomor"], b["jenis"], b["terlambat"], b["batas"]) for b in butir] == [  # longest late first
        (baru, "langkah", True, "2026-11-05T08:20:00+07:00"), (lama, "tunda", True, "2026-11-17T09:00:00+07:00")]


def test_batas_tunda_diatur_di_buku_pengaturan(sampai, jalankan, arsip) -> None:
    """The limit is the chained setting tunda.batas in force when the pause began: 366 working days from 1 Nov make
    the old pause no longer overdue (still listed as paused: its step's deadline has passed)."""
    lama, baru = _dijeda_lama(sampai, jalankan)
    r = jalankan("pengaturan", "ubah", "tunda.batas", "366", "--alasan", "SOP revisi", "--berlaku-sejak", "2026-11-01")
    assert r.exit_code == 0, r.stderr
    baris = json.loads(jalankan("terlambat", "--json").stdout)
    assert [(b["nomor"], b["jenis"], b["terlambat"], b["mutu_baku"]) for b in baris] == [
        (lama, "tunda", False, "366 hari"), (baru, "tunda", False, "366 hari")]
    assert jalankan("terlambat", "--gagal-jika-ada").exit_code == 0
    assert "366" in jalankan("pengaturan", "daftar").stdout


# -- the recap ------------------------------------------------------------------------------------------------------


def _rekap(jalankan, keluar, *opsi: str) -> dict:
    r = jalankan("rekap", "--bulan", "2026-08", "--format", "json", "--keluar", str(keluar), *opsi)
    assert r.exit_code == 0, r.stderr
    return json.loads(keluar.read_text(encoding="utf-8"))


def test_rekap_tunda_dan_aturan_per_jangkar(sampai, jalankan, arsip, tmp_path) -> None:
    """August's recap gives, per step, the paused complaints, the paused working time and the steps compliant only
    because of a pause; later events leave it unchanged but for its anchor, a late August pause shows in a fresh run
    only, and the recap run with its first anchor is the same file byte for byte; md shows the figures."""
    a = sampai(Status.DIVALIDASI, mulai=KAMIS)
    assert jalankan("tunda", a, *ALASAN, "--waktu", "2026-08-14 10:00").exit_code == 0
    assert jalankan("lanjutkan", a, "--waktu", "2026-08-18 10:00").exit_code == 0
    assert jalankan("tindak", a, *TINDAK, "--waktu", "2026-08-20 08:40", petugas=PETUGAS_TEKNIS).exit_code == 0
    b = sampai(Status.DIVALIDASI, mulai=datetime(2026, 8, 24, 8, 0))  # Mon 24 Aug
    pertama = _rekap(jalankan, tmp_path / "agu-1.json")
    kosong = {"keluhan": 0, "menit": 0.0, "patuh_karena_tunda": 0}
    assert pertama["tunda"] == {"2": kosong, "3": kosong, "4": {"keluhan": 1, "menit": 540.0, "patuh_karena_tunda": 1},
                                "5": kosong, "6": kosong, "8": kosong}  # the steps langkah counts (8: the appeal decision)
    assert pertama["langkah"]["4"]["patuh"] == 1
    # September: a pause and a step of b, dated after August: August's figures stay.
    assert jalankan("tunda", b, *ALASAN, "--waktu", "2026-09-01 09:00").exit_code == 0
    assert jalankan("tindak", b, *TINDAK, "--waktu", "2026-09-02 09:00", petugas=PETUGAS_TEKNIS).exit_code == 0
    kedua = _rekap(jalankan, tmp_path / "agu-2.json")
    assert kedua["jangkar"] != pertama["jangkar"]
    assert {k: v for k, v in kedua.items() if k != "jangkar"} == {k: v for k, v in pertama.items() if k != "jangkar"}
    # A late August entry: c paused and done in August, typed in now (Tue 25 Aug is a holiday: only Wed 07:30-09:00
    # of its pause is working time).
    c = sampai(Status.DIVALIDASI, mulai=datetime(2026, 8, 25, 8, 0))
    assert jalankan("tunda", c, *ALASAN, "--waktu", "2026-08-25 09:00").exit_code == 0
    assert jalankan("tindak", c, *TINDAK, "--waktu", "2026-08-26 09:00", petugas=PETUGAS_TEKNIS).exit_code == 0
    ketiga = _rekap(jalankan, tmp_path / "agu-3.json")
    assert ketiga["tunda"]["4"] == {"keluhan": 2, "menit": 630.0, "patuh_karena_tunda": 1}
    ulang = tmp_path / "agu-ulang.json"
    _rekap(jalankan, ulang, "--jangkar", pertama["jangkar"]["teks"])
    assert ulang.read_bytes() == (tmp_path / "agu-1.json").read_bytes()
    md = jalankan("rekap", "--bulan", "2026-08", "--format", "md").stdout
    assert "| Langkah | Keluhan ditunda | Waktu kerja ditunda | Memenuhi hanya karena penundaan |" in md
    assert "| 4 | 2 | 10 jam 30 menit | 1 |" in md


def test_periksa_memutar_ulang_aturan_tunda(sampai, jalankan, arsip) -> None:
    """A second pause written behind the command's back (the lanjutkan turned into a tunda, its hash recomputed so the
    chain itself is sound) is named by periksa's replay of the guard tidak_ditunda."""
    import sqlite3

    from keluhan.arsip import _rincian_json, hash_peristiwa

    nomor = sampai(Status.DIVALIDASI)
    assert jalankan("tunda", nomor, *ALASAN, "--waktu", "2026-11-03 09:00").exit_code == 0
    assert jalankan("lanjutkan", nomor, "--waktu", "2026-11-04 09:00").exit_code == 0
    db = sqlite3.connect(arsip)
    db.row_factory = sqlite3.Row
    akhir = dict(db.execute("SELECT * FROM riwayat ORDER BY urutan DESC LIMIT 1").fetchone())
    db.close()
    p = {**akhir, "aksi": "tunda", "rincian": {"alasan": "lagi"}}
    p["rincian_json"] = _rincian_json(p["rincian"])
    skema = baca_db(arsip, "SELECT sql FROM sqlite_master WHERE name = 'riwayat_tolak_ubah'")[0]["sql"]
    ubah_db(arsip, "DROP TRIGGER riwayat_tolak_ubah",
            f"UPDATE riwayat SET aksi = 'tunda', rincian = '{p['rincian_json']}', "
            f"hash = '{hash_peristiwa(p, akhir['hash_sebelum'])}' WHERE urutan = {akhir['urutan']}", skema)
    r = jalankan("periksa")
    assert r.exit_code == 1 and (f"Peristiwa #{akhir['urutan']} (keluhan {nomor}): tunda padahal jam sudah ditunda "
                                 "sejak 2026-11-03T09:00:00+07:00") in r.stdout, r.stdout
