import type { AddressInfo } from 'node:net'
import { SMTPServer } from 'smtp-server'
import { onTestFinished } from 'vitest'

// A real SMTP server on 127.0.0.1 (the smtp-server package) for mail tests: it takes one login, keeps every mail
// it accepts as raw MIME, and refuses with a 4xx while `failing` says so (a mail server that is down for a while).

export interface ReceivedMail {
  from: string
  to: string[]
  raw: string
}

export const SMTP_USER = 'reports@msp.example'
export const SMTP_PASSWORD = 'Sm7p-pa55word-never-shown'

export async function startSmtpReceiver(options: { keep?: boolean } = {}) {
  const received: ReceivedMail[] = []
  const state = { failing: null as null | { code: number; text: string }, logins: 0 }
  const server = new SMTPServer({
    // Plain SMTP with AUTH on loopback: no certificate to trust in a test.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username !== SMTP_USER || auth.password !== SMTP_PASSWORD)
        return callback(new Error('Invalid username or password'))
      state.logins += 1
      callback(null, { user: auth.username })
    },
    onRcptTo(_address, _session, callback) {
      if (!state.failing) return callback()
      const error = Object.assign(new Error(state.failing.text), { responseCode: state.failing.code })
      callback(error)
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.server.address() as AddressInfo).port
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()))
  // `keep`: started outside a test (beforeAll), closed by the caller.
  if (!options.keep) onTestFinished(close)
  return {
    received,
    state,
    port,
    close,
    url: `smtp://${encodeURIComponent(SMTP_USER)}:${SMTP_PASSWORD}@127.0.0.1:${port}`,
  }
}

/** The attachments of a raw MIME mail (base64 parts with a filename), decoded. */
export interface Attachment {
  filename: string
  contentType: string
  content: Buffer
}

export function attachmentsOf(raw: string): Attachment[] {
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(raw)?.[1]
  if (!boundary) return []
  return raw
    .split(`--${boundary}`)
    .map((part): Attachment | null => {
      const [head = '', ...body] = part.split(/\r?\n\r?\n/)
      const filename = /filename="?([^";\r\n]+)"?/i.exec(head)?.[1]
      const contentType = /content-type:\s*([^;\r\n]+)/i.exec(head)?.[1]?.trim() ?? ''
      if (!filename || !/content-transfer-encoding:\s*base64/i.test(head)) return null
      return { filename, contentType, content: Buffer.from(body.join('').replace(/\s+/g, ''), 'base64') }
    })
    .filter((part) => part !== null)
}

/** A header of a raw mail (the first one of that name), unfolded. */
export function headerOf(raw: string, name: string): string | null {
  const head = raw.split(/\r?\n\r?\n/)[0] ?? ''
  const match = new RegExp(`^${name}:\\s*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(head)
  return match ? match[1]!.replace(/\r?\n[ \t]+/g, ' ') : null
}
