import type { Formatter } from "./index.js";

/** Exactly ESLint's `json` formatter: the results array, serialized. */
const json: Formatter = (results) => JSON.stringify(results);
export default json;
