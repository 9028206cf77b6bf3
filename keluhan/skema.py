"""The archive explained for auditors: every table, column, view and trigger, in
Indonesian and in English, and the audit queries they usually ask.

The descriptions live here; the list of objects and columns is read from a freshly
migrated archive (``skema_langsung``), so docs/arsip.md and the Datasette metadata
(``keluhan datasette``), both generated from the two, cannot drift from the schema: tests/test_skema.py fails
when a column, view or trigger has no description here, when a description names
something that no longer exists, or when a generated file is stale. Each audit query
is run by a test against the demo archive.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from keluhan.ekspor import DATA_PRIBADI
from keluhan.workflow import STATUS_AKHIR


@dataclass(frozen=True)
class Objek:
    """A table, view or trigger: what it is, in Indonesian (``id``) and English (``en``),
    and for tables and views what each column means."""

    id: str
    en: str
    kolom: dict[str, tuple[str, str]] = field(default_factory=dict)


_WAKTU = "Waktu ISO 8601 dengan offset zona arsip"
_TIME = "ISO 8601 time with the archive's zone offset"

OBJEK: dict[str, Objek] = {
    "keluhan": Objek(
        "Satu baris per keluhan: keadaannya sekarang dan isian formulir (FPKP). Baris ini adalah hasil "
        "melipat peristiwa di `riwayat`; `keluhan periksa` membuktikan keduanya sama.",
        "One row per complaint: its current state and the form fields (FPKP). The row is the fold of "
        "its events in `riwayat`; `keluhan periksa` proves the two agree.",
        {
            "id": ("ID pendek keluhan, mis. k7f3q2m (tanpa 0/1/i/l/o agar mudah dieja).",
                   "Short complaint id, e.g. k7f3q2m (no 0/1/i/l/o, easy to spell out)."),
            "nomor": ("Nomor resmi keluhan pada tanda terima, unik, mis. 001/KP/BBSPJIKFK/XI/2026.",
                      "Official number on the receipt, unique, e.g. 001/KP/BBSPJIKFK/XI/2026."),
            "tahun": ("Tahun pencatatan; nomor urut dimulai ulang setiap tahun.",
                      "Year of recording; the sequence restarts each year."),
            "urut": ("Nomor urut dalam tahun, tanpa loncatan (1, 2, 3, ...).",
                     "Sequence number within the year, without gaps (1, 2, 3, ...)."),
            "status": ("Status sekarang: dicatat, divalidasi, tidak_valid, ditindaklanjuti, diverifikasi, selesai, banding, "
                       "batal.",
                       "Current status: dicatat (recorded), divalidasi (validated), tidak_valid (invalid), "
                       "ditindaklanjuti (acted on), diverifikasi (verified), selesai (closed), banding (appealed), "
                       "batal (voided: recorded by mistake; the number stays used)."),
            "nama": ("Nama pelanggan (data pribadi).", "Customer's name (personal data)."),
            "instansi": ("Instansi/perusahaan pelanggan.", "Customer's organisation or company."),
            "alamat": ("Alamat pelanggan (data pribadi).", "Customer's address (personal data)."),
            "telepon": ("Telepon pelanggan (data pribadi).", "Customer's phone (personal data)."),
            "email": ("Email pelanggan (data pribadi).", "Customer's email (personal data)."),
            "media": ("Media keluhan masuk: kotak, surat, telepon, fax, email, siptenan, website.",
                      "Channel the complaint came through: kotak (box), surat (letter), telepon, fax, email, "
                      "siptenan (ministry portal), website."),
            "layanan": ("Layanan yang dikeluhkan: pengujian, kalibrasi, sertifikasi, inspeksi, lainnya.",
                        "Service complained about: testing, calibration, certification, inspection, other."),
            "referensi": ("No. LHU atau sertifikat yang dikeluhkan.", "Number of the test report (LHU) or certificate concerned."),
            "uraian": ("Uraian keluhan, sebagaimana ditulis pelanggan.", "The complaint, as the customer wrote it."),
            "harapan": ("Penyelesaian yang diharapkan pelanggan.", "The remedy the customer asks for."),
            "kategori": ("Kategori keluhan (bebas).", "Free category."),
            "diajukan": (f"Langkah 1: waktu pelanggan mengajukan keluhan. {_WAKTU}; atau tanggal saja (YYYY-MM-DD) "
                         "bila jamnya tidak diketahui (tanggal surat): langkah 2 lalu tidak diukur, bukan tidak patuh.",
                         f"Step 1: when the customer submitted the complaint. {_TIME}; or a date alone (YYYY-MM-DD) "
                         "when its hour is unknown (a letter's date): step 2 is then not measured, never failed."),
            "dicatat": (f"Langkah 2: waktu keluhan diterima dan dicatat. {_WAKTU}.",
                        f"Step 2: when the complaint was received and recorded. {_TIME}."),
            "petugas_pencatat": ("Petugas yang mencatat (langkah 2).", "Officer who recorded it (step 2)."),
            "validasi": ("Hasil langkah 3: benar atau tidak_benar.", "Outcome of step 3: benar (true) or tidak_benar (not true)."),
            "tim_teknis": ("Tim Teknis tujuan penerusan (langkah 3).", "Technical team the complaint was forwarded to (step 3)."),
            "alasan_tidak_valid": ("Alasan keluhan dinyatakan tidak benar.", "Why the complaint was found not true."),
            "catatan_validasi": ("Catatan validasi.", "Validation note."),
            "divalidasi": (f"Langkah 3: waktu validasi. {_WAKTU}.", f"Step 3: when it was validated. {_TIME}."),
            "petugas_validasi": ("Petugas validasi.", "Officer who validated."),
            "diverifikasi": (f"Langkah 5: waktu hasil diverifikasi dan diterima. {_WAKTU}.",
                             f"Step 5: when the result was verified and accepted. {_TIME}."),
            "petugas_verifikasi": ("Petugas verifikasi (bukan pencatat tindakan; ISO/IEC 17025 7.9.6).",
                                   "Verifying officer (not who recorded the action; ISO/IEC 17025 7.9.6)."),
            "catatan_verifikasi": ("Catatan verifikasi (mis. efektivitas).", "Verification note (e.g. effectiveness)."),
            "diinformasikan": (f"Langkah 6: waktu hasil diinformasikan kepada pelanggan. {_WAKTU}.",
                               f"Step 6: when the customer was informed of the outcome. {_TIME}."),
            "petugas_informasi": ("Petugas yang menginformasikan.", "Officer who informed the customer."),
            "media_informasi": ("Media penyampaian hasil.", "Channel used to inform the customer."),
            "catatan_informasi": ("Catatan penyampaian hasil.", "Note on informing the customer."),
            "dibanding": (f"Waktu banding diterima. {_WAKTU}.", f"When the appeal was received. {_TIME}."),
            "banding_alasan": ("Alasan banding pelanggan.", "The customer's grounds for appeal."),
            "waktu_status": ("Waktu langkah terakhir: jam langkah berikutnya mulai berjalan di sini.",
                             "Time of the last step: the next step's clock starts here."),
            "diperbarui": ("Waktu sistem perubahan terakhir baris ini.", "System time of this row's last change."),
            "diputus": (f"Waktu banding diputus (keluhan putusan). {_WAKTU}.",
                        f"When the appeal was decided (keluhan putusan). {_TIME}."),
            "putusan": ("Putusan banding: 'diterima' (putaran tindakan baru) atau 'ditolak' (selesai).",
                        "The appeal's decision: 'diterima' (accepted: a new CAPA round) or 'ditolak' (rejected: closed)."),
            "putusan_alasan": ("Dasar putusan banding.", "Grounds of the appeal decision."),
            "petugas_putusan": ("Petugas yang memutus banding (tidak terlibat dalam penanganan keluhan ini).",
                                "Officer who decided the appeal (not involved in handling this complaint)."),
            "kepuasan_nilai": ("Kepuasan pelanggan atas penanganan, jawaban terakhir (PermenPANRB 14/2017): 1 tidak baik, "
                               "2 kurang baik, 3 baik, 4 sangat baik. Dikoreksi dengan keluhan koreksi.",
                               "The customer's satisfaction with the handling, latest answer (PermenPANRB 14/2017): "
                               "1 poor ... 4 very good. Corrected with keluhan koreksi."),
            "kepuasan_menerima": ("Pelanggan menerima hasil penyelesaian: 1 ya, 0 tidak, kosong = tidak dinyatakan.",
                                  "Whether the customer accepts the result: 1 yes, 0 no, empty = not said."),
            "kepuasan_catatan": ("Catatan pelanggan pada jawaban kepuasan.", "The customer's note with the answer."),
            "dinilai": (f"Waktu pelanggan menjawab (jawaban terakhir; rekap menghitungnya pada periode ini). {_WAKTU}.",
                        f"When the customer answered (the latest answer; the recap counts it in this period). {_TIME}."),
            "petugas_kepuasan": ("Petugas yang mencatat jawaban kepuasan.", "Officer who recorded the answer."),
            "dibatalkan": (f"Waktu keluhan dibatalkan (keluhan batal; salah catat, mis. ganda). {_WAKTU}.",
                           f"When the complaint was voided (keluhan batal: recorded by mistake, e.g. twice). {_TIME}."),
            "petugas_batal": ("Petugas yang membatalkan.", "Officer who voided it."),
            "alasan_batal": ("Alasan pembatalan.", "Why it was voided."),
            "ditunda": (f"Awal penundaan yang sedang berjalan (keluhan tunda); kosong = jam berjalan. {_WAKTU}. "
                        "Semua penundaan: v_tunda.",
                        f"Start of the running pause (keluhan tunda); empty = the clock runs. {_TIME}. "
                        "Every pause: v_tunda."),
            "alasan_tunda": ("Alasan penundaan yang sedang berjalan (yang ditunggu dari pelanggan atau pihak ketiga).",
                             "Why the clock is paused now (what is awaited from the customer or a third party)."),
            "petugas_tunda": ("Petugas yang mencatat penundaan yang sedang berjalan.", "Officer who recorded the running pause."),
        },
    ),
    "riwayat": Objek(
        "Buku peristiwa yang hanya boleh ditambah: satu baris per langkah atau koreksi. Setiap baris "
        "memuat hash baris sebelumnya (rantai sha256), sehingga perubahan atau penghapusan terlihat. "
        "Basis data menolak UPDATE dan DELETE pada tabel ini.",
        "Append-only event log: one row per step or correction. Each row carries the previous row's "
        "hash (a sha256 chain), so any edit or deletion shows. The database refuses UPDATE and DELETE here.",
        {
            "urutan": ("Nomor urut peristiwa dalam seluruh arsip.", "Order of the event in the whole archive."),
            "keluhan_id": ("Keluhan yang bersangkutan (keluhan.id).", "The complaint (keluhan.id)."),
            "langkah": ("Langkah SOP 2-6; 7 = banding; kosong = koreksi atau batal.",
                        "SOP step 2-6; 7 = appeal; empty = correction or void."),
            "aksi": ("Peristiwa: catat, validasi_benar, validasi_tidak_benar, tindak, verifikasi_terima, "
                     "verifikasi_kembalikan, informasikan, banding, batal, koreksi.",
                     "Event: catat (record), validasi_benar/_tidak_benar (validated true/not true), tindak "
                     "(action), verifikasi_terima/_kembalikan (verified/returned for rework), informasikan "
                     "(customer informed), banding (appeal), batal (voided), koreksi (correction)."),
            "status_dari": ("Status sebelum peristiwa (kosong untuk catat dan koreksi).",
                            "Status before the event (empty for catat and corrections)."),
            "status_ke": ("Status sesudah peristiwa (kosong untuk koreksi).", "Status after the event (empty for corrections)."),
            "petugas": ("Petugas yang melakukan langkah.", "Officer who performed the step."),
            "waktu": (f"Waktu langkah sungguh terjadi (--waktu). {_WAKTU}.",
                      f"When the step really happened (--waktu). {_TIME}."),
            "dicatat_pada": ("Waktu sistem saat peristiwa ditulis; selisih besar dengan `waktu` = dicatat belakangan "
                             "(juga untuk riwayat yang diimpor).",
                             "System time the event was written; far after `waktu` = recorded after the fact "
                             "(also for imported histories)."),
            "rincian": ("JSON isian langkah: catat = isian FPKP dan nomor; validasi = tim_teknis/alasan/catatan; "
                        "tindak = isian FTKP; verifikasi = alasan/catatan; informasikan = media/catatan; "
                        "banding = alasan; batal = alasan; koreksi = kolom, lama, baru, alasan. `impor` = berkas dan baris asal.",
                        "JSON of the step's fields: catat = form fields and number; validasi = "
                        "tim_teknis/alasan/catatan; tindak = CAPA fields; verifikasi = alasan/catatan; informasikan "
                        "= media/catatan; banding = alasan; batal = alasan; koreksi = kolom (field), lama (old), baru (new), alasan "
                        "(reason). `impor` = source file and row of an imported history."),
            "hash_sebelum": ("Hash peristiwa sebelumnya dalam arsip (64 angka nol untuk yang pertama).",
                             "Hash of the previous event in the archive (64 zeros for the first)."),
            "hash": ("sha256 isi peristiwa ini dan hash_sebelum (cara menghitung ulang: docs/jaminan.md).",
                     "sha256 of this event's content and hash_sebelum (how to recompute: docs/jaminan.md)."),
        },
    ),
    "tindakan": Objek(
        "Tindakan koreksi dan pencegahan (FTKP): satu baris per putaran langkah 4. Keluhan yang dikembalikan "
        "untuk diperbaiki mendapat putaran baru; putaran lama tetap ada.",
        "Corrective and preventive actions (CAPA form FTKP): one row per round of step 4. A complaint "
        "returned for rework gets a new round; earlier rounds stay.",
        {
            "id": ("Nomor baris.", "Row id."),
            "keluhan_id": ("Keluhan yang bersangkutan (keluhan.id).", "The complaint (keluhan.id)."),
            "putaran": ("Putaran: 1, lalu 2 sesudah dikembalikan, dst.", "Round: 1, then 2 after a return for rework, ..."),
            "riwayat_urutan": ("Peristiwa `tindak` yang mencatat putaran ini (riwayat.urutan).",
                               "The `tindak` event that recorded this round (riwayat.urutan)."),
            "akar_masalah": ("Analisis akar masalah.", "Root cause analysis."),
            "koreksi": ("Tindakan koreksi (memperbaiki kasus ini).", "Correction (fixes this case)."),
            "korektif": ("Tindakan korektif (menghilangkan penyebab).", "Corrective action (removes the cause)."),
            "pencegahan": ("Tindakan pencegahan.", "Preventive action."),
            "penanggung_jawab": ("Penanggung jawab tindakan.", "Person responsible for the action."),
            "target": ("Tanggal target selesai (YYYY-MM-DD).", "Target date (YYYY-MM-DD)."),
            "petugas": ("Petugas Tim Teknis yang mencatat tindakan.", "Technical-team officer who recorded the action."),
            "waktu": (f"Waktu tindakan dicatat (langkah 4). {_WAKTU}.", f"When the action was recorded (step 4). {_TIME}."),
            "verifikasi": ("Hasil verifikasi putaran ini: terima atau kembalikan.", "Verification of this round: terima (accepted) or kembalikan (returned)."),
            "verifikasi_alasan": ("Alasan pengembalian.", "Why it was returned."),
            "verifikasi_catatan": ("Catatan verifikasi.", "Verification note."),
            "diverifikasi_oleh": ("Petugas verifikasi putaran ini.", "Officer who verified this round."),
            "diverifikasi_pada": (f"Waktu verifikasi putaran ini. {_WAKTU}.", f"When this round was verified. {_TIME}."),
            "efektivitas": ("Hasil tinjauan efektivitas terakhir putaran ini (ISO/IEC 17025 8.7.1 e): efektif atau "
                            "tidak_efektif; kosong = belum ditinjau. Tinjauan jatuh tempo efektivitas.setelah hari kerja "
                            "sesudah verifikasi diterima (v_efektivitas).",
                            "Latest effectiveness review of this round (ISO/IEC 17025 8.7.1 e): efektif or tidak_efektif; "
                            "empty = not reviewed yet. Due efektivitas.setelah working days after the accepted "
                            "verification (v_efektivitas)."),
            "efektivitas_tindak_lanjut": ("Tindakan lanjutan yang dicatat bersama hasil tidak_efektif (putaran yang sama).",
                                          "The follow-up action recorded with a tidak_efektif result (same round)."),
            "efektivitas_catatan": ("Catatan tinjauan efektivitas terakhir.", "Note of the latest review."),
            "efektivitas_oleh": ("Peninjau terakhir: bukan pencatat tindakan dan bukan penanggung jawabnya.",
                                 "Latest reviewer: neither who recorded the action nor its penanggung jawab."),
            "efektivitas_pada": (f"Waktu tinjauan efektivitas terakhir. {_WAKTU}.", f"When it was last reviewed. {_TIME}."),
            "kode_akar": ("Kode akar masalah putaran ini (tindak --kode-akar), dari daftar akar_masalah.kode yang berlaku "
                          "saat tindakan dicatat (bawaan 6M: manusia, metode, peralatan, bahan, pengukuran, lingkungan; "
                          "dan lainnya); kosong = tidak dikodekan. Analisis bebasnya di akar_masalah.",
                          "This round's coded root cause (tindak --kode-akar), from the list akar_masalah.kode in force "
                          "when the action was recorded (default the 6M: manusia, metode, peralatan, bahan, pengukuran, "
                          "lingkungan; and lainnya); empty = not coded. The free-text analysis is in akar_masalah."),
        },
    ),
    "v_akar_masalah": Objek(
        "Akar masalah setiap keluhan yang punya tindakan, menurut putaran tindakan terakhirnya (analisis yang berlaku); "
        "keluhan yang dibatalkan tidak ada. Dasar Pareto akar masalah di rekap (ISO/IEC 17025 8.7.1 b).",
        "Each complaint's root cause, as its latest CAPA round states it (the analysis that stands); voided "
        "complaints are left out. The basis of the recap's root-cause Pareto (ISO/IEC 17025 8.7.1 b).",
        {
            "nomor": ("Nomor resmi keluhan.", "Official number."),
            "keluhan_id": ("ID pendek keluhan.", "Short complaint id."),
            "bulan": ("Bulan pencatatan keluhan (YYYY-MM, waktu setempat).", "Month the complaint was recorded (YYYY-MM, local)."),
            "layanan": ("Layanan yang dikeluhkan.", "The service complained about."),
            "kategori": ("Kategori keluhan.", "Complaint category."),
            "status": ("Status sekarang.", "Current status."),
            "putaran": ("Putaran tindakan terakhir.", "The latest CAPA round."),
            "kode_akar": ("Kode akar masalah putaran itu; kosong = tidak dikodekan.", "That round's root-cause code; empty = not coded."),
            "akar_masalah": ("Analisis akar masalah (teks bebas).", "Root cause analysis (free text)."),
            "waktu": (f"Waktu tindakan putaran itu dicatat. {_WAKTU}.", f"When that round was recorded. {_TIME}."),
        },
    ),
    "durasi_langkah": Objek(
        "Durasi setiap langkah dalam waktu kerja: satu baris per peristiwa langkah 2-6 dan 8 (putusan banding, mutu "
        "baku banding.putusan, diukur dari banding) yang titik mulainya "
        "diketahui, dibandingkan dengan mutu baku yang berlaku saat ditulis. Langkah 2 diukur dari "
        "keluhan.diajukan (bila diajukan hanya tanggal, tanpa jam, langkah 2 tidak diukur: tidak ada baris); langkah lain "
        "dari peristiwa langkah sebelumnya. Dihitung ulang bila kalender berubah. Sejak m032_durasi sebuah view dengan kolom "
        "dan baris yang sama seperti tabel sebelumnya: isinya disimpan di durasi_peristiwa; keluhan_id, langkah dan "
        "akhir diambil dari peristiwanya di riwayat (akhir: waktu efektifnya, v_waktu_efektif). Perubahan lewat view ini "
        "diteruskan ke durasi_peristiwa dan dijaga trigger-nya; keluhan_id, langkah dan akhir tidak dapat diubah.",
        "Each step's duration in working time: one row per step event (steps 2-6, and 8: the appeal decision, "
        "standard banding.putusan, measured from the appeal) whose start is known, "
        "against the mutu baku in force when written. Step 2 runs from keluhan.diajukan (a diajukan that is a "
        "date alone, its hour unknown, measures no step 2: no row); every other step "
        "from the previous step event. Recomputed when the calendar changes. Since m032_durasi a view with the old table's "
        "columns and rows: its content is stored in durasi_peristiwa; keluhan_id, langkah and akhir come from the "
        "event in riwayat (akhir: its effective time, v_waktu_efektif). Writes through this view go to "
        "durasi_peristiwa under its triggers; keluhan_id, langkah and akhir cannot be changed.",
        {
            "riwayat_urutan": ("Peristiwa yang diukur (riwayat.urutan).", "The measured event (riwayat.urutan)."),
            "keluhan_id": ("Keluhan yang bersangkutan (keluhan.id).", "The complaint (keluhan.id)."),
            "langkah": ("Langkah SOP 2-6, atau 8 (putusan banding).", "SOP step 2-6, or 8 (the appeal decision)."),
            "mulai": ("Awal langkah: waktu langkah sebelumnya (langkah 2: diajukan).",
                      "Start: the previous step's time (step 2: diajukan)."),
            "akhir": ("Akhir langkah: waktu efektif peristiwa ini (v_waktu_efektif.waktu: riwayat.waktu, atau koreksi "
                      "waktunya yang terakhir).",
                      "End: this event's effective time (v_waktu_efektif.waktu: riwayat.waktu, or its latest time "
                      "correction)."),
            "menit_kerja": ("Lama langkah dalam menit kerja (jam kerja, di luar hari libur).",
                            "Duration in working minutes (office hours, holidays excluded)."),
            "mutu_baku": ("Mutu baku yang berlaku, mis. '15 menit', '3 hari'.", "The time standard applied, e.g. '15 menit', '3 hari'."),
            "batas": ("Tenggat: mulai + mutu baku dalam waktu kerja.", "Deadline: start + standard in working time."),
            "patuh": ("1 = selesai dalam mutu baku, 0 = terlambat.", "1 = within the standard, 0 = late."),
            "dihitung": ("Waktu sistem perhitungan (ulang) terakhir (durasi_peristiwa.dihitung, atau riwayat.dicatat_pada "
                         "bila dihitung saat peristiwanya ditulis).",
                         "System time of the last (re)computation (durasi_peristiwa.dihitung, or riwayat.dicatat_pada "
                         "when computed as its event was written)."),
            "menit_tunda": ("Menit kerja selama langkah ini ditunda (keluhan tunda; v_tunda): tidak termasuk menit_kerja. "
                            "Penundaan yang dimulai sebelum tenggat menggeser batas sebanyak itu; yang dimulai sesudahnya "
                            "tidak.",
                            "Working minutes the step was paused (keluhan tunda; v_tunda): left out of menit_kerja. A pause "
                            "begun before the deadline moves batas on by as much; one begun after it does not."),
            "patuh_tanpa_tunda": ("Kepatuhan bila penundaan tidak dihitung (1/0); kosong = langkah tidak pernah ditunda. "
                                  "patuh = 1 dan patuh_tanpa_tunda = 0: memenuhi mutu baku hanya karena penundaan.",
                                  "Compliance had the pauses counted (1/0); empty = the step was never paused. patuh = 1 "
                                  "and patuh_tanpa_tunda = 0: met the standard only because of a pause."),
        },
    ),
    "durasi_peristiwa": Objek(
        "Isi tersimpan durasi_langkah (m032_durasi): satu baris per peristiwa langkah yang diukur, dengan kunci peristiwanya, "
        "tanpa kolom yang sudah ada di peristiwa itu (keluhan_id, langkah, akhir). Baca lewat view durasi_langkah.",
        "durasi_langkah's stored part (m032_durasi): one row per measured step event, keyed by the event, without the "
        "columns the event holds (keluhan_id, langkah, akhir). Read it through the view durasi_langkah.",
        {
            "riwayat_urutan": ("Peristiwa yang diukur (riwayat.urutan).", "The measured event (riwayat.urutan)."),
            "mulai": ("Awal langkah: waktu efektif langkah sebelumnya (langkah 2: diajukan).",
                      "Start: the previous step's effective time (step 2: diajukan)."),
            "menit_kerja": ("Lama langkah dalam menit kerja, di luar waktu tunda.", "Duration in working minutes, paused time left out."),
            "mutu_baku": ("Mutu baku yang berlaku, mis. '15 menit', '3 hari'.", "The time standard applied, e.g. '15 menit', '3 hari'."),
            "batas": ("Tenggat: mulai + mutu baku dalam waktu kerja (digeser penundaan).",
                      "Deadline: start + standard in working time (moved by pauses)."),
            "patuh": ("1 = selesai dalam mutu baku, 0 = terlambat.", "1 = within the standard, 0 = late."),
            "dihitung": ("Waktu sistem perhitungan ulang terakhir; kosong = dihitung saat peristiwanya ditulis "
                         "(riwayat.dicatat_pada, yang ditampilkan durasi_langkah).",
                         "System time of the last recomputation; empty = computed as its event was written "
                         "(riwayat.dicatat_pada, which durasi_langkah shows)."),
            "menit_tunda": ("Menit kerja selama langkah ini ditunda (durasi_langkah.menit_tunda).",
                            "Working minutes the step was paused (durasi_langkah.menit_tunda)."),
            "patuh_tanpa_tunda": ("Kepatuhan bila penundaan tidak dihitung (1/0); kosong = tidak pernah ditunda.",
                                  "Compliance had the pauses counted (1/0); empty = never paused."),
        },
    ),
    "tenggat": Objek(
        "Langkah yang sedang ditunggu setiap keluhan yang belum selesai, dengan tenggatnya; diperbarui setiap "
        "kali keluhan berubah. Tidak ada baris untuk keluhan yang selesai; keluhan yang dibanding menunggu "
        "putusannya (langkah 8).",
        "The step each unfinished complaint waits for, and its deadline; kept by every write. No row once "
        "the complaint is selesai; an appealed one waits for its decision (step 8).",
        {
            "keluhan_id": ("Keluhan yang bersangkutan (keluhan.id).", "The complaint (keluhan.id)."),
            "langkah": ("Langkah SOP yang ditunggu (3-6), atau 8 = putusan banding.",
                        "The SOP step awaited (3-6), or 8 = the appeal's decision."),
            "mulai": ("Jam langkah ini mulai berjalan: waktu langkah terakhir.", "Its clock starts here: the last step's time."),
            "mutu_baku": ("Mutu baku langkah yang ditunggu.", "The standard of the awaited step."),
            "batas": (f"Tenggat, waktu setempat. {_WAKTU}.", f"Deadline, local time. {_TIME}."),
            "batas_utc": ("Tenggat yang sama dalam UTC, 'YYYY-MM-DD HH:MM:SS' tanpa penanda zona (seperti datetime('now') "
                          "SQLite, agar dapat dibandingkan dengannya); v_tenggat menampilkannya dengan 'Z'.",
                          "The same deadline in UTC, 'YYYY-MM-DD HH:MM:SS' without a zone marker (as SQLite's "
                          "datetime('now'), to compare with it); v_tenggat shows it with 'Z'."),
            "lewat_setelah_utc": ("Terlambat bila jam melewati ini (UTC, bentuk yang sama, tanpa penanda zona): tenggatnya, "
                                  "atau jam buka berikutnya bila tenggat jatuh saat tutup atau di luar jam kerja; "
                                  "v_tenggat menampilkannya dalam waktu setempat dan dalam UTC dengan 'Z'.",
                                  "Late once the clock passes this (UTC, same form, no zone marker): the deadline, or "
                                  "the next opening when the deadline falls at closing time or outside office hours; "
                                  "v_tenggat shows it in local time and in UTC with 'Z'."),
            "dihitung": ("Waktu sistem perhitungan terakhir.", "System time of the last computation."),
            "menit_tunda": ("Menit kerja penundaan yang sudah berakhir sejak mulai, yang menggeser batas (v_tunda). "
                            "Penundaan yang sedang berjalan (keluhan.ditunda) menggeser batas saat berakhir.",
                            "Working minutes of the pauses ended since mulai that moved batas (v_tunda). A running "
                            "pause (keluhan.ditunda) moves it when it ends."),
        },
    ),
    "jam_kerja": Objek(
        "Jam kerja per hari. Diisi sekali dari keluhan.toml [jam_kerja] saat arsip dibuat; sesudah itu arsip "
        "inilah yang berlaku.",
        "Office hours per weekday. Seeded once from keluhan.toml [jam_kerja] when the archive is created; "
        "from then on the archive is the truth.",
        {
            "hari": ("0 = Senin ... 6 = Minggu.", "0 = Monday ... 6 = Sunday."),
            "nama_hari": ("Nama hari.", "Weekday name (Indonesian)."),
            "mulai": ("Jam buka 'JJ:MM'; kosong = bukan hari kerja.", "Opening 'HH:MM'; empty = not a working day."),
            "selesai": ("Jam tutup 'JJ:MM' ('24:00' = tengah malam).", "Closing 'HH:MM' ('24:00' = midnight)."),
            "ditetapkan": ("Waktu sistem saat ditetapkan.", "System time when set."),
        },
    ),
    "libur": Objek(
        "Hari libur nasional dan cuti bersama: satu baris per libur yang pernah berlaku, dari paket holidays "
        "atau ditambahkan petugas. Baris tidak pernah dihapus: libur yang dibatalkan diberi tanda dihapus, "
        "oleh siapa, dan alasannya.",
        "Public holidays and cuti bersama: one row per holiday ever in force, from the holidays package or "
        "added by an officer. Rows are never deleted: a cancelled holiday is marked removed, by whom, and why.",
        {
            "id": ("Nomor baris.", "Row id."),
            "tanggal": ("Tanggal libur, YYYY-MM-DD.", "Date, YYYY-MM-DD."),
            "nama": ("Nama hari libur.", "Holiday name."),
            "sumber": ("holidays (paket, sesuai SKB) atau manual (ditambahkan petugas).",
                       "holidays (the package, per the decree) or manual (added by an officer)."),
            "ditambahkan": ("Waktu sistem baris ditambahkan.", "System time the row was added."),
            "ditambahkan_oleh": ("Petugas yang menambahkan (kosong bila dari paket).", "Officer who added it (empty when from the package)."),
            "alasan_tambah": ("Alasan penambahan, mis. nomor keputusan.", "Why it was added, e.g. the decree number."),
            "dihapus": ("Waktu sistem libur dibatalkan; kosong = berlaku.", "System time it was removed; empty = in force."),
            "dihapus_oleh": ("Petugas yang membatalkan.", "Officer who removed it."),
            "alasan_hapus": ("Alasan pembatalan.", "Why it was removed."),
        },
    ),
    "libur_tahun": Objek(
        "Tahun-tahun yang hari liburnya sudah diisi dari paket holidays (dan versinya), agar setiap tahun diisi "
        "sekali dan libur yang dibatalkan tidak muncul kembali.",
        "Years whose holidays were seeded from the holidays package (and which version), so a year is "
        "seeded once and a removed holiday does not come back.",
        {
            "tahun": ("Tahun.", "Year."),
            "sumber": ("Sumber dan versi, mis. 'holidays 0.109'.", "Source and version, e.g. 'holidays 0.109'."),
            "diisi": ("Waktu sistem pengisian.", "System time it was seeded."),
        },
    ),
    "pengaturan_arsip": Objek(
        "Pengaturan milik arsip sendiri, bukan milik keluhan.toml: ditulis sekali (saat arsip pertama kali dibuka "
        "program yang mengenal tabel ini) dan tidak pernah diubah. 'zona' = zona waktu IANA semua waktu tersimpan; "
        "bila keluhan.toml menyebut zona lain, zona arsip inilah yang dipakai.",
        "Settings of the archive itself, not of keluhan.toml: written once (the first time a program that knows this "
        "table opens the archive), never changed. 'zona' = the IANA time zone of every stored time; when keluhan.toml "
        "names another, this one is used.",
        {
            "kunci": ("Nama pengaturan, mis. 'zona'.", "Setting name, e.g. 'zona'."),
            "nilai": ("Nilainya, mis. 'Asia/Jakarta'.", "Its value, e.g. 'Asia/Jakarta'."),
            "ditetapkan": ("Waktu sistem saat ditetapkan.", "System time when set."),
        },
    ),
    "kalender_riwayat": Objek(
        "Buku perubahan kalender kerja yang hanya boleh ditambah: setiap perubahan jam_kerja, libur, libur_tahun, dan "
        "pengaturan_arsip, ditulis dalam transaksi yang sama dengan perubahannya dan dirantai hash seperti riwayat. "
        "Memutar ulang buku ini menghasilkan tepat keempat tabel itu; `keluhan periksa` membandingkannya.",
        "Append-only log of the working calendar: every change to jam_kerja, libur, libur_tahun and pengaturan_arsip, "
        "written in the change's transaction and hash-chained like riwayat. Replaying it gives exactly those four "
        "tables; `keluhan periksa` compares them.",
        {
            "urutan": ("Nomor urut entri (1, 2, 3, ... tanpa lompatan).", "Entry order (1, 2, 3, ... without gaps)."),
            "aksi": ("awal (isi kalender saat buku ini dimulai), pengaturan, jam_kerja, isi_tahun (libur satu tahun "
                     "dari paket holidays), tambah_libur, hapus_libur.",
                     "awal (the calendar as it was when this log began), pengaturan (setting), jam_kerja (office "
                     "hours), isi_tahun (a year's holidays from the package), tambah_libur (holiday added), "
                     "hapus_libur (holiday removed)."),
            "tanggal": ("Tanggal libur (tambah_libur, hapus_libur).", "The holiday's date (tambah_libur, hapus_libur)."),
            "petugas": ("Petugas yang mengubah; kosong bila diisi program.", "Officer who made the change; empty when seeded by the program."),
            "dicatat_pada": ("Waktu sistem perubahan; baris yang berubah memuat waktu yang sama (ditambahkan, dihapus, "
                             "diisi, ditetapkan).",
                             "System time of the change; the changed rows carry the same time (ditambahkan, dihapus, "
                             "diisi, ditetapkan)."),
            "rincian": ("JSON isi perubahan: nama dan alasan libur, daftar libur satu tahun, jam kerja, dst. "
                        "(docs/jaminan.md).",
                        "JSON of the change: a holiday's name and reason, a year's holidays, office hours, ... "
                        "(docs/jaminan.md)."),
            "hash_sebelum": ("Hash entri sebelumnya (64 angka nol untuk yang pertama).",
                             "Hash of the previous entry (64 zeros for the first)."),
            "hash": ("sha256 entri ini dan hash_sebelum (cara menghitung ulang: docs/jaminan.md).",
                     "sha256 of this entry and hash_sebelum (how to recompute: docs/jaminan.md)."),
        },
    ),
    "pengaturan_riwayat": Objek(
        "Buku pengaturan yang menentukan angka, hanya boleh ditambah, dirantai hash, bertanggal berlaku: mutu baku tiap "
        "langkah, jam kerja tiap hari, batas banding, jangka tinjauan efektivitas, daftar kode akar masalah dan "
        "kategori. Satu entri per nilai yang pernah ditetapkan. Nilai yang berlaku untuk satu kunci pada satu saat: "
        "entri kunci itu dengan berlaku_sejak kosong atau tidak sesudah saat itu, yang berlaku_sejak-nya paling akhir, "
        "lalu urutan paling akhir. Mutu baku suatu langkah: yang berlaku saat jamnya mulai (langkah sebelumnya); jam "
        "kerja suatu hari: yang berlaku pukul 00:00 hari itu. Diubah dengan `keluhan pengaturan ubah`; keluhan.toml "
        "hanya mengisi kunci yang belum ada di arsip.",
        "Append-only, hash-chained, effective-dated ledger of the settings that decide figures: each step's standard, "
        "each weekday's office hours, the appeal window, the effectiveness review interval, the root-cause codes and "
        "categories. One entry per value ever set. The value in force for a key at an instant: of that key's entries "
        "with berlaku_sejak empty or not after the instant, the one with the latest berlaku_sejak, then the latest "
        "urutan. A step's standard is the one in force when its clock started (the previous step); a day's office "
        "hours those in force at its midnight. Changed with `keluhan pengaturan ubah`; keluhan.toml only seeds keys "
        "the archive does not hold.",
        {
            "urutan": ("Nomor urut entri (1, 2, 3, ... tanpa lompatan).", "Entry order (1, 2, 3, ... without gaps)."),
            "kunci": ("Nama pengaturan seperti di keluhan.toml: mutu_baku.langkah_4, jam_kerja.jumat, banding.batas, "
                      "efektivitas.setelah, akar_masalah.kode, kategori.daftar.",
                      "The setting's keluhan.toml name: mutu_baku.langkah_4, jam_kerja.jumat, banding.batas, "
                      "efektivitas.setelah, akar_masalah.kode, kategori.daftar."),
            "nilai": ("Nilai sebagai JSON: \"3 hari\", \"07:30-16:30\", \"\" (bukan hari kerja), 20, [\"manusia\", ...].",
                      "The value as JSON: \"3 hari\", \"07:30-16:30\", \"\" (not a working day), 20, [\"manusia\", ...]."),
            "nilai_lama": ("Nilai (JSON) yang berlaku pada berlaku_sejak sebelum entri ini; kosong untuk isian awal.",
                           "The value (JSON) in force at berlaku_sejak before this entry; empty for a seed."),
            "berlaku_sejak": ("Saat mulai berlaku (ISO 8601 dengan offset); kosong = sejak awal (isian awal).",
                              "When it comes into force (ISO 8601 with offset); empty = from the start (a seed)."),
            "petugas": ("Petugas yang mengubah; kosong bila diisi program.", "Officer who made the change; empty when seeded by the program."),
            "alasan": ("Dasar perubahan (mis. nomor SK); untuk isian awal: asal nilainya.",
                       "Why (e.g. a decree's number); for a seed: where its value came from."),
            "dicatat_pada": ("Waktu sistem saat entri ditulis.", "System time the entry was written."),
            "hash_sebelum": ("Hash entri sebelumnya (64 angka nol untuk yang pertama).",
                             "Hash of the previous entry (64 zeros for the first)."),
            "hash": ("sha256 entri ini dan hash_sebelum (cara menghitung ulang: docs/jaminan.md).",
                     "sha256 of this entry and hash_sebelum (how to recompute: docs/jaminan.md)."),
        },
    ),
    "keluhan_cari": Objek(
        "Indeks teks lengkap (SQLite FTS5) untuk `keluhan cari`: salinan teks yang dicari dari `keluhan`, "
        "dinormalkan (NFKC; telepon juga sebagai angka saja), diperbarui dalam transaksi yang sama. "
        "rowid = `riwayat.urutan` peristiwa catat keluhan itu. Berisi data pribadi. Tabel bayangan "
        "FTS5-nya (`keluhan_cari_data`, `_idx`, `_content`, `_docsize`, `_config`) dikelola SQLite.",
        "Full-text index (SQLite FTS5) for `keluhan cari`: a copy of the searched text of `keluhan`, "
        "normalised (NFKC; phone also as digits only), updated in the same transaction. rowid = the "
        "`riwayat.urutan` of the complaint's catat event. Holds personal data. Its FTS5 shadow tables "
        "(`keluhan_cari_data`, `_idx`, `_content`, `_docsize`, `_config`) are SQLite's own.",
        {
            "nomor": ("Nomor resmi.", "Official number."),
            "nama": ("Nama pelanggan (data pribadi).", "Customer's name (personal data)."),
            "instansi": ("Instansi pelanggan.", "Customer's organisation."),
            "email": ("Email pelanggan (data pribadi).", "Customer's email (personal data)."),
            "telepon": ("Telepon pelanggan, lalu angkanya saja (data pribadi).",
                        "Customer's phone, then its digits only (personal data)."),
            "uraian": ("Uraian keluhan.", "Description of the complaint."),
            "referensi": ("No. LHU/sertifikat yang dikeluhkan.", "Report/certificate number complained about."),
            "catatan": ("Catatan validasi/verifikasi/informasi, alasan tidak valid dan alasan banding.",
                        "Validation/verification/notification notes, invalidity and appeal reasons."),
            "keluhan_id": ("ID keluhan (tidak diindeks).", "Complaint id (not indexed)."),
        },
    ),
    "_migrasi": Objek(
        "Versi skema: setiap migrasi yang sudah diterapkan, dengan waktunya (PRAGMA user_version = jumlahnya).",
        "Schema version: every migration applied, and when (PRAGMA user_version = their count).",
        {
            "nama": ("Nama migrasi (fungsi di keluhan/migrasi.py).", "Migration name (a function in keluhan/migrasi.py)."),
            "diterapkan": ("Waktu sistem migrasi diterapkan.", "System time it was applied."),
        },
    ),
    # -- views -------------------------------------------------------------------------
    "v_keluhan_status": Objek(
        "Setiap keluhan sekarang: status, langkah yang ditunggu dan tenggatnya, apakah sudah lewat, berapa "
        "langkah yang terlambat, dan lamanya ditangani.",
        "Every complaint now: status, the awaited step and its deadline, whether it is past, how many "
        "steps were late, and how long handling took.",
        {
            "nomor": ("Nomor resmi keluhan.", "Official number."),
            "id": ("ID pendek keluhan.", "Short complaint id."),
            "nama": ("Nama pelanggan.", "Customer's name."),
            "media": ("Media keluhan masuk.", "Channel."),
            "layanan": ("Layanan yang dikeluhkan.", "Service concerned."),
            "tim_teknis": ("Tim Teknis tujuan.", "Technical team."),
            "status": ("Status sekarang.", "Current status."),
            "dicatat": ("Waktu dicatat (langkah 2).", "Recorded at (step 2)."),
            "waktu_status": ("Waktu langkah terakhir.", "Time of the last step."),
            "langkah_berikutnya": ("Langkah yang ditunggu (kosong bila selesai).", "Step awaited (empty when finished)."),
            "mutu_baku": ("Mutu baku langkah yang ditunggu.", "Standard of the awaited step."),
            "batas": ("Tenggat langkah yang ditunggu.", "Deadline of the awaited step."),
            "terlambat": ("1 = tenggat sudah lewat sekarang; 0 selama jam ditunda (keluhan tunda).",
                          "1 = past its deadline now; 0 while the clock is paused (keluhan tunda)."),
            "langkah_terlambat": ("Berapa langkah yang sudah selesai melewati mutu bakunya.",
                                  "How many finished steps missed their standard."),
            "menit_kerja_ditangani": ("Menit kerja dari pencatatan sampai langkah terakhir (tanpa waktu penundaan).",
                                      "Working minutes from recording to the last step (paused time left out)."),
            "hari_kalender": ("Hari kalender dari pencatatan sampai langkah 6 (atau sampai sekarang bila belum selesai).",
                              "Calendar days from recording to step 6 (or to now when unfinished)."),
            "ditunda": ("Sejak kapan jam ditunda (keluhan tunda); kosong = jam berjalan. Penundaan yang lewat batas: "
                        "v_terlambat.", "Since when the clock is paused (keluhan tunda); empty = it runs. Pauses past "
                        "their limit: v_terlambat."),
        },
    ),
    "v_keluhan_durasi": Objek(
        "Satu baris per keluhan dengan setiap langkahnya berdampingan: menit kerja dan kepatuhan per langkah "
        "(langkah 4 dan 5 dijumlah atas putaran pengerjaan ulang).",
        "One row per complaint with its steps side by side: working minutes and compliance per step "
        "(steps 4 and 5 summed over rework rounds).",
        {
            "nomor": ("Nomor resmi keluhan.", "Official number."),
            "id": ("ID pendek keluhan.", "Short complaint id."),
            "status": ("Status sekarang.", "Current status."),
            "tim_teknis": ("Tim Teknis tujuan.", "Technical team."),
            "diajukan": ("Waktu diajukan (langkah 1).", "Submitted at (step 1)."),
            "dicatat": ("Waktu dicatat (langkah 2).", "Recorded at (step 2)."),
            "diinformasikan": ("Waktu hasil diinformasikan (langkah 6).", "Customer informed at (step 6)."),
            **{f"menit_langkah_{n}": (f"Menit kerja langkah {n}" + (" (semua putaran)." if n in (4, 5) else "."),
                                      f"Working minutes of step {n}" + (" (all rounds)." if n in (4, 5) else "."))
               for n in range(2, 7)},
            **{f"patuh_langkah_{n}": (f"Langkah {n}: 1 = memenuhi mutu baku, 0 = terlambat, kosong = belum/tidak terukur.",
                                      f"Step {n}: 1 = met the standard, 0 = late, empty = not reached or not measurable.")
               for n in range(2, 7)},
            "putaran_tindak": ("Berapa kali langkah 4 dikerjakan (lebih dari 1 = pernah dikembalikan).",
                               "How many times step 4 was done (more than 1 = returned for rework)."),
            "menit_kerja_total": ("Jumlah menit kerja semua langkah terukur.", "Total working minutes of all measured steps."),
            "langkah_terlambat": ("Berapa peristiwa langkah yang melewati mutu baku.", "How many step events missed their standard."),
        },
    ),
    "v_durasi_langkah": Objek(
        "Setiap peristiwa langkah yang terukur: siapa mengerjakan langkah mana dari keluhan mana, berapa lama "
        "dalam menit kerja, mutu baku, tenggat, dan apakah dipenuhi.",
        "Every measured step event: who did which step of which complaint, how long it took in working "
        "minutes, the standard, the deadline and whether it was met.",
        {
            "nomor": ("Nomor resmi keluhan.", "Official number."),
            "keluhan_id": ("ID pendek keluhan.", "Short complaint id."),
            "riwayat_urutan": ("Peristiwa (riwayat.urutan).", "The event (riwayat.urutan)."),
            "langkah": ("Langkah SOP 2-6, atau 8 (putusan banding).", "SOP step 2-6, or 8 (the appeal decision)."),
            "aksi": ("Peristiwa (riwayat.aksi).", "Event (riwayat.aksi)."),
            "petugas": ("Petugas yang mengerjakan.", "Officer who did it."),
            "mulai": ("Awal langkah.", "Start of the step."),
            "akhir": ("Akhir langkah.", "End of the step."),
            "menit_kerja": ("Lama dalam menit kerja.", "Duration in working minutes."),
            "mutu_baku": ("Mutu baku.", "Time standard."),
            "batas": ("Tenggat.", "Deadline."),
            "patuh": ("1 = patuh, 0 = terlambat.", "1 = met, 0 = late."),
            "keterangan": ("'patuh' atau 'terlambat'.", "'patuh' (met) or 'terlambat' (late)."),
            "mutu_baku_menit": ("Mutu baku dalam menit kerja: '15 menit' = 15, '2 jam' = 120, 'N hari' = menit kerja "
                                "dari mulai sampai batas (bergantung pada hari-hari yang dilalui).",
                                "The standard in working minutes: '15 menit' = 15, '2 jam' = 120, 'N hari' = the "
                                "working minutes from mulai to batas (depends on the days it spans)."),
            "menit_lewat": ("menit_kerja - mutu_baku_menit: menit kerja melewati mutu baku (negatif = di bawahnya); "
                            "lebih dari 0 tepat bila patuh = 0. Langkah yang ditunda: seluruh waktu kerjanya "
                            "(menit_kerja + menit_tunda) dikurangi menit kerja dari mulai sampai batas yang digeser.",
                            "menit_kerja - mutu_baku_menit: working minutes over the standard (negative = under "
                            "it); above 0 exactly when patuh = 0. A paused step: its whole working time (menit_kerja "
                            "+ menit_tunda) less the working minutes from mulai to the moved batas."),
            "menit_tunda": ("Menit kerja penundaan dalam langkah ini (tidak dihitung dalam menit_kerja; v_tunda).",
                            "The step's paused working minutes (left out of menit_kerja; v_tunda)."),
            "patuh_tanpa_tunda": ("Kepatuhan bila penundaan tidak dihitung (1/0); kosong = tidak pernah ditunda. patuh = 1 "
                                  "dan patuh_tanpa_tunda = 0: memenuhi mutu baku hanya karena penundaan.",
                                  "The verdict had the pauses not been counted (1/0); empty = never paused. patuh = 1 "
                                  "and patuh_tanpa_tunda = 0: met the standard only because of a pause."),
        },
    ),
    "v_hari_kerja": Objek(
        "Kalender kerja per tanggal (tahun-tahun yang diisi di libur_tahun, mulai setahun sebelum peristiwa pertama): "
        "jam kerja, libur bila ada, serta jumlah hari kerja dan detik kerja SEBELUM tanggal itu, sehingga lama kerja "
        "antara dua waktu cukup dua baris (docs/tenggat.md: definisi hari kerja dan contohnya).",
        "The working calendar date by date (the years seeded in libur_tahun, from the year before the first event): "
        "office hours, the holiday if any, and the working days and working seconds BEFORE that date, so that the "
        "working time between two instants takes two rows (docs/tenggat.md: the working day defined, with an example).",
        {
            "tanggal": ("Tanggal, 'YYYY-MM-DD'.", "The date, 'YYYY-MM-DD'."),
            "nama_hari": ("Nama hari.", "Weekday name."),
            "kerja": ("1 = hari kerja (ada jam kerja dan bukan libur).", "1 = a working day (office hours, not a holiday)."),
            "libur": ("Nama libur yang berlaku pada tanggal itu (kosong bila bukan libur).",
                      "Name of the holiday in force that day (empty when none)."),
            "buka": ("Jam buka 'HH:MM' (kosong bila bukan hari kerja).", "Opening 'HH:MM' (empty on a day off)."),
            "tutup": ("Jam tutup 'HH:MM' ('24:00' = tengah malam).", "Closing 'HH:MM' ('24:00' = midnight)."),
            "buka_detik": ("Jam buka dalam detik sejak tengah malam setempat.", "Opening in seconds after local midnight."),
            "detik": ("Detik kerja hari itu (0 bila bukan hari kerja).", "Working seconds of the day (0 on a day off)."),
            "hari_sebelum": ("Hari kerja sebelum tanggal ini (dihitung dari tanggal pertama view).",
                             "Working days before this date (counted from the view's first date)."),
            "detik_sebelum": ("Detik kerja sebelum tanggal ini.", "Working seconds before this date."),
        },
    ),
    "v_pencatatan_susulan": Objek(
        "Peristiwa langkah (2-6 dan 8, putusan banding) yang ditulis ke arsip lebih dari satu hari kerja sesudah waktu yang diakuinya "
        "(--waktu): kepatuhannya diukur dari waktu yang diketik belakangan. Rekap menghitungnya di pencatatan_susulan.",
        "Step events (2-6 and 8, the appeal decision) written into the archive more than one working day after the time they claim (--waktu): "
        "their compliance is measured on a time typed in after the fact. The recap counts them in pencatatan_susulan.",
        {
            "urutan": ("Nomor urut peristiwa.", "Event order."),
            "nomor": ("Nomor resmi keluhan.", "Official number."),
            "keluhan_id": ("ID pendek keluhan.", "Short complaint id."),
            "langkah": ("Langkah SOP 2-6, atau 8 (putusan banding).", "SOP step 2-6, or 8 (the appeal decision)."),
            "aksi": ("Peristiwa.", "Event."),
            "petugas": ("Petugas yang mengerjakan.", "Officer who did it."),
            "waktu": ("Waktu yang diakui (--waktu).", "The time claimed (--waktu)."),
            "dicatat_pada": ("Waktu sistem saat peristiwa ditulis.", "System time it was written."),
            "hari_kerja_kemudian": ("Hari kerja antara waktu dan dicatat_pada (aturan rekap: docs/tenggat.md).",
                                    "Working days between waktu and dicatat_pada (the recap's rule: docs/tenggat.md)."),
            "menit_kerja_kemudian": ("Menit kerja antara keduanya.", "Working minutes between the two."),
            "jam_kemudian": ("Jam kalender antara keduanya.", "Calendar hours between the two."),
            "patuh": ("Kepatuhan langkah itu (1/0; kosong = tidak terukur).", "The step's compliance (1/0; empty = not measured)."),
        },
    ),
    "v_hasil_validasi": Objek(
        "Hasil validasi (langkah 3) setiap keluhan, yang tidak dijaga oleh statusnya: 'tidak_valid' menjadi 'selesai' "
        "setelah pelanggan diberi tahu. Tanpa data pribadi.",
        "Every complaint's validation outcome (step 3), which its status does not keep: 'tidak_valid' becomes "
        "'selesai' once the customer is informed. No personal data.",
        {
            "nomor": ("Nomor resmi keluhan.", "Official number."),
            "id": ("ID pendek keluhan.", "Short complaint id."),
            "status": ("Status sekarang.", "Current status."),
            "hasil": ("valid, tidak_valid, batal (dibatalkan), atau belum_divalidasi.",
                      "valid, tidak_valid (not valid), batal (voided) or belum_divalidasi (not validated yet)."),
            "dicatat": ("Waktu dicatat (langkah 2).", "Recorded at (step 2)."),
            "divalidasi": ("Waktu validasi (langkah 3).", "Validated at (step 3)."),
            "petugas_validasi": ("Petugas validasi.", "Officer who validated."),
            "tim_teknis": ("Tim Teknis tujuan (bila valid).", "Technical team (when valid)."),
            "alasan_tidak_valid": ("Alasan keluhan dinyatakan tidak benar.", "Why it was found not valid."),
            "diinformasikan": ("Waktu hasil diinformasikan (langkah 6).", "Customer informed at (step 6)."),
        },
    ),
    "petugas_riwayat": Objek(
        "Register petugas sebagai buku yang hanya boleh ditambah, dirantai hash, bertanggal berlaku: satu entri per "
        "pendaftaran (tambah), perubahan (ubah) atau penonaktifan (nonaktifkan), masing-masing memuat seluruh data "
        "petugas sesudahnya. Data seorang petugas (NIP) pada satu saat: entri NIP itu dengan berlaku_sejak kosong atau "
        "tidak sesudah saat itu, yang berlaku_sejak-nya paling akhir, lalu urutan paling akhir. Langkah di riwayat "
        "menyimpan nama terdaftar; formulir dan aturan ISO/IEC 17025 7.9.6 mencari petugasnya pada saat langkah itu.",
        "The officer register as an append-only, hash-chained, effective-dated ledger: one entry per registration "
        "(tambah), change (ubah) or deactivation (nonaktifkan), each holding the officer's whole record after it. An "
        "officer's (NIP's) record at an instant: of that NIP's entries with berlaku_sejak empty or not after it, the one "
        "with the latest berlaku_sejak, then the latest urutan. Events in riwayat store the registered name; forms and "
        "the ISO/IEC 17025 7.9.6 rule look the officer up as of the event's time.",
        {
            "urutan": ("Nomor urut entri (1, 2, 3, ... tanpa lompatan).", "Entry order (1, 2, 3, ... without gaps)."),
            "aksi": ("tambah (pendaftaran), ubah, nonaktifkan.", "tambah (registration), ubah (change), nonaktifkan (deactivation)."),
            "nip": ("NIP petugas (angka saja): identitas petugas; tidak berubah.",
                   "The officer's NIP (digits only): their identity; never changes."),
            "nama": ("Nama terdaftar, sebagaimana dicatat di riwayat dan dicetak di tanda tangan.",
                   "Registered name, as events store it and signatures print it."),
            "jabatan": ("Jabatan yang dicetak di bawah tanda tangan.",
                   "Title printed under the signature."),
            "peran": ("Daftar peran (JSON): pjtk, teknis, verifikator, koordinator, manajer_mutu.",
                   "Roles (JSON list): pjtk, teknis, verifikator, koordinator, manajer_mutu."),
            "tim": ("Tim atau Tim Teknis petugas; kosong bila tidak ada.",
                   "The officer's team or Tim Teknis; empty if none."),
            "aktif": ("1 = aktif (boleh mencatat langkah), 0 = dinonaktifkan.",
                   "1 = active (may record steps), 0 = deactivated."),
            "berlaku_sejak": ("Saat mulai berlaku (ISO 8601 dengan offset); kosong = sejak awal.",
                   "When it comes into force (ISO 8601 with offset); empty = from the start."),
            "oleh": ("Petugas yang menulis entri ini.", "Officer who wrote this entry."),
            "alasan": ("Dasar perubahan (mis. nomor SK atau surat tugas).", "Why (e.g. a decree or assignment letter)."),
            "dicatat_pada": ("Waktu sistem saat entri ditulis.", "System time the entry was written."),
            "hash_sebelum": ("Hash entri sebelumnya (64 angka nol untuk yang pertama).",
                             "Hash of the previous entry (64 zeros for the first)."),
            "hash": ("sha256 entri ini dan hash_sebelum (cara menghitung ulang: docs/jaminan.md).",
                     "sha256 of this entry and hash_sebelum (how to recompute: docs/jaminan.md)."),
        },
    ),
    "v_petugas": Objek(
        "Data setiap petugas yang berlaku sekarang (jam SQLite), satu baris per NIP, menurut aturan petugas_riwayat.",
        "Each officer's record in force now (SQLite's clock), one row per NIP, by petugas_riwayat's rule.",
        {
            "nip": ("NIP petugas (angka saja): identitas petugas; tidak berubah.",
                   "The officer's NIP (digits only): their identity; never changes."),
            "nama": ("Nama terdaftar, sebagaimana dicatat di riwayat dan dicetak di tanda tangan.",
                   "Registered name, as events store it and signatures print it."),
            "jabatan": ("Jabatan yang dicetak di bawah tanda tangan.",
                   "Title printed under the signature."),
            "peran": ("Daftar peran (JSON): pjtk, teknis, verifikator, koordinator, manajer_mutu.",
                   "Roles (JSON list): pjtk, teknis, verifikator, koordinator, manajer_mutu."),
            "tim": ("Tim atau Tim Teknis petugas; kosong bila tidak ada.",
                   "The officer's team or Tim Teknis; empty if none."),
            "aktif": ("1 = aktif (boleh mencatat langkah), 0 = dinonaktifkan.",
                   "1 = active (may record steps), 0 = deactivated."),
            "berlaku_sejak": ("Saat mulai berlaku (ISO 8601 dengan offset); kosong = sejak awal.",
                   "When it comes into force (ISO 8601 with offset); empty = from the start."),
            "urutan": ("Entri petugas_riwayat asal baris ini.", "The petugas_riwayat entry this row comes from."),
            "dicatat_pada": ("Waktu sistem entri itu ditulis.", "System time that entry was written."),
            "oleh": ("Petugas yang menulis entri itu.", "Officer who wrote that entry."),
            "alasan": ("Dasar perubahannya.", "Why."),
        },
    ),
    "berkas_lampiran": Objek(
        "Berkas bukti (surat pindaian, surel, foto) yang disimpan di dalam arsip, satu baris per isi (dialamatkan "
        "oleh sha256-nya: berkas yang sama pada dua keluhan disimpan sekali). Yang mengaitkan berkas dengan keluhan "
        "adalah peristiwa `lampirkan` di `riwayat`, yang rinciannya memuat sha256 dan ukuran berkas, sehingga rantai "
        "hash mencakupnya; `keluhan periksa` menghitung ulang sha256 setiap berkas. Hanya boleh ditambah.",
        "Evidence files (scanned letters, e-mails, photos) stored inside the archive, one row per content "
        "(addressed by its sha256: the same file on two complaints is stored once). What ties a file to a complaint "
        "is a `lampirkan` event in `riwayat`, whose rincian carries the file's sha256 and size, so the hash chain "
        "covers it; `keluhan periksa` recomputes every file's sha256. Append-only.",
        {
            "sha256": ("sha256 isi berkas (heksadesimal, 64 karakter); kunci baris.",
                       "sha256 of the file's bytes (hex, 64 characters); the row's key."),
            "ukuran": ("Ukuran berkas dalam byte.", "File size in bytes."),
            "mime": ("Jenis berkas menurut isinya (bukan menurut nama berkas), mis. image/png, application/pdf, "
                     "message/rfc822.",
                     "The file's type as its content shows (not its name), e.g. image/png, application/pdf, "
                     "message/rfc822."),
            "isi": ("Isi berkas; kosong (NULL) bila diimpor tanpa isinya (hanya sidiknya yang tercatat).",
                    "The file's bytes; NULL when imported without them (only its fingerprint recorded)."),
        },
    ),
    "tindakan_tertunda_jam": Objek(
        "Angka tersimpan rekap (migrasi m021_rekap_tetap): per jam, banyaknya putaran CAPA (`tindakan`) yang masih menunggu "
        "tinjauan efektivitas dan mulai dihitung pada jam itu (sejak verifikasi diterima, atau sejak tinjauan "
        "'tidak efektif' terakhir). Ditulis oleh pemicu pada `tindakan` dalam transaksi yang sama; `keluhan rekap` "
        "membacanya tanpa menulis apa pun, `keluhan periksa` menghitungnya ulang dari `tindakan`. Jatuh tempo "
        "tidak disimpan: rekap menghitungnya dari kalender dan buku pengaturan.",
        "The recap's kept figures (migration m021_rekap_tetap): per hour, how many CAPA rounds (`tindakan`) still owe an "
        "effectiveness review that started counting in that hour (from the accepted verification, or from the "
        "last 'not effective' review). Written by triggers on `tindakan` in the same transaction; `keluhan rekap` "
        "reads it and writes nothing, `keluhan periksa` recomputes it from `tindakan`. The due day is not stored: "
        "the recap computes it from the calendar and the settings ledger.",
        {
            "jam": ("Jam Unix (UTC): detik sejak 1970-01-01 00:00 UTC dibagi 3600, dibulatkan ke bawah.",
                    "Unix hour (UTC): seconds since 1970-01-01 00:00 UTC divided by 3600, rounded down."),
            "jumlah": ("Banyaknya putaran yang menunggu tinjauan sejak jam itu (0 bila semuanya sudah ditinjau).",
                       "Rounds owing a review since that hour (0 once all have been reviewed)."),
        },
    ),
    "rekap_bulan": Objek(
        "Angka tersimpan rekap bulan yang sudah berakhir (migrasi m029_rekap_bulan; keluhan/rekap_bulan.py): per bulan, "
        "JSON rekap bulan itu seperti ditulis `keluhan rekap --format json`, dengan jangkar tempat ia dihitung. "
        "Ditulis oleh perintah yang mengubah arsip, sesudah transaksinya sendiri, untuk bulan dengan banyak keluhan; "
        "`keluhan rekap` membacanya tanpa menulis apa pun, hanya bila tidak ada yang dicatat sesudah jangkar itu yang "
        "dapat mengubahnya (peristiwa bertanggal sebelum akhir bulan, koreksi, pembatalan, kaitan, perubahan kalender, "
        "pengaturan atau register petugas), dan selain itu menghitungnya langsung; `keluhan periksa` menghitungnya ulang.",
        "The kept recap of a month that has ended (migration m029_rekap_bulan; keluhan/rekap_bulan.py): per month, the "
        "recap's JSON as `keluhan rekap --format json` writes it, with the anchor it was computed at. Written by the "
        "commands that change the archive, after their own transaction, for months with many complaints; `keluhan "
        "rekap` reads it and writes nothing, only while nothing recorded after that anchor can change it (an event "
        "dated before the month's end, a correction, a void, a link, a change of the calendar, the settings or the "
        "officer register), and otherwise computes it live; `keluhan periksa` recomputes it.",
        {
            "bulan": ("Bulan (YYYY-MM).", "The month (YYYY-MM)."),
            "urutan": ("Ujung riwayat (jangkar) saat angka dihitung.", "riwayat's tip (the anchor) the figures were computed at."),
            "jangkar": ("Teks jangkar itu: ujung setiap rantai (docs/jaminan.md).",
                        "That anchor's text: every chain's tip (docs/jaminan.md)."),
            "sah_sampai": ("Nomor peristiwa riwayat sampai mana sudah diperiksa bahwa tidak ada yang mengubah angka ini.",
                           "The riwayat event up to which nothing recorded has been checked to change these figures."),
            "kunci": ("sha256 program, pengaturan dan kalender yang dipakai menghitungnya; angka dengan kunci lain tidak dipakai.",
                      "sha256 of the program, the settings and the calendar they were computed with; figures with "
                      "another key are not used."),
            "pengaturan": ("Pengaturan (JSON) yang dipakai menghitungnya, untuk `keluhan periksa`.",
                           "The settings (JSON) they were computed with, for `keluhan periksa`."),
            "isi": ("JSON rekap bulan itu (UTF-8); tempat jangkar diisi \\u0000jangkar\\u0000 (rekap mengisinya dengan jangkarnya sendiri).",
                    "The month's recap JSON (UTF-8); the anchor's place holds \\u0000jangkar\\u0000 (a recap fills in its own anchor)."),
            "posisi": ("JSON: letak setiap daftar panjang (keluhan, terbuka_akhir_periode, berulang) di `isi`, dan "
                       "baris-barisnya di `html` dan `md`.",
                       "JSON: where each long list (keluhan, terbuka_akhir_periode, berulang) lies in `isi`, and its "
                       "rows in `html` and `md`."),
            "html": ("Baris-baris daftar panjang itu seperti dicetak rekap HTML (juga oleh templat pengganti).",
                     "Those long lists' rows as the HTML recap prints them (override templates too)."),
            "md": ("Baris-baris yang sama seperti dicetak rekap Markdown.", "The same rows as the Markdown recap prints them."),
            "dihitung": (f"{_WAKTU}: saat angka dihitung.", f"{_TIME}: when the figures were computed."),
        },
    ),
    "rekap_bulan_mundur": Objek(
        "Menolak angka tersimpan rekap bulan yang diganti dengan hitungan pada jangkar yang lebih awal.",
        "Refuses kept month figures replaced by ones computed at an earlier anchor."),
    "rekap_bulan_hapus": Objek(
        "Menolak penghapusan angka tersimpan rekap bulan (yang tidak berlaku lagi dihitung ulang, tidak dihapus).",
        "Refuses deleting kept month figures (those no longer valid are recomputed, not deleted)."),
    "tindakan_tertunda_tambah": Objek(
        "Menambah angka tindakan_tertunda_jam saat putaran CAPA yang menunggu tinjauan efektivitas disisipkan.",
        "Adds to tindakan_tertunda_jam when a CAPA round owing an effectiveness review is inserted."),
    "tindakan_tertunda_ubah": Objek(
        "Memindahkan angka tindakan_tertunda_jam saat verifikasi atau tinjauan efektivitas sebuah putaran berubah.",
        "Moves the count in tindakan_tertunda_jam when a round's verification or effectiveness review changes."),
    "v_lampiran": Objek(
        "Setiap berkas yang dilampirkan pada keluhan: peristiwa `lampirkan` dengan berkasnya.",
        "Every file attached to a complaint: each `lampirkan` event with its file.",
        {
            "nomor": ("Nomor resmi keluhan.", "Official number."),
            "keluhan_id": ("ID pendek keluhan.", "Short complaint id."),
            "riwayat_urutan": ("Nomor peristiwa lampirkan di riwayat.", "The lampirkan event's number in riwayat."),
            "waktu": ("Waktu berkas dilampirkan.", "When the file was attached."),
            "petugas": ("Petugas yang melampirkan.", "Officer who attached it."),
            "nama": ("Nama berkas saat dilampirkan.", "The file's name when attached."),
            "mime": ("Jenis berkas menurut isinya.", "The file's type by its content."),
            "ukuran": ("Ukuran dalam byte (menurut riwayat).", "Size in bytes (as riwayat records it)."),
            "sha256": ("sha256 berkas (menurut riwayat).", "The file's sha256 (as riwayat records it)."),
            "keterangan": ("Keterangan petugas tentang berkas.", "The officer's note on the file."),
            "disertakan": ("1 = isi berkas ada di arsip; 0 = diimpor tanpa isinya.",
                           "1 = the bytes are in the archive; 0 = imported without them."),
        },
    ),
    "kunci_pelanggan": Objek(
        "Kunci pelanggan setiap keluhan untuk mengenali keluhan berulang (keluhan/berulang.py): email (NFKC, huruf "
        "kecil), telepon (angkanya saja, +62 dibaca 0, paling sedikit 6 angka) dan instansi (kata-katanya saja, huruf "
        "kecil; 'perorangan' dan sejenisnya bukan instansi), dengan waktu keluhan dicatat. Diturunkan dari tabel "
        "keluhan dan ditulis bersamanya; `keluhan periksa` menghitungnya ulang. Berisi data pribadi.",
        "Each complaint's customer keys, to recognise repeat complaints (keluhan/berulang.py): e-mail (NFKC, lower "
        "case), phone (digits only, +62 read as 0, at least 6 digits) and organisation (its words only, lower case; "
        "'perorangan' and the like name no organisation), with the complaint's recording time. Derived from the "
        "keluhan table and written with it; `keluhan periksa` recomputes it. Holds personal data.",
        {
            "jenis": ("Jenis kunci: email, telepon atau instansi.", "Kind of key: email, telepon or instansi."),
            "kunci": ("Nilai yang dinormalkan.", "The normalised value."),
            "dicatat": ("Waktu keluhan dicatat (keluhan.dicatat).", "When the complaint was recorded (keluhan.dicatat)."),
            "keluhan_id": ("ID pendek keluhan.", "Short complaint id."),
        },
    ),
    "kunci_serupa": Objek(
        "Kunci setiap keluhan untuk peringatan keluhan serupa saat `keluhan catat` (keluhan/pencarian.py): email "
        "(NFKC, huruf kecil), telepon (angkanya saja, +62 dibaca 0) dan nama (NFKC, huruf kecil, spasi tunggal), "
        "masing-masing sebagai checksum CRC-32 (bukan teksnya), dengan waktu keluhan dicatat. catat hanya "
        "membandingkan keluhan yang berbagi salah satu kunci itu dalam 14 hari; checksum yang kebetulan sama hanya "
        "menambah calon yang lalu dinilai seperti biasa. Diturunkan dari tabel keluhan dan ditulis bersamanya; "
        "`keluhan periksa` menghitungnya ulang.",
        "Each complaint's keys for catat's duplicate warning (keluhan/pencarian.py): e-mail (NFKC, lower case), "
        "phone (digits only, +62 read as 0) and name (NFKC, lower case, single spaces), each as a CRC-32 checksum "
        "(not its text), with the complaint's recording time. catat compares only the complaints sharing one of "
        "these keys within 14 days; a checksum shared by chance only adds a candidate, judged as always. Derived "
        "from the keluhan table and written with it; `keluhan periksa` recomputes it.",
        {
            "kunci": ("Checksum CRC-32 (bertanda) dari jenis kunci (e, t, n), byte nol, dan nilainya yang dinormalkan.",
                      "CRC-32 checksum (signed) of the key's kind (e, t, n), a zero byte and its normalised value."),
            "dicatat": ("Waktu keluhan dicatat (keluhan.dicatat) dalam detik Unix.",
                        "When the complaint was recorded (keluhan.dicatat), in Unix seconds."),
            "keluhan_id": ("ID pendek keluhan.", "Short complaint id."),
        },
    ),
    "v_kaitan": Objek(
        "Setiap kaitan antarkeluhan (keluhan kaitkan), dari kedua sisi: satu kaitan muncul dua kali, sehingga "
        "`WHERE nomor = '...'` memberi semua kaitan keluhan itu. Kaitan adalah peristiwa `kaitkan` di `riwayat` "
        "(rincian: terkait = nomor keluhan lain, alasan), jadi masuk rantai hash.",
        "Every link between complaints (keluhan kaitkan), from both sides: each link appears twice, so "
        "`WHERE nomor = '...'` gives every link of that complaint. A link is a `kaitkan` event in `riwayat` "
        "(rincian: terkait = the other complaint's number, alasan), so the hash chain covers it.",
        {
            "riwayat_urutan": ("Nomor peristiwa kaitkan di riwayat.", "The kaitkan event's number in riwayat."),
            "nomor": ("Nomor resmi keluhan.", "Official number."),
            "nomor_terkait": ("Nomor resmi keluhan yang terkait dengannya.", "Official number of the linked complaint."),
            "arah": ("'ke': peristiwanya dicatat pada keluhan ini; 'dari': pada keluhan terkait.",
                     "'ke': the event is recorded on this complaint; 'dari': on the linked one."),
            "waktu": ("Waktu kaitan dicatat.", "When the link was recorded."),
            "petugas": ("Petugas yang mengaitkan.", "Officer who linked them."),
            "alasan": ("Mengapa keduanya terkait.", "Why they are related."),
        },
    ),
    "v_pelanggan_berulang": Objek(
        "Pelanggan dengan lebih dari satu keluhan, tanpa data pribadinya: per kunci yang sama (email, telepon atau "
        "instansi), berapa keluhan, yang pertama dan terakhir dicatat, dan nomornya menurut urutan pencatatan. "
        "Keluhan yang dibatalkan tidak dihitung. Tanpa batas hari; rekap dan `keluhan lihat` memakai berulang.hari.",
        "Customers with more than one complaint, without their personal data: per shared key (e-mail, phone or "
        "organisation), how many complaints, the first and last recorded, and their numbers in recording order. "
        "Voided complaints are not counted. No window; the recap and `keluhan lihat` use berulang.hari.",
        {
            "jenis": ("Jenis kunci yang sama: email, telepon atau instansi.", "Kind of shared key: email, telepon or instansi."),
            "jumlah": ("Banyaknya keluhan dengan kunci itu.", "How many complaints share it."),
            "pertama": ("Waktu keluhan pertama dicatat.", "When the first was recorded."),
            "terakhir": ("Waktu keluhan terakhir dicatat.", "When the last was recorded."),
            "nomor": ("Nomor-nomor keluhannya, dipisah koma, menurut urutan pencatatan.",
                      "Their numbers, comma-separated, in recording order."),
        },
    ),
    "v_tunda": Objek(
        "Setiap penundaan jam sebuah keluhan (keluhan tunda): kapan, mengapa, oleh siapa, pada status apa, dan apa "
        "yang mengakhirinya (keluhan lanjutkan, langkah berikutnya, batal, atau tinjauan efektivitas). Waktu kerjanya "
        "per langkah: durasi_langkah.menit_tunda.",
        "Every pause of a complaint's clock (keluhan tunda): when, why, by whom, in which status, and what ended it "
        "(keluhan lanjutkan, the next step, batal, or the effectiveness review). Its working time per step: "
        "durasi_langkah.menit_tunda.",
        {
            "nomor": ("Nomor resmi keluhan.", "Official number."),
            "keluhan_id": ("ID pendek keluhan.", "Short complaint id."),
            "urutan": ("Nomor peristiwa tunda di riwayat.", "The tunda event's number in riwayat."),
            "mulai": (f"Saat jam ditunda (waktu efektif peristiwa tunda: koreksi --kolom waktu berlaku). {_WAKTU}.",
                      f"When the clock stopped (the tunda event's effective time: a koreksi --kolom waktu counts). {_TIME}."),
            "alasan": ("Alasan penundaan: yang ditunggu dari pelanggan atau pihak ketiga.",
                       "Why: what is awaited from the customer or a third party."),
            "petugas": ("Petugas yang menunda.", "Officer who paused it."),
            "status": ("Status keluhan saat ditunda: jam yang berhenti (selesai = tinjauan efektivitas).",
                       "The complaint's status when paused: which clock stopped (selesai = the effectiveness review)."),
            "akhir": (f"Saat jam berjalan lagi (waktu efektif peristiwa yang mengakhirinya); kosong = masih ditunda. {_WAKTU}.",
                      f"When the clock ran again (the ending event's effective time); empty = still paused. {_TIME}."),
            "akhir_urutan": ("Nomor peristiwa yang mengakhiri penundaan.", "The number of the event that ended the pause."),
            "diakhiri_oleh": ("Aksi yang mengakhiri: lanjutkan, aksi langkah berikutnya, batal, atau efektivitas.",
                              "The aksi that ended it: lanjutkan, the next step's aksi, batal, or efektivitas."),
            "berjalan": ("1 = masih ditunda sekarang.", "1 = still paused now."),
        },
    ),
    "berkas_lampiran_tolak_ubah": Objek("Menolak UPDATE pada berkas_lampiran, kecuali mengisi isi yang belum disertakan.",
                                        "Refuses any UPDATE of berkas_lampiran, except filling in bytes not included."),
    "berkas_lampiran_tolak_hapus": Objek("Menolak setiap DELETE pada berkas_lampiran.",
                                         "Refuses any DELETE from berkas_lampiran."),
    "v_tenggat": Objek(
        "Tenggat keluhan yang belum selesai dengan zonanya: batas dan lewat_setelah dalam waktu setempat dengan "
        "offset, batas_utc dan lewat_setelah_utc dalam UTC bertanda 'Z' (tabel tenggat menyimpan UTC tanpa penanda "
        "agar dapat dibandingkan dengan datetime('now')).",
        "Deadlines of unfinished complaints with their zone: batas and lewat_setelah in local time with the offset, "
        "batas_utc and lewat_setelah_utc in UTC marked 'Z' (the tenggat table keeps UTC without a marker, to "
        "compare with datetime('now')).",
        {
            "nomor": ("Nomor resmi keluhan.", "Official number."),
            "keluhan_id": ("ID pendek keluhan.", "Short complaint id."),
            "status": ("Status sekarang.", "Current status."),
            "langkah": ("Langkah yang ditunggu.", "Step awaited."),
            "mulai": ("Jam langkah mulai berjalan (waktu setempat dengan offset).", "When its clock started (local, with offset)."),
            "mutu_baku": ("Mutu baku langkah itu.", "Its standard."),
            "batas": ("Tenggat, waktu setempat dengan offset.", "Deadline, local time with offset."),
            "batas_utc": ("Tenggat dalam UTC, mis. 2026-11-05T01:00:00Z.", "Deadline in UTC, e.g. 2026-11-05T01:00:00Z."),
            "lewat_setelah": ("Terlambat sesudah saat ini, waktu setempat dengan offset.", "Late after this instant, local time with offset."),
            "lewat_setelah_utc": ("Saat yang sama dalam UTC bertanda 'Z'.", "The same instant in UTC marked 'Z'."),
            "terlambat": ("1 = sudah terlambat sekarang (jam SQLite); 0 selama jam ditunda.",
                          "1 = late now (SQLite's clock); 0 while the clock is paused."),
            "ditunda": ("Sejak kapan jam ditunda; batas adalah tenggat sebelum penundaan itu. Kosong = jam berjalan.",
                        "Since when the clock is paused; batas is the deadline before that pause. Empty = it runs."),
            "menit_tunda": ("Menit kerja penundaan yang sudah berakhir dan menggeser batas.",
                            "Working minutes of the ended pauses that moved batas."),
        },
    ),
    "v_efektivitas": Objek(
        "Setiap putaran tindakan yang diverifikasi diterima dan tinjauan efektivitasnya (ISO/IEC 17025 8.7.1 e): "
        "hasil terakhir, dan bila belum efektif, sejak kapan tinjauan berikutnya dihitung, berapa hari kerja "
        "(efektivitas.setelah yang berlaku saat itu, pengaturan_riwayat), hari jatuh temponya (hari kerja ke-N "
        "sesudah tanggal itu, v_hari_kerja) dan apakah sudah lewat. Jatuh tempo tidak disimpan: dihitung dari data "
        "berantai seperti program menghitungnya.",
        "Every CAPA round accepted at step 5 and its effectiveness review (ISO/IEC 17025 8.7.1 e): the latest result "
        "and, while not effective, when the next review counts from, how many working days (the efektivitas.setelah "
        "in force then, pengaturan_riwayat), the day it falls due (the N-th working day after that date, "
        "v_hari_kerja) and whether it is past. The due day is not stored: computed from chained data as the program "
        "computes it.",
        {
            "nomor": ("Nomor resmi keluhan.", "Official number."),
            "keluhan_id": ("ID pendek keluhan.", "Short complaint id."),
            "putaran": ("Putaran tindakan.", "CAPA round."),
            "petugas_tindakan": ("Petugas yang mencatat tindakan.", "Officer who recorded the action."),
            "penanggung_jawab": ("Penanggung jawab tindakan.", "Person responsible for the action."),
            "diverifikasi_pada": ("Waktu verifikasi diterima.", "When the verification accepted it."),
            "efektivitas": ("Hasil tinjauan terakhir; kosong = belum ditinjau.", "Latest result; empty = not reviewed."),
            "efektivitas_pada": ("Waktu tinjauan terakhir.", "When last reviewed."),
            "efektivitas_oleh": ("Peninjau terakhir.", "Latest reviewer."),
            "efektivitas_tindak_lanjut": ("Tindak lanjut tinjauan tidak_efektif terakhir.", "Follow-up of the latest tidak_efektif review."),
            "keadaan": ("efektif = selesai ditinjau; belum = tinjauan masih tertunda.", "efektif = done; belum = a review is pending."),
            "sejak": ("Tinjauan tertunda dihitung sejak (verifikasi, atau tinjauan tidak_efektif terakhir).",
                      "The pending review counts from (the verification, or the last tidak_efektif review)."),
            "setelah": ("Hari kerja sampai jatuh tempo (efektivitas.setelah yang berlaku saat itu).",
                        "Working days to the due day (the efektivitas.setelah in force then)."),
            "jatuh_tempo": ("Hari jatuh tempo tinjauan (YYYY-MM-DD), digeser oleh penundaan jam tinjauan.",
                            "The day the review falls due (YYYY-MM-DD), moved by the pauses of its clock."),
            "terlambat": ("1 = masih tertunda sesudah hari jatuh temponya (hari ini di zona arsip); 0 selama jam "
                          "tinjauan ditunda.",
                          "1 = still pending after its due day (today in the archive's zone); 0 while the review's "
                          "clock is paused."),
            "jatuh_tempo_awal": ("Hari jatuh tempo sebelum penundaan (jatuh_tempo = yang ini bila tidak ditunda).",
                                 "The due day before any pause (jatuh_tempo = this one when never paused)."),
            "menit_tunda": ("Menit kerja penundaan jam tinjauan (keluhan tunda pada keluhan yang selesai, v_tunda) "
                            "yang menggeser jatuh tempo: tiap penundaan yang dimulai paling lambat pada hari jatuh tempo "
                            "menggesernya sebanyak waktu kerjanya, dihitung dari akhir hari itu.",
                            "Working minutes of the pauses of the review's clock (keluhan tunda on a finished "
                            "complaint, v_tunda) that moved the due day: each pause begun by the end of the due day "
                            "moves it on by its working time, counted from that day's end."),
            "ditunda": ("1 = jam tinjauan sedang ditunda (tidak terlambat selama itu).",
                        "1 = the review's clock is paused now (not overdue meanwhile)."),
        },
    ),
    "v_kepuasan": Objek(
        "Setiap jawaban kepuasan pelanggan (PermenPANRB 14/2017, skala 1-4) seperti dicatat, di samping jawaban "
        "terakhir keluhan itu sekarang (sesudah koreksi). Rekap menghitung jawaban terakhir tiap keluhan pada periode "
        "jawabannya; IKM = rata-rata x 25.",
        "Every customer satisfaction answer (PermenPANRB 14/2017, 1-4) as recorded, beside the complaint's latest "
        "answer now (corrections applied). The recap counts each complaint's latest answer in the period it was "
        "given; IKM = mean x 25.",
        {
            "nomor": ("Nomor resmi keluhan.", "Official number."),
            "keluhan_id": ("ID pendek keluhan.", "Short complaint id."),
            "urutan": ("Urutan peristiwa kepuasan di riwayat.", "The answer's event in riwayat."),
            "waktu": ("Waktu pelanggan menjawab.", "When the customer answered."),
            "petugas": ("Petugas yang mencatat.", "Officer who recorded it."),
            "nilai_dicatat": ("Nilai seperti dicatat (1-4).", "The value as recorded (1-4)."),
            "menerima_dicatat": ("Menerima hasil seperti dicatat: 1 ya, 0 tidak, kosong = tidak dinyatakan.",
                                 "Accepts the result as recorded: 1 yes, 0 no, empty = not said."),
            "catatan_dicatat": ("Catatan seperti dicatat.", "The note as recorded."),
            "diinformasikan": ("Waktu hasil yang dijawab diinformasikan.", "When the result it answers was given."),
            "terakhir": ("1 = jawaban terakhir keluhan itu (yang dihitung rekap).", "1 = the complaint's latest answer (the one the recap counts)."),
            "nilai": ("Nilai jawaban terakhir sekarang, sesudah koreksi; kosong pada jawaban sebelumnya.",
                      "The latest answer's value now, corrected; empty on earlier ones."),
            "menerima": ("Menerima hasil pada jawaban terakhir sekarang.", "Accepts the result, latest answer now."),
            "ikm_butir": ("nilai x 25: rata-ratanya adalah IKM.", "nilai x 25: their mean is the IKM."),
        },
    ),
    "v_waktu_efektif": Objek(
        "Satu-satunya tempat yang menetapkan waktu yang berlaku: setiap peristiwa riwayat dengan waktu efektifnya, "
        "yaitu nilai koreksi waktunya yang terakhir (keluhan koreksi --kolom waktu --peristiwa URUTAN), atau waktunya "
        "sendiri. Riwayat tetap menyimpan waktu asli. Durasi, tenggat, rekap, `keluhan periksa`, skrip auditor, dan "
        "kueri audit membaca waktu dari sini.",
        "The one place that says which time counts: every event of riwayat with its effective time, the value of its "
        "latest time correction (keluhan koreksi --kolom waktu --peristiwa URUTAN), else its own time. riwayat keeps "
        "the original. Durations, deadlines, the recap, `keluhan periksa`, the auditors' script and the audit queries "
        "read times here.",
        {
            "urutan": ("Nomor peristiwa (riwayat.urutan).", "Event number (riwayat.urutan)."),
            "keluhan_id": ("ID pendek keluhan.", "Short complaint id."),
            "langkah": ("Langkah SOP (kosong untuk koreksi).", "SOP step (empty for a correction)."),
            "aksi": ("Peristiwa (riwayat.aksi).", "Event (riwayat.aksi)."),
            "status_dari": ("Status sebelum peristiwa.", "Status before the event."),
            "status_ke": ("Status sesudah peristiwa.", "Status after the event."),
            "petugas": ("Petugas yang mencatat.", "Officer who recorded it."),
            "waktu": ("Waktu efektif: koreksi waktu terakhir, atau waktu tercatat.",
                      "Effective time: the latest time correction, else the recorded time."),
            "waktu_asli": ("Waktu seperti pertama dicatat (riwayat.waktu).", "The time as first recorded (riwayat.waktu)."),
            "dikoreksi": ("1 = waktunya berasal dari koreksi.", "1 = its time comes from a correction."),
            "diajukan": ("Pada peristiwa catat: waktu pengajuan efektif (koreksi terakhir kolom diajukan, atau yang "
                         "tercatat); kosong pada peristiwa lain.",
                         "On the catat event: the effective submission time (the latest correction of diajukan, else "
                         "as recorded); empty on other events."),
            "dicatat_pada": ("Waktu sistem saat peristiwa ditulis.", "System time the event was written."),
            "rincian": ("Rincian peristiwa (JSON, riwayat.rincian).", "The event's details (JSON, riwayat.rincian)."),
        },
    ),
    "v_riwayat": Objek(
        "Buku peristiwa yang mudah dibaca: nomor keluhan, isian utama setiap langkah dari rincian JSON, selisih "
        "jam antara kejadian dan pencatatan, berkas impor asal, serta durasi dan kepatuhan langkah.",
        "The event log made readable: complaint number, each step's main fields out of the rincian JSON, "
        "hours between the step and its writing, source import file, and the step's duration and compliance.",
        {
            "urutan": ("Nomor urut peristiwa.", "Event order."),
            "nomor": ("Nomor resmi keluhan.", "Official number."),
            "keluhan_id": ("ID pendek keluhan.", "Short complaint id."),
            "langkah": ("Langkah SOP (7 = banding, kosong = koreksi).", "SOP step (7 = appeal, empty = correction)."),
            "aksi": ("Peristiwa.", "Event."),
            "status_dari": ("Status sebelum.", "Status before."),
            "status_ke": ("Status sesudah.", "Status after."),
            "petugas": ("Petugas.", "Officer."),
            "waktu": ("Waktu kejadian yang berlaku (v_waktu_efektif: koreksi waktu terakhir, atau yang tercatat).",
                      "When it happened, as it counts (v_waktu_efektif: the latest time correction, else as recorded)."),
            "dicatat_pada": ("Waktu sistem pencatatan.", "System time it was written."),
            "jam_kemudian": ("Jam antara kejadian dan pencatatan (besar = dicatat belakangan).",
                             "Hours between the step and its writing (large = recorded after the fact)."),
            "tim_teknis": ("Tim Teknis tujuan (validasi).", "Technical team (validation)."),
            "alasan": ("Alasan: tidak valid, pengembalian, banding, atau koreksi.", "Reason: invalid, returned, appeal or correction."),
            "catatan": ("Catatan langkah.", "Step note."),
            "kolom_dikoreksi": ("Kolom yang dikoreksi.", "Corrected column."),
            "nilai_lama": ("Nilai sebelum koreksi.", "Value before the correction."),
            "nilai_baru": ("Nilai sesudah koreksi.", "Value after the correction."),
            "berkas_impor": ("Berkas asal bila riwayat ini diimpor (keluhan impor).", "Source file when the history was imported."),
            "menit_kerja": ("Lama langkah dalam menit kerja.", "Duration in working minutes."),
            "mutu_baku": ("Mutu baku.", "Time standard."),
            "batas": ("Tenggat.", "Deadline."),
            "patuh": ("1 = patuh, 0 = terlambat.", "1 = met, 0 = late."),
            "waktu_asli": ("Waktu seperti pertama dicatat (riwayat.waktu).", "The time as first recorded (riwayat.waktu)."),
            "waktu_dikoreksi": ("1 = waktunya dikoreksi (keluhan koreksi --kolom waktu).",
                                "1 = its time was corrected (keluhan koreksi --kolom waktu)."),
        },
    ),
    "v_terlambat": Objek(
        "Yang terlambat saat ini (jam SQLite, UTC), paling lama lewat dahulu: langkah yang lewat tenggat pada keluhan "
        "yang jamnya berjalan (keluhan yang ditunda tidak terlambat), dan penundaan yang melewati batasnya "
        "(tunda.batas hari kerja, yang berlaku saat penundaan dimulai), seperti `keluhan terlambat`.",
        "What is overdue right now (SQLite's clock, UTC), most overdue first: the late steps of complaints whose "
        "clock runs (a paused complaint is not late), and the pauses past their limit (tunda.batas working days, "
        "in force when the pause began), as `keluhan terlambat` lists them.",
        {
            "nomor": ("Nomor resmi keluhan.", "Official number."),
            "keluhan_id": ("ID pendek keluhan.", "Short complaint id."),
            "nama": ("Nama pelanggan.", "Customer's name."),
            "status": ("Status sekarang.", "Current status."),
            "tim_teknis": ("Tim Teknis tujuan.", "Technical team."),
            "langkah": ("Langkah yang ditunggu.", "Step awaited."),
            "mutu_baku": ("Mutu baku langkah itu.", "Its standard."),
            "mulai": ("Jam langkah mulai berjalan.", "When its clock started."),
            "batas": ("Tenggat, waktu setempat.", "Deadline, local time."),
            "batas_utc": ("Tenggat dalam UTC, 'YYYY-MM-DD HH:MM:SS' tanpa penanda zona (v_tenggat: dengan 'Z').",
                          "Deadline in UTC, 'YYYY-MM-DD HH:MM:SS' without a zone marker (v_tenggat: with 'Z')."),
            "jam_lewat_kalender": ("Jam kalender sejak tenggat (waktu kerja: `keluhan terlambat`).",
                                   "Calendar hours since the deadline (working time: `keluhan terlambat`)."),
            "jenis": ("'langkah' (langkah lewat tenggat) atau 'tunda' (penundaan lewat batas; mutu_baku, mulai dan "
                      "batas adalah batas penundaan itu, awalnya, dan saat batas tercapai).",
                      "'langkah' (a step past its deadline) or 'tunda' (a pause past its limit; mutu_baku, mulai and "
                      "batas are the pause's limit, its start and when the limit is reached)."),
            "ditunda": ("Awal penundaan yang berjalan (jenis 'tunda'); kosong untuk langkah.",
                        "Start of the running pause (jenis 'tunda'); empty for a step."),
            "alasan_tunda": ("Alasan penundaan itu.", "Why it was paused."),
            "batas_langkah": ("Tenggat langkah yang ditunggu (bagi penundaan: seperti sebelum penundaan itu; kosong bila "
                              "hanya tinjauan efektivitas yang ditunggu).",
                              "The awaited step's deadline (for a pause: as before that pause; empty when only an "
                              "effectiveness review is awaited)."),
        },
    ),
    "v_rekap_bulanan": Objek(
        "Keluhan yang dicatat per bulan menurut status SEKARANG dan media (rekap resmi, `keluhan rekap`, "
        "memakai status pada akhir bulan).",
        "Complaints recorded per month by CURRENT status and media (the official recap, `keluhan rekap`, "
        "uses statuses as of the month's end).",
        {
            "bulan": ("Bulan dicatat, 'YYYY-MM'.", "Month recorded, 'YYYY-MM'."),
            "status": ("Status sekarang.", "Current status."),
            "media": ("Media keluhan masuk.", "Channel."),
            "jumlah": ("Jumlah keluhan.", "Number of complaints."),
        },
    ),
    "v_kepatuhan_bulanan": Objek(
        "Peristiwa langkah per bulan (bulan peristiwa) dan langkah: berapa, berapa yang memenuhi mutu baku, persennya; "
        "peristiwa keluhan yang dibatalkan (status batal) tidak dihitung.",
        "Step events per month (of the event) and step: how many, how many met the standard, the percentage; the events "
        "of voided complaints (status batal) are not counted.",
        {
            "bulan": ("Bulan peristiwa, 'YYYY-MM'.", "Month of the event, 'YYYY-MM'."),
            "langkah": ("Langkah SOP 2-6, atau 8 (putusan banding).", "SOP step 2-6, or 8 (the appeal decision)."),
            "jumlah": ("Jumlah peristiwa langkah.", "Number of step events."),
            "patuh": ("Yang memenuhi mutu baku.", "How many met the standard."),
            "persen_patuh": ("Persen yang memenuhi mutu baku.", "Percentage that met the standard."),
        },
    ),
    # m007: what Datasette shows instead of the objects that carry personal data.
    "v_keluhan_tanpa_data_pribadi": Objek(
        "Setiap keluhan seperti di tabel keluhan, tanpa nama, alamat, telepon, dan email pelanggan (UU 27/2022), "
        "juga di teks bebasnya (uraian, harapan, catatan, alasan: '(data pribadi)'): yang ditelusuri auditor di Datasette.",
        "Every complaint as in the keluhan table, without the customer's name, address, phone and e-mail "
        "(UU 27/2022), also in its free text (uraian, harapan, notes, reasons: '(data pribadi)'): what an auditor "
        "browses in Datasette.",
        {},  # the columns' notes are those of the object each view redacts (below)
    ),
    "v_riwayat_tanpa_data_pribadi": Objek(
        "v_riwayat tanpa data pribadi: koreksi nama/alamat/telepon/email menampilkan '(data pribadi)' sebagai nilai "
        "lama dan baru; rincian tanpa isian itu; nama, alamat, email dan telepon pelanggan yang tertulis di teks bebas "
        "(alasan, catatan, rincian) diganti '(data pribadi)'; hash peristiwa dan hash sebelumnya untuk mencarinya di rantai.",
        "v_riwayat without personal data: a corrected name/address/phone/e-mail shows '(data pribadi)' as old and "
        "new value; rincian without those fields; the customer's name, address, e-mail and phone written in free text "
        "(alasan, catatan, rincian) replaced by '(data pribadi)'; the event's hash and the previous one, to find it in the chain.",
        {},
    ),
    "v_keluhan_status_tanpa_data_pribadi": Objek(
        "v_keluhan_status tanpa nama pelanggan.", "v_keluhan_status without the customer's name.", {},
    ),
    "v_terlambat_tanpa_data_pribadi": Objek(
        "v_terlambat tanpa nama pelanggan; batas_utc sebagai ISO 8601 dengan Z.",
        "v_terlambat without the customer's name; batas_utc as ISO 8601 with Z.", {},
    ),
    # -- triggers: the database's own guarantees --------------------------------------
    "riwayat_tolak_ubah": Objek("Menolak setiap UPDATE pada riwayat.", "Refuses any UPDATE of riwayat."),
    "riwayat_tolak_hapus": Objek("Menolak setiap DELETE pada riwayat.", "Refuses any DELETE from riwayat."),
    "keluhan_tolak_hapus": Objek("Keluhan yang sudah dicatat tidak pernah hilang: DELETE ditolak.",
                                 "A recorded complaint never disappears: DELETE is refused."),
    "tindakan_tolak_hapus": Objek("Putaran tindakan tidak boleh dihapus.", "A CAPA round cannot be deleted."),
    "libur_tolak_hapus": Objek("Libur tidak boleh dihapus; pembatalan ditandai di kolom dihapus.",
                               "A holiday row cannot be deleted; a cancellation is marked in dihapus."),
    "libur_tolak_ubah": Objek("Baris libur hanya boleh ditandai dihapus (sekali); isi lain tidak boleh diubah.",
                              "A holiday row may only be marked removed (once); nothing else may change."),
    # m004: INSERT OR REPLACE deletes the row it conflicts with without firing DELETE
    # triggers; these refuse a taken key before the conflict is resolved.
    "riwayat_tolak_timpa": Objek(
        "Menolak INSERT (juga INSERT OR REPLACE) peristiwa yang urutan-nya sudah ada: riwayat tidak dapat "
        "ditimpa. Hash ganda tidak perlu ditolak di sini: peristiwa dengan hash yang sudah ada di rantai memutus "
        "rantai, dan keluhan periksa menyebutnya.",
        "Refuses an INSERT (INSERT OR REPLACE too) of an event whose urutan exists: the history cannot be "
        "overwritten. A repeated hash need not be refused here: an event whose hash is already in the chain "
        "breaks the chain, and keluhan periksa names it."),
    "keluhan_tolak_timpa": Objek("Menolak INSERT (juga OR REPLACE) keluhan yang id, nomor, atau tahun+urut-nya sudah ada.",
                                 "Refuses an INSERT (OR REPLACE too) of a complaint whose id, number or year+sequence exists."),
    "keluhan_tolak_ubah_kunci": Objek("id, nomor, tahun, dan urut keluhan tidak boleh diubah.",
                                      "A complaint's id, number, year and sequence cannot change."),
    "tindakan_tolak_timpa": Objek("Menolak INSERT (juga OR REPLACE) putaran tindakan yang sudah ada.",
                                  "Refuses an INSERT (OR REPLACE too) of a CAPA round that exists."),
    "tindakan_tolak_ubah_kunci": Objek("Keluhan, putaran, dan peristiwa sebuah baris tindakan tidak boleh diubah.",
                                       "A CAPA row's complaint, round and event cannot change."),
    "libur_tolak_timpa": Objek(
        "Menolak INSERT (juga OR REPLACE) baris libur yang id-nya sudah ada, atau libur berlaku kedua pada tanggal "
        "yang sama.",
        "Refuses an INSERT (OR REPLACE too) of a holiday row whose id exists, or a second holiday in force on the same "
        "date."),
    "libur_tahun_tolak_timpa": Objek("Menolak mengisi ulang tahun yang sudah diisi.", "Refuses to seed a seeded year again."),
    "libur_tahun_tolak_ubah": Objek("Menolak setiap UPDATE pada libur_tahun.", "Refuses any UPDATE of libur_tahun."),
    "libur_tahun_tolak_hapus": Objek("Menolak setiap DELETE pada libur_tahun.", "Refuses any DELETE from libur_tahun."),
    "jam_kerja_tolak_timpa": Objek("Menolak menimpa jam kerja suatu hari.", "Refuses to overwrite a weekday's office hours."),
    "jam_kerja_tolak_ubah": Objek("Jam kerja ditetapkan sekali saat arsip dibuat: UPDATE ditolak.",
                                  "Office hours are set once, when the archive is created: UPDATE is refused."),
    "jam_kerja_tolak_hapus": Objek("Jam kerja tidak boleh dihapus.", "Office hours cannot be deleted."),
    "durasi_langkah_tolak_timpa": Objek("Menolak INSERT (juga OR REPLACE) durasi peristiwa yang sudah ada.",
                                        "Refuses an INSERT (OR REPLACE too) of a duration row that exists."),
    "durasi_langkah_tolak_ubah": Objek(
        "Hanya hasil hitungan (menit_kerja, mutu_baku, batas, patuh, dihitung) yang boleh dihitung ulang (saat kalender "
        "atau pengaturan berubah); peristiwa dan langkah tidak boleh diubah, mulai dan akhir hanya mengikuti waktu "
        "efektif di v_waktu_efektif (sesudah koreksi waktu, m014). Mutu baku dihitung dari pengaturan_riwayat (m008), "
        "jadi `keluhan periksa` menghitungnya ulang.",
        "Only the results (menit_kerja, mutu_baku, batas, patuh, dihitung) may be recomputed (when the calendar or the "
        "settings change); the event and step cannot change, start and end only follow the effective times of "
        "v_waktu_efektif (after a time correction, m014). The standard comes from pengaturan_riwayat (m008), so "
        "`keluhan periksa` recomputes it."),
    "durasi_langkah_tolak_hapus": Objek("Durasi langkah tidak boleh dihapus.", "A step duration row cannot be deleted."),
    # m032_durasi: the guards above on durasi_peristiwa, and the view durasi_langkah's writes
    "durasi_langkah_tolak_langkah": Objek("Menolak baris durasi untuk peristiwa yang bukan langkah yang diukur (2-6, 8).",
                                          "Refuses a duration row for an event that is not a measured step (2-6, 8)."),
    "durasi_langkah_tulis": Objek(
        "INSERT ke view durasi_langkah diteruskan ke durasi_peristiwa (dijaga trigger-nya); ditolak bila keluhan_id, "
        "langkah atau akhir tidak sama dengan peristiwanya.",
        "An INSERT into the view durasi_langkah goes to durasi_peristiwa (under its triggers); refused when keluhan_id, "
        "langkah or akhir differ from the event's."),
    "durasi_langkah_ubah": Objek(
        "UPDATE pada view durasi_langkah diteruskan ke durasi_peristiwa (dijaga durasi_langkah_tolak_ubah); keluhan_id, "
        "langkah dan akhir milik peristiwanya: mengubahnya ditolak.",
        "An UPDATE of the view durasi_langkah goes to durasi_peristiwa (under durasi_langkah_tolak_ubah); keluhan_id, "
        "langkah and akhir are the event's: changing them is refused."),
    "durasi_langkah_hapus": Objek("DELETE pada view durasi_langkah diteruskan ke durasi_peristiwa (ditolak durasi_langkah_tolak_hapus).",
                                  "A DELETE from the view durasi_langkah goes to durasi_peristiwa (refused by durasi_langkah_tolak_hapus)."),
    # m005
    "pengaturan_arsip_tolak_timpa": Objek("Pengaturan arsip ditetapkan sekali: menimpanya ditolak.",
                                          "Archive settings are set once: overwriting is refused."),
    "pengaturan_arsip_tolak_ubah": Objek("Menolak setiap UPDATE pada pengaturan_arsip.", "Refuses any UPDATE of pengaturan_arsip."),
    "pengaturan_arsip_tolak_hapus": Objek("Menolak setiap DELETE pada pengaturan_arsip.", "Refuses any DELETE from pengaturan_arsip."),
    "kalender_riwayat_tolak_ubah": Objek("Menolak setiap UPDATE pada kalender_riwayat.", "Refuses any UPDATE of kalender_riwayat."),
    "kalender_riwayat_tolak_hapus": Objek("Menolak setiap DELETE pada kalender_riwayat.", "Refuses any DELETE from kalender_riwayat."),
    "kalender_riwayat_tolak_timpa": Objek("Menolak INSERT (juga OR REPLACE) entri yang urutan atau hash-nya sudah ada.",
                                          "Refuses an INSERT (OR REPLACE too) of an entry whose urutan or hash exists."),
    # m008
    "pengaturan_riwayat_tolak_ubah": Objek("Menolak setiap UPDATE pada pengaturan_riwayat.",
                                           "Refuses any UPDATE of pengaturan_riwayat."),
    "pengaturan_riwayat_tolak_hapus": Objek("Menolak setiap DELETE pada pengaturan_riwayat.",
                                            "Refuses any DELETE from pengaturan_riwayat."),
    "pengaturan_riwayat_tolak_timpa": Objek("Menolak INSERT (juga OR REPLACE) entri yang urutan atau hash-nya sudah ada.",
                                            "Refuses an INSERT (OR REPLACE too) of an entry whose urutan or hash exists."),
    "petugas_riwayat_tolak_ubah": Objek("Menolak setiap UPDATE pada petugas_riwayat.", "Refuses any UPDATE of petugas_riwayat."),
    "petugas_riwayat_tolak_hapus": Objek("Menolak setiap DELETE pada petugas_riwayat.",
                                         "Refuses any DELETE from petugas_riwayat."),
    "petugas_riwayat_tolak_timpa": Objek("Menolak INSERT (juga OR REPLACE) entri yang urutan atau hash-nya sudah ada.",
                                         "Refuses an INSERT (OR REPLACE too) of an entry whose urutan or hash exists."),
}



def _tanpa_data_pribadi() -> None:
    """The m007 views' column notes: those of the object each one redacts, with what changed."""
    sumber = {
        "v_keluhan_tanpa_data_pribadi": ("keluhan", "id nomor tahun urut status instansi media layanan referensi uraian "
                                         "harapan kategori diajukan dicatat petugas_pencatat validasi tim_teknis "
                                         "alasan_tidak_valid catatan_validasi divalidasi petugas_validasi diverifikasi "
                                         "petugas_verifikasi catatan_verifikasi diinformasikan petugas_informasi "
                                         "media_informasi catatan_informasi dibanding banding_alasan waktu_status diperbarui"),
        "v_riwayat_tanpa_data_pribadi": ("v_riwayat", "urutan nomor keluhan_id langkah aksi status_dari status_ke petugas "
                                         "waktu dicatat_pada jam_kemudian tim_teknis alasan catatan kolom_dikoreksi "
                                         "nilai_lama nilai_baru berkas_impor menit_kerja mutu_baku batas patuh"),
        "v_keluhan_status_tanpa_data_pribadi": ("v_keluhan_status", "nomor id media layanan tim_teknis status dicatat "
                                                "waktu_status langkah_berikutnya mutu_baku batas terlambat "
                                                "langkah_terlambat menit_kerja_ditangani hari_kalender ditunda"),
        "v_terlambat_tanpa_data_pribadi": ("v_terlambat", "nomor keluhan_id status tim_teknis langkah mutu_baku mulai "
                                           "batas batas_utc jam_lewat_kalender jenis ditunda batas_langkah"),
    }
    for nama, (asal, kolom) in sumber.items():
        OBJEK[nama].kolom.update({k: OBJEK[asal].kolom[k] for k in kolom.split()})
    riwayat = OBJEK["v_riwayat_tanpa_data_pribadi"].kolom
    for k in ("nilai_lama", "nilai_baru"):
        a, b = riwayat[k]
        riwayat[k] = (f"{a} '(data pribadi)' bila kolomnya nama, alamat, telepon, atau email.",
                      f"{b} '(data pribadi)' when the field is name, address, phone or e-mail.")
    riwayat["rincian"] = ("riwayat.rincian tanpa nama, alamat, telepon, dan email (koreksi isian itu: lama dan baru "
                          "'(data pribadi)'); karena itu hash-nya tidak dapat dihitung ulang dari sini (pakai salinan arsip).",
                          "riwayat.rincian without name, address, phone and e-mail (a correction of one: old and new "
                          "'(data pribadi)'); its hash therefore cannot be recomputed from here (use a copy of the archive).")
    riwayat["hash_sebelum"] = OBJEK["riwayat"].kolom["hash_sebelum"]
    riwayat["hash"] = OBJEK["riwayat"].kolom["hash"]
    OBJEK["v_terlambat_tanpa_data_pribadi"].kolom["batas_utc"] = (
        "Tenggat yang sama dalam UTC, ISO 8601 dengan Z, mis. 2026-11-03T06:20:00Z.",
        "The same deadline in UTC, ISO 8601 with Z, e.g. 2026-11-03T06:20:00Z.")


_tanpa_data_pribadi()

# -- the live schema --------------------------------------------------------------------


def skema_langsung() -> list[dict[str, Any]]:
    """Every table, view and trigger of a freshly created archive (as ``keluhan`` makes it,
    migrations and seeding included), with columns: ``[{jenis, nama, tabel, sql, kolom}]``."""
    from keluhan import pengaturan
    from keluhan.arsip import Arsip, buat_arsip

    with tempfile.TemporaryDirectory() as folder:
        jalur = buat_arsip(Path(folder) / "archive.db", pengaturan.muat(None))
        a = Arsip(jalur, pengaturan.muat(None))
        try:
            return baca_skema(a.db)
        finally:
            a.tutup()


def baca_skema(db: sqlite3.Connection) -> list[dict[str, Any]]:
    hasil = []
    for jenis, nama, tabel, sql in db.execute(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('table', 'view', 'trigger')"
        " AND name NOT LIKE 'sqlite_%' AND name NOT GLOB 'keluhan_cari_*' ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'view' THEN 1 ELSE 2 END, rowid"
    ).fetchall():
        kolom = []
        if jenis != "trigger":
            for r in db.execute(f"PRAGMA table_info({json.dumps(nama)})"):
                kolom.append({"nama": r[1], "tipe": r[2] or "", "wajib": bool(r[3]) or bool(r[5])})
        hasil.append({"jenis": jenis, "nama": nama, "tabel": tabel, "sql": sql, "kolom": kolom})
    urutan = {nama: i for i, nama in enumerate(OBJEK)}
    jenis_urut = {"table": 0, "view": 1, "trigger": 2}
    return sorted(hasil, key=lambda o: (jenis_urut[o["jenis"]], urutan.get(o["nama"], len(urutan))))


def kekurangan(skema: list[dict[str, Any]]) -> list[str]:
    """What the descriptions miss or describe in vain, as readable lines (none when complete)."""
    masalah = []
    ada = {o["nama"] for o in skema}
    for o in skema:
        d = OBJEK.get(o["nama"])
        if d is None:
            masalah.append(f"{o['jenis']} {o['nama']}: tidak ada deskripsi")
            continue
        if not d.id.strip() or not d.en.strip():
            masalah.append(f"{o['nama']}: deskripsi id/en kosong")
        nama_kolom = {k["nama"] for k in o["kolom"]}
        for k in o["kolom"]:
            teks = d.kolom.get(k["nama"])
            if teks is None or not all(x.strip() for x in teks):
                masalah.append(f"{o['nama']}.{k['nama']}: tidak ada deskripsi id dan en")
        for k in d.kolom:
            if k not in nama_kolom:
                masalah.append(f"{o['nama']}.{k}: dideskripsikan tetapi tidak ada di skema")
    for nama in OBJEK:
        if nama not in ada:
            masalah.append(f"{nama}: dideskripsikan tetapi tidak ada di skema")
    return masalah


# -- docs/arsip.md ----------------------------------------------------------------------

_JENIS = {"table": ("Tabel", "table"), "view": ("View", "view"), "trigger": ("Pemicu", "trigger")}


def _sel(teks: str) -> str:
    return teks.replace("|", "\\|").replace("\n", " ")


def dokumen_skema() -> str:
    """The generated body of docs/arsip.md: every table and view with its columns, then triggers."""
    skema = skema_langsung()
    keluar: list[str] = []
    for o in skema:
        if o["jenis"] == "trigger":
            continue
        d = OBJEK[o["nama"]]
        id_, en = _JENIS[o["jenis"]]
        keluar += [f"### {id_} `{o['nama']}` ({en})", "", d.id, "", f"*{d.en}*", ""]
        keluar += ["| kolom | tipe | wajib | arti | meaning |", "| --- | --- | --- | --- | --- |"]
        for k in o["kolom"]:
            a, b = d.kolom[k["nama"]]
            keluar.append(f"| `{k['nama']}` | {k['tipe']} | {'ya' if k['wajib'] else ''} | {_sel(a)} | {_sel(b)} |")
        keluar.append("")
        if o["jenis"] == "view":
            keluar += ["<details><summary>SQL</summary>", "", "```sql", o["sql"].strip(), "```", "", "</details>", ""]
    keluar += ["### Pemicu (triggers)", "", "| pemicu | tabel | arti | meaning |", "| --- | --- | --- | --- |"]
    for o in skema:
        if o["jenis"] == "trigger":
            d = OBJEK[o["nama"]]
            keluar.append(f"| `{o['nama']}` | `{o['tabel']}` | {_sel(d.id)} | {_sel(d.en)} |")
    return "\n".join(keluar) + "\n"


# -- audit queries ----------------------------------------------------------------------


@dataclass(frozen=True)
class Parameter:
    """A query's ``:nama`` parameter: what it means (Indonesian, English), including what an
    empty or unset one means, and an example that returns rows on the demo archive."""

    nama: str
    arti: str
    meaning: str
    contoh: str


@dataclass(frozen=True)
class Kueri:
    """An audit question answered in SQL. Parameters are ``:nama``; an empty one (Datasette
    passes '' for a blank form field) or an unset one (NULL in the sqlite3 shell) takes the
    default the SQL itself states. Every parameter has an example (tests/test_kueri_dokumen.py
    runs each query with its examples, and without, in the sqlite3 shell and in Datasette)."""

    nama: str
    judul: str
    title: str
    penjelasan: str
    description: str
    sql: str
    parameter: tuple[Parameter, ...] = ()

    @property
    def contoh(self) -> dict[str, str]:
        return {p.nama: p.contoh for p in self.parameter}


# The period of a query: [:dari, :sampai] as dates, :sampai included. Blank ones take the
# last complete month (the year, for holidays) in the archive's zone: SQLite's 'now' is
# UTC, and 'today' at 02:00 in Jakarta is still yesterday in UTC, so the offset of the
# archive's latest event ('+07:00'; every stored time carries the archive's one) turns
# UTC into the archive's time.
# Finished statuses, from the transition table (an appeal is open until decided).
_SELESAI = "(" + ", ".join(f"'{s.value}'" for s in sorted(STATUS_AKHIR)) + ")"
_PRIBADI = "(" + ", ".join(f"'{k}'" for k in DATA_PRIBADI) + ")"


def _periode(satuan: str = "month") -> str:
    """The ``periode(dari, sebelum)`` table of a query: where it starts, and the first day
    after it. Blank: the last complete month, or (``satuan='year'``) this year."""
    awal, akhir = ("'-1 month'", "") if satuan == "month" else ("", ", '+1 year'")
    return f"""periode(dari, sebelum) AS (
    SELECT COALESCE(NULLIF(:dari, ''), date('now', z.selisih, 'start of {satuan}'{', ' + awal if awal else ''})),
           COALESCE(date(NULLIF(:sampai, ''), '+1 day'), date('now', z.selisih, 'start of {satuan}'{akhir}))
    FROM (SELECT (SELECT substr(waktu, 20) FROM riwayat ORDER BY urutan DESC LIMIT 1) AS selisih) z
)"""


def _param_periode(apa: str, what: str, dari: str, sampai: str, bawaan: tuple[str, str] = (
        "bulan lengkap terakhir", "the last complete month")) -> tuple[Parameter, Parameter]:
    return (
        Parameter("dari", f"Awal periode ({apa}), YYYY-MM-DD; kosong = awal {bawaan[0]}.",
                  f"Start of the period ({what}), YYYY-MM-DD; empty = the start of {bawaan[1]}.", dari),
        Parameter("sampai", f"Akhir periode, YYYY-MM-DD, termasuk; kosong = akhir {bawaan[0]}.",
                  f"End of the period, YYYY-MM-DD, included; empty = the end of {bawaan[1]}.", sampai),
    )


KUERI: list[Kueri] = [
    Kueri(
        "langkah4_lewat_mutu_baku",
        "Tindak lanjut (langkah 4) yang melewati mutu baku 3 hari kerja dalam suatu periode",
        "Follow-ups (step 4) that missed their 3-working-day standard in a period",
        "Setiap langkah 4 yang tenggatnya jatuh dalam periode (bawaan: bulan lengkap terakhir) dan tidak "
        "dipenuhi: yang selesai sesudah tenggat, dengan durasinya dalam jam kerja, dan yang sampai sekarang "
        "belum selesai padahal tenggatnya sudah lewat (kecuali yang jamnya sedang ditunda: v_terlambat).",
        "Every step 4 whose deadline fell in the period (default: the last complete month) and was "
        "missed: those finished after the deadline, with the duration in working hours, and those still "
        "not done although the deadline has passed (but for those whose clock is paused: v_terlambat).",
        f"""
WITH {_periode()}
SELECT d.nomor, k.instansi, k.tim_teknis, d.petugas, d.mulai, d.batas, d.akhir,
       ROUND(d.menit_kerja / 60.0, 1) AS jam_kerja, 'selesai terlambat' AS keadaan
FROM v_durasi_langkah d
JOIN periode p ON d.batas >= p.dari AND d.batas < p.sebelum
JOIN keluhan k ON k.id = d.keluhan_id
WHERE d.langkah = 4 AND d.patuh = 0
UNION ALL
SELECT k.nomor, k.instansi, k.tim_teknis, NULL, t.mulai, t.batas, NULL, NULL, 'belum selesai, lewat tenggat'
FROM tenggat t
JOIN periode p ON t.batas >= p.dari AND t.batas < p.sebelum
JOIN keluhan k ON k.id = t.keluhan_id
WHERE t.langkah = 4 AND t.lewat_setelah_utc < datetime('now') AND k.ditunda IS NULL
ORDER BY batas
""",
        _param_periode("menurut tenggat langkah 4", "by the step-4 deadline", "2026-10-01", "2026-10-31"),
    ),
    Kueri(
        "verifikasi_keluhan",
        "Siapa memverifikasi keluhan ini, dan kapan",
        "Who verified this complaint, and when",
        "Setiap verifikasi (diterima atau dikembalikan) dengan petugas tindakan yang diverifikasinya: "
        "keduanya harus berbeda (ISO/IEC 17025 7.9.6). Isi nomor atau id; kosong = semua keluhan.",
        "Every verification (accepted or returned) next to the officer whose action it verified: they "
        "must differ (ISO/IEC 17025 7.9.6). Give a number or id; empty = all complaints.",
        """
SELECT k.nomor, r.urutan, r.aksi, r.petugas AS diverifikasi_oleh, r.waktu AS diverifikasi_pada,
       r.dicatat_pada, t.putaran, t.petugas AS petugas_tindakan, t.waktu AS waktu_tindakan,
       json_extract(r.rincian, '$.catatan') AS catatan, json_extract(r.rincian, '$.alasan') AS alasan_kembali
FROM v_waktu_efektif r
JOIN keluhan k ON k.id = r.keluhan_id
LEFT JOIN tindakan t ON t.keluhan_id = r.keluhan_id AND t.putaran = (
    SELECT MAX(t2.putaran) FROM tindakan t2 WHERE t2.keluhan_id = r.keluhan_id AND t2.riwayat_urutan < r.urutan)
WHERE r.aksi IN ('verifikasi_terima', 'verifikasi_kembalikan')
  AND (NULLIF(:nomor, '') IS NULL OR k.nomor = :nomor OR k.id = lower(:nomor))
ORDER BY r.urutan
""",
        (Parameter("nomor", "Nomor atau id keluhan; kosong = semua keluhan.",
                   "Complaint number or id; empty = every complaint.", "002/KP/BBSPJIKFK/X/2026"),),
    ),
    Kueri(
        "dikembalikan",
        "Keluhan yang dikembalikan untuk diperbaiki",
        "Complaints returned for rework",
        "Setiap pengembalian pada langkah 5: oleh siapa, kapan, mengapa, dan berapa putaran tindakan "
        "keluhan itu akhirnya.",
        "Every return at step 5: by whom, when, why, and how many rounds of action the complaint took.",
        """
SELECT k.nomor, k.instansi, k.tim_teknis, r.waktu AS dikembalikan_pada, r.petugas AS dikembalikan_oleh,
       json_extract(r.rincian, '$.alasan') AS alasan,
       (SELECT COUNT(*) FROM tindakan t WHERE t.keluhan_id = k.id) AS jumlah_putaran, k.status
FROM v_waktu_efektif r
JOIN keluhan k ON k.id = r.keluhan_id
WHERE r.aksi = 'verifikasi_kembalikan'
ORDER BY r.waktu
""",
    ),
    Kueri(
        "banding",
        "Banding pelanggan dan putusannya",
        "Customer appeals and their decisions",
        "Keluhan yang dibanding: kapan hasil (yang dibanding) diinformasikan, kapan banding diterima, alasannya, "
        "dan putusannya: kapan, diterima atau ditolak, dasarnya, oleh siapa; kosong bila belum diputus. Tenggat "
        "putusan yang belum ada ada di v_tenggat (langkah 8). Lama putusan dalam menit kerja sejak banding, mutu "
        "bakunya (banding.putusan) dan apakah dipenuhi dari durasi_langkah (langkah 8).",
        "Appealed complaints: when the outcome appealed against was given, when the appeal came and why, and its "
        "decision: when, accepted or rejected, on what grounds, by whom; empty while undecided. A pending "
        "decision's deadline is in v_tenggat (step 8). How long the decision took in working minutes from the "
        "appeal, its standard (banding.putusan) and whether it was met, from durasi_langkah (step 8).",
        """
SELECT k.nomor, k.instansi, k.tim_teknis, i.waktu AS diinformasikan, k.dibanding, k.banding_alasan,
       r.petugas AS dicatat_oleh,
       ROUND(julianday(k.dibanding) - julianday(i.waktu), 1) AS hari_kalender_sejak_informasi,
       k.status, k.diputus, k.putusan, k.putusan_alasan, k.petugas_putusan,
       ROUND(d.menit_kerja, 2) AS menit_kerja_putusan, d.mutu_baku AS mutu_baku_putusan, d.patuh AS putusan_patuh
FROM keluhan k
JOIN riwayat r ON r.keluhan_id = k.id AND r.aksi = 'banding'
LEFT JOIN riwayat p ON p.keluhan_id = k.id AND p.langkah = 8
LEFT JOIN durasi_peristiwa d ON d.riwayat_urutan = p.urutan
LEFT JOIN riwayat i ON i.urutan = (SELECT MAX(x.urutan) FROM riwayat x
                                   WHERE x.keluhan_id = k.id AND x.aksi = 'informasikan' AND x.urutan < r.urutan)
ORDER BY k.dibanding
""",
    ),
    Kueri(
        "kabar_kemajuan",
        "Kabar kemajuan kepada pelanggan",
        "Progress notices to customers",
        "Setiap kabar kemajuan (keluhan kabari; ISO/IEC 17025 7.9.5): keluhan mana, kapan, lewat media apa, apa "
        "yang disampaikan, oleh siapa, status keluhan saat itu, dan kabar keberapa untuk keluhan itu.",
        "Every progress notice (keluhan kabari; ISO/IEC 17025 7.9.5): which complaint, when, through which medium, "
        "what was said, by whom, the complaint's status then, and which notice it was for that complaint.",
        """
SELECT k.nomor, r.waktu, json_extract(r.rincian, '$.media') AS media,
       json_extract(r.rincian, '$.catatan') AS catatan, r.petugas,
       (SELECT s.status_ke FROM riwayat s WHERE s.keluhan_id = r.keluhan_id AND s.status_ke IS NOT NULL
        AND s.urutan < r.urutan ORDER BY s.urutan DESC LIMIT 1) AS status_saat_itu,
       (SELECT COUNT(*) FROM riwayat x WHERE x.keluhan_id = r.keluhan_id AND x.aksi = 'kabari'
        AND x.urutan <= r.urutan) AS kabar_ke
FROM riwayat r
JOIN keluhan k ON k.id = r.keluhan_id
WHERE r.aksi = 'kabari'
ORDER BY r.waktu, r.urutan
""",
    ),
    Kueri(
        "penundaan",
        "Penundaan jam dan alasannya",
        "Clock stops and their reasons",
        "Setiap penundaan (keluhan tunda) yang dimulai dalam periode: keluhan mana, sejak kapan, sampai kapan, apa yang "
        "ditunggu, oleh siapa, pada status apa, apa yang mengakhirinya, dan menit kerja yang ditunda pada langkah yang "
        "diakhirinya (durasi_langkah.menit_tunda; kosong bila langkahnya belum selesai). Penundaan yang masih berjalan "
        "ikut, dengan akhir kosong.",
        "Every pause (keluhan tunda) begun in the period: which complaint, from when to when, what was awaited, by whom, "
        "in which status, what ended it, and the paused working minutes of the step it belongs to "
        "(durasi_langkah.menit_tunda; empty while the step is not done). Pauses still running are listed with an empty "
        "end.",
        f"""
WITH {_periode()}
SELECT t.nomor, t.mulai, t.akhir, t.alasan, t.petugas, t.status, t.diakhiri_oleh, t.berjalan,
       (SELECT d.menit_tunda FROM durasi_langkah d WHERE d.keluhan_id = t.keluhan_id
        AND julianday(d.mulai) <= julianday(t.mulai) AND julianday(d.akhir) >= julianday(t.mulai)
        ORDER BY d.riwayat_urutan LIMIT 1) AS menit_tunda_langkah
FROM v_tunda t, periode p
WHERE t.mulai >= p.dari AND t.mulai < p.sebelum
ORDER BY t.mulai, t.urutan
""",
        _param_periode("tanggal mulai penundaan", "the pause's start date", "2026-11-01", "2026-11-30"),
    ),
    Kueri(
        "per_tim_teknis",
        "Keluhan per Tim Teknis",
        "Complaints per technical team",
        "Jumlah keluhan yang dicatat dalam periode (bawaan: bulan lengkap terakhir) dan diteruskan ke setiap "
        "Tim Teknis, berapa yang sudah selesai, yang masih terbuka, yang tindak lanjutnya melewati mutu baku, "
        "dan yang dibanding; keluhan yang dibatalkan tidak dihitung.",
        "Complaints recorded in the period (default: the last complete month) and forwarded to each "
        "technical team, how many are closed, still open, had a late follow-up, or were appealed; voided "
        "complaints are not counted.",
        f"""
WITH {_periode()}
SELECT k.tim_teknis, COUNT(*) AS jumlah,
       SUM(k.status IN {_SELESAI}) AS selesai,
       SUM(k.status NOT IN {_SELESAI}) AS terbuka,
       SUM(EXISTS (SELECT 1 FROM durasi_langkah d WHERE d.keluhan_id = k.id AND d.langkah = 4 AND d.patuh = 0))
           AS tindak_lanjut_terlambat,
       SUM(k.dibanding IS NOT NULL) AS banding
FROM keluhan k
JOIN periode p ON k.dicatat >= p.dari AND k.dicatat < p.sebelum
WHERE k.tim_teknis IS NOT NULL AND k.status <> 'batal'
GROUP BY k.tim_teknis
ORDER BY jumlah DESC, k.tim_teknis
""",
        _param_periode("menurut waktu dicatat", "by recording time", "2026-10-01", "2026-10-31"),
    ),
    Kueri(
        "dicatat_belakangan",
        "Peristiwa yang dicatat belakangan",
        "Events recorded after the fact",
        "Langkah yang ditulis ke arsip lebih dari N jam (bawaan 24) sesudah terjadi (dicatat_pada jauh "
        "sesudah waktu), termasuk riwayat hasil impor (kolom berkas_impor).",
        "Steps written to the archive more than N hours (default 24) after they happened (dicatat_pada "
        "far after waktu), imported histories included (column berkas_impor).",
        """
SELECT k.nomor, r.urutan, r.aksi, r.petugas, r.waktu, r.dicatat_pada,
       ROUND((julianday(r.dicatat_pada) - julianday(r.waktu)) * 24, 1) AS jam_kemudian,
       json_extract(r.rincian, '$.impor.berkas') AS berkas_impor
FROM v_waktu_efektif r
JOIN keluhan k ON k.id = r.keluhan_id
WHERE (julianday(r.dicatat_pada) - julianday(r.waktu)) * 24 > CAST(COALESCE(NULLIF(:jam, ''), '24') AS REAL)
ORDER BY jam_kemudian DESC, r.urutan
""",
        (Parameter("jam", "Batas jam antara kejadian dan pencatatan; kosong = 24.",
                   "Hours between the step and its writing; empty = 24.", "24"),),
    ),
    Kueri(
        "koreksi",
        "Koreksi dan alasannya",
        "Corrections and their reasons",
        "Setiap koreksi isian, waktu langkah (kolom waktu, peristiwa = nomor peristiwanya) dan tindakan (putaran): "
        "kolom, nilai lama, nilai baru, alasan, oleh siapa dan kapan. Riwayat tidak "
        "pernah diubah; koreksi adalah peristiwa baru. Nilai data pribadi (nama, alamat, telepon, email) "
        "tidak ditampilkan.",
        "Every correction of a field, a step's time (column waktu, peristiwa = its event number) or a CAPA round "
        "(putaran): column, old value, new value, reason, by whom and when. History is "
        "never rewritten; a correction is a new event. Values of personal data (name, address, phone, "
        "e-mail) are not shown.",
        f"""
SELECT k.nomor, r.urutan, r.waktu, r.petugas, json_extract(r.rincian, '$.kolom') AS kolom,
       CASE WHEN json_extract(r.rincian, '$.kolom') IN {_PRIBADI} THEN '(data pribadi)'
            ELSE json_extract(r.rincian, '$.lama') END AS nilai_lama,
       CASE WHEN json_extract(r.rincian, '$.kolom') IN {_PRIBADI} THEN '(data pribadi)'
            ELSE json_extract(r.rincian, '$.baru') END AS nilai_baru,
       json_extract(r.rincian, '$.alasan') AS alasan,
       json_extract(r.rincian, '$.peristiwa') AS peristiwa, json_extract(r.rincian, '$.putaran') AS putaran
FROM v_waktu_efektif r
JOIN keluhan k ON k.id = r.keluhan_id
WHERE r.aksi = 'koreksi'
ORDER BY r.urutan
""",
    ),
    Kueri(
        "terbuka_lebih_dari",
        "Keluhan terbuka yang lebih tua dari N hari kerja",
        "Open complaints older than N working days",
        "Keluhan yang belum selesai, dengan umurnya dalam hari kerja sejak dicatat (hari sesudah tanggal "
        "dicatat sampai hari ini, menurut jam_kerja dan libur arsip); bawaan N = 3. Perlu SQLite 3.35 (2021) "
        "atau lebih baru.",
        "Unfinished complaints with their age in working days since recording (days after the recording "
        "date up to today, by the archive's jam_kerja and libur); default N = 3. Needs SQLite 3.35 (2021) "
        "or later.",
        f"""
WITH RECURSIVE hari(d) AS (
    SELECT MIN(substr(dicatat, 1, 10)) FROM keluhan WHERE status NOT IN {_SELESAI}
    UNION ALL
    SELECT date(d, '+1 day') FROM hari WHERE d < date('now', '+14 hours')
),
hari_kerja(d) AS MATERIALIZED (  -- counted once, not once per complaint
    SELECT d FROM hari
    WHERE EXISTS (SELECT 1 FROM jam_kerja j
                  WHERE j.hari = (CAST(strftime('%w', hari.d) AS INTEGER) + 6) % 7 AND j.mulai IS NOT NULL)
      AND NOT EXISTS (SELECT 1 FROM libur l WHERE l.tanggal = hari.d AND l.dihapus IS NULL)
),
umur AS (
    SELECT k.*, (SELECT COUNT(*) FROM hari_kerja h
                 WHERE h.d > substr(k.dicatat, 1, 10)
                   AND h.d <= date('now', substr(k.dicatat, 20))) AS hari_kerja_terbuka
    FROM keluhan k WHERE k.status NOT IN {_SELESAI}
)
SELECT nomor, instansi, status, tim_teknis, dicatat, waktu_status, hari_kerja_terbuka
FROM umur
WHERE hari_kerja_terbuka > CAST(COALESCE(NULLIF(:hari, ''), '3') AS INTEGER)
ORDER BY hari_kerja_terbuka DESC, nomor
""",
        (Parameter("hari", "Umur terkecil dalam hari kerja; kosong = 3.",
                   "Smallest age in working days; empty = 3.", "3"),),
    ),
    Kueri(
        "libur_dalam_periode",
        "Hari libur yang berlaku dalam suatu periode",
        "Holidays that counted in a period",
        "Hari libur dan cuti bersama yang berlaku (bawaan: tahun ini): harinya, apakah jatuh pada hari kerja "
        "(libur pada Sabtu atau Minggu tidak mengubah hitungan), berapa langkah keluhan yang rentangnya "
        "melintasinya (hanya bila jatuh pada hari kerja), dan siapa yang menambahkannya bila manual.",
        "Holidays and cuti bersama in force (default: this year): the weekday, whether it fell on a working "
        "day (a holiday on Saturday or Sunday changes no count), how many complaint steps spanned it (only "
        "when it fell on a working day), and who added it when added by hand.",
        f"""
WITH {_periode("year")}
SELECT l.tanggal, l.nama, j.nama_hari AS hari, (j.mulai IS NOT NULL) AS menggantikan_hari_kerja,
       CASE WHEN j.mulai IS NULL THEN 0 ELSE (
           SELECT COUNT(*) FROM durasi_langkah d
           WHERE d.akhir >= l.tanggal AND d.mulai < date(l.tanggal, '+1 day')) END AS langkah_melintasi,
       l.sumber, l.ditambahkan_oleh, l.alasan_tambah
FROM libur l
JOIN periode p ON l.tanggal >= p.dari AND l.tanggal < p.sebelum
JOIN jam_kerja j ON j.hari = (CAST(strftime('%w', l.tanggal) AS INTEGER) + 6) % 7
WHERE l.dihapus IS NULL
ORDER BY l.tanggal
""",
        _param_periode("tanggal libur", "holiday date", "2026-01-01", "2026-12-31", ("tahun ini", "this year")),
    ),
    Kueri(
        "dibatalkan",
        "Keluhan yang dibatalkan (salah catat)",
        "Voided complaints (recorded by mistake)",
        "Setiap pembatalan (keluhan batal): nomor yang tetap terpakai, kapan dicatat dan dibatalkan, oleh siapa, "
        "mengapa, dari status apa, dan berapa putaran tindakan yang ada (harus 0: sesudah FTKP, SOP berjalan "
        "sampai selesai). Keluhan ini tidak dihitung dalam rekap kecuali sebagai batal. Isi nomor atau id; "
        "kosong = semua.",
        "Every void (keluhan batal): the number, which stays used, when it was recorded and voided, by whom, "
        "why, from which status, and how many CAPA rounds it had (must be 0: after a CAPA the SOP runs to "
        "its end). Such complaints count in the recap only as batal. Give a number or id; empty = all.",
        """
SELECT k.nomor, k.dicatat, r.waktu AS dibatalkan, r.petugas AS dibatalkan_oleh,
       json_extract(r.rincian, '$.alasan') AS alasan, r.status_dari AS status_sebelumnya, r.dicatat_pada,
       (SELECT COUNT(*) FROM tindakan t WHERE t.keluhan_id = k.id) AS putaran_tindakan
FROM riwayat r
JOIN keluhan k ON k.id = r.keluhan_id
WHERE r.aksi = 'batal'
  AND (NULLIF(:nomor, '') IS NULL OR k.nomor = :nomor OR k.id = lower(:nomor))
ORDER BY r.urutan
""",
        (Parameter("nomor", "Nomor atau id keluhan; kosong = semua keluhan yang dibatalkan.",
                   "Complaint number or id; empty = every voided complaint.", "013/KP/BBSPJIKFK/XI/2026"),),
    ),
    Kueri(
        "kepatuhan_bulanan",
        "Kepatuhan bulanan per langkah",
        "Monthly compliance per step",
        "Untuk setiap bulan dan langkah SOP: berapa langkah selesai, berapa yang memenuhi mutu baku, "
        "berapa persen (bulan = bulan peristiwa). Isi tahun untuk membatasi; kosong = semua.",
        "For each month and SOP step: how many step events, how many met the standard, what percentage "
        "(month = the event's month). Give a year to restrict; empty = all.",
        """
SELECT bulan, langkah, jumlah, patuh, jumlah - patuh AS terlambat, persen_patuh
FROM v_kepatuhan_bulanan
WHERE NULLIF(:tahun, '') IS NULL OR substr(bulan, 1, 4) = CAST(:tahun AS TEXT)
ORDER BY bulan, langkah
""",
        (Parameter("tahun", "Tahun, YYYY; kosong = semua tahun.", "Year, YYYY; empty = every year.", "2026"),),
    ),
    Kueri(
        "tinjauan_efektivitas_tertunda",
        "Tinjauan efektivitas tindakan yang tertunda dan yang lewat jatuh tempo",
        "Pending and overdue effectiveness reviews of corrective actions",
        "Setiap putaran tindakan yang diverifikasi diterima tetapi belum dinyatakan efektif (ISO/IEC 17025 8.7.1 e): "
        "sejak kapan tinjauannya dihitung, berapa hari kerja, hari jatuh temponya, dan yang sudah lewat lebih dulu. "
        "Peninjau harus bukan petugas_tindakan dan bukan penanggung_jawab.",
        "Every CAPA round accepted at step 5 but not yet found effective (ISO/IEC 17025 8.7.1 e): when its review "
        "counts from, how many working days, the day it falls due, overdue ones first. The reviewer must be neither "
        "petugas_tindakan nor penanggung_jawab.",
        """
SELECT e.nomor, k.instansi, k.tim_teknis, e.putaran, e.petugas_tindakan, e.penanggung_jawab, e.diverifikasi_pada,
       e.efektivitas AS tinjauan_terakhir, e.efektivitas_pada, e.efektivitas_tindak_lanjut, e.sejak,
       e.setelah AS hari_kerja, e.jatuh_tempo,
       CASE e.terlambat WHEN 1 THEN 'lewat jatuh tempo' ELSE 'belum jatuh tempo' END AS keadaan
FROM v_efektivitas e
JOIN keluhan k ON k.id = e.keluhan_id
WHERE e.keadaan = 'belum'
ORDER BY e.terlambat DESC, e.jatuh_tempo, e.nomor, e.putaran
""",
    ),
    Kueri(
        "kepuasan_periode",
        "Kepuasan pelanggan dan IKM dalam suatu periode",
        "Customer satisfaction and the IKM in a period",
        "Jawaban kepuasan (jawaban terakhir tiap keluhan, sesudah koreksi) yang diberikan dalam periode (bawaan: bulan "
        "lengkap terakhir): sebarannya, nilai rata-rata, IKM = rata-rata x 25 (dibulatkan ke atas pada setengah, dua "
        "desimal) dan mutu pelayanan PermenPANRB 14/2017 (A 88,31-100; B 76,61-88,30; C 65,00-76,60; D 25,00-64,99), "
        "serta berapa pelanggan menerima hasilnya. Rekap yang ditandatangani menghitung hal yang sama pada jangkarnya.",
        "Satisfaction answers (each complaint's latest, corrections applied) given in the period (default: the last "
        "complete month): their spread, the mean, IKM = mean x 25 (half up, two decimals) and the PermenPANRB 14/2017 "
        "grade (A 88.31-100; B 76.61-88.30; C 65.00-76.60; D 25.00-64.99), and how many customers accept the result. "
        "A signed recap counts the same as of its anchor.",
        f"""
WITH {_periode()},
j AS (
    SELECT k.kepuasan_nilai AS nilai, k.kepuasan_menerima AS menerima
    FROM keluhan k
    JOIN periode p ON k.dinilai >= p.dari AND k.dinilai < p.sebelum
    WHERE k.kepuasan_nilai IS NOT NULL
),
r AS (
    SELECT COUNT(*) AS jumlah, SUM(nilai = 1) AS nilai_1, SUM(nilai = 2) AS nilai_2, SUM(nilai = 3) AS nilai_3,
           SUM(nilai = 4) AS nilai_4, SUM(nilai) AS total, SUM(menerima = 1) AS menerima,
           SUM(menerima = 0) AS tidak_menerima
    FROM j
),
i AS (SELECT r.*, ROUND(total * 2500.0 / jumlah) / 100.0 AS ikm FROM r)
SELECT jumlah, IFNULL(nilai_1, 0) AS nilai_1, IFNULL(nilai_2, 0) AS nilai_2, IFNULL(nilai_3, 0) AS nilai_3,
       IFNULL(nilai_4, 0) AS nilai_4, ROUND(total * 1.0 / jumlah, 4) AS rata_rata, ikm,
       CASE WHEN ikm IS NULL THEN NULL WHEN ikm >= 88.31 THEN 'A' WHEN ikm >= 76.61 THEN 'B'
            WHEN ikm >= 65.00 THEN 'C' ELSE 'D' END AS mutu,
       IFNULL(menerima, 0) AS menerima, IFNULL(tidak_menerima, 0) AS tidak_menerima
FROM i
""",
        _param_periode("menurut waktu pelanggan menjawab", "by when the customer answered", "2026-10-01", "2026-11-30"),
    ),
    # Issue 16, recurrence (keluhan/berulang.py).
    Kueri(
        "kaitan_keluhan",
        "Keluhan yang dikaitkan satu sama lain",
        "Complaints linked to one another",
        "Setiap kaitan antarkeluhan (keluhan kaitkan), dilihat dari kedua keluhannya: nomor, keluhan terkait, arah "
        "(ke: dicatat pada keluhan ini; dari: pada keluhan terkait), kapan, oleh siapa, mengapa, dan status keduanya. "
        "Isi nomor untuk satu keluhan; kosong = semua.",
        "Every link between complaints (keluhan kaitkan), seen from both complaints: number, linked complaint, "
        "direction (ke: recorded on this one; dari: on the linked one), when, by whom, why, and both statuses. Give a "
        "number for one complaint; empty = all.",
        """
SELECT v.nomor, v.nomor_terkait, v.arah, v.waktu, v.petugas, v.alasan, k.status, t.status AS status_terkait
FROM v_kaitan v
JOIN keluhan k ON k.nomor = v.nomor
LEFT JOIN keluhan t ON t.nomor = v.nomor_terkait
WHERE NULLIF(:nomor, '') IS NULL OR v.nomor = :nomor OR k.id = lower(:nomor)
ORDER BY v.nomor, v.riwayat_urutan
""",
        (Parameter("nomor", "Nomor atau id keluhan; kosong = semua keluhan.",
                   "Complaint number or id; empty = every complaint.", "012/KP/BBSPJIKFK/XI/2026"),),
    ),
    Kueri(
        "pelanggan_berulang",
        "Keluhan dari pelanggan yang sudah mengeluh sebelumnya",
        "Complaints from customers who complained before",
        "Setiap keluhan yang dicatat dalam periode (bawaan: bulan lengkap terakhir) dengan keluhan sebelumnya dari "
        "pelanggan yang sama (email, telepon atau instansi yang sama sesudah dinormalkan, tabel kunci_pelanggan) paling "
        "lama berulang.hari hari kalender sebelumnya (nilai terakhir di pengaturan_riwayat, bawaan 180): kunci yang "
        "sama (tanpa nilainya, yang data pribadi), keluhan sebelumnya, statusnya, dan selang harinya. Keluhan yang "
        "dibatalkan ikut tercantum dengan statusnya (batal: biasanya catatan ganda, bukan keluhan berulang); rekap "
        "tidak menghitungnya.",
        "Every complaint recorded in the period (default: the last complete month) with an earlier complaint of the "
        "same customer (the same e-mail, phone or organisation once normalised, table kunci_pelanggan) at most "
        "berulang.hari calendar days before (the latest value in pengaturan_riwayat, default 180): the shared key "
        "(not its value, which is personal data), the earlier complaint, its status and the days between. Voided "
        "complaints are listed with their status (batal: usually a duplicate record, not a repeat); the recap does "
        "not count them.",
        f"""
WITH {_periode()},
h AS (
    SELECT COALESCE((SELECT CAST(nilai AS INTEGER) FROM pengaturan_riwayat WHERE kunci = 'berulang.hari'
                     ORDER BY COALESCE(berlaku_sejak, '') DESC, urutan DESC LIMIT 1), 180) AS hari
)
SELECT k.nomor, k.dicatat, k.status, p.jenis AS sama, e.nomor AS nomor_sebelumnya,
       e.dicatat AS dicatat_sebelumnya, e.status AS status_sebelumnya,
       ROUND(julianday(k.dicatat) - julianday(e.dicatat), 1) AS selang_hari
FROM periode pr
JOIN keluhan k ON k.dicatat >= pr.dari AND k.dicatat < pr.sebelum
JOIN kunci_pelanggan p ON p.keluhan_id = k.id
JOIN kunci_pelanggan q ON q.jenis = p.jenis AND q.kunci = p.kunci AND q.keluhan_id <> p.keluhan_id
JOIN keluhan e ON e.id = q.keluhan_id
JOIN h
WHERE julianday(e.dicatat) < julianday(k.dicatat) AND julianday(k.dicatat) - julianday(e.dicatat) <= h.hari
ORDER BY k.dicatat, k.nomor, e.dicatat DESC, p.jenis
""",
        _param_periode("menurut waktu keluhan dicatat", "by when the complaint was recorded", "2026-11-01", "2026-11-30"),
    ),
]


KUERI.append(
    Kueri(
        "keluhan_per_akar_masalah",
        "Keluhan per kode akar masalah (Pareto)",
        "Complaints per root-cause code (Pareto)",
        "Berapa keluhan yang dicatat dalam periode (bawaan: tahun ini) untuk setiap kode akar masalah putaran "
        "tindakan terakhirnya, terbanyak dulu, dengan persentase dan persentase kumulatifnya di antara keluhan yang "
        "dikodekan (Pareto; ISO/IEC 17025 8.7.1 b). Keluhan yang tindakannya tidak dikodekan ada pada baris kode kosong. "
        "Rekap menghitung hal yang sama pada akhir periode dan jangkarnya.",
        "How many complaints recorded in the period (default: this year) have each root-cause code in their latest "
        "CAPA round, most first, with the percentage and the cumulative percentage among the coded ones (Pareto; "
        "ISO/IEC 17025 8.7.1 b). Complaints whose CAPA is not coded are on the row with an empty code. The recap counts the "
        "same as of the period's end and its anchor.",
        f"""
WITH {_periode("year")},
a AS (
    SELECT a.kode_akar, COUNT(*) AS jumlah
    FROM v_akar_masalah a
    JOIN keluhan k ON k.id = a.keluhan_id
    JOIN periode p ON k.dicatat >= p.dari AND k.dicatat < p.sebelum
    GROUP BY a.kode_akar
),
u AS (
    SELECT kode_akar, jumlah, (SELECT SUM(jumlah) FROM a WHERE kode_akar IS NOT NULL) AS dikodekan,
           SUM(jumlah) OVER (ORDER BY kode_akar IS NULL, jumlah DESC, kode_akar ROWS UNBOUNDED PRECEDING) AS kumulatif
    FROM a
)
SELECT kode_akar, jumlah,
       CASE WHEN kode_akar IS NOT NULL THEN ROUND(100.0 * jumlah / dikodekan, 1) END AS persen,
       CASE WHEN kode_akar IS NOT NULL THEN ROUND(100.0 * kumulatif / dikodekan, 1) END AS persen_kumulatif
FROM u
ORDER BY kode_akar IS NULL, jumlah DESC, kode_akar
""",
        _param_periode("menurut waktu keluhan dicatat", "by when the complaint was recorded", "2026-01-01", "2026-12-31",
                       ("tahun ini", "this year")),
    )
)


def nama_parameter(sql: str) -> list[str]:
    """The ``:nama`` parameters of a query, in order of first use."""
    import re

    return list(dict.fromkeys(re.findall(r"(?<![:\w]):([a-z_]+)", sql)))


def jalankan_kueri(db: sqlite3.Connection, kueri: Kueri, parameter: dict[str, str] | None = None) -> list[sqlite3.Row]:
    """Run an audit query as Datasette would: every ``:nama`` bound, blank when not given."""
    nilai = {n: (parameter or {}).get(n, "") for n in nama_parameter(kueri.sql)}
    return db.execute(kueri.sql, nilai).fetchall()


def baris_param(nama: str, nilai: str) -> str:
    """The sqlite3 shell line that sets ``:nama`` to the text ``nilai``. The shell evaluates
    the value as SQL: `.param set :dari '2026-10-01'` loses its quotes and becomes 2015
    (2026 - 10 - 1); single quotes inside double quotes keep it text."""
    return f""".param set :{nama} "'{nilai.replace("'", "''")}'\""""


def blok_sqlite3(kueri: Kueri) -> str:
    """What a reader pastes into ``sqlite3 archive.db``: the examples, then the query."""
    baris = [".param clear", *(baris_param(p.nama, p.contoh) for p in kueri.parameter)]
    return "\n".join([*baris, kueri.sql.strip() + ";"])


def dokumen_kueri() -> str:
    """The audit queries section of docs/arsip.md."""
    keluar: list[str] = []
    for i, q in enumerate(KUERI, start=1):
        keluar += [f"### {i}. {q.judul}", "", f"*{q.title}* — Datasette: `/archive/{q.nama}`", "", q.penjelasan, "",
                   f"*{q.description}*", ""]
        if q.parameter:
            keluar += ["| parameter | arti | meaning | contoh |", "| --- | --- | --- | --- |"]
            keluar += [f"| `:{p.nama}` | {_sel(p.arti)} | {_sel(p.meaning)} | `{p.contoh}` |" for p in q.parameter]
            keluar += ["", "In `sqlite3` (the `.param set` lines set the examples; leave them out for the defaults):", ""]
        keluar += ["```sql", blok_sqlite3(q), "```", ""]
    return "\n".join(keluar)


# -- regenerating docs/arsip.md ------------------------------------------------------------
# The Datasette metadata is no longer a checked-in file: ``keluhan datasette`` writes it for
# the archive at hand (keluhan/datasette_auditor.py), from the descriptions above.


def main(argv: list[str] | None = None) -> None:
    """``python -m keluhan.skema``: rewrite docs/arsip.md from the live schema (``make docs``)."""
    from keluhan import dokumen

    jalur = dokumen.DOCS / "arsip.md"
    lama = jalur.read_text(encoding="utf-8")
    baru = dokumen.isi_baru(lama)
    if baru != lama:
        jalur.write_text(baru, encoding="utf-8")
        print(f"diperbarui: {jalur.relative_to(dokumen.DOCS.parent)}")
    tulis_versi_skema()


def isi_versi_skema() -> str:
    """keluhan/versi_skema.py as it must read: its text with ``VERSI`` the number of migrations."""
    import re

    from keluhan import migrasi, versi_skema

    teks = Path(versi_skema.__file__).read_text(encoding="utf-8")
    return re.sub(r"(?m)^VERSI = \d+$", f"VERSI = {migrasi.versi_terbaru()}", teks)


def tulis_versi_skema() -> None:
    """Rewrite keluhan/versi_skema.py when the migrations' count changed."""
    from keluhan import versi_skema

    jalur = Path(versi_skema.__file__)
    baru = isi_versi_skema()
    if baru != jalur.read_text(encoding="utf-8"):
        jalur.write_text(baru, encoding="utf-8")
        print("diperbarui: keluhan/versi_skema.py")


if __name__ == "__main__":
    main()
