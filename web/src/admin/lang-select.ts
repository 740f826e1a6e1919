import { h } from '../dom.ts'
import type { Lang } from '../types.ts'
import { texts } from './say.ts'

/**
 * The language choice of the builder, the consultant page and their login: remembered in this browser
 * (a `?lang=` in the address would otherwise win over it at the next load, so it is dropped).
 */
export function languageSelect(lang: Lang, onChange: (lang: Lang) => void): HTMLLabelElement {
  const select = h(
    'select',
    { name: 'lang' },
    h('option', { value: 'en', text: 'English' }),
    h('option', { value: 'nl', text: 'Nederlands' }),
  )
  select.value = lang
  select.addEventListener('change', () => {
    const next: Lang = select.value === 'nl' ? 'nl' : 'en'
    localStorage.setItem('roleboard.lang', next)
    const url = new URL(window.location.href)
    if (url.searchParams.has('lang')) {
      url.searchParams.delete('lang')
      history.replaceState(null, '', url)
    }
    onChange(next)
  })
  return h('label.lang', null, `${texts(lang)('language')} `, select)
}
