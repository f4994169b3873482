// What really happened to a file, as the generator told it: kept off the wire, so tests compare what
// a client traced through the session log with the truth, never with the tracer run again.

/** One session-log entry of a file's life, as logged. */
export interface FileStep {
  /** STOR, RNTO, MOVE, COPY or DELE. */
  operation: string;
  /** The entry's path (`fileName`): where the file is after this step, or what was deleted. */
  path: string;
  /** The entry's `fileSource`: where a renamed, moved or copied file was before; '' otherwise. */
  source: string;
  username: string;
  /** Milliseconds since the epoch, as logged. */
  created: number;
}

export interface FileHistory {
  /** Oldest first: the upload, then each rename, move or copy that brought the file to its last path. */
  steps: FileStep[];
  /** The deletion that ended it: of its last path, or of a folder above it; undefined while it exists. */
  ended?: FileStep;
}
