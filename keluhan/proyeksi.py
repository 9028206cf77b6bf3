"""What each event does to a complaint's current row: the archive's state is the fold of
its events.

``terapkan(keluhan, tindakan, peristiwa)`` is pure. The archive calls it when it writes
an event, and ``periksa`` replays every complaint's events through it to prove the
``keluhan`` and ``tindakan`` rows were not edited behind the history's back.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from keluhan.workflow import Aksi, mengakhiri_tunda, mengubah_status

# Form fields recorded by ``catat``, under their option names.
ISIAN_CATAT = (
    "nama", "instansi", "alamat", "telepon", "email", "media", "layanan", "referensi",
    "uraian", "harapan", "kategori", "diajukan",
)
# Every column of ``keluhan``, in schema order (tests/test_arsip.py checks the match).
KOLOM_KELUHAN = (
    "id", "nomor", "tahun", "urut", "status", *ISIAN_CATAT[:-1], "diajukan", "dicatat",
    "petugas_pencatat", "validasi", "tim_teknis", "alasan_tidak_valid", "catatan_validasi",
    "divalidasi", "petugas_validasi", "diverifikasi", "petugas_verifikasi",
    "catatan_verifikasi", "diinformasikan", "petugas_informasi", "media_informasi",
    "catatan_informasi", "dibanding", "banding_alasan", "waktu_status", "diperbarui",
    "diputus", "putusan", "putusan_alasan", "petugas_putusan",
    # m013: the customer's latest satisfaction answer (kepuasan).
    "kepuasan_nilai", "kepuasan_menerima", "kepuasan_catatan", "dinilai", "petugas_kepuasan",
    "dibatalkan", "petugas_batal", "alasan_batal",  # m014
    "ditunda", "alasan_tunda", "petugas_tunda",  # the running pause (tunda), empty when the clock runs
)
ISIAN_TINDAKAN = ("akar_masalah", "koreksi", "korektif", "pencegahan", "penanggung_jawab", "target")
# m018: the coded root cause (tindak --kode-akar, from the list akar_masalah.kode).
KODE_AKAR = "kode_akar"
KOLOM_TINDAKAN = (
    "keluhan_id", "putaran", "riwayat_urutan", *ISIAN_TINDAKAN, "petugas", "waktu",
    "verifikasi", "verifikasi_alasan", "verifikasi_catatan", "diverifikasi_oleh",
    "diverifikasi_pada",
    # m013: the round's latest effectiveness review (efektivitas).
    "efektivitas", "efektivitas_tindak_lanjut", "efektivitas_catatan", "efektivitas_oleh", "efektivitas_pada",
    KODE_AKAR,  # m018
)
# Fields a ``koreksi`` may change: what the customer or a clerk wrote, never the
# status, the number or a step's time (those are history, not typos).
KOLOM_KOREKSI = (
    "nama", "instansi", "alamat", "telepon", "email", "media", "layanan", "referensi",
    "uraian", "harapan", "kategori", "tim_teknis", "alasan_tidak_valid", "catatan_validasi",
    "catatan_verifikasi", "media_informasi", "catatan_informasi", "banding_alasan",
    "kepuasan_nilai", "kepuasan_menerima", "kepuasan_catatan",
)
# A step's time: ``koreksi --kolom waktu --peristiwa URUTAN``. It changes no field here: the
# time that counts is v_waktu_efektif's (migration m014), and whoever folds a complaint's
# events (the archive after a correction, ``periksa``, the recap) folds them with those times.
KOLOM_WAKTU = "waktu"
# A CAPA round's fields: ``koreksi --kolom KOLOM --putaran N`` (default the latest round).
KOLOM_KOREKSI_TINDAKAN = (*ISIAN_TINDAKAN, KODE_AKAR)
# Every column ``koreksi`` accepts: the fields above, the customer's submission time
# (``diajukan``: step 2's clock starts there), a step's time, a CAPA round's fields.
SEMUA_KOLOM_KOREKSI = (*KOLOM_KOREKSI, "diajukan", KOLOM_WAKTU, *KOLOM_KOREKSI_TINDAKAN)

Baris = dict[str, Any]
Efek = Callable[[Baris, list[Baris], Baris], None]


def _catat(k: Baris, t: list[Baris], p: Baris) -> None:
    r = p["rincian"]
    k.update({kol: None for kol in KOLOM_KELUHAN})
    k.update({kol: r.get(kol) for kol in ISIAN_CATAT})
    k.update(
        id=p["keluhan_id"], nomor=r["nomor"], tahun=r["tahun"], urut=r["urut"],
        dicatat=p["waktu"], petugas_pencatat=p["petugas"],
    )


def _validasi(hasil: str) -> Efek:
    def efek(k: Baris, t: list[Baris], p: Baris) -> None:
        r = p["rincian"]
        k.update(
            validasi=hasil, tim_teknis=r.get("tim_teknis"), alasan_tidak_valid=r.get("alasan"),
            catatan_validasi=r.get("catatan"), divalidasi=p["waktu"], petugas_validasi=p["petugas"],
        )

    return efek


def _tindak(k: Baris, t: list[Baris], p: Baris) -> None:
    r = p["rincian"]
    baris: Baris = {kol: None for kol in KOLOM_TINDAKAN}
    baris.update({kol: r.get(kol) for kol in (*ISIAN_TINDAKAN, KODE_AKAR)})
    baris.update(
        keluhan_id=p["keluhan_id"], putaran=len(t) + 1, riwayat_urutan=p["urutan"],
        petugas=p["petugas"], waktu=p["waktu"],
    )
    t.append(baris)


def _verifikasi(hasil: str) -> Efek:
    def efek(k: Baris, t: list[Baris], p: Baris) -> None:
        r = p["rincian"]
        t[-1].update(
            verifikasi=hasil, verifikasi_alasan=r.get("alasan"), verifikasi_catatan=r.get("catatan"),
            diverifikasi_oleh=p["petugas"], diverifikasi_pada=p["waktu"],
        )
        if hasil == "terima":
            k.update(diverifikasi=p["waktu"], petugas_verifikasi=p["petugas"], catatan_verifikasi=r.get("catatan"))

    return efek


def _informasikan(k: Baris, t: list[Baris], p: Baris) -> None:
    r = p["rincian"]
    k.update(
        diinformasikan=p["waktu"], petugas_informasi=p["petugas"],
        media_informasi=r.get("media"), catatan_informasi=r.get("catatan"),
    )


def _banding(k: Baris, t: list[Baris], p: Baris) -> None:
    k.update(dibanding=p["waktu"], banding_alasan=p["rincian"].get("alasan"))


def _efektivitas(k: Baris, t: list[Baris], p: Baris) -> None:
    r = p["rincian"]
    baris = next(b for b in t if b["putaran"] == r["putaran"])
    baris.update(
        efektivitas=r["hasil"], efektivitas_tindak_lanjut=r.get("tindak_lanjut"), efektivitas_catatan=r.get("catatan"),
        efektivitas_oleh=p["petugas"], efektivitas_pada=p["waktu"],
    )


def _kepuasan(k: Baris, t: list[Baris], p: Baris) -> None:
    r = p["rincian"]
    k.update(
        kepuasan_nilai=r["nilai"], kepuasan_menerima=None if r.get("menerima") is None else int(r["menerima"]),
        kepuasan_catatan=r.get("catatan"), dinilai=p["waktu"], petugas_kepuasan=p["petugas"],
    )


def _putusan(hasil: str) -> Efek:
    """The appeal decided. Accepted: the complaint is valid from now on (``per_hasil``), its
    Tim Teknis the one named or its own, and it waits for a new CAPA round (numbered on by
    ``tindak``; earlier rounds stay). Either way the decision's columns say who, when, why."""
    def efek(k: Baris, t: list[Baris], p: Baris) -> None:
        r = p["rincian"]
        k.update(diputus=p["waktu"], putusan=hasil, putusan_alasan=r.get("alasan"), petugas_putusan=p["petugas"])
        if hasil == "diterima":
            k.update(validasi="benar", tim_teknis=r.get("tim_teknis") or k["tim_teknis"])

    return efek


def _kabari(k: Baris, t: list[Baris], p: Baris) -> None:
    """A progress notice: kept in riwayat only (media, note); the row and the clock stay."""


def _tunda(k: Baris, t: list[Baris], p: Baris) -> None:
    """The clock stops: since when, why, by whom (until ``lanjutkan`` or the next step)."""
    k.update(ditunda=p["waktu"], alasan_tunda=p["rincian"].get("alasan"), petugas_tunda=p["petugas"])


def _batal(k: Baris, t: list[Baris], p: Baris) -> None:
    k.update(dibatalkan=p["waktu"], petugas_batal=p["petugas"], alasan_batal=p["rincian"].get("alasan"))


def _koreksi(k: Baris, t: list[Baris], p: Baris) -> None:
    r = p["rincian"]
    if r["kolom"] == KOLOM_WAKTU:
        return  # folded in through the events' effective times
    if "putaran" in r:
        t[int(r["putaran"]) - 1][r["kolom"]] = r["baru"]
        return
    k[r["kolom"]] = r["baru"]


EFEK: dict[Aksi, Efek] = {
    Aksi.CATAT: _catat,
    Aksi.VALIDASI_BENAR: _validasi("benar"),
    Aksi.VALIDASI_TIDAK_BENAR: _validasi("tidak_benar"),
    Aksi.TINDAK: _tindak,
    Aksi.VERIFIKASI_TERIMA: _verifikasi("terima"),
    Aksi.VERIFIKASI_KEMBALIKAN: _verifikasi("kembalikan"),
    Aksi.INFORMASIKAN: _informasikan,
    Aksi.BANDING: _banding,
    Aksi.PUTUSAN_DITERIMA: _putusan("diterima"),
    Aksi.PUTUSAN_DITOLAK: _putusan("ditolak"),
    Aksi.BATAL: _batal,
    Aksi.KOREKSI: _koreksi,
    Aksi.KABARI: _kabari,
    Aksi.EFEKTIVITAS: _efektivitas,
    Aksi.KEPUASAN: _kepuasan,
    Aksi.LAMPIRKAN: lambda k, t, p: None,  # the file lives in berkas_lampiran; the row is unchanged
    Aksi.KAITKAN: lambda k, t, p: None,  # the link lives in riwayat (v_kaitan); the row is unchanged
    Aksi.TUNDA: _tunda,
    Aksi.LANJUTKAN: lambda k, t, p: None,  # the pause ends (terapkan): every event that ends one does the same
}


def terapkan(keluhan: Baris | None, tindakan: list[Baris], peristiwa: Baris) -> tuple[Baris, list[Baris]]:
    """The complaint row and its CAPA rows after ``peristiwa`` (inputs are not modified).

    ``peristiwa`` has the ``riwayat`` columns, with ``rincian`` already a dict.
    """
    k = dict(keluhan or {})
    t = [dict(b) for b in tindakan]
    terapkan_sini(k, t, peristiwa)
    return k, t


# An action's value -> (its member, its effect, whether it moves the status): one look-up per
# event of a replay (``periksa`` folds half a million per 100k complaints) instead of an Enum call.
_PER_NILAI: dict[Any, tuple[Aksi, Efek, bool]] = {a.value: (a, EFEK[a], mengubah_status(a)) for a in EFEK}


def terapkan_sini(k: Baris, t: list[Baris], peristiwa: Baris) -> None:
    """``terapkan`` on ``k`` and ``t`` themselves: a replay that owns its rows (``periksa``
    folding one complaint from ``{}`` and ``[]``) copies nothing per event."""
    try:
        aksi, efek, berstatus = _PER_NILAI[peristiwa["aksi"]]
    except (KeyError, TypeError):  # not an action's value: Aksi says so (ValueError), as before
        aksi = Aksi(peristiwa["aksi"])
        efek, berstatus = EFEK[aksi], mengubah_status(aksi)
    if k.get("ditunda") and mengakhiri_tunda(aksi, k.get("status")):  # the pause ends at this event's time
        k.update(ditunda=None, alasan_tunda=None, petugas_tunda=None)
    efek(k, t, peristiwa)
    if berstatus:  # a status-less event (koreksi, ...) leaves the status and its clock
        k["status"] = peristiwa["status_ke"]
        k["waktu_status"] = peristiwa["waktu"]
    k["diperbarui"] = peristiwa["dicatat_pada"]
