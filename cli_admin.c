/* dreamtree admin ...: the shared server's administration, run there by the service account
 * that owns the database (db/admin.h, docs/ssh-server.md). Lists are plain text columns under
 * a header line, one row per item, ids in full. Nothing here shows what anyone wrote; what
 * people typed that is shown (an email, a skill's name) goes through the sanitiser. */
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "admin.h"
#include "cli.h"
#include "oom.h"
#include "sshkeys.h"
#include "text.h"
#include "users.h"

static const char subcommands[] = "users, keys, bind-key, unbind-key, skills, delete-user, backup"
                                  " or stats";

enum admin_flag { TAKES_USER = 1, TAKES_TYPE = 2, TAKES_FORCE = 4, TAKES_YES = 8 };

struct admin_args {
    const char *user;
    const char *type;
    bool force;
    bool yes;
    const char *words[2];
    int nwords;
};

/* Reads the options the subcommand named by what takes, and exactly nwords words after it.
 * -1 when all is well, else the exit status. */
static int parse(int argc, char **argv, const char *what, unsigned takes, int nwords,
                 const char *usage, struct admin_args *a)
{
    static const struct option longopts[] = {{"user", required_argument, NULL, 'u'},
                                             {"type", required_argument, NULL, 't'},
                                             {"force", no_argument, NULL, 'f'},
                                             {"yes", no_argument, NULL, 'y'},
                                             {0}};
    memset(a, 0, sizeof *a);
    int c;
    /* 0, not 1: getopt starts afresh, so it forgets main's "+" (stop at the first word) and
     * options may come before or after the words */
    optind = 0;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
        if (c == 'u' && (takes & TAKES_USER))
            a->user = optarg;
        else if (c == 't' && (takes & TAKES_TYPE))
            a->type = optarg;
        else if (c == 'f' && (takes & TAKES_FORCE))
            a->force = true;
        else if (c == 'y' && (takes & TAKES_YES))
            a->yes = true;
        else if (c == ':')
            return cli_usage_error("option '%s' needs a value", argv[optind - 1]);
        else
            return cli_usage_error("admin %s does not take '%s'", what, argv[optind - 1]);
    }
    if (argc - optind != nwords)
        return cli_usage_error("admin %s takes %s", what, usage);
    for (int i = 0; i < nwords; i++)
        a->words[i] = argv[optind + i];
    a->nwords = nwords;
    return -1;
}

static struct store *open_store(const struct options *o)
{
    int missing = 0;
    struct store *st = cli_open_store(o, STORE_OPEN_EXISTING, &missing, NULL);
    if (!st && missing)
        cli_say("there is no database there yet: name the server's with --db PATH");
    return st;
}

static int failed(struct store *st, const char *what, enum dt_status s)
{
    const char *detail = store_last_error(st);
    cli_say("%s: %s%s%s", what, dt_status_message(s), detail[0] ? ": " : "", detail);
    return EXIT_BAD_INPUT;
}

/* A line on standard output, formatted, then sanitised: it may hold an id or a name someone
 * typed. */
static void say_out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void say_out(const char *fmt, ...)
{
    va_list ap, again;
    va_start(ap, fmt);
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *text = dt_oom_malloc(n < 0 ? 1 : (size_t)n + 1);
    text[0] = '\0';
    if (n >= 0)
        vsnprintf(text, (size_t)n + 1, fmt, again);
    va_end(again);
    tui_text_put_line(stdout, text);
    free(text);
}

/* ---- tables ---- */

#define TABLE_MAX_COLUMNS 8

/* Rows of sanitised cells, printed with each column as wide as its widest cell. */
struct table {
    int columns;
    size_t rows, cap;
    char **cells; /* rows * columns, row by row; row 0 is the header */
};

static void table_add(struct table *t, const char *const *cells)
{
    if (t->rows == t->cap) {
        t->cap = t->cap ? t->cap * 2 : 16;
        t->cells = dt_oom_realloc(t->cells, t->cap * (size_t)t->columns * sizeof *t->cells);
    }
    for (int c = 0; c < t->columns; c++) {
        const char *cell = cells[c] && cells[c][0] ? cells[c] : "-";
        char *clean = tui_text_sanitize(cell, strlen(cell), 0);
        t->cells[t->rows * (size_t)t->columns + (size_t)c] = clean ? clean : dt_oom_strdup("?");
    }
    t->rows++;
}

static void table_print(struct table *t)
{
    size_t width[TABLE_MAX_COLUMNS] = {0};
    for (size_t r = 0; r < t->rows; r++)
        for (int c = 0; c < t->columns; c++) {
            size_t w = tui_text_width(t->cells[r * (size_t)t->columns + (size_t)c]);
            if (w > width[c])
                width[c] = w;
        }
    for (size_t r = 0; r < t->rows; r++) {
        for (int c = 0; c < t->columns; c++) {
            const char *cell = t->cells[r * (size_t)t->columns + (size_t)c];
            fputs(cell, stdout);
            if (c + 1 < t->columns) /* the last column is not padded: no trailing spaces */
                printf("%*s", (int)(width[c] - tui_text_width(cell) + 2), "");
        }
        putchar('\n');
    }
    for (size_t i = 0; i < t->rows * (size_t)t->columns; i++)
        free(t->cells[i]);
    free(t->cells);
    t->cells = NULL;
    t->rows = t->cap = 0;
}

/* ---- the subcommands ---- */

static int cmd_users(const struct options *o, int argc, char **argv)
{
    struct admin_args a;
    int rc = parse(argc, argv, "users", 0, 0, "nothing more", &a);
    if (rc != -1)
        return rc;
    struct store *st = open_store(o);
    if (!st)
        return EXIT_BAD_INPUT;
    struct admin_user *users = NULL;
    size_t n = 0;
    enum dt_status s = store_admin_users(st, &users, &n);
    if (s == DT_OK) {
        struct table t = {.columns = 8};
        table_add(&t, (const char *const[]){"ID", "CREATED", "LAST SEEN", "CLAIMED", "KEYS",
                                            "ANSWERS", "TOOL ENTRIES", "EMAIL"});
        for (size_t i = 0; i < n; i++) {
            char keys[16], answers[16], entries[16];
            snprintf(keys, sizeof keys, "%d", users[i].keys);
            snprintf(answers, sizeof answers, "%d", users[i].answers);
            snprintf(entries, sizeof entries, "%d", users[i].tool_entries);
            table_add(&t, (const char *const[]){users[i].id, users[i].created_at,
                                                users[i].last_seen, users[i].claimed ? "yes" : "no",
                                                keys, answers, entries, users[i].email});
        }
        table_print(&t);
    }
    free(users);
    rc = s == DT_OK ? EXIT_DONE : failed(st, "users", s);
    store_close(&st);
    return rc;
}

static int cmd_keys(const struct options *o, int argc, char **argv)
{
    struct admin_args a;
    int rc = parse(argc, argv, "keys", TAKES_USER, 0, "only --user ID", &a);
    if (rc != -1)
        return rc;
    struct store *st = open_store(o);
    if (!st)
        return EXIT_BAD_INPUT;
    struct ssh_key *keys = NULL;
    size_t n = 0;
    enum dt_status s = store_sshkeys_list(st, a.user, &keys, &n);
    if (s == DT_OK) {
        struct table t = {.columns = 5};
        table_add(&t, (const char *const[]){"FINGERPRINT", "TYPE", "USER", "CREATED", "LAST SEEN"});
        for (size_t i = 0; i < n; i++)
            table_add(&t,
                      (const char *const[]){keys[i].fingerprint, keys[i].key_type, keys[i].user_id,
                                            keys[i].created_at, keys[i].last_seen_at});
        table_print(&t);
    }
    free(keys);
    rc = s == DT_OK ? EXIT_DONE : failed(st, "keys", s);
    store_close(&st);
    return rc;
}

static int cmd_bind_key(const struct options *o, int argc, char **argv)
{
    struct admin_args a;
    int rc = parse(argc, argv, "bind-key", TAKES_TYPE, 2,
                   "a public key (\"TYPE BASE64 [COMMENT]\", one word in quotes) or a SHA256"
                   " fingerprint, then a user id",
                   &a);
    if (rc != -1)
        return rc;
    const char *key = a.words[0], *user = a.words[1];
    char fp[SSHKEYS_FINGERPRINT_LEN], type[SSHKEYS_TYPE_LEN];
    if (store_admin_fingerprint_ok(key)) {
        if (!a.type)
            return cli_usage_error("a fingerprint alone needs its key's type: add --type TYPE"
                                   " (ssh-ed25519, ssh-rsa, ...)");
        if (!store_admin_key_type_ok(a.type)) {
            cli_say("'%s' is not the name of a key type (ssh-ed25519, ssh-rsa, ...)", a.type);
            return EXIT_BAD_INPUT;
        }
        store_copy_text(fp, sizeof fp, key);
        store_copy_text(type, sizeof type, a.type);
    } else if (store_sshkeys_fingerprint(key, fp, type) != DT_OK) {
        cli_say("that is neither a public key line (\"TYPE BASE64 [COMMENT]\", as in a .pub"
                " file) nor a SHA256 fingerprint");
        return EXIT_BAD_INPUT;
    } else if (a.type) {
        return cli_usage_error("--type goes with a bare fingerprint; a key line names its own");
    }
    struct store *st = open_store(o);
    if (!st)
        return EXIT_BAD_INPUT;
    char before[STORE_ID_LEN];
    enum dt_status was = store_sshkeys_user(st, fp, before);
    enum dt_status s = store_sshkeys_bind(st, fp, type, user);
    if (s == DT_OK && was == DT_OK && strcmp(before, user) != 0)
        say_out("%s (%s) opened the workbook of %s; it now opens %s's.", fp, type, before, user);
    else if (s == DT_OK)
        say_out("%s (%s) now opens the workbook of %s.", fp, type, user);
    else if (s == DT_NOT_FOUND)
        cli_say("no such user: %s", user);
    rc = s == DT_OK ? EXIT_DONE : s == DT_NOT_FOUND ? EXIT_BAD_INPUT : failed(st, "bind-key", s);
    store_close(&st);
    return rc;
}

static int cmd_unbind_key(const struct options *o, int argc, char **argv)
{
    struct admin_args a;
    int rc = parse(argc, argv, "unbind-key", 0, 1, "a key's SHA256 fingerprint", &a);
    if (rc != -1)
        return rc;
    struct store *st = open_store(o);
    if (!st)
        return EXIT_BAD_INPUT;
    enum dt_status s = store_sshkeys_unbind(st, a.words[0]);
    if (s == DT_OK)
        say_out("%s opens no workbook now.", a.words[0]);
    else if (s == DT_NOT_FOUND)
        cli_say("no key with the fingerprint %s is bound", a.words[0]);
    rc = s == DT_OK ? EXIT_DONE : s == DT_NOT_FOUND ? EXIT_BAD_INPUT : failed(st, "unbind-key", s);
    store_close(&st);
    return rc;
}

static int skills_pending(const struct options *o)
{
    struct store *st = open_store(o);
    if (!st)
        return EXIT_BAD_INPUT;
    struct admin_skill *skills = NULL;
    size_t n = 0;
    enum dt_status s = store_admin_skills_pending(st, &skills, &n);
    if (s == DT_OK) {
        struct table t = {.columns = 5};
        table_add(&t, (const char *const[]){"ID", "CREATED", "CATEGORY", "PROPOSED BY", "NAME"});
        for (size_t i = 0; i < n; i++)
            table_add(&t,
                      (const char *const[]){skills[i].id, skills[i].created_at, skills[i].category,
                                            skills[i].created_by, skills[i].name});
        table_print(&t);
    }
    free(skills);
    int rc = s == DT_OK ? EXIT_DONE : failed(st, "skills pending", s);
    store_close(&st);
    return rc;
}

static int cmd_skills(const struct options *o, int argc, char **argv)
{
    if (argc < 2)
        return cli_usage_error("admin skills takes pending, approve ID or reject ID");
    argc--;
    argv++;
    bool pending = strcmp(argv[0], "pending") == 0, approve = strcmp(argv[0], "approve") == 0;
    if (!pending && !approve && strcmp(argv[0], "reject") != 0)
        return cli_usage_error("admin skills takes pending, approve ID or reject ID, not '%s'",
                               argv[0]);
    struct admin_args a;
    int rc = pending ? parse(argc, argv, "skills pending", 0, 0, "nothing more", &a)
                     : parse(argc, argv, approve ? "skills approve" : "skills reject", 0, 1,
                             "a skill's id", &a);
    if (rc != -1)
        return rc;
    if (pending)
        return skills_pending(o);
    struct store *st = open_store(o);
    if (!st)
        return EXIT_BAD_INPUT;
    struct admin_review r;
    enum dt_status s = store_admin_skills_review(st, a.words[0], approve, &r);
    if (s == DT_OK && r.merged_into[0])
        say_out("Merged: skill %s has the name of skill %s, which is on everyone's list"
                " already; its tags moved there and the proposal is gone.",
                a.words[0], r.merged_into);
    else if (s == DT_OK && approve && r.joined)
        say_out("Approved: skill %s is on everyone's list now; %d other proposal%s of the same"
                " name joined it, with %s tags.",
                a.words[0], r.joined, r.joined == 1 ? "" : "s", r.joined == 1 ? "its" : "their");
    else if (s == DT_OK && approve)
        say_out("Approved: skill %s is on everyone's list now.", a.words[0]);
    else if (s == DT_OK)
        say_out("Rejected: skill %s stays with the person who added it, and nobody else sees it.",
                a.words[0]);
    else if (s == DT_NOT_FOUND)
        cli_say("no custom skill has the id %s", a.words[0]);
    rc = s == DT_OK ? EXIT_DONE : s == DT_NOT_FOUND ? EXIT_BAD_INPUT : failed(st, "skills", s);
    store_close(&st);
    return rc;
}

static int cmd_delete_user(const struct options *o, int argc, char **argv)
{
    struct admin_args a;
    int rc = parse(argc, argv, "delete-user", TAKES_YES, 1, "a user id", &a);
    if (rc != -1)
        return rc;
    if (!a.yes && !isatty(STDIN_FILENO))
        return cli_usage_error("delete-user asks first: give --yes when there is no terminal");
    struct store *st = open_store(o);
    if (!st)
        return EXIT_BAD_INPUT;
    struct user u;
    enum dt_status s = store_users_get(st, a.words[0], &u);
    if (s == DT_OK && !a.yes &&
        !cli_confirm("Delete this user and everything in their workbook? It cannot be undone.")) {
        printf("Nothing was deleted.\n");
        store_close(&st);
        return EXIT_DONE;
    }
    if (s == DT_OK)
        s = store_users_delete(st, a.words[0]);
    if (s == DT_OK)
        say_out("User %s is deleted, with their workbook, keys and sessions.", a.words[0]);
    else if (s == DT_NOT_FOUND)
        cli_say("no such user: %s", a.words[0]);
    rc = s == DT_OK ? EXIT_DONE : s == DT_NOT_FOUND ? EXIT_BAD_INPUT : failed(st, "delete-user", s);
    store_close(&st);
    return rc;
}

static int cmd_backup(const struct options *o, int argc, char **argv)
{
    struct admin_args a;
    int rc = parse(argc, argv, "backup", TAKES_FORCE, 1, "the file to write", &a);
    if (rc != -1)
        return rc;
    struct store *st = open_store(o);
    if (!st)
        return EXIT_BAD_INPUT;
    int64_t bytes = 0;
    enum dt_status s = store_admin_backup(st, a.words[0], a.force, &bytes);
    if (s == DT_OK)
        say_out("Backed up to %s (%" PRId64 " bytes); integrity_check: ok.", a.words[0], bytes);
    else if (s == DT_DUPLICATE)
        cli_say("%s exists already: give --force to replace it", a.words[0]);
    else if (s == DT_INVALID)
        cli_say("%s is the database itself (or its log): choose another file", a.words[0]);
    else if (s == DT_CORRUPT)
        cli_say("the copy did not pass its integrity check, so it was not kept");
    else
        failed(st, a.words[0], s);
    store_close(&st);
    return s == DT_OK ? EXIT_DONE : EXIT_BAD_INPUT;
}

static int cmd_stats(const struct options *o, int argc, char **argv)
{
    struct admin_args a;
    int rc = parse(argc, argv, "stats", 0, 0, "nothing more", &a);
    if (rc != -1)
        return rc;
    struct store *st = open_store(o);
    if (!st)
        return EXIT_BAD_INPUT;
    struct admin_stats s;
    enum dt_status status = store_admin_stats(st, &s);
    if (status == DT_OK) {
        char v[8][24], active[64];
        snprintf(active, sizeof active, "users active in the last %d minutes",
                 ADMIN_ACTIVE_MINUTES);
        snprintf(v[0], sizeof v[0], "%d", s.users);
        snprintf(v[1], sizeof v[1], "%d", s.claimed);
        snprintf(v[2], sizeof v[2], "%d", s.keys);
        snprintf(v[3], sizeof v[3], "%d", s.active_users);
        snprintf(v[4], sizeof v[4], "%d", s.saves_last_minute);
        snprintf(v[5], sizeof v[5], "%d", s.saves_last_10_minutes);
        snprintf(v[6], sizeof v[6], "%" PRId64, s.database_bytes);
        snprintf(v[7], sizeof v[7], "%" PRId64, s.wal_bytes);
        const char *labels[8] = {"users",
                                 "claimed users",
                                 "SSH keys",
                                 active,
                                 "saves in the last minute",
                                 "saves in the last 10 minutes",
                                 "database file, bytes",
                                 "write-ahead log (-wal), bytes"};
        struct table t = {.columns = 2};
        table_add(&t, (const char *const[]){"MEASURE", "VALUE"});
        for (int i = 0; i < 8; i++)
            table_add(&t, (const char *const[]){labels[i], v[i]});
        table_print(&t);
    }
    rc = status == DT_OK ? EXIT_DONE : failed(st, "stats", status);
    store_close(&st);
    return rc;
}

int cli_admin(const struct options *o, int argc, char **argv)
{
    if (argc < 2)
        return cli_usage_error("admin takes %s", subcommands);
    argc--;
    argv++;
    static const struct {
        const char *name;
        int (*run)(const struct options *, int, char **);
    } commands[] = {
        {"users", cmd_users},           {"keys", cmd_keys},     {"bind-key", cmd_bind_key},
        {"unbind-key", cmd_unbind_key}, {"skills", cmd_skills}, {"delete-user", cmd_delete_user},
        {"backup", cmd_backup},         {"stats", cmd_stats},
    };
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(argv[0], commands[i].name) == 0)
            return commands[i].run(o, argc, argv);
    return cli_usage_error("admin takes %s, not '%s'", subcommands, argv[0]);
}
