/**
 * Who may do what with reservations. Department scoping goes through the staff module's policy
 * (one mechanism for every module); this file only names the reservation-specific decisions.
 */
import type { StaffActor } from '../../http/actor.js';
import { assertDepartmentAccess, isDepartmentAdmin, readableDepartmentIds } from '../staff/index.js';

export type StaffAction = 'view' | 'book' | 'change' | 'cancel' | 'set-status' | 'export' | 'overbook' | 'manage-services';

/** Throws 404 when the person has no access to the department (ids cannot be probed). */
export function assertCan(actor: StaffActor, action: StaffAction, departmentId: string): void {
  assertDepartmentAccess(actor, departmentId);
  if ((action === 'overbook' || action === 'manage-services') && !isDepartmentAdmin(actor, departmentId)) throw forbidden(action);
}

export function can(actor: StaffActor, action: StaffAction, departmentId: string): boolean {
  try {
    assertCan(actor, action, departmentId);
    return true;
  } catch {
    return false;
  }
}

export function visibleDepartments(actor: StaffActor): string[] {
  return readableDepartmentIds(actor);
}

import { errors } from '../../http/errors.js';
function forbidden(action: StaffAction) {
  return errors.forbidden(
    action === 'overbook'
      ? { ja: '定員を超える予約（オーバーブッキング）は所属管理者のみが行えます。', en: 'Only a department administrator may overbook.' }
      : { ja: '予約窓口の設定を変更できるのは所属管理者のみです。', en: 'Only a department administrator may manage services.' },
  );
}
