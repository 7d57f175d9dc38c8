/* Closed word lists of the geoparser (English news usage), sorted for binary search. Generated
 * once from the lists in this file's history; edit the arrays, keeping them sorted (ASCII). */
#include "text/text.h"

#include <stdlib.h>
#include <string.h>

static const char *const wl_stop[] = {
    "a",          "about",        "above",      "according", "across",
    "after",      "afterwards",   "again",      "against",   "ago",
    "all",        "almost",       "along",      "already",   "also",
    "although",   "always",       "am",         "among",     "an",
    "analysis",   "and",          "another",    "any",       "anyone",
    "anything",   "are",          "army",       "around",    "as",
    "at",         "authorities",  "back",       "be",        "because",
    "been",       "before",       "being",      "below",     "besides",
    "best",       "between",      "big",        "both",      "breaking",
    "but",        "by",           "can",        "central",   "children",
    "comment",    "comments",     "could",      "despite",   "did",
    "do",         "does",         "doing",      "dozens",    "dr",
    "during",     "each",         "earlier",    "early",     "editor",
    "eight",      "either",       "else",       "elsewhere", "even",
    "eventually", "ever",         "every",      "everyone",  "everything",
    "except",     "exclusive",    "families",   "family",    "far",
    "few",        "finally",      "first",      "five",      "following",
    "for",        "forces",       "former",     "four",      "free",
    "friday",     "from",         "full",       "further",   "furthermore",
    "general",    "good",         "government", "great",     "group",
    "groups",     "had",          "has",        "have",      "having",
    "he",         "hence",        "her",        "here",      "here's",
    "hers",       "herself",      "high",       "him",       "himself",
    "his",        "how",          "however",    "hundreds",  "i",
    "if",         "in",           "inside",     "instead",   "international",
    "into",       "is",           "it",         "it's",      "its",
    "itself",     "just",         "last",       "lastly",    "later",
    "latter",     "least",        "less",       "let",       "like",
    "likely",     "live",         "local",      "long",      "low",
    "major",      "man",          "many",       "may",       "maybe",
    "meanwhile",  "men",          "might",      "military",  "minor",
    "monday",     "more",         "moreover",   "most",      "mostly",
    "mr",         "mrs",          "ms",         "much",      "multiple",
    "must",       "my",           "national",   "near",      "neither",
    "never",      "nevertheless", "new",        "next",      "nine",
    "no",         "nobody",       "none",       "nor",       "not",
    "note",       "nothing",      "now",        "of",        "off",
    "official",   "officials",    "often",      "old",       "on",
    "once",       "one",          "only",       "open",      "opinion",
    "or",         "other",        "others",     "otherwise", "our",
    "ours",       "out",          "over",       "overall",   "people",
    "perhaps",    "photo",        "police",     "prior",     "private",
    "public",     "rather",       "read",       "recently",  "regardless",
    "related",    "report",       "reported",   "reporting", "reports",
    "residents",  "same",         "saturday",   "security",  "seven",
    "several",    "shall",        "she",        "short",     "should",
    "similarly",  "since",        "six",        "small",     "so",
    "some",       "someone",      "something",  "sometimes", "soon",
    "source",     "sources",      "still",      "such",      "sunday",
    "ten",        "than",         "that",       "that's",    "the",
    "their",      "theirs",       "them",       "then",      "there",
    "there's",    "therefore",    "these",      "they",      "this",
    "those",      "though",       "thousands",  "three",     "through",
    "throughout", "thursday",     "thus",       "to",        "today",
    "together",   "tomorrow",     "too",        "top",       "total",
    "toward",     "towards",      "troops",     "tuesday",   "two",
    "under",      "unless",       "unlike",     "until",     "up",
    "update",     "updated",      "upon",       "us",        "usually",
    "very",       "via",          "video",      "was",       "watch",
    "we",         "wednesday",    "well",       "were",      "what",
    "what's",     "whatever",     "when",       "whenever",  "where",
    "whereas",    "whether",      "which",      "while",     "who",
    "who's",      "whoever",      "whole",      "whom",      "whose",
    "why",        "will",         "with",       "within",    "without",
    "witnesses",  "woman",        "women",      "worst",     "would",
    "yes",        "yesterday",    "yet",        "you",       "your",
    "yours",
};
static const char *const wl_daymonth[] = {
    "apr",  "april",     "aug",      "august",  "christmas", "dec",  "december", "easter",
    "eid",  "feb",       "february", "fri",     "friday",    "jan",  "january",  "jul",
    "july", "jun",       "june",     "mar",     "march",     "may",  "mon",      "monday",
    "nov",  "november",  "oct",      "october", "ramadan",   "sat",  "saturday", "sep",
    "sept", "september", "sun",      "sunday",  "thu",       "thur", "thurs",    "thursday",
    "tue",  "tues",      "tuesday",  "wed",     "wednesday",
};
static const char *const wl_title[] = {
    "adm",         "admiral",       "agent",       "ambassador", "archbishop", "ayatollah",
    "bishop",      "brigadier",     "brother",     "caliph",     "capt",       "captain",
    "cardinal",    "ceo",           "chair",       "chairman",   "chairwoman", "chancellor",
    "chief",       "cmdr",          "coach",       "col",        "colonel",    "commander",
    "congressman", "congresswoman", "dame",        "deputy",     "director",   "doctor",
    "dr",          "dr.",           "emir",        "envoy",      "father",     "gen",
    "general",     "gov",           "governor",    "imam",       "judge",      "justice",
    "king",        "lady",          "leader",      "lieutenant", "lord",       "lt",
    "maj",         "major",         "marshal",     "mayor",      "minister",   "minister's",
    "ministers",   "miss",          "mr",          "mr.",        "mrs",        "mrs.",
    "ms",          "mufti",         "mullah",      "officer",    "pope",       "premier",
    "president",   "president's",   "presidents",  "prime",      "prince",     "princess",
    "prof",        "professor",     "queen",       "rabbi",      "rep",        "representative",
    "rev",         "reverend",      "secretary",   "sen",        "senator",    "sergeant",
    "sgt",         "sheik",         "sheikh",      "sir",        "sister",     "speaker",
    "spokesman",   "spokesperson",  "spokeswoman", "sultan",     "vice",
};
static const char *const wl_org[] = {
    "academy",      "administration",
    "agencies",     "agency",
    "airline",      "airlines",
    "airways",      "alliance",
    "army",         "assembly",
    "association",  "authority",
    "award",        "awards",
    "bank",         "battalion",
    "brigade",      "brigades",
    "brotherhood",  "bureau",
    "cabinet",      "center",
    "centre",       "championship",
    "channel",      "club",
    "coalition",    "command",
    "commission",   "committee",
    "company",      "conference",
    "congress",     "corp",
    "corporation",  "corps",
    "council",      "court",
    "cup",          "daily",
    "department",   "directorate",
    "fc",           "federation",
    "festival",     "force",
    "forces",       "foundation",
    "front",        "fund",
    "games",        "gazette",
    "government",   "group",
    "guard",        "guards",
    "hamas",        "herald",
    "hezbollah",    "house",
    "inc",          "institute",
    "institution",  "journal",
    "league",       "llc",
    "ltd",          "magazine",
    "media",        "militia",
    "militias",     "ministries",
    "ministry",     "mobilisation",
    "mobilization", "movement",
    "navy",         "network",
    "news",         "office",
    "olympics",     "organisation",
    "organization", "parliament",
    "party",        "plc",
    "police",       "post",
    "press",        "prize",
    "radio",        "regiment",
    "review",       "senate",
    "service",      "services",
    "society",      "squad",
    "state-run",    "summit",
    "times",        "tribunal",
    "tribune",      "tv",
    "unit",         "units",
    "universities", "university",
};
static const char *const wl_connect[] = {
    "al",  "and", "ben", "bin", "bint", "da",   "de",  "del", "della",
    "den", "der", "des", "di",  "du",   "el",   "ibn", "la",  "le",
    "les", "of",  "sur", "ter", "the",  "upon", "van", "von", "y",
};
static const char *const wl_admin[] = {
    "borough",     "canton",     "commune",     "counties",       "county",       "department",
    "district",    "districts",  "division",    "emirate",        "governorate",  "governorates",
    "krai",        "kray",       "muhafazah",   "municipalities", "municipality", "oblast",
    "parish",      "prefecture", "province",    "provinces",      "raion",        "rayon",
    "region",      "regions",    "state",       "states",         "sub-district", "subdistrict",
    "territories", "territory",  "voivodeship", "wilaya",
};
static const char *const wl_settle[] = {
    "area",      "areas",        "camp",         "capital",       "cities",        "city",
    "hamlet",    "municipality", "neighborhood", "neighborhoods", "neighbourhood", "neighbourhoods",
    "outskirts", "port",         "settlement",   "suburb",        "suburbs",       "town",
    "towns",     "township",     "village",      "villages",
};
static const char *const wl_prep[] = {
    "across",    "against",    "along",     "approached", "around",  "at",       "between",
    "beyond",    "east",       "eastern",   "enter",      "entered", "from",     "hit",
    "hitting",   "in",         "inside",    "into",       "leaving", "left",     "near",
    "north",     "northeast",  "northern",  "northwest",  "of",      "off",      "on",
    "onto",      "outside",    "over",      "reach",      "reached", "reaching", "south",
    "southeast", "southern",   "southwest", "striking",   "struck",  "targeted", "targeting",
    "through",   "throughout", "to",        "toward",     "towards", "via",      "west",
    "western",   "within",
};
static const char *const wl_func[] = {
    "a",     "added",  "after",     "an",   "and",    "are",   "as",      "at",     "be",
    "been",  "before", "but",       "by",   "during", "for",   "from",    "had",    "has",
    "have",  "in",     "into",      "is",   "it",     "its",   "month",   "near",   "of",
    "on",    "onto",   "or",        "said", "said,",  "says",  "since",   "that",   "the",
    "these", "this",   "those",     "to",   "today",  "told",  "tonight", "toward", "towards",
    "until", "was",    "week",      "were", "when",   "where", "which",   "while",  "who",
    "with",  "year",   "yesterday",
};
static const char *const wl_speech[] = {
    "added",     "adds",     "admits",   "admitted", "announced", "announces", "argued", "argues",
    "asked",     "asks",     "believed", "believes", "claimed",   "claims",    "denied", "denies",
    "explained", "explains", "insisted", "insists",  "noted",     "notes",     "posted", "replied",
    "replies",   "said",     "say",      "says",     "stated",    "states",    "tells",  "thinks",
    "thought",   "told",     "tweeted",  "warned",   "warns",     "writes",    "wrote",
};
static const char *const wl_media[] = {
    "abc",       "afp",      "agence",      "al-jazeera", "aljazeera", "amazon",     "anadolu",
    "antarctic", "ap",       "apple",       "arab",       "arabs",     "arctic",     "associated",
    "atlantic",  "axios",    "bbc",         "bloomberg",  "capitol",   "catholic",   "cbs",
    "christian", "cnn",      "congress",    "daesh",      "dpa",       "economist",  "english",
    "eu",        "facebook", "fox",         "ft",         "google",    "guardian",   "gulf",
    "iaea",      "imf",      "independent", "instagram",  "isil",      "isis",       "jewish",
    "kremlin",   "latin",    "microsoft",   "msnbc",      "muslim",    "nato",       "nbc",
    "npr",       "nyt",      "opec",        "orthodox",   "pacific",   "parliament", "pbs",
    "pentagon",  "politico", "reuters",     "ria",        "senate",    "shia",       "shiite",
    "sunni",     "tass",     "telegram",    "telegraph",  "tiktok",    "twitter",    "un",
    "unhcr",     "unicef",   "upi",         "whatsapp",   "white",     "who",        "wsj",
    "xinhua",    "youtube",
};
static const char *const wl_abbrev[] = {
    "adm",  "ave", "blvd", "brig", "capt", "cmdr", "co",  "col", "corp", "dr",  "etc", "ft",
    "gen",  "gov", "inc",  "jr",   "lt",   "ltd",  "maj", "mr",  "mrs",  "ms",  "mt",  "no",
    "prof", "rd",  "rep",  "rev",  "sen",  "sgt",  "sr",  "st",  "u.k",  "u.s", "vs",
};

static const struct {
    const char *const *words;
    size_t n;
} lists[] = {
    {wl_stop, sizeof wl_stop / sizeof wl_stop[0]},
    {wl_daymonth, sizeof wl_daymonth / sizeof wl_daymonth[0]},
    {wl_title, sizeof wl_title / sizeof wl_title[0]},
    {wl_org, sizeof wl_org / sizeof wl_org[0]},
    {wl_connect, sizeof wl_connect / sizeof wl_connect[0]},
    {wl_admin, sizeof wl_admin / sizeof wl_admin[0]},
    {wl_settle, sizeof wl_settle / sizeof wl_settle[0]},
    {wl_prep, sizeof wl_prep / sizeof wl_prep[0]},
    {wl_func, sizeof wl_func / sizeof wl_func[0]},
    {wl_speech, sizeof wl_speech / sizeof wl_speech[0]},
    {wl_media, sizeof wl_media / sizeof wl_media[0]},
    {wl_abbrev, sizeof wl_abbrev / sizeof wl_abbrev[0]},
};

static int cmp_word(const void *key, const void *elem)
{
    return strcmp(key, *(const char *const *)elem);
}

/* Lower-cases ASCII into buf; false when the word is too long for any list or not ASCII-ish. */
static bool lower_copy(const char *s, size_t n, char *buf, size_t cap)
{
    if (n == 0 || n >= cap) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        buf[i] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    /* typographic apostrophe (U+2019) -> ' so "it’s" matches "it's" */
    buf[n] = '\0';
    char *q = strstr(buf, "\xE2\x80\x99");
    if (q != NULL) {
        *q = '\'';
        memmove(q + 1, q + 3, strlen(q + 3) + 1);
    }
    return true;
}

bool incmap_word_in(wordlist wl, const char *s, size_t n)
{
    char buf[32];
    if (!lower_copy(s, n, buf, sizeof buf)) {
        return false;
    }
    return bsearch(buf, lists[wl].words, lists[wl].n, sizeof(char *), cmp_word) != NULL;
}

const char *incmap_word_direction(const char *s, size_t n)
{
    static const char *const dirs[][3] = {{"north", "northern", "northern"},
                                          {"south", "southern", "southern"},
                                          {"east", "eastern", "eastern"},
                                          {"west", "western", "western"},
                                          {"northeast", "northeastern", "northeastern"},
                                          {"northwest", "northwestern", "northwestern"},
                                          {"southeast", "southeastern", "southeastern"},
                                          {"southwest", "southwestern", "southwestern"},
                                          {"north-east", "north-eastern", "northeastern"},
                                          {"north-west", "north-western", "northwestern"},
                                          {"south-east", "south-eastern", "southeastern"},
                                          {"south-west", "south-western", "southwestern"},
                                          {"central", "central", "central"}};
    char buf[32];
    if (!lower_copy(s, n, buf, sizeof buf)) {
        return NULL;
    }
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        if (strcmp(buf, dirs[i][1]) == 0) {
            return dirs[i][2];
        }
    }
    return NULL;
}

long incmap_word_number(const char *s, size_t n)
{
    static const char *const words[] = {
        "zero",     "one",     "two",     "three",     "four",     "five",     "six",
        "seven",    "eight",   "nine",    "ten",       "eleven",   "twelve",   "thirteen",
        "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"};
    char buf[32];
    if (!lower_copy(s, n, buf, sizeof buf)) {
        return -1;
    }
    if (buf[0] >= '0' && buf[0] <= '9') {
        long v = 0;
        for (size_t i = 0; buf[i] != '\0'; i++) {
            if (buf[i] == ',') {
                continue; /* "1,200" */
            }
            if (buf[i] < '0' || buf[i] > '9' || v > 100000000) {
                return -1;
            }
            v = v * 10 + (buf[i] - '0');
        }
        return v;
    }
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
        if (strcmp(buf, words[i]) == 0) {
            return (long)i;
        }
    }
    if (strcmp(buf, "a") == 0 || strcmp(buf, "an") == 0 || strcmp(buf, "single") == 0) {
        return 1;
    }
    if (strcmp(buf, "dozen") == 0) {
        return 12;
    }
    if (strcmp(buf, "thirty") == 0) {
        return 30;
    }
    if (strcmp(buf, "forty") == 0) {
        return 40;
    }
    if (strcmp(buf, "fifty") == 0) {
        return 50;
    }
    if (strcmp(buf, "hundred") == 0) {
        return 100;
    }
    return -1;
}
