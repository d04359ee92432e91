"""Demo content: facts about episode 40 of the series, written in the project's own words.

Only the facts reported for the real episode are presented as real. The upcoming episode is
an example and says so in its title and summary.
"""

import datetime

SETTINGS = {
    "organisation_name": "Badan Pengembangan Sumber Daya Manusia Provinsi Sulawesi Selatan",
    "organisation_short_name": "BPSDM Sulsel",
    "footer_text": "Webinar ASN Adaptif: belajar bersama aparatur Sulawesi Selatan, terbuka untuk umum.",
    # Contact details are examples, marked as such: staff enter the real ones in Pengaturan situs.
    "address": "Alamat kantor (contoh)\nMakassar, Sulawesi Selatan",
    "map_url": "https://www.openstreetmap.org/search?query=Makassar",
    "phone": "0411 000 000",
    "whatsapp_number": "0811 0000 0000",
    "email": "kontak@bpsdm.example",
    "certificates_baseline": 75404,
    "certificates_baseline_episode": 40,
}

# The certificate's signatory: invented and marked as an example on every certificate it signs,
# never a real official's name. Staff put the real one in Pengaturan › Pengaturan sertifikat.
CERTIFICATE_SETTINGS = {
    "signatory_name": "Nama Penanda Tangan (Contoh)",
    "signatory_title": "Kepala BPSDM Provinsi Sulawesi Selatan (contoh)",
    "signatory_nip": "197001011995031001",
    "place": "Makassar",
}

HOME = {
    "title": "Webinar ASN Adaptif",
    "intro": (
        "Seri webinar BPSDM Provinsi Sulawesi Selatan untuk pengembangan kompetensi aparatur. "
        "Ikuti siarannya, tonton rekamannya, dan dapatkan sertifikat yang dihitung sebagai jam pelajaran."
    ),
}

INDEXES = {
    "episodes": {
        "title": "Webinar",
        "slug": "webinar",
        "intro": "Semua episode ASN Adaptif, yang akan datang dan yang sudah berlangsung.",
    },
    "speakers": {
        "title": "Narasumber",
        "slug": "narasumber",
        "intro": "Para narasumber, moderator dan pemberi sambutan di seri ASN Adaptif.",
    },
    "news": {
        "title": "Berita",
        "slug": "berita",
        "intro": "Kabar dari setiap episode dan kegiatan pembelajaran ASN di Sulawesi Selatan.",
    },
    # Its figures come from the episodes and the baseline in SETTINGS: 2.888 participants of
    # Seri ke-40 and 75.404 certificates by then, the only figures the series has reported.
    "statistics": {
        "title": "Statistik",
        "slug": "statistik",
        "intro": (
            "Arsip angka seri ASN Adaptif: peserta dan sertifikat setiap episode, jumlahnya, dan "
            "grafiknya. Setiap angka disertai sumbernya."
        ),
    },
}

ABOUT = {
    "title": "Tentang ASN Adaptif",
    "slug": "tentang",
    "intro": "Seri webinar pembelajaran yang diselenggarakan BPSDM Provinsi Sulawesi Selatan.",
    "body": [
        (
            "paragraph",
            "<p>ASN Adaptif adalah seri webinar daring yang diselenggarakan oleh Badan Pengembangan "
            "Sumber Daya Manusia (BPSDM) Provinsi Sulawesi Selatan. Setiap episode disiarkan lewat Zoom "
            "dan kanal YouTube BPSDM Sulsel, terbuka bagi ASN dan masyarakat umum.</p>",
        ),
        ("heading", "Sertifikat dan jam pelajaran"),
        (
            "paragraph",
            "<p>Undang-Undang Nomor 20 Tahun 2023 tentang ASN, Pasal 49, mewajibkan setiap ASN "
            "mengembangkan kompetensinya secara terus-menerus. PNS menargetkan sedikitnya 20 jam "
            "pelajaran (JP) setahun dan PPPK 24 JP. Peserta yang mengikuti episode hingga selesai "
            "menerima sertifikat yang mencatat nilai JP episode tersebut.</p>",
        ),
        ("paragraph", "<p>Sampai Seri ke-40, seri ini telah menerbitkan 75.404 sertifikat pembelajaran.</p>"),
    ],
}

PRIVACY = {
    "title": "Kebijakan Privasi",
    "slug": "kebijakan-privasi",
    "intro": "Data pribadi apa yang kami simpan saat Anda mendaftar webinar, untuk apa, dan berapa lama.",
    "body": [
        ("heading", "Data yang kami simpan"),
        (
            "paragraph",
            "<p>Saat mendaftar, Anda mengisi nama lengkap, email, nomor WhatsApp, jenis peserta, NIP "
            "(untuk PNS dan PPPK), instansi, jabatan, dan kabupaten/kota. Kami juga mencatat waktu "
            "pendaftaran dan persetujuan Anda.</p>",
        ),
        ("heading", "Untuk apa"),
        (
            "paragraph",
            "<ul><li>Mengirim konfirmasi, tautan bergabung dan pengingat acara.</li>"
            "<li>Mencatat kehadiran dan menerbitkan sertifikat atas nama Anda.</li>"
            "<li>Menyusun statistik seri secara agregat; angka di bawah lima orang tidak "
            "ditampilkan.</li></ul>"
            "<p>Data Anda tidak dijual, tidak dipakai untuk iklan, dan tidak tampil di halaman "
            "publik.</p>",
        ),
        ("heading", "Berapa lama"),
        (
            "paragraph",
            "<p>Data pendaftaran disimpan selama dua tahun setelah episode berlangsung, lalu dianonimkan. "
            "Sertifikat yang sudah terbit tetap dapat diverifikasi.</p>",
        ),
        ("heading", "Hak Anda"),
        (
            "paragraph",
            "<p>Sesuai UU No. 27 Tahun 2022 tentang Pelindungan Data Pribadi, Anda dapat meminta salinan, "
            "perbaikan atau penghapusan data Anda dengan menghubungi panitia BPSDM Sulsel. Anda dapat "
            "membatalkan pendaftaran kapan saja lewat tautan di email konfirmasi.</p>",
        ),
    ],
}

SPEAKERS = [
    {
        "key": "jufri",
        "title": "Prof. Muhammad Jufri, M.Si., M.Psi., Psikolog",
        "sort_name": "Muhammad Jufri",
        "slug": "muhammad-jufri",
        "position": "Kepala BPSDM Provinsi Sulawesi Selatan",
        "institution": "Pemerintah Provinsi Sulawesi Selatan",
        "biography": "<p>Memimpin BPSDM Provinsi Sulawesi Selatan dan membuka Seri ke-40 ASN Adaptif.</p>",
    },
    {
        "key": "arwin",
        "title": "Dr. Drs. Arwin Malik, M.Si.",
        "sort_name": "Arwin Malik",
        "slug": "arwin-malik",
        "position": "Widyaiswara Ahli Madya",
        "institution": "BPSDM Provinsi Sulawesi Selatan",
        "biography": "<p>Widyaiswara yang membawakan materi tentang manfaat pembelajaran di tempat kerja "
        "bagi ASN pada Seri ke-40.</p>",
    },
    {
        "key": "djajadi",
        "title": "Dr. Muh. Djajadi, S.Pd., M.Pd.",
        "sort_name": "Muh. Djajadi",
        "slug": "muh-djajadi",
        "position": "Widyaiswara Ahli Madya",
        "institution": "BPSDM Provinsi Sulawesi Selatan",
        "biography": "<p>Widyaiswara yang membahas cara menerapkan pembelajaran di tempat kerja dalam "
        "unit kerja pada Seri ke-40.</p>",
    },
    {
        "key": "astuti",
        "title": "Astuti Azis, S.Pd., M.Ed., Ph.D.",
        "sort_name": "Astuti Azis",
        "slug": "astuti-azis",
        "position": "",
        "institution": "",
        "biography": "<p>Memandu jalannya diskusi sebagai moderator Seri ke-40.</p>",
    },
]

EPISODE_40 = {
    "series_number": 40,
    "title": "Workplace Learning: Membangun Produktivitas ASN Melalui Pembelajaran di Tempat Kerja",
    "slug": "seri-40-workplace-learning",
    "summary": (
        "Seri ke-40 membahas workplace learning: cara ASN mengembangkan kompetensi sambil "
        "bekerja, tanpa meninggalkan tugas, sebagai jalan menuju birokrasi yang produktif."
    ),
    "start": datetime.datetime(2025, 7, 10, 9, 0),
    "end": datetime.datetime(2025, 7, 10, 12, 0),
    "reported_participants": 2888,
    "tags": ["workplace learning", "produktivitas", "pengembangan kompetensi"],
    "roles": [
        ("jufri", "sambutan", ""),
        ("arwin", "narasumber", ""),
        ("djajadi", "narasumber", ""),
        ("astuti", "moderator", ""),
    ],
    "body": [
        (
            "paragraph",
            "<p>Episode ini mengangkat pembelajaran di tempat kerja (workplace learning, WPL) sebagai "
            "pendekatan pengembangan kompetensi yang dekat dengan pekerjaan sehari-hari ASN. "
            "Pembelajarannya berlangsung di unit kerja, sehingga hasilnya langsung terasa pada kinerja.</p>",
        ),
        ("heading", "Yang dibahas"),
        (
            "paragraph",
            "<ul><li>Mengapa WPL hemat biaya dan mudah menyesuaikan diri dengan kebutuhan organisasi.</li>"
            "<li>Kaitan WPL dengan kewajiban pengembangan kompetensi: 20 JP setahun bagi PNS "
            "dan 24 JP bagi PPPK.</li>"
            "<li>Langkah menerapkan WPL di unit kerja: menutup kesenjangan kompetensi, belajar dari "
            "pengalaman, dan membangun budaya kerja kolaboratif.</li></ul>",
        ),
    ],
}

EXAMPLE_EPISODE = {
    "series_number": 41,
    "title": "Contoh: Literasi Data untuk Pelayanan Publik",
    "slug": "contoh-seri-41-literasi-data",
    "summary": (
        "Episode contoh untuk memperlihatkan tampilan episode yang akan datang. Tema, jadwal dan "
        "narasumber episode berikutnya diumumkan oleh BPSDM Sulsel."
    ),
    "jp": 2,
    "tags": ["contoh"],
}

ARTICLE_40 = {
    "title": "Seri ke-40 ASN Adaptif Bahas Workplace Learning untuk Produktivitas ASN",
    "slug": "seri-40-bahas-workplace-learning",
    "date": datetime.date(2025, 7, 10),
    "author": "Redaksi ASN Adaptif",
    "intro": (
        "Webinar ASN Adaptif Seri ke-40 pada Kamis, 10 Juli 2025, diikuti 2.888 peserta dan "
        "membahas pembelajaran di tempat kerja sebagai cara meningkatkan produktivitas ASN."
    ),
    "tags": ["workplace learning", "seri 40"],
    "body": [
        (
            "paragraph",
            "<p>BPSDM Provinsi Sulawesi Selatan menggelar Webinar ASN Adaptif Seri ke-40 secara daring "
            "pada Kamis, 10 Juli 2025. Tema yang diangkat adalah workplace learning, yaitu pembelajaran "
            "yang terjadi di tempat kerja. Sebanyak 2.888 peserta dari berbagai instansi mengikuti "
            "acara ini, yang juga disiarkan langsung di kanal YouTube BPSDM Sulsel.</p>",
        ),
        (
            "paragraph",
            "<p>Kepala BPSDM Sulsel, Prof. Muhammad Jufri, membuka acara. Ia menyebut workplace learning "
            "sebagai cara mengembangkan kompetensi yang dekat dengan kenyataan kerja ASN, dan menautkannya "
            "dengan Pasal 49 Undang-Undang Nomor 20 Tahun 2023 tentang ASN yang mewajibkan pengembangan "
            "kompetensi secara berkelanjutan.</p>",
        ),
        ("heading", "Dua narasumber, dua sudut pandang"),
        (
            "paragraph",
            "<p>Dr. Arwin Malik, Widyaiswara Ahli Madya BPSDM Sulsel, menjelaskan bahwa pembelajaran "
            "di tempat kerja nyaris tanpa biaya dan tidak mengharuskan ASN meninggalkan tugasnya. Ia "
            "mengingatkan target pengembangan kompetensi: sedikitnya 20 JP setahun untuk PNS dan 24 JP "
            "untuk PPPK.</p>",
        ),
        (
            "table",
            {
                "table_caption": "Pengembangan kompetensi paling sedikit per tahun",
                "table_header_choice": "row",
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "data": [["Jenis ASN", "Jam pelajaran (JP)"], ["PNS", "20 JP"], ["PPPK", "24 JP"]],
            },
        ),
        (
            "paragraph",
            "<p>Dr. Muh. Djajadi, juga Widyaiswara Ahli Madya, menguraikan cara menerapkannya di unit "
            "kerja: menutup kesenjangan kompetensi, belajar dari pengalaman, dan menumbuhkan budaya "
            "kerja yang kolaboratif. Diskusi dipandu oleh Astuti Azis, Ph.D.</p>",
        ),
        (
            "paragraph",
            "<p>Hingga seri ini, ASN Adaptif telah menerbitkan 75.404 sertifikat pembelajaran.</p>",
        ),
        (
            "key_figures",
            {
                "figures": [
                    {"number": 2888, "label": "peserta Seri ke-40"},
                    {"number": 75404, "label": "sertifikat terbit sampai Seri ke-40"},
                ]
            },
        ),
    ],
}
