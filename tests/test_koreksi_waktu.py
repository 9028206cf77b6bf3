"""koreksi of times and CAPA (issue 12): diajukan, a step's time and any round's CAPA fields are
corrected as new events; riwayat keeps the original; durations, deadlines, the recap, periksa,
the auditors' script and the documented queries all read the effective time (v_waktu_efektif)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

from conftest import PETUGAS_TEKNIS, baca_db, potret, satu_baris_galat
from keluhan.workflow import Status

AKAR = Path(__file__).resolve().parents[1]


def _urutan(lihat, nomor: str, aksi: str) -> int:
    return next(r["urutan"] for r in lihat(nomor)["riwayat"] if r["aksi"] == aksi)


def _durasi(arsip: Path, urutan: int) -> dict:
    return baca_db(arsip, "SELECT * FROM durasi_langkah WHERE riwayat_urutan = ?", (urutan,))[0]


def _sehat(jalankan) -> None:
    r = jalankan("periksa")
    assert r.exit_code == 0 and r.stdout.startswith("Arsip sehat"), r.stdout + r.stderr


def test_waktu_langkah_dikoreksi_durasi_dihitung_ulang(sampai, jalankan, lihat, arsip) -> None:
    """A step's time corrected: a koreksi event with old/new/reason, riwayat keeps the original, the duration moves, periksa is sound."""
    nomor = sampai(Status.DIVALIDASI)  # catat Mon 08:10, validasi Mon 08:20
    u = _urutan(lihat, nomor, "validasi_benar")
    assert _durasi(arsip, u)["menit_kerja"] == 10
    r = jalankan("koreksi", nomor, "--kolom", "waktu", "--peristiwa", str(u), "--nilai", "2026-11-02 08:50",
                 "--alasan", "Salah ketik jam")
    assert r.exit_code == 0, r.stderr
    d = _durasi(arsip, u)
    assert (d["akhir"], d["menit_kerja"], d["patuh"]) == ("2026-11-02T08:50:00+07:00", 40, 0)
    asli = baca_db(arsip, "SELECT waktu FROM riwayat WHERE urutan = ?", (u,))[0]["waktu"]
    assert asli == "2026-11-02T08:20:00+07:00"  # the original stays
    x = lihat(nomor)
    assert x["divalidasi"] == "2026-11-02T08:50:00+07:00"
    kor = x["riwayat"][-1]
    assert kor["aksi"] == "koreksi" and kor["rincian"] == {
        "kolom": "waktu", "peristiwa": u, "aksi": "validasi_benar", "lama": "2026-11-02T08:20:00+07:00",
        "baru": "2026-11-02T08:50:00+07:00", "alasan": "Salah ketik jam"}
    # The deadline of step 4 now runs from the corrected time.
    t = baca_db(arsip, "SELECT mulai FROM tenggat")[0]
    assert t["mulai"] == "2026-11-02T08:50:00+07:00"
    _sehat(jalankan)


def test_waktu_melanggar_urutan_atau_masa_depan_ditolak(sampai, jalankan, lihat, arsip) -> None:
    """A corrected time before the previous step, after the next one, after it was written, or of another complaint's event is refused; nothing changes."""
    nomor = sampai(Status.DITINDAKLANJUTI)
    lain = sampai(Status.DICATAT, nama="PT Lain")
    u = _urutan(lihat, nomor, "validasi_benar")
    sebelum = potret(arsip)
    for nilai, pesan in (("2026-11-02 08:05", "lebih awal dari langkah sebelumnya"),
                         ("2026-11-04 09:00", "sesudah langkah berikutnya"),
                         ("2099-01-01 09:00", "masa depan")):
        r = jalankan("koreksi", nomor, "--kolom", "waktu", "--peristiwa", str(u), "--nilai", nilai, "--alasan", "x")
        assert pesan in satu_baris_galat(r, 2)
    r = jalankan("koreksi", lain, "--kolom", "waktu", "--peristiwa", str(u), "--nilai", "2026-11-02 08:30",
                 "--alasan", "x")
    assert "bukan peristiwa keluhan" in satu_baris_galat(r, 2)
    r = jalankan("koreksi", nomor, "--kolom", "waktu", "--nilai", "2026-11-02 08:30", "--alasan", "x")
    assert "--peristiwa" in satu_baris_galat(r, 2)
    assert potret(arsip) == sebelum


# -- an archive whose times were corrected is the archive typed right ------------------------

from conftest import PETUGAS, PETUGAS_VERIFIKASI, pasang_arsip_baru  # noqa: E402
from keluhan import skema  # noqa: E402
from test_kueri_dokumen import sqlite3_shell  # noqa: E402

_TIM = "Laboratorium Pengujian"
# (complaint, command, times in Y (typed right), the wrong time X typed instead, or None)
_SALAH = {
    ("K1", "tindak1"): "2026-11-03 10:00", ("K2", "diajukan"): "2026-11-02 07:40",
    ("K3", "catat"): "2026-11-02 09:05", ("K3", "validasi"): "2026-11-02 09:50", ("K4", "diajukan"): "",
}


def _register(jalankan, jalur: Path, salah: bool) -> list[tuple[str, str, str]]:
    """Four complaints through the CLI into ``jalur``: typed right, or (``salah``) with the
    wrong times of _SALAH; returns (number, what, right time) of each time typed wrong."""
    dikoreksi = []

    def j(*args: str, petugas: str = PETUGAS) -> str:
        r = jalankan("--arsip", str(jalur), *args, petugas=petugas)
        assert r.exit_code == 0, (args, r.stderr)
        return r.stdout.strip()

    def t(k: str, apa: str, benar: str) -> str:
        if salah and (k, apa) in _SALAH:
            dikoreksi.append((k, apa, benar))
            return _SALAH[(k, apa)]
        return benar

    def catat(k: str, nama: str, diajukan: str, waktu: str) -> str:
        args = ["catat", "--nama", nama, "--media", "email", "--uraian", f"Keluhan {k}", "--waktu", t(k, "catat", waktu)]
        d = t(k, "diajukan", diajukan)
        return j(*args, *(["--diajukan", d] if d else []))

    n1 = catat("K1", "PT Satu", "2026-11-02 08:00", "2026-11-02 08:10")
    j("validasi", n1, "--benar", "--teruskan-ke", _TIM, "--waktu", "2026-11-02 08:20")
    j("tindak", n1, "--koreksi", "LHU dikirim ulang", "--pencegahan", "Cek alamat", "--waktu",
      t("K1", "tindak1", "2026-11-09 10:00"), petugas=PETUGAS_TEKNIS)
    j("verifikasi", n1, "--kembalikan", "--alasan", "Belum lengkap", "--waktu", "2026-11-09 11:00",
      petugas=PETUGAS_VERIFIKASI)
    j("tindak", n1, "--koreksi", "LHU dikirim ulang dengan lampiran", "--pencegahan", "Cek alamat", "--waktu",
      "2026-11-10 09:00", petugas=PETUGAS_TEKNIS)
    j("verifikasi", n1, "--terima", "--waktu", "2026-11-10 10:00", petugas=PETUGAS_VERIFIKASI)
    j("informasikan", n1, "--media", "email", "--waktu", "2026-11-10 10:30")
    j("banding", n1, "--alasan", "Masih salah", "--waktu", "2026-11-11 09:00")
    n2 = catat("K2", "PT Dua", "2026-11-02 08:00", "2026-11-02 08:10")
    j("validasi", n2, "--tidak-benar", "--alasan", "Di luar lingkup", "--waktu", "2026-11-02 08:20")
    j("informasikan", n2, "--media", "email", "--waktu", "2026-11-02 08:40")
    n3 = catat("K3", "PT Tiga", "2026-11-02 09:00", "2026-11-02 09:10")
    j("validasi", n3, "--benar", "--teruskan-ke", _TIM, "--waktu", t("K3", "validasi", "2026-11-02 09:20"))
    n4 = catat("K4", "PT Empat", "2026-11-02 10:00", "2026-11-02 10:10")
    nomor = {"K1": n1, "K2": n2, "K3": n3, "K4": n4}
    return [(nomor[k], apa, benar) for k, apa, benar in dikoreksi]


def _koreksi_semua(jalankan, jalur: Path, salah: list[tuple[str, str, str]]) -> None:
    """Each wrong time corrected through `keluhan koreksi`, by the event's number as lihat shows it."""
    for nomor, apa, benar in salah:
        if apa == "diajukan":
            args = ["--kolom", "diajukan"]
        else:
            aksi = {"tindak1": "tindak", "catat": "catat", "validasi": "validasi_benar"}[apa]
            r = jalankan("--arsip", str(jalur), "lihat", nomor, "--json")
            u = next(e["urutan"] for e in json.loads(r.stdout)["riwayat"] if e["aksi"] == aksi)
            args = ["--kolom", "waktu", "--peristiwa", str(u)]
        r = jalankan("--arsip", str(jalur), "koreksi", nomor, *args, "--nilai", benar, "--alasan", "Salah ketik")
        assert r.exit_code == 0, r.stderr


_ACAK = {"id", "keluhan_id", "urutan", "riwayat_urutan", "dicatat_pada", "jam_kemudian", "diperbarui", "dihitung",
         "jangkar", "hash", "hash_sebelum"}


def _tanpa_acak(x):
    """Without what differs between two archives of the same register: ids, event numbers, system times."""
    if isinstance(x, dict):
        return {k: _tanpa_acak(v) for k, v in x.items() if k not in _ACAK}
    if isinstance(x, list):
        return [_tanpa_acak(v) for v in x]
    return x


def _kueri(jalur: Path) -> dict[str, list]:
    """Every documented audit query, pasted into the sqlite3 shell with November 2026 as its period."""
    nilai = {"dari": "2026-11-01", "sampai": "2026-11-30", "tahun": "2026", "nomor": "", "jam": "24", "hari": "3"}
    hasil = {}
    for q in skema.KUERI:
        baris = [".param clear", *(skema.baris_param(p.nama, nilai[p.nama]) for p in q.parameter), q.sql.strip() + ";"]
        keluar = sqlite3_shell(jalur, "\n".join(baris))
        hasil[q.nama] = _tanpa_acak(keluar[0] if keluar else [])
        if q.nama in _URUT_JAM_SISTEM:
            hasil[q.nama].sort(key=lambda b: json.dumps(b, sort_keys=True))
    return hasil


# Queries ordered by a figure of the system clock (jam_kemudian: dicatat_pada - waktu, to a tenth of an
# hour): two archives typed seconds apart may put a tie either way round when a tenth's boundary falls
# between their writes (a loaded machine makes that likelier), so their rows are compared as a set.
_URUT_JAM_SISTEM = {"dicatat_belakangan"}


def _angka(jalankan, jalur: Path) -> dict:
    """The figures: durations, deadlines, the November recap (JSON), every documented query."""
    r = jalankan("--arsip", str(jalur), "rekap", "--bulan", "2026-11", "--format", "json")
    assert r.exit_code == 0, r.stderr
    return {
        "durasi": _tanpa_acak(baca_db(jalur, "SELECT d.*, k.nomor FROM durasi_langkah d JOIN keluhan k ON k.id ="
                                              " d.keluhan_id ORDER BY k.nomor, d.akhir")),
        "tenggat": _tanpa_acak(baca_db(jalur, "SELECT t.*, k.nomor FROM tenggat t JOIN keluhan k ON k.id = t.keluhan_id"
                                              " ORDER BY k.nomor")),
        "keluhan": _tanpa_acak(baca_db(jalur, "SELECT * FROM keluhan ORDER BY nomor")),
        "rekap": _tanpa_acak(json.loads(r.stdout)),
        "kueri": _kueri(jalur),
    }


def test_arsip_dikoreksi_sama_dengan_arsip_yang_benar(jalankan, arsip_baru, tmp_path) -> None:
    """Times typed wrong then corrected (diajukan, catat, steps 3 and 4) give exactly the durations, deadlines, recap and documented queries of the register typed right; periksa and the auditors' script agree."""
    benar = pasang_arsip_baru(tmp_path / "benar.db", arsip_baru)
    dikoreksi = pasang_arsip_baru(tmp_path / "dikoreksi.db", arsip_baru)
    _register(jalankan, benar, salah=False)
    salah = _register(jalankan, dikoreksi, salah=True)
    assert len(salah) == len(_SALAH)
    harap = _angka(jalankan, benar)
    sebelum = _angka(jalankan, dikoreksi)
    for bagian in ("durasi", "tenggat", "rekap"):
        assert sebelum[bagian] != harap[bagian], bagian  # the wrong times did change the figures
    assert sebelum["kueri"]["langkah4_lewat_mutu_baku"] != harap["kueri"]["langkah4_lewat_mutu_baku"]
    _koreksi_semua(jalankan, dikoreksi, salah)
    sesudah = _angka(jalankan, dikoreksi)
    koreksi = sesudah["kueri"].pop("koreksi")
    assert harap["kueri"].pop("koreksi") == []
    assert len(koreksi) == len(salah) and {r["kolom"] for r in koreksi} == {"waktu", "diajukan"}
    for bagian in harap:
        assert sesudah[bagian] == harap[bagian], bagian
    r = jalankan("--arsip", str(dikoreksi), "periksa")
    assert r.exit_code == 0 and r.stdout.startswith("Arsip sehat"), r.stdout + r.stderr
    skrip = subprocess.run([sys.executable, str(AKAR / "docs" / "periksa_arsip.py"), str(dikoreksi)],
                           capture_output=True, text=True)
    assert skrip.returncode == 0, skrip.stdout + skrip.stderr
    # riwayat keeps what was first typed.
    asli = {r["waktu"] for r in baca_db(dikoreksi, "SELECT waktu FROM riwayat")}
    assert "2026-11-03T10:00:00+07:00" in asli and "2026-11-02T09:50:00+07:00" in asli


def test_tindakan_putaran_dikoreksi(jalankan, lihat, arsip, monkeypatch) -> None:
    """A CAPA field of an earlier round (--putaran) and of the latest (default) are corrected as events; the recap shows the corrected text; periksa is sound.
    The clock is fixed on Thu 10 Dec 2026 (the corrections' date): November has ended before them, the year not."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    import keluhan.waktu
    from conftest import PETUGAS_VERIFIKASI

    monkeypatch.setattr(keluhan.waktu, "sekarang", lambda _zona: datetime(2026, 12, 10, 10, 0, tzinfo=ZoneInfo("Asia/Jakarta")))

    n = jalankan("catat", "--nama", "PT A", "--media", "email", "--uraian", "x", "--waktu", "2026-11-02 08:10")
    nomor = n.stdout.strip()
    for args, petugas in (
        (["validasi", nomor, "--benar", "--teruskan-ke", "Laboratorium Pengujian", "--waktu", "2026-11-02 08:20"], None),
        (["tindak", nomor, "--koreksi", "Kirim ulang", "--pencegahan", "Cek", "--waktu", "2026-11-02 09:00"],
         PETUGAS_TEKNIS),
        (["verifikasi", nomor, "--kembalikan", "--alasan", "Kurang", "--waktu", "2026-11-02 10:00"], PETUGAS_VERIFIKASI),
        (["tindak", nomor, "--koreksi", "Kirim ulang lengkap", "--pencegahan", "Cek", "--target", "2026-11-20",
          "--waktu", "2026-11-02 11:00"], PETUGAS_TEKNIS),
    ):
        r = jalankan(*args, petugas=petugas)
        assert r.exit_code == 0, r.stderr
    r = jalankan("koreksi", nomor, "--kolom", "akar_masalah", "--putaran", "1", "--nilai", "Alamat salah",
                 "--alasan", "Terlewat")
    assert r.exit_code == 0, r.stderr
    r = jalankan("koreksi", nomor, "--kolom", "koreksi", "--nilai", "Kirim ulang lengkap dengan lampiran",
                 "--alasan", "Kurang lengkap")
    assert r.exit_code == 0, r.stderr
    r = jalankan("koreksi", nomor, "--kolom", "target", "--nilai", "2026-11-25", "--alasan", "Diundur")
    assert r.exit_code == 0, r.stderr
    t = lihat(nomor)["tindakan"]
    assert (t[0]["akar_masalah"], t[0]["koreksi"]) == ("Alamat salah", "Kirim ulang")
    assert (t[1]["koreksi"], t[1]["target"]) == ("Kirim ulang lengkap dengan lampiran", "2026-11-25")
    assert lihat(nomor)["riwayat"][-3]["rincian"] == {
        "kolom": "akar_masalah", "putaran": 1, "lama": None, "baru": "Alamat salah", "alasan": "Terlewat"}
    # The year's recap (its end after the corrections' day: they count); November's ended before them.
    r = jalankan("rekap", "--tahun", "2026", "--format", "json")
    assert json.loads(r.stdout)["keluhan"][0]["tindakan"] == "Kirim ulang lengkap dengan lampiran"
    r = jalankan("rekap", "--bulan", "2026-11", "--format", "json")
    assert json.loads(r.stdout)["keluhan"][0]["tindakan"] == "Kirim ulang lengkap"
    for args, pesan in ((["--putaran", "3"], "tidak punya putaran tindakan 3"),
                        (["--kolom", "pencegahan", "--nilai", ""], "wajib berisi")):
        isi = ["--kolom", "koreksi", "--nilai", "x", *args] if args[0] == "--putaran" else args
        r = jalankan("koreksi", nomor, *isi, "--alasan", "x")
        assert pesan in satu_baris_galat(r, 2)
    _sehat(jalankan)


def test_diajukan_dan_catat_dijaga(jalankan, lihat, arsip) -> None:
    """diajukan after the recording, or a recording time moved out of the month its number carries, is refused; nothing changes."""
    r = jalankan("catat", "--nama", "PT A", "--media", "email", "--uraian", "x", "--diajukan", "2026-10-30 08:00",
                 "--waktu", "2026-11-02 08:10")
    nomor = r.stdout.strip()
    sebelum = potret(arsip)
    r = jalankan("koreksi", nomor, "--kolom", "diajukan", "--nilai", "2026-11-02 08:30", "--alasan", "x")
    assert "sesudah keluhan" in satu_baris_galat(r, 2)
    u = lihat(nomor)["riwayat"][0]["urutan"]
    r = jalankan("koreksi", nomor, "--kolom", "waktu", "--peristiwa", str(u), "--nilai", "2026-10-30 08:30",
                 "--alasan", "x")
    assert "bulan yang sama" in satu_baris_galat(r, 2)
    r = jalankan("koreksi", nomor, "--kolom", "diajukan", "--nilai", "", "--alasan", "x")
    assert "tidak dapat dikosongkan" in satu_baris_galat(r, 2)
    assert potret(arsip) == sebelum


def test_rekap_dengan_jangkar_sebelum_koreksi_waktu_sama_persis(sampai, jalankan, lihat, arsip, tmp_path) -> None:
    """A recap signed before a time was corrected reproduces byte for byte with its anchor; a run without it shows the corrected figures."""
    nomor = sampai(Status.DIVERIFIKASI)
    sampai(Status.DICATAT, nama="PT Lain")
    md, js = tmp_path / "rekap.md", tmp_path / "rekap.json"
    for berkas, fmt in ((md, "md"), (js, "json")):
        r = jalankan("rekap", "--bulan", "2026-11", "--format", fmt, "--keluar", str(berkas))
        assert r.exit_code == 0, r.stderr
    x = lihat(nomor)
    for aksi, nilai in (("validasi_benar", "2026-11-02 09:00"), ("catat", "2026-11-02 08:12")):
        u = next(r["urutan"] for r in x["riwayat"] if r["aksi"] == aksi)
        r = jalankan("koreksi", nomor, "--kolom", "waktu", "--peristiwa", str(u), "--nilai", nilai, "--alasan", "Jam salah")
        assert r.exit_code == 0, r.stderr
    r = jalankan("koreksi", nomor, "--kolom", "diajukan", "--nilai", "2026-11-02 07:50", "--alasan", "Tanggal surat")
    assert r.exit_code == 0, r.stderr
    kini = jalankan("rekap", "--bulan", "2026-11", "--format", "json")
    assert json.loads(kini.stdout)["langkah"] != json.loads(js.read_text(encoding="utf-8"))["langkah"]
    for berkas, fmt in ((md, "md"), (js, "json")):
        r = jalankan("rekap", "--bulan", "2026-11", "--format", fmt, "--jangkar", str(js))
        assert r.exit_code == 0, r.stderr
        assert r.stdout == berkas.read_text(encoding="utf-8"), fmt
    # ... also opened read-only (an auditor's copy): the shadows live in this connection only.
    from keluhan import jangkar as jk, pengaturan
    from keluhan.arsip import Arsip
    from keluhan.rekap import Periode

    a = Arsip(arsip, pengaturan.muat(None), hanya_baca=True)
    try:
        ulang = a.rekap(Periode.bulan(2026, 11), jk.baca(str(js)))
        assert ulang["langkah"] == json.loads(js.read_text(encoding="utf-8"))["langkah"]
        assert not a.db.execute("SELECT 1 FROM sqlite_temp_master").fetchall()
    finally:
        a.tutup()
    _sehat(jalankan)
