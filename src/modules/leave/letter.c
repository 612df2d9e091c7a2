/* letter.c - the leave letter (surat izin cuti) after the form of Peraturan BKN 24/2017 as
 * amended by Peraturan BKN 7/2021: the government's header, the title with the decree number,
 * the employee, the length and dates, the conditions, the address during leave, the balance
 * table (N-2, N-1, N) and the signature block of the approving official. Pure: a plain struct
 * in, PDF bytes out through the block writer of src/report/form.h. */
#include "modules/leave/leave_report.h"

#include <stdio.h>
#include <string.h>

#include "report/form.h"

static const struct {
    const char *code, *title;
} types[] = {
    {"tahunan", "Cuti Tahunan"},
    {"besar", "Cuti Besar"},
    {"sakit", "Cuti Sakit"},
    {"melahirkan", "Cuti Melahirkan"},
    {"alasan_penting", "Cuti Karena Alasan Penting"},
    {"bersama", "Cuti Bersama"},
    {"cltn", "Cuti di Luar Tanggungan Negara"},
};

const char *leave_type_title(const char *type)
{
    for (size_t i = 0; type && i < sizeof types / sizeof types[0]; i++)
        if (strcmp(types[i].code, type) == 0)
            return types[i].title;
    return NULL;
}

static const char *const months[] = {"Januari",   "Februari", "Maret",    "April",
                                     "Mei",       "Juni",     "Juli",     "Agustus",
                                     "September", "Oktober",  "November", "Desember"};

void leave_date_long(const char *ymd, char out[32])
{
    int y, m, d, n = 0;

    if (ymd && strlen(ymd) == 10 && sscanf(ymd, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && n == 10 &&
        m >= 1 && m <= 12 && d >= 1 && d <= 31)
        snprintf(out, 32, "%d %s %d", d, months[m - 1], y);
    else
        snprintf(out, 32, "%s", ymd ? ymd : "-");
}

static const char *const ones[] = {"",     "satu",  "dua",     "tiga",     "empat",   "lima",
                                   "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas"};

/* Words for 0 < n < 10000 appended at out + strlen(out). */
static void words(int n, char *out, size_t cap)
{
    size_t at = strlen(out);
    const char *sep = at ? " " : "";

    if (n < 12)
        snprintf(out + at, cap - at, "%s%s", sep, ones[n]);
    else if (n < 20)
        snprintf(out + at, cap - at, "%s%s belas", sep, ones[n - 10]);
    else if (n < 100)
        snprintf(out + at, cap - at, "%s%s puluh", sep, ones[n / 10]);
    else if (n < 200)
        snprintf(out + at, cap - at, "%sseratus", sep);
    else if (n < 1000)
        snprintf(out + at, cap - at, "%s%s ratus", sep, ones[n / 100]);
    else if (n < 2000)
        snprintf(out + at, cap - at, "%sseribu", sep);
    else
        snprintf(out + at, cap - at, "%s%s ribu", sep, ones[n / 1000]);
    if (n >= 1000 && n % 1000)
        words(n % 1000, out, cap);
    else if (n >= 100 && n < 1000 && n % 100)
        words(n % 100, out, cap);
    else if (n >= 20 && n < 100 && n % 10)
        words(n % 10, out, cap);
}

void leave_number_words(int n, char *out, size_t cap)
{
    if (cap == 0)
        return;
    out[0] = '\0';
    if (n == 0)
        snprintf(out, cap, "nol");
    else if (n > 0 && n < 10000)
        words(n, out, cap);
    else
        snprintf(out, cap, "%d", n);
}

static const char *or_dash(const char *s)
{
    return s && s[0] ? s : "-";
}

/* "Pegawai Negeri Sipil" or the PPPK name, for the sentence that grants the leave. */
static const char *status_words(const char *status)
{
    if (status && strcmp(status, "PPPK") == 0)
        return "Pegawai Pemerintah dengan Perjanjian Kerja";
    if (status && strcmp(status, "CPNS") == 0)
        return "Calon Pegawai Negeri Sipil";
    return "Pegawai Negeri Sipil";
}

static void lower(char *s)
{
    for (; *s; s++)
        if (*s >= 'A' && *s <= 'Z')
            *s = (char)(*s - 'A' + 'a');
}

static void upper(char *s)
{
    for (; *s; s++)
        if (*s >= 'a' && *s <= 'z')
            *s = (char)(*s - 'a' + 'A');
}

static const struct report_column balance_cols[] = {
    {"Tahun", 10, REPORT_NUMBER},
    {"Sisa (hari kerja)", 14, REPORT_NUMBER},
    {"Keterangan", 30, REPORT_TEXT},
};

enum err_code leave_letter_pdf(const struct leave_letter *l, int uncompressed, char **out,
                               size_t *len, struct err *e)
{
    const char *title = leave_type_title(l->type);
    char head[512], ttl[96], kind[96], num[160], days[64], from[32], to[32], issued[32];
    char grant[768], cond[1024], addr[512], close[256], sign_top[512], sign_bottom[384];
    char notes[3][64];
    struct report_cell cells[9];
    struct report_table bal;
    struct report_field who[5];
    struct report_block b[12];
    struct report_form f;
    size_t nb = 0;

    if (!title)
        title = "Cuti";
    snprintf(head, sizeof head, "%s%s%s", or_dash(l->org_name), l->issuer ? "\n" : "",
             l->issuer ? l->issuer : "");
    upper(head);
    snprintf(ttl, sizeof ttl, "SURAT IZIN %s", title);
    upper(ttl);
    snprintf(kind, sizeof kind, "%s", title);
    lower(kind);
    snprintf(num, sizeof num, "Nomor: %s", or_dash(l->number));
    leave_number_words(l->working_days, days, sizeof days);
    leave_date_long(l->start_date, from);
    leave_date_long(l->end_date, to);
    leave_date_long(l->issued_on, issued);
    snprintf(grant, sizeof grant, "Diberikan %s kepada %s:", kind, status_words(l->status));
    who[0] = (struct report_field){"Nama", l->name};
    who[1] = (struct report_field){"NIP", l->nip};
    who[2] = (struct report_field){"Pangkat/golongan ruang", l->rank};
    who[3] = (struct report_field){"Jabatan", l->position};
    who[4] = (struct report_field){"Satuan organisasi", l->unit};
    snprintf(cond, sizeof cond,
             "selama %d (%s) hari kerja, terhitung mulai tanggal %s sampai dengan tanggal %s, "
             "dengan ketentuan sebagai berikut:\n"
             "a. Sebelum menjalankan %s, wajib menyerahkan pekerjaannya kepada atasan "
             "langsungnya atau pejabat lain yang ditunjuk.\n"
             "b. Setelah selesai menjalankan %s, wajib melaporkan diri kepada atasan "
             "langsungnya dan bekerja kembali sebagaimana biasa.",
             l->working_days, days, from, to, kind, kind);
    snprintf(addr, sizeof addr, "Alamat selama menjalankan cuti: %s%s%s.", or_dash(l->address),
             l->phone && l->phone[0] ? ", telepon " : "", l->phone ? l->phone : "");
    for (int i = 0; i < 3; i++) {
        static const char *const label[] = {"N-2", "N-1", "N"};
        const struct leave_letter_balance *r = &l->balance[i];

        snprintf(notes[i], sizeof notes[i], "%s%s%s", label[i], r->note ? ": " : "",
                 r->note ? r->note : "");
        cells[3 * i] = (struct report_cell){NULL, r->year, r->year <= 0};
        cells[3 * i + 1] = (struct report_cell){NULL, r->remaining, r->remaining < 0};
        cells[3 * i + 2] = (struct report_cell){notes[i], 0, 0};
    }
    memset(&bal, 0, sizeof bal);
    bal.title = "Catatan cuti tahunan:";
    bal.cols = balance_cols;
    bal.ncols = 3;
    bal.cells = cells;
    bal.nrows = 3;
    snprintf(close, sizeof close,
             "Demikian surat izin %s ini dibuat untuk dapat digunakan sebagaimana mestinya.", kind);
    snprintf(sign_top, sizeof sign_top, "%s%s%s\n%s%s%s", l->place ? l->place : "",
             l->place ? ", " : "", issued, l->signer_acting ? l->signer_acting : "",
             l->signer_acting ? " " : "", or_dash(l->signer_position));
    snprintf(sign_bottom, sizeof sign_bottom, "%s\nNIP %s", or_dash(l->signer_name),
             or_dash(l->signer_nip));
    memset(b, 0, sizeof b);
    b[nb++] = (struct report_block){.kind = REPORT_BLOCK_HEADER, .text = head};
    b[nb++] = (struct report_block){.kind = REPORT_BLOCK_TITLE, .text = ttl, .text2 = num};
    b[nb++] = (struct report_block){.kind = REPORT_BLOCK_TEXT, .text = grant};
    b[nb++] = (struct report_block){
        .kind = REPORT_BLOCK_FIELDS, .fields = who, .nfields = 5, .indent = 20};
    b[nb++] = (struct report_block){.kind = REPORT_BLOCK_TEXT, .text = cond};
    b[nb++] = (struct report_block){.kind = REPORT_BLOCK_TEXT, .text = addr};
    b[nb++] = (struct report_block){.kind = REPORT_BLOCK_TABLE, .table = &bal};
    b[nb++] = (struct report_block){.kind = REPORT_BLOCK_TEXT, .text = close};
    b[nb++] = (struct report_block){.kind = REPORT_BLOCK_SPACE, .indent = 10};
    b[nb++] = (struct report_block){
        .kind = REPORT_BLOCK_SIGNATURE, .text = sign_top, .text2 = sign_bottom};
    b[nb++] = (struct report_block){.kind = REPORT_BLOCK_TEXT,
                                    .text = "Tembusan:\n1. Atasan langsung yang bersangkutan;\n"
                                            "2. Pegawai yang bersangkutan."};
    memset(&f, 0, sizeof f);
    f.title = ttl;
    f.blocks = b;
    f.nblocks = nb;
    f.uncompressed = uncompressed;
    return report_form_pdf(&f, out, len, e);
}
