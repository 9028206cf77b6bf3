"""Random sequences of commands against a plain model of the SOP: after every step the
archive equals the model and periksa finds nothing; refused commands change nothing."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

import pytest
import typer.main
import typer.testing
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle, RuleBasedStateMachine, initialize, invariant, precondition, rule, run_state_machine_as_test,
)
from typer.testing import CliRunner

from keluhan import cli, pengaturan
from keluhan import periksa as pemeriksa
from keluhan.arsip import Arsip
from keluhan.galat import GalatKeluhan, GalatMasukan, GalatTransisi
from keluhan.workflow import Aksi

from conftest import buat_arsip

PETUGAS = st.sampled_from(["Rina", "Budi", "Tono"])
TIM = {"tim inspeksi": "Tim Inspeksi", "laboratorium kalibrasi": "Laboratorium Kalibrasi"}
# Every step command as a clerk would type it, with the event it asks for.
PERINTAH: list[tuple[Aksi, list[str]]] = [
    (Aksi.VALIDASI_BENAR, ["validasi", "{id}", "--benar", "--teruskan-ke", "Tim Inspeksi"]),
    (Aksi.VALIDASI_TIDAK_BENAR, ["validasi", "{id}", "--tidak-benar", "--alasan", "Bukan keluhan"]),
    (Aksi.TINDAK, ["tindak", "{id}", "--koreksi", "k", "--pencegahan", "p"]),
    (Aksi.VERIFIKASI_TERIMA, ["verifikasi", "{id}", "--terima"]),
    (Aksi.VERIFIKASI_KEMBALIKAN, ["verifikasi", "{id}", "--kembalikan", "--alasan", "ulang"]),
    (Aksi.INFORMASIKAN, ["informasikan", "{id}"]),
    # Refused by the table before the appeal window (and its calendar) is ever consulted.
    (Aksi.BANDING, ["banding", "{id}", "--alasan", "tidak puas"]),
]
# The model of the workflow, written out apart from workflow.TRANSISI so that a slip in the
# table shows: status before -> status after; a status not listed means "refused".
BOLEH: dict[Aksi, dict[str, str]] = {
    Aksi.VALIDASI_BENAR: {"dicatat": "divalidasi"},
    Aksi.VALIDASI_TIDAK_BENAR: {"dicatat": "tidak_valid"},
    Aksi.TINDAK: {"divalidasi": "ditindaklanjuti"},
    Aksi.VERIFIKASI_TERIMA: {"ditindaklanjuti": "diverifikasi"},
    Aksi.VERIFIKASI_KEMBALIKAN: {"ditindaklanjuti": "divalidasi"},
    Aksi.INFORMASIKAN: {"diverifikasi": "selesai", "tidak_valid": "selesai"},
    Aksi.BANDING: {"selesai": "banding"},
}
RINCIAN: dict[Aksi, dict[str, str]] = {
    Aksi.VALIDASI_BENAR: {"tim_teknis": "Tim Inspeksi"}, Aksi.VALIDASI_TIDAK_BENAR: {"alasan": "Bukan keluhan"},
    Aksi.TINDAK: {"koreksi": "k", "pencegahan": "p"}, Aksi.VERIFIKASI_KEMBALIKAN: {"alasan": "ulang"},
}
# fsync on every commit is what the stress tests prove; here it would only slow the search.
TMP = "/dev/shm" if Path("/dev/shm").is_dir() else None
runner = CliRunner()


class MesinKeluhan(RuleBasedStateMachine):
    keluhan = Bundle("keluhan")

    @initialize()
    def buka(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="keluhan-model-", dir=TMP))
        self.jalur = self.folder / "archive.db"
        self.arsip = Arsip(buat_arsip(self.jalur), pengaturan.muat(None))
        self.model: dict[str, dict[str, Any]] = {}

    def teardown(self) -> None:
        if hasattr(self, "arsip"):
            self.arsip.tutup()
            shutil.rmtree(self.folder, ignore_errors=True)

    # -- commands -----------------------------------------------------------------

    @precondition(lambda self: len(self.model) < 4)  # few complaints, so each goes deep
    @rule(target=keluhan, petugas=PETUGAS, telepon=st.sampled_from([None, "0812-1", "0813-2"]))
    def catat(self, petugas: str, telepon: str | None) -> str:
        k = self.arsip.catat(petugas=petugas, isian={"nama": "PT A", "media": "email", "uraian": "Keluhan A",
                                                     "telepon": telepon})
        self.model[k["id"]] = {"status": "dicatat", "tindakan": 0, "petugas_tindak": None, "validasi": None,
                               "telepon": telepon, "uraian": "Keluhan A", "kategori": None, "tim_teknis": None}
        return str(k["id"])

    def _langkah(self, kid: str, aksi: Aksi, petugas: str, rincian: dict[str, Any]) -> None:
        m = self.model[kid]
        ke = BOLEH[aksi].get(m["status"])
        sama = aksi in (Aksi.VERIFIKASI_TERIMA, Aksi.VERIFIKASI_KEMBALIKAN) and m["petugas_tindak"] == petugas
        try:
            self.arsip.langkah(kid, aksi, petugas=petugas, rincian=rincian)
        except GalatTransisi:
            assert ke is None, f"{aksi} dari {m['status']} seharusnya boleh"
            return
        except GalatKeluhan as e:
            assert ke is not None and sama and "7.9.6" in e.pesan, e.pesan
            event("verifikasi oleh pencatat tindakan ditolak")
            return
        assert ke is not None and not sama, f"{aksi} dari {m['status']} oleh {petugas} seharusnya ditolak"
        event(f"{aksi} berhasil")
        m["status"] = ke
        if aksi is Aksi.VALIDASI_BENAR:
            m["validasi"], m["tim_teknis"] = "benar", "Tim Inspeksi"
        elif aksi is Aksi.VALIDASI_TIDAK_BENAR:
            m["validasi"] = "tidak_benar"
        elif aksi is Aksi.TINDAK:
            m["tindakan"] += 1
            m["petugas_tindak"] = petugas

    @rule(k=keluhan, aksi=st.sampled_from([a for a in BOLEH if a is not Aksi.BANDING]), petugas=PETUGAS)
    def coba_langkah(self, k: str, aksi: Aksi, petugas: str) -> None:
        """Any step on any complaint, by any petugas: done if the model allows it, refused otherwise."""
        self._langkah(k, aksi, petugas, RINCIAN.get(aksi, {}))

    @rule(k=keluhan, petugas=st.lists(PETUGAS, min_size=1, max_size=5), data=st.data())
    def majukan(self, k: str, petugas: list[str], data: st.DataObject) -> None:
        """Up to five steps the table allows (random tries are mostly refusals; this takes complaints deep)."""
        for p in petugas:
            boleh = [a for a in BOLEH if a is not Aksi.BANDING and self.model[k]["status"] in BOLEH[a]]
            if not boleh:
                return
            aksi = data.draw(st.sampled_from(boleh))
            self._langkah(k, aksi, p, RINCIAN.get(aksi, {}))

    @rule(k=keluhan, petugas=PETUGAS, kolom_nilai=st.one_of(
        st.tuples(st.just("telepon"), st.sampled_from(["0812-1", " 0813-2 ", ""])),
        st.tuples(st.just("uraian"), st.sampled_from(["Keluhan A", "Keluhan B", "  "])),
        st.tuples(st.just("kategori"), st.sampled_from(["Mutu", ""])),
        st.tuples(st.just("tim_teknis"), st.sampled_from(["Tim Inspeksi", "laboratorium kalibrasi", ""])),
    ))
    def koreksi(self, k: str, petugas: str, kolom_nilai: tuple[str, str]) -> None:
        kolom, nilai = kolom_nilai
        m = self.model[k]
        baru: str | None = nilai.strip() or None
        if kolom == "tim_teknis" and baru:
            baru = TIM[baru.casefold()]
        try:
            self.arsip.koreksi(k, petugas=petugas, kolom=kolom, nilai=nilai, alasan="uji")
        except GalatTransisi:
            assert kolom == "tim_teknis" and baru and m["validasi"] != "benar"
            return
        except GalatMasukan as e:
            assert (baru is None and kolom in ("uraian", "tim_teknis")) or baru == m[kolom], e.pesan
            return
        assert baru != m[kolom] and not (kolom == "tim_teknis" and m["validasi"] != "benar")
        m[kolom] = baru

    @rule(k=keluhan, data=st.data())
    def perintah_terlarang(self, k: str, data: st.DataObject) -> None:
        """Through the real CLI: a step the table forbids, or on a complaint that does not exist, is one
        'Galat:' line, exit 1, and leaves the archive byte for byte as it was."""
        status = self.model[k]["status"]
        terlarang = [args for aksi, args in PERINTAH if status not in BOLEH[aksi]]
        args = data.draw(st.sampled_from(terlarang))
        if data.draw(st.booleans()):
            k, awal = "kzzzzzz", "Galat: Keluhan 'kzzzzzz' tidak ditemukan"
        else:
            awal = f"Galat: Keluhan {self._nomor(k)} berstatus '{status}'"
        sebelum = self._isi()
        r = runner.invoke(cli.app, ["--arsip", str(self.jalur), "--petugas", "Sari", *[a.replace("{id}", k) for a in args]])
        assert r.exit_code == 1, r.output
        assert r.stderr.startswith(awal) and r.stderr.count("\n") == 1, r.stderr
        assert r.stdout == ""
        assert self._isi() == sebelum

    # -- the archive equals the model ----------------------------------------------

    def _isi(self) -> tuple[list[Any], ...]:
        db = sqlite3.connect(self.jalur)
        try:
            return tuple(db.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in ("riwayat", "keluhan", "tindakan"))
        finally:
            db.close()

    def _nomor(self, kid: str) -> str:
        return str(self.arsip.db.execute("SELECT nomor FROM keluhan WHERE id = ?", (kid,)).fetchone()[0])

    @invariant()
    def arsip_sama_dengan_model(self) -> None:
        if not hasattr(self, "arsip"):
            return
        db = self.arsip.db
        baris = {r["id"]: dict(r) for r in db.execute("SELECT * FROM keluhan")}
        assert baris.keys() == self.model.keys()
        for kid, m in self.model.items():
            b = baris[kid]
            n = db.execute("SELECT COUNT(*) FROM tindakan WHERE keluhan_id = ?", (kid,)).fetchone()[0]
            assert (b["status"], n, b["validasi"], b["telepon"], b["uraian"], b["kategori"], b["tim_teknis"]) == (
                m["status"], m["tindakan"], m["validasi"], m["telepon"], m["uraian"], m["kategori"], m["tim_teknis"])
        urut = [r[0] for r in db.execute("SELECT urut FROM keluhan ORDER BY urut")]
        assert urut == list(range(1, len(self.model) + 1))
        assert pemeriksa.periksa(db).temuan == []


def test_arsip_mengikuti_model_sop(monkeypatch: pytest.MonkeyPatch) -> None:
    """Random command sequences (legal, illegal, same-petugas verification, corrections) keep archive == model and periksa clean."""
    # typer's CliRunner rebuilds the click command from the app on every call (~40 ms): build it once.
    perintah = typer.main.get_command(cli.app)
    monkeypatch.setattr(typer.testing, "_get_command", lambda app: perintah)
    run_state_machine_as_test(MesinKeluhan, settings=settings(
        max_examples=50, stateful_step_count=40, deadline=None, database=None,
        suppress_health_check=[HealthCheck.too_slow],
    ))
