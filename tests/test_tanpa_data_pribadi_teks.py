"""The outputs without personal data (ekspor --tanpa-data-pribadi, the auditor's views and
Datasette) also hide the customer's name, address, e-mail and phone where free text repeats
them: an e-mail complaint's body ends with the sender's signature (catat --dari-eml), a
clerk's note names the caller. The attached files' bytes are not in them either."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from keluhan import datasette_auditor as da

DATA = Path(__file__).resolve().parent / "data"
PRIBADI = ("Hendra Wijaya", "hendra.wijaya@ptmaju.co.id", "0812-7777-8888", "Jl. Mawar 5, Bogor")


def _catat_surel(jalankan) -> str:
    """The Thunderbird e-mail (signed "Hendra Wijaya – PT Maju Bersama"), a phone and address given, a note naming him."""
    r = jalankan("catat", "--dari-eml", str(DATA / "eml" / "thunderbird-qp.eml"), "--layanan", "pengujian",
                 "--telepon", PRIBADI[2], "--alamat", PRIBADI[3], "--waktu", "30/11/2026 14.20", petugas="Rina")
    assert r.exit_code == 0, r.stderr
    nomor = r.stdout.strip()
    r = jalankan("validasi", nomor, "--benar", "--teruskan-ke", "Laboratorium Pengujian", "--catatan",
                 "Ditelepon balik: hendra wijaya (0812-7777-8888) membenarkan", "--waktu", "30/11/2026 14.35",
                 petugas="Dedi")
    assert r.exit_code == 0, r.stderr
    return nomor


def test_view_auditor_menyamarkan_data_pribadi_di_teks(jalankan, tmp_path: Path) -> None:
    """v_keluhan_tanpa_data_pribadi and v_riwayat_tanpa_data_pribadi show '(data pribadi)' where uraian, notes and rincian name the customer."""
    _catat_surel(jalankan)
    with sqlite3.connect(tmp_path / "archive.db") as db:
        uraian, = db.execute("SELECT uraian FROM keluhan").fetchone()
        assert "Hendra Wijaya" in uraian  # the archive keeps the message as it came
        keluhan = db.execute("SELECT * FROM v_keluhan_tanpa_data_pribadi").fetchall()
        riwayat = db.execute("SELECT * FROM v_riwayat_tanpa_data_pribadi").fetchall()
        teks = json.dumps([keluhan, riwayat], ensure_ascii=False)
        baris_uraian, = db.execute("SELECT uraian FROM v_keluhan_tanpa_data_pribadi").fetchone()
        for rincian, in db.execute("SELECT rincian FROM v_riwayat_tanpa_data_pribadi"):
            json.loads(rincian)  # still JSON after masking
    db.close()
    for v in PRIBADI:
        assert v not in teks, v
    assert "(data pribadi) – PT Maju Bersama" in baris_uraian and "Nilai kadar air" in baris_uraian


def test_ekspor_tanpa_data_pribadi_menyamarkan_teks_dan_tanpa_isi_lampiran(jalankan, tmp_path: Path) -> None:
    """ekspor --tanpa-data-pribadi (json, ndjson, csv) masks the customer's values in free text case-insensitively, drops the attached bytes."""
    _catat_surel(jalankan)
    for fmt in ("json", "ndjson", "csv"):
        r = jalankan("ekspor", "--format", fmt, "--tanpa-data-pribadi")
        assert r.exit_code == 0, r.stderr
        for v in (*PRIBADI, "hendra wijaya", "PTMAJU"):
            assert v.casefold() not in r.stdout.casefold(), (fmt, v)
        assert "(data pribadi) – PT Maju Bersama" in r.stdout and "isi_base64" not in r.stdout
    r = jalankan("ekspor", "--format", "json")  # without the option: everything, the e-mail's bytes too
    assert r.exit_code == 0 and "Hendra Wijaya" in r.stdout and "isi_base64" in r.stdout


def test_berkas_lampiran_hanya_untuk_root() -> None:
    """The attached files' bytes (berkas_lampiran) are root-only in the auditor's Datasette; the list of attachments stays."""
    assert da.tampilan({"nama": "berkas_lampiran", "kolom": [{"nama": "sha256"}, {"nama": "isi"}]}) == "pribadi"
    assert da.tampilan({"nama": "v_lampiran", "kolom": [{"nama": "nomor"}, {"nama": "sha256"}]}) == "tampil"
