import { api, ApiError } from './api.ts'
import { h } from './dom.ts'

export interface LoginOptions {
  title: string
  /** The session endpoint: POST { username, password } answers { user }. */
  path: string
  username?: string
  onLoggedIn: (user: string) => void
}

/** The login card of the builder and the consultant page. */
export function renderLogin(root: HTMLElement, options: LoginOptions): void {
  const username = h('input', { name: 'username', autocomplete: 'username', required: true, value: options.username ?? '' })
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true })
  const message = h('p.form-error', { role: 'alert' })
  const form = h(
    'form.login',
    null,
    h('h1', { text: options.title }),
    h('label', null, 'User name', username),
    h('label', null, 'Password', password),
    h('button', { type: 'submit', text: 'Log in' }),
    message,
  )
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    message.textContent = ''
    try {
      const session = await api<{ user: string }>(options.path, { method: 'POST', json: { username: username.value, password: password.value } })
      options.onLoggedIn(session.user)
    } catch (error) {
      message.textContent = error instanceof ApiError ? error.message : String(error)
    }
  })
  root.replaceChildren(h('main.login-page', null, form))
  const first = options.username ? password : username
  first.focus()
}
