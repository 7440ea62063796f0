/** Admin users of the booted playground, made with Strapi's admin services and logged in over HTTP. */
import { expect } from "vitest";
import { client } from "./fixtures.js";
import type { Playground } from "./playground.js";

export const PASSWORD = "Str0ng-enough-pass";

export type Client = ReturnType<typeof client>;

/** The first administrator (Super Admin), as the admin panel's registration creates it. */
export async function registerSuperAdmin(app: Playground, email = "ada@example.org"): Promise<Client> {
  const anonymous = client(app.baseUrl);
  const registered = await anonymous.post("/admin/register-admin", { firstname: "Ada", lastname: "Admin", email, password: PASSWORD });
  expect(registered.status, JSON.stringify(registered.body)).toBe(200);
  return login(app, email);
}

/** Logs in through POST /admin/login and returns a client with the admin JWT. */
export async function login(app: Playground, email: string): Promise<Client> {
  const response = await client(app.baseUrl).post("/admin/login", { email, password: PASSWORD });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return client(app.baseUrl, response.body.data.token);
}

/** Creates an active admin user with the roles of these codes (strapi-editor, ...) or names, and logs in. */
export async function adminUser(
  app: Playground,
  email: string,
  firstname: string,
  roles: { codes?: string[]; names?: string[] },
): Promise<{ client: Client; user: any }> {
  const strapi = app.strapi;
  const found = await strapi.db.query("admin::role").findMany({ where: { $or: [{ code: { $in: roles.codes ?? [] } }, { name: { $in: roles.names ?? [] } }] } });
  expect(found.length, `roles ${JSON.stringify(roles)}`).toBe((roles.codes?.length ?? 0) + (roles.names?.length ?? 0));
  const user = await strapi.service("admin::user").create({ email, firstname, lastname: "Test", password: PASSWORD, isActive: true, roles: found.map((r: any) => r.id) });
  return { client: await login(app, email), user };
}
