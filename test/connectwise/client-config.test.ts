import { describe, expect, test } from 'vitest'
import { and, dateLiteral, oneOf, or, stringLiteral, where } from '../../connectors/connectwise/conditions.js'
import { connectWiseCredentials, type ConnectWiseEnv } from '../../connectors/connectwise/config.js'
import { numberParameter, parseLinkHeader } from '../../connectors/connectwise/links.js'

// What an MSP types into CONNECTWISE_*, the conditions the sync sends, and the Link headers it reads.

const ENV: ConnectWiseEnv = {
  CONNECTWISE_SITE: 'https://api-eu.myconnectwise.net',
  CONNECTWISE_COMPANY: 'acme',
  CONNECTWISE_PUBLIC_KEY: 'pubKEY123',
  CONNECTWISE_PRIVATE_KEY: 'privSECRET456xyz',
  CONNECTWISE_CLIENT_ID: '5e4b1c9a-0d3f-4a8e-9c61-2f7b8d0e1a23',
}

function configError(env: ConnectWiseEnv): string {
  try {
    connectWiseCredentials(env)
  } catch (error) {
    return (error as Error).message
  }
  throw new Error('expected a configuration error')
}

describe('CONNECTWISE_* settings', () => {
  test('all five give the credentials, the site ending in a slash', () => {
    expect(connectWiseCredentials(ENV)).toEqual({
      site: 'https://api-eu.myconnectwise.net/',
      company: 'acme',
      publicKey: 'pubKEY123',
      privateKey: 'privSECRET456xyz',
      clientId: '5e4b1c9a-0d3f-4a8e-9c61-2f7b8d0e1a23',
    })
  })

  test('none set means no ConnectWise account (the demo runs on a simulator)', () => {
    expect(connectWiseCredentials({})).toBeNull()
    expect(connectWiseCredentials({ CONNECTWISE_SITE: '  ' })).toBeNull()
  })

  test('a missing one is named, in one line without the private key', () => {
    const message = configError({ ...ENV, CONNECTWISE_CLIENT_ID: '' })
    expect(message).toBe('set CONNECTWISE_CLIENT_ID as well (all five are needed)')
    expect(configError({ CONNECTWISE_SITE: ENV.CONNECTWISE_SITE, CONNECTWISE_PRIVATE_KEY: 'privSECRET456xyz' })).toBe(
      'set CONNECTWISE_COMPANY and CONNECTWISE_PUBLIC_KEY and CONNECTWISE_CLIENT_ID as well (all five are needed)',
    )
  })

  test('the site: https required, plain http only for a simulator on this machine', () => {
    expect(configError({ ...ENV, CONNECTWISE_SITE: 'http://api-eu.myconnectwise.net/' })).toBe(
      'CONNECTWISE_SITE must be an https address (ConnectWise requires SSL), not http://',
    )
    const site = (value: string) => connectWiseCredentials({ ...ENV, CONNECTWISE_SITE: value })!.site
    expect(site('http://127.0.0.1:4010')).toBe('http://127.0.0.1:4010/')
    expect(site('http://localhost:4010/')).toBe('http://localhost:4010/')
    expect(site('api-na.myconnectwise.net')).toBe('https://api-na.myconnectwise.net/')
    // The sign-in host people copy from the browser, and an API address pasted whole.
    expect(site('https://eu.myconnectwise.net/')).toBe('https://api-eu.myconnectwise.net/')
    expect(site('https://cw.example.com/v4_6_release/apis/3.0/')).toBe('https://cw.example.com/')
  })
})

describe('ConnectWise conditions', () => {
  test('a watermark in brackets, whole seconds in UTC', () => {
    expect(where('lastUpdated', '>=', new Date('2026-01-01T00:00:00.999Z'))).toBe(
      'lastUpdated >= [2026-01-01T00:00:00Z]',
    )
    expect(dateLiteral('2026-03-29T02:30:00+02:00')).toBe('[2026-03-29T00:30:00Z]')
  })

  test('strings quoted with their quotes and backslashes escaped; booleans and null bare', () => {
    expect(stringLiteral('Waiting "customer"')).toBe('"Waiting \\"customer\\""')
    expect(where('summary', 'contains', 'C:\\temp "x"')).toBe('summary contains "C:\\\\temp \\"x\\""')
    expect(where('closedFlag', '=', false)).toBe('closedFlag = False')
    expect(where('closedDate', '!=', null)).toBe('closedDate != null')
    expect(where('chargeToType', '=', 'ServiceTicket')).toBe('chargeToType = "ServiceTicket"')
  })

  test('in-lists, and joins that keep an or together', () => {
    expect(oneOf('id', [1, 2, 3])).toBe('id in (1,2,3)')
    expect(oneOf('status/name', ['New', 'In "Progress"'])).toBe('status/name in ("New","In \\"Progress\\"")')
    expect(and(where('lastUpdated', '>=', new Date('2026-01-01T00:00:00Z')), null, where('id', '>', 40150))).toBe(
      'lastUpdated >= [2026-01-01T00:00:00Z] and id > 40150',
    )
    expect(and(or(where('board/id', '=', 1), where('board/id', '=', 2)), where('closedFlag', '=', false))).toBe(
      '(board/id = 1 or board/id = 2) and closedFlag = False',
    )
    // A string that holds the word is not a join.
    expect(and(where('summary', '=', 'salt and pepper'), where('id', '>', 1))).toBe(
      'summary = "salt and pepper" and id > 1',
    )
  })

  test('a field name that could break out of the grammar is refused', () => {
    expect(() => where('id = 1 or id', '>', 0)).toThrow('not a ConnectWise field name')
    expect(() => oneOf('id', [])).toThrow()
  })
})

describe('Link headers', () => {
  test('next and last by relation, hrefs with double slashes and commas kept whole', () => {
    const header =
      '<https://api-na.myconnectwise.net/v4_6_release//apis/3.0/company/contacts/?conditions=LastUpdated+%3e%3d+%5b2025-04-01T20%3a02%3a28Z%5d,x&pageSize=2&page=2>; rel="next", ' +
      '<https://api-na.myconnectwise.net/v4_6_release//apis/3.0/company/contacts/?pageSize=2&page=4>; rel=last'
    const links = parseLinkHeader(header)
    expect([...links.keys()]).toEqual(['next', 'last'])
    expect(numberParameter(links.get('next')!, 'page')).toBe(2)
    expect(numberParameter(links.get('last')!, 'page')).toBe(4)
  })

  test('a forward-only next link gives its pageId; an empty header has no links', () => {
    const links = parseLinkHeader(
      '<https://host/v2025_1/apis/3.0/service/tickets?pageSize=1000&PageId=10091>; rel="next"',
    )
    expect(numberParameter(links.get('next')!, 'pageId')).toBe(10091)
    expect(parseLinkHeader('').size).toBe(0)
    expect(parseLinkHeader(undefined).size).toBe(0)
  })
})
