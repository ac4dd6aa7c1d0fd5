/**
 * The offline copy of the inventory (issue 14, part 4): `madoguchi privacy bundle` and `privacy
 * verify-bundle`, the daily bundle and the one after a definition changes. No pages of its own: the
 * inventory's pages may show the newest bundle with `latestBundle(dir)` from ./bundle-files.ts.
 */
import type { PrivacyPart, RegisterSource } from '../privacy-part.js';
import { bundleCommands } from './bundle.cli.js';
import { bundleJobs } from './bundle.jobs.js';

export function bundlePart(registers: RegisterSource): PrivacyPart {
  return { jobs: bundleJobs(registers), commands: bundleCommands(registers) };
}
