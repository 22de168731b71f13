#include "oom.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

static void (*restore_terminal)(void);

void dt_oom_on_abort(void (*restore)(void))
{
    restore_terminal = restore;
}

noreturn void dt_oom_abort(void)
{
    /* the terminal first, so the message lands on a normal screen and stays there */
    if (restore_terminal)
        restore_terminal();
    fputs("dreamtree: out of memory\n", stderr);
    exit(70);
}

void *dt_oom_malloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        dt_oom_abort();
    return p;
}

void *dt_oom_calloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        dt_oom_abort();
    return p;
}

void *dt_oom_realloc(void *p, size_t size)
{
    void *grown = realloc(p, size ? size : 1);
    if (!grown)
        dt_oom_abort();
    return grown;
}

char *dt_oom_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(dt_oom_malloc(n), s, n);
}

void dt_oom_use_for_cjson(void)
{
    cJSON_Hooks hooks = {.malloc_fn = dt_oom_malloc, .free_fn = free};
    cJSON_InitHooks(&hooks);
}
