"""`make demo` names complaints as a clerk does (issue 12): the steps after `catat` use the
short reference ("validasi 1 ..."), never the full official number."""

from __future__ import annotations

import re

from _bantu_kantor import KELUARAN_DEMO, arsip_demo


def test_demo_memakai_rujukan_pendek(tmp_path_factory) -> None:
    """Every step, form and correction the demo types names its complaint by sequence number."""
    arsip_demo(tmp_path_factory)
    keluaran = KELUARAN_DEMO[0]
    perintah = [b for b in keluaran.splitlines() if b.startswith("$ keluhan ")]
    langkah = [b for b in perintah if re.search(r" (validasi|tindak|verifikasi|informasikan|banding|koreksi) ", b)]
    assert langkah, keluaran[:2000]
    for b in langkah:
        assert not re.search(r"\d{3}/KP/", b), b
        assert re.search(r" (validasi|tindak|verifikasi|informasikan|banding|koreksi) \d+(/\d{4})? ", b), b
