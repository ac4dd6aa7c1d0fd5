/**
 * The printed forms (A4, pdfkit, Noto Sans CJK as the receipts and the card letters use), one renderer
 * per form kind, laid out as a city's form: 様式番号 top left, the date in 和暦 top right, the title and
 * period, the addressee (「市長 様」: the configuration holds no city name), the facility block beside a
 * 印 box, the body as ruled tables (a table that runs over a page repeats its header row), 合計 in bold,
 * a visible 「見本単価による試算」 when the price table is the sample, and on every page the version, the
 * approval date and the page number. Always in Japanese: the form goes to the city's records.
 * Pure rendering: the content comes in decrypted; who may print is decided by print-submission.ts.
 */
import { describeItemValue } from '../items/describe-item-value.js';
import fs from 'node:fs';
import { loadPdfKit } from '../../../platform/pdfkit.js';
import { formatWareki } from '../../../web/components/index.js';
import { jstDate } from '../../../platform/japan-time.js';
import { codeLabel } from '../shared/labels.messages.js';
import {
  CHILD_CLASSES,
  type AdditionContent,
  type FormStaffLine,
  type MonthlyClaimContent,
  type ShoguContent,
  type SubmissionContent,
  type SubmissionStatus,
} from '../shared/types.js';
import { reviewMessages } from './review.messages.js';

const MM = 72 / 25.4;
const FONT_DIR = '/usr/share/fonts/opentype/noto';
const REGULAR = { path: `${FONT_DIR}/NotoSansCJK-Regular.ttc`, name: 'NotoSansCJKjp-Regular' };
const BOLD = { path: `${FONT_DIR}/NotoSansCJK-Bold.ttc`, name: 'NotoSansCJKjp-Bold' };
const MARGIN = 15 * MM;
const FOOTER = 10 * MM;
const t = reviewMessages.in('ja');

export type PdfMeta = { version: number; status: SubmissionStatus; approvedAt: Date | null; printedAt: Date };

type Doc = PDFKit.PDFDocument;
type Align = 'left' | 'right' | 'center';
type Col = { label: string; width: number; align?: Align };
type Row = { cells: string[]; bold?: boolean };

const yen = (n: number | null | undefined) => (n ?? 0).toLocaleString('ja-JP');
const num = (n: number | null | undefined, digits = 2) =>
  n === null || n === undefined ? '' : n.toLocaleString('ja-JP', { maximumFractionDigits: digits });
/** 区分①② rates are percent points (the price table's unit), e.g. 12 → 12%. */
const percent = (r: number) => `${num(r, 2)}%`;
/** basePayShare is a ratio (improvement into base pay ÷ 区分②③), e.g. 0.625 → 62.5%. */
const share = (r: number) => `${num(r * 100, 1)}%`;
const wareki = (d: string | Date) => formatWareki(d, 'ja') ?? (typeof d === 'string' ? d : jstDate(d));

/** 令和8年11月分 (monthly) or 令和8年度 (fiscal year). */
export function periodText(period: string): string {
  if (/^\d{4}$/.test(period)) return t('pdf.fiscalYear', { era: wareki(`${period}-04-01`).replace(/\d+月\d+日$/, '') });
  return t('pdf.month', { month: wareki(`${period}-01`).replace(/\d+日$/, '') });
}

class FormWriter {
  readonly left = MARGIN;
  width: number;
  constructor(readonly doc: Doc) {
    this.width = doc.page.width - 2 * MARGIN;
  }
  get bottom() {
    return this.doc.page.height - MARGIN - FOOTER;
  }
  font(bold = false, size = 9) {
    this.doc.font(bold ? 'jpb' : 'jp').fontSize(size);
    return this.doc;
  }
  /** Room for `h` points below the cursor, else a new page. */
  ensure(h: number) {
    if (this.doc.y + h > this.bottom) {
      this.doc.addPage();
      this.doc.y = MARGIN;
    }
  }
  heading(text: string) {
    this.ensure(50);
    this.doc.moveDown(0.4);
    this.font(true, 11).text(text, this.left, this.doc.y, { width: this.width });
    this.doc.moveDown(0.2);
  }
  paragraph(text: string, size = 9) {
    this.ensure(20);
    this.font(false, size).text(text, this.left, this.doc.y, { width: this.width });
  }
  /** A framed note (the sample price table, an unapproved copy). */
  note(text: string, colour: string) {
    this.ensure(30);
    const y = this.doc.y;
    this.font(true, 11);
    const h = this.doc.heightOfString(text, { width: this.width - 12 }) + 10;
    this.doc.save().lineWidth(1.5).rect(this.left, y, this.width, h).stroke(colour).restore();
    this.doc
      .fillColor(colour)
      .text(text, this.left + 6, y + 5, { width: this.width - 12 })
      .fillColor('black');
    this.doc.y = y + h + 6;
  }

  private rowHeight(cols: Col[], cells: string[], bold: boolean) {
    this.font(bold);
    return Math.max(14, ...cells.map((c, i) => this.doc.heightOfString(c || ' ', { width: (cols[i]?.width ?? 50) - 6 }) + 6));
  }
  private drawRow(cols: Col[], cells: string[], y: number, o: { bold?: boolean; header?: boolean }) {
    const h = this.rowHeight(cols, cells, !!(o.bold || o.header));
    let x = this.left;
    cols.forEach((col, i) => {
      if (o.header) this.doc.save().rect(x, y, col.width, h).fill('#e8e8e8').restore();
      this.doc.save().lineWidth(0.6).rect(x, y, col.width, h).stroke('black').restore();
      this.font(!!(o.bold || o.header)).text(cells[i] ?? '', x + 3, y + 3, {
        width: col.width - 6,
        align: o.header ? 'center' : (col.align ?? 'left'),
      });
      x += col.width;
    });
    return h;
  }
  /** A ruled table; its header row is drawn again at the top of every page it runs onto. */
  table(cols: Col[], rows: Row[]) {
    const scale = this.width / cols.reduce((s, c) => s + c.width, 0);
    const fitted = cols.map((c) => ({ ...c, width: c.width * scale }));
    const header = fitted.map((c) => c.label);
    this.ensure(this.rowHeight(fitted, header, true) + 16);
    let y = this.doc.y;
    y += this.drawRow(fitted, header, y, { header: true });
    for (const row of rows) {
      const h = this.rowHeight(fitted, row.cells, !!row.bold);
      if (y + h > this.bottom) {
        this.doc.addPage();
        y = MARGIN;
        y += this.drawRow(fitted, header, y, { header: true });
      }
      y += this.drawRow(fitted, row.cells, y, { bold: row.bold });
    }
    this.doc.x = this.left;
    this.doc.y = y + 6;
  }
}

function header(w: FormWriter, content: SubmissionContent, meta: PdfMeta) {
  const { doc } = w;
  const dated = meta.approvedAt ?? meta.printedAt;
  w.font(false, 9).text(t(`pdf.formNumber.${content.form}`), w.left, MARGIN, { width: w.width / 2 });
  w.font(false, 9).text(wareki(dated), w.left + w.width / 2, MARGIN, { width: w.width / 2, align: 'right' });
  doc.y = MARGIN + 8 * MM;
  w.font(true, 16).text(t(`pdf.title.${content.form}`), w.left, doc.y, { width: w.width, align: 'center' });
  w.font(false, 11).text(periodText(content.period), w.left, doc.y + 2, { width: w.width, align: 'center' });
  doc.moveDown(0.8);
  w.font(false, 12).text(t('pdf.addressee'), w.left, doc.y, { width: w.width });
  doc.moveDown(0.4);
  w.font(false, 9).text(t(`pdf.lead.${content.form}`), w.left, doc.y, { width: w.width });
  doc.moveDown(0.5);
  // the facility block on the left, the seal box on the right
  const f = content.facility;
  const top = doc.y;
  const seal = 22 * MM;
  const blockWidth = w.width - seal - 6 * MM;
  const rows: [string, string][] = [
    [t('pdf.facilityCode'), f.code],
    [t('pdf.facilityName'), f.name],
    [t('pdf.facilityType'), codeLabel('type', f.type, 'ja')],
    [t('pdf.operator'), f.operatorName],
    [t('pdf.address'), f.address],
    [t('pdf.capacity'), t('pdf.capacityValue', { c1: f.capacity1, c23: f.capacity23 })],
    [t('pdf.region'), codeLabel('region', f.regionPercent, 'ja')],
  ];
  const saved = w.width;
  w.width = blockWidth;
  w.table(
    [
      { label: t('pdf.item'), width: 30 },
      { label: t('pdf.content'), width: 70 },
    ],
    rows.map(([a, b]) => ({ cells: [a, b] })),
  );
  w.width = saved;
  const after = doc.y;
  const sx = w.left + w.width - seal;
  w.font(false, 8).text(t('pdf.sealCaption'), sx, top, { width: seal, align: 'center' });
  doc
    .save()
    .lineWidth(0.8)
    .rect(sx, top + 12, seal, seal)
    .stroke('black')
    .restore();
  doc.fillColor('#999999');
  w.font(false, 14).text(t('pdf.seal'), sx, top + 12 + seal / 2 - 9, { width: seal, align: 'center' });
  doc.fillColor('black');
  doc.x = w.left;
  doc.y = Math.max(after, top + 12 + seal + 4);
  if (meta.status !== 'approved') w.note(t(meta.status === 'superseded' ? 'pdf.supersededCopy' : 'pdf.unapprovedCopy'), '#b00000');
}

const classLabel = (k: { certClass: number; ageBand: string; need: string }) =>
  `${codeLabel('cert', k.certClass, 'ja')} ${codeLabel('age', k.ageBand, 'ja')} ${codeLabel('need', k.need, 'ja')}`;

function monthly(w: FormWriter, c: MonthlyClaimContent) {
  const calc = c.calculation;
  if (calc.priceTable.isSample) w.note(t('pdf.sampleNote', { label: calc.priceTable.label }), '#b00000');
  w.heading(t('pdf.section.amounts'));
  const lines = calc.lines.length
    ? calc.lines
    : CHILD_CLASSES.map((k) => ({
        ...k,
        count: c.counts.find((x) => x.certClass === k.certClass && x.ageBand === k.ageBand && x.need === k.need)?.count ?? 0,
        basic: 0,
        additions: [],
        deductions: [],
        unitPrice: 0,
        amount: 0,
      }));
  const sum = (xs: { perChild: number }[]) => xs.reduce((s, x) => s + x.perChild, 0);
  const children = lines.reduce((s, l) => s + l.count, 0);
  const subtotal = lines.reduce((s, l) => s + l.amount, 0);
  w.table(
    [
      { label: t('pdf.col.class'), width: 172 },
      { label: t('pdf.col.count'), width: 40, align: 'right' },
      { label: t('pdf.col.basic'), width: 58, align: 'right' },
      { label: t('pdf.col.additions'), width: 50, align: 'right' },
      { label: t('pdf.col.deductions'), width: 45, align: 'right' },
      { label: t('pdf.col.unitPrice'), width: 58, align: 'right' },
      { label: t('pdf.col.amount'), width: 87, align: 'right' },
    ],
    [
      ...lines.map((l) => ({
        cells: [classLabel(l), yen(l.count), yen(l.basic), yen(sum(l.additions)), yen(sum(l.deductions)), yen(l.unitPrice), yen(l.amount)],
      })),
      { cells: [t('pdf.subtotal'), yen(children), '', '', '', '', yen(subtotal)], bold: true },
    ],
  );
  w.table(
    [
      { label: t('pdf.col.breakdown'), width: 423 },
      { label: t('pdf.col.amount'), width: 87, align: 'right' },
    ],
    [
      { cells: [t('pdf.perChildSubtotal'), yen(subtotal)] },
      ...calc.facilityAdditions.map((a) => ({
        cells: [t('pdf.facilityAddition', { item: codeLabel('item', a.code, 'ja') }), yen(a.amount)],
      })),
      { cells: [t('pdf.total'), yen(calc.total)], bold: true },
    ],
  );
  w.heading(t('pdf.section.staffing'));
  w.table(
    [
      { label: t('field.requiredCareFte'), width: 1, align: 'right' },
      { label: t('field.careFte'), width: 1, align: 'right' },
      { label: t('field.qualifiedCareFte'), width: 1, align: 'right' },
      { label: t('field.headcount'), width: 1, align: 'right' },
      { label: t('field.averageExperienceYears'), width: 1, align: 'right' },
    ],
    [
      {
        cells: [
          num(c.requiredCareFte),
          num(c.staffing.careFte),
          num(c.staffing.qualifiedCareFte),
          num(c.staffing.headcount),
          num(c.staffing.averageExperienceYears, 1),
        ],
      },
    ],
  );
  items(w, t('pdf.section.monthlyItems'), c.items);
}

function items(
  w: FormWriter,
  heading: string,
  list: { code: string; claimed: boolean; effectiveFrom: string; value: Record<string, unknown>; conditionsMet?: boolean }[],
) {
  w.heading(heading);
  const withConditions = list.some((i) => i.conditionsMet !== undefined);
  w.table(
    [
      { label: t('pdf.col.item'), width: 150 },
      { label: t('pdf.col.claimed'), width: 40, align: 'center' },
      { label: t('pdf.col.effectiveFrom'), width: 90 },
      ...(withConditions ? [{ label: t('pdf.col.conditions'), width: 70, align: 'center' as const }] : []),
      { label: t('pdf.col.values'), width: 160 },
    ],
    list.length
      ? list.map((i) => ({
          cells: [
            codeLabel('item', i.code, 'ja'),
            t(i.claimed ? 'pdf.yes' : 'pdf.no'),
            wareki(i.effectiveFrom),
            ...(withConditions ? [t(i.conditionsMet ? 'pdf.met' : 'pdf.notMet')] : []),
            describeItemValue(i.value, 'ja'),
          ],
        }))
      : [{ cells: [t('pdf.none'), '', '', ...(withConditions ? [''] : []), ''] }],
  );
}

function staffTable(w: FormWriter, staff: FormStaffLine[]) {
  w.heading(t('pdf.section.staff'));
  w.table(
    [
      { label: t('pdf.col.name'), width: 95 },
      { label: t('pdf.col.role'), width: 90 },
      { label: t('pdf.col.employment'), width: 45, align: 'center' },
      { label: t('pdf.col.weeklyHours'), width: 45, align: 'right' },
      { label: t('pdf.col.qualifications'), width: 95 },
      { label: t('pdf.col.hiredOn'), width: 85 },
      { label: t('pdf.col.experience'), width: 45, align: 'right' },
    ],
    staff.length
      ? staff.map((s) => ({
          cells: [
            s.name,
            codeLabel('role', s.role, 'ja'),
            codeLabel('employment', s.employment, 'ja'),
            num(s.weeklyHours, 1),
            s.qualifications.map((q) => codeLabel('qualification', q, 'ja')).join(t('listSeparator')),
            wareki(s.hiredOn),
            num(s.experienceYears, 0),
          ],
        }))
      : [{ cells: [t('pdf.none'), '', '', '', '', '', ''] }],
  );
}

function shogu(w: FormWriter, c: ShoguContent) {
  w.heading(t('pdf.section.kubun'));
  w.table(
    [
      { label: t('pdf.col.kubun'), width: 200 },
      { label: t('pdf.col.rateOrPersons'), width: 150, align: 'right' },
      { label: t('pdf.col.yearly'), width: 160, align: 'right' },
    ],
    [
      { cells: [t('pdf.kubun1'), percent(c.kubun1.rate), yen(c.kubun1.yearlyAmount)] },
      { cells: [t('pdf.kubun2'), percent(c.kubun2.rate), yen(c.kubun2.yearlyAmount)] },
      { cells: [t('pdf.kubun3'), t('pdf.persons', { a: c.kubun3.personsA, b: c.kubun3.personsB }), yen(c.kubun3.yearlyAmount)] },
      { cells: [t('pdf.total'), '', yen(c.totals.additionYearly)], bold: true },
    ],
  );
  w.paragraph(t('pdf.averageExperience', { years: num(c.averageExperienceYears, 1) }));
  w.heading(t('pdf.section.improvement'));
  w.table(
    [
      { label: t('pdf.col.name'), width: 110 },
      { label: t('pdf.col.role'), width: 100 },
      { label: t('pdf.col.employment'), width: 50, align: 'center' },
      { label: t('pdf.col.experience'), width: 50, align: 'right' },
      { label: t('pdf.col.kubun3Group'), width: 60, align: 'center' },
      { label: t('pdf.col.improvement'), width: 100, align: 'right' },
    ],
    [
      ...c.staff.map((s) => ({
        cells: [
          s.name,
          codeLabel('role', s.role, 'ja'),
          codeLabel('employment', s.employment, 'ja'),
          num(s.experienceYears, 0),
          s.kubun3Group ?? '',
          yen(s.improvementYearly),
        ],
      })),
      { cells: [t('pdf.total'), '', '', '', '', yen(c.totals.improvementYearly)], bold: true },
    ],
  );
  w.paragraph(
    t('pdf.basePayShare', {
      share: share(c.totals.basePayShare),
    }),
  );
}

function additions(w: FormWriter, c: AdditionContent) {
  items(w, t('pdf.section.items'), c.additions);
  w.paragraph(
    t('pdf.staffingLine', {
      headcount: num(c.staffing.headcount),
      care: num(c.staffing.careFte),
      qualified: num(c.staffing.qualifiedCareFte),
      years: num(c.staffing.averageExperienceYears, 1),
    }),
  );
  staffTable(w, c.staff);
}

function footers(w: FormWriter, meta: PdfMeta) {
  const { doc } = w;
  const range = doc.bufferedPageRange();
  const approved = meta.approvedAt ? t('pdf.approvedOn', { date: wareki(meta.approvedAt) }) : t('pdf.notApproved');
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing inside the margin must not open a new page
    const y = doc.page.height - MARGIN - 4 * MM;
    w.font(false, 8).text(t('pdf.footer', { version: meta.version, approved }), w.left, y, { width: w.width / 2, lineBreak: false });
    w.font(false, 8).text(t('pdf.page', { page: i + 1, pages: range.count }), w.left + w.width / 2, y, {
      width: w.width / 2,
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
}

export class FormFontMissingError extends Error {
  constructor() {
    super(`The Japanese font for printed forms is missing: ${REGULAR.path} (apt-get install fonts-noto-cjk)`);
  }
}

/** The form of a submission as an A4 PDF. */
export async function renderFormPdf(content: SubmissionContent, meta: PdfMeta): Promise<Buffer> {
  if (!fs.existsSync(REGULAR.path)) throw new FormFontMissingError();
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: `${t(`pdf.title.${content.form}`)} ${content.facility.code} ${content.period}`, Author: 'madoguchi' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });
  doc.registerFont('jp', REGULAR.path, REGULAR.name);
  doc.registerFont('jpb', fs.existsSync(BOLD.path) ? BOLD.path : REGULAR.path, fs.existsSync(BOLD.path) ? BOLD.name : REGULAR.name);
  const w = new FormWriter(doc);
  header(w, content, meta);
  if (content.form === 'monthly-claim') monthly(w, content);
  else if (content.form === 'shogu-plan' || content.form === 'shogu-report') shogu(w, content);
  else additions(w, content as AdditionContent);
  footers(w, meta);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
