import audit from "./audit";
import linting from "./linting";
import reviews from "./reviews";
import settings from "./settings";

export default { audit, linting, reviews, settings };
