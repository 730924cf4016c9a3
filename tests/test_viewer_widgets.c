/* test_viewer_widgets.c — the widgets on their own: a heatmap and bars
 * drawn with a hand-made widget context (no app, no model) onto a software
 * surface. The context's labels, highlight and owner reach the drawing and
 * the tooltips; the style's colours and sizes are the ones drawn; a heatmap
 * cached under one style is redrawn under another; the all-positions map is
 * left out of a rect too flat for its legend. Row labels taller than
 * their cells (every k-th row) always include the last row, beside the map,
 * without overlapping. A formula term too wide for its line breaks at a
 * space inside it, before an operator: never a lone "," or "+" on a line. */
#include "check.h"

#include "text_overlap.h"
#include "widgets.h"

#include <stdio.h>
#include <string.h>

#define W 800
#define H 600

typedef struct {
    int label_calls;
    int tip_calls;
    const void *tip_owner;
} fake_owner;

static const char *position_label(const void *owner, int t)
{
    static const char *const names[3] = {"ab", "cd", "ef"};
    ((fake_owner *)(uintptr_t)owner)->label_calls++;
    return names[t];
}

static void custom_tip(const void *owner, const void *ctx, int row, int col, float v, char *buf,
                       size_t size)
{
    fake_owner *o = (fake_owner *)(uintptr_t)owner;
    o->tip_calls++;
    o->tip_owner = owner;
    snprintf(buf, size, "%s %d %d %.1f", (const char *)ctx, row, col, (double)v);
}

static gf_rgba pixel(SDL_Surface *s, int x, int y)
{
    const uint32_t *row = (const uint32_t *)((const uint8_t *)s->pixels + (size_t)y * s->pitch);
    uint32_t p = row[x];
    return (gf_rgba){(uint8_t)(p >> 16), (uint8_t)(p >> 8), (uint8_t)p, 0xff};
}

static bool same(gf_rgba a, gf_rgba b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b;
}

/* The middle of cell (r, c) of a drawn heatmap record. */
static void cell_centre(const gf_ui_heat_record *rec, int r, int c, int *x, int *y)
{
    *x = rec->cells.x + (2 * c + 1) * rec->cells.w / (2 * rec->cols);
    *y = rec->cells.y + (2 * r + 1) * rec->cells.h / (2 * rec->rows);
}

/* The row labels of a rows × rows map drawn in a box of height h: numbered
 * every k-th row when they do not fit every row, the last row always
 * labelled (it is the newest token), beside the map and apart. */
static void check_row_labels(check_ctx *c, gf_ui *ui, gf_widgets *w, int rows, int h)
{
    static float data[80 * 80];
    gf_view v = {.name = "m", .layer = -1, .head = -1, .ndim = 2, .shape = {rows, rows},
                 .stride = {rows, 1}, .data = data};
    gf_heat_spec s = gf_token_rows_spec(w, &v, "rows", NULL, "m");
    s.col_tokens = true;
    gf_ui_begin(ui, W, H, 1.0f);
    gf_heatmap_draw(w, (gf_rect){10, 10, 300, h}, &s);
    const gf_ui_heat_record *rec = gf_ui_find_heat(ui, "rows");
    if (!CHECK(c, rec != NULL))
        return;
    char last[16];
    snprintf(last, sizeof last, "%d", rows - 1);
    const gf_ui_text_rect *labels[80];
    int n = 0;
    bool has_last = false;
    for (int i = 0; i < ui->n_text && n < 80; i++) {
        const gf_ui_text_rect *t = &ui->text_rects[i];
        if (t->turned || t->r.x + t->r.w > rec->cells.x)
            continue;                                    /* a column label */
        labels[n++] = t;
        has_last |= strcmp(t->text, last) == 0;
        CHECK(c, t->r.y + t->r.h <= rec->cells.y + rec->cells.h + 2);
    }
    if (!CHECK(c, has_last))
        fprintf(stderr, "  %d rows in %d px: row %d has no label (%d labels)\n", rows, h, rows - 1, n);
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++) {
            if (!CHECK(c, !text_overlap(*labels[i], *labels[j])))
                fprintf(stderr, "  %d rows in %d px: labels %s and %s overlap\n", rows, h,
                        labels[i]->text, labels[j]->text);
        }
}

/* Whether line ends in a lone operator ("… +"). */
static bool ends_in_operator(const char *line)
{
    static const char *const ops[] = {" +", " −", " /", " ⊙", " =", " ·"};
    size_t n = strlen(line);
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        size_t k = strlen(ops[i]);
        if (n >= k && strcmp(line + n - k, ops[i]) == 0)
            return true;
    }
    return false;
}

/* Formulas wrapped at widths around their longest term's: each line has
 * more than punctuation or an operator, and ends in an operator only when
 * the term after it could not go with it to the next line. */
static void check_formula_breaks(check_ctx *c, gf_ui *ui)
{
    const char *formulas[3][2] = {
        {"A = softmax(QKᵀ/√64 + M),  Σⱼ A[i,j] = 1", "softmax(QKᵀ/√64 + M)"},
        {"y = γ ⊙ (x − μ) / √(σ² + ε) + β  (C = 128, ε = 1e-05)", "y = γ ⊙ (x − μ) / √(σ² + ε)"},
        {"a = GELU(h) = 0.5·h·(1 + tanh(√(2/π)·(h + 0.044715·h³)))  (5 × 512)",
         "a = GELU(h) = 0.5·h·(1 +"}};
    for (int f = 0; f < 3; f++) {
        int tw = 0, th = 0;
        gf_text_size(ui, GF_FACE_MONO, GF_TEXT_HEADING, formulas[f][1], &tw, &th);
        for (int dw = -3 * th; dw <= th; dw += th / 4) {
            gf_ui_begin(ui, W, H, 1.0f);
            gf_draw_wrapped_groups(ui, GF_FACE_MONO, GF_TEXT_HEADING, ui->style->text,
                                   (gf_rect){10, 10, tw + dw, H - 20}, formulas[f][0]);
            for (int i = 0; i < ui->n_text; i++) {
                const char *t = ui->text_rects[i].text;
                char spaced[200];
                snprintf(spaced, sizeof spaced, " %s", t);
                /* (An operator before a term too long for a line with it
                 * stays where it is, "A =" and GELU's "+", never alone on
                 * a line; the norm's terms all fit a line.) */
                bool lone = strspn(t, ",) ") == strlen(t) || strcmp(t, "+") == 0;
                if (!CHECK(c, !lone && (f != 1 || !ends_in_operator(spaced))))
                    fprintf(stderr, "  width %d: line \"%s\"\n", tw + dw, t);
            }
        }
    }
}

int main(void)
{
    check_ctx c;
    check_begin(&c, "test_viewer_widgets");
    SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, W, H, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *renderer = surface != NULL ? SDL_CreateSoftwareRenderer(surface) : NULL;
    gf_ui ui;
    char err[256] = "";
    if (!CHECK(&c, renderer != NULL) || !CHECK(&c, gf_ui_init(&ui, renderer, NULL, err, sizeof err))) {
        fprintf(stderr, "  %s\n", err);
        return check_end(&c);
    }
    fake_owner owner = {0};
    gf_widgets w = {.ui = &ui, .text = NULL, .n_positions = 3, .position_label = position_label,
                    .highlight = 1, .heat_zoom = 1, .generation = 1, .owner = &owner};
    /* A 3 × 3 causal map: cells above the diagonal take the mask colour. */
    const float data[9] = {1, -5, -5, 2, 3, -5, 4, 5, 6};
    gf_view v = {.name = "m", .layer = -1, .head = -1, .ndim = 2, .shape = {3, 3},
                 .stride = {3, 1}, .data = data};
    gf_heat_spec s = gf_token_rows_spec(&w, &v, "m", "a map", "m");
    s.mask = GF_HEAT_MASK_CAUSAL;
    s.col_tokens = true;
    CHECK_INT(&c, s.highlight_row, 1);                 /* the context's highlight */
    ui.mouse_x = ui.mouse_y = -1;
    gf_ui_begin(&ui, W, H, 1.0f);
    gf_heatmap_draw(&w, (gf_rect){20, 20, 500, 400}, &s);
    SDL_RenderFlush(renderer);
    const gf_ui_heat_record *rec = gf_ui_find_heat(&ui, "m");
    if (CHECK(&c, rec != NULL)) {
        CHECK_INT(&c, rec->rows, 3);
        CHECK_INT(&c, rec->cols, 3);
        /* Row labels are the context's; the row and column labels asked. */
        CHECK(&c, owner.label_calls >= 6);
        /* Room for the style's row labels left of the cells. */
        CHECK(&c, rec->cells.x >= 20 + gf_ui_px(&ui, ui.style->row_label_w));
        int x, y;
        cell_centre(rec, 0, 2, &x, &y);
        CHECK(&c, same(pixel(surface, x, y), ui.style->mask));
        cell_centre(rec, 2, 0, &x, &y);
        CHECK(&c, !same(pixel(surface, x, y), ui.style->mask));
        /* Another style: its mask colour is drawn, although the data did
         * not change (the cached texture is not reused). */
        gf_style green = *ui.style;
        green.mask = (gf_rgba){0x00, 0xff, 0x00, 0xff};
        ui.style = &green;
        gf_ui_begin(&ui, W, H, 1.0f);
        gf_heatmap_draw(&w, (gf_rect){20, 20, 500, 400}, &s);
        SDL_RenderFlush(renderer);
        rec = gf_ui_find_heat(&ui, "m");
        cell_centre(rec, 0, 2, &x, &y);
        CHECK(&c, same(pixel(surface, x, y), green.mask));
        ui.style = gf_style_default();
        /* Tooltips: the default one names the cell; a custom one gets the
         * context's owner and the spec's tip_ctx back. */
        cell_centre(rec, 2, 1, &ui.mouse_x, &ui.mouse_y);
        gf_ui_begin(&ui, W, H, 1.0f);
        gf_heatmap_draw(&w, (gf_rect){20, 20, 500, 400}, &s);
        CHECK_STR(&c, ui.tooltip, "m[2,1] = 5.000");   /* values with 3 decimals */
        s.tip = custom_tip;
        s.tip_ctx = "cell";
        gf_ui_begin(&ui, W, H, 1.0f);
        gf_heatmap_draw(&w, (gf_rect){20, 20, 500, 400}, &s);
        CHECK_STR(&c, ui.tooltip, "cell 2 1 5.0");
        CHECK(&c, owner.tip_calls == 1 && owner.tip_owner == &owner);
    }
    /* Row labels of maps too short for a label per row (the heads
     * overview of a long prompt), and of one with room for all. */
    ui.record_text = true;
    ui.mouse_x = ui.mouse_y = -1;
    w.n_positions = 0;
    const int rows[] = {20, 22, 45, 52, 80}, heights[] = {90, 140, 170, 260, 330, 500};
    for (int i = 0; i < 5; i++)
        for (int k = 0; k < 6; k++)
            check_row_labels(&c, &ui, &w, rows[i], heights[k]);
    check_formula_breaks(&c, &ui);
    ui.record_text = false;
    /* Bars without a token labeller show the ids; the axis is the values'. */
    const int32_t ids[3] = {7, 42, 3};
    const float probs[3] = {0.5f, 0.3f, 0.2f};
    gf_bars_spec b = {.title = "bars", .ids = ids, .values = probs, .n = 3, .probability = true,
                      .tip_name = "p"};
    float lo, hi;
    gf_bars_axis(&b, 3, NULL, &lo, &hi);
    CHECK(&c, lo == 0.0f && hi >= 0.5f);
    ui.mouse_x = ui.mouse_y = -1;
    gf_ui_begin(&ui, W, H, 1.0f);
    gf_draw_fill(&ui, (gf_rect){0, 0, W, H}, ui.style->background);
    gf_bars_draw(&w, (gf_rect){20, 20, 600, 300}, &b);
    SDL_RenderFlush(renderer);
    int lit = 0;
    for (int y = 20; y < 320; y += 3)
        for (int x = 20; x < 620; x += 3)
            lit += !same(pixel(surface, x, y), ui.style->background);
    CHECK(&c, lit > 200);
    /* The all-positions map is left out of a rect too flat for its
     * legend's three values (a view squeezed by a lesson's band) and drawn
     * in one tall enough. */
    gf_ui_begin(&ui, W, H, 1.0f);
    int flat = gf_ui_text_px(&ui, GF_TEXT_BODY) + gf_ui_px(&ui, ui.style->label_gap) +
               2 * gf_ui_text_px(&ui, GF_TEXT_SMALL);
    gf_draw_all_positions(&w, (gf_rect){20, 20, 500, flat}, &v, "all.flat", "x", "m");
    CHECK(&c, gf_ui_find_heat(&ui, "all.flat") == NULL);
    gf_draw_all_positions(&w, (gf_rect){20, 100, 500, 300}, &v, "all.tall", "x", "m");
    CHECK(&c, gf_ui_find_heat(&ui, "all.tall") != NULL);
    /* Small probabilities all show two digits: 0.040 %, not 0.04 %. */
    const float small[3] = {0.00051f, 0.0004f, 0.000012f};
    gf_bars_spec sb = {.title = "small", .ids = ids, .values = small, .n = 3, .probability = true,
                       .tip_name = "p"};
    ui.record_text = true;
    gf_ui_begin(&ui, W, H, 1.0f);
    gf_bars_draw(&w, (gf_rect){20, 20, 600, 300}, &sb);
    const char *want[3] = {"0.051%", "0.040%", "0.0012%"};
    for (int k = 0; k < 3; k++) {
        bool found = false;
        for (int i = 0; i < ui.n_text; i++)
            found |= strcmp(ui.text_rects[i].text, want[k]) == 0;
        if (!CHECK(&c, found))
            fprintf(stderr, "  no \"%s\" drawn\n", want[k]);
    }
    ui.record_text = false;
    gf_ui_free(&ui);
    SDL_DestroyRenderer(renderer);
    SDL_FreeSurface(surface);
    return check_end(&c);
}
