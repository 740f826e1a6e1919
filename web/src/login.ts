import { texts, type Say } from './admin/say.ts'
import { languageSelect } from './admin/lang-select.ts'
import { api, ApiError } from './api.ts'
import { h } from './dom.ts'
import type { Lang, User } from './types.ts'

export interface LoginOptions {
  title: string
  /** The session endpoint: POST { username, password } answers { user }. */
  path: string
  username?: string
  lang: Lang
  onLoggedIn: (user: string) => void
  /** A line to show on the card from the start (a consultant's builder link that no longer works). */
  notice?: string
}

/** The server's refusal in the page's language where it has a code for it; its own words otherwise. */
function loginError(error: unknown, say: Say): string {
  if (!(error instanceof ApiError)) return String(error)
  if (error.code === 'bad_login') return say('badLogin')
  const wait = error.code === 'rate_limited' ? /in (\d+) (second|minute)/.exec(error.message) : null
  if (wait) {
    const n = Number(wait[1])
    return say('rateLimited', { wait: say(wait[2] === 'second' ? 'waitSeconds' : 'waitMinutes', { n }) })
  }
  return error.message
}

/** The login card of the builder and the consultant page; choosing a language draws it again in that one. */
export function renderLogin(root: HTMLElement, options: LoginOptions): void {
  const say = texts(options.lang)
  document.documentElement.lang = options.lang
  const username = h('input', {
    name: 'username',
    autocomplete: 'username',
    required: true,
    value: options.username ?? '',
  })
  const password = h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true })
  const message = h('p.form-error', { role: 'alert', text: options.notice ?? '' })
  const form = h(
    'form.login',
    null,
    h(
      'div.login-head',
      null,
      h('h1', { text: options.title }),
      languageSelect(options.lang, (lang) => renderLogin(root, { ...options, lang })),
    ),
    h('label', null, say('userName'), username),
    h('label', null, say('password'), password),
    h('button', { type: 'submit', text: say('logIn') }),
    message,
  )
  form.addEventListener('submit', async (event) => {
    event.preventDefault()
    message.textContent = ''
    try {
      const session = await api<User>(options.path, {
        method: 'POST',
        json: { username: username.value, password: password.value },
      })
      options.onLoggedIn(session.user)
    } catch (error) {
      message.textContent = loginError(error, say)
    }
  })
  root.replaceChildren(h('main.login-page', null, form))
  const first = options.username ? password : username
  first.focus()
}
