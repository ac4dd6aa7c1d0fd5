/**
 * `madoguchi privacy bundle [--out DIR]` and `madoguchi privacy verify-bundle DIR` (pinned: outside checks
 * rely on them). verify-bundle opens no database: it loads the configuration and the secrets only, to
 * trust this installation's audit signing key, so it works while the system is down.
 */
import path from 'node:path';
import { loadConfig } from '../../../config.js';
import type { AnyCliCommand } from '../../../platform/cli-command.js';
import { loadSecrets } from '../../../platform/secrets.js';
import type { RegisterSource } from '../privacy-part.js';
import { verifyBundle } from './verify-bundle.js';
import { writeBundle } from './write-bundle.js';

export function bundleCommands(registers: RegisterSource): AnyCliCommand[] {
  return [
    {
      name: 'privacy bundle',
      summary:
        'Write the signed offline copy of the personal data inventory (HTML, CSV, JSON, manifest and Ed25519 signature) and print only its path; then keep the newest PRIVACY_BUNDLE_KEEP_GENERATIONS bundles in that directory. Exits 1 when writing failed (nothing is removed then).',
      options: { out: { description: 'Directory to write into (default PRIVACY_BUNDLE_DIR, <data dir>/privacy-bundles)' } },
      async run(ctx, { options }, io) {
        const r = await writeBundle(ctx, { registers, trigger: 'cli', outDir: typeof options.out === 'string' ? options.out : undefined });
        if (!r.isOk) {
          io.err(`Privacy bundle failed: ${r.error}`);
          return 1;
        }
        io.err(
          `Privacy bundle written: ${r.manifest.files.length} files, generated ${r.manifest.generatedAt}, signed with key ${r.manifest.signing.keyId}.${r.removed.length ? ` Removed ${r.removed.length} older generation(s): ${r.removed.join(', ')}.` : ''}`,
        );
        io.out(r.path);
      },
    },
    {
      name: 'privacy verify-bundle',
      summary:
        "Verify an offline privacy bundle without a database: the signature of manifest.json under this installation's audit signing key, every listed file's size and SHA-256, and no unlisted file. Exits 0 only for an untampered bundle, 1 naming each problem.",
      args: [{ name: 'dir', description: 'The bundle directory (madoguchi-privacy-<time>)', required: true }],
      needsDb: false,
      async run({ args }, io) {
        const dir = path.resolve(args[0] as string);
        const { auditSigning } = loadSecrets(loadConfig());
        const problems = verifyBundle(dir, { id: auditSigning.id, publicKey: auditSigning.publicKey });
        if (problems.length) {
          io.err(`Privacy bundle verification FAILED for ${dir}:`);
          for (const p of problems) io.err(`  ${p}`);
          return 1;
        }
        io.out(
          `Privacy bundle verified: ${dir} is signed with the audit signing key ${auditSigning.id} and every file matches its manifest.`,
        );
      },
    },
  ];
}
