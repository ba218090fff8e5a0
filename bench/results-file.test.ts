import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { readResults } from './results-file.ts';

describe('readResults', () => {
  it('reads each part without the summary, which is made again on every write', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-results-'));
    try {
      const file = {
        machine: { cpu: 'x' },
        flows: [],
        ratios: { wecomToFloorThroughput: 0.9 },
        browser: { silent: { totalMs: {} }, silentToWithSession: 1.1 },
        cluster: { ratios: { twoNodesWecomToFloor: 0.95 }, flows: [] },
        summary: { silent: { vsSession: 1.1 } },
      };
      await writeFile(path.join(dir, 'results.json'), JSON.stringify(file));
      const parts = await readResults(pathToFileURL(`${dir}/`));
      expect(parts.server).toEqual({ machine: { cpu: 'x' }, flows: [], ratios: { wecomToFloorThroughput: 0.9 } });
      expect(parts.browser).toEqual(file.browser);
      expect(parts.cluster).toEqual(file.cluster);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
