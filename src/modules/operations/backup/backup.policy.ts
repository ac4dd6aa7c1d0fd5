/**
 * Who may see and run backups: system administrators only. A backup holds every department's data (encrypted),
 * and its page names where the files are kept.
 */
import type { StaffActor } from '../../../http/actor.js';
import { isSystemAdmin } from '../../staff/index.js';

export function canManageBackups(actor: Pick<StaffActor, 'memberships'>): boolean {
  return isSystemAdmin(actor);
}
