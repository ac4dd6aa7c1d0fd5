/**
 * The shared validation messages: what a form or API field error says when a schema gives no message
 * of its own. Field errors carry both languages (`Text`); the edge (error handler, page renderer)
 * shows the reader's.
 */
import { defineCatalogue } from '../platform/i18n.js';

export const validationMessages = defineCatalogue({
  required: { ja: '入力してください。', en: 'This is required.' },
  wrongType: { ja: '形式が正しくありません。', en: 'This has the wrong type.' },
  tooShort: { ja: '{min}文字以上で入力してください。', en: 'Enter at least {min} characters.' },
  tooFewChoices: { ja: '{min}件以上選んでください。', en: 'Choose at least {min}.' },
  tooSmall: { ja: '{min}以上の値にしてください。', en: 'Must be at least {min}.' },
  tooLong: { ja: '{max}文字以内で入力してください。', en: 'Enter at most {max} characters.' },
  tooManyChoices: { ja: '{max}件以内にしてください。', en: 'Choose at most {max}.' },
  tooBig: { ja: '{max}以下の値にしてください。', en: 'Must be at most {max}.' },
  invalidEmail: { ja: 'メールアドレスの形式で入力してください。', en: 'Enter an e-mail address.' },
  invalidUuid: { ja: 'IDの形式で入力してください。', en: 'Enter an id.' },
  invalidDate: { ja: '日付（YYYY-MM-DD）の形式で入力してください。', en: 'Enter a date (YYYY-MM-DD).' },
  invalidDateTime: { ja: '日時の形式で入力してください。', en: 'Enter a date and time.' },
  invalidUrl: { ja: 'URLの形式で入力してください。', en: 'Enter a URL.' },
  invalidPhone: { ja: '電話番号の形式で入力してください（例: 090-1234-5678）。', en: 'Enter a phone number (e.g. 090-1234-5678).' },
  invalidFormat: { ja: '形式が正しくありません。', en: 'The format is not valid.' },
  chooseOption: { ja: '選択肢から選んでください。', en: 'Choose one of the options.' },
  unknownFields: { ja: '受け付けない項目があります: {keys}', en: 'Unknown fields: {keys}' },
  invalid: { ja: '入力内容が正しくありません。', en: 'This value is not valid.' },
});
