/**
 * Static assets (stylesheets, scripts, the icon), read once per process and addressed by content:
 * pages link /assets/<name>.<hash>.<ext>, which may be cached for a year (immutable), since a changed
 * file gets a new address. The plain /assets/<name>.<ext> still answers, with a short cache.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const assetsDir = path.resolve(here, 'assets');
const external: Record<string, string> = {
  'tokens.css': path.resolve(here, '../../node_modules/@digital-go-jp/design-tokens/dist/tokens.css'),
};
const TYPES: Record<string, string> = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  svg: 'image/svg+xml',
  png: 'image/png',
};

export type Asset = { name: string; body: Buffer; type: string; hash: string };

const loaded = new Map<string, Asset | null>();

/** The asset named `name` (e.g. 'app.css'), or undefined when there is none. */
export function findAsset(name: string): Asset | undefined {
  if (!/^[a-z0-9-]+\.(css|js|svg|png)$/.test(name)) return undefined;
  if (!loaded.has(name)) {
    const file = external[name] ?? path.join(assetsDir, name);
    const type = TYPES[name.split('.').pop() as string] as string;
    const body = fs.existsSync(file) ? fs.readFileSync(file) : undefined;
    loaded.set(name, body ? { name, body, type, hash: crypto.createHash('sha256').update(body).digest('hex').slice(0, 12) } : null);
  }
  return loaded.get(name) ?? undefined;
}

/** The content-addressed URL of an asset, for pages to link. */
export function assetUrl(name: string): string {
  const a = findAsset(name);
  if (!a) return `/assets/${name}`;
  const dot = name.lastIndexOf('.');
  return `/assets/${name.slice(0, dot)}.${a.hash}${name.slice(dot)}`;
}

/** Splits a requested file name into the asset name and the hash it asked for (if any). */
export function parseAssetPath(file: string): { name: string; hash?: string } | undefined {
  const m = /^([a-z0-9-]+)(?:\.([0-9a-f]{12}))?\.(css|js|svg|png)$/.exec(file);
  if (!m) return undefined;
  return { name: `${m[1]}.${m[3]}`, hash: m[2] };
}
