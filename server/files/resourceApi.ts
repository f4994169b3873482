// GET /resources, /resources/list, /resources/download and /resources/preview over the account's
// files (resourceTree.ts): metadata as the spec's Resource, folder listings paged and sorted, file
// bytes (a zip for a folder or several), and PNG previews of previewable files.
import { createHash } from 'node:crypto';
import type { SessionEntryWire } from '../../src/api/wire';
import { formatTimestamp } from '../generate/dates';
import { ApiError, invalidParameter } from '../http/errors';
import { extensionOf, fileChunks, type FileSpec } from './fileContent';
import type { GrowingStore } from '../query/growingStore';
import { png } from './images';
import { ResourceTree, type ResourceNode, type TreeSettings } from './resourceTree';
import { ZIP_MAX_BYTES, zipChunks, zipSize, type ZipEntry } from './zip';

/** Bytes to send instead of a JSON body. */
export interface DownloadBody {
  contentType: string;
  fileName: string;
  size: number;
  chunks(): Iterable<Buffer>;
}

export interface ResourceAnswer {
  body: string;
  download?: DownloadBody;
}

const PREVIEWABLE = new Set(['jpg', 'jpeg', 'gif', 'png', 'bmp', 'pdf', 'psd', 'doc']);
const PREVIEW_SIZES: Readonly<Record<string, number>> = { small: 64, medium: 256, large: 512 };
const MAX_PREVIEW_SIDE = 2048;
const DEFAULT_LIMIT = 100;
const WHOLE_NUMBER = /^\d+$/;
const RESOURCES_PARAMETER = /^resources(\[\d*\])?$/;

/** The account's files as the session log left them, rebuilt when the log grows. */
export class AccountFiles {
  private built: { rows: unknown; tree: ResourceTree } | undefined;

  constructor(
    private readonly sessions: GrowingStore<SessionEntryWire>,
    private readonly settings: Omit<TreeSettings, 'logStart'> & { now: number },
  ) {}

  tree(): ResourceTree {
    const rows = this.sessions.rows;
    if (this.built?.rows !== rows) {
      const oldest = rows.created.length > 0 ? rows.created[rows.created.length - 1]! : this.settings.now;
      this.built = { rows, tree: new ResourceTree(rows, { ...this.settings, logStart: Math.min(oldest, this.settings.now - 90 * 86_400_000) }) };
    }
    return this.built.tree;
  }

  spec(file: ResourceNode): FileSpec {
    return { seed: this.settings.seed, path: file.path, size: file.size, modified: file.updatedAt };
  }
}

export class ResourceApi {
  constructor(private readonly files: AccountFiles, private readonly maxLimit: number) {}

  /** GET /resources: one file's or folder's metadata. */
  get(search: URLSearchParams): ResourceAnswer {
    const values = parameters(search, ['resource', 'include']);
    const node = this.find(required(values, 'resource'));
    return { body: JSON.stringify({ responseStatus: 200, data: resourceJson(node) }) };
  }

  /** GET /resources/list: a folder's children (or, with `name`, every match below it), sorted and paged. */
  list(search: URLSearchParams): ResourceAnswer {
    const values = parameters(search, ['resource', 'sort', 'offset', 'limit', 'type', 'name', 'include']);
    const folder = this.find(required(values, 'resource'));
    if (folder.type !== 'dir') {
      throw invalidParameter(`Resource ${folder.path} is a file, not a folder: only folders can be listed.`);
    }
    const type = values.get('type');
    if (type !== undefined && type !== 'file' && type !== 'dir') {
      throw invalidParameter(`Parameter "type" must be "file" or "dir", not "${type}".`);
    }
    const name = values.get('name');
    let found = name !== undefined ? [...this.files.tree().below(folder)].filter(wildcard(name)) : [...folder.children!.values()];
    if (name === undefined && type !== undefined) {
      found = found.filter((node) => node.type === type);
    }
    found.sort(comparator(values.get('sort')));
    const offset = wholeNumber('offset', values.get('offset') ?? '0');
    const limit = wholeNumber('limit', values.get('limit') ?? String(Math.min(DEFAULT_LIMIT, this.maxLimit)));
    if (limit < 1 || limit > this.maxLimit) {
      throw invalidParameter(`Parameter "limit" must be from 1 to ${this.maxLimit}, not ${limit}.`);
    }
    const data = found.slice(offset, offset + limit).map(resourceJson);
    return { body: JSON.stringify({ responseStatus: 200, totalResults: found.length, returnedResults: data.length, data }) };
  }

  /** GET /resources/download: a file's bytes, or a zip of several (or of a folder). */
  download(search: URLSearchParams): ResourceAnswer {
    const paths: string[] = [];
    let archiveName: string | undefined;
    for (const [name, value] of search) {
      if (RESOURCES_PARAMETER.test(name)) {
        paths.push(value);
      } else if (name === 'downloadArchiveName') {
        archiveName = value || undefined;
      } else {
        throw invalidParameter(`Unknown parameter "${name}". This method takes resources[] and downloadArchiveName.`);
      }
    }
    if (paths.length === 0) {
      throw invalidParameter('Parameter "resources[]" is required: the path of the file (or files) to download.');
    }
    const nodes = paths.map((path) => this.find(path));
    const only = nodes.length === 1 ? nodes[0]! : undefined;
    if (only?.type === 'file') {
      return { body: '', download: { contentType: 'application/octet-stream', fileName: only.name, size: only.size, chunks: () => fileChunks(this.files.spec(only)) } };
    }
    const entries = nodes.flatMap((node) => this.zipEntries(node));
    const size = zipSize(entries);
    if (size > ZIP_MAX_BYTES) {
      throw invalidParameter('The selection is too large to download as one zip archive (4 GB or more). Download the files one at a time.');
    }
    const fileName = archiveName ?? (only ? `${only.name || 'files'}.zip` : 'download.zip');
    return { body: '', download: { contentType: 'application/zip', fileName: /\.zip$/i.test(fileName) ? fileName : `${fileName}.zip`, size, chunks: () => zipChunks(entries) } };
  }

  /** GET /resources/preview: a PNG of the requested size, base64-encoded. */
  preview(search: URLSearchParams): ResourceAnswer {
    const values = parameters(search, ['resource', 'size', 'width', 'height', 'page']);
    const node = this.find(required(values, 'resource'));
    const size = required(values, 'size');
    if (!Object.hasOwn(PREVIEW_SIZES, size)) {
      throw invalidParameter(`Parameter "size" must be small, medium or large, not "${size}".`);
    }
    const side = PREVIEW_SIZES[size]!;
    const dimension = (name: string): number => {
      const value = values.get(name);
      const pixels = value === undefined ? side : wholeNumber(name, value);
      if (pixels < 1 || pixels > MAX_PREVIEW_SIDE) {
        throw invalidParameter(`Parameter "${name}" must be from 1 to ${MAX_PREVIEW_SIDE}, not ${pixels}.`);
      }
      return pixels;
    };
    const [width, height] = [dimension('width'), dimension('height')];
    if (values.has('page')) {
      wholeNumber('page', values.get('page')!);
    }
    if (!isPreviewable(node)) {
      throw invalidParameter(`${node.path} cannot be previewed: previews are made of jpg, jpeg, gif, png, bmp, pdf, psd and doc files.`);
    }
    const digest = Buffer.from(node.hash, 'hex');
    const image = png(width, height, [[digest[0]!, digest[1]!, digest[2]!], [digest[3]!, digest[4]!, digest[5]!]]);
    const attributes = {
      image: image.toString('base64'),
      imageHash: createHash('md5').update(image).digest('hex'),
      size: image.length,
      ...(extensionOf(node.path) === 'pdf' ? { pageCount: 1 } : {}),
    };
    return { body: JSON.stringify({ responseStatus: 200, data: { id: node.id, type: 'preview', attributes } }) };
  }

  private find(resource: string): ResourceNode {
    const node = this.files.tree().find(resource);
    if (!node) {
      throw new ApiError(404, 'ERROR_RESOURCE_NOT_FOUND', `Resource ${resource} was not found.`);
    }
    return node;
  }

  /** A file as itself; a folder as every file below it, under the folder's name. */
  private zipEntries(node: ResourceNode): ZipEntry[] {
    const entry = (file: ResourceNode, name: string): ZipEntry => ({ name, size: file.size, modified: file.updatedAt, chunks: () => fileChunks(this.files.spec(file)) });
    if (node.type === 'file') {
      return [entry(node, node.name)];
    }
    const base = node.path === '/' ? '' : node.path;
    const prefix = node.name ? `${node.name}/` : '';
    return [...this.files.tree().below(node)].filter((file) => file.type === 'file').map((file) => entry(file, prefix + file.path.slice(base.length + 1)));
  }
}

function isPreviewable(node: ResourceNode): boolean {
  return node.type === 'file' && PREVIEWABLE.has(extensionOf(node.path));
}

/** The spec's Resource. */
export function resourceJson(node: ResourceNode): Record<string, unknown> {
  const unix = (ms: number) => Math.floor(ms / 1000);
  const attributes: Record<string, unknown> = {
    accessedAt: formatTimestamp(node.accessedAt),
    accessedTime: unix(node.accessedAt),
    createdAt: formatTimestamp(node.createdAt),
    createdBy: node.createdBy,
    createdTime: unix(node.createdAt),
    hash: node.hash,
    name: node.name,
    path: node.path,
    previewable: isPreviewable(node),
    size: node.size,
    type: node.type,
    updatedAt: formatTimestamp(node.updatedAt),
    updatedTime: unix(node.updatedAt),
    uploadDate: formatTimestamp(node.createdAt),
  };
  if (node.type === 'file') {
    attributes.extension = extensionOf(node.path);
  } else {
    attributes.fileCount = [...node.children!.values()].filter((child) => child.type === 'file').length;
  }
  const relationships = node.parent ? { parentResource: { data: { id: node.parent.id, type: 'resource' } } } : {};
  return { id: node.id, type: 'resource', attributes, relationships };
}

/** The query's parameters, each once, all of them known; a 400 naming the first that is not. */
function parameters(search: URLSearchParams, accepted: readonly string[]): Map<string, string> {
  const values = new Map<string, string>();
  for (const [name, value] of search) {
    if (!accepted.includes(name)) {
      throw invalidParameter(`Unknown parameter "${name}". This method takes ${accepted.join(', ')}.`);
    }
    if (values.has(name)) {
      throw invalidParameter(`Parameter "${name}" was given more than once; it takes one value.`);
    }
    values.set(name, value);
  }
  return values;
}

function required(values: Map<string, string>, name: string): string {
  const value = values.get(name);
  if (!value) {
    throw invalidParameter(`Parameter "${name}" is required.`);
  }
  return value;
}

function wholeNumber(name: string, value: string): number {
  if (!WHOLE_NUMBER.test(value)) {
    throw invalidParameter(`Parameter "${name}" must be a whole number of 0 or more, not "${value}".`);
  }
  return Number(value);
}

/** `*` any run of characters, `?` one; case-insensitive, on the name alone. */
function wildcard(pattern: string): (node: ResourceNode) => boolean {
  const source = [...pattern].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&'))).join('');
  const regex = new RegExp(`^${source}$`, 'iu');
  return (node) => regex.test(node.name);
}

/** Folders first, then by name, unless `sort` says otherwise; ties by path, so pages never overlap. */
function comparator(sort: string | undefined): (a: ResourceNode, b: ResourceNode) => number {
  const compare: Readonly<Record<string, (a: ResourceNode, b: ResourceNode) => number>> = {
    name: (a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }),
    size: (a, b) => a.size - b.size,
    date: (a, b) => a.updatedAt - b.updatedAt,
    timeline: (a, b) => a.createdAt - b.createdAt,
    // Folders, then files by extension.
    type: (a, b) => (a.type === b.type ? extensionOf(a.path).localeCompare(extensionOf(b.path)) : a.type === 'dir' ? -1 : 1),
  };
  const foldersFirst = (a: ResourceNode, b: ResourceNode) => (a.type === b.type ? 0 : a.type === 'dir' ? -1 : 1);
  const keys = sort === undefined ? [foldersFirst, compare.name!] : sort.split(',').map((part) => part.trim()).filter((part) => part !== '').map((part) => {
    const descending = part.startsWith('-');
    const field = descending ? part.slice(1) : part;
    const by = Object.hasOwn(compare, field) ? compare[field]! : undefined;
    if (!by) {
      throw invalidParameter(`Cannot sort by "${field}". Sort fields are ${Object.keys(compare).join(', ')}, each with "-" for descending.`);
    }
    return descending ? (a: ResourceNode, b: ResourceNode) => -by(a, b) : by;
  });
  return (a, b) => {
    for (const key of keys) {
      const difference = key(a, b);
      if (difference !== 0) {
        return difference;
      }
    }
    return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
  };
}
