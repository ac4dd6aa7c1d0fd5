/** The card issuance policy, every action against every role: pure, no database. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Role } from '../../http/actor.js';
import { AppError } from '../../http/errors.js';
import { assertCan, can, cardDepartmentIds, type CardAction } from './card.policy.js';

const OFFICE = '00000000-0000-4000-8000-000000000001';
const OTHER = '00000000-0000-4000-8000-000000000002';

const member = (role: Role, departmentId = OFFICE) => ({
  memberships: [{ departmentId, departmentCode: 'x', departmentName: 'x', role }],
});

const ACTIONS: CardAction[] = ['view', 'process', 'change-deadlines', 'change-lifecycle', 'confirm-destruction'];
// What each role of the office's own department may do.
const EXPECTED: Record<Role, Record<CardAction, boolean>> = {
  staff: { view: true, process: true, 'change-deadlines': true, 'change-lifecycle': false, 'confirm-destruction': false },
  'dept-admin': { view: true, process: true, 'change-deadlines': true, 'change-lifecycle': true, 'confirm-destruction': true },
  'sys-admin': { view: true, process: true, 'change-deadlines': true, 'change-lifecycle': true, 'confirm-destruction': true },
  // a payment administrator's membership opens payments only, never the department's citizen data
  payment_admin: { view: false, process: false, 'change-deadlines': false, 'change-lifecycle': false, 'confirm-destruction': false },
};

const statusOf = (fn: () => void): number | 'allowed' => {
  try {
    fn();
    return 'allowed';
  } catch (err) {
    assert.ok(err instanceof AppError, String(err));
    return err.status;
  }
};

describe('card policy', () => {
  for (const role of ['staff', 'dept-admin', 'sys-admin', 'payment_admin'] as const)
    for (const action of ACTIONS) {
      const allowed = EXPECTED[role][action];
      // a refused member gets 403; a payment_admin membership is no membership at all: 404
      const refusal = role === 'payment_admin' ? 404 : 403;
      it(`${allowed ? 'lets' : `refuses with ${refusal}`} the office's ${role} ${action}`, () => {
        assert.equal(can(member(role), action, OFFICE), allowed);
        assert.equal(
          statusOf(() => assertCan(member(role), action, OFFICE)),
          allowed ? 'allowed' : refusal,
        );
      });
      it(`refuses another department's ${role} ${action} with 404`, () => {
        assert.equal(can(member(role, OTHER), action, OFFICE), false);
        assert.equal(
          statusOf(() => assertCan(member(role, OTHER), action, OFFICE)),
          404,
        );
      });
    }

  it('takes the role in the office’s department, not an administrator role elsewhere', () => {
    const actor = { memberships: [...member('staff').memberships, ...member('dept-admin', OTHER).memberships] };
    assert.equal(can(actor, 'confirm-destruction', OFFICE), false);
    assert.equal(can(actor, 'change-lifecycle', OFFICE), false);
    assert.equal(can(actor, 'confirm-destruction', OTHER), true);
  });

  it('opens the card pages of the person’s own departments only', () => {
    const actor = { memberships: [...member('staff').memberships, ...member('dept-admin', OTHER).memberships] };
    assert.deepEqual(cardDepartmentIds(actor).sort(), [OFFICE, OTHER].sort());
    assert.deepEqual(cardDepartmentIds({ memberships: [] }), []);
  });
});
