// Starts a throwaway AT Protocol network for the Bluesky connector tests: an in-memory PLC
// directory (as @atproto/dev-env does) and the reference PDS, invites off, nothing else.
//
// Environment:
//   CAREPOST_PDS_MODULES  folder whose node_modules holds @atproto/pds and @did-plc/server
//   CAREPOST_PDS_PORT     port for the PDS (required: its public URL embeds it)
//   CAREPOST_PDS_DATA_DIR empty folder for the PDS's SQLite files and blobs (required)
//   CAREPOST_PLC_PORT     port for the PLC directory (default: any free port)
//
// Prints one JSON line {"pds": url, "plc": url} on stdout when both answer, and exits when
// its stdin closes so a test that dies never leaves it behind.
import { createRequire } from 'node:module'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

const need = (name) => {
  const v = process.env[name]
  if (!v) {
    console.error(`launcher: ${name} is required`)
    process.exit(2)
  }
  return v
}

const modules = need('CAREPOST_PDS_MODULES')
const pdsPort = Number(need('CAREPOST_PDS_PORT'))
const dataDir = need('CAREPOST_PDS_DATA_DIR')
const plcPort = Number(process.env.CAREPOST_PLC_PORT ?? 0)

// The packages live under .cache, not beside this file: resolve them from there.
const require = createRequire(path.join(modules, 'package.json'))
const load = (name) => import(require.resolve(name))
const pds = await load('@atproto/pds')
const plc = await load('@did-plc/server')
const { Secp256k1Keypair } = await load('@atproto/crypto')

const plcServer = plc.PlcServer.create({ db: plc.Database.mock(), port: plcPort })
const plcListener = await plcServer.start()
const plcUrl = `http://localhost:${plcListener.address().port}`

const rotationKey = await Secp256k1Keypair.create({ exportable: true })
const hex = (bytes) => Buffer.from(bytes).toString('hex')
fs.mkdirSync(path.join(dataDir, 'blobs'), { recursive: true })

const env = {
  port: pdsPort,
  hostname: 'localhost',
  devMode: true,
  inviteRequired: false,
  dataDirectory: dataDir,
  blobstoreDiskLocation: path.join(dataDir, 'blobs'),
  didPlcUrl: plcUrl,
  serviceHandleDomains: ['.test'],
  // Secrets are random per run: nothing outlives the test.
  jwtSecret: randomBytes(32).toString('hex'),
  adminPassword: randomBytes(16).toString('hex'),
  dpopSecret: randomBytes(32).toString('hex'),
  plcRotationKeyK256PrivateKeyHex: hex(await rotationKey.export()),
  rateLimitsEnabled: false,
}
const server = await pds.PDS.create(pds.envToCfg(env), pds.envToSecrets(env))
await server.start()

const pdsUrl = `http://localhost:${pdsPort}`
process.stdout.write(JSON.stringify({ pds: pdsUrl, plc: plcUrl }) + '\n')

let stopping = false
const stop = async () => {
  if (stopping) return
  stopping = true
  await Promise.allSettled([server.destroy(), plcServer.destroy()])
  process.exit(0)
}
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
process.stdin.on('end', stop)
process.stdin.on('error', stop)
process.stdin.resume()
