import { type ChildProcessByStdio, execFileSync, spawn } from 'node:child_process'
import type { Readable } from 'node:stream'
import { onTestFinished } from 'vitest'

export const BIN = new URL('../../bin/roleboard.mjs', import.meta.url).pathname

export interface CliRun {
  /** null when a signal ended it. */
  code: number | null
  stdout: string
  stderr: string
}

export interface RunningCli {
  child: ChildProcessByStdio<null, Readable, Readable>
  done: Promise<CliRun>
}

/**
 * Starts the real CLI (`node bin/roleboard.mjs ...args`) with `env` over this process's environment;
 * `uid` runs it as that user (through setpriv), for what root is never refused. Killed if the test ends first.
 */
export function startRoleboard(args: string[], env: NodeJS.ProcessEnv, options: { uid?: number } = {}): RunningCli {
  const node = [process.execPath, BIN, ...args]
  const [command, ...rest] =
    options.uid === undefined
      ? node
      : ['setpriv', `--reuid=${options.uid}`, `--regid=${options.uid}`, '--clear-groups', ...node]
  const child = spawn(command!, rest, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk) => (stdout += chunk))
  child.stderr.on('data', (chunk) => (stderr += chunk))
  const done = new Promise<CliRun>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })))
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  })
  return { child, done }
}

export function runRoleboard(args: string[], env: NodeJS.ProcessEnv, options: { uid?: number } = {}): Promise<CliRun> {
  return startRoleboard(args, env, options).done
}

const NOBODY = 65534

/**
 * Who to run as so that file modes bind: this user when it is not root; as root (which ignores modes)
 * the user nobody through setpriv. A string says why neither is possible.
 */
export function unprivilegedUser(): { uid?: number } | string {
  if (process.getuid?.() !== 0) return {}
  try {
    execFileSync('setpriv', ['--version'], { stdio: 'ignore' })
  } catch {
    return 'running as root without setpriv: root writes read-only files, so there is no user to see them read-only'
  }
  // A checkout inside a private folder (a mktemp clone) is out of nobody's reach: then there is no one to run it as.
  try {
    execFileSync(
      'setpriv',
      [
        `--reuid=${NOBODY}`,
        `--regid=${NOBODY}`,
        '--clear-groups',
        process.execPath,
        '-e',
        `require('fs').accessSync(${JSON.stringify(BIN)})`,
      ],
      { stdio: 'ignore' },
    )
    return { uid: NOBODY }
  } catch {
    return 'this checkout is not readable by the user nobody, the only user root can run it as here'
  }
}
