/**
 * Boots the real playground Strapi app (strapi-plugin/playground) for an
 * integration test file: a fresh SQLite file, or with
 * DATABASE_CLIENT=postgres a fresh PostgreSQL database, listening on a free
 * port of 127.0.0.1.
 */
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

// Strapi's ESM build does not load under Node's ESM resolver (directory
// imports): load the CommonJS build, as `strapi start` does.
const require = createRequire(import.meta.url);
const { createStrapi } = require("@strapi/strapi");
const pg = require("pg");

export const PLAYGROUND = resolve(dirname(fileURLToPath(import.meta.url)), "../../strapi-plugin/playground");

export const CAMPAIGN = "plugin::hipaa-lint.campaign";
export const CATEGORY = "plugin::hipaa-lint.consent-category";
export const EVENT = "plugin::hipaa-lint.review-event";

export interface Playground {
  strapi: any;
  baseUrl: string;
  close(): Promise<void>;
}

async function freshPostgresDatabase(): Promise<{ name: string; drop(): Promise<void> }> {
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

export async function bootPlayground(): Promise<Playground> {
  const dir = mkdtempSync(join(tmpdir(), "hipaa-lint-strapi-"));
  let dropDatabase: (() => Promise<void>) | null = null;
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
  await new Promise<void>((done) => strapi.server.listen(0, "127.0.0.1", () => done()));
  const { port } = strapi.server.httpServer.address() as AddressInfo;
  return {
    strapi,
    baseUrl: `http://127.0.0.1:${port}`,
    async close() {
      await new Promise<void>((done) => strapi.server.httpServer.close(() => done()));
      await strapi.destroy();
      await dropDatabase?.();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
