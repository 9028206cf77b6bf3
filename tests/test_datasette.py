"""Datasette as an auditor meets it: ``keluhan datasette`` writes the metadata for the archive
at hand, ``datasette serve`` really runs with the printed command, and every page reachable
from the front page carries no personal data of the demo's customers; SQL, download and the
personal tables are refused; screenshots of the front page and one audit query are kept
under build/datasette/ (git-ignored)."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from _bantu_kantor import arsip_demo, env
from keluhan import datasette_auditor as da
from keluhan import skema
from keluhan.demo import jumlah_keluhan

AKAR = Path(__file__).resolve().parent.parent
TANGKAPAN = AKAR / "build" / "datasette"


def _keluhan(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "keluhan", *args], capture_output=True, text=True, env=env())


def _port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Layanan:
    """A real ``datasette serve`` on a free port, started with the command the tool printed."""

    def __init__(self, perintah: list[str]) -> None:
        self.port = _port_bebas()
        self.dasar = f"http://127.0.0.1:{self.port}"
        program = Path(sys.executable).with_name("datasette")
        self.proses = subprocess.Popen([str(program), *perintah[1:], "--host", "127.0.0.1", "--port", str(self.port)],
                                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
        batas = time.monotonic() + 60
        while True:
            try:
                self.ambil("/-/versions.json")
                return
            except (urllib.error.URLError, ConnectionError):
                if self.proses.poll() is not None or time.monotonic() > batas:
                    keluar = self.proses.communicate()[0].decode(errors="replace")
                    self.tutup()
                    pytest.fail(f"datasette did not start: {keluar[-2000:]}")
                time.sleep(0.2)

    def ambil(self, jalur: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.dasar + jalur, timeout=30) as r:
                return r.status, r.read().decode("utf-8", errors="replace")
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode("utf-8", errors="replace")

    def tutup(self) -> None:
        if self.proses.poll() is None:
            os.killpg(self.proses.pid, signal.SIGTERM)
            try:
                self.proses.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proses.pid, signal.SIGKILL)
                self.proses.wait()
        if self.proses.stdout:
            self.proses.stdout.close()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo archive under a name that is not archive.db: the metadata must follow the file."""
    asal = arsip_demo(tmp_path_factory)
    tujuan = asal.with_name("register-balai-2026.db")
    asal.rename(tujuan)
    return tujuan


@pytest.fixture(scope="module")
def metadata(demo: Path) -> tuple[Path, list[str]]:
    jalur = demo.with_name("metadata-auditor.json")
    r = _keluhan("--arsip", str(demo), "datasette", "--keluar", str(jalur))
    assert r.returncode == 0, r.stderr
    baris = [b for b in r.stdout.splitlines() if b.startswith("datasette serve")]
    assert len(baris) == 1, r.stdout
    import shlex

    return jalur, shlex.split(baris[0])


@pytest.fixture(scope="module")
def layanan(metadata: tuple[Path, list[str]]) -> Iterator[Layanan]:
    ls = Layanan(metadata[1])
    yield ls
    ls.tutup()


def data_pribadi(arsip: Path) -> set[str]:
    """Every name, address, phone and e-mail of the demo's customers."""
    db = sqlite3.connect(arsip)
    try:
        nilai = {v for kolom in ("nama", "alamat", "telepon", "email")
                 for (v,) in db.execute(f"SELECT {kolom} FROM keluhan WHERE {kolom} IS NOT NULL")}
    finally:
        db.close()
    assert len(nilai) > 12 and any("@" in v for v in nilai) and any("0812" in v for v in nilai)
    return nilai


def _bentuk(v: str) -> set[str]:
    """The ways a value can appear in a page: as is, HTML-escaped, URL-encoded, JSON-escaped."""
    import html

    return {v, html.escape(v), urllib.parse.quote(v), urllib.parse.quote_plus(v), json.dumps(v)[1:-1]}


def _tautan(halaman: str, dari: str) -> set[str]:
    hasil = set()
    for h in re.findall(r'href="([^"#]*)', halaman):
        h = urllib.parse.urljoin("http://x" + dari, html_unescape(h))
        if h.startswith("http://x/") and not h.startswith("http://x/-/static"):
            hasil.add(h[len("http://x"):])
    return hasil


def html_unescape(s: str) -> str:
    import html

    return html.unescape(s)


def test_perintah_menulis_metadata_untuk_arsip_ini(demo: Path, metadata: tuple[Path, list[str]]) -> None:
    """The metadata is keyed by the archive's own file name and the printed command names that file and the auditors' settings."""
    jalur, perintah = metadata
    meta = json.loads(jalur.read_text(encoding="utf-8"))
    assert list(meta["databases"]) == ["register-balai-2026"]
    assert perintah[:3] == ["datasette", "serve", str(demo)]
    assert perintah == da.perintah(demo, jalur)
    for k, v in {**da.PENGATURAN, "sql_time_limit_ms": "3000"}.items():
        assert f"--setting {k} {v}" in " ".join(perintah)
    assert da.batas_waktu_ms(12) < da.batas_waktu_ms(100_000) < da.batas_waktu_ms(1_000_000)
    basis = meta["databases"]["register-balai-2026"]
    assert set(basis["queries"]) == {q.nama for q in skema.KUERI}
    assert basis["tables"]["keluhan"]["allow"] == {"id": "root"} and meta["allow_sql"] == {"id": "root"}
    # Without --keluar: the JSON on stdout.
    r = _keluhan("--arsip", str(demo), "datasette")
    assert r.returncode == 0 and json.loads(r.stdout)["databases"].keys() == {"register-balai-2026"}


def test_keluar_mengikuti_aturan_berkas(demo: Path, metadata: tuple[Path, list[str]], tmp_path: Path) -> None:
    """An existing metadata file is replaced only with --timpa, the archive itself never; a folder gets NAME-datasette.json."""
    jalur, _ = metadata
    lama = jalur.read_bytes()
    r = _keluhan("--arsip", str(demo), "datasette", "--keluar", str(jalur))
    assert r.returncode != 0 and "sudah ada" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert jalur.read_bytes() == lama
    arsip_lama = demo.read_bytes()
    r = _keluhan("--arsip", str(demo), "datasette", "--keluar", str(demo), "--timpa")
    assert r.returncode != 0 and r.stderr.startswith("Galat:") and demo.read_bytes() == arsip_lama
    r = _keluhan("--arsip", str(demo), "datasette", "--keluar", f"{tmp_path}/")
    assert r.returncode == 0, r.stderr
    assert json.loads((tmp_path / "register-balai-2026-datasette.json").read_text(encoding="utf-8"))["databases"]
    assert _keluhan("--arsip", str(demo), "datasette", "--keluar", f"{tmp_path}/", "--timpa").returncode == 0


def test_arsip_tidak_ada_ditolak(tmp_path: Path) -> None:
    """No archive, no metadata: one Galat line, nothing created."""
    r = _keluhan("--arsip", str(tmp_path / "tidak-ada.db"), "datasette", "--keluar", str(tmp_path / "m.json"))
    assert r.returncode != 0 and r.stderr.startswith("Galat:") and len(r.stderr.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["archive.db"]  # the fixture's archive only


def test_halaman_auditor_tanpa_data_pribadi(demo: Path, layanan: Layanan) -> None:
    """Every page reachable from the front page (HTML, JSON, CSV) shows no name, address, phone or e-mail of a demo customer."""
    pribadi = {b for v in data_pribadi(demo) for b in _bentuk(v)}
    db = "register-balai-2026"
    awal = ["/", f"/{db}", f"/{db}?_show_hidden=1", "/-/metadata.json"]
    for q in skema.KUERI:
        contoh = urllib.parse.urlencode(q.contoh)
        awal += [f"/{db}/{q.nama}?{contoh}", f"/{db}/{q.nama}.json?{contoh}", f"/{db}/{q.nama}.csv?{contoh}"]
    antre, dilihat, dibuka = list(awal), set(awal), 0
    while antre and dibuka < 600:
        jalur = antre.pop(0)
        status, isi = layanan.ambil(jalur)
        dibuka += 1
        assert status in (200, 403), (jalur, status, isi[:300])
        bocor = sorted(v for v in pribadi if v in isi)
        assert not bocor, (jalur, bocor)
        if status == 200 and ".json" not in jalur and ".csv" not in jalur:
            for t in sorted(_tautan(isi, jalur)):
                if t not in dilihat and "_sort" not in t and "_facet_size" not in t:
                    dilihat.add(t)
                    antre.append(t)
                    if "?" not in t and t.count("/") == 2:  # a table or view: its JSON and CSV too
                        for akhiran in (".json", ".csv"):
                            if (t + akhiran) not in dilihat:
                                dilihat.add(t + akhiran)
                                antre.append(t + akhiran)
    assert dibuka > 60


def test_yang_ditolak_untuk_auditor(layanan: Layanan) -> None:
    """Arbitrary SQL, the whole-file download, the tables with personal data, the attached files' bytes and the kept
    recaps are refused; the redacted views answer."""
    db = "register-balai-2026"
    for jalur in (f"/{db}.db", f"/{db}?sql=select+telepon+from+keluhan", f"/{db}.json?sql=select+1",
                  f"/{db}/keluhan", f"/{db}/keluhan.json", f"/{db}/riwayat.csv", f"/{db}/v_riwayat",
                  f"/{db}/v_keluhan_status.json", f"/{db}/v_terlambat", f"/{db}/keluhan_cari.json",
                  f"/{db}/keluhan_cari_content.csv", f"/{db}.json?sql=select+*+from+keluhan_cari",
                  f"/{db}/berkas_lampiran", f"/{db}/berkas_lampiran.json",  # the scans and e-mails themselves
                  f"/{db}/rekap_bulan", f"/{db}/rekap_bulan.json"):  # kept recaps: the customers' names in their rows
        status, _ = layanan.ambil(jalur)
        assert status == 403, jalur
    status, isi = layanan.ambil(f"/{db}/v_keluhan_tanpa_data_pribadi.json?_shape=array&_size=100")
    assert status == 200 and len(json.loads(isi)) == jumlah_keluhan()
    status, isi = layanan.ambil(f"/{db}")
    assert status == 200 and "Custom SQL query" not in isi and f'href="/{db}.db"' not in isi


def test_halaman_depan_menyebut_arsip_dan_kueri_dahulu(layanan: Layanan) -> None:
    """The front page says which archive this is and lists the audit queries before the tables; internals are not listed."""
    for jalur in ("/", "/register-balai-2026"):
        status, isi = layanan.ambil(jalur)
        assert status == 200
        assert "register-balai-2026.db" in isi and f"{jumlah_keluhan()} keluhan" in isi and "Asia/Jakarta" in isi
        posisi = [isi.find(f'href="register-balai-2026/{q.nama}"') for q in skema.KUERI]
        assert all(p > 0 for p in posisi), posisi
        assert max(posisi) < isi.find("register-balai-2026/v_keluhan_tanpa_data_pribadi")
    _, isi = layanan.ambil("/register-balai-2026")
    daftar = isi[isi.find('id="tables"'):]
    assert "_migrasi" not in daftar.split("hidden table")[0]
    assert ">keluhan<" not in daftar and ">riwayat<" not in daftar


def test_catatan_kolom_tidak_menimbun_data(layanan: Layanan) -> None:
    """A table page shows its description, its column notes folded away, and then the rows."""
    status, isi = layanan.ambil("/register-balai-2026/v_keluhan_tanpa_data_pribadi")
    assert status == 200
    assert "Arti setiap kolom" in isi and "<details>" in isi and 'class="column-descriptions"' not in isi
    assert "Official number on the receipt" in isi
    assert isi.find("</details>") < isi.find('class="rows-and-columns"')


def test_kueri_audit_tanpa_parameter_menampilkan_bawaan(layanan: Layanan) -> None:
    """A canned query opened without parameters runs with its defaults and explains each parameter with an example."""
    for q in skema.KUERI:
        status, isi = layanan.ambil(f"/register-balai-2026/{q.nama}")
        assert status == 200, q.nama
        for p in q.parameter:
            assert f"<code>{p.contoh}</code>" in isi, (q.nama, p.nama)


def _tangkap(url: str, keluar: Path, profil: Path) -> None:
    exe = shutil.which("chromium")
    if exe is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed but CI is set")
        pytest.skip("chromium is not installed (apt-get install chromium)")
    perintah = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run",
                "--disable-component-update", "--disable-sync", f"--user-data-dir={profil}", "--hide-scrollbars",
                "--window-size=1280,1600", f"--screenshot={keluar}", url]
    with subprocess.Popen(perintah, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True) as proses:
        try:
            _, galat = proses.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            os.killpg(proses.pid, signal.SIGKILL)
            proses.communicate()
            pytest.fail("chromium did not finish the screenshot within 120 s")
    assert proses.returncode == 0, galat.decode(errors="replace")[-2000:]
    assert keluar.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and keluar.stat().st_size > 10_000


def test_tangkapan_layar_halaman_depan_dan_kueri(layanan: Layanan, tmp_path: Path) -> None:
    """Headless Chromium screenshots of the front page and of an audit query, kept in build/datasette/ for review."""
    TANGKAPAN.mkdir(parents=True, exist_ok=True)
    q = skema.KUERI[0]
    halaman = {"depan.png": "/", f"kueri-{q.nama}.png": f"/register-balai-2026/{q.nama}?{urllib.parse.urlencode(q.contoh)}"}
    for nama, jalur in halaman.items():
        _tangkap(layanan.dasar + jalur, TANGKAPAN / nama, tmp_path / f"profil-{nama}")
