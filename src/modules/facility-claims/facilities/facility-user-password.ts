/**
 * The password rule of facility users: the staff password policy (NIST SP 800-63B: 12–128 characters,
 * no composition rules, common, repetitive and identity-derived passwords refused), hashed with the
 * one password wrapper. The policy is pure and lives in the staff module.
 */
import { errors } from '../../../http/errors.js';
import { hashPassword } from '../../../platform/passwords.js';
import { checkPasswordPolicy } from '../../staff/index.js';

/** The hash of an acceptable password, or a 422 with the problems at `field`. */
export async function acceptedPasswordHash(
  password: string,
  who: { loginId: string; displayName?: string },
  field = 'password',
): Promise<string> {
  const problems = checkPasswordPolicy(password, who);
  if (problems.length) throw errors.validation(problems.map((message) => ({ field, message })));
  return hashPassword(password);
}
