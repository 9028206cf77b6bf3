"""keluhan.jsonalir writes exactly what json.dumps(ensure_ascii=False, indent=2) writes, in pieces."""

from __future__ import annotations

import io
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from keluhan import jsonalir

_SKALAR = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True), st.text())
_JSON = st.recursive(
    _SKALAR,
    lambda anak: st.one_of(
        st.lists(anak, max_size=4), st.tuples(anak, anak),
        st.dictionaries(st.one_of(st.text(), st.integers(), st.booleans(), st.none()), anak, max_size=4),
    ),
    max_leaves=30,
)


@settings(max_examples=500, deadline=None)
@given(obj=_JSON)
def test_sama_dengan_json_dumps(obj: Any) -> None:
    """Any JSON-able value, nested, with odd keys, NaN and text in any script: the same text as json.dumps."""
    harap = json.dumps(obj, ensure_ascii=False, indent=2)
    assert jsonalir.teks(obj) == harap
    f = io.StringIO()
    jsonalir.tulis(obj, f)
    assert f.getvalue() == harap


def test_iterable_ditulis_sebagai_larik() -> None:
    """An iterable that is not a list (a list kept on disk) is written as the list it yields."""
    data = {"jumlah": 2, "keluhan": (x for x in [{"a": 1}, {"b": [1, 2]}]), "kosong": iter(())}
    assert jsonalir.teks(data) == json.dumps({"jumlah": 2, "keluhan": [{"a": 1}, {"b": [1, 2]}], "kosong": []},
                                             ensure_ascii=False, indent=2)


_BARIS = st.lists(st.sampled_from(["id", "nama", "50%", "%s", "hari"]), min_size=1, max_size=5, unique=True).flatmap(
    lambda kunci: st.lists(st.fixed_dictionaries({k: _SKALAR for k in kunci}), min_size=1, max_size=2500))


@settings(max_examples=60, deadline=None)
@given(baris=_BARIS, lain=st.one_of(st.none(), _JSON), di=st.integers(0, 2500))
def test_baris_datar_sama_dengan_json_dumps(baris: list[dict[str, Any]], lain: Any, di: int) -> None:
    """Long lists of flat rows (the recap's complaint lists: the template path, a thousand rows at a time) with any
    plain values, '%' in keys, and now and then a row that breaks the pattern: the same text as json.dumps."""
    if lain is not None:
        baris.insert(min(di, len(baris)), lain)
    data = {"keluhan": baris, "terbuka": [dict(reversed(list(b.items()))) if isinstance(b, dict) else b for b in baris]}
    assert jsonalir.teks(data) == json.dumps(data, ensure_ascii=False, indent=2)


_SEBELUMNYA = st.lists(st.fixed_dictionaries({"nomor": _SKALAR, "sebab": st.lists(_SKALAR, max_size=3)}), max_size=5)
_BERULANG = st.lists(st.fixed_dictionaries({
    "nomor": _SKALAR, "sebelumnya": st.one_of(_SEBELUMNYA, _SEBELUMNYA, _JSON),
    "kaitan": st.one_of(st.lists(st.fixed_dictionaries({"nomor": _SKALAR, "50%": _SKALAR}), max_size=2), _JSON),
}), min_size=1, max_size=1500)


@settings(max_examples=60, deadline=None)
@given(baris=_BERULANG)
def test_baris_bersarang_sama_dengan_json_dumps(baris: list[dict[str, Any]]) -> None:
    """Rows whose values are lists of plain values or of rows (the recap's repeats with their earlier complaints and
    links: written by the template, their lists' items together), empty, or any other nested value now and then:
    the same text as json.dumps."""
    data = {"berulang": baris}
    assert jsonalir.teks(data) == json.dumps(data, ensure_ascii=False, indent=2)
