/**
 * The one i18n mechanism: message catalogues with typed keys and typed placeholders.
 *
 * A module declares its texts once, in `<module>.messages.ts` (or `messages.ts`), both languages side
 * by side:
 *
 *   export const noticeMessages = defineCatalogue({
 *     subject: { ja: '【予約完了】（{number}）', en: 'Booking confirmed ({number})' },
 *   });
 *   noticeMessages.t(lang, 'subject', { number });   // string in one language
 *   noticeMessages.text('subject', { number });      // { ja, en }, for errors translated at the edge
 *
 * A key that is not in the catalogue is a compile error, and so is a call that leaves out a
 * placeholder the texts use (`{number}` above) or passes a message without placeholders any vars.
 * Both languages of one message must use the same placeholders (checked when the catalogue is
 * defined, so a mismatch fails at start-up and in every test that imports the module).
 *
 * Why no library (Paraglide, Lingui): see docs/architecture.md, "Languages".
 */

export type Lang = 'ja' | 'en';
export const LANGS: readonly Lang[] = ['ja', 'en'];
/** A text in both languages: what errors and field errors carry until the edge picks one. */
export type Text = { ja: string; en: string };

/** The placeholder names in a template literal type: '{a} and {b}' → 'a' | 'b'. */
export type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}`
  ? (P extends `${string} ${string}` ? never : P) | Placeholders<Rest>
  : never;

export type Vars = Record<string, string | number>;

type Entry = { readonly ja: string; readonly en: string };
type NamesOf<E extends Entry> = Placeholders<E['ja']> | Placeholders<E['en']>;

/**
 * The trailing argument of `t()`/`text()`: none for a plain message, every placeholder otherwise. A
 * message whose type is plain `string` (built with `+`, so its placeholders cannot be read) takes
 * optional vars: write messages as one literal to have them checked.
 */
export type VarsArg<E extends Entry> = string extends E['ja'] | E['en']
  ? [vars?: Vars]
  : [NamesOf<E>] extends [never]
    ? []
    : [vars: Record<NamesOf<E>, string | number>];

export type Catalogue<C extends Record<string, Entry>> = {
  /** The raw messages (both languages), e.g. to pass a whole entry where a `Text` is expected. */
  readonly messages: C;
  /** One message in one language, placeholders filled. */
  t<K extends keyof C & string>(lang: Lang, key: K, ...vars: VarsArg<C[K]>): string;
  /** One message in both languages, placeholders filled: for AppError/FieldError, translated at the edge. */
  text<K extends keyof C & string>(key: K, ...vars: VarsArg<C[K]>): Text;
  /** A translator bound to one language, for renderers that use many messages. */
  in(lang: Lang): <K extends keyof C & string>(key: K, ...vars: VarsArg<C[K]>) => string;
};

const PLACEHOLDER = /\{(\w+)\}/g;

function names(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1] as string).sort();
}

/** Fills {name} placeholders; an unknown placeholder is left as written (a bug the tests will show). */
export function fill(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(PLACEHOLDER, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/**
 * Declares a catalogue. Throws at definition time when a message is empty in one language or its two
 * languages use different placeholders, so an untranslated or half-translated message never ships.
 */
export function defineCatalogue<const C extends Record<string, Entry>>(messages: C): Catalogue<C> {
  for (const [key, m] of Object.entries(messages)) {
    if (!m.ja || !m.en) throw new Error(`message "${key}" is empty in ${m.ja ? 'en' : 'ja'}`);
    const ja = [...new Set(names(m.ja))].join(',');
    const en = [...new Set(names(m.en))].join(',');
    if (ja !== en) throw new Error(`message "${key}" uses placeholders {${ja}} in ja but {${en}} in en`);
  }
  const get = (key: string, lang: Lang, vars: unknown[]): string => {
    const m = messages[key];
    if (!m) throw new Error(`unknown message "${key}"`);
    return fill(m[lang], vars[0] as Vars | undefined);
  };
  return {
    messages,
    t: (lang, key, ...vars) => get(key, lang, vars),
    text: (key, ...vars) => ({ ja: get(key, 'ja', vars), en: get(key, 'en', vars) }),
    in:
      (lang) =>
      (key, ...vars) =>
        get(key, lang, vars),
  };
}

/** The language of a stored row (bookings keep theirs); anything unexpected reads as Japanese. */
export function langOf(v: unknown): Lang {
  return v === 'en' ? 'en' : 'ja';
}
