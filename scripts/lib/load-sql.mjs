// Loads a large SQL file into the local D1 database through the same Miniflare storage that
// `wrangler dev --persist-to` uses. `wrangler d1 execute --file` splits statements in
// JavaScript, which takes minutes for the 85 MB bench file; D1's exec() takes them as they are.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { getPlatformProxy } from 'wrangler';
import { root } from './d1.mjs';

/** Executes every statement of `file` (one statement ends where a line ends with `;`). */
export async function loadSql(persistTo, file, chunkBytes = 2_000_000) {
  const proxy = await getPlatformProxy({ configPath: `${root}wrangler.toml`, persist: { path: `${persistTo}/v3` } });
  try {
    const db = proxy.env.DB;
    let chunk = [];
    let size = 0;
    const flush = async () => {
      if (!chunk.length) return;
      // exec() runs statements separated by newlines; our generator writes each one on its own lines.
      await db.exec(chunk.join('\n').replace(/\n(?!INSERT|--|UPDATE|DELETE)/g, ' '));
      chunk = [];
      size = 0;
    };
    let statement = '';
    for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
      statement += (statement ? ' ' : '') + line.trim();
      if (line.trimEnd().endsWith(';')) {
        chunk.push(statement);
        size += statement.length;
        statement = '';
        if (size >= chunkBytes) await flush();
      }
    }
    if (statement.trim()) chunk.push(statement);
    await flush();
  } finally {
    await proxy.dispose();
  }
}
