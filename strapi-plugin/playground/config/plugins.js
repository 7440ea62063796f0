const path = require("node:path");

module.exports = () => ({
  // The plugin from this repository (strapi-plugin/), built into its dist/.
  "hipaa-lint": {
    enabled: true,
    resolve: path.resolve(__dirname, "../.."),
  },
});
