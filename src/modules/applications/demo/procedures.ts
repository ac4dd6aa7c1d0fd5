/**
 * The demo's procedures, as staff would build them on the procedure screens (and as a city could
 * import them from a shared JSON file). Four departments' kinds of procedure: a fee per copy paid at
 * submission with an identity document, a free course with seats, a free water service request,
 * and a fee paid after the office has accepted the application (事後決済).
 */
import type { ProcedureDefinition } from '../procedures/definition.js';

export type DemoProcedure = { key: string; department: string; definition: ProcedureDefinition };

const applicant = (nameHelp?: string) =>
  [
    // i18n-exempt: demo data (a procedure's stored field labels, written by staff)
    {
      key: 'name',
      label: { ja: '氏名', en: 'Full name' },
      type: 'text',
      required: true,
      privacy: 'personal',
      validation: { maxLength: 60 },
      ...(nameHelp ? { help: { ja: nameHelp } } : {}),
    },
    // i18n-exempt: demo data
    {
      key: 'name_kana',
      label: { ja: 'フリガナ', en: 'Name in katakana' },
      type: 'kana',
      required: true,
      privacy: 'personal',
      validation: { maxLength: 60 },
    },
  ] as const;

const contact = [
  // i18n-exempt: demo data
  {
    key: 'phone',
    label: { ja: '日中に連絡がつく電話番号', en: 'Daytime phone number' },
    type: 'phone',
    required: true,
    privacy: 'personal',
    validation: {},
  },
  // i18n-exempt: demo data
  {
    key: 'email',
    label: { ja: 'メールアドレス', en: 'E-mail address' },
    type: 'email',
    required: true,
    privacy: 'personal',
    validation: {},
    help: { ja: '受付のお知らせと審査結果をお送りします。', en: 'We send the receipt and the result here.' },
  },
] as const;

const address = [
  // i18n-exempt: demo data
  {
    key: 'postal_code',
    label: { ja: '郵便番号', en: 'Postal code' },
    type: 'postalCode',
    required: true,
    privacy: 'personal',
    validation: {},
    addressField: 'address',
  },
  // i18n-exempt: demo data
  {
    key: 'address',
    label: { ja: '住所', en: 'Address' },
    type: 'text',
    required: true,
    privacy: 'personal',
    validation: { maxLength: 200 },
  },
] as const;

// i18n-exempt: demo data (procedures as staff write them; stored, not UI text)
export const DEMO_PROCEDURES: DemoProcedure[] = [
  {
    key: 'juminhyo-mail',
    department: 'shimin',
    definition: {
      format: 'madoguchi.procedure/1',
      title: { ja: '住民票の写し等の郵送請求', en: 'Certificate of residence by post' },
      description: {
        ja: '住民票の写しを郵送で請求できます。手数料は1通300円で、申請の最後にクレジットカード・Apple Pay・PayPayでお支払いいただきます。お支払いの確認後、住民登録の住所へ郵送します。',
        en: 'Request a copy of your certificate of residence by post. The fee is 300 yen per copy, paid online at the end of the application. We post it to your registered address once the payment is confirmed.',
      },
      eligibility: {
        ja: 'ご本人または同じ世帯の方が請求できます。本人確認書類の画像が必要です。',
        en: 'You or a member of your household may apply. A photo of an identity document is required.',
      },
      steps: [
        {
          title: { ja: '請求する方', en: 'Applicant' },
          fields: [
            ...applicant(),
            {
              key: 'birth_date',
              label: { ja: '生年月日', en: 'Date of birth' },
              type: 'date',
              required: true,
              privacy: 'personal',
              validation: { maxDate: 'today' },
              dateStyle: 'wareki',
            },
            ...address,
            ...contact,
          ],
        },
        {
          title: { ja: '請求の内容', en: 'What you need' },
          fields: [
            {
              key: 'subject',
              label: { ja: '必要な方', en: 'Whose certificate' },
              type: 'choice',
              required: true,
              privacy: 'none',
              validation: {},
              display: 'radio',
              options: [
                { value: 'self', label: { ja: '本人のみ', en: 'Mine only' } },
                { value: 'household', label: { ja: '世帯全員', en: 'Whole household' } },
              ],
            },
            {
              key: 'copies',
              label: { ja: '通数', en: 'Number of copies' },
              type: 'number',
              required: true,
              privacy: 'none',
              validation: { min: 1, max: 10, integer: true },
            },
            {
              key: 'items',
              label: { ja: '記載する項目', en: 'Items to show' },
              type: 'choice',
              required: false,
              privacy: 'none',
              validation: {},
              display: 'checkboxes',
              options: [
                { value: 'relation', label: { ja: '世帯主・続柄', en: 'Head of household and relationship' } },
                { value: 'honseki', label: { ja: '本籍・筆頭者', en: 'Registered domicile' } },
              ],
            },
            {
              key: 'purpose',
              label: { ja: '使いみち', en: 'Purpose' },
              type: 'choice',
              required: true,
              privacy: 'none',
              validation: {},
              display: 'select',
              options: [
                { value: 'pension', label: { ja: '年金', en: 'Pension' } },
                { value: 'license', label: { ja: '運転免許', en: "Driver's licence" } },
                { value: 'job', label: { ja: '就職', en: 'Employment' } },
                { value: 'other', label: { ja: 'その他', en: 'Other' } },
              ],
            },
            {
              key: 'purpose_other',
              label: { ja: 'その他の使いみち', en: 'Other purpose' },
              type: 'text',
              required: true,
              privacy: 'none',
              validation: { maxLength: 100 },
              showIf: { field: 'purpose', equals: ['other'] },
            },
          ],
        },
        {
          title: { ja: '本人確認書類', en: 'Identity document' },
          fields: [
            {
              key: 'id_kind',
              label: { ja: '本人確認書類の種類', en: 'Kind of document' },
              type: 'choice',
              required: true,
              privacy: 'personal', // the kind only; the image is the identity document
              validation: {},
              display: 'radio',
              options: [
                { value: 'license', label: { ja: '運転免許証', en: "Driver's licence" } },
                { value: 'mynumber', label: { ja: 'マイナンバーカード（表面のみ）', en: 'My Number card (front only)' } },
                { value: 'passport', label: { ja: 'パスポート', en: 'Passport' } },
              ],
            },
            {
              key: 'id_image',
              label: { ja: '本人確認書類の画像', en: 'Photo of the document' },
              help: {
                ja: 'JPEG・PNG・PDF、10MBまで。マイナンバーカードは裏面（個人番号）を写さないでください。',
                en: 'JPEG, PNG or PDF up to 10 MB. Do not photograph the back of a My Number card.',
              },
              type: 'file',
              required: true,
              privacy: 'identity_document',
              validation: { fileKinds: ['jpeg', 'png', 'pdf'] },
            },
          ],
        },
      ],
      contactEmailField: 'email',
      applicantNameField: 'name',
      retentionDays: 365 * 3,
      identityDocuments: { required: true, kinds: ['driver_license', 'my_number_card', 'passport'] },
      collectsMyNumber: false,
      fee: { kind: 'per_unit', unitPrice: 300, quantityField: 'copies', unitLabel: { ja: '通', en: 'copies' }, timing: 'on_submission' },
      revenueAccountCode: '14-01-01 戸籍住民基本台帳手数料',
    },
  },
  {
    key: 'koseki-mail',
    department: 'shimin',
    definition: {
      format: 'madoguchi.procedure/1',
      title: { ja: '戸籍証明書の郵送請求（確認後のお支払い）', en: 'Family register certificate by post (pay after checking)' },
      description: {
        ja: '本籍が本市にあるか確認したうえで、手数料（1通450円）のお支払いをご案内します。お支払いの確認後に郵送します。',
        en: 'We first check that the register is held by this city, then ask you to pay the fee (450 yen per copy). We post it once paid.',
      },
      eligibility: { ja: '本人、配偶者、直系の親族の方が請求できます。', en: 'You, your spouse or a direct relative may apply.' },
      steps: [
        { title: { ja: '請求する方', en: 'Applicant' }, fields: [...applicant(), ...address, ...contact] },
        {
          title: { ja: '請求の内容', en: 'What you need' },
          fields: [
            {
              key: 'honseki',
              label: { ja: '本籍地', en: 'Registered domicile' },
              type: 'text',
              required: true,
              privacy: 'personal',
              validation: { maxLength: 200 },
            },
            {
              key: 'hittousha',
              label: { ja: '筆頭者の氏名', en: 'Head of the register' },
              type: 'text',
              required: true,
              privacy: 'personal',
              validation: { maxLength: 60 },
            },
            {
              key: 'copies',
              label: { ja: '通数', en: 'Number of copies' },
              type: 'number',
              required: true,
              privacy: 'none',
              validation: { min: 1, max: 5, integer: true },
            },
          ],
        },
      ],
      contactEmailField: 'email',
      applicantNameField: 'name',
      retentionDays: 365 * 3,
      identityDocuments: { required: false, kinds: [] },
      collectsMyNumber: false,
      fee: { kind: 'per_unit', unitPrice: 450, quantityField: 'copies', unitLabel: { ja: '通', en: 'copies' }, timing: 'after_acceptance' },
      revenueAccountCode: '14-01-01 戸籍住民基本台帳手数料',
    },
  },
  {
    key: 'sogyo-seminar',
    department: 'shoukou',
    definition: {
      format: 'madoguchi.procedure/1',
      title: { ja: '創業セミナー（全4回）の参加申込', en: 'Start-up seminar (4 sessions): registration' },
      description: {
        ja: '市内で創業を考えている方向けの無料セミナーです。定員20名、先着順。託児があります（要予約）。',
        en: 'A free seminar for people planning to start a business in the city. 20 seats, first come first served. Childcare available on request.',
      },
      eligibility: { ja: '市内在住・在勤・在学の方', en: 'People who live, work or study in the city' },
      capacity: 20,
      steps: [
        {
          title: { ja: '参加される方', en: 'Participant' },
          fields: [
            ...applicant(),
            ...contact,
            {
              key: 'stage',
              label: { ja: '創業の状況', en: 'Where you are' },
              type: 'choice',
              required: true,
              privacy: 'none',
              validation: {},
              display: 'radio',
              options: [
                { value: 'idea', label: { ja: '構想中', en: 'Idea' } },
                { value: 'preparing', label: { ja: '準備中', en: 'Preparing' } },
                { value: 'started', label: { ja: '創業後5年以内', en: 'Started within 5 years' } },
              ],
            },
            {
              key: 'childcare',
              label: { ja: '託児', en: 'Childcare' },
              type: 'choice',
              required: true,
              privacy: 'none',
              validation: {},
              display: 'radio',
              options: [
                { value: 'no', label: { ja: '希望しない', en: 'Not needed' } },
                { value: 'yes', label: { ja: '希望する', en: 'Needed' } },
              ],
            },
            {
              key: 'child_age',
              label: { ja: 'お子さんの年齢', en: "Child's age" },
              type: 'number',
              required: true,
              privacy: 'personal',
              validation: { min: 0, max: 6, integer: true },
              showIf: { field: 'childcare', equals: ['yes'] },
            },
            {
              key: 'motivation',
              label: { ja: '参加の動機（任意）', en: 'Why you are joining (optional)' },
              type: 'longText',
              required: false,
              privacy: 'none',
              validation: { maxLength: 1000 },
            },
          ],
        },
      ],
      contactEmailField: 'email',
      applicantNameField: 'name',
      retentionDays: 365,
      identityDocuments: { required: false, kinds: [] },
      collectsMyNumber: false,
      fee: null,
    },
  },
  {
    key: 'water-start-stop',
    department: 'suido',
    definition: {
      format: 'madoguchi.procedure/1',
      title: { ja: '水道の使用開始・中止（開栓・閉栓）', en: 'Starting or stopping the water supply' },
      description: {
        ja: '引っ越しなどで水道の使用を始めるとき・やめるときに、3営業日前までにお申し込みください。',
        en: 'Apply at least three working days before you move in or out.',
      },
      eligibility: { ja: '水道を使用する方、またはその代理の方', en: 'The water user or someone acting for them' },
      steps: [
        {
          title: { ja: '手続の内容', en: 'Request' },
          fields: [
            {
              key: 'kind',
              label: { ja: '手続', en: 'Request' },
              type: 'choice',
              required: true,
              privacy: 'none',
              validation: {},
              display: 'radio',
              options: [
                { value: 'start', label: { ja: '使用開始（開栓）', en: 'Start' } },
                { value: 'stop', label: { ja: '使用中止（閉栓）', en: 'Stop' } },
              ],
            },
            {
              key: 'date',
              label: { ja: '希望日', en: 'Date' },
              type: 'date',
              required: true,
              privacy: 'none',
              validation: { minDate: 'today' },
              dateStyle: 'seireki',
            },
            ...address,
            {
              key: 'customer_number',
              label: { ja: 'お客さま番号（検針票に記載、任意）', en: 'Customer number (optional)' },
              type: 'text',
              required: false,
              privacy: 'personal',
              validation: {
                pattern: '^[0-9]{10}$',
                patternMessage: { ja: 'お客さま番号は10桁の数字で入力してください。', en: 'Enter the 10-digit customer number.' },
              },
            },
            {
              key: 'settlement',
              label: { ja: '最終料金の精算方法', en: 'Final bill' },
              type: 'choice',
              required: true,
              privacy: 'none',
              validation: {},
              display: 'radio',
              options: [
                { value: 'account', label: { ja: '口座振替', en: 'Direct debit' } },
                { value: 'slip', label: { ja: '納付書', en: 'Payment slip' } },
              ],
              showIf: { field: 'kind', equals: ['stop'] },
            },
          ],
        },
        { title: { ja: '申込者', en: 'Applicant' }, fields: [...applicant(), ...contact] },
      ],
      contactEmailField: 'email',
      applicantNameField: 'name',
      retentionDays: 365 * 5,
      identityDocuments: { required: false, kinds: [] },
      collectsMyNumber: false,
      fee: null,
    },
  },
];
