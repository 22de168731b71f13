/* dreamtree: the DreamTree career workbook in a terminal. This file reads the command line,
 * opens the store and hands over to the face or command asked for. */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cli.h"
#include "diag.h"
#include "content.h"
#include "fullscreen.h"
#include "files.h"
#include "oom.h"
#include "preferences.h"
#include "seed.h"
#include "sessions.h"
#include "store.h"
#include "text.h"
#include "today.h"
#include "app.h"
#include "plain.h"
#include "users.h"

static const char usage_text[] =
    "Usage:\n"
    "  dreamtree [--db PATH] [--plain]            start the workbook (the default)\n"
    "  dreamtree [--db PATH] seed [DIR]           create or update the database and load content\n"
    "  dreamtree [--db PATH] today [--user ID]    print today's Daily Dos, one per line\n"
    "  dreamtree [--db PATH] account claim --email ADDRESS   claim this workbook: encrypt it\n"
    "                                             under a password\n"
    "  dreamtree [--db PATH] account password     change the password\n"
    "  dreamtree [--db PATH] account recover --email ADDRESS   set a new password with the\n"
    "                                             recovery code\n"
    "  dreamtree [--db PATH] account delete --email ADDRESS    delete the account and its\n"
    "                                             workbook\n"
    "  dreamtree [--db PATH] export [--format json|md] [-o FILE] [--user ID]\n"
    "                                             write the workbook to a file (default: stdout)\n"
    "  dreamtree [--db PATH] import FILE [--dry-run] [--yes] [--user ID]\n"
    "                                             merge an exported workbook into this one\n"
    "  dreamtree content check [DIR]              check content files; errors name file:line\n"
    "  dreamtree [--db PATH] admin users          the shared server's users: dates and counts,\n"
    "                                             never their writing\n"
    "  dreamtree [--db PATH] admin keys [--user ID]   the SSH keys and the users they open\n"
    "  dreamtree [--db PATH] admin bind-key KEY USER [--type TYPE]   bind a public key line\n"
    "                                             (or a SHA256 fingerprint) to a user\n"
    "  dreamtree [--db PATH] admin unbind-key FINGERPRINT   forget a key\n"
    "  dreamtree [--db PATH] admin skills pending | approve ID | reject ID\n"
    "                                             review the custom skills people added\n"
    "  dreamtree [--db PATH] admin delete-user ID [--yes]   delete a user and their workbook\n"
    "  dreamtree [--db PATH] admin backup FILE [--force]   copy the database while it is used\n"
    "  dreamtree [--db PATH] admin stats          users, sessions now, saves, database size\n"
    "  dreamtree --shared --db PATH [--identity NAME]\n"
    "                                             the forced command of a shared SSH server\n"
    "  dreamtree --help | --version\n"
    "\n"
    "Options:\n"
    "  --db PATH      the database file (default: $DREAMTREE_DB, else\n"
    "                 $XDG_DATA_HOME/dreamtree/dreamtree.db, else\n"
    "                 ~/.local/share/dreamtree/dreamtree.db)\n"
    "  --plain        text mode for screen readers: plain lines and numbered menus\n"
    "  --shared       a shared server: the user is the SSH key sshd authenticated\n"
    "                 (docs/ssh-server.md); the client may ask only plain, today, export\n"
    "  --identity NAME  with --shared: the user is NAME, set on the forced command line\n"
    "  --idle-exit MINUTES  with --shared: end a session after this long without a key,\n"
    "                 warning a minute before (default 30)\n"
    "  --max-session MINUTES  with --shared: end a session after this long (default 480)\n"
    "  --user ID      with today, account, export, import: the workbook's user (default:\n"
    "                 the one this terminal's account last used); with admin keys: only\n"
    "                 that user's keys\n"
    "  --password-stdin  with account, export, import: read each password as one line of\n"
    "                 standard input (a new password on the next line) instead of asking\n"
    "  --dry-run      with import: show what would change, and change nothing\n"
    "  --yes          with import: merge without asking; with admin delete-user: delete\n"
    "                 without asking\n"
    "  --type TYPE    with admin bind-key and a bare fingerprint: the key's type\n"
    "                 (ssh-ed25519, ssh-rsa, ...)\n"
    "  --force        with admin backup: replace FILE if it exists\n"
    "  -h, --help     show this help and exit\n"
    "  -V, --version  show the version and exit\n"
    "\n"
    "Exit status: 0 done, 1 bad input or data, 2 usage error (or a password needed and\n"
    "no terminal to ask it on).\n";

static void print_diags(const struct seed_diags *d)
{
    for (size_t i = 0; i < d->n; i++)
        cli_say("%s", d->items[i]);
    if (d->more) /* only the first problems are kept: a broken file can hold millions */
        cli_say("... and %zu more problem%s, not shown here", d->more, d->more == 1 ? "" : "s");
}

static int seed_into(struct store *st, const char *dir, int verbose)
{
    struct seed_diags d = {0};
    struct seed_counts n;
    enum dt_status s = seed_run(st, dir, &d, &n);
    print_diags(&d);
    seed_diags_free(&d);
    if (s != DT_OK) {
        cli_say("seed: %s%s%s", dt_status_message(s), store_last_error(st)[0] ? ": " : "",
                store_last_error(st));
        return EXIT_BAD_INPUT;
    }
    if (verbose)
        printf("Loaded %zu tool types, %zu personality types, %zu competencies, %zu skills,"
               " %zu references, %zu parts, %zu modules and %zu exercises.\n",
               n.tools, n.personality_types, n.competencies, n.skills, n.references, n.parts,
               n.modules, n.exercises);
    return EXIT_DONE;
}

static int cmd_seed(const struct options *o, int argc, char **argv)
{
    if (argc > 2)
        return cli_usage_error("seed takes at most one folder");
    struct store *st = cli_open_store(o, STORE_OPEN_CREATE, NULL, NULL);
    if (!st)
        return EXIT_BAD_INPUT;
    int rc = seed_into(st, argc == 2 ? argv[1] : cli_content_dir(), 1);
    store_close(&st);
    return rc;
}

static int cmd_content(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "check") != 0)
        return cli_usage_error("content takes 'check [DIR]'");
    if (argc > 3)
        return cli_usage_error("content check takes at most one folder");
    const char *dir = argc == 3 ? argv[2] : cli_content_dir();
    struct seed_content *c = NULL;
    struct seed_diags d = {0};
    enum dt_status s = seed_check_dir(dir, &c, &d);
    print_diags(&d);
    if (s == DT_OK) {
        struct seed_counts n;
        seed_content_counts(c, &n);
        printf("Content is clean: %zu tool types, %zu personality types, %zu competencies,"
               " %zu skills, %zu references, %zu exercises, %zu prompts.\n",
               n.tools, n.personality_types, n.competencies, n.skills, n.references, n.exercises,
               n.prompts);
    } else if (s == DT_INVALID) {
        size_t n = seed_diags_count(&d);
        cli_say("content check: %zu problem%s", n, n == 1 ? "" : "s");
    } else {
        cli_say("content check: %s", dt_status_message(s));
    }
    seed_diags_free(&d);
    seed_content_free(&c);
    return s == DT_OK ? EXIT_DONE : EXIT_BAD_INPUT;
}

static int cmd_today(const struct options *o, int argc, char **argv)
{
    static const struct option longopts[] = {{"user", required_argument, NULL, 'u'}, {0}};
    const char *user = NULL;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "+:", longopts, NULL)) != -1) {
        if (c == 'u')
            user = optarg;
        else if (c == ':')
            return cli_usage_error("--user needs a user id");
        else
            return cli_usage_error("today takes only --user ID");
    }
    if (optind < argc)
        return cli_usage_error("today does not take '%s'", argv[optind]);
    int missing = 0;
    char db_key[FILES_PATH_MAX];
    struct store *st = cli_open_store(o, STORE_OPEN_READONLY, &missing, db_key); /* it only reads */
    if (!st) {
        if (missing && !user)
            return EXIT_DONE; /* nothing started yet: nothing is due */
        if (missing)
            cli_say("no such user (there is no database yet): %s", user);
        return EXIT_BAD_INPUT;
    }
    char user_id[STORE_ID_LEN];
    enum dt_status s = DT_OK;
    struct session se;
    if (user) {
        store_copy_text(user_id, sizeof user_id, user);
    } else {
        s = cli_session_user(st, db_key, &se);
        memcpy(user_id, se.user_id, sizeof user_id);
        if (s == DT_NOT_FOUND) { /* no one has used dreamtree from this account yet */
            store_close(&st);
            return EXIT_DONE;
        }
    }
    if (s == DT_OK)
        s = screens_today_lines(st, user_id, stdout);
    if (s == DT_NOT_FOUND)
        cli_say("no such user: %s", user ? user : "");
    else if (s != DT_OK)
        cli_say("today: %s", dt_status_message(s));
    store_close(&st);
    return s == DT_OK ? EXIT_DONE : EXIT_BAD_INPUT;
}

/* Text mode when it is asked for (--plain, or ACCESSIBLE set to anything but "", 0, false or
 * no), when the terminal cannot take a full screen (TERM unset or dumb), and when stdin or
 * stdout is not a terminal (a pipe, a script, a screen reader's own console). */
static bool want_plain(const struct options *o)
{
    if (o->plain)
        return true;
    const char *accessible = getenv("ACCESSIBLE");
    if (accessible && accessible[0] && strcmp(accessible, "0") != 0 &&
        strcasecmp(accessible, "false") != 0 && strcasecmp(accessible, "no") != 0)
        return true;
    const char *term = getenv("TERM");
    if (!term || !term[0] || strcmp(term, "dumb") == 0)
        return true;
    return !isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO);
}

/* After the first frame: load the content again when it changed since it was loaded (a new
 * release), and show the screen anew. Asking costs a look at every content file, which the
 * first frame need not wait for. Content that does not load leaves the workbook as it was. */
static void reload_changed_content(struct app *a, void *ctx)
{
    struct store *st = ctx;
    if (!seed_is_stale(st, cli_content_dir()))
        return;
    struct seed_diags d = {0};
    enum dt_status s = seed_run(st, cli_content_dir(), &d, NULL);
    seed_diags_free(&d);
    if (s == DT_OK) {
        app_reload(a);
        app_note(a, "The workbook has been updated.");
    } else {
        app_error(a, "the workbook's new content could not be loaded, so it stays as it was;"
                     " 'dreamtree content check' says why.");
        app_redisplay(a);
    }
}

/* The screens, in the face chosen: full-screen curses, or text mode (numbered menus, one
 * question at a time), which also takes over when the terminal cannot be started. */
int cli_run_screens(const struct options *o, struct store *st, const char *user_id,
                    enum screen_id first, const char *shared_source)
{
    struct app *app = app_new(st, user_id, first, NULL);
    if (!app) {
        cli_say("cannot open the Daily Dos: %s", app_last_error());
        return EXIT_BAD_INPUT;
    }
    if (shared_source)
        app_set_shared(app, shared_source, o->idle_exit_minutes * 60);
    app_after_first_frame(app, reload_changed_content, st);
    struct tui_host host = app_host(app);
    struct user_preferences prefs; /* the person's own choice of text mode counts too */
    bool plain = (store_preferences_get(st, user_id, &prefs) == DT_OK && prefs.text_mode) ||
                 want_plain(o);
    int rc = -1;
    /* A face runs until the person leaves, or chooses the other face in the settings: then the
     * other one goes on with the same screens (back to text mode whatever the terminal; to the
     * full screen only where text mode was not forced by it). */
    while (rc == -1) {
        if (!plain) {
            /* the person's colours and font (the defaults when they cannot be read) */
            struct user_settings us;
            bool have = store_users_settings(st, user_id, &us) == DT_OK;
            struct tui_fullscreen_options co = {have ? us.background_color : NULL,
                                                have ? us.text_color : NULL, have ? us.font : NULL};
            int r = tui_fullscreen_run(&host, &co);
            if (r == 0)
                rc = EXIT_DONE;
            else if (r == TUI_FULLSCREEN_INPUT_ENDED)
                rc = EXIT_BAD_INPUT; /* what was typed is kept, but the session did not end well */
            else if (r > 1)
                rc = r; /* 128 + the signal that stopped it, as a shell would say */
            if (r == 1)
                app_say_again(app); /* "Settings saved...", which the full screen showed last */
            plain = true;           /* 1: the person chose text mode; -1: no usable terminal */
            continue;
        }
        int r = tui_plain_run(&host, stdin, stdout);
        if (r == 1)
            plain = want_plain(o);
        else
            rc = r == 0 ? EXIT_DONE : r > 128 ? r : EXIT_BAD_INPUT; /* 128 + a stop signal */
    }
    app_free(&app);
    return rc;
}

/* The interactive run: resume this terminal's user (or start a new anonymous one) and open
 * the Daily Dos. */
static int cmd_interactive(const struct options *o)
{
    char db_key[FILES_PATH_MAX];
    struct store *st = cli_open_store(o, STORE_OPEN_CREATE, NULL, db_key);
    if (!st)
        return EXIT_BAD_INPUT;
    /* Load the content on the first run: nothing can be shown without it. Whether it changed
     * since (a new release) is asked once the first screen is out (reload_changed_content). */
    int rc = EXIT_DONE;
    if (!seed_is_loaded(st))
        rc = seed_into(st, cli_content_dir(), 0);
    struct session se;
    memset(&se, 0, sizeof se);
    enum screen_id first = SCREEN_DASHBOARD;
    enum dt_status s = rc == EXIT_DONE ? cli_session_user(st, db_key, &se) : DT_OK;
    if (rc == EXIT_DONE && s == DT_NOT_FOUND) {
        first = SCREEN_WELCOME; /* a new person: say what DreamTree is, offer the settings */
        /* First the place for the session file: without it the next run could not resume,
         * and every run would leave another anonymous user behind. */
        char path[FILES_PATH_MAX];
        struct user u;
        s = store_files_session_file(path, 1);
        if (s != DT_OK) {
            cli_say("cannot keep your session: set HOME (or XDG_STATE_HOME) to a folder you own");
            store_close(&st);
            return EXIT_BAD_INPUT;
        }
        s = store_users_create_anonymous(st, &u);
        if (s == DT_OK)
            s = store_sessions_create(st, u.id, &se);
        if (s == DT_OK)
            s = store_files_write_session(path, db_key, se.id);
    }
    if (rc == EXIT_DONE && s == DT_OK) {
        rc = cli_run_screens(o, st, se.user_id, first, NULL);
        store_sessions_touch(st, se.id); /* last_seen_at: the session's last activity */
    }
    if (rc == EXIT_DONE && s != DT_OK) {
        cli_say("%s%s%s", dt_status_message(s), store_last_error(st)[0] ? ": " : "",
                store_last_error(st));
        rc = EXIT_BAD_INPUT;
    }
    store_close(&st);
    return rc;
}

/* Fault in the heap the first frame needs with one system call. On the virtual machines this
 * runs on, each first touch of a page costs 10-15 us, and SQLite's schema and page cache and the
 * first screen touch up to about ninety fresh heap pages before the Daily Dos appear (384 KiB:
 * past that, no fault less); populating them up front costs about a twelfth. The block goes
 * back to malloc's top chunk, which is told to keep it. */
static void warm_heap(void)
{
#if defined(__GLIBC__) && defined(MADV_POPULATE_WRITE)
    enum { WARM = 384 * 1024, PAGE = 4096 };
    mallopt(M_TRIM_THRESHOLD, 2 * WARM);
    mallopt(M_MMAP_THRESHOLD, 2 * WARM);
    char *block = malloc(WARM);
    if (!block)
        return;
    uintptr_t first = ((uintptr_t)block + PAGE - 1) & ~(uintptr_t)(PAGE - 1);
    madvise((void *)first, WARM - 2 * PAGE, MADV_POPULATE_WRITE); /* older kernels: EINVAL, fine */
    free(block);
#endif
}

int main(int argc, char **argv)
{
    /* No core files: a core dump would hold the user's writing. */
    struct rlimit none = {0, 0};
    setrlimit(RLIMIT_CORE, &none);
    dt_oom_use_for_cjson();

    static const struct option longopts[] = {
        {"db", required_argument, NULL, 'd'},
        {"plain", no_argument, NULL, 'p'},
        {"shared", no_argument, NULL, 'S'},
        {"identity", required_argument, NULL, 'I'},
        {"idle-exit", required_argument, NULL, 'X'},
        {"max-session", required_argument, NULL, 'M'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {0},
    };
    struct options o = {0};
    bool shared = false;
    const char *identity = NULL;
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "+:hV", longopts, NULL)) != -1) {
        switch (c) {
        case 'd': o.db = optarg; break;
        case 'p': o.plain = 1; break;
        case 'S': shared = true; break;
        case 'I': identity = optarg; break;
        case 'X':
        case 'M': {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (*end || end == optarg || v < 1 || v > 10080)
                return cli_usage_error("%s takes minutes, from 1 to 10080",
                                       c == 'X' ? "--idle-exit" : "--max-session");
            *(c == 'X' ? &o.idle_exit_minutes : &o.max_session_minutes) = (int)v;
            break;
        }
        case 'h': fputs(usage_text, stdout); return EXIT_DONE;
        case 'V': printf("dreamtree %s\n", DT_VERSION); return EXIT_DONE;
        case ':': return cli_usage_error("option '%s' needs a value", argv[optind - 1]);
        default: return cli_usage_error("unknown option '%s'", argv[optind - 1]);
        }
    }
    if (o.db && !o.db[0])
        return cli_usage_error("--db needs a path");
    argc -= optind;
    argv += optind;
    if ((identity || o.idle_exit_minutes || o.max_session_minutes) && !shared)
        return cli_usage_error("--identity, --idle-exit and --max-session go with --shared");
    if (shared) { /* the forced command: the client's own command is SSH_ORIGINAL_COMMAND */
        if (argc > 0)
            return cli_usage_error("--shared takes no command");
        if (identity && !identity[0])
            return cli_usage_error("--identity needs a name");
        return cli_shared(&o, identity);
    }
    warm_heap();
    if (argc == 0)
        return cmd_interactive(&o);
    if (strcmp(argv[0], "seed") == 0)
        return cmd_seed(&o, argc, argv);
    if (strcmp(argv[0], "today") == 0)
        return cmd_today(&o, argc, argv);
    if (strcmp(argv[0], "content") == 0)
        return cmd_content(argc, argv);
    if (strcmp(argv[0], "account") == 0)
        return cli_account(&o, argc, argv);
    if (strcmp(argv[0], "export") == 0)
        return cli_export(&o, argc, argv);
    if (strcmp(argv[0], "import") == 0)
        return cli_import(&o, argc, argv);
    if (strcmp(argv[0], "admin") == 0)
        return cli_admin(&o, argc, argv);
    return cli_usage_error("unknown command '%s'", argv[0]);
}
