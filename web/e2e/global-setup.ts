// Starts one real Atrium server for the end-to-end suite: the jar built by Maven, a fresh data
// directory, a free loopback port, and a configuration that lifts the registration rate limit
// (every test registers new accounts from 127.0.0.1).
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

const REPO = resolve(import.meta.dirname, '../..');
const SERVER_JAR = join(REPO, 'server/target/atrium-server.jar');
const LOG_DIR = join(REPO, 'web/target/e2e');
const READY_TIMEOUT_MILLIS = 60_000;
const STOP_TIMEOUT_MILLIS = 15_000;
/** The operator token of this run's server, for the admin API (approving merchants). */
const OPERATOR_TOKEN = randomBytes(24).toString('hex');

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    /** The server's data directory (database, blobs), for checks that nothing readable is stored. */
    dataDir: string;
    operatorToken: string;
  }
}

/** The java binary: ATRIUM_JAVA (the launcher passes the JDK it found), else JAVA_HOME, else PATH. */
function javaBinary(): string {
  if (process.env.ATRIUM_JAVA) return process.env.ATRIUM_JAVA;
  if (process.env.JAVA_HOME) return join(process.env.JAVA_HOME, 'bin/java');
  return 'java';
}

export default async function setup(project: TestProject) {
  if (!existsSync(SERVER_JAR)) {
    throw new Error(`${SERVER_JAR} is missing: build first (./atrium test builds it, or mvn -DskipTests install)`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'atrium-e2e-'));
  const configFile = join(dataDir, 'atrium.yml');
  writeFileSync(
    configFile,
    [
      'rateLimits:',
      '  registrationPerIp: 1000/1h',
      '  registrationPerUsername: 1000/1h',
      '  loginPerIp: 1000/1m',
      '  loginPerUsername: 1000/1m',
      '',
    ].join('\n'),
  );
  mkdirSync(LOG_DIR, { recursive: true });
  const log = createWriteStream(join(LOG_DIR, 'server.log'));
  const server = spawn(javaBinary(), ['--enable-native-access=ALL-UNNAMED', '-jar', SERVER_JAR, 'serve'], {
    env: {
      ...process.env,
      ATRIUM_HOST: '127.0.0.1',
      ATRIUM_PORT: '0',
      ATRIUM_DATA_DIR: join(dataDir, 'data'),
      ATRIUM_CONFIG: configFile,
      // The wallet suite tops up with demo money.
      ATRIUM_WALLET_SANDBOX_TOP_UP_ENABLED: 'true',
      // The payment suite withdraws to IBANs and approves merchants through the admin API.
      ATRIUM_SEPA_OPERATOR_IBAN: 'DE02120300000000202051',
      ATRIUM_ADMIN_TOKEN_SHA256: createHash('sha256').update(OPERATOR_TOKEN).digest('hex'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stderr?.pipe(log);

  try {
    const port = await readyPort(server, log);
    project.provide('baseUrl', `http://127.0.0.1:${port}`);
    project.provide('dataDir', join(dataDir, 'data'));
    project.provide('operatorToken', OPERATOR_TOKEN);
  } catch (error) {
    await stop(server);
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }

  return async () => {
    await stop(server);
    log.end();
    rmSync(dataDir, { recursive: true, force: true });
  };
}

/** Waits for the server's "event=ready url=http://host:port" line and returns the port. */
function readyPort(server: ChildProcess, log: NodeJS.WritableStream): Promise<number> {
  return new Promise((resolvePort, reject) => {
    let seen = '';
    const timer = setTimeout(
      () => reject(new Error(`server not ready in ${READY_TIMEOUT_MILLIS} ms; see web/target/e2e/server.log`)),
      READY_TIMEOUT_MILLIS,
    );
    server.stdout?.on('data', (chunk: Buffer) => {
      log.write(chunk);
      seen = (seen + chunk.toString()).slice(-4096);
      const match = /event=ready url=http:\/\/[^:\s]+:(\d+)/.exec(seen);
      if (match) {
        clearTimeout(timer);
        resolvePort(Number(match[1]));
      }
    });
    server.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before it was ready; see web/target/e2e/server.log`));
    });
    server.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** SIGTERM (graceful), then SIGKILL if the server has not exited in time. */
async function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise<void>((done) => server.once('exit', () => done()));
  server.kill('SIGTERM');
  const timer = setTimeout(() => server.kill('SIGKILL'), STOP_TIMEOUT_MILLIS);
  await exited;
  clearTimeout(timer);
}
