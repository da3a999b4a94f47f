import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env.js';
import { CONDITIONAL } from '../lib/route-table.js';

async function digest(body: ArrayBuffer): Promise<string> {
  const hash = await crypto.subtle.digest('SHA-1', body);
  return [...new Uint8Array(hash).slice(0, 12)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Public reads are cacheable: a strong ETag over the body, `Cache-Control` for browsers and
 * the edge, and 304 for a matching `If-None-Match`.
 */
export const publicCache = (maxAge = 60) =>
  Object.assign(
    createMiddleware<AppEnv>(async (c, next) => {
      await next();
      if ((c.req.method !== 'GET' && c.req.method !== 'HEAD') || c.res.status !== 200) return;
      const body = await c.res.clone().arrayBuffer();
      const etag = `"${await digest(body)}"`;
      const headers = new Headers(c.res.headers);
      headers.set('ETag', etag);
      headers.set('Cache-Control', `public, max-age=${maxAge}, stale-while-revalidate=${maxAge * 5}`);
      const match = c.req.header('If-None-Match');
      if (
        match
          ?.split(',')
          .map((s) => s.trim().replace(/^W\//, ''))
          .includes(etag)
      ) {
        headers.delete('Content-Type');
        headers.delete('Content-Length');
        c.res = new Response(null, { status: 304, headers });
        return;
      }
      c.res = new Response(body, { status: 200, headers });
    }),
    { [CONDITIONAL]: true },
  );
