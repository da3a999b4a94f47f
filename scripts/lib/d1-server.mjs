// The test run's one connection to the local D1 database: scripts/test.mjs starts this beside
// `wrangler dev`, and every test process's sql()/query() (d1-sync.mjs) sends its statements
// here (WBL_D1_URL), so no test process starts a workerd of its own. One batch at a time.
import { createServer } from 'node:http';
import { messageOf, openD1 } from './d1-batch.mjs';

export async function startD1Server(persistTo) {
  const d1 = openD1(persistTo);
  await d1.ready;
  let queue = Promise.resolve();
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d) => {
      body += d;
    });
    req.on('end', () => {
      queue = queue.then(async () => {
        let answer;
        try {
          answer = { ok: await d1.run(JSON.parse(body).statements) };
        } catch (e) {
          answer = { error: messageOf(e) };
        }
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer));
      });
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/`;
  const stop = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await d1.dispose();
  };
  return { url, stop };
}
