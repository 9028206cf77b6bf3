"""A synthetic archive for benchmarks: N complaints over five years, with full histories.

    python bench/buat_arsip.py --jumlah 1000000 --keluar bench/out/arsip-1m.db [--benih 7] [--sampai 2026-11-01]

Written through the project's own storage layer: every complaint goes through the bulk
import path (``arsip.massal`` / ``PenulisMassal.tambah``, the same checks, fold and hash
chain as ``keluhan impor``) into an archive created by ``Arsip`` (its migrations), so
the file is what a real import of such a register would leave. Deterministic for a
seed, apart from system times (``dicatat_pada``) and short ids, which the archive draws.
The complaints are made up in a second process (forked, where a second core looks free;
the same seeded stream, so the same complaints in the same order; ``--satu-proses`` keeps
it in one), which also checks each of them there in all that depends on no earlier one
(``PenulisMassal.siapkan``, as ``keluhan impor``'s reading process does), so that making
them up and checking them overlaps numbering, chaining and writing them here.

What it looks like (per complaint; figures from the distributions below):

- recorded (``dicatat``) in office hours on working days, spread over the five years
  before ``--sampai`` with mild growth (10 % more a month at the end than at the start);
- media and services as a Balai's register shows them (email and SIPTENAN most),
  ``diajukan`` known for electronic channels, often not for letters and the box;
- 8 % not valid (step 3), the rest forwarded to the Tim Teknis of their service;
- step times within office hours (working-time offsets), about a quarter of the
  15-minute steps and a fifth of the 3-day step 4 late;
- 12 % returned for rework at step 5 (a few twice or three times), 2 % appealed,
  1.5 % with a correction (koreksi) event, 0.3 % left unfinished long ago;
- the newest complaints stop where "now" is, so the last weeks hold every status.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import sys
import time
from bisect import bisect_right
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Callable, Iterator

AKAR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(AKAR))

from keluhan import arsip as ars, pengaturan  # noqa: E402
from keluhan.kalender import Kalender, MutuBaku  # noqa: E402
from keluhan.workflow import Aksi  # noqa: E402

# (value, weight)
MEDIA = (("email", 30), ("siptenan", 22), ("website", 13), ("telepon", 14), ("surat", 11), ("kotak", 6), ("fax", 4))
LAYANAN = (("pengujian", 50), ("kalibrasi", 20), ("sertifikasi", 14), ("inspeksi", 10), ("lainnya", 3), (None, 3))
TIM = {
    "pengujian": "Laboratorium Pengujian", "kalibrasi": "Laboratorium Kalibrasi",
    "sertifikasi": "Lembaga Sertifikasi Produk", "inspeksi": "Tim Inspeksi",
    "lainnya": "Tim Pelayanan Jasa Teknis dan Kemitraan", None: "Tim Pelayanan Jasa Teknis dan Kemitraan",
}
KATEGORI = (("Ketepatan waktu", 35), ("Hasil uji/kalibrasi", 25), ("Pelayanan petugas", 10), ("Biaya", 8),
            ("Administrasi", 7), (None, 15))
URAIAN = {
    "pengujian": ("LHU belum diterima setelah {n} hari kerja", "Hasil uji kadar {z} berbeda dengan laboratorium lain",
                  "LHU salah mencantumkan nama sampel", "Sampel tidak dikembalikan setelah pengujian"),
    "kalibrasi": ("Sertifikat kalibrasi {z} terlambat {n} hari", "Nilai koreksi pada sertifikat tidak wajar",
                  "Alat kembali dalam keadaan rusak setelah kalibrasi"),
    "sertifikasi": ("Proses sertifikasi SPPT SNI {z} melebihi jadwal", "Biaya surveilan tidak sesuai penawaran"),
    "inspeksi": ("Jadwal inspeksi berubah tanpa pemberitahuan", "Laporan inspeksi {z} belum dikirim"),
    "lainnya": ("Informasi tarif layanan di website tidak sesuai", "Petugas loket sulit dihubungi"),
    None: ("Pertanyaan tidak dijawab lebih dari {n} hari", "Keluhan umum tentang pelayanan"),
}
ZAT = ("formaldehida", "timbal", "cemaran mikroba", "kadar air", "pH", "viskositas", "migrasi global", "kemasan PET")
KOTA = ("Jakarta Timur", "Bekasi", "Tangerang", "Bogor", "Depok", "Karawang", "Cikarang", "Serang", "Bandung")
BADAN = ("PT", "PT", "PT", "CV", "UD", "Koperasi")
NAMA_USAHA = ("Sinar", "Maju", "Kimia", "Farma", "Nusantara", "Jaya", "Sentosa", "Abadi", "Prima", "Mandiri", "Plastik",
              "Kemasan", "Sejahtera", "Makmur", "Indah", "Utama", "Global", "Medika", "Agro", "Tirta")
PENCATAT = ("Rina Wulandari", "Siti Aminah", "Nur Aini")
PJTK = ("Dedi Kurniawan", "Agus Prasetyo", "Fitri Handayani")
TEKNIS = ("Budi Santoso", "Andi Saputra", "Hendra Wijaya", "Lestari Putri", "Yusuf Hidayat", "Dewi Anggraini")
KOREKSI = ("telepon", "email", "nama", "alamat", "kategori")
DEPAN = ("Ahmad", "Budi", "Citra", "Dian", "Eko", "Fajar", "Gita", "Hadi", "Indah", "Joko", "Kartika", "Lina", "Made",
         "Nina", "Oki", "Putu", "Rudi", "Sari", "Teguh", "Wati", "Yanti", "Zainal")
BELAKANG = ("Saputra", "Wijaya", "Lestari", "Hidayat", "Pratama", "Siregar", "Nasution", "Simanjuntak", "Gunawan",
            "Kusuma", "Rahayu", "Setiawan", "Hakim", "Permana", "Situmorang", "Purnomo")


class Pilih:
    """Weighted choice by one uniform draw (faster than random.choices per call)."""

    def __init__(self, pasangan: tuple[tuple[object, int], ...]) -> None:
        self.nilai = [v for v, _ in pasangan]
        total, self.batas = 0, []
        for _, b in pasangan:
            total += b
            self.batas.append(total)
        self.total = total

    def __call__(self, r: random.Random) -> object:
        return self.nilai[bisect_right(self.batas, r.random() * self.total)]


P_MEDIA, P_LAYANAN, P_KATEGORI = Pilih(MEDIA), Pilih(LAYANAN), Pilih(KATEGORI)
_MENIT: dict[int, MutuBaku] = {}


def maju(kal: Kalender, t: datetime, menit: float) -> datetime:
    """``menit`` working minutes after ``t`` (whole minutes, then the seconds on top)."""
    m = max(1, int(menit))
    mb = _MENIT.get(m) or _MENIT.setdefault(m, MutuBaku(jumlah=m, satuan="menit"))
    return kal.batas(t, mb) + timedelta(seconds=int((menit - int(menit)) * 60))


def menit_langkah(r: random.Random, patuh: float, mutu: float, lama: float) -> float:
    """Working minutes a step took: within ``mutu`` with probability ``patuh``, else up to ``lama``x it."""
    if r.random() < patuh:
        return mutu * (0.1 + 0.9 * r.random() ** 1.5)
    return mutu * (1 + (lama - 1) * r.random() ** 2) + 1


def waktu_catat(kal: Kalender, r: random.Random, mulai: datetime, akhir: datetime, n: int) -> Iterator[datetime]:
    """``n`` recording times, sorted, in office hours: uniform in working time, weighted by
    a mild growth (density 1 + 0.1x over the span: 10 % more complaints at its end, so the
    last month of a 1M archive holds about 17 500, near the 16 700 of an average one).
    Every draw is made at the call; each time is placed on the calendar as it is taken
    (at 1M, placing them all first kept the writer waiting ~6 s before the first batch)."""
    total = kal.menit_kerja(mulai, akhir)
    g = 0.1
    posisi = sorted((math.sqrt(1 + 2 * g * r.random() * (1 + g / 2)) - 1) / g for _ in range(n))
    return (maju(kal, mulai, min(x, 0.999999) * total) for x in posisi)


def keluhan(kal: Kalender, r: random.Random, i: int, dicatat: datetime, kini: datetime) -> ars.KeluhanImpor:
    """One complaint with every event up to ``kini``."""
    media = str(P_MEDIA(r))
    layanan = P_LAYANAN(r)
    usaha = f"{BADAN[i % 6]} {NAMA_USAHA[r.randrange(20)]} {NAMA_USAHA[r.randrange(20)]}"
    templat = URAIAN[layanan][r.randrange(len(URAIAN[layanan]))]  # type: ignore[index]
    isian: dict[str, object] = {
        "nama": f"{DEPAN[r.randrange(len(DEPAN))]} {BELAKANG[r.randrange(len(BELAKANG))]}", "instansi": usaha,
        "alamat": f"Jl. Industri {i % 211} No. {i % 97 + 1}, {KOTA[i % 9]}" if r.random() < 0.6 else None,
        "telepon": f"08{r.randrange(10**9, 10**10)}" if r.random() < 0.7 else None,
        "email": f"kontak{i}@{usaha.split()[-1].lower()}.co.id" if media in ("email", "siptenan", "website") else None,
        "media": media, "layanan": layanan,
        "referensi": f"{r.randrange(1, 9999):04d}/LHU/{dicatat.year}" if r.random() < 0.6 else None,
        "uraian": templat.format(n=r.randrange(3, 30), z=ZAT[r.randrange(len(ZAT))]),
        "harapan": "Mohon segera ditindaklanjuti" if r.random() < 0.4 else None,
        "kategori": P_KATEGORI(r),
    }
    elektronik = media in ("email", "siptenan", "website")
    if r.random() < (0.9 if elektronik else 0.45):
        u = r.random()
        jeda = 2 + 12 * r.random() if u < 0.6 else 15 + 105 * r.random() if u < 0.85 else 120 + 3000 * r.random()
        isian["diajukan"] = dicatat - timedelta(minutes=jeda)
    langkah: list[ars.LangkahImpor] = []
    t = dicatat
    terlantar = r.random() < 0.003  # left unfinished, long ago: stops at a random step
    berhenti = r.randrange(1, 6) if terlantar else 99

    def tambah(aksi: Aksi, petugas: str, menit: float, **rincian: object) -> bool:
        nonlocal t
        if len(langkah) + 1 >= berhenti:
            return False
        w = maju(kal, t, menit)
        if w > kini:
            return False
        t = w
        langkah.append(ars.LangkahImpor(aksi=aksi, petugas=petugas, waktu=w, rincian=rincian))
        return True

    if r.random() < 0.015:  # a field mistyped at recording, corrected soon after
        kolom = KOREKSI[r.randrange(len(KOREKSI))]
        baru = {"telepon": f"08{r.randrange(10**9, 10**10)}", "email": f"pelanggan{i}@mail.co.id",
                "nama": f"{isian['nama']} Putra", "alamat": f"Jl. Raya {KOTA[i % 9]} No. {i % 50 + 1}",
                "kategori": "Ketepatan waktu" if isian["kategori"] != "Ketepatan waktu" else "Biaya"}[kolom]
        tambah(Aksi.KOREKSI, PENCATAT[i % 3], 1 + 5 * r.random(), kolom=kolom, lama=isian.get(kolom), baru=baru,
               alasan="Salah ketik saat pencatatan")
    pjtk = PJTK[r.randrange(3)]
    if r.random() < 0.08:
        ok = tambah(Aksi.VALIDASI_TIDAK_BENAR, pjtk, menit_langkah(r, 0.75, 15, 8),
                    alasan="Bukan keluhan atas layanan jasa Balai")
        if ok:
            tambah(Aksi.INFORMASIKAN, PENCATAT[i % 3], menit_langkah(r, 0.75, 15, 10), media=media)
        return _jadi(isian, dicatat, i, langkah)
    if not tambah(Aksi.VALIDASI_BENAR, pjtk, menit_langkah(r, 0.75, 15, 8), tim_teknis=TIM[layanan]):
        return _jadi(isian, dicatat, i, langkah)
    putaran = 1 + (r.random() < 0.12) + (r.random() < 0.15) + (r.random() < 0.1)
    for n in range(putaran):
        teknis = TEKNIS[r.randrange(len(TEKNIS))]
        if not tambah(Aksi.TINDAK, teknis, menit_langkah(r, 0.8, 3 * 510, 4),
                      koreksi=f"Tindakan koreksi putaran {n + 1}", pencegahan="Pemantauan tenggat dan verifikasi data",
                      akar_masalah="Beban kerja laboratorium" if r.random() < 0.5 else None):
            return _jadi(isian, dicatat, i, langkah)
        verifikator = PJTK[(PJTK.index(pjtk) + n) % 3]
        if n + 1 < putaran:
            ok = tambah(Aksi.VERIFIKASI_KEMBALIKAN, verifikator, menit_langkah(r, 0.7, 15, 30),
                        alasan="Akar masalah belum dianalisis")
        else:
            ok = tambah(Aksi.VERIFIKASI_TERIMA, verifikator, menit_langkah(r, 0.7, 15, 30),
                        catatan="Efektif" if r.random() < 0.5 else None)
        if not ok:
            return _jadi(isian, dicatat, i, langkah)
    if tambah(Aksi.INFORMASIKAN, PENCATAT[i % 3], menit_langkah(r, 0.75, 15, 10),
              media=media if r.random() < 0.8 else "email") and r.random() < 0.02:
        tambah(Aksi.BANDING, PENCATAT[(i + 1) % 3], 510 * (1 + 8 * r.random()),
               alasan="Hasil uji ulang tetap tidak sesuai")
    return _jadi(isian, dicatat, i, langkah)


def _jadi(isian: dict[str, object], dicatat: datetime, i: int, langkah: list[ars.LangkahImpor]) -> ars.KeluhanImpor:
    return ars.KeluhanImpor(isian=isian, petugas=PENCATAT[i % 3], dicatat=dicatat, langkah=langkah)


_KELOMPOK = 500  # complaints per batch from the generating process


def _keluhan_keluhan(kal: Kalender, benih: int, sampai: date | None, kini: datetime,
                     jumlah: int) -> Iterator[list[ars.KeluhanImpor]]:
    """Every synthetic complaint, in batches: the recording times first, then each complaint
    from the same seeded stream (the archive is a function of the seed, wherever this runs)."""
    akhir = datetime.combine(sampai or kini.date(), datetime.min.time(), kal.zona)
    mulai = akhir.replace(year=akhir.year - 5)
    r = random.Random(benih)
    waktu = waktu_catat(kal, r, mulai, min(akhir, kini), jumlah)
    for awal in range(0, jumlah, _KELOMPOK):
        yield [keluhan(kal, r, i, next(waktu), kini) for i in range(awal, min(awal + _KELOMPOK, jumlah))]


def _pembangkit(ujung: Any, kal: Kalender, benih: int, sampai: date | None, kini: datetime, jumlah: int,
               siapkan: Callable[[ars.KeluhanImpor], ars.SiapImpor] | None) -> None:
    """The generating process: each batch pickled down the pipe (each complaint checked by
    ``siapkan`` first; one it refuses goes as it is, for the writer's own ``tambah`` to say
    why), then an empty one."""
    import pickle
    import signal

    from keluhan.galat import GalatKeluhan

    def siap(k: ars.KeluhanImpor) -> ars.KeluhanImpor | ars.SiapImpor:
        try:
            return siapkan(k) if siapkan is not None else k
        except GalatKeluhan:
            return k

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C: the writer answers it and ends this process
    try:
        for kelompok in _keluhan_keluhan(kal, benih, sampai, kini, jumlah):
            ujung.send_bytes(pickle.dumps([siap(k) for k in kelompok], protocol=pickle.HIGHEST_PROTOCOL))
            ars.sapu_muda()  # (forked inside arsip.massal: the collector is off here too)
        ujung.send_bytes(b"")
    finally:
        ujung.close()


def _dari_proses(kal: Kalender, benih: int, sampai: date | None, kini: datetime, jumlah: int,
                 siapkan: Callable[[ars.KeluhanImpor], ars.SiapImpor] | None = None,
                 ) -> Iterator[list[ars.KeluhanImpor | ars.SiapImpor]]:
    """``_keluhan_keluhan`` run in a second process (forked: it inherits the calendar, and
    touches no database), each complaint checked there by ``siapkan`` (``PenulisMassal.penyiap``),
    so that making them up and checking them overlaps numbering, chaining and writing them
    here; the same complaints in the same order. The pipe holds a few batches ahead."""
    import multiprocessing
    import pickle

    sys.stdout.flush()
    sys.stderr.flush()  # nothing buffered here is written twice by the copy's exit
    ctx = multiprocessing.get_context("fork")
    terima, kirim = ctx.Pipe(duplex=False)
    ars.pipa_lebar(terima)
    anak = ctx.Process(target=_pembangkit, args=(kirim, kal, benih, sampai, kini, jumlah, siapkan), daemon=True)
    anak.start()
    kirim.close()
    try:
        while True:
            try:
                data = terima.recv_bytes()
            except EOFError:
                raise SystemExit("Proses pembangkit keluhan berhenti sebelum selesai.") from None
            if not data:
                break
            yield pickle.loads(data)
    finally:
        terima.close()
        anak.join(timeout=5)
        if anak.is_alive():
            anak.terminate()
    if anak.exitcode:
        raise SystemExit(f"Proses pembangkit keluhan berhenti dengan kode {anak.exitcode}.")


def buat(jalur: Path, jumlah: int, *, benih: int = 20261124, sampai: date | None = None,
         lapor: bool = True, proses: bool | None = None) -> dict[str, float]:
    """Write the archive; returns timings (s) and counts. ``proses``: make up the complaints
    in a second process (default: where ``fork`` exists and a second core looks free, as
    ``keluhan impor`` decides for its reading process)."""
    if proses is None:
        import multiprocessing

        from keluhan import impor

        proses = "fork" in multiprocessing.get_all_start_methods() and impor._inti_bebas()
    if jalur.exists():
        raise SystemExit(f"{jalur} sudah ada; hapus dahulu.")
    # Built under a temporary name and renamed when complete: a crash (or a refusal) leaves
    # no half archive under the real name, only ``jalur.sedang-dibuat`` (removed by the next run).
    sementara = jalur.with_name(jalur.name + ".sedang-dibuat")
    for ekor in ("", "-wal", "-shm", "-journal"):
        Path(f"{sementara}{ekor}").unlink(missing_ok=True)
    p = pengaturan.muat(None)
    t0 = time.perf_counter()
    a = ars.Arsip(ars.buat_arsip(sementara, p), p)
    # A fresh file written in one transaction: through the WAL every page would be written
    # twice (into -wal, then checkpointed into the file). For the build only, a rollback
    # journal in memory (a fresh file's new pages need none; ROLLBACK still works) and no
    # fsync; the archive's own journal_mode (WAL) and synchronous are restored, and the
    # file synced, before it gets its real name.
    mode, sinkron = a.db.execute("PRAGMA journal_mode").fetchone()[0], a.db.execute("PRAGMA synchronous").fetchone()[0]
    a.db.execute("PRAGMA journal_mode = MEMORY")
    a.db.execute("PRAGMA synchronous = OFF")
    kal = a.kalender()
    kini = a._sekarang()
    t1, c1 = time.perf_counter(), time.process_time()
    peristiwa = n = 0
    with ars.massal(a, tulis=True) as penulis:
        if proses:
            # Every year the complaints touch seeded first (the day before the five years: a
            # submission; up to now: the last steps), so the second process's calendar holds.
            akhir = (sampai or kini.date()).year
            siapkan = penulis.penyiap(range(akhir - 6, max(akhir, kini.year) + 1), jam_kerja=True)
            sumber = _dari_proses(kal, benih, sampai, kini, jumlah, siapkan)
        else:
            sumber = _keluhan_keluhan(kal, benih, sampai, kini, jumlah)
        for kelompok in sumber:
            for k in kelompok:
                peristiwa += len(k.peristiwa) if type(k) is ars.SiapImpor else 1 + len(k.langkah)
                penulis.tambah(k)
                if lapor and n % 20000 == 0:
                    print(f"\r{n}/{jumlah} keluhan", end="", file=sys.stderr, flush=True)
                n += 1
        masalah = penulis.akhiri()
        if masalah:
            raise SystemExit("; ".join(masalah))
        penulis.simpan()
    a.db.execute(f"PRAGMA journal_mode = {mode}")
    a.db.execute(f"PRAGMA synchronous = {int(sinkron)}")
    a.tutup()
    with open(sementara, "rb+") as f:
        os.fsync(f.fileno())
    os.link(sementara, jalur)  # never over a file made meanwhile (FileExistsError)
    os.unlink(sementara)
    t2, c2 = time.perf_counter(), time.process_time()
    if lapor:
        print(f"\r{n} keluhan, {peristiwa} peristiwa: {jalur}", file=sys.stderr)
    return {"keluhan": n, "peristiwa": peristiwa, "siapkan_s": t1 - t0, "tulis_s": t2 - t1,
            "cpu_s": c2 - c1, "proses": float(proses)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jumlah", type=int, required=True, help="berapa keluhan")
    ap.add_argument("--keluar", type=Path, required=True, help="berkas arsip baru")
    ap.add_argument("--benih", type=int, default=20261124)
    ap.add_argument("--sampai", type=date.fromisoformat, default=None, help="akhir rentang lima tahun (bawaan: hari ini)")
    ap.add_argument("--satu-proses", action="store_true",
                    help="buat keluhan sintetis di proses ini juga (bawaan: di proses kedua bila ada dua inti)")
    a = ap.parse_args()
    hasil = buat(a.keluar, a.jumlah, benih=a.benih, sampai=a.sampai, proses=False if a.satu_proses else None)
    print(f"{hasil['keluhan']} keluhan, {hasil['peristiwa']} peristiwa; "
          f"{hasil['keluhan'] / hasil['tulis_s']:.0f} keluhan/s ditulis ({hasil['tulis_s']:.1f} s; CPU proses penulis "
          f"{hasil['cpu_s']:.1f} s{', keluhan dibuat di proses kedua' if hasil['proses'] else ''})")


if __name__ == "__main__":
    main()
