"""Is this path on a network file system? One host writes an archive (SPEC).

SQLite's WAL keeps its index in shared memory (the ``-shm`` file, mapped by every
process), which does not work across computers, and SMB/NFS byte-range locks are not
reliable: two clerks writing one archive over a share can both take number 012 and fork
the hash chain. So an archive on a network mount is opened for reading only, and
``init`` will not create one there.

Linux: the file system of the longest mount point containing the path, from
``/proc/self/mountinfo`` (``jenis_fs``, a pure function over its text). Windows:
``GetDriveTypeW`` of the drive is ``DRIVE_REMOTE``, or the path is a UNC path
(``\\\\server\\share``). Elsewhere (macOS, BSD) nothing is detected; the README says so.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path, PureWindowsPath

MOUNTINFO = Path("/proc/self/mountinfo")

# File system types (mountinfo's field after " - ") whose files live on another computer.
FS_JARINGAN = frozenset({
    "cifs", "smb3", "smb2", "smbfs", "nfs", "nfs4", "ncpfs", "ncp", "9p", "afs", "coda", "ceph",
    "glusterfs", "lustre", "davfs", "sshfs", "fuse.sshfs", "fuse.rclone", "fuse.s3fs", "fuse.gcsfuse",
    "fuse.glusterfs", "fuse.cephfs", "fuse.davfs2", "fuse.smbnetfs", "fuse.curlftpfs",
})


def _urai_escape(teks: str) -> str:
    r"""Undo the kernel's octal escapes in a mountinfo field (``\040`` space, ``\011`` tab,
    ``\012`` newline, ``\134`` backslash)."""
    if "\\" not in teks:
        return teks
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), teks)


def urai_mountinfo(teks: str) -> list[tuple[str, str]]:
    """``(mount point, file system type)`` of each line of a mountinfo text, in order.

    A line: ``ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPER``
    (proc(5)); the optional fields end at a lone ``-``. Malformed lines are skipped.
    """
    hasil: list[tuple[str, str]] = []
    for baris in teks.splitlines():
        bagian = baris.split(" ")
        try:
            pisah = bagian.index("-", 6)
        except ValueError:
            continue
        if len(bagian) <= pisah + 1:
            continue
        hasil.append((_urai_escape(bagian[4]), _urai_escape(bagian[pisah + 1])))
    return hasil


def _di_bawah(jalur: str, titik: str) -> bool:
    """``jalur`` is ``titik`` or inside it, by whole components (/mnt/ab is not under /mnt/a)."""
    if titik == "/":
        return jalur.startswith("/")
    return jalur == titik or jalur.startswith(titik.rstrip("/") + "/")


def jenis_fs(teks_mountinfo: str, jalur: str) -> str | None:
    """The file system type holding absolute path ``jalur``: the longest mount point
    containing it; of several mounts on the same point, the last one (it hides the
    others). None when no line covers it."""
    terbaik: tuple[int, str] | None = None
    for titik, jenis in urai_mountinfo(teks_mountinfo):
        if _di_bawah(jalur, titik) and (terbaik is None or len(titik) >= terbaik[0]):
            terbaik = (len(titik), jenis)
    return None if terbaik is None else terbaik[1]


def unc(jalur: str) -> bool:
    r"""A Windows UNC path: ``\\server\share\...`` or ``\\?\UNC\server\share\...`` (a
    ``\\?\C:\`` long path or a ``\\.\`` device is local)."""
    p = jalur.replace("/", "\\")
    if p.upper().startswith("\\\\?\\UNC\\"):
        return True
    if p.startswith("\\\\?\\") or p.startswith("\\\\.\\"):
        return False
    return p.startswith("\\\\") and bool(PureWindowsPath(p).drive)


def _windows(jalur: Path) -> str | None:
    teks = str(jalur)
    if unc(teks):
        return "folder jaringan Windows (UNC)"
    import ctypes

    akar = PureWindowsPath(teks).anchor
    if not akar:
        return None
    DRIVE_REMOTE = 4
    if ctypes.windll.kernel32.GetDriveTypeW(ctypes.c_wchar_p(akar)) == DRIVE_REMOTE:  # type: ignore[attr-defined]
        return f"drive jaringan {akar}"
    return None


def di_jaringan(jalur: Path) -> str | None:
    """What network file system holds ``jalur`` (its folder when the file does not exist
    yet), e.g. ``"cifs"``; None for a local one or when it cannot be told."""
    try:
        nyata = Path(os.path.realpath(jalur if jalur.exists() else jalur.parent))
    except (OSError, ValueError):
        return None
    if sys.platform == "win32":
        try:
            return _windows(nyata)
        except (OSError, AttributeError, ValueError):
            return None
    try:
        teks = MOUNTINFO.read_text(encoding="utf-8", errors="surrogateescape")
    except OSError:
        return None
    jenis = jenis_fs(teks, str(nyata))
    return jenis if jenis in FS_JARINGAN else None


def pesan_jaringan(jalur: Path, jenis: str) -> str:
    """The one line that refuses a write to an archive on a network mount."""
    return (
        f"Arsip {jalur} berada di folder jaringan ({jenis}): arsip tidak ditulis lewat jaringan, karena SQLite tidak "
        "dapat menjaga satu arsip yang ditulis dari beberapa komputer (nomor dan rantai riwayat bisa bercabang). "
        "Satu arsip kantor dipakai bersama dengan bekerja di komputer yang menyimpannya (lewat SSH atau remote "
        "desktop); salinan di folder jaringan hanya dapat dibaca (lihat, daftar, rekap, periksa)."
    )
