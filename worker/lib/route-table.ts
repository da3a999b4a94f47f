/**
 * The router's own table of routes, read back from Hono (`app.routes`): which methods a path
 * answers (for 405 with `Allow`), and the list the OpenAPI document is checked against, so the
 * document cannot lack a route the Worker serves.
 */

export interface RouteEntry {
  method: string;
  path: string;
  pattern: RegExp;
}

/** Marks a middleware that answers `304 Not Modified` (the OpenAPI document reads it off the router). */
export const CONDITIONAL = Symbol.for('openwbl.conditional');

/** A route as Hono keeps it: one entry per handler and middleware. */
export interface RouterRoute {
  method: string;
  path: string;
  handler: unknown;
}

/** Whether any handler or middleware on the way to `method samplePath` carries `mark`. */
export function markedAt(routes: readonly RouterRoute[], method: string, samplePath: string, mark: symbol): boolean {
  return routes.some(
    (r) => (r.method === method || r.method === 'ALL') && pathPattern(r.path).test(samplePath) && typeof r.handler === 'function' && mark in r.handler,
  );
}

/** A Hono path (`/a/:id`, `/a/:file{[a-z]+\.csv}`, `/a/*`) as an anchored regular expression. */
export function pathPattern(path: string): RegExp {
  let re = '';
  for (let i = 0; i < path.length; ) {
    const param = /^:\w+/.exec(path.slice(i));
    if (param) {
      i += param[0].length;
      if (path[i] === '{') {
        // The custom pattern runs to its matching brace (patterns may hold `{3,60}`).
        let depth = 0;
        let j = i;
        for (; j < path.length; j++) {
          if (path[j] === '{') depth++;
          else if (path[j] === '}' && --depth === 0) break;
        }
        re += `(?:${path.slice(i + 1, j)})`;
        i = j + 1;
      } else re += '[^/]+';
    } else if (path.slice(i) === '/*') {
      // A mount's `/*` matches the mount itself too.
      re += '(?:/.*)?';
      i += 2;
    } else if (path[i] === '*') {
      re += '.*';
      i++;
    } else {
      re += path[i]!.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
      i++;
    }
  }
  return new RegExp(`^${re}/?$`);
}

/** The endpoints of an app: its method routes, not the `ALL` middleware mounts. */
export function routeTable(routes: readonly { method: string; path: string }[]): RouteEntry[] {
  const seen = new Map<string, RouteEntry>();
  for (const r of routes) {
    if (r.method === 'ALL') continue;
    const key = `${r.method} ${r.path}`;
    if (!seen.has(key)) seen.set(key, { method: r.method, path: r.path, pattern: pathPattern(r.path) });
  }
  return [...seen.values()];
}

/** The methods some route answers at `pathname` (HEAD wherever GET is, as Hono serves it), in a stable order. */
export function methodsAt(table: readonly RouteEntry[], pathname: string): string[] {
  const methods = new Set(table.filter((r) => r.pattern.test(pathname)).map((r) => r.method));
  if (methods.has('GET')) methods.add('HEAD');
  if (methods.size) methods.add('OPTIONS');
  const order = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
  return [...methods].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

/**
 * Concrete paths a route answers, one per alternative of each custom pattern
 * (`:action{publish|close}` gives two), for matching the router against documentation.
 */
export function samplesOf(path: string, sample: (pattern: string) => string): string[] {
  let out = [''];
  for (let i = 0; i < path.length; ) {
    const param = /^:\w+/.exec(path.slice(i));
    if (!param) {
      const literal = path[i] === '*' ? 'x' : path[i]!;
      out = out.map((p) => p + literal);
      i++;
      continue;
    }
    i += param[0].length;
    let values = ['x1'];
    if (path[i] === '{') {
      let depth = 0;
      let j = i;
      for (; j < path.length; j++) {
        if (path[j] === '{') depth++;
        else if (path[j] === '}' && --depth === 0) break;
      }
      const pattern = path.slice(i + 1, j);
      values = /^[\w-]+(\|[\w-]+)+$/.test(pattern) ? pattern.split('|') : [sample(pattern)];
      i = j + 1;
    }
    out = out.flatMap((p) => values.map((v) => p + v));
  }
  return out;
}
