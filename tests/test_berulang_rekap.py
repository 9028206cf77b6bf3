"""The recap's ``berulang`` (issue 16): the period's complaints matching an earlier one of the same customer within
``berulang.hari`` or linked by ``keluhan kaitkan``, as of the period's end and the recap's anchor, held to the full
replay (tests/rekap_acuan.py)."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from test_berulang import _catat


def _rekap(jalankan, *args: str) -> dict:
    r = jalankan("rekap", *args, "--format", "json")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


def _riwayat_pelanggan(jalankan) -> dict[str, str]:
    """Complaints around October-November 2026: repeats by e-mail, phone and organisation, a voided duplicate,
    a near miss, a link dated in November. Returns their numbers."""
    n = {}
    n["juni"] = _catat(jalankan, datetime(2026, 6, 1, 9), email="ani@contoh.co.id")  # > 180 days before 30 Nov
    n["sep"] = _catat(jalankan, datetime(2026, 9, 15, 9), email="ani@contoh.co.id", instansi="PT Sinar Abadi")
    n["okt"] = _catat(jalankan, datetime(2026, 10, 5, 9), telepon="+62 811 222 333", instansi="PT. Sinar Abadi")
    n["ganda"] = _catat(jalankan, datetime(2026, 10, 5, 9, 30), telepon="0811222333")
    assert jalankan("batal", n["ganda"], "--alasan", "Tercatat ganda", "--waktu", "2026-10-05 10:00").exit_code == 0
    n["nov1"] = _catat(jalankan, datetime(2026, 11, 2, 9), telepon="0811-222-333")
    n["nov2"] = _catat(jalankan, datetime(2026, 11, 10, 9), email="budi@lain.id")
    n["nov3"] = _catat(jalankan, datetime(2026, 11, 30, 9), email="ANI@contoh.co.id")
    assert jalankan("kaitkan", n["nov2"], n["okt"], "--alasan", "Akar masalah sama", "--waktu", "2026-11-12 10:00"
                    ).exit_code == 0
    return n


def test_rekap_berulang_kunci_pelanggan_dan_kaitan(jalankan) -> None:
    """November's berulang lists its complaints matching an earlier one of the same customer within 180 days (a
    voided duplicate and the near miss of June left out) and those linked; October's lists the organisation's
    repeat but not the link, dated after October's end; md and html show the same rows."""
    n = _riwayat_pelanggan(jalankan)
    nov = _rekap(jalankan, "--bulan", "2026-11")
    assert nov["berulang_hari"] == 180
    assert [(x["nomor"], [(e["nomor"], e["sebab"]) for e in x["sebelumnya"]], [(k["nomor"], k["arah"]) for k in x["kaitan"]])
            for x in nov["berulang"]] == [
        (n["nov1"], [(n["okt"], ["telepon"])], []),
        (n["nov2"], [], [(n["okt"], "ke")]),
        (n["nov3"], [(n["sep"], ["email"])], []),
    ]
    okt = _rekap(jalankan, "--bulan", "2026-10")
    assert [(x["nomor"], [e["nomor"] for e in x["sebelumnya"]], [(k["nomor"], k["arah"]) for k in x["kaitan"]])
            for x in okt["berulang"]] == [(n["okt"], [n["sep"]], [])]
    assert okt["berulang"][0]["sebelumnya"][0]["sebab"] == ["instansi"]
    md = jalankan("rekap", "--bulan", "2026-11", "--format", "md").stdout
    assert "## Keluhan Berulang" in md
    assert f"| 1 | {n['nov1']} | 2 November 2026 | {n['okt']} (5 Oktober 2026; telepon sama) |  |" in md
    assert f"| 2 | {n['nov2']} | 10 November 2026 |  | {n['okt']}: Akar masalah sama |" in md
    html = jalankan("rekap", "--bulan", "2026-11", "--format", "html").stdout
    assert f"<td>{n['okt']} (5 Oktober 2026; telepon sama)</td>" in html


def test_rekap_berulang_sama_dengan_putar_ulang(jalankan, arsip) -> None:
    """The recap's berulang equals the full replay's (tests/rekap_acuan.py) for each month, the quarter and the
    year, now and at an anchor taken before a late link, a late complaint and a correction."""
    import rekap_acuan

    from keluhan import jangkar as jk, pengaturan, rekap
    from keluhan.arsip import Arsip
    from keluhan.rekap import Periode

    n = _riwayat_pelanggan(jalankan)
    periode = [Periode.bulan(2026, b) for b in (9, 10, 11)] + [Periode.bagian("triwulan", 2026, 4), Periode.tahun(2026)]
    kini = datetime(2026, 12, 1, 0, 0).astimezone()
    a = Arsip(arsip, pengaturan.muat(None))
    try:
        j = jk.ujung(a.db)
    finally:
        a.tutup()
    # Recorded after the anchor: a link dated in November, a complaint dated in November, an e-mail corrected.
    assert jalankan("kaitkan", n["nov3"], n["nov1"], "--alasan", "Contoh uji sama", "--waktu", "2026-11-30 10:00"
                    ).exit_code == 0
    n["nov4"] = _catat(jalankan, datetime(2026, 11, 30, 11), instansi="pt sinar abadi")
    assert jalankan("koreksi", n["nov2"], "--kolom", "email", "--nilai", "ani@contoh.co.id", "--alasan", "Salah ketik"
                    ).exit_code == 0
    a = Arsip(arsip, pengaturan.muat(None))
    try:
        kal = a.kalender()
        for p in periode:
            for jangkar in (None, j):
                cepat = rekap.rekap(a.db, kal, a.p, p, sekarang=kini, jangkar=jangkar)
                acuan = rekap_acuan.rekap(a.db, kal, a.p, p, sekarang=kini, jangkar=jangkar)
                assert (cepat["berulang_hari"], cepat["berulang"]) == (acuan["berulang_hari"], acuan["berulang"]), p.label
                assert cepat == acuan, p.label
        nov = rekap.rekap(a.db, kal, a.p, Periode.bulan(2026, 11), sekarang=kini)
        nov_lalu = rekap.rekap(a.db, kal, a.p, Periode.bulan(2026, 11), sekarang=kini, jangkar=j)
    finally:
        a.tutup()
    assert len(nov_lalu["berulang"]) == 3
    # The correction (made in December) is after November's end: November still sees nov2 by its old e-mail.
    assert [x["nomor"] for x in nov["berulang"]] == [n["nov1"], n["nov2"], n["nov3"], n["nov4"]]
    assert nov["berulang"][1]["sebelumnya"] == []
    assert [k["nomor"] for k in nov["berulang"][2]["kaitan"]] == [n["nov1"]]
    assert [e["nomor"] for e in nov["berulang"][3]["sebelumnya"]] == [n["okt"], n["sep"]]
    des = _rekap(jalankan, "--bulan", "2026-12")
    assert des["berulang"] == []


def test_rekap_berulang_jangkar_byte_sama(jalankan, tmp_path: Path) -> None:
    """A link, a repeat complaint and a correction recorded after November's recap leave it, run with its printed
    anchor, byte for byte the document first written (md, html, json); without the anchor they show."""
    n = _riwayat_pelanggan(jalankan)
    berkas = {}
    for fmt in ("md", "html", "json"):
        berkas[fmt] = tmp_path / f"rekap-2026-11.{fmt}"
        r = jalankan("rekap", "--bulan", "2026-11", "--format", fmt, "--keluar", str(berkas[fmt]))
        assert r.exit_code == 0, r.stderr
    assert jalankan("kaitkan", n["nov1"], n["nov3"], "--alasan", "Contoh uji sama", "--waktu", "2026-11-30 10:00"
                    ).exit_code == 0
    _catat(jalankan, datetime(2026, 11, 30, 12), email="budi@lain.id")
    assert jalankan("koreksi", n["nov1"], "--kolom", "telepon", "--nilai", "0899 000 111", "--alasan", "Salah ketik"
                    ).exit_code == 0
    for fmt in ("md", "html", "json"):
        r = jalankan("rekap", "--bulan", "2026-11", "--format", fmt, "--jangkar", str(berkas["json"]))
        assert r.exit_code == 0, r.stderr
        assert r.stdout.encode("utf-8") == berkas[fmt].read_bytes(), fmt
    kini = _rekap(jalankan, "--bulan", "2026-11")
    assert len(kini["berulang"]) == 4
    assert [k["nomor"] for k in kini["berulang"][0]["kaitan"]] == [n["nov3"]]
    assert kini["berulang"][0]["sebelumnya"][0]["nomor"] == n["okt"]  # the phone corrected in December: not yet then


def test_kaitan_kemudian_hanya_mengubah_jangkar_rekap_lalu(jalankan) -> None:
    """A link recorded later and dated after October (between October's and November's complaints) leaves
    October's recap, run again without an anchor, the same document but for its anchor; November's shows it."""
    n = _riwayat_pelanggan(jalankan)
    okt = _rekap(jalankan, "--bulan", "2026-10")
    assert jalankan("kaitkan", n["okt"], n["nov1"], "--alasan", "Telepon sama", "--waktu", "2026-11-20 09:00"
                    ).exit_code == 0
    lagi = _rekap(jalankan, "--bulan", "2026-10")
    assert lagi.pop("jangkar") != okt.pop("jangkar")
    assert lagi == okt
    nov = _rekap(jalankan, "--bulan", "2026-11")
    assert [(k["nomor"], k["arah"]) for x in nov["berulang"] if x["nomor"] == n["nov1"] for k in x["kaitan"]] == [
        (n["okt"], "dari")]


def test_rekap_berulang_kunci_bertumpuk_dan_detik_sama(jalankan, arsip) -> None:
    """A complaint sharing two keys with one earlier complaint counts it once, beside those sharing one key each;
    of six earlier ones recorded in the same second the newest five listed are those with the highest numbers; all
    equal to the full replay (tests/rekap_acuan.py)."""
    import rekap_acuan

    from keluhan import pengaturan, rekap
    from keluhan.arsip import Arsip
    from keluhan.rekap import Periode

    a = _catat(jalankan, datetime(2026, 10, 1, 9), email="ani@contoh.co.id", instansi="PT Sinar Abadi")
    b = _catat(jalankan, datetime(2026, 10, 2, 9), instansi="PT. Sinar Abadi")
    c = _catat(jalankan, datetime(2026, 10, 3, 9), email="ANI@contoh.co.id")
    d = [_catat(jalankan, datetime(2026, 10, 4, 9), instansi="pt sinar abadi") for _ in range(6)]
    x = _catat(jalankan, datetime(2026, 10, 20, 9), email="ani@contoh.co.id", instansi="PT Sinar Abadi")
    y = _catat(jalankan, datetime(2026, 10, 21, 9), email="ani@contoh.co.id")
    okt = {r["nomor"]: r for r in _rekap(jalankan, "--bulan", "2026-10")["berulang"]}
    assert okt[x]["jumlah_sebelumnya"] == 9  # a (both keys), b, c, the six
    assert [(e["nomor"], e["sebab"]) for e in okt[x]["sebelumnya"]] == [(n, ["instansi"]) for n in d[:0:-1]]
    assert okt[y]["jumlah_sebelumnya"] == 3
    assert [(e["nomor"], e["sebab"]) for e in okt[y]["sebelumnya"]] == [(x, ["email"]), (c, ["email"]), (a, ["email"])]
    assert [(e["nomor"], e["sebab"]) for e in okt[d[0]]["sebelumnya"]] == [(b, ["instansi"]), (a, ["instansi"])]
    assert [(e["nomor"], e["sebab"]) for e in okt[c]["sebelumnya"]] == [(a, ["email"])]
    kini = datetime(2026, 12, 1, 0, 0).astimezone()
    ar = Arsip(arsip, pengaturan.muat(None))
    try:
        kal = ar.kalender()
        for p in (Periode.bulan(2026, 10), Periode.bagian("triwulan", 2026, 4)):
            cepat = rekap.rekap(ar.db, kal, ar.p, p, sekarang=kini)
            acuan = rekap_acuan.rekap(ar.db, kal, ar.p, p, sekarang=kini)
            assert cepat["berulang"] == acuan["berulang"], p.label
    finally:
        ar.tutup()
