"""The recap's anchor (jangkar): printed on every recap, read back from it, checked against every chain."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from keluhan import jangkar as jk
from keluhan.galat import GalatMasukan
from keluhan.tenggat import hash_kalender
from keluhan.workflow import Status
from conftest import Jalankan, satu_baris_galat, ubah_db as _sql


def _rekap(jalankan: Jalankan, folder: Path) -> dict[str, Path]:
    """November 2026's recap in each format, written as the cron job writes it."""
    folder.mkdir(exist_ok=True)
    berkas = {}
    for fmt in ("md", "html", "json"):
        r = jalankan("rekap", "--bulan", "2026-11", "--format", fmt, "--keluar", f"{folder}/")
        assert r.exit_code == 0, r.stderr
        berkas[fmt] = folder / f"rekap-2026-11.{fmt}"
    return berkas


@pytest.fixture
def rekap_nov(arsip: Path, sampai: Callable[..., str], jalankan: Jalankan, tmp_path: Path) -> dict[str, Path]:
    sampai(Status.SELESAI)
    sampai(Status.TIDAK_VALID, mulai=datetime(2026, 11, 4, 8, 0))
    r = jalankan("libur", "tambah", "2026-11-27", "Libur daerah", "--alasan", "SK Bupati 12/2026")
    assert r.exit_code == 0, r.stderr
    return _rekap(jalankan, tmp_path / "rekap")


def test_jangkar_json_menurut_spec(rekap_nov: dict[str, Path], arsip: Path) -> None:
    """The recap's jangkar: riwayat's tip, every other chain's tip, and ringkas = sha256 of 'TABEL:URUTAN:HASH\\n' lines."""
    j = json.loads(rekap_nov["json"].read_text(encoding="utf-8"))["jangkar"]
    db = sqlite3.connect(arsip)
    from keluhan import rantai

    ujung = {r.tabel: rantai.ujung(db, r) for r in rantai.SEMUA}  # an empty ledger: 0 and 64 zeros
    assert list(ujung) == list(jk.nama_buku())
    db.close()
    assert (j["urutan"], j["hash"]) == ujung["riwayat"]
    assert j["rantai"] == {t: {"urutan": n, "hash": h} for t, (n, h) in ujung.items() if t != "riwayat"}
    baris = "".join(f"{t}:{n}:{h}\n" for t, (n, h) in ujung.items())  # the recipe docs/jaminan.md prints
    assert j["ringkas"] == hashlib.sha256(baris.encode()).hexdigest()
    assert j["teks"] == " ".join(f"{t}:{n}:{h}" for t, (n, h) in ujung.items()) + f" ringkas:{j['ringkas']}"


def test_periksa_jangkar_menerima_rekap_dan_barisnya(rekap_nov: dict[str, Path], jalankan: Jalankan,
                                                     catat: Callable[..., str]) -> None:
    """periksa --jangkar takes the recap file itself (md, html, json) or its anchor line, also after later events."""
    teks = json.loads(rekap_nov["json"].read_text(encoding="utf-8"))["jangkar"]["teks"]
    catat(nama="CV Sesudah", waktu="2026-11-30 09:00")
    for jangkar in (*rekap_nov.values(), teks):
        r = jalankan("periksa", "--jangkar", str(jangkar))
        assert r.exit_code == 0 and r.stdout.startswith("Arsip sehat"), (jangkar, r.stdout)


def test_periksa_jangkar_menangkap_kalender_ditulis_ulang(rekap_nov: dict[str, Path], arsip: Path,
                                                          jalankan: Jalankan) -> None:
    """A calendar log entry rewritten with a consistent hash (and the holiday row to match) passes every check inside
    the file; periksa --jangkar with the signed recap names the chain that was rewritten."""
    db = sqlite3.connect(arsip)
    u, aksi, tanggal, petugas, pada, rincian, hs = db.execute(
        "SELECT urutan, aksi, tanggal, petugas, dicatat_pada, rincian, hash_sebelum FROM kalender_riwayat"
        " ORDER BY urutan DESC LIMIT 1").fetchone()
    db.close()
    assert aksi == "tambah_libur"
    r = json.loads(rincian)
    r["alasan"] = "SK Bupati 99/2026"  # the forger changes what the decree said
    baru = json.dumps(r, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    pemicu = ("kalender_riwayat_tolak_ubah", "libur_tolak_ubah")
    db = sqlite3.connect(arsip, isolation_level=None)
    skema = [db.execute("SELECT sql FROM sqlite_master WHERE name = ?", (n,)).fetchone()[0] for n in pemicu]
    db.close()
    _sql(arsip, *[f"DROP TRIGGER {n}" for n in pemicu],
         f"UPDATE kalender_riwayat SET rincian = '{baru}', hash = '{hash_kalender(hs, aksi, tanggal, petugas, pada, baru)}'"
         f" WHERE urutan = {u}",
         f"UPDATE libur SET alasan_tambah = 'SK Bupati 99/2026' WHERE tanggal = '{tanggal}' AND dihapus IS NULL",
         *skema)
    r = jalankan("periksa")
    assert r.exit_code == 0, r.stdout  # nothing inside the file betrays it
    for jangkar in rekap_nov.values():
        r = jalankan("periksa", "--jangkar", str(jangkar))
        assert r.exit_code == 1, r.stdout
        assert (f"- Jangkar: hash entri #{u} kalender_riwayat tidak sama dengan yang dicatat pada audit sebelumnya; "
                "kalender_riwayat ditulis ulang.") in r.stdout
    # ... and the signed recap cannot be "reproduced" from the rewritten archive.
    r = jalankan("rekap", "--bulan", "2026-11", "--jangkar", str(rekap_nov["json"]))
    assert "kalender_riwayat ditulis ulang" in satu_baris_galat(r, 1)


def test_periksa_jangkar_menangkap_riwayat_dipotong(rekap_nov: dict[str, Path], arsip: Path, jalankan: Jalankan) -> None:
    """History cut back to before the signed recap's tip (the counter reset to match) is named with the recap file."""
    j = json.loads(rekap_nov["json"].read_text(encoding="utf-8"))["jangkar"]
    db = sqlite3.connect(arsip, isolation_level=None)
    skema = db.execute("SELECT sql FROM sqlite_master WHERE name = 'riwayat_tolak_hapus'").fetchone()[0]
    db.close()
    _sql(arsip, "DROP TRIGGER riwayat_tolak_hapus", f"DELETE FROM riwayat WHERE urutan = {j['urutan']}",
         f"UPDATE sqlite_sequence SET seq = {j['urutan'] - 1} WHERE name = 'riwayat'", skema)
    r = jalankan("periksa", "--jangkar", str(rekap_nov["md"]))
    assert r.exit_code == 1
    assert f"- Jangkar: peristiwa #{j['urutan']} yang dicatat pada audit sebelumnya tidak ada lagi." in r.stdout


def test_baca_jangkar(tmp_path: Path) -> None:
    """--jangkar reads the anchor line anywhere in a text (Markdown escapes included), a recap's JSON, the old
    URUTAN:HASH; a mistyped digest, an unknown ledger or a file with no anchor is refused."""
    a, b = "a" * 64, "b" * 64
    j = jk.Jangkar((("riwayat", 12, a), ("kalender_riwayat", 3, b)))
    assert jk.baca(j.teks()) == j
    assert jk.baca(f"Jangkar: riwayat:12:{a} kalender\\_riwayat:3:{b} ringkas:{j.ringkas}\n") == j
    assert jk.baca(json.dumps({"periode": {}, "jangkar": j.json()})) == j
    assert jk.baca(json.dumps(j.json())) == j
    assert jk.baca(f"12:{a.upper()}") == jk.Jangkar((("riwayat", 12, a),))
    berkas = tmp_path / "rekap.html"
    berkas.write_text(f"<p><code class=\"jangkar\">{j.teks()}</code></p>", encoding="utf-8")
    assert jk.baca(str(berkas)) == j
    kosong = tmp_path / "kosong.md"
    kosong.write_text("# Rekap\n", encoding="utf-8")
    for salah, pesan in ((j.teks()[:-1] + ("1" if j.teks()[-1] == "0" else "0"), "Ringkas jangkar tidak cocok"),
                         (f"riwayat:12:{a} buku_lain:1:{b}", "buku 'buku_lain' yang tidak dikenal"),
                         (f"kalender_riwayat:3:{b}", "tidak memuat ujung riwayat"),
                         (f"riwayat:12:{a} riwayat:13:{b}", "dua ujung berbeda"),
                         (str(kosong), "tidak memuat jangkar"), ("12:abc", "--jangkar harus berbentuk URUTAN:HASH"),
                         (str(tmp_path / "rekap-2026-10.md"), "Berkas jangkar .*rekap-2026-10.md tidak ada"),
                         ("rekap-2026-10.html", "Berkas jangkar rekap-2026-10.html tidak ada"),
                         (str(tmp_path), "Berkas jangkar .* tidak ada atau bukan berkas biasa")):
        with pytest.raises(GalatMasukan, match=pesan):
            jk.baca(salah)


def test_resep_ringkas_di_dokumen(rekap_nov: dict[str, Path]) -> None:
    """The shell recipe for ringkas in docs/jaminan.md, filled with the recap's tips, prints the recap's ringkas."""
    import subprocess

    dok = Path(__file__).resolve().parents[1] / "docs" / "jaminan.md"
    resep = [b for b in dok.read_text(encoding="utf-8").splitlines() if b.startswith("printf 'riwayat:")]
    assert len(resep) == 1, resep
    j = json.loads(rekap_nov["json"].read_text(encoding="utf-8"))["jangkar"]
    kal, setelan, ptg = (j["rantai"][t] for t in ("kalender_riwayat", "pengaturan_riwayat", "petugas_riwayat"))
    assert list(j["rantai"]) == ["kalender_riwayat", "pengaturan_riwayat", "petugas_riwayat"]  # every chain is in the recipe
    perintah = (resep[0].replace("'riwayat:52:", f"'riwayat:{j['urutan']}:")
                .replace("kalender_riwayat:11:", f"kalender_riwayat:{kal['urutan']}:")
                .replace("pengaturan_riwayat:9:", f"pengaturan_riwayat:{setelan['urutan']}:")
                .replace("petugas_riwayat:4:", f"petugas_riwayat:{ptg['urutan']}:")
                .replace("HASH_RIWAYAT", j["hash"]).replace("HASH_KALENDER", kal["hash"])
                .replace("HASH_PENGATURAN", setelan["hash"]).replace("HASH_PETUGAS", ptg["hash"]))
    r = subprocess.run(["sh", "-c", perintah], capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"})
    assert r.returncode == 0 and r.stdout.split()[0] == j["ringkas"], (perintah, r.stdout, r.stderr)
