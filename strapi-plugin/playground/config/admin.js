const { playgroundSecret } = require("./secrets");

module.exports = ({ env }) => ({
  auth: { secret: env("ADMIN_JWT_SECRET", playgroundSecret("admin-jwt")) },
  apiToken: { salt: env("API_TOKEN_SALT", playgroundSecret("api-token-salt")) },
  transfer: { token: { salt: env("TRANSFER_TOKEN_SALT", playgroundSecret("transfer-token-salt")) } },
  secrets: { encryptionKey: env("ENCRYPTION_KEY", playgroundSecret("encryption-key")) },
  // The integration tests talk to the API only and do not build the admin panel.
  serveAdminPanel: env.bool("SERVE_ADMIN_PANEL", true),
  flags: { nps: false, promoteEE: false },
});
