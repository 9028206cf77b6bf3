"""The user's own settings file: where this clerk's office archive is and who the clerk is.

It lives in the platform's user config folder (``~/.config/keluhan/keluhan.toml`` on Linux,
``%LOCALAPPDATA%\\keluhan\\keluhan.toml`` on Windows, ``~/Library/Application Support/keluhan/
keluhan.toml`` on macOS, as platformdirs names them) and may name only two things::

    [arsip]
    jalur = "/data/pjtk/archive.db"   # the office archive
    [petugas]
    bawaan = "Rina Wulandari"          # the clerk

Everything else (deadlines, unit, letterhead) belongs to the archive's keluhan.toml, which
every clerk shares; a key here that is not one of the two is refused with its name.
The order: ``--arsip``, ``KELUHAN_ARSIP``, ``arsip.jalur`` here, ``./archive.db``; and
``--petugas``, ``KELUHAN_PETUGAS``, ``petugas.bawaan`` here, the archive's keluhan.toml.
platformdirs is imported only when the file is needed (no --arsip, or no --petugas)."""

from __future__ import annotations

from pathlib import Path

from keluhan.galat import GalatPengaturan, sebab_baca

# The keys the user's file may hold: (table, key) -> what it says.
KUNCI: dict[tuple[str, str], str] = {
    ("arsip", "jalur"): "berkas arsip kantor",
    ("petugas", "bawaan"): "nama petugas",
}

def jalur() -> Path:
    """Where the user's settings file is (it need not exist)."""
    import platformdirs

    return platformdirs.user_config_path("keluhan", appauthor=False) / "keluhan.toml"


def muat() -> dict[tuple[str, str], str]:
    """The user's settings, {(table, key): value}; empty when the file does not exist.
    A file that is not TOML, a key not in ``KUNCI`` or a value that is not text is refused
    in one line naming the file and the key."""
    berkas = jalur()
    import tomllib

    try:
        with open(berkas, "rb") as f:
            data = tomllib.load(f)
    except FileNotFoundError:
        data = {}
    except tomllib.TOMLDecodeError as e:
        raise GalatPengaturan(f"Berkas pengaturan pengguna {berkas} bukan TOML yang sah: {e}.") from None
    except UnicodeDecodeError:
        raise GalatPengaturan(f"Berkas pengaturan pengguna {berkas} bukan teks UTF-8.") from None
    except OSError as e:
        raise GalatPengaturan(f"Berkas pengaturan pengguna {berkas} tidak dapat dibaca: {sebab_baca(e)}.") from None
    hasil: dict[tuple[str, str], str] = {}
    boleh = ", ".join(f"{t}.{k}" for t, k in KUNCI)
    for tabel, isi in data.items():
        if not isinstance(isi, dict):
            raise GalatPengaturan(
                f"Kunci '{tabel}' tidak dikenal di berkas pengaturan pengguna {berkas}; yang boleh hanya {boleh} "
                "(pengaturan lain ada di keluhan.toml di samping arsip)."
            )
        for kunci, nilai in isi.items():
            if (tabel, kunci) not in KUNCI:
                raise GalatPengaturan(
                    f"Kunci '{tabel}.{kunci}' tidak dikenal di berkas pengaturan pengguna {berkas}; yang boleh hanya "
                    f"{boleh} (pengaturan lain ada di keluhan.toml di samping arsip)."
                )
            if not isinstance(nilai, str) or not nilai.strip():
                raise GalatPengaturan(
                    f"{tabel}.{kunci} di berkas pengaturan pengguna {berkas} harus berupa teks ({KUNCI[tabel, kunci]})."
                )
            hasil[tabel, kunci] = nilai.strip()
    return hasil


def arsip() -> Path | None:
    """The archive the user's file names (``~`` expanded; a relative path is read from the
    file's folder, not from wherever the command runs), or None."""
    nilai = muat().get(("arsip", "jalur"))
    if nilai is None:
        return None
    p = Path(nilai).expanduser()
    return p if p.is_absolute() else jalur().parent / p


def petugas() -> str | None:
    return muat().get(("petugas", "bawaan"))
