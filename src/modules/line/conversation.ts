/**
 * The chatbot's answers, as a pure function of what the user did and the catalogue of services.
 * No state is kept between turns: a postback carries everything the next step needs.
 */
import type { Lang } from '../../platform/i18n.js';
import type { LineMessage } from './line-api.js';
import { lineMessages } from './line.messages.js';

/** English names are optional: an English conversation shows the Japanese one where staff gave none. */
export type CatalogueService = { id: string; name: string; nameEn?: string | null };
export type CatalogueDepartment = { id: string; name: string; nameEn?: string | null; services: CatalogueService[] };

export type UserInput = { kind: 'follow' } | { kind: 'text'; text: string } | { kind: 'postback'; data: string };

export type Links = {
  /** The booking page of one service, opened inside LINE when a LIFF app is configured, in the user's language. */
  bookingPage(serviceId: string, lang?: Lang): string;
  /** Where a LINE user sees their bookings. */
  myPage(): string;
};

/** What the bot needs to know about the city beyond its catalogue. */
export type CityInfo = {
  /** How to reach the city for what the bot cannot answer (phone and hours), e.g. from LINE_CONTACT_TEXT. */
  contactText: string;
};

export type Intent =
  | { kind: 'greeting' }
  | { kind: 'book'; page: number }
  | { kind: 'department'; id: string; page: number }
  | { kind: 'service'; id: string }
  | { kind: 'my-bookings' }
  | { kind: 'cancel' }
  | { kind: 'help' }
  | { kind: 'language'; lang: Lang }
  | { kind: 'fallback' };

/** Postback data used by the rich menu and the quick replies. */
export const postback = {
  book: 'action=book',
  bookPage: (page: number) => `action=book&page=${page}`,
  myBookings: 'action=my-bookings',
  help: 'action=help',
  department: (id: string, page = 0) => `action=department&id=${encodeURIComponent(id)}${page ? `&page=${page}` : ''}`,
  service: (id: string) => `action=service&id=${encodeURIComponent(id)}`,
};

/** Switching the conversation's language: the whole message is the language's name. */
const LANGUAGE_KEYWORDS: [RegExp, Lang][] = [
  [/^(english|eng|英語|えいご)$/i, 'en'],
  [/^(日本語|にほんご|japanese|nihongo)$/i, 'ja'],
];

const KEYWORDS: [RegExp, Intent['kind']][] = [
  [/キャンセル|取消|取り消|cancel/i, 'cancel'],
  [/確認|マイページ|my ?page|my bookings/i, 'my-bookings'],
  [/予約|よやく|book|reserv/i, 'book'],
  // Not "?": a question mark ends a free question, which gets the menu and the city's contact.
  [/ヘルプ|使い方|つかいかた|^help$/i, 'help'],
];

const GREETING = /^(こんにちは|こんばんは|おはよう|はじめまして|hello|hi)/i;

export function intentOf(input: UserInput): Intent {
  if (input.kind === 'follow') return { kind: 'greeting' };
  if (input.kind === 'postback') {
    const p = new URLSearchParams(input.data);
    const action = p.get('action');
    const id = p.get('id') ?? '';
    const page = Math.min(Math.max(Number.parseInt(p.get('page') ?? '0', 10) || 0, 0), 1000);
    if (action === 'book') return { kind: 'book', page };
    if (action === 'my-bookings') return { kind: 'my-bookings' };
    if (action === 'help') return { kind: 'help' };
    if (action === 'department' && id) return { kind: 'department', id, page };
    if (action === 'service' && id) return { kind: 'service', id };
    return { kind: 'fallback' };
  }
  const text = input.text.normalize('NFKC').trim();
  for (const [re, lang] of LANGUAGE_KEYWORDS) if (re.test(text)) return { kind: 'language', lang };
  for (const [re, kind] of KEYWORDS) if (re.test(text)) return kind === 'book' ? { kind, page: 0 } : ({ kind } as Intent);
  // Only a bare hello is a greeting: "こんにちは、住民票はどこで取れますか" is a question.
  if (GREETING.test(text) && [...text.replace(GREETING, '').replace(/[\s、。!！~〜ー]/g, '')].length === 0) return { kind: 'greeting' };
  return { kind: 'fallback' };
}

/** Quick-reply labels are limited to 20 characters by LINE. */
function label(s: string, max = 20): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}

type QuickItem = { label: string; data: string; text?: string };

/** LINE shows at most 13 quick-reply items. */
export const QUICK_REPLY_MAX = 13;

export type Page<T> = { items: T[]; page: number; pages: number; hasPrev: boolean; hasNext: boolean };

/**
 * Splits a choice list into quick-reply pages: up to 13 items when they all fit; otherwise the first
 * page has 12 and 「もっと見る」, later pages 「前へ」 and 11 (the last one up to 12). A page number past
 * the end gives the last page.
 */
export function pageOf<T>(all: T[], page: number): Page<T> {
  if (all.length <= QUICK_REPLY_MAX) return { items: all, page: 0, pages: 1, hasPrev: false, hasNext: false };
  const starts: number[] = [];
  for (let start = 0, p = 0; start < all.length; p++) {
    starts.push(start);
    const room = QUICK_REPLY_MAX - (p > 0 ? 1 : 0);
    start += all.length - start <= room ? room : room - 1;
  }
  const p = Math.min(page, starts.length - 1);
  const start = starts[p] as number;
  const end = p + 1 < starts.length ? (starts[p + 1] as number) : all.length;
  return { items: all.slice(start, end), page: p, pages: starts.length, hasPrev: p > 0, hasNext: p + 1 < starts.length };
}

/** The quick replies of one page of choices, with 「前へ」 and 「もっと見る」 carrying the page to show. */
function pagedItems(all: QuickItem[], page: number, pageData: (page: number) => string, lang: Lang): { items: QuickItem[]; note: string } {
  const t = lineMessages.in(lang);
  const pg = pageOf(all, page);
  return {
    items: [
      ...(pg.hasPrev ? [{ label: t('prevLabel'), data: pageData(pg.page - 1), text: t('prevText') }] : []),
      ...pg.items,
      ...(pg.hasNext ? [{ label: t('nextLabel'), data: pageData(pg.page + 1), text: t('nextText') }] : []),
    ],
    note: pg.pages > 1 ? t('pageNote', { page: pg.page + 1, pages: pg.pages }) : '',
  };
}

function quickReply(items: QuickItem[]) {
  if (items.length > QUICK_REPLY_MAX)
    throw new Error(`a quick reply holds at most ${QUICK_REPLY_MAX} items (got ${items.length}): page them`);
  return {
    items: items.map((i) => ({
      type: 'action' as const,
      action: { type: 'postback' as const, label: label(i.label), data: i.data, displayText: i.text ?? i.label },
    })),
  };
}

function mainMenu(lang: Lang): QuickItem[] {
  const t = lineMessages.in(lang);
  return [
    { label: t('menuBook'), data: postback.book },
    { label: t('menuMyBookings'), data: postback.myBookings },
    { label: t('menuHelp'), data: postback.help },
  ];
}

function text(t: string, items?: QuickItem[]): LineMessage {
  return items ? ({ type: 'text', text: t, quickReply: quickReply(items) } as LineMessage) : ({ type: 'text', text: t } as LineMessage);
}

function linkButton(t: string, buttonLabel: string, uri: string, altText: string): LineMessage {
  return {
    type: 'template',
    altText,
    template: { type: 'buttons', text: t, actions: [{ type: 'uri', label: label(buttonLabel), uri }] },
  } as LineMessage;
}

/**
 * The answer to one user action, in the user's language (`lang`: their stored choice, Japanese until
 * they choose). A language switch ("English" / "日本語") is answered in the new language; storing the
 * choice is the caller's (handle-event.ts).
 */
export function respond(
  input: UserInput,
  catalogue: CatalogueDepartment[],
  links: Links,
  city: CityInfo,
  lang: Lang = 'ja',
): LineMessage[] {
  const intent = intentOf(input);
  if (intent.kind === 'language') lang = intent.lang;
  const t = lineMessages.in(lang);
  const menu = mainMenu(lang);
  const nameOf = (x: { name: string; nameEn?: string | null }) => (lang === 'en' && x.nameEn) || x.name;
  switch (intent.kind) {
    case 'greeting':
      return [text(t('greeting'), menu)];
    case 'language':
      return [text(t('langChosen'), menu)];
    case 'book': {
      const open = catalogue.filter((d) => d.services.length > 0);
      if (open.length === 0) return [text(t('noCounters', { contact: city.contactText }))];
      const { items, note } = pagedItems(
        open.map((d) => ({ label: nameOf(d), data: postback.department(d.id) })),
        intent.page,
        postback.bookPage,
        lang,
      );
      return [text(t('chooseDepartment', { note }), items)];
    }
    case 'department': {
      const d = catalogue.find((x) => x.id === intent.id);
      if (!d || d.services.length === 0) return [text(t('noServicesInDepartment'), [menu[0] as QuickItem])];
      if (d.services.length === 1) return serviceLink(d.services[0] as CatalogueService, links, lang);
      const { items, note } = pagedItems(
        d.services.map((s) => ({ label: nameOf(s), data: postback.service(s.id) })),
        intent.page,
        (p) => postback.department(d.id, p),
        lang,
      );
      return [text(t('chooseService', { department: nameOf(d), note }), items)];
    }
    case 'service': {
      const s = catalogue.flatMap((d) => d.services).find((x) => x.id === intent.id);
      if (!s) return [text(t('serviceClosed'), [menu[0] as QuickItem])];
      return serviceLink(s, links, lang);
    }
    case 'my-bookings':
      return [linkButton(t('myBookings'), t('openMyPage'), links.myPage(), t('openMyPage'))];
    case 'cancel':
      return [linkButton(t('cancel'), t('openMyPage'), links.myPage(), t('cancelAlt'))];
    case 'help':
      return [text(t('help'), menu)];
    case 'fallback':
      // A free question: the bot cannot answer it, so it says where to ask and offers what it can do.
      return [text(t('fallback', { contact: city.contactText }), menu)];
  }
}

function serviceLink(s: CatalogueService, links: Links, lang: Lang): LineMessage[] {
  const t = lineMessages.in(lang);
  const name = (lang === 'en' && s.nameEn) || s.name;
  return [
    linkButton(
      t('serviceLink', { service: label(name, 40) }),
      t('openBookingPage'),
      links.bookingPage(s.id, lang),
      t('bookingPageAlt', { service: name }),
    ),
  ];
}
