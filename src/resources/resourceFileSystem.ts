import * as vscode from 'vscode';
import { formatBytes } from '../activity/format';
import { ExaVaultError } from '../api/errors';
import type { Resource } from '../api/models';
import { settings } from '../settings';
import type { AccountClient, AccountClients } from '../accounts/accountClients';
import { plainText } from '../activity/plainText';
import { RESOURCE_SCHEME, targetOf } from './resourceUri';
import { SharedDownloads } from './sharedDownloads';
import { abortSignalOf } from '../util/cancellation';

// VS Code stats a file several times while opening it, and every call spends the account's
// allowance: a stat is reused for a short while.
const STAT_TTL_MS = 10_000;
/** Downloads from this size on show a cancellable notification with their progress at once... */
const PROGRESS_FROM_BYTES = 1_048_576;
/** ...smaller ones once they have taken this long (a slow or stalled server), so that quick ones flash nothing. */
const PROGRESS_AFTER_MS = 2000;
const FETCHED_TTL_MS = 60_000;

/**
 * ExaVault files, read-only, under exavault://<account id>/<path>: stat from GET /resources,
 * folders from GET /resources/list, content from GET /resources/download (with a size limit,
 * and progress for large files). Anything that would change a file is refused.
 */
export class ResourceFileSystem implements vscode.FileSystemProvider, vscode.Disposable {
  // Never fires: nothing here changes a file, and ExaVault tells no one when it does.
  private readonly changed = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changed.event;
  private readonly stats = new Map<string, { stat: Promise<Resource>; until: number }>();
  private readonly downloads = new SharedDownloads();
  /** Bytes fetched ahead of an editor (fetchForEditor), waiting for its first read. */
  private readonly fetched = new Map<string, { bytes: Uint8Array; expiry: ReturnType<typeof setTimeout> }>();
  private readonly registration: vscode.Disposable;

  constructor(private readonly clients: AccountClients) {
    this.registration = vscode.Disposable.from(
      vscode.workspace.registerFileSystemProvider(RESOURCE_SCHEME, this, {
        isCaseSensitive: true,
        isReadonly: new vscode.MarkdownString(vscode.l10n.t('Files opened from ExaVault are read-only here. Change them in the ExaVault web file manager.')),
      }),
      clients.onDidRetire(() => this.stats.clear()),
    );
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
    this.fetched.forEach(({ expiry }) => clearTimeout(expiry));
    this.downloads.cancelAll();
  }

  /** No watching: it would poll the API and spend the account's allowance. */
  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const resource = await this.resource(uri);
    return {
      type: resource.type === 'dir' ? vscode.FileType.Directory : vscode.FileType.File,
      size: resource.size,
      ctime: resource.created ?? 0,
      mtime: resource.modified ?? 0,
      permissions: vscode.FilePermission.Readonly,
    };
  }

  /** The file or folder at `uri`, from a recent stat when there is one; `fresh` asks ExaVault again. */
  resource(uri: vscode.Uri, fresh = false): Promise<Resource> {
    const key = uri.toString();
    const cached = this.stats.get(key);
    if (cached && !fresh && cached.until > Date.now()) {
      return cached.stat;
    }
    const stat = this.call(uri, ({ client }) => client.getResource(targetOf(uri).path));
    this.remember(key, stat);
    return stat;
  }

  async readDirectory(uri: vscode.Uri): Promise<[string, vscode.FileType][]> {
    return (await this.children(uri)).map((child) => [child.name, child.type === 'dir' ? vscode.FileType.Directory : vscode.FileType.File]);
  }

  /** A folder's files and folders, every page of them. */
  async children(uri: vscode.Uri): Promise<Resource[]> {
    const children = await this.call(uri, ({ client }) => client.listAllResources(targetOf(uri).path));
    // Opening a child next stats it: what the listing said will do.
    for (const child of children) {
      this.remember(uri.with({ path: child.path }).toString(), Promise.resolve(child));
    }
    return children;
  }

  /**
   * Downloads a file before an editor opens it, so that a cancel or a failure shows up before any
   * editor does (and no editor is left with an error); the editor's first read takes these bytes.
   * A cancel rejects with a CancellationError. It never joins a download already in flight: the user
   * opening the file again may be doing so because that one seems stuck, so it is cancelled.
   */
  async fetchForEditor(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    const bytes = await this.downloads.restart(key, (signal) => this.download(uri, signal));
    clearTimeout(this.fetched.get(key)?.expiry);
    // Not kept for long: an editor that does not open soon will not open.
    this.fetched.set(key, { bytes, expiry: setTimeout(() => this.fetched.delete(key), FETCHED_TTL_MS) });
  }

  /** One download per file at a time: VS Code may ask twice while an editor opens. */
  readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const key = uri.toString();
    const fetched = this.fetched.get(key);
    if (fetched) {
      clearTimeout(fetched.expiry);
      this.fetched.delete(key);
      return Promise.resolve(fetched.bytes);
    }
    return this.downloads.join(key, (signal) => this.download(uri, signal));
  }

  writeFile(uri: vscode.Uri): never {
    throw this.readOnly(uri);
  }

  createDirectory(uri: vscode.Uri): never {
    throw this.readOnly(uri);
  }

  delete(uri: vscode.Uri): never {
    throw this.readOnly(uri);
  }

  rename(uri: vscode.Uri): never {
    throw this.readOnly(uri);
  }

  private readOnly(uri: vscode.Uri): vscode.FileSystemError {
    return vscode.FileSystemError.NoPermissions(vscode.l10n.t('{0} was not changed: files opened from ExaVault are read-only here. Change them in the ExaVault web file manager.', plainText(targetOf(uri).path)));
  }

  /**
   * A file's bytes, cancelled when `signal` aborts. Every download can also be cancelled by the
   * user: a large one shows a cancellable notification with its progress at once, a small one when
   * it has taken PROGRESS_AFTER_MS (the client bounds each wait and the whole transfer too).
   */
  private async download(uri: vscode.Uri, signal: AbortSignal): Promise<Uint8Array> {
    const resource = await this.resource(uri);
    if (resource.type === 'dir') {
      throw vscode.FileSystemError.FileIsADirectory(uri);
    }
    const limit = settings.maxDownloadBytes();
    if (resource.size > limit) {
      throw vscode.FileSystemError.Unavailable(tooLargeMessage(resource, limit));
    }
    const { path } = targetOf(uri);
    const cancel = new AbortController();
    const abort = () => cancel.abort();
    signal.addEventListener('abort', abort, { once: true });
    if (signal.aborted) {
      cancel.abort();
    }
    let progress: vscode.Progress<{ message?: string; increment?: number }> | undefined;
    let latest: [number, number | undefined] = [0, undefined];
    let reported = 0;
    const report = () => {
      const [received, total] = latest;
      const of = total ?? resource.size;
      if (received < reported) {
        reported = 0; // a retry starts over
      }
      progress?.report({ increment: of > 0 ? ((received - reported) / of) * 100 : undefined, message: vscode.l10n.t('{0} of {1}', formatBytes(received), formatBytes(of)) });
      reported = received;
    };
    const onProgress = (received: number, total: number | undefined) => {
      latest = [received, total];
      if (progress) {
        report();
      }
    };
    const work = this.call(uri, ({ client }) => client.download(path, { maxBytes: limit, signal: cancel.signal, onProgress }));
    const show = () => void vscode.window.withProgress({
      location: vscode.ProgressLocation.Notification,
      title: vscode.l10n.t('Downloading {0} from ExaVault', plainText(resource.name)),
      cancellable: true,
    }, (shown, token) => {
      progress = shown;
      report();
      const cancellation = abortSignalOf(token, cancel);
      return work.then(() => undefined, () => undefined).finally(() => cancellation.dispose());
    });
    const later = resource.size < PROGRESS_FROM_BYTES ? setTimeout(show, PROGRESS_AFTER_MS) : undefined;
    if (!later) {
      show();
    }
    try {
      return await work;
    } finally {
      clearTimeout(later);
      signal.removeEventListener('abort', abort);
    }
  }

  private remember(key: string, stat: Promise<Resource>): void {
    this.stats.set(key, { stat, until: Date.now() + STAT_TTL_MS });
    // A failed stat is not kept: asking again may succeed.
    stat.catch(() => this.stats.get(key)?.stat === stat && this.stats.delete(key));
  }

  /** Runs an API call for `uri` with its account's client, as a FileSystemError when it fails. */
  private async call<T>(uri: vscode.Uri, work: (client: AccountClient) => Promise<T>): Promise<T> {
    const client = await this.clients.get(targetOf(uri).accountId);
    if (!client) {
      throw vscode.FileSystemError.Unavailable(vscode.l10n.t('{0} belongs to an ExaVault account that is not signed in here. Add the account (or enter its credentials), then open the file again.', plainText(targetOf(uri).path)));
    }
    try {
      return await work(client);
    } catch (error) {
      throw fileSystemError(error, () => this.clients.describeFailure(error, client.account));
    }
  }
}

export function tooLargeMessage(resource: Resource, limit: number): string {
  return vscode.l10n.t('{0} is {1}, more than the {2} download limit. To open it, raise the setting "ExaVault › Resources: Max Download Megabytes".', plainText(resource.name), formatBytes(resource.size), formatBytes(limit));
}

/** A failed call as VS Code's file errors: "not found" and "no permission" by their own codes. */
function fileSystemError(error: unknown, describe: () => string): Error {
  if (!(error instanceof ExaVaultError)) {
    return error instanceof Error ? error : new Error(String(error));
  }
  switch (error.kind) {
    case 'notFound':
      return vscode.FileSystemError.FileNotFound(plainText(error.message));
    case 'cancelled':
      // VS Code takes this as "the user changed their mind": nothing to report.
      return new vscode.CancellationError();
    case 'invalidCredentials':
    case 'forbidden':
      return vscode.FileSystemError.NoPermissions(plainText(describe()));
    default:
      return vscode.FileSystemError.Unavailable(plainText(describe()));
  }
}
