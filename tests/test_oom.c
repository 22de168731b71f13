/* The one out-of-memory policy (base/oom.c): the terminal given back first, one line on stderr,
 * exit status 70, and cJSON allocating through it. Each case runs in a child process, as each
 * ends the process it runs in. */
#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "oom.h"

/* ASan keeps a huge address space of its own and refuses huge requests itself, so the cases
 * that make malloc fail run in the plain build only. */
#if defined(__SANITIZE_ADDRESS__)
#define MALLOC_CAN_FAIL 0
#else
#define MALLOC_CAN_FAIL 1
#endif

struct outcome {
    int status;    /* the exit status; -1 when the child did not exit normally */
    char err[256]; /* what it wrote to stderr */
};

/* Runs fn in a child with stderr captured. */
static struct outcome in_child(void (*fn)(void))
{
    struct outcome o = {.status = -1};
    int fds[2];
    if (pipe(fds) != 0)
        return o;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        dup2(fds[1], STDERR_FILENO);
        fn();
        _exit(0);
    }
    close(fds[1]);
    size_t got = 0;
    ssize_t n;
    while (got < sizeof o.err - 1 && (n = read(fds[0], o.err + got, sizeof o.err - 1 - got)) > 0)
        got += (size_t)n;
    o.err[got] = '\0';
    close(fds[0]);
    int ws = 0;
    if (pid > 0 && waitpid(pid, &ws, 0) == pid && WIFEXITED(ws))
        o.status = WEXITSTATUS(ws);
    return o;
}

static void restore(void)
{
    fputs("restored\n", stderr);
}

static void abort_with_restore(void)
{
    dt_oom_on_abort(restore);
    dt_oom_abort();
}

static void abort_without_restore(void)
{
    dt_oom_abort();
}

static void test_abort(void)
{
    struct outcome o = in_child(abort_with_restore);
    CHECK_INT(o.status, 70);
    CHECK_STR(o.err, "restored\ndreamtree: out of memory\n"); /* the terminal first */
    o = in_child(abort_without_restore);
    CHECK_INT(o.status, 70);
    CHECK_STR(o.err, "dreamtree: out of memory\n");
}

static void malloc_too_much(void)
{
    dt_oom_on_abort(restore);
    volatile size_t huge = SIZE_MAX / 2;
    free(dt_oom_malloc(huge));
}

static void test_allocators(void)
{
    char *s = dt_oom_strdup("kept");
    CHECK_STR(s, "kept");
    s = dt_oom_realloc(s, 64);
    CHECK_STR(s, "kept");
    free(s);
    free(dt_oom_malloc(0));
    free(dt_oom_calloc(0, 8));
    if (!MALLOC_CAN_FAIL) {
        printf("# not tried under AddressSanitizer: a failing malloc\n");
        return;
    }
    struct outcome o = in_child(malloc_too_much);
    CHECK_INT(o.status, 70);
    CHECK_STR(o.err, "restored\ndreamtree: out of memory\n");
}

/* A cJSON string far bigger than what is left under a lowered address-space limit. */
static void cjson_past_the_limit(int hooked)
{
    size_t big = 64u << 20;
    char *text = malloc(big + 1);
    if (!text)
        _exit(3);
    memset(text, 'x', big);
    text[big] = '\0';
    if (hooked)
        dt_oom_use_for_cjson();
    FILE *f = fopen("/proc/self/statm", "r");
    unsigned long pages = 0;
    if (!f || fscanf(f, "%lu", &pages) != 1)
        _exit(4);
    fclose(f);
    rlim_t now = (rlim_t)pages * (rlim_t)sysconf(_SC_PAGESIZE);
    struct rlimit lim = {now + (16u << 20), now + (16u << 20)};
    if (setrlimit(RLIMIT_AS, &lim) != 0)
        _exit(5);
    cJSON *copy = cJSON_CreateString(text);
    _exit(copy ? 6 : 0); /* unhooked: cJSON says NULL and the program would go on */
}

static void cjson_hooked(void)
{
    cjson_past_the_limit(1);
}

static void cjson_unhooked(void)
{
    cjson_past_the_limit(0);
}

static void test_cjson_hooks(void)
{
    if (!MALLOC_CAN_FAIL) {
        printf("# not tried under AddressSanitizer: a failing malloc\n");
        return;
    }
    /* the case can tell: without the hooks cJSON just returns NULL */
    struct outcome o = in_child(cjson_unhooked);
    CHECK_INT(o.status, 0);
    o = in_child(cjson_hooked);
    CHECK_INT(o.status, 70);
    CHECK_STR(o.err, "dreamtree: out of memory\n");
}

int main(void)
{
    RUN(test_abort);
    RUN(test_allocators);
    RUN(test_cjson_hooks);
    return check_done();
}
