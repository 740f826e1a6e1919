import { startConnectWiseDesk } from '../connectors/connectwise/simulator/start.js'

// The ConnectWise simulator for the sync benchmark, in a process of its own (`node --import tsx bench/connectwise-sim.ts
// <size>`): unthrottled, so the benchmark measures roleboard's requests and ingest, not ConnectWise's limit (the
// report works out what the limit costs). Prints the CONNECTWISE_* variables, then serves until it is stopped.
const size = (process.argv[2] ?? 'medium') as 'small' | 'medium' | 'large'
const desk = await startConnectWiseDesk({
  world: { size, seed: 42, now: process.env.ROLEBOARD_NOW ?? new Date().toISOString() },
  requestsPerMinute: 0,
})
const { site, company, publicKey, privateKey, clientId } = desk.credentials
process.stdout.write(
  `CONNECTWISE_SITE=${site}\nCONNECTWISE_COMPANY=${company}\nCONNECTWISE_PUBLIC_KEY=${publicKey}\n` +
    `CONNECTWISE_PRIVATE_KEY=${privateKey}\nCONNECTWISE_CLIENT_ID=${clientId}\n`,
)
process.on('SIGTERM', () => void desk.close().then(() => process.exit(0)))
