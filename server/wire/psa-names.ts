// The PSAs roleboard syncs from and their names, in a module of its own so the browser's pages name the PSA a ticket
// opens in without bundling the schemas. How each PSA is configured is server/psa.ts's.

export const PSA_NAMES = ['autotask', 'connectwise'] as const
export type PsaName = (typeof PSA_NAMES)[number]

/** The PSA's name as people know it, the same in every language: the CLI's lines, the builder's "Data from {psa}". */
export const PSA_TITLES: Readonly<Record<PsaName, string>> = { autotask: 'Autotask', connectwise: 'ConnectWise PSA' }

/** The name a ticket's link gives its PSA ("Open in ConnectWise"): short, so it shares a phone's line with "I'm on it". */
export const PSA_SHORT_NAMES: Readonly<Record<PsaName, string>> = { autotask: 'Autotask', connectwise: 'ConnectWise' }
