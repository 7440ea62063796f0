const path = require("node:path");

/** SQLite file by default; PostgreSQL when DATABASE_CLIENT=postgres. */
module.exports = ({ env }) => {
  const client = env("DATABASE_CLIENT", "sqlite");
  if (client === "postgres") {
    return {
      connection: {
        client: "postgres",
        connection: {
          host: env("DATABASE_HOST", "127.0.0.1"),
          port: env.int("DATABASE_PORT", 5432),
          database: env("DATABASE_NAME", "hipaa_lint_playground"),
          user: env("DATABASE_USERNAME", "postgres"),
          password: env("DATABASE_PASSWORD", ""),
          schema: env("DATABASE_SCHEMA", "public"),
          ssl: env.bool("DATABASE_SSL", false),
        },
        pool: { min: env.int("DATABASE_POOL_MIN", 0), max: env.int("DATABASE_POOL_MAX", 10) },
      },
    };
  }
  if (client !== "sqlite") throw new Error(`hipaa-lint playground: DATABASE_CLIENT must be "sqlite" or "postgres", not "${client}".`);
  return {
    connection: {
      client: "sqlite",
      connection: { filename: path.resolve(__dirname, "..", env("DATABASE_FILENAME", ".tmp/data.db")) },
      useNullAsDefault: true,
    },
  };
};
