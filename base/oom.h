/* One policy for memory that runs out: the program ends, at once and tidily. Nothing tries to
 * carry on with half a screen or half a save; the store's transactions keep the database whole.
 *
 * dt_oom_abort() gives the terminal back (through the one function the face that holds it
 * registered), says "dreamtree: out of memory" on stderr and exits with status 70 (EX_SOFTWARE).
 * The allocators below call it instead of returning NULL, and dt_oom_use_for_cjson() makes cJSON
 * allocate through them, so a cJSON call returns NULL only for what it was given, never for
 * memory. Nothing here allocates or keeps anything but the registered function. */
#ifndef DT_OOM_H
#define DT_OOM_H

#include <stddef.h>
#include <stdnoreturn.h>

/* Restores what the program changed in the terminal, then exits with 70. */
noreturn void dt_oom_abort(void);

/* restore is called by dt_oom_abort before the message (NULL: nothing to restore). A face that
 * takes over the terminal registers how to give it back; restore must be safe to call when the
 * terminal is already given back, and must not allocate. */
void dt_oom_on_abort(void (*restore)(void));

/* malloc, calloc, realloc and strdup that never return NULL: they call dt_oom_abort instead.
 * The caller frees with free(), as usual. dt_oom_malloc(0) and dt_oom_calloc with a zero count
 * return a pointer that may be freed but not used. */
void *dt_oom_malloc(size_t size);
void *dt_oom_calloc(size_t count, size_t size);
void *dt_oom_realloc(void *p, size_t size);
char *dt_oom_strdup(const char *s);

/* Sets cJSON's hooks (cJSON_InitHooks) to dt_oom_malloc and free. main() calls it first thing. */
void dt_oom_use_for_cjson(void);

#endif
