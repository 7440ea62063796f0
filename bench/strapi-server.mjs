// The server side of `npm run bench:strapi`: the real playground Strapi app,
// booted exactly as the integration tests boot it (test/strapi/boot.mjs: a
// fresh SQLite file, 127.0.0.1 on a free port, no admin panel), in a child
// process of bench/strapi.mjs, which drives it over HTTP and tells it, over
// the IPC channel, when to switch the plugin's `lintOnSave` config.
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { bootPlayground } from "../test/strapi/boot.mjs";

if (!process.send) {
  console.error("bench/strapi-server.mjs is started by bench/strapi.mjs (npm run bench:strapi).");
  process.exit(2);
}

const app = await bootPlayground();
const { strapi } = app;
const send = (message) => process.send?.(message);

// Times relint (the lint and its queries, inside a save) where it runs, to
// tell the driver how much of a save with lint it is. Wraps the service's
// method in place: the plugin's code runs as it is.
const reviews = strapi.plugin("hipaa-lint").service("reviews");
const relint = reviews.relint;
let relintMs = [];
reviews.relint = async function timedRelint(...args) {
  const started = performance.now();
  try {
    return await relint.apply(this, args);
  } finally {
    relintMs.push(performance.now() - started);
  }
};

let closing = false;
/** @type {Session | null} */
let profiler = null;
async function close(code = 0) {
  if (closing) return;
  closing = true;
  await app.close().catch((error) => console.error(`bench server: close failed: ${error.message}`));
  process.exit(code);
}

process.on("disconnect", () => void close(1));
process.on("message", (message) => {
  if (message.type === "lintOnSave") {
    // What the app's config/plugins.js sets; the middleware reads it on every save.
    strapi.config.set("plugin::hipaa-lint.lintOnSave", message.value);
    send({ type: "lintOnSave", value: strapi.plugin("hipaa-lint").config("lintOnSave") });
  } else if (message.type === "usage") {
    send({ type: "usage", cpu: process.cpuUsage(), rss: process.memoryUsage().rss, relintMs });
    relintMs = [];
  } else if (message.type === "profile-start") {
    // V8's CPU profiler, as node --cpu-prof runs it, but only while the
    // driver measures: boot and warm-up stay out of the profile.
    profiler = new Session();
    profiler.connect();
    void profiler
      .post("Profiler.enable")
      .then(() => profiler?.post("Profiler.setSamplingInterval", { interval: 200 }))
      .then(() => profiler?.post("Profiler.start"))
      .then(() => send({ type: "profile-start" }));
  } else if (message.type === "profile-stop") {
    void profiler?.post("Profiler.stop").then(({ profile }) => {
      writeFileSync(message.path, JSON.stringify(profile));
      profiler?.disconnect();
      profiler = null;
      send({ type: "profile-stop", path: message.path });
    });
  } else if (message.type === "close") {
    void close(0);
  }
});

send({ type: "ready", baseUrl: app.baseUrl, lintOnSave: strapi.plugin("hipaa-lint").config("lintOnSave") });
