/* People named after places: "Jordan Haddad, a shopkeeper in Tyre", "Georgia Evans said". A
 * capitalised run of two words whose first word alone is a place, whose whole is no place (the
 * longest-match lookup already failed on it), and which is followed by what follows a person (a
 * speech verb, or a comma and an appositive "a/an/the/who" or an age) is a person's name. */
#include "geoparse/geoparse.h"

static bool in_wl(const char *text, const mtok *tok, size_t ntok, size_t k, wordlist wl)
{
    return k < ntok && (tok[k].flags & TOK_WORD) &&
           incmap_word_in(wl, text + tok[k].b0, tok[k].b1 - tok[k].b0);
}

bool incmap_person_name(const char *text, const mtok *tok, size_t ntok, size_t r0, size_t r1,
                        size_t t0, size_t t1)
{
    if (t0 != r0 || t1 != r0 + 1 || r1 != t1 + 1) {
        return false; /* only "First Last": longer runs are judged elsewhere */
    }
    const mtok *last = &tok[t1];
    if (!(last->flags & TOK_CAP) || (last->flags & (TOK_NUM | TOK_ALLCAPS | TOK_CASELESS)) ||
        in_wl(text, tok, ntok, t1, WL_ADMIN) || in_wl(text, tok, ntok, t1, WL_SETTLE) ||
        in_wl(text, tok, ntok, t1, WL_ORG) || in_wl(text, tok, ntok, t1, WL_DAYMONTH) ||
        in_wl(text, tok, ntok, t1, WL_MEDIA) ||
        incmap_word_direction(text + last->b0, last->b1 - last->b0) != NULL) {
        return false;
    }
    if (t0 > 0 && in_wl(text, tok, ntok, t0 - 1, WL_PREP)) {
        return false; /* "in Jordan Valley": a place phrase */
    }
    if (in_wl(text, tok, ntok, r1, WL_SPEECH)) {
        return true;
    }
    if (r1 + 1 >= ntok || !(tok[r1].flags & TOK_PUNCT) || text[tok[r1].b0] != ',') {
        return false;
    }
    const mtok *n = &tok[r1 + 1];
    return (n->flags & TOK_NUM) ||
           ((n->flags & TOK_WORD) && !(n->flags & TOK_CAP) &&
            (tok_is(text, n, "a") || tok_is(text, n, "an") || tok_is(text, n, "the") ||
             tok_is(text, n, "who") || tok_is(text, n, "whose")));
}
