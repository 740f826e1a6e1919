import { h } from '../dom.ts'
import { BASE, query } from '../api.ts'
import type { BuilderContext } from './builder.ts'

const SCREENS = { '1080p': { width: 1920, height: 1080 }, '4K': { width: 3840, height: 2160 } } as const

/**
 * The real wall page in a scaled frame, as the TV will draw it (the admin's session stands in for the
 * wall's token). `soft` keeps the frame and only reloads it.
 */
export function renderPreview(el: HTMLElement, ctx: BuilderContext, soft: boolean): void {
  const existing = el.querySelector<HTMLIFrameElement>('iframe')
  const src = `${BASE}/wall/${ctx.role}${query({ lang: ctx.lang, refresh: 10_000 })}`
  if (soft && existing && existing.dataset.src === src) {
    existing.contentWindow?.location.reload()
    return
  }
  let screen: keyof typeof SCREENS = (el.dataset.screen as keyof typeof SCREENS) || '1080p'
  const frame = h('iframe', { title: ctx.say('previewFrame'), src, 'data-src': src, tabindex: -1 })
  const box = h('div.preview-box', null, frame)
  const buttons = Object.keys(SCREENS).map((name) => {
    const button = h('button.secondary', { type: 'button', text: name, 'aria-pressed': String(name === screen) })
    button.addEventListener('click', () => {
      screen = name as keyof typeof SCREENS
      el.dataset.screen = screen
      for (const other of buttons) other.setAttribute('aria-pressed', String(other === button))
      size()
    })
    return button
  })
  const size = () => {
    const { width, height } = SCREENS[screen]
    const scale = (box.clientWidth || 640) / width
    frame.style.width = `${width}px`
    frame.style.height = `${height}px`
    frame.style.transform = `scale(${scale})`
    box.style.height = `${Math.round(height * scale)}px`
  }
  el.replaceChildren(h('h2', { text: ctx.say('preview') }), h('div.toolbar', null, ...buttons), box)
  requestAnimationFrame(size)
  new ResizeObserver(size).observe(box)
}
