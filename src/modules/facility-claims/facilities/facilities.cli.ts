/**
 * CLI (pinned): `madoguchi facility create`, `madoguchi facility user create` (password from standard
 * input) and `madoguchi facility list`. Audited as system actor "cli"; bad input exits 2 with the
 * English messages of the same checks the screens and the API run.
 */
import { AppError } from '../../../http/errors.js';
import { CliError, type CliCommand } from '../../../platform/cli-command.js';
import { FACILITY_TYPES, REGION_PERCENTS } from '../shared/types.js';
import { createFacility } from './create-facility.js';
import { createFacilityUser } from './create-facility-user.js';
import { CLI_ACTING } from './facility-admin.js';
import { allFacilities, facilityIdByCode } from './list-facilities.js';

/** A refused input (4xx) becomes a usage error (exit 2) naming each field's problem in English. */
async function asCli<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof AppError && err.status < 500) {
      const details = (err.extra.fieldErrors ?? []).map((f) => `${f.field}: ${f.message.en}`);
      throw new CliError([err.text.en, ...details].join('\n  '));
    }
    throw err;
  }
}

const str = (v: string | boolean | undefined) => (typeof v === 'string' ? v : undefined);

export const facilityCommands: CliCommand[] = [
  {
    name: 'facility create',
    // i18n-exempt: operator CLI help in English, naming the Japanese terms
    summary: 'Register a childcare facility (施設型給付・地域型保育給付の施設・事業).',
    options: {
      code: { description: "the city's facility code (letters, digits, hyphens; cannot be changed later)", required: true },
      name: { description: 'facility name', required: true },
      type: {
        // i18n-exempt: operator CLI help in English, naming the Japanese kinds
        description:
          'kind of facility: hoikusho 保育所, kodomoen 認定こども園, yochien 幼稚園, shokibo-a/b/c 小規模保育, jigyoshonai 事業所内保育, katei 家庭的保育',
        required: true,
        choices: FACILITY_TYPES,
      },
      // i18n-exempt: operator CLI help in English, naming the Japanese term
      operator: { description: 'operator (設置者) name' },
      region: {
        // i18n-exempt: operator CLI help in English, naming the Japanese term
        description: 'region class (地域区分) as a percentage; 0 = other areas (default 0)',
        choices: REGION_PERCENTS.map(String),
      },
      capacity1: { description: 'approved capacity for class 1 (default 0)' },
      capacity23: { description: 'approved capacity for classes 2 and 3 (default 0)' },
      'postal-code': { description: 'postal code, 7 digits' },
      address: { description: 'address' },
    },
    async run(ctx, { options }, io) {
      const f = await asCli(() =>
        createFacility(ctx, CLI_ACTING, {
          code: String(options.code),
          name: String(options.name),
          type: String(options.type) as (typeof FACILITY_TYPES)[number],
          operatorName: str(options.operator),
          regionPercent: str(options.region),
          capacity1: str(options.capacity1),
          capacity23: str(options.capacity23),
          postalCode: str(options['postal-code']),
          address: str(options.address),
        }),
      );
      io.out(`Created facility ${f.code} (${f.id}).`);
    },
  },
  {
    name: 'facility user create',
    summary: 'Register a facility user (at most two active per facility); the password is read from standard input.',
    options: {
      facility: { description: 'facility code', required: true },
      login: { description: 'log-in id (lower-cased)', required: true },
      email: { description: "e-mail address from the facility's written notification (one-time passwords go there)", required: true },
      name: { description: "the user's name (default: the log-in id)" },
      'notified-on': { description: 'date of the written notification, YYYY-MM-DD (kept in the audit record)' },
      'notification-ref': { description: "the notification's reference number (kept in the audit record)" },
    },
    async run(ctx, { options }, io) {
      const code = String(options.facility);
      const facilityId = await facilityIdByCode(ctx, code);
      if (!facilityId) throw new CliError(`No facility with code "${code}" (see \`madoguchi facility list\`).`);
      const password = await io.readStdin();
      if (!password)
        throw new CliError('Give the password on standard input (e.g. `printf %s "$PW" | madoguchi facility user create ...`).');
      const login = String(options.login);
      const u = await asCli(() =>
        createFacilityUser(ctx, CLI_ACTING, facilityId, {
          loginId: login,
          email: String(options.email),
          displayName: str(options.name) ?? login,
          password,
          notifiedOn: str(options['notified-on']),
          notificationRef: str(options['notification-ref']),
        }),
      );
      io.out(`Created facility user ${u.loginId} (${u.id}) of ${code}.`);
    },
  },
  {
    name: 'facility list',
    summary: 'List facilities (id, code, kind, name, active users).',
    options: { json: { description: 'print a JSON array', flag: true } },
    async run(ctx, { options }, io) {
      const all = await allFacilities(ctx);
      if (options.json) io.out(JSON.stringify(all));
      else for (const f of all) io.out(`${f.id}\t${f.code}\t${f.type}\t${f.name}\t${f.activeUsers}`);
    },
  },
];
