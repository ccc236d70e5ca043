import type { Response } from 'express';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BundleManifest {
  components: string[];
  sourceHash: string;
  builtAt: string;
}

/**
 * The AdminJS frontend bundle of our React components, built by `npm run build`
 * (scripts/build-admin-bundle.mjs) into ADMIN_BUNDLE_DIR. The app only reads it: nothing is
 * bundled or written at runtime (containers may have a read-only filesystem).
 */
export class AdminBundle {
  readonly file: string;
  readonly problem: string | null;

  constructor(
    readonly dir: string,
    expectedComponents: readonly string[],
  ) {
    this.file = join(dir, 'components.bundle.js');
    this.problem = checkBundle(dir, this.file, expectedComponents);
  }

  serve(res: Response): void {
    if (this.problem) {
      res
        .status(503)
        .type('text/javascript')
        .send(`console.error(${JSON.stringify(`Back-office bundle unavailable: ${this.problem}`)});`);
      return;
    }
    res.sendFile(this.file, {
      maxAge: '1h',
      headers: { 'Content-Type': 'text/javascript; charset=utf-8' },
    });
  }
}

function checkBundle(dir: string, file: string, expected: readonly string[]): string | null {
  if (!existsSync(file)) return `no ${file}: run \`npm run build\``;
  try {
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as BundleManifest;
    const missing = expected.filter((name) => !manifest.components.includes(name));
    return missing.length ? `the bundle in ${dir} lacks ${missing.join(', ')}: run \`npm run build\`` : null;
  } catch {
    return `no readable manifest.json in ${dir}: run \`npm run build\``;
  }
}
