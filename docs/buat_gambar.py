"""`make gambar`: the PNG renders of docs/cetakan.md, regenerated from the demo.

Runs ``python -m keluhan.demo`` into a temporary folder (the forms of complaint
002/KP/BBSPJIKFK/X/2026 and October 2026's recap, as PDF through WeasyPrint), then turns
the first page of each PDF into a PNG with poppler's ``pdftoppm`` (60 dpi). Not part of
``make test``: the images are documentation, regenerated on purpose after a change to
the templates, and committed.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

DOCS = Path(__file__).resolve().parent
GAMBAR = DOCS / "gambar"
NOMOR = "002-KP-BBSPJIKFK-X-2026"
# PNG name -> the demo's PDF (relative to the demo folder).
SUMBER = {
    "fpkp": f"formulir/fpkp-{NOMOR}.pdf",
    "ftkp": f"formulir/ftkp-{NOMOR}.pdf",
    "surat-hasil": f"formulir/surat-hasil-{NOMOR}.pdf",
    "tanda-terima": f"formulir/tanda-terima-{NOMOR}.pdf",
    "rekap": "rekap-2026-10.pdf",
}


def main() -> None:
    if shutil.which("pdftoppm") is None:
        sys.exit("pdftoppm tidak ditemukan: apt-get install poppler-utils")
    GAMBAR.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        demo = Path(tmp) / "demo"
        subprocess.run([sys.executable, "-m", "keluhan.demo", str(demo)], check=True, stdout=subprocess.DEVNULL)
        for nama, pdf in SUMBER.items():
            if not (demo / pdf).is_file():
                sys.exit(f"demo tidak menulis {pdf} (WeasyPrint terpasang? pip install 'keluhan[pdf]')")
            awalan = Path(tmp) / nama
            subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(demo / pdf),
                            str(awalan)], check=True)
            shutil.copyfile(awalan.with_suffix(".png"), GAMBAR / f"{nama}.png")
            print(f"docs/gambar/{nama}.png")


if __name__ == "__main__":
    main()
