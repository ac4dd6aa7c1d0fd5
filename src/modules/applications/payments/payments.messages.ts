/**
 * Texts of the payment part of e-applications: the one fixed description the provider receives (it
 * names no procedure and no person, so it is the same for every application), and the citizen's
 * return page and pay action.
 */
import { defineCatalogue } from '../../../platform/i18n.js';

export const paymentMessages = defineCatalogue({
  /** Sent to the provider with every payment, in Japanese (the hosted page is the city's). */
  providerDescription: { ja: '電子申請 手数料', en: 'E-application fee' },
  siteName: { ja: 'まどぐち 電子申請', en: 'madoguchi e-applications' },
  returnTitle: { ja: 'お支払いの結果', en: 'Payment result' },
  paidTitle: { ja: 'お支払いが完了しました', en: 'Your payment is complete' },
  paidBody: {
    ja: '整理番号 {reference} の手数料 {amount}円 のお支払いを確認しました。',
    en: 'We have received the fee of {amount} yen for application {reference}.',
  },
  pendingTitle: { ja: 'お支払いはまだ確認できていません', en: 'Your payment is not confirmed yet' },
  pendingBody: {
    ja: '決済サービスからの連絡を待っています。数分後に申請の状況ページで確認してください。お支払いが済んでいれば自動で反映されます。',
    en: 'We are waiting for the payment service. Check the status page in a few minutes: a completed payment shows there by itself.',
  },
  cancelledTitle: { ja: 'お支払いは完了していません', en: 'The payment was not completed' },
  cancelledBody: {
    ja: 'お支払いが取り消されたか、支払画面の有効期限が切れました。申請の状況ページから、もう一度お支払いの手続きができます。',
    en: 'The payment was cancelled or the payment page expired. You can pay again from the status page.',
  },
  unknownTitle: { ja: 'お支払いの情報が見つかりません', en: 'No payment found' },
  unknownBody: {
    ja: 'このページのアドレスに対応するお支払いはありません。申請の状況ページでお支払いの状態を確認してください。',
    en: 'No payment matches this address. Check the payment on your application’s status page.',
  },
  unavailableTitle: { ja: '決済サービスに接続できませんでした', en: 'The payment service could not be reached' },
  unavailableBody: {
    ja: '申請は受け付けられたまま保存されています。しばらくしてから、もう一度お支払いの手続きをしてください。',
    en: 'Your application is kept. Please try paying again in a little while.',
  },
  notPayableTitle: { ja: 'この申請は現在お支払いいただけません', en: 'This application cannot be paid now' },
  notPayableBody: {
    ja: 'お支払い済みか、お支払いの期限が過ぎています。申請の状況ページで確認してください。',
    en: 'It is already paid or the time to pay has passed. Check the status page.',
  },
  toProviderTitle: { ja: 'お支払いのページへ移動します', en: 'Going to the payment page' },
  toProviderBody: {
    ja: '決済サービスのお支払いページへ移動します。自動で移動しない場合は、次のボタンを押してください。カード番号などは決済サービスのページで入力し、市のシステムには保存されません。',
    en: 'You are being taken to the payment service’s page. If nothing happens, press the button. Card details are entered on the payment service’s page and never stored by the city.',
  },
  toProviderButton: { ja: 'お支払いページへ進む', en: 'Go to the payment page' },
  statusLink: { ja: '申請の状況を確認する', en: 'See the application’s status' },
  statusByMail: {
    ja: '申請の状況は、申請時にメールでお送りした「申請の状況」のリンクから確認できます。',
    en: 'You can follow the application with the status link in the e-mail we sent when you applied.',
  },
  referenceLabel: { ja: '整理番号', en: 'Reference number' },
  amountLabel: { ja: '金額', en: 'Amount' },
  amountValue: { ja: '{amount}円', en: '{amount} yen' },
  methodLabel: { ja: 'お支払い方法', en: 'Payment method' },
  'method.card': { ja: 'クレジットカード', en: 'Credit card' },
  'method.apple_pay': { ja: 'Apple Pay', en: 'Apple Pay' },
  'method.paypay': { ja: 'PayPay', en: 'PayPay' },
  'method.other': { ja: 'その他', en: 'Other' },
});
