"""Files the tool writes (SPEC "Files the tool writes", issue 10): never an existing file
without --timpa, never the archive, its -wal/-shm or the settings file, a temporary file
created exclusively (a planted link is not followed), no two winners for one new name,
DIR/ a folder that must exist, and a refused write (disk full, no permission, name too
long) as one line that leaves nothing behind. Real files, real processes, real limits."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from conftest import PERINTAH_CLI, REPO, env_subproses, potret, satu_baris_galat
from keluhan import berkas
from keluhan.workflow import Status

# Each writing command, as the arguments after which a target path follows.
def _perintah(nomor: str) -> dict[str, list[str]]:
    return {
        "rekap": ["rekap", "--bulan", "2026-11", "--keluar"],
        "formulir": ["formulir", nomor, "--jenis", "fpkp", "--keluar"],
        "ekspor": ["ekspor", "--keluar"],
        "cadangkan": ["cadangkan"],
    }


PERINTAH = ["rekap", "formulir", "ekspor", "cadangkan"]


def _args(perintah: str, nomor: str, tujuan: Path | str, *tambahan: str) -> list[str]:
    return [*_perintah(nomor)[perintah], str(tujuan), *tambahan]


def _isi_folder(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# -- the archive, its -wal/-shm and the settings file are never written -------------------


def _target_terlindung(jenis: str, arsip: Path, tmp_path: Path) -> Path:
    """A path that is (or resolves to) a protected file, made the way a mistake makes it."""
    if jenis == "arsip":
        return arsip
    if jenis in ("-wal", "-shm"):
        return Path(f"{arsip}{jenis}")
    if jenis == "pengaturan":
        (arsip.parent / "keluhan.toml").write_text("# pengaturan kantor\n", encoding="utf-8")
        return arsip.parent / "keluhan.toml"
    if jenis == "symlink":
        (tmp_path / "tautan.md").symlink_to(arsip)
        return tmp_path / "tautan.md"
    if jenis == "hardlink":
        os.link(arsip, tmp_path / "kembar.md")
        return tmp_path / "kembar.md"
    if jenis == "folder-lewat-tautan":  # the archive's folder reached through a link to it
        (tmp_path / "kantor").symlink_to(arsip.parent, target_is_directory=True)
        return tmp_path / "kantor" / arsip.name
    if jenis == "wal-huruf-besar":  # the same name on a case-insensitive file system (macOS, Windows)
        return arsip.with_name(f"{arsip.name}-WAL".upper())
    if jenis == "wal-lewat-tautan":  # the -wal, not existing yet, named through a dangling link
        (tmp_path / "wal.md").symlink_to(f"{arsip}-wal")
        return tmp_path / "wal.md"
    raise AssertionError(jenis)


@pytest.mark.parametrize("timpa", [False, True], ids=["tanpa-timpa", "timpa"])
@pytest.mark.parametrize("jenis", ["arsip", "-wal", "-shm", "pengaturan", "symlink", "hardlink",
                                   "folder-lewat-tautan", "wal-lewat-tautan", "wal-huruf-besar"])
@pytest.mark.parametrize("perintah", PERINTAH)
def test_tidak_pernah_menimpa_arsip_atau_pengaturan(perintah: str, jenis: str, timpa: bool, jalankan, sampai,
                                                   arsip: Path, tmp_path: Path) -> None:
    """rekap/formulir/ekspor --keluar and cadangkan onto the archive, its -wal/-shm or keluhan.toml (by any link) are refused even with --timpa; all unchanged."""
    nomor = sampai(Status.DICATAT)
    tujuan = _target_terlindung(jenis, arsip, tmp_path)
    pengaturan = arsip.parent / "keluhan.toml"
    sebelum, toml = potret(arsip), pengaturan.read_bytes() if pengaturan.exists() else None
    folder_sebelum = _isi_folder(tmp_path)
    r = jalankan(*_args(perintah, nomor, tujuan, *(["--timpa"] if timpa else [])))
    baris = satu_baris_galat(r, 1)
    assert baris.startswith(f"Galat: Tujuan {tujuan} adalah ") and "tidak pernah ditimpa, juga dengan --timpa" in baris
    assert potret(arsip) == sebelum
    assert (pengaturan.read_bytes() if pengaturan.exists() else None) == toml
    assert _isi_folder(tmp_path) == folder_sebelum  # no -wal/-shm file made, no temp file left


def test_init_paksa_satu_satunya_yang_mengganti_pengaturan(jalankan, sampai, arsip: Path) -> None:
    """init leaves an existing keluhan.toml alone (saying so, naming --paksa); init --paksa replaces it keeping
    keluhan.toml.bak; init never writes onto the archive."""
    sampai(Status.DICATAT)
    toml = arsip.parent / "keluhan.toml"
    toml.write_text("# milik kantor\n[unit]\nnama = \"Balai Kantor\"\n", encoding="utf-8")
    r = jalankan("init")
    assert r.exit_code == 0 and f"Pengaturan sudah ada, tidak diubah: {toml} (--paksa" in r.stdout, r.stderr
    assert toml.read_text(encoding="utf-8").startswith("# milik kantor")
    r = jalankan("init", "--paksa")
    assert r.exit_code == 0, r.stderr
    assert (arsip.parent / "keluhan.toml.bak").read_text(encoding="utf-8").startswith("# milik kantor")
    assert toml.read_text(encoding="utf-8").startswith("# keluhan.toml: pengaturan register keluhan")
    assert oct(toml.stat().st_mode & 0o777) == oct(0o640)
    sebelum = potret(arsip)
    r = jalankan("--konfigurasi", str(arsip), "init", "--paksa")
    assert "adalah arsip keluhan" in satu_baris_galat(r, 1)
    assert potret(arsip) == sebelum and not (arsip.parent / "archive.db.bak").exists()


# -- an existing file is replaced only with --timpa -------------------------------------


@pytest.mark.parametrize("perintah", PERINTAH)
def test_berkas_yang_ada_tidak_ditimpa_tanpa_timpa(perintah: str, jalankan, sampai, tmp_path: Path) -> None:
    """An existing target is refused in one line and left as it was; with --timpa it is replaced whole."""
    nomor = sampai(Status.DICATAT)
    tujuan = tmp_path / {"rekap": "r.md", "formulir": "f.md", "ekspor": "e.csv", "cadangkan": "c.db"}[perintah]
    tujuan.write_text("laporan penting bulan lalu\n", encoding="utf-8")
    r = jalankan(*_args(perintah, nomor, tujuan))
    assert satu_baris_galat(r, 1) == f"Galat: Berkas {tujuan} sudah ada; tambahkan --timpa untuk menggantinya."
    assert tujuan.read_text(encoding="utf-8") == "laporan penting bulan lalu\n"
    r = jalankan(*_args(perintah, nomor, tujuan, "--timpa"))
    assert r.exit_code == 0, r.stderr
    assert tujuan.read_bytes() != b"laporan penting bulan lalu\n"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("perintah", PERINTAH)
def test_tautan_menggantung_dihitung_ada(perintah: str, jalankan, sampai, tmp_path: Path) -> None:
    """A symbolic link at the target (even one pointing nowhere) is an existing file: refused, never written through."""
    nomor = sampai(Status.DICATAT)
    korban = tmp_path / "lain" / "korban.txt"
    tujuan = tmp_path / {"rekap": "r.md", "formulir": "f.md", "ekspor": "e.csv", "cadangkan": "c.db"}[perintah]
    tujuan.symlink_to(korban)
    (tmp_path / "lain").mkdir()
    r = jalankan(*_args(perintah, nomor, tujuan))
    assert "sudah ada" in satu_baris_galat(r, 1)
    assert not korban.exists() and tujuan.is_symlink()


def test_tautan_yang_ditanam_di_nama_sementara_tidak_diikuti(jalankan, sampai, tmp_path: Path) -> None:
    """A symlink planted at ekspor's old predictable temp name (.NAME.PID.sementara) is not followed: the victim file keeps its bytes."""
    sampai(Status.DICATAT, nama="PT Data Pribadi", telepon="0812-1111-2222")
    korban = tmp_path / "korban.txt"
    korban.write_text("berkas orang lain\n", encoding="utf-8")
    tujuan = tmp_path / "ekspor.csv"
    tanam = tmp_path / f".{tujuan.name}.{os.getpid()}.sementara"
    tanam.symlink_to(korban)
    r = jalankan("ekspor", "--keluar", str(tujuan))
    assert r.exit_code == 0, r.stderr
    assert korban.read_text(encoding="utf-8") == "berkas orang lain\n"
    assert not tujuan.is_symlink() and "PT Data Pribadi" in tujuan.read_text(encoding="utf-8-sig")
    assert tanam.is_symlink() and os.readlink(tanam) == str(korban)  # left alone, not renamed into place
    assert oct(tujuan.stat().st_mode & 0o777) == oct(0o640)


# -- DIR/ means a folder that exists ----------------------------------------------------


@pytest.mark.parametrize("perintah", PERINTAH)
def test_folder_dengan_garis_miring_harus_ada(perintah: str, jalankan, sampai, tmp_path: Path) -> None:
    """TUJUAN/ for a missing folder is refused in one line; no file called TUJUAN is created."""
    nomor = sampai(Status.DICATAT)
    sebelum = _isi_folder(tmp_path)
    r = jalankan(*_args(perintah, nomor, f"{tmp_path / 'keluaran'}/"))
    assert satu_baris_galat(r, 2).startswith(f"Galat: Folder tujuan tidak ada: {tmp_path / 'keluaran'}")
    assert _isi_folder(tmp_path) == sebelum


@pytest.mark.parametrize("perintah", PERINTAH)
def test_folder_yang_ada_berisi_nama_buatan(perintah: str, jalankan, sampai, tmp_path: Path) -> None:
    """TUJUAN/ for an existing folder writes one file inside it, named by the command."""
    nomor = sampai(Status.DICATAT)
    (tmp_path / "keluaran").mkdir()
    r = jalankan(*_args(perintah, nomor, f"{tmp_path / 'keluaran'}/"))
    assert r.exit_code == 0, r.stderr
    (dibuat,) = (tmp_path / "keluaran").iterdir()
    awalan = {"rekap": "rekap-2026-11.md", "formulir": "fpkp-", "ekspor": "ekspor-", "cadangkan": "archive-"}[perintah]
    assert dibuat.name.startswith(awalan) and dibuat.stat().st_size > 0


# -- a file's suffix and --format agree ----------------------------------------------------

# (command, file name, the format the file must hold): with no --format, the suffix says it.
_MENURUT_AKHIRAN = [("ekspor", "semua.xlsx", "xlsx"), ("ekspor", "semua.json", "json"), ("ekspor", "semua.ndjson", "ndjson"),
                    ("ekspor", "semua.csv", "csv"), ("rekap", "r.html", "html"), ("rekap", "r.json", "json"),
                    ("formulir", "f.html", "html")]


def _jenis_isi(isi: bytes) -> str:
    if isi.startswith(b"PK\x03\x04"):
        return "xlsx"
    teks = isi.decode("utf-8-sig").lstrip()
    if teks.startswith("<!DOCTYPE html"):
        return "html"
    if teks.startswith("["):
        return "json"
    if teks.startswith("{"):
        try:  # one JSON object a line, or one (indented) JSON document
            return "ndjson" if all(isinstance(json.loads(b), dict) for b in teks.splitlines() if b.strip()) else "json"
        except ValueError:
            return "json"
    return "csv" if teks.startswith("nomor,") else "md"


@pytest.mark.parametrize(("perintah", "nama", "harap"), _MENURUT_AKHIRAN, ids=[n for _, n, _ in _MENURUT_AKHIRAN])
def test_tanpa_format_akhiran_menentukan(perintah: str, nama: str, harap: str, jalankan, sampai, tmp_path: Path) -> None:
    """Without --format a --keluar file holds what its name says (ekspor --keluar semua.xlsx wrote CSV text)."""
    nomor = sampai(Status.DICATAT)
    r = jalankan(*_args(perintah, nomor, tmp_path / nama))
    assert r.exit_code == 0, r.stderr
    assert _jenis_isi((tmp_path / nama).read_bytes()) == harap


@pytest.mark.parametrize(("perintah", "format_", "nama"), [("ekspor", "csv", "semua.xlsx"), ("ekspor", "json", "semua.csv"),
                                                         ("rekap", "html", "r.json"), ("rekap", "json", "r.md"),
                                                         ("formulir", "md", "f.html")])
def test_format_yang_bertentangan_dengan_akhiran_ditolak(perintah: str, format_: str, nama: str, jalankan, sampai,
                                                         tmp_path: Path) -> None:
    """--format html --keluar rekap.json (and the like) is one line naming both, exit 2, nothing written."""
    nomor = sampai(Status.DICATAT)
    sebelum = _isi_folder(tmp_path)
    r = jalankan(*_args(perintah, nomor, tmp_path / nama, "--format", format_))
    akhiran = nama.rsplit(".", 1)[1]
    assert satu_baris_galat(r, 2) == (f"Galat: --format {format_} bertentangan dengan nama berkas --keluar {nama} "
                                      f"(akhiran .{akhiran} berarti {akhiran}); samakan keduanya.")
    assert _isi_folder(tmp_path) == sebelum


# -- a refused write says why in one line and leaves nothing ------------------------------


@pytest.mark.parametrize("perintah", PERINTAH)
def test_tujuan_kosong_ditolak(perintah: str, jalankan, sampai, tmp_path: Path) -> None:
    """An empty target ('' from an unset shell variable) is one line, exit 2, and writes nothing."""
    nomor = sampai(Status.DICATAT)
    sebelum = _isi_folder(tmp_path)
    r = jalankan(*_args(perintah, nomor, ""))
    assert satu_baris_galat(r, 2).startswith("Galat: Tujuan kosong")
    assert _isi_folder(tmp_path) == sebelum


def test_nama_terlalu_panjang(jalankan, sampai, tmp_path: Path) -> None:
    """A 300-character file name is one Galat line (exit 1) for every writer, and nothing is left in the folder."""
    nomor = sampai(Status.DICATAT)
    sebelum = _isi_folder(tmp_path)
    for perintah in PERINTAH:
        tujuan = tmp_path / ("a" * 300 + ".md")
        r = jalankan(*_args(perintah, nomor, tujuan))
        assert satu_baris_galat(r, 1).endswith("nama berkas terlalu panjang; tidak ada berkas yang ditinggalkan."), perintah
        assert _isi_folder(tmp_path) == sebelum


def _keluhan(*args: str, awalan: list[str] | None = None, **kw: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*(awalan or []), *PERINTAH_CLI, *args], capture_output=True, text=True, timeout=120,
                          env=env_subproses(PYTHONDONTWRITEBYTECODE="1", TERM="dumb"), **kw)


def _arsip_besar(jalankan, sampai) -> str:
    """An archive holding one complaint whose description is 300 kB (forms, exports and the copy are all bigger than the limits below)."""
    sampai(Status.DICATAT)
    r = jalankan("catat", "--nama", "PT Besar", "--media", "email", "--uraian", "-", "--diajukan", "2026-11-03 08:00",
                 "--waktu", "2026-11-03 08:10", input="uraian panjang " * 20_000)
    assert r.exit_code == 0, r.stderr
    return r.stdout.strip()


def _satu_galat(r: subprocess.CompletedProcess[str]) -> str:
    assert r.returncode == 1 and r.stdout == "" and "Traceback" not in r.stderr, (r.returncode, r.stdout, r.stderr)
    (baris,) = r.stderr.splitlines()
    assert baris.startswith("Galat: ")
    return baris


@pytest.mark.parametrize("perintah", ["formulir", "ekspor", "cadangkan"])  # a recap holds no description: too small
def test_batas_ukuran_berkas_rlimit(perintah: str, jalankan, sampai, arsip: Path, tmp_path: Path) -> None:
    """Writing past the process's file-size limit (RLIMIT_FSIZE, EFBIG) is one Galat line, exit 1, nothing left behind."""
    nomor = _arsip_besar(jalankan, sampai)
    keluar = tmp_path / "keluar"
    keluar.mkdir()
    batas = 128 * 1024

    resource = pytest.importorskip("resource", reason="RLIMIT_FSIZE is POSIX")

    def batasi() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (batas, batas))

    sebelum = potret(arsip)
    r = _keluhan("--arsip", str(arsip), *_args(perintah, nomor, keluar / "hasil.md"), preexec_fn=batasi)
    baris = _satu_galat(r)
    assert "batas ukuran" in baris and "tidak ada berkas yang ditinggalkan" in baris, baris
    assert _isi_folder(keluar) == []
    assert potret(arsip) == sebelum


def _bisa_mount_tmpfs() -> bool:
    if not sys.platform.startswith("linux") or os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    uji = subprocess.run(["unshare", "-m", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt && umount /mnt"],
                         capture_output=True, timeout=30)
    return uji.returncode == 0


PENUH = textwrap.dedent("""
    import json, os, subprocess, sys
    folder, *perintah = sys.argv[1:]
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", folder], check=True)
    fd = os.open(os.path.join(folder, "pengisi"), os.O_WRONLY | os.O_CREAT)
    try:  # fill the disk to the last block
        while True:
            os.write(fd, b"x" * 4096)
    except OSError:
        os.close(fd)
    r = subprocess.run(perintah, capture_output=True, text=True)
    print(json.dumps({"rc": r.returncode, "out": r.stdout, "err": r.stderr, "isi": sorted(os.listdir(folder))}))
""")


@pytest.mark.skipif(not _bisa_mount_tmpfs(), reason="needs root and a private mount namespace (unshare -m) for a small tmpfs")
@pytest.mark.parametrize("perintah", PERINTAH)
def test_disk_penuh_tmpfs(perintah: str, jalankan, sampai, arsip: Path, tmp_path: Path) -> None:
    """On a really full disk (a 256 kB tmpfs filled up, ENOSPC) every writer says so in one line, exit 1, and leaves no file."""
    nomor = sampai(Status.DICATAT)
    keluar = tmp_path / "keluar"
    keluar.mkdir()
    sebelum = potret(arsip)
    r = subprocess.run(
        ["unshare", "-m", sys.executable, "-c", PENUH, str(keluar), *PERINTAH_CLI, "--arsip", str(arsip),
         *_args(perintah, nomor, keluar / "hasil.md")],
        capture_output=True, text=True, timeout=120, env=env_subproses(PYTHONDONTWRITEBYTECODE="1", TERM="dumb"))
    assert r.returncode == 0, r.stderr
    hasil = json.loads(r.stdout)
    hasil_r = subprocess.CompletedProcess([], hasil["rc"], hasil["out"], hasil["err"])
    baris = _satu_galat(hasil_r)
    assert "ruang disk penuh" in baris and "tidak ada berkas yang ditinggalkan" in baris, baris
    assert hasil["isi"] == ["pengisi"]
    assert potret(arsip) == sebelum


def _tanpa_hak_root() -> list[str] | None:
    """A prefix that runs a command without root's right to write anywhere: as root, the
    same user with CAP_DAC_OVERRIDE dropped (setpriv), so a 0555 folder refuses it too."""
    if getattr(os, "geteuid", lambda: 1)() != 0:
        return []
    if shutil.which("setpriv") is None:
        return None
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner"]


@pytest.mark.skipif(_tanpa_hak_root() is None, reason="running as root without setpriv: a 0555 folder cannot refuse root")
@pytest.mark.parametrize("perintah", PERINTAH)
def test_folder_tanpa_izin_tulis(perintah: str, jalankan, sampai, arsip: Path, tmp_path: Path) -> None:
    """A folder the user may not write is one Galat line naming the cause, exit 1, and the folder stays empty."""
    nomor = sampai(Status.DICATAT)
    keluar = tmp_path / "keluar"
    keluar.mkdir()
    keluar.chmod(0o555)
    sebelum = potret(arsip)
    try:
        r = _keluhan("--arsip", str(arsip), *_args(perintah, nomor, keluar / "hasil.md"), awalan=_tanpa_hak_root())
    finally:
        keluar.chmod(0o755)
    baris = _satu_galat(r)
    assert baris == (f"Galat: Berkas {keluar / 'hasil.md'} tidak dapat ditulis: pengguna ini tidak berhak menulis di "
                     "folder itu; tidak ada berkas yang ditinggalkan."), baris
    assert _isi_folder(keluar) == []
    assert potret(arsip) == sebelum


# -- of two writers racing for one new name, exactly one wins ----------------------------

BALAPAN = textwrap.dedent("""
    import os, sys, time
    from keluhan import berkas, cli
    aba, cara, *args = sys.argv[1:]
    berkas.CARA = tuple(cara.split(","))
    print("siap", flush=True)
    while not os.path.exists(aba):  # all start together
        time.sleep(0.0005)
    cli.main(args)
""")


def _cara_tersedia() -> list[str]:
    cara = ["link", "salin"]
    if getattr(berkas, "_renameat2", lambda: None)() is not None or os.name == "nt":
        cara.insert(1, "rename-noreplace")
    return cara


@pytest.mark.parametrize("cara", _cara_tersedia())
def test_dua_cadangkan_berlomba_satu_menang(cara: str, jalankan, sampai, arsip: Path, tmp_path: Path) -> None:
    """Several real cadangkan processes to one new target at the same moment: exactly one succeeds, the others are refused, the copy is whole."""
    nomor = _arsip_besar(jalankan, sampai)
    tujuan = tmp_path / "cadangan" / "arsip-malam.db"
    tujuan.parent.mkdir()
    for putaran in range(3):
        aba = tmp_path / f"aba-{putaran}"
        proses = [subprocess.Popen([sys.executable, "-c", BALAPAN, str(aba), cara, "--arsip", str(arsip),
                                    "cadangkan", str(tujuan)],
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                   env=env_subproses(PYTHONDONTWRITEBYTECODE="1", TERM="dumb"))
                  for _ in range(4)]
        assert [p.stdout.readline() for p in proses] == ["siap\n"] * len(proses)  # imports done, at the line
        aba.touch()
        hasil = [(p.wait(timeout=120), *p.communicate()) for p in proses]
        menang = [h for h in hasil if h[0] == 0]
        kalah = [h for h in hasil if h[0] != 0]
        assert len(menang) == 1, hasil
        assert all(h[0] == 1 and h[2].startswith(f"Galat: Berkas {tujuan} sudah ada") and h[2].count("\n") == 1
                   for h in kalah), kalah
        assert _isi_folder(tujuan.parent) == ["arsip-malam.db"]
        r = jalankan("--arsip", str(tujuan), "lihat", nomor, "--json")
        assert r.exit_code == 0 and json.loads(r.stdout)["nama"] == "PT Besar"
        tujuan.unlink()


@pytest.mark.parametrize("cara", _cara_tersedia())
def test_penulis_lain_menang_di_tengah_jalan(cara: str, tmp_path: Path) -> None:
    """A target that appears while we write (another writer won) is kept; ours is refused and its temp file removed, whatever the strategy."""
    tujuan = tmp_path / "rekap.md"
    with pytest.raises(berkas.GalatTulis, match="baru saja ditulis proses lain"):
        with berkas.berkas_baru(tujuan, cara=(cara,)) as s:
            os.write(s.fd, b"punya kita\n")
            assert oct(os.fstat(s.fd).st_mode & 0o777) == oct(0o600)  # private while written
            tujuan.write_text("punya penulis lain\n", encoding="utf-8")
    assert tujuan.read_text(encoding="utf-8") == "punya penulis lain\n"
    assert _isi_folder(tmp_path) == ["archive.db", "rekap.md"]


@pytest.mark.parametrize("cara", _cara_tersedia())
def test_setiap_cara_menulis_berkas_utuh(cara: str, tmp_path: Path) -> None:
    """Each strategy (hard link, no-replace rename, exclusive create and copy) puts the whole file in place, 0640, no temp left."""
    tujuan = tmp_path / "besar.txt"
    isi = "baris keluhan\n" * 200_000
    with berkas.berkas_baru(tujuan, cara=(cara,)) as s:
        with os.fdopen(os.dup(s.fd), "w", encoding="utf-8") as f:
            f.write(isi)
    assert s.cara == cara
    assert tujuan.read_text(encoding="utf-8") == isi
    assert oct(tujuan.stat().st_mode & 0o777) == oct(0o640) and tujuan.stat().st_nlink == 1
    assert _isi_folder(tmp_path) == ["archive.db", "besar.txt"]


SALIN_PENUH = textwrap.dedent("""
    import json, os, subprocess, sys
    from pathlib import Path
    from keluhan import berkas
    folder = Path(sys.argv[1])
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=128k", "tmpfs", str(folder)], check=True)
    berkas.tulis_teks(folder / "muat.md", "x" * 80 * 1024, cara=("link",))  # 80 kB fits once...
    os.unlink(folder / "muat.md")
    try:  # ...but not twice, as the copying fallback needs
        berkas.tulis_teks(folder / "rekap.md", "x" * 80 * 1024, cara=("salin",))
        pesan = None
    except berkas.GalatTulis as e:
        pesan = e.pesan
    print(json.dumps({"pesan": pesan, "isi": sorted(os.listdir(folder))}))
""")


@pytest.mark.skipif(not _bisa_mount_tmpfs(), reason="needs root and a private mount namespace (unshare -m) for a small tmpfs")
def test_cara_salin_disk_penuh_tidak_meninggalkan_berkas_setengah(tmp_path: Path) -> None:
    """The non-atomic fallback (exclusive create, then copy) that runs out of disk mid-copy removes the partial target and the temp file."""
    folder = tmp_path / "stik"
    folder.mkdir()
    r = subprocess.run(["unshare", "-m", sys.executable, "-c", SALIN_PENUH, str(folder)], capture_output=True, text=True,
                       timeout=120, env=env_subproses(PYTHONDONTWRITEBYTECODE="1"))
    assert r.returncode == 0, r.stderr
    hasil = json.loads(r.stdout)
    assert hasil["pesan"] == (f"Berkas {folder / 'rekap.md'} tidak dapat ditulis: ruang disk penuh; "
                              "tidak ada berkas yang ditinggalkan."), hasil
    assert hasil["isi"] == []


def test_terputus_di_tengah_tidak_meninggalkan_apa_pun(tmp_path: Path) -> None:
    """Ctrl-C (KeyboardInterrupt) while the content is being written leaves no temp file and no target."""
    folder = tmp_path / "keluar"
    folder.mkdir()
    with pytest.raises(KeyboardInterrupt):
        with berkas.berkas_baru(folder / "ekspor.csv") as s:
            os.write(s.fd, b"nomor,nama\n001,PT A\n")
            raise KeyboardInterrupt
    assert _isi_folder(folder) == []
