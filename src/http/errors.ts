/**
 * The one error catalogue. An AppError carries a stable code, an HTTP status and a bilingual
 * message for the person who reads it; the error handler turns it into RFC 9457 problem+json
 * (or an HTML page). Anything that is not an AppError becomes a 500 whose message is never shown.
 *
 * Problem types (RFC 9457): every code has an entry in `problemTypes` with a constant title and a
 * short explanation; `type` is `<PUBLIC_BASE_URL>/problems/<code>`, a page generated from this
 * catalogue (src/http/problem-docs.ts). The AppError's own text is the variable part (`detail`).
 */
import type { Text } from './i18n.js';

export type FieldError = { field: string; message: Text };

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly text: Text,
    readonly extra: { fieldErrors?: FieldError[]; retryAfterSeconds?: number; headers?: Record<string, string> } = {},
  ) {
    super(`${code}: ${text.en}`);
  }
}

/** What a problem type means and what the reader can do about it: the source of the /problems/<code> pages. */
export type ProblemType = { status: number; title: Text; meaning: Text; action: Text };

const t = (ja: string, en: string): Text => ({ ja, en });

/**
 * Every problem code the application answers with. `title` is constant per code (RFC 9457); the
 * variable part — which field, how many seconds, which booking — goes into `detail`.
 * test/problem-details.test.ts fails when code elsewhere uses a code that is missing here.
 */
export const problemTypes = {
  // ---- generic HTTP refusals
  bad_request: { status: 400, title: t('リクエストの形式が正しくありません。', 'The request is malformed.'), meaning: t('送られたデータを読み取れませんでした（JSON の誤り、URL の誤りなど）。', 'What was sent could not be read (broken JSON, a malformed address and the like).'), action: t('送信する内容や URL を確認してください。アプリから起きた場合は、アプリを最新にしてください。', 'Check what is sent and the address. If an app sent it, update the app.') },
  validation_failed: { status: 422, title: t('入力内容を確認してください。', 'Please check what you entered.'), meaning: t('入力された値の一部が条件を満たしていません。errors に項目ごとの理由があります。', 'Some values do not meet their rules. `errors` lists the reason per field.'), action: t('項目ごとのメッセージに従って入力し直してください。', 'Correct each field as its message says and send again.') },
  unauthenticated: { status: 401, title: t('ログインが必要です。', 'You need to log in.'), meaning: t('ログインしていないか、ログインの有効期限が切れています。', 'You are not logged in, or the log-in has expired.'), action: t('もう一度ログインしてください。', 'Log in again.') },
  invalid_credentials: { status: 401, title: t('ログインIDまたはパスワードが正しくありません。', 'The login ID or password is not correct.'), meaning: t('入力されたログインIDとパスワードの組み合わせが見つかりません（どちらが違うかはお知らせしません）。', 'No account matches this log-in ID and password (we do not say which one is wrong).'), action: t('入力し直してください。続けて失敗するとロックされます。', 'Enter them again. Repeated failures lock the account.') },
  forbidden: { status: 403, title: t('この操作を行う権限がありません。', 'You are not allowed to do this.'), meaning: t('ログインしていますが、この操作に必要な役割がありません。', 'You are logged in but your role does not allow this.'), action: t('必要な場合は、所属課の管理者に権限を依頼してください。', 'If you need it, ask your department administrator for the role.') },
  csrf_failed: { status: 403, title: t('画面の有効期限が切れました。', 'This page has expired.'), meaning: t('画面を開いてから時間がたったか、別の画面から送信されたため、送信を受け付けませんでした（なりすまし防止）。', 'The form was too old or did not come from this site, so it was refused (protection against forged requests).'), action: t('画面を再読み込みしてから、もう一度操作してください。API では X-CSRF-Token ヘッダーを付けてください。', 'Reload the page and try again. API clients send the X-CSRF-Token header.') },
  not_found: { status: 404, title: t('見つかりません。', 'Not found.'), meaning: t('指定されたものは存在しないか、見る権限がありません。', 'It does not exist, or you may not see it.'), action: t('URL や番号を確認してください。', 'Check the address or the number.') },
  payload_too_large: { status: 413, title: t('送信されたデータが大きすぎます。', 'What was sent is too large.'), meaning: t('送信されたデータが上限を超えたため、何も受け付けていません。', 'What was sent exceeds the limit; nothing was accepted.'), action: t('データを小さくするか、分けて送信してください。', 'Send less at once, or split it.') },
  file_too_large: { status: 413, title: t('ファイルが大きすぎます。', 'The file is too large.'), meaning: t('アップロードされたファイルが、その種類の上限を超えています。何も取り込んでいません。', 'The uploaded file is over the limit for its kind; nothing was imported.'), action: t('上限（detail に記載）以下のファイルにしてください。', 'Use a file under the limit given in `detail`.') },
  unsupported_media_type: { status: 415, title: t('この形式のデータは受け付けていません。', 'This type of content is not accepted.'), meaning: t('Content-Type がこの URL で受け付ける形式ではありません。', 'The Content-Type is not one this address accepts.'), action: t('API には application/json で送信してください。', 'Send application/json to the API.') },
  too_many_requests: { status: 429, title: t('アクセスが集中しています。', 'Too many requests.'), meaning: t('短い時間に多くのリクエストがありました。', 'Too many requests came in a short time.'), action: t('Retry-After ヘッダー（detail にも記載）の秒数だけ待ってから、もう一度お試しください。', 'Wait the seconds in the Retry-After header (also in `detail`) and try again.') },
  internal_error: { status: 500, title: t('システムで問題が発生しました。', 'Something went wrong on our side.'), meaning: t('サーバー側の問題です。入力内容に問題があったわけではありません。', 'A problem on the server; nothing was wrong with what you sent.'), action: t('時間をおいて再度お試しください。続く場合は問い合わせ番号（requestId）を添えてご連絡ください。', 'Try again later. If it persists, contact us with the reference (requestId).') },
  service_busy: { status: 503, title: t('ただいま大変混み合っています。', 'We are very busy right now.'), meaning: t('予約の受付が集中しているため、一時的に受け付けを待っていただいています。', 'Bookings are arriving faster than we can take them, so this one was turned away for now.'), action: t('Retry-After ヘッダー（detail にも記載）の秒数だけ待ってから、もう一度お試しください。', 'Wait the seconds in the Retry-After header (also in `detail`) and try again.') },
  // ---- staff log-in steps and account state
  account_locked: { status: 423, title: t('ログインを一時的にロックしています。', 'The log-in is locked for a while.'), meaning: t('ログインの失敗が続いたため、一時的にロックしています。', 'Too many failed log-ins locked the account for a while.'), action: t('時間をおいて再度お試しいただくか、管理者にロック解除を依頼してください。', 'Try again later or ask an administrator to unlock it.') },
  mfa_locked: { status: 423, title: t('二要素認証を一時的にロックしています。', 'Two-factor authentication is locked for a while.'), meaning: t('確認コードの誤りが続いたため、一時的にロックしています。', 'Too many wrong codes locked the second factor for a while.'), action: t('時間をおいて再度お試しいただくか、管理者にロック解除を依頼してください。', 'Try again later or ask an administrator to unlock it.') },
  mfa_required: { status: 403, title: t('二要素認証の確認コードが必要です。', 'The two-factor code is needed.'), meaning: t('パスワードの確認は済みましたが、二要素認証がまだです。', 'The password step is done; the second factor is not.'), action: t('認証アプリの確認コードか回復コードを入力してください。', 'Enter the code from your authenticator app or a recovery code.') },
  password_change_required: { status: 403, title: t('パスワードの変更が必要です。', 'You must change your password first.'), meaning: t('初回ログインか管理者によるリセットのため、パスワードの変更が必要です。', 'After a first log-in or an administrator\'s reset the password must be changed.'), action: t('パスワードを変更してから操作してください。', 'Change the password, then continue.') },
  mfa_setup_required: { status: 403, title: t('二要素認証の設定が必要です。', 'You must set up two-factor authentication first.'), meaning: t('このアカウントには二要素認証が必須ですが、まだ設定されていません。', 'This account must use a second factor and has none yet.'), action: t('二要素認証を設定してから操作してください。', 'Set up two-factor authentication, then continue.') },
  mfa_already_enabled: { status: 409, title: t('二要素認証はすでに有効です。', 'Two-factor authentication is already on.'), meaning: t('設定済みのため、新しく設定を始めることはできません。', 'It is set up already, so a new set-up cannot start.'), action: t('設定し直す場合は、管理者にリセットを依頼してください。', 'To set it up again, ask an administrator to reset it.') },
  mfa_not_enabled: { status: 409, title: t('二要素認証は設定されていません。', 'Two-factor authentication is not set up.'), meaning: t('確認コードを照合する設定がありません。', 'There is no second factor to check the code against.'), action: t('二要素認証を設定してください。', 'Set up two-factor authentication.') },
  mfa_setup_not_started: { status: 409, title: t('二要素認証の設定が始まっていません。', 'The two-factor set-up has not started.'), meaning: t('設定中の秘密鍵がないか、期限が切れています。', 'There is no pending secret, or it expired.'), action: t('設定を最初からやり直してください。', 'Start the set-up again.') },
  password_changed_concurrently: { status: 409, title: t('パスワードが同時に変更されました。', 'The password was changed at the same time.'), meaning: t('同じアカウントのパスワードが別の操作で先に変更されました。', 'Another request changed the same password first.'), action: t('もう一度お試しください。', 'Try again.') },
  not_locked: { status: 409, title: t('このアカウントはロックされていません。', 'This account is not locked.'), meaning: t('解除するロックがありません。', 'There is no lock to clear.'), action: t('操作は不要です。', 'Nothing to do.') },
  cannot_disable_self: { status: 409, title: t('自分のアカウントは無効にできません。', 'You cannot disable your own account.'), meaning: t('管理者が自分自身を締め出すことを防いでいます。', 'This keeps an administrator from locking themselves out.'), action: t('別の管理者に依頼してください。', 'Ask another administrator.') },
  cannot_revoke_own_admin: { status: 409, title: t('自分のシステム管理者権限は外せません。', 'You cannot revoke your own system administrator role.'), meaning: t('システム管理者がいなくなることを防いでいます。', 'This keeps the system from being left without an administrator.'), action: t('別のシステム管理者に依頼してください。', 'Ask another system administrator.') },
  // ---- reservations
  slot_full: { status: 409, title: t('この時間帯は空きがなくなりました。', 'This time is no longer available.'), meaning: t('選んだ時間帯の定員に達したか、受付期間が終わりました。', 'The chosen time is full or no longer open for booking.'), action: t('別の時間帯を選んでください。', 'Choose another time.') },
  not_changeable: { status: 409, title: t('この予約は変更できません。', 'This booking cannot be changed.'), meaning: t('取り消し済み・来庁済みなど、変更できる状態ではありません。', 'It is cancelled, already served or otherwise not open to changes.'), action: t('新しく予約するか、窓口にお問い合わせください。', 'Book again, or contact the office.') },
  not_cancellable: { status: 409, title: t('この予約は取り消せません。', 'This booking cannot be cancelled.'), meaning: t('すでに取り消し済みか、来庁済みです。', 'It is already cancelled or already served.'), action: t('予約の状態を確認してください。', 'Check the booking\'s status.') },
  status_transition: { status: 409, title: t('この状態には変更できません。', 'The status cannot change this way.'), meaning: t('予約の今の状態から、その状態には移れません（detail に理由）。', 'The booking cannot move from its current status to that one (`detail` says why).'), action: t('予約の状態を確認してください。', 'Check the booking\'s status.') },
  checkin_other_day: { status: 409, title: t('予約の当日ではないため受付できません。', 'Check-in is possible only on the booking\'s day.'), meaning: t('受付（来庁）の記録は予約の当日だけできます。', 'Arrival can be recorded only on the day of the booking.'), action: t('予約番号と日付を確認してください（detail に予約の日時）。', 'Check the number and the day (`detail` gives the booking\'s time).') },
  checkin_cancelled: { status: 409, title: t('取り消された予約は受付できません。', 'A cancelled booking cannot be checked in.'), meaning: t('この予約番号の予約は取り消されています。', 'The booking with this number was cancelled.'), action: t('新しく予約するか、当日の受付で対応してください。', 'Book again, or serve the person as a walk-in.') },
  no_closure: { status: 409, title: t('この日は臨時休業として登録されていません。', 'This day is not registered as a closure.'), meaning: t('休業日の予約への連絡・取り消しは、臨時休業を登録した日だけできます。', 'Closure notices and cancellations apply only to a registered closure day.'), action: t('先に臨時休業を登録してください。', 'Register the closure first.') },
  // ---- LINE
  line_not_configured: { status: 503, title: t('LINE連携は設定されていません。', 'LINE is not configured.'), meaning: t('このサーバーでは LINE 公式アカウントとの連携が設定されていません。', 'This server has no LINE Official Account configured.'), action: t('ウェブの予約画面をご利用ください。', 'Use the web booking pages.') },
  line_token_invalid: { status: 401, title: t('LINEでの本人確認ができませんでした。', 'Your LINE sign-in could not be confirmed.'), meaning: t('LINE から渡された ID トークンを確認できませんでした（期限切れなど）。', 'The ID token from LINE could not be verified (for example, it expired).'), action: t('LINE のトーク画面から開き直してください。', 'Open the page again from the LINE chat.') },
  line_signature_invalid: { status: 401, title: t('署名が正しくありません。', 'Invalid signature.'), meaning: t('Webhook の X-Line-Signature が一致しません。', 'The webhook\'s X-Line-Signature does not match.'), action: t('チャネルシークレットの設定を確認してください。', 'Check the channel secret setting.') },
  not_a_line_booking: { status: 409, title: t('この予約はLINEからの予約ではありません。', 'This booking was not made through LINE.'), meaning: t('LINE でメッセージを送れるのは、LINE から予約された方だけです。', 'Only people who booked through LINE can be sent a LINE message.'), action: t('電話かメールでご連絡ください。', 'Contact the person by phone or e-mail.') },
  line_unfollowed: { status: 409, title: t('この方はLINE公式アカウントの友だちではなくなっています。', 'This person no longer follows the LINE account.'), meaning: t('ブロックまたは友だち解除されたため、メッセージを送れません。', 'They blocked or unfollowed the account, so messages cannot reach them.'), action: t('電話かメールでご連絡ください。', 'Contact the person by phone or e-mail.') },
  // ---- card issuance
  shipping_number_required: { status: 428, title: t('交付通知書の発送番号も入力してください。', 'Enter the shipping number from the letter as well.'), meaning: t('不正なログインの試みが続いているため、追加の確認をお願いしています。', 'Because of repeated suspicious log-ins, one more check is needed.'), action: t('交付通知書に記載の発送番号を入力してください。', 'Enter the shipping number printed on the letter.') },
  card_not_bookable: { status: 409, title: t('予約できないカードが含まれています。', 'One of the cards cannot be booked here.'), meaning: t('別の窓口のカード、または受付対象外のカードが含まれています。', 'A card belongs to another office or is not open for booking.'), action: t('カードを選び直すか、窓口にお問い合わせください。', 'Choose the cards again, or contact the office.') },
  already_booked: { status: 409, title: t('既に予約済みのカードが含まれています。', 'One of the cards already has a booking.'), meaning: t('同じカードに予約は一つだけです。', 'A card can have one booking only.'), action: t('予約を確認するか、取り消してから予約し直してください。', 'Check that booking, or cancel it and book again.') },
  letters_changed: { status: 409, title: t('対象の通知書が変わりました。', 'The letters have changed.'), meaning: t('確認してから印刷済みにするまでの間に、対象の通知書が変わりました。', 'The set of letters changed between preview and marking them sent.'), action: t('もう一度確認してから操作してください。', 'Preview them again, then continue.') },
  // ---- demo
  demo_local_only: { status: 403, title: t('デモ用メールボックスはこのコンピューターからのみ開けます。', 'The demo mailbox opens only on this computer.'), meaning: t('デモ用メールボックスは localhost からだけ開けます。', 'The demo mailbox is served to localhost only.'), action: t('デモを動かしているコンピューターで開いてください。', 'Open it on the computer running the demo.') },
} as const satisfies Record<string, ProblemType>;

export type ProblemCode = keyof typeof problemTypes;

/** The catalogue entry of a code, if it has one. */
export function problemType(code: string): ProblemType | undefined {
  return Object.hasOwn(problemTypes, code) ? (problemTypes as Record<string, ProblemType>)[code] : undefined;
}

export const errors = {
  validation: (fieldErrors: FieldError[]) =>
    new AppError(
      'validation_failed',
      422,
      { ja: '入力内容を確認してください。', en: 'Please check what you entered.' },
      { fieldErrors },
    ),
  badRequest: (text: Text) => new AppError('bad_request', 400, text),
  unauthenticated: () =>
    new AppError('unauthenticated', 401, {
      ja: 'ログインが必要です。もう一度ログインしてください。',
      en: 'You need to log in. Please log in again.',
    }),
  invalidCredentials: () =>
    new AppError('invalid_credentials', 401, {
      ja: 'ログインIDまたはパスワードが正しくありません。',
      en: 'The login ID or password is not correct.',
    }),
  forbidden: (text?: Text) =>
    new AppError(
      'forbidden',
      403,
      text ?? { ja: 'この操作を行う権限がありません。', en: 'You are not allowed to do this.' },
    ),
  csrf: () =>
    new AppError('csrf_failed', 403, {
      ja: '画面の有効期限が切れました。画面を再読み込みしてからもう一度操作してください。',
      en: 'This page has expired. Reload it and try again.',
    }),
  notFound: (text?: Text) =>
    new AppError('not_found', 404, text ?? { ja: '見つかりません。', en: 'Not found.' }),
  conflict: (code: string, text: Text) => new AppError(code, 409, text),
  /** 413: a body or upload over its limit; `text` says which limit when the caller knows it. */
  payloadTooLarge: (text?: Text) => new AppError('payload_too_large', 413, text ?? problemTypes.payload_too_large.title),
  /** 415: a Content-Type the route does not parse. */
  unsupportedMediaType: () => new AppError('unsupported_media_type', 415, problemTypes.unsupported_media_type.title),
  locked: (retryAfterSeconds: number) =>
    new AppError(
      'account_locked',
      423,
      {
        ja: 'ログインの失敗が続いたため、一時的にロックしています。しばらくしてから再度お試しいただくか、管理者に連絡してください。',
        en: 'Too many failed log-ins: the account is locked for a while. Try again later or contact an administrator.',
      },
      { retryAfterSeconds },
    ),
  tooManyRequests: (retryAfterSeconds: number) =>
    new AppError(
      'too_many_requests',
      429,
      {
        ja: 'アクセスが集中しています。{seconds}秒ほど待ってから再度お試しください。',
        en: 'Too many requests. Please try again in about {seconds} seconds.',
      },
      { retryAfterSeconds },
    ),
  busy: (retryAfterSeconds: number) =>
    new AppError(
      'service_busy',
      503,
      {
        ja: 'ただいま大変混み合っています。{seconds}秒ほど待ってから再度お試しください。',
        en: 'We are very busy right now. Please try again in about {seconds} seconds.',
      },
      { retryAfterSeconds },
    ),
};
