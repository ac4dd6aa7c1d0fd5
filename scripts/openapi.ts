/**
 * `npm run openapi`: writes docs/openapi.json, the OpenAPI 3.1 document of every route declared with
 * defineApi. It builds the app with a fixed test configuration on an in-memory database and asks
 * it for /api/openapi.json in-process: no network, no listening socket, no environment variables.
 * test/openapi-drift.test.ts fails when the committed file differs from what this generates.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startApp } from '../src/bootstrap.js';
import { loadConfig } from '../src/config.js';

export const openApiFile = fileURLToPath(new URL('../docs/openapi.json', import.meta.url));

/** The installation the committed document describes: both card zones, so every module's API is in it. */
const documentedInstallation = {
  MADOGUCHI_ENV: 'test',
  LOG_LEVEL: 'silent',
  RUN_WORKER: 'false',
  MADOGUCHI_CARD_ZONE: 'both',
  PUBLIC_BASE_URL: 'https://madoguchi.example',
};

/** The document as docs/openapi.json holds it (2-space JSON, final newline). */
export async function generateOpenApi(): Promise<string> {
  const config = loadConfig(documentedInstallation, { testHarness: true });
  const app = await startApp(config, { memory: true, listen: false, worker: false });
  try {
    const r = await app.server.inject({ method: 'GET', url: '/api/openapi.json' });
    if (r.statusCode !== 200) throw new Error(`/api/openapi.json answered ${r.statusCode}: ${r.body}`);
    return `${JSON.stringify(r.json(), null, 2)}\n`;
  } finally {
    await app.close();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const text = await generateOpenApi();
  await fs.writeFile(openApiFile, text);
  console.log(`wrote ${path.relative(process.cwd(), openApiFile)} (${Object.keys(JSON.parse(text).paths).length} paths)`);
}
