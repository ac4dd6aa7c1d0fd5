/**
 * Childcare facility claims (施設型給付費・地域型保育給付費): facilities and their users with an e-mailed
 * one-time password, the staff roster entered once, child counts imported from the city's core system,
 * application items per fiscal year, the unit-price tables and the calculation engine, claims and forms
 * filled from those, the city's review and approval, printed forms and the month's totals.
 * No child's personal data: counts only.
 */
import type { Module } from '../../platform/module.js';
import { commands as claimCommands, jobs as claimJobs, registerClaims } from './claims/register.js';
import { commands as countCommands, jobs as countJobs, registerCounts } from './counts/register.js';
import { commands as facilityCommands, jobs as facilityJobs, registerFacilities } from './facilities/register.js';
import { commands as itemCommands, jobs as itemJobs, registerItems } from './items/register.js';
import { commands as authCommands, jobs as authJobs, registerPortalAuth } from './portal-auth/register.js';
import { commands as pricingCommands, jobs as pricingJobs, registerPricing } from './pricing/register.js';
import { commands as reviewCommands, jobs as reviewJobs, registerReview } from './review/register.js';
import { commands as rosterCommands, jobs as rosterJobs, registerRoster } from './roster/register.js';
import { seedFacilityDemo } from './demo/seed-demo.js';
import { registerFacilityGuard } from './shared/facility-session.js';
import { facilityPersonalData, useReviewDepartment } from './personal-data.js';

export const facilityClaimsModule: Module = {
  name: 'facility-claims',
  // the register's scopes name the review division, which the configuration gives by code
  attach: (ctx) => useReviewDepartment(ctx.config.facility.reviewDepartmentCode),
  register(app, ctx) {
    const surfaces = { facility: true, staff: !ctx.config.facility.portalOnly };
    registerFacilityGuard(app, ctx);
    registerPortalAuth(app, ctx, surfaces);
    registerFacilities(app, ctx, surfaces);
    registerRoster(app, ctx, surfaces);
    registerCounts(app, ctx, surfaces);
    registerItems(app, ctx, surfaces);
    registerPricing(app, ctx, surfaces);
    registerClaims(app, ctx, surfaces);
    registerReview(app, ctx, surfaces);
  },
  seedDemo: seedFacilityDemo,
  jobs: [...authJobs, ...facilityJobs, ...rosterJobs, ...countJobs, ...itemJobs, ...pricingJobs, ...claimJobs, ...reviewJobs],
  commands: [
    ...facilityCommands,
    ...authCommands,
    ...rosterCommands,
    ...countCommands,
    ...itemCommands,
    ...pricingCommands,
    ...claimCommands,
    ...reviewCommands,
  ],
  personalData: facilityPersonalData,
};
