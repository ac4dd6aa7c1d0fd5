/**
 * Staff module: staff identity (passwords, sessions, TOTP), access control (department scoping),
 * accounts and departments administration, and the staff page shell. Other modules use only these:
 *
 * - `readableDepartmentIds(actor)`: the departments whose data the person may see (their memberships).
 * - `assertDepartmentAccess(actor, departmentId)`: throws 404 when the person is not a member.
 * - `isDepartmentAdmin(actor, departmentId)`, `isSystemAdmin(actor)`.
 * - `renderStaffPage(req, { title, main, active })`: a full staff page.
 * - `registerStaffNav(app, item)`: adds an entry to that app's staff navigation; a module calls it in
 *   its `register(app, ctx)` for the pages it serves, so a process only links to what it answers.
 * - `csrfField(req)`: the hidden `_csrf` input for HTML forms.
 */
export { staffModule } from './staff.module.js';
export {
  readableDepartmentIds,
  assertDepartmentAccess,
  isDepartmentAdmin,
  isSystemAdmin,
  administeredDepartmentIds,
} from './staff.policy.js';
export { renderStaffPage, registerStaffNav } from './staff-shell.js';
export { checkPasswordPolicy, PASSWORD_MIN_LENGTH } from './password-policy.js';
