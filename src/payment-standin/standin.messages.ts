/**
 * The texts of the payment stand-in's hosted page (a test double for Stripe Checkout, demo and tests
 * only). Shown in the session's locale: Japanese unless the session asked for English.
 */
import { defineCatalogue } from '../platform/i18n.js';

export const standinMessages = defineCatalogue({
  pageTitle: { ja: 'お支払い（テスト）', en: 'Payment (test)' },
  merchant: { ja: 'まどぐち市', en: 'Madoguchi City' },
  testMode: { ja: 'テスト環境', en: 'Test mode' },
  standinHint: {
    ja: 'Stripe のローカル代替（スタンドイン）です。実際の請求は行われません。',
    en: 'A local stand-in for Stripe: no real charge is made.',
  },
  amountDue: { ja: 'お支払い金額', en: 'Amount due' },
  quantity: { ja: '数量 {quantity}', en: 'Qty {quantity}' },
  payWith: { ja: 'お支払い方法', en: 'Payment method' },
  applePay: { ja: 'Apple Pay で支払う', en: 'Pay with Apple Pay' },
  payPay: { ja: 'PayPay で支払う', en: 'Pay with PayPay' },
  orCard: { ja: 'またはカードで支払う', en: 'Or pay with card' },
  cardNumber: { ja: 'カード番号', en: 'Card number' },
  expiry: { ja: '有効期限（月/年）', en: 'Expiry (MM/YY)' },
  cvc: { ja: 'セキュリティコード', en: 'Security code (CVC)' },
  pay: { ja: '{amount} を支払う', en: 'Pay {amount}' },
  cancel: { ja: 'キャンセルして戻る', en: 'Cancel and go back' },
  testCards: {
    ja: 'テストカード: 4242 4242 4242 4242（成功）、4000 0000 0000 0002（拒否）。有効期限は未来の月、セキュリティコードは任意の3桁。',
    en: 'Test cards: 4242 4242 4242 4242 (succeeds), 4000 0000 0000 0002 (declined). Any future expiry, any 3-digit CVC.',
  },
  errorTitle: { ja: 'お支払いできませんでした', en: 'The payment did not go through' },
  card_declined: { ja: 'カードが拒否されました。別のカードをお試しください。', en: 'Your card was declined. Try another card.' },
  insufficient_funds: { ja: 'カードの残高が不足しています。', en: 'Your card has insufficient funds.' },
  incorrect_number: { ja: 'カード番号が正しくありません。', en: 'Your card number is incorrect.' },
  invalid_expiry: { ja: '有効期限が正しくないか、期限切れです。', en: 'The expiry date is invalid or has passed.' },
  invalid_cvc: { ja: 'セキュリティコードが正しくありません。', en: 'The security code is incorrect.' },
  method_not_allowed: { ja: 'この支払い方法はご利用いただけません。', en: 'This payment method is not available.' },
  not_open: { ja: 'このお支払いは受け付けられません。', en: 'This payment can no longer be made.' },
  notFound: { ja: 'お支払いページが見つかりません。', en: 'Payment page not found.' },
  expired: { ja: 'このお支払いページは有効期限が切れました。', en: 'This payment page has expired.' },
  complete: { ja: 'お支払いは完了しています。', en: 'This payment is complete.' },
  testActions: { ja: 'テスト用の操作', en: 'Test actions' },
  expireNow: { ja: 'このお支払いページを今すぐ期限切れにする', en: 'Expire this payment page now' },
  backToSite: { ja: 'サイトに戻る', en: 'Back to the site' },
});
