import { Box, Flex, Typography } from "@strapi/design-system";
import type { ReviewEvent } from "../lib/api";
import { useT, type MessageKey } from "../lib/i18n";

const COLOR: Record<ReviewEvent["action"], string> = {
  flagged: "warning600",
  approved: "success600",
  rejected: "danger600",
  "publish-blocked": "danger600",
  published: "success600",
};

/** A campaign's audit trail, newest first. */
export function AuditTrail({ events }: { events: ReviewEvent[] }) {
  const t = useT();
  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid="hipaa-lint-audit">
      <Typography variant="delta" tag="h2">
        {t("audit.title")}
      </Typography>
      {events.length === 0 ? (
        <Typography variant="pi" textColor="neutral600">
          {t("audit.empty")}
        </Typography>
      ) : (
        <Box tag="ol">
          <Flex direction="column" alignItems="stretch" gap={2}>
            {[...events].reverse().map((event) => (
              <Box tag="li" key={event.id} paddingLeft={2} style={{ borderLeft: "2px solid currentColor" }} color={COLOR[event.action]} data-action={event.action}>
                <Typography variant="pi" fontWeight="bold" textColor={COLOR[event.action]}>
                  {t(`audit.action.${event.action}` as MessageKey)}
                </Typography>{" "}
                <Typography variant="pi" textColor="neutral600">
                  {t("audit.byAt", { actor: event.actorName ?? t("audit.system"), at: new Date(event.at).toLocaleString() })}
                </Typography>
                {event.comment ? (
                  <Typography variant="pi" textColor="neutral800" tag="p">
                    “{event.comment}”
                  </Typography>
                ) : null}
              </Box>
            ))}
          </Flex>
        </Box>
      )}
    </Flex>
  );
}
