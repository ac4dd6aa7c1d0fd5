/**
 * The chatbot's answers, as a pure function of what the user did and the catalogue of services.
 * No state is kept between turns: a postback carries everything the next step needs.
 */
import type { LineMessage } from './line-api.js';

export type CatalogueService = { id: string; name: string };
export type CatalogueDepartment = { id: string; name: string; services: CatalogueService[] };

export type UserInput =
  | { kind: 'follow' }
  | { kind: 'text'; text: string }
  | { kind: 'postback'; data: string };

export type Links = {
  /** The booking page of one service, opened inside LINE when a LIFF app is configured. */
  bookingPage(serviceId: string): string;
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
function pagedItems(all: QuickItem[], page: number, pageData: (page: number) => string): { items: QuickItem[]; note: string } {
  const pg = pageOf(all, page);
  return {
    items: [
      ...(pg.hasPrev ? [{ label: '◀ 前へ', data: pageData(pg.page - 1), text: '前へ' }] : []),
      ...pg.items,
      ...(pg.hasNext ? [{ label: 'もっと見る ▶', data: pageData(pg.page + 1), text: 'もっと見る' }] : []),
    ],
    note: pg.pages > 1 ? `（${pg.page + 1}/${pg.pages}ページ）` : '',
  };
}

function quickReply(items: QuickItem[]) {
  if (items.length > QUICK_REPLY_MAX) throw new Error(`a quick reply holds at most ${QUICK_REPLY_MAX} items (got ${items.length}): page them`);
  return {
    items: items.map((i) => ({
      type: 'action' as const,
      action: { type: 'postback' as const, label: label(i.label), data: i.data, displayText: i.text ?? i.label },
    })),
  };
}

const MAIN_MENU: QuickItem[] = [
  { label: '予約する', data: postback.book },
  { label: '予約の確認・変更', data: postback.myBookings },
  { label: '使い方', data: postback.help },
];

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

export function respond(input: UserInput, catalogue: CatalogueDepartment[], links: Links, city: CityInfo): LineMessage[] {
  const intent = intentOf(input);
  switch (intent.kind) {
    case 'greeting':
      return [
        text(
          '友だち追加ありがとうございます。市役所の窓口予約のご案内です。\n' +
            '下のメニューの「予約する」を押すか、「予約」と送ってください。予約の確認・変更・取消は「確認」、使い方は「ヘルプ」です。\n' +
            'このトークでは氏名や電話番号を送らないでください（予約ページで入力します）。',
          MAIN_MENU,
        ),
      ];
    case 'book': {
      const open = catalogue.filter((d) => d.services.length > 0);
      if (open.length === 0) return [text(`現在、LINEから予約できる窓口はありません。お手数ですが、お電話でお問い合わせください。\n${city.contactText}`)];
      const { items, note } = pagedItems(open.map((d) => ({ label: d.name, data: postback.department(d.id) })), intent.page, postback.bookPage);
      return [text(`どちらの課の窓口をご予約ですか。下から選んでください。${note}`, items)];
    }
    case 'department': {
      const d = catalogue.find((x) => x.id === intent.id);
      if (!d || d.services.length === 0) return [text('その課には予約できる窓口がありません。もう一度お選びください。', [MAIN_MENU[0] as QuickItem])];
      if (d.services.length === 1) return serviceLink(d.services[0] as CatalogueService, links);
      const { items, note } = pagedItems(d.services.map((s) => ({ label: s.name, data: postback.service(s.id) })), intent.page, (p) => postback.department(d.id, p));
      return [text(`${d.name}のどの手続き・相談をご予約ですか。${note}`, items)];
    }
    case 'service': {
      const s = catalogue.flatMap((d) => d.services).find((x) => x.id === intent.id);
      if (!s) return [text('その窓口は現在予約を受け付けていません。もう一度お選びください。', [MAIN_MENU[0] as QuickItem])];
      return serviceLink(s, links);
    }
    case 'my-bookings':
      return [linkButton('ご予約の確認・変更・取消はマイページからできます。', 'マイページを開く', links.myPage(), 'マイページを開く')];
    case 'cancel':
      return [
        linkButton(
          '予約の取消はマイページの該当する予約から行えます。取消期限を過ぎた場合は担当課へお電話ください。',
          'マイページを開く',
          links.myPage(),
          '予約の取消はマイページから',
        ),
      ];
    case 'help':
      return [
        text(
          '【使い方】\n1. 「予約する」で課と手続きを選ぶ\n2. 開いた予約ページで日時を選び、必要事項を入力\n3. 予約番号がこのトークに届きます（前日にもお知らせします）\n\n' +
            '確認・変更・取消は「予約の確認・変更」から。氏名などの個人情報はこのトークに送らないでください。',
          MAIN_MENU,
        ),
      ];
    case 'fallback':
      // A free question: the bot cannot answer it, so it says where to ask and offers what it can do.
      return [
        text(
          'このトークでは、窓口の予約と、予約の確認・変更・取消ができます。\n' +
            '手続きについてのご質問は、お手数ですが市役所へお問い合わせください。\n' +
            `${city.contactText}\n\n` +
            '予約は「予約する」、確認・変更・取消は「予約の確認・変更」を押してください。',
          MAIN_MENU,
        ),
      ];
  }
}

function serviceLink(s: CatalogueService, links: Links): LineMessage[] {
  return [linkButton(`「${label(s.name, 40)}」の予約ページです。日時を選んでご予約ください。`, '予約ページを開く', links.bookingPage(s.id), `${s.name}の予約ページ`)];
}
