import * as vscode from 'vscode';
import { resolveBaseUrl } from '../api/baseUrl';
import { ExaVaultError } from '../api/errors';
import type { Credentials } from '../api/http';
import { MESSAGE_LENGTH, plainText } from '../activity/plainText';
import { askSteps, type InputStep } from '../ui/inputSteps';
import { abortSignalOf } from '../util/cancellation';
import type { Account } from './account';
import { checkCredentials, type CheckedAccount } from './checkCredentials';
import { settings } from '../settings';

/** Where admins make the credentials, said wherever they are asked for. */
const WHERE = () => vscode.l10n.t('An admin creates both in the ExaVault web file manager under My Account → Developer.');

const required = (what: string) => (value: string) => (value.trim() ? undefined : vscode.l10n.t('Enter the {0}.', what));

function urlError(value: string): string | undefined {
  try {
    resolveBaseUrl(value);
    return undefined;
  } catch (error) {
    return plainText(error instanceof Error ? error.message : String(error), MESSAGE_LENGTH);
  }
}

/**
 * How a failed check reads in the input: wrong credentials must be edited; anything else may be
 * retried as is. The message carries what the server said, and a validation message shows links
 * and icons: plain text only.
 */
function checkFailure(error: unknown): vscode.InputBoxValidationMessage {
  const message = plainText(error instanceof Error ? error.message : String(error), MESSAGE_LENGTH);
  if (error instanceof ExaVaultError && error.kind === 'invalidCredentials') {
    return { message, severity: vscode.InputBoxValidationSeverity.Error };
  }
  const urlRelated = error instanceof ExaVaultError
    && (['notFound', 'activityRetired', 'redirect', 'badResponse'].includes(error.kind) || error.details.code === 'ENOTFOUND');
  return {
    message: urlRelated ? `${message} ${vscode.l10n.t('(Back goes to the account URL.)')}` : message,
    severity: vscode.InputBoxValidationSeverity.Warning,
  };
}

async function check(baseUrl: URL, credentials: Credentials, token: vscode.CancellationToken): Promise<CheckedAccount | vscode.InputBoxValidationMessage> {
  const cancellation = abortSignalOf(token);
  try {
    return await checkCredentials(baseUrl, credentials, { timeoutMs: settings.requestTimeoutMs(), signal: cancellation.signal });
  } catch (error) {
    return checkFailure(error);
  } finally {
    cancellation.dispose();
  }
}

const keyStep = (title: string): InputStep => ({
  title,
  prompt: `${vscode.l10n.t('The API key, such as exampleaccount-zwSuWUZ8S38h33qPS8v0s.')} ${WHERE()}`,
  password: true,
  validate: required(vscode.l10n.t('API key')),
});

function tokenStep(title: string, baseUrl: () => URL, apiKey: () => string, onChecked: (checked: CheckedAccount) => void): InputStep {
  return {
    title,
    prompt: `${vscode.l10n.t('The access token (shown once when it was made). Enter checks both with ExaVault.')} ${WHERE()}`,
    password: true,
    validate: required(vscode.l10n.t('access token')),
    accept: async (accessToken, cancel) => {
      const result = await check(baseUrl(), { apiKey: apiKey().trim(), accessToken: accessToken.trim() }, cancel);
      if ('accountName' in result) {
        onChecked(result);
        return undefined;
      }
      return result;
    },
  };
}

export interface NewAccount {
  baseUrl: URL;
  checked: CheckedAccount;
  credentials: Credentials;
}

export interface NewCredentials {
  credentials: Credentials;
  checked: CheckedAccount;
}

/** Add Account: account name or URL, API key, access token; checked with ExaVault before it resolves. */
export async function askNewAccount(): Promise<NewAccount | undefined> {
  const title = vscode.l10n.t('Add ExaVault Account');
  let checked: CheckedAccount | undefined;
  const values = await askSteps([
    () => ({
      title,
      prompt: vscode.l10n.t('The account name (as in NAME.exavault.com), or the full API URL, such as https://NAME.files.com/api/v2.'),
      placeholder: vscode.l10n.t('Account name or API URL'),
      validate: urlError,
    }),
    () => keyStep(title),
    (v) => tokenStep(title, () => resolveBaseUrl(v[0]!), () => v[1]!, (result) => { checked = result; }),
  ]);
  if (!values || !checked) {
    return undefined;
  }
  return { baseUrl: resolveBaseUrl(values[0]!), checked, credentials: { apiKey: values[1]!.trim(), accessToken: values[2]!.trim() } };
}

/** Update Credentials: a new API key and access token for an existing account, checked first. */
export async function askCredentials(account: Account): Promise<NewCredentials | undefined> {
  const title = vscode.l10n.t('Update Credentials: {0}', plainText(account.label));
  let checked: CheckedAccount | undefined;
  const values = await askSteps([
    () => keyStep(title),
    (v) => tokenStep(title, () => resolveBaseUrl(account.baseUrl), () => v[0]!, (result) => { checked = result; }),
  ]);
  return values && checked ? { checked, credentials: { apiKey: values[0]!.trim(), accessToken: values[1]!.trim() } } : undefined;
}
