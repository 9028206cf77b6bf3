"""The one way the tool writes a file: ``--keluar`` of rekap/formulir/ekspor, cadangkan,
the copy before a migration, init's keluhan.toml. SPEC "Files the tool writes".

- An existing target is refused unless ``timpa`` (``--timpa``); the archive, its
  ``-wal``/``-shm``/``-journal`` and the settings file are refused even then, compared as
  files (``os.path.samefile``, so through symbolic and hard links) and as resolved names
  (a ``-wal`` that does not exist yet). Only ``keluhan init --paksa`` replaces the
  settings file (berkas_pengaturan.py), keeping the old one as ``keluhan.toml.bak``.
- The content goes to a temporary file created exclusively in the target's folder
  (``O_CREAT|O_EXCL|O_NOFOLLOW``: a link planted at its name is never followed, and the
  name is random), is fsynced, then put in place:
  without ``timpa`` by an operation that fails when the target exists, so of two writers
  racing for one new name exactly one wins: a hard link (``os.link``) then removing the
  temporary name; where the file system has no hard links, ``renameat2(RENAME_NOREPLACE)``
  from the C library (Linux; ``renamex_np(RENAME_EXCL)`` on macOS; plain ``os.rename`` on
  Windows, which never replaces); where it has neither (vfat/exFAT sticks, some SMB
  mounts), an exclusive create of the target itself and a copy into it: still never a
  replaced file, but NOT atomic (a reader may see a partial file while it is copied).
  With ``timpa``, ``os.replace``. The folder is fsynced after the rename (POSIX).
- ``DIR/`` (a trailing slash) means a folder that exists; a missing one is refused, never
  a file called ``DIR`` created (``jalur_keluar``).
- A refused write (disk full, no permission, read-only folder, name too long) is one
  Indonesian line, exit 1, and leaves nothing behind: no temporary file, no partial target.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from keluhan.galat import GalatKeluhan, GalatMasukan

# What the file-system errors a writer meets mean, in the clerk's words.
_SEBAB = {
    errno.ENOSPC: "ruang disk penuh",
    errno.EDQUOT: "kuota disk pengguna ini habis",
    errno.EFBIG: "berkas melampaui batas ukuran berkas yang diizinkan",
    errno.EACCES: "pengguna ini tidak berhak menulis di folder itu",
    errno.EPERM: "pengguna ini tidak berhak menulis di folder itu",
    errno.EROFS: "folder itu berada pada sistem berkas yang hanya dapat dibaca",
    errno.ENAMETOOLONG: "nama berkas terlalu panjang",
    errno.ENOENT: "foldernya tidak ada",
    errno.ENOTDIR: "salah satu bagian jalurnya bukan folder",
    errno.EISDIR: "tujuannya sebuah folder",
    errno.ELOOP: "terlalu banyak tautan simbolik pada jalurnya",
    errno.EIO: "galat baca/tulis perangkat",
}

# Errors by which a file system says it cannot do a hard link or a no-replace rename
# (vfat: EPERM for link; renameat2 on a file system without the flag: EINVAL).
_TAK_DIDUKUNG = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.ENOSYS, errno.EINVAL, errno.EMLINK}


class GalatTulis(GalatKeluhan):
    """A file could not be written; nothing was left behind (exit 1)."""


class BerkasSudahAda(GalatTulis):
    """The target exists (before we began, or written meanwhile by another process)."""


class _SudahAda(Exception):
    """The target appeared while we wrote (another writer won the race)."""


def sebab(e: OSError) -> str:
    """The cause of ``e`` in Indonesian (the system's words when we have none)."""
    return _SEBAB.get(e.errno or 0) or (e.strerror or str(e))


def galat_tulis(tujuan: Path | str, e: OSError, *, timpa: bool = False) -> GalatTulis:
    akibat = "berkas lama tidak berubah" if timpa and os.path.lexists(tujuan) else "tidak ada berkas yang ditinggalkan"
    return GalatTulis(f"Berkas {tujuan} tidak dapat ditulis: {sebab(e)}; {akibat}.")


# -- what is never written ------------------------------------------------------------


def dilindungi(arsip: Path | None, pengaturan: Path | None = None) -> list[tuple[Path, str]]:
    """The files no output may replace, each with what it is: the archive and the files
    SQLite keeps beside it, and the settings file."""
    hasil: list[tuple[Path, str]] = []
    if arsip is not None:
        hasil.append((arsip, "arsip keluhan"))
        hasil += [(Path(f"{arsip}{ekor}"), f"berkas {ekor} milik arsip keluhan") for ekor in ("-wal", "-shm", "-journal")]
    if pengaturan is not None:
        hasil.append((pengaturan, "berkas pengaturan"))
    return hasil


def _sama(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def tolak_dilindungi(tujuan: Path, lindungi: Iterable[tuple[Path, str]]) -> None:
    """Refuse ``tujuan`` when it is one of ``lindungi``: the same file through any link,
    or the same resolved name, in any case, in the same folder (a -wal that does not
    exist yet)."""
    t = str(tujuan)
    try:
        nyata_t = os.path.normcase(os.path.realpath(t))
    except (OSError, ValueError):
        return
    for jalur, jenis in lindungi:
        p = str(jalur)
        try:
            nyata_p = os.path.normcase(os.path.realpath(p))
        except (OSError, ValueError):
            continue
        # The name compared without case too: on a case-insensitive file system (macOS,
        # Windows) ARCHIVE.DB-WAL is the archive's -wal even before it exists.
        sama = (nyata_t == nyata_p or _sama(t, p)
                or (os.path.basename(nyata_t).casefold() == os.path.basename(nyata_p).casefold()
                    and _sama(os.path.dirname(nyata_t), os.path.dirname(nyata_p))))
        if sama:
            tambahan = "; hanya keluhan init --paksa yang menggantinya" if jenis == "berkas pengaturan" else ""
            asli = "" if str(jalur) == t else f" ({jalur})"
            raise GalatTulis(f"Tujuan {tujuan} adalah {jenis}{asli}: tidak pernah ditimpa, juga dengan --timpa"
                             f"{tambahan}. Pilih nama berkas lain.")


def _isdir(p: str) -> bool:
    return os.path.isdir(p)  # os.path: False (not a traceback) for a name too long


def periksa_tujuan(tujuan: Path, *, timpa: bool, lindungi: Iterable[tuple[Path, str]] = (),
                   saran: str = "tambahkan --timpa untuk menggantinya") -> None:
    """The refusals said before any work: a protected file, a folder, an existing file."""
    tolak_dilindungi(tujuan, lindungi)
    if not _isdir(str(tujuan.parent)):
        raise GalatMasukan(f"Folder tujuan tidak ada: {tujuan.parent}")
    if _isdir(str(tujuan)):
        raise GalatTulis(f"Tujuan {tujuan} adalah sebuah folder; beri nama berkas, atau akhiri dengan / untuk menulis di dalamnya.")
    if not timpa and os.path.lexists(tujuan):
        raise BerkasSudahAda(f"Berkas {tujuan} sudah ada; {saran}.")


def format_keluar(diminta: str | None, keluar: tuple[Path, bool] | None, akhiran: dict[str, str], bawaan: str) -> str:
    """The format a command writes: ``--format`` when given, else the one a ``--keluar`` FILE's
    suffix names in ``akhiran`` (suffix -> format), else ``bawaan``. A ``--format`` that the
    file's suffix contradicts with another of the command's formats (``--format html
    --keluar rekap.json``, ``ekspor --format csv --keluar semua.xlsx``) is refused before any
    work: the file would not open as what its name says."""
    nama = keluar[0] if keluar is not None and not keluar[1] else None
    dari_nama = akhiran.get(nama.suffix.lower()) if nama is not None else None
    if diminta and dari_nama and diminta != dari_nama:
        raise GalatMasukan(f"--format {diminta} bertentangan dengan nama berkas --keluar {nama.name} "  # type: ignore[union-attr]
                           f"(akhiran {nama.suffix} berarti {dari_nama}); samakan keduanya.")  # type: ignore[union-attr]
    return diminta or dari_nama or bawaan


def jalur_keluar(teks: str, akhiran: tuple[str, ...] | None = None) -> tuple[Path, bool]:
    """An output path as typed, as (path, whether it names a folder), refused before any
    work when its folder is missing. A trailing slash says folder (``Path`` drops it, and a
    cron line ``--keluar rekap/`` once wrote a file called ``rekap``). With ``akhiran`` (the
    suffixes the command writes), a name with no suffix that does not exist is taken for a
    missing folder too: such output always has a suffix."""
    if not teks.strip():
        raise GalatMasukan("Tujuan kosong: beri nama berkas, atau folder yang ada diakhiri dengan /.")
    jalur = Path(teks)
    if _isdir(teks):
        return jalur, True
    if teks.endswith(("/", os.sep)) or (os.altsep and teks.endswith(os.altsep)) \
            or os.path.basename(teks) in ("", ".", ".."):
        raise GalatMasukan(f"Folder tujuan tidak ada: {teks}")
    if akhiran and not jalur.suffix and not os.path.lexists(teks):
        raise GalatMasukan(f"Folder tujuan tidak ada: {teks} (buat dulu foldernya, atau beri nama berkas berakhiran "
                           + ", ".join(f".{a}" for a in akhiran) + ")")
    if not _isdir(str(jalur.parent)):
        raise GalatMasukan(f"Folder tujuan tidak ada: {jalur.parent}")
    return jalur, False


# -- the writer -----------------------------------------------------------------------


class _Folder:
    """The target's folder, held open where the system allows (every later step names
    files relative to it, so a renamed path cannot send them elsewhere)."""

    def __init__(self, jalur: Path) -> None:
        self.jalur = jalur
        self.fd: int | None = None
        if os.name == "posix" and os.open in os.supports_dir_fd:
            self.fd = os.open(jalur, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0))

    def _p(self, nama: str) -> str:
        return nama if self.fd is not None else str(self.jalur / nama)

    def buka(self, nama: str, flags: int, mode: int) -> int:
        return os.open(self._p(nama), flags, mode, dir_fd=self.fd)

    def hapus(self, nama: str) -> None:
        try:
            os.unlink(self._p(nama), dir_fd=self.fd)
        except FileNotFoundError:
            pass

    def lstat(self, nama: str) -> os.stat_result:
        return os.stat(self._p(nama), dir_fd=self.fd, follow_symlinks=False)

    def tautkan(self, sumber: str, tujuan: str) -> None:
        # link() itself never follows a link at ``sumber``; asking so is refused where unsupported (Windows)
        ikuti = {"follow_symlinks": False} if os.link in os.supports_follow_symlinks else {}
        os.link(self._p(sumber), self._p(tujuan), src_dir_fd=self.fd, dst_dir_fd=self.fd, **ikuti)

    def ganti(self, sumber: str, tujuan: str) -> None:
        os.replace(self._p(sumber), self._p(tujuan), src_dir_fd=self.fd, dst_dir_fd=self.fd)

    def pindah_tanpa_timpa(self, sumber: str, tujuan: str) -> bool:
        """Rename refusing an existing target; False where the system cannot."""
        if os.name == "nt":
            os.rename(self._p(sumber), self._p(tujuan))  # MoveFileExW without REPLACE_EXISTING
            return True
        fungsi = _renameat2()
        if fungsi is None:
            return False
        import ctypes

        at = self.fd if self.fd is not None else -100  # AT_FDCWD
        if fungsi(at, os.fsencode(self._p(sumber)), at, os.fsencode(self._p(tujuan))) == 0:
            return True
        kode = ctypes.get_errno()
        if kode in _TAK_DIDUKUNG:
            return False
        raise OSError(kode, os.strerror(kode), tujuan)

    def sinkron(self) -> None:
        if self.fd is not None:
            try:
                os.fsync(self.fd)
            except OSError:
                pass  # not every file system lets a folder be fsynced; the file already is

    def tutup(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


_RENAMEAT2: list[Any] = []


def _renameat2() -> Callable[[int, bytes, int, bytes], int] | None:
    """``renameat2(..., RENAME_NOREPLACE)`` (Linux, glibc 2.28+) or macOS's
    ``renamex_np(..., RENAME_EXCL)`` through the C library, as f(dirfd, old, dirfd, new)."""
    if not _RENAMEAT2:
        fungsi = None
        try:
            import ctypes
            import ctypes.util

            libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
            if hasattr(libc, "renameat2"):
                r = libc.renameat2
                r.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]

                def fungsi(a: int, lama: bytes, b: int, baru: bytes) -> int:
                    return int(r(a, lama, b, baru, 1))  # RENAME_NOREPLACE
            elif sys.platform == "darwin" and hasattr(libc, "renameatx_np"):
                r = libc.renameatx_np
                r.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]

                def fungsi(a: int, lama: bytes, b: int, baru: bytes) -> int:
                    return int(r(a, lama, b, baru, 0x4))  # RENAME_EXCL
        except (OSError, AttributeError):
            fungsi = None
        _RENAMEAT2.append(fungsi)
    return _RENAMEAT2[0]  # type: ignore[no-any-return]


class Sementara:
    """The temporary file being written: ``fd`` (open for writing) and ``jalur`` (for a
    writer that must open it by name, such as SQLite's backup)."""

    def __init__(self, folder: _Folder, nama: str, fd: int) -> None:
        self._folder, self.nama, self.fd = folder, nama, fd
        self.jalur = folder.jalur / nama
        self.cara = ""  # how it was put in place: link, rename-noreplace, salin, replace

    def masih_milik_kita(self) -> bool:
        """The temporary name still holds the file we created (nobody swapped it)."""
        st, kita = self._folder.lstat(self.nama), os.fstat(self.fd)
        return (st.st_dev, st.st_ino) == (kita.st_dev, kita.st_ino)


# Strategies tried in turn for a target that must not exist (read at each write: the
# tests pin one at a time to prove each on a real file system, tests/test_berkas.py).
CARA = ("link", "rename-noreplace", "salin")


def _pasang_baru(folder: _Folder, s: Sementara, nama: str, mode: int, cara: tuple[str, ...]) -> str:
    """Put ``s`` in place as ``nama``, failing with _SudahAda when ``nama`` exists."""
    if "link" in cara:
        try:
            folder.tautkan(s.nama, nama)
        except FileExistsError:
            raise _SudahAda from None
        except OSError as e:
            if e.errno not in _TAK_DIDUKUNG:
                raise
        else:
            folder.hapus(s.nama)
            return "link"
    if "rename-noreplace" in cara:
        try:
            if folder.pindah_tanpa_timpa(s.nama, nama):
                return "rename-noreplace"
        except FileExistsError:
            raise _SudahAda from None
    # Neither: create the target itself exclusively and copy into it (not atomic).
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = folder.buka(nama, flags, 0o600)
    except FileExistsError:
        raise _SudahAda from None
    try:
        os.lseek(s.fd, 0, os.SEEK_SET)
        while blok := os.read(s.fd, 1 << 20):
            while blok:
                blok = blok[os.write(fd, blok):]
        if hasattr(os, "fchmod"):
            os.fchmod(fd, mode)
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        folder.hapus(nama)
        raise
    os.close(fd)
    folder.hapus(s.nama)
    return "salin"


@contextmanager
def berkas_baru(tujuan: Path, *, timpa: bool = False, lindungi: Iterable[tuple[Path, str]] = (),
                mode: int = 0o640, saran: str = "tambahkan --timpa untuk menggantinya",
                cara: tuple[str, ...] | None = None, ekor_sementara: tuple[str, ...] = ()) -> Iterator[Sementara]:
    """Write ``tujuan`` through a temporary file (yielded) that is put in place when the
    block ends without an error and removed when it does not. ``ekor_sementara``: files a
    writer may leave beside the temporary one (SQLite's ``-journal``), removed too."""
    lindungi = list(lindungi)
    periksa_tujuan(tujuan, timpa=timpa, lindungi=lindungi, saran=saran)
    try:
        folder = _Folder(tujuan.parent)
    except OSError as e:
        raise galat_tulis(tujuan, e, timpa=timpa) from None
    s: Sementara | None = None
    try:
        # Read too: the copying fallback reads it back.
        flags = (os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
                 | getattr(os, "O_BINARY", 0))
        awal = tujuan.name[:40]  # the temporary name stays short whatever the target's length
        for _ in range(100):
            nama = f".{awal}.{os.urandom(6).hex()}.sementara"
            try:
                s = Sementara(folder, nama, folder.buka(nama, flags, 0o600))
                break
            except FileExistsError:
                continue
        else:
            raise FileExistsError(errno.EEXIST, "tidak ada nama sementara yang bebas", str(tujuan.parent))
        yield s
        if not s.masih_milik_kita():
            raise GalatTulis(f"Berkas sementara di {tujuan.parent} diganti oleh proses lain saat ditulis; "
                             "tidak ada yang ditulis. Folder ini tidak boleh dapat ditulis orang lain.")
        if hasattr(os, "fchmod"):
            os.fchmod(s.fd, mode)
        os.fsync(s.fd)
        tolak_dilindungi(tujuan, lindungi)  # again, just before: the name may have changed meanwhile
        if timpa:
            folder.ganti(s.nama, tujuan.name)
            s.cara = "replace"
        else:
            s.cara = _pasang_baru(folder, s, tujuan.name, mode, cara or CARA)
        folder.sinkron()
    except _SudahAda:
        raise BerkasSudahAda(f"Berkas {tujuan} sudah ada (baru saja ditulis proses lain); tidak ditimpa.") from None
    except OSError as e:
        raise galat_tulis(tujuan, e, timpa=timpa) from None
    finally:
        if s is not None:
            try:
                os.close(s.fd)
            except OSError:
                pass
            if not s.cara:
                for ekor in ("", *ekor_sementara):
                    try:
                        folder.hapus(s.nama + ekor)
                    except OSError:
                        pass
        folder.tutup()


def tulis_teks(tujuan: Path, isi: str | Iterable[str] | Callable[[Any], Any], *, timpa: bool = False,
               lindungi: Iterable[tuple[Path, str]] = (), encoding: str = "utf-8", newline: str | None = "\n",
               cara: tuple[str, ...] | None = None) -> Any:
    """Write text to ``tujuan`` through ``berkas_baru``: ``isi`` is the text, its pieces in
    order, or a function given the open text stream (its result is returned)."""
    with berkas_baru(tujuan, timpa=timpa, lindungi=lindungi, cara=cara) as s:
        f = os.fdopen(os.dup(s.fd), "w", encoding=encoding, newline=newline)
        try:
            hasil = isi(f) if callable(isi) else tulis_potongan(f, isi)
            f.flush()
        finally:
            try:
                f.close()
            except OSError:
                pass
    return hasil


def tulis_data(tujuan: Path, data: bytes, *, timpa: bool = False, lindungi: Iterable[tuple[Path, str]] = ()) -> Path:
    """Write the bytes ``data`` to ``tujuan`` (see the module's rules)."""
    with berkas_baru(tujuan, timpa=timpa, lindungi=lindungi) as s:
        sisa = memoryview(data)
        while sisa:
            sisa = sisa[os.write(s.fd, sisa):]
    return tujuan


def tulis_atomik(tujuan: Path, isi: str | Iterable[str], *, timpa: bool = False,
                 lindungi: Iterable[tuple[Path, str]] = ()) -> Path:
    """Write ``isi`` (text, or its pieces in order) to ``tujuan`` (see the module's rules)."""
    tulis_teks(tujuan, isi, timpa=timpa, lindungi=lindungi)
    return tujuan


def tulis_potongan(f: Any, isi: str | Iterable[str]) -> str:
    """Write ``isi`` to the text stream ``f`` (pieces gathered into large writes); returns
    the last character written ("" when nothing was)."""
    if isinstance(isi, str):
        f.write(isi)
        return isi[-1:]
    kumpulan: list[str] = []
    n, akhir = 0, ""
    for p in isi:
        if p:
            kumpulan.append(p)
            n += len(p)
            akhir = p
        if n >= 1 << 16:
            f.write("".join(kumpulan))
            kumpulan, n = [], 0
    f.write("".join(kumpulan))
    return akhir[-1:]


def nama_aman(teks: str) -> str:
    """A file-name-safe version of an official number: 001/KP/X/2026 -> 001-KP-X-2026."""
    return "".join(c if c.isalnum() or c in "-_." else "-" for c in teks).strip("-")
