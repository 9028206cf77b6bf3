"""One host writes an archive: an archive on a network mount (SMB/NFS/sshfs...) is refused
for writing with a line saying how an office shares one archive; reading a copy there works.
The mount table is read by a pure function, tested here on real /proc/self/mountinfo lines."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import REPO, potret, satu_baris_galat
from keluhan import jaringan
from keluhan.jaringan import FS_JARINGAN, jenis_fs, unc, urai_mountinfo
from keluhan.workflow import Status

# Lines as the kernel writes them (proc(5) format), from real machines: an ext4 root, a
# tmpfs whose mount point has a space (\040), a CIFS share of the office NAS, an NFSv4
# home, an sshfs mount (FUSE subtype), the WSL2 9p drive, and a stacked mount.
MOUNTINFO = textwrap.dedent(r"""
    27 1 254:0 / / rw,relatime - ext4 /dev/vda rw,discard
    25 24 0:23 / /dev/shm rw,relatime - tmpfs tmpfs rw,size=24684092k
    42 27 0:39 / /tmp/coba\040mount rw,relatime - tmpfs none rw
    88 27 0:52 / /mnt/nas rw,relatime shared:44 - cifs //192.168.1.10/pjtk rw,vers=3.1.1,cache=strict,username=rina
    89 88 0:53 / /mnt/nas/lokal rw,relatime - ext4 /dev/sdb1 rw
    90 27 0:54 / /mnt/nas2 rw,relatime - ext4 /dev/sdc1 rw
    91 27 0:55 / /home/rina rw,relatime master:3 - nfs4 fs01:/home/rina rw,vers=4.2,rsize=1048576
    92 27 0:56 / /media/Arsip\040Kantor\040PJTK rw,nosuid,nodev,relatime - fuse.sshfs rina@server:/data rw,user_id=1000
    93 27 0:57 / /mnt/c rw,noatime - 9p drvfs rw,dirsync,aname=drvfs;path=C:\134;uid=1000
    94 27 0:58 / /srv/arsip rw,relatime - nfs fs02:/arsip rw,vers=3
    95 27 254:0 /srv-lokal /srv/arsip rw,relatime - ext4 /dev/vda rw
    bukan baris mountinfo
""").lstrip()


def test_urai_mountinfo_escape_dan_kolom_opsional() -> None:
    """Mount points are unescaped (\\040 space, \\134 backslash) and the type is read after the optional fields' '-'."""
    baris = dict(urai_mountinfo(MOUNTINFO))
    assert baris["/tmp/coba mount"] == "tmpfs"
    assert baris["/mnt/nas"] == "cifs"  # optional field "shared:44" before the separator
    assert baris["/home/rina"] == "nfs4"
    assert baris["/media/Arsip Kantor PJTK"] == "fuse.sshfs"
    assert len(urai_mountinfo(MOUNTINFO)) == 11  # the malformed line is skipped


@pytest.mark.parametrize(("jalur", "jenis"), [
    ("/mnt/nas/pjtk/archive.db", "cifs"),
    ("/mnt/nas", "cifs"),
    ("/mnt/nas/lokal/archive.db", "ext4"),        # a local disk mounted inside the share: the longest prefix wins
    ("/mnt/nas2/archive.db", "ext4"),             # /mnt/nas2 is not under /mnt/nas
    ("/mnt/nasx", "ext4"),
    ("/home/rina/pjtk/archive.db", "nfs4"),
    ("/home/rinaldi/archive.db", "ext4"),
    ("/media/Arsip Kantor PJTK/archive.db", "fuse.sshfs"),
    ("/mnt/c/Users/rina/archive.db", "9p"),
    ("/srv/arsip/archive.db", "ext4"),            # mounted over the NFS one: the later mount hides it
    ("/tmp/coba mount/a.db", "tmpfs"),
    ("/tmp/coba/a.db", "ext4"),
    ("/var/lib/pjtk/archive.db", "ext4"),
])
def test_jenis_fs_awalan_terpanjang(jalur: str, jenis: str) -> None:
    """The file system of a path is the longest mount point containing it, by whole components; the last of stacked mounts."""
    assert jenis_fs(MOUNTINFO, jalur) == jenis


def test_jenis_jaringan() -> None:
    """SMB, NFS, sshfs, 9p and AFS count as network file systems; local ones do not."""
    assert {"cifs", "smb3", "smbfs", "nfs", "nfs4", "fuse.sshfs", "9p", "afs"} <= FS_JARINGAN
    assert not {"ext4", "xfs", "btrfs", "tmpfs", "overlay", "vfat", "exfat", "ntfs3", "fuseblk"} & FS_JARINGAN


@pytest.mark.parametrize(("jalur", "jaringan_"), [
    (r"\\nas01\pjtk\archive.db", True),
    ("//nas01/pjtk/archive.db", True),
    (r"\\?\UNC\nas01\pjtk\archive.db", True),
    (r"\\?\C:\data\archive.db", False),
    (r"\\.\PhysicalDrive0", False),
    (r"C:\data\archive.db", False),
    ("/srv/arsip/archive.db", False),
])
def test_jalur_unc_windows(jalur: str, jaringan_: bool) -> None:
    """A Windows UNC path (\\\\server\\share, \\\\?\\UNC\\...) is a network path; a drive path or \\\\?\\C: is not."""
    assert unc(jalur) is jaringan_


def _pasang_mountinfo(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, folder: Path, jenis: str) -> None:
    """The kernel's table as it reads on a machine where ``folder`` is a ``jenis`` mount."""
    titik = str(folder.resolve()).replace(" ", "\\040")
    teks = MOUNTINFO + f"96 27 0:60 / {titik} rw,relatime - {jenis} //nas/pjtk rw\n"
    berkas = tmp_path.parent / f"{tmp_path.name}-mountinfo"
    berkas.write_text(teks, encoding="utf-8")
    monkeypatch.setattr(jaringan, "MOUNTINFO", berkas)
    if sys.platform == "win32":
        pytest.skip("the Linux mount table is not read on Windows")


@pytest.mark.parametrize("jenis", ["cifs", "nfs4", "fuse.sshfs"])
def test_arsip_di_folder_jaringan_hanya_dibaca(jenis: str, jalankan, sampai, arsip: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """On a network mount: catat and every step refuse with the one line saying how an office shares one archive, the
    archive unchanged; lihat, daftar, rekap and periksa read it; init creates nothing there."""
    nomor = sampai(Status.DICATAT)
    _pasang_mountinfo(monkeypatch, tmp_path, tmp_path, jenis)
    sebelum = potret(arsip)
    pesan = f"Galat: {jaringan.pesan_jaringan(arsip, jenis)}"
    assert "SSH" in pesan and "remote desktop" in pesan
    r = jalankan("catat", "--nama", "PT A", "--media", "email", "--uraian", "x", "--waktu", "2026-11-03 08:00")
    assert satu_baris_galat(r, 1) == pesan
    r = jalankan("validasi", nomor, "--benar", "--teruskan-ke", "Laboratorium Pengujian", "--waktu", "2026-11-03 08:00")
    assert satu_baris_galat(r, 1) == pesan
    for perintah in (["lihat", nomor, "--json"], ["daftar"], ["rekap", "--bulan", "2026-11", "--format", "json"],
                     ["periksa"]):
        r = jalankan(*perintah)
        assert r.exit_code == 0, (perintah, r.stderr)
    assert potret(arsip) == sebelum
    lain = tmp_path / "baru.db"
    r = jalankan("--arsip", str(lain), "init")
    assert satu_baris_galat(r, 1) == f"Galat: {jaringan.pesan_jaringan(lain, jenis)}"
    assert not lain.exists() and not list(tmp_path.glob(".baru.db*"))


def test_folder_lokal_tetap_ditulis(jalankan, catat, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same table with the archive's folder on a local file system (ext4 inside the share): writing works."""
    _pasang_mountinfo(monkeypatch, tmp_path, tmp_path.parent, "cifs")
    teks = jaringan.MOUNTINFO.read_text(encoding="utf-8") + f"97 96 0:61 / {tmp_path.resolve()} rw - ext4 /dev/sdd1 rw\n"
    jaringan.MOUNTINFO.write_text(teks, encoding="utf-8")
    assert catat() == "001/KP/BBSPJIKFK/XI/2026"


def _bisa_mount() -> str | None:
    """Why a private mount namespace with a tmpfs cannot be made here, or None when it can."""
    if sys.platform != "linux":
        return "mount namespaces are Linux only"
    if shutil.which("unshare") is None:
        return "unshare(1) is not installed"
    p = subprocess.run(["unshare", "-m", "--propagation", "private", "sh", "-c", "mount -t tmpfs none /mnt"],
                       capture_output=True, text=True, timeout=30)
    return None if p.returncode == 0 else f"cannot mount in a private namespace: {p.stderr.strip()}"


@pytest.mark.skipif(_bisa_mount() is not None, reason=str(_bisa_mount()))
def test_mount_nyata_dibaca_dari_mountinfo_kernel(tmp_path: Path) -> None:
    """A real mount (tmpfs at a folder whose name has a space, in a private mount namespace): the kernel's own
    mountinfo, escaped, gives its type for a path inside and not beside it, and init writes there (local)."""
    titik = tmp_path / "folder kantor"
    titik.mkdir()
    (tmp_path / "folder kantor2").mkdir()
    program = textwrap.dedent(f"""
        import json, pathlib, sys
        from keluhan import jaringan
        teks = pathlib.Path("/proc/self/mountinfo").read_text()
        print(json.dumps([jaringan.jenis_fs(teks, {str(titik / "archive.db")!r}),
                          jaringan.jenis_fs(teks, {str(tmp_path / "folder kantor2" / "archive.db")!r}),
                          jaringan.di_jaringan(pathlib.Path({str(titik / "archive.db")!r})),
                          "\\\\040" in teks]))
    """)
    skrip = (
        f"mount -t tmpfs none {_sh(titik)} && "
        f"{_sh(sys.executable)} -c {_sh(program)} && "
        f"{_sh(sys.executable)} -m keluhan --arsip {_sh(titik / 'archive.db')} init >/dev/null && "
        f"ls {_sh(titik)}"
    )
    p = subprocess.run(["unshare", "-m", "--propagation", "private", "sh", "-c", skrip], capture_output=True,
                       text=True, timeout=120, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})
    assert p.returncode == 0, p.stderr
    import json

    baris = p.stdout.splitlines()
    assert json.loads(baris[0]) == ["tmpfs", _fs_asli(tmp_path), None, True]
    assert baris[1:] == ["archive.db", "keluhan.toml"]
    assert list(titik.iterdir()) == []  # the mount lived in its namespace only


def _sh(x: object) -> str:
    import shlex

    return shlex.quote(str(x))


def _fs_asli(jalur: Path) -> str | None:
    return jenis_fs(Path("/proc/self/mountinfo").read_text(), str(jalur.resolve()))
