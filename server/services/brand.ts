import { BRAND_LOGO_MAX_BYTES } from '../../kpi-library/wire-types.js'

// The MSP's logo (settings brandLogo) goes into every QBR the MSP hands a client, rendered offline in Chromium.
// The settings schema has already checked its form (a PNG or SVG base64 data URL, no longer than the limit);
// this reads inside it. An SVG is refused, not cleaned, when it could run script or fetch anything: a logo
// needs neither, and a cleaner that misses one trick would put it in front of every client.

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

// What an SVG may not carry, with the words the refusal names it by.
const SVG_REFUSED: Array<[RegExp, string]> = [
  [/<script\b/i, 'a <script> element'],
  [/\son[a-z]+\s*=/i, 'an event handler attribute (onload=, onclick=, ...)'],
  [/javascript\s*:/i, 'a javascript: link'],
  [/<foreignObject\b/i, 'a <foreignObject> element'],
  [/<!(DOCTYPE|ENTITY)\b/i, 'a DOCTYPE or ENTITY declaration'],
  [/<(iframe|embed|object)\b/i, 'an embedded document'],
  [/(?:href|src)\s*=\s*["']?\s*(?!#|data:image\/(?:png|jpeg|gif|webp);)[^\s"'>]/i, 'a link to another file'],
  [/(@import|url\(\s*["']?\s*(?!#|data:))/i, 'a style that loads another file'],
]

/** Why a logo data URL cannot be used, in one line; null when it can. */
export function logoProblem(dataUrl: string): string | null {
  const match = /^data:image\/(png|svg\+xml);base64,(.*)$/s.exec(dataUrl)
  if (!match) return 'the logo must be a PNG or SVG image'
  const bytes = Buffer.from(match[2]!, 'base64')
  if (bytes.length > BRAND_LOGO_MAX_BYTES)
    return `the logo is ${Math.ceil(bytes.length / 1024)} KB; at most ${BRAND_LOGO_MAX_BYTES / 1024} KB`
  if (match[1] === 'png')
    return bytes.subarray(0, 8).equals(PNG_SIGNATURE) ? null : 'the logo says it is a PNG but is not one'
  const text = bytes.toString('utf8')
  if (!/<svg[\s>]/i.test(text)) return 'the logo says it is an SVG but holds no <svg> element'
  const refused = SVG_REFUSED.find(([pattern]) => pattern.test(text))
  return refused ? `the logo's SVG carries ${refused[1]}; save it without and upload it again` : null
}
