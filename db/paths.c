#include "paths.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum dt_status store_paths_mkdirs(const char *dir)
{
    char buf[PATHS_MAX];
    size_t n = strlen(dir);
    if (n == 0 || n >= sizeof buf)
        return DT_INVALID;
    memcpy(buf, dir, n + 1);
    for (char *p = buf + 1; ; p++) {
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
                               char out[PATHS_MAX], int create_dir)
{
    const char *base = getenv(var);
    int n;
    if (base && base[0] == '/') {
        n = snprintf(out, PATHS_MAX, "%s/dreamtree", base);
    } else {
        const char *home = getenv("HOME");
        if (!home || home[0] != '/')
            return DT_NOT_FOUND;
        n = snprintf(out, PATHS_MAX, "%s/%s/dreamtree", home, fallback);
    }
    if (n < 0 || n >= PATHS_MAX - 64)
        return DT_INVALID;
    if (create_dir) {
        enum dt_status s = store_paths_mkdirs(out);
        if (s != DT_OK)
            return s;
        chmod(out, 0700);
    }
    snprintf(out + n, (size_t)(PATHS_MAX - n), "/%s", name);
    return DT_OK;
}

enum dt_status store_paths_database(char out[PATHS_MAX], int create_dir)
{
    const char *env = getenv("DREAMTREE_DB");
    if (env && env[0]) {
        if (strlen(env) >= PATHS_MAX)
            return DT_INVALID;
        strcpy(out, env);
        return DT_OK;
    }
    return xdg_path("XDG_DATA_HOME", ".local/share", "dreamtree.db", out, create_dir);
}

enum dt_status store_paths_session_file(char out[PATHS_MAX], int create_dir)
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

enum dt_status store_paths_read_session(const char *path, char id[37])
{
    FILE *f = fopen(path, "r");
    if (!f)
        return errno == ENOENT ? DT_NOT_FOUND : DT_IO;
    char line[64] = "";
    char *got = fgets(line, sizeof line, f);
    fclose(f);
    if (!got)
        return DT_INVALID;
    line[strcspn(line, "\r\n")] = '\0';
    if (!is_uuid(line))
        return DT_INVALID;
    memcpy(id, line, 37);
    return DT_OK;
}

enum dt_status store_paths_write_session(const char *path, const char *id)
{
    char tmp[PATHS_MAX + 8];
    if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp)
        return DT_INVALID;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0)
        return DT_IO;
    fchmod(fd, 0600);
    size_t n = strlen(id);
    int ok = write(fd, id, n) == (ssize_t)n && write(fd, "\n", 1) == 1 && fsync(fd) == 0;
    ok = close(fd) == 0 && ok;
    if (!ok || rename(tmp, path) != 0) {
        unlink(tmp);
        return DT_IO;
    }
    return DT_OK;
}
