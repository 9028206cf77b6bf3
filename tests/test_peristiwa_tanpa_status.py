"""Issue 15's status-less events refused where the transition table or its guards refuse them, in every status:
exit 1, one line, the archive file byte for byte unchanged. Generated from the table (kabari's statuses) and from
the history that reaches each status (a review needs a CAPA accepted at step 5, an answer a result informed)."""

from __future__ import annotations

import pytest

from keluhan.workflow import Aksi, Status, boleh

from conftest import BERIKUT, JALUR, id_param, langkah_cli, pesan_tolak, potret, satu_baris_galat

KASUS = (
    [(s, Aksi.KABARI) for s in Status if boleh(s, Aksi.KABARI) is None]
    + [(s, Aksi.EFEKTIVITAS) for s in Status if Aksi.VERIFIKASI_TERIMA not in JALUR[s]]
    + [(s, Aksi.KEPUASAN) for s in Status if Aksi.INFORMASIKAN not in JALUR[s]]
)
PERINTAH = {
    Aksi.EFEKTIVITAS: (["efektivitas", "{n}", "--efektif"], "Sari Dewi"),
    Aksi.KEPUASAN: (["kepuasan", "{n}", "--nilai", "4", "--menerima"], None),
}


def test_kasus_mencakup_batal() -> None:
    """The generated cases include the voided status for each event (nothing is owed to, or asked of, a voided
    complaint's customer), and kabari is refused exactly where nothing is in progress."""
    assert {a for s, a in KASUS if s is Status.BATAL} == {Aksi.KABARI, Aksi.EFEKTIVITAS, Aksi.KEPUASAN}
    assert {s for s, a in KASUS if a is Aksi.KABARI} == {Status.SELESAI, Status.BATAL}


@pytest.mark.parametrize(("status", "aksi"), KASUS, ids=id_param)
def test_peristiwa_tanpa_status_ditolak(status: Status, aksi: Aksi, sampai, jalankan, arsip) -> None:
    """Refused in one line that says why (the table's hint, or the guard's rule); the file is unchanged."""
    nomor = sampai(status)
    sebelum = potret(arsip)
    if aksi is Aksi.KABARI:
        args, petugas = langkah_cli(aksi, nomor)
    else:
        templat, petugas = PERINTAH[aksi]
        args = [x.format(n=nomor) for x in templat]
    baris = satu_baris_galat(jalankan(*args, "--waktu", BERIKUT, petugas=petugas), 1)
    if aksi is Aksi.KABARI:
        assert baris == pesan_tolak(nomor, status, "kabari")
    elif aksi is Aksi.EFEKTIVITAS:
        assert "belum ada tindakan yang diverifikasi diterima" in baris and f"keluhan verifikasi {nomor}" in baris
    else:
        assert "belum diinformasikan" in baris and f"keluhan informasikan {nomor}" in baris
    assert potret(arsip) == sebelum
