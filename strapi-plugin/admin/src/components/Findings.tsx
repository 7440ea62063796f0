import { Badge, Box, Flex, Link, Status, Typography } from "@strapi/design-system";
import { docsUrlOf, groupByField, type Finding, type ReviewStatus } from "../lib/api";
import { useT, type MessageKey } from "../lib/i18n";

const STATUS_VARIANT: Record<ReviewStatus, "success" | "danger" | "warning" | "secondary"> = {
  clean: "success",
  approved: "success",
  flagged: "warning",
  rejected: "danger",
};

/** A review status as a coloured label. Campaign text is never rendered as HTML anywhere: only as React text. */
export function ReviewStatusBadge({ status }: { status: ReviewStatus | null | undefined }) {
  const t = useT();
  if (!status) return <Typography textColor="neutral600">{t("status.unknown")}</Typography>;
  return (
    <Status variant={STATUS_VARIANT[status]} size="S" data-testid="hipaa-lint-status" data-status={status}>
      <Typography fontWeight="bold" textColor={`${STATUS_VARIANT[status]}700`}>
        {t(`status.${status}` as MessageKey)}
      </Typography>
    </Status>
  );
}

export function SeverityBadge({ severity }: { severity: Finding["severity"] }) {
  const t = useT();
  return (
    <Badge
      backgroundColor={severity === "error" ? "danger100" : "warning100"}
      textColor={severity === "error" ? "danger700" : "warning700"}
      data-severity={severity}
    >
      {t(severity === "error" ? "severity.error" : "severity.warn")}
    </Badge>
  );
}

function FindingItem({ finding }: { finding: Finding }) {
  const t = useT();
  const docs = docsUrlOf(finding);
  return (
    <Box
      tag="li"
      padding={3}
      hasRadius
      background={finding.severity === "error" ? "danger100" : "warning100"}
      borderColor={finding.severity === "error" ? "danger200" : "warning200"}
      data-testid="hipaa-lint-finding"
      data-rule={finding.ruleId ?? ""}
      data-field={finding.field}
    >
      <Flex direction="column" alignItems="stretch" gap={2}>
        <Flex gap={2} wrap="wrap">
          <SeverityBadge severity={finding.severity} />
          <Typography variant="sigma" textColor="neutral800">
            {finding.ruleId ?? t("finding.parseError")}
          </Typography>
          {finding.line != null ? (
            <Typography variant="pi" textColor="neutral600">
              {t("finding.line", { line: finding.line })}
            </Typography>
          ) : null}
          {finding.blocking ? (
            <Typography variant="pi" fontWeight="bold" textColor="danger700">
              {t("finding.blocking")}
            </Typography>
          ) : null}
        </Flex>
        <Typography variant="omega" textColor="neutral800">
          {finding.message}
        </Typography>
        {finding.suggestions?.map((suggestion, i) => (
          <Box key={i} padding={2} background="neutral0" hasRadius data-testid="hipaa-lint-suggestion">
            <Typography variant="pi" textColor="neutral800">
              <Typography variant="pi" fontWeight="bold">
                {t("finding.suggestion")}{" "}
              </Typography>
              {suggestion.desc}
            </Typography>
          </Box>
        ))}
        {docs ? (
          <Link href={docs} isExternal>
            {t("finding.docs", { rule: finding.ruleId ?? "" })}
          </Link>
        ) : null}
      </Flex>
    </Box>
  );
}

/** Findings grouped by the campaign field they are in: subject, preheader, consent category, body, whole template. */
export function FindingsByField({ findings }: { findings: Finding[] }) {
  const t = useT();
  if (findings.length === 0) {
    return (
      <Typography variant="omega" textColor="success700" data-testid="hipaa-lint-no-findings">
        {t("findings.none")}
      </Typography>
    );
  }
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      {groupByField(findings).map(([field, list]) => (
        <Box key={field} data-testid={`hipaa-lint-group-${field}`}>
          <Typography variant="sigma" textColor="neutral600" tag="h3">
            {t(`field.${field}` as MessageKey)} ({list.length})
          </Typography>
          <Box tag="ul" paddingTop={1}>
            <Flex direction="column" alignItems="stretch" gap={2}>
              {list.map((finding, i) => (
                <FindingItem key={`${finding.ruleId}-${i}`} finding={finding} />
              ))}
            </Flex>
          </Box>
        </Box>
      ))}
    </Flex>
  );
}
