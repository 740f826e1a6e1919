import { accessSync, chmodSync, closeSync, constants, mkdirSync, openSync, readSync, statSync } from 'node:fs'
import { dirname, isAbsolute, relative } from 'node:path'

/** A database file roleboard cannot use as it is; the message names the file and the problem in one line. */
export class StorageError extends Error {
  override name = 'StorageError'
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`cannot open the database ${displayPath(path)}: ${reason}`)
  }
}

/** A database file and the journal files SQLite keeps next to it. */
export const SQLITE_SUFFIXES = ['', '-wal', '-shm', '-journal']

export const READ_ONLY = 'the file (or its folder) is read-only for this user'

/** A path as a person would type it: relative to the working folder when it lies inside it. */
export function displayPath(path: string): string {
  const inside = relative(process.cwd(), path)
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : path
}

/**
 * Makes `path` ready for the database engine without changing a file that exists: creates its folder
 * (0700) and the file (0600) when missing, and refuses a directory, a file of another format or one
 * this user may not write, before the engine fails on it with a stack trace.
 */
export function prepareDatabaseFile(path: string, header: string): void {
  const folder = dirname(path)
  ensurePrivateFolder(path, folder)
  const stat = statSync(path, { throwIfNoEntry: false })
  if (!stat) return createPrivateFile(path)
  if (stat.isDirectory()) throw new StorageError(path, 'it is a directory')
  if (!stat.isFile()) throw new StorageError(path, 'it is not a regular file')
  if (!allowed(path, constants.R_OK)) throw new StorageError(path, 'the file is not readable for this user')
  if (stat.size > 0 && !startsWith(path, header)) throw new StorageError(path, 'not a SQLite database')
  // The engine writes its journal files next to the database, so the folder must be writable too.
  if (!allowed(path, constants.W_OK) || !allowed(folder, constants.W_OK)) throw new StorageError(path, READ_ONLY)
  tightenMode(path, stat.mode, stat.uid)
}

/**
 * A database written before files were created private (or copied in with a umask of 022) holds the
 * client's tickets and contacts readable by every user: made 0600 with its journal files, when this
 * user owns it. A file someone else owns is left as it is.
 */
function tightenMode(path: string, mode: number, owner: number): void {
  if ((mode & 0o077) === 0 || owner !== process.getuid?.()) return
  for (const suffix of SQLITE_SUFFIXES) {
    try {
      chmodSync(`${path}${suffix}`, 0o600)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
  }
}

const FOLDER_PROBLEMS: Record<string, string> = {
  EACCES: 'no permission',
  EPERM: 'no permission',
  EROFS: 'a read-only file system',
  ENOTDIR: 'a file stands in its path',
  EEXIST: 'a file stands in its path',
  ENOSPC: 'the disk is full',
}

// Only folders roleboard creates are made private: one the user chose (say /srv or /tmp) keeps its mode.
function ensurePrivateFolder(path: string, folder: string): void {
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 })
  } catch (error) {
    const code = String((error as NodeJS.ErrnoException).code)
    throw new StorageError(
      path,
      `its folder ${displayPath(folder)} cannot be created (${FOLDER_PROBLEMS[code] ?? code})`,
    )
  }
}

// The engine gives its -wal and -shm files the main file's mode, so all three stay private.
function createPrivateFile(path: string): void {
  try {
    closeSync(openSync(path, 'wx', 0o600))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
}

function allowed(path: string, mode: number): boolean {
  try {
    accessSync(path, mode)
    return true
  } catch {
    return false
  }
}

function startsWith(path: string, header: string): boolean {
  const expected = Buffer.from(header, 'latin1')
  const found = Buffer.alloc(expected.length)
  const fd = openSync(path, 'r')
  try {
    return readSync(fd, found, 0, found.length, 0) === found.length && found.equals(expected)
  } finally {
    closeSync(fd)
  }
}
