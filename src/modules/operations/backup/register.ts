/**
 * Backups: `madoguchi backup`, `backup verify`, `restore`; the daily backup, the restore drill and the
 * missing-backup check; the administrators' page /staff/operations/backups.
 */
import { registerStaffNav } from '../../staff/index.js';
import type { OperationsPart } from '../shared-part.js';
import { backupCommands } from './backup.cli.js';
import { dailyBackupJob, missingBackupCheckJob, restoreDrillJob } from './backup.jobs.js';
import { backupMessages } from './backup.messages.js';
import { canManageBackups } from './backup.policy.js';
import { registerBackupsPage } from './staff/backups.page.js';

export const backupPart: OperationsPart = {
  register(app, ctx) {
    // The facility portal's DMZ process serves no staff pages.
    if (ctx.config.facility.portalOnly) return;
    registerBackupsPage(app, ctx);
    registerStaffNav(app, {
      key: 'backups',
      href: '/staff/operations/backups',
      label: backupMessages.text('navLabel'),
      visible: canManageBackups,
      order: 60,
    });
  },
  jobs: [dailyBackupJob, restoreDrillJob, missingBackupCheckJob],
  commands: backupCommands,
};
