/**
 * Boots the real playground Strapi app (strapi-plugin/playground) in this
 * process: a fresh SQLite file, or with DATABASE_CLIENT=postgres a fresh
 * PostgreSQL database, listening on a free port of 127.0.0.1, without the
 * admin panel. Plain JavaScript so that both the integration tests
 * (through playground.ts, which adds the types) and `npm run bench:strapi`
 * (a Node script) boot the app the same way.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

// Strapi's ESM build does not load under Node's ESM resolver (directory
// imports): load the CommonJS build, as `strapi start` does.
const require = createRequire(import.meta.url);
const { createStrapi } = require("@strapi/strapi");

export const PLAYGROUND = resolve(dirname(fileURLToPath(import.meta.url)), "../../strapi-plugin/playground");

async function freshPostgresDatabase() {
  const pg = require("pg");
  const name = `hipaa_lint_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = () =>
    new pg.Client({
      host: process.env.DATABASE_HOST ?? "127.0.0.1",
      port: Number(process.env.DATABASE_PORT ?? 5432),
      user: process.env.DATABASE_USERNAME ?? "postgres",
      password: process.env.DATABASE_PASSWORD ?? "",
      database: process.env.DATABASE_ADMIN_NAME ?? "postgres",
    });
  const client = admin();
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  return {
    name,
    async drop() {
      const c = admin();
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** @returns {Promise<{ strapi: any; baseUrl: string; close(): Promise<void> }>} */
export async function bootPlayground() {
  const dir = mkdtempSync(join(tmpdir(), "hipaa-lint-strapi-"));
  /** @type {null | (() => Promise<void>)} */
  let dropDatabase = null;
  process.env.NODE_ENV = "test";
  process.env.HOST = "127.0.0.1";
  process.env.PORT = "0";
  process.env.SERVE_ADMIN_PANEL = "false";
  process.env.LOG_LEVEL ??= "warn";
  process.env.STRAPI_TELEMETRY_DISABLED = "true";
  process.env.BROWSER = "none";
  if (process.env.DATABASE_CLIENT === "postgres") {
    const db = await freshPostgresDatabase();
    process.env.DATABASE_NAME = db.name;
    dropDatabase = db.drop;
  } else {
    process.env.DATABASE_FILENAME = join(dir, "data.db");
  }
  const strapi = createStrapi({ appDir: PLAYGROUND, distDir: PLAYGROUND });
  await strapi.load();
  await new Promise((done) => strapi.server.listen(0, "127.0.0.1", () => done(undefined)));
  const { port } = strapi.server.httpServer.address();
  return {
    strapi,
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      await new Promise((done) => strapi.server.httpServer.close(() => done(undefined)));
      await strapi.destroy();
      await dropDatabase?.();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
