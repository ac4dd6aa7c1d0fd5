/** The fields of a facility (new and edit forms), what the staff screens share, and the policy checks of the pages. */
import type { FastifyRequest } from 'fastify';
import type { StaffActor } from '../../../../http/actor.js';
import type { Lang } from '../../../../platform/i18n.js';
import { selectField, textField, type FieldMessage } from '../../../../web/components/index.js';
import { html, type SafeHtml } from '../../../../web/html.js';
import { renderStaffPage } from '../../../staff/index.js';
import type { Config } from '../../../../config.js';
import { assertCanFacility, canFacility } from '../../facility.policy.js';
import { codeLabel } from '../../shared/labels.messages.js';
import { FACILITY_TYPES, REGION_PERCENTS } from '../../shared/types.js';
import { facilitiesMessages } from '../facilities.messages.js';

export const NAV_KEY = 'facilities';

type FacilityConfig = Pick<Config, 'facility'>;

/** Page guard of every screen: members of the two childcare divisions (404 for everyone else). */
export const mayView = (config: FacilityConfig) => (actor: StaffActor) => canFacility(actor, 'view', config);

/** Page guard of the screens that change something: 404 outside the divisions, 403 for members who are not its administrators. */
export const mayManage = (config: FacilityConfig) => (actor: StaffActor) => {
  assertCanFacility(actor, 'manage-facilities', config);
  return true;
};

export function facilityPage(req: FastifyRequest, title: string, main: SafeHtml): string {
  return renderStaffPage(req, { title, main, active: NAV_KEY });
}

/** The facility's fields, filled with what was typed (`raw`) and their errors. */
export function facilityFields(lang: Lang, raw: Record<string, string>, errors: FieldMessage[], o: { withCode: boolean }): SafeHtml {
  const t = facilitiesMessages.in(lang);
  const base = { lang, errors };
  return html`${
    o.withCode
      ? textField({
          ...base,
          name: 'code',
          label: t('code'),
          hint: t('codeHint'),
          value: raw.code,
          required: true,
          maxLength: 20,
          autocomplete: 'off',
        })
      : ''
  }
${textField({ ...base, name: 'name', label: t('name'), value: raw.name, required: true, maxLength: 100 })}
${selectField({
  ...base,
  name: 'type',
  label: t('type'),
  required: true,
  value: raw.type,
  options: FACILITY_TYPES.map((v) => ({ value: v, label: codeLabel('type', v, lang) })),
})}
${textField({ ...base, name: 'operatorName', label: t('operatorName'), value: raw.operatorName, maxLength: 100 })}
${selectField({
  ...base,
  name: 'regionPercent',
  label: t('regionPercent'),
  required: true,
  value: raw.regionPercent ?? '0',
  options: REGION_PERCENTS.map((v) => ({ value: String(v), label: codeLabel('region', v, lang) })),
})}
${textField({ ...base, name: 'capacity1', label: t('capacity1'), hint: t('capacityHint'), value: raw.capacity1 ?? '0', inputmode: 'numeric', required: true })}
${textField({ ...base, name: 'capacity23', label: t('capacity23'), hint: t('capacityHint'), value: raw.capacity23 ?? '0', inputmode: 'numeric', required: true })}
${textField({ ...base, name: 'postalCode', label: t('postalCode'), hint: t('postalCodeHint'), value: raw.postalCode, inputmode: 'numeric', autocomplete: 'postal-code', maxLength: 8 })}
${textField({ ...base, name: 'address', label: t('address'), value: raw.address, maxLength: 200, autocomplete: 'street-address' })}`;
}

/** What was typed, as strings, without the CSRF token. */
export function rawOf(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (body && typeof body === 'object')
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) if (k !== '_csrf' && typeof v === 'string') out[k] = v;
  return out;
}
