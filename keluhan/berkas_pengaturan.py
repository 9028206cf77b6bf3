"""``keluhan init``: a commented ``keluhan.toml`` holding every default of ``pengaturan.BAWAAN``.

The file is written from ``BAWAAN`` itself, with one Indonesian comment per setting from
``KETERANGAN``; tests/test_pengaturan_init.py proves it loads back to exactly ``BAWAAN``
and that no setting lacks a comment, so a setting added later cannot be forgotten here.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from keluhan.galat import GalatKeluhan
from keluhan.pengaturan import BAWAAN, NAMA_BERKAS

# One comment per table and per setting, keyed by its dotted name.
KETERANGAN: dict[str, str] = {
    "unit": "Unit kerja: dipakai pada kop, formulir dan nomor keluhan.",
    "unit.nama": "Nama lengkap unit kerja.",
    "unit.singkatan": "Singkatan unit; tersedia sebagai {unit} dalam nomor.format.",
    "unit.tim": "Tim yang menangani keluhan (tercetak pada formulir).",
    "unit.kota": "Kota penandatanganan formulir dan surat.",
    "unit.kop": "Baris-baris kop surat, dari atas ke bawah.",
    "unit.logo": (
        "Logo kop: berkas PNG atau SVG (paling besar 1 MB), relatif terhadap folder berkas ini, "
        "mis. \"logo-kemenperin.png\"; disematkan ke dalam setiap formulir. \"\" = tanpa logo."
    ),
    "unit.alamat": "Alamat kantor pada kop, mis. \"Jl. Balai Kimia No. 1, Jakarta 12345\"; \"\" = tidak dicetak.",
    "unit.telepon": "Telepon/faksimile pada kop, mis. \"(021) 555-0123\"; \"\" = tidak dicetak.",
    "unit.email": "Email pada kop, mis. \"pjtk@balai.go.id\"; \"\" = tidak dicetak.",
    "unit.situs": "Situs web pada kop, mis. \"https://balai.go.id\"; \"\" = tidak dicetak.",
    "nomor": "Nomor resmi keluhan (tanda terima). Unik dan tanpa loncatan; urutan dimulai ulang setiap tahun.",
    "nomor.format": (
        "Isian: {urut} nomor urut dalam tahun (mis. {urut:03d} = 001), {bulan} 1-12, "
        "{bulan_romawi} I-XII, {tahun}, {unit}. Wajib memuat {urut} dan {tahun}."
    ),
    "waktu": "Zona waktu arsip: semua waktu disimpan dalam ISO 8601 dengan offset zona ini.",
    "waktu.zona": "Nama zona IANA: Asia/Jakarta (WIB), Asia/Makassar (WITA), Asia/Jayapura (WIT).",
    "jam_kerja": (
        "Jam kerja per hari, \"JJ:MM-JJ:MM\"; \"\" = bukan hari kerja. Durasi langkah dan mutu baku "
        "dihitung dalam jam kerja, di luar hari libur nasional dan cuti bersama."
    ),
    "jam_kerja.senin": "Senin.",
    "jam_kerja.selasa": "Selasa.",
    "jam_kerja.rabu": "Rabu.",
    "jam_kerja.kamis": "Kamis.",
    "jam_kerja.jumat": "Jumat.",
    "jam_kerja.sabtu": "Sabtu.",
    "jam_kerja.minggu": "Minggu.",
    "mutu_baku": "Mutu baku (standar waktu SOP) tiap langkah: \"N menit\", \"N jam\" atau \"N hari\" (waktu kerja).",
    "mutu_baku.langkah_2": "Langkah 2: menerima, mencatat dan melaporkan keluhan (catat).",
    "mutu_baku.langkah_3": "Langkah 3: memeriksa kebenaran keluhan dan meneruskan ke Tim Teknis (validasi).",
    "mutu_baku.langkah_4": "Langkah 4: tindak lanjut, tindakan koreksi dan pencegahan oleh Tim Teknis (tindak).",
    "mutu_baku.langkah_5": "Langkah 5: menerima dan memverifikasi hasil penyelesaian (verifikasi).",
    "mutu_baku.langkah_6": "Langkah 6: menginformasikan hasil kepada pelanggan dan mengarsipkan (informasikan).",
    "banding": "Banding pelanggan setelah hasil diinformasikan (langkah 6).",
    "banding.batas": "Batas waktu banding: \"15 hari\" (hari kerja) atau \"15 hari kalender\".",
    "banding.putusan": (
        "Mutu baku putusan banding (keluhan putusan), dihitung sejak banding diajukan, dalam waktu kerja. "
        "Bawaan \"10 hari\" hanya pengganti sampai SOP Penanganan Banding Pelanggan Balai menetapkannya."),
    "efektivitas": "Tinjauan efektivitas tindakan koreksi (ISO/IEC 17025 8.7.1 e).",
    "efektivitas.setelah": "Jatuh tempo tinjauan: sekian hari kerja setelah verifikasi diterima.",
    "tunda": "Penundaan jam selama menunggu pelanggan atau pihak ketiga (keluhan tunda).",
    "tunda.batas": "Penundaan yang lebih lama dari sekian hari kerja ikut didaftar sebagai terlambat (agenda, terlambat).",
    "akar_masalah": "Akar masalah berkode pada tindakan koreksi.",
    "akar_masalah.kode": "Daftar kode akar masalah (bawaan 6M dan lainnya).",
    "kategori": "Kategori keluhan (catat --kategori).",
    "kategori.daftar": "Daftar kategori; [] = kategori bebas.",
    "tim_teknis": "Tim Teknis tujuan penerusan keluhan (validasi --teruskan-ke).",
    "tim_teknis.nama": "Nama-nama Tim Teknis yang dikenal; validasi menolak nama lain.",
    "pejabat": (
        "Pejabat untuk blok tanda tangan formulir: jabatan, nama dan NIP. "
        "Pejabat lain dapat ditambahkan sebagai tabel [pejabat.NAMA] baru."
    ),
    "pejabat.petugas_pjtk": "Petugas PJTK yang menandatangani FPKP dan tanda terima.",
    "pejabat.koordinator_pjtk": "Koordinator Tim PJTK.",
    "pejabat.manajer_mutu": "Manajer Mutu (verifikasi FTKP).",
    "pejabat.kepala_balai": "Kepala Balai Besar (rekapitulasi).",
    "formulir": "Kode dokumen formulir menurut daftar induk dokumen sistem manajemen mutu.",
    "formulir.fpkp_kode": "Formulir Penanganan Keluhan Pelanggan (FPKP).",
    "formulir.ftkp_kode": "Formulir Tindakan Koreksi dan Pencegahan (FTKP).",
    "formulir.rekap_kode": "Formulir Rekapitulasi Keluhan Pelanggan.",
    "formulir.revisi": "Nomor revisi formulir.",
    "petugas": "Petugas bawaan bila --petugas dan KELUHAN_PETUGAS tidak diisi.",
    "petugas.bawaan": "Nama petugas bawaan; \"\" = wajib diisi setiap kali.",
    "peran": (
        "Peran petugas yang wajib untuk setiap langkah (register petugas): pjtk, teknis, verifikator, "
        "koordinator, manajer_mutu; \"\" = siapa pun yang aktif. Hanya mengisi arsip baru."
    ),
    **{f"peran.langkah_{n}": f"Peran wajib langkah {n}." for n in range(2, 7)},
    "lampiran": "Berkas bukti yang disimpan di dalam arsip (keluhan lampirkan).",
    "lampiran.batas_mb": "Ukuran terbesar satu berkas lampiran, dalam MB (1 sampai 1024).",
    "berulang": "Keluhan berulang dari pelanggan yang sama (validasi, lihat, rekap).",
    "berulang.hari": (
        "Keluhan sebelumnya dari pelanggan yang sama (email, telepon atau instansi) dihitung berulang bila dicatat "
        "paling lama sekian hari kalender sebelumnya. Hanya mengisi arsip baru; sesudahnya: keluhan pengaturan ubah."),
}
# Inside an official's table the same three fields repeat: described once.
_KETERANGAN_PEJABAT = {"jabatan": "Jabatan.", "nama": "Nama lengkap dengan gelar.", "nip": "NIP."}


def kunci_tanpa_keterangan() -> list[str]:
    """Dotted names of settings in ``BAWAAN`` that have no comment (should be none)."""
    hilang: list[str] = []

    def telusur(d: dict[str, Any], awalan: str) -> None:
        for kunci, nilai in d.items():
            nama = f"{awalan}{kunci}"
            if awalan.startswith("pejabat.") and kunci in _KETERANGAN_PEJABAT:
                continue
            if nama not in KETERANGAN:
                hilang.append(nama)
            if isinstance(nilai, dict):
                telusur(nilai, f"{nama}.")

    telusur(BAWAAN, "")
    return hilang


def _nilai(v: Any) -> str:
    """A TOML value: JSON's string escapes are valid TOML basic strings."""
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, list):
        if not v:
            return "[]"
        return "[\n" + "".join(f"    {_nilai(x)},\n" for x in v) + "]"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)
    raise TypeError(f"jenis pengaturan tidak didukung: {type(v).__name__}")


def _komentar(teks: str) -> str:
    import textwrap

    return "".join(f"# {baris}\n" for baris in textwrap.wrap(teks, width=86, break_on_hyphens=False))


def isi_contoh() -> str:
    """The text of a commented ``keluhan.toml`` whose values are exactly ``BAWAAN``."""
    bagian = [
        "# keluhan.toml: pengaturan register keluhan PJTK (dibuat oleh `keluhan init`).\n"
        "#\n"
        "# Setiap nilai di bawah sama dengan bawaan program; ubah seperlunya. Pengaturan yang\n"
        "# dihapus dari berkas ini kembali ke nilai bawaannya. Nilai yang tidak sah membuat\n"
        "# setiap perintah berhenti dengan pesan yang menyebut nama pengaturannya.\n"
        "#\n"
        "# [jam_kerja], [mutu_baku], [banding], [efektivitas], [tunda], [akar_masalah], [kategori] dan [peran]\n"
        "# hanya mengisi arsip baru: sesudah itu arsip yang menentukan (buku pengaturan_riwayat).\n"
        "# Lihat dengan `keluhan pengaturan daftar`, ubah dengan `keluhan pengaturan ubah`.\n"
    ]

    def tabel(nama: str, isi: dict[str, Any], keterangan: dict[str, str] | None = None) -> None:
        teks = "\n" + _komentar(KETERANGAN.get(nama, "")) + f"[{nama}]\n"
        sub: list[tuple[str, dict[str, Any]]] = []
        for kunci, nilai in isi.items():
            if isinstance(nilai, dict):
                sub.append((f"{nama}.{kunci}", nilai))
                continue
            ket = (keterangan or {}).get(kunci) or KETERANGAN[f"{nama}.{kunci}"]
            teks += _komentar(ket) + f"{kunci} = {_nilai(nilai)}\n"
        bagian.append(teks)
        for sub_nama, sub_isi in sub:
            tabel(sub_nama, sub_isi, _KETERANGAN_PEJABAT if nama == "pejabat" else None)

    for nama, isi in BAWAAN.items():
        tabel(nama, isi)
    return "".join(bagian)


def tolak_sqlite(tujuan: Path, awal: bytes | None = None) -> None:
    """Refuse ``tujuan`` as the settings' name when it is a SQLite file (another archive):
    --paksa replaces a settings file, never a database moved aside as .bak."""
    if awal is None:
        try:
            with open(tujuan, "rb") as f:
                awal = f.read(16)
        except OSError:
            return  # missing or unreadable: tulis() says so in its own words
    if awal.startswith(b"SQLite format 3\x00"):
        raise GalatKeluhan(f"{tujuan} adalah berkas SQLite (arsip?), bukan berkas pengaturan; tidak ditimpa, "
                           "tidak ada yang diubah. Pilih --konfigurasi lain.")


def tulis(tujuan: Path, *, paksa: bool, lindungi: Iterable[tuple[Path, str]] = ()) -> Path:
    """Write the commented file at ``tujuan`` (keluhan/berkas.py's rules; ``lindungi``: the
    archive and its files, never written). An existing file only with ``paksa``, and then
    the old one is kept first as ``keluhan.toml.bak`` (an older .bak replaced)."""
    from keluhan import berkas

    if os.path.isdir(tujuan):
        tujuan = tujuan / NAMA_BERKAS
    lindungi = list(lindungi)
    berkas.tolak_dilindungi(tujuan, lindungi)
    ada = os.path.lexists(tujuan)
    if ada and not paksa:
        raise berkas.BerkasSudahAda(f"Berkas pengaturan {tujuan} sudah ada; tidak ditimpa. Gunakan --paksa untuk "
                                    f"menimpanya (yang lama disimpan sebagai {tujuan.name}.bak).")
    if ada:
        cadangan = tujuan.with_name(f"{tujuan.name}.bak")
        try:
            lama = tujuan.read_bytes()
        except OSError as e:
            raise GalatKeluhan(f"Berkas pengaturan {tujuan} tidak dapat dibaca untuk disimpan sebagai {cadangan.name}: "
                               f"{berkas.sebab(e)}; tidak ada yang diubah.") from None
        tolak_sqlite(tujuan, lama)
        berkas.tulis_data(cadangan, lama, timpa=True, lindungi=lindungi)
    # Without paksa the file is linked in place only where no file is (BerkasSudahAda when
    # another writer, e.g. a second init at the same moment, put one there first).
    berkas.tulis_atomik(tujuan, isi_contoh(), timpa=ada, lindungi=lindungi)
    return tujuan
