// The server side of `npm run bench:strapi`: the real playground Strapi app,
// booted exactly as the integration tests boot it (test/strapi/boot.mjs: a
// fresh SQLite file, 127.0.0.1 on a free port, no admin panel), in a child
// process of bench/strapi.mjs, which drives it over HTTP and tells it, over
// the IPC channel, when to switch the plugin's `lintOnSave` config.
import { bootPlayground } from "../test/strapi/boot.mjs";

if (!process.send) {
  console.error("bench/strapi-server.mjs is started by bench/strapi.mjs (npm run bench:strapi).");
  process.exit(2);
}

const app = await bootPlayground();
const { strapi } = app;
const send = (message) => process.send?.(message);

let closing = false;
async function close(code = 0) {
  if (closing) return;
  closing = true;
  await app.close().catch((error) => console.error(`bench server: close failed: ${error.message}`));
  // A normal exit, so that --cpu-prof writes its profile.
  process.exit(code);
}

process.on("disconnect", () => void close(1));
process.on("message", (message) => {
  if (message.type === "lintOnSave") {
    // What the app's config/plugins.js sets; the middleware reads it on every save.
    strapi.config.set("plugin::hipaa-lint.lintOnSave", message.value);
    send({ type: "lintOnSave", value: strapi.plugin("hipaa-lint").config("lintOnSave") });
  } else if (message.type === "usage") {
    send({ type: "usage", cpu: process.cpuUsage(), rss: process.memoryUsage().rss });
  } else if (message.type === "close") {
    void close(0);
  }
});

send({ type: "ready", baseUrl: app.baseUrl, lintOnSave: strapi.plugin("hipaa-lint").config("lintOnSave") });
