/* What the command line's files share (main.c, cli_account.c, cli_transfer.c, cli_admin.c):
 * the options every command takes, messages to stderr through the sanitiser, the database and
 * the user of this terminal, and passwords read without echo or from standard input. */
#ifndef DT_CLI_H
#define DT_CLI_H

#include <stdarg.h>
#include <stdbool.h>

#include "files.h"
#include "screen_id.h"
#include "sessions.h"
#include "store.h"

enum exit_code { EXIT_DONE = 0, EXIT_BAD_INPUT = 1, EXIT_USAGE = 2 };

struct options {
    const char *db;
    int plain;
    int idle_exit_minutes;   /* --shared: a session ends after this long without a key */
    int max_session_minutes; /* --shared: and after this long in all */
};

/* "dreamtree: MESSAGE" on stderr, sanitised (a message may hold a path or an argument). */
void cli_vsay(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
void cli_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A usage error: the message, a pointer to --help, and EXIT_USAGE to return. */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The content folder: $DREAMTREE_CONTENT, the source checkout's, or the installed one. */
const char *cli_content_dir(void);
/* The database's path: --db, else the default place (made when create_dir). -1 said why. */
int cli_database_path(const struct options *o, char path[FILES_PATH_MAX], int create_dir);
/* Opens the database (NULL when it cannot, said why; *missing set instead when the file does
 * not exist and missing is not NULL); db_key (may be NULL) receives its absolute path. */
struct store *cli_open_store(const struct options *o, enum store_open_mode mode, int *missing,
                             char db_key[FILES_PATH_MAX]);
/* The user of this terminal: the one the session file names; DT_NOT_FOUND when none. */
enum dt_status cli_session_user(struct store *st, const char *db_key, struct session *se);

/* Passwords (cli.c). With from_stdin, the next line of standard input (without its line end);
 * else a prompt on the terminal with echo off, NULL without one (the caller exits 2). The
 * text is in buf (size bytes, zeroed by cli_forget). NULL also for a line too long or the
 * end of input, said why. */
const char *cli_password(const char *prompt, bool from_stdin, char *buf, size_t size);
void cli_forget(char *buf, size_t size);
/* y or n on the terminal; false without one. */
bool cli_confirm(const char *question);

/* The screens for user_id in the face the options and the terminal call for (main.c);
 * shared_source (the SSH key) marks a shared server, NULL on one machine. */
int cli_run_screens(const struct options *o, struct store *st, const char *user_id,
                    enum screen_id first, const char *shared_source);
/* dreamtree --shared (cli_shared.c). */
int cli_shared(const struct options *o, const char *identity);

/* The commands outside main.c. */
int cli_account(const struct options *o, int argc, char **argv);
int cli_export(const struct options *o, int argc, char **argv);
int cli_import(const struct options *o, int argc, char **argv);
int cli_admin(const struct options *o, int argc, char **argv);

#endif
