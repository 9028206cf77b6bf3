"""The satisfaction index (Indeks Kepuasan Masyarakat) of PermenPANRB 14/2017.

The customer answers on a 1-4 scale (1 tidak baik, 2 kurang baik, 3 baik, 4 sangat baik).
The regulation converts the mean answer to an index, IKM = mean x 25 (so 25.00-100.00),
and the index to a grade (mutu pelayanan):

    A  88.31 - 100.00   Sangat Baik
    B  76.61 -  88.30   Baik
    C  65.00 -  76.60   Kurang Baik
    D  25.00 -  64.99   Tidak Baik

The bands are written to two decimals, so the index is reported to two decimals
(half up, computed exactly: the mean of integers is a fraction, never a float) and the
grade is read from the reported value: what is printed and its grade always agree.
These numbers are the regulation's, not a setting: a Balai cannot change them, so they
live here and not in the settings ledger. Pure: imports nothing of ours.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

NILAI = (1, 2, 3, 4)
LABEL_NILAI = {1: "tidak baik", 2: "kurang baik", 3: "baik", 4: "sangat baik"}
# (grade, lowest index of the band, its name), highest first.
MUTU = (
    ("A", Decimal("88.31"), "Sangat Baik"),
    ("B", Decimal("76.61"), "Baik"),
    ("C", Decimal("65.00"), "Kurang Baik"),
    ("D", Decimal("25.00"), "Tidak Baik"),
)
NAMA_MUTU = {huruf: nama for huruf, _, nama in MUTU}
_SEN = Decimal("0.01")
_PER_10RIBU = Decimal("0.0001")


def _bulat(x: Fraction, satuan: Decimal) -> Decimal:
    return (Decimal(x.numerator) / Decimal(x.denominator)).quantize(satuan, rounding=ROUND_HALF_UP)


def mutu(indeks: Decimal | float | str) -> str:
    """The grade (A-D) of an index already rounded to two decimals, 25.00-100.00."""
    x = Decimal(str(indeks)).quantize(_SEN, rounding=ROUND_HALF_UP)
    if not Decimal("25.00") <= x <= Decimal("100.00"):
        raise ValueError(f"IKM {x} di luar rentang 25,00-100,00")
    for huruf, bawah, _ in MUTU:
        if x >= bawah:
            return huruf
    raise AssertionError("unreachable")  # pragma: no cover


def hitung(per_nilai: Mapping[int, int]) -> dict[str, Any]:
    """The recap's ``kepuasan`` figures (without ``menerima``) from how many answers
    gave each value: ``jumlah``, ``per_nilai`` (every value 1-4, as text keys),
    ``rata_rata`` (four decimals), ``ikm`` (two decimals) and ``mutu``; with no answer
    the mean, index and grade are None."""
    for n in per_nilai:
        if n not in NILAI:
            raise ValueError(f"nilai kepuasan {n} di luar skala 1-4")
    hitungan = {n: int(per_nilai.get(n, 0)) for n in NILAI}
    jumlah = sum(hitungan.values())
    hasil: dict[str, Any] = {"jumlah": jumlah, "per_nilai": {str(n): hitungan[n] for n in NILAI},
                             "rata_rata": None, "ikm": None, "mutu": None}
    if jumlah:
        rata = Fraction(sum(n * c for n, c in hitungan.items()), jumlah)
        indeks = _bulat(rata * 25, _SEN)
        hasil.update(rata_rata=float(_bulat(rata, _PER_10RIBU)), ikm=float(indeks), mutu=mutu(indeks))
    return hasil


def dari_jawaban(nilai: Iterable[int]) -> dict[str, Any]:
    """``hitung`` over a list of answers."""
    per: dict[int, int] = {}
    for n in nilai:
        per[n] = per.get(n, 0) + 1
    return hitung(per)
