"""`keluhan formulir`: the forms of a real archived complaint, through the CLI, and the
templates found after a real wheel install."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from conftest import REPO, env_subproses, satu_baris_galat
from keluhan.workflow import Status


def test_fpkp_markdown_ke_stdout(jalankan, sampai) -> None:
    """The FPKP of a finished complaint goes to stdout with its number and every step's officer."""
    nomor = sampai(Status.SELESAI)
    r = jalankan("formulir", nomor, "--jenis", "fpkp")
    assert r.exit_code == 0, r.stderr
    assert "Formulir Penanganan Keluhan Pelanggan" in r.stdout
    assert nomor in r.stdout
    assert "Andi Saputra" in r.stdout and "Budi Santoso" in r.stdout


@pytest.mark.parametrize("jenis", ["fpkp", "ftkp", "tanda-terima", "surat-hasil"])
def test_html_ke_folder(jalankan, sampai, tmp_path: Path, jenis: str) -> None:
    """--keluar DIR writes <jenis>-<nomor>.html there, self-contained, and prints nothing when piped."""
    nomor = sampai(Status.SELESAI)
    folder = tmp_path / "formulir"
    folder.mkdir()
    r = jalankan("formulir", nomor, "--jenis", jenis, "--format", "html", "--keluar", str(folder))
    assert r.exit_code == 0, r.stderr
    (berkas,) = folder.iterdir()
    assert berkas.name == f"{jenis}-{nomor.replace('/', '-')}.html"
    assert (r.stdout, r.stderr) == ("", "")
    isi = berkas.read_text(encoding="utf-8")
    assert isi.lstrip().lower().startswith("<!doctype html")
    assert "<script" not in isi and "http://" not in isi and "https://" not in isi


def test_keluar_mencetak_jalur_hanya_di_terminal(jalankan, sampai, tmp_path: Path, monkeypatch) -> None:
    """On a terminal formulir --keluar says which file it wrote; piped (cron) it says nothing."""
    from keluhan import cli

    nomor = sampai(Status.DICATAT)
    tujuan = tmp_path / "tt.md"
    r = jalankan("formulir", nomor, "--jenis", "tanda-terima", "--keluar", str(tujuan))
    assert (r.exit_code, r.stdout, r.stderr) == (0, "", "")
    monkeypatch.setattr(cli, "_tty", lambda: True)
    r = jalankan("formulir", nomor, "--jenis", "tanda-terima", "--keluar", str(tujuan), "--timpa")
    assert (r.exit_code, r.stdout) == (0, f"Formulir ditulis: {tujuan}\n")


def test_keluar_ke_berkas(jalankan, sampai, tmp_path: Path) -> None:
    """--keluar FILE writes exactly that file and leaves no temporary file beside it."""
    nomor = sampai(Status.DICATAT)
    tujuan = tmp_path / "tt.md"
    r = jalankan("formulir", nomor, "--jenis", "tanda-terima", "--keluar", str(tujuan))
    assert r.exit_code == 0, r.stderr
    assert nomor in tujuan.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".tt")) == []


def test_templat_di_samping_arsip_didahulukan(jalankan, sampai, arsip: Path) -> None:
    """A templates/ folder beside the archive overrides one form; the others stay the package's."""
    nomor = sampai(Status.DICATAT)
    (arsip.parent / "templates").mkdir()
    (arsip.parent / "templates" / "tanda-terima.md.j2").write_text("KOP BALAI SENDIRI {{ data.nomor }}\n", encoding="utf-8")
    r = jalankan("formulir", nomor, "--jenis", "tanda-terima")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.startswith(f"KOP BALAI SENDIRI {nomor}")
    r = jalankan("formulir", nomor, "--jenis", "fpkp")
    assert "Formulir Penanganan Keluhan Pelanggan" in r.stdout


def test_folder_keluar_tidak_ada(jalankan, sampai, tmp_path: Path) -> None:
    """A missing output folder is one line on stderr and no file anywhere."""
    nomor = sampai(Status.DICATAT)
    r = jalankan("formulir", nomor, "--jenis", "fpkp", "--keluar", str(tmp_path / "tidak" / "ada.md"))
    assert "Folder tujuan tidak ada" in satu_baris_galat(r, 2)


@pytest.mark.parametrize("nama", ["formulir/", "formulir"])
def test_keluar_folder_tidak_ada_ditolak(jalankan, sampai, tmp_path: Path, nama: str) -> None:
    """--keluar formulir/ (or suffix-less formulir) for a missing folder is refused; no file called formulir."""
    nomor = sampai(Status.DICATAT)
    sebelum = sorted(tmp_path.iterdir())
    r = jalankan("formulir", nomor, "--jenis", "fpkp", "--keluar", str(tmp_path / nama))
    assert satu_baris_galat(r, 2).startswith(f"Galat: Folder tujuan tidak ada: {tmp_path / 'formulir'}")
    assert sorted(tmp_path.iterdir()) == sebelum


def test_keluar_garis_miring_ke_folder_yang_ada(jalankan, sampai, tmp_path: Path) -> None:
    """--keluar DIR/ for an existing folder writes the form inside it."""
    nomor = sampai(Status.DICATAT)
    (tmp_path / "formulir").mkdir()
    r = jalankan("formulir", nomor, "--jenis", "tanda-terima", "--keluar", f"{tmp_path / 'formulir'}/")
    assert r.exit_code == 0, r.stderr
    assert [p.name for p in (tmp_path / "formulir").iterdir()] == [f"tanda-terima-{nomor.replace('/', '-')}.md"]


def test_keluhan_tidak_ada(jalankan, sampai) -> None:
    """An unknown number is refused in one line."""
    sampai(Status.DICATAT)
    r = jalankan("formulir", "999/KP/BBSPJIKFK/XI/2026", "--jenis", "fpkp")
    assert "tidak ditemukan" in satu_baris_galat(r, 1)


def test_templat_ikut_terpasang_dari_wheel(tmp_path: Path) -> None:
    """The wheel carries templates/ inside the package: a fresh venv with only the wheel
    (dependencies borrowed from the test environment) prints an HTML form from outside the repo."""
    wheel_dir = tmp_path / "wheel"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(wheel_dir), str(REPO)],
        check=True, capture_output=True, timeout=300,
    )
    (whl,) = wheel_dir.glob("keluhan-*.whl")
    with zipfile.ZipFile(whl) as z:
        nama = set(z.namelist())
    assert "keluhan/templates/fpkp.html.j2" in nama and "keluhan/templates/rekap.md.j2" in nama

    v = tmp_path / "venv"
    venv.EnvBuilder(with_pip=False).create(v)
    py = v / "bin" / "python"
    situs = subprocess.run([py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                           check=True, capture_output=True, text=True).stdout.strip()
    with zipfile.ZipFile(whl) as z:
        z.extractall(situs)  # a wheel install is an unzip into site-packages
    deps = [p for p in sys.path if p.endswith("site-packages")]
    kerja = tmp_path / "kantor"
    kerja.mkdir()
    env = env_subproses(KELUHAN_ARSIP=str(kerja / "archive.db"), KELUHAN_PETUGAS="Rina")
    env["PYTHONPATH"] = os.pathsep.join(deps)  # dependencies only: not the repository
    jalan = lambda *a: subprocess.run([py, "-m", "keluhan", *a], cwd=kerja, env=env, capture_output=True, text=True, timeout=60)  # noqa: E731
    r = jalan("init")
    assert r.returncode == 0, r.stderr
    r = jalan("catat", "--nama", "PT Roda", "--media", "surat", "--uraian", "Sertifikat terlambat", "--waktu", "2/11/2026 08.00")
    assert r.returncode == 0, r.stderr
    r = jalan("formulir", r.stdout.strip(), "--jenis", "tanda-terima", "--format", "html")
    assert r.returncode == 0, r.stderr
    assert "PT Roda" in r.stdout
    lokasi = subprocess.run([py, "-c", "import keluhan.formulir as f; print(f._folder_paket())"],
                            cwd=kerja, env=env, capture_output=True, text=True, check=True).stdout.strip()
    assert lokasi.startswith(situs), lokasi


TIDAK_VALID = "keluhan dinyatakan tidak valid, jadi tidak ada FTKP."


@pytest.mark.parametrize(("status", "informasikan", "sebab"), [
    (Status.TIDAK_VALID, False, TIDAK_VALID),
    (Status.TIDAK_VALID, True, TIDAK_VALID),  # then informed: selesai, still no CAPA
    (Status.DICATAT, False, "FTKP tersedia setelah keluhan validasi {n} --benar dan keluhan tindak {n}."),
])
def test_ftkp_tanpa_tindakan_ditolak(jalankan, sampai, status: Status, informasikan: bool, sebab: str) -> None:
    """formulir --jenis ftkp with no CAPA round (not valid, not yet forwarded) is refused in one line, not printed empty."""
    nomor = sampai(status)
    if informasikan:
        assert jalankan("informasikan", nomor, "--waktu", "2026-11-09 09:00").exit_code == 0
    akhir = "selesai" if informasikan else status.value
    r = jalankan("formulir", nomor, "--jenis", "ftkp")
    assert satu_baris_galat(r, 1) == (f"Galat: Belum ada tindakan koreksi dan pencegahan untuk keluhan {nomor} "
                                      f"(status '{akhir}'); {sebab.format(n=nomor)}")


def test_ftkp_kosong_untuk_tim_teknis_dengan_catatan(jalankan, sampai) -> None:
    """A complaint waiting at the Tim Teknis gets the blank FTKP to fill in by hand, with a note on stderr."""
    nomor = sampai(Status.DIVALIDASI)
    r = jalankan("formulir", nomor, "--jenis", "ftkp")
    assert r.exit_code == 0 and "Formulir Tindakan Koreksi" in r.stdout
    assert r.stderr == (f"Catatan: belum ada tindakan koreksi dan pencegahan untuk keluhan {nomor}; FTKP dicetak "
                        "kosong untuk diisi Tim Teknis.\n")


# batal: no result letter, and the refusal says the complaint was voided (tests/test_batal.py).
@pytest.mark.parametrize("status", [s for s in Status if s is not Status.BATAL], ids=lambda s: s.value)
def test_surat_hasil_hanya_setelah_ada_hasil(jalankan, sampai, status: Status) -> None:
    """The result letter exists from diverifikasi/tidak_valid on (selesai, banding too); before that it is refused."""
    nomor = sampai(status)
    r = jalankan("formulir", nomor, "--jenis", "surat-hasil")
    if status in (Status.DIVERIFIKASI, Status.TIDAK_VALID, Status.SELESAI, Status.BANDING):
        assert r.exit_code == 0 and nomor in r.stdout, r.stderr
    else:
        assert satu_baris_galat(r, 1) == (
            f"Galat: Surat hasil keluhan {nomor} belum dapat dibuat: status '{status.value}'; surat hasil dibuat "
            "setelah hasil diverifikasi (keluhan verifikasi) atau keluhan dinyatakan tidak valid.")
