"""The IKM conversion of PermenPANRB 14/2017 (keluhan/ikm.py): known inputs, every band edge, properties."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, strategies as st

from keluhan import ikm


@pytest.mark.parametrize(("indeks", "huruf"), [
    ("25.00", "D"), ("64.99", "D"), ("65.00", "C"), ("76.60", "C"),
    ("76.61", "B"), ("88.30", "B"), ("88.31", "A"), ("100.00", "A"),
])
def test_setiap_tepi_pita_mutu(indeks: str, huruf: str) -> None:
    """Each band's lowest and highest index (two decimals) gets the regulation's grade."""
    assert ikm.mutu(indeks) == huruf
    assert ikm.mutu(Decimal(indeks)) == huruf


@pytest.mark.parametrize("indeks", ["24.99", "100.01", "0", "-5"])
def test_indeks_di_luar_rentang_ditolak(indeks: str) -> None:
    """An index outside 25.00-100.00 cannot come from a 1-4 scale and is refused, not graded."""
    with pytest.raises(ValueError):
        ikm.mutu(indeks)


@pytest.mark.parametrize(("per_nilai", "rata", "indeks", "huruf"), [
    ({4: 10}, 4.0, 100.0, "A"),
    ({1: 3}, 1.0, 25.0, "D"),
    ({3: 1}, 3.0, 75.0, "C"),
    ({3: 1, 4: 1}, 3.5, 87.5, "B"),
    ({2: 1, 3: 1, 4: 1}, 3.0, 75.0, "C"),
    ({3: 2, 4: 1}, 3.3333, 83.33, "B"),  # 83.333... to two decimals
    ({1: 1, 4: 2}, 3.0, 75.0, "C"),
    ({3: 1, 4: 8}, 3.8889, 97.22, "A"),
    ({2: 3, 3: 1}, 2.25, 56.25, "D"),
])
def test_masukan_diketahui(per_nilai: dict[int, int], rata: float, indeks: float, huruf: str) -> None:
    """Worked answers: mean to four decimals, IKM = mean x 25 to two, and the grade."""
    h = ikm.hitung(per_nilai)
    assert (h["jumlah"], h["rata_rata"], h["ikm"], h["mutu"]) == (sum(per_nilai.values()), rata, indeks, huruf)
    assert h["per_nilai"] == {str(n): per_nilai.get(n, 0) for n in (1, 2, 3, 4)}


@pytest.mark.parametrize(("per_nilai", "indeks", "huruf"), [
    ({4: 2661, 3: 2339}, 88.31, "A"),  # exactly 88.305: half up into A (a float would give 88.30, B)
    ({4: 321, 3: 4679}, 76.61, "B"),   # exactly 76.605
    ({3: 2999, 2: 2001}, 65.0, "C"),   # exactly 64.995
    ({4: 2660, 3: 2340}, 88.3, "B"),   # 88.30 exactly: the top of B
])
def test_pembulatan_di_tepi_pita_tepat(per_nilai: dict[int, int], indeks: float, huruf: str) -> None:
    """An index exactly halfway at a band edge is rounded half up from the exact fraction, and graded as printed."""
    h = ikm.hitung(per_nilai)
    assert (h["ikm"], h["mutu"]) == (indeks, huruf)


def test_tanpa_jawaban() -> None:
    """No answer: zero responses, every value counted 0, no mean, index or grade (not a grade D)."""
    assert ikm.hitung({}) == {"jumlah": 0, "per_nilai": {"1": 0, "2": 0, "3": 0, "4": 0},
                              "rata_rata": None, "ikm": None, "mutu": None}


def test_nilai_di_luar_skala_ditolak() -> None:
    """An answer outside 1-4 is an error, never silently counted."""
    with pytest.raises(ValueError):
        ikm.hitung({5: 1})
    with pytest.raises(ValueError):
        ikm.dari_jawaban([0, 3])


_JAWABAN = st.lists(st.sampled_from(ikm.NILAI), min_size=1, max_size=300)


@given(_JAWABAN)
def test_sifat_konversi(jawaban: list[int]) -> None:
    """For any answers: IKM within 0.005 of mean x 25, in 25-100, its grade the band it falls in."""
    h = ikm.dari_jawaban(jawaban)
    tepat = Fraction(sum(jawaban), len(jawaban)) * 25
    assert abs(Fraction(str(h["ikm"])) - tepat) <= Fraction(1, 200)
    assert 25 <= h["ikm"] <= 100
    pita = [(huruf, float(bawah)) for huruf, bawah, _ in ikm.MUTU]
    assert h["mutu"] == next(huruf for huruf, bawah in pita if h["ikm"] >= bawah)
    assert h["jumlah"] == len(jawaban) == sum(h["per_nilai"].values())


@given(_JAWABAN, st.sampled_from(ikm.NILAI))
def test_jawaban_lebih_baik_tidak_menurunkan(jawaban: list[int], tambahan: int) -> None:
    """Adding an answer at least the current mean never lowers the index nor the grade."""
    h = ikm.dari_jawaban(jawaban)
    if tambahan >= Fraction(sum(jawaban), len(jawaban)):
        h2 = ikm.dari_jawaban([*jawaban, tambahan])
        assert h2["ikm"] >= h["ikm"]
        assert h2["mutu"] <= h["mutu"]  # 'A' < 'B': a better or equal grade
