/* analogy_presets.c — the preset analogies (see analogy_presets.h). */
#include "analogy_presets.h"

static const gf_analogy_preset analogy_presets[] = {
    {"gender", "king − man + woman", "король − мужчина + женщина", "queen", "королева"},
    {"royalty", "prince − man + woman", "принц − мужчина + женщина", "princess", "принцесса"},
    {"family", "uncle − man + woman", "дядя − мужчина + женщина", "aunt", "тётя"},
    {"capitals", "paris − france + germany", "Париж − Франция + Германия", "berlin", "Берлин"},
    {"capitals", "tokyo − japan + russia", "Токио − Япония + Россия", "moscow", "Москва"},
    {"tense", "went − go + see", "пошёл − идти + видеть", "saw", "увидел"},
    {"tense", "took − take + give", "взял − взять + дать", "gave", "дал"},
    {"comparatives", "better − good + bad", "лучше − хороший + плохой", "worse", "хуже"},
    {"comparatives", "faster − fast + slow", "быстрее − быстрый + медленный", "slower",
     "медленнее"},
};

int gf_analogy_preset_count(void)
{
    return (int)(sizeof analogy_presets / sizeof analogy_presets[0]);
}

const gf_analogy_preset *gf_analogy_preset_at(int i)
{
    return i >= 0 && i < gf_analogy_preset_count() ? &analogy_presets[i] : 0;
}
