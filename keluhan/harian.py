"""The daily commands' bodies and what they print, without Typer.

A clerk runs ``catat``, the step commands, ``koreksi``, ``lihat`` and ``daftar`` all
day, and each must answer in a few tens of milliseconds; ``import typer`` alone costs
about 50 ms of CPU (issue 7, docs/benchmark.md). So their bodies live here, importing
nothing heavy: ``cli.py`` (the Typer app: the contract, ``--help``, usage errors) calls
them, and ``cepat.py`` calls them directly when a command line is plainly well formed.
Either way the same code runs and prints, and ``penanganan`` turns a refusal into the
same one Indonesian line on stderr and exit code.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from keluhan import tanggal as tg, waktu as w
from keluhan.galat import GalatKeluhan, GalatMasukan
from keluhan.layar import json_teks, sel, tabel, teks
from keluhan.workflow import LAYANAN, MEDIA, Aksi

# -- output -------------------------------------------------------------------------


def galat(pesan: str) -> None:
    """One line on stderr: the only way a refusal reaches the user. The message often
    quotes what was typed or stored, so it is shown as text (``layar.sel``): one line,
    no control character or escape sequence."""
    print(f"Galat: {sel(pesan)}", file=sys.stderr)


def _tty() -> bool:
    return sys.stdout.isatty()


def _cetak_json(data: Any) -> None:
    print(json_teks(json.dumps(data, ensure_ascii=False, indent=2)))


def _json_keluhan(k: dict[str, Any]) -> dict[str, Any]:
    """A complaint as scripts read it: every column, plus the form fields a step option
    stores under another name repeated under the option's name (SPEC: "every form field
    under its option's name"); only added, never renamed. docs/json.md has the map."""
    hasil: dict[str, Any] = {}
    for kunci, nilai in k.items():
        hasil[kunci] = nilai
        if kunci == "tim_teknis":
            hasil["teruskan_ke"] = nilai  # validasi --teruskan-ke
    return hasil


def _tabel(judul: str | None, kolom: list[str], baris: list[list[Any]]) -> None:
    """A plain table on a terminal (``layar.tabel``: padded, folded to the terminal's width,
    no rich: its import alone is ~50 ms of a daily command's start-up); tab-separated plain
    text when piped. Every cell is shown as text (``layar``): one line, no control
    character or escape sequence, so a customer's "[/b]" or ESC is shown, never obeyed."""
    if _tty():
        tabel(judul, kolom, baris)
    else:
        print("\t".join(sel(c) for c in kolom))
        for b in baris:
            print("\t".join(sel(v) for v in b))


def _hasil_langkah(k: dict[str, Any], pesan: str) -> None:
    print(sel(f"{k['nomor']}: {pesan} (status: {k['status']})."))


# Why an operating-system call failed, in the clerk's words (errno -> cause).
_SEBAB_OS = {
    "ENAMETOOLONG": "nama berkas atau jalurnya terlalu panjang",
    "EACCES": "izin ditolak: pengguna ini tidak boleh membuka atau menulis di sana",
    "EPERM": "operasi tidak diizinkan untuk pengguna ini",
    "ENOSPC": "disk penuh",
    "EDQUOT": "kuota disk pengguna ini habis",
    "EROFS": "sistem berkasnya hanya dapat dibaca",
    "ENOENT": "berkas atau folder tidak ada",
    "ENOTDIR": "salah satu bagian jalurnya bukan folder",
    "EISDIR": "itu folder, bukan berkas",
    "ELOOP": "terlalu banyak tautan simbolik (symlink) berantai",
    "EIO": "galat baca/tulis perangkat",
    "EMFILE": "terlalu banyak berkas terbuka",
    "ENFILE": "terlalu banyak berkas terbuka",
    "EBUSY": "berkas atau perangkat sedang dipakai",
    "ETXTBSY": "berkas sedang dipakai",
    "EEXIST": "berkas sudah ada",
    "EXDEV": "tujuan berada di sistem berkas lain",
    "EFBIG": "berkas terlalu besar",
    "ENXIO": "perangkat tidak tersedia",
    "EINVAL": "nama atau nilai tidak sah untuk sistem berkas ini",
}


def _sebab_os(e: OSError) -> str:
    import errno

    nama = errno.errorcode.get(e.errno or 0, "")
    sebab = _SEBAB_OS.get(nama) or (e.strerror or str(e) or type(e).__name__)
    jalur = e.filename if e.filename is not None else None
    return f"{sebab}: {jalur}" if jalur is not None else sebab


def _pesan(e: BaseException) -> tuple[str, int] | None:
    """The one line (without "Galat: ") and exit code for an exception that ended a
    command; None for one that is not a refusal (SystemExit, a broken pipe)."""
    if isinstance(e, GalatKeluhan):
        return e.pesan, e.kode
    if isinstance(e, sqlite3.OperationalError):
        teks = str(e)
        if "locked" in teks or "busy" in teks:
            return f"Arsip sedang dikunci proses lain terlalu lama ({teks}); coba lagi.", 1
        if "disk is full" in teks or "database or disk is full" in teks:
            return "Arsip tidak dapat ditulis: disk penuh.", 1
        if "readonly" in teks or "read-only" in teks:
            return f"Arsip tidak dapat ditulis ({teks}): berkas atau foldernya hanya dapat dibaca.", 1
        if "unable to open" in teks:
            return (f"Arsip tidak dapat dibuka ({teks}): periksa jalur --arsip, izin foldernya, dan apakah folder itu "
                    "mengizinkan berkas -wal/-shm di samping arsip."), 1
        return f"Arsip tidak dapat diproses: {teks}.", 1
    if isinstance(e, sqlite3.IntegrityError):
        return f"Arsip menolak perubahan: {e}.", 1
    if isinstance(e, sqlite3.DatabaseError):
        return f"Arsip rusak atau bukan arsip keluhan: {e}. Jalankan 'keluhan periksa'.", 1
    if isinstance(e, sqlite3.Error):
        return f"Arsip tidak dapat diproses: {e}.", 1
    if isinstance(e, OSError):
        return f"Berkas tidak dapat dipakai: {_sebab_os(e)}.", 1
    if isinstance(e, UnicodeDecodeError):
        return f"Masukan bukan teks UTF-8 yang sah (byte {e.object[e.start:e.start + 4]!r}).", 2
    if isinstance(e, UnicodeEncodeError):
        return (f"Teks tidak dapat ditulis dalam pengodean {e.encoding} (karakter {e.object[e.start:e.end]!a}); "
                "gunakan lokal UTF-8 (mis. LANG=C.UTF-8)."), 2
    if isinstance(e, RecursionError):
        return "Masukan bersarang terlalu dalam untuk dibaca.", 2
    if isinstance(e, MemoryError):
        return "Memori tidak cukup untuk masukan sebesar ini.", 1
    if isinstance(e, (ValueError, OverflowError)):
        return f"Nilai tidak dapat diproses ({e}).", 2
    return None


def _tutup_dengan(pesan: str, kode: int, *, dibatalkan: bool = False) -> None:
    """Say the refusal and what the archive holds now; exit. A change already committed
    (the window of keluhan.sinyal) is named: the clerk must not record it again."""
    from keluhan import sinyal

    if dibatalkan:
        pesan = f"Dibatalkan; {sinyal.keterangan()}."
    elif sinyal.ada_hasil():
        pesan = f"{pesan.rstrip('.')}; {sinyal.keterangan()}."
    galat(pesan)
    sys.exit(kode)


@contextmanager
def penanganan() -> Iterator[None]:
    """Every refusal as one Indonesian line on stderr and its exit code, no traceback;
    the core has already rolled its transaction back. Ctrl-C says what was saved: a
    SIGINT that came while a change was being committed (keluhan.sinyal) waits until the
    command has printed its result, then says so."""
    from keluhan import sinyal

    sinyal.mulai()
    try:
        try:
            yield
            sys.stdout.flush()  # a full disk or closed pipe behind stdout is said here, not at exit
        finally:
            terlambat = sinyal.selesai()
    except KeyboardInterrupt:
        _tutup_dengan("", 130, dibatalkan=True)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as e:  # noqa: BLE001  (each kind has its sentence in _pesan)
        dikenal = _pesan(e)
        if dikenal is None:
            raise
        pesan, kode = dikenal
        if not isinstance(e, GalatKeluhan) and not sinyal.ada_hasil():
            pesan = f"{pesan.rstrip('.')}; {sinyal.keterangan()}."
        _tutup_dengan(pesan, kode)
    if terlambat:
        print(sel(f"Ctrl-C diterima saat perubahan disimpan; {sinyal.keterangan()}."), file=sys.stderr)
        sys.exit(130)


# -- text as typed -----------------------------------------------------------------

# The variables a global option may come from (cli.py and cepat.py declare them).
VARIABEL = ("KELUHAN_ARSIP", "KELUHAN_PETUGAS", "KELUHAN_KONFIGURASI", "KELUHAN_TEMPLAT")


def _byte_asing(teks: str) -> str | None:
    """The first bytes of ``teks`` that were not UTF-8 (Python keeps them as lone
    surrogates, "surrogateescape"), as hex; None when ``teks`` is clean text."""
    try:
        teks.encode("utf-8")
    except UnicodeEncodeError as e:
        return " ".join(f"{ord(c) - 0xDC00:02x}" if 0xDC80 <= ord(c) <= 0xDCFF else f"U+{ord(c):04X}"
                        for c in teks[e.start:e.end][:4])
    return None


def periksa_argv(argv: Sequence[str], env: Any) -> None:
    """Refuse a command line (or a KELUHAN_* variable) holding bytes that are not UTF-8,
    naming the option, before anything is opened or written: such text cannot be stored,
    printed or compared, and a first catat would otherwise leave an archive behind."""
    for i, kata in enumerate(argv):
        byte = _byte_asing(kata)
        if byte is None:
            continue
        nama, sama, _nilai = kata.partition("=")
        if kata.startswith("--") and sama and _byte_asing(nama) is None:
            apa = f"Nilai {nama}"
        elif i > 0 and argv[i - 1].startswith("--") and "=" not in argv[i - 1]:
            apa = f"Nilai {argv[i - 1]}"
        elif kata.startswith("-"):
            apa = "Nama opsi"
        else:
            apa = f"Argumen ke-{i + 1}"
        raise GalatMasukan(f"{apa} berisi byte yang bukan teks UTF-8 (byte {byte}); ketik ulang nilainya, atau "
                           "atur terminal ke UTF-8 (mis. LANG=C.UTF-8).")
    for nama in VARIABEL:
        byte = _byte_asing(env.get(nama) or "")
        if byte is not None:
            raise GalatMasukan(f"Variabel {nama} berisi byte yang bukan teks UTF-8 (byte {byte}); perbaiki nilainya.")


def baca_stdin(opsi: str) -> str:
    """``--uraian -`` and ``--nilai -``: standard input as UTF-8 text, refused in one line
    (naming the option) when it is not."""
    mentah = getattr(sys.stdin, "buffer", None)
    if mentah is None:
        teks = sys.stdin.read()
        if _byte_asing(teks) is not None:
            raise GalatMasukan(f"Isi stdin untuk {opsi} bukan teks UTF-8 yang sah (byte {_byte_asing(teks)}).")
        return teks
    data = mentah.read()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise GalatMasukan(f"Isi stdin untuk {opsi} bukan teks UTF-8 yang sah (byte {data[e.start:e.start + 1].hex()} "
                           f"pada posisi {e.start}).") from None


# -- the global options -------------------------------------------------------------


class Konteks:
    """What the global options say: where the archive is, who is working, the settings."""

    def __init__(self, arsip: Path | None, petugas: str | None, konfigurasi: Path | None, templat: Path | None) -> None:
        self._jalur = arsip
        self._petugas = petugas
        self._konfigurasi = konfigurasi
        self.konfigurasi_eksplisit = konfigurasi is not None
        self.templat = templat
        self._pengaturan: dict[str, Any] | None = None
        self._arsip: Any = None

    @property
    def jalur(self) -> Path:
        """--arsip or KELUHAN_ARSIP, then arsip.jalur in the user's settings file, then
        ./archive.db. Resolved when first asked (inside the refusal handler), so a wrong
        user file is one Galat line and --arsip never loads platformdirs."""
        if self._jalur is None:
            from keluhan import setelan_pengguna

            self._jalur = setelan_pengguna.arsip() or Path("archive.db")
        return self._jalur

    @property
    def konfigurasi(self) -> Path:
        return self._konfigurasi if self._konfigurasi else self.jalur.parent / "keluhan.toml"

    @property
    def pengaturan(self) -> dict[str, Any]:
        if self._pengaturan is None:
            from keluhan import pengaturan

            if self.konfigurasi_eksplisit and not self.konfigurasi.exists():
                raise GalatMasukan(f"Berkas pengaturan tidak ditemukan: {self.konfigurasi}")
            self._pengaturan = pengaturan.muat(self.konfigurasi)
        return self._pengaturan

    @property
    def petugas(self) -> str:
        """--petugas or KELUHAN_PETUGAS, then petugas.bawaan in the user's file, then the archive's keluhan.toml."""
        if self._petugas:
            return self._petugas
        from keluhan import setelan_pengguna

        pengguna = setelan_pengguna.petugas()
        if pengguna:
            return pengguna
        bawaan = self.pengaturan["petugas"]["bawaan"]
        if bawaan and not self.arsip().register().kosong:
            # The archive's file is shared by every clerk: once officers are registered it
            # would sign everyone's steps with one name (SPEC: refused then).
            raise GalatMasukan(
                "Register petugas sudah berisi, jadi petugas.bawaan di keluhan.toml arsip tidak dipakai: "
                "sebut diri dengan --petugas NAMA, KELUHAN_PETUGAS, atau petugas.bawaan di berkas pengaturan pengguna."
            )
        return bawaan

    def arsip(self) -> Any:
        """The open archive, which must exist: only ``keluhan init`` creates one. Any
        other command on a missing path (catat and impor --jalankan included) refuses
        with the path and the remedies, creating nothing: a clerk in the wrong folder
        must not start a second register that issues 001 again."""
        if self._arsip is None:
            from keluhan.arsip import Arsip

            pengaturan = self.pengaturan  # a wrong setting is said first, whatever the archive
            self._arsip = Arsip(self.jalur, pengaturan)
            gc_lanjut()  # start-up is over: the command's own work runs with the collector on
            # From here on the settings are the archive's: its ledger's values in force
            # (mutu baku, appeal window, ...) over keluhan.toml's (keluhan/buku.py).
            self._pengaturan = self._arsip.p
        return self._arsip

    def tutup(self) -> None:
        if self._arsip is not None:
            self._arsip.tutup()

    def waktu(self, teks: str | None, opsi: str = "--waktu") -> Any:
        if not teks:
            return None
        # In the archive's zone (pengaturan_arsip), not keluhan.toml's.
        return w.parse_waktu(teks, self.arsip().zona, opsi=opsi)

    def diajukan(self, teks: str | None) -> Any:
        """``--diajukan``: a time, or a date alone (a letter's date, its hour unknown)."""
        if not teks:
            return None
        return w.parse_diajukan(teks, self.arsip().zona)


def gc_lanjut() -> None:
    """Start the cyclic garbage collector again when the entry point stopped it for start-up
    (keluhan.cepat.main), first freezing every object built so far (modules, settings, the
    open archive: kept to the end of the process) so that no collection walks them again."""
    import gc

    if not gc.isenabled():
        gc.freeze()
        gc.enable()


# -- the daily commands (cli.py holds their options and help) ------------------------------


def pilih(teks: str, pilihan: Sequence[str]) -> str | None:
    """The choice ``teks`` names, whatever its case (``Email`` -> ``email``), as Click's
    case-insensitive choices read it; None when it names none."""
    t = teks.casefold()
    return next((p for p in pilihan if p.casefold() == t), None)


def _tanya(label: str, nilai: str | None, pilihan: Sequence[str] | None = None) -> str | None:
    """Prompt for a missing required field on a terminal, asking again until the answer
    is usable (not blank; one of ``pilihan``, any case), so nothing typed so far is lost
    to a refusal at the end. Leave it missing otherwise."""
    if nilai or not sys.stdin.isatty():
        return nilai
    import typer  # only a person at a terminal waits here

    while True:
        jawab = str(typer.prompt(label)).strip()
        if not jawab:
            print("Isian ini wajib diisi.", file=sys.stderr)
        elif pilihan is None:
            return jawab
        elif (cocok := pilih(jawab, pilihan)) is not None:
            return cocok
        else:
            print(f"'{sel(jawab)}' bukan pilihan; pilih salah satu: {', '.join(pilihan)}.", file=sys.stderr)


def bertanya_catat(nilai: dict[str, Any]) -> bool:
    """Whether ``catat`` with these values asks at a terminal (``_tanya``, or reads stdin for
    ``--uraian -`` before asking). cepat.py leaves such a run to the Typer app, whose
    prompt handles Ctrl-C and end of input; a command ``X`` that asks defines
    ``bertanya_X`` like this one, beside its body."""
    return not all(nilai[n] for n in ("nama", "media", "uraian")) or nilai["uraian"] == "-"


# The FPKP's fields in the form's order (templates/fpkp.md.j2, sections I and II), as the
# interactive catat asks them: (field, label, required, choices).
WAWANCARA_FPKP: tuple[tuple[str, str, bool, tuple[str, ...] | None], ...] = (
    ("nama", "Nama pelanggan", True, None),
    ("instansi", "Instansi/Perusahaan", False, None),
    ("alamat", "Alamat", False, None),
    ("telepon", "Telepon/Faksimile", False, None),
    ("email", "Email", False, None),
    ("diajukan", "Tanggal diajukan pelanggan (mis. \"kemarin 14.30\" atau tanggal surat \"30/11/2026\")", False, None),
    ("media", "Media penyampaian", True, MEDIA),
    ("layanan", "Jenis layanan", False, LAYANAN),
    ("referensi", "No. LHU/Sertifikat", False, None),
    ("kategori", "Kategori keluhan", False, None),
    ("uraian", "Uraian keluhan", True, None),
    ("harapan", "Harapan pelanggan", False, None),
    ("waktu", "Waktu diterima dan dicatat (Enter: sekarang)", False, None),
)


def _masukan(label: str) -> str:
    """One answer typed at the terminal; end of input (Ctrl-D) stops the interview, nothing written."""
    try:
        return input(f"{label}: ").strip()
    except EOFError:
        print(file=sys.stderr)
        raise GalatKeluhan("Masukan berakhir sebelum semua isian dijawab; tidak ada yang dicatat.") from None


def _jawab_pilihan(jawab: str, pilihan: Sequence[str]) -> str | None:
    """A choice by its number ("2") or its name, any case; None when neither."""
    if jawab.isdigit() and 1 <= int(jawab) <= len(pilihan):
        return pilihan[int(jawab) - 1]
    return pilih(jawab, pilihan)


def wawancara_catat(k: Konteks) -> dict[str, Any]:
    """``catat`` with no arguments at a terminal: every FPKP field in the form's order,
    optional ones skipped with Enter, choices listed with numbers, times read as
    ``--diajukan``/``--waktu`` read them (each asked again until usable, so nothing typed
    is lost to a refusal at the end). Returns the answers as catat's options (None = empty)."""
    print("Mencatat keluhan baru (FPKP). Isian bertanda * wajib; Enter melewati isian lain.")
    nilai: dict[str, Any] = {}
    for kunci, label, wajib, pilihan in WAWANCARA_FPKP:
        if pilihan is not None:
            print(f"{label}{' *' if wajib else ''}:")
            for i, p in enumerate(pilihan, 1):
                print(f"  {i}. {p}")
        while True:
            jawab = _masukan(f"{label}{' *' if wajib else ''}" if pilihan is None else
                             f"Pilih nomor atau nama{' (Enter: lewati)' if not wajib else ''}")
            if not jawab:
                if wajib:
                    print("Isian ini wajib diisi.", file=sys.stderr)
                    continue
                nilai[kunci] = None
                break
            if pilihan is not None:
                cocok = _jawab_pilihan(jawab, pilihan)
                if cocok is None:
                    print(sel(f"'{jawab}' bukan pilihan; ketik nomor 1-{len(pilihan)} atau namanya."), file=sys.stderr)
                    continue
                nilai[kunci] = cocok
                break
            try:
                if kunci == "diajukan":
                    k.diajukan(jawab)
                elif kunci == "waktu":
                    k.waktu(jawab)
            except GalatMasukan as e:
                print(sel(f"{e.pesan} Coba lagi."), file=sys.stderr)
                continue
            nilai[kunci] = jawab
            break
    return nilai


def _ringkasan_catat(k: Konteks, nilai: dict[str, Any]) -> None:
    """The summary shown before a number is issued: every field in the form's order."""
    print("\nRingkasan keluhan yang akan dicatat:")
    lebar = max(len(label.split(" (")[0]) for _, label, _, _ in WAWANCARA_FPKP)
    for kunci, label, _, _ in WAWANCARA_FPKP:
        isi = nilai.get(kunci)
        if kunci == "diajukan" and isi:
            isi = tg.tampil(k.diajukan(isi))
        elif kunci == "waktu":
            isi = tg.tampil(k.waktu(isi)) if isi else "sekarang"
        print(f"  {label.split(' (')[0]:<{lebar}} : {teks(isi or '-', baris=True)}")


def _setuju(tanya: str) -> bool:
    try:
        return input(tanya).strip().casefold() in ("y", "ya")
    except EOFError:
        return False


def catat(
    k: Konteks, *, nama: str | None, media: str | None, uraian: str | None, instansi: str | None,
    alamat: str | None, telepon: str | None, email: str | None, layanan: str | None, referensi: str | None,
    harapan: str | None, kategori: str | None, diajukan: str | None, waktu: str | None, json_: bool,
    dari_eml: str | None = None,
) -> None:
    arsip = k.arsip()  # before any prompt: nothing typed is lost to a missing archive
    tanpa_isian = not any((nama, media, uraian, instansi, alamat, telepon, email, layanan, referensi, harapan,
                           kategori, diajukan, waktu, dari_eml))
    if tanpa_isian and sys.stdin.isatty() and sys.stdout.isatty():
        jawab = wawancara_catat(k)
        _ringkasan_catat(k, jawab)
        if not _setuju("Catat keluhan ini dan terbitkan nomornya? [y/T] "):
            raise GalatKeluhan("Tidak dicatat: dibatalkan sebelum nomor diterbitkan; tidak ada yang ditulis.")
        nama, media, uraian, instansi, alamat = (jawab[x] for x in ("nama", "media", "uraian", "instansi", "alamat"))
        telepon, email, layanan, referensi = (jawab[x] for x in ("telepon", "email", "layanan", "referensi"))
        harapan, kategori, diajukan, waktu = (jawab[x] for x in ("harapan", "kategori", "diajukan", "waktu"))
    surel_ = None
    if dari_eml is not None:  # the message fills what the options leave empty
        from keluhan import lampiran, surel

        surel_ = surel.urai(lampiran.baca_berkas(Path(dari_eml), k.pengaturan["lampiran"]["batas_mb"]),
                            w.zona(arsip.zona), nama_berkas=str(dari_eml))
        nama = nama or surel_.nama or surel_.email
        email = email or surel_.email
        media = media or "email"
        uraian = uraian or surel.uraian_dengan_subjek(surel_) or None
        for c in surel_.catatan:
            if diajukan is None or c != surel.CATATAN_TANPA_TANGGAL:
                print(sel(f"Catatan ({Path(dari_eml).name}): {c}."), file=sys.stderr)
    if uraian == "-":
        uraian = baca_stdin("--uraian -")
    nama = _tanya("Nama pelanggan", nama)
    media = _tanya(f"Media ({'/'.join(MEDIA)})", media, MEDIA)
    uraian = _tanya("Uraian keluhan", uraian)
    for nilai, opsi in ((nama, "--nama"), (media, "--media"), (uraian, "--uraian")):
        if not (nilai or "").strip():
            raise GalatMasukan(f"Isian {opsi} wajib diisi.")
    isian = {
        "nama": nama, "media": media, "uraian": uraian, "instansi": instansi, "alamat": alamat,
        "telepon": telepon, "email": email, "layanan": layanan,
        "referensi": referensi, "harapan": harapan, "kategori": kategori,
        "diajukan": k.diajukan(diajukan),
    }
    dicatat = k.waktu(waktu)
    berkas_bukti: list[tuple[str, bytes, str | None]] = []
    if surel_ is not None:
        if isian["diajukan"] is None:
            isian["diajukan"] = surel_.diajukan
        berkas_bukti.append((Path(dari_eml).name, surel_.isi,  # type: ignore[arg-type]
                             "Surel keluhan asli" + (f": {surel_.subjek}" if surel_.subjek else "")))
    _peringatan_serupa(arsip.serupa(isian, dicatat))
    baru = arsip.catat(petugas=k.petugas, isian=isian, waktu=dicatat, lampiran=berkas_bukti)
    _peringatan_kategori(arsip, baru)
    if json_:
        _cetak_json(_json_keluhan(baru))
    elif _tty():
        print(sel(f"Keluhan dicatat. Nomor: {baru['nomor']}  (id {baru['id']})"))
        print(sel(f"Tanda terima: keluhan formulir {baru['id']} --jenis tanda-terima"))
    else:
        print(sel(baru["nomor"]))


def _peringatan_kategori(arsip: Any, baru: dict[str, Any]) -> None:
    """A category outside a non-empty kategori.daftar is recorded as typed; say how the recap reports it."""
    if not baru.get("kategori"):
        return
    from keluhan import akar

    daftar_ = akar.daftar(arsip.kalender().setelan, arsip.p, akar.KUNCI_KATEGORI, baru["dicatat"])
    if akar.kategori_baku(baru["kategori"], daftar_)[1]:
        print(sel(f"Peringatan: kategori '{baru['kategori']}' tidak ada dalam daftar kategori.daftar "
                  f"({', '.join(daftar_)}); dicatat apa adanya dan direkap sebagai '{akar.label_kategori(baru['kategori'], daftar_)}'."),
              file=sys.stderr)


def _peringatan_serupa(serupa: list[tuple[str, str]]) -> None:
    """catat's duplicate warning (README, "Using it"): at a terminal, ask (default no:
    nothing is written); otherwise one line on stderr, and the complaint is recorded."""
    if not serupa:
        return
    from keluhan.pencarian import HARI_SERUPA

    daftar_ = "; ".join(f"{nomor} ({sebab})" for nomor, sebab in serupa[:3])
    lagi = f" dan {len(serupa) - 3} lainnya" if len(serupa) > 3 else ""
    pesan = f"keluhan serupa sudah dicatat dalam {HARI_SERUPA} hari terakhir: {daftar_}{lagi}"
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        print(sel(f"Peringatan: {pesan}; keluhan ini tetap dicatat."), file=sys.stderr)
        return
    print(sel(f"Perhatian: {pesan}."), file=sys.stderr)
    try:
        jawab = input("Tetap catat sebagai keluhan baru? [y/T] ").strip().casefold()
    except (EOFError, KeyboardInterrupt):
        jawab = ""
    if jawab not in ("y", "ya"):
        raise GalatKeluhan(f"Tidak dicatat (keluhan serupa: {serupa[0][0]}); lihat dengan: keluhan lihat {serupa[0][0]}.")


def validasi(
    k: Konteks, id: str, *, benar: bool, tidak_benar: bool, teruskan_ke: str | None, alasan: str | None,
    catatan: str | None, waktu: str | None,
) -> None:
    if benar == tidak_benar:
        raise GalatMasukan("Pilih salah satu: --benar --teruskan-ke TIM, atau --tidak-benar --alasan TEKS.")
    # An option of the other outcome would be silently dropped: say which goes with which.
    if benar and alasan is not None:
        raise GalatMasukan("--alasan hanya untuk --tidak-benar (alasan keluhan tidak valid); dengan --benar "
                           "gunakan --catatan.")
    if tidak_benar and teruskan_ke is not None:
        raise GalatMasukan("--teruskan-ke hanya untuk --benar; keluhan yang tidak benar tidak diteruskan ke Tim Teknis.")
    if benar:
        hasil = k.arsip().langkah(id, Aksi.VALIDASI_BENAR, petugas=k.petugas, waktu=k.waktu(waktu),
                                  rincian={"tim_teknis": teruskan_ke, "catatan": catatan})
        _hasil_langkah(hasil, f"keluhan benar, diteruskan ke {hasil['tim_teknis']}")
    else:
        hasil = k.arsip().langkah(id, Aksi.VALIDASI_TIDAK_BENAR, petugas=k.petugas, waktu=k.waktu(waktu),
                                  rincian={"alasan": alasan, "catatan": catatan})
        _hasil_langkah(hasil, "keluhan tidak benar; informasikan hasilnya kepada pelanggan")
    _cetak_berulang(hasil["nomor"], k.arsip().berulang_sebelumnya(hasil), k.pengaturan["berulang"]["hari"])


def _cetak_berulang(nomor: str, sebelumnya: list[dict[str, Any]], hari: int) -> None:
    """validasi (ISO/IEC 17025 8.7.1 b, similar nonconformities): the customer's earlier
    complaints within the window, one line each, so the checker sees a repeat at once."""
    if not sebelumnya:
        return
    print(sel(f"Berulang: pelanggan keluhan {nomor} sudah mengeluh {len(sebelumnya)} kali dalam {hari} hari "
              "sebelumnya (keluhan kaitkan untuk mengaitkannya):"))
    _cetak_sebelumnya(sebelumnya, 5, nomor)


def _cetak_sebelumnya(sebelumnya: list[dict[str, Any]], batas: int, nomor: str) -> None:
    """The newest ``batas`` earlier complaints, one line each, then how many more (``lihat --json`` lists all)."""
    for x in sebelumnya[:batas]:
        print("  " + _baris_berulang(x))
    if len(sebelumnya) > batas:
        print(sel(f"  dan {len(sebelumnya) - batas} lainnya (semuanya: keluhan lihat {nomor} --json)"))


def _baris_berulang(x: dict[str, Any]) -> str:
    status = "DIBATALKAN" if x["status"] == "batal" else x["status"]
    return sel(f"{x['nomor']}  {tg.tanggal(x['dicatat'])}  {status}  ({', '.join(x['sebab'])} sama)  "
               f"{x['uraian_singkat']}")


def _baris_kaitan(x: dict[str, Any]) -> str:
    arah = "dikaitkan ke" if x["arah"] == "ke" else "dikaitkan dari"
    return sel(f"{arah} {x['nomor']}  {x['status'] or '(tidak ditemukan)'}  #{x['urutan']} {tg.tampil(x['waktu'])} "
               f"oleh {x['petugas']}: {x['alasan']}")


def kaitkan(k: Konteks, id: str, id_lain: str, *, alasan: str | None, waktu: str | None) -> None:
    if not (alasan or "").strip():
        raise GalatMasukan("Kaitan memerlukan --alasan TEKS, mis. --alasan \"Pelanggan dan contoh uji yang sama\".")
    hasil, lain = k.arsip().kaitkan(id, id_lain, petugas=k.petugas, alasan=alasan, waktu=k.waktu(waktu))
    _hasil_langkah(hasil, f"dikaitkan dengan keluhan {lain['nomor']}; kaitan tampil pada keduanya")


def tindak(
    k: Konteks, id: str, *, koreksi: str | None, pencegahan: str | None, akar_masalah: str | None,
    korektif: str | None, penanggung_jawab: str | None, target: str | None, waktu: str | None,
    kode_akar: str | None = None,
) -> None:
    tgl = w.parse_tanggal(target, opsi="--target", zona_nama=k.arsip().zona, target=True).isoformat() if target else None
    hasil = k.arsip().langkah(id, Aksi.TINDAK, petugas=k.petugas, waktu=k.waktu(waktu), rincian={
        "koreksi": koreksi, "pencegahan": pencegahan, "akar_masalah": akar_masalah, "kode_akar": kode_akar,
        "korektif": korektif, "penanggung_jawab": penanggung_jawab, "target": tgl,
    })
    _hasil_langkah(hasil, "tindakan koreksi dan pencegahan dicatat; menunggu verifikasi PJTK")


def verifikasi(
    k: Konteks, id: str, *, terima: bool, kembalikan: bool, alasan: str | None, catatan: str | None,
    waktu: str | None,
) -> None:
    if terima == kembalikan:
        raise GalatMasukan("Pilih salah satu: --terima, atau --kembalikan --alasan TEKS.")
    if terima and alasan is not None:
        raise GalatMasukan("--alasan hanya untuk --kembalikan (alasan pengembalian); dengan --terima gunakan --catatan.")
    aksi = Aksi.VERIFIKASI_TERIMA if terima else Aksi.VERIFIKASI_KEMBALIKAN
    hasil = k.arsip().langkah(id, aksi, petugas=k.petugas, waktu=k.waktu(waktu),
                              rincian={"alasan": alasan, "catatan": catatan})
    _hasil_langkah(hasil, "hasil diverifikasi" if terima else "dikembalikan ke Tim Teknis untuk ditindaklanjuti ulang")


def informasikan(k: Konteks, id: str, *, media: str | None, catatan: str | None, waktu: str | None) -> None:
    hasil = k.arsip().langkah(id, Aksi.INFORMASIKAN, petugas=k.petugas, waktu=k.waktu(waktu),
                              rincian={"media": media, "catatan": catatan})
    _hasil_langkah(hasil, "hasil diinformasikan kepada pelanggan dan diarsipkan; banding dapat diajukan dalam "
                   + batas_banding_teks(k.pengaturan["banding"]["batas"]))


def batas_banding_teks(aturan: str) -> str:
    """The appeal window as a clerk reads it: "15 hari" -> "15 hari kerja"; "15 hari kalender" as it is."""
    aturan = " ".join(aturan.split())
    return aturan if "kalender" in aturan.lower() else f"{aturan} kerja"


def banding(k: Konteks, id: str, *, alasan: str | None, waktu: str | None) -> None:
    hasil = k.arsip().langkah(id, Aksi.BANDING, petugas=k.petugas, waktu=k.waktu(waktu), rincian={"alasan": alasan})
    if hasil.get("kepuasan_menerima") == 1 and hasil["dinilai"] >= (hasil["diinformasikan"] or ""):
        # SOP: an appeal is for a customer who does not accept the result; this one said they did.
        print(sel(f"Peringatan: pelanggan menyatakan menerima hasil penyelesaian ({tg.tampil(hasil['dinilai'])}, "
                  "keluhan kepuasan --menerima); banding tetap dicatat."), file=sys.stderr)
    _hasil_langkah(hasil, "banding dicatat; ditangani menurut SOP Penanganan Banding Pelanggan")


def kabari(k: Konteks, id: str, *, media: str | None, catatan: str | None, waktu: str | None) -> None:
    hasil = k.arsip().langkah(id, Aksi.KABARI, petugas=k.petugas, waktu=k.waktu(waktu),
                              rincian={"media": media, "catatan": catatan})
    _hasil_langkah(hasil, "kabar kemajuan kepada pelanggan dicatat; status tidak berubah")


def tunda(k: Konteks, id: str, *, alasan: str | None, waktu: str | None) -> None:
    hasil = k.arsip().langkah(id, Aksi.TUNDA, petugas=k.petugas, waktu=k.waktu(waktu), rincian={"alasan": alasan})
    _hasil_langkah(hasil, f"jam ditunda sejak {tg.tampil(hasil['ditunda'])}; waktu kerja selama penundaan dicatat "
                   f"tersendiri; jalankan lagi dengan 'keluhan lanjutkan {hasil['nomor']}' atau langkah berikutnya")


def lanjutkan(k: Konteks, id: str, *, catatan: str | None, waktu: str | None) -> None:
    hasil = k.arsip().langkah(id, Aksi.LANJUTKAN, petugas=k.petugas, waktu=k.waktu(waktu), rincian={"catatan": catatan})
    _hasil_langkah(hasil, "penundaan berakhir; jam berjalan lagi")


def putusan(
    k: Konteks, id: str, *, diterima: bool, ditolak: bool, alasan: str | None, teruskan_ke: str | None,
    waktu: str | None,
) -> None:
    if diterima == ditolak:
        raise GalatMasukan("Pilih salah satu: --diterima, atau --ditolak; keduanya dengan --alasan TEKS.")
    if ditolak and teruskan_ke is not None:
        raise GalatMasukan("--teruskan-ke hanya untuk --diterima; banding yang ditolak tidak diteruskan ke Tim Teknis.")
    aksi = Aksi.PUTUSAN_DITERIMA if diterima else Aksi.PUTUSAN_DITOLAK
    hasil = k.arsip().langkah(id, aksi, petugas=k.petugas, waktu=k.waktu(waktu),
                              rincian={"alasan": alasan, "tim_teknis": teruskan_ke})
    if diterima:
        _hasil_langkah(hasil, f"banding diterima; diteruskan ke {hasil['tim_teknis']} untuk putaran tindakan baru")
    else:
        _hasil_langkah(hasil, "banding ditolak; penanganan keluhan selesai (tanpa banding kedua)")


def kepuasan(k: Konteks, id: str, *, nilai: int | None, menerima: bool, tidak_menerima: bool, catatan: str | None,
             waktu: str | None) -> None:
    from keluhan.ikm import LABEL_NILAI

    if nilai is None:
        raise GalatMasukan("Kepuasan memerlukan --nilai 1-4 (1 tidak baik, 2 kurang baik, 3 baik, 4 sangat baik).")
    if menerima and tidak_menerima:
        raise GalatMasukan("Pilih salah satu: --menerima atau --tidak-menerima (atau tidak keduanya bila tidak dinyatakan).")
    terima = True if menerima else False if tidak_menerima else None
    hasil = k.arsip().langkah(id, Aksi.KEPUASAN, petugas=k.petugas, waktu=k.waktu(waktu),
                              rincian={"nilai": nilai, "menerima": terima, "catatan": catatan})
    sikap = {True: "menerima hasil", False: "tidak menerima hasil", None: "penerimaan hasil tidak dinyatakan"}[terima]
    _hasil_langkah(hasil, f"kepuasan pelanggan dicatat: nilai {nilai} ({LABEL_NILAI[nilai]}), {sikap}")


def efektivitas(k: Konteks, id: str, *, efektif: bool, tidak_efektif: bool, tindak_lanjut: str | None,
                catatan: str | None, putaran: int | None, waktu: str | None) -> None:
    if efektif == tidak_efektif:
        raise GalatMasukan("Pilih salah satu: --efektif, atau --tidak-efektif --tindak-lanjut TEKS.")
    if tidak_efektif and not (tindak_lanjut or "").strip():
        raise GalatMasukan("--tidak-efektif memerlukan --tindak-lanjut TEKS (tindakan lanjutan pada putaran yang sama).")
    if efektif and tindak_lanjut is not None:
        raise GalatMasukan("--tindak-lanjut hanya untuk --tidak-efektif; dengan --efektif gunakan --catatan.")
    arsip = k.arsip()
    hasil = arsip.langkah(id, Aksi.EFEKTIVITAS, petugas=k.petugas, waktu=k.waktu(waktu), rincian={
        "hasil": "efektif" if efektif else "tidak_efektif", "tindak_lanjut": tindak_lanjut, "catatan": catatan,
        "putaran": putaran})
    x = arsip.ambil(hasil["id"])
    akhir = x["riwayat"][-1]
    n, info = akhir["rincian"]["putaran"], akhir["efektivitas"]
    kata = f"tindakan putaran {n} dinyatakan {'efektif' if efektif else 'tidak efektif'}"
    kata += f" (lebih awal dari jatuh tempo {tg.tampil(info['jatuh_tempo'])})" if info["dini"] else ""
    baru = next((t for t in x["tinjauan_efektivitas"] if t["putaran"] == n), None)
    if baru:
        kata += f"; tindak lanjut dicatat, tinjauan berikutnya jatuh tempo {tg.tampil(baru['jatuh_tempo'])}"
    _hasil_langkah(hasil, kata)


def batal(k: Konteks, id: str, *, alasan: str | None, waktu: str | None) -> None:
    if not (alasan or "").strip():
        raise GalatMasukan("Pembatalan memerlukan --alasan TEKS, mis. --alasan \"Tercatat ganda dengan 001/KP/...\".")
    hasil = k.arsip().langkah(id, Aksi.BATAL, petugas=k.petugas, waktu=k.waktu(waktu), rincian={"alasan": alasan})
    _hasil_langkah(hasil, "keluhan dibatalkan; nomornya tetap terpakai dan tidak dihitung di rekap")


def koreksi(
    k: Konteks, id: str, *, kolom: str | None, nilai: str | None, alasan: str | None, peristiwa: int | None = None,
    putaran: int | None = None,
) -> None:
    if kolom is None or nilai is None or not (alasan or "").strip():
        raise GalatMasukan('Koreksi memerlukan --kolom NAMA, --nilai NILAI (\'\' untuk mengosongkan) dan --alasan TEKS.')
    if nilai == "-":
        nilai = baca_stdin("--nilai -")
    kolom = kolom.strip().lower().replace("-", "_")
    isi: Any = nilai
    if kolom in ("waktu", "diajukan"):
        if not nilai.strip():
            raise GalatMasukan(f"Kolom '{kolom}' tidak dapat dikosongkan lewat koreksi; isi waktu yang benar.")
        isi = k.waktu(nilai, "--nilai")
    hasil = k.arsip().koreksi(id, petugas=k.petugas, kolom=kolom, nilai=isi, alasan=alasan or "",
                              peristiwa=peristiwa, putaran=putaran)
    apa = f"waktu peristiwa #{peristiwa}" if kolom == "waktu" else f"kolom {kolom}"
    if kolom in ("waktu", "diajukan"):
        apa += " dikoreksi; waktu asli tetap tercatat di riwayat; durasi dan tenggat dihitung ulang"
    else:
        apa += " dikoreksi; nilai lama tetap tercatat di riwayat"
    _hasil_langkah(hasil, apa)


def daftar(
    k: Konteks, *, status: str | None, media: str | None, bulan: str | None, tim: str | None, halaman: int,
    per_halaman: int, json_: bool,
) -> None:
    arsip = k.arsip()
    baris, total = arsip.daftar(status=status, media=media, bulan=bulan, tim=tim, halaman=halaman,
                                per_halaman=per_halaman)
    if tim is not None and total == 0:
        # A typo ('Lab Pengujian') must not read as "nothing forwarded to them": a name that is
        # neither a team of the settings nor on any complaint (an old or imported one) is refused,
        # as agenda --tim refuses it.
        dikenal = arsip.p["tim_teknis"]["nama"]
        if tim.strip().casefold() not in {t.casefold() for t in dikenal} and arsip.db.execute(
                "SELECT 1 FROM keluhan WHERE tim_teknis = ? COLLATE NOCASE LIMIT 1", (tim.strip(),)).fetchone() is None:
            raise GalatMasukan(f"Tim Teknis '{tim}' tidak dikenal. Pilihan: {'; '.join(dikenal)}.")
    _cetak_halaman(
        arsip, baris, json_,
        ["Nomor", "ID", "Dicatat", "Pelanggan", "Media", "Status", "Tim Teknis", "Tenggat"],
        lambda b: [b["media"], b["status"], b["tim_teknis"], _tenggat_teks(b)],
        f"dari {total} keluhan; halaman {halaman}/{max(1, -(-total // per_halaman))}.",
    )


def _tenggat_teks(b: dict[str, Any]) -> str:
    """daftar's Tenggat cell: the awaited step and its deadline as people read it
    ("langkah 4, 5 November 2026 09.00 WIB"), TERLAMBAT first once past; empty when finished;
    a paused complaint: DITUNDA since when, and its pause's limit."""
    from keluhan import tanggal

    if b.get("ditunda"):  # paused, not late (keluhan tunda): the pause's limit instead
        lewat = "PENUNDAAN TERLAMBAT, " if b.get("tunda_lewat_batas") else ""
        return f"DITUNDA sejak {tanggal.tampil(b['ditunda'])} ({lewat}batas {tanggal.tampil(b['tunda_batas'])})"
    if not b.get("batas_langkah"):
        return ""
    batas = f"langkah {b['langkah_berikutnya']}, {tanggal.tanggal(b['batas_langkah'])} {tanggal.jam(b['batas_langkah'])}"
    return f"TERLAMBAT {batas}" if b["terlambat"] else batas


def _cetak_halaman(arsip: Any, baris: list[dict[str, Any]], json_: bool, kolom: list[str],
                   sisa: Callable[[dict[str, Any]], list[Any]], kaki: str) -> None:
    """One page of complaints (daftar, cari): JSON objects, or a table whose first three
    columns are number, id and recording time, then ``sisa(b)``, and the paging line."""
    arsip.tandai_tenggat(baris)
    if json_:
        _cetak_json([_json_keluhan(b) for b in baris])
        return
    _tabel(None, kolom, [[b["nomor"], b["id"], tg.tampil(b["dicatat"]), b["nama"], *sisa(b)] for b in baris])
    print(f"{len(baris)} {kaki}", file=sys.stderr if not _tty() else sys.stdout)


def agenda(k: Konteks, *, untuk: str | None, tim: str | None, semua: bool, hari: int, json_: bool) -> None:
    from keluhan import agenda as ag

    arsip = k.arsip()
    if untuk is None and tim is None and not semua:
        untuk = k.petugas  # the acting officer's own agenda (--petugas keeps its one meaning)
    if untuk is not None and not untuk.strip():
        raise GalatMasukan("--untuk memerlukan nama petugas.")
    if tim is not None:
        dikenal = {t.casefold(): t for t in arsip.p["tim_teknis"]["nama"]}
        if tim.strip().casefold() not in dikenal:
            raise GalatMasukan(f"Tim Teknis '{tim}' tidak dikenal. Pilihan: {'; '.join(dikenal.values())}.")
        tim = dikenal[tim.strip().casefold()]
    kal, sekarang = arsip.kalender(), arsip._sekarang()
    orang = None
    if untuk is not None:  # a registered officer: their roles and team shape their agenda
        reg = arsip.register(arsip.db)
        calon = [] if reg.kosong else reg.cocok(untuk, reg.aktif_pada(sekarang))
        orang = calon[0] if len(calon) == 1 else None
    butir, sampai = ag.agenda(arsip.db, kal, sekarang, hari=hari, untuk=untuk, tim=tim, semua=semua,
                              p=arsip.p, petugas=orang)
    if json_:
        _cetak_json([ag.json_butir(b, kal, sekarang) for b in butir])
        return
    siapa = "semua petugas" if semua else f"Tim Teknis {tim}" if tim else untuk
    akhir = f"sampai {tg.tanggal((sampai - timedelta(seconds=1)).date())}"
    if not butir:
        if _tty():
            print(sel(f"Agenda {siapa}: tidak ada yang jatuh tempo {akhir}."))
        return
    from keluhan.kalender import format_durasi

    _tabel(
        f"Agenda {siapa}, {akhir}" if _tty() else None,
        ["Nomor", "Pelanggan", "Yang jatuh tempo", "Untuk", "Batas", "Keadaan", "Perintah"],
        [[b.keluhan["nomor"], b.keluhan["nama"], b.apa, "; ".join(x for x in (b.peran, b.tim, b.orang) if x),
          _batas_agenda(b),
          _terlambat_teks(kal, b.batas, sekarang) if b.terlambat
          else f"sisa {format_durasi(kal.menit_kerja(sekarang, b.batas))}", b.perintah]
         for b in butir],
    )


def _batas_agenda(b: Any) -> str:
    """An item's Batas as a person reads it: a due *day* (a review's, a CAPA target's, whose
    deadline is the midnight after it) as that day, as terlambat and lihat print it, not as
    '13 November 2026 00.00 WIB' for a review due on the 12th."""
    if b.jenis in ("efektivitas", "target_tindakan") and (b.batas.hour, b.batas.minute, b.batas.second) == (0, 0, 0):
        return tg.tanggal((b.batas - timedelta(days=1)).date())
    return tg.tampil(b.batas)  # as terlambat's Batas


def _terlambat_teks(kal: Any, batas: datetime, sekarang: datetime) -> str:
    """'TERLAMBAT 1,5 hari kerja' or 'TERLAMBAT 2 jam 10 menit', as terlambat prints it."""
    from keluhan.kalender import format_durasi

    hari = kal.hari_kerja(batas, sekarang)
    return "TERLAMBAT " + (f"{hari:.1f} hari kerja".replace(".", ",") if hari >= 1
                           else format_durasi(kal.menit_kerja(batas, sekarang)))


def cari(k: Konteks, teks: str, *, halaman: int, per_halaman: int, json_: bool) -> None:
    arsip = k.arsip()
    baris, total = arsip.cari(teks, halaman=halaman, per_halaman=per_halaman)
    _cetak_halaman(
        arsip, baris, json_, ["Nomor", "ID", "Dicatat", "Pelanggan", "Instansi", "Status", "Uraian"],
        lambda b: [b["instansi"], b["status"], _ringkas(b["uraian"])],
        f"dari {total} keluhan cocok; halaman {halaman}/{max(1, -(-total // per_halaman))}.",
    )


def _ringkas(teks_: str, n: int = 60) -> str:
    satu = " ".join(teks_.split())
    return satu if len(satu) <= n else satu[: n - 1] + "…"


_LABEL = {
    "id": "ID", "nomor": "Nomor", "status": "Status", "nama": "Nama pelanggan", "instansi": "Instansi",
    "alamat": "Alamat", "telepon": "Telepon", "email": "Email", "media": "Media", "layanan": "Layanan",
    "referensi": "Referensi (LHU/sertifikat)", "uraian": "Uraian keluhan", "harapan": "Harapan pelanggan",
    "kategori": "Kategori", "diajukan": "Diajukan", "dicatat": "Dicatat", "petugas_pencatat": "Petugas pencatat",
    "validasi": "Hasil validasi", "tim_teknis": "Diteruskan ke", "alasan_tidak_valid": "Alasan tidak valid",
    "catatan_validasi": "Catatan validasi", "divalidasi": "Divalidasi", "petugas_validasi": "Petugas validasi",
    "diverifikasi": "Diverifikasi", "petugas_verifikasi": "Petugas verifikasi",
    "catatan_verifikasi": "Catatan verifikasi", "diinformasikan": "Diinformasikan",
    "petugas_informasi": "Petugas informasi", "media_informasi": "Media informasi",
    "catatan_informasi": "Catatan informasi", "dibanding": "Banding diajukan", "banding_alasan": "Alasan banding",
    "diputus": "Banding diputus", "putusan": "Putusan banding", "putusan_alasan": "Dasar putusan",
    "petugas_putusan": "Petugas pemutus",
    "kepuasan_nilai": "Kepuasan pelanggan (1-4)", "kepuasan_menerima": "Menerima hasil",
    "kepuasan_catatan": "Catatan kepuasan", "dinilai": "Kepuasan dicatat", "petugas_kepuasan": "Petugas kepuasan",
    "dibatalkan": "DIBATALKAN", "petugas_batal": "Petugas pembatalan", "alasan_batal": "Alasan pembatalan",
    "ditunda": "DITUNDA sejak", "alasan_tunda": "Alasan penundaan", "petugas_tunda": "Petugas penundaan",
}


# The fields of ``lihat`` that are times: shown as a person reads them ("30 November 2026
# 09.00 WIB", tanggal.tampil); --json keeps ISO 8601.
_WAKTU_LIHAT = frozenset({"diajukan", "dicatat", "divalidasi", "diverifikasi", "diinformasikan", "dibanding", "diputus",
                          "dinilai", "dibatalkan", "ditunda"})
_WAKTU_TINDAKAN = frozenset({"target", "diverifikasi_pada", "efektivitas_pada"})


def lihat(k: Konteks, id: str, *, json_: bool) -> None:
    x = k.arsip().ambil(id)
    if json_:
        _cetak_json(_json_keluhan(x))
        return
    lebar = max(len(v) for v in _LABEL.values())
    for kunci, label in _LABEL.items():
        if kunci == "kepuasan_menerima" and x.get(kunci) is not None:
            print(f"{label:<{lebar}} : {'ya' if x[kunci] else 'tidak'}")
        elif x.get(kunci) not in (None, ""):
            # Shown as text (layar): a value's own lines are indented under it, never a line of their own.
            nilai = tg.tampil(x[kunci]) if kunci in _WAKTU_LIHAT else x[kunci]
            nilai = teks(nilai, baris=True).replace("\n", "\n" + " " * (lebar + 3))
            print(f"{label:<{lebar}} : {nilai}")
    for t in x["tindakan"]:
        print("\n" + sel(f"Tindakan putaran {t['putaran']} ({t['petugas']}, {tg.tampil(t['waktu'])}):"))
        for kunci in ("kode_akar", "akar_masalah", "koreksi", "korektif", "pencegahan", "penanggung_jawab", "target",
                      "verifikasi", "verifikasi_alasan", "verifikasi_catatan", "diverifikasi_oleh", "diverifikasi_pada",
                      "efektivitas", "efektivitas_tindak_lanjut", "efektivitas_catatan", "efektivitas_oleh",
                      "efektivitas_pada"):
            if t.get(kunci):
                judul = f"  {kunci.replace('_', ' ')}: "
                isi = tg.tampil(t[kunci]) if kunci in _WAKTU_TINDAKAN else t[kunci]
                print(judul + teks(isi, baris=True).replace("\n", "\n" + " " * len(judul)))
    for t in x["tinjauan_efektivitas"]:
        print(f"\nTinjauan efektivitas putaran {t['putaran']} jatuh tempo {tg.tampil(t['jatuh_tempo'])}"
              + (" — TERLAMBAT" if t["terlambat"] else "") + ".")
    if x["langkah_berikutnya"]:
        print(f"\nMenunggu langkah {x['langkah_berikutnya']} (mutu baku {x['mutu_baku_langkah']}), batas "
              f"{tg.tampil(x['batas_langkah'])}" + (" — TERLAMBAT" if x["terlambat"] else "") + ".")
    if x["berulang"]:
        print(f"\nKeluhan sebelumnya dari pelanggan yang sama ({x['berulang_hari']} hari sebelum dicatat):")
        _cetak_sebelumnya(x["berulang"], 10, x["nomor"])
    if x["kaitan"]:
        print("\nKeluhan terkait:")
        for b in x["kaitan"]:
            print("  " + _baris_kaitan(b))
    if x.get("ditunda"):
        print(f"Jam DITUNDA sejak {tg.tampil(x['ditunda'])}; batas penundaan {tg.tampil(x['tunda_batas'])}"
              + (" — PENUNDAAN TERLAMBAT" if x["tunda_lewat_batas"] else "")
              + f"; lanjutkan dengan 'keluhan lanjutkan {x['nomor']}'.")
    print()
    from keluhan.kalender import format_durasi

    _tabel(
        "Riwayat",
        ["#", "Langkah", "Aksi", "Waktu", "Petugas", "Perubahan", "Durasi kerja", "Mutu baku", "Patuh"],
        [[r["urutan"], r["langkah"] or "", r["aksi"], tg.tampil(r["waktu"]) + (" (dikoreksi)" if r.get("dikoreksi") else ""),
          r["petugas"], _perubahan(r),
          (format_durasi(r["durasi_menit"]) if r["durasi_menit"] is not None else "")
          + (f" (ditunda {format_durasi(r['menit_tunda'])})" if r.get("menit_tunda") else ""), r["mutu_baku"] or "",
          {True: "ya", False: "TIDAK", None: ""}[r["patuh"]]]
         for r in x["riwayat"]],
    )


def _perubahan(r: dict[str, Any]) -> str:
    """What an event changed: the status, or for a correction the field, old and new value, and why;
    a progress notice: its medium and what was said; an attachment: the file."""
    d = r["rincian"]
    if r["aksi"] == Aksi.KABARI:
        return f"kabar via {d.get('media')}: {d.get('catatan')}"
    if r["aksi"] == Aksi.KEPUASAN:
        sikap = {True: ", menerima hasil", False: ", tidak menerima hasil"}.get(d.get("menerima"), "")
        return f"kepuasan: nilai {d.get('nilai')}{sikap}"
    if r["aksi"] == Aksi.EFEKTIVITAS:
        d, info = r["rincian"], r.get("efektivitas") or {}
        hasil = "efektif" if d.get("hasil") == "efektif" else f"tidak efektif; tindak lanjut: {d.get('tindak_lanjut')}"
        return f"putaran {d.get('putaran')}: {hasil}" + (" (lebih awal dari jatuh tempo)" if info.get("dini") else "")
    if r["aksi"] == Aksi.KAITKAN:
        return f"dikaitkan dengan {d.get('terkait')}: {d.get('alasan')}"
    if r["aksi"] == Aksi.TUNDA:
        return f"jam ditunda: {d.get('alasan')}"
    if r["aksi"] == Aksi.LANJUTKAN:
        return "jam berjalan lagi" + (f": {d['catatan']}" if d.get("catatan") else "")
    if r["aksi"] == Aksi.LAMPIRKAN:
        return (f"berkas {d.get('nama')} ({d.get('mime')}, {d.get('ukuran')} byte)"
                + (f"; {d['keterangan']}" if d.get("keterangan") else ""))
    if r["aksi"] != Aksi.KOREKSI:
        return f"{r['status_dari'] or '—'} → {r['status_ke']}" if r["status_ke"] else ""

    def nilai(v: Any) -> str:
        return "(kosong)" if v in (None, "") else f"“{v}”"

    if d.get("kolom") == "waktu":
        apa = f"waktu peristiwa #{d.get('peristiwa')}"
    elif "putaran" in d:
        apa = f"{d.get('kolom')} (tindakan putaran {d.get('putaran')})"
    else:
        apa = str(d.get("kolom"))
    return f"{apa}: {nilai(d.get('lama'))} → {nilai(d.get('baru'))}; alasan: {d.get('alasan')}"


# -- the recap (cli.py holds its options and help) ----------------------------------------


def rekap(
    k: Konteks, *, bulan: str | None, triwulan: str | None, semester: str | None, tahun: int | None, dari: str | None,
    sampai: str | None, format_: str | None, keluar: str | None, timpa: bool, jangkar: str | None,
) -> None:
    """``keluhan rekap``: the period's recap as md, html, json or pdf, to stdout or ``--keluar``
    (never over the archive or its settings), a closed month read from its kept figures
    (keluhan/rekap_bulan.py) when they hold; on a terminal without --format, its headline tables."""
    import os

    from keluhan import berkas as bk, jangkar as jk, rekap as rk

    titik = jk.baca(jangkar) if jangkar is not None else None
    jalur_keluar = bk.jalur_keluar(keluar, ("md", "html", "json", "pdf")) if keluar is not None else None
    arsip = k.arsip()
    periode = rk.periode_dari_opsi(
        bulan=bulan, tahun=tahun, triwulan=triwulan, semester=semester, hari_ini=w.sekarang(k.pengaturan["waktu"]["zona"]).date(),
        dari=w.parse_tanggal(dari, opsi="--dari", zona_nama=k.pengaturan["waktu"]["zona"]) if dari else None,
        sampai=w.parse_tanggal(sampai, opsi="--sampai", zona_nama=k.pengaturan["waktu"]["zona"]) if sampai else None,
    )
    fmt = bk.format_keluar(format_, jalur_keluar, _FORMAT_AKHIRAN, "md") if jalur_keluar is not None else format_
    tujuan = None
    if jalur_keluar is not None:
        jalur, folder = jalur_keluar
        tujuan = jalur / f"rekap-{periode.nama_berkas}.{fmt}" if folder else jalur
    if tujuan is not None:  # refused before the work, not after it
        bk.periksa_tujuan(tujuan, timpa=timpa, lindungi=_lindungi(k))
    elif fmt == "pdf":
        _periksa_stdout_pdf()
    data = arsip.rekap(periode, titik, format=fmt)  # (kept figures, keluhan/rekap_bulan.py: json as kept, rows as kept)
    if tujuan is None and fmt is None and _tty():
        _rekap_layar(data)
        return
    if fmt == "pdf":
        isi = _rekap_pdf(k, data)
        if tujuan is None:
            _tulis_pdf_stdout(isi)
            return
        bk.tulis_data(tujuan, isi, timpa=timpa, lindungi=_lindungi(k))
        if _tty():
            print(sel(f"Rekap ditulis: {tujuan}"))
        return
    if tujuan is not None and not isinstance(data, dict):  # a closed month's kept figures (keluhan/rekap_bulan.py)
        with bk.berkas_baru(tujuan, timpa=timpa, lindungi=_lindungi(k)) as f:  # the JSON's bytes as kept, in pieces
            for bagian in data.bagian():
                sisa = memoryview(bagian)
                while sisa:
                    sisa = sisa[os.write(f.fd, sisa):]
        if _tty():
            print(sel(f"Rekap ditulis: {tujuan}"))
        return
    teks = _render_rekap(k, data, fmt or "md")
    if tujuan is None:
        if fmt == "json":  # C1 and bidi controls as \u escapes, like --json (layar.json_teks)
            from keluhan.layar import json_teks

            akhir = bk.tulis_potongan(sys.stdout, map(json_teks, teks))
        else:
            # A template refused halfway (the sandbox, keluhan/formulir.py) leaves stdout empty
            # too: the document is spooled (to disk past 16 MB) and printed once it is whole.
            import shutil
            import tempfile

            with tempfile.SpooledTemporaryFile(max_size=1 << 24, mode="w+", encoding="utf-8", newline="") as f:
                akhir = bk.tulis_potongan(f, teks)
                f.seek(0)
                shutil.copyfileobj(f, sys.stdout)
        if akhir != "\n":
            sys.stdout.write("\n")
    else:
        bk.tulis_atomik(tujuan, teks, timpa=timpa, lindungi=_lindungi(k))
        if _tty():  # quiet otherwise: cron mails whatever a job prints
            print(sel(f"Rekap ditulis: {tujuan}"))


def _lindungi(k: Konteks) -> list[tuple[Path, str]]:
    """What no output file may replace: the archive, its -wal/-shm, the settings file."""
    from keluhan import berkas as bk

    return bk.dilindungi(k.jalur, k.konfigurasi)


def _render_rekap(k: Konteks, data: dict[str, Any], fmt: str) -> Iterator[str]:
    """The recap document in pieces, written as they come (a year's recap can be big)."""
    import itertools

    if fmt == "json":
        from keluhan import jsonalir

        if not isinstance(data, dict):  # keluhan/rekap_bulan.py: read from a closed month's kept figures
            return itertools.chain(data.potongan(), ["\n"])
        return itertools.chain(jsonalir.potongan(data), ["\n"])
    from keluhan import formulir

    return formulir.render_potongan("rekap", data, k.pengaturan, format=fmt, templat_dir=_folder_templat(k))


def _rekap_pdf(k: Konteks, data: dict[str, Any]) -> bytes:
    """The recap as PDF/A-3b: its summary and a capped annex of complaints (pdf.lampiran_rekap),
    the whole recap JSON attached."""
    import tempfile

    from keluhan import formulir, jsonalir, pdf

    html = formulir.render("rekap", pdf.lampiran_rekap(data), k.pengaturan, format="html", templat_dir=_folder_templat(k))
    periode = data["periode"]
    with tempfile.SpooledTemporaryFile(max_size=1 << 24) as f:  # the JSON, as rekap --format json writes it
        for bagian in jsonalir.potongan(data):
            f.write(bagian.encode("utf-8"))
        f.write(b"\n")
        f.seek(0)
        return pdf.buat(html, f, nama_lampiran=f"rekap-{periode['mulai']}-{periode['akhir']}.json",
                        identitas=f"keluhan rekap {periode['mulai']} {periode['akhir']}",
                        judul=f"{formulir.JUDUL['rekap']} {periode.get('label') or periode['mulai']}")


def _koma(x: float) -> str:
    return f"{x:.2f}".replace(".", ",")


def _rekap_layar(d: dict[str, Any]) -> None:
    """The recap on a terminal: headline figures and compact tables. Everything is given
    to rich as ``Text`` (``layar.rich_teks``), never as a markup string: a customer named
    "[/b]" is shown, not parsed (it crashed the print), "[link=...]" is no live link."""
    from rich.columns import Columns
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from keluhan.layar import rich_teks

    def tabel(judul: str | None = None) -> Table:
        return Table(title=rich_teks(judul) if judul else None, header_style="bold")

    c = Console()
    ws, lalu = d["waktu_selesai"], d.get("pembanding")
    c.print(Text.assemble(
        rich_teks(f"Rekapitulasi Keluhan Pelanggan — {d['periode']['label']}", "bold"),
        rich_teks(f" ({d['periode']['mulai']} s.d. {d['periode']['akhir']}; keadaan per akhir periode)"),
    ))
    c.print(Text.assemble(
        "Keluhan dicatat: ", rich_teks(d["jumlah"], "bold"),
        rich_teks((f" (periode lalu {lalu['jumlah']})" if lalu else "")
                  + f"; selesai dalam periode: {ws['jumlah']}"
                  + (f", median {_koma(ws['median_hari'])} hari kerja, p90 {_koma(ws['p90_hari'])}" if ws["jumlah"] else "")
                  + f"; masih terbuka di akhir periode: {len(d['terbuka_akhir_periode'])}."),
    ))
    tabel_tabel = []
    for judul, kunci in (("Status", "per_status"), ("Media", "per_media"), ("Layanan", "per_layanan")):
        t = tabel()
        t.add_column(judul)
        t.add_column("Jumlah", justify="right")
        for nama, n in d[kunci].items():
            if n:
                t.add_row(rich_teks(nama), rich_teks(n))
        tabel_tabel.append(t)
    t = tabel()
    for kol in ("Langkah", "Mutu baku", "Jumlah", "Tak diukur", "Patuh", "% terukur"):
        t.add_column(kol, justify="left" if kol == "Langkah" else "right")
    for n, x in d["langkah"].items():
        # A step whose start time is unknown (step 2 without --diajukan) is neither kept nor missed.
        diukur = x["total"] - x.get("tidak_diukur", 0)
        t.add_row(*map(rich_teks, (n, x["mutu_baku"], x["total"], x.get("tidak_diukur", 0), x["patuh"],
                                   f"{100 * x['patuh'] / diukur:.0f}" if diukur else "-")))
    tabel_tabel.append(t)
    c.print(Columns(tabel_tabel))
    if d.get("akar_masalah"):  # issue 16: the Pareto's vital few (keluhan/analisis.py)
        c.print(rich_teks("Akar masalah (Pareto): " + ", ".join(
            f"{x['kode']} {x['jumlah']} ({_koma(x['persen'])[:-1]}%)" for x in d["akar_masalah"])
            + f"; penyebab utama (80%): {', '.join(d['pareto']['akar_masalah']['utama'])}."))
    if d["keluhan"]:
        t = tabel("Keluhan yang dicatat")
        for kol in ("Nomor", "Pelanggan", "Media", "Status", "Selesai", "Hari kerja", "Keterangan"):
            t.add_column(kol, overflow="fold", justify="right" if kol == "Hari kerja" else "left")
        for x in d["keluhan"]:
            t.add_row(*map(rich_teks, (x["nomor"], x["nama"], x["media"], x["status"], x["selesai"] or "",
                                       _koma(x["hari_kerja"]), x["keterangan"])))
        c.print(t)
    if d["terbuka_akhir_periode"]:
        t = tabel("Masih terbuka di akhir periode")
        for kol in ("Nomor", "Pelanggan", "Status", "Menunggu langkah", "Batas", "Kabar", ""):
            t.add_column(kol, overflow="fold")
        for x in d["terbuka_akhir_periode"]:
            t.add_row(*map(rich_teks, (x["nomor"], x["nama"], x["status"], x["langkah"], tg.tampil(x["batas"]),
                                       x.get("kabar", 0), "TERLAMBAT" if x["terlambat"] else "")))
        c.print(t)
    if d.get("berulang"):
        t = tabel(f"Keluhan berulang (pelanggan sama dalam {d['berulang_hari']} hari, atau dikaitkan)")
        for kol in ("Nomor", "Sebelumnya dari pelanggan yang sama", "Dikaitkan dengan"):
            t.add_column(kol, overflow="fold")
        for x in d["berulang"]:
            lagi = x["jumlah_sebelumnya"] - len(x["sebelumnya"])
            sebelumnya = "; ".join(f"{e['nomor']} ({', '.join(e['sebab'])})" for e in x["sebelumnya"])
            t.add_row(*map(rich_teks, (x["nomor"], sebelumnya + (f"; dan {lagi} lainnya" if lagi else ""),
                                       "; ".join(f"{y['nomor']}: {y['alasan']}" for y in x["kaitan"]))))
        c.print(t)
    hasil = d.get("per_hasil") or {}
    susulan = d.get("pencatatan_susulan") or {}
    c.print(f"Hasil validasi: valid {hasil.get('valid', 0)}, tidak valid {hasil.get('tidak_valid', 0)}, "
            f"batal {hasil.get('batal', 0)}, belum divalidasi {hasil.get('belum_divalidasi', 0)}. "
            f"Dicatat susulan (lebih dari 1 hari kerja sesudah kejadian): {susulan.get('jumlah', 0)} peristiwa langkah.",
            markup=False)
    if d.get("jangkar"):
        c.print(f"Jangkar: {d['jangkar']['teks']}", markup=False, soft_wrap=True)


# A --keluar file's suffix says the format when --format is not given.
_FORMAT_AKHIRAN = {".md": "md", ".html": "html", ".htm": "html", ".pdf": "pdf", ".json": "json"}


def _folder_templat(k: Konteks) -> Path | None:
    """--templat DIR, else templates/ beside the archive when it exists."""
    if k.templat is not None:
        return k.templat
    samping = k.jalur.parent / "templates"
    return samping if samping.is_dir() else None


def _periksa_stdout_pdf(tty: bool | None = None) -> None:
    """A PDF goes to stdout only into a pipe or a file: never onto a terminal (it is binary),
    nor into a text-only stream. Checked before the work. (``tty``: the caller's own reading.)"""
    if (_tty() if tty is None else tty) or getattr(sys.stdout, "buffer", None) is None:
        raise GalatMasukan("PDF tidak dicetak ke terminal: beri --keluar BERKAS.pdf atau folder/, "
                           "atau alihkan keluaran ke berkas (> berkas.pdf).")


def _tulis_pdf_stdout(isi: bytes, tty: bool | None = None) -> None:
    _periksa_stdout_pdf(tty)
    sys.stdout.flush()
    sys.stdout.buffer.write(isi)
    sys.stdout.buffer.flush()
