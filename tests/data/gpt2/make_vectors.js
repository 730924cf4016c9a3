#!/usr/bin/env node
// make_vectors.js — writes vectors.tsv: reference GPT-2 token ids for test
// strings, computed by the independent JavaScript GPT-2 encoder in the npm
// package gpt-3-encoder (MIT). Our C tokenizer is checked against this file
// by tests/test_tokenizer.c.
//
// Usage:  mkdir -p /tmp/gpt2ref && cd /tmp/gpt2ref && npm install gpt-3-encoder@1.1.4
//         NODE_PATH=/tmp/gpt2ref/node_modules node make_vectors.js > vectors.tsv
//
// Each line: the text as a JSON string literal, a TAB, the ids separated by
// spaces. Known differences between that JS encoder and GPT-2's Python one
// are avoided here (see README.md): U+0085 and U+FEFF, whose whitespace
// status differs between JavaScript's \s and Python's, are left out.
'use strict';
const { encode } = require('gpt-3-encoder');

const fixed = [
  'Hello world',
  "Hello world's  end\n\n",
  'The quick brown fox jumps over the lazy dog.',
  "I'm sure they'll come, don't worry; we've said it's fine and you'd agree.",
  "I'M SURE THEY'LL COME, DON'T WORRY",
  "'s 't 're 've 'm 'll 'd 'x ''s",
  'rock \'n\' roll',
  'Once upon a time, in a land far, far away, there lived a teacher who wanted to ' +
    'show her students how a language model reads text, one token at a time.',
  'Привет, мир! Как дела? Это проверка токенизатора GPT-2 на русском тексте.',
  'Съешь же ещё этих мягких французских булок, да выпей чаю.',
  '我爱自然语言处理。今天天气很好！',
  '日本語のテキストとカタカナ、ひらがな。',
  '한국어 문장도 시험합니다.',
  'Emoji: 😀 😃 😄 👍🏽 🎉🎉🎉',
  'Family: 👨‍👩‍👧‍👦 and flags 🇺🇦🇫🇷 and 🏳️‍🌈',
  'def f(x):\n\treturn x * 2\n\nif __name__ == "__main__":\n    print(f(21))\n',
  'int main(void) {\n    int a[3] = {1, 2, 3};\n\tfor (int i = 0; i < 3; i++) printf("%d\\n", a[i]);\n}\n',
  '    leading spaces',
  'trailing spaces    ',
  'a  b   c    d     e',
  '\n\n\n',
  'line one\nline two\r\nline three\n\n\nend',
  ' \n \n  \n\t\t\n',
  'tabs\tin\t\tthe\t\t\tmiddle',
  '3.14159 2718 1,000,000 12345678901234567890 ١٢٣ ½ ⅓ Ⅻ',
  'Numbers: 1st 2nd 3rd 42nd 100%',
  '!!! ??? ... --- *** ### @@@ $$$ %%% ^^^ &&& ((( ))) ___ +++ === ~~~',
  '"quoted" \'single\' `back` «guillemets» „German“ “curly” ‘curly’',
  'naïve café résumé coöperate Ångström façade',
  'Zürich Straße Öl Ärger Übermut',
  'ΑΒΓ αβγ Ελληνικά',
  'עברית ערבית العربية',
  'हिन्दी भाषा',
  'e\u0301 combining accent and ﬁ ligature',
  'non\u00a0breaking\u2003em\u3000ideographic space',
  'zero\u200bwidth\u200cjoiner\u200d',
  'URL: https://example.com/path?query=1&x=y#frag',
  'email@example.com and @mentions and #hashtags',
  '<|endoftext|>',
  'x',
  ' ',
  '  ',
  '\t',
  "'",
  "don't",
  'ÿþýü',
  'A' + 'a'.repeat(80),
  '='.repeat(50),
  ' '.repeat(20) + 'x',
  'supercalifragilisticexpialidocious antidisestablishmentarianism',
];

// Deterministic pseudo-random strings from a mixed pool of characters.
function lcg(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}
const pool = Array.from(
  " \t\n\r\u000b\u000c\u00a0\u2000\u3000'sdtmlrevSD-.,!?_#\"\\0123456789" +
  'abcdefghijklmnopqrstuvwxyz ABCXYZ éüßç привет мир 漢字日本 😀👍🏽\u200d🎉 ٣½'
);
const rand = lcg(20240601);
const randomStrings = [];
for (let i = 0; i < 60; i++) {
  const n = 1 + Math.floor(rand() * 40);
  let s = '';
  for (let j = 0; j < n; j++) s += pool[Math.floor(rand() * pool.length)];
  randomStrings.push(s);
}

for (const text of fixed.concat(randomStrings)) {
  process.stdout.write(JSON.stringify(text) + '\t' + encode(text).join(' ') + '\n');
}
