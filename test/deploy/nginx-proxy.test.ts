/**
 * deploy/nginx/madoguchi.conf in front of two real web processes and one worker on one PostgreSQL database:
 * TLS versions and ciphers, HSTS, the HTTP redirect, X-Forwarded-For believed only from the proxy, both
 * processes serving, the access log's privacy, /metrics closed, the body limit, and a web process stopped
 * (SIGTERM) under a stream of bookings through nginx without a lost or failed request.
 *
 * The deploy file itself is rendered (test/deploy/render-nginx.ts): ports, paths and the name replaced,
 * each replacement required to match, plus `proxy_bind 127.0.0.2` so that the proxy's connections come
 * from an address of their own (TRUST_PROXY) and a client on 127.0.0.1 can be told apart.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { benchService } from '../../bench/support.js';
import { generateSecretValues } from '../../src/platform/secrets.js';
import { openDb, type Db } from '../../src/platform/db.js';
import { addDays, jstDate, jstInstant, jstIso } from '../../src/platform/japan-time.js';
import { createServerDatabase, serverUrl } from '../helpers.js';
import { nodeEntry } from '../node-entry.js';
import { findNginx, renderNginxConfig, testNginxMain } from './render-nginx.js';

const nginx = findNginx();
const requireNginx = process.env.CI_REQUIRE_NGINX === '1';
const skip = !serverUrl
  ? 'two web processes need a PostgreSQL server'
  : !nginx && !requireNginx
    ? 'nginx is not installed (apt-get install nginx; CI sets CI_REQUIRE_NGINX=1 and fails instead)'
    : false;

const SERVER_NAME = 'madoguchi.test';
/** The proxy connects to the web processes from here (proxy_bind in the rendering). */
const PROXY_ADDRESS = '127.0.0.2';
/**
 * Clients of nginx connect from here. The web processes trust it too (as they would a second proxy in
 * front): a header nginx appended to instead of setting would then hand them the client's forged address.
 */
const CLIENT_ADDRESS = '127.0.0.3';
const FORGED = '203.0.113.9';

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Proc = { child: ChildProcess; output: () => string; exited: Promise<number | null> };

function startProcess(args: string[], env: Record<string, string>): Proc {
  const child = spawn(process.execPath, [...nodeEntry(args[0] ?? ''), ...args.slice(1)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d) => (out += String(d)));
  child.stderr?.on('data', (d) => (out += String(d)));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

async function waitUntil(what: string, check: () => Promise<boolean> | boolean, ms: number, proc?: Proc): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (proc && proc.child.exitCode !== null) throw new Error(`${what}: the process exited (${proc.child.exitCode}):\n${proc.output()}`);
    if (
      await Promise.resolve()
        .then(check)
        .catch(() => false)
    )
      return;
    await sleep(100);
  }
  throw new Error(`${what}: not ready after ${ms} ms${proc ? `:\n${proc.output()}` : ''}`);
}

type Answer = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

describe('nginx (deploy/nginx/madoguchi.conf) in front of two web processes and a worker', { skip }, () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-nginx-'));
  const ports = { http: 0, https: 0, control: 0, webA: 0, webB: 0 };
  let database: { url: string; drop(): Promise<void> } | undefined;
  let db: Db | undefined;
  let serviceId = '';
  let cert = '';
  let agent: https.Agent;
  let nginxProc: Proc | undefined;
  const web: Proc[] = [];
  let worker: Proc | undefined;
  const accessLog = path.join(tmp, 'access.log');

  const request = (
    pathname: string,
    o: { method?: string; headers?: Record<string, string>; body?: string; localAddress?: string; contentLength?: number } = {},
  ) =>
    new Promise<Answer>((resolve, reject) => {
      const req = https.request(
        {
          host: '127.0.0.1',
          port: ports.https,
          servername: SERVER_NAME,
          path: pathname,
          method: o.method ?? 'GET',
          headers: { host: SERVER_NAME, ...o.headers },
          agent,
          localAddress: o.localAddress ?? CLIENT_ADDRESS,
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      if (o.contentLength !== undefined) {
        // headers only: nginx judges the declared length before reading the body
        req.setHeader('content-length', String(o.contentLength));
        req.flushHeaders();
        return;
      }
      req.end(o.body);
    });

  const direct = (port: number, pathname: string, init: RequestInit = {}) => fetch(`http://127.0.0.1:${port}${pathname}`, init);

  before(async () => {
    if (!nginx) assert.fail('CI_REQUIRE_NGINX=1 but nginx is not installed (apt-get install nginx)');
    for (const k of Object.keys(ports) as (keyof typeof ports)[]) ports[k] = await freePort();
    database = await createServerDatabase(serverUrl as string, { migrated: true });
    db = await openDb({ url: database.url, poolSize: 2 });
    serviceId = await db.transaction((tx) => benchService(tx, { capacity: 50, durationMinutes: 30, code: 'proxytest' }));

    // a throw-away certificate for the server name
    const made = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '2',
        '-subj',
        `/CN=${SERVER_NAME}`,
        '-addext',
        `subjectAltName=DNS:${SERVER_NAME}`,
        '-keyout',
        path.join(tmp, 'key.pem'),
        '-out',
        path.join(tmp, 'cert.pem'),
      ],
      { encoding: 'utf8' },
    );
    assert.equal(made.status, 0, made.stderr);
    cert = fs.readFileSync(path.join(tmp, 'cert.pem'), 'utf8');
    agent = new https.Agent({ keepAlive: true, ca: cert, maxSockets: 16 });

    const site = renderNginxConfig(fs.readFileSync('deploy/nginx/madoguchi.conf', 'utf8'), {
      serverName: SERVER_NAME,
      httpListen: `127.0.0.1:${ports.http}`,
      httpsListen: `127.0.0.1:${ports.https}`,
      upstreams: [`127.0.0.1:${ports.webA}`, `127.0.0.1:${ports.webB}`],
      certificate: path.join(tmp, 'cert.pem'),
      certificateKey: path.join(tmp, 'key.pem'),
      accessLog,
      errorLog: path.join(tmp, 'site-error.log'),
      proxyBind: PROXY_ADDRESS,
    });
    fs.writeFileSync(path.join(tmp, 'madoguchi.conf'), site);
    fs.writeFileSync(
      path.join(tmp, 'nginx.conf'),
      testNginxMain(tmp, { site: path.join(tmp, 'madoguchi.conf'), controlListen: `127.0.0.1:${ports.control}` }),
    );
    const check = spawnSync(nginx as string, ['-t', '-p', tmp, '-e', path.join(tmp, 'error.log'), '-c', path.join(tmp, 'nginx.conf')], {
      encoding: 'utf8',
    });
    assert.equal(check.status, 0, `nginx -t refused the rendered configuration:\n${check.stderr}`);

    const secrets = generateSecretValues('proxytest-');
    const env = (port: number, extra: Record<string, string> = {}): Record<string, string> => ({
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_TEST_CONTEXT: process.env.NODE_TEST_CONTEXT ?? 'child-v8',
      ...secrets,
      DATABASE_URL: (database as { url: string }).url,
      DATABASE_POOL_SIZE: '6',
      MADOGUCHI_ENV: 'test',
      MADOGUCHI_DATA_DIR: path.join(tmp, `data-${port}`),
      LOG_LEVEL: 'warn',
      PORT: String(port),
      HOST: '127.0.0.1',
      RUN_WORKER: 'false',
      TRUST_PROXY: `${PROXY_ADDRESS},${CLIENT_ADDRESS}`,
      RATE_LIMIT_PER_MINUTE: '1000000',
      ...extra,
    });
    web.push(startProcess(['src/main.ts'], env(ports.webA)), startProcess(['src/main.ts'], env(ports.webB)));
    worker = startProcess(['src/cli.ts', 'worker'], env(0));
    nginxProc = {
      ...(() => {
        const child = spawn(
          nginx as string,
          ['-p', tmp, '-e', path.join(tmp, 'error.log'), '-c', path.join(tmp, 'nginx.conf'), '-g', 'daemon off;'],
          {
            stdio: ['ignore', 'pipe', 'pipe'],
          },
        );
        let out = '';
        child.stdout.on('data', (d) => (out += String(d)));
        child.stderr.on('data', (d) => (out += String(d)));
        return { child, output: () => out, exited: new Promise<number | null>((r) => child.on('exit', (c) => r(c))) };
      })(),
    };
    await Promise.all([
      ...web.map((w, i) =>
        waitUntil(`web process ${i + 1}`, async () => (await direct(i ? ports.webB : ports.webA, '/readyz')).ok, 180_000, w),
      ),
      waitUntil('worker', () => /Worker \S+ running/.test(worker?.output() ?? ''), 180_000, worker),
      waitUntil(
        'nginx',
        () =>
          new Promise<boolean>((resolve) => {
            const s = net.connect(ports.https, '127.0.0.1', () => {
              s.destroy();
              resolve(true);
            });
            s.on('error', () => resolve(false));
          }),
        10_000,
        nginxProc,
      ),
    ]);
  });

  after(async () => {
    agent?.destroy();
    // nginx first: its pooled connections close, so the web process still running has nothing to drain
    if (nginxProc && nginxProc.child.exitCode === null) {
      nginxProc.child.kill('SIGTERM');
      await Promise.race([nginxProc.exited, sleep(5000)]);
    }
    const procs = [...web, worker, nginxProc].filter((p): p is Proc => !!p && p.child.exitCode === null);
    for (const p of procs) p.child.kill('SIGTERM');
    await Promise.race([Promise.all(procs.map((p) => p.exited)), sleep(15_000)]);
    for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGKILL');
    await db?.close();
    await database?.drop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** openssl s_client against `port` with the given protocol option: whether the handshake completed, and its output. */
  const handshake = (port: number, args: string[]) => {
    const r = spawnSync(
      'openssl',
      ['s_client', '-connect', `127.0.0.1:${port}`, '-servername', SERVER_NAME, '-CAfile', path.join(tmp, 'cert.pem'), ...args],
      { input: '', encoding: 'utf8', timeout: 10_000 },
    );
    const out = `${r.stdout}\n${r.stderr}`;
    return { ok: r.status === 0 && /Verify return code: 0 \(ok\)/.test(out), out };
  };

  it('refuses TLS 1.0 and 1.1 (the server refuses: the same probe is accepted by a TLS 1.0 server), accepts 1.2 with ECDHE+AEAD only and 1.3', () => {
    // The client is allowed every old version and cipher (SECLEVEL=0), so a refusal is the server's. The control
    // server in the same nginx allows TLS 1.0: the probe can succeed on this machine.
    for (const [flag, name] of [
      ['-tls1', 'TLSv1'],
      ['-tls1_1', 'TLSv1.1'],
    ] as const) {
      const control = handshake(ports.control, [flag, '-cipher', 'DEFAULT@SECLEVEL=0']);
      assert.ok(control.ok, `control server should accept ${name}:\n${control.out}`);
      assert.match(control.out, new RegExp(`Protocol\\s*: ${name.replace('.', '\\.')}\n`));
      const ours = handshake(ports.https, [flag, '-cipher', 'DEFAULT@SECLEVEL=0']);
      assert.equal(ours.ok, false, `${name} was accepted:\n${ours.out}`);
      assert.match(ours.out, /alert protocol version|unsupported protocol|no protocols available/i);
      assert.doesNotMatch(ours.out, /no protocols available/i, 'the client refused, not the server');
    }
    const v12 = handshake(ports.https, ['-tls1_2']);
    assert.ok(v12.ok, v12.out);
    assert.match(v12.out, /New, TLSv1\.2, Cipher is ECDHE-RSA-(AES128-GCM-SHA256|AES256-GCM-SHA384|CHACHA20-POLY1305)\n/);
    // TLS 1.2 without forward secrecy (RSA key exchange) or with CBC: refused
    for (const cipher of ['AES128-GCM-SHA256', 'ECDHE-RSA-AES128-SHA256', 'ECDHE-RSA-AES128-SHA']) {
      const weak = handshake(ports.https, ['-tls1_2', '-cipher', `${cipher}@SECLEVEL=0`]);
      assert.equal(weak.ok, false, `${cipher} was accepted:\n${weak.out}`);
    }
    const v13 = handshake(ports.https, ['-tls1_3']);
    assert.ok(v13.ok, v13.out);
    assert.match(v13.out, /New, TLSv1\.3, Cipher is TLS_/);
  });

  it('sends HSTS (on proxied and on nginx-made answers) and redirects HTTP to HTTPS', async () => {
    const proxied = await request('/healthz');
    assert.equal(proxied.status, 200);
    assert.ok(proxied.headers['x-request-id'], 'answered by a web process');
    const hsts = String(proxied.headers['strict-transport-security'] ?? '');
    const maxAge = Number(/max-age=(\d+)/.exec(hsts)?.[1]);
    assert.ok(maxAge >= 365 * 86_400, `HSTS max-age ≥ 1 year: ${hsts}`);
    const own = await request('/metrics');
    assert.match(String(own.headers['strict-transport-security']), /max-age=/);

    const plain = await fetch(`http://127.0.0.1:${ports.http}/services?lang=en`, { redirect: 'manual', headers: { host: SERVER_NAME } });
    assert.equal(plain.status, 301);
    assert.equal(plain.headers.get('location'), `https://${SERVER_NAME}/services?lang=en`);
  });

  it('believes X-Forwarded-For from the proxy only: nginx sets it to the client address, a direct client cannot forge it', async () => {
    /** Client address recorded in the audit log for a failed staff log-in answered with this request id. */
    const recordedAddress = async (answer: { status: number; requestId: string | null | undefined }) => {
      assert.equal(answer.status, 401);
      assert.ok(answer.requestId);
      const r = await (db as Db).query<{ client_ip: string }>(
        "SELECT client_ip FROM audit_log WHERE request_id = $1 AND action = 'staff.login_failed'",
        [answer.requestId],
      );
      assert.equal(r.rows.length, 1, 'one audit entry for the failed log-in');
      return r.rows[0]?.client_ip;
    };
    const body = JSON.stringify({ loginId: 'nobody-proxytest', password: 'wrong-password-123' });
    const headers = { 'content-type': 'application/json', 'x-forwarded-for': FORGED };
    const viaProxy = await request('/api/v1/staff/session', { method: 'POST', headers, body });
    assert.equal(await recordedAddress({ status: viaProxy.status, requestId: viaProxy.headers['x-request-id'] as string }), CLIENT_ADDRESS);
    const direct1 = await direct(ports.webA, '/api/v1/staff/session', { method: 'POST', headers, body });
    await direct1.arrayBuffer();
    assert.equal(await recordedAddress({ status: direct1.status, requestId: direct1.headers.get('x-request-id') }), '127.0.0.1');
  });

  it('spreads requests over both web processes and logs neither query strings, mailed-link tokens nor cookies', async () => {
    const before = fs.readFileSync(accessLog, 'utf8').length;
    const secret = 'QuerySecret0123456789';
    const token = 'PathToken0123456789abc';
    for (let i = 0; i < 6; i++)
      assert.equal((await request(`/healthz?t=${secret}`, { headers: { cookie: `sid=CookieSecret${i}` } })).status, 200);
    await request(`/my/e/${token}`);
    await request(`/apply/resume/${token}?x=1`);
    // nginx writes a line when it has finished a request, which can be just after the client read the answer
    let lines: string[] = [];
    await waitUntil('access log', () => (lines = fs.readFileSync(accessLog, 'utf8').slice(before).trim().split('\n')).length >= 8, 5000);
    const upstreams = new Set(lines.map((l) => /upstream=(\S+)/.exec(l)?.[1]));
    assert.ok(upstreams.has(`127.0.0.1:${ports.webA}`) && upstreams.has(`127.0.0.1:${ports.webB}`), lines.join('\n'));
    const logged = lines.join('\n');
    assert.doesNotMatch(logged, new RegExp(`${secret}|${token}|CookieSecret|\\?`));
    assert.match(logged, /"GET \/my\/e\/\[token\] HTTP\/1\.1"/);
    assert.match(logged, /"GET \/apply\/resume\/\[token\] HTTP\/1\.1"/);
  });

  it('keeps /metrics out of reach through the proxy and stops an oversized body at the door', async () => {
    // there is something to hide: a web process serves its metrics to a loopback client
    const metrics = await direct(ports.webA, '/metrics');
    assert.equal(metrics.status, 200);
    assert.match(await metrics.text(), /^# (HELP|TYPE) /m);
    for (const p of ['/metrics', '/metrics?format=text', '/%6detrics']) {
      const r = await request(p);
      assert.equal(r.status, 404, p);
      assert.equal(r.headers['x-request-id'], undefined, `${p}: answered by nginx, not passed on`);
    }
    const big = await request('/api/v1/reservations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      contentLength: 12 * 1024 * 1024,
    });
    assert.equal(big.status, 413);
    assert.equal(big.headers['x-request-id'], undefined);
  });

  it('loses no booking and fails no request while one web process is stopped with SIGTERM', async () => {
    const day = addDays(jstDate(new Date()), 3);
    const startOf = (k: number) => {
      const slot = k % 24;
      return jstIso(
        jstInstant(addDays(day, Math.floor(k / 24) % 60), `${String(8 + Math.floor(slot / 2)).padStart(2, '0')}:${slot % 2 ? '30' : '00'}`),
      );
    };
    const results: { status: number; number?: string; error?: string }[] = [];
    let next = 0;
    let stop = false;
    const book = async (k: number) => {
      try {
        const r = await request('/api/v1/reservations', {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': `proxytest-${k}` },
          body: JSON.stringify({ serviceId, start: startOf(k), name: `Proxy Test ${k}`, phone: `090${String(20000000 + k).slice(-8)}` }),
        });
        const number = r.status === 201 ? (JSON.parse(r.body) as { reservationNumber: string }).reservationNumber : undefined;
        results.push({ status: r.status, number, ...(r.status >= 300 ? { error: r.body.slice(0, 200) } : {}) });
      } catch (err) {
        results.push({ status: 0, error: String(err) });
      }
    };
    const clients = Array.from({ length: 6 }, async () => {
      while (!stop) await book(next++);
    });
    await sleep(1500);
    const sentBeforeStop = results.length;
    const [stopped] = web;
    const stoppedAt = Date.now();
    stopped?.child.kill('SIGTERM');
    const code = await Promise.race([stopped?.exited, sleep(14_000).then(() => 'timeout')]);
    const drainMs = Date.now() - stoppedAt;
    await sleep(1000);
    stop = true;
    await Promise.all(clients);

    const ok = results.filter((r) => r.status >= 200 && r.status < 300);
    const failed = results.filter((r) => r.status < 200 || r.status >= 300);
    const rows = await (db as Db).query<{ reservation_number: string }>(
      'SELECT reservation_number FROM rsv_reservations WHERE service_id = $1',
      [serviceId],
    );
    const inDb = new Set(rows.rows.map((r) => r.reservation_number));
    const lost = ok.filter((r) => !r.number || !inDb.has(r.number));
    const log = fs.readFileSync(accessLog, 'utf8');
    const servedByStopped = (
      log.match(new RegExp(`"POST /api/v1/reservations [^\\n]*upstream=127\\.0\\.0\\.1:${ports.webA}\\b`, 'g')) ?? []
    ).length;
    console.log(
      `# bookings through nginx: ${results.length} sent (${sentBeforeStop} before SIGTERM), ${ok.length} answered 2xx, ` +
        `${failed.length} failed, ${inDb.size} in the database, ${lost.length} answered 2xx but missing; ` +
        `${servedByStopped} served by the stopped process, which exited ${code} after ${drainMs} ms`,
    );
    assert.equal(code, 0, `the stopped web process exits cleanly:\n${stopped?.output()}`);
    assert.ok(sentBeforeStop >= 5 && results.length - sentBeforeStop >= 20, `requests before (${sentBeforeStop}) and after the stop`);
    assert.ok(servedByStopped > 0, 'the stopped process served bookings before it stopped');
    assert.deepEqual(lost, [], 'every booking answered 2xx is in the database');
    assert.deepEqual(failed.slice(0, 5), [], `${failed.length} requests failed: ${[...new Set(failed.map((f) => f.status))].join(', ')}`);
    assert.equal(inDb.size, ok.length, 'no booking in the database that was not answered 2xx');
    const remaining = await request('/healthz');
    assert.equal(remaining.status, 200, 'the other process still serves');
  });
});
