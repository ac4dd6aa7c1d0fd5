/**
 * Privacy: the register of every personal data item by module, procedure and service (each module
 * declares its own in `personal-data.ts`, see src/platform/personal-data.ts), the inventory (データ項目台帳)
 * for the privacy officer and department heads, its signed offline bundle, the breach-impact report and
 * the citizens' pages on what each procedure collects.
 *
 * The module is built from the other modules' registers (createPrivacyModule), so it never imports the
 * module list itself.
 */
import type { Module } from '../../platform/module.js';
import { breachPart } from './breach/register.js';
import { bundlePart } from './bundle/register.js';
import { inventoryPart } from './inventory/register.js';
import type { RegisterSource } from './privacy-part.js';
import { sweepPart } from './sweep/register.js';
import { transparencyPart } from './transparency/register.js';

export type { RegisterSource } from './privacy-part.js';

export function createPrivacyModule(registers: RegisterSource): Module {
  const parts = [inventoryPart, bundlePart, breachPart, transparencyPart, sweepPart].map((make) => make(registers));
  return {
    name: 'privacy',
    async register(app, ctx) {
      for (const p of parts) await p.register?.(app, ctx);
    },
    jobs: parts.flatMap((p) => p.jobs ?? []),
    commands: parts.flatMap((p) => p.commands ?? []),
  };
}
