import audit from "./audit";
import linting from "./linting";
import reviews from "./reviews";
import settings from "./settings";
import { factories } from "@strapi/strapi";
import { CAMPAIGN_UID, CONSENT_CATEGORY_UID } from "../constants";

/** Core services of the two content types with content API routes (the core controllers call them). */
const campaign = factories.createCoreService(CAMPAIGN_UID as any);
const consentCategory = factories.createCoreService(CONSENT_CATEGORY_UID as any);

export default { audit, linting, reviews, settings, campaign, "consent-category": consentCategory };
