import { execFile } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, test } from 'vitest'
import { openDatabase } from '../../db/index.js'
import { changeTile, getDashboard, installDefaults } from '../../server/services/dashboards.js'
import { tempDir } from '../helpers/sync-env.js'
import { NOW, snapshot } from './env.js'

const BIN = new URL('../../bin/roleboard.mjs', import.meta.url).pathname

async function roleboard(db: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, 'package', ...args], {
      env: { ...process.env, ROLEBOARD_DB: db },
      timeout: 60_000,
    })
    return { code: 0, stdout, stderr }
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string }
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr }
  }
}

async function withDb<T>(
  path: string,
  run: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>,
): Promise<T> {
  const handle = await openDatabase(path)
  try {
    await installDefaults(handle.db, NOW)
    return await run(handle.db)
  } finally {
    await handle.close()
  }
}

describe('roleboard package', () => {
  test('export, import, diff and upgrade end to end, with exit codes and one-line errors', async () => {
    const dir = tempDir()
    const [demo, client] = [join(dir, 'demo.sqlite'), join(dir, 'client.sqlite')]
    const v1 = join(dir, 'v1.json')

    const exported = await roleboard(
      demo,
      'export',
      '--out',
      v1,
      '--roles',
      'service-manager,engineer',
      '--name',
      'msp-basics',
      '--version',
      '1.0.0',
      '--author',
      'Consultant',
    )
    expect(exported, exported.stderr).toMatchObject({ code: 0 })
    expect(exported.stdout).toBe(
      `Wrote ${v1}: msp-basics 1.0.0, 2 roles (service-manager, engineer), 36 tiles, 4 strip goals\n`,
    )
    expect(JSON.parse(readFileSync(v1, 'utf8'))).toMatchObject({ name: 'msp-basics', author: 'Consultant' })

    const imported = await roleboard(client, 'import', v1)
    expect(imported.code, imported.stderr).toBe(0)
    expect(imported.stdout).toContain('Imported msp-basics 1.0.0.')
    expect(await roleboard(client, 'import', v1)).toMatchObject({
      code: 1,
      stderr:
        'roleboard package import: the package "msp-basics" is installed already (version 1.0.0); use upgrade to move to 1.0.0\n',
    })

    // The same target changed on both sides: a conflict.
    await withDb(client, async (db) =>
      changeTile(
        db,
        'engineer',
        (await getDashboard(db, 'engineer'))!.tiles.find((t) => t.kpi === 'tickets_open')!.id,
        { target: 30, warn: 50 },
        NOW,
      ),
    )
    await withDb(demo, async (db) =>
      changeTile(
        db,
        'engineer',
        (await getDashboard(db, 'engineer'))!.tiles.find((t) => t.kpi === 'tickets_open')!.id,
        { target: 35, warn: 55 },
        NOW,
      ),
    )
    const v2 = join(dir, 'v2.json')
    expect(
      (
        await roleboard(
          demo,
          'export',
          '--out',
          v2,
          '--roles',
          'service-manager,engineer',
          '--name',
          'msp-basics',
          '--version',
          '1.1.0',
        )
      ).code,
    ).toBe(0)

    const diff = await roleboard(client, 'diff', v2)
    expect(diff.code, diff.stderr).toBe(0)
    expect(diff.stdout).toContain('Upgrade msp-basics 1.0.0 -> 1.1.0:')
    expect(diff.stdout).toContain('! CONFLICT on tile tickets_open target: yours 30/50, package 35/55')
    const refused = await roleboard(client, 'upgrade', v2)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(
      /^roleboard package upgrade: 1 conflict \(first: engineer: .+\); choose keep-mine or take-theirs\n$/,
    )
    const upgraded = await roleboard(client, 'upgrade', v2, '--on-conflict', 'take-theirs')
    expect(upgraded.code, upgraded.stderr).toBe(0)
    expect(upgraded.stdout).toContain('Upgraded to msp-basics 1.1.0.')
    const tile = await withDb(client, async (db) =>
      (await getDashboard(db, 'engineer'))!.tiles.find((t) => t.kpi === 'tickets_open'),
    )
    expect(tile).toMatchObject({ target: 35, warn: 55 })
  })

  test('bad files and bad arguments: exit 1, one line, nothing changed', async () => {
    const dir = tempDir()
    const db = join(dir, 'client.sqlite')
    const before = await withDb(db, snapshot)
    const bad = join(dir, 'bad.json')
    writeFileSync(bad, '{"format": "roleboard-package", "formatVersion": 2}')
    const cases: Array<[string[], string]> = [
      [
        ['import', bad],
        'roleboard package import: bad package: formatVersion 2 is not one this roleboard reads (it reads 1)\n',
      ],
      [
        ['upgrade', bad, '--on-conflict', 'keep-mine'],
        'roleboard package upgrade: bad package: formatVersion 2 is not one this roleboard reads (it reads 1)\n',
      ],
      [
        ['diff', join(dir, 'missing.json')],
        `roleboard package diff: cannot read ${join(dir, 'missing.json')}: ENOENT\n`,
      ],
      [
        ['upgrade', bad, '--on-conflict', 'mine'],
        'roleboard package upgrade: --on-conflict must be keep-mine or take-theirs, not "mine"\n',
      ],
      [['export', '--roles', 'nobody'], 'roleboard package export: there is no dashboard for the role "nobody"\n'],
    ]
    for (const [args, message] of cases)
      expect(await roleboard(db, ...args)).toMatchObject({ code: 1, stderr: message, stdout: '' })
    const unknown = await roleboard(db, 'frobnicate')
    expect(unknown.code).toBe(1)
    expect(unknown.stderr.split('\n')[0]).toBe('roleboard package: unknown subcommand "frobnicate"')
    expect(await withDb(db, snapshot)).toEqual(before)
  })
})
