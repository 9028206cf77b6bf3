"""Write tests/data/register-libreoffice.xlsx: a register as a PJTK office keeps it in
LibreOffice Calc, saved by LibreOffice itself (issue 13: the tool must read what Calc
writes, not only what openpyxl writes).

The workbook is described here as a flat OpenDocument spreadsheet (.fods, plain XML) and
converted by ``soffice --headless --convert-to xlsx``, so every byte of the .xlsx is
LibreOffice's. What it holds, each an oddity the importer must handle:

- sheet "Semester I": a title row above the header, "E-mail" and "No. HP" header
  spellings, a real date-time cell for ``dicatat``, a phone stored as a number with a
  12-digit format (its leading 0 only in the format), "benar" typed as a boolean TRUE,
  the ``petugas`` cell merged over two rows;
- sheet "Semester II": a second sheet with data.

Run (needs the Debian package libreoffice-calc-nogui):
    python tests/data/buat_register_libreoffice.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

TUJUAN = Path(__file__).resolve().parent / "register-libreoffice.xlsx"
KEPALA = ["Nama", "E-mail", "No. HP", "media", "layanan", "uraian", "dicatat", "petugas",
          "validasi", "validasi_waktu", "validasi_petugas", "tim_teknis"]


def _teks(v: str) -> str:
    return f'<table:table-cell office:value-type="string"><text:p>{escape(v)}</text:p></table:table-cell>'


def _waktu(iso: str) -> str:
    return (f'<table:table-cell table:style-name="waktu" office:value-type="date" office:date-value="{iso}">'
            f"<text:p>{iso}</text:p></table:table-cell>")


def _hp(angka: int) -> str:
    return (f'<table:table-cell table:style-name="hp" office:value-type="float" office:value="{angka}">'
            f"<text:p>0{angka}</text:p></table:table-cell>")


def _benar() -> str:
    # As Calc stores "benar" that an Indonesian-locale autocorrect turned into TRUE: a boolean cell.
    return ('<table:table-cell table:style-name="benar" office:value-type="boolean" office:boolean-value="true">'
            "<text:p>TRUE</text:p></table:table-cell>")


def _baris(sel: list[str]) -> str:
    return "<table:table-row>" + "".join(sel) + "</table:table-row>"


def _keluhan(nama: str, email: str, hp: int, uraian: str, dicatat: str, validasi: str, petugas: str | None,
             gabung: int = 0) -> str:
    if petugas is None:
        sel_petugas = "<table:covered-table-cell/>"  # under the merge above
    elif gabung:
        sel_petugas = (f'<table:table-cell table:number-rows-spanned="{gabung}" table:number-columns-spanned="1" '
                       f'office:value-type="string"><text:p>{escape(petugas)}</text:p></table:table-cell>')
    else:
        sel_petugas = _teks(petugas)
    return _baris([_teks(nama), _teks(email), _hp(hp), _teks("email"), _teks("pengujian"), _teks(uraian),
                   _waktu(dicatat), sel_petugas, _benar(), _waktu(validasi), _teks("Dedi Kurniawan"),
                   _teks("Laboratorium Pengujian")])


def fods() -> str:
    semester1 = "".join([
        _baris([_teks("REKAP KELUHAN PELANGGAN 2025")]),
        _baris([_teks(k) for k in KEPALA]),
        _keluhan("Hendra Gunawan", "hendra@sinarkimia.co.id", 81211112222, "LHU kadar air belum diterima",
                 "2025-03-03T09:00:00", "2025-03-03T09:10:00", "Rina Wulandari", gabung=2),
        _keluhan("Lestari Putri", "lestari@kemasan.co.id", 81233334444, "Nomor seri sertifikat salah",
                 "2025-03-04T10:00:00", "2025-03-04T10:05:00", None),
    ])
    semester2 = "".join([
        _baris([_teks(k) for k in KEPALA]),
        _keluhan("Yusuf Maulana", "yusuf@farmasi.co.id", 81255556666, "Jadwal audit berubah tanpa surat",
                 "2025-08-04T08:30:00", "2025-08-04T08:40:00", "Rina Wulandari"),
    ])
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
  xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
  xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
  office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
 <office:automatic-styles>
  <number:number-style style:name="N_hp"><number:number number:decimal-places="0" number:min-integer-digits="12"/></number:number-style>
  <number:date-style style:name="N_waktu">
   <number:day number:style="long"/><number:text>/</number:text><number:month number:style="long"/>
   <number:text>/</number:text><number:year number:style="long"/><number:text> </number:text>
   <number:hours number:style="long"/><number:text>:</number:text><number:minutes number:style="long"/>
  </number:date-style>
  <number:boolean-style style:name="N_benar"><number:boolean/></number:boolean-style>
  <style:style style:name="hp" style:family="table-cell" style:data-style-name="N_hp"/>
  <style:style style:name="benar" style:family="table-cell" style:data-style-name="N_benar"/>
  <style:style style:name="waktu" style:family="table-cell" style:data-style-name="N_waktu"/>
 </office:automatic-styles>
 <office:body><office:spreadsheet>
  <table:table table:name="Semester I">{semester1}</table:table>
  <table:table table:name="Semester II">{semester2}</table:table>
 </office:spreadsheet></office:body>
</office:document>
"""


def main() -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("soffice tidak ada: apt-get install libreoffice-calc-nogui")
    with tempfile.TemporaryDirectory() as tmp:
        sumber = Path(tmp) / "register-libreoffice.fods"
        sumber.write_text(fods(), encoding="utf-8")
        subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/profil", "--headless", "--convert-to", "xlsx",
                        "--outdir", tmp, str(sumber)], check=True, capture_output=True, timeout=300)
        shutil.copy(Path(tmp) / "register-libreoffice.xlsx", TUJUAN)
    print(f"ditulis: {TUJUAN}")


if __name__ == "__main__":
    main()
