// Child-process entry for ./server-process.ts: runs the reference backend with the JSON config in
// VISIT_KIT_CHILD_CONFIG, prints `READY <url>` once listening, and stops cleanly on SIGTERM.
import { createServer } from '../../server/app.js';
import type { ServerConfig } from '../../server/context.js';

const config = JSON.parse(process.env.VISIT_KIT_CHILD_CONFIG ?? '{}') as ServerConfig;
const server = await createServer(config);
const { url } = await server.listen(config.port, '127.0.0.1');
process.stdout.write(`READY ${url}\n`);
process.once('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
