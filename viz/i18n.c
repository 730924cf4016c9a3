/* i18n.c — the file key of every viewer string, loading a language's text
 * file, and the language from the locale. */
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const LANG_CODES[GF_LANG_COUNT] = {[GF_LANG_EN] = "en", [GF_LANG_RU] = "ru"};

static const char *const STR_KEYS[GF_STR_COUNT] = {
    [GF_STR_TITLE] = "ui.title",
    [GF_STR_PROMPT] = "ui.prompt",
    [GF_STR_PROMPT_HINT] = "ui.prompt_hint",
    [GF_STR_STATUS_POSITION] = "ui.status_position",
    [GF_STR_STATUS_LAYER] = "ui.status_layer",
    [GF_STR_STATUS_HEAD] = "ui.status_head",
    [GF_STR_STATUS_STAGE] = "ui.status_stage",
    [GF_STR_STATUS_STEP] = "ui.status_step",
    [GF_STR_STATUS_MODEL] = "ui.status_model",
    [GF_STR_DEFAULT_MODEL] = "ui.default_model",
    [GF_STR_STATUS_TEMPERATURE] = "ui.status_temperature",
    [GF_STR_STATUS_LANGUAGES] = "ui.status_languages",
    [GF_STR_SUGGEST_RUSSIAN] = "ui.suggest_russian",
    [GF_STR_SUGGEST_RUSSIAN_SHORT] = "ui.suggest_russian_short",
    [GF_STR_SUGGEST_RUSSIAN_COMMAND] = "ui.suggest_russian_command",
    [GF_STR_RANDOM_MODEL] = "ui.random_model",
    [GF_STR_RANDOM_NO_TEXT] = "ui.random_no_text",
    [GF_STR_RANDOM_NO_TEXT_SHORT] = "ui.random_no_text_short",
    [GF_STR_HELP_TITLE] = "help.title",
    [GF_STR_HELP_STAGE] = "help.stage",
    [GF_STR_HELP_LAYER] = "help.layer",
    [GF_STR_HELP_HEAD] = "help.head",
    [GF_STR_HELP_POSITION] = "help.position",
    [GF_STR_HELP_FIRST_LAST] = "help.first_last",
    [GF_STR_HELP_SAMPLE] = "help.sample",
    [GF_STR_HELP_POP] = "help.pop",
    [GF_STR_HELP_EDIT] = "help.edit",
    [GF_STR_HELP_OVERVIEW] = "help.overview",
    [GF_STR_HELP_TEMPERATURE] = "help.temperature",
    [GF_STR_HELP_HELP] = "help.help",
    [GF_STR_HELP_TEMPERATURE_T] = "help.temperature_t",
    [GF_STR_HELP_RESET] = "help.reset",
    [GF_STR_HELP_ZOOM] = "help.zoom",
    [GF_STR_HELP_WHEEL] = "help.wheel",
    [GF_STR_HELP_LARGE_FONT] = "help.large_font",
    [GF_STR_HELP_SCREENSHOT] = "help.screenshot",
    [GF_STR_HELP_FULLSCREEN] = "help.fullscreen",
    [GF_STR_HELP_PALETTE] = "help.palette",
    [GF_STR_PALETTE_STANDARD] = "ui.palette_standard",
    [GF_STR_PALETTE_COLOUR_SAFE] = "ui.palette_colour_safe",
    [GF_STR_SCREENSHOT_SAVED] = "ui.screenshot_saved",
    [GF_STR_HELP_ESCAPE] = "help.escape",
    [GF_STR_HELP_EXPLAIN] = "help.explain",
    [GF_STR_HELP_LENS] = "help.lens",
    [GF_STR_LENS_TITLE] = "lens.title",
    [GF_STR_LENS_NOTE] = "lens.note",
    [GF_STR_LENS_OUTPUT] = "lens.output",
    [GF_STR_LENS_SHOWN] = "lens.shown",
    [GF_STR_WORK_LENS] = "work.lens",
    [GF_STR_HELP_WHATIF] = "help.whatif",
    [GF_STR_WHATIF_TITLE] = "whatif.title",
    [GF_STR_WHATIF_NOTE] = "whatif.note",
    [GF_STR_WHATIF_REAL] = "whatif.real",
    [GF_STR_WHATIF_SCORES] = "whatif.scores",
    [GF_STR_WHATIF_WEIGHTS] = "whatif.weights",
    [GF_STR_WORK_WHATIF] = "work.whatif",
    [GF_STR_HELP_KVCACHE] = "help.kvcache",
    [GF_STR_KV_STATUS] = "kv.status",
    [GF_STR_KV_TITLE] = "kv.title",
    [GF_STR_KV_COST] = "kv.cost",
    [GF_STR_KV_NOTE] = "kv.note",
    [GF_STR_KV_NEW] = "kv.new",
    [GF_STR_KV_CACHED] = "kv.cached",
    [GF_STR_HELP_LANES_REROLL] = "help.lanes_reroll",
    [GF_STR_HELP_LANE] = "help.lane",
    [GF_STR_HELP_LANE_LENGTH] = "help.lane_length",
    [GF_STR_HELP_LANE_SEED] = "help.lane_seed",
    [GF_STR_TEMP_SEED_ENTRY] = "ui.temp_seed_entry",
    [GF_STR_KEY_SPACE] = "key.space",
    [GF_STR_KEY_WHEEL] = "key.wheel",
    [GF_STR_QUIT_TITLE] = "ui.quit_title",
    [GF_STR_QUIT_HINT] = "ui.quit_hint",
    [GF_STR_HELP_CLOSE] = "help.close",
    [GF_STR_HELP_CLOSE_PAGED] = "help.close_paged",
    [GF_STR_HELP_PAGE] = "help.page",
    [GF_STR_TOKENS_HEADING] = "ui.tokens_heading",
    [GF_STR_TOKEN_POSITION] = "ui.token_position",
    [GF_STR_TOKEN_TEXT] = "ui.token_text",
    [GF_STR_TOKEN_ID] = "ui.token_id",
    [GF_STR_TOKEN_BYTES] = "ui.token_bytes",
    [GF_STR_TOKEN_JOINED] = "ui.token_joined",
    [GF_STR_TOK_EMB] = "ui.tok_emb",
    [GF_STR_POS_EMB] = "ui.pos_emb",
    [GF_STR_POS_EMB_SINUSOIDAL] = "ui.pos_emb.sinusoidal",
    [GF_STR_SUM_X0] = "ui.sum_x0",
    [GF_STR_ALL_POSITIONS] = "ui.all_positions",
    [GF_STR_NORM_INPUT] = "ui.norm_input",
    [GF_STR_NORM_OUTPUT] = "ui.norm_output",
    [GF_STR_MEAN] = "ui.mean",
    [GF_STR_VARIANCE] = "ui.variance",
    [GF_STR_MEAN_SQUARE] = "ui.mean_square",
    [GF_STR_QUERY] = "ui.query",
    [GF_STR_KEY] = "ui.key",
    [GF_STR_VALUE] = "ui.value",
    [GF_STR_SCORES] = "ui.scores",
    [GF_STR_MASKED] = "ui.masked",
    [GF_STR_WEIGHTS] = "ui.weights",
    [GF_STR_QUERIES_AXIS] = "ui.queries_axis",
    [GF_STR_KEYS_AXIS] = "ui.keys_axis",
    [GF_STR_WEIGHTED_OUT] = "ui.weighted_out",
    [GF_STR_HEADS_CONCAT] = "ui.heads_concat",
    [GF_STR_ATTN_PROJ] = "ui.attn_proj",
    [GF_STR_BLOCK_INPUT] = "ui.block_input",
    [GF_STR_RESIDUAL_SUM] = "ui.residual_sum",
    [GF_STR_FFN_PRE] = "ui.ffn_pre",
    [GF_STR_FFN_ACT] = "ui.ffn_act",
    [GF_STR_FFN_GATE] = "ui.ffn_gate",
    [GF_STR_FFN_UP] = "ui.ffn_up",
    [GF_STR_FFN_OUT] = "ui.ffn_out",
    [GF_STR_WIDEST] = "ui.widest",
    [GF_STR_LOGITS_ALL] = "ui.logits_all",
    [GF_STR_LOGITS_TOP] = "ui.logits_top",
    [GF_STR_PROBS_TOP] = "ui.probs_top",
    [GF_STR_PROBS_NOTE] = "ui.probs_note",
    [GF_STR_OVERVIEW_TITLE] = "ui.overview_title",
    [GF_STR_OVERVIEW_HINT] = "ui.overview_hint",
    [GF_STR_TEMP_TITLE] = "ui.temp_title",
    [GF_STR_TEMP_LANE] = "ui.temp_lane",
    [GF_STR_TEMP_DIVERGE] = "ui.temp_diverge",
    [GF_STR_TEMP_SAME] = "ui.temp_same",
    [GF_STR_TEMP_HINT] = "ui.temp_hint",
    [GF_STR_TEMP_LENGTH] = "ui.temp_length",
    [GF_STR_TEMP_EXPLAIN] = "ui.temp_explain",
    [GF_STR_TEMP_CHART_TITLE] = "ui.temp_chart_title",
    [GF_STR_NO_TOKENS] = "ui.no_tokens",
    [GF_STR_NO_TENSOR] = "ui.no_tensor",
    [GF_STR_ERR_NO_MODEL] = "error.no_model",
    [GF_STR_ERR_NO_FONT] = "error.no_font",
    [GF_STR_ERR_NO_DISPLAY] = "error.no_display",
    [GF_STR_LEGEND_MASK] = "ui.legend_mask",
    [GF_STR_LEGEND_MASK_ZERO] = "ui.legend_mask_zero",
    [GF_STR_POSITION_ROW] = "ui.position_row",
    [GF_STR_NEXT_MARK] = "ui.next_mark",
    [GF_STR_NEXT_LINE] = "ui.next_line",
    [GF_STR_NEXT_UNKNOWN] = "ui.next_unknown",
    [GF_STR_NEXT_CUT] = "ui.next_cut",
    [GF_STR_SAMPLER] = "ui.sampler",
    [GF_STR_OFF] = "ui.off",
    [GF_STR_FLOW_TITLE] = "ui.flow_title",
    [GF_STR_FLOW_INPUT] = "ui.flow_input",
    [GF_STR_FLOW_OUTPUT] = "ui.flow_output",
    [GF_STR_TIP_SCORE_LATER] = "ui.tip_score_later",
    [GF_STR_TIP_SOFTMAX_CELL] = "ui.tip_softmax_cell",
    [GF_STR_ANALOGY_STATUS] = "ui.analogy_status",
    [GF_STR_HELP_ANALOGY] = "help.analogy",
    [GF_STR_HELP_ANALOGY_LINE] = "help.analogy_line",
    [GF_STR_HELP_ANALOGY_PRESET] = "help.analogy_preset",
    [GF_STR_HELP_ANALOGY_SOURCE] = "help.analogy_source",
    [GF_STR_HELP_ANALOGY_3D] = "help.analogy_3d",
    [GF_STR_LOADING] = "work.loading",
    [GF_STR_WORK_LOAD] = "work.load",
    [GF_STR_WORK_EXTEND] = "work.extend",
    [GF_STR_WORK_LANES] = "work.lanes",
    [GF_STR_WORK_ESC] = "work.esc",
    [GF_STR_WORK_STOPPING] = "work.stopping",
    [GF_STR_WORK_CANCELLED] = "work.cancelled",
    [GF_STR_WORK_FULL] = "work.full",
    [GF_STR_TEMP_COMPUTING] = "ui.temp_computing",
    [GF_STR_TEMP_CUT] = "ui.temp_cut",
    [GF_STR_TEMP_WINDOW] = "ui.temp_window",
    [GF_STR_HELP_BEAMS] = "help.beams",
    [GF_STR_WORK_BEAM] = "work.beam",
    [GF_STR_BEAM_LANE] = "ui.beam_lane",
    [GF_STR_BEAM_TITLE] = "ui.beam_title",
    [GF_STR_BEAM_EXPLAIN] = "ui.beam_explain",
    [GF_STR_BEAM_STEPS] = "ui.beam_steps",
    [GF_STR_BEAM_MORE] = "ui.beam_more",
    [GF_STR_BEAM_LEGEND] = "ui.beam_legend",
    [GF_STR_BEAM_CUT] = "ui.beam_cut",
    [GF_STR_BEAM_HELD] = "ui.beam_held",
    [GF_STR_TEMP_MORE] = "ui.temp_more",
    [GF_STR_CHIPS_BEFORE] = "ui.chips_before",
    [GF_STR_CHIPS_AFTER] = "ui.chips_after",
    [GF_STR_BEAM_TIP] = "ui.beam_tip",
    [GF_STR_BEAM_TIP_BEST] = "ui.beam_tip_best",
    [GF_STR_BEAM_TIP_FINAL] = "ui.beam_tip_final",
    [GF_STR_BEAM_TIP_DROPPED] = "ui.beam_tip_dropped",
    [GF_STR_BEAM_TIP_PRUNED] = "ui.beam_tip_pruned",
    [GF_STR_HELP_LESSON_STEP] = "help.lesson_step",
    [GF_STR_HELP_LESSON_RETURN] = "help.lesson_return",
    [GF_STR_PARAMS_STATUS] = "ui.params_status",
    [GF_STR_HELP_PARAMS] = "help.params",
    [GF_STR_LOSS_STATUS] = "ui.loss_status",
    [GF_STR_HELP_LOSS] = "help.loss",
    [GF_STR_WINDOW_SLID] = "window.slid",
    [GF_STR_WINDOW_PROMPT] = "window.prompt",
    [GF_STR_WINDOW_DROPPED] = "window.dropped",
    [GF_STR_WINDOW_TIP] = "window.tip",
    [GF_STR_WORK_SLIDE] = "work.slide",
    [GF_STR_SENTENCE] = "ui.sentence",
    [GF_STR_LESSONS_TITLE] = "lesson.picker_title",
    [GF_STR_HELP_LESSONS] = "help.lessons",
};

const char *gf_lang_code(gf_lang lang)
{
    return (int)lang >= 0 && lang < GF_LANG_COUNT ? LANG_CODES[lang] : "en";
}

/* The language whose code starts name ("ru_RU.UTF-8" → ru), or −1. */
static int lang_from_name(const char *name)
{
    for (int i = 0; name != NULL && i < GF_LANG_COUNT; i++)
        if (strncmp(name, LANG_CODES[i], 2) == 0)
            return i;
    return -1;
}

bool gf_lang_known(const char *code)
{
    for (int i = 0; i < GF_LANG_COUNT; i++)
        if (strcmp(code, LANG_CODES[i]) == 0)
            return true;
    return false;
}

gf_lang gf_lang_pick(const char *requested)
{
    if (requested != NULL && requested[0] != '\0')
        return lang_from_name(requested) >= 0 ? (gf_lang)lang_from_name(requested) : GF_LANG_EN;
    const char *vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (int i = 0; i < 3; i++) {
        const char *v = getenv(vars[i]);
        if (v != NULL && v[0] != '\0')
            return lang_from_name(v) >= 0 ? (gf_lang)lang_from_name(v) : GF_LANG_EN;
    }
    return GF_LANG_EN;
}

const char *gf_str_key(gf_str id)
{
    return (int)id > GF_STR_NONE && id < GF_STR_COUNT ? STR_KEYS[id] : NULL;
}

bool gf_texts_load(gf_texts *tx, gf_lang lang, const char *dir, char *err, size_t err_size)
{
    memset(tx, 0, sizeof *tx);
    tx->lang = lang;
    char path[1024];
    gf_error e;
    gf_error_clear(&e);
    gf_text ref;
    snprintf(path, sizeof path, "%s/en.txt", dir);
    if (gf_text_load(&ref, path, &e) != GF_OK) {
        snprintf(err, err_size, "%s", e.message);
        return false;
    }
    bool ok = true;
    if (lang == GF_LANG_EN) {
        tx->file = ref;
    } else {
        snprintf(path, sizeof path, "%s/%s.txt", dir, gf_lang_code(lang));
        ok = gf_text_load(&tx->file, path, &e) == GF_OK && gf_text_check(&tx->file, &ref, &e) == GF_OK;
        gf_text_free(&ref);
        if (!ok)
            snprintf(err, err_size, "%s", e.message);
    }
    for (int id = GF_STR_NONE + 1; ok && id < GF_STR_COUNT; id++) {
        tx->str[id] = gf_text_get(&tx->file, STR_KEYS[id]);
        if (tx->str[id] == NULL) {
            snprintf(err, err_size, "%s: missing key %s (the viewer needs it)", tx->file.source,
                     STR_KEYS[id]);
            ok = false;
        }
    }
    if (!ok)
        gf_texts_free(tx);
    return ok;
}

void gf_texts_free(gf_texts *tx)
{
    gf_text_free(&tx->file);
    memset(tx->str, 0, sizeof tx->str);
}

const char *gf_i18n(const gf_texts *tx, gf_str id)
{
    if (tx == NULL || (int)id <= GF_STR_NONE || id >= GF_STR_COUNT || tx->str[id] == NULL)
        return "?";
    return tx->str[id];
}

void gf_i18n_key_label(const gf_texts *tx, const char *label, char *buf, size_t size)
{
    /* Key names that are words: "Space" and the wheel. */
    static const struct {
        const char *word;
        gf_str text;
    } words[] = {{"Space", GF_STR_KEY_SPACE}, {"wheel", GF_STR_KEY_WHEEL}};
    const size_t n_words = sizeof words / sizeof words[0];
    size_t n = 0;
    buf[0] = '\0';
    while (*label != '\0' && n + 1 < size) {
        size_t w = 0;
        while (w < n_words && strncmp(label, words[w].word, strlen(words[w].word)) != 0)
            w++;
        if (w < n_words) {
            n += (size_t)snprintf(buf + n, size - n, "%s", gf_i18n(tx, words[w].text));
            label += strlen(words[w].word);
        } else {
            buf[n++] = *label++;
            buf[n] = '\0';
        }
    }
    if (n >= size)
        buf[size - 1] = '\0';
}

const char *gf_i18n_stage_name(const gf_texts *tx, gf_stage_id id, const gf_config *cfg)
{
    const char *name = tx != NULL ? gf_stage_name(&tx->file, id, cfg) : NULL;
    return name != NULL ? name : "?";
}

/* The code point at s (ASCII or a 2-byte sequence; other: -1) and its length. */
static int utf8_small(const unsigned char *s, int *len)
{
    if (s[0] < 0x80) {
        *len = 1;
        return s[0];
    }
    if ((s[0] & 0xe0) == 0xc0 && (s[1] & 0xc0) == 0x80) {
        *len = 2;
        return ((s[0] & 0x1f) << 6) | (s[1] & 0x3f);
    }
    *len = 1;
    return -1;
}

static bool is_capital(int c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 0x410 && c <= 0x42f) || c == 0x401;
}

static bool is_small(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 0x430 && c <= 0x44f) || c == 0x451;
}

void gf_i18n_lower_first(const char *name, char *buf, size_t size)
{
    if (size == 0)
        return;
    snprintf(buf, size, "%s", name);
    const unsigned char *s = (const unsigned char *)name;
    int len = 0, next_len = 0;
    int first = utf8_small(s, &len);
    if (s[0] == '\0' || !is_capital(first) || !is_small(utf8_small(s + len, &next_len)))
        return;
    /* A → a, А..Я → а..я (+0x20), Ё → ё (+0x50). */
    int lower = first == 0x401 ? 0x451 : first + 0x20;
    char head[3];
    if (lower < 0x80)
        snprintf(head, sizeof head, "%c", lower);
    else
        snprintf(head, sizeof head, "%c%c", 0xc0 | (lower >> 6), 0x80 | (lower & 0x3f));
    snprintf(buf, size, "%s%s", head, name + len);
}
