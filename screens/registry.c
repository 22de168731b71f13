/* Every screen, by name: adding a screen is one file and one row here. */
#include <string.h>

#include "app.h"

extern const struct screen_ops dashboard_screen, contents_screen, exercise_screen, help_screen,
    credits_screen;

const struct screen_ops *const screens_all[] = {
    &dashboard_screen, &contents_screen, &exercise_screen, &help_screen, &credits_screen,
};

const size_t screens_count = sizeof screens_all / sizeof screens_all[0];

const struct screen_ops *screens_find(const char *name)
{
    for (size_t i = 0; name && i < screens_count; i++)
        if (strcmp(screens_all[i]->name, name) == 0)
            return screens_all[i];
    return NULL;
}
