import nodemailer from 'nodemailer'
import type { SmtpSettings } from '../../config.js'
import type { Outcome } from '../nudges/deliver.js'

// One mail over SMTP (nodemailer: STARTTLS, AUTH, MIME attachments) and what came of it in one line a person can
// act on. The SMTP URL holds the password: no outcome carries it, and an error names the server by its host only.

export interface Mail {
  from: string
  to: string[]
  subject: string
  text: string
  attachment: { filename: string; content: Buffer<ArrayBufferLike> } | null
}

export type SendMail = (mail: Mail) => Promise<Outcome>

const TIMEOUT_MS = 30_000
const MAX_ERROR = 240

/** Sends through `smtp`; each call opens and closes its own connection (reports are few). */
export function smtpSender(smtp: SmtpSettings): SendMail {
  return async (mail) => {
    const url = new URL(smtp.url)
    const transport = nodemailer.createTransport({
      host: url.hostname,
      port: Number(url.port || (smtp.secure ? 465 : 587)),
      secure: smtp.secure,
      auth: url.username
        ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
        : undefined,
      connectionTimeout: TIMEOUT_MS,
      greetingTimeout: TIMEOUT_MS,
      socketTimeout: TIMEOUT_MS,
      // Never log: nodemailer's logger would print the AUTH exchange.
      logger: false,
      debug: false,
    })
    try {
      await transport.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        attachments: mail.attachment
          ? [{ filename: mail.attachment.filename, content: mail.attachment.content, contentType: 'application/pdf' }]
          : [],
      })
      return { ok: true }
    } catch (error) {
      return { ok: false, error: smtpError(error, smtp), retryAfterMs: null }
    } finally {
      transport.close()
    }
  }
}

/** `the mail server smtp.example.nl:587 answered 451 …` with the URL's user and password cut out, on one line. */
export function smtpError(error: unknown, smtp: SmtpSettings): string {
  const failure = error as { code?: string; responseCode?: number; response?: string; message?: string }
  const said = failure.response ?? failure.message ?? String(error)
  const reason =
    failure.responseCode !== undefined
      ? `answered ${said}`
      : failure.code === 'ECONNREFUSED' || failure.code === 'ESOCKET' || failure.code === 'ETIMEDOUT'
        ? `could not be reached (${failure.code}: ${said})`
        : `failed: ${said}`
  return redact(`the mail server ${smtp.host} ${reason}`, smtp)
}

/** The line without the URL, its password or its user name (a server may echo what it was given), at most one line. */
export function redact(text: string, smtp: SmtpSettings): string {
  const url = new URL(smtp.url)
  const secrets = [smtp.url, decodeURIComponent(url.password), url.password, decodeURIComponent(url.username)]
    .filter((part) => part.length > 2)
    .sort((a, b) => b.length - a.length)
  const line = secrets
    .reduce((cut, secret) => cut.split(secret).join('[hidden]'), text)
    .replace(/smtps?:\/\/\S+/gi, '[address]')
    .replace(/\s+/g, ' ')
    .trim()
  return line.length > MAX_ERROR ? `${line.slice(0, MAX_ERROR - 1)}…` : line
}
