const { winston, formats: { prettyPrint, levelFilter } } = require("@strapi/logger");

/** LOG_LEVEL (default "http"); the tests set "warn" to keep their output readable. */
module.exports = {
  transports: [
    new winston.transports.Console({
      level: process.env.LOG_LEVEL || "http",
      format: winston.format.combine(levelFilter(process.env.LOG_LEVEL || "http"), prettyPrint({ timestamps: "YYYY-MM-DD hh:mm:ss.SSS" })),
    }),
  ],
};
