"""The guards the transition table names (``workflow.Penjaga``), one function each.

``periksa(arsip, db, keluhan, aksi, ...)`` runs the guards of ``aksi``'s table entry in
their order; each raises ``GalatKeluhan`` with a one-line refusal naming its rule, or
returns. Adding a rule is adding a ``Penjaga`` member, its words in
``workflow.ATURAN_PENJAGA``, a function here and the name in the entries it guards: the
archive itself has no rule of its own (tests/test_workflow.py holds the three together).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from keluhan import waktu as w
from keluhan.tanggal import tampil
from keluhan.galat import GalatKeluhan, GalatTransisi
from keluhan.workflow import ENTRI, Aksi, Penjaga

if TYPE_CHECKING:
    from keluhan.arsip import Arsip


class Konteks(NamedTuple):
    """What a guard may look at: the archive, the complaint's row before the event, its
    CAPA rows when the caller holds them (bulk import; else read from ``db``), the event."""

    arsip: Arsip
    db: sqlite3.Connection | None
    keluhan: dict[str, Any]
    tindakan: list[dict[str, Any]] | None
    aksi: Aksi
    petugas: str
    waktu: datetime
    rincian: dict[str, Any]

    def capa(self) -> list[dict[str, Any]]:
        """The complaint's CAPA rounds, oldest first."""
        if self.tindakan is not None:
            return self.tindakan
        return self.arsip._tindakan(self.db, self.keluhan["id"])  # type: ignore[arg-type]


def petugas_lain(ks: Konteks) -> None:
    """ISO/IEC 17025 7.9.6: the verifier is not who recorded the action verified, compared
    as officers (the register's ``sama``: NIP for registered ones, look-alike letters
    read as Latin for names it does not know), not as strings."""
    t = ks.capa()[-1]
    if ks.arsip.register(ks.db).sama(t["petugas"], t["waktu"], ks.petugas, ks.waktu):
        raise GalatKeluhan(
            f"Verifikasi ditolak: {ks.petugas} mencatat tindakan yang akan diverifikasi; "
            "ISO/IEC 17025 7.9.6 meminta verifikasi oleh petugas lain."
        )


def sekali_banding(ks: Konteks) -> None:
    """One appeal per complaint: a decided appeal (either way) is not appealed again."""
    k = ks.keluhan
    if k.get("dibanding"):
        raise GalatKeluhan(
            f"Banding ditolak: keluhan {k['nomor']} sudah pernah dibanding ({tampil(k['dibanding'])}"
            f"{', putusan: ' + k['putusan'] if k.get('putusan') else ''}); satu banding per keluhan."
        )


def _aturan_banding(arsip: Arsip, k: dict[str, Any]) -> tuple[str, datetime]:
    """The appeal window in force when the customer was informed, and when it ends."""
    kal = arsip.kalender()
    aturan = kal.setelan.nilai("banding.batas", k["diinformasikan"]) if kal.setelan else arsip.p["banding"]["batas"]
    return aturan, kal.batas_banding(w.dari_iso(k["diinformasikan"]), aturan)


def batas_banding(arsip: Arsip, k: dict[str, Any]) -> datetime:
    """When the appeal window of the informed complaint ``k`` ends (a refusal's hint says it)."""
    return _aturan_banding(arsip, k)[1]


def dalam_batas_banding(ks: Konteks) -> None:
    """The appeal comes within the window in force when the customer was informed (it is
    what the letter said), counted from that ``informasikan``."""
    k = ks.keluhan
    aturan, batas = _aturan_banding(ks.arsip, k)
    if ks.waktu > batas:
        raise GalatKeluhan(
            f"Banding ditolak: batas banding {aturan}"
            f"{'' if 'kalender' in aturan.lower() else ' kerja'} sejak hasil diinformasikan "
            f"({tampil(k['diinformasikan'])}) berakhir {tampil(batas)}."
        )


def _putaran(ks: Konteks) -> dict[str, Any]:
    """The CAPA round an effectiveness review is about (``lengkapi`` put it in the event)."""
    n = (ks.rincian or {}).get("putaran")
    return next((t for t in ks.capa() if t["putaran"] == n), {})


def tinjauan_jatuh(ks: Konteks) -> None:
    """ISO/IEC 17025 8.7.1 e: a round accepted at step 5 owes a review until one finds it
    effective; the review is dated no earlier than what it reviews."""
    from keluhan import efektivitas

    nomor = ks.keluhan["nomor"]
    if not any(t.get("verifikasi") == "terima" for t in ks.capa()):
        raise GalatKeluhan(
            f"Keluhan {nomor}: belum ada tindakan yang diverifikasi diterima; tinjauan efektivitas dilakukan "
            f"sesudah 'keluhan verifikasi {nomor} --terima'."
        )
    t = _putaran(ks)
    sejak = efektivitas.dasar(t) if t else None
    if sejak is None:
        tertunda = [str(x["putaran"]) for x in ks.capa() if efektivitas.dasar(x) is not None]
        n = (ks.rincian or {}).get("putaran")
        raise GalatKeluhan(
            f"Keluhan {nomor}: tidak ada tinjauan efektivitas yang tertunda"
            + (f" untuk putaran {n}; yang tertunda: putaran {', '.join(tertunda)}" if tertunda else
               " (setiap tindakan yang diverifikasi diterima sudah dinyatakan efektif)") + "."
        )
    if ks.waktu < w.dari_iso(sejak):
        raise GalatKeluhan(
            f"Waktu tinjauan efektivitas ({tampil(ks.waktu)}) lebih awal dari yang ditinjau ({tampil(sejak)})."
        )


def peninjau_tidak_terlibat(ks: Konteks) -> None:
    """ISO/IEC 17025 8.7 (and 7.9.6's spirit): who recorded the CAPA or answers for it does
    not judge whether it worked. Officers compared, not strings (the register's ``sama``)."""
    reg = ks.arsip.register(ks.db)
    t = _putaran(ks)
    for kolom, peran in (("petugas", "mencatat tindakan"), ("penanggung_jawab", "penanggung jawab tindakan")):
        if reg.sama(t.get(kolom), t.get("waktu"), ks.petugas, ks.waktu):
            raise GalatKeluhan(
                f"Tinjauan efektivitas ditolak: {ks.petugas} adalah {peran} putaran {t['putaran']}; "
                "ISO/IEC 17025 8.7 meminta tinjauan oleh petugas lain."
            )


def sekali_per_informasikan(ks: Konteks) -> None:
    """Satisfaction is asked about a result the customer was given: one answer per
    ``informasikan`` (a new outcome after an accepted appeal gets its own)."""
    nomor = ks.keluhan["nomor"]
    r = ks.rincian or {}
    if r.get("diinformasikan") is None:
        raise GalatKeluhan(
            f"Keluhan {nomor} belum diinformasikan hasilnya: kepuasan pelanggan dicatat sesudah "
            f"'keluhan informasikan {nomor}'."
        )
    if r.get("_sudah") is not None:
        raise GalatKeluhan(
            f"Keluhan {nomor}: kepuasan atas hasil yang diinformasikan {tampil(ks.keluhan['diinformasikan'])} sudah dicatat "
            f"(nilai {r['_sudah']}); perbaiki dengan 'keluhan koreksi {nomor} --kolom kepuasan_nilai --nilai N "
            "--alasan TEKS'."
        )


def peran_terlibat(reg: Any, k: dict[str, Any], capa: list[dict[str, Any]], siapa: str,
                   pada: datetime | str) -> list[str]:
    """How officer ``siapa`` (acting at ``pada``) took part in handling complaint ``k`` with
    CAPA rounds ``capa``: recorded its validation, a round's CAPA or verification, or is a
    round's penanggung jawab (the register's ``sama``). Empty: not involved. The guard
    ``tidak_memihak`` and ``periksa``'s replay of it both ask this."""
    def sama_petugas(nama: str | None, saat: str | None) -> bool:
        return bool(reg.sama(nama, saat, siapa, pada))

    peran = []
    if sama_petugas(k.get("petugas_validasi"), k.get("divalidasi")):
        peran.append("mencatat validasi")
    for t in capa:
        if sama_petugas(t["petugas"], t["waktu"]):
            peran.append(f"mencatat tindakan putaran {t['putaran']}")
        if sama_petugas(t.get("diverifikasi_oleh"), t.get("diverifikasi_pada")):
            peran.append(f"memverifikasi tindakan putaran {t['putaran']}")
        if sama_petugas(t.get("penanggung_jawab"), t["waktu"]):
            peran.append(f"adalah penanggung jawab tindakan putaran {t['putaran']}")
    return peran


def tidak_memihak(ks: Konteks) -> None:
    """ISO/IEC 17065 7.13 / 17025 7.9.6: the appeal is decided by someone not involved: who
    recorded no validation, CAPA or verification of the complaint and is not the penanggung
    jawab of any of its CAPA rounds. Officers compared, not strings (the register's ``sama``)."""
    k, siapa = ks.keluhan, ks.petugas
    peran = peran_terlibat(ks.arsip.register(ks.db), k, ks.capa(), siapa, ks.waktu)
    if peran:
        raise GalatKeluhan(
            f"Putusan banding ditolak: {siapa} {', '.join(peran)} pada keluhan {k['nomor']}; aturan tidak_memihak: "
            "banding diputus oleh petugas yang tidak terlibat (ISO/IEC 17065 7.13, ISO/IEC 17025 7.9.6)."
        )


def ada_tim_teknis(ks: Konteks) -> None:
    """An accepted appeal goes to a Tim Teknis: the complaint's own, or the one named now
    (an appeal against 'tidak valid' has none)."""
    if not ks.keluhan.get("tim_teknis") and not ks.rincian.get("tim_teknis"):
        raise GalatKeluhan(
            f"Putusan --diterima memerlukan --teruskan-ke TIM: keluhan {ks.keluhan['nomor']} belum diteruskan ke "
            "Tim Teknis (hasil validasinya tidak valid); aturan ada_tim_teknis."
        )


def belum_ada_capa(ks: Konteks) -> None:
    """``batal`` only while no CAPA round is recorded (also after a return for rework,
    when the status is divalidasi again); from then on the SOP's own path applies."""
    from keluhan.arsip import pesan_jalan_sop

    if ks.capa():
        raise GalatTransisi(pesan_jalan_sop(ks.keluhan, "tindakan koreksi dan pencegahan (FTKP) sudah dicatat"))


def kode_akar_terdaftar(ks: Konteks) -> None:
    """A coded root cause names an item of ``akar_masalah.kode`` as in force when the round
    is recorded (keluhan/akar.py); the event stores it as the list writes it."""
    from keluhan import akar

    kode = ks.rincian.get("kode_akar")
    if kode is None:
        return
    daftar = akar.daftar(ks.arsip.kalender().setelan, ks.arsip.p, akar.KUNCI_KODE, ks.waktu)
    ks.rincian["kode_akar"] = akar.kode_sah(kode, daftar)
def kaitan_baru(ks: Konteks) -> None:
    """A link joins two different complaints, the other already recorded at the link's
    time, and only once (either way round)."""
    k, r = ks.keluhan, ks.rincian or {}
    nomor = k["nomor"]
    if r.get("terkait") == nomor:
        raise GalatKeluhan(f"Kaitan ditolak: keluhan {nomor} tidak dapat dikaitkan dengan dirinya sendiri.")
    if r.get("_dicatat") and ks.waktu < w.dari_iso(r["_dicatat"]):
        raise GalatKeluhan(
            f"Kaitan ditolak: waktu kaitan ({tampil(ks.waktu)}) lebih awal dari pencatatan keluhan {r['terkait']} "
            f"({tampil(r['_dicatat'])}).")
    if r.get("_sudah") is not None:
        raise GalatKeluhan(
            f"Kaitan ditolak: keluhan {nomor} dan {r['terkait']} sudah dikaitkan (peristiwa #{r['_sudah']}); "
            f"lihat: keluhan lihat {nomor}.")


def jam_berjalan(ks: Konteks) -> None:
    """A pause stops a running clock: a step the office owes (every open status, the appeal
    decision included), or, on a finished complaint, a CAPA round's effectiveness review
    still due. A closed complaint with nothing due has no clock to stop."""
    from keluhan import efektivitas
    from keluhan.workflow import Status, langkah_berikutnya

    k = ks.keluhan
    if langkah_berikutnya(Status(k["status"])) is not None:
        return
    if any(efektivitas.dasar(t) is not None for t in ks.capa()):
        return
    raise GalatTransisi(
        f"Keluhan {k['nomor']} berstatus '{k['status']}' dan tidak menunggu langkah atau tinjauan efektivitas: "
        "tidak ada jam yang dapat ditunda; aturan jam_berjalan."
    )


def _sejak_tunda(k: dict[str, Any]) -> str:
    return tampil(k["ditunda"])


def tidak_ditunda(ks: Konteks) -> None:
    """One pause at a time: a running pause is ended (``lanjutkan`` or the next step) first."""
    k = ks.keluhan
    if k.get("ditunda"):
        raise GalatTransisi(
            f"Keluhan {k['nomor']} sudah ditunda sejak {_sejak_tunda(k)} ({k.get('alasan_tunda')}); satu penundaan "
            f"dalam satu waktu: lanjutkan dahulu dengan 'keluhan lanjutkan {k['nomor']}'; aturan tidak_ditunda."
        )


def ditunda(ks: Konteks) -> None:
    """Only a paused clock runs again."""
    k = ks.keluhan
    if not k.get("ditunda"):
        raise GalatTransisi(
            f"Keluhan {k['nomor']} tidak sedang ditunda; tidak ada yang dilanjutkan "
            f"(penundaan dicatat dengan 'keluhan tunda {k['nomor']} --alasan TEKS'); aturan ditunda."
        )


PENJAGA: dict[Penjaga, Callable[[Konteks], None]] = {
    Penjaga.PETUGAS_LAIN: petugas_lain,
    Penjaga.SEKALI_BANDING: sekali_banding,
    Penjaga.DALAM_BATAS_BANDING: dalam_batas_banding,
    Penjaga.TIDAK_MEMIHAK: tidak_memihak,
    Penjaga.ADA_TIM_TEKNIS: ada_tim_teknis,
    Penjaga.TINJAUAN_JATUH: tinjauan_jatuh,
    Penjaga.PENINJAU_TIDAK_TERLIBAT: peninjau_tidak_terlibat,
    Penjaga.SEKALI_PER_INFORMASIKAN: sekali_per_informasikan,
    Penjaga.BELUM_ADA_CAPA: belum_ada_capa,
    Penjaga.KODE_AKAR_TERDAFTAR: kode_akar_terdaftar,
    Penjaga.KAITAN_BARU: kaitan_baru,
    Penjaga.JAM_BERJALAN: jam_berjalan,
    Penjaga.TIDAK_DITUNDA: tidak_ditunda,
    Penjaga.DITUNDA: ditunda,
}


def lengkapi(
    arsip: Arsip, db: sqlite3.Connection | None, keluhan: dict[str, Any], aksi: Aksi, rincian: dict[str, Any],
    tindakan: list[dict[str, Any]] | None = None, riwayat: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """What a status-less event records about the state it acts on, read inside its
    transaction: the round an effectiveness review is about (``--putaran``, else the
    oldest pending one), the ``informasikan`` event a satisfaction answer is about (and,
    under ``_sudah``, for the guard only, the answer already given to it)."""
    from keluhan import efektivitas

    r = dict(rincian)
    if aksi is Aksi.EFEKTIVITAS and r.get("putaran") is None:
        capa = tindakan if tindakan is not None else arsip._tindakan(db, keluhan["id"])  # type: ignore[arg-type]
        tertunda = [t["putaran"] for t in capa if efektivitas.dasar(t) is not None]
        r["putaran"] = tertunda[0] if tertunda else None
    if aksi is Aksi.KEPUASAN:
        if db is None:  # the bulk import: the complaint's events so far, in memory
            peristiwa = [(p["urutan"], p["aksi"], p["waktu"], p["rincian"]) for p in riwayat or []]
        else:
            peristiwa = [(u, a, t, json.loads(x)) for u, a, t, x in db.execute(
                "SELECT urutan, aksi, waktu, rincian FROM riwayat WHERE keluhan_id = ? AND aksi IN ('informasikan', 'kepuasan')"
                " ORDER BY urutan", (keluhan["id"],))]
        info = next((p for p in reversed(peristiwa) if p[1] == "informasikan"), None)
        # The result answered, by the time it was given (an import renumbers events, never their times).
        r["diinformasikan"] = info[2] if info else None
        sudah = next((p for p in reversed(peristiwa) if p[1] == "kepuasan" and info and p[0] > info[0]), None)
        if sudah is not None:
            r["_sudah"] = keluhan.get("kepuasan_nilai") or sudah[3].get("nilai")
    if aksi is Aksi.KAITKAN:
        _lengkapi_kaitan(db, keluhan, r, riwayat)
    return r


def _lengkapi_kaitan(db: sqlite3.Connection | None, keluhan: dict[str, Any], r: dict[str, Any],
                     riwayat: list[dict[str, Any]] | None) -> None:
    """For ``kaitan_baru``: when the other complaint (``terkait``, its number) was recorded
    and the event that already links the two, either way. The bulk import knows only the
    complaint's own events so far (``riwayat``); it checks the others when the file ends."""
    from keluhan import berulang

    if db is None:
        r["_sudah"] = next((p["urutan"] for p in riwayat or []
                            if p["aksi"] == Aksi.KAITKAN and p["rincian"].get("terkait") == r.get("terkait")), None)
        return
    lain = db.execute("SELECT id, nomor, dicatat FROM keluhan WHERE nomor = ?", (r.get("terkait"),)).fetchone()
    if lain is not None:
        r["_dicatat"] = lain[2]
        r["_sudah"] = berulang.sudah_terkait(db, keluhan, {"id": lain[0], "nomor": lain[1]})


def periksa(
    arsip: Arsip, db: sqlite3.Connection | None, keluhan: dict[str, Any], aksi: Aksi, petugas: str,
    waktu: datetime, rincian: dict[str, Any], tindakan: list[dict[str, Any]] | None = None,
) -> None:
    """Every guard of ``aksi``'s entry, in the table's order; the first to refuse raises."""
    ks = Konteks(arsip, db, keluhan, tindakan, aksi, petugas, waktu, rincian)
    for nama in ENTRI[aksi].penjaga:
        PENJAGA[nama](ks)
