/* screens.c — the screen table and the stage-view table (see screens.h). */
#include "screens.h"

#include "lesson_player.h"
#include "views.h"

#include <string.h>

static const gf_screen_def SCREENS[GF_SCREEN_COUNT] = {
    {GF_SCREEN_STAGE, NULL, SDL_SCANCODE_UNKNOWN, NULL, GF_LAYOUT_PANEL, gf_view_stage, NULL, -1,
     GF_STR_NONE, GF_STR_NONE},
    {GF_SCREEN_OVERVIEW, "overview", SDL_SCANCODE_H, "H", GF_LAYOUT_PANEL, gf_view_overview, NULL,
     GF_STAGE_SOFTMAX, GF_STR_OVERVIEW_HINT, GF_STR_HELP_OVERVIEW},
    {GF_SCREEN_TEMPERATURE, "temperature", SDL_SCANCODE_T, "T", GF_LAYOUT_WIDE,
     gf_view_temperature, gf_input_temperature, -1, GF_STR_TEMP_TITLE, GF_STR_HELP_TEMPERATURE},
    {GF_SCREEN_ANALOGY, "analogy", SDL_SCANCODE_A, "A", GF_LAYOUT_FULL, gf_view_analogy,
     gf_input_analogy, -1, GF_STR_ANALOGY_STATUS, GF_STR_HELP_ANALOGY},
    {GF_SCREEN_LENS, "lens", SDL_SCANCODE_L, "L", GF_LAYOUT_WIDE, gf_view_lens, NULL, -1,
     GF_STR_LENS_TITLE, GF_STR_HELP_LENS},
    {GF_SCREEN_KVCACHE, "cache", SDL_SCANCODE_C, "C", GF_LAYOUT_PANEL, gf_view_kvcache, NULL,
     GF_STAGE_QKV, GF_STR_KV_STATUS, GF_STR_HELP_KVCACHE},
    {GF_SCREEN_PARAMS, "params", SDL_SCANCODE_M, "M", GF_LAYOUT_WIDE, gf_view_params, NULL, -1,
     GF_STR_PARAMS_STATUS, GF_STR_HELP_PARAMS},
    {GF_SCREEN_LOSS, "loss", SDL_SCANCODE_G, "G", GF_LAYOUT_WIDE, gf_view_loss, NULL, -1,
     GF_STR_LOSS_STATUS, GF_STR_HELP_LOSS},
    {GF_SCREEN_LESSONS, "lessons", SDL_SCANCODE_O, "O", GF_LAYOUT_OVERLAY, gf_view_lesson_picker,
     gf_input_lesson_picker, -1, GF_STR_LESSONS_TITLE, GF_STR_HELP_LESSONS},
    {GF_SCREEN_HELP, "help", SDL_SCANCODE_F1, "? / F1", GF_LAYOUT_OVERLAY, gf_view_help, gf_input_help, -1,
     GF_STR_HELP_TITLE, GF_STR_HELP_HELP},
    {GF_SCREEN_QUIT, "quit", SDL_SCANCODE_UNKNOWN, NULL, GF_LAYOUT_OVERLAY, gf_view_quit, NULL, -1,
     GF_STR_QUIT_TITLE, GF_STR_NONE},
};

const gf_screen_def *gf_screen_get(gf_screen id)
{
    return (int)id >= 0 && id < GF_SCREEN_COUNT ? &SCREENS[id] : NULL;
}

const gf_screen_def *gf_screen_find(const char *name)
{
    for (int i = 0; i < GF_SCREEN_COUNT; i++)
        if (SCREENS[i].name != NULL && strcmp(SCREENS[i].name, name) == 0)
            return &SCREENS[i];
    return NULL;
}

/* Which view draws which stage; the norms and residual adds share the
 * vector view. */
static const struct {
    gf_stage_id stage;
    gf_view_fn view;
} STAGE_VIEWS[] = {
    {GF_STAGE_TOKENS, gf_view_tokens},       {GF_STAGE_EMBED, gf_view_embed},
    {GF_STAGE_NORM_1, gf_view_vector},       {GF_STAGE_QKV, gf_view_qkv},
    {GF_STAGE_SCORES, gf_view_attention},    {GF_STAGE_MASK, gf_view_attention},
    {GF_STAGE_SOFTMAX, gf_view_attention},   {GF_STAGE_WEIGHTED, gf_view_heads},
    {GF_STAGE_CONCAT, gf_view_heads},        {GF_STAGE_ATTN_PROJ, gf_view_heads},
    {GF_STAGE_RESIDUAL_1, gf_view_vector},   {GF_STAGE_NORM_2, gf_view_vector},
    {GF_STAGE_FFN_UP, gf_view_ffn},          {GF_STAGE_ACTIVATION, gf_view_ffn},
    {GF_STAGE_FFN_DOWN, gf_view_ffn},        {GF_STAGE_RESIDUAL_2, gf_view_vector},
    {GF_STAGE_FINAL_NORM, gf_view_vector},   {GF_STAGE_LOGITS, gf_view_logits},
    {GF_STAGE_PROBS, gf_view_logits},
};

gf_view_fn gf_view_for_stage(gf_stage_id id)
{
    for (size_t i = 0; i < sizeof STAGE_VIEWS / sizeof STAGE_VIEWS[0]; i++)
        if (STAGE_VIEWS[i].stage == id)
            return STAGE_VIEWS[i].view;
    return NULL;
}

void gf_view_stage(gf_app *app, gf_rect r)
{
    gf_view_fn view = gf_view_for_stage(gf_stepper_stage(&app->st));
    if (view != NULL)
        view(app, r);
}
