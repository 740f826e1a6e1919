import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { onTestFinished } from 'vitest'

/** The ways a misbehaving PSA (or a proxy in front of it) repeats a request back in its error. */
export type EchoMode =
  'header-lines' | 'header-json' | 'bare-values' | 'html-page' | 'url-userinfo' | 'long-message' | 'malformed-record'

function echo(
  mode: EchoMode,
  headers: IncomingHttpHeaders,
  url: string,
  base: string,
): { status: number; type: string; body: string } {
  const { secret = '', username = '', apiintegrationcode: code = '' } = headers as Record<string, string>
  switch (mode) {
    case 'header-lines':
      return {
        status: 400,
        type: 'application/json',
        body: JSON.stringify({
          errors: [`Rejected. Secret: ${secret}\r\nUserName: ${username}\r\nApiIntegrationCode: ${code}`],
        }),
      }
    case 'header-json':
      return {
        status: 500,
        type: 'application/json',
        body: JSON.stringify({ Message: `Bad request ${JSON.stringify(headers)} at ${url}` }),
      }
    case 'bare-values':
      return {
        status: 400,
        type: 'application/json',
        body: JSON.stringify({
          errors: [
            `no tenant for '${code}' with key '${secret}' (${encodeURIComponent(secret)}, ${Buffer.from(secret).toString('base64')})`,
          ],
        }),
      }
    case 'html-page':
      return { status: 502, type: 'text/html', body: `<html><body><pre>${secret} ${code}</pre></body></html>` }
    case 'long-message':
      // The secret straddles the 200th character, where a cut before redaction would leave half of it.
      return {
        status: 400,
        type: 'application/json',
        body: JSON.stringify({ errors: [`${'x'.repeat(195)} key ${secret} end`] }),
      }
    case 'malformed-record':
      return malformedRecord(secret, url)
    case 'url-userinfo':
      return {
        status: 400,
        type: 'application/json',
        body: JSON.stringify({ errors: [`retry at ${base.replace('http://', `http://${username}:${secret}@`)}`] }),
      }
  }
}

/** A well-formed conversation whose records carry the secret in every field a record is checked on. */
function malformedRecord(secret: string, url: string): { status: number; type: string; body: string } {
  const json = (body: object) => ({ status: 200, type: 'application/json', body: JSON.stringify(body) })
  if (/ThresholdInformation/i.test(url))
    return json({ externalRequestThreshold: 10_000, requestThresholdTimeframe: 60, currentTimeframeRequestCount: 1 })
  if (/entityInformation/i.test(url)) return json({ fields: [] })
  const fields = [
    'isActive',
    'createDate',
    'createDateTime',
    'lastActivityDate',
    'lastModifiedDateTime',
    'dateWorked',
    'startDateTime',
    'status',
    'companyID',
    'resourceID',
    'ticketID',
  ]
  return json({
    items: [{ id: 1, ...Object.fromEntries(fields.map((field) => [field, secret])) }],
    pageDetails: { count: 1, requestCount: 500, nextPageUrl: null },
  })
}

/**
 * An Autotask look-alike on real HTTP that finds the zone like Autotask, then answers every call with
 * an error that repeats the credentials it was sent, in the chosen way.
 */
export async function startHostilePsa(initial: EchoMode = 'header-lines') {
  let mode = initial
  let requests = 0
  const server = createServer((req, res) => {
    requests += 1
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    if (/zoneInformation/i.test(req.url ?? '')) {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ url: `${base}/zone/` }))
      return
    }
    const answer = echo(mode, req.headers, req.url ?? '', base)
    res.writeHead(answer.status, { 'content-type': answer.type }).end(answer.body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  onTestFinished(() => new Promise<void>((resolve) => server.close(() => resolve())))
  const port = (server.address() as AddressInfo).port
  return {
    discoveryUrl: `http://127.0.0.1:${port}/ATServicesRest/`,
    hostPort: `127.0.0.1:${port}`,
    setMode: (next: EchoMode) => (mode = next),
    requests: () => requests,
  }
}

export const HOSTILE_MODES: EchoMode[] = [
  'header-lines',
  'header-json',
  'bare-values',
  'html-page',
  'url-userinfo',
  'long-message',
  'malformed-record',
]
