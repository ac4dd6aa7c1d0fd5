/**
 * The benchmark's physical references, each one process like a madoguchi web process:
 * `hello` — fastify answering a constant JSON; `select` — fastify answering one primary-key SELECT
 * through a pg pool (DATABASE_URL); `busy <µs>` — the hello world spending that much CPU per request first
 * (a route as costly as madoguchi's, without madoguchi). Announces "LISTENING <url>" on stderr.
 */
import Fastify from 'fastify';
import pg from 'pg';

const mode = process.argv[2];
const app = Fastify();
if (mode === 'hello') app.get('/', async () => ({ hello: 'world' }));
else if (mode === 'busy') {
  const ns = BigInt(Math.round(Number(process.argv[3]) * 1000));
  app.get('/', async () => {
    const end = process.hrtime.bigint() + ns;
    while (process.hrtime.bigint() < end);
    return { hello: 'world' };
  });
} else if (mode === 'select') {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 16 });
  await pool.query('CREATE TABLE IF NOT EXISTS bench_ref (id int PRIMARY KEY, v text)');
  await pool.query("INSERT INTO bench_ref SELECT g, 'value ' || g FROM generate_series(1, 1000) g ON CONFLICT DO NOTHING");
  let i = 0;
  app.get('/', async () => (await pool.query('SELECT id, v FROM bench_ref WHERE id = $1', [(i++ % 1000) + 1])).rows[0]);
  app.addHook('onClose', () => pool.end());
} else throw new Error('usage: reference-server.ts hello|select|busy <µs>');
const url = await app.listen({ port: 0, host: '127.0.0.1', backlog: 4096 });
process.stderr.write(`LISTENING ${url}\n`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
