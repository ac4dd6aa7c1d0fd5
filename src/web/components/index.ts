/**
 * The component layer every screen is built from (Digital Agency design system on tokens.css and
 * app.css). Components know no module: they take already translated texts (and `lang` for their own
 * few words) and return escaped SafeHtml. See docs/components.md.
 */
export type { Content, FieldMessage, NavItem } from './types.js';
export { citizenShell, type CitizenShellOptions } from './citizen-shell.js';
export { staffShell, type StaffShellOptions } from './staff-shell.js';
export { cardSiteShell, type CardSiteShellOptions } from './card-site-shell.js';
export { lineShell, type LineShellOptions } from './line-shell.js';
export { navList, userMenu } from './nav-list.js';
export { notice, type NoticeKind, type NoticeOptions } from './notice.js';
export { fieldId, type FieldBase } from './field-frame.js';
export { textField, type TextFieldOptions } from './text-field.js';
export { textArea, type TextAreaOptions } from './text-area.js';
export { selectField, type SelectFieldOptions, type SelectOption } from './select-field.js';
export { checkboxes, radios, type CheckboxesOptions, type Choice, type RadiosOptions } from './choice-list.js';
export { dateField, type DateFieldOptions } from './date-field.js';
export { formatWareki } from './wareki.js';
export { errorSummary, type ErrorSummaryOptions } from './error-summary.js';
export { dataTable, type Cell, type DataColumn, type DataTableOptions, type SortDir } from './data-table.js';
export { calendar, calendarLegend, type CalendarDayCell, type CalendarOptions, type DayState } from './calendar.js';
export {
  button,
  csrfInput,
  linkButton,
  postButtonForm,
  type ButtonKind,
  type ButtonOptions,
  type LinkButtonOptions,
  type PostButtonFormOptions,
} from './buttons.js';
export { summaryList, type SummaryItem, type SummaryListOptions } from './summary-list.js';
export { sensitiveReveal, type SensitiveRevealOptions } from './sensitive-reveal.js';
export { componentMessages } from './messages.js';
