/* rules.c - the law of proposals that needs no database: which kinds exist and which may be
 * created, the statuses, what a decision must carry (a rejection always says why), and the
 * shape of the evidence list. Pure. */
#include "modules/proposal/proposal.h"

#include <string.h>

static const char *const kind_names[] = {NULL, "record", "family", "education"};
static const char *const statuses[] = {"pending", "approved", "rejected", "cancelled", NULL};

enum proposal_kind proposal_kind_parse(const char *s)
{
    for (int k = PROPOSAL_RECORD; s && k <= PROPOSAL_EDUCATION; k++)
        if (strcmp(s, kind_names[k]) == 0)
            return (enum proposal_kind)k;
    return PROPOSAL_NONE;
}

const char *proposal_kind_name(enum proposal_kind k)
{
    return k >= PROPOSAL_RECORD && k <= PROPOSAL_EDUCATION ? kind_names[k] : NULL;
}

enum err_code proposal_kind_check(const char *s, enum proposal_kind *out, struct err *e)
{
    enum proposal_kind k = proposal_kind_parse(s);

    if (k == PROPOSAL_NONE)
        return err_invalid(e, "kind", "Jenis usulan harus record, family atau education");
    *out = k;
    return ERR_OK;
}

int proposal_status_valid(const char *s)
{
    for (const char *const *p = statuses; s && *p; p++)
        if (strcmp(*p, s) == 0)
            return 1;
    return 0;
}

static int reason_clean(const char *s)
{
    int visible = 0;

    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;

        if ((c < 0x20 && c != '\n' && c != '\r') || c == 0x7f)
            return -1;
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            visible = 1;
    }
    return visible;
}

enum err_code proposal_decision_check(const char *decision, const char *reason, int *approve,
                                      struct err *e)
{
    int yes;

    if (decision && strcmp(decision, "approve") == 0)
        yes = 1;
    else if (decision && strcmp(decision, "reject") == 0)
        yes = 0;
    else
        return err_invalid(e, "decision", "Keputusan harus approve atau reject");
    if (reason && (strlen(reason) > PROPOSAL_REASON_MAX || reason_clean(reason) < 0))
        return err_invalid(e, "reason", "Alasan terlalu panjang atau mengandung karakter kendali");
    if (!yes && (!reason || reason_clean(reason) != 1))
        return err_invalid(e, "reason", "Alasan penolakan wajib diisi");
    *approve = yes;
    return ERR_OK;
}

enum err_code proposal_evidence_parse(json_t *v, int64_t *ids, size_t *n, struct err *e)
{
    size_t i, count = 0;
    json_t *item;

    if (!v || json_is_null(v)) {
        *n = 0;
        return ERR_OK;
    }
    if (!json_is_array(v) || json_array_size(v) > PROPOSAL_EVIDENCE_MAX)
        return err_invalid(e, "evidence", "Bukti harus daftar berisi paling banyak 10 id dokumen");
    json_array_foreach(v, i, item)
    {
        json_int_t id = json_is_integer(item) ? json_integer_value(item) : 0;

        if (id <= 0)
            return err_invalid(e, "evidence", "Bukti harus berupa id dokumen");
        for (size_t j = 0; j < count; j++)
            if (ids[j] == id)
                return err_invalid(e, "evidence", "Dokumen bukti tidak boleh diulang");
        ids[count++] = id;
    }
    *n = count;
    return ERR_OK;
}
