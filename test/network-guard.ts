/**
 * Outbound-network guard, loaded into every test process by scripts/run-tests.mjs (`--import`).
 * Tests talk only to this machine: the app under test, the database server and local stand-ins
 * (SMTP, LINE). Any connection to another address fails with an error naming this guard, and the
 * running test fails even when the code under test swallowed that error.
 *
 * Allowed: 127.0.0.0/8, ::1 (and IPv4-mapped loopback), `localhost` and `*.localhost`, unix sockets.
 * Everything else is refused, host names included (a test resolving a real name is already wrong).
 * Covers net.connect / net.createConnection / tls.connect / http(s) / pg (all create a net.Socket and
 * call its connect) and fetch (checked before undici is reached, so the message is not hidden
 * behind "fetch failed").
 */
import net from 'node:net';

// One state per process even if this file is loaded under two URLs (--import and helpers' import).
type GuardState = { violations: string[]; installed: boolean };
const shared = globalThis as { [k: symbol]: GuardState | undefined };
const state = (shared[Symbol.for('madoguchi.networkGuard')] ??= { violations: [], installed: false });
const violations = state.violations;

export class OutboundNetworkError extends Error {
  readonly code = 'ERR_TEST_OUTBOUND_NETWORK';
  constructor(target: string) {
    super(
      `network guard (test/network-guard.ts): tests may not connect outside this machine; refused ${target}. ` +
        'Use a local stand-in on 127.0.0.1 (e.g. the SMTP or LINE stand-ins).',
    );
  }
}

export function isLoopback(host: string | undefined): boolean {
  if (host === undefined || host === '') return true; // node's default host is localhost
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice(7) : h;
  return net.isIPv4(v4) && v4.startsWith('127.');
}

let expecting = 0;

function refuse(target: string): OutboundNetworkError {
  const err = new OutboundNetworkError(target);
  violations.push(target);
  if (expecting === 0) {
    // Also thrown as an uncaught exception, which node's test runner reports as a failure of the
    // running test: code that catches and ignores the error (a best-effort notice) still fails.
    setImmediate(() => {
      throw err;
    });
  }
  return err;
}

/** Targets refused so far in this process. */
export function networkGuardViolations(): readonly string[] {
  return violations;
}

/** Runs fn expecting refusals (the guard's own test): they reject as usual but fail no test. */
export async function expectingRefusals<T>(fn: () => Promise<T>): Promise<T> {
  expecting++;
  try {
    return await fn();
  } finally {
    // Refusals surface on sockets a tick later; stop expecting only after they have.
    await new Promise((r) => setImmediate(r));
    expecting--;
  }
}

type ConnectOptions = { host?: string; port?: number | string; path?: string };

/** The target of a Socket#connect call, in any of its forms; undefined for a unix socket. */
function targetOf(args: unknown[]): { host: string | undefined; port: unknown } | undefined {
  let first = args[0];
  // net.connect passes its normalised arguments as one array: [options, callback].
  if (Array.isArray(first)) first = first[0];
  if (first !== null && typeof first === 'object') {
    const o = first as ConnectOptions;
    if (o.path !== undefined) return undefined;
    return { host: o.host, port: o.port };
  }
  if (typeof first === 'string' && !/^\d+$/.test(first)) return undefined; // a unix socket path
  return { host: typeof args[1] === 'string' ? args[1] : undefined, port: first };
}

const isFirst = !state.installed;
state.installed = true;

const original = net.Socket.prototype.connect;
if (isFirst)
  net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
    const t = targetOf(args);
    if (t && !isLoopback(t.host)) {
      const err = refuse(`${t.host}:${String(t.port)}`);
      // Fail the way a refused connection fails: asynchronously, on the socket.
      process.nextTick(() => this.destroy(err));
      return this;
    }
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;

const originalFetch = globalThis.fetch;
if (isFirst)
  globalThis.fetch = async function guardedFetch(input: string | URL | Request, init?: RequestInit) {
    const url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    if (!isLoopback(url.hostname)) throw refuse(url.href);
    return originalFetch(input, init);
  } as typeof fetch;
