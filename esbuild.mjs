// Builds the extension host bundle (CommonJS, Node), the query panel's webview (browser script,
// styles and the codicon font), the integration-test bundles and the extension-host benchmark.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

// In watch mode, the lines .vscode/tasks.json's problem matcher waits for.
const watchLog = {
  name: 'watch-log',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const error of result.errors) {
        console.error(`✘ [ERROR] ${error.text}`);
      }
      console.log('[watch] build finished');
    });
  },
};

// Each `import * as vscode from 'vscode'` (one per module) would otherwise copy the whole API's
// properties into a namespace object of its own while the bundle loads, at activation: routed through
// one module that re-exports it, the copy is made once.
const vscodeOnce = {
  name: 'vscode-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) => (args.namespace === 'vscode-once' ? { path: 'vscode', external: true } : { path: 'vscode', namespace: 'vscode-once' }));
    build.onLoad({ filter: /.*/, namespace: 'vscode-once' }, () => ({ contents: "export * from 'vscode';", loader: 'js' }));
  },
};

const nodeCommon = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  plugins: watch ? [watchLog] : [],
};

/** @type {esbuild.BuildOptions[]} */
const builds = [
  {
    ...nodeCommon,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    plugins: [...nodeCommon.plugins, vscodeOnce],
  },
  {
    // The panel's webview: one script the page's CSP allows by nonce, and its styles.
    entryPoints: [{ in: 'src/panel/webview/main.ts', out: 'panel' }, { in: 'src/panel/webview/panel.css', out: 'panel' }],
    outdir: 'dist/webview',
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    minify: production,
    logLevel: 'warning',
    plugins: watch ? [watchLog] : [],
  },
  {
    // Each test file is its own entry so mocha can load them one by one inside the extension host.
    ...nodeCommon,
    entryPoints: ['test/integration/index.ts', ...testFiles('test/integration')],
    outdir: 'out/test/integration',
    external: ['vscode', 'mocha'],
  },
  {
    // Benchmarks that must run in the extension host.
    ...nodeCommon,
    entryPoints: ['bench/sidebar/index.ts'],
    outdir: 'out/bench/sidebar',
    external: ['vscode'],
  },
];

function testFiles(dir) {
  return readdirSync(dir).filter((name) => name.endsWith('.test.ts')).map((name) => join(dir, name));
}

// VS Code's own icon font, served to the webview from the extension (no other origin).
mkdirSync('dist/webview', { recursive: true });
for (const file of ['codicon.css', 'codicon.ttf']) {
  copyFileSync(join('node_modules', '@vscode', 'codicons', 'dist', file), join('dist', 'webview', file));
}

if (watch) {
  for (const options of builds) {
    const context = await esbuild.context(options);
    await context.watch();
  }
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
