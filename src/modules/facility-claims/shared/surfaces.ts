/**
 * Which audiences a process serves. The portal-only process (MADOGUCHI_FACILITY_PORTAL_ONLY, in the DMZ)
 * registers the facility routes and their log-in and nothing for city staff.
 */
export type Surfaces = { facility: boolean; staff: boolean };
