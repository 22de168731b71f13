/* Every screen, by id: the list is SCREENS in screen_id.h. */
#include "app.h"

#define SCREEN_EXTERN(id, name) extern const struct screen_ops name##_screen;
SCREENS(SCREEN_EXTERN)
#undef SCREEN_EXTERN

static const struct screen_ops *const screens_all[SCREEN_COUNT] = {
#define SCREEN_OPS(id, name) [SCREEN_##id] = &name##_screen,
    SCREENS(SCREEN_OPS)
#undef SCREEN_OPS
};

const struct screen_ops *screens_get(enum screen_id id)
{
    return id > SCREEN_NONE && id < SCREEN_COUNT ? screens_all[id] : NULL;
}
