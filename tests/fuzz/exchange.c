/* The export file's reader (db/exchange.c) on bytes from anyone: it must refuse or accept
 * without crashing, leaking or hanging, and what it accepts must write out as a file it
 * accepts again, written the same way the second time (a file survives export and import). */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "exchange.h"
#include "fuzz.h"
#include "oom.h"

int fuzz_one(const uint8_t *data, size_t size)
{
    static bool hooks_set;
    if (!hooks_set) {
        dt_oom_use_for_cjson();
        hooks_set = true;
    }
    struct exchange x;
    char err[EXCHANGE_ERR_LEN];
    if (exchange_parse((const char *)data, size, &x, err) != DT_OK)
        return err[0] == '$' ? 0 : 1; /* every refusal names its place */
    int broken = 0;
    char *written = exchange_write(&x);
    struct exchange again;
    if (exchange_parse(written, strlen(written), &again, err) != DT_OK) {
        broken = 1;
    } else {
        char *rewritten = exchange_write(&again);
        broken = strcmp(written, rewritten) != 0;
        free(rewritten);
        exchange_free(&again);
    }
    free(written);
    exchange_free(&x);
    return broken;
}
