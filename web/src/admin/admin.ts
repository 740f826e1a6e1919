import { api } from '../api.ts'
import { renderLogin } from '../login.ts'
import type { Lang } from '../types.ts'
import { startBuilder } from './builder.ts'

/** The builder: asks for the admin login when there is no session, then opens the builder. */
export function startAdmin(root: HTMLElement, options: { lang: Lang }): void {
  document.documentElement.classList.add('admin-page')
  const open = (user: string) => startBuilder(root, { ...options, user, onLogout: login })
  const login = () => renderLogin(root, { title: 'roleboard', path: '/api/session', username: 'admin', onLoggedIn: open })
  void api<{ user: string }>('/api/session').then(
    (session) => open(session.user),
    () => login(),
  )
}
