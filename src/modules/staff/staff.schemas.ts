/** Request and response schemas of the staff API (validate, type and document). */
import { z } from 'zod';
import { msg } from '../../http/validation.js';

export const roleSchema = z.enum(['sys-admin', 'dept-admin', 'staff']);

export const logInBody = z.object({
  loginId: z.string().min(1).max(200),
  password: z.string().min(1).max(1024),
});

export const membershipSchema = z.object({
  departmentId: z.string(),
  departmentCode: z.string(),
  departmentName: z.string(),
  role: roleSchema,
});

export const sessionStaffSchema = z.object({
  id: z.string(),
  loginId: z.string(),
  displayName: z.string(),
  memberships: z.array(membershipSchema),
  currentDepartmentId: z.string().nullable(),
  mustChangePassword: z.boolean(),
  mfaRequired: z.boolean(),
  mfaPending: z.boolean(),
  mfaSetupRequired: z.boolean(),
  passwordRenewalDue: z.boolean(),
});

export const sessionResponse = z.object({ csrfToken: z.string(), staff: sessionStaffSchema });

export const mfaCodeBody = z.object({ code: z.string().min(1).max(40) });

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(1).max(1024),
});

export const switchDepartmentBody = z.object({ departmentId: z.uuid() });

export const accountSchema = z.object({
  id: z.string(),
  loginId: z.string(),
  displayName: z.string(),
  isDisabled: z.boolean(),
  mustChangePassword: z.boolean(),
  mfaEnabled: z.boolean(),
  lastLoginAt: z.string().nullable(),
  passwordChangedAt: z.string(),
  lockedUntil: z.string().nullable(),
  mfaLockedUntil: z.string().nullable(),
  memberships: z.array(membershipSchema),
  canManage: z.boolean(),
});

const displayName = z
  .string()
  .trim()
  .min(1)
  .max(100, msg({ ja: '氏名は100文字以内で入力してください。', en: 'Enter at most 100 characters.' }));

export const createAccountBody = z.object({
  loginId: z.string().min(2).max(64),
  displayName,
  departmentId: z.uuid(),
  role: roleSchema,
  /** Omitted: a random initial password is generated and returned once. */
  password: z.string().max(1024).optional(),
});

export const accountWithPassword = z.object({ account: accountSchema, initialPassword: z.string() });
export const idParams = z.object({ id: z.uuid() });
export const membershipParams = z.object({ id: z.uuid(), departmentId: z.uuid() });
export const updateAccountBody = z.object({ displayName });
export const grantBody = z.object({ role: roleSchema });
export const resetPasswordBody = z.object({ password: z.string().max(1024).optional() });

export const departmentSchema = z.object({ id: z.string(), code: z.string(), name: z.string(), nameEn: z.string().nullable() });
export const createDepartmentBody = z.object({ code: z.string().min(1).max(40), name: z.string().min(1).max(100), nameEn: z.string().max(200).optional() });

export const mfaSetupResponse = z.object({ secret: z.string(), otpauthUri: z.string(), qrSvg: z.string() });
export const recoveryCodesResponse = z.object({ recoveryCodes: z.array(z.string()) });

export const securityEventSchema = z.object({
  id: z.number(),
  occurredAt: z.string(),
  kind: z.string(),
  severity: z.enum(['info', 'warning', 'alert']),
  clientIp: z.string().nullable(),
  subject: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  acknowledgedAt: z.string().nullable(),
});
