import { networkInterfaces } from 'node:os'
import type { Lang } from '../../kpi-library/wire-types.js'
import type { ScreenAddress } from '../wire/tokens.js'

const LOOPBACK = /^(127\.|localhost$|::1$|\[::1\]$)/

/** Where screens on the network can reach this server, for the builder's TV setup and the printed links. */
export function screenAddress(
  config: { host: string; publicUrl: string | null },
  port: number,
  interfaces = networkInterfaces(),
): ScreenAddress {
  const everywhere = config.host === '0.0.0.0' || config.host === '::'
  const lan = everywhere
    ? Object.values(interfaces)
        .flatMap((list) => list ?? [])
        .filter((entry) => entry.family === 'IPv4' && !entry.internal)
        .map((entry) => `http://${entry.address}:${port}`)
    : LOOPBACK.test(config.host)
      ? []
      : [`http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`]
  return {
    bound: config.host,
    localOnly: config.publicUrl === null && LOOPBACK.test(config.host),
    publicUrl: config.publicUrl,
    lan,
  }
}

/** The base of printed links: the public address when set, else a LAN address, else the local one. */
export function linkBase(address: ScreenAddress, local: string): string {
  return address.publicUrl ?? address.lan[0] ?? local
}

/** A screen's path with the language it was made for, so the screen speaks it on any browser. */
export function screenPath(kind: 'wall' | 'person', target: string | number, token: string, lang: Lang): string {
  return `/${kind === 'wall' ? 'wall' : 'me'}/${target}?token=${token}&lang=${lang}`
}
