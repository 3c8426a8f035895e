import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export const SECURITY_HEADERS: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

/**
 * Serves the built PWA: hashed assets cached forever, everything else revalidated (so a new
 * service worker is always noticed), and unknown app routes answered with the SPA's index.html.
 */
export function createStaticHandler(root: string) {
  const rootWithSep = root.endsWith(sep) ? root : root + sep;

  async function fileResponse(path: string, method: string): Promise<Response | null> {
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) return null;
    const immutable = path.includes(`${sep}_app${sep}immutable${sep}`);
    const headers = new Headers({
      ...SECURITY_HEADERS,
      'content-type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
      'content-length': String(info.size),
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    return new Response(method === 'HEAD' ? null : await readFile(path), { status: 200, headers });
  }

  return async function serveStatic(request: Request): Promise<Response | null> {
    if (request.method !== 'GET' && request.method !== 'HEAD') return null;
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(request.url).pathname);
    } catch {
      return new Response('Bad request', { status: 400 });
    }
    const target = normalize(join(root, pathname));
    if (target !== root && !target.startsWith(rootWithSep)) return new Response('Not found', { status: 404 });
    const direct = await fileResponse(
      pathname.endsWith('/') ? join(target, 'index.html') : target,
      request.method,
    );
    if (direct) return direct;
    // Client-side routes (no file extension) get the app shell; missing assets get a real 404.
    if (extname(pathname) === '') return fileResponse(join(root, 'index.html'), request.method);
    return new Response('Not found', { status: 404, headers: SECURITY_HEADERS });
  };
}
