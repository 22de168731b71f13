/* dreamtree export and import: a workbook to and from the export file (spec section 9), or
 * as a Markdown book (db/transfer.h, db/exchange.h, screens/book.h). */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "accounts.h"
#include "book.h"
#include "cli.h"
#include "exchange.h"
#include "files.h"
#include "import_plan.h"
#include "oom.h"
#include "transfer.h"

#define PASSWORD_BUF (ACCOUNTS_PASSWORD_MAX + 2)

/* The user: --user, else this terminal's. */
static enum dt_status pick_user(struct store *st, const char *db_key, const char *given,
                                char user[STORE_ID_LEN])
{
    if (given) {
        store_copy_text(user, STORE_ID_LEN, given);
        return DT_OK;
    }
    struct session se;
    enum dt_status s = cli_session_user(st, db_key, &se);
    if (s == DT_OK)
        memcpy(user, se.user_id, STORE_ID_LEN);
    if (s == DT_NOT_FOUND)
        cli_say("no workbook has been started from this account yet: start dreamtree first");
    else if (s != DT_OK)
        cli_say("%s", dt_status_message(s));
    return s;
}

/* Unlocks user's writing when the account is claimed; the exit status when it cannot be. The
 * password stays in keep (PASSWORD_BUF bytes, "" when none was asked) when keep is not NULL. */
static int unlock_if_claimed(struct store *st, const char *user, bool from_stdin, char *keep)
{
    struct account acc;
    enum dt_status s = store_accounts_get(st, user, &acc);
    if (s == DT_OK && !acc.claimed)
        return -1;
    if (s != DT_OK) {
        cli_say("%s", dt_status_message(s));
        return EXIT_BAD_INPUT;
    }
    char pw[PASSWORD_BUF];
    if (!cli_password("Password: ", from_stdin, pw, sizeof pw)) {
        if (!from_stdin)
            cli_say("this workbook is claimed: run this at a terminal for its password, or give"
                    " it with --password-stdin");
        return from_stdin ? EXIT_BAD_INPUT : EXIT_USAGE;
    }
    int wait = 0;
    s = store_accounts_unlock(st, user, pw, "local", &wait);
    if (keep && s == DT_OK)
        memcpy(keep, pw, sizeof pw);
    cli_forget(pw, sizeof pw);
    if (s == DT_THROTTLED)
        cli_say("too many wrong tries: try again in %d second%s", wait, wait == 1 ? "" : "s");
    else if (s == DT_WRONG_PASSWORD)
        cli_say("that is not this workbook's password");
    else if (s != DT_OK)
        cli_say("%s", dt_status_message(s));
    return s == DT_OK ? -1 : EXIT_BAD_INPUT;
}

/* Writes text to path (mode 0600, replacing a file that is there) or to stdout for NULL. */
static int write_out(const char *path, const char *text)
{
    if (!path) {
        fputs(text, stdout);
        return fflush(stdout) == 0 ? EXIT_DONE : EXIT_BAD_INPUT;
    }
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        cli_say("%s: %s", path, strerror(errno));
        return EXIT_BAD_INPUT;
    }
    fchmod(fd, 0600); /* a file that was there keeps no wider mode */
    size_t n = strlen(text), done = 0;
    while (done < n) {
        ssize_t w = write(fd, text + done, n - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            break;
        done += (size_t)w;
    }
    int ok = done == n && fsync(fd) == 0;
    if (close(fd) != 0)
        ok = 0;
    if (!ok) {
        cli_say("%s: could not be written in full", path);
        return EXIT_BAD_INPUT;
    }
    return EXIT_DONE;
}

int cli_export(const struct options *o, int argc, char **argv)
{
    static const struct option longopts[] = {{"user", required_argument, NULL, 'u'},
                                             {"output", required_argument, NULL, 'o'},
                                             {"format", required_argument, NULL, 'f'},
                                             {"password-stdin", no_argument, NULL, 'p'},
                                             {0}};
    const char *user_arg = NULL, *out = NULL, *format = "json";
    bool from_stdin = false;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "+:o:", longopts, NULL)) != -1) {
        if (c == 'u')
            user_arg = optarg;
        else if (c == 'o')
            out = optarg;
        else if (c == 'f')
            format = optarg;
        else if (c == 'p')
            from_stdin = true;
        else if (c == ':')
            return cli_usage_error("option '%s' needs a value", argv[optind - 1]);
        else
            return cli_usage_error("export does not take '%s'", argv[optind - 1]);
    }
    if (optind < argc)
        return cli_usage_error("export does not take '%s'", argv[optind]);
    bool markdown = strcmp(format, "md") == 0;
    if (!markdown && strcmp(format, "json") != 0)
        return cli_usage_error("--format takes json or md");

    int missing = 0;
    char db_key[FILES_PATH_MAX], user[STORE_ID_LEN];
    struct store *st = cli_open_store(o, STORE_OPEN_EXISTING, &missing, db_key);
    if (!st) {
        if (missing)
            cli_say("there is no workbook yet: nothing to export");
        return EXIT_BAD_INPUT;
    }
    if (pick_user(st, db_key, user_arg, user) != DT_OK) {
        store_close(&st);
        return EXIT_BAD_INPUT;
    }
    int rc = markdown ? unlock_if_claimed(st, user, from_stdin, NULL) : -1;
    struct exchange x;
    enum dt_status s = DT_OK;
    if (rc == -1) {
        s = store_export_user(st, user, markdown ? TRANSFER_CLEAR : TRANSFER_AS_STORED, &x);
        if (s == DT_NOT_FOUND)
            cli_say("no such user: %s", user);
        else if (s != DT_OK)
            cli_say("export: %s", dt_status_message(s));
        rc = s == DT_OK ? -1 : EXIT_BAD_INPUT;
    }
    if (rc == -1) {
        char *text = markdown ? book_markdown(st, user, &x, &s) : exchange_write(&x);
        if (!text) {
            cli_say("export: %s", dt_status_message(s));
            rc = EXIT_BAD_INPUT;
        } else {
            rc = write_out(out, text);
            if (rc == EXIT_DONE && markdown && out)
                cli_say("%s is not encrypted: keep it where only you can read it", out);
            sodium_memzero(text, strlen(text));
            free(text);
        }
        exchange_free(&x);
    }
    store_accounts_lock(st);
    store_close(&st);
    return rc;
}

/* ---- import ---- */

static void print_line(void *ctx, const char *text)
{
    (void)ctx;
    puts(text);
}

int cli_import(const struct options *o, int argc, char **argv)
{
    static const struct option longopts[] = {{"user", required_argument, NULL, 'u'},
                                             {"dry-run", no_argument, NULL, 'n'},
                                             {"yes", no_argument, NULL, 'y'},
                                             {"password-stdin", no_argument, NULL, 'p'},
                                             {0}};
    const char *user_arg = NULL;
    bool dry_run = false, yes = false, from_stdin = false;
    int c;
    optind = 0; /* 0, not 1: glibc starts afresh, so FILE may stand before the options */
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
        if (c == 'u')
            user_arg = optarg;
        else if (c == 'n')
            dry_run = true;
        else if (c == 'y')
            yes = true;
        else if (c == 'p')
            from_stdin = true;
        else if (c == ':')
            return cli_usage_error("option '%s' needs a value", argv[optind - 1]);
        else
            return cli_usage_error("import does not take '%s'", argv[optind - 1]);
    }
    if (argc - optind != 1)
        return cli_usage_error("import takes one FILE");
    const char *path = argv[optind];
    if (!dry_run && !yes && !isatty(STDIN_FILENO))
        return cli_usage_error("import asks before it merges: give --yes (or --dry-run) when"
                               " not at a terminal");

    size_t len = 0;
    char *text = NULL;
    enum dt_status s = store_files_read(path, EXCHANGE_MAX_BYTES, &text, &len);
    if (s != DT_OK) {
        cli_say("%s: %s", path,
                s == DT_NOT_FOUND ? "no such file"
                : s == DT_INVALID ? "not a file, or larger than an export can be (64 MiB)"
                                  : "could not be read");
        return EXIT_BAD_INPUT;
    }
    struct exchange x;
    char err[EXCHANGE_ERR_LEN];
    s = exchange_parse(text, len, &x, err);
    free(text);
    if (s != DT_OK) {
        cli_say("%s: %s", path, err[0] ? err : dt_status_message(s));
        return EXIT_BAD_INPUT;
    }
    int missing = 0;
    char db_key[FILES_PATH_MAX], user[STORE_ID_LEN];
    struct store *st = cli_open_store(o, STORE_OPEN_EXISTING, &missing, db_key);
    if (!st) {
        if (missing)
            cli_say("there is no workbook yet: start dreamtree first, then import");
        exchange_free(&x);
        return EXIT_BAD_INPUT;
    }
    int rc = pick_user(st, db_key, user_arg, user) == DT_OK ? -1 : EXIT_BAD_INPUT;
    /* the file's password: this workbook's is tried first (an export of the same account) */
    char pw[PASSWORD_BUF] = "";
    if (rc == -1)
        rc = unlock_if_claimed(st, user, from_stdin, pw);
    struct import_plan plan;
    if (rc == -1) {
        s = store_import(st, user, &x, pw[0] ? pw : NULL, false, &plan, err);
        if ((s == DT_KEY_LOCKED || (s == DT_WRONG_PASSWORD && pw[0])) && x.encryption.present) {
            cli_forget(pw, sizeof pw);
            if (cli_password("Password of the exported workbook: ", from_stdin, pw, sizeof pw))
                s = store_import(st, user, &x, pw, false, &plan, err);
            else
                rc = from_stdin ? EXIT_BAD_INPUT : EXIT_USAGE;
        }
        if (rc == -1 && s != DT_OK) {
            if (s == DT_INVALID)
                cli_say("%s: %s", path, err);
            else if (s == DT_WRONG_PASSWORD)
                cli_say("%s: that password does not open this file", path);
            else
                cli_say("import: %s", dt_status_message(s));
            rc = EXIT_BAD_INPUT;
        }
    }
    if (rc == -1) {
        import_plan_lines(path, &x, &plan, print_line, NULL);
        if (dry_run) {
            rc = EXIT_DONE;
        } else if (!yes && !cli_confirm("Merge it into your workbook?")) {
            printf("Nothing was imported.\n");
            rc = EXIT_DONE;
        } else {
            s = store_import(st, user, &x, pw[0] ? pw : NULL, true, &plan, err);
            if (s == DT_OK)
                printf("Imported.\n");
            else
                cli_say("import: %s%s%s; nothing was changed", dt_status_message(s),
                        err[0] ? ": " : "", err);
            rc = s == DT_OK ? EXIT_DONE : EXIT_BAD_INPUT;
        }
    }
    cli_forget(pw, sizeof pw);
    exchange_free(&x);
    store_accounts_lock(st);
    store_close(&st);
    return rc;
}
