// CI: `npm audit` of the production dependencies; fails on a high or critical advisory.
// When the registry's advisory service cannot be reached (some mirrors answer its bulk endpoint with
// 405), the audit cannot be made: that is printed as a warning and does not fail the build, since it
// says nothing about the dependencies.
import { spawnSync } from 'node:child_process';

const r = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8' });
let report;
try {
  report = JSON.parse(r.stdout);
} catch {
  console.error(`npm audit printed no report (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  process.exit(1);
}
const counts = report.metadata?.vulnerabilities;
if (!counts) {
  console.warn(
    `WARNING: npm audit could not reach the advisory service (${report.message ?? report.error?.summary ?? 'no metadata'}); production dependencies NOT audited.`,
  );
  process.exit(0);
}
const line = ['critical', 'high', 'moderate', 'low', 'info'].map((k) => `${k} ${counts[k] ?? 0}`).join(', ');
console.log(`npm audit (production dependencies): ${line}`);
if ((counts.critical ?? 0) + (counts.high ?? 0) > 0) {
  spawnSync('npm', ['audit', '--omit=dev', '--audit-level=high'], { stdio: 'inherit' });
  process.exit(1);
}
