/**
 * Why a signed exchange file (the bundle, the booking file, the progress file) was refused, for the
 * operator who chose it: ExchangeFileError carries these as `Text` (`exchangeFileMessages.text(…)`)
 * and the screen or CLI picks the language. Every refusal ends in "nothing was changed".
 */
import { defineCatalogue } from '../../../platform/i18n.js';

export const exchangeFileMessages = defineCatalogue({
  // exchange-file.ts: the envelope, the signature and the parts
  notExchangeFile: {
    ja: 'ファイルが交換ファイルの形式ではないか、途中で切れています（破損または不完全なファイル）。',
    en: 'The file is not an exchange file or is cut short (damaged or incomplete file).',
  },
  foreignKey: {
    ja: 'このファイルは信頼していない鍵（{keyId}）で署名されています。相手ゾーンの公開鍵の設定を確認してください。何も変更していません。',
    en: "The file is signed with a key this zone does not trust ({keyId}). Check the peer zone's public key. Nothing was changed.",
  },
  /** Stands in for {keyId} above when the file names no key. */
  unknownKey: { ja: '不明', en: 'unknown' },
  badSignature: {
    ja: '署名が一致しません。ファイルが改ざんされている可能性があります。何も変更していません。',
    en: 'The signature does not match: the file may have been altered. Nothing was changed.',
  },
  wrongKind: {
    ja: 'このファイルは「{kind}」です。「{expected}」のファイルを選んでください。',
    en: 'This file is a "{kind}"; a "{expected}" file is expected.',
  },
  partMismatch: {
    ja: '「{part}」の内容が署名された件数・ハッシュと一致しません（改ざんまたは欠落）。何も変更していません。',
    en: 'Part "{part}" does not match the signed count and hash (altered or missing rows). Nothing was changed.',
  },
  unsignedPart: {
    ja: '署名されていないデータが含まれています。何も変更していません。',
    en: 'The file holds data that is not covered by the signature. Nothing was changed.',
  },
  replayedFile: {
    ja: 'このファイルは既に取り込まれています（再取込はできません）。何も変更していません。',
    en: 'This file has already been imported (replay refused). Nothing was changed.',
  },
  replayedSequence: {
    ja: 'このファイルの通番は取込済みのファイル以前のものです（古いファイルの再投入）。何も変更していません。',
    en: 'This file is older than one already imported (sequence number not increasing). Nothing was changed.',
  },

  // field-seal.ts: the personal fields sealed for the internal zone
  notSealed: {
    ja: 'このファイルの個人情報（メールアドレス・メモ）が庁内ゾーン向けに暗号化されていません（古い版の予約サイトで作成されたファイル）。予約サイトを更新してから出力し直してください。何も変更していません。',
    en: 'The personal fields (e-mail, memo) of this file are not encrypted for the internal zone (written by an older booking site). Update the booking site and export again. Nothing was changed.',
  },
  fieldsNotSealed: {
    ja: 'このファイルでは項目（{fields}）が暗号化されていません。予約サイトを更新してから出力し直してください。何も変更していません。',
    en: 'Field(s) {fields} of this file are not encrypted. Update the booking site and export again. Nothing was changed.',
  },
  /** Joins the field names of fieldsNotSealed. */
  fieldSeparator: { ja: '、', en: ', ' },
  sealedForOtherKey: {
    ja: 'このファイルは、この庁内ゾーンが持たない鍵（{keyId}）宛てに暗号化されています。予約サイトの MADOGUCHI_CARD_PEER_FILE_PUBLIC_KEY が庁内ゾーンの MADOGUCHI_CARD_FILE_KEY と対になっているか確認してください。何も変更していません。',
    en: "This file is encrypted for a key this internal zone does not hold ({keyId}). Check that the booking site's MADOGUCHI_CARD_PEER_FILE_PUBLIC_KEY is the public half of this zone's MADOGUCHI_CARD_FILE_KEY. Nothing was changed.",
  },
  sealKeyDamaged: {
    ja: '暗号化の鍵情報が壊れています（改ざんまたは破損）。何も変更していません。',
    en: 'The encryption key data of the file is damaged (altered or corrupt). Nothing was changed.',
  },
  rowNotOpened: {
    ja: '予約データの行 {row} の「{field}」を復号できません（改ざん、行の間での入れ替え、または別の鍵で暗号化されたファイル）。何も変更していません。',
    en: 'Booking row {row}: "{field}" cannot be decrypted (altered, moved between rows, or encrypted for another key). Nothing was changed.',
  },

  // internet/import-bundle.ts: the bundle's contents
  unknownDepartment: {
    ja: '所属「{department}」がこのサイトにありません。何も変更していません。',
    en: 'Department "{department}" does not exist on this site. Nothing was changed.',
  },
  badCardRow: {
    ja: 'カードデータの行 {row} の形式が正しくありません。何も変更していません。',
    en: 'Card row {row} is malformed. Nothing was changed.',
  },
  badOffice: {
    ja: '窓口の連絡先またはパスワード方式の形式が正しくありません。何も変更していません。',
    en: "The office's contact or password policy is malformed. Nothing was changed.",
  },
});
