/**
 * Who may do what with childcare facility claims. City side: only members of the two childcare
 * divisions (configured by code) — the facility childcare division (review: facility master, users,
 * review, approval, export; FACILITY_REVIEW_DEPARTMENT) and the enrolment division (child counts;
 * FACILITY_ENROLMENT_DEPARTMENT). Other departments get 404 (the screens do not exist for them).
 * Facility side: a facility user acts only on the facility of their session (shared/facility-session.ts):
 * every facility operation takes the facility id from the session, and a record of another facility
 * is answered 404 exactly like a record that does not exist.
 */
import type { StaffActor } from '../../http/actor.js';
import { errors } from '../../http/errors.js';
import type { Config } from '../../config.js';
import { isDepartmentAdmin } from '../staff/index.js';

type ActorLike = Pick<StaffActor, 'memberships'>;
type FacilityConfig = { facility: Pick<Config['facility'], 'reviewDepartmentCode' | 'enrolmentDepartmentCode'> };

export type FacilityStaffAction =
  | 'view' //            facilities, rosters' derived figures, counts, submissions
  | 'manage-facilities' // create and edit facilities and their users (dept-admin of the review division)
  | 'review' //          return or approve submissions
  | 'export' //          the month's totals CSV
  | 'import-counts'; //  child counts from the core system, and answers to the facilities' queries about them (enrolment division)

function membershipIn(actor: ActorLike, code: string) {
  return actor.memberships.find((m) => m.departmentCode === code && m.role !== 'payment_admin');
}

/** The department (id) under which this person works with facility claims, if any. */
export function facilityDepartmentOf(actor: ActorLike, config: FacilityConfig): string | undefined {
  return (membershipIn(actor, config.facility.reviewDepartmentCode) ?? membershipIn(actor, config.facility.enrolmentDepartmentCode))
    ?.departmentId;
}

export function canFacility(actor: ActorLike, action: FacilityStaffAction, config: FacilityConfig): boolean {
  const review = membershipIn(actor, config.facility.reviewDepartmentCode);
  const enrolment = membershipIn(actor, config.facility.enrolmentDepartmentCode);
  switch (action) {
    case 'view':
      return Boolean(review || enrolment);
    case 'manage-facilities':
      return Boolean(review && isDepartmentAdmin(actor, review.departmentId));
    case 'review':
    case 'export':
      return Boolean(review);
    case 'import-counts':
      return Boolean(enrolment);
  }
}

/** 404 for people outside both divisions (nothing to probe), 403 when the role or division falls short. */
export function assertCanFacility(actor: ActorLike, action: FacilityStaffAction, config: FacilityConfig): void {
  if (!canFacility(actor, 'view', config)) throw errors.notFound();
  if (!canFacility(actor, action, config)) throw errors.forbidden();
}
