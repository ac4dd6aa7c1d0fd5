/**
 * E-applications module (電子申請): procedures built by departments as versioned forms, the citizen
 * flow (fill, save and resume, confirm, submit, status, correction), attachments, fees paid on a
 * provider's hosted page with reconciliation, payment administration, and the department inbox.
 */
import type { Module } from '../../platform/module.js';

export const applicationsModule: Module = {
  name: 'applications',
  register() {},
};
