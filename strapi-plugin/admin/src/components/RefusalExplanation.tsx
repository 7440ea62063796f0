import { Alert, Box, Flex, Typography } from "@strapi/design-system";
import { describeWhere } from "../lib/api";
import { useT } from "../lib/i18n";
import type { Refusal } from "../lib/store";

/** Why the publish gate refused, in words: the blocking findings and where they are, or the reviewer's rejection, and the way out. */
export function RefusalExplanation({ refusal, onDismiss }: { refusal: Refusal; onDismiss(): void }) {
  const t = useT();
  return (
    <Box data-testid="hipaa-lint-refusal" role="alert">
      <Alert variant="danger" title={t("refusal.title")} closeLabel={t("action.close")} onClose={onDismiss}>
        <Flex direction="column" alignItems="stretch" gap={2} paddingTop={1}>
          {refusal.rejection ? (
            <Typography variant="omega">
              {t("refusal.rejected", { actor: refusal.rejection.actorName ?? t("audit.system"), comment: refusal.rejection.comment ?? "" })}
            </Typography>
          ) : (
            <>
              <Typography variant="omega">{t("refusal.findings", { count: refusal.blocking.length })}</Typography>
              <Box tag="ul" paddingLeft={4} style={{ listStyle: "disc" }}>
                {refusal.blocking.map((finding, i) => (
                  <li key={i}>
                    <Typography variant="pi">
                      {t("refusal.finding", { rule: finding.ruleId ?? t("finding.parseError"), where: describeWhere(finding, t), message: finding.message })}
                    </Typography>
                  </li>
                ))}
              </Box>
            </>
          )}
          <Typography variant="pi" fontWeight="bold">
            {refusal.rejection ? t("refusal.wayOutRejected") : t("refusal.wayOut")}
          </Typography>
        </Flex>
      </Alert>
    </Box>
  );
}
