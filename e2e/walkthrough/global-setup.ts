import { spawnSync } from 'node:child_process';
import type { FullConfig } from '@playwright/test';
import { startRunDemo } from '../support/run-demo.ts';
import { WALKTHROUGH_DEMO } from './settings.ts';

/** The demo's people have Chinese names; without a CJK font Chromium draws them as empty boxes. */
function warnWithoutCjkFont(): void {
  const fonts = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
  if (fonts.status === 0 && fonts.stdout.trim() === '') {
    console.warn('! No Chinese font is installed: names will show as boxes (Debian: apt-get install fonts-wqy-zenhei)');
  }
}

/** The walkthrough's own demo (settings.ts), as the e2e suite starts its own; the returned function stops it. */
export default function globalSetup(_config: FullConfig): Promise<() => Promise<void>> {
  warnWithoutCjkFont();
  return startRunDemo(WALKTHROUGH_DEMO, 'walkthrough demo');
}
