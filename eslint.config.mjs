import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The surfaces: each shows something in the editor and stands alone. */
const SURFACES = ['treeViews', 'panel', 'resources', 'details', 'watchView'];
/** What wires the surfaces together. */
const WIRING = ['commands', 'extension'];
/** Editor services the surfaces share: settings, input steps, accounts and their clients, the webhook resend. */
const SHARED = ['settings', 'ui', 'accounts', 'webhooks'];
/** Everything that talks to the editor. */
const EDITOR = [...SHARED, ...SURFACES, ...WIRING];
const SEARCH_EDITOR_PARTS = ['src/search/openSearch.ts', 'src/search/savedSearchesView.ts', 'src/search/searchWizard.ts', 'src/search/filterSteps.ts'];

/**
 * `no-restricted-imports` for one folder: `vscode` when given, project modules under `below` (folders
 * or files of src/, at any depth of ../), or with `allowed`, every ../ import that this lookahead does not let through.
 */
function restrictImports({ vscode, below = [], allowed, message }) {
  const patterns = [];
  if (allowed !== undefined) {
    patterns.push({ regex: `^\\.\\./${allowed}`, message });
  } else if (below.length > 0) {
    patterns.push({ regex: `^(\\.\\./)+(${below.join('|')})(/|$)`, message });
  } else {
    patterns.push({ regex: '^\\.\\./', message });
  }
  return { 'no-restricted-imports': ['error', { paths: vscode ? [{ name: 'vscode', message: vscode }] : [], patterns }] };
}

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', '.cache/**', 'node_modules/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      eqeqeq: 'error',
      curly: 'error',
      'no-restricted-syntax': ['error', {
        selector: "AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]",
        message: 'Log data is untrusted: set textContent, never innerHTML.',
      }],
    },
  },
  // Imports only go downward: api, util < activity, search (the domain) < settings, ui, accounts, webhooks
  // (shared editor services) < the surfaces < commands and extension.ts, the only places that wire surfaces
  // together. A surface that needs another goes through a command.
  {
    // src/api runs in plain Node and is tested there: it must not depend on the editor or the rest.
    files: ['src/api/**/*.ts'],
    rules: restrictImports({ vscode: 'src/api must not import vscode.', below: [], message: 'src/api imports nothing outside src/api.' }),
  },
  {
    // VS Code's idioms (disposables, events, cancellation) for every layer: they depend on no other module.
    files: ['src/util/**/*.ts'],
    rules: restrictImports({ message: 'src/util imports nothing outside src/util.' }),
  },
  {
    // The watch's poller, lease and rules run in plain Node (tests drive their clock): no editor in them.
    files: ['src/watch/**/*.ts'],
    rules: restrictImports({ vscode: 'src/watch is plain Node (it speaks through @vscode/l10n): no vscode.', below: EDITOR, message: 'src/watch knows nothing of the editor: src/watchView shows it.' }),
  },
  {
    files: ['src/activity/**/*.ts'],
    rules: restrictImports({ vscode: 'src/activity is plain Node (it speaks through @vscode/l10n): no vscode.', below: ['search', ...EDITOR], message: 'src/activity is the domain: it knows nothing of the editor.' }),
  },
  {
    files: ['src/search/**/*.ts'],
    // The search's own palette and sidebar parts: they may use accounts, settings and input steps (below).
    ignores: SEARCH_EDITOR_PARTS,
    rules: restrictImports({ below: EDITOR, message: 'src/search is the domain: it knows nothing of accounts, settings or views.' }),
  },
  {
    files: [...SEARCH_EDITOR_PARTS, ...SHARED.map((shared) => (shared === 'settings' ? 'src/settings.ts' : `src/${shared}/**/*.ts`))],
    rules: restrictImports({ below: [...SURFACES, ...WIRING], message: 'Shared editor services sit below the views, panel, files and commands.' }),
  },
  ...SURFACES.map((surface) => ({
    files: [`src/${surface}/**/*.ts`],
    rules: restrictImports({ below: [...SURFACES.filter((other) => other !== surface), ...WIRING], message: 'A surface imports no other surface and no command: src/commands wires them together.' }),
  })),
  {
    // The webview's script runs in the browser: its own modules, the message protocol and column
    // specs, and the vscode-free domain modules it shows data with.
    files: ['src/panel/webview/**/*.ts'],
    rules: restrictImports({
      vscode: 'The webview runs in a browser: no vscode.',
      allowed: '(?!(protocol|columns|packedRows)$|\\.\\./activity/(counted|displayText|format|logSchema|timeZone)$|\\.\\./api/wire$|\\.\\./search/search$)',
      message: 'The webview imports only src/panel/webview, src/panel/protocol, src/panel/columns, src/panel/packedRows, src/activity/counted, src/activity/displayText, src/activity/format, src/activity/logSchema, src/activity/timeZone, src/api/wire and src/search/search.',
    }),
  },
  {
    files: ['src/commands/**/*.ts'],
    rules: restrictImports({ below: ['extension'], message: 'Commands do not import extension.ts: it imports them.' }),
  },
  {
    // The demo's view opener is installed as it is, unbuilt: CommonJS, as VS Code loads an extension's main.
    files: ['scripts/demo-opener/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
