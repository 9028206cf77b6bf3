"""The command line: parse, call the core, print. Nothing clever happens here.

Every refused command ends in ``_Grup.invoke`` (``harian.penanganan``): one Indonesian
line on stderr, exit 1 (2 for bad input), no traceback; the core has already rolled its
transaction back. The daily commands' bodies live in ``harian.py`` so that ``cepat.py``
can run them without importing Typer; their options and help stay here.

No ``from __future__ import annotations`` here: Typer would have to eval every string
annotation at start-up (~20 ms of compile() on every command).
"""

import copy
import functools
import json
import os
import sys
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer

# Typer 0.26+ carries its own copy of Click; its exceptions are not the `click` package's.
from typer._click import exceptions as click_galat
from keluhan import bantuan, berkas as bk, harian, tanggal as tg, waktu as w
from keluhan.galat import GalatArsip, GalatKeluhan, GalatMasukan
from keluhan.harian import Konteks, _cetak_json, _json_keluhan, _tabel, _tty, galat, penanganan
from keluhan.harian import (  # shared with rekap, whose body is in harian
    _FORMAT_AKHIRAN, _folder_templat, _lindungi, _rekap_layar,
)
from keluhan.layar import sel
from keluhan.workflow import LAYANAN, MEDIA, Status

MediaPilihan = Enum("MediaPilihan", {m: m for m in MEDIA}, type=str)  # type: ignore[misc]
LayananPilihan = Enum("LayananPilihan", {m: m for m in LAYANAN}, type=str)  # type: ignore[misc]
StatusPilihan = Enum("StatusPilihan", {s.value: s.value for s in Status}, type=str)  # type: ignore[misc]


# Click's usage errors, said in Indonesian. Each pattern must match the whole message,
# with its whitespace (newlines, the tabs of "Choose from:") squeezed to single spaces.
_TERJEMAHAN = [
    (r"Missing argument '(.+?)'\.? Choose from: (.+?)\.?", "argumen {0} wajib diisi; pilihan: {1}"),
    (r"Missing argument '(.+?)'\.?", "argumen {0} wajib diisi"),
    (r"Missing option '(.+?)'\.? Choose from: (.+?)\.?", "opsi {0} wajib diisi; pilihan: {1}"),
    (r"Missing option '(.+?)'\.?", "opsi {0} wajib diisi"),
    (r"Missing parameter: (\S+?)\.?", "{0} wajib diisi"),
    (r"Missing command\.?", "perintah belum disebut"),
    (r"No such option: (\S+?)\.? \(Possible options: (.+)\)", "opsi {0} tidak dikenal; mungkin maksudnya {1}"),
    (r"No such option: (\S+?)\.? Did you mean (\S+?)\?", "opsi {0} tidak dikenal; mungkin maksudnya {1}"),
    (r"No such option: (\S+?)\.?", "opsi {0} tidak dikenal"),
    (r"No such command '(.*?)'\.? Did you mean (.+?)\?", "perintah '{0}' tidak dikenal; mungkin maksudnya {1}"),
    (r"No such command '(.*?)'\.?", "perintah '{0}' tidak dikenal"),
    (r"Invalid value for '(.+?)': '(.*)' is not one of (.+?)\.?", "nilai {0} tidak sah: '{1}'; pilihan: {2}"),
    (r"Invalid value for '(.+?)': '(.*)' is not a valid (?:int|integer)(?: range)?\.?",
     "nilai {0} tidak sah: '{1}' bukan bilangan bulat"),
    (r"Invalid value for '(.+?)': '(.*)' is not a valid float(?: range)?\.?", "nilai {0} tidak sah: '{1}' bukan bilangan"),
    (r"Invalid value for '(.+?)': '(.*)' is not a valid .+", "nilai {0} tidak sah: '{1}'"),
    (r"Invalid value for '(.+?)': (\S+) is not in the range (\S+?)\.?", "nilai {0} tidak sah: {1}; harus {2}"),
    # Click's checks of a path option (typer's Path is readable=True): the cause named.
    (r"Invalid value for '(.+?)': (?:Path|File|Directory) '(.*)' is not readable\.?",
     "{0} '{1}' tidak dapat dibaca oleh pengguna ini (izin ditolak)"),
    (r"Invalid value for '(.+?)': (?:Path|File|Directory) '(.*)' is not writable\.?",
     "{0} '{1}' tidak dapat ditulis oleh pengguna ini (izin ditolak)"),
    (r"Invalid value for '(.+?)': (?:Path|File|Directory) '(.*)' does not exist\.?", "{0} '{1}' tidak ada"),
    (r"Invalid value for '(.+?)': (.+)", "nilai {0} tidak sah: {1}"),
    (r"Invalid value: (.+)", "nilai tidak sah: {0}"),
    # Never repeat the stray words: they are often the rest of an unquoted address or
    # phone number, and personal data has no place in an error message.
    (r"Got unexpected extra argument(?:s|\(s\))? \((.+)\)", "ada kata berlebih yang tidak dikenal; apit nilai yang "
     "mengandung spasi dengan tanda kutip, mis. --alamat \"Jl. Merdeka 5\""),
    (r"Option '(.+?)' requires an argument\.?", "opsi {0} memerlukan nilai"),
    (r"Option '(.+?)' requires (\d+) arguments\.?", "opsi {0} memerlukan {1} nilai"),
    (r"Option '(.+?)' does not take a value\.?", "opsi {0} tidak menerima nilai; tulis {0} saja"),
]

# Click's ranges ("x>=1", "1<=x<=10000") in words.
_RENTANG = [
    (r"(\S+?)<=x<=(\S+)", r"\1 sampai \2"), (r"x>=(\S+)", r"paling kecil \1"), (r"x<=(\S+)", r"paling besar \1"),
    (r"x>(\S+)", r"lebih dari \1"), (r"x<(\S+)", r"kurang dari \1"),
]


def _terjemahkan(e: click_galat.UsageError, args: list[str]) -> str:
    import re

    pesan = re.sub(r"\s+", " ", e.format_message()).strip()
    pesan = re.sub(r"^(Invalid value for '[^']+') \(env var: '[^']*'\)", r"\1", pesan)  # the option is named
    for pola, ganti in _TERJEMAHAN:
        m = re.fullmatch(pola, pesan)
        if m:
            pesan = ganti.format(*m.groups())
            break
    for pola, ganti in _RENTANG:
        pesan = re.sub(rf"; harus {pola}$", rf"; harus {ganti}", pesan)
    perintah = e.ctx.command_path if e.ctx else _jalur_perintah(args)
    return f"{pesan} (bantuan: {perintah} --help)"


def _jalur_perintah(args: list[str]) -> str:
    """The command a command line names ("keluhan libur tambah"), for the help hint of an
    error that Click raised without its context (e.g. "--terima=yes")."""
    i = 0
    while i < len(args) and args[i].split("=", 1)[0] in _GLOBAL_BERNILAI:
        i += 1 if "=" in args[i] else 2
    jalur = ["keluhan"]
    if i < len(args) and args[i] in {c.name for c in app.registered_commands}:
        jalur.append(args[i])
    elif i < len(args) and args[i] in ("libur", "pengaturan", "petugas"):
        jalur.append(args[i])
        sub = {"libur": libur_app, "pengaturan": pengaturan_app, "petugas": petugas_app}[args[i]]
        if i + 1 < len(args) and args[i + 1] in {c.name for c in sub.registered_commands}:
            jalur.append(args[i + 1])
    return " ".join(jalur)


class _Grup(bantuan.Grup):
    """The root group: help in Indonesian for every command under it (bantuan.py), the
    global options also after the command's name, one line for every refusal."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bantuan.milikkan(self, [p for p in self.params if p.name in _UMUM], _umum_sesudah)

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        """Usage errors as one Indonesian line on stderr, exit 2, like every other refusal."""
        if any(k.startswith(("_KELUHAN_COMPLETE", "_TYPER_COMPLETE")) for k in os.environ):
            # Typer registers its shell classes only with its own completion options (ours replace them).
            from typer._completion_classes import completion_init

            completion_init()
        if not standalone_mode:
            return super().main(*args, standalone_mode=False, **kwargs)
        argv = list(kwargs.get("args") or (args[0] if args else None) or sys.argv[1:])
        # The same handler as the commands' (invoke): whatever escapes parsing or closing
        # is one line too, and bytes that are not UTF-8 are refused before Click reads them.
        with penanganan():
            harian.periksa_argv(argv, os.environ)
            try:
                hasil = super().main(*args, standalone_mode=False, **kwargs)
            except click_galat.NoArgsIsHelpError as e:
                print(e.ctx.get_help() if e.ctx else "")
                sys.exit(0)
            except click_galat.UsageError as e:
                galat(_terjemahkan(e, argv))
                sys.exit(2)
            except click_galat.ClickException as e:
                galat(e.format_message())
                sys.exit(e.exit_code)
            except typer.Abort:
                harian._tutup_dengan("", 1, dibatalkan=True)
        sys.exit(hasil if isinstance(hasil, int) else 0)

    def invoke(self, ctx: Any) -> Any:
        with penanganan():
            return super().invoke(ctx)


# The global options, by their parameter names (Konteks takes them by these names).
_UMUM = ("arsip", "petugas", "konfigurasi", "templat")


def _umum_sesudah(ctx: Any, param: Any, nilai: Any) -> None:
    """A global option given after the command's name (``catat --petugas X``): it wins over
    the same option before the name, as a later option does in Click, and over its
    environment variable; the command then sees a Konteks that says so."""
    if nilai is None or ctx.resilient_parsing:
        return
    akar = ctx.find_root()
    sesudah = akar.meta.setdefault("keluhan.umum", {})
    sesudah[param.name] = nilai
    if isinstance(akar.obj, Konteks):
        nilai_umum = {n: akar.params.get(n) for n in _UMUM} | sesudah
        # Click holds paths as text; Typer converts them only for the function it calls.
        k = Konteks(**{n: Path(v) if v is not None and n != "petugas" else v for n, v in nilai_umum.items()})
        akar.call_on_close(k.tutup)
        c = ctx
        while c is not None:
            c.obj = k
            c = c.parent


def _versi(nilai: bool) -> None:
    if nilai:
        from importlib.metadata import version

        print(f"keluhan {version('keluhan')}")
        raise typer.Exit()


def _pelengkapan(pasang: bool) -> Any:
    """Shell completion, installed or shown, in our words (Typer's own options say them in English)."""
    def panggil(ctx: typer.Context, nilai: bool) -> None:
        if not nilai or ctx.resilient_parsing:
            return
        from typer._completion_classes import completion_init
        from typer._completion_shared import _get_shell_name, get_completion_script, install

        completion_init()
        if pasang:
            shell, jalur = install(prog_name="keluhan", complete_var="_KELUHAN_COMPLETE")
            print(f"Pelengkapan otomatis {shell} dipasang di {jalur}.")
            print("Berlaku setelah terminal dibuka ulang.")
        else:
            print(get_completion_script(prog_name="keluhan", complete_var="_KELUHAN_COMPLETE",
                                        shell=_get_shell_name() or ""))
        raise typer.Exit()

    return panggil


app = typer.Typer(
    name="keluhan",
    cls=_Grup,
    context_settings={"help_option_names": bantuan.NAMA_HELP},
    # The examples close the help, after the list of commands, where the eye ends up.
    epilog="\b\nContoh:\n"
           "  keluhan --petugas Rina catat --nama \"PT Maju\" --media email --uraian \"Hasil uji terlambat\"\n"
           "  keluhan daftar --status divalidasi\n"
           "  keluhan lihat 001/KP/BBSPJIKFK/XI/2026",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    add_completion=False,  # our own completion options below say it in Indonesian
)


def _k(ctx: typer.Context) -> Konteks:
    return ctx.obj  # type: ignore[no-any-return]


def _di_harian(f: Any) -> Any:
    """The command's body is ``harian.<its name>``, called with the command's values (a
    choice as its text): the function here declares only the options and the help. The
    fast path calls the same body without Typer, from a table that ``python -m
    keluhan.cepat_buat`` generates from these signatures (keluhan/cepat_tabel.py)."""
    badan = getattr(harian, f.__name__)

    @functools.wraps(f)
    def perintah(ctx: typer.Context, **nilai: Any) -> None:
        badan(_k(ctx), **{n: v.value if isinstance(v, Enum) else v for n, v in nilai.items()})

    perintah.keluhan_harian = f.__name__  # type: ignore[attr-defined]
    return perintah


@app.callback()
def utama(
    ctx: typer.Context,
    arsip: Annotated[Optional[Path], typer.Option("--arsip", envvar="KELUHAN_ARSIP", show_default=False, help="Berkas arsip SQLite (dibuat hanya oleh keluhan init). Bawaan: arsip.jalur di berkas pengaturan pengguna (Linux: ~/.config/keluhan/keluhan.toml), lalu archive.db di folder ini.")] = None,
    petugas: Annotated[Optional[str], typer.Option("--petugas", envvar="KELUHAN_PETUGAS", help="Nama petugas yang melakukan langkah ini. Bawaan: petugas.bawaan di berkas pengaturan pengguna, lalu di keluhan.toml arsip.")] = None,
    konfigurasi: Annotated[Optional[Path], typer.Option("--konfigurasi", envvar="KELUHAN_KONFIGURASI", help="Berkas pengaturan (bawaan: keluhan.toml di samping arsip).")] = None,
    templat: Annotated[Optional[Path], typer.Option("--templat", envvar="KELUHAN_TEMPLAT", help="Folder templat formulir pengganti (bawaan: templates/ di samping arsip).")] = None,
    versi: Annotated[bool, typer.Option("--version", callback=_versi, is_eager=True, expose_value=False, help="Tampilkan versi keluhan lalu keluar.")] = False,
    pasang_pelengkapan: Annotated[bool, typer.Option("--install-completion", callback=_pelengkapan(True), expose_value=False, help="Pasang pelengkapan otomatis (tombol Tab) untuk shell ini.")] = False,
    tampilkan_pelengkapan: Annotated[bool, typer.Option("--show-completion", callback=_pelengkapan(False), expose_value=False, help="Tampilkan skrip pelengkapan otomatis untuk shell ini, untuk disalin atau dipasang sendiri.")] = False,
) -> None:
    """Register keluhan pelanggan PJTK menurut SOP 5.1.11/BBSPJIKFK/2025 Penanganan Keluhan Pelanggan.

    Bantuan tiap perintah: keluhan PERINTAH --help.
    """
    ctx.obj = Konteks(arsip, petugas, konfigurasi, templat)
    ctx.call_on_close(ctx.obj.tutup)


# -- commands -------------------------------------------------------------------------


@app.command("catat")
@_di_harian
def catat(
    ctx: typer.Context,
    nama: Annotated[Optional[str], typer.Option(help="Nama pelanggan.")] = None,
    media: Annotated[Optional[MediaPilihan], typer.Option(case_sensitive=False, help="Media keluhan masuk.")] = None,
    uraian: Annotated[Optional[str], typer.Option(help="Uraian keluhan ('-' = baca dari stdin).")] = None,
    instansi: Annotated[Optional[str], typer.Option(help="Instansi/perusahaan pelanggan.")] = None,
    alamat: Annotated[Optional[str], typer.Option(help="Alamat pelanggan.")] = None,
    telepon: Annotated[Optional[str], typer.Option(help="Nomor telepon pelanggan.")] = None,
    email: Annotated[Optional[str], typer.Option(help="Alamat email pelanggan.")] = None,
    layanan: Annotated[Optional[LayananPilihan], typer.Option(case_sensitive=False, help="Layanan yang dikeluhkan.")] = None,
    referensi: Annotated[Optional[str], typer.Option(help="No. LHU atau sertifikat yang dikeluhkan.")] = None,
    harapan: Annotated[Optional[str], typer.Option(help="Penyelesaian yang diharapkan pelanggan.")] = None,
    kategori: Annotated[Optional[str], typer.Option(help="Kategori keluhan.")] = None,
    diajukan: Annotated[Optional[str], typer.Option(help="Waktu pelanggan mengajukan keluhan (langkah 1), mis. tanggal surat atau jam telepon masuk. " + w.BENTUK_DIAJUKAN)] = None,
    waktu: Annotated[Optional[str], typer.Option(help="Waktu keluhan dicatat (bawaan: sekarang). " + w.BENTUK_WAKTU)] = None,
    dari_eml: Annotated[Optional[str], typer.Option("--dari-eml", metavar="PESAN.eml", help="Catat keluhan surel dari pesannya: pengirim sebagai --nama dan --email, kepala Date sebagai --diajukan, isi teks (dengan perihalnya) sebagai --uraian, media email; pesannya dilampirkan. Opsi yang diisi mengalahkan isi pesan.")] = None,
    json_: Annotated[bool, typer.Option("--json", help="Cetak keluhan baru sebagai JSON.")] = False,
) -> None:
    """Langkah 2: terima dan catat keluhan (FPKP); mencetak nomor keluhan (tanda terima).

    Contoh: keluhan catat --nama "PT Maju Jaya" --media email --uraian "LHU belum diterima" --diajukan "2/11/2026 08.00"
    Contoh: keluhan catat --dari-eml keluhan-pt-maju.eml --layanan pengujian
    """


@app.command("validasi")
@_di_harian
def validasi(
    ctx: typer.Context,
    id: Annotated[str, typer.Argument(help="Nomor atau id keluhan.")],
    benar: Annotated[bool, typer.Option("--benar", help="Keluhan benar: teruskan ke Tim Teknis.")] = False,
    tidak_benar: Annotated[bool, typer.Option("--tidak-benar", help="Keluhan tidak benar (tidak valid).")] = False,
    teruskan_ke: Annotated[Optional[str], typer.Option("--teruskan-ke", help="Tim Teknis tujuan (dengan --benar).")] = None,
    alasan: Annotated[Optional[str], typer.Option(help="Alasan keluhan tidak valid (dengan --tidak-benar).")] = None,
    catatan: Annotated[Optional[str], typer.Option(help="Catatan validasi (dengan --benar atau --tidak-benar).")] = None,
    waktu: Annotated[Optional[str], typer.Option(help="Waktu validasi (bawaan: sekarang). " + w.BENTUK_WAKTU)] = None,
) -> None:
    """Langkah 3: periksa kebenaran keluhan dan teruskan ke Tim Teknis.

    Contoh: keluhan validasi 001/KP/BBSPJIKFK/XI/2026 --benar --teruskan-ke "Laboratorium Pengujian"
    """


@app.command("tindak")
@_di_harian
def tindak(
    ctx: typer.Context,
    id: Annotated[str, typer.Argument(help="Nomor atau id keluhan.")],
    koreksi: Annotated[Optional[str], typer.Option(help="Tindakan koreksi.")] = None,
    pencegahan: Annotated[Optional[str], typer.Option(help="Tindakan pencegahan.")] = None,
    akar_masalah: Annotated[Optional[str], typer.Option("--akar-masalah", help="Analisis akar masalah.")] = None,
    kode_akar: Annotated[Optional[str], typer.Option("--kode-akar", help="Kode akar masalah dari daftar akar_masalah.kode (bawaan: manusia, metode, peralatan, bahan, pengukuran, lingkungan, lainnya; lihat 'keluhan pengaturan daftar').")] = None,
    korektif: Annotated[Optional[str], typer.Option(help="Tindakan korektif.")] = None,
    penanggung_jawab: Annotated[Optional[str], typer.Option("--penanggung-jawab", help="Nama yang bertanggung jawab atas tindakan koreksi dan pencegahan.")] = None,
    target: Annotated[Optional[str], typer.Option(help="Tanggal target tindakan selesai. " + w.BENTUK_TARGET)] = None,
    waktu: Annotated[Optional[str], typer.Option(help="Waktu tindakan dicatat (bawaan: sekarang). " + w.BENTUK_WAKTU)] = None,
) -> None:
    """Langkah 4: Tim Teknis menindaklanjuti dan menentukan tindakan koreksi dan pencegahan (FTKP).

    Contoh: keluhan tindak 001/KP/BBSPJIKFK/XI/2026 --koreksi "LHU dikirim ulang" --pencegahan "Cek alamat email" --kode-akar metode
    """


@app.command("verifikasi")
@_di_harian
def verifikasi(
    ctx: typer.Context,
    id: Annotated[str, typer.Argument(help="Nomor atau id keluhan.")],
    terima: Annotated[bool, typer.Option("--terima", help="Hasil penyelesaian diterima.")] = False,
    kembalikan: Annotated[bool, typer.Option("--kembalikan", help="Kembalikan ke Tim Teknis untuk diperbaiki.")] = False,
    alasan: Annotated[Optional[str], typer.Option(help="Alasan pengembalian (dengan --kembalikan).")] = None,
    catatan: Annotated[Optional[str], typer.Option(help="Catatan verifikasi (mis. efektivitas).")] = None,
    waktu: Annotated[Optional[str], typer.Option(help="Waktu verifikasi (bawaan: sekarang). " + w.BENTUK_WAKTU)] = None,
) -> None:
    """Langkah 5: terima dan verifikasi hasil penyelesaian (bukan oleh pencatat tindakan).

    Contoh: keluhan verifikasi 001/KP/BBSPJIKFK/XI/2026 --terima --catatan "Efektif"
    """


@app.command("informasikan")
@_di_harian
def informasikan(
    ctx: typer.Context,
    id: Annotated[str, typer.Argument(help="Nomor atau id keluhan.")],
    media: Annotated[Optional[MediaPilihan], typer.Option(case_sensitive=False, help="Media penyampaian hasil kepada pelanggan.")] = None,
    catatan: Annotated[Optional[str], typer.Option(help="Catatan penyampaian hasil, mis. nomor surat atau nama yang menerima.")] = None,
    waktu: Annotated[Optional[str], typer.Option(help="Waktu hasil diinformasikan (bawaan: sekarang). " + w.BENTUK_WAKTU)] = None,
) -> None:
    """Langkah 6: informasikan hasil penyelesaian kepada pelanggan dan arsipkan.

    Contoh: keluhan informasikan 001/KP/BBSPJIKFK/XI/2026 --media email
    """


@app.command("banding")
@_di_harian
def banding(
    ctx: typer.Context,
    id: Annotated[str, typer.Argument(help="Nomor atau id keluhan.")],
    alasan: Annotated[Optional[str], typer.Option(help="Alasan banding pelanggan.")] = None,
    waktu: Annotated[Optional[str], typer.Option(help="Waktu banding diterima (bawaan: sekarang). " + w.BENTUK_WAKTU)] = None,
) -> None:
    """Banding pelanggan, paling lambat 15 hari kerja (dapat diatur) sejak hasil diinformasikan.

    Contoh: keluhan banding 001/KP/BBSPJIKFK/XI/2026 --alasan "Hasil uji ulang tetap tidak sesuai"
    """


@app.command("kabari")
@_di_harian
def kabari(
    ctx: typer.Context,
    id: Annotated[str, typer.Argument(help="Nomor atau id keluhan.")],
    media: Annotated[Optional[MediaPilihan], typer.Option(case_sensitive=False, help="Media penyampaian kabar kepada pelanggan.")] = None,
    catatan: Annotated[Optional[str], typer.Option(help="Isi kabar kemajuan yang disampaikan.")] = None,
    waktu: Annotated[Optional[str], typer.Option(help="Waktu kabar disampaikan (bawaan: sekarang). " + w.BENTUK_WAKTU)] = None,
) -> None:
    """Kabar kemajuan penanganan kepada pelanggan (ISO/IEC 17025 7.9.5); status tidak berubah.

    Contoh: keluhan kabari 001/KP/BBSPJIKFK/XI/2026 --media telepon --catatan "Uji ulang dijadwalkan Kamis"
    """


@app.command("kaitkan")
@_di_harian
def kaitkan(
    ctx: typer.Context,
    id: Annotated[str, typer.Argument(help="Nomor atau id keluhan yang dikaitkan.")],
    id_lain: Annotated[str, typer.Argument(metavar="ID2", help="Nomor atau id keluhan lain yang terkait dengannya.")],
    alasan: Annotated[Optional[str], typer.Option(help="Mengapa keduanya terkait, mis. pelanggan sama, akar masalah sama.")] = None,
    waktu: Annotated[Optional[str], typer.Option(help="Waktu kaitan dicatat (bawaan: sekarang). " + w.BENTUK_WAKTU)] = None,
) -> None:
    """Kaitkan dua keluhan yang terkait (pelanggan sama, sebab sama); kaitan tampil pada keduanya, status tidak berubah.

    Contoh: keluhan kaitkan 15 9 --alasan "Pelanggan sama, LHU yang sama dikeluhkan lagi"
    """


@app.command("tunda")
@_di_harian
def tunda(
    ctx: typer.Context,
    id: Annotated[str, typer.Argument(help="Nomor atau id keluhan.")],
    alasan: Annotated[Optional[str], typer.Option(help="Yang ditunggu, mis. contoh uji ulang dari pelanggan atau data dari pihak ketiga.")] = None,
    waktu: Annotated[Optional[str], typer.Option(help="Waktu jam mulai ditunda (bawaan: sekarang). " + w.BENTUK_WAKTU)] = None,
) -> None:
    """Tunda jam yang berjalan selama menunggu pelanggan atau pihak ketiga; status tidak berubah.

    Waktu kerja selama penundaan tidak dihitung dalam durasi langkah dan dicatat tersendiri. Penundaan
    berakhir dengan 'keluhan lanjutkan', langkah berikutnya, atau batal.

    Contoh: keluhan tunda 001/KP/BBSPJIKFK/XI/2026 --alasan "Menunggu contoh uji ulang dari pelanggan"
    """


@app.command("lanjutkan")
@_di_harian
def lanjutkan(
    ctx: typer.Context,
    id: Annotated[str, typer.Argument(help="Nomor atau id keluhan.")],
    catatan: Annotated[Optional[str], typer.Option(help="Catatan, mis. contoh uji ulang sudah diterima.")] = None,
    waktu: Annotated[Optional[str], typer.Option(help="Waktu jam berjalan lagi (bawaan: sekarang). " + w.BENTUK_WAKTU)] = None,
) -> None:
    """Akhiri penundaan: jam langkah yang ditunggu berjalan lagi.

    Contoh: keluhan lanjutkan 001/KP/BBSPJIKFK/XI/2026 --catatan "Contoh uji ulang diterima"
    """


@app.command("putusan")
@_di_harian
def putusan(
    ctx: typer.Context,
    id: Annotated[str, typer.Argument(help="Nomor atau id keluhan.")],
    diterima: Annotated[bool, typer.Option("--diterima", help="Banding diterima: putaran tindakan baru oleh Tim Teknis (langkah 4-6 lagi).")] = False,
    ditolak: Annotated[bool, typer.Option("--ditolak", help="Banding ditolak: keluhan selesai, tanpa banding kedua.")] = False,
    alasan: Annotated[Optional[str], typer.Option(help="Dasar putusan banding.")] = None,
    teruskan_ke: Annotated[Optional[str], typer.Option("--teruskan-ke", help="Tim Teknis tujuan (dengan --diterima; wajib bila keluhan belum punya tim).")] = None,
    waktu: Annotated[Optional[str], typer.Option(help="Waktu putusan (bawaan: sekarang). " + w.BENTUK_WAKTU)] = None,
) -> None:
    """Putusan banding, oleh petugas yang tidak mencatat validasi, tindakan atau verifikasi keluhan ini.

    Contoh: keluhan putusan 001/KP/BBSPJIKFK/XI/2026 --diterima --alasan "Uji ulang oleh analis lain disetujui"
    """


@app.command("efektivitas")
@_di_harian
def efektivitas(
    ctx: typer.Context,
    id: Annotated[str, typer.Argument(help="Nomor atau id keluhan.")],
    efektif: Annotated[bool, typer.Option("--efektif", help="Tindakan koreksi terbukti efektif.")] = False,
    tidak_efektif: Annotated[bool, typer.Option("--tidak-efektif", help="Tindakan belum efektif (wajib --tindak-lanjut).")] = False,
    tindak_lanjut: Annotated[Optional[str], typer.Option("--tindak-lanjut", help="Tindakan lanjutan pada putaran yang sama (dengan --tidak-efektif).")] = None,
    catatan: Annotated[Optional[str], typer.Option(help="Catatan tinjauan, mis. bukti yang diperiksa.")] = None,
    putaran: Annotated[Optional[int], typer.Option(min=1, help="Putaran tindakan yang ditinjau (bawaan: yang tertunda paling lama).")] = None,
    waktu: Annotated[Optional[str], typer.Option(help="Waktu tinjauan (bawaan: sekarang). " + w.BENTUK_WAKTU)] = None,
) -> None:
    """Tinjauan efektivitas tindakan koreksi (ISO/IEC 17025 8.7.1 e), jatuh tempo efektivitas.setelah hari kerja sesudah verifikasi diterima; oleh petugas yang bukan pencatat tindakan dan bukan penanggung jawabnya.

    Contoh: keluhan efektivitas 001/KP/BBSPJIKFK/XI/2026 --tidak-efektif --tindak-lanjut "Pelatihan ulang petugas"
    """


@app.command("kepuasan")
@_di_harian
def kepuasan(
    ctx: typer.Context,
    id: Annotated[str, typer.Argument(help="Nomor atau id keluhan.")],
    nilai: Annotated[Optional[int], typer.Option(min=1, max=4, help="Kepuasan atas penanganan: 1 tidak baik, 2 kurang baik, 3 baik, 4 sangat baik (PermenPANRB 14/2017).")] = None,
    menerima: Annotated[bool, typer.Option("--menerima", help="Pelanggan menerima hasil penyelesaian.")] = False,
    tidak_menerima: Annotated[bool, typer.Option("--tidak-menerima", help="Pelanggan tidak menerima hasil penyelesaian.")] = False,
    catatan: Annotated[Optional[str], typer.Option(help="Catatan dari pelanggan.")] = None,
    waktu: Annotated[Optional[str], typer.Option(help="Waktu pelanggan menjawab (bawaan: sekarang). " + w.BENTUK_WAKTU)] = None,
) -> None:
    """Kepuasan pelanggan atas penanganan keluhan dan penerimaan hasilnya; satu kali untuk setiap hasil yang diinformasikan.

    Contoh: keluhan kepuasan 001/KP/BBSPJIKFK/XI/2026 --nilai 4 --menerima
    """


@app.command("batal")
@_di_harian
def batal(
    ctx: typer.Context,
    id: Annotated[str, typer.Argument(help="Nomor atau id keluhan.")],
    alasan: Annotated[Optional[str], typer.Option(help="Mengapa dibatalkan, mis. \"Tercatat ganda dengan 003/KP/BBSPJIKFK/XI/2026\" (dicatat di riwayat).")] = None,
    waktu: Annotated[Optional[str], typer.Option(help="Waktu pembatalan (bawaan: sekarang). " + w.BENTUK_WAKTU)] = None,
) -> None:
    """Batalkan keluhan yang salah catat (ganda, salah arsip, uji coba) selama belum ada tindakan koreksi.

    Nomornya tetap terpakai; keluhan ini tidak dihitung di rekap (kecuali sebagai batal) dan formulirnya bertanda DIBATALKAN.

    Contoh: keluhan batal 002/KP/BBSPJIKFK/XI/2026 --alasan "Tercatat ganda dengan 001/KP/BBSPJIKFK/XI/2026"
    """


# -- working-time SLA: the calendar, overdue complaints, the recap ----------------------

libur_app = typer.Typer(
    name="libur", cls=bantuan.Grup, no_args_is_help=True, rich_markup_mode=None,
    help="Kalender kerja arsip: hari libur nasional dan cuti bersama (arsip adalah acuannya).",
    epilog="\b\nContoh:\n  keluhan libur daftar --tahun 2026\n"
           "  keluhan libur tambah 2026-12-31 \"Cuti bersama\" --alasan \"SKB 3 Menteri No. ...\"",
)
app.add_typer(libur_app, name="libur")


def _kemajuan(selesai: int, total: int) -> None:
    """Progress of a long recomputation, on a terminal only."""
    if sys.stderr.isatty() and total:
        print(f"\rMenghitung ulang durasi dan tenggat: {selesai}/{total}", end="" if selesai < total else "\n",
              file=sys.stderr, flush=True)


@libur_app.command("daftar")
def libur_daftar(
    ctx: typer.Context,
    tahun: Annotated[Optional[int], typer.Option(min=1900, max=9998, help="Tahun (bawaan: tahun ini).")] = None,
    json_: Annotated[bool, typer.Option("--json", help="Keluaran JSON.")] = False,
) -> None:
    """Hari libur satu tahun, termasuk yang sudah dihapus (dengan siapa, kapan, mengapa).

    Contoh: keluhan libur daftar --tahun 2026
    """
    k = _k(ctx)
    arsip = k.arsip()
    tahun = tahun or w.sekarang(k.pengaturan["waktu"]["zona"]).year
    baris = arsip.libur(tahun)
    if json_:
        _cetak_json(baris)
        return
    from keluhan.kalender import HARI

    _tabel(
        f"Hari libur {tahun}", ["Tanggal", "Hari", "Nama", "Sumber", "Keterangan"],
        [[b["tanggal"], HARI[w.dari_iso(b["tanggal"]).weekday()], b["nama"], b["sumber"], _keterangan_libur(b)]
         for b in baris],
    )


def _keterangan_libur(b: dict[str, Any]) -> str:
    """Who changed a holiday row by hand, when and why."""
    if b["dihapus"]:
        return f"DIHAPUS {b['dihapus'][:10]} oleh {b['dihapus_oleh']}: {b['alasan_hapus']}"
    if b["sumber"] == "manual":
        return f"ditambahkan {b['ditambahkan'][:10]} oleh {b['ditambahkan_oleh']}" + (
            f": {b['alasan_tambah']}" if b["alasan_tambah"] else "")
    return ""


@libur_app.command("tambah")
def libur_tambah(
    ctx: typer.Context,
    tanggal: Annotated[str, typer.Argument(help="Tanggal libur (mis. 2026-03-25 atau 25/3/2026).")],
    nama: Annotated[str, typer.Argument(help="Nama libur.")],
    alasan: Annotated[Optional[str], typer.Option(help="Dasar penambahan (mis. nomor SKB/keputusan).")] = None,
) -> None:
    """Tambah hari libur; durasi dan tenggat yang terpengaruh dihitung ulang.

    Contoh: keluhan libur tambah 2026-12-31 "Cuti bersama tambahan" --alasan "SKB 3 Menteri No. ..."
    """
    k = _k(ctx)
    tgl = w.parse_tanggal(tanggal, opsi="libur")
    hasil = k.arsip().ubah_libur(tgl, petugas=k.petugas, nama=nama, alasan=alasan, kemajuan=_kemajuan)
    _hasil_libur(hasil, "ditambahkan")


@libur_app.command("hapus")
def libur_hapus(
    ctx: typer.Context,
    tanggal: Annotated[str, typer.Argument(help="Tanggal libur yang dihapus.")],
    alasan: Annotated[Optional[str], typer.Option(help="Alasan penghapusan (wajib).")] = None,
) -> None:
    """Hapus hari libur (tetap tercatat sebagai dihapus); durasi dan tenggat dihitung ulang.

    Contoh: keluhan libur hapus 2026-12-24 --alasan "Cuti bersama dibatalkan SKB ..."
    """
    k = _k(ctx)
    tgl = w.parse_tanggal(tanggal, opsi="libur")
    if not (alasan or "").strip():
        raise GalatMasukan("Penghapusan libur memerlukan --alasan.")
    hasil = k.arsip().ubah_libur(tgl, petugas=k.petugas, alasan=alasan, hapus=True, kemajuan=_kemajuan)
    _hasil_libur(hasil, "dihapus")


def _hasil_libur(h: dict[str, Any], apa: str) -> None:
    print(sel(f"Libur {h['tanggal']} ({h['nama']}) {apa}; dihitung ulang: {h['durasi']} durasi langkah, "
              f"{h['tenggat']} tenggat; {h['patuh_berubah']} penilaian kepatuhan berubah."))


# -- the settings that decide figures: the archive's chained ledger (keluhan/buku.py) ------

pengaturan_app = typer.Typer(
    name="pengaturan", cls=bantuan.Grup, no_args_is_help=True, rich_markup_mode=None,
    help="Pengaturan yang menentukan angka (mutu baku, jam kerja, batas banding, ...): tersimpan di arsip, "
         "berantai hash, bertanggal berlaku.",
    epilog="\b\nContoh:\n  keluhan pengaturan daftar\n"
           "  keluhan pengaturan ubah jam_kerja.senin 08:00-15:00 --alasan \"Jam kerja Ramadan, SE ...\" "
           "--berlaku-sejak 2027-02-08",
)
app.add_typer(pengaturan_app, name="pengaturan")


@pengaturan_app.command("daftar")
def pengaturan_daftar(
    ctx: typer.Context,
    semua: Annotated[bool, typer.Option("--semua", help="Seluruh isi buku pengaturan, termasuk nilai lama.")] = False,
    json_: Annotated[bool, typer.Option("--json", help="Keluaran JSON.")] = False,
) -> None:
    """Pengaturan yang berlaku sekarang, sejak kapan, oleh siapa, dan perubahan yang terjadwal.

    Contoh: keluhan pengaturan daftar --semua
    """
    from keluhan import buku

    k = _k(ctx)
    arsip = k.arsip()
    setelan = arsip.setelan()
    sekarang = w.sekarang(arsip.zona)
    if json_:
        _cetak_json({
            "berlaku": {kunci: (e.json() if (e := setelan.entri_pada(kunci, sekarang)) else None) for kunci in buku.JENIS},
            "terjadwal": [e.json() for e in setelan.terjadwal(sekarang)],
            "riwayat": [e.json() for e in setelan.entri] if semua else None,
        })
        return

    def oleh(e: Any) -> str:
        return e.petugas or "(program)"

    def sejak(e: Any) -> str:
        return "awal" if e.berlaku_sejak is None else tg.tampil(e.berlaku_sejak)

    _tabel(
        "Pengaturan arsip yang berlaku", ["Kunci", "Nilai", "Berlaku sejak", "Oleh", "Alasan"],
        [[kunci, buku.tampil(e.nilai), sejak(e), oleh(e), e.alasan] if (e := setelan.entri_pada(kunci, sekarang))
         else [kunci, "(belum tercatat)", "", "", ""] for kunci in buku.JENIS],
    )
    jadwal = setelan.terjadwal(sekarang)
    if jadwal:
        _tabel("Perubahan terjadwal", ["Kunci", "Nilai", "Berlaku sejak", "Oleh", "Alasan"],
               [[e.kunci, buku.tampil(e.nilai), sejak(e), oleh(e), e.alasan] for e in jadwal])
    if semua:
        _tabel("Buku pengaturan (pengaturan_riwayat)",
               ["#", "Kunci", "Nilai", "Nilai lama", "Berlaku sejak", "Oleh", "Dicatat", "Alasan"],
               [[e.urutan, e.kunci, buku.tampil(e.nilai), "" if e.nilai_lama is None else buku.tampil(e.nilai_lama),
                 sejak(e), oleh(e), tg.tampil(e.dicatat_pada), e.alasan] for e in setelan.entri])


@pengaturan_app.command("ubah")
def pengaturan_ubah(
    ctx: typer.Context,
    kunci: Annotated[str, typer.Argument(help="Nama pengaturan, mis. mutu_baku.langkah_4 atau jam_kerja.jumat (semua nama: keluhan pengaturan daftar).")],
    nilai: Annotated[str, typer.Argument(help="Nilai baru, mis. \"2 hari\", 07:30-16:30, \"15 hari kalender\".")],
    alasan: Annotated[Optional[str], typer.Option(help="Dasar perubahan (wajib; mis. nomor SK atau surat edaran).")] = None,
    berlaku_sejak: Annotated[Optional[str], typer.Option(
        "--berlaku-sejak", metavar="TANGGAL", help="Berlaku mulai pukul 00:00 tanggal ini (bawaan: saat ini).")] = None,
) -> None:
    """Ubah satu pengaturan arsip; tercatat di buku pengaturan (siapa, kapan, mengapa, nilai lama dan baru).

    Durasi, kepatuhan, dan tenggat yang terpengaruh dihitung ulang.

    Contoh: keluhan pengaturan ubah mutu_baku.langkah_4 "2 hari" --alasan "SOP revisi 1" --berlaku-sejak 2027-01-01
    """
    from keluhan import buku

    k = _k(ctx)
    tgl = w.parse_tanggal(berlaku_sejak, opsi="--berlaku-sejak") if berlaku_sejak is not None else None
    h = k.arsip().ubah_pengaturan(kunci, nilai, petugas=k.petugas, alasan=alasan, berlaku_sejak=tgl,
                                  kemajuan=_kemajuan)
    lama = "" if h["nilai_lama"] is None else f" (sebelumnya {buku.tampil(h['nilai_lama'])})"
    print(sel(f"Pengaturan {h['kunci']} = {buku.tampil(h['nilai'])}{lama}, berlaku sejak {tg.tampil(h['berlaku_sejak'])}; "
              f"tercatat sebagai entri #{h['urutan']} buku pengaturan; dihitung ulang: {h['durasi']} durasi langkah, "
              f"{h['tenggat']} tenggat; {h['patuh_berubah']} penilaian kepatuhan berubah."))


# -- the officer register: chained, effective-dated (keluhan/registri.py) -------------------

petugas_app = typer.Typer(
    name="petugas", cls=bantuan.Grup, no_args_is_help=True, rich_markup_mode=None,
    help="Register petugas (NIP, nama, jabatan, peran, tim): tersimpan di arsip, berantai hash, bertanggal berlaku. "
         "Sesudah ada petugas terdaftar, setiap --petugas harus menyebut satu petugas aktif.",
    epilog="\b\nContoh:\n  keluhan petugas tambah \"Siti Aminah, S.Si.\" --nip 198503122010012003 "
           "--jabatan \"Petugas PJTK\" --peran pjtk\n"
           "  keluhan petugas nonaktifkan \"Siti Aminah\" --alasan \"Mutasi, SK No. ...\"",
)
app.add_typer(petugas_app, name="petugas")

_OPSI_PERAN = "Peran (boleh diulang atau dipisah koma): pjtk, teknis, verifikator, koordinator, manajer_mutu."
_OPSI_SEJAK = "Berlaku mulai pukul 00:00 tanggal ini"


def _cetak_petugas(h: dict[str, Any], kata: str) -> None:
    sejak = "sejak awal" if h["berlaku_sejak"] is None else f"berlaku sejak {tg.tampil(h['berlaku_sejak'])}"  # as pengaturan ubah
    peran = ", ".join(h["peran"]) or "-"
    print(sel(f"Petugas {h['nama']} (NIP {h['nip']}, {h['jabatan']}; peran {peran}) {kata}, {sejak}; "
              f"tercatat sebagai entri #{h['urutan']} register petugas."))


@petugas_app.command("tambah")
def petugas_tambah(
    ctx: typer.Context,
    nama: Annotated[str, typer.Argument(help="Nama lengkap dengan gelar, seperti di tanda tangan.")],
    nip: Annotated[Optional[str], typer.Option("--nip", help="NIP (18 angka untuk PNS; spasi dan titik boleh).")] = None,
    jabatan: Annotated[Optional[str], typer.Option("--jabatan", metavar="TEKS", help="Jabatan di bawah tanda tangan.")] = None,
    peran: Annotated[Optional[list[str]], typer.Option("--peran", metavar="PERAN", help=_OPSI_PERAN)] = None,
    tim: Annotated[Optional[str], typer.Option("--tim", help="Tim atau Tim Teknis petugas.")] = None,
    berlaku_sejak: Annotated[Optional[str], typer.Option(
        "--berlaku-sejak", metavar="TANGGAL", help=f"{_OPSI_SEJAK} (bawaan: sejak awal, juga untuk riwayat lama).")] = None,
    alasan: Annotated[Optional[str], typer.Option(help="Dasar pendaftaran (mis. nomor surat tugas).")] = None,
) -> None:
    """Daftarkan petugas; tercatat di register petugas (siapa, kapan, mengapa).

    Contoh: keluhan petugas tambah "Agus Prasetyo, S.T." --nip 198001012005011001 --jabatan "Verifikator PJTK" --peran verifikator
    """
    k = _k(ctx)
    tgl = w.parse_tanggal(berlaku_sejak, opsi="--berlaku-sejak") if berlaku_sejak is not None else None
    h = k.arsip().ubah_register("tambah", petugas=k.petugas, nama=nama, nip=nip, jabatan=jabatan, peran=peran,
                                tim=tim, berlaku_sejak=tgl, alasan=alasan)
    _cetak_petugas(h, "didaftarkan")


@petugas_app.command("ubah")
def petugas_ubah(
    ctx: typer.Context,
    nama: Annotated[str, typer.Argument(help="Nama (atau awalannya) atau NIP petugas terdaftar.")],
    alasan: Annotated[Optional[str], typer.Option(help="Dasar perubahan (wajib; mis. nomor SK).")] = None,
    nama_baru: Annotated[Optional[str], typer.Option("--nama", help="Nama baru (mis. dengan gelar baru).")] = None,
    jabatan: Annotated[Optional[str], typer.Option("--jabatan", metavar="TEKS", help="Jabatan baru.")] = None,
    peran: Annotated[Optional[list[str]], typer.Option("--peran", metavar="PERAN", help=f"{_OPSI_PERAN} Mengganti seluruh peran.")] = None,
    tim: Annotated[Optional[str], typer.Option("--tim", help="Tim baru (\"\" = tanpa tim).")] = None,
    aktifkan: Annotated[bool, typer.Option("--aktifkan", help="Aktifkan lagi petugas yang dinonaktifkan.")] = False,
    berlaku_sejak: Annotated[Optional[str], typer.Option(
        "--berlaku-sejak", metavar="TANGGAL", help=f"{_OPSI_SEJAK} (bawaan: saat ini).")] = None,
) -> None:
    """Ubah data petugas mulai suatu saat; data lama tetap berlaku untuk langkah sebelumnya.

    Contoh: keluhan petugas ubah "Siti Aminah" --jabatan "Koordinator Tim PJTK" --peran koordinator --alasan "SK No. 12/2027"
    """
    k = _k(ctx)
    tgl = w.parse_tanggal(berlaku_sejak, opsi="--berlaku-sejak") if berlaku_sejak is not None else None
    h = k.arsip().ubah_register("ubah", petugas=k.petugas, nama=nama, nama_baru=nama_baru, jabatan=jabatan,
                                peran=peran, tim=tim, berlaku_sejak=tgl, alasan=alasan, aktifkan=aktifkan)
    _cetak_petugas(h, "diubah")


@petugas_app.command("nonaktifkan")
def petugas_nonaktifkan(
    ctx: typer.Context,
    nama: Annotated[str, typer.Argument(help="Nama (atau awalannya) atau NIP petugas terdaftar.")],
    alasan: Annotated[Optional[str], typer.Option(help="Dasar penonaktifan (wajib; mis. mutasi, pensiun, SK).")] = None,
    berlaku_sejak: Annotated[Optional[str], typer.Option(
        "--berlaku-sejak", metavar="TANGGAL", help=f"{_OPSI_SEJAK} (bawaan: saat ini).")] = None,
) -> None:
    """Nonaktifkan petugas: sejak itu tidak dapat mencatat langkah; langkah lamanya tetap atas namanya.

    Contoh: keluhan petugas nonaktifkan "Siti Aminah" --alasan "Pensiun, SK No. 3/2027"
    """
    k = _k(ctx)
    tgl = w.parse_tanggal(berlaku_sejak, opsi="--berlaku-sejak") if berlaku_sejak is not None else None
    h = k.arsip().ubah_register("nonaktifkan", petugas=k.petugas, nama=nama, berlaku_sejak=tgl, alasan=alasan)
    _cetak_petugas(h, "dinonaktifkan")


@petugas_app.command("daftar")
def petugas_daftar(
    ctx: typer.Context,
    semua: Annotated[bool, typer.Option("--semua", help="Seluruh isi register, termasuk perubahan lama.")] = False,
    json_: Annotated[bool, typer.Option("--json", help="Keluaran JSON.")] = False,
) -> None:
    """Petugas terdaftar: NIP, nama, jabatan, peran, tim, aktif, sejak kapan.

    Contoh: keluhan petugas daftar --semua
    """
    k = _k(ctx)
    arsip = k.arsip()
    reg = arsip.register()
    sekarang = w.sekarang(arsip.zona)
    kini = reg.semua_pada(sekarang)
    if json_:
        _cetak_json({"petugas": [p.json() for p in kini],
                     "riwayat": [dict(p.json(), aksi=p.aksi, oleh=p.oleh, alasan=p.alasan, dicatat_pada=p.dicatat_pada)
                                 for p in reg.entri] if semua else None})
        return

    def sejak(p: Any) -> str:
        return "awal" if p.berlaku_sejak is None else tg.tampil(p.berlaku_sejak)  # as pengaturan daftar

    if not kini and not reg.entri:
        print(sel("Register petugas masih kosong: --petugas dicatat apa adanya. Daftarkan petugas dengan "
                  "'keluhan petugas tambah NAMA --nip NIP --jabatan TEKS --peran PERAN'."))
        return
    _tabel("Register petugas", ["NIP", "Nama", "Jabatan", "Peran", "Tim", "Aktif", "Sejak"],
           [[p.nip, p.nama, p.jabatan, p.peran_teks(), p.tim or "", "ya" if p.aktif else "tidak", sejak(p)] for p in kini])
    if semua:
        _tabel("Riwayat register (petugas_riwayat)", ["#", "Aksi", "NIP", "Nama", "Jabatan", "Peran", "Sejak", "Oleh",
                                                      "Dicatat", "Alasan"],
               [[p.urutan, p.aksi, p.nip, p.nama, p.jabatan, p.peran_teks(), sejak(p), p.oleh or "",
                 tg.tampil(p.dicatat_pada), p.alasan] for p in reg.entri])


@app.command("terlambat")
def terlambat(
    ctx: typer.Context,
    dalam: Annotated[Optional[str], typer.Option(help="Sertakan yang batasnya tiba dalam durasi kerja ini (30m, 2j, 1h).")] = None,
    json_: Annotated[bool, typer.Option("--json", help="Keluaran JSON.")] = False,
    gagal_jika_ada: Annotated[bool, typer.Option("--gagal-jika-ada", help="Keluar dengan kode 1 bila ada yang terlambat (untuk cron).")] = False,
) -> None:
    """Keluhan yang langkahnya melewati mutu baku (atau hampir, dengan --dalam), dan tinjauan efektivitas yang lewat jatuh tempo.

    Tanpa keluaran bila tidak ada (di luar terminal), agar cron hanya mengirim surel bila perlu.

    Contoh: keluhan terlambat --dalam 2j --gagal-jika-ada
    """
    from keluhan.kalender import format_durasi, parse_durasi

    k = _k(ctx)
    durasi = parse_durasi(dalam) if dalam else None
    baris = k.arsip().terlambat(durasi)
    if json_:
        _cetak_json([_json_keluhan(b) for b in baris])
    elif baris:
        _tabel(
            None, ["Nomor", "Pelanggan", "Status", "Langkah", "Tim Teknis", "Batas", "Keterangan"],
            [[b["nomor"], b["nama"], b["status"],
              f"{b['langkah']} ({b['mutu_baku']})" if b["jenis"] == "langkah"
              else f"DITUNDA sejak {tg.tampil(b['ditunda'])} ({b['alasan_tunda']}); batas penundaan {b['mutu_baku']}"
              if b["jenis"] == "tunda"
              else f"tinjauan efektivitas putaran {b['putaran']} ({b['mutu_baku']})", b["tim_teknis"],
              tg.tampil(b["batas"]),
              ("PENUNDAAN " if b["jenis"] == "tunda" else "") + _lewat(b) if b["terlambat"]
              else f"sisa {format_durasi(b['sisa_menit'])}"]
             for b in baris],
        )
    elif _tty():
        print("Tidak ada keluhan yang terlambat" + (f" atau jatuh tempo dalam {sel(durasi)}." if durasi else "."))
    if gagal_jika_ada and any(b["terlambat"] for b in baris):
        raise typer.Exit(1)


def _lewat(b: dict[str, Any]) -> str:
    from keluhan.kalender import format_durasi

    hari = b["lewat_hari_kerja"]
    return "TERLAMBAT " + (f"{hari:.1f} hari kerja".replace(".", ",") if hari >= 1 else format_durasi(b["lewat_menit"]))


class _NilaiOpsional(bantuan.Perintah):
    """Options that may stand alone (``nilai_opsional``): Typer's Click has no option with an
    optional value, so a bare one (last, or before another option) is read as ``--bulan=``
    (empty), by ``cepat.isi_nilai_opsional``, the fast path's own reading (cepat_buat marks
    those options in its table)."""

    nilai_opsional: tuple[str, ...] = ()

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        from keluhan import cepat

        return super().parse_args(ctx, cepat.isi_nilai_opsional(args, self.nilai_opsional))


class _BulanOpsional(_NilaiOpsional):
    """``--bulan`` may stand alone (= last complete month)."""

    nilai_opsional = ("--bulan",)


class FormatRekap(str, Enum):
    md = "md"
    html = "html"
    json = "json"
    pdf = "pdf"


@app.command("rekap", cls=_BulanOpsional)
@_di_harian
def rekap(
    ctx: typer.Context,
    bulan: Annotated[Optional[str], typer.Option(
        metavar="[YYYY-MM]", help="Bulan; --bulan saja = bulan lengkap terakhir (juga bila tanpa opsi periode).")] = None,
    triwulan: Annotated[Optional[str], typer.Option(metavar="YYYY-N", help="Satu triwulan, N = 1-4, mis. 2026-3 (Juli-September 2026).")] = None,
    semester: Annotated[Optional[str], typer.Option(metavar="YYYY-N", help="Satu semester, N = 1-2, mis. 2026-2 (Juli-Desember 2026).")] = None,
    tahun: Annotated[Optional[int], typer.Option(help="Satu tahun penuh.")] = None,
    dari: Annotated[Optional[str], typer.Option(help="Awal rentang (tanggal, dengan --sampai). " + w.BENTUK_TANGGAL)] = None,
    sampai: Annotated[Optional[str], typer.Option(help="Akhir rentang (tanggal, termasuk).")] = None,
    format_: Annotated[Optional[FormatRekap], typer.Option("--format", case_sensitive=False, help="md, html, json atau pdf (PDF/A-3b: ringkasan dan lampiran terbatas; perlu keluhan[pdf]); bawaan: dari akhiran berkas --keluar, selain itu md.")] = None,
    keluar: Annotated[Optional[str], typer.Option(
        metavar="JALUR", help="Berkas tujuan, atau folder (berisi rekap-YYYY-MM.<ext>; akhiri dengan / bila folder).")] = None,
    timpa: Annotated[bool, typer.Option("--timpa", help="Ganti berkas --keluar yang sudah ada (tidak pernah arsip atau pengaturannya).")] = False,
    jangkar: Annotated[Optional[str], typer.Option(
        metavar="JANGKAR", help="Susun ulang rekap pada jangkar yang dicetaknya: baris jangkar, JSON rekap, atau berkas "
        "rekap (md, html, json); hasilnya sama persis walau sesudahnya ada yang dicatat.")] = None,
) -> None:
    """Rekapitulasi keluhan satu periode, keadaan per akhir periode dan per jangkar (ujung rantai hash).

    Setiap rekap mencetak jangkarnya; rekap yang sama dengan --jangkar itu memberi dokumen yang sama persis.
    Dengan --keluar: diam bila berhasil di luar terminal (cron hanya mengirim surel bila ada galat).

    Contoh: keluhan rekap --bulan 2026-10 --format html --keluar /srv/rekap/

    Contoh: keluhan rekap --triwulan 2026-4 --format html --keluar rekap/

    Contoh: keluhan rekap --bulan 2026-10 --jangkar rekap/rekap-2026-10.json
    """


@app.command("daftar")
@_di_harian
def daftar(
    ctx: typer.Context,
    status: Annotated[Optional[StatusPilihan], typer.Option(case_sensitive=False, help="Hanya status ini.")] = None,
    media: Annotated[Optional[MediaPilihan], typer.Option(case_sensitive=False, help="Hanya media ini.")] = None,
    bulan: Annotated[Optional[str], typer.Option(help="Hanya yang dicatat pada bulan ini (YYYY-MM).")] = None,
    tim: Annotated[Optional[str], typer.Option(help="Hanya yang diteruskan ke Tim Teknis ini.")] = None,
    halaman: Annotated[int, typer.Option(min=1, help="Nomor halaman yang ditampilkan.")] = 1,
    per_halaman: Annotated[int, typer.Option("--per-halaman", min=1, max=10000, help="Banyak keluhan per halaman.")] = 50,
    json_: Annotated[bool, typer.Option("--json", help="Keluaran JSON.")] = False,
) -> None:
    """Daftar keluhan, terbaru dahulu, per halaman.

    Contoh: keluhan daftar --status divalidasi --bulan 2026-11
    """


@app.command("agenda")
@_di_harian
def agenda(
    ctx: typer.Context,
    untuk: Annotated[Optional[str], typer.Option(help="Agenda petugas ini (bawaan: petugas yang bekerja, --petugas): langkah PJTK (bagi petugas terdaftar yang perannya hanya teknis: langkah Tim Teknis-nya), dan tindakan yang menyebut namanya sebagai penanggung jawab.")] = None,
    tim: Annotated[Optional[str], typer.Option(help="Agenda Tim Teknis ini: tindak lanjut (langkah 4) dan target tindakan keluhan yang diteruskan kepadanya.")] = None,
    semua: Annotated[bool, typer.Option("--semua", help="Agenda semua petugas dan Tim Teknis.")] = False,
    hari: Annotated[int, typer.Option(min=0, max=366, help="Sertakan yang jatuh tempo sampai akhir hari kerja ke-N sesudah hari ini (0 = hari ini saja).")] = 3,
    json_: Annotated[bool, typer.Option("--json", help="Keluaran JSON (daftar butir agenda).")] = False,
) -> None:
    """Yang jatuh tempo hari ini dan dalam N hari kerja berikutnya, sebelum terlambat; yang sudah terlambat paling atas.

    Tanpa keluaran bila tidak ada (di luar terminal), agar cron hanya mengirim surel bila perlu.

    Contoh: keluhan agenda --hari 1

    Contoh: keluhan agenda --tim "Laboratorium Pengujian" --json
    """


@app.command("cari")
@_di_harian
def cari(
    ctx: typer.Context,
    teks: Annotated[str, typer.Argument(help="Kata yang dicari: nama, instansi, nomor, email, telepon, kata dari uraian, referensi, atau catatan.")],
    halaman: Annotated[int, typer.Option(min=1, help="Nomor halaman yang ditampilkan.")] = 1,
    per_halaman: Annotated[int, typer.Option("--per-halaman", min=1, max=10000, help="Banyak keluhan per halaman.")] = 50,
    json_: Annotated[bool, typer.Option("--json", help="Keluaran JSON (daftar objek seperti daftar --json).")] = False,
) -> None:
    """Cari keluhan menurut isinya; yang paling cocok dahulu.

    Setiap kata harus ada (huruf besar/kecil dan tanda aksen diabaikan); tanda baca
    dicari apa adanya. Telepon cocok dengan atau tanpa tanda hubung.

    Contoh: keluhan cari "sinar kimia"
    """


@app.command("lihat")
@_di_harian
def lihat(
    ctx: typer.Context,
    id: Annotated[str, typer.Argument(help="Nomor atau id keluhan.")],
    json_: Annotated[bool, typer.Option("--json", help="Keluaran JSON.")] = False,
) -> None:
    """Semua isian satu keluhan, tindakan koreksi/pencegahan, dan seluruh riwayatnya.

    Contoh: keluhan lihat 001/KP/BBSPJIKFK/XI/2026 --json
    """


@app.command("init")
def init(
    ctx: typer.Context,
    paksa: Annotated[bool, typer.Option("--paksa", help="Timpa berkas pengaturan yang sudah ada.")] = False,
) -> None:
    """Buat arsip baru (satu-satunya cara arsip dibuat) dan keluhan.toml berkomentar bila belum ada.

    Arsip dibuat di --arsip (bawaan: archive.db di folder ini); arsip yang sudah ada tidak
    diubah. keluhan.toml ditulis di samping arsip, atau di --konfigurasi bila diberikan,
    berisi semua pengaturan dengan nilai bawaannya. Zona waktu dan jam kerja arsip diambil
    saat arsip dibuat, dari keluhan.toml yang sudah ada atau dari nilai bawaan: kantor di luar
    WIB menulis keluhan.toml (waktu.zona) lebih dahulu.

    Contoh: keluhan --arsip /data/pjtk/archive.db init
    """
    from keluhan import arsip as arsip_mod, berkas_pengaturan, pengaturan

    k = _k(ctx)
    jalur = Path(os.path.abspath(k.jalur))
    konfigurasi = Path(os.path.abspath(k.konfigurasi))
    if konfigurasi.is_dir():
        konfigurasi = konfigurasi / berkas_pengaturan.NAMA_BERKAS
    bk.tolak_dilindungi(konfigurasi, bk.dilindungi(jalur))  # --konfigurasi onto the archive: refused before anything
    berkas_pengaturan.tolak_sqlite(konfigurasi)  # ... or onto another archive
    # The settings in force: an existing keluhan.toml (an invalid one is said before
    # anything is created), unless --paksa is about to replace it with the defaults.
    setelan = k.pengaturan if konfigurasi.is_file() and not paksa else pengaturan.muat(None)
    catatan: list[str] = []  # printed after both paths
    try:
        arsip_mod.buat_arsip(jalur, setelan)
        print(sel(f"Arsip dibuat: {jalur}"))
        catatan.append(f"Zona waktu arsip: {setelan['waktu']['zona']} (tetap untuk arsip ini; untuk zona lain hapus "
                       f"arsip kosong ini, ubah waktu.zona di {konfigurasi.name}, lalu jalankan init lagi).")
    except arsip_mod.ArsipSudahAda:  # here already, or made a moment ago by another init
        arsip_mod.pastikan_arsip_keluhan(jalur)  # a keluhan archive, or refused untouched
        print(sel(f"Arsip sudah ada, tidak diubah: {jalur}"))
    tujuan = None
    if paksa or not konfigurasi.exists():
        try:
            tujuan = berkas_pengaturan.tulis(konfigurasi, paksa=paksa, lindungi=bk.dilindungi(jalur))
        except bk.BerkasSudahAda:  # not there a moment ago: written meanwhile by another init
            if paksa:
                raise
    if tujuan is None:
        print(sel(f"Pengaturan sudah ada, tidak diubah: {konfigurasi} (--paksa menimpanya dengan nilai "
                  f"bawaan; yang lama disimpan sebagai {konfigurasi.name}.bak)"))
    else:
        print(sel(f"Pengaturan ditulis: {tujuan}"))
        catatan.append(f"Ubah {konfigurasi.name} seperlunya (nama unit, pejabat, Tim Teknis); nilai yang dihapus "
                       "kembali ke bawaan.")
    for baris in catatan:
        print(sel(baris))  # they name the settings file: a name is text from outside


from contextlib import contextmanager as _contextmanager  # noqa: E402  (kept beside the command that uses it)


FormatTanggal = Enum("FormatTanggal", {m: m for m in ("dmy", "mdy", "iso")}, type=str)  # type: ignore[misc]


@app.command("impor")
def impor_(
    ctx: typer.Context,
    berkas: Annotated[Path, typer.Argument(help="Berkas register: .csv (UTF-8; koma, titik koma atau tab), .xlsx, .json, .ndjson.")],
    jalankan: Annotated[bool, typer.Option("--jalankan", help="Tulis ke arsip (tanpa ini: uji coba, tidak ada yang ditulis).")] = False,
    format_tanggal: Annotated[Optional[FormatTanggal], typer.Option(
        "--format-tanggal", case_sensitive=False,
        help="Cara tanggal ditulis di seluruh berkas: dmy (hari dahulu, bawaan), mdy (bulan dahulu, Excel "
             "bahasa Inggris AS) atau iso (tahun-bulan-tanggal). Tanpa ini, berkas yang menunjukkan bulan dahulu ditolak.")] = None,
    lembar: Annotated[Optional[list[str]], typer.Option(
        "--lembar", metavar="NAMA", help="Lembar .xlsx yang diimpor (boleh berulang). Bawaan: setiap lembar berdata.")] = None,
    abaikan_kolom: Annotated[bool, typer.Option(
        "--abaikan-kolom", help="Lewati kolom yang tidak dikenal (mis. No., Keterangan); isinya tidak diimpor.")] = False,
) -> None:
    """Impor register keluhan dari berkas, lengkap dengan riwayat langkahnya.

    Satu baris = satu keluhan; kolom dinamai seperti opsi catat (nama, media, uraian, ...,
    dicatat, petugas) ditambah kolom per langkah (validasi, validasi_waktu, tim_teknis,
    tindak_waktu, koreksi, pencegahan, verifikasi_waktu, informasikan_waktu, banding_waktu, ...).
    Setiap langkah diperiksa seperti perintahnya. Tanpa --jalankan hanya uji coba: setiap
    baris yang akan ditolak dilaporkan beserta alasannya. Dengan --jalankan semua baris
    ditulis dalam satu transaksi, atau tidak sama sekali bila ada yang ditolak.

    Contoh: keluhan impor register-2025.xlsx && keluhan impor register-2025.xlsx --jalankan
    """
    from keluhan import arsip as arsip_mod, impor

    import contextlib

    from keluhan import kemajuan_impor

    k = _k(ctx)
    a = k.arsip()  # the dry run too: checked against the archive the rows would go to, which must exist
    if jalankan:
        a._boleh_tulis()  # a read-only archive, or another import running: said before the long check
    pilihan = impor.Pilihan(lembar=list(lembar or []), abaikan_kolom=abaikan_kolom)
    fmt_tgl = format_tanggal.value if format_tanggal else None
    zona = a.zona  # the archive's own zone, not keluhan.toml's
    # First the whole file is checked without any transaction: it blocks no clerk, and a
    # refused file never takes the write lock. The check keeps the rows it built; under
    # the lock (IMMEDIATE) they are inserted as they are when nobody else committed since
    # the check began, else every row is read and checked again under the lock.
    b = impor.buka(berkas, pilihan)
    with contextlib.ExitStack() as tumpuk:
        tumpuk.callback(b.tutup)
        with arsip_mod.massal(a, tulis=False, snapshot=not jalankan, tahap=jalankan) as periksa, \
                _kemajuan_impor(b.kemajuan, "periksa" if jalankan else "impor") as maju:
            hasil = impor.impor(periksa, b, nama_berkas=berkas.name, zona=zona, setiap=maju, format_tanggal=fmt_tgl)
    if hasil.tolak:
        periksa.buang_tahap()
    if jalankan and not hasil.tolak:
        catatan = hasil.catatan
        with contextlib.ExitStack() as tumpuk:
            tumpuk.callback(periksa.buang_tahap)
            with arsip_mod.massal(a, tulis=True) as penulis:
                pencatat = kemajuan_impor.Pencatat(k.jalur, berkas.name, w.sekarang(zona).strftime("%H:%M:%S"))
                tumpuk.callback(pencatat.selesai)
                ditulis = [0]
                with _kemajuan_impor(lambda: (ditulis[0], periksa.jumlah), "tulis", pencatat) as maju:
                    def setiap(n: int) -> None:
                        for _ in range(n):
                            ditulis[0] += 1
                            if maju is not None:
                                maju()

                    disalin = penulis.salin_tahap(periksa, setiap)
                if not disalin:  # the archive moved since the check: every row again, under the lock
                    penulis.perkiraan = periksa.jumlah
                    b = impor.buka(berkas, pilihan)
                    tumpuk.callback(b.tutup)
                    with _kemajuan_impor(b.kemajuan, "tulis", pencatat) as maju:
                        hasil = impor.impor(penulis, b, nama_berkas=berkas.name, zona=zona, setiap=maju,
                                            format_tanggal=fmt_tgl)
                if not hasil.tolak:
                    penulis.simpan()
                    hasil.ditulis = True
        hasil.catatan = catatan
    for catatan in hasil.catatan:
        print(sel(catatan))
    for baris, pesan in hasil.tolak:
        print(sel(f"{baris}: {pesan}" if baris is not None else pesan))
    for peringatan in hasil.peringatan:
        print(sel(f"Peringatan: {peringatan}"))
    status = ", ".join(f"{s} {n}" for s, n in sorted(hasil.per_status.items()))
    ringkas = (
        f"{hasil.dibaca} baris dibaca: {hasil.diterima} dapat diimpor, {len([t for t in hasil.tolak if t[0] is not None])} ditolak"
        + (f"; status: {status}" if status else "")
        + (f"; {hasil.nomor_diberikan} keluhan diberi nomor baru" if hasil.nomor_diberikan else "")
        + "."
    )
    ringkas = sel(ringkas)
    if hasil.ditulis:
        print(sel(f"Diimpor ke {k.jalur}: {ringkas}"))
    elif jalankan:
        print(ringkas)
        raise GalatKeluhan("Impor dibatalkan karena ada yang ditolak; tidak ada yang ditulis ke arsip.")
    else:
        print(f"Uji coba (tidak ada yang ditulis): {ringkas}")
        if hasil.tolak:
            sys.exit(1)
        print("Jalankan lagi dengan --jalankan untuk menulisnya ke arsip.")


@_contextmanager
def _kemajuan_impor(posisi: Any, judul: str = "impor", pencatat: Any = None) -> Iterator[Any]:
    """A progress bar on stderr when it is a terminal (a no-op otherwise: cron, pipes);
    ``pencatat`` (kemajuan_impor.Pencatat) is told too, for the clerks' commands."""
    n = [0]
    if not sys.stderr.isatty():
        if pencatat is None:
            yield None
            return

        def catat() -> None:
            n[0] += 1
            if n[0] % 500 == 0:
                selesai, total = posisi()
                pencatat.maju(n[0], selesai, total)

        yield catat
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn(judul), BarColumn(), TextColumn("{task.percentage:>3.0f}%"), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True) as p:
        tugas = p.add_task(judul, total=max(posisi()[1], 1))

        def maju() -> None:
            n[0] += 1
            if n[0] % 500 == 0:
                selesai, total = posisi()
                p.update(tugas, completed=selesai)
                if pencatat is not None:
                    pencatat.maju(n[0], selesai, total)

        yield maju


FormatEkspor = Enum("FormatEkspor", {m: m for m in ("csv", "json", "ndjson", "xlsx")}, type=str)  # type: ignore[misc]


@app.command("ekspor")
def ekspor_(
    ctx: typer.Context,
    format: Annotated[Optional[FormatEkspor], typer.Option("--format", case_sensitive=False, help="csv, json, ndjson (satu objek per baris), atau xlsx (lembar Keluhan dan lembar Riwayat; perlu --keluar); bawaan: dari akhiran berkas --keluar, selain itu csv (json untuk --pelanggan). csv dan xlsx membawa sidik berkas lampiran, json dan ndjson juga isinya.")] = None,
    pemisah: Annotated[Optional[str], typer.Option("--pemisah", metavar="PEMISAH", help="Pemisah sel CSV: \",\" (bawaan), \";\" (Excel berbahasa Indonesia) atau \"tab\".")] = None,
    dari: Annotated[Optional[str], typer.Option(help="Hanya yang dicatat sejak tanggal ini. " + w.BENTUK_TANGGAL)] = None,
    sampai: Annotated[Optional[str], typer.Option(help="Hanya yang dicatat sampai tanggal ini (termasuk).")] = None,
    tanpa_data_pribadi: Annotated[bool, typer.Option("--tanpa-data-pribadi", help="Kosongkan nama, alamat, telepon dan email pelanggan, juga yang tertulis di uraian dan catatan; isi lampiran tidak disertakan.")] = False,
    pelanggan: Annotated[Optional[str], typer.Option(help="Hanya keluhan pelanggan dengan email, telepon, atau nama ini (nama hanya bila tidak ada pelanggan lain bernama sama) (permintaan subjek data, UU 27/2022 Pasal 32); bawaan format json.")] = None,
    keluar: Annotated[Optional[str], typer.Option(
        metavar="JALUR", help="Tulis ke berkas ini, atau ke folder (berisi ekspor-YYYYMMDD-HHMMSS.<format>; akhiri dengan / bila folder). Bawaan: stdout.")] = None,
    timpa: Annotated[bool, typer.Option("--timpa", help="Ganti berkas --keluar yang sudah ada (tidak pernah arsip atau pengaturannya).")] = False,
) -> None:
    """Ekspor keluhan beserta riwayatnya, dalam kolom yang dibaca kembali oleh impor.

    Contoh: keluhan ekspor --dari 2026-01-01 --sampai 2026-06-30 --tanpa-data-pribadi --keluar semester1.csv
    """
    from keluhan import ekspor

    if pelanggan is not None and not pelanggan.strip():
        raise GalatMasukan("--pelanggan memerlukan nama atau email.")
    if pelanggan and tanpa_data_pribadi:
        raise GalatMasukan("--pelanggan menjawab permintaan subjek data atas datanya sendiri; jangan digabung dengan --tanpa-data-pribadi.")
    # The format: --format, else a --keluar file's suffix (semua.xlsx is a workbook, not CSV text), else
    # json for a data subject's request and csv otherwise.
    jalur_keluar = bk.jalur_keluar(keluar, ("csv", "json", "ndjson", "xlsx")) if keluar is not None else None
    fmt = bk.format_keluar(format.value if format else None, jalur_keluar, _AKHIRAN_EKSPOR, "json" if pelanggan else "csv")
    if pemisah is not None and fmt != "csv":
        raise GalatMasukan("--pemisah hanya untuk --format csv.")
    tanda = {",": ",", ";": ";", "tab": "\t", "\t": "\t"}.get(pemisah if pemisah is not None else ",")
    if tanda is None:
        raise GalatMasukan(f"--pemisah '{pemisah}' tidak dikenal; gunakan \",\", \";\" atau \"tab\".")
    if fmt == "xlsx" and keluar is None:
        raise GalatMasukan("--format xlsx memerlukan --keluar BERKAS.xlsx (lembar kerja tidak ditulis ke layar).")
    tgl_dari = w.parse_tanggal(dari, opsi="--dari") if dari else None
    tgl_sampai = w.parse_tanggal(sampai, opsi="--sampai") if sampai else None
    if tgl_dari and tgl_sampai and tgl_sampai < tgl_dari:
        raise GalatMasukan("--sampai lebih awal dari --dari.")
    k = _k(ctx)
    db = k.arsip().db
    if pelanggan:
        ekspor.periksa_pelanggan(db, pelanggan)
    tujuan = None
    if jalur_keluar is not None:
        jalur, folder = jalur_keluar
        stempel = w.sekarang(k.pengaturan["waktu"]["zona"]).strftime("%Y%m%d-%H%M%S")
        tujuan = jalur / f"ekspor-{stempel}.{fmt}" if folder else jalur
        bk.periksa_tujuan(tujuan, timpa=timpa, lindungi=_lindungi(k))
    baris = ekspor.baris(db, dari=tgl_dari, sampai=tgl_sampai, pelanggan=pelanggan, tanpa_data_pribadi=tanpa_data_pribadi,
                         mentah=True, isi_lampiran=fmt not in ("csv", "xlsx"))
    # CSV and xlsx carry the attachments' sha256 only: a spreadsheet cell holds 32,767 characters,
    # a scanned letter's base64 does not fit, and nobody reads one in Excel; json/ndjson carry the bytes.

    def tulis(f: Any) -> int:
        if fmt in ("csv", "ndjson"):  # one SQL pass (the same bytes as ekspor.tulis of the rows)
            return ekspor.tulis_sql(db, f, fmt, pemisah=tanda, dari=tgl_dari, sampai=tgl_sampai, pelanggan=pelanggan,
                                    tanpa_data_pribadi=tanpa_data_pribadi, isi_lampiran=fmt != "csv",
                                    biner=f is not sys.stdout)  # our own file: UTF-8, newline=""
        return ekspor.tulis(baris, f, fmt, pemisah=tanda)

    try:
        if tujuan is None:
            n = tulis(sys.stdout)
            sys.stdout.flush()
        elif fmt == "xlsx":
            n = _tulis_xlsx(tujuan, baris, timpa=timpa, lindungi=_lindungi(k))
        else:
            # CSV with a BOM so Excel reads UTF-8; the format writes its own line ends.
            n = bk.tulis_teks(tujuan, tulis, timpa=timpa,
                              lindungi=_lindungi(k), encoding="utf-8-sig" if fmt == "csv" else "utf-8", newline="")
    finally:
        baris.close()  # a failed write: end its read transaction now, while the archive is open
    # Said on a terminal only: a cron job's export is quiet (cron mails whatever it prints).
    if sys.stderr.isatty():
        if tujuan is not None:
            print(sel(f"{n} keluhan diekspor ke {tujuan}."), file=sys.stderr)
        if pelanggan:
            print(sel(f"{n} keluhan pelanggan '{pelanggan}'."), file=sys.stderr)


_AKHIRAN_EKSPOR = {".csv": "csv", ".json": "json", ".ndjson": "ndjson", ".xlsx": "xlsx"}


def _tulis_xlsx(tujuan: Path, baris: Any, *, timpa: bool, lindungi: Any) -> int:
    """The .xlsx export through berkas.py's one writer (a temporary file put in place at the end)."""
    from keluhan import ekspor

    try:
        import openpyxl  # noqa: F401
    except ImportError:
        raise GalatMasukan("Menulis .xlsx memerlukan paket openpyxl: pip install 'keluhan[xlsx]'.") from None
    with bk.berkas_baru(tujuan, timpa=timpa, lindungi=lindungi) as s:
        with os.fdopen(os.dup(s.fd), "w+b") as f:
            return ekspor.tulis_xlsx(baris, f)


@app.command("lampirkan")
def lampirkan(
    ctx: typer.Context,
    id: Annotated[str, typer.Argument(help="Nomor atau id keluhan, mis. 12 atau 012/KP/BBSPJIKFK/XI/2026.")],
    berkas: Annotated[Path, typer.Argument(metavar="BERKAS", help="Berkas bukti: surat pindaian, surel (.eml), foto, PDF.")],
    keterangan: Annotated[Optional[str], typer.Option(help="Keterangan berkas, mis. \"Surat keluhan asli\".")] = None,
    json_: Annotated[bool, typer.Option("--json", help="Keluaran JSON.")] = False,
) -> None:
    """Simpan berkas bukti di dalam arsip (satu arsip tetap satu cadangan); sha256 dan ukurannya masuk rantai hash.

    Batas ukuran: lampiran.batas_mb di keluhan.toml (bawaan 20 MB). Jenis berkas dikenali dari isinya.

    Contoh: keluhan lampirkan 12 surat-keluhan.pdf --keterangan "Surat keluhan asli"
    """
    from keluhan import lampiran as lp

    k = _k(ctx)
    arsip = k.arsip()
    isi = lp.baca_berkas(berkas, k.pengaturan["lampiran"]["batas_mb"])
    hasil = arsip.lampirkan(id, petugas=k.petugas, nama=berkas.name, isi=isi, keterangan=keterangan)
    if json_:
        _cetak_json(hasil)
    else:
        print(sel(f"Lampiran {hasil['nama']} ({hasil['mime']}, {hasil['ukuran']} byte) disimpan pada keluhan "
                  f"{hasil['nomor']}; sha256 {hasil['sha256']}."))


@app.command("lampiran")
def lampiran(
    ctx: typer.Context,
    id: Annotated[str, typer.Argument(help="Nomor atau id keluhan.")],
    ambil: Annotated[Optional[int], typer.Option(min=1, metavar="N", help="Tulis lampiran nomor N (lihat daftarnya) ke --keluar.")] = None,
    keluar: Annotated[Optional[str], typer.Option(metavar="JALUR", help="Berkas tujuan, atau folder yang ada diakhiri /, untuk --ambil.")] = None,
    timpa: Annotated[bool, typer.Option("--timpa", help="Boleh menimpa berkas tujuan yang sudah ada.")] = False,
    json_: Annotated[bool, typer.Option("--json", help="Keluaran JSON.")] = False,
) -> None:
    """Daftar berkas bukti sebuah keluhan, atau tulis satu kembali ke berkas.

    Contoh: keluhan lampiran 12
    Contoh: keluhan lampiran 12 --ambil 1 --keluar unduhan/
    """
    k = _k(ctx)
    arsip = k.arsip()
    kel, daftar_ = arsip.lampiran(id)
    if ambil is None:
        if keluar is not None:
            raise GalatMasukan("--keluar hanya bersama --ambil N (nomor lampiran dari daftar ini).")
        if json_:
            _cetak_json(daftar_)
            return
        if not daftar_:
            print(sel(f"Keluhan {kel['nomor']} belum memiliki lampiran. Tambahkan: keluhan lampirkan {kel['id']} BERKAS"))
            return
        _tabel(f"Lampiran keluhan {kel['nomor']}", ["No", "Nama", "Jenis", "Byte", "Dilampirkan", "Oleh", "Keterangan"],
               [[str(b["nomor_lampiran"]), b["nama"], b["mime"], str(b["ukuran"]), tg.tampil(b["waktu"]),
                 b["petugas"], (b["keterangan"] or "") + ("" if b["disertakan"] else " (isi tidak disertakan saat impor)")]
                for b in daftar_])
        return
    if keluar is None:
        raise GalatMasukan("--ambil memerlukan --keluar JALUR (berkas tujuan, atau folder yang ada diakhiri /).")
    if ambil > len(daftar_):
        raise GalatMasukan(f"Keluhan {kel['nomor']} memiliki {len(daftar_)} lampiran; tidak ada lampiran nomor {ambil}.")
    b = daftar_[ambil - 1]
    isi = arsip.isi_lampiran(b["sha256"])
    if isi is None:
        raise GalatArsip(f"Isi lampiran {b['nama']} tidak disertakan saat arsip ini diimpor; hanya sidiknya yang tercatat.")
    jalur, folder = bk.jalur_keluar(keluar)
    nama = Path(str(b["nama"]).replace("\\", "/")).name.lstrip(".") or f"lampiran-{ambil}"  # never a path from the archive
    tujuan = jalur / nama if folder else jalur
    bk.periksa_tujuan(tujuan, timpa=timpa, lindungi=_lindungi(k))
    bk.tulis_data(tujuan, isi, timpa=timpa, lindungi=_lindungi(k))
    if json_:
        _cetak_json(dict(b, keluar=str(tujuan)))
    else:
        print(sel(f"Lampiran {b['nama']} ditulis ke {tujuan}."), file=sys.stderr)


@app.command("koreksi")
@_di_harian
def koreksi(
    ctx: typer.Context,
    id: Annotated[str, typer.Argument(help="Nomor atau id keluhan.")],
    kolom: Annotated[Optional[str], typer.Option(help="Kolom yang dikoreksi, mis. telepon, uraian, tim_teknis; diajukan; waktu (waktu sebuah langkah, tunda atau lanjutkan, dengan --peristiwa); koreksi, pencegahan, akar_masalah, kode_akar, korektif, penanggung_jawab, target (tindakan, dengan --putaran).")] = None,
    nilai: Annotated[Optional[str], typer.Option(help="Nilai yang benar ('' = kosongkan, '-' = baca dari stdin); untuk diajukan dan waktu seperti --waktu, mis. '2026-11-30 09:00'.")] = None,
    alasan: Annotated[Optional[str], typer.Option(help="Mengapa dikoreksi (dicatat di riwayat).")] = None,
    peristiwa: Annotated[Optional[int], typer.Option(help="Untuk --kolom waktu: nomor peristiwa (kolom # di keluhan lihat) yang waktunya dikoreksi.")] = None,
    putaran: Annotated[Optional[int], typer.Option(help="Untuk kolom tindakan: putaran tindakan yang dikoreksi (bawaan: putaran terakhir).")] = None,
) -> None:
    """Koreksi isian, waktu, atau tindakan yang salah catat, sebagai peristiwa baru (nilai lama, nilai baru, alasan).

    Nilai asli tetap di riwayat; durasi dan tenggat dihitung ulang dari waktu yang dikoreksi.

    Contoh: keluhan koreksi 001/KP/BBSPJIKFK/XI/2026 --kolom telepon --nilai 0812-3456-7890 --alasan "Salah ketik"

    Contoh: keluhan koreksi 1 --kolom waktu --peristiwa 7 --nilai "2026-11-30 09:00" --alasan "Salah ketik jam"
    """


def _arsip_ada(k: Konteks) -> Any:
    """The archive, which must already exist: checking or copying a mistyped path must
    not quietly create an empty archive and call it sound (``Konteks.arsip`` refuses)."""
    return k.arsip()


@app.command("periksa")
def periksa(
    ctx: typer.Context,
    json_: Annotated[bool, typer.Option("--json", help="Keluaran JSON.")] = False,
    jangkar: Annotated[Optional[str], typer.Option(
        help="Jangkar yang dicatat sebelumnya: baris jangkar sebuah rekap, berkas rekap itu sendiri, atau URUTAN:HASH "
        "ujung riwayat; setiap rantai harus masih memuatnya.")] = None,
) -> None:
    """Periksa arsip: keutuhan berkas, rantai hash riwayat, status hasil pemutaran ulang, penomoran, pelindung riwayat.

    Keluar 1 bila ada temuan.

    Contoh: keluhan periksa --jangkar rekap/rekap-2026-10.html

    Contoh: keluhan periksa --jangkar 1200:9f2c...
    """
    from keluhan import jangkar as jk, periksa as pemeriksa

    titik = jk.baca(jangkar) if jangkar else None
    arsip = _arsip_ada(_k(ctx))
    if _tty() and not json_:
        from rich.progress import Progress

        judul = {"rantai": "Rantai hash", "putar": "Pemutaran ulang riwayat"}
        with Progress(transient=True) as kemajuan:
            tugas: dict[str, Any] = {}

            def lapor_kemajuan(nama: str, selesai: int, total: int) -> None:
                if nama not in tugas:
                    tugas[nama] = kemajuan.add_task(judul.get(nama, nama), total=total)
                kemajuan.update(tugas[nama], completed=selesai)

            laporan = pemeriksa.periksa(arsip.db, kemajuan=lapor_kemajuan, jangkar=titik)
    else:
        laporan = pemeriksa.periksa(arsip.db, jangkar=titik)
    if json_:
        _cetak_json(laporan.sebagai_json())
    elif laporan.sehat:
        print(sel(f"Arsip sehat: {laporan.ringkasan()}."))
    else:
        print(f"Arsip TIDAK sehat: {len(laporan.temuan)} temuan.")
        for t in laporan.temuan:
            print(sel(f"- {t}"))
        print(sel(f"Diperiksa: {laporan.ringkasan()}."))
    if not json_:
        for c in laporan.catatan:  # not damage: e.g. attachments an import did not carry
            print(sel(f"Catatan: {c}"))
    if not laporan.sehat:
        galat(f"arsip {arsip.jalur} tidak lolos pemeriksaan ({len(laporan.temuan)} temuan).")
        raise typer.Exit(1)


@app.command("cadangkan")
def cadangkan(
    ctx: typer.Context,
    tujuan: Annotated[str, typer.Argument(
        metavar="TUJUAN", help="Berkas salinan, atau folder yang ada untuk salinan bertanggal (akhiri dengan / bila folder).")],
    timpa: Annotated[bool, typer.Option("--timpa", help="Ganti berkas tujuan yang sudah ada (tidak pernah arsip atau pengaturannya).")] = False,
) -> None:
    """Salinan arsip yang utuh dan konsisten, aman walau petugas lain sedang mencatat.

    Contoh: keluhan cadangkan /cadangan/arsip-2026-11-30.db
    """
    k = _k(ctx)
    jalur, _ = bk.jalur_keluar(tujuan)  # a folder stays a folder: Arsip.cadangkan names the copy in it
    hasil = _arsip_ada(k).cadangkan(jalur, timpa=timpa, lindungi=_lindungi(k))
    print(sel(f"Cadangan ditulis: {hasil}" if _tty() else hasil))


@app.command("datasette")
def datasette_(
    ctx: typer.Context,
    keluar: Annotated[Optional[str], typer.Option(
        metavar="JALUR", help="Berkas metadata (.json), atau folder (berisi NAMA-datasette.json; akhiri dengan / bila "
        "folder). Bawaan: stdout.")] = None,
    timpa: Annotated[bool, typer.Option("--timpa", help="Ganti berkas --keluar yang sudah ada (tidak pernah arsip atau pengaturannya).")] = False,
) -> None:
    """Metadata Datasette untuk auditor, dibuat untuk arsip ini: halaman depan, kueri audit, tanpa data pribadi.

    Mencetak perintah datasette yang menjalankannya (SQL bebas dan unduhan berkas mati).

    Contoh: keluhan --arsip /data/arsip.db datasette --keluar /srv/audit/
    """
    import shlex

    from keluhan import datasette_auditor as da

    k = _k(ctx)
    tujuan = None
    if keluar is not None:
        jalur, folder = bk.jalur_keluar(keluar, ("json",))
        tujuan = jalur / f"{k.jalur.stem}-datasette.json" if folder else jalur
        bk.periksa_tujuan(tujuan, timpa=timpa, lindungi=_lindungi(k))
    arsip = _arsip_ada(k)
    teks = da.teks(da.metadata(arsip.db, k.jalur, k.pengaturan["unit"]["nama"]))
    if tujuan is None:
        sys.stdout.write(teks)
        print(sel(shlex.join(da.perintah(k.jalur, Path("METADATA.json"), da.jumlah_keluhan(arsip.db)))), file=sys.stderr)
        return
    bk.tulis_atomik(tujuan, teks, timpa=timpa, lindungi=_lindungi(k))
    print(sel(f"Metadata Datasette ditulis: {tujuan}. Jalankan:"))
    print(sel(shlex.join(da.perintah(k.jalur, tujuan, da.jumlah_keluhan(arsip.db)))))

JenisFormulir = Enum("JenisFormulir", {j: j for j in ("fpkp", "ftkp", "tanda-terima", "surat-hasil")}, type=str)  # type: ignore[misc]
FormatFormulir = Enum("FormatFormulir", {f: f for f in ("md", "html", "pdf")}, type=str)  # type: ignore[misc]
def _periksa_stdout_pdf() -> None:
    harian._periksa_stdout_pdf(_tty())


def _tulis_pdf_stdout(isi: bytes) -> None:
    harian._tulis_pdf_stdout(isi, _tty())


def _isi_formulir(k: Konteks, jenis: str, data: dict[str, Any], fmt: str) -> str | bytes:
    """One form of one complaint: text (md, html) or PDF/A bytes."""
    from keluhan import formulir as f

    if fmt != "pdf":
        return f.render(jenis, data, k.pengaturan, format=fmt, templat_dir=_folder_templat(k))
    from keluhan import pdf

    html = f.render(jenis, data, k.pengaturan, format="html", templat_dir=_folder_templat(k))
    lampiran = pdf.data_pelanggan(jenis, data) if jenis in pdf.UNTUK_PELANGGAN else data
    return pdf.buat(html, lampiran, nama_lampiran=f"{jenis}-{bk.nama_aman(data['nomor'])}.json",
                    identitas=f"keluhan {jenis} {data['id']}", judul=f"{f.JUDUL[jenis]} {data['nomor']}")


def _tulis_formulir(k: Konteks, tujuan: Path, isi: str | bytes, timpa: bool) -> None:
    if isinstance(isi, bytes):
        bk.tulis_data(tujuan, isi, timpa=timpa, lindungi=_lindungi(k))
    else:
        bk.tulis_atomik(tujuan, isi, timpa=timpa, lindungi=_lindungi(k))


@app.command("formulir")
def formulir(
    ctx: typer.Context,
    id: Annotated[str, typer.Argument(help="Nomor atau id keluhan.")],
    jenis: Annotated[Optional[JenisFormulir], typer.Option(case_sensitive=False, help="Formulir yang dicetak.")] = None,
    format: Annotated[Optional[FormatFormulir], typer.Option(
        case_sensitive=False, help="md (Markdown), html (siap cetak A4) atau pdf (PDF/A-3b; perlu keluhan[pdf]); "
        "bawaan: dari akhiran berkas --keluar, selain itu md.")] = None,
    keluar: Annotated[Optional[str], typer.Option(
        metavar="JALUR", help="Berkas atau folder tujuan (akhiri dengan / bila folder; bawaan: stdout).")] = None,
    timpa: Annotated[bool, typer.Option("--timpa", help="Ganti berkas --keluar yang sudah ada (tidak pernah arsip atau pengaturannya).")] = False,
    semua: Annotated[bool, typer.Option("--semua", help="Semua formulir yang dimungkinkan status keluhan, ke folder --keluar DIR/.")] = False,
) -> None:
    """Cetak formulir satu keluhan: FPKP, FTKP, tanda terima, atau surat hasil.

    Contoh: keluhan formulir 001/KP/BBSPJIKFK/XI/2026 --jenis fpkp --format html --keluar formulir/

    Contoh: keluhan formulir 001/KP/BBSPJIKFK/XI/2026 --semua --format pdf --keluar formulir/
    """
    k = _k(ctx)
    if semua and jenis is not None:
        raise GalatMasukan("Pilih salah satu: --jenis JENIS atau --semua.")
    if not semua and jenis is None:
        raise GalatMasukan("opsi --jenis wajib diisi; pilihan: fpkp, ftkp, tanda-terima, surat-hasil, atau --semua "
                           "--keluar FOLDER/ (bantuan: keluhan formulir --help)")
    jalur_keluar = bk.jalur_keluar(keluar, ("md", "html", "pdf")) if keluar is not None else None
    if semua and (jalur_keluar is None or not jalur_keluar[1]):
        raise GalatMasukan("--semua menulis beberapa berkas: beri --keluar FOLDER/ (folder yang sudah ada).")
    fmt = bk.format_keluar(format.value if format else None, jalur_keluar,
                           {a: f for a, f in _FORMAT_AKHIRAN.items() if f != "json"}, "md")  # a form has no JSON
    if fmt == "pdf" and jalur_keluar is None:
        _periksa_stdout_pdf()
    data = k.arsip().ambil(id)
    if semua:
        _formulir_semua(k, data, fmt, jalur_keluar[0], timpa)
        return
    _formulir_tersedia(jenis.value, data)
    if jalur_keluar is not None:
        jalur, folder = jalur_keluar
        tujuan = jalur / f"{jenis.value}-{bk.nama_aman(data['nomor'])}.{fmt}" if folder else jalur
        bk.periksa_tujuan(tujuan, timpa=timpa, lindungi=_lindungi(k))  # refused before the work
    isi = _isi_formulir(k, jenis.value, data, fmt)
    if jalur_keluar is None:
        if isinstance(isi, bytes):
            _tulis_pdf_stdout(isi)
        else:
            sys.stdout.write(isi)
        return
    _tulis_formulir(k, tujuan, isi, timpa)
    if _tty():  # quiet otherwise, like rekap --keluar
        print(sel(f"Formulir ditulis: {tujuan}"))


def formulir_tersedia(data: dict[str, Any]) -> list[str]:
    """The forms a complaint's status allows, in the SOP's order: the FPKP and the receipt
    always, the FTKP once there is a CAPA round (or blank while the Tim Teknis holds it),
    the result letter once there is a result."""
    jenis = ["tanda-terima", "fpkp"]
    if data["tindakan"] or data["status"] == "divalidasi":
        jenis.append("ftkp")
    if data["status"] in _SURAT_HASIL_DARI or _banding_diterima(data):
        jenis.append("surat-hasil")
    return jenis


def _banding_diterima(k: dict[str, Any]) -> bool:
    from keluhan.formulir import banding_diterima

    return banding_diterima(k)


def _formulir_semua(k: Konteks, data: dict[str, Any], fmt: str, folder: Path, timpa: bool) -> None:
    """formulir --semua: every form the status allows into ``folder``; all or nothing
    (every target is checked, and every form made, before the first is written)."""
    daftar = formulir_tersedia(data)
    tujuan = {j: folder / f"{j}-{bk.nama_aman(data['nomor'])}.{fmt}" for j in daftar}
    for j in daftar:
        bk.periksa_tujuan(tujuan[j], timpa=timpa, lindungi=_lindungi(k))
    for j in daftar:
        _formulir_tersedia(j, data)  # the blank FTKP's note
    isi = {j: _isi_formulir(k, j, data, fmt) for j in daftar}
    for j in daftar:
        _tulis_formulir(k, tujuan[j], isi[j], timpa)
    if _tty():
        for j in daftar:
            print(sel(f"Formulir ditulis: {tujuan[j]}"))


# Where a result letter makes sense: the outcome is known (verified, or found not valid).
_SURAT_HASIL_DARI = ("diverifikasi", "tidak_valid", "selesai", "banding")


def _formulir_tersedia(jenis: str, k: dict[str, Any]) -> None:
    """Refuse a form that would print as if it said something it cannot: an FTKP with no
    CAPA to show (the blank one to fill in by hand is for a complaint waiting at the Tim
    Teknis, with a note), a result letter before there is a result."""
    nomor, status = k["nomor"], k["status"]
    if status == "batal" and jenis in ("ftkp", "surat-hasil"):
        raise GalatKeluhan(f"Keluhan {nomor} dibatalkan ({k['alasan_batal']}): tidak ada "
                           f"{'tindakan koreksi dan pencegahan' if jenis == 'ftkp' else 'hasil penyelesaian'}; "
                           "formulir yang tersedia: fpkp dan tanda-terima, bertanda DIBATALKAN.")
    if jenis == "ftkp" and not k["tindakan"]:
        if status != "divalidasi":
            sebab = ("keluhan dinyatakan tidak valid, jadi tidak ada FTKP" if k["validasi"] == "tidak_benar"
                     else f"FTKP tersedia setelah keluhan validasi {nomor} --benar dan keluhan tindak {nomor}")
            raise GalatKeluhan(f"Belum ada tindakan koreksi dan pencegahan untuk keluhan {nomor} (status '{status}'); "
                               f"{sebab}.")
        print(sel(f"Catatan: belum ada tindakan koreksi dan pencegahan untuk keluhan {nomor}; FTKP dicetak kosong "
                  "untuk diisi Tim Teknis."), file=sys.stderr)
    if jenis == "surat-hasil" and status not in _SURAT_HASIL_DARI and not _banding_diterima(k):
        raise GalatKeluhan(f"Surat hasil keluhan {nomor} belum dapat dibuat: status '{status}'; surat hasil dibuat "
                           "setelah hasil diverifikasi (keluhan verifikasi) atau keluhan dinyatakan tidak valid.")


def _app_untuk(args: list[str]) -> typer.Typer:
    """The app to run for ``args``: when they name one command, an app holding only that
    command, since Typer builds the Click command of every function at each start
    (~6 ms) and this run needs one. Help for the whole app, an unknown name, shell
    completion: the full app."""
    i = 0
    while i < len(args) and args[i].split("=", 1)[0] in _GLOBAL_BERNILAI:
        i += 1 if "=" in args[i] else 2
    if i >= len(args) or any(k.startswith(("_KELUHAN_COMPLETE", "_TYPER_COMPLETE")) for k in os.environ):
        return app
    info = next((c for c in app.registered_commands if c.name == args[i]), None)
    if info is None:
        return app
    satu = copy.copy(app)
    satu.registered_commands, satu.registered_groups = [info], []
    return satu


_GLOBAL_BERNILAI = ("--arsip", "--petugas", "--konfigurasi", "--templat")


def main(args: Optional[list[str]] = None) -> None:
    args = sys.argv[1:] if args is None else list(args)
    _app_untuk(args)(args=args, prog_name="keluhan")


if __name__ == "__main__":
    main()
