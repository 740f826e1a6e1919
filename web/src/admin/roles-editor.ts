import { api, ApiError } from '../api.ts'
import { h } from '../dom.ts'
import type { RoleInfo } from '../types.ts'
import type { BuilderContext } from './builder.ts'

/**
 * The dashboard's title and its role: rename both, delete a custom role, add a new one (which gets
 * its one, empty dashboard at once). A typed title is served as typed; built-in roles stay.
 */
export function renderRolesEditor(
  el: HTMLElement,
  ctx: BuilderContext,
  roles: RoleInfo[],
  rolesChanged: (select?: string) => Promise<void>,
): void {
  const { say } = ctx
  const role = roles.find((r) => r.id === ctx.role)
  const fail = (error: unknown) => ctx.notify(error instanceof ApiError ? error.message : String(error), 'error')

  const title = h('input', {
    name: 'dashboard-title',
    'aria-label': say('dashboardTitle'),
    maxlength: 120,
    value: ctx.definition.title,
  })
  // As wide as its text (a long question as title was cut), within the panel.
  const fit = () => (title.size = Math.max(24, title.value.length + 2))
  fit()
  title.addEventListener('input', fit)
  // As the wall in this language shows it (a built-in title is stored in English), unless typed in meanwhile.
  let typed = false
  title.addEventListener('input', () => (typed = true))
  void ctx.wall.then((wall) => typed || (title.value = wall.title)).catch(() => undefined)
  const saveTitle = h('button', { type: 'button', text: say('saveTitle') })
  saveTitle.addEventListener('click', async () => {
    const text = title.value.trim()
    if (!text) return fail(say('nameNeeded'))
    if (await ctx.change(`/api/dashboards/${ctx.role}`, 'PUT', { title: text })) ctx.notify(say('titleSaved'))
  })

  const nameEn = h('input', {
    name: 'role-name-en',
    'aria-label': say('roleNameEn'),
    maxlength: 60,
    value: role?.name.en ?? '',
  })
  const nameNl = h('input', {
    name: 'role-name-nl',
    'aria-label': say('roleNameNl'),
    maxlength: 60,
    value: role?.name.nl ?? '',
  })
  const rename = h('button.secondary', { type: 'button', text: say('renameRole') })
  rename.addEventListener('click', async () => {
    const name = { en: nameEn.value.trim(), nl: nameNl.value.trim() }
    if (!name.en || !name.nl) return fail(say('nameNeeded'))
    try {
      await api(`/api/roles/${ctx.role}`, { method: 'PATCH', json: { name } })
      ctx.notify(say('roleRenamed'))
      await rolesChanged(ctx.role)
    } catch (error) {
      fail(error)
    }
  })
  const remove = h('button.danger', { type: 'button', text: say('deleteRole') })
  remove.addEventListener('click', async () => {
    const shown = role?.name[ctx.lang] ?? ctx.role
    if (!window.confirm(say('deleteRoleConfirm', { name: shown }))) return
    try {
      await api(`/api/roles/${ctx.role}`, { method: 'DELETE' })
      ctx.notify(say('roleDeleted', { name: shown }))
      await rolesChanged()
    } catch (error) {
      fail(error)
    }
  })

  const newEn = h('input', {
    name: 'new-role-en',
    'aria-label': say('roleNameEn'),
    placeholder: say('roleNameEn'),
    maxlength: 60,
  })
  const newNl = h('input', {
    name: 'new-role-nl',
    'aria-label': say('roleNameNl'),
    placeholder: say('roleNameNl'),
    maxlength: 60,
  })
  const add = h('button', { type: 'button', text: say('addRole') })
  add.addEventListener('click', async () => {
    const name = { en: newEn.value.trim(), nl: newNl.value.trim() }
    if (!name.en || !name.nl) return fail(say('nameNeeded'))
    const id = freeId(name.en, roles)
    try {
      await api('/api/roles', { method: 'POST', json: { id, name, title: name[ctx.lang] } })
      ctx.notify(say('roleAdded', { name: name[ctx.lang] }))
      await rolesChanged(id)
    } catch (error) {
      fail(error)
    }
  })

  el.replaceChildren(
    h('h2', { text: say('roleAndTitle') }),
    h('div.toolbar.title-row', null, labelled(say('dashboardTitle'), title), saveTitle),
    h(
      'div.toolbar',
      null,
      labelled(say('roleNameEn'), nameEn),
      labelled(say('roleNameNl'), nameNl),
      rename,
      role?.builtin ? null : remove,
    ),
    ...(role?.builtin ? [h('p.muted.builtin-note', { text: say('builtinRole') })] : []),
    h('h3', { text: say('newRole') }),
    h('div.toolbar.new-role', null, newEn, newNl, add),
  )
}

function labelled(text: string, control: HTMLElement): HTMLElement {
  return h('label.inline', null, `${text} `, control)
}

/** A role id from its English name (`Field service` -> `field-service`), unused among `roles`. */
export function freeId(name: string, roles: Array<{ id: string }>): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/^[^a-z]+/, '')
    .slice(0, 34)
    .replace(/-+$/, '')
  const base = slug.length >= 2 ? slug : `role-${slug}`.replace(/-+$/, '') || 'role'
  const taken = new Set(roles.map((role) => role.id))
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`
}
