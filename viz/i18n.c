/* i18n.c — English and Russian string tables and locale detection. */
#include "i18n.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const strings[GF_LANG_COUNT][GF_STR_COUNT] = {
    [GF_LANG_EN] = {
        [GF_STR_TITLE] = "Glassformer",
        [GF_STR_PROMPT] = "Prompt",
        [GF_STR_PROMPT_HINT] = "click or press Ctrl+L to edit, Enter to run",
        [GF_STR_STATUS_POSITION] = "token",
        [GF_STR_STATUS_LAYER] = "layer",
        [GF_STR_STATUS_HEAD] = "head",
        [GF_STR_STATUS_STAGE] = "stage",
        [GF_STR_STATUS_MODEL] = "model",
        [GF_STR_STATUS_TEMPERATURE] = "T",
        [GF_STR_HELP_TITLE] = "Keys",
        [GF_STR_HELP_KEYS] =
            "→ / ←\tnext / previous stage\n"
            "↑ / ↓, PgUp / PgDn\tlayer up / down\n"
            "Tab, 1–9\tnext head, head n\n"
            "Shift+→ / Shift+←\tnext / previous token position\n"
            "Space, Enter\tsample the next token, watch it flow through the layers\n"
            "Backspace\tremove the last token\n"
            "Ctrl+L\tedit the prompt (Enter runs it; Ctrl+U clears, Ctrl+W deletes a word, Ctrl+V pastes)\n"
            "H\tall heads of this layer\n"
            "T\ttemperature comparison\n"
            "[ / ]\tlower / raise the temperature T\n"
            "R\treset to the prompt\n"
            "+ / −\tzoom text and layout\n"
            "mouse wheel\tzoom heatmaps around the current token\n"
            "F\tlarge-font mode\n"
            "F12\tsave a screenshot\n"
            "? / F1\tthis help\n"
            "Esc\tback / quit",
        [GF_STR_HELP_CLOSE] = "press any key to close",
        [GF_STR_TOKENS_HEADING] = "The prompt as tokens",
        [GF_STR_TOKEN_POSITION] = "position",
        [GF_STR_TOKEN_TEXT] = "text",
        [GF_STR_TOKEN_ID] = "id",
        [GF_STR_TOKEN_BYTES] = "bytes",
        [GF_STR_TOKEN_JOINED] = "  (part of \"%s\" with its neighbours)",
        [GF_STR_TOK_EMB] = "token embedding wte[id]",
        [GF_STR_POS_EMB] = "+ position embedding wpe[t]",
        [GF_STR_SUM_X0] = "= x₀ (input to block 0)",
        [GF_STR_ALL_POSITIONS] = "all positions",
        [GF_STR_NORM_INPUT] = "input",
        [GF_STR_NORM_OUTPUT] = "normalized output",
        [GF_STR_MEAN] = "mean",
        [GF_STR_VARIANCE] = "variance",
        [GF_STR_RMS] = "root mean square",
        [GF_STR_MEAN_SQUARE] = "mean square",
        [GF_STR_QUERY] = "queries Q",
        [GF_STR_KEY] = "keys K",
        [GF_STR_VALUE] = "values V",
        [GF_STR_SCORES] = "raw scores QKᵀ/√d",
        [GF_STR_MASKED] = "scores + causal mask",
        [GF_STR_WEIGHTS] = "attention weights A",
        [GF_STR_QUERIES_AXIS] = "query (row) →",
        [GF_STR_KEYS_AXIS] = "key (column) →",
        [GF_STR_WEIGHTED_OUT] = "A·V",
        [GF_STR_HEADS_CONCAT] = "all heads concatenated",
        [GF_STR_ATTN_PROJ] = "output projection",
        [GF_STR_BLOCK_INPUT] = "residual stream",
        [GF_STR_RESIDUAL_SUM] = "sum",
        [GF_STR_FFN_PRE] = "before activation",
        [GF_STR_FFN_ACT] = "after activation",
        [GF_STR_FFN_GATE] = "gate",
        [GF_STR_FFN_UP] = "up",
        [GF_STR_FFN_OUT] = "down-projection",
        [GF_STR_WIDEST] = "largest |values| marked",
        [GF_STR_LOGITS_TOP] = "largest logits",
        [GF_STR_PROBS_TOP] = "most likely next tokens",
        [GF_STR_PROBS_NOTE] = "the distribution the sampler draws from (after T, top-k and top-p), "
                              "over all %d tokens; the bars are not renormalized among themselves",
        [GF_STR_OVERVIEW_TITLE] = "All heads of layer %d — click one to open it",
        [GF_STR_OVERVIEW_HINT] = "attention weights per head",
        [GF_STR_TEMP_TITLE] = "Temperature comparison",
        [GF_STR_TEMP_LANE] = "T = %.2f   seed %llu",
        [GF_STR_TEMP_DIVERGE] = "lanes first differ at generated token %d",
        [GF_STR_TEMP_SAME] = "all lanes generated the same tokens",
        [GF_STR_TEMP_HINT] = "S: new seeds   1/2/3 then +/−: change a lane's T   Esc: back",
        [GF_STR_NO_TOKENS] = "Type a prompt: there are no tokens yet.",
        [GF_STR_NO_TENSOR] = "this model's trace has no %s",
        [GF_STR_ERR_NO_MODEL] = "no model folder at %s (pass --model DIR or set GLASSFORMER_ASSETS)",
        [GF_STR_ERR_NO_FONT] = "font \"%s\" not found (install fonts-dejavu-core or pass --font FILE)",
        [GF_STR_ERR_NO_DISPLAY] = "cannot open a window: %s (use --screenshot for headless export)",
        [GF_STR_LEGEND_MASK] = "masked: −∞",
        [GF_STR_POSITION_ROW] = "position %d",
        [GF_STR_NEXT_MARK] = "◀ next in the text",
        [GF_STR_NEXT_LINE] = "next in the text: %s (id %d), rank %d of %d by logit",
        [GF_STR_NEXT_UNKNOWN] = "last position: the next token is not known yet (Space samples it)",
        [GF_STR_NEXT_CUT] = "; p = 0: left out by top-k / top-p (or T = 0)",
        [GF_STR_SAMPLER] = "sampler: T = %.2f   top-k = %s   top-p = %s",
        [GF_STR_OFF] = "off",
        [GF_STR_FLOW_TITLE] = "token %d flows through the model",
        [GF_STR_FLOW_INPUT] = "input",
        [GF_STR_FLOW_OUTPUT] = "readout",
        [GF_STR_LOADING] = "Opening the model: %s",
        [GF_STR_WORK_LOAD] = "opening the model and running the prompt",
        [GF_STR_WORK_EXTEND] = "computing tokens %d/%d",
        [GF_STR_WORK_LANES] = "temperature lanes %d/%d",
        [GF_STR_WORK_ESC] = "Esc cancels",
        [GF_STR_WORK_CANCELLED] = "cancelled: %d of %d tokens computed",
        [GF_STR_WORK_FULL] = "busy: too many keys are waiting",
        [GF_STR_TEMP_COMPUTING] = "computing the lanes…",
    },
    [GF_LANG_RU] = {
        [GF_STR_TITLE] = "Glassformer",
        [GF_STR_PROMPT] = "Запрос",
        [GF_STR_PROMPT_HINT] = "щёлкните или нажмите Ctrl+L для правки, Enter — запуск",
        [GF_STR_STATUS_POSITION] = "токен",
        [GF_STR_STATUS_LAYER] = "слой",
        [GF_STR_STATUS_HEAD] = "голова",
        [GF_STR_STATUS_STAGE] = "шаг",
        [GF_STR_STATUS_MODEL] = "модель",
        [GF_STR_STATUS_TEMPERATURE] = "T",
        [GF_STR_HELP_TITLE] = "Клавиши",
        [GF_STR_HELP_KEYS] =
            "→ / ←\tследующий / предыдущий шаг\n"
            "↑ / ↓, PgUp / PgDn\tслой выше / ниже\n"
            "Tab, 1–9\tследующая голова, голова n\n"
            "Shift+→ / Shift+←\tследующая / предыдущая позиция\n"
            "Пробел, Enter\tвыбрать следующий токен и показать его путь по слоям\n"
            "Backspace\tубрать последний токен\n"
            "Ctrl+L\tправить запрос (Enter — запуск; Ctrl+U стирает, Ctrl+W — слово, Ctrl+V вставляет)\n"
            "H\tвсе головы слоя\n"
            "T\tсравнение температур\n"
            "[ / ]\tпонизить / повысить температуру T\n"
            "R\tвернуться к запросу\n"
            "+ / −\tмасштаб текста и панелей\n"
            "колесо мыши\tприблизить тепловые карты к текущему токену\n"
            "F\tкрупный шрифт\n"
            "F12\tсохранить снимок экрана\n"
            "? / F1\tэта справка\n"
            "Esc\tназад / выход",
        [GF_STR_HELP_CLOSE] = "нажмите любую клавишу",
        [GF_STR_TOKENS_HEADING] = "Запрос в виде токенов",
        [GF_STR_TOKEN_POSITION] = "позиция",
        [GF_STR_TOKEN_TEXT] = "текст",
        [GF_STR_TOKEN_ID] = "номер",
        [GF_STR_TOKEN_BYTES] = "байты",
        [GF_STR_TOKEN_JOINED] = "  (вместе с соседями: «%s»)",
        [GF_STR_TOK_EMB] = "вектор токена wte[id]",
        [GF_STR_POS_EMB] = "+ вектор позиции wpe[t]",
        [GF_STR_SUM_X0] = "= x₀ (вход блока 0)",
        [GF_STR_ALL_POSITIONS] = "все позиции",
        [GF_STR_NORM_INPUT] = "вход",
        [GF_STR_NORM_OUTPUT] = "нормированный выход",
        [GF_STR_MEAN] = "среднее",
        [GF_STR_VARIANCE] = "дисперсия",
        [GF_STR_RMS] = "корень из среднего квадрата",
        [GF_STR_MEAN_SQUARE] = "средний квадрат",
        [GF_STR_QUERY] = "запросы Q",
        [GF_STR_KEY] = "ключи K",
        [GF_STR_VALUE] = "значения V",
        [GF_STR_SCORES] = "оценки QKᵀ/√d",
        [GF_STR_MASKED] = "оценки + причинная маска",
        [GF_STR_WEIGHTS] = "веса внимания A",
        [GF_STR_QUERIES_AXIS] = "запрос (строка) →",
        [GF_STR_KEYS_AXIS] = "ключ (столбец) →",
        [GF_STR_WEIGHTED_OUT] = "A·V",
        [GF_STR_HEADS_CONCAT] = "все головы подряд",
        [GF_STR_ATTN_PROJ] = "выходная проекция",
        [GF_STR_BLOCK_INPUT] = "остаточный поток",
        [GF_STR_RESIDUAL_SUM] = "сумма",
        [GF_STR_FFN_PRE] = "до активации",
        [GF_STR_FFN_ACT] = "после активации",
        [GF_STR_FFN_GATE] = "затвор",
        [GF_STR_FFN_UP] = "вверх",
        [GF_STR_FFN_OUT] = "проекция вниз",
        [GF_STR_WIDEST] = "отмечены наибольшие |значения|",
        [GF_STR_LOGITS_TOP] = "наибольшие логиты",
        [GF_STR_PROBS_TOP] = "самые вероятные следующие токены",
        [GF_STR_PROBS_NOTE] = "распределение, из которого выбирает сэмплер (после T, top-k и top-p), "
                              "по всем %d токенам; столбцы не перенормированы между собой",
        [GF_STR_OVERVIEW_TITLE] = "Все головы слоя %d — щёлкните, чтобы открыть",
        [GF_STR_OVERVIEW_HINT] = "веса внимания каждой головы",
        [GF_STR_TEMP_TITLE] = "Сравнение температур",
        [GF_STR_TEMP_LANE] = "T = %.2f   зерно %llu",
        [GF_STR_TEMP_DIVERGE] = "дорожки расходятся на токене %d",
        [GF_STR_TEMP_SAME] = "все дорожки дали одни и те же токены",
        [GF_STR_TEMP_HINT] = "S: новые зёрна   1/2/3, затем +/−: изменить T   Esc: назад",
        [GF_STR_NO_TOKENS] = "Введите запрос: токенов пока нет.",
        [GF_STR_NO_TENSOR] = "в трассе этой модели нет %s",
        [GF_STR_ERR_NO_MODEL] = "нет папки модели %s (укажите --model DIR или GLASSFORMER_ASSETS)",
        [GF_STR_ERR_NO_FONT] = "шрифт \"%s\" не найден (установите fonts-dejavu-core или укажите --font FILE)",
        [GF_STR_ERR_NO_DISPLAY] = "не удалось открыть окно: %s (для экспорта без экрана: --screenshot)",
        [GF_STR_LEGEND_MASK] = "маска: −∞",
        [GF_STR_POSITION_ROW] = "позиция %d",
        [GF_STR_NEXT_MARK] = "◀ следующий в тексте",
        [GF_STR_NEXT_LINE] = "дальше в тексте: %s (номер %d), место %d из %d по логиту",
        [GF_STR_NEXT_UNKNOWN] = "последняя позиция: следующий токен ещё неизвестен (Пробел выберет его)",
        [GF_STR_NEXT_CUT] = "; p = 0: отброшен top-k / top-p (или T = 0)",
        [GF_STR_SAMPLER] = "сэмплер: T = %.2f   top-k = %s   top-p = %s",
        [GF_STR_OFF] = "выкл.",
        [GF_STR_FLOW_TITLE] = "токен %d проходит через модель",
        [GF_STR_FLOW_INPUT] = "вход",
        [GF_STR_FLOW_OUTPUT] = "выход",
        [GF_STR_LOADING] = "Открываем модель: %s",
        [GF_STR_WORK_LOAD] = "открываем модель и считаем запрос",
        [GF_STR_WORK_EXTEND] = "считаем токены %d/%d",
        [GF_STR_WORK_LANES] = "дорожки температуры %d/%d",
        [GF_STR_WORK_ESC] = "Esc — отменить",
        [GF_STR_WORK_CANCELLED] = "отменено: посчитано %d из %d токенов",
        [GF_STR_WORK_FULL] = "занято: слишком много нажатий ждут очереди",
        [GF_STR_TEMP_COMPUTING] = "считаем дорожки…",
    },
};

static const char *const ru_stage_names[GF_STAGE_COUNT] = {
    [GF_STAGE_TOKENS] = "Токены",
    [GF_STAGE_EMBED] = "Векторы токенов и позиций",
    [GF_STAGE_NORM_1] = "Нормировка перед вниманием",
    [GF_STAGE_QKV] = "Запросы, ключи, значения",
    [GF_STAGE_SCORES] = "Оценки внимания",
    [GF_STAGE_MASK] = "Причинная маска",
    [GF_STAGE_SOFTMAX] = "Веса внимания",
    [GF_STAGE_WEIGHTED] = "Взвешенная сумма значений",
    [GF_STAGE_CONCAT] = "Объединение голов",
    [GF_STAGE_ATTN_PROJ] = "Выходная проекция внимания",
    [GF_STAGE_RESIDUAL_1] = "Остаточная связь после внимания",
    [GF_STAGE_NORM_2] = "Нормировка перед FFN",
    [GF_STAGE_FFN_UP] = "FFN: расширение",
    [GF_STAGE_ACTIVATION] = "FFN: активация",
    [GF_STAGE_FFN_DOWN] = "FFN: сжатие",
    [GF_STAGE_RESIDUAL_2] = "Остаточная связь после FFN",
    [GF_STAGE_FINAL_NORM] = "Финальная нормировка",
    [GF_STAGE_LOGITS] = "Логиты",
    [GF_STAGE_PROBS] = "Вероятности следующего токена",
};

static const char *const ru_stage_summaries[GF_STAGE_COUNT] = {
    [GF_STAGE_TOKENS] = "Текст разбит на токены; модель видит только их номера.",
    [GF_STAGE_EMBED] = "Каждый номер выбирает строку таблицы векторов; к ней прибавляется "
                       "вектор позиции, чтобы модель знала порядок.",
    [GF_STAGE_QKV] = "Три линейных отображения дают каждому токену запрос (что ищу), "
                     "ключ (что предлагаю) и значение (что передам).",
    [GF_STAGE_SCORES] = "Скалярное произведение запроса и ключа, делённое на √d: насколько "
                        "токен i интересуется токеном j.",
    [GF_STAGE_MASK] = "Токен не может смотреть в будущее: клетки выше диагонали получают −∞.",
    [GF_STAGE_SOFTMAX] = "Softmax по каждой строке превращает оценки в веса, дающие в сумме 1; "
                         "−∞ становится точным нулём.",
    [GF_STAGE_WEIGHTED] = "Каждый токен получает взвешенную сумму векторов-значений тех токенов, "
                          "на которые он смотрит.",
    [GF_STAGE_CONCAT] = "Выходы всех голов ставятся рядом в один вектор ширины модели.",
    [GF_STAGE_ATTN_PROJ] = "Линейное отображение смешивает головы и возвращает результат "
                           "в остаточный поток.",
    [GF_STAGE_RESIDUAL_1] = "Результат внимания прибавляется к входу блока: поток лишь "
                            "дополняется, а не заменяется.",
    [GF_STAGE_FFN_UP] = "Каждый токен отдельно проецируется в широкое пространство "
                        "(обычно в 4 раза шире модели).",
    [GF_STAGE_ACTIVATION] = "Нелинейная функция гасит одни признаки и пропускает другие.",
    [GF_STAGE_FFN_DOWN] = "Проекция обратно к ширине модели; результат прибавляется "
                          "к остаточному потоку.",
    [GF_STAGE_RESIDUAL_2] = "Выход FFN прибавлен к потоку; это выход блока и вход следующего.",
    [GF_STAGE_LOGITS] = "Скалярное произведение с вектором каждого токена словаря даёт "
                        "по одному числу (логиту) на токен.",
    [GF_STAGE_PROBS] = "Softmax от логитов, делённых на температуру, даёт вероятность "
                       "каждого следующего токена.",
};

static gf_lang lang_from_name(const char *name)
{
    if (name != NULL && (name[0] == 'r' || name[0] == 'R') && (name[1] == 'u' || name[1] == 'U'))
        return GF_LANG_RU;
    return GF_LANG_EN;
}

gf_lang gf_lang_pick(const char *requested)
{
    if (requested != NULL && requested[0] != '\0')
        return lang_from_name(requested);
    const char *vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (int i = 0; i < 3; i++) {
        const char *v = getenv(vars[i]);
        if (v != NULL && v[0] != '\0')
            return lang_from_name(v);
    }
    return GF_LANG_EN;
}

const char *gf_i18n(gf_lang lang, gf_str id)
{
    if ((int)lang < 0 || lang >= GF_LANG_COUNT || (int)id < 0 || id >= GF_STR_COUNT)
        return "?";
    const char *s = strings[lang][id];
    if (s == NULL)
        s = strings[GF_LANG_EN][id];
    return s != NULL ? s : "?";
}

/* Russian names where the stage sits differently in a post-norm block. */
static const char *ru_post_norm_name(gf_stage_id id)
{
    switch (id) {
    case GF_STAGE_NORM_1: return "Нормировка после внимания и сложения";
    case GF_STAGE_NORM_2: return "Нормировка после FFN и сложения";
    case GF_STAGE_RESIDUAL_2: return "Остаточная связь после FFN (до нормировки)";
    default: return NULL;
    }
}

const char *gf_i18n_stage_name(gf_lang lang, gf_stage_id id, const gf_config *cfg)
{
    if ((int)id < 0 || id >= GF_STAGE_COUNT)
        return "?";
    if (lang != GF_LANG_RU)
        return gf_stage_display_name(id, cfg);
    const bool post = cfg != NULL && cfg->norm_placement == GF_NORM_POST;
    const char *name = post ? ru_post_norm_name(id) : NULL;
    return name != NULL ? name : ru_stage_names[id];
}

/* The Russian norm summary: where it sits, then what it computes. */
static int ru_norm_summary(gf_stage_id id, const gf_config *cfg, char *buf, size_t size)
{
    const bool post = cfg != NULL && cfg->norm_placement == GF_NORM_POST;
    const bool rms = cfg != NULL && cfg->norm_type == GF_NORM_RMSNORM;
    const char *where =
        id == GF_STAGE_NORM_1
            ? (post ? "После того как результат внимания прибавлен к потоку, строка каждого "
                      "токена приводится к стандартному масштабу."
                    : "Перед вниманием строка каждого токена приводится к стандартному масштабу.")
        : id == GF_STAGE_NORM_2
            ? (post ? "После прибавления результата FFN строки нормируются ещё раз; это выход "
                      "блока."
                    : "Перед сетью прямого распространения (FFN) строки нормируются ещё раз.")
            : "После последнего блока поток нормируется ещё раз, перед чтением слов.";
    const char *what = rms ? "RMSNorm делит строку на её среднеквадратичное значение (среднее не "
                             "вычитается), затем умножает на обученные множители γ."
                           : "LayerNorm вычитает среднее строки и делит на стандартное "
                             "отклонение, затем применяет обученные множители γ и сдвиги β.";
    return snprintf(buf, size, "%s %s", where, what);
}

size_t gf_i18n_stage_summary(gf_lang lang, gf_stage_id id, const gf_config *cfg, char *buf,
                             size_t size)
{
    if (size > 0)
        buf[0] = '\0';
    if ((int)id < 0 || id >= GF_STAGE_COUNT)
        return 0;
    if (lang != GF_LANG_RU)
        return gf_stage_summary(id, cfg, buf, size);
    const bool post = cfg != NULL && cfg->norm_placement == GF_NORM_POST;
    int n;
    if (id == GF_STAGE_NORM_1 || id == GF_STAGE_NORM_2 || id == GF_STAGE_FINAL_NORM)
        n = ru_norm_summary(id, cfg, buf, size);
    else if (id == GF_STAGE_RESIDUAL_2 && post)
        n = snprintf(buf, size, "%s", "Выход FFN прибавлен к его входу; затем сумма нормируется "
                                      "— это и есть выход блока.");
    else
        n = snprintf(buf, size, "%s", ru_stage_summaries[id]);
    return n > 0 ? (size_t)n : 0;
}
