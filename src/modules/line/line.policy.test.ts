import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Membership, Role } from '../../http/actor.js';
import { AppError } from '../../http/errors.js';
import { assertMayMessageAboutBooking, canMessageAboutBooking } from './line.policy.js';

const m = (departmentId: string, role: Role): Membership => ({
  departmentId,
  departmentCode: departmentId,
  departmentName: departmentId,
  role,
});

describe('LINE policy', () => {
  it("lets staff message about their own departments' bookings only — a system administrator is no exception", () => {
    assert.equal(canMessageAboutBooking({ memberships: [m('a', 'staff')] }, { departmentId: 'a' }), true);
    assert.equal(canMessageAboutBooking({ memberships: [m('a', 'dept-admin')] }, { departmentId: 'b' }), false);
    assert.equal(canMessageAboutBooking({ memberships: [m('it', 'sys-admin')] }, { departmentId: 'b' }), false);
    assert.throws(
      () => assertMayMessageAboutBooking({ memberships: [m('a', 'staff')] }, { departmentId: 'b' }),
      (e: unknown) => e instanceof AppError && e.status === 404,
    );
  });
});
