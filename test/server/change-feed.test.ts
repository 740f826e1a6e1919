import { setTimeout as sleep } from 'node:timers/promises'
import { describe, expect, test } from 'vitest'
import { ChangeFeed, type FeedListener, type FeedState } from '../../server/services/change-feed.js'

/** A state source that counts its reads; `generation` is what the test moves. */
function source() {
  const counter = { reads: 0, generation: '1' }
  const read = async (): Promise<FeedState> => {
    counter.reads++
    return { generation: counter.generation, dashboards: new Map([['engineer', '1.1']]), strip: 0, revoked: 0 }
  }
  return { counter, read }
}

function recorder() {
  const heard: string[] = []
  const listener: FeedListener = {
    changed: (state) => heard.push(state.generation),
    beat: () => heard.push('beat'),
    end: () => heard.push('end'),
  }
  return { heard, listener }
}

describe('the change feed', () => {
  test('reads only while someone listens, and tells listeners when the state moves', async () => {
    const { counter, read } = source()
    const feed = new ChangeFeed(read, { intervalMs: 10, heartbeatMs: 60_000 })
    await sleep(100)
    expect(counter.reads).toBe(0)

    const { heard, listener } = recorder()
    const joined = (await feed.listen(listener))!
    expect(joined.state.generation).toBe('1')
    counter.generation = '2'
    await expect.poll(() => heard).toEqual(['2'])

    joined.stop()
    await sleep(50) // a read under way when the last listener left may still finish
    const after = counter.reads
    await sleep(100)
    expect(counter.reads).toBe(after)
    expect(feed.listeners).toBe(0)
  })

  test('closing ends every listener and refuses new ones', async () => {
    const { read } = source()
    const feed = new ChangeFeed(read, { intervalMs: 10 })
    const { heard, listener } = recorder()
    await feed.listen(listener)
    feed.close()
    expect(heard).toEqual(['end'])
    expect(await feed.listen(recorder().listener)).toBeNull()
  })
})
