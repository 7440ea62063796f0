import campaign from "./campaign";
import consentCategory from "./consent-category";
import reviewEvent from "./review-event";

export default {
  "consent-category": consentCategory,
  campaign,
  "review-event": reviewEvent,
};
