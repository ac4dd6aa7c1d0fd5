/**
 * Every text a person reads comes from a message catalogue. This test reads src/**\/*.ts and fails on
 * a file that is not on test/i18n-literals.allowlist.json and has
 *
 * - a string literal or template-literal text containing Japanese (hiragana, katakana, kanji,
 *   full-width forms) — Japanese is user-facing by nature, there are no Japanese log lines; or
 * - an inline bilingual object `{ ja: '…', en: '…' }` (the English side of the same problem: a
 *   text pair that belongs in a catalogue).
 *
 * Not counted:
 * - catalogue files: `messages.ts` and `*.messages.ts` (that is where the texts live);
 * - tests and test support: `*.test.ts`, `testing.ts`, `test-support.ts` (synthetic data);
 * - comments, and regular-expression literals (they match what people type, e.g. 「予約」 in LINE);
 * - a literal on a line carrying, or directly below a line carrying, `i18n-exempt: <reason>` in a
 *   comment, or anywhere in the statement that starts there (so the formatter may wrap it) — for Japanese that is not translated by design (national holiday names, era names,
 *   the fixed column names of an exchange file). The reason is required.
 * - English-only text (log messages, CLI output, error codes): operators read it, it is not
 *   translated; the test cannot tell English prose from identifiers, so English is checked only
 *   through the `{ ja, en }` pairs above.
 *
 * The allowlist only shrinks: the test also fails when a listed file has no such literal any more (or
 * is gone), so whoever moves a file's texts into its catalogue removes it from the list.
 * `I18N_ALLOWLIST=shrink` rewrites the list without the clean files; adding a file is done by hand.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { ALLOWLIST, findLiterals, scanSources } from './i18n-literals.js';

describe('user-facing texts live in message catalogues', () => {
  it('tokenizes strings, template text, regexes and comments apart', () => {
    const src = [
      "const a = '予約'; // コメント",
      '/* 説明 */ const r = /キャンセル/i;',
      'const t = `合計${n}件 ${x ? `内側` : "外"}`;',
      "const p = { ja: 'はい', en: 'Yes' };",
      "const q = { en: 'Yes', ja: 'はい' };",
      '// i18n-exempt: national holiday names are Japanese by law',
      "const h = '元日';",
      'const o = { ja: x, en: y };',
    ].join('\n');
    const f = findLiterals(src);
    assert.deepEqual(
      f.map((x) => [x.line, x.kind, x.text]),
      [
        [1, 'japanese', '予約'],
        [3, 'japanese', '合計'],
        [3, 'japanese', '件 '],
        [3, 'japanese', '内側'],
        [3, 'japanese', '外'],
        [4, 'ja-en-pair', '{ ja: …, en: … }'],
        [4, 'japanese', 'はい'],
        [5, 'ja-en-pair', '{ ja: …, en: … }'],
        [5, 'japanese', 'はい'],
      ],
    );
  });

  it('finds none outside the catalogues except in the allowlisted files, and every allowlisted file still has some', () => {
    const allow: string[] = JSON.parse(fs.readFileSync(ALLOWLIST, 'utf8')).files;
    const withLiterals = scanSources();
    const clean = allow.filter((f) => !withLiterals.has(f));
    if (process.env.I18N_ALLOWLIST === 'shrink' && clean.length) {
      fs.writeFileSync(
        ALLOWLIST,
        `${JSON.stringify({ ...JSON.parse(fs.readFileSync(ALLOWLIST, 'utf8')), files: allow.filter((f) => withLiterals.has(f)) }, null, 2)}\n`,
      );
      return;
    }
    const offenders = [...withLiterals].filter(([f]) => !allow.includes(f));
    assert.deepEqual(
      offenders.map(
        ([f, found]) =>
          `${f}: ${found
            .slice(0, 3)
            .map((x) => `${x.line} ${x.kind} ${JSON.stringify(x.text)}`)
            .join('; ')}`,
      ),
      [],
      "move these texts into the module's catalogue (<module>.messages.ts, defineCatalogue in src/platform/i18n.ts)",
    );
    assert.deepEqual(
      clean,
      [],
      'these files have no user-facing literal any more: remove them from test/i18n-literals.allowlist.json (I18N_ALLOWLIST=shrink)',
    );
  });
});
