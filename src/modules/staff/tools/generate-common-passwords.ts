/**
 * Generates common-passwords.txt, the deny-list of the password policy (NIST SP 800-63B 3.1.1.2:
 * "passwords obtained from previous breach corpuses, dictionary words, repetitive or sequential
 * characters, context-specific words"). Built from well-known public patterns only — the words
 * that top every published "most common passwords" list, Japanese-context words, years, keyboard
 * walks, repetitions and sequences, with the usual decorations (capitals, digits, "!", "@").
 *
 * Run: npx tsx src/modules/staff/tools/generate-common-passwords.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const words = `password passw0rd p@ssword p@ssw0rd pass pasuwado pasuwaado qwerty qwertyuiop asdfgh asdfghjkl zxcvbn zxcvbnm
admin administrator root user guest test tester demo welcome letmein iloveyou love lovely dragon monkey sunshine
princess football baseball soccer master shadow superman batman michael jordan jennifer hunter ranger buster
charlie thomas george ashley daniel jessica pepper cheese computer internet secret freedom whatever trustno1
starwars pokemon pikachu doraemon totoro naruto sakura tokyo osaka kyoto nagoya yokohama kobe sapporo fukuoka
sendai hiroshima nippon japan nihon fujisan hokkaido okinawa ganbare ganbatte arigato arigatou konnichiwa
ohayou sayonara daisuki aishiteru kawaii neko inu tanaka suzuki sato satou takahashi watanabe ito itou yamamoto
nakamura kobayashi kato katou yoshida yamada sasaki yamaguchi matsumoto inoue kimura hayashi shimizu
madoguchi shiyakusho yakusho shicho kuyakusho city office system shokuin kakarichou kachou bucho honbu
soumu somu fukushi seikatsu shoukou shimin seisaku jouhou johoseisaku kikaku zaimu zeimu kenko kodomo
changeme change default login logon access secure security private system1 server network database
monday tuesday friday summer winter spring autumn haru natsu aki fuyu tiger lion bear eagle hello
hellokitty kitty snoopy mickey minnie disney anpanman gundam ultraman godzilla sony toyota honda nissan
apple google yahoo line docomo softbank rakuten amazon microsoft windows linux iphone android
baseball1 giants tigers carp hawks marines swallows dragons baystars buffaloes lions fighters eagles
samurai ninja shogun sushi ramen sake tanuki kitsune hanako taro tarou jiro ichiro kenji yuki yuko
akiko keiko tomoko yumi mayumi naoko hiroshi takashi kazuki shota daiki haruto sota yuto ren minato
aoi himari mei hina yui rin koharu hinata`
  .split(/\s+/)
  .filter(Boolean);

const suffixes = [
  '',
  '1',
  '12',
  '123',
  '1234',
  '12345',
  '123456',
  '1234567',
  '12345678',
  '123456789',
  '0',
  '00',
  '01',
  '007',
  '11',
  '111',
  '1111',
  '69',
  '99',
  '!',
  '!!',
  '1!',
  '123!',
  '@',
  '@123',
  '#1',
  '2020',
  '2021',
  '2022',
  '2023',
  '2024',
  '2025',
  '2026',
  '2027',
  '2028',
  '0000',
  '7777',
  '8888',
  '9999',
  '!@#',
  'abc',
  'qwerty',
  'pass',
  'password',
];
const prefixes = ['', 'my', 'i'];

const out = new Set<string>();
const add = (s: string) => {
  if (s.length >= 6 && s.length <= 64) out.add(s.toLowerCase());
};

for (const w of words)
  for (const p of prefixes)
    for (const s of suffixes) {
      add(p + w + s);
      if (p === '' && s.length <= 3) add(w + w + s);
    }

// Leetspeak of the top words
const leet = (w: string) => w.replace(/a/g, '@').replace(/o/g, '0').replace(/e/g, '3').replace(/i/g, '1').replace(/s/g, '$');
for (const w of words.slice(0, 60)) for (const s of suffixes.slice(0, 20)) add(leet(w) + s);

// Keyboard walks (rows, columns, reversed, repeated)
const rows = [
  '1234567890',
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  '!@#$%^&*()',
  '1qaz2wsx3edc4rfv',
  'zaq12wsx',
  'qazwsxedc',
  'qweasdzxc',
  '1q2w3e4r5t6y',
  'q1w2e3r4t5y6',
  'qwertyasdfgh',
  'asdfqwer',
  'zxcvasdfqwer',
  'poiuytrewq',
  'lkjhgfdsa',
  'mnbvcxz',
  '0987654321',
  'abcdefghijklmnopqrstuvwxyz',
  'zyxwvutsrqponmlkjihgfedcba',
  '1qazxsw2',
  'zaq1xsw2cde3',
];
for (const r of rows)
  for (let start = 0; start < r.length; start++)
    for (let end = start + 6; end <= r.length; end++) {
      const walk = r.slice(start, end);
      add(walk);
      add(walk + walk);
      for (const s of suffixes.slice(0, 12)) add(walk + s);
    }

// Repeated characters and short repeated units
const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789!@#$%*.-_';
for (const c of alphabet) for (let n = 6; n <= 20; n++) add(c.repeat(n));
for (const unit of [
  '12',
  '123',
  '1234',
  '12345',
  'ab',
  'abc',
  'abcd',
  'qw',
  'qwe',
  'asd',
  'xy',
  '01',
  '10',
  '69',
  '00',
  'aa',
  'a1',
  '1a',
  'ha',
  'lol',
  'aho',
  'baka',
])
  for (let n = 2; n <= 10; n++) add(unit.repeat(n));

// Digit sequences and dates
for (let start = 0; start <= 9; start++)
  for (let len = 6; len <= 16; len++) {
    let up = '';
    let down = '';
    for (let k = 0; k < len; k++) {
      up += String((start + k) % 10);
      down += String((start - k + 100) % 10);
    }
    add(up);
    add(down);
  }
for (let y = 1950; y <= 2030; y++) {
  add(`${y}${y}`);
  for (const w of ['password', 'pass', 'admin', 'tokyo', 'sakura', 'qwerty', 'welcome', 'love', 'japan', 'nippon']) add(w + y);
  for (const m of ['0101', '0401', '1231', '1225', '0214', '0707', '1111', '1010']) add(`${y}${m}`);
}
// Japanese era years (平成/令和) as commonly typed
for (let n = 1; n <= 31; n++) for (const e of ['heisei', 'reiwa', 'showa']) for (const s of ['', '!', '123']) add(`${e}${n}${s}`);

const list = [...out].sort();
const here = path.dirname(fileURLToPath(import.meta.url));
const target = path.resolve(here, '../common-passwords.txt');
fs.writeFileSync(
  target,
  `# Deny-list of common passwords (generated by tools/generate-common-passwords.ts; one per line, lower-case)\n${list.join('\n')}\n`,
);
console.log(`${list.length} passwords written to ${target}`);
