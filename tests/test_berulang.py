"""Recurrence (issue 16): the earlier complaints of the same customer (e-mail, phone or organisation, normalised)
within ``berulang.hari`` shown at validasi and in lihat, and ``keluhan kaitkan`` linking two complaints both ways."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from keluhan import berulang

from conftest import (
    PETUGAS, baca_db, buang_migrasi_sejak, catat_cli, lihat_json, potret, satu_baris_galat, teks_waktu, ubah_db,
)

# The complaint every test looks at: recorded Mon 2 Nov 2026 08:10.
BARU = datetime(2026, 11, 2, 8, 10)
ALASAN = ["--alasan", "Pelanggan sama, LHU yang sama dikeluhkan lagi"]


def _catat(jalankan, waktu: datetime, **isian: str | None) -> str:
    """One complaint recorded at ``waktu`` (no submission time), its other fields as given."""
    bawaan = {"nama": "Pelanggan", "instansi": None, "email": None, "telepon": None, "diajukan": None,
              "uraian": "LHU belum diterima"}
    return catat_cli(jalankan, **(bawaan | isian), waktu=teks_waktu(waktu))


def _pendek(nomor: str) -> str:
    """The short reference a clerk types, with its year (the tests' complaints are 2026's, whatever year they run in)."""
    return f"{int(nomor.split('/')[0])}/{nomor.rsplit('/', 1)[1]}"


def _nomor(daftar: list[dict]) -> list[str]:
    return [x["nomor"] for x in daftar]


def test_email_telepon_instansi_dinormalkan_cocok(jalankan) -> None:
    """An earlier complaint matches on the e-mail (case, full-width letters, spaces), the phone (+62, dashes) or the
    organisation (case, punctuation, spacing); lihat --json lists them newest first with the key that matched."""
    a = _catat(jalankan, BARU - timedelta(days=30), nama="Ani", email="ANI@Contoh.co.id ")
    b = _catat(jalankan, BARU - timedelta(days=20), nama="Budi", telepon="+62 812-3456-7890")
    c = _catat(jalankan, BARU - timedelta(days=10), nama="Cici", instansi="PT. Sinar  Abadi, Tbk")
    _catat(jalankan, BARU - timedelta(days=5), nama="Dodi", instansi="PT Sinar Abadi Jaya", email="dodi@lain.id",
           telepon="0812-9999-0000")  # another organisation, e-mail and phone: no match
    x = _catat(jalankan, BARU, nama="Eka", email="ａｎｉ@contoh.co.id", telepon="081234567890",
               instansi="pt sinar abadi tbk")
    k = lihat_json(jalankan, x)
    assert k["berulang_hari"] == 180
    assert [(y["nomor"], y["sebab"], y["status"], y["uraian_singkat"]) for y in k["berulang"]] == [
        (c, ["instansi"], "dicatat", "LHU belum diterima"), (b, ["telepon"], "dicatat", "LHU belum diterima"),
        (a, ["email"], "dicatat", "LHU belum diterima")]
    assert k["berulang"][0]["dicatat"] == "2026-10-23T08:10:00+07:00"
    teks = jalankan("lihat", x).stdout
    assert "Keluhan sebelumnya dari pelanggan yang sama (180 hari sebelum dicatat):" in teks
    assert f"  {c}  23 Oktober 2026  dicatat  (instansi sama)  LHU belum diterima" in teks


def test_hanya_yang_lebih_awal_dan_nama_saja_tidak_cocok(jalankan) -> None:
    """Only earlier complaints count (the later one is not listed on the earlier), and a shared name alone is no
    match: people share names."""
    a = _catat(jalankan, BARU - timedelta(days=3), nama="Ani Lestari", email="ani@contoh.co.id")
    b = _catat(jalankan, BARU, nama="Ani Lestari", email="ani@contoh.co.id")
    c = _catat(jalankan, BARU + timedelta(hours=1), nama="Ani Lestari")
    assert _nomor(lihat_json(jalankan, a)["berulang"]) == []
    assert _nomor(lihat_json(jalankan, b)["berulang"]) == [a]
    assert _nomor(lihat_json(jalankan, c)["berulang"]) == []


def test_batas_jendela_180_hari(jalankan) -> None:
    """A complaint recorded exactly 180 days earlier is a recurrence; one a minute further back, a near miss, is not."""
    luar = _catat(jalankan, BARU - timedelta(days=180, minutes=1), email="ani@contoh.co.id")
    dalam = _catat(jalankan, BARU - timedelta(days=180), email="ani@contoh.co.id")
    x = _catat(jalankan, BARU, email="ani@contoh.co.id")
    assert _nomor(lihat_json(jalankan, x)["berulang"]) == [dalam]
    assert luar not in jalankan("lihat", x).stdout


def test_jendela_dari_buku_pengaturan(jalankan) -> None:
    """The window is berulang.hari of the chained settings ledger: set to 30 days, a complaint 40 days earlier drops
    out; a value that is not a whole number of days is refused and changes nothing."""
    a = _catat(jalankan, BARU - timedelta(days=40), telepon="0812 3456 7890")
    x = _catat(jalankan, BARU, telepon="0812-3456-7890")
    assert _nomor(lihat_json(jalankan, x)["berulang"]) == [a]
    r = jalankan("pengaturan", "ubah", "berulang.hari", "30", "--alasan", "Kaji ulang manajemen 2026")
    assert r.exit_code == 0, r.stderr
    k = lihat_json(jalankan, x)
    assert (k["berulang_hari"], k["berulang"]) == (30, [])
    assert satu_baris_galat(jalankan("pengaturan", "ubah", "berulang.hari", "enam bulan", "--alasan", "x"), 2) == (
        "Galat: Nilai 'enam bulan' untuk berulang.hari tidak sah (contoh: bilangan bulat hari kalender (1 sampai "
        "3660), mis. 180).")


def test_validasi_menyebut_keluhan_sebelumnya_tanpa_yang_dibatalkan(jalankan) -> None:
    """validasi prints the customer's earlier complaints under its result; a voided one (a duplicate) is left out
    there, while lihat still lists it, marked DIBATALKAN."""
    a = _catat(jalankan, BARU - timedelta(days=60), email="ani@contoh.co.id", uraian="Hasil uji kadar air berbeda")
    d = _catat(jalankan, BARU - timedelta(days=59), email="ani@contoh.co.id")
    assert jalankan("batal", d, "--alasan", "Tercatat ganda", "--waktu", teks_waktu(BARU - timedelta(days=59))
                    ).exit_code == 0
    x = _catat(jalankan, BARU, email="ani@contoh.co.id")
    r = jalankan("validasi", x, "--benar", "--teruskan-ke", "Laboratorium Pengujian", "--waktu",
                 teks_waktu(BARU + timedelta(minutes=10)), petugas="Dedi Kurnia")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.splitlines()[1:] == [
        f"Berulang: pelanggan keluhan {x} sudah mengeluh 1 kali dalam 180 hari sebelumnya (keluhan kaitkan untuk "
        "mengaitkannya):",
        f"  {a}  3 September 2026  dicatat  (email sama)  Hasil uji kadar air berbeda",
    ]
    assert f"  {d}  4 September 2026  DIBATALKAN  (email sama)" in jalankan("lihat", x).stdout


def test_validasi_tanpa_keluhan_sebelumnya_satu_baris(jalankan) -> None:
    """Without an earlier complaint of the customer validasi prints its one result line, as before."""
    x = _catat(jalankan, BARU, email="ani@contoh.co.id")
    r = jalankan("validasi", x, "--tidak-benar", "--alasan", "Bukan layanan Balai", "--waktu",
                 teks_waktu(BARU + timedelta(minutes=10)), petugas="Dedi Kurnia")
    assert r.stdout == f"{x}: keluhan tidak benar; informasikan hasilnya kepada pelanggan (status: tidak_valid).\n"


def test_koreksi_email_memperbarui_kunci(jalankan, arsip) -> None:
    """A corrected e-mail moves the complaint's key: the old address no longer matches, the new one does, and
    periksa finds the derived keys equal to the rows."""
    a = _catat(jalankan, BARU - timedelta(days=2), email="ani@contoh.co.id")
    x = _catat(jalankan, BARU, email="ani@contoh.co.idd")
    assert lihat_json(jalankan, x)["berulang"] == []
    r = jalankan("koreksi", x, "--kolom", "email", "--nilai", "Ani@contoh.co.id", "--alasan", "Salah ketik")
    assert r.exit_code == 0, r.stderr
    assert _nomor(lihat_json(jalankan, x)["berulang"]) == [a]
    assert baca_db(arsip, "SELECT jenis, kunci FROM kunci_pelanggan WHERE keluhan_id = ?",
                   (lihat_json(jalankan, x)["id"],)) == [{"jenis": "email", "kunci": "ani@contoh.co.id"}]
    assert jalankan("periksa").exit_code == 0


@pytest.mark.parametrize("instansi", ["Perorangan", "-", "  ", "pribadi"])
def test_instansi_pengganti_bukan_pelanggan_yang_sama(instansi: str, jalankan) -> None:
    """'Perorangan', '-' and the like name no organisation: two private customers are not one customer."""
    _catat(jalankan, BARU - timedelta(days=1), nama="Ani", instansi=instansi)
    x = _catat(jalankan, BARU, nama="Budi", instansi=instansi)
    assert lihat_json(jalankan, x)["berulang"] == []


def test_kueri_pencocokan_memakai_indeks(arsip) -> None:
    """The customer lookup walks kunci_pelanggan's primary key (the recap's: one range per key, the table alone),
    the links naming a complaint and the recap's list of
    links the partial index riwayat_kaitan, the recap's later corrections riwayat_koreksi_pelanggan: no scan of
    keluhan, riwayat or kunci_pelanggan, whatever the archive's size."""
    with closing(sqlite3.connect(arsip)) as db:
        def rencana(sql: str, nilai: dict) -> list[str]:
            return [r[3] for r in db.execute("EXPLAIN QUERY PLAN " + sql, nilai)]

        calon = rencana(berulang.SQL_CALON, {"jenis": "email", "kunci": "a@b.c", "dari": "2026", "sampai": "2027"})
        assert calon == ["SEARCH p USING PRIMARY KEY (jenis=? AND kunci=? AND dicatat>? AND dicatat<?)"] or (
            len(calon) == 1 and calon[0].startswith("SEARCH p USING PRIMARY KEY (jenis=? AND kunci=? AND dicatat")), calon
        masuk = rencana(berulang.SQL_KAITAN_MASUK, {"nomor": "001/KP/BBSPJIKFK/XI/2026"})
        assert len(masuk) == 1 and masuk[0].startswith("SEARCH r USING INDEX riwayat_kaitan"), masuk
        sendiri = rencana(berulang.SQL_KAITAN_SENDIRI, {"id": "k2345"})
        assert len(sendiri) == 1 and sendiri[0].startswith("SEARCH r USING INDEX riwayat_keluhan"), sendiri
        # The recap: candidates with their rows, every link, the later corrections: partial indexes, never riwayat.
        baris = rencana(berulang.SQL_CALON_KUNCI, {"kunci": '[["email", "a@b.c"]]', "dari": "2026", "sampai": "2027"})
        assert len(baris) == 2 and baris[0].startswith("SCAN j VIRTUAL TABLE") and baris[1].startswith(
            "SEARCH p USING PRIMARY KEY (jenis=? AND kunci=? AND dicatat"), baris
        nomor = rencana(berulang.SQL_NOMOR, {"ids": '["k1"]'})
        assert nomor[0] == "SEARCH keluhan USING INDEX sqlite_autoindex_keluhan_1 (id=?)", nomor
        periode = rencana(berulang.SQL_KUNCI_PERIODE, {"m": "2026-11-01", "a": "2026-12-01"})
        assert periode == ["SEARCH k USING INDEX keluhan_dicatat_nomor (dicatat>? AND dicatat<?)",
                           "SEARCH p USING COVERING INDEX kunci_pelanggan_keluhan (keluhan_id=?)"], periode
        assert rencana(berulang.SQL_KAITAN_SEMUA, {"n": 10**9, "a": "2027"}) == ["SCAN r USING INDEX riwayat_kaitan"]
        assert rencana(berulang.SQL_KOREKSI_SESUDAH, {"n": 10, "a": "2026-12-01"}) == [
            "SCAN riwayat USING INDEX riwayat_koreksi_pelanggan"]
        v = rencana("SELECT * FROM v_kaitan WHERE nomor = :nomor", {"nomor": "001/KP/BBSPJIKFK/XI/2026"})
        assert not [x for x in v if x.startswith("SCAN r") and "riwayat_kaitan" not in x], v


def test_migrasi_mengisi_kunci_arsip_lama(jalankan, arsip) -> None:
    """An archive written before the migration gets every complaint's keys when it is opened: the earlier complaint
    is found at once."""
    a = _catat(jalankan, BARU - timedelta(days=2), email="ani@contoh.co.id")
    x = _catat(jalankan, BARU, email="ani@contoh.co.id")
    with closing(sqlite3.connect(arsip, isolation_level=None)) as db:
        buang_migrasi_sejak(db, "m020_kaitan")
        assert not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'kunci_pelanggan'").fetchone()
    assert _nomor(lihat_json(jalankan, x)["berulang"]) == [a]
    assert jalankan("periksa").exit_code == 0


def test_periksa_menemukan_kunci_yang_diubah(jalankan, arsip) -> None:
    """A key row deleted, or one planted for a complaint that does not exist, is a finding of periksa."""
    _catat(jalankan, BARU, email="ani@contoh.co.id", telepon="0812 3456 7890")
    ubah_db(arsip, "DELETE FROM kunci_pelanggan WHERE jenis = 'telepon'",
            "INSERT INTO kunci_pelanggan VALUES ('email', 'x@y.z', '2026-11-02T08:10:00+07:00', 'zzzzzzz')")
    r = jalankan("periksa")
    assert r.exit_code == 1
    assert "kunci pelanggan tersimpan tidak sama" in r.stdout + r.stderr
    assert "kunci untuk keluhan id zzzzzzz, yang tidak ada" in r.stdout + r.stderr


# -- kaitkan ------------------------------------------------------------------------------


def test_kaitkan_tampil_dua_arah(jalankan, arsip) -> None:
    """kaitkan records one status-less event on the first complaint naming the other by number; lihat (text and
    JSON) shows the link on both, its direction, time, officer and reason; periksa replays it cleanly."""
    a = _catat(jalankan, BARU - timedelta(days=1))
    x = _catat(jalankan, BARU)
    sebelum = lihat_json(jalankan, x)
    r = jalankan("kaitkan", x, a, *ALASAN, "--waktu", teks_waktu(BARU + timedelta(minutes=5)))
    assert (r.exit_code, r.stderr, r.stdout) == (
        0, "", f"{x}: dikaitkan dengan keluhan {a}; kaitan tampil pada keduanya (status: dicatat).\n")
    kx, ka = lihat_json(jalankan, x), lihat_json(jalankan, a)
    e = kx["riwayat"][-1]
    assert (e["aksi"], e["langkah"], e["status_dari"], e["status_ke"], e["petugas"], e["waktu"], e["rincian"]) == (
        "kaitkan", None, None, None, PETUGAS, "2026-11-02T08:15:00+07:00",
        {"terkait": a, "alasan": "Pelanggan sama, LHU yang sama dikeluhkan lagi"})
    assert (kx["status"], kx["waktu_status"]) == (sebelum["status"], sebelum["waktu_status"])
    assert [(y["nomor"], y["arah"], y["urutan"], y["alasan"]) for y in kx["kaitan"]] == [
        (a, "ke", e["urutan"], "Pelanggan sama, LHU yang sama dikeluhkan lagi")]
    assert [(y["nomor"], y["arah"], y["urutan"], y["status"]) for y in ka["kaitan"]] == [(x, "dari", e["urutan"], "dicatat")]
    assert f"dikaitkan dari {x}  dicatat  #{e['urutan']} 2 November 2026 08.15 WIB oleh {PETUGAS}: Pelanggan sama" in (
        jalankan("lihat", a).stdout)
    assert f"dikaitkan dengan {a}: Pelanggan sama" in jalankan("lihat", x).stdout  # the history's row
    assert baca_db(arsip, "SELECT nomor, nomor_terkait, arah FROM v_kaitan ORDER BY arah") == [
        {"nomor": a, "nomor_terkait": x, "arah": "dari"}, {"nomor": x, "nomor_terkait": a, "arah": "ke"}]
    assert jalankan("periksa").exit_code == 0


def test_kaitkan_nomor_pendek_dan_status_apa_pun(jalankan, sampai) -> None:
    """The two complaints are named as a clerk names them (sequence numbers), and a finished complaint can be
    linked: the link changes no status."""
    from keluhan.workflow import Status

    a = sampai(Status.SELESAI)
    x = _catat(jalankan, BARU + timedelta(days=7))
    r = jalankan("kaitkan", _pendek(x), _pendek(a), *ALASAN)
    assert r.exit_code == 0, r.stderr
    assert lihat_json(jalankan, a)["status"] == "selesai"
    assert _nomor(lihat_json(jalankan, a)["kaitan"]) == [x]


@pytest.mark.parametrize("kasus", ["diri", "tidak_ada", "sudah", "sudah_terbalik", "tanpa_alasan", "sebelum_dicatat"])
def test_kaitkan_ditolak_arsip_tetap(kasus: str, jalankan, arsip) -> None:
    """A link to itself, to an unknown complaint, one that already exists (either way round), one without a reason
    or dated before the other complaint was recorded is refused in one line and leaves the archive unchanged."""
    a = _catat(jalankan, BARU - timedelta(days=1))
    x = _catat(jalankan, BARU)
    if kasus.startswith("sudah"):
        assert jalankan("kaitkan", x, a, *ALASAN).exit_code == 0
    sebelum = potret(arsip)
    args, kode, pesan = {
        "diri": ([x, x, *ALASAN], 1, f"Galat: Kaitan ditolak: keluhan {x} tidak dapat dikaitkan dengan dirinya sendiri."),
        "tidak_ada": ([x, "99", *ALASAN], 1, "Galat: Keluhan '99' tidak ditemukan"),
        "sudah": ([x, a, *ALASAN], 1, f"Galat: Kaitan ditolak: keluhan {x} dan {a} sudah dikaitkan (peristiwa #"),
        "sudah_terbalik": ([a, x, *ALASAN], 1, f"Galat: Kaitan ditolak: keluhan {a} dan {x} sudah dikaitkan"),
        "tanpa_alasan": ([x, a, "--alasan", "  "], 2, "Galat: Kaitan memerlukan --alasan TEKS"),
        "sebelum_dicatat": ([a, x, *ALASAN, "--waktu", teks_waktu(BARU - timedelta(hours=1))], 1,
                            f"Galat: Kaitan ditolak: waktu kaitan (2 November 2026 07.10 WIB) lebih awal dari pencatatan "
                            f"keluhan {x}"),
    }[kasus]
    baris = satu_baris_galat(jalankan("kaitkan", *args), kode)
    assert baris.startswith(pesan), baris
    assert potret(arsip) == sebelum


def test_periksa_menemukan_kaitan_ganda(jalankan, arsip, tmp_path: Path) -> None:
    """periksa replays the links: a second link of the same pair, written behind the archive's back (triggers
    dropped and the chain rehashed is beyond this test: the event is appended through the archive's own writer),
    is a finding."""
    from keluhan import pengaturan
    from keluhan.arsip import Arsip
    from keluhan.workflow import Aksi

    a = _catat(jalankan, BARU - timedelta(days=1))
    x = _catat(jalankan, BARU)
    assert jalankan("kaitkan", x, a, *ALASAN).exit_code == 0
    ar = Arsip(arsip, pengaturan.muat(None))
    try:
        with ar.transaksi() as db:
            k = ar._cari(db, a)
            sekarang = ar._sekarang()
            p = ar._peristiwa(k["id"], Aksi.KAITKAN, None, None, PETUGAS, sekarang, sekarang,
                              {"terkait": x, "alasan": "lagi"})
            ar._tulis(db, p, k)
    finally:
        ar.tutup()
    r = jalankan("periksa")
    assert r.exit_code == 1
    assert f"keluhan {a} dan {x} sudah dikaitkan oleh peristiwa #" in r.stdout + r.stderr



@pytest.mark.parametrize("format", ["json", "csv"])
def test_kaitan_ikut_ekspor_impor(format: str, jalankan, arsip, tmp_path: Path) -> None:
    """An export carries each link in its complaint's riwayat (by the other's number); imported into a new archive,
    both complaints show it again, the customer keys come back with the rows, and periksa passes."""
    from conftest import buat_arsip

    a = _catat(jalankan, BARU - timedelta(days=1), email="ani@contoh.co.id")
    x = _catat(jalankan, BARU, email="ani@contoh.co.id")
    assert jalankan("kaitkan", a, x, *ALASAN, "--waktu", teks_waktu(BARU + timedelta(minutes=5))).exit_code == 0
    berkas = tmp_path / f"ekspor.{format}"
    assert jalankan("ekspor", "--format", format, "--keluar", str(berkas)).exit_code == 0
    baru = buat_arsip(tmp_path / "baru.db")
    r = jalankan("--arsip", str(baru), "impor", str(berkas), "--jalankan")
    assert r.exit_code == 0, r.stdout + r.stderr
    k = jalankan("--arsip", str(baru), "lihat", x, "--json")
    import json

    kx = json.loads(k.stdout)
    assert [(y["nomor"], y["arah"], y["alasan"]) for y in kx["kaitan"]] == [
        (a, "dari", "Pelanggan sama, LHU yang sama dikeluhkan lagi")]
    assert [y["nomor"] for y in kx["berulang"]] == [a]
    assert jalankan("--arsip", str(baru), "periksa").exit_code == 0


def test_impor_kaitan_ke_nomor_yang_tidak_ada_ditolak(jalankan, arsip, tmp_path: Path) -> None:
    """A file whose link names a complaint neither in the file nor in the archive is refused as a whole: nothing
    is written."""
    import json

    from conftest import buat_arsip

    a = _catat(jalankan, BARU - timedelta(days=1))
    x = _catat(jalankan, BARU)
    assert jalankan("kaitkan", x, a, *ALASAN).exit_code == 0
    berkas = tmp_path / "ekspor.json"
    assert jalankan("ekspor", "--format", "json", "--keluar", str(berkas)).exit_code == 0
    baris = json.loads(berkas.read_text(encoding="utf-8"))
    baris = [b for b in baris if b["nomor"] == x]  # the other complaint left out of the file
    berkas.write_text(json.dumps(baris, ensure_ascii=False), encoding="utf-8")
    baru = buat_arsip(tmp_path / "baru.db")
    sebelum = potret(baru)
    r = jalankan("--arsip", str(baru), "impor", str(berkas), "--jalankan")
    assert r.exit_code != 0
    assert f"dikaitkan dengan keluhan {a}, yang tidak ada di berkas maupun di arsip" in r.stdout + r.stderr
    assert potret(baru) == sebelum


def test_skrip_auditor_menghitung_ulang_kunci_dan_kaitan(jalankan, arsip) -> None:
    """docs/periksa_arsip.py (standard library only) passes an archive with repeats and a link, recomputes
    kunci_pelanggan with its own normalisation (a changed key is a TEMUAN), and replays the links (a second link of
    the same pair, appended behind the archive's back with the chain rehashed, is a TEMUAN)."""
    import subprocess
    import sys

    from conftest import REPO

    def auditor() -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-I", str(REPO / "docs" / "periksa_arsip.py"), str(arsip)],
                              capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"}, timeout=120)

    a = _catat(jalankan, BARU - timedelta(days=1), email="Ani@Contoh.co.id", telepon="+62 812 3456 7890",
               instansi="PT. Sinar  Abadi")
    x = _catat(jalankan, BARU, email="ani@contoh.co.id", instansi="Perorangan")
    assert jalankan("kaitkan", x, a, *ALASAN).exit_code == 0
    r = auditor()
    assert r.returncode == 0, r.stdout + r.stderr
    ubah_db(arsip, "UPDATE kunci_pelanggan SET kunci = '081200000000' WHERE jenis = 'telepon'")
    r = auditor()
    assert r.returncode == 1 and f"TEMUAN: kunci_pelanggan keluhan {a}: tidak sama" in r.stdout, r.stdout
    ubah_db(arsip, "UPDATE kunci_pelanggan SET kunci = '081234567890' WHERE jenis = 'telepon'")
    assert auditor().returncode == 0
    from keluhan import pengaturan
    from keluhan.arsip import Arsip
    from keluhan.workflow import Aksi

    ar = Arsip(arsip, pengaturan.muat(None))
    try:
        with ar.transaksi() as db:
            k = ar._cari(db, a)
            sekarang = ar._sekarang()
            ar._tulis(db, ar._peristiwa(k["id"], Aksi.KAITKAN, None, None, PETUGAS, sekarang, sekarang,
                                        {"terkait": x, "alasan": "lagi"}), k)
    finally:
        ar.tutup()
    r = auditor()
    assert r.returncode == 1 and f"keluhan {a} dan {x} sudah dikaitkan oleh #" in r.stdout, r.stdout


def test_banyak_keluhan_sebelumnya_diringkas(jalankan) -> None:
    """A customer with twelve earlier complaints: lihat --json lists all twelve, lihat's text the newest ten and how
    many more, validasi the newest five and how many more; the recap counts twelve and lists the newest five."""
    import json

    lama = [_catat(jalankan, BARU - timedelta(days=30 - i), telepon="0812 3456 7890") for i in range(12)]
    x = _catat(jalankan, BARU, telepon="0812-3456-7890")
    k = lihat_json(jalankan, x)
    assert _nomor(k["berulang"]) == lama[::-1]
    teks = jalankan("lihat", x).stdout
    assert lama[2] in teks and lama[1] not in teks
    assert f"  dan 2 lainnya (semuanya: keluhan lihat {x} --json)" in teks
    r = jalankan("validasi", x, "--benar", "--teruskan-ke", "Laboratorium Pengujian", "--waktu",
                 teks_waktu(BARU + timedelta(minutes=10)), petugas="Dedi Kurnia")
    baris = r.stdout.splitlines()
    assert baris[1].startswith(f"Berulang: pelanggan keluhan {x} sudah mengeluh 12 kali")
    assert [b.split()[0] for b in baris[2:7]] == lama[:-6:-1]
    assert baris[7:] == [f"  dan 7 lainnya (semuanya: keluhan lihat {x} --json)"]
    rekap = json.loads(jalankan("rekap", "--bulan", "2026-11", "--format", "json").stdout)
    b = next(b for b in rekap["berulang"] if b["nomor"] == x)
    assert (b["jumlah_sebelumnya"], [e["nomor"] for e in b["sebelumnya"]]) == (12, lama[:-6:-1])
    md = jalankan("rekap", "--bulan", "2026-11", "--format", "md").stdout
    assert "telepon sama); dan 7 lainnya |" in md


def test_pagi_petugas_proses_nyata(arsip) -> None:
    """As a clerk runs them, in real processes (the fast path without Typer): validasi names the customer's earlier
    complaint, kaitkan links the two by their short numbers, lihat shows the link on the other one; a second link is
    refused in one Galat line."""
    from _bantu_kantor import keluhan

    def jalan(*args: str) -> tuple[int, str, str]:
        r = keluhan("--arsip", str(arsip), "--petugas", PETUGAS, *args)
        return r.returncode, r.stdout, r.stderr

    a = jalan("catat", "--nama", "Ani", "--email", "ani@contoh.co.id", "--media", "email", "--uraian", "LHU terlambat",
              "--waktu", teks_waktu(BARU - timedelta(days=3)))[1].strip()
    x = jalan("catat", "--nama", "Ani L.", "--email", "ANI@contoh.co.id", "--media", "email", "--uraian", "LHU salah",
              "--waktu", teks_waktu(BARU))[1].strip()
    kode, keluar, galat = jalan("validasi", _pendek(x), "--benar", "--teruskan-ke", "Laboratorium Pengujian",
                                "--waktu", teks_waktu(BARU + timedelta(minutes=10)))
    assert (kode, galat) == (0, ""), galat
    assert f"  {a}  30 Oktober 2026  dicatat  (email sama)  LHU terlambat" in keluar
    kode, keluar, galat = jalan("kaitkan", _pendek(x), _pendek(a), *ALASAN)
    assert (kode, galat, keluar) == (0, "", f"{x}: dikaitkan dengan keluhan {a}; kaitan tampil pada keduanya "
                                             "(status: divalidasi).\n")
    assert f"dikaitkan dari {x}  divalidasi" in jalan("lihat", a)[1]
    kode, keluar, galat = jalan("kaitkan", a, x, *ALASAN)
    assert (kode, keluar) == (1, "") and galat.startswith(f"Galat: Kaitan ditolak: keluhan {a} dan {x} sudah dikaitkan")
    assert "Traceback" not in galat and len(galat.splitlines()) == 1
