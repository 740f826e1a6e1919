import { api, ApiError } from '../api.ts'
import { h } from '../dom.ts'
import type { Lang } from '../types.ts'
import { startBuilder } from './builder.ts'

/** The builder: asks for the admin login when there is no session, then opens the builder. */
export function startAdmin(root: HTMLElement, options: { lang: Lang }): void {
  document.documentElement.classList.add('admin-page')
  void (async () => {
    try {
      const session = await api<{ user: string }>('/api/session')
      startBuilder(root, { ...options, user: session.user, onLogout: () => renderLogin(root, options) })
    } catch {
      renderLogin(root, options)
    }
  })()
}

function renderLogin(root: HTMLElement, options: { lang: Lang }): void {
  const username = h('input', { name: 'username', autocomplete: 'username', required: true, value: 'admin' })
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true })
  const message = h('p.form-error', { role: 'alert' })
  const form = h(
    'form.login',
    null,
    h('h1', { text: 'roleboard' }),
    h('label', null, 'User name', username),
    h('label', null, 'Password', password),
    h('button', { type: 'submit', text: 'Log in' }),
    message,
  )
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    message.textContent = ''
    try {
      const session = await api<{ user: string }>('/api/session', { method: 'POST', json: { username: username.value, password: password.value } })
      startBuilder(root, { ...options, user: session.user, onLogout: () => renderLogin(root, options) })
    } catch (error) {
      message.textContent = error instanceof ApiError ? error.message : String(error)
    }
  })
  root.replaceChildren(h('main.login-page', null, form))
  password.focus()
}
