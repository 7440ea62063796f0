/**
 * The playground is for local use: when a secret is not set in the
 * environment it falls back to a fixed, public development value. Outside
 * development and test (NODE_ENV=production) every secret must come from the
 * environment.
 */
function playgroundSecret(name) {
  if (process.env.NODE_ENV === "production") {
    throw new Error(`hipaa-lint playground: set the secret for "${name}" in the environment; fixed development secrets are refused in production.`);
  }
  return Buffer.from(`hipaa-lint-playground-${name}`).toString("base64");
}

module.exports = { playgroundSecret };
