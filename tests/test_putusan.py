"""The decision on an appeal (``keluhan putusan``): accepted, a new CAPA round; rejected,
closed; one appeal per complaint; decided by an officer not involved (tidak_memihak).

Reaching 'banding' needs the working calendar (the appeal window), like test_banding.py.
The conftest complaint is appealed Thu 5 Nov 2026 09:00; decisions are dated Mon 9 Nov.
"""

from __future__ import annotations

import json

import pytest

from keluhan.workflow import Aksi, Status

from conftest import (
    BERIKUT, PESAN_LANGKAH, PETUGAS, PETUGAS_PUTUSAN, PETUGAS_TEKNIS, PETUGAS_VERIFIKASI, baca_db, catat_cli, id_param,
    langkah_cli, lihat_json, potret, satu_baris_galat, ubah_dan_periksa, ubah_db,
)

TIM = "Laboratorium Pengujian"


def _jalan(jalankan, nomor: str, *langkah: tuple[Aksi, str]) -> None:
    """Run the conftest command line of each (step, time) on ``nomor``; each must succeed."""
    for aksi, waktu in langkah:
        args, petugas = langkah_cli(aksi, nomor)
        r = jalankan(*args, "--waktu", waktu, petugas=petugas)
        assert (r.exit_code, r.stderr) == (0, ""), (aksi, r.stderr)


def _tidak_valid_dibanding(jalankan) -> str:
    """A complaint found not valid, informed, then appealed (so it has no Tim Teknis)."""
    nomor = catat_cli(jalankan, diajukan="2026-11-02 08:00", waktu="2026-11-02 08:10")
    _jalan(jalankan, nomor, (Aksi.VALIDASI_TIDAK_BENAR, "2026-11-02 08:20"), (Aksi.INFORMASIKAN, "2026-11-02 09:00"),
           (Aksi.BANDING, "2026-11-04 09:00"))
    return nomor


def test_putusan_diterima_putaran_baru(sampai, jalankan, arsip) -> None:
    """Accepted: back to 'divalidasi' with a step-8 event; the next tindak is CAPA round 2 and round 1 is kept;
    steps 4-6 run again to 'selesai'."""
    nomor = sampai(Status.BANDING)
    k = ubah_dan_periksa(jalankan, arsip, nomor, Aksi.PUTUSAN_DITERIMA, BERIKUT)
    assert (k["status"], k["tim_teknis"], k["putusan"], k["petugas_putusan"]) == (
        "divalidasi", TIM, "diterima", PETUGAS_PUTUSAN)
    _jalan(jalankan, nomor, (Aksi.TINDAK, "2026-11-10 09:00"), (Aksi.VERIFIKASI_TERIMA, "2026-11-10 10:00"),
           (Aksi.INFORMASIKAN, "2026-11-10 11:00"))
    k = lihat_json(jalankan, nomor)
    assert k["status"] == "selesai"
    assert [(t["putaran"], t["verifikasi"]) for t in k["tindakan"]] == [(1, "terima"), (2, "terima")]
    assert [e["aksi"] for e in k["riwayat"]][-5:] == [
        "banding", "putusan_diterima", "tindak", "verifikasi_terima", "informasikan"]
    assert jalankan("periksa").exit_code == 0


def test_putusan_ditolak_selesai(sampai, jalankan, arsip) -> None:
    """Rejected: 'selesai' with a step-8 event, the decision's columns filled, nothing awaited any more."""
    nomor = sampai(Status.BANDING)
    k = ubah_dan_periksa(jalankan, arsip, nomor, Aksi.PUTUSAN_DITOLAK, BERIKUT)
    assert (k["status"], k["putusan"], k["putusan_alasan"], k["langkah_berikutnya"]) == (
        "selesai", "ditolak", "Hasil uji sesuai metode", None)
    assert baca_db(arsip, "SELECT COUNT(*) AS n FROM tenggat")[0]["n"] == 0
    assert jalankan("periksa").exit_code == 0


@pytest.mark.parametrize("aksi", [Aksi.PUTUSAN_DITERIMA, Aksi.PUTUSAN_DITOLAK], ids=lambda a: a.value)
def test_banding_kedua_ditolak(aksi: Aksi, sampai, jalankan, arsip) -> None:
    """One appeal per complaint: after either decision (and the new round's step 6) a second appeal is refused
    naming the first, file unchanged."""
    nomor = sampai(Status.BANDING)
    _jalan(jalankan, nomor, (aksi, BERIKUT))
    if aksi is Aksi.PUTUSAN_DITERIMA:
        _jalan(jalankan, nomor, (Aksi.TINDAK, "2026-11-10 09:00"), (Aksi.VERIFIKASI_TERIMA, "2026-11-10 10:00"),
               (Aksi.INFORMASIKAN, "2026-11-10 11:00"))
    sebelum = potret(arsip)
    args, petugas = langkah_cli(Aksi.BANDING, nomor)
    r = jalankan(*args, "--waktu", "2026-11-11 09:00", petugas=petugas)
    putusan = aksi.value.removeprefix("putusan_")
    assert satu_baris_galat(r, 1) == (
        f"Galat: Banding ditolak: keluhan {nomor} sudah pernah dibanding (5 November 2026 09.00 WIB, "
        f"putusan: {putusan}); satu banding per keluhan.")
    assert potret(arsip) == sebelum


@pytest.mark.parametrize(("pemutus", "peran"), [
    (PETUGAS, "mencatat validasi"),
    (PETUGAS_TEKNIS, "mencatat tindakan putaran 1"),
    (PETUGAS_VERIFIKASI, "memverifikasi tindakan putaran 1"),
    ("budi  SANTOSO", "memverifikasi tindakan putaran 1"),  # the same officer, typed differently
], ids=["validasi", "tindakan", "verifikasi", "nama-dinormalkan"])
@pytest.mark.parametrize("hasil", ["--diterima", "--ditolak"])
def test_pemutus_yang_terlibat_ditolak(pemutus: str, peran: str, hasil: str, sampai, jalankan, arsip) -> None:
    """The decider must have recorded no validation, CAPA or verification of the complaint: refused naming the
    rule (tidak_memihak), file unchanged."""
    nomor = sampai(Status.BANDING)
    sebelum = potret(arsip)
    r = jalankan("putusan", nomor, hasil, "--alasan", "x", "--waktu", BERIKUT, petugas=pemutus)
    assert satu_baris_galat(r, 1) == (
        f"Galat: Putusan banding ditolak: {' '.join(pemutus.split())} {peran} pada keluhan {nomor}; aturan "
        "tidak_memihak: banding diputus oleh petugas yang tidak terlibat (ISO/IEC 17065 7.13, ISO/IEC 17025 7.9.6).")
    assert potret(arsip) == sebelum


def test_penanggung_jawab_tindakan_tidak_boleh_memutus(jalankan, arsip) -> None:
    """The penanggung jawab of a CAPA round may not decide the appeal either; an uninvolved officer may."""
    nomor = catat_cli(jalankan, diajukan="2026-11-02 08:00", waktu="2026-11-02 08:10")
    _jalan(jalankan, nomor, (Aksi.VALIDASI_BENAR, "2026-11-02 08:20"))
    r = jalankan("tindak", nomor, "--koreksi", "LHU dikirim ulang", "--pencegahan", "Cek alamat", "--penanggung-jawab",
                 "Sari Dewanti", "--waktu", "2026-11-03 10:00", petugas=PETUGAS_TEKNIS)
    assert r.exit_code == 0, r.stderr
    _jalan(jalankan, nomor, (Aksi.VERIFIKASI_TERIMA, "2026-11-03 11:00"), (Aksi.INFORMASIKAN, "2026-11-03 11:30"),
           (Aksi.BANDING, "2026-11-05 09:00"))
    sebelum = potret(arsip)
    r = jalankan("putusan", nomor, "--ditolak", "--alasan", "x", "--waktu", BERIKUT, petugas="Sari Dewanti")
    assert "Sari Dewanti adalah penanggung jawab tindakan putaran 1 pada keluhan" in satu_baris_galat(r, 1)
    assert potret(arsip) == sebelum
    args, petugas = langkah_cli(Aksi.PUTUSAN_DITOLAK, nomor)
    assert jalankan(*args, "--waktu", BERIKUT, petugas=petugas).exit_code == 0


def test_tidak_valid_perlu_teruskan_ke(jalankan, arsip) -> None:
    """An appeal against 'tidak valid' accepted needs --teruskan-ke (refused without it, file unchanged); with it
    the complaint goes to that team, valid from the decision on."""
    nomor = _tidak_valid_dibanding(jalankan)
    sebelum = potret(arsip)
    r = jalankan("putusan", nomor, "--diterima", "--alasan", "Bukti baru dari pelanggan", "--waktu", BERIKUT,
                 petugas=PETUGAS_PUTUSAN)
    assert satu_baris_galat(r, 1) == (
        f"Galat: Putusan --diterima memerlukan --teruskan-ke TIM: keluhan {nomor} belum diteruskan ke Tim Teknis "
        "(hasil validasinya tidak valid); aturan ada_tim_teknis.")
    assert potret(arsip) == sebelum
    r = jalankan("putusan", nomor, "--diterima", "--alasan", "Bukti baru dari pelanggan", "--teruskan-ke",
                 "tim inspeksi", "--waktu", BERIKUT, petugas=PETUGAS_PUTUSAN)
    assert r.stdout == f"{nomor}: banding diterima; diteruskan ke Tim Inspeksi untuk putaran tindakan baru (status: divalidasi).\n"
    k = lihat_json(jalankan, nomor)
    assert (k["status"], k["validasi"], k["tim_teknis"], k["alasan_tidak_valid"]) == (
        "divalidasi", "benar", "Tim Inspeksi", "Di luar lingkup layanan Balai")


def test_per_hasil_valid_sejak_putusan(jalankan, arsip) -> None:
    """per_hasil counts an accepted appeal against 'tidak valid' as valid from the decision: a recap ending
    before it still says tidak_valid, one after it valid."""
    nomor = _tidak_valid_dibanding(jalankan)
    r = jalankan("putusan", nomor, "--diterima", "--alasan", "Bukti baru", "--teruskan-ke", TIM, "--waktu",
                 BERIKUT, petugas=PETUGAS_PUTUSAN)
    assert r.exit_code == 0, r.stderr

    def hasil(sampai: str) -> dict[str, int]:
        r = jalankan("rekap", "--dari", "2026-11-01", "--sampai", sampai, "--format", "json")
        assert r.exit_code == 0, r.stderr
        return {k: v for k, v in json.loads(r.stdout)["per_hasil"].items() if v}

    assert hasil("2026-11-08") == {"tidak_valid": 1}
    assert hasil("2026-11-09") == {"valid": 1}


@pytest.mark.parametrize(("args", "pesan"), [
    (["--alasan", "x"], "Galat: Pilih salah satu: --diterima, atau --ditolak; keduanya dengan --alasan TEKS."),
    (["--diterima", "--ditolak", "--alasan", "x"],
     "Galat: Pilih salah satu: --diterima, atau --ditolak; keduanya dengan --alasan TEKS."),
    (["--ditolak", "--alasan", "x", "--teruskan-ke", TIM],
     "Galat: --teruskan-ke hanya untuk --diterima; banding yang ditolak tidak diteruskan ke Tim Teknis."),
    (["--ditolak"], "Galat: Perintah 'putusan' memerlukan --alasan TEKS."),
    (["--diterima", "--alasan", "x", "--teruskan-ke", "Tim Entah"], "Galat: Tim Teknis 'Tim Entah' tidak dikenal."),
])
def test_opsi_putusan_salah_ditolak(args: list[str], pesan: str, sampai, jalankan, arsip) -> None:
    """Options that do not make one decision are refused in one line; nothing written."""
    nomor = sampai(Status.BANDING)
    sebelum = potret(arsip)
    r = jalankan("putusan", nomor, *args, "--waktu", BERIKUT, petugas=PETUGAS_PUTUSAN)
    assert satu_baris_galat(r, 2).startswith(pesan)
    assert potret(arsip) == sebelum


def test_banding_terbuka_dan_terlambat(sampai, jalankan, arsip) -> None:
    """An appealed complaint is open: it waits for step 8 (banding.putusan, default 10 working days from the
    appeal), is listed by terlambat once past that, and in the recap's open list; the decision takes it off."""
    nomor = sampai(Status.BANDING)  # appealed Thu 5 Nov 2026 09:00
    r = jalankan("terlambat", "--json")
    # the step awaited (its CAPA's effectiveness review, due 20 working days after verification, falls due by the
    # real clock too: it is listed as its own item, jenis 'efektivitas')
    x = [k for k in json.loads(r.stdout) if k["nomor"] == nomor and k["jenis"] == "langkah"]
    assert [(k["status"], k["langkah"], k["mutu_baku"], k["batas"], k["terlambat"]) for k in x] == [
        ("banding", 8, "10 hari", "2026-11-19T09:00:00+07:00", True)]
    r = jalankan("rekap", "--bulan", "2026-11", "--format", "json")
    terbuka = json.loads(r.stdout)["terbuka_akhir_periode"]
    assert [(t["nomor"], t["status"], t["langkah"], t["terlambat"]) for t in terbuka] == [(nomor, "banding", 8, True)]
    _jalan(jalankan, nomor, (Aksi.PUTUSAN_DITOLAK, BERIKUT))
    assert [k for k in json.loads(jalankan("terlambat", "--json").stdout) if k["nomor"] == nomor and k["jenis"] == "langkah"] == []


def test_mutu_baku_putusan_dari_buku_pengaturan(sampai, jalankan, arsip) -> None:
    """banding.putusan is a chained setting: changing it moves the pending decision's deadline (recomputed in the
    same transaction), and periksa agrees."""
    nomor = sampai(Status.BANDING)
    r = jalankan("pengaturan", "ubah", "banding.putusan", "5 hari", "--alasan", "SOP Penanganan Banding Pelanggan",
                 "--berlaku-sejak", "2026-11-01")
    assert r.exit_code == 0, r.stderr
    x = [k for k in json.loads(jalankan("terlambat", "--json").stdout) if k["nomor"] == nomor and k["jenis"] == "langkah"]
    assert [(k["langkah"], k["mutu_baku"], k["batas"]) for k in x] == [(8, "5 hari", "2026-11-12T09:00:00+07:00")]
    assert jalankan("periksa").exit_code == 0


def test_surat_hasil_putusan(sampai, jalankan, arsip) -> None:
    """The result letter of a rejected appeal is dated at the decision and says it, with its grounds, and offers no
    further appeal."""
    nomor = sampai(Status.BANDING)
    _jalan(jalankan, nomor, (Aksi.PUTUSAN_DITOLAK, BERIKUT))
    r = jalankan("formulir", nomor, "--jenis", "surat-hasil")
    assert r.exit_code == 0, r.stderr
    teks = " ".join(r.stdout.split())
    assert "9 November 2026" in teks
    assert "telah diputus pada 9 November 2026 bahwa banding **tidak diterima**, dengan dasar: Hasil uji sesuai metode." in teks
    assert "dapat mengajukan banding" not in teks
    assert PESAN_LANGKAH[Aksi.PUTUSAN_DITOLAK].startswith("banding ditolak")


def _tulis_ulang_petugas_akhir(arsip, petugas: str, kolom_keluhan: str) -> None:
    """Rewrite the last event's petugas behind the commands' back as a tamperer with sqlite3 would: its hash
    recomputed (the chain stays sound), the complaint's row made to match, the append-only trigger put back."""
    import sqlite3
    from contextlib import closing

    from keluhan.arsip import _rincian_json, hash_peristiwa
    from conftest import ubah_db

    with closing(sqlite3.connect(arsip)) as db:
        db.row_factory = sqlite3.Row
        akhir = dict(db.execute("SELECT * FROM riwayat ORDER BY urutan DESC LIMIT 1").fetchone())
        pemicu = db.execute("SELECT sql FROM sqlite_master WHERE name = 'riwayat_tolak_ubah'").fetchone()[0]
    p = {**akhir, "petugas": petugas, "rincian_json": akhir["rincian"]}
    assert _rincian_json(json.loads(akhir["rincian"])) == akhir["rincian"]
    ubah_db(arsip, "DROP TRIGGER riwayat_tolak_ubah",
            f"UPDATE riwayat SET petugas = '{petugas}', hash = '{hash_peristiwa(p, akhir['hash_sebelum'])}'"
            f" WHERE urutan = {akhir['urutan']}",
            f"UPDATE keluhan SET {kolom_keluhan} = '{petugas}' WHERE id = '{akhir['keluhan_id']}'", pemicu)


@pytest.mark.parametrize(("pemutus", "peran"), [
    (PETUGAS, "mencatat validasi"),
    (PETUGAS_TEKNIS, "mencatat tindakan putaran 1"),
    (PETUGAS_VERIFIKASI, "memverifikasi tindakan putaran 1"),
    ("Sari Dewanti", "adalah penanggung jawab tindakan putaran 1"),
], ids=["validasi", "tindakan", "verifikasi", "penanggung-jawab"])
@pytest.mark.parametrize("aksi", [Aksi.PUTUSAN_DITERIMA, Aksi.PUTUSAN_DITOLAK], ids=id_param)
def test_periksa_menangkap_pemutus_terlibat(pemutus: str, peran: str, aksi: Aksi, jalankan, arsip) -> None:
    """A decision rewritten with sqlite3 to name an officer who took part in the handling (hash chain recomputed,
    the complaint's row to match) is found by periksa's replay of tidak_memihak, naming the role; untouched, it passes."""
    nomor = catat_cli(jalankan, diajukan="2026-11-02 08:00", waktu="2026-11-02 08:10")
    _jalan(jalankan, nomor, (Aksi.VALIDASI_BENAR, "2026-11-02 08:20"))
    r = jalankan("tindak", nomor, "--koreksi", "LHU dikirim ulang", "--pencegahan", "Cek alamat", "--penanggung-jawab",
                 "Sari Dewanti", "--waktu", "2026-11-03 10:00", petugas=PETUGAS_TEKNIS)
    assert r.exit_code == 0, r.stderr
    _jalan(jalankan, nomor, (Aksi.VERIFIKASI_TERIMA, "2026-11-03 11:00"), (Aksi.INFORMASIKAN, "2026-11-03 11:30"),
           (Aksi.BANDING, "2026-11-05 09:00"), (aksi, BERIKUT))
    assert jalankan("periksa").exit_code == 0
    _tulis_ulang_petugas_akhir(arsip, pemutus, "petugas_putusan")
    r = jalankan("periksa")
    assert r.exit_code == 1, r.stdout
    temuan = [b for b in r.stdout.splitlines() if "putusan banding oleh petugas" in b]
    assert len(temuan) == 1 and f"yang {peran} (aturan tidak_memihak" in temuan[0], r.stdout
    assert "Tabel keluhan" not in r.stdout and "hash" not in " ".join(temuan)  # the rule, nothing else, is broken


def test_putusan_diukur_seperti_langkah_lain(sampai, jalankan, arsip) -> None:
    """The appeal decision is measured like the SOP's steps: a durasi_langkah row of step 8 from the appeal to the
    decision against banding.putusan, shown on the decision's event in lihat and the FPKP, counted in the recap's
    langkah['8'] (json and md); a decision later than the standard is counted late."""
    nomor = sampai(Status.BANDING)  # appealed Thu 5 Nov 2026 09:00
    _jalan(jalankan, nomor, (Aksi.PUTUSAN_DITOLAK, BERIKUT))  # Mon 9 Nov 09:00: 2 working days later
    assert baca_db(arsip, "SELECT langkah, mulai, akhir, mutu_baku, batas, patuh FROM durasi_langkah WHERE langkah = 8") == [
        {"langkah": 8, "mulai": "2026-11-05T09:00:00+07:00", "akhir": "2026-11-09T09:00:00+07:00",
         "mutu_baku": "10 hari", "batas": "2026-11-19T09:00:00+07:00", "patuh": 1}]
    e = lihat_json(jalankan, nomor)["riwayat"][-1]
    assert (e["aksi"], e["mutu_baku"], e["patuh"], e["batas"]) == (
        "putusan_ditolak", "10 hari", True, "2026-11-19T09:00:00+07:00") and e["durasi_menit"] > 0
    fpkp = jalankan("formulir", nomor, "--jenis", "fpkp").stdout
    assert any(b.startswith("| 8 | Banding ditolak |") and b.endswith("| 10 hari ✓ |") for b in fpkp.splitlines()), fpkp
    d = json.loads(jalankan("rekap", "--bulan", "2026-11", "--format", "json").stdout)
    assert list(d["langkah"]) == ["2", "3", "4", "5", "6", "8"]
    assert {k: d["langkah"]["8"][k] for k in ("total", "patuh", "tidak_diukur", "mutu_baku")} == {
        "total": 1, "patuh": 1, "tidak_diukur": 0, "mutu_baku": "10 hari"}
    md = jalankan("rekap", "--bulan", "2026-11").stdout
    assert "| 8 | Memutus banding pelanggan | 10 hari | 1 | 0 | 1 | 100,0% | 1 |" in md, md  # entered late: a test types past times
    assert jalankan("periksa").exit_code == 0

    lambat = sampai(Status.BANDING)
    assert jalankan("pengaturan", "ubah", "banding.putusan", "1 hari", "--alasan", "SOP banding",
                    "--berlaku-sejak", "2026-11-01").exit_code == 0
    _jalan(jalankan, lambat, (Aksi.PUTUSAN_DITERIMA, BERIKUT))
    d = json.loads(jalankan("rekap", "--bulan", "2026-11", "--format", "json").stdout)
    assert {k: d["langkah"]["8"][k] for k in ("total", "patuh", "mutu_baku")} == {
        "total": 2, "patuh": 0, "mutu_baku": "1 hari"}  # both now measured against the standard in force
    assert "terlambat langkah 8" in next(k for k in d["keluhan"] if k["nomor"] == lambat)["keterangan"]
    assert jalankan("periksa").exit_code == 0


def test_periksa_menghitung_ulang_durasi_putusan(sampai, jalankan, arsip) -> None:
    """A step-8 duration edited behind the history's back is found by periksa, like any step's."""
    nomor = sampai(Status.BANDING)
    _jalan(jalankan, nomor, (Aksi.PUTUSAN_DITOLAK, BERIKUT))
    ubah_db(arsip, "UPDATE durasi_langkah SET patuh = 0 WHERE langkah = 8")
    r = jalankan("periksa")
    assert r.exit_code == 1 and "Durasi langkah 8" in r.stdout and "patuh" in r.stdout, r.stdout


def test_migrasi_mengisi_durasi_putusan_lama(sampai, jalankan, arsip) -> None:
    """An archive decided before step 8 was measured (its durasi_langkah allowing steps 2-6 only, no step-8 row)
    gets the row when it is next opened: the table rebuilt, the decision measured; periksa is clean."""
    import sqlite3
    from contextlib import closing

    from keluhan import migrasi
    from conftest import buang_migrasi_sejak

    m = next(n for n, _ in migrasi.MIGRASI if n.endswith("_putusan_durasi"))  # its number: its landing order
    nomor = sampai(Status.BANDING)
    _jalan(jalankan, nomor, (Aksi.PUTUSAN_DITOLAK, BERIKUT))
    baru = baca_db(arsip, "SELECT * FROM durasi_langkah WHERE langkah = 8")
    assert len(baru) == 1
    with closing(sqlite3.connect(arsip, isolation_level=None)) as db:
        buang_migrasi_sejak(db, m)
        pemicu = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'durasi_langkah'"
                            " AND sql LIKE '%DELETE%'").fetchall()
        for nama, _ in pemicu:
            db.execute(f"DROP TRIGGER {nama}")
        db.execute("DELETE FROM durasi_langkah WHERE langkah = 8")
        for _, sql in pemicu:
            db.execute(sql)
        db.execute("BEGIN")
        migrasi.bangun_ulang_tabel(db, "durasi_langkah", lambda s: s.replace(migrasi.CEK_LANGKAH_DIUKUR,
                                                                             migrasi.CEK_LANGKAH_SOP), "durasi_langkah")
        db.execute("COMMIT")
        assert "BETWEEN 2 AND 6)" in db.execute("SELECT sql FROM sqlite_master WHERE name = 'durasi_langkah'").fetchone()[0]
    assert jalankan("lihat", nomor).exit_code == 0  # opening it migrates
    assert [{k: v for k, v in b.items() if k != "dihitung"} for b in baca_db(
        arsip, "SELECT * FROM durasi_langkah WHERE langkah = 8")] == [{k: v for k, v in baru[0].items() if k != "dihitung"}]
    assert {"nama": m} in baca_db(arsip, "SELECT nama FROM _migrasi")
    assert jalankan("periksa").exit_code == 0


def test_surat_hasil_putusan_diterima(sampai, jalankan, arsip) -> None:
    """An accepted appeal: while its new round is under way the result letter is the letter of the decision itself
    (tests/test_surat_putusan.py says what it holds); once the new outcome is informed, the letter gives it as the
    handling of the appeal accepted on its date, with its grounds, dated at the new step 6, and offers no second
    appeal."""
    nomor = sampai(Status.BANDING)
    _jalan(jalankan, nomor, (Aksi.PUTUSAN_DITERIMA, BERIKUT))
    r = jalankan("formulir", nomor, "--jenis", "surat-hasil")
    assert r.exit_code == 0, r.stderr
    assert f"Putusan Banding atas Keluhan Nomor {nomor}" in r.stdout and "9 November 2026" in r.stdout
    _jalan(jalankan, nomor, (Aksi.TINDAK, "2026-11-10 09:00"), (Aksi.VERIFIKASI_TERIMA, "2026-11-10 10:00"),
           (Aksi.INFORMASIKAN, "2026-11-11 11:00"))
    teks = " ".join(jalankan("formulir", nomor, "--jenis", "surat-hasil").stdout.split())
    assert ("Hasil di atas adalah penanganan ulang atas banding Saudara yang kami terima pada 5 November 2026 dan "
            "diputus **diterima** pada 9 November 2026, dengan dasar: Uji ulang oleh analis lain disetujui.") in teks
    assert "11 November 2026" in teks and "dapat mengajukan banding" not in teks


def test_langkah_8_menurut_jangkar(sampai, jalankan, arsip, tmp_path) -> None:
    """The as-of rule holds for langkah['8']: a decision dated in November but recorded after a November recap shows
    in a fresh run, never in the recap run with that recap's anchor, which is the same file byte for byte."""
    nomor = sampai(Status.BANDING)  # appealed Thu 5 Nov 2026: pending at the end of November as first recorded
    pertama = tmp_path / "nov-1.json"
    assert jalankan("rekap", "--bulan", "2026-11", "--format", "json", "--keluar", str(pertama)).exit_code == 0
    d = json.loads(pertama.read_text(encoding="utf-8"))
    assert (d["langkah"]["8"]["total"], [t["langkah"] for t in d["terbuka_akhir_periode"]]) == (0, [8])
    _jalan(jalankan, nomor, (Aksi.PUTUSAN_DITOLAK, BERIKUT))  # dated 9 Nov, entered now
    baru = json.loads(jalankan("rekap", "--bulan", "2026-11", "--format", "json").stdout)
    assert (baru["langkah"]["8"]["total"], baru["langkah"]["8"]["patuh"], baru["terbuka_akhir_periode"]) == (1, 1, [])
    ulang = tmp_path / "nov-ulang.json"
    r = jalankan("rekap", "--bulan", "2026-11", "--format", "json", "--keluar", str(ulang),
                 "--jangkar", d["jangkar"]["teks"])
    assert r.exit_code == 0, r.stderr
    assert ulang.read_bytes() == pertama.read_bytes()
