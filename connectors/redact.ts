// The one redaction step every error message passes before it is stored, logged or shown: a PSA
// that echoes our request (headers, URL, body) in its error text must not carry a credential into
// the database, a log line or an answer.

const CENSOR = '[redacted]'

// Header and field names whose values are credentials, in the spellings PSAs and proxies use.
const SENSITIVE_NAMES = [
  'secret',
  'apiintegrationcode',
  'integrationcode',
  'integration_code',
  'username',
  'user-name',
  'user_name',
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api-key',
  'apikey',
  'api_key',
  'password',
  'passwd',
  'token',
  'access_token',
  'refresh_token',
  'client_secret',
  'clientid',
  'client_id',
  'privatekey',
  'private_key',
]

// `Name: value`, `Name=value`, `"Name":"value"`, `'Name' => 'value'`: the value runs to the next
// quote, comma, semicolon, ampersand, brace or line end.
const NAMED_VALUE = new RegExp(
  `(["']?)\\b(${SENSITIVE_NAMES.join('|')})\\1(\\s*(?:[:=]|=>)\\s*)(["']?)[^"'\\r\\n,;&}]*`,
  'gi',
)
// `https://user:password@host`
const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^/\s:@]+:[^/\s@]+@/gi

/**
 * Strips credentials from a message: every known secret value (as is, URL-encoded and base64), the
 * value of any credential-named header or field, and user:password in URLs.
 */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | null | undefined> = []): string {
  let out = text
  for (const secret of secrets) {
    // Very short values would censor ordinary words; credentials are never that short.
    if (!secret || secret.length < 4) continue
    for (const form of new Set([secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')]))
      out = out.split(form).join(CENSOR)
  }
  return out
    .replace(
      NAMED_VALUE,
      (_match, quote: string, name: string, separator: string, valueQuote: string) =>
        `${quote}${name}${quote}${separator}${valueQuote}${CENSOR}`,
    )
    .replace(URL_USERINFO, `$1${CENSOR}@`)
}
