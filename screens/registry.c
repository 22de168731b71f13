/* Every screen, by name: adding a screen is one file and one row here. */
#include <string.h>

#include "app.h"

extern const struct screen_ops welcome_screen, dashboard_screen, contents_screen,
    exercise_screen, competencies_screen, settings_screen, profile_screen, credits_screen,
    help_screen, tools_screen, tool_screen, tool_entry_screen, ranking_screen,
    resume_screen;

const struct screen_ops *const screens_all[] = {
    &welcome_screen,  &dashboard_screen, &contents_screen, &exercise_screen, &competencies_screen,
    &settings_screen, &profile_screen,   &credits_screen,  &help_screen,    &tools_screen,
    &tool_screen,     &tool_entry_screen, &ranking_screen, &resume_screen,
};

const size_t screens_count = sizeof screens_all / sizeof screens_all[0];

const struct screen_ops *screens_find(const char *name)
{
    for (size_t i = 0; name && i < screens_count; i++)
        if (strcmp(screens_all[i]->name, name) == 0)
            return screens_all[i];
    return NULL;
}
