// `npm run screenshots`: copies the README's screenshots, which test/ui/readmeScreenshots.test.ts
// takes from the demo's account in the real workbench (test-results/screenshots/), into
// docs/screenshots/. Run it after `npm test`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot, screenshotsDir } from './lib/paths';

const README_SCREENSHOTS = ['sidebar-sessions', 'panel-charts', 'panel-sessions', 'panel-webhooks', 'resource-text', 'resource-deleted', 'saved-searches-view'];

const target = path.join(repoRoot, 'docs', 'screenshots');
fs.mkdirSync(target, { recursive: true });
const missing = README_SCREENSHOTS.filter((name) => !fs.existsSync(path.join(screenshotsDir, `${name}.png`)));
if (missing.length > 0) {
  console.error(`Not taken yet (run npm test first): ${missing.join(', ')}`);
  process.exitCode = 1;
} else {
  for (const name of README_SCREENSHOTS) {
    fs.copyFileSync(path.join(screenshotsDir, `${name}.png`), path.join(target, `${name}.png`));
  }
  console.log(`Copied ${README_SCREENSHOTS.length} screenshots to ${path.relative(repoRoot, target)}/.`);
}
