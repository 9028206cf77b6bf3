"""Settings: ``keluhan.toml`` beside the archive, or ``--konfigurasi PATH``.

Every setting has a working default, so a fresh archive needs no file. ``muat()``
merges the file over ``BAWAAN`` and checks each key it knows; an unknown or invalid
key is a ``GalatPengaturan`` that names it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from keluhan.galat import GalatPengaturan, sebab_baca

NAMA_BERKAS = "keluhan.toml"

BAWAAN: dict[str, Any] = {
    "unit": {
        "nama": "Balai Besar Standardisasi dan Pelayanan Jasa Industri Kimia, Farmasi dan Kemasan",
        "singkatan": "BBSPJIKFK",
        "tim": "Tim Pelayanan Jasa Teknis dan Kemitraan (PJTK)",
        "kota": "Jakarta",
        "kop": [
            "KEMENTERIAN PERINDUSTRIAN REPUBLIK INDONESIA",
            "BADAN STANDARDISASI DAN KEBIJAKAN JASA INDUSTRI",
            "BALAI BESAR STANDARDISASI DAN PELAYANAN JASA INDUSTRI KIMIA, FARMASI DAN KEMASAN",
        ],
        # The rest of the letterhead, on every form; "" = not printed. The logo is a PNG or
        # SVG file (relative to this file's folder), embedded in the form as a data: URI.
        "logo": "",
        "alamat": "",
        "telepon": "",
        "email": "",
        "situs": "",
    },
    "nomor": {"format": "{urut:03d}/KP/BBSPJIKFK/{bulan_romawi}/{tahun}"},
    "waktu": {"zona": "Asia/Jakarta"},
    # Office hours per weekday, "HH:MM-HH:MM"; "" = not a working day. They seed a new
    # archive's jam_kerja table; after that the archive's table is the truth (docs/tenggat.md).
    "jam_kerja": {
        "senin": "07:30-16:00",
        "selasa": "07:30-16:00",
        "rabu": "07:30-16:00",
        "kamis": "07:30-16:00",
        "jumat": "07:30-16:30",
        "sabtu": "",
        "minggu": "",
    },
    # The SOP's time standards ("N menit", "N jam", "N hari" = working time).
    "mutu_baku": {
        "langkah_2": "15 menit",
        "langkah_3": "15 menit",
        "langkah_4": "3 hari",
        "langkah_5": "15 menit",
        "langkah_6": "15 menit",
    },
    # Appeal window after step 6: "15 hari" (working days) or "15 hari kalender".
    # ... and the time standard of the decision on an appeal (keluhan putusan), counted from
    # the appeal. The Balai's own "SOP Penanganan Banding Pelanggan" decides it; until it is
    # set here, 10 working days stand in for it.
    "banding": {"batas": "15 hari", "putusan": "10 hari"},
    # The CAPA's effectiveness review falls due this many working days after verification.
    "efektivitas": {"setelah": 20},
    # A pause of the clock (keluhan tunda) longer than this many working days is itself listed as overdue.
    "tunda": {"batas": 10},
    # Coded root causes (tindak --kode-akar): the 6M, and lainnya.
    "akar_masalah": {"kode": ["manusia", "metode", "peralatan", "bahan", "pengukuran", "lingkungan", "lainnya"]},
    # Complaint categories (catat --kategori); [] = free text.
    "kategori": {"daftar": []},
    "tim_teknis": {
        "nama": [
            "Laboratorium Pengujian",
            "Laboratorium Kalibrasi",
            "Lembaga Sertifikasi Produk",
            "Tim Inspeksi",
            "Tim Pelayanan Jasa Teknis dan Kemitraan",
        ]
    },
    # Officials for signature blocks: name and NIP.
    "pejabat": {
        "petugas_pjtk": {"jabatan": "Petugas PJTK", "nama": "", "nip": ""},
        "koordinator_pjtk": {"jabatan": "Koordinator Tim PJTK", "nama": "", "nip": ""},
        "manajer_mutu": {"jabatan": "Manajer Mutu", "nama": "", "nip": ""},
        "kepala_balai": {"jabatan": "Kepala Balai Besar", "nama": "", "nip": ""},
    },
    "formulir": {
        "fpkp_kode": "F.5.1.11.1",
        "ftkp_kode": "F.5.1.11.2",
        "rekap_kode": "F.5.1.11.3",
        "revisi": "0",
    },
    "petugas": {"bawaan": ""},
    # The officer role each step requires once the register has officers ("" = any active officer).
    "peran": {f"langkah_{n}": "" for n in range(2, 7)},
    # Evidence files stored in the archive (keluhan lampirkan): the largest accepted, in MB.
    "lampiran": {"batas_mb": 20},
    # Recurrence (validasi, lihat, the recap's berulang): how far back, in calendar days, an
    # earlier complaint of the same customer counts (keluhan/berulang.py).
    "berulang": {"hari": 180},
}



def _salin(nilai: Any) -> Any:
    """A deep copy of settings (dicts, lists, text and numbers): what ``copy.deepcopy`` gives
    for them, without importing ``copy`` on every command's start-up."""
    if isinstance(nilai, dict):
        return {k: _salin(v) for k, v in nilai.items()}
    if isinstance(nilai, list):
        return [_salin(v) for v in nilai]
    return nilai


def _gabung(dasar: dict[str, Any], atas: dict[str, Any], jalur: str = "") -> dict[str, Any]:
    hasil = _salin(dasar)
    for kunci, nilai in atas.items():
        nama = f"{jalur}{kunci}"
        if kunci not in dasar and jalur.split(".")[0] != "pejabat":
            raise GalatPengaturan(f"Pengaturan tidak dikenal: '{nama}'.")
        if isinstance(dasar.get(kunci), dict):
            if not isinstance(nilai, dict):
                raise GalatPengaturan(f"Pengaturan '{nama}' harus berupa tabel [{nama}].")
            hasil[kunci] = _gabung(dasar[kunci], nilai, f"{nama}.")
        elif kunci in dasar and type(nilai) is not type(dasar[kunci]):
            jenis = {str: "teks", list: "daftar", int: "bilangan", dict: "tabel"}.get(
                type(dasar[kunci]), type(dasar[kunci]).__name__
            )
            raise GalatPengaturan(f"Pengaturan '{nama}' harus berupa {jenis}.")
        else:
            hasil[kunci] = nilai
    return hasil


def periksa(p: dict[str, Any]) -> None:
    """Check values whose form matters; raise GalatPengaturan naming the key.

    The parsers are the calendar's own, so a value accepted here is one it can use.
    """
    from keluhan import kalender
    from keluhan.galat import GalatMasukan

    _periksa_bentuk(p)
    kalender.jam_kerja_dari_pengaturan(p["jam_kerja"])
    for kunci, nilai in p["mutu_baku"].items():
        try:
            kalender.MutuBaku.parse(nilai)
        except GalatMasukan:
            raise GalatPengaturan(
                f"Pengaturan 'mutu_baku.{kunci}' tidak sah: '{nilai}' (contoh: \"15 menit\", \"3 hari\")."
            ) from None
    from keluhan import buku

    for kunci in ("efektivitas.setelah", "tunda.batas", "akar_masalah.kode", "kategori.daftar", "banding.putusan",
                  "berulang.hari",
                  *(f"peran.langkah_{n}" for n in range(2, 7))):
        try:
            buku.dari_pengaturan(p, kunci)
        except GalatMasukan as e:
            raise GalatPengaturan(f"Pengaturan '{kunci}' di keluhan.toml tidak sah: {e.pesan}") from None
    if not kalender.aturan_banding_sah(p["banding"]["batas"]):
        raise GalatPengaturan(
            f"Pengaturan 'banding.batas' tidak sah: '{p['banding']['batas']}' (contoh: \"15 hari\" atau \"15 hari kalender\")."
        )
    if not 1 <= p["lampiran"]["batas_mb"] <= 1024:
        raise GalatPengaturan(f"Pengaturan 'lampiran.batas_mb' tidak sah: {p['lampiran']['batas_mb']} (1 sampai 1024 MB).")
    fmt = p["nomor"]["format"]
    _periksa_lebar_nomor(fmt)
    try:
        fmt.format(urut=1, bulan=1, bulan_romawi="I", tahun=2026, unit=p["unit"]["singkatan"])
    except KeyError as e:
        raise GalatPengaturan(
            f"Pengaturan 'nomor.format' tidak sah: '{fmt}' (isian {{{e.args[0]}}} tidak dikenal; "
            "yang dikenal: {urut}, {bulan}, {bulan_romawi}, {tahun}, {unit})."
        ) from None
    except (ValueError, IndexError) as e:
        raise GalatPengaturan(f"Pengaturan 'nomor.format' tidak sah: '{fmt}' ({e}).") from None
    if "{urut" not in fmt:
        raise GalatPengaturan("Pengaturan 'nomor.format' harus memuat {urut}.")
    if "{tahun" not in fmt:
        # The sequence restarts each year: without the year, numbers would repeat.
        raise GalatPengaturan("Pengaturan 'nomor.format' harus memuat {tahun} (nomor urut dimulai ulang setiap tahun).")
    try:
        from zoneinfo import ZoneInfo

        ZoneInfo(p["waktu"]["zona"])
    except Exception:
        raise GalatPengaturan(f"Pengaturan 'waktu.zona' tidak dikenal: '{p['waktu']['zona']}'.") from None


def _periksa_bentuk(p: dict[str, Any]) -> None:
    """Lists hold text, and each official is a table of text (the merge checks only types)."""
    for nama, daftar in (("unit.kop", p["unit"]["kop"]), ("tim_teknis.nama", p["tim_teknis"]["nama"])):
        if not all(isinstance(x, str) and x.strip() for x in daftar):
            raise GalatPengaturan(f"Pengaturan '{nama}' harus berupa daftar teks yang tidak kosong.")
    if not p["tim_teknis"]["nama"]:
        raise GalatPengaturan("Pengaturan 'tim_teknis.nama' harus memuat paling sedikit satu Tim Teknis.")
    for kunci, pejabat in p["pejabat"].items():
        if not isinstance(pejabat, dict):
            raise GalatPengaturan(f"Pengaturan 'pejabat.{kunci}' harus berupa tabel [pejabat.{kunci}] (jabatan, nama, nip).")
        for sub, nilai in pejabat.items():
            if sub not in ("jabatan", "nama", "nip"):
                raise GalatPengaturan(f"Pengaturan tidak dikenal: 'pejabat.{kunci}.{sub}' (isian: jabatan, nama, nip).")
            if not isinstance(nilai, str):
                raise GalatPengaturan(f"Pengaturan 'pejabat.{kunci}.{sub}' harus berupa teks.")


def muat(berkas: Path | None) -> dict[str, Any]:
    """Settings from ``berkas`` merged over the defaults (defaults alone when None/absent)."""
    if berkas is None or not berkas.exists():
        return _salin(BAWAAN)
    isi = _baca_toml(berkas)
    hasil = _gabung(BAWAAN, isi)
    periksa(hasil)
    logo = hasil["unit"]["logo"].strip()
    if logo and not Path(logo).is_absolute():  # the logo is named from the settings file's folder
        hasil["unit"]["logo"] = str(berkas.parent.resolve() / logo)
    # Which settings the file itself sets (not its defaults): only those can disagree
    # with the archive's ledger (keluhan/buku.py), and a command warns when they do.
    hasil = Pengaturan(hasil)
    hasil.kunci_berkas = frozenset(f"{b}.{k}" for b, isi_b in isi.items() if isinstance(isi_b, dict) for k in isi_b)
    return hasil


# keluhan.toml as tomllib read it, kept in the user's cache folder (issue 17: importing
# tomllib and parsing the file is ~5 ms of every command, a tenth of a daily one). An entry
# is the file's identity and its change stamps to the nanosecond (device, inode, size,
# mtime, ctime) with what tomllib returned, as JSON; any change to the file changes its
# ctime, which no program can set back. A file changed less than _TENANG_NS before it was
# read is not kept (a timestamp's tick is coarse: a second edit in the same tick, of the
# same size, would keep the stamps; git calls this "racy"). Everything checked after the
# parse is checked as before, on every run.
_TENANG_NS = 2_000_000_000


def _folder_cache() -> str | None:
    import os

    if os.name == "nt":
        dasar = os.environ.get("LOCALAPPDATA")
    else:
        dasar = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(dasar, "keluhan", "pengaturan") if dasar else None


def _baca_toml(berkas: Path) -> dict[str, Any]:
    """The parsed keluhan.toml: from the cache when it holds this very file, else by tomllib (and kept)."""
    import json
    import os

    try:
        st = os.stat(berkas)
    except OSError as e:
        raise GalatPengaturan(f"Berkas pengaturan {berkas} tidak dapat dibuka: {sebab_baca(e)}.") from None
    cap = [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]
    folder = _folder_cache()
    simpan = os.path.join(folder, f"{st.st_dev}-{st.st_ino}.json") if folder else None
    if simpan:
        try:
            with open(simpan, encoding="utf-8") as f:
                tersimpan = json.load(f)
            if tersimpan["cap"] == cap and isinstance(tersimpan["isi"], dict):
                return tersimpan["isi"]  # type: ignore[no-any-return]
        except (OSError, ValueError, KeyError, TypeError):
            pass
    import tomllib

    try:
        with berkas.open("rb") as f:
            isi = tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        raise GalatPengaturan(f"Berkas pengaturan {berkas} tidak dapat dibaca: {e}.") from None
    except OSError as e:
        raise GalatPengaturan(f"Berkas pengaturan {berkas} tidak dapat dibuka: {sebab_baca(e)}.") from None
    if simpan and _kekal(st, isi):
        _simpan_cache(simpan, {"cap": cap, "isi": isi})
    return isi


def _kekal(st: Any, isi: dict[str, Any]) -> bool:
    """Whether the file's stamps settled before it was read, and JSON gives back exactly what tomllib gave."""
    import json
    import time

    if time.time_ns() - max(st.st_mtime_ns, st.st_ctime_ns) < _TENANG_NS:
        return False
    try:
        return bool(json.loads(json.dumps(isi)) == isi) and _hanya_json(isi)
    except (TypeError, ValueError):  # a date or time in the file: kept out of the cache
        return False


def _hanya_json(v: Any) -> bool:
    """Only what JSON writes back as the same type (no tuple, no date: == alone would miss 1 == 1.0 and True == 1)."""
    if isinstance(v, dict):
        return all(isinstance(k, str) and _hanya_json(x) for k, x in v.items())
    if isinstance(v, list):
        return all(_hanya_json(x) for x in v)
    return v is None or type(v) in (str, int, float, bool)


def _simpan_cache(jalur: str, data: dict[str, Any]) -> None:
    """Write the entry beside its final name, then rename (a reader sees the old entry or the new, whole); any failure: not kept."""
    import json
    import os

    sementara = f"{jalur}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(jalur), mode=0o700, exist_ok=True)
        fd = os.open(sementara, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # the settings may name officers
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False)
        os.replace(sementara, jalur)
    except OSError:
        try:
            os.unlink(sementara)
        except OSError:
            pass


class Pengaturan(dict[str, Any]):
    """Settings as ``muat`` returns them: a plain dict (equal to one with the same
    content) that also knows which dotted keys the file itself set."""

    kunci_berkas: frozenset[str] = frozenset()


def kunci_berkas(p: dict[str, Any]) -> frozenset[str]:
    """The dotted keys keluhan.toml itself set in ``p`` (empty for the defaults alone)."""
    return getattr(p, "kunci_berkas", frozenset())


def _periksa_lebar_nomor(fmt: str) -> None:
    """A field width in ``nomor.format`` is a number from a file: ``{urut:0999999999d}``
    would build a gigabyte string for every number (issue 10). Widths up to 20 only."""
    import re
    import string

    try:
        bagian = list(string.Formatter().parse(fmt))
    except ValueError as e:
        raise GalatPengaturan(f"Pengaturan 'nomor.format' tidak sah: '{fmt}' ({e}).") from None
    for _teks, _nama, spek, _konversi in bagian:
        if spek and ("{" in spek or any(len(d) > 2 or int(d) > 20 for d in re.findall(r"\d+", spek))):
            raise GalatPengaturan(f"Pengaturan 'nomor.format' tidak sah: '{fmt}' (lebar isian paling besar 20).")
