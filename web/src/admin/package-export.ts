import { api, ApiError, query } from '../api.ts'
import { h } from '../dom.ts'
import type { RoleInfo } from '../types.ts'
import { downloadJson } from './package-file.ts'

/** Export: the chosen roles' dashboards (and the strip) as a package file, named and versioned by the user. */
export function renderExport(el: HTMLElement, roles: RoleInfo[], notify: (text: string, level?: 'ok' | 'error') => void): void {
  const withDashboard = roles.filter((role) => role.dashboard)
  const boxes = withDashboard.map((role) => ({ role, box: h('input', { type: 'checkbox', name: 'export-role', value: role.id, checked: true }) }))
  const strip = h('input', { type: 'checkbox', name: 'export-strip', checked: true })
  const name = h('input', { name: 'package-name', value: 'my-dashboards', required: true, pattern: '[a-z0-9]+(-[a-z0-9]+)*', maxlength: 64, 'aria-label': 'Package name' })
  const version = h('input', { name: 'package-version', value: '1.0.0', required: true, maxlength: 64, size: 8, 'aria-label': 'Version' })
  const author = h('input', { name: 'package-author', placeholder: 'Your consultancy', maxlength: 120, 'aria-label': 'Author' })
  const message = h('p.form-error', { role: 'alert' })
  const form = h(
    'form.export',
    null,
    h('fieldset.role-choice', null, h('legend', { text: 'Dashboards' }), ...boxes.map(({ role, box }) => h('label', null, box, ` ${role.name.en}`)), h('label', null, strip, ' Company strip')),
    h('div.fields', null, h('label', null, 'Name', name), h('label', null, 'Version', version), h('label', null, 'Author', author)),
    h('div.toolbar', null, h('button', { type: 'submit', text: 'Export package' })),
    message,
  )
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    message.textContent = ''
    const chosen = boxes.filter(({ box }) => box.checked).map(({ role }) => role.id)
    if (chosen.length === 0) {
      message.textContent = 'Choose at least one dashboard.'
      return
    }
    try {
      const search = query({ roles: chosen.join(','), name: name.value.trim(), version: version.value.trim(), author: author.value.trim(), strip: String(strip.checked) })
      const pkg = await api<{ name: string; version: string }>(`/api/packages/export${search}`)
      downloadJson(`${pkg.name}-${pkg.version}.json`, pkg)
      notify(`Exported ${pkg.name} ${pkg.version} (${chosen.length} dashboard${chosen.length === 1 ? '' : 's'}).`)
    } catch (error) {
      message.textContent = error instanceof ApiError ? error.message : String(error)
    }
  })
  el.replaceChildren(h('h2', { text: 'Export a package' }), h('p.muted', { text: 'Your dashboards as one file, to install at other clients or keep as a copy.' }), form)
}
