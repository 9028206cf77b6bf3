"""`datasette archive.db -m datasette/metadata.json` works on the first try: descriptions shown, canned audit queries answer."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

from _bantu_kantor import arsip_demo
from keluhan import skema

METADATA = Path(__file__).resolve().parent.parent / "datasette" / "metadata.json"


def _ambil(arsip: Path, *jalur: str) -> list[Any]:
    """GET each path from a Datasette serving ``arsip`` with the repo's metadata, in process."""
    from datasette.app import Datasette

    async def jalan() -> list[Any]:
        ds = Datasette(files=[str(arsip)], metadata=json.loads(METADATA.read_text(encoding="utf-8")))
        await ds.invoke_startup()
        hasil = []
        for j in jalur:
            r = await ds.client.get(j)
            assert r.status_code == 200, (j, r.status_code, r.text[:500])
            hasil.append(r.json() if ".json" in j else r.text)
        return hasil

    return asyncio.run(jalan())


def test_kueri_tersimpan_mengembalikan_baris(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Canned audit queries run in Datasette on the demo archive and return rows, with and without parameters."""
    arsip = arsip_demo(tmp_path_factory)
    koreksi, kembali, verif = _ambil(
        arsip,
        "/archive/koreksi.json?_shape=array",
        "/archive/dikembalikan.json?_shape=array",
        "/archive/verifikasi_keluhan.json?_shape=array&nomor=002/KP/BBSPJIKFK/X/2026",
    )
    assert [r["nilai_baru"] for r in koreksi] == ["PT Plastik Prima Tbk"]
    assert [r["nomor"] for r in kembali] == ["002/KP/BBSPJIKFK/X/2026"]
    assert [r["aksi"] for r in verif] == ["verifikasi_kembalikan", "verifikasi_terima"]


def test_setiap_kueri_tersimpan_terdaftar(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Every audit question is listed on the database page, and each answers with its example parameters."""
    arsip = arsip_demo(tmp_path_factory)
    halaman, *jawaban = _ambil(
        arsip, "/archive",
        *(f"/archive/{q.nama}.json?_shape=array&" + "&".join(f"{k}={v}" for k, v in q.contoh.items())
          for q in skema.KUERI),
    )
    for q, baris in zip(skema.KUERI, jawaban):
        assert f"/archive/{q.nama}" in halaman
        assert baris, q.nama


def test_deskripsi_tabel_dan_kolom_tampil(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The keluhan table page shows its bilingual description and column descriptions; facets come preset."""
    arsip = arsip_demo(tmp_path_factory)
    html, data = _ambil(arsip, "/archive/keluhan", "/archive/keluhan.json?_extra=facet_results&_size=1")
    assert "One row per complaint" in html and "Satu baris per keluhan" in html
    assert "Official number on the receipt" in html
    assert {"status", "media", "tim_teknis"} <= set(data["facet_results"])
