/**
 * The texts of the LINE stand-in (a test double for LINE's platform and app, demo and tests only).
 * Its simulator imitates the LINE app as people in Japan see it, so it is shown in Japanese; the
 * English is kept beside each text for whoever reads the catalogue (and the stand-in hint shows both).
 */
import { defineCatalogue } from '../platform/i18n.js';

export const standinMessages = defineCatalogue({
  demoUserName: { ja: 'デモ 花子', en: 'Hanako Demo' },
  defaultUserName: { ja: 'LINEユーザー{id}', en: 'LINE user {id}' },
  pageTitle: { ja: 'LINE シミュレーター（ローカル）', en: 'LINE simulator (local)' },
  accountName: { ja: 'まどぐち市 公式アカウント', en: 'Madoguchi City official account' },
  block: { ja: 'ブロック（友だち解除）', en: 'Block (unfollow)' },
  follow: { ja: '友だち追加', en: 'Add friend' },
  otherUser: { ja: '別のユーザー', en: 'Another user' },
  standinHint: {
    ja: 'LINE プラットフォームのローカル代替（スタンドイン）です。本物の LINE には接続していません。',
    en: 'A local stand-in for LINE: no real LINE account is involved.',
  },
  quickReplies: { ja: 'クイックリプライ', en: 'Quick replies' },
  richMenu: { ja: 'リッチメニュー', en: 'Rich menu' },
  message: { ja: 'メッセージ', en: 'Message' },
  messagePlaceholder: { ja: 'メッセージを入力', en: 'Type a message' },
  send: { ja: '送信', en: 'Send' },
  followToTalk: { ja: '友だち追加するとトークできます。', en: 'Add the account as a friend to chat.' },
  followed: { ja: '{name} が友だち追加しました', en: '{name} added the account as a friend' },
  blocked: { ja: '{name} がブロックしました', en: '{name} blocked the account' },
});
