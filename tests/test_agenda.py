"""keluhan agenda (issue 12): what falls due today and in the next N working days, overdue first then
soonest, for the acting officer (the PJTK's steps, or once registered by role and team, and the CAPA naming them),
a Tim Teknis, or everyone."""

from __future__ import annotations

import json
from datetime import datetime, timedelta

from conftest import PETUGAS, PETUGAS_TEKNIS, lihat_json, satu_baris_galat, teks_waktu

from keluhan import agenda as ag

TIM = "Laboratorium Pengujian"


def _waktu_kini(jalankan) -> datetime:
    """Now, as the archive's zone says it (the agenda is about today)."""
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo("Asia/Jakarta")).replace(second=0, microsecond=0, tzinfo=None)


def _j(jalankan, *args, petugas=None):
    r = jalankan(*args, petugas=petugas)
    assert r.exit_code == 0, (args, r.stderr)
    return r.stdout.strip()


def _agenda(jalankan, *args, petugas=None) -> list[dict]:
    return json.loads(_j(jalankan, "agenda", *args, "--json", petugas=petugas))


def test_agenda_terlambat_dahulu_lalu_yang_terdekat(jalankan) -> None:
    """An overdue step comes first, then what is due soonest; a step due beyond the horizon is left out until --hari reaches it."""
    kini = _waktu_kini(jalankan)
    lama = _j(jalankan, "catat", "--nama", "PT Lama", "--media", "email", "--uraian", "x",
              "--waktu", teks_waktu(kini - timedelta(days=20)))  # validasi (15 menit) long overdue
    baru = _j(jalankan, "catat", "--nama", "PT Baru", "--media", "email", "--uraian", "y",
              "--waktu", teks_waktu(kini - timedelta(days=20)))
    _j(jalankan, "validasi", baru, "--benar", "--teruskan-ke", TIM, "--waktu", teks_waktu(kini - timedelta(minutes=1)))
    # baru now waits for step 4 (3 working days from a minute ago): not due today.
    semua = _agenda(jalankan, "--semua", "--hari", "0")
    assert [(b["nomor"], b["terlambat"]) for b in semua] == [(lama, True)]
    semua = _agenda(jalankan, "--semua", "--hari", "5")
    assert [(b["nomor"], b["terlambat"], b["perintah"]) for b in semua] == [
        (lama, True, f"keluhan validasi {lama}"), (baru, False, f"keluhan tindak {baru}")]
    assert semua[0]["lewat_menit"] > 0 and semua[1]["sisa_menit"] > 0 and semua[1]["tim_teknis"] == TIM


def test_agenda_bawaan_untuk_petugas_yang_bekerja(jalankan) -> None:
    """By default the acting officer sees the PJTK's steps; a Tim Teknis's step 4 shows for that team (--tim) and for its CAPA's penanggung jawab (--untuk)."""
    kini = _waktu_kini(jalankan)
    satu = _j(jalankan, "catat", "--nama", "PT Satu", "--media", "email", "--uraian", "x",
              "--waktu", teks_waktu(kini - timedelta(days=20)))
    dua = _j(jalankan, "catat", "--nama", "PT Dua", "--media", "email", "--uraian", "y",
             "--waktu", teks_waktu(kini - timedelta(days=20)))
    _j(jalankan, "validasi", dua, "--benar", "--teruskan-ke", TIM, "--waktu", teks_waktu(kini - timedelta(days=19)))
    _j(jalankan, "tindak", dua, "--koreksi", "Kirim ulang", "--pencegahan", "Cek", "--penanggung-jawab", "Dewi Lestari",
       "--waktu", teks_waktu(kini - timedelta(days=18)), petugas=PETUGAS_TEKNIS)
    _j(jalankan, "verifikasi", dua, "--kembalikan", "--alasan", "Kurang", "--waktu", teks_waktu(kini - timedelta(days=17)),
       petugas="Budi Santoso")
    # dua waits for step 4 again, overdue: for the team and Dewi, not for the clerk.
    assert [b["nomor"] for b in _agenda(jalankan)] == [satu]
    assert [b["nomor"] for b in _agenda(jalankan, petugas=PETUGAS)] == [satu]
    assert [b["nomor"] for b in _agenda(jalankan, "--tim", TIM.lower())] == [dua]
    assert [b["nomor"] for b in _agenda(jalankan, "--untuk", "dewi  lestari")] == [satu, dua]
    assert sorted(b["nomor"] for b in _agenda(jalankan, "--semua")) == sorted([satu, dua])


def test_agenda_target_tindakan(jalankan) -> None:
    """A CAPA's target date awaiting verification falls due for its penanggung jawab and team by the end of that day."""
    kini = _waktu_kini(jalankan)
    n = _j(jalankan, "catat", "--nama", "PT T", "--media", "email", "--uraian", "x", "--waktu", teks_waktu(kini - timedelta(days=3)))
    _j(jalankan, "validasi", n, "--benar", "--teruskan-ke", TIM, "--waktu", teks_waktu(kini - timedelta(days=3, minutes=-5)))
    _j(jalankan, "tindak", n, "--koreksi", "Kirim ulang", "--pencegahan", "Cek", "--penanggung-jawab", "Dewi",
       "--target", (kini - timedelta(days=1)).date().isoformat(), "--waktu", teks_waktu(kini - timedelta(days=2)),
       petugas=PETUGAS_TEKNIS)
    butir = _agenda(jalankan, "--untuk", "Dewi")  # the overdue verification (PJTK) first, then her target
    assert [(b["jenis"], b["terlambat"]) for b in butir] == [("langkah", True), ("target_tindakan", True)]
    assert butir[1]["batas"] == f"{kini.date().isoformat()}T00:00:00+07:00"
    assert [b["jenis"] for b in _agenda(jalankan, "--tim", TIM)] == ["target_tindakan"]
    # In the table, the due day itself (as terlambat and lihat print it), not the midnight after it.
    from keluhan import tanggal as tg

    (baris,) = [b.split("\t") for b in _j(jalankan, "agenda", "--tim", TIM).splitlines() if "Target tindakan" in b]
    assert baris[4] == tg.tanggal((kini - timedelta(days=1)).date()), baris
    assert [b["jenis"] for b in _agenda(jalankan)] == ["langkah"]  # the clerk: the verification only


def test_agenda_menolak_pilihan_ganda_dan_tim_tak_dikenal(jalankan) -> None:
    """--untuk, --tim and --semua exclude each other; an unknown team is refused with the choices; one line each."""
    r = jalankan("agenda", "--semua", "--tim", TIM)
    assert "Pilih satu" in satu_baris_galat(r, 2)
    r = jalankan("agenda", "--tim", "Tim Hantu")
    assert "tidak dikenal" in satu_baris_galat(r, 2) and TIM in r.stderr


def test_agenda_kosong_tanpa_keluaran_saat_dipipa(jalankan) -> None:
    """Nothing due: nothing printed when piped (cron mails only when needed); JSON is []."""
    r = jalankan("agenda")
    assert r.exit_code == 0 and r.stdout == ""
    assert _agenda(jalankan, "--semua") == []


def test_sumber_agenda_dapat_ditambah(jalankan) -> None:
    """A new kind of due item is one function registered with @sumber: its items are filtered and sorted with the rest."""
    kini = _waktu_kini(jalankan)
    n = _j(jalankan, "catat", "--nama", "PT S", "--media", "email", "--uraian", "x", "--waktu", teks_waktu(kini - timedelta(days=9)))

    def uji(s: ag.Saat):
        k = dict(s.db.execute("SELECT id, nomor, nama, status, tim_teknis FROM keluhan").fetchone())
        yield ag.Butir("uji", k, "Butir uji", "keluhan lihat", None, TIM, None, s.sekarang - timedelta(days=30), True)

    ag.sumber(uji)
    try:
        butir = _agenda(jalankan, "--semua")
    finally:
        ag.SUMBER.remove(uji)
    assert [(b["jenis"], b["nomor"]) for b in butir] == [("uji", n), ("langkah", n)]


def _sampai_diverifikasi(jalankan, nama: str, verifikasi: datetime) -> str:
    """A complaint whose CAPA was accepted at step 5 at ``verifikasi`` (steps 2-4 the days before)."""
    n = _j(jalankan, "catat", "--nama", nama, "--media", "email", "--uraian", "x",
           "--waktu", teks_waktu(verifikasi - timedelta(days=4)))
    _j(jalankan, "validasi", n, "--benar", "--teruskan-ke", TIM, "--waktu", teks_waktu(verifikasi - timedelta(days=4, minutes=-5)))
    _j(jalankan, "tindak", n, "--koreksi", "Kirim ulang", "--pencegahan", "Cek", "--penanggung-jawab", "Dewi Lestari",
       "--waktu", teks_waktu(verifikasi - timedelta(days=3)), petugas=PETUGAS_TEKNIS)
    _j(jalankan, "verifikasi", n, "--terima", "--waktu", teks_waktu(verifikasi), petugas="Budi Santoso")
    return n


def test_agenda_tinjauan_efektivitas_jatuh_dan_lewat(jalankan) -> None:
    """An effectiveness review shows on the agenda when its due day is within the horizon (the horizon's last day
    included) and, overdue, first; it is the PJTK's, with the command to record it; once reviewed it leaves."""
    kini = _waktu_kini(jalankan)
    assert jalankan("pengaturan", "ubah", "efektivitas.setelah", "1", "--alasan", "uji",
                    "--berlaku-sejak", (kini - timedelta(days=30)).date().isoformat()).exit_code == 0
    lewat = _sampai_diverifikasi(jalankan, "PT Lewat", kini - timedelta(days=10))
    jatuh = _sampai_diverifikasi(jalankan, "PT Jatuh", kini)  # due on the first working day after today
    tinjauan = [b for b in _agenda(jalankan, "--semua", "--hari", "0") if b["jenis"] == "efektivitas"]
    assert [(b["nomor"], b["terlambat"], b["perintah"], b["peran"]) for b in tinjauan] == [
        (lewat, True, f"keluhan efektivitas {lewat}", "PJTK")]
    assert "Tinjauan efektivitas tindakan putaran 1" in tinjauan[0]["apa"] and tinjauan[0]["lewat_menit"] > 0
    tinjauan = [b for b in _agenda(jalankan, "--hari", "1") if b["jenis"] == "efektivitas"]  # the clerk's own agenda
    assert [(b["nomor"], b["terlambat"]) for b in tinjauan] == [(lewat, True), (jatuh, False)]
    jatuh_tempo = next(t["jatuh_tempo"] for t in lihat_json(jalankan, jatuh)["tinjauan_efektivitas"])
    assert tinjauan[1]["batas"].startswith(
        (datetime.fromisoformat(jatuh_tempo) + timedelta(days=1)).date().isoformat() + "T00:00:00")
    assert "keluhan efektivitas" in _j(jalankan, "agenda", "--semua", "--hari", "1")
    assert jalankan("efektivitas", lewat, "--efektif", petugas="Sari Dewi").exit_code == 0
    assert [b["nomor"] for b in _agenda(jalankan, "--semua", "--hari", "1") if b["jenis"] == "efektivitas"] == [jatuh]


def _dibanding(jalankan, nama: str, informasikan: datetime, banding: datetime) -> str:
    """A complaint handled to step 6 at ``informasikan`` and appealed at ``banding``."""
    n = _sampai_diverifikasi(jalankan, nama, informasikan - timedelta(hours=1))
    _j(jalankan, "informasikan", n, "--media", "email", "--waktu", teks_waktu(informasikan))
    _j(jalankan, "banding", n, "--alasan", "Tidak puas", "--waktu", teks_waktu(banding))
    return n


def test_agenda_putusan_banding(jalankan) -> None:
    """An appealed complaint is open: its decision (step 8, banding.putusan from the appeal) is on the agenda, overdue
    first, with the command that records it; once decided it leaves."""
    kini = _waktu_kini(jalankan)
    lama = _dibanding(jalankan, "PT Lama", kini - timedelta(days=40), kini - timedelta(days=35))
    baru = _dibanding(jalankan, "PT Baru", kini - timedelta(days=2), kini - timedelta(minutes=1))
    putusan = [b for b in _agenda(jalankan, "--semua", "--hari", "0") if b["perintah"].startswith("keluhan putusan")]
    assert [(b["nomor"], b["terlambat"], b["status"], b["apa"]) for b in putusan] == [
        (lama, True, "banding", "Langkah 8: Memutus banding pelanggan")]
    putusan = [b for b in _agenda(jalankan, "--hari", "15") if b["perintah"].startswith("keluhan putusan")]
    assert [(b["nomor"], b["terlambat"], b["perintah"]) for b in putusan] == [
        (lama, True, f"keluhan putusan {lama}"), (baru, False, f"keluhan putusan {baru}")]
    _j(jalankan, "putusan", lama, "--ditolak", "--alasan", "Sesuai metode", petugas="Hartati Ningsih")
    assert [b["nomor"] for b in _agenda(jalankan, "--semua", "--hari", "15")
            if b["perintah"].startswith("keluhan putusan")] == [baru]


def test_agenda_menurut_peran_dan_tim_register(jalankan) -> None:
    """Once the register has the officer, their roles and team decide the default agenda (SPEC): a Tim Teknis
    officer sees their team's step 4, not the PJTK's steps; a PJTK clerk the PJTK's; one with both roles, both."""
    for nama, nip, peran, tim in ((PETUGAS, "198501012010012001", "pjtk", None),
                                  (PETUGAS_TEKNIS, "198203042008011002", "teknis", TIM),
                                  ("Sari Dewi", "199001012015012005", "pjtk,teknis", TIM),
                                  ("Tono Hadi", "199002022015011006", "teknis", "Tim Inspeksi")):
        _j(jalankan, "petugas", "tambah", nama, "--nip", nip, "--jabatan", "Petugas", "--peran", peran,
           *(["--tim", tim] if tim else []))
    kini = _waktu_kini(jalankan)
    satu = _j(jalankan, "catat", "--nama", "PT Satu", "--media", "email", "--uraian", "x",
              "--waktu", teks_waktu(kini - timedelta(days=20)))
    dua = _j(jalankan, "catat", "--nama", "PT Dua", "--media", "email", "--uraian", "y",
             "--waktu", teks_waktu(kini - timedelta(days=20)))
    _j(jalankan, "validasi", dua, "--benar", "--teruskan-ke", TIM, "--waktu", teks_waktu(kini - timedelta(days=19)))
    assert [b["nomor"] for b in _agenda(jalankan)] == [satu]  # the clerk (pjtk)
    assert [b["nomor"] for b in _agenda(jalankan, petugas=PETUGAS_TEKNIS)] == [dua]  # the laboratory's analyst
    assert [b["nomor"] for b in _agenda(jalankan, "--untuk", PETUGAS_TEKNIS.split()[0].lower())] == [dua]
    assert sorted(b["nomor"] for b in _agenda(jalankan, petugas="Sari Dewi")) == sorted([satu, dua])
    assert _agenda(jalankan, petugas="Tono Hadi") == []  # another team's officer: nothing of theirs is due
