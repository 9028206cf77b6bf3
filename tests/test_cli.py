"""The six SOP steps through the real CLI, on a real SQLite file: what is allowed, what is
refused (and that a refusal changes nothing), who may do what, numbers, input, listings."""

from __future__ import annotations

import json
import os
import re
import select
import subprocess
import time
from datetime import datetime
from typing import Any

import pytest

from keluhan.workflow import LAYANAN, MEDIA, PERINTAH, Aksi, Status

from conftest import (
    BERIKUT, DIIZINKAN, DITOLAK, PERINTAH_CLI, PESAN_LANGKAH, REPO, PETUGAS, PETUGAS_TEKNIS, PETUGAS_VERIFIKASI,
    baca_db, env_subproses, id_param, langkah_cli, pesan_tolak, potret, satu_baris_galat, ubah_dan_periksa,
)


# -- step 2: catat ---------------------------------------------------------------------


def test_catat_mencetak_nomor_dan_menulis_riwayat(jalankan, arsip, lihat) -> None:
    """catat prints the new number alone (piped) and writes one step-2 'catat' event."""
    r = jalankan("catat", "--nama", "PT Sinar Kimia", "--media", "surat", "--uraian", "Sertifikat salah nama",
                 "--diajukan", "2026-11-02 08:00", "--waktu", "2026-11-02 08:10")
    assert (r.exit_code, r.stdout, r.stderr) == (0, "001/KP/BBSPJIKFK/XI/2026\n", "")
    k = lihat("001/KP/BBSPJIKFK/XI/2026")
    assert (k["status"], k["dicatat"], k["diajukan"], k["petugas_pencatat"]) == (
        "dicatat", "2026-11-02T08:10:00+07:00", "2026-11-02T08:00:00+07:00", PETUGAS)
    assert [{c: e[c] for c in ("langkah", "aksi", "petugas", "waktu", "status_dari", "status_ke")}
            for e in k["riwayat"]] == [
        {"langkah": 2, "aksi": "catat", "petugas": PETUGAS, "waktu": "2026-11-02T08:10:00+07:00",
         "status_dari": None, "status_ke": "dicatat"}]
    assert baca_db(arsip, "SELECT keluhan_id, langkah, aksi, petugas, waktu FROM riwayat") == [
        {"keluhan_id": k["id"], "langkah": 2, "aksi": "catat", "petugas": PETUGAS,
         "waktu": "2026-11-02T08:10:00+07:00"}]


# -- every allowed transition ----------------------------------------------------------


@pytest.mark.parametrize(("status", "aksi"), DIIZINKAN, ids=id_param)
def test_transisi_diizinkan(status: Status, aksi: Aksi, sampai, jalankan, arsip) -> None:
    """Each allowed step moves the complaint to the table's status and appends its event."""
    nomor = sampai(status)
    ubah_dan_periksa(jalankan, arsip, nomor, aksi)


# -- every disallowed (status, command) pair -------------------------------------------


@pytest.mark.parametrize(("status", "aksi"), DITOLAK, ids=id_param)
def test_transisi_ditolak(status: Status, aksi: Aksi, sampai, jalankan, arsip) -> None:
    """A step out of order: exit 1, one line with status and next command, file unchanged."""
    nomor = sampai(status)
    sebelum = potret(arsip)
    args, petugas = langkah_cli(aksi, nomor)
    r = jalankan(*args, "--waktu", BERIKUT, petugas=petugas)
    baris = satu_baris_galat(r, 1)
    assert baris == pesan_tolak(nomor, status, PERINTAH[aksi])
    assert f"'{status.value}'" in baris
    assert potret(arsip) == sebelum


def test_tolak_menyebut_langkah_berikutnya_apa_adanya(sampai, jalankan) -> None:
    """The refusal text itself, written out: status and the exact command to run next."""
    nomor = sampai(Status.DICATAT)
    r = jalankan("tindak", nomor, "--koreksi", "a", "--pencegahan", "b", petugas=PETUGAS_TEKNIS)
    assert satu_baris_galat(r, 1) == (
        "Galat: Keluhan 001/KP/BBSPJIKFK/XI/2026 berstatus 'dicatat': perintah 'tindak' tidak dapat "
        "dijalankan; langkah berikutnya: keluhan validasi 001/KP/BBSPJIKFK/XI/2026."
    )


# -- the rework loop -------------------------------------------------------------------


def test_verifikasi_kembalikan_lalu_putaran_kedua(sampai, jalankan, arsip, lihat) -> None:
    """Returned for rework: back to divalidasi, a second tindak is round 2, both CAPA rows kept."""
    nomor = sampai(Status.DITINDAKLANJUTI)
    ubah_dan_periksa(jalankan, arsip, nomor, Aksi.VERIFIKASI_KEMBALIKAN, "2026-11-04 09:00")
    r = jalankan("tindak", nomor, "--koreksi", "LHU direvisi dan dikirim ulang", "--pencegahan",
                 "Checklist pengiriman LHU", "--akar-masalah", "Salah alamat", "--target", "30/11/2026",
                 "--waktu", "2026-11-05 10:00", petugas=PETUGAS_TEKNIS)
    assert (r.exit_code, r.stderr) == (0, "")
    ubah_dan_periksa(jalankan, arsip, nomor, Aksi.VERIFIKASI_TERIMA, "2026-11-05 11:00")

    k = lihat(nomor)
    assert k["status"] == "diverifikasi"
    assert [(t["putaran"], t["koreksi"], t["akar_masalah"], t["target"], t["verifikasi"],
             t["verifikasi_alasan"], t["diverifikasi_oleh"]) for t in k["tindakan"]] == [
        (1, "LHU dikirim ulang", None, None, "kembalikan", "Akar masalah belum dianalisis", PETUGAS_VERIFIKASI),
        (2, "LHU direvisi dan dikirim ulang", "Salah alamat", "2026-11-30", "terima", None, PETUGAS_VERIFIKASI),
    ]
    assert [e["aksi"] for e in k["riwayat"]] == [
        "catat", "validasi_benar", "tindak", "verifikasi_kembalikan", "tindak", "verifikasi_terima"]
    assert [e["status_ke"] for e in k["riwayat"]][2:] == [
        "ditindaklanjuti", "divalidasi", "ditindaklanjuti", "diverifikasi"]
    # The archive itself keeps both rounds, each pointing at the event that recorded it.
    db = baca_db(arsip, "SELECT t.putaran, r.aksi, r.waktu FROM tindakan t "
                        "JOIN riwayat r ON r.urutan = t.riwayat_urutan ORDER BY t.putaran")
    assert db == [
        {"putaran": 1, "aksi": "tindak", "waktu": "2026-11-03T10:00:00+07:00"},
        {"putaran": 2, "aksi": "tindak", "waktu": "2026-11-05T10:00:00+07:00"},
    ]


# -- ISO/IEC 17025 7.9.6 ----------------------------------------------------------------


@pytest.mark.parametrize("verifikator", [PETUGAS_TEKNIS, "andi saputra", "ANDI SAPUTRA", "  Andi Saputra  "])
@pytest.mark.parametrize("pilihan", [["--terima"], ["--kembalikan", "--alasan", "Belum tuntas"]])
def test_pencatat_tindakan_tidak_boleh_memverifikasi(verifikator, pilihan, sampai, jalankan, arsip) -> None:
    """ISO/IEC 17025 7.9.6: whoever recorded the action cannot verify it (any letter case)."""
    nomor = sampai(Status.DITINDAKLANJUTI)
    sebelum = potret(arsip)
    r = jalankan("verifikasi", nomor, *pilihan, "--waktu", BERIKUT, petugas=verifikator)
    assert satu_baris_galat(r, 1) == (
        f"Galat: Verifikasi ditolak: {verifikator.strip()} mencatat tindakan yang akan diverifikasi; "
        "ISO/IEC 17025 7.9.6 meminta verifikasi oleh petugas lain."
    )
    assert potret(arsip) == sebelum


def test_petugas_lain_boleh_memverifikasi(sampai, jalankan, arsip) -> None:
    """A different petugas verifies the same action without trouble."""
    nomor = sampai(Status.DITINDAKLANJUTI)
    k = ubah_dan_periksa(jalankan, arsip, nomor, Aksi.VERIFIKASI_TERIMA)
    assert k["tindakan"][-1]["petugas"] == PETUGAS_TEKNIS
    assert k["petugas_verifikasi"] == PETUGAS_VERIFIKASI


def test_7_9_6_melihat_putaran_terakhir(sampai, jalankan, arsip) -> None:
    """7.9.6 looks at the round being verified: round 2's recorder refused, round 1's allowed."""
    nomor = sampai(Status.DITINDAKLANJUTI)  # round 1 recorded by Andi
    r = jalankan("verifikasi", nomor, "--kembalikan", "--alasan", "Ulangi", "--waktu", "2026-11-04 09:00",
                 petugas=PETUGAS_VERIFIKASI)
    assert r.exit_code == 0, r.stderr
    r = jalankan("tindak", nomor, "--koreksi", "k2", "--pencegahan", "p2", "--waktu", "2026-11-04 10:00",
                 petugas=PETUGAS_VERIFIKASI)  # round 2 recorded by Budi
    assert r.exit_code == 0, r.stderr
    sebelum = potret(arsip)
    r = jalankan("verifikasi", nomor, "--terima", "--waktu", "2026-11-04 11:00", petugas=PETUGAS_VERIFIKASI)
    satu_baris_galat(r, 1)
    assert potret(arsip) == sebelum
    r = jalankan("verifikasi", nomor, "--terima", "--waktu", "2026-11-04 11:00", petugas=PETUGAS_TEKNIS)
    assert (r.exit_code, r.stdout) == (0, f"{nomor}: {PESAN_LANGKAH[Aksi.VERIFIKASI_TERIMA]}\n")


# -- petugas ---------------------------------------------------------------------------


@pytest.mark.parametrize("opsi", [None, "", "   "])
def test_tanpa_petugas_ditolak(opsi, catat, jalankan, arsip, monkeypatch) -> None:
    """No petugas (no option, no env, no settings; or a blank one) refuses every change."""
    nomor = catat()
    monkeypatch.delenv("KELUHAN_PETUGAS")
    sebelum = potret(arsip)
    pesan = ("Galat: Petugas belum diisi: gunakan --petugas NAMA, variabel KELUHAN_PETUGAS, "
             "atau petugas.bawaan di keluhan.toml.")
    r = jalankan("catat", "--nama", "X", "--media", "email", "--uraian", "Y", "--waktu", BERIKUT, petugas=opsi)
    assert satu_baris_galat(r, 2) == pesan
    r = jalankan("validasi", nomor, "--tidak-benar", "--alasan", "Z", "--waktu", BERIKUT, petugas=opsi)
    assert satu_baris_galat(r, 2) == pesan
    assert potret(arsip) == sebelum


def test_petugas_dari_env(catat, lihat) -> None:
    """Without --petugas, KELUHAN_PETUGAS is recorded as the petugas."""
    k = lihat(catat())
    assert (k["petugas_pencatat"], k["riwayat"][0]["petugas"]) == (PETUGAS, PETUGAS)


def test_petugas_dari_opsi_mengalahkan_env(catat, lihat) -> None:
    """--petugas wins over KELUHAN_PETUGAS."""
    k = lihat(catat(petugas="Sari Dewi"))
    assert (k["petugas_pencatat"], k["riwayat"][0]["petugas"]) == ("Sari Dewi", "Sari Dewi")


# -- numbers and references --------------------------------------------------------------


def test_nomor_romawi_setiap_bulan(catat) -> None:
    """Numbers read NNN/KP/BBSPJIKFK/<month in Roman numerals>/<year>, for all twelve months."""
    waktu = ["2025-12-15 09:00"] + [f"2026-{b:02d}-10 09:00" for b in range(1, 12)]
    nomor = [catat(diajukan=None, waktu=t) for t in waktu]
    assert nomor == ["001/KP/BBSPJIKFK/XII/2025"] + [
        f"{i:03d}/KP/BBSPJIKFK/{r}/2026"
        for i, r in enumerate(["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI"], start=1)
    ]


def test_nomor_urut_mulai_lagi_setiap_tahun(catat, arsip) -> None:
    """The sequence restarts each year (of recording), gapless within each year."""
    assert catat(diajukan=None, waktu="2025-12-30 09:00") == "001/KP/BBSPJIKFK/XII/2025"
    # A December letter recorded late, before the new year's first, still takes 2025's next number.
    assert catat(diajukan=None, waktu="2025-12-31 15:00") == "002/KP/BBSPJIKFK/XII/2025"
    assert catat(diajukan=None, waktu="2026-01-02 09:00") == "001/KP/BBSPJIKFK/I/2026"
    assert catat(diajukan=None, waktu="2026-11-02 09:00") == "002/KP/BBSPJIKFK/XI/2026"
    assert baca_db(arsip, "SELECT tahun, urut FROM keluhan ORDER BY tahun, urut") == [
        {"tahun": 2025, "urut": 1}, {"tahun": 2025, "urut": 2},
        {"tahun": 2026, "urut": 1}, {"tahun": 2026, "urut": 2},
    ]


def test_nomor_dan_id_pendek_sama_sama_diterima(catat, jalankan, lihat) -> None:
    """Commands accept the official number or the short id (any letter case) alike."""
    nomor = catat()
    kid = lihat(nomor)["id"]
    assert re.fullmatch(r"k[23456789abcdefghjkmnpqrstuvwxyz]{6}", kid)
    assert lihat(kid)["nomor"] == nomor
    r = jalankan("validasi", kid.upper(), "--benar", "--teruskan-ke", "Laboratorium Pengujian",
                 "--waktu", "2026-11-02 08:20")
    assert r.stdout == f"{nomor}: {PESAN_LANGKAH[Aksi.VALIDASI_BENAR]}\n"
    r = jalankan("tindak", nomor, "--koreksi", "k", "--pencegahan", "p", "--waktu", "2026-11-03 10:00",
                 petugas=PETUGAS_TEKNIS)
    assert r.exit_code == 0
    assert lihat(kid)["status"] == "ditindaklanjuti"


@pytest.mark.parametrize("ref", ["kzzzzzz", "999/KP/BBSPJIKFK/XI/2026"])
def test_keluhan_tidak_ditemukan(ref, catat, jalankan, arsip) -> None:
    """An unknown number or id: exit 1, one line naming it and the archive, nothing changed."""
    catat()
    sebelum = potret(arsip)
    r = jalankan("validasi", ref, "--tidak-benar", "--alasan", "x", "--waktu", BERIKUT)
    pesan = satu_baris_galat(r, 1)
    assert pesan.startswith(f"Galat: Keluhan '{ref}' tidak ditemukan di arsip {arsip}. Nomor terdekat: ")
    assert pesan.endswith("keluhan cari TEKS.")
    assert potret(arsip) == sebelum
    assert satu_baris_galat(jalankan("lihat", ref), 1) == pesan


# -- input: stdin, prompts, invalid values -----------------------------------------------


def test_uraian_dari_stdin(jalankan, lihat) -> None:
    """--uraian - reads the complaint text from stdin, line breaks kept."""
    r = jalankan("catat", "--nama", "CV Makmur", "--media", "surat", "--uraian", "-", "--waktu", BERIKUT,
                 input="Sertifikat kalibrasi nomor salah.\nMohon diterbitkan ulang.\n")
    assert r.exit_code == 0, r.stderr
    assert lihat(r.stdout.strip())["uraian"] == "Sertifikat kalibrasi nomor salah.\nMohon diterbitkan ulang."


@pytest.mark.parametrize(("hilang", "opsi"), [("nama", "--nama"), ("media", "--media"), ("uraian", "--uraian")])
def test_isian_wajib_tanpa_tty_adalah_galat(hilang, opsi, catat, jalankan, arsip) -> None:
    """Not on a terminal, a missing required field is an error (exit 2, one line), nothing written."""
    catat()
    sebelum = potret(arsip)
    isian = {"--nama": "PT A", "--media": "email", "--uraian": "B"}
    del isian[opsi]
    r = jalankan("catat", *[x for kv in isian.items() for x in kv], "--waktu", BERIKUT)
    assert satu_baris_galat(r, 2) == f"Galat: Isian {opsi} wajib diisi."
    assert potret(arsip) == sebelum


def test_isian_wajib_tanpa_tty_subproses(arsip) -> None:
    """Same in a real process with stdin not a terminal (cron): exit 2, one line, no archive row."""
    sebelum = arsip.read_bytes()
    p = subprocess.run([*PERINTAH_CLI, "catat", "--media", "email", "--uraian", "x"], env=env_subproses(),
                       stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    assert (p.returncode, p.stdout, p.stderr) == (2, "", "Galat: Isian --nama wajib diisi.\n")
    assert arsip.read_bytes() == sebelum


def _jalankan_di_pty(argv: list[str], jawaban: list[tuple[bytes, bytes]], env: dict[str, str]) -> tuple[int, str]:
    """Run ``argv`` with a pseudo-terminal as stdin/stdout/stderr, answering each prompt."""
    master, slave = os.openpty()
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
    os.close(slave)
    keluaran = b""
    batas = time.monotonic() + 30

    def baca_sampai(penanda: bytes | None) -> None:
        nonlocal keluaran
        while penanda is None or penanda not in keluaran:
            sisa = batas - time.monotonic()
            assert sisa > 0, f"tidak muncul {penanda!r}; keluaran: {keluaran!r}"
            siap, _, _ = select.select([master], [], [], sisa)
            if not siap:
                continue
            try:
                data = os.read(master, 4096)
            except OSError:  # EIO: the child closed the terminal
                data = b""
            if not data:
                assert penanda is None, f"tidak muncul {penanda!r}; keluaran: {keluaran!r}"
                return
            keluaran += data

    try:
        for tanya, jawab in jawaban:
            baca_sampai(tanya)
            keluaran = keluaran.replace(tanya, b"", 1)  # each prompt answered once
            os.write(master, jawab + b"\n")
        baca_sampai(None)
        return proc.wait(timeout=30), keluaran.decode().replace("\r\n", "\n")
    finally:
        os.close(master)
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_isian_wajib_ditanyakan_di_tty(arsip, lihat) -> None:
    """On a terminal, catat prompts for each missing required field and records the answers."""
    env = env_subproses()
    kode, keluaran = _jalankan_di_pty(
        [*PERINTAH_CLI, "catat", "--waktu", "2026-11-02 08:10"],
        [(b"Nama pelanggan: ", b"PT Tanya Jawab"),
         (b"Media (kotak/surat/telepon/fax/email/siptenan/website): ", b"telepon"),
         (b"Uraian keluhan: ", b"Sertifikat salah ketik")],
        env,
    )
    assert kode == 0, keluaran
    m = re.search(r"Keluhan dicatat\. Nomor: (\S+)  \(id (k\w{6})\)\n"
                  r"Tanda terima: keluhan formulir \2 --jenis tanda-terima\n", keluaran)
    assert m, keluaran
    assert m[1] == "001/KP/BBSPJIKFK/XI/2026"
    k = lihat(m[1])
    assert (k["nama"], k["media"], k["uraian"], k["id"]) == ("PT Tanya Jawab", "telepon", "Sertifikat salah ketik", m[2])


def test_tty_bertanya_ulang_sampai_sah(arsip, lihat) -> None:
    """On a terminal a blank name or an unknown media is asked again at once (any case accepted), nothing typed is lost."""
    media = b"Media (kotak/surat/telepon/fax/email/siptenan/website): "
    kode, keluaran = _jalankan_di_pty(
        [*PERINTAH_CLI, "catat", "--waktu", "2026-11-02 08:10"],
        [(b"Nama pelanggan: ", b"   "), (b"Nama pelanggan: ", b"PT Tanya Ulang"),
         (media, b"Faks"), (media, b"Email"), (b"Uraian keluhan: ", b"Sertifikat salah ketik")],
        env_subproses(),
    )
    assert kode == 0, keluaran
    assert "Isian ini wajib diisi." in keluaran
    assert "'Faks' bukan pilihan; pilih salah satu: kotak, surat, telepon, fax, email, siptenan, website." in keluaran
    k = lihat("001/KP/BBSPJIKFK/XI/2026")
    assert (k["nama"], k["media"], k["uraian"]) == ("PT Tanya Ulang", "email", "Sertifikat salah ketik")


@pytest.mark.parametrize(("opsi", "nilai", "pilihan"), [("--media", "faks", MEDIA), ("--layanan", "uji", LAYANAN)])
def test_media_dan_layanan_tidak_sah(opsi, nilai, pilihan, catat, jalankan, arsip) -> None:
    """An unknown media or layanan: exit 2, one line that names it and lists the choices."""
    catat()
    sebelum = potret(arsip)
    args = {"--nama": "PT A", "--media": "email", "--uraian": "B", opsi: nilai}
    r = jalankan("catat", *[x for kv in args.items() for x in kv], "--waktu", BERIKUT)
    baris = satu_baris_galat(r, 2)
    assert baris.startswith("Galat: ") and opsi in baris and f"'{nilai}'" in baris
    assert all(p in baris for p in pilihan), baris
    assert potret(arsip) == sebelum


def test_media_informasikan_tidak_sah(sampai, jalankan, arsip) -> None:
    """informasikan --media takes only the known channels (one line, nothing written)."""
    nomor = sampai(Status.DIVERIFIKASI)
    sebelum = potret(arsip)
    baris = satu_baris_galat(jalankan("informasikan", nomor, "--media", "whatsapp", "--waktu", BERIKUT), 2)
    assert "'whatsapp'" in baris and all(m in baris for m in MEDIA)
    assert potret(arsip) == sebelum


def test_tim_teknis_tidak_dikenal(sampai, jalankan, arsip) -> None:
    """An unknown Tim Teknis is refused with the list of the known ones; nothing written."""
    nomor = sampai(Status.DICATAT)
    sebelum = potret(arsip)
    r = jalankan("validasi", nomor, "--benar", "--teruskan-ke", "Lab Mikrobiologi", "--waktu", BERIKUT)
    assert satu_baris_galat(r, 2) == (
        "Galat: Tim Teknis 'Lab Mikrobiologi' tidak dikenal. Pilihan: Laboratorium Pengujian; "
        "Laboratorium Kalibrasi; Lembaga Sertifikasi Produk; Tim Inspeksi; "
        "Tim Pelayanan Jasa Teknis dan Kemitraan (atur di tim_teknis.nama pada keluhan.toml)."
    )
    assert potret(arsip) == sebelum


def test_tim_teknis_huruf_besar_kecil_bebas(sampai, jalankan, lihat) -> None:
    """The Tim Teknis may be typed in any case; the archive stores its configured spelling."""
    nomor = sampai(Status.DICATAT)
    r = jalankan("validasi", nomor, "--benar", "--teruskan-ke", "  laboratorium KALIBRASI ", "--waktu", BERIKUT)
    assert r.stdout == f"{nomor}: keluhan benar, diteruskan ke Laboratorium Kalibrasi (status: divalidasi).\n"
    assert lihat(nomor)["tim_teknis"] == "Laboratorium Kalibrasi"


@pytest.mark.parametrize(("perintah", "status", "args", "pesan"), [
    ("validasi", Status.DICATAT, [], "Pilih salah satu: --benar --teruskan-ke TIM, atau --tidak-benar --alasan TEKS."),
    ("validasi", Status.DICATAT, ["--benar", "--tidak-benar", "--teruskan-ke", "Tim Inspeksi", "--alasan", "x"],
     "Pilih salah satu: --benar --teruskan-ke TIM, atau --tidak-benar --alasan TEKS."),
    ("validasi", Status.DICATAT, ["--benar"], "Perintah 'validasi' memerlukan --teruskan-ke TIM."),
    ("validasi", Status.DICATAT, ["--tidak-benar"], "Perintah 'validasi' memerlukan --alasan TEKS."),
    ("validasi", Status.DICATAT, ["--tidak-benar", "--alasan", "   "], "Perintah 'validasi' memerlukan --alasan TEKS."),
    ("tindak", Status.DIVALIDASI, ["--pencegahan", "p"], "Perintah 'tindak' memerlukan --koreksi TEKS."),
    ("tindak", Status.DIVALIDASI, ["--koreksi", "k"], "Perintah 'tindak' memerlukan --pencegahan TEKS."),
    ("tindak", Status.DIVALIDASI, ["--koreksi", "k", "--pencegahan", "p", "--target", "30/11"],
     "Tanggal --target harus lengkap dengan tahun empat angka: '30/11'. Contoh: \"30/11/2026\"."),
    ("verifikasi", Status.DITINDAKLANJUTI, [], "Pilih salah satu: --terima, atau --kembalikan --alasan TEKS."),
    ("verifikasi", Status.DITINDAKLANJUTI, ["--terima", "--kembalikan", "--alasan", "x"],
     "Pilih salah satu: --terima, atau --kembalikan --alasan TEKS."),
    ("verifikasi", Status.DITINDAKLANJUTI, ["--kembalikan"], "Perintah 'verifikasi' memerlukan --alasan TEKS."),
], ids=lambda x: x if isinstance(x, str) and " " not in x else None)
def test_pilihan_langkah_tidak_lengkap(perintah, status, args, pesan, sampai, jalankan, arsip) -> None:
    """Neither/both outcomes, or a missing required text: exit 2, one line, nothing changed."""
    nomor = sampai(status)
    sebelum = potret(arsip)
    r = jalankan(perintah, nomor, *args, "--waktu", BERIKUT, petugas=PETUGAS_VERIFIKASI)
    assert satu_baris_galat(r, 2) == f"Galat: {pesan}"
    assert potret(arsip) == sebelum


# -- daftar and lihat --------------------------------------------------------------------


@pytest.fixture
def lima(sampai, jalankan) -> dict[str, str]:
    """Five complaints over October and November 2026 in various states, media, teams."""
    n = {
        "A": sampai(Status.DIVALIDASI, datetime(2026, 11, 2, 8, 0), nama="PT Alfa", media="email"),
        "B": sampai(Status.DICATAT, datetime(2026, 10, 5, 8, 0), nama="CV Beta", media="surat"),
        "C": sampai(Status.TIDAK_VALID, datetime(2026, 11, 3, 8, 0), nama="PT Gama", media="telepon"),
        "D": sampai(Status.SELESAI, datetime(2026, 11, 4, 8, 0), nama="PT Delta", media="email"),
        "E": sampai(Status.DICATAT, datetime(2026, 10, 20, 8, 0), nama="UD Eka", media="kotak"),
    }
    r = jalankan("validasi", n["E"], "--benar", "--teruskan-ke", "Laboratorium Kalibrasi", "--waktu", "2026-10-20 09:00")
    assert r.exit_code == 0
    return n


def _daftar(jalankan, *args: str) -> list[dict[str, Any]]:
    r = jalankan("daftar", *args, "--json")
    assert (r.exit_code, r.stderr) == (0, "")
    return json.loads(r.stdout)


@pytest.mark.parametrize(("filter_", "harapan"), [
    ([], "DCAEB"),
    (["--status", "divalidasi"], "AE"),
    (["--media", "email"], "DA"),
    (["--bulan", "2026-10"], "EB"),
    (["--bulan", "2026-11"], "DCA"),
    (["--tim", "laboratorium kalibrasi"], "E"),
    (["--tim", "Laboratorium Pengujian"], "DA"),
    (["--status", "divalidasi", "--bulan", "2026-11"], "A"),
    (["--status", "selesai", "--media", "telepon"], ""),
    (["--bulan", "2026-09"], ""),
])
def test_daftar_filter(filter_, harapan, lima, jalankan) -> None:
    """daftar's filters (status, media, bulan, tim) select exactly the matching ones, newest first."""
    assert [k["nomor"] for k in _daftar(jalankan, *filter_)] == [lima[h] for h in harapan]


def test_daftar_tim_salah_ketik_ditolak(lima, jalankan, arsip) -> None:
    """daftar --tim with a name that is no team of the settings and on no complaint ('Lab Pengujian') is refused with
    the teams, as agenda --tim is, instead of an empty list that reads as "nothing forwarded to them"."""
    pesan = satu_baris_galat(jalankan("daftar", "--tim", "Lab Pengujian"), 2)
    assert pesan.startswith("Galat: Tim Teknis 'Lab Pengujian' tidak dikenal. Pilihan: Laboratorium Pengujian; ")
    r = jalankan("daftar", "--tim", "Tim Inspeksi", "--json")  # a team of the settings with nothing: an empty list
    assert (r.exit_code, r.stdout) == (0, "[]\n")
    # A team taken off the settings since: its complaints are still listed by its name.
    (arsip.parent / "keluhan.toml").write_text('[tim_teknis]\nnama = ["Laboratorium Pengujian", "Tim Inspeksi"]\n',
                                               encoding="utf-8")
    assert [k["nomor"] for k in _daftar(jalankan, "--tim", "laboratorium kalibrasi")] == [lima["E"]]


def test_daftar_halaman(lima, jalankan) -> None:
    """--per-halaman/--halaman page through the list in order, without overlap or loss."""
    halaman = [[k["nomor"] for k in _daftar(jalankan, "--per-halaman", "2", "--halaman", str(i))] for i in (1, 2, 3, 4)]
    assert halaman == [[lima["D"], lima["C"]], [lima["A"], lima["E"]], [lima["B"]], []]
    r = jalankan("daftar", "--per-halaman", "2", "--halaman", "2")
    assert r.stderr == "2 dari 5 keluhan; halaman 2/3.\n"


def test_daftar_json_berisi_objek(lima, jalankan) -> None:
    """daftar --json is a list of objects with id, nomor, status, nama, media, uraian (no riwayat)."""
    data = _daftar(jalankan)
    assert isinstance(data, list) and len(data) == 5
    for k in data:
        assert {"id", "nomor", "status", "nama", "media", "uraian"} <= set(k)
        assert "riwayat" not in k
    d = data[0]
    assert (d["nomor"], d["status"], d["nama"], d["media"], d["uraian"]) == (
        lima["D"], "selesai", "PT Delta", "email", "LHU belum diterima")


def test_daftar_teks_polos(lima, jalankan, lihat) -> None:
    """Piped, daftar prints tab-separated rows under a header (Tenggat: the awaited step and its deadline as people read it), the count on stderr."""
    ids = {h: lihat(n)["id"] for h, n in lima.items()}
    r = jalankan("daftar", "--bulan", "2026-10")
    assert r.exit_code == 0
    assert r.stdout == (
        "Nomor\tID\tDicatat\tPelanggan\tMedia\tStatus\tTim Teknis\tTenggat\n"
        f"{lima['E']}\t{ids['E']}\t20 Oktober 2026 08.10 WIB\tUD Eka\tkotak\tdivalidasi\tLaboratorium Kalibrasi\tTERLAMBAT langkah 4, 23 Oktober 2026 09.00 WIB\n"
        f"{lima['B']}\t{ids['B']}\t5 Oktober 2026 08.10 WIB\tCV Beta\tsurat\tdicatat\t\tTERLAMBAT langkah 3, 5 Oktober 2026 08.25 WIB\n"
    )
    assert r.stderr == "2 dari 2 keluhan; halaman 1/1.\n"


def test_daftar_bulan_tidak_sah(jalankan, catat) -> None:
    """A malformed --bulan is refused with an example."""
    catat()
    assert satu_baris_galat(jalankan("daftar", "--bulan", "2026-13"), 2) == "Galat: Bulan tidak sah: '2026-13'. Contoh: 2026-11."


def test_lihat_json_lengkap(jalankan, lihat) -> None:
    """lihat --json has every form field under its option's name and the history oldest first."""
    isian = {
        "nama": "Budi Hartono", "instansi": "PT Farma Sehat", "alamat": "Jl. Raya Bogor Km 26, Jakarta",
        "telepon": "021-8710000", "email": "qa@farmasehat.co.id", "media": "siptenan", "layanan": "pengujian",
        "referensi": "LHU-0123/BBSPJIKFK/X/2026", "uraian": "Hasil uji kadar air tidak sesuai",
        "harapan": "Uji ulang tanpa biaya", "kategori": "hasil uji",
    }
    args = [x for k, v in isian.items() for x in (f"--{k}", v)]
    r = jalankan("catat", *args, "--diajukan", "2/11/2026 08.00", "--waktu", "2/11/2026 08.10")
    nomor = r.stdout.strip()
    for aksi in (Aksi.VALIDASI_BENAR, Aksi.TINDAK):
        a, p = langkah_cli(aksi, nomor)
        assert jalankan(*a, "--waktu", "2026-11-03 09:00", petugas=p).exit_code == 0
    k = lihat(nomor)
    assert {f: k[f] for f in isian} == isian
    assert (k["nomor"], k["status"], k["diajukan"]) == (nomor, "ditindaklanjuti", "2026-11-02T08:00:00+07:00")
    assert re.fullmatch(r"k\w{6}", k["id"])
    assert [{c: e[c] for c in ("langkah", "aksi", "waktu", "petugas")} for e in k["riwayat"]] == [
        {"langkah": 2, "aksi": "catat", "waktu": "2026-11-02T08:10:00+07:00", "petugas": PETUGAS},
        {"langkah": 3, "aksi": "validasi_benar", "waktu": "2026-11-03T09:00:00+07:00", "petugas": PETUGAS},
        {"langkah": 4, "aksi": "tindak", "waktu": "2026-11-03T09:00:00+07:00", "petugas": PETUGAS_TEKNIS},
    ]
    assert [e["urutan"] for e in k["riwayat"]] == sorted(e["urutan"] for e in k["riwayat"])


def test_lihat_teks_polos(catat, jalankan) -> None:
    """Piped, lihat prints labelled fields and the history as tab-separated rows."""
    nomor = catat(nama="PT Alfa", uraian="Baris satu\nbaris dua")
    r = jalankan("lihat", nomor)
    assert r.exit_code == 0
    baris = r.stdout.splitlines()
    assert baris[1] == f"Nomor                      : {nomor}"
    assert baris[2] == "Status                     : dicatat"
    assert baris[3] == "Nama pelanggan             : PT Alfa"
    assert "Uraian keluhan             : Baris satu\n                             baris dua" in r.stdout
    assert r.stdout.endswith(
        "#\tLangkah\tAksi\tWaktu\tPetugas\tPerubahan\tDurasi kerja\tMutu baku\tPatuh\n"
        f"1\t2\tcatat\t2 November 2026 08.10 WIB\t{PETUGAS}\t— → dicatat\t10 menit\t15 menit\tya\n"
    )


# -- end to end, in real processes -------------------------------------------------------


def test_enam_langkah_di_proses_nyata(arsip) -> None:
    """python -m keluhan carries one complaint through steps 1-6 in separate processes."""
    env = env_subproses()

    def keluhan(*args: str, petugas: str | None = None, stderr: str = "") -> str:
        argv = [*PERINTAH_CLI, *(["--petugas", petugas] if petugas else []), *args]
        p = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
        assert (p.returncode, p.stderr) == (0, stderr), (args, p.stderr)
        return p.stdout

    nomor = "001/KP/BBSPJIKFK/XI/2026"
    assert keluhan("catat", "--nama", "PT Sinar Kimia", "--media", "email", "--uraian", "LHU belum diterima",
                   "--layanan", "pengujian", "--diajukan", "2026-11-02 08:00", "--waktu", "2026-11-02 08:10") == f"{nomor}\n"
    langkah = [
        (Aksi.VALIDASI_BENAR, "2026-11-02 08:20"), (Aksi.TINDAK, "2026-11-04 13:00"),
        (Aksi.VERIFIKASI_TERIMA, "2026-11-04 14:00"), (Aksi.INFORMASIKAN, "2026-11-04 14:10"),
    ]
    for aksi, waktu in langkah:
        args, petugas = langkah_cli(aksi, nomor)
        assert keluhan(*args, "--waktu", waktu, petugas=petugas) == f"{nomor}: {PESAN_LANGKAH[aksi]}\n"
    k = json.loads(keluhan("lihat", nomor, "--json"))
    assert k["status"] == "selesai"
    assert [(e["langkah"], e["aksi"], e["petugas"], e["waktu"]) for e in k["riwayat"]] == [
        (2, "catat", PETUGAS, "2026-11-02T08:10:00+07:00"),
        (3, "validasi_benar", PETUGAS, "2026-11-02T08:20:00+07:00"),
        (4, "tindak", PETUGAS_TEKNIS, "2026-11-04T13:00:00+07:00"),
        (5, "verifikasi_terima", PETUGAS_VERIFIKASI, "2026-11-04T14:00:00+07:00"),
        (6, "informasikan", PETUGAS, "2026-11-04T14:10:00+07:00"),
    ]
    assert keluhan("daftar", "--status", "selesai", stderr="1 dari 1 keluhan; halaman 1/1.\n").splitlines()[1].startswith(f"{nomor}\t{k['id']}\t2 November 2026 08.10 WIB\t")
    # A step out of order in a real process: one line on the real stderr, exit 1, no traceback.
    p = subprocess.run([*PERINTAH_CLI, "tindak", nomor, "--koreksi", "k", "--pencegahan", "p"], env=env,
                       stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    assert (p.returncode, p.stdout) == (1, "")
    assert p.stderr == pesan_tolak(nomor, Status.SELESAI, "tindak", banding_lewat=True) + "\n"  # run today, past it


# -- usage errors in Indonesian -------------------------------------------------------------

INGGRIS = ["No such", "Missing", "Invalid", "Did you mean", "does not take", "not a valid", "Choose from",
           "Error", "Usage", "requires", "unexpected", "Possible", "is not", "range"]


@pytest.mark.parametrize(("argv", "harapan"), [
    (["catatt"], "Galat: perintah 'catatt' tidak dikenal; mungkin maksudnya 'catat', 'datasette' (bantuan: keluhan --help)"),
    (["libur", "tmbah"], "Galat: perintah 'tmbah' tidak dikenal; mungkin maksudnya 'tambah' (bantuan: keluhan libur --help)"),
    ([""], "Galat: perintah '' tidak dikenal (bantuan: keluhan --help)"),
    (["--arsip", "a.db"], "Galat: perintah belum disebut (bantuan: keluhan --help)"),
    (["formulir", "001"], "Galat: opsi --jenis wajib diisi; pilihan: fpkp, ftkp, tanda-terima, surat-hasil, atau "
                          "--semua --keluar FOLDER/ (bantuan: keluhan formulir --help)"),
    (["daftar", "--halaman", "abc"], "Galat: nilai --halaman tidak sah: 'abc' bukan bilangan bulat (bantuan: keluhan daftar --help)"),
    (["rekap", "--tahun", "x"], "Galat: nilai --tahun tidak sah: 'x' bukan bilangan bulat (bantuan: keluhan rekap --help)"),
    (["daftar", "--halaman", "0"], "Galat: nilai --halaman tidak sah: 0; harus paling kecil 1 (bantuan: keluhan daftar --help)"),
    (["daftar", "--per-halaman=10001"], "Galat: nilai --per-halaman tidak sah: 10001; harus 1 sampai 10000 "
                                        "(bantuan: keluhan daftar --help)"),
    (["libur", "daftar", "--tahun", "0"], "Galat: nilai --tahun tidak sah: 0; harus 1900 sampai 9998 "
                                          "(bantuan: keluhan libur daftar --help)"),
    (["verifikasi", "001", "--terima=yes"], "Galat: opsi --terima tidak menerima nilai; tulis --terima saja "
                                            "(bantuan: keluhan verifikasi --help)"),
    (["libur", "daftar", "--json=1"], "Galat: opsi --json tidak menerima nilai; tulis --json saja "
                                      "(bantuan: keluhan libur daftar --help)"),
    (["--petugas=Rina", "lihat"], "Galat: argumen id wajib diisi (bantuan: keluhan lihat --help)"),
    (["libur", "tambah", "2026-12-31"], "Galat: argumen nama wajib diisi (bantuan: keluhan libur tambah --help)"),
    (["validasi", "001", "--bebar"], "Galat: opsi --bebar tidak dikenal; mungkin maksudnya --benar, --tidak-benar "
                                     "(bantuan: keluhan validasi --help)"),
    (["validasi", "001", "--waktu"], "Galat: opsi --waktu memerlukan nilai (bantuan: keluhan validasi --help)"),
    (["--arsip"], "Galat: opsi --arsip memerlukan nilai (bantuan: keluhan --help)"),
    (["catat", "--media", "whatsapp"], None),
    (["rekap", "--format", "docx"], None),
    (["lihat", "a", "b"], None),
    (["daftar", "--tidak-ada"], None),
    (["--tidak-ada", "daftar"], None),
])
def test_galat_pemakaian_berbahasa_indonesia(argv: list[str], harapan: str | None,
                                             capsys: pytest.CaptureFixture[str], arsip) -> None:
    """Every usage error, as `keluhan` runs it: one 'Galat:' line in Indonesian on stderr, exit 2, no English."""
    from keluhan import cli

    sebelum = arsip.read_bytes()
    with pytest.raises(SystemExit) as e:
        cli.main(argv)
    keluar = capsys.readouterr()
    assert (e.value.code, keluar.out) == (2, "")
    baris = keluar.err.splitlines()
    assert len(baris) == 1 and baris[0].startswith("Galat: "), keluar.err
    assert [k for k in INGGRIS if k.lower() in baris[0].lower()] == [], baris[0]
    if harapan is not None:
        assert baris[0] == harapan
    assert arsip.read_bytes() == sebelum


# -- options of the other outcome are refused, not dropped ---------------------------------


@pytest.mark.parametrize(("status", "argv", "pesan"), [
    (Status.DICATAT, ["validasi", "{n}", "--tidak-benar", "--alasan", "Bukan layanan Balai", "--teruskan-ke",
                      "Tim Inspeksi"],
     "Galat: --teruskan-ke hanya untuk --benar; keluhan yang tidak benar tidak diteruskan ke Tim Teknis."),
    (Status.DICATAT, ["validasi", "{n}", "--benar", "--teruskan-ke", "Tim Inspeksi", "--alasan", "Sesuai LHU"],
     "Galat: --alasan hanya untuk --tidak-benar (alasan keluhan tidak valid); dengan --benar gunakan --catatan."),
    (Status.DITINDAKLANJUTI, ["verifikasi", "{n}", "--terima", "--alasan", "Efektif"],
     "Galat: --alasan hanya untuk --kembalikan (alasan pengembalian); dengan --terima gunakan --catatan."),
])
def test_opsi_yang_bertentangan_ditolak(status, argv, pesan, sampai, jalankan, arsip) -> None:
    """An option that belongs to the other outcome (e.g. --teruskan-ke with --tidak-benar) is refused, never dropped."""
    nomor = sampai(status)
    sebelum = potret(arsip)
    r = jalankan(*(a.format(n=nomor) for a in argv), "--waktu", BERIKUT, petugas=PETUGAS_VERIFIKASI)
    assert satu_baris_galat(r, 2) == pesan
    assert potret(arsip) == sebelum


def test_catatan_berlaku_untuk_kedua_hasil(sampai, jalankan, lihat) -> None:
    """--catatan goes with either outcome: --terima --catatan is recorded."""
    nomor = sampai(Status.DITINDAKLANJUTI)
    r = jalankan("verifikasi", nomor, "--terima", "--catatan", "Efektif", "--waktu", BERIKUT, petugas=PETUGAS_VERIFIKASI)
    assert r.exit_code == 0, r.stderr
    assert lihat(nomor)["catatan_verifikasi"] == "Efektif"


def _jalur_perintah(c: Any, jalur: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    return [jalur] + [j for nama, sub in sorted(getattr(c, "commands", {}).items())
                      for j in _jalur_perintah(sub, (*jalur, nama))]


def test_setiap_bantuan_ada_contoh(jalankan) -> None:
    """keluhan --help and every command's and sub-command's --help show an example ("Contoh:")."""
    import typer

    from keluhan.cli import app

    semua = _jalur_perintah(typer.main.get_command(app))
    assert ("libur", "tambah") in semua and () in semua
    tanpa = []
    for jalur in semua:
        r = jalankan(*jalur, "--help")
        assert r.exit_code == 0, (jalur, r.stderr)
        if "Contoh:" not in r.stdout:
            tanpa.append(" ".join(jalur) or "keluhan")
    assert tanpa == []


def test_bantuan_utama_diakhiri_contoh(jalankan) -> None:
    """The top-level help ends with example lines, after the list of commands."""
    teks = jalankan("--help").stdout.rstrip()
    akhir = teks[teks.index("Contoh:"):].splitlines()
    assert teks.index("Perintah:") < teks.index("Contoh:") and 2 <= len(akhir) - 1 <= 3
    assert all(b.strip().startswith("keluhan ") for b in akhir[1:])


def test_json_kunci_opsi_langkah(sampai, jalankan, lihat) -> None:
    """lihat, daftar and terlambat --json give validasi --teruskan-ke under its option's name too (teruskan_ke)."""
    nomor = sampai(Status.DIVALIDASI)
    k = lihat(nomor)
    assert k["teruskan_ke"] == k["tim_teknis"] == "Laboratorium Pengujian"
    (d,) = json.loads(jalankan("daftar", "--json").stdout)
    assert d["teruskan_ke"] == "Laboratorium Pengujian"
    (t,) = json.loads(jalankan("terlambat", "--json").stdout)  # step 4 of 2 Nov is long overdue
    assert t["teruskan_ke"] == "Laboratorium Pengujian"
    dok = (REPO / "docs" / "json.md").read_text(encoding="utf-8")
    for baris in ("| `validasi --teruskan-ke` | `tim_teknis`, also as `teruskan_ke` |",
                  "| `validasi --alasan` | `alasan_tidak_valid` |", "| `informasikan --media` | `media_informasi` |",
                  "| `banding --alasan` | `banding_alasan` |"):
        assert baris in dok
