import { api } from '../api.ts'
import { langFrom } from '../i18n.ts'
import { renderLogin } from '../login.ts'
import type { User } from '../types.ts'
import { startBuilder } from './builder.ts'

/** The builder: asks for the admin login when there is no session, then opens the builder. */
export function startAdmin(root: HTMLElement, options: { notice?: string } = {}): void {
  document.documentElement.classList.add('admin-page')
  // Read at each step: the language chosen on the login card or in the builder holds from then on.
  const lang = () => langFrom(new URLSearchParams(window.location.search))
  const open = (user: string) => startBuilder(root, { lang: lang(), user, onLogout: login })
  const login = () =>
    renderLogin(root, {
      title: 'roleboard',
      path: '/api/session',
      username: 'admin',
      lang: lang(),
      onLoggedIn: open,
      ...(options.notice ? { notice: options.notice } : {}),
    })
  void api<User>('/api/session').then(
    (session) => open(session.user),
    () => login(),
  )
}
