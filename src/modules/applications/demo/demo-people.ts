/**
 * Synthetic applicants of the demo (never real people): 見本/試験/架空 names, addresses in the demo's
 * fictional city (架空県見本市, postal codes 999-00xx), e-mail addresses at example.jp (reserved for
 * examples), phone numbers of the 0000 pattern. Deterministic, so two demos look alike.
 */
export type DemoPerson = { name: string; kana: string; email: string; phone: string; postalCode: string; address: string; birth: string };

// i18n-exempt: demo data (synthetic applicants' answers, stored as a citizen would type them)
const PEOPLE: [string, string, string][] = [
  ['見本 太郎', 'ミホン タロウ', 'taro.mihon'],
  ['見本 花子', 'ミホン ハナコ', 'hanako.mihon'],
  ['試験 一郎', 'シケン イチロウ', 'ichiro.shiken'],
  ['架空 さくら', 'カクウ サクラ', 'sakura.kakuu'],
  ['例示 健太', 'レイジ ケンタ', 'kenta.reiji'],
  ['見本 次郎', 'ミホン ジロウ', 'jiro.mihon'],
  ['試験 美咲', 'シケン ミサキ', 'misaki.shiken'],
  ['架空 大輔', 'カクウ ダイスケ', 'daisuke.kakuu'],
  ['例示 陽子', 'レイジ ヨウコ', 'yoko.reiji'],
  ['見本 翔', 'ミホン ショウ', 'sho.mihon'],
];

// i18n-exempt: demo data (made-up addresses in the demo's fictional city)
const STREETS = ['中央一丁目', '本町二丁目', '緑町三丁目', '港町一丁目', '桜台四丁目'];

export function demoPerson(i: number): DemoPerson {
  const [name, kana, mail] = PEOPLE[i % PEOPLE.length] as [string, string, string];
  const n = i + 1;
  return {
    name,
    kana,
    email: `${mail}${i >= PEOPLE.length ? n : ''}@example.jp`,
    phone: `090-0000-${String(1000 + n).slice(-4)}`,
    postalCode: `999-00${String(10 + (i % 5)).padStart(2, '0')}`,
    // i18n-exempt: demo data (a made-up address)
    address: `架空県見本市${STREETS[i % STREETS.length]}${(i % 9) + 1}-${(i % 7) + 2}`,
    birth: `${1960 + ((i * 7) % 40)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
  };
}
