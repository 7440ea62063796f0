const path = require("node:path");
const { playgroundSecret } = require("./secrets");

module.exports = ({ env }) => ({
  // The plugin from this repository (strapi-plugin/), built into its dist/.
  "hipaa-lint": {
    enabled: true,
    resolve: path.resolve(__dirname, "../.."),
  },
  // The public content API's Public and Authenticated roles, as in a default
  // Strapi app: the tests give them access to campaigns as an admin might.
  "users-permissions": {
    config: { jwtSecret: env("JWT_SECRET", playgroundSecret("users-permissions-jwt")) },
  },
});
