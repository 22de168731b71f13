#include "status.h"

#include <stddef.h>

const char *dt_status_message(enum dt_status status)
{
    static const char *const messages[] = {
#define DT_STATUS_TEXT(name, text) [name] = text,
        DT_STATUS_LIST(DT_STATUS_TEXT)
#undef DT_STATUS_TEXT
    };
    if ((size_t)status < sizeof messages / sizeof messages[0] && messages[status])
        return messages[status];
    return "unknown error";
}
