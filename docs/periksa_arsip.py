"""Periksa arsip keluhan tanpa program keluhan: Python 3.11+ dan pustaka standarnya saja.

Pemakaian:  python3 periksa_arsip.py SALINAN.db
Keluar 0 bila semua cocok, 1 bila ada temuan (satu baris per temuan), 2 bila berkas tak terbaca.

Yang diperiksa (docs/jaminan.md, bagian 8):
1. setiap rantai hash (riwayat, kalender_riwayat, pengaturan_riwayat, petugas_riwayat):
   resep v1, tanpa lompatan urutan, sqlite_sequence tidak di depan entri terakhir;
   register petugas: setiap NIP didaftarkan sekali, diubah atau dinonaktifkan hanya
   sesudah didaftarkan;
2. kalender: memutar ulang kalender_riwayat memberi tepat libur yang berlaku di tabel libur;
3. tabel keluhan: setiap baris sama dengan lipatan peristiwanya di riwayat; tidak ada
   keluhan yang dibatalkan sesudah tindakan koreksi dan pencegahannya dicatat;
4. durasi langkah dan kepatuhan: dihitung ulang dari riwayat (waktu efektifnya,
   v_waktu_efektif: koreksi waktu terakhir atau waktu tercatat), kalender, dan buku
   pengaturan (mutu baku dan jam kerja yang berlaku), lalu dibandingkan dengan
   durasi_langkah (mutu_baku, menit_kerja, batas, patuh, menit_tunda, patuh_tanpa_tunda);
   penundaan jam (keluhan tunda) dibaca dari riwayat: dari peristiwa tunda sampai lanjutkan,
   langkah berikutnya, batal, atau tinjauan efektivitas (bila hanya tinjauan yang ditunggu);
5. keluhan berulang: kunci_pelanggan dihitung ulang dari tabel keluhan (email, telepon,
   instansi yang dinormalkan), dan setiap kaitan (peristiwa kaitkan) menunjuk keluhan lain
   yang ada, yang sudah dicatat saat itu, satu kali per pasangan.

Ini implementasi kedua yang sengaja ditulis terpisah dari program; pengujian program
menahannya agar selalu sama dengan angka program. Penulisan ulang SELURUH rantai dari
awal tidak dapat ditangkap dari isi arsip saja: bandingkan ujung rantai yang dicetak di
bawah dengan jangkar pada rekap yang ditandatangani (bagian 9).
"""

import hashlib
import json
import re
import sqlite3
import sys
import unicodedata
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

# Rantai hash arsip dan kolom yang di-hash, berurutan (resep v1: sha256 atas JSON
# [hash_sebelum, kolom...] tanpa spasi, huruf non-ASCII apa adanya).
RANTAI = {
    "riwayat": ("keluhan_id", "langkah", "aksi", "status_dari", "status_ke", "petugas", "waktu", "dicatat_pada",
                "rincian"),
    "kalender_riwayat": ("aksi", "tanggal", "petugas", "dicatat_pada", "rincian"),
    "pengaturan_riwayat": ("kunci", "nilai", "nilai_lama", "berlaku_sejak", "petugas", "alasan", "dicatat_pada"),
    "petugas_riwayat": ("aksi", "nip", "nama", "jabatan", "peran", "tim", "aktif", "berlaku_sejak", "oleh", "alasan",
                        "dicatat_pada"),
}
HARI = ("senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "minggu")
US = timedelta(microseconds=1)
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
temuan = []


def lapor(pesan):
    temuan.append(pesan)


def hash_entri(hash_sebelum, nilai):
    teks = json.dumps([hash_sebelum, *nilai], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(teks.encode("utf-8")).hexdigest()


def periksa_rantai(db, tabel, kolom):
    """Hash, mata rantai, dan urutan satu rantai; mengembalikan ujungnya (urutan, hash)."""
    sebelum, n = "0" * 64, 0
    for urutan, *isi, hash_sebelum, hash_ in db.execute(
            f"SELECT urutan, {', '.join(kolom)}, hash_sebelum, hash FROM {tabel} ORDER BY urutan"):
        if urutan != n + 1:
            lapor(f"{tabel}: entri #{n + 1} sampai #{urutan - 1} hilang")
        if hash_sebelum != sebelum:
            lapor(f"{tabel} #{urutan}: hash_sebelum bukan hash entri sebelumnya (rantai putus)")
        if hash_entri(hash_sebelum, isi) != hash_:
            lapor(f"{tabel} #{urutan}: isi tidak cocok dengan hash-nya (diubah)")
        sebelum, n = hash_, urutan
    seq = db.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", (tabel,)).fetchone()
    if seq and seq[0] > n:
        lapor(f"{tabel}: entri #{n + 1} sampai #{seq[0]} hilang dari akhir")
    return n, sebelum


# -- kalender: zona dan libur, dari kalender_riwayat --------------------------------------


def putar_kalender(db):
    """(zona, {tanggal: nama} libur yang berlaku) menurut kalender_riwayat."""
    zona, libur = None, {}
    for aksi, tanggal, rincian in db.execute("SELECT aksi, tanggal, rincian FROM kalender_riwayat ORDER BY urutan"):
        r = json.loads(rincian)
        if aksi == "pengaturan" and r["kunci"] == "zona":
            zona = r["nilai"]
        elif aksi == "awal":
            libur.update({b[1]: b[2] for b in r["libur"] if b[7] is None})
        elif aksi == "isi_tahun":
            libur.update({t: nama for t, nama in r["libur"]})
        elif aksi == "tambah_libur":
            libur[tanggal] = r["nama"]
        elif aksi == "hapus_libur":
            libur.pop(tanggal, None)
    return zona, libur


# -- buku pengaturan: nilai yang berlaku pada suatu saat ---------------------------------


class Pengaturan:
    def __init__(self, db):
        self.entri = {}
        for urutan, kunci, nilai, sejak in db.execute(
                "SELECT urutan, kunci, nilai, berlaku_sejak FROM pengaturan_riwayat"):
            t = float("-inf") if sejak is None else datetime.fromisoformat(sejak).timestamp()
            self.entri.setdefault(kunci, []).append((t, urutan, json.loads(nilai)))

    def nilai(self, kunci, pada):
        """Entri kunci dengan berlaku_sejak kosong atau tidak sesudah `pada`: yang paling akhir."""
        t = pada.timestamp()
        calon = [e for e in self.entri.get(kunci, []) if e[0] <= t]
        return max(calon)[2] if calon else None


# -- waktu kerja: implementasi kedua, hari demi hari ---------------------------------------


class WaktuKerja:
    def __init__(self, zona, libur, pengaturan):
        self.zona, self.libur, self.p = zona, libur, pengaturan
        self._hari = {}

    def jam(self, d):
        """(buka, tutup) hari d sebagai mikrodetik sejak epoch, atau None bila bukan hari kerja."""
        if d not in self._hari:
            jam = None
            teks = self.p.nilai(f"jam_kerja.{HARI[d.weekday()]}", datetime.combine(d, time(0), self.zona))
            if teks and d.isoformat() not in self.libur:
                buka, tutup = teks.split("-")
                tutup_d = d + timedelta(days=1) if tutup == "24:00" else d
                jam = (self.us(datetime.combine(d, time.fromisoformat(buka), self.zona)),
                       self.us(datetime.combine(tutup_d, time(0) if tutup == "24:00" else time.fromisoformat(tutup),
                                                self.zona)))
            self._hari[d] = jam
        return self._hari[d]

    def us(self, t):
        return (t - EPOCH) // US

    def dt(self, u):
        return (EPOCH + u * US).astimezone(self.zona)

    def tanggal(self, u):
        return self.dt(u).date()

    def kerja(self, a, b):
        """Mikrodetik kerja dari a ke b."""
        total, d = 0, self.tanggal(a)
        while a < b and d <= self.tanggal(b):
            j = self.jam(d)
            if j:
                total += max(0, min(b, j[1]) - max(a, j[0]))
            d += timedelta(days=1)
        return total

    def hari_kerja_berikut(self, d, n):
        """Hari kerja ke-n sesudah tanggal d."""
        while n:
            d += timedelta(days=1)
            n -= self.jam(d) is not None
        return d

    def maju(self, u, sisa):
        """Saat sesudah sisa mikrodetik kerja dihitung dari u."""
        d = self.tanggal(u)
        while True:
            j = self.jam(d)
            if j and u < j[1]:
                awal = max(u, j[0])
                if j[1] - awal >= sisa:
                    return awal + sisa
                sisa -= j[1] - awal
            d += timedelta(days=1)

    def batas(self, mulai, jumlah, satuan):
        if satuan in ("menit", "jam"):
            return self.maju(mulai, jumlah * (60 if satuan == "jam" else 1) * 60_000_000)
        # "N hari": mulai digeser ke jam kerja, lalu N hari kerja kemudian pada jam yang sama,
        # dibatasi jam kerja hari itu.
        d = self.tanggal(mulai)
        j = self.jam(d)
        if j and j[0] < mulai < j[1]:
            jam = self.dt(mulai).time()
        else:
            if not (j and mulai <= j[0]):
                d = self.hari_kerja_berikut(d, 1)
            jam = self.dt(self.jam(d)[0]).time()
        h = self.hari_kerja_berikut(d, jumlah)
        buka, tutup = self.jam(h)
        return min(max(self.us(datetime.combine(h, jam, self.zona)), buka), tutup)


def durasi(wk, mulai_teks, akhir_teks, mutu, jeda=()):
    """(menit_kerja, batas ISO, patuh, menit_tunda, patuh_tanpa_tunda) satu langkah. jeda: penundaan
    keluhan itu (awal, akhir) sebagai teks waktu. Waktu kerja penundaan di dalam langkah tidak dihitung;
    penundaan yang dimulai paling lambat pada batas (atau sebelum jam buka berikutnya) menggeser batas
    sebanyak waktu kerjanya; yang dimulai sesudahnya tidak."""
    jumlah, satuan = mutu.split()
    a, b = wk.us(datetime.fromisoformat(mulai_teks)), wk.us(datetime.fromisoformat(akhir_teks))
    total = wk.kerja(a, b) if b > a else 0
    batas = wk.batas(a, int(jumlah), satuan)
    patuh_asli = b <= batas or wk.kerja(batas, b) == 0
    tunda, geser = 0, batas
    for awal, akhir in jeda:
        s = max(wk.us(datetime.fromisoformat(awal)), a)
        e = min(wk.us(datetime.fromisoformat(akhir)), b)
        if e <= s:
            continue
        lama = wk.kerja(s, e)
        tunda += lama
        if lama and (s <= geser or wk.kerja(geser, s) == 0):
            geser = wk.maju(geser, lama)
    patuh = b <= geser or wk.kerja(geser, b) == 0
    tanpa = int(patuh_asli) if tunda else None  # kosong: langkah ini tidak pernah ditunda
    return ((total - tunda) / 60_000_000, wk.dt(geser).isoformat(timespec="seconds"), int(patuh),
            tunda / 60_000_000, tanpa)


# -- tabel keluhan: lipatan peristiwa ------------------------------------------------------

ISIAN = ("nama", "instansi", "alamat", "telepon", "email", "media", "layanan", "referensi", "uraian", "harapan",
         "kategori", "diajukan")


def lipat(k, p, kolom):
    """Baris keluhan (semua kolom kecuali id) sesudah peristiwa p."""
    r, aksi, w, oleh = p["rincian"], p["aksi"], p["waktu"], p["petugas"]
    if k.get("ditunda") and mengakhiri_tunda(k, p):
        k.update(ditunda=None, alasan_tunda=None, petugas_tunda=None)
    if aksi == "catat":
        k.update({c: None for c in kolom if c != "id"})
        k.update({c: r.get(c) for c in ISIAN})
        k.update(nomor=r["nomor"], tahun=r["tahun"], urut=r["urut"], dicatat=w, petugas_pencatat=oleh)
    elif aksi.startswith("validasi_"):
        k.update(validasi="benar" if aksi == "validasi_benar" else "tidak_benar", tim_teknis=r.get("tim_teknis"),
                 alasan_tidak_valid=r.get("alasan"), catatan_validasi=r.get("catatan"), divalidasi=w,
                 petugas_validasi=oleh)
    elif aksi == "verifikasi_terima":
        k.update(diverifikasi=w, petugas_verifikasi=oleh, catatan_verifikasi=r.get("catatan"))
    elif aksi == "informasikan":
        k.update(diinformasikan=w, petugas_informasi=oleh, media_informasi=r.get("media"),
                 catatan_informasi=r.get("catatan"))
    elif aksi == "banding":
        k.update(dibanding=w, banding_alasan=r.get("alasan"))
    elif aksi in ("putusan_diterima", "putusan_ditolak"):
        hasil = aksi.removeprefix("putusan_")
        k.update(diputus=w, putusan=hasil, putusan_alasan=r.get("alasan"), petugas_putusan=oleh)
        if hasil == "diterima":  # valid from the decision on, sent (back) to a Tim Teknis
            k.update(validasi="benar", tim_teknis=r.get("tim_teknis") or k["tim_teknis"])
    elif aksi == "kepuasan":
        k.update(kepuasan_nilai=r["nilai"], kepuasan_menerima=None if r.get("menerima") is None else int(r["menerima"]),
                 kepuasan_catatan=r.get("catatan"), dinilai=w, petugas_kepuasan=oleh)
    elif aksi == "batal":
        k.update(dibatalkan=w, petugas_batal=oleh, alasan_batal=r.get("alasan"))
    elif aksi == "tunda":
        k.update(ditunda=w, alasan_tunda=r.get("alasan"), petugas_tunda=oleh)
    elif aksi == "koreksi" and r["kolom"] != "waktu" and "putaran" not in r:
        k[r["kolom"]] = r["baru"]  # (waktu: sudah di waktu efektif; putaran: kolom tindakan)
    if p["status_ke"] is not None:  # koreksi, kabari, ...: no status change, the clock goes on
        k.update(status=p["status_ke"], waktu_status=w)
    k["diperbarui"] = p["dicatat_pada"]


def mengakhiri_tunda(k, p):
    """Peristiwa p mengakhiri penundaan yang berjalan: lanjutkan, setiap perubahan status (langkah
    berikutnya, banding, batal), atau tinjauan efektivitas bila keluhan sudah selesai (hanya
    tinjauan itu yang ditunggu)."""
    return p["aksi"] == "lanjutkan" or p["status_ke"] is not None or (
        p["aksi"] == "efektivitas" and k.get("status") == "selesai")


def periksa_lampiran(db):
    """Setiap berkas yang dirujuk peristiwa lampirkan ada dan sha256-nya sama dengan yang dirantai."""
    if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'berkas_lampiran'").fetchone():
        return
    for urutan, rincian in db.execute("SELECT urutan, rincian FROM riwayat WHERE aksi = 'lampirkan' ORDER BY urutan"):
        r = json.loads(rincian)
        b = db.execute("SELECT isi FROM berkas_lampiran WHERE sha256 = ?", (r.get("sha256"),)).fetchone()
        if b is None:
            lapor(f"lampiran peristiwa #{urutan}: berkas {r.get('nama')!r} tidak ada di berkas_lampiran")
        elif b[0] is not None and (hashlib.sha256(b[0]).hexdigest() != r.get("sha256") or len(b[0]) != r.get("ukuran")):
            lapor(f"lampiran peristiwa #{urutan}: isi berkas {r.get('nama')!r} tidak sama dengan sha256 di riwayat")


# -- keluhan berulang: kunci pelanggan dan kaitan ------------------------------------------

BUKAN_INSTANSI = {"perorangan", "perseorangan", "pribadi", "individu", "umum", "tidak ada", "tidak ada instansi"}


def kunci_pelanggan(email, telepon, instansi):
    """Kunci (jenis, nilai) pelanggan: email NFKC huruf kecil; telepon angkanya saja, 62 di depan dibaca 0,
    paling sedikit 6 angka; instansi kata-katanya saja, huruf kecil, bukan 'perorangan' dan sejenisnya."""
    hasil = set()
    e = unicodedata.normalize("NFKC", email or "").strip().casefold()
    if e:
        hasil.add(("email", e))
    t = "".join(c for c in unicodedata.normalize("NFKC", telepon or "") if c.isdigit())
    if t.startswith("62") and len(t) > 8:
        t = "0" + t[2:]
    if len(t) >= 6:
        hasil.add(("telepon", t))
    i = " ".join(re.findall(r"\w+", unicodedata.normalize("NFKC", instansi or "").casefold()))
    if i and i not in BUKAN_INSTANSI:
        hasil.add(("instansi", i))
    return hasil


def periksa_berulang(db):
    if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'kunci_pelanggan'").fetchone():
        return
    tersimpan = {}
    for jenis, kunci, dicatat, kid in db.execute("SELECT jenis, kunci, dicatat, keluhan_id FROM kunci_pelanggan"):
        tersimpan.setdefault(kid, set()).add((jenis, kunci, dicatat))
    dicatat_nomor = {}
    for kid, nomor, dicatat, email, telepon, instansi in db.execute(
            "SELECT id, nomor, dicatat, email, telepon, instansi FROM keluhan"):
        dicatat_nomor[nomor] = dicatat
        harap = {(j, x, dicatat) for j, x in kunci_pelanggan(email, telepon, instansi)}
        if tersimpan.pop(kid, set()) != harap:
            lapor(f"kunci_pelanggan keluhan {nomor}: tidak sama dengan email, telepon dan instansi di tabel keluhan")
    for kid in tersimpan:
        lapor(f"kunci_pelanggan: kunci untuk keluhan id {kid}, yang tidak ada")
    pasangan = {}
    for urutan, nomor, rincian, waktu in db.execute(
            "SELECT r.urutan, k.nomor, r.rincian, r.waktu FROM riwayat r LEFT JOIN keluhan k ON k.id = r.keluhan_id"
            " WHERE r.aksi = 'kaitkan' ORDER BY r.urutan"):
        terkait = json.loads(rincian).get("terkait")
        if terkait == nomor or terkait not in dicatat_nomor:
            lapor(f"kaitan peristiwa #{urutan}: keluhan {nomor} dikaitkan dengan {terkait!r}, yang bukan keluhan lain di arsip")
        elif datetime.fromisoformat(dicatat_nomor[terkait]) > datetime.fromisoformat(waktu):
            lapor(f"kaitan peristiwa #{urutan}: keluhan {terkait} belum dicatat saat dikaitkan")
        pasang = frozenset((nomor, terkait))
        if pasang in pasangan:
            lapor(f"kaitan peristiwa #{urutan}: keluhan {nomor} dan {terkait} sudah dikaitkan oleh #{pasangan[pasang]}")
        pasangan.setdefault(pasang, urutan)


# -- semuanya -----------------------------------------------------------------------------


def main(jalur):
    db = sqlite3.connect(f"file:{jalur}?mode=ro", uri=True)
    ujung = {tabel: periksa_rantai(db, tabel, kolom) for tabel, kolom in RANTAI.items()}
    terdaftar = set()
    for urutan, aksi, nip in db.execute("SELECT urutan, aksi, nip FROM petugas_riwayat ORDER BY urutan"):
        if (aksi == "tambah") == (nip in terdaftar):
            lapor(f"petugas_riwayat #{urutan}: {aksi} NIP {nip} " + ("yang sudah terdaftar" if aksi == "tambah"
                                                                    else "yang belum didaftarkan"))
        terdaftar.add(nip)
    nama_zona, libur = putar_kalender(db)
    berlaku = {t: n for t, n in db.execute("SELECT tanggal, nama FROM libur WHERE dihapus IS NULL")}
    for t in sorted(berlaku.keys() ^ libur.keys()):
        lapor(f"libur {t}: {'ada di tabel libur tetapi tidak di' if t in berlaku else 'hilang dari tabel libur, padahal ada di'}"
              " kalender_riwayat")
    wk = WaktuKerja(ZoneInfo(nama_zona), libur, Pengaturan(db))
    kolom = [c[1] for c in db.execute("PRAGMA table_info(keluhan)")]
    tersimpan = {r[0]: dict(zip(kolom, r)) for r in db.execute("SELECT * FROM keluhan")}
    durasi_ada = {r[0]: r[1:] for r in db.execute(
        "SELECT riwayat_urutan, langkah, mulai, akhir, menit_kerja, mutu_baku, batas, patuh, menit_tunda,"
        " patuh_tanpa_tunda FROM durasi_langkah")}
    diukur, k, kid = set(), {}, None
    # Waktu efektif (v_waktu_efektif): koreksi waktu terakhir, atau waktu tercatat; diajukan pada catat.
    peristiwa = db.execute("SELECT urutan, keluhan_id, langkah, aksi, status_ke, petugas, waktu, dicatat_pada, rincian,"
                           " diajukan FROM v_waktu_efektif ORDER BY keluhan_id, urutan")
    for baris in [*peristiwa, None]:
        if baris is None or baris[1] != kid:
            if kid is not None:
                ada = tersimpan.pop(kid, None)
                beda = [c for c in k if ada is None or ada.get(c) != k[c]]
                if beda:
                    lapor(f"keluhan {k.get('nomor')}: kolom {', '.join(beda)} tidak sama dengan lipatan riwayatnya")
            if baris is None:
                break
            kid, k, mulai, capa, jeda, tunda_sejak = baris[1], {}, None, False, [], None
        urutan, _, langkah, aksi, status_ke, petugas, waktu, dicatat_pada, rincian, diajukan = baris
        p = {"aksi": aksi, "status_ke": status_ke, "petugas": petugas, "waktu": waktu, "dicatat_pada": dicatat_pada,
             "rincian": json.loads(rincian)}
        if aksi == "catat":
            mulai = diajukan
            if mulai and len(mulai) <= 10:
                mulai = None  # tanggal saja (jamnya tidak diketahui): langkah 2 tidak diukur
        capa = capa or aksi == "tindak"
        if aksi == "batal" and capa:
            lapor(f"keluhan {k.get('nomor')}: dibatalkan (peristiwa #{urutan}) padahal tindakan koreksi dan pencegahan "
                  "sudah dicatat; SOP meminta keluhan itu diselesaikan")
        if tunda_sejak and mengakhiri_tunda(k, p):  # penundaan berakhir pada waktu peristiwa ini
            jeda.append((tunda_sejak, waktu))
            tunda_sejak = None
        if aksi == "tunda":
            tunda_sejak = waktu
        lipat(k, p, kolom)
        if langkah is None:
            continue  # koreksi, batal: bukan langkah, tidak diukur
        if (2 <= langkah <= 6 or langkah == 8) and mulai:  # 8: putusan banding, mutu baku banding.putusan
            diukur.add(urutan)
            kunci = "banding.putusan" if langkah == 8 else f"mutu_baku.langkah_{langkah}"
            mutu = wk.p.nilai(kunci, datetime.fromisoformat(mulai))
            menit, batas, patuh, menit_tunda, tanpa = durasi(wk, mulai, waktu, mutu, jeda)
            ada = durasi_ada.get(urutan)
            if ada is None:
                lapor(f"durasi_langkah: baris peristiwa #{urutan} (langkah {langkah}) tidak ada")
            else:
                harap = (langkah, mulai, waktu, menit, mutu, batas, patuh, menit_tunda, tanpa)
                nama = ("langkah", "mulai", "akhir", "menit_kerja", "mutu_baku", "batas", "patuh", "menit_tunda",
                        "patuh_tanpa_tunda")
                beda = [f"{n} tercatat {x!r}, dihitung {y!r}" for n, x, y in zip(nama, ada, harap)
                        if (abs(x - y) > 1e-6 if n in ("menit_kerja", "menit_tunda") else x != y)]
                if beda:
                    lapor(f"durasi_langkah baris peristiwa #{urutan} ({k.get('nomor')}): {'; '.join(beda)}")
        mulai = waktu
    for kid_ in tersimpan:
        lapor(f"keluhan id {kid_}: ada di tabel keluhan tanpa peristiwa di riwayat")
    periksa_lampiran(db)
    periksa_berulang(db)
    for urutan in sorted(durasi_ada.keys() - diukur):
        lapor(f"durasi_langkah: baris peristiwa #{urutan} tidak sesuai satu pun langkah terukur di riwayat")
    db.close()
    return ujung


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("Pemakaian: python3 periksa_arsip.py SALINAN.db")
    try:
        ujung = main(sys.argv[1])
    except (sqlite3.Error, KeyError, ValueError, TypeError) as e:
        print(f"Arsip tidak dapat diperiksa: {e!r}", file=sys.stderr)
        sys.exit(2)
    for t in temuan:
        print(f"TEMUAN: {t}")
    for tabel, (u, h) in ujung.items():
        print(f"Ujung {tabel}: #{u} {h}")
    print(f"{len(temuan)} temuan." if temuan else "Arsip lolos pemeriksaan.")
    sys.exit(1 if temuan else 0)
