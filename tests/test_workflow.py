"""The transition table against SPEC.md's workflow table: pure, no archive, no CLI."""

from __future__ import annotations

from collections import deque

import pytest
import typer

from keluhan import workflow as wf
from keluhan.cli import app
from keluhan.workflow import Aksi, Status

from conftest import JALUR, LANGKAH_SPEC

S, A = Status, Aksi
J, P = wf.Jam, wf.Penjaga

# SPEC.md "The workflow", written out by hand: the code must say exactly this.
TABEL_SPEC = {
    None: {A.CATAT: S.DICATAT},
    S.DICATAT: {A.VALIDASI_BENAR: S.DIVALIDASI, A.VALIDASI_TIDAK_BENAR: S.TIDAK_VALID, A.BATAL: S.BATAL},
    S.DIVALIDASI: {A.TINDAK: S.DITINDAKLANJUTI, A.BATAL: S.BATAL},
    S.DITINDAKLANJUTI: {A.VERIFIKASI_TERIMA: S.DIVERIFIKASI, A.VERIFIKASI_KEMBALIKAN: S.DIVALIDASI},
    S.DIVERIFIKASI: {A.INFORMASIKAN: S.SELESAI},
    S.TIDAK_VALID: {A.INFORMASIKAN: S.SELESAI},
    S.SELESAI: {A.BANDING: S.BANDING},
    S.BANDING: {A.PUTUSAN_DITERIMA: S.DIVALIDASI, A.PUTUSAN_DITOLAK: S.SELESAI},
    S.BATAL: {},
}
# Events that change no status, and the statuses they may happen in (SPEC.md, beside the steps).
TANPA_STATUS = {A.KOREKSI: set(Status), A.KABARI: set(Status) - {S.SELESAI, S.BATAL}, A.EFEKTIVITAS: set(Status),
                A.KEPUASAN: set(Status), A.LAMPIRKAN: set(Status), A.KAITKAN: set(Status),
                # SPEC: "any open status, the appeal decision and the effectiveness review included" (a review
                # may be due on a finished complaint: the guard jam_berjalan decides); never on a voided one.
                A.TUNDA: set(Status) - {S.BATAL}, A.LANJUTKAN: set(Status) - {S.BATAL}}
# Each entry's guards and effect on the clock, as SPEC.md and docs/alur.md state them.
PENJAGA_SPEC = {
    A.VERIFIKASI_TERIMA: (P.PETUGAS_LAIN,), A.VERIFIKASI_KEMBALIKAN: (P.PETUGAS_LAIN,),
    A.BANDING: (P.SEKALI_BANDING, P.DALAM_BATAS_BANDING),
    A.PUTUSAN_DITERIMA: (P.TIDAK_MEMIHAK, P.ADA_TIM_TEKNIS), A.PUTUSAN_DITOLAK: (P.TIDAK_MEMIHAK,),
    # ISO/IEC 17025 8.7.1 e: due after an accepted verification, by someone not involved in the CAPA.
    A.EFEKTIVITAS: (P.TINJAUAN_JATUH, P.PENINJAU_TIDAK_TERLIBAT),
    A.KEPUASAN: (P.SEKALI_PER_INFORMASIKAN,),  # one answer per informasikan
    A.BATAL: (P.BELUM_ADA_CAPA,),  # SPEC: "dicatat, divalidasi (no CAPA yet)"
    A.TINDAK: (P.KODE_AKAR_TERDAFTAR,),  # SPEC: "a coded root cause from akar_masalah.kode"
    A.KAITKAN: (P.KAITAN_BARU,),  # two different complaints, linked once
    A.TUNDA: (P.JAM_BERJALAN, P.TIDAK_DITUNDA),  # SPEC: "on a running clock ... one pause at a time"
    A.LANJUTKAN: (P.DITUNDA,),
}
JAM_SPEC = {A.BANDING: J.MULAI, A.KOREKSI: J.TETAP, A.KABARI: J.TETAP, A.EFEKTIVITAS: J.TETAP,
            A.KEPUASAN: J.TETAP, A.BATAL: J.HENTI, A.LAMPIRKAN: J.TETAP, A.KAITKAN: J.TETAP,
            A.TUNDA: J.JEDA, A.LANJUTKAN: J.LANJUT}  # every other entry: J.UKUR (a measured step)


def test_tabel_sama_dengan_spec() -> None:
    """TRANSISI is exactly SPEC.md's workflow table: no transition added, lost or redirected."""
    assert wf.TRANSISI == TABEL_SPEC


def test_setiap_status_punya_baris() -> None:
    """Every status (and 'not yet recorded') has a row, so no status falls outside the table."""
    assert set(wf.TRANSISI) == set(Status) | {None}


def test_nilai_status_dan_aksi_tetap() -> None:
    """The stored status and aksi strings are the ones auditors read in the archive."""
    assert [s.value for s in Status] == [
        "dicatat", "divalidasi", "tidak_valid", "ditindaklanjuti", "diverifikasi", "selesai", "banding", "batal",
    ]
    assert [a.value for a in Aksi] == [
        "catat", "validasi_benar", "validasi_tidak_benar", "tindak", "verifikasi_terima",
        "verifikasi_kembalikan", "informasikan", "banding", "putusan_diterima", "putusan_ditolak", "batal", "koreksi", "kabari",
        "efektivitas", "kepuasan", "lampirkan", "kaitkan", "tunda", "lanjutkan",
    ]


def _tercapai(dari: Status | None) -> set[Status]:
    hasil: set[Status] = set()
    antre: deque[Status | None] = deque([dari])
    while antre:
        s = antre.popleft()
        for ke in wf.TRANSISI[s].values():
            if ke not in hasil:
                hasil.add(ke)
                antre.append(ke)
    return hasil


def test_setiap_status_dapat_dicapai() -> None:
    """Every status is reachable from 'not yet recorded' (no dead rows in the table)."""
    assert _tercapai(None) == set(Status)


@pytest.mark.parametrize("status", [s for s in Status if s not in wf.STATUS_AKHIR])
def test_setiap_status_dapat_diselesaikan(status: Status) -> None:
    """From every unfinished status the complaint can still reach 'selesai' (no trap)."""
    assert S.SELESAI in _tercapai(status)


def test_status_akhir() -> None:
    """'selesai' and 'batal' are the finished statuses (after selesai the customer may still appeal); an appeal is
    open until decided; 'batal' allows nothing more."""
    assert wf.STATUS_AKHIR == {S.SELESAI, S.BATAL}
    assert wf.perintah_berikutnya(S.BANDING) == ["putusan"]
    assert wf.TRANSISI[S.BATAL] == {}
    assert wf.perintah_berikutnya(S.BATAL) == []


@pytest.mark.parametrize("status", [None, *Status])
@pytest.mark.parametrize("aksi", list(Aksi))
def test_transisi_mengikuti_tabel(status: Status | None, aksi: Aksi) -> None:
    """transisi() answers from the table: the target when listed, the status unchanged for a
    status-less event allowed there, None otherwise."""
    harap = TABEL_SPEC[status].get(aksi)
    if aksi in TANPA_STATUS and status in TANPA_STATUS[aksi]:
        harap = status
    assert wf.transisi(status, aksi) == harap


def test_koreksi_bukan_transisi() -> None:
    """A correction never changes the status: it is allowed from no row of the table."""
    assert all(Aksi.KOREKSI not in baris for baris in wf.TRANSISI.values())
    assert wf.LANGKAH_AKSI[Aksi.KOREKSI] is None


def test_perintah_berikutnya() -> None:
    """The commands suggested next, per status, in table order and without repeats."""
    assert {s: wf.perintah_berikutnya(s) for s in [None, *Status]} == {
        None: ["catat"],
        S.DICATAT: ["validasi"],
        S.DIVALIDASI: ["tindak"],
        S.TIDAK_VALID: ["informasikan"],
        S.DITINDAKLANJUTI: ["verifikasi"],
        S.DIVERIFIKASI: ["informasikan"],
        S.SELESAI: ["banding"],
        S.BANDING: ["putusan"],
        S.BATAL: [],
    }


def test_langkah_berikutnya() -> None:
    """The step each status waits for; an appeal waits for its decision (8); 'selesai' for none (banding is the customer's)."""
    assert {s: wf.langkah_berikutnya(s) for s in Status} == {
        S.DICATAT: 3, S.DIVALIDASI: 4, S.TIDAK_VALID: 6, S.DITINDAKLANJUTI: 5,
        S.DIVERIFIKASI: 6, S.SELESAI: None, S.BANDING: 8, S.BATAL: None,
    }


def test_langkah_setiap_aksi_sesuai_spec() -> None:
    """Each event is filed under the SOP step SPEC.md gives its command."""
    assert {a.value: n for a, n in wf.LANGKAH_AKSI.items() if n is not None} == LANGKAH_SPEC


def test_perintah_setiap_aksi() -> None:
    """Each event is performed by the command SPEC.md names."""
    assert {a.value: p for a, p in wf.PERINTAH.items()} == {
        "catat": "catat", "validasi_benar": "validasi", "validasi_tidak_benar": "validasi",
        "tindak": "tindak", "verifikasi_terima": "verifikasi", "verifikasi_kembalikan": "verifikasi",
        "informasikan": "informasikan", "banding": "banding", "putusan_diterima": "putusan",
        "putusan_ditolak": "putusan", "batal": "batal", "koreksi": "koreksi", "kabari": "kabari",
        "efektivitas": "efektivitas", "kepuasan": "kepuasan", "lampirkan": "lampirkan", "kaitkan": "kaitkan",
        "tunda": "tunda", "lanjutkan": "lanjutkan",
    }


def test_perintah_langkah_ada_di_cli() -> None:
    """Every command the table names (steps and status-less events) is a real subcommand of the CLI."""
    perintah = set(typer.main.get_command(app).commands)  # type: ignore[attr-defined]
    langkah = set(wf.PERINTAH.values())
    assert langkah <= perintah, langkah - perintah


def test_langkah_sop() -> None:
    """The six SOP steps, who performs them, their command and their mutu baku (SOP 5.1.11)."""
    assert {n: (l.pelaksana, l.perintah, l.mutu_baku) for n, l in wf.LANGKAH.items() if n <= 6} == {
        1: ("Pelanggan", "", "15 menit"),
        2: ("Staff PJTK", "catat", "15 menit"),
        3: ("PJTK", "validasi", "15 menit"),
        4: ("Tim Teknis", "tindak", "3 hari"),
        5: ("PJTK", "verifikasi", "15 menit"),
        6: ("Staff PJTK", "informasikan", "15 menit"),
    }
    assert all(l.nomor == n for n, l in wf.LANGKAH.items())
    assert wf.BATAS_BANDING_HARI == 15


def test_media_dan_layanan() -> None:
    """The channels and services are the ones SPEC.md lists, in its order."""
    assert wf.MEDIA == ("kotak", "surat", "telepon", "fax", "email", "siptenan", "website")
    assert wf.LAYANAN == ("pengujian", "kalibrasi", "sertifikasi", "inspeksi", "lainnya")


@pytest.mark.parametrize("status", list(Status))
def test_jalur_uji_sah(status: Status) -> None:
    """The histories the tests use to reach each status are legal per the table."""
    s = wf.transisi(None, Aksi.CATAT)
    for aksi in JALUR[status]:
        s = wf.transisi(s, aksi)
        assert s is not None, aksi
    assert s == status


def test_satu_entri_per_aksi() -> None:
    """Every event is exactly one entry of the table (a step or a status-less event)."""
    assert [e.aksi for e in wf.TABEL] == list(Aksi)
    assert set(wf.ENTRI) == set(Aksi)


def test_peristiwa_tanpa_status_adalah_entri() -> None:
    """Status-less events are entries with no target, allowed where SPEC.md allows them; they
    leave the clock alone (but the pause and its end) and are never suggested as the next step."""
    assert {e.aksi: set(e.dari) for e in wf.TABEL if e.ke is None} == TANPA_STATUS
    for aksi in TANPA_STATUS:
        assert not wf.mengubah_status(aksi) and not wf.diukur(aksi)
        assert all(wf.PERINTAH[aksi] not in wf.perintah_berikutnya(s) for s in Status)


def test_penjaga_dan_jam_setiap_entri() -> None:
    """Each entry names the guards and the clock effect SPEC.md gives it."""
    assert {e.aksi: e.penjaga for e in wf.TABEL if e.penjaga} == PENJAGA_SPEC
    assert {e.aksi: e.jam for e in wf.TABEL} == {a: JAM_SPEC.get(a, J.UKUR) for a in Aksi}


def test_setiap_penjaga_punya_fungsi_dan_aturan() -> None:
    """Every named guard has its rule in words and one function the archive calls, and guards
    something; nothing else is a guard."""
    from keluhan import penjaga

    assert set(penjaga.PENJAGA) == set(wf.ATURAN_PENJAGA) == set(wf.Penjaga)
    assert {g for e in wf.TABEL for g in e.penjaga} == set(wf.Penjaga)
    assert set(wf.ARTI_JAM) == set(wf.Jam)


def test_status_akhir_dari_tabel() -> None:
    """The finished statuses are read from the table: those no measured step leaves."""
    assert wf.STATUS_AKHIR == {s for s in Status if not any(
        s in e.dari and e.ke is not None and e.jam is J.UKUR for e in wf.TABEL)}


def test_langkah_diukur() -> None:
    """The measured events are the steps 2-6 of the SOP and the appeal decision (8); the appeal itself (7) is the
    customer's."""
    assert {a for a in Aksi if wf.diukur(a)} == {a for a in Aksi if (wf.LANGKAH_AKSI[a] or 0) in (2, 3, 4, 5, 6, 8)}


def test_yang_mengakhiri_tunda() -> None:
    """A pause ends with lanjutkan, with every status change (the next step, the appeal, batal), and with the
    effectiveness review only when no step is awaited (the pause was on the review); never with the other events."""
    berubah = {e.aksi for e in wf.TABEL if e.ke is not None}
    assert wf.MENGAKHIRI_TUNDA == berubah | {A.LANJUTKAN}
    assert A.BATAL in wf.MENGAKHIRI_TUNDA
    assert wf.mengakhiri_tunda(A.EFEKTIVITAS, S.SELESAI)
    assert not wf.mengakhiri_tunda(A.EFEKTIVITAS, S.DITINDAKLANJUTI)
    for aksi in (A.KOREKSI, A.KABARI, A.KEPUASAN, A.LAMPIRKAN, A.TUNDA):
        assert not any(wf.mengakhiri_tunda(aksi, s) for s in Status)
