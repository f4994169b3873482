import * as vscode from 'vscode';
import { resolveBaseUrl } from '../api/baseUrl';
import type { AccountStore } from './accountStore';
import type { AccountClients } from './accountClients';
import { saveCheckedAccount } from './saveAccount';
import { checkCredentials } from './checkCredentials';
import { settings } from '../settings';
import { MESSAGE_LENGTH, plainText } from '../activity/plainText';

const OFFERED_KEY = 'exavault.environmentImportOffered';

/**
 * Imports at activation, and again when `exavault.importFromEnvironment` changes: in a remote
 * window the machine's settings can reach the extension host just after activation, so the first
 * look may still see the default.
 */
export function registerEnvironmentImport(store: AccountStore, clients: AccountClients, state: vscode.Memento, log: vscode.LogOutputChannel): vscode.Disposable {
  void importFromEnvironment(store, clients, state, log);
  return settings.onDidChange((changed) => {
    if (changed('importFromEnvironment')) {
      void importFromEnvironment(store, clients, state, log);
    }
  });
}

/**
 * Credentials in EXAVAULT_ACCOUNT_URL (or EXAVAULT_ACCOUNT), EXAVAULT_API_KEY and EXAVAULT_ACCESS_TOKEN
 * are offered for import once per account URL, or imported without asking when
 * `exavault.importFromEnvironment` is "always" (the demo and CI). They land in SecretStorage like
 * credentials typed in by hand, after the same check.
 */
export async function importFromEnvironment(store: AccountStore, clients: AccountClients, state: vscode.Memento, log: vscode.LogOutputChannel, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const location = env.EXAVAULT_ACCOUNT_URL || env.EXAVAULT_ACCOUNT;
  const apiKey = env.EXAVAULT_API_KEY?.trim();
  const accessToken = env.EXAVAULT_ACCESS_TOKEN?.trim();
  const mode = settings.importFromEnvironment();
  if (!location || !apiKey || !accessToken || mode === 'never') {
    return;
  }
  let baseUrl: URL;
  try {
    baseUrl = resolveBaseUrl(location);
  } catch (error) {
    log.warn(`Not importing credentials from the environment: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  log.info(`Credentials for ${baseUrl.host} are set in environment variables (exavault.importFromEnvironment: ${mode}).`);
  const existing = store.findByBaseUrl(baseUrl.href);
  const stored = existing && await store.credentials(existing.id);
  if (stored?.apiKey === apiKey && stored.accessToken === accessToken) {
    return;
  }
  if (mode === 'ask') {
    const offered = state.get<string[]>(OFFERED_KEY, []);
    if (offered.includes(baseUrl.href)) {
      return;
    }
    await state.update(OFFERED_KEY, [...offered, baseUrl.href]);
    const importChoice = vscode.l10n.t('Import');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('ExaVault credentials for {0} are set in environment variables. Import them into VS Code\'s secret storage?', baseUrl.host),
      importChoice, vscode.l10n.t('Not Now'),
    );
    if (choice !== importChoice) {
      return;
    }
  }
  try {
    log.info(`Checking the credentials from the environment with ${baseUrl.host}...`);
    const checked = await checkCredentials(baseUrl, { apiKey, accessToken }, { timeoutMs: settings.requestTimeoutMs() });
    await saveCheckedAccount(store, clients, baseUrl, checked, { apiKey, accessToken });
    log.info(`Imported account ${checked.accountName} (${baseUrl.href}) from environment variables.`);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.warn(`Importing credentials from the environment failed: ${message}`);
    void vscode.window.showWarningMessage(vscode.l10n.t('Could not import the ExaVault credentials from environment variables: {0}', plainText(message, MESSAGE_LENGTH)));
  }
}
