/**
 * Operations: what a city's IT division runs the system with — encrypted backups kept for a number of
 * generations and restore drills, intrusion detection that mails the security administrators, Prometheus
 * metrics, and re-encryption of personal data under a new key. docs/operations.md is the guide.
 */
import type { Module } from '../../platform/module.js';
import { backupPart } from './backup/register.js';
import { detectionPart } from './detection/register.js';
import { keyRotationPart } from './key-rotation/register.js';
import { metricsPart } from './metrics/register.js';
import { operationsPersonalData } from './personal-data.js';

const parts = [metricsPart, backupPart, detectionPart, keyRotationPart];

export const operationsModule: Module = {
  name: 'operations',
  attach(ctx) {
    for (const p of parts) p.attach?.(ctx);
  },
  async register(app, ctx) {
    for (const p of parts) await p.register?.(app, ctx);
  },
  jobs: parts.flatMap((p) => p.jobs ?? []),
  commands: parts.flatMap((p) => p.commands ?? []),
  personalData: operationsPersonalData,
};
