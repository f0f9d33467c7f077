// The media layer must load where there is no window or document (server-side rendering, workers).
// A module Worker has neither; loading src/media there proves nothing touches them at module load.
// (Node: `node --import tsx -e "await import('./src/media/index.ts')"` does the same outside a browser.)
import { expect } from '@open-wc/testing';

describe('media layer import', () => {
  it('loads and constructs a session without window or document', async () => {
    const worker = new Worker(new URL('./import-worker.ts', import.meta.url), { type: 'module' });
    try {
      const answer = await new Promise<{ ok: boolean; phase?: string; browser?: string; error?: string }>(
        (resolve, reject) => {
          worker.onmessage = (event) => resolve(event.data);
          worker.onerror = (event) => reject(new Error(event.message));
        },
      );
      expect(answer, answer.error).to.deep.equal({ ok: true, phase: 'idle', browser: 'unknown' });
    } finally {
      worker.terminate();
    }
  });
});
