// The account's files and folders, as its session log left them: the log is replayed oldest first
// over what existed before it (the folders people work in, the sample files, and any file the log
// reads before it writes). STOR, MKD, COPY, COMPR create; DELE deletes; MOVE and RNTO move. A path
// that was deleted stays deleted until something creates it again: reading it does not bring it back.
import { createHash } from 'node:crypto';
import type { SessionEntryWire } from '../../src/api/wire';
import type { CategoryColumn } from '../query/columns';
import type { SampleFile } from './samples';
import type { StoreRows } from '../query/store';
import { sizeRange } from '../generate/vocabulary';
import { Random } from '../generate/random';

const DAY = 86_400_000;

export interface ResourceNode {
  /** A whole number below 2^48, from the path: the same path always has the same id. */
  id: number;
  hash: string;
  path: string;
  name: string;
  type: 'file' | 'dir';
  /** A file's bytes; a folder's is every file's below it. */
  size: number;
  createdAt: number;
  updatedAt: number;
  accessedAt: number;
  createdBy: string;
  /** Folders only: children by name. */
  children?: Map<string, ResourceNode>;
  parent?: ResourceNode;
}

interface State {
  type: 'file' | 'dir';
  size: number;
  createdAt: number;
  updatedAt: number;
  accessedAt: number;
  createdBy: string;
}

export interface TreeSettings {
  seed: number;
  /** Folders that exist from the start (the vocabulary's). */
  folders: readonly string[];
  samples: readonly SampleFile[];
  /** Where the log starts, about: what existed before it is dated before this. */
  logStart: number;
}

/** Operations on a folder path (shares, receive folders, notifications, users): the folder exists. */
const FOLDER_OPERATIONS = new Set(['SHARE', 'EDIT_SHARE', 'DELE_SHARE', 'RECV', 'EDIT_RECV', 'DELE_RECV', 'NOTIFY', 'EDIT_NTFY', 'DELE_NTFY',
  'USER', 'EDIT_USER', 'DELE_USER']);
/** Operations that read or point at a file: it exists, unless it was deleted. */
const FILE_OPERATIONS = new Set(['RETR', 'EXTRACT', 'SEND', 'EDIT_SEND', 'DELE_SEND', 'DFA', 'EDIT_DFA', 'DELE_DFA']);

export class ResourceTree {
  readonly root: ResourceNode;
  private readonly byId = new Map<number, ResourceNode>();
  private readonly byHash = new Map<string, ResourceNode>();
  private readonly byPath = new Map<string, ResourceNode>();

  constructor(rows: StoreRows<SessionEntryWire>, private readonly settings: TreeSettings) {
    const state = new Replay(settings);
    state.replay(rows);
    this.root = this.build(state.existing);
  }

  /** The node at a path, an `id:123` or a `hash:...`; undefined when there is none. */
  find(resource: string): ResourceNode | undefined {
    if (resource.startsWith('id:')) {
      return this.byId.get(Number(resource.slice(3)));
    }
    if (resource.startsWith('hash:')) {
      return this.byHash.get(resource.slice(5));
    }
    return this.byPath.get(normalizePath(resource));
  }

  /** Every file, in no particular order. */
  files(): ResourceNode[] {
    return [...this.byPath.values()].filter((node) => node.type === 'file');
  }

  /** Every file and folder below `folder`, depth first. */
  *below(folder: ResourceNode): Generator<ResourceNode> {
    for (const child of folder.children?.values() ?? []) {
      yield child;
      yield* this.below(child);
    }
  }

  private build(existing: Map<string, State>): ResourceNode {
    const root = this.node('/', { type: 'dir', size: 0, createdAt: this.settings.logStart - 365 * DAY, updatedAt: this.settings.logStart, accessedAt: this.settings.logStart, createdBy: 'admin' });
    // Parents before children: a path sorts after its parent's.
    for (const path of [...existing.keys()].sort()) {
      this.attach(root, path, existing.get(path)!);
    }
    sizeFolders(root);
    return root;
  }

  private attach(root: ResourceNode, path: string, state: State): void {
    const names = path.split('/').slice(1);
    let folder = root;
    for (let i = 0; i < names.length; i++) {
      const last = i === names.length - 1;
      let child = folder.children!.get(names[i]!);
      if (!child || (!last && child.type === 'file')) {
        // A file in the way of a folder (only a fixture could say so): the folder wins.
        const childPath = `${folder.path === '/' ? '' : folder.path}/${names[i]}`;
        child = this.node(childPath, last ? state : { ...state, type: 'dir', size: 0 });
        child.parent = folder;
        folder.children!.set(names[i]!, child);
      }
      folder = child;
    }
  }

  private node(path: string, state: State): ResourceNode {
    const digest = createHash('md5').update(`${this.settings.seed}\0${path}`).digest();
    const node: ResourceNode = {
      id: digest.readUIntBE(0, 6),
      hash: digest.toString('hex'),
      path,
      name: path === '/' ? '' : path.slice(path.lastIndexOf('/') + 1),
      ...state,
      children: state.type === 'dir' ? new Map() : undefined,
    };
    this.byId.set(node.id, node);
    this.byHash.set(node.hash, node);
    this.byPath.set(path, node);
    return node;
  }
}

/** "/a/b/" and "a/b" are "/a/b"; "." and ".." are names like any other (the account's root is the top). */
export function normalizePath(path: string): string {
  const absolute = path.startsWith('/') ? path : `/${path}`;
  return absolute.length > 1 && absolute.endsWith('/') ? absolute.replace(/\/+$/, '') || '/' : absolute;
}

export function parentPath(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '/' : path.slice(0, slash);
}

function sizeFolders(folder: ResourceNode): number {
  if (folder.type === 'file') {
    return folder.size;
  }
  folder.size = 0;
  for (const child of folder.children!.values()) {
    folder.size += sizeFolders(child);
  }
  return folder.size;
}

/** The log, oldest entry first, applied to a flat map of what exists. */
class Replay {
  readonly existing = new Map<string, State>();
  private readonly deleted = new Set<string>();

  constructor(private readonly settings: TreeSettings) {
    for (const folder of settings.folders) {
      this.touch(folder, 'dir', 0);
    }
    for (const sample of settings.samples) {
      this.touch(sample.path, 'file', sample.size);
    }
  }

  replay(rows: StoreRows<SessionEntryWire>): void {
    const column = (name: string) => rows.columns[name] as CategoryColumn<string>;
    const [operations, fileNames, sources, users] = ['operation', 'fileName', 'fileSource', 'username'].map(column) as CategoryColumn<string>[];
    const bytes = rows.columns.bytesTransferred as Float64Array;
    for (let position = rows.ids.length - 1; position >= 0; position--) {
      const path = fileNames!.at(position);
      if (path !== '') {
        this.apply(operations!.at(position).toUpperCase(), normalizePath(path), sources!.at(position), users!.at(position), bytes[position]!, rows.created[position]!);
      }
    }
  }

  private apply(operation: string, path: string, source: string, user: string, bytes: number, time: number): void {
    switch (operation) {
      case 'STOR':
        this.create(path, { type: 'file', size: bytes }, user, time);
        return;
      case 'MKD':
        this.create(path, { type: 'dir', size: 0 }, user, time);
        return;
      case 'COMPR':
        this.create(path, { type: 'file', size: bytes || this.guessSize(path) }, user, time);
        return;
      case 'DELE':
        this.remove(path);
        return;
      case 'COPY':
      case 'MOVE':
      case 'RNTO': {
        const from = normalizePath(source);
        this.touch(from, 'file', bytes);
        if (from === path) {
          return; // moved onto itself: nothing changes
        }
        const moved = this.existing.get(from);
        if (moved?.type === 'dir') {
          this.moveFolder(from, path, operation === 'COPY', user, time);
          return;
        }
        this.create(path, { type: 'file', size: bytes || moved?.size || this.guessSize(path) }, user, time);
        if (operation !== 'COPY') {
          this.remove(from);
        }
        return;
      }
      default:
        if (FOLDER_OPERATIONS.has(operation)) {
          this.touch(path, 'dir', 0, time);
        } else if (FILE_OPERATIONS.has(operation)) {
          this.touch(path, 'file', bytes, time);
        }
    }
  }

  /** `path` is known to exist now; if it was never seen, it existed before the log. */
  private touch(path: string, type: 'file' | 'dir', bytes: number, time?: number): void {
    const known = this.existing.get(path);
    if (known) {
      known.accessedAt = time ?? known.accessedAt;
      return;
    }
    if (this.deleted.has(path)) {
      return;
    }
    const random = new Random(createHash('md5').update(path).digest().readUInt32LE(0));
    const createdAt = this.settings.logStart - random.int(1, 400) * DAY - random.int(0, DAY - 1);
    const size = type === 'dir' ? 0 : bytes || this.guessSize(path);
    this.existing.set(path, { type, size, createdAt, updatedAt: createdAt, accessedAt: time ?? createdAt, createdBy: 'admin' });
  }

  private create(path: string, what: { type: 'file' | 'dir'; size: number }, user: string, time: number): void {
    this.deleted.delete(path);
    const known = this.existing.get(path);
    if (known && known.type === what.type) {
      Object.assign(known, { size: what.size, updatedAt: time, accessedAt: time });
      return;
    }
    this.existing.set(path, { ...what, createdAt: time, updatedAt: time, accessedAt: time, createdBy: user });
  }

  /** Deletes the path and, for a folder, everything below it. */
  private remove(path: string): void {
    const folder = this.existing.get(path)?.type === 'dir';
    for (const known of folder ? [...this.existing.keys()].filter((other) => other === path || other.startsWith(`${path}/`)) : [path]) {
      this.existing.delete(known);
      this.deleted.add(known);
    }
    this.deleted.add(path);
  }

  private moveFolder(from: string, to: string, copy: boolean, user: string, time: number): void {
    for (const [path, state] of [...this.existing].filter(([other]) => other === from || other.startsWith(`${from}/`))) {
      this.create(to + path.slice(from.length), state, user, time);
    }
    if (!copy) {
      this.remove(from);
    }
  }

  /** A plausible size for a file whose size the log never says. */
  private guessSize(path: string): number {
    const random = new Random(createHash('md5').update(`size\0${path}`).digest().readUInt32LE(0));
    return random.logUniform(...sizeRange(path));
  }
}
