/**
 * The texts of the error catalogue (src/http/errors.ts), in both languages.
 *
 * `problemMessages`: per problem code, its constant title and the explanation on its /problems/<code>
 * page (`<code>.title`, `<code>.meaning`, `<code>.action`). `errorMessages`: the default `detail` of
 * the `errors.*` factories; `{seconds}` is filled in at the edge from Retry-After.
 */
import { defineCatalogue } from '../platform/i18n.js';

export const problemMessages = defineCatalogue({
  'bad_request.title': { ja: 'リクエストの形式が正しくありません。', en: 'The request is malformed.' },
  'bad_request.meaning': {
    ja: '送られたデータを読み取れませんでした（JSON の誤り、URL の誤りなど）。',
    en: 'What was sent could not be read (broken JSON, a malformed address and the like).',
  },
  'bad_request.action': {
    ja: '送信する内容や URL を確認してください。アプリから起きた場合は、アプリを最新にしてください。',
    en: 'Check what is sent and the address. If an app sent it, update the app.',
  },
  'validation_failed.title': { ja: '入力内容を確認してください。', en: 'Please check what you entered.' },
  'validation_failed.meaning': {
    ja: '入力された値の一部が条件を満たしていません。errors に項目ごとの理由があります。',
    en: 'Some values do not meet their rules. `errors` lists the reason per field.',
  },
  'validation_failed.action': {
    ja: '項目ごとのメッセージに従って入力し直してください。',
    en: 'Correct each field as its message says and send again.',
  },
  'unauthenticated.title': { ja: 'ログインが必要です。', en: 'You need to log in.' },
  'unauthenticated.meaning': {
    ja: 'ログインしていないか、ログインの有効期限が切れています。',
    en: 'You are not logged in, or the log-in has expired.',
  },
  'unauthenticated.action': { ja: 'もう一度ログインしてください。', en: 'Log in again.' },
  'invalid_credentials.title': { ja: 'ログインIDまたはパスワードが正しくありません。', en: 'The login ID or password is not correct.' },
  'invalid_credentials.meaning': {
    ja: '入力されたログインIDとパスワードの組み合わせが見つかりません（どちらが違うかはお知らせしません）。',
    en: 'No account matches this log-in ID and password (we do not say which one is wrong).',
  },
  'invalid_credentials.action': {
    ja: '入力し直してください。続けて失敗するとロックされます。',
    en: 'Enter them again. Repeated failures lock the account.',
  },
  'forbidden.title': { ja: 'この操作を行う権限がありません。', en: 'You are not allowed to do this.' },
  'forbidden.meaning': {
    ja: 'ログインしていますが、この操作に必要な役割がありません。',
    en: 'You are logged in but your role does not allow this.',
  },
  'forbidden.action': {
    ja: '必要な場合は、所属課の管理者に権限を依頼してください。',
    en: 'If you need it, ask your department administrator for the role.',
  },
  'csrf_failed.title': { ja: '画面の有効期限が切れました。', en: 'This page has expired.' },
  'csrf_failed.meaning': {
    ja: '画面を開いてから時間がたったか、別の画面から送信されたため、送信を受け付けませんでした（なりすまし防止）。',
    en: 'The form was too old or did not come from this site, so it was refused (protection against forged requests).',
  },
  'csrf_failed.action': {
    ja: '画面を再読み込みしてから、もう一度操作してください。API では X-CSRF-Token ヘッダーを付けてください。',
    en: 'Reload the page and try again. API clients send the X-CSRF-Token header.',
  },
  'not_found.title': { ja: '見つかりません。', en: 'Not found.' },
  'not_found.meaning': { ja: '指定されたものは存在しないか、見る権限がありません。', en: 'It does not exist, or you may not see it.' },
  'not_found.action': { ja: 'URL や番号を確認してください。', en: 'Check the address or the number.' },
  'payload_too_large.title': { ja: '送信されたデータが大きすぎます。', en: 'What was sent is too large.' },
  'payload_too_large.meaning': {
    ja: '送信されたデータが上限を超えたため、何も受け付けていません。',
    en: 'What was sent exceeds the limit; nothing was accepted.',
  },
  'payload_too_large.action': { ja: 'データを小さくするか、分けて送信してください。', en: 'Send less at once, or split it.' },
  'file_too_large.title': { ja: 'ファイルが大きすぎます。', en: 'The file is too large.' },
  'file_too_large.meaning': {
    ja: 'アップロードされたファイルが、その種類の上限を超えています。何も取り込んでいません。',
    en: 'The uploaded file is over the limit for its kind; nothing was imported.',
  },
  'file_too_large.action': {
    ja: '上限（detail に記載）以下のファイルにしてください。',
    en: 'Use a file under the limit given in `detail`.',
  },
  'unsupported_media_type.title': { ja: 'この形式のデータは受け付けていません。', en: 'This type of content is not accepted.' },
  'unsupported_media_type.meaning': {
    ja: 'Content-Type がこの URL で受け付ける形式ではありません。',
    en: 'The Content-Type is not one this address accepts.',
  },
  'unsupported_media_type.action': { ja: 'API には application/json で送信してください。', en: 'Send application/json to the API.' },
  'too_many_requests.title': { ja: 'アクセスが集中しています。', en: 'Too many requests.' },
  'too_many_requests.meaning': { ja: '短い時間に多くのリクエストがありました。', en: 'Too many requests came in a short time.' },
  'too_many_requests.action': {
    ja: 'Retry-After ヘッダー（detail にも記載）の秒数だけ待ってから、もう一度お試しください。',
    en: 'Wait the seconds in the Retry-After header (also in `detail`) and try again.',
  },
  'internal_error.title': { ja: 'システムで問題が発生しました。', en: 'Something went wrong on our side.' },
  'internal_error.meaning': {
    ja: 'サーバー側の問題です。入力内容に問題があったわけではありません。',
    en: 'A problem on the server; nothing was wrong with what you sent.',
  },
  'internal_error.action': {
    ja: '時間をおいて再度お試しください。続く場合は問い合わせ番号（requestId）を添えてご連絡ください。',
    en: 'Try again later. If it persists, contact us with the reference (requestId).',
  },
  'service_busy.title': { ja: 'ただいま大変混み合っています。', en: 'We are very busy right now.' },
  'service_busy.meaning': {
    ja: '予約の受付が集中しているため、一時的に受け付けを待っていただいています。',
    en: 'Bookings are arriving faster than we can take them, so this one was turned away for now.',
  },
  'service_busy.action': {
    ja: 'Retry-After ヘッダー（detail にも記載）の秒数だけ待ってから、もう一度お試しください。',
    en: 'Wait the seconds in the Retry-After header (also in `detail`) and try again.',
  },
  'service_unavailable.title': { ja: 'ただいま一時的にご利用いただけません。', en: 'The service is briefly unavailable.' },
  'service_unavailable.meaning': {
    ja: 'システムの一部（データベース）が一時的に応答していません。再起動中か、障害から復旧している途中です。',
    en: 'Part of the system (the database) is not answering for a moment: it is restarting or recovering from a failure.',
  },
  'service_unavailable.action': {
    ja: 'Retry-After ヘッダー（detail にも記載）の秒数だけ待ってから、もう一度お試しください。予約の申込みは同じ画面から送り直しても二重にはなりません（API では同じ Idempotency-Key で送り直してください）。',
    en: 'Wait the seconds in the Retry-After header (also in `detail`) and try again. A booking sent again from the same page is never made twice (API clients resend with the same Idempotency-Key).',
  },
  'account_locked.title': { ja: 'ログインを一時的にロックしています。', en: 'The log-in is locked for a while.' },
  'account_locked.meaning': {
    ja: 'ログインの失敗が続いたため、一時的にロックしています。',
    en: 'Too many failed log-ins locked the account for a while.',
  },
  'account_locked.action': {
    ja: '時間をおいて再度お試しいただくか、管理者にロック解除を依頼してください。',
    en: 'Try again later or ask an administrator to unlock it.',
  },
  'mfa_locked.title': { ja: '二要素認証を一時的にロックしています。', en: 'Two-factor authentication is locked for a while.' },
  'mfa_locked.meaning': {
    ja: '確認コードの誤りが続いたため、一時的にロックしています。',
    en: 'Too many wrong codes locked the second factor for a while.',
  },
  'mfa_locked.action': {
    ja: '時間をおいて再度お試しいただくか、管理者にロック解除を依頼してください。',
    en: 'Try again later or ask an administrator to unlock it.',
  },
  'mfa_required.title': { ja: '二要素認証の確認コードが必要です。', en: 'The two-factor code is needed.' },
  'mfa_required.meaning': {
    ja: 'パスワードの確認は済みましたが、二要素認証がまだです。',
    en: 'The password step is done; the second factor is not.',
  },
  'mfa_required.action': {
    ja: '認証アプリの確認コードか回復コードを入力してください。',
    en: 'Enter the code from your authenticator app or a recovery code.',
  },
  'password_change_required.title': { ja: 'パスワードの変更が必要です。', en: 'You must change your password first.' },
  'password_change_required.meaning': {
    ja: '初回ログインか管理者によるリセットのため、パスワードの変更が必要です。',
    en: "After a first log-in or an administrator's reset the password must be changed.",
  },
  'password_change_required.action': { ja: 'パスワードを変更してから操作してください。', en: 'Change the password, then continue.' },
  'mfa_setup_required.title': { ja: '二要素認証の設定が必要です。', en: 'You must set up two-factor authentication first.' },
  'mfa_setup_required.meaning': {
    ja: 'このアカウントには二要素認証が必須ですが、まだ設定されていません。',
    en: 'This account must use a second factor and has none yet.',
  },
  'mfa_setup_required.action': { ja: '二要素認証を設定してから操作してください。', en: 'Set up two-factor authentication, then continue.' },
  'mfa_already_enabled.title': { ja: '二要素認証はすでに有効です。', en: 'Two-factor authentication is already on.' },
  'mfa_already_enabled.meaning': {
    ja: '設定済みのため、新しく設定を始めることはできません。',
    en: 'It is set up already, so a new set-up cannot start.',
  },
  'mfa_already_enabled.action': {
    ja: '設定し直す場合は、管理者にリセットを依頼してください。',
    en: 'To set it up again, ask an administrator to reset it.',
  },
  'mfa_not_enabled.title': { ja: '二要素認証は設定されていません。', en: 'Two-factor authentication is not set up.' },
  'mfa_not_enabled.meaning': { ja: '確認コードを照合する設定がありません。', en: 'There is no second factor to check the code against.' },
  'mfa_not_enabled.action': { ja: '二要素認証を設定してください。', en: 'Set up two-factor authentication.' },
  'mfa_setup_not_started.title': { ja: '二要素認証の設定が始まっていません。', en: 'The two-factor set-up has not started.' },
  'mfa_setup_not_started.meaning': { ja: '設定中の秘密鍵がないか、期限が切れています。', en: 'There is no pending secret, or it expired.' },
  'mfa_setup_not_started.action': { ja: '設定を最初からやり直してください。', en: 'Start the set-up again.' },
  'password_changed_concurrently.title': { ja: 'パスワードが同時に変更されました。', en: 'The password was changed at the same time.' },
  'password_changed_concurrently.meaning': {
    ja: '同じアカウントのパスワードが別の操作で先に変更されました。',
    en: 'Another request changed the same password first.',
  },
  'password_changed_concurrently.action': { ja: 'もう一度お試しください。', en: 'Try again.' },
  'not_locked.title': { ja: 'このアカウントはロックされていません。', en: 'This account is not locked.' },
  'not_locked.meaning': { ja: '解除するロックがありません。', en: 'There is no lock to clear.' },
  'not_locked.action': { ja: '操作は不要です。', en: 'Nothing to do.' },
  'cannot_disable_self.title': { ja: '自分のアカウントは無効にできません。', en: 'You cannot disable your own account.' },
  'cannot_disable_self.meaning': {
    ja: '管理者が自分自身を締め出すことを防いでいます。',
    en: 'This keeps an administrator from locking themselves out.',
  },
  'cannot_disable_self.action': { ja: '別の管理者に依頼してください。', en: 'Ask another administrator.' },
  'cannot_revoke_own_admin.title': {
    ja: '自分のシステム管理者権限は外せません。',
    en: 'You cannot revoke your own system administrator role.',
  },
  'cannot_revoke_own_admin.meaning': {
    ja: 'システム管理者がいなくなることを防いでいます。',
    en: 'This keeps the system from being left without an administrator.',
  },
  'cannot_revoke_own_admin.action': { ja: '別のシステム管理者に依頼してください。', en: 'Ask another system administrator.' },
  'slot_full.title': { ja: 'この時間帯は空きがなくなりました。', en: 'This time is no longer available.' },
  'slot_full.meaning': {
    ja: '選んだ時間帯の定員に達したか、受付期間が終わりました。',
    en: 'The chosen time is full or no longer open for booking.',
  },
  'slot_full.action': { ja: '別の時間帯を選んでください。', en: 'Choose another time.' },
  'not_changeable.title': { ja: 'この予約は変更できません。', en: 'This booking cannot be changed.' },
  'not_changeable.meaning': {
    ja: '取り消し済み・来庁済みなど、変更できる状態ではありません。',
    en: 'It is cancelled, already served or otherwise not open to changes.',
  },
  'not_changeable.action': { ja: '新しく予約するか、窓口にお問い合わせください。', en: 'Book again, or contact the office.' },
  'not_cancellable.title': { ja: 'この予約は取り消せません。', en: 'This booking cannot be cancelled.' },
  'not_cancellable.meaning': { ja: 'すでに取り消し済みか、来庁済みです。', en: 'It is already cancelled or already served.' },
  'not_cancellable.action': { ja: '予約の状態を確認してください。', en: "Check the booking's status." },
  'procedure_closed.title': { ja: 'この手続は現在受け付けていません。', en: 'This procedure is not taking applications now.' },
  'procedure_closed.meaning': {
    ja: '受付期間の前か後、または手続が公開されていません。',
    en: 'The application period has not started or has ended, or the procedure is not published.',
  },
  'procedure_closed.action': { ja: '受付期間を確認してください。', en: 'Check the application period.' },
  'alert_closed.title': { ja: 'この警報はすでに終了しています。', en: 'This alert is already closed.' },
  'alert_closed.meaning': {
    ja: '別の管理者が終了したか、すでに終了した警報です。終了した警報は確認・終了できません。',
    en: 'Another administrator closed it, or it was closed before; a closed alert cannot be acknowledged or closed again.',
  },
  'alert_closed.action': {
    ja: '警報の一覧を開き直してください。同じ攻撃が続いていれば新しい警報が出ます。',
    en: 'Reload the alerts list; if the attack goes on, a new alert is raised.',
  },
  'procedure_full.title': { ja: 'この手続は定員に達しました。', en: 'This procedure is full.' },
  'procedure_full.meaning': {
    ja: '受け付けられる申請の数（定員）に達したため、新しい申請を受け付けられません。',
    en: 'It has reached the number of applications it can take (its capacity).',
  },
  'procedure_full.action': { ja: '担当課にお問い合わせください。', en: 'Contact the department in charge.' },
  'procedure_archived.title': { ja: 'この手続は廃止済みです。', en: 'This procedure is archived.' },
  'procedure_archived.meaning': {
    ja: '廃止した手続は変更も公開もできません（これまでの版と申請は残ります）。',
    en: 'An archived procedure can be neither changed nor published (its versions and applications stay).',
  },
  'procedure_archived.action': {
    ja: '同じ内容で受け付けるには、書き出したファイルを新しい手続として取り込んでください。',
    en: 'To take applications again, export it and import the file as a new procedure.',
  },
  'procedure_not_draft.title': { ja: '公開する下書きがありません。', en: 'There is no draft to publish.' },
  'procedure_not_draft.meaning': {
    ja: '最新の版はすでに公開されています。',
    en: 'The newest version is already published.',
  },
  'procedure_not_draft.action': {
    ja: '内容を編集すると次の版の下書きができます。',
    en: 'Editing the procedure starts the next version as a draft.',
  },
  'status_transition.title': { ja: 'この状態には変更できません。', en: 'The status cannot change this way.' },
  'status_transition.meaning': {
    ja: '予約の今の状態から、その状態には移れません（detail に理由）。',
    en: 'The booking cannot move from its current status to that one (`detail` says why).',
  },
  'status_transition.action': { ja: '予約の状態を確認してください。', en: "Check the booking's status." },
  'checkin_other_day.title': { ja: '予約の当日ではないため受付できません。', en: "Check-in is possible only on the booking's day." },
  'checkin_other_day.meaning': {
    ja: '受付（来庁）の記録は予約の当日だけできます。',
    en: 'Arrival can be recorded only on the day of the booking.',
  },
  'checkin_other_day.action': {
    ja: '予約番号と日付を確認してください（detail に予約の日時）。',
    en: "Check the number and the day (`detail` gives the booking's time).",
  },
  'checkin_cancelled.title': { ja: '取り消された予約は受付できません。', en: 'A cancelled booking cannot be checked in.' },
  'checkin_cancelled.meaning': { ja: 'この予約番号の予約は取り消されています。', en: 'The booking with this number was cancelled.' },
  'checkin_cancelled.action': {
    ja: '新しく予約するか、当日の受付で対応してください。',
    en: 'Book again, or serve the person as a walk-in.',
  },
  'no_closure.title': { ja: 'この日は臨時休業として登録されていません。', en: 'This day is not registered as a closure.' },
  'no_closure.meaning': {
    ja: '休業日の予約への連絡・取り消しは、臨時休業を登録した日だけできます。',
    en: 'Closure notices and cancellations apply only to a registered closure day.',
  },
  'no_closure.action': { ja: '先に臨時休業を登録してください。', en: 'Register the closure first.' },
  'line_not_configured.title': { ja: 'LINE連携は設定されていません。', en: 'LINE is not configured.' },
  'line_not_configured.meaning': {
    ja: 'このサーバーでは LINE 公式アカウントとの連携が設定されていません。',
    en: 'This server has no LINE Official Account configured.',
  },
  'line_not_configured.action': { ja: 'ウェブの予約画面をご利用ください。', en: 'Use the web booking pages.' },
  'line_token_invalid.title': { ja: 'LINEでの本人確認ができませんでした。', en: 'Your LINE sign-in could not be confirmed.' },
  'line_token_invalid.meaning': {
    ja: 'LINE から渡された ID トークンを確認できませんでした（期限切れなど）。',
    en: 'The ID token from LINE could not be verified (for example, it expired).',
  },
  'line_token_invalid.action': { ja: 'LINE のトーク画面から開き直してください。', en: 'Open the page again from the LINE chat.' },
  'line_signature_invalid.title': { ja: '署名が正しくありません。', en: 'Invalid signature.' },
  'line_signature_invalid.meaning': {
    ja: 'Webhook の X-Line-Signature が一致しません。',
    en: "The webhook's X-Line-Signature does not match.",
  },
  'line_signature_invalid.action': { ja: 'チャネルシークレットの設定を確認してください。', en: 'Check the channel secret setting.' },
  'not_a_line_booking.title': { ja: 'この予約はLINEからの予約ではありません。', en: 'This booking was not made through LINE.' },
  'not_a_line_booking.meaning': {
    ja: 'LINE でメッセージを送れるのは、LINE から予約された方だけです。',
    en: 'Only people who booked through LINE can be sent a LINE message.',
  },
  'not_a_line_booking.action': { ja: '電話かメールでご連絡ください。', en: 'Contact the person by phone or e-mail.' },
  'line_unfollowed.title': {
    ja: 'この方はLINE公式アカウントの友だちではなくなっています。',
    en: 'This person no longer follows the LINE account.',
  },
  'line_unfollowed.meaning': {
    ja: 'ブロックまたは友だち解除されたため、メッセージを送れません。',
    en: 'They blocked or unfollowed the account, so messages cannot reach them.',
  },
  'line_unfollowed.action': { ja: '電話かメールでご連絡ください。', en: 'Contact the person by phone or e-mail.' },
  'shipping_number_required.title': {
    ja: '交付通知書の発送番号も入力してください。',
    en: 'Enter the shipping number from the letter as well.',
  },
  'shipping_number_required.meaning': {
    ja: '不正なログインの試みが続いているため、追加の確認をお願いしています。',
    en: 'Because of repeated suspicious log-ins, one more check is needed.',
  },
  'shipping_number_required.action': {
    ja: '交付通知書に記載の発送番号を入力してください。',
    en: 'Enter the shipping number printed on the letter.',
  },
  'card_not_bookable.title': { ja: '予約できないカードが含まれています。', en: 'One of the cards cannot be booked here.' },
  'card_not_bookable.meaning': {
    ja: '別の窓口のカード、または受付対象外のカードが含まれています。',
    en: 'A card belongs to another office or is not open for booking.',
  },
  'card_not_bookable.action': {
    ja: 'カードを選び直すか、窓口にお問い合わせください。',
    en: 'Choose the cards again, or contact the office.',
  },
  'already_booked.title': { ja: '既に予約済みのカードが含まれています。', en: 'One of the cards already has a booking.' },
  'already_booked.meaning': { ja: '同じカードに予約は一つだけです。', en: 'A card can have one booking only.' },
  'already_booked.action': {
    ja: '予約を確認するか、取り消してから予約し直してください。',
    en: 'Check that booking, or cancel it and book again.',
  },
  'letters_changed.title': { ja: '対象の通知書が変わりました。', en: 'The letters have changed.' },
  'letters_changed.meaning': {
    ja: '確認してから印刷済みにするまでの間に、対象の通知書が変わりました。',
    en: 'The set of letters changed between preview and marking them sent.',
  },
  'letters_changed.action': { ja: 'もう一度確認してから操作してください。', en: 'Preview them again, then continue.' },
  'demo_local_only.title': {
    ja: 'デモ用メールボックスはこのコンピューターからのみ開けます。',
    en: 'The demo mailbox opens only on this computer.',
  },
  'demo_local_only.meaning': {
    ja: 'デモ用メールボックスは localhost からだけ開けます。',
    en: 'The demo mailbox is served to localhost only.',
  },
  'demo_local_only.action': { ja: 'デモを動かしているコンピューターで開いてください。', en: 'Open it on the computer running the demo.' },
  'payment_unavailable.title': {
    ja: '決済サービスに接続できませんでした。',
    en: 'The payment service could not be reached.',
  },
  'payment_unavailable.meaning': {
    ja: '決済サービスが一時的に応答していません。申請は受け付けられたまま保存されています。',
    en: 'The payment service is not answering for now. The application is kept as it is.',
  },
  'payment_unavailable.action': {
    ja: 'しばらくしてから、もう一度お支払いの手続きをしてください。',
    en: 'Please try paying again in a little while.',
  },
  'not_payable.title': { ja: 'この申請は現在お支払いいただけません。', en: 'This application cannot be paid now.' },
  'not_payable.meaning': {
    ja: '申請がお支払い待ちの状態ではありません（お支払い済み、期限切れ、取下げなど）。',
    en: 'The application is not waiting for payment (already paid, expired, withdrawn and the like).',
  },
  'not_payable.action': { ja: '申請の状況ページで現在の状態を確認してください。', en: 'Check its current state on the status page.' },
  'refund_same_person.title': {
    ja: '返金は依頼した人とは別の決済管理者が承認してください。',
    en: 'Another payment administrator must approve this refund.',
  },
  'refund_same_person.meaning': {
    ja: '返金には二人の確認が必要です。依頼した人は自分の依頼を承認できません。',
    en: 'A refund needs two people: whoever asked for it cannot approve it.',
  },
  'refund_same_person.action': { ja: '別の決済管理者に承認を依頼してください。', en: 'Ask another payment administrator to approve it.' },
  'refund_not_possible.title': { ja: 'この返金はできません。', en: 'This refund is not possible.' },
  'refund_not_possible.meaning': {
    ja: '支払済みでない決済か、返金額が返金できる残額を超えているか、依頼がすでに処理されています。',
    en: 'The payment is not paid, the amount exceeds what is left to refund, or the request was already decided.',
  },
  'refund_not_possible.action': {
    ja: '決済の状態と返金可能額を確認してください。',
    en: 'Check the payment and the amount left to refund.',
  },
  'otp_failed.title': { ja: '確認コードが正しくないか、有効期限が切れています。', en: 'The confirmation code is wrong or has expired.' },
  'otp_failed.meaning': {
    ja: 'メールで届いた確認コードが一致しないか、10分の有効期限を過ぎたか、すでに使われています。5回間違えるとそのコードは使えなくなります。',
    en: 'The code does not match, is older than 10 minutes or was already used. After 5 wrong codes the code stops working.',
  },
  'otp_failed.action': {
    ja: 'メールの確認コードをもう一度入力してください。使えなくなった場合は、IDとパスワードからログインし直してください。',
    en: 'Type the code from the e-mail again. If it no longer works, log in again with your ID and password.',
  },
  'facility_user_limit.title': { ja: 'この施設の利用者はこれ以上登録できません。', en: 'This facility has as many users as it may have.' },
  'facility_user_limit.meaning': {
    ja: '1施設に登録できる利用者は2人までです。',
    en: 'A facility may have at most two users.',
  },
  'facility_user_limit.action': {
    ja: '使わなくなった利用者を無効にしてから登録してください。',
    en: 'Disable a user who no longer needs access, then register the new one.',
  },
  'submission_state.title': { ja: 'この様式は今の状態では変更できません。', en: 'This form cannot be changed in its current state.' },
  'submission_state.meaning': {
    ja: '提出済み・承認済みの様式は変更できません。承認済みの様式は確定しており、変更するには新しい版を作ります。',
    en: 'A submitted or approved form cannot be changed. An approved form is final; a change needs a new version.',
  },
  'submission_state.action': {
    ja: '画面を更新して状態を確認してください。',
    en: 'Reload the page and check the state of the form.',
  },
});

export const errorMessages = defineCatalogue({
  unauthenticated: { ja: 'ログインが必要です。もう一度ログインしてください。', en: 'You need to log in. Please log in again.' },
  csrf: {
    ja: '画面の有効期限が切れました。画面を再読み込みしてからもう一度操作してください。',
    en: 'This page has expired. Reload it and try again.',
  },
  locked: {
    ja: 'ログインの失敗が続いたため、一時的にロックしています。しばらくしてから再度お試しいただくか、管理者に連絡してください。',
    en: 'Too many failed log-ins: the account is locked for a while. Try again later or contact an administrator.',
  },
  tooManyRequests: {
    ja: 'アクセスが集中しています。{seconds}秒ほど待ってから再度お試しください。',
    en: 'Too many requests. Please try again in about {seconds} seconds.',
  },
  busy: {
    ja: 'ただいま大変混み合っています。{seconds}秒ほど待ってから再度お試しください。',
    en: 'We are very busy right now. Please try again in about {seconds} seconds.',
  },
  unavailable: {
    ja: 'ただいま一時的にご利用いただけません。{seconds}秒ほど待ってから、もう一度お試しください。',
    en: 'The service is briefly unavailable. Please try again in about {seconds} seconds.',
  },
  internalError: {
    ja: 'システムで問題が発生しました。時間をおいて再度お試しください。',
    en: 'Something went wrong on our side. Please try again later.',
  },
  /** Answered on the raw socket when the request line or headers cannot be parsed (Japanese only: no language to read). */
  headersTooLarge: { ja: 'リクエストのヘッダーが大きすぎます。', en: 'The request headers are too large.' },
  nulCharacter: {
    ja: '使用できない制御文字（NUL）が含まれています。取り除いてから送信してください。',
    en: 'This contains a control character (NUL) that cannot be used. Remove it and send again.',
  },
});
