/**
 * What a citizen or API client reads when an attachment is refused, and the texts of the staff
 * download. Field-level, polite, saying what to do; both languages (the edge shows the reader's).
 */
import { defineCatalogue } from '../../../platform/i18n.js';

export const attachmentMessages = defineCatalogue({
  kindNotAllowed: {
    ja: 'このファイルの形式は受け付けていません。PDF、JPEG（.jpg）、PNG のいずれかのファイルを添付してください。',
    en: 'This kind of file is not accepted. Attach a PDF, JPEG (.jpg) or PNG file.',
  },
  kindNotAllowedForField: {
    ja: 'この項目には {kinds} のファイルを添付してください。',
    en: 'Attach a file of this kind here: {kinds}.',
  },
  heicRefused: {
    ja: 'HEIC 形式（iPhone の写真の標準形式）は受け付けていません。JPEG（.jpg）で保存し直すか、写真を選ぶ画面で「互換性優先」の形式で添付してください。',
    en: 'HEIC photos (the iPhone default) are not accepted. Save the photo as JPEG (.jpg), or set the camera format to "Most Compatible", and attach it again.',
  },
  empty: { ja: 'ファイルが空です。ファイルを選び直してください。', en: 'The file is empty. Choose the file again.' },
  tooLarge: {
    ja: 'ファイルが大きすぎます。{size} 以下のファイルを添付してください。',
    en: 'The file is too large. Attach a file of at most {size}.',
  },
  damaged: {
    ja: 'ファイルが壊れているため読み取れません。元のファイルを保存し直してから添付してください。',
    en: 'The file is damaged and cannot be read. Save the original again and attach it.',
  },
  pdfActive: {
    ja: 'この PDF には実行される内容（JavaScript、埋め込みファイル、外部プログラムの起動など）が含まれているため受け付けられません。印刷機能で PDF に保存し直してから添付してください。',
    en: 'This PDF contains active content (JavaScript, embedded files, launch actions) and cannot be accepted. Print it to a new PDF and attach that.',
  },
  pdfEncrypted: {
    ja: 'パスワードや暗号化のかかった PDF は受け付けていません。保護を解除してから添付してください。',
    en: 'Password-protected or encrypted PDFs are not accepted. Remove the protection and attach it again.',
  },
  virusFound: {
    ja: 'このファイルからウイルスが検出されたため、受け付けられません。お使いの機器を確認してください。',
    en: 'A virus was found in this file, so it cannot be accepted. Please check your device.',
  },
  scanUnavailable: {
    ja: '現在ファイルのウイルス検査ができないため、受け付けられません。しばらくしてから、もう一度お試しください。',
    en: 'Files cannot be virus-checked right now, so the file was not accepted. Please try again later.',
  },
  notMultipart: {
    ja: 'ファイルは multipart/form-data の「file」という名前の部分で送ってください。',
    en: 'Send the file as multipart/form-data in a part named "file".',
  },
  noFile: { ja: 'ファイルを選んでください。', en: 'Choose a file.' },
  notClaimable: {
    ja: '添付ファイルが見つかりません（有効期限切れの可能性があります）。もう一度添付してください。',
    en: 'The attached file was not found (it may have expired). Attach it again.',
  },
  'kind.pdf': { ja: 'PDF', en: 'PDF' },
  'kind.jpeg': { ja: 'JPEG（.jpg）', en: 'JPEG (.jpg)' },
  'kind.png': { ja: 'PNG', en: 'PNG' },
  'kind.heic': { ja: 'HEIC', en: 'HEIC' },
  listSeparator: { ja: '、', en: ', ' },
});
