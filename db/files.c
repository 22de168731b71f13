#include "files.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "oom.h"

enum dt_status store_files_mkdirs(const char *dir)
{
    char buf[FILES_PATH_MAX];
    size_t n = strlen(dir);
    if (n == 0 || n >= sizeof buf)
        return DT_INVALID;
    memcpy(buf, dir, n + 1);
    for (char *p = buf + 1;; p++) {
        if (*p == '/' || *p == '\0') {
            char saved = *p;
            *p = '\0';
            if (mkdir(buf, 0700) != 0 && errno != EEXIST)
                return DT_IO;
            *p = saved;
            if (saved == '\0')
                break;
        }
    }
    return DT_OK;
}

/* $var/dreamtree/name, or $HOME/fallback/dreamtree/name. XDG says relative values are ignored. */
static enum dt_status xdg_path(const char *var, const char *fallback, const char *name,
                               char out[FILES_PATH_MAX], int create_dir)
{
    const char *base = getenv(var);
    int n;
    if (base && base[0] == '/') {
        n = snprintf(out, FILES_PATH_MAX, "%s/dreamtree", base);
    } else {
        const char *home = getenv("HOME");
        if (!home || home[0] != '/')
            return DT_NOT_FOUND;
        n = snprintf(out, FILES_PATH_MAX, "%s/%s/dreamtree", home, fallback);
    }
    if (n < 0 || n >= FILES_PATH_MAX - 64)
        return DT_INVALID;
    if (create_dir) {
        enum dt_status s = store_files_mkdirs(out);
        if (s != DT_OK)
            return s;
        chmod(out, 0700);
    }
    snprintf(out + n, (size_t)(FILES_PATH_MAX - n), "/%s", name);
    return DT_OK;
}

enum dt_status store_files_database(char out[FILES_PATH_MAX], int create_dir)
{
    const char *env = getenv("DREAMTREE_DB");
    if (env && env[0]) {
        if (strlen(env) >= FILES_PATH_MAX)
            return DT_INVALID;
        strcpy(out, env);
        return DT_OK;
    }
    return xdg_path("XDG_DATA_HOME", ".local/share", "dreamtree.db", out, create_dir);
}

enum dt_status store_files_session_file(char out[FILES_PATH_MAX], int create_dir)
{
    return xdg_path("XDG_STATE_HOME", ".local/state", "session", out, create_dir);
}

static int is_uuid(const char *s)
{
    for (int i = 0; i < 36; i++) {
        char c = s[i];
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (c != '-')
                return 0;
        } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return 0;
        }
    }
    return s[36] == '\0';
}

#define SESSION_FILE_MAX 65536

/* The file's text, or NULL when it does not exist (*missing set) or cannot be read. */
static char *read_small_file(const char *path, int *missing)
{
    *missing = 0;
    FILE *f = fopen(path, "r");
    if (!f) {
        *missing = errno == ENOENT;
        return NULL;
    }
    char *text = dt_oom_malloc(SESSION_FILE_MAX + 1);
    size_t n = fread(text, 1, SESSION_FILE_MAX, f);
    fclose(f);
    text[n] = '\0';
    return text;
}

/* The session id on a line "ID PATH" when PATH is db_path; NULL otherwise. */
static const char *line_for(char *line, const char *db_path)
{
    char *space = strchr(line, ' ');
    if (!space || space - line != 36)
        return NULL;
    *space = '\0';
    int match = is_uuid(line) && strcmp(space + 1, db_path) == 0;
    *space = ' ';
    return match ? line : NULL;
}

enum dt_status store_files_read_session(const char *path, const char *db_path, char id[37])
{
    int missing = 0;
    char *text = read_small_file(path, &missing);
    if (!text)
        return missing ? DT_NOT_FOUND : DT_IO;
    enum dt_status s = DT_NOT_FOUND;
    for (char *save = NULL, *line = strtok_r(text, "\n", &save); line;
         line = strtok_r(NULL, "\n", &save)) {
        if (line_for(line, db_path)) {
            memcpy(id, line, 36);
            id[36] = '\0';
            s = DT_OK;
            break;
        }
    }
    free(text);
    return s;
}

/* Writes data to path through a new file beside it (a name of its own, so two processes sharing
 * the folder never write into each other's), synced and renamed into place, mode 0600: a crash
 * leaves the old file or the new one, never half of one. */
static enum dt_status write_atomic(const char *path, const char *data, size_t len)
{
    char tmp[FILES_PATH_MAX + 16];
    if (snprintf(tmp, sizeof tmp, "%s.tmp-XXXXXX", path) >= (int)sizeof tmp)
        return DT_INVALID;
    int fd = mkstemp(tmp); /* O_EXCL, mode 0600 */
    if (fd < 0)
        return DT_IO;
    bool ok = fchmod(fd, 0600) == 0;
    for (size_t done = 0; ok && done < len;) {
        ssize_t n = write(fd, data + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        ok = n > 0;
        done += ok ? (size_t)n : 0;
    }
    ok = ok && fsync(fd) == 0;
    ok = close(fd) == 0 && ok;
    if (!ok || rename(tmp, path) != 0) {
        unlink(tmp);
        return DT_IO;
    }
    return DT_OK;
}

enum dt_status store_files_write_session(const char *path, const char *db_path, const char *id)
{
    if (!is_uuid(id) || strchr(db_path, '\n') || strlen(db_path) >= FILES_PATH_MAX)
        return DT_INVALID;
    int missing = 0;
    char *old = read_small_file(path, &missing);
    if (!old && !missing)
        return DT_IO;
    size_t cap = (old ? strlen(old) : 0) + strlen(db_path) + 64, used = 0;
    char *text = dt_oom_malloc(cap);
    /* other databases' lines first, unchanged; then this one's */
    for (char *save = NULL, *line = old ? strtok_r(old, "\n", &save) : NULL; line;
         line = strtok_r(NULL, "\n", &save))
        if (!line_for(line, db_path) && strlen(line) > 37)
            used += (size_t)snprintf(text + used, cap - used, "%s\n", line);
    free(old);
    used += (size_t)snprintf(text + used, cap - used, "%s %s\n", id, db_path);
    enum dt_status s = write_atomic(path, text, used);
    free(text);
    return s;
}

enum dt_status store_files_export(const char *name, const char *data, char out[FILES_PATH_MAX])
{
    const char *home = getenv("HOME");
    out[0] = '\0';
    if (!home || home[0] != '/' || strchr(name, '/'))
        return DT_INVALID;
    if (snprintf(out, FILES_PATH_MAX, "%s/%s", home, name) >= FILES_PATH_MAX)
        return DT_INVALID;
    return write_atomic(out, data, strlen(data));
}

enum dt_status store_files_read(const char *path, size_t max, char **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno == ENOENT ? DT_NOT_FOUND : DT_IO;
    struct stat sb;
    if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode) || (unsigned long long)sb.st_size > max) {
        close(fd);
        return DT_INVALID;
    }
    char *buf = dt_oom_malloc((size_t)sb.st_size + 1);
    size_t got = 0;
    while (got < (size_t)sb.st_size) {
        ssize_t r = read(fd, buf + got, (size_t)sb.st_size - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    if (got != (size_t)sb.st_size) {
        free(buf);
        return DT_IO;
    }
    buf[got] = '\0';
    *out = buf;
    *n = got;
    return DT_OK;
}
