/** The outbound-network guard that scripts/run-tests.mjs loads into every test process. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { expectingRefusals, isLoopback, networkGuardViolations, OutboundNetworkError } from './network-guard.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('outbound-network guard', () => {
  it('refuses fetch to https://example.com/ with an error naming the guard', async () => {
    const before = networkGuardViolations().length;
    await assert.rejects(
      expectingRefusals(() => fetch('https://example.com/')),
      (err: unknown) => {
        assert.ok(err instanceof OutboundNetworkError);
        assert.match(err.message, /network guard \(test\/network-guard\.ts\).*refused https:\/\/example\.com\//);
        return true;
      },
    );
    assert.deepEqual(networkGuardViolations().slice(before), ['https://example.com/']);
  });

  it('refuses a raw socket to a public address, asynchronously on the socket', async () => {
    const err = await expectingRefusals(
      () => new Promise<Error>((resolve) => net.connect({ host: '93.184.215.14', port: 443 }).on('error', resolve)),
    );
    assert.ok(err instanceof OutboundNetworkError);
    assert.match(err.message, /refused 93\.184\.215\.14:443/);
  });

  it('refuses private-range addresses and host names other than localhost', async () => {
    for (const host of ['10.0.0.1', '192.168.1.1', 'example.com', '::ffff:10.0.0.1', '2001:db8::1']) {
      const err = await expectingRefusals(() => new Promise<Error>((resolve) => net.connect(80, host).on('error', resolve)));
      assert.ok(err instanceof OutboundNetworkError, host);
    }
  });

  it('lets loopback connections through (127.0.0.1 and localhost connect; ::1 and 127/8 pass the address check)', async () => {
    const before = networkGuardViolations().length;
    const server = net.createServer((s) => s.end('ok'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as net.AddressInfo;
    try {
      for (const host of ['127.0.0.1', 'localhost']) {
        const text = await new Promise<string>((resolve, reject) => {
          let got = '';
          net
            .connect(port, host)
            .on('data', (d) => (got += d))
            .on('end', () => resolve(got))
            .on('error', reject);
        });
        assert.equal(text, 'ok', host);
      }
      assert.equal((await fetch(`http://127.0.0.1:${port}/`).catch((e: Error) => e)) instanceof OutboundNetworkError, false);
    } finally {
      server.close();
    }
    for (const h of ['127.0.0.1', '127.1.2.3', 'localhost', 'app.localhost', '::1', '[::1]', '::ffff:127.0.0.1'])
      assert.ok(isLoopback(h), h);
    assert.equal(networkGuardViolations().length, before);
  });

  it('fails the test file even when the code under test swallows the refusal (exit code 1, the guard named)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-guard-'));
    const file = path.join(dir, 'swallow.test.mjs');
    fs.writeFileSync(
      file,
      "import { it } from 'node:test';\nit('sends a notice and ignores the failure', async () => { await fetch('https://example.com/').catch(() => undefined); });\n",
    );
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--import', './test/network-guard.ts', '--test', file], {
      cwd: root,
      // Without the runner's NODE_TEST_CONTEXT the child is a runner of its own, with its own exit code.
      env: Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_TEST_CONTEXT')),
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.notEqual(r.status, 0, r.stdout);
    assert.match(r.stdout, /# fail 1/);
    assert.match(r.stdout, /network guard \(test\/network-guard\.ts\)/);
  });
});
