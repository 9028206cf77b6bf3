"""Writes tests/data/surat-pindai.png: a small grey "scanned letter" (lines of text as bars) for the demo
and the attachment tests. Standard library only; rerun to regenerate (the output is deterministic)."""

import struct
import zlib
from pathlib import Path

LEBAR, TINGGI = 248, 350  # A4 proportions at about 30 dpi


def piksel(x: int, y: int) -> int:
    if x < 12 or x >= LEBAR - 12 or y < 12 or y >= TINGGI - 12:
        return 255
    if 20 <= y < 44 and 24 <= x < 224 and (x // 7 + y // 6) % 5:  # letterhead
        return 40
    if y == 52:
        return 60  # rule under the letterhead
    baris = (y - 70) // 14
    if y >= 70 and (y - 70) % 14 < 6 and baris < 17 and 24 <= x < (224 - (baris * 37) % 60):
        return 90 if (x // 5 + baris) % 7 else 255  # words
    if 300 <= y < 330 and 150 <= x < 220 and (x + y) % 9 < 3:  # signature
        return 30
    return 250


def png() -> bytes:
    mentah = b"".join(b"\x00" + bytes(piksel(x, y) for x in range(LEBAR)) for y in range(TINGGI))

    def potong(jenis: bytes, isi: bytes) -> bytes:
        return struct.pack(">I", len(isi)) + jenis + isi + struct.pack(">I", zlib.crc32(jenis + isi) & 0xFFFFFFFF)

    kepala = struct.pack(">IIBBBBB", LEBAR, TINGGI, 8, 0, 0, 0, 0)  # 8-bit greyscale
    return (b"\x89PNG\r\n\x1a\n" + potong(b"IHDR", kepala) + potong(b"IDAT", zlib.compress(mentah, 9))
            + potong(b"IEND", b""))


if __name__ == "__main__":
    Path(__file__).with_name("surat-pindai.png").write_bytes(png())
