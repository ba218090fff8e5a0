import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { DemoInfo } from '../support/demo-info.ts';

interface Shot {
  file: string;
  caption: string;
}

/** Takes the numbered screenshots into one folder, and remembers their captions for its README. */
export class Camera {
  readonly shots: Shot[] = [];

  constructor(readonly dir: string) {}

  /** Old shots go first, so the folder never mixes two runs. */
  clear(): void {
    mkdirSync(this.dir, { recursive: true });
    for (const file of readdirSync(this.dir)) {
      if (/^\d\d-.*\.png$/.test(file)) rmSync(join(this.dir, file));
    }
  }

  /**
   * A screenshot with a note along the bottom: the address bar, which a headless screenshot lacks, and what
   * to look for. Drawn over the page by the walkthrough, and said so, so nobody takes it for part of the product.
   */
  async shoot(page: Page, name: string, caption: string, note?: string): Promise<void> {
    const file = `${String(this.shots.length + 1).padStart(2, '0')}-${name}.png`;
    await page.evaluate(
      ({ url, note }) => {
        const bar = document.createElement('div');
        bar.id = 'walkthrough-note';
        bar.style.cssText = [
          'position:fixed',
          'left:0',
          'right:0',
          'bottom:0',
          'z-index:2147483647',
          'padding:6px 10px',
          'background:rgba(20,20,20,.88)',
          'color:#fff',
          'font:12px/1.4 ui-monospace,Menlo,Consolas,monospace',
          'word-break:break-all',
          'pointer-events:none',
        ].join(';');
        bar.textContent = `[walkthrough] ${url}${note ? `  ·  ${note}` : ''}`;
        document.body.append(bar);
      },
      { url: page.url(), note },
    );
    await page.screenshot({ path: join(this.dir, file) });
    await page.evaluate(() => document.getElementById('walkthrough-note')?.remove());
    this.shots.push({ file, caption });
  }

  writeReadme(demo: DemoInfo): void {
    const lines = [
      '# Walkthrough',
      '',
      `Screenshots taken by \`npm run demo:walkthrough\` (e2e/walkthrough/walkthrough.spec.ts, a Playwright run with the e2e suite's fixtures) in headless Chromium, against the demo app (NocoBase 2.2.15 with this plugin, the WeCom sandbox standing in for WeCom). The dark strip along the bottom of each picture is drawn by the walkthrough: the page's address (${new URL(demo.appUrl).host} is NocoBase, ${new URL(demo.sandboxUrl).host} the sandbox) and what to look for.`,
      '',
      "The in-client steps use the WeCom iOS app's user agent and a phone's screen; the desktop steps a desktop Chrome.",
      '',
      '| Step | Screenshot | What it shows |',
      '|---:|---|---|',
      ...this.shots.map(
        (shot, index) => `| ${index + 1} | [${shot.file}](${shot.file}) | ${shot.caption.replaceAll('|', '\\|')} |`,
      ),
      '',
    ];
    writeFileSync(join(this.dir, 'README.md'), lines.join('\n'));
  }
}
