/**
 * Staff API of the facility master: GET /api/v1/staff/facilities, GET …/{id}, POST /api/v1/staff/facilities
 * and POST …/{id}/users. Members of the two childcare divisions read; administrators of the facility
 * childcare division change (403 for other members); everyone else gets 404.
 */
import type { FastifyInstance } from 'fastify';
import { defineApi } from '../../../http/api-route.js';
import type { AppContext } from '../../../platform/context.js';
import { jstIso } from '../../../platform/japan-time.js';
import { createFacility } from './create-facility.js';
import { createFacilityUser } from './create-facility-user.js';
import {
  createFacilityBody,
  createUserBody,
  facilityCreatedResponse,
  facilityDetailResponse,
  facilityIdParams,
  facilityListResponse,
  listFacilitiesQuery,
  userCreatedResponse,
} from './facilities.schemas.js';
import { staffActing } from './facility-admin.js';
import { getFacility } from './get-facility.js';
import { listFacilities } from './list-facilities.js';

const who = 'Members of the facility childcare division and of the enrolment division; everyone else gets 404.';
const managers = 'Administrators (dept-admin) of the facility childcare division; other members get 403, everyone else 404.';

export function registerFacilityApi(app: FastifyInstance, ctx: AppContext): void {
  defineApi(app, {
    method: 'GET',
    url: '/api/v1/staff/facilities',
    summary: 'Childcare facilities, by code; search by code prefix or part of the name, and by kind (50 a page)',
    description: who,
    tags: ['facility-claims', 'staff'],
    auth: 'staff',
    query: listFacilitiesQuery,
    responses: { 200: { description: 'The page of facilities', schema: facilityListResponse } },
    handler: async ({ req, query, staff }) => listFacilities(ctx, staffActing(req, staff), query),
  });

  defineApi(app, {
    method: 'GET',
    url: '/api/v1/staff/facilities/:id',
    summary: 'One facility with its users (log-in id, name, masked address, status, last log-in, lock)',
    description: `${who} The address itself is never answered.`,
    tags: ['facility-claims', 'staff'],
    auth: 'staff',
    params: facilityIdParams,
    responses: {
      200: { description: 'The facility', schema: facilityDetailResponse },
      404: { description: 'No such facility, or not a member of the childcare divisions' },
    },
    handler: async ({ req, params, staff }) => {
      const f = await getFacility(ctx, staffActing(req, staff), params.id);
      return {
        ...f,
        users: f.users.map((u) => ({
          id: u.id,
          loginId: u.loginId,
          displayName: u.displayName,
          emailMasked: u.emailMasked,
          status: u.status,
          lastLoginAt: u.lastLoginAt ? jstIso(u.lastLoginAt) : null,
          isLocked: u.isLocked,
        })),
      };
    },
  });

  defineApi(app, {
    method: 'POST',
    url: '/api/v1/staff/facilities',
    summary: 'Register a childcare facility',
    description: `${managers} The code is unique (422 at the field otherwise) and cannot be changed later. Audited (facility.create).`,
    tags: ['facility-claims', 'staff'],
    auth: 'staff',
    body: createFacilityBody,
    responses: {
      201: { description: 'Registered', schema: facilityCreatedResponse },
      403: { description: 'Not an administrator of the facility childcare division' },
      404: { description: 'Not a member of the childcare divisions' },
      422: { description: 'A field is missing or wrong, or the code is in use' },
    },
    handler: async ({ req, reply, body, staff }) => {
      const f = await createFacility(ctx, staffActing(req, staff), body);
      reply.code(201);
      return f;
    },
  });

  defineApi(app, {
    method: 'POST',
    url: '/api/v1/staff/facilities/:id/users',
    summary: "Register a facility user from the facility's written notification (at most two active users per facility)",
    description: `${managers} The log-in id is lower-cased and unique; the address and the name are stored encrypted; the password is checked by the password policy. Audited (facility.user.create) with notifiedOn and notificationRef, never the address.`,
    tags: ['facility-claims', 'staff'],
    auth: 'staff',
    params: facilityIdParams,
    body: createUserBody,
    responses: {
      201: { description: 'Registered', schema: userCreatedResponse },
      403: { description: 'Not an administrator of the facility childcare division' },
      404: { description: 'No such facility, or not a member of the childcare divisions' },
      409: { description: 'The facility already has two active users (facility_user_limit)' },
      422: { description: 'A field is missing or wrong, the log-in id is in use, or the password is refused' },
    },
    handler: async ({ req, reply, params, body, staff }) => {
      const u = await createFacilityUser(ctx, staffActing(req, staff), params.id, body);
      reply.code(201);
      return u;
    },
  });
}
