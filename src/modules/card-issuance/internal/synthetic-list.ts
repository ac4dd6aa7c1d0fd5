/**
 * Synthetic issuance lists (never real people): "テスト 太郎" style names, made-up addresses in a
 * fictional town, households sharing an address. Deterministic for a seed. Used by the demo, the
 * tests, the benchmark and scripts/generate-issuance-list.ts.
 */
import iconv from 'iconv-lite';
import { DEFAULT_HEADERS, ISSUANCE_FIELDS } from './issuance-list-layout.js';

// i18n-exempt: demo data (synthetic Japanese names and their kana, not UI text)
const FAMILY = [
  ['テスト', 'テスト'],
  ['見本', 'ミホン'],
  ['試験', 'シケン'],
  ['仮名', 'カメイ'],
  ['例示', 'レイジ'],
  ['架空', 'カクウ'],
  ['模擬', 'モギ'],
  ['検証', 'ケンショウ'],
];
// i18n-exempt: demo data (synthetic Japanese names and their kana, not UI text)
const GIVEN = [
  ['太郎', 'タロウ'],
  ['花子', 'ハナコ'],
  ['一郎', 'イチロウ'],
  ['桜', 'サクラ'],
  ['健', 'ケン'],
  ['葵', 'アオイ'],
  ['大翔', 'ヒロト'],
  ['結衣', 'ユイ'],
  ['蓮', 'レン'],
  ['陽菜', 'ヒナ'],
];

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

export type SyntheticOptions = { rows: number; seed?: number; idPrefix?: string };

/** CSV text (header + rows) in the default layout; control numbers <prefix><6 digits>. */
export function syntheticIssuanceCsv(o: SyntheticOptions): string {
  const r = rng(o.seed ?? 42);
  const prefix = o.idPrefix ?? 'TST';
  const lines = [ISSUANCE_FIELDS.map((f) => DEFAULT_HEADERS[f]).join(',')];
  let household = 0;
  let left = 0;
  let fam = FAMILY[0] as string[];
  for (let i = 0; i < o.rows; i++) {
    if (left === 0) {
      household++;
      left = 1 + Math.floor(r() * 4); // households of 1 to 4 people
      fam = FAMILY[Math.floor(r() * FAMILY.length)] as string[];
    }
    left--;
    const g = GIVEN[Math.floor(r() * GIVEN.length)] as string[];
    const y = 1940 + Math.floor(r() * 80);
    const m = 1 + Math.floor(r() * 12);
    const d = 1 + Math.floor(r() * 28);
    const birth =
      i % 3 === 0
        ? `${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`
        : `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
    const seq = String(i + 1).padStart(6, '0');
    lines.push(
      [
        `${prefix}${seq}`,
        `${String(20240000000000000000000n + BigInt(i) * 7919n)}`,
        `S${String(900000000 + i)}`,
        `${fam[0]} ${g[0]}`,
        `${fam[1]} ${g[1]}`,
        birth,
        r() < 0.5 ? '1' : '2',
        `999${String(household % 10000).padStart(4, '0')}`,
        // i18n-exempt: demo data (a made-up Japanese address)
        `架空県見本市テスト町${1 + (household % 9)}丁目${household}番地`,
      ].join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

export function encodeCsvText(text: string, encoding: 'shift_jis' | 'utf-8'): Buffer {
  return encoding === 'utf-8' ? Buffer.from(text, 'utf8') : iconv.encode(text, 'Shift_JIS');
}
