/**
 * deploy/systemd: the units pass `systemd-analyze verify` without a warning (when systemd-analyze is
 * installed), carry the hardening and settings the operations guide promises, and the example environment
 * file names every variable the configuration reads.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { DETECTOR_NAMES } from '../../src/config.js';

const dir = 'deploy/systemd';
const units = ['madoguchi-web@.service', 'madoguchi-worker.service', 'madoguchi.target'];
const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
const analyzer = spawnSync('systemd-analyze', ['--version'], { encoding: 'utf8' }).status === 0;

/** `Key=value` settings of a unit (the last one wins, as in systemd). */
function settings(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^([A-Za-z]+)=(.*)$/.exec(line.trim());
    if (m) out.set(m[1] as string, m[2] as string);
  }
  return out;
}

describe('systemd units (deploy/systemd)', () => {
  it('pass systemd-analyze verify without a warning', { skip: !analyzer && 'systemd-analyze is not installed (package systemd)' }, () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-units-'));
    try {
      // verify checks that the command exists: the node running this test stands in for /usr/bin/node
      for (const u of units) fs.writeFileSync(path.join(tmp, u), read(u).replaceAll('/usr/bin/node', process.execPath));
      const r = spawnSync(
        'systemd-analyze',
        ['verify', ...['madoguchi-web@3001.service', 'madoguchi-worker.service', 'madoguchi.target'].map((u) => path.join(tmp, u))],
        { encoding: 'utf8', env: { ...process.env, SYSTEMD_LOG_LEVEL: 'notice' } },
      );
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stderr.trim(), '', 'no warning (an unknown or unparsable setting is only a warning)');
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('run web instances on their own port without jobs, hardened, with a stop timeout longer than the 15 s drain', () => {
    for (const name of ['madoguchi-web@.service', 'madoguchi-worker.service']) {
      const s = settings(read(name));
      for (const [key, value] of [
        ['User', 'madoguchi'],
        ['NoNewPrivileges', 'yes'],
        ['ProtectSystem', 'strict'],
        ['ProtectHome', 'yes'],
        ['PrivateTmp', 'yes'],
        ['Restart', 'on-failure'],
        ['EnvironmentFile', '/etc/madoguchi/madoguchi.env'],
      ])
        assert.equal(s.get(key as string), value, `${name}: ${key}`);
      assert.match(
        s.get('ReadWritePaths') ?? '',
        /\/var\/backups\/madoguchi .*\/srv\/madoguchi\/audit-checkpoints/,
        `${name}: ReadWritePaths`,
      );
      assert.ok(Number.parseInt(s.get('TimeoutStopSec') ?? '0', 10) > 15, `${name}: TimeoutStopSec`);
      assert.equal(s.get('MemoryDenyWriteExecute'), undefined, `${name}: V8 needs writable executable memory`);
    }
    assert.match(settings(read('madoguchi-web@.service')).get('ExecStart') ?? '', /PORT=%i .*RUN_WORKER=false .*dist\/main\.js$/);
    assert.match(settings(read('madoguchi-worker.service')).get('ExecStart') ?? '', /bin\/madoguchi\.js worker$/);
  });

  it('the example environment file names every variable of src/config.ts, and none the web unit sets', () => {
    const example = read('madoguchi.env.example');
    const named = new Set([...example.matchAll(/^#?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]));
    const config = fs.readFileSync('src/config.ts', 'utf8');
    const read_ = new Set([...config.matchAll(/env\.([A-Z][A-Z0-9_]+)|'([A-Z][A-Z0-9_]{3,})'/g)].map((m) => (m[1] ?? m[2]) as string));
    const unitSet = new Set(['PORT', 'HOST', 'RUN_WORKER']);
    // set by Node's test runner, never by an operator
    const notForProduction = new Set(['NODE_TEST_CONTEXT']);
    const missing = [...read_].filter((v) => !named.has(v) && !unitSet.has(v) && !notForProduction.has(v));
    assert.deepEqual(missing, [], 'variables of src/config.ts missing from madoguchi.env.example');
    for (const v of unitSet) assert.ok(!named.has(v), `${v} is set by the unit; the environment file would override it`);
    for (const detector of DETECTOR_NAMES)
      assert.ok(
        named.has(`ALERT_THRESHOLD_${detector.toUpperCase()}`),
        `ALERT_THRESHOLD_${detector.toUpperCase()} in madoguchi.env.example`,
      );
  });
});
