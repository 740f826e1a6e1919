import { describe, expect, test } from 'vitest'
import { ADMIN_PASSWORD, adminCookie, appWithData, wallToken } from '../helpers/app-env.js'

describe('malformed and hostile requests', () => {
  test('each gets a 4xx with a message, never a 500, and no secret shows in any answer or log line', async () => {
    const { app, logs, sim } = await appWithData()
    const cookie = await adminCookie(app)
    const { token } = await wallToken(app, cookie, 'engineer')
    const admin = { cookie }
    const json = { cookie, 'content-type': 'application/json' }
    const cases: Array<{
      name: string
      method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
      url: string
      headers?: Record<string, string>
      payload?: unknown
    }> = [
      { name: 'path traversal in the role', url: '/api/dashboards/..%2F..%2Fetc%2Fpasswd', headers: admin },
      { name: 'role in capitals', url: '/api/dashboards/OWNER', headers: admin },
      { name: 'unknown language', url: '/api/dashboards/engineer?lang=fr', headers: admin },
      { name: 'me that is no number', url: '/api/dashboards/engineer?me=abc', headers: admin },
      {
        name: 'SQL in a KPI id',
        method: 'POST',
        url: '/api/dashboards/engineer/tiles',
        headers: json,
        payload: { kpi: "tickets_open'; drop table ticket;--" },
      },
      {
        name: 'an object as user name',
        method: 'POST',
        url: '/api/session',
        headers: { 'content-type': 'application/json' },
        payload: { username: { $gt: '' }, password: 'x' },
      },
      {
        name: 'an oversized body',
        method: 'POST',
        url: '/api/session',
        headers: { 'content-type': 'application/json' },
        payload: { username: 'admin', password: 'x'.repeat(200_000) },
      },
      {
        name: 'SQL in a role',
        method: 'POST',
        url: '/api/tokens',
        headers: json,
        payload: { kind: 'wall', role: "engineer' OR 1=1 --", name: 'x' },
      },
      { name: 'a negative token id', method: 'DELETE', url: '/api/tokens/-1', headers: admin },
      { name: 'a token id beyond any integer', method: 'DELETE', url: '/api/tokens/99999999999999', headers: admin },
      {
        name: 'a fractional tile id',
        method: 'PATCH',
        url: '/api/dashboards/engineer/tiles/1.5',
        headers: json,
        payload: { size: 's' },
      },
      {
        name: 'an acknowledgement without login',
        method: 'POST',
        url: '/api/acks',
        headers: { 'content-type': 'application/json' },
        payload: { kpi: 'csat_low_callback', rowKey: 'surveyId=1' },
      },
      {
        name: 'an acknowledgement on a number KPI',
        method: 'POST',
        url: '/api/acks',
        headers: json,
        payload: { kpi: 'tickets_open', rowKey: 'x' },
      },
      {
        name: 'a nested object as parameter',
        method: 'POST',
        url: '/api/dashboards/engineer/tiles',
        headers: json,
        payload: { kpi: 'csat_low_callback', params: { days: { $ne: 1 } } },
      },
      {
        name: 'a string where a list belongs',
        method: 'PUT',
        url: '/api/company-strip',
        headers: json,
        payload: { goals: 'all of them' },
      },
      {
        name: 'a body that is not JSON',
        method: 'POST',
        url: '/api/dashboards/engineer/tiles',
        headers: { cookie, 'content-type': 'text/plain' },
        payload: 'kpi=tickets_open',
      },
      { name: 'broken JSON', method: 'POST', url: '/api/dashboards/engineer/tiles', headers: json, payload: '{"kpi":' },
      { name: 'path tricks in a KPI id', url: '/api/kpis/..%2F..%2Fpackage.json', headers: admin },
      { name: 'a person id that is text', url: '/api/me/abc', headers: admin },
      { name: 'a token of 5,000 characters', url: `/api/dashboards/engineer?token=${'a'.repeat(5000)}` },
      { name: 'a malformed session cookie', url: '/api/roles', headers: { cookie: 'rb_session=%E0%A4%A' } },
      {
        name: 'too many tiles',
        method: 'PUT',
        url: '/api/dashboards/engineer',
        headers: json,
        payload: { tiles: Array.from({ length: 151 }, () => ({ kpi: 'tickets_open' })) },
      },
      {
        name: 'a role that exists',
        method: 'POST',
        url: '/api/roles',
        headers: json,
        payload: { id: 'owner', name: { en: 'Owner', nl: 'Eigenaar' } },
      },
      {
        name: 'a prototype-polluting role id',
        method: 'POST',
        url: '/api/roles',
        headers: json,
        payload: { id: '__proto__', name: { en: 'x', nl: 'x' } },
      },
      {
        name: 'an unknown property',
        method: 'POST',
        url: '/api/dashboards/engineer/tiles',
        headers: json,
        payload: { kpi: 'tickets_open', sql: 'select 1' },
      },
      {
        name: 'a huge bearer token',
        url: '/api/dashboards/engineer',
        headers: { authorization: `Bearer ${'x'.repeat(5000)}` },
      },
      {
        name: 'a wall token trying to write',
        method: 'PUT',
        url: `/api/dashboards/engineer?token=${token}`,
        headers: { 'content-type': 'application/json' },
        payload: { title: 'mine now' },
      },
      { name: 'a wall token reading another role', url: `/api/dashboards/finance?token=${token}` },
      { name: 'an unknown route', url: '/api/../../etc/passwd' },
    ]
    const bodies: string[] = []
    for (const c of cases) {
      const response = await app.inject({
        method: c.method ?? 'GET',
        url: c.url,
        ...(c.headers ? { headers: c.headers } : {}),
        ...(c.payload !== undefined ? { payload: c.payload as string } : {}),
      })
      bodies.push(response.body)
      expect(response.statusCode, `${c.name}: ${response.body}`).toBeGreaterThanOrEqual(400)
      expect(response.statusCode, `${c.name}: ${response.body}`).toBeLessThan(500)
      expect(response.json().message, c.name).toEqual(expect.any(String))
    }
    expect(cases.length).toBeGreaterThanOrEqual(20)
    const everything = [...bodies, ...logs].join('\n')
    for (const secret of [ADMIN_PASSWORD, token, sim.credentials.secret, cookie.split('=')[1]!])
      expect(everything).not.toContain(secret)
    expect(logs.length).toBeGreaterThan(0)
  })
})
