/** Request and response schemas of the staff API (validate, type and document). */
import { z } from 'zod';
import { zodMessage } from '../../http/validation.js';
import { staffMessages } from './staff.messages.js';
import { staffErrors } from './staff-errors.messages.js';

export const roleSchema = z.enum(['sys-admin', 'dept-admin', 'staff', 'payment_admin']).meta({
  id: 'StaffRole',
  description:
    'sys-admin: system administrator; dept-admin: department administrator; staff: ordinary member; payment_admin: payment administrator (only in the department PAYMENT_ADMIN_DEPARTMENT; sees payments, never applications)',
});

export const logInBody = z
  .object({
    loginId: z.string().min(1, zodMessage(staffMessages, 'enterLoginId')).max(200).describe('Log-in id of the staff account'),
    password: z.string().min(1, zodMessage(staffMessages, 'enterPassword')).max(1024),
  })
  .meta({ id: 'StaffLogIn', description: 'The password step of a staff log-in' });

export const membershipSchema = z
  .object({
    departmentId: z.string(),
    departmentCode: z.string().describe('Short code of the department, e.g. shimin'),
    departmentName: z.string(),
    role: roleSchema,
  })
  // i18n-exempt: OpenAPI description for developers, in English with the Japanese term
  .meta({ id: 'Membership', description: 'A role in one department (課)' });

export const sessionStaffSchema = z
  .object({
    id: z.string(),
    loginId: z.string(),
    displayName: z.string(),
    memberships: z.array(membershipSchema),
    currentDepartmentId: z
      .string()
      .nullable()
      .describe('The department the session works in (PUT /api/v1/staff/session/department switches)'),
    mustChangePassword: z.boolean().describe('The password must be changed (POST /api/v1/staff/password) before other routes answer'),
    mfaRequired: z.boolean().describe('This account must use a second factor'),
    mfaPending: z.boolean().describe('The second-factor step of this log-in is still due (POST /api/v1/staff/session/mfa)'),
    mfaSetupRequired: z.boolean().describe('A second factor must be set up before other routes answer'),
    passwordRenewalDue: z.boolean().describe('The password is older than the renewal period (a reminder; nothing is blocked)'),
  })
  .meta({ id: 'SessionStaff', description: 'The person logged in and what their log-in still needs' });

export const sessionResponse = z
  .object({
    csrfToken: z.string().describe('Send as X-CSRF-Token on every state-changing request of this session'),
    staff: sessionStaffSchema,
  })
  .meta({ id: 'StaffSession', description: 'A staff session' });

export const mfaCodeBody = z.object({ code: z.string().min(1).max(40).describe('A 6-digit TOTP code or a recovery code') });

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(1).max(1024),
});

export const switchDepartmentBody = z.object({ departmentId: z.uuid() });

export const accountSchema = z
  .object({
    id: z.string(),
    loginId: z.string(),
    displayName: z.string(),
    isDisabled: z.boolean().describe('A disabled account cannot log in'),
    mustChangePassword: z.boolean().describe('The password must be changed at the next log-in'),
    mfaEnabled: z.boolean().describe('A second factor is set up'),
    lastLoginAt: z.string().nullable().describe('ISO 8601; null if never'),
    passwordChangedAt: z.string().describe('ISO 8601'),
    lockedUntil: z.string().nullable().describe('Password log-in locked until (ISO 8601), null if not locked'),
    mfaLockedUntil: z.string().nullable().describe('Second factor locked until (ISO 8601), null if not locked'),
    memberships: z.array(membershipSchema),
    canManage: z.boolean().describe('Whether you may edit this account'),
  })
  .meta({ id: 'StaffAccount', description: 'A staff account as an administrator sees it' });

const displayName = z.string().trim().min(1, zodMessage(staffMessages, 'enterName')).max(100, zodMessage(staffErrors, 'nameTooLong'));

/** Account creation, for the API and the accounts screen alike (the operation checks the login id's characters). */
export const createAccountBody = z.object({
  loginId: z.string().min(2, zodMessage(staffMessages, 'loginIdRule')).max(64, zodMessage(staffMessages, 'loginIdRule')),
  displayName,
  departmentId: z.uuid(zodMessage(staffMessages, 'chooseDepartment')),
  role: roleSchema,
  /** Omitted: a random initial password is generated and returned once. */
  password: z.string().max(1024).optional().describe('Initial password; omitted: a random one is generated and returned once'),
});

export const accountWithPassword = z
  .object({ account: accountSchema, initialPassword: z.string().describe('Shown once; must be changed at the first log-in') })
  .meta({ id: 'StaffAccountWithPassword', description: 'An account and its new initial password' });
export const idParams = z.object({ id: z.uuid() });
export const membershipParams = z.object({ id: z.uuid(), departmentId: z.uuid() });
export const updateAccountBody = z.object({ displayName });
export const grantBody = z.object({ role: roleSchema });
export const resetPasswordBody = z.object({ password: z.string().max(1024).optional() });

export const departmentSchema = z
  .object({
    id: z.string(),
    code: z.string().describe('Short code, e.g. shimin'),
    name: z.string(),
    nameEn: z.string().nullable().describe('English name, if set'),
  })
  // i18n-exempt: OpenAPI description for developers, in English with the Japanese term
  .meta({ id: 'Department', description: 'A department (課)' });
export const createDepartmentBody = z.object({
  code: z.string().min(1).max(40),
  name: z.string().min(1).max(100),
  nameEn: z.string().max(200).optional(),
});

export const mfaSetupResponse = z
  .object({
    secret: z.string().describe('Base32 TOTP secret, to type into an authenticator app'),
    otpauthUri: z.string().describe('otpauth:// URI with the same secret'),
    qrSvg: z.string().describe('QR code of the URI, as SVG markup'),
  })
  .meta({ id: 'MfaSetup', description: 'A pending second-factor secret; confirm it with POST /api/v1/staff/mfa/enable' });
export const recoveryCodesResponse = z
  .object({ recoveryCodes: z.array(z.string()).describe('10 single-use codes, shown once') })
  .meta({ id: 'RecoveryCodes', description: 'Recovery codes for when the authenticator is lost' });

export const securityEventSchema = z
  .object({
    id: z.number(),
    occurredAt: z.string().describe('ISO 8601'),
    kind: z.string().describe('What happened, e.g. login_failed_burst'),
    severity: z.enum(['info', 'warning', 'alert']).describe('alert: needs a person to look and acknowledge'),
    clientIp: z.string().nullable(),
    subject: z.string().nullable().describe('The log-in id or other target, when there is one'),
    detail: z.record(z.string(), z.unknown()),
    acknowledgedAt: z.string().nullable().describe('When an administrator acknowledged it (ISO 8601)'),
  })
  .meta({ id: 'SecurityEvent', description: 'A security event (failed log-ins, blocked addresses, alerts)' });
