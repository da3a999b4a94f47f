/**
 * An example value for a JSON Schema (draft 2020-12, as zod writes them): the schema's own
 * `example`/`examples` where it has one, otherwise a value built from its types, enums,
 * formats, patterns and bounds — one that the schema itself accepts (the OpenAPI test checks
 * each against its schema).
 */
// biome-ignore lint/suspicious/noExplicitAny: a JSON Schema is untyped JSON, read member by member.
type Schema = Record<string, any>;

const FORMATS: Record<string, string> = {
  'date-time': '2026-03-14T16:00:00.000Z',
  date: '2026-03-14',
  time: '16:00:00',
  email: 'coordinator@riverside.example',
  uri: 'https://openwbl.org/',
  url: 'https://openwbl.org/',
  uuid: '3f0c2b1e-8a4d-4c6e-9b2a-5d7e1f0a9c3b',
};

/** The first string a (simple) regular expression accepts: literals, classes, groups, alternations, quantifiers. */
export function sampleOfPattern(pattern: string): string {
  let i = 0;
  const src = pattern.replace(/^\^/, '').replace(/\$$/, '');
  function atom(): string {
    const ch = src[i]!;
    if (ch === '\\') {
      const next = src[i + 1]!;
      i += 2;
      return ({ d: '1', w: 'a', s: ' ', D: 'a', W: '-', S: 'a' } as Record<string, string>)[next] ?? next;
    }
    if (ch === '[') {
      const end = src.indexOf(']', i + 2);
      const body = src.slice(i + 1, end);
      i = end + 1;
      const first = body.startsWith('^') ? 'a' : body[0] === '\\' ? (({ d: '1', w: 'a' } as Record<string, string>)[body[1]!] ?? body[1]!) : body[0]!;
      return first;
    }
    if (ch === '(') {
      i++;
      if (src.startsWith('?:', i)) i += 2;
      const out = alternatives(')');
      i++;
      return out;
    }
    i++;
    return ch === '.' ? 'a' : ch;
  }
  function quantified(): string {
    const a = atom();
    const q = src[i];
    if (q === '*' || q === '?') {
      i++;
      return '';
    }
    if (q === '+') {
      i++;
      return a;
    }
    if (q === '{') {
      const end = src.indexOf('}', i);
      const min = Number(src.slice(i + 1, end).split(',')[0]);
      i = end + 1;
      return a.repeat(min);
    }
    return a;
  }
  function alternatives(close?: string): string {
    let first: string | null = null;
    let cur = '';
    while (i < src.length && src[i] !== close) {
      if (src[i] === '|') {
        first ??= cur;
        cur = '';
        i++;
        continue;
      }
      cur += quantified();
    }
    return first ?? cur;
  }
  return alternatives();
}

export function exampleOf(schema: Schema, root: Schema = schema, depth = 0): unknown {
  if (!schema || typeof schema !== 'object') return null;
  if ('example' in schema) return schema.example;
  if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0];
  if (schema.$ref) {
    const target = String(schema.$ref)
      .replace(/^#\//, '')
      .split('/')
      .reduce<Schema | undefined>((o, k) => o?.[k], root);
    return depth > 8 ? null : exampleOf(target ?? {}, root, depth + 1);
  }
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  for (const key of ['anyOf', 'oneOf'] as const) {
    if (Array.isArray(schema[key])) {
      const branch = schema[key].find((b: Schema) => b.type !== 'null') ?? schema[key][0];
      return exampleOf(branch, root, depth + 1);
    }
  }
  if (Array.isArray(schema.allOf)) return Object.assign({}, ...schema.allOf.map((s: Schema) => exampleOf(s, root, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [name, prop] of Object.entries<Schema>(schema.properties ?? {})) out[name] = exampleOf(prop, root, depth + 1);
      return out;
    }
    case 'array': {
      const n = Math.max(1, schema.minItems ?? 1);
      const items = schema.prefixItems ?? Array.from({ length: Math.min(n, schema.maxItems ?? n) }, () => schema.items ?? {});
      return items.map((s: Schema) => exampleOf(s, root, depth + 1));
    }
    case 'string': {
      let s = schema.format && FORMATS[schema.format] ? FORMATS[schema.format]! : schema.pattern ? sampleOfPattern(schema.pattern) : 'string';
      if (schema.minLength && s.length < schema.minLength) s = s.padEnd(schema.minLength, 'a');
      if (schema.maxLength && s.length > schema.maxLength) s = s.slice(0, schema.maxLength);
      return s;
    }
    case 'integer':
    case 'number': {
      const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : undefined);
      const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : undefined);
      return min ?? (max !== undefined ? Math.min(max, 1) : 1);
    }
    case 'boolean':
      return true;
    case 'null':
      return null;
    default:
      return null;
  }
}
