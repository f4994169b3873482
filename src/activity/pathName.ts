// The parts of an ExaVault path that people read: the name of the file or folder, and the folder it
// is in. Free of `vscode`: the sidebar and the resource views both read paths so.

/** The folder a file or folder is in; "/" for the root and what is directly in it. */
export function parentFolder(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '/' : path.slice(0, slash);
}

/** The file's or folder's own name: what follows the last "/" (the path itself when nothing does). */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1) || path;
}
