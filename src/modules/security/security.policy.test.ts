import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Membership, Role } from '../../http/actor.js';
import { alertScopeOf, canReadSecurityEvents } from './security.policy.js';

const m = (departmentId: string, role: Role): Membership => ({
  departmentId,
  departmentCode: departmentId,
  departmentName: departmentId,
  role,
});

describe('security policy', () => {
  it('shows the full event list to system administrators only', () => {
    assert.equal(canReadSecurityEvents({ memberships: [m('it', 'sys-admin')] }), true);
    assert.equal(canReadSecurityEvents({ memberships: [m('a', 'dept-admin')] }), false);
    assert.equal(canReadSecurityEvents({ memberships: [m('a', 'staff')] }), false);
    assert.equal(canReadSecurityEvents({ memberships: [] }), false);
  });

  it('scopes alerts: all for a system administrator, administered departments for a department administrator, none for staff', () => {
    assert.equal(alertScopeOf({ memberships: [m('a', 'staff'), m('it', 'sys-admin')] }), 'all');
    assert.deepEqual(alertScopeOf({ memberships: [m('a', 'dept-admin'), m('b', 'staff'), m('c', 'dept-admin')] }), {
      memberOfDepartmentIds: ['a', 'c'],
    });
    assert.deepEqual(alertScopeOf({ memberships: [m('a', 'staff')] }), { memberOfDepartmentIds: [] });
  });
});
