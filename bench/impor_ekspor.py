"""Benchmark of ``keluhan impor`` and ``keluhan ekspor`` on a synthetic register.

    python bench/impor_ekspor.py [N]      # default 100000 complaints; writes under bench/out/

Makes a CSV of N complaints with full histories (most handled to the end, some still
open, some invalid, some returned once for rework through the riwayat column), then
times: the dry run, the real import into a fresh archive, and the export back to CSV.
Deterministic (fixed seed). Prints rows/s for each.
"""

from __future__ import annotations

import csv
import json
import os
import random
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

AKAR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(AKAR))

from keluhan.impor import KOLOM  # noqa: E402

PETUGAS = ["Rina Wulandari", "Dedi Kurniawan", "Budi Santoso", "Siti Aminah", "Agus Prasetyo", "Nur Aini"]
TIM = ["Laboratorium Pengujian", "Laboratorium Kalibrasi", "Lembaga Sertifikasi Produk", "Tim Inspeksi"]
MEDIA = ["kotak", "surat", "telepon", "fax", "email", "siptenan", "website"]


def _iso(t: datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%S+07:00")


def buat(berkas: Path, n: int) -> None:
    acak = random.Random(20261124)
    mulai = datetime(2023, 1, 2, 8, 0)
    rentang = (datetime(2026, 10, 30) - mulai).total_seconds()
    waktu = sorted(mulai + timedelta(seconds=acak.random() * rentang) for _ in range(n))
    with berkas.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(KOLOM)
        for i, dicatat in enumerate(waktu):
            b = dict.fromkeys(KOLOM, "")
            b.update(
                nama=f"Pelanggan {i}", instansi=f"PT Contoh {i % 997}", email=f"p{i}@contoh.co.id",
                media=MEDIA[i % 7], layanan="pengujian", uraian=f"Keluhan sintetis nomor {i}: hasil uji terlambat.",
                diajukan=_iso(dicatat - timedelta(minutes=10)), dicatat=_iso(dicatat), petugas=PETUGAS[0],
            )
            t = dicatat
            nasib = acak.random()
            if nasib < 0.05:
                pass  # still dicatat
            elif nasib < 0.12:
                t += timedelta(minutes=10)
                b.update(validasi="tidak_benar", validasi_waktu=_iso(t), validasi_petugas=PETUGAS[1],
                         alasan_tidak_valid="Bukan keluhan layanan jasa")
                t += timedelta(minutes=10)
                b.update(informasikan_waktu=_iso(t), informasikan_petugas=PETUGAS[0], media_informasi="email")
            elif nasib < 0.17:
                # Returned once for rework: only the riwayat column can say that.
                ev = []
                for aksi, menit, pet, rinc in (
                    ("validasi_benar", 10, 1, {"tim_teknis": TIM[i % 4]}),
                    ("tindak", 600, 2, {"koreksi": "Perbaikan", "pencegahan": "Pemantauan"}),
                    ("verifikasi_kembalikan", 10, 4, {"alasan": "Belum lengkap"}),
                    ("tindak", 300, 2, {"koreksi": "Perbaikan lengkap", "pencegahan": "Pemantauan"}),
                    ("verifikasi_terima", 10, 4, {}),
                    ("informasikan", 10, 0, {"media": "email"}),
                ):
                    t += timedelta(minutes=menit)
                    ev.append({"aksi": aksi, "waktu": _iso(t), "petugas": PETUGAS[pet], "rincian": rinc})
                b["riwayat"] = json.dumps(ev)
            else:
                t += timedelta(minutes=10)
                b.update(validasi="benar", validasi_waktu=_iso(t), validasi_petugas=PETUGAS[1], tim_teknis=TIM[i % 4])
                if nasib < 0.2:
                    pass
                else:
                    t += timedelta(minutes=acak.randint(60, 4000))
                    b.update(tindak_waktu=_iso(t), tindak_petugas=PETUGAS[2 + i % 2], koreksi="Tindakan koreksi",
                             pencegahan="Tindakan pencegahan", akar_masalah="Akar masalah")
                    if nasib < 0.23:
                        pass
                    else:
                        t += timedelta(minutes=10)
                        b.update(verifikasi_waktu=_iso(t), verifikasi_petugas=PETUGAS[4])
                        t += timedelta(minutes=10)
                        b.update(informasikan_waktu=_iso(t), informasikan_petugas=PETUGAS[0], media_informasi="email")
            w.writerow([b[k] for k in KOLOM])


def _jalan(*args: str) -> float:
    env = os.environ | {"PYTHONPATH": str(AKAR)}
    t0 = time.perf_counter()
    hasil = subprocess.run([sys.executable, "-m", "keluhan", *args], capture_output=True, text=True, env=env)
    dt = time.perf_counter() - t0
    if hasil.returncode != 0:
        sys.exit(f"gagal: {' '.join(args)}\n{hasil.stdout[-2000:]}\n{hasil.stderr[-2000:]}")
    return dt


def main(n: int) -> None:
    out = AKAR / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    berkas = out / f"register-{n}.csv"
    if not berkas.exists():
        buat(berkas, n)
    arsip = out / f"impor-{n}.db"
    for p in out.glob(f"impor-{n}.db*"):
        p.unlink()
    ukuran = berkas.stat().st_size / 1e6
    print(f"{n} keluhan, {ukuran:.1f} MB CSV")
    dt = _jalan("--arsip", str(arsip), "--petugas", "Bench", "impor", str(berkas))
    print(f"impor (uji coba)   {dt:6.1f} s  {n / dt:8.0f} keluhan/s")
    dt = _jalan("--arsip", str(arsip), "--petugas", "Bench", "impor", str(berkas), "--jalankan")
    print(f"impor --jalankan   {dt:6.1f} s  {n / dt:8.0f} keluhan/s")
    dt = _jalan("--arsip", str(arsip), "ekspor", "--keluar", str(out / f"ekspor-{n}.csv"))
    print(f"ekspor csv         {dt:6.1f} s  {n / dt:8.0f} keluhan/s")
    dt = _jalan("--arsip", str(arsip), "ekspor", "--format", "ndjson", "--keluar", str(out / f"ekspor-{n}.ndjson"))
    print(f"ekspor ndjson      {dt:6.1f} s  {n / dt:8.0f} keluhan/s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
