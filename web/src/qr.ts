import qrcode from 'qrcode-generator'
import { svg } from './dom.ts'

/** A QR code as an SVG element (qrcode-generator does the encoding; this only draws the modules). */
export function renderQr(text: string, sizePx = 200): SVGElement {
  const qr = qrcode(0, 'M')
  qr.addData(text)
  qr.make()
  const count = qr.getModuleCount()
  const quiet = 4
  let d = ''
  for (let row = 0; row < count; row++)
    for (let col = 0; col < count; col++) if (qr.isDark(row, col)) d += `M${col + quiet} ${row + quiet}h1v1h-1z`
  const side = count + 2 * quiet
  return svg(
    'svg',
    {
      viewBox: `0 0 ${side} ${side}`,
      width: sizePx,
      height: sizePx,
      class: 'qr',
      role: 'img',
      'aria-label': 'QR code',
      'shape-rendering': 'crispEdges',
    },
    svg('rect', { width: side, height: side, fill: '#fff' }),
    svg('path', { d, fill: '#000' }),
  )
}
