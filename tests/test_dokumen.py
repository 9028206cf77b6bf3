"""The generated parts of docs/ match the code (run `make docs` after a deliberate change)."""

from keluhan import dokumen, workflow


def test_dokumen_mutakhir() -> None:
    """Every generated block in docs/ equals what the code would write now."""
    berkas = dokumen.berkas()
    assert berkas, "no docs file has a generated block"
    for p in berkas:
        teks = p.read_text(encoding="utf-8")
        assert dokumen.isi_baru(teks) == teks, f"{p.name} is stale: run `make docs`"


def test_diagram_memuat_setiap_transisi() -> None:
    """The state diagram has one edge for each entry of the transition table."""
    diagram = dokumen.diagram_status()
    n = sum(len(v) for v in workflow.TRANSISI.values())
    assert diagram.count(" --> ") - sum(1 for s in workflow.Status if not workflow.TRANSISI[s]) == n
    assert "ditindaklanjuti --> divalidasi: verifikasi --kembalikan" in diagram
