import { api, ApiError, query } from '../api.ts'
import { h } from '../dom.ts'
import type { DashboardPackage, Lang, RoleInfo } from '../types.ts'
import { downloadJson } from './package-file.ts'
import type { Say } from './say.ts'

/** Export: the chosen roles' dashboards (and the strip) as a package file, named and versioned by the user. */
export function renderExport(
  el: HTMLElement,
  roles: RoleInfo[],
  options: { lang: Lang; say: Say; notify: (text: string, level?: 'ok' | 'error') => void },
): void {
  const { lang, say, notify } = options
  const withDashboard = roles.filter((role) => role.dashboard)
  const boxes = withDashboard.map((role) => ({
    role,
    box: h('input', { type: 'checkbox', name: 'export-role', value: role.id, checked: true }),
  }))
  const strip = h('input', { type: 'checkbox', name: 'export-strip', checked: true })
  const name = h('input', {
    name: 'package-name',
    value: 'my-dashboards',
    required: true,
    pattern: '[a-z0-9]+(-[a-z0-9]+)*',
    maxlength: 64,
    'aria-label': say('packageName'),
  })
  const version = h('input', {
    name: 'package-version',
    value: '1.0.0',
    required: true,
    maxlength: 64,
    size: 8,
    'aria-label': say('version'),
  })
  const author = h('input', {
    name: 'package-author',
    placeholder: say('authorExample'),
    maxlength: 120,
    'aria-label': say('author'),
  })
  const message = h('p.form-error', { role: 'alert' })
  const form = h(
    'form.export',
    null,
    h(
      'fieldset.role-choice',
      null,
      h('legend', { text: say('dashboards') }),
      ...boxes.map(({ role, box }) => h('label', null, box, ` ${role.name[lang]}`)),
      h('label', null, strip, ` ${say('companyStripChoice')}`),
    ),
    h(
      'div.fields',
      null,
      h('label', null, say('name'), name),
      h('label', null, say('version'), version),
      h('label', null, say('author'), author),
    ),
    h('div.toolbar', null, h('button', { type: 'submit', text: say('exportPackage') })),
    message,
  )
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    message.textContent = ''
    const chosen = boxes.filter(({ box }) => box.checked).map(({ role }) => role.id)
    if (chosen.length === 0) {
      message.textContent = say('chooseDashboard')
      return
    }
    try {
      const search = query({
        roles: chosen.join(','),
        name: name.value.trim(),
        version: version.value.trim(),
        author: author.value.trim(),
        strip: String(strip.checked),
      })
      const pkg = await api<DashboardPackage>(`/api/packages/export${search}`)
      downloadJson(`${pkg.name}-${pkg.version}.json`, pkg)
      notify(say('exported', { name: pkg.name, version: pkg.version, n: chosen.length }))
    } catch (error) {
      message.textContent = error instanceof ApiError ? error.message : String(error)
    }
  })
  el.replaceChildren(h('h2', { text: say('exportHeading') }), h('p.muted', { text: say('exportIntro') }), form)
}
