/** The scanner of test/i18n-literals.test.ts (the rule is written there). */
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const ALLOWLIST = path.join(ROOT, 'test', 'i18n-literals.allowlist.json');
const JAPANESE = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;
const EXEMPT = /i18n-exempt:\s*\S/;

export type Finding = { line: number; kind: 'japanese' | 'ja-en-pair'; text: string };

type Token = { kind: 'string' | 'template' | 'regex' | 'ident' | 'punct'; value: string; line: number };

/** A small TypeScript tokenizer: enough to tell strings, template text, regexes and comments apart. */
export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let line = 1;
  // braces opened inside template substitutions: when one closes, the template text resumes
  const templateDepth: number[] = [];
  let braces = 0;
  const lastSignificant = () => out[out.length - 1];
  const regexAllowed = () => {
    const t = lastSignificant();
    if (!t) return true;
    if (t.kind === 'punct') return !/^[)\]}]$/.test(t.value);
    if (t.kind === 'ident') return /^(return|typeof|case|do|else|in|of|new|delete|void|throw|yield|await)$/.test(t.value);
    return false;
  };
  const readTemplate = () => {
    // at the character after ` or after the } that closes a substitution
    const startLine = line;
    let text = '';
    while (i < src.length) {
      const c = src[i] as string;
      if (c === '\\') {
        text += src.slice(i, i + 2);
        i += 2;
        continue;
      }
      if (c === '`') {
        i++;
        out.push({ kind: 'template', value: text, line: startLine });
        return;
      }
      if (c === '$' && src[i + 1] === '{') {
        i += 2;
        out.push({ kind: 'template', value: text, line: startLine });
        templateDepth.push(braces);
        braces++;
        return;
      }
      if (c === '\n') line++;
      text += c;
      i++;
    }
  };
  while (i < src.length) {
    const c = src[i] as string;
    if (c === '\n') {
      line++;
      i++;
    } else if (/\s/.test(c)) i++;
    else if (c === '/' && src[i + 1] === '/') {
      while (i < src.length && src[i] !== '\n') i++;
    } else if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? src.length : end + 2;
      line += (src.slice(i, stop).match(/\n/g) ?? []).length;
      i = stop;
    } else if (c === "'" || c === '"') {
      let j = i + 1;
      let text = '';
      while (j < src.length && src[j] !== c && src[j] !== '\n') {
        if (src[j] === '\\') {
          text += src.slice(j, j + 2);
          j += 2;
        } else text += src[j++];
      }
      out.push({ kind: 'string', value: text, line });
      i = j + 1;
    } else if (c === '`') {
      i++;
      readTemplate();
    } else if (c === '/' && regexAllowed()) {
      let j = i + 1;
      let inClass = false;
      while (j < src.length && src[j] !== '\n') {
        if (src[j] === '\\') j += 2;
        else if (src[j] === '[') (inClass = true), j++;
        else if (src[j] === ']') (inClass = false), j++;
        else if (src[j] === '/' && !inClass) break;
        else j++;
      }
      j++;
      while (j < src.length && /[a-z]/i.test(src[j] as string)) j++;
      out.push({ kind: 'regex', value: src.slice(i, j), line });
      i = j;
    } else if (/[A-Za-z_$\u0080-\uffff]/.test(c)) {
      let j = i + 1;
      while (j < src.length && /[\w$\u0080-\uffff]/.test(src[j] as string)) j++;
      out.push({ kind: 'ident', value: src.slice(i, j), line });
      i = j;
    } else if (/[0-9]/.test(c)) {
      let j = i + 1;
      while (j < src.length && /[\w.]/.test(src[j] as string)) j++;
      out.push({ kind: 'ident', value: src.slice(i, j), line });
      i = j;
    } else {
      if (c === '{') braces++;
      if (c === '}') {
        braces--;
        if (templateDepth.length && templateDepth[templateDepth.length - 1] === braces) {
          templateDepth.pop();
          i++;
          readTemplate();
          continue;
        }
      }
      out.push({ kind: 'punct', value: c, line });
      i++;
    }
  }
  return out;
}

/** The user-facing literals of one file, by the rule in this file's header. */
export function findLiterals(src: string): Finding[] {
  const lines = src.split('\n');
  const tokens = tokenize(src);
  // A marker exempts its own line and the statement that starts on it or on the next line (through
  // the end of that statement: a `;` or `,` outside brackets, or its enclosing bracket closing), so a
  // literal the formatter wraps onto later lines stays covered.
  const exemptLines = new Set<number>();
  lines.forEach((text, i) => {
    if (!EXEMPT.test(text)) return;
    const markerLine = i + 1;
    exemptLines.add(markerLine);
    exemptLines.add(markerLine + 1);
    let k = tokens.findIndex((t) => t.line >= markerLine);
    if (k < 0) return;
    // A marker after code on its line (`}; // i18n-exempt: …`) covers that line only.
    if (tokens[k]?.line === markerLine && !/^\s*(\/\/|\/\*|\*)/.test(text)) return;
    let depth = 0;
    for (; k < tokens.length; k++) {
      const t = tokens[k] as Token;
      exemptLines.add(t.line);
      if (t.kind !== 'punct') continue;
      if ('([{'.includes(t.value)) depth++;
      else if (')]}'.includes(t.value)) {
        depth--;
        if (depth < 0) break;
      } else if ((t.value === ';' || t.value === ',') && depth === 0) break;
    }
  });
  const exempt = (line: number) => exemptLines.has(line);
  const found: Finding[] = [];
  tokens.forEach((t, k) => {
    if ((t.kind === 'string' || t.kind === 'template') && JAPANESE.test(t.value) && !exempt(t.line))
      found.push({ line: t.line, kind: 'japanese', text: t.value.slice(0, 60) });
    // { ja: '…', en: '…' } (either order), written inline
    const isText = (x?: Token) => x?.kind === 'string' || x?.kind === 'template';
    if (t.kind === 'ident' && (t.value === 'ja' || t.value === 'en') && tokens[k + 1]?.value === ':' && isText(tokens[k + 2])) {
      const other = t.value === 'ja' ? 'en' : 'ja';
      for (let n = k + 3; n < Math.min(tokens.length, k + 12); n++) {
        const u = tokens[n] as Token;
        if (u.value === '}') break;
        if (u.kind === 'ident' && u.value === other && tokens[n + 1]?.value === ':' && !exempt(t.line)) {
          found.push({ line: t.line, kind: 'ja-en-pair', text: `{ ja: …, en: … }` });
          break;
        }
      }
    }
  });
  return found;
}

export const isCatalogue = (f: string) => path.basename(f) === 'messages.ts' || f.endsWith('.messages.ts');
export const isTestFile = (f: string) => f.endsWith('.test.ts') || ['testing.ts', 'test-support.ts'].includes(path.basename(f));

export function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sourceFiles(p));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Files under src/ (repository-relative, '/'-separated) with user-facing literals, and what was found. */
export function scanSources(): Map<string, Finding[]> {
  const files = sourceFiles(path.join(ROOT, 'src'))
    .map((f) => path.relative(ROOT, f).split(path.sep).join('/'))
    .filter((f) => !isCatalogue(f) && !isTestFile(f))
    .sort();
  const withLiterals = new Map<string, Finding[]>();
  for (const f of files) {
    const found = findLiterals(fs.readFileSync(path.join(ROOT, f), 'utf8'));
    if (found.length) withLiterals.set(f, found);
  }
  return withLiterals;
}
