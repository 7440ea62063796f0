/**
 * The Compliance review page (main menu, behind `plugin::hipaa-lint.read`):
 * campaign drafts by review status, with counts, last editor and update
 * time; open one in the content manager, or approve / reject it here.
 */
import {
  Box,
  Button,
  EmptyStateLayout,
  Flex,
  SingleSelect,
  SingleSelectOption,
  Table,
  Tbody,
  Td,
  Th,
  Thead,
  Tr,
  Typography,
  Field,
} from "@strapi/design-system";
import { Layouts, Page, useFetchClient, useNotification, useRBAC } from "@strapi/strapi/admin";
import { useCallback, useEffect, useState } from "react";
import { Link as RouterLink } from "react-router-dom";
import { DecisionDialog, type DecisionKind } from "../components/DecisionDialog";
import { ReviewStatusBadge } from "../components/Findings";
import { campaignPath, errorOf, PERMISSIONS, REVIEW_STATUSES, type ReviewRow, type ReviewStatus } from "../lib/api";
import { useT, type MessageKey } from "../lib/i18n";

function ReviewQueue() {
  const t = useT();
  const { get } = useFetchClient();
  const { toggleNotification } = useNotification();
  const { allowedActions } = useRBAC(PERMISSIONS);
  const [status, setStatus] = useState<ReviewStatus>("flagged");
  const [rows, setRows] = useState<ReviewRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [deciding, setDeciding] = useState<{ row: ReviewRow; kind: DecisionKind } | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      const { data } = await get<{ data: ReviewRow[] }>(`/hipaa-lint/reviews?status=${status}`);
      setRows(data.data);
    } catch (e) {
      setError(errorOf(e).message);
      setRows([]);
    }
  }, [get, status]);

  useEffect(() => {
    setRows(null);
    void load();
  }, [load]);

  const onDone = async (kind: DecisionKind) => {
    const title = deciding?.row.title ?? "";
    setDeciding(null);
    toggleNotification({ type: "success", message: t(kind === "approve" ? "review.approvedToast" : "review.rejectedToast", { title }) });
    await load();
  };

  return (
    <Page.Main>
      <Page.Title>{t("review.title")}</Page.Title>
      <Layouts.Header title={t("review.title")} subtitle={t("review.subtitle")} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Box width="24rem">
            <Field.Root name="status">
              <Field.Label>{t("review.filter")}</Field.Label>
              <SingleSelect
                value={status}
                onChange={(value: string | number) => setStatus(String(value) as ReviewStatus)}
                data-testid="hipaa-lint-status-filter"
              >
                {REVIEW_STATUSES.map((value) => (
                  <SingleSelectOption key={value} value={value}>
                    {t(`status.${value}` as MessageKey)}
                  </SingleSelectOption>
                ))}
              </SingleSelect>
            </Field.Root>
          </Box>
          {error ? (
            <Typography textColor="danger600" role="alert">
              {error}
            </Typography>
          ) : null}
          {rows === null ? (
            <Page.Loading />
          ) : rows.length === 0 ? (
            <EmptyStateLayout content={t("review.empty", { status: t(`status.${status}` as MessageKey) })} />
          ) : (
            <Table colCount={8} rowCount={rows.length + 1} data-testid="hipaa-lint-review-table">
              <Thead>
                <Tr>
                  <Th>
                    <Typography variant="sigma">{t("review.col.campaign")}</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">{t("review.col.status")}</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">{t("review.col.errors")}</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">{t("review.col.warnings")}</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">{t("review.col.category")}</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">{t("review.col.editor")}</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">{t("review.col.updatedAt")}</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">{t("review.col.actions")}</Typography>
                  </Th>
                </Tr>
              </Thead>
              <Tbody>
                {rows.map((row) => (
                  <Tr key={row.documentId} data-testid="hipaa-lint-review-row" data-title={row.title}>
                    <Td style={{ maxWidth: "32rem", whiteSpace: "normal" }}>
                      <Flex direction="column" alignItems="flex-start" gap={1}>
                        <Typography fontWeight="bold">{row.title}</Typography>
                        <Typography variant="pi" textColor="neutral600">
                          {row.subject ?? ""}
                        </Typography>
                      </Flex>
                    </Td>
                    <Td>
                      <ReviewStatusBadge status={row.reviewStatus} />
                    </Td>
                    <Td>
                      <Typography textColor={row.errorCount ? "danger600" : "neutral800"} fontWeight="bold">
                        {row.errorCount}
                      </Typography>
                    </Td>
                    <Td>
                      <Typography textColor={row.warningCount ? "warning600" : "neutral800"}>{row.warningCount}</Typography>
                    </Td>
                    <Td>
                      <Typography>{row.consentCategory ?? t("review.noCategory")}</Typography>
                    </Td>
                    <Td>
                      <Typography>{row.lastEditor?.name ?? "—"}</Typography>
                    </Td>
                    <Td>
                      <Typography>{new Date(row.updatedAt).toLocaleString()}</Typography>
                    </Td>
                    <Td>
                      <Flex gap={2}>
                        <Button tag={RouterLink} to={campaignPath(row.documentId)} variant="tertiary" size="S">
                          {t("review.open")}
                        </Button>
                        {allowedActions.canApprove ? (
                          <>
                            <Button variant="success-light" size="S" onClick={() => setDeciding({ row, kind: "approve" })} data-testid="hipaa-lint-row-approve">
                              {t("action.approve")}
                            </Button>
                            <Button variant="danger-light" size="S" onClick={() => setDeciding({ row, kind: "reject" })} data-testid="hipaa-lint-row-reject">
                              {t("action.reject")}
                            </Button>
                          </>
                        ) : null}
                      </Flex>
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
        </Flex>
        {deciding ? (
          <DecisionDialog
            documentId={deciding.row.documentId}
            contentHash={deciding.row.contentHash}
            title={deciding.row.title}
            kind={deciding.kind}
            onClose={() => setDeciding(null)}
            onDone={onDone}
          />
        ) : null}
      </Layouts.Content>
    </Page.Main>
  );
}

export function ReviewPage() {
  return (
    <Page.Protect permissions={PERMISSIONS.read}>
      <ReviewQueue />
    </Page.Protect>
  );
}

export default ReviewPage;
