/* dreamtree account claim | password | recover | delete: the account of this terminal's
 * workbook from the command line (db/accounts.h). Passwords come from a prompt with echo off,
 * or one line each from standard input with --password-stdin. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "accounts.h"
#include "cli.h"

#define PASSWORD_BUF (ACCOUNTS_PASSWORD_MAX + 2)

struct account_args {
    const char *email;
    const char *user;
    bool password_stdin;
};

static const char claim_warning[] =
    "Claiming encrypts what you write with a key that only your password, or the recovery code\n"
    "you are about to get, can open. If you lose both, nobody can read your writing again: not\n"
    "you, and not whoever runs this computer.\n";

static int parse(int argc, char **argv, struct account_args *a, bool takes_email)
{
    static const struct option longopts[] = {{"email", required_argument, NULL, 'e'},
                                             {"user", required_argument, NULL, 'u'},
                                             {"password-stdin", no_argument, NULL, 'p'},
                                             {0}};
    memset(a, 0, sizeof *a);
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "+:", longopts, NULL)) != -1) {
        if (c == 'e' && takes_email)
            a->email = optarg;
        else if (c == 'u')
            a->user = optarg;
        else if (c == 'p')
            a->password_stdin = true;
        else if (c == ':')
            return cli_usage_error("option '%s' needs a value", argv[optind - 1]);
        else
            return cli_usage_error("account %s does not take '%s'", argv[0], argv[optind - 1]);
    }
    if (optind < argc)
        return cli_usage_error("account %s does not take '%s'", argv[0], argv[optind]);
    if (takes_email && !a->email)
        return cli_usage_error("account %s needs --email ADDRESS", argv[0]);
    return -1;
}

/* The workbook's user: --user, else this terminal's. */
static struct store *open_user(const struct options *o, const struct account_args *a,
                               char user[STORE_ID_LEN])
{
    int missing = 0;
    char db_key[FILES_PATH_MAX];
    struct store *st = cli_open_store(o, STORE_OPEN_EXISTING, &missing, db_key);
    if (!st) {
        if (missing)
            cli_say("there is no workbook yet: start dreamtree first");
        return NULL;
    }
    struct session se;
    enum dt_status s = DT_OK;
    if (a->user) {
        store_copy_text(user, STORE_ID_LEN, a->user);
    } else if ((s = cli_session_user(st, db_key, &se)) == DT_OK) {
        memcpy(user, se.user_id, STORE_ID_LEN);
    }
    if (s == DT_NOT_FOUND)
        cli_say("no workbook has been started from this account yet: start dreamtree first");
    else if (s != DT_OK)
        cli_say("%s", dt_status_message(s));
    if (s != DT_OK)
        store_close(&st);
    return st;
}

/* A password, or the exit status when there is none. */
static int ask(const char *prompt, const struct account_args *a, char *buf)
{
    if (cli_password(prompt, a->password_stdin, buf, PASSWORD_BUF))
        return -1;
    if (!a->password_stdin && !buf[0])
        cli_say("a password is needed: run this at a terminal, or give it with"
                " --password-stdin");
    return a->password_stdin ? EXIT_BAD_INPUT : EXIT_USAGE;
}

/* A new password: refused early when it cannot be one; typed twice at a terminal. */
static int ask_new(const struct account_args *a, char *buf, char *again)
{
    int rc = ask("New password: ", a, buf);
    if (rc != -1)
        return rc;
    const char *why = store_accounts_password_problem(buf);
    if (why) {
        cli_say("%s", why);
        return EXIT_BAD_INPUT;
    }
    if (a->password_stdin)
        return -1;
    rc = ask("The same again: ", a, again);
    if (rc != -1)
        return rc;
    if (strcmp(buf, again) != 0) {
        cli_say("the two passwords are not the same; nothing was changed");
        return EXIT_BAD_INPUT;
    }
    return -1;
}

/* Says why an account call failed. */
static int failed(struct store *st, enum dt_status s, int wait)
{
    if (s == DT_THROTTLED)
        cli_say("too many wrong tries: try again in %d second%s", wait, wait == 1 ? "" : "s");
    else if (s == DT_WRONG_PASSWORD)
        cli_say("that is not this workbook's password");
    else if ((s == DT_INVALID || s == DT_DUPLICATE) && store_last_error(st)[0])
        cli_say("%s", store_last_error(st));
    else
        cli_say("%s", dt_status_message(s));
    return EXIT_BAD_INPUT;
}

static void show_code(const char *code)
{
    printf("Your recovery code (shown once: write it down and keep it away from this computer):\n"
           "\n    %s\n\n"
           "With it you can set a new password if you forget yours.\n",
           code);
}

static int claim(const struct options *o, int argc, char **argv)
{
    struct account_args a;
    int rc = parse(argc, argv, &a, true);
    if (rc != -1)
        return rc;
    char address[ACCOUNTS_EMAIL_LEN];
    const char *why = store_accounts_email(a.email, address);
    if (why) {
        cli_say("%s", why);
        return EXIT_BAD_INPUT;
    }
    char user[STORE_ID_LEN];
    struct store *st = open_user(o, &a, user);
    if (!st)
        return EXIT_BAD_INPUT;
    struct account acc;
    enum dt_status s = store_accounts_get(st, user, &acc);
    if (s == DT_OK && acc.claimed) {
        cli_say("this workbook is already claimed");
        store_close(&st);
        return EXIT_BAD_INPUT;
    }
    fputs(claim_warning, stdout);
    fflush(stdout);
    char pw[PASSWORD_BUF], again[PASSWORD_BUF], code[KEYWRAP_RECOVERY_LEN];
    rc = s == DT_OK ? ask_new(&a, pw, again) : failed(st, s, 0);
    if (rc == -1) {
        s = store_accounts_claim(st, user, address, pw, code);
        if (s == DT_OK) {
            printf("\nYour workbook is claimed for %s, and what you wrote is encrypted.\n",
                   address);
            show_code(code);
            rc = EXIT_DONE;
        } else {
            rc = failed(st, s, 0);
        }
    }
    cli_forget(pw, sizeof pw);
    cli_forget(again, sizeof again);
    cli_forget(code, sizeof code);
    store_close(&st);
    return rc;
}

static int change_password(const struct options *o, int argc, char **argv)
{
    struct account_args a;
    int rc = parse(argc, argv, &a, false);
    if (rc != -1)
        return rc;
    char user[STORE_ID_LEN];
    struct store *st = open_user(o, &a, user);
    if (!st)
        return EXIT_BAD_INPUT;
    char current[PASSWORD_BUF], pw[PASSWORD_BUF], again[PASSWORD_BUF];
    rc = ask("Current password: ", &a, current);
    if (rc == -1)
        rc = ask_new(&a, pw, again);
    if (rc == -1) {
        enum dt_status s = store_accounts_change_password(st, user, current, pw);
        if (s == DT_OK)
            printf("Your password is changed. Your recovery code still works.\n");
        rc = s == DT_OK ? EXIT_DONE : failed(st, s, 0);
    }
    cli_forget(current, sizeof current);
    cli_forget(pw, sizeof pw);
    cli_forget(again, sizeof again);
    store_close(&st);
    return rc;
}

static int recover(const struct options *o, int argc, char **argv)
{
    struct account_args a;
    int rc = parse(argc, argv, &a, true);
    if (rc != -1)
        return rc;
    int missing = 0;
    struct store *st = cli_open_store(o, STORE_OPEN_EXISTING, &missing, NULL);
    if (!st) {
        if (missing)
            cli_say("there is no workbook yet: start dreamtree first");
        return EXIT_BAD_INPUT;
    }
    char typed[PASSWORD_BUF], pw[PASSWORD_BUF], again[PASSWORD_BUF], next[KEYWRAP_RECOVERY_LEN];
    rc = ask("Recovery code: ", &a, typed);
    if (rc == -1)
        rc = ask_new(&a, pw, again);
    if (rc == -1) {
        char user[STORE_ID_LEN];
        int wait = 0;
        enum dt_status s = store_accounts_recover(st, a.email, typed, pw, "local", user, next,
                                                  &wait);
        if (s == DT_OK) {
            printf("Your new password is set, and that recovery code is used up.\n");
            show_code(next);
            rc = EXIT_DONE;
        } else {
            rc = s == DT_WRONG_PASSWORD
                     ? (cli_say("that email and recovery code do not match an account"),
                        EXIT_BAD_INPUT)
                     : failed(st, s, wait);
        }
    }
    cli_forget(typed, sizeof typed);
    cli_forget(pw, sizeof pw);
    cli_forget(again, sizeof again);
    cli_forget(next, sizeof next);
    store_close(&st);
    return rc;
}

static int delete_account(const struct options *o, int argc, char **argv)
{
    struct account_args a;
    int rc = parse(argc, argv, &a, true);
    if (rc != -1)
        return rc;
    char user[STORE_ID_LEN];
    struct store *st = open_user(o, &a, user);
    if (!st)
        return EXIT_BAD_INPUT;
    char pw[PASSWORD_BUF];
    rc = ask("Password: ", &a, pw);
    if (rc == -1) {
        enum dt_status s = store_accounts_delete(st, user, a.email, pw);
        if (s == DT_OK)
            printf("The account and everything in its workbook are deleted.\n");
        rc = s == DT_OK ? EXIT_DONE : failed(st, s, 0);
    }
    cli_forget(pw, sizeof pw);
    store_close(&st);
    return rc;
}

int cli_account(const struct options *o, int argc, char **argv)
{
    if (argc < 2)
        return cli_usage_error("account takes claim, password, recover or delete");
    argc--;
    argv++;
    if (strcmp(argv[0], "claim") == 0)
        return claim(o, argc, argv);
    if (strcmp(argv[0], "password") == 0)
        return change_password(o, argc, argv);
    if (strcmp(argv[0], "recover") == 0)
        return recover(o, argc, argv);
    if (strcmp(argv[0], "delete") == 0)
        return delete_account(o, argc, argv);
    return cli_usage_error("account takes claim, password, recover or delete, not '%s'", argv[0]);
}
