/* rules_test.c - proposal rules: kinds (only "record" may be created for now), statuses, the
 * decision body (a rejection needs a reason), and the evidence list (prop-N vectors). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "modules/proposal/proposal.h"

static void test_kind(void **state)
{
    enum proposal_kind k = PROPOSAL_NONE;
    struct err e;

    (void)state;
    assert_int_equal(proposal_kind_parse("record"), PROPOSAL_RECORD);
    assert_int_equal(proposal_kind_parse("family"), PROPOSAL_FAMILY);
    assert_int_equal(proposal_kind_parse("education"), PROPOSAL_EDUCATION);
    assert_int_equal(proposal_kind_parse("Record"), PROPOSAL_NONE);
    assert_int_equal(proposal_kind_parse(NULL), PROPOSAL_NONE);
    assert_int_equal(proposal_kind_check("record", &k, &e), ERR_OK);
    assert_int_equal(k, PROPOSAL_RECORD);
    assert_int_equal(proposal_kind_check("family", &k, &e), ERR_OK);
    assert_int_equal(k, PROPOSAL_FAMILY);
    assert_int_equal(proposal_kind_check("education", &k, &e), ERR_OK);
    assert_int_equal(k, PROPOSAL_EDUCATION);
    assert_int_equal(proposal_kind_check("salary", &k, &e), ERR_INVALID);
    assert_string_equal(e.field, "kind");
    assert_int_equal(proposal_kind_check(NULL, &k, &e), ERR_INVALID);
    assert_string_equal(proposal_kind_name(PROPOSAL_FAMILY), "family");
    assert_string_equal(proposal_kind_name(PROPOSAL_RECORD), "record");
    assert_null(proposal_kind_name(PROPOSAL_NONE));
}

static void test_status(void **state)
{
    (void)state;
    assert_true(proposal_status_valid("pending"));
    assert_true(proposal_status_valid("cancelled"));
    assert_false(proposal_status_valid("all"));
    assert_false(proposal_status_valid(""));
    assert_false(proposal_status_valid(NULL));
}

static void test_decision(void **state)
{
    char longer[PROPOSAL_REASON_MAX + 2];
    struct err e;
    int approve = -1;

    (void)state;
    assert_int_equal(proposal_decision_check("approve", NULL, &approve, &e), ERR_OK);
    assert_int_equal(approve, 1);
    assert_int_equal(proposal_decision_check("reject", "Bukti tidak terbaca", &approve, &e),
                     ERR_OK);
    assert_int_equal(approve, 0);
    /* prop-2: a rejection without a (visible) reason */
    assert_int_equal(proposal_decision_check("reject", NULL, &approve, &e), ERR_INVALID);
    assert_string_equal(e.field, "reason");
    assert_int_equal(proposal_decision_check("reject", " \n ", &approve, &e), ERR_INVALID);
    /* prop-3: unknown decision */
    assert_int_equal(proposal_decision_check("maybe", "x", &approve, &e), ERR_INVALID);
    assert_string_equal(e.field, "decision");
    assert_int_equal(proposal_decision_check(NULL, "x", &approve, &e), ERR_INVALID);
    /* prop-4: control characters and length */
    assert_int_equal(proposal_decision_check("reject", "a\x01", &approve, &e), ERR_INVALID);
    memset(longer, 'a', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    assert_int_equal(proposal_decision_check("reject", longer, &approve, &e), ERR_INVALID);
    assert_string_equal(e.field, "reason");
}

static void test_evidence(void **state)
{
    int64_t ids[PROPOSAL_EVIDENCE_MAX];
    size_t n = 99;
    struct err e;
    json_t *v;

    (void)state;
    assert_int_equal(proposal_evidence_parse(NULL, ids, &n, &e), ERR_OK);
    assert_int_equal(n, 0);
    v = json_loads("[3, 7]", 0, NULL);
    assert_int_equal(proposal_evidence_parse(v, ids, &n, &e), ERR_OK);
    assert_int_equal(n, 2);
    assert_int_equal(ids[1], 7);
    json_decref(v);
    static const char *const bad[] = {"[3, 3]", "[0]", "[\"3\"]", "{}", "5",
                                      "[1,2,3,4,5,6,7,8,9,10,11]", "[-1]", NULL};
    for (const char *const *b = bad; *b; b++) { /* prop-5..11 */
        v = json_loads(*b, JSON_DECODE_ANY, NULL);
        assert_non_null(v);
        if (proposal_evidence_parse(v, ids, &n, &e) != ERR_INVALID)
            fail_msg("accepted %s", *b);
        assert_string_equal(e.field, "evidence");
        json_decref(v);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kind),
        cmocka_unit_test(test_status),
        cmocka_unit_test(test_decision),
        cmocka_unit_test(test_evidence),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
